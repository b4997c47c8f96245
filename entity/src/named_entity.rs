//! What every entity (person, organisation, place) has: the `entity` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "entity")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: crate::kinds::EntityKind,
    pub name: String,
    pub normalized_name: String,
    /// The name lower-cased, accents taken off: what `orderBy: NAME` sorts by.
    pub sort_name: String,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    pub wikidata_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::entity_alias::Entity")]
    Alias,
}

impl Related<super::entity_alias::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Alias.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
