//! `timeline(filter:, interval:)` and `eventTimeline(filter:, interval:)`:
//! how many statements or events fall in each day, week, month or year,
//! for a chart. The buckets' counts add up to the list's `totalCount`.

use async_graphql::{Context, Enum, Object, SimpleObject};
use entity::event;
use sea_orm::{EntityTrait, QuerySelect, QueryTrait};

use super::facets::{AGGREGATE_COST, StanceCount, stance, statement_rows};
use crate::error::AppResult;
use crate::graph::timeline::{Bucket, Interval, Tally, Timeline, timeline};
use crate::graphql::connection::small_list_cost;
use crate::graphql::database;
use crate::graphql::filter::{EventFilter, StatementFilter, events, issue_subtree};

/// How long each bucket of a timeline is.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeInterval {
    /// One day.
    Day,
    /// A week from Monday to Sunday (ISO 8601).
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

impl From<TimeInterval> for Interval {
    fn from(interval: TimeInterval) -> Self {
        match interval {
            TimeInterval::Day => Self::Day,
            TimeInterval::Week => Self::Week,
            TimeInterval::Month => Self::Month,
            TimeInterval::Year => Self::Year,
        }
    }
}

impl From<Interval> for TimeInterval {
    fn from(interval: Interval) -> Self {
        match interval {
            Interval::Day => Self::Day,
            Interval::Week => Self::Week,
            Interval::Month => Self::Month,
            Interval::Year => Self::Year,
        }
    }
}

/// A stretch of time and how many facts fall in it.
#[derive(SimpleObject)]
pub struct TimeBucket {
    /// Its first day (`YYYY-MM-DD`); empty for the bucket of undated facts.
    start: String,
    /// Its last day (`YYYY-MM-DD`), inclusive; empty for the bucket of undated facts.
    end: String,
    /// How long it is: the interval asked for, or longer for facts dated
    /// only to a month or a year (a statement of "December 2025" on a
    /// timeline by day counts in a bucket of the whole month); null for
    /// the bucket of undated facts.
    precision: Option<TimeInterval>,
    /// True for the one bucket, last, of the facts without a date.
    undated: bool,
    /// How many facts fall in it.
    count: i64,
    /// The statements in it by the stance they take on issues (on the
    /// filter's issue and those under it, if it has one), most first; a
    /// statement on two issues may count under two stances. Empty for events.
    stances: Vec<StanceCount>,
}

impl TimeBucket {
    fn of(bucket: Option<Bucket>, tally: Tally) -> AppResult<Self> {
        let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
        Ok(Self {
            start: bucket.map(|b| day(b.start)).unwrap_or_default(),
            end: bucket.map(|b| day(b.end)).unwrap_or_default(),
            precision: bucket.map(|b| b.width.into()),
            undated: bucket.is_none(),
            count: tally.count,
            stances: tally
                .stances
                .iter()
                .map(|(value, count)| {
                    Ok(StanceCount {
                        value: stance(value)?,
                        count: *count,
                    })
                })
                .collect::<AppResult<_>>()?,
        })
    }
}

/// The buckets of a timeline in order, the undated last when there are any.
fn buckets(timeline: Timeline) -> AppResult<Vec<TimeBucket>> {
    let undated = (timeline.undated.count > 0).then_some(timeline.undated);
    timeline
        .buckets
        .into_iter()
        .map(|(bucket, tally)| TimeBucket::of(Some(bucket), tally))
        .chain(undated.map(|tally| TimeBucket::of(None, tally)))
        .collect()
}

#[derive(Default)]
pub struct TimelineQuery;

#[Object]
impl TimelineQuery {
    /// How many of the statements `filter` selects were said in each
    /// day, week, month or year, with their stances, in order of time
    /// (of two buckets that start together, the longer first). Buckets
    /// without statements are left out. A statement dated less precisely
    /// than `interval` counts in a bucket of its own precision; undated
    /// statements count in a last bucket of their own. The counts add up
    /// to `statements(filter:).totalCount`. Costs a read of every
    /// statement the filter selects.
    #[graphql(complexity = "AGGREGATE_COST + small_list_cost(child_complexity)")]
    async fn timeline(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which statements to count; all of them without one.")] filter: Option<
            StatementFilter,
        >,
        #[graphql(desc = "How long each bucket is.")] interval: TimeInterval,
    ) -> AppResult<Vec<TimeBucket>> {
        let db = database(ctx)?;
        let stance_issues = issue_subtree(db, filter.as_ref().and_then(|f| f.issue.as_ref())).await?;
        let rows = statement_rows(db, filter).await?;
        buckets(timeline(db, &rows, interval.into(), Some(stance_issues.as_deref())).await?)
    }

    /// How many of the events `filter` selects started in each day, week,
    /// month or year, as `timeline` counts statements; undated events
    /// count in a last bucket of their own. The counts add up to
    /// `events(filter:).totalCount`.
    #[graphql(complexity = "AGGREGATE_COST + small_list_cost(child_complexity)")]
    async fn event_timeline(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which events to count; all of them without one.")] filter: Option<EventFilter>,
        #[graphql(desc = "How long each bucket is.")] interval: TimeInterval,
    ) -> AppResult<Vec<TimeBucket>> {
        use event::Column as E;
        let db = database(ctx)?;
        let rows = events(db, event::Entity::find(), filter)
            .await?
            .select_only()
            .column_as(E::Id, "sid")
            .column_as(E::StartedOn, "d")
            .column_as(E::StartedOnPrecision, "p")
            .build(db.get_database_backend());
        buckets(timeline(db, &rows, interval.into(), None).await?)
    }
}
