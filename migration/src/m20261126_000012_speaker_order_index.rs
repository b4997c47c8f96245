//! A speaker's statements by date, read from one index.
//!
//! A person's page asks for their latest statements: `WHERE speaker_id = ?
//! ORDER BY said_on DESC, id DESC LIMIT n`. With an index of `speaker_id`
//! alone, the database reads every statement of the speaker and sorts them,
//! which for a prolific speaker is tens of thousands of rows for a page of
//! ten. `(speaker_id, said_on, id)` serves the page straight from the index
//! in either direction, and still finds a speaker's statements as the old
//! index did, so it replaces it. On PostgreSQL `said_on` sorts NULLs first,
//! as the lists do (see migration 9).

use crate::common::run;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let nulls = match manager.get_database_backend() {
            DbBackend::Postgres => " NULLS FIRST",
            _ => "",
        };
        run(
            manager,
            &format!(
                "CREATE INDEX \"idx_statement_speaker_said_on\" ON \"statement\" (\"speaker_id\", \"said_on\"{nulls}, \"id\")"
            ),
        )
        .await?;
        run(manager, "DROP INDEX \"idx_statement_speaker_id\"").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            "CREATE INDEX \"idx_statement_speaker_id\" ON \"statement\" (\"speaker_id\")",
        )
        .await?;
        run(manager, "DROP INDEX \"idx_statement_speaker_said_on\"").await
    }
}
