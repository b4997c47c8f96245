//! When a statement was made, from the words of its sentence and the day
//! the article was published: "on Tuesday", "last Friday", "yesterday",
//! "in December", "on 3 December", "December 3", "last week", "last month",
//! "last year".
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

/// Whether a word is the name of a month.
pub fn is_month(word: &str) -> bool {
    MONTHS.contains(&word)
}

/// The date the words name, as the import format writes it, or `None`
/// when they name none. `words` are in lower case, in order. `ahead`:
/// the words tell of what is to come ("scheduled to meet on Thursday"),
/// so a weekday or a month is the next one rather than the last.
pub fn named(words: &[String], published: NaiveDate, ahead: bool) -> Option<String> {
    let day = |d: NaiveDate| Some(d.to_string());
    for (i, w) in words.iter().enumerate() {
        let before = i.checked_sub(1).map(|b| words[b].as_str());
        let after = words.get(i + 1).map(String::as_str);
        match w.as_str() {
            "yesterday" => return day(published - Duration::days(1)),
            "today" | "tonight" => return day(published),
            "tomorrow" => return day(published + Duration::days(1)),
            _ => {}
        }
        if let Some(weekday) = WEEKDAYS.iter().position(|d| d == w) {
            let back = (published.weekday().num_days_from_monday() as i64 - weekday as i64).rem_euclid(7);
            // "on Tuesday", "early hours of Wednesday", "Wednesday morning".
            let dated = matches!(before, Some("on" | "of" | "this" | "until" | "by"))
                || matches!(after, Some("morning" | "afternoon" | "evening" | "night"));
            match before {
                // "last Friday" on a Friday is a week ago.
                Some("last") => return day(published - Duration::days(if back == 0 { 7 } else { back })),
                Some("next") => return day(published + Duration::days(7 - back)),
                _ if dated && ahead => return day(published + Duration::days((7 - back) % 7)),
                _ if dated => return day(published - Duration::days(back)),
                _ => {}
            }
        }
        if let Some(month) = MONTHS.iter().position(|m| m == w) {
            let month = month as u32 + 1;
            // The last such month on or before publication, or the next
            // one on or after it.
            let year = match (ahead, month.cmp(&published.month())) {
                (false, std::cmp::Ordering::Greater) => published.year() - 1,
                (true, std::cmp::Ordering::Less) => published.year() + 1,
                _ => published.year(),
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
            // A week is no day the text names: its month.
            ("last", Some("week")) => {
                let week_ago = published - Duration::days(7);
                return Some(format!("{}-{:02}", week_ago.year(), week_ago.month()));
            }
            ("this", Some("week")) => {
                return Some(format!("{}-{:02}", published.year(), published.month()));
            }
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
        named(&words, published, false)
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
        // "last week" is a month: a week names no day.
        assert_eq!(when("talks held last week").as_deref(), Some("2025-11"));
        assert_eq!(when("nothing here").as_deref(), None);
        // "May" alone is too often a verb to be a month.
        assert_eq!(when("it may end").as_deref(), None);
    }

    #[test]
    fn what_is_to_come_is_dated_ahead() {
        let published = NaiveDate::from_ymd_opt(2025, 12, 3).unwrap();
        let ahead = |text: &str| {
            let words: Vec<String> = text.split(' ').map(str::to_lowercase).collect();
            named(&words, published, true)
        };
        assert_eq!(
            ahead("scheduled to meet in Miami on Thursday").as_deref(),
            Some("2025-12-04")
        );
        assert_eq!(ahead("the vote in March").as_deref(), Some("2026-03"));
        assert_eq!(ahead("talks resume tomorrow").as_deref(), Some("2025-12-04"));
        // Looking back, "the early hours of Wednesday morning" is today.
        assert_eq!(
            when("in the early hours of Wednesday morning").as_deref(),
            Some("2025-12-03")
        );
    }
}
