//! A generator of large, realistic, deterministic graphs in the import
//! format, for benchmarks and load tests: `newsgraph generate --statements N`.
//!
//! Speakers and issues are Zipf-distributed (a few people say most things),
//! people hold roles in organisations, places form a country → region →
//! city tree, and every fact cites a sentence of a generated article whose
//! text really contains it. The same seed gives the same document.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};
use entity::kinds::{
    EventKind, FinancialMeasureKind, FinancialMeasureStatus, OrganisationKind, PlaceKind, Qualifier, Stance,
    StatementKind,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Zipf};

use crate::import::format::*;
use crate::names::fold;

/// Statements per article.
const PER_SOURCE: usize = 20;

const WORDS: &[&str] = &[
    "talks",
    "ceasefire",
    "border",
    "sanctions",
    "agreement",
    "security",
    "guarantees",
    "energy",
    "grain",
    "corridor",
    "prisoners",
    "exchange",
    "aid",
    "reconstruction",
    "loan",
    "budget",
    "troops",
    "withdrawal",
    "referendum",
    "elections",
    "negotiations",
    "progress",
    "deadline",
    "proposal",
    "compromise",
    "pressure",
    "partners",
    "allies",
    "frontline",
    "drones",
    "missiles",
    "defence",
    "industry",
    "trade",
    "tariffs",
    "inflation",
    "reform",
    "corruption",
    "court",
    "parliament",
    "minister",
    "summit",
    "delegation",
    "envoy",
    "will",
    "must",
    "cannot",
    "should",
    "never",
    "soon",
    "together",
    "openly",
    "firmly",
    "today",
];
const SYLLABLES: &[&str] = &[
    "ka", "ro", "vi", "na", "mel", "tor", "sa", "li", "dra", "ven", "os", "ta", "mir", "gal", "ne", "bor",
    "zi", "pol", "an", "ric", "de", "lu", "sto", "va",
];
const FIRST: &[&str] = &[
    "Anna", "Boris", "Clara", "Dmytro", "Elena", "Farid", "Greta", "Hugo", "Irina", "Jonas", "Katya", "Luis",
    "Marta", "Nikolai", "Olga", "Pavel", "Quentin", "Rosa", "Sergei", "Tamara", "Umar", "Vera", "Walter",
    "Yulia", "Zoran",
];
const TITLES: &[&str] = &[
    "minister",
    "spokesperson",
    "adviser",
    "chair",
    "envoy",
    "director",
    "deputy minister",
    "senator",
    "ambassador",
];
const MEASURES: &[&str] = &["killed", "injured", "drones", "missiles", "displaced"];

/// Generates a document with `statements` statements from `seed`.
pub fn generate(statements: usize, seed: u64) -> Document {
    Generator::new(seed).document(statements)
}

struct Generator {
    rng: ChaCha8Rng,
    names: HashSet<String>,
}

impl Generator {
    fn new(seed: u64) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
            names: HashSet::new(),
        }
    }

    /// A new pronounceable word, unique once folded, capitalised. When the
    /// words of `syllables` syllables run out (a million statements want
    /// more names than 24 syllables make in two), longer ones are drawn.
    fn unique_word(&mut self, syllables: usize) -> String {
        let mut attempts = 0;
        loop {
            let mut word = String::new();
            for _ in 0..syllables + attempts / 8 {
                word.push_str(SYLLABLES[self.rng.random_range(0..SYLLABLES.len())]);
            }
            let mut chars = word.chars();
            let word = match chars.next() {
                Some(c) => c.to_uppercase().chain(chars).collect::<String>(),
                None => continue,
            };
            if self.names.insert(fold(&word)) {
                return word;
            }
            attempts += 1;
        }
    }

    fn sentence_words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.rng.random_range(0..WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn document(&mut self, n: usize) -> Document {
        let mut doc = Document {
            format: FORMAT.to_owned(),
            ..Default::default()
        };
        // Places: countries, regions, cities.
        let countries = (n / 5_000).clamp(5, 60);
        let mut cities = Vec::new();
        let mut country_keys = Vec::new();
        for c in 0..countries {
            let key = format!("country-{c}");
            let name = format!("{}ia", self.unique_word(2));
            doc.places.push(place(&key, &name, PlaceKind::Country, None));
            country_keys.push(key.clone());
            for r in 0..4 {
                let region = format!("region-{c}-{r}");
                let name = format!("{} Oblast", self.unique_word(2));
                doc.places
                    .push(place(&region, &name, PlaceKind::Region, Some(&key)));
                for t in 0..3 {
                    let city = format!("city-{c}-{r}-{t}");
                    let name = self.unique_word(3);
                    doc.places
                        .push(place(&city, &name, PlaceKind::City, Some(&region)));
                    cities.push(city);
                }
            }
        }
        // Organisations, each in a country.
        let orgs = (n / 500).max(10);
        for o in 0..orgs {
            let country = &country_keys[o % countries];
            let kind = [
                OrganisationKind::Government,
                OrganisationKind::GovernmentBody,
                OrganisationKind::Legislature,
            ][o % 3];
            let name = format!("{} Council", self.unique_word(2));
            doc.organisations.push(OrganisationRecord {
                key: format!("org-{o}"),
                name,
                aliases: Vec::new(),
                description: None,
                wikidata_id: None,
                kind,
                country: Some(country.clone()),
            });
        }
        // People.
        let people = (n / 100).max(50);
        for p in 0..people {
            let name = format!("{} {}", FIRST[p % FIRST.len()], self.unique_word(3));
            doc.people.push(PersonRecord {
                key: format!("person-{p}"),
                name,
                aliases: Vec::new(),
                description: None,
                wikidata_id: None,
            });
        }
        // Issues, in a tree of ten roots.
        let issues = (n / 500).clamp(20, 400);
        for i in 0..issues {
            let name = format!("{} {}", self.unique_word(2), WORDS[i % WORDS.len()]);
            doc.issues.push(IssueRecord {
                key: format!("issue-{i}"),
                name,
                aliases: Vec::new(),
                description: None,
                wikidata_id: None,
                parent: (i >= 10).then(|| format!("issue-{}", i % 10)),
            });
        }

        let speaker_zipf = Zipf::new(people as f64, 1.1).expect("a Zipf distribution");
        let issue_zipf = Zipf::new(issues as f64, 1.2).expect("a Zipf distribution");
        let base = NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date");
        let sources = n.div_ceil(PER_SOURCE);
        let mut statement_no = 0;
        let mut role_of_person: Vec<Option<String>> = vec![None; people];
        for s in 0..sources {
            let key = format!("source-{s}");
            let published = base + Duration::days((s * 700 / sources.max(1)) as i64);
            let mut text = format!("Report {s}: the latest on the {}.\n", self.sentence_words(3));
            let mut offset = text.chars().count();
            let mut facts: Vec<(usize, usize, String)> = Vec::new();
            let in_this = PER_SOURCE.min(n - statement_no);
            for _ in 0..in_this {
                let speaker = speaker_zipf.sample(&mut self.rng) as usize - 1;
                let words = self.rng.random_range(6..14);
                let quote = self.sentence_words(words);
                let line = format!("{} said: “{quote}.”", doc.people[speaker].name);
                let start = offset;
                let end = start + line.chars().count();
                text.push_str(&line);
                text.push('\n');
                offset = end + 1;
                facts.push((start, end, line));
                let person = &doc.people[speaker].key;
                // The speaker's role, created the first time they speak.
                let role_key = match &role_of_person[speaker] {
                    Some(k) => k.clone(),
                    None => {
                        let k = format!("role-{speaker}");
                        let (rs, re, rl) = facts.last().expect("a fact").clone();
                        doc.roles.push(RoleRecord {
                            key: k.clone(),
                            person: person.clone(),
                            organisation: format!("org-{}", speaker % orgs),
                            title: TITLES[speaker % TITLES.len()].to_owned(),
                            since: Some(format!("{}", 2015 + speaker % 9)),
                            until: None,
                            evidence: evidence(&key, rs, re, &rl),
                            more_evidence: Vec::new(),
                        });
                        role_of_person[speaker] = Some(k.clone());
                        k
                    }
                };
                let issue = issue_zipf.sample(&mut self.rng) as usize - 1;
                let stance = [Stance::Supports, Stance::Opposes, Stance::Neutral, Stance::Mixed]
                    [self.rng.random_range(0..4)];
                let mut about = vec![StanceRecord {
                    issue: format!("issue-{issue}"),
                    stance,
                }];
                if self.rng.random_bool(0.3) {
                    let second = issue_zipf.sample(&mut self.rng) as usize - 1;
                    if second != issue {
                        about.push(StanceRecord {
                            issue: format!("issue-{second}"),
                            stance: Stance::Neutral,
                        });
                    }
                }
                let mention = format!("person-{}", speaker_zipf.sample(&mut self.rng) as usize - 1);
                let (s0, e0, l0) = facts.last().expect("a fact").clone();
                doc.statements.push(StatementRecord {
                    key: format!("statement-{statement_no}"),
                    kind: StatementKind::DirectQuote,
                    text: format!("{quote}."),
                    speaker: person.clone(),
                    speaker_role: Some(role_key),
                    said_on: Some((published - Duration::days(1)).format("%Y-%m-%d").to_string()),
                    place: Some(cities[self.rng.random_range(0..cities.len())].clone()),
                    audience: None,
                    audience_entity: None,
                    about,
                    mentions: if mention == *person {
                        Vec::new()
                    } else {
                        vec![mention]
                    },
                    evidence: evidence(&key, s0, e0, &l0),
                    more_evidence: Vec::new(),
                });
                statement_no += 1;
            }
            // An event for every other article, a measure for every fifth.
            if s % 2 == 0 {
                let (s0, e0, l0) = facts[0].clone();
                let city = cities[self.rng.random_range(0..cities.len())].clone();
                let m = self.rng.random_range(0..MEASURES.len());
                doc.events.push(EventRecord {
                    key: format!("event-{s}"),
                    kind: [EventKind::Attack, EventKind::Meeting, EventKind::Visit][s % 3],
                    label: format!("Event {s}"),
                    started_on: Some(published.format("%Y-%m-%d").to_string()),
                    ended_on: None,
                    places: vec![city],
                    participants: vec![ParticipantRecord {
                        entity: format!("org-{}", s % orgs),
                        role: "organiser".to_owned(),
                    }],
                    quantities: vec![QuantityRecord {
                        measure: MEASURES[m].to_owned(),
                        value: self.rng.random_range(0..500),
                        qualifier: Qualifier::AtLeast,
                        evidence: evidence(&key, s0, e0, &l0),
                        more_evidence: Vec::new(),
                    }],
                    evidence: evidence(&key, s0, e0, &l0),
                    more_evidence: Vec::new(),
                });
            }
            if s % 5 == 0 {
                let (s0, e0, l0) = facts[facts.len() - 1].clone();
                doc.financial_measures.push(FinancialMeasureRecord {
                    key: format!("measure-{s}"),
                    kind: FinancialMeasureKind::Loan,
                    label: format!("Loan {s}"),
                    amount: Some(format!("{}000000", self.rng.random_range(1..100_000))),
                    currency: Some(["EUR", "USD", "GBP"][s % 3].to_owned()),
                    amount_qualifier: Some(Qualifier::About),
                    status: FinancialMeasureStatus::Proposed,
                    term: Some("P2Y".to_owned()),
                    share: None,
                    provider: Some(format!("org-{}", (s + 1) % orgs)),
                    recipient: Some(format!("country-{}", s % countries)),
                    secured_against: None,
                    issues: vec![format!("issue-{}", s % issues)],
                    announced_on: Some(published.format("%Y-%m").to_string()),
                    evidence: evidence(&key, s0, e0, &l0),
                    more_evidence: Vec::new(),
                });
            }
            doc.sources.push(SourceRecord {
                key,
                url: None,
                title: format!("Report {s}"),
                publisher: Some("Generated News".to_owned()),
                published_on: Some(published.format("%Y-%m-%d").to_string()),
                language: Some("en".to_owned()),
                text,
            });
        }
        doc
    }
}

fn place(key: &str, name: &str, kind: PlaceKind, parent: Option<&str>) -> PlaceRecord {
    PlaceRecord {
        key: key.to_owned(),
        name: name.to_owned(),
        aliases: Vec::new(),
        description: None,
        wikidata_id: None,
        kind,
        parent: parent.map(str::to_owned),
        latitude: None,
        longitude: None,
    }
}

fn evidence(source: &str, start: usize, end: usize, excerpt: &str) -> EvidenceRecord {
    EvidenceRecord {
        source: source.to_owned(),
        start: Some(start as i64),
        end: Some(end as i64),
        occurrence: None,
        excerpt: excerpt.to_owned(),
        confidence: 1.0,
        curated: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_document() {
        let a = serde_json::to_string(&generate(200, 7)).unwrap();
        let b = serde_json::to_string(&generate(200, 7)).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, serde_json::to_string(&generate(200, 8)).unwrap());
    }

    #[test]
    fn names_do_not_run_out_at_a_million_statements() {
        // Only the named nodes: their counts grow with the statements.
        let mut g = Generator::new(1);
        let words: HashSet<_> = (0..3_000).map(|_| g.unique_word(2)).collect();
        assert_eq!(words.len(), 3_000);
    }

    #[test]
    fn generated_documents_are_valid() {
        let doc = generate(500, 1);
        assert_eq!(doc.statements.len(), 500);
        let problems = crate::import::check(&doc);
        assert!(problems.is_empty(), "{problems:?}");
    }
}
