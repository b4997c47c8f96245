//! `neighbourhood(id:, depth:, first:, kinds:)` and `paths(from:, to:,
//! maxHops:, first:)`: the graph the facts make between people,
//! organisations, places and issues, walked from one node or between two
//! (see [`crate::graph::edges`]).

use std::sync::Arc;

use async_graphql::{Context, Enum, ID, Object};
use futures_util::future::{BoxFuture, try_join_all};

use crate::error::{AppError, AppResult};
use crate::graph::edges::{self, Edge, EdgeKind, MAX_NODES, NodeKey};
use crate::graphql::connection::{Counter, Page, page_cost};
use crate::graphql::filter::expect_node;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::node::Node;
use crate::graphql::object::{
    Event, Evidence, FinancialMeasure, Issue, Relation, Role, Statement, evidence_of, load_entity,
};
use crate::graphql::{database, loaders};
use crate::page::{DEFAULT_PAGE_SIZE, max_page_size};

/// What one step of a walk costs against the complexity limit: it reads
/// the edges of a whole frontier, up to 50 for each of up to 50 nodes.
pub const GRAPH_STEP_COST: usize = 2_500;
/// `paths`' `maxHops` and `first`, and `neighbourhood`'s `depth` and
/// `first`, when not given (or given as null).
const DEFAULT_HOPS: i32 = 3;
const DEFAULT_PATHS: i32 = 5;
const DEFAULT_DEPTH: i32 = 1;
const DEFAULT_EDGES_PER_NODE: i32 = 50;
/// The most steps from `from` to `to` that `paths` looks for.
pub const MAX_HOPS: i32 = 4;
/// The most steps from its node that `neighbourhood` goes.
pub const MAX_DEPTH: i32 = 3;
/// The most paths `paths` returns.
pub const MAX_PATHS: i32 = 20;
/// How many edges of each node a search for paths follows, the heaviest.
pub const PATH_EDGES_PER_NODE: usize = 50;

/// The kinds of node a walk starts from or reaches.
const GRAPH_NODES: &[NodeKind] = &[
    NodeKind::Person,
    NodeKind::Organisation,
    NodeKind::Place,
    NodeKind::Issue,
];

/// The kind of fact that joins two nodes of the graph.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "crate::graph::edges::EdgeKind")]
pub enum GraphEdgeKind {
    /// A person's role in an organisation, from the person; the fact is a `Role`.
    Role,
    /// A relation of one person to another ("son-in-law of"), from the
    /// person it is said of; the fact is a `Relation`.
    Relation,
    /// A statement by one entity that mentions another, from the speaker;
    /// the fact is a `Statement`.
    Mention,
    /// A statement that mentions both entities; the fact is a `Statement`.
    CoMention,
    /// A statement by an entity about an issue, from the speaker; the fact is a `Statement`.
    Stance,
    /// An event both entities took part in; the fact is an `Event`.
    Event,
    /// A financial measure from its provider to its recipient; the fact is
    /// a `FinancialMeasure`.
    FinancialMeasure,
}

/// The kind of node the facts of an edge kind are.
fn fact_kind(kind: EdgeKind) -> NodeKind {
    match kind {
        EdgeKind::Role => NodeKind::Role,
        EdgeKind::Relation => NodeKind::Relation,
        EdgeKind::Mention | EdgeKind::CoMention | EdgeKind::Stance => NodeKind::Statement,
        EdgeKind::Event => NodeKind::Event,
        EdgeKind::FinancialMeasure => NodeKind::FinancialMeasure,
    }
}

/// What `neighbourhood` costs: a step's reads for each step, and what
/// each node selects for as many nodes as it may reach.
fn neighbourhood_cost(depth: Option<i32>, first: Option<i32>, child_complexity: usize) -> usize {
    let depth = depth.unwrap_or(DEFAULT_DEPTH).clamp(0, MAX_DEPTH) as u32;
    let first = first.unwrap_or(DEFAULT_EDGES_PER_NODE).clamp(0, max_page_size()) as usize;
    let nodes = first.saturating_pow(depth).min(MAX_NODES);
    (depth as usize).saturating_mul(GRAPH_STEP_COST) + nodes.saturating_mul(child_complexity)
}

/// What `paths` costs: a step's reads for each hop, and what each hop
/// selects for every hop of every path.
fn paths_cost(max_hops: Option<i32>, first: Option<i32>, child_complexity: usize) -> usize {
    let hops = max_hops.unwrap_or(DEFAULT_HOPS).clamp(0, MAX_HOPS) as usize;
    let first = first.unwrap_or(DEFAULT_PATHS).clamp(0, MAX_PATHS) as usize;
    hops.saturating_mul(GRAPH_STEP_COST) + (first * hops).saturating_mul(child_complexity)
}

/// Refuses a number argument outside `low..=high`, saying which and why.
fn within(name: &str, value: i32, low: i32, high: i32, why: &str) -> AppResult<usize> {
    if (low..=high).contains(&value) {
        return Ok(value as usize);
    }
    Err(AppError::bad_input(format!(
        "`{name}` takes {low} to {high} (got {value}){why}"
    )))
}

/// The node of the graph an ID argument names.
fn graph_node(id: &ID, field: &str) -> AppResult<NodeKey> {
    let global = expect_node(id, field, GRAPH_NODES)?;
    Ok(match global.kind {
        NodeKind::Issue => NodeKey::Issue(global.key),
        _ => NodeKey::Entity(global.key),
    })
}

/// Reads a node of the graph through the request's loaders.
async fn load_graph_node(ctx: &Context<'_>, key: NodeKey) -> AppResult<Option<Node>> {
    Ok(match key {
        NodeKey::Entity(id) => load_entity(ctx, id).await?.map(Node::from),
        NodeKey::Issue(id) => loaders(ctx)?
            .issue
            .load_one(id)
            .await?
            .map(|i| Node::Issue(Issue(i))),
    })
}

/// A node that must be there: the walk just read its facts.
async fn present(ctx: &Context<'_>, key: NodeKey) -> AppResult<Node> {
    load_graph_node(ctx, key).await?.ok_or_else(|| {
        tracing::error!(?key, "a node of the graph is gone");
        AppError::Internal
    })
}

/// Reads a fact through the request's loaders, with its evidence.
async fn load_fact(ctx: &Context<'_>, kind: EdgeKind, id: i64) -> AppResult<Option<(Node, Evidence)>> {
    let l = loaders(ctx)?;
    Ok(match fact_kind(kind) {
        NodeKind::Role => l
            .role
            .load_one(id)
            .await?
            .map(|m| (evidence_of!(m), Node::Role(Role(m)))),
        NodeKind::Relation => l
            .relation
            .load_one(id)
            .await?
            .map(|m| (evidence_of!(m), Node::Relation(Relation(m)))),
        NodeKind::Event => l
            .event
            .load_one(id)
            .await?
            .map(|m| (evidence_of!(m), Node::Event(Event(m)))),
        NodeKind::FinancialMeasure => l
            .financial_measure
            .load_one(id)
            .await?
            .map(|m| (evidence_of!(m), Node::FinancialMeasure(FinancialMeasure(m)))),
        _ => l
            .statement
            .load_one(id)
            .await?
            .map(|m| (evidence_of!(m), Node::Statement(Statement(m)))),
    }
    .map(|(evidence, node)| (node, evidence)))
}

#[derive(Default)]
pub struct GraphQuery;

#[Object]
impl GraphQuery {
    /// The nodes within `depth` steps of a person, organisation, place or
    /// issue, and the edges between them, in a shape graph-drawing
    /// libraries take as it is. From each node the walk follows its
    /// `first` heaviest edges (the most facts first; ties by kind, then by
    /// the order the other nodes were added); it stops at 1,000 nodes.
    /// Nodes come in the order the walk reached them, the given node
    /// first; edges heaviest first. Costs 2,500 for each step, and what
    /// each node selects for as many nodes as it may reach.
    #[graphql(complexity = "neighbourhood_cost(depth, first, child_complexity)")]
    async fn neighbourhood(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person, organisation, place or issue to start from.")] id: ID,
        #[graphql(default = 1, desc = "How many steps to go from it: 1 to 3 (default 1).")] depth: Option<
            i32,
        >,
        #[graphql(
            default = 50,
            desc = "How many edges of each node to follow, the heaviest: 1 to 100 (default 50)."
        )]
        first: Option<i32>,
        #[graphql(desc = "Only edges of these kinds; all kinds without it.")] kinds: Option<
            Vec<GraphEdgeKind>,
        >,
    ) -> AppResult<Neighbourhood> {
        let start = graph_node(&id, "id")?;
        let depth = within("depth", depth.unwrap_or(DEFAULT_DEPTH), 1, MAX_DEPTH, "")?;
        let first = within(
            "first",
            first.unwrap_or(DEFAULT_EDGES_PER_NODE),
            1,
            max_page_size(),
            "",
        )?;
        let kinds: Vec<EdgeKind> = match kinds {
            Some(kinds) => kinds.into_iter().map(EdgeKind::from).collect(),
            None => EdgeKind::ALL.to_vec(),
        };
        if load_graph_node(ctx, start).await?.is_none() {
            return Err(AppError::bad_input("`id` names no node of the graph"));
        }
        let mut walk = edges::walk(database(ctx)?, start, depth, &kinds, first).await?;
        walk.edges
            .sort_by_key(|e| (std::cmp::Reverse(e.weight), e.kind, e.from, e.to));
        Ok(Neighbourhood {
            nodes: walk.nodes,
            edges: walk.edges,
        })
    }

    /// The shortest paths from one person, organisation, place or issue
    /// to another, each step a fact of the graph with its evidence: fewest
    /// steps first, then the most facts behind the steps, at most
    /// `maxHops` steps and no node twice. The search walks half the steps
    /// from each end, following the 50 heaviest edges of each node (see
    /// `neighbourhood`). Costs 2,500 for each hop of `maxHops`, and what
    /// each hop selects for every hop of every path.
    #[graphql(complexity = "paths_cost(max_hops, first, child_complexity)")]
    async fn paths(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Where the paths start: a person, organisation, place or issue.")] from: ID,
        #[graphql(desc = "Where the paths end: a person, organisation, place or issue.")] to: ID,
        #[graphql(default = 3, desc = "The most steps a path may have: 1 to 4 (default 3).")]
        max_hops: Option<i32>,
        #[graphql(
            default = 5,
            desc = "How many paths to return, the best: 1 to 20 (default 5)."
        )]
        first: Option<i32>,
    ) -> AppResult<Vec<GraphPath>> {
        let (from, to) = (graph_node(&from, "from")?, graph_node(&to, "to")?);
        let max_hops = within(
            "maxHops",
            max_hops.unwrap_or(DEFAULT_HOPS),
            1,
            MAX_HOPS,
            ": each more step reads the edges of fifty times more nodes",
        )?;
        let first = within("first", first.unwrap_or(DEFAULT_PATHS), 1, MAX_PATHS, "")?;
        let found = edges::paths(database(ctx)?, from, to, max_hops, first, PATH_EDGES_PER_NODE).await?;
        Ok(found
            .into_iter()
            .map(|path| GraphPath {
                hops: path.into_iter().map(|(at, edge)| GraphHop { at, edge }).collect(),
            })
            .collect())
    }
}

/// A node's neighbourhood: the nodes near it and the edges between them.
pub struct Neighbourhood {
    nodes: Vec<NodeKey>,
    edges: Vec<Edge>,
}

/// The nodes within a few steps of one node, and the edges the walk
/// followed between them.
#[Object]
impl Neighbourhood {
    /// The nodes, in the order the walk reached them: the node asked for first.
    async fn nodes(&self, ctx: &Context<'_>) -> AppResult<Vec<Node>> {
        try_join_all(self.nodes.iter().map(|n| present(ctx, *n))).await
    }

    /// The edges between the nodes, heaviest first (then by kind).
    async fn edges(&self) -> Vec<GraphEdge> {
        self.edges.iter().copied().map(GraphEdge).collect()
    }
}

/// The facts of one kind between two nodes.
pub struct GraphEdge(Edge);

/// A count known already: the facts behind an edge are its weight.
struct Known(i64);

impl Counter for Known {
    fn count<'a>(&'a self, _: &'a Context<'_>) -> BoxFuture<'a, AppResult<i64>> {
        Box::pin(async move { Ok(self.0) })
    }
}

/// The facts of one kind between two nodes of the graph.
#[Object]
impl GraphEdge {
    /// Where the facts lead from (a role's person, a statement's speaker,
    /// a measure's provider; of a co-mention or a shared event, the node
    /// added first).
    async fn from(&self, ctx: &Context<'_>) -> AppResult<Node> {
        present(ctx, self.0.from).await
    }

    /// Where the facts lead to.
    async fn to(&self, ctx: &Context<'_>) -> AppResult<Node> {
        present(ctx, self.0.to).await
    }

    /// The kind of fact.
    async fn kind(&self) -> GraphEdgeKind {
        self.0.kind.into()
    }

    /// How many facts of this kind join the two nodes.
    async fn weight(&self) -> i64 {
        self.0.weight
    }

    /// The facts, in the order they were added. One SQL statement per edge
    /// that asks for them.
    #[graphql(complexity = "page_cost(first, None, child_complexity)")]
    async fn facts(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Return the first n facts after `after` (at most 100; default 20).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Return facts after this cursor.")] after: Option<String>,
    ) -> AppResult<Page<Node>> {
        let size = within(
            "first",
            first.unwrap_or(DEFAULT_PAGE_SIZE),
            0,
            max_page_size(),
            "",
        )?;
        let kind = fact_kind(self.0.kind);
        let after = match after {
            Some(cursor) => Some(
                GlobalId::decode(&cursor)
                    .ok()
                    .filter(|g| g.kind == kind)
                    .ok_or_else(|| {
                        AppError::bad_input(format!("`after`: \"{cursor}\" is not a cursor of these facts"))
                    })?
                    .key,
            ),
            None => None,
        };
        let mut keys = edges::facts_of(database(ctx)?, &self.0, after, size + 1).await?;
        let has_next_page = keys.len() > size;
        keys.truncate(size);
        let facts = try_join_all(keys.iter().map(|k| load_fact(ctx, self.0.kind, *k))).await?;
        let page = keys
            .into_iter()
            .zip(facts)
            .filter_map(|(key, fact)| Some((GlobalId::new(kind, key).encode().0, fact?.0)))
            .collect();
        Ok(Page::from_edges(
            page,
            after.is_some(),
            has_next_page,
            Arc::new(Known(self.0.weight)),
        ))
    }
}

/// A path between two nodes of the graph.
pub struct GraphPath {
    hops: Vec<GraphHop>,
}

/// A path between two nodes, one fact a step.
#[Object]
impl GraphPath {
    /// Its steps, in order from the path's start.
    async fn hops(&self) -> &[GraphHop] {
        &self.hops
    }
}

/// One step of a path: from the node before it to the node after it, by a fact.
pub struct GraphHop {
    /// The node the step leaves from.
    at: NodeKey,
    edge: Edge,
}

/// One step of a path, by one fact of the graph and its evidence.
#[Object]
impl GraphHop {
    /// The node the step leaves from (nearer the path's start).
    async fn from(&self, ctx: &Context<'_>) -> AppResult<Node> {
        present(ctx, self.at).await
    }

    /// The node the step arrives at.
    async fn to(&self, ctx: &Context<'_>) -> AppResult<Node> {
        present(ctx, self.edge.other(self.at)).await
    }

    /// The kind of fact the step takes.
    async fn kind(&self) -> GraphEdgeKind {
        self.edge.kind.into()
    }

    /// How many facts of this kind join the two nodes (the step's fact is the first added).
    async fn weight(&self) -> i64 {
        self.edge.weight
    }

    /// The fact: a Role, Relation, Statement, Event or FinancialMeasure, by `kind`.
    async fn fact(&self, ctx: &Context<'_>) -> AppResult<Node> {
        Ok(self.read(ctx).await?.0)
    }

    /// Where in which article the fact comes from.
    async fn evidence(&self, ctx: &Context<'_>) -> AppResult<Evidence> {
        Ok(self.read(ctx).await?.1)
    }
}

impl GraphHop {
    async fn read(&self, ctx: &Context<'_>) -> AppResult<(Node, Evidence)> {
        load_fact(ctx, self.edge.kind, self.edge.fact)
            .await?
            .ok_or_else(|| {
                tracing::error!(fact = self.edge.fact, "a fact of a path is gone");
                AppError::Internal
            })
    }
}
