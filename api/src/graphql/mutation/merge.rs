//! Merging two entities found to be one: every fact and alias of the one
//! removed moves to the one kept, and the removed ID redirects to it.

use async_graphql::{Context, ID, Object};
use entity::kinds::EntityKind;
use entity::{entity_alias, entity_redirect, named_entity, organisation, place, relation, role, statement};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set,
};

use super::{commit, fresh_entity, require_write};
use crate::error::{AppError, AppResult};
use crate::graphql::database;
use crate::graphql::filter::expect_id;
use crate::graphql::ids::GlobalId;
use crate::graphql::ids::NodeKind;
use crate::graphql::node::Entity;
use crate::names::fold;
use crate::store::Write;
use crate::store::identity::{RelationIdentity, RoleIdentity};

const ENTITIES: &[NodeKind] = &[NodeKind::Person, NodeKind::Organisation, NodeKind::Place];

#[derive(Default)]
pub struct MergeMutation;

#[Object]
impl MergeMutation {
    /// Merges `remove` into `keep`, two entities of one kind found to be the
    /// same: every statement, mention, role, relation, event, financial
    /// measure and child place of `remove` moves to `keep` (duplicates
    /// that would result are dropped), its name and aliases become aliases
    /// of `keep`, its Wikidata QID moves over when `keep` has none, and
    /// `node(id:)` on the removed ID returns `keep` from then on. All of it
    /// happens in one transaction, or none of it.
    async fn merge_entities(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The entity that stays.")] keep: ID,
        #[graphql(desc = "The entity that goes; its ID will lead to `keep`.")] remove: ID,
    ) -> AppResult<Entity> {
        let actor = require_write(ctx)?;
        let kind = GlobalId::decode(&keep)?.kind;
        let keep = expect_id(&keep, "keep", ENTITIES)?;
        let remove = expect_id(&remove, "remove", ENTITIES)?;
        if keep == remove {
            return Err(AppError::bad_input("`keep` and `remove` are the same entity"));
        }
        let db = database(ctx)?;
        let write = Write::begin(db).await?;
        let result = merge(write.txn(), keep, remove, &actor).await;
        // Followers of the removed ID learn where it went.
        let news = [GlobalId::new(kind, keep), GlobalId::new(kind, remove)];
        commit(ctx, write, result, &news).await?;
        fresh_entity(db, keep).await
    }
}

async fn merge(txn: &DatabaseTransaction, keep: i64, remove: i64, actor: &str) -> AppResult<()> {
    let find = |id: i64, field: &'static str| async move {
        named_entity::Entity::find_by_id(id)
            .one(txn)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("no entity has the ID given in `{field}`")))
    };
    let kept = find(keep, "keep").await?;
    let removed = find(remove, "remove").await?;
    if kept.kind != removed.kind {
        return Err(AppError::bad_input(format!(
            "`keep` is {} and `remove` {}: only entities of one kind merge",
            noun(kept.kind),
            noun(removed.kind)
        )));
    }

    // Statements: said by, said to, mentioning.
    update(txn, "statement", "speaker_id", keep, remove).await?;
    update(txn, "statement", "audience_id", keep, remove).await?;
    drop_duplicates(
        txn,
        "statement_mention",
        "entity_id",
        &["statement_id"],
        keep,
        remove,
    )
    .await?;
    update(txn, "statement_mention", "entity_id", keep, remove).await?;
    // Money.
    for column in ["provider_id", "recipient_id", "secured_against_entity_id"] {
        update(txn, "financial_measure", column, keep, remove).await?;
    }
    // Events.
    drop_duplicates(
        txn,
        "event_participant",
        "entity_id",
        &["event_id", "role"],
        keep,
        remove,
    )
    .await?;
    update(txn, "event_participant", "entity_id", keep, remove).await?;
    drop_duplicates(txn, "event_place", "place_id", &["event_id"], keep, remove).await?;
    update(txn, "event_place", "place_id", keep, remove).await?;
    // Places in it, organisations of it; never a place inside itself.
    update(txn, "place", "parent_id", keep, remove).await?;
    place::Entity::update_many()
        .col_expr(place::Column::ParentId, Expr::value(Option::<i64>::None))
        .filter(place::Column::Id.eq(keep))
        .filter(place::Column::ParentId.eq(keep))
        .exec(txn)
        .await?;
    update(txn, "organisation", "country_id", keep, remove).await?;
    move_roles(txn, keep, remove).await?;
    move_relations(txn, keep, remove).await?;

    // Names: the removed one's name and aliases become the kept one's aliases.
    let mut names = vec![removed.name.clone()];
    names.extend(
        entity_alias::Entity::find()
            .filter(entity_alias::Column::EntityId.eq(remove))
            .all(txn)
            .await?
            .into_iter()
            .map(|a| a.name),
    );
    let known: Vec<String> = entity_alias::Entity::find()
        .filter(entity_alias::Column::EntityId.eq(keep))
        .all(txn)
        .await?
        .into_iter()
        .map(|a| a.name)
        .collect();
    for name in names {
        if name != kept.name && !known.contains(&name) {
            entity_alias::ActiveModel {
                entity_id: Set(keep),
                normalized_name: Set(fold(&name)),
                name: Set(name),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }

    // Old IDs that led to `remove` now lead to `keep`, and so does `remove`'s.
    entity_redirect::Entity::update_many()
        .col_expr(entity_redirect::Column::NewId, Expr::value(keep))
        .filter(entity_redirect::Column::NewId.eq(remove))
        .exec(txn)
        .await?;

    // Away with the removed entity (its aliases go with it), then its QID
    // may move, unique as it is.
    match removed.kind {
        EntityKind::Person => {
            entity::person::Entity::delete_by_id(remove).exec(txn).await?;
        }
        EntityKind::Organisation => {
            organisation::Entity::delete_by_id(remove).exec(txn).await?;
        }
        EntityKind::Place => {
            place::Entity::delete_by_id(remove).exec(txn).await?;
        }
    }
    named_entity::Entity::delete_by_id(remove).exec(txn).await?;
    entity_redirect::ActiveModel {
        old_id: Set(remove),
        new_id: Set(keep),
        merged_at: Set(chrono::Utc::now()),
    }
    .insert(txn)
    .await?;
    let mut row: named_entity::ActiveModel = kept.clone().into();
    if kept.wikidata_id.is_none() && removed.wikidata_id.is_some() {
        row.wikidata_id = Set(removed.wikidata_id.clone());
    }
    if kept.description.is_none() && removed.description.is_some() {
        row.description = Set(removed.description.clone());
    }
    row.version = Set(kept.version + 1);
    row.updated_at = Set(chrono::Utc::now());
    row.update(txn).await?;

    crate::audit::record(
        txn,
        actor,
        "mergeEntities",
        format!(
            "entity {remove} (\"{}\") merged into entity {keep} (\"{}\")",
            removed.name, kept.name
        ),
    )
    .await?;
    Ok(())
}

fn noun(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "a person",
        EntityKind::Organisation => "an organisation",
        EntityKind::Place => "a place",
    }
}

/// `UPDATE table SET column = keep WHERE column = remove`.
async fn update(
    txn: &DatabaseTransaction,
    table: &str,
    column: &str,
    keep: i64,
    remove: i64,
) -> AppResult<()> {
    let query = Query::update()
        .table(Alias::new(table))
        .value(Alias::new(column), keep)
        .and_where(Expr::col(Alias::new(column)).eq(remove))
        .to_owned();
    txn.execute(&query).await?;
    Ok(())
}

/// Deletes the rows of `remove` that, moved to `keep`, would repeat a row
/// `keep` has (the same values in `same`).
async fn drop_duplicates(
    txn: &DatabaseTransaction,
    table: &str,
    column: &str,
    same: &[&str],
    keep: i64,
    remove: i64,
) -> AppResult<()> {
    let other = Alias::new("other");
    let mut twin = Query::select()
        .expr(Expr::val(1))
        .from_as(Alias::new(table), other.clone())
        .and_where(Expr::col((other.clone(), Alias::new(column))).eq(keep))
        .to_owned();
    for c in same {
        twin.and_where(
            Expr::col((other.clone(), Alias::new(*c))).equals((Alias::new(table), Alias::new(*c))),
        );
    }
    let query = Query::delete()
        .from_table(Alias::new(table))
        .and_where(Expr::col((Alias::new(table), Alias::new(column))).eq(remove))
        .and_where(Expr::exists(twin))
        .to_owned();
    txn.execute(&query).await?;
    Ok(())
}

/// Moves `remove`'s roles (as person or as organisation) to `keep`; a role
/// `keep` already holds absorbs the duplicate and the statements said in it.
async fn move_roles(txn: &DatabaseTransaction, keep: i64, remove: i64) -> AppResult<()> {
    let roles = role::Entity::find()
        .filter(
            role::Column::PersonId
                .eq(remove)
                .or(role::Column::OrganisationId.eq(remove)),
        )
        .all(txn)
        .await?;
    let moved = |id: i64| if id == remove { keep } else { id };
    for r in roles {
        let (person, organisation) = (moved(r.person_id), moved(r.organisation_id));
        let title = r.title.clone();
        let twin = RoleIdentity {
            person,
            organisation,
            title,
        }
        .find(txn, Some(r.id))
        .await?;
        match twin {
            Some(twin) => {
                statement::Entity::update_many()
                    .col_expr(statement::Column::SpeakerRoleId, Expr::value(twin))
                    .filter(statement::Column::SpeakerRoleId.eq(r.id))
                    .exec(txn)
                    .await?;
                role::Entity::delete_by_id(r.id).exec(txn).await?;
            }
            None => {
                let mut row: role::ActiveModel = r.into();
                row.person_id = Set(person);
                row.organisation_id = Set(organisation);
                row.update(txn).await?;
            }
        }
    }
    Ok(())
}

/// Moves `remove`'s relations to `keep`, dropping those that would repeat
/// one of `keep`'s or relate `keep` to itself.
async fn move_relations(txn: &DatabaseTransaction, keep: i64, remove: i64) -> AppResult<()> {
    let relations = relation::Entity::find()
        .filter(
            relation::Column::PersonId
                .eq(remove)
                .or(relation::Column::RelatedPersonId.eq(remove)),
        )
        .all(txn)
        .await?;
    let moved = |id: i64| if id == remove { keep } else { id };
    for r in relations {
        let (person, related) = (moved(r.person_id), moved(r.related_person_id));
        let twin = RelationIdentity {
            person,
            related_person: related,
            kind: r.kind.clone(),
        };
        if person == related || twin.find(txn, Some(r.id)).await?.is_some() {
            relation::Entity::delete_by_id(r.id).exec(txn).await?;
        } else {
            let mut row: relation::ActiveModel = r.into();
            row.person_id = Set(person);
            row.related_person_id = Set(related);
            row.update(txn).await?;
        }
    }
    Ok(())
}
