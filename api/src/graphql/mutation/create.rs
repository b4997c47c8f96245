//! Adding nodes: people, organisations, places, issues and sources, and the
//! facts between them with their evidence.
//!
//! Each input becomes one record of the import format, its problems at
//! paths under `input`, and the IDs it names are pinned to the nodes they
//! stand for: the record goes through exactly the checks, the entity
//! resolution and the writer of `newsgraph import`. A person with a known
//! QID or name is found, not duplicated, and a fact already recorded from
//! the same span is not recorded twice.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};

use super::{import_failed, require_write};
use crate::error::{AppError, AppResult};
use crate::graphql::filter::id_of;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::node::{Node, fetch_node};
use crate::graphql::object::{
    Event, EventKind, FinancialMeasure, FinancialMeasureKind, FinancialMeasureStatus, Issue, Organisation,
    OrganisationKind, Person, Place, PlaceKind, Qualifier, Relation, Role, Source, Stance, Statement,
    StatementKind,
};
use crate::graphql::scalars::{Date, Decimal};
use crate::graphql::{changes, database};
use crate::import::format::*;
use crate::import::{self, Actor, Pin, Problems, Record, RecordKind};

/// The key of the record a mutation writes.
const NEW: &str = "new";

// ----- inputs ---------------------------------------------------------------

/// Where in which article a fact comes from: a span of the article's text.
#[derive(InputObject, Debug, Clone)]
pub struct EvidenceInput {
    /// The article (a `Source` ID).
    pub source: ID,
    /// Offset of the span's first character in the article's text, counted
    /// in Unicode code points from 0.
    pub start: i32,
    /// Offset just past the span's last character.
    pub end: i32,
    /// The span's text, exactly as the article has it at those offsets.
    pub excerpt: String,
    /// How sure the fact is, from 0 to 1.
    #[graphql(default = 1.0)]
    pub confidence: f64,
    /// True when a person curated the fact, false when a program extracted it.
    #[graphql(default = true)]
    pub curated: bool,
}

/// A new article, with its full text.
#[derive(InputObject, Debug, Clone)]
pub struct CreateSourceInput {
    /// A stable key the article is known by (import files cite it); the
    /// URL when left out. A key already in the graph with the same text
    /// returns that source.
    pub key: Option<String>,
    /// Where the article is published.
    pub url: Option<String>,
    /// The headline.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// When it was published: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub published_on: Option<Date>,
    /// Its language, as a BCP 47 tag (`en`, `pt-BR`), 35 characters at most.
    pub language: Option<String>,
    /// The full text; evidence spans count their offsets in it.
    pub text: String,
}

/// What a new person, organisation, place or issue is called; its fields
/// stand in the input itself.
#[derive(InputObject, Debug, Clone)]
#[graphql(visible = false)]
pub struct NamesInput {
    /// The canonical name.
    pub name: String,
    /// Other names and spellings.
    #[graphql(default)]
    pub aliases: Vec<String>,
    /// A short description.
    pub description: Option<String>,
    /// The Wikidata QID (`Q7747`).
    pub wikidata_id: Option<String>,
}

impl NamesInput {
    /// The name, the aliases, the description and the QID.
    fn into_parts(self) -> (String, Vec<String>, Option<String>, Option<String>) {
        (self.name, self.aliases, self.description, self.wikidata_id)
    }
}

/// A new person.
#[derive(InputObject, Debug, Clone)]
pub struct CreatePersonInput {
    /// The names, description and QID.
    #[graphql(flatten)]
    pub names: NamesInput,
}

/// A new organisation.
#[derive(InputObject, Debug, Clone)]
pub struct CreateOrganisationInput {
    /// The names, description and QID.
    #[graphql(flatten)]
    pub names: NamesInput,
    /// What sort of organisation it is.
    pub kind: OrganisationKind,
    /// The country it belongs to (a `Place` ID).
    pub country: Option<ID>,
}

/// A new place.
#[derive(InputObject, Debug, Clone)]
pub struct CreatePlaceInput {
    /// The names, description and QID.
    #[graphql(flatten)]
    pub names: NamesInput,
    /// What sort of place it is.
    pub kind: PlaceKind,
    /// The place it lies in (a `Place` ID).
    pub parent: Option<ID>,
    /// Latitude in degrees, from -90 to 90.
    pub latitude: Option<f64>,
    /// Longitude in degrees, from -180 to 180.
    pub longitude: Option<f64>,
}

/// A new issue.
#[derive(InputObject, Debug, Clone)]
pub struct CreateIssueInput {
    /// The names, description and QID.
    #[graphql(flatten)]
    pub names: NamesInput,
    /// The broader issue it is part of (an `Issue` ID).
    pub parent: Option<ID>,
}

/// A role a person holds in an organisation, as an article reports it.
#[derive(InputObject, Debug, Clone)]
pub struct AddRoleInput {
    /// Who holds the role (a `Person` ID).
    pub person: ID,
    /// Where (an `Organisation` ID).
    pub organisation: ID,
    /// The title (`Foreign Minister`).
    pub title: String,
    /// Since when: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub since: Option<String>,
    /// Until when, in the same form; not before `since`.
    pub until: Option<String>,
    /// Where the article says so.
    pub evidence: EvidenceInput,
}

/// A relation between two people, as an article reports it.
#[derive(InputObject, Debug, Clone)]
pub struct AddRelationInput {
    /// The person the relation is of (a `Person` ID); read "person is the
    /// `kind` of relatedPerson".
    pub person: ID,
    /// The other person (a `Person` ID).
    pub related_person: ID,
    /// The relation (`adviser`, `envoy`).
    pub kind: String,
    /// Where the article says so.
    pub evidence: EvidenceInput,
}

/// An issue a statement is about, with the speaker's stance on it.
#[derive(InputObject, Debug, Clone)]
pub struct StanceInput {
    /// The issue (an `Issue` ID).
    pub issue: ID,
    /// The speaker's stance on it.
    pub stance: Stance,
}

/// Something a person or an organisation said, as an article reports it.
#[derive(InputObject, Debug, Clone)]
pub struct AddStatementInput {
    /// What sort of statement it is.
    pub kind: StatementKind,
    /// What was said, quoted or paraphrased.
    pub text: String,
    /// Who said it (a `Person` or `Organisation` ID).
    pub speaker: ID,
    /// The role the speaker spoke in (a `Role` ID of the speaker).
    pub speaker_role: Option<ID>,
    /// When: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub said_on: Option<String>,
    /// Where (a `Place` ID).
    pub place: Option<ID>,
    /// To whom, in words (`reporters in Kyiv`).
    pub audience: Option<String>,
    /// To whom, as an entity (a `Person`, `Organisation` or `Place` ID).
    pub audience_entity: Option<ID>,
    /// The issues it is about, with the speaker's stance on each.
    #[graphql(default)]
    pub about: Vec<StanceInput>,
    /// Entities it mentions (`Person`, `Organisation` or `Place` IDs).
    #[graphql(default)]
    pub mentions: Vec<ID>,
    /// Where the article reports it.
    pub evidence: EvidenceInput,
}

/// A fraction of something: a share of an amount or of a total.
#[derive(InputObject, Debug, Clone)]
pub struct ShareInput {
    /// The numerator, 0 or more.
    pub numerator: i32,
    /// The denominator, 1 or more.
    pub denominator: i32,
    /// What it is a share of, in words.
    pub of: Option<String>,
}

/// What a financial measure is secured against: an entity or an issue.
#[derive(InputObject, Debug, Clone)]
pub struct SecuredAgainstInput {
    /// An entity (a `Person`, `Organisation` or `Place` ID); give this or `issue`.
    pub entity: Option<ID>,
    /// An issue (an `Issue` ID); give this or `entity`.
    pub issue: Option<ID>,
    /// What exactly, in words (`frozen Russian assets`).
    pub qualifier: Option<String>,
}

/// Money on the table, as an article reports it.
#[derive(InputObject, Debug, Clone)]
pub struct AddFinancialMeasureInput {
    /// What sort of measure it is.
    pub kind: FinancialMeasureKind,
    /// A short label (`reparations loan`).
    pub label: String,
    /// The amount, exactly.
    pub amount: Option<Decimal>,
    /// The amount's currency, ISO 4217 (`EUR`); needed with an amount.
    pub currency: Option<String>,
    /// How exact the amount is.
    pub amount_qualifier: Option<Qualifier>,
    /// How far along the measure is.
    pub status: FinancialMeasureStatus,
    /// Its term, as an ISO 8601 duration (`P2Y`).
    pub term: Option<String>,
    /// The share of something it amounts to.
    pub share: Option<ShareInput>,
    /// Who pays (a `Person`, `Organisation` or `Place` ID).
    pub provider: Option<ID>,
    /// Who receives (a `Person`, `Organisation` or `Place` ID).
    pub recipient: Option<ID>,
    /// What it is secured against.
    pub secured_against: Option<SecuredAgainstInput>,
    /// The issues it concerns (`Issue` IDs).
    #[graphql(default)]
    pub issues: Vec<ID>,
    /// When it was announced: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub announced_on: Option<String>,
    /// Where the article reports it.
    pub evidence: EvidenceInput,
}

/// Someone who took part in an event, and how.
#[derive(InputObject, Debug, Clone)]
pub struct ParticipantInput {
    /// Who (a `Person`, `Organisation` or `Place` ID).
    pub entity: ID,
    /// How they took part (`attacker`, `host`).
    pub role: String,
}

/// A count an article gives for an event ("at least 3 killed").
#[derive(InputObject, Debug, Clone)]
pub struct QuantityInput {
    /// What is counted (`killed`, `drones`).
    pub measure: String,
    /// The count, 0 or more.
    pub value: i32,
    /// How exact the count is.
    pub qualifier: Qualifier,
    /// Where the article gives the count.
    pub evidence: EvidenceInput,
}

/// Something that happened, as an article reports it.
#[derive(InputObject, Debug, Clone)]
pub struct AddEventInput {
    /// What sort of event it is.
    pub kind: EventKind,
    /// A short label (`drone attack on Dnipro`).
    pub label: String,
    /// When it started: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub started_on: Option<String>,
    /// When it ended, in the same form; not before `startedOn`.
    pub ended_on: Option<String>,
    /// Where (`Place` IDs).
    #[graphql(default)]
    pub places: Vec<ID>,
    /// Who took part.
    #[graphql(default)]
    pub participants: Vec<ParticipantInput>,
    /// Counts the article gives.
    #[graphql(default)]
    pub quantities: Vec<QuantityInput>,
    /// Where the article reports it.
    pub evidence: EvidenceInput,
}

// ----- payloads -------------------------------------------------------------

macro_rules! payload {
    ($name:ident, $field:ident, $ty:ty, $what:literal) => {
        #[doc = concat!("The ", $what, " a mutation added or found.")]
        #[derive(SimpleObject, Debug, Clone)]
        pub struct $name {
            #[doc = concat!("The ", $what, ", as it is now.")]
            pub $field: $ty,
            #[doc = concat!(
                                "True when the ", $what, " is new; false when the graph had it already ",
                                "(the same Wikidata QID, name or key, or the same fact from the same span)."
                            )]
            pub created: bool,
        }
    };
}

payload!(CreateSourcePayload, source, Source, "source");
payload!(CreatePersonPayload, person, Person, "person");
payload!(
    CreateOrganisationPayload,
    organisation,
    Organisation,
    "organisation"
);
payload!(CreatePlacePayload, place, Place, "place");
payload!(CreateIssuePayload, issue, Issue, "issue");
payload!(AddRolePayload, role, Role, "role");
payload!(AddRelationPayload, relation, Relation, "relation");
payload!(AddStatementPayload, statement, Statement, "statement");
payload!(
    AddFinancialMeasurePayload,
    financial_measure,
    FinancialMeasure,
    "financial measure"
);
payload!(AddEventPayload, event, Event, "event");

// ----- references -----------------------------------------------------------

/// The IDs an input names, checked and pinned; the problems of those that
/// are malformed or of the wrong kind.
#[derive(Default)]
struct Refs {
    pins: Vec<Pin>,
    problems: Problems,
}

impl Refs {
    /// The reference the document uses for an ID of one of `kinds`.
    fn id(&mut self, id: &ID, path: &str, kinds: &[NodeKind]) -> String {
        match id_of(id, kinds) {
            Ok(global) => self.pins.push(Pin {
                reference: id.0.clone(),
                kind: record_kind(global.kind),
                id: global.key,
                path: path.to_owned(),
            }),
            Err(message) => self.problems.push(path, message),
        }
        id.0.clone()
    }

    fn opt(&mut self, id: Option<&ID>, path: &str, kinds: &[NodeKind]) -> Option<String> {
        id.map(|id| self.id(id, path, kinds))
    }

    fn list(&mut self, ids: &[ID], path: &str, kinds: &[NodeKind]) -> Vec<String> {
        ids.iter()
            .enumerate()
            .map(|(i, id)| self.id(id, &format!("{path}[{i}]"), kinds))
            .collect()
    }

    fn evidence(&mut self, e: EvidenceInput, path: &str) -> EvidenceRecord {
        EvidenceRecord {
            source: self.id(&e.source, &format!("{path}.source"), &[NodeKind::Source]),
            start: Some(e.start.into()),
            end: Some(e.end.into()),
            occurrence: None,
            excerpt: e.excerpt,
            confidence: e.confidence,
            curated: e.curated,
        }
    }
}

fn record_kind(kind: NodeKind) -> RecordKind {
    match kind {
        NodeKind::Person => RecordKind::Person,
        NodeKind::Organisation => RecordKind::Organisation,
        NodeKind::Place => RecordKind::Place,
        NodeKind::Issue => RecordKind::Issue,
        NodeKind::Statement => RecordKind::Statement,
        NodeKind::Role => RecordKind::Role,
        NodeKind::Relation => RecordKind::Relation,
        NodeKind::FinancialMeasure => RecordKind::FinancialMeasure,
        NodeKind::Event => RecordKind::Event,
        NodeKind::Source => RecordKind::Source,
    }
}

const ENTITIES: &[NodeKind] = &[NodeKind::Person, NodeKind::Organisation, NodeKind::Place];
const PLACE: &[NodeKind] = &[NodeKind::Place];
const ISSUE: &[NodeKind] = &[NodeKind::Issue];

/// Checks one record at `input` and writes it through the import's writer,
/// as `operation`; returns the key of the node the record became (or was
/// found to be) and whether it is new.
async fn write<R: Record>(
    ctx: &Context<'_>,
    operation: &str,
    record: R,
    refs: Refs,
) -> AppResult<(i64, bool)> {
    let actor = require_write(ctx)?;
    refs.problems.finish()?;
    let actor = Actor {
        name: &actor,
        operation,
    };
    let db = database(ctx)?;
    let counts = import::import_one(db, &record, &refs.pins, actor, Some(changes(ctx)?))
        .await
        .map_err(|err| import_failed(err, operation, ""))?;
    let key = counts.key_of(record.key()).ok_or_else(|| {
        tracing::error!(operation, "a write gave no node for its record");
        AppError::Internal
    })?;
    Ok((key, counts.added(R::KIND)))
}

/// Reads a node just written, without the request's loaders.
async fn written(ctx: &Context<'_>, kind: NodeKind, key: i64) -> AppResult<Node> {
    fetch_node(database(ctx)?, GlobalId::new(kind, key))
        .await?
        .ok_or(AppError::Internal)
}

/// Runs `write` and unwraps the node of the expected variant.
macro_rules! added {
    ($ctx:expr, $op:literal, $kind:ident, $record:expr, $refs:expr, $payload:ident, $field:ident) => {{
        let (key, created) = write($ctx, $op, $record, $refs).await?;
        match written($ctx, NodeKind::$kind, key).await? {
            Node::$kind(node) => Ok($payload {
                $field: node,
                created,
            }),
            _ => Err(AppError::Internal),
        }
    }};
}

// ----- mutations ------------------------------------------------------------

#[derive(Default)]
pub struct CreateMutation;

/// Adding nodes and facts; each mutation is one record of the import
/// format, checked, resolved and written as `importGraph` would.
#[Object]
impl CreateMutation {
    /// Adds an article. A source with the same key and text is returned
    /// as it is (`created: false`); the same key with another text is
    /// refused (`BAD_USER_INPUT` on `input.text`), since evidence spans
    /// count on the text not changing.
    async fn create_source(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The article.")] input: CreateSourceInput,
    ) -> AppResult<CreateSourcePayload> {
        let key = match (input.key, &input.url) {
            (Some(key), _) => key,
            (None, Some(url)) => url.clone(),
            (None, None) => {
                let mut problems = Problems::default();
                problems.push("input.key", "give a key, or a url to serve as the key");
                return Err(problems.into());
            }
        };
        let record = SourceRecord {
            key,
            url: input.url,
            title: input.title,
            publisher: input.publisher,
            published_on: input.published_on.map(|d| d.partial().format()),
            language: input.language,
            text: input.text,
        };
        added!(
            ctx,
            "createSource",
            Source,
            record,
            Refs::default(),
            CreateSourcePayload,
            source
        )
    }

    /// Adds a person, or finds the one the graph has with the same
    /// Wikidata QID, or else with the same name or alias (`created: false`;
    /// a QID or description it lacked is filled in, new aliases are added).
    /// A name that matches several people is `BAD_USER_INPUT`.
    async fn create_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person.")] input: CreatePersonInput,
    ) -> AppResult<CreatePersonPayload> {
        let (name, aliases, description, wikidata_id) = input.names.into_parts();
        let record = PersonRecord {
            key: NEW.to_owned(),
            name,
            aliases,
            description,
            wikidata_id,
        };
        added!(
            ctx,
            "createPerson",
            Person,
            record,
            Refs::default(),
            CreatePersonPayload,
            person
        )
    }

    /// Adds an organisation, or finds the one the graph has, as
    /// `createPerson` does.
    async fn create_organisation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The organisation.")] input: CreateOrganisationInput,
    ) -> AppResult<CreateOrganisationPayload> {
        let mut refs = Refs::default();
        let (name, aliases, description, wikidata_id) = input.names.into_parts();
        let record = OrganisationRecord {
            key: NEW.to_owned(),
            name,
            aliases,
            description,
            wikidata_id,
            kind: input.kind.into(),
            country: refs.opt(input.country.as_ref(), "input.country", PLACE),
        };
        added!(
            ctx,
            "createOrganisation",
            Organisation,
            record,
            refs,
            CreateOrganisationPayload,
            organisation
        )
    }

    /// Adds a place, or finds the one the graph has, as `createPerson`
    /// does; a parent that would make a loop is refused.
    async fn create_place(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The place.")] input: CreatePlaceInput,
    ) -> AppResult<CreatePlacePayload> {
        let mut refs = Refs::default();
        let (name, aliases, description, wikidata_id) = input.names.into_parts();
        let record = PlaceRecord {
            key: NEW.to_owned(),
            name,
            aliases,
            description,
            wikidata_id,
            kind: input.kind.into(),
            parent: refs.opt(input.parent.as_ref(), "input.parent", PLACE),
            latitude: input.latitude,
            longitude: input.longitude,
        };
        added!(ctx, "createPlace", Place, record, refs, CreatePlacePayload, place)
    }

    /// Adds an issue, or finds the one the graph has with the same QID or
    /// name, as `createPerson` does.
    async fn create_issue(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The issue.")] input: CreateIssueInput,
    ) -> AppResult<CreateIssuePayload> {
        let mut refs = Refs::default();
        let (name, aliases, description, wikidata_id) = input.names.into_parts();
        let record = IssueRecord {
            key: NEW.to_owned(),
            name,
            aliases,
            description,
            wikidata_id,
            parent: refs.opt(input.parent.as_ref(), "input.parent", ISSUE),
        };
        added!(ctx, "createIssue", Issue, record, refs, CreateIssuePayload, issue)
    }

    /// Records a role of a person in an organisation, with its evidence.
    async fn add_role(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The role.")] input: AddRoleInput,
    ) -> AppResult<AddRolePayload> {
        let mut refs = Refs::default();
        let record = RoleRecord {
            key: NEW.to_owned(),
            person: refs.id(&input.person, "input.person", &[NodeKind::Person]),
            organisation: refs.id(
                &input.organisation,
                "input.organisation",
                &[NodeKind::Organisation],
            ),
            title: input.title,
            since: input.since,
            until: input.until,
            evidence: refs.evidence(input.evidence, "input.evidence"),
            more_evidence: Vec::new(),
        };
        added!(ctx, "addRole", Role, record, refs, AddRolePayload, role)
    }

    /// Records a relation between two people, with its evidence.
    async fn add_relation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The relation.")] input: AddRelationInput,
    ) -> AppResult<AddRelationPayload> {
        let mut refs = Refs::default();
        let person = &[NodeKind::Person];
        let record = RelationRecord {
            key: NEW.to_owned(),
            person: refs.id(&input.person, "input.person", person),
            related_person: refs.id(&input.related_person, "input.relatedPerson", person),
            kind: input.kind,
            evidence: refs.evidence(input.evidence, "input.evidence"),
            more_evidence: Vec::new(),
        };
        added!(
            ctx,
            "addRelation",
            Relation,
            record,
            refs,
            AddRelationPayload,
            relation
        )
    }

    /// Records a statement with its evidence; subscribers of
    /// `statementAdded` hear of it.
    async fn add_statement(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The statement.")] input: AddStatementInput,
    ) -> AppResult<AddStatementPayload> {
        let mut refs = Refs::default();
        let about = input
            .about
            .iter()
            .enumerate()
            .map(|(i, a)| StanceRecord {
                issue: refs.id(&a.issue, &format!("input.about[{i}].issue"), ISSUE),
                stance: a.stance.into(),
            })
            .collect();
        let speakers = &[NodeKind::Person, NodeKind::Organisation];
        let record = StatementRecord {
            key: NEW.to_owned(),
            kind: input.kind.into(),
            text: input.text,
            speaker: refs.id(&input.speaker, "input.speaker", speakers),
            speaker_role: refs.opt(
                input.speaker_role.as_ref(),
                "input.speakerRole",
                &[NodeKind::Role],
            ),
            said_on: input.said_on,
            place: refs.opt(input.place.as_ref(), "input.place", PLACE),
            audience: input.audience,
            audience_entity: refs.opt(input.audience_entity.as_ref(), "input.audienceEntity", ENTITIES),
            about,
            mentions: refs.list(&input.mentions, "input.mentions", ENTITIES),
            evidence: refs.evidence(input.evidence, "input.evidence"),
            more_evidence: Vec::new(),
        };
        added!(
            ctx,
            "addStatement",
            Statement,
            record,
            refs,
            AddStatementPayload,
            statement
        )
    }

    /// Records a financial measure (a loan, a grant, a fund...) with its
    /// evidence.
    async fn add_financial_measure(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The financial measure.")] input: AddFinancialMeasureInput,
    ) -> AppResult<AddFinancialMeasurePayload> {
        let mut refs = Refs::default();
        let secured_against = input.secured_against.map(|s| SecuredAgainstRecord {
            entity: refs.opt(s.entity.as_ref(), "input.securedAgainst.entity", ENTITIES),
            issue: refs.opt(s.issue.as_ref(), "input.securedAgainst.issue", ISSUE),
            qualifier: s.qualifier,
        });
        let record = FinancialMeasureRecord {
            key: NEW.to_owned(),
            kind: input.kind.into(),
            label: input.label,
            amount: input.amount.map(|a| a.0.normalize().to_string()),
            currency: input.currency,
            amount_qualifier: input.amount_qualifier.map(Into::into),
            status: input.status.into(),
            term: input.term,
            share: input.share.map(|s| ShareRecord {
                numerator: s.numerator.into(),
                denominator: s.denominator.into(),
                of: s.of,
            }),
            provider: refs.opt(input.provider.as_ref(), "input.provider", ENTITIES),
            recipient: refs.opt(input.recipient.as_ref(), "input.recipient", ENTITIES),
            secured_against,
            issues: refs.list(&input.issues, "input.issues", ISSUE),
            announced_on: input.announced_on,
            evidence: refs.evidence(input.evidence, "input.evidence"),
            more_evidence: Vec::new(),
        };
        added!(
            ctx,
            "addFinancialMeasure",
            FinancialMeasure,
            record,
            refs,
            AddFinancialMeasurePayload,
            financial_measure
        )
    }

    /// Records an event with its places, participants and counts, each
    /// count with its own evidence.
    async fn add_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The event.")] input: AddEventInput,
    ) -> AppResult<AddEventPayload> {
        let mut refs = Refs::default();
        let participants = input
            .participants
            .into_iter()
            .enumerate()
            .map(|(i, p)| ParticipantRecord {
                entity: refs.id(&p.entity, &format!("input.participants[{i}].entity"), ENTITIES),
                role: p.role,
            })
            .collect();
        let quantities = input
            .quantities
            .into_iter()
            .enumerate()
            .map(|(i, q)| QuantityRecord {
                measure: q.measure,
                value: q.value.into(),
                qualifier: q.qualifier.into(),
                evidence: refs.evidence(q.evidence, &format!("input.quantities[{i}].evidence")),
                more_evidence: Vec::new(),
            })
            .collect();
        let record = EventRecord {
            key: NEW.to_owned(),
            kind: input.kind.into(),
            label: input.label,
            started_on: input.started_on,
            ended_on: input.ended_on,
            places: refs.list(&input.places, "input.places", PLACE),
            participants,
            quantities,
            evidence: refs.evidence(input.evidence, "input.evidence"),
            more_evidence: Vec::new(),
        };
        added!(ctx, "addEvent", Event, record, refs, AddEventPayload, event)
    }
}
