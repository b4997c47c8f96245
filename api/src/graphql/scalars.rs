//! Scalars and small value types shared by many objects.

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, SimpleObject, Value};
use chrono::NaiveDate;

/// A date known to the day, the month or the year. `.0` is the date, or
/// the first day of its month or year; `.1` says how much of it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date(pub NaiveDate, pub entity::kinds::DatePrecision);

impl Date {
    /// A date known to the day.
    pub fn day(date: NaiveDate) -> Self {
        Self(date, entity::kinds::DatePrecision::Day)
    }

    /// The date as the write core reads it.
    pub fn partial(self) -> crate::domain::PartialDate {
        crate::domain::PartialDate {
            date: self.0,
            precision: self.1,
        }
    }
}

/// Dates order by their (first) day; a day before its month, its month
/// before its year.
impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        use entity::kinds::DatePrecision::{Day, Month, Year};
        let rank = |p| match p {
            Day => 0,
            Month => 1,
            Year => 2,
        };
        Some(self.0.cmp(&other.0).then(rank(self.1).cmp(&rank(other.1))))
    }
}

impl From<crate::domain::PartialDate> for Date {
    fn from(date: crate::domain::PartialDate) -> Self {
        Self(date.date, date.precision)
    }
}

/// A date in ISO 8601 form, known to the day (`2025-12-02`), the month
/// (`2025-12`) or the year (`2025`). As the start of a range it stands for
/// its first day, as the end for its last.
#[Scalar(name = "Date")]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => crate::domain::PartialDate::parse(s)
                .map(Date::from)
                .map_err(InputValueError::custom),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.partial().format())
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
            date: Date::day(known.date),
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
