//! Issues: what statements are about.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use entity::issue;

use crate::error::AppResult;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::loaders;

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

    /// When the issue was added to the graph.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When the issue was last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}
