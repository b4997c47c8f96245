//! The query root, merged from its parts.

pub(crate) mod extract;
mod facets;
mod graph;
mod lists;
mod node;
mod search;
mod timeline;

use async_graphql::MergedObject;

pub use extract::ExtractQuery;
pub use facets::FacetQuery;
pub use graph::GraphQuery;
pub use lists::ListQuery;
pub use node::NodeQuery;
pub use search::SearchQuery;
pub use timeline::TimelineQuery;

/// Everything a client can read.
#[derive(MergedObject, Default)]
pub struct Query(
    NodeQuery,
    SearchQuery,
    ListQuery,
    ExtractQuery,
    FacetQuery,
    TimelineQuery,
    GraphQuery,
);
