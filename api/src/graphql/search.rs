//! The GraphQL face of search: hits, what they found, and their connection.

use std::collections::HashMap;

use async_graphql::connection::CursorType;
use async_graphql::{Context, Enum, Object, SimpleObject, Union};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::connection::PageInfo;
use super::node::Entity;
use super::object::{Issue, Organisation, Person, Place, Statement};
use super::{database, loaders};
use crate::error::{AppError, AppResult};
use crate::page::{DEFAULT_PAGE_SIZE, max_page_size};
use crate::search::{self, Field, Hit, HitKind, SearchTerms};

/// What a search found: a person, an organisation, a place, an issue or a statement.
#[derive(Union, Debug, Clone)]
pub enum SearchResult {
    Person(Person),
    Organisation(Organisation),
    Place(Place),
    Issue(Issue),
    Statement(Statement),
}

/// Which field of the node the query matched.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchField {
    /// The name of a person, an organisation, a place or an issue.
    Name,
    /// One of its aliases: another name or spelling it is known by.
    Alias,
    /// The text of a statement.
    Text,
}

impl From<Field> for SearchField {
    fn from(field: Field) -> Self {
        match field {
            Field::Name => Self::Name,
            Field::Alias => Self::Alias,
            Field::Text => Self::Text,
        }
    }
}

/// A stretch of a text, in Unicode code points (as `Evidence` counts them), end exclusive.
#[derive(SimpleObject, Debug, Clone, Copy)]
pub struct TextRange {
    /// Where it starts: the code point offset of its first character.
    pub start: i32,
    /// Where it ends: the offset just past its last character.
    pub end: i32,
}

/// One node a search found, with why and where it matched.
pub struct SearchHit {
    hit: Hit,
    node: SearchResult,
}

/// One node a search found: the node, how well it matched, and the text
/// that matched with the query's words marked.
#[Object]
impl SearchHit {
    /// The node found.
    async fn node(&self) -> &SearchResult {
        &self.node
    }

    /// How well it matched; higher is better. Names and aliases always score
    /// above statement text (the README describes the scale).
    async fn score(&self) -> f64 {
        self.hit.score
    }

    /// Which field matched: the node's name, one of its aliases, or a statement's text.
    async fn field(&self) -> SearchField {
        self.hit.field.into()
    }

    /// The text that matched, as stored: the name, the alias or the statement's text.
    async fn text(&self) -> &str {
        &self.hit.text
    }

    /// `text` as HTML: escaped, with each word that matched the query inside
    /// `<mark>` and `</mark>`; safe to insert into a page as is.
    async fn highlighted(&self) -> String {
        marked_html(&self.hit.text, &self.hit.highlights)
    }

    /// Where the words that matched the query are in `text`, in order.
    async fn highlights(&self) -> Vec<TextRange> {
        self.hit
            .highlights
            .iter()
            .map(|&(start, end)| TextRange {
                start: start as i32,
                end: end as i32,
            })
            .collect()
    }
}

/// A position in a search's ranked hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RankCursor(usize);

impl CursorType for RankCursor {
    type Error = String;

    fn decode_cursor(s: &str) -> Result<Self, String> {
        let invalid = || format!("\"{s}\" is not a cursor of this search");
        let bytes = URL_SAFE_NO_PAD.decode(s).map_err(|_| invalid())?;
        let text = String::from_utf8(bytes).map_err(|_| invalid())?;
        let rank = text.strip_prefix("rank:").ok_or_else(invalid)?;
        rank.parse().map(RankCursor).map_err(|_| invalid())
    }

    fn encode_cursor(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("rank:{}", self.0))
    }
}

/// One hit and its cursor.
pub struct SearchHitEdge {
    cursor: RankCursor,
    node: SearchHit,
}

/// One hit of a search, with the cursor of its rank.
#[Object]
impl SearchHitEdge {
    /// The hit's rank; pass it as `after` to read the hits after it.
    async fn cursor(&self) -> String {
        self.cursor.encode_cursor()
    }

    /// The hit.
    async fn node(&self) -> &SearchHit {
        &self.node
    }
}

/// A page of a search's hits, best first.
pub struct SearchHitConnection {
    edges: Vec<SearchHitEdge>,
    page_info: PageInfo,
    total_count: i64,
}

/// A page of a search's hits, best first, as the Relay cursor connection
/// spec describes it: `edges` with a cursor each, `pageInfo` to page on,
/// and `totalCount`.
#[Object]
impl SearchHitConnection {
    /// The hits of this page, each with its cursor.
    async fn edges(&self) -> &[SearchHitEdge] {
        &self.edges
    }

    /// The hits of this page, without cursors.
    async fn nodes(&self) -> Vec<&SearchHit> {
        self.edges.iter().map(|e| &e.node).collect()
    }

    /// Where this page lies in the hits, and the cursors to page on.
    async fn page_info(&self) -> &PageInfo {
        &self.page_info
    }

    /// How many hits the search has, across all pages.
    async fn total_count(&self) -> i64 {
        self.total_count
    }
}

/// Runs a search and reads one page of its hits, the nodes through the
/// request's loaders.
pub async fn search_page(
    ctx: &Context<'_>,
    query: &str,
    first: Option<i32>,
    after: Option<String>,
) -> AppResult<SearchHitConnection> {
    let first = match first {
        None => DEFAULT_PAGE_SIZE as usize,
        Some(n) if n < 0 => {
            return Err(AppError::bad_input(format!(
                "`first` must not be negative (got {n})"
            )));
        }
        Some(n) if n > max_page_size() => {
            return Err(AppError::bad_input(format!(
                "`first` must be at most {} (got {n}); page through the hits with `after`",
                max_page_size()
            )));
        }
        Some(n) => n as usize,
    };
    let offset = match after {
        None => 0,
        Some(cursor) => {
            RankCursor::decode_cursor(&cursor)
                .map_err(|e| AppError::bad_input(format!("`after`: {e}")))?
                .0
                + 1
        }
    };
    let query = SearchTerms::parse(query)?;
    let hits = search::find(database(ctx)?, &query).await?;
    let total_count = hits.len() as i64;
    let has_next_page = hits.len() > offset.saturating_add(first);
    let mut page: Vec<(usize, Hit)> = hits.into_iter().enumerate().skip(offset).take(first).collect();
    for (_, hit) in &mut page {
        search::highlight(hit, &query);
    }
    let mut nodes = load_nodes(ctx, page.iter().map(|(_, h)| h)).await?;
    let edges: Vec<SearchHitEdge> = page
        .into_iter()
        .filter_map(|(rank, hit)| {
            // A node deleted since the index found it is left out.
            let node = nodes.remove(&(hit.kind, hit.id))?;
            Some(SearchHitEdge {
                cursor: RankCursor(rank),
                node: SearchHit { hit, node },
            })
        })
        .collect();
    Ok(SearchHitConnection {
        page_info: PageInfo {
            has_next_page,
            has_previous_page: offset > 0,
            start_cursor: edges.first().map(|e| e.cursor.encode_cursor()),
            end_cursor: edges.last().map(|e| e.cursor.encode_cursor()),
        },
        edges,
        total_count,
    })
}

/// Loads the hits' nodes: one batch per loader, whatever the number of hits.
async fn load_nodes<'a>(
    ctx: &Context<'_>,
    hits: impl Iterator<Item = &'a Hit>,
) -> AppResult<HashMap<(HitKind, i64), SearchResult>> {
    let (mut entities, mut issues, mut statements) = (Vec::new(), Vec::new(), Vec::new());
    for hit in hits {
        match hit.kind {
            HitKind::Person | HitKind::Organisation | HitKind::Place => entities.push(hit.id),
            HitKind::Issue => issues.push(hit.id),
            HitKind::Statement => statements.push(hit.id),
        }
    }
    let l = loaders(ctx)?;
    let (entities, issues, statements) = futures_util::try_join!(
        l.entity.load_many(entities),
        l.issue.load_many(issues),
        l.statement.load_many(statements),
    )?;
    let mut out = HashMap::new();
    for (id, record) in entities {
        let (kind, node) = match Entity::from(record) {
            Entity::Person(p) => (HitKind::Person, SearchResult::Person(p)),
            Entity::Organisation(o) => (HitKind::Organisation, SearchResult::Organisation(o)),
            Entity::Place(p) => (HitKind::Place, SearchResult::Place(p)),
        };
        out.insert((kind, id), node);
    }
    out.extend(
        issues
            .into_iter()
            .map(|(id, m)| ((HitKind::Issue, id), SearchResult::Issue(Issue(m)))),
    );
    out.extend(
        statements
            .into_iter()
            .map(|(id, m)| ((HitKind::Statement, id), SearchResult::Statement(Statement(m)))),
    );
    Ok(out)
}

/// A text as HTML, escaped, with the given code point ranges inside `<mark>`.
fn marked_html(text: &str, ranges: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(text.len() + ranges.len() * 13);
    let mut ranges = ranges.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        if ranges.peek().is_some_and(|r| r.0 == i) {
            out.push_str("<mark>");
        }
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
        if ranges.peek().is_some_and(|r| r.1 == i + 1) {
            out.push_str("</mark>");
            ranges.next();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::marked_html;

    #[test]
    fn marked_html_escapes_everything_but_the_marks() {
        assert_eq!(
            marked_html("<b>Peskov</b> & \"Ushakov\"", &[(3, 9), (17, 24)]),
            "&lt;b&gt;<mark>Peskov</mark>&lt;/b&gt; &amp; &quot;<mark>Ushakov</mark>&quot;"
        );
    }
}
