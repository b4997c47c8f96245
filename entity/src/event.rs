//! Something that happened: an attack, a meeting, a visit...

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: crate::kinds::EventKind,
    pub label: String,
    /// The label, folded as search finds it (stemmed words, see `newsgraph::names`);
    /// null until the API has folded it.
    #[sea_orm(column_type = "Text")]
    pub folded_label: Option<String>,
    pub started_on: Option<Date>,
    pub started_on_precision: Option<crate::kinds::DatePrecision>,
    pub ended_on: Option<Date>,
    pub ended_on_precision: Option<crate::kinds::DatePrecision>,
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
        belongs_to = "super::source::Entity",
        from = "Column::SourceId",
        to = "super::source::Column::Id",
        on_delete = "Restrict"
    )]
    Source,
    #[sea_orm(has_many = "super::event_place::Entity")]
    Places,
    #[sea_orm(has_many = "super::event_participant::Entity")]
    Participants,
    #[sea_orm(has_many = "super::event_quantity::Entity")]
    Quantities,
}

impl ActiveModelBehavior for ActiveModel {}
