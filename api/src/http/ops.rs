//! Operations: `/health` (the process is up), `/ready` (the database
//! answers), `/metrics` (Prometheus text, on the main address or one of its
//! own, behind a bearer token if the operator sets one), and one log line
//! per request.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use sea_orm::DatabaseConnection;
use serde_json::json;
use tokio::net::TcpListener;
use tokio::sync::watch;

use super::state::AppState;

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
            metrics::describe_gauge!(super::ws::CONNECTIONS_METRIC, "WebSocket connections open");
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

/// `GET /ready`: the database answers; 503 while it does not. A pool with
/// every connection in use is asked again outside the pool, so that a busy
/// server is not taken for one without its database.
pub async fn ready(State(state): State<AppState>) -> Response {
    let pinged = tokio::time::timeout(std::time::Duration::from_secs(2), state.db.ping()).await;
    let answers = match pinged {
        Ok(Ok(())) => Ok(Ok(())),
        failed if state.prober.database_answers().await => {
            tracing::info!(?failed, "the pool is busy; the database answers");
            Ok(Ok(()))
        }
        failed => failed,
    };
    match answers {
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

/// What `/metrics` needs: the recorder, the pool it reports on, and the
/// bearer token it asks for, if any.
#[derive(Clone)]
pub struct MetricsState {
    pub handle: Option<PrometheusHandle>,
    pub db: DatabaseConnection,
    pub token: Option<Arc<str>>,
}

/// `GET /metrics` alone, for the main address or one of its own.
pub fn metrics_router<S: Clone + Send + Sync + 'static>(state: MetricsState) -> Router<S> {
    Router::new().route("/metrics", get(metrics)).with_state(state)
}

/// Serves `/metrics` on a listener of its own until the server stops.
pub fn serve_metrics(listener: TcpListener, state: MetricsState, mut stopping: watch::Receiver<bool>) {
    if let Ok(local) = listener.local_addr() {
        tracing::info!("serving metrics on http://{local}/metrics");
    }
    let app: Router = metrics_router(state);
    tokio::spawn(async move {
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stopping.wait_for(|stop| *stop).await;
            })
            .await;
        if let Err(err) = served {
            tracing::error!(error = %err, "the metrics listener stopped");
        }
    });
}

/// Whether the request carries the metrics token as a bearer token
/// (compared in constant time).
fn bearer_matches(headers: &HeaderMap, token: &str) -> bool {
    use subtle::ConstantTimeEq;
    headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|sent| bool::from(sent.trim().as_bytes().ct_eq(token.as_bytes())))
}

/// `GET /metrics`: every metric in the Prometheus text format; 401 without
/// the metrics token where one is set.
pub async fn metrics(State(state): State<MetricsState>, headers: HeaderMap) -> Response {
    if let Some(token) = &state.token
        && !bearer_matches(&headers, token)
    {
        let mut response = (
            StatusCode::UNAUTHORIZED,
            "metrics need the bearer token set by --metrics-token\n",
        )
            .into_response();
        response
            .headers_mut()
            .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return response;
    }
    let Some(handle) = &state.handle else {
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

impl Outcome {
    /// A request refused with this code before it ran.
    pub fn refused(code: &str) -> Self {
        Self {
            operation: "refused".to_owned(),
            outcome: code.to_owned(),
            codes: vec![code.to_owned()],
        }
    }
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
