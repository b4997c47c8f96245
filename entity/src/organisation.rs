//! An organisation: its kind and country, one row per `entity` of kind organisation.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "organisation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i64,
    pub entity_kind: crate::kinds::EntityKind,
    pub kind: crate::kinds::OrganisationKind,
    pub country_id: Option<i64>,
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
        from = "Column::CountryId",
        to = "super::place::Column::Id",
        on_delete = "SetNull"
    )]
    Country,
}

impl Related<super::named_entity::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Entity.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
