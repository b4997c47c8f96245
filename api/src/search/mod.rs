//! Search: ranked hits across names, aliases, statements, events,
//! financial measures, roles, relations and sources.
//!
//! The database finds the candidates with its full-text index (FTS5 on
//! SQLite, a GIN index of `tsvector`s on PostgreSQL), both over the same
//! folded words; the score is computed here, by one function, so that both
//! databases rank alike. See [`score`] for how.
//!
//! Two rounds at most: every field that holds every word, then, for a query
//! of two words or more, the words spread over a fact: the rows that hold
//! any of them, and the facts tied to the names among those (an event's
//! participants and places, a role's holder and organisation, a relation's
//! people, a measure's parties, a statement's speaker).

mod candidates;
mod score;

use std::collections::HashMap;
use std::str::FromStr;

use rust_decimal::Decimal;

use sea_orm::DatabaseConnection;

use crate::domain::Amount;
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
    /// Keys to match text (statements, labels, titles) with; the last one is a prefix.
    text_terms: Vec<String>,
    /// The amounts the query names ("184 billion" is 184000000000), as
    /// stored, each with the terms it stands for (bit `i` for term `i`).
    amounts: Vec<(String, u32)>,
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
            amounts: amounts(query),
            name_terms,
            text_terms,
        })
    }

    fn terms(&self, field: Field) -> &[String] {
        match field.words() {
            Words::Name => &self.name_terms,
            Words::Text => &self.text_terms,
        }
    }

    /// The mask of every term.
    fn all(&self) -> u32 {
        (1 << self.name_terms.len()) - 1
    }
}

/// The amounts a query names: a number followed by a scale word
/// ("184 billion", "1.5 bn", "184bn"), or a number of four digits or more.
fn amounts(query: &str) -> Vec<(String, u32)> {
    // The query's keys, with where each word stands and which term it is.
    let mut keys: Vec<(String, usize, usize)> = Vec::new();
    for w in words(query, Words::Name) {
        for k in w.keys {
            keys.push((k, w.start, w.end));
        }
    }
    let chars: Vec<char> = query.chars().collect();
    let scale = |key: &str| -> Option<u32> {
        Some(match key {
            "thousand" | "k" => 3,
            "milion" | "m" | "mn" => 6,
            "bilion" | "bn" | "b" => 9,
            "trilion" | "tn" => 12,
            _ => return None,
        })
    };
    let digits = |k: &str| !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit());
    let mut out = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        if !digits(&keys[i].0) {
            i += 1;
            continue;
        }
        let mut number = keys[i].0.clone();
        let mut mask = 1 << i;
        let mut next = i + 1;
        // "1.5": the two keys stand either side of a point.
        if next < keys.len()
            && digits(&keys[next].0)
            && keys[i].2 + 1 == keys[next].1
            && chars[keys[i].2] == '.'
        {
            number = format!("{number}.{}", keys[next].0);
            mask |= 1 << next;
            next += 1;
        }
        let power = keys.get(next).and_then(|k| scale(&k.0));
        if power.is_some() {
            mask |= 1 << next;
            next += 1;
        }
        let value = Decimal::from_str(&number).ok().and_then(|n| match power {
            Some(p) => n.checked_mul(Decimal::from(10u64.pow(p))),
            None if n >= Decimal::from(1000) => Some(n),
            None => None,
        });
        if let Some(amount) = value.and_then(|v| Amount::parse(&v.to_string()).ok()) {
            out.push((amount.canonical(), mask));
        }
        i = next;
    }
    // "184bn": the digits and the scale in one word.
    for (i, (key, _, _)) in keys.iter().enumerate() {
        let Some(at) = key.find(|c: char| c.is_ascii_alphabetic()) else {
            continue;
        };
        let (number, word) = key.split_at(at);
        if let (true, Some(power)) = (digits(number), scale(word))
            && let Some(v) = Decimal::from_str(number)
                .ok()
                .and_then(|n| n.checked_mul(Decimal::from(10u64.pow(power))))
            && let Ok(amount) = Amount::parse(&v.to_string())
        {
            out.push((amount.canonical(), 1 << i));
        }
    }
    out
}

/// What a hit is: the kind of node, in the order equal scores are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HitKind {
    Person,
    Organisation,
    Place,
    Issue,
    Event,
    FinancialMeasure,
    Role,
    Relation,
    Statement,
    Source,
}

/// One node the query found, by its best-matching field.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub kind: HitKind,
    pub id: i64,
    pub field: Field,
    pub score: f64,
    /// The text that matched, as stored: the name, the alias, the label, the
    /// statement, the passage of a source; for a role or a relation, its
    /// people and title or kind ("Dmitry Peskov, spokesman, Kremlin").
    pub text: String,
    /// Where the query's words are in `text`: code points, end exclusive.
    pub highlights: Vec<(usize, usize)>,
}

/// Finds every node the query matches, best first: by score, then by kind,
/// text and key, so that the order is the same on every database.
#[tracing::instrument(skip(db))]
pub async fn find(db: &DatabaseConnection, query: &SearchTerms) -> AppResult<Vec<Hit>> {
    let mut best: HashMap<(HitKind, i64), Hit> = HashMap::new();
    for c in candidates::fetch(db, query, candidates::Match::All).await? {
        let terms = query.terms(c.field);
        // The index proposes, this decides: a candidate that does not hold
        // every word (a tokeniser's quirk) is no hit on any database.
        let Some(mut score) = score::score(c.field, &c.folded, terms) else {
            continue;
        };
        let mut text = c.text;
        if c.field == Field::Passage {
            let (start, end) = score::best_passage(&text, terms);
            text = text.chars().skip(start).take(end - start).collect();
            score = score::passage(&crate::names::fold_text(&text), terms);
        }
        keep(&mut best, hit(c.kind, c.id, c.field, score, text));
    }
    let all = query.all();
    let measures = candidates::by_amount(db, &query.amounts).await?;
    for (id, text, mask) in &measures {
        if *mask == all {
            keep(
                &mut best,
                hit(
                    HitKind::FinancialMeasure,
                    *id,
                    Field::Amount,
                    score::AMOUNT,
                    text.clone(),
                ),
            );
        }
    }
    if query.name_terms.len() > 1 {
        spread(db, query, measures, &mut best).await?;
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

fn hit(kind: HitKind, id: i64, field: Field, score: f64, text: String) -> Hit {
    Hit {
        kind,
        id,
        field,
        score,
        text,
        highlights: Vec::new(),
    }
}

/// Keeps a hit unless its node has a better one already.
fn keep(best: &mut HashMap<(HitKind, i64), Hit>, hit: Hit) {
    match best.get(&(hit.kind, hit.id)) {
        Some(kept) if !better(&hit, kept) => {}
        _ => {
            best.insert((hit.kind, hit.id), hit);
        }
    }
}

/// Adds the facts whose words are spread over their own fields and the
/// names they are tied to, when no one field of theirs holds them all.
async fn spread(
    db: &DatabaseConnection,
    query: &SearchTerms,
    measures: Vec<(i64, String, u32)>,
    best: &mut HashMap<(HitKind, i64), Hit>,
) -> AppResult<()> {
    let all = query.all();
    // What each name and each fact holds of the query, and a fact's text.
    let mut names: HashMap<i64, u32> = HashMap::new();
    let mut facts: HashMap<(HitKind, i64), (u32, String)> = HashMap::new();
    for c in candidates::fetch(db, query, candidates::Match::Any).await? {
        let mask = score::covered(&c.folded, query.terms(c.field));
        match c.kind {
            HitKind::Person | HitKind::Organisation | HitKind::Place => {
                *names.entry(c.id).or_default() |= mask
            }
            HitKind::Issue | HitKind::Source => {}
            kind => facts.entry((kind, c.id)).or_insert((0, c.text)).0 |= mask,
        }
    }
    for (id, text, mask) in measures {
        facts
            .entry((HitKind::FinancialMeasure, id))
            .or_insert((0, text))
            .0 |= mask;
    }
    // What a fact's ties hold together, and whether one of them holds it all
    // (then that name is the hit, not the fact).
    let mut ties: HashMap<(HitKind, i64), (u32, bool)> = HashMap::new();
    for tie in candidates::ties(db, &names.keys().copied().collect::<Vec<_>>()).await? {
        facts.entry((tie.kind, tie.id)).or_insert((0, tie.text));
        let mask = names.get(&tie.entity).copied().unwrap_or_default();
        let tied = ties.entry((tie.kind, tie.id)).or_default();
        *tied = (tied.0 | mask, tied.1 || mask == all);
    }
    for ((kind, id), (own, text)) in facts {
        let (tied, one_holds_all) = ties.get(&(kind, id)).copied().unwrap_or_default();
        // A fact's own fields may hold them all between them (a measure's
        // label and amount); one field that holds them all is a hit already.
        if own | tied == all && !one_holds_all && !best.contains_key(&(kind, id)) {
            best.insert(
                (kind, id),
                hit(
                    kind,
                    id,
                    Field::Fact,
                    score::spread(own, query.name_terms.len()),
                    text,
                ),
            );
        }
    }
    Ok(())
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
    fn amounts_are_read_as_written() {
        let amount = |q: &str| SearchTerms::parse(q).unwrap().amounts;
        assert_eq!(amount("184 billion"), [("184000000000".to_owned(), 0b11)]);
        assert_eq!(amount("loan of £184bn"), [("184000000000".to_owned(), 0b100)]);
        assert_eq!(amount("1.5 million euros"), [("1500000".to_owned(), 0b111)]);
        assert_eq!(amount("2500 troops"), [("2500".to_owned(), 0b1)]);
        assert_eq!(amount("111 drones"), []);
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
