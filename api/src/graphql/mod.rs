//! The GraphQL schema: objects wrapping entity models, the query root, and
//! the one [`build_schema`] that the server, the tests and the SDL export use.

pub mod connection;
pub mod fanout;
pub mod filter;
pub mod flat;
pub mod ids;
pub mod list;
pub mod mutation;
pub mod node;
pub mod object;
mod order;
pub mod query;
pub mod scalars;
pub mod search;
pub mod subscription;

use async_graphql::{Context, Schema, SchemaBuilder};
use sea_orm::DatabaseConnection;

use std::sync::Arc;

use crate::changes::Changes;
use crate::error::{AppError, AppResult};
use crate::guard::codes::RequestErrorCodes;
use crate::guard::labels::LabelOperations;
use crate::guard::limits::{DocumentLimits, LimitCodes, Limits};
use crate::guard::redact::Redaction;
use crate::guard::trusted::Gate;
use crate::guard::{Exposure, OnParse};
use crate::loader::Loaders;

pub use mutation::Mutation;
pub use query::Query;
pub use subscription::Subscription;

/// The schema type the server runs.
pub type AppSchema = Schema<Query, Mutation, Subscription>;

fn builder() -> SchemaBuilder<Query, Mutation, Subscription> {
    Schema::build(Query::default(), Mutation::default(), Subscription)
        .register_output_type::<node::EntityImplementsNode>()
}

/// The schema, served over the given database, announcing to `changes`,
/// within `limits`, showing as much of itself as `exposure` allows.
pub fn build_schema(
    db: DatabaseConnection,
    changes: Changes,
    limits: Arc<Limits>,
    exposure: &Exposure,
) -> AppSchema {
    let mut schema = builder()
        .data(fanout::Fanout::new(db.clone(), changes.clone()))
        .data(crate::extract::gazetteer::Cached::default())
        .data(db)
        .data(changes)
        .limit_depth(limits.max_depth)
        .limit_complexity(limits.max_complexity)
        .extension(RequestErrorCodes)
        .extension(OnParse(DocumentLimits {
            limits: limits.clone(),
            introspection: exposure.introspection,
        }))
        .extension(LimitCodes(limits))
        .extension(order::FieldOrder)
        .extension(crate::budget::AnswerBytes)
        .extension(OnParse(LabelOperations));
    if let Some(documents) = &exposure.trusted_documents {
        schema = schema.extension(OnParse(Gate(documents.clone())));
    }
    if exposure.redact_messages {
        schema = schema.extension(Redaction::default());
    }
    if !exposure.introspection {
        schema = schema.disable_introspection();
    }
    if !exposure.suggestions {
        schema = schema.disable_suggestions();
    }
    schema.finish()
}

/// The process's change feed.
pub(crate) fn changes<'a>(ctx: &'a Context<'_>) -> AppResult<&'a Changes> {
    ctx.data::<Changes>().map_err(|_| {
        tracing::error!("schema without a change feed");
        AppError::Internal
    })
}

/// The process's subscription targets.
pub(crate) fn fanout<'a>(ctx: &'a Context<'_>) -> AppResult<&'a fanout::Fanout> {
    ctx.data::<fanout::Fanout>().map_err(|_| {
        tracing::error!("schema without subscription fan-out");
        AppError::Internal
    })
}

/// The schema's SDL, as `newsgraph schema` prints it and `schema.graphql` holds it.
pub fn sdl() -> String {
    builder().finish().sdl()
}

/// The request's loaders.
pub(crate) fn loaders<'a>(ctx: &'a Context<'_>) -> AppResult<&'a Loaders> {
    ctx.data::<Loaders>().map_err(|_| {
        tracing::error!("request without loaders");
        AppError::Internal
    })
}

/// The database connection.
pub(crate) fn database<'a>(ctx: &'a Context<'_>) -> AppResult<&'a DatabaseConnection> {
    ctx.data::<DatabaseConnection>().map_err(|_| {
        tracing::error!("schema without a database");
        AppError::Internal
    })
}
