//! An issue a statement is about, with the speaker's stance on it.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "statement_issue")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub statement_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub issue_id: i64,
    pub stance: crate::kinds::Stance,
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
        belongs_to = "super::issue::Entity",
        from = "Column::IssueId",
        to = "super::issue::Column::Id",
        on_delete = "Cascade"
    )]
    Issue,
}

impl ActiveModelBehavior for ActiveModel {}

impl Related<super::statement::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Statement.def()
    }
}
