//! Correcting roles (a person's title in an organisation) and relations
//! between people.

use async_graphql::{ID, MaybeUndefined};
use entity::{relation, role};
use sea_orm::{DatabaseTransaction, EntityTrait, Set};

use super::EvidenceInput;
use super::patch::{
    Missing, Problems, log, not_null, partial_date, patched, refuse_empty, required_id, required_text,
};
use super::span;
use super::update::Update;
use crate::domain::PartialDate;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::names::fold_text;
use crate::store::Evidence;
use crate::store::identity::{RelationIdentity, RoleIdentity};
use crate::store::period::check_period;

patch_input! {
    /// Changes to a role; fields left out stay as they are. The person stays:
    /// to give the role to someone else, delete it and add another.
    RolePatch {
        /// The new title, as the source gives it ("peace envoy").
        title: String,
        /// Since when the role is held: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; null clears it.
        since: String,
        /// Until when the role was held, in the same forms and not before `since`; null clears it.
        until: String,
        /// The organisation the role is in (an Organisation ID).
        organisation: ID,
        /// The span of a source that states the role, replacing the one it has.
        evidence: EvidenceInput,
    }
}

patch_input! {
    /// Changes to a relation; fields left out stay as they are. The person it
    /// starts from stays: to relate someone else, delete it and add another.
    RelationPatch {
        /// The new kind, read "person is the kind of relatedPerson" ("son-in-law").
        kind: String,
        /// The person the relation points to (a Person ID), not the person it starts from.
        related_person: ID,
        /// The span of a source that states the relation, replacing the one it has.
        evidence: EvidenceInput,
    }
}

/// Correcting roles and relations.
#[derive(async_graphql::MergedObject, Default)]
pub struct LinkMutation(RoleUpdate, RelationUpdate);

update_mutation! {
    /// Corrects a role: its title, dates, organisation or evidence. The
    /// update is based on `version`, the role's version the client read: if
    /// the role changed since, nothing is written and the error is
    /// `CONFLICT`. An unknown role or organisation is `NOT_FOUND`; invalid
    /// fields are `BAD_USER_INPUT` with their path in `extensions.problems`;
    /// a title the person already holds in the organisation is `CONFLICT`.
    RoleUpdate::update_role(RolePatch) -> Role by RoleChanges, "The role's global ID."
}

update_mutation! {
    /// Corrects a relation between two people: its kind, the person it
    /// points to, or its evidence. Based on `version` like every update
    /// (`CONFLICT` when stale); an unknown relation or person is
    /// `NOT_FOUND`; invalid fields are `BAD_USER_INPUT` with their path in
    /// `extensions.problems`; a relation that exists already is `CONFLICT`.
    RelationUpdate::update_relation(RelationPatch) -> Relation by RelationChanges, "The relation's global ID."
}

/// The evidence of a patch: left out, or a new span.
fn evidence(
    value: MaybeUndefined<EvidenceInput>,
    noun: &str,
    problems: &mut Problems,
) -> Option<Evidence<GlobalId>> {
    let why = format!("a {noun} always cites its evidence");
    not_null(value, "input.evidence", &why, problems)?.checked("input.evidence", problems)
}

/// A role patch with its values checked.
struct RoleChanges {
    title: Option<String>,
    since: MaybeUndefined<PartialDate>,
    until: MaybeUndefined<PartialDate>,
    organisation: Option<i64>,
    evidence: Option<Evidence<GlobalId>>,
}

impl Update for RoleChanges {
    type Input = RolePatch;

    fn checked(input: RolePatch, _: GlobalId) -> AppResult<Self> {
        let mut problems = Problems::default();
        refuse_empty(!input.given().is_empty(), &mut problems);
        let title = required_text(input.title, "title", "a role always has a title", &mut problems);
        let since = partial_date(input.since, "input.since", &mut problems);
        let until = partial_date(input.until, "input.until", &mut problems);
        let why = "a role is always in an organisation";
        let organisation = required_id(
            input.organisation,
            "organisation",
            NodeKind::Organisation,
            why,
            &mut problems,
        );
        let evidence = evidence(input.evidence, "role", &mut problems);
        problems.finish()?;
        Ok(Self {
            title,
            since,
            until,
            organisation,
            evidence,
        })
    }

    async fn apply(&self, txn: &DatabaseTransaction, key: i64, version: i32, actor: &str) -> AppResult<()> {
        let current = current_row!(txn, role, key, version, "role");
        let mut gone = Missing::default();
        let organisation = gone
            .entity(
                txn,
                self.organisation,
                NodeKind::Organisation,
                "input.organisation",
            )
            .await?;
        let mut problems = Problems::default();
        let span = span(txn, &mut gone, self.evidence.as_ref(), &mut problems).await?;
        gone.finish()?;
        let since = patched(
            &self.since,
            PartialDate::from_columns(current.since, current.since_precision),
        );
        let until = patched(
            &self.until,
            PartialDate::from_columns(current.until, current.until_precision),
        );
        let path = if self.until.is_undefined() {
            "input.since"
        } else {
            "input.until"
        };
        check_period(&mut problems, path, "role", since, until);
        problems.finish()?;

        let title = self.title.clone().unwrap_or_else(|| current.title.clone());
        let organisation_id = organisation.as_ref().map_or(current.organisation_id, |o| o.id);
        let taken = format!(
            "the person already holds the role \"{title}\" in that organisation; delete one of the two roles instead"
        );
        if title != current.title || organisation_id != current.organisation_id {
            let twin = RoleIdentity {
                person: current.person_id,
                organisation: organisation_id,
                title: title.clone(),
            };
            refuse_twin(&taken, NodeKind::Role, twin.find(txn, Some(key)).await?)?;
        }

        let mut changed = Vec::new();
        let mut row: role::ActiveModel = current.clone().into();
        if let Some(title) = &self.title {
            row.title = Set(title.clone());
            row.folded_title = Set(Some(fold_text(title)));
            changed.push("title");
        }
        if !self.since.is_undefined() {
            let (date, precision) = PartialDate::columns(since);
            row.since = Set(date);
            row.since_precision = Set(precision);
            changed.push("since");
        }
        if !self.until.is_undefined() {
            let (date, precision) = PartialDate::columns(until);
            row.until = Set(date);
            row.until_precision = Set(precision);
            changed.push("until");
        }
        if let Some(organisation) = organisation {
            row.organisation_id = Set(organisation.id);
            changed.push("organisation");
        }
        evidence_or_curated!(row, span, changed);
        write_next_version!(txn, role, row, key, version, "role", Some(&taken));
        log(txn, actor, "updateRole", "role", key, version + 1, &changed).await
    }
}

/// A relation patch with its values checked.
struct RelationChanges {
    kind: Option<String>,
    related_person: Option<i64>,
    evidence: Option<Evidence<GlobalId>>,
}

impl Update for RelationChanges {
    type Input = RelationPatch;

    fn checked(input: RelationPatch, _: GlobalId) -> AppResult<Self> {
        let mut problems = Problems::default();
        refuse_empty(!input.given().is_empty(), &mut problems);
        let kind = required_text(input.kind, "kind", "a relation always has a kind", &mut problems);
        let why = "a relation always points to a person";
        let related_person = required_id(
            input.related_person,
            "relatedPerson",
            NodeKind::Person,
            why,
            &mut problems,
        );
        let evidence = evidence(input.evidence, "relation", &mut problems);
        problems.finish()?;
        Ok(Self {
            kind,
            related_person,
            evidence,
        })
    }

    async fn apply(&self, txn: &DatabaseTransaction, key: i64, version: i32, actor: &str) -> AppResult<()> {
        let current = current_row!(txn, relation, key, version, "relation");
        let mut gone = Missing::default();
        let related = gone
            .entity(txn, self.related_person, NodeKind::Person, "input.relatedPerson")
            .await?;
        let mut problems = Problems::default();
        if related.as_ref().is_some_and(|r| r.id == current.person_id) {
            problems.push("input.relatedPerson", "a person cannot be related to themselves");
        }
        let span = span(txn, &mut gone, self.evidence.as_ref(), &mut problems).await?;
        gone.finish()?;
        problems.finish()?;

        let kind = self.kind.clone().unwrap_or_else(|| current.kind.clone());
        let related_id = related.as_ref().map_or(current.related_person_id, |r| r.id);
        let taken = format!(
            "the relation \"{kind}\" between these two people exists already; delete one of the two instead"
        );
        let moved = related_id != current.related_person_id;
        if kind != current.kind || moved {
            let twin = RelationIdentity {
                related_person: related_id,
                person: current.person_id,
                kind: kind.clone(),
            };
            refuse_twin(&taken, NodeKind::Relation, twin.find(txn, Some(key)).await?)?;
        }

        let mut changed = Vec::new();
        let mut row: relation::ActiveModel = current.clone().into();
        if let Some(kind) = &self.kind {
            row.kind = Set(kind.clone());
            row.folded_kind = Set(Some(fold_text(kind)));
            changed.push("kind");
        }
        if let Some(related) = related {
            row.related_person_id = Set(related.id);
            changed.push("relatedPerson");
        }
        evidence_or_curated!(row, span, changed);
        write_next_version!(txn, relation, row, key, version, "relation", Some(&taken));
        let operation = "updateRelation";
        log(txn, actor, operation, "relation", key, version + 1, &changed).await
    }
}

/// The span of the new evidence a patch gives, checked against its
/// source's text; a source that is not there is noted in `gone`.
async fn span(
    txn: &DatabaseTransaction,
    gone: &mut Missing,
    evidence: Option<&Evidence<GlobalId>>,
    problems: &mut Problems,
) -> AppResult<Option<Evidence<i64>>> {
    let Some(evidence) = evidence else {
        return Ok(None);
    };
    gone.note(span::resolve(txn, evidence, "input.evidence", problems).await)
}

/// `CONFLICT` when the patch would make the fact the same as `twin`:
/// `taken` says why, and the other's ID follows.
fn refuse_twin(taken: &str, kind: NodeKind, twin: Option<i64>) -> AppResult<()> {
    match twin {
        Some(other) => Err(AppError::Conflict(format!(
            "{taken} (the other is {})",
            GlobalId::new(kind, other).encode().0
        ))),
        None => Ok(()),
    }
}
