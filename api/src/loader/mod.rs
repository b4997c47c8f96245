//! DataLoaders: every relationship is read through one of these, so a
//! request runs a number of SQL statements that grows with the depth of the
//! query, not with the number of rows it returns.
//!
//! Loaders are made per request ([`Loaders::new`]): their caches never serve
//! one request's rows to another. Their batches run on the request's own
//! task ([`Batches::drive`]), not on other worker threads: a batch starts
//! only once the request has yielded, so every sibling field of a list has
//! queued its key by then, and a list of 100 items makes one query per
//! relationship rather than a few racing ones.

mod by_id;
mod children;
mod entity_record;
mod lists;
mod positions;
mod reports;

use async_graphql::dataloader::DataLoader;
use entity::{
    entity_alias, event, event_participant, event_place, event_quantity, financial_measure,
    financial_measure_issue, issue, issue_alias, named_entity, relation, role, source, statement,
    statement_issue, statement_mention,
};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use sea_orm::DatabaseConnection;
use tokio::sync::Semaphore;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

pub use by_id::{ById, load_by_ids};
pub use children::{ChildTable, ChildrenLoader};
pub use entity_record::{EntityLoader, EntityRecord};
pub use lists::{ListKey, ListLoader, Listed, Parent, Plan, Scope, Tree, linked_rows, subtrees};
pub use positions::{POSITION_CURSORS, PositionRow, Positions, PositionsAsk, PositionsKey, PositionsLoader};
pub use reports::ReportsLoader;

/// Every loader of a request, registered in one place.
pub struct Loaders {
    pub entity: DataLoader<EntityLoader>,
    pub issue: DataLoader<ById<issue::Entity>>,
    pub source: DataLoader<ById<source::Entity>>,
    pub statement: DataLoader<ById<statement::Entity>>,
    pub role: DataLoader<ById<role::Entity>>,
    pub relation: DataLoader<ById<relation::Entity>>,
    pub financial_measure: DataLoader<ById<financial_measure::Entity>>,
    pub event: DataLoader<ById<event::Entity>>,
    pub entity_aliases: DataLoader<ChildrenLoader<entity_alias::Entity>>,
    pub issue_aliases: DataLoader<ChildrenLoader<issue_alias::Entity>>,
    pub statement_issues: DataLoader<ChildrenLoader<statement_issue::Entity>>,
    pub statement_mentions: DataLoader<ChildrenLoader<statement_mention::Entity>>,
    pub financial_measure_issues: DataLoader<ChildrenLoader<financial_measure_issue::Entity>>,
    pub event_places: DataLoader<ChildrenLoader<event_place::Entity>>,
    pub event_participants: DataLoader<ChildrenLoader<event_participant::Entity>>,
    pub event_quantities: DataLoader<ChildrenLoader<event_quantity::Entity>>,
    pub positions: DataLoader<PositionsLoader>,
    pub reports: DataLoader<ReportsLoader>,
    pub redirects: DataLoader<RedirectLoader>,
    pub entity_lists: DataLoader<ListLoader<named_entity::Entity>>,
    pub issue_lists: DataLoader<ListLoader<issue::Entity>>,
    pub statement_lists: DataLoader<ListLoader<statement::Entity>>,
    pub role_lists: DataLoader<ListLoader<role::Entity>>,
    pub relation_lists: DataLoader<ListLoader<relation::Entity>>,
    pub financial_measure_lists: DataLoader<ListLoader<financial_measure::Entity>>,
    pub event_lists: DataLoader<ListLoader<event::Entity>>,
    pub source_lists: DataLoader<ListLoader<source::Entity>>,
}

/// A table whose rows are listed under parents, through its list loader.
pub trait Listable: crate::page::Keyed + Send + Sync + 'static
where
    Self::Model: sea_orm::FromQueryResult + Clone + Send + Sync + 'static,
{
    fn lists(loaders: &Loaders) -> &DataLoader<ListLoader<Self>>;
}

/// A table whose rows are read by id, through its loader.
pub trait ReadById: crate::page::Keyed + Send + Sync + 'static
where
    Self::Model: Clone + Send + Sync + 'static,
{
    fn by_id(loaders: &Loaders) -> &DataLoader<ById<Self>>;
}

/// Implements a trait that picks a table's loader of a kind, one table a
/// line: `reads!(Trait::method -> Loader: module => field, ...)`.
macro_rules! reads {
    ($trait:ident::$method:ident -> $loader:ident: $($module:ident => $field:ident),+ $(,)?) => {$(
        impl $trait for $module::Entity {
            fn $method(loaders: &Loaders) -> &DataLoader<$loader<Self>> {
                &loaders.$field
            }
        }
    )+};
}

reads!(Listable::lists -> ListLoader:
    named_entity => entity_lists,
    issue => issue_lists,
    statement => statement_lists,
    role => role_lists,
    relation => relation_lists,
    financial_measure => financial_measure_lists,
    event => event_lists,
    source => source_lists,
);

reads!(ReadById::by_id -> ById:
    issue => issue,
    statement => statement,
    role => role,
    relation => relation,
    financial_measure => financial_measure,
    event => event,
    source => source,
);

impl Loaders {
    /// The loaders of one request, and the runner of their batches.
    pub fn new(db: &DatabaseConnection) -> (Self, Batches) {
        let (queue, batches) = tokio::sync::mpsc::unbounded_channel();
        (
            Self::build(db, &Runner::Request(queue)),
            Batches { queue: batches },
        )
    }

    /// Loaders whose batches run as tasks of their own, for work that no
    /// request drives (the events of a subscription); each batch holds one
    /// of `permits` while it runs, so that they share a bounded part of the pool.
    pub fn spawning(db: &DatabaseConnection, permits: Arc<Semaphore>) -> Self {
        Self::build(db, &Runner::Tasks(permits))
    }

    fn build(db: &DatabaseConnection, queue: &Runner) -> Self {
        Self {
            entity: make(queue, EntityLoader::new(db.clone())),
            issue: make(queue, ById::new(db.clone())),
            source: make(queue, ById::new(db.clone())),
            statement: make(queue, ById::new(db.clone())),
            role: make(queue, ById::new(db.clone())),
            relation: make(queue, ById::new(db.clone())),
            financial_measure: make(queue, ById::new(db.clone())),
            event: make(queue, ById::new(db.clone())),
            entity_aliases: make(queue, ChildrenLoader::new(db.clone())),
            issue_aliases: make(queue, ChildrenLoader::new(db.clone())),
            statement_issues: make(queue, ChildrenLoader::new(db.clone())),
            statement_mentions: make(queue, ChildrenLoader::new(db.clone())),
            financial_measure_issues: make(queue, ChildrenLoader::new(db.clone())),
            event_places: make(queue, ChildrenLoader::new(db.clone())),
            event_participants: make(queue, ChildrenLoader::new(db.clone())),
            event_quantities: make(queue, ChildrenLoader::new(db.clone())),
            positions: make(queue, PositionsLoader::new(db.clone())),
            reports: make(queue, ReportsLoader::new(db.clone())),
            redirects: make(queue, RedirectLoader::new(db.clone())),
            entity_lists: make(queue, ListLoader::new(db.clone())),
            issue_lists: make(queue, ListLoader::new(db.clone())),
            statement_lists: make(queue, ListLoader::new(db.clone())),
            role_lists: make(queue, ListLoader::new(db.clone())),
            relation_lists: make(queue, ListLoader::new(db.clone())),
            financial_measure_lists: make(queue, ListLoader::new(db.clone())),
            event_lists: make(queue, ListLoader::new(db.clone())),
            source_lists: make(queue, ListLoader::new(db.clone())),
        }
    }
}

type Batch = futures_util::future::BoxFuture<'static, ()>;

/// A loader whose batches are queued for the request's [`Batches`], or
/// without a queue spawned as tasks after the usual short delay.
/// Where a loader's batches run.
enum Runner {
    /// Queued for the request's [`Batches`].
    Request(UnboundedSender<Batch>),
    /// As tasks of their own, each holding one of these permits.
    Tasks(Arc<Semaphore>),
}

fn make<L: Send + Sync + 'static>(queue: &Runner, loader: L) -> DataLoader<L> {
    let queue = match queue {
        Runner::Request(queue) => queue.clone(),
        Runner::Tasks(permits) => {
            let permits = permits.clone();
            return DataLoader::new(loader, move |batch: Batch| {
                let permits = permits.clone();
                tokio::spawn(async move {
                    let _permit = permits.acquire_owned().await;
                    batch.await;
                })
            });
        }
    };
    DataLoader::new(loader, move |batch: Batch| {
        // The receiver lives as long as the request; a batch queued after
        // the request ended has nobody waiting for it.
        let _ = queue.send(batch);
    })
    // No timer: a batch runs once the request waits (see [`Batches`]).
    .delay(std::time::Duration::ZERO)
}

/// Runs the loader batches of one request on the request's task.
pub struct Batches {
    queue: UnboundedReceiver<Batch>,
}

impl Batches {
    /// Runs `work` (the request), and its loaders' batches beside it, until
    /// `work` is done.
    pub fn drive<F: Future>(self, work: F) -> impl Future<Output = F::Output> {
        Drive {
            work: Box::pin(work),
            queue: self.queue,
            running: FuturesUnordered::new(),
        }
    }
}

/// How often in a row the request may yield before batches get a turn.
const MAX_YIELDS: usize = 64;

/// Polls the request until it waits on something (a batch, the database),
/// and only then the batches: by then every key the request can queue is
/// queued. A request that merely yields to be fair (as async-graphql's
/// resolvers of long lists do every two items) is polled again at once.
struct Drive<F: Future> {
    work: Pin<Box<F>>,
    queue: UnboundedReceiver<Batch>,
    running: FuturesUnordered<Batch>,
}

/// A waker that notes that it was woken, and passes the wake on.
struct Noting {
    woken: AtomicBool,
    outer: Waker,
}

impl Wake for Noting {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::Release);
        self.outer.wake_by_ref();
    }
}

impl<F: Future> Future for Drive<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = &mut *self;
        let mut yields = 0;
        loop {
            let noting = Arc::new(Noting {
                woken: AtomicBool::new(false),
                outer: cx.waker().clone(),
            });
            let waker = Waker::from(noting.clone());
            if let Poll::Ready(out) = this.work.as_mut().poll(&mut Context::from_waker(&waker)) {
                return Poll::Ready(out);
            }
            if noting.woken.load(Ordering::Acquire) && yields < MAX_YIELDS {
                yields += 1;
                continue;
            }
            yields = 0;
            while let Poll::Ready(Some(batch)) = this.queue.poll_recv(cx) {
                this.running.push(batch);
            }
            match this.running.poll_next_unpin(cx) {
                // A batch finished: the request has results to go on with.
                Poll::Ready(Some(())) => continue,
                _ => return Poll::Pending,
            }
        }
    }
}

/// Loads where merged entities went: the kept entity's id by the removed one's.
pub struct RedirectLoader {
    db: DatabaseConnection,
}

impl RedirectLoader {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

impl async_graphql::dataloader::Loader<i64> for RedirectLoader {
    type Value = i64;
    type Error = crate::error::AppError;

    async fn load(&self, keys: &[i64]) -> Result<std::collections::HashMap<i64, i64>, Self::Error> {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let rows = entity::entity_redirect::Entity::find()
            .filter(entity::entity_redirect::Column::OldId.is_in(keys.iter().copied()))
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(|r| (r.old_id, r.new_id)).collect())
    }
}
