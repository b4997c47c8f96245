//! Events: what happened, when.

use async_graphql::{ID, Object};
use chrono::{DateTime, Utc};
use entity::event;

use super::{Evidence, evidence::evidence_of};
use crate::graphql::ids::{GlobalId, NodeKind};
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

    /// The span of the source that reports the event.
    async fn evidence(&self) -> Evidence {
        evidence_of!(self.0)
    }

    /// When the event was added to the graph.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When the event was last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
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
