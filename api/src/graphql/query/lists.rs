//! The root lists: one Relay connection per node kind, with `filter:` and
//! `orderBy:`.

use std::collections::HashMap;

use async_graphql::{Context, Object, OutputType};
use entity::{event, financial_measure, issue, named_entity, relation, role, source, statement};
use sea_orm::{EntityTrait, Select};

use crate::error::AppResult;
use crate::graphql::connection::{Order, OrderDirection, Page, PageArgs, slice};
use crate::graphql::filter::{
    self, EntityFilter, EntityOrder, EventFilter, EventOrder, FinancialMeasureFilter, FinancialMeasureOrder,
    IssueFilter, IssueOrder, OrganisationFilter, PlaceFilter, RoleOrder, SourceFilter, SourceOrder,
    StatementFilter, StatementOrder,
};
use crate::graphql::node::Entity;
use crate::graphql::object::{
    Event, FinancialMeasure, Issue, Organisation, Person, Place, Relation, Role, Source, Statement,
};
use crate::graphql::{database, loaders};

#[derive(Default)]
pub struct ListQuery;

/// Reads a page of entities, with their kind's details through the loader.
pub(crate) async fn entities_page<T: OutputType>(
    ctx: &Context<'_>,
    select: Select<named_entity::Entity>,
    order: Order<named_entity::Entity>,
    args: PageArgs,
    pick: fn(Entity) -> Option<T>,
) -> AppResult<Page<T>> {
    let (slice, count) = slice(database(ctx)?, select, &order, args).await?;
    let ids: Vec<i64> = slice.rows.iter().map(|e| e.id).collect();
    let mut records: HashMap<i64, _> = loaders(ctx)?.entity.load_many(ids).await?;
    Ok(slice.into_page(&order, count, |e| {
        records.remove(&e.id).map(Entity::from).and_then(pick)
    }))
}

/// Reads a page of a table whose rows are objects by themselves.
async fn rows_page<E, T>(
    ctx: &Context<'_>,
    select: Select<E>,
    order: Order<E>,
    args: PageArgs,
    wrap: fn(E::Model) -> T,
) -> AppResult<Page<T>>
where
    E: crate::loader::Keyed,
    T: OutputType,
{
    let (slice, count) = slice(database(ctx)?, select, &order, args).await?;
    Ok(slice.into_page(&order, count, |m| Some(wrap(m))))
}

#[Object]
impl ListQuery {
    /// People; by default in the order they were added.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
    async fn people(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only people matching this.")] filter: Option<EntityFilter>,
        #[graphql(desc = "The sort order; by default as added.")] order_by: Option<EntityOrder>,
        #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
    ) -> AppResult<Page<Person>> {
        let select = filter::people(filter).await?;
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        entities_page(ctx, select, EntityOrder::order(order_by), args, |e| match e {
            Entity::Person(p) => Some(p),
            _ => None,
        })
        .await
    }

    /// Organisations; by default in the order they were added.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
    async fn organisations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only organisations matching this.")] filter: Option<OrganisationFilter>,
        #[graphql(desc = "The sort order; by default as added.")] order_by: Option<EntityOrder>,
        #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
    ) -> AppResult<Page<Organisation>> {
        let select = filter::organisations(filter).await?;
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        entities_page(ctx, select, EntityOrder::order(order_by), args, |e| match e {
            Entity::Organisation(o) => Some(o),
            _ => None,
        })
        .await
    }

    /// Places; by default in the order they were added.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
    async fn places(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only places matching this.")] filter: Option<PlaceFilter>,
        #[graphql(desc = "The sort order; by default as added.")] order_by: Option<EntityOrder>,
        #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
    ) -> AppResult<Page<Place>> {
        let select = filter::places(database(ctx)?, filter).await?;
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        entities_page(ctx, select, EntityOrder::order(order_by), args, |e| match e {
            Entity::Place(p) => Some(p),
            _ => None,
        })
        .await
    }

    /// Issues; by default in the order they were added.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
    async fn issues(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only issues matching this.")] filter: Option<IssueFilter>,
        #[graphql(desc = "The sort order; by default as added.")] order_by: Option<IssueOrder>,
        #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
    ) -> AppResult<Page<Issue>> {
        let select = filter::issues(database(ctx)?, issue::Entity::find(), filter).await?;
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        rows_page(ctx, select, IssueOrder::order(order_by), args, Issue).await
    }

    /// Statements; by default in the order they were added. Every filter
    /// field given must hold.
    #[allow(clippy::too_many_arguments)]
    #[graphql(
        complexity = "crate::graphql::connection::page_cost(first, last, child_complexity) + crate::graphql::filter::StatementFilter::scan_cost(&filter)"
    )]
    async fn statements(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only statements matching this.")] filter: Option<StatementFilter>,
        #[graphql(desc = "The sort order; by default as added.")] order_by: Option<StatementOrder>,
        #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
    ) -> AppResult<Page<Statement>> {
        let select = filter::statements(database(ctx)?, statement::Entity::find(), filter).await?;
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        rows_page(ctx, select, StatementOrder::order(order_by), args, Statement).await
    }

    /// Roles people hold in organisations; by default in the order they were added.
    #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
    async fn roles(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The sort order; by default as added.")] order_by: Option<RoleOrder>,
        #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
    ) -> AppResult<Page<Role>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        rows_page(ctx, role::Entity::find(), RoleOrder::order(order_by), args, Role).await
    }

    /// Relations between people, in the order they were added.
    #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
    async fn relations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
    ) -> AppResult<Page<Relation>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let order = Order::by_key("relation", OrderDirection::Asc);
        rows_page(ctx, relation::Entity::find(), order, args, Relation).await
    }

    /// Financial measures; by default in the order they were added.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
    async fn financial_measures(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only measures matching this.")] filter: Option<FinancialMeasureFilter>,
        #[graphql(desc = "The sort order; by default as added.")] order_by: Option<FinancialMeasureOrder>,
        #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
    ) -> AppResult<Page<FinancialMeasure>> {
        let select =
            filter::financial_measures(database(ctx)?, financial_measure::Entity::find(), filter).await?;
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        rows_page(
            ctx,
            select,
            FinancialMeasureOrder::order(order_by),
            args,
            FinancialMeasure,
        )
        .await
    }

    /// Events; by default in the order they were added.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
    async fn events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only events matching this.")] filter: Option<EventFilter>,
        #[graphql(desc = "The sort order; by default as added.")] order_by: Option<EventOrder>,
        #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
    ) -> AppResult<Page<Event>> {
        let select = filter::events(database(ctx)?, event::Entity::find(), filter).await?;
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        rows_page(ctx, select, EventOrder::order(order_by), args, Event).await
    }

    /// Sources (articles); by default in the order they were added.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
    async fn sources(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only sources matching this.")] filter: Option<SourceFilter>,
        #[graphql(desc = "The sort order; by default as added.")] order_by: Option<SourceOrder>,
        #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
    ) -> AppResult<Page<Source>> {
        let select = filter::sources(source::Entity::find(), filter)?;
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        rows_page(ctx, select, SourceOrder::order(order_by), args, Source).await
    }
}
