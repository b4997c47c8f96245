//! Scalars and small value types shared by many objects.

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, SimpleObject, Value};
use chrono::NaiveDate;

/// A calendar date, `YYYY-MM-DD` (ISO 8601).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

/// A calendar date in ISO 8601 form, `YYYY-MM-DD`.
#[Scalar(
    name = "Date",
    specified_by_url = "https://www.rfc-editor.org/rfc/rfc3339#section-5.6"
)]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Date).map_err(|_| {
                InputValueError::custom(format!("\"{s}\" is not a date of the form YYYY-MM-DD"))
            }),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

/// How precisely a date is known.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::kinds::DatePrecision")]
pub enum DatePrecision {
    /// Known to the day.
    Day,
    /// Known to the month; `date` is the month's first day.
    Month,
    /// Known to the year; `date` is the year's first day.
    Year,
}

/// A date known to a day, a month or a year ("in December 2025").
#[derive(SimpleObject, Debug, Clone)]
pub struct PartialDate {
    /// The date; for a month or a year, its first day.
    pub date: Date,
    /// How much of `date` is known.
    pub precision: DatePrecision,
    /// The date as far as it is known: `2025-12-02`, `2025-12` or `2025`.
    pub text: String,
}

impl PartialDate {
    /// Pairs a stored date with its precision; `None` when the date is unknown.
    pub fn from_columns(
        date: Option<NaiveDate>,
        precision: Option<entity::kinds::DatePrecision>,
    ) -> Option<Self> {
        let known = crate::domain::PartialDate::from_columns(date, precision)?;
        Some(Self {
            date: Date(known.date),
            precision: known.precision.into(),
            text: known.format(),
        })
    }
}

/// An exact decimal number, sent as a string so that no digit is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal(pub rust_decimal::Decimal);

/// An exact decimal number, as a string ("184000000000", "12.50"; input
/// may also use exponent form, "1.84e11"): JSON numbers are binary
/// floating point and would round amounts.
#[Scalar(name = "Decimal")]
impl ScalarType for Decimal {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => s
                .parse::<rust_decimal::Decimal>()
                .or_else(|_| rust_decimal::Decimal::from_scientific(s))
                .map(Decimal)
                .map_err(|_| InputValueError::custom(format!("\"{s}\" is not a decimal number"))),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_string())
    }
}
