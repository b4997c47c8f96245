//! Sources: the articles facts come from.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use entity::{event, financial_measure, relation, role, source, statement};
use sea_orm::EntityTrait;

use super::{Event, FinancialMeasure, Relation, Role, Statement};
use crate::error::AppResult;
use crate::graphql::connection::{Order, OrderDirection, Page, PageArgs};
use crate::graphql::filter::{
    self, EventFilter, EventOrder, FinancialMeasureFilter, FinancialMeasureOrder, RoleOrder, StatementFilter,
    StatementOrder,
};
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::scalars::Date;
use crate::graphql::{database, nested};
use crate::loader::Scope;

/// An article, with its full text.
#[derive(Debug, Clone)]
pub struct Source(pub source::Model);

/// An article: the text every fact's evidence points into.
#[Object]
impl Source {
    /// The object's opaque, stable global ID.
    pub async fn id(&self) -> ID {
        GlobalId::new(NodeKind::Source, self.0.id).encode()
    }

    /// A stable identifier of the article, unique in the graph, used by import files.
    async fn key(&self) -> &str {
        &self.0.key
    }

    /// Where the article was published online, where known.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }

    /// The headline.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Who published it, where known.
    async fn publisher(&self) -> Option<&str> {
        self.0.publisher.as_deref()
    }

    /// When it was published, where known: `2025-12-02`, `2025-12` or `2025`.
    async fn published_on(&self) -> Option<Date> {
        let precision = self
            .0
            .published_on_precision
            .unwrap_or(entity::kinds::DatePrecision::Day);
        self.0.published_on.map(|date| Date(date, precision))
    }

    /// Its language as a BCP 47 tag (`en`), where known.
    async fn language(&self) -> Option<&str> {
        self.0.language.as_deref()
    }

    /// The full text; evidence offsets count its Unicode code points.
    async fn text(&self) -> &str {
        &self.0.text
    }

    /// The statements it reports.
    #[allow(clippy::too_many_arguments)]
    #[graphql(
        complexity = "crate::graphql::connection::page_cost(first, last, child_complexity) + crate::graphql::filter::StatementFilter::scan_cost(&filter)"
    )]
    async fn statements(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only items matching this too.")] filter: Option<StatementFilter>,
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
        nested::rows(
            ctx,
            self.0.id,
            Scope::Column("source_id"),
            select,
            StatementOrder::order(order_by),
            args,
            Statement,
        )
        .await
    }

    /// The financial measures it reports.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
    async fn financial_measures(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only items matching this too.")] filter: Option<FinancialMeasureFilter>,
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
        nested::rows(
            ctx,
            self.0.id,
            Scope::Column("source_id"),
            select,
            FinancialMeasureOrder::order(order_by),
            args,
            FinancialMeasure,
        )
        .await
    }

    /// The events it reports.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
    async fn events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only items matching this too.")] filter: Option<EventFilter>,
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
        nested::rows(
            ctx,
            self.0.id,
            Scope::Column("source_id"),
            select,
            EventOrder::order(order_by),
            args,
            Event,
        )
        .await
    }

    /// The roles it states.
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
        let select = role::Entity::find();
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        nested::rows(
            ctx,
            self.0.id,
            Scope::Column("source_id"),
            select,
            RoleOrder::order(order_by),
            args,
            Role,
        )
        .await
    }

    /// The relations between people it states.
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
        let select = relation::Entity::find();
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        nested::rows(
            ctx,
            self.0.id,
            Scope::Column("source_id"),
            select,
            Order::by_key("relation", OrderDirection::Asc),
            args,
            Relation,
        )
        .await
    }

    /// When the source was added to the graph.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When the source was last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }

    /// The source's version: 1 when added, one more with each change.
    async fn version(&self) -> i32 {
        self.0.version
    }
}
