//! Redirects of merged entities: the ID of an entity merged into another
//! still resolves, to the entity it was merged into.

use crate::cols;
use crate::common::{create, drop, fk, index};
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
            .table(EntityRedirect::Table)
            .col(
                ColumnDef::new(EntityRedirect::OldId)
                    .big_integer()
                    .not_null()
                    .primary_key(),
            )
            .col(ColumnDef::new(EntityRedirect::NewId).big_integer().not_null())
            .col(
                ColumnDef::new(EntityRedirect::MergedAt)
                    .timestamp_with_time_zone()
                    .not_null()
                    .default(Expr::current_timestamp()),
            )
            .check(Expr::col(EntityRedirect::OldId).ne(Expr::col(EntityRedirect::NewId)))
            .foreign_key(&mut fk(
                "fk_entity_redirect_new_id",
                EntityRedirect::NewId,
                Alias::new("entity"),
                ForeignKeyAction::Cascade,
            ));
        create(
            manager,
            table,
            vec![index(
                EntityRedirect::Table,
                "idx_entity_redirect_new_id",
                cols![EntityRedirect::NewId],
            )],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop(manager, cols![EntityRedirect::Table]).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum EntityRedirect {
    Table,
    /// The ID of the entity that was merged away.
    OldId,
    /// The entity it was merged into.
    NewId,
    MergedAt,
}
