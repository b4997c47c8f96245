//! A fact's evidence, replaced whole by an update: checked as the import
//! checks it, against the cited source's text by Unicode code points.

use async_graphql::{ID, InputObject};
use entity::source;
use sea_orm::{DatabaseTransaction, EntityTrait};

use super::patch::{Problems, id_field, missing};
use crate::error::AppResult;
use crate::graphql::ids::NodeKind;
use crate::import::format::EvidenceRecord;
use crate::import::{SourceText, check_evidence_numbers, check_span};

/// A new span of evidence for a fact, replacing the one it has: where in
/// which source the fact is stated. Offsets count Unicode code points, end
/// exclusive, and `excerpt` must be the text between them exactly.
#[derive(InputObject, Debug, Clone)]
pub struct SpanPatch {
    /// The source whose text the span lies in (a Source ID).
    pub source: ID,
    /// Offset of the span's first code point in the source's text, from 0.
    pub start: i32,
    /// Offset just past the span's last code point.
    pub end: i32,
    /// The text of the span, exactly as the source has it.
    pub excerpt: String,
    /// How sure the fact is, from 0 to 1; 1 when left out, as in the import.
    #[graphql(default = 1.0)]
    pub confidence: f64,
    /// True when a person curated the fact (the default), false when a program extracted it.
    #[graphql(default = true)]
    pub curated: bool,
}

/// A span whose numbers are checked; its source and text are checked in
/// the write's transaction.
#[derive(Debug, Clone)]
pub(super) struct CheckedSpan {
    source: i64,
    record: EvidenceRecord,
}

/// The evidence columns a fact gets.
#[derive(Debug, Clone)]
pub(super) struct Span {
    pub source_id: i64,
    pub start: i32,
    pub end: i32,
    pub excerpt: String,
    pub confidence: f64,
    pub curated: bool,
}

impl SpanPatch {
    /// Checks what the span says without its source: the ID, the offsets
    /// and the confidence.
    pub(super) fn checked(self, path: &str, problems: &mut Problems) -> Option<CheckedSpan> {
        let source = id_field(
            &self.source,
            &format!("{path}.source"),
            NodeKind::Source,
            problems,
        );
        let record = EvidenceRecord {
            source: String::new(),
            start: i64::from(self.start),
            end: i64::from(self.end),
            excerpt: self.excerpt,
            confidence: self.confidence,
            curated: self.curated,
        };
        let mut found = Vec::new();
        check_evidence_numbers(&record, path, &mut found);
        problems.extend(found);
        Some(CheckedSpan {
            source: source?,
            record,
        })
    }
}

impl CheckedSpan {
    /// Finds the source (`NOT_FOUND` when it is missing) and checks the
    /// span against its text.
    pub(super) async fn resolve(
        &self,
        txn: &DatabaseTransaction,
        path: &str,
        problems: &mut Problems,
    ) -> AppResult<Span> {
        let Some(found) = source::Entity::find_by_id(self.source).one(txn).await? else {
            return Err(missing(&format!("{path}.source"), "source"));
        };
        let record = EvidenceRecord {
            source: found.key,
            ..self.record.clone()
        };
        if record.end > record.start {
            let mut found_problems = Vec::new();
            check_span(&record, &SourceText::new(&found.text), path, &mut found_problems);
            problems.extend(found_problems);
        }
        Ok(Span {
            source_id: self.source,
            start: record.start as i32,
            end: record.end as i32,
            excerpt: record.excerpt,
            confidence: record.confidence,
            curated: record.curated,
        })
    }
}

/// Sets the evidence columns of a fact's active model from a span.
macro_rules! set_span {
    ($model:ident, $span:expr) => {{
        let span = $span;
        $model.source_id = sea_orm::Set(span.source_id);
        $model.span_start = sea_orm::Set(span.start);
        $model.span_end = sea_orm::Set(span.end);
        $model.excerpt = sea_orm::Set(span.excerpt);
        $model.confidence = sea_orm::Set(span.confidence);
        $model.curated = sea_orm::Set(span.curated);
    }};
}
pub(super) use set_span;
