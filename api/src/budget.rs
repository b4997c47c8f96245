//! What one GraphQL request may read and answer: rows from the database
//! (`--max-rows`), until when its SQL may run (`--timeout-ms`), and how
//! long its response may be (`--max-response-bytes`).
//!
//! Like the statement count of [`crate::sql_stats`], the budget lives in a
//! task-local that the HTTP handler sets for the request, whose loader
//! batches run on the same task. The loaders charge each row they read;
//! once a request has read more than its share, every further read is
//! refused before it runs, and the handler answers `RESULT_TOO_LARGE`
//! instead of the partial result. Work outside a request (imports,
//! subscription events) runs without a budget.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextResolve, ResolveInfo};
use async_graphql::{ServerError, ServerResult, Value};

use crate::error::{AppError, AppResult};

/// How long after a request's time limit the database stops its SQL: the
/// request's own timer answers first (`TIMEOUT`, HTTP 503), and a statement
/// it leaves behind is stopped a moment later.
pub const SQL_GRACE: Duration = Duration::from_millis(250);

/// The share of one request.
#[derive(Debug)]
pub struct Budget {
    max_rows: u64,
    rows: AtomicU64,
    /// Bytes of text the answer holds so far (see [`AnswerBytes`]).
    text_bytes: AtomicUsize,
    exceeded: AtomicBool,
    /// Whether it was the answer's length, not its reads, that passed the share.
    too_long: AtomicBool,
    deadline: Instant,
}

tokio::task_local! {
    static BUDGET: Arc<Budget>;
}

impl Budget {
    /// A request's budget: at most `max_rows` rows, SQL until `deadline`.
    pub fn new(max_rows: u64, deadline: Instant) -> Arc<Self> {
        Arc::new(Self {
            max_rows,
            rows: AtomicU64::new(0),
            text_bytes: AtomicUsize::new(0),
            exceeded: AtomicBool::new(false),
            too_long: AtomicBool::new(false),
            deadline,
        })
    }

    /// Whether the request read past its budget.
    pub fn exceeded(&self) -> bool {
        self.exceeded.load(Ordering::Acquire)
    }

    /// The error the request gets when it read past its budget, or its
    /// answer grew longer than a response may be.
    pub fn refusal(&self) -> AppError {
        if self.too_long.load(Ordering::Acquire) {
            return AppError::ResultTooLarge(too_long_message());
        }
        AppError::ResultTooLarge(format!(
            "the request reads more than {} rows, the limit of one request; \
             ask for smaller pages or fewer nested lists",
            self.max_rows
        ))
    }
}

/// Charges `bytes` of text in the answer to the request; an error once
/// its text alone is longer than a response may be. The answer is then
/// refused whole, as it would be when written, and every further read
/// with it (see [`check`]).
pub fn charge_text(bytes: usize) -> AppResult<()> {
    BUDGET
        .try_with(|b| {
            let held = b.text_bytes.fetch_add(bytes, Ordering::AcqRel) + bytes;
            if held > MAX_RESPONSE_BYTES.load(Ordering::Relaxed) {
                // The first limit passed names the refusal.
                if !b.exceeded.swap(true, Ordering::AcqRel) {
                    b.too_long.store(true, Ordering::Release);
                }
                Err(b.refusal())
            } else {
                Ok(())
            }
        })
        .unwrap_or(Ok(()))
}

/// Charges the text of every field's value to the request as it is
/// resolved ([`charge_text`]). An answer is built whole before it is
/// written, at several times the length it would have as JSON; without
/// this, a request whose answer is refused at writing for its length would
/// first have built all of it, and read every row it needed to (after the
/// abuse benchmark's worst queries, one at a time, a server of 200,000
/// statements held 350 MiB).
pub struct AnswerBytes;

impl ExtensionFactory for AnswerBytes {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(AnswerBytes)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for AnswerBytes {
    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        let value = next.run(ctx, info).await?;
        if let Some(Value::String(text)) = &value {
            charge_text(text.len()).map_err(|err| ServerError::new(err.message(), None))?;
        }
        Ok(value)
    }
}

/// Runs `work` with its reads charged to `budget`.
pub async fn within<F: Future>(budget: Arc<Budget>, work: F) -> F::Output {
    BUDGET.scope(budget, work).await
}

/// Refuses a read when the request has already read its share.
pub fn check() -> AppResult<()> {
    BUDGET
        .try_with(|b| if b.exceeded() { Err(b.refusal()) } else { Ok(()) })
        .unwrap_or(Ok(()))
}

/// Charges `rows` read to the request; an error once it has read more
/// than its share.
pub fn charge(rows: usize) -> AppResult<()> {
    BUDGET
        .try_with(|b| {
            let read = b.rows.fetch_add(rows as u64, Ordering::AcqRel) + rows as u64;
            if read > b.max_rows {
                b.exceeded.store(true, Ordering::Release);
                Err(b.refusal())
            } else {
                Ok(())
            }
        })
        .unwrap_or(Ok(()))
}

/// Until when the current request's SQL may run; `None` outside a request.
pub fn deadline() -> Option<Instant> {
    BUDGET.try_with(|b| b.deadline).ok()
}

/// The longest response body, in bytes: unbounded until set at startup.
static MAX_RESPONSE_BYTES: AtomicUsize = AtomicUsize::new(usize::MAX);

/// Sets the longest response body, once, at startup.
pub fn set_max_response_bytes(n: usize) {
    MAX_RESPONSE_BYTES.store(n, Ordering::Relaxed);
}

/// A response as JSON bytes, or `None` when it is longer than the limit:
/// writing stops at the limit, so no body past it is ever held.
pub fn to_json_within<T: serde::Serialize>(value: &T) -> Result<Option<Vec<u8>>, serde_json::Error> {
    let mut body = Capped {
        bytes: Vec::new(),
        max: MAX_RESPONSE_BYTES.load(Ordering::Relaxed),
        overflowed: false,
    };
    match serde_json::to_writer(&mut body, value) {
        Ok(()) => Ok(Some(body.bytes)),
        Err(_) if body.overflowed => Ok(None),
        Err(error) => Err(error),
    }
}

/// What a response longer than the limit is replaced with: the error,
/// once for each operation of a batch.
pub fn refused(batch: &async_graphql::BatchResponse) -> async_graphql::BatchResponse {
    let one = || async_graphql::Response::from_errors(vec![response_refusal()]);
    match batch {
        async_graphql::BatchResponse::Single(_) => one().into(),
        async_graphql::BatchResponse::Batch(all) => {
            async_graphql::BatchResponse::Batch(all.iter().map(|_| one()).collect())
        }
    }
}

/// The error of a response longer than the limit.
fn response_refusal() -> async_graphql::ServerError {
    crate::error::coded("RESULT_TOO_LARGE", too_long_message())
}

/// What a response longer than the limit is told.
fn too_long_message() -> String {
    format!(
        "the response is longer than {} bytes, the limit of one response; \
         ask for smaller pages or fewer fields",
        MAX_RESPONSE_BYTES.load(Ordering::Relaxed)
    )
}

/// A body that refuses to grow past `max` bytes.
struct Capped {
    bytes: Vec<u8>,
    max: usize,
    overflowed: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len().saturating_add(data.len()) > self.max {
            self.overflowed = true;
            return Err(std::io::Error::other("the response passed its size limit"));
        }
        self.bytes.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn reads_past_the_budget_are_refused_and_so_is_every_read_after() {
        let budget = Budget::new(10, Instant::now());
        within(budget.clone(), async {
            assert!(charge(6).is_ok());
            assert!(check().is_ok());
            let err = charge(5).expect_err("11 rows of 10");
            assert_eq!(err.code(), "RESULT_TOO_LARGE");
            assert!(check().is_err());
        })
        .await;
        assert!(budget.exceeded());
    }

    #[tokio::test]
    async fn reads_outside_a_request_are_not_counted() {
        assert!(charge(usize::MAX).is_ok());
        assert!(deadline().is_none());
    }
}
