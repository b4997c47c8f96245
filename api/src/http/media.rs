//! GraphQL over HTTP media types: what a request must be sent as, and
//! what its response is. A client that accepts
//! `application/graphql-response+json` gets it, with HTTP 400 for a
//! request that fails before execution (a document that does not parse or
//! validate, variables that do not fit); any other client gets
//! `application/json`, with 200 for those, as the spec asks for the older
//! type. A request error's body has no `data` entry, as the GraphQL spec
//! asks of an error raised before execution.

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{ACCEPT, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The GraphQL over HTTP response type.
pub const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";
/// The older type, still what most clients ask for.
pub const JSON: &str = "application/json";

/// Marks a response to a request that failed before execution.
#[derive(Clone, Copy)]
struct RequestError;

/// Whether the client prefers `application/graphql-response+json` to
/// `application/json`: it names the first with a weight above zero and no
/// lower than the second's. `*/*` and no `Accept` at all mean
/// `application/json`.
fn prefers_graphql_response(headers: &HeaderMap) -> bool {
    let mut graphql = 0.0_f32;
    let mut json = 0.0_f32;
    for value in headers.get_all(ACCEPT) {
        let Ok(value) = value.to_str() else { continue };
        for range in value.split(',') {
            let mut parts = range.split(';');
            let kind = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let weight = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            match kind.as_str() {
                GRAPHQL_RESPONSE => graphql = graphql.max(weight),
                JSON => json = json.max(weight),
                _ => {}
            }
        }
    }
    graphql > 0.0 && graphql >= json
}

/// Refuses a POST whose body is not declared as JSON, then gives the
/// response, the refusal too, the media type the client accepts.
pub async fn negotiate(request: Request, next: Next) -> Response {
    let graphql_response = prefers_graphql_response(request.headers());
    let mut response = if request.method() == Method::POST && !declares_json(request.headers()) {
        render_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            crate::error::coded(
                "BAD_REQUEST",
                "send the request body as JSON, with `Content-Type: application/json`".to_owned(),
            ),
        )
    } else {
        next.run(request).await
    };
    let rendered = response
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|v| v == GRAPHQL_RESPONSE);
    if !rendered {
        return response;
    }
    if graphql_response {
        if response.status() == StatusCode::OK && response.extensions().get::<RequestError>().is_some() {
            *response.status_mut() = StatusCode::BAD_REQUEST;
        }
    } else {
        response.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
    }
    response
}

/// Whether the request's `Content-Type` is `application/json` (with any
/// parameters, such as a charset).
fn declares_json(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case(JSON))
}

/// A GraphQL response (or a batch of them) as HTTP, in
/// `application/graphql-response+json` until [`negotiate`] says otherwise.
pub fn render(batch: async_graphql::BatchResponse) -> Response {
    let request_error = match &batch {
        async_graphql::BatchResponse::Single(r) => is_request_error(r),
        async_graphql::BatchResponse::Batch(_) => false,
    };
    let headers = batch.http_headers();
    // Straight to bytes: a detour through `serde_json::Value` would sort
    // each object's keys, and the spec keeps them in the query's order.
    let body = if request_error {
        serde_json::to_value(&batch).map(|mut body| {
            if let Some(fields) = body.as_object_mut() {
                fields.remove("data");
            }
            Some(body.to_string().into_bytes())
        })
    } else {
        crate::budget::to_json_within(&batch)
    };
    let body = match body {
        Ok(Some(body)) => body,
        Ok(None) => return render(crate::budget::refused(&batch)),
        Err(error) => {
            tracing::error!(%error, "a GraphQL response could not be serialized");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let mut response = Response::new(Body::from(body));
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(GRAPHQL_RESPONSE));
    response.headers_mut().extend(headers);
    if request_error {
        response.extensions_mut().insert(RequestError);
    }
    response
}

/// A response of one error raised before execution, with its status.
pub fn render_error(status: StatusCode, error: async_graphql::ServerError) -> Response {
    let mut response = render(async_graphql::Response::from_errors(vec![error]).into());
    *response.status_mut() = status;
    response
}

/// Whether a response is one of a request that failed before execution:
/// no data, and errors that name no field (an error in execution has the
/// path of the field that raised it).
fn is_request_error(response: &async_graphql::Response) -> bool {
    response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_str(value).expect("a header"));
        headers
    }

    #[test]
    fn the_graphql_response_type_is_given_to_clients_that_prefer_it() {
        assert!(prefers_graphql_response(&accept(GRAPHQL_RESPONSE)));
        assert!(prefers_graphql_response(&accept(
            "application/graphql-response+json, application/json;q=0.9"
        )));
        assert!(!prefers_graphql_response(&accept(
            "application/graphql-response+json;q=0.5, application/json"
        )));
        assert!(!prefers_graphql_response(&accept("application/json")));
        assert!(!prefers_graphql_response(&accept("*/*")));
        assert!(!prefers_graphql_response(&accept(
            "application/graphql-response+json;q=0"
        )));
        assert!(!prefers_graphql_response(&HeaderMap::new()));
    }

    #[test]
    fn only_json_request_bodies_are_declared_json() {
        let mut headers = HeaderMap::new();
        assert!(!declares_json(&headers));
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        assert!(declares_json(&headers));
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/plain"));
        assert!(!declares_json(&headers));
    }
}
