//! What happened: a sentence whose words name an event ("a vast drone
//! barrage on Ukraine", "scheduled to meet Rustem Umerov in Miami on
//! Thursday", "a meeting of foreign ministers", "his first official visit
//! to Ireland") becomes a draft event with its kind, a label from those
//! words, its date, its places and who took part in which role. The counts
//! of the next sentences belong to it ("At least 111 drones ..., killing
//! two people ... and injuring three others"), as long as no other event
//! comes between; a sentence that tells of the same kind of event right
//! after adds its places to it ("Zaporizhzhia, Kharkiv and Odesa were also
//! struck"). A count of casualties that no event sentence comes before
//! makes an event of its own.

use entity::kinds::EventKind;

use super::numbers::{self, Count};
use super::rules;
use super::text::{Sentence, word_at};
use super::{Kind, Reader, capitalised};
use crate::import::format::{EventRecord, ParticipantRecord, QuantityRecord};

/// How sure an event read from its sentence is, and a count read beside it.
const EVENT: f64 = 0.6;
const COUNT: f64 = 0.8;

/// How many sentences after an event's own may still count for it.
const FOLLOWING: usize = 2;

impl Reader<'_> {
    /// Reads the events of the article, in order.
    pub(super) fn find_events(&mut self) {
        // The last event told, and how many sentences of the writer's own
        // words (not quotations standing alone) came since.
        let mut last: Option<(usize, usize)> = None;
        for s in 0..self.sentences.len() {
            let sentence = self.sentences[s];
            if self.in_capitals(sentence) {
                continue;
            }
            let own_words = (sentence.first..=sentence.last)
                .any(|k| self.tokens[k].is_word() && !self.in_quotation(self.tokens[k].start));
            if !own_words {
                continue;
            }
            if let Some((_, since)) = last.as_mut() {
                *since += 1;
            }
            let trigger = self.trigger(sentence);
            let counts = self.counts(sentence);
            let recent = last.filter(|&(_, since)| since <= FOLLOWING).map(|(e, _)| e);
            match trigger {
                // The same event told on: "the quake destroyed", "struck in
                // the overnight assault".
                Some((k, kind))
                    if recent
                        .is_some_and(|e| self.events[e].kind == kind && self.tells_on(sentence, kind)) =>
                {
                    let e = recent.unwrap_or_default();
                    self.join_event(e, sentence, k, kind, counts);
                    let evidence = &mut self.events[e].evidence;
                    let (start, end) = evidence.offsets().unwrap_or_default();
                    let end = end.max(sentence.end as i64);
                    evidence.end = Some(end);
                    evidence.excerpt = self.text.slice(start as usize, end as usize);
                    last = Some((e, 0));
                }
                Some((k, kind)) => {
                    let e = self.new_event(sentence, k, kind);
                    self.join_event(e, sentence, k, kind, counts);
                    last = Some((e, 0));
                }
                None if !counts.is_empty() => match recent {
                    Some(e) => {
                        let quantities = counts.iter().map(|c| self.quantity(c)).collect::<Vec<_>>();
                        self.events[e].quantities.extend(quantities);
                    }
                    // Casualties with no event told before them.
                    None if counts.iter().any(|c| rules::casualty(&c.measure).is_some()) => {
                        let at = counts[0].first;
                        let e = self.new_event(sentence, at, EventKind::Other);
                        self.join_event(e, sentence, at, EventKind::Other, counts);
                        last = Some((e, 0));
                    }
                    None => {}
                },
                None => {}
            }
        }
    }

    /// The word of a sentence that tells of an event, with its kind: of
    /// the event words outside quotations (in lower case, or opening the
    /// sentence), the first with a name beside it ("to meet Rustem
    /// Umerov"), else the first. Talks named without a date, a place, a
    /// count or a verb that holds them are the process, not an event ("to
    /// derail the peace negotiations").
    fn trigger(&self, s: Sentence) -> Option<(usize, EventKind)> {
        let candidates: Vec<(usize, EventKind)> = (s.first..=s.last)
            .filter(|&k| {
                let t = &self.tokens[k];
                t.is_word() && !self.in_quotation(t.start) && (k == s.first || !t.is_capitalised())
            })
            .filter_map(|k| rules::event_word(&self.tokens[k].lower()).map(|kind| (k, kind)))
            .filter(|&(k, kind)| kind != EventKind::Negotiation || self.holds_talks(s, k))
            .collect();
        let named_beside = |k: usize| {
            (k + 1..=(k + 3).min(s.last)).any(|j| self.mention_at(j).is_some())
                || k > s.first && self.mention_at(k - 1).is_some()
        };
        candidates
            .iter()
            .copied()
            .find(|&(k, _)| named_beside(k))
            .or_else(|| candidates.first().copied())
    }

    /// Whether talks at token `k` are an event: the sentence dates or
    /// places them, counts them ("five hours of discussions"), or a verb
    /// holds them ("had held productive talks").
    fn holds_talks(&self, s: Sentence, k: usize) -> bool {
        let words = self.own_words(s);
        let dated = self
            .article
            .published_on
            .is_some_and(|p| super::dates::named(&words, p, false).is_some());
        let placed = (s.first..=s.last).any(|i| {
            self.mention_at(i).is_some_and(|m| {
                matches!(self.found[m.found].kind, Kind::Place(_)) && self.after_preposition(m.first)
            })
        });
        let held = (s.first..k).any(|i| rules::holds_talks(&self.tokens[i].lower()));
        dated || placed || held || !self.counts(s).is_empty()
    }

    /// Whether a sentence tells on the last event of its kind rather than
    /// of a new one: it refers back ("the quake", "this attack") or names
    /// nobody new.
    fn tells_on(&self, s: Sentence, kind: EventKind) -> bool {
        let refers_back = (s.first..=s.last).any(|k| {
            rules::event_word(&self.tokens[k].lower()) == Some(kind)
                && (k.saturating_sub(2).max(s.first)..k)
                    .any(|j| matches!(self.tokens[j].lower().as_str(), "the" | "this" | "that"))
        });
        let names_someone = self.mentions_in(s.first, s.last).iter().any(|m| {
            m.last <= s.last
                && !self.in_quotation(self.tokens[m.first].start)
                && !matches!(self.found[m.found].kind, Kind::Place(_))
        });
        refers_back || !names_someone
    }

    /// Whether a sentence is a heading in capitals ("TYRANT TALKS").
    fn in_capitals(&self, s: Sentence) -> bool {
        (s.first..=s.last)
            .filter(|&k| self.tokens[k].is_word())
            .all(|k| !self.tokens[k].text.chars().any(char::is_lowercase))
    }

    /// The counts of a sentence outside its quotations.
    fn counts(&self, s: Sentence) -> Vec<Count> {
        let mut out: Vec<Count> = Vec::new();
        let mut k = s.first;
        while k <= s.last {
            match numbers::count_at(&self.tokens, k)
                .filter(|c| c.last <= s.last && !self.in_quotation(self.tokens[k].start))
            {
                Some(count) => {
                    k = count.last + 1;
                    out.push(count);
                }
                None => k += 1,
            }
        }
        out
    }

    fn quantity(&self, c: &Count) -> QuantityRecord {
        QuantityRecord {
            measure: c.measure.clone(),
            value: c.value,
            qualifier: c.qualifier,
            evidence: self.evidence(self.tokens[c.first].start, self.tokens[c.last].end, COUNT),
            more_evidence: Vec::new(),
        }
    }

    fn new_event(&mut self, s: Sentence, k: usize, kind: EventKind) -> usize {
        let words = self.own_words(s);
        let ahead = words.iter().any(|w| rules::is_future_word(w));
        // An event the text does not date happened around publication:
        // its month.
        let started_on = self.article.published_on.and_then(|published| {
            super::dates::named(&words, published, ahead)
                .or_else(|| (!ahead).then(|| published.format("%Y-%m").to_string()))
        });
        let n = self.events.len() + 1;
        self.events.push(EventRecord {
            key: format!("event-{n}"),
            kind,
            label: self.event_label(s, k),
            started_on,
            ended_on: None,
            places: Vec::new(),
            participants: Vec::new(),
            quantities: Vec::new(),
            evidence: self.evidence(s.start, s.end, EVENT),
            more_evidence: Vec::new(),
        });
        self.events.len() - 1
    }

    /// Adds a sentence's places, participants and counts to event `e`,
    /// and its day where the event had none ("Earthquake kills dozens",
    /// then "struck ... early on Tuesday").
    fn join_event(&mut self, e: usize, s: Sentence, k: usize, kind: EventKind, counts: Vec<Count>) {
        let words = self.own_words(s);
        let ahead = words.iter().any(|w| rules::is_future_word(w));
        if let Some(day) = self
            .article
            .published_on
            .and_then(|p| super::dates::named(&words, p, ahead))
            .filter(|d| d.len() == 10)
            && self.events[e].started_on.as_ref().is_none_or(|d| d.len() < 10)
        {
            self.events[e].started_on = Some(day);
        }
        let subject = self.subject_before(s, k);
        let mut places = Vec::new();
        let mut participants = Vec::new();
        let in_sentence: Vec<_> = self
            .mentions_in(s.first, s.last)
            .iter()
            .filter(|m| m.last <= s.last && !self.in_quotation(self.tokens[m.first].start))
            .copied()
            .collect();
        // "Zaporizhzhia, Kharkiv and Odesa were also struck": the subject
        // of a passive is what the event befell.
        let passive = (s.first..k).rev().take(3).any(|j| {
            matches!(
                self.tokens[j].lower().as_str(),
                "was" | "were" | "been" | "be" | "being"
            )
        });
        for m in in_sentence {
            let lead = m.first.checked_sub(1).map(|p| self.tokens[p].lower());
            let is_place = matches!(self.found[m.found].kind, Kind::Place(_));
            let before_verb = m.last < k && !self.after_preposition(m.first);
            let role = if passive && before_verb {
                match kind {
                    EventKind::Attack => Some("target"),
                    _ if is_place => None,
                    _ => Some("participant"),
                }
            } else if Some(m.found) == subject {
                Some(match kind {
                    EventKind::Attack => "attacker",
                    EventKind::Visit => "visitor",
                    EventKind::Speech => "speaker",
                    EventKind::Announcement => "announcer",
                    _ => "participant",
                })
            } else if kind == EventKind::Attack
                && m.first > k
                && matches!(lead.as_deref(), Some("on" | "against" | "toward" | "towards"))
            {
                Some("target")
            } else if is_place {
                None
            } else {
                Some("participant")
            };
            match role {
                Some(role) => participants.push(ParticipantRecord {
                    entity: self.key_of(m.found),
                    role: role.to_owned(),
                }),
                None => places.push(self.key_of(m.found)),
            }
        }
        // "Addressing a Moscow forum, he insisted": the speaker resolved.
        if subject.is_none()
            && matches!(kind, EventKind::Speech | EventKind::Visit)
            && let Some(person) = self.pronoun_subject(s)
        {
            let role = if kind == EventKind::Speech {
                "speaker"
            } else {
                "visitor"
            };
            participants.push(ParticipantRecord {
                entity: self.key_of(person),
                role: role.to_owned(),
            });
        }
        let quantities: Vec<QuantityRecord> = counts.iter().map(|c| self.quantity(c)).collect();
        let event = &mut self.events[e];
        for place in places {
            if !event.places.contains(&place) && !event.participants.iter().any(|p| p.entity == place) {
                event.places.push(place);
            }
        }
        for p in participants {
            if !event.participants.iter().any(|q| q.entity == p.entity) {
                event.places.retain(|place| *place != p.entity);
                event.participants.push(p);
            }
        }
        event.quantities.extend(quantities);
    }

    /// The name that is the subject of the event word at `k`: the last one
    /// before it in the sentence that no preposition puts aside (a
    /// possessive counts: "Zelensky’s first official visit").
    fn subject_before(&self, s: Sentence, k: usize) -> Option<usize> {
        self.mentions_in(s.first, k)
            .iter()
            .rfind(|m| {
                let lead = m.first.checked_sub(1).map(|p| self.tokens[p].lower());
                m.last < k
                    && !self.in_quotation(self.tokens[m.first].start)
                    && (!lead.is_some_and(|w| rules::is_preposition(&w))
                        || self.tokens[m.last].is_possessive())
            })
            .map(|m| m.found)
    }

    /// The person a pronoun subject of the sentence stands for ("he").
    fn pronoun_subject(&self, s: Sentence) -> Option<usize> {
        let at = (s.first..=s.last).find(|&k| {
            self.tokens[k].is_word()
                && rules::pronoun(&self.tokens[k].lower()) == Some(true)
                && !self.in_quotation(self.tokens[k].start)
        })?;
        self.last_person(at)
    }

    /// The label of an event: the words of its noun with what qualifies it
    /// ("vast drone barrage on Ukraine", "first official visit to
    /// Ireland", "meeting of foreign ministers"), or the clause of its verb
    /// ("Steve Witkoff scheduled to meet Rustem Umerov").
    fn event_label(&self, s: Sentence, k: usize) -> String {
        let word = |i: usize| word_at(&self.tokens, i);
        let verbish = |w: &str| w.ends_with("ed") || w.ends_with("ing") || rules::is_bridge(w);
        let mut first = k;
        let mut last = k;
        if rules::is_event_verb(&self.tokens[k].lower()) {
            // From the subject named just before, to the object: up to a
            // comma or seven words ("unveiled plans for a £184 billion loan").
            if let Some(m) = self
                .mentions_in(s.first, k)
                .iter()
                .rfind(|m| m.last < k)
                .filter(|m| k - m.last <= 4)
            {
                first = m.first;
            }
            let mut passed_name = false;
            let mut end = k + 1;
            while end <= s.last && end <= k + 7 {
                let t = &self.tokens[end];
                let sign =
                    t.kind == super::text::TokenKind::Mark && rules::currency_sign(&t.text, None).is_some();
                if !(t.is_word() || sign)
                    || passed_name
                        && (rules::is_preposition(&t.lower())
                            || rules::WEEKDAYS.contains(&t.lower().as_str()))
                {
                    break;
                }
                if let Some(m) = self.mention_at(end) {
                    end = m.last;
                    passed_name = true;
                }
                last = end;
                end += 1;
            }
        } else {
            // From just after a determiner or possessive up to three words
            // before the noun ("a vast drone barrage", "Zelensky’s first
            // official visit"); the noun alone when none stands there.
            if let Some(d) = (k.saturating_sub(3).max(s.first)..k).rev().find(|&j| {
                let w = self.tokens[j].lower();
                rules::is_determiner(&w)
                    || self.tokens[j].is_possessive()
                    || matches!(w.as_str(), "another" | "his" | "her" | "its" | "their")
            }) && (d + 1..k).all(|j| word(j).is_some_and(|w| !verbish(&w) && !rules::is_preposition(&w)))
            {
                first = d + 1;
            }
            // "on Ukraine", "to Ireland", "of foreign ministers"; not a day
            // and not the verb after it.
            if word(k + 1).is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "on" | "to" | "of" | "in" | "with" | "between" | "against"
                )
            }) {
                let mut end = k + 2;
                while end <= s.last
                    && end <= k + 4
                    && word(end).is_some_and(|w| {
                        !rules::WEEKDAYS.contains(&w.as_str())
                            && !rules::is_preposition(&w)
                            && w != "and"
                            && !verbish(&w)
                    })
                {
                    last = end;
                    end += 1;
                }
            }
        }
        capitalised(&self.text.slice(self.tokens[first].start, self.tokens[last].end))
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::{Article, Gazetteer, draft};
    use crate::import::format::EventRecord;

    fn events(text: &str) -> Vec<EventRecord> {
        let article = Article {
            text: format!("Headline\n{text}"),
            title: Some("Headline".to_owned()),
            // Wednesday.
            published_on: NaiveDate::from_ymd_opt(2025, 12, 3),
            ..Article::default()
        };
        draft(&article, &Gazetteer::default()).events
    }

    #[test]
    fn an_attack_with_the_counts_that_follow_it() {
        let found = events(
            "Rebels launched a vast drone barrage on the city of Harkov on Tuesday.\n\
             At least 111 drones were sent, killing two people and injuring three others.\n\
             Two suburbs were also struck in the overnight assault.",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        let e = &found[0];
        assert_eq!(e.label, "Vast drone barrage on the city");
        assert_eq!(e.started_on.as_deref(), Some("2025-12-02"));
        let counts: Vec<(&str, i64)> = e
            .quantities
            .iter()
            .map(|q| (q.measure.as_str(), q.value))
            .collect();
        assert_eq!(
            counts,
            [("drones", 111), ("killed", 2), ("injured", 3), ("suburbs", 2)]
        );
        assert!(
            e.evidence.excerpt.ends_with("overnight assault."),
            "{}",
            e.evidence.excerpt
        );
    }

    #[test]
    fn a_meeting_ahead_and_talks_that_are_only_the_process() {
        // "scheduled to meet ... on Thursday" is tomorrow; "the peace
        // negotiations" with nothing to date or place them is no event.
        let found = events(
            "Envoy Anna Berg is scheduled to meet Karl Dorn in Vienna on Thursday.\n\
             Critics accused Europe of trying to derail the peace negotiations.",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].started_on.as_deref(), Some("2025-12-04"));
        assert!(found[0].label.contains("meet Karl Dorn"), "{}", found[0].label);
        // Keys are folded names ("Vienna" folds as "viena").
        assert_eq!(found[0].places, ["place-viena"]);
    }

    #[test]
    fn casualties_with_no_event_before_them_make_one() {
        let found = events("Police said 14 people were killed overnight.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].quantities[0].measure, "killed");
        // No day named: the month of publication.
        assert_eq!(found[0].started_on.as_deref(), Some("2025-12"));
    }
}
