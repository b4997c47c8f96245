//! The issues a passage is about, and the stance it takes on each.
//!
//! An issue of the graph is named in a passage when every content word of
//! its name or of one alias stands in it, in any order and form
//! ("Ukraine’s membership of NATO" names "Ukraine's NATO membership";
//! "negotiations" meets "negotiation"). A proper word ("Ukraine") may
//! instead stand in the headline: in an article about Ukraine, "the peace
//! negotiations" are Ukraine's. A stance is given only where a word takes a
//! side before the issue is named ("strongly opposes", "rejected", "does
//! not support"); otherwise the passage is about the issue and takes no
//! side we can read, which the graph calls neutral.

use std::collections::HashSet;

use entity::kinds::Stance;

use super::gazetteer::Gazetteer;
use super::rules;
use super::text::{Text, Token};

/// One name of an issue as words to look for.
#[derive(Debug)]
struct Name {
    issue: usize,
    /// The content words, each with whether it is a proper word.
    words: Vec<(String, bool)>,
}

/// The graph's issues, ready to be looked for in an article.
#[derive(Debug, Default)]
pub struct Issues {
    names: Vec<Name>,
    /// The headline's words.
    topic: HashSet<String>,
}

/// An issue a passage names: the issue's index in the gazetteer, the
/// stance taken, and the first token that names it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Named {
    pub issue: usize,
    pub stance: Stance,
    pub at: usize,
}

/// A word as issues are compared: lower case, without accents, a
/// possessive or a plural ending.
pub fn word_key(token: &Token) -> String {
    let lower = deunicode::deunicode(&token.lower()).to_lowercase();
    if let Some(stem) = lower.strip_suffix("ies").filter(|s| s.len() > 2) {
        format!("{stem}y")
    } else if lower.len() > 3 && lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("us") {
        lower[..lower.len() - 1].to_owned()
    } else {
        lower
    }
}

impl Issues {
    pub fn new(known: &Gazetteer, headline: &[Token]) -> Self {
        let mut names = Vec::new();
        for (issue, known_issue) in known.issues.iter().enumerate() {
            for name in std::iter::once(&known_issue.name).chain(&known_issue.aliases) {
                let words: Vec<(String, bool)> = Text::new(name)
                    .tokens()
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.is_word() && !rules::is_stop_word(&t.lower()))
                    .map(|(k, t)| (word_key(t), t.is_capitalised() && (k > 0 || is_proper(known, t))))
                    .collect();
                if !words.is_empty() {
                    names.push(Name { issue, words });
                }
            }
        }
        Issues {
            names,
            topic: headline.iter().filter(|t| t.is_word()).map(word_key).collect(),
        }
    }

    /// The issues tokens `[first, last]` name, each once, in the order
    /// they are named.
    pub fn named(&self, tokens: &[Token], first: usize, last: usize) -> Vec<Named> {
        let keys: Vec<String> = (first..=last)
            .map(|i| {
                if tokens[i].is_word() {
                    word_key(&tokens[i])
                } else {
                    String::new()
                }
            })
            .collect();
        let mut out: Vec<Named> = Vec::new();
        for name in &self.names {
            if out.iter().any(|n| n.issue == name.issue) {
                continue;
            }
            let at: Vec<Option<usize>> = name
                .words
                .iter()
                .map(|(w, _)| keys.iter().position(|k| k == w))
                .collect();
            let complete = name
                .words
                .iter()
                .zip(&at)
                .all(|((w, proper), at)| at.is_some() || *proper && self.topic.contains(w));
            // At least one word that is not a proper name stands in the
            // passage: "Ukraine" alone names no issue about Ukraine.
            let own = name
                .words
                .iter()
                .zip(&at)
                .any(|((_, proper), at)| !proper && at.is_some());
            if !complete || !own {
                continue;
            }
            let start = first + at.iter().flatten().min().copied().unwrap_or(0);
            let matched: HashSet<usize> = at.iter().flatten().map(|k| first + k).collect();
            out.push(Named {
                issue: name.issue,
                stance: stance_before(tokens, first, start, &matched),
                at: start,
            });
        }
        out.sort_by_key(|n| n.at);
        out
    }
}

impl Issues {
    /// The issue one of whose names holds every word given ("Russian
    /// assets" is in "Frozen Russian assets"); words as `word_key` makes them.
    pub fn holding(&self, words: &[String]) -> Option<usize> {
        self.names
            .iter()
            .find(|n| words.iter().all(|w| n.words.iter().any(|(k, _)| k == w)))
            .map(|n| n.issue)
    }
}

/// Whether the first word of an issue's name is a proper word: "Ukraine"
/// in "Ukraine peace negotiations" (a name the graph knows, or letters in
/// capitals like "NATO"), not "Frozen" in "Frozen Russian assets".
fn is_proper(known: &Gazetteer, t: &Token) -> bool {
    !known.lookup(t.bare()).is_empty() || t.bare().chars().filter(|c| c.is_uppercase()).count() > 1
}

/// The stance a word before `at` takes, within the same clause: the last
/// side-taking word ("opposes", "rejected"), turned round by a negation
/// right before it ("does not support"), but not a word of the issue's
/// own name ("support" in "financial support") nor a passive ("backed
/// by").
fn stance_before(tokens: &[Token], first: usize, at: usize, own: &HashSet<usize>) -> Stance {
    let mut k = at;
    while k > first {
        k -= 1;
        let t = &tokens[k];
        if t.is_mark(";") || t.is_mark(":") || t.kind == super::text::TokenKind::Break {
            break;
        }
        if !t.is_word() || own.contains(&k) {
            continue;
        }
        let Some(stance) = rules::stance_word(&t.lower()) else {
            continue;
        };
        if tokens.get(k + 1).is_some_and(|n| n.lower() == "by") {
            continue;
        }
        let negated = (k.saturating_sub(2).max(first)..k).any(|j| {
            let w = tokens[j].lower();
            rules::is_negation(&w) || w.ends_with("n't") || w.ends_with("n’t")
        });
        return match (stance, negated) {
            (Stance::Supports, true) => Stance::Opposes,
            (Stance::Opposes, true) => Stance::Supports,
            (stance, false) => stance,
            (stance, true) => stance,
        };
    }
    Stance::Neutral
}

#[cfg(test)]
mod tests {
    use entity::kinds::PlaceKind;

    use super::super::gazetteer::{Kind, Known, KnownIssue};
    use super::*;

    fn known() -> Gazetteer {
        let issue = |name: &str, aliases: &[&str]| KnownIssue {
            name: name.to_owned(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        };
        let mut g = Gazetteer::default();
        let ukraine = Known {
            name: "Ukraine".to_owned(),
            kind: Kind::Place(PlaceKind::Country),
            wikidata_id: None,
            titles: Vec::new(),
        };
        g.add(ukraine, &[]);
        g.issues = vec![
            issue("Ukraine's NATO membership", &["NATO membership for Ukraine"]),
            issue("Ukraine peace negotiations", &["Ukraine peace talks"]),
            issue("Frozen Russian assets", &["Immobilised Russian assets"]),
            issue("Financial support for Ukraine", &[]),
        ];
        g
    }

    fn about(headline: &str, sentence: &str) -> Vec<(String, Stance)> {
        let known = known();
        let index = Issues::new(&known, &Text::new(headline).tokens());
        let tokens = Text::new(sentence).tokens();
        index
            .named(&tokens, 0, tokens.len() - 1)
            .into_iter()
            .map(|n| (known.issues[n.issue].name.clone(), n.stance))
            .collect()
    }

    #[test]
    fn an_issue_is_named_in_any_order_and_form() {
        // "Russia strongly opposes Ukraine’s membership of NATO."
        assert_eq!(
            about("", "Russia strongly opposes Ukraine’s membership of NATO."),
            [("Ukraine's NATO membership".to_owned(), Stance::Opposes)]
        );
        // "the peace negotiations" in an article about Ukraine.
        assert_eq!(
            about(
                "Talks on Ukraine stall",
                "Putin accused Europe of trying to derail the peace negotiations."
            ),
            [("Ukraine peace negotiations".to_owned(), Stance::Neutral)]
        );
        assert!(
            about(
                "Talks stall",
                "Putin accused Europe of derailing the peace negotiations."
            )
            .is_empty()
        );
        // "Ukraine" alone names none of them; "frozen" alone neither.
        assert!(about("Ukraine", "Ukraine was struck overnight.").is_empty());
        assert!(about("", "The river froze; assets were frozen.").is_empty());
    }

    #[test]
    fn a_stance_only_where_a_word_takes_a_side() {
        assert_eq!(
            about(
                "",
                "Zelensky urged Europe to back the use of frozen Russian assets."
            ),
            [("Frozen Russian assets".to_owned(), Stance::Supports)]
        );
        assert_eq!(
            about("", "Hungary does not support using frozen Russian assets."),
            [("Frozen Russian assets".to_owned(), Stance::Opposes)]
        );
        // "support" is the issue's own word; "backed by" is passive.
        assert_eq!(
            about(
                "Ukraine",
                "The loan is backed by frozen Russian assets and financial support for Ukraine."
            ),
            [
                ("Frozen Russian assets".to_owned(), Stance::Neutral),
                ("Financial support for Ukraine".to_owned(), Stance::Neutral)
            ]
        );
    }
}
