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
//! | a financial measure's amount is the query's number ("184 billion") | 45 |
//! | a label (event, financial measure), a title (role, source) or a relation's kind holds every word | 35, plus 5 when the words stand together in order |
//! | the statement text holds every word | 20, plus 5 when the words stand together in order |
//! | a source's text holds every word | 10, plus 5 when its passage holds them all |
//! | the words are spread over a fact and what it is tied to | 5 |
//!
//! plus 9 × the share of the name's words that match (10 × for labels,
//! titles and statement text, 4 × for a source's passage, 4 × the share of
//! the query's words that the fact itself holds for a spread match),
//! rounded to two decimals. Names and aliases always rank above the rest,
//! and a match in one field always ranks above words spread over a fact.

use crate::names::{Words, words};

/// Which field of the node the query matched.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[graphql(name = "SearchField")]
pub enum Field {
    /// The name of a person, an organisation, a place or an issue.
    Name,
    /// One of its aliases: another name or spelling it is known by.
    Alias,
    /// The label of an event or a financial measure, the title of a role,
    /// the kind of a relation ("son-in-law").
    Label,
    /// The title of a source.
    Title,
    /// The amount of a financial measure, as the query wrote it in digits or
    /// in words ("184 billion").
    Amount,
    /// The text of a statement.
    Text,
    /// A passage of a source's text: `text` is the sentence that holds the
    /// most of the query's words.
    Passage,
    /// The query's words spread over a fact and the names it is tied to: an
    /// event's participants and places, a role's holder and organisation, a
    /// relation's people, a measure's parties, a statement's speaker.
    Fact,
}

/// Every field, in the order of [`Field`].
const FIELDS: [Field; 8] = [
    Field::Name,
    Field::Alias,
    Field::Label,
    Field::Title,
    Field::Amount,
    Field::Text,
    Field::Passage,
    Field::Fact,
];

impl Field {
    /// The field's code in SQL results.
    pub fn code(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Alias => "alias",
            Self::Label => "label",
            Self::Title => "title",
            Self::Amount => "amount",
            Self::Text => "text",
            Self::Passage => "passage",
            Self::Fact => "fact",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        FIELDS.into_iter().find(|f| f.code() == code)
    }

    /// How the field's words are folded: names as names, the rest as text.
    pub fn words(self) -> Words {
        match self {
            Self::Name | Self::Alias => Words::Name,
            _ => Words::Text,
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

/// Which of the query's terms a field's folded text holds: bit `i` for term `i`.
pub fn covered(folded: &str, terms: &[String]) -> u32 {
    let tokens: Vec<&str> = folded.split(' ').filter(|t| !t.is_empty()).collect();
    (0..terms.len())
        .filter(|&i| tokens.iter().any(|t| matches(t, terms, i)))
        .fold(0, |mask, i| mask | 1 << i)
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
    let together = if terms.len() > 1 && !starts_at.is_empty() {
        5.0
    } else {
        0.0
    };
    let raw = match field {
        Field::Label | Field::Title => 35.0 + together + 10.0 * covered,
        Field::Text => 20.0 + together + 10.0 * covered,
        Field::Passage => 10.0 + 4.0 * covered,
        Field::Amount => AMOUNT,
        Field::Fact => FACT,
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
    Some(rounded(raw))
}

/// The score of a financial measure whose amount is the query's number.
pub const AMOUNT: f64 = 45.0;
/// The base of words spread over a fact and its ties.
const FACT: f64 = 5.0;

/// The score of words spread over a fact: `own` of the `terms` query
/// words are in the fact's own fields, the rest in the names it is tied to.
pub fn spread(own: u32, terms: usize) -> f64 {
    rounded(FACT + 4.0 * own.count_ones() as f64 / terms as f64)
}

/// The score of a source's text that holds every word, by its passage: the
/// passage's folded words, and whether they hold every word.
pub fn passage(folded: &str, terms: &[String]) -> f64 {
    let tokens: Vec<&str> = folded.split(' ').filter(|t| !t.is_empty()).collect();
    let all = covered(folded, terms).count_ones() as usize == terms.len();
    let share = tokens.iter().filter(|t| matches_any(t, terms)).count() as f64 / tokens.len().max(1) as f64;
    rounded(10.0 + if all { 5.0 } else { 0.0 } + 4.0 * share)
}

fn rounded(raw: f64) -> f64 {
    (raw * 100.0).round() / 100.0
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

/// The sentence of a text that holds the most of the query's words (the
/// first of those): its start and end, in code points, end exclusive.
pub fn best_passage(text: &str, terms: &[String]) -> (usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    let mut best = (0, 0, chars.len());
    let mut start = 0;
    for end in 1..=chars.len() {
        if end < chars.len() && !ends_sentence(&chars, end) {
            continue;
        }
        let sentence: String = chars[start..end].iter().collect();
        let found = covered(&crate::names::fold_text(&sentence), terms).count_ones();
        if found > best.0 {
            best = (found, start, end);
        }
        start = end;
    }
    // Without the blanks around it.
    let (mut from, mut to) = (best.1, best.2);
    while from < to && chars[from].is_whitespace() {
        from += 1;
    }
    while to > from && chars[to - 1].is_whitespace() {
        to -= 1;
    }
    (from, to)
}

/// Whether a sentence ends just before `at`: a line break, or `.`, `!` or
/// `?` before a blank, but for an initial such as the "U." of "U.S. envoy".
fn ends_sentence(chars: &[char], at: usize) -> bool {
    let last = chars[at - 1];
    if last == '\n' {
        return true;
    }
    if !matches!(last, '.' | '!' | '?') || !chars[at].is_whitespace() {
        return false;
    }
    let initial = at >= 2 && chars[at - 2].is_alphabetic() && (at < 3 || !chars[at - 3].is_alphanumeric());
    !(last == '.' && initial)
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
    fn the_passage_is_the_sentence_with_most_words() {
        let text = "Talks stalled. The U.S. envoy met Umerov.\nDrones hit Kyiv.";
        let q = terms(&["envoi", "umerov"]);
        assert_eq!(best_passage(text, &q), (15, 41));
        let q = terms(&["drone"]);
        assert_eq!(best_passage(text, &q), (42, 58));
    }

    #[test]
    fn highlights_cover_the_matching_words_of_the_original() {
        let q = terms(&["zelenski", "def"]);
        let text = "Zelenskyy urged Europe to fund Ukraine’s defence.";
        assert_eq!(highlights(text, Field::Text, &q), [(0, 9), (41, 48)]);
    }
}
