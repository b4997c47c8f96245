//! How well a field matches a query, and where the query's words are in it.
//!
//! A score is the sum of a base for how the field matched and a bonus for
//! how much of the field the query covers:
//!
//! | match | base |
//! | --- | --- |
//! | the name, word for word | 100 |
//! | an alias, word for word | 90 |
//! | the name starts with the query | 80 |
//! | an alias starts with the query | 70 |
//! | the name holds every word | 60 |
//! | an alias holds every word | 50 |
//! | the statement text holds every word | 20, plus 5 when the words stand together in order |
//!
//! plus 9 × the share of the name's words that match (10 × for statement
//! text), rounded to two decimals. Bases are 10 apart and bonuses below 10,
//! so a better kind of match always ranks higher: any name or alias hit
//! ranks above any statement hit.

use crate::names::{Words, words};

/// Which field of a node a query matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Name,
    Alias,
    Text,
}

impl Field {
    /// The field's code in SQL results.
    pub fn code(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Alias => "alias",
            Self::Text => "text",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Name, Self::Alias, Self::Text]
            .into_iter()
            .find(|f| f.code() == code)
    }

    fn words(self) -> Words {
        match self {
            Self::Name | Self::Alias => Words::Name,
            Self::Text => Words::Text,
        }
    }
}

/// Whether a word of a field matches the query's `i`th term: the last
/// term is a prefix, the others whole words.
fn matches(word: &str, terms: &[String], i: usize) -> bool {
    let term = &terms[i];
    word == term || (i + 1 == terms.len() && word.starts_with(term.as_str()))
}

fn matches_any(word: &str, terms: &[String]) -> bool {
    (0..terms.len()).any(|i| matches(word, terms, i))
}

/// Scores a field by its folded text; `None` when some term is not in it.
pub fn score(field: Field, folded: &str, terms: &[String]) -> Option<f64> {
    let tokens: Vec<&str> = folded.split(' ').filter(|t| !t.is_empty()).collect();
    if terms.is_empty() || !(0..terms.len()).all(|i| tokens.iter().any(|t| matches(t, terms, i))) {
        return None;
    }
    let covered = tokens.iter().filter(|t| matches_any(t, terms)).count() as f64 / tokens.len() as f64;
    // Where the terms stand one after another, in order; none when they cannot.
    let starts_at: Vec<usize> = (0..(tokens.len() + 1).saturating_sub(terms.len()))
        .filter(|&start| (0..terms.len()).all(|i| matches(tokens[start + i], terms, i)))
        .collect();
    let starts = starts_at.first() == Some(&0);
    let exact = starts && tokens.len() == terms.len() && tokens[tokens.len() - 1] == terms[terms.len() - 1];
    let raw = match field {
        Field::Text => {
            let together = terms.len() > 1 && !starts_at.is_empty();
            20.0 + if together { 5.0 } else { 0.0 } + 10.0 * covered
        }
        Field::Name | Field::Alias => {
            let base = match (exact, starts) {
                (true, _) => 100.0,
                (false, true) => 80.0,
                (false, false) => 60.0,
            };
            let alias_malus = if field == Field::Alias { 10.0 } else { 0.0 };
            base - alias_malus + 9.0 * covered
        }
    };
    Some((raw * 100.0).round() / 100.0)
}

/// Where the words that match the query are in a field's original text:
/// code points, end exclusive, in order.
pub fn highlights(text: &str, field: Field, terms: &[String]) -> Vec<(usize, usize)> {
    words(text, field.words())
        .into_iter()
        .filter(|w| w.keys.iter().any(|k| matches_any(k, terms)))
        .map(|w| (w.start, w.end))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn kinds_of_match_rank_in_order() {
        let q = terms(&["peskov"]);
        let exact_name = score(Field::Name, "peskov", &q).unwrap();
        let exact_alias = score(Field::Alias, "peskov", &q).unwrap();
        let name_starts = score(Field::Name, "peskov foundation", &q).unwrap();
        let name_holds = score(Field::Name, "dmitri peskov", &q).unwrap();
        let alias_holds = score(Field::Alias, "dmitri peskov", &q).unwrap();
        let text = score(Field::Text, "peskov", &q).unwrap();
        assert_eq!(
            [
                exact_name,
                exact_alias,
                name_starts,
                name_holds,
                alias_holds,
                text
            ],
            [109.0, 99.0, 84.5, 64.5, 54.5, 30.0]
        );
    }

    #[test]
    fn the_last_word_is_a_prefix_and_every_word_is_needed() {
        let q = terms(&["dmitri", "pesk"]);
        assert_eq!(score(Field::Name, "dmitri peskov", &q), Some(89.0));
        assert_eq!(score(Field::Name, "dmitri", &q), None);
        assert_eq!(score(Field::Name, "dmitriev peskov", &q), None);
    }

    #[test]
    fn words_together_in_text_score_higher() {
        let q = terms(&["nato", "membership"]);
        let together = score(Field::Text, "ukraine nato membership is key", &q).unwrap();
        let apart = score(Field::Text, "ukraine membership in nato is key", &q).unwrap();
        assert!(together > apart, "{together} {apart}");
    }

    #[test]
    fn highlights_cover_the_matching_words_of_the_original() {
        let q = terms(&["zelenski", "def"]);
        let text = "Zelenskyy urged Europe to fund Ukraine’s defence.";
        assert_eq!(highlights(text, Field::Text, &q), [(0, 9), (41, 48)]);
    }
}
