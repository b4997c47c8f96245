//! When a statement was made, from the words of its sentence and the day
//! the article was published: "on Tuesday", "last Friday", "yesterday",
//! "in December", "on 3 December", "December 3", "last month", "last year".
//! The answer keeps the precision the text gives (`2025-12-02`, `2025-12`,
//! `2024`).

use chrono::{Datelike, Duration, NaiveDate};

use super::rules::WEEKDAYS;

/// The months, January first.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The date the words name, as the import format writes it, or `None`
/// when they name none. `words` are in lower case, in order.
pub fn named(words: &[String], published: NaiveDate) -> Option<String> {
    let day = |d: NaiveDate| Some(d.to_string());
    for (i, w) in words.iter().enumerate() {
        let before = i.checked_sub(1).map(|b| words[b].as_str());
        let after = words.get(i + 1).map(String::as_str);
        match w.as_str() {
            "yesterday" => return day(published - Duration::days(1)),
            "today" | "tonight" => return day(published),
            _ => {}
        }
        if let Some(weekday) = WEEKDAYS.iter().position(|d| d == w) {
            let back = (published.weekday().num_days_from_monday() as i64 - weekday as i64).rem_euclid(7);
            match before {
                Some("on") => return day(published - Duration::days(back)),
                // "last Friday" on a Friday is a week ago.
                Some("last") => return day(published - Duration::days(if back == 0 { 7 } else { back })),
                _ => {}
            }
        }
        if let Some(month) = MONTHS.iter().position(|m| m == w) {
            let month = month as u32 + 1;
            // The last such month on or before publication.
            let year = if month > published.month() {
                published.year() - 1
            } else {
                published.year()
            };
            let of_day = |n: Option<&str>| {
                n.and_then(|n| n.parse::<u32>().ok())
                    .filter(|n| (1..=31).contains(n))
            };
            // "on 3 December", "December 3".
            if let Some(d) = of_day(after).or_else(|| of_day(before))
                && let Some(date) = NaiveDate::from_ymd_opt(year, month, d)
            {
                return day(date);
            }
            if matches!(
                before,
                Some("in" | "since" | "during" | "until" | "early" | "late" | "mid")
            ) {
                return Some(format!("{year}-{month:02}"));
            }
        }
        match (w.as_str(), after) {
            ("last", Some("month")) => {
                let first = published.with_day(1)? - Duration::days(1);
                return Some(format!("{}-{:02}", first.year(), first.month()));
            }
            ("this", Some("month")) => return Some(format!("{}-{:02}", published.year(), published.month())),
            ("last", Some("year")) => return Some(format!("{}", published.year() - 1)),
            ("this", Some("year")) => return Some(format!("{}", published.year())),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn when(text: &str) -> Option<String> {
        // Published on Wednesday 3 December 2025.
        let published = NaiveDate::from_ymd_opt(2025, 12, 3).unwrap();
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        named(&words, published)
    }

    #[test]
    fn days_the_text_names() {
        assert_eq!(
            when("talks with the Russian leader on Tuesday").as_deref(),
            Some("2025-12-02")
        );
        assert_eq!(when("he said on Wednesday").as_deref(), Some("2025-12-03"));
        assert_eq!(when("she said last Wednesday").as_deref(), Some("2025-11-26"));
        assert_eq!(when("officials said yesterday").as_deref(), Some("2025-12-02"));
        assert_eq!(
            when("the minister said on 28 November").as_deref(),
            Some("2025-11-28")
        );
        assert_eq!(when("said on November 28 that").as_deref(), Some("2025-11-28"));
    }

    #[test]
    fn months_and_years_keep_their_precision() {
        assert_eq!(when("a summit in December").as_deref(), Some("2025-12"));
        // A month after publication is last year's.
        assert_eq!(when("talks held in March").as_deref(), Some("2025-03"));
        assert_eq!(when("as he warned in early December").as_deref(), Some("2025-12"));
        assert_eq!(when("she said last month").as_deref(), Some("2025-11"));
        assert_eq!(when("the plan agreed last year").as_deref(), Some("2024"));
        assert_eq!(when("nothing here").as_deref(), None);
        // "May" alone is too often a verb to be a month.
        assert_eq!(when("it may end").as_deref(), None);
    }
}
