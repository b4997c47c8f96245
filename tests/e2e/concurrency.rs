//! Concurrent writers: clients racing to write the same facts leave one
//! node per thing, and no file half-imported, on one server or on two
//! sharing a database.

use serde_json::{Value, json};

use crate::harness::{Backend, TestDb};
use crate::server::{Server, newsgraph};
use crate::writes::{EDITOR, post};

/// One server on SQLite (which one process owns); two on PostgreSQL, as
/// replicas would share it.
async fn servers(db: &TestDb) -> Vec<Server> {
    let count = if db.backend == Backend::Postgres { 2 } else { 1 };
    let mut servers = Vec::new();
    for _ in 0..count {
        let mut cmd = newsgraph();
        cmd.envs(db.env())
            .env("NEWSGRAPH_NO_SEED", "1")
            .env("NEWSGRAPH_WRITE_TOKENS", format!("editor={EDITOR}"));
        servers.push(Server::spawn(cmd).await);
    }
    servers
}

const CREATE: &str =
    "mutation($input: CreatePersonInput!) { createPerson(input: $input) { created person { id } } }";

pub async fn thirty_two_clients_creating_one_person_leave_one_node(db: TestDb) {
    let servers = servers(&db).await;
    let clients = (0..32).map(|i| {
        let server = &servers[i % servers.len()];
        // Half name the person by QID under another spelling; all resolve to one.
        let name = if i % 2 == 0 { "Kaja Kallas" } else { "Kaja  KALLAS" };
        post(
            server,
            Some(EDITOR),
            CREATE,
            json!({ "input": { "name": name, "wikidataId": "Q3741406" } }),
        )
    });
    let answers = futures_util::future::join_all(clients).await;
    let mut ids = std::collections::BTreeSet::new();
    let mut created = 0;
    for (status, body) in &answers {
        assert_eq!(*status, 200, "{body}");
        assert!(body.get("errors").is_none(), "every client is answered: {body}");
        ids.insert(body["data"]["createPerson"]["person"]["id"].clone().to_string());
        created += usize::from(body["data"]["createPerson"]["created"] == true);
    }
    assert_eq!(ids.len(), 1, "one node: {ids:?}");
    assert_eq!(created, 1, "exactly one client created it");
    let data = servers[0].query("{ people { totalCount } }", json!({})).await;
    assert_eq!(data["people"]["totalCount"], 1);
}

/// A document of `n` statements by one of three speakers, overlapping the
/// documents of other clients in its people and in half of its statements.
fn document(client: usize) -> Value {
    let text = "Talks will continue. They will continue as many times as it takes. Nothing is agreed.";
    let sentences = [
        "Talks will continue.",
        "They will continue as many times as it takes.",
        "Nothing is agreed.",
    ];
    let mut statements = Vec::new();
    for (j, sentence) in sentences.iter().enumerate() {
        // Every client says the first two; the third is each client's own speaker.
        let speaker = if j < 2 { "peskov" } else { "own" };
        let start = text.find(sentence).expect("in the text");
        statements.push(json!({
            "key": format!("s{j}"), "kind": "direct_quote", "text": sentence, "speaker": speaker,
            "evidence": { "source": "talks", "start": start, "end": start + sentence.len(), "excerpt": sentence }
        }));
    }
    json!({
        "format": "newsgraph/1",
        "sources": [{ "key": "talks", "title": "Talks", "text": text }],
        "people": [
            { "key": "peskov", "name": "Dmitry Peskov", "wikidataId": "Q2602588" },
            { "key": "own", "name": format!("Reporter {}", client % 4) }
        ],
        "statements": statements
    })
}

pub async fn thirty_two_overlapping_imports_leave_no_duplicate(db: TestDb) {
    let servers = servers(&db).await;
    let import = "mutation($doc: JSON!) { importGraph(document: $doc) { records { kind added } } }";
    let clients = (0..32).map(|i| {
        let server = &servers[i % servers.len()];
        post(server, Some(EDITOR), import, json!({ "doc": document(i) }))
    });
    for (status, body) in futures_util::future::join_all(clients).await {
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "every import is accepted: {body}");
    }
    let data = servers[0]
        .query(
            "{ sources { totalCount } people { totalCount nodes { name statements { totalCount } } } statements { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(data["sources"]["totalCount"], 1, "{data}");
    // Peskov and four reporters.
    assert_eq!(data["people"]["totalCount"], 5, "{data}");
    // Peskov's two, and each reporter's one (the same span, said by another).
    assert_eq!(data["statements"]["totalCount"], 6, "{data}");
    for person in data["people"]["nodes"].as_array().expect("people") {
        let expected = if person["name"] == "Dmitry Peskov" { 2 } else { 1 };
        assert_eq!(person["statements"]["totalCount"], expected, "{person}");
    }
}
