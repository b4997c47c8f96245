//! Lists of issues, statements, roles, relations, financial measures,
//! events and sources.

use async_graphql::{Context, Object};
use entity::{event, financial_measure, issue, relation, role, source, statement};
use sea_orm::EntityTrait;

use crate::error::AppResult;
use crate::graphql::connection::{Page, PageArgs, slice};
use crate::graphql::database;
use crate::graphql::object::{Event, FinancialMeasure, Issue, Relation, Role, Source, Statement};

#[derive(Default)]
pub struct FactQuery;

/// One list field per table: a page of its rows in key order, each wrapped
/// in its object.
macro_rules! list_fields {
    ($($(#[$doc:meta])* $field:ident => $object:ident from $table:ident;)+) => {
        #[Object]
        impl FactQuery {
            $(
                $(#[$doc])*
                async fn $field(
                    &self,
                    ctx: &Context<'_>,
                    #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] first: Option<i32>,
                    #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
                    #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
                    #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
                ) -> AppResult<Page<$object>> {
                    let args = PageArgs { first, after, last, before };
                    let slice = slice(database(ctx)?, $table::Entity::find(), args).await?;
                    Ok(slice.into_page(|m| m.id, |m| Some($object(m))))
                }
            )+
        }
    };
}

list_fields! {
    /// Issues, in the order they were added.
    issues => Issue from issue;
    /// Statements, in the order they were added.
    statements => Statement from statement;
    /// Roles people hold in organisations, in the order they were added.
    roles => Role from role;
    /// Relations between people, in the order they were added.
    relations => Relation from relation;
    /// Financial measures, in the order they were added.
    financial_measures => FinancialMeasure from financial_measure;
    /// Events, in the order they were added.
    events => Event from event;
    /// Sources (articles), in the order they were added.
    sources => Source from source;
}
