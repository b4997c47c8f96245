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
use crate::store::period::check_period;
use crate::store::{Evidence, SourceText, text};

/// A document's records with their values parsed, for the writer. Each list
/// holds every record of its kind in the document's order.
#[derive(Default)]
pub struct Parsed<'a> {
    pub sources: Vec<Typed<'a, SourceRecord, SourceValues>>,
    pub places: Vec<Typed<'a, PlaceRecord, Names<'a>>>,
    pub organisations: Vec<Typed<'a, OrganisationRecord, Names<'a>>>,
    pub people: Vec<Typed<'a, PersonRecord, Names<'a>>>,
    pub issues: Vec<Typed<'a, IssueRecord, Names<'a>>>,
    pub roles: Vec<Typed<'a, RoleRecord, RoleValues<'a>>>,
    pub relations: Vec<Typed<'a, RelationRecord, Reports<'a>>>,
    pub statements: Vec<Typed<'a, StatementRecord, StatementValues<'a>>>,
    pub financial_measures: Vec<Typed<'a, FinancialMeasureRecord, MeasureValues<'a>>>,
    pub events: Vec<Typed<'a, EventRecord, EventValues<'a>>>,
}

/// A record and the values parsed from it.
pub struct Typed<'a, R, V> {
    /// Where the record is, for messages: `statements[3]` in a document,
    /// `input` in a mutation.
    pub path: String,
    pub record: &'a R,
    pub values: V,
}

impl<'a, R, V> Typed<'a, R, V> {
    /// The record's path, the record and its values.
    pub fn parts(&self) -> (&str, &'a R, &V) {
        (&self.path, self.record, &self.values)
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

/// A fact's evidence: its first report, and the later ones the document
/// gives (`moreEvidence`), each checked.
pub struct Reports<'a> {
    pub first: Evidence<&'a str>,
    pub more: Vec<Evidence<&'a str>>,
}

pub struct RoleValues<'a> {
    pub since: Option<PartialDate>,
    pub until: Option<PartialDate>,
    pub evidence: Reports<'a>,
}

pub struct StatementValues<'a> {
    pub said_on: Option<PartialDate>,
    pub evidence: Reports<'a>,
}

pub struct MeasureValues<'a> {
    /// The amount with its currency: a document gives both or neither.
    pub money: Option<(Amount, CurrencyCode)>,
    pub term: Option<Term>,
    /// Numerator and denominator, within the columns' range.
    pub share: Option<(i32, i32)>,
    pub announced_on: Option<PartialDate>,
    pub evidence: Reports<'a>,
}

pub struct EventValues<'a> {
    pub started_on: Option<PartialDate>,
    pub ended_on: Option<PartialDate>,
    pub evidence: Reports<'a>,
    /// The evidence of each quantity, in the record's order.
    pub quantities: Vec<Reports<'a>>,
}

/// Everything wrong with a document that the file alone shows, or its
/// records with their values parsed.
pub fn validate<'a>(doc: &'a Document, pins: &'a [Pin]) -> Result<Parsed<'a>, Problems> {
    let mut v = Validator::new(pins);
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
    v.texts = doc
        .sources
        .iter()
        .map(|s| (s.key.as_str(), SourceText::new(&s.text)))
        .collect();
    v.role_person = doc
        .roles
        .iter()
        .map(|r| (r.key.as_str(), r.person.as_str()))
        .collect();

    let mut parsed = Parsed::default();
    v.records(&doc.sources, &mut parsed);
    v.records(&doc.places, &mut parsed);
    v.records(&doc.organisations, &mut parsed);
    v.records(&doc.people, &mut parsed);
    v.records(&doc.issues, &mut parsed);
    v.records(&doc.roles, &mut parsed);
    v.records(&doc.relations, &mut parsed);
    v.records(&doc.statements, &mut parsed);
    v.records(&doc.financial_measures, &mut parsed);
    v.records(&doc.events, &mut parsed);
    v.problems.finish_with(parsed)
}

/// One record as a mutation gives it, its problems at paths under
/// `input`: the checks of a document's record, with the nodes of the
/// database it names pinned.
pub fn validate_one<'a, R: Record>(record: &'a R, pins: &'a [Pin]) -> Result<Parsed<'a>, Problems> {
    let mut v = Validator::new(pins);
    let path = "input".to_owned();
    v.key(record.key(), R::KIND, &path);
    let mut parsed = Parsed::default();
    v.record(record, path, &mut parsed);
    v.problems.finish_with(parsed)
}

/// A kind of record of the format: its key, the rules of its values, and
/// its list in [`Parsed`].
pub trait Record: Sized {
    /// The values parsed from a record.
    type Values<'a>
    where
        Self: 'a;
    const KIND: RecordKind;
    /// The name of the document's list of records of this kind.
    const LIST: &str;

    fn key(&self) -> &str;

    /// Checks the record at `path`; its values when they all parsed.
    fn check<'a>(&'a self, v: &mut Validator<'a>, path: &str) -> Option<Self::Values<'a>>;

    /// The list of parsed records of this kind.
    fn parsed<'p, 'a>(parsed: &'p mut Parsed<'a>) -> &'p mut Vec<Typed<'a, Self, Self::Values<'a>>>;
}

macro_rules! record {
    ($record:ty, $values:ty, $kind:ident, $list:literal, $field:ident, $check:ident) => {
        impl Record for $record {
            type Values<'a> = $values;
            const KIND: RecordKind = RecordKind::$kind;
            const LIST: &str = $list;

            fn key(&self) -> &str {
                &self.key
            }

            fn check<'a>(&'a self, v: &mut Validator<'a>, path: &str) -> Option<Self::Values<'a>> {
                v.$check(path, self)
            }

            fn parsed<'p, 'a>(parsed: &'p mut Parsed<'a>) -> &'p mut Vec<Typed<'a, Self, Self::Values<'a>>> {
                &mut parsed.$field
            }
        }
    };
}

record!(SourceRecord, SourceValues, Source, "sources", sources, source);
record!(PlaceRecord, Names<'a>, Place, "places", places, place);
record!(
    OrganisationRecord,
    Names<'a>,
    Organisation,
    "organisations",
    organisations,
    organisation
);
record!(PersonRecord, Names<'a>, Person, "people", people, person);
record!(IssueRecord, Names<'a>, Issue, "issues", issues, issue);
record!(RoleRecord, RoleValues<'a>, Role, "roles", roles, role);
record!(
    RelationRecord,
    Reports<'a>,
    Relation,
    "relations",
    relations,
    relation
);
record!(
    StatementRecord,
    StatementValues<'a>,
    Statement,
    "statements",
    statements,
    statement
);
record!(
    FinancialMeasureRecord,
    MeasureValues<'a>,
    FinancialMeasure,
    "financialMeasures",
    financial_measures,
    financial_measure
);
record!(EventRecord, EventValues<'a>, Event, "events", events, event);

const ENTITIES: &[RecordKind] = &[RecordKind::Person, RecordKind::Organisation, RecordKind::Place];

/// The checks of a document's records, and what they have found so far.
#[derive(Default)]
pub struct Validator<'a> {
    keys: HashMap<&'a str, RecordKind>,
    /// Where each key was first met, for the message of a second.
    first_seen: HashMap<&'a str, String>,
    texts: HashMap<&'a str, SourceText<'a>>,
    /// Who holds each role of the document (role key to person key).
    role_person: HashMap<&'a str, &'a str>,
    problems: Problems,
}

impl<'a> Validator<'a> {
    fn new(pins: &'a [Pin]) -> Self {
        let mut v = Self::default();
        for pin in pins {
            v.keys.insert(pin.reference.as_str(), pin.kind);
        }
        v
    }

    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(path, message);
    }

    fn collect_keys(&mut self, doc: &'a Document) {
        self.keys_of(&doc.sources);
        self.keys_of(&doc.places);
        self.keys_of(&doc.organisations);
        self.keys_of(&doc.people);
        self.keys_of(&doc.issues);
        self.keys_of(&doc.roles);
        self.keys_of(&doc.relations);
        self.keys_of(&doc.statements);
        self.keys_of(&doc.financial_measures);
        self.keys_of(&doc.events);
    }

    fn keys_of<R: Record>(&mut self, records: &'a [R]) {
        for (i, r) in records.iter().enumerate() {
            self.key(r.key(), R::KIND, &format!("{}[{i}]", R::LIST));
        }
    }

    /// A record's key: not empty, and not used before.
    fn key(&mut self, key: &'a str, kind: RecordKind, path: &str) {
        if key.trim().is_empty() {
            self.problem(format!("{path}.key"), "a key must not be empty");
        } else if let Some(other) = self.first_seen.get(key) {
            let message = format!("duplicate key \"{key}\", already used at {other}");
            self.problem(format!("{path}.key"), message);
        } else {
            self.first_seen.insert(key, path.to_owned());
            self.keys.insert(key, kind);
        }
    }

    /// Checks every record of a list, each at `list[i]`.
    fn records<R: Record>(&mut self, records: &'a [R], parsed: &mut Parsed<'a>) {
        for (i, r) in records.iter().enumerate() {
            self.record(r, format!("{}[{i}]", R::LIST), parsed);
        }
    }

    /// Checks a record at `path`, and keeps it when its values all parsed;
    /// one that did not has left a problem, and the write goes no further.
    fn record<R: Record>(&mut self, record: &'a R, path: String, parsed: &mut Parsed<'a>) {
        if let Some(values) = record.check(self, &path) {
            R::parsed(parsed).push(Typed { path, record, values });
        }
    }

    // ----- the rules of each kind of record ---------------------------------

    fn source(&mut self, p: &str, s: &'a SourceRecord) -> Option<SourceValues> {
        self.non_empty(p, "title", &s.title);
        let published_on = self.date(&format!("{p}.publishedOn"), s.published_on.as_deref());
        let language = self.parsed(
            &format!("{p}.language"),
            s.language.as_deref(),
            LanguageTag::parse,
        );
        Some(SourceValues {
            published_on,
            language,
        })
    }

    fn place(&mut self, p: &str, r: &'a PlaceRecord) -> Option<Names<'a>> {
        let names = self.named(p, r);
        self.reference(&format!("{p}.parent"), r.parent.as_deref(), &[RecordKind::Place]);
        if r.parent.as_deref() == Some(r.key.as_str()) {
            self.problem(format!("{p}.parent"), "a place cannot lie in itself");
        }
        if let Some(lat) = r.latitude
            && !(-90.0..=90.0).contains(&lat)
        {
            self.problem(
                format!("{p}.latitude"),
                format!("{lat} is not between -90 and 90"),
            );
        }
        if let Some(lon) = r.longitude
            && !(-180.0..=180.0).contains(&lon)
        {
            self.problem(
                format!("{p}.longitude"),
                format!("{lon} is not between -180 and 180"),
            );
        }
        if r.latitude.is_some() != r.longitude.is_some() {
            self.problem(
                format!("{p}.latitude"),
                "give both latitude and longitude, or neither",
            );
        }
        Some(names)
    }

    fn organisation(&mut self, p: &str, r: &'a OrganisationRecord) -> Option<Names<'a>> {
        let names = self.named(p, r);
        self.reference(
            &format!("{p}.country"),
            r.country.as_deref(),
            &[RecordKind::Place],
        );
        Some(names)
    }

    fn person(&mut self, p: &str, r: &'a PersonRecord) -> Option<Names<'a>> {
        Some(self.named(p, r))
    }

    fn issue(&mut self, p: &str, r: &'a IssueRecord) -> Option<Names<'a>> {
        let names = self.named(p, r);
        self.reference(&format!("{p}.parent"), r.parent.as_deref(), &[RecordKind::Issue]);
        if r.parent.as_deref() == Some(r.key.as_str()) {
            self.problem(format!("{p}.parent"), "an issue cannot be its own parent");
        }
        Some(names)
    }

    fn role(&mut self, p: &str, r: &'a RoleRecord) -> Option<RoleValues<'a>> {
        self.ends(
            p,
            [
                ("person", &r.person, RecordKind::Person),
                ("organisation", &r.organisation, RecordKind::Organisation),
            ],
        );
        self.non_empty(p, "title", &r.title);
        let since = self.date(&format!("{p}.since"), r.since.as_deref());
        let until = self.date(&format!("{p}.until"), r.until.as_deref());
        check_period(&mut self.problems, &format!("{p}.until"), "role", since, until);
        let evidence = self.reports(p, &r.evidence, &r.more_evidence)?;
        Some(RoleValues {
            since,
            until,
            evidence,
        })
    }

    fn relation(&mut self, p: &str, r: &'a RelationRecord) -> Option<Reports<'a>> {
        self.ends(
            p,
            [
                ("person", &r.person, RecordKind::Person),
                ("relatedPerson", &r.related_person, RecordKind::Person),
            ],
        );
        if r.person == r.related_person {
            self.problem(
                format!("{p}.relatedPerson"),
                "a person cannot be related to themselves",
            );
        }
        self.non_empty(p, "kind", &r.kind);
        self.reports(p, &r.evidence, &r.more_evidence)
    }

    fn statement(&mut self, p: &str, r: &'a StatementRecord) -> Option<StatementValues<'a>> {
        self.non_empty(p, "text", &r.text);
        self.reference(
            &format!("{p}.speaker"),
            Some(&r.speaker),
            &[RecordKind::Person, RecordKind::Organisation],
        );
        if let Some(role) = &r.speaker_role {
            self.reference(&format!("{p}.speakerRole"), Some(role), &[RecordKind::Role]);
            if let Some(holder) = self.role_person.get(role.as_str()).copied()
                && holder != r.speaker
            {
                self.problem(
                    format!("{p}.speakerRole"),
                    format!(
                        "role \"{role}\" is held by \"{holder}\", not by the speaker \"{}\"",
                        r.speaker
                    ),
                );
            }
        }
        let said_on = self.date(&format!("{p}.saidOn"), r.said_on.as_deref());
        self.reference(&format!("{p}.place"), r.place.as_deref(), &[RecordKind::Place]);
        self.reference(
            &format!("{p}.audienceEntity"),
            r.audience_entity.as_deref(),
            ENTITIES,
        );
        let mut seen = HashSet::new();
        for (j, a) in r.about.iter().enumerate() {
            let path = format!("{p}.about[{j}].issue");
            self.reference(&path, Some(&a.issue), &[RecordKind::Issue]);
            if !seen.insert(a.issue.as_str()) {
                self.problem(path, format!("issue \"{}\" is listed twice", a.issue));
            }
        }
        for (j, m) in r.mentions.iter().enumerate() {
            self.reference(&format!("{p}.mentions[{j}]"), Some(m), ENTITIES);
        }
        let evidence = self.reports(p, &r.evidence, &r.more_evidence)?;
        Some(StatementValues { said_on, evidence })
    }

    fn financial_measure(&mut self, p: &str, r: &'a FinancialMeasureRecord) -> Option<MeasureValues<'a>> {
        self.non_empty(p, "label", &r.label);
        let amount = self.parsed(&format!("{p}.amount"), r.amount.as_deref(), Amount::parse);
        let currency = self.parsed(
            &format!("{p}.currency"),
            r.currency.as_deref(),
            CurrencyCode::parse,
        );
        if r.amount.is_some() != r.currency.is_some() {
            self.problem(
                format!("{p}.currency"),
                "give an amount with its currency, or neither",
            );
        }
        let term = self.parsed(&format!("{p}.term"), r.term.as_deref(), Term::parse);
        let share = r.share.as_ref().and_then(|s| {
            let numerator = self.bounded(&format!("{p}.share.numerator"), s.numerator, 0);
            let denominator = self.bounded(&format!("{p}.share.denominator"), s.denominator, 1);
            Some((numerator?, denominator?))
        });
        self.reference(&format!("{p}.provider"), r.provider.as_deref(), ENTITIES);
        self.reference(&format!("{p}.recipient"), r.recipient.as_deref(), ENTITIES);
        if let Some(s) = &r.secured_against {
            self.reference(
                &format!("{p}.securedAgainst.entity"),
                s.entity.as_deref(),
                ENTITIES,
            );
            self.reference(
                &format!("{p}.securedAgainst.issue"),
                s.issue.as_deref(),
                &[RecordKind::Issue],
            );
            if s.entity.is_some() == s.issue.is_some() {
                self.problem(format!("{p}.securedAgainst"), "name either an entity or an issue");
            }
        }
        for (j, issue) in r.issues.iter().enumerate() {
            self.reference(&format!("{p}.issues[{j}]"), Some(issue), &[RecordKind::Issue]);
        }
        let announced_on = self.date(&format!("{p}.announcedOn"), r.announced_on.as_deref());
        let evidence = self.reports(p, &r.evidence, &r.more_evidence)?;
        Some(MeasureValues {
            money: amount.zip(currency),
            term,
            share,
            announced_on,
            evidence,
        })
    }

    fn event(&mut self, p: &str, r: &'a EventRecord) -> Option<EventValues<'a>> {
        self.non_empty(p, "label", &r.label);
        let started_on = self.date(&format!("{p}.startedOn"), r.started_on.as_deref());
        let ended_on = self.date(&format!("{p}.endedOn"), r.ended_on.as_deref());
        let ends = format!("{p}.endedOn");
        check_period(&mut self.problems, &ends, "event", started_on, ended_on);
        for (j, place) in r.places.iter().enumerate() {
            self.reference(&format!("{p}.places[{j}]"), Some(place), &[RecordKind::Place]);
        }
        for (j, part) in r.participants.iter().enumerate() {
            self.reference(
                &format!("{p}.participants[{j}].entity"),
                Some(&part.entity),
                ENTITIES,
            );
            self.non_empty(&format!("{p}.participants[{j}]"), "role", &part.role);
        }
        let mut measures = HashSet::new();
        let mut quantities = Vec::with_capacity(r.quantities.len());
        for (j, q) in r.quantities.iter().enumerate() {
            let qp = format!("{p}.quantities[{j}]");
            self.non_empty(&qp, "measure", &q.measure);
            if !measures.insert(q.measure.as_str()) {
                self.problem(
                    format!("{qp}.measure"),
                    format!("\"{}\" is counted twice for this event", q.measure),
                );
            }
            if q.value < 0 {
                self.problem(
                    format!("{qp}.value"),
                    format!("a count must not be negative (got {})", q.value),
                );
            } else if q.value > i64::from(i32::MAX) {
                self.problem(
                    format!("{qp}.value"),
                    format!("{} is beyond the largest count, {}", q.value, i32::MAX),
                );
            }
            quantities.extend(self.reports(&qp, &q.evidence, &q.more_evidence));
        }
        let evidence = self.reports(p, &r.evidence, &r.more_evidence)?;
        (quantities.len() == r.quantities.len()).then_some(EventValues {
            started_on,
            ended_on,
            evidence,
            quantities,
        })
    }

    // ----- the rules of values ----------------------------------------------

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
        self.parsed(path, value, PartialDate::parse)
    }

    /// A value parsed once, or its error at `path`; `None` when left out.
    fn parsed<T>(
        &mut self,
        path: &str,
        value: Option<&str>,
        parse: fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        self.problems.parsed(path, parse(value?))
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

    /// The two ends of the link at `p`: each field names a record of its kind.
    fn ends(&mut self, p: &str, ends: [(&str, &str, RecordKind); 2]) {
        for (field, key, kind) in ends {
            self.reference(&format!("{p}.{field}"), Some(key), &[kind]);
        }
    }

    /// The evidence of the fact at `path` and its later reports.
    fn reports(
        &mut self,
        path: &str,
        first: &'a EvidenceRecord,
        more: &'a [EvidenceRecord],
    ) -> Option<Reports<'a>> {
        let first = self.evidence(&format!("{path}.evidence"), first);
        let mut later = Vec::with_capacity(more.len());
        for (j, e) in more.iter().enumerate() {
            later.extend(self.evidence(&format!("{path}.moreEvidence[{j}]"), e));
        }
        let first = first?;
        (later.len() == more.len()).then_some(Reports { first, more: later })
    }

    fn evidence(&mut self, path: &str, e: &'a EvidenceRecord) -> Option<Evidence<&'a str>> {
        self.reference(&format!("{path}.source"), Some(&e.source), &[RecordKind::Source]);
        let mut checked = e.raw().check(path, &mut self.problems)?;
        if let Some(text) = self.texts.get(e.source.as_str()) {
            checked.locate(&e.source, text, path, &mut self.problems);
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
            occurrence: self.occurrence,
            excerpt: self.excerpt.clone(),
            confidence: self.confidence,
            curated: self.curated,
        }
    }
}
