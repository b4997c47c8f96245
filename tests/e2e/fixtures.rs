//! Rows a case arranges directly in its database before asking the server.
//!
//! The facts are a few of the seed article's, with their real spans, so
//! that what the API returns can be checked against the text.

use chrono::NaiveDate;
use entity::kinds::*;
use entity::{
    event, financial_measure, issue, named_entity, organisation, person, place, relation, role, source,
    statement, statement_issue,
};
use newsgraph::names::{fold, sort_key};
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};

/// The seed article, as the product owner supplied it.
pub const ARTICLE: &str = include_str!("../../data/seed/ukraine-peace-talks.txt");

/// Start and end (code points) of `excerpt` in the article.
pub fn span(excerpt: &str) -> (i32, i32) {
    let byte = ARTICLE
        .find(excerpt)
        .unwrap_or_else(|| panic!("not in the article: {excerpt}"));
    let start = ARTICLE[..byte].chars().count() as i32;
    (start, start + excerpt.chars().count() as i32)
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Adds an entity of a kind with its subtype row; returns its id.
pub async fn entity(db: &DatabaseConnection, kind: EntityKind, name: &str) -> i64 {
    let row = named_entity::ActiveModel {
        kind: Set(kind),
        name: Set(name.to_owned()),
        normalized_name: Set(fold(name)),
        sort_name: Set(sort_key(name)),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("entity inserted");
    match kind {
        EntityKind::Person => {
            person::ActiveModel {
                id: Set(row.id),
                entity_kind: Set(kind),
            }
            .insert(db)
            .await
            .expect("person");
        }
        EntityKind::Organisation => {
            organisation::ActiveModel {
                id: Set(row.id),
                entity_kind: Set(kind),
                kind: Set(OrganisationKind::Government),
                country_id: Set(None),
            }
            .insert(db)
            .await
            .expect("organisation");
        }
        EntityKind::Place => {
            place::ActiveModel {
                id: Set(row.id),
                entity_kind: Set(kind),
                kind: Set(PlaceKind::Country),
                parent_id: Set(None),
                latitude: Set(None),
                longitude: Set(None),
            }
            .insert(db)
            .await
            .expect("place");
        }
    }
    row.id
}

/// Adds `n` people named `Person 1`, `Person 2`...; returns their ids.
pub async fn people(db: &DatabaseConnection, n: usize) -> Vec<i64> {
    let mut ids = Vec::with_capacity(n);
    for i in 1..=n {
        ids.push(entity(db, EntityKind::Person, &format!("Person {i}")).await);
    }
    ids
}

/// A small graph from the seed article: a source, places, people, an
/// organisation, an issue, a role, a relation, a statement, a loan, an attack.
pub async fn small_graph(db: &DatabaseConnection) {
    let source = source::ActiveModel {
        key: Set("ukraine-peace-talks-2025-12-03".to_owned()),
        title: Set("Trump casts fresh doubt on Russia's intentions".to_owned()),
        published_on: Set(day(2025, 12, 3)),
        language: Set(Some("en".to_owned())),
        text: Set(ARTICLE.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("source")
    .id;

    let ukraine = entity(db, EntityKind::Place, "Ukraine").await;
    let oblast = entity(db, EntityKind::Place, "Dnipropetrovsk Oblast").await;
    let dnipro = entity(db, EntityKind::Place, "Dnipro").await;
    for (id, kind, parent) in [
        (oblast, PlaceKind::Region, ukraine),
        (dnipro, PlaceKind::City, oblast),
    ] {
        place::ActiveModel {
            id: Set(id),
            kind: Set(kind),
            parent_id: Set(Some(parent)),
            ..Default::default()
        }
        .update(db)
        .await
        .expect("place parent");
    }
    let kremlin = entity(db, EntityKind::Organisation, "Kremlin").await;
    let commission = entity(db, EntityKind::Organisation, "European Commission").await;
    let peskov = entity(db, EntityKind::Person, "Dmitry Peskov").await;
    let trump = entity(db, EntityKind::Person, "Donald Trump").await;
    let kushner = entity(db, EntityKind::Person, "Jared Kushner").await;
    entity::entity_alias::ActiveModel {
        entity_id: Set(peskov),
        name: Set("Dmitri Peskov".to_owned()),
        normalized_name: Set(fold("Dmitri Peskov")),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("alias");

    let peace_talks = issue::ActiveModel {
        name: Set("Peace negotiations".to_owned()),
        normalized_name: Set(fold("Peace negotiations")),
        sort_name: Set(sort_key("Peace negotiations")),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("issue")
    .id;
    let assets = issue::ActiveModel {
        name: Set("Frozen Russian assets".to_owned()),
        normalized_name: Set(fold("Frozen Russian assets")),
        sort_name: Set(sort_key("Frozen Russian assets")),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("issue")
    .id;

    let excerpt = "Kremlin spokesman Dmitry Peskov";
    let (start, end) = span(excerpt);
    let spokesman = role::ActiveModel {
        person_id: Set(peskov),
        organisation_id: Set(kremlin),
        title: Set("spokesman".to_owned()),
        source_id: Set(source),
        span_start: Set(start),
        span_end: Set(end),
        excerpt: Set(excerpt.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("role")
    .id;

    let excerpt = "his son-in-law Jared Kushner";
    let (start, end) = span(excerpt);
    relation::ActiveModel {
        person_id: Set(kushner),
        related_person_id: Set(trump),
        kind: Set("son-in-law".to_owned()),
        source_id: Set(source),
        span_start: Set(start),
        span_end: Set(end),
        excerpt: Set(excerpt.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("relation");

    let quote = "Something was accepted, while something was marked as unacceptable";
    let (start, end) = span(quote);
    let statement = statement::ActiveModel {
        kind: Set(StatementKind::DirectQuote),
        text: Set(quote.to_owned()),
        speaker_id: Set(peskov),
        speaker_kind: Set(EntityKind::Person),
        speaker_role_id: Set(Some(spokesman)),
        said_on: Set(day(2025, 12, 3)),
        said_on_precision: Set(Some(DatePrecision::Day)),
        source_id: Set(source),
        span_start: Set(start),
        span_end: Set(end),
        excerpt: Set(quote.to_owned()),
        confidence: Set(0.95),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("statement")
    .id;
    statement_issue::ActiveModel {
        statement_id: Set(statement),
        issue_id: Set(peace_talks),
        stance: Set(Stance::Mixed),
    }
    .insert(db)
    .await
    .expect("statement issue");

    let excerpt = "the European Commission unveiled plans for a £184 billion loan, mostly secured against Russian assets";
    let (start, end) = span(excerpt);
    financial_measure::ActiveModel {
        kind: Set(FinancialMeasureKind::Loan),
        label: Set("EU loan to Ukraine".to_owned()),
        amount: Set(Some("184000000000".to_owned())),
        currency: Set(Some("GBP".to_owned())),
        amount_qualifier: Set(Some(Qualifier::Exact)),
        status: Set(FinancialMeasureStatus::Proposed),
        term: Set(Some("P2Y".to_owned())),
        share_numerator: Set(Some(2)),
        share_denominator: Set(Some(3)),
        share_of: Set(Some("Kyiv's financing needs over the next two years".to_owned())),
        provider_id: Set(Some(commission)),
        recipient_id: Set(Some(ukraine)),
        secured_against_issue_id: Set(Some(assets)),
        secured_against_qualifier: Set(Some("mostly".to_owned())),
        announced_on: Set(day(2025, 12, 3)),
        announced_on_precision: Set(Some(DatePrecision::Day)),
        source_id: Set(source),
        span_start: Set(start),
        span_end: Set(end),
        excerpt: Set(excerpt.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("financial measure");

    let excerpt = "At least 111 drones were sent toward the Dnipro region";
    let (start, end) = span(excerpt);
    event::ActiveModel {
        kind: Set(EventKind::Attack),
        label: Set("Russian drone barrage on Ukraine".to_owned()),
        started_on: Set(day(2025, 12, 3)),
        started_on_precision: Set(Some(DatePrecision::Day)),
        source_id: Set(source),
        span_start: Set(start),
        span_end: Set(end),
        excerpt: Set(excerpt.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("event");
}

/// Imports a graph of `statements` statements that `newsgraph generate`
/// makes (always the same one) into the case's database.
pub async fn generated(db: &crate::harness::TestDb, statements: u32) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("graph.json");
    let mut generate = crate::server::newsgraph();
    generate
        .args([
            "generate",
            "--statements",
            &statements.to_string(),
            "--seed",
            "3",
            "-o",
        ])
        .arg(&file);
    let done = crate::server::run(generate).await;
    assert!(done.success, "{}", done.stderr);
    let done = crate::server::import(db, &[file.to_str().expect("a UTF-8 path")]).await;
    assert!(done.success, "{}", done.stderr);
}
