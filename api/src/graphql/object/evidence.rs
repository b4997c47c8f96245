//! Evidence: where in which article a fact comes from.

use async_graphql::{Context, Object};

use super::Source;
use crate::error::AppResult;
use crate::graphql::loaders;

/// The span of a source's text that a fact comes from. Offsets count
/// Unicode code points, as the W3C Web Annotation TextPositionSelector does;
/// `excerpt` is that span, so clients never slice the text themselves.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub source_id: i64,
    pub start: i32,
    pub end: i32,
    pub excerpt: String,
    pub confidence: f64,
    pub curated: bool,
}

/// Builds the evidence of any fact model that has the provenance columns.
macro_rules! evidence_of {
    ($model:expr) => {
        $crate::graphql::object::Evidence {
            source_id: $model.source_id,
            start: $model.span_start,
            end: $model.span_end,
            excerpt: $model.excerpt.clone(),
            confidence: $model.confidence,
            curated: $model.curated,
        }
    };
}
pub(crate) use evidence_of;

/// The span of a source's text that a fact comes from. Offsets count Unicode
/// code points (W3C Web Annotation TextPositionSelector); `excerpt` is the
/// span's text.
#[Object]
impl Evidence {
    /// The article the fact comes from.
    async fn source(&self, ctx: &Context<'_>) -> AppResult<Option<Source>> {
        Ok(loaders(ctx)?.source.load_one(self.source_id).await?.map(Source))
    }

    /// Offset of the span's first code point in the source's text (from 0).
    async fn start(&self) -> i32 {
        self.start
    }

    /// Offset just past the span's last code point.
    async fn end(&self) -> i32 {
        self.end
    }

    /// The text of the span.
    async fn excerpt(&self) -> &str {
        &self.excerpt
    }

    /// How sure the graph is of the fact, from 0 to 1.
    async fn confidence(&self) -> f64 {
        self.confidence
    }

    /// True when a person curated the fact, false when a program extracted it.
    async fn curated(&self) -> bool {
        self.curated
    }
}
