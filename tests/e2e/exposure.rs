//! What production shows of itself, and the limits on a document as a
//! whole: validation messages that name only what the query spelled,
//! trusted documents, metrics that stay private and bounded, deep queries
//! and fragment cycles, the complexity of a batch, and names that hide
//! control characters.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::harness::TestDb;
use crate::server::{Server, newsgraph};
use crate::writes::EDITOR;

fn code(error: &Value) -> &str {
    error["extensions"]["code"].as_str().unwrap_or_default()
}

fn message(error: &Value) -> &str {
    error["message"].as_str().unwrap_or_default()
}

/// A server on a database the test's first server seeded.
async fn again(db: &TestDb, env: &[(&str, &str)]) -> Server {
    let mut cmd = newsgraph();
    cmd.envs(db.env()).envs(env.iter().copied());
    Server::spawn(cmd).await
}

/// What the server answers a subscription over WebSocket first.
async fn subscribe(server: &Server, query: &str) -> Value {
    use crate::subscriptions::{connect, next, send};
    let (mut socket, ack) = connect(server, json!({})).await;
    assert_eq!(ack["type"], "connection_ack", "{ack}");
    send(
        &mut socket,
        json!({ "id": "1", "type": "subscribe", "payload": { "query": query } }),
    )
    .await;
    next(&mut socket).await
}

/// The quoted words of a message.
fn quoted(message: &str) -> Vec<&str> {
    message.split('"').skip(1).step_by(2).collect()
}

pub async fn production_validation_messages_name_only_what_the_query_spelled(db: TestDb) {
    let dev = Server::start_seeded(&db).await;
    // In development the messages stay as async-graphql writes them.
    let error = dev.query_error("{ people }", json!({})).await;
    assert!(message(&error).contains("PersonConnection"), "{error}");
    drop(dev);

    let prod = again(&db, &[("NEWSGRAPH_ENV", "production")]).await;
    let error = prod.query_error("{ people }", json!({})).await;
    assert_eq!(
        error,
        json!({
            "message": "Field \"people\" must have a selection of subfields",
            "locations": [{ "line": 1, "column": 3 }],
            "extensions": { "code": "GRAPHQL_VALIDATION_FAILED" }
        })
    );
    let error = prod
        .query_error(r#"{ people(filter: { zzz: "x" }) { totalCount } }"#, json!({}))
        .await;
    assert_eq!(
        message(&error),
        r#"Invalid value for argument "filter", unknown field "zzz""#,
        "{error}"
    );
    let answer = subscribe(&prod, "subscription { statementAdded }").await;
    assert!(
        answer
            .to_string()
            .contains(r#"Field \"statementAdded\" must have a selection of subfields"#),
        "{answer}"
    );
    let error = prod.query_error("{ zzz }", json!({})).await;
    assert_eq!(message(&error), r#"Unknown field "zzz"."#, "{error}");
    let error = prod.query_error("{ node { __typename } }", json!({})).await;
    assert_eq!(
        message(&error),
        r#"Field "node": an argument is required but not provided"#,
        "{error}"
    );
    // Whatever the probe, every name a message quotes is one the request spelled.
    let probes = [
        ("{ people { nodes { name { x } } } }", json!({})),
        ("{ people(first: \"x\") { totalCount } }", json!({})),
        (
            "{ statements(filter: { stance: MAYBE }) { totalCount } }",
            json!({}),
        ),
        (
            "{ statements(filter: { saidFrom: 3 }) { totalCount } }",
            json!({}),
        ),
        ("{ people { nodes { ... on Issue { id } } } }", json!({})),
        (
            "{ people { nodes { statements(zzz: 1) { totalCount } } } }",
            json!({}),
        ),
        ("{ people { totalCount(x: 1) } }", json!({})),
        (
            "query($f: EntityFilter) { people(filter: $f) { totalCount } }",
            json!({ "f": { "qqq": 1 } }),
        ),
        ("{ node(id: 5) { id } }", json!({})),
        ("{ search { totalCount } }", json!({})),
    ];
    for (query, variables) in probes {
        let (_, body) = prod.post(query, variables.clone()).await;
        let errors = body["errors"]
            .as_array()
            .unwrap_or_else(|| panic!("errors for {query}: {body}"));
        for error in errors {
            let variables = variables.to_string();
            for name in quoted(message(error)) {
                let name = name.trim_start_matches('$').trim_end_matches('!');
                for part in name.split('.') {
                    assert!(
                        query.contains(part)
                            || variables.contains(part)
                            || ["Int", "String", "ID"].contains(&part),
                        "{query}: the message names \"{name}\": {error}"
                    );
                }
            }
            assert!(
                !error["locations"].is_null() || !error["path"].is_null(),
                "{error}"
            );
        }
    }
}

const PEOPLE: &str = "query People { people { totalCount } }";
const ISSUES: &str = "query Issues { issues { totalCount } }";

fn sha256(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

/// POSTs a JSON body to `/graphql`; the status and the JSON answer.
async fn post_body(server: &Server, body: Value) -> (u16, Value) {
    let res = server
        .http()
        .post(format!("{}/graphql", server.base))
        .json(&body)
        .send()
        .await
        .expect("sent");
    (res.status().as_u16(), res.json().await.expect("JSON"))
}

pub async fn trusted_documents_run_by_id_and_every_other_document_is_refused(db: TestDb) {
    // Relay's and GraphQL Code Generator's manifest: documents by id.
    let relay = db.dir.join("persisted-documents.json");
    std::fs::write(&relay, json!({ "q1": PEOPLE, "q2": ISSUES }).to_string()).expect("written");
    let relay = relay.display().to_string();
    let server = Server::start_seeded_with(
        &db,
        &[
            ("NEWSGRAPH_ENV", "production"),
            ("NEWSGRAPH_TRUSTED_DOCUMENTS", &relay),
        ],
    )
    .await;
    let people = json!({ "people": { "totalCount": 9 } });
    for request in [
        json!({ "documentId": "q1" }),
        json!({ "doc_id": "q1" }),
        json!({ "documentId": format!("sha256:{}", sha256(PEOPLE)) }),
        json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": sha256(PEOPLE) } } }),
        // The text of a trusted document is that document.
        json!({ "query": PEOPLE }),
    ] {
        let (status, body) = post_body(&server, request.clone()).await;
        assert_eq!((status, &body["data"]), (200, &people), "{request}: {body}");
    }
    let res = server
        .http()
        .get(format!("{}/graphql?documentId=q2", server.base))
        .send()
        .await
        .expect("sent");
    let body: Value = res.json().await.expect("JSON");
    assert_eq!(body["data"]["issues"]["totalCount"], 13, "{body}");
    let (_, body) = post_body(&server, json!([{ "documentId": "q1" }, { "doc_id": "q2" }])).await;
    assert_eq!(body[0]["data"], people, "{body}");
    assert_eq!(body[1]["data"]["issues"]["totalCount"], 13, "{body}");

    // Anything else is refused before it runs.
    let (_, body) = post_body(&server, json!({ "documentId": "q3" })).await;
    assert_eq!(code(&body["errors"][0]), "PERSISTED_QUERY_NOT_FOUND", "{body}");
    assert!(message(&body["errors"][0]).contains("\"q3\""), "{body}");
    assert!(body.get("data").is_none(), "{body}");
    let (_, body) = post_body(&server, json!({ "query": "{ people { totalCount } }" })).await;
    assert_eq!(code(&body["errors"][0]), "TRUSTED_DOCUMENT_REQUIRED", "{body}");
    assert!(body.get("data").is_none(), "{body}");
    let res = server
        .http()
        .get(format!("{}/graphql?query=%7B__typename%7D", server.base))
        .header("accept", "application/graphql-response+json")
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.expect("JSON");
    assert_eq!(code(&body["errors"][0]), "TRUSTED_DOCUMENT_REQUIRED", "{body}");
    let (_, body) = post_body(
        &server,
        json!([{ "documentId": "q1" }, { "query": "{ __typename }" }]),
    )
    .await;
    assert_eq!(body[0]["data"], people, "{body}");
    assert_eq!(code(&body[1]["errors"][0]), "TRUSTED_DOCUMENT_REQUIRED", "{body}");
    // Subscriptions too.
    let answer = subscribe(&server, "subscription { statementAdded { text } }").await;
    assert!(
        answer.to_string().contains("TRUSTED_DOCUMENT_REQUIRED"),
        "{answer}"
    );
    // Over WebSocket a document is named by id as over HTTP; an unknown id
    // is refused for that operation alone, and the connection goes on.
    {
        use crate::subscriptions::{connect, next, send};
        let (mut socket, ack) = connect(&server, json!({})).await;
        assert_eq!(ack["type"], "connection_ack", "{ack}");
        let by_id = |id: &str, document: &str| json!({ "id": id, "type": "subscribe", "payload": { "documentId": document } });
        send(&mut socket, by_id("a", "nope")).await;
        let refused = next(&mut socket).await;
        assert_eq!(
            (&refused["type"], &refused["id"]),
            (&json!("error"), &json!("a")),
            "{refused}"
        );
        assert_eq!(
            code(&refused["payload"][0]),
            "PERSISTED_QUERY_NOT_FOUND",
            "{refused}"
        );
        assert!(message(&refused["payload"][0]).contains("\"nope\""), "{refused}");
        send(&mut socket, by_id("b", "q1")).await;
        let answer = next(&mut socket).await;
        assert_eq!(
            (&answer["type"], &answer["id"]),
            (&json!("next"), &json!("b")),
            "{answer}"
        );
        assert_eq!(answer["payload"]["data"], people, "{answer}");
    }
    drop(server);

    // Apollo's manifest, with the ids its clients send.
    let apollo = db.dir.join("persisted-query-manifest.json");
    let manifest = json!({
        "format": "apollo-persisted-query-manifest",
        "version": 1,
        "operations": [{ "id": sha256(ISSUES), "name": "Issues", "type": "query", "body": ISSUES }]
    });
    std::fs::write(&apollo, manifest.to_string()).expect("written");
    let apollo = apollo.display().to_string();
    let server = again(&db, &[("NEWSGRAPH_TRUSTED_DOCUMENTS", &apollo)]).await;
    let (_, body) = post_body(
        &server,
        json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": sha256(ISSUES) } } }),
    )
    .await;
    assert_eq!(body["data"]["issues"]["totalCount"], 13, "{body}");
    let (_, body) = post_body(&server, json!({ "documentId": "q1" })).await;
    assert_eq!(code(&body["errors"][0]), "PERSISTED_QUERY_NOT_FOUND", "{body}");
}

pub async fn a_malformed_manifest_stops_the_server_with_one_line() {
    let dir = tempfile::tempdir().expect("a folder");
    for (content, problem) in [
        (
            "{ \"q1\": ",
            "not a JSON manifest of persisted documents: EOF while parsing",
        ),
        (r#"{ "q1": "{ people " }"#, "the document \"q1\" is not GraphQL: "),
        (r#"{ "q1": 1 }"#, "\"q1\": a document must be a string of GraphQL"),
        (
            r#"{ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [{ "id": "x" }] }"#,
            "not an Apollo persisted query manifest: missing field `body`",
        ),
    ] {
        let path = dir.path().join("manifest.json");
        std::fs::write(&path, content).expect("written");
        let mut cmd = newsgraph();
        cmd.env("NEWSGRAPH_TRUSTED_DOCUMENTS", &path)
            .env("NEWSGRAPH_DATA_DIR", dir.path())
            .args(["serve", "--addr", "127.0.0.1:0"]);
        let out = crate::server::run(cmd).await;
        assert!(!out.success, "{content}");
        let line = out.stderr.trim();
        assert_eq!(line.lines().count(), 1, "{line}");
        let expected = format!(
            "newsgraph: error: NEWSGRAPH_TRUSTED_DOCUMENTS: {}: {problem}",
            path.display()
        );
        assert!(line.starts_with(&expected), "{line}\nexpected: {expected}");
        assert!(!dir.path().join("newsgraph.db").exists(), "nothing was started");
    }
}

/// The `/metrics` text of a server, fetched with an optional bearer token.
pub(crate) async fn metrics(base: &str, token: Option<&str>) -> (u16, String) {
    let mut req = reqwest::Client::new().get(format!("{base}/metrics"));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    let res = req.send().await.expect("sent");
    (res.status().as_u16(), res.text().await.expect("text"))
}

pub async fn metrics_label_only_operations_the_document_defines_up_to_the_cap(db: TestDb) {
    let server = Server::start_seeded_with(&db, &[("NEWSGRAPH_MAX_OPERATION_LABELS", "5")]).await;
    // Names the document does not define make no series.
    for i in 0..40 {
        let body = json!({ "query": "{ people { totalCount } }", "operationName": format!("Made{i}") });
        post_body(&server, body).await;
    }
    for i in 0..8 {
        let body = json!({
            "query": format!("query Op{i} {{ __typename }} query Spare {{ __typename }}"),
            "operationName": format!("Op{i}")
        });
        let (status, body) = post_body(&server, body).await;
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "{body}");
    }
    // With no name, the document's only operation names itself (here past the cap).
    post_body(&server, json!({ "query": PEOPLE })).await;
    post_body(&server, json!({ "query": "{ __typename }" })).await;

    let (_, text) = metrics(&server.base, None).await;
    let series: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("newsgraph_requests_total{"))
        .collect();
    let labels: std::collections::BTreeSet<&str> = series
        .iter()
        .filter_map(|l| l.split("operation=\"").nth(1)?.split('"').next())
        .collect();
    assert_eq!(
        labels.into_iter().collect::<Vec<_>>(),
        ["Op0", "Op1", "Op2", "Op3", "Op4", "anonymous", "other"],
        "{text}"
    );
    let count = |series: &str| crate::operations::sample(&text, series);
    assert_eq!(
        count(r#"newsgraph_requests_total{operation="other",outcome="OPERATION_RESOLUTION_FAILURE"}"#),
        Some(40.0),
        "{text}"
    );
    assert_eq!(
        count(r#"newsgraph_requests_total{operation="other",outcome="ok"}"#),
        Some(4.0),
        "{text}"
    );
}

pub async fn production_keeps_metrics_private_unless_the_operator_says_how(db: TestDb) {
    const TOKEN: &str = "metrics-token-0123456789";
    let server = Server::start_seeded_with(&db, &[("NEWSGRAPH_ENV", "production")]).await;
    assert_eq!(metrics(&server.base, None).await.0, 404);
    drop(server);

    let server = again(
        &db,
        &[
            ("NEWSGRAPH_ENV", "production"),
            ("NEWSGRAPH_METRICS_TOKEN", TOKEN),
        ],
    )
    .await;
    let res = server
        .http()
        .get(format!("{}/metrics", server.base))
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
    assert_eq!(
        metrics(&server.base, Some("metrics-token-9876543210")).await.0,
        401
    );
    let (status, text) = metrics(&server.base, Some(TOKEN)).await;
    assert_eq!(status, 200);
    assert!(text.contains("newsgraph_db_connections"), "{text}");
    drop(server);

    // Its own address: the main one has no `/metrics`, the other nothing else.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let addr = format!("127.0.0.1:{port}");
    let server = again(
        &db,
        &[("NEWSGRAPH_ENV", "production"), ("NEWSGRAPH_METRICS_ADDR", &addr)],
    )
    .await;
    server.query("{ people { totalCount } }", json!({})).await;
    assert_eq!(metrics(&server.base, None).await.0, 404);
    let (status, text) = metrics(&format!("http://{addr}"), None).await;
    assert_eq!(status, 200);
    assert!(text.contains("newsgraph_requests_total"), "{text}");
    let res = reqwest::Client::new()
        .post(format!("http://{addr}/graphql"))
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), 404);
}

pub async fn deep_selections_and_fragment_cycles_are_query_too_deep(db: TestDb) {
    let server = Server::start(&db).await;
    let nest = |levels: usize| format!("{}x{}", "{ a ".repeat(levels), " }".repeat(levels));
    // Deeper than the schema's guard (32), and than the parser's (64).
    for levels in [40, 80] {
        let error = server.query_error(&nest(levels), json!({})).await;
        assert_eq!(code(&error), "QUERY_TOO_DEEP", "{levels}: {error}");
        assert!(
            message(&error).contains("deeper than the server allows"),
            "{error}"
        );
    }
    let error = server
        .query_error(
            "{ ...A } fragment A on Query { ...B } fragment B on Query { __typename ...A }",
            json!({}),
        )
        .await;
    assert_eq!(code(&error), "QUERY_TOO_DEEP", "{error}");
    assert!(
        message(&error).ends_with("spreads itself, directly or through other fragments"),
        "{error}"
    );
    assert_eq!(
        server.query("{ __typename }", json!({})).await["__typename"],
        "Query"
    );
}

pub async fn a_batch_may_cost_no_more_than_one_operation_may(db: TestDb) {
    let mut cmd = newsgraph();
    cmd.envs(db.env())
        .env("NEWSGRAPH_NO_SEED", "1")
        .env("NEWSGRAPH_WRITE_TOKENS", format!("editor={EDITOR}"))
        .env("NEWSGRAPH_MAX_COMPLEXITY", "1000");
    let server = Server::spawn(cmd).await;
    let heavy = json!({ "query": "{ people(first: 100) { nodes { id name } } }" });
    let create =
        json!({ "query": "mutation { createPerson(input: { name: \"Ann Example\" }) { created } }" });
    let send = |body: Value| {
        server
            .http()
            .post(format!("{}/graphql", server.base))
            .bearer_auth(EDITOR)
            .json(&body)
            .send()
    };
    // Alone, each fits.
    let body: Value = send(heavy.clone())
        .await
        .expect("sent")
        .json()
        .await
        .expect("JSON");
    assert!(body.get("errors").is_none(), "{body}");
    // Together they do not: the batch is refused whole, and nothing in it runs.
    let res = send(json!([
        create.clone(),
        heavy.clone(),
        heavy.clone(),
        heavy.clone(),
        heavy.clone()
    ]))
    .await
    .expect("sent");
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.expect("JSON");
    assert_eq!(code(&body["errors"][0]), "QUERY_TOO_COMPLEX", "{body}");
    assert!(
        message(&body["errors"][0]).contains("the limit of 1000"),
        "{body}"
    );
    let data = server.query("{ people { totalCount } }", json!({})).await;
    assert_eq!(data["people"]["totalCount"], 0, "the batch wrote nothing");
    // A batch within the limit runs.
    let body: Value = send(json!([create, { "query": "{ people { totalCount } }" }]))
        .await
        .expect("sent")
        .json()
        .await
        .expect("JSON");
    assert_eq!(body[0]["data"]["createPerson"]["created"], true, "{body}");
    assert_eq!(body[1]["data"]["people"]["totalCount"], 1, "{body}");
}

pub async fn names_with_control_characters_are_refused_with_their_path(db: TestDb) {
    let server = crate::writes::server(&db, false).await;
    let document = json!({
        "format": "newsgraph/1",
        "people": [{ "key": "p", "name": "Dmitry\u{0}Peskov", "aliases": ["Peskov", "D.\u{7}Peskov"] }],
        "organisations": [{ "key": "o", "name": "Kremlin\u{1b}[2J", "kind": "government" }]
    });
    let (_, body) = crate::writes::post(
        &server,
        Some(EDITOR),
        "mutation($doc: JSON!) { importGraph(document: $doc) { records { kind added } } }",
        json!({ "doc": document }),
    )
    .await;
    let error = &body["errors"][0];
    assert_eq!(code(error), "BAD_USER_INPUT", "{body}");
    let problems: Vec<(&str, &str)> = error["extensions"]["problems"]
        .as_array()
        .unwrap_or_else(|| panic!("problems in {body}"))
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap_or_default(),
                p["message"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        problems,
        [
            (
                "document.organisations[0].name",
                "a name must not contain control characters; U+001B is at character 7"
            ),
            (
                "document.people[0].name",
                "a name must not contain control characters; U+0000 is at character 6"
            ),
            (
                "document.people[0].aliases[1]",
                "a name must not contain control characters; U+0007 is at character 2"
            ),
        ],
        "{body}"
    );
    let (_, body) = crate::writes::post(
        &server,
        Some(EDITOR),
        "mutation { createPerson(input: { name: \"Ann\\u0000\" }) { created } }",
        json!({}),
    )
    .await;
    assert_eq!(code(&body["errors"][0]), "BAD_USER_INPUT", "{body}");
    assert!(
        message(&body["errors"][0]).contains("control characters"),
        "{body}"
    );
    let data = server
        .query(
            "{ people { totalCount } organisations { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(
        data,
        json!({ "people": { "totalCount": 0 }, "organisations": { "totalCount": 0 } })
    );
}
