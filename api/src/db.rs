//! Choosing, opening and migrating the database.

use std::path::{Path, PathBuf};
use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectOptions, Database, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, TransactionTrait,
};

use crate::config::DatabaseArgs;
use crate::error::{StartupError, one_line};
use crate::names::{fold_text, quote_key, sort_key};

/// File name of the embedded database inside the data folder.
pub const EMBEDDED_FILE: &str = "newsgraph.db";

/// The database the configuration points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A SQLite file (created if missing).
    Sqlite(PathBuf),
    /// A PostgreSQL server, by URL.
    Postgres(String),
}

impl Target {
    /// Reads `DATABASE_URL` and the data folder.
    pub fn from_args(args: &DatabaseArgs) -> Result<Self, StartupError> {
        let Some(url) = args.database_url.as_deref().filter(|u| !u.trim().is_empty()) else {
            return Ok(Self::Sqlite(args.data_dir.join(EMBEDDED_FILE)));
        };
        let scheme = url.split_once(':').map(|(s, _)| s).unwrap_or(url);
        match scheme {
            "postgres" | "postgresql" => Ok(Self::Postgres(url.to_owned())),
            "sqlite" => {
                let path = url
                    .trim_start_matches("sqlite:")
                    .trim_start_matches("//")
                    .split('?')
                    .next()
                    .unwrap_or_default();
                Ok(Self::Sqlite(PathBuf::from(path)))
            }
            other => Err(StartupError::UnknownScheme {
                scheme: other.to_owned(),
            }),
        }
    }

    /// A description for messages, without any password.
    pub fn describe(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("sqlite://{}", path.display()),
            Self::Postgres(url) => redact(url),
        }
    }
}

/// Removes the password from a URL such as `postgres://user:secret@host/db`.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{}{}@{}", &url[..scheme_end + 3], user, &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

/// How many connections the pool holds, and how long a request waits for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolSize {
    pub max_connections: u32,
    pub acquire_timeout_ms: u64,
}

impl PoolSize {
    /// The pool of commands other than `serve`, and `serve`'s defaults.
    pub const DEFAULT: Self = Self {
        max_connections: crate::config::DEFAULT_DB_MAX_CONNECTIONS,
        acquire_timeout_ms: crate::config::DEFAULT_DB_ACQUIRE_TIMEOUT_MS,
    };
}

impl From<&DatabaseArgs> for PoolSize {
    fn from(args: &DatabaseArgs) -> Self {
        Self {
            max_connections: args.db_max_connections.max(1),
            acquire_timeout_ms: args.db_acquire_timeout_ms,
        }
    }
}

/// Opens the database with the default pool, creating the embedded one's
/// folder and file if needed.
pub async fn connect(target: &Target) -> Result<DatabaseConnection, StartupError> {
    connect_with(target, PoolSize::DEFAULT).await
}

/// Opens the database with a pool of this size.
pub async fn connect_with(target: &Target, pool: PoolSize) -> Result<DatabaseConnection, StartupError> {
    open_pool(target, options(target, pool)?).await
}

/// Opens the database to serve requests: as [`connect`], and the database
/// stops a statement that runs past `timeout` (PostgreSQL's
/// `statement_timeout`), or on SQLite past the end of the request that
/// runs it ([`crate::budget::deadline`]), each with [`crate::budget::SQL_GRACE`]
/// more, so that a request stopped by its time limit does not leave its SQL
/// running.
pub async fn connect_serving(
    target: &Target,
    pool: PoolSize,
    timeout: Duration,
) -> Result<DatabaseConnection, StartupError> {
    let mut options = options(target, pool)?;
    match target {
        Target::Postgres(_) => {
            let ms = (timeout + crate::budget::SQL_GRACE).as_millis().to_string();
            options.map_sqlx_postgres_opts(move |o| o.options([("statement_timeout", ms.as_str()), NO_JIT]));
        }
        Target::Sqlite(_) => {
            options.map_sqlx_sqlite_pool_opts(|pool| {
                pool.after_connect(|conn, _| Box::pin(stop_at_deadline(conn)))
                    .before_acquire(|conn, _| {
                        Box::pin(async move {
                            stop_at_deadline(conn).await?;
                            Ok(true)
                        })
                    })
            });
        }
    }
    open_pool(target, options).await
}

/// How many SQLite virtual machine steps run between two looks at the clock.
const STEPS_PER_CHECK: i32 = 10_000;

/// Makes a SQLite connection interrupt its statements once the request
/// that takes it from the pool is past its deadline; outside a request,
/// statements run to their end. Pool hooks run on the task that asks for
/// the connection, so the request's deadline is at hand.
async fn stop_at_deadline(
    conn: &mut sea_orm::sqlx::sqlite::SqliteConnection,
) -> Result<(), sea_orm::sqlx::Error> {
    let mut handle = conn.lock_handle().await?;
    match crate::budget::deadline() {
        Some(deadline) => {
            handle.set_progress_handler(STEPS_PER_CHECK, move || std::time::Instant::now() < deadline)
        }
        None => handle.remove_progress_handler(),
    }
    Ok(())
}

/// The connection options of a target, before the pool is opened.
/// PostgreSQL's JIT compiler off for our sessions. Our statements are many
/// small index reads; a page of positions is one UNION ALL of hundreds of
/// them, whose summed cost estimate passes PostgreSQL's JIT thresholds once
/// the tables have statistics: compiling it took 33 s where running it
/// takes 0.5 s (200,000 statements after `ANALYZE`).
const NO_JIT: (&str, &str) = ("jit", "off");

fn options(target: &Target, pool: PoolSize) -> Result<ConnectOptions, StartupError> {
    let options = match target {
        Target::Sqlite(path) => {
            prepare_folder(path)?;
            let mut options = ConnectOptions::new(format!("sqlite://{}?mode=rwc", path.display()));
            options.map_sqlx_sqlite_opts(|o| {
                // WAL lets readers run while a writer writes; the busy timeout
                // makes writers wait for each other instead of failing.
                o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                    .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true)
            });
            options
        }
        Target::Postgres(url) => {
            let mut options = ConnectOptions::new(url.clone());
            options.map_sqlx_postgres_opts(|o| o.options([NO_JIT]));
            options
        }
    };
    let mut options = options;
    options
        .connect_timeout(Duration::from_secs(5))
        .max_connections(pool.max_connections)
        .acquire_timeout(Duration::from_millis(pool.acquire_timeout_ms))
        .sqlx_logging(false);
    Ok(options)
}

async fn open_pool(target: &Target, options: ConnectOptions) -> Result<DatabaseConnection, StartupError> {
    Database::connect(options).await.map_err(|err| {
        let target = target.describe();
        match refusal(&err) {
            Some((code, message)) if code == MISSING_DATABASE => StartupError::NoDatabase { target, message },
            Some((_, message)) => StartupError::Connect {
                target,
                reason: message,
            },
            None => StartupError::Connect {
                target,
                reason: one_line(err),
            },
        }
    })
}

/// PostgreSQL's code for a database that does not exist (`invalid_catalog_name`).
const MISSING_DATABASE: &str = "3D000";

/// The code and message of the database server's refusal to connect, if
/// it refused: its own message alone, without where in its source it was
/// raised.
fn refusal(err: &DbErr) -> Option<(String, String)> {
    let DbErr::Conn(sea_orm::RuntimeErr::SqlxError(err)) = err else {
        return None;
    };
    let refused = err.as_database_error()?;
    Some((refused.code()?.into_owned(), one_line(refused.message())))
}

/// Makes sure the embedded database's folder exists and can be written.
fn prepare_folder(db_file: &Path) -> Result<(), StartupError> {
    let folder = match db_file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let fail = |err: std::io::Error| StartupError::DataDir {
        path: folder.clone(),
        reason: one_line(err),
    };
    std::fs::create_dir_all(&folder).map_err(fail)?;
    // SQLite needs to create its -wal and -shm files beside the database:
    // probe with a file of our own rather than fail later on the first write.
    let probe = folder.join(".newsgraph-write-probe");
    std::fs::write(&probe, b"").map_err(fail)?;
    std::fs::remove_file(&probe).map_err(fail)?;
    Ok(())
}

/// Applies every pending migration. Then fills the columns the server
/// derives in Rust where rows lack them (written by an older version or by
/// hand, or added by a migration, which cannot run the server's code): the
/// folded texts that search finds statements, events, financial measures,
/// roles, relations and sources by, the quote keys of statements, that a
/// second report of the same words is matched by, and the sort keys
/// of names, that `orderBy: NAME` sorts by.
pub async fn migrate(db: &DatabaseConnection, target: &Target) -> Result<(), StartupError> {
    let fail = |err: DbErr| StartupError::Migrate {
        target: target.describe(),
        reason: one_line(err),
    };
    Migrator::up(db, None).await.map_err(fail)?;
    use entity::{event, financial_measure, issue, named_entity, relation, role, source, statement};
    // Each derived column beside the text it comes from, one table after
    // another: the texts search finds, a statement's quote key.
    macro_rules! fill_missing {
        ($($table:ident: $from:ident => $to:ident by $derive:ident),+) => {
            async {
                let mut filled = 0;
                $(filled += fill_derived::<$table::Entity>(
                    db,
                    [$table::Column::Id, $table::Column::$from, $table::Column::$to],
                    $table::Column::$to.is_null(),
                    $derive,
                )
                .await?;)+
                Ok::<u64, DbErr>(filled)
            }
        };
    }
    let folded = fill_missing!(
        statement: Text => FoldedText by fold_text,
        statement: Text => TextKey by quote_key,
        event: Label => FoldedLabel by fold_text,
        financial_measure: Label => FoldedLabel by fold_text,
        role: Title => FoldedTitle by fold_text,
        relation: Kind => FoldedKind by fold_text,
        source: Title => FoldedTitle by fold_text,
        source: Text => FoldedText by fold_text
    );
    let entities = fill_derived::<named_entity::Entity>(
        db,
        [
            named_entity::Column::Id,
            named_entity::Column::Name,
            named_entity::Column::SortName,
        ],
        named_entity::Column::SortName.eq(""),
        sort_key,
    );
    let issues = fill_derived::<issue::Entity>(
        db,
        [issue::Column::Id, issue::Column::Name, issue::Column::SortName],
        issue::Column::SortName.eq(""),
        sort_key,
    );
    let folded = folded.await.map_err(fail)?;
    let sorted = entities.await.map_err(fail)? + issues.await.map_err(fail)?;
    if folded + sorted > 0 {
        tracing::info!(folded, sorted, "filled folded texts and name sort keys");
    }
    Ok(())
}

/// Sets column `to` of the rows where `missing` holds to `derive` of their
/// column `from`, 500 rows a transaction, in key order; `columns` are the
/// key, `from` and `to`. Returns how many rows it filled.
async fn fill_derived<E: EntityTrait>(
    db: &DatabaseConnection,
    [id, from, to]: [E::Column; 3],
    missing: Expr,
    derive: fn(&str) -> String,
) -> Result<u64, DbErr> {
    const BATCH: u64 = 500;
    let mut filled = 0;
    let mut last = i64::MIN;
    loop {
        let rows: Vec<(i64, String)> = E::find()
            .select_only()
            .columns([id, from])
            .filter(missing.clone())
            .filter(id.gt(last))
            .order_by_asc(id)
            .limit(BATCH)
            .into_tuple()
            .all(db)
            .await?;
        let Some((end, _)) = rows.last() else { break };
        last = *end;
        let txn = db.begin().await?;
        for (key, text) in &rows {
            E::update_many()
                .col_expr(to, Expr::value(derive(text)))
                .filter(id.eq(*key))
                .exec(&txn)
                .await?;
        }
        txn.commit().await?;
        filled += rows.len() as u64;
    }
    Ok(filled)
}

/// The key of the PostgreSQL advisory lock that writers take in turn.
const WRITE_LOCK: i64 = 0x6e65_7773_6772_6170; // "newsgrap"

/// Begins a transaction that will write, once every other writer is done:
/// on SQLite it takes the write lock at once; on PostgreSQL it takes an
/// advisory lock that every server process on the database shares. Entity
/// resolution reads before it writes, so two writers of the same person (by
/// QID or by name), here or on another replica, must not interleave: the
/// second finds what the first wrote, and no duplicate is made.
pub async fn begin_write(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    use sea_orm::{ConnectionTrait, DbBackend, SqliteTransactionMode, TransactionOptions, TransactionTrait};
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    if txn.get_database_backend() == DbBackend::Postgres {
        // Released by the commit or the rollback.
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({WRITE_LOCK})"))
            .await?;
    }
    Ok(txn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(url: Option<&str>) -> DatabaseArgs {
        DatabaseArgs {
            database_url: url.map(str::to_owned),
            data_dir: PathBuf::from("/data"),
            db_max_connections: 10,
            db_acquire_timeout_ms: 5_000,
        }
    }

    #[test]
    fn unset_url_means_the_embedded_file_in_the_data_folder() {
        assert_eq!(
            Target::from_args(&args(None)).unwrap(),
            Target::Sqlite(PathBuf::from("/data/newsgraph.db"))
        );
    }

    #[test]
    fn sqlite_urls_name_a_file() {
        assert_eq!(
            Target::from_args(&args(Some("sqlite:///tmp/x.db?mode=rwc"))).unwrap(),
            Target::Sqlite(PathBuf::from("/tmp/x.db"))
        );
        assert_eq!(
            Target::from_args(&args(Some("sqlite://graph.db"))).unwrap(),
            Target::Sqlite(PathBuf::from("graph.db"))
        );
    }

    #[test]
    fn passwords_never_reach_messages() {
        let target = Target::from_args(&args(Some("postgres://me:secret@db:5432/news"))).unwrap();
        assert_eq!(target.describe(), "postgres://me@db:5432/news");
    }

    #[tokio::test]
    async fn a_sqlite_statement_stops_at_its_requests_deadline_and_runs_on_outside_one() {
        use sea_orm::ConnectionTrait;
        let dir = tempfile::tempdir().expect("a temporary folder");
        let target = Target::Sqlite(dir.path().join("x.db"));
        let db = connect_serving(&target, PoolSize::DEFAULT, Duration::from_secs(30))
            .await
            .expect("opened");
        // Counts to a billion: far longer than the request may run.
        let endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) \
                       SELECT COUNT(*) FROM n";
        let budget =
            crate::budget::Budget::new(u64::MAX, std::time::Instant::now() + Duration::from_millis(200));
        let stopped = crate::budget::within(budget, db.execute_unprepared(endless)).await;
        let error = crate::error::AppError::from(stopped.expect_err("interrupted"));
        assert_eq!(error.code(), "TIMEOUT");
        // The same connection, outside a request, runs a statement to its end.
        let short = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) \
                     SELECT COUNT(*) FROM n";
        db.execute_unprepared(short).await.expect("not interrupted");
    }

    #[test]
    fn unknown_schemes_are_refused() {
        let err = Target::from_args(&args(Some("mysql://localhost/news"))).unwrap_err();
        assert!(err.to_string().contains("\"mysql\""), "{err}");
    }
}
