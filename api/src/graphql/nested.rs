//! Reading the lists nested under an object (`Person.statements`): the
//! page of one parent, loaded together with its siblings' pages.

use std::collections::HashMap;

use async_graphql::{Context, OutputType};
use entity::named_entity;
use sea_orm::{FromQueryResult, Select};

use super::connection::{Order, Page, PageArgs, nested};
use super::loaders;
use super::node::Entity;
use crate::error::AppResult;
use crate::loader::{Listable, Parent, Scope};

/// One parent's page of a table whose rows are objects by themselves.
pub async fn rows<E, T>(
    ctx: &Context<'_>,
    parent: impl Into<Parent>,
    scope: Scope,
    select: Select<E>,
    order: Order<E>,
    args: PageArgs,
    wrap: fn(E::Model) -> T,
) -> AppResult<Page<T>>
where
    E: Listable,
    E::Model: FromQueryResult + Clone + Send + Sync + 'static,
    T: OutputType,
{
    let (slice, count) = nested(ctx, parent, scope, select, order.clone(), args).await?;
    Ok(slice.into_page(&order, count, |m| Some(wrap(m))))
}

/// One parent's page of entities, each with its kind's details.
pub async fn entities<T: OutputType>(
    ctx: &Context<'_>,
    parent: i64,
    scope: Scope,
    select: Select<named_entity::Entity>,
    order: Order<named_entity::Entity>,
    args: PageArgs,
    pick: fn(Entity) -> Option<T>,
) -> AppResult<Page<T>> {
    let (slice, count) = nested(ctx, parent, scope, select, order.clone(), args).await?;
    let ids: Vec<i64> = slice.rows.iter().map(|e| e.id).collect();
    let mut records: HashMap<i64, _> = loaders(ctx)?.entity.load_many(ids).await?;
    Ok(slice.into_page(&order, count, |e| {
        records.remove(&e.id).map(Entity::from).and_then(pick)
    }))
}
