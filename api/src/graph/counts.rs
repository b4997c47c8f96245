//! Facet counts: how many of a filtered set of statements fall under each
//! speaker, issue, source, publisher, place, organisation, stance and kind.
//!
//! Each count is the number of statements that the filter selects and
//! that the same filter with the facet's value added would select, so a
//! count equals the `totalCount` of that list: an issue counts the
//! statements about it or any issue under it, a place those said in it or
//! any place within it, an organisation those it said itself or said in a
//! role in it.

use sea_orm::{DatabaseConnection, Statement, TryGetable};

use super::{ancestors, run, stance_links};
use crate::error::AppResult;

/// What statements are counted by.
#[derive(Debug, Clone, Copy)]
pub enum Facet<'a> {
    Speaker,
    Issue,
    Source,
    Publisher,
    Place,
    SpeakerOrganisation,
    /// The stance of each link to an issue; only links to these issues when given.
    Stance(Option<&'a [i64]>),
    Kind,
}

impl Facet<'_> {
    /// The `WITH` before the count, the rows counted (`r` is the set of
    /// statements) and the value they are counted by.
    fn sql(self) -> (String, String, &'static str) {
        let plain = |key| (String::new(), String::new(), key);
        match self {
            Self::Speaker => plain("r.speaker_id"),
            Self::Source => plain("r.source_id"),
            Self::Kind => plain("r.kind"),
            Self::Publisher => (
                String::new(),
                "JOIN source ON source.id = r.source_id".to_owned(),
                "source.publisher",
            ),
            Self::Place => (
                ancestors("place"),
                "JOIN up ON up.node = r.place_id".to_owned(),
                "up.anc",
            ),
            Self::Issue => (
                ancestors("issue"),
                format!("{} JOIN up ON up.node = si.issue_id", stance_links(None)),
                "up.anc",
            ),
            Self::SpeakerOrganisation => (
                String::new(),
                "LEFT JOIN role ON role.id = r.speaker_role_id".to_owned(),
                "COALESCE(role.organisation_id, \
                 CASE WHEN r.speaker_kind = 'organisation' THEN r.speaker_id END)",
            ),
            Self::Stance(issues) => (String::new(), stance_links(issues), "si.stance"),
        }
    }
}

/// The values of `facet` among the statements `rows` selects (with the
/// columns `sid`, `speaker_id`, `speaker_kind`, `speaker_role_id`,
/// `source_id`, `place_id` and `kind`) and how many statements each has,
/// most first, then by value; the first `limit` when given, which the
/// database then applies (give it only for keys, whose order both
/// databases agree on).
pub async fn count<K>(
    db: &DatabaseConnection,
    rows: &Statement,
    facet: Facet<'_>,
    limit: Option<usize>,
) -> AppResult<Vec<(K, i64)>>
where
    K: TryGetable + Ord,
{
    let (with, join, key) = facet.sql();
    let limit = limit.map(|n| format!(" LIMIT {n}")).unwrap_or_default();
    let sql = format!(
        "{with}SELECT {key} AS k, COUNT(DISTINCT r.sid) AS n FROM ({rows}) r {join} \
         WHERE {key} IS NOT NULL GROUP BY {key} ORDER BY n DESC, k{limit}",
        rows = rows.sql
    );
    let mut counts = run(db, rows, sql)
        .await?
        .into_iter()
        .map(|row| Ok((row.try_get::<K>("", "k")?, row.try_get::<i64>("", "n")?)))
        .collect::<AppResult<Vec<_>>>()?;
    // Text sorts differently on each database: the order is made here.
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(counts)
}
