//! What the fact updates share inside the write's transaction: the nodes
//! a patch names, looked up (`NOT_FOUND` with the path that named them),
//! evidence checked against its source's text as the import checks it,
//! the errors of a write that cannot be done, and the write log.

use async_graphql::MaybeUndefined;
use chrono::NaiveDate;
use entity::kinds::{DatePrecision, EntityKind};
use entity::{entity_redirect, issue, named_entity, role, source};
use sea_orm::{DatabaseTransaction, EntityTrait};

use super::check::{Evidence, Problems};
use crate::domain::PartialDate;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::import::format::EvidenceRecord;
use crate::import::{SourceText, check_span};

/// `NOT_FOUND` for a node a patch names at `path`.
fn not_found(path: &str, id: GlobalId) -> AppError {
    let noun = match id.kind {
        NodeKind::FinancialMeasure => "financial measure".to_owned(),
        kind => kind.type_name().to_lowercase(),
    };
    AppError::NotFound(format!("{path}: no {noun} has the ID \"{}\"", id.encode().0))
}

/// `NOT_FOUND` for the node being updated.
pub(super) fn no_such(noun: &str) -> AppError {
    AppError::NotFound(format!("no {noun} has the ID given in `id`"))
}

/// `CONFLICT` for an update based on a version that is no longer current.
pub(super) fn stale(noun: &str, version: i32, current: Option<i32>) -> AppError {
    AppError::Conflict(match current {
        Some(current) => format!(
            "the {noun} changed since version {version}: it is at version {current} now; read it again and reapply the change"
        ),
        None => format!("the {noun} changed since version {version}; read it again and reapply the change"),
    })
}

/// `CONFLICT` for an update that would make a fact one with another, as
/// the import tells facts apart (a re-import could not say which is meant).
pub(super) fn same_as(noun: &str, other: GlobalId, what: &str) -> AppError {
    AppError::Conflict(format!(
        "the {noun} would be the same as {noun} \"{}\", which has the same {what}; delete one of them instead",
        other.encode().0
    ))
}

/// Where a fact's evidence points after the patch: source, start and end.
pub(super) fn span_after(patch: Option<&Evidence>, source: i64, start: i32, end: i32) -> (i64, i32, i32) {
    match patch {
        Some(e) => (e.source.key, e.start, e.end),
        None => (source, start, end),
    }
}

/// The entity an ID names, following the ID of an entity merged into
/// another as `node(id:)` does; returns its key and kind.
pub(super) async fn entity(
    txn: &DatabaseTransaction,
    id: GlobalId,
    path: &str,
) -> AppResult<(i64, EntityKind)> {
    let mut found = named_entity::Entity::find_by_id(id.key).one(txn).await?;
    if found.is_none()
        && let Some(redirect) = entity_redirect::Entity::find_by_id(id.key).one(txn).await?
    {
        found = named_entity::Entity::find_by_id(redirect.new_id).one(txn).await?;
    }
    match found {
        Some(e) if entity_node_kind(e.kind) == id.kind => Ok((e.id, e.kind)),
        _ => Err(not_found(path, id)),
    }
}

/// The keys of the entities IDs name, without repeats.
pub(super) async fn entities(txn: &DatabaseTransaction, ids: &[GlobalId], path: &str) -> AppResult<Vec<i64>> {
    let mut keys = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let (key, _) = entity(txn, *id, &format!("{path}[{i}]")).await?;
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    Ok(keys)
}

/// The entity column a patch sets (`Some(None)` when it clears it); `None`
/// when it leaves it as it is.
pub(super) async fn optional_entity(
    txn: &DatabaseTransaction,
    patch: &MaybeUndefined<GlobalId>,
    path: &str,
) -> AppResult<Option<Option<i64>>> {
    Ok(match patch {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(id) => Some(Some(entity(txn, *id, path).await?.0)),
    })
}

/// The name of an entity, for messages.
pub(super) async fn entity_name(txn: &DatabaseTransaction, key: i64) -> AppResult<String> {
    Ok(named_entity::Entity::find_by_id(key)
        .one(txn)
        .await?
        .map(|e| e.name)
        .unwrap_or_else(|| format!("entity {key}")))
}

fn entity_node_kind(kind: EntityKind) -> NodeKind {
    match kind {
        EntityKind::Person => NodeKind::Person,
        EntityKind::Organisation => NodeKind::Organisation,
        EntityKind::Place => NodeKind::Place,
    }
}

/// The issue an ID names.
pub(super) async fn issue(txn: &DatabaseTransaction, id: GlobalId, path: &str) -> AppResult<i64> {
    match issue::Entity::find_by_id(id.key).one(txn).await? {
        Some(found) => Ok(found.id),
        None => Err(not_found(path, id)),
    }
}

/// The role an ID names.
pub(super) async fn role(txn: &DatabaseTransaction, id: GlobalId, path: &str) -> AppResult<role::Model> {
    role::Entity::find_by_id(id.key)
        .one(txn)
        .await?
        .ok_or_else(|| not_found(path, id))
}

/// Checks evidence against its source's text, counting code points as the
/// import does: an unknown source is `NOT_FOUND`, a span that does not
/// match the text is a problem at `path`.
pub(super) async fn check_evidence(
    txn: &DatabaseTransaction,
    e: &Evidence,
    path: &str,
    problems: &mut Problems,
) -> AppResult<()> {
    let Some(source) = source::Entity::find_by_id(e.source.key).one(txn).await? else {
        return Err(not_found(&format!("{path}.source"), e.source));
    };
    let record = EvidenceRecord {
        source: source.key,
        start: e.start.into(),
        end: e.end.into(),
        excerpt: e.excerpt.clone(),
        confidence: e.confidence,
        curated: e.curated,
    };
    let mut found = Vec::new();
    check_span(&record, &SourceText::new(&source.text), path, &mut found);
    for problem in found {
        problems.push(problem.path, problem.message);
    }
    Ok(())
}

/// The date and precision columns a patch sets (both empty when it clears
/// the date); `None` when it leaves the date as it is.
pub(super) fn date_columns(
    patch: &MaybeUndefined<PartialDate>,
) -> Option<(Option<NaiveDate>, Option<DatePrecision>)> {
    match patch {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some((None, None)),
        MaybeUndefined::Value(d) => Some((Some(d.date), Some(d.precision))),
    }
}

/// A date as it will be after the patch.
pub(super) fn date_after(
    patch: &MaybeUndefined<PartialDate>,
    date: Option<NaiveDate>,
    precision: Option<DatePrecision>,
) -> Option<PartialDate> {
    match patch {
        MaybeUndefined::Value(d) => Some(*d),
        MaybeUndefined::Null => None,
        MaybeUndefined::Undefined => PartialDate::from_columns(date, precision),
    }
}

/// Records the update in the write log.
pub(super) async fn record(
    txn: &DatabaseTransaction,
    actor: &str,
    operation: &str,
    node: GlobalId,
    version: i32,
    fields: &[&str],
) -> AppResult<()> {
    crate::audit::record(
        txn,
        actor,
        operation,
        format!(
            "{} {} to version {}: {}",
            node.kind.type_name(),
            node.key,
            version + 1,
            fields.join(", ")
        ),
    )
    .await?;
    Ok(())
}
