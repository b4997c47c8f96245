//! Events: what happened, when.

use async_graphql::{Context, ID, Object, SimpleObject};
use entity::{event, event_quantity};

use super::{Evidence, Place, Qualifier, evidence::evidence_of, load_entities};
use crate::error::{AppError, AppResult};
use crate::graphql::flat::{Noun, Stamps};
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::loaders;
use crate::graphql::node::Entity;
use crate::graphql::scalars::PartialDate;

/// Something that happened: an attack, a meeting, a visit...
#[derive(Debug, Clone)]
pub struct Event(pub event::Model);

/// Something that happened: an attack, a meeting, a visit, a negotiation.
#[Object]
impl Event {
    /// The object's opaque, stable global ID.
    pub async fn id(&self) -> ID {
        GlobalId::new(NodeKind::Event, self.0.id).encode()
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
        let links = loaders(ctx)?
            .event_places
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        let entities = load_entities(ctx, links.iter().map(|l| l.place_id).collect()).await?;
        Ok(entities
            .into_iter()
            .filter_map(|e| match e {
                Entity::Place(p) => Some(p),
                _ => None,
            })
            .collect())
    }

    /// Who took part, each in a role ("attacker", "delegation").
    #[graphql(complexity = "crate::graphql::connection::small_list_cost(child_complexity)")]
    async fn participants(&self, ctx: &Context<'_>) -> AppResult<Vec<Participant>> {
        let links = loaders(ctx)?
            .event_participants
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        let entities = load_entities(ctx, links.iter().map(|l| l.entity_id).collect()).await?;
        Ok(entities
            .into_iter()
            .zip(links)
            .map(|(entity, link)| Participant {
                entity,
                role: link.role,
            })
            .collect())
    }

    /// How many: drones launched, people killed or injured...
    #[graphql(complexity = "crate::graphql::connection::small_list_cost(child_complexity)")]
    async fn quantities(&self, ctx: &Context<'_>) -> AppResult<Vec<Quantity>> {
        let rows = loaders(ctx)?
            .event_quantities
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(rows.into_iter().map(Quantity).collect())
    }

    /// The span of the source that reports the event.
    async fn evidence(&self) -> Evidence {
        evidence_of!(self.0)
    }

    #[graphql(flatten)]
    async fn stamps(&self) -> Stamps<Self> {
        Stamps::new(self.0.created_at, self.0.updated_at, self.0.version)
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

    /// The span of the source that gives the count.
    async fn evidence(&self) -> Evidence {
        evidence_of!(self.0)
    }
}

impl Noun for Event {
    const NOUN: &'static str = "event";
}
