//! Events: what happened, when and where, who took part in what role, and
//! how many ("at least 111 drones", "2 killed").

use crate::cols;
use crate::common::{
    Evidence, QUALIFIERS, audit_columns, create, drop, evidence_columns, fk, id, index, one_of, partial_date,
    reference, required_text,
};
use sea_orm_migration::prelude::*;

const EVENT_KINDS: &[&str] = &[
    "attack",
    "meeting",
    "negotiation",
    "visit",
    "announcement",
    "speech",
    "protest",
    "election",
    "other",
];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut event = Table::create();
        event
            .table(Event::Table)
            .col(id(Event::Id))
            .col(one_of(Event::Kind, EVENT_KINDS, false))
            .col(required_text(Event::Table, Event::Label));
        partial_date(
            &mut event,
            Event::StartedOn.into_iden(),
            Event::StartedOnPrecision.into_iden(),
        );
        partial_date(
            &mut event,
            Event::EndedOn.into_iden(),
            Event::EndedOnPrecision.into_iden(),
        );
        event.check(
            Expr::col(Event::StartedOn)
                .is_null()
                .or(Expr::col(Event::EndedOn).is_null())
                .or(Expr::col(Event::StartedOn).lte(Expr::col(Event::EndedOn))),
        );
        evidence_columns(&mut event, "event");
        audit_columns(&mut event);
        create(
            manager,
            event,
            vec![
                index(Event::Table, "idx_event_kind", cols![Event::Kind]),
                index(
                    Event::Table,
                    "idx_event_started_on",
                    cols![Event::StartedOn, Event::Id],
                ),
                index(
                    Event::Table,
                    "idx_event_source_span",
                    cols![Evidence::SourceId, Evidence::SpanStart, Evidence::SpanEnd],
                ),
            ],
        )
        .await?;

        let mut place = Table::create();
        place
            .table(EventPlace::Table)
            .col(reference(EventPlace::EventId))
            .col(reference(EventPlace::PlaceId))
            .primary_key(Index::create().col(EventPlace::EventId).col(EventPlace::PlaceId))
            .foreign_key(&mut fk(
                "fk_event_place_event",
                EventPlace::EventId,
                Event::Table,
                ForeignKeyAction::Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_event_place_place",
                EventPlace::PlaceId,
                Place::Table,
                ForeignKeyAction::Cascade,
            ));
        create(
            manager,
            place,
            vec![index(
                EventPlace::Table,
                "idx_event_place_place_id",
                cols![EventPlace::PlaceId],
            )],
        )
        .await?;

        let mut participant = Table::create();
        participant
            .table(EventParticipant::Table)
            .col(id(EventParticipant::Id))
            .col(reference(EventParticipant::EventId))
            .col(reference(EventParticipant::EntityId))
            .col(required_text(EventParticipant::Table, EventParticipant::Role))
            .foreign_key(&mut fk(
                "fk_event_participant_event",
                EventParticipant::EventId,
                Event::Table,
                ForeignKeyAction::Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_event_participant_entity",
                EventParticipant::EntityId,
                Entity::Table,
                ForeignKeyAction::Cascade,
            ));
        create(
            manager,
            participant,
            vec![
                index(
                    EventParticipant::Table,
                    "idx_event_participant_event_entity_role",
                    cols![
                        EventParticipant::EventId,
                        EventParticipant::EntityId,
                        EventParticipant::Role
                    ],
                )
                .unique()
                .take(),
                index(
                    EventParticipant::Table,
                    "idx_event_participant_entity_id",
                    cols![EventParticipant::EntityId],
                ),
            ],
        )
        .await?;

        let mut quantity = Table::create();
        quantity
            .table(EventQuantity::Table)
            .col(id(EventQuantity::Id))
            .col(reference(EventQuantity::EventId))
            .col(required_text(EventQuantity::Table, EventQuantity::Measure))
            .col(
                ColumnDef::new(EventQuantity::Value)
                    .big_integer()
                    .not_null()
                    .check(Expr::col(EventQuantity::Value).gte(0)),
            )
            .col(one_of(EventQuantity::Qualifier, QUALIFIERS, false))
            .foreign_key(&mut fk(
                "fk_event_quantity_event",
                EventQuantity::EventId,
                Event::Table,
                ForeignKeyAction::Cascade,
            ));
        evidence_columns(&mut quantity, "event_quantity");
        create(
            manager,
            quantity,
            vec![
                index(
                    EventQuantity::Table,
                    "idx_event_quantity_identity",
                    cols![EventQuantity::EventId, EventQuantity::Measure],
                )
                .unique()
                .take(),
                index(
                    EventQuantity::Table,
                    "idx_event_quantity_source_id",
                    cols![Evidence::SourceId],
                ),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop(
            manager,
            cols![
                EventQuantity::Table,
                EventParticipant::Table,
                EventPlace::Table,
                Event::Table
            ],
        )
        .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Event {
    Table,
    Id,
    Kind,
    Label,
    StartedOn,
    StartedOnPrecision,
    EndedOn,
    EndedOnPrecision,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum EventPlace {
    Table,
    EventId,
    PlaceId,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum EventParticipant {
    Table,
    Id,
    EventId,
    EntityId,
    Role,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum EventQuantity {
    Table,
    Id,
    EventId,
    Measure,
    Value,
    Qualifier,
}

#[derive(DeriveIden, Clone, Copy)]
enum Entity {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Place {
    Table,
}
