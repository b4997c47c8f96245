//! Migrations apply, revert completely and apply again.

use migration::MigratorTrait;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::harness::{Backend, TestDb};
use crate::server::{newsgraph, run};

/// Every table of the model, besides sea-orm's own bookkeeping.
const TABLES: [&str; 22] = [
    "entity",
    "entity_alias",
    "entity_redirect",
    "event",
    "event_participant",
    "event_place",
    "event_quantity",
    "fact_evidence",
    "financial_measure",
    "financial_measure_issue",
    "issue",
    "issue_alias",
    "organisation",
    "person",
    "place",
    "relation",
    "role",
    "source",
    "statement",
    "statement_issue",
    "statement_mention",
    "write_log",
];

/// Tables with a full-text index: on SQLite each has an FTS5 table, which
/// keeps its index in tables of its own.
/// The FTS5 tables of SQLite, each `NAME_fts`.
const SEARCHED: [&str; 11] = [
    "entity",
    "entity_alias",
    "issue",
    "issue_alias",
    "statement",
    "event",
    "financial_measure",
    "role",
    "relation",
    "source_title",
    "source_text",
];

/// The tables a migrated database has, in name order.
fn expected_tables(db: &TestDb) -> Vec<String> {
    let mut tables: Vec<String> = TABLES.iter().map(|t| (*t).to_owned()).collect();
    if db.backend == Backend::Sqlite {
        for table in SEARCHED {
            for suffix in ["fts", "fts_config", "fts_data", "fts_idx"] {
                tables.push(format!("{table}_{suffix}"));
            }
        }
    }
    tables.sort();
    tables
}

async fn tables(db: &TestDb, conn: &DatabaseConnection) -> Vec<String> {
    let sql = match db.backend {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"
        }
    };
    let rows = conn
        .query_all_raw(Statement::from_string(conn.get_database_backend(), sql))
        .await
        .expect("list of tables");
    rows.iter()
        .map(|r| r.try_get_by_index::<String>(0).expect("a table name"))
        .filter(|t| t != "seaql_migrations")
        .collect()
}

/// Runs `newsgraph migrate ARGS`, which must succeed; returns its stdout.
async fn migrate(db: &TestDb, args: &[&str]) -> String {
    let mut cmd = newsgraph();
    cmd.envs(db.env()).arg("migrate").args(args);
    let out = run(cmd).await;
    assert!(out.success, "newsgraph migrate {args:?} failed: {}", out.stderr);
    out.stdout
}

pub async fn migrations_go_up_down_and_up_again(db: TestDb) {
    migrate(&db, &[]).await;
    let conn = db.connect().await;
    assert_eq!(tables(&db, &conn).await, expected_tables(&db));

    migrate(&db, &["down", "--all"]).await;
    assert_eq!(tables(&db, &conn).await, Vec::<String>::new());

    migrate(&db, &["up"]).await;
    assert_eq!(tables(&db, &conn).await, expected_tables(&db));

    let mut cmd = newsgraph();
    cmd.envs(db.env()).args(["migrate", "status"]);
    let status = run(cmd).await;
    assert_eq!(status.stdout.lines().count(), 19, "{}", status.stdout);
    assert!(
        status.stdout.lines().all(|l| l.ends_with("Applied")),
        "{}",
        status.stdout
    );
    let _ = conn.close().await;
}

pub async fn migrate_says_in_one_line_what_it_did(db: TestDb) {
    let target = match db.backend {
        Backend::Sqlite => format!("sqlite://{}", db.dir.join("newsgraph.db").display()),
        Backend::Postgres => db.url(),
    };
    // Every migration the binary knows.
    let n = migration::Migrator::migrations().len();
    assert_eq!(
        migrate(&db, &[]).await,
        format!("applied {n} migrations to {target}; {n} of {n} applied\n")
    );
    assert_eq!(
        migrate(&db, &["up"]).await,
        format!("nothing to do for {target}; {n} of {n} applied\n")
    );
    assert_eq!(
        migrate(&db, &["down"]).await,
        format!("reverted 1 migration of {target}; {} of {n} applied\n", n - 1)
    );
    assert_eq!(
        migrate(&db, &["down", "--steps", "2"]).await,
        format!("reverted 2 migrations of {target}; {} of {n} applied\n", n - 3)
    );
    assert_eq!(
        migrate(&db, &["up"]).await,
        format!("applied 3 migrations to {target}; {n} of {n} applied\n")
    );
}
