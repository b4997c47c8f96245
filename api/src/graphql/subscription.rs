//! The subscription root: statements as they are added, nodes as they change.

use async_graphql::{Context, ID, Subscription as SubscriptionObject};
use futures_util::Stream;

use super::fanout;
use super::filter::StatementFilter;
use super::ids::GlobalId;
use super::node::Node;
use super::object::Statement;

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
        let mut added = fanout(ctx)?.statements(filter).await?;
        Ok(async_stream::stream! {
            while let Some(models) = added.next().await {
                for model in models.iter() {
                    yield Statement(model.clone());
                }
            }
        })
    }

    /// The node with this ID each time it changes; after a merge, the node
    /// it was merged into. Changes in quick succession may come as one.
    async fn node_changed(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The global ID of the node to follow.")] id: ID,
    ) -> async_graphql::Result<impl Stream<Item = Node> + use<>> {
        let global = GlobalId::decode(&id)?;
        let mut changed = fanout(ctx)?.node(global);
        Ok(async_stream::stream! {
            while let Some(node) = changed.next().await {
                yield node;
            }
        })
    }
}
