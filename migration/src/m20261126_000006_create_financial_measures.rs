//! Financial measures: loans, grants, sanctions... with an exact amount, the
//! parties, what they are secured against, their term and share of a need.

use crate::cols;
use crate::common::{
    Evidence, QUALIFIERS, audit_columns, create, drop, evidence_columns, fk, id, index, one_of,
    optional_reference, partial_date, reference, required_text,
};
use sea_orm_migration::prelude::*;

const MEASURE_KINDS: &[&str] = &[
    "loan",
    "grant",
    "aid",
    "sanction",
    "asset_freeze",
    "investment",
    "budget",
    "reparation",
    "other",
];
const STATUSES: &[&str] = &["proposed", "agreed", "disbursed", "cancelled"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut measure = Table::create();
        measure
            .table(FinancialMeasure::Table)
            .col(id(FinancialMeasure::Id))
            .col(one_of(FinancialMeasure::Kind, MEASURE_KINDS, false))
            .col(required_text(FinancialMeasure::Table, FinancialMeasure::Label))
            .col(amount_column())
            .col(
                ColumnDef::new(FinancialMeasure::Currency)
                    .string_len(3)
                    .null()
                    .check(
                        Expr::cust("length(currency) = 3").and(
                            Expr::col(FinancialMeasure::Currency)
                                .eq(Func::upper(Expr::col(FinancialMeasure::Currency))),
                        ),
                    ),
            )
            .col(one_of(FinancialMeasure::AmountQualifier, QUALIFIERS, true))
            .col(one_of(FinancialMeasure::Status, STATUSES, false))
            // An ISO 8601 duration such as P2Y.
            .col(
                ColumnDef::new(FinancialMeasure::Term)
                    .string_len(32)
                    .null()
                    .check(Expr::col(FinancialMeasure::Term).like("P_%")),
            )
            .col(ColumnDef::new(FinancialMeasure::ShareNumerator).integer().null())
            .col(
                ColumnDef::new(FinancialMeasure::ShareDenominator)
                    .integer()
                    .null(),
            )
            .col(ColumnDef::new(FinancialMeasure::ShareOf).text().null())
            .col(optional_reference(FinancialMeasure::ProviderId))
            .col(optional_reference(FinancialMeasure::RecipientId))
            .col(optional_reference(FinancialMeasure::SecuredAgainstEntityId))
            .col(optional_reference(FinancialMeasure::SecuredAgainstIssueId))
            .col(
                ColumnDef::new(FinancialMeasure::SecuredAgainstQualifier)
                    .text()
                    .null(),
            )
            // A currency goes with an amount, and an amount with a currency.
            .check(
                Expr::col(FinancialMeasure::Amount)
                    .is_null()
                    .eq(Expr::col(FinancialMeasure::Currency).is_null()),
            )
            .check(
                Expr::col(FinancialMeasure::ShareNumerator)
                    .is_null()
                    .eq(Expr::col(FinancialMeasure::ShareDenominator).is_null()),
            )
            .check(
                Expr::col(FinancialMeasure::ShareNumerator)
                    .gte(0)
                    .and(Expr::col(FinancialMeasure::ShareDenominator).gt(0)),
            )
            .check(
                Expr::col(FinancialMeasure::SecuredAgainstEntityId)
                    .is_null()
                    .or(Expr::col(FinancialMeasure::SecuredAgainstIssueId).is_null()),
            )
            .foreign_key(&mut fk(
                "fk_financial_measure_provider",
                FinancialMeasure::ProviderId,
                Entity::Table,
                ForeignKeyAction::Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_financial_measure_recipient",
                FinancialMeasure::RecipientId,
                Entity::Table,
                ForeignKeyAction::Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_financial_measure_secured_entity",
                FinancialMeasure::SecuredAgainstEntityId,
                Entity::Table,
                ForeignKeyAction::Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_financial_measure_secured_issue",
                FinancialMeasure::SecuredAgainstIssueId,
                Issue::Table,
                ForeignKeyAction::Restrict,
            ));
        partial_date(
            &mut measure,
            FinancialMeasure::AnnouncedOn.into_iden(),
            FinancialMeasure::AnnouncedOnPrecision.into_iden(),
        );
        evidence_columns(&mut measure, "financial_measure");
        audit_columns(&mut measure);
        let t = FinancialMeasure::Table;
        create(
            manager,
            measure,
            vec![
                index(t, "idx_financial_measure_kind", cols![FinancialMeasure::Kind]),
                index(
                    t,
                    "idx_financial_measure_currency",
                    cols![FinancialMeasure::Currency],
                ),
                index(
                    t,
                    "idx_financial_measure_provider_id",
                    cols![FinancialMeasure::ProviderId],
                ),
                index(
                    t,
                    "idx_financial_measure_recipient_id",
                    cols![FinancialMeasure::RecipientId],
                ),
                index(
                    t,
                    "idx_financial_measure_secured_entity_id",
                    cols![FinancialMeasure::SecuredAgainstEntityId],
                ),
                index(
                    t,
                    "idx_financial_measure_secured_issue_id",
                    cols![FinancialMeasure::SecuredAgainstIssueId],
                ),
                index(
                    t,
                    "idx_financial_measure_source_span",
                    cols![Evidence::SourceId, Evidence::SpanStart, Evidence::SpanEnd],
                ),
            ],
        )
        .await?;

        let mut purpose = Table::create();
        purpose
            .table(FinancialMeasureIssue::Table)
            .col(reference(FinancialMeasureIssue::FinancialMeasureId))
            .col(reference(FinancialMeasureIssue::IssueId))
            .primary_key(
                Index::create()
                    .col(FinancialMeasureIssue::FinancialMeasureId)
                    .col(FinancialMeasureIssue::IssueId),
            )
            .foreign_key(&mut fk(
                "fk_financial_measure_issue_measure",
                FinancialMeasureIssue::FinancialMeasureId,
                FinancialMeasure::Table,
                ForeignKeyAction::Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_financial_measure_issue_issue",
                FinancialMeasureIssue::IssueId,
                Issue::Table,
                ForeignKeyAction::Cascade,
            ));
        create(
            manager,
            purpose,
            vec![index(
                FinancialMeasureIssue::Table,
                "idx_financial_measure_issue_issue_id",
                cols![FinancialMeasureIssue::IssueId],
            )],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop(
            manager,
            cols![FinancialMeasureIssue::Table, FinancialMeasure::Table],
        )
        .await
    }
}

/// The amount is kept as canonical decimal text ("184000000000", "12.5") on
/// both databases: SQLite has no exact decimal type, and one representation
/// keeps the two backends alike. Range filters cast it to a number.
fn amount_column() -> ColumnDef {
    ColumnDef::new(FinancialMeasure::Amount)
        .string_len(64)
        .null()
        .check(Expr::col(FinancialMeasure::Amount).ne(""))
        .take()
}

#[derive(DeriveIden, Clone, Copy)]
pub enum FinancialMeasure {
    Table,
    Id,
    Kind,
    Label,
    Amount,
    Currency,
    AmountQualifier,
    Status,
    Term,
    ShareNumerator,
    ShareDenominator,
    ShareOf,
    ProviderId,
    RecipientId,
    SecuredAgainstEntityId,
    SecuredAgainstIssueId,
    SecuredAgainstQualifier,
    AnnouncedOn,
    AnnouncedOnPrecision,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum FinancialMeasureIssue {
    Table,
    FinancialMeasureId,
    IssueId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Entity {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Issue {
    Table,
}
