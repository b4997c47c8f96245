//! The order of a list: one sort column (or none), then the row's key.

use sea_orm::sea_query::{Expr, ExprTrait, IntoColumnRef, NullOrdering, Order as SqlOrder};
use sea_orm::{EntityTrait, QueryFilter, Select};

use super::{Cursor, CursorShape, Window, keyset};

/// A table whose rows have an `i64` key in column `id`: the tie-breaker of
/// every order, and what cursors point at.
pub trait Keyed: EntityTrait {
    fn id_column() -> Self::Column;
    fn key(model: &Self::Model) -> i64;
}

macro_rules! keyed {
    ($($module:ident),+ $(,)?) => {$(
        impl Keyed for entity::$module::Entity {
            fn id_column() -> Self::Column {
                entity::$module::Column::Id
            }
            fn key(model: &Self::Model) -> i64 {
                model.id
            }
        }
    )+};
}

keyed!(
    named_entity,
    organisation,
    place,
    issue,
    source,
    statement,
    role,
    relation,
    financial_measure,
    event,
);

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
    /// Text, compared byte by byte as stored (name sort keys are ASCII).
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
    pub fn shape(&self) -> CursorShape {
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
        let column = self.column.map(|(column, _)| Expr::col((E::default(), column)));
        keyset(column, Self::id(), &self.shape(), cursor, later)
    }

    fn id() -> Expr {
        Expr::col((E::default(), E::id_column()))
    }

    /// `after` the cursor in this order's direction.
    pub fn after(&self, cursor: &Cursor) -> Expr {
        self.beyond(cursor, self.direction == OrderDirection::Asc)
    }

    /// `before` the cursor in this order's direction.
    pub fn before(&self, cursor: &Cursor) -> Expr {
        self.beyond(cursor, self.direction == OrderDirection::Desc)
    }

    /// The cursor's row, or rows before it in this order's direction.
    pub fn at_or_before(&self, cursor: &Cursor) -> Expr {
        self.before(cursor).or(Self::id().eq(cursor.key()))
    }

    /// The cursor's row, or rows after it in this order's direction.
    pub fn at_or_after(&self, cursor: &Cursor) -> Expr {
        self.after(cursor).or(Self::id().eq(cursor.key()))
    }

    /// The ORDER BY terms that read the list forwards, or backwards. The
    /// sort column says where NULLs go; the key, never NULL, says nothing,
    /// so that PostgreSQL can read the page from an index in list order (a
    /// `NULLS FIRST` on an ascending key matches no B-tree index, and made
    /// it fetch and sort every row of the list for each page).
    pub fn terms(&self, backwards: bool) -> Vec<(Expr, SqlOrder, Option<NullOrdering>)> {
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

/// Applies the window's cursors to a select.
pub fn within<E: Keyed>(mut select: Select<E>, order: &Order<E>, window: &Window) -> Select<E> {
    if let Some(after) = &window.after {
        select = select.filter(order.after(after));
    }
    if let Some(before) = &window.before {
        select = select.filter(order.before(before));
    }
    select
}
