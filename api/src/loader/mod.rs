//! DataLoaders: every relationship is read through one of these, so a
//! request runs a number of SQL statements that grows with the depth of the
//! query, not with the number of rows it returns.
//!
//! Loaders are made per request ([`Loaders::new`]): their caches never serve
//! one request's rows to another.

mod by_id;
mod children;
mod entity_record;

use async_graphql::dataloader::DataLoader;
use entity::{
    entity_alias, event, event_participant, event_place, event_quantity, financial_measure,
    financial_measure_issue, issue, issue_alias, relation, role, source, statement, statement_issue,
    statement_mention,
};
use sea_orm::DatabaseConnection;

pub use by_id::{ById, Keyed};
pub use children::{ChildTable, ChildrenLoader};
pub use entity_record::{EntityLoader, EntityRecord};

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
}

impl Loaders {
    pub fn new(db: &DatabaseConnection) -> Self {
        fn make<L: Send + Sync + 'static>(loader: L) -> DataLoader<L> {
            DataLoader::new(loader, tokio::spawn)
        }
        Self {
            entity: make(EntityLoader::new(db.clone())),
            issue: make(ById::new(db.clone())),
            source: make(ById::new(db.clone())),
            statement: make(ById::new(db.clone())),
            role: make(ById::new(db.clone())),
            relation: make(ById::new(db.clone())),
            financial_measure: make(ById::new(db.clone())),
            event: make(ById::new(db.clone())),
            entity_aliases: make(ChildrenLoader::new(db.clone())),
            issue_aliases: make(ChildrenLoader::new(db.clone())),
            statement_issues: make(ChildrenLoader::new(db.clone())),
            statement_mentions: make(ChildrenLoader::new(db.clone())),
            financial_measure_issues: make(ChildrenLoader::new(db.clone())),
            event_places: make(ChildrenLoader::new(db.clone())),
            event_participants: make(ChildrenLoader::new(db.clone())),
            event_quantities: make(ChildrenLoader::new(db.clone())),
        }
    }
}
