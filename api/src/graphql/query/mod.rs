//! The query root, merged from its parts.

mod lists;
mod node;

use async_graphql::MergedObject;

pub use lists::ListQuery;
pub use node::NodeQuery;

/// Everything a client can read.
#[derive(MergedObject, Default)]
pub struct Query(NodeQuery, ListQuery);
