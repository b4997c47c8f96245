//! Trusted documents: with `--trusted-documents FILE` the server runs only
//! the documents of a persisted-document manifest, as Relay, GraphQL Code
//! Generator's client preset and Apollo's `generate-persisted-query-manifest`
//! write them. A client names a document by its id (`documentId` or
//! `doc_id`, or Apollo's `extensions.persistedQuery.sha256Hash`) and need
//! not send its text; any other document is refused.
//!
//! Two steps, so that no path around the first reaches execution: the
//! [`resolve`] middleware puts the text of a named document in the request
//! (and refuses an unknown id with `PERSISTED_QUERY_NOT_FOUND`); the schema
//! extension [`Gate`] refuses every document whose text is not one of the
//! manifest's with `TRUSTED_DOCUMENT_REQUIRED`, over HTTP and WebSocket alike.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{ServerResult, Variables};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{Method, Uri};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::limits::coded;

/// The documents of a manifest, by id and by the SHA-256 of their text.
#[derive(Debug)]
pub struct TrustedDocuments {
    by_id: HashMap<String, Arc<str>>,
    texts: HashSet<Arc<str>>,
}

/// Apollo's manifest: `{"format", "version", "operations": [{"id", "name", "type", "body"}]}`.
#[derive(serde::Deserialize)]
struct ApolloManifest {
    version: u32,
    operations: Vec<ApolloOperation>,
}

#[derive(serde::Deserialize)]
struct ApolloOperation {
    id: String,
    body: String,
}

const APOLLO_FORMAT: &str = "apollo-persisted-query-manifest";

impl TrustedDocuments {
    /// Reads a manifest file; the error names the file and the problem.
    pub fn load(path: &Path) -> Result<Self, String> {
        let fail = |reason: String| format!("NEWSGRAPH_TRUSTED_DOCUMENTS: {}: {reason}", path.display());
        let bytes = std::fs::read(path).map_err(|e| fail(crate::error::one_line(e)))?;
        Self::parse(&bytes).map_err(fail)
    }

    /// A manifest from its JSON: Apollo's format, or an object of documents by id.
    pub fn parse(json: &[u8]) -> Result<Self, String> {
        let manifest: Value = serde_json::from_slice(json).map_err(|e| {
            format!(
                "not a JSON manifest of persisted documents: {}",
                crate::error::one_line(e)
            )
        })?;
        let Value::Object(fields) = manifest else {
            return Err("not a manifest: expected a JSON object of documents by id, or Apollo's persisted query manifest".to_owned());
        };
        let documents: Vec<(String, String)> = match fields.get("format") {
            Some(Value::String(format)) if format == APOLLO_FORMAT => {
                let apollo: ApolloManifest = serde_json::from_value(Value::Object(fields))
                    .map_err(|e| format!("not an Apollo persisted query manifest: {e}"))?;
                if apollo.version != 1 {
                    return Err(format!(
                        "Apollo persisted query manifest version {} is not one this server reads (1)",
                        apollo.version
                    ));
                }
                apollo.operations.into_iter().map(|o| (o.id, o.body)).collect()
            }
            Some(_) => return Err(format!("\"format\" must be \"{APOLLO_FORMAT}\"")),
            None => fields
                .into_iter()
                .map(|(id, document)| match document {
                    Value::String(text) => Ok((id, text)),
                    _ => Err(format!("\"{id}\": a document must be a string of GraphQL")),
                })
                .collect::<Result<_, _>>()?,
        };
        if documents.is_empty() {
            return Err("the manifest holds no documents".to_owned());
        }
        let mut by_id = HashMap::new();
        let mut texts = HashSet::new();
        for (id, text) in documents {
            if let Err(e) = async_graphql::parser::parse_query(&text) {
                return Err(format!(
                    "the document \"{id}\" is not GraphQL: {}",
                    crate::error::one_line(e)
                ));
            }
            let text: Arc<str> = text.into();
            if by_id.insert(id.clone(), text.clone()).is_some() {
                return Err(format!("the id \"{id}\" is given twice"));
            }
            by_id.entry(sha256_hex(&text)).or_insert_with(|| text.clone());
            texts.insert(text);
        }
        Ok(Self { by_id, texts })
    }

    /// The document an id names: a manifest id, with or without a
    /// `sha256:` prefix, or the SHA-256 of a document's text.
    pub fn get(&self, id: &str) -> Option<&Arc<str>> {
        self.by_id
            .get(id)
            .or_else(|| self.by_id.get(id.strip_prefix("sha256:")?))
    }

    /// Whether a document's text is one of the manifest's, byte for byte.
    pub fn is_trusted(&self, text: &str) -> bool {
        self.texts.contains(text)
    }

    /// Puts the text of the document a request names by id in its `query`;
    /// `Err(id)` for an id the manifest lacks. A request that names none is
    /// left as it is.
    fn fill(&self, request: &mut Map<String, Value>) -> Result<(), String> {
        let id = ["documentId", "doc_id"]
            .iter()
            .find_map(|k| request.get(*k)?.as_str())
            .or_else(|| {
                request
                    .get("extensions")?
                    .get("persistedQuery")?
                    .get("sha256Hash")?
                    .as_str()
            });
        let Some(id) = id else { return Ok(()) };
        let text = self.get(id).ok_or_else(|| id.to_owned())?;
        request.insert("query".to_owned(), Value::String(text.to_string()));
        Ok(())
    }
}

fn sha256_hex(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

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
    const CODE: &str = "PERSISTED_QUERY_NOT_FOUND";
    let shown: String = id.chars().take(128).collect();
    let error = coded(
        CODE,
        format!(
            "no trusted document has the id \"{shown}\"; this server runs only the documents of its manifest"
        ),
    );
    let mut response = crate::media::render(async_graphql::Response::from_errors(vec![error]).into());
    response.extensions_mut().insert(crate::ops::Outcome {
        operation: "refused".to_owned(),
        outcome: CODE.to_owned(),
        codes: vec![CODE.to_owned()],
    });
    response
}

/// The schema extension that refuses any document not in the manifest.
pub struct Gate(pub Arc<TrustedDocuments>);

impl ExtensionFactory for Gate {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(GateCheck(self.0.clone()))
    }
}

struct GateCheck(Arc<TrustedDocuments>);

#[async_graphql::async_trait::async_trait]
impl Extension for GateCheck {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        if !self.0.is_trusted(query) {
            return Err(coded(
                "TRUSTED_DOCUMENT_REQUIRED",
                "this server runs only its trusted documents: send the document's id as `documentId` (or `extensions.persistedQuery.sha256Hash`) instead of a query".to_owned(),
            ));
        }
        next.run(ctx, query, variables).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEOPLE: &str = "query People { people { totalCount } }";

    #[test]
    fn each_kind_of_manifest_is_read() {
        let relay =
            TrustedDocuments::parse(format!(r#"{{"abc123": "{PEOPLE}"}}"#).as_bytes()).expect("relay");
        assert_eq!(relay.get("abc123").map(|t| &**t), Some(PEOPLE));
        // Found by the hash of its text too, as Apollo's clients name it.
        let hash = sha256_hex(PEOPLE);
        assert_eq!(relay.get(&hash).map(|t| &**t), Some(PEOPLE));
        assert_eq!(relay.get(&format!("sha256:{hash}")).map(|t| &**t), Some(PEOPLE));
        assert!(relay.is_trusted(PEOPLE));
        assert!(!relay.is_trusted("{ people { totalCount } }"));

        let apollo = TrustedDocuments::parse(
            format!(
                r#"{{"format": "{APOLLO_FORMAT}", "version": 1,
                    "operations": [{{"id": "{hash}", "name": "People", "type": "query", "body": "{PEOPLE}"}}]}}"#
            )
            .as_bytes(),
        )
        .expect("apollo");
        assert_eq!(apollo.get(&hash).map(|t| &**t), Some(PEOPLE));
    }

    #[test]
    fn a_malformed_manifest_says_what_is_wrong() {
        let problem = |json: &str| TrustedDocuments::parse(json.as_bytes()).expect_err(json);
        assert!(problem("{").starts_with("not a JSON manifest"));
        assert!(problem("[]").starts_with("not a manifest"));
        assert_eq!(problem("{}"), "the manifest holds no documents");
        assert_eq!(
            problem(r#"{"a": 1}"#),
            "\"a\": a document must be a string of GraphQL"
        );
        assert!(problem(r#"{"a": "{ people "}"#).starts_with("the document \"a\" is not GraphQL"));
        assert!(problem(r#"{"format": "x"}"#).starts_with("\"format\" must be"));
        assert!(
            problem(&format!(
                r#"{{"format": "{APOLLO_FORMAT}", "version": 2, "operations": []}}"#
            ))
            .contains("version 2")
        );
    }

    #[test]
    fn a_request_by_id_gets_the_text_and_an_unknown_id_is_named() {
        let documents =
            TrustedDocuments::parse(format!(r#"{{"p1": "{PEOPLE}"}}"#).as_bytes()).expect("manifest");
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
