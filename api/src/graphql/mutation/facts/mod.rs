//! Correcting statements, financial measures and events: partial updates
//! based on the version the client read, checked by the import's rules,
//! written in one transaction and announced after the commit.

mod check;
mod event;
mod financial_measure;
mod statement;
mod write;

use async_graphql::{Context, ID, Object};

use super::require_write;
use crate::error::{AppError, AppResult};
use crate::graphql::database;
use crate::graphql::filter::expect_id;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::mutation::commit;
use crate::graphql::node::{Node, fetch_node};
use crate::graphql::object::{Event, FinancialMeasure, Statement};
use crate::store::Write;

#[derive(Default)]
pub struct FactMutation;

#[Object]
impl FactMutation {
    /// Corrects a statement: its kind, text, speaker and the speaker's
    /// role, date, place, audience, issues with stances, mentions and
    /// evidence. The update is based on `version`, the statement's version
    /// the client read: if it changed since, nothing is written and the
    /// error is `CONFLICT`. An unknown statement, or a well-formed ID in
    /// `input` that names nothing, is `NOT_FOUND`; invalid fields are
    /// `BAD_USER_INPUT` with their paths in `extensions.problems`.
    async fn update_statement(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The statement's global ID.")] id: ID,
        #[graphql(desc = "The version the change is based on, as `version` returned it.")] version: i32,
        #[graphql(desc = "The changes.")] input: statement::StatementPatch,
    ) -> AppResult<Statement> {
        let actor = require_write(ctx)?;
        let key = expect_id(&id, "id", &[NodeKind::Statement])?;
        let patch = statement::checked(input)?;
        let db = database(ctx)?;
        let write = Write::begin(db).await?;
        let result = statement::apply(write.txn(), key, version, &patch, &actor).await;
        let node = GlobalId::new(NodeKind::Statement, key);
        commit(ctx, write, result, &[node]).await?;
        match fetch_node(db, node).await?.ok_or(AppError::Internal)? {
            Node::Statement(node) => Ok(node),
            _ => Err(AppError::Internal),
        }
    }

    /// Corrects a financial measure: its kind, label, amount and currency,
    /// qualifier, status, term, share, provider, recipient, collateral,
    /// issues, announcement date and evidence, by the import's rules. Like
    /// `updateStatement` it is based on `version` (`CONFLICT` when stale),
    /// and unknown IDs are `NOT_FOUND`, invalid fields `BAD_USER_INPUT`.
    async fn update_financial_measure(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The financial measure's global ID.")] id: ID,
        #[graphql(desc = "The version the change is based on, as `version` returned it.")] version: i32,
        #[graphql(desc = "The changes.")] input: financial_measure::FinancialMeasurePatch,
    ) -> AppResult<FinancialMeasure> {
        let actor = require_write(ctx)?;
        let key = expect_id(&id, "id", &[NodeKind::FinancialMeasure])?;
        let patch = financial_measure::checked(input)?;
        let db = database(ctx)?;
        let write = Write::begin(db).await?;
        let result = financial_measure::apply(write.txn(), key, version, &patch, &actor).await;
        let node = GlobalId::new(NodeKind::FinancialMeasure, key);
        commit(ctx, write, result, &[node]).await?;
        match fetch_node(db, node).await?.ok_or(AppError::Internal)? {
            Node::FinancialMeasure(node) => Ok(node),
            _ => Err(AppError::Internal),
        }
    }

    /// Corrects an event: its kind, label, dates, places, participants,
    /// counts (each with its evidence) and evidence, by the import's
    /// rules. Like `updateStatement` it is based on `version` (`CONFLICT`
    /// when stale), and unknown IDs are `NOT_FOUND`, invalid fields
    /// `BAD_USER_INPUT`.
    async fn update_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The event's global ID.")] id: ID,
        #[graphql(desc = "The version the change is based on, as `version` returned it.")] version: i32,
        #[graphql(desc = "The changes.")] input: event::EventPatch,
    ) -> AppResult<Event> {
        let actor = require_write(ctx)?;
        let key = expect_id(&id, "id", &[NodeKind::Event])?;
        let patch = event::checked(input)?;
        let db = database(ctx)?;
        let write = Write::begin(db).await?;
        let result = event::apply(write.txn(), key, version, &patch, &actor).await;
        let node = GlobalId::new(NodeKind::Event, key);
        commit(ctx, write, result, &[node]).await?;
        match fetch_node(db, node).await?.ok_or(AppError::Internal)? {
            Node::Event(node) => Ok(node),
            _ => Err(AppError::Internal),
        }
    }
}
