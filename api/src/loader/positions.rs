//! Loads the statements about issues with their stances, for
//! `Issue.positions`: one query for a batch of issues.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use entity::kinds::Stance;
use entity::{statement, statement_issue};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, NullOrdering};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult, Order, QueryTrait};

use crate::error::AppError;

/// A statement about an issue, with the stance it takes on it.
#[derive(Debug, Clone)]
pub struct StanceTaken {
    pub stance: Stance,
    pub statement: statement::Model,
}

/// Loads, per issue, every statement about it with its stance, oldest first.
pub struct PositionsLoader {
    db: DatabaseConnection,
}

impl PositionsLoader {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

impl Loader<i64> for PositionsLoader {
    type Value = Vec<StanceTaken>;
    type Error = AppError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Vec<StanceTaken>>, AppError> {
        let link = Alias::new("link");
        let mut query = statement::Entity::find().into_query();
        query
            .join_as(
                JoinType::InnerJoin,
                statement_issue::Entity,
                link.clone(),
                Expr::col((link.clone(), statement_issue::Column::StatementId))
                    .equals((statement::Entity, statement::Column::Id)),
            )
            .expr_as(
                Expr::col((link.clone(), statement_issue::Column::IssueId)),
                Alias::new("link_issue"),
            )
            .expr_as(
                Expr::col((link.clone(), statement_issue::Column::Stance)),
                Alias::new("link_stance"),
            )
            .and_where(Expr::col((link, statement_issue::Column::IssueId)).is_in(keys.iter().copied()))
            .order_by_with_nulls(
                (statement::Entity, statement::Column::SaidOn),
                Order::Asc,
                NullOrdering::First,
            )
            .order_by((statement::Entity, statement::Column::Id), Order::Asc);
        let rows = self.db.query_all(&query).await?;
        let mut out: HashMap<i64, Vec<StanceTaken>> = keys.iter().map(|k| (*k, Vec::new())).collect();
        for row in rows {
            let issue: i64 = row.try_get("", "link_issue")?;
            let stance: Stance = row.try_get("", "link_stance")?;
            let statement = statement::Model::from_query_result(&row, "")?;
            out.entry(issue)
                .or_default()
                .push(StanceTaken { stance, statement });
        }
        Ok(out)
    }
}
