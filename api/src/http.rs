//! HTTP: GraphQL at `/graphql` (POST, and GET for queries; media types in
//! `media`), subscriptions over WebSocket at `/graphql/ws` (in `ws`), and
//! the GraphiQL playground at `/` (see [`crate::playground`]). Bearer tokens
//! are checked here, before anything runs.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use async_graphql::parser::types::{DocumentOperations, OperationType};
use async_graphql::{BatchRequest, BatchResponse};
use axum::Extension;
use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{AUTHORIZATION, CONNECTION, CONTENT_LENGTH, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use http_body_util::BodyExt;
use sea_orm::DatabaseConnection;
use tokio::sync::{Semaphore, watch};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::auth::{Caller, Tokens};
use crate::budget::{self, Budget};
use crate::changes::Changes;
use crate::config::{Environment, ExposureArgs};
use crate::fairness::ClientAddr;
use crate::graphql::{AppSchema, build_schema};
use crate::limits::Limits;
use crate::loader::Loaders;
use crate::sql_stats;

/// What the server shows of itself, and to which browser origins.
#[derive(Debug, Clone)]
pub struct Exposure {
    /// Whether introspection queries are answered.
    pub introspection: bool,
    /// Whether errors suggest field names ("Did you mean ...?").
    pub suggestions: bool,
    /// Whether `/` serves the playground.
    pub playground: bool,
    /// Browser origins allowed to call; `None` for any.
    pub cors_origins: Option<Vec<HeaderValue>>,
    /// Whether validation messages name only what the request spelled.
    pub redact_messages: bool,
    /// The only documents that run, when the operator gave a manifest.
    pub trusted_documents: Option<Arc<crate::trusted::TrustedDocuments>>,
    /// Whether `/metrics` is served on the main address.
    pub metrics_on_main: bool,
    /// The bearer token `/metrics` asks for, if any.
    pub metrics_token: Option<Arc<str>>,
}

impl Exposure {
    /// Development's openness, or production's reserve, with the operator's
    /// individual settings on top.
    pub fn from_args(args: &ExposureArgs) -> Result<Self, String> {
        let production = args.environment == Environment::Production;
        let introspection = args.introspection.unwrap_or(!production);
        let cors_origins = match args.cors_origins.as_deref().map(str::trim) {
            None if production => Some(Vec::new()),
            None | Some("*") => None,
            Some(list) => Some(
                list.split(',')
                    .map(str::trim)
                    .filter(|o| !o.is_empty())
                    .map(|o| {
                        if o.starts_with("http://") || o.starts_with("https://") {
                            HeaderValue::from_str(o.trim_end_matches('/')).map_err(|_| o.to_owned())
                        } else {
                            Err(o.to_owned())
                        }
                    })
                    .collect::<Result<_, _>>()
                    .map_err(|o| {
                        format!(
                            "NEWSGRAPH_CORS_ORIGINS: \"{o}\" is not an origin like https://app.example.org"
                        )
                    })?,
            ),
        };
        let suggestions = args.suggestions.unwrap_or(introspection);
        let trusted_documents = match &args.trusted_documents {
            Some(path) => Some(Arc::new(crate::trusted::TrustedDocuments::load(path)?)),
            None => None,
        };
        let metrics_token = match args.metrics_token.as_deref().map(str::trim) {
            Some(token) if token.len() < 16 || !token.bytes().all(|b| b.is_ascii_graphic()) => {
                return Err(
                    "NEWSGRAPH_METRICS_TOKEN: a metrics token is at least 16 visible ASCII characters"
                        .to_owned(),
                );
            }
            token => token.map(Arc::from),
        };
        // In production `/metrics` is public only if the operator says how
        // to keep it private.
        let metrics_on_main = args.metrics_addr.is_none() && (!production || metrics_token.is_some());
        Ok(Self {
            introspection,
            suggestions,
            playground: args.playground.unwrap_or(!production),
            cors_origins,
            redact_messages: !introspection && !suggestions,
            trusted_documents,
            metrics_on_main,
            metrics_token,
        })
    }
}

impl Default for Exposure {
    fn default() -> Self {
        Self {
            introspection: true,
            suggestions: true,
            playground: true,
            cors_origins: None,
            redact_messages: false,
            trusted_documents: None,
            metrics_on_main: true,
            metrics_token: None,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub schema: AppSchema,
    pub db: DatabaseConnection,
    /// Whether responses report their SQL statement count.
    pub sql_stats: bool,
    /// The bearer tokens the operator configured.
    pub tokens: Arc<Tokens>,
    /// The limits on one request.
    pub limits: Arc<Limits>,
    /// Permits for requests in flight.
    pub in_flight: Arc<Semaphore>,
    /// Places for open WebSocket connections.
    pub ws_connections: Arc<Semaphore>,
    /// Places for running subscriptions, across every connection.
    pub subscriptions: Arc<Semaphore>,
    /// Set while the database is known not to answer: requests fail at
    /// once instead of each waiting for a connection, until a probe finds
    /// the database back.
    pub database_down: Arc<std::sync::atomic::AtomicBool>,
    /// Tells a busy pool apart from a database that does not answer.
    pub prober: Arc<crate::fairness::Prober>,
    /// The turns heavy requests take.
    pub heavy: Arc<crate::fairness::HeavyTurns>,
    /// Becomes true when the server begins to shut down.
    pub stopping: watch::Receiver<bool>,
}

/// Everything the routes need besides the database.
pub struct Settings {
    pub sql_stats: bool,
    pub tokens: Tokens,
    pub changes: Changes,
    pub limits: Limits,
    pub exposure: Exposure,
    pub metrics: Option<metrics_exporter_prometheus::PrometheusHandle>,
    /// Becomes true when the server begins to shut down.
    pub stopping: watch::Receiver<bool>,
}

/// The application's routes over a migrated database.
pub fn router(db: DatabaseConnection, settings: Settings) -> Router {
    let limits = Arc::new(settings.limits);
    let metrics = crate::ops::MetricsState {
        handle: settings.metrics,
        db: db.clone(),
        token: settings.exposure.metrics_token.clone(),
    };
    let state = AppState {
        schema: build_schema(db.clone(), settings.changes, limits.clone(), &settings.exposure),
        db: db.clone(),
        sql_stats: settings.sql_stats,
        tokens: Arc::new(settings.tokens),
        in_flight: Arc::new(Semaphore::new(limits.max_in_flight)),
        ws_connections: Arc::new(Semaphore::new(limits.max_ws_connections)),
        subscriptions: Arc::new(Semaphore::new(limits.max_subscriptions)),
        heavy: Arc::new(crate::fairness::HeavyTurns::new(limits.clone())),
        limits,
        database_down: Arc::default(),
        prober: Arc::new(crate::fairness::Prober::new(db.clone())),
        stopping: settings.stopping,
    };
    let cors = CorsLayer::new()
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([AUTHORIZATION, axum::http::header::CONTENT_TYPE])
        .max_age(std::time::Duration::from_secs(600));
    let cors = match settings.exposure.cors_origins {
        None => cors.allow_origin(AllowOrigin::any()),
        Some(list) => cors.allow_origin(AllowOrigin::list(list)),
    };
    let mut routes = Router::new();
    if settings.exposure.playground {
        routes = routes.merge(crate::playground::router());
    }
    let mut graphql_route = get(graphql).post(graphql).fallback(wrong_method);
    if let Some(documents) = settings.exposure.trusted_documents.clone() {
        graphql_route =
            graphql_route.route_layer(middleware::from_fn_with_state(documents, crate::trusted::resolve));
    }
    let api = routes
        .route("/graphql", graphql_route)
        .route("/graphql/ws", get(crate::ws::graphql_ws))
        .layer(middleware::from_fn_with_state(state.clone(), admit))
        .layer(middleware::from_fn(crate::media::negotiate))
        .layer(cors);
    // Probes and metrics stay outside the request limits: a full server
    // must still say how it is.
    let mut app = api
        .route("/health", get(crate::ops::health))
        .route("/ready", get(crate::ops::ready));
    if settings.exposure.metrics_on_main {
        app = app.merge(crate::ops::metrics_router(metrics));
    }
    app.layer(middleware::from_fn(crate::ops::log_request))
        .with_state(state)
}

/// Reads the body first (within the size limit and the body timeout), and
/// only then admits the request if the server has room for one more in
/// flight: a client that dawdles over its body holds no place. A body over
/// the limit is refused at once when its length is declared, and as soon
/// as it passes the limit when it is streamed.
async fn admit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let max = state.limits.max_body_bytes;
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return too_large(max);
    }
    let (parts, body) = request.into_parts();
    let limit = state.limits.body_timeout;
    let body = match tokio::time::timeout(limit, http_body_util::Limited::new(body, max).collect()).await {
        Ok(Ok(body)) => body.to_bytes(),
        Ok(Err(err)) if err.is::<http_body_util::LengthLimitError>() => return too_large(max),
        Ok(Err(err)) => {
            tracing::debug!(%err, "a request body could not be read");
            return refuse(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                "the request body could not be read to its end",
            );
        }
        Err(_) => {
            let mut response = refuse(
                StatusCode::REQUEST_TIMEOUT,
                "REQUEST_TIMEOUT",
                &format!(
                    "the request body did not arrive within the limit of {} ms",
                    limit.as_millis()
                ),
            );
            response
                .headers_mut()
                .insert(CONNECTION, HeaderValue::from_static("close"));
            return response;
        }
    };
    let Ok(permit) = state.in_flight.clone().try_acquire_owned() else {
        let response = refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "SERVER_BUSY",
            &format!(
                "the server is serving its limit of {} requests at once; retry shortly",
                state.limits.max_in_flight
            ),
        );
        return retry_after(response);
    };
    let response = next.run(Request::from_parts(parts, Body::from(body))).await;
    drop(permit);
    response
}

/// The refusal of a body over the size limit.
fn too_large(max: usize) -> Response {
    refuse(
        StatusCode::PAYLOAD_TOO_LARGE,
        "PAYLOAD_TOO_LARGE",
        &format!("the request body is over the limit of {max} bytes"),
    )
}

/// The GraphQL request (or batch) a GET's query string or a POST's body
/// holds, already read by [`admit`].
async fn read_request(method: &Method, request: Request) -> Result<BatchRequest, Response> {
    let malformed = |message: String| refuse(StatusCode::BAD_REQUEST, "BAD_REQUEST", &message);
    if method == Method::GET {
        return crate::wire::from_query_string(request.uri().query().unwrap_or_default()).map_err(malformed);
    }
    let body = axum::body::to_bytes(request.into_body(), usize::MAX)
        .await
        .map_err(|_| malformed("the request body could not be read to its end".to_owned()))?;
    crate::wire::from_body(&body).map_err(malformed)
}

/// A method other than GET and POST on `/graphql`.
async fn wrong_method() -> Response {
    let mut response = refuse(
        StatusCode::METHOD_NOT_ALLOWED,
        "BAD_REQUEST",
        "GraphQL is served over POST, and over GET for queries",
    );
    response
        .headers_mut()
        .insert(axum::http::header::ALLOW, HeaderValue::from_static("GET, POST"));
    response
}

/// Runs a GraphQL request (or a batch of them, each with loaders of its
/// own), as the caller its bearer token names, within the limits.
async fn graphql(
    State(state): State<AppState>,
    method: Method,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    request: Request,
) -> Response {
    let client = peer.map(|Extension(ConnectInfo(addr))| ClientAddr(addr.ip()));
    let caller = state
        .tokens
        .caller(request.headers().get(AUTHORIZATION).map(|v| v.as_bytes()));
    match &caller {
        Caller::Refused => {
            return refuse(
                StatusCode::UNAUTHORIZED,
                "UNAUTHENTICATED",
                "the bearer token is not one this server knows",
            );
        }
        Caller::Anonymous if state.tokens.reads_need_token() => {
            return refuse(
                StatusCode::UNAUTHORIZED,
                "UNAUTHENTICATED",
                "this server needs a token for reads too: send `Authorization: Bearer <token>`",
            );
        }
        _ => {}
    }
    let batch = match read_request(&method, request).await {
        Ok(batch) => batch,
        Err(refused) => return refused,
    };
    let requests: Vec<&async_graphql::Request> = match &batch {
        BatchRequest::Single(r) => vec![r],
        BatchRequest::Batch(rs) => rs.iter().collect(),
    };
    let max = state.limits.max_batch;
    if requests.len() > max {
        return refuse(
            StatusCode::BAD_REQUEST,
            "BATCH_TOO_LARGE",
            &format!(
                "the batch holds {} operations; the limit is {max}",
                requests.len()
            ),
        );
    }
    if requests.iter().any(|r| r.query.trim().is_empty()) {
        return refuse(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "the request has no `query`: send the GraphQL document as `query`",
        );
    }
    // GET is for reads: a mutation over GET could be triggered by a link.
    if method == Method::GET && requests.iter().any(|r| is_mutation(r)) {
        return refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            "BAD_REQUEST",
            "mutations are sent with POST; GET only runs queries",
        );
    }
    if state.database_down.load(Ordering::Relaxed) {
        return refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "DATABASE_UNAVAILABLE",
            "the database is not answering; nothing was written, try again shortly",
        );
    }
    let complexity = crate::limits::complexity(&state.schema, &requests).await;
    let max = state.limits.max_complexity;
    if requests.len() > 1 && complexity > max {
        let refusal = crate::limits::batch_over_complexity(complexity, max);
        return refuse(StatusCode::BAD_REQUEST, "QUERY_TOO_COMPLEX", &refusal);
    }
    // A heavy request waits for its turn, then runs apart from the others.
    let turn = if complexity > state.limits.heavy_complexity {
        match state.heavy.wait_for_turn(client).await {
            Ok(turn) => Some(turn),
            Err(why) => return retry_after(refuse(StatusCode::SERVICE_UNAVAILABLE, "SERVER_BUSY", &why)),
        }
    } else {
        None
    };
    let timeout = state.limits.timeout;
    let run = answer(state, batch, caller);
    let answered = match turn {
        None => tokio::time::timeout(timeout, run).await,
        Some(turn) => tokio::time::timeout(timeout, turn.run(run)).await,
    };
    answered.unwrap_or_else(|_| {
        refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "TIMEOUT",
            &format!(
                "the request ran longer than the limit of {} ms and was stopped",
                timeout.as_millis()
            ),
        )
    })
}

/// Runs a request (or a batch, each with loaders of its own) and answers it
/// as HTTP: a busy pool told apart from a database that is down, and the
/// response in the media type the client accepts.
async fn answer(state: AppState, batch: BatchRequest, caller: Caller) -> Response {
    let label = match &batch {
        BatchRequest::Single(r) => Some(crate::ops::OperationLabel::new(r.operation_name.as_deref())),
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
    let mut response = crate::media::render(response);
    if busy {
        if single {
            *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
        }
        response = retry_after(response);
    }
    response.extensions_mut().insert(outcome);
    response
}

/// Tells the client of a busy answer to try again in a second.
fn retry_after(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from_static("1"));
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
            let mut busy = crate::limits::coded(
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
        Instant::now() + state.limits.timeout + crate::limits::SQL_GRACE,
    );
    let (loaders, batches) = Loaders::new(&state.db);
    let request = request.data(loaders).data(caller);
    let run = batches.drive(state.schema.execute(request));
    let mut response = sql_stats::counting(statements.clone(), budget::within(share.clone(), run)).await;
    if share.exceeded() {
        // A partial answer would hide what is missing: refuse it whole.
        let error = crate::limits::coded("RESULT_TOO_LARGE", share.refusal().message());
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
fn outcome(operation: String, response: &BatchResponse) -> crate::ops::Outcome {
    let codes: Vec<String> = errors(response)
        .map(|e| error_code(e).unwrap_or("GRAPHQL_ERROR").to_owned())
        .collect();
    crate::ops::Outcome {
        operation,
        outcome: codes.first().cloned().unwrap_or_else(|| "ok".to_owned()),
        codes,
    }
}

/// Whether the operation a request would run is a mutation.
fn is_mutation(request: &async_graphql::Request) -> bool {
    let Ok(document) = async_graphql::parser::parse_query(&request.query) else {
        return false;
    };
    let operation = match (&document.operations, request.operation_name.as_deref()) {
        (DocumentOperations::Single(op), _) => Some(&op.node),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name).map(|op| &op.node),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next().map(|op| &op.node),
        _ => None,
    };
    operation.is_some_and(|op| op.ty == OperationType::Mutation)
}

/// A GraphQL error response that never reached execution.
fn refuse(status: StatusCode, code: &'static str, message: &str) -> Response {
    let error = crate::limits::coded(code, message.to_owned());
    let outcome = crate::ops::Outcome {
        operation: "refused".to_owned(),
        outcome: code.to_owned(),
        codes: vec![code.to_owned()],
    };
    let mut response = crate::media::render_error(status, error);
    if status == StatusCode::UNAUTHORIZED {
        response
            .headers_mut()
            .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response.extensions_mut().insert(outcome);
    response
}
