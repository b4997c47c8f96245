//! `search(query:, first:, after:)`: ranked hits across names, aliases and statements.

use async_graphql::{Context, Object};

use crate::error::AppResult;
use crate::graphql::search::{SearchHitConnection, search_page};

#[derive(Default)]
pub struct SearchQuery;

#[Object]
impl SearchQuery {
    /// People, organisations, places and issues whose name or alias holds
    /// every word of the query, and statements whose text does, best first.
    /// Case, accents and transliteration do not matter ("zelenskyy" finds
    /// "Volodymyr Zelensky"), and the last word may be the start of a word
    /// ("Pesk" finds Peskov). Each node appears once, by its best match.
    #[graphql(complexity = "crate::graphql::connection::page_cost(first, None, child_complexity)")]
    async fn search(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The words to look for (at most 200 characters and 10 words); not blank.")]
        query: String,
        #[graphql(desc = "Return the first n hits after `after` (at most 100; default 20).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Return hits after this cursor.")] after: Option<String>,
    ) -> AppResult<SearchHitConnection> {
        search_page(ctx, &query, first, after).await
    }
}
