//! One read per change per subscription target, shared by every subscriber
//! of that target.
//!
//! Subscribers do not read the database themselves: they register a target
//! here (a node's ID, or a statement filter) and receive what one read
//! found. A changed node is read once for all its subscribers; new
//! statements are read once per distinct filter. The reads of all targets,
//! and the loaders of WebSocket connections (which read what an event's
//! selection asks beyond the target), together use at most
//! [`READS_AT_ONCE`] database connections, so that a crowd of subscribers
//! leaves the pool to ordinary requests. A target lives
//! while it has subscribers, and is forgotten with the last of them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, Weak};

use async_graphql::InputType;
use entity::statement;
use futures_util::StreamExt;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{Semaphore, broadcast, mpsc};

use super::filter::{self, StatementFilter};
use super::ids::GlobalId;
use super::node::{Node, fetch_node};
use crate::changes::{Change, Changes};
use crate::error::{AppError, AppResult};

/// Database connections the subscription reads may hold at once.
pub const READS_AT_ONCE: usize = 2;

/// Results a slow subscriber may fall behind before it misses some.
const BACKLOG: usize = 64;

/// Batches of new statements waiting to be read.
const QUEUE: usize = 1024;

/// The counter of subscription reads in `/metrics`.
pub const READS_METRIC: &str = "newsgraph_subscription_reads_total";

/// The gauge of subscriptions running in `/metrics`.
pub const SUBSCRIPTIONS_METRIC: &str = "newsgraph_subscriptions";

/// The subscription targets of this process, and the reads that serve them.
#[derive(Clone)]
pub struct Fanout(Arc<Hub>);

struct Hub {
    db: DatabaseConnection,
    changes: Changes,
    /// Followed nodes, by canonical global ID.
    nodes: Mutex<HashMap<String, Weak<NodeTarget>>>,
    /// Statement filters followed, by their GraphQL value (`""` for none).
    filters: Mutex<HashMap<String, Weak<FilterTarget>>>,
    /// Places for subscription reads, shared by the loaders of subscriptions.
    reads: Arc<Semaphore>,
    /// Set once the hub listens to the change feed.
    listening: OnceLock<()>,
}

impl Fanout {
    /// A hub over `db`, hearing `changes`; it starts listening with its
    /// first subscriber.
    pub fn new(db: DatabaseConnection, changes: Changes) -> Self {
        Self(Arc::new(Hub {
            db,
            changes,
            nodes: Mutex::default(),
            filters: Mutex::default(),
            reads: Arc::new(Semaphore::new(READS_AT_ONCE)),
            listening: OnceLock::new(),
        }))
    }

    /// The places for subscription reads: what the loaders of subscriptions
    /// share with the reads of this hub.
    pub fn reads(&self) -> Arc<Semaphore> {
        self.0.reads.clone()
    }

    /// Follows a node: each time it changes, what it is then.
    pub fn node(&self, global: GlobalId) -> Subscriber<Node, NodeTarget> {
        self.listen();
        let key = global.encode().0;
        let target = shared(&self.0.nodes, key.clone(), || NodeTarget {
            key,
            global,
            results: broadcast::channel(BACKLOG).0,
            reading: Mutex::new(Reading::Idle),
            hub: Arc::downgrade(&self.0),
        });
        Subscriber::new(target.results.subscribe(), target)
    }

    /// Follows new statements that match `filter`. A filter no one follows
    /// yet is checked first, so that a bad one fails the subscription at
    /// once; the check may read (an issue's or a place's subtree), and does
    /// so within the bound on subscription reads.
    pub async fn statements(
        &self,
        filter: Option<StatementFilter>,
    ) -> AppResult<Subscriber<Arc<Vec<statement::Model>>, FilterTarget>> {
        self.listen();
        let key = filter
            .as_ref()
            .map(|f| f.to_value().to_string())
            .unwrap_or_default();
        if live(&self.0.filters, &key).is_none() {
            let _permit = self.0.reads.acquire().await.map_err(|_| AppError::Internal)?;
            filter::statements(&self.0.db, statement::Entity::find(), filter.clone()).await?;
        }
        let target = shared(&self.0.filters, key.clone(), || FilterTarget {
            key,
            filter,
            results: broadcast::channel(BACKLOG).0,
            hub: Arc::downgrade(&self.0),
        });
        Ok(Subscriber::new(target.results.subscribe(), target))
    }

    /// Starts hearing the change feed, once: node changes are dispatched
    /// as they come, new statements are read in order by a worker of their own.
    fn listen(&self) {
        self.0.listening.get_or_init(|| {
            // Subscribed before the first subscriber returns, so that no
            // change after it is missed.
            let feed = self.0.changes.subscribe();
            let (queue, batches) = mpsc::channel(QUEUE);
            tokio::spawn(dispatch(Arc::downgrade(&self.0), feed, queue));
            tokio::spawn(read_statements(Arc::downgrade(&self.0), batches));
        });
    }
}

/// The live target under `key`, if any.
fn live<T>(targets: &Mutex<HashMap<String, Weak<T>>>, key: &str) -> Option<Arc<T>> {
    let targets = targets.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    targets.get(key).and_then(Weak::upgrade)
}

/// The live target under `key`, or a new one made by `make`.
fn shared<T>(targets: &Mutex<HashMap<String, Weak<T>>>, key: String, make: impl FnOnce() -> T) -> Arc<T> {
    let mut targets = targets.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(live) = targets.get(&key).and_then(Weak::upgrade) {
        return live;
    }
    let target = Arc::new(make());
    targets.insert(key, Arc::downgrade(&target));
    target
}

/// Forgets the target under `key` unless a live one took its place.
fn forget<T>(targets: &Mutex<HashMap<String, Weak<T>>>, key: &str) {
    let mut targets = targets.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if targets.get(key).is_some_and(|t| t.strong_count() == 0) {
        targets.remove(key);
    }
}

/// One subscriber of a target: the results of the target's reads from now
/// on. Counted in `/metrics` while it lives.
pub struct Subscriber<T, Target> {
    results: broadcast::Receiver<T>,
    // Keeps the target followed while this subscriber lives.
    _target: Arc<Target>,
}

impl<T: Clone, Target> Subscriber<T, Target> {
    fn new(results: broadcast::Receiver<T>, target: Arc<Target>) -> Self {
        metrics::gauge!(SUBSCRIPTIONS_METRIC).increment(1.0);
        Self {
            results,
            _target: target,
        }
    }

    /// The next result; `None` once the hub is gone. A subscriber too slow
    /// to keep up misses the oldest results, and says so in the log.
    pub async fn next(&mut self) -> Option<T> {
        loop {
            match self.results.recv().await {
                Ok(result) => return Some(result),
                Err(RecvError::Lagged(missed)) => {
                    tracing::warn!(missed, "a subscriber fell behind and missed changes");
                }
                Err(RecvError::Closed) => return None,
            }
        }
    }
}

impl<T, Target> Drop for Subscriber<T, Target> {
    fn drop(&mut self) {
        metrics::gauge!(SUBSCRIPTIONS_METRIC).decrement(1.0);
    }
}

/// A node followed by one subscriber or more.
pub struct NodeTarget {
    key: String,
    global: GlobalId,
    results: broadcast::Sender<Node>,
    reading: Mutex<Reading>,
    hub: Weak<Hub>,
}

/// Whether a node is being read, and whether it changed again meanwhile.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    Idle,
    Busy,
    /// Changed during the read: read once more when it ends, so the last
    /// result is never older than the last change.
    Again,
}

impl Drop for NodeTarget {
    fn drop(&mut self) {
        if let Some(hub) = self.hub.upgrade() {
            forget(&hub.nodes, &self.key);
        }
    }
}

/// A statement filter followed by one subscriber or more.
pub struct FilterTarget {
    key: String,
    filter: Option<StatementFilter>,
    results: broadcast::Sender<Arc<Vec<statement::Model>>>,
    hub: Weak<Hub>,
}

impl Drop for FilterTarget {
    fn drop(&mut self) {
        if let Some(hub) = self.hub.upgrade() {
            forget(&hub.filters, &self.key);
        }
    }
}

/// Hands each change to the targets it concerns.
async fn dispatch(hub: Weak<Hub>, mut feed: broadcast::Receiver<Change>, statements: mpsc::Sender<Vec<i64>>) {
    loop {
        let change = match feed.recv().await {
            Ok(change) => change,
            Err(RecvError::Lagged(missed)) => {
                tracing::warn!(
                    missed,
                    "subscriptions fell behind the change feed and missed changes"
                );
                continue;
            }
            Err(RecvError::Closed) => return,
        };
        let Some(hub) = hub.upgrade() else { return };
        match change {
            Change::NodeChanged { id } => node_changed(&hub, &id),
            Change::StatementsAdded { ids } => {
                if statements.try_send(ids).is_err() {
                    tracing::warn!(
                        "new statements came faster than subscriptions could read them; some were missed"
                    );
                }
            }
        }
    }
}

/// Reads a changed node for its subscribers, unless a read is under way:
/// then that read is followed by one more.
fn node_changed(hub: &Arc<Hub>, id: &str) {
    let Some(target) = live(&hub.nodes, id) else {
        return;
    };
    {
        let mut reading = target
            .reading
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match *reading {
            Reading::Idle => *reading = Reading::Busy,
            Reading::Busy | Reading::Again => {
                *reading = Reading::Again;
                return;
            }
        }
    }
    let hub = hub.clone();
    tokio::spawn(async move {
        loop {
            read_node(&hub, &target).await;
            let mut reading = target
                .reading
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if *reading == Reading::Again {
                *reading = Reading::Busy;
            } else {
                *reading = Reading::Idle;
                return;
            }
        }
    });
}

async fn read_node(hub: &Hub, target: &NodeTarget) {
    let Ok(_permit) = hub.reads.acquire().await else {
        return;
    };
    metrics::counter!(READS_METRIC).increment(1);
    match fetch_node(&hub.db, target.global).await {
        // No receiver is no error: the last subscriber just left.
        Ok(Some(node)) => {
            let _ = target.results.send(node);
        }
        Ok(None) => {}
        Err(_) => tracing::warn!("a changed node could not be read"),
    }
}

/// Reads each batch of new statements once per followed filter, batch
/// after batch, so that subscribers see statements in the order they came.
async fn read_statements(hub: Weak<Hub>, mut batches: mpsc::Receiver<Vec<i64>>) {
    while let Some(ids) = batches.recv().await {
        let Some(hub) = hub.upgrade() else { return };
        let targets: Vec<Arc<FilterTarget>> = {
            let filters = hub
                .filters
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            filters.values().filter_map(Weak::upgrade).collect()
        };
        futures_util::stream::iter(targets)
            .for_each_concurrent(READS_AT_ONCE, |target| {
                let (hub, ids) = (&hub, &ids);
                async move { read_matching(hub, &target, ids).await }
            })
            .await;
    }
}

async fn read_matching(hub: &Hub, target: &FilterTarget, ids: &[i64]) {
    let Ok(_permit) = hub.reads.acquire().await else {
        return;
    };
    metrics::counter!(READS_METRIC).increment(1);
    let select = statement::Entity::find()
        .filter(statement::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(statement::Column::Id);
    // The filter was checked when the subscription started; what can fail
    // now is the database, which the error conversion logs.
    let Ok(select) = filter::statements(&hub.db, select, target.filter.clone()).await else {
        return;
    };
    let found = select.all(&hub.db).await;
    match found {
        Ok(models) if models.is_empty() => {}
        Ok(models) => {
            let _ = target.results.send(Arc::new(models));
        }
        Err(err) => tracing::warn!(%err, "new statements could not be read"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphql::ids::NodeKind;

    fn count<T>(targets: &Mutex<HashMap<String, Weak<T>>>) -> usize {
        targets.lock().map(|t| t.len()).unwrap_or_default()
    }

    /// How many nodes and how many filters are followed.
    fn followed(fanout: &Fanout) -> (usize, usize) {
        (count(&fanout.0.nodes), count(&fanout.0.filters))
    }

    #[tokio::test]
    async fn subscribers_of_one_target_share_it_and_the_last_one_forgets_it() {
        let fanout = Fanout::new(DatabaseConnection::default(), Changes::default());
        let peskov = GlobalId {
            kind: NodeKind::Person,
            key: 1,
        };
        let one = fanout.node(peskov);
        let two = fanout.node(peskov);
        let other = fanout.node(GlobalId {
            kind: NodeKind::Person,
            key: 2,
        });
        let all = fanout.statements(None).await.expect("no filter");
        let also_all = fanout.statements(None).await.expect("no filter");
        let by_speaker = StatementFilter {
            speaker: Some(peskov.encode()),
            ..StatementFilter::default()
        };
        let filtered = fanout
            .statements(Some(by_speaker.clone()))
            .await
            .expect("a filter");
        let same = fanout.statements(Some(by_speaker)).await.expect("a filter");
        assert_eq!(followed(&fanout), (2, 2));
        drop((one, other, all, filtered));
        assert_eq!(
            followed(&fanout),
            (1, 2),
            "each target is followed while one subscriber is left"
        );
        drop((two, also_all, same));
        assert_eq!(followed(&fanout), (0, 0));
    }
}
