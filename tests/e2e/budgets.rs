//! What one request may read and answer: rows, response bytes, string
//! filters, and SQL that stops with its request.

use serde_json::{Value, json};

use crate::fixtures::{generated, span};
use crate::harness::{Backend, TestDb};
use crate::server::{Server, import};

fn code(error: &Value) -> &str {
    error["extensions"]["code"].as_str().unwrap_or_default()
}

fn message(error: &Value) -> &str {
    error["message"].as_str().unwrap_or_default()
}

/// The query of issue 14: every statement of every position of every
/// issue, with the whole text of each statement's source.
const EVERYTHING: &str = "{ issues(first: 100) { nodes { id positions(first: 100) { nodes {
    statements(first: 100) { nodes { id text evidence { source { text } } } } } } } } }";

pub async fn a_request_that_reads_or_answers_past_its_budget_is_refused_whole(db: TestDb) {
    generated(&db, 2_000).await;
    let mut cmd = crate::server::newsgraph();
    cmd.envs(db.env()).envs([
        ("NEWSGRAPH_NO_SEED", "1"),
        // Complexity would refuse the query first; here the row budget must.
        ("NEWSGRAPH_MAX_COMPLEXITY", "100000000"),
        ("NEWSGRAPH_MAX_ROWS", "1000"),
        ("NEWSGRAPH_MAX_RESPONSE_BYTES", "3000"),
    ]);
    let server = Server::spawn(cmd).await;

    let (_, body) = server.post(EVERYTHING, json!({})).await;
    assert_eq!(code(&body["errors"][0]), "RESULT_TOO_LARGE", "{body}");
    assert!(message(&body["errors"][0]).contains("1000 rows"), "{body}");
    assert_eq!(body["errors"].as_array().map(Vec::len), Some(1), "{body}");
    assert!(body["data"].is_null(), "no partial answer: {body}");

    // A request within the budget is answered.
    let small = server
        .query(
            "{ issues(first: 3) { nodes { positions(first: 2) { totalCount nodes { statements(first: 2) { nodes { id } } } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        small["issues"]["nodes"].as_array().map(Vec::len),
        Some(3),
        "{small}"
    );

    // A few rows whose answer is longer than the byte budget.
    let (_, body) = server
        .post("{ sources(first: 5) { nodes { text } } }", json!({}))
        .await;
    assert_eq!(code(&body["errors"][0]), "RESULT_TOO_LARGE", "{body}");
    assert!(message(&body["errors"][0]).contains("3000 bytes"), "{body}");
    assert!(body.get("data").is_none_or(Value::is_null), "{body}");
    // A batch keeps its shape: the refusal once for each of its operations.
    let one = json!({ "query": "{ sources(first: 5) { nodes { text } } }" });
    let body: Value = server
        .http()
        .post(format!("{}/graphql", server.base))
        .json(&json!([one, one]))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("JSON");
    let answers = body.as_array().expect("a batch answer");
    assert_eq!(answers.len(), 2, "{body}");
    assert!(
        answers
            .iter()
            .all(|a| code(&a["errors"][0]) == "RESULT_TOO_LARGE"),
        "{body}"
    );
}

pub async fn a_filter_inside_the_words_costs_what_reading_the_table_costs(db: TestDb) {
    let server = Server::start_seeded_with(&db, &[("NEWSGRAPH_MAX_COMPLEXITY", "1000")]).await;
    // One statement's ID: 3 without a filter, and 1,000 more with one that
    // no index serves, so thirty aliases of it cannot pass for a light query.
    let plain = "{ statements(first: 1) { nodes { id } } }";
    server.query(plain, json!({})).await;
    for filter in [r#"{ text: "e" }"#, r#"{ speakerRole: "aide" }"#] {
        let query = format!("{{ statements(first: 1, filter: {filter}) {{ nodes {{ id }} }} }}");
        let (_, body) = server.post(&query, json!({})).await;
        assert_eq!(code(&body["errors"][0]), "QUERY_TOO_COMPLEX", "{body}");
    }
    let nested =
        r#"{ people(first: 1) { nodes { statements(first: 1, filter: { text: "e" }) { nodes { id } } } } }"#;
    let (_, body) = server.post(nested, json!({})).await;
    assert_eq!(code(&body["errors"][0]), "QUERY_TOO_COMPLEX", "{body}");
    let by_speaker = r#"{ people(first: 1) { nodes { statements(first: 1, filter: { kind: DIRECT_QUOTE }) { nodes { id } } } } }"#;
    server.query(by_speaker, json!({})).await;
}

pub async fn long_string_filters_are_bad_user_input_naming_the_field_and_limit(server: Server) {
    let long_text = "e".repeat(50_000);
    let many_words = "ab ".repeat(16_000);
    for (query, field, limit) in [
        (
            "query($t: String) { statements(filter: { text: $t }) { totalCount } }",
            "filter.text",
            "1000",
        ),
        (
            "query($t: String) { statements(filter: { speakerRole: $t }) { totalCount } }",
            "filter.speakerRole",
            "1000",
        ),
        (
            "query($t: String) { people(filter: { name: $t }) { totalCount } }",
            "filter.name",
            "200",
        ),
        (
            "query($t: String) { issues(filter: { name: $t }) { totalCount } }",
            "filter.name",
            "200",
        ),
    ] {
        let text = if field == "filter.name" {
            &many_words
        } else {
            &long_text
        };
        let error = server.query_error(query, json!({ "t": text })).await;
        assert_eq!(code(&error), "BAD_USER_INPUT", "{query}: {error}");
        assert!(message(&error).contains(field), "{error}");
        assert!(
            message(&error).contains(&format!("the limit is {limit}")),
            "{error}"
        );
    }
    // At the limit, a filter is served.
    let at_limit = "e".repeat(1_000);
    let data = server
        .query(
            "query($t: String) { statements(filter: { text: $t }) { totalCount } }",
            json!({ "t": at_limit }),
        )
        .await;
    assert_eq!(data["statements"]["totalCount"], 0);
}

pub async fn percent_and_underscore_in_a_text_filter_mean_themselves(db: TestDb) {
    let server = Server::start_seeded(&db).await;
    let excerpt = "Trump signalled he, too, has no intention of allowing Ukraine to join";
    let (start, end) = span(excerpt);
    let statement = |key: &str, text: &str| {
        json!({
            "key": key, "kind": "paraphrase", "text": text, "speaker": "trump",
            "evidence": { "source": "ukraine-peace-talks-2025-12-03", "start": start, "end": end, "excerpt": excerpt }
        })
    };
    let doc = json!({
        "format": "newsgraph/1",
        "people": [{ "key": "trump", "name": "Donald Trump", "wikidataId": "Q22686" }],
        "statements": [
            statement("fifty", "Support stands at 50% in the poll."),
            statement("fifty-five", "Support stands at 55 percent."),
            statement("snake", "The file was named peace_plan."),
        ]
    });
    let path = db.dir.join("wildcards.json");
    std::fs::write(&path, doc.to_string()).expect("a test file");
    let out = import(&db, &[&path.display().to_string()]).await;
    assert!(out.success, "{}", out.stderr);

    let texts = |filter: &str| {
        let server = &server;
        let filter = filter.to_owned();
        async move {
            let data = server
                .query(
                    "query($t: String) { statements(filter: { text: $t }, first: 100) { nodes { text } } }",
                    json!({ "t": filter }),
                )
                .await;
            let mut texts: Vec<String> = data["statements"]["nodes"]
                .as_array()
                .expect("nodes")
                .iter()
                .map(|n| n["text"].as_str().expect("text").to_owned())
                .collect();
            texts.sort();
            texts
        }
    };
    assert_eq!(texts("50%").await, vec!["Support stands at 50% in the poll."]);
    // As wildcards, `5_` and `5%` would match "55 percent" too.
    assert_eq!(texts("5_").await, Vec::<String>::new());
    assert_eq!(texts("5%").await, Vec::<String>::new());
    assert_eq!(texts("peace_plan").await, vec!["The file was named peace_plan."]);
    assert_eq!(texts("peace\\plan").await, Vec::<String>::new());
}

/// Statements of the case's database the server is still running, seen
/// from PostgreSQL: those waiting on a lock on the `statement` table.
async fn waiting_on_statement(admin: &sea_orm::DatabaseConnection) -> i64 {
    use sea_orm::ConnectionTrait;
    let row = admin
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT COUNT(*) FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid() \
             AND state = 'active' AND wait_event_type = 'Lock' AND query ILIKE '%FROM \"statement\"%'",
        ))
        .await
        .expect("pg_stat_activity")
        .expect("a row");
    row.try_get_by_index(0).expect("a count")
}

pub async fn a_request_stopped_by_its_time_limit_leaves_no_sql_running(db: TestDb) {
    if db.backend != Backend::Postgres {
        // SQLite: the progress handler is tested in `db::tests`, as no
        // GraphQL request makes one statement run for long on a small graph.
        return;
    }
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let server = Server::start_seeded_with(&db, &[("NEWSGRAPH_TIMEOUT_MS", "500")]).await;
    // Another client holds the statement table: the request's SELECT waits.
    let locker = db.connect().await;
    let lock = locker.begin().await.expect("a transaction");
    lock.execute_unprepared("LOCK TABLE \"statement\" IN ACCESS EXCLUSIVE MODE")
        .await
        .expect("the lock");

    let (status, body) = server
        .post("{ statements(first: 1) { nodes { id } } }", json!({}))
        .await;
    // Stopped by the server; the database stops the statement a moment later.
    assert_eq!(status, 503, "{body}");
    assert_eq!(code(&body["errors"][0]), "TIMEOUT", "{body}");

    // The database stops the waiting statement too, while the lock is still held.
    let watcher = db.connect().await;
    let mut waiting = waiting_on_statement(&watcher).await;
    for _ in 0..100 {
        if waiting == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        waiting = waiting_on_statement(&watcher).await;
    }
    assert_eq!(waiting, 0, "the timed-out request's SQL still runs");
    lock.rollback().await.expect("released");

    // And the server goes on serving.
    let data = server.query("{ statements { totalCount } }", json!({})).await;
    assert!(data["statements"]["totalCount"].as_i64() > Some(0), "{data}");
}

pub async fn an_answer_whose_text_passes_the_byte_limit_stops_before_its_next_reads(db: TestDb) {
    generated(&db, 2_000).await;
    let mut cmd = crate::server::newsgraph();
    cmd.envs(db.env()).envs([
        ("NEWSGRAPH_NO_SEED", "1"),
        ("NEWSGRAPH_SQL_STATS", "1"),
        ("NEWSGRAPH_MAX_RESPONSE_BYTES", "500"),
    ]);
    let server = Server::spawn(cmd).await;
    // Each source's text is longer than 500 bytes, and each source's
    // statements are one more read.
    let query = "{ sources(first: 5) { nodes { text statements(first: 5) { nodes { id text } } } } }";

    let (_, body) = server.post(query, json!({})).await;

    assert_eq!(code(&body["errors"][0]), "RESULT_TOO_LARGE", "{body}");
    assert!(message(&body["errors"][0]).contains("500 bytes"), "{body}");
    assert_eq!(body["errors"].as_array().map(Vec::len), Some(1), "{body}");
    assert!(body.get("data").is_none_or(Value::is_null), "{body}");
    // The page of sources was read; the statements were not: the answer
    // was refused as its first text came, not once it had been built.
    assert_eq!(body["extensions"]["sqlStatements"], 1, "{body}");
}
