//! Fairness under load: cheap requests keep their latency while heavy ones
//! wait their turn, and a busy connection pool is told apart from a
//! database that does not answer.
//!
//! A request whose complexity passes `--heavy-complexity` is heavy: it runs
//! only while fewer than `--max-heavy-in-flight` heavy requests run (and
//! fewer than `--max-heavy-per-client` from its client's address), waits
//! at most `--heavy-queue-ms` for its turn, and is otherwise refused with
//! `SERVER_BUSY` (HTTP 503, `Retry-After`). Heavy requests therefore never
//! hold more than that share of the database pool, and they run on a
//! thread of their own at a lower priority, so their work does not delay
//! cheap requests. Subscriptions are not counted here: they have caps of
//! their own (`ws`).

use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use sea_orm::sqlx::Connection;
use sea_orm::{DatabaseConnection, DbBackend};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::guard::limits::Limits;

/// The address a request came from, as the listener saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientAddr(pub IpAddr);

/// The turns heavy requests take, across every request of the server.
pub struct HeavyTurns {
    limits: Arc<Limits>,
    places: Arc<Semaphore>,
    /// Heavy requests running or waiting, per client address.
    per_client: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

/// How often a client over its share of heavy requests looks for a free one.
const CLIENT_POLL: Duration = Duration::from_millis(50);

/// A heavy request's turn: its place among the heavy requests and its
/// client's, held until the request ends.
pub struct Turn {
    _place: OwnedSemaphorePermit,
    _client: Option<ClientSlot>,
}

/// A client's count of heavy requests, one less when dropped.
struct ClientSlot {
    addr: IpAddr,
    per_client: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut counts = self.per_client.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = counts.get_mut(&self.addr) {
            *n -= 1;
            if *n == 0 {
                counts.remove(&self.addr);
            }
        }
    }
}

impl HeavyTurns {
    pub fn new(limits: Arc<Limits>) -> Self {
        Self {
            places: Arc::new(Semaphore::new(limits.max_heavy_in_flight)),
            per_client: Arc::default(),
            limits,
        }
    }

    /// Counts the client's heavy request, unless it has its share already.
    fn client_slot(&self, addr: IpAddr) -> Option<ClientSlot> {
        let mut counts = self.per_client.lock().unwrap_or_else(|e| e.into_inner());
        let n = counts.entry(addr).or_default();
        if *n >= self.limits.max_heavy_per_client {
            return None;
        }
        *n += 1;
        Some(ClientSlot {
            addr,
            per_client: self.per_client.clone(),
        })
    }

    /// Waits for a heavy request's turn: the client's share first, then one
    /// of the server's places; says why when none comes.
    pub async fn wait_for_turn(&self, client: Option<ClientAddr>) -> Result<Turn, String> {
        let limits = &self.limits;
        let deadline = tokio::time::Instant::now() + limits.heavy_queue;
        let slot = match client {
            // A client over its share waits in line as long as the queue
            // lets it: answering at once would let it ask again at once, and
            // refusing costs work too.
            Some(ClientAddr(addr)) => loop {
                if let Some(slot) = self.client_slot(addr) {
                    break Some(slot);
                }
                if tokio::time::Instant::now() >= deadline {
                    return Err(format!(
                        "this client already runs {} heavy requests (complexity over {}), the most one client may run at once, and none finished within {} ms; retry when one has finished",
                        limits.max_heavy_per_client,
                        limits.heavy_complexity,
                        limits.heavy_queue.as_millis()
                    ));
                }
                tokio::time::sleep(CLIENT_POLL).await;
            },
            None => None,
        };
        match tokio::time::timeout_at(deadline, self.places.clone().acquire_owned()).await {
            Ok(Ok(place)) => Ok(Turn {
                _place: place,
                _client: slot,
            }),
            _ => Err(format!(
                "{} heavy requests (complexity over {}) are running and no place came free within {} ms; retry shortly, or ask for fewer items",
                limits.max_heavy_in_flight,
                limits.heavy_complexity,
                limits.heavy_queue.as_millis()
            )),
        }
    }
}

impl Turn {
    /// Runs a heavy request on the heavy requests' own thread, which the
    /// operating system serves after the others: however much work heavy
    /// requests ask for, the server's other threads keep answering cheap
    /// ones. The turn ends with the request; dropping the returned future
    /// (a timeout) stops the request too.
    pub async fn run<F>(self, work: F) -> F::Output
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let mut task = AbortOnDrop(heavy_runtime().spawn(work));
        let output = (&mut task.0).await;
        drop(self);
        match output {
            Ok(output) => output,
            Err(err) => std::panic::resume_unwind(err.into_panic()),
        }
    }
}

/// A spawned task, stopped when its handle is dropped.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The runtime heavy requests run on: one thread, at a lower scheduling
/// priority than the rest of the process (nice 10).
fn heavy_runtime() -> &'static tokio::runtime::Handle {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .thread_name("newsgraph-heavy")
                .enable_all()
                .on_thread_start(|| {
                    // On Linux a priority is a thread's own: this lowers the
                    // heavy thread alone. Where it fails, heavy requests
                    // still run, only at the usual priority.
                    #[cfg(target_os = "linux")]
                    // SAFETY: setpriority has no memory effects; 0 names
                    // the calling thread.
                    unsafe {
                        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
                    }
                })
                .build()
                .unwrap_or_else(|err| {
                    tracing::error!(%err, "no thread for heavy requests; they share the others'");
                    tokio::runtime::Builder::new_current_thread()
                        .build()
                        .expect("a current-thread runtime builds")
                })
        })
        .handle()
}

/// Whether the database answers a fresh connection of its own, outside the
/// pool: a pool whose connections are all in use times out like a database
/// that is down, and only this tells the two apart. Probes are shared: one
/// runs at a time, and its answer stands for 250 ms.
pub struct Prober {
    db: DatabaseConnection,
    last: tokio::sync::Mutex<Option<(Instant, bool)>>,
}

/// How long one probe's answer stands.
const PROBE_FRESH: Duration = Duration::from_millis(250);
/// How long a probe waits for the database.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

impl Prober {
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            db,
            last: tokio::sync::Mutex::new(None),
        }
    }

    /// Whether the database answers, from a recent probe or a new one.
    pub async fn database_answers(&self) -> bool {
        let mut last = self.last.lock().await;
        if let Some((at, answered)) = *last
            && at.elapsed() < PROBE_FRESH
        {
            return answered;
        }
        let answered = matches!(
            tokio::time::timeout(PROBE_TIMEOUT, probe(&self.db)).await,
            Ok(Ok(()))
        );
        *last = Some((Instant::now(), answered));
        answered
    }
}

/// Opens a connection with the pool's own settings, pings and closes it.
async fn probe(db: &DatabaseConnection) -> Result<(), sea_orm::sqlx::Error> {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let options = db.get_postgres_connection_pool().connect_options();
            let mut conn = sea_orm::sqlx::PgConnection::connect_with(&options).await?;
            conn.ping().await?;
            conn.close().await
        }
        DbBackend::Sqlite => {
            // Read-only and without the pool's pragmas, which would wait for
            // a writer's lock: the question is whether the file can be read.
            use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
            let pool = db.get_sqlite_connection_pool().connect_options();
            let options = SqliteConnectOptions::new()
                .filename(pool.get_filename())
                .read_only(true);
            let mut conn = SqliteConnection::connect_with(&options).await?;
            sea_orm::sqlx::query("SELECT count(*) FROM sqlite_master")
                .execute(&mut conn)
                .await?;
            conn.close().await
        }
        _ => db
            .ping()
            .await
            .map_err(|e| sea_orm::sqlx::Error::Protocol(e.to_string())),
    }
}
