//! `search(query:, first:, after:)`: ranked hits across every kind of node.

use async_graphql::{Context, Object};

use crate::error::AppResult;
use crate::graphql::search::{SearchHitConnection, search_page};

#[derive(Default)]
pub struct SearchQuery;

#[Object]
impl SearchQuery {
    /// Every kind of node that holds every word of the query, best first:
    /// people, organisations, places and issues by name or alias; events
    /// and financial measures by label (measures also by amount, "184
    /// billion"); roles by title, relations by kind; statements by text;
    /// sources by title and text. A fact is also found by words spread over
    /// it and the names it is tied to ("Kremlin spokesman" finds Peskov's
    /// role), ranked below any match in one field. Case, accents and
    /// transliteration do not matter ("zelenskyy" finds "Volodymyr
    /// Zelensky"), words of text meet by their stems ("drones" finds
    /// "drone"), and the last word may be the start of a word ("Pesk" finds
    /// Peskov). Each node appears once, by its best match.
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
