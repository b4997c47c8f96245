//! The test harness: each case runs against a fresh database, once on
//! SQLite and once on PostgreSQL, through a real `newsgraph` process.
//!
//! PostgreSQL cases need `NEWSGRAPH_TEST_POSTGRES_URL`, a URL of a server
//! where the user may create databases (for example
//! `postgres://postgres@127.0.0.1:5432/postgres`). Each case creates a
//! database of its own there and drops it afterwards. Without the variable
//! the PostgreSQL cases are reported as ignored, and the run says so.
//!
//! Cases that only read the seed graph share one seeded server per database
//! (`seeded!`), started when the first of them runs and stopped when the run
//! ends. A check (`cli::harness::every_case_function_is_registered`) fails
//! when a case function of a test module is not registered in `main.rs`.

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;

use libtest_mimic::{Arguments, Failed, Trial};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

use crate::server::Server;

/// The environment variable that enables the PostgreSQL cases.
pub const POSTGRES_URL_VAR: &str = "NEWSGRAPH_TEST_POSTGRES_URL";

pub type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A test that runs on each database.
pub struct Case {
    pub name: &'static str,
    pub run: fn(TestDb) -> BoxFuture,
}

/// A test that only reads the seed graph: it gets a client of the seeded
/// server its database shares with the other such cases.
pub struct Seeded {
    pub name: &'static str,
    pub run: fn(Server) -> BoxFuture,
}

/// A test that needs no database of its own.
pub struct Plain {
    pub name: &'static str,
    pub run: fn() -> BoxFuture,
    /// Whether it needs PostgreSQL installed (it runs a server of its own).
    pub postgres: bool,
}

/// `case!(module::function)`: a database case named after its function.
#[macro_export]
macro_rules! case {
    ($first:ident $(:: $rest:ident)*) => {
        $crate::harness::Case {
            // Piece by piece: `stringify!` of a long path may break it over lines.
            name: concat!(stringify!($first) $(, "::", stringify!($rest))*),
            run: |db| Box::pin($first $(:: $rest)*(db)),
        }
    };
}

/// `seeded!(module::function)`: a read-only case on the shared seeded server.
#[macro_export]
macro_rules! seeded {
    ($first:ident $(:: $rest:ident)*) => {
        $crate::harness::Seeded {
            name: concat!(stringify!($first) $(, "::", stringify!($rest))*),
            run: |server| Box::pin($first $(:: $rest)*(server)),
        }
    };
}

/// `plain!(module::function)`: a case without a database.
#[macro_export]
macro_rules! plain {
    ($first:ident $(:: $rest:ident)*) => {
        $crate::harness::Plain {
            name: concat!(stringify!($first) $(, "::", stringify!($rest))*),
            run: || Box::pin($first $(:: $rest)*()),
            postgres: false,
        }
    };
}

/// Which database a case runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs every case as a trial (`sqlite::...`, `postgres::...` and
/// `cli::...`), with the check that each case function is registered; then
/// stops the shared seeded servers, drops their databases and exits.
pub fn run(args: &Arguments, cases: Vec<Case>, seeded: Vec<Seeded>, plain: Vec<Plain>) -> ! {
    let registered: Vec<String> = (cases.iter().map(|c| c.name))
        .chain(seeded.iter().map(|c| c.name))
        .chain(plain.iter().map(|c| c.name))
        .map(|name| name.replace(" :: ", "::"))
        .collect();
    let mut trials = trials(cases, seeded, plain);
    // `NEWSGRAPH_TEST_ONLY=filters::,lists::` runs the trials whose names
    // hold any of the parts: libtest takes one filter, a mutation run needs
    // a few (see tests/mutants/run).
    if let Ok(only) = std::env::var("NEWSGRAPH_TEST_ONLY") {
        let parts: Vec<&str> = only.split(',').filter(|p| !p.is_empty()).collect();
        trials.retain(|t| parts.iter().any(|p| t.name().contains(p)));
    }
    trials.push(Trial::test(
        "cli::harness::every_case_function_is_registered",
        move || crate::registry::check(&registered),
    ));
    let conclusion = libtest_mimic::run(args, trials);
    crate::shared::stop();
    conclusion.exit()
}

fn trials(cases: Vec<Case>, seeded: Vec<Seeded>, plain: Vec<Plain>) -> Vec<Trial> {
    let postgres = std::env::var(POSTGRES_URL_VAR).ok().filter(|v| !v.is_empty());
    if postgres.is_none() {
        eprintln!(
            "note: the PostgreSQL tests are ignored: set {POSTGRES_URL_VAR} (for example postgres://postgres@127.0.0.1:5432/postgres) to run them"
        );
    }
    let mut trials = Vec::new();
    for case in cases {
        let run = case.run;
        trials.extend(on_each_backend(case.name, &postgres, move |backend, admin| {
            block_on(async move {
                let db = TestDb::create(backend, admin.as_deref()).await;
                let outcome = tokio::spawn(run(db.clone())).await;
                db.destroy().await;
                outcome.map_err(panic_message)
            })
        }));
    }
    for case in seeded {
        let run = case.run;
        trials.extend(on_each_backend(case.name, &postgres, move |backend, admin| {
            block_on(async move {
                let server = crate::shared::client(backend, admin).await;
                tokio::spawn(run(server)).await.map_err(panic_message)
            })
        }));
    }
    for case in plain {
        let run = case.run;
        // A case that runs a PostgreSQL server of its own needs PostgreSQL
        // installed: it runs where the PostgreSQL cases do.
        let prefix = if case.postgres { "postgres" } else { "cli" };
        trials.push(
            Trial::test(
                format!("{prefix}::{}", case.name.replace(" :: ", "::")),
                move || block_on(async move { tokio::spawn(run()).await.map_err(panic_message) }),
            )
            .with_ignored_flag(case.postgres && postgres.is_none()),
        );
    }
    trials
}

/// The two trials of a case, `sqlite::NAME` and `postgres::NAME`; the
/// second is ignored without a PostgreSQL URL.
fn on_each_backend<F>(name: &str, postgres: &Option<String>, test: F) -> Vec<Trial>
where
    F: Fn(Backend, Option<String>) -> Result<(), Failed> + Clone + Send + 'static,
{
    let name = name.replace(" :: ", "::");
    [(Backend::Sqlite, "sqlite"), (Backend::Postgres, "postgres")]
        .into_iter()
        .map(|(backend, prefix)| {
            let admin = postgres.clone();
            let ignored = backend == Backend::Postgres && admin.is_none();
            let test = test.clone();
            Trial::test(format!("{prefix}::{name}"), move || test(backend, admin)).with_ignored_flag(ignored)
        })
        .collect()
}

fn block_on(fut: impl Future<Output = Result<(), Failed>>) -> Result<(), Failed> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(fut)
}

fn panic_message(err: tokio::task::JoinError) -> Failed {
    match err.try_into_panic() {
        Ok(payload) => {
            if let Some(s) = payload.downcast_ref::<String>() {
                s.clone().into()
            } else if let Some(s) = payload.downcast_ref::<&str>() {
                (*s).into()
            } else {
                "the test panicked".into()
            }
        }
        Err(err) => format!("the test was cancelled: {err}").into(),
    }
}

/// A fresh, empty database for one case.
#[derive(Debug, Clone)]
pub struct TestDb {
    pub backend: Backend,
    /// A folder of the case's own; the embedded database lives here.
    pub dir: PathBuf,
    /// For PostgreSQL: the admin URL and the case's database name.
    postgres: Option<(String, String)>,
}

impl TestDb {
    pub(crate) async fn create(backend: Backend, admin: Option<&str>) -> Self {
        let dir = std::env::temp_dir().join(format!("newsgraph-test-{}", unique_suffix()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        let postgres = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => {
                let admin = admin
                    .expect("PostgreSQL cases run only with an admin URL")
                    .to_owned();
                let name = format!("newsgraph_test_{}", unique_suffix());
                let conn = Database::connect(&admin)
                    .await
                    .expect("the PostgreSQL test server");
                conn.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("CREATE DATABASE");
                let _ = conn.close().await;
                Some((admin, name))
            }
        };
        Self {
            backend,
            dir,
            postgres,
        }
    }

    /// Drops the case's database and removes its folder.
    pub(crate) async fn destroy(&self) {
        if let Some((admin, name)) = &self.postgres
            && let Ok(conn) = Database::connect(admin).await
        {
            let _ = conn
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await;
            let _ = conn.close().await;
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }

    /// The environment that points `newsgraph` at this database. SQLite
    /// cases use the embedded default: no `DATABASE_URL`, a data folder.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        match &self.postgres {
            None => vec![("NEWSGRAPH_DATA_DIR", self.dir.display().to_string())],
            Some(_) => vec![("DATABASE_URL", self.url())],
        }
    }

    /// A URL of this database, for arranging rows directly.
    pub fn url(&self) -> String {
        match &self.postgres {
            None => format!("sqlite://{}?mode=rwc", self.dir.join("newsgraph.db").display()),
            Some((admin, name)) => {
                let base = admin.split('?').next().unwrap_or(admin);
                let server = base.rsplit_once('/').map(|(s, _)| s).unwrap_or(base);
                format!("{server}/{name}")
            }
        }
    }

    /// A direct connection, to arrange rows a case needs.
    pub async fn connect(&self) -> DatabaseConnection {
        Database::connect(self.url()).await.expect("the case's database")
    }
}

/// A name part no other case or run shares.
pub fn unique_suffix() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!(
        "{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}
