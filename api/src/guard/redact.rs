//! What a server without introspection says in its errors: the messages
//! async-graphql writes (validation, and parsing values in execution) name
//! schema types and fields the request never mentioned (`Field "people" of
//! type "PersonConnection" must have a selection of subfields`), and
//! enough of them spell the schema out. This extension rewrites those
//! messages to name only what the request itself spelled: names and strings
//! of its document, keys and strings of its variables, and the built-in
//! scalars. Positions and paths stay. Our own errors, which carry codes
//! of ours, are written to be shown and are left alone.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use async_graphql::extensions::{
    Extension, ExtensionContext, NextPrepareRequest, NextRequest, NextSubscribe,
};
use async_graphql::{Request, Response, ServerResult, Value};
use futures_util::StreamExt;
use futures_util::stream::BoxStream;

use super::PerRequest;
use super::codes::worded_by_library;

/// The extension's factory: `Redaction::default()`, one [`Redactor`] per request.
pub type Redaction = PerRequest<Redactor>;

/// The words the request spelled, gathered before it runs.
#[derive(Default)]
pub struct Redactor(Arc<Mutex<HashSet<String>>>);

/// Rewrites the messages of a response's errors that async-graphql worded.
fn redact_response(spelled: &Mutex<HashSet<String>>, response: &mut Response) {
    let Ok(spelled) = spelled.lock() else {
        return;
    };
    for error in &mut response.errors {
        if worded_by_library(error) {
            error.message = redact(&error.message, |name| spelled.contains(name));
        }
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for Redactor {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        if let Ok(mut spelled) = self.0.lock() {
            document_words(&request.query, &mut spelled);
            for (name, value) in request.variables.iter() {
                spelled.insert(name.to_string());
                value_words(value, &mut spelled);
            }
            spelled.extend(request.operation_name.clone());
        }
        next.run(ctx, request).await
    }

    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let mut response = next.run(ctx).await;
        redact_response(&self.0, &mut response);
        response
    }

    fn subscribe<'s>(
        &self,
        ctx: &ExtensionContext<'_>,
        stream: BoxStream<'s, Response>,
        next: NextSubscribe<'_>,
    ) -> BoxStream<'s, Response> {
        // A subscription's request is prepared when its stream is first
        // polled, so each response reads the words as they are by then.
        let spelled = self.0.clone();
        next.run(ctx, stream)
            .map(move |mut response| {
                redact_response(&spelled, &mut response);
                response
            })
            .boxed()
    }
}

/// Names and the contents of strings in a GraphQL document; comments are
/// not spelling.
fn document_words(query: &str, into: &mut HashSet<String>) {
    let mut chars = query.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        match c {
            '#' => while chars.next_if(|(_, c)| *c != '\n' && *c != '\r').is_some() {},
            '"' => {
                let block = query[start..].starts_with("\"\"\"");
                let (open, close) = if block { (3, "\"\"\"") } else { (1, "\"") };
                let body = &query[start + open..];
                let end = body.find(close).unwrap_or(body.len());
                into.insert(body[..end].to_owned());
                let resume = start + open + end + close.len();
                while chars.next_if(|(i, _)| *i < resume).is_some() {}
            }
            c if c == '_' || c.is_ascii_alphabetic() => {
                let mut end = start + 1;
                while let Some((i, _)) = chars.next_if(|(_, c)| *c == '_' || c.is_ascii_alphanumeric()) {
                    end = i + 1;
                }
                into.insert(query[start..end].to_owned());
            }
            _ => {}
        }
    }
}

/// The keys and strings of a variable's value.
fn value_words(value: &Value, into: &mut HashSet<String>) {
    match value {
        Value::String(s) => {
            into.insert(s.clone());
        }
        Value::Enum(name) => {
            into.insert(name.to_string());
        }
        Value::List(items) => items.iter().for_each(|v| value_words(v, into)),
        Value::Object(fields) => {
            for (key, v) in fields {
                into.insert(key.to_string());
                value_words(v, into);
            }
        }
        _ => {}
    }
}

/// Whether a quoted name of a message may be shown: the request spelled
/// it (each part of a path such as `filter.speaker`), or everyone knows it.
fn shown(quoted: &str, spelled: &impl Fn(&str) -> bool) -> bool {
    let name = quoted
        .trim_start_matches(['$', '@'])
        .trim_matches(['[', ']', '!']);
    if matches!(name, "Int" | "Float" | "String" | "Boolean" | "ID") || name.starts_with("__") {
        return true;
    }
    spelled(name)
        || (name.contains('.')
            && name
                .split('.')
                .all(|part| spelled(part) || part.bytes().all(|b| b.is_ascii_digit())))
}

/// A message with every quoted name the request did not spell taken out,
/// rephrased where async-graphql's sentences would not read without it.
pub fn redact(message: &str, spelled: impl Fn(&str) -> bool) -> String {
    // (words before the name, what they and the name become)
    const PHRASES: &[(&str, &str)] = &[
        (" of type ", ""),
        (" on type ", ""),
        ("since type ", "since its type"),
        ("expecting type ", "expecting another type"),
        ("expected type ", "expected a value of another type"),
        ("enumeration type ", "the enumeration"),
        ("Expected input type ", "Expected input of another type"),
        ("while parsing ", "while parsing it"),
        ("Failed to parse ", "Failed to parse a value"),
        ("composite type ", "composite type"),
        ("\" argument ", "\": an argument"),
        ("field ", "a field"),
        ("argument ", "an argument"),
        ("type ", "a type"),
    ];
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(open) = rest.find('"') {
        let Some(len) = rest[open + 1..].find('"') else {
            break;
        };
        let name = &rest[open + 1..open + 1 + len];
        out.push_str(&rest[..open]);
        rest = &rest[open + len + 2..];
        if shown(name, &spelled) {
            out.push('"');
            out.push_str(name);
            out.push('"');
            continue;
        }
        match PHRASES.iter().find(|(before, _)| out.ends_with(before)) {
            Some((before, instead)) => {
                out.truncate(out.len() - before.len());
                out.push_str(instead);
            }
            None => out.push_str("a name"),
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redacted(message: &str, query: &str) -> String {
        let mut spelled = HashSet::new();
        document_words(query, &mut spelled);
        redact(message, |name| spelled.contains(name))
    }

    #[test]
    fn messages_keep_what_the_query_spelled_and_lose_the_rest() {
        let query = r#"{ people(filter: { zzz: "x" }) # PersonConnection
            { nodes { name(x: 1) { a } } } node { __typename } }"#;
        for (message, expected) in [
            (
                r#"Field "people" of type "PersonConnection" must have a selection of subfields"#,
                r#"Field "people" must have a selection of subfields"#,
            ),
            (
                r#"Invalid value for argument "filter", unknown field "zzz" of type "EntityFilter""#,
                r#"Invalid value for argument "filter", unknown field "zzz""#,
            ),
            (
                r#"Unknown field "zzz" on type "Query"."#,
                r#"Unknown field "zzz"."#,
            ),
            (
                r#"Unknown argument "x" on field "name" of type "Person"."#,
                r#"Unknown argument "x" on field "name"."#,
            ),
            (
                r#"Field "node" argument "id" of type "Query" is required but not provided"#,
                r#"Field "node": an argument is required but not provided"#,
            ),
            (
                r#"Field "name" must not have a selection since type "String" has no subfields"#,
                r#"Field "name" must not have a selection since type "String" has no subfields"#,
            ),
            (
                r#"Field "a" must not have a selection since type "Date" has no subfields"#,
                r#"Field "a" must not have a selection since its type has no subfields"#,
            ),
            (
                r#"Invalid value for argument "filter.zzz", expected type "Date""#,
                r#"Invalid value for argument "filter.zzz", expected a value of another type"#,
            ),
            (
                r#"Invalid value for argument "filter", field "title" of type "String!" is required but not provided"#,
                r#"Invalid value for argument "filter", a field of type "String!" is required but not provided"#,
            ),
            (
                r#"Invalid value for argument "filter", enumeration type "Stance" does not contain the value "x""#,
                r#"Invalid value for argument "filter", the enumeration does not contain the value "x""#,
            ),
            (
                r#"Failed to parse "Cursor": bad"#,
                r#"Failed to parse a value: bad"#,
            ),
            (
                r#"Expected input type "StatementFilter", found 3. (occurred while parsing "Date")"#,
                r#"Expected input of another type, found 3. (occurred while parsing it)"#,
            ),
        ] {
            assert_eq!(redacted(message, query), expected, "{message}");
        }
    }

    #[test]
    fn a_name_the_query_spelled_anywhere_but_a_comment_is_shown() {
        let query = "query Q($f: EntityFilter) { people(filter: $f) { __typename } } # StatementFilter";
        let message =
            r#"Variable "$f" of type "EntityFilter" used in position expecting type "StatementFilter""#;
        assert_eq!(
            redacted(message, query),
            r#"Variable "$f" of type "EntityFilter" used in position expecting another type"#
        );
    }
}
