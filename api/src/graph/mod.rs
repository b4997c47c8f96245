//! Reading the graph as a graph: counts of a filtered set of facts by each
//! facet and by time ([`counts`], [`timeline`]), and the edges between
//! entities and issues that the facts make ([`edges`]), which
//! `neighbourhood` and `paths` walk.
//!
//! The caller (the schema) selects the facts with its filters and hands
//! over the SQL of that selection; what is counted and walked here is read
//! with one grouped statement at a time, charged to the request's budget,
//! and put in one order that both databases give alike.

pub mod counts;
pub mod edges;
pub mod timeline;

use sea_orm::{ConnectionTrait, DatabaseConnection, QueryResult, Statement};

use crate::error::AppResult;

/// Runs `sql` (which may hold the placeholders of `rows`, the only values
/// it is given) and charges the rows it answers to the request.
pub async fn run(db: &DatabaseConnection, rows: &Statement, sql: String) -> AppResult<Vec<QueryResult>> {
    crate::budget::check()?;
    let statement = Statement {
        sql,
        values: rows.values.clone(),
        db_backend: rows.db_backend,
    };
    let found = db.query_all_raw(statement).await?;
    crate::budget::charge(found.len())?;
    Ok(found)
}

/// Every node of a tree with each of its ancestors and itself, as the
/// rows `up(node, anc)` of a recursive `WITH`: a count by `anc` counts a
/// node's facts under every node above it. `UNION` ends even on a cycle.
fn ancestors(table: &str) -> String {
    format!(
        "WITH RECURSIVE up(node, anc) AS ( \
           SELECT id, id FROM {table} \
           UNION \
           SELECT up.node, t.parent_id FROM up JOIN {table} t ON t.id = up.anc WHERE t.parent_id IS NOT NULL \
         ) "
    )
}

/// The integers of `ids` as SQL list text (`1, 2, 3`): keys the server
/// read itself, written into the statement as numbers.
fn id_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
}

/// The join of a set of statement rows (`r.sid`) to their issue links,
/// only those to `issues` when given: a stance with an issue in the filter
/// is a stance on that issue.
fn stance_links(issues: Option<&[i64]>) -> String {
    let within = match issues {
        Some([]) => " AND 1 = 0".to_owned(),
        Some(issues) => format!(" AND si.issue_id IN ({})", id_list(issues)),
        None => String::new(),
    };
    format!("JOIN statement_issue si ON si.statement_id = r.sid{within}")
}
