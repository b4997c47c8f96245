//! HTTP: GraphQL at `/graphql` (POST, and GET for queries), subscriptions
//! over WebSocket at `/graphql/ws`, and the GraphiQL playground at `/`,
//! opened on example queries about the seed article. Bearer tokens are
//! checked here, before anything runs.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_graphql::http::ALL_WEBSOCKET_PROTOCOLS;
use async_graphql::parser::types::{DocumentOperations, OperationType};
use async_graphql_axum::{GraphQLProtocol, GraphQLRequest, GraphQLResponse, GraphQLWebSocket};
use axum::Router;
use axum::extract::State;
use axum::extract::WebSocketUpgrade;
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use sea_orm::DatabaseConnection;
use tower_http::trace::TraceLayer;

use crate::auth::{Caller, Tokens};
use crate::changes::Changes;
use crate::graphql::{AppSchema, build_schema};
use crate::loader::Loaders;
use crate::sql_stats;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub schema: AppSchema,
    pub db: DatabaseConnection,
    /// Whether responses report their SQL statement count.
    pub sql_stats: bool,
    /// The bearer tokens the operator configured.
    pub tokens: Arc<Tokens>,
}

/// The application's routes over a migrated database.
pub fn router(db: DatabaseConnection, sql_stats: bool, tokens: Tokens, changes: Changes) -> Router {
    let state = AppState {
        schema: build_schema(db.clone(), changes),
        db,
        sql_stats,
        tokens: Arc::new(tokens),
    };
    Router::new()
        .route("/", get(playground))
        .route("/graphql", get(graphql).post(graphql))
        .route("/graphql/ws", get(graphql_ws))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Runs one GraphQL request with loaders of its own, as the caller its
/// bearer token names, counting its SQL statements.
async fn graphql(
    State(state): State<AppState>,
    method: Method,
    headers: HeaderMap,
    request: GraphQLRequest,
) -> Response {
    let caller = state
        .tokens
        .caller(headers.get(AUTHORIZATION).map(|v| v.as_bytes()));
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
    let request = request.into_inner();
    // GET is for reads: a mutation over GET could be triggered by a link.
    if method == Method::GET && is_mutation(&request) {
        return refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            "BAD_REQUEST",
            "mutations are sent with POST; GET only runs queries",
        );
    }
    let statements = Arc::new(AtomicU64::new(0));
    let (loaders, batches) = Loaders::new(&state.db);
    let request = request.data(loaders).data(caller);
    let mut response =
        sql_stats::counting(statements.clone(), batches.drive(state.schema.execute(request))).await;
    if state.sql_stats {
        let n = statements.load(Ordering::Relaxed);
        response
            .extensions
            .insert("sqlStatements".to_owned(), async_graphql::Value::from(n));
    }
    GraphQLResponse::from(response).into_response()
}

/// Subscriptions over WebSocket (`graphql-transport-ws`, and the older
/// `graphql-ws`). The token goes in the `connection_init` payload as
/// `{"Authorization": "Bearer <token>"}`, checked as for HTTP.
async fn graphql_ws(
    State(state): State<AppState>,
    protocol: GraphQLProtocol,
    upgrade: WebSocketUpgrade,
) -> Response {
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| {
            let tokens = state.tokens.clone();
            let db = state.db.clone();
            GraphQLWebSocket::new(socket, state.schema.clone(), protocol)
                .on_connection_init(move |payload| async move {
                    let header = payload
                        .get("Authorization")
                        .or_else(|| payload.get("authorization"))
                        .and_then(|v| v.as_str())
                        .map(|v| v.as_bytes().to_vec());
                    let caller = tokens.caller(header.as_deref());
                    match caller {
                        Caller::Refused => Err("the bearer token is not one this server knows".into()),
                        Caller::Anonymous if tokens.reads_need_token() => {
                            Err("this server needs a token: send {\"Authorization\": \"Bearer <token>\"} in connection_init".into())
                        }
                        caller => {
                            let mut data = async_graphql::Data::default();
                            data.insert(caller);
                            data.insert(Loaders::spawning(&db));
                            Ok(data)
                        }
                    }
                })
                .serve()
        })
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
    let mut error = async_graphql::ServerError::new(message, None);
    let mut extensions = async_graphql::ErrorExtensionValues::default();
    extensions.set("code", code);
    error.extensions = Some(extensions);
    let mut response = (
        status,
        GraphQLResponse::from(async_graphql::Response::from_errors(vec![error])),
    )
        .into_response();
    if status == StatusCode::UNAUTHORIZED {
        response
            .headers_mut()
            .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response
}

/// The example queries the playground opens with, one tab each, in order.
pub const EXAMPLES: [&str; 5] = [
    include_str!("playground/1-who-opposes-nato-membership.graphql"),
    include_str!("playground/2-everything-peskov-said.graphql"),
    include_str!("playground/3-the-eu-loan.graphql"),
    include_str!("playground/4-the-drone-attack.graphql"),
    include_str!("playground/5-what-kremlin-officials-said.graphql"),
];

/// The GraphiQL playground, pointed at `/graphql`, with the examples open.
async fn playground() -> impl IntoResponse {
    static PAGE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let tabs: Vec<_> = EXAMPLES
            .iter()
            .map(|q| serde_json::json!({ "query": q }))
            .collect();
        // Inside <script>, "</" could end the element early.
        let json = serde_json::to_string(&tabs)
            .unwrap_or_else(|_| "[]".to_owned())
            .replace("</", "<\\/");
        include_str!("playground/index.html").replace("__EXAMPLES__", &json)
    });
    Html(PAGE.as_str())
}
