//! Issues: what statements are about.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use entity::{financial_measure, issue, statement};
use sea_orm::EntityTrait;

use super::position::{self, Position};
use super::{FinancialMeasure, Stance, Statement};
use crate::error::AppResult;
use crate::graphql::connection::{Page, PageArgs};
use crate::graphql::filter::{
    self, FinancialMeasureFilter, FinancialMeasureOrder, IssueFilter, IssueOrder, StatementFilter,
    StatementOrder,
};
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::{database, loaders, nested};
use crate::loader::{Scope, Tree};

/// An issue statements take positions on ("Ukraine's NATO membership").
#[derive(Debug, Clone)]
pub struct Issue(pub issue::Model);

/// An issue statements take positions on ("Ukraine's NATO membership");
/// issues form a tree.
#[Object]
impl Issue {
    /// The object's opaque, stable global ID.
    pub async fn id(&self) -> ID {
        GlobalId::new(NodeKind::Issue, self.0.id).encode()
    }

    /// The issue's name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Other names the issue goes by.
    async fn aliases(&self, ctx: &Context<'_>) -> AppResult<Vec<String>> {
        let rows = loaders(ctx)?
            .issue_aliases
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(rows.into_iter().map(|a| a.name).collect())
    }

    /// A short description.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// The Wikidata QID, where known.
    async fn wikidata_id(&self) -> Option<&str> {
        self.0.wikidata_id.as_deref()
    }

    /// The broader issue this one is part of.
    async fn parent(&self, ctx: &Context<'_>) -> AppResult<Option<Issue>> {
        let Some(parent) = self.0.parent_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.issue.load_one(parent).await?.map(Issue))
    }

    /// The issues that are parts of this one.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
    async fn children(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only issues matching this too.")] filter: Option<IssueFilter>,
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
        nested::rows(
            ctx,
            self.0.id,
            Scope::Column("parent_id"),
            select,
            IssueOrder::order(order_by),
            args,
            Issue,
        )
        .await
    }

    /// Statements about this issue or one of its sub-issues.
    #[allow(clippy::too_many_arguments)]
    #[graphql(
        complexity = "crate::graphql::connection::page_cost(first, last, child_complexity) + crate::graphql::filter::StatementFilter::scan_cost(&filter)"
    )]
    async fn statements(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only statements matching this too.")] filter: Option<StatementFilter>,
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
        let scope = Scope::LinkWithin {
            table: "statement_issue",
            parent: "issue_id",
            row: "statement_id",
            tree: Tree::Issue,
        };
        nested::rows(
            ctx,
            self.0.id,
            scope,
            select,
            StatementOrder::order(order_by),
            args,
            Statement,
        )
        .await
    }

    /// Who stands where on this issue: one position per speaker and stance,
    /// with the statements that take it. A speaker whose stance changed over
    /// time has one position per stance. Only statements about this very
    /// issue count, not those about its sub-issues. Positions come in the
    /// order of their earliest dated statement; positions with no dated
    /// statement come first.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
    async fn positions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only positions with this stance.")] stance: Option<Stance>,
        #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
    ) -> AppResult<Page<Position>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        position::page(ctx, self.0.id, stance, args).await
    }

    /// Financial measures that serve this issue or one of its sub-issues.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
    async fn financial_measures(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only measures matching this too.")] filter: Option<FinancialMeasureFilter>,
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
        let scope = Scope::LinkWithin {
            table: "financial_measure_issue",
            parent: "issue_id",
            row: "financial_measure_id",
            tree: Tree::Issue,
        };
        nested::rows(
            ctx,
            self.0.id,
            scope,
            select,
            FinancialMeasureOrder::order(order_by),
            args,
            FinancialMeasure,
        )
        .await
    }

    /// Financial measures secured against what this issue names ("frozen Russian assets").
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
    async fn financial_measures_secured(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only measures matching this too.")] filter: Option<FinancialMeasureFilter>,
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
        let scope = Scope::Column("secured_against_issue_id");
        nested::rows(
            ctx,
            self.0.id,
            scope,
            select,
            FinancialMeasureOrder::order(order_by),
            args,
            FinancialMeasure,
        )
        .await
    }

    /// When the issue was added to the graph.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When the issue was last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }

    /// The issue's version: 1 when added, one more with each change.
    async fn version(&self) -> i32 {
        self.0.version
    }
}
