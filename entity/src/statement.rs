//! Something a person or an organisation said, quoted or reported.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "statement")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: crate::kinds::StatementKind,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub speaker_id: i64,
    pub speaker_kind: crate::kinds::EntityKind,
    pub speaker_role_id: Option<i64>,
    pub place_id: Option<i64>,
    pub audience_id: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub audience: Option<String>,
    pub said_on: Option<Date>,
    pub said_on_precision: Option<crate::kinds::DatePrecision>,
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
    /// The text folded word by word as names are, each word cut to its stem,
    /// which search matches on;
    /// null until the API has folded it.
    #[sea_orm(column_type = "Text")]
    pub folded_text: Option<String>,
    /// A hash of the words as two outlets quoting them would both give
    /// them (quote marks, case, spacing and trailing punctuation evened
    /// out), which finds the statement another source reports; null until
    /// the API has derived it.
    #[sea_orm(column_type = "Text")]
    pub text_key: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::named_entity::Entity",
        from = "Column::SpeakerId",
        to = "super::named_entity::Column::Id",
        on_delete = "Restrict"
    )]
    Speaker,
    #[sea_orm(
        belongs_to = "super::role::Entity",
        from = "Column::SpeakerRoleId",
        to = "super::role::Column::Id",
        on_delete = "SetNull"
    )]
    SpeakerRole,
    #[sea_orm(
        belongs_to = "super::place::Entity",
        from = "Column::PlaceId",
        to = "super::place::Column::Id",
        on_delete = "SetNull"
    )]
    Place,
    #[sea_orm(
        belongs_to = "super::source::Entity",
        from = "Column::SourceId",
        to = "super::source::Column::Id",
        on_delete = "Restrict"
    )]
    Source,
    #[sea_orm(has_many = "super::statement_issue::Entity")]
    Issues,
    #[sea_orm(has_many = "super::statement_mention::Entity")]
    Mentions,
}

impl Related<super::source::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Source.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
