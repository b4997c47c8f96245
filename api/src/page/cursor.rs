//! Cursors: a position in a list, as clients see it (an opaque string) and
//! as SQL sees it (a row-value comparison).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sea_orm::sea_query::{Expr, ExprTrait};
use serde::{Deserialize, Serialize};

use super::SortKind;
use crate::error::{AppError, AppResult};

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

    /// Decodes the cursor a client passed as argument `name`, refusing one
    /// of another list or order.
    pub(super) fn check(&self, name: &str, text: &str) -> AppResult<Cursor> {
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
pub fn keyset(column: Option<Expr>, id: Expr, shape: &CursorShape, cursor: &Cursor, later: bool) -> Expr {
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

    /// The key of the row the cursor points at.
    pub(super) fn key(&self) -> i64 {
        self.key
    }
}
