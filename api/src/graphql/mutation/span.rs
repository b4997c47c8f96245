//! A fact's evidence as a mutation gives it: checked by the write core's
//! evidence rules, the ones the import applies, against the cited source's
//! text by Unicode code points.

use entity::source;
use sea_orm::{DatabaseTransaction, EntityTrait};

use super::EvidenceInput;
use super::patch::{Problems, missing};
use crate::error::AppResult;
use crate::graphql::filter::id_of;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::store::evidence::RawEvidence;
use crate::store::{Evidence, SourceText};

impl EvidenceInput {
    /// Checks what the evidence says without its source: the ID, the
    /// offsets and the confidence.
    pub(super) fn checked(self, path: &str, problems: &mut Problems) -> Option<Evidence<GlobalId>> {
        let source = id_of(&self.source, &[NodeKind::Source])
            .map_err(|message| problems.push(format!("{path}.source"), message))
            .ok();
        let raw = RawEvidence {
            source: (),
            start: Some(i64::from(self.start)),
            end: Some(i64::from(self.end)),
            occurrence: None,
            excerpt: self.excerpt,
            confidence: self.confidence,
            curated: self.curated,
        };
        let checked = raw.check(path, problems);
        Some(checked?.with_source(source?))
    }
}

/// Finds the source of checked evidence (`NOT_FOUND` when it is missing)
/// and checks the span against its text; returns the evidence with the
/// source's key.
pub(super) async fn resolve(
    txn: &DatabaseTransaction,
    evidence: &Evidence<GlobalId>,
    path: &str,
    problems: &mut Problems,
) -> AppResult<Evidence<i64>> {
    let Some(found) = source::Entity::find_by_id(evidence.source.key).one(txn).await? else {
        return Err(missing(&format!("{path}.source"), evidence.source));
    };
    evidence.check_span(&found.key, &SourceText::new(&found.text), path, problems);
    Ok(evidence.clone().with_source(found.id))
}
