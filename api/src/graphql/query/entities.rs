//! Lists of people, organisations and places.

use std::collections::HashMap;

use async_graphql::{Context, Object, OutputType};
use entity::kinds::EntityKind;
use entity::named_entity;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::error::AppResult;
use crate::graphql::connection::{Page, PageArgs, slice};
use crate::graphql::node::Entity;
use crate::graphql::object::{Organisation, Person, Place};
use crate::graphql::{database, loaders};

#[derive(Default)]
pub struct EntityQuery;

/// Reads a page of the entities of one kind, with their kind's details.
async fn entities_page<T: OutputType>(
    ctx: &Context<'_>,
    kind: EntityKind,
    args: PageArgs,
    pick: fn(Entity) -> Option<T>,
) -> AppResult<Page<T>> {
    let select = named_entity::Entity::find().filter(named_entity::Column::Kind.eq(kind));
    let slice = slice(database(ctx)?, select, args).await?;
    let ids: Vec<i64> = slice.rows.iter().map(|e| e.id).collect();
    let mut records: HashMap<i64, _> = loaders(ctx)?.entity.load_many(ids).await?;
    Ok(slice.into_page(
        |e| e.id,
        |e| records.remove(&e.id).map(Entity::from).and_then(pick),
    ))
}

/// One list field per kind of entity: a page of them in key order.
macro_rules! entity_lists {
    ($($(#[$doc:meta])* $field:ident => $variant:ident;)+) => {
        #[Object]
        impl EntityQuery {
            $(
                $(#[$doc])*
                async fn $field(
                    &self,
                    ctx: &Context<'_>,
                    #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] first: Option<i32>,
                    #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
                    #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
                    #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
                ) -> AppResult<Page<$variant>> {
                    let args = PageArgs { first, after, last, before };
                    entities_page(ctx, EntityKind::$variant, args, |e| match e {
                        Entity::$variant(x) => Some(x),
                        _ => None,
                    })
                    .await
                }
            )+
        }
    };
}

entity_lists! {
    /// People, in the order they were added.
    people => Person;
    /// Organisations, in the order they were added.
    organisations => Organisation;
    /// Places, in the order they were added.
    places => Place;
}
