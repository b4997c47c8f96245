//! The `filter:` and `orderBy:` arguments of lists, and how they become SQL.
//!
//! Filters on trees include the subtree: statements about "Ukraine's
//! security" include those about its sub-issues, events in Ukraine include
//! those in Dnipro. Every ID argument is checked: a malformed ID, or the ID
//! of the wrong kind of node, is `BAD_USER_INPUT` naming the field.

use std::sync::Arc;

use async_graphql::{Context, Enum, ID, InputObject};
use chrono::NaiveDate;
use entity::kinds::EntityKind;
use entity::{
    entity_alias, event, event_participant, event_place, financial_measure, financial_measure_issue, issue,
    issue_alias, named_entity, organisation, place, role, source, statement, statement_issue,
    statement_mention,
};
use futures_util::future::BoxFuture;
use sea_orm::sea_query::{
    Alias, Expr, ExprTrait, Func, IntoColumnRef, IntoTableRef, LikeExpr, Query, SelectStatement,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityName, EntityTrait, QueryFilter, Select,
};

use super::connection::{Counter, SCAN_COST};
use super::database;
use super::ids::{GlobalId, NodeKind};
use super::list::{ListFilter, ListInput, ListOrder};
use super::object::{
    EventKind, FinancialMeasureKind, FinancialMeasureStatus, OrganisationKind, PlaceKind, Stance,
    StatementKind,
};
use super::scalars::{Date, Decimal};
use crate::error::{AppError, AppResult};
use crate::loader::{Tree, linked_rows, subtrees};
use crate::names::fold;
use crate::page::{Order, OrderDirection, SortKind};

/// Reads an ID argument that must name one of `kinds`.
pub fn expect_id(id: &ID, field: &str, kinds: &[NodeKind]) -> AppResult<i64> {
    expect_node(id, field, kinds).map(|global| global.key)
}

/// Reads an ID argument that must name one of `kinds`, with its kind.
pub fn expect_node(id: &ID, field: &str, kinds: &[NodeKind]) -> AppResult<GlobalId> {
    id_of(id, kinds).map_err(|message| AppError::bad_input(format!("`{field}` {message}")))
}

/// Decodes an ID that must name one of `kinds`; the error says what is
/// wrong, to follow the field's name or path ("takes the ID of a Person
/// or Organisation, not of a Source").
pub(crate) fn id_of(id: &ID, kinds: &[NodeKind]) -> Result<GlobalId, String> {
    let global = GlobalId::decode(id).map_err(|e| e.message())?;
    if kinds.contains(&global.kind) {
        return Ok(global);
    }
    let wanted: Vec<&str> = kinds.iter().map(|k| k.type_name()).collect();
    let got = global.kind.type_name();
    Err(format!(
        "takes the ID of {} {}, not of {} {got}",
        article(wanted[0]),
        wanted.join(" or "),
        article(got),
    ))
}

/// The indefinite article of a type name: "an Issue", "a Person".
pub(crate) fn article(noun: &str) -> &'static str {
    if noun.starts_with(['A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// A tree node and every node under it.
async fn subtree(db: &DatabaseConnection, tree: Tree, root: i64) -> AppResult<Vec<i64>> {
    Ok(subtrees(db, tree, &[root])
        .await?
        .remove(&root)
        .unwrap_or_default())
}

/// `column IN (SELECT pick FROM table WHERE ...)`.
fn in_subquery(column: impl ColumnTrait, subquery: SelectStatement) -> Expr {
    column.in_subquery(subquery)
}

/// `SELECT column FROM table WHERE condition`, for `IN (...)`.
fn subquery(table: impl IntoTableRef, column: impl IntoColumnRef, condition: Expr) -> SelectStatement {
    Query::select()
        .column(column)
        .from(table)
        .and_where(condition)
        .to_owned()
}

/// The longest name filter (`filter.name`), in characters, as long as
/// the longest `search` query.
pub const MAX_NAME_FILTER_CHARS: usize = crate::search::MAX_QUERY_CHARS;
/// The longest text filter (`filter.text`, `filter.speakerRole`,
/// `filter.publisher`), in characters.
pub const MAX_TEXT_FILTER_CHARS: usize = 1_000;

/// The text of a string filter, or an error when it is longer than `max`
/// characters: SQLite refuses LIKE patterns of 50,000 bytes and more, and
/// no name or quote is that long.
fn bounded<'a>(field: &str, text: &'a str, max: usize) -> AppResult<&'a str> {
    let chars = text.chars().count();
    if chars > max {
        return Err(AppError::bad_input(format!(
            "`{field}` is {chars} characters long; the limit is {max}"
        )));
    }
    Ok(text)
}

/// The folded form of a name query, or an error when nothing is left of it.
fn folded_query(field: &str, text: &str) -> AppResult<String> {
    let folded = fold(bounded(field, text, MAX_NAME_FILTER_CHARS)?);
    if folded.is_empty() {
        return Err(AppError::bad_input(format!(
            "`{field}` needs at least one letter or digit (got \"{text}\")"
        )));
    }
    Ok(folded)
}

/// A folded-name column that starts with the query, or has a word that does.
fn name_matches(column: Expr, folded: &str) -> Expr {
    // Folded names hold only ASCII letters, digits and single spaces, so
    // the query has no LIKE wildcards to escape.
    column
        .clone()
        .like(format!("{folded}%"))
        .or(column.like(format!("% {folded}%")))
}

/// Text that contains `needle`, ignoring case.
fn text_contains(column: Expr, needle: &str) -> Expr {
    let escaped: String = needle
        .to_lowercase()
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    Expr::expr(Func::lower(column)).like(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}

fn col(table: &'static str, column: &'static str) -> Expr {
    Expr::col((Alias::new(table), Alias::new(column)))
}

/// Filters people, organisations and places.
#[derive(InputObject, Debug, Clone, Default)]
pub struct EntityFilter {
    /// Names or aliases that start with these words, or have a word that
    /// does, ignoring case, accents and transliteration ("zelensk" finds
    /// Volodymyr Zelenskyy). At most 200 characters.
    pub name: Option<String>,
}

/// Filters organisations.
#[derive(InputObject, Debug, Clone, Default)]
pub struct OrganisationFilter {
    /// Names or aliases that start with these words, or have a word that
    /// does, ignoring case, accents and transliteration. At most 200
    /// characters.
    pub name: Option<String>,
    /// Only organisations of this kind.
    pub kind: Option<OrganisationKind>,
    /// Only organisations of this country (a Place ID).
    pub country: Option<ID>,
}

/// Filters places.
#[derive(InputObject, Debug, Clone, Default)]
pub struct PlaceFilter {
    /// Names or aliases that start with these words, or have a word that
    /// does, ignoring case, accents and transliteration ("odessa" finds
    /// Odesa). At most 200 characters.
    pub name: Option<String>,
    /// Only places of this kind.
    pub kind: Option<PlaceKind>,
    /// Only this place and the places within it, at any depth (a Place ID).
    pub within: Option<ID>,
}

/// Name matching over the `entity` table: the name or any alias.
fn entity_name(folded: &str) -> Expr {
    let aliases = subquery(
        entity_alias::Entity,
        entity_alias::Column::EntityId,
        name_matches(col("entity_alias", "normalized_name"), folded),
    );
    name_matches(col("entity", "normalized_name"), folded).or(named_entity::Column::Id.in_subquery(aliases))
}

pub async fn people(filter: Option<EntityFilter>) -> AppResult<Select<named_entity::Entity>> {
    let mut select = entities_of(EntityKind::Person);
    if let Some(name) = filter.and_then(|f| f.name) {
        select = select.filter(entity_name(&folded_query("filter.name", &name)?));
    }
    Ok(select)
}

pub async fn organisations(filter: Option<OrganisationFilter>) -> AppResult<Select<named_entity::Entity>> {
    let mut select = entities_of(EntityKind::Organisation);
    let Some(filter) = filter else { return Ok(select) };
    if let Some(name) = filter.name {
        select = select.filter(entity_name(&folded_query("filter.name", &name)?));
    }
    let mut of_kind = Query::select()
        .column(organisation::Column::Id)
        .from(organisation::Entity)
        .to_owned();
    let mut narrowed = false;
    if let Some(kind) = filter.kind {
        let kind: entity::kinds::OrganisationKind = kind.into();
        of_kind.and_where(organisation::Column::Kind.eq(kind));
        narrowed = true;
    }
    if let Some(country) = filter.country {
        let country = expect_id(&country, "filter.country", &[NodeKind::Place])?;
        of_kind.and_where(organisation::Column::CountryId.eq(country));
        narrowed = true;
    }
    if narrowed {
        select = select.filter(in_subquery(named_entity::Column::Id, of_kind));
    }
    Ok(select)
}

pub async fn places(
    db: &DatabaseConnection,
    filter: Option<PlaceFilter>,
) -> AppResult<Select<named_entity::Entity>> {
    let mut select = entities_of(EntityKind::Place);
    let Some(filter) = filter else { return Ok(select) };
    if let Some(name) = filter.name {
        select = select.filter(entity_name(&folded_query("filter.name", &name)?));
    }
    if let Some(kind) = filter.kind {
        let kind: entity::kinds::PlaceKind = kind.into();
        let of_kind = subquery(place::Entity, place::Column::Id, place::Column::Kind.eq(kind));
        select = select.filter(in_subquery(named_entity::Column::Id, of_kind));
    }
    if let Some(within) = filter.within {
        let root = expect_id(&within, "filter.within", &[NodeKind::Place])?;
        select = select.filter(named_entity::Column::Id.is_in(subtree(db, Tree::Place, root).await?));
    }
    Ok(select)
}

fn entities_of(kind: EntityKind) -> Select<named_entity::Entity> {
    named_entity::Entity::find().filter(named_entity::Column::Kind.eq(kind))
}

/// Filters issues.
#[derive(InputObject, Debug, Clone, Default)]
pub struct IssueFilter {
    /// Names or aliases that start with these words, or have a word that
    /// does, ignoring case and accents ("nato" finds "Ukraine's NATO
    /// membership"). At most 200 characters.
    pub name: Option<String>,
    /// Only this issue and its sub-issues, at any depth (an Issue ID).
    pub within: Option<ID>,
}

pub async fn issues(
    db: &DatabaseConnection,
    select: Select<issue::Entity>,
    filter: Option<IssueFilter>,
) -> AppResult<Select<issue::Entity>> {
    let Some(filter) = filter else { return Ok(select) };
    let mut select = select;
    if let Some(name) = filter.name {
        let folded = folded_query("filter.name", &name)?;
        let aliases = subquery(
            issue_alias::Entity,
            issue_alias::Column::IssueId,
            name_matches(col("issue_alias", "normalized_name"), &folded),
        );
        select = select.filter(
            name_matches(col("issue", "normalized_name"), &folded).or(issue::Column::Id.in_subquery(aliases)),
        );
    }
    if let Some(within) = filter.within {
        let root = expect_id(&within, "filter.within", &[NodeKind::Issue])?;
        select = select.filter(issue::Column::Id.is_in(subtree(db, Tree::Issue, root).await?));
    }
    Ok(select)
}

/// Filters statements; every field given must hold.
#[derive(InputObject, Debug, Clone, Default)]
pub struct StatementFilter {
    /// Said by this person or organisation.
    pub speaker: Option<ID>,
    /// Said in a role in this organisation, or by the organisation itself
    /// ("what did Kremlin officials say").
    pub speaker_organisation: Option<ID>,
    /// Said in a role whose title contains this text, ignoring case
    /// ("spokesman"); at most 1,000 characters.
    pub speaker_role: Option<String>,
    /// About this issue or one of its sub-issues.
    pub issue: Option<ID>,
    /// Taking this stance; with `issue`, on that issue.
    pub stance: Option<Stance>,
    /// Mentioning this person, organisation or place.
    pub mentions: Option<ID>,
    /// Said in this place or a place within it.
    pub place: Option<ID>,
    /// Reported by this source: first, or in a later report.
    pub source: Option<ID>,
    /// Reported by a source of this publisher, ignoring case ("reuters");
    /// at most 1,000 characters.
    pub publisher: Option<String>,
    /// Reported by at least this many distinct sources.
    pub min_sources: Option<i32>,
    /// Said on or after this day.
    pub said_from: Option<Date>,
    /// Said on or before this day.
    pub said_to: Option<Date>,
    /// Whose text contains this, ignoring case; at most 1,000 characters.
    pub text: Option<String>,
    /// Quoted or paraphrased.
    pub kind: Option<StatementKind>,
    /// `true` for statements a person curated, `false` for those a program
    /// extracted and nobody has reviewed yet (`newsgraph extract`).
    pub curated: Option<bool>,
}

const SPEAKERS: &[NodeKind] = &[NodeKind::Person, NodeKind::Organisation];
const ENTITIES: &[NodeKind] = &[NodeKind::Person, NodeKind::Organisation, NodeKind::Place];

/// The statements of `select` that `filter` lets through.
pub async fn statements(
    db: &DatabaseConnection,
    select: Select<statement::Entity>,
    filter: Option<StatementFilter>,
) -> AppResult<Select<statement::Entity>> {
    filtered_statements(db, select, filter, false).await
}

/// The issue `filter.issue` names and every issue under it; `None`
/// without one. A stance in the filter is a stance on these issues.
pub(crate) async fn issue_subtree(
    db: &DatabaseConnection,
    issue: Option<&ID>,
) -> AppResult<Option<Vec<i64>>> {
    let Some(id) = issue else { return Ok(None) };
    let root = expect_id(id, "filter.issue", &[NodeKind::Issue])?;
    Ok(Some(subtree(db, Tree::Issue, root).await?))
}

/// The links of an issue's subtree to statements, with that stance if one
/// is given: `SELECT statement_id FROM statement_issue WHERE ...`; `None`
/// when neither is given.
async fn issue_links(
    db: &DatabaseConnection,
    issue: Option<&ID>,
    stance: Option<Stance>,
) -> AppResult<Option<SelectStatement>> {
    if issue.is_none() && stance.is_none() {
        return Ok(None);
    }
    let mut links = Query::select()
        .column((statement_issue::Entity, statement_issue::Column::StatementId))
        .from(statement_issue::Entity)
        .to_owned();
    if let Some(issues) = issue_subtree(db, issue).await? {
        links.and_where(statement_issue::Column::IssueId.is_in(issues));
    }
    if let Some(stance) = stance {
        let stance: entity::kinds::Stance = stance.into();
        links.and_where(statement_issue::Column::Stance.eq(stance));
    }
    Ok(Some(links))
}

/// As [`statements`]; with `walk`, for a page of a list, an issue with many
/// statements may be walked in list order (see [`linked_rows`]).
async fn filtered_statements(
    db: &DatabaseConnection,
    mut select: Select<statement::Entity>,
    filter: Option<StatementFilter>,
    walk: bool,
) -> AppResult<Select<statement::Entity>> {
    use statement::Column as S;
    let Some(f) = filter else { return Ok(select) };
    if let Some(id) = f.speaker {
        select = select.filter(S::SpeakerId.eq(expect_id(&id, "filter.speaker", SPEAKERS)?));
    }
    if let Some(id) = f.speaker_organisation {
        let org = expect_id(&id, "filter.speakerOrganisation", &[NodeKind::Organisation])?;
        let roles = subquery(
            role::Entity,
            role::Column::Id,
            role::Column::OrganisationId.eq(org),
        );
        select = select.filter(S::SpeakerId.eq(org).or(S::SpeakerRoleId.in_subquery(roles)));
    }
    if let Some(title) = f.speaker_role {
        let roles = subquery(
            role::Entity,
            role::Column::Id,
            text_contains(
                col("role", "title"),
                bounded("filter.speakerRole", &title, MAX_TEXT_FILTER_CHARS)?,
            ),
        );
        select = select.filter(S::SpeakerRoleId.in_subquery(roles));
    }
    if let Some(links) = issue_links(db, f.issue.as_ref(), f.stance).await? {
        let link = (statement_issue::Entity.table_name(), "statement_id");
        select = select.filter(linked_rows::<statement::Entity>(db, links, link, walk).await?);
    }
    if let Some(id) = f.mentions {
        let entity = expect_id(&id, "filter.mentions", ENTITIES)?;
        let links = subquery(
            statement_mention::Entity,
            statement_mention::Column::StatementId,
            statement_mention::Column::EntityId.eq(entity),
        );
        select = select.filter(S::Id.in_subquery(links));
    }
    if let Some(id) = f.place {
        let root = expect_id(&id, "filter.place", &[NodeKind::Place])?;
        select = select.filter(S::PlaceId.is_in(subtree(db, Tree::Place, root).await?));
    }
    for condition in reported_by("statement", f.source, f.publisher, f.min_sources)? {
        select = select.filter(condition);
    }
    let (from, to) = days("filter.saidFrom", f.said_from, "filter.saidTo", f.said_to)?;
    if let Some(from) = from {
        select = select.filter(S::SaidOn.gte(from));
    }
    if let Some(to) = to {
        select = select.filter(S::SaidOn.lte(to));
    }
    if let Some(text) = f.text {
        let text = bounded("filter.text", &text, MAX_TEXT_FILTER_CHARS)?;
        select = select.filter(text_contains(col("statement", "text"), text));
    }
    if let Some(kind) = f.kind {
        let kind: entity::kinds::StatementKind = kind.into();
        select = select.filter(S::Kind.eq(kind));
    }
    if let Some(curated) = f.curated {
        select = select.filter(S::Curated.eq(curated));
    }
    Ok(select)
}

/// The days a range of dates covers: from the first day of `from` to the
/// last day of `to`, so `saidTo: "2025-12"` takes in all of December.
fn days(
    from_name: &str,
    from: Option<Date>,
    to_name: &str,
    to: Option<Date>,
) -> AppResult<(Option<NaiveDate>, Option<NaiveDate>)> {
    let from = from.map(|d| d.0);
    let to = to.map(|d| d.partial().last_day());
    check_range(from_name, from, to_name, to)?;
    Ok((from, to))
}

fn check_range<T: PartialOrd + std::fmt::Display>(
    from_name: &str,
    from: Option<T>,
    to_name: &str,
    to: Option<T>,
) -> AppResult<()> {
    if let (Some(from), Some(to)) = (&from, &to)
        && from > to
    {
        return Err(AppError::bad_input(format!(
            "`{from_name}` must not lie after `{to_name}` (got {from} and {to})"
        )));
    }
    Ok(())
}

/// Filters financial measures; every field given must hold.
#[derive(InputObject, Debug, Clone, Default)]
pub struct FinancialMeasureFilter {
    /// Only measures of this kind.
    pub kind: Option<FinancialMeasureKind>,
    /// Only measures in this status.
    pub status: Option<FinancialMeasureStatus>,
    /// Only amounts in this currency (ISO 4217, `EUR`).
    pub currency: Option<String>,
    /// Only amounts of at least this much (in the measure's own currency).
    pub amount_from: Option<Decimal>,
    /// Only amounts of at most this much (in the measure's own currency).
    pub amount_to: Option<Decimal>,
    /// Provided by this entity.
    pub provider: Option<ID>,
    /// Received by this entity.
    pub recipient: Option<ID>,
    /// Serving this issue or one of its sub-issues.
    pub issue: Option<ID>,
    /// Reported by this source: first, or in a later report.
    pub source: Option<ID>,
    /// Reported by a source of this publisher, ignoring case; at most
    /// 1,000 characters.
    pub publisher: Option<String>,
    /// Reported by at least this many distinct sources.
    pub min_sources: Option<i32>,
}

pub async fn financial_measures(
    db: &DatabaseConnection,
    mut select: Select<financial_measure::Entity>,
    filter: Option<FinancialMeasureFilter>,
) -> AppResult<Select<financial_measure::Entity>> {
    use financial_measure::Column as F;
    let Some(f) = filter else { return Ok(select) };
    if let Some(kind) = f.kind {
        let kind: entity::kinds::FinancialMeasureKind = kind.into();
        select = select.filter(F::Kind.eq(kind));
    }
    if let Some(status) = f.status {
        let status: entity::kinds::FinancialMeasureStatus = status.into();
        select = select.filter(F::Status.eq(status));
    }
    if let Some(currency) = f.currency {
        let code = currency.trim().to_ascii_uppercase();
        if iso_currency::Currency::from_code(&code).is_none() {
            return Err(AppError::bad_input(format!(
                "`filter.currency`: \"{currency}\" is not an ISO 4217 currency code"
            )));
        }
        select = select.filter(F::Currency.eq(code));
    }
    check_range(
        "filter.amountFrom",
        f.amount_from.map(|d| d.0),
        "filter.amountTo",
        f.amount_to.map(|d| d.0),
    )?;
    // Amounts are stored as exact decimal text; compare them as numbers.
    let amount = || {
        Expr::expr(Func::cast_as(
            col("financial_measure", "amount"),
            Alias::new("NUMERIC"),
        ))
    };
    let number = |d: Decimal| {
        Expr::expr(Func::cast_as(
            Expr::val(d.0.normalize().to_string()),
            Alias::new("NUMERIC"),
        ))
    };
    if let Some(from) = f.amount_from {
        select = select.filter(amount().gte(number(from)));
    }
    if let Some(to) = f.amount_to {
        select = select.filter(amount().lte(number(to)));
    }
    if let Some(id) = f.provider {
        select = select.filter(F::ProviderId.eq(expect_id(&id, "filter.provider", ENTITIES)?));
    }
    if let Some(id) = f.recipient {
        select = select.filter(F::RecipientId.eq(expect_id(&id, "filter.recipient", ENTITIES)?));
    }
    if let Some(id) = f.issue {
        let root = expect_id(&id, "filter.issue", &[NodeKind::Issue])?;
        let links = subquery(
            financial_measure_issue::Entity,
            financial_measure_issue::Column::FinancialMeasureId,
            financial_measure_issue::Column::IssueId.is_in(subtree(db, Tree::Issue, root).await?),
        );
        select = select.filter(F::Id.in_subquery(links));
    }
    for condition in reported_by("financial_measure", f.source, f.publisher, f.min_sources)? {
        select = select.filter(condition);
    }
    Ok(select)
}

/// Filters events; every field given must hold.
#[derive(InputObject, Debug, Clone, Default)]
pub struct EventFilter {
    /// Only events of this kind.
    pub kind: Option<EventKind>,
    /// Only events in this place or a place within it (events in Dnipro are
    /// events in Ukraine).
    pub place: Option<ID>,
    /// Only events this person, organisation or place took part in.
    pub participant: Option<ID>,
    /// Only events still going on this day or later.
    pub from: Option<Date>,
    /// Only events started on this day or earlier.
    pub to: Option<Date>,
    /// Reported by this source: first, or in a later report.
    pub source: Option<ID>,
    /// Reported by a source of this publisher, ignoring case; at most
    /// 1,000 characters.
    pub publisher: Option<String>,
    /// Reported by at least this many distinct sources ("the meetings
    /// three outlets report").
    pub min_sources: Option<i32>,
}

pub async fn events(
    db: &DatabaseConnection,
    mut select: Select<event::Entity>,
    filter: Option<EventFilter>,
) -> AppResult<Select<event::Entity>> {
    use event::Column as E;
    let Some(f) = filter else { return Ok(select) };
    if let Some(kind) = f.kind {
        let kind: entity::kinds::EventKind = kind.into();
        select = select.filter(E::Kind.eq(kind));
    }
    if let Some(id) = f.place {
        let root = expect_id(&id, "filter.place", &[NodeKind::Place])?;
        let links = subquery(
            event_place::Entity,
            event_place::Column::EventId,
            event_place::Column::PlaceId.is_in(subtree(db, Tree::Place, root).await?),
        );
        select = select.filter(E::Id.in_subquery(links));
    }
    if let Some(id) = f.participant {
        let entity = expect_id(&id, "filter.participant", ENTITIES)?;
        let links = subquery(
            event_participant::Entity,
            event_participant::Column::EventId,
            event_participant::Column::EntityId.eq(entity),
        );
        select = select.filter(E::Id.in_subquery(links));
    }
    let (from, to) = days("filter.from", f.from, "filter.to", f.to)?;
    if let Some(from) = from {
        // Overlap: an event that started earlier but ended on or after `from` counts.
        let end = Expr::expr(Func::coalesce([
            col("event", "ended_on"),
            col("event", "started_on"),
        ]));
        select = select.filter(end.gte(from));
    }
    if let Some(to) = to {
        select = select.filter(E::StartedOn.lte(to));
    }
    for condition in reported_by("event", f.source, f.publisher, f.min_sources)? {
        select = select.filter(condition);
    }
    Ok(select)
}

/// The conditions a filter puts on the sources that report a fact of
/// `table`, first (the fact's own `source_id`) or later (its rows of
/// `fact_evidence`, whose column `<table>_id` points at it): reported by
/// this source, by a source of this publisher, by at least so many
/// distinct sources.
fn reported_by(
    table: &'static str,
    source: Option<ID>,
    publisher: Option<String>,
    min_sources: Option<i32>,
) -> AppResult<Vec<Expr>> {
    let fact_column = Alias::new(format!("{table}_id"));
    let later = |sources: Expr| {
        Query::select()
            .column(fact_column.clone())
            .from(Alias::new("fact_evidence"))
            .and_where(sources)
            .to_owned()
    };
    let source_id = || Expr::col(Alias::new("source_id"));
    let mut conditions = Vec::new();
    if let Some(id) = source {
        let id = expect_id(&id, "filter.source", &[NodeKind::Source])?;
        conditions.push(
            col(table, "source_id")
                .eq(id)
                .or(col(table, "id").in_subquery(later(source_id().eq(id)))),
        );
    }
    if let Some(publisher) = publisher {
        let lowered = bounded("filter.publisher", &publisher, MAX_TEXT_FILTER_CHARS)?
            .trim()
            .to_lowercase();
        let of_publisher = subquery(
            source::Entity,
            source::Column::Id,
            Expr::expr(Func::lower(col("source", "publisher"))).eq(lowered),
        );
        conditions.push(
            col(table, "source_id")
                .in_subquery(of_publisher.clone())
                .or(col(table, "id").in_subquery(later(source_id().in_subquery(of_publisher)))),
        );
    }
    match min_sources {
        Some(n) if n < 0 => {
            return Err(AppError::bad_input(format!(
                "`filter.minSources` is {n}; it counts sources, from 0"
            )));
        }
        // The fact's first source, and those of later reports that differ.
        Some(n) if n > 1 => conditions.push(Expr::cust(format!(
            "(1 + (SELECT COUNT(DISTINCT \"r\".\"source_id\") FROM \"fact_evidence\" AS \"r\" \
             WHERE \"r\".\"{table}_id\" = \"{table}\".\"id\" AND \"r\".\"source_id\" <> \"{table}\".\"source_id\")) >= {n}"
        ))),
        _ => {}
    }
    Ok(conditions)
}

/// Filters sources; every field given must hold.
#[derive(InputObject, Debug, Clone, Default)]
pub struct SourceFilter {
    /// Only sources published on or after this day.
    pub published_from: Option<Date>,
    /// Only sources published on or before this day.
    pub published_to: Option<Date>,
    /// Only sources of this publisher, ignoring case ("the guardian"); at
    /// most 1,000 characters.
    pub publisher: Option<String>,
}

pub fn sources(
    mut select: Select<source::Entity>,
    filter: Option<SourceFilter>,
) -> AppResult<Select<source::Entity>> {
    use source::Column as S;
    let Some(f) = filter else { return Ok(select) };
    let (from, to) = days(
        "filter.publishedFrom",
        f.published_from,
        "filter.publishedTo",
        f.published_to,
    )?;
    if let Some(from) = from {
        select = select.filter(S::PublishedOn.gte(from));
    }
    if let Some(to) = to {
        select = select.filter(S::PublishedOn.lte(to));
    }
    if let Some(publisher) = f.publisher {
        let lowered = bounded("filter.publisher", &publisher, MAX_TEXT_FILTER_CHARS)?
            .trim()
            .to_lowercase();
        select = select.filter(Expr::expr(Func::lower(col("source", "publisher"))).eq(lowered));
    }
    Ok(select)
}

impl ListInput for EntityFilter {}

impl ListFilter<named_entity::Entity> for EntityFilter {
    const NOUN: &'static str = "people";

    async fn select(_: &DatabaseConnection, filter: Option<Self>) -> AppResult<Select<named_entity::Entity>> {
        people(filter).await
    }
}

impl ListInput for OrganisationFilter {}

impl ListFilter<named_entity::Entity> for OrganisationFilter {
    const NOUN: &'static str = "organisations";

    async fn select(_: &DatabaseConnection, filter: Option<Self>) -> AppResult<Select<named_entity::Entity>> {
        organisations(filter).await
    }
}

impl ListInput for PlaceFilter {}

impl ListFilter<named_entity::Entity> for PlaceFilter {
    const NOUN: &'static str = "places";

    async fn select(
        db: &DatabaseConnection,
        filter: Option<Self>,
    ) -> AppResult<Select<named_entity::Entity>> {
        places(db, filter).await
    }
}

impl ListInput for IssueFilter {}

impl ListFilter<issue::Entity> for IssueFilter {
    const NOUN: &'static str = "issues";

    async fn select(db: &DatabaseConnection, filter: Option<Self>) -> AppResult<Select<issue::Entity>> {
        issues(db, issue::Entity::find(), filter).await
    }
}

impl ListInput for StatementFilter {}

impl ListFilter<statement::Entity> for StatementFilter {
    const NOUN: &'static str = "statements";

    async fn select(db: &DatabaseConnection, filter: Option<Self>) -> AppResult<Select<statement::Entity>> {
        filtered_statements(db, statement::Entity::find(), filter, true).await
    }

    /// A filter of an issue or a stance alone counts the links that match,
    /// each statement once, from the index of links alone; every link's
    /// statement exists (a foreign key), so it is the list's count without
    /// reading a statement.
    fn counter(filter: &Option<Self>) -> Option<Arc<dyn Counter>> {
        let Some(StatementFilter {
            issue,
            stance,
            speaker: None,
            speaker_organisation: None,
            speaker_role: None,
            mentions: None,
            place: None,
            source: None,
            publisher: None,
            min_sources: None,
            said_from: None,
            said_to: None,
            text: None,
            kind: None,
            curated: None,
        }) = filter
        else {
            return None;
        };
        // An empty filter (`filter: {}`) is no filter: counted as the whole list.
        if issue.is_none() && stance.is_none() {
            return None;
        }
        Some(Arc::new(IssueLinkCount {
            issue: issue.clone(),
            stance: *stance,
        }))
    }

    /// What the filter adds to its list's complexity: a `text` or
    /// `speakerRole` filter matches inside the words, which no index serves,
    /// so the database reads the whole table to find a page of them.
    fn scan_cost(filter: &Option<Self>) -> usize {
        let scans = filter
            .as_ref()
            .is_some_and(|f| f.text.is_some() || f.speaker_role.is_some());
        if scans { SCAN_COST } else { 0 }
    }
}

/// Counts the statements about an issue, or taking a stance, by their links.
struct IssueLinkCount {
    issue: Option<ID>,
    stance: Option<Stance>,
}

impl Counter for IssueLinkCount {
    fn count<'a>(&'a self, ctx: &'a Context<'_>) -> BoxFuture<'a, AppResult<i64>> {
        Box::pin(async move {
            let db = database(ctx)?;
            let Some(mut links) = issue_links(db, self.issue.as_ref(), self.stance).await? else {
                return Ok(0);
            };
            links.clear_selects().expr(Func::count_distinct(Expr::col((
                statement_issue::Entity,
                statement_issue::Column::StatementId,
            ))));
            Ok(match db.query_one(&links).await? {
                Some(row) => row.try_get_by_index::<i64>(0)?,
                None => 0,
            })
        })
    }
}

impl ListInput for FinancialMeasureFilter {}

impl ListFilter<financial_measure::Entity> for FinancialMeasureFilter {
    const NOUN: &'static str = "measures";

    async fn select(
        db: &DatabaseConnection,
        filter: Option<Self>,
    ) -> AppResult<Select<financial_measure::Entity>> {
        financial_measures(db, financial_measure::Entity::find(), filter).await
    }
}

impl ListInput for EventFilter {}

impl ListFilter<event::Entity> for EventFilter {
    const NOUN: &'static str = "events";

    async fn select(db: &DatabaseConnection, filter: Option<Self>) -> AppResult<Select<event::Entity>> {
        events(db, event::Entity::find(), filter).await
    }
}

impl ListInput for SourceFilter {}

impl ListFilter<source::Entity> for SourceFilter {
    const NOUN: &'static str = "sources";

    async fn select(_: &DatabaseConnection, filter: Option<Self>) -> AppResult<Select<source::Entity>> {
        sources(source::Entity::find(), filter)
    }
}

/// Declares an `orderBy` input and its field enum, and how each field sorts.
macro_rules! order_input {
    (
        $(#[$doc:meta])* $input:ident, $(#[$fdoc:meta])* $field_enum:ident for $table:ident,
        default $default:ident,
        { $($(#[$vdoc:meta])* $variant:ident => $sort:tt),+ $(,)? }
    ) => {
        $(#[$fdoc])*
        #[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $field_enum {
            $($(#[$vdoc])* $variant,)+
        }

        $(#[$doc])*
        #[derive(InputObject, Debug, Clone)]
        pub struct $input {
            /// The field to sort by; ties are broken by the order items were added.
            pub field: $field_enum,
            /// Ascending or descending.
            #[graphql(default)]
            pub direction: OrderDirection,
        }

        impl ListInput for $input {}

        impl ListOrder<$table::Entity> for $input {
            /// The list's order; without `orderBy`, the default field ascending.
            fn order(given: Option<Self>, list: &'static str) -> Order<$table::Entity> {
                let (field, direction) = given
                    .map(|o| (o.field, o.direction))
                    .unwrap_or(($field_enum::$default, OrderDirection::Asc));
                match field {
                    $($field_enum::$variant => order_input!(@sort $table, list, direction, $sort),)+
                }
            }
        }
    };
    (@sort $table:ident, $list:ident, $direction:ident, key) => {
        Order::by_key($list, $direction)
    };
    (@sort $table:ident, $list:ident, $direction:ident, (text $name:literal $column:ident $field:ident)) => {
        Order::by($list, $name, $table::Column::$column, SortKind::Text, |m: &$table::Model| Some(m.$field.clone()), $direction)
    };
    (@sort $table:ident, $list:ident, $direction:ident, (date $name:literal $column:ident $field:ident)) => {
        Order::by($list, $name, $table::Column::$column, SortKind::Date, |m: &$table::Model| m.$field.map(|d| d.to_string()), $direction)
    };
}

order_input!(
    /// How to sort people, organisations or places.
    EntityOrder,
    /// What people, organisations and places can be sorted by.
    EntityOrderField for named_entity,
    default CreatedAt,
    {
        /// The name, ignoring case and accents.
        Name => (text "name" SortName sort_name),
        /// When the entity was added to the graph.
        CreatedAt => key,
    }
);

order_input!(
    /// How to sort issues.
    IssueOrder,
    /// What issues can be sorted by.
    IssueOrderField for issue,
    default CreatedAt,
    {
        /// The name, ignoring case and accents.
        Name => (text "name" SortName sort_name),
        /// When the issue was added to the graph.
        CreatedAt => key,
    }
);

order_input!(
    /// How to sort statements.
    StatementOrder,
    /// What statements can be sorted by.
    StatementOrderField for statement,
    default CreatedAt,
    {
        /// The day it was said; undated statements come first ascending, last descending.
        SaidOn => (date "saidOn" SaidOn said_on),
        /// When the statement was added to the graph.
        CreatedAt => key,
    }
);

order_input!(
    /// How to sort financial measures.
    FinancialMeasureOrder,
    /// What financial measures can be sorted by.
    FinancialMeasureOrderField for financial_measure,
    default CreatedAt,
    {
        /// The day it was announced; undated measures come first ascending, last descending.
        AnnouncedOn => (date "announcedOn" AnnouncedOn announced_on),
        /// When the measure was added to the graph.
        CreatedAt => key,
    }
);

order_input!(
    /// How to sort events.
    EventOrder,
    /// What events can be sorted by.
    EventOrderField for event,
    default CreatedAt,
    {
        /// The day it started; undated events come first ascending, last descending.
        StartedOn => (date "startedOn" StartedOn started_on),
        /// When the event was added to the graph.
        CreatedAt => key,
    }
);

order_input!(
    /// How to sort sources.
    SourceOrder,
    /// What sources can be sorted by.
    SourceOrderField for source,
    default CreatedAt,
    {
        /// The day it was published; undated sources come first ascending, last descending.
        PublishedOn => (date "publishedOn" PublishedOn published_on),
        /// The headline, as written.
        Title => (text "title" Title title),
        /// When the source was added to the graph.
        CreatedAt => key,
    }
);

order_input!(
    /// How to sort roles.
    RoleOrder,
    /// What roles can be sorted by.
    RoleOrderField for role,
    default CreatedAt,
    {
        /// Since when the role is held; roles with no start come first ascending, last descending.
        Since => (date "since" Since since),
        /// When the role was added to the graph.
        CreatedAt => key,
    }
);
