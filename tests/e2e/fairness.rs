//! Fairness under load: a pool with every connection in use is not an
//! outage, and heavy queries take turns, per client and for the server,
//! while cheap ones pass.
//!
//! To hold the server's database connections for as long as a case needs,
//! the case takes the write lock itself (SQLite's `BEGIN IMMEDIATE`,
//! PostgreSQL's advisory lock that writers share): a write sent to the
//! server then waits for it, holding its connection, until the case lets go.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use serde_json::{Value, json};

use crate::harness::TestDb;
use crate::server::{Server, newsgraph};

pub(crate) const EDITOR: &str = "fairness-editor-0123456789";

/// The key of the advisory lock the server's writers take (`db::begin_write`).
const WRITE_LOCK: i64 = 0x6e65_7773_6772_6170;

/// Takes the database's write lock and holds it until the transaction is
/// dropped or committed.
pub(crate) async fn hold_write_lock(db: &DatabaseConnection) -> DatabaseTransaction {
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await
        .expect("the write lock");
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({WRITE_LOCK})"))
            .await
            .expect("the advisory lock");
    }
    txn
}

async fn start(db: &TestDb, env: &[(&str, &str)]) -> Server {
    let mut cmd = newsgraph();
    cmd.envs(db.env())
        .env("NEWSGRAPH_WRITE_TOKENS", format!("editor={EDITOR}"))
        .envs(env.iter().copied());
    if db.backend == crate::harness::Backend::Postgres {
        let out = crate::server::import(db, &[crate::server::SEED_FILE]).await;
        assert!(out.success, "importing the seed failed: {}", out.stderr);
    }
    Server::spawn(cmd).await
}

/// POSTs a request from the given loopback address; the status, the
/// `Retry-After` header and the body.
async fn post_from(
    server: &Server,
    from: IpAddr,
    token: Option<&str>,
    query: &str,
) -> (u16, Option<String>, Value) {
    let client = reqwest::Client::builder()
        .local_address(from)
        .build()
        .expect("an HTTP client");
    let mut request = client
        .post(format!("{}/graphql", server.base))
        .json(&json!({ "query": query }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let res = request.send().await.expect("the request reached the server");
    let status = res.status().as_u16();
    let retry = res
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap_or_default().to_owned());
    (status, retry, res.json().await.expect("a JSON body"))
}

const HERE: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 1));
const ELSEWHERE: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));

/// A write that waits for the lock the case holds; cheap.
pub(crate) fn create_person(name: &str) -> String {
    format!(r#"mutation {{ createPerson(input: {{ name: "{name}" }}) {{ created person {{ id }} }} }}"#)
}

/// A write whose answer selects a hundred statements with their issues:
/// heavy by complexity.
fn create_person_heavy(name: &str) -> String {
    format!(
        r#"mutation {{ createPerson(input: {{ name: "{name}" }}) {{ person {{ statements(first: 100) {{ nodes {{ id text speaker {{ name }} about {{ stance issue {{ name }} }} }} }} }} }} }}"#
    )
}

/// Sends a write as the editor in the background; its answer when it ends.
pub(crate) fn send_write(server: &Server, query: String) -> tokio::task::JoinHandle<Value> {
    let request = server
        .http()
        .post(format!("{}/graphql", server.base))
        .bearer_auth(EDITOR)
        .json(&json!({ "query": query }));
    tokio::spawn(async move {
        let res = request.send().await.expect("the write reached the server");
        res.json::<Value>().await.expect("a JSON body")
    })
}

fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_default()
}

/// Sends `query` from `from` every 50 ms until it is refused with 503,
/// for at most ten seconds; the `Retry-After` header and the body of the
/// refusal. Answers before it must not be `DATABASE_UNAVAILABLE`.
async fn until_refused(server: &Server, from: IpAddr, query: &str) -> (Option<String>, Value) {
    for _ in 0..200 {
        let (status, retry, body) = post_from(server, from, None, query).await;
        assert_ne!(
            code(&body),
            "DATABASE_UNAVAILABLE",
            "a busy pool was taken for an outage: {body}"
        );
        if status == 503 {
            return (retry, body);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{query} was not refused within 10 s");
}

pub async fn a_pool_with_every_connection_in_use_is_busy_not_down(db: TestDb) {
    let server = start(
        &db,
        &[
            ("NEWSGRAPH_DB_MAX_CONNECTIONS", "1"),
            ("NEWSGRAPH_DB_ACQUIRE_TIMEOUT_MS", "200"),
        ],
    )
    .await;
    let direct = db.connect().await;
    let lock = hold_write_lock(&direct).await;
    // The write takes the server's only connection and waits for the lock.
    let writer = send_write(&server, create_person("Olena Busy"));
    let read = "{ people(first: 1) { totalCount } }";
    let (retry, body) = until_refused(&server, HERE, read).await;
    assert_eq!(code(&body), "SERVER_BUSY", "{body}");
    assert_eq!(retry.as_deref(), Some("1"), "Retry-After on a busy answer");
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("no database connection came free"), "{message}");
    // The server still says it is ready: the database answers.
    let ready = server
        .http()
        .get(format!("{}/ready", server.base))
        .send()
        .await
        .expect("/ready answers");
    assert_eq!(ready.status().as_u16(), 200);

    lock.rollback().await.expect("the lock is let go");
    let written = writer.await.expect("the write finished");
    assert_eq!(
        written["data"]["createPerson"]["created"],
        json!(true),
        "{written}"
    );
    // No breaker was opened: the next read is served at once.
    let data = server.query(read, json!({})).await;
    assert!(
        data["people"]["totalCount"].as_i64().unwrap_or_default() > 0,
        "{data}"
    );
}

pub async fn heavy_queries_take_turns_per_client_and_for_the_server(db: TestDb) {
    let server = start(
        &db,
        &[
            ("NEWSGRAPH_HEAVY_COMPLEXITY", "200"),
            ("NEWSGRAPH_MAX_HEAVY_IN_FLIGHT", "1"),
            ("NEWSGRAPH_MAX_HEAVY_PER_CLIENT", "1"),
            ("NEWSGRAPH_HEAVY_QUEUE_MS", "1000"),
        ],
    )
    .await;
    let direct = db.connect().await;
    let lock = hold_write_lock(&direct).await;
    // A heavy write takes the one heavy place and waits for the lock.
    let first = send_write(&server, create_person_heavy("Heavy First"));
    // Once it holds the place, another client's heavy query waits its
    // second and is refused (until then, such a query may still run)...
    let heavy_read =
        "{ statements(first: 100) { nodes { id text speaker { name } about { stance issue { name } } } } }";
    let (retry, body) = until_refused(&server, ELSEWHERE, heavy_read).await;
    assert_eq!(code(&body), "SERVER_BUSY", "{body}");
    assert_eq!(retry.as_deref(), Some("1"));
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("1 heavy requests (complexity over 200) are running") && message.contains("1000 ms"),
        "{message}"
    );
    // ...and the same client's next heavy query waits as long and is too.
    let (status, retry, body) = post_from(&server, HERE, None, heavy_read).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(code(&body), "SERVER_BUSY", "{body}");
    assert_eq!(retry.as_deref(), Some("1"));
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("this client already runs 1 heavy"), "{message}");

    // Cheap queries from either client pass while the heavy one waits.
    for from in [HERE, ELSEWHERE] {
        let (status, _, body) =
            post_from(&server, from, None, "{ people(first: 2) { nodes { name } } }").await;
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "{body}");
    }

    lock.rollback().await.expect("the lock is let go");
    let written = first.await.expect("the heavy write finished");
    assert!(written.get("errors").is_none(), "{written}");
    // With its place free again, the heavy query runs.
    let (status, _, body) = post_from(&server, ELSEWHERE, None, heavy_read).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("errors").is_none(), "{body}");
}
