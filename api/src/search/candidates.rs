//! Candidate hits, as each database's full-text index finds them.
//!
//! Every word must match, the last one as a prefix ("Pesk" finds Peskov);
//! or, to gather words spread over a fact, any word must.
//! Words are folded keys (`[a-z0-9]+`), quoted all the same: nothing a
//! client types reaches the SQL text, and the query text is a bound value.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, Value};

use super::{Field, HitKind, SearchTerms};
use crate::error::{AppError, AppResult};

/// The most candidates one searched field yields: the most recently added.
pub const MAX_CANDIDATES_PER_FIELD: u32 = 1000;

/// A row whose folded text the index matched.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub kind: HitKind,
    pub id: i64,
    pub field: Field,
    pub text: String,
    pub folded: String,
}

/// Whether a row must hold every word of the query, or any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    All,
    Any,
}

/// One searched column: its table, and how a matching row names its node.
struct Source {
    table: &'static str,
    column: &'static str,
    /// The FTS5 table over the column, on SQLite.
    fts: &'static str,
    field: Field,
    /// SQL of the node's kind (`person`, ..., `statement`), with the searched table as `t`.
    kind: &'static str,
    /// SQL of the node's id.
    id: &'static str,
    /// SQL of the original text.
    text: &'static str,
    /// Joins that the select list needs, with the searched table as `t`.
    joins: &'static str,
}

/// A role's or a relation's text: its people and title or kind.
const ROLE_TEXT: &str = "p.name || ', ' || t.title || ', ' || o.name";
macro_rules! role_joins {
    () => {
        "JOIN entity p ON p.id = t.person_id JOIN entity o ON o.id = t.organisation_id"
    };
}
macro_rules! relation_joins {
    () => {
        "JOIN entity p ON p.id = t.person_id JOIN entity r ON r.id = t.related_person_id"
    };
}
const ROLE_JOINS: &str = role_joins!();
const RELATION_TEXT: &str = "p.name || ', ' || t.kind || ' of ' || r.name";
const RELATION_JOINS: &str = relation_joins!();

const SOURCES: [Source; 11] = [
    Source {
        table: "entity",
        fts: "entity_fts",
        column: "normalized_name",
        field: Field::Name,
        kind: "t.kind",
        id: "t.id",
        text: "t.name",
        joins: "",
    },
    Source {
        table: "entity_alias",
        fts: "entity_alias_fts",
        column: "normalized_name",
        field: Field::Alias,
        kind: "e.kind",
        id: "t.entity_id",
        text: "t.name",
        joins: "JOIN entity e ON e.id = t.entity_id",
    },
    Source {
        table: "issue",
        fts: "issue_fts",
        column: "normalized_name",
        field: Field::Name,
        kind: "'issue'",
        id: "t.id",
        text: "t.name",
        joins: "",
    },
    Source {
        table: "issue_alias",
        fts: "issue_alias_fts",
        column: "normalized_name",
        field: Field::Alias,
        kind: "'issue'",
        id: "t.issue_id",
        text: "t.name",
        joins: "",
    },
    Source {
        table: "statement",
        fts: "statement_fts",
        column: "folded_text",
        field: Field::Text,
        kind: "'statement'",
        id: "t.id",
        text: "t.text",
        joins: "",
    },
    Source {
        table: "event",
        fts: "event_fts",
        column: "folded_label",
        field: Field::Label,
        kind: "'event'",
        id: "t.id",
        text: "t.label",
        joins: "",
    },
    Source {
        table: "financial_measure",
        fts: "financial_measure_fts",
        column: "folded_label",
        field: Field::Label,
        kind: "'financial_measure'",
        id: "t.id",
        text: "t.label",
        joins: "",
    },
    Source {
        table: "role",
        fts: "role_fts",
        column: "folded_title",
        field: Field::Label,
        kind: "'role'",
        id: "t.id",
        text: ROLE_TEXT,
        joins: ROLE_JOINS,
    },
    Source {
        table: "relation",
        fts: "relation_fts",
        column: "folded_kind",
        field: Field::Label,
        kind: "'relation'",
        id: "t.id",
        text: RELATION_TEXT,
        joins: RELATION_JOINS,
    },
    Source {
        table: "source",
        fts: "source_title_fts",
        column: "folded_title",
        field: Field::Title,
        kind: "'source'",
        id: "t.id",
        text: "t.title",
        joins: "",
    },
    Source {
        table: "source",
        fts: "source_text_fts",
        column: "folded_text",
        field: Field::Passage,
        kind: "'source'",
        id: "t.id",
        text: "t.text",
        joins: "",
    },
];

/// Reads the candidates of every searched field in one statement. Rows
/// that hold any word are read to gather words spread over a fact: a
/// source's text is never one, and is left out.
pub async fn fetch(db: &DatabaseConnection, query: &SearchTerms, how: Match) -> AppResult<Vec<Candidate>> {
    let backend = db.get_database_backend();
    let mut parts = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    for source in &SOURCES {
        let terms = query.terms(source.field);
        if terms.is_empty() || (how == Match::Any && source.field == Field::Passage) {
            continue;
        }
        let (part, value) = match backend {
            DbBackend::Sqlite => (sqlite_part(source), fts5_query(terms, how)),
            _ => (postgres_part(source, values.len() + 1), tsquery(terms, how)),
        };
        parts.push(part);
        values.push(value.into());
    }
    let sql = parts.join(" UNION ALL ");
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    rows.iter().map(candidate).collect()
}

fn sqlite_part(s: &Source) -> String {
    let (table, column, fts) = (s.table, s.column, s.fts);
    format!(
        "SELECT * FROM (SELECT {select}, t.{column} AS folded \
         FROM {fts} JOIN {table} t ON t.id = {fts}.rowid {joins} \
         WHERE {fts} MATCH ? ORDER BY {fts}.rowid DESC LIMIT {MAX_CANDIDATES_PER_FIELD})",
        select = select_list(s),
        joins = s.joins,
    )
}

fn postgres_part(s: &Source, param: usize) -> String {
    let (table, column) = (s.table, s.column);
    // The expression is the indexed one, word for word, so the GIN index serves it.
    format!(
        "(SELECT {select}, t.{column} AS folded \
         FROM {table} t {joins} \
         WHERE to_tsvector('simple', t.{column}) @@ to_tsquery('simple', ${param}) \
         ORDER BY t.id DESC LIMIT {MAX_CANDIDATES_PER_FIELD})",
        select = select_list(s),
        joins = s.joins,
    )
}

/// The columns every part reads, but `folded`.
fn select_list(s: &Source) -> String {
    format!(
        "'{}' AS field, CAST({} AS TEXT) AS kind, {} AS id, {} AS text",
        s.field.code(),
        s.kind,
        s.id,
        s.text
    )
}

/// An FTS5 query: each word a quoted string, the last one a prefix; all
/// of them required, or any.
fn fts5_query(terms: &[String], how: Match) -> String {
    let quoted: Vec<String> = terms
        .iter()
        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect();
    let and = match how {
        Match::All => " ",
        Match::Any => " OR ",
    };
    format!("{}*", quoted.join(and))
}

/// A `tsquery`: each word a quoted lexeme, the last a prefix; all of them
/// required, or any.
fn tsquery(terms: &[String], how: Match) -> String {
    let quoted: Vec<String> = terms
        .iter()
        .map(|t| format!("'{}'", t.replace('\\', "\\\\").replace('\'', "''")))
        .collect();
    let and = match how {
        Match::All => " & ",
        Match::Any => " | ",
    };
    format!("{}:*", quoted.join(and))
}

/// The financial measures of the query's amounts, with their label and the
/// query's terms each amount stands for; the most recent first, at most
/// [`MAX_CANDIDATES_PER_FIELD`] of an amount.
pub async fn by_amount(
    db: &DatabaseConnection,
    amounts: &[(String, u32)],
) -> AppResult<Vec<(i64, String, u32)>> {
    let mut out = Vec::new();
    for (amount, mask) in amounts {
        let backend = db.get_database_backend();
        let sql = format!(
            "SELECT id, label FROM financial_measure WHERE amount = {} ORDER BY id DESC LIMIT {MAX_CANDIDATES_PER_FIELD}",
            match backend {
                DbBackend::Sqlite => "?",
                _ => "$1",
            }
        );
        let rows = db
            .query_all_raw(Statement::from_sql_and_values(
                backend,
                sql,
                [amount.clone().into()],
            ))
            .await?;
        for row in rows {
            out.push((row.try_get("", "id")?, row.try_get("", "label")?, *mask));
        }
    }
    Ok(out)
}

/// A fact tied to a name: an event to a participant or a place, a role to
/// its holder or organisation, a relation to its people, a measure to its
/// parties, a statement to its speaker.
#[derive(Debug, Clone)]
pub struct Tie {
    pub kind: HitKind,
    pub id: i64,
    pub text: String,
    pub entity: i64,
}

/// How facts are tied to names: the fact's kind, its text, the tables
/// (the fact's as `t`) and the column of the name's id.
const TIES: [(&str, &str, &str, &str); 9] = [
    (
        "event",
        "t.label",
        "event_participant x JOIN event t ON t.id = x.event_id",
        "x.entity_id",
    ),
    (
        "event",
        "t.label",
        "event_place x JOIN event t ON t.id = x.event_id",
        "x.place_id",
    ),
    ("role", ROLE_TEXT, ROLE_TABLES, "t.person_id"),
    ("role", ROLE_TEXT, ROLE_TABLES, "t.organisation_id"),
    ("relation", RELATION_TEXT, RELATION_TABLES, "t.person_id"),
    ("relation", RELATION_TEXT, RELATION_TABLES, "t.related_person_id"),
    (
        "financial_measure",
        "t.label",
        "financial_measure t",
        "t.provider_id",
    ),
    (
        "financial_measure",
        "t.label",
        "financial_measure t",
        "t.recipient_id",
    ),
    ("statement", "t.text", "statement t", "t.speaker_id"),
];
const ROLE_TABLES: &str = concat!("role t ", role_joins!());
const RELATION_TABLES: &str = concat!("relation t ", relation_joins!());

/// The facts tied to the given names, in one statement: the most recent
/// first, at most [`MAX_CANDIDATES_PER_FIELD`] by each kind of tie.
pub async fn ties(db: &DatabaseConnection, names: &[i64]) -> AppResult<Vec<Tie>> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    // Ids the database gave, written as numbers: nothing a client typed.
    let ids: Vec<String> = names.iter().map(i64::to_string).collect();
    let ids = ids.join(", ");
    let parts: Vec<String> = TIES
        .iter()
        .enumerate()
        .map(|(i, (kind, text, tables, entity))| {
            format!(
                "SELECT * FROM (SELECT '{kind}' AS kind, t.id AS id, {text} AS text, {entity} AS entity \
                 FROM {tables} WHERE {entity} IN ({ids}) ORDER BY t.id DESC LIMIT {MAX_CANDIDATES_PER_FIELD}) AS tie{i}"
            )
        })
        .collect();
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_string(backend, parts.join(" UNION ALL ")))
        .await?;
    rows.iter()
        .map(|row| {
            Ok(Tie {
                kind: hit_kind(&row.try_get::<String>("", "kind")?)?,
                id: row.try_get("", "id")?,
                text: row.try_get("", "text")?,
                entity: row.try_get("", "entity")?,
            })
        })
        .collect()
}

fn candidate(row: &sea_orm::QueryResult) -> AppResult<Candidate> {
    let field: String = row.try_get("", "field")?;
    let kind: String = row.try_get("", "kind")?;
    let kind = hit_kind(&kind)?;
    Ok(Candidate {
        kind,
        id: row.try_get("", "id")?,
        field: Field::from_code(&field).ok_or(AppError::Internal)?,
        text: row.try_get("", "text")?,
        folded: row.try_get::<Option<String>>("", "folded")?.unwrap_or_default(),
    })
}

/// A hit's kind from its code in SQL results.
fn hit_kind(code: &str) -> AppResult<HitKind> {
    Ok(match code {
        "person" => HitKind::Person,
        "organisation" => HitKind::Organisation,
        "place" => HitKind::Place,
        "issue" => HitKind::Issue,
        "event" => HitKind::Event,
        "financial_measure" => HitKind::FinancialMeasure,
        "role" => HitKind::Role,
        "relation" => HitKind::Relation,
        "statement" => HitKind::Statement,
        "source" => HitKind::Source,
        other => {
            tracing::error!(kind = other, "search candidate of an unknown kind");
            return Err(AppError::Internal);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_quote_every_word_and_prefix_the_last() {
        let terms = ["dmitri".to_owned(), "pesk".to_owned()];
        assert_eq!(fts5_query(&terms, Match::All), r#""dmitri" "pesk"*"#);
        assert_eq!(tsquery(&terms, Match::All), "'dmitri' & 'pesk':*");
        assert_eq!(fts5_query(&terms, Match::Any), r#""dmitri" OR "pesk"*"#);
        assert_eq!(tsquery(&terms, Match::Any), "'dmitri' | 'pesk':*");
    }
}
