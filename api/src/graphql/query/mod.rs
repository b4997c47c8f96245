//! The query root, merged from its parts.

pub(crate) mod extract;
mod lists;
mod node;
mod search;

use async_graphql::MergedObject;

pub use extract::ExtractQuery;
pub use lists::ListQuery;
pub use node::NodeQuery;
pub use search::SearchQuery;

/// Everything a client can read.
#[derive(MergedObject, Default)]
pub struct Query(NodeQuery, SearchQuery, ListQuery, ExtractQuery);
