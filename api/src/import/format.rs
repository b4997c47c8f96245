//! The import format, version 1: the shape of a file, shared by `import`
//! and `export`. `docs/import-format.md` describes it for people and
//! `docs/import-format.schema.json` for programs.
//!
//! Records refer to each other by keys local to the file. An entity may
//! also be named by its Wikidata QID, and a source by the key it has in the
//! database already.

use entity::kinds::{
    EventKind, FinancialMeasureKind, FinancialMeasureStatus, OrganisationKind, PlaceKind, Qualifier, Stance,
    StatementKind,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The JSON Schema of the format, as `docs/import-format.schema.json` holds it.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Document);
    let mut out = serde_json::to_string_pretty(&schema).unwrap_or_default();
    out.push('\n');
    out
}

/// The value of `format` this version reads and writes.
pub const FORMAT: &str = "newsgraph/1";

const FORMAT_PATTERN: &str = "^newsgraph/1$";
const DATE_PATTERN: &str = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$";
const QID_PATTERN: &str = "^Q[1-9][0-9]*$";
const CURRENCY_PATTERN: &str = "^[A-Z]{3}$";
const AMOUNT_PATTERN: &str = r"^[0-9]+(\.[0-9]+)?$";
const TERM_PATTERN: &str =
    "^P(?!$)([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+S)?)?$";

fn default_confidence() -> f64 {
    1.0
}

fn default_curated() -> bool {
    true
}

/// A field a record may leave out: `None`, or an empty list. It is left
/// out of what is written too.
trait LeftOut {
    fn left_out(&self) -> bool;
}

impl<T> LeftOut for Option<T> {
    fn left_out(&self) -> bool {
        self.is_none()
    }
}

impl<T> LeftOut for Vec<T> {
    fn left_out(&self) -> bool {
        self.is_empty()
    }
}

/// Declares a record of the format: a struct that (de)serialises in
/// camelCase and refuses unknown fields. An `Option` field may be left out
/// (and is, when it is `None`), as may a `Vec` (when it is empty): see
/// [`LeftOut`]; any other field is required. `..names` stands for the fields people,
/// organisations, places and issues share: key, name, aliases, description
/// and Wikidata QID.
macro_rules! record {
    ($(#[$meta:meta])* $name:ident { $($body:tt)* }) => {
        record!(@field [$(#[$meta])*] $name [] $($body)*);
    };
    (@field $meta:tt $name:ident [$($done:tt)*] ..names, $($rest:tt)*) => {
        record!(@field $meta $name [$($done)*]
            key: String,
            name: String,
            aliases: Vec<String>,
            description: Option<String>,
            /// The Wikidata QID (`Q7747`); entity resolution tries it first.
            #[schemars(pattern(QID_PATTERN))]
            wikidata_id: Option<String>,
            $($rest)*
        );
    };
    (@field $meta:tt $name:ident [$($done:tt)*] $(#[$a:meta])* $field:ident: $wrap:ident<$ty:ty>, $($rest:tt)*) => {
        record!(@field $meta $name [$($done)*
            $(#[$a])*
            #[serde(default, skip_serializing_if = "LeftOut::left_out")]
            pub $field: $wrap<$ty>,
        ] $($rest)*);
    };
    (@field $meta:tt $name:ident [$($done:tt)*] $(#[$a:meta])* $field:ident: $ty:ty, $($rest:tt)*) => {
        record!(@field $meta $name [$($done)* $(#[$a])* pub $field: $ty,] $($rest)*);
    };
    (@field [$(#[$meta:meta])*] $name:ident [$($done:tt)*]) => {
        #[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
        $(#[$meta])*
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        pub struct $name {
            $($done)*
        }
    };
}

record! {
    /// A newsgraph import document, format version 1: sources with their full
    /// text, and the people, organisations, places, issues, roles, relations,
    /// statements, financial measures and events they support. Records refer to
    /// each other by keys local to the document; an entity or issue may also be
    /// named by its Wikidata QID, and a source by its key in the database.
    #[derive(Default)]
    #[schemars(title = "newsgraph import document (newsgraph/1)")]
    Document {
        /// Always `newsgraph/1`.
        #[schemars(pattern(FORMAT_PATTERN))]
        format: String,
        sources: Vec<SourceRecord>,
        places: Vec<PlaceRecord>,
        organisations: Vec<OrganisationRecord>,
        people: Vec<PersonRecord>,
        issues: Vec<IssueRecord>,
        roles: Vec<RoleRecord>,
        relations: Vec<RelationRecord>,
        statements: Vec<StatementRecord>,
        financial_measures: Vec<FinancialMeasureRecord>,
        events: Vec<EventRecord>,
    }
}

record! {
    /// An article with its full text.
    SourceRecord {
        key: String,
        url: Option<String>,
        title: String,
        publisher: Option<String>,
        /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
        #[schemars(pattern(DATE_PATTERN))]
        published_on: Option<String>,
        /// A BCP 47 language tag (`en`, `pt-BR`), 35 characters at most.
        #[schemars(length(max = 35))]
        language: Option<String>,
        text: String,
    }
}

record! {
    /// What people, organisations and places share.
    PersonRecord {
        ..names,
    }
}

record! {
    OrganisationRecord {
        ..names,
        kind: OrganisationKind,
        /// A place (a country).
        country: Option<String>,
    }
}

record! {
    PlaceRecord {
        ..names,
        kind: PlaceKind,
        /// The place this one lies in.
        parent: Option<String>,
        latitude: Option<f64>,
        longitude: Option<f64>,
    }
}

record! {
    IssueRecord {
        ..names,
        parent: Option<String>,
    }
}

record! {
    /// Where in which source a fact comes from.
    EvidenceRecord {
        /// A source: its key in this file or in the database.
        source: String,
        /// Offset of the first code point of the span (from 0). Left out
        /// with `end`, the excerpt is found in the source's text.
        #[schemars(range(min = 0))]
        start: Option<i64>,
        /// Offset just past the last code point of the span.
        end: Option<i64>,
        /// The text of the span, exactly; without `start` and `end`, the
        /// text to find, quote marks, apostrophes and dashes in any form.
        excerpt: String,
        /// Without `start` and `end`: which time the excerpt stands in the
        /// text, from 1, where it stands there more than once.
        #[schemars(range(min = 1))]
        occurrence: Option<i64>,
        /// How sure the fact is, from 0 to 1; 1 when left out.
        #[serde(default = "default_confidence")]
        #[schemars(range(min = 0.0, max = 1.0))]
        confidence: f64,
        /// True when a person curated the fact (the default), false when a program extracted it.
        #[serde(default = "default_curated")]
        curated: bool,
    }
}

record! {
    RoleRecord {
        key: String,
        person: String,
        organisation: String,
        title: String,
        /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
        #[schemars(pattern(DATE_PATTERN))]
        since: Option<String>,
        #[schemars(pattern(DATE_PATTERN))]
        until: Option<String>,
        evidence: EvidenceRecord,
        /// Later reports of the same fact: other passages of this source, or
        /// of other sources, that report it too.
        more_evidence: Vec<EvidenceRecord>,
    }
}

record! {
    RelationRecord {
        key: String,
        /// Read "person is the kind of relatedPerson".
        person: String,
        related_person: String,
        kind: String,
        evidence: EvidenceRecord,
        /// Later reports of the same fact: other passages of this source, or
        /// of other sources, that report it too.
        more_evidence: Vec<EvidenceRecord>,
    }
}

record! {
    StanceRecord {
        issue: String,
        stance: Stance,
    }
}

record! {
    StatementRecord {
        key: String,
        kind: StatementKind,
        text: String,
        /// A person or an organisation.
        speaker: String,
        /// A role of the speaker.
        speaker_role: Option<String>,
        #[schemars(pattern(DATE_PATTERN))]
        said_on: Option<String>,
        place: Option<String>,
        audience: Option<String>,
        audience_entity: Option<String>,
        about: Vec<StanceRecord>,
        mentions: Vec<String>,
        evidence: EvidenceRecord,
        /// Later reports of the same fact: other passages of this source, or
        /// of other sources, that report it too.
        more_evidence: Vec<EvidenceRecord>,
    }
}

record! {
    ShareRecord {
        #[schemars(range(min = 0))]
        numerator: i64,
        #[schemars(range(min = 1))]
        denominator: i64,
        of: Option<String>,
    }
}

record! {
    SecuredAgainstRecord {
        entity: Option<String>,
        issue: Option<String>,
        qualifier: Option<String>,
    }
}

record! {
    FinancialMeasureRecord {
        key: String,
        kind: FinancialMeasureKind,
        label: String,
        /// An exact decimal number as a string.
        #[schemars(pattern(AMOUNT_PATTERN))]
        amount: Option<String>,
        /// ISO 4217.
        #[schemars(pattern(CURRENCY_PATTERN))]
        currency: Option<String>,
        amount_qualifier: Option<Qualifier>,
        status: FinancialMeasureStatus,
        /// ISO 8601 duration.
        #[schemars(pattern(TERM_PATTERN))]
        term: Option<String>,
        share: Option<ShareRecord>,
        provider: Option<String>,
        recipient: Option<String>,
        secured_against: Option<SecuredAgainstRecord>,
        issues: Vec<String>,
        #[schemars(pattern(DATE_PATTERN))]
        announced_on: Option<String>,
        evidence: EvidenceRecord,
        /// Later reports of the same fact: other passages of this source, or
        /// of other sources, that report it too.
        more_evidence: Vec<EvidenceRecord>,
    }
}

record! {
    ParticipantRecord {
        entity: String,
        role: String,
    }
}

record! {
    QuantityRecord {
        measure: String,
        #[schemars(range(min = 0, max = 2147483647))]
        value: i64,
        qualifier: Qualifier,
        evidence: EvidenceRecord,
        /// Later reports of the same fact: other passages of this source, or
        /// of other sources, that report it too.
        more_evidence: Vec<EvidenceRecord>,
    }
}

record! {
    EventRecord {
        key: String,
        kind: EventKind,
        label: String,
        #[schemars(pattern(DATE_PATTERN))]
        started_on: Option<String>,
        #[schemars(pattern(DATE_PATTERN))]
        ended_on: Option<String>,
        places: Vec<String>,
        participants: Vec<ParticipantRecord>,
        quantities: Vec<QuantityRecord>,
        evidence: EvidenceRecord,
        /// Later reports of the same fact: other passages of this source, or
        /// of other sources, that report it too.
        more_evidence: Vec<EvidenceRecord>,
    }
}

impl EvidenceRecord {
    /// The span's offsets, where the record gives both.
    pub fn offsets(&self) -> Option<(i64, i64)> {
        Some((self.start?, self.end?))
    }
}
