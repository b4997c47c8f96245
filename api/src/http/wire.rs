//! GraphQL requests as they arrive over HTTP: a POST body (one request
//! object, or a batch of them in an array) or a GET query string, read into
//! [`BatchRequest`]. Whatever is wrong is said in words a client can act on,
//! with where it is: the refusal is `BAD_REQUEST` (see `http`).

use async_graphql::{BatchRequest, Request};
use serde_json::{Map, Value};

/// Reads a POST body, already within the size limit.
pub fn from_body(body: &[u8]) -> Result<BatchRequest, String> {
    let text = std::str::from_utf8(body).map_err(|err| {
        format!(
            "the body is not valid UTF-8 at byte {}: send JSON text in UTF-8",
            err.valid_up_to()
        )
    })?;
    if text.trim().is_empty() {
        return Err(
            r#"the body is empty: send a JSON object such as {"query": "{ __typename }"}"#.to_owned(),
        );
    }
    match serde_json::from_str::<Value>(text).map_err(|err| not_json("the body", &err))? {
        Value::Object(fields) => Ok(BatchRequest::Single(request(fields, None)?)),
        Value::Array(items) if items.is_empty() => {
            Err("the body is an empty array: a batch holds at least one request".to_owned())
        }
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::Object(fields) => request(fields, Some(i)),
                other => Err(format!(
                    "request {i} of the batch is {}, not a JSON object with a `query`",
                    kind(&other)
                )),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(BatchRequest::Batch),
        other => Err(format!(
            r#"the body is {}, not a JSON object such as {{"query": "{{ __typename }}"}}"#,
            kind(&other)
        )),
    }
}

/// Reads the parameters of a GET request: `query`, `operationName`, and
/// `variables` and `extensions` as JSON text.
pub fn from_query_string(query: &str) -> Result<BatchRequest, String> {
    let mut fields = Map::new();
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        let value = match name.as_ref() {
            "query" | "operationName" => Value::String(value.into_owned()),
            // The name async-graphql's own reader used; kept for old links.
            "operation_name" => {
                fields
                    .entry("operationName")
                    .or_insert(Value::String(value.into_owned()));
                continue;
            }
            "variables" | "extensions" => serde_json::from_str(&value)
                .map_err(|err| not_json(&format!("the `{name}` parameter"), &err))?,
            _ => continue,
        };
        fields.insert(name.into_owned(), value);
    }
    Ok(BatchRequest::Single(request(fields, None)?))
}

/// One request object: each field of the type GraphQL over HTTP gives it.
fn request(mut fields: Map<String, Value>, index: Option<usize>) -> Result<Request, String> {
    let place = |field: &str| match index {
        Some(i) => format!("`{field}` of request {i} of the batch"),
        None => format!("`{field}`"),
    };
    let query = match fields.remove("query") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(query)) => query,
        Some(other) => {
            return Err(format!(
                "{} is {}; it must be a string holding the GraphQL document",
                place("query"),
                kind(&other)
            ));
        }
    };
    let mut request = Request::new(query);
    match fields.remove("operationName") {
        None | Some(Value::Null) => {}
        Some(Value::String(name)) => request = request.operation_name(name),
        Some(other) => {
            return Err(format!(
                "{} is {}; it must be a string naming an operation of the document",
                place("operationName"),
                kind(&other)
            ));
        }
    }
    for field in ["variables", "extensions"] {
        let map = match fields.remove(field) {
            None | Some(Value::Null) => continue,
            Some(Value::Object(map)) => map,
            Some(other) => {
                return Err(format!(
                    "{} is {}; it must be a JSON object of names and values",
                    place(field),
                    kind(&other)
                ));
            }
        };
        let unreadable = |err: serde_json::Error| format!("{} could not be read: {err}", place(field));
        if field == "variables" {
            request.variables = serde_json::from_value(Value::Object(map)).map_err(unreadable)?;
        } else {
            request.extensions = serde_json::from_value(Value::Object(map)).map_err(unreadable)?;
        }
    }
    Ok(request)
}

/// What kind of JSON value this is, with its article.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A JSON syntax error, said with its line and column.
fn not_json(what: &str, err: &serde_json::Error) -> String {
    let text = err.to_string();
    // serde_json ends its message with the place; we say it first.
    let reason = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(reason, _)| reason);
    let reason = match reason {
        "recursion limit exceeded" => "nested more than 128 levels deep",
        "unexpected end of hex escape" | "lone leading surrogate in hex escape" => {
            "a \\u escape of half a UTF-16 surrogate pair, which is no character"
        }
        other => other,
    };
    format!(
        "{what} is not valid JSON at line {} column {}: {reason}",
        err.line(),
        err.column()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(body: &[u8]) -> String {
        from_body(body).expect_err("refused")
    }

    #[test]
    fn a_request_object_and_a_batch_are_read() {
        let BatchRequest::Single(one) = from_body(
            br#"{"query":"query A { __typename }","operationName":"A","variables":{"x":1},"extensions":null}"#,
        )
        .expect("read") else {
            panic!("one request")
        };
        assert_eq!(one.query, "query A { __typename }");
        assert_eq!(one.operation_name.as_deref(), Some("A"));
        assert_eq!(
            one.variables.into_value().into_json().expect("JSON"),
            serde_json::json!({ "x": 1 })
        );
        let BatchRequest::Batch(many) = from_body(br#"[{"query":"{ a }"},{"query":"{ b }"}]"#).expect("read")
        else {
            panic!("a batch")
        };
        assert_eq!(many.len(), 2);
    }

    #[test]
    fn each_malformed_body_is_refused_saying_what_and_where() {
        assert_eq!(
            refusal(br#"{"query": }"#),
            "the body is not valid JSON at line 1 column 11: expected value"
        );
        assert!(refusal(b"").starts_with("the body is empty"));
        assert!(refusal(b"42").starts_with("the body is a number, not a JSON object"));
        assert!(refusal(b"[]").starts_with("the body is an empty array"));
        assert_eq!(
            refusal(br#"{"query":"{ a }","variables":"x"}"#),
            "`variables` is a string; it must be a JSON object of names and values"
        );
        assert_eq!(
            refusal(br#"[{"query":"{ a }"},{"query":7}]"#),
            "`query` of request 1 of the batch is a number; it must be a string holding the GraphQL document"
        );
        assert_eq!(
            refusal(br#"{"query":"\ud800"}"#),
            "the body is not valid JSON at line 1 column 17: a \\u escape of half a UTF-16 surrogate pair, which is no character"
        );
        assert_eq!(
            refusal(b"{\"query\":\"\xff\"}"),
            "the body is not valid UTF-8 at byte 10: send JSON text in UTF-8"
        );
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(
            refusal(deep.as_bytes()),
            "the body is not valid JSON at line 1 column 128: nested more than 128 levels deep"
        );
    }

    #[test]
    fn a_query_string_is_read_with_operation_name_and_json_parameters() {
        let BatchRequest::Single(one) =
            from_query_string("query=query%20A%20%7B%20a%20%7D&operationName=A&variables=%7B%22x%22%3A1%7D")
                .expect("read")
        else {
            panic!("one request")
        };
        assert_eq!(one.query, "query A { a }");
        assert_eq!(one.operation_name.as_deref(), Some("A"));
        let old = from_query_string("query=%7Ba%7D&operation_name=B").expect("read");
        let BatchRequest::Single(old) = old else {
            panic!("one request")
        };
        assert_eq!(old.operation_name.as_deref(), Some("B"));
        assert_eq!(
            from_query_string("query=%7Ba%7D&variables=%7Bx").expect_err("refused"),
            "the `variables` parameter is not valid JSON at line 1 column 2: key must be a string"
        );
    }
}
