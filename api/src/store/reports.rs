//! Later reports of a fact. A fact's own row keeps its first report; every
//! other source or passage that reports the same fact is a row of
//! `fact_evidence`, added here by every writer (the import, the `add*`
//! mutations, a merge of two facts) and never twice for one span.

use entity::fact_evidence::{self, Fact};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};

use super::{Evidence, Span};

/// A row of `fact_evidence` saying that `evidence` reports `fact`.
pub fn report(fact: Fact, evidence: &Evidence<i64>) -> fact_evidence::ActiveModel {
    let mut row = fact_evidence::ActiveModel {
        source_id: Set(evidence.source),
        span_start: Set(evidence.span.start),
        span_end: Set(evidence.span.end),
        excerpt: Set(evidence.excerpt.clone()),
        confidence: Set(evidence.confidence),
        curated: Set(evidence.curated),
        ..Default::default()
    };
    fact.own(&mut row);
    row
}

/// Where a fact was first reported: its own row's source and span.
pub async fn first_report(conn: &impl ConnectionTrait, fact: Fact) -> Result<Option<(i64, Span)>, DbErr> {
    let select = Query::select()
        .columns([
            Alias::new("source_id"),
            Alias::new("span_start"),
            Alias::new("span_end"),
        ])
        .from(Alias::new(fact.table()))
        .and_where(Expr::col(Alias::new("id")).eq(fact.id()))
        .to_owned();
    let row = conn.query_one(&select).await?;
    row.map(|row| {
        Ok((
            row.try_get::<i64>("", "source_id")?,
            Span {
                start: row.try_get("", "span_start")?,
                end: row.try_get("", "span_end")?,
            },
        ))
    })
    .transpose()
}

/// Records `evidence` as a report of `fact`, unless it is the fact's first
/// report or a report already kept. Returns whether it added one.
pub async fn add_report(
    conn: &impl ConnectionTrait,
    fact: Fact,
    evidence: &Evidence<i64>,
) -> Result<bool, DbErr> {
    if first_report(conn, fact).await? == Some((evidence.source, evidence.span)) {
        return Ok(false);
    }
    let added = fact_evidence::Entity::insert(report(fact, evidence))
        .on_conflict(OnConflict::columns(fact.report_key()).do_nothing().to_owned())
        .exec_without_returning(conn)
        .await?;
    Ok(added > 0)
}
