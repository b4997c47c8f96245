//! Evidence: where in which article a fact comes from.

use async_graphql::{Context, Object};

use entity::fact_evidence::Fact;

use super::Source;
use crate::error::AppResult;
use crate::graphql::loaders;
use crate::graphql::scalars::PartialDate;

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

/// The fields every fact node shares, from its row: `evidence` and
/// `reports` (of the fact `$kind`), `createdAt`, `updatedAt` and `version`.
macro_rules! fact_fields {
    ($model:expr, $kind:ident) => {
        $crate::graphql::flat::Also(
            $crate::graphql::flat::Cited::new(
                entity::fact_evidence::Fact::$kind($model.id),
                $crate::graphql::object::evidence::evidence_of!($model),
            ),
            $crate::graphql::flat::Stamps::new($model.created_at, $model.updated_at, $model.version),
        )
    };
}
pub(crate) use fact_fields;

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

/// Every report of a fact: the passage it was first recorded from, and
/// each other passage, in the same source or another outlet's, found to
/// report the same fact (the same words of the same speaker, the same
/// meeting, the same loan).
pub struct Reports {
    fact: Fact,
    first: Evidence,
}

impl Reports {
    /// The reports of `fact`, first recorded from `first`.
    pub fn of(fact: Fact, first: Evidence) -> Self {
        Self { fact, first }
    }

    /// The first report, then the later ones in the order they were added.
    async fn all(&self, ctx: &Context<'_>) -> AppResult<Vec<Evidence>> {
        let later = loaders(ctx)?
            .reports
            .load_one(self.fact)
            .await?
            .unwrap_or_default();
        let mut all = Vec::with_capacity(later.len() + 1);
        all.push(self.first.clone());
        all.extend(later.iter().map(|row| evidence_of!(row)));
        Ok(all)
    }

    /// The sources of the reports, each once, in the order of the reports.
    async fn source_ids(&self, ctx: &Context<'_>) -> AppResult<Vec<i64>> {
        let mut ids = Vec::new();
        for evidence in self.all(ctx).await? {
            if !ids.contains(&evidence.source_id) {
                ids.push(evidence.source_id);
            }
        }
        Ok(ids)
    }
}

/// Every report of a fact: the passage it was first recorded from, and
/// each other passage, in the same source or another outlet's, found to
/// report the same fact.
#[Object]
impl Reports {
    /// Every report: the first, then the others in the order the graph
    /// learnt of them, each with its source and span.
    async fn evidence(&self, ctx: &Context<'_>) -> AppResult<Vec<Evidence>> {
        self.all(ctx).await
    }

    /// How many reports there are (passages, not sources).
    async fn count(&self, ctx: &Context<'_>) -> AppResult<i32> {
        Ok(self.all(ctx).await?.len() as i32)
    }

    /// How many distinct sources report the fact.
    async fn source_count(&self, ctx: &Context<'_>) -> AppResult<i32> {
        Ok(self.source_ids(ctx).await?.len() as i32)
    }

    /// The sources that report the fact, each once, in the order of the reports.
    async fn sources(&self, ctx: &Context<'_>) -> AppResult<Vec<Source>> {
        let ids = self.source_ids(ctx).await?;
        let found = loaders(ctx)?.source.load_many(ids.iter().copied()).await?;
        Ok(ids
            .iter()
            .filter_map(|id| found.get(id).cloned().map(Source))
            .collect())
    }

    /// When the fact was first reported: the earliest publication date of
    /// its sources, as precisely as that source gives it; null when none
    /// of them is dated.
    async fn first_reported_on(&self, ctx: &Context<'_>) -> AppResult<Option<PartialDate>> {
        let ids = self.source_ids(ctx).await?;
        let found = loaders(ctx)?.source.load_many(ids.iter().copied()).await?;
        let earliest = found
            .values()
            .filter_map(|s| Some((s.published_on?, s.published_on_precision?)))
            .min_by_key(|(date, _)| *date);
        Ok(earliest.and_then(|(date, precision)| PartialDate::from_columns(Some(date), Some(precision))))
    }
}
