//! Importing documents of the import format: parse, check, then write in one
//! transaction per document, resolving entities to the nodes that exist.

pub mod format;
mod validate;
mod write;

use std::fmt;

use sea_orm::DatabaseConnection;

use crate::changes::{Change, Changes};
use crate::store::Write;
use validate::Parsed;

pub use format::{Document, FORMAT};
pub use validate::Record;
pub use write::{Counts, Report};

pub use crate::store::{Actor, Problem, Problems};

/// The kinds of record of the import format.
// The schema shows it as `ImportedKind`, in what `importGraph` and
// `ingestArticle` answer; its variants' docs are its values' descriptions.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[graphql(name = "ImportedKind")]
pub enum RecordKind {
    /// Articles.
    Source,
    /// Places.
    Place,
    /// Organisations.
    Organisation,
    /// People.
    Person,
    /// Issues.
    Issue,
    /// Roles of people in organisations.
    Role,
    /// Relations between people.
    Relation,
    /// Statements.
    Statement,
    /// Financial measures.
    FinancialMeasure,
    /// Events.
    Event,
}

impl RecordKind {
    /// The kind in words: "statement", "financial measure".
    pub fn noun(self) -> &'static str {
        match self {
            Self::Source => "source",
            Self::Place => "place",
            Self::Organisation => "organisation",
            Self::Person => "person",
            Self::Issue => "issue",
            Self::Role => "role",
            Self::Relation => "relation",
            Self::Statement => "statement",
            Self::FinancialMeasure => "financial measure",
            Self::Event => "event",
        }
    }

    fn with_article(self) -> String {
        let noun = self.noun();
        let article = if matches!(noun.as_bytes()[0], b'a' | b'e' | b'i' | b'o' | b'u') {
            "an"
        } else {
            "a"
        };
        format!("{article} {noun}")
    }

    fn list(kinds: &[Self]) -> String {
        kinds
            .iter()
            .map(|k| k.with_article())
            .collect::<Vec<_>>()
            .join(" or ")
    }

    /// Whether records of this kind can be named by a Wikidata QID.
    fn has_qid(self) -> bool {
        matches!(
            self,
            Self::Place | Self::Organisation | Self::Person | Self::Issue
        )
    }
}

impl From<entity::kinds::EntityKind> for RecordKind {
    fn from(kind: entity::kinds::EntityKind) -> Self {
        use entity::kinds::EntityKind;
        match kind {
            EntityKind::Person => Self::Person,
            EntityKind::Organisation => Self::Organisation,
            EntityKind::Place => Self::Place,
        }
    }
}

/// Why a document was not imported. Nothing of it was written.
#[derive(Debug)]
pub enum ImportError {
    /// The bytes are not UTF-8.
    NotUtf8 { offset: usize, line: usize },
    /// The JSON is malformed, or a value has the wrong type or an unknown enum value.
    Json {
        path: Option<String>,
        line: usize,
        column: usize,
        message: String,
    },
    /// Records are invalid.
    Invalid(Problems),
    /// Nodes the caller pinned (see [`Pin`]) are not in the database.
    NotFound(Problems),
    /// The database failed; the message is for the operator.
    Database(String),
    /// The database does not answer; nothing was written.
    Unavailable(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotUtf8 { offset, line } => {
                write!(
                    f,
                    "line {line}: the file is not UTF-8 text (invalid byte at offset {offset})"
                )
            }
            Self::Json {
                path: Some(path),
                line,
                column,
                message,
            } => {
                write!(f, "{path}: {message} (line {line}, column {column})")
            }
            Self::Json {
                path: None,
                line,
                column,
                message,
            } => {
                write!(f, "line {line}, column {column}: {message}")
            }
            Self::Invalid(problems) | Self::NotFound(problems) => write!(f, "{problems}"),
            Self::Database(message) => write!(f, "the database refused the import: {message}"),
            Self::Unavailable(message) => {
                write!(f, "the database is not answering; nothing was written: {message}")
            }
        }
    }
}

impl ImportError {
    /// A database error: `Unavailable` when the database cannot be reached.
    pub fn from_db(err: sea_orm::DbErr) -> Self {
        if crate::error::unavailable(&err) {
            Self::Unavailable(crate::error::one_line(err))
        } else {
            Self::Database(crate::error::one_line(err))
        }
    }
}

/// Reads a document from bytes.
pub fn parse(bytes: &[u8]) -> Result<Document, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
        ImportError::NotUtf8 { offset, line }
    })?;
    // The fast path; only a document that fails is read again, slowly, to
    // find the path of what failed.
    if let Ok(doc) = serde_json::from_str::<Document>(text) {
        return Ok(doc);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let doc: Document = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let message = inner.to_string();
        // serde_json appends " at line L column C"; we report them apart.
        let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
        ImportError::Json {
            path: (path != "." && !inner.is_syntax() && !inner.is_eof()).then_some(path),
            line: inner.line(),
            column: inner.column(),
            message,
        }
    })?;
    de.end().map_err(|inner| ImportError::Json {
        path: None,
        line: inner.line(),
        column: inner.column(),
        message: "unexpected content after the document".to_owned(),
    })?;
    Ok(doc)
}

/// Everything wrong with a document that the document alone shows.
pub fn check(doc: &Document) -> Problems {
    validate::validate(doc, &[]).err().unwrap_or_default()
}

/// A node already in the database that a record names by a reference of
/// the caller's choosing: how mutations, whose inputs name nodes by global
/// ID, reuse the import's checks and entity resolution. The record uses
/// `reference` wherever a key of the pinned kind may stand.
#[derive(Debug, Clone)]
pub struct Pin {
    /// The string the record uses for the node.
    pub reference: String,
    /// The node's kind.
    pub kind: RecordKind,
    /// The node's key in its table.
    pub id: i64,
    /// Where the caller named it, for the error when the node is missing.
    pub path: String,
}

/// Checks and writes a document in one transaction: all of it, or nothing.
/// The same transaction records the write in the write log; the
/// statements it adds are announced to `hub` once it is committed.
pub async fn import(
    db: &DatabaseConnection,
    doc: &Document,
    actor: Actor<'_>,
    hub: Option<&Changes>,
) -> Result<Counts, ImportError> {
    let started = std::time::Instant::now();
    let parsed = validate::validate(doc, &[]).map_err(ImportError::Invalid)?;
    tracing::debug!(
        elapsed_ms = started.elapsed().as_millis() as u64,
        "import checked"
    );
    write_parsed(db, &parsed, &[], actor, hub).await
}

/// Checks one record as a mutation gives it, each problem at a path under
/// `input`, and writes it as [`import`] writes a document's records. The
/// record names nodes of the database through `pins`; every one missing
/// is named in [`ImportError::NotFound`].
pub async fn import_one<R: Record>(
    db: &DatabaseConnection,
    record: &R,
    pins: &[Pin],
    actor: Actor<'_>,
    hub: Option<&Changes>,
) -> Result<Counts, ImportError> {
    let parsed = validate::validate_one(record, pins).map_err(ImportError::Invalid)?;
    write_parsed(db, &parsed, pins, actor, hub).await
}

/// Writes parsed records through the write core's one transaction.
async fn write_parsed(
    db: &DatabaseConnection,
    parsed: &Parsed<'_>,
    pins: &[Pin],
    actor: Actor<'_>,
    hub: Option<&Changes>,
) -> Result<Counts, ImportError> {
    let mut write = Write::begin(db).await.map_err(ImportError::from_db)?;
    let written = match write::write(write.txn(), parsed, pins).await {
        Ok(counts) => write
            .log(actor, counts.to_string())
            .await
            .map(|()| counts)
            .map_err(ImportError::from_db),
        Err(err) => Err(err),
    };
    if let Ok(counts) = &written
        && !counts.added_statements().is_empty()
    {
        write.announce(Change::StatementsAdded {
            ids: counts.added_statements().to_vec(),
        });
    }
    write.finish(written, hub).await
}

/// Checks a document as [`import`] would, against the database as it is
/// (references to nodes, spans of sources already stored), and writes
/// nothing: the writes are made in a transaction that is rolled back.
/// Returns what the import would have added.
pub async fn rehearse(db: &DatabaseConnection, doc: &Document) -> Result<Counts, ImportError> {
    let parsed = validate::validate(doc, &[]).map_err(ImportError::Invalid)?;
    let write = Write::begin(db).await.map_err(ImportError::from_db)?;
    let written = write::write(write.txn(), &parsed, &[]).await;
    write.abandon().await.map_err(ImportError::from_db)?;
    written
}

impl From<sea_orm::DbErr> for ImportError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::from_db(err)
    }
}

/// Parses bytes and rehearses their import (see [`rehearse`]).
pub async fn rehearse_bytes(db: &DatabaseConnection, bytes: &[u8]) -> Result<Counts, ImportError> {
    rehearse(db, &parse(bytes)?).await
}

/// Parses and imports bytes.
pub async fn import_bytes(
    db: &DatabaseConnection,
    bytes: &[u8],
    actor: Actor<'_>,
    hub: Option<&Changes>,
) -> Result<Counts, ImportError> {
    let started = std::time::Instant::now();
    let doc = parse(bytes)?;
    tracing::debug!(elapsed_ms = started.elapsed().as_millis() as u64, "import parsed");
    import(db, &doc, actor, hub).await
}
