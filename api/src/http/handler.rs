//! `/graphql`: who the caller is, what the request (or batch) holds and
//! whether it may run, its turn if it is heavy, and its time limit.

use std::net::SocketAddr;
use std::sync::atomic::Ordering;

use async_graphql::BatchRequest;
use async_graphql::parser::types::{DocumentOperations, OperationType};
use axum::Extension;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{ALLOW, AUTHORIZATION};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::Response;

use super::answer::answer;
use super::fairness::ClientAddr;
use super::refuse::{refuse, retry_after};
use super::state::AppState;
use crate::auth::Caller;
use crate::guard::limits;

/// The GraphQL request (or batch) a GET's query string or a POST's body
/// holds, already read by [`admit`].
async fn read_request(method: &Method, request: Request) -> Result<BatchRequest, Response> {
    let malformed = |message: String| refuse(StatusCode::BAD_REQUEST, "BAD_REQUEST", &message);
    if method == Method::GET {
        return super::wire::from_query_string(request.uri().query().unwrap_or_default()).map_err(malformed);
    }
    let body = axum::body::to_bytes(request.into_body(), usize::MAX)
        .await
        .map_err(|_| malformed("the request body could not be read to its end".to_owned()))?;
    super::wire::from_body(&body).map_err(malformed)
}

/// A method other than GET and POST on `/graphql`.
pub async fn wrong_method() -> Response {
    let mut response = refuse(
        StatusCode::METHOD_NOT_ALLOWED,
        "BAD_REQUEST",
        "GraphQL is served over POST, and over GET for queries",
    );
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static("GET, POST"));
    response
}

/// Runs a GraphQL request (or a batch of them, each with loaders of its
/// own), as the caller its bearer token names, within the limits.
pub async fn graphql(
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
    let mut batch = match read_request(&method, request).await {
        Ok(batch) => batch,
        Err(refused) => return refused,
    };
    let mut requests: Vec<&mut async_graphql::Request> = match &mut batch {
        BatchRequest::Single(r) => vec![r],
        BatchRequest::Batch(rs) => rs.iter_mut().collect(),
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
    let complexity = limits::complexity(&state.schema, &mut requests).await;
    let max = state.limits.max_complexity;
    if requests.len() > 1 && complexity > max {
        let refusal = limits::batch_over_complexity(complexity, max);
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
