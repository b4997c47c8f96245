//! An issue statements are about, in a tree of issues.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "issue")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub normalized_name: String,
    /// The name lower-cased, accents taken off: what `orderBy: NAME` sorts by.
    pub sort_name: String,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    pub parent_id: Option<i64>,
    pub wikidata_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::issue::Entity",
        from = "Column::ParentId",
        to = "super::issue::Column::Id",
        on_delete = "Restrict"
    )]
    Parent,
    #[sea_orm(has_many = "super::issue_alias::Entity")]
    Alias,
}

impl Related<super::issue_alias::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Alias.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
