//! Changes to the graph, announced to subscribers.
//!
//! Writers publish what they changed after it is committed. On SQLite,
//! where one server owns the database, the change goes straight to the
//! process's subscribers. On PostgreSQL it goes through `NOTIFY` on the
//! channel `newsgraph_changes`, and every server process on the database,
//! this one included, hears it with `LISTEN` and passes it to its
//! subscribers: a write on one replica reaches subscribers of all of them.

use std::time::Duration;

use sea_orm::sea_query::{Expr, Func, Query};
use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

/// The PostgreSQL channel changes travel on.
pub const CHANNEL: &str = "newsgraph_changes";

/// How many changes a slow subscriber may fall behind before it misses some.
const BACKLOG: usize = 4096;

/// Statement keys per change announced (NOTIFY payloads stop at 8000 bytes).
const KEYS_PER_NOTICE: usize = 500;

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// Statements were added (their keys).
    StatementsAdded { ids: Vec<i64> },
    /// A node changed or went away (its global ID).
    NodeChanged { id: String },
}

/// The process's change feed.
#[derive(Clone)]
pub struct Changes {
    feed: broadcast::Sender<Change>,
}

impl Default for Changes {
    fn default() -> Self {
        Self {
            feed: broadcast::channel(BACKLOG).0,
        }
    }
}

impl Changes {
    /// A receiver of every change from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.feed.subscribe()
    }

    /// Announces committed changes: to this process's subscribers on
    /// SQLite, to every server's through `NOTIFY` on PostgreSQL. A change
    /// that cannot be announced is logged; the write itself stands.
    pub async fn publish(&self, db: &DatabaseConnection, changes: Vec<Change>) {
        // Statement keys go in chunks: a notification's payload is small,
        // and a subscriber reads each chunk with one query.
        let changes: Vec<Change> = changes
            .into_iter()
            .flat_map(|change| match change {
                Change::StatementsAdded { ids } => ids
                    .chunks(KEYS_PER_NOTICE)
                    .map(|c| Change::StatementsAdded { ids: c.to_vec() })
                    .collect::<Vec<_>>(),
                other => vec![other],
            })
            .collect();
        match db.get_database_backend() {
            DbBackend::Postgres => {
                for change in changes {
                    let Ok(payload) = serde_json::to_string(&change) else {
                        continue;
                    };
                    let notify = Query::select()
                        .expr(Func::cust("pg_notify").args([Expr::val(CHANNEL), Expr::val(payload)]))
                        .to_owned();
                    if let Err(err) = db.query_one(&notify).await {
                        tracing::warn!(%err, "a change could not be announced");
                    }
                }
            }
            _ => {
                for change in changes {
                    // No receiver is no error: nobody is subscribed.
                    let _ = self.feed.send(change);
                }
            }
        }
    }

    /// Hears the changes of every server on a PostgreSQL database and passes
    /// them to this process's subscribers. Returns once it listens (or has
    /// failed to start, which it says in the log), then keeps listening in
    /// the background and reconnects when the connection drops.
    pub async fn listen(&self, url: String) {
        let feed = self.feed.clone();
        let first = start_listening(&url).await;
        tokio::spawn(async move {
            let mut listener = first;
            loop {
                match listener {
                    Ok(l) => match forward(l, &feed).await {
                        Ok(()) => return,
                        Err(err) => tracing::warn!(%err, "listening for changes stopped; reconnecting"),
                    },
                    Err(err) => tracing::warn!(%err, "cannot listen for changes; retrying"),
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
                listener = start_listening(&url).await;
            }
        });
    }
}

async fn start_listening(url: &str) -> Result<PgListener, sea_orm::sqlx::Error> {
    let mut listener = PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

async fn forward(
    mut listener: PgListener,
    feed: &broadcast::Sender<Change>,
) -> Result<(), sea_orm::sqlx::Error> {
    loop {
        let notification = listener.recv().await?;
        match serde_json::from_str::<Change>(notification.payload()) {
            Ok(change) => {
                let _ = feed.send(change);
            }
            Err(err) => tracing::warn!(%err, "an unreadable change on the channel"),
        }
    }
}
