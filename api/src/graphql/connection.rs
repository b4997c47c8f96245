//! Relay cursor connections with keyset pagination.
//!
//! A list is sorted by one field and then by key, and cut with a row-value
//! comparison against the cursor (`(said_on, id) > (?, ?)`) and a `LIMIT`,
//! never with `OFFSET`, so a late page costs what the first page costs.
//! Missing values (a statement with no date) sort before every value, as
//! SQLite sorts them natively; descending lists show them last.
//!
//! Root lists read one page with one query ([`slice`]). Lists nested under
//! many parents (`Person.statements` for a page of people) are read by
//! [`crate::loader::ListLoader`] for all parents at once, with a window
//! function; both share the cursor logic here. `totalCount` runs only when
//! it is asked for.

use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use async_graphql::{Context, Object, OutputType, SimpleObject, TypeName};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sea_orm::sea_query::{
    Alias, Expr, ExprTrait, IntoColumnRef, NullOrdering, Order as SqlOrder, Query, SelectStatement,
};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    Select,
};
use serde::{Deserialize, Serialize};

use super::{database, loaders};
use crate::error::{AppError, AppResult};
use crate::loader::{Keyed, ListKey, Listable, Listed, Parent, Plan, Scope};

/// Page size when neither `first` nor `last` is given.
pub const DEFAULT_PAGE_SIZE: i32 = 20;
/// The largest `first` or `last` a client may ask for, by default.
pub const MAX_PAGE_SIZE: i32 = 100;

/// The largest page this server serves: [`MAX_PAGE_SIZE`] unless the
/// operator set another (`--max-page-size`).
static PAGE_LIMIT: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(MAX_PAGE_SIZE);

/// Sets the largest page, once, at startup.
pub fn set_max_page_size(n: i32) {
    PAGE_LIMIT.store(Ord::max(n, 1), std::sync::atomic::Ordering::Relaxed);
}

/// The largest page this server serves.
pub fn max_page_size() -> i32 {
    PAGE_LIMIT.load(std::sync::atomic::Ordering::Relaxed)
}

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

/// Whether a list runs from the smallest value up or from the largest down.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum OrderDirection {
    /// Smallest first: A to Z, oldest first. Items without a value come first.
    #[default]
    Asc,
    /// Largest first: Z to A, newest first. Items without a value come last.
    Desc,
}

/// How values of a sort column compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKind {
    /// Text, compared as stored (sort columns hold folded names).
    Text,
    /// A calendar date.
    Date,
}

/// The order of a list: one column (or none: the key alone), then the key.
pub struct Order<E: EntityTrait> {
    /// Names the list in cursors, so a cursor of another list is refused.
    pub list: &'static str,
    /// Names the sort field in cursors.
    pub field: &'static str,
    /// The sort column and how it compares; `None` sorts by key only.
    pub column: Option<(E::Column, SortKind)>,
    /// A row's value of the sort column, as cursors carry it.
    pub value: fn(&E::Model) -> Option<String>,
    pub direction: OrderDirection,
}

impl<E: EntityTrait> Clone for Order<E> {
    fn clone(&self) -> Self {
        Self {
            list: self.list,
            field: self.field,
            column: self.column,
            value: self.value,
            direction: self.direction,
        }
    }
}

impl<E: EntityTrait> std::fmt::Debug for Order<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{} {:?}", self.list, self.field, self.direction)
    }
}

impl<E: Keyed> Order<E> {
    /// Insertion order: by key alone.
    pub fn by_key(list: &'static str, direction: OrderDirection) -> Self {
        Self {
            list,
            field: "createdAt",
            column: None,
            value: |_| None,
            direction,
        }
    }

    /// By a column, then by key.
    pub fn by(
        list: &'static str,
        field: &'static str,
        column: E::Column,
        kind: SortKind,
        value: fn(&E::Model) -> Option<String>,
        direction: OrderDirection,
    ) -> Self {
        Self {
            list,
            field,
            column: Some((column, kind)),
            value,
            direction,
        }
    }

    /// The cursor of a row in this order.
    pub fn cursor_of(&self, model: &E::Model) -> Cursor {
        self.shape().cursor((self.value)(model), E::key(model))
    }

    /// What this order's cursors say.
    pub(crate) fn shape(&self) -> CursorShape {
        CursorShape {
            list: self.list,
            field: self.field,
            descending: self.direction == OrderDirection::Desc,
            kind: self.column.map(|(_, kind)| kind),
        }
    }

    /// Rows strictly after (`later`) or strictly before the cursor, in
    /// ascending terms: missing values are smaller than every value.
    fn beyond(&self, cursor: &Cursor, later: bool) -> Expr {
        let id = Expr::col((E::default(), E::id_column()));
        let column = self.column.map(|(column, _)| Expr::col((E::default(), column)));
        keyset(column, id, &self.shape(), cursor, later)
    }

    /// `after` the cursor in this order's direction.
    pub(crate) fn after(&self, cursor: &Cursor) -> Expr {
        self.beyond(cursor, self.direction == OrderDirection::Asc)
    }

    /// `before` the cursor in this order's direction.
    pub(crate) fn before(&self, cursor: &Cursor) -> Expr {
        self.beyond(cursor, self.direction == OrderDirection::Desc)
    }

    /// The cursor's row, or rows before it in this order's direction.
    pub(crate) fn at_or_before(&self, cursor: &Cursor) -> Expr {
        let id = Expr::col((E::default(), E::id_column()));
        self.before(cursor).or(id.eq(cursor.key))
    }

    /// The cursor's row, or rows after it in this order's direction.
    pub(crate) fn at_or_after(&self, cursor: &Cursor) -> Expr {
        let id = Expr::col((E::default(), E::id_column()));
        self.after(cursor).or(id.eq(cursor.key))
    }

    /// The ORDER BY terms that read the list forwards, or backwards. The
    /// sort column says where NULLs go; the key, never NULL, says nothing,
    /// so that PostgreSQL can read the page from an index in list order (a
    /// `NULLS FIRST` on an ascending key matches no B-tree index, and made
    /// it fetch and sort every row of the list for each page).
    pub(crate) fn terms(&self, backwards: bool) -> Vec<(Expr, SqlOrder, Option<NullOrdering>)> {
        let ascending = (self.direction == OrderDirection::Asc) != backwards;
        let (order, nulls) = if ascending {
            (SqlOrder::Asc, NullOrdering::First)
        } else {
            (SqlOrder::Desc, NullOrdering::Last)
        };
        let mut terms = Vec::with_capacity(2);
        if let Some((column, _)) = self.column {
            terms.push((
                Expr::col((E::default(), column).into_column_ref()),
                order.clone(),
                Some(nulls),
            ));
        }
        terms.push((
            Expr::col((E::default(), E::id_column()).into_column_ref()),
            order,
            None,
        ));
        terms
    }
}

/// What the cursors of one list in one order say: the list, the sort
/// field and direction, and the kind of the sort values (none: by key).
#[derive(Debug, Clone, Copy)]
pub struct CursorShape {
    pub list: &'static str,
    pub field: &'static str,
    pub descending: bool,
    pub kind: Option<SortKind>,
}

impl CursorShape {
    /// The cursor of a row with this sort value and key.
    pub fn cursor(&self, value: Option<String>, key: i64) -> Cursor {
        Cursor {
            list: self.list.to_owned(),
            field: self.field.to_owned(),
            descending: self.descending,
            value,
            key,
        }
    }

    fn check(&self, name: &str, text: &str) -> AppResult<Cursor> {
        let foreign = || {
            AppError::bad_input(format!(
                "`{name}`: \"{text}\" is not a cursor of this list in this order; \
                 use a cursor this list returned with the same `orderBy`"
            ))
        };
        let cursor = Cursor::decode(text).ok_or_else(foreign)?;
        let same_order =
            cursor.list == self.list && cursor.field == self.field && cursor.descending == self.descending;
        let value_fits = match (&self.kind, &cursor.value) {
            (None, None) | (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(SortKind::Text), Some(_)) => true,
            (Some(SortKind::Date), Some(v)) => v.parse::<chrono::NaiveDate>().is_ok(),
        };
        if same_order && value_fits {
            Ok(cursor)
        } else {
            Err(foreign())
        }
    }

    fn sql_value(&self, value: &str) -> Expr {
        match self.kind {
            Some(SortKind::Date) => match value.parse::<chrono::NaiveDate>() {
                Ok(date) => Expr::val(date),
                Err(_) => Expr::val(value.to_owned()),
            },
            _ => Expr::val(value.to_owned()),
        }
    }
}

/// Rows whose (`column`, `id`) lies strictly after (`later`) or strictly
/// before the cursor, in ascending terms: missing values are smaller than
/// every value. `column` and `id` may be any expressions, aggregates too.
pub(crate) fn keyset(
    column: Option<Expr>,
    id: Expr,
    shape: &CursorShape,
    cursor: &Cursor,
    later: bool,
) -> Expr {
    let Some(col) = column else {
        return if later {
            id.gt(cursor.key)
        } else {
            id.lt(cursor.key)
        };
    };
    match &cursor.value {
        Some(value) => {
            let pair = Expr::tuple([col.clone(), id]);
            let at = Expr::tuple([shape.sql_value(value), Expr::val(cursor.key)]);
            if later {
                // Rows without a value sort first, so none lies after a value.
                pair.gt(at)
            } else {
                pair.lt(at).or(col.is_null())
            }
        }
        None => {
            if later {
                col.clone().is_null().and(id.gt(cursor.key)).or(col.is_not_null())
            } else {
                col.is_null().and(id.lt(cursor.key))
            }
        }
    }
}

/// A position in a list: the sort value and key of the row there, and the
/// list and order it belongs to. Clients see it as an opaque string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cursor {
    #[serde(rename = "l")]
    list: String,
    #[serde(rename = "o")]
    field: String,
    #[serde(rename = "d", default)]
    descending: bool,
    #[serde(rename = "v", default)]
    value: Option<String>,
    #[serde(rename = "k")]
    key: i64,
}

impl Cursor {
    pub fn encode(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        URL_SAFE_NO_PAD.encode(json)
    }

    fn decode(text: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD.decode(text).ok()?;
        serde_json::from_slice(&bytes).ok()
    }
}

/// Counts the items of a whole list when `totalCount` asks.
pub trait Counter: Send + Sync {
    fn count<'a>(&'a self, ctx: &'a Context<'_>)
    -> Pin<Box<dyn Future<Output = AppResult<i64>> + Send + 'a>>;
}

/// A root list's count: one `COUNT(*)` over the filtered list.
struct CountQuery(SelectStatement);

impl Counter for CountQuery {
    fn count<'a>(
        &'a self,
        ctx: &'a Context<'_>,
    ) -> Pin<Box<dyn Future<Output = AppResult<i64>> + Send + 'a>> {
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

/// The Relay pagination arguments, as a client sent them.
#[derive(Debug, Clone, Default)]
pub struct PageArgs {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
}

/// The checked arguments: cursors decoded against the list's order, sizes
/// within bounds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Window {
    pub after: Option<Cursor>,
    pub before: Option<Cursor>,
    pub first: Option<u64>,
    pub last: Option<u64>,
}

impl Window {
    /// How many rows to read, and whether reading runs backwards from the end.
    pub fn reading(&self) -> (u64, bool) {
        match (self.first, self.last) {
            (Some(first), _) => (first, false),
            (None, Some(last)) => (last, true),
            (None, None) => (DEFAULT_PAGE_SIZE as u64, false),
        }
    }

    /// The page of rows read in reading order, one more than the page size
    /// (that one tells whether more follow), put in list order.
    pub fn cut<M>(&self, mut rows: Vec<M>) -> Slice<M> {
        let (size, backwards) = self.reading();
        let more = rows.len() as u64 > size;
        rows.truncate(size as usize);
        if backwards {
            rows.reverse();
            Slice {
                rows,
                has_previous_page: more,
                has_next_page: false,
            }
        } else {
            let cut = self.trim_front(&mut rows);
            Slice {
                rows,
                has_previous_page: cut,
                has_next_page: more,
            }
        }
    }

    /// Cuts rows read in list order to the window: `first` then `last`.
    /// Returns whether rows were cut from the front.
    pub fn trim_front<M>(&self, rows: &mut Vec<M>) -> bool {
        if self.first.is_some()
            && let Some(last) = self.last
        {
            let extra = rows.len().saturating_sub(last as usize);
            rows.drain(..extra);
            return extra > 0;
        }
        false
    }
}

impl PageArgs {
    /// Checks the arguments against the list's order.
    pub fn check<E: Keyed>(self, order: &Order<E>) -> AppResult<Window> {
        self.check_shape(&order.shape())
    }

    /// Checks the arguments against what the list's cursors say.
    pub fn check_shape(self, shape: &CursorShape) -> AppResult<Window> {
        let size = |name: &str, value: Option<i32>| -> AppResult<Option<u64>> {
            match value {
                None => Ok(None),
                Some(n) if n < 0 => Err(AppError::bad_input(format!(
                    "`{name}` must not be negative (got {n})"
                ))),
                Some(n) if n > max_page_size() => Err(AppError::bad_input(format!(
                    "`{name}` must be at most {} (got {n}); page through the list with `after`",
                    max_page_size()
                ))),
                Some(n) => Ok(Some(n as u64)),
            }
        };
        let cursor = |name: &str, value: Option<String>| -> AppResult<Option<Cursor>> {
            value.map(|c| shape.check(name, &c)).transpose()
        };
        Ok(Window {
            first: size("first", self.first)?,
            last: size("last", self.last)?,
            after: cursor("after", self.after)?,
            before: cursor("before", self.before)?,
        })
    }
}

/// Rows of one page, in list order, with what lies beyond them.
#[derive(Debug, Clone)]
pub struct Slice<M> {
    pub rows: Vec<M>,
    pub has_previous_page: bool,
    pub has_next_page: bool,
}

impl<M> Slice<M> {
    /// Turns the rows into a connection, wrapping each as a GraphQL object;
    /// a row `wrap` turns into `None` (one that vanished meanwhile) is left out.
    pub fn into_page<E, T>(
        self,
        order: &Order<E>,
        count: Arc<dyn Counter>,
        mut wrap: impl FnMut(M) -> Option<T>,
    ) -> Page<T>
    where
        E: Keyed<Model = M>,
        T: OutputType,
    {
        let edges = self
            .rows
            .into_iter()
            .filter_map(|m| {
                let cursor = order.cursor_of(&m).encode();
                wrap(m).map(|node| (cursor, node))
            })
            .collect();
        Page::from_edges(edges, self.has_previous_page, self.has_next_page, count)
    }
}

/// Applies the window's cursors to a select.
pub(crate) fn within<E: Keyed>(mut select: Select<E>, order: &Order<E>, window: &Window) -> Select<E> {
    if let Some(after) = &window.after {
        select = select.filter(order.after(after));
    }
    if let Some(before) = &window.before {
        select = select.filter(order.before(before));
    }
    select
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
    fn count<'a>(
        &'a self,
        ctx: &'a Context<'_>,
    ) -> Pin<Box<dyn Future<Output = AppResult<i64>> + Send + 'a>> {
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
        _ => Slice {
            rows: Vec::new(),
            has_previous_page: false,
            has_next_page: false,
        },
    };
    Ok((slice, count))
}
