//! Trusted documents: with `--trusted-documents FILE` the server runs only
//! the documents of a persisted-document manifest, as Relay, GraphQL Code
//! Generator's client preset and Apollo's `generate-persisted-query-manifest`
//! write them. A client names a document by its id (`documentId` or
//! `doc_id`, or Apollo's `extensions.persistedQuery.sha256Hash`) and need
//! not send its text; any other document is refused.
//!
//! Two steps, so that no path around the first reaches execution: the
//! `http::trusted` middleware puts the text of a named document in the request
//! (and refuses an unknown id with `PERSISTED_QUERY_NOT_FOUND`); the schema
//! check [`Gate`] refuses every document whose text is not one of the
//! manifest's with `TRUSTED_DOCUMENT_REQUIRED`, over HTTP and WebSocket alike.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use async_graphql::{ServerError, ServerResult};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::DocumentCheck;
use crate::error::coded;

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
    pub fn fill(&self, request: &mut Map<String, Value>) -> Result<(), String> {
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

/// `PERSISTED_QUERY_NOT_FOUND` for a document id the manifest lacks.
pub fn unknown(id: &str) -> ServerError {
    let shown: String = id.chars().take(128).collect();
    coded(
        UNKNOWN,
        format!(
            "no trusted document has the id \"{shown}\"; this server runs only the documents of its manifest"
        ),
    )
}

/// The code of [`unknown`].
pub const UNKNOWN: &str = "PERSISTED_QUERY_NOT_FOUND";

fn sha256_hex(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

/// The check that refuses any document not in the manifest:
/// `OnParse(Gate(documents))`.
#[derive(Clone)]
pub struct Gate(pub Arc<TrustedDocuments>);

impl DocumentCheck for Gate {
    fn before(&self, query: &str) -> ServerResult<()> {
        if self.0.is_trusted(query) {
            return Ok(());
        }
        Err(coded(
            "TRUSTED_DOCUMENT_REQUIRED",
            "this server runs only its trusted documents: send the document's id as `documentId` (or `extensions.persistedQuery.sha256Hash`) instead of a query".to_owned(),
        ))
    }
}

/// A manifest of one document for tests, and the document.
#[cfg(test)]
pub(crate) mod testing {
    use super::TrustedDocuments;

    /// The document.
    pub const PEOPLE: &str = "query People { people { totalCount } }";

    /// A manifest that holds [`PEOPLE`] under `id`.
    pub fn people_under(id: &str) -> TrustedDocuments {
        TrustedDocuments::parse(format!(r#"{{"{id}": "{PEOPLE}"}}"#).as_bytes()).expect("a manifest")
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{PEOPLE, people_under};
    use super::*;

    #[test]
    fn each_kind_of_manifest_is_read() {
        let relay = people_under("abc123");
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
}
