//! Lists nested under many parents, read for all parents at once.
//!
//! `people { statements(first: 5) }` asks one page of statements per person.
//! Each parent's resolver hands its key to [`ListLoader`] with the same
//! [`Plan`] (filters, order, window); the loader reads the pages of every
//! parent in one query: for each parent, its rows in list order cut at the
//! page size (`WHERE speaker_id = ? ORDER BY said_on, id LIMIT n`), and the
//! parents' pages joined with `UNION ALL`. Each page is read from an index
//! in list order and stops at n rows, however long the parent's whole list
//! is (a speaker of 100,000 statements costs what one of 10 does).
//! `totalCount` goes through the same loader as one `GROUP BY` query. Both
//! run on SQLite and PostgreSQL alike.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use entity::kinds::Stance;
use entity::{statement, statement_issue};
use sea_orm::sea_query::{
    Alias, Asterisk, Condition, Expr, ExprTrait, JoinType, Query, SelectStatement, UnionType,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Iden, QueryFilter,
    QueryResult, QueryTrait, Select, Statement,
};

use crate::error::AppError;
use crate::page::{Keyed, Order, Slice, Window, within};

/// A tree of the graph: places lie in places, issues are parts of issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tree {
    Place,
    Issue,
}

impl Tree {
    fn table(self) -> &'static str {
        match self {
            Self::Place => "place",
            Self::Issue => "issue",
        }
    }
}

/// Every node of the subtrees under `roots`, roots included: one recursive
/// query, however many roots and however deep the tree. `UNION` (not `ALL`)
/// keeps each (root, node) pair once, so even a cycle the import should
/// have refused ends.
pub async fn subtrees(
    db: &DatabaseConnection,
    tree: Tree,
    roots: &[i64],
) -> Result<HashMap<i64, Vec<i64>>, AppError> {
    let mut out: HashMap<i64, Vec<i64>> = roots.iter().map(|r| (*r, vec![*r])).collect();
    if roots.is_empty() {
        return Ok(out);
    }
    // The roots are integers, written into the text as such.
    let roots_list = roots.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let table = tree.table();
    let sql = format!(
        "WITH RECURSIVE sub(root, node) AS ( \
           SELECT id, id FROM {table} WHERE id IN ({roots_list}) \
           UNION \
           SELECT sub.root, t.id FROM {table} t JOIN sub ON t.parent_id = sub.node \
         ) SELECT root, node FROM sub WHERE root <> node"
    );
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    for row in rows {
        let root: i64 = row.try_get("", "root")?;
        let node: i64 = row.try_get("", "node")?;
        out.entry(root).or_default().push(node);
    }
    Ok(out)
}

/// Whose nested list it is: an object's, or a position's (the statements
/// of one speaker taking one stance on one issue).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Parent {
    /// The object with this id.
    Id(i64),
    /// A speaker's stance on an issue.
    Position { issue: i64, actor: i64, stance: Stance },
}

impl From<i64> for Parent {
    fn from(id: i64) -> Self {
        Self::Id(id)
    }
}

impl Parent {
    /// The parent's id; a position has none of its own, and answers with its speaker's.
    fn id(self) -> i64 {
        match self {
            Self::Id(id) => id,
            Self::Position { actor, .. } => actor,
        }
    }

    /// What the parent's rows carry as their owner in a batch query: the
    /// parent's id, or for a position its place in the batch.
    fn owner(self, index: usize) -> i64 {
        match self {
            Self::Id(id) => id,
            Self::Position { .. } => index as i64,
        }
    }
}

/// The statements of a position: said by its speaker, about its very
/// issue (not a sub-issue) with its stance. Only a position has any.
fn position_statements(parent: Parent) -> Condition {
    let Parent::Position { issue, actor, stance } = parent else {
        return Condition::all().add(Expr::val(false));
    };
    let links = Query::select()
        .column(statement_issue::Column::StatementId)
        .from(statement_issue::Entity)
        .and_where(statement_issue::Column::IssueId.eq(issue))
        .and_where(statement_issue::Column::Stance.eq(stance))
        .to_owned();
    Condition::all()
        .add(Expr::col((statement::Entity, statement::Column::SpeakerId)).eq(actor))
        .add(Expr::col((statement::Entity, statement::Column::Id)).in_subquery(links))
}

/// How the rows of a nested list belong to their parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// A column of the list's table holds the parent's id (`statement.speaker_id`).
    Column(&'static str),
    /// Either of two columns does (a person's relations, both ways).
    EitherColumn(&'static str, &'static str),
    /// A link table pairs parents with rows (`statement_mention`).
    Link {
        table: &'static str,
        parent: &'static str,
        row: &'static str,
    },
    /// A link table pairs tree nodes with rows, and a parent has the rows
    /// of every node in its subtree (an issue's statements include those
    /// about its sub-issues).
    LinkWithin {
        table: &'static str,
        parent: &'static str,
        row: &'static str,
        tree: Tree,
    },
    /// A column of the list's table holds a tree node, and a parent has the
    /// rows of every node in its subtree (statements said in a place or in
    /// a place within it).
    ColumnWithin(&'static str, Tree),
    /// The statements of a position ([`Parent::Position`]).
    Position,
}

/// Up to how many parents a list through a link table counts their links
/// on SQLite; with more, every parent's links are listed.
const DENSE_PROBES: usize = 4;
/// How many links make a parent's rows dense enough to walk in list order.
const DENSE_LINKS: u64 = 1_000;

/// The rows of `E` that `links` (`SELECT link.row FROM link WHERE ...`)
/// names, as a condition on `E`'s table; `(link, row)` names the link
/// table and its column of `E`'s keys.
///
/// A row belongs to a parent through a link table either way: `id IN (the
/// links)`, which reads every link first, or `EXISTS (a link of this
/// row)`, which walks the rows in list order and stops at the page's end.
/// PostgreSQL picks between the two itself; SQLite always builds the IN
/// list, which for an issue of 100,000 statements costs 40 ms a page, and
/// always walks for EXISTS, which for an issue of 200 statements among a
/// million costs as much. So on SQLite, when `probe` allows it, a bounded
/// count of the links decides: many links, walk; few, list.
pub async fn linked_rows<E: Keyed>(
    db: &DatabaseConnection,
    links: SelectStatement,
    (link, row): (&str, &str),
    probe: bool,
) -> Result<Condition, AppError> {
    let table = Alias::new(E::default().table_name());
    let id = Alias::new(E::id_column().to_string());
    let dense = probe && db.get_database_backend() == DbBackend::Sqlite && {
        let probe = Query::select()
            .expr(Expr::cust("COUNT(*)"))
            .from_subquery(links.clone().limit(DENSE_LINKS).to_owned(), Alias::new("probe"))
            .to_owned();
        let n: i64 = match db.query_one(&probe).await? {
            Some(row) => row.try_get_by_index(0)?,
            None => 0,
        };
        n >= DENSE_LINKS as i64
    };
    Ok(if dense {
        let mut walk = links;
        walk.clear_selects()
            .expr(Expr::val(1))
            .and_where(Expr::col((Alias::new(link), Alias::new(row))).equals((table, id)));
        Condition::all().add(Expr::exists(walk))
    } else {
        Condition::all().add(Expr::col((table, id)).in_subquery(links))
    })
}

const OWNER: &str = "owner";
const MEMBER: &str = "member";

impl Scope {
    /// For each parent, the condition on the list's table that picks the
    /// parent's rows.
    async fn conditions<E: Keyed>(
        self,
        db: &DatabaseConnection,
        parents: &[Parent],
    ) -> Result<Vec<(Parent, Condition)>, AppError> {
        let table = Alias::new(E::default().table_name());
        let col = |c: &'static str| Expr::col((table.clone(), Alias::new(c)));
        // A few parents' rows are probed for density (see `linked_rows`);
        // for many, the probes would cost more than they save.
        let probe = parents.len() <= DENSE_PROBES;
        let linked = async |link: &'static str, parent: &'static str, row: &'static str, nodes: Vec<i64>| {
            let links = Query::select()
                .column((Alias::new(link), Alias::new(row)))
                .from(Alias::new(link))
                .and_where(Expr::col((Alias::new(link), Alias::new(parent))).is_in(nodes))
                .to_owned();
            linked_rows::<E>(db, links, (link, row), probe).await
        };
        let ids: Vec<i64> = parents.iter().map(|p| p.id()).collect();
        let subtrees = match self {
            Self::LinkWithin { tree, .. } | Self::ColumnWithin(_, tree) => subtrees(db, tree, &ids).await?,
            _ => HashMap::new(),
        };
        let nodes = |p: i64| subtrees.get(&p).cloned().unwrap_or_default();
        let mut out = Vec::with_capacity(parents.len());
        for &parent in parents {
            let p = parent.id();
            let condition = match self {
                Self::Column(c) => Condition::all().add(col(c).eq(p)),
                Self::EitherColumn(a, b) => Condition::any().add(col(a).eq(p)).add(col(b).eq(p)),
                Self::Link { table, parent, row } => linked(table, parent, row, vec![p]).await?,
                Self::LinkWithin {
                    table, parent, row, ..
                } => linked(table, parent, row, nodes(p)).await?,
                Self::ColumnWithin(c, _) => Condition::all().add(col(c).is_in(nodes(p))),
                Self::Position => position_statements(parent),
            };
            out.push((parent, condition));
        }
        Ok(out)
    }

    /// A query of (owner, member) pairs: which rows belong to which parent.
    async fn pairs<E: Keyed>(
        self,
        db: &DatabaseConnection,
        parents: &[Parent],
    ) -> Result<SelectStatement, AppError> {
        // Most scopes pair rows with the parents' ids; a position's rows
        // carry its place in the batch.
        let given = parents;
        let ids: Vec<i64> = parents.iter().map(|p| p.id()).collect();
        let parents = &ids[..];
        let table = Alias::new(E::default().table_name());
        let id = Alias::new(E::id_column().to_string());
        let select = |from: &str, owner: Expr, member: &str, filter: Expr| {
            Query::select()
                .expr_as(owner, Alias::new(OWNER))
                .expr_as(Expr::col(Alias::new(member)), Alias::new(MEMBER))
                .from(Alias::new(from))
                .and_where(filter)
                .to_owned()
        };
        let union = |mut parts: Vec<SelectStatement>| {
            let mut first = parts.remove(0);
            for part in parts {
                first.union(UnionType::Distinct, part);
            }
            first.distinct().to_owned()
        };
        let table_name = table.to_string();
        let id_name = id.to_string();
        let within = |column: &'static str| Expr::col(Alias::new(column)).is_in(parents.iter().copied());
        // Each parent owns the rows whose `column` holds a node of its subtree.
        let in_subtrees = async |from: &str, column: &str, row: &str, tree: Tree| {
            let subtrees = subtrees(db, tree, parents).await?;
            let parts = parents
                .iter()
                .map(|p| {
                    let nodes = subtrees.get(p).cloned().unwrap_or_default();
                    select(
                        from,
                        Expr::val(*p),
                        row,
                        Expr::col(Alias::new(column)).is_in(nodes),
                    )
                })
                .collect();
            Ok::<_, AppError>(union(parts))
        };
        Ok(match self {
            Self::Column(column) => select(
                &table_name,
                Expr::col(Alias::new(column)),
                &id_name,
                within(column),
            ),
            Self::EitherColumn(a, b) => union(vec![
                select(&table_name, Expr::col(Alias::new(a)), &id_name, within(a)),
                select(&table_name, Expr::col(Alias::new(b)), &id_name, within(b)),
            ]),
            Self::Link { table, parent, row } => {
                select(table, Expr::col(Alias::new(parent)), row, within(parent))
                    .distinct()
                    .to_owned()
            }
            Self::LinkWithin {
                table,
                parent,
                row,
                tree,
            } => in_subtrees(table, parent, row, tree).await?,
            Self::ColumnWithin(column, tree) => in_subtrees(&table_name, column, &id_name, tree).await?,
            Self::Position => {
                let parts = given
                    .iter()
                    .enumerate()
                    .map(|(i, parent)| {
                        Query::select()
                            .expr_as(Expr::val(parent.owner(i)), Alias::new(OWNER))
                            .expr_as(
                                Expr::col((statement::Entity, statement::Column::Id)),
                                Alias::new(MEMBER),
                            )
                            .from(statement::Entity)
                            .cond_where(position_statements(*parent))
                            .to_owned()
                    })
                    .collect();
                union(parts)
            }
        })
    }
}

/// What one nested list field asks: its rows' scope, filters, order and
/// window. Every parent's resolver builds an equal plan, so the loader can
/// read all parents' pages together.
pub struct Plan<E: Keyed> {
    fingerprint: String,
    /// Whether `select` narrows the table's rows (a `filter`); without,
    /// a parent's rows are its scope's rows, counted without reading them.
    filtered: bool,
    scope: Scope,
    select: Select<E>,
    order: Order<E>,
    window: Window,
}

impl<E: Keyed> Plan<E> {
    pub fn new(scope: Scope, select: Select<E>, order: Order<E>, window: Window) -> Self {
        let sql = select.build(sea_orm::DbBackend::Sqlite).to_string();
        let filtered = sql != E::find().build(sea_orm::DbBackend::Sqlite).to_string();
        let fingerprint = format!("{scope:?}|{sql}|{order:?}|{window:?}");
        Self {
            fingerprint,
            filtered,
            scope,
            select,
            order,
            window,
        }
    }

    pub fn order(&self) -> &Order<E> {
        &self.order
    }
}

/// A request to the list loader: one parent's page, or its count.
pub struct ListKey<E: Keyed> {
    pub parent: Parent,
    pub plan: Arc<Plan<E>>,
    pub count: bool,
}

impl<E: Keyed> Clone for ListKey<E> {
    fn clone(&self) -> Self {
        Self {
            parent: self.parent,
            plan: self.plan.clone(),
            count: self.count,
        }
    }
}

impl<E: Keyed> PartialEq for ListKey<E> {
    fn eq(&self, other: &Self) -> bool {
        self.parent == other.parent
            && self.count == other.count
            && self.plan.fingerprint == other.plan.fingerprint
    }
}

impl<E: Keyed> Eq for ListKey<E> {}

impl<E: Keyed> Hash for ListKey<E> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.parent.hash(state);
        self.count.hash(state);
        self.plan.fingerprint.hash(state);
    }
}

/// How many pages one query reads at most: SQLite refuses a compound
/// SELECT of more than 500 terms, and a batch of a nested list can have
/// many more parents (each issue's positions, each position's statements).
const PAGES_PER_QUERY: usize = 400;

/// Reads the pages of several parents, charged to the request's budget:
/// each page as a subquery (SQLite allows ORDER BY and LIMIT in a compound
/// query only there), joined with UNION ALL, [`PAGES_PER_QUERY`] to a
/// query. Both databases run the arms one after another and keep each
/// subquery's order; the rows of one parent all come from its arm.
pub(crate) async fn read_pages(
    db: &DatabaseConnection,
    pages: Vec<SelectStatement>,
) -> Result<Vec<QueryResult>, AppError> {
    let mut rows = Vec::new();
    let mut pages = pages.into_iter().peekable();
    while pages.peek().is_some() {
        let mut arms = pages.by_ref().take(PAGES_PER_QUERY).enumerate().map(|(i, page)| {
            Query::select()
                .column(Asterisk)
                .from_subquery(page, Alias::new(format!("page_{i}")))
                .to_owned()
        });
        let Some(mut query) = arms.next() else { break };
        for arm in arms {
            query.union(UnionType::All, arm);
        }
        crate::budget::check()?;
        let read = db.query_all(&query).await?;
        crate::budget::charge(read.len())?;
        rows.extend(read);
    }
    Ok(rows)
}

/// A parent's page, or the size of its whole list.
#[derive(Debug, Clone)]
pub enum Listed<M> {
    Page(Slice<M>),
    Count(i64),
}

/// What one query of a batch found for its parents: a count each, or a page each.
pub(super) enum Found<P, M> {
    Counts(HashMap<P, i64>),
    Pages(HashMap<P, Slice<M>>),
}

impl<P: Eq + Hash, M> Found<P, M> {
    /// Files each key's answer in `out`: its parent's count (0 when it has
    /// no rows), or its parent's page.
    pub(super) fn file<K>(mut self, keys: Vec<&K>, parent: impl Fn(&K) -> P, out: &mut HashMap<K, Listed<M>>)
    where
        K: Clone + Eq + Hash,
    {
        for key in keys {
            let answer = match &mut self {
                Self::Counts(counts) => Some(Listed::Count(counts.get(&parent(key)).copied().unwrap_or(0))),
                Self::Pages(pages) => pages.remove(&parent(key)).map(Listed::Page),
            };
            if let Some(answer) = answer {
                out.insert(key.clone(), answer);
            }
        }
    }
}

/// Reads nested lists of `E` for many parents at once.
pub struct ListLoader<E> {
    db: DatabaseConnection,
    _table: std::marker::PhantomData<fn() -> E>,
}

impl<E> ListLoader<E> {
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            db,
            _table: std::marker::PhantomData,
        }
    }
}

const LIST_OWNER: &str = "list_owner";
const LIST_COUNT: &str = "list_count";

impl<E> ListLoader<E>
where
    E: Keyed + Send + Sync + 'static,
    E::Model: FromQueryResult + Clone + Send + Sync + 'static,
{
    async fn pages(
        &self,
        plan: &Plan<E>,
        parents: &[Parent],
    ) -> Result<HashMap<Parent, Slice<E::Model>>, AppError> {
        let (size, backwards) = plan.window.reading();
        let terms = plan.order.terms(backwards);
        // One page per parent: its rows, in list order, cut at one more
        // than the page size (to tell whether there is a next page).
        let mut pages: Vec<SelectStatement> = Vec::with_capacity(parents.len());
        let mut owners: HashMap<i64, Parent> = HashMap::with_capacity(parents.len());
        for (i, (parent, condition)) in plan
            .scope
            .conditions::<E>(&self.db, parents)
            .await?
            .into_iter()
            .enumerate()
        {
            owners.insert(parent.owner(i), parent);
            let mut page = within(plan.select.clone(), &plan.order, &plan.window)
                .filter(condition)
                .into_query();
            page.clear_order_by();
            page.expr_as(Expr::val(parent.owner(i)), Alias::new(LIST_OWNER));
            for (expr, order, nulls) in &terms {
                match nulls {
                    Some(nulls) => page.order_by_expr_with_nulls(expr.clone(), order.clone(), *nulls),
                    None => page.order_by_expr(expr.clone(), order.clone()),
                };
            }
            page.limit(size + 1);
            pages.push(page);
        }
        let rows = read_pages(&self.db, pages).await?;
        let mut out: HashMap<Parent, Vec<E::Model>> = parents.iter().map(|p| (*p, Vec::new())).collect();
        for row in rows {
            let owner: i64 = row.try_get("", LIST_OWNER)?;
            let model = E::Model::from_query_result(&row, "")?;
            if let Some(parent) = owners.get(&owner) {
                out.entry(*parent).or_default().push(model);
            }
        }
        Ok(out
            .into_iter()
            .map(|(parent, rows)| (parent, plan.window.cut(rows)))
            .collect())
    }

    async fn counts(&self, plan: &Plan<E>, parents: &[Parent]) -> Result<HashMap<Parent, i64>, AppError> {
        let mut out: HashMap<Parent, i64> = parents.iter().map(|p| (*p, 0)).collect();
        // A position's pairs are one compound SELECT term each: as many
        // parents to a query as pages.
        for chunk in parents.chunks(PAGES_PER_QUERY) {
            let scope = Alias::new("scope");
            let pairs = plan.scope.pairs::<E>(&self.db, chunk).await?;
            let mut query = if plan.filtered {
                // The rows' own conditions: the pairs joined with the rows.
                let table = Alias::new(E::default().table_name());
                let mut query = plan.select.clone().into_query();
                query.clear_selects();
                query.join_subquery(
                    JoinType::InnerJoin,
                    pairs,
                    scope.clone(),
                    Expr::col((scope.clone(), Alias::new(MEMBER)))
                        .equals((table, Alias::new(E::id_column().to_string()))),
                );
                query
            } else {
                // Every pair names a row (a key or a foreign key), so the
                // pairs alone count the rows, without a read of each.
                Query::select().from_subquery(pairs, scope.clone()).to_owned()
            };
            query
                .expr_as(
                    Expr::col((scope.clone(), Alias::new(OWNER))),
                    Alias::new(LIST_OWNER),
                )
                .expr_as(Expr::cust("COUNT(*)"), Alias::new(LIST_COUNT))
                .group_by_col((scope, Alias::new(OWNER)));
            let rows = self.db.query_all(&query).await?;
            let owners: HashMap<i64, Parent> =
                chunk.iter().enumerate().map(|(i, p)| (p.owner(i), *p)).collect();
            for row in rows {
                let owner: i64 = row.try_get("", LIST_OWNER)?;
                if let Some(parent) = owners.get(&owner) {
                    out.insert(*parent, row.try_get("", LIST_COUNT)?);
                }
            }
        }
        Ok(out)
    }
}

impl<E> Loader<ListKey<E>> for ListLoader<E>
where
    E: Keyed + Send + Sync + 'static,
    E::Model: FromQueryResult + Clone + Send + Sync + 'static,
{
    type Value = Listed<E::Model>;
    type Error = AppError;

    async fn load(&self, keys: &[ListKey<E>]) -> Result<HashMap<ListKey<E>, Self::Value>, AppError> {
        // Keys of one field share a plan: one query per plan and kind.
        let mut groups: HashMap<(&str, bool), Vec<&ListKey<E>>> = HashMap::new();
        for key in keys {
            groups
                .entry((key.plan.fingerprint.as_str(), key.count))
                .or_default()
                .push(key);
        }
        let mut out = HashMap::with_capacity(keys.len());
        for ((_, count), group) in groups {
            let plan = &group[0].plan;
            let parents: Vec<Parent> = group.iter().map(|k| k.parent).collect();
            let found = if count {
                Found::Counts(self.counts(plan, &parents).await?)
            } else {
                Found::Pages(self.pages(plan, &parents).await?)
            };
            found.file(group, |k| k.parent, &mut out);
        }
        Ok(out)
    }
}
