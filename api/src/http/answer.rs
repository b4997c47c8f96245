//! Running a request (or a batch, each with loaders of its own) within its
//! budget, and answering it as HTTP: a busy pool told apart from a database
//! that is down, and the outcome the request log and metrics record.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use async_graphql::{BatchRequest, BatchResponse};
use axum::http::StatusCode;
use axum::response::Response;

use super::media;
use super::ops::Outcome;
use super::refuse::retry_after;
use super::state::AppState;
use crate::auth::Caller;
use crate::budget::{self, Budget};
use crate::error::coded;
use crate::guard::labels::OperationLabel;
use crate::loader::Loaders;
use crate::sql_stats;

/// Runs a request (or a batch, each with loaders of its own) and answers it
/// as HTTP: a busy pool told apart from a database that is down, and the
/// response in the media type the client accepts.
pub async fn answer(state: AppState, batch: BatchRequest, caller: Caller) -> Response {
    let label = match &batch {
        BatchRequest::Single(r) => Some(OperationLabel::new(r.operation_name.as_deref())),
        BatchRequest::Batch(_) => None,
    };
    let mut response = match batch {
        BatchRequest::Single(r) => {
            let r = r.data(label.clone().unwrap_or_default());
            BatchResponse::Single(execute(&state, r, caller).await)
        }
        BatchRequest::Batch(rs) => {
            let mut responses = Vec::with_capacity(rs.len());
            for r in rs {
                responses.push(execute(&state, r, caller.clone()).await);
            }
            BatchResponse::Batch(responses)
        }
    };
    if has_code(&response, "DATABASE_UNAVAILABLE") {
        // A pool with every connection in use times out like a database
        // that is down; only the database's own answer to a fresh
        // connection may open the breaker.
        if state.prober.database_answers().await {
            pool_busy(&mut response);
        } else {
            watch_database(&state);
        }
    }
    let busy = has_code(&response, "SERVER_BUSY");
    let single = matches!(response, BatchResponse::Single(_));
    let operation = label.map_or_else(|| "batch".to_owned(), |l| l.get());
    let outcome = outcome(operation, &response);
    let mut response = media::render(response);
    if busy {
        if single {
            *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
        }
        response = retry_after(response);
    }
    response.extensions_mut().insert(outcome);
    response
}

/// Every error of every response of the batch.
fn errors(response: &BatchResponse) -> impl Iterator<Item = &async_graphql::ServerError> {
    let responses: &[async_graphql::Response] = match response {
        BatchResponse::Single(r) => std::slice::from_ref(r),
        BatchResponse::Batch(rs) => rs,
    };
    responses.iter().flat_map(|r| r.errors.iter())
}

/// Whether any response of the batch has an error with this code.
fn has_code(response: &BatchResponse, code: &str) -> bool {
    errors(response).any(|e| error_code(e) == Some(code))
}

/// The code in an error's `extensions.code`, if it has one.
fn error_code(error: &async_graphql::ServerError) -> Option<&str> {
    match error.extensions.as_ref().and_then(|x| x.get("code")) {
        Some(async_graphql::Value::String(code)) => Some(code),
        _ => None,
    }
}

/// Turns the errors of a request that waited in vain for a pool connection,
/// while the database itself answers, into `SERVER_BUSY`.
fn pool_busy(response: &mut BatchResponse) {
    let responses: Vec<&mut async_graphql::Response> = match response {
        BatchResponse::Single(r) => vec![r],
        BatchResponse::Batch(rs) => rs.iter_mut().collect(),
    };
    for error in responses.into_iter().flat_map(|r| r.errors.iter_mut()) {
        if error_code(error) == Some("DATABASE_UNAVAILABLE") {
            let mut busy = coded(
                "SERVER_BUSY",
                "the server is busy: no database connection came free in time; nothing was written, retry shortly".to_owned(),
            );
            busy.locations = std::mem::take(&mut error.locations);
            busy.path = std::mem::take(&mut error.path);
            *error = busy;
        }
    }
}

/// Marks the database down and, unless a probe runs already, probes it
/// every 250 ms until it answers again.
fn watch_database(state: &AppState) {
    let down = state.database_down.clone();
    if down
        .compare_exchange(false, true, Ordering::AcqRel, Ordering::Relaxed)
        .is_err()
    {
        return;
    }
    tracing::warn!("the database is not answering; refusing requests until it is back");
    let db = state.db.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            let ping = tokio::time::timeout(std::time::Duration::from_secs(2), db.ping()).await;
            if matches!(ping, Ok(Ok(()))) {
                down.store(false, Ordering::Release);
                tracing::info!("the database answers again");
                return;
            }
        }
    });
}

/// Runs one request with loaders of its own, counting its SQL statements.
async fn execute(
    state: &AppState,
    request: async_graphql::Request,
    caller: Caller,
) -> async_graphql::Response {
    let statements = Arc::new(AtomicU64::new(0));
    let share = Budget::new(
        state.limits.max_rows,
        Instant::now() + state.limits.timeout + budget::SQL_GRACE,
    );
    let (loaders, batches) = Loaders::new(&state.db);
    let request = request.data(loaders).data(caller);
    let run = batches.drive(state.schema.execute(request));
    let mut response = sql_stats::counting(statements.clone(), budget::within(share.clone(), run)).await;
    if share.exceeded() {
        // A partial answer would hide what is missing: refuse it whole.
        let error = coded("RESULT_TOO_LARGE", share.refusal().message());
        response = async_graphql::Response::from_errors(vec![error]);
    }
    if state.sql_stats {
        let n = statements.load(Ordering::Relaxed);
        response
            .extensions
            .insert("sqlStatements".to_owned(), async_graphql::Value::from(n));
    }
    response
}

/// How a request went, for the request log and the metrics.
fn outcome(operation: String, response: &BatchResponse) -> Outcome {
    let codes: Vec<String> = errors(response)
        .map(|e| error_code(e).unwrap_or("GRAPHQL_ERROR").to_owned())
        .collect();
    Outcome {
        operation,
        outcome: codes.first().cloned().unwrap_or_else(|| "ok".to_owned()),
        codes,
    }
}
