//! Filters of the root lists, alone and combined, on the seed graph.

use serde_json::{Value, json};

use crate::full_document;
use crate::harness::TestDb;
use crate::server::Server;

/// The ID of the node of `list` whose name is exactly `name`.
pub async fn id_of(server: &Server, list: &str, name: &str) -> String {
    let field = if list == "sources" { "title" } else { "name" };
    let data = server
        .query(
            &format!("query($name: String) {{ {list}(filter: {{ name: $name }}, first: 100) {{ nodes {{ id {field} }} }} }}"),
            json!({ "name": name }),
        )
        .await;
    data[list]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n[field] == name)
        .unwrap_or_else(|| panic!("no {list} named {name}: {data}"))["id"]
        .as_str()
        .expect("an id")
        .to_owned()
}

/// The `field` of each node of `list` in `data`, in order.
pub fn strings(data: &Value, list: &str, field: &str) -> Vec<String> {
    data[list]["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("no {list} in {data}"))
        .iter()
        .map(|n| {
            n[field]
                .as_str()
                .unwrap_or_else(|| panic!("no {field} in {n}"))
                .to_owned()
        })
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn owned(v: &[&str]) -> Vec<String> {
    sorted(v.iter().map(|s| s.to_string()).collect())
}

async fn names(server: &Server, list: &str, filter: Value) -> Vec<String> {
    let data = server
        .query(
            &format!(
                "query($filter: {}) {{ {list}(filter: $filter, first: 100) {{ nodes {{ name }} }} }}",
                filter_type(list)
            ),
            json!({ "filter": filter }),
        )
        .await;
    sorted(strings(&data, list, "name"))
}

fn filter_type(list: &str) -> &'static str {
    match list {
        "people" => "EntityFilter",
        "organisations" => "OrganisationFilter",
        "places" => "PlaceFilter",
        "issues" => "IssueFilter",
        _ => unreachable!("{list}"),
    }
}

async fn statements(server: &Server, filter: Value) -> Vec<String> {
    let data = server
        .query(
            "query($filter: StatementFilter) { statements(filter: $filter, first: 100) { totalCount nodes { text } } }",
            json!({ "filter": filter }),
        )
        .await;
    let texts = strings(&data, "statements", "text");
    assert_eq!(
        data["statements"]["totalCount"],
        texts.len(),
        "totalCount agrees with the list"
    );
    sorted(texts)
}

pub async fn names_match_aliases_ignoring_case_accents_and_spelling(server: Server) {
    // Prefix of a word of the name, in any case.
    assert_eq!(
        names(&server, "people", json!({ "name": "PESK" })).await,
        owned(&["Dmitry Peskov"])
    );
    // A transliteration variant that is no alias: Dmitriy/Dmitri/Dmitry fold together.
    assert_eq!(
        names(&server, "people", json!({ "name": "dmitrij peskov" })).await,
        owned(&["Dmitry Peskov"])
    );
    // Accents and another script fold to the same letters.
    assert_eq!(
        names(&server, "people", json!({ "name": "Zélensky" })).await,
        owned(&["Volodymyr Zelensky"])
    );
    assert_eq!(
        names(&server, "people", json!({ "name": "Ушаков" })).await,
        owned(&["Yuri Ushakov"])
    );
    // An alias only: "Kiev" is Kyiv's; "Odessa" folds like "Odesa".
    assert_eq!(
        names(&server, "places", json!({ "name": "kiev" })).await,
        owned(&["Kyiv"])
    );
    assert_eq!(
        names(&server, "places", json!({ "name": "odessa" })).await,
        owned(&["Odesa Oblast"])
    );
    // A whole word inside the name.
    assert_eq!(
        names(&server, "places", json!({ "name": "oblast" })).await,
        owned(&[
            "Dnipropetrovsk Oblast",
            "Kharkiv Oblast",
            "Odesa Oblast",
            "Zaporizhzhia Oblast"
        ])
    );
    // Not the middle of a word.
    assert_eq!(
        names(&server, "people", json!({ "name": "eskov" })).await,
        Vec::<String>::new()
    );
    assert_eq!(
        names(&server, "issues", json!({ "name": "nato" })).await,
        owned(&["Ukraine's NATO membership"])
    );
    assert_eq!(
        names(&server, "organisations", json!({ "name": "russian government" })).await,
        owned(&["Kremlin"])
    );
    let error = server
        .query_error("{ people(filter: { name: \"--\" }) { totalCount } }", json!({}))
        .await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("`filter.name`"),
        "{error}"
    );
}

pub async fn organisations_and_places_filter_by_kind_country_and_tree(server: Server) {
    assert_eq!(
        names(&server, "organisations", json!({ "kind": "GOVERNMENT" })).await,
        owned(&["Government of Ukraine", "Kremlin", "United States government"])
    );
    assert_eq!(
        names(
            &server,
            "organisations",
            json!({ "kind": "GOVERNMENT", "name": "ukrain" })
        )
        .await,
        owned(&["Government of Ukraine"])
    );
    assert_eq!(
        names(&server, "places", json!({ "kind": "CITY" })).await,
        owned(&["Brussels", "Dnipro", "Dublin", "Kyiv", "Miami", "Moscow"])
    );
    let ukraine = id_of(&server, "places", "Ukraine").await;
    assert_eq!(
        names(&server, "places", json!({ "within": ukraine })).await,
        owned(&[
            "Dnipro",
            "Dnipropetrovsk Oblast",
            "Kharkiv Oblast",
            "Kyiv",
            "Odesa Oblast",
            "Ukraine",
            "Zaporizhzhia Oblast"
        ])
    );
    assert_eq!(
        names(&server, "places", json!({ "within": ukraine, "kind": "CITY" })).await,
        owned(&["Dnipro", "Kyiv"])
    );
    let security = id_of(&server, "issues", "Security guarantees for Ukraine").await;
    assert_eq!(
        names(&server, "issues", json!({ "within": security })).await,
        owned(&["Security guarantees for Ukraine", "Ukraine's NATO membership"])
    );
}

pub async fn statement_filters_hold_alone_and_together(server: Server) {
    let peskov = id_of(&server, "people", "Dmitry Peskov").await;
    let kremlin = id_of(&server, "organisations", "Kremlin").await;
    let nato = id_of(&server, "issues", "Ukraine's NATO membership").await;
    let security = id_of(&server, "issues", "Security guarantees for Ukraine").await;
    let russia = id_of(&server, "places", "Russia").await;
    let moscow = id_of(&server, "places", "Moscow").await;
    let europe = id_of(&server, "places", "Europe").await;

    let peskov_said = statements(&server, json!({ "speaker": peskov })).await;
    assert_eq!(peskov_said.len(), 5, "{peskov_said:?}");
    assert_eq!(
        statements(&server, json!({ "speaker": peskov, "kind": "DIRECT_QUOTE" })).await,
        owned(&[
            "Something was accepted, while something was marked as unacceptable",
            "a normal working process towards finding a compromise",
            "as many times as it took"
        ])
    );
    // Who opposes Ukraine's NATO membership.
    assert_eq!(
        statements(&server, json!({ "issue": nato, "stance": "OPPOSES" })).await,
        owned(&[
            "Russia strongly opposes Ukraine's membership of NATO.",
            "Trump signalled he has no intention of allowing Ukraine to join NATO."
        ])
    );
    // A parent issue includes its sub-issues' statements.
    let about_security = statements(&server, json!({ "issue": security })).await;
    assert_eq!(about_security.len(), 3, "{about_security:?}");
    assert_eq!(
        statements(&server, json!({ "issue": security, "stance": "OPPOSES" })).await,
        owned(&[
            "Russia strongly opposes Ukraine's membership of NATO.",
            "Trump signalled he has no intention of allowing Ukraine to join NATO."
        ])
    );
    // Statements by role: Kremlin officials and the Kremlin itself.
    let kremlin_said = statements(&server, json!({ "speakerOrganisation": kremlin })).await;
    assert_eq!(kremlin_said.len(), 9, "{kremlin_said:?}");
    assert_eq!(
        statements(&server, json!({ "speakerRole": "SPOKESMAN" })).await,
        peskov_said
    );
    // Said in Moscow, found under Russia; mentions of Europe.
    let in_moscow = owned(&[
        "Putin insisted he did not seek conflict with Europe.",
        "ready for war.",
    ]);
    assert_eq!(statements(&server, json!({ "place": moscow })).await, in_moscow);
    assert_eq!(statements(&server, json!({ "place": russia })).await, in_moscow);
    assert_eq!(statements(&server, json!({ "mentions": europe })).await.len(), 4);
    assert_eq!(
        statements(
            &server,
            json!({ "mentions": europe, "place": russia, "kind": "DIRECT_QUOTE" })
        )
        .await,
        owned(&["ready for war."])
    );
    // Dates and text.
    assert_eq!(
        statements(
            &server,
            json!({ "saidFrom": "2025-12-01", "saidTo": "2025-12-31" })
        )
        .await
        .len(),
        19
    );
    assert_eq!(
        statements(&server, json!({ "saidTo": "2025-11-30" })).await.len(),
        0
    );
    assert_eq!(
        statements(&server, json!({ "text": "COMPROMISE" })).await,
        owned(&[
            "a normal working process towards finding a compromise",
            "no compromise"
        ])
    );
    // LIKE wildcards in the text are taken literally.
    assert_eq!(statements(&server, json!({ "text": "%" })).await.len(), 0);
    let source =
        server.query("{ sources { nodes { id } } }", json!({})).await["sources"]["nodes"][0]["id"].clone();
    assert_eq!(statements(&server, json!({ "source": source })).await.len(), 31);
}

pub async fn a_filter_id_of_the_wrong_kind_or_malformed_is_bad_user_input(server: Server) {
    let nato = id_of(&server, "issues", "Ukraine's NATO membership").await;
    let query = "query($f: StatementFilter) { statements(filter: $f) { totalCount } }";
    let error = server
        .query_error(query, json!({ "f": { "speaker": nato } }))
        .await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(
        error["message"],
        "`filter.speaker` takes the ID of a Person or Organisation, not of an Issue"
    );
    let error = server
        .query_error(query, json!({ "f": { "place": "nonsense" } }))
        .await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("`filter.place`"),
        "{error}"
    );
    let error = server
        .query_error(
            query,
            json!({ "f": { "saidFrom": "2025-12-31", "saidTo": "2025-12-01" } }),
        )
        .await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .contains("`filter.saidFrom`"),
        "{error}"
    );
}

async fn measures(server: &Server, filter: Value) -> Vec<String> {
    let data = server
        .query(
            "query($f: FinancialMeasureFilter) { financialMeasures(filter: $f) { nodes { label } } }",
            json!({ "f": filter }),
        )
        .await;
    strings(&data, "financialMeasures", "label")
}

pub async fn financial_measures_filter_by_kind_currency_amount_parties_and_issue(server: Server) {
    let loan = vec!["EU loan to Ukraine backed by Russian assets".to_owned()];
    let none: Vec<String> = Vec::new();
    let commission = id_of(&server, "organisations", "European Commission").await;
    let kyiv = id_of(&server, "organisations", "Government of Ukraine").await;
    let support = id_of(&server, "issues", "Financial support for Ukraine").await;
    let war = id_of(&server, "issues", "Russia–Ukraine war").await;
    let nato = id_of(&server, "issues", "Ukraine's NATO membership").await;

    assert_eq!(measures(&server, json!({ "kind": "LOAN" })).await, loan);
    assert_eq!(measures(&server, json!({ "kind": "GRANT" })).await, none);
    assert_eq!(measures(&server, json!({ "currency": "gbp" })).await, loan);
    assert_eq!(measures(&server, json!({ "currency": "EUR" })).await, none);
    // The exact amount is 184,000,000,000: bounds are inclusive and exact.
    assert_eq!(
        measures(&server, json!({ "amountFrom": "184000000000" })).await,
        loan
    );
    assert_eq!(
        measures(&server, json!({ "amountFrom": "184000000000.01" })).await,
        none
    );
    assert_eq!(
        measures(&server, json!({ "amountTo": "184000000000" })).await,
        loan
    );
    assert_eq!(
        measures(&server, json!({ "amountTo": "183999999999.99" })).await,
        none
    );
    assert_eq!(
        measures(&server, json!({ "amountFrom": "1e11", "amountTo": "2e11" })).await,
        loan,
        "amounts in exponent form"
    );
    assert_eq!(
        measures(&server, json!({ "provider": commission, "recipient": kyiv })).await,
        loan
    );
    assert_eq!(measures(&server, json!({ "provider": kyiv })).await, none);
    assert_eq!(measures(&server, json!({ "issue": support })).await, loan);
    assert_eq!(
        measures(&server, json!({ "issue": war })).await,
        loan,
        "sub-issues count"
    );
    assert_eq!(measures(&server, json!({ "issue": nato })).await, none);

    let error = server
        .query_error(
            "{ financialMeasures(filter: { currency: \"ZZZ\" }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(
        error["message"],
        "`filter.currency`: \"ZZZ\" is not an ISO 4217 currency code"
    );
}

async fn events(server: &Server, filter: Value) -> Vec<String> {
    let data = server
        .query(
            "query($f: EventFilter) { events(filter: $f) { nodes { label } } }",
            json!({ "f": filter }),
        )
        .await;
    sorted(strings(&data, "events", "label"))
}

pub async fn events_filter_by_kind_place_with_sub_places_participant_and_dates(server: Server) {
    let attack = owned(&["Russian drone barrage on Ukraine"]);
    let ukraine = id_of(&server, "places", "Ukraine").await;
    let oblast = id_of(&server, "places", "Dnipropetrovsk Oblast").await;
    let russia = id_of(&server, "places", "Russia").await;
    let witkoff = id_of(&server, "people", "Steve Witkoff").await;

    assert_eq!(events(&server, json!({ "kind": "ATTACK" })).await, attack);
    // The attack struck oblasts; Ukraine contains them.
    assert_eq!(events(&server, json!({ "place": ukraine })).await, attack);
    assert_eq!(events(&server, json!({ "place": oblast })).await, attack);
    assert_eq!(
        events(&server, json!({ "place": russia })).await,
        owned(&[
            "Talks between Vladimir Putin and the U.S. delegation in Moscow",
            "Vladimir Putin's address to a Moscow forum"
        ])
    );
    assert_eq!(
        events(&server, json!({ "participant": witkoff })).await,
        owned(&[
            "Scheduled meeting between Steve Witkoff and Rustem Umerov in Miami",
            "Talks between Vladimir Putin and the U.S. delegation in Moscow"
        ])
    );
    assert_eq!(
        events(&server, json!({ "participant": witkoff, "kind": "MEETING" })).await,
        owned(&["Scheduled meeting between Steve Witkoff and Rustem Umerov in Miami"])
    );
    assert_eq!(
        events(&server, json!({ "from": "2025-12-03", "to": "2025-12-04" })).await,
        owned(&[
            "Russian drone barrage on Ukraine",
            "Scheduled meeting between Steve Witkoff and Rustem Umerov in Miami"
        ])
    );
    assert_eq!(
        events(&server, json!({ "from": "2026-01-01" })).await,
        Vec::<String>::new()
    );
}

pub async fn sources_filter_by_publication_date_and_publisher(server: Server) {
    let query = "query($f: SourceFilter) { sources(filter: $f) { totalCount } }";
    let count = |data: Value| data["sources"]["totalCount"].clone();
    assert_eq!(
        count(
            server
                .query(query, json!({ "f": { "publishedFrom": "2025-12-03" } }))
                .await
        ),
        1
    );
    assert_eq!(
        count(
            server
                .query(query, json!({ "f": { "publishedTo": "2025-12-03" } }))
                .await
        ),
        1
    );
    assert_eq!(
        count(
            server
                .query(query, json!({ "f": { "publishedFrom": "2025-12-04" } }))
                .await
        ),
        0
    );
    assert_eq!(
        count(
            server
                .query(query, json!({ "f": { "publishedTo": "2025-12-02" } }))
                .await
        ),
        0
    );
    assert_eq!(
        count(
            server
                .query(query, json!({ "f": { "publisher": "Nobody" } }))
                .await
        ),
        0
    );
}

/// `saidFrom` and `saidTo` each bound the statements on their own, both
/// inclusive, over statements said on distinct years, months and days: a
/// bound that is ignored, off by a day or exclusive fails here.
pub async fn statements_said_from_and_to_a_day_are_those_said_within(db: TestDb) {
    full_document::import_it(&db).await;
    let server = Server::start(&db).await;
    const SAID: &str = "query($f: StatementFilter) { statements(filter: $f, orderBy: { field: SAID_ON }, first: 100) { nodes { text } } }";
    let said = |filter: Value| {
        let server = &server;
        async move {
            strings(
                &server.query(SAID, json!({ "f": filter })).await,
                "statements",
                "text",
            )
        }
    };
    let by_date = full_document::BY_DATE;
    // From a day on which one statement was said: that one and the later one.
    assert_eq!(said(json!({ "saidFrom": "2024-06-02" })).await, by_date[4..]);
    assert_eq!(said(json!({ "saidFrom": "2024-06-03" })).await, by_date[5..]);
    // Up to that day: it and every earlier dated one (a year or a month
    // counts from its first day).
    assert_eq!(said(json!({ "saidTo": "2024-06-02" })).await, by_date[1..5]);
    assert_eq!(said(json!({ "saidTo": "2024-06-01" })).await, by_date[1..4]);
    // One day for both bounds: what was said that day.
    assert_eq!(
        said(json!({ "saidFrom": "2024-06-02", "saidTo": "2024-06-02" })).await,
        by_date[4..5]
    );
    // Both: the statements of 2024.
    assert_eq!(
        said(json!({ "saidFrom": "2024-01-01", "saidTo": "2024-12-31" })).await,
        by_date[2..5]
    );
    assert_eq!(
        said(json!({ "saidFrom": "2025-01-10" })).await,
        Vec::<String>::new()
    );
    // A bound known to the month or the year: the start counts from its
    // first day, the end to its last, so May 17 is within `saidTo: 2024-05`.
    assert_eq!(said(json!({ "saidTo": "2024-05" })).await, by_date[1..4]);
    assert_eq!(said(json!({ "saidTo": "2024" })).await, by_date[1..5]);
    assert_eq!(
        said(json!({ "saidFrom": "2024", "saidTo": "2024" })).await,
        by_date[2..5]
    );
    assert_eq!(
        said(json!({ "saidFrom": "2024-05-17", "saidTo": "2024-05" })).await,
        by_date[3..4]
    );
}

/// Sources filter by their publisher, ignoring case but not matching a part
/// of the name, and by publication dates, over sources of two publishers
/// published on three days.
pub async fn sources_filter_by_publisher_and_publication_dates_of_their_own(db: TestDb) {
    full_document::import_it(&db).await;
    let server = Server::start(&db).await;
    const TITLES: &str = "query($f: SourceFilter) { sources(filter: $f, orderBy: { field: PUBLISHED_ON }) { nodes { title } } }";
    let titles = |filter: Value| {
        let server = &server;
        async move {
            strings(
                &server.query(TITLES, json!({ "f": filter })).await,
                "sources",
                "title",
            )
        }
    };
    assert_eq!(
        titles(json!({ "publisher": full_document::DAILY })).await,
        ["The regent speaks", "Repay the bank"]
    );
    assert_eq!(
        titles(json!({ "publisher": full_document::WEEKLY.to_uppercase() })).await,
        ["A loan for the crown"]
    );
    assert_eq!(
        titles(json!({ "publisher": "Example" })).await,
        Vec::<String>::new()
    );
    assert_eq!(
        titles(json!({ "publishedFrom": "2024-06-03" })).await,
        ["A loan for the crown", "Repay the bank"]
    );
    assert_eq!(
        titles(json!({ "publishedTo": "2024-06-02" })).await,
        ["The regent speaks"]
    );
    assert_eq!(
        titles(json!({ "publisher": "the daily example", "publishedFrom": "2024-01-01" })).await,
        ["Repay the bank"]
    );
}
