//! A place: its kind, parent place and coordinates, one row per `entity` of kind place.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "place")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i64,
    pub entity_kind: crate::kinds::EntityKind,
    pub kind: crate::kinds::PlaceKind,
    pub parent_id: Option<i64>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::named_entity::Entity",
        from = "Column::Id",
        to = "super::named_entity::Column::Id",
        on_delete = "Cascade"
    )]
    Entity,
    #[sea_orm(
        belongs_to = "super::place::Entity",
        from = "Column::ParentId",
        to = "super::place::Column::Id",
        on_delete = "Restrict"
    )]
    Parent,
}

impl Related<super::named_entity::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Entity.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
