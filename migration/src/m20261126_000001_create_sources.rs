//! Sources: the articles every fact cites.

use crate::cols;
use crate::common::{audit_columns, create, drop, id, index, required_text};
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
            .table(Source::Table)
            .col(id(Source::Id))
            .col(required_text(Source::Table, Source::Key).unique_key())
            .col(ColumnDef::new(Source::Url).text().null().unique_key())
            .col(required_text(Source::Table, Source::Title))
            .col(ColumnDef::new(Source::Publisher).text().null())
            .col(ColumnDef::new(Source::PublishedOn).date().null())
            .col(ColumnDef::new(Source::Language).string_len(16).null())
            .col(ColumnDef::new(Source::Text).text().not_null());
        audit_columns(&mut table);
        create(
            manager,
            table,
            vec![
                index(
                    Source::Table,
                    "idx_source_published_on",
                    cols![Source::PublishedOn],
                ),
                index(Source::Table, "idx_source_publisher", cols![Source::Publisher]),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop(manager, cols![Source::Table]).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Source {
    Table,
    Id,
    Key,
    Url,
    Title,
    Publisher,
    PublishedOn,
    Language,
    Text,
}
