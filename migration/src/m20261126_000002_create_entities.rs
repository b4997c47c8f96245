//! Entities: people, organisations and places, their aliases.
//!
//! `entity` holds what every entity has (name, description, Wikidata QID);
//! `person`, `organisation` and `place` hold one row per entity of their kind.
//! Each subtype row repeats its kind in `entity_kind` so that a composite
//! foreign key to `entity (id, kind)` makes a mismatched kind impossible.

use crate::cols;
use crate::common::{audit_columns, create, drop, fk, id, index, optional_reference, required_text};
use sea_orm_migration::prelude::*;

pub const ENTITY_KINDS: &[&str] = &["person", "organisation", "place"];
pub const ORGANISATION_KINDS: &[&str] = &[
    "government",
    "government_body",
    "legislature",
    "military",
    "intelligence_agency",
    "international_organisation",
    "military_alliance",
    "political_party",
    "company",
    "news_outlet",
    "ngo",
    "other",
];
pub const PLACE_KINDS: &[&str] = &[
    "continent",
    "country",
    "region",
    "city",
    "district",
    "site",
    "other",
];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_entity(manager).await?;
        create_subtype(manager, Person::Table, "person", |_| {}).await?;
        // Places first: organisations refer to their country.
        create_subtype(manager, Place::Table, "place", |t| {
            t.col(
                ColumnDef::new(Place::Kind)
                    .string_len(32)
                    .not_null()
                    .default("other")
                    .check(Expr::col(Place::Kind).is_in(PLACE_KINDS.iter().copied())),
            )
            .col(optional_reference(Place::ParentId))
            .col(
                ColumnDef::new(Place::Latitude)
                    .double()
                    .null()
                    .check(Expr::col(Place::Latitude).between(-90.0, 90.0)),
            )
            .col(
                ColumnDef::new(Place::Longitude)
                    .double()
                    .null()
                    .check(Expr::col(Place::Longitude).between(-180.0, 180.0)),
            )
            .check(Expr::col(Place::ParentId).ne(Expr::col(Place::Id)))
            .check(
                Expr::col(Place::Latitude)
                    .is_null()
                    .eq(Expr::col(Place::Longitude).is_null()),
            )
            .foreign_key(&mut fk(
                "fk_place_parent",
                Place::ParentId,
                Place::Table,
                ForeignKeyAction::Restrict,
            ));
        })
        .await?;
        create_subtype(manager, Organisation::Table, "organisation", |t| {
            t.col(
                ColumnDef::new(Organisation::Kind)
                    .string_len(32)
                    .not_null()
                    .default("other")
                    .check(Expr::col(Organisation::Kind).is_in(ORGANISATION_KINDS.iter().copied())),
            )
            .col(optional_reference(Organisation::CountryId))
            .foreign_key(&mut fk(
                "fk_organisation_country",
                Organisation::CountryId,
                Place::Table,
                ForeignKeyAction::SetNull,
            ));
        })
        .await?;
        manager
            .create_index(index(
                Organisation::Table,
                "idx_organisation_kind",
                cols![Organisation::Kind],
            ))
            .await?;
        manager
            .create_index(index(
                Organisation::Table,
                "idx_organisation_country_id",
                cols![Organisation::CountryId],
            ))
            .await?;
        manager
            .create_index(index(Place::Table, "idx_place_kind", cols![Place::Kind]))
            .await?;
        manager
            .create_index(index(Place::Table, "idx_place_parent_id", cols![Place::ParentId]))
            .await?;
        create_aliases(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop(
            manager,
            cols![
                EntityAlias::Table,
                Organisation::Table,
                Place::Table,
                Person::Table,
                Entity::Table
            ],
        )
        .await
    }
}

async fn create_entity(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let mut table = Table::create();
    table
        .table(Entity::Table)
        .col(id(Entity::Id))
        .col(
            ColumnDef::new(Entity::Kind)
                .string_len(16)
                .not_null()
                .check(Expr::col(Entity::Kind).is_in(ENTITY_KINDS.iter().copied())),
        )
        .col(required_text(Entity::Table, Entity::Name))
        .col(required_text(Entity::Table, Entity::NormalizedName))
        .col(ColumnDef::new(Entity::Description).text().null())
        .col(
            ColumnDef::new(Entity::WikidataId)
                .string_len(16)
                .null()
                .unique_key()
                .check(Expr::col(Entity::WikidataId).like("Q_%")),
        );
    audit_columns(&mut table);
    create(
        manager,
        table,
        vec![
            index(
                Entity::Table,
                "idx_entity_id_kind",
                cols![Entity::Id, Entity::Kind],
            )
            .unique()
            .take(),
            index(
                Entity::Table,
                "idx_entity_kind_name",
                cols![Entity::Kind, Entity::NormalizedName],
            ),
            index(
                Entity::Table,
                "idx_entity_normalized_name",
                cols![Entity::NormalizedName],
            ),
        ],
    )
    .await
}

/// Creates a subtype table keyed by its entity's id, tied to the entity's kind.
async fn create_subtype(
    manager: &SchemaManager<'_>,
    table_name: impl IntoIden + Copy + 'static,
    kind: &str,
    extra: impl FnOnce(&mut TableCreateStatement),
) -> Result<(), DbErr> {
    let id_col = Alias::new("id");
    let kind_col = Alias::new("entity_kind");
    let mut table = Table::create();
    table
        .table(table_name)
        .col(
            ColumnDef::new(id_col.clone())
                .big_integer()
                .not_null()
                .primary_key(),
        )
        .col(
            ColumnDef::new(kind_col.clone())
                .string_len(16)
                .not_null()
                .default(kind)
                .check(Expr::col(kind_col.clone()).eq(kind)),
        )
        .foreign_key(
            ForeignKey::create()
                .name(format!("fk_{kind}_entity"))
                .from(table_name, (id_col, kind_col))
                .to(Entity::Table, (Entity::Id, Entity::Kind))
                .on_delete(ForeignKeyAction::Cascade),
        );
    extra(&mut table);
    manager.create_table(table).await
}

async fn create_aliases(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let mut table = Table::create();
    table
        .table(EntityAlias::Table)
        .col(id(EntityAlias::Id))
        .col(ColumnDef::new(EntityAlias::EntityId).big_integer().not_null())
        .col(required_text(EntityAlias::Table, EntityAlias::Name))
        .col(required_text(EntityAlias::Table, EntityAlias::NormalizedName))
        .foreign_key(&mut fk(
            "fk_entity_alias_entity",
            EntityAlias::EntityId,
            Entity::Table,
            ForeignKeyAction::Cascade,
        ));
    create(
        manager,
        table,
        vec![
            index(
                EntityAlias::Table,
                "idx_entity_alias_entity_name",
                cols![EntityAlias::EntityId, EntityAlias::Name],
            )
            .unique()
            .take(),
            index(
                EntityAlias::Table,
                "idx_entity_alias_normalized_name",
                cols![EntityAlias::NormalizedName],
            ),
        ],
    )
    .await
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Entity {
    Table,
    Id,
    Kind,
    Name,
    NormalizedName,
    Description,
    WikidataId,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Person {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Organisation {
    Table,
    Kind,
    CountryId,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Place {
    Table,
    Id,
    Kind,
    ParentId,
    Latitude,
    Longitude,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum EntityAlias {
    Table,
    Id,
    EntityId,
    Name,
    NormalizedName,
}
