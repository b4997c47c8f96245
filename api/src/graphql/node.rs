//! The `Node` and `Entity` interfaces, and reading any node by its global ID.

use std::borrow::Cow;

use async_graphql::parser::types::Field;
use async_graphql::registry::Registry;
use async_graphql::{
    Context, ContextSelectionSet, ID, Interface, OutputType, Positioned, ServerResult, Value,
};
use chrono::{DateTime, Utc};

use super::ids::{GlobalId, NodeKind};
use super::loaders;
use super::object::{
    EntityObject, Event, FinancialMeasure, Issue, Organisation, Person, Place, Relation, Role, Source,
    Statement,
};
use crate::error::AppResult;
use crate::loader::EntityRecord;

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
    let l = loaders(ctx)?;
    let key = id.key;
    Ok(match id.kind {
        NodeKind::Person | NodeKind::Organisation | NodeKind::Place => {
            let mut entity = l.entity.load_one(key).await?.map(Entity::from);
            if entity.is_none()
                && let Some(kept) = l.redirects.load_one(key).await?
            {
                // Merged into another entity: the ID leads there.
                entity = l.entity.load_one(kept).await?.map(Entity::from);
            }
            // An ID whose type and key disagree names nothing.
            entity.filter(|e| entity_kind(e) == id.kind).map(Node::from)
        }
        NodeKind::Issue => l.issue.load_one(key).await?.map(|m| Node::Issue(Issue(m))),
        NodeKind::Statement => l
            .statement
            .load_one(key)
            .await?
            .map(|m| Node::Statement(Statement(m))),
        NodeKind::Role => l.role.load_one(key).await?.map(|m| Node::Role(Role(m))),
        NodeKind::Relation => l
            .relation
            .load_one(key)
            .await?
            .map(|m| Node::Relation(Relation(m))),
        NodeKind::FinancialMeasure => l
            .financial_measure
            .load_one(key)
            .await?
            .map(|m| Node::FinancialMeasure(FinancialMeasure(m))),
        NodeKind::Event => l.event.load_one(key).await?.map(|m| Node::Event(Event(m))),
        NodeKind::Source => l.source.load_one(key).await?.map(|m| Node::Source(Source(m))),
    })
}

fn entity_kind(entity: &Entity) -> NodeKind {
    match entity {
        Entity::Person(_) => NodeKind::Person,
        Entity::Organisation(_) => NodeKind::Organisation,
        Entity::Place(_) => NodeKind::Place,
    }
}

/// Reads a node afresh, without the request's loaders (for subscriptions,
/// which outlive any request); a merged entity's ID reads the kept one.
pub async fn fetch_node(db: &sea_orm::DatabaseConnection, id: GlobalId) -> AppResult<Option<Node>> {
    use async_graphql::dataloader::Loader;

    use crate::loader::{ById, EntityLoader};
    let key = id.key;
    macro_rules! row {
        ($module:ident, $object:ident) => {
            ById::<entity::$module::Entity>::new(db.clone())
                .load(&[key])
                .await?
                .remove(&key)
                .map(|m| Node::$object($object(m)))
        };
    }
    Ok(match id.kind {
        NodeKind::Person | NodeKind::Organisation | NodeKind::Place => {
            let entities = EntityLoader::new(db.clone());
            let mut found = entities.load(&[key]).await?.remove(&key);
            if found.is_none() {
                let redirect = crate::loader::RedirectLoader::new(db.clone())
                    .load(&[key])
                    .await?;
                if let Some(kept) = redirect.get(&key) {
                    found = entities.load(&[*kept]).await?.remove(kept);
                }
            }
            found
                .map(Entity::from)
                .filter(|e| entity_kind(e) == id.kind)
                .map(Node::from)
        }
        NodeKind::Issue => row!(issue, Issue),
        NodeKind::Statement => row!(statement, Statement),
        NodeKind::Role => row!(role, Role),
        NodeKind::Relation => row!(relation, Relation),
        NodeKind::FinancialMeasure => row!(financial_measure, FinancialMeasure),
        NodeKind::Event => row!(event, Event),
        NodeKind::Source => row!(source, Source),
    })
}
