//! Positions: where one speaker stands on an issue, read a page at a time
//! by [`crate::loader::PositionsLoader`].

use std::sync::Arc;

use async_graphql::{Context, Object};
use entity::{kinds, statement};
use futures_util::future::BoxFuture;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{Stance, Statement, load_entity};
use crate::error::{AppError, AppResult};
use crate::graphql::connection::{Counter, Page, nested};
use crate::graphql::filter::{StatementOrder, StatementOrderField};
use crate::graphql::list::{ListOrder, Listing, read_page};
use crate::graphql::loaders;
use crate::graphql::scalars::PartialDate;
use crate::loader::{POSITION_CURSORS, Parent, Positions, PositionsAsk, PositionsKey, Scope};
use crate::page::{OrderDirection, PageArgs, Slice};

/// Where one speaker stands on an issue, and the statements that say so.
#[derive(Debug, Clone)]
pub struct Position {
    issue: i64,
    actor: i64,
    stance: kinds::Stance,
}

/// One page of an issue's positions, with a counter for `totalCount`.
pub(super) async fn page(
    ctx: &Context<'_>,
    issue: i64,
    stance: Option<Stance>,
    args: PageArgs,
) -> AppResult<Page<Position>> {
    let ask = Arc::new(PositionsAsk {
        stance: stance.map(Into::into),
        window: args.check_shape(&POSITION_CURSORS)?,
    });
    let key = PositionsKey {
        issue,
        ask,
        count: false,
    };
    let count = Arc::new(PositionCount(PositionsKey {
        count: true,
        ..key.clone()
    }));
    let slice = match loaders(ctx)?.positions.load_one(key).await? {
        Some(Positions::Page(slice)) => slice,
        _ => Slice::default(),
    };
    let edges = slice
        .rows
        .into_iter()
        .map(|row| {
            let position = Position {
                issue,
                actor: row.actor,
                stance: row.stance,
            };
            (row.cursor(), position)
        })
        .collect();
    Ok(Page::from_edges(
        edges,
        slice.has_previous_page,
        slice.has_next_page,
        count,
    ))
}

/// An issue's count of positions, read with its siblings'.
struct PositionCount(PositionsKey);

impl Counter for PositionCount {
    fn count<'a>(&'a self, ctx: &'a Context<'_>) -> BoxFuture<'a, AppResult<i64>> {
        Box::pin(async move {
            match loaders(ctx)?.positions.load_one(self.0.clone()).await? {
                Some(Positions::Count(n)) => Ok(n),
                _ => Ok(0),
            }
        })
    }
}

impl Position {
    fn parent(&self) -> Parent {
        Parent::Position {
            issue: self.issue,
            actor: self.actor,
            stance: self.stance,
        }
    }

    /// The day of the earliest (`Asc`) or latest (`Desc`) dated statement.
    async fn dated(&self, ctx: &Context<'_>, direction: OrderDirection) -> AppResult<Option<PartialDate>> {
        let select = statement::Entity::find().filter(statement::Column::SaidOn.is_not_null());
        let order = StatementOrder::order(
            Some(StatementOrder {
                field: StatementOrderField::SaidOn,
                direction,
            }),
            Statement::LIST,
        );
        let args = PageArgs {
            first: Some(1),
            ..PageArgs::default()
        };
        let (slice, _) = nested(ctx, self.parent(), Scope::Position, select, order, args).await?;
        Ok(slice
            .rows
            .first()
            .and_then(|s| PartialDate::from_columns(s.said_on, s.said_on_precision)))
    }
}

/// Where one speaker stands on an issue, and the statements that say so.
#[Object]
impl Position {
    /// Who takes the position: a person or an organisation.
    async fn actor(&self, ctx: &Context<'_>) -> AppResult<crate::graphql::node::Entity> {
        load_entity(ctx, self.actor).await?.ok_or_else(|| {
            tracing::error!(entity = self.actor, "position without its speaker");
            AppError::Internal
        })
    }

    /// The stance taken.
    async fn stance(&self) -> Stance {
        self.stance.into()
    }

    /// The statements that take it: by default oldest first (undated ones first).
    #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
    async fn statements(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The sort order; by default by the day said, ascending.")] order_by: Option<
            StatementOrder,
        >,
        #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
    ) -> AppResult<Page<Statement>> {
        let order = StatementOrder::order(
            Some(order_by.unwrap_or(StatementOrder {
                field: StatementOrderField::SaidOn,
                direction: OrderDirection::Asc,
            })),
            Statement::LIST,
        );
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let scope = Some((self.parent(), Scope::Position));
        read_page::<Statement>(ctx, scope, statement::Entity::find(), order, args, None).await
    }

    /// When the stance was first taken, as far as the dated statements tell.
    async fn first_said_on(&self, ctx: &Context<'_>) -> AppResult<Option<PartialDate>> {
        self.dated(ctx, OrderDirection::Asc).await
    }

    /// When the stance was last taken, as far as the dated statements tell.
    async fn last_said_on(&self, ctx: &Context<'_>) -> AppResult<Option<PartialDate>> {
        self.dated(ctx, OrderDirection::Desc).await
    }
}
