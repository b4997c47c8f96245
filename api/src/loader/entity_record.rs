//! Loads entities (people, organisations, places) with their kind's details.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use entity::kinds::EntityKind;
use entity::{named_entity, organisation, place};
use sea_orm::DatabaseConnection;

use super::by_id::load_by_ids;
use crate::error::AppError;

/// An entity row with the row of its kind's table.
#[derive(Debug, Clone)]
pub enum EntityRecord {
    Person(named_entity::Model),
    Organisation(named_entity::Model, organisation::Model),
    Place(named_entity::Model, place::Model),
}

impl EntityRecord {
    /// The shared part every entity has.
    pub fn common(&self) -> &named_entity::Model {
        match self {
            Self::Person(e) | Self::Organisation(e, _) | Self::Place(e, _) => e,
        }
    }
}

/// Loads entities by id: one query for the `entity` rows, then one for each
/// kind's table that the batch needs.
pub struct EntityLoader {
    db: DatabaseConnection,
}

impl EntityLoader {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

impl Loader<i64> for EntityLoader {
    type Value = EntityRecord;
    type Error = AppError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, EntityRecord>, AppError> {
        let common = load_by_ids::<named_entity::Entity>(&self.db, keys).await?;
        let ids_of = |kind: EntityKind| -> Vec<i64> {
            common.values().filter(|e| e.kind == kind).map(|e| e.id).collect()
        };
        let (org_ids, place_ids) = (ids_of(EntityKind::Organisation), ids_of(EntityKind::Place));
        let mut orgs = if org_ids.is_empty() {
            HashMap::new()
        } else {
            load_by_ids::<organisation::Entity>(&self.db, &org_ids).await?
        };
        let mut places = if place_ids.is_empty() {
            HashMap::new()
        } else {
            load_by_ids::<place::Entity>(&self.db, &place_ids).await?
        };
        let mut out = HashMap::with_capacity(common.len());
        for (id, e) in common {
            let record = match e.kind {
                EntityKind::Person => Some(EntityRecord::Person(e)),
                EntityKind::Organisation => orgs.remove(&id).map(|o| EntityRecord::Organisation(e, o)),
                EntityKind::Place => places.remove(&id).map(|p| EntityRecord::Place(e, p)),
            };
            // The composite foreign keys make a missing kind row impossible;
            // should one be missing anyway, the entity reads as absent.
            if let Some(record) = record {
                out.insert(id, record);
            }
        }
        Ok(out)
    }
}
