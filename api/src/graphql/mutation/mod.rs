//! The mutation root: writes, each behind a write token and recorded in the
//! write log with the token's name.

use async_graphql::{Context, ID, Json, MergedObject, Object, SimpleObject};

use super::{changes, database};
use crate::auth::{Caller, Level};
use crate::changes::Change;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::import::{self, Actor, ImportError};
use crate::store::Write;

#[macro_use]
mod update;
#[macro_use]
mod patch;

mod create;
mod delete;
mod entities;
mod entity_details;
mod facts;
mod issues;
mod links;
mod merge;
mod sources;
mod span;

pub use create::{
    CreateMutation, EvidenceInput, ParticipantInput, QuantityInput, SecuredAgainstInput, ShareInput,
    StanceInput,
};
pub use delete::DeleteMutation;
pub use entities::{EntityMutation, EntityPatch};
pub use facts::FactMutation;
pub use issues::{IssueMutation, IssuePatch};
pub use links::{LinkMutation, RelationPatch, RolePatch};
pub use merge::MergeMutation;
pub use sources::{SourceMutation, SourcePatch};

/// Everything a client can write.
#[derive(MergedObject, Default)]
pub struct Mutation(
    ImportMutation,
    CreateMutation,
    EntityMutation,
    FactMutation,
    LinkMutation,
    IssueMutation,
    SourceMutation,
    MergeMutation,
    DeleteMutation,
);

/// The name of the write token the request carries, or why it may not write.
pub fn require_write(ctx: &Context<'_>) -> AppResult<String> {
    match ctx.data_opt::<Caller>() {
        Some(Caller::Token {
            name,
            level: Level::Write,
        }) => Ok(name.clone()),
        Some(Caller::Token {
            name,
            level: Level::Read,
        }) => Err(AppError::Forbidden(format!(
            "the token \"{name}\" may read but not write; writes need a write token"
        ))),
        _ => Err(AppError::Unauthenticated(
            "writes need a write token: send `Authorization: Bearer <token>`".to_owned(),
        )),
    }
}

/// Commits a write (or rolls back a failed one) and, once it is
/// committed, tells the subscribers of each of `nodes` that it changed.
async fn commit(
    ctx: &Context<'_>,
    mut write: Write,
    result: AppResult<()>,
    nodes: &[GlobalId],
) -> AppResult<()> {
    for node in nodes {
        write.announce(Change::NodeChanged { id: node.encode().0 });
    }
    write.finish(result, Some(changes(ctx)?)).await
}

/// Reads an entity afresh after a write (the request's loaders may hold
/// the row as it was).
async fn fresh_entity(db: &sea_orm::DatabaseConnection, key: i64) -> AppResult<crate::graphql::node::Entity> {
    let loader = crate::loader::EntityLoader::new(db.clone());
    let mut found = async_graphql::dataloader::Loader::load(&loader, &[key]).await?;
    found.remove(&key).map(Into::into).ok_or(AppError::Internal)
}

#[derive(Default)]
pub struct ImportMutation;

#[Object]
impl ImportMutation {
    /// Imports a document of the import format (`{"format": "newsgraph/1", ...}`,
    /// as `newsgraph import` reads and `docs/import-format.md` describes):
    /// checked whole, then written in one transaction, resolving people,
    /// organisations, places and issues to the nodes already there by
    /// Wikidata ID or by name and alias. A document with problems writes
    /// nothing and fails with `BAD_USER_INPUT`, listing each problem's path
    /// in `extensions.problems`.
    async fn import_graph(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The document, as a JSON object of the import format.")] document: Json<
            serde_json::Value,
        >,
    ) -> AppResult<ImportResult> {
        let name = require_write(ctx)?;
        let bytes = serde_json::to_vec(&document.0).map_err(|err| {
            tracing::error!(%err, "a JSON value did not serialise");
            AppError::Internal
        })?;
        let actor = Actor {
            name: &name,
            operation: "importGraph",
        };
        let db = database(ctx)?;
        let counts = import::import_bytes(db, &bytes, actor, Some(changes(ctx)?))
            .await
            .map_err(|err| import_failed(err, "importGraph", "document."))?;
        Ok(ImportResult::of(&counts))
    }

    /// Reads an article as `extractArticle` does and imports the draft in
    /// one transaction: the article becomes a source, and the quotes,
    /// speakers, reported speech and roles found in it become facts with
    /// `curated: false`, citing their spans. All of it or nothing. Ingesting
    /// the same article again adds nothing.
    #[graphql(complexity = "crate::graphql::query::extract::EXTRACT_COST")]
    async fn ingest_article(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The article: its text and what is known of it.")]
        article: crate::graphql::query::extract::ArticleInput,
    ) -> AppResult<ImportResult> {
        let name = require_write(ctx)?;
        let doc = crate::graphql::query::extract::draft_of(ctx, article).await?;
        let actor = Actor {
            name: &name,
            operation: "ingestArticle",
        };
        let counts = import::import(database(ctx)?, &doc, actor, Some(changes(ctx)?))
            .await
            .map_err(|err| import_failed(err, "ingestArticle", "draft."))?;
        Ok(ImportResult::of(&counts))
    }
}

impl ImportResult {
    fn of(counts: &import::Counts) -> Self {
        ImportResult {
            reports: counts
                .reports()
                .iter()
                .filter_map(|r| {
                    Some(ImportedReport {
                        record: r.record.clone(),
                        fact: GlobalId::new(NodeKind::of_fact(r.kind)?, r.fact).encode(),
                    })
                })
                .collect(),
            records: counts
                .rows()
                .map(|(kind, added, existing)| ImportedRecords {
                    kind,
                    added: added as i32,
                    existing: existing as i32,
                })
                .collect(),
        }
    }
}

/// The error a client reads for an import that failed: each problem at
/// its path under `prefix` (`document.` for a document, nothing for a
/// mutation's `input`), every missing node named.
fn import_failed(err: ImportError, operation: &str, prefix: &str) -> AppError {
    match err {
        ImportError::Invalid(problems) => AppError::invalid(
            problems
                .into_iter()
                .map(|p| (format!("{prefix}{}", p.path), p.message))
                .collect(),
        ),
        ImportError::NotFound(missing) => missing.into_not_found(),
        ImportError::Json { path, message, .. } => AppError::bad_input(match path {
            Some(path) => format!("{prefix}{path}: {message}"),
            None => format!("{}: {message}", prefix.trim_end_matches('.')),
        }),
        ImportError::Unavailable(_) => AppError::DatabaseUnavailable,
        err @ (ImportError::Database(_) | ImportError::NotUtf8 { .. }) => {
            tracing::error!(error = %err, operation, "a write failed");
            AppError::Internal
        }
    }
}

/// What an import added, by kind of record.
#[derive(SimpleObject, Debug, Clone)]
pub struct ImportResult {
    /// One entry per kind of record the document held.
    pub records: Vec<ImportedRecords>,
    /// The records found to be another report of a fact the graph held
    /// (or that an earlier record of the same document added): their
    /// evidence was added to that fact. In the order of the document.
    pub reports: Vec<ImportedReport>,
}

/// A record that reported a fact already in the graph.
#[derive(SimpleObject, Debug, Clone)]
pub struct ImportedReport {
    /// The record's key in the document.
    pub record: String,
    /// The fact it reports (a `Statement`, `Role`, `Relation`,
    /// `FinancialMeasure` or `Event` ID), which now cites its evidence too.
    pub fact: ID,
}

/// How many records of one kind an import added, and how many it found
/// already in the graph.
#[derive(SimpleObject, Debug, Clone)]
pub struct ImportedRecords {
    /// The kind of record.
    pub kind: import::RecordKind,
    /// Records that became new nodes.
    pub added: i32,
    /// Records that matched nodes already in the graph.
    pub existing: i32,
}
