//! The answer to a request refused before it ran: a GraphQL error with a
//! code, in the media type the client accepts, and its outcome for the log.

use axum::http::header::{RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;

use super::media;
use super::ops::Outcome;
use crate::error::coded;

/// A GraphQL error response that never reached execution.
pub fn refuse(status: StatusCode, code: &'static str, message: &str) -> Response {
    let mut response = media::render_error(status, coded(code, message.to_owned()));
    if status == StatusCode::UNAUTHORIZED {
        response
            .headers_mut()
            .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response.extensions_mut().insert(Outcome::refused(code));
    response
}

/// Tells the client of a busy answer to try again in a second.
pub fn retry_after(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from_static("1"));
    response
}
