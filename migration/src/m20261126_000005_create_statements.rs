//! Statements: who said what, in which role, when, where and to whom; the
//! issues each is about with a stance, and the entities it mentions.

use crate::cols;
use crate::common::{
    Evidence, audit_columns, create, drop, evidence_columns, fk, id, index, one_of, optional_reference,
    partial_date, reference, required_text,
};
use sea_orm_migration::prelude::*;

const STATEMENT_KINDS: &[&str] = &["direct_quote", "paraphrase"];
const SPEAKER_KINDS: &[&str] = &["person", "organisation"];
const STANCES: &[&str] = &["supports", "opposes", "neutral", "mixed"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut statement = Table::create();
        statement
            .table(Statement::Table)
            .col(id(Statement::Id))
            .col(one_of(Statement::Kind, STATEMENT_KINDS, false))
            .col(required_text(Statement::Table, Statement::Text))
            .col(reference(Statement::SpeakerId))
            .col(one_of(Statement::SpeakerKind, SPEAKER_KINDS, false))
            .col(optional_reference(Statement::SpeakerRoleId))
            .col(optional_reference(Statement::PlaceId))
            .col(optional_reference(Statement::AudienceId))
            .col(ColumnDef::new(Statement::Audience).text().null())
            // The speaker is a person or an organisation, never a place: the
            // kind travels with the id and must match the entity's.
            .foreign_key(
                ForeignKey::create()
                    .name("fk_statement_speaker")
                    .from(Statement::Table, (Statement::SpeakerId, Statement::SpeakerKind))
                    .to(Entity::Table, (Entity::Id, Entity::Kind))
                    .on_delete(ForeignKeyAction::Restrict),
            )
            .foreign_key(&mut fk(
                "fk_statement_speaker_role",
                Statement::SpeakerRoleId,
                Role::Table,
                ForeignKeyAction::SetNull,
            ))
            .foreign_key(&mut fk(
                "fk_statement_place",
                Statement::PlaceId,
                Place::Table,
                ForeignKeyAction::SetNull,
            ))
            .foreign_key(&mut fk(
                "fk_statement_audience",
                Statement::AudienceId,
                Entity::Table,
                ForeignKeyAction::SetNull,
            ));
        partial_date(
            &mut statement,
            Statement::SaidOn.into_iden(),
            Statement::SaidOnPrecision.into_iden(),
        );
        evidence_columns(&mut statement, "statement");
        audit_columns(&mut statement);
        create(
            manager,
            statement,
            vec![
                index(
                    Statement::Table,
                    "idx_statement_speaker_id",
                    cols![Statement::SpeakerId],
                ),
                index(
                    Statement::Table,
                    "idx_statement_speaker_role_id",
                    cols![Statement::SpeakerRoleId],
                ),
                index(
                    Statement::Table,
                    "idx_statement_place_id",
                    cols![Statement::PlaceId],
                ),
                index(
                    Statement::Table,
                    "idx_statement_audience_id",
                    cols![Statement::AudienceId],
                ),
                index(
                    Statement::Table,
                    "idx_statement_said_on",
                    cols![Statement::SaidOn, Statement::Id],
                ),
                index(Statement::Table, "idx_statement_kind", cols![Statement::Kind]),
                // Where a statement was reported: import finds an existing
                // statement by its span, speaker, kind and text.
                index(
                    Statement::Table,
                    "idx_statement_source_span",
                    cols![Evidence::SourceId, Evidence::SpanStart, Evidence::SpanEnd],
                ),
            ],
        )
        .await?;

        let mut about = Table::create();
        about
            .table(StatementIssue::Table)
            .col(reference(StatementIssue::StatementId))
            .col(reference(StatementIssue::IssueId))
            .col(one_of(StatementIssue::Stance, STANCES, false))
            .primary_key(
                Index::create()
                    .col(StatementIssue::StatementId)
                    .col(StatementIssue::IssueId),
            )
            .foreign_key(&mut fk(
                "fk_statement_issue_statement",
                StatementIssue::StatementId,
                Statement::Table,
                ForeignKeyAction::Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_statement_issue_issue",
                StatementIssue::IssueId,
                Issue::Table,
                ForeignKeyAction::Cascade,
            ));
        create(
            manager,
            about,
            vec![index(
                StatementIssue::Table,
                "idx_statement_issue_issue_stance",
                cols![StatementIssue::IssueId, StatementIssue::Stance],
            )],
        )
        .await?;

        let mut mention = Table::create();
        mention
            .table(StatementMention::Table)
            .col(reference(StatementMention::StatementId))
            .col(reference(StatementMention::EntityId))
            .primary_key(
                Index::create()
                    .col(StatementMention::StatementId)
                    .col(StatementMention::EntityId),
            )
            .foreign_key(&mut fk(
                "fk_statement_mention_statement",
                StatementMention::StatementId,
                Statement::Table,
                ForeignKeyAction::Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_statement_mention_entity",
                StatementMention::EntityId,
                Entity::Table,
                ForeignKeyAction::Cascade,
            ));
        create(
            manager,
            mention,
            vec![index(
                StatementMention::Table,
                "idx_statement_mention_entity_id",
                cols![StatementMention::EntityId],
            )],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop(
            manager,
            cols![StatementMention::Table, StatementIssue::Table, Statement::Table],
        )
        .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Statement {
    Table,
    Id,
    Kind,
    Text,
    SpeakerId,
    SpeakerKind,
    SpeakerRoleId,
    SaidOn,
    SaidOnPrecision,
    PlaceId,
    AudienceId,
    Audience,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum StatementIssue {
    Table,
    StatementId,
    IssueId,
    Stance,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum StatementMention {
    Table,
    StatementId,
    EntityId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Entity {
    Table,
    Id,
    Kind,
}

#[derive(DeriveIden, Clone, Copy)]
enum Role {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Place {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Issue {
    Table,
}
