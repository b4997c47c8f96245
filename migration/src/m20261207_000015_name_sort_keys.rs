//! `orderBy: NAME` sorts by the name as written, ignoring case and accents.
//!
//! Lists sorted by `normalized_name`, the folded key that entity resolution
//! matches by, so "Yuri Ushakov" sorted as "iuri ushakov". `sort_name`
//! holds the name lower-cased with its accents taken off ("yuri ushakov",
//! "zelenskyy"), which the server computes in Rust when it writes a name,
//! so SQLite and PostgreSQL hold the same bytes. PostgreSQL compares them
//! byte by byte (`COLLATE "C"`), as SQLite does, whatever the database's
//! collation: both give one order. Each table gets a `(sort_name, id)`
//! index for the list's keyset pages.
//!
//! A migration cannot run the server's code, so it adds the column empty;
//! every start fills the keys that are empty (`db::migrate`), as it folds
//! statement texts.

use crate::common::run;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables whose lists sort by name.
const TABLES: [&str; 2] = ["entity", "issue"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let collate = match manager.get_database_backend() {
            DbBackend::Postgres => " COLLATE \"C\"",
            _ => "",
        };
        for table in TABLES {
            run(
                manager,
                &format!(
                    "ALTER TABLE \"{table}\" ADD COLUMN \"sort_name\" TEXT{collate} NOT NULL DEFAULT ''"
                ),
            )
            .await?;
            run(
                manager,
                &format!("CREATE INDEX \"idx_{table}_sort_name\" ON \"{table}\" (\"sort_name\", \"id\")"),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES {
            run(manager, &format!("DROP INDEX \"idx_{table}_sort_name\"")).await?;
            run(
                manager,
                &format!("ALTER TABLE \"{table}\" DROP COLUMN \"sort_name\""),
            )
            .await?;
        }
        Ok(())
    }
}
