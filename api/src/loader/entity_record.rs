//! Loads entities (people, organisations, places) with their kind's details.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use entity::kinds::EntityKind;
use entity::{named_entity, organisation, place};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult, Iterable, QueryFilter,
    QueryTrait,
};

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

/// Loads entities by id: one query that joins each `entity` row with its
/// kind's row (`LEFT JOIN organisation`, `LEFT JOIN place`).
pub struct EntityLoader {
    db: DatabaseConnection,
}

impl EntityLoader {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

const ORG: &str = "org_";
const PLACE: &str = "place_";

/// Selects every column of `E`'s table with a prefix, as `prefix` + name.
fn prefixed<E: EntityTrait>(query: &mut SelectStatement, prefix: &str) {
    for column in E::Column::iter() {
        let name = sea_orm::Iden::to_string(&column);
        query.expr_as(
            Expr::col((E::default(), column)),
            Alias::new(format!("{prefix}{name}")),
        );
    }
}

impl Loader<i64> for EntityLoader {
    type Value = EntityRecord;
    type Error = AppError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, EntityRecord>, AppError> {
        let mut query = named_entity::Entity::find()
            .filter(named_entity::Column::Id.is_in(keys.iter().copied()))
            .into_query();
        query
            .join(
                JoinType::LeftJoin,
                organisation::Entity,
                Expr::col((organisation::Entity, organisation::Column::Id))
                    .equals((named_entity::Entity, named_entity::Column::Id)),
            )
            .join(
                JoinType::LeftJoin,
                place::Entity,
                Expr::col((place::Entity, place::Column::Id))
                    .equals((named_entity::Entity, named_entity::Column::Id)),
            );
        prefixed::<organisation::Entity>(&mut query, ORG);
        prefixed::<place::Entity>(&mut query, PLACE);
        crate::budget::check()?;
        let rows = self.db.query_all(&query).await?;
        crate::budget::charge(rows.len())?;
        let mut out = HashMap::with_capacity(rows.len());
        for row in rows {
            let e = named_entity::Model::from_query_result(&row, "")?;
            // The composite foreign keys make a missing kind row impossible;
            // should one be missing anyway, the entity reads as absent.
            let record = match e.kind {
                EntityKind::Person => Some(EntityRecord::Person(e)),
                EntityKind::Organisation => organisation::Model::from_query_result(&row, ORG)
                    .ok()
                    .map(|o| EntityRecord::Organisation(e, o)),
                EntityKind::Place => place::Model::from_query_result(&row, PLACE)
                    .ok()
                    .map(|p| EntityRecord::Place(e, p)),
            };
            if let Some(record) = record {
                out.insert(record.common().id, record);
            }
        }
        Ok(out)
    }
}
