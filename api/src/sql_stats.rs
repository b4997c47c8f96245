//! Counts the SQL statements each GraphQL request runs.
//!
//! The count lives in a task-local that the HTTP handler sets for the
//! request (whose loader batches run on the same task), and the
//! connection's metric hook adds one per statement. Concurrent
//! requests each see their own count. Clients see it in the response's
//! `extensions.sqlStatements` when the server runs with `--sql-stats`.
//!
//! Every statement also counts in `newsgraph_sql_statements_total` on
//! `/metrics`, request or not: a statement a request causes off its task
//! (where the task-local is not set) shows there and not in the request's
//! count, which is how the tests catch a count that misses statements.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use sea_orm::DatabaseConnection;

/// The metric counting every SQL statement the server runs.
pub const STATEMENTS_METRIC: &str = "newsgraph_sql_statements_total";

tokio::task_local! {
    static STATEMENTS: Arc<AtomicU64>;
}

/// Makes the connection count every statement it runs for a request.
pub fn install(db: &mut DatabaseConnection) {
    db.set_metric_callback(|info| {
        let _ = STATEMENTS.try_with(|n| n.fetch_add(1, Ordering::Relaxed));
        metrics::counter!(STATEMENTS_METRIC).increment(1);
        tracing::trace!(target: "newsgraph::sql", elapsed = ?info.elapsed, failed = info.failed, sql = %info.statement.sql);
    });
}

/// Runs `work` with its statements counted into `counter`.
pub async fn counting<F: Future>(counter: Arc<AtomicU64>, work: F) -> F::Output {
    STATEMENTS.scope(counter, work).await
}
