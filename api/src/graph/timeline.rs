//! Timelines: how many of a filtered set of dated facts fall in each day,
//! week, month or year.
//!
//! A fact dated less precisely than the interval (a statement of
//! "December 2025" on a timeline by day) is counted in a bucket of its own
//! precision, the whole month, rather than spread over days or dropped;
//! facts without a date are counted apart.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use entity::kinds::DatePrecision;
use sea_orm::{DatabaseConnection, QueryResult, Statement};

use super::{run, stance_links};
use crate::domain::PartialDate;
use crate::error::AppResult;

/// How long a bucket is, from the finest to the coarsest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Interval {
    Day,
    /// From a Monday to the Sunday after (ISO 8601 weeks).
    Week,
    Month,
    Year,
}

impl From<DatePrecision> for Interval {
    fn from(precision: DatePrecision) -> Self {
        match precision {
            DatePrecision::Day => Self::Day,
            DatePrecision::Month => Self::Month,
            DatePrecision::Year => Self::Year,
        }
    }
}

/// A stretch of days: its first and last day and how long it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Bucket {
    pub start: NaiveDate,
    /// The last day in it.
    pub end: NaiveDate,
    pub width: Interval,
}

impl Bucket {
    /// The bucket of `interval` a date falls in, or of the date's own
    /// precision when it is coarser.
    pub fn of(date: PartialDate, interval: Interval) -> Self {
        let width = interval.max(date.precision.into());
        let day = date.date;
        let (start, end) = match width {
            Interval::Day => (day, day),
            Interval::Week => {
                let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
                (monday, monday + Days::new(6))
            }
            Interval::Month | Interval::Year => {
                let (month, precision) = match width {
                    Interval::Month => (day.month(), DatePrecision::Month),
                    _ => (1, DatePrecision::Year),
                };
                let start = NaiveDate::from_ymd_opt(day.year(), month, 1).unwrap_or(day);
                (
                    start,
                    PartialDate {
                        date: start,
                        precision,
                    }
                    .last_day(),
                )
            }
        };
        Self { start, end, width }
    }
}

/// The count of one bucket, and of its facts by stance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub count: i64,
    /// Stances (as stored: `supports`...) and how many facts take each,
    /// most first; empty for facts without stances.
    pub stances: Vec<(String, i64)>,
}

/// A timeline: its buckets in order (by start, the longer of two that
/// start together first), and the facts without a date.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub buckets: Vec<(Bucket, Tally)>,
    pub undated: Tally,
}

/// The timeline of the facts `rows` selects, whose columns are `sid`, `d`
/// (the date) and `p` (its precision). With `stances`, statements are
/// also counted by the stance of their links to issues, only those to the
/// given issues when there are some (see `StatementFilter.stance`).
pub async fn timeline(
    db: &DatabaseConnection,
    rows: &Statement,
    interval: Interval,
    stances: Option<Option<&[i64]>>,
) -> AppResult<Timeline> {
    let sql = format!(
        "SELECT r.d AS d, r.p AS p, COUNT(*) AS n FROM ({}) r GROUP BY r.d, r.p",
        rows.sql
    );
    let mut tallies: BTreeMap<Option<Bucket>, Tally> = BTreeMap::new();
    let mut stance_counts: BTreeMap<Option<Bucket>, BTreeMap<String, i64>> = BTreeMap::new();
    for row in run(db, rows, sql).await? {
        let bucket = bucket_of(&row, interval)?;
        tallies.entry(bucket).or_default().count += row.try_get::<i64>("", "n")?;
    }
    if let Some(issues) = stances {
        let sql = format!(
            "SELECT r.d AS d, r.p AS p, si.stance AS k, COUNT(DISTINCT r.sid) AS n FROM ({}) r {} \
             GROUP BY r.d, r.p, si.stance",
            rows.sql,
            stance_links(issues)
        );
        for row in run(db, rows, sql).await? {
            let bucket = bucket_of(&row, interval)?;
            *stance_counts
                .entry(bucket)
                .or_default()
                .entry(row.try_get::<String>("", "k")?)
                .or_default() += row.try_get::<i64>("", "n")?;
        }
    }
    let mut timeline = Timeline::default();
    for (bucket, mut tally) in tallies {
        let mut by_stance: Vec<(String, i64)> = stance_counts
            .remove(&bucket)
            .unwrap_or_default()
            .into_iter()
            .collect();
        by_stance.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        tally.stances = by_stance;
        match bucket {
            Some(bucket) => timeline.buckets.push((bucket, tally)),
            None => timeline.undated = tally,
        }
    }
    // By start, the longer of two that start together first.
    timeline
        .buckets
        .sort_by_key(|(b, _)| (b.start, std::cmp::Reverse(b.end)));
    Ok(timeline)
}

/// The bucket of a row's date; `None` for a row without one.
fn bucket_of(row: &QueryResult, interval: Interval) -> AppResult<Option<Bucket>> {
    let date = row.try_get::<Option<NaiveDate>>("", "d")?;
    let precision = row.try_get::<Option<DatePrecision>>("", "p")?;
    Ok(PartialDate::from_columns(date, precision).map(|d| Bucket::of(d, interval)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_falls_in_the_bucket_of_the_interval_or_of_its_own_precision() {
        use Interval::*;
        // 3 December 2025 is a Wednesday; dates coarser than the interval
        // keep their own precision.
        let cases = [
            ("2025-12-03", Day, "2025-12-03", "2025-12-03", Day),
            ("2025-12-03", Week, "2025-12-01", "2025-12-07", Week),
            ("2025-12-07", Week, "2025-12-01", "2025-12-07", Week),
            ("2025-12-03", Month, "2025-12-01", "2025-12-31", Month),
            ("2024-02-10", Month, "2024-02-01", "2024-02-29", Month),
            ("2025-12-03", Year, "2025-01-01", "2025-12-31", Year),
            ("2025-12", Day, "2025-12-01", "2025-12-31", Month),
            ("2025-12", Week, "2025-12-01", "2025-12-31", Month),
            ("2025", Month, "2025-01-01", "2025-12-31", Year),
        ];
        for (date, interval, start, end, width) in cases {
            let bucket = Bucket::of(PartialDate::parse(date).unwrap(), interval);
            let got = (bucket.start.to_string(), bucket.end.to_string(), bucket.width);
            assert_eq!(
                got,
                (start.to_owned(), end.to_owned(), width),
                "{date} by {interval:?}"
            );
        }
    }
}
