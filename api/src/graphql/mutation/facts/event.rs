//! `updateEvent`: correcting what happened, when, where, who took part and
//! how many, with the import's rules.

use async_graphql::{ID, MaybeUndefined};
use entity::kinds;
use entity::{event, event_participant, event_place, event_quantity};
use sea_orm::{DatabaseTransaction, EntityTrait, Set};

use super::check::{self, ENTITIES, PLACE, PatchChecks, Problems};
use super::write;
use crate::domain::PartialDate;
use crate::error::AppResult;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::mutation::update::Update;
use crate::graphql::mutation::{EvidenceInput, ParticipantInput, QuantityInput};
use crate::graphql::object::EventKind;
use crate::names::fold_text;
use crate::store::identity::EventIdentity;
use crate::store::period::check_period;

patch_input! {
    /// Changes to an event. Fields left out stay as they are; null clears a
    /// field an event may lack; a list given replaces the whole list.
    EventPatch {
        /// What kind of event it is.
        kind: EventKind,
        /// A short label.
        label: String,
        /// When it started: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; null clears it.
        started_on: String,
        /// When it ended, in the same form and not before it started; null
        /// clears it.
        ended_on: String,
        /// Where it happened (`Place` IDs): replaces the list (`[]` for none).
        places: Vec<ID>,
        /// Who took part, each in a role: replaces the list (`[]` for none).
        participants: Vec<ParticipantInput>,
        /// How many, each count with its evidence: replaces the list (`[]`
        /// for none).
        quantities: Vec<QuantityInput>,
        /// The span of the source that reports it, replacing the old evidence;
        /// checked against the source's text.
        evidence: EvidenceInput,
    }
}

/// A count, checked.
struct Quantity {
    measure: String,
    value: i32,
    qualifier: kinds::Qualifier,
    evidence: Option<crate::store::Evidence<GlobalId>>,
}

/// A patch with its values checked; what needs the database is checked in
/// [`apply`].
pub(super) struct Checked {
    kind: Option<kinds::EventKind>,
    label: Option<String>,
    started_on: MaybeUndefined<PartialDate>,
    ended_on: MaybeUndefined<PartialDate>,
    places: Option<Vec<GlobalId>>,
    participants: Option<Vec<(GlobalId, String)>>,
    quantities: Option<Vec<Quantity>>,
    evidence: Option<crate::store::Evidence<GlobalId>>,
    /// The fields given, for the write log.
    fields: Vec<String>,
}

impl Checked {
    /// Every ID the patch names, at its path.
    fn named(&self) -> Vec<(String, GlobalId)> {
        let mut named = Vec::new();
        write::name_list(
            &mut named,
            "input.places",
            self.places.as_deref().unwrap_or_default(),
        );
        for (i, (entity, _)) in self.participants.iter().flatten().enumerate() {
            write::name(
                &mut named,
                &format!("input.participants[{i}].entity"),
                Some(*entity),
            );
        }
        for (i, q) in self.quantities.iter().flatten().enumerate() {
            write::name_evidence(
                &mut named,
                &format!("input.quantities[{i}].evidence"),
                q.evidence.as_ref(),
            );
        }
        write::name_evidence(&mut named, "input.evidence", self.evidence.as_ref());
        named
    }
}

impl Update for Checked {
    type Input = EventPatch;

    fn checked(input: EventPatch, _: GlobalId) -> AppResult<Self> {
        let fields = check::given(input.given())?;
        let mut p = Problems::default();
        let kind = p
            .required(input.kind, "input.kind", "an event's kind")
            .map(Into::into);
        let label = p
            .required(input.label, "input.label", "an event's label")
            .map(|l| p.text(l, "input.label", "label"));
        let started_on = p.date(input.started_on, "input.startedOn");
        let ended_on = p.date(input.ended_on, "input.endedOn");
        check_period(
            &mut p,
            "input.endedOn",
            "event",
            started_on.value().copied(),
            ended_on.value().copied(),
        );
        let places = p
            .list(input.places, "input.places")
            .map(|ids| p.ids(&ids, "input.places", PLACE));
        let participants = p.list(input.participants, "input.participants").map(|list| {
            let mut out: Vec<(GlobalId, String)> = Vec::new();
            for (i, part) in list.into_iter().enumerate() {
                let path = format!("input.participants[{i}]");
                let entity = p.id(&part.entity, &format!("{path}.entity"), ENTITIES);
                let role = p.text(part.role, &format!("{path}.role"), "role");
                // The same entity in the same role once, as the import keeps it.
                if let Some(entity) = entity
                    && !out.iter().any(|(e, r)| *e == entity && *r == role)
                {
                    out.push((entity, role));
                }
            }
            out
        });
        let quantities = p
            .list(input.quantities, "input.quantities")
            .map(|list| quantities(&mut p, list));
        let evidence = p
            .required(input.evidence, "input.evidence", "an event's evidence")
            .and_then(|e| p.evidence(e, "input.evidence"));
        p.finish()?;
        Ok(Checked {
            kind,
            label,
            started_on,
            ended_on,
            places,
            participants,
            quantities,
            evidence,
            fields,
        })
    }

    /// Writes a checked patch, based on `version`.
    async fn apply(&self, txn: &DatabaseTransaction, key: i64, version: i32, actor: &str) -> AppResult<()> {
        let patch = self;
        let current = current_row!(txn, event, key, version, "event");
        write::all_found(txn, &patch.named()).await?;
        let mut problems = Problems::default();
        dates_after_patch(patch, &current, &mut problems);
        let mut row = columns(patch);
        if let Some(evidence) = &patch.evidence {
            let evidence =
                crate::graphql::mutation::span::resolve(txn, evidence, "input.evidence", &mut problems)
                    .await?;
            crate::set_evidence!(row, evidence.source, &evidence);
        }
        let places = match &patch.places {
            Some(ids) => Some(write::entities(txn, ids, "input.places").await?),
            None => None,
        };
        let participants = participants(txn, patch).await?;
        if let Some(list) = &patch.quantities {
            for (i, q) in list.iter().enumerate() {
                if let Some(evidence) = &q.evidence {
                    let path = format!("input.quantities[{i}].evidence");
                    crate::graphql::mutation::span::resolve(txn, evidence, &path, &mut problems).await?;
                }
            }
        }
        problems.finish()?;
        refuse_twin(txn, patch, &current).await?;

        // A person corrected the fact: it is curated now, unless the new
        // evidence says otherwise.
        if patch.evidence.is_none() {
            row.curated = Set(true);
        }
        write_next_version!(txn, event, row, key, version, "event", None);
        if let Some(places) = places {
            let rows = places.into_iter().map(|place| event_place::ActiveModel {
                event_id: Set(key),
                place_id: Set(place),
            });
            write::replace_children(txn, key, rows.collect()).await?;
        }
        if let Some(participants) = participants {
            let rows = participants
                .into_iter()
                .map(|(entity, role)| event_participant::ActiveModel {
                    event_id: Set(key),
                    entity_id: Set(entity),
                    role: Set(role),
                    ..Default::default()
                });
            write::replace_children(txn, key, rows.collect()).await?;
        }
        if let Some(quantities) = &patch.quantities {
            write::replace_children(txn, key, quantity_rows(key, quantities)).await?;
        }
        let node = GlobalId::new(NodeKind::Event, key);
        write::record(txn, actor, "updateEvent", node, version, &patch.fields).await
    }
}

fn quantities(p: &mut Problems, list: Vec<QuantityInput>) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::new();
    for (i, q) in list.into_iter().enumerate() {
        let path = format!("input.quantities[{i}]");
        let measure = p.text(q.measure, &format!("{path}.measure"), "measure");
        if out.iter().any(|seen| seen.measure == measure) {
            p.push(
                format!("{path}.measure"),
                format!("\"{measure}\" is counted twice for this event"),
            );
        }
        if q.value < 0 {
            p.push(
                format!("{path}.value"),
                format!("a count must not be negative (got {})", q.value),
            );
        }
        out.push(Quantity {
            measure,
            value: q.value,
            qualifier: q.qualifier.into(),
            evidence: p.evidence(q.evidence, &format!("{path}.evidence")),
        });
    }
    out
}

/// The columns of plain values the patch changes.
fn columns(patch: &Checked) -> event::ActiveModel {
    let mut row = event::ActiveModel::default();
    if let Some(kind) = patch.kind {
        row.kind = Set(kind);
    }
    if let Some(label) = &patch.label {
        row.label = Set(label.clone());
        row.folded_label = Set(Some(fold_text(label)));
    }
    if let Some((date, precision)) = write::date_columns(&patch.started_on) {
        (row.started_on, row.started_on_precision) = (Set(date), Set(precision));
    }
    if let Some((date, precision)) = write::date_columns(&patch.ended_on) {
        (row.ended_on, row.ended_on_precision) = (Set(date), Set(precision));
    }
    row
}

/// The participants the patch replaces, looked up.
async fn participants(txn: &DatabaseTransaction, patch: &Checked) -> AppResult<Option<Vec<(i64, String)>>> {
    let Some(list) = &patch.participants else {
        return Ok(None);
    };
    let mut links: Vec<(i64, String)> = Vec::new();
    for (i, (id, role)) in list.iter().enumerate() {
        let path = format!("input.participants[{i}].entity");
        let (entity, _) = write::entity(txn, *id, &path).await?;
        // Two IDs of one merged entity are one participant.
        if !links.iter().any(|(e, r)| *e == entity && r == role) {
            links.push((entity, role.clone()));
        }
    }
    Ok(Some(links))
}

/// An event ends on or after the day it starts, after the patch as
/// before it: with the stored dates where the patch gives only one.
fn dates_after_patch(patch: &Checked, current: &event::Model, problems: &mut Problems) {
    let started = write::date_after(
        &patch.started_on,
        current.started_on,
        current.started_on_precision,
    );
    let ended = write::date_after(&patch.ended_on, current.ended_on, current.ended_on_precision);
    let path = if patch.ended_on.is_undefined() {
        "input.startedOn"
    } else {
        "input.endedOn"
    };
    check_period(problems, path, "event", started, ended);
}

/// The rows of an event's counts.
fn quantity_rows(key: i64, quantities: &[Quantity]) -> Vec<event_quantity::ActiveModel> {
    let mut rows = Vec::new();
    for q in quantities {
        let Some(evidence) = &q.evidence else { continue };
        let mut row = event_quantity::ActiveModel {
            event_id: Set(key),
            measure: Set(q.measure.clone()),
            value: Set(q.value.into()),
            qualifier: Set(q.qualifier),
            ..Default::default()
        };
        crate::set_evidence!(row, evidence.source.key, evidence);
        rows.push(row);
    }
    rows
}

/// Refuses to make the event one with another: the same kind and label
/// from the same span, which is how the import tells events apart.
async fn refuse_twin(txn: &DatabaseTransaction, patch: &Checked, current: &event::Model) -> AppResult<()> {
    if patch.kind.is_none() && patch.label.is_none() && patch.evidence.is_none() {
        return Ok(());
    }
    let (source, span) = write::span_after(
        patch.evidence.as_ref(),
        current.source_id,
        current.span_start,
        current.span_end,
    );
    let twin = EventIdentity {
        source,
        span,
        kind: patch.kind.unwrap_or(current.kind),
        label: patch.label.clone().unwrap_or_else(|| current.label.clone()),
    }
    .find(txn, Some(current.id))
    .await?;
    write::refuse_twin("event", NodeKind::Event, twin, EventIdentity::WHAT)
}
