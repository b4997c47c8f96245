//! Graceful shutdown on SIGTERM: requests in flight finish, subscribers are
//! told with 1001 Going Away, the process exits cleanly, and a request that
//! never finishes does not hold it past the grace period.

use std::time::{Duration, Instant};

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::harness::TestDb;
use crate::server::{Server, newsgraph};
use crate::subscriptions::{connect, next, send};

/// Starts a request whose body is still coming: it is in flight until the
/// rest is sent.
async fn half_sent(server: &Server, body: &str) -> (tokio::net::TcpStream, String) {
    let addr = server.base.trim_start_matches("http://").to_owned();
    let mut client = tokio::net::TcpStream::connect(&addr).await.expect("connected");
    let (first, rest) = body.split_at(body.len() / 2);
    client
        .write_all(
            format!(
                "POST /graphql HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{first}",
                body.len()
            )
            .as_bytes(),
        )
        .await
        .expect("written");
    client.flush().await.expect("flushed");
    (client, rest.to_owned())
}

pub async fn sigterm_lets_requests_finish_and_tells_subscribers(db: TestDb) {
    let mut server = Server::start_seeded(&db).await;
    let (mut socket, ack) = connect(&server, json!({})).await;
    assert_eq!(ack["type"], "connection_ack", "{ack}");
    send(
        &mut socket,
        json!({ "id": "1", "type": "subscribe", "payload": { "query": "subscription { statementAdded { text } }" } }),
    )
    .await;
    let body = json!({ "query": "{ people { totalCount } }" }).to_string();
    let (mut client, rest) = half_sent(&server, &body).await;
    // Let the server take the request before it is told to stop.
    tokio::time::sleep(Duration::from_millis(200)).await;

    server.terminate();
    // Subscribers are told the server is going away.
    let closed = next(&mut socket).await;
    assert_eq!(closed["close"], 1001, "{closed}");
    // The request in flight is still answered in full.
    client.write_all(rest.as_bytes()).await.expect("the rest written");
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(10), client.read_to_string(&mut answer))
        .await
        .expect("answered within 10 s")
        .expect("read");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answer.contains(r#"{"data":{"people":{"totalCount":9}}}"#),
        "{answer}"
    );
    let status = server
        .exited(Duration::from_secs(10))
        .await
        .expect("the server exits");
    assert!(status.success(), "a clean exit: {status:?}");
    // New connections are refused once it is gone.
    assert!(
        reqwest::get(format!("{}/health", server.base)).await.is_err(),
        "nothing listens any more"
    );
}

pub async fn a_stalled_request_does_not_hold_the_shutdown_past_its_grace(db: TestDb) {
    let mut cmd = newsgraph();
    cmd.envs(db.env())
        .env("NEWSGRAPH_NO_SEED", "1")
        .env("NEWSGRAPH_SHUTDOWN_TIMEOUT_MS", "500");
    let mut server = Server::spawn(cmd).await;
    let (_client, _never_sent) = half_sent(&server, &json!({ "query": "{ __typename }" }).to_string()).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    server.terminate();
    let status = server
        .exited(Duration::from_secs(10))
        .await
        .expect("the server exits");
    assert!(status.success(), "{status:?}");
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(400) && took < Duration::from_secs(5),
        "it waited for the request, but no longer than the grace period: {took:?}"
    );
}
