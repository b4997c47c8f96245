//! Writes: `importGraph` behind write tokens, reads behind read tokens when
//! the operator sets them, and the write log.

use serde_json::{Value, json};

use crate::fixtures::span;
use crate::harness::TestDb;
use crate::server::{Server, newsgraph, run};

pub(crate) const EDITOR: &str = "editor-token-0123456789";
pub(crate) const READER: &str = "reader-token-0123456789";

/// A server with a write token `editor`, and a read token `reader` when asked.
pub(crate) async fn server(db: &TestDb, read_tokens: bool) -> Server {
    let mut cmd = newsgraph();
    cmd.envs(db.env())
        .env("NEWSGRAPH_NO_SEED", "1")
        .env("NEWSGRAPH_WRITE_TOKENS", format!("editor={EDITOR}"));
    if read_tokens {
        cmd.env("NEWSGRAPH_READ_TOKENS", format!("reader={READER}"));
    }
    Server::spawn(cmd).await
}

/// POSTs a request with an optional bearer token; returns status and body.
pub(crate) async fn post(
    server: &Server,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> (u16, Value) {
    let mut req = server
        .http()
        .post(format!("{}/graphql", server.base))
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    let res = req.send().await.expect("the request reached the server");
    (res.status().as_u16(), res.json().await.expect("a JSON body"))
}

const IMPORT: &str =
    "mutation($doc: JSON!) { importGraph(document: $doc) { records { kind added existing } } }";
const COUNT: &str = "{ people { totalCount } statements { totalCount } }";

/// A small document: a person and a statement of the seed article's.
fn document() -> Value {
    let excerpt = "as many times as it took";
    let (start, end) = span(excerpt);
    json!({
        "format": "newsgraph/1",
        "sources": [{ "key": "article", "title": "Peace talks stall", "text": crate::fixtures::ARTICLE }],
        "people": [{ "key": "peskov", "name": "Dmitry Peskov" }],
        "statements": [{
            "key": "times", "kind": "direct_quote", "text": excerpt, "speaker": "peskov",
            "evidence": { "source": "article", "start": start, "end": end, "excerpt": excerpt }
        }]
    })
}

async fn counts(server: &Server, token: Option<&str>) -> Value {
    let (status, body) = post(server, token, COUNT, json!({})).await;
    assert_eq!(status, 200, "{body}");
    body["data"].clone()
}

fn nothing() -> Value {
    json!({ "people": { "totalCount": 0 }, "statements": { "totalCount": 0 } })
}

pub async fn import_graph_with_a_write_token_writes_and_is_logged(db: TestDb) {
    let server = server(&db, false).await;
    let (status, body) = post(&server, Some(EDITOR), IMPORT, json!({ "doc": document() })).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(
        body["data"]["importGraph"]["records"],
        json!([
            { "kind": "SOURCE", "added": 1, "existing": 0 },
            { "kind": "PERSON", "added": 1, "existing": 0 },
            { "kind": "STATEMENT", "added": 1, "existing": 0 }
        ])
    );
    assert_eq!(
        counts(&server, None).await,
        json!({ "people": { "totalCount": 1 }, "statements": { "totalCount": 1 } })
    );
    // Again: everything is found, nothing added.
    let (_, body) = post(&server, Some(EDITOR), IMPORT, json!({ "doc": document() })).await;
    assert_eq!(
        body["data"]["importGraph"]["records"][1],
        json!({ "kind": "PERSON", "added": 0, "existing": 1 })
    );

    // The operator sees who wrote what, newest first; never the token.
    let mut cmd = newsgraph();
    cmd.envs(db.env()).arg("audit");
    let out = run(cmd).await;
    assert!(out.success, "{}", out.stderr);
    let lines: Vec<Vec<&str>> = out.stdout.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    assert_eq!(lines[0][1..3], ["editor", "importGraph"]);
    assert!(
        lines[0][3].contains("person 0 new, 1 already there"),
        "{}",
        out.stdout
    );
    assert!(
        lines[1][3].contains("person 1 new, 0 already there"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains(EDITOR));
}

pub async fn writes_without_a_write_token_are_refused_and_write_nothing(db: TestDb) {
    let server = server(&db, true).await;
    // No token at all: the read tokens make even reads need one.
    let (status, body) = post(&server, None, IMPORT, json!({ "doc": document() })).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    // A token the server does not know.
    let (status, body) = post(
        &server,
        Some("not-a-token-of-this-server"),
        IMPORT,
        json!({ "doc": document() }),
    )
    .await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    // A read token may read, not write.
    let (status, body) = post(&server, Some(READER), IMPORT, json!({ "doc": document() })).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN");
    assert_eq!(body["errors"][0]["path"], json!(["importGraph"]));
    assert_eq!(counts(&server, Some(READER)).await, nothing());
    assert_eq!(
        counts(&server, Some(EDITOR)).await,
        nothing(),
        "a write token reads too"
    );
}

pub async fn without_read_tokens_reads_are_public_but_writes_are_not(db: TestDb) {
    let server = server(&db, false).await;
    assert_eq!(counts(&server, None).await, nothing());
    let (status, body) = post(&server, None, IMPORT, json!({ "doc": document() })).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    assert_eq!(
        body["errors"][0]["message"],
        "writes need a write token: send `Authorization: Bearer <token>`"
    );
    assert_eq!(counts(&server, None).await, nothing());
}

pub async fn an_import_with_problems_says_where_and_writes_nothing(db: TestDb) {
    let server = server(&db, false).await;
    let mut doc = document();
    doc["statements"][0]["evidence"]["start"] = json!(0);
    doc["people"][0]["wikidataId"] = json!("Peskov");
    let (_, body) = post(&server, Some(EDITOR), IMPORT, json!({ "doc": doc })).await;
    let error = &body["errors"][0];
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{body}");
    let paths: Vec<&str> = error["extensions"]["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| p["path"].as_str().expect("a path"))
        .collect();
    assert_eq!(
        paths,
        [
            "document.people[0].wikidataId",
            "document.statements[0].evidence.excerpt"
        ],
        "{body}"
    );
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("document.people[0].wikidataId: "),
        "{body}"
    );
    assert_eq!(counts(&server, None).await, nothing());

    // A value of the wrong type is caught while reading, with its path.
    let mut doc = document();
    doc["statements"][0]["kind"] = json!("shouted");
    let (_, body) = post(&server, Some(EDITOR), IMPORT, json!({ "doc": doc })).await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{body}"
    );
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("document.statements[0].kind: "),
        "{body}"
    );
    assert_eq!(counts(&server, None).await, nothing());
}

pub async fn a_mutation_over_get_is_refused(db: TestDb) {
    let server = server(&db, false).await;
    let res = server
        .http()
        .get(format!("{}/graphql", server.base))
        .query(&[(
            "query",
            "mutation { importGraph(document: {}) { records { kind } } }",
        )])
        .bearer_auth(EDITOR)
        .send()
        .await
        .expect("GET /graphql");
    assert_eq!(res.status().as_u16(), 405);
    let body: Value = res.json().await.expect("a JSON body");
    assert_eq!(
        body["errors"][0]["message"],
        "mutations are sent with POST; GET only runs queries"
    );
    assert_eq!(counts(&server, None).await, nothing());
}

pub async fn a_malformed_token_setting_is_one_clear_line() {
    let mut cmd = newsgraph();
    cmd.env("NEWSGRAPH_WRITE_TOKENS", "editor=tooshort")
        .env("NEWSGRAPH_DATA_DIR", std::env::temp_dir())
        .args(["serve", "--addr", "127.0.0.1:0"]);
    let out = run(cmd).await;
    assert!(!out.success);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("NEWSGRAPH_WRITE_TOKENS"), "{}", out.stderr);
    assert!(out.stderr.contains("at least 16"), "{}", out.stderr);
    assert!(
        !out.stderr.contains("tooshort"),
        "the token leaked: {}",
        out.stderr
    );
}

/// A server over the seed graph with the write token `editor`.
pub(crate) async fn seeded(db: &TestDb) -> Server {
    if db.backend == crate::harness::Backend::Postgres {
        let out = crate::server::import(db, &[crate::server::SEED_FILE]).await;
        assert!(out.success, "{}", out.stderr);
    }
    let mut cmd = newsgraph();
    cmd.envs(db.env())
        .env("NEWSGRAPH_WRITE_TOKENS", format!("editor={EDITOR}"));
    Server::spawn(cmd).await
}

const UPDATE: &str = r#"mutation($id: ID!, $version: Int!, $input: EntityPatch!) {
    updateEntity(id: $id, version: $version, input: $input) { id name aliases description wikidataId version }
}"#;

const PESKOV: &str =
    r#"{ people(filter: { name: "Peskov" }) { nodes { id name aliases description wikidataId version } } }"#;

async fn peskov(server: &Server) -> Value {
    server.query(PESKOV, json!({})).await["people"]["nodes"][0].clone()
}

pub async fn update_entity_corrects_an_entity_and_bumps_its_version(db: TestDb) {
    let server = seeded(&db).await;
    let before = peskov(&server).await;
    assert_eq!(before["version"], 1);
    let input = json!({
        "name": "Dmitry Sergeyevich Peskov",
        "description": "Press secretary of the President of Russia",
        "wikidataId": "Q2602588",
        "addAliases": ["Peskov, Dmitry"],
        "removeAliases": ["Dmitriy Peskov"]
    });
    let (status, body) = post(
        &server,
        Some(EDITOR),
        UPDATE,
        json!({ "id": before["id"], "version": 1, "input": input }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let after = body["data"]["updateEntity"].clone();
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(after["name"], "Dmitry Sergeyevich Peskov");
    assert_eq!(after["version"], 2);
    assert_eq!(after["wikidataId"], "Q2602588");
    assert_eq!(
        after["aliases"],
        json!(["Dmitri Peskov", "Peskov", "Peskov, Dmitry", "Dmitry Peskov"]),
        "the old name stays as an alias; the removed one is gone"
    );
    // Readers see the change, and find the entity by its old name too.
    assert_eq!(peskov(&server).await, after);
    let found = server
        .query(
            r#"{ people(filter: { name: "dmitry sergeyevich" }) { nodes { version } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(found["people"]["nodes"], json!([{ "version": 2 }]));
    let by_old_name = server
        .query(
            r#"{ people(filter: { name: "Dmitry Peskov" }) { nodes { name version } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        by_old_name["people"]["nodes"],
        json!([{ "name": "Dmitry Sergeyevich Peskov", "version": 2 }])
    );

    // Clearing with null.
    let (_, body) = post(
        &server,
        Some(EDITOR),
        UPDATE,
        json!({ "id": before["id"], "version": 2, "input": { "description": null } }),
    )
    .await;
    assert_eq!(body["data"]["updateEntity"]["description"], Value::Null, "{body}");
    assert_eq!(body["data"]["updateEntity"]["version"], 3);

    let mut cmd = newsgraph();
    cmd.envs(db.env()).args(["audit", "--actor", "editor"]);
    let out = run(cmd).await;
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    assert!(
        lines[0].contains("\teditor\tupdateEntity\t") && lines[0].contains("to version 3: description"),
        "{}",
        out.stdout
    );
    assert!(
        lines[1].contains("to version 2: name, description, wikidataId, aliases"),
        "{}",
        out.stdout
    );
}

pub async fn a_stale_version_is_a_conflict_and_changes_nothing(db: TestDb) {
    let server = seeded(&db).await;
    let before = peskov(&server).await;
    let id = before["id"].clone();
    // Two editors start from version 1 at once: one wins, one is refused.
    let one = post(
        &server,
        Some(EDITOR),
        UPDATE,
        json!({ "id": id, "version": 1, "input": { "description": "one" } }),
    );
    let two = post(
        &server,
        Some(EDITOR),
        UPDATE,
        json!({ "id": id, "version": 1, "input": { "description": "two" } }),
    );
    let ((_, a), (_, b)) = tokio::join!(one, two);
    let codes: Vec<Value> = [&a, &b]
        .iter()
        .map(|r| r["errors"][0]["extensions"]["code"].clone())
        .collect();
    let conflicts = codes.iter().filter(|c| **c == "CONFLICT").count();
    assert_eq!(
        conflicts, 1,
        "exactly one of two updates of version 1 wins: {a} {b}"
    );
    let winner = if codes[0] == "CONFLICT" { &b } else { &a };
    let now = peskov(&server).await;
    assert_eq!(now["version"], 2);
    assert_eq!(now["description"], winner["data"]["updateEntity"]["description"]);

    // A later update still based on version 1 is refused and writes nothing.
    let (_, body) = post(
        &server,
        Some(EDITOR),
        UPDATE,
        json!({ "id": id, "version": 1, "input": { "name": "X" } }),
    )
    .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "CONFLICT", "{body}");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("version 2 now"),
        "{body}"
    );
    assert_eq!(peskov(&server).await, now);
}

pub async fn update_entity_refuses_bad_input_unknown_ids_and_taken_qids(db: TestDb) {
    let server = seeded(&db).await;
    let before = peskov(&server).await;
    let id = before["id"].clone();
    let refused = |input: Value, id: Value| {
        let server = &server;
        async move {
            let (_, body) = post(
                server,
                Some(EDITOR),
                UPDATE,
                json!({ "id": id, "version": 1, "input": input }),
            )
            .await;
            body["errors"][0].clone()
        }
    };
    let error = refused(
        json!({ "name": " -- ", "wikidataId": "Peskov", "addAliases": ["ok", ""] }),
        id.clone(),
    )
    .await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{error}");
    let paths: Vec<&str> = error["extensions"]["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| p["path"].as_str().expect("path"))
        .collect();
    assert_eq!(paths, ["input.name", "input.wikidataId", "input.addAliases[1]"]);

    // Putin's QID is taken.
    let error = refused(json!({ "wikidataId": "Q7747" }), id.clone()).await;
    assert_eq!(error["extensions"]["code"], "CONFLICT", "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .contains("Vladimir Putin"),
        "{error}"
    );

    let unknown = base64_id("Person:999999");
    assert_eq!(
        refused(json!({ "name": "Y" }), json!(unknown)).await["extensions"]["code"],
        "NOT_FOUND"
    );
    let statement = base64_id("Statement:1");
    let error = refused(json!({ "name": "Y" }), json!(statement)).await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(
        error["message"],
        "`id` takes the ID of a Person or Organisation or Place, not of a Statement"
    );
    let (status, body) = post(
        &server,
        None,
        UPDATE,
        json!({ "id": id, "version": 1, "input": { "name": "Y" } }),
    )
    .await;
    assert_eq!(
        (status, body["errors"][0]["extensions"]["code"].clone()),
        (200, json!("UNAUTHENTICATED"))
    );

    assert_eq!(peskov(&server).await, before, "nothing was written");
}

pub(crate) fn base64_id(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

const MERGE: &str = r#"mutation($keep: ID!, $remove: ID!) {
    mergeEntities(keep: $keep, remove: $remove) { id name aliases wikidataId version }
}"#;

pub async fn merging_moves_every_fact_and_alias_and_the_old_id_leads_to_the_kept_one(db: TestDb) {
    let server = seeded(&db).await;
    // The same man, imported again under a spelling import could not match.
    let quote = "as many times as it took";
    let (start, end) = span(quote);
    let role_excerpt = "Kremlin spokesman Dmitry Peskov";
    let (role_start, role_end) = span(role_excerpt);
    let source = "ukraine-peace-talks-2025-12-03";
    let doc = json!({
        "format": "newsgraph/1",
        "people": [{ "key": "dup", "name": "D. S. Peskov", "wikidataId": "Q2602588" }],
        "organisations": [{ "key": "kremlin", "name": "Kremlin", "kind": "government" }],
        "roles": [{
            "key": "r", "person": "dup", "organisation": "kremlin", "title": "spokesman",
            "evidence": { "source": source, "start": role_start, "end": role_end, "excerpt": role_excerpt }
        }],
        "statements": [{
            "key": "again", "kind": "paraphrase", "text": "Moscow will keep meeting the Americans.",
            "speaker": "dup", "speakerRole": "r",
            "evidence": { "source": source, "start": start, "end": end, "excerpt": quote }
        }]
    });
    let (_, body) = post(&server, Some(EDITOR), IMPORT, json!({ "doc": doc })).await;
    assert!(body.get("errors").is_none(), "{body}");
    let dup = server
        .query(
            r#"{ people(filter: { name: "D. S. Peskov" }) { nodes { id } } }"#,
            json!({}),
        )
        .await["people"]["nodes"][0]["id"]
        .clone();
    let peskov = peskov(&server).await;
    let people_before =
        server.query("{ people { totalCount } }", json!({})).await["people"]["totalCount"].clone();

    let (_, body) = post(
        &server,
        Some(EDITOR),
        MERGE,
        json!({ "keep": peskov["id"], "remove": dup }),
    )
    .await;
    assert!(body.get("errors").is_none(), "{body}");
    let merged = &body["data"]["mergeEntities"];
    assert_eq!(merged["id"], peskov["id"]);
    assert_eq!(merged["version"], 2);
    assert_eq!(
        merged["wikidataId"], "Q2602588",
        "the QID moved to the kept entity"
    );
    assert!(
        merged["aliases"]
            .as_array()
            .expect("aliases")
            .contains(&json!("D. S. Peskov")),
        "{merged}"
    );

    let after = server
        .query(
            r#"query($id: ID!) { node(id: $id) { ... on Person { id roles { nodes { id title } } statements(first: 100) { totalCount nodes { text speakerRole { id } } } } } }"#,
            json!({ "id": peskov["id"] }),
        )
        .await["node"]
        .clone();
    assert_eq!(after["statements"]["totalCount"], 6, "{after}");
    let roles = after["roles"]["nodes"].as_array().expect("roles").clone();
    assert_eq!(roles.len(), 1, "the duplicate role was absorbed: {after}");
    let said = after["statements"]["nodes"]
        .as_array()
        .expect("statements")
        .iter()
        .find(|s| s["text"] == "Moscow will keep meeting the Americans.")
        .expect("the moved statement")
        .clone();
    assert_eq!(
        said["speakerRole"]["id"], roles[0]["id"],
        "its role is the kept one"
    );

    // The removed ID leads to the kept entity; the removed one is gone from lists.
    let node = server
        .query("query($id: ID!) { node(id: $id) { id } }", json!({ "id": dup }))
        .await;
    assert_eq!(node["node"]["id"], peskov["id"]);
    let people_after =
        server.query("{ people { totalCount } }", json!({})).await["people"]["totalCount"].clone();
    assert_eq!(people_after.as_i64(), people_before.as_i64().map(|n| n - 1));
}

pub async fn a_merge_that_cannot_be_done_is_refused_and_changes_nothing(db: TestDb) {
    let server = seeded(&db).await;
    let before = peskov(&server).await;
    let kremlin = server.query(r#"{ organisations(filter: { name: "Kremlin" }, orderBy: { field: NAME }, first: 1) { nodes { id } } }"#, json!({})).await
        ["organisations"]["nodes"][0]["id"]
        .clone();
    let refused = |keep: Value, remove: Value| {
        let server = &server;
        async move {
            let (_, body) = post(
                server,
                Some(EDITOR),
                MERGE,
                json!({ "keep": keep, "remove": remove }),
            )
            .await;
            body["errors"][0].clone()
        }
    };
    let error = refused(before["id"].clone(), kremlin.clone()).await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(
        error["message"],
        "`keep` is a person and `remove` an organisation: only entities of one kind merge"
    );
    let error = refused(before["id"].clone(), before["id"].clone()).await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    let error = refused(before["id"].clone(), json!(base64_id("Person:999999"))).await;
    assert_eq!(error["extensions"]["code"], "NOT_FOUND");
    assert_eq!(error["message"], "no entity has the ID given in `remove`");
    let (status, body) = post(
        &server,
        None,
        MERGE,
        json!({ "keep": before["id"], "remove": kremlin }),
    )
    .await;
    assert_eq!(
        (status, body["errors"][0]["extensions"]["code"].clone()),
        (200, json!("UNAUTHENTICATED"))
    );
    assert_eq!(peskov(&server).await, before, "nothing was written");
}

const DELETE: &str = "mutation($id: ID!, $version: Int!) { deleteNode(id: $id, version: $version) }";

pub async fn delete_node_retracts_facts_and_removes_only_what_nothing_refers_to(db: TestDb) {
    let server = seeded(&db).await;
    let counts = || async {
        server
            .query("{ statements { totalCount } people { totalCount } }", json!({}))
            .await
    };
    let before = counts().await;
    let statement = server
        .query(
            "{ statements(first: 1) { nodes { id version about { issue { id } } mentions { id } } } }",
            json!({}),
        )
        .await["statements"]["nodes"][0]
        .clone();
    let issue = statement["about"][0]["issue"]["id"].clone();
    let mentioned = statement["mentions"][0]["id"].clone();
    assert!(
        issue.is_string() && mentioned.is_string(),
        "a statement with links: {statement}"
    );
    // Whether the statement's issue and the entity it mentions list it.
    let linked = || async {
        let data = server
            .query(
                "query($issue: ID!, $mentioned: ID!) {
                    issue: node(id: $issue) { ... on Issue { statements(first: 100) { nodes { id } } } }
                    mentioned: node(id: $mentioned) { ... on Person { mentionedIn(first: 100) { nodes { id } } } ... on Organisation { mentionedIn(first: 100) { nodes { id } } } ... on Place { mentionedIn(first: 100) { nodes { id } } } }
                }",
                json!({ "issue": issue, "mentioned": mentioned }),
            )
            .await;
        let has = |list: &Value| {
            list["nodes"]
                .as_array()
                .expect("nodes")
                .iter()
                .any(|n| n["id"] == statement["id"])
        };
        (
            has(&data["issue"]["statements"]),
            has(&data["mentioned"]["mentionedIn"]),
        )
    };
    assert_eq!(linked().await, (true, true));

    // A stale version is refused.
    let (_, body) = post(
        &server,
        Some(EDITOR),
        DELETE,
        json!({ "id": statement["id"], "version": 7 }),
    )
    .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "CONFLICT", "{body}");
    assert_eq!(counts().await, before);

    // Retracting a statement takes its links with it.
    let (_, body) = post(
        &server,
        Some(EDITOR),
        DELETE,
        json!({ "id": statement["id"], "version": 1 }),
    )
    .await;
    assert_eq!(body["data"]["deleteNode"], statement["id"], "{body}");
    let node = server
        .query(
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": statement["id"] }),
        )
        .await;
    assert_eq!(node["node"], Value::Null);
    assert_eq!(
        linked().await,
        (false, false),
        "the issue and the mention let go of it"
    );
    let after = counts().await;
    assert_eq!(
        after["statements"]["totalCount"].as_i64(),
        before["statements"]["totalCount"].as_i64().map(|n| n - 1)
    );
    let (_, body) = post(
        &server,
        Some(EDITOR),
        DELETE,
        json!({ "id": statement["id"], "version": 1 }),
    )
    .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "NOT_FOUND", "{body}");

    // Peskov is still the speaker of statements: refused, nothing changes.
    let peskov = peskov(&server).await;
    let (_, body) = post(
        &server,
        Some(EDITOR),
        DELETE,
        json!({ "id": peskov["id"], "version": 1 }),
    )
    .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "CONFLICT", "{body}");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("the Person is still referred to"),
        "{body}"
    );
    assert_eq!(counts().await, after);

    // A person nothing refers to goes.
    let doc = json!({ "format": "newsgraph/1", "people": [{ "key": "x", "name": "Nobody In Particular" }] });
    let (_, body) = post(&server, Some(EDITOR), IMPORT, json!({ "doc": doc })).await;
    assert!(body.get("errors").is_none(), "{body}");
    let nobody = server
        .query(
            r#"{ people(filter: { name: "Nobody In Particular" }) { nodes { id } } }"#,
            json!({}),
        )
        .await["people"]["nodes"][0]["id"]
        .clone();
    let (_, body) = post(
        &server,
        Some(EDITOR),
        DELETE,
        json!({ "id": nobody, "version": 1 }),
    )
    .await;
    assert_eq!(body["data"]["deleteNode"], nobody, "{body}");
    assert_eq!(counts().await, after);

    let (_, body) = post(&server, None, DELETE, json!({ "id": peskov["id"], "version": 1 })).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
}
