//! The `Node` and `Entity` interfaces, and reading any node by its global ID.

use std::borrow::Cow;

use async_graphql::dataloader::Loader;
use async_graphql::parser::types::Field;
use async_graphql::registry::Registry;
use async_graphql::{
    Context, ContextSelectionSet, ID, Interface, OutputType, Positioned, ServerResult, Value,
};
use chrono::{DateTime, Utc};
use entity::{event, financial_measure, issue, relation, role, source, statement};
use sea_orm::DatabaseConnection;

use super::ids::{GlobalId, NodeKind};
use super::loaders;
use super::object::{
    EntityObject, Event, FinancialMeasure, Issue, Organisation, Person, Place, Relation, Role, Source,
    Statement,
};
use crate::error::AppResult;
use crate::loader::{EntityLoader, EntityRecord, Loaders, ReadById, RedirectLoader, load_by_ids};

/// An object with a globally unique, stable ID, which `node(id:)` fetches
/// again (the Relay object identification spec).
#[derive(Interface, Debug, Clone)]
#[graphql(field(name = "id", ty = "ID", desc = "The object's opaque, stable global ID."))]
pub enum Node {
    Person(Person),
    Organisation(Organisation),
    Place(Place),
    Issue(Issue),
    Statement(Statement),
    Role(Role),
    Relation(Relation),
    FinancialMeasure(FinancialMeasure),
    Event(Event),
    Source(Source),
}

/// A person, an organisation or a place: something with a name that
/// statements mention and events involve.
// Several fields share a type; clippy reads the repeated `ty = ...` as duplicates.
#[allow(clippy::duplicated_attributes)]
#[derive(Interface, Debug, Clone)]
#[graphql(
    field(name = "id", ty = "ID", desc = "The object's opaque, stable global ID."),
    field(name = "name", ty = "String", desc = "The canonical name."),
    field(
        name = "aliases",
        ty = "Vec<String>",
        desc = "Other names and spellings the entity is known by."
    ),
    field(name = "description", ty = "Option<String>", desc = "A short description."),
    field(
        name = "wikidata_id",
        ty = "Option<String>",
        desc = "The Wikidata QID (`Q7747`), where known."
    ),
    field(
        name = "created_at",
        ty = "DateTime<Utc>",
        desc = "When the entity was added to the graph."
    ),
    field(
        name = "updated_at",
        ty = "DateTime<Utc>",
        desc = "When the entity was last changed."
    ),
    field(
        name = "version",
        ty = "i32",
        desc = "The entity's version: 1 when added, one more with each change. Updates send the version they were based on."
    )
)]
pub enum Entity {
    Person(Person),
    Organisation(Organisation),
    Place(Place),
}

impl From<EntityRecord> for Entity {
    fn from(record: EntityRecord) -> Self {
        match record {
            EntityRecord::Person(e) => Self::Person(Person(e)),
            EntityRecord::Organisation(e, o) => Self::Organisation(Organisation(e, o)),
            EntityRecord::Place(e, p) => Self::Place(Place(e, p)),
        }
    }
}

impl From<Entity> for Node {
    fn from(entity: Entity) -> Self {
        match entity {
            Entity::Person(p) => Self::Person(p),
            Entity::Organisation(o) => Self::Organisation(o),
            Entity::Place(p) => Self::Place(p),
        }
    }
}

/// Registers `interface Entity implements Node`: async-graphql's derive
/// cannot declare an interface's own interfaces, so this type adds the link
/// to the registry when the schema is built. It is never a field's type.
pub struct EntityImplementsNode;

impl OutputType for EntityImplementsNode {
    fn type_name() -> Cow<'static, str> {
        <Entity as OutputType>::type_name()
    }

    fn create_type_info(registry: &mut Registry) -> String {
        let qualified = <Entity as OutputType>::create_type_info(registry);
        registry.add_implements(&Self::type_name(), &<Node as OutputType>::type_name());
        qualified
    }

    async fn resolve(
        &self,
        _ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> ServerResult<Value> {
        Err(async_graphql::ServerError::new(
            "EntityImplementsNode is a schema marker, not a value",
            Some(field.pos),
        ))
    }
}

/// Reads the node an ID names; `None` when no such node exists.
pub async fn load_node(ctx: &Context<'_>, id: GlobalId) -> AppResult<Option<Node>> {
    read_node(Rows::Request(loaders(ctx)?), id).await
}

/// Reads a node afresh, without the request's loaders (for subscriptions,
/// which outlive any request, and for what a mutation just wrote).
pub async fn fetch_node(db: &DatabaseConnection, id: GlobalId) -> AppResult<Option<Node>> {
    read_node(Rows::Fresh(db), id).await
}

/// Where a node's rows are read from.
#[derive(Clone, Copy)]
enum Rows<'a> {
    /// Through the request's loaders, batched and cached.
    Request(&'a Loaders),
    /// From the database, as they are now.
    Fresh(&'a DatabaseConnection),
}

impl Rows<'_> {
    /// The row `key` of `E`, as the node `object` makes of it.
    async fn node<E: ReadById, T: Into<Node>>(
        self,
        key: i64,
        object: fn(E::Model) -> T,
    ) -> AppResult<Option<Node>>
    where
        E::Model: Clone + Send + Sync + 'static,
    {
        let row = match self {
            Self::Request(loaders) => E::by_id(loaders).load_one(key).await?,
            Self::Fresh(db) => load_by_ids::<E>(db, &[key]).await?.remove(&key),
        };
        Ok(row.map(|m| object(m).into()))
    }

    async fn entity(self, key: i64) -> AppResult<Option<EntityRecord>> {
        match self {
            Self::Request(loaders) => Ok(loaders.entity.load_one(key).await?),
            Self::Fresh(db) => Ok(EntityLoader::new(db.clone()).load(&[key]).await?.remove(&key)),
        }
    }

    /// The entity a merged one was merged into.
    async fn redirect(self, key: i64) -> AppResult<Option<i64>> {
        match self {
            Self::Request(loaders) => Ok(loaders.redirects.load_one(key).await?),
            Self::Fresh(db) => Ok(RedirectLoader::new(db.clone()).load(&[key]).await?.remove(&key)),
        }
    }
}

/// Reads the node an ID names from `rows`; a merged entity's ID reads the
/// kept one.
async fn read_node(rows: Rows<'_>, id: GlobalId) -> AppResult<Option<Node>> {
    let key = id.key;
    Ok(match id.kind {
        NodeKind::Person | NodeKind::Organisation | NodeKind::Place => {
            let mut entity = rows.entity(key).await?;
            if entity.is_none()
                && let Some(kept) = rows.redirect(key).await?
            {
                // Merged into another entity: the ID leads there.
                entity = rows.entity(kept).await?;
            }
            // An ID whose type and key disagree names nothing.
            entity
                .map(Entity::from)
                .filter(|e| entity_kind(e) == id.kind)
                .map(Node::from)
        }
        NodeKind::Issue => rows.node::<issue::Entity, _>(key, Issue).await?,
        NodeKind::Statement => rows.node::<statement::Entity, _>(key, Statement).await?,
        NodeKind::Role => rows.node::<role::Entity, _>(key, Role).await?,
        NodeKind::Relation => rows.node::<relation::Entity, _>(key, Relation).await?,
        NodeKind::FinancialMeasure => {
            rows.node::<financial_measure::Entity, _>(key, FinancialMeasure)
                .await?
        }
        NodeKind::Event => rows.node::<event::Entity, _>(key, Event).await?,
        NodeKind::Source => rows.node::<source::Entity, _>(key, Source).await?,
    })
}

fn entity_kind(entity: &Entity) -> NodeKind {
    match entity {
        Entity::Person(_) => NodeKind::Person,
        Entity::Organisation(_) => NodeKind::Organisation,
        Entity::Place(_) => NodeKind::Place,
    }
}
