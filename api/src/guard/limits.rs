//! Limits on what one request may ask, so that no query can tie up the
//! server: document size in bytes and tokens, aliases, directives, depth
//! (the parser's and the schema's recursion guards, which fragment cycles
//! meet, included) and complexity (checked by the schema extension here; a
//! batch's complexity is summed by [`batch_over_complexity`]), and batch
//! size, body size, time and requests in flight (checked in `http`). Each
//! refusal is a GraphQL error with a code and the limit's value in its message.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextValidation};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{ObjectType, Schema, ServerError, ServerResult, SubscriptionType, ValidationResult};

use super::DocumentCheck;
use crate::config::LimitArgs;
use crate::error::coded;

/// The limits the server applies, from the configuration.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_depth: usize,
    pub max_complexity: usize,
    pub max_aliases: usize,
    pub max_directives: usize,
    pub max_query_bytes: usize,
    pub max_query_tokens: usize,
    pub max_batch: usize,
    pub max_body_bytes: usize,
    pub timeout: Duration,
    pub max_in_flight: usize,
    pub max_rows: u64,
    pub heavy_complexity: usize,
    pub max_heavy_in_flight: usize,
    pub max_heavy_per_client: usize,
    pub heavy_queue: Duration,
    /// How long a request's body may take to arrive.
    pub body_timeout: Duration,
    /// How long a WebSocket may wait before `connection_init`.
    pub ws_init_timeout: Duration,
    pub max_subscriptions_per_connection: usize,
    pub max_ws_connections: usize,
    pub max_subscriptions: usize,
}

impl From<&LimitArgs> for Limits {
    fn from(args: &LimitArgs) -> Self {
        Self {
            max_depth: args.max_depth,
            max_complexity: args.max_complexity,
            max_aliases: args.max_aliases,
            max_directives: args.max_directives,
            max_query_bytes: args.max_query_bytes,
            max_query_tokens: args.max_query_tokens,
            max_batch: args.max_batch,
            max_body_bytes: args.max_body_bytes,
            timeout: Duration::from_millis(args.timeout_ms),
            max_in_flight: args.max_in_flight,
            max_rows: args.max_rows,
            heavy_complexity: args.heavy_complexity,
            max_heavy_in_flight: args.max_heavy_in_flight.max(1),
            max_heavy_per_client: args.max_heavy_per_client.max(1),
            heavy_queue: Duration::from_millis(args.heavy_queue_ms),
            body_timeout: Duration::from_millis(args.body_timeout_ms),
            ws_init_timeout: Duration::from_millis(args.ws_init_timeout_ms),
            max_subscriptions_per_connection: args.max_subscriptions_per_connection,
            max_ws_connections: args.max_ws_connections,
            max_subscriptions: args.max_subscriptions,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        use clap::Parser;
        #[derive(Parser)]
        struct Defaults {
            #[command(flatten)]
            limits: LimitArgs,
        }
        // The defaults live in one place: the flags' declarations.
        let defaults = Defaults::parse_from(["newsgraph"]);
        Self::from(&defaults.limits)
    }
}

/// The check of a document's size, tokens, aliases and directives, and of
/// introspection where it is turned off: installed as
/// `OnParse(DocumentLimits { .. })`, beside [`LimitCodes`].
#[derive(Clone)]
pub struct DocumentLimits {
    pub limits: Arc<Limits>,
    pub introspection: bool,
}

impl DocumentCheck for DocumentLimits {
    fn before(&self, query: &str) -> ServerResult<()> {
        let limits = &self.limits;
        if query.len() > limits.max_query_bytes {
            return Err(coded(
                "QUERY_TOO_LARGE",
                format!(
                    "the query is {} bytes long; the limit is {} bytes",
                    query.len(),
                    limits.max_query_bytes
                ),
            ));
        }
        // Counted before parsing, so that a flood of tokens is not parsed.
        let tokens = count_tokens(query, limits.max_query_tokens);
        if tokens > limits.max_query_tokens {
            return Err(coded(
                "QUERY_TOO_LARGE",
                format!(
                    "the query has more than {} tokens, the limit",
                    limits.max_query_tokens
                ),
            ));
        }
        Ok(())
    }

    fn after(&self, ctx: &ExtensionContext<'_>, document: &ExecutableDocument) -> ServerResult<()> {
        if let Some(measure) = ctx.data_opt::<Measure>()
            && let Ok(mut kept) = measure.document.lock()
        {
            *kept = Some(document.clone());
        }
        let counts = count(document);
        at_most(
            "TOO_MANY_ALIASES",
            "aliases",
            counts.aliases,
            self.limits.max_aliases,
        )?;
        if counts.introspection && !self.introspection {
            // The schema alone would answer `__schema` with null; say why.
            return Err(coded(
                "INTROSPECTION_DISABLED",
                "introspection (`__schema`, `__type`) is turned off on this server".to_owned(),
            ));
        }
        at_most(
            "TOO_MANY_DIRECTIVES",
            "directives",
            counts.directives,
            self.limits.max_directives,
        )
    }

    fn failed(&self, query: &str, error: ServerError) -> ServerError {
        too_deep(error, query)
    }
}

/// Refuses with `code` a query that uses more of `what` than the limit.
fn at_most(code: &'static str, what: &str, used: usize, limit: usize) -> ServerResult<()> {
    if used <= limit {
        return Ok(());
    }
    Err(coded(
        code,
        format!("the query uses {used} {what}; the limit is {limit}"),
    ))
}

/// The schema extension that gives the schema's own depth and complexity
/// refusals a code and the limit, and measures a request for [`complexity`].
#[derive(Clone)]
pub struct LimitCodes(pub Arc<Limits>);

impl ExtensionFactory for LimitCodes {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(self.clone())
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for LimitCodes {
    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        // The schema's own depth and complexity checks say neither a code
        // nor the limit; say both.
        let result = next.run(ctx).await.map_err(|errors| {
            errors
                .into_iter()
                .map(|error| match error.message.as_str() {
                    "Query is too complex." => coded(
                        "QUERY_TOO_COMPLEX",
                        format!(
                            "the query is more complex than the limit of {} (each field costs 1, and a list costs its page size, `first` or `last` or 20, times what each item selects); ask for fewer items or fields",
                            self.0.max_complexity
                        ),
                    ),
                    "Query is nested too deep." => coded(
                        "QUERY_TOO_DEEP",
                        format!(
                            "the query nests fields deeper than the limit of {} levels",
                            self.0.max_depth
                        ),
                    ),
                    cycle if cycle.starts_with("Cannot spread fragment") => {
                        coded("QUERY_TOO_DEEP", format!("{cycle}: a fragment spreads itself, directly or through others"))
                    }
                    _ => error,
                })
                .collect::<Vec<_>>()
        })?;
        if let Some(measure) = ctx.data_opt::<Measure>() {
            measure.complexity.fetch_add(result.complexity, Ordering::Relaxed);
            return Err(vec![ServerError::new("measured only", None)]);
        }
        Ok(result)
    }
}

/// The parser's and the schema's guards against deep recursion, which a
/// fragment cycle meets too, as `QUERY_TOO_DEEP`.
fn too_deep(error: ServerError, query: &str) -> ServerError {
    let deep = error.message.starts_with("The recursion depth of the query")
        || error.message.starts_with("recursion limit exceeded");
    if !deep {
        return error;
    }
    let message = match async_graphql::parser::parse_query(query)
        .ok()
        .and_then(|d| fragment_cycle(&d))
    {
        Some(name) => format!("the fragment \"{name}\" spreads itself, directly or through other fragments"),
        None => "the query nests selections (fields and fragments) deeper than the server allows".to_owned(),
    };
    let mut deep = coded("QUERY_TOO_DEEP", message);
    deep.locations = error.locations;
    deep
}

/// A fragment of the document that spreads itself, if one does.
fn fragment_cycle(document: &ExecutableDocument) -> Option<String> {
    fn spreads<'a>(set: &'a SelectionSet, into: &mut Vec<&'a str>) {
        for item in &set.items {
            match &item.node {
                Selection::Field(f) => spreads(&f.node.selection_set.node, into),
                Selection::FragmentSpread(s) => into.push(s.node.fragment_name.node.as_str()),
                Selection::InlineFragment(i) => spreads(&i.node.selection_set.node, into),
            }
        }
    }
    for start in document.fragments.keys() {
        let mut seen = std::collections::HashSet::new();
        let mut todo = vec![start.as_str()];
        while let Some(name) = todo.pop() {
            let Some(fragment) = document.fragments.get(name) else {
                continue;
            };
            let mut next = Vec::new();
            spreads(&fragment.node.selection_set.node, &mut next);
            if next.contains(&start.as_str()) {
                return Some(start.to_string());
            }
            todo.extend(next.into_iter().filter(|n| seen.insert(*n)));
        }
    }
    None
}

/// Marks a request that is only measured: its parsed document is kept
/// here for the run, and its validation adds its complexity here and stops it.
#[derive(Clone, Default)]
struct Measure {
    complexity: Arc<AtomicUsize>,
    document: Arc<Mutex<Option<ExecutableDocument>>>,
}

/// The complexity of requests together, before any of them runs: each is
/// validated once more, to be measured, and parsed only once, as the
/// document the measure parsed is handed to the request. A request that
/// does not validate counts 0 (running it will say why).
pub async fn complexity<Q, M, S>(
    schema: &Schema<Q, M, S>,
    requests: &mut [&mut async_graphql::Request],
) -> usize
where
    Q: ObjectType + 'static,
    M: ObjectType + 'static,
    S: SubscriptionType + 'static,
{
    let mut total = 0;
    for request in requests {
        let measure = Measure::default();
        let mut measured = async_graphql::Request::new(request.query.clone())
            .variables(request.variables.clone())
            .data(measure.clone());
        measured.operation_name = request.operation_name.clone();
        let _ = schema.execute(measured).await;
        total += measure.complexity.load(Ordering::Relaxed);
        if let Some(document) = measure.document.lock().ok().and_then(|mut kept| kept.take()) {
            request.set_parsed_query(document);
        }
    }
    total
}

/// Why a batch whose operations together pass the complexity limit is
/// refused before any of them runs.
pub fn batch_over_complexity(total: usize, max: usize) -> String {
    format!(
        "the batch's operations together have a complexity of {total}, more than the limit of {max}; send fewer or smaller operations"
    )
}

#[derive(Default)]
struct Counts {
    aliases: usize,
    directives: usize,
    /// Whether the document asks for `__schema` or `__type`.
    introspection: bool,
}

/// Aliases, directives and introspection fields as written in the document (a fragment counts
/// once however often it is spread; complexity covers the spreading).
fn count(document: &ExecutableDocument) -> Counts {
    let mut counts = Counts::default();
    for (_, operation) in document.operations.iter() {
        counts.directives += operation.node.directives.len();
        count_set(&operation.node.selection_set.node, &mut counts);
    }
    for fragment in document.fragments.values() {
        counts.directives += fragment.node.directives.len();
        count_set(&fragment.node.selection_set.node, &mut counts);
    }
    counts
}

fn count_set(set: &SelectionSet, counts: &mut Counts) {
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => {
                counts.aliases += usize::from(field.node.alias.is_some());
                let name = field.node.name.node.as_str();
                counts.introspection |= name == "__schema" || name == "__type";
                counts.directives += field.node.directives.len();
                count_set(&field.node.selection_set.node, counts);
            }
            Selection::FragmentSpread(spread) => counts.directives += spread.node.directives.len(),
            Selection::InlineFragment(inline) => {
                counts.directives += inline.node.directives.len();
                count_set(&inline.node.selection_set.node, counts);
            }
        }
    }
}

/// The lexical tokens of a GraphQL document, counted up to just past `stop`:
/// names, numbers, strings and punctuators; whitespace, commas and comments
/// are not tokens.
pub fn count_tokens(query: &str, stop: usize) -> usize {
    let bytes = query.as_bytes();
    let mut i = 0;
    let mut n = 0;
    while i < bytes.len() && n <= stop {
        match bytes[i] {
            b' ' | b'\t' | b'\n' | b'\r' | b',' => i += 1,
            0xEF if bytes[i..].starts_with("\u{feff}".as_bytes()) => i += 3,
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                i += 3;
                while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                    i += if bytes[i..].starts_with(b"\\\"\"\"") { 4 } else { 1 };
                }
                i += 3;
                n += 1;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                n += 1;
            }
            b'.' if bytes[i..].starts_with(b"...") => {
                i += 3;
                n += 1;
            }
            c if c.is_ascii_alphanumeric() || c == b'_' || c == b'-' => {
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'_' | b'-' | b'+' | b'.'))
                {
                    i += 1;
                }
                n += 1;
            }
            _ => {
                // A punctuator, or a character the parser will refuse.
                i += 1;
                n += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_names_numbers_strings_and_punctuators() {
        assert_eq!(count_tokens("{ a }", 100), 3);
        assert_eq!(count_tokens("query Q($x: Int = 1.5e3) { a(x: $x) }", 100), 19);
        assert_eq!(count_tokens("# comment\n{ a, b }", 100), 4);
        assert_eq!(
            count_tokens(r#"{ a(s: "x \" y") b(s: """block "" text""") }"#, 100),
            14
        );
        assert_eq!(count_tokens("{ ...F } fragment F on T { a }", 100), 11);
    }

    #[test]
    fn counting_stops_past_the_limit() {
        let flood = "{ a }".repeat(1_000_000);
        assert_eq!(count_tokens(&flood, 10), 11);
    }
}
