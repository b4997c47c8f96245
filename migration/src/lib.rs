//! The newsgraph schema as sea-orm migrations.
//!
//! Migrations are history: they describe the schema as it was when each was
//! written, so they do not depend on the `entity` crate, whose code follows
//! the schema of today. Enumerated values are repeated here on purpose.

pub use sea_orm_migration::prelude::*;

mod common;
mod m20261126_000001_create_sources;
mod m20261126_000002_create_entities;
mod m20261126_000003_create_issues;
mod m20261126_000004_create_roles_and_relations;
mod m20261126_000005_create_statements;
mod m20261126_000006_create_financial_measures;
mod m20261126_000007_create_events;
mod m20261126_000008_create_search;
mod m20261126_000009_order_indexes;
mod m20261126_000010_create_write_log;
mod m20261126_000011_create_entity_redirect;
mod m20261126_000012_speaker_order_index;
mod m20261129_000013_source_date_precision;
mod m20261129_000014_periods_by_precision;
mod m20261207_000015_name_sort_keys;
mod m20261207_000016_cover_issue_links;
mod m20261207_000017_many_reports;
mod m20261207_000018_stemmed_text;
mod m20261207_000019_search_facts;

/// Applies and reverts the migrations in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_create_sources::Migration),
            Box::new(m20261126_000002_create_entities::Migration),
            Box::new(m20261126_000003_create_issues::Migration),
            Box::new(m20261126_000004_create_roles_and_relations::Migration),
            Box::new(m20261126_000005_create_statements::Migration),
            Box::new(m20261126_000006_create_financial_measures::Migration),
            Box::new(m20261126_000007_create_events::Migration),
            Box::new(m20261126_000008_create_search::Migration),
            Box::new(m20261126_000009_order_indexes::Migration),
            Box::new(m20261126_000010_create_write_log::Migration),
            Box::new(m20261126_000011_create_entity_redirect::Migration),
            Box::new(m20261126_000012_speaker_order_index::Migration),
            Box::new(m20261129_000013_source_date_precision::Migration),
            Box::new(m20261129_000014_periods_by_precision::Migration),
            Box::new(m20261207_000015_name_sort_keys::Migration),
            Box::new(m20261207_000016_cover_issue_links::Migration),
            Box::new(m20261207_000017_many_reports::Migration),
            Box::new(m20261207_000018_stemmed_text::Migration),
            Box::new(m20261207_000019_search_facts::Migration),
        ]
    }
}
