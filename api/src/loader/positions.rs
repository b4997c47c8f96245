//! Reads `Issue.positions` a page at a time: the statements about an issue
//! grouped by speaker and stance in SQL (`GROUP BY`), cut with a keyset
//! cursor and a `LIMIT`, so that a page costs one row per position, never a
//! row per statement. One query for the pages of a batch of issues, one
//! for their counts.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use chrono::NaiveDate;
use entity::kinds::Stance;
use entity::{statement, statement_issue};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, JoinType, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DatabaseConnection, Order};

use super::lists::{Found, Listed, read_pages};
use crate::error::AppError;
use crate::page::{CursorShape, Slice, SortKind, Window, keyset};

/// What the cursors of `Issue.positions` say: positions come in the order
/// of their earliest dated statement (positions with none first), ties
/// broken by their first statement.
pub const POSITION_CURSORS: CursorShape = CursorShape {
    list: "positions",
    field: "firstSaidOn",
    descending: false,
    kind: Some(SortKind::Date),
};

/// One speaker's stance on an issue, as one row of the grouped statements.
#[derive(Debug, Clone)]
pub struct PositionRow {
    pub actor: i64,
    pub stance: Stance,
    /// The day of the earliest dated statement, if any is dated.
    pub first_said_on: Option<NaiveDate>,
    /// The first statement of the position, as added to the graph.
    pub first_statement: i64,
}

impl PositionRow {
    /// The row's place in the list, as a cursor.
    pub fn cursor(&self) -> String {
        POSITION_CURSORS
            .cursor(self.first_said_on.map(|d| d.to_string()), self.first_statement)
            .encode()
    }
}

/// What one `positions` field asks, the same for every issue of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PositionsAsk {
    pub stance: Option<Stance>,
    pub window: Window,
}

/// A request to the loader: one issue's page of positions, or its count.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PositionsKey {
    pub issue: i64,
    pub ask: Arc<PositionsAsk>,
    pub count: bool,
}

/// A page of positions, or how many positions the issue has.
pub type Positions = Listed<PositionRow>;

/// Reads pages of positions for many issues at once.
pub struct PositionsLoader {
    db: DatabaseConnection,
}

impl PositionsLoader {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

const OWNER: &str = "owner";
const ACTOR: &str = "actor";
const STANCE: &str = "stance";
const FIRST_SAID_ON: &str = "first_said_on";
const FIRST_STATEMENT: &str = "first_statement";
const POSITIONS: &str = "positions";

fn link(column: statement_issue::Column) -> Expr {
    Expr::col((statement_issue::Entity, column))
}

fn said_on() -> Expr {
    Expr::expr(Func::min(Expr::col((
        statement::Entity,
        statement::Column::SaidOn,
    ))))
}

fn first_id() -> Expr {
    Expr::expr(Func::min(Expr::col((statement::Entity, statement::Column::Id))))
}

/// The statements about `issue` (itself, not its sub-issues), joined with
/// their stance on it, grouped by speaker and stance.
fn grouped(issue: Expr, ask: &PositionsAsk) -> SelectStatement {
    let mut query = Query::select();
    query
        .from(statement_issue::Entity)
        .join(
            JoinType::InnerJoin,
            statement::Entity,
            Expr::col((statement::Entity, statement::Column::Id))
                .equals((statement_issue::Entity, statement_issue::Column::StatementId)),
        )
        .and_where(link(statement_issue::Column::IssueId).eq(issue))
        .expr_as(
            Expr::col((statement::Entity, statement::Column::SpeakerId)),
            Alias::new(ACTOR),
        )
        .expr_as(link(statement_issue::Column::Stance), Alias::new(STANCE))
        .group_by_col((statement::Entity, statement::Column::SpeakerId))
        .group_by_col((statement_issue::Entity, statement_issue::Column::Stance));
    if let Some(stance) = ask.stance {
        query.and_where(link(statement_issue::Column::Stance).eq(stance));
    }
    query
}

impl PositionsLoader {
    async fn pages(
        &self,
        ask: &PositionsAsk,
        issues: &[i64],
    ) -> Result<HashMap<i64, Slice<PositionRow>>, AppError> {
        let window = &ask.window;
        let (size, backwards) = window.reading();
        let (order, nulls) = if backwards {
            (Order::Desc, sea_orm::sea_query::NullOrdering::Last)
        } else {
            (Order::Asc, sea_orm::sea_query::NullOrdering::First)
        };
        let pages = issues
            .iter()
            .map(|issue| {
                let mut page = grouped(Expr::val(*issue), ask);
                page.expr_as(Expr::val(*issue), Alias::new(OWNER))
                    .expr_as(said_on(), Alias::new(FIRST_SAID_ON))
                    .expr_as(first_id(), Alias::new(FIRST_STATEMENT));
                if let Some(after) = &window.after {
                    page.and_having(keyset(
                        Some(said_on()),
                        first_id(),
                        &POSITION_CURSORS,
                        after,
                        true,
                    ));
                }
                if let Some(before) = &window.before {
                    page.and_having(keyset(
                        Some(said_on()),
                        first_id(),
                        &POSITION_CURSORS,
                        before,
                        false,
                    ));
                }
                page.order_by_expr_with_nulls(said_on(), order.clone(), nulls)
                    .order_by_expr(first_id(), order.clone())
                    .limit(size + 1);
                page
            })
            .collect();
        let mut out: HashMap<i64, Vec<PositionRow>> = issues.iter().map(|i| (*i, Vec::new())).collect();
        let rows = read_pages(&self.db, pages).await?;
        for row in rows {
            let issue: i64 = row.try_get("", OWNER)?;
            out.entry(issue).or_default().push(PositionRow {
                actor: row.try_get("", ACTOR)?,
                stance: row.try_get("", STANCE)?,
                first_said_on: row.try_get("", FIRST_SAID_ON)?,
                first_statement: row.try_get("", FIRST_STATEMENT)?,
            });
        }
        Ok(out
            .into_iter()
            .map(|(issue, rows)| (issue, window.cut(rows)))
            .collect())
    }

    async fn counts(&self, ask: &PositionsAsk, issues: &[i64]) -> Result<HashMap<i64, i64>, AppError> {
        let mut each = Query::select();
        each.from(statement_issue::Entity)
            .join(
                JoinType::InnerJoin,
                statement::Entity,
                Expr::col((statement::Entity, statement::Column::Id))
                    .equals((statement_issue::Entity, statement_issue::Column::StatementId)),
            )
            .and_where(link(statement_issue::Column::IssueId).is_in(issues.iter().copied()))
            .expr_as(link(statement_issue::Column::IssueId), Alias::new(OWNER))
            .group_by_col((statement_issue::Entity, statement_issue::Column::IssueId))
            .group_by_col((statement::Entity, statement::Column::SpeakerId))
            .group_by_col((statement_issue::Entity, statement_issue::Column::Stance));
        if let Some(stance) = ask.stance {
            each.and_where(link(statement_issue::Column::Stance).eq(stance));
        }
        let query = Query::select()
            .column(Alias::new(OWNER))
            .expr_as(Expr::cust("COUNT(*)"), Alias::new(POSITIONS))
            .from_subquery(each, Alias::new("each_position"))
            .group_by_col(Alias::new(OWNER))
            .to_owned();
        let rows = self.db.query_all(&query).await?;
        let mut out: HashMap<i64, i64> = issues.iter().map(|i| (*i, 0)).collect();
        for row in rows {
            out.insert(row.try_get("", OWNER)?, row.try_get("", POSITIONS)?);
        }
        Ok(out)
    }
}

impl Loader<PositionsKey> for PositionsLoader {
    type Value = Positions;
    type Error = AppError;

    async fn load(&self, keys: &[PositionsKey]) -> Result<HashMap<PositionsKey, Positions>, AppError> {
        // Keys of one field share what they ask: one query per ask and kind.
        let mut groups: HashMap<(&PositionsAsk, bool), Vec<&PositionsKey>> = HashMap::new();
        for key in keys {
            groups.entry((&*key.ask, key.count)).or_default().push(key);
        }
        let mut out = HashMap::with_capacity(keys.len());
        for ((ask, count), group) in groups {
            let issues: Vec<i64> = group.iter().map(|k| k.issue).collect();
            let found = if count {
                Found::Counts(self.counts(ask, &issues).await?)
            } else {
                Found::Pages(self.pages(ask, &issues).await?)
            };
            found.file(group, |k| k.issue, &mut out);
        }
        Ok(out)
    }
}
