//! The GraphQL face of search: hits, what they found, and their connection.

use std::collections::HashMap;

use async_graphql::connection::CursorType;
use async_graphql::{Context, Object, SimpleObject, Union};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::connection::PageInfo;
use super::node::Entity;
use super::object::{
    Event, FinancialMeasure, Issue, Organisation, Person, Place, Relation, Role, Source, Statement,
};
use super::{database, loaders};
use crate::error::{AppError, AppResult};
use crate::page::{DEFAULT_PAGE_SIZE, max_page_size};
use crate::search::{self, Field, Hit, HitKind, SearchTerms};

/// What a search found: a person, an organisation, a place, an issue, an
/// event, a financial measure, a role, a relation, a statement or a source.
#[derive(Union, Debug, Clone)]
pub enum SearchResult {
    Person(Person),
    Organisation(Organisation),
    Place(Place),
    Issue(Issue),
    Event(Event),
    FinancialMeasure(FinancialMeasure),
    Role(Role),
    Relation(Relation),
    Statement(Statement),
    Source(Source),
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
    /// above the rest, and a match in one field above words spread over a
    /// fact (the README describes the scale).
    async fn score(&self) -> f64 {
        self.hit.score
    }

    /// Which field matched: a name, an alias, a label, a title, an amount, a
    /// statement's text, a passage of a source, or a fact with its ties.
    async fn field(&self) -> Field {
        self.hit.field
    }

    /// The text that matched, as stored: the name, the alias, the label or
    /// title, the statement's text, the passage of a source's text; for a
    /// role or a relation, its people with its title or kind ("Dmitry
    /// Peskov, spokesman, Kremlin"); for an amount, the measure's label.
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
    let mut ids: HashMap<HitKind, Vec<i64>> = HashMap::new();
    for hit in hits {
        let kind = match hit.kind {
            HitKind::Organisation | HitKind::Place => HitKind::Person,
            kind => kind,
        };
        ids.entry(kind).or_default().push(hit.id);
    }
    let mut of = |kind| ids.remove(&kind).unwrap_or_default();
    let l = loaders(ctx)?;
    let (entities, issues, statements, events, measures, roles, relations, sources) = futures_util::try_join!(
        l.entity.load_many(of(HitKind::Person)),
        l.issue.load_many(of(HitKind::Issue)),
        l.statement.load_many(of(HitKind::Statement)),
        l.event.load_many(of(HitKind::Event)),
        l.financial_measure.load_many(of(HitKind::FinancialMeasure)),
        l.role.load_many(of(HitKind::Role)),
        l.relation.load_many(of(HitKind::Relation)),
        l.source.load_many(of(HitKind::Source)),
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
    macro_rules! nodes {
        ($($rows:ident: $kind:ident => $object:ident),+) => {$(
            out.extend(
                $rows
                    .into_iter()
                    .map(|(id, m)| ((HitKind::$kind, id), SearchResult::$object($object(m)))),
            );
        )+};
    }
    nodes!(
        issues: Issue => Issue,
        statements: Statement => Statement,
        events: Event => Event,
        measures: FinancialMeasure => FinancialMeasure,
        roles: Role => Role,
        relations: Relation => Relation,
        sources: Source => Source
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
