//! A person's title in an organisation over a span of time.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "role")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub person_id: i64,
    pub organisation_id: i64,
    pub title: String,
    /// The title, folded as search finds it (stemmed words, see `newsgraph::names`);
    /// null until the API has folded it.
    #[sea_orm(column_type = "Text")]
    pub folded_title: Option<String>,
    pub since: Option<Date>,
    pub since_precision: Option<crate::kinds::DatePrecision>,
    pub until: Option<Date>,
    pub until_precision: Option<crate::kinds::DatePrecision>,
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
        belongs_to = "super::person::Entity",
        from = "Column::PersonId",
        to = "super::person::Column::Id",
        on_delete = "Cascade"
    )]
    Person,
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id",
        on_delete = "Cascade"
    )]
    Organisation,
    #[sea_orm(
        belongs_to = "super::source::Entity",
        from = "Column::SourceId",
        to = "super::source::Column::Id",
        on_delete = "Restrict"
    )]
    Source,
}

impl ActiveModelBehavior for ActiveModel {}
