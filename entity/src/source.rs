//! An article: the text every fact's evidence points into.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "source")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub key: String,
    #[sea_orm(column_type = "Text")]
    pub url: Option<String>,
    pub title: String,
    /// The title, folded as search finds it (stemmed words, see `newsgraph::names`);
    /// null until the API has folded it.
    #[sea_orm(column_type = "Text")]
    pub folded_title: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub publisher: Option<String>,
    /// The day the source was published; for a month or a year, its first day.
    pub published_on: Option<Date>,
    /// How much of `published_on` is known; set with it.
    pub published_on_precision: Option<crate::kinds::DatePrecision>,
    /// A BCP 47 language tag, 35 characters at most.
    pub language: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    /// The text, folded as search finds it (stemmed words, see `newsgraph::names`);
    /// null until the API has folded it.
    #[sea_orm(column_type = "Text")]
    pub folded_text: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::statement::Entity")]
    Statement,
}

impl Related<super::statement::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Statement.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
