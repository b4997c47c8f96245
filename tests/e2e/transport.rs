//! The HTTP transport against clients that misbehave: bodies that dawdle
//! hold no place and are cut with 408, idle connections and slow headers
//! are closed, a chunked body over the limit gets 413, and every malformed
//! request is answered as GraphQL with `BAD_REQUEST`. Raw sockets send what
//! no well-behaved HTTP client would.

use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::harness::TestDb;
use crate::server::{Server, newsgraph};

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

/// What came back on a raw connection.
struct Answer {
    status: u16,
    head: String,
    body: String,
    /// Whether the server closed the connection.
    closed: bool,
}

impl Answer {
    /// Asserts that this is a GraphQL refusal: the status, in the media
    /// type, one error with the code and the message.
    fn is_refusal(&self, (status, media_type): (u16, &str), code: &str, message: &str) {
        assert_eq!(self.status, status, "{}{}", self.head, self.body);
        assert!(
            self.head.contains(&format!("content-type: {media_type}")),
            "{}",
            self.head
        );
        assert_eq!(
            self.json(),
            json!({ "errors": [{ "message": message, "extensions": { "code": code } }] })
        );
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|err| panic!("a JSON body ({err}): {}", self.body))
    }
}

fn addr(server: &Server) -> String {
    server.base.trim_start_matches("http://").to_owned()
}

/// Opens a connection and writes `bytes` on it.
async fn send(addr: &str, bytes: &[u8]) -> TcpStream {
    let mut stream = TcpStream::connect(addr).await.expect("connected");
    stream.write_all(bytes).await.expect("written");
    stream.flush().await.expect("flushed");
    stream
}

/// Reads until the server closes the connection, for at most `limit`.
async fn read_to_close(stream: &mut TcpStream, limit: Duration) -> Answer {
    let mut bytes = Vec::new();
    let closed = tokio::time::timeout(limit, async {
        let mut chunk = [0u8; 16 * 1024];
        loop {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => bytes.extend_from_slice(&chunk[..n]),
            }
        }
    })
    .await
    .is_ok();
    answer(&bytes, closed)
}

/// Reads one response with a `content-length`, leaving the connection open.
async fn read_one(stream: &mut TcpStream) -> Answer {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut chunk))
            .await
            .expect("an answer within 10 s")
            .expect("read");
        assert!(n > 0, "the server closed before answering");
        bytes.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&bytes);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().to_owned())
                })
                .and_then(|v| v.parse::<usize>().ok())
                .expect("a content-length");
            if body.len() >= length {
                return answer(&bytes, false);
            }
        }
    }
}

fn answer(bytes: &[u8], closed: bool) -> Answer {
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Answer {
        status,
        head: head.to_ascii_lowercase(),
        body: body.to_owned(),
        closed,
    }
}

/// A server over an empty database, with settings of the test's own.
async fn server(db: &TestDb, env: &[(&str, &str)]) -> Server {
    let mut cmd = newsgraph();
    cmd.envs(db.env())
        .env("NEWSGRAPH_NO_SEED", "1")
        .envs(env.iter().copied());
    Server::spawn(cmd).await
}

async fn still_serving(server: &Server) {
    let data = server.query("{ __typename }", json!({})).await;
    assert_eq!(data, json!({ "__typename": "Query" }));
}

pub async fn slow_bodies_hold_no_place_and_are_cut_by_the_body_timeout(db: TestDb) {
    // 256 requests may be served at once; 300 clients dawdle over bodies.
    let server = server(&db, &[("NEWSGRAPH_BODY_TIMEOUT_MS", "5000")]).await;
    let addr = addr(&server);
    let head = format!(
        "POST /graphql HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\ncontent-length: 2000\r\n\r\n{{"
    );
    let mut slow = Vec::new();
    for _ in 0..300 {
        slow.push(send(&addr, head.as_bytes()).await);
    }
    // Let the server take every one of them before a real client comes.
    tokio::time::sleep(Duration::from_millis(500)).await;

    // A normal query is served meanwhile.
    still_serving(&server).await;

    // Each slow body is answered 408 as GraphQL, and its connection closed.
    let answers = futures_util::future::join_all(
        slow.iter_mut()
            .map(|stream| read_to_close(stream, Duration::from_secs(30))),
    )
    .await;
    for answer in &answers {
        answer.is_refusal(
            (408, "application/json"),
            "REQUEST_TIMEOUT",
            "the request body did not arrive within the limit of 5000 ms",
        );
        assert!(answer.closed, "the connection is closed");
    }
    still_serving(&server).await;
}

pub async fn idle_connections_and_slow_headers_are_closed(db: TestDb) {
    // Idle connections: one that asked once and then kept quiet, and one
    // that never asked.
    let server_idle = server(&db, &[("NEWSGRAPH_IDLE_TIMEOUT_MS", "1000")]).await;
    let addr_idle = addr(&server_idle);
    let mut kept_alive = send(
        &addr_idle,
        format!("GET /health HTTP/1.1\r\nhost: {addr_idle}\r\n\r\n").as_bytes(),
    )
    .await;
    let first = read_one(&mut kept_alive).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let mut silent = TcpStream::connect(&addr_idle).await.expect("connected");
    for stream in [&mut kept_alive, &mut silent] {
        let rest = read_to_close(stream, Duration::from_secs(20)).await;
        assert!(rest.closed, "an idle connection is closed");
        assert!(
            rest.body.is_empty() && rest.head.is_empty(),
            "and nothing is sent on it"
        );
    }
    drop(server_idle);

    // Slow headers, on a server that lets idle connections wait a minute:
    // a byte every 200 ms does not keep them open.
    let server = server(&db, &[("NEWSGRAPH_HEADER_TIMEOUT_MS", "1000")]).await;
    let addr = addr(&server);
    let head = format!("GET /health HTTP/1.1\r\nhost: {addr}\r\nx-dawdle: ");
    let mut trickle = send(&addr, head.as_bytes()).await;
    let mut closed = false;
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(200)).await;
        if trickle.write_all(b"z").await.is_err() {
            closed = true;
            break;
        }
        let mut probe = [0u8; 64];
        if let Ok(Ok(0) | Err(_)) =
            tokio::time::timeout(Duration::from_millis(1), trickle.read(&mut probe)).await
        {
            closed = true;
            break;
        }
    }
    assert!(closed, "headers sent a byte at a time are cut off");
    still_serving(&server).await;
}

pub async fn a_chunked_body_over_the_limit_is_refused_with_413(db: TestDb) {
    let server = server(&db, &[("NEWSGRAPH_MAX_BODY_BYTES", "100000")]).await;
    let addr = addr(&server);
    let stream = send(
        &addr,
        format!(
            "POST /graphql HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\naccept: {GRAPHQL_RESPONSE}\r\ntransfer-encoding: chunked\r\n\r\n"
        )
        .as_bytes(),
    )
    .await;
    let (mut reader, mut writer) = stream.into_split();
    // Ten megabytes in 64 KiB chunks, until the server stops taking them.
    let sending = tokio::spawn(async move {
        let chunk = format!("10000\r\n{}\r\n", "y".repeat(0x10000));
        for _ in 0..160 {
            if writer.write_all(chunk.as_bytes()).await.is_err() {
                return;
            }
        }
        let _ = writer.write_all(b"0\r\n\r\n").await;
    });
    let mut bytes = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(20), reader.read_to_end(&mut bytes)).await;
    sending.abort();
    let answer = answer(&bytes, true);
    answer.is_refusal(
        (413, GRAPHQL_RESPONSE),
        "PAYLOAD_TOO_LARGE",
        "the request body is over the limit of 100000 bytes",
    );
    still_serving(&server).await;
}

pub async fn each_malformed_body_is_answered_as_graphql_with_bad_request(db: TestDb) {
    let server = server(&db, &[]).await;
    let url = format!("{}/graphql", server.base);
    let deep = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "malformed JSON",
            br#"{"query": }"#.to_vec(),
            "the body is not valid JSON at line 1 column 11: expected value",
        ),
        (
            "an empty body",
            Vec::new(),
            r#"the body is empty: send a JSON object such as {"query": "{ __typename }"}"#,
        ),
        (
            "a number",
            b"42".to_vec(),
            r#"the body is a number, not a JSON object such as {"query": "{ __typename }"}"#,
        ),
        (
            "variables that are a string",
            br#"{"query":"{ __typename }","variables":"x"}"#.to_vec(),
            "`variables` is a string; it must be a JSON object of names and values",
        ),
        (
            "a lone surrogate",
            br#"{"query":"{ __typename }","variables":{"x":"\ud800"}}"#.to_vec(),
            "the body is not valid JSON at line 1 column 51: a \\u escape of half a UTF-16 surrogate pair, which is no character",
        ),
        (
            "invalid UTF-8",
            b"{\"query\":\"{ __typename \xff}\"}".to_vec(),
            "the body is not valid UTF-8 at byte 23: send JSON text in UTF-8",
        ),
        (
            "JSON nested too deep",
            deep.into_bytes(),
            "the body is not valid JSON at line 1 column 128: nested more than 128 levels deep",
        ),
    ];
    for (name, body, said) in cases {
        for accept in ["application/json", GRAPHQL_RESPONSE] {
            let res = server
                .http()
                .post(&url)
                .header("content-type", "application/json")
                .header("accept", accept)
                .body(body.clone())
                .send()
                .await
                .expect("sent");
            assert_eq!(res.status(), 400, "{name}, {accept}");
            let content_type = res.headers()["content-type"].to_str().expect("text").to_owned();
            assert!(content_type.starts_with(accept), "{name}: {content_type}");
            let text = res.text().await.expect("a body");
            assert!(
                !text.contains("Error(") && !text.contains("Custom {"),
                "{name}: {text}"
            );
            let answer: Value = serde_json::from_str(&text).expect("JSON");
            assert_eq!(
                answer,
                json!({ "errors": [{ "message": said, "extensions": { "code": "BAD_REQUEST" } }] }),
                "{name}"
            );
        }
    }

    // A method GraphQL is not served over is refused as GraphQL too.
    let res = server.http().put(&url).send().await.expect("sent");
    assert_eq!(res.status(), 405);
    let answer: Value = res.json().await.expect("JSON");
    assert_eq!(
        answer["errors"][0]["extensions"]["code"], "BAD_REQUEST",
        "{answer}"
    );
    still_serving(&server).await;
}

pub async fn get_runs_the_operation_that_operation_name_selects(db: TestDb) {
    let server = server(&db, &[]).await;
    let url = format!("{}/graphql", server.base);
    let document = "query A { a: __typename } query B { b: __typename }";
    let get = |params: Vec<(&'static str, &'static str)>| {
        let request = server.http().get(&url).query(&params);
        async move {
            let res = request.send().await.expect("sent");
            (res.status().as_u16(), res.json::<Value>().await.expect("JSON"))
        }
    };
    let (status, body) = get(vec![("query", document), ("operationName", "B")]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, json!({ "data": { "b": "Query" } }));
    let (_, body) = get(vec![("query", document), ("operationName", "A")]).await;
    assert_eq!(body, json!({ "data": { "a": "Query" } }));
    // Without a name, a document of two operations cannot be run.
    let (_, body) = get(vec![("query", document)]).await;
    assert!(body["errors"][0]["message"].is_string(), "{body}");
    assert!(body.get("data").is_none_or(Value::is_null), "{body}");
    // Variables that are not JSON are refused as the body's are.
    let (status, body) = get(vec![("query", "{ __typename }"), ("variables", "{x")]).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_REQUEST", "{body}");
    assert_eq!(
        body["errors"][0]["message"],
        "the `variables` parameter is not valid JSON at line 1 column 2: key must be a string"
    );
}

pub async fn connections_beyond_the_cap_wait_until_one_closes(db: TestDb) {
    let server = server(&db, &[("NEWSGRAPH_MAX_CONNECTIONS", "1")]).await;
    // One connection, open and quiet, takes the only place.
    let holder = TcpStream::connect(addr(&server)).await.expect("connected");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let request = reqwest::Client::new()
        .post(format!("{}/graphql", server.base))
        .json(&json!({ "query": "{ __typename }" }));
    let waiting = tokio::spawn(async move {
        let res = request.send().await.expect("sent");
        (res.status().as_u16(), res.json::<Value>().await.expect("JSON"))
    });
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(
        !waiting.is_finished(),
        "a second connection is not served while the first is open"
    );
    // Once the first closes, the second is served, not refused.
    drop(holder);
    let (status, body) = tokio::time::timeout(Duration::from_secs(10), waiting)
        .await
        .expect("served within 10 s")
        .expect("the request task");
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, json!({ "data": { "__typename": "Query" } }));
}
