//! Loads the later reports of facts (rows of `fact_evidence`), one query
//! per kind of fact in a batch, each fact's reports in the order they
//! were added.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use entity::fact_evidence::{self, Fact};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::error::AppError;

/// Loads the later reports of facts; a fact without any gets an empty list.
pub struct ReportsLoader {
    db: DatabaseConnection,
}

impl ReportsLoader {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

impl Loader<Fact> for ReportsLoader {
    type Value = Vec<fact_evidence::Model>;
    type Error = AppError;

    async fn load(&self, keys: &[Fact]) -> Result<HashMap<Fact, Self::Value>, AppError> {
        crate::budget::check()?;
        let mut by_kind: HashMap<&str, (Fact, Vec<i64>)> = HashMap::new();
        for fact in keys {
            by_kind
                .entry(fact.table())
                .or_insert_with(|| (*fact, Vec::new()))
                .1
                .push(fact.id());
        }
        let mut out: HashMap<Fact, Self::Value> = keys.iter().map(|k| (*k, Vec::new())).collect();
        for (kind, ids) in by_kind.into_values() {
            let rows = fact_evidence::Entity::find()
                .filter(kind.column().is_in(ids))
                .order_by_asc(fact_evidence::Column::Id)
                .all(&self.db)
                .await?;
            crate::budget::charge(rows.len())?;
            for row in rows {
                let owner = row.fact().map_or(0, Fact::id);
                out.entry(kind.with_id(owner)).or_default().push(row);
            }
        }
        Ok(out)
    }
}
