//! From an article's text to a draft document of the import format: direct
//! quotations with their speakers, reported speech, the people and
//! organisations named, roles named beside a name, each with the exact span
//! it comes from, `curated: false` and a confidence.
//!
//! The rules read the language of news: a quotation is attributed by the
//! speech verb of its sentence (`“…,” X said`, `X said: “…”`, `said X`,
//! `according to X`), a pronoun or a description (`he`, `the official`,
//! `the President`) is resolved to the person last named or the holder of
//! that title, and a quotation standing alone continues the last speaker's.
//! Names are looked up in the graph (the gazetteer) and in the article
//! itself: a surname alone finds the full name given earlier. Every table
//! of words is in `rules`.

pub mod dates;
mod events;
pub mod gazetteer;
pub mod issues;
mod money;
pub mod numbers;
pub mod rules;
pub mod text;

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::kinds::StatementKind;

use crate::import::format::{
    Document, EventRecord, EvidenceRecord, FORMAT, FinancialMeasureRecord, IssueRecord, OrganisationRecord,
    PersonRecord, PlaceRecord, RoleRecord, SourceRecord, StanceRecord, StatementRecord,
};
use crate::names::fold;
pub use gazetteer::{Gazetteer, Kind, Known};
use text::{Quotation, Sentence, Text, Token, TokenKind};

/// An article and what is known of it besides its text.
#[derive(Debug, Clone, Default)]
pub struct Article {
    pub text: String,
    /// The headline; the first line of the text when not given.
    pub title: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub language: Option<String>,
}

/// The longest article `extract` reads, in bytes (a long feature is
/// 100 kB; a book is not an article).
pub const MAX_ARTICLE_BYTES: usize = 2 * 1024 * 1024;

/// An article's bytes as text, or why they are not an article: empty,
/// too long, not UTF-8, or binary.
pub fn article_text(bytes: &[u8]) -> Result<String, String> {
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(format!(
            "the article is {} bytes; extract reads at most {MAX_ARTICLE_BYTES} bytes (2 MiB) of plain text",
            bytes.len()
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "the article is not UTF-8 text (invalid bytes at byte {}); convert it to UTF-8 plain text first",
            e.valid_up_to()
        )
    })?;
    if let Some(at) = text.find(|c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(format!(
            "the article holds a control character at byte {at}: it looks binary, not plain text"
        ));
    }
    if text.trim().is_empty() {
        return Err("the article is empty".to_owned());
    }
    Ok(text.replace("\r\n", "\n"))
}

/// How sure each way of finding a speaker is.
const NAMED: f64 = 0.9;
const PRONOUN: f64 = 0.7;
const DESCRIBED: f64 = 0.6;
const CONTINUED: f64 = 0.5;
const UNNAMED: f64 = 0.3;
const REFERRED: f64 = 0.4;

/// Reads an article and writes the draft document.
pub fn draft(article: &Article, known: &Gazetteer) -> Document {
    let mut reader = Reader::new(article, known);
    reader.read();
    reader.document()
}

/// Someone who speaks or is named: an entity of the graph, one the article
/// introduces, or a speaker the article only describes.
#[derive(Debug, Clone, PartialEq)]
struct Found {
    name: String,
    /// The name folded, as names are compared.
    key: String,
    kind: Kind,
    known: Option<usize>,
    /// Described, not named ("a senior diplomat").
    unnamed: bool,
}

impl Found {
    fn new(name: String, kind: Kind, known: Option<usize>, unnamed: bool) -> Self {
        Found {
            key: fold(&name),
            name,
            kind,
            known,
            unnamed,
        }
    }
}

/// A name found in the text: tokens `[first, last]`.
#[derive(Debug, Clone, Copy)]
struct Mention {
    first: usize,
    last: usize,
    found: usize,
}

/// A speaker as a sentence gives it, resolved.
#[derive(Debug, Clone, Copy)]
struct Speaker {
    found: usize,
    confidence: f64,
    role: Option<usize>,
}

/// A role named beside a name ("Kremlin spokesman Dmitry Peskov").
#[derive(Debug, Clone)]
struct Role {
    person: usize,
    organisation: usize,
    title: String,
    start: usize,
    end: usize,
}

struct Reader<'a> {
    article: &'a Article,
    known: &'a Gazetteer,
    text: Text,
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    quotations: Vec<Quotation>,
    found: Vec<Found>,
    mentions: Vec<Mention>,
    roles: Vec<Role>,
    statements: Vec<StatementRecord>,
    measures: Vec<FinancialMeasureRecord>,
    events: Vec<EventRecord>,
    issues: issues::Issues,
    /// Issues the article names that the graph does not know, proposed
    /// by name.
    proposed_issues: Vec<String>,
    /// People resolved as speakers, by the token of their verb.
    salient: Vec<(usize, usize)>,
    source_key: String,
}

impl<'a> Reader<'a> {
    fn new(article: &'a Article, known: &'a Gazetteer) -> Self {
        let text = Text::new(&article.text);
        let tokens = text.tokens();
        let sentences = text.sentences(&tokens);
        let quotations = text.quotations();
        let title = title_of(article);
        let issues = issues::Issues::new(known, &Text::new(&title).tokens());
        let mut key = slug(&title);
        if let Some(day) = article.published_on {
            key = format!("{key}-{day}");
        }
        Reader {
            article,
            known,
            text,
            tokens,
            sentences,
            quotations,
            found: Vec::new(),
            mentions: Vec::new(),
            roles: Vec::new(),
            statements: Vec::new(),
            measures: Vec::new(),
            events: Vec::new(),
            issues,
            proposed_issues: Vec::new(),
            salient: Vec::new(),
            source_key: key,
        }
    }

    fn read(&mut self) {
        self.find_names();
        self.find_roles();
        let mut last_speaker: Option<Speaker> = None;
        // Whether the sentence before had a speaker.
        let mut spoke_last = false;
        // The quotations already given a statement.
        let mut quoted = vec![false; self.quotations.len()];
        for s in 0..self.sentences.len() {
            let sentence = self.sentences[s];
            let verbs = self.speech_verbs(sentence);
            let mut spoken: Vec<(usize, Speaker)> = Vec::new();
            for &v in &verbs {
                if let Some(speaker) = self.speaker_of(sentence, v) {
                    if self.found[speaker.found].kind == Kind::Person && !self.found[speaker.found].unnamed {
                        self.salient.push((v, speaker.found));
                    }
                    spoken.push((v, speaker));
                }
            }
            if let Some(speaker) = self.according_to(sentence) {
                spoken.push((sentence.first, speaker));
            }
            // Reported speech: a verb followed by what was said.
            for &(v, speaker) in &spoken {
                if self.reports_speech(sentence, v) {
                    self.statement(
                        StatementKind::Paraphrase,
                        self.sentence_text(sentence),
                        sentence,
                        speaker,
                    );
                }
            }
            // Quotations in the sentence.
            let from = self.quotations.partition_point(|q| q.open < sentence.start);
            let to = self.quotations.partition_point(|q| q.open < sentence.end);
            for (q, done) in quoted.iter_mut().enumerate().take(to).skip(from) {
                if *done {
                    continue;
                }
                let quotation = self.quotations[q].clone();
                let quotation = &quotation;
                let speaker = match nearest(&spoken, self.token_at(quotation.open)) {
                    Some(speaker) => Some(speaker),
                    None if self.stands_alone(sentence, quotation) => last_speaker.map(|s| Speaker {
                        confidence: CONTINUED,
                        ..s
                    }),
                    // "This includes areas “Russia does not nor will
                    // occupy”": a sentence that refers back to what the
                    // last one's speaker said, quoting it.
                    None if spoken.is_empty() && spoke_last && self.refers_back(sentence) => last_speaker
                        .map(|s| Speaker {
                            confidence: REFERRED,
                            ..s
                        }),
                    None => None,
                };
                if let Some(speaker) = speaker {
                    *done = true;
                    let span = self.span_of(sentence, quotation);
                    self.statement(StatementKind::DirectQuote, quotation.words.clone(), span, speaker);
                }
            }
            spoke_last = !spoken.is_empty();
            if let Some(&(_, speaker)) = spoken.last() {
                last_speaker = Some(speaker);
            }
        }
        self.find_money();
        self.find_events();
    }

    // ----- names ---------------------------------------------------------

    /// Finds the names of the text: the longest run of capitalised words
    /// the graph knows, a surname of someone named in full earlier, or a
    /// new name of two or more words beside a title or a speech verb.
    fn find_names(&mut self) {
        let mut i = 0;
        while i < self.tokens.len() {
            if !self.name_start(i) {
                i += 1;
                continue;
            }
            let mut end = i;
            loop {
                if end + 1 < self.tokens.len() && self.name_word(end + 1) && !self.tokens[end].is_possessive()
                {
                    end += 1;
                } else if end + 2 < self.tokens.len()
                    && matches!(self.tokens[end + 1].text.as_str(), "of" | "for")
                    && self.name_word(end + 2)
                    && (i..=end + 2).any(|k| rules::organisation_word(&self.tokens[k].lower()).is_some())
                {
                    // "Department for Environment", "Bank of England".
                    end += 2;
                } else {
                    break;
                }
            }
            // The longest known run from i.
            let mut matched = None;
            for last in (i..=end).rev() {
                if let Some(found) = self.resolve_name(i, last) {
                    matched = Some((last, found));
                    break;
                }
            }
            match matched {
                Some((last, found)) => {
                    self.mentions.push(Mention {
                        first: i,
                        last,
                        found,
                    });
                    i = last + 1;
                }
                None if rules::is_title_word(&self.tokens[i].lower()) => {
                    // "Senator Marco Rubio": the name starts after the title.
                    i += 1;
                }
                None => {
                    if let Some(kind) = self.new_name_kind(i, end) {
                        let name = self.name_text(i, end);
                        let found = self.add_found(Found::new(name, kind, None, false));
                        self.mentions.push(Mention {
                            first: i,
                            last: end,
                            found,
                        });
                    }
                    i = end + 1;
                }
            }
        }
    }

    fn name_start(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        t.is_capitalised() && !rules::is_not_a_name(&t.lower()) && !self.in_quotation(t.start)
    }

    fn name_word(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        t.is_capitalised() && !rules::is_not_a_name(&t.lower()) || rules::is_name_particle(&t.lower())
    }

    fn name_text(&self, first: usize, last: usize) -> String {
        let start = self.tokens[first].start;
        let end = self.tokens[last].start + self.tokens[last].bare().chars().count();
        title_case(&self.text.slice(start, end))
    }

    /// What tokens `[first, last]` name, when the graph or the article
    /// knows it.
    fn resolve_name(&mut self, first: usize, last: usize) -> Option<usize> {
        let name = self.name_text(first, last);
        let lone = first == last;
        // A name already found in this article, in full or by its surname.
        let key = fold(&name);
        // "Raman" after "Priya Raman"; "Norvale" after "Norvale
        // Semiconductor".
        let earlier = self.found.iter().position(|f| {
            !f.unnamed
                && (f.key == key
                    || lone && f.kind == Kind::Person && surname(&f.key) == key
                    || lone
                        && matches!(f.kind, Kind::Organisation(_))
                        && f.key.split(' ').next() == Some(key.as_str()))
        });
        if earlier.is_some() {
            return earlier;
        }
        let candidates = self.known.lookup(&name);
        let pick = match candidates {
            [] => None,
            [one] => Some(*one),
            // Several entities answer to the name: a person first (news
            // speakers), then an organisation ("Kyiv" for its government
            // where the graph gives that alias), then a place.
            many => many
                .iter()
                .copied()
                .min_by_key(|&c| match self.known.entries[c].kind {
                    Kind::Person => 0,
                    Kind::Organisation(_) => 1,
                    Kind::Place(_) => 2,
                }),
        }?;
        let known = &self.known.entries[pick];
        // A lone word is a name only when it is the entity's name or alias
        // as such (the gazetteer said so), so "Trump" finds Donald Trump
        // when the graph gives him that alias.
        Some(self.add_found(Found::new(known.name.clone(), known.kind, Some(pick), false)))
    }

    /// What an unknown run of one to four capitalised words is: a body
    /// when a word says so ("European Commission", "Security Council"); a
    /// place after a preposition of place ("in Miami", "visit to Ireland",
    /// "at Hadley Lock") or when a word says so ("River Wend"); a person
    /// when a run of two or more has no title, body or place word; nothing
    /// when the run is a headline in capitals.
    fn new_name_kind(&self, first: usize, last: usize) -> Option<Kind> {
        if last - first > 3 {
            return None;
        }
        let words: Vec<&Token> = self.tokens[first..=last].iter().collect();
        if words.iter().all(|t| !t.text.chars().any(char::is_lowercase))
            && words.iter().any(|t| t.text.len() > 3)
        {
            return None;
        }
        if words.iter().any(|t| dates::is_month(&t.lower())) {
            return None;
        }
        if let Some(kind) = words.iter().find_map(|t| rules::organisation_word(&t.lower())) {
            return Some(Kind::Organisation(kind));
        }
        if self.placed(first) || words.iter().any(|t| rules::is_place_word(&t.lower())) && last > first {
            return Some(Kind::Place(entity::kinds::PlaceKind::Other));
        }
        let plain = words
            .iter()
            .all(|t| !rules::is_title_word(&t.lower()) && !rules::is_place_word(&t.lower()));
        (plain && last > first).then_some(Kind::Person)
    }

    /// Whether a preposition of place stands before token `first` ("in",
    /// "near", or "to" after a word of going: "visit to Ireland").
    fn placed(&self, first: usize) -> bool {
        let word = |k: Option<usize>| {
            k.map(|k| &self.tokens[k])
                .filter(|t| t.is_word())
                .map(|t| t.lower())
        };
        match word(first.checked_sub(1)).as_deref() {
            // "analyst at Goldman" is no place; "at Hadley Lock" is.
            Some("at") => self.tokens.get(first + 1).is_some_and(|t| t.is_capitalised()),
            Some(w) if rules::is_place_preposition(w) => true,
            Some("to") => word(first.checked_sub(2)).is_some_and(|w| rules::is_going(&w)),
            Some("of") => word(first.checked_sub(2)).is_some_and(|w| rules::is_place_of(&w)),
            _ => false,
        }
    }

    fn add_found(&mut self, found: Found) -> usize {
        if let Some(at) = self.found.iter().position(|f| *f == found) {
            return at;
        }
        self.found.push(found);
        self.found.len() - 1
    }

    /// The mention covering a token (mentions are in order and do not
    /// overlap).
    fn mention_at(&self, token: usize) -> Option<Mention> {
        let next = self.mentions.partition_point(|m| m.first <= token);
        self.mentions[..next].last().copied().filter(|m| token <= m.last)
    }

    /// The last person named or resolved as a speaker before `token`,
    /// outside quotations: whom "he" and "the official" stand for.
    fn last_person(&self, token: usize) -> Option<usize> {
        let named = self.mentions[..self.mentions.partition_point(|m| m.first < token)]
            .iter()
            .rfind(|m| {
                m.last < token && self.found[m.found].kind == Kind::Person && !self.found[m.found].unnamed
            })
            .map(|m| (m.last, m.found));
        // Speakers are resolved in the order of their verbs.
        let resolved = self.salient[..self.salient.partition_point(|&(at, _)| at < token)]
            .last()
            .copied();
        named
            .into_iter()
            .chain(resolved)
            .max_by_key(|&(at, _)| at)
            .map(|(_, f)| f)
    }

    /// The mentions that start within tokens `[first, last]`.
    fn mentions_in(&self, first: usize, last: usize) -> &[Mention] {
        let from = self.mentions.partition_point(|m| m.first < first);
        let to = self.mentions.partition_point(|m| m.first <= last);
        &self.mentions[from..to.max(from)]
    }

    // ----- speech ---------------------------------------------------------

    /// The speech verbs of a sentence outside its quotations.
    fn speech_verbs(&self, s: Sentence) -> Vec<usize> {
        (s.first..=s.last)
            .filter(|&i| {
                let t = &self.tokens[i];
                t.is_word() && rules::is_speech_verb(&t.lower()) && !self.in_quotation(t.start)
            })
            .collect()
    }

    /// Whether a position lies inside a quotation (quotations are in
    /// order and do not overlap).
    fn in_quotation(&self, at: usize) -> bool {
        let next = self.quotations.partition_point(|q| q.open < at);
        next > 0 && at < self.quotations[next - 1].close
    }

    fn token_at(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.start < at)
    }

    /// Who speaks through the verb at `v`: the subject before it, or the
    /// name after it when the sentence puts the verb first (`“…,” said X`).
    fn speaker_of(&mut self, s: Sentence, v: usize) -> Option<Speaker> {
        let after_quote = v > s.first
            && (self.tokens[v - 1].kind == TokenKind::Quote
                || self.tokens[v - 1].is_mark(",") && v >= 2 && self.tokens[v - 2].kind == TokenKind::Quote);
        if after_quote && let Some(speaker) = self.phrase_after(s, v) {
            return Some(speaker);
        }
        // Back over "later", "also", "openly".
        let mut i = v.checked_sub(1)?;
        while i > s.first && self.tokens[i].is_word() && rules::is_bridge(&self.tokens[i].lower()) {
            i -= 1;
        }
        if i < s.first {
            return None;
        }
        // "Jonas Albek thanked donors but warned": a second verb of the
        // sentence's subject.
        if matches!(self.tokens[i].lower().as_str(), "and" | "but") {
            return self.opening_phrase(s, i);
        }
        // "Yuri Ushakov, Putin’s presidential aide, said": the name before
        // the apposition.
        let mut apposition = None;
        if self.tokens[i].is_mark(",") && i > s.first {
            let close = i;
            let mut j = i - 1;
            while j > s.first && !self.tokens[j].is_mark(",") {
                j -= 1;
            }
            if self.tokens[j].is_mark(",") && j > s.first && close - j > 1 && close - j <= 8 {
                apposition = Some((j + 1, close - 1));
                i = j - 1;
            } else {
                return None;
            }
        }
        let speaker = self.phrase_before(s, i, v)?;
        if matches!(self.found[speaker.found].kind, Kind::Place(_)) {
            // A place does not speak; its government may, but the text
            // does not say which body.
            return None;
        }
        let role = apposition.and_then(|(a, b)| self.apposed_role(speaker.found, a, b));
        Some(Speaker {
            role: role.or(speaker.role),
            ..speaker
        })
    }

    /// The speaker named right after a verb ("said Peskov", "said the
    /// Kremlin spokesman Dmitry Peskov").
    fn phrase_after(&mut self, s: Sentence, v: usize) -> Option<Speaker> {
        let mut end = v + 1;
        while end <= s.last && self.phrase_word(end) {
            end += 1;
        }
        (end > v + 1).then_some(())?;
        self.phrase(v + 1, end - 1)
            .filter(|s| !matches!(self.found[s.found].kind, Kind::Place(_)))
    }

    /// The speaker phrase that ends at token `last`.
    fn phrase_before(&mut self, s: Sentence, last: usize, verb: usize) -> Option<Speaker> {
        let t = &self.tokens[last];
        if let Some(person) = rules::pronoun(&t.lower()) {
            return self.pronoun(last, person);
        }
        let mut first = last;
        while first > s.first && self.phrase_word(first - 1) {
            first -= 1;
            if rules::is_determiner(&self.tokens[first].lower()) {
                break;
            }
        }
        if !self.phrase_word(last) {
            return None;
        }
        let speaker = self.phrase(first, last)?;
        // "a meeting of foreign ministers warned": a description after a
        // preposition is not who speaks ("a spokeswoman for the Department
        // for Environment said" is the department's word); but "with
        // pro-Kremlin outlets claiming" is the outlets' claim.
        let lead = first
            .checked_sub(1)
            .filter(|&p| p >= s.first)
            .map(|p| self.tokens[p].lower());
        let absolute = lead.as_deref() == Some("with") && rules::is_participle(&self.tokens[verb].lower());
        if lead.as_deref().is_some_and(rules::is_preposition)
            && !absolute
            && self.found[speaker.found].unnamed
        {
            // "Nato intelligence circulated at a meeting of foreign
            // ministers warned": the sentence's own subject speaks.
            return self.opening_phrase(s, first);
        }
        Some(speaker)
    }

    /// The phrase that opens a sentence, when it ends before token
    /// `before` and names someone ("Nato intelligence").
    fn opening_phrase(&mut self, s: Sentence, before: usize) -> Option<Speaker> {
        let mut end = s.first;
        while end < before && self.phrase_word(end) {
            end += 1;
        }
        (end > s.first && end < before).then_some(())?;
        self.phrase(s.first, end - 1).filter(|sp| {
            !self.found[sp.found].unnamed && !matches!(self.found[sp.found].kind, Kind::Place(_))
        })
    }

    fn phrase_word(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        if !t.is_word() || self.in_quotation(t.start) {
            return false;
        }
        let lower = t.lower();
        t.is_capitalised() && !rules::is_speech_verb(&lower)
            || rules::is_title_word(&lower)
            || rules::is_group(&lower)
            || rules::is_determiner(&lower)
            || self.mention_at(i).is_some()
            || lower.contains('-') && t.text.chars().any(char::is_uppercase)
    }

    /// Resolves a speaker phrase `[first, last]`: a name (with titles and an
    /// organisation before it), or a description.
    fn phrase(&mut self, first: usize, last: usize) -> Option<Speaker> {
        // The name is the mention that ends the phrase.
        if let Some(m) = self.mention_at(last) {
            let role = self.prefixed_role(m.found, first, m.first);
            return Some(Speaker {
                found: m.found,
                confidence: NAMED,
                role,
            });
        }
        let words: Vec<String> = (first..=last).map(|i| self.tokens[i].lower()).collect();
        let head = words.last()?.clone();
        // A description naming an organisation: the organisation speaks
        // ("a senior Nato official", "Nato intelligence", "U.S. officials").
        for i in first..=last {
            if let Some(m) = self.mention_at(i)
                && matches!(self.found[m.found].kind, Kind::Organisation(_))
            {
                return Some(Speaker {
                    found: m.found,
                    confidence: DESCRIBED,
                    role: None,
                });
            }
        }
        if rules::is_title_head(head.trim_end_matches('s'))
            || rules::is_title_head(&head)
            || rules::is_group(&head)
        {
            let definite = words.first().is_some_and(|w| w == "the");
            if definite && let Some(found) = self.title_holder(&head, first) {
                // "the Ukrainian President": the title the graph gives the
                // holder, in the words of the text.
                let title = capitalised(&self.tokens[last].text);
                let role = (!rules::is_generic_title(&head))
                    .then(|| self.known_organisation(found, std::slice::from_ref(&title)))
                    .flatten()
                    .and_then(|org| {
                        let (start, end) = (self.tokens[first].start, self.tokens[last].end);
                        self.add_role(found, org, title, start, end)
                    });
                return Some(Speaker {
                    found,
                    confidence: DESCRIBED,
                    role,
                });
            }
            let description = self.text.slice(self.tokens[first].start, self.tokens[last].end);
            // A description the graph knows by name: "pro-Kremlin outlets"
            // is an alias of "Pro-Kremlin media".
            let bare = (first..=last)
                .find(|&i| !rules::is_determiner(&self.tokens[i].lower()))
                .map(|from| self.text.slice(self.tokens[from].start, self.tokens[last].end));
            if let Some(&k) = bare.and_then(|b| self.known.lookup(&b).first()) {
                let known = &self.known.entries[k];
                let found = self.add_found(Found::new(known.name.clone(), known.kind, Some(k), false));
                return Some(Speaker {
                    found,
                    confidence: DESCRIBED,
                    role: None,
                });
            }
            let found = self.add_found(Found::new(description, Kind::Person, None, true));
            return Some(Speaker {
                found,
                confidence: UNNAMED,
                role: None,
            });
        }
        None
    }

    /// Who "the official", "the President" is: someone named in the
    /// article who holds that title (in the article or in the graph), else
    /// the last person named.
    fn title_holder(&self, word: &str, before: usize) -> Option<usize> {
        let head = fold(word);
        let holds = |f: &Found| {
            self.roles
                .iter()
                .any(|r| self.found[r.person] == *f && fold(&r.title).split(' ').any(|w| w == head))
                || f.known.is_some_and(|k| {
                    self.known.entries[k]
                        .titles
                        .iter()
                        .any(|(t, _)| t.split(' ').any(|w| w == head))
                })
        };
        let named = &self.mentions[..self.mentions.partition_point(|m| m.first < before)];
        if let Some(holder) = named
            .iter()
            .rev()
            .filter(|m| m.last < before && self.found[m.found].kind == Kind::Person)
            .map(|m| m.found)
            .find(|&f| holds(&self.found[f]))
        {
            return Some(holder);
        }
        // A generic title ("the official") is the person just named.
        rules::is_generic_title(word)
            .then(|| self.last_person(before))
            .flatten()
    }

    fn pronoun(&self, at: usize, person: bool) -> Option<Speaker> {
        if !person {
            return None;
        }
        let found = self.last_person(at)?;
        Some(Speaker {
            found,
            confidence: PRONOUN,
            role: None,
        })
    }

    /// "according to X, “…”".
    fn according_to(&mut self, s: Sentence) -> Option<Speaker> {
        let at = (s.first..s.last).find(|&i| {
            self.tokens[i].lower() == "according" && self.tokens.get(i + 1).is_some_and(|t| t.lower() == "to")
        })?;
        // "according to the council's own engineers,": up to the comma.
        let mut end = at + 2;
        while end <= s.last && self.tokens[end].is_word() && !self.in_quotation(self.tokens[end].start) {
            end += 1;
        }
        (end > at + 2).then_some(())?;
        self.phrase(at + 2, end - 1)
    }

    /// Whether the verb at `v` reports what was said in the writer's words:
    /// a clause follows it ("said he remained", "warned that"), not a
    /// quotation or a colon, and not the end of the sentence.
    fn reports_speech(&self, s: Sentence, v: usize) -> bool {
        let verb = self.tokens[v].lower();
        if rules::quotes_only(&verb) {
            return false;
        }
        // "“…,” she told the meeting": after a quotation the verb only
        // attributes it, unless "that" opens a clause of its own.
        let opens_with_quote = self.tokens[s.first].kind == TokenKind::Quote;
        let mut i = v + 1;
        // "told reporters that", "said on Tuesday that".
        while i <= s.last && self.tokens[i].is_word() {
            let w = self.tokens[i].lower();
            if w == "that" {
                return true;
            }
            if rules::is_bridge(&w) || rules::is_listener(&w) {
                i += 1;
                continue;
            }
            return !opens_with_quote
                && i <= s.last
                && self.tokens[i].is_word()
                && !rules::is_participle(&verb);
        }
        false
    }

    /// Whether a sentence opens by referring back to the one before
    /// ("This includes", "These show", "It added").
    fn refers_back(&self, s: Sentence) -> bool {
        matches!(
            self.tokens[s.first].lower().as_str(),
            "this" | "these" | "that" | "those" | "it"
        )
    }

    /// Whether a quotation is the whole of its sentence (a speaker's words
    /// going on).
    fn stands_alone(&self, s: Sentence, q: &Quotation) -> bool {
        (s.first..=s.last).all(|i| {
            let t = &self.tokens[i];
            (q.open <= t.start && t.start <= q.close) || t.kind != TokenKind::Word
        })
    }

    /// The span of a quotation's statement: its sentence, and the next
    /// ones where the quotation runs on.
    fn span_of(&self, s: Sentence, q: &Quotation) -> Sentence {
        let mut span = s;
        let from = self.sentences.partition_point(|n| n.start <= s.end);
        for next in self.sentences[from..].iter().take_while(|n| n.start <= q.close) {
            span.end = next.end;
            span.last = next.last;
        }
        if span.end <= q.close {
            span.end = q.close + 1;
        }
        span
    }

    fn sentence_text(&self, s: Sentence) -> String {
        self.text.slice(s.start, s.end)
    }

    // ----- roles ----------------------------------------------------------

    /// The roles named beside every person of the article, spoken or not:
    /// titles before the name ("Senator Marco Rubio") and an apposition
    /// after it ("Rustem Umerov, head of Ukraine’s national security
    /// council,").
    fn find_roles(&mut self) {
        let people: Vec<Mention> = self
            .mentions
            .iter()
            .filter(|m| self.found[m.found].kind == Kind::Person && !self.found[m.found].unnamed)
            .filter(|m| !self.in_quotation(self.tokens[m.first].start))
            .copied()
            .collect();
        for m in people {
            let mut first = m.first;
            while first > 0 && {
                let t = &self.tokens[first - 1];
                t.is_word()
                    && (rules::is_title_word(&t.lower())
                        || self
                            .mention_at(first - 1)
                            .is_some_and(|o| matches!(self.found[o.found].kind, Kind::Organisation(_))))
            } {
                first -= 1;
            }
            if first < m.first {
                self.prefixed_role(m.found, first, m.first);
            }
            // ", head of Ukraine’s national security council," up to the
            // next comma or the sentence's end.
            if self.tokens.get(m.last + 1).is_some_and(|t| t.is_mark(",")) {
                let a = m.last + 2;
                let mut b = a;
                while b < self.tokens.len() && b < a + 8 && self.tokens[b].is_word() {
                    b += 1;
                }
                let closed = self
                    .tokens
                    .get(b)
                    .is_some_and(|t| t.is_mark(",") || t.is_mark(".") || t.kind == TokenKind::Break);
                if closed && b > a && self.tokens[a..b].iter().any(|t| rules::is_title_head(&t.lower())) {
                    self.apposed_role(m.found, a, b - 1);
                }
            }
        }
    }

    /// The role in titles before a name: "Kremlin spokesman Dmitry Peskov"
    /// is the spokesman of the Kremlin.
    fn prefixed_role(&mut self, person: usize, first: usize, name: usize) -> Option<usize> {
        if first >= name || self.found[person].kind != Kind::Person {
            return None;
        }
        let mut organisation = None;
        let mut title = Vec::new();
        for i in first..name {
            if let Some(m) = self.mention_at(i) {
                if matches!(self.found[m.found].kind, Kind::Organisation(_)) {
                    organisation = Some(m.found);
                }
                continue;
            }
            let w = &self.tokens[i];
            if rules::is_title_word(&w.lower()) {
                title.push(w.text.clone());
            }
        }
        let organisation = organisation.or_else(|| self.known_organisation(person, &title))?;
        (!title.is_empty()).then_some(())?;
        let end = self
            .mention_at(name)
            .map_or(self.tokens[name].end, |m| self.tokens[m.last].end);
        self.add_role(
            person,
            organisation,
            title.join(" "),
            self.tokens[first].start,
            end,
        )
    }

    /// The role in an apposition: "Yuri Ushakov, Putin’s presidential aide,".
    fn apposed_role(&mut self, person: usize, first: usize, last: usize) -> Option<usize> {
        // "Putin’s presidential aide", "the President’s peace envoy": the
        // title is what follows the possessive, held where the possessor
        // works.
        if let Some(p) = (first..last).find(|&i| self.tokens[i].is_possessive()) {
            let title = self.text.slice(self.tokens[p + 1].start, self.tokens[last].end);
            let possessor = match self.mention_at(p) {
                Some(m) => Some(m.found),
                None => self.title_holder(&self.tokens[p].lower(), p),
            };
            let organisation = possessor.and_then(|o| match self.found[o].kind {
                Kind::Organisation(_) => Some(o),
                Kind::Person => self.workplace(o),
                Kind::Place(_) => None,
            });
            if let Some(organisation) = organisation
                && (p + 1..=last).any(|i| rules::is_title_head(&self.tokens[i].lower()))
            {
                let start = self.name_before(person, first);
                return self.add_role(person, organisation, title, start, self.tokens[last].end);
            }
        }
        let title: Vec<String> = (first..=last)
            .map(|i| &self.tokens[i])
            .filter(|t| rules::is_title_word(&t.lower()))
            .map(|t| t.text.clone())
            .collect();
        if title.is_empty() {
            return None;
        }
        let organisation = (first..=last)
            .filter_map(|i| self.mention_at(i))
            .find(|m| matches!(self.found[m.found].kind, Kind::Organisation(_)))
            .map(|m| m.found)
            .or_else(|| self.known_organisation(person, &title))?;
        // The evidence runs from the name to the end of the apposition.
        let start = self.name_before(person, first);
        self.add_role(
            person,
            organisation,
            title.join(" "),
            start,
            self.tokens[last].end,
        )
    }

    /// Where a person works: the organisation of a role the article gives
    /// them, else of their first role in the graph.
    fn workplace(&mut self, person: usize) -> Option<usize> {
        if let Some(r) = self.roles.iter().find(|r| r.person == person) {
            return Some(r.organisation);
        }
        let k = self.found[person].known?;
        let (_, org) = self.known.entries[k].titles.first()?.clone();
        let known = &self.known.entries[org];
        Some(self.add_found(Found::new(known.name.clone(), known.kind, Some(org), false)))
    }

    /// Where the evidence of a role starts: the person's name before
    /// token `first`, else `first`.
    fn name_before(&self, person: usize, first: usize) -> usize {
        self.mentions
            .iter()
            .rev()
            .find(|m| m.found == person && m.last < first)
            .map_or(self.tokens[first].start, |m| self.tokens[m.first].start)
    }

    /// The organisation where the graph says a person holds a title.
    fn known_organisation(&mut self, person: usize, title: &[String]) -> Option<usize> {
        let k = self.found[person].known?;
        let title = fold(&title.join(" "));
        let (_, org) = self.known.entries[k]
            .titles
            .iter()
            .find(|(t, _)| *t == title)?
            .clone();
        let known = &self.known.entries[org];
        Some(self.add_found(Found::new(known.name.clone(), known.kind, Some(org), false)))
    }

    fn add_role(
        &mut self,
        person: usize,
        organisation: usize,
        title: String,
        start: usize,
        end: usize,
    ) -> Option<usize> {
        if let Some(at) = self.roles.iter().position(|r| {
            r.person == person && r.organisation == organisation && fold(&r.title) == fold(&title)
        }) {
            return Some(at);
        }
        self.roles.push(Role {
            person,
            organisation,
            title,
            start,
            end,
        });
        Some(self.roles.len() - 1)
    }

    // ----- output ---------------------------------------------------------

    fn statement(&mut self, kind: StatementKind, words: String, span: Sentence, speaker: Speaker) {
        let words = words.trim().to_owned();
        if words.is_empty() {
            return;
        }
        let from = self.mentions.partition_point(|m| m.first < span.first);
        let mentions: Vec<usize> = self.mentions[from..]
            .iter()
            .take_while(|m| m.first <= span.last)
            .filter(|m| {
                self.tokens[m.first].start >= span.start
                    && self.tokens[m.last].end <= span.end
                    && m.found != speaker.found
            })
            .map(|m| m.found)
            .fold(Vec::new(), |mut v, f| {
                if !v.contains(&f) {
                    v.push(f);
                }
                v
            });
        let n = self.statements.len() + 1;
        let prefix = match kind {
            StatementKind::DirectQuote => "quote",
            StatementKind::Paraphrase => "paraphrase",
        };
        let record = StatementRecord {
            key: format!("{prefix}-{n}"),
            kind,
            text: words,
            speaker: self.key_of(speaker.found),
            speaker_role: speaker.role.map(|r| format!("role-{}", r + 1)),
            said_on: self.said_on(span),
            place: None,
            audience: None,
            audience_entity: None,
            about: self
                .issues
                .named(&self.tokens, span.first, span.last)
                .into_iter()
                .map(|n| StanceRecord {
                    issue: self.issue_key(n.issue),
                    stance: n.stance,
                })
                .collect(),
            mentions: mentions.into_iter().map(|f| self.key_of(f)).collect(),
            evidence: self.evidence(span.start, span.end, speaker.confidence),
            more_evidence: Vec::new(),
        };
        // One statement per kind, words, speaker and span (statements come
        // in the order of their spans).
        if !self
            .statements
            .iter()
            .rev()
            .take_while(|s| s.evidence.start >= record.evidence.start)
            .any(|s| {
                s.kind == record.kind
                    && s.text == record.text
                    && s.speaker == record.speaker
                    && s.evidence.start == record.evidence.start
            })
        {
            self.statements.push(record);
        }
    }

    /// When a statement was made: the date its sentence names ("on
    /// Tuesday", "in December", "last month"; see `dates`), else the
    /// publication day.
    fn said_on(&self, span: Sentence) -> Option<String> {
        let published = self.article.published_on?;
        let words = self.own_words(span);
        dates::named(&words, published, false).or_else(|| Some(published.to_string()))
    }

    /// The words of a sentence outside its quotations, in lower case: the
    /// writer's own, which date what the sentence tells.
    fn own_words(&self, s: Sentence) -> Vec<String> {
        (s.first..=s.last)
            .filter(|&i| self.tokens[i].is_word() && !self.in_quotation(self.tokens[i].start))
            .map(|i| self.tokens[i].lower())
            .collect()
    }

    fn evidence(&self, start: usize, end: usize, confidence: f64) -> EvidenceRecord {
        EvidenceRecord {
            source: self.source_key.clone(),
            start: Some(start as i64),
            end: Some(end as i64),
            occurrence: None,
            excerpt: self.text.slice(start, end),
            confidence,
            curated: false,
        }
    }

    fn key_of(&self, found: usize) -> String {
        let f = &self.found[found];
        let kind = match f.kind {
            Kind::Person => "person",
            Kind::Organisation(_) => "organisation",
            Kind::Place(_) => "place",
        };
        format!("{kind}-{}", slug(&f.name))
    }

    fn issue_key(&self, issue: usize) -> String {
        self.issue_key_of(&self.known.issues[issue].name)
    }

    fn document(&self) -> Document {
        let mut used: Vec<usize> = Vec::new();
        let mut use_found = |f: usize| {
            if !used.contains(&f) {
                used.push(f);
            }
        };
        let keys: HashMap<String, usize> = (0..self.found.len()).map(|f| (self.key_of(f), f)).collect();
        let named = self
            .statements
            .iter()
            .flat_map(|s| std::iter::once(&s.speaker).chain(&s.mentions))
            .chain(
                self.events
                    .iter()
                    .flat_map(|e| e.places.iter().chain(e.participants.iter().map(|p| &p.entity))),
            )
            .chain(self.measures.iter().flat_map(|m| {
                m.provider
                    .iter()
                    .chain(&m.recipient)
                    .chain(m.secured_against.iter().flat_map(|s| &s.entity))
            }));
        for k in named {
            if let Some(&f) = keys.get(k) {
                use_found(f);
            }
        }
        // Roles a statement names; each with its person and organisation.
        let roles: Vec<RoleRecord> = self
            .roles
            .iter()
            .enumerate()
            .map(|(i, r)| {
                use_found(r.person);
                use_found(r.organisation);
                RoleRecord {
                    key: format!("role-{}", i + 1),
                    person: self.key_of(r.person),
                    organisation: self.key_of(r.organisation),
                    title: r.title.clone(),
                    since: None,
                    until: None,
                    evidence: self.evidence(r.start, r.end, NAMED),
                    more_evidence: Vec::new(),
                }
            })
            .collect();
        let mut doc = Document {
            format: FORMAT.to_owned(),
            sources: vec![SourceRecord {
                key: self.source_key.clone(),
                url: self.article.url.clone(),
                title: title_of(self.article),
                publisher: self.article.publisher.clone(),
                published_on: self.article.published_on.map(|d| d.to_string()),
                language: self.article.language.clone(),
                text: self.article.text.clone(),
            }],
            roles,
            issues: self.issue_records(),
            statements: self.statements.clone(),
            financial_measures: self.measures.clone(),
            events: self.events.clone(),
            ..Document::default()
        };
        for f in used {
            let found = &self.found[f];
            let known = found.known.map(|k| &self.known.entries[k]);
            let key = self.key_of(f);
            let wikidata_id = known.and_then(|k| k.wikidata_id.clone());
            // Only a person is ever kept as described.
            let description = found
                .unnamed
                .then(|| "A speaker the article describes but does not name".to_owned());
            // The names every kind of entity record shares.
            macro_rules! named {
                ($record:ident { $($rest:tt)* }) => {
                    $record {
                        key,
                        name: found.name.clone(),
                        aliases: Vec::new(),
                        description,
                        wikidata_id,
                        $($rest)*
                    }
                };
            }
            match found.kind {
                Kind::Person => doc.people.push(named!(PersonRecord {})),
                Kind::Organisation(kind) => doc
                    .organisations
                    .push(named!(OrganisationRecord { kind, country: None })),
                Kind::Place(kind) => doc.places.push(named!(PlaceRecord {
                    kind,
                    parent: None,
                    latitude: None,
                    longitude: None,
                })),
            }
        }
        doc
    }
}

impl Reader<'_> {
    /// The graph's issues the draft names, as records that the import
    /// resolves to them by name.
    fn issue_records(&self) -> Vec<IssueRecord> {
        let named = self
            .statements
            .iter()
            .flat_map(|s| s.about.iter().map(|a| &a.issue))
            .chain(self.measures.iter().flat_map(|m| {
                m.issues
                    .iter()
                    .chain(m.secured_against.iter().flat_map(|s| &s.issue))
            }));
        let mut out: Vec<IssueRecord> = Vec::new();
        for key in named {
            if out.iter().any(|r| r.key == *key) {
                continue;
            }
            let known = self.known.issues.iter().map(|i| &i.name);
            if let Some(name) = known
                .chain(&self.proposed_issues)
                .find(|n| self.issue_key_of(n) == *key)
            {
                out.push(IssueRecord {
                    key: key.clone(),
                    name: name.clone(),
                    aliases: Vec::new(),
                    description: None,
                    wikidata_id: None,
                    parent: None,
                });
            }
        }
        out
    }

    fn issue_key_of(&self, name: &str) -> String {
        format!("issue-{}", slug(name))
    }

    /// Proposes an issue the graph does not know; its key.
    fn propose_issue(&mut self, name: String) -> String {
        let key = self.issue_key_of(&name);
        if !self.proposed_issues.contains(&name) {
            self.proposed_issues.push(name);
        }
        key
    }

    /// Whether the article's first line is its headline (no title was
    /// given apart from the text).
    fn headline_in_text(&self) -> bool {
        self.article.title.is_none()
    }
}

/// The speaker whose verb is nearest to the token at `at`.
fn nearest(spoken: &[(usize, Speaker)], at: usize) -> Option<Speaker> {
    spoken.iter().min_by_key(|(v, _)| v.abs_diff(at)).map(|&(_, s)| s)
}

fn title_of(article: &Article) -> String {
    article.title.clone().unwrap_or_else(|| {
        article
            .text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("Untitled article")
            .to_owned()
    })
}

/// A key made of a text's folded words ("Dmitry Peskov" is `dmitry-peskov`).
fn slug(text: &str) -> String {
    let folded = fold(text);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).take(8).collect();
    if words.is_empty() {
        "article".to_owned()
    } else {
        words.join("-")
    }
}

fn surname(name: &str) -> String {
    fold(name).rsplit(' ').next().unwrap_or_default().to_owned()
}

/// A text as a sentence or a title starts it ("president" as
/// "President", "vast drone barrage" as "Vast drone barrage").
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "DONALD Trump" as "Donald Trump": a word in capitals that is not an
/// abbreviation gets the case of a name.
fn title_case(name: &str) -> String {
    name.split(' ')
        .map(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            if letters > 3 && w.chars().all(|c| !c.is_lowercase()) {
                let mut cs = w.chars();
                let first = cs.next().map(|c| c.to_string()).unwrap_or_default();
                first + &cs.as_str().to_lowercase()
            } else {
                w.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use entity::kinds::OrganisationKind;

    use super::*;

    /// The statements of a text as (kind, speaker's name, words).
    fn said(text: &str, known: &Gazetteer) -> Vec<(StatementKind, String, String)> {
        let article = Article {
            text: format!("Headline\n{text}"),
            title: Some("Headline".to_owned()),
            published_on: NaiveDate::from_ymd_opt(2025, 12, 3),
            ..Article::default()
        };
        let doc = draft(&article, known);
        let names: HashMap<&str, &str> = doc
            .people
            .iter()
            .map(|p| (p.key.as_str(), p.name.as_str()))
            .chain(
                doc.organisations
                    .iter()
                    .map(|o| (o.key.as_str(), o.name.as_str())),
            )
            .collect();
        doc.statements
            .iter()
            .map(|s| (s.kind, names[s.speaker.as_str()].to_owned(), s.text.clone()))
            .collect()
    }

    fn nato() -> Gazetteer {
        let mut g = Gazetteer::default();
        let org = |name: &str, kind| Known {
            name: name.to_owned(),
            kind: Kind::Organisation(kind),
            wikidata_id: None,
            titles: Vec::new(),
        };
        g.add(
            org("NATO", OrganisationKind::MilitaryAlliance),
            &["Nato".to_owned()],
        );
        g.add(
            org("Pro-Kremlin media", OrganisationKind::NewsOutlet),
            &["pro-Kremlin outlets".to_owned()],
        );
        g
    }

    #[test]
    fn with_a_group_claiming_the_group_speaks() {
        // "with pro-Kremlin outlets claiming ...", the outlets known to the
        // graph by that alias.
        let out = said(
            "Gains bolstered its stance, with pro-Kremlin outlets claiming he is “absolutely confident.”",
            &nato(),
        );
        assert!(
            out.contains(&(
                StatementKind::DirectQuote,
                "Pro-Kremlin media".into(),
                "absolutely confident.".into()
            )),
            "{out:?}"
        );
    }

    #[test]
    fn the_sentences_subject_speaks_past_a_clause_or_a_second_verb() {
        let out = said(
            "Nato intelligence circulated at a meeting of foreign ministers warned that Moscow is stalling.\n\
             This includes areas “Russia will not occupy”.\n\
             Prime Minister Jonas Albek thanked donors but warned that rebuilding would take years.",
            &nato(),
        );
        let speakers: Vec<(&str, &str)> = out
            .iter()
            .map(|(_, who, what)| (who.as_str(), &what[..12]))
            .collect();
        assert_eq!(
            speakers,
            [
                ("NATO", "Nato intelli"),
                ("NATO", "Russia will "),
                ("Jonas Albek", "Prime Minist")
            ]
        );
    }
}
