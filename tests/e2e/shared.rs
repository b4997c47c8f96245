//! One seeded server per database, shared by the cases that only read the
//! seed graph (`seeded!` in `main.rs`): seeding a fresh database and
//! starting a server for each of them would cost most of their run time.
//!
//! The server runs on a runtime of its own that outlives every case, so that
//! its output keeps being drained; each case gets a client of its own.

use std::sync::OnceLock;

use tokio::sync::OnceCell;

use crate::harness::{Backend, TestDb};
use crate::server::Server;

struct Shared {
    db: TestDb,
    server: Server,
}

static SQLITE: OnceCell<Shared> = OnceCell::const_new();
static POSTGRES: OnceCell<Shared> = OnceCell::const_new();

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("shared-servers")
            .enable_all()
            .build()
            .expect("a runtime for the shared servers")
    })
}

fn cell(backend: Backend) -> &'static OnceCell<Shared> {
    match backend {
        Backend::Sqlite => &SQLITE,
        Backend::Postgres => &POSTGRES,
    }
}

/// A client of the seeded server of `backend`, started on first use.
pub async fn client(backend: Backend, admin: Option<String>) -> Server {
    let shared = cell(backend)
        .get_or_init(|| async move {
            let started = runtime().spawn(async move {
                let db = TestDb::create(backend, admin.as_deref()).await;
                let server = Server::start_seeded(&db).await;
                Shared { db, server }
            });
            match started.await {
                Ok(shared) => shared,
                Err(err) => panic!("the shared seeded server did not start: {err}"),
            }
        })
        .await;
    shared.server.client()
}

/// Stops the shared servers that were started and drops their databases.
pub fn stop() {
    runtime().block_on(async {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            if let Some(shared) = cell(backend).get() {
                shared.server.terminate();
                shared.db.destroy().await;
            }
        }
    });
}
