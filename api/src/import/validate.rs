//! Checks a document before anything is written: keys, references within
//! the file, spans against the file's own sources, dates, numbers, codes.
//! What only the database can tell (QIDs, sources imported earlier) is
//! checked while writing, inside the same transaction.
//!
//! Values are parsed here once: the writer gets them typed ([`Parsed`]) and
//! reads no dates, amounts, codes or evidence from the document's strings.

use std::collections::{HashMap, HashSet};

use super::format::*;
use super::{Pin, Problems, RecordKind};
use crate::domain::{Amount, CurrencyCode, LanguageTag, PartialDate, Qid, Term, looks_like_qid};
use crate::store::evidence::RawEvidence;
use crate::store::{Evidence, SourceText, text};

/// A document's records with their values parsed, for the writer. Each list
/// holds every record of its kind in the document's order.
pub struct Parsed<'a> {
    pub sources: Vec<Typed<'a, SourceRecord, SourceValues>>,
    pub places: Vec<Typed<'a, PlaceRecord, Names<'a>>>,
    pub organisations: Vec<Typed<'a, OrganisationRecord, Names<'a>>>,
    pub people: Vec<Typed<'a, PersonRecord, Names<'a>>>,
    pub issues: Vec<Typed<'a, IssueRecord, Names<'a>>>,
    pub roles: Vec<Typed<'a, RoleRecord, RoleValues<'a>>>,
    pub relations: Vec<Typed<'a, RelationRecord, Evidence<&'a str>>>,
    pub statements: Vec<Typed<'a, StatementRecord, StatementValues<'a>>>,
    pub financial_measures: Vec<Typed<'a, FinancialMeasureRecord, MeasureValues<'a>>>,
    pub events: Vec<Typed<'a, EventRecord, EventValues<'a>>>,
}

/// A record and the values parsed from it.
pub struct Typed<'a, R, V> {
    /// The record's place in its list, for paths in messages.
    pub index: usize,
    pub record: &'a R,
    pub values: V,
}

impl<'a, R, V> Typed<'a, R, V> {
    /// The record's index, the record and its values.
    pub fn parts(&self) -> (usize, &'a R, &V) {
        (self.index, self.record, &self.values)
    }
}

/// The names a record gives an entity or issue.
pub struct Names<'a> {
    pub name: &'a str,
    pub aliases: &'a [String],
    pub qid: Option<Qid>,
    pub description: Option<&'a str>,
}

pub struct SourceValues {
    pub published_on: Option<PartialDate>,
    pub language: Option<LanguageTag>,
}

pub struct RoleValues<'a> {
    pub since: Option<PartialDate>,
    pub until: Option<PartialDate>,
    pub evidence: Evidence<&'a str>,
}

pub struct StatementValues<'a> {
    pub said_on: Option<PartialDate>,
    pub evidence: Evidence<&'a str>,
}

pub struct MeasureValues<'a> {
    /// The amount with its currency: a document gives both or neither.
    pub money: Option<(Amount, CurrencyCode)>,
    pub term: Option<Term>,
    /// Numerator and denominator, within the columns' range.
    pub share: Option<(i32, i32)>,
    pub announced_on: Option<PartialDate>,
    pub evidence: Evidence<&'a str>,
}

pub struct EventValues<'a> {
    pub started_on: Option<PartialDate>,
    pub ended_on: Option<PartialDate>,
    pub evidence: Evidence<&'a str>,
    /// The evidence of each quantity, in the record's order.
    pub quantities: Vec<Evidence<&'a str>>,
}

/// Everything wrong with a document that the file alone shows, or its
/// records with their values parsed.
pub fn validate<'a>(doc: &'a Document, pins: &'a [Pin]) -> Result<Parsed<'a>, Problems> {
    let mut v = Validator::default();
    for pin in pins {
        v.keys.insert(pin.reference.as_str(), pin.kind);
    }
    if doc.format != FORMAT {
        v.problem(
            "format",
            format!(
                "\"{}\" is not a format this version reads; use \"{FORMAT}\"",
                doc.format
            ),
        );
    }
    v.collect_keys(doc);
    let texts: HashMap<&str, SourceText<'_>> = doc
        .sources
        .iter()
        .map(|s| (s.key.as_str(), SourceText::new(&s.text)))
        .collect();
    v.texts = texts;

    let mut parsed = Parsed {
        sources: Vec::with_capacity(doc.sources.len()),
        places: Vec::with_capacity(doc.places.len()),
        organisations: Vec::with_capacity(doc.organisations.len()),
        people: Vec::with_capacity(doc.people.len()),
        issues: Vec::with_capacity(doc.issues.len()),
        roles: Vec::with_capacity(doc.roles.len()),
        relations: Vec::with_capacity(doc.relations.len()),
        statements: Vec::with_capacity(doc.statements.len()),
        financial_measures: Vec::with_capacity(doc.financial_measures.len()),
        events: Vec::with_capacity(doc.events.len()),
    };
    for (i, s) in doc.sources.iter().enumerate() {
        let p = format!("sources[{i}]");
        v.non_empty(&p, "title", &s.title);
        let published_on = v.date(&format!("{p}.publishedOn"), s.published_on.as_deref());
        let language = s.language.as_deref().and_then(|tag| {
            v.problems
                .parsed(&format!("{p}.language"), LanguageTag::parse(tag))
        });
        typed(
            &mut parsed.sources,
            i,
            s,
            Some(SourceValues {
                published_on,
                language,
            }),
        );
    }
    for (i, r) in doc.places.iter().enumerate() {
        let p = format!("places[{i}]");
        let names = v.named(&p, r);
        typed(&mut parsed.places, i, r, Some(names));
        v.reference(&format!("{p}.parent"), r.parent.as_deref(), &[RecordKind::Place]);
        if r.parent.as_deref() == Some(r.key.as_str()) {
            v.problem(format!("{p}.parent"), "a place cannot lie in itself");
        }
        if let Some(lat) = r.latitude
            && !(-90.0..=90.0).contains(&lat)
        {
            v.problem(
                format!("{p}.latitude"),
                format!("{lat} is not between -90 and 90"),
            );
        }
        if let Some(lon) = r.longitude
            && !(-180.0..=180.0).contains(&lon)
        {
            v.problem(
                format!("{p}.longitude"),
                format!("{lon} is not between -180 and 180"),
            );
        }
        if r.latitude.is_some() != r.longitude.is_some() {
            v.problem(
                format!("{p}.latitude"),
                "give both latitude and longitude, or neither",
            );
        }
    }
    for (i, r) in doc.organisations.iter().enumerate() {
        let p = format!("organisations[{i}]");
        let names = v.named(&p, r);
        typed(&mut parsed.organisations, i, r, Some(names));
        v.reference(
            &format!("{p}.country"),
            r.country.as_deref(),
            &[RecordKind::Place],
        );
    }
    for (i, r) in doc.people.iter().enumerate() {
        let names = v.named(&format!("people[{i}]"), r);
        typed(&mut parsed.people, i, r, Some(names));
    }
    for (i, r) in doc.issues.iter().enumerate() {
        let p = format!("issues[{i}]");
        let names = v.named(&p, r);
        typed(&mut parsed.issues, i, r, Some(names));
        v.reference(&format!("{p}.parent"), r.parent.as_deref(), &[RecordKind::Issue]);
        if r.parent.as_deref() == Some(r.key.as_str()) {
            v.problem(format!("{p}.parent"), "an issue cannot be its own parent");
        }
    }
    for (i, r) in doc.roles.iter().enumerate() {
        let p = format!("roles[{i}]");
        v.reference(&format!("{p}.person"), Some(&r.person), &[RecordKind::Person]);
        v.reference(
            &format!("{p}.organisation"),
            Some(&r.organisation),
            &[RecordKind::Organisation],
        );
        v.non_empty(&p, "title", &r.title);
        let since = v.date(&format!("{p}.since"), r.since.as_deref());
        let until = v.date(&format!("{p}.until"), r.until.as_deref());
        if let (Some(s), Some(u)) = (since, until)
            && u.surely_before(s)
        {
            v.problem(format!("{p}.until"), "the role ends before it starts");
        }
        let evidence = v.evidence(&format!("{p}.evidence"), &r.evidence);
        let values = evidence.map(|evidence| RoleValues {
            since,
            until,
            evidence,
        });
        typed(&mut parsed.roles, i, r, values);
    }
    for (i, r) in doc.relations.iter().enumerate() {
        let p = format!("relations[{i}]");
        v.reference(&format!("{p}.person"), Some(&r.person), &[RecordKind::Person]);
        v.reference(
            &format!("{p}.relatedPerson"),
            Some(&r.related_person),
            &[RecordKind::Person],
        );
        if r.person == r.related_person {
            v.problem(
                format!("{p}.relatedPerson"),
                "a person cannot be related to themselves",
            );
        }
        v.non_empty(&p, "kind", &r.kind);
        let evidence = v.evidence(&format!("{p}.evidence"), &r.evidence);
        typed(&mut parsed.relations, i, r, evidence);
    }
    let role_person: HashMap<&str, &str> = doc
        .roles
        .iter()
        .map(|r| (r.key.as_str(), r.person.as_str()))
        .collect();
    for (i, r) in doc.statements.iter().enumerate() {
        let p = format!("statements[{i}]");
        v.non_empty(&p, "text", &r.text);
        v.reference(
            &format!("{p}.speaker"),
            Some(&r.speaker),
            &[RecordKind::Person, RecordKind::Organisation],
        );
        if let Some(role) = &r.speaker_role {
            v.reference(&format!("{p}.speakerRole"), Some(role), &[RecordKind::Role]);
            if let Some(holder) = role_person.get(role.as_str())
                && *holder != r.speaker
            {
                v.problem(
                    format!("{p}.speakerRole"),
                    format!(
                        "role \"{role}\" is held by \"{holder}\", not by the speaker \"{}\"",
                        r.speaker
                    ),
                );
            }
        }
        let said_on = v.date(&format!("{p}.saidOn"), r.said_on.as_deref());
        v.reference(&format!("{p}.place"), r.place.as_deref(), &[RecordKind::Place]);
        v.reference(
            &format!("{p}.audienceEntity"),
            r.audience_entity.as_deref(),
            ENTITIES,
        );
        let mut seen = HashSet::new();
        for (j, a) in r.about.iter().enumerate() {
            v.reference(
                &format!("{p}.about[{j}].issue"),
                Some(&a.issue),
                &[RecordKind::Issue],
            );
            if !seen.insert(a.issue.as_str()) {
                v.problem(
                    format!("{p}.about[{j}].issue"),
                    format!("issue \"{}\" is listed twice", a.issue),
                );
            }
        }
        for (j, m) in r.mentions.iter().enumerate() {
            v.reference(&format!("{p}.mentions[{j}]"), Some(m), ENTITIES);
        }
        let evidence = v.evidence(&format!("{p}.evidence"), &r.evidence);
        let values = evidence.map(|evidence| StatementValues { said_on, evidence });
        typed(&mut parsed.statements, i, r, values);
    }
    for (i, r) in doc.financial_measures.iter().enumerate() {
        let p = format!("financialMeasures[{i}]");
        v.non_empty(&p, "label", &r.label);
        let amount = r
            .amount
            .as_deref()
            .and_then(|a| v.problems.parsed(&format!("{p}.amount"), Amount::parse(a)));
        let currency = r.currency.as_deref().and_then(|c| {
            v.problems
                .parsed(&format!("{p}.currency"), CurrencyCode::parse(c))
        });
        if r.amount.is_some() != r.currency.is_some() {
            v.problem(
                format!("{p}.currency"),
                "give an amount with its currency, or neither",
            );
        }
        let term = r
            .term
            .as_deref()
            .and_then(|t| v.problems.parsed(&format!("{p}.term"), Term::parse(t)));
        let share = r.share.as_ref().and_then(|s| {
            let numerator = v.bounded(&format!("{p}.share.numerator"), s.numerator, 0);
            let denominator = v.bounded(&format!("{p}.share.denominator"), s.denominator, 1);
            Some((numerator?, denominator?))
        });
        v.reference(&format!("{p}.provider"), r.provider.as_deref(), ENTITIES);
        v.reference(&format!("{p}.recipient"), r.recipient.as_deref(), ENTITIES);
        if let Some(s) = &r.secured_against {
            v.reference(
                &format!("{p}.securedAgainst.entity"),
                s.entity.as_deref(),
                ENTITIES,
            );
            v.reference(
                &format!("{p}.securedAgainst.issue"),
                s.issue.as_deref(),
                &[RecordKind::Issue],
            );
            if s.entity.is_some() == s.issue.is_some() {
                v.problem(format!("{p}.securedAgainst"), "name either an entity or an issue");
            }
        }
        for (j, issue) in r.issues.iter().enumerate() {
            v.reference(&format!("{p}.issues[{j}]"), Some(issue), &[RecordKind::Issue]);
        }
        let announced_on = v.date(&format!("{p}.announcedOn"), r.announced_on.as_deref());
        let evidence = v.evidence(&format!("{p}.evidence"), &r.evidence);
        let values = evidence.map(|evidence| MeasureValues {
            money: amount.zip(currency),
            term,
            share,
            announced_on,
            evidence,
        });
        typed(&mut parsed.financial_measures, i, r, values);
    }
    for (i, r) in doc.events.iter().enumerate() {
        let p = format!("events[{i}]");
        v.non_empty(&p, "label", &r.label);
        let started_on = v.date(&format!("{p}.startedOn"), r.started_on.as_deref());
        let ended_on = v.date(&format!("{p}.endedOn"), r.ended_on.as_deref());
        if let (Some(s), Some(e)) = (started_on, ended_on)
            && e.surely_before(s)
        {
            v.problem(format!("{p}.endedOn"), "the event ends before it starts");
        }
        for (j, place) in r.places.iter().enumerate() {
            v.reference(&format!("{p}.places[{j}]"), Some(place), &[RecordKind::Place]);
        }
        for (j, part) in r.participants.iter().enumerate() {
            v.reference(
                &format!("{p}.participants[{j}].entity"),
                Some(&part.entity),
                ENTITIES,
            );
            v.non_empty(&format!("{p}.participants[{j}]"), "role", &part.role);
        }
        let mut measures = HashSet::new();
        let mut quantities = Vec::with_capacity(r.quantities.len());
        for (j, q) in r.quantities.iter().enumerate() {
            let qp = format!("{p}.quantities[{j}]");
            v.non_empty(&qp, "measure", &q.measure);
            if !measures.insert(q.measure.as_str()) {
                v.problem(
                    format!("{qp}.measure"),
                    format!("\"{}\" is counted twice for this event", q.measure),
                );
            }
            if q.value < 0 {
                v.problem(
                    format!("{qp}.value"),
                    format!("a count must not be negative (got {})", q.value),
                );
            } else if q.value > i64::from(i32::MAX) {
                v.problem(
                    format!("{qp}.value"),
                    format!("{} is beyond the largest count, {}", q.value, i32::MAX),
                );
            }
            quantities.extend(v.evidence(&format!("{qp}.evidence"), &q.evidence));
        }
        let evidence = v.evidence(&format!("{p}.evidence"), &r.evidence);
        let values = evidence
            .filter(|_| quantities.len() == r.quantities.len())
            .map(|evidence| EventValues {
                started_on,
                ended_on,
                evidence,
                quantities,
            });
        typed(&mut parsed.events, i, r, values);
    }
    if v.problems.is_empty() {
        Ok(parsed)
    } else {
        Err(v.problems)
    }
}

/// Keeps a record whose values all parsed; one that did not has left a
/// problem, and the document goes no further.
fn typed<'a, R, V>(list: &mut Vec<Typed<'a, R, V>>, index: usize, record: &'a R, values: Option<V>) {
    if let Some(values) = values {
        list.push(Typed {
            index,
            record,
            values,
        });
    }
}

const ENTITIES: &[RecordKind] = &[RecordKind::Person, RecordKind::Organisation, RecordKind::Place];

#[derive(Default)]
struct Validator<'a> {
    keys: HashMap<&'a str, RecordKind>,
    texts: HashMap<&'a str, SourceText<'a>>,
    problems: Problems,
}

impl<'a> Validator<'a> {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(path, message);
    }

    fn collect_keys(&mut self, doc: &'a Document) {
        let mut first_seen: HashMap<&str, String> = HashMap::new();
        let mut add = |v: &mut Self, key: &'a str, kind: RecordKind, path: String| {
            if key.trim().is_empty() {
                v.problem(format!("{path}.key"), "a key must not be empty");
            } else if let Some(other) = first_seen.get(key) {
                v.problem(
                    format!("{path}.key"),
                    format!("duplicate key \"{key}\", already used at {other}"),
                );
            } else {
                first_seen.insert(key, path);
                v.keys.insert(key, kind);
            }
        };
        macro_rules! keys_of {
            ($field:ident, $name:literal, $kind:expr) => {
                for (i, r) in doc.$field.iter().enumerate() {
                    add(self, &r.key, $kind, format!("{}[{i}]", $name));
                }
            };
        }
        keys_of!(sources, "sources", RecordKind::Source);
        keys_of!(places, "places", RecordKind::Place);
        keys_of!(organisations, "organisations", RecordKind::Organisation);
        keys_of!(people, "people", RecordKind::Person);
        keys_of!(issues, "issues", RecordKind::Issue);
        keys_of!(roles, "roles", RecordKind::Role);
        keys_of!(relations, "relations", RecordKind::Relation);
        keys_of!(statements, "statements", RecordKind::Statement);
        keys_of!(
            financial_measures,
            "financialMeasures",
            RecordKind::FinancialMeasure
        );
        keys_of!(events, "events", RecordKind::Event);
    }

    fn non_empty(&mut self, path: &str, field: &str, value: &str) {
        text::non_empty(&mut self.problems, path, field, value);
    }

    fn named(&mut self, path: &str, record: &'a impl NamedRecord) -> Names<'a> {
        let (name, aliases, qid, description) = record.names();
        self.non_empty(path, "name", name);
        self.no_control(&format!("{path}.name"), name);
        for (j, a) in aliases.iter().enumerate() {
            if a.trim().is_empty() {
                self.problem(format!("{path}.aliases[{j}]"), "an alias must not be empty");
            }
            self.no_control(&format!("{path}.aliases[{j}]"), a);
        }
        let qid = qid.and_then(|q| self.problems.parsed(&format!("{path}.wikidataId"), Qid::parse(q)));
        Names {
            name,
            aliases,
            qid,
            description,
        }
    }

    fn no_control(&mut self, path: &str, value: &str) {
        text::one_line(&mut self.problems, path, value);
    }

    fn date(&mut self, path: &str, value: Option<&str>) -> Option<PartialDate> {
        self.problems.parsed(path, PartialDate::parse(value?))
    }

    /// A reference must name a record of an allowed kind in this file, or
    /// (for entities and issues) a QID, or (for sources) a key in the database.
    fn reference(&mut self, path: &str, value: Option<&str>, allowed: &[RecordKind]) {
        let Some(value) = value else { return };
        match self.keys.get(value) {
            Some(kind) if allowed.contains(kind) => {}
            Some(kind) => self.problem(
                path,
                format!(
                    "\"{value}\" is {}, not {}",
                    kind.with_article(),
                    RecordKind::list(allowed)
                ),
            ),
            None if allowed.contains(&RecordKind::Source) => {} // looked up in the database
            None if looks_like_qid(value) && allowed.iter().all(|k| k.has_qid()) => {} // likewise
            None => {
                let hint = if allowed.iter().all(|k| k.has_qid()) {
                    " (an entity or issue already in the database can be named by its Wikidata QID)"
                } else {
                    ""
                };
                self.problem(
                    path,
                    format!("\"{value}\" is not the key of any record in this file{hint}"),
                )
            }
        }
    }

    fn evidence(&mut self, path: &str, e: &'a EvidenceRecord) -> Option<Evidence<&'a str>> {
        self.reference(&format!("{path}.source"), Some(&e.source), &[RecordKind::Source]);
        let checked = e.raw().check(path, &mut self.problems)?;
        if let Some(text) = self.texts.get(e.source.as_str()) {
            checked.check_span(&e.source, text, path, &mut self.problems);
        }
        Some(checked)
    }

    /// A whole number from `min` to the largest the database keeps.
    fn bounded(&mut self, path: &str, value: i64, min: i32) -> Option<i32> {
        match i32::try_from(value) {
            Ok(n) if n >= min => Some(n),
            _ => {
                self.problem(path, format!("{value} must be between {min} and {}", i32::MAX));
                None
            }
        }
    }
}

/// A record that names an entity or an issue.
trait NamedRecord {
    /// Its name, aliases, QID and description, as written.
    fn names(&self) -> (&str, &[String], Option<&str>, Option<&str>);
}

macro_rules! named_records {
    ($($record:ty),*) => {$(
        impl NamedRecord for $record {
            fn names(&self) -> (&str, &[String], Option<&str>, Option<&str>) {
                (&self.name, &self.aliases, self.wikidata_id.as_deref(), self.description.as_deref())
            }
        }
    )*};
}

named_records!(PlaceRecord, OrganisationRecord, PersonRecord, IssueRecord);

impl EvidenceRecord {
    /// The record's values, to be checked.
    fn raw(&self) -> RawEvidence<&str> {
        RawEvidence {
            source: &self.source,
            start: self.start,
            end: self.end,
            excerpt: self.excerpt.clone(),
            confidence: self.confidence,
            curated: self.curated,
        }
    }
}
