//! The write log: every write, who made it (the token's name) and when.

use crate::cols;
use crate::common::{create, drop, id, index, required_text};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(WriteLog::Table)
            .col(id(WriteLog::Id))
            .col(required_text(WriteLog::Table, WriteLog::Actor))
            .col(required_text(WriteLog::Table, WriteLog::Operation))
            .col(ColumnDef::new(WriteLog::Summary).text().not_null())
            .col(
                ColumnDef::new(WriteLog::At)
                    .timestamp_with_time_zone()
                    .not_null()
                    .default(Expr::current_timestamp()),
            );
        create(
            manager,
            table,
            vec![
                index(
                    WriteLog::Table,
                    "idx_write_log_at",
                    cols![WriteLog::At, WriteLog::Id],
                ),
                index(
                    WriteLog::Table,
                    "idx_write_log_actor",
                    cols![WriteLog::Actor, WriteLog::Id],
                ),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop(manager, cols![WriteLog::Table]).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum WriteLog {
    Table,
    Id,
    /// The name of the token that wrote, or `cli` for the command line.
    Actor,
    /// What was done (`importGraph`, `import`).
    Operation,
    /// What it changed, in words.
    Summary,
    At,
}
