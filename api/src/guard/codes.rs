//! Codes for the errors async-graphql raises itself before a request runs,
//! which carry none: a document that does not parse is
//! `GRAPHQL_PARSE_FAILED`, one that does not validate against the schema
//! (or variables that do not fit their types) `GRAPHQL_VALIDATION_FAILED`,
//! and an `operationName` the document does not define, or none for a
//! document of several operations, `OPERATION_RESOLUTION_FAILURE`, as
//! Apollo Server names them. Errors that carry a code already (the
//! limits', the trusted documents') keep theirs. Their messages are still
//! async-graphql's, which [`super::redact`] rewrites in production.

use std::sync::Arc;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextRequest, NextValidation,
};
use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{ErrorExtensionValues, Response, ServerError, ServerResult, ValidationResult, Variables};

/// A document that does not parse.
pub const PARSE_FAILED: &str = "GRAPHQL_PARSE_FAILED";
/// A document that does not validate, or variables that do not fit.
pub const VALIDATION_FAILED: &str = "GRAPHQL_VALIDATION_FAILED";
/// No operation of the document is the one to run.
pub const OPERATION_RESOLUTION_FAILURE: &str = "OPERATION_RESOLUTION_FAILURE";

/// Whether an error's message is async-graphql's own: it has no code, or
/// one of the codes given here to async-graphql's errors.
pub fn worded_by_library(error: &ServerError) -> bool {
    match error.extensions.as_ref().and_then(|e| e.get("code")) {
        None => true,
        Some(async_graphql::Value::String(code)) => {
            [PARSE_FAILED, VALIDATION_FAILED, OPERATION_RESOLUTION_FAILURE].contains(&code.as_str())
        }
        Some(_) => false,
    }
}

/// Gives `code` to an error that has none.
fn with_code(mut error: ServerError, code: &'static str) -> ServerError {
    let extensions = error.extensions.get_or_insert_with(ErrorExtensionValues::default);
    if extensions.get("code").is_none() {
        extensions.set("code", code);
    }
    error
}

/// The schema extension; installed first, so that it sees the errors the
/// other extensions have given their codes.
#[derive(Clone, Copy)]
pub struct RequestErrorCodes;

impl ExtensionFactory for RequestErrorCodes {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(*self)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for RequestErrorCodes {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let mut response = next.run(ctx).await;
        // What fails after validation and before execution is choosing the
        // operation: an error of no field, with no data.
        if response.data == async_graphql::Value::Null {
            response.errors = std::mem::take(&mut response.errors)
                .into_iter()
                .map(|e| match e.path.is_empty() {
                    true => with_code(e, OPERATION_RESOLUTION_FAILURE),
                    false => e,
                })
                .collect();
        }
        response
    }

    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        next.run(ctx, query, variables)
            .await
            .map_err(|e| with_code(e, PARSE_FAILED))
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        next.run(ctx).await.map_err(|errors| {
            errors
                .into_iter()
                .map(|e| with_code(e, VALIDATION_FAILED))
                .collect()
        })
    }
}
