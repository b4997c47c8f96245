//! What the update mutations share: problems collected with the path of
//! the input field they concern, ID fields read from the input, the version
//! check, and the write log line.

use async_graphql::{ID, InputObject, MaybeUndefined};
use entity::kinds::EntityKind;
use entity::{entity_redirect, named_entity};
use sea_orm::{ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, SqlErr};

use crate::domain::{PartialDate, check_qid};
use crate::error::{AppError, AppResult};
use crate::graphql::filter::id_of;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::names::fold;
use crate::store::text;

pub(super) use crate::store::Problems;

/// The names a patch gives a person, an organisation, a place or an
/// issue; its fields stand in the patch itself.
#[derive(InputObject, Debug, Clone, Default)]
#[graphql(visible = false)]
pub struct NamesPatch {
    /// The new canonical name; the old one becomes an alias.
    pub name: Option<String>,
    /// The new description; null clears it.
    pub description: MaybeUndefined<String>,
    /// The new Wikidata QID (`Q7747`), which no other entity (no other
    /// issue, for an issue) may have; null clears it.
    pub wikidata_id: MaybeUndefined<String>,
    /// Other names to add (a spelling already there is left as it is).
    pub add_aliases: Option<Vec<String>>,
    /// Other names to remove, by their exact spelling.
    pub remove_aliases: Option<Vec<String>>,
}

impl NamesPatch {
    /// Whether the patch gives any of these fields.
    pub fn given(&self) -> bool {
        self.name.is_some()
            || !self.description.is_undefined()
            || !self.wikidata_id.is_undefined()
            || self.add_aliases.is_some()
            || self.remove_aliases.is_some()
    }

    /// The names checked as a document's are: a name and each alias
    /// trimmed, with a letter or a digit and on one line; a QID of the form
    /// `Q7747`, trimmed.
    pub fn checked(self, problems: &mut Problems) -> Self {
        let spelling = |text: String, path: &str, what: &str, problems: &mut Problems| {
            let text = text.trim().to_owned();
            if fold(&text).is_empty() {
                problems.push(path, format!("{what} needs at least one letter or digit"));
            }
            text::one_line(problems, path, &text);
            text
        };
        let name = self.name.map(|n| spelling(n, "input.name", "a name", problems));
        let wikidata_id = match self.wikidata_id {
            MaybeUndefined::Value(qid) => {
                let qid = qid.trim().to_owned();
                if let Err(message) = check_qid(&qid) {
                    problems.push("input.wikidataId", message);
                }
                MaybeUndefined::Value(qid)
            }
            other => other,
        };
        let add_aliases = self.add_aliases.map(|aliases| {
            let alias = |(i, a): (usize, String)| {
                spelling(a, &format!("input.addAliases[{i}]"), "an alias", problems)
            };
            aliases.into_iter().enumerate().map(alias).collect()
        });
        Self {
            name,
            wikidata_id,
            add_aliases,
            ..self
        }
    }

    /// The new name, when it is not the name `current` already.
    pub fn renamed(&self, current: &str) -> Option<&String> {
        self.name.as_ref().filter(|name| *name != current)
    }

    /// The aliases to add, then the name the node had when the patch
    /// renames it.
    pub fn new_aliases(&self, current: &str) -> Vec<String> {
        let mut aliases = self.add_aliases.clone().unwrap_or_default();
        if self.renamed(current).is_some() {
            aliases.push(current.to_owned());
        }
        aliases
    }

    /// The aliases to remove.
    pub fn removed_aliases(&self) -> &[String] {
        self.remove_aliases.as_deref().unwrap_or_default()
    }
}

/// Sets the names a patch gives on `$row`, an entity's or an issue's: a
/// new name with its folded and sort forms, the description, the QID; each
/// noted in `$changed`.
macro_rules! set_names {
    ($row:ident, $names:expr, $current:expr, $changed:ident) => {{
        if let Some(name) = $names.renamed(&$current.name) {
            $row.name = Set(name.clone());
            $row.normalized_name = Set(crate::names::fold(name));
            $row.sort_name = Set(crate::names::sort_key(name));
            $changed.push("name");
        }
        if !$names.description.is_undefined() {
            $row.description = Set($names.description.clone().take());
            $changed.push("description");
        }
        if !$names.wikidata_id.is_undefined() {
            $row.wikidata_id = Set($names.wikidata_id.clone().take());
            $changed.push("wikidataId");
        }
    }};
}

/// Adds `$alias` to the aliases of the node `$key` in `$table` (whose
/// column `$owner` names the node) unless it has it already; whether it
/// added it.
macro_rules! add_alias {
    ($txn:expr, $table:ident, $owner:ident, $key:expr, $alias:expr) => {{
        let exists = $table::Entity::find()
            .filter($table::Column::$owner.eq($key))
            .filter($table::Column::Name.eq($alias.as_str()))
            .one($txn)
            .await?
            .is_some();
        if !exists {
            let mut row = $table::ActiveModel {
                name: Set($alias.clone()),
                normalized_name: Set(crate::names::fold($alias)),
                ..Default::default()
            };
            row.set($table::Column::$owner, $key.into());
            row.insert($txn).await?;
        }
        !exists
    }};
}

/// Refuses a patch that names no field at all: it would change nothing.
pub(super) fn refuse_empty(given: bool, problems: &mut Problems) {
    if !given {
        problems.push(
            "input",
            "the patch changes nothing: give at least one field to change",
        );
    }
}

/// The key of an ID field that must name a node of `kind`; a malformed ID
/// or the ID of another kind of node is a problem at `path`.
pub(super) fn id_field(id: &ID, path: &str, kind: NodeKind, problems: &mut Problems) -> Option<i64> {
    match id_of(id, &[kind]) {
        Ok(global) => Some(global.key),
        Err(message) => {
            problems.push(path, message);
            None
        }
    }
}

/// An optional ID field where null clears the reference.
pub(super) fn optional_id_field(
    id: MaybeUndefined<ID>,
    path: &str,
    kind: NodeKind,
    problems: &mut Problems,
) -> MaybeUndefined<i64> {
    match id {
        MaybeUndefined::Undefined => MaybeUndefined::Undefined,
        MaybeUndefined::Null => MaybeUndefined::Null,
        MaybeUndefined::Value(id) => match id_field(&id, path, kind, problems) {
            Some(key) => MaybeUndefined::Value(key),
            None => MaybeUndefined::Undefined,
        },
    }
}

/// A field that may be left out but not cleared: null is a problem that
/// says `why` the value is needed.
pub(super) fn not_null<T>(
    value: MaybeUndefined<T>,
    path: &str,
    why: &str,
    problems: &mut Problems,
) -> Option<T> {
    match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => {
            problems.push(path, format!("{why}; leave the field out to keep it as it is"));
            None
        }
        MaybeUndefined::Value(value) => Some(value),
    }
}

/// The required ID field `field` of the input, of a node of `kind`:
/// left out it stays, null is a problem that says `why`.
pub(super) fn required_id(
    value: MaybeUndefined<ID>,
    field: &str,
    kind: NodeKind,
    why: &str,
    problems: &mut Problems,
) -> Option<i64> {
    let path = format!("input.{field}");
    let id = not_null(value, &path, why, problems)?;
    id_field(&id, &path, kind, problems)
}

/// The required text field `field` of the input, trimmed: blank is a
/// problem, as the import says it.
pub(super) fn required_text(
    value: MaybeUndefined<String>,
    field: &str,
    why: &str,
    problems: &mut Problems,
) -> Option<String> {
    let path = format!("input.{field}");
    let text = not_null(value, &path, why, problems)?.trim().to_owned();
    if text.is_empty() {
        problems.push(path, format!("{field} must not be empty"));
    }
    Some(text)
}

/// `CONFLICT` when a row of `E` other than `key` holds the value of the
/// input field at `path` in `column` already: a value no two rows may
/// share, which the patch would give `key` too. `what` names the value and
/// the other row ("QID of \"Kyiv\"").
pub(super) async fn refuse_taken<E: EntityTrait>(
    txn: &DatabaseTransaction,
    [column, id]: [E::Column; 2],
    (path, value): (&str, &MaybeUndefined<String>),
    key: i64,
    what: impl FnOnce(E::Model) -> String,
) -> AppResult<()> {
    let MaybeUndefined::Value(value) = value else {
        return Ok(());
    };
    let found = E::find()
        .filter(column.eq(value.as_str()))
        .filter(id.ne(key))
        .one(txn)
        .await?;
    match found {
        Some(other) => Err(AppError::Conflict(format!(
            "{path}: {value} is already the {}",
            what(other)
        ))),
        None => Ok(()),
    }
}

/// An optional text, trimmed, where null clears it; blank is a problem
/// (send null to clear).
pub(super) fn optional_text(
    value: MaybeUndefined<String>,
    path: &str,
    problems: &mut Problems,
) -> MaybeUndefined<String> {
    match value {
        MaybeUndefined::Value(text) => {
            let text = text.trim().to_owned();
            if text.is_empty() {
                problems.push(path, "must not be blank; send null to clear it");
            }
            MaybeUndefined::Value(text)
        }
        other => other,
    }
}

/// A partial date (`2025`, `2025-12`, `2025-12-02`), where null clears it.
pub(super) fn partial_date(
    value: MaybeUndefined<String>,
    path: &str,
    problems: &mut Problems,
) -> MaybeUndefined<PartialDate> {
    parsed(value, path, |text| PartialDate::parse(text.trim()), problems)
}

/// A value a patch gives as text, parsed once here (`Amount`, `Term`,
/// `PartialDate`), where null clears it; a parse error is a problem at
/// `path`.
pub(super) fn parsed<T>(
    value: MaybeUndefined<String>,
    path: &str,
    parse: fn(&str) -> Result<T, String>,
    problems: &mut Problems,
) -> MaybeUndefined<T> {
    match value {
        MaybeUndefined::Undefined => MaybeUndefined::Undefined,
        MaybeUndefined::Null => MaybeUndefined::Null,
        MaybeUndefined::Value(text) => match parse(&text) {
            Ok(value) => MaybeUndefined::Value(value),
            Err(message) => {
                problems.push(path, message);
                MaybeUndefined::Undefined
            }
        },
    }
}

/// A patched value: the patch's where it gives one, the current one otherwise.
pub(super) fn patched<T: Clone>(patch: &MaybeUndefined<T>, current: Option<T>) -> Option<T> {
    match patch {
        MaybeUndefined::Undefined => current,
        MaybeUndefined::Null => None,
        MaybeUndefined::Value(value) => Some(value.clone()),
    }
}

/// `NOT_FOUND` for the node the `id` argument names.
pub(super) fn not_found(noun: &str) -> AppError {
    AppError::NotFound(format!("no {noun} has the ID given in `id`"))
}

/// `NOT_FOUND` for a node an input names at `path`, naming its ID.
pub(super) fn missing(path: &str, id: GlobalId) -> AppError {
    let noun = match id.kind {
        NodeKind::FinancialMeasure => "financial measure".to_owned(),
        kind => kind.type_name().to_lowercase(),
    };
    AppError::NotFound(format!("{path}: no {noun} has the ID \"{}\"", id.encode().0))
}

/// The nodes a write finds missing, gathered so that one `NOT_FOUND`
/// names every one of them, not only the first.
#[derive(Default)]
pub(super) struct Missing(Vec<String>);

impl Missing {
    /// The value of a lookup; a `NOT_FOUND` is noted and gives `None`.
    pub fn note<T>(&mut self, found: AppResult<T>) -> AppResult<Option<T>> {
        match found {
            Ok(value) => Ok(Some(value)),
            Err(AppError::NotFound(message)) => {
                self.0.push(message);
                Ok(None)
            }
            Err(err) => Err(err),
        }
    }

    /// The entity `key` names, of `kind`, following a merge, when the patch
    /// names one at `path`; a missing one is noted.
    pub async fn entity(
        &mut self,
        txn: &DatabaseTransaction,
        key: Option<i64>,
        kind: NodeKind,
        path: &str,
    ) -> AppResult<Option<named_entity::Model>> {
        let Some(key) = key else {
            return Ok(None);
        };
        let found = existing_entity(txn, key, entity_kind(kind)).await?;
        self.note(found.ok_or_else(|| missing(path, GlobalId::new(kind, key))))
    }

    /// `NOT_FOUND` naming everything missing, or `Ok`.
    pub fn finish(self) -> AppResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::NotFound(self.0.join("; ")))
        }
    }
}

/// `CONFLICT` unless the node is still at the version the patch is based on.
pub(super) fn check_version(noun: &str, current: i32, version: i32) -> AppResult<()> {
    if current == version {
        return Ok(());
    }
    Err(version_conflict(noun, version, current))
}

/// `CONFLICT` for a patch based on `version` of a node now at `current`: a
/// version it has left, or one it has not reached.
pub(super) fn version_conflict(noun: &str, version: i32, current: i32) -> AppError {
    AppError::Conflict(if version > current {
        format!(
            "the {noun} has no version {version} yet: it is at version {current}; read it again and reapply the change"
        )
    } else {
        format!(
            "the {noun} changed since version {version}: it is at version {current} now; read it again and reapply the change"
        )
    })
}

/// `CONFLICT` for an update whose `WHERE version = ?` matched no row: a
/// concurrent update got there between the read and the write.
pub(super) fn stale(noun: &str, version: i32) -> AppError {
    AppError::Conflict(format!(
        "the {noun} changed since version {version}; read it again and reapply the change"
    ))
}

/// Maps a uniqueness violation the database caught (two concurrent writes
/// both passed the check before either wrote) to `CONFLICT`.
pub(super) fn unique_violation(err: DbErr, message: &str) -> AppError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict(message.to_owned()),
        _ => err.into(),
    }
}

/// The entity of `kind` a key names, following a merge to the entity kept.
pub(super) async fn existing_entity(
    txn: &DatabaseTransaction,
    key: i64,
    kind: EntityKind,
) -> AppResult<Option<named_entity::Model>> {
    let of_kind =
        |key: i64| named_entity::Entity::find_by_id(key).filter(named_entity::Column::Kind.eq(kind));
    if let Some(found) = of_kind(key).one(txn).await? {
        return Ok(Some(found));
    }
    let Some(redirect) = entity_redirect::Entity::find_by_id(key).one(txn).await? else {
        return Ok(None);
    };
    Ok(of_kind(redirect.new_id).one(txn).await?)
}

/// Adds the write log line of an update: what changed, to which version.
pub(super) async fn log(
    txn: &DatabaseTransaction,
    actor: &str,
    operation: &str,
    noun: &str,
    key: i64,
    version: i32,
    changed: &[impl std::borrow::Borrow<str>],
) -> AppResult<()> {
    let summary = format!("{noun} {key} to version {version}: {}", changed.join(", "));
    Ok(crate::audit::record(txn, actor, operation, summary).await?)
}

/// Writes `row` over the node `key` only while the node is still at
/// `version`: the version in the WHERE clause makes a concurrent update
/// that got there first win, and this one match no row, even between the
/// read and the write; that is `CONFLICT` for the `noun`. A uniqueness
/// violation is `CONFLICT` saying `taken`, where the node has a value no
/// other may share.
pub(super) async fn write_at_version<E: EntityTrait>(
    txn: &DatabaseTransaction,
    row: E::ActiveModel,
    [id, at]: [E::Column; 2],
    key: i64,
    version: i32,
    noun: &str,
    taken: Option<&str>,
) -> AppResult<()> {
    let updated = E::update_many()
        .set(row)
        .filter(id.eq(key))
        .filter(at.eq(version))
        .exec(txn)
        .await;
    match (updated, taken) {
        (Ok(updated), _) if updated.rows_affected > 0 => Ok(()),
        (Ok(_), _) => Err(stale(noun, version)),
        (Err(err), Some(taken)) => Err(unique_violation(err, taken)),
        (Err(err), None) => Err(err.into()),
    }
}

/// The kind of entity an ID of a person, organisation or place names.
pub(super) fn entity_kind(kind: NodeKind) -> EntityKind {
    match kind {
        NodeKind::Organisation => EntityKind::Organisation,
        NodeKind::Place => EntityKind::Place,
        _ => EntityKind::Person,
    }
}
