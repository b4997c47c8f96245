//! Search reaches facts and articles: the label of events and financial
//! measures, the title of roles, the kind of relations, and the title and
//! text of sources. Each gets a folded column beside it, as statements
//! have (`folded_text`): stemmed words that the API writes with the row
//! and fills at start where missing (a migration cannot fold), indexed as
//! the other searched columns are (see `m20261126_000008_create_search`):
//! an FTS5 table per column on SQLite, a GIN index on PostgreSQL.
//!
//! Amounts are matched as digits: an index on `financial_measure.amount`
//! finds "184 billion" without a scan.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

use crate::m20261126_000008_create_search::{fts5_drop, fts5_index};

/// The searched tables, their new folded column, and the index's name.
const SEARCHED: &[(&str, &str, &str)] = &[
    ("event", "folded_label", "event_fts"),
    ("financial_measure", "folded_label", "financial_measure_fts"),
    ("role", "folded_title", "role_fts"),
    ("relation", "folded_kind", "relation_fts"),
    ("source", "folded_title", "source_title_fts"),
    ("source", "folded_text", "source_text_fts"),
];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for (table, column, index) in SEARCHED {
            db.execute_unprepared(&format!("ALTER TABLE {table} ADD COLUMN {column} TEXT NULL"))
                .await?;
            // Where the API finds rows still to fold, without a scan.
            db.execute_unprepared(&format!(
                "CREATE INDEX idx_{index}_unfolded ON {table} (id) WHERE {column} IS NULL"
            ))
            .await?;
            let sql = match manager.get_database_backend() {
                DbBackend::Sqlite => fts5_index(index, table, column),
                _ => {
                    format!("CREATE INDEX idx_{index} ON {table} USING gin (to_tsvector('simple', {column}))")
                }
            };
            db.execute_unprepared(&sql).await?;
        }
        db.execute_unprepared("CREATE INDEX idx_financial_measure_amount ON financial_measure (amount)")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX idx_financial_measure_amount")
            .await?;
        for (table, column, index) in SEARCHED.iter().rev() {
            let sql = match manager.get_database_backend() {
                DbBackend::Sqlite => fts5_drop(index),
                _ => format!("DROP INDEX idx_{index}"),
            };
            db.execute_unprepared(&sql).await?;
            db.execute_unprepared(&format!("DROP INDEX idx_{index}_unfolded"))
                .await?;
            db.execute_unprepared(&format!("ALTER TABLE {table} DROP COLUMN {column}"))
                .await?;
        }
        Ok(())
    }
}
