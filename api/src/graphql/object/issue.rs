//! Issues: what statements are about.

use async_graphql::{Context, ID, Object};

use super::position::{self, Position};
use super::{FinancialMeasure, Issue, NodeObject, Stance, Statement, children};
use crate::error::AppResult;
use crate::graphql::connection::Page;
use crate::graphql::flat::Stamps;
use crate::graphql::list::{List, list_fields};
use crate::graphql::loaders;
use crate::loader::{Scope, Tree};
use crate::page::PageArgs;

/// An issue statements take positions on ("Ukraine's NATO membership");
/// issues form a tree.
#[Object]
impl Issue {
    /// The object's opaque, stable global ID.
    pub async fn id(&self) -> ID {
        self.global_id()
    }

    /// The issue's name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Other names the issue goes by.
    async fn aliases(&self, ctx: &Context<'_>) -> AppResult<Vec<String>> {
        let rows = children(&loaders(ctx)?.issue_aliases, self.0.id).await?;
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

    #[graphql(flatten)]
    async fn children(&self) -> List<Parts> {
        List::under(self.0.id, Scope::Column("parent_id"))
    }

    #[graphql(flatten)]
    async fn statements(&self) -> List<About> {
        let scope = Scope::LinkWithin {
            table: "statement_issue",
            parent: "issue_id",
            row: "statement_id",
            tree: Tree::Issue,
        };
        List::under(self.0.id, scope)
    }

    /// Who stands where on this issue: one position per speaker and stance,
    /// with the statements that take it. A speaker whose stance changed over
    /// time has one position per stance. Only statements about this very
    /// issue count, not those about its sub-issues. Positions come in the
    /// order of their earliest dated statement; positions with no dated
    /// statement come first.
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

    #[graphql(flatten)]
    async fn financial_measures(&self) -> List<Serving> {
        let scope = Scope::LinkWithin {
            table: "financial_measure_issue",
            parent: "issue_id",
            row: "financial_measure_id",
            tree: Tree::Issue,
        };
        List::under(self.0.id, scope)
    }

    #[graphql(flatten)]
    async fn financial_measures_secured(&self) -> List<SecuredByIssue> {
        List::under(self.0.id, Scope::Column("secured_against_issue_id"))
    }

    #[graphql(flatten)]
    async fn stamps(&self) -> Stamps<Self> {
        Stamps::new(self.0.created_at, self.0.updated_at, self.0.version)
    }
}

list_fields!(
    Parts: "children" => Issue, "The issues that are parts of this one.";
    About: "statements" => Statement, "Statements about this issue or one of its sub-issues.";
    Serving: "financialMeasures" => FinancialMeasure, "Financial measures that serve this issue or one of its sub-issues.";
    SecuredByIssue: "financialMeasuresSecured" => FinancialMeasure, "Financial measures secured against what this issue names (\"frozen Russian assets\").";
);
