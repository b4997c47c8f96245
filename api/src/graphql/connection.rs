//! Relay cursor connections over the pagination model ([`crate::page`]).
//!
//! Root lists read one page with one query ([`slice`]). Lists nested under
//! many parents (`Person.statements` for a page of people) are read by
//! [`crate::loader::ListLoader`] for all parents at once, with a window
//! function ([`nested`]); both share the cursor logic of the pagination
//! model. `totalCount` runs only when it is asked for.

use std::borrow::Cow;
use std::sync::Arc;

use async_graphql::{Context, Object, OutputType, SimpleObject, TypeName};
use futures_util::future::BoxFuture;
use sea_orm::sea_query::{Alias, Expr, Query, SelectStatement};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select,
};

use super::{database, loaders};
use crate::error::AppResult;
use crate::loader::{ListKey, Listable, Listed, Parent, Plan, Scope};
use crate::page::{DEFAULT_PAGE_SIZE, Keyed, Order, PageArgs, Slice, max_page_size, within};

/// The cost of a list field for the complexity limit: the items a page may
/// hold (`first` or `last`, else the default page size, at most the maximum)
/// times what each item selects, plus one for the field itself.
pub fn page_cost(first: Option<i32>, last: Option<i32>, child_complexity: usize) -> usize {
    let items = first
        .or(last)
        .unwrap_or(DEFAULT_PAGE_SIZE)
        .clamp(0, max_page_size()) as usize;
    1 + items.saturating_mul(child_complexity)
}

/// What a filter that no index serves adds to its list's complexity (see
/// `StatementFilter::scan_cost`): as much as a page of a hundred items that
/// select ten fields each, for the whole table it reads.
pub const SCAN_COST: usize = 1_000;

/// How many items a list that is not paged counts as: such lists hold what
/// one fact names (a statement's issues and mentions, an event's places and
/// participants, a name's aliases), a handful each; their rows count
/// against the request's row budget (`--max-rows`) as well.
pub const SMALL_LIST_ITEMS: usize = 10;

/// The cost of a list that is not paged: [`SMALL_LIST_ITEMS`] times what
/// each item selects, plus one for the field itself.
pub fn small_list_cost(child_complexity: usize) -> usize {
    1 + SMALL_LIST_ITEMS.saturating_mul(child_complexity)
}

/// Counts the items of a whole list when `totalCount` asks.
pub trait Counter: Send + Sync {
    fn count<'a>(&'a self, ctx: &'a Context<'_>) -> BoxFuture<'a, AppResult<i64>>;
}

/// A root list's count: one `COUNT(*)` over the filtered list.
struct CountQuery(SelectStatement);

impl Counter for CountQuery {
    fn count<'a>(&'a self, ctx: &'a Context<'_>) -> BoxFuture<'a, AppResult<i64>> {
        Box::pin(async move {
            let db = database(ctx)?;
            let row = db.query_one(&self.0).await?;
            Ok(match row {
                Some(row) => row.try_get_by_index::<i64>(0)?,
                None => 0,
            })
        })
    }
}

/// A page of a list: a Relay cursor connection, named `<Type>Connection`.
pub struct Page<T> {
    edges: Vec<PageEdge<T>>,
    page_info: PageInfo,
    count: Arc<dyn Counter>,
}

impl<T: OutputType> TypeName for Page<T> {
    fn type_name() -> Cow<'static, str> {
        format!("{}Connection", T::type_name()).into()
    }
}

/// A page of a list, as the Relay cursor connection spec describes it:
/// `edges` with a cursor each, `pageInfo` to page on, and `totalCount`.
#[Object(name_type)]
impl<T: OutputType> Page<T> {
    /// The items of this page, each with its cursor.
    async fn edges(&self) -> &[PageEdge<T>] {
        &self.edges
    }

    /// The items of this page, without cursors.
    async fn nodes(&self) -> Vec<&T> {
        self.edges.iter().map(|e| &e.node).collect()
    }

    /// Where this page lies in the list, and the cursors to page on.
    async fn page_info(&self) -> &PageInfo {
        &self.page_info
    }

    /// How many items the whole list has, across all pages.
    async fn total_count(&self, ctx: &Context<'_>) -> AppResult<i64> {
        self.count.count(ctx).await
    }
}

/// One item of a page and its cursor, named `<Type>Edge`.
pub struct PageEdge<T> {
    cursor: String,
    node: T,
}

impl<T: OutputType> TypeName for PageEdge<T> {
    fn type_name() -> Cow<'static, str> {
        format!("{}Edge", T::type_name()).into()
    }
}

/// One item of a page, with the cursor of its position in the list.
#[Object(name_type)]
impl<T: OutputType> PageEdge<T> {
    /// The item's position in the list; pass it as `after` or `before`.
    async fn cursor(&self) -> &str {
        &self.cursor
    }

    /// The item.
    async fn node(&self) -> &T {
        &self.node
    }
}

impl<T> Page<T> {
    /// A page of items with their cursors, read by a reader of its own.
    pub fn from_edges(
        edges: Vec<(String, T)>,
        has_previous_page: bool,
        has_next_page: bool,
        count: Arc<dyn Counter>,
    ) -> Self {
        let edges: Vec<PageEdge<T>> = edges
            .into_iter()
            .map(|(cursor, node)| PageEdge { cursor, node })
            .collect();
        let page_info = PageInfo {
            has_next_page,
            has_previous_page,
            start_cursor: edges.first().map(|e| e.cursor.clone()),
            end_cursor: edges.last().map(|e| e.cursor.clone()),
        };
        Page {
            edges,
            page_info,
            count,
        }
    }
}

/// Where a page lies in its list.
#[derive(SimpleObject, Debug, Clone)]
pub struct PageInfo {
    /// True when items follow this page.
    pub has_next_page: bool,
    /// True when items precede this page. Nested lists paged forwards
    /// with `after` say false, as the Relay spec allows.
    pub has_previous_page: bool,
    /// The cursor of the page's first item; null for an empty page.
    pub start_cursor: Option<String>,
    /// The cursor of the page's last item; null for an empty page.
    pub end_cursor: Option<String>,
}

/// Reads one page of a root list, with a counter for `totalCount`.
pub async fn slice<E: Keyed>(
    db: &DatabaseConnection,
    select: Select<E>,
    order: &Order<E>,
    args: PageArgs,
) -> AppResult<(Slice<E::Model>, Arc<dyn Counter>)> {
    let window = args.check(order)?;
    let count: Arc<dyn Counter> = Arc::new(CountQuery(count_of(select.clone())));
    let (size, backwards) = window.reading();
    let mut query = within(select.clone(), order, &window);
    for (expr, dir, nulls) in order.terms(backwards) {
        query = match nulls {
            Some(nulls) => query.order_by_with_nulls(expr, dir, nulls),
            None => query.order_by(expr, dir),
        };
    }
    crate::budget::check()?;
    let rows = query.limit(size + 1).all(db).await?;
    crate::budget::charge(rows.len())?;
    let Slice {
        rows,
        mut has_previous_page,
        mut has_next_page,
    } = window.cut(rows);
    // Beyond the cursors: rows the client skipped exist if any row lies
    // at or past them. One indexed probe each, only when a cursor was given.
    if !has_previous_page && let Some(after) = &window.after {
        has_previous_page = exists(db, select.clone().filter(order.at_or_before(after))).await?;
    }
    if !has_next_page && let Some(before) = &window.before {
        has_next_page = exists(db, select.filter(order.at_or_after(before))).await?;
    }
    Ok((
        Slice {
            rows,
            has_previous_page,
            has_next_page,
        },
        count,
    ))
}

async fn exists<E: Keyed>(db: &DatabaseConnection, select: Select<E>) -> AppResult<bool> {
    Ok(select.limit(1).one(db).await?.is_some())
}

fn count_of<E: Keyed>(select: Select<E>) -> SelectStatement {
    Query::select()
        .expr(Expr::cust("COUNT(*)"))
        .from_subquery(select.into_query(), Alias::new("counted"))
        .to_owned()
}

/// A nested list's count, read with its siblings' by the list loader.
struct NestedCount<E: Keyed>(ListKey<E>);

impl<E> Counter for NestedCount<E>
where
    E: Listable,
    E::Model: sea_orm::FromQueryResult + Clone + Send + Sync + 'static,
{
    fn count<'a>(&'a self, ctx: &'a Context<'_>) -> BoxFuture<'a, AppResult<i64>> {
        Box::pin(async move {
            match E::lists(loaders(ctx)?).load_one(self.0.clone()).await? {
                Some(Listed::Count(n)) => Ok(n),
                _ => Ok(0),
            }
        })
    }
}

/// Reads one page of a list nested under `parent`, batched with the same
/// list of the parent's siblings, with a counter for `totalCount`.
pub async fn nested<E>(
    ctx: &Context<'_>,
    parent: impl Into<Parent>,
    scope: Scope,
    select: Select<E>,
    order: Order<E>,
    args: PageArgs,
) -> AppResult<(Slice<E::Model>, Arc<dyn Counter>)>
where
    E: Listable,
    E::Model: sea_orm::FromQueryResult + Clone + Send + Sync + 'static,
{
    let window = args.check(&order)?;
    let plan = Arc::new(Plan::new(scope, select, order, window));
    let key = ListKey {
        parent: parent.into(),
        plan,
        count: false,
    };
    let count: Arc<dyn Counter> = Arc::new(NestedCount(ListKey {
        count: true,
        ..key.clone()
    }));
    let slice = match E::lists(loaders(ctx)?).load_one(key).await? {
        Some(Listed::Page(slice)) => slice,
        _ => Slice::default(),
    };
    Ok((slice, count))
}
