//! One way to write: take the write lock, write, record the write in the
//! write log in the same transaction, commit (or roll back what failed,
//! so a refused write leaves nothing behind), and only then tell
//! subscribers what changed.

use sea_orm::{DatabaseConnection, DatabaseTransaction, DbErr};

use crate::changes::{Change, Changes};

/// Who writes, for the write log: a token's name (or `cli`, `seed`) and
/// the operation (`import`, `importGraph`, `updateStatement`).
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    pub name: &'a str,
    pub operation: &'a str,
}

/// A write in progress: the write lock held (see [`crate::db::begin_write`]),
/// the transaction open, the changes to announce once it is committed.
pub struct Write {
    db: DatabaseConnection,
    txn: DatabaseTransaction,
    changes: Vec<Change>,
}

impl Write {
    pub async fn begin(db: &DatabaseConnection) -> Result<Self, DbErr> {
        Ok(Self {
            db: db.clone(),
            txn: crate::db::begin_write(db).await?,
            changes: Vec::new(),
        })
    }

    /// The transaction to write in.
    pub fn txn(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// A change to publish after the commit.
    pub fn announce(&mut self, change: Change) {
        self.changes.push(change);
    }

    /// Adds the write log line of this write.
    pub async fn log(&self, actor: Actor<'_>, summary: String) -> Result<(), DbErr> {
        crate::audit::record(&self.txn, actor.name, actor.operation, summary).await
    }

    /// Rolls back everything written: a rehearsal of a write.
    pub async fn abandon(self) -> Result<(), DbErr> {
        self.txn.rollback().await
    }

    /// Commits what succeeded and then publishes its changes to `hub`;
    /// rolls back what failed.
    pub async fn finish<T, E: From<DbErr>>(
        self,
        result: Result<T, E>,
        hub: Option<&Changes>,
    ) -> Result<T, E> {
        match result {
            Ok(value) => {
                self.txn.commit().await?;
                if let Some(hub) = hub
                    && !self.changes.is_empty()
                {
                    hub.publish(&self.db, self.changes).await;
                }
                Ok(value)
            }
            Err(err) => {
                let _ = self.txn.rollback().await;
                Err(err)
            }
        }
    }
}
