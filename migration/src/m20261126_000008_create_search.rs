//! Full-text search over names, aliases and statement text.
//!
//! Every searched field is an ASCII text of folded words separated by single
//! spaces: names and aliases have one already (`normalized_name`); statements
//! get `folded_text`, which the writer of a statement fills (the API folds
//! text exactly as it folds names) and the API fills at start where missing.
//! Folded words tokenise the same way on both databases, which is what makes
//! SQLite and PostgreSQL find the same hits.
//!
//! - SQLite: one FTS5 table per searched table, over its folded column, with
//!   the table itself as external content (the index stores no second copy of
//!   the text), kept in sync by triggers on insert, update and delete.
//!   `detail=none`: queries are single words and prefixes, never phrases.
//! - PostgreSQL: a GIN index on `to_tsvector('simple', column)` of each; the
//!   `simple` configuration lower-cases and splits, with no stemming or stop
//!   words, as FTS5's `unicode61` does.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

/// The searched tables and their folded column.
const SEARCHED: &[(&str, &str)] = &[
    ("entity", "normalized_name"),
    ("entity_alias", "normalized_name"),
    ("issue", "normalized_name"),
    ("issue_alias", "normalized_name"),
    ("statement", "folded_text"),
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
        db.execute_unprepared("ALTER TABLE statement ADD COLUMN folded_text TEXT NULL")
            .await?;
        // Where the API finds statements still to fold, without a scan.
        db.execute_unprepared(
            "CREATE INDEX idx_statement_unfolded ON statement (id) WHERE folded_text IS NULL",
        )
        .await?;
        for (table, column) in SEARCHED {
            let sql = match manager.get_database_backend() {
                DbBackend::Sqlite => fts5_up(table, column),
                _ => format!(
                    "CREATE INDEX idx_{table}_search ON {table} USING gin (to_tsvector('simple', {column}))"
                ),
            };
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for (table, _) in SEARCHED.iter().rev() {
            let sql = match manager.get_database_backend() {
                DbBackend::Sqlite => fts5_down(table),
                _ => format!("DROP INDEX idx_{table}_search"),
            };
            db.execute_unprepared(&sql).await?;
        }
        db.execute_unprepared("DROP INDEX idx_statement_unfolded").await?;
        db.execute_unprepared("ALTER TABLE statement DROP COLUMN folded_text")
            .await?;
        Ok(())
    }
}

/// The FTS5 table over `table.column`, its triggers, and the rows already
/// there indexed. With external content, a delete must hand FTS5 the values
/// it indexed: the triggers pass the old row's.
fn fts5_up(table: &str, column: &str) -> String {
    fts5_index(&format!("{table}_fts"), table, column)
}

/// The FTS5 table `fts` over `table.column`, as [`fts5_up`] makes it.
pub(crate) fn fts5_index(fts: &str, table: &str, column: &str) -> String {
    format!(
        "CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', content_rowid='id', \
             detail=none, columnsize=0, tokenize='unicode61 remove_diacritics 2');
         CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN
             INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column});
         END;
         CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN
             INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column});
         END;
         CREATE TRIGGER {fts}_update AFTER UPDATE OF {column} ON {table} BEGIN
             INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column});
             INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column});
         END;
         INSERT INTO {fts}({fts}) VALUES ('rebuild');"
    )
}

fn fts5_down(table: &str) -> String {
    fts5_drop(&format!("{table}_fts"))
}

/// Drops the FTS5 table `fts` and its triggers.
pub(crate) fn fts5_drop(fts: &str) -> String {
    format!(
        "DROP TRIGGER {fts}_update;
         DROP TRIGGER {fts}_delete;
         DROP TRIGGER {fts}_insert;
         DROP TABLE {fts};"
    )
}
