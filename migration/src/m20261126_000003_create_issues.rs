//! Issues: what statements are about ("Ukraine's NATO membership"), in a tree.

use crate::cols;
use crate::common::{audit_columns, create, drop, fk, id, index, optional_reference, required_text};
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
            .table(Issue::Table)
            .col(id(Issue::Id))
            .col(required_text(Issue::Table, Issue::Name))
            .col(required_text(Issue::Table, Issue::NormalizedName))
            .col(ColumnDef::new(Issue::Description).text().null())
            .col(optional_reference(Issue::ParentId))
            .col(
                ColumnDef::new(Issue::WikidataId)
                    .string_len(16)
                    .null()
                    .unique_key()
                    .check(Expr::col(Issue::WikidataId).like("Q_%")),
            )
            .check(Expr::col(Issue::ParentId).ne(Expr::col(Issue::Id)))
            .foreign_key(&mut fk(
                "fk_issue_parent",
                Issue::ParentId,
                Issue::Table,
                ForeignKeyAction::Restrict,
            ));
        audit_columns(&mut table);
        create(
            manager,
            table,
            vec![
                index(Issue::Table, "idx_issue_parent_id", cols![Issue::ParentId]),
                index(
                    Issue::Table,
                    "idx_issue_normalized_name",
                    cols![Issue::NormalizedName],
                ),
            ],
        )
        .await?;

        let mut aliases = Table::create();
        aliases
            .table(IssueAlias::Table)
            .col(id(IssueAlias::Id))
            .col(ColumnDef::new(IssueAlias::IssueId).big_integer().not_null())
            .col(required_text(IssueAlias::Table, IssueAlias::Name))
            .col(required_text(IssueAlias::Table, IssueAlias::NormalizedName))
            .foreign_key(&mut fk(
                "fk_issue_alias_issue",
                IssueAlias::IssueId,
                Issue::Table,
                ForeignKeyAction::Cascade,
            ));
        create(
            manager,
            aliases,
            vec![
                index(
                    IssueAlias::Table,
                    "idx_issue_alias_issue_name",
                    cols![IssueAlias::IssueId, IssueAlias::Name],
                )
                .unique()
                .take(),
                index(
                    IssueAlias::Table,
                    "idx_issue_alias_normalized_name",
                    cols![IssueAlias::NormalizedName],
                ),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop(manager, cols![IssueAlias::Table, Issue::Table]).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Issue {
    Table,
    Id,
    Name,
    NormalizedName,
    Description,
    ParentId,
    WikidataId,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum IssueAlias {
    Table,
    Id,
    IssueId,
    Name,
    NormalizedName,
}
