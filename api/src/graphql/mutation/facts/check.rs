//! What the fact updates check before they touch the database: problems
//! collected at their paths in `input`, IDs checked against the kinds a
//! field takes, dates, texts and evidence values. [`super::write`] checks
//! the rest inside the write's transaction.

use async_graphql::{ID, MaybeUndefined};

use crate::domain::PartialDate;
use crate::error::AppResult;
use crate::graphql::filter::id_of;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::mutation::EvidenceInput;
use crate::graphql::mutation::patch::{not_null, parsed};
use crate::store::Evidence;

pub(super) const ENTITIES: &[NodeKind] = &[NodeKind::Person, NodeKind::Organisation, NodeKind::Place];
pub(super) const SPEAKERS: &[NodeKind] = &[NodeKind::Person, NodeKind::Organisation];
pub(super) const PLACE: &[NodeKind] = &[NodeKind::Place];
pub(super) const ISSUE: &[NodeKind] = &[NodeKind::Issue];

pub(super) use crate::store::Problems;

/// The checks of a patch's fields, each problem at its path in `input`.
pub(super) trait PatchChecks {
    fn required<T>(&mut self, value: MaybeUndefined<T>, path: &str, what: &str) -> Option<T>;
    fn list<T>(&mut self, value: MaybeUndefined<Vec<T>>, path: &str) -> Option<Vec<T>>;
    fn text(&mut self, value: String, path: &str, what: &str) -> String;
    fn optional_text(
        &mut self,
        value: MaybeUndefined<String>,
        path: &str,
        what: &str,
    ) -> MaybeUndefined<String>;
    fn id(&mut self, id: &ID, path: &str, kinds: &[NodeKind]) -> Option<GlobalId>;
    fn ids(&mut self, ids: &[ID], path: &str, kinds: &[NodeKind]) -> Vec<GlobalId>;
    fn optional_id(
        &mut self,
        id: MaybeUndefined<ID>,
        path: &str,
        kinds: &[NodeKind],
    ) -> MaybeUndefined<GlobalId>;
    fn date(&mut self, value: MaybeUndefined<String>, path: &str) -> MaybeUndefined<PartialDate>;
    fn evidence(&mut self, e: EvidenceInput, path: &str) -> Option<Evidence<GlobalId>>;
}

impl PatchChecks for Problems {
    /// A field every fact of the kind has: it may be replaced, not cleared.
    fn required<T>(&mut self, value: MaybeUndefined<T>, path: &str, what: &str) -> Option<T> {
        not_null(value, path, &format!("{what} cannot be cleared"), self)
    }

    /// A list the patch replaces: `[]` empties it, null is refused.
    fn list<T>(&mut self, value: MaybeUndefined<Vec<T>>, path: &str) -> Option<Vec<T>> {
        match value {
            MaybeUndefined::Value(v) => Some(v),
            MaybeUndefined::Undefined => None,
            MaybeUndefined::Null => {
                self.push(
                    path,
                    "a list cannot be null: send [] to empty it, or leave the field out to keep it as it is",
                );
                None
            }
        }
    }

    /// Text that must say something.
    fn text(&mut self, value: String, path: &str, what: &str) -> String {
        if value.trim().is_empty() {
            self.push(path, format!("{what} must not be empty"));
        }
        value
    }

    /// Optional text: null clears it, blank text is refused.
    fn optional_text(
        &mut self,
        value: MaybeUndefined<String>,
        path: &str,
        what: &str,
    ) -> MaybeUndefined<String> {
        if let MaybeUndefined::Value(text) = &value
            && text.trim().is_empty()
        {
            self.push(path, format!("{what} must not be empty; send null to clear it"));
        }
        value
    }

    /// An ID that must name a node of one of `kinds`.
    fn id(&mut self, id: &ID, path: &str, kinds: &[NodeKind]) -> Option<GlobalId> {
        id_of(id, kinds).map_err(|message| self.push(path, message)).ok()
    }

    /// A list of IDs, each of one of `kinds`, without repeats.
    fn ids(&mut self, ids: &[ID], path: &str, kinds: &[NodeKind]) -> Vec<GlobalId> {
        let mut out: Vec<GlobalId> = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            if let Some(global) = self.id(id, &format!("{path}[{i}]"), kinds)
                && !out.contains(&global)
            {
                out.push(global);
            }
        }
        out
    }

    /// An ID that null clears.
    fn optional_id(
        &mut self,
        id: MaybeUndefined<ID>,
        path: &str,
        kinds: &[NodeKind],
    ) -> MaybeUndefined<GlobalId> {
        match id {
            MaybeUndefined::Value(id) => match self.id(&id, path, kinds) {
                Some(global) => MaybeUndefined::Value(global),
                None => MaybeUndefined::Undefined,
            },
            MaybeUndefined::Null => MaybeUndefined::Null,
            MaybeUndefined::Undefined => MaybeUndefined::Undefined,
        }
    }

    /// A date `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; null clears it.
    fn date(&mut self, value: MaybeUndefined<String>, path: &str) -> MaybeUndefined<PartialDate> {
        parsed(value, path, PartialDate::parse, self)
    }

    /// Evidence, as far as it can be checked without its source's text.
    fn evidence(&mut self, e: EvidenceInput, path: &str) -> Option<Evidence<GlobalId>> {
        e.checked(path, self)
    }
}

/// The names of the fields a patch gives, for the write log; refuses a
/// patch that gives none.
pub(super) fn given(given: Vec<String>) -> AppResult<Vec<String>> {
    if given.is_empty() {
        let mut problems = Problems::default();
        problems.push(
            "input",
            "the patch changes nothing: give at least one field to change",
        );
        problems.finish()?;
    }
    Ok(given)
}
