//! The article as the rules see it: code points (the import format's
//! offsets), words and punctuation with their positions, sentences, and
//! quotations.

use super::rules;

/// An article's text, indexed by code point.
pub struct Text {
    pub chars: Vec<char>,
}

/// A word or a mark of the text: `[start, end)` in code points.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: TokenKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters and digits, with inner apostrophes, hyphens and full stops
    /// ("son-in-law", "Putin’s", "U.S.").
    Word,
    /// An opening or closing quotation mark.
    Quote,
    /// Any other mark (`,`, `:`, `.`, `—`).
    Mark,
    /// The end of a paragraph.
    Break,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Whether the word starts with a capital letter.
    pub fn is_capitalised(&self) -> bool {
        self.is_word() && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// The word in lower case, without a possessive `’s`.
    pub fn lower(&self) -> String {
        self.bare().to_lowercase()
    }

    /// The word without a possessive `’s` or `'s`.
    pub fn bare(&self) -> &str {
        self.text
            .strip_suffix("’s")
            .or_else(|| self.text.strip_suffix("'s"))
            .unwrap_or(&self.text)
    }

    pub fn is_possessive(&self) -> bool {
        self.bare().len() != self.text.len()
    }

    pub fn is_mark(&self, mark: &str) -> bool {
        self.kind == TokenKind::Mark && self.text == mark
    }
}

/// The word at token `k` in lower case without a possessive, or `None`
/// where a mark stands or the text has ended.
pub fn word_at(tokens: &[Token], k: usize) -> Option<String> {
    tokens.get(k).filter(|t| t.is_word()).map(Token::lower)
}

/// A sentence: `[start, end)` in code points, and its tokens' range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub first: usize,
    pub last: usize,
}

/// A quotation: from its opening mark to its closing mark, both included
/// in `[open, close]`, and the quoted words (marks of paragraphs it runs
/// over left out).
#[derive(Debug, Clone, PartialEq)]
pub struct Quotation {
    pub open: usize,
    pub close: usize,
    pub words: String,
}

impl Text {
    pub fn new(text: &str) -> Self {
        Text {
            chars: text.chars().collect(),
        }
    }

    pub fn slice(&self, start: usize, end: usize) -> String {
        self.chars[start..end].iter().collect()
    }

    /// Cuts the text into tokens.
    pub fn tokens(&self) -> Vec<Token> {
        let c = &self.chars;
        let mut out = Vec::new();
        let mut i = 0;
        while i < c.len() {
            let ch = c[i];
            if ch == '\n' {
                out.push(token(self, i, i + 1, TokenKind::Break));
                while i < c.len() && c[i].is_whitespace() {
                    i += 1;
                }
                continue;
            }
            if ch.is_whitespace() {
                i += 1;
                continue;
            }
            if ch.is_alphanumeric() {
                let start = i;
                // Inner marks join letters: "son-in-law", "Putin’s", "U.S";
                // full stops and commas join digits: "12.5bn", "1,500".
                let joins = |i: usize| {
                    let next = c.get(i + 1);
                    let digits = i > 0 && c[i - 1].is_ascii_digit() && next.is_some_and(char::is_ascii_digit);
                    matches!(c[i], '.' | ',') && digits
                        || matches!(c[i], '\'' | '’' | '-' | '.' | '&')
                            && next.is_some_and(|n| n.is_alphanumeric())
                            && (c[i] != '.' || abbreviation_dot(c, start, i))
                };
                while i < c.len() && (c[i].is_alphanumeric() || joins(i)) {
                    i += 1;
                }
                // "U.S." keeps its last full stop.
                if c.get(i) == Some(&'.') && abbreviation_dot(c, start, i) && initials(c, start, i) {
                    i += 1;
                }
                out.push(token(self, start, i, TokenKind::Word));
                continue;
            }
            let kind = if rules::is_quote_mark(ch) {
                TokenKind::Quote
            } else {
                TokenKind::Mark
            };
            out.push(token(self, i, i + 1, kind));
            i += 1;
        }
        out
    }

    /// Finds the quotations: curly or straight double quotation marks,
    /// a quotation running over paragraphs when each new paragraph opens
    /// with a mark again. An unclosed quotation is left out.
    pub fn quotations(&self) -> Vec<Quotation> {
        let c = &self.chars;
        let mut out = Vec::new();
        let mut open: Option<usize> = None;
        let mut words = String::new();
        let mut i = 0;
        while i < c.len() {
            let ch = c[i];
            match open {
                None => {
                    if ch == '“' || (ch == '"' && opens_here(c, i)) || ch == '«' || ch == '„' {
                        open = Some(i);
                        words.clear();
                    }
                }
                Some(start) => {
                    if ch == '”' || ch == '"' || ch == '»' {
                        out.push(Quotation {
                            open: start,
                            close: i,
                            words: tidy_quote(&words),
                        });
                        open = None;
                    } else if ch == '\n' {
                        // A paragraph break: the quotation goes on only
                        // where the next paragraph opens with a mark.
                        let mut j = i;
                        while j < c.len() && c[j].is_whitespace() {
                            j += 1;
                        }
                        if j < c.len() && (c[j] == '“' || c[j] == '"') {
                            words.push(' ');
                            i = j + 1;
                            continue;
                        }
                        open = None;
                    } else {
                        words.push(ch);
                    }
                }
            }
            i += 1;
        }
        out
    }

    /// Cuts the tokens into sentences. A sentence ends at a paragraph break
    /// or after `.`, `!` or `?` (and any closing quotation marks) before a
    /// capital letter or an opening mark; not after a title or an initial
    /// ("Dr.", "Yuri V. Ushakov"), and not inside a quotation unless the
    /// quotation closes with it.
    pub fn sentences(&self, tokens: &[Token]) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut first = 0;
        let mut inside = false;
        let close = |out: &mut Vec<Sentence>, first: usize, last: usize| {
            if first <= last && last < tokens.len() {
                let (a, b) = (&tokens[first], &tokens[last]);
                if a.kind != TokenKind::Break {
                    out.push(Sentence {
                        start: a.start,
                        end: b.end,
                        first,
                        last,
                    });
                }
            }
        };
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            match t.kind {
                TokenKind::Break => {
                    if i > first {
                        close(&mut out, first, i - 1);
                    }
                    first = i + 1;
                    inside = false;
                }
                TokenKind::Quote => inside = quote_opens(t, inside),
                TokenKind::Mark if matches!(t.text.as_str(), "." | "!" | "?") => {
                    // Closing marks right after belong to this sentence.
                    let mut last = i;
                    while tokens
                        .get(last + 1)
                        .is_some_and(|n| n.kind == TokenKind::Quote && inside)
                    {
                        last += 1;
                        inside = false;
                    }
                    let next = tokens.get(last + 1);
                    let ends = !inside
                        && next.is_none_or(|n| n.is_capitalised() || n.kind != TokenKind::Word)
                        && !tokens.get(i.wrapping_sub(1)).is_some_and(|p| {
                            // "Dr." and the initial of "Yuri V. Ushakov".
                            rules::is_title_abbreviation(&p.text)
                                || p.text.chars().count() == 1 && p.text.chars().all(char::is_uppercase)
                        });
                    if ends {
                        close(&mut out, first, last);
                        first = last + 1;
                        i = last;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        if first < tokens.len() {
            close(&mut out, first, tokens.len() - 1);
        }
        out
    }
}

fn token(text: &Text, start: usize, end: usize, kind: TokenKind) -> Token {
    Token {
        start,
        end,
        text: text.slice(start, end),
        kind,
    }
}

/// Whether a straight quotation mark at `i` opens: at the start, or after
/// a space, a paragraph or an opening bracket.
fn opens_here(c: &[char], i: usize) -> bool {
    i == 0 || c[i - 1].is_whitespace() || matches!(c[i - 1], '(' | '[' | '—' | '–' | ':')
}

/// Whether a quotation-mark token opens a quotation, given whether one is
/// open already.
fn quote_opens(t: &Token, inside: bool) -> bool {
    match t.text.as_str() {
        "“" | "«" | "„" => true,
        "”" | "»" => false,
        _ => !inside,
    }
}

/// Whether the full stop at `dot` belongs to the word from `start`: an
/// initial or an abbreviation of single letters ("U.S.", "V.").
fn abbreviation_dot(c: &[char], start: usize, dot: usize) -> bool {
    let word: String = c[start..dot].iter().collect();
    word.split('.').all(|part| part.chars().count() == 1)
}

/// Whether the word from `start` to `dot` is made of initials with inner
/// full stops ("U.S") and so keeps its last one.
fn initials(c: &[char], start: usize, dot: usize) -> bool {
    c[start..dot].contains(&'.')
}

/// The quoted words as a statement's text: trimmed, without a trailing
/// comma.
fn tidy_quote(words: &str) -> String {
    let t = words.trim();
    let t = t.strip_suffix(',').unwrap_or(t);
    t.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(s: &str) -> Vec<String> {
        let text = Text::new(s);
        let tokens = text.tokens();
        text.sentences(&tokens)
            .iter()
            .map(|x| text.slice(x.start, x.end))
            .collect()
    }

    #[test]
    fn sentences_end_after_stops_but_not_after_initials() {
        assert_eq!(
            sentences("Yuri V. Ushakov spoke. The U.S. delegation left.\nA new one"),
            ["Yuri V. Ushakov spoke.", "The U.S. delegation left.", "A new one"]
        );
    }

    #[test]
    fn a_quotation_ending_a_sentence_stays_in_it() {
        assert_eq!(
            sentences("He said he was “ready for war.” Then he left."),
            ["He said he was “ready for war.”", "Then he left."]
        );
        assert_eq!(
            sentences("“Stop. Now,” she said. Done."),
            ["“Stop. Now,” she said.", "Done."]
        );
    }

    #[test]
    fn quotations_curly_straight_and_over_paragraphs() {
        let text = Text::new("“One,” he said. He said \"two\". “Three\n“four.”\n“five");
        let q: Vec<String> = text.quotations().into_iter().map(|q| q.words).collect();
        assert_eq!(q, ["One", "two", "Three four."]);
    }

    #[test]
    fn words_keep_apostrophes_hyphens_and_initials() {
        let text = Text::new("Putin’s son-in-law, the U.S. envoy.");
        let words: Vec<String> = text.tokens().into_iter().map(|t| t.text).collect();
        assert_eq!(words, ["Putin’s", "son-in-law", ",", "the", "U.S.", "envoy", "."]);
    }

    #[test]
    fn numbers_keep_their_separators() {
        // "$12.5bn", "1,500 people", but a sentence's full stop after a
        // number ends it ("since 1998.").
        let text = Text::new("$12.5bn for 1,500 people, since 1998. Then");
        let words: Vec<String> = text.tokens().into_iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            [
                "$", "12.5bn", "for", "1,500", "people", ",", "since", "1998", ".", "Then"
            ]
        );
    }
}
