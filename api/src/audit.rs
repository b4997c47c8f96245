//! The write log: every write, by whom (a token's name, `cli` or `seed`),
//! what and when. Writers record themselves in the transaction that writes.

use entity::write_log;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

/// Adds a line to the write log.
pub async fn record(
    conn: &impl ConnectionTrait,
    actor: &str,
    operation: &str,
    summary: String,
) -> Result<(), DbErr> {
    write_log::ActiveModel {
        actor: Set(actor.to_owned()),
        operation: Set(operation.to_owned()),
        summary: Set(summary),
        at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map(|_| ())
}
