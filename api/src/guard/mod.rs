//! What the schema enforces on every request, whatever door it came in by
//! (HTTP or WebSocket): the limits on a document and its complexity
//! ([`limits`]), the trusted-document manifest ([`trusted`]), messages that
//! name only what the request spelled ([`redact`]) and bounded metric
//! labels ([`labels`]); and the settings they follow ([`Exposure`],
//! [`limits::Limits`]). Each is a schema extension that `graphql` installs;
//! none knows the schema's types, so this module sits below `graphql`.

pub mod codes;
pub mod exposure;
pub mod labels;
pub mod limits;
pub mod redact;
pub mod trusted;

use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{ServerError, ServerResult, Variables};

pub use exposure::Exposure;

/// A check on each request's document, before and after it is parsed: the
/// shape most of these extensions share, written once.
pub trait DocumentCheck: Clone + Send + Sync + 'static {
    /// Refuses the query's text before it is parsed.
    fn before(&self, _query: &str) -> ServerResult<()> {
        Ok(())
    }

    /// Looks at the parsed document, and may refuse it.
    fn after(&self, _ctx: &ExtensionContext<'_>, _document: &ExecutableDocument) -> ServerResult<()> {
        Ok(())
    }

    /// Says why the query did not parse.
    fn failed(&self, _query: &str, error: ServerError) -> ServerError {
        error
    }
}

/// A [`DocumentCheck`] as a schema extension: `schema.extension(OnParse(check))`.
#[derive(Clone)]
pub struct OnParse<C>(pub C);

impl<C: DocumentCheck> ExtensionFactory for OnParse<C> {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(self.clone())
    }
}

#[async_graphql::async_trait::async_trait]
impl<C: DocumentCheck> Extension for OnParse<C> {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        self.0.before(query)?;
        let document = next
            .run(ctx, query, variables)
            .await
            .map_err(|error| self.0.failed(query, error))?;
        self.0.after(ctx, &document)?;
        Ok(document)
    }
}

/// The factory of an extension that keeps state for one request: a fresh
/// `E::default()` per request.
pub struct PerRequest<E>(std::marker::PhantomData<fn() -> E>);

impl<E> Default for PerRequest<E> {
    fn default() -> Self {
        Self(std::marker::PhantomData)
    }
}

impl<E: Extension + Default> ExtensionFactory for PerRequest<E> {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(E::default())
    }
}
