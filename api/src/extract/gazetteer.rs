//! What the graph already knows, as the extractor looks names up: people,
//! organisations and places by every name and alias (folded as the import
//! folds them), the titles people hold, and the issues by name and alias.

use std::collections::HashMap;
use std::sync::Arc;

use entity::kinds::{EntityKind, OrganisationKind, PlaceKind};
use entity::{entity_alias, issue, issue_alias, named_entity, organisation, place, role, write_log};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{DatabaseConnection, DbErr, EntityTrait, QuerySelect};

use crate::names::fold;

/// A person, organisation or place of the graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Known {
    pub name: String,
    pub kind: Kind,
    pub wikidata_id: Option<String>,
    /// Titles the person holds in the graph, folded, with the
    /// organisation's index in the gazetteer.
    pub titles: Vec<(String, usize)>,
}

/// The kind of a known entity, with what the import format asks of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Person,
    Organisation(OrganisationKind),
    Place(PlaceKind),
}

/// An issue of the graph with its aliases.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownIssue {
    pub name: String,
    pub aliases: Vec<String>,
}

/// The graph's names, ready for lookup.
#[derive(Debug, Default)]
pub struct Gazetteer {
    pub entries: Vec<Known>,
    pub issues: Vec<KnownIssue>,
    /// Folded name or alias to entries.
    by_name: HashMap<String, Vec<usize>>,
}

impl Gazetteer {
    /// Adds an entity with its names; returns its index.
    pub fn add(&mut self, known: Known, aliases: &[String]) -> usize {
        let index = self.entries.len();
        for name in std::iter::once(&known.name).chain(aliases) {
            let key = fold(name);
            if !key.is_empty() {
                let entries = self.by_name.entry(key).or_default();
                if !entries.contains(&index) {
                    entries.push(index);
                }
            }
        }
        self.entries.push(known);
        index
    }

    /// The entities a name or alias (as written) stands for.
    pub fn lookup(&self, name: &str) -> &[usize] {
        self.by_name.get(&fold(name)).map_or(&[], Vec::as_slice)
    }

    /// Reads every person, organisation, place and issue of the graph.
    pub async fn load(db: &DatabaseConnection) -> Result<Self, DbErr> {
        let entities = named_entity::Entity::find().all(db).await?;
        let aliases = entity_alias::Entity::find().all(db).await?;
        let organisations: HashMap<i64, OrganisationKind> = organisation::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.kind))
            .collect();
        let places: HashMap<i64, PlaceKind> = place::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.id, p.kind))
            .collect();
        let mut names: HashMap<i64, Vec<String>> = HashMap::new();
        for alias in aliases {
            names.entry(alias.entity_id).or_default().push(alias.name);
        }
        let mut g = Gazetteer::default();
        let mut index = HashMap::new();
        for e in entities {
            let kind = match e.kind {
                EntityKind::Person => Kind::Person,
                EntityKind::Organisation => match organisations.get(&e.id) {
                    Some(kind) => Kind::Organisation(*kind),
                    None => continue,
                },
                EntityKind::Place => match places.get(&e.id) {
                    Some(kind) => Kind::Place(*kind),
                    None => continue,
                },
            };
            let known = Known {
                name: e.name,
                kind,
                wikidata_id: e.wikidata_id,
                titles: Vec::new(),
            };
            let at = g.add(known, names.get(&e.id).map_or(&[], Vec::as_slice));
            index.insert(e.id, at);
        }
        let mut issue_aliases: HashMap<i64, Vec<String>> = HashMap::new();
        for alias in issue_alias::Entity::find().all(db).await? {
            issue_aliases.entry(alias.issue_id).or_default().push(alias.name);
        }
        for i in issue::Entity::find().all(db).await? {
            g.issues.push(KnownIssue {
                aliases: issue_aliases.remove(&i.id).unwrap_or_default(),
                name: i.name,
            });
        }
        for r in role::Entity::find().all(db).await? {
            if let (Some(&person), Some(&org)) = (index.get(&r.person_id), index.get(&r.organisation_id)) {
                g.entries[person].titles.push((fold(&r.title), org));
            }
        }
        Ok(g)
    }
}

/// The graph's gazetteer as last read, for the requests that extract: it
/// is read again only when the write log says something was written since
/// (every write of the API and of the import adds a line to it, on every
/// replica). The count and the last line are both compared, so a write
/// that commits after a later one is not missed.
#[derive(Default)]
pub struct Cached {
    last: tokio::sync::Mutex<Option<(WriteMark, Arc<Gazetteer>)>>,
}

/// How far the write log has come: how many lines, and the last one's id.
type WriteMark = (i64, Option<i64>);

impl Cached {
    /// The gazetteer of the graph as it is now.
    pub async fn get(&self, db: &DatabaseConnection) -> Result<Arc<Gazetteer>, DbErr> {
        let version: WriteMark = write_log::Entity::find()
            .select_only()
            .expr(Func::count(Expr::col(write_log::Column::Id)))
            .expr(Func::max(Expr::col(write_log::Column::Id)))
            .into_tuple()
            .one(db)
            .await?
            .unwrap_or((0, None));
        // One reader at a time: a second request waits for the first's
        // reading rather than reading the same names again.
        let mut last = self.last.lock().await;
        if let Some((read_at, known)) = last.as_ref()
            && *read_at == version
        {
            return Ok(known.clone());
        }
        let known = Arc::new(Gazetteer::load(db).await?);
        *last = Some((version, known.clone()));
        Ok(known)
    }
}
