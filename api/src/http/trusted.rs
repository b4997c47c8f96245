//! Trusted documents named by id: gives a request that names a document of
//! the manifest (`documentId`, `doc_id`, or Apollo's
//! `extensions.persistedQuery.sha256Hash`) that document's text, before the
//! GraphQL handler reads it. The manifest, and the check that nothing else
//! runs, are [`crate::guard::trusted`]'s.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{Method, Uri};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{Map, Value};

use super::media;
use super::ops::Outcome;
use crate::guard::trusted::{self, TrustedDocuments};

/// The middleware on `/graphql` that gives each request naming a document
/// by id that document's text: in the JSON body of a POST (one request or a
/// batch), in the parameters of a GET. A body it cannot read or parse goes
/// on as it came, for the GraphQL handler to refuse.
pub async fn resolve(
    State(documents): State<Arc<TrustedDocuments>>,
    request: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    let body = if parts.method == Method::GET {
        match fill_query_string(&documents, &parts.uri) {
            Ok(Some(uri)) => parts.uri = uri,
            Ok(None) => {}
            Err(id) => return not_found(&id),
        }
        body
    } else {
        let bytes = match axum::body::to_bytes(body, usize::MAX).await {
            Ok(bytes) => bytes,
            // Hand the handler a body that fails the same way.
            Err(err) => {
                let err: axum::BoxError = err.into_inner();
                let failing = futures_util::stream::once(async move { Err::<Bytes, _>(err) });
                return next
                    .run(Request::from_parts(parts, Body::from_stream(failing)))
                    .await;
            }
        };
        match fill_body(&documents, &bytes) {
            Ok(Some(filled)) => Body::from(filled),
            Ok(None) => Body::from(bytes),
            Err(id) => return not_found(&id),
        }
    };
    next.run(Request::from_parts(parts, body)).await
}

/// The body with the named documents' text in it; `None` when it names none
/// (or is not JSON).
fn fill_body(documents: &TrustedDocuments, bytes: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let Ok(mut json) = serde_json::from_slice::<Value>(bytes) else {
        return Ok(None);
    };
    let requests: Vec<&mut Map<String, Value>> = match &mut json {
        Value::Object(request) => vec![request],
        Value::Array(batch) => batch.iter_mut().filter_map(Value::as_object_mut).collect(),
        _ => return Ok(None),
    };
    let mut named = false;
    for request in requests {
        let before = request.get("query").cloned();
        documents.fill(request)?;
        named |= request.get("query") != before.as_ref();
    }
    Ok(named.then(|| json.to_string().into_bytes()))
}

/// The URI with the named document's text as its `query` parameter; `None`
/// when it names none.
fn fill_query_string(documents: &TrustedDocuments, uri: &Uri) -> Result<Option<Uri>, String> {
    let params: Vec<(String, String)> = form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
        .into_owned()
        .collect();
    let mut request = Map::new();
    for (key, value) in &params {
        match key.as_str() {
            "documentId" | "doc_id" => {
                request.insert(key.clone(), Value::String(value.clone()));
            }
            "extensions" => {
                if let Ok(extensions) = serde_json::from_str(value) {
                    request.insert(key.clone(), extensions);
                }
            }
            _ => {}
        }
    }
    documents.fill(&mut request)?;
    let Some(Value::String(text)) = request.get("query") else {
        return Ok(None);
    };
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in params.iter().filter(|(k, _)| k != "query") {
        query.append_pair(key, value);
    }
    query.append_pair("query", text);
    let uri = Uri::builder()
        .path_and_query(format!("{}?{}", uri.path(), query.finish()))
        .build()
        .map_err(|_| String::new())?;
    Ok(Some(uri))
}

/// `PERSISTED_QUERY_NOT_FOUND`, answered as a request error.
fn not_found(id: &str) -> Response {
    let error = trusted::unknown(id);
    let mut response = media::render(async_graphql::Response::from_errors(vec![error]).into());
    response
        .extensions_mut()
        .insert(Outcome::refused(trusted::UNKNOWN));
    response
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::guard::trusted::testing::{PEOPLE, people_under};

    #[test]
    fn a_request_by_id_gets_the_text_and_an_unknown_id_is_named() {
        let documents = people_under("p1");
        let filled = fill_body(&documents, br#"[{"documentId": "p1"}, {"doc_id": "p1"}]"#)
            .expect("known")
            .expect("filled");
        let filled: Value = serde_json::from_slice(&filled).expect("JSON");
        assert_eq!(filled[0]["query"], PEOPLE);
        assert_eq!(filled[1]["query"], PEOPLE);
        assert_eq!(
            fill_body(
                &documents,
                br#"{"extensions": {"persistedQuery": {"sha256Hash": "zz"}}}"#
            ),
            Err("zz".to_owned())
        );
        assert_eq!(fill_body(&documents, br#"{"query": "{ a }"}"#), Ok(None));
        let uri: Uri = "/graphql?documentId=p1&variables=%7B%7D".parse().expect("uri");
        let uri = fill_query_string(&documents, &uri)
            .expect("known")
            .expect("filled");
        let params: HashMap<String, String> =
            form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
                .into_owned()
                .collect();
        assert_eq!(params["query"], PEOPLE);
        assert_eq!(params["variables"], "{}");
    }
}
