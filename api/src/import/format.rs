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

/// A newsgraph import document, format version 1: sources with their full
/// text, and the people, organisations, places, issues, roles, relations,
/// statements, financial measures and events they support. Records refer to
/// each other by keys local to the document; an entity or issue may also be
/// named by its Wikidata QID, and a source by its key in the database.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "newsgraph import document (newsgraph/1)")]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Document {
    /// Always `newsgraph/1`.
    #[schemars(pattern(FORMAT_PATTERN))]
    pub format: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<PlaceRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<OrganisationRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<PersonRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<IssueRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<RelationRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statements: Vec<StatementRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub financial_measures: Vec<FinancialMeasureRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<EventRecord>,
}

/// An article with its full text.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SourceRecord {
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(DATE_PATTERN))]
    pub published_on: Option<String>,
    /// A BCP 47 language tag (`en`, `pt-BR`), 35 characters at most.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 35))]
    pub language: Option<String>,
    pub text: String,
}

/// What people, organisations and places share.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersonRecord {
    pub key: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The Wikidata QID (`Q7747`); entity resolution tries it first.
    #[schemars(pattern(QID_PATTERN))]
    pub wikidata_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrganisationRecord {
    pub key: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The Wikidata QID (`Q7747`); entity resolution tries it first.
    #[schemars(pattern(QID_PATTERN))]
    pub wikidata_id: Option<String>,
    pub kind: OrganisationKind,
    /// A place (a country).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlaceRecord {
    pub key: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The Wikidata QID (`Q7747`); entity resolution tries it first.
    #[schemars(pattern(QID_PATTERN))]
    pub wikidata_id: Option<String>,
    pub kind: PlaceKind,
    /// The place this one lies in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IssueRecord {
    pub key: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The Wikidata QID (`Q7747`); entity resolution tries it first.
    #[schemars(pattern(QID_PATTERN))]
    pub wikidata_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// Where in which source a fact comes from.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EvidenceRecord {
    /// A source: its key in this file or in the database.
    pub source: String,
    /// Offset of the first code point of the span (from 0).
    #[schemars(range(min = 0))]
    pub start: i64,
    /// Offset just past the last code point of the span.
    pub end: i64,
    /// The text of the span, exactly.
    pub excerpt: String,
    #[serde(default = "default_confidence")]
    /// How sure the fact is, from 0 to 1; 1 when left out.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub confidence: f64,
    #[serde(default = "default_curated")]
    /// True when a person curated the fact (the default), false when a program extracted it.
    pub curated: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoleRecord {
    pub key: String,
    pub person: String,
    pub organisation: String,
    pub title: String,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(DATE_PATTERN))]
    pub since: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(DATE_PATTERN))]
    pub until: Option<String>,
    pub evidence: EvidenceRecord,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RelationRecord {
    pub key: String,
    /// Read "person is the kind of relatedPerson".
    pub person: String,
    pub related_person: String,
    pub kind: String,
    pub evidence: EvidenceRecord,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StanceRecord {
    pub issue: String,
    pub stance: Stance,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatementRecord {
    pub key: String,
    pub kind: StatementKind,
    pub text: String,
    /// A person or an organisation.
    pub speaker: String,
    /// A role of the speaker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(DATE_PATTERN))]
    pub said_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience_entity: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<StanceRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<String>,
    pub evidence: EvidenceRecord,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ShareRecord {
    #[schemars(range(min = 0))]
    pub numerator: i64,
    #[schemars(range(min = 1))]
    pub denominator: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecuredAgainstRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FinancialMeasureRecord {
    pub key: String,
    pub kind: FinancialMeasureKind,
    pub label: String,
    /// An exact decimal number as a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(AMOUNT_PATTERN))]
    pub amount: Option<String>,
    /// ISO 4217.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(CURRENCY_PATTERN))]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_qualifier: Option<Qualifier>,
    pub status: FinancialMeasureStatus,
    /// ISO 8601 duration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(TERM_PATTERN))]
    pub term: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<ShareRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secured_against: Option<SecuredAgainstRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(DATE_PATTERN))]
    pub announced_on: Option<String>,
    pub evidence: EvidenceRecord,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ParticipantRecord {
    pub entity: String,
    pub role: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuantityRecord {
    pub measure: String,
    #[schemars(range(min = 0, max = 2147483647))]
    pub value: i64,
    pub qualifier: Qualifier,
    pub evidence: EvidenceRecord,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EventRecord {
    pub key: String,
    pub kind: EventKind,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(DATE_PATTERN))]
    pub started_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(DATE_PATTERN))]
    pub ended_on: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<ParticipantRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quantities: Vec<QuantityRecord>,
    pub evidence: EvidenceRecord,
}
