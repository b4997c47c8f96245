//! DataLoaders: every relationship is read through one of these, so a
//! request runs a number of SQL statements that grows with the depth of the
//! query, not with the number of rows it returns.
//!
//! Loaders are made per request ([`Loaders::new`]): their caches never serve
//! one request's rows to another.

mod by_id;
mod entity_record;
mod names;

use async_graphql::dataloader::DataLoader;
use sea_orm::DatabaseConnection;

pub use by_id::{ById, Keyed};
pub use entity_record::{EntityLoader, EntityRecord};
pub use names::{AliasLoader, AliasesOf, EntityAliasLoader, IssueAliasLoader};

/// Every loader of a request, registered in one place.
pub struct Loaders {
    pub entity: DataLoader<EntityLoader>,
    pub entity_aliases: DataLoader<EntityAliasLoader>,
    pub issue_aliases: DataLoader<IssueAliasLoader>,
    pub issue: DataLoader<ById<entity::issue::Entity>>,
    pub source: DataLoader<ById<entity::source::Entity>>,
    pub statement: DataLoader<ById<entity::statement::Entity>>,
    pub role: DataLoader<ById<entity::role::Entity>>,
    pub relation: DataLoader<ById<entity::relation::Entity>>,
    pub financial_measure: DataLoader<ById<entity::financial_measure::Entity>>,
    pub event: DataLoader<ById<entity::event::Entity>>,
}

impl Loaders {
    pub fn new(db: &DatabaseConnection) -> Self {
        fn make<L: Send + Sync + 'static>(loader: L) -> DataLoader<L> {
            DataLoader::new(loader, tokio::spawn)
        }
        Self {
            entity: make(EntityLoader::new(db.clone())),
            entity_aliases: make(EntityAliasLoader::new(db.clone())),
            issue_aliases: make(IssueAliasLoader::new(db.clone())),
            issue: make(ById::new(db.clone())),
            source: make(ById::new(db.clone())),
            statement: make(ById::new(db.clone())),
            role: make(ById::new(db.clone())),
            relation: make(ById::new(db.clone())),
            financial_measure: make(ById::new(db.clone())),
            event: make(ById::new(db.clone())),
        }
    }
}
