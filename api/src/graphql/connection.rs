//! Relay cursor connections with keyset pagination.
//!
//! Lists are ordered by key and cut with `WHERE id > after` / `id < before`
//! and a `LIMIT`, never with `OFFSET`, so a late page costs what the first
//! page costs. `totalCount` runs its `COUNT(*)` only when it is asked for.

use std::borrow::Cow;

use async_graphql::connection::CursorType;
use async_graphql::{Context, Object, OutputType, SimpleObject, TypeName};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sea_orm::sea_query::{Alias, Expr, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    Select,
};

use super::database;
use crate::error::{AppError, AppResult};
use crate::loader::Keyed;

/// Page size when neither `first` nor `last` is given.
pub const DEFAULT_PAGE_SIZE: i32 = 20;
/// The largest `first` or `last` a client may ask for.
pub const MAX_PAGE_SIZE: i32 = 100;

/// A position in a list: the key of the row at that position, made opaque.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyCursor(pub i64);

impl CursorType for KeyCursor {
    type Error = String;

    fn decode_cursor(s: &str) -> Result<Self, String> {
        let invalid = || format!("\"{s}\" is not a cursor of this list");
        let bytes = URL_SAFE_NO_PAD.decode(s).map_err(|_| invalid())?;
        let text = String::from_utf8(bytes).map_err(|_| invalid())?;
        let key = text.strip_prefix("key:").ok_or_else(invalid)?;
        key.parse().map(KeyCursor).map_err(|_| invalid())
    }

    fn encode_cursor(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("key:{}", self.0))
    }
}

/// A page of a list: a Relay cursor connection, named `<Type>Connection`.
pub struct Page<T> {
    edges: Vec<PageEdge<T>>,
    page_info: PageInfo,
    count: SelectStatement,
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
        let db = database(ctx)?;
        let row = db.query_one(&self.count).await?;
        Ok(match row {
            Some(row) => row.try_get_by_index::<i64>(0)?,
            None => 0,
        })
    }
}

/// One item of a page and its cursor, named `<Type>Edge`.
pub struct PageEdge<T> {
    cursor: KeyCursor,
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
    async fn cursor(&self) -> String {
        self.cursor.encode_cursor()
    }

    /// The item.
    async fn node(&self) -> &T {
        &self.node
    }
}

/// Where a page lies in its list.
#[derive(SimpleObject, Debug, Clone)]
pub struct PageInfo {
    /// True when items follow this page.
    pub has_next_page: bool,
    /// True when items precede this page.
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

/// The checked arguments: cursors decoded, sizes within bounds.
struct Window {
    after: Option<i64>,
    before: Option<i64>,
    first: Option<u64>,
    last: Option<u64>,
}

impl PageArgs {
    fn check(self) -> AppResult<Window> {
        let size = |name: &str, value: Option<i32>| -> AppResult<Option<u64>> {
            match value {
                None => Ok(None),
                Some(n) if n < 0 => Err(AppError::bad_input(format!(
                    "`{name}` must not be negative (got {n})"
                ))),
                Some(n) if n > MAX_PAGE_SIZE => Err(AppError::bad_input(format!(
                    "`{name}` must be at most {MAX_PAGE_SIZE} (got {n}); page through the list with `after`"
                ))),
                Some(n) => Ok(Some(n as u64)),
            }
        };
        let cursor = |name: &str, value: Option<String>| -> AppResult<Option<i64>> {
            value
                .map(|c| {
                    KeyCursor::decode_cursor(&c)
                        .map(|k| k.0)
                        .map_err(|e| AppError::bad_input(format!("`{name}`: {e}")))
                })
                .transpose()
        };
        let (first, last) = (size("first", self.first)?, size("last", self.last)?);
        Ok(Window {
            after: cursor("after", self.after)?,
            before: cursor("before", self.before)?,
            first: if first.is_none() && last.is_none() {
                Some(DEFAULT_PAGE_SIZE as u64)
            } else {
                first
            },
            last,
        })
    }
}

/// Rows of one page, in list order, with what lies beyond them.
pub struct Slice<M> {
    pub rows: Vec<M>,
    pub has_previous_page: bool,
    pub has_next_page: bool,
    count: SelectStatement,
}

impl<M> Slice<M> {
    /// Turns the rows into a connection, wrapping each as a GraphQL object;
    /// a row `wrap` turns into `None` (one that vanished meanwhile) is left out.
    pub fn into_page<T: OutputType>(
        self,
        key: impl Fn(&M) -> i64,
        mut wrap: impl FnMut(M) -> Option<T>,
    ) -> Page<T> {
        let edges: Vec<PageEdge<T>> = self
            .rows
            .into_iter()
            .filter_map(|m| {
                let cursor = KeyCursor(key(&m));
                wrap(m).map(|node| PageEdge { cursor, node })
            })
            .collect();
        let page_info = PageInfo {
            has_next_page: self.has_next_page,
            has_previous_page: self.has_previous_page,
            start_cursor: edges.first().map(|e| e.cursor.encode_cursor()),
            end_cursor: edges.last().map(|e| e.cursor.encode_cursor()),
        };
        Page {
            edges,
            page_info,
            count: self.count,
        }
    }
}

/// Reads one page of `select` ordered by key.
pub async fn slice<E: Keyed>(
    db: &DatabaseConnection,
    select: Select<E>,
    args: PageArgs,
) -> AppResult<Slice<E::Model>> {
    let window = args.check()?;
    let id = E::id_column();
    let count = count_of(select.clone());
    let mut bounded = select.clone();
    if let Some(after) = window.after {
        bounded = bounded.filter(id.gt(after));
    }
    if let Some(before) = window.before {
        bounded = bounded.filter(id.lt(before));
    }

    let (mut rows, mut has_previous_page, mut has_next_page);
    if let Some(first) = window.first {
        rows = bounded.order_by_asc(id).limit(first + 1).all(db).await?;
        has_next_page = rows.len() as u64 > first;
        rows.truncate(first as usize);
        has_previous_page = false;
        if let Some(last) = window.last {
            let extra = rows.len().saturating_sub(last as usize);
            has_previous_page = extra > 0;
            rows.drain(..extra);
        }
    } else {
        let last = window.last.unwrap_or(DEFAULT_PAGE_SIZE as u64);
        rows = bounded.order_by_desc(id).limit(last + 1).all(db).await?;
        has_previous_page = rows.len() as u64 > last;
        rows.truncate(last as usize);
        rows.reverse();
        has_next_page = false;
    }
    // Beyond the cursors: rows the client skipped exist if any row lies
    // at or past them. One indexed probe each, only when a cursor was given.
    if !has_previous_page && let Some(after) = window.after {
        has_previous_page = exists(db, select.clone().filter(id.lte(after))).await?;
    }
    if !has_next_page && let Some(before) = window.before {
        has_next_page = exists(db, select.filter(id.gte(before))).await?;
    }
    Ok(Slice {
        rows,
        has_previous_page,
        has_next_page,
        count,
    })
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
