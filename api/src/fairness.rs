//! Fairness under load: cheap requests keep their latency while heavy ones
//! wait their turn, and a busy connection pool is told apart from a
//! database that does not answer.
//!
//! A request whose complexity passes `--heavy-complexity` is heavy: it runs
//! only while fewer than `--max-heavy-in-flight` heavy requests run (and
//! fewer than `--max-heavy-per-client` from its client's address), waits
//! at most `--heavy-queue-ms` for its turn, and is otherwise refused with
//! `SERVER_BUSY` (HTTP 503, `Retry-After`). Heavy requests therefore never
//! hold more than that share of the database pool.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextExecute, NextValidation};
use async_graphql::{Response, ServerError, ValidationResult};
use sea_orm::sqlx::Connection;
use sea_orm::{DatabaseConnection, DbBackend};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::limits::{Limits, coded};

/// The address a request came from, as the listener saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientAddr(pub IpAddr);

/// The places heavy requests share, across every request of the server.
pub struct HeavyQueue {
    limits: Arc<Limits>,
    places: Arc<Semaphore>,
    /// Heavy requests running per client address.
    per_client: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

impl HeavyQueue {
    pub fn new(limits: Arc<Limits>) -> Self {
        Self {
            places: Arc::new(Semaphore::new(limits.max_heavy_in_flight)),
            per_client: Arc::default(),
            limits,
        }
    }
}

impl ExtensionFactory for HeavyQueue {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(HeavyTurn {
            limits: self.limits.clone(),
            places: self.places.clone(),
            per_client: self.per_client.clone(),
            complexity: AtomicUsize::new(0),
        })
    }
}

/// One request's turn: its complexity, once validation has worked it out.
struct HeavyTurn {
    limits: Arc<Limits>,
    places: Arc<Semaphore>,
    per_client: Arc<Mutex<HashMap<IpAddr, usize>>>,
    complexity: AtomicUsize,
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

impl HeavyTurn {
    /// Counts the client's heavy request, unless it has its share running.
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

    /// Waits for a heavy request's place: the client's share first, then
    /// one of the server's; refuses with `SERVER_BUSY` when none comes.
    async fn wait_for_place(
        &self,
        client: Option<ClientAddr>,
    ) -> Result<(Option<ClientSlot>, OwnedSemaphorePermit), ServerError> {
        let limits = &self.limits;
        let slot = match client {
            Some(ClientAddr(addr)) => Some(self.client_slot(addr).ok_or_else(|| {
                coded(
                    "SERVER_BUSY",
                    format!(
                        "this client already runs {} heavy requests (complexity over {}), the most one client may run at once; retry when one has finished",
                        limits.max_heavy_per_client, limits.heavy_complexity
                    ),
                )
            })?),
            None => None,
        };
        match tokio::time::timeout(limits.heavy_queue, self.places.clone().acquire_owned()).await {
            Ok(Ok(place)) => Ok((slot, place)),
            _ => Err(coded(
                "SERVER_BUSY",
                format!(
                    "{} heavy requests (complexity over {}) are running and no place came free within {} ms; retry shortly, or ask for fewer items",
                    limits.max_heavy_in_flight,
                    limits.heavy_complexity,
                    limits.heavy_queue.as_millis()
                ),
            )),
        }
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for HeavyTurn {
    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let result = next.run(ctx).await?;
        self.complexity.store(result.complexity, Ordering::Relaxed);
        Ok(result)
    }

    // Queries and mutations pass here; subscriptions do not, so a long-lived
    // subscription never holds a heavy request's place.
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        if self.complexity.load(Ordering::Relaxed) <= self.limits.heavy_complexity {
            return next.run(ctx, operation_name).await;
        }
        match self.wait_for_place(ctx.data_opt::<ClientAddr>().copied()).await {
            Ok(_place) => next.run(ctx, operation_name).await,
            Err(refusal) => Response::from_errors(vec![refusal]),
        }
    }
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
