//! Loads the aliases of entities and issues.

use std::collections::HashMap;
use std::marker::PhantomData;

use async_graphql::dataloader::Loader;
use entity::{entity_alias, issue_alias};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::error::AppError;

/// The aliases of one entity or issue, in the order they were recorded.
pub type AliasesOf = Vec<String>;

/// A table of aliases: rows that give another name to an owner row.
pub trait AliasTable: EntityTrait {
    fn owner_column() -> Self::Column;
    fn order_column() -> Self::Column;
    fn split(model: Self::Model) -> (i64, String);
}

impl AliasTable for entity_alias::Entity {
    fn owner_column() -> Self::Column {
        entity_alias::Column::EntityId
    }
    fn order_column() -> Self::Column {
        entity_alias::Column::Id
    }
    fn split(model: Self::Model) -> (i64, String) {
        (model.entity_id, model.name)
    }
}

impl AliasTable for issue_alias::Entity {
    fn owner_column() -> Self::Column {
        issue_alias::Column::IssueId
    }
    fn order_column() -> Self::Column {
        issue_alias::Column::Id
    }
    fn split(model: Self::Model) -> (i64, String) {
        (model.issue_id, model.name)
    }
}

/// Loads aliases by their owner's id.
pub struct AliasLoader<T> {
    db: DatabaseConnection,
    _table: PhantomData<fn() -> T>,
}

impl<T> AliasLoader<T> {
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            db,
            _table: PhantomData,
        }
    }
}

impl<T> Loader<i64> for AliasLoader<T>
where
    T: AliasTable + Send + Sync + 'static,
    T::Model: Send + Sync,
{
    type Value = AliasesOf;
    type Error = AppError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, AliasesOf>, AppError> {
        let rows = T::find()
            .filter(T::owner_column().is_in(keys.iter().copied()))
            .order_by_asc(T::order_column())
            .all(&self.db)
            .await?;
        let mut out: HashMap<i64, AliasesOf> = keys.iter().map(|k| (*k, Vec::new())).collect();
        for row in rows {
            let (owner, name) = T::split(row);
            out.entry(owner).or_default().push(name);
        }
        Ok(out)
    }
}

/// Aliases of entities, by entity id.
pub type EntityAliasLoader = AliasLoader<entity_alias::Entity>;
/// Aliases of issues, by issue id.
pub type IssueAliasLoader = AliasLoader<issue_alias::Entity>;
