//! Indexes that serve the lists' date orders.
//!
//! Lists sort a missing date before every date (as SQLite does natively) and
//! break ties by key. PostgreSQL's default index order puts NULLs last, so an
//! `ORDER BY said_on ASC NULLS FIRST, id` could not walk a plain
//! `(said_on, id)` index and would sort the whole table for every page. On
//! PostgreSQL the date indexes are rebuilt as `(date NULLS FIRST, id)`; on
//! both, the lists that had no date index get one.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

/// Date indexes the earlier migrations made: (index, table, its columns).
const EXISTING: [(&str, &str, &str); 3] = [
    ("idx_statement_said_on", "statement", "\"said_on\", \"id\""),
    ("idx_event_started_on", "event", "\"started_on\", \"id\""),
    ("idx_source_published_on", "source", "\"published_on\""),
];

/// Date indexes this migration adds: (index, table, date column).
const ADDED: [(&str, &str, &str); 2] = [
    (
        "idx_financial_measure_announced_on",
        "financial_measure",
        "announced_on",
    ),
    ("idx_role_since", "role", "since"),
];

/// The date column of each existing index, rebuilt for the list order.
const REBUILT: [(&str, &str, &str); 3] = [
    ("idx_statement_said_on", "statement", "said_on"),
    ("idx_event_started_on", "event", "started_on"),
    ("idx_source_published_on", "source", "published_on"),
];

#[derive(DeriveMigrationName)]
pub struct Migration;

async fn run(manager: &SchemaManager<'_>, sql: String) -> Result<(), DbErr> {
    manager
        .get_connection()
        .execute_unprepared(&sql)
        .await
        .map(|_| ())
}

fn nulls_first(manager: &SchemaManager<'_>) -> &'static str {
    match manager.get_database_backend() {
        DbBackend::Postgres => " NULLS FIRST",
        _ => "",
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let nulls = nulls_first(manager);
        if manager.get_database_backend() == DbBackend::Postgres {
            for (index, table, column) in REBUILT {
                run(manager, format!("DROP INDEX \"{index}\"")).await?;
                run(
                    manager,
                    format!("CREATE INDEX \"{index}\" ON \"{table}\" (\"{column}\"{nulls}, \"id\")"),
                )
                .await?;
            }
        }
        for (index, table, column) in ADDED {
            run(
                manager,
                format!("CREATE INDEX \"{index}\" ON \"{table}\" (\"{column}\"{nulls}, \"id\")"),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (index, _, _) in ADDED {
            run(manager, format!("DROP INDEX \"{index}\"")).await?;
        }
        if manager.get_database_backend() == DbBackend::Postgres {
            for (index, table, columns) in EXISTING {
                run(manager, format!("DROP INDEX \"{index}\"")).await?;
                run(
                    manager,
                    format!("CREATE INDEX \"{index}\" ON \"{table}\" ({columns})"),
                )
                .await?;
            }
        }
        Ok(())
    }
}
