//! `node(id:)` and `nodes(ids:)`: any object by its global ID.

use async_graphql::{Context, ID, Object};

use crate::error::{AppError, AppResult};
use crate::graphql::ids::GlobalId;
use crate::graphql::node::{Node, load_node};

/// The most IDs `nodes(ids:)` takes at once.
pub const MAX_NODE_IDS: usize = 100;

#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// The object with this global ID; null when there is none. A malformed ID is an error.
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global ID, as `id` fields return it.")] id: ID,
    ) -> AppResult<Option<Node>> {
        load_node(ctx, GlobalId::decode(&id)?).await
    }

    /// The objects with these global IDs, in the same order; null for each ID that names nothing.
    #[graphql(complexity = "1 + ids.len().min(MAX_NODE_IDS).saturating_mul(child_complexity)")]
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global IDs, at most 100.")] ids: Vec<ID>,
    ) -> AppResult<Vec<Option<Node>>> {
        if ids.len() > MAX_NODE_IDS {
            return Err(AppError::bad_input(format!(
                "`ids` takes at most {MAX_NODE_IDS} IDs (got {})",
                ids.len()
            )));
        }
        // Decode all first, so one bad ID fails the field before any read.
        let decoded = ids
            .iter()
            .map(|id| GlobalId::decode(id))
            .collect::<Result<Vec<_>, _>>()?;
        // Loads run concurrently, so the loaders batch them into one query per table.
        futures_util::future::try_join_all(decoded.into_iter().map(|id| load_node(ctx, id))).await
    }
}
