//! Sources: the articles facts come from.

use async_graphql::{ID, Object};
use chrono::{DateTime, Utc};
use entity::source;

use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::scalars::Date;

/// An article, with its full text.
#[derive(Debug, Clone)]
pub struct Source(pub source::Model);

/// An article: the text every fact's evidence points into.
#[Object]
impl Source {
    /// The object's opaque, stable global ID.
    pub async fn id(&self) -> ID {
        GlobalId::new(NodeKind::Source, self.0.id).encode()
    }

    /// A stable identifier of the article, unique in the graph, used by import files.
    async fn key(&self) -> &str {
        &self.0.key
    }

    /// Where the article was published online, where known.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }

    /// The headline.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Who published it, where known.
    async fn publisher(&self) -> Option<&str> {
        self.0.publisher.as_deref()
    }

    /// The day it was published, where known.
    async fn published_on(&self) -> Option<Date> {
        self.0.published_on.map(Date)
    }

    /// Its language as a BCP 47 tag (`en`), where known.
    async fn language(&self) -> Option<&str> {
        self.0.language.as_deref()
    }

    /// The full text; evidence offsets count its Unicode code points.
    async fn text(&self) -> &str {
        &self.0.text
    }

    /// When the source was added to the graph.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When the source was last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}
