//! The subscription root: statements as they are added, nodes as they change.

use async_graphql::{Context, ID, Subscription as SubscriptionObject};
use entity::statement;
use futures_util::Stream;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tokio::sync::broadcast::error::RecvError;

use super::filter::{self, StatementFilter};
use super::ids::GlobalId;
use super::node::{Node, fetch_node};
use super::object::Statement;
use super::{changes, database};
use crate::changes::Change;

/// Everything a client can follow live, over the `graphql-transport-ws`
/// protocol at `/graphql/ws`.
#[derive(Default)]
pub struct Subscription;

/// Everything a client can follow live, over the `graphql-transport-ws`
/// protocol at `/graphql/ws`.
#[SubscriptionObject]
impl Subscription {
    /// Each statement as it is added, by any server on the database, that
    /// matches `filter` (all of them without one).
    async fn statement_added(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only statements matching this.")] filter: Option<StatementFilter>,
    ) -> async_graphql::Result<impl Stream<Item = Statement> + use<>> {
        let db = database(ctx)?.clone();
        // Check the filter now, so a bad one fails the subscription at once.
        let _ = filter::statements(&db, statement::Entity::find(), filter.clone()).await?;
        let mut feed = changes(ctx)?.subscribe();
        Ok(async_stream::stream! {
            loop {
                let ids = match feed.recv().await {
                    Ok(Change::StatementsAdded { ids }) => ids,
                    Ok(_) => continue,
                    Err(RecvError::Lagged(missed)) => {
                        tracing::warn!(missed, "a subscriber fell behind and missed changes");
                        continue;
                    }
                    Err(RecvError::Closed) => break,
                };
                let select = statement::Entity::find().filter(statement::Column::Id.is_in(ids)).order_by_asc(statement::Column::Id);
                let found = match filter::statements(&db, select, filter.clone()).await {
                    Ok(select) => select.all(&db).await,
                    Err(_) => break,
                };
                match found {
                    Ok(models) => {
                        for model in models {
                            yield Statement(model);
                        }
                    }
                    Err(err) => tracing::warn!(%err, "new statements could not be read"),
                }
            }
        })
    }

    /// The node with this ID each time it changes; after a merge, the node
    /// it was merged into.
    async fn node_changed(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The global ID of the node to follow.")] id: ID,
    ) -> async_graphql::Result<impl Stream<Item = Node> + use<>> {
        let global = GlobalId::decode(&id)?;
        let wanted = global.encode().0;
        let db = database(ctx)?.clone();
        let mut feed = changes(ctx)?.subscribe();
        Ok(async_stream::stream! {
            loop {
                match feed.recv().await {
                    Ok(Change::NodeChanged { id }) if id == wanted => {}
                    Ok(_) => continue,
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => break,
                }
                match fetch_node(&db, global).await {
                    Ok(Some(node)) => yield node,
                    Ok(None) => {}
                    Err(_) => tracing::warn!("a changed node could not be read"),
                }
            }
        })
    }
}
