//! GraphQL objects, one module per type; each wraps entity models.

mod entities;
mod event;
mod evidence;
mod financial_measure;
mod issue;
mod position;
mod role;
mod source;
mod statement;

pub(crate) use entities::EntityObject;
pub use entities::{OrganisationKind, PlaceKind};
pub use event::{EventKind, Participant, Quantity};
pub(crate) use evidence::evidence_of;
pub use evidence::{Evidence, Reports};
pub use financial_measure::{FinancialMeasureKind, FinancialMeasureStatus, Qualifier, SecuredAgainst, Share};
pub use position::Position;
pub use statement::{IssueStance, Stance, StatementKind};

use async_graphql::ID;
use async_graphql::dataloader::{DataLoader, Loader};

use super::filter::{
    EventFilter, EventOrder, FinancialMeasureFilter, FinancialMeasureOrder, IssueFilter, IssueOrder,
    RoleOrder, SourceFilter, SourceOrder, StatementFilter, StatementOrder,
};
use super::list::row_listings;
use super::loaders;
use super::node::Entity;
use crate::error::{AppError, AppResult};
use crate::graphql::flat::Noun;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::loader::{ChildTable, ChildrenLoader};

/// An object that is a node: it wraps rows, the first of which holds its key.
pub(crate) trait NodeObject {
    /// The node's opaque, stable global ID.
    fn global_id(&self) -> ID;
}

/// Declares the objects that are nodes, one a line: the rows each wraps, and
/// its name in descriptions (see [`Noun`]). Each object is a kind of node
/// of the same name; its fields are in its module.
macro_rules! nodes {
    ($($(#[$doc:meta])* $object:ident($($row:ty),+) = $noun:literal;)+) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $object($(pub $row),+);

        impl NodeObject for $object {
            fn global_id(&self) -> ID {
                GlobalId::new(NodeKind::$object, self.0.id).encode()
            }
        }

        impl Noun for $object {
            const NOUN: &'static str = $noun;
        }
    )+};
}

nodes!(
    /// A person: a speaker, a role holder, a participant.
    Person(entity::named_entity::Model) = "person";
    /// An organisation: a government, a body, an alliance, a company...
    Organisation(entity::named_entity::Model, entity::organisation::Model) = "organisation";
    /// A place: a country, a region, a city...
    Place(entity::named_entity::Model, entity::place::Model) = "place";
    /// An issue statements take positions on ("Ukraine's NATO membership").
    Issue(entity::issue::Model) = "issue";
    /// Something a person or an organisation said, quoted or reported.
    Statement(entity::statement::Model) = "statement";
    /// A person's title in an organisation over a span of time.
    Role(entity::role::Model) = "role";
    /// A relation from one person to another: `person` is `kind` of `relatedPerson`.
    Relation(entity::relation::Model) = "relation";
    /// A loan, grant, sanction... with its amount, parties and terms.
    FinancialMeasure(entity::financial_measure::Model) = "measure";
    /// Something that happened: an attack, a meeting, a visit...
    Event(entity::event::Model) = "event";
    /// An article, with its full text.
    Source(entity::source::Model) = "source";
);

row_listings!(
    Issue: issue, IssueFilter, IssueOrder;
    Statement: statement, StatementFilter, StatementOrder;
    Role: role, (), RoleOrder;
    Relation: relation, (), ();
    FinancialMeasure: financial_measure, FinancialMeasureFilter, FinancialMeasureOrder;
    Event: event, EventFilter, EventOrder;
    Source: source, SourceFilter, SourceOrder;
);

/// The rows a child loader holds under `owner` (its aliases, its links, its
/// counts), in their order; none when it has none.
pub(crate) async fn children<T>(
    loader: &DataLoader<ChildrenLoader<T>>,
    owner: i64,
) -> AppResult<Vec<T::Model>>
where
    T: ChildTable + Send + Sync + 'static,
    T::Model: Clone + Send + Sync + 'static,
{
    Ok(loader.load_one(owner).await?.unwrap_or_default())
}

/// Reads an entity through the request's loader.
pub(crate) async fn load_entity(ctx: &async_graphql::Context<'_>, id: i64) -> AppResult<Option<Entity>> {
    Ok(loaders(ctx)?.entity.load_one(id).await?.map(Entity::from))
}

/// What `links` point to, read through `loader` (`target` reads a link's
/// key), made into objects by `object` with their links, in the links'
/// order. A link to a row that is gone is left out.
pub(crate) async fn linked<K, L, T>(
    loader: &DataLoader<K>,
    links: Vec<L>,
    target: fn(&L) -> i64,
    object: impl Fn(K::Value, L) -> T,
) -> AppResult<Vec<T>>
where
    K: Loader<i64, Error = AppError>,
{
    let found = loader.load_many(links.iter().map(target)).await?;
    Ok(links
        .into_iter()
        .filter_map(|link| Some(object(found.get(&target(&link))?.clone(), link)))
        .collect())
}

/// The place an entity is, if it is one.
pub(crate) fn as_place(entity: Entity) -> Option<Place> {
    match entity {
        Entity::Place(p) => Some(p),
        _ => None,
    }
}

/// Reads a place through the request's loader.
pub(crate) async fn load_place(
    ctx: &async_graphql::Context<'_>,
    id: Option<i64>,
) -> AppResult<Option<Place>> {
    let Some(id) = id else { return Ok(None) };
    Ok(load_entity(ctx, id).await?.and_then(as_place))
}
