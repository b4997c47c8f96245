//! DataLoaders: every relationship is read through one of these, so a
//! request runs a number of SQL statements that grows with the depth of the
//! query, not with the number of rows it returns.
//!
//! Loaders are made per request ([`Loaders::new`]): their caches never serve
//! one request's rows to another.

mod by_id;
mod children;
mod entity_record;
mod lists;
mod positions;

use async_graphql::dataloader::DataLoader;
use entity::{
    entity_alias, event, event_participant, event_place, event_quantity, financial_measure,
    financial_measure_issue, issue, issue_alias, named_entity, relation, role, source, statement,
    statement_issue, statement_mention,
};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use sea_orm::DatabaseConnection;

pub use by_id::{ById, Keyed};
pub use children::{ChildTable, ChildrenLoader};
pub use entity_record::{EntityLoader, EntityRecord};
pub use lists::{ListKey, ListLoader, Listed, Plan, Scope, Tree, subtrees};
pub use positions::{PositionsLoader, StanceTaken};

/// Every loader of a request, registered in one place.
pub struct Loaders {
    pub entity: DataLoader<EntityLoader>,
    pub issue: DataLoader<ById<issue::Entity>>,
    pub source: DataLoader<ById<source::Entity>>,
    pub statement: DataLoader<ById<statement::Entity>>,
    pub role: DataLoader<ById<role::Entity>>,
    pub relation: DataLoader<ById<relation::Entity>>,
    pub financial_measure: DataLoader<ById<financial_measure::Entity>>,
    pub event: DataLoader<ById<event::Entity>>,
    pub entity_aliases: DataLoader<ChildrenLoader<entity_alias::Entity>>,
    pub issue_aliases: DataLoader<ChildrenLoader<issue_alias::Entity>>,
    pub statement_issues: DataLoader<ChildrenLoader<statement_issue::Entity>>,
    pub statement_mentions: DataLoader<ChildrenLoader<statement_mention::Entity>>,
    pub financial_measure_issues: DataLoader<ChildrenLoader<financial_measure_issue::Entity>>,
    pub event_places: DataLoader<ChildrenLoader<event_place::Entity>>,
    pub event_participants: DataLoader<ChildrenLoader<event_participant::Entity>>,
    pub event_quantities: DataLoader<ChildrenLoader<event_quantity::Entity>>,
    pub positions: DataLoader<PositionsLoader>,
    pub entity_lists: DataLoader<ListLoader<named_entity::Entity>>,
    pub issue_lists: DataLoader<ListLoader<issue::Entity>>,
    pub statement_lists: DataLoader<ListLoader<statement::Entity>>,
    pub role_lists: DataLoader<ListLoader<role::Entity>>,
    pub relation_lists: DataLoader<ListLoader<relation::Entity>>,
    pub financial_measure_lists: DataLoader<ListLoader<financial_measure::Entity>>,
    pub event_lists: DataLoader<ListLoader<event::Entity>>,
}

/// A table whose rows are listed under parents, through its list loader.
pub trait Listable: Keyed + Send + Sync + 'static
where
    Self::Model: sea_orm::FromQueryResult + Clone + Send + Sync + 'static,
{
    fn lists(loaders: &Loaders) -> &DataLoader<ListLoader<Self>>;
}

macro_rules! listable {
    ($($module:ident => $field:ident),+ $(,)?) => {$(
        impl Listable for $module::Entity {
            fn lists(loaders: &Loaders) -> &DataLoader<ListLoader<Self>> {
                &loaders.$field
            }
        }
    )+};
}

listable!(
    named_entity => entity_lists,
    issue => issue_lists,
    statement => statement_lists,
    role => role_lists,
    relation => relation_lists,
    financial_measure => financial_measure_lists,
    event => event_lists,
);

impl Loaders {
    pub fn new(db: &DatabaseConnection) -> Self {
        // Batches run in tasks of their own; they count their statements
        // into the request's counter.
        let counter = crate::sql_stats::current();

        Self {
            entity: make(&counter, EntityLoader::new(db.clone())),
            issue: make(&counter, ById::new(db.clone())),
            source: make(&counter, ById::new(db.clone())),
            statement: make(&counter, ById::new(db.clone())),
            role: make(&counter, ById::new(db.clone())),
            relation: make(&counter, ById::new(db.clone())),
            financial_measure: make(&counter, ById::new(db.clone())),
            event: make(&counter, ById::new(db.clone())),
            entity_aliases: make(&counter, ChildrenLoader::new(db.clone())),
            issue_aliases: make(&counter, ChildrenLoader::new(db.clone())),
            statement_issues: make(&counter, ChildrenLoader::new(db.clone())),
            statement_mentions: make(&counter, ChildrenLoader::new(db.clone())),
            financial_measure_issues: make(&counter, ChildrenLoader::new(db.clone())),
            event_places: make(&counter, ChildrenLoader::new(db.clone())),
            event_participants: make(&counter, ChildrenLoader::new(db.clone())),
            event_quantities: make(&counter, ChildrenLoader::new(db.clone())),
            positions: make(&counter, PositionsLoader::new(db.clone())),
            entity_lists: make(&counter, ListLoader::new(db.clone())),
            issue_lists: make(&counter, ListLoader::new(db.clone())),
            statement_lists: make(&counter, ListLoader::new(db.clone())),
            role_lists: make(&counter, ListLoader::new(db.clone())),
            relation_lists: make(&counter, ListLoader::new(db.clone())),
            financial_measure_lists: make(&counter, ListLoader::new(db.clone())),
            event_lists: make(&counter, ListLoader::new(db.clone())),
        }
    }
}

/// A loader whose batches run in tasks of their own, counting their
/// statements into the request's counter.
fn make<L: Send + Sync + 'static>(counter: &Option<Arc<AtomicU64>>, loader: L) -> DataLoader<L> {
    let counter = counter.clone();
    DataLoader::new(loader, move |batch| match counter.clone() {
        Some(counter) => tokio::spawn(crate::sql_stats::counting(counter, batch)),
        None => tokio::spawn(batch),
    })
}
