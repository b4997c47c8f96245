//! One fact, every outlet that reports it: a second source's report of a
//! quote, a meeting, a role or a loan adds its evidence to the fact the
//! graph holds instead of making a second fact; lists filter by who
//! reported a fact; export and import carry every report.

use serde_json::{Value, json};

use crate::harness::TestDb;
use crate::server::{SEED_FILE, Server, export, import, newsgraph, run};
use crate::writes::{EDITOR, post, server as writable};

/// An evidence object for the first place `excerpt` stands in `text`,
/// with offsets in code points.
fn evidence(source: &str, text: &str, excerpt: &str) -> Value {
    let byte = text
        .find(excerpt)
        .unwrap_or_else(|| panic!("not in the text: {excerpt}"));
    let start = text[..byte].chars().count();
    json!({ "source": source, "start": start, "end": start + excerpt.chars().count(), "excerpt": excerpt })
}

/// The second outlet's report of the Moscow talks: Peskov's words with
/// straight quotes and a full stop where the seed has curly quotes and
/// none, his role, and the talks under another kind and label.
const PRAVDA: &str = "Dmitry Peskov, the Kremlin spokesman, told reporters after Tuesday's talks in Moscow: \
\"Something was accepted, while something was marked as unacceptable.\" Steve Witkoff met Vladimir Putin \
for five hours.";

fn pravda() -> Value {
    let quote = "\"Something was accepted, while something was marked as unacceptable.\"";
    json!({
        "format": "newsgraph/1",
        "sources": [{ "key": "pravda-talks", "title": "Kremlin on the Moscow talks", "publisher": "Pravda",
                      "publishedOn": "2025-12-02", "text": PRAVDA }],
        "places": [{ "key": "moscow", "name": "Moscow", "kind": "city" }],
        "organisations": [{ "key": "kremlin", "name": "Kremlin", "kind": "government" }],
        "people": [
            { "key": "peskov", "name": "Dmitry Peskov" },
            { "key": "witkoff", "name": "Steve Witkoff" }
        ],
        "roles": [{ "key": "peskov-spokesman", "person": "peskov", "organisation": "kremlin", "title": "spokesman",
                    "evidence": evidence("pravda-talks", PRAVDA, "Dmitry Peskov, the Kremlin spokesman") }],
        "statements": [{
            "key": "peskov-accepted", "kind": "direct_quote", "speaker": "peskov", "saidOn": "2025-12-02",
            "text": "Something was accepted, while something was marked as unacceptable.",
            "evidence": evidence("pravda-talks", PRAVDA, quote)
        }],
        "events": [{
            "key": "talks", "kind": "meeting", "label": "Witkoff meets Putin", "startedOn": "2025-12-02",
            "places": ["moscow"], "participants": [{ "entity": "witkoff", "role": "guest" }],
            "evidence": evidence("pravda-talks", PRAVDA, "Steve Witkoff met Vladimir Putin")
        }]
    })
}

/// Writes a document in the case's folder and imports it; returns what
/// the import printed.
async fn import_document(db: &TestDb, name: &str, document: &Value) -> String {
    let path = db.dir.join(name);
    std::fs::write(&path, document.to_string()).expect("a test file");
    let out = import(db, &[&path.display().to_string()]).await;
    assert!(out.success, "{}", out.stderr);
    out.stdout
}

const STATEMENTS: &str = "query($filter: StatementFilter) {
  statements(first: 100, filter: $filter) {
    totalCount
    nodes { text speaker { name } evidence { source { title } }
            reports { count sourceCount firstReportedOn { text }
                      sources { title publisher } evidence { excerpt source { publisher } } } }
  }
}";

pub async fn two_outlets_quoting_the_same_words_give_one_statement_with_two_sources(db: TestDb) {
    assert!(import(&db, &[SEED_FILE]).await.success);
    let out = import_document(&db, "pravda.json", &pravda()).await;
    assert!(out.contains("statement 0 new, 1 already there"), "{out}");
    // The role, the statement and the talks.
    assert!(out.contains("3 reports added to facts already there"), "{out}");
    assert!(
        out.contains("\"peskov-accepted\" is another report of statement"),
        "{out}"
    );

    let server = Server::start(&db).await;
    let all = server.query(STATEMENTS, json!({})).await;
    assert_eq!(all["statements"]["totalCount"], 31, "no second statement: {all}");

    let twice = server
        .query(STATEMENTS, json!({ "filter": { "minSources": 2 } }))
        .await;
    let nodes = twice["statements"]["nodes"].as_array().expect("a list");
    assert_eq!(nodes.len(), 1, "{twice}");
    let statement = &nodes[0];
    assert_eq!(statement["speaker"]["name"], "Dmitry Peskov");
    // The words and the first report stay the seed's.
    assert_eq!(
        statement["text"],
        "Something was accepted, while something was marked as unacceptable"
    );
    let reports = &statement["reports"];
    assert_eq!(reports["count"], 2);
    assert_eq!(reports["sourceCount"], 2);
    assert_eq!(reports["sources"][1]["publisher"], "Pravda");
    assert_eq!(
        reports["evidence"][1]["excerpt"],
        "\"Something was accepted, while something was marked as unacceptable.\""
    );
    // Pravda published a day before the seed's article.
    assert_eq!(reports["firstReportedOn"]["text"], "2025-12-02");

    let by_pravda = server
        .query(STATEMENTS, json!({ "filter": { "publisher": "PRAVDA" } }))
        .await;
    assert_eq!(by_pravda["statements"]["totalCount"], 1, "{by_pravda}");
    let three = server
        .query(STATEMENTS, json!({ "filter": { "minSources": 3 } }))
        .await;
    assert_eq!(three["statements"]["totalCount"], 0, "{three}");
    let refused = server
        .query_error(STATEMENTS, json!({ "filter": { "minSources": -1 } }))
        .await;
    assert!(refused.to_string().contains("filter.minSources"), "{refused}");
}

pub async fn the_same_words_said_on_another_day_are_another_statement(db: TestDb) {
    assert!(import(&db, &[SEED_FILE]).await.success);
    let mut document = pravda();
    // The seed dates Peskov's words to December 2025: a day in November
    // cannot be the same statement.
    document["statements"][0]["saidOn"] = json!("2025-11-20");
    let out = import_document(&db, "pravda.json", &document).await;
    assert!(out.contains("statement 1 new, 0 already there"), "{out}");
}

pub async fn four_reports_of_one_meeting_give_one_event_with_four_sources(db: TestDb) {
    assert!(import(&db, &[SEED_FILE]).await.success);
    import_document(&db, "pravda.json", &pravda()).await;
    // Two more outlets: one names only the host and calls it "talks" in
    // Russia (Moscow lies in it), one a negotiation with Kushner alone.
    let tass = "Vladimir Putin held talks with the American envoys on Tuesday.";
    let afp = "Jared Kushner joined the negotiation in Moscow.";
    let more = json!({
        "format": "newsgraph/1",
        "sources": [
            { "key": "tass", "title": "Putin holds talks", "publisher": "TASS", "publishedOn": "2025-12-03", "text": tass },
            { "key": "afp", "title": "Kushner in Moscow", "publisher": "AFP", "publishedOn": "2025-12-04", "text": afp }
        ],
        "places": [
            { "key": "russia", "name": "Russia", "kind": "country" },
            { "key": "moscow", "name": "Moscow", "kind": "city", "parent": "russia" }
        ],
        "people": [{ "key": "putin", "name": "Vladimir Putin" }, { "key": "kushner", "name": "Jared Kushner" }],
        "events": [
            { "key": "tass-talks", "kind": "other", "label": "Putin holds talks with US envoys", "startedOn": "2025-12-02",
              "places": ["russia"], "participants": [{ "entity": "putin", "role": "host" }],
              "evidence": evidence("tass", tass, "Vladimir Putin held talks with the American envoys") },
            { "key": "afp-talks", "kind": "negotiation", "label": "Kushner joins Moscow negotiation", "startedOn": "2025-12-02",
              "places": ["moscow"], "participants": [{ "entity": "kushner", "role": "negotiator" }],
              "evidence": evidence("afp", afp, "Jared Kushner joined the negotiation in Moscow") }
        ]
    });
    let out = import_document(&db, "more.json", &more).await;
    assert!(out.contains("event 0 new, 2 already there"), "{out}");

    let server = Server::start(&db).await;
    let data = server
        .query(
            "query($moscow: EventFilter) {
               all: events(first: 100) { totalCount }
               reported: events(first: 10, filter: $moscow) {
                 nodes { kind label reports { sourceCount sources { publisher } } }
               }
             }",
            json!({ "moscow": { "minSources": 4 } }),
        )
        .await;
    assert_eq!(
        data["all"]["totalCount"], 8,
        "the seed's eight events and no more: {data}"
    );
    let events = data["reported"]["nodes"].as_array().expect("a list");
    assert_eq!(events.len(), 1, "{data}");
    // The curated kind and label of the first report stay.
    assert_eq!(events[0]["kind"], "NEGOTIATION");
    assert_eq!(
        events[0]["label"],
        "Talks between Vladimir Putin and the U.S. delegation in Moscow"
    );
    let publishers: Vec<&Value> = events[0]["reports"]["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| &s["publisher"])
        .collect();
    assert_eq!(
        publishers,
        [&Value::Null, &json!("Pravda"), &json!("TASS"), &json!("AFP")]
    );

    // A meeting on another day, or with nobody in common, is another event.
    let other = json!({
        "format": "newsgraph/1",
        "sources": [{ "key": "later", "title": "Later talks", "text": tass }],
        "places": [{ "key": "moscow", "name": "Moscow", "kind": "city" }],
        "people": [{ "key": "putin", "name": "Vladimir Putin" }, { "key": "umerov", "name": "Rustem Umerov" }],
        "events": [
            { "key": "next-day", "kind": "meeting", "label": "Talks again", "startedOn": "2025-12-03",
              "places": ["moscow"], "participants": [{ "entity": "putin", "role": "host" }],
              "evidence": evidence("later", tass, "Vladimir Putin held talks") },
            { "key": "nobody-shared", "kind": "meeting", "label": "Umerov in Moscow", "startedOn": "2025-12-02",
              "places": ["moscow"], "participants": [{ "entity": "umerov", "role": "guest" }],
              "evidence": evidence("later", tass, "the American envoys") }
        ]
    });
    let out = import_document(&db, "other.json", &other).await;
    assert!(out.contains("event 2 new, 0 already there"), "{out}");
}

pub async fn a_role_and_a_loan_reported_by_two_outlets_have_two_sources(db: TestDb) {
    assert!(import(&db, &[SEED_FILE]).await.success);
    import_document(&db, "pravda.json", &pravda()).await;
    let text = "Brussels plans to lend Kyiv £184 billion, the European Commission said.";
    let loan = json!({
        "format": "newsgraph/1",
        "sources": [{ "key": "politico", "title": "The loan", "publisher": "Politico", "text": text }],
        "places": [{ "key": "ukraine", "name": "Ukraine", "kind": "country" }],
        "organisations": [
            { "key": "commission", "name": "European Commission", "kind": "international_organisation" },
            { "key": "kyiv", "name": "Government of Ukraine", "kind": "government" }
        ],
        "financialMeasures": [{
            "key": "loan", "kind": "loan", "label": "A £184bn loan for Kyiv", "amount": "184000000000",
            "currency": "GBP", "status": "proposed", "provider": "commission", "recipient": "kyiv",
            "evidence": evidence("politico", text, "lend Kyiv £184 billion")
        }]
    });
    let out = import_document(&db, "loan.json", &loan).await;
    assert!(out.contains("financial measure 0 new, 1 already there"), "{out}");

    let server = Server::start(&db).await;
    let data = server
        .query(
            "{
               financialMeasures(first: 10, filter: { minSources: 2 }) {
                 nodes { label reports { sourceCount evidence { excerpt } } }
               }
               people(first: 1, filter: { name: \"Peskov\" }) {
                 nodes { roles(first: 10) { nodes { title reports { sourceCount sources { publisher } } } } }
               }
             }",
            json!({}),
        )
        .await;
    let measures = data["financialMeasures"]["nodes"].as_array().expect("a list");
    assert_eq!(measures.len(), 1, "{data}");
    assert_eq!(
        measures[0]["label"],
        "EU loan to Ukraine backed by Russian assets"
    );
    assert_eq!(
        measures[0]["reports"]["evidence"][1]["excerpt"],
        "lend Kyiv £184 billion"
    );
    let roles = data["people"]["nodes"][0]["roles"]["nodes"]
        .as_array()
        .expect("roles");
    assert_eq!(roles.len(), 1, "one role, not two: {data}");
    assert_eq!(roles[0]["reports"]["sourceCount"], 2);
    assert_eq!(roles[0]["reports"]["sources"][1]["publisher"], "Pravda");
}

pub async fn an_add_of_known_words_returns_the_statement_with_the_new_report(db: TestDb) {
    assert!(import(&db, &[SEED_FILE]).await.success);
    let server = writable(&db, false).await;
    let write = |query: &'static str, variables: Value| {
        let server = &server;
        async move {
            let (status, body) = post(server, Some(EDITOR), query, variables).await;
            assert_eq!(status, 200, "{body}");
            assert!(body["errors"].is_null(), "{body}");
            body["data"].clone()
        }
    };
    let ids = write(
        "{ people(first: 1, filter: { name: \"Peskov\" }) { nodes { id } } }",
        json!({}),
    )
    .await;
    let peskov = ids["people"]["nodes"][0]["id"].clone();
    let source = write(
        "mutation($text: String!) { createSource(input: { key: \"pravda-talks\", title: \"Pravda\",
             publisher: \"Pravda\", text: $text }) { source { id } } }",
        json!({ "text": PRAVDA }),
    )
    .await;
    let source = source["createSource"]["source"]["id"].clone();
    let quote = "\"Something was accepted, while something was marked as unacceptable.\"";
    let e = evidence("x", PRAVDA, quote);
    let add = "mutation($input: AddStatementInput!) {
                 addStatement(input: $input) { created statement { id reports { count sourceCount } } }
               }";
    let input = json!({ "input": {
        "kind": "DIRECT_QUOTE", "speaker": peskov,
        "text": "something was accepted, while something was marked as unacceptable",
        "evidence": { "source": source, "start": e["start"], "end": e["end"], "excerpt": quote }
    } });
    let added = write(add, input.clone()).await;
    assert_eq!(added["addStatement"]["created"], false, "{added}");
    assert_eq!(
        added["addStatement"]["statement"]["reports"]["sourceCount"], 2,
        "{added}"
    );
    // The same report again adds nothing.
    let again = write(add, input).await;
    assert_eq!(
        again["addStatement"]["statement"]["id"],
        added["addStatement"]["statement"]["id"]
    );
    assert_eq!(
        again["addStatement"]["statement"]["reports"]["count"], 2,
        "{again}"
    );
}

pub async fn export_and_import_carry_every_report(db: TestDb) {
    assert!(import(&db, &[SEED_FILE]).await.success);
    import_document(&db, "pravda.json", &pravda()).await;
    let first = export(&db).await;
    let exported: Value = serde_json::from_str(&first).expect("JSON");
    let statement = exported["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .find(|s| s["moreEvidence"].is_array())
        .expect("a statement with a later report");
    assert_eq!(statement["moreEvidence"][0]["source"], "pravda-talks");

    for args in [&["migrate", "down", "--all"][..], &["migrate", "up"][..]] {
        let mut cmd = newsgraph();
        cmd.envs(db.env()).args(args);
        assert!(run(cmd).await.success);
    }
    let path = db.dir.join("export.json");
    std::fs::write(&path, &first).expect("a file");
    let out = import(&db, &[&path.display().to_string()]).await;
    assert!(out.success, "{}", out.stderr);
    assert_eq!(export(&db).await, first);
}

pub async fn the_seed_drone_attack_cites_the_sentence_naming_the_other_regions(db: TestDb) {
    let server = Server::start_seeded(&db).await;
    let data = server
        .query(
            "{ events(filter: { kind: ATTACK }) { nodes { reports { count evidence { excerpt } } } } }",
            json!({}),
        )
        .await;
    let excerpts: Vec<&str> = data["events"]["nodes"][0]["reports"]["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .filter_map(|e| e["excerpt"].as_str())
        .collect();
    assert_eq!(
        excerpts,
        [
            "Russia launched a vast drone barrage on Ukraine in the early hours of Wednesday morning.",
            "Zaporizhzhia, Kharkiv and Odesa were also struck in the overnight assault."
        ],
        "{data}"
    );
}
