//! Where a merged entity went: its old ID resolves to the entity it was
//! merged into.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "entity_redirect")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub old_id: i64,
    pub new_id: i64,
    pub merged_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
