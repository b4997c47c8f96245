//! Retracting facts and removing nodes nothing refers to.

use async_graphql::{Context, ID, Object};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseTransaction};

use super::{commit, require_write};
use crate::error::{AppError, AppResult};
use crate::graphql::database;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::store::Write;

/// The columns that refer to a node of each kind: a node still referred to
/// is not deleted (merge an entity instead, or retract the facts first).
fn references(kind: NodeKind) -> &'static [(&'static str, &'static str)] {
    const ENTITY: &[(&str, &str)] = &[
        ("statement", "speaker_id"),
        ("statement", "audience_id"),
        ("statement_mention", "entity_id"),
        ("financial_measure", "provider_id"),
        ("financial_measure", "recipient_id"),
        ("financial_measure", "secured_against_entity_id"),
        ("event_participant", "entity_id"),
        ("event_place", "place_id"),
        ("role", "person_id"),
        ("role", "organisation_id"),
        ("relation", "person_id"),
        ("relation", "related_person_id"),
        ("place", "parent_id"),
        ("organisation", "country_id"),
    ];
    match kind {
        NodeKind::Person | NodeKind::Organisation | NodeKind::Place => ENTITY,
        NodeKind::Issue => &[
            ("statement_issue", "issue_id"),
            ("financial_measure_issue", "issue_id"),
            ("financial_measure", "secured_against_issue_id"),
            ("issue", "parent_id"),
        ],
        NodeKind::Source => &[
            ("statement", "source_id"),
            ("financial_measure", "source_id"),
            ("event", "source_id"),
            ("event_quantity", "source_id"),
            ("role", "source_id"),
            ("relation", "source_id"),
            ("fact_evidence", "source_id"),
        ],
        // Facts: what hangs on them (links, quantities) goes with them.
        NodeKind::Statement
        | NodeKind::FinancialMeasure
        | NodeKind::Event
        | NodeKind::Role
        | NodeKind::Relation => &[],
    }
}

/// The table that holds a node of this kind.
fn table(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Person | NodeKind::Organisation | NodeKind::Place => "entity",
        NodeKind::Issue => "issue",
        NodeKind::Statement => "statement",
        NodeKind::Role => "role",
        NodeKind::Relation => "relation",
        NodeKind::FinancialMeasure => "financial_measure",
        NodeKind::Event => "event",
        NodeKind::Source => "source",
    }
}

#[derive(Default)]
pub struct DeleteMutation;

#[Object]
impl DeleteMutation {
    /// Deletes a node: retracts a statement, financial measure, event, role
    /// or relation (with its links and counts), or removes a person,
    /// organisation, place, issue or source that nothing refers to any
    /// more (`CONFLICT` otherwise; merge duplicate entities instead). Like
    /// updates it is based on the node's `version`. Returns the deleted ID.
    async fn delete_node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The global ID of the node.")] id: ID,
        #[graphql(desc = "The version the deletion is based on, as `version` returned it.")] version: i32,
    ) -> AppResult<ID> {
        let actor = require_write(ctx)?;
        let node =
            GlobalId::decode(&id).map_err(|e| AppError::bad_input(format!("`id`: {}", e.message())))?;
        let db = database(ctx)?;
        let write = Write::begin(db).await?;
        let result = delete(write.txn(), node, version, &actor).await;
        commit(ctx, write, result, &[node]).await?;
        Ok(id)
    }
}

async fn delete(txn: &DatabaseTransaction, node: GlobalId, version: i32, actor: &str) -> AppResult<()> {
    let name = table(node.kind);
    let mut find = Query::select()
        .column(Alias::new("version"))
        .from(Alias::new(name))
        .and_where(Expr::col(Alias::new("id")).eq(node.key))
        .to_owned();
    if name == "entity" {
        find.and_where(Expr::col(Alias::new("kind")).eq(node.kind.type_name().to_lowercase()));
    }
    let Some(row) = txn.query_one(&find).await? else {
        return Err(AppError::NotFound("no node has the ID given in `id`".to_owned()));
    };
    let current: i32 = row.try_get("", "version")?;
    if version > current {
        return Err(AppError::Conflict(format!(
            "the node has no version {version} yet: it is at version {current}; read it again"
        )));
    }
    if current != version {
        return Err(AppError::Conflict(format!(
            "the node changed since version {version}: it is at version {current} now; read it again"
        )));
    }
    let mut uses = 0i64;
    for (table, column) in references(node.kind) {
        let count = Query::select()
            .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
            .from(Alias::new(*table))
            .and_where(Expr::col(Alias::new(*column)).eq(node.key))
            .to_owned();
        if let Some(row) = txn.query_one(&count).await? {
            uses += row.try_get::<i64>("", "n")?;
        }
    }
    if uses > 0 {
        let advice = match node.kind {
            NodeKind::Person | NodeKind::Organisation | NodeKind::Place => {
                "; merge it into the entity it duplicates, or retract those first"
            }
            _ => "; retract those first",
        };
        return Err(AppError::Conflict(format!(
            "the {} is still referred to {uses} time{}{advice}",
            node.kind.type_name(),
            if uses == 1 { "" } else { "s" },
        )));
    }
    let delete = Query::delete()
        .from_table(Alias::new(name))
        .and_where(Expr::col(Alias::new("id")).eq(node.key))
        .and_where(Expr::col(Alias::new("version")).eq(version))
        .to_owned();
    if txn.execute(&delete).await?.rows_affected() == 0 {
        return Err(AppError::Conflict(format!(
            "the node changed since version {version}; read it again"
        )));
    }
    crate::audit::record(
        txn,
        actor,
        "deleteNode",
        format!("{} {} at version {version}", node.kind.type_name(), node.key),
    )
    .await?;
    Ok(())
}
