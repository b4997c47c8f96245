//! A fact's evidence, replaced whole by an update: checked as the import
//! checks it, against the cited source's text by Unicode code points.

use entity::source;
use sea_orm::{DatabaseTransaction, EntityTrait};

use super::EvidenceInput;
use super::patch::{Problems, id_field, missing};
use crate::error::AppResult;
use crate::graphql::ids::NodeKind;
use crate::import::format::EvidenceRecord;
use crate::import::{SourceText, check_evidence_numbers, check_span};

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

impl EvidenceInput {
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
