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

    let mut lines = Vec::new();
    for _ in 0..50 {
        lines = server
            .log()
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter(|l| l["message"] == "request")
            .collect();
        if lines.len() >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
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
