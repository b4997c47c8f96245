//! Operations: health and readiness probes, Prometheus metrics, and the
//! request log.

use serde_json::{Value, json};

use crate::harness::TestDb;
use crate::server::Server;
use crate::writes::EDITOR;

pub async fn health_and_ready_answer_while_the_database_does(db: TestDb) {
    let server = Server::start(&db).await;
    for (path, body) in [
        ("/health", json!({ "status": "ok" })),
        ("/ready", json!({ "status": "ready", "database": "up" })),
    ] {
        let res = server
            .http()
            .get(format!("{}{path}", server.base))
            .send()
            .await
            .expect("sent");
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.json::<Value>().await.expect("JSON"), body, "{path}");
    }
}

/// The value of one sample line of the metrics text, e.g.
/// `newsgraph_errors_total{code="BAD_USER_INPUT"}`.
pub(crate) fn sample(metrics: &str, series: &str) -> Option<f64> {
    metrics
        .lines()
        .find_map(|line| line.strip_prefix(series)?.trim().parse().ok())
}

pub async fn metrics_count_requests_by_operation_and_outcome_and_errors_by_code(db: TestDb) {
    let server =
        Server::start_seeded_with(&db, &[("NEWSGRAPH_WRITE_TOKENS", &format!("editor={EDITOR}"))]).await;
    let url = format!("{}/graphql", server.base);
    for _ in 0..3 {
        let body = json!({ "query": "query People { people { totalCount } }", "operationName": "People" });
        let res = server.http().post(&url).json(&body).send().await.expect("sent");
        assert_eq!(res.status(), 200);
    }
    let bad = json!({ "query": "query Bad { node(id: \"nonsense\") { id } }", "operationName": "Bad" });
    server.http().post(&url).json(&bad).send().await.expect("sent");
    // A refusal before execution counts too.
    server
        .http()
        .post(&url)
        .bearer_auth("not-a-token-of-this-server")
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .expect("sent");

    let res = server
        .http()
        .get(format!("{}/metrics", server.base))
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/plain; version=0.0.4"),
        "the Prometheus text format"
    );
    let text = res.text().await.expect("text");
    assert_eq!(
        sample(
            &text,
            r#"newsgraph_requests_total{operation="People",outcome="ok"}"#
        ),
        Some(3.0),
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            r#"newsgraph_requests_total{operation="Bad",outcome="BAD_USER_INPUT"}"#
        ),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        sample(&text, r#"newsgraph_errors_total{code="BAD_USER_INPUT"}"#),
        Some(1.0)
    );
    assert_eq!(
        sample(&text, r#"newsgraph_errors_total{code="UNAUTHENTICATED"}"#),
        Some(1.0)
    );
    assert_eq!(
        sample(&text, "newsgraph_request_duration_seconds_count"),
        Some(5.0),
        "{text}"
    );
    assert!(
        sample(&text, r#"newsgraph_db_connections{state="idle"}"#).is_some(),
        "{text}"
    );
    assert!(
        sample(&text, r#"newsgraph_db_connections{state="in_use"}"#).is_some(),
        "{text}"
    );
}

pub async fn each_request_is_one_log_line_with_its_id_and_no_secrets(db: TestDb) {
    let mut cmd = crate::server::newsgraph();
    cmd.envs(db.env())
        .env("NEWSGRAPH_NO_SEED", "1")
        .env("NEWSGRAPH_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .env("NEWSGRAPH_WRITE_TOKENS", format!("editor={EDITOR}"));
    let server = Server::spawn(cmd).await;
    let res = server
        .http()
        .post(format!("{}/graphql", server.base))
        .bearer_auth(EDITOR)
        .header("x-request-id", "req-42")
        .json(&json!({
            "query": "mutation Add($input: CreatePersonInput!) { createPerson(input: $input) { created } }",
            "operationName": "Add",
            "variables": { "input": { "name": "Secret Person Name" } }
        }))
        .send()
        .await
        .expect("sent");
    assert_eq!(res.headers()["x-request-id"], "req-42", "the id comes back");
    assert_eq!(res.status(), 200);
    // A request without an id gets one.
    let res = server
        .http()
        .get(format!("{}/health", server.base))
        .send()
        .await
        .expect("sent");
    let generated = res.headers()["x-request-id"].to_str().expect("ascii").to_owned();
    assert_eq!(generated.len(), 16);

    let lines = request_lines(&server, 2).await;
    let add = lines
        .iter()
        .find(|l| l["request_id"] == "req-42")
        .unwrap_or_else(|| panic!("a line for req-42 in {lines:?}"));
    assert_eq!(add["operation"], "Add");
    assert_eq!(add["outcome"], "ok");
    assert_eq!(add["status"], 200);
    assert!(add["duration_ms"].is_number());
    assert!(
        lines
            .iter()
            .any(|l| l["request_id"] == generated.as_str() && l["path"] == "/health")
    );
    let log = server.log();
    assert!(!log.contains(EDITOR), "the token is never logged");
    assert!(
        !log.contains("Secret Person Name"),
        "variable values are never logged"
    );
}

/// The lines of a server's JSON log that record requests, once `n` are there.
async fn request_lines(server: &Server, n: usize) -> Vec<Value> {
    let mut lines = Vec::new();
    for _ in 0..250 {
        lines = server
            .log()
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter(|l| l["message"] == "request")
            .collect();
        if lines.len() >= n {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    lines
}

/// A server with JSON logs at `info` and no seed.
async fn logging_server(db: &TestDb) -> Server {
    let mut cmd = crate::server::newsgraph();
    cmd.envs(db.env())
        .env("NEWSGRAPH_NO_SEED", "1")
        .env("NEWSGRAPH_LOG_FORMAT", "json")
        .env("RUST_LOG", "info");
    Server::spawn(cmd).await
}

async fn metrics_text(server: &Server) -> String {
    crate::exposure::metrics(&server.base, None).await.1
}

pub async fn a_documents_only_operation_names_the_request_without_operation_name(db: TestDb) {
    let server = logging_server(&db).await;
    let url = format!("{}/graphql", server.base);
    let query = "query TheEuLoan { __typename }";
    let res = server
        .http()
        .post(&url)
        .json(&json!({ "query": query }))
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), 200);
    let res = server
        .http()
        .get(&url)
        .query(&[("query", query)])
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), 200);
    // An anonymous operation stays `anonymous`.
    let res = server
        .http()
        .post(&url)
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), 200);

    let text = metrics_text(&server).await;
    assert_eq!(
        sample(
            &text,
            r#"newsgraph_requests_total{operation="TheEuLoan",outcome="ok"}"#
        ),
        Some(2.0),
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            r#"newsgraph_requests_total{operation="anonymous",outcome="ok"}"#
        ),
        Some(1.0),
        "{text}"
    );
    let lines = request_lines(&server, 3).await;
    let operations: Vec<&Value> = lines
        .iter()
        .filter(|l| l["path"] == "/graphql")
        .map(|l| &l["operation"])
        .collect();
    assert_eq!(
        operations,
        [&json!("TheEuLoan"), &json!("TheEuLoan"), &json!("anonymous")],
        "{lines:?}"
    );
}

pub async fn request_errors_carry_a_code_and_metrics_count_them_by_it(db: TestDb) {
    let server = logging_server(&db).await;
    let url = format!("{}/graphql", server.base);
    let cases = [
        (
            "a document that does not parse",
            json!({ "query": "{ people { " }),
            "GRAPHQL_PARSE_FAILED",
        ),
        (
            "a field that does not exist",
            json!({ "query": "{ nonsense }" }),
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "a variable that does not fit",
            json!({ "query": "query($id: ID!) { node(id: $id) { id } }", "variables": { "id": 3.5 } }),
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "an operation the document does not define",
            json!({ "query": "query A { __typename }", "operationName": "B" }),
            "OPERATION_RESOLUTION_FAILURE",
        ),
        (
            "no operation name for a document of two",
            json!({ "query": "query A { __typename } query B { __typename }" }),
            "OPERATION_RESOLUTION_FAILURE",
        ),
    ];
    for (name, body, code) in &cases {
        for accept in ["application/json", "application/graphql-response+json"] {
            let res = server
                .http()
                .post(&url)
                .header("accept", accept)
                .json(body)
                .send()
                .await
                .expect("sent");
            let body: Value = res.json().await.expect("JSON");
            assert_eq!(
                body["errors"][0]["extensions"]["code"], *code,
                "{name}, {accept}: {body}"
            );
            assert!(body.get("data").is_none(), "{name}: {body}");
        }
    }
    let text = metrics_text(&server).await;
    for (code, n) in [
        ("GRAPHQL_PARSE_FAILED", 2.0),
        ("GRAPHQL_VALIDATION_FAILED", 4.0),
        ("OPERATION_RESOLUTION_FAILURE", 4.0),
    ] {
        assert_eq!(
            sample(&text, &format!("newsgraph_errors_total{{code=\"{code}\"}}")),
            Some(n),
            "{code}: {text}"
        );
    }
    assert!(!text.contains("GRAPHQL_ERROR"), "{text}");
    let lines = request_lines(&server, 10).await;
    let outcomes: Vec<&str> = lines.iter().filter_map(|l| l["outcome"].as_str()).collect();
    assert_eq!(outcomes.len(), 10, "{lines:?}");
    assert!(!outcomes.contains(&"GRAPHQL_ERROR"), "{outcomes:?}");
}
