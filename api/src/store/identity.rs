//! When two facts are the same fact. The import finds the fact a record
//! names again by these rules (so importing a file twice adds nothing, and
//! a second outlet's report of a fact adds its evidence to it), `add*`
//! returns the fact that is there, and `update*` refuses to make one fact
//! the twin of another. Statements, roles and relations have one rule
//! each; an event or a financial measure is the same fact when it is
//! recorded again from the same span (`LabelledIdentity`) or when another
//! source reports it (`EventReport`, `MeasureReport`). Here only.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use entity::kinds::{DatePrecision, EventKind, FinancialMeasureKind, StatementKind};
use entity::{event, event_participant, event_place, financial_measure, place, relation, role, statement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::Span;
use crate::domain::PartialDate;
use crate::names::{quote_key, quote_words};

/// A statement: the same words (as [`quote_words`] evens them out) of the
/// same kind by the same speaker, not said on two different dates. A
/// second outlet quoting the same words is another report of the same
/// statement, wherever in its text it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementIdentity {
    pub speaker: i64,
    pub kind: StatementKind,
    pub text: String,
    pub said_on: Option<PartialDate>,
}

/// A statement as the identity rule reads it from the database, with its
/// first report.
#[derive(Debug, Clone)]
pub struct StoredStatement {
    pub id: i64,
    pub identity: StatementIdentity,
    pub source: i64,
    pub span: Span,
}

impl StatementIdentity {
    /// What the rule compares, for messages.
    pub const WHAT: &str = "speaker, kind, quoted words and date";

    /// The key of the words, as `statement.text_key` stores it.
    pub fn key(&self) -> String {
        quote_key(&self.text)
    }

    /// What two statements must share to be one, the date aside: the
    /// speaker, the kind and the words as [`quote_words`] evens them out.
    pub fn words(&self) -> (i64, StatementKind, String) {
        (self.speaker, self.kind, quote_words(&self.text))
    }

    /// Whether two statements with the same [`words`](Self::words) may be
    /// one, by their dates: not said on two different days (or months).
    pub fn same_time(&self, other: &StatementIdentity) -> bool {
        match (self.said_on, other.said_on) {
            (Some(a), Some(b)) => a.may_be(b),
            _ => true,
        }
    }

    /// Whether `other` is the same statement.
    pub fn same(&self, other: &StatementIdentity) -> bool {
        self.words() == other.words() && self.same_time(other)
    }

    /// The statements whose words have one of `keys`, `except` aside.
    pub async fn stored(
        conn: &impl ConnectionTrait,
        keys: &[String],
        except: Option<i64>,
    ) -> Result<Vec<StoredStatement>, DbErr> {
        use statement::Column as C;
        let mut found = Vec::new();
        for chunk in keys.chunks(500) {
            let mut select =
                statement::Entity::find().filter(C::TextKey.is_in(chunk.iter().map(String::as_str)));
            if let Some(except) = except {
                select = select.filter(C::Id.ne(except));
            }
            let rows = select.order_by_asc(C::Id).all(conn).await?;
            found.extend(rows.into_iter().map(|row| StoredStatement {
                id: row.id,
                identity: StatementIdentity {
                    speaker: row.speaker_id,
                    kind: row.kind,
                    said_on: PartialDate::from_columns(row.said_on, row.said_on_precision),
                    text: row.text,
                },
                source: row.source_id,
                span: Span {
                    start: row.span_start,
                    end: row.span_end,
                },
            }));
        }
        Ok(found)
    }

    pub async fn find(&self, conn: &impl ConnectionTrait, except: Option<i64>) -> Result<Option<i64>, DbErr> {
        let stored = Self::stored(conn, &[self.key()], except).await?;
        Ok(stored.into_iter().find(|s| self.same(&s.identity)).map(|s| s.id))
    }
}

/// A role: the same title of the same person in the same organisation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RoleIdentity {
    pub person: i64,
    pub organisation: i64,
    pub title: String,
}

impl RoleIdentity {
    pub async fn find(&self, conn: &impl ConnectionTrait, except: Option<i64>) -> Result<Option<i64>, DbErr> {
        use role::Column as C;
        let rule = Condition::all()
            .add(C::PersonId.eq(self.person))
            .add(C::OrganisationId.eq(self.organisation))
            .add(C::Title.eq(self.title.as_str()));
        first::<role::Entity, _>(conn, rule, C::Id, except).await
    }
}

/// A relation: the same kind between the same two people, in that order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RelationIdentity {
    pub person: i64,
    pub related_person: i64,
    pub kind: String,
}

impl RelationIdentity {
    pub async fn find(&self, conn: &impl ConnectionTrait, except: Option<i64>) -> Result<Option<i64>, DbErr> {
        use relation::Column as C;
        let rule = Condition::all()
            .add(C::PersonId.eq(self.person))
            .add(C::RelatedPersonId.eq(self.related_person))
            .add(C::Kind.eq(self.kind.as_str()));
        first::<relation::Entity, _>(conn, rule, C::Id, except).await
    }
}

/// A financial measure or an event: the same kind and label from the same
/// span. `K` is the kind of fact's own enum of kinds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LabelledIdentity<K> {
    pub source: i64,
    pub span: Span,
    pub kind: K,
    pub label: String,
}

/// A financial measure's identity.
pub type FinancialMeasureIdentity = LabelledIdentity<FinancialMeasureKind>;
/// An event's identity.
pub type EventIdentity = LabelledIdentity<EventKind>;

impl<K: Into<sea_orm::Value> + Copy> LabelledIdentity<K> {
    /// What the rule compares, for messages.
    pub const WHAT: &str = "kind, label and evidence span";

    /// The rule over a table's `[source, start, end, kind, label]` columns.
    fn rule<C: ColumnTrait>(&self, [source, start, end, kind, label]: [C; 5]) -> Condition {
        Condition::all()
            .add(source.eq(self.source))
            .add(start.eq(self.span.start))
            .add(end.eq(self.span.end))
            .add(kind.eq(self.kind))
            .add(label.eq(self.label.as_str()))
    }
}

impl FinancialMeasureIdentity {
    pub async fn find(&self, conn: &impl ConnectionTrait, except: Option<i64>) -> Result<Option<i64>, DbErr> {
        use financial_measure::Column as C;
        let rule = self.rule([C::SourceId, C::SpanStart, C::SpanEnd, C::Kind, C::Label]);
        first::<financial_measure::Entity, _>(conn, rule, C::Id, except).await
    }
}

impl EventIdentity {
    pub async fn find(&self, conn: &impl ConnectionTrait, except: Option<i64>) -> Result<Option<i64>, DbErr> {
        use event::Column as C;
        let rule = self.rule([C::SourceId, C::SpanStart, C::SpanEnd, C::Kind, C::Label]);
        first::<event::Entity, _>(conn, rule, C::Id, except).await
    }
}

/// An event as another outlet reports it: the same day, a place in
/// common (or one within the other: Moscow and Russia), and someone who
/// took part in both, whatever each outlet calls it ("talks", "meeting")
/// and whoever else it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventReport {
    /// The day it started; an event known only to the month is not matched.
    pub day: NaiveDate,
    pub places: BTreeSet<i64>,
    pub participants: BTreeSet<i64>,
}

impl EventReport {
    /// What the rule compares, for messages.
    pub const WHAT: &str = "start day, a place and a participant in common";

    /// The first event, `except` aside, that this report is of.
    pub async fn find(&self, conn: &impl ConnectionTrait, except: Option<i64>) -> Result<Option<i64>, DbErr> {
        if self.places.is_empty() || self.participants.is_empty() {
            return Ok(None);
        }
        let mut on_day = event::Entity::find()
            .select_only()
            .column(event::Column::Id)
            .filter(event::Column::StartedOn.eq(self.day))
            .filter(event::Column::StartedOnPrecision.eq(DatePrecision::Day));
        if let Some(except) = except {
            on_day = on_day.filter(event::Column::Id.ne(except));
        }
        let candidates: Vec<i64> = on_day
            .order_by_asc(event::Column::Id)
            .into_tuple()
            .all(conn)
            .await?;
        if candidates.is_empty() {
            return Ok(None);
        }
        let took_part: Vec<(i64, i64)> = event_participant::Entity::find()
            .select_only()
            .columns([
                event_participant::Column::EventId,
                event_participant::Column::EntityId,
            ])
            .filter(event_participant::Column::EventId.is_in(candidates.clone()))
            .into_tuple()
            .all(conn)
            .await?;
        let held_in: Vec<(i64, i64)> = event_place::Entity::find()
            .select_only()
            .columns([event_place::Column::EventId, event_place::Column::PlaceId])
            .filter(event_place::Column::EventId.is_in(candidates.clone()))
            .into_tuple()
            .all(conn)
            .await?;
        let mut places: BTreeSet<i64> = self.places.clone();
        places.extend(held_in.iter().map(|(_, place)| *place));
        let within = places_within(conn, &places).await?;
        // Places meet when one lies in the other, or they are one.
        let meet = |a: i64, b: i64| {
            within.get(&a).is_some_and(|up| up.contains(&b))
                || within.get(&b).is_some_and(|up| up.contains(&a))
        };
        Ok(candidates.into_iter().find(|event| {
            let shares_participant = took_part
                .iter()
                .any(|(e, entity)| e == event && self.participants.contains(entity));
            let shares_place = held_in
                .iter()
                .any(|(e, place)| e == event && self.places.iter().any(|mine| meet(*mine, *place)));
            shares_participant && shares_place
        }))
    }
}

/// Each place with the places it lies in, itself first: Kyiv, Kyiv Oblast,
/// Ukraine. Walks up at most ten levels.
async fn places_within(
    conn: &impl ConnectionTrait,
    places: &BTreeSet<i64>,
) -> Result<HashMap<i64, Vec<i64>>, DbErr> {
    let mut parents: HashMap<i64, Option<i64>> = HashMap::new();
    let mut wanted: Vec<i64> = places.iter().copied().collect();
    for _ in 0..10 {
        wanted.retain(|id| !parents.contains_key(id));
        if wanted.is_empty() {
            break;
        }
        let rows: Vec<(i64, Option<i64>)> = place::Entity::find()
            .select_only()
            .columns([place::Column::Id, place::Column::ParentId])
            .filter(place::Column::Id.is_in(wanted.clone()))
            .into_tuple()
            .all(conn)
            .await?;
        for id in &wanted {
            parents.entry(*id).or_insert(None);
        }
        wanted = rows.iter().filter_map(|(_, parent)| *parent).collect();
        parents.extend(rows);
    }
    Ok(places
        .iter()
        .map(|&place| {
            let mut up = vec![place];
            while let Some(Some(parent)) = up.last().and_then(|p| parents.get(p))
                && !up.contains(parent)
                && up.len() <= 10
            {
                up.push(*parent);
            }
            (place, up)
        })
        .collect())
}

/// A financial measure as another outlet reports it: the same giver,
/// receiver, currency and amount (one of the parties at least known); or,
/// where no amount is given, the same label announced on the same date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureReport {
    pub provider: Option<i64>,
    pub recipient: Option<i64>,
    /// The amount in canonical form, with its currency.
    pub money: Option<(String, String)>,
    pub label: String,
    pub announced_on: Option<PartialDate>,
}

impl MeasureReport {
    /// What the rule compares, for messages.
    pub const WHAT: &str = "provider, recipient, currency and amount";

    /// The first financial measure, `except` aside, that this report is of.
    pub async fn find(&self, conn: &impl ConnectionTrait, except: Option<i64>) -> Result<Option<i64>, DbErr> {
        use financial_measure::Column as C;
        let party = |col: C, id: Option<i64>| match id {
            Some(id) => col.eq(id),
            None => col.is_null(),
        };
        let rule = match (&self.money, self.announced_on) {
            (Some((amount, currency)), _) if self.provider.is_some() || self.recipient.is_some() => {
                Condition::all()
                    .add(C::Amount.eq(amount.as_str()))
                    .add(C::Currency.eq(currency.as_str()))
                    .add(party(C::ProviderId, self.provider))
                    .add(party(C::RecipientId, self.recipient))
            }
            (None, Some(date)) => Condition::all()
                .add(C::Amount.is_null())
                .add(C::Label.eq(self.label.as_str()))
                .add(C::AnnouncedOn.eq(date.date))
                .add(C::AnnouncedOnPrecision.eq(date.precision)),
            _ => return Ok(None),
        };
        first::<financial_measure::Entity, _>(conn, rule, C::Id, except).await
    }
}

/// The key of the first row the rule matches, other than `except`.
async fn first<E, C>(
    conn: &impl ConnectionTrait,
    rule: Condition,
    id: C,
    except: Option<i64>,
) -> Result<Option<i64>, DbErr>
where
    E: EntityTrait<Column = C>,
    C: ColumnTrait,
{
    let mut rule = rule;
    if let Some(except) = except {
        rule = rule.add(id.ne(except));
    }
    E::find()
        .select_only()
        .column(id)
        .filter(rule)
        .into_tuple::<i64>()
        .one(conn)
        .await
}
