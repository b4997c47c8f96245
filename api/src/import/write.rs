//! Writes a checked document inside one transaction, resolving every
//! record to the node that already exists where there is one.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;

use entity::kinds::{DatePrecision, EntityKind, StatementKind};
use entity::{
    entity_alias, event, event_participant, event_place, event_quantity, financial_measure,
    financial_measure_issue, issue, issue_alias, named_entity, organisation, person, place, relation, role,
    source, statement, statement_issue, statement_mention,
};
use sea_orm::sea_query::{ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, PrimaryKeyTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use super::format::*;
use super::validate::{
    EventValues, MeasureValues, Names, Parsed, Reports, RoleValues, SourceValues, StatementValues, Typed,
};
use super::{ImportError, Pin, Problems, RecordKind};
use crate::domain::{PartialDate, Qid, looks_like_qid};
use crate::loader::ChildTable;
use crate::names::{fold, fold_text, quote_key, sort_key};
use crate::set_evidence;
use crate::store::identity::{
    EventIdentity, EventReport, FinancialMeasureIdentity, MeasureReport, RelationIdentity, RoleIdentity,
    StatementIdentity,
};
use crate::store::reports;
use crate::store::{Evidence, Fact, SourceText, Span};

/// How many records of each kind were added, and how many matched a node
/// that was already there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    counts: Vec<(RecordKind, usize, usize)>,
    added_statements: Vec<i64>,
    keys: HashMap<String, i64>,
    reports: Vec<Report>,
}

/// A record found to be another report of a fact the graph holds (or that
/// an earlier record of the document added): its evidence was added to
/// that fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The record's key in the document.
    pub record: String,
    pub kind: RecordKind,
    /// The database key of the fact it reports.
    pub fact: i64,
}

impl Counts {
    /// The database key of the node a record of the document became, or
    /// was found to be, by the record's key (or by a QID or pin it used).
    pub fn key_of(&self, record: &str) -> Option<i64> {
        self.keys.get(record).copied()
    }

    /// Whether a record of this kind became a new node.
    pub fn added(&self, kind: RecordKind) -> bool {
        self.counts.iter().any(|(k, added, _)| *k == kind && *added > 0)
    }

    /// The keys of the statements the import added.
    pub fn added_statements(&self) -> &[i64] {
        &self.added_statements
    }

    /// The records whose evidence was added to a fact already there, in
    /// the order of the document.
    pub fn reports(&self) -> &[Report] {
        &self.reports
    }

    fn reported(&mut self, record: &str, kind: RecordKind, fact: i64) {
        self.reports.push(Report {
            record: record.to_owned(),
            kind,
            fact,
        });
    }

    /// Each kind of record, with how many were added and how many existed.
    pub fn rows(&self) -> impl Iterator<Item = (RecordKind, usize, usize)> + '_ {
        self.counts.iter().copied()
    }

    fn add(&mut self, kind: RecordKind, created: bool) {
        let row = match self.counts.iter_mut().find(|(k, _, _)| *k == kind) {
            Some(row) => row,
            None => {
                self.counts.push((kind, 0, 0));
                self.counts.last_mut().expect("just pushed")
            }
        };
        if created {
            row.1 += 1;
        } else {
            row.2 += 1;
        }
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .counts
            .iter()
            .map(|(k, new, old)| format!("{} {} new, {} already there", k.noun(), new, old))
            .collect();
        write!(f, "{}", parts.join("; "))?;
        if !self.reports.is_empty() {
            let n = self.reports.len();
            let noun = if n == 1 { "report" } else { "reports" };
            write!(f, "; {n} {noun} added to facts already there")?;
        }
        Ok(())
    }
}

fn db(err: DbErr) -> ImportError {
    ImportError::from_db(err)
}

type Result<T> = std::result::Result<T, ImportError>;

struct Writer<'a> {
    txn: &'a DatabaseTransaction,
    /// Database ids of the file's records, by key.
    ids: HashMap<String, i64>,
    /// Kinds of the entities met, by database id.
    kinds: HashMap<i64, EntityKind>,
    /// Texts of sources already in the database that evidence cites.
    stored_texts: HashMap<i64, String>,
    /// Sources this import created: no fact cites them yet.
    new_sources: HashSet<i64>,
    /// Who holds each pinned role (role id to person id).
    role_holders: HashMap<i64, i64>,
    problems: Problems,
    counts: Counts,
}

/// Writes the document; any problem found on the way aborts it.
pub async fn write(txn: &DatabaseTransaction, parsed: &Parsed<'_>, pins: &[Pin]) -> Result<Counts> {
    // Runs one phase and logs how long it took (RUST_LOG=newsgraph=debug).
    macro_rules! timed {
        ($writer:ident.$phase:ident($arg:expr)) => {{
            let started = std::time::Instant::now();
            $writer.$phase($arg).await?;
            let elapsed_ms = started.elapsed().as_millis() as u64;
            tracing::debug!(phase = stringify!($phase), elapsed_ms, "import phase done");
        }};
    }
    let mut w = Writer {
        txn,
        ids: HashMap::new(),
        kinds: HashMap::new(),
        stored_texts: HashMap::new(),
        new_sources: HashSet::new(),
        role_holders: HashMap::new(),
        problems: Problems::default(),
        counts: Counts::default(),
    };
    w.pins(pins).await?;
    timed!(w.sources(&parsed.sources));
    timed!(w.entities(parsed));
    timed!(w.issues(&parsed.issues));
    timed!(w.roles(&parsed.roles));
    timed!(w.relations(&parsed.relations));
    timed!(w.statements(&parsed.statements));
    timed!(w.financial_measures(&parsed.financial_measures));
    timed!(w.events(&parsed.events));
    if w.problems.is_empty() {
        w.counts.keys = std::mem::take(&mut w.ids);
        Ok(w.counts)
    } else {
        Err(ImportError::Invalid(w.problems))
    }
}

impl Writer<'_> {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(path, message);
    }

    // ----- references -------------------------------------------------------

    /// Looks up the nodes the caller pinned; any that is missing stops the
    /// import, and every one missing is named.
    async fn pins(&mut self, pins: &[Pin]) -> Result<()> {
        let mut missing = Problems::default();
        for pin in pins {
            let found = match pin.kind {
                RecordKind::Person | RecordKind::Organisation | RecordKind::Place => {
                    let kind = match pin.kind {
                        RecordKind::Person => EntityKind::Person,
                        RecordKind::Organisation => EntityKind::Organisation,
                        _ => EntityKind::Place,
                    };
                    let found = named_entity::Entity::find_by_id(pin.id)
                        .filter(named_entity::Column::Kind.eq(kind))
                        .one(self.txn)
                        .await
                        .map_err(db)?;
                    if found.is_some() {
                        self.kinds.insert(pin.id, kind);
                    }
                    found.is_some()
                }
                RecordKind::Source => {
                    let found = source::Entity::find_by_id(pin.id)
                        .one(self.txn)
                        .await
                        .map_err(db)?;
                    found.map(|s| self.stored_texts.insert(pin.id, s.text)).is_some()
                }
                RecordKind::Role => {
                    let found = role::Entity::find_by_id(pin.id).one(self.txn).await.map_err(db)?;
                    found
                        .map(|r| self.role_holders.insert(pin.id, r.person_id))
                        .is_some()
                }
                RecordKind::Issue => exists::<issue::Entity>(self.txn, pin.id).await?,
                RecordKind::Relation => exists::<relation::Entity>(self.txn, pin.id).await?,
                RecordKind::Statement => exists::<statement::Entity>(self.txn, pin.id).await?,
                RecordKind::FinancialMeasure => exists::<financial_measure::Entity>(self.txn, pin.id).await?,
                RecordKind::Event => exists::<event::Entity>(self.txn, pin.id).await?,
            };
            if !found {
                missing.push(
                    pin.path.clone(),
                    format!("no {} has the ID \"{}\"", pin.kind.noun(), pin.reference),
                );
            }
            self.ids.insert(pin.reference.clone(), pin.id);
        }
        if missing.is_empty() {
            Ok(())
        } else {
            Err(ImportError::NotFound(missing))
        }
    }

    /// The id of an entity named by key or QID.
    async fn entity_ref(&mut self, path: &str, key: &str) -> Result<Option<i64>> {
        if let Some(id) = self.ids.get(key) {
            return Ok(Some(*id));
        }
        if looks_like_qid(key) {
            let found = named_entity::Entity::find()
                .filter(named_entity::Column::WikidataId.eq(key))
                .one(self.txn)
                .await
                .map_err(db)?;
            if let Some(e) = found {
                self.kinds.insert(e.id, e.kind);
                self.ids.insert(key.to_owned(), e.id);
                return Ok(Some(e.id));
            }
            self.problem(
                path,
                format!("no entity with Wikidata QID {key} is in this file or the database"),
            );
        }
        Ok(None)
    }

    /// The id of an entity that must be of one of the given kinds.
    async fn entity_of(
        &mut self,
        path: &str,
        key: Option<&str>,
        kinds: &[EntityKind],
    ) -> Result<Option<i64>> {
        let Some(key) = key else { return Ok(None) };
        let Some(id) = self.entity_ref(path, key).await? else {
            return Ok(None);
        };
        match self.kinds.get(&id) {
            Some(kind) if !kinds.contains(kind) => {
                let names: Vec<&str> = kinds.iter().map(|k| kind_noun(*k)).collect();
                self.problem(
                    path,
                    format!("{key} is a {}, not a {}", kind_noun(*kind), names.join(" or ")),
                );
                Ok(None)
            }
            _ => Ok(Some(id)),
        }
    }

    async fn issue_ref(&mut self, path: &str, key: Option<&str>) -> Result<Option<i64>> {
        let Some(key) = key else { return Ok(None) };
        if let Some(id) = self.ids.get(key) {
            return Ok(Some(*id));
        }
        let found = issue::Entity::find()
            .filter(issue::Column::WikidataId.eq(key))
            .one(self.txn)
            .await
            .map_err(db)?;
        match found {
            Some(i) => {
                self.ids.insert(key.to_owned(), i.id);
                Ok(Some(i.id))
            }
            None => {
                self.problem(
                    path,
                    format!("no issue with Wikidata QID {key} is in this file or the database"),
                );
                Ok(None)
            }
        }
    }

    /// The id of the cited source, found in the file or the database.
    async fn evidence_source(&mut self, path: &str, key: &str) -> Result<Option<i64>> {
        if let Some(id) = self.ids.get(key) {
            return Ok(Some(*id));
        }
        let found = source::Entity::find()
            .filter(source::Column::Key.eq(key))
            .one(self.txn)
            .await
            .map_err(db)?;
        let Some(found) = found else {
            self.problem(
                format!("{path}.source"),
                format!("\"{key}\" is not the key of a source in this file or the database"),
            );
            return Ok(None);
        };
        self.ids.insert(key.to_owned(), found.id);
        self.stored_texts.insert(found.id, found.text);
        Ok(Some(found.id))
    }

    /// The evidence with the key of its source; checks the span against a
    /// stored source's text, or finds it there when the document gave the
    /// excerpt alone (a source of the document was read with it).
    /// `None` after a problem.
    async fn evidence(&mut self, path: &str, e: &Evidence<&str>) -> Result<Option<Evidence<i64>>> {
        let Some(source) = self.evidence_source(path, e.source).await? else {
            return Ok(None);
        };
        let mut e = e.clone();
        if let Some(text) = self.stored_texts.get(&source) {
            e.locate(e.source, &SourceText::new(text), path, &mut self.problems);
        }
        Ok(Some(e.with_source(source)))
    }

    /// The two entities a link joins and its evidence, each named by a
    /// field of the record at `path` with the kinds it allows; `None` when
    /// any is missing or the document has a problem so far.
    async fn link(
        &mut self,
        path: &str,
        ends: [(&str, &str, &[EntityKind]); 2],
        evidence: &Evidence<&str>,
    ) -> Result<Option<(i64, i64, Evidence<i64>)>> {
        let [(a_field, a, a_kinds), (b_field, b, b_kinds)] = ends;
        let a = self
            .entity_of(&format!("{path}.{a_field}"), Some(a), a_kinds)
            .await?;
        let b = self
            .entity_of(&format!("{path}.{b_field}"), Some(b), b_kinds)
            .await?;
        let evidence = self.evidence(&format!("{path}.evidence"), evidence).await?;
        Ok(match (a, b, evidence) {
            (Some(a), Some(b), Some(e)) if self.problems.is_empty() => Some((a, b, e)),
            _ => None,
        })
    }

    /// The id of a fact: the one that exists, or a new row from `row`.
    /// Counts it, keeps its id under the record's key, and keeps the
    /// record's evidence as reports of it: its first report, when the fact
    /// was there already, and its later ones.
    async fn fact<A>(
        &mut self,
        kind: RecordKind,
        key: &str,
        existing: Option<i64>,
        cites: Cites<'_, '_>,
        row: impl FnOnce() -> A,
    ) -> Result<i64>
    where
        A: ActiveModelTrait + Send,
        <<A::Entity as EntityTrait>::PrimaryKey as PrimaryKeyTrait>::ValueType: Into<i64>,
    {
        let id = match existing {
            Some(id) => id,
            None => <A::Entity as EntityTrait>::insert(row())
                .exec(self.txn)
                .await
                .map_err(db)?
                .last_insert_id
                .into(),
        };
        self.counts.add(kind, existing.is_none());
        self.ids.insert(key.to_owned(), id);
        let fact = (cites.fact)(id);
        if existing.is_some() {
            self.report(key, kind, fact, cites.evidence).await?;
        }
        self.more(cites.path, fact, cites.more).await?;
        Ok(id)
    }

    /// The fact recorded from the same span, as `find` looks for it; only
    /// a source that was in the database before this import can hold one.
    async fn on_span(
        &self,
        source: i64,
        find: impl std::future::Future<Output = std::result::Result<Option<i64>, DbErr>>,
    ) -> Result<Option<i64>> {
        if self.new_sources.contains(&source) {
            return Ok(None);
        }
        find.await.map_err(db)
    }

    /// Keeps the later reports a record gives (`moreEvidence`, at `path`)
    /// with its fact.
    async fn more(&mut self, path: &str, fact: Fact, more: &[Evidence<&str>]) -> Result<()> {
        for (j, e) in more.iter().enumerate() {
            if let Some(evidence) = self.evidence(&format!("{path}.moreEvidence[{j}]"), e).await? {
                reports::add_report(self.txn, fact, &evidence).await.map_err(db)?;
            }
        }
        Ok(())
    }

    /// Keeps `evidence` as another report of `fact`, which the record
    /// `key` was found to be, unless the fact has it already.
    async fn report(
        &mut self,
        key: &str,
        kind: RecordKind,
        fact: Fact,
        evidence: &Evidence<i64>,
    ) -> Result<()> {
        if reports::add_report(self.txn, fact, evidence).await.map_err(db)? {
            self.counts.reported(key, kind, fact.id());
        }
        Ok(())
    }

    // ----- sources ----------------------------------------------------------

    async fn sources(&mut self, sources: &[Typed<'_, SourceRecord, SourceValues>]) -> Result<()> {
        for (path, s, values) in sources.iter().map(Typed::parts) {
            let existing = source::Entity::find()
                .filter(source::Column::Key.eq(&s.key))
                .one(self.txn)
                .await
                .map_err(db)?;
            let id = match existing {
                Some(row) if row.text == s.text => {
                    self.counts.add(RecordKind::Source, false);
                    row.id
                }
                Some(_) => {
                    self.problem(
                        format!("{path}.text"),
                        format!("source \"{}\" is already in the database with another text; a source's text cannot change once facts cite it", s.key),
                    );
                    continue;
                }
                None => {
                    let (published_on, published_on_precision) = PartialDate::columns(values.published_on);
                    let model = source::ActiveModel {
                        key: Set(s.key.clone()),
                        url: Set(s.url.clone()),
                        title: Set(s.title.clone()),
                        folded_title: Set(Some(fold_text(&s.title))),
                        publisher: Set(s.publisher.clone()),
                        published_on: Set(published_on),
                        published_on_precision: Set(published_on_precision),
                        language: Set(values.language.as_ref().map(|l| l.as_str().to_owned())),
                        text: Set(s.text.clone()),
                        folded_text: Set(Some(fold_text(&s.text))),
                        ..Default::default()
                    };
                    // Only the key comes back, not the whole text.
                    let id = source::Entity::insert(model)
                        .exec(self.txn)
                        .await
                        .map_err(db)?
                        .last_insert_id;
                    self.counts.add(RecordKind::Source, true);
                    self.new_sources.insert(id);
                    id
                }
            };
            self.ids.insert(s.key.clone(), id);
        }
        Ok(())
    }

    // ----- entities ---------------------------------------------------------

    async fn entities(&mut self, parsed: &Parsed<'_>) -> Result<()> {
        for (path, r, names) in parsed.places.iter().map(Typed::parts) {
            if let Some((id, created)) = self.resolve_entity(path, EntityKind::Place, names).await? {
                if created {
                    place::ActiveModel {
                        id: Set(id),
                        entity_kind: Set(EntityKind::Place),
                        kind: Set(r.kind),
                        parent_id: Set(None),
                        latitude: Set(r.latitude),
                        longitude: Set(r.longitude),
                    }
                    .insert(self.txn)
                    .await
                    .map_err(db)?;
                }
                self.ids.insert(r.key.clone(), id);
            }
        }
        // Parents once every place has an id, so a file may list them in any order.
        for (path, r, _) in parsed.places.iter().map(Typed::parts) {
            let (Some(id), Some(parent_key)) = (self.ids.get(&r.key).copied(), r.parent.as_deref()) else {
                continue;
            };
            let path = format!("{path}.parent");
            if let Some(parent) = self
                .entity_of(&path, Some(parent_key), &[EntityKind::Place])
                .await?
            {
                self.fill_place_parent(&path, id, parent).await?;
            }
        }
        for (path, r, names) in parsed.organisations.iter().map(Typed::parts) {
            let country = self
                .entity_of(
                    &format!("{path}.country"),
                    r.country.as_deref(),
                    &[EntityKind::Place],
                )
                .await?;
            if let Some((id, created)) = self.resolve_entity(path, EntityKind::Organisation, names).await? {
                if created {
                    organisation::ActiveModel {
                        id: Set(id),
                        entity_kind: Set(EntityKind::Organisation),
                        kind: Set(r.kind),
                        country_id: Set(country),
                    }
                    .insert(self.txn)
                    .await
                    .map_err(db)?;
                } else if let Some(country) = country {
                    organisation::Entity::update_many()
                        .col_expr(organisation::Column::CountryId, country.into())
                        .filter(organisation::Column::Id.eq(id))
                        .filter(organisation::Column::CountryId.is_null())
                        .exec(self.txn)
                        .await
                        .map_err(db)?;
                }
                self.ids.insert(r.key.clone(), id);
            }
        }
        for (path, r, names) in parsed.people.iter().map(Typed::parts) {
            if let Some((id, created)) = self.resolve_entity(path, EntityKind::Person, names).await? {
                if created {
                    person::ActiveModel {
                        id: Set(id),
                        entity_kind: Set(EntityKind::Person),
                    }
                    .insert(self.txn)
                    .await
                    .map_err(db)?;
                }
                self.ids.insert(r.key.clone(), id);
            }
        }
        Ok(())
    }

    /// Sets a place's parent where it has none; refuses a cycle.
    async fn fill_place_parent(&mut self, path: &str, id: i64, parent: i64) -> Result<()> {
        // Walk up from the parent: meeting `id` would close a loop.
        let mut cursor = Some(parent);
        let mut steps = 0;
        while let Some(at) = cursor {
            if at == id || steps > 64 {
                self.problem(path, "the parent chain of this place loops back to it");
                return Ok(());
            }
            cursor = place::Entity::find_by_id(at)
                .one(self.txn)
                .await
                .map_err(db)?
                .and_then(|p| p.parent_id);
            steps += 1;
        }
        place::Entity::update_many()
            .col_expr(place::Column::ParentId, parent.into())
            .filter(place::Column::Id.eq(id))
            .filter(place::Column::ParentId.is_null())
            .exec(self.txn)
            .await
            .map_err(db)?;
        Ok(())
    }

    /// Finds the entity a record names, or creates its `entity` row.
    /// Returns its id and whether it was created; `None` after a problem.
    async fn resolve_entity(
        &mut self,
        path: &str,
        kind: EntityKind,
        names: &Names<'_>,
    ) -> Result<Option<(i64, bool)>> {
        let found = match self.match_entity(path, kind, names).await? {
            Match::Problem => return Ok(None),
            Match::Found(e) => Some(e),
            Match::None => None,
        };
        let record = match found {
            Some(e) => {
                if e.wikidata_id.is_none() && names.qid().is_some() {
                    named_entity::Entity::update_many()
                        .col_expr(
                            named_entity::Column::WikidataId,
                            names.qid().map(str::to_owned).into(),
                        )
                        .filter(named_entity::Column::Id.eq(e.id))
                        .exec(self.txn)
                        .await
                        .map_err(db)?;
                }
                self.counts.add(RecordKind::from(kind), false);
                (e, false)
            }
            None => {
                let e = named_entity::ActiveModel {
                    kind: Set(kind),
                    name: Set(names.name.to_owned()),
                    normalized_name: Set(fold(names.name)),
                    sort_name: Set(sort_key(names.name)),
                    description: Set(names.description.map(str::to_owned)),
                    wikidata_id: Set(names.qid().map(str::to_owned)),
                    ..Default::default()
                }
                .insert(self.txn)
                .await
                .map_err(db)?;
                self.counts.add(RecordKind::from(kind), true);
                (e, true)
            }
        };
        let (entity, created) = record;
        self.kinds.insert(entity.id, kind);
        add_aliases::<entity_alias::Entity>(self.txn, entity.id, &entity.name, names).await?;
        Ok(Some((entity.id, created)))
    }

    async fn match_entity(
        &mut self,
        path: &str,
        kind: EntityKind,
        names: &Names<'_>,
    ) -> Result<Match<named_entity::Model>> {
        if let Some(qid) = names.qid() {
            let by_qid = named_entity::Entity::find()
                .filter(named_entity::Column::WikidataId.eq(qid))
                .one(self.txn)
                .await
                .map_err(db)?;
            if let Some(e) = by_qid {
                if e.kind != kind {
                    self.problem(
                        format!("{path}.wikidataId"),
                        format!("{qid} is already a {} in the database", kind_noun(e.kind)),
                    );
                    return Ok(Match::Problem);
                }
                return Ok(Match::Found(e));
            }
        }
        let keys = names.folded();
        let via_alias: Vec<i64> = entity_alias::Entity::find()
            .filter(entity_alias::Column::NormalizedName.is_in(keys.clone()))
            .all(self.txn)
            .await
            .map_err(db)?
            .into_iter()
            .map(|a| a.entity_id)
            .collect();
        let candidates = named_entity::Entity::find()
            .filter(named_entity::Column::Kind.eq(kind))
            .filter(
                named_entity::Column::NormalizedName
                    .is_in(keys)
                    .or(named_entity::Column::Id.is_in(via_alias)),
            )
            .order_by_asc(named_entity::Column::Id)
            .all(self.txn)
            .await
            .map_err(db)?;
        // A name match whose QID differs from the record's is another entity.
        let candidates: Vec<_> = candidates
            .into_iter()
            .filter(|c| {
                names.qid().is_none() || c.wikidata_id.is_none() || c.wikidata_id.as_deref() == names.qid()
            })
            .collect();
        match candidates.len() {
            0 => Ok(Match::None),
            1 => Ok(Match::Found(
                candidates.into_iter().next().expect("one candidate"),
            )),
            _ => {
                let list: Vec<String> = candidates
                    .iter()
                    .map(|c| format!("\"{}\" (id {})", c.name, c.id))
                    .collect();
                self.problem(
                    format!("{path}.name"),
                    format!(
                        "the name matches several {}s ({}); give a wikidataId to say which",
                        kind_noun(kind),
                        list.join(", ")
                    ),
                );
                Ok(Match::Problem)
            }
        }
    }

    // ----- issues -----------------------------------------------------------

    async fn issues(&mut self, issues: &[Typed<'_, IssueRecord, Names<'_>>]) -> Result<()> {
        for (path, r, names) in issues.iter().map(Typed::parts) {
            if let Some(id) = self.resolve_issue(path, names).await? {
                self.ids.insert(r.key.clone(), id);
            }
        }
        for (path, r, _) in issues.iter().map(Typed::parts) {
            let (Some(id), Some(parent_key)) = (self.ids.get(&r.key).copied(), r.parent.as_deref()) else {
                continue;
            };
            let path = format!("{path}.parent");
            let Some(parent) = self.issue_ref(&path, Some(parent_key)).await? else {
                continue;
            };
            let mut cursor = Some(parent);
            let mut looped = false;
            while let Some(at) = cursor {
                if at == id {
                    looped = true;
                    break;
                }
                cursor = issue::Entity::find_by_id(at)
                    .one(self.txn)
                    .await
                    .map_err(db)?
                    .and_then(|p| p.parent_id);
            }
            if looped {
                self.problem(path, "the parent chain of this issue loops back to it");
                continue;
            }
            issue::Entity::update_many()
                .col_expr(issue::Column::ParentId, parent.into())
                .filter(issue::Column::Id.eq(id))
                .filter(issue::Column::ParentId.is_null())
                .exec(self.txn)
                .await
                .map_err(db)?;
        }
        Ok(())
    }

    async fn resolve_issue(&mut self, path: &str, names: &Names<'_>) -> Result<Option<i64>> {
        let mut found = None;
        if let Some(qid) = names.qid() {
            found = issue::Entity::find()
                .filter(issue::Column::WikidataId.eq(qid))
                .one(self.txn)
                .await
                .map_err(db)?;
        }
        if found.is_none() {
            let keys = names.folded();
            let via_alias: Vec<i64> = issue_alias::Entity::find()
                .filter(issue_alias::Column::NormalizedName.is_in(keys.clone()))
                .all(self.txn)
                .await
                .map_err(db)?
                .into_iter()
                .map(|a| a.issue_id)
                .collect();
            let candidates: Vec<_> = issue::Entity::find()
                .filter(
                    issue::Column::NormalizedName
                        .is_in(keys)
                        .or(issue::Column::Id.is_in(via_alias)),
                )
                .order_by_asc(issue::Column::Id)
                .all(self.txn)
                .await
                .map_err(db)?
                .into_iter()
                .filter(|c| {
                    names.qid().is_none()
                        || c.wikidata_id.is_none()
                        || c.wikidata_id.as_deref() == names.qid()
                })
                .collect();
            if candidates.len() > 1 {
                let list: Vec<String> = candidates
                    .iter()
                    .map(|c| format!("\"{}\" (id {})", c.name, c.id))
                    .collect();
                self.problem(
                    format!("{path}.name"),
                    format!(
                        "the name matches several issues ({}); give a wikidataId to say which",
                        list.join(", ")
                    ),
                );
                return Ok(None);
            }
            found = candidates.into_iter().next();
        }
        let (row, created) = match found {
            Some(row) => {
                if row.wikidata_id.is_none() && names.qid().is_some() {
                    issue::Entity::update_many()
                        .col_expr(issue::Column::WikidataId, names.qid().map(str::to_owned).into())
                        .filter(issue::Column::Id.eq(row.id))
                        .exec(self.txn)
                        .await
                        .map_err(db)?;
                }
                (row, false)
            }
            None => {
                let row = issue::ActiveModel {
                    name: Set(names.name.to_owned()),
                    normalized_name: Set(fold(names.name)),
                    sort_name: Set(sort_key(names.name)),
                    description: Set(names.description.map(str::to_owned)),
                    wikidata_id: Set(names.qid().map(str::to_owned)),
                    ..Default::default()
                }
                .insert(self.txn)
                .await
                .map_err(db)?;
                (row, true)
            }
        };
        self.counts.add(RecordKind::Issue, created);
        add_aliases::<issue_alias::Entity>(self.txn, row.id, &row.name, names).await?;
        Ok(Some(row.id))
    }

    // ----- facts ------------------------------------------------------------

    async fn roles(&mut self, roles: &[Typed<'_, RoleRecord, RoleValues<'_>>]) -> Result<()> {
        for (path, r, values) in roles.iter().map(Typed::parts) {
            let ends = [
                ("person", r.person.as_str(), &[EntityKind::Person][..]),
                ("organisation", &r.organisation, &[EntityKind::Organisation]),
            ];
            let link = self.link(path, ends, &values.evidence.first).await?;
            let Some((person, organisation, evidence)) = link else {
                continue;
            };
            let existing = RoleIdentity {
                person,
                organisation,
                title: r.title.clone(),
            }
            .find(self.txn, None)
            .await
            .map_err(db)?;
            let cites = Cites {
                path,
                fact: Fact::Role,
                evidence: &evidence,
                more: &values.evidence.more,
            };
            self.fact(RecordKind::Role, &r.key, existing, cites, || {
                let (since, since_precision) = PartialDate::columns(values.since);
                let (until, until_precision) = PartialDate::columns(values.until);
                let mut m = role::ActiveModel {
                    person_id: Set(person),
                    organisation_id: Set(organisation),
                    title: Set(r.title.clone()),
                    folded_title: Set(Some(fold_text(&r.title))),
                    since: Set(since),
                    since_precision: Set(since_precision),
                    until: Set(until),
                    until_precision: Set(until_precision),
                    ..Default::default()
                };
                set_evidence!(m, evidence.source, &evidence);
                m
            })
            .await?;
        }
        Ok(())
    }

    async fn relations(&mut self, relations: &[Typed<'_, RelationRecord, Reports<'_>>]) -> Result<()> {
        for (path, r, values) in relations.iter().map(Typed::parts) {
            let ends = [
                ("person", r.person.as_str(), &[EntityKind::Person][..]),
                ("relatedPerson", &r.related_person, &[EntityKind::Person]),
            ];
            let link = self.link(path, ends, &values.first).await?;
            let Some((person, related, evidence)) = link else {
                continue;
            };
            let existing = RelationIdentity {
                person,
                related_person: related,
                kind: r.kind.clone(),
            }
            .find(self.txn, None)
            .await
            .map_err(db)?;
            let cites = Cites {
                path,
                fact: Fact::Relation,
                evidence: &evidence,
                more: &values.more,
            };
            self.fact(RecordKind::Relation, &r.key, existing, cites, || {
                let mut m = relation::ActiveModel {
                    person_id: Set(person),
                    related_person_id: Set(related),
                    kind: Set(r.kind.clone()),
                    folded_kind: Set(Some(fold_text(&r.kind))),
                    ..Default::default()
                };
                set_evidence!(m, evidence.source, &evidence);
                m
            })
            .await?;
        }
        Ok(())
    }

    /// Statements come in the largest numbers, so they are written in
    /// batches: references resolved first, then one multi-row insert per
    /// batch of new statements and of links.
    async fn statements(
        &mut self,
        statements: &[Typed<'_, StatementRecord, StatementValues<'_>>],
    ) -> Result<()> {
        let mut pending = Vec::with_capacity(statements.len());
        for (path, r, values) in statements.iter().map(Typed::parts) {
            let speaker_kinds = [EntityKind::Person, EntityKind::Organisation];
            let speaker = self
                .entity_of(&format!("{path}.speaker"), Some(&r.speaker), &speaker_kinds)
                .await?;
            let place = self
                .entity_of(&format!("{path}.place"), r.place.as_deref(), &[EntityKind::Place])
                .await?;
            let audience = self
                .entity_of(
                    &format!("{path}.audienceEntity"),
                    r.audience_entity.as_deref(),
                    ALL_ENTITIES,
                )
                .await?;
            let evidence = self
                .evidence(&format!("{path}.evidence"), &values.evidence.first)
                .await?;
            let mut about = Vec::new();
            for (j, a) in r.about.iter().enumerate() {
                if let Some(issue) = self
                    .issue_ref(&format!("{path}.about[{j}].issue"), Some(&a.issue))
                    .await?
                {
                    about.push((issue, a.stance));
                }
            }
            let mut mentions = BTreeSet::new();
            for (j, m) in r.mentions.iter().enumerate() {
                if let Some(id) = self
                    .entity_of(&format!("{path}.mentions[{j}]"), Some(m), ALL_ENTITIES)
                    .await?
                {
                    mentions.insert(id);
                }
            }
            if let (Some(speaker), Some(role)) = (speaker, r.speaker_role.as_deref())
                && let Some(holder) = self.ids.get(role).and_then(|id| self.role_holders.get(id))
                && *holder != speaker
            {
                self.problem(
                    format!("{path}.speakerRole"),
                    "the role is held by someone other than the speaker",
                );
            }
            if let (Some(speaker), Some(evidence)) = (speaker, evidence) {
                let speaker_kind = self.kinds.get(&speaker).copied().unwrap_or(EntityKind::Person);
                pending.push(PendingStatement {
                    path,
                    more: &values.evidence.more,
                    record: r,
                    said_on: values.said_on,
                    speaker,
                    speaker_kind,
                    place,
                    audience,
                    evidence,
                    about,
                    mentions,
                });
            }
        }
        if !self.problems.is_empty() {
            return Ok(());
        }

        // Which statements exist already: the same words of the same
        // speaker, from any source. Each record becomes a stored statement,
        // a statement it adds, or one an earlier record of it adds.
        let keys: BTreeSet<String> = pending.iter().map(|p| p.identity().key()).collect();
        let keys: Vec<String> = keys.into_iter().collect();
        // By speaker, kind and words; each with its date, whose statement
        // it is, and its first report.
        type Known = Vec<(StatementIdentity, Target, (i64, Span))>;
        let mut known: HashMap<(i64, StatementKind, String), Known> = HashMap::new();
        for s in StatementIdentity::stored(self.txn, &keys, None)
            .await
            .map_err(db)?
        {
            let entry = (s.identity, Target::Stored(s.id), (s.source, s.span));
            known.entry(entry.0.words()).or_default().push(entry);
        }
        let mut targets = Vec::with_capacity(pending.len());
        let mut new_rows = Vec::new();
        for p in &pending {
            let identity = p.identity();
            let same = known.entry(identity.words()).or_default();
            let (target, created) = match same.iter().find(|(k, _, _)| k.same_time(&identity)) {
                Some((_, target, _)) => (*target, false),
                None => {
                    let target = Target::New(new_rows.len());
                    new_rows.push(p.active_model(&self.ids));
                    let first = (p.evidence.source, p.evidence.span);
                    same.push((identity, target, first));
                    (target, true)
                }
            };
            self.counts.add(RecordKind::Statement, created);
            targets.push(target);
        }
        let mut added = Vec::with_capacity(new_rows.len());
        for chunk in new_rows.chunks(BATCH) {
            // RETURNING gives the keys in the order of the VALUES rows on
            // both databases; reading back whole rows costs far more.
            let keys = statement::Entity::insert_many(chunk.to_vec())
                .exec_with_returning_keys(self.txn)
                .await
                .map_err(db)?;
            if keys.len() != chunk.len() {
                return Err(ImportError::Database(format!(
                    "{} statements inserted but {} keys returned",
                    chunk.len(),
                    keys.len()
                )));
            }
            added.extend(keys);
        }
        self.counts.added_statements.extend(&added);
        let id_of = |target: Target| match target {
            Target::Stored(id) => id,
            Target::New(i) => added[i],
        };
        let firsts: HashMap<i64, (i64, Span)> = known
            .values()
            .flatten()
            .map(|(_, t, first)| (id_of(*t), *first))
            .collect();
        let ids: Vec<i64> = targets.iter().map(|t| id_of(*t)).collect();

        // Every report beside a statement's first is kept with it.
        let mut later = Vec::new();
        for (p, &id) in pending.iter().zip(&ids) {
            if firsts.get(&id) != Some(&(p.evidence.source, p.evidence.span)) {
                later.push(reports::report(Fact::Statement(id), &p.evidence));
                self.counts.reported(&p.record.key, RecordKind::Statement, id);
            }
        }
        insert_all_missing(self.txn, later, &Fact::Statement(0).report_key()).await?;
        for (p, &id) in pending.iter().zip(&ids) {
            self.more(p.path, Fact::Statement(id), p.more).await?;
        }

        let mut about_links = Vec::new();
        let mut mention_links = Vec::new();
        for (p, &id) in pending.iter().zip(&ids) {
            for (issue, stance) in &p.about {
                about_links.push(statement_issue::ActiveModel {
                    statement_id: Set(id),
                    issue_id: Set(*issue),
                    stance: Set(*stance),
                });
            }
            for entity in &p.mentions {
                mention_links.push(statement_mention::ActiveModel {
                    statement_id: Set(id),
                    entity_id: Set(*entity),
                });
            }
            self.ids.insert(p.record.key.clone(), id);
        }
        insert_all_missing(
            self.txn,
            about_links,
            &[
                statement_issue::Column::StatementId,
                statement_issue::Column::IssueId,
            ],
        )
        .await?;
        insert_all_missing(
            self.txn,
            mention_links,
            &[
                statement_mention::Column::StatementId,
                statement_mention::Column::EntityId,
            ],
        )
        .await
    }

    async fn financial_measures(
        &mut self,
        measures: &[Typed<'_, FinancialMeasureRecord, MeasureValues<'_>>],
    ) -> Result<()> {
        for (path, r, values) in measures.iter().map(Typed::parts) {
            let provider = self
                .entity_of(&format!("{path}.provider"), r.provider.as_deref(), ALL_ENTITIES)
                .await?;
            let recipient = self
                .entity_of(&format!("{path}.recipient"), r.recipient.as_deref(), ALL_ENTITIES)
                .await?;
            let secured = r.secured_against.as_ref();
            let secured_entity = self
                .entity_of(
                    &format!("{path}.securedAgainst.entity"),
                    secured.and_then(|s| s.entity.as_deref()),
                    ALL_ENTITIES,
                )
                .await?;
            let secured_issue = self
                .issue_ref(
                    &format!("{path}.securedAgainst.issue"),
                    secured.and_then(|s| s.issue.as_deref()),
                )
                .await?;
            let mut issues = BTreeSet::new();
            for (j, key) in r.issues.iter().enumerate() {
                if let Some(id) = self.issue_ref(&format!("{path}.issues[{j}]"), Some(key)).await? {
                    issues.insert(id);
                }
            }
            let evidence = self
                .evidence(&format!("{path}.evidence"), &values.evidence.first)
                .await?;
            let Some(evidence) = evidence.filter(|_| self.problems.is_empty()) else {
                continue;
            };
            let same_span = FinancialMeasureIdentity {
                source: evidence.source,
                span: evidence.span,
                kind: r.kind,
                label: r.label.clone(),
            };
            let same_span = self
                .on_span(evidence.source, same_span.find(self.txn, None))
                .await?;
            let existing = match same_span {
                Some(id) => Some(id),
                None => MeasureReport {
                    provider,
                    recipient,
                    money: values
                        .money
                        .as_ref()
                        .map(|(a, c)| (a.canonical(), c.as_str().to_owned())),
                    label: r.label.clone(),
                    announced_on: values.announced_on,
                }
                .find(self.txn, None)
                .await
                .map_err(db)?,
            };
            let cites = Cites {
                path,
                fact: Fact::FinancialMeasure,
                evidence: &evidence,
                more: &values.evidence.more,
            };
            let id = self
                .fact(RecordKind::FinancialMeasure, &r.key, existing, cites, || {
                    let (announced_on, announced_on_precision) = PartialDate::columns(values.announced_on);
                    let (amount, currency) = values.money.as_ref().map_or((None, None), |(a, c)| {
                        (Some(a.canonical()), Some(c.as_str().to_owned()))
                    });
                    let mut m = financial_measure::ActiveModel {
                        kind: Set(r.kind),
                        label: Set(r.label.clone()),
                        folded_label: Set(Some(fold_text(&r.label))),
                        amount: Set(amount),
                        currency: Set(currency),
                        amount_qualifier: Set(r.amount_qualifier),
                        status: Set(r.status),
                        term: Set(values.term.as_ref().map(|t| t.as_str().to_owned())),
                        share_numerator: Set(values.share.map(|(numerator, _)| numerator)),
                        share_denominator: Set(values.share.map(|(_, denominator)| denominator)),
                        share_of: Set(r.share.as_ref().and_then(|s| s.of.clone())),
                        provider_id: Set(provider),
                        recipient_id: Set(recipient),
                        secured_against_entity_id: Set(secured_entity),
                        secured_against_issue_id: Set(secured_issue),
                        secured_against_qualifier: Set(secured.and_then(|s| s.qualifier.clone())),
                        announced_on: Set(announced_on),
                        announced_on_precision: Set(announced_on_precision),
                        ..Default::default()
                    };
                    set_evidence!(m, evidence.source, &evidence);
                    m
                })
                .await?;
            for issue in issues {
                let link = financial_measure_issue::ActiveModel {
                    financial_measure_id: Set(id),
                    issue_id: Set(issue),
                };
                insert_if_missing(
                    self.txn,
                    link,
                    &[
                        financial_measure_issue::Column::FinancialMeasureId,
                        financial_measure_issue::Column::IssueId,
                    ],
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn events(&mut self, events: &[Typed<'_, EventRecord, EventValues<'_>>]) -> Result<()> {
        for (path, r, values) in events.iter().map(Typed::parts) {
            let mut places = BTreeSet::new();
            for (j, key) in r.places.iter().enumerate() {
                if let Some(id) = self
                    .entity_of(&format!("{path}.places[{j}]"), Some(key), &[EntityKind::Place])
                    .await?
                {
                    places.insert(id);
                }
            }
            let mut participants = Vec::new();
            for (j, p) in r.participants.iter().enumerate() {
                if let Some(id) = self
                    .entity_of(
                        &format!("{path}.participants[{j}].entity"),
                        Some(&p.entity),
                        ALL_ENTITIES,
                    )
                    .await?
                {
                    participants.push((id, p.role.clone()));
                }
            }
            let evidence = self
                .evidence(&format!("{path}.evidence"), &values.evidence.first)
                .await?;
            let mut quantity_evidence = Vec::new();
            for (j, e) in values.quantities.iter().enumerate() {
                let evidence = self
                    .evidence(&format!("{path}.quantities[{j}].evidence"), &e.first)
                    .await?;
                quantity_evidence.push((e, evidence));
            }
            let Some(evidence) = evidence.filter(|_| self.problems.is_empty()) else {
                continue;
            };
            let same_span = EventIdentity {
                source: evidence.source,
                span: evidence.span,
                kind: r.kind,
                label: r.label.clone(),
            };
            let same_span = self
                .on_span(evidence.source, same_span.find(self.txn, None))
                .await?;
            let existing = match (same_span, values.started_on) {
                (Some(id), _) => Some(id),
                (None, Some(day)) if day.precision == DatePrecision::Day => EventReport {
                    day: day.date,
                    places: places.clone(),
                    participants: participants.iter().map(|(id, _)| *id).collect(),
                }
                .find(self.txn, None)
                .await
                .map_err(db)?,
                (None, _) => None,
            };
            let cites = Cites {
                path,
                fact: Fact::Event,
                evidence: &evidence,
                more: &values.evidence.more,
            };
            let id = self
                .fact(RecordKind::Event, &r.key, existing, cites, || {
                    let (started_on, started_on_precision) = PartialDate::columns(values.started_on);
                    let (ended_on, ended_on_precision) = PartialDate::columns(values.ended_on);
                    let mut m = event::ActiveModel {
                        kind: Set(r.kind),
                        label: Set(r.label.clone()),
                        folded_label: Set(Some(fold_text(&r.label))),
                        started_on: Set(started_on),
                        started_on_precision: Set(started_on_precision),
                        ended_on: Set(ended_on),
                        ended_on_precision: Set(ended_on_precision),
                        ..Default::default()
                    };
                    set_evidence!(m, evidence.source, &evidence);
                    m
                })
                .await?;
            for place in places {
                let link = event_place::ActiveModel {
                    event_id: Set(id),
                    place_id: Set(place),
                };
                insert_if_missing(
                    self.txn,
                    link,
                    &[event_place::Column::EventId, event_place::Column::PlaceId],
                )
                .await?;
            }
            for (entity, role) in participants {
                let link = event_participant::ActiveModel {
                    event_id: Set(id),
                    entity_id: Set(entity),
                    role: Set(role),
                    ..Default::default()
                };
                insert_if_missing(
                    self.txn,
                    link,
                    &[
                        event_participant::Column::EventId,
                        event_participant::Column::EntityId,
                        event_participant::Column::Role,
                    ],
                )
                .await?;
            }
            for ((j, q), (reported, evidence)) in r.quantities.iter().enumerate().zip(quantity_evidence) {
                let Some(evidence) = evidence else { continue };
                let mut m = event_quantity::ActiveModel {
                    event_id: Set(id),
                    measure: Set(q.measure.clone()),
                    value: Set(q.value),
                    qualifier: Set(q.qualifier),
                    ..Default::default()
                };
                set_evidence!(m, evidence.source, &evidence);
                insert_if_missing(
                    self.txn,
                    m,
                    &[event_quantity::Column::EventId, event_quantity::Column::Measure],
                )
                .await?;
                // The count as it is now: this one, or one the event had.
                let quantity: Option<i64> = event_quantity::Entity::find()
                    .select_only()
                    .column(event_quantity::Column::Id)
                    .filter(event_quantity::Column::EventId.eq(id))
                    .filter(event_quantity::Column::Measure.eq(q.measure.as_str()))
                    .into_tuple()
                    .one(self.txn)
                    .await
                    .map_err(db)?;
                let Some(quantity) = quantity.map(Fact::EventQuantity) else {
                    continue;
                };
                reports::add_report(self.txn, quantity, &evidence)
                    .await
                    .map_err(db)?;
                self.more(&format!("{path}.quantities[{j}]"), quantity, &reported.more)
                    .await?;
            }
        }
        Ok(())
    }
}

/// Whether a row with this primary key exists.
async fn exists<E>(txn: &DatabaseTransaction, id: i64) -> Result<bool>
where
    E: EntityTrait,
    <E::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<i64>,
{
    Ok(E::find_by_id(id).one(txn).await.map_err(db)?.is_some())
}

const ALL_ENTITIES: &[EntityKind] = &[EntityKind::Person, EntityKind::Organisation, EntityKind::Place];

/// The noun of an entity's kind, for messages.
fn kind_noun(kind: EntityKind) -> &'static str {
    RecordKind::from(kind).noun()
}

impl Names<'_> {
    /// Every spelling: the name, then the aliases.
    fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name).chain(self.aliases.iter().map(String::as_str))
    }

    /// The folded forms of every spelling, without repeats.
    fn folded(&self) -> Vec<String> {
        let set: BTreeSet<String> = self.spellings().map(fold).filter(|f| !f.is_empty()).collect();
        set.into_iter().collect()
    }

    /// The QID, as the database keeps it.
    fn qid(&self) -> Option<&str> {
        self.qid.as_ref().map(Qid::as_str)
    }
}

enum Match<T> {
    Found(T),
    None,
    Problem,
}

/// Rows per multi-row insert: well under SQLite's and PostgreSQL's limits on
/// bound parameters.
const BATCH: usize = 500;

/// Where a fact record's evidence goes: the record's path, the kind of
/// fact it is (by its key), its first report with its source's key, and
/// its later ones (`moreEvidence`).
struct Cites<'e, 'd> {
    path: &'e str,
    fact: fn(i64) -> Fact,
    evidence: &'e Evidence<i64>,
    more: &'e [Evidence<&'d str>],
}

/// Which statement a record is: one stored before, or the `n`th this
/// import adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Stored(i64),
    New(usize),
}

/// A statement record with its references resolved.
struct PendingStatement<'d> {
    /// Where the record is in the document.
    path: &'d str,
    /// The later reports the record gives.
    more: &'d [Evidence<&'d str>],
    record: &'d StatementRecord,
    said_on: Option<PartialDate>,
    speaker: i64,
    speaker_kind: EntityKind,
    place: Option<i64>,
    audience: Option<i64>,
    evidence: Evidence<i64>,
    about: Vec<(i64, entity::kinds::Stance)>,
    mentions: BTreeSet<i64>,
}

impl PendingStatement<'_> {
    fn identity(&self) -> StatementIdentity {
        StatementIdentity {
            speaker: self.speaker,
            kind: self.record.kind,
            text: self.record.text.clone(),
            said_on: self.said_on,
        }
    }

    fn active_model(&self, ids: &HashMap<String, i64>) -> statement::ActiveModel {
        let r = self.record;
        let (said_on, said_on_precision) = PartialDate::columns(self.said_on);
        let mut m = statement::ActiveModel {
            kind: Set(r.kind),
            text: Set(r.text.clone()),
            folded_text: Set(Some(fold_text(&r.text))),
            text_key: Set(Some(quote_key(&r.text))),
            speaker_id: Set(self.speaker),
            speaker_kind: Set(self.speaker_kind),
            speaker_role_id: Set(r.speaker_role.as_ref().and_then(|k| ids.get(k).copied())),
            place_id: Set(self.place),
            audience_id: Set(self.audience),
            audience: Set(r.audience.clone()),
            said_on: Set(said_on),
            said_on_precision: Set(said_on_precision),
            ..Default::default()
        };
        set_evidence!(m, self.evidence.source, &self.evidence);
        m
    }
}

/// A table of other names of an entity or an issue.
trait AliasTable: ChildTable {
    fn name(model: Self::Model) -> String;
    fn row(owner: i64, name: &str) -> Self::ActiveModel;
}

impl AliasTable for entity_alias::Entity {
    fn name(model: Self::Model) -> String {
        model.name
    }
    fn row(owner: i64, name: &str) -> Self::ActiveModel {
        entity_alias::ActiveModel {
            entity_id: Set(owner),
            name: Set(name.to_owned()),
            normalized_name: Set(fold(name)),
            ..Default::default()
        }
    }
}

impl AliasTable for issue_alias::Entity {
    fn name(model: Self::Model) -> String {
        model.name
    }
    fn row(owner: i64, name: &str) -> Self::ActiveModel {
        issue_alias::ActiveModel {
            issue_id: Set(owner),
            name: Set(name.to_owned()),
            normalized_name: Set(fold(name)),
            ..Default::default()
        }
    }
}

/// Gives an entity or issue every spelling of the record it does not have yet.
async fn add_aliases<T: AliasTable>(
    txn: &DatabaseTransaction,
    owner: i64,
    canonical: &str,
    names: &Names<'_>,
) -> Result<()> {
    let mut known: BTreeSet<String> = T::find()
        .filter(T::owner_column().eq(owner))
        .all(txn)
        .await
        .map_err(db)?
        .into_iter()
        .map(T::name)
        .collect();
    known.insert(canonical.to_owned());
    for spelling in names.spellings() {
        if known.insert(spelling.to_owned()) {
            T::insert(T::row(owner, spelling))
                .exec_without_returning(txn)
                .await
                .map_err(db)?;
        }
    }
    Ok(())
}

/// Inserts rows in batches, skipping those whose key columns exist already.
async fn insert_all_missing<A>(
    txn: &DatabaseTransaction,
    models: Vec<A>,
    key: &[<A::Entity as EntityTrait>::Column],
) -> Result<()>
where
    A: ActiveModelTrait + Send + Clone,
{
    for chunk in models.chunks(BATCH) {
        <A::Entity as EntityTrait>::insert_many(chunk.to_vec())
            .on_conflict(OnConflict::columns(key.iter().copied()).do_nothing().to_owned())
            .exec_without_returning(txn)
            .await
            .map_err(db)?;
    }
    Ok(())
}

/// Inserts a row unless one with the same key columns exists.
async fn insert_if_missing<A>(
    txn: &DatabaseTransaction,
    model: A,
    key: &[<A::Entity as EntityTrait>::Column],
) -> Result<()>
where
    A: ActiveModelTrait + Send,
{
    <A::Entity as EntityTrait>::insert(model)
        .on_conflict(OnConflict::columns(key.iter().copied()).do_nothing().to_owned())
        .exec_without_returning(txn)
        .await
        .map_err(db)?;
    Ok(())
}
