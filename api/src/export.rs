//! Export: the whole graph as one document of the import format.
//!
//! The output is deterministic: records in the order they were added, keys
//! made from names (or numbered, for facts), lists inside records sorted by
//! key. Importing it into an empty database and exporting again gives the
//! same bytes.

use std::collections::{BTreeMap, HashMap, HashSet};

use entity::fact_evidence::{self, Fact};
use entity::kinds::{DatePrecision, EntityKind};
use entity::{
    entity_alias, event, event_participant, event_place, event_quantity, financial_measure,
    financial_measure_issue, issue, issue_alias, named_entity, organisation, place, relation, role, source,
    statement, statement_issue, statement_mention,
};
use sea_orm::{DatabaseConnection, DbErr, EntityTrait, QueryOrder};

use crate::domain::PartialDate;
use crate::import::format::*;

/// Reads every table and builds the document.
pub async fn export(db: &DatabaseConnection) -> Result<Document, DbErr> {
    let mut keys = Keys::default();
    let mut doc = Document {
        format: FORMAT.to_owned(),
        ..Default::default()
    };

    let sources = in_id_order::<source::Entity>(db, source::Column::Id).await?;
    let mut source_keys = HashMap::new();
    for s in sources {
        let key = keys.claim(&s.key);
        source_keys.insert(s.id, key.clone());
        doc.sources.push(SourceRecord {
            key,
            url: s.url,
            title: s.title,
            publisher: s.publisher,
            published_on: s.published_on.map(|date| {
                let precision = s.published_on_precision.unwrap_or(DatePrecision::Day);
                PartialDate { date, precision }.format()
            }),
            language: s.language,
            text: s.text,
        });
    }

    let entities = in_id_order::<named_entity::Entity>(db, named_entity::Column::Id).await?;
    let mut aliases: HashMap<i64, Vec<String>> = HashMap::new();
    for a in in_id_order::<entity_alias::Entity>(db, entity_alias::Column::Id).await? {
        aliases.entry(a.entity_id).or_default().push(a.name);
    }
    let places: HashMap<i64, place::Model> = place::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let orgs: HashMap<i64, organisation::Model> = organisation::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    // Keys in the order the records are written: places, organisations, people.
    let mut entity_keys: HashMap<i64, String> = HashMap::new();
    for kind in [EntityKind::Place, EntityKind::Organisation, EntityKind::Person] {
        for e in entities.iter().filter(|e| e.kind == kind) {
            entity_keys.insert(e.id, keys.claim(&slug(&e.name)));
        }
    }
    let key_of = |map: &HashMap<i64, String>, id: Option<i64>| id.and_then(|i| map.get(&i).cloned());
    for e in &entities {
        let key = entity_keys[&e.id].clone();
        let alias_list = aliases.remove(&e.id).unwrap_or_default();
        match e.kind {
            EntityKind::Place => {
                let Some(p) = places.get(&e.id) else { continue };
                doc.places.push(PlaceRecord {
                    key,
                    name: e.name.clone(),
                    aliases: alias_list,
                    description: e.description.clone(),
                    wikidata_id: e.wikidata_id.clone(),
                    kind: p.kind,
                    parent: key_of(&entity_keys, p.parent_id),
                    latitude: p.latitude,
                    longitude: p.longitude,
                });
            }
            EntityKind::Organisation => {
                let Some(o) = orgs.get(&e.id) else { continue };
                doc.organisations.push(OrganisationRecord {
                    key,
                    name: e.name.clone(),
                    aliases: alias_list,
                    description: e.description.clone(),
                    wikidata_id: e.wikidata_id.clone(),
                    kind: o.kind,
                    country: key_of(&entity_keys, o.country_id),
                });
            }
            EntityKind::Person => doc.people.push(PersonRecord {
                key,
                name: e.name.clone(),
                aliases: alias_list,
                description: e.description.clone(),
                wikidata_id: e.wikidata_id.clone(),
            }),
        }
    }

    let issues = in_id_order::<issue::Entity>(db, issue::Column::Id).await?;
    let mut issue_aliases: HashMap<i64, Vec<String>> = HashMap::new();
    for a in in_id_order::<issue_alias::Entity>(db, issue_alias::Column::Id).await? {
        issue_aliases.entry(a.issue_id).or_default().push(a.name);
    }
    let issue_keys: HashMap<i64, String> = issues
        .iter()
        .map(|i| (i.id, keys.claim(&slug(&i.name))))
        .collect();
    for i in &issues {
        doc.issues.push(IssueRecord {
            key: issue_keys[&i.id].clone(),
            name: i.name.clone(),
            aliases: issue_aliases.remove(&i.id).unwrap_or_default(),
            description: i.description.clone(),
            wikidata_id: i.wikidata_id.clone(),
            parent: key_of(&issue_keys, i.parent_id),
        });
    }

    let ev = |source_id: i64, start: i32, end: i32, excerpt: &str, confidence: f64, curated: bool| {
        EvidenceRecord {
            source: source_keys.get(&source_id).cloned().unwrap_or_default(),
            start: Some(i64::from(start)),
            end: Some(i64::from(end)),
            occurrence: None,
            excerpt: excerpt.to_owned(),
            confidence,
            curated,
        }
    };
    macro_rules! evidence {
        ($m:expr) => {
            ev(
                $m.source_id,
                $m.span_start,
                $m.span_end,
                &$m.excerpt,
                $m.confidence,
                $m.curated,
            )
        };
    }

    // Later reports, by fact, in the order they were added.
    let mut reports: HashMap<Fact, Vec<EvidenceRecord>> = HashMap::new();
    for r in in_id_order::<fact_evidence::Entity>(db, fact_evidence::Column::Id).await? {
        if let Some(fact) = r.fact() {
            reports.entry(fact).or_default().push(evidence!(r));
        }
    }
    macro_rules! later {
        ($fact:expr) => {
            reports.remove(&$fact).unwrap_or_default()
        };
    }

    let mut role_keys = HashMap::new();
    for (n, r) in numbered::<role::Entity>(db, role::Column::Id).await? {
        let key = keys.claim(&format!("role-{n}"));
        role_keys.insert(r.id, key.clone());
        doc.roles.push(RoleRecord {
            key,
            person: entity_keys.get(&r.person_id).cloned().unwrap_or_default(),
            organisation: entity_keys.get(&r.organisation_id).cloned().unwrap_or_default(),
            title: r.title.clone(),
            since: date(r.since, r.since_precision),
            until: date(r.until, r.until_precision),
            evidence: evidence!(r),
            more_evidence: later!(Fact::Role(r.id)),
        });
    }
    for (n, r) in numbered::<relation::Entity>(db, relation::Column::Id).await? {
        doc.relations.push(RelationRecord {
            key: keys.claim(&format!("relation-{n}")),
            person: entity_keys.get(&r.person_id).cloned().unwrap_or_default(),
            related_person: entity_keys.get(&r.related_person_id).cloned().unwrap_or_default(),
            kind: r.kind.clone(),
            evidence: evidence!(r),
            more_evidence: later!(Fact::Relation(r.id)),
        });
    }

    let mut about: HashMap<i64, Vec<StanceRecord>> = HashMap::new();
    for link in statement_issue::Entity::find().all(db).await? {
        about.entry(link.statement_id).or_default().push(StanceRecord {
            issue: issue_keys.get(&link.issue_id).cloned().unwrap_or_default(),
            stance: link.stance,
        });
    }
    let mentions = grouped(
        statement_mention::Entity::find().all(db).await?,
        |m| (m.statement_id, m.entity_id),
        &entity_keys,
    );
    for (n, s) in numbered::<statement::Entity>(db, statement::Column::Id).await? {
        let mut stances = about.remove(&s.id).unwrap_or_default();
        stances.sort_by(|a, b| a.issue.cmp(&b.issue));
        doc.statements.push(StatementRecord {
            key: keys.claim(&format!("statement-{n}")),
            kind: s.kind,
            text: s.text.clone(),
            speaker: entity_keys.get(&s.speaker_id).cloned().unwrap_or_default(),
            speaker_role: key_of(&role_keys, s.speaker_role_id),
            said_on: date(s.said_on, s.said_on_precision),
            place: key_of(&entity_keys, s.place_id),
            audience: s.audience.clone(),
            audience_entity: key_of(&entity_keys, s.audience_id),
            about: stances,
            mentions: mentions.get(&s.id).cloned().unwrap_or_default(),
            evidence: evidence!(s),
            more_evidence: later!(Fact::Statement(s.id)),
        });
    }

    let measure_issues = grouped(
        financial_measure_issue::Entity::find().all(db).await?,
        |l| (l.financial_measure_id, l.issue_id),
        &issue_keys,
    );
    for (n, m) in numbered::<financial_measure::Entity>(db, financial_measure::Column::Id).await? {
        let secured =
            (m.secured_against_entity_id.is_some() || m.secured_against_issue_id.is_some()).then(|| {
                SecuredAgainstRecord {
                    entity: key_of(&entity_keys, m.secured_against_entity_id),
                    issue: key_of(&issue_keys, m.secured_against_issue_id),
                    qualifier: m.secured_against_qualifier.clone(),
                }
            });
        doc.financial_measures.push(FinancialMeasureRecord {
            key: keys.claim(&format!("financial-measure-{n}")),
            kind: m.kind,
            label: m.label.clone(),
            amount: m.amount.clone(),
            currency: m.currency.clone(),
            amount_qualifier: m.amount_qualifier,
            status: m.status,
            term: m.term.clone(),
            share: m
                .share_numerator
                .zip(m.share_denominator)
                .map(|(n, d)| ShareRecord {
                    numerator: i64::from(n),
                    denominator: i64::from(d),
                    of: m.share_of.clone(),
                }),
            provider: key_of(&entity_keys, m.provider_id),
            recipient: key_of(&entity_keys, m.recipient_id),
            secured_against: secured,
            issues: measure_issues.get(&m.id).cloned().unwrap_or_default(),
            announced_on: date(m.announced_on, m.announced_on_precision),
            evidence: evidence!(m),
            more_evidence: later!(Fact::FinancialMeasure(m.id)),
        });
    }

    let event_places = grouped(
        event_place::Entity::find().all(db).await?,
        |l| (l.event_id, l.place_id),
        &entity_keys,
    );
    let mut participants: HashMap<i64, Vec<ParticipantRecord>> = HashMap::new();
    for p in event_participant::Entity::find().all(db).await? {
        participants
            .entry(p.event_id)
            .or_default()
            .push(ParticipantRecord {
                entity: entity_keys.get(&p.entity_id).cloned().unwrap_or_default(),
                role: p.role,
            });
    }
    let mut quantities: HashMap<i64, Vec<QuantityRecord>> = HashMap::new();
    for q in event_quantity::Entity::find().all(db).await? {
        quantities.entry(q.event_id).or_default().push(QuantityRecord {
            measure: q.measure.clone(),
            value: q.value,
            qualifier: q.qualifier,
            evidence: evidence!(q),
            more_evidence: later!(Fact::EventQuantity(q.id)),
        });
    }
    for (n, e) in numbered::<event::Entity>(db, event::Column::Id).await? {
        let mut parts = participants.remove(&e.id).unwrap_or_default();
        parts.sort_by(|a, b| (&a.entity, &a.role).cmp(&(&b.entity, &b.role)));
        let mut counts = quantities.remove(&e.id).unwrap_or_default();
        counts.sort_by(|a, b| a.measure.cmp(&b.measure));
        doc.events.push(EventRecord {
            key: keys.claim(&format!("event-{n}")),
            kind: e.kind,
            label: e.label.clone(),
            started_on: date(e.started_on, e.started_on_precision),
            ended_on: date(e.ended_on, e.ended_on_precision),
            places: event_places.get(&e.id).cloned().unwrap_or_default(),
            participants: parts,
            quantities: counts,
            evidence: evidence!(e),
            more_evidence: later!(Fact::Event(e.id)),
        });
    }
    Ok(doc)
}

/// Writes a document as the import format's JSON.
pub fn to_json(doc: &Document) -> String {
    let mut out = serde_json::to_string_pretty(doc).unwrap_or_default();
    out.push('\n');
    out
}

fn date(d: Option<chrono::NaiveDate>, p: Option<entity::kinds::DatePrecision>) -> Option<String> {
    PartialDate::from_columns(d, p).map(PartialDate::format)
}

/// Every row of a table, in the order of its `id` column.
async fn in_id_order<E: EntityTrait>(db: &DatabaseConnection, id: E::Column) -> Result<Vec<E::Model>, DbErr> {
    E::find().order_by_asc(id).all(db).await
}

/// The rows of `E` in id order, each with its number from 1, which names
/// it in the document (`role-1`).
async fn numbered<E: EntityTrait>(
    db: &DatabaseConnection,
    id: E::Column,
) -> Result<impl Iterator<Item = (usize, E::Model)>, DbErr> {
    Ok((1..).zip(in_id_order::<E>(db, id).await?))
}

/// Groups link rows by owner (`link` gives a row's owner and target), as
/// the sorted keys of their targets.
fn grouped<M>(
    rows: Vec<M>,
    link: impl Fn(&M) -> (i64, i64),
    keys: &HashMap<i64, String>,
) -> HashMap<i64, Vec<String>> {
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for (owner, target) in rows.iter().map(link) {
        out.entry(owner)
            .or_default()
            .push(keys.get(&target).cloned().unwrap_or_default());
    }
    for list in out.values_mut() {
        list.sort();
    }
    out
}

/// Keys unique across the document.
#[derive(Default)]
struct Keys {
    taken: HashSet<String>,
    suffixes: BTreeMap<String, usize>,
}

impl Keys {
    fn claim(&mut self, wanted: &str) -> String {
        let mut key = wanted.to_owned();
        while !self.taken.insert(key.clone()) {
            let n = self.suffixes.entry(wanted.to_owned()).or_insert(1);
            *n += 1;
            key = format!("{wanted}-{n}");
        }
        key
    }
}

/// A readable key from a name: `Dnipropetrovsk Oblast` → `dnipropetrovsk-oblast`.
fn slug(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_lowercase();
    let words: Vec<&str> = ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        "entity".to_owned()
    } else {
        words.join("-")
    }
}
