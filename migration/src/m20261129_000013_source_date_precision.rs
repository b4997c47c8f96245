//! A source's publication date known to the day, the month or the year,
//! as every other date is; and room for every language tag of language,
//! script, region and variant (RFC 5646 asks for 35 characters).
//!
//! Dates already stored were whole days. SQLite does not enforce a
//! `VARCHAR` length, so only PostgreSQL's `language` column changes.

use crate::common::run;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            "ALTER TABLE \"source\" ADD COLUMN \"published_on_precision\" VARCHAR(32) NULL \
             CHECK (\"published_on_precision\" IN ('day', 'month', 'year'))",
        )
        .await?;
        run(
            manager,
            "UPDATE \"source\" SET \"published_on_precision\" = 'day' WHERE \"published_on\" IS NOT NULL",
        )
        .await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            run(
                manager,
                "ALTER TABLE \"source\" ALTER COLUMN \"language\" TYPE VARCHAR(35)",
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            run(
                manager,
                "ALTER TABLE \"source\" ALTER COLUMN \"language\" TYPE VARCHAR(16) USING substr(\"language\", 1, 16)",
            )
            .await?;
        }
        run(
            manager,
            "ALTER TABLE \"source\" DROP COLUMN \"published_on_precision\"",
        )
        .await
    }
}
