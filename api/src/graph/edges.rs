//! The edges the facts make between entities and issues, and the walks
//! over them: a node's neighbourhood, and the paths between two nodes.
//!
//! An edge joins two nodes by one kind of fact: a role (a person and an
//! organisation), a relation (two people), a mention (a speaker and what
//! their statement mentions), a co-mention (two entities one statement
//! mentions), a stance (a speaker and an issue their statement is about),
//! an event (two of its participants) or a financial measure (its provider
//! and recipient). Its weight is the number of such facts; its fact, the
//! first of them added, stands for them.
//!
//! The work is bounded: each step reads the edges of a whole frontier with
//! one statement, keeping the `cap` heaviest of each node (a hub with
//! thousands of facts gives its heaviest few), and a walk stops growing at
//! [`MAX_NODES`] nodes.

use std::collections::{BTreeMap, HashMap, HashSet};

use sea_orm::{DatabaseConnection, Statement};

use super::{id_list, run};
use crate::error::AppResult;

/// The most nodes a walk reaches: a neighbourhood's nodes, or those a
/// search for paths reads from either end.
pub const MAX_NODES: usize = 1_000;

/// The most paths a search looks at before choosing the best.
const MAX_PATHS_SEEN: usize = 20_000;

/// A node of the graph: an entity (person, organisation, place) or an issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKey {
    Entity(i64),
    Issue(i64),
}

impl NodeKey {
    fn entity(self) -> Option<i64> {
        match self {
            Self::Entity(id) => Some(id),
            Self::Issue(_) => None,
        }
    }

    fn issue(self) -> Option<i64> {
        match self {
            Self::Issue(id) => Some(id),
            Self::Entity(_) => None,
        }
    }

    /// 1 for an issue, 0 for an entity; and the key.
    fn parts(self) -> (i64, i64) {
        match self {
            Self::Entity(id) => (0, id),
            Self::Issue(id) => (1, id),
        }
    }
}

/// The kinds of fact that join two nodes (see the module's notes), in
/// the order ties are broken. Roles lead from the person, relations from
/// the person they are said of, mentions and stances from the speaker,
/// measures from the provider; co-mentions and shared events have no
/// direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    Role,
    Relation,
    Mention,
    CoMention,
    Stance,
    Event,
    FinancialMeasure,
}

impl EdgeKind {
    pub const ALL: [EdgeKind; 7] = [
        Self::Role,
        Self::Relation,
        Self::Mention,
        Self::CoMention,
        Self::Stance,
        Self::Event,
        Self::FinancialMeasure,
    ];

    fn code(self) -> i32 {
        self as i32
    }

    fn of_code(code: i32) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether the fact names its two nodes alike (no from and to).
    fn symmetric(self) -> bool {
        matches!(self, Self::CoMention | Self::Event)
    }

    /// The facts of this kind at the frontier's entities (`e`) and issues
    /// (`i`), as rows `k, dir, ai, a, bi, b, f`: `a` the frontier node,
    /// `b` the other (`ai`, `bi` 1 for an issue), `dir` 1 when `a` is
    /// the fact's from, `f` the fact's key.
    fn facts(self, e: &str, i: &str) -> Vec<String> {
        let k = self.code();
        let pair = |table: &str, from: &str, to: &str, extra: &str| {
            vec![
                format!("SELECT {k}, 1, 0, {from}, 0, {to}, id FROM {table} WHERE {from} IN ({e}){extra}"),
                format!("SELECT {k}, 0, 0, {to}, 0, {from}, id FROM {table} WHERE {to} IN ({e}){extra}"),
            ]
        };
        let mut sql = Vec::new();
        if !e.is_empty() {
            sql = match self {
                Self::Role => pair("role", "person_id", "organisation_id", ""),
                Self::Relation => pair("relation", "person_id", "related_person_id", ""),
                Self::FinancialMeasure => pair(
                    "financial_measure",
                    "provider_id",
                    "recipient_id",
                    " AND provider_id <> recipient_id",
                ),
                Self::Mention => vec![
                    format!(
                        "SELECT {k}, 1, 0, s.speaker_id, 0, m.entity_id, s.id FROM statement s \
                         JOIN statement_mention m ON m.statement_id = s.id \
                         WHERE s.speaker_id IN ({e}) AND m.entity_id <> s.speaker_id"
                    ),
                    format!(
                        "SELECT {k}, 0, 0, m.entity_id, 0, s.speaker_id, s.id FROM statement_mention m \
                         JOIN statement s ON s.id = m.statement_id \
                         WHERE m.entity_id IN ({e}) AND m.entity_id <> s.speaker_id"
                    ),
                ],
                Self::CoMention => vec![format!(
                    "SELECT {k}, 1, 0, m1.entity_id, 0, m2.entity_id, m1.statement_id FROM statement_mention m1 \
                     JOIN statement_mention m2 ON m2.statement_id = m1.statement_id AND m2.entity_id <> m1.entity_id \
                     WHERE m1.entity_id IN ({e})"
                )],
                Self::Event => vec![format!(
                    "SELECT {k}, 1, 0, p1.entity_id, 0, p2.entity_id, p1.event_id FROM event_participant p1 \
                     JOIN event_participant p2 ON p2.event_id = p1.event_id AND p2.entity_id <> p1.entity_id \
                     WHERE p1.entity_id IN ({e})"
                )],
                Self::Stance => vec![format!(
                    "SELECT {k}, 1, 0, s.speaker_id, 1, si.issue_id, s.id FROM statement s \
                     JOIN statement_issue si ON si.statement_id = s.id WHERE s.speaker_id IN ({e})"
                )],
            };
        }
        if self == Self::Stance && !i.is_empty() {
            sql.push(format!(
                "SELECT {k}, 0, 1, si.issue_id, 0, s.speaker_id, s.id FROM statement_issue si \
                 JOIN statement s ON s.id = si.statement_id WHERE si.issue_id IN ({i})"
            ));
        }
        sql
    }
}

/// The columns of the facts' rows, typed alike on both databases: an
/// empty first branch of the `UNION ALL` whose types the others take.
const NO_FACTS: &str = "SELECT CAST(0 AS BIGINT) AS k, CAST(0 AS BIGINT) AS dir, CAST(0 AS BIGINT) AS ai, \
    CAST(0 AS BIGINT) AS a, CAST(0 AS BIGINT) AS bi, CAST(0 AS BIGINT) AS b, CAST(0 AS BIGINT) AS f WHERE 1 = 0";

/// The keys of the facts behind `edge`, in the order they were added,
/// after the fact `after`; at most `limit`.
pub async fn facts_of(
    db: &DatabaseConnection,
    edge: &Edge,
    after: Option<i64>,
    limit: usize,
) -> AppResult<Vec<i64>> {
    let (ai, a) = edge.from.parts();
    let (bi, b) = edge.to.parts();
    let (e, i) = if ai == 1 {
        (String::new(), a.to_string())
    } else {
        (a.to_string(), String::new())
    };
    let facts = edge.kind.facts(&e, &i).join(" UNION ALL ");
    let sql = format!(
        "SELECT DISTINCT f FROM ({NO_FACTS} UNION ALL {facts}) e \
         WHERE dir = 1 AND ai = {ai} AND a = {a} AND bi = {bi} AND b = {b} AND f > {after} ORDER BY f LIMIT {limit}",
        after = after.unwrap_or(0)
    );
    let statement = Statement::from_string(db.get_database_backend(), sql);
    run(db, &statement, statement.sql.clone())
        .await?
        .iter()
        .map(|row| Ok(row.try_get::<i64>("", "f")?))
        .collect()
}

/// An edge: two nodes, the kind of fact between them, how many facts of
/// that kind there are, and the first of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Edge {
    pub kind: EdgeKind,
    /// Where the facts lead from (the lower node of a symmetric kind).
    pub from: NodeKey,
    pub to: NodeKey,
    pub weight: i64,
    /// The key of the first fact added (a role, relation, statement, event
    /// or financial measure, by `kind`).
    pub fact: i64,
}

impl Edge {
    /// The node at the other end from `node`.
    pub fn other(&self, node: NodeKey) -> NodeKey {
        if self.from == node { self.to } else { self.from }
    }

    fn key(&self) -> (EdgeKind, NodeKey, NodeKey) {
        (self.kind, self.from, self.to)
    }
}

/// The edges of each node of `frontier`, at most `cap` of each, the
/// heaviest first (ties by kind, then the other node), in the frontier's
/// order: one statement for the whole frontier.
async fn expand(
    db: &DatabaseConnection,
    frontier: &[NodeKey],
    kinds: &[EdgeKind],
    cap: usize,
) -> AppResult<Vec<(NodeKey, Edge)>> {
    let entities: Vec<i64> = frontier.iter().filter_map(|n| n.entity()).collect();
    let issues: Vec<i64> = frontier.iter().filter_map(|n| n.issue()).collect();
    let (e, i) = (id_list(&entities), id_list(&issues));
    let facts: Vec<String> = kinds.iter().flat_map(|k| k.facts(&e, &i)).collect();
    if facts.is_empty() || cap == 0 {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT k, dir, ai, a, bi, b, w, f FROM ( \
           SELECT g.*, ROW_NUMBER() OVER (PARTITION BY ai, a ORDER BY w DESC, k, bi, b, dir) AS rn FROM ( \
             SELECT k, dir, ai, a, bi, b, COUNT(DISTINCT f) AS w, MIN(f) AS f FROM ( \
               {} UNION ALL {} \
             ) e GROUP BY k, dir, ai, a, bi, b \
           ) g \
         ) t WHERE rn <= {cap} ORDER BY ai, a, rn",
        NO_FACTS,
        facts.join(" UNION ALL ")
    );
    let statement = Statement::from_string(db.get_database_backend(), sql);
    let order: HashMap<NodeKey, usize> = frontier.iter().enumerate().map(|(n, k)| (*k, n)).collect();
    let mut edges = Vec::new();
    for row in run(db, &statement, statement.sql.clone()).await? {
        let node = |issue: i64, id: i64| {
            if issue == 1 {
                NodeKey::Issue(id)
            } else {
                NodeKey::Entity(id)
            }
        };
        let a = node(row.try_get("", "ai")?, row.try_get("", "a")?);
        let b = node(row.try_get("", "bi")?, row.try_get("", "b")?);
        let Some(kind) = EdgeKind::of_code(row.try_get::<i64>("", "k")? as i32) else {
            continue;
        };
        let (from, to) = if kind.symmetric() {
            (a.min(b), a.max(b))
        } else if row.try_get::<i64>("", "dir")? == 1 {
            (a, b)
        } else {
            (b, a)
        };
        let edge = Edge {
            kind,
            from,
            to,
            weight: row.try_get("", "w")?,
            fact: row.try_get("", "f")?,
        };
        edges.push((a, edge));
    }
    // The database ordered each node's edges; the frontier's order is ours.
    edges.sort_by_key(|(a, _)| order.get(a).copied().unwrap_or(usize::MAX));
    Ok(edges)
}

/// What a walk reached: its nodes in the order it reached them, and the
/// edges it read between them.
#[derive(Debug, Default)]
pub struct Walk {
    pub nodes: Vec<NodeKey>,
    pub edges: Vec<Edge>,
    /// How many steps from the start each node is.
    pub depth: HashMap<NodeKey, usize>,
}

/// The nodes within `depth` steps of `start` over edges of `kinds`,
/// following the `cap` heaviest edges of each node, until [`MAX_NODES`]
/// are reached; and the edges followed, each once.
pub async fn walk(
    db: &DatabaseConnection,
    start: NodeKey,
    depth: usize,
    kinds: &[EdgeKind],
    cap: usize,
) -> AppResult<Walk> {
    let mut walk = Walk {
        nodes: vec![start],
        depth: HashMap::from([(start, 0)]),
        ..Walk::default()
    };
    let mut seen_edges = HashSet::new();
    let mut frontier = vec![start];
    for step in 1..=depth {
        let mut next = Vec::new();
        for (_, edge) in expand(db, &frontier, kinds, cap).await? {
            for node in [edge.from, edge.to] {
                if !walk.depth.contains_key(&node) && walk.nodes.len() < MAX_NODES {
                    walk.depth.insert(node, step);
                    walk.nodes.push(node);
                    next.push(node);
                }
            }
            // An edge to a node past the limit is left out with it.
            if walk.depth.contains_key(&edge.from)
                && walk.depth.contains_key(&edge.to)
                && seen_edges.insert(edge.key())
            {
                walk.edges.push(edge);
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    Ok(walk)
}

/// A path: its edges in order from the first node, each with the node it
/// leaves from.
pub type Path = Vec<(NodeKey, Edge)>;

/// The best `first` paths of at most `max_hops` edges from `from` to `to`,
/// no node twice: fewest edges first, then the most facts behind them
/// (the sum of the weights), then by their nodes and kinds. The search
/// walks half the hops from each end (`cap` edges per node) and joins
/// what it reached.
pub async fn paths(
    db: &DatabaseConnection,
    from: NodeKey,
    to: NodeKey,
    max_hops: usize,
    first: usize,
    cap: usize,
) -> AppResult<Vec<Path>> {
    if from == to || max_hops == 0 || first == 0 {
        return Ok(Vec::new());
    }
    let near = walk(db, from, max_hops.div_ceil(2), &EdgeKind::ALL, cap).await?;
    let far = walk(db, to, max_hops / 2, &EdgeKind::ALL, cap).await?;
    // The graph both walks read, with each node's edges in a fixed order.
    let mut adjacent: BTreeMap<NodeKey, Vec<Edge>> = BTreeMap::new();
    let mut seen = HashSet::new();
    for edge in near.edges.iter().chain(&far.edges) {
        if seen.insert(edge.key()) {
            adjacent.entry(edge.from).or_default().push(*edge);
            adjacent.entry(edge.to).or_default().push(*edge);
        }
    }
    for edges in adjacent.values_mut() {
        edges.sort_by_key(|e| (std::cmp::Reverse(e.weight), e.kind, e.from, e.to));
    }
    // Steps from each node to `to` within the joined graph, to prune.
    let to_end = distances(&adjacent, to, max_hops);
    let mut found = Vec::new();
    let mut path = Vec::new();
    let mut on_path = HashSet::from([from]);
    extend(
        &adjacent,
        &to_end,
        to,
        from,
        max_hops,
        &mut path,
        &mut on_path,
        &mut found,
    );
    found.sort_by_cached_key(|p: &Path| {
        let weight: i64 = p.iter().map(|(_, e)| e.weight).sum();
        let steps: Vec<_> = p.iter().map(|(n, e)| (*n, e.kind, e.other(*n))).collect();
        (p.len(), std::cmp::Reverse(weight), steps)
    });
    found.truncate(first);
    Ok(found)
}

/// How many steps each node is from `end`, up to `max`.
fn distances(adjacent: &BTreeMap<NodeKey, Vec<Edge>>, end: NodeKey, max: usize) -> HashMap<NodeKey, usize> {
    let mut dist = HashMap::from([(end, 0)]);
    let mut frontier = vec![end];
    for step in 1..=max {
        let mut next = Vec::new();
        for node in frontier {
            for edge in adjacent.get(&node).into_iter().flatten() {
                let other = edge.other(node);
                if let std::collections::hash_map::Entry::Vacant(slot) = dist.entry(other) {
                    slot.insert(step);
                    next.push(other);
                }
            }
        }
        frontier = next;
    }
    dist
}

/// Extends `path` (at `at`) towards `end` in every way that can still
/// reach it within `left` steps, collecting each path that does.
#[allow(clippy::too_many_arguments)]
fn extend(
    adjacent: &BTreeMap<NodeKey, Vec<Edge>>,
    to_end: &HashMap<NodeKey, usize>,
    end: NodeKey,
    at: NodeKey,
    left: usize,
    path: &mut Path,
    on_path: &mut HashSet<NodeKey>,
    found: &mut Vec<Path>,
) {
    if found.len() >= MAX_PATHS_SEEN {
        return;
    }
    for edge in adjacent.get(&at).into_iter().flatten() {
        let next = edge.other(at);
        if on_path.contains(&next) || to_end.get(&next).is_none_or(|d| *d + 1 > left) {
            continue;
        }
        path.push((at, *edge));
        if next == end {
            found.push(path.clone());
        } else {
            on_path.insert(next);
            extend(adjacent, to_end, end, next, left - 1, path, on_path, found);
            on_path.remove(&next);
        }
        path.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(kind: EdgeKind, from: i64, to: i64, weight: i64) -> Edge {
        Edge {
            kind,
            from: NodeKey::Entity(from),
            to: NodeKey::Entity(to),
            weight,
            fact: from * 100 + to,
        }
    }

    /// Every simple path from 1 to 4 within `max` steps, as their nodes.
    fn all_paths(edges: &[Edge], max: usize) -> Vec<Vec<i64>> {
        let mut adjacent: BTreeMap<NodeKey, Vec<Edge>> = BTreeMap::new();
        for e in edges {
            adjacent.entry(e.from).or_default().push(*e);
            adjacent.entry(e.to).or_default().push(*e);
        }
        let (from, to) = (NodeKey::Entity(1), NodeKey::Entity(4));
        let to_end = distances(&adjacent, to, max);
        let mut found = Vec::new();
        extend(
            &adjacent,
            &to_end,
            to,
            from,
            max,
            &mut Vec::new(),
            &mut HashSet::from([from]),
            &mut found,
        );
        found
            .iter()
            .map(|p| {
                let mut nodes: Vec<i64> = p.iter().map(|(n, _)| n.entity().unwrap()).collect();
                nodes.push(4);
                nodes
            })
            .collect()
    }

    #[test]
    fn paths_go_no_further_than_allowed_and_never_through_a_node_twice() {
        // 1 - 2 - 3 - 4, 1 - 4, and 2 - 4; 3 - 1 closes a loop.
        let edges = [
            edge(EdgeKind::Role, 1, 2, 1),
            edge(EdgeKind::Role, 2, 3, 1),
            edge(EdgeKind::Role, 3, 4, 1),
            edge(EdgeKind::Event, 1, 4, 1),
            edge(EdgeKind::Mention, 2, 4, 3),
            edge(EdgeKind::Relation, 3, 1, 1),
        ];
        let mut one = all_paths(&edges, 1);
        one.sort();
        assert_eq!(one, vec![vec![1, 4]]);
        let mut two = all_paths(&edges, 2);
        two.sort();
        assert_eq!(two, vec![vec![1, 2, 4], vec![1, 3, 4], vec![1, 4]]);
        let three = all_paths(&edges, 3);
        assert_eq!(three.len(), 5, "{three:?}");
        assert!(three.iter().all(|p| {
            let mut seen = p.clone();
            seen.sort();
            seen.dedup();
            seen.len() == p.len()
        }));
    }
}
