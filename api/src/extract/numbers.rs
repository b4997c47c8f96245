//! Numbers as news writes them, read from the tokens: digits with their
//! separators and scales ("111", "1,500", "1.5bn", "184 billion"), number
//! words ("two", "twenty-five"), amounts of money ("£184 billion",
//! "US$3m", "90 million euros"), the words that qualify a number ("at
//! least", "about", "up to"), shares ("two-thirds of", "40 per cent of"),
//! terms ("over the next two years") and counts of what happened ("killing
//! two people", "at least 111 drones", "five hours of discussions").
//!
//! Every function takes the article's tokens and a token index and reads
//! forward from there; the word tables are in `rules`.

use entity::kinds::Qualifier;
use rust_decimal::Decimal;

use super::rules;
use super::text::{Token, TokenKind, word_at};

/// A number at tokens `[first, last]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub first: usize,
    pub last: usize,
    pub value: Decimal,
    /// Written with a scale ("1.5bn", "184 billion").
    pub scaled: bool,
}

/// An amount of money at tokens `[first, last]`, sign or currency word
/// included.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Money {
    pub first: usize,
    pub last: usize,
    pub amount: Decimal,
    /// ISO 4217.
    pub currency: &'static str,
}

/// A count of something that happened, at tokens `[first, last]` (its
/// qualifier and the verb or noun that says what it counts included).
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    pub first: usize,
    pub last: usize,
    pub value: i64,
    pub qualifier: Qualifier,
    /// What is counted: "drones", "killed", "hours of discussions".
    pub measure: String,
}

/// A share of something: "two-thirds of Kyiv’s financing needs" at
/// tokens `[first, last]`, the "of" at `of`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share {
    pub first: usize,
    pub of: usize,
    pub numerator: i64,
    pub denominator: i64,
}

/// The number that starts at token `i`.
pub fn number_at(tokens: &[Token], i: usize) -> Option<Number> {
    let t = tokens.get(i).filter(|t| t.is_word())?;
    let lower = t.text.to_lowercase();
    let (mut value, mut scaled) = match lower.find(|c: char| !c.is_ascii_digit() && c != ',' && c != '.') {
        _ if !lower.starts_with(|c: char| c.is_ascii_digit()) => (
            Decimal::from(rules::number_word(&lower).filter(|_| lower != "hundred")?),
            false,
        ),
        None => (digits(&lower)?, false),
        // "1.5bn", "3m": a scale stuck to the digits.
        Some(at) => {
            let power = rules::scale(&lower[at..])?;
            (digits(&lower[..at])? * Decimal::from(10u64.pow(power)), true)
        }
    };
    let mut last = i;
    // "184 billion", "two million", "1.2 trillion".
    while let Some(power) = tokens
        .get(last + 1)
        .filter(|n| n.is_word() && n.text.len() > 2)
        .and_then(|n| rules::scale(&n.text.to_lowercase()))
    {
        value *= Decimal::from(10u64.pow(power));
        scaled = true;
        last += 1;
    }
    Some(Number {
        first: i,
        last,
        value,
        scaled,
    })
}

/// Digits with thousands separators and a decimal point ("1,500", "12.5").
fn digits(text: &str) -> Option<Decimal> {
    let plain: String = text.chars().filter(|&c| c != ',').collect();
    if plain.is_empty() || plain.ends_with('.') {
        return None;
    }
    plain.parse().ok()
}

/// The amount of money at token `i`: a sign and a number ("£184 billion",
/// "US$3m"), an ISO code and a number ("EUR 90m"), or a number and a
/// currency word or code ("90 million euros", "5bn USD").
pub fn money_at(tokens: &[Token], i: usize) -> Option<Money> {
    let t = tokens.get(i)?;
    let touching = |a: usize, b: usize| tokens[a].end == tokens[b].start;
    if t.kind == TokenKind::Mark {
        // Letters joined to the sign: "US$", "HK$".
        let letters = i
            .checked_sub(1)
            .filter(|&p| tokens[p].is_word() && touching(p, i) && tokens[p].text.len() <= 2)
            .map(|p| (p, tokens[p].text.to_lowercase()));
        let (first, currency) = match letters
            .as_ref()
            .and_then(|(p, l)| Some((*p, rules::currency_sign(&t.text, Some(l))?)))
        {
            Some(found) => found,
            None => (i, rules::currency_sign(&t.text, None)?),
        };
        let n = number_at(tokens, i + 1).filter(|n| !n.scaled || n.value > Decimal::ZERO)?;
        return Some(Money {
            first,
            last: n.last,
            amount: n.value,
            currency,
        });
    }
    if let Some(currency) = iso_code(t) {
        let n = number_at(tokens, i + 1)?;
        return Some(Money {
            first: i,
            last: n.last,
            amount: n.value,
            currency,
        });
    }
    let n = number_at(tokens, i)?;
    let after = tokens.get(n.last + 1).filter(|a| a.is_word())?;
    let currency = rules::currency_word(&after.text.to_lowercase()).or_else(|| iso_code(after))?;
    // "two pounds of flour" is a weight, "the pound" no amount: a
    // currency word counts after digits or a scale.
    (n.scaled || t.text.starts_with(|c: char| c.is_ascii_digit())).then_some(())?;
    Some(Money {
        first: i,
        last: n.last + 1,
        amount: n.value,
        currency,
    })
}

/// An ISO 4217 code written in capitals ("USD", "EUR").
fn iso_code(t: &Token) -> Option<&'static str> {
    if t.text.len() != 3 || !t.text.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    iso_currency::Currency::from_code(&t.text).map(|c| c.code())
}

/// The qualifier written right before token `first` ("at least", "about",
/// "up to"), with the token it starts at.
pub fn qualifier_before(tokens: &[Token], first: usize) -> Option<(usize, Qualifier)> {
    for &(phrase, qualifier) in rules::QUALIFIERS {
        let words: Vec<&str> = phrase.split(' ').collect();
        let Some(start) = first.checked_sub(words.len()) else {
            continue;
        };
        let matches = words
            .iter()
            .enumerate()
            .all(|(k, w)| tokens[start + k].is_word() && tokens[start + k].text.to_lowercase() == *w);
        if matches {
            return Some((start, qualifier));
        }
    }
    None
}

/// The share at token `i`: "two-thirds of", "a third of", "half of", "40
/// per cent of", "40% of".
pub fn share_at(tokens: &[Token], i: usize) -> Option<Share> {
    let t = tokens.get(i).filter(|t| t.is_word())?;
    let lower = t.text.to_lowercase();
    let word = |k: usize| word_at(tokens, k);
    let (numerator, denominator, of) = if let Some((n, d)) = rules::fraction(&lower) {
        (n, d, i + 1)
    } else if matches!(lower.as_str(), "a" | "one")
        && let Some((1, d)) = word(i + 1).and_then(|w| rules::fraction(&w))
    {
        (1, d, i + 2)
    } else {
        let n = number_at(tokens, i).filter(|n| !n.scaled && n.value <= Decimal::from(100))?;
        // A whole number of per cent, as a fraction of 100.
        let percent: i64 = n
            .value
            .trunc()
            .try_into()
            .ok()
            .filter(|_| n.value.fract().is_zero())?;
        let of = match (tokens.get(n.last + 1), word(n.last + 2)) {
            (Some(p), _) if p.is_mark("%") => n.last + 2,
            (Some(p), Some(c)) if p.text.eq_ignore_ascii_case("per") && c == "cent" => n.last + 3,
            (Some(p), _) if p.text.eq_ignore_ascii_case("percent") => n.last + 2,
            _ => return None,
        };
        (percent, 100, of)
    };
    (word(of).as_deref() == Some("of")).then_some(())?;
    Some(Share {
        first: i,
        of,
        numerator,
        denominator,
    })
}

/// The term at token `i` as an ISO 8601 duration, with its last token:
/// "over the next two years" (`P2Y`), "for five years", "within 18
/// months", "over a decade" (`P10Y`).
pub fn term_at(tokens: &[Token], i: usize) -> Option<(String, usize)> {
    let word = |k: usize| word_at(tokens, k);
    matches!(word(i)?.as_str(), "over" | "for" | "within" | "across" | "during").then_some(())?;
    let mut k = i + 1;
    while matches!(
        word(k).as_deref(),
        Some("the" | "next" | "coming" | "following" | "past")
    ) {
        k += 1;
    }
    if matches!(word(k).as_deref(), Some("a" | "one")) && word(k + 1).as_deref() == Some("decade") {
        return Some(("P10Y".to_owned(), k + 1));
    }
    let n = number_at(tokens, k).filter(|n| !n.scaled && n.value.fract().is_zero())?;
    let unit = rules::term_unit(&word(n.last + 1)?)?;
    (n.value > Decimal::ZERO).then_some(())?;
    Some((format!("P{}{unit}", n.value.trunc()), n.last + 1))
}

/// The count that starts at the number at token `i`, where the words
/// around say what it counts: a verb before or after it ("killing two
/// people", "14 people were killed"), a unit and what it measures ("five
/// hours of discussions"), or a plural noun ("at least 111 drones"). Ages,
/// years, shares, dates and money are not counts.
pub fn count_at(tokens: &[Token], i: usize) -> Option<Count> {
    let n = number_at(tokens, i).filter(|n| n.value.fract().is_zero() && n.value > Decimal::ZERO)?;
    let value: i64 = n
        .value
        .trunc()
        .try_into()
        .ok()
        .filter(|v| *v <= i32::MAX as i64)?;
    let word = |k: usize| word_at(tokens, k);
    // Not money ("£3m"), a date ("3 December") or an age ("aged 43").
    if i > 0
        && tokens[i - 1].kind == TokenKind::Mark
        && rules::currency_sign(&tokens[i - 1].text, None).is_some()
        || money_at(tokens, i).is_some()
    {
        return None;
    }
    let before = i.checked_sub(1).and_then(word);
    let next = word(n.last + 1)?;
    if before
        .as_deref()
        .is_some_and(|b| matches!(b, "aged" | "age") || super::dates::is_month(b))
        || super::dates::is_month(&next)
        || rules::is_not_a_count(&next)
    {
        return None;
    }
    let (mut first, qualifier) = match qualifier_before(tokens, i) {
        Some((at, q)) => (at, q),
        None => (i, Qualifier::Exact),
    };
    let mut last = n.last + 1;
    let singular = value == 1;
    let noun_fits = |w: &str| {
        rules::is_people_noun(w)
            || rules::is_unit(w)
            || (!singular && w.len() > 3 && w.ends_with('s'))
            || singular && w.len() > 2
    };
    // "killing two people", "killed at least 12".
    let verb_before = first
        .checked_sub(1)
        .and_then(word)
        .and_then(|w| rules::casualty(&w));
    let measure = if let Some(measure) = verb_before {
        first -= 1;
        if !(rules::is_people_noun(&next) || noun_fits(&next)) {
            last = n.last;
        }
        measure.to_owned()
    } else if rules::is_people_noun(&next) {
        // "14 people were killed", "three others injured".
        let mut k = last + 1;
        while matches!(
            word(k).as_deref(),
            Some("were" | "was" | "had" | "have" | "been" | "are" | "reported")
        ) {
            k += 1;
        }
        match word(k).and_then(|w| rules::casualty(&w)) {
            Some(measure) => {
                last = k;
                measure.to_owned()
            }
            None => next.clone(),
        }
    } else if let Some(measure) = rules::casualty(&next) {
        // "more than 200 injured", "two dead".
        measure.to_owned()
    } else if rules::is_unit(&next) && word(last + 1).as_deref() == Some("of") && word(last + 2).is_some() {
        // "five hours of discussions".
        last += 2;
        format!("{next} of {}", word(last)?)
    } else if noun_fits(&next) && tokens[last].text.chars().all(|c| c.is_lowercase() || c == '-') {
        next.clone()
    } else {
        // One word between: "111 Shahed drones", "two armed men".
        let then = word(last + 1)
            .filter(|w| !singular && w.len() > 3 && w.ends_with('s') || rules::is_people_noun(w))?;
        last += 1;
        format!("{} {then}", tokens[n.last + 1].text)
    };
    Some(Count {
        first,
        last,
        value,
        qualifier,
        measure,
    })
}

#[cfg(test)]
mod tests {
    use super::super::text::Text;
    use super::*;

    fn tokens(s: &str) -> Vec<Token> {
        Text::new(s).tokens()
    }

    fn money(s: &str) -> Option<(String, &'static str)> {
        let t = tokens(s);
        (0..t.len())
            .find_map(|i| money_at(&t, i))
            .map(|m| (m.amount.normalize().to_string(), m.currency))
    }

    #[test]
    fn amounts_of_money_in_the_ways_news_writes_them() {
        // "a £184 billion loan", "its $1.5bn plant", "US$3m", "€90 million",
        // "90 million euros", "EUR 2.5bn", "a $200 million tax incentive".
        assert_eq!(money("a £184 billion loan"), Some(("184000000000".into(), "GBP")));
        assert_eq!(money("its $1.5bn plant"), Some(("1500000000".into(), "USD")));
        assert_eq!(money("a US$3m fine"), Some(("3000000".into(), "USD")));
        assert_eq!(money("of HK$12.5m"), Some(("12500000".into(), "HKD")));
        assert_eq!(
            money("pledged 90 million euros"),
            Some(("90000000".into(), "EUR"))
        );
        assert_eq!(money("worth EUR 2.5bn"), Some(("2500000000".into(), "EUR")));
        assert_eq!(money("cost 1,250 pounds"), Some(("1250".into(), "GBP")));
        // No currency, or a weight: no money.
        assert_eq!(money("at least 111 drones"), None);
        assert_eq!(money("two pounds of flour"), None);
    }

    #[test]
    fn qualifiers_before_a_number() {
        let t = tokens("At least 111 drones; no more than 40 troops; about £5bn");
        let at = |w: &str| t.iter().position(|t| t.text == w).unwrap();
        assert_eq!(qualifier_before(&t, at("111")), Some((0, Qualifier::AtLeast)));
        assert_eq!(
            qualifier_before(&t, at("40")).map(|q| q.1),
            Some(Qualifier::AtMost)
        );
        assert_eq!(qualifier_before(&t, at("£")).map(|q| q.1), Some(Qualifier::About));
    }

    fn count(s: &str) -> Option<(i64, Qualifier, String, String)> {
        let text = Text::new(s);
        let t = text.tokens();
        (0..t.len()).find_map(|i| count_at(&t, i)).map(|c| {
            let span = text.slice(t[c.first].start, t[c.last].end);
            (c.value, c.qualifier, c.measure, span)
        })
    }

    #[test]
    fn counts_with_what_they_count() {
        // The seed's drone attack and talks; casualties either way round.
        assert_eq!(
            count("At least 111 drones were sent toward the Dnipro region"),
            Some((
                111,
                Qualifier::AtLeast,
                "drones".into(),
                "At least 111 drones".into()
            ))
        );
        assert_eq!(
            count("sent, killing two people, aged 43 and 50"),
            Some((2, Qualifier::Exact, "killed".into(), "killing two people".into()))
        );
        assert_eq!(
            count("and injuring three others."),
            Some((
                3,
                Qualifier::Exact,
                "injured".into(),
                "injuring three others".into()
            ))
        );
        assert_eq!(
            count("More than 14 people were killed on Sunday"),
            Some((
                14,
                Qualifier::AtLeast,
                "killed".into(),
                "More than 14 people were killed".into()
            ))
        );
        assert_eq!(
            count("After five hours of discussions, nothing"),
            Some((
                5,
                Qualifier::Exact,
                "hours of discussions".into(),
                "five hours of discussions".into()
            ))
        );
        assert_eq!(
            count("the army said 23 Shahed drones were downed"),
            Some((
                23,
                Qualifier::Exact,
                "Shahed drones".into(),
                "23 Shahed drones".into()
            ))
        );
    }

    #[test]
    fn numbers_that_are_no_counts() {
        // Ages, years, dates, shares, per cent, money, "one of".
        for s in [
            "people, aged 43 and 50,",
            "the highest since 1998.",
            "on 3 December the",
            "a 43-year-old man",
            "fell 6 per cent in early trading",
            "a $200 million incentive",
            "one of the most contentious",
            "five years ago",
        ] {
            assert_eq!(count(s), None, "{s}");
        }
    }

    #[test]
    fn shares_and_terms() {
        let t = tokens("cover two-thirds of Kyiv’s financing needs over the next two years");
        let share = share_at(&t, 1).unwrap();
        assert_eq!((share.numerator, share.denominator), (2, 3));
        assert_eq!(t[share.of].text, "of");
        let over = t.iter().position(|t| t.text == "over").unwrap();
        assert_eq!(term_at(&t, over).map(|(d, _)| d), Some("P2Y".to_owned()));
        let t = tokens("about 40 per cent of the budget, a third of it, within 18 months");
        assert_eq!(
            share_at(&t, 1).map(|s| (s.numerator, s.denominator)),
            Some((40, 100))
        );
        let a = t.iter().position(|t| t.text == "a").unwrap();
        assert_eq!(
            share_at(&t, a).map(|s| (s.numerator, s.denominator)),
            Some((1, 3))
        );
        let within = t.iter().position(|t| t.text == "within").unwrap();
        assert_eq!(term_at(&t, within).map(|(d, _)| d), Some("P18M".to_owned()));
    }
}
