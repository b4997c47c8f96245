//! GraphQL objects, one module per type; each wraps entity models.

mod entities;
mod event;
mod evidence;
mod financial_measure;
mod issue;
mod position;
mod role;
mod source;
mod statement;

pub(crate) use entities::EntityObject;
pub use entities::{Organisation, OrganisationKind, Person, Place, PlaceKind};
pub use event::{Event, EventKind, Participant, Quantity};
pub use evidence::Evidence;
pub use financial_measure::{
    FinancialMeasure, FinancialMeasureKind, FinancialMeasureStatus, Qualifier, SecuredAgainst, Share,
};
pub use issue::Issue;
pub use position::Position;
pub use role::{Relation, Role};
pub use source::Source;
pub use statement::{IssueStance, Stance, Statement, StatementKind};

use super::filter::{
    EventFilter, EventOrder, FinancialMeasureFilter, FinancialMeasureOrder, IssueFilter, IssueOrder,
    RoleOrder, SourceFilter, SourceOrder, StatementFilter, StatementOrder,
};
use super::list::row_listings;
use super::loaders;
use super::node::Entity;
use crate::error::AppResult;

row_listings!(
    Issue: issue, IssueFilter, IssueOrder;
    Statement: statement, StatementFilter, StatementOrder;
    Role: role, (), RoleOrder;
    Relation: relation, (), ();
    FinancialMeasure: financial_measure, FinancialMeasureFilter, FinancialMeasureOrder;
    Event: event, EventFilter, EventOrder;
    Source: source, SourceFilter, SourceOrder;
);

/// Reads an entity through the request's loader.
pub(crate) async fn load_entity(ctx: &async_graphql::Context<'_>, id: i64) -> AppResult<Option<Entity>> {
    Ok(loaders(ctx)?.entity.load_one(id).await?.map(Entity::from))
}

/// Reads entities through the request's loader, in the order of `ids`.
pub(crate) async fn load_entities(ctx: &async_graphql::Context<'_>, ids: Vec<i64>) -> AppResult<Vec<Entity>> {
    let mut found = loaders(ctx)?.entity.load_many(ids.iter().copied()).await?;
    Ok(ids
        .iter()
        .filter_map(|id| found.remove(id))
        .map(Entity::from)
        .collect())
}

/// Reads issues through the request's loader, in the order of `ids`.
pub(crate) async fn load_issues(ctx: &async_graphql::Context<'_>, ids: Vec<i64>) -> AppResult<Vec<Issue>> {
    let mut found = loaders(ctx)?.issue.load_many(ids.iter().copied()).await?;
    Ok(ids.iter().filter_map(|id| found.remove(id)).map(Issue).collect())
}

/// Reads a place through the request's loader.
pub(crate) async fn load_place(
    ctx: &async_graphql::Context<'_>,
    id: Option<i64>,
) -> AppResult<Option<Place>> {
    let Some(id) = id else { return Ok(None) };
    Ok(match load_entity(ctx, id).await? {
        Some(Entity::Place(p)) => Some(p),
        _ => None,
    })
}
