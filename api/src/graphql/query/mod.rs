//! The query root, merged from one part per node kind.

mod entities;
mod fact;
mod node;
mod search;

use async_graphql::MergedObject;

pub use entities::EntityQuery;
pub use fact::FactQuery;
pub use node::NodeQuery;
pub use search::SearchQuery;

/// Everything a client can read.
#[derive(MergedObject, Default)]
pub struct Query(NodeQuery, SearchQuery, EntityQuery, FactQuery);
