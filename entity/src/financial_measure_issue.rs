//! An issue a financial measure serves.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "financial_measure_issue")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub financial_measure_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub issue_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::financial_measure::Entity",
        from = "Column::FinancialMeasureId",
        to = "super::financial_measure::Column::Id",
        on_delete = "Cascade"
    )]
    FinancialMeasure,
    #[sea_orm(
        belongs_to = "super::issue::Entity",
        from = "Column::IssueId",
        to = "super::issue::Column::Id",
        on_delete = "Cascade"
    )]
    Issue,
}

impl ActiveModelBehavior for ActiveModel {}
