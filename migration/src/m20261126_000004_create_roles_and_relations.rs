//! Roles (a person's title in an organisation over a time span) and
//! relations between people ("son-in-law of"), each with its evidence.

use crate::cols;
use crate::common::{
    Evidence, audit_columns, create, drop, evidence_columns, fk, id, index, partial_date, reference,
    required_text,
};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut role = Table::create();
        role.table(Role::Table)
            .col(id(Role::Id))
            .col(reference(Role::PersonId))
            .col(reference(Role::OrganisationId))
            .col(required_text(Role::Table, Role::Title));
        partial_date(
            &mut role,
            Role::Since.into_iden(),
            Role::SincePrecision.into_iden(),
        );
        partial_date(
            &mut role,
            Role::Until.into_iden(),
            Role::UntilPrecision.into_iden(),
        );
        role.check(
            Expr::col(Role::Since)
                .is_null()
                .or(Expr::col(Role::Until).is_null())
                .or(Expr::col(Role::Since).lte(Expr::col(Role::Until))),
        )
        .foreign_key(&mut fk(
            "fk_role_person",
            Role::PersonId,
            Person::Table,
            ForeignKeyAction::Cascade,
        ))
        .foreign_key(&mut fk(
            "fk_role_organisation",
            Role::OrganisationId,
            Organisation::Table,
            ForeignKeyAction::Cascade,
        ));
        evidence_columns(&mut role, "role");
        audit_columns(&mut role);
        create(
            manager,
            role,
            vec![
                // One role per person, organisation and title, whichever sources state it.
                index(
                    Role::Table,
                    "idx_role_identity",
                    cols![Role::PersonId, Role::OrganisationId, Role::Title],
                )
                .unique()
                .take(),
                index(
                    Role::Table,
                    "idx_role_organisation_id",
                    cols![Role::OrganisationId],
                ),
                index(Role::Table, "idx_role_source_id", cols![Evidence::SourceId]),
            ],
        )
        .await?;

        let mut relation = Table::create();
        relation
            .table(Relation::Table)
            .col(id(Relation::Id))
            .col(reference(Relation::PersonId))
            .col(reference(Relation::RelatedPersonId))
            .col(required_text(Relation::Table, Relation::Kind))
            .check(Expr::col(Relation::PersonId).ne(Expr::col(Relation::RelatedPersonId)))
            .foreign_key(&mut fk(
                "fk_relation_person",
                Relation::PersonId,
                Person::Table,
                ForeignKeyAction::Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_relation_related_person",
                Relation::RelatedPersonId,
                Person::Table,
                ForeignKeyAction::Cascade,
            ));
        evidence_columns(&mut relation, "relation");
        audit_columns(&mut relation);
        create(
            manager,
            relation,
            vec![
                index(
                    Relation::Table,
                    "idx_relation_person_related_kind",
                    cols![Relation::PersonId, Relation::RelatedPersonId, Relation::Kind],
                )
                .unique()
                .take(),
                index(
                    Relation::Table,
                    "idx_relation_related_person_id",
                    cols![Relation::RelatedPersonId],
                ),
                index(
                    Relation::Table,
                    "idx_relation_source_id",
                    cols![Evidence::SourceId],
                ),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop(manager, cols![Relation::Table, Role::Table]).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Role {
    Table,
    Id,
    PersonId,
    OrganisationId,
    Title,
    Since,
    SincePrecision,
    Until,
    UntilPrecision,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Relation {
    Table,
    Id,
    PersonId,
    RelatedPersonId,
    Kind,
}

#[derive(DeriveIden, Clone, Copy)]
enum Person {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisation {
    Table,
}
