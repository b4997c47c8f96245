//! Correcting people, organisations and places.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object};
use entity::kinds::EntityKind;
use entity::{entity_alias, named_entity};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

use super::entity_details::DetailChanges;
use super::fresh_entity;
use super::patch::{Names, Problems, check_version, refuse_empty, refuse_taken};
use super::update::{Update, update};
use crate::error::{AppError, AppResult};
use crate::graphql::database;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::node::Entity;
use crate::graphql::object::{OrganisationKind, PlaceKind};
use crate::names::{fold, sort_key};

/// Changes to a person, an organisation or a place; fields left out stay
/// as they are. The fields of organisations and of places are refused for
/// an entity of another kind.
#[derive(InputObject, Debug, Clone, Default)]
pub struct EntityPatch {
    /// The new canonical name; the old one becomes an alias.
    pub name: Option<String>,
    /// The new description; null clears it.
    pub description: MaybeUndefined<String>,
    /// The new Wikidata QID (`Q7747`); null clears it.
    pub wikidata_id: MaybeUndefined<String>,
    /// Other names to add (a spelling already there is left as it is).
    pub add_aliases: Option<Vec<String>>,
    /// Other names to remove, by their exact spelling.
    pub remove_aliases: Option<Vec<String>>,
    /// The kind of organisation; only for an organisation.
    pub organisation_kind: MaybeUndefined<OrganisationKind>,
    /// The country the organisation belongs to (a Place ID); null clears
    /// it. Only for an organisation.
    pub country: MaybeUndefined<ID>,
    /// The kind of place; only for a place.
    pub place_kind: MaybeUndefined<PlaceKind>,
    /// The place this place lies within (a Place ID); null clears it.
    /// Neither the place itself nor a place within it can be its parent.
    /// Only for a place.
    pub parent: MaybeUndefined<ID>,
    /// The latitude in degrees, from -90 to 90; null clears it. A place
    /// has both coordinates or neither. Only for a place.
    pub latitude: MaybeUndefined<f64>,
    /// The longitude in degrees, from -180 to 180; null clears it. A place
    /// has both coordinates or neither. Only for a place.
    pub longitude: MaybeUndefined<f64>,
}

#[derive(Default)]
pub struct EntityMutation;

/// The kinds of node an entity is.
const ENTITIES: &[NodeKind] = &[NodeKind::Person, NodeKind::Organisation, NodeKind::Place];

#[Object]
impl EntityMutation {
    /// Corrects a person, an organisation or a place, and an
    /// organisation's kind and country or a place's kind, parent and
    /// coordinates. The update is based on `version`, the entity's version
    /// the client read: if the entity changed since, nothing is written and
    /// the error is `CONFLICT` (read it again and reapply). Unknown IDs are
    /// `NOT_FOUND`; invalid fields, and fields the entity's kind does not
    /// have, are `BAD_USER_INPUT` with their path in `extensions.problems`.
    async fn update_entity(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The entity's global ID.")] id: ID,
        #[graphql(desc = "The version the change is based on, as `version` returned it.")] version: i32,
        #[graphql(desc = "The changes.")] input: EntityPatch,
    ) -> AppResult<Entity> {
        let node = update::<Patch>(ctx, &id, ENTITIES, version, input).await?;
        let db = database(ctx)?;
        fresh_entity(db, node.key).await
    }
}

/// A patch with its values checked and normalised.
struct Patch {
    name: Option<String>,
    description: MaybeUndefined<String>,
    wikidata_id: MaybeUndefined<String>,
    add_aliases: Vec<String>,
    remove_aliases: Vec<String>,
    details: DetailChanges,
    /// Whether the entity is a person, an organisation or a place.
    kind: NodeKind,
}

impl Update for Patch {
    type Input = EntityPatch;

    fn checked(input: EntityPatch, id: GlobalId) -> AppResult<Patch> {
        let (kind, key) = (id.kind, id.key);
        let mut problems = Problems::default();
        refuse_empty(
            input.name.is_some()
                || !input.description.is_undefined()
                || !input.wikidata_id.is_undefined()
                || input.add_aliases.is_some()
                || input.remove_aliases.is_some()
                || DetailChanges::given(&input),
            &mut problems,
        );
        let details = DetailChanges::checked(&input, kind, key, &mut problems);
        let Names {
            name,
            wikidata_id,
            add_aliases,
        } = Names::checked(input.name, input.wikidata_id, input.add_aliases, &mut problems);
        problems.finish()?;
        Ok(Patch {
            name,
            description: input.description,
            wikidata_id,
            add_aliases,
            remove_aliases: input.remove_aliases.unwrap_or_default(),
            details,
            kind,
        })
    }

    async fn apply(&self, txn: &DatabaseTransaction, key: i64, version: i32, actor: &str) -> AppResult<()> {
        let (kind, patch) = (self.kind, self);
        let current = named_entity::Entity::find_by_id(key).one(txn).await?;
        // An ID whose type and key disagree names nothing, as in `node(id:)`.
        let current = current.filter(|c| c.kind == entity_kind(kind));
        let Some(current) = current else {
            return Err(AppError::NotFound(
                "no entity has the ID given in `id`".to_owned(),
            ));
        };
        check_version("entity", current.version, version)?;
        let qid = [named_entity::Column::WikidataId, named_entity::Column::Id];
        let what = |other: named_entity::Model| format!("QID of \"{}\"; merge the two instead", other.name);
        refuse_taken::<named_entity::Entity>(txn, qid, ("input.wikidataId", &patch.wikidata_id), key, what)
            .await?;
        let details = patch.details.apply(txn, key).await?;
        let mut changed = Vec::new();
        let mut row: named_entity::ActiveModel = current.clone().into();
        if let Some(name) = &patch.name
            && *name != current.name
        {
            row.name = Set(name.clone());
            row.normalized_name = Set(fold(name));
            row.sort_name = Set(sort_key(name));
            changed.push("name");
        }
        if !patch.description.is_undefined() {
            row.description = Set(patch.description.clone().take());
            changed.push("description");
        }
        if !patch.wikidata_id.is_undefined() {
            row.wikidata_id = Set(patch.wikidata_id.clone().take());
            changed.push("wikidataId");
        }
        changed.extend(details);
        write_next_version!(txn, named_entity, row, key, version, "entity", None);
        let mut aliases = patch.add_aliases.clone();
        if let Some(name) = &patch.name
            && *name != current.name
        {
            aliases.push(current.name.clone());
        }
        for alias in &aliases {
            if patch.name.as_deref() == Some(alias.as_str()) {
                continue;
            }
            let exists = entity_alias::Entity::find()
                .filter(entity_alias::Column::EntityId.eq(key))
                .filter(entity_alias::Column::Name.eq(alias.as_str()))
                .one(txn)
                .await?
                .is_some();
            if !exists {
                entity_alias::ActiveModel {
                    entity_id: Set(key),
                    name: Set(alias.clone()),
                    normalized_name: Set(fold(alias)),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                changed.push("aliases");
            }
        }
        if !patch.remove_aliases.is_empty() {
            let removed = entity_alias::Entity::delete_many()
                .filter(entity_alias::Column::EntityId.eq(key))
                .filter(entity_alias::Column::Name.is_in(patch.remove_aliases.iter().map(String::as_str)))
                .exec(txn)
                .await?;
            if removed.rows_affected > 0 {
                changed.push("aliases");
            }
        }
        changed.dedup();
        crate::audit::record(
            txn,
            actor,
            "updateEntity",
            format!("entity {key} to version {}: {}", version + 1, changed.join(", ")),
        )
        .await?;
        Ok(())
    }
}

/// The kind of entity an ID of a person, organisation or place names.
fn entity_kind(kind: NodeKind) -> EntityKind {
    match kind {
        NodeKind::Organisation => EntityKind::Organisation,
        NodeKind::Place => EntityKind::Place,
        _ => EntityKind::Person,
    }
}
