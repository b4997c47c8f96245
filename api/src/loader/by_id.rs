//! The generic loader of rows by their `id`.

use std::collections::HashMap;
use std::marker::PhantomData;

use async_graphql::dataloader::Loader;
use sea_orm::{ColumnTrait, DatabaseConnection, QueryFilter};

use crate::error::AppError;
use crate::page::Keyed;

/// Loads rows of `E` by id, one `IN (...)` query per batch.
pub struct ById<E> {
    db: DatabaseConnection,
    _table: PhantomData<fn() -> E>,
}

impl<E> ById<E> {
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            db,
            _table: PhantomData,
        }
    }
}

impl<E> Loader<i64> for ById<E>
where
    E: Keyed + Send + Sync + 'static,
    E::Model: Clone + Send + Sync + 'static,
{
    type Value = E::Model;
    type Error = AppError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        load_by_ids::<E>(&self.db, keys).await
    }
}

/// Reads the rows of `E` with the given ids; missing ids are simply absent.
pub async fn load_by_ids<E>(db: &DatabaseConnection, keys: &[i64]) -> Result<HashMap<i64, E::Model>, AppError>
where
    E: Keyed,
{
    crate::budget::check()?;
    let rows = E::find()
        .filter(E::id_column().is_in(keys.iter().copied()))
        .all(db)
        .await?;
    crate::budget::charge(rows.len())?;
    Ok(rows.into_iter().map(|m| (E::key(&m), m)).collect())
}
