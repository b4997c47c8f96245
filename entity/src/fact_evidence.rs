//! A later report of a fact: another source, or another passage, that
//! reports a fact already in the graph. The fact's own row keeps its
//! first report; each row here belongs to exactly one fact, through the
//! one of its fact columns that is set.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "fact_evidence")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub statement_id: Option<i64>,
    pub role_id: Option<i64>,
    pub relation_id: Option<i64>,
    pub financial_measure_id: Option<i64>,
    pub event_id: Option<i64>,
    pub event_quantity_id: Option<i64>,
    pub source_id: i64,
    pub span_start: i32,
    pub span_end: i32,
    #[sea_orm(column_type = "Text")]
    pub excerpt: String,
    pub confidence: f64,
    pub curated: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::source::Entity",
        from = "Column::SourceId",
        to = "super::source::Column::Id",
        on_delete = "Restrict"
    )]
    Source,
}

impl ActiveModelBehavior for ActiveModel {}

/// A fact, by the kind of its table and its key: what a row of
/// `fact_evidence` belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fact {
    Statement(i64),
    Role(i64),
    Relation(i64),
    FinancialMeasure(i64),
    Event(i64),
    EventQuantity(i64),
}

impl Fact {
    /// The fact's key.
    pub fn id(self) -> i64 {
        match self {
            Fact::Statement(id)
            | Fact::Role(id)
            | Fact::Relation(id)
            | Fact::FinancialMeasure(id)
            | Fact::Event(id)
            | Fact::EventQuantity(id) => id,
        }
    }

    /// The same kind of fact with another key.
    pub fn with_id(self, id: i64) -> Fact {
        match self {
            Fact::Statement(_) => Fact::Statement(id),
            Fact::Role(_) => Fact::Role(id),
            Fact::Relation(_) => Fact::Relation(id),
            Fact::FinancialMeasure(_) => Fact::FinancialMeasure(id),
            Fact::Event(_) => Fact::Event(id),
            Fact::EventQuantity(_) => Fact::EventQuantity(id),
        }
    }

    /// The table that holds the fact.
    pub fn table(self) -> &'static str {
        match self {
            Fact::Statement(_) => "statement",
            Fact::Role(_) => "role",
            Fact::Relation(_) => "relation",
            Fact::FinancialMeasure(_) => "financial_measure",
            Fact::Event(_) => "event",
            Fact::EventQuantity(_) => "event_quantity",
        }
    }

    /// The column of `fact_evidence` that points at facts of this kind.
    pub fn column(self) -> Column {
        match self {
            Fact::Statement(_) => Column::StatementId,
            Fact::Role(_) => Column::RoleId,
            Fact::Relation(_) => Column::RelationId,
            Fact::FinancialMeasure(_) => Column::FinancialMeasureId,
            Fact::Event(_) => Column::EventId,
            Fact::EventQuantity(_) => Column::EventQuantityId,
        }
    }

    /// The columns no two reports of one fact share: the fact, the source
    /// and the span.
    pub fn report_key(self) -> [Column; 4] {
        [
            self.column(),
            Column::SourceId,
            Column::SpanStart,
            Column::SpanEnd,
        ]
    }

    /// Points `row` at this fact.
    pub fn own(self, row: &mut ActiveModel) {
        let id = sea_orm::Set(Some(self.id()));
        match self {
            Fact::Statement(_) => row.statement_id = id,
            Fact::Role(_) => row.role_id = id,
            Fact::Relation(_) => row.relation_id = id,
            Fact::FinancialMeasure(_) => row.financial_measure_id = id,
            Fact::Event(_) => row.event_id = id,
            Fact::EventQuantity(_) => row.event_quantity_id = id,
        }
    }
}

impl Model {
    /// The fact this row is a report of.
    pub fn fact(&self) -> Option<Fact> {
        let columns = [
            self.statement_id.map(Fact::Statement),
            self.role_id.map(Fact::Role),
            self.relation_id.map(Fact::Relation),
            self.financial_measure_id.map(Fact::FinancialMeasure),
            self.event_id.map(Fact::Event),
            self.event_quantity_id.map(Fact::EventQuantity),
        ];
        columns.into_iter().flatten().next()
    }
}
