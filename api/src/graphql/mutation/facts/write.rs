//! What the fact updates share inside the write's transaction: the nodes
//! a patch names, looked up (`NOT_FOUND` with the path that named them),
//! evidence checked against its source's text as the import checks it,
//! the errors of a write that cannot be done, and the write log.

use async_graphql::MaybeUndefined;
use chrono::NaiveDate;
use entity::kinds::{DatePrecision, EntityKind};
use entity::{entity_redirect, issue, named_entity, role, source};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use crate::domain::PartialDate;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::loader::ChildTable;
use crate::store::{Evidence, Span};

use crate::graphql::mutation::patch::{Missing, missing as not_found};

/// `CONFLICT` when an update would make a fact one with another (`twin`,
/// found by the write core's identity rule of the kind, which compares
/// `what`): a re-import could not say which is meant.
pub(super) fn refuse_twin(noun: &str, kind: NodeKind, twin: Option<i64>, what: &str) -> AppResult<()> {
    match twin {
        Some(twin) => Err(AppError::Conflict(format!(
            "the {noun} would be the same as {noun} \"{}\", which has the same {what}; delete one of them instead",
            GlobalId::new(kind, twin).encode().0
        ))),
        None => Ok(()),
    }
}

/// Where a fact's evidence points after the patch: source, start and end.
pub(super) fn span_after(
    patch: Option<&Evidence<GlobalId>>,
    source: i64,
    start: i32,
    end: i32,
) -> (i64, Span) {
    match patch {
        Some(e) => (e.source.key, e.span),
        None => (source, Span { start, end }),
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

/// `NOT_FOUND` naming every ID of `named` (each with the path that names
/// it) that names nothing, not only the first; `Ok` when all are there.
pub(super) async fn all_found(txn: &DatabaseTransaction, named: &[(String, GlobalId)]) -> AppResult<()> {
    let mut missing = Missing::default();
    for (path, id) in named {
        let found = match id.kind {
            NodeKind::Person | NodeKind::Organisation | NodeKind::Place => {
                entity(txn, *id, path).await.map(drop)
            }
            NodeKind::Issue => issue(txn, *id, path).await.map(drop),
            NodeKind::Role => role(txn, *id, path).await.map(drop),
            NodeKind::Source => match source::Entity::find_by_id(id.key).one(txn).await? {
                Some(_) => Ok(()),
                None => Err(not_found(&format!("{path}.source"), *id)),
            },
            _ => Ok(()),
        };
        missing.note(found)?;
    }
    missing.finish()
}

/// Adds to `named` what a patch's field names, at `path`.
pub(super) fn name(named: &mut Vec<(String, GlobalId)>, path: &str, ids: impl IntoIterator<Item = GlobalId>) {
    named.extend(ids.into_iter().map(|id| (path.to_owned(), id)));
}

/// Adds to `named` what a patch's list names, each at `path[i]`.
pub(super) fn name_list(named: &mut Vec<(String, GlobalId)>, path: &str, ids: &[GlobalId]) {
    named.extend(
        ids.iter()
            .enumerate()
            .map(|(i, id)| (format!("{path}[{i}]"), *id)),
    );
}

/// Adds the source of evidence to `named`, at `path` (`.source` is added).
pub(super) fn name_evidence(
    named: &mut Vec<(String, GlobalId)>,
    path: &str,
    evidence: Option<&Evidence<GlobalId>>,
) {
    name(named, path, evidence.map(|e| e.source));
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

/// The date and precision columns a patch sets (both empty when it clears
/// the date); `None` when it leaves the date as it is.
pub(super) fn date_columns(
    patch: &MaybeUndefined<PartialDate>,
) -> Option<(Option<NaiveDate>, Option<DatePrecision>)> {
    patch.as_opt_ref().map(|date| PartialDate::columns(date.copied()))
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

/// Records the update in the write log, as every update does.
pub(super) async fn record(
    txn: &DatabaseTransaction,
    actor: &str,
    operation: &str,
    node: GlobalId,
    version: i32,
    fields: &[String],
) -> AppResult<()> {
    let noun = node.kind.type_name();
    crate::graphql::mutation::patch::log(txn, actor, operation, noun, node.key, version + 1, fields).await
}

/// Replaces the rows of a child table (a fact's issues, mentions, places,
/// participants or counts) that belong to `owner` with `rows`.
pub(super) async fn replace_children<A>(txn: &DatabaseTransaction, owner: i64, rows: Vec<A>) -> AppResult<()>
where
    A: ActiveModelTrait + Send,
    A::Entity: ChildTable,
{
    A::Entity::delete_many()
        .filter(<A::Entity as ChildTable>::owner_column().eq(owner))
        .exec(txn)
        .await?;
    if !rows.is_empty() {
        A::Entity::insert_many(rows).exec_without_returning(txn).await?;
    }
    Ok(())
}
