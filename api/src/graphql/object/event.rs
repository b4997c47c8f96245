//! Events: what happened, when.

use async_graphql::{Context, ID, Object, SimpleObject};
use entity::fact_evidence::Fact;
use entity::{event_participant, event_quantity};

use super::{
    Event, NodeObject, Place, Qualifier, as_place, children,
    evidence::{evidence_of, fact_fields},
    linked,
};
use crate::error::{AppError, AppResult};
use crate::graphql::flat::{Also, Cited, Stamps};
use crate::graphql::loaders;
use crate::graphql::node::Entity;
use crate::graphql::scalars::PartialDate;
use crate::loader::EntityRecord;

/// Something that happened: an attack, a meeting, a visit, a negotiation.
#[Object]
impl Event {
    /// The object's opaque, stable global ID.
    pub async fn id(&self) -> ID {
        self.global_id()
    }

    /// What kind of event it is.
    async fn kind(&self) -> EventKind {
        self.0.kind.into()
    }

    /// A short label ("Russian drone attack on Ukraine").
    async fn label(&self) -> &str {
        &self.0.label
    }

    /// When it started, as precisely as known.
    async fn started_on(&self) -> Option<PartialDate> {
        PartialDate::from_columns(self.0.started_on, self.0.started_on_precision)
    }

    /// When it ended, as precisely as known; empty for one-day events and when unknown.
    async fn ended_on(&self) -> Option<PartialDate> {
        PartialDate::from_columns(self.0.ended_on, self.0.ended_on_precision)
    }

    /// Where it happened.
    #[graphql(complexity = "crate::graphql::connection::small_list_cost(child_complexity)")]
    async fn places(&self, ctx: &Context<'_>) -> AppResult<Vec<Place>> {
        let links = children(&loaders(ctx)?.event_places, self.0.id).await?;
        let entities = linked(
            &loaders(ctx)?.entity,
            links,
            |l| l.place_id,
            |e, _| Entity::from(e),
        )
        .await?;
        Ok(entities.into_iter().filter_map(as_place).collect())
    }

    /// Who took part, each in a role ("attacker", "delegation").
    #[graphql(complexity = "crate::graphql::connection::small_list_cost(child_complexity)")]
    async fn participants(&self, ctx: &Context<'_>) -> AppResult<Vec<Participant>> {
        let links = children(&loaders(ctx)?.event_participants, self.0.id).await?;
        let participant = |e: EntityRecord, link: event_participant::Model| Participant {
            entity: Entity::from(e),
            role: link.role,
        };
        linked(&loaders(ctx)?.entity, links, |l| l.entity_id, participant).await
    }

    /// How many: drones launched, people killed or injured...
    #[graphql(complexity = "crate::graphql::connection::small_list_cost(child_complexity)")]
    async fn quantities(&self, ctx: &Context<'_>) -> AppResult<Vec<Quantity>> {
        let rows = children(&loaders(ctx)?.event_quantities, self.0.id).await?;
        Ok(rows.into_iter().map(Quantity).collect())
    }

    #[graphql(flatten)]
    async fn fact(&self) -> Also<Cited<Self>, Stamps<Self>> {
        fact_fields!(self.0, Event)
    }
}

/// What kind of event it is.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::kinds::EventKind")]
pub enum EventKind {
    /// A military attack or strike.
    Attack,
    /// A meeting of people or delegations.
    Meeting,
    /// Talks to reach an agreement.
    Negotiation,
    /// An official visit.
    Visit,
    /// A public announcement.
    Announcement,
    /// A speech or address.
    Speech,
    /// A protest or demonstration.
    Protest,
    /// An election or vote.
    Election,
    /// None of the above.
    Other,
}

/// An entity that took part in an event, and its role in it.
#[derive(SimpleObject, Debug, Clone)]
pub struct Participant {
    /// Who took part.
    pub entity: Entity,
    /// In what role, as the source puts it ("attacker", "target", "delegation").
    pub role: String,
}

/// A count tied to an event ("at least 111 drones", "2 killed").
#[derive(Debug, Clone)]
pub struct Quantity(pub event_quantity::Model);

/// A count tied to an event ("at least 111 drones", "2 killed"), with its evidence.
#[Object]
impl Quantity {
    /// What is counted ("drones", "killed", "injured").
    async fn measure(&self) -> &str {
        &self.0.measure
    }

    /// The number.
    async fn value(&self) -> AppResult<i32> {
        i32::try_from(self.0.value).map_err(|_| {
            tracing::error!(quantity = self.0.id, "count beyond 32 bits");
            AppError::Internal
        })
    }

    /// How the number relates to the true count ("at least").
    async fn qualifier(&self) -> Qualifier {
        self.0.qualifier.into()
    }

    #[graphql(flatten)]
    async fn cited(&self) -> Cited<Self> {
        Cited::new(Fact::EventQuantity(self.0.id), evidence_of!(self.0))
    }
}

impl crate::graphql::flat::Noun for Quantity {
    const NOUN: &'static str = "count";
}
