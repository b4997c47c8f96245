//! A period may end in the month (or year) it started on a day: an event
//! of 2025-12-03 that ended "2025-12" is stored with `ended_on` 2025-12-01,
//! the first day of its month, which the old `started_on <= ended_on` check
//! refused. The rule compares by precision now, and lives in the write
//! core (`PartialDate::surely_before`); the database keeps no copy of it.
//!
//! SQLite cannot drop a table's CHECK constraint; its documentation gives
//! `writable_schema` for removing one, which changes no stored row
//! (<https://www.sqlite.org/lang_altertable.html#otheralter>).

use crate::common::run;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The table, and the two columns its old check compared.
const PERIODS: [(&str, &str, &str); 2] = [("role", "since", "until"), ("event", "started_on", "ended_on")];

fn sqlite_check(start: &str, end: &str) -> String {
    format!(", CHECK (\"{start}\" IS NULL OR \"{end}\" IS NULL OR \"{start}\" <= \"{end}\")")
}

/// Rewrites the stored `CREATE TABLE` of each table, replacing `from` by `to`.
async fn rewrite_sqlite(manager: &SchemaManager<'_>, edits: &[(&str, String, String)]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let row = db
        .query_one_raw(Statement::from_string(DbBackend::Sqlite, "PRAGMA schema_version"))
        .await?
        .ok_or_else(|| DbErr::Custom("no schema version".to_owned()))?;
    let version: i64 = row.try_get_by_index(0)?;
    run(manager, "PRAGMA writable_schema = ON").await?;
    for (table, from, to) in edits {
        let sql = format!(
            "UPDATE sqlite_master SET sql = replace(sql, '{}', '{}') WHERE type = 'table' AND name = '{table}'",
            from.replace('\'', "''"),
            to.replace('\'', "''")
        );
        run(manager, &sql).await?;
    }
    run(manager, &format!("PRAGMA schema_version = {}", version + 1)).await?;
    run(manager, "PRAGMA writable_schema = OFF").await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One connection for the whole of it: `writable_schema` holds for the
    /// connection that sets it.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            for (table, start, end) in PERIODS {
                run(
                    manager,
                    &format!(
                        "DO $$ DECLARE c text; BEGIN \
                         SELECT conname INTO c FROM pg_constraint \
                         WHERE conrelid = '{table}'::regclass AND contype = 'c' \
                         AND pg_get_constraintdef(oid) LIKE '%{start} <= {end}%'; \
                         EXECUTE format('ALTER TABLE {table} DROP CONSTRAINT %I', c); END $$"
                    ),
                )
                .await?;
            }
            return Ok(());
        }
        let edits: Vec<_> = PERIODS
            .iter()
            .map(|(table, start, end)| (*table, sqlite_check(start, end), String::new()))
            .collect();
        rewrite_sqlite(manager, &edits).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            for (table, start, end) in PERIODS {
                run(
                    manager,
                    &format!(
                        "ALTER TABLE \"{table}\" ADD CHECK (\"{start}\" IS NULL OR \"{end}\" IS NULL OR \"{start}\" <= \"{end}\")"
                    ),
                )
                .await?;
            }
            return Ok(());
        }
        // Back where it stood: before the check of the span.
        let span = ", CHECK (\"span_end\" > \"span_start\")";
        let edits: Vec<_> = PERIODS
            .iter()
            .map(|(table, start, end)| {
                (
                    *table,
                    span.to_owned(),
                    format!("{}{span}", sqlite_check(start, end)),
                )
            })
            .collect();
        rewrite_sqlite(manager, &edits).await
    }
}
