//! `statementFacets(filter:, first:)`: the statements a filter selects,
//! counted by speaker, issue, source, publisher, place, organisation,
//! stance and kind, for a search page's sidebar. Each count is the
//! `totalCount` of `statements` under the same filter with that value
//! added to it.

use async_graphql::{Context, Object, SimpleObject};
use entity::kinds;
use entity::statement;
use futures_util::future::try_join_all;
use sea_orm::{ActiveEnum, DatabaseConnection, EntityTrait, QuerySelect, QueryTrait, Statement as Sql};

use crate::error::{AppError, AppResult};
use crate::graph::counts::{Facet, count};
use crate::graphql::connection::SCAN_COST;
use crate::graphql::filter::{StatementFilter, issue_subtree, statements};
use crate::graphql::node::Node;
use crate::graphql::object::{Issue, Source, Stance, StatementKind, linked, load_entity};
use crate::graphql::{database, loaders};

/// How many values a facet lists without `first`.
pub const DEFAULT_FACET_VALUES: i32 = 10;
/// The most values a facet lists (`first`).
pub const MAX_FACET_VALUES: i32 = 100;

/// What a count over a whole filtered list costs against the complexity
/// limit: the database reads every statement the filter selects.
pub const AGGREGATE_COST: usize = SCAN_COST;

#[derive(Default)]
pub struct FacetQuery;

#[Object]
impl FacetQuery {
    /// The statements `filter` selects, counted by each of their
    /// speakers, issues, sources, publishers, places, speakers'
    /// organisations, stances and kinds, most first (ties by the order
    /// values were added). A count is what `statements(filter:)` with that
    /// value added to the filter counts: an issue counts the statements
    /// about it or an issue under it, a place those said in it or within
    /// it, an organisation those it said or that were said in a role in it.
    /// Costs a read of every statement the filter selects.
    #[graphql(
        complexity = "AGGREGATE_COST + first.unwrap_or(DEFAULT_FACET_VALUES).clamp(0, MAX_FACET_VALUES) as usize * child_complexity"
    )]
    async fn statement_facets(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which statements to count; all of them without one.")] filter: Option<
            StatementFilter,
        >,
        #[graphql(
            default = 10,
            desc = "The most values each facet lists (at most 100; default 10)."
        )]
        first: Option<i32>,
    ) -> AppResult<StatementFacets> {
        let first = first.unwrap_or(DEFAULT_FACET_VALUES);
        if !(0..=MAX_FACET_VALUES).contains(&first) {
            return Err(AppError::bad_input(format!(
                "`first` takes 0 to {MAX_FACET_VALUES} values (got {first})"
            )));
        }
        let db = database(ctx)?;
        let stance_issues = issue_subtree(db, filter.as_ref().and_then(|f| f.issue.as_ref())).await?;
        Ok(StatementFacets {
            rows: statement_rows(db, filter).await?,
            first: first as usize,
            stance_issues,
        })
    }
}

/// The SQL of the statements `filter` selects, with the columns the
/// counts of [`crate::graph`] read: `sid`, the speaker, role, source,
/// place and kind, and the date as `d` and `p`.
pub(crate) async fn statement_rows(
    db: &DatabaseConnection,
    filter: Option<StatementFilter>,
) -> AppResult<Sql> {
    use statement::Column as S;
    Ok(statements(db, statement::Entity::find(), filter)
        .await?
        .select_only()
        .column_as(S::Id, "sid")
        .columns([
            S::SpeakerId,
            S::SpeakerKind,
            S::SpeakerRoleId,
            S::SourceId,
            S::PlaceId,
            S::Kind,
        ])
        .column_as(S::SaidOn, "d")
        .column_as(S::SaidOnPrecision, "p")
        .build(db.get_database_backend()))
}

/// The statements a filter selects, counted by each facet.
pub struct StatementFacets {
    rows: Sql,
    first: usize,
    /// The issues a stance is counted on: those of `filter.issue`.
    stance_issues: Option<Vec<i64>>,
}

/// A node and how many statements it has among those counted.
#[derive(SimpleObject)]
pub struct NodeCount {
    /// The person, organisation, place, issue or source.
    node: Node,
    /// How many of the statements counted it has.
    count: i64,
}

/// A stance and how many statements take it.
#[derive(SimpleObject, Debug, Clone, PartialEq)]
pub struct StanceCount {
    /// The stance.
    pub value: Stance,
    /// How many of the statements counted take it (on the filter's issue,
    /// if it has one).
    pub count: i64,
}

/// A kind of statement and how many statements are of it.
#[derive(SimpleObject)]
pub struct KindCount {
    /// Quoted or paraphrased.
    value: StatementKind,
    /// How many of the statements counted are of this kind.
    count: i64,
}

/// A publisher and how many statements its articles report.
#[derive(SimpleObject)]
pub struct PublisherCount {
    /// The publisher, as its sources name it.
    value: String,
    /// How many of the statements counted its articles report.
    count: i64,
}

impl StatementFacets {
    async fn keys(&self, ctx: &Context<'_>, facet: Facet<'_>) -> AppResult<Vec<(i64, i64)>> {
        count(database(ctx)?, &self.rows, facet, Some(self.first)).await
    }

    async fn values(&self, ctx: &Context<'_>, facet: Facet<'_>) -> AppResult<Vec<(String, i64)>> {
        let mut counts = count(database(ctx)?, &self.rows, facet, None).await?;
        counts.truncate(self.first);
        Ok(counts)
    }

    /// Entities by key, through the request's loader, each with its count.
    async fn entities(&self, ctx: &Context<'_>, facet: Facet<'_>) -> AppResult<Vec<NodeCount>> {
        let counts = self.keys(ctx, facet).await?;
        let found = try_join_all(counts.iter().map(|(id, _)| load_entity(ctx, *id))).await?;
        Ok(found
            .into_iter()
            .zip(counts)
            .filter_map(|(entity, (_, count))| {
                Some(NodeCount {
                    node: entity?.into(),
                    count,
                })
            })
            .collect())
    }
}

/// The statements a filter selects, counted by speaker, issue, source,
/// publisher, place, organisation, stance and kind; each list most first,
/// then in the order its values were added (publishers by name).
#[Object]
impl StatementFacets {
    /// How many statements the filter selects.
    async fn total_count(&self, ctx: &Context<'_>) -> AppResult<i64> {
        let sql = format!("SELECT COUNT(*) AS n FROM ({}) r", self.rows.sql);
        let rows = crate::graph::run(database(ctx)?, &self.rows, sql).await?;
        Ok(rows
            .first()
            .map(|r| r.try_get::<i64>("", "n"))
            .transpose()?
            .unwrap_or(0))
    }

    /// Who said them: people and organisations.
    async fn speakers(&self, ctx: &Context<'_>) -> AppResult<Vec<NodeCount>> {
        self.entities(ctx, Facet::Speaker).await
    }

    /// The issues they are about, each counting those about it or an issue under it.
    async fn issues(&self, ctx: &Context<'_>) -> AppResult<Vec<NodeCount>> {
        let counts = self.keys(ctx, Facet::Issue).await?;
        linked(
            &loaders(ctx)?.issue,
            counts,
            |c| c.0,
            |m, (_, count)| NodeCount {
                node: Node::Issue(Issue(m)),
                count,
            },
        )
        .await
    }

    /// The articles that report them.
    async fn sources(&self, ctx: &Context<'_>) -> AppResult<Vec<NodeCount>> {
        let counts = self.keys(ctx, Facet::Source).await?;
        linked(
            &loaders(ctx)?.source,
            counts,
            |c| c.0,
            |m, (_, count)| NodeCount {
                node: Node::Source(Source(m)),
                count,
            },
        )
        .await
    }

    /// The publishers of those articles (sources without one are not counted).
    async fn publishers(&self, ctx: &Context<'_>) -> AppResult<Vec<PublisherCount>> {
        let counts = self.values(ctx, Facet::Publisher).await?;
        Ok(counts
            .into_iter()
            .map(|(value, count)| PublisherCount { value, count })
            .collect())
    }

    /// Where they were said, each place counting those said in it or a place within it.
    async fn places(&self, ctx: &Context<'_>) -> AppResult<Vec<NodeCount>> {
        self.entities(ctx, Facet::Place).await
    }

    /// The organisations that said them or in which their speakers spoke
    /// in a role (`filter.speakerOrganisation`).
    async fn speaker_organisations(&self, ctx: &Context<'_>) -> AppResult<Vec<NodeCount>> {
        self.entities(ctx, Facet::SpeakerOrganisation).await
    }

    /// The stances they take on issues (on the filter's issue and those
    /// under it, if it has one). A statement on two issues may count under
    /// two stances; one on none counts under none.
    async fn stances(&self, ctx: &Context<'_>) -> AppResult<Vec<StanceCount>> {
        let counts = self
            .values(ctx, Facet::Stance(self.stance_issues.as_deref()))
            .await?;
        counts
            .into_iter()
            .map(|(value, count)| {
                Ok(StanceCount {
                    value: stance(&value)?,
                    count,
                })
            })
            .collect()
    }

    /// Quoted or paraphrased.
    async fn kinds(&self, ctx: &Context<'_>) -> AppResult<Vec<KindCount>> {
        let counts = self.values(ctx, Facet::Kind).await?;
        counts
            .into_iter()
            .map(|(value, count)| {
                let kind = kinds::StatementKind::try_from_value(&value).map_err(|_| unknown(&value))?;
                Ok(KindCount {
                    value: kind.into(),
                    count,
                })
            })
            .collect()
    }
}

/// A stance as stored.
pub(crate) fn stance(value: &str) -> AppResult<Stance> {
    Ok(kinds::Stance::try_from_value(&value.to_owned())
        .map_err(|_| unknown(value))?
        .into())
}

fn unknown(value: &str) -> AppError {
    tracing::error!(value, "a stored value no enum names");
    AppError::Internal
}
