//! An entity a statement mentions.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "statement_mention")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub statement_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub entity_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::statement::Entity",
        from = "Column::StatementId",
        to = "super::statement::Column::Id",
        on_delete = "Cascade"
    )]
    Statement,
    #[sea_orm(
        belongs_to = "super::named_entity::Entity",
        from = "Column::EntityId",
        to = "super::named_entity::Column::Id",
        on_delete = "Cascade"
    )]
    Entity,
}

impl ActiveModelBehavior for ActiveModel {}

impl Related<super::statement::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Statement.def()
    }
}
