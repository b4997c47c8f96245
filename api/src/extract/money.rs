//! Money on the table: each amount the article names becomes a draft
//! financial measure, with its kind ("a £184 billion loan"), where it
//! stands ("unveiled plans for" is proposed), who gives it and who gets it
//! ("the European Commission", "to Ukraine"), what secures it ("mostly
//! secured against Russian assets"), the share it covers and over what
//! term ("two-thirds of Kyiv’s financing needs over the next two years",
//! in its sentence or the next), and the issues its sentences name.

use entity::kinds::{FinancialMeasureKind, FinancialMeasureStatus};
use rust_decimal::Decimal;

use super::numbers::{self, Money};
use super::rules;
use super::text::{Sentence, word_at};
use super::{Reader, capitalised};
use crate::import::format::{FinancialMeasureRecord, SecuredAgainstRecord, ShareRecord};

/// How sure a measure read from its sentence is.
const MEASURE: f64 = 0.7;

impl Reader<'_> {
    /// Reads every amount of money outside quotations into a measure.
    pub(super) fn find_money(&mut self) {
        for s in 0..self.sentences.len() {
            let sentence = self.sentences[s];
            let mut i = sentence.first;
            while i <= sentence.last {
                let money = (!self.in_quotation(self.tokens[i].start))
                    .then(|| numbers::money_at(&self.tokens, i))
                    .flatten()
                    .filter(|m| m.last <= sentence.last);
                match money {
                    Some(money) => {
                        self.measure(s, money);
                        i = money.last + 1;
                    }
                    None => i += 1,
                }
            }
        }
    }

    fn measure(&mut self, s: usize, money: Money) {
        let sentence = self.sentences[s];
        let word = |r: &Self, k: usize| word_at(&r.tokens, k);
        let (first, qualifier) = match numbers::qualifier_before(&self.tokens, money.first) {
            Some((at, q)) => (at, Some(q)),
            None => (money.first, None),
        };
        // The noun that says what the money is: after the amount ("£184
        // billion loan", "$200 million tax incentive"), else before it ("a
        // loan of $5bn", "the cost rose to £420 million").
        // "€25 million in humanitarian aid", "£5bn of aid" too.
        let skip = usize::from(matches!(word(self, money.last + 1).as_deref(), Some("in" | "of")));
        let after = (money.last + 1 + skip..=(money.last + 4 + skip).min(sentence.last))
            .take_while(|&k| word(self, k).is_some_and(|w| !rules::is_preposition(&w)))
            .find_map(|k| Some((k, rules::financial_kind(&word(self, k)?)?)));
        let before = (first.saturating_sub(4).max(sentence.first)..first)
            .rev()
            .find_map(|k| Some((k, rules::financial_kind(&word(self, k)?)?)));
        let (kind, label_start, head) = match (after, before) {
            (Some((k, kind)), _) => (kind, first, k),
            (None, Some((k, kind))) => (kind, k, money.last),
            (None, None) => (FinancialMeasureKind::Other, first, money.last),
        };
        let label = self
            .text
            .slice(self.tokens[label_start].start, self.tokens[head].end);
        let status = (sentence.first..=sentence.last)
            .filter(|&k| self.tokens[k].is_word())
            .find_map(|k| rules::financial_status(&self.tokens[k].lower()))
            .unwrap_or(FinancialMeasureStatus::Agreed);
        // The giver: the last name before the amount that no preposition
        // puts aside ("Meanwhile in Brussels, the European Commission").
        let provider = self
            .mentions_in(sentence.first, first)
            .iter()
            .rfind(|m| m.last < first && !self.after_preposition(m.first))
            // Who speaks of money does not give it: "the minister warned
            // that rebuilding would cost $2bn".
            .filter(|m| {
                !(m.last..first).any(|k| {
                    let w = self.tokens[k].lower();
                    self.tokens[k].is_word() && rules::is_speech_verb(&w) && !rules::gives_money(&w)
                })
            })
            .map(|m| m.found);
        // The receiver: "to Ukraine", "for Gaza" after the amount.
        let recipient = self
            .mentions_in(head + 1, sentence.last)
            .iter()
            .filter(|m| m.last <= sentence.last)
            .find(|m| matches!(word(self, m.first - 1).as_deref(), Some("to" | "for")))
            .map(|m| m.found)
            .filter(|&f| Some(f) != provider);
        let secured_against = self.secured_against(sentence, head);
        // The share and term: in this sentence, or the next one when it
        // names no other amount ("European leaders said would cover
        // two-thirds of ...").
        let mut span = sentence;
        let mut share = None;
        let mut term = None;
        let next = self.sentences.get(s + 1).copied().filter(|n| {
            (n.first..=n.last).all(|k| numbers::money_at(&self.tokens, k).is_none())
                && self.tokens[sentence.last + 1..n.first]
                    .iter()
                    .all(|t| !t.is_word())
        });
        for part in std::iter::once(Sentence {
            first: head + 1,
            ..sentence
        })
        .chain(next)
        {
            for k in part.first..=part.last {
                if share.is_none()
                    && let Some(found) = numbers::share_at(&self.tokens, k)
                {
                    let end = self.phrase_end(found.of + 1, part.last);
                    let of = (end > found.of).then(|| {
                        self.text
                            .slice(self.tokens[found.of + 1].start, self.tokens[end].end)
                    });
                    share = Some(ShareRecord {
                        numerator: found.numerator,
                        denominator: found.denominator,
                        of,
                    });
                    span.end = span.end.max(part.end);
                    span.last = span.last.max(part.last);
                }
                if term.is_none()
                    && let Some((duration, _)) = numbers::term_at(&self.tokens, k)
                {
                    term = Some(duration);
                    span.end = span.end.max(part.end);
                    span.last = span.last.max(part.last);
                }
            }
        }
        let issues: Vec<String> = self
            .issues
            .named(&self.tokens, span.first, span.last)
            .into_iter()
            .map(|n| self.issue_key(n.issue))
            .collect();
        // The same amount told twice is one measure; the headline's gives
        // way to the body's.
        if let Some(at) = self
            .measures
            .iter()
            .position(|m| m.amount == record_amount(money) && m.currency.as_deref() == Some(money.currency))
        {
            if self.measures[at].evidence.start.unwrap_or_default() as usize >= self.sentences[0].end
                || !self.headline_in_text()
            {
                return;
            }
            self.measures.remove(at);
        }
        let n = self.measures.len() + 1;
        let record = FinancialMeasureRecord {
            key: format!("measure-{n}"),
            kind,
            label: capitalised(&label),
            amount: record_amount(money),
            currency: Some(money.currency.to_owned()),
            amount_qualifier: qualifier,
            status,
            term,
            share,
            provider: provider.map(|f| self.key_of(f)),
            recipient: recipient.map(|f| self.key_of(f)),
            secured_against,
            issues,
            announced_on: self.said_on(sentence),
            evidence: self.evidence(span.start, span.end, MEASURE),
            more_evidence: Vec::new(),
        };
        self.measures.push(record);
    }

    /// What secures a measure: "mostly secured against Russian assets",
    /// "backed by the central bank": an entity named there, or an issue
    /// of the graph whose name holds the words.
    fn secured_against(&mut self, s: Sentence, head: usize) -> Option<SecuredAgainstRecord> {
        let verb = (head + 1..=s.last).find(|&k| rules::is_security_verb(&self.tokens[k].lower()))?;
        let qualifier = verb
            .checked_sub(1)
            .map(|k| self.tokens[k].lower())
            .filter(|w| w.ends_with("ly") && w.len() > 3);
        let object = verb + 2;
        let end = self.phrase_end(object, s.last);
        if end < object {
            return None;
        }
        let entity = self
            .mentions_in(object, end)
            .iter()
            .find(|m| m.last <= end)
            .map(|m| self.key_of(m.found));
        // Unknown to the graph: the words proposed as a new issue
        // ("Russian assets"), for a reviewer to confirm or merge.
        let issue = match entity {
            Some(_) => None,
            None => match self.issue_holding(object, end) {
                Some(i) => Some(self.issue_key(i)),
                None => {
                    let words = (object..=end).skip_while(|&k| rules::is_determiner(&self.tokens[k].lower()));
                    let from = words.clone().next().unwrap_or(object);
                    let name = capitalised(&self.text.slice(self.tokens[from].start, self.tokens[end].end));
                    (!name.is_empty()).then(|| self.propose_issue(name))
                }
            },
        };
        (entity.is_some() || issue.is_some()).then_some(SecuredAgainstRecord {
            entity,
            issue,
            qualifier,
        })
    }

    /// The issue named in tokens `[first, last]`, or else the one whose
    /// name holds all their words ("Russian assets" is "Frozen Russian
    /// assets").
    fn issue_holding(&self, first: usize, last: usize) -> Option<usize> {
        if let Some(named) = self.issues.named(&self.tokens, first, last).first() {
            return Some(named.issue);
        }
        let words: Vec<String> = (first..=last)
            .filter(|&k| self.tokens[k].is_word() && !rules::is_stop_word(&self.tokens[k].lower()))
            .map(|k| super::issues::word_key(&self.tokens[k]))
            .collect();
        (words.len() >= 2).then_some(())?;
        self.issues.holding(&words)
    }

    /// The last token of the phrase from `first`: up to a comma, a full
    /// stop or the end of the sentence.
    fn phrase_end(&self, first: usize, last: usize) -> usize {
        let mut end = first;
        while end <= last && self.tokens[end].is_word() {
            end += 1;
        }
        end.saturating_sub(1).max(first.saturating_sub(1))
    }

    /// Whether a preposition stands right before token `k` ("in
    /// Brussels", "to Ukraine").
    pub(super) fn after_preposition(&self, k: usize) -> bool {
        k.checked_sub(1)
            .is_some_and(|p| self.tokens[p].is_word() && rules::is_preposition(&self.tokens[p].lower()))
    }
}

/// An amount as the import format writes it.
fn record_amount(money: Money) -> Option<String> {
    Some(money.amount.normalize().to_string()).filter(|_| money.amount > Decimal::ZERO)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use entity::kinds::{FinancialMeasureKind, FinancialMeasureStatus, Qualifier};

    use super::super::{Article, Gazetteer, draft};
    use crate::import::format::Document;

    fn read(text: &str) -> Document {
        let article = Article {
            text: format!("Headline\n{text}"),
            title: Some("Headline".to_owned()),
            published_on: NaiveDate::from_ymd_opt(2025, 12, 3),
            ..Article::default()
        };
        draft(&article, &Gazetteer::default())
    }

    #[test]
    fn a_loan_with_its_giver_security_share_and_term() {
        let doc = read(
            "Meanwhile in Brussels, the European Commission unveiled plans for a £184 billion loan, \
             mostly secured against Russian assets.\n\
             Leaders said it would cover two-thirds of the country’s needs over the next two years.",
        );
        let m = &doc.financial_measures[0];
        assert_eq!(
            (m.kind, m.status),
            (FinancialMeasureKind::Loan, FinancialMeasureStatus::Proposed)
        );
        assert_eq!(m.amount.as_deref(), Some("184000000000"));
        assert_eq!(m.currency.as_deref(), Some("GBP"));
        assert_eq!(m.provider.as_deref(), Some("organisation-european-comision"));
        let secured = m.secured_against.as_ref().unwrap();
        assert_eq!(secured.qualifier.as_deref(), Some("mostly"));
        // Unknown to an empty graph: proposed as an issue by its words.
        assert_eq!(doc.issues[0].name, "Russian assets");
        let share = m.share.as_ref().unwrap();
        assert_eq!((share.numerator, share.denominator), (2, 3));
        assert_eq!(m.term.as_deref(), Some("P2Y"));
    }

    #[test]
    fn who_speaks_of_money_does_not_give_it() {
        let doc = read("Prime Minister Jonas Albek warned that rebuilding would cost up to $2bn.");
        let m = &doc.financial_measures[0];
        assert_eq!(m.kind, FinancialMeasureKind::Budget);
        assert_eq!(m.amount_qualifier, Some(Qualifier::UpTo));
        assert_eq!(m.provider, None);
    }

    #[test]
    fn the_headline_amount_gives_way_to_the_body() {
        let article = Article {
            text: "Maker pauses $1.5bn plant\nNorvale Semiconductor has paused its $1.5bn plant in Ohio."
                .to_owned(),
            published_on: NaiveDate::from_ymd_opt(2025, 12, 3),
            ..Article::default()
        };
        let doc = draft(&article, &Gazetteer::default());
        assert_eq!(doc.financial_measures.len(), 1);
        assert_eq!(doc.financial_measures[0].kind, FinancialMeasureKind::Investment);
        assert!(doc.financial_measures[0].evidence.excerpt.starts_with("Norvale"));
    }
}
