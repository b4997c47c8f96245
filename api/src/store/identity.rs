//! When two facts are the same fact. The import finds the fact a record
//! names again by these rules (so importing a file twice adds nothing),
//! `add*` returns the fact that is there, and `update*` refuses to make
//! one fact the twin of another. One rule per kind of fact, here only.

use entity::kinds::{EventKind, FinancialMeasureKind, StatementKind};
use entity::{event, financial_measure, relation, role, statement};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use super::Span;

/// A statement: the same words of the same kind by the same speaker, from
/// the same span of the same source.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StatementIdentity {
    pub source: i64,
    pub span: Span,
    pub speaker: i64,
    pub kind: StatementKind,
    pub text: String,
}

impl StatementIdentity {
    /// What the rule compares, for messages.
    pub const WHAT: &str = "speaker, kind, text and evidence span";

    pub async fn find(&self, conn: &impl ConnectionTrait, except: Option<i64>) -> Result<Option<i64>, DbErr> {
        use statement::Column as C;
        let rule = Condition::all()
            .add(C::SourceId.eq(self.source))
            .add(C::SpanStart.eq(self.span.start))
            .add(C::SpanEnd.eq(self.span.end))
            .add(C::SpeakerId.eq(self.speaker))
            .add(C::Kind.eq(self.kind))
            .add(C::Text.eq(self.text.as_str()));
        first::<statement::Entity, _>(conn, rule, C::Id, except).await
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
