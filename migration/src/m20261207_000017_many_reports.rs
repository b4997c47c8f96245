//! A fact reported by many sources.
//!
//! A fact's own row keeps its first report: the source, span and excerpt it
//! was recorded from. `fact_evidence` keeps every later report of the same
//! fact, from another outlet or another passage, one row each. A row
//! belongs to exactly one fact through one of its six fact columns, and
//! goes with that fact when it is deleted. The unique index on each fact
//! column also finds a fact's reports.
//!
//! `statement.text_key` is a short hash of a statement's words as two
//! outlets quoting them would both give them (quote marks, case, spacing
//! and trailing punctuation evened out); with the speaker it finds the
//! statement a second outlet reports. The server derives it, as it does
//! `folded_text`.

use crate::cols;
use crate::common::{Evidence, create, drop, evidence_columns, fk, id, index, optional_reference, run};
use sea_orm_migration::prelude::*;

/// The fact columns of `fact_evidence`, with the table each points to.
const FACTS: [(FactEvidence, &str); 6] = [
    (FactEvidence::StatementId, "statement"),
    (FactEvidence::RoleId, "role"),
    (FactEvidence::RelationId, "relation"),
    (FactEvidence::FinancialMeasureId, "financial_measure"),
    (FactEvidence::EventId, "event"),
    (FactEvidence::EventQuantityId, "event_quantity"),
];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table.table(FactEvidence::Table).col(id(FactEvidence::Id));
        for (col, target) in FACTS {
            table.col(optional_reference(col)).foreign_key(&mut fk(
                &format!("fk_fact_evidence_{target}"),
                col,
                Alias::new(target),
                ForeignKeyAction::Cascade,
            ));
        }
        // Exactly one fact column is set.
        let set = FACTS
            .iter()
            .map(|(col, _)| Expr::case(Expr::col(*col).is_not_null(), 1).finally(0).into())
            .reduce(|a: SimpleExpr, b| a.add(b))
            .expect("six columns");
        table.check(set.eq(1));
        evidence_columns(&mut table, "fact_evidence");
        table.col(
            ColumnDef::new(FactEvidence::CreatedAt)
                .timestamp_with_time_zone()
                .not_null()
                .default(Expr::current_timestamp()),
        );
        let mut indexes: Vec<IndexCreateStatement> = FACTS
            .iter()
            .map(|(col, target)| {
                index(
                    FactEvidence::Table,
                    &format!("idx_fact_evidence_{target}"),
                    cols![*col, Evidence::SourceId, Evidence::SpanStart, Evidence::SpanEnd],
                )
                .unique()
                .take()
            })
            .collect();
        indexes.push(index(
            FactEvidence::Table,
            "idx_fact_evidence_source",
            cols![Evidence::SourceId],
        ));
        create(manager, table, indexes).await?;

        manager
            .alter_table(
                Table::alter()
                    .table(Statement::Table)
                    .add_column(ColumnDef::new(Statement::TextKey).text().null())
                    .take(),
            )
            .await?;
        manager
            .create_index(index(
                Statement::Table,
                "idx_statement_text_key",
                cols![Statement::TextKey, Statement::SpeakerId],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, "DROP INDEX \"idx_statement_text_key\"").await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Statement::Table)
                    .drop_column(Statement::TextKey)
                    .take(),
            )
            .await?;
        drop(manager, cols![FactEvidence::Table]).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum FactEvidence {
    Table,
    Id,
    StatementId,
    RoleId,
    RelationId,
    FinancialMeasureId,
    EventId,
    EventQuantityId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Statement {
    Table,
    SpeakerId,
    TextKey,
}
