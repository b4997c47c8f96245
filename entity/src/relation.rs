//! A relation from one person to another (`kind` reads "person is kind of related person").

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "relation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub person_id: i64,
    pub related_person_id: i64,
    pub kind: String,
    /// The kind, folded as search finds it (stemmed words, see `newsgraph::names`);
    /// null until the API has folded it.
    #[sea_orm(column_type = "Text")]
    pub folded_kind: Option<String>,
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
        belongs_to = "super::person::Entity",
        from = "Column::RelatedPersonId",
        to = "super::person::Column::Id",
        on_delete = "Cascade"
    )]
    RelatedPerson,
    #[sea_orm(
        belongs_to = "super::source::Entity",
        from = "Column::SourceId",
        to = "super::source::Column::Id",
        on_delete = "Restrict"
    )]
    Source,
}

impl ActiveModelBehavior for ActiveModel {}
