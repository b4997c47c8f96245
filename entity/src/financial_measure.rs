//! Money on the table: a loan, grant, sanction... with its parties and terms.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "financial_measure")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: crate::kinds::FinancialMeasureKind,
    pub label: String,
    /// The label, folded as search finds it (stemmed words, see `newsgraph::names`);
    /// null until the API has folded it.
    #[sea_orm(column_type = "Text")]
    pub folded_label: Option<String>,
    pub amount: Option<String>,
    pub currency: Option<String>,
    pub amount_qualifier: Option<crate::kinds::Qualifier>,
    pub status: crate::kinds::FinancialMeasureStatus,
    pub term: Option<String>,
    pub share_numerator: Option<i32>,
    pub share_denominator: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub share_of: Option<String>,
    pub provider_id: Option<i64>,
    pub recipient_id: Option<i64>,
    pub secured_against_entity_id: Option<i64>,
    pub secured_against_issue_id: Option<i64>,
    pub secured_against_qualifier: Option<String>,
    pub announced_on: Option<Date>,
    pub announced_on_precision: Option<crate::kinds::DatePrecision>,
    pub source_id: i64,
    pub span_start: i32,
    pub span_end: i32,
    #[sea_orm(column_type = "Text")]
    pub excerpt: String,
    pub confidence: f64,
    pub curated: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::named_entity::Entity",
        from = "Column::ProviderId",
        to = "super::named_entity::Column::Id",
        on_delete = "Restrict"
    )]
    Provider,
    #[sea_orm(
        belongs_to = "super::named_entity::Entity",
        from = "Column::RecipientId",
        to = "super::named_entity::Column::Id",
        on_delete = "Restrict"
    )]
    Recipient,
    #[sea_orm(
        belongs_to = "super::named_entity::Entity",
        from = "Column::SecuredAgainstEntityId",
        to = "super::named_entity::Column::Id",
        on_delete = "Restrict"
    )]
    SecuredAgainstEntity,
    #[sea_orm(
        belongs_to = "super::issue::Entity",
        from = "Column::SecuredAgainstIssueId",
        to = "super::issue::Column::Id",
        on_delete = "Restrict"
    )]
    SecuredAgainstIssue,
    #[sea_orm(
        belongs_to = "super::source::Entity",
        from = "Column::SourceId",
        to = "super::source::Column::Id",
        on_delete = "Restrict"
    )]
    Source,
}

impl ActiveModelBehavior for ActiveModel {}
