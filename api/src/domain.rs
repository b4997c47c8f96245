//! Domain values that parse once, at the edge: past `parse`, a value of
//! these types is valid.

use chrono::{Datelike, NaiveDate};
use entity::kinds::DatePrecision;
use rust_decimal::Decimal;

/// A date known to the day (`2025-12-02`), the month (`2025-12`) or the year (`2025`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    /// The date; for a month or a year, its first day.
    pub date: NaiveDate,
    pub precision: DatePrecision,
}

impl PartialDate {
    /// Reads `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; the precision follows the form.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("\"{text}\" is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY");
        let parts: Vec<&str> = text.split('-').collect();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let (y, m, d, precision) = match parts.as_slice() {
            [y] if digits(y, 4) => (y, "1", "1", DatePrecision::Year),
            [y, m] if digits(y, 4) && digits(m, 2) => (y, *m, "1", DatePrecision::Month),
            [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => (y, *m, *d, DatePrecision::Day),
            _ => return Err(bad()),
        };
        let (y, m, d) = (
            y.parse().map_err(|_| bad())?,
            m.parse().map_err(|_| bad())?,
            d.parse().map_err(|_| bad())?,
        );
        let date = NaiveDate::from_ymd_opt(y, m, d)
            .ok_or_else(|| format!("\"{text}\" is not a day of the calendar"))?;
        Ok(Self { date, precision })
    }

    /// The date as far as it is known, in the form `parse` reads.
    pub fn format(self) -> String {
        match self.precision {
            DatePrecision::Day => self.date.format("%Y-%m-%d").to_string(),
            DatePrecision::Month => format!("{:04}-{:02}", self.date.year(), self.date.month()),
            DatePrecision::Year => format!("{:04}", self.date.year()),
        }
    }

    /// The last day the date may stand for: itself, or the last day of its
    /// month or year.
    pub fn last_day(self) -> NaiveDate {
        let next = match self.precision {
            DatePrecision::Day => return self.date,
            DatePrecision::Month if self.date.month() == 12 => {
                NaiveDate::from_ymd_opt(self.date.year() + 1, 1, 1)
            }
            DatePrecision::Month => NaiveDate::from_ymd_opt(self.date.year(), self.date.month() + 1, 1),
            DatePrecision::Year => NaiveDate::from_ymd_opt(self.date.year() + 1, 1, 1),
        };
        next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
    }

    /// Whether this date is surely before `other`, as far as both are
    /// known: December 2025 is not before 3 December 2025, nor after it.
    pub fn surely_before(self, other: Self) -> bool {
        self.last_day() < other.date
    }

    /// Whether the two dates may be the same day, as far as both are
    /// known: December 2025 may be 3 December 2025; 2 and 3 December may not.
    pub fn may_be(self, other: Self) -> bool {
        !self.surely_before(other) && !other.surely_before(self)
    }

    /// The date and precision columns that store a date; both empty for none.
    pub fn columns(date: Option<Self>) -> (Option<NaiveDate>, Option<DatePrecision>) {
        date.map_or((None, None), |d| (Some(d.date), Some(d.precision)))
    }

    /// Pairs stored columns; `None` when either is missing.
    pub fn from_columns(date: Option<NaiveDate>, precision: Option<DatePrecision>) -> Option<Self> {
        Some(Self {
            date: date?,
            precision: precision?,
        })
    }
}

/// An ISO 4217 currency code, upper case (`GBP`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrencyCode(String);

impl CurrencyCode {
    pub fn parse(text: &str) -> Result<Self, String> {
        match iso_currency::Currency::from_code(text) {
            Some(c) => Ok(Self(c.code().to_owned())),
            None => {
                let hint = iso_currency::Currency::from_code(&text.to_uppercase())
                    .map(|c| format!(" (did you mean \"{}\"?)", c.code()))
                    .unwrap_or_default();
                Err(format!("\"{text}\" is not an ISO 4217 currency code{hint}"))
            }
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A non-negative exact amount, kept in canonical decimal text (`184000000000`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount(Decimal);

impl Amount {
    pub fn parse(text: &str) -> Result<Self, String> {
        let value: Decimal = text
            .trim()
            .parse()
            .map_err(|_| format!("\"{text}\" is not a decimal number (write it as a string such as \"184000000000\" or \"12.50\")"))?;
        if value.is_sign_negative() && !value.is_zero() {
            return Err(format!("the amount must not be negative (got {text})"));
        }
        Ok(Self(value.normalize()))
    }

    /// The canonical text the database stores.
    pub fn canonical(&self) -> String {
        self.0.to_string()
    }
}

/// An ISO 8601 duration such as `P2Y`, `P18M` or `P1Y6M`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term(String);

impl Term {
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("\"{text}\" is not an ISO 8601 duration such as P2Y, P6M or P90D");
        let rest = text.strip_prefix('P').ok_or_else(bad)?;
        let (date, time) = match rest.split_once('T') {
            Some((d, t)) if !t.is_empty() => (d, Some(t)),
            Some(_) => return Err(bad()),
            None => (rest, None),
        };
        let units_ok = |s: &str, units: &[char]| -> bool {
            let mut last = None;
            let mut number = String::new();
            for c in s.chars() {
                if c.is_ascii_digit() {
                    number.push(c);
                } else {
                    let Some(pos) = units.iter().position(|u| *u == c) else {
                        return false;
                    };
                    if number.is_empty() || last.is_some_and(|l| pos <= l) {
                        return false;
                    }
                    last = Some(pos);
                    number.clear();
                }
            }
            number.is_empty()
        };
        if (date.is_empty() && time.is_none())
            || !units_ok(date, &['Y', 'M', 'W', 'D'])
            || !time.is_none_or(|t| units_ok(t, &['H', 'M', 'S']))
        {
            return Err(bad());
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A language tag, well-formed by BCP 47 (RFC 5646): `en`, `pt-BR`,
/// `zh-Hant-TW`, `sr-Latn-RS`, `x-klingon`. Whether the subtags are
/// registered is not checked, only their form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageTag(String);

impl LanguageTag {
    /// The longest tag kept: RFC 5646 (section 4.4.1) asks that 35
    /// characters be kept, enough for every tag of language, extended
    /// language, script, region and variant.
    pub const MAX: usize = 35;

    pub fn parse(text: &str) -> Result<Self, String> {
        if text.chars().count() > Self::MAX {
            return Err(format!(
                "\"{text}\" is longer than a language tag may be here ({} characters at most)",
                Self::MAX
            ));
        }
        // oxilangtag implements the grammar of RFC 5646 section 2.1.
        if oxilangtag::LanguageTag::parse(text).is_err() {
            return Err(format!(
                "\"{text}\" is not a BCP 47 language tag such as \"en\", \"pt-BR\" or \"zh-Hant\""
            ));
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A Wikidata item id (`Q7747`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qid(String);

impl Qid {
    pub fn parse(text: &str) -> Result<Self, String> {
        let ok = text
            .strip_prefix('Q')
            .is_some_and(|n| !n.is_empty() && !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit()));
        if ok {
            Ok(Self(text.to_owned()))
        } else {
            Err(format!("\"{text}\" is not a Wikidata QID such as Q7747"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether a text is a Wikidata QID; the message says why not.
pub fn check_qid(text: &str) -> Result<(), String> {
    Qid::parse(text).map(drop)
}

/// Whether a reference looks like a Wikidata QID rather than a file key.
pub fn looks_like_qid(text: &str) -> bool {
    check_qid(text).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_their_precision() {
        let d = PartialDate::parse("2025-12").unwrap();
        assert_eq!(d.precision, DatePrecision::Month);
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2025, 12, 1).unwrap());
        assert_eq!(d.format(), "2025-12");
        assert_eq!(PartialDate::parse("2025").unwrap().format(), "2025");
        assert_eq!(PartialDate::parse("2025-12-02").unwrap().format(), "2025-12-02");
    }

    #[test]
    fn malformed_and_impossible_dates_are_refused() {
        assert!(
            PartialDate::parse("2025-02-30")
                .unwrap_err()
                .contains("not a day of the calendar")
        );
        for bad in ["", "25-12-02", "2025/12/02", "2025-1-2", "yesterday", "2025-13"] {
            assert!(PartialDate::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_compare_by_what_is_known() {
        let day = PartialDate::parse("2025-12-03").unwrap();
        let month = PartialDate::parse("2025-12").unwrap();
        let year = PartialDate::parse("2025").unwrap();
        assert!(!month.surely_before(day));
        assert!(!day.surely_before(month));
        assert!(!year.surely_before(day));
        assert!(PartialDate::parse("2025-11").unwrap().surely_before(day));
        assert!(day.surely_before(PartialDate::parse("2026").unwrap()));
        assert_eq!(month.last_day(), NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
        assert_eq!(
            PartialDate::parse("2024-02").unwrap().last_day(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        assert_eq!(year.last_day(), NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
    }

    #[test]
    fn language_tags_are_well_formed_bcp_47() {
        for ok in [
            "en",
            "pt-BR",
            "zh-Hant-TW",
            "sr-Latn-RS",
            "de-CH-1996",
            "es-419",
            "x-klingon",
            "en-GB-oxendict",
            "zh-yue-HK",
            "en-US-u-ca-gregory",
            "sl-rozaj-biske",
        ] {
            assert!(LanguageTag::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "e",
            "english-as-spoken-in-ireland",
            "en_GB",
            "en--GB",
            "en-",
            "123",
            "en-a",
        ] {
            assert!(LanguageTag::parse(bad).is_err(), "{bad}");
        }
        let long = "en-a-bbbbbbbb-cccccccc-dddddddd-eeeeeeee";
        assert!(
            LanguageTag::parse(long)
                .unwrap_err()
                .contains("35 characters at most")
        );
    }

    #[test]
    fn currencies_are_iso_4217() {
        assert_eq!(CurrencyCode::parse("GBP").unwrap().as_str(), "GBP");
        assert!(CurrencyCode::parse("XYZ").is_err());
        assert!(
            CurrencyCode::parse("gbp")
                .unwrap_err()
                .contains("did you mean \"GBP\"")
        );
    }

    #[test]
    fn amounts_are_exact_and_canonical() {
        assert_eq!(
            Amount::parse("184000000000.00").unwrap().canonical(),
            "184000000000"
        );
        assert_eq!(Amount::parse("0.1").unwrap().canonical(), "0.1");
        assert!(Amount::parse("-5").is_err());
        assert!(Amount::parse("lots").is_err());
    }

    #[test]
    fn terms_are_iso_8601_durations() {
        for ok in ["P2Y", "P18M", "P1Y6M", "P90D", "PT12H", "P1DT2H"] {
            assert!(Term::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["2Y", "P", "PT", "P2", "PY", "P2M1Y", "two years"] {
            assert!(Term::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn qids_are_q_and_digits() {
        assert!(check_qid("Q7747").is_ok());
        for bad in ["Q", "Q0", "q7747", "Q7a", "7747"] {
            assert!(check_qid(bad).is_err(), "{bad}");
        }
    }
}
