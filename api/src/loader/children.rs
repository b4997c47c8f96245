//! Loads the rows of a child table (aliases, links, quantities) by their
//! owner's id: one query per batch of owners.

use std::collections::HashMap;
use std::marker::PhantomData;

use async_graphql::dataloader::Loader;
use entity::{
    entity_alias, event_participant, event_place, event_quantity, financial_measure_issue, issue_alias,
    statement_issue, statement_mention,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::error::AppError;

/// A table whose rows belong to a row of another table.
pub trait ChildTable: EntityTrait {
    /// The column holding the owner's id.
    fn owner_column() -> Self::Column;
    /// The column that orders an owner's children.
    fn order_column() -> Self::Column;
    /// The owner's id of a row.
    fn owner(model: &Self::Model) -> i64;
}

macro_rules! child_table {
    ($($module:ident: $owner:ident by $order:ident),+ $(,)?) => {$(
        impl ChildTable for $module::Entity {
            fn owner_column() -> Self::Column {
                $module::Column::$owner
            }
            fn order_column() -> Self::Column {
                $module::Column::$order
            }
            fn owner(model: &Self::Model) -> i64 {
                child_table!(@field model, $module, $owner)
            }
        }
    )+};
    (@field $model:ident, $module:ident, EntityId) => { $model.entity_id };
    (@field $model:ident, $module:ident, IssueId) => { $model.issue_id };
    (@field $model:ident, $module:ident, StatementId) => { $model.statement_id };
    (@field $model:ident, $module:ident, FinancialMeasureId) => { $model.financial_measure_id };
    (@field $model:ident, $module:ident, EventId) => { $model.event_id };
}

child_table!(
    entity_alias: EntityId by Id,
    issue_alias: IssueId by Id,
    statement_issue: StatementId by IssueId,
    statement_mention: StatementId by EntityId,
    financial_measure_issue: FinancialMeasureId by IssueId,
    event_place: EventId by PlaceId,
    event_participant: EventId by Id,
    event_quantity: EventId by Id,
);

/// Loads the children of owners, in order; an owner without any gets an empty list.
pub struct ChildrenLoader<T> {
    db: DatabaseConnection,
    _table: PhantomData<fn() -> T>,
}

impl<T> ChildrenLoader<T> {
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            db,
            _table: PhantomData,
        }
    }
}

impl<T> Loader<i64> for ChildrenLoader<T>
where
    T: ChildTable + Send + Sync + 'static,
    T::Model: Clone + Send + Sync + 'static,
{
    type Value = Vec<T::Model>;
    type Error = AppError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Vec<T::Model>>, AppError> {
        crate::budget::check()?;
        let rows = T::find()
            .filter(T::owner_column().is_in(keys.iter().copied()))
            .order_by_asc(T::order_column())
            .all(&self.db)
            .await?;
        crate::budget::charge(rows.len())?;
        let mut out: HashMap<i64, Vec<T::Model>> = keys.iter().map(|k| (*k, Vec::new())).collect();
        for row in rows {
            out.entry(T::owner(&row)).or_default().push(row);
        }
        Ok(out)
    }
}
