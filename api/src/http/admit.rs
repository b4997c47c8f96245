//! Admission: a request's body is read within its size limit and timeout
//! before the request takes a place in flight.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CONNECTION, CONTENT_LENGTH};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use http_body_util::BodyExt;

use super::refuse::{refuse, retry_after};
use super::state::AppState;

/// Reads the body first (within the size limit and the body timeout), and
/// only then admits the request if the server has room for one more in
/// flight: a client that dawdles over its body holds no place. A body over
/// the limit is refused at once when its length is declared, and as soon
/// as it passes the limit when it is streamed.
pub async fn admit(State(state): State<AppState>, request: Request, next: Next) -> Response {
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
