//! The seed graph: the article the graph starts from, encoded by hand in
//! `data/seed/` and built into the binary.

use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

use crate::import::{self, Counts, ImportError};

/// The seed document, as committed in `data/seed/`.
pub const SEED: &str = include_str!("../../data/seed/ukraine-peace-talks.json");

/// Whether the database holds no source and no entity yet.
pub async fn is_empty(db: &DatabaseConnection) -> Result<bool, sea_orm::DbErr> {
    Ok(entity::source::Entity::find().count(db).await? == 0
        && entity::named_entity::Entity::find().count(db).await? == 0)
}

/// Imports the seed graph.
pub async fn import_seed(db: &DatabaseConnection) -> Result<Counts, ImportError> {
    import::import_bytes(
        db,
        SEED.as_bytes(),
        import::Actor {
            name: "seed",
            operation: "seed",
        },
        None,
    )
    .await
}
