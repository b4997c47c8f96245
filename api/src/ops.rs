//! Operations: `/health` (the process is up), `/ready` (the database
//! answers), `/metrics` (Prometheus text), and one log line per request.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use sea_orm::DatabaseConnection;
use serde_json::json;

use crate::http::AppState;

/// Seconds: the buckets of the request latency histogram.
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// Starts recording metrics for `/metrics`; `None` (and a warning) when a
/// recorder is installed already.
pub fn install_metrics() -> Option<PrometheusHandle> {
    let installed = PrometheusBuilder::new()
        .set_buckets_for_metric(
            metrics_exporter_prometheus::Matcher::Full("newsgraph_request_duration_seconds".to_owned()),
            LATENCY_BUCKETS,
        )
        .and_then(PrometheusBuilder::install_recorder);
    match installed {
        Ok(handle) => {
            metrics::describe_counter!(
                "newsgraph_requests_total",
                "GraphQL requests, by operation name and outcome (ok or the first error's code)"
            );
            metrics::describe_histogram!(
                "newsgraph_request_duration_seconds",
                metrics::Unit::Seconds,
                "Time to answer a GraphQL request, by operation type"
            );
            metrics::describe_counter!("newsgraph_errors_total", "GraphQL errors, by code");
            metrics::describe_gauge!(
                "newsgraph_db_connections",
                "Database pool connections, by state (idle or in_use)"
            );
            metrics::describe_counter!(
                crate::graphql::fanout::READS_METRIC,
                "Database reads for subscriptions: one per change per distinct node or statement filter followed"
            );
            metrics::describe_gauge!(
                crate::graphql::fanout::SUBSCRIPTIONS_METRIC,
                "Subscriptions running"
            );
            metrics::describe_gauge!(crate::ws::CONNECTIONS_METRIC, "WebSocket connections open");
            Some(handle)
        }
        Err(err) => {
            tracing::warn!(%err, "metrics are not recorded");
            None
        }
    }
}

/// `GET /health`: the process is up and serving HTTP.
pub async fn health() -> Response {
    axum::Json(json!({ "status": "ok" })).into_response()
}

/// `GET /ready`: the database answers; 503 while it does not.
pub async fn ready(State(state): State<AppState>) -> Response {
    match tokio::time::timeout(std::time::Duration::from_secs(2), state.db.ping()).await {
        Ok(Ok(())) => {
            // Requests need not wait for the next probe to be served again.
            state
                .database_down
                .store(false, std::sync::atomic::Ordering::Release);
            axum::Json(json!({ "status": "ready", "database": "up" })).into_response()
        }
        Ok(Err(err)) => {
            tracing::warn!(error = %crate::error::one_line(err), "not ready: the database does not answer");
            unavailable()
        }
        Err(_) => {
            tracing::warn!("not ready: the database did not answer within 2 s");
            unavailable()
        }
    }
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        axum::Json(json!({ "status": "unavailable", "database": "down" })),
    )
        .into_response()
}

/// `GET /metrics`: every metric in the Prometheus text format.
pub async fn metrics(State(state): State<AppState>) -> Response {
    let Some(handle) = &state.metrics else {
        return (
            StatusCode::NOT_FOUND,
            "metrics are not recorded by this process\n",
        )
            .into_response();
    };
    record_pool(&state.db);
    handle.run_upkeep();
    let mut response = handle.render().into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}

/// The database pool's connections, idle and in use, as gauges.
fn record_pool(db: &DatabaseConnection) {
    use sea_orm::DbBackend;
    let (size, idle) = match db.get_database_backend() {
        DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        DbBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => return,
    };
    let idle = idle as f64;
    metrics::gauge!("newsgraph_db_connections", "state" => "idle").set(idle);
    metrics::gauge!("newsgraph_db_connections", "state" => "in_use").set(f64::from(size) - idle);
}

/// What the GraphQL handler tells the request log and the metrics about a
/// request: put in the response's extensions.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The operation's name, or its type when it has none.
    pub operation: String,
    /// `ok`, or the code of the first error.
    pub outcome: String,
    /// Every error's code.
    pub codes: Vec<String>,
}

/// One log line per request: its id, method, path, status, duration and,
/// for GraphQL, operation and outcome; never a token or a variable's value.
/// Also counts GraphQL requests and their errors for `/metrics`.
pub async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_graphic()))
        .map(str::to_owned)
        .unwrap_or_else(new_request_id);
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let elapsed = started.elapsed();
    let status = response.status().as_u16();
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    let duration_ms = elapsed.as_secs_f64() * 1000.0;
    match response.extensions().get::<Outcome>() {
        Some(o) => {
            metrics::counter!("newsgraph_requests_total", "operation" => o.operation.clone(), "outcome" => o.outcome.clone())
                .increment(1);
            metrics::histogram!("newsgraph_request_duration_seconds").record(elapsed.as_secs_f64());
            for code in &o.codes {
                metrics::counter!("newsgraph_errors_total", "code" => code.clone()).increment(1);
            }
            tracing::info!(
                request_id = %id, %method, %path, status, duration_ms,
                operation = %o.operation, outcome = %o.outcome, "request"
            );
        }
        None => tracing::info!(request_id = %id, %method, %path, status, duration_ms, "request"),
    }
    response
}

fn new_request_id() -> String {
    use rand::Rng;
    let bytes: [u8; 8] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
