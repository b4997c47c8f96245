//! Subscriptions over `graphql-transport-ws` at `/graphql/ws`: new
//! statements and changed nodes, on one server and, on PostgreSQL, across
//! two servers sharing the database.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::fixtures::span;
use crate::harness::{Backend, TestDb};
use crate::server::{Server, newsgraph};

pub(crate) const EDITOR: &str = "editor-token-0123456789";

pub(crate) type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn server(db: &TestDb) -> Server {
    server_with(db, &[]).await
}

/// An empty server with an editor's token and settings of the test's own.
pub(crate) async fn server_with(db: &TestDb, env: &[(&str, &str)]) -> Server {
    let mut cmd = newsgraph();
    cmd.envs(db.env())
        .env("NEWSGRAPH_NO_SEED", "1")
        .env("NEWSGRAPH_WRITE_TOKENS", format!("editor={EDITOR}"))
        .envs(env.iter().copied());
    Server::spawn(cmd).await
}

/// Opens a `graphql-transport-ws` connection and initialises it.
pub(crate) async fn connect(server: &Server, payload: Value) -> (Socket, Value) {
    let url = format!("{}/graphql/ws", server.base.replacen("http", "ws", 1));
    let mut request = url.into_client_request().expect("a request");
    request.headers_mut().insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().expect("a header"),
    );
    let (mut socket, _) = tokio_tungstenite::connect_async(request)
        .await
        .expect("connected");
    send(
        &mut socket,
        json!({ "type": "connection_init", "payload": payload }),
    )
    .await;
    let ack = next(&mut socket).await;
    (socket, ack)
}

pub(crate) async fn send(socket: &mut Socket, message: Value) {
    socket
        .send(Message::text(message.to_string()))
        .await
        .expect("sent");
}

/// The next protocol message, or the close frame as `{"close": code}`.
pub(crate) async fn next(socket: &mut Socket) -> Value {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(15), socket.next())
            .await
            .expect("a message within 15 s")
            .expect("the connection is open")
            .expect("a frame");
        match message {
            Message::Text(text) => return serde_json::from_str(&text).expect("JSON"),
            Message::Close(frame) => {
                return json!({
                    "close": frame.as_ref().map(|f| u16::from(f.code)),
                    "reason": frame.map(|f| f.reason.to_string()),
                });
            }
            _ => continue,
        }
    }
}

pub(crate) fn document(key: &str, text: &str) -> Value {
    let excerpt = "as many times as it took";
    let (start, end) = span(excerpt);
    json!({
        "format": "newsgraph/1",
        "sources": [{ "key": "article", "title": "Peace talks stall", "text": crate::fixtures::ARTICLE }],
        "people": [{ "key": "peskov", "name": "Dmitry Peskov" }, { "key": "rubio", "name": "Marco Rubio" }],
        "statements": [{
            "key": key, "kind": "paraphrase", "text": text, "speaker": if key.starts_with("rubio") { "rubio" } else { "peskov" },
            "evidence": { "source": "article", "start": start, "end": end, "excerpt": excerpt }
        }]
    })
}

pub(crate) async fn import(server: &Server, doc: Value) {
    let res = server
        .http()
        .post(format!("{}/graphql", server.base))
        .bearer_auth(EDITOR)
        .json(&json!({
            "query": "mutation($doc: JSON!) { importGraph(document: $doc) { records { kind added } } }",
            "variables": { "doc": doc }
        }))
        .send()
        .await
        .expect("importGraph");
    let body: Value = res.json().await.expect("JSON");
    assert!(body.get("errors").is_none(), "{body}");
}

pub(crate) const ADDED: &str =
    "subscription($f: StatementFilter) { statementAdded(filter: $f) { text speaker { name } } }";

pub async fn a_subscriber_sees_statements_as_they_are_added(db: TestDb) {
    let server = server(&db).await;
    let (mut socket, ack) = connect(&server, json!({})).await;
    assert_eq!(ack["type"], "connection_ack", "{ack}");
    send(
        &mut socket,
        json!({ "id": "all", "type": "subscribe", "payload": { "query": ADDED } }),
    )
    .await;
    // The subscription is registered once the server has answered a ping.
    send(&mut socket, json!({ "type": "ping" })).await;
    assert_eq!(next(&mut socket).await["type"], "pong");

    import(&server, document("one", "Moscow will keep meeting.")).await;
    let message = next(&mut socket).await;
    assert_eq!(
        message,
        json!({ "id": "all", "type": "next", "payload": { "data": { "statementAdded": {
            "text": "Moscow will keep meeting.", "speaker": { "name": "Dmitry Peskov" }
        } } } })
    );
}

pub async fn a_filtered_subscription_sees_only_its_statements(db: TestDb) {
    let server = server(&db).await;
    import(&server, document("seed", "First words.")).await;
    let rubio = server
        .query(
            r#"{ people(filter: { name: "Rubio" }) { nodes { id } } }"#,
            json!({}),
        )
        .await["people"]["nodes"][0]["id"]
        .clone();
    let (mut socket, _) = connect(&server, json!({})).await;
    let payload = json!({ "query": ADDED, "variables": { "f": { "speaker": rubio } } });
    send(
        &mut socket,
        json!({ "id": "rubio", "type": "subscribe", "payload": payload }),
    )
    .await;
    send(&mut socket, json!({ "type": "ping" })).await;
    assert_eq!(next(&mut socket).await["type"], "pong");
    import(&server, document("peskov-2", "Not Rubio.")).await;
    import(&server, document("rubio-1", "Some progress.")).await;
    let message = next(&mut socket).await;
    assert_eq!(
        message["payload"]["data"]["statementAdded"]["text"], "Some progress.",
        "{message}"
    );
}

pub async fn node_changed_follows_corrections(db: TestDb) {
    let server = server(&db).await;
    import(&server, document("one", "Words.")).await;
    let peskov = server
        .query(
            r#"{ people(filter: { name: "Peskov" }) { nodes { id version } } }"#,
            json!({}),
        )
        .await["people"]["nodes"][0]
        .clone();
    let (mut socket, _) = connect(&server, json!({ "Authorization": format!("Bearer {EDITOR}") })).await;
    let query = "subscription($id: ID!) { nodeChanged(id: $id) { id ... on Person { name version } } }";
    send(&mut socket, json!({ "id": "n", "type": "subscribe", "payload": { "query": query, "variables": { "id": peskov["id"] } } })).await;
    send(&mut socket, json!({ "type": "ping" })).await;
    assert_eq!(next(&mut socket).await["type"], "pong");
    let res = server
        .http()
        .post(format!("{}/graphql", server.base))
        .bearer_auth(EDITOR)
        .json(&json!({
            "query": "mutation($id: ID!) { updateEntity(id: $id, version: 1, input: { name: \"Dmitry S. Peskov\" }) { version } }",
            "variables": { "id": peskov["id"] }
        }))
        .send()
        .await
        .expect("updateEntity");
    assert_eq!(res.status().as_u16(), 200);
    let message = next(&mut socket).await;
    assert_eq!(
        message["payload"]["data"]["nodeChanged"],
        json!({ "id": peskov["id"], "name": "Dmitry S. Peskov", "version": 2 }),
        "{message}"
    );
}

pub async fn a_bad_token_at_connection_init_closes_the_connection(db: TestDb) {
    let server = server(&db).await;
    let (_, answer) = connect(
        &server,
        json!({ "Authorization": "Bearer not-a-token-of-this-server" }),
    )
    .await;
    // 4403 Forbidden, as graphql-transport-ws clients expect.
    assert_eq!(answer["close"], 4403, "{answer}");
    assert_eq!(answer["reason"], "the bearer token is not one this server knows");
}

/// Every subscriber hears a write: on PostgreSQL, subscribers of another
/// server on the same database; on SQLite (one server per database), every
/// subscriber of the server.
pub async fn every_subscriber_hears_a_write_even_on_another_server(db: TestDb) {
    let writer = server(&db).await;
    let other = match db.backend {
        Backend::Postgres => Some(server(&db).await),
        Backend::Sqlite => None,
    };
    let reader = other.as_ref().unwrap_or(&writer);
    let mut sockets = Vec::new();
    for _ in 0..2 {
        let (mut socket, _) = connect(reader, json!({})).await;
        send(
            &mut socket,
            json!({ "id": "all", "type": "subscribe", "payload": { "query": ADDED } }),
        )
        .await;
        send(&mut socket, json!({ "type": "ping" })).await;
        assert_eq!(next(&mut socket).await["type"], "pong");
        sockets.push(socket);
    }
    import(&writer, document("w", "From the writer.")).await;
    for socket in &mut sockets {
        let heard = next(socket).await;
        assert_eq!(
            heard["payload"]["data"]["statementAdded"]["text"], "From the writer.",
            "{heard}"
        );
    }
}

/// Opens a WebSocket offering `protocol` (or none), without initialising.
pub(crate) async fn open(server: &Server, protocol: Option<&str>) -> Socket {
    let url = format!("{}/graphql/ws", server.base.replacen("http", "ws", 1));
    let mut request = url.into_client_request().expect("a request");
    if let Some(protocol) = protocol {
        request
            .headers_mut()
            .insert("sec-websocket-protocol", protocol.parse().expect("a header"));
    }
    let (socket, _) = tokio_tungstenite::connect_async(request)
        .await
        .expect("connected");
    socket
}

/// Sends each message in turn on a fresh connection (waiting for the
/// connection's `connection_ack` after `connection_init` and for a `pong`
/// after a ping); returns the close frame that ends it as `{"close", "reason"}`.
async fn breach(server: &Server, messages: &[Value]) -> Value {
    let mut socket = open(server, Some("graphql-transport-ws")).await;
    for message in messages {
        match message {
            Value::String(text) => socket.send(Message::text(text.clone())).await.expect("sent"),
            _ => send(&mut socket, message.clone()).await,
        }
        let reply = match message["type"].as_str() {
            Some("connection_init") => "connection_ack",
            Some("ping") => "pong",
            _ => continue,
        };
        let answer = next(&mut socket).await;
        if answer["type"] != reply {
            return answer;
        }
    }
    next(&mut socket).await
}

pub async fn breaches_of_the_protocol_close_the_connection_with_their_codes(db: TestDb) {
    let server = server(&db).await;
    let init = json!({ "type": "connection_init" });
    let ping = json!({ "type": "ping" });
    let subscribe = json!({ "id": "1", "type": "subscribe", "payload": { "query": ADDED } });
    let complete = json!({ "id": "1", "type": "complete" });

    let early = breach(&server, std::slice::from_ref(&subscribe)).await;
    assert_eq!(early, json!({ "close": 4401, "reason": "Unauthorized" }));

    let twice = breach(&server, &[init.clone(), init.clone()]).await;
    assert_eq!(
        twice,
        json!({ "close": 4429, "reason": "Too many initialisation requests" })
    );

    for invalid in [
        json!("not JSON"),
        json!({ "type": "subscribe_all" }),
        json!({ "type": "subscribe", "payload": { "query": ADDED } }),
        json!({ "id": "2", "type": "subscribe", "payload": { "query": ADDED, "variables": [] } }),
    ] {
        let answer = breach(&server, &[init.clone(), invalid.clone()]).await;
        assert_eq!(answer["close"], 4400, "{invalid}: {answer}");
        let reason = answer["reason"].as_str().unwrap_or_default();
        assert!(reason.starts_with("Invalid message received"), "{answer}");
    }

    let taken = breach(
        &server,
        &[init.clone(), subscribe.clone(), ping.clone(), subscribe.clone()],
    )
    .await;
    assert_eq!(
        taken,
        json!({ "close": 4409, "reason": "Subscriber for 1 already exists" })
    );

    // Once completed, an id may be used again: the connection stays open.
    let mut socket = open(&server, Some("graphql-transport-ws")).await;
    for message in [init, subscribe.clone(), complete, subscribe, ping] {
        send(&mut socket, message).await;
    }
    assert_eq!(next(&mut socket).await["type"], "connection_ack");
    let answer = next(&mut socket).await;
    // async-graphql confirms the client's complete before the pong.
    let answer = match answer["type"].as_str() {
        Some("complete") => next(&mut socket).await,
        _ => answer,
    };
    assert_eq!(answer, json!({ "type": "pong" }));
}

pub async fn a_client_without_a_subprotocol_the_server_speaks_gets_4406(db: TestDb) {
    let server = server(&db).await;
    let mut socket = open(&server, None).await;
    assert_eq!(
        next(&mut socket).await,
        json!({ "close": 4406, "reason": "Subprotocol not acceptable" })
    );

    // An unknown one: the upgrade succeeds without a subprotocol (so a
    // strict client gives up there), and the first frame is the close.
    let address = server.base.trim_start_matches("http://").to_owned();
    let mut tcp = tokio::net::TcpStream::connect(&address).await.expect("connected");
    let request = format!(
        "GET /graphql/ws HTTP/1.1\r\nHost: {address}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\
         Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
         Sec-WebSocket-Protocol: graphql-unknown\r\n\r\n"
    );
    tokio::io::AsyncWriteExt::write_all(&mut tcp, request.as_bytes())
        .await
        .expect("sent");
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(
        Duration::from_secs(5),
        tokio::io::AsyncReadExt::read_to_end(&mut tcp, &mut answer),
    )
    .await;
    let end = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head")
        + 4;
    let head = String::from_utf8_lossy(&answer[..end]).to_lowercase();
    assert!(head.starts_with("http/1.1 101"), "{head}");
    assert!(!head.contains("sec-websocket-protocol"), "{head}");
    let frame = &answer[end..];
    assert_eq!(frame[0] & 0x0f, 8, "a close frame: {frame:?}");
    assert_eq!(u16::from_be_bytes([frame[2], frame[3]]), 4406);
}
