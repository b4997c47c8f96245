//! The pagination model: how a list is ordered, cut into pages and
//! resumed from a cursor, below both the loaders and the GraphQL layer.
//!
//! A list is sorted by one field and then by key, and cut with a row-value
//! comparison against the cursor (`(said_on, id) > (?, ?)`) and a `LIMIT`,
//! never with `OFFSET`, so a late page costs what the first page costs.
//! Missing values (a statement with no date) sort before every value, as
//! SQLite sorts them natively; descending lists show them last.
//!
//! This module knows SQL expressions and rows, not GraphQL connections or
//! loaders: `graphql::connection` turns a [`Slice`] into a connection, and
//! `loader::ListLoader` reads the slices of many parents at once.

mod cursor;
mod order;

use std::sync::atomic::{AtomicI32, Ordering};

pub use cursor::{Cursor, CursorShape, keyset};
pub use order::{Keyed, Order, OrderDirection, SortKind, within};

use crate::error::{AppError, AppResult};

/// Page size when neither `first` nor `last` is given.
pub const DEFAULT_PAGE_SIZE: i32 = 20;
/// The largest `first` or `last` a client may ask for, by default.
pub const MAX_PAGE_SIZE: i32 = 100;

/// The largest page this server serves: [`MAX_PAGE_SIZE`] unless the
/// operator set another (`--max-page-size`).
static PAGE_LIMIT: AtomicI32 = AtomicI32::new(MAX_PAGE_SIZE);

/// Sets the largest page, once, at startup.
pub fn set_max_page_size(n: i32) {
    PAGE_LIMIT.store(Ord::max(n, 1), Ordering::Relaxed);
}

/// The largest page this server serves.
pub fn max_page_size() -> i32 {
    PAGE_LIMIT.load(Ordering::Relaxed)
}

/// The Relay pagination arguments, as a client sent them.
#[derive(Debug, Clone, Default)]
pub struct PageArgs {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
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
                Some(n) if n > max_page_size() => {
                    // `first` pages on with `after`, `last` back with `before`.
                    let cursor = if name == "last" { "before" } else { "after" };
                    Err(AppError::bad_input(format!(
                        "`{name}` must be at most {} (got {n}); page through the list with `{cursor}`",
                        max_page_size()
                    )))
                }
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

/// Rows of one page, in list order, with what lies beyond them.
#[derive(Debug, Clone)]
pub struct Slice<M> {
    pub rows: Vec<M>,
    pub has_previous_page: bool,
    pub has_next_page: bool,
}

impl<M> Default for Slice<M> {
    /// An empty page with nothing beyond it.
    fn default() -> Self {
        Self {
            rows: Vec::new(),
            has_previous_page: false,
            has_next_page: false,
        }
    }
}
