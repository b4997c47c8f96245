//! Correcting people, organisations and places.

use async_graphql::{Context, ID, InputObject, Object};
use entity::{entity_alias, named_entity};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

use super::entity_details::{DetailChanges, DetailsPatch};
use super::fresh_entity;
use super::patch::{NamesPatch, Problems, check_version, entity_kind, refuse_empty, refuse_taken};
use super::update::{Update, update};
use crate::error::{AppError, AppResult};
use crate::graphql::database;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::node::Entity;

/// Changes to a person, an organisation or a place; fields left out stay
/// as they are. The fields of organisations and of places are refused for
/// an entity of another kind.
#[derive(InputObject, Debug, Clone, Default)]
pub struct EntityPatch {
    /// The names, description and QID.
    #[graphql(flatten)]
    pub names: NamesPatch,
    /// An organisation's kind and country, a place's kind, parent and
    /// coordinates.
    #[graphql(flatten)]
    pub details: DetailsPatch,
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
    names: NamesPatch,
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
            input.names.given() || !input.details.given().is_empty(),
            &mut problems,
        );
        let details = DetailChanges::checked(&input.details, kind, key, &mut problems);
        let names = input.names.checked(&mut problems);
        problems.finish()?;
        Ok(Patch { names, details, kind })
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
        refuse_taken::<named_entity::Entity>(
            txn,
            qid,
            ("input.wikidataId", &patch.names.wikidata_id),
            key,
            what,
        )
        .await?;
        let details = patch.details.apply(txn, key).await?;
        let mut changed = Vec::new();
        let mut row: named_entity::ActiveModel = current.clone().into();
        set_names!(row, patch.names, current, changed);
        changed.extend(details);
        write_next_version!(txn, named_entity, row, key, version, "entity", None);
        for alias in &patch.names.new_aliases(&current.name) {
            if patch.names.name.as_ref() != Some(alias) && add_alias!(txn, entity_alias, EntityId, key, alias)
            {
                changed.push("aliases");
            }
        }
        let remove = patch.names.removed_aliases();
        if !remove.is_empty() {
            let removed = entity_alias::Entity::delete_many()
                .filter(entity_alias::Column::EntityId.eq(key))
                .filter(entity_alias::Column::Name.is_in(remove.iter().map(String::as_str)))
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
