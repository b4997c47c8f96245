//! Search: ranked hits across names, aliases and statement text.
//!
//! The database finds the candidates with its full-text index (FTS5 on
//! SQLite, a GIN index of `tsvector`s on PostgreSQL), both over the same
//! folded words; the score is computed here, by one function, so that both
//! databases rank alike. See [`score`] for how.

mod candidates;
mod score;

use std::collections::HashMap;

use sea_orm::DatabaseConnection;

use crate::error::{AppError, AppResult};
use crate::names::{Words, words};

pub use score::{Field, highlights};

/// The longest query, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// The most words a query may have.
pub const MAX_QUERY_WORDS: usize = 10;

/// A checked query: its words, folded as names and as text are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTerms {
    /// Keys to match names and aliases with; the last one is a prefix.
    name_terms: Vec<String>,
    /// Keys to match statement text with; the last one is a prefix.
    text_terms: Vec<String>,
}

impl SearchTerms {
    /// Reads a query as a client typed it.
    pub fn parse(query: &str) -> AppResult<Self> {
        if query.trim().is_empty() {
            return Err(AppError::bad_input("`query` must not be empty or blank"));
        }
        let length = query.chars().count();
        if length > MAX_QUERY_CHARS {
            return Err(AppError::bad_input(format!(
                "`query` must be at most {MAX_QUERY_CHARS} characters (got {length})"
            )));
        }
        let keys = |mode| -> Vec<String> { words(query, mode).into_iter().flat_map(|w| w.keys).collect() };
        let (name_terms, text_terms) = (keys(Words::Name), keys(Words::Text));
        if name_terms.is_empty() {
            return Err(AppError::bad_input(
                "`query` has nothing to search for: it needs at least one letter or digit",
            ));
        }
        if name_terms.len() > MAX_QUERY_WORDS {
            return Err(AppError::bad_input(format!(
                "`query` may have at most {MAX_QUERY_WORDS} words (got {})",
                name_terms.len()
            )));
        }
        Ok(Self {
            name_terms,
            text_terms,
        })
    }

    fn terms(&self, field: Field) -> &[String] {
        match field {
            Field::Name | Field::Alias => &self.name_terms,
            Field::Text => &self.text_terms,
        }
    }
}

/// What a hit is: the kind of node, in the order equal scores are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HitKind {
    Person,
    Organisation,
    Place,
    Issue,
    Statement,
}

/// One node the query found, by its best-matching field.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub kind: HitKind,
    pub id: i64,
    pub field: Field,
    pub score: f64,
    /// The text that matched, as stored: the name, the alias or the statement.
    pub text: String,
    /// Where the query's words are in `text`: code points, end exclusive.
    pub highlights: Vec<(usize, usize)>,
}

/// Finds every node the query matches, best first: by score, then by kind,
/// text and key, so that the order is the same on every database.
#[tracing::instrument(skip(db))]
pub async fn find(db: &DatabaseConnection, query: &SearchTerms) -> AppResult<Vec<Hit>> {
    let candidates = candidates::fetch(db, query).await?;
    let mut best: HashMap<(HitKind, i64), Hit> = HashMap::new();
    for c in candidates {
        let terms = query.terms(c.field);
        // The index proposes, this decides: a candidate that does not hold
        // every word (a tokeniser's quirk) is no hit on any database.
        let Some(score) = score::score(c.field, &c.folded, terms) else {
            continue;
        };
        let hit = Hit {
            kind: c.kind,
            id: c.id,
            field: c.field,
            score,
            highlights: Vec::new(),
            text: c.text,
        };
        match best.get(&(hit.kind, hit.id)) {
            Some(kept) if !better(&hit, kept) => {}
            _ => {
                best.insert((hit.kind, hit.id), hit);
            }
        }
    }
    let mut hits: Vec<Hit> = best.into_values().collect();
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.kind.cmp(&b.kind))
            .then_with(|| a.text.cmp(&b.text))
            .then(a.id.cmp(&b.id))
    });
    Ok(hits)
}

/// Marks where the query's words are in a hit's text.
pub fn highlight(hit: &mut Hit, query: &SearchTerms) {
    hit.highlights = highlights(&hit.text, hit.field, query.terms(hit.field));
}

/// Of two hits on one node, the one to show: the higher score, then the
/// name before an alias, then the alias that sorts first.
fn better(hit: &Hit, than: &Hit) -> bool {
    hit.score
        .total_cmp(&than.score)
        .then(than.field.cmp(&hit.field))
        .then_with(|| than.text.cmp(&hit.text))
        .is_gt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_folded_into_terms() {
        let q = SearchTerms::parse("  Zelenskyy’s PLAN ").unwrap();
        assert_eq!(q.name_terms, ["zelenskis", "plan"]);
        assert_eq!(q.text_terms, ["zelenski", "plan"]);
    }

    #[test]
    fn blank_punctuation_and_long_queries_are_refused() {
        for bad in ["", "   ", "\"", "*", "( )", "«»"] {
            let err = SearchTerms::parse(bad).unwrap_err();
            assert_eq!(err.code(), "BAD_USER_INPUT", "{bad:?}");
        }
        assert!(SearchTerms::parse(&"a ".repeat(11)).is_err());
        assert!(SearchTerms::parse(&"a".repeat(201)).is_err());
    }
}
