//! Candidate hits, as each database's full-text index finds them.
//!
//! Every word must match, the last one as a prefix ("Pesk" finds Peskov).
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

/// One searched column: its table, and how a matching row names its node.
struct Source {
    table: &'static str,
    column: &'static str,
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

const SOURCES: [Source; 5] = [
    Source {
        table: "entity",
        column: "normalized_name",
        field: Field::Name,
        kind: "t.kind",
        id: "t.id",
        text: "t.name",
        joins: "",
    },
    Source {
        table: "entity_alias",
        column: "normalized_name",
        field: Field::Alias,
        kind: "e.kind",
        id: "t.entity_id",
        text: "t.name",
        joins: "JOIN entity e ON e.id = t.entity_id",
    },
    Source {
        table: "issue",
        column: "normalized_name",
        field: Field::Name,
        kind: "'issue'",
        id: "t.id",
        text: "t.name",
        joins: "",
    },
    Source {
        table: "issue_alias",
        column: "normalized_name",
        field: Field::Alias,
        kind: "'issue'",
        id: "t.issue_id",
        text: "t.name",
        joins: "",
    },
    Source {
        table: "statement",
        column: "folded_text",
        field: Field::Text,
        kind: "'statement'",
        id: "t.id",
        text: "t.text",
        joins: "",
    },
];

/// Reads the candidates of every searched field in one statement.
pub async fn fetch(db: &DatabaseConnection, query: &SearchTerms) -> AppResult<Vec<Candidate>> {
    let backend = db.get_database_backend();
    let mut parts = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    for source in &SOURCES {
        let terms = query.terms(source.field);
        if terms.is_empty() {
            continue;
        }
        let (part, value) = match backend {
            DbBackend::Sqlite => (sqlite_part(source), fts5_query(terms)),
            _ => (postgres_part(source, values.len() + 1), tsquery(terms)),
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
    let (table, column, fts) = (s.table, s.column, format!("{}_fts", s.table));
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

/// An FTS5 query: each word a quoted string, the last one a prefix.
fn fts5_query(terms: &[String]) -> String {
    let quoted: Vec<String> = terms
        .iter()
        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect();
    format!("{}*", quoted.join(" "))
}

/// A `tsquery`: each word a quoted lexeme, all required, the last a prefix.
fn tsquery(terms: &[String]) -> String {
    let quoted: Vec<String> = terms
        .iter()
        .map(|t| format!("'{}'", t.replace('\\', "\\\\").replace('\'', "''")))
        .collect();
    format!("{}:*", quoted.join(" & "))
}

fn candidate(row: &sea_orm::QueryResult) -> AppResult<Candidate> {
    let field: String = row.try_get("", "field")?;
    let kind: String = row.try_get("", "kind")?;
    let kind = match kind.as_str() {
        "person" => HitKind::Person,
        "organisation" => HitKind::Organisation,
        "place" => HitKind::Place,
        "issue" => HitKind::Issue,
        "statement" => HitKind::Statement,
        other => {
            tracing::error!(kind = other, "search candidate of an unknown kind");
            return Err(AppError::Internal);
        }
    };
    Ok(Candidate {
        kind,
        id: row.try_get("", "id")?,
        field: Field::from_code(&field).ok_or(AppError::Internal)?,
        text: row.try_get("", "text")?,
        folded: row.try_get::<Option<String>>("", "folded")?.unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_quote_every_word_and_prefix_the_last() {
        let terms = ["dmitri".to_owned(), "pesk".to_owned()];
        assert_eq!(fts5_query(&terms), r#""dmitri" "pesk"*"#);
        assert_eq!(tsquery(&terms), "'dmitri' & 'pesk':*");
    }
}
