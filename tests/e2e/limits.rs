//! Limits on abusive requests, and what production hides: each hostile
//! request is refused with a code and the limit's value, the largest
//! legitimate one still passes, and the server goes on serving.

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::harness::TestDb;
use crate::server::{Server, newsgraph};

/// The seed graph, with settings of the test's own.
async fn server(db: &TestDb, env: &[(&str, &str)]) -> Server {
    Server::start_seeded_with(db, env).await
}

fn code(error: &Value) -> &str {
    error["extensions"]["code"].as_str().unwrap_or_default()
}

fn message(error: &Value) -> &str {
    error["message"].as_str().unwrap_or_default()
}

/// Still serving: a small query answers.
async fn still_serving(server: &Server) {
    let data = server.query("{ people { totalCount } }", json!({})).await;
    assert_eq!(data["people"]["totalCount"], 9);
}

/// A query `levels` fields deep (odd): places within places.
fn nested(levels: usize) -> String {
    // A leaf that counts: the depth check passes over `__typename`.
    let mut query = String::from("name");
    for _ in 0..(levels - 3) / 2 {
        query = format!("children(first: 1) {{ nodes {{ {query} }} }}");
    }
    format!("{{ places(first: 1) {{ nodes {{ {query} }} }} }}")
}

pub async fn deep_and_complex_queries_are_refused_with_the_limit(db: TestDb) {
    let server = server(&db, &[]).await;
    // 15 levels is the limit: one more is refused.
    let error = server.query_error(&nested(17), json!({})).await;
    assert_eq!(code(&error), "QUERY_TOO_DEEP", "{error}");
    assert!(message(&error).contains("limit of 15"), "{error}");
    server.query(&nested(15), json!({})).await;

    // A hundred people, each with a hundred statements, each with a hundred
    // mentions of their own: a million rows asked for in one request.
    let bomb = "{ people(first: 100) { nodes { statements(first: 100) { nodes { \
                mentions { ... on Person { mentionedIn(first: 100) { nodes { text } } } } } } } } }";
    let error = server.query_error(bomb, json!({})).await;
    assert_eq!(code(&error), "QUERY_TOO_COMPLEX", "{error}");
    assert!(message(&error).contains("limit of 200000"), "{error}");
    // A hundred by a hundred, with the fields a page shows, is served.
    server
        .query(
            "{ people(first: 100) { totalCount nodes { id name aliases statements(first: 100) { \
             totalCount pageInfo { hasNextPage endCursor } nodes { id text kind saidOn { text } } } } } }",
            json!({}),
        )
        .await;

    // The limit is the operator's to set.
    drop(server);
    let strict = server_fresh(
        &db,
        &[
            ("NEWSGRAPH_MAX_DEPTH", "4"),
            ("NEWSGRAPH_MAX_COMPLEXITY", "50"),
            ("NEWSGRAPH_MAX_PAGE_SIZE", "10"),
        ],
    )
    .await;
    let error = strict.query_error(&nested(5), json!({})).await;
    assert!(message(&error).contains("limit of 4"), "{error}");
    let error = strict
        .query_error(
            "{ people(first: 10) { nodes { name statements(first: 10) { nodes { text } } } } }",
            json!({}),
        )
        .await;
    assert!(message(&error).contains("limit of 50"), "{error}");
    strict
        .query("{ people(first: 10) { nodes { name } } }", json!({}))
        .await;
    let error = strict
        .query_error("{ people(first: 11) { nodes { name } } }", json!({}))
        .await;
    assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
    assert!(message(&error).contains("at most 10"), "{error}");
}

/// A second server on a database already seeded.
async fn server_fresh(db: &TestDb, env: &[(&str, &str)]) -> Server {
    let mut cmd = newsgraph();
    cmd.envs(db.env()).envs(env.iter().copied());
    Server::spawn(cmd).await
}

pub async fn alias_directive_and_size_floods_are_refused(db: TestDb) {
    let server = server(&db, &[]).await;
    let aliases = |n: usize| {
        let fields: Vec<String> = (0..n).map(|i| format!("a{i}: __typename")).collect();
        format!("{{ {} }}", fields.join(" "))
    };
    let error = server.query_error(&aliases(31), json!({})).await;
    assert_eq!(code(&error), "TOO_MANY_ALIASES", "{error}");
    assert_eq!(message(&error), "the query uses 31 aliases; the limit is 30");
    server.query(&aliases(30), json!({})).await;

    let directives = |n: usize| {
        let fields = "__typename @include(if: true) ".repeat(n);
        format!("{{ {fields} }}")
    };
    let error = server.query_error(&directives(21), json!({})).await;
    assert_eq!(code(&error), "TOO_MANY_DIRECTIVES", "{error}");
    assert!(message(&error).contains("limit is 20"), "{error}");
    server.query(&directives(20), json!({})).await;

    // Bytes: a comment can pad a document past any size.
    let padded = format!("{{ __typename }}\n#{}", "x".repeat(16_384));
    let error = server.query_error(&padded, json!({})).await;
    assert_eq!(code(&error), "QUERY_TOO_LARGE", "{error}");
    assert!(message(&error).contains("limit is 16384 bytes"), "{error}");
    // Tokens: many short ones fit in few bytes.
    let tokens = format!("{{ {} }}", "a ".repeat(2_500));
    let error = server.query_error(&tokens, json!({})).await;
    assert_eq!(code(&error), "QUERY_TOO_LARGE", "{error}");
    assert!(message(&error).contains("more than 2000 tokens"), "{error}");

    // A fragment cycle is refused by validation.
    let error = server
        .query_error(
            "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }",
            json!({}),
        )
        .await;
    assert_eq!(code(&error), "QUERY_TOO_DEEP", "{error}");
    assert!(message(&error).contains("spreads itself"), "{error}");
    still_serving(&server).await;
}

pub async fn batches_bodies_and_time_have_limits(db: TestDb) {
    let server = server(&db, &[("NEWSGRAPH_MAX_BODY_BYTES", "100000")]).await;
    let url = format!("{}/graphql", server.base);
    let one = json!({ "query": "{ people { totalCount } }" });

    // A batch within the cap answers each operation in order.
    let res = server
        .http()
        .post(&url)
        .json(&json!([one, { "query": "{ issues { totalCount } }" }]))
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.expect("JSON");
    assert_eq!(body[0]["data"]["people"]["totalCount"], 9, "{body}");
    assert_eq!(body[1]["data"]["issues"]["totalCount"], 13, "{body}");
    // Eleven is one too many.
    let res = server
        .http()
        .post(&url)
        .json(&vec![one.clone(); 11])
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.expect("JSON");
    assert_eq!(code(&body["errors"][0]), "BATCH_TOO_LARGE", "{body}");
    assert!(message(&body["errors"][0]).contains("11 operations; the limit is 10"));

    // Huge variables make a huge body: 413 as soon as its length is
    // declared, before any of it is read.
    let addr = server.base.trim_start_matches("http://").to_owned();
    let mut client = tokio::net::TcpStream::connect(&addr).await.expect("connected");
    client
        .write_all(
            format!(
                "POST /graphql HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\ncontent-length: 200000\r\n\r\n{{\"query\":\"query($x: String) {{ __typename }}\",\"variables\":{{\"x\":\"yyyy"
            )
            .as_bytes(),
        )
        .await
        .expect("written");
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(std::time::Duration::from_secs(5), client.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("\"code\":\"PAYLOAD_TOO_LARGE\""), "{answer}");
    assert!(answer.contains("over the limit of 100000 bytes"), "{answer}");
    // A body that does not declare its length (chunked) is refused the same
    // way, 413 and PAYLOAD_TOO_LARGE, once it passes the limit: checked on
    // the wire by transport::a_chunked_body_over_the_limit_is_refused_with_413.
    still_serving(&server).await;

    // A request that outlives the time limit is stopped and says so: a
    // write that waits for the write lock another client holds.
    drop(server);
    let editor = format!("editor={}", crate::fairness::EDITOR);
    let hasty = server_fresh(
        &db,
        &[
            ("NEWSGRAPH_TIMEOUT_MS", "300"),
            ("NEWSGRAPH_WRITE_TOKENS", &editor),
        ],
    )
    .await;
    let direct = db.connect().await;
    let lock = crate::fairness::hold_write_lock(&direct).await;
    let write = crate::fairness::send_write(&hasty, crate::fairness::create_person("Olena Hasty"));
    let body = write.await.expect("the write was answered");
    assert_eq!(code(&body["errors"][0]), "TIMEOUT", "{body}");
    assert!(message(&body["errors"][0]).contains("limit of 300 ms"), "{body}");
    lock.rollback().await.expect("the lock is let go");
    // It wrote nothing.
    let data = hasty
        .query(
            r#"{ people(filter: { name: "Olena Hasty" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["people"]["totalCount"], 0, "{data}");
}

pub async fn requests_beyond_the_cap_in_flight_are_refused_at_once(db: TestDb) {
    let server = server(&db, &[("NEWSGRAPH_MAX_IN_FLIGHT", "1")]).await;
    // One place: of requests that arrive together, those that find it taken
    // are refused at once. Bursts of 32 until one is.
    let query = "{ statements(first: 100) { nodes { text speaker { name } about { issue { name } } } } }";
    let mut refused = None;
    for _ in 0..20 {
        let burst = (0..32).map(|_| {
            let request = reqwest::Client::new()
                .post(format!("{}/graphql", server.base))
                .json(&json!({ "query": query }));
            async move {
                let res = request.send().await.expect("sent");
                let status = res.status().as_u16();
                let retry_after = res.headers().get("retry-after").cloned();
                (status, retry_after, res.json::<Value>().await.expect("JSON"))
            }
        });
        let answers = futures_util::future::join_all(burst).await;
        assert!(
            answers
                .iter()
                .all(|(status, ..)| *status == 200 || *status == 503)
        );
        if let Some(busy) = answers.into_iter().find(|(status, ..)| *status == 503) {
            refused = Some(busy);
            break;
        }
    }
    let (_, retry_after, body) = refused.expect("a request beyond the cap was refused");
    assert_eq!(code(&body["errors"][0]), "SERVER_BUSY", "{body}");
    assert_eq!(retry_after.as_ref().map(|v| v.as_bytes()), Some(&b"1"[..]));
    assert!(
        message(&body["errors"][0]).contains("limit of 1 requests"),
        "{body}"
    );
    // Once the burst is over, the place is free again.
    still_serving(&server).await;
}

const INTROSPECTION: &str = "{ __schema { queryType { name } types { name } } }";

pub async fn production_hides_the_schema_the_playground_and_suggestions(db: TestDb) {
    let dev = server(&db, &[]).await;
    assert!(dev.query(INTROSPECTION, json!({})).await["__schema"]["types"].is_array());
    let error = dev.query_error("{ peple { totalCount } }", json!({})).await;
    assert!(message(&error).contains("Did you mean"), "{error}");
    let page = dev
        .http()
        .get(format!("{}/", dev.base))
        .send()
        .await
        .expect("sent");
    assert_eq!(page.status(), 200);
    drop(dev);

    let prod = server_fresh(&db, &[("NEWSGRAPH_ENV", "production")]).await;
    let error = prod.query_error(INTROSPECTION, json!({})).await;
    assert_eq!(code(&error), "INTROSPECTION_DISABLED", "{error}");
    let error = prod
        .query_error(r#"{ __type(name: "Person") { fields { name } } }"#, json!({}))
        .await;
    assert_eq!(code(&error), "INTROSPECTION_DISABLED", "{error}");
    // `__typename` is not introspection: clients need it.
    assert_eq!(
        prod.query("{ __typename }", json!({})).await["__typename"],
        "Query"
    );
    let error = prod.query_error("{ peple { totalCount } }", json!({})).await;
    assert!(message(&error).contains("peple"), "{error}");
    assert!(
        !message(&error).contains("Did you mean"),
        "no suggestion leaks the schema: {error}"
    );
    let page = prod
        .http()
        .get(format!("{}/", prod.base))
        .send()
        .await
        .expect("sent");
    assert_eq!(page.status(), 404);
    let script = prod
        .http()
        .get(format!("{}/playground/graphiql-3.9.0.min.js", prod.base))
        .send()
        .await
        .expect("sent");
    assert_eq!(script.status(), 404, "the playground's files go with it");
    // Everything else still works.
    still_serving(&prod).await;
    drop(prod);

    // Each switch on its own: production with the playground back on.
    let mixed = server_fresh(
        &db,
        &[("NEWSGRAPH_ENV", "production"), ("NEWSGRAPH_PLAYGROUND", "true")],
    )
    .await;
    let page = mixed
        .http()
        .get(format!("{}/", mixed.base))
        .send()
        .await
        .expect("sent");
    assert_eq!(page.status(), 200);
    assert_eq!(
        code(&mixed.query_error(INTROSPECTION, json!({})).await),
        "INTROSPECTION_DISABLED"
    );
}

/// The `access-control-allow-origin` a browser would get for a preflight from `origin`.
async fn allowed(server: &Server, origin: &str) -> Option<String> {
    let res = server
        .http()
        .request(reqwest::Method::OPTIONS, format!("{}/graphql", server.base))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type, authorization")
        .send()
        .await
        .expect("sent");
    res.headers()
        .get("access-control-allow-origin")
        .map(|v| v.to_str().unwrap_or_default().to_owned())
}

pub async fn browsers_may_call_from_the_origins_the_operator_allows(db: TestDb) {
    let dev = server(&db, &[]).await;
    assert_eq!(
        allowed(&dev, "https://anywhere.example").await.as_deref(),
        Some("*")
    );
    drop(dev);

    let prod = server_fresh(&db, &[("NEWSGRAPH_ENV", "production")]).await;
    assert_eq!(allowed(&prod, "https://anywhere.example").await, None);
    drop(prod);

    let listed = server_fresh(
        &db,
        &[
            ("NEWSGRAPH_ENV", "production"),
            (
                "NEWSGRAPH_CORS_ORIGINS",
                "https://app.example.org, https://desk.example.org",
            ),
        ],
    )
    .await;
    assert_eq!(
        allowed(&listed, "https://desk.example.org").await.as_deref(),
        Some("https://desk.example.org")
    );
    assert_eq!(allowed(&listed, "https://evil.example").await, None);
    // A plain request from a listed origin gets the header too.
    let res = listed
        .http()
        .post(format!("{}/graphql", listed.base))
        .header("origin", "https://app.example.org")
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(
        res.headers()
            .get("access-control-allow-origin")
            .map(|v| v.as_bytes()),
        Some(&b"https://app.example.org"[..])
    );
}

pub async fn a_malformed_origin_setting_is_one_clear_line() {
    let mut cmd = newsgraph();
    cmd.env("NEWSGRAPH_CORS_ORIGINS", "app.example.org")
        .env("NEWSGRAPH_DATA_DIR", std::env::temp_dir())
        .args(["serve", "--addr", "127.0.0.1:0"]);
    let out = crate::server::run(cmd).await;
    assert!(!out.success);
    assert_eq!(
        out.stderr.trim(),
        "newsgraph: error: NEWSGRAPH_CORS_ORIGINS: \"app.example.org\" is not an origin like https://app.example.org"
    );
}
