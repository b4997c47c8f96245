//! Statement text is searched by word stems now ("drones" meets "drone"):
//! its folded text, written before, holds whole words. Folding needs the
//! API's stemmer, which a migration cannot run, so this one empties the
//! column and the API refills every statement at its next start, as it does
//! for any statement without one. The indexes follow the column: FTS5's
//! triggers on SQLite, the GIN index's expression on PostgreSQL.

use crate::common::run;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, "UPDATE statement SET folded_text = NULL").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Whole-word folding is the API's of before; it refills the column.
        run(manager, "UPDATE statement SET folded_text = NULL").await
    }
}
