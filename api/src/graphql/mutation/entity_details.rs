//! What only organisations and places have, as `updateEntity` corrects
//! it: an organisation's kind and country, a place's kind, parent and
//! coordinates.

use async_graphql::{ID, MaybeUndefined};
use entity::kinds::EntityKind;
use entity::{organisation, place};
use sea_orm::{ActiveModelTrait, DatabaseTransaction, EntityTrait, Set};

use super::patch::{Problems, existing_entity, missing, not_null, optional_id_field, patched};
use crate::error::{AppError, AppResult};
use crate::graphql::filter::article;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::object::{OrganisationKind, PlaceKind};

/// The organisation and place fields of a patch, checked.
pub(super) struct DetailChanges {
    organisation_kind: Option<entity::kinds::OrganisationKind>,
    country: MaybeUndefined<i64>,
    place_kind: Option<entity::kinds::PlaceKind>,
    parent: MaybeUndefined<i64>,
    latitude: MaybeUndefined<f64>,
    longitude: MaybeUndefined<f64>,
}

patch_input! {
    /// The fields of a patch of an entity that only organisations or only
    /// places have; they stand in `EntityPatch` itself.
    #[graphql(visible = false)]
    DetailsPatch {
        /// The kind of organisation; only for an organisation.
        organisation_kind: OrganisationKind,
        /// The country the organisation belongs to (a Place ID); null clears
        /// it. Only for an organisation.
        country: ID,
        /// The kind of place; only for a place.
        place_kind: PlaceKind,
        /// The place this place lies within (a Place ID); null clears it.
        /// Neither the place itself nor a place within it can be its parent.
        /// Only for a place.
        parent: ID,
        /// The latitude in degrees, from -90 to 90; null clears it. A place
        /// has both coordinates or neither. Only for a place.
        latitude: f64,
        /// The longitude in degrees, from -180 to 180; null clears it. A place
        /// has both coordinates or neither. Only for a place.
        longitude: f64,
    }
}

/// The fields only one kind of entity has (`owner`: an organisation's, a
/// place's), in a patch of an entity of `kind`.
struct Owned {
    owner: NodeKind,
    kind: NodeKind,
}

impl Owned {
    /// Refuses the field when the entity is not an `owner`.
    fn field<T>(&self, value: MaybeUndefined<T>, field: &str, problems: &mut Problems) -> MaybeUndefined<T> {
        if value.is_undefined() || self.kind == self.owner {
            return value;
        }
        let got = self.kind.type_name();
        problems.push(
            format!("input.{field}"),
            format!(
                "only {} has {} {field}; this is {} {got}",
                self.noun(),
                article(field),
                article(got)
            ),
        );
        MaybeUndefined::Undefined
    }

    /// A kind (`organisationKind`, `placeKind`): it may change, not be
    /// cleared.
    fn kind<T>(&self, value: MaybeUndefined<T>, field: &str, problems: &mut Problems) -> Option<T> {
        let value = self.field(value, field, problems);
        let why = format!("{} always has a kind", self.noun());
        not_null(value, &format!("input.{field}"), &why, problems)
    }

    /// A `Place` ID; null clears it.
    fn place(&self, value: MaybeUndefined<ID>, field: &str, problems: &mut Problems) -> MaybeUndefined<i64> {
        let value = self.field(value, field, problems);
        optional_id_field(value, &format!("input.{field}"), NodeKind::Place, problems)
    }

    fn noun(&self) -> &'static str {
        match self.owner {
            NodeKind::Organisation => "an organisation",
            _ => "a place",
        }
    }
}

/// A coordinate in range, or a problem at its path.
fn coordinate(
    value: MaybeUndefined<f64>,
    field: &str,
    limit: f64,
    problems: &mut Problems,
) -> MaybeUndefined<f64> {
    if let MaybeUndefined::Value(v) = value
        && !(-limit..=limit).contains(&v)
    {
        problems.push(
            format!("input.{field}"),
            format!("{v} is not between -{limit} and {limit}"),
        );
    }
    value
}

impl DetailChanges {
    /// Checks the fields that do not need the database; `kind` and `key`
    /// are the entity's, from its ID.
    pub(super) fn checked(input: &DetailsPatch, kind: NodeKind, key: i64, problems: &mut Problems) -> Self {
        let organisation = Owned {
            owner: NodeKind::Organisation,
            kind,
        };
        let place = Owned {
            owner: NodeKind::Place,
            kind,
        };
        let organisation_kind = organisation.kind(input.organisation_kind, "organisationKind", problems);
        let country = organisation.place(input.country.clone(), "country", problems);
        let place_kind = place.kind(input.place_kind, "placeKind", problems);
        let parent = place.place(input.parent.clone(), "parent", problems);
        if parent == MaybeUndefined::Value(key) {
            problems.push("input.parent", "a place cannot lie in itself");
        }
        let latitude = place.field(input.latitude, "latitude", problems);
        let longitude = place.field(input.longitude, "longitude", problems);
        Self {
            organisation_kind: organisation_kind.map(Into::into),
            country,
            place_kind: place_kind.map(Into::into),
            parent,
            latitude: coordinate(latitude, "latitude", 90.0, problems),
            longitude: coordinate(longitude, "longitude", 180.0, problems),
        }
    }

    /// Checks what needs the database, then writes; returns the names of
    /// the fields written.
    pub(super) async fn apply(&self, txn: &DatabaseTransaction, key: i64) -> AppResult<Vec<&'static str>> {
        let mut changed = Vec::new();
        if self.organisation_kind.is_some() || !self.country.is_undefined() {
            let Some(current) = organisation::Entity::find_by_id(key).one(txn).await? else {
                return Err(AppError::Internal);
            };
            let mut row: organisation::ActiveModel = current.into();
            if let Some(kind) = self.organisation_kind {
                row.kind = Set(kind);
                changed.push("organisationKind");
            }
            if !self.country.is_undefined() {
                row.country_id = Set(existing_place(txn, self.country, "input.country").await?);
                changed.push("country");
            }
            row.update(txn).await?;
        }
        let place_fields = [
            self.parent.is_undefined(),
            self.latitude.is_undefined(),
            self.longitude.is_undefined(),
        ];
        if self.place_kind.is_some() || place_fields.contains(&false) {
            let Some(current) = place::Entity::find_by_id(key).one(txn).await? else {
                return Err(AppError::Internal);
            };
            let mut problems = Problems::default();
            let parent = existing_place(txn, self.parent, "input.parent").await?;
            if let Some(parent) = parent
                && !self.parent.is_undefined()
            {
                check_parent(txn, key, parent, &mut problems).await?;
            }
            let latitude = patched(&self.latitude, current.latitude);
            let longitude = patched(&self.longitude, current.longitude);
            if latitude.is_some() != longitude.is_some() {
                let path = if self.latitude.is_undefined() {
                    "input.longitude"
                } else {
                    "input.latitude"
                };
                problems.push(path, "give both latitude and longitude, or neither");
            }
            problems.finish()?;
            let mut row: place::ActiveModel = current.into();
            if let Some(kind) = self.place_kind {
                row.kind = Set(kind);
                changed.push("placeKind");
            }
            if !self.parent.is_undefined() {
                row.parent_id = Set(parent);
                changed.push("parent");
            }
            if !self.latitude.is_undefined() {
                row.latitude = Set(latitude);
                changed.push("latitude");
            }
            if !self.longitude.is_undefined() {
                row.longitude = Set(longitude);
                changed.push("longitude");
            }
            row.update(txn).await?;
        }
        Ok(changed)
    }
}

/// The place a field names (following a merge), `None` when it is cleared
/// or left out; `NOT_FOUND` when it names no place.
async fn existing_place(
    txn: &DatabaseTransaction,
    value: MaybeUndefined<i64>,
    path: &str,
) -> AppResult<Option<i64>> {
    let MaybeUndefined::Value(key) = value else {
        return Ok(None);
    };
    match existing_entity(txn, key, EntityKind::Place).await? {
        Some(found) => Ok(Some(found.id)),
        None => Err(missing(path, GlobalId::new(NodeKind::Place, key))),
    }
}

/// A place's new parent must not lie within the place.
async fn check_parent(
    txn: &DatabaseTransaction,
    key: i64,
    parent: i64,
    problems: &mut Problems,
) -> AppResult<()> {
    // Walk up from the new parent: meeting the place would close a loop.
    let mut cursor = Some(parent);
    while let Some(at) = cursor {
        if at == key {
            let name = entity::named_entity::Entity::find_by_id(parent)
                .one(txn)
                .await?
                .map(|e| e.name)
                .unwrap_or_default();
            problems.push(
                "input.parent",
                format!("\"{name}\" lies within this place; a place cannot lie within itself"),
            );
            return Ok(());
        }
        cursor = place::Entity::find_by_id(at)
            .one(txn)
            .await?
            .and_then(|p| p.parent_id);
    }
    Ok(())
}
