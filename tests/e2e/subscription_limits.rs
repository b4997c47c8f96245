//! What keeps one client's subscriptions from taking the server from the
//! others: the `connection_init` timeout, the caps on subscriptions per
//! connection and on connections, and one read per change per distinct
//! target, shared by every subscriber of it.

use std::collections::BTreeMap;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

use crate::harness::TestDb;
use crate::operations::sample;
use crate::server::Server;
use crate::subscriptions::{ADDED, EDITOR, Socket, connect, document, import, next, open, send, server_with};

/// The value of a metric in `/metrics`; 0 before it is first recorded.
async fn metric(server: &Server, series: &str) -> f64 {
    let text = server
        .http()
        .get(format!("{}/metrics", server.base))
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("text");
    sample(&text, series).unwrap_or(0.0)
}

/// Waits until a metric's value passes `test`; panics if it does not within 60 s.
async fn await_metric(server: &Server, series: &str, test: impl Fn(f64) -> bool) {
    let mut last = 0.0;
    for _ in 0..600 {
        last = metric(server, series).await;
        if test(last) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{series} stayed at {last}");
}

const READS: &str = "newsgraph_subscription_reads_total";
const RUNNING: &str = "newsgraph_subscriptions";

pub async fn a_connection_without_connection_init_is_closed_with_4408(db: TestDb) {
    let server = server_with(&db, &[("NEWSGRAPH_WS_INIT_TIMEOUT_MS", "300")]).await;
    let (mut initialised, ack) = connect(&server, json!({})).await;
    assert_eq!(ack["type"], "connection_ack", "{ack}");

    let mut silent = open(&server, Some("graphql-transport-ws")).await;
    assert_eq!(
        next(&mut silent).await,
        json!({ "close": 4408, "reason": "Connection initialisation timeout" })
    );
    // The connection that sent connection_init in time is still served,
    // although it was opened before the one that timed out.
    send(&mut initialised, json!({ "type": "ping" })).await;
    assert_eq!(next(&mut initialised).await, json!({ "type": "pong" }));
}

pub async fn a_subscription_over_the_connection_limit_gets_an_error_and_the_others_go_on(db: TestDb) {
    let server = server_with(&db, &[("NEWSGRAPH_MAX_SUBSCRIPTIONS_PER_CONNECTION", "2")]).await;
    let (mut socket, _) = connect(&server, json!({})).await;
    for id in ["1", "2", "3"] {
        let subscribe = json!({ "id": id, "type": "subscribe", "payload": { "query": ADDED } });
        send(&mut socket, subscribe).await;
    }
    assert_eq!(
        next(&mut socket).await,
        json!({ "id": "3", "type": "error", "payload": [{
            "message": "this connection runs its limit of 2 subscriptions; complete one before starting another",
            "extensions": { "code": "TOO_MANY_SUBSCRIPTIONS" }
        }] })
    );
    // The two within the limit still run.
    import(&server, document("one", "Moscow will keep meeting.")).await;
    let mut heard = [next(&mut socket).await, next(&mut socket).await];
    heard.sort_by_key(|m| m["id"].as_str().map(str::to_owned));
    for (message, id) in heard.iter().zip(["1", "2"]) {
        assert_eq!(message["id"], id, "{message}");
        assert_eq!(
            message["payload"]["data"]["statementAdded"]["text"], "Moscow will keep meeting.",
            "{message}"
        );
    }

    // Once one is completed, another operation may start.
    send(&mut socket, json!({ "id": "1", "type": "complete" })).await;
    assert_eq!(next(&mut socket).await, json!({ "id": "1", "type": "complete" }));
    let query = json!({ "id": "4", "type": "subscribe", "payload": { "query": "{ __typename }" } });
    send(&mut socket, query).await;
    assert_eq!(
        next(&mut socket).await,
        json!({ "id": "4", "type": "next", "payload": { "data": { "__typename": "Query" } } })
    );
    assert_eq!(next(&mut socket).await, json!({ "id": "4", "type": "complete" }));
}

pub async fn subscriptions_over_the_servers_limit_get_an_error_on_any_connection(db: TestDb) {
    let server = server_with(&db, &[("NEWSGRAPH_MAX_SUBSCRIPTIONS", "3")]).await;
    let (mut first, _) = connect(&server, json!({})).await;
    let (mut second, _) = connect(&server, json!({})).await;
    for id in ["1", "2"] {
        send(
            &mut first,
            json!({ "id": id, "type": "subscribe", "payload": { "query": ADDED } }),
        )
        .await;
    }
    await_metric(&server, RUNNING, |n| n == 2.0).await;
    for id in ["1", "2"] {
        send(
            &mut second,
            json!({ "id": id, "type": "subscribe", "payload": { "query": ADDED } }),
        )
        .await;
    }
    assert_eq!(
        next(&mut second).await,
        json!({ "id": "2", "type": "error", "payload": [{
            "message": "the server runs its limit of subscriptions; retry later",
            "extensions": { "code": "TOO_MANY_SUBSCRIPTIONS" }
        }] })
    );
    // A connection that goes gives its places back to the others.
    drop(first);
    await_metric(&server, "newsgraph_ws_connections", |n| n == 1.0).await;
    send(
        &mut second,
        json!({ "id": "2", "type": "subscribe", "payload": { "query": ADDED } }),
    )
    .await;
    // Both of the second connection's subscriptions follow the statements.
    await_metric(&server, RUNNING, |n| n == 2.0).await;
    import(&server, document("again", "Kyiv will keep talking.")).await;
    let mut heard = [next(&mut second).await, next(&mut second).await];
    heard.sort_by_key(|m| m["id"].as_str().map(str::to_owned));
    for (message, id) in heard.iter().zip(["1", "2"]) {
        assert_eq!(message["id"], id, "{message}");
        assert_eq!(
            message["payload"]["data"]["statementAdded"]["text"], "Kyiv will keep talking.",
            "{message}"
        );
    }
}

pub async fn a_websocket_over_the_server_limit_is_closed_with_1013(db: TestDb) {
    let server = server_with(&db, &[("NEWSGRAPH_MAX_WS_CONNECTIONS", "2")]).await;
    let (mut first, _) = connect(&server, json!({})).await;
    let (_second, _) = connect(&server, json!({})).await;

    let mut third = open(&server, Some("graphql-transport-ws")).await;
    assert_eq!(
        next(&mut third).await,
        json!({ "close": 1013, "reason": "the server holds its limit of 2 WebSocket connections; retry later" })
    );

    // A connection that ends gives its place to the next.
    first.close(None).await.expect("closed");
    await_metric(&server, "newsgraph_ws_connections", |open| open <= 1.0).await;
    let (_, ack) = connect(&server, json!({})).await;
    assert_eq!(ack["type"], "connection_ack", "{ack}");
}

/// The first person called `name` in the graph.
async fn person(server: &Server, name: &str) -> Value {
    let found = server
        .query(
            "query($n: String) { people(filter: { name: $n }) { nodes { id } } }",
            json!({ "n": name }),
        )
        .await;
    found["people"]["nodes"][0]["id"].clone()
}

pub async fn five_thousand_subscribers_of_one_node_hear_its_change_from_one_read(db: TestDb) {
    // The default limit of subscriptions per connection: async-graphql
    // polls every operation of a connection each time one of them wakes.
    const CONNECTIONS: usize = 50;
    const EACH: usize = 100;
    let server = server_with(&db, &[]).await;
    import(&server, document("one", "Words.")).await;
    let peskov = person(&server, "Peskov").await;
    let query = "subscription($id: ID!) { nodeChanged(id: $id) { id ... on Person { name } } }";
    let mut sockets: Vec<Socket> = Vec::new();
    for _ in 0..CONNECTIONS {
        let (mut socket, _) = connect(&server, json!({})).await;
        for n in 0..EACH {
            let payload = json!({ "query": query, "variables": { "id": peskov } });
            let message = json!({ "id": n.to_string(), "type": "subscribe", "payload": payload });
            socket
                .feed(Message::text(message.to_string()))
                .await
                .expect("sent");
        }
        socket.flush().await.expect("sent");
        sockets.push(socket);
    }
    await_metric(&server, RUNNING, |n| n >= (CONNECTIONS * EACH) as f64).await;
    let reads = metric(&server, READS).await;

    let rename = "mutation($id: ID!) { updateEntity(id: $id, version: 1, input: { name: \"Dmitry S. Peskov\" }) { version } }";
    let res = server
        .http()
        .post(format!("{}/graphql", server.base))
        .bearer_auth(EDITOR)
        .json(&json!({ "query": rename, "variables": { "id": peskov } }))
        .send()
        .await
        .expect("updateEntity");
    let body: Value = res.json().await.expect("JSON");
    assert_eq!(body["data"]["updateEntity"]["version"], 2, "{body}");

    for socket in &mut sockets {
        let mut ids = Vec::new();
        for _ in 0..EACH {
            let message = next(socket).await;
            assert_eq!(
                message["payload"]["data"]["nodeChanged"],
                json!({ "id": peskov, "name": "Dmitry S. Peskov" }),
                "{message}"
            );
            ids.push(
                message["id"]
                    .as_str()
                    .expect("an id")
                    .parse::<usize>()
                    .expect("a number"),
            );
        }
        ids.sort_unstable();
        assert_eq!(
            ids,
            (0..EACH).collect::<Vec<_>>(),
            "every subscription heard it once"
        );
    }
    assert_eq!(
        metric(&server, READS).await - reads,
        1.0,
        "one read for every subscriber"
    );
}

pub async fn statement_subscribers_with_the_same_filter_share_a_read_and_see_only_their_matches(db: TestDb) {
    let server = server_with(&db, &[]).await;
    import(&server, document("seed", "First words.")).await;
    let rubio = person(&server, "Rubio").await;
    let peskov = person(&server, "Peskov").await;
    // Six subscribers on two connections, following three filters.
    let follows = [
        (0, "rubio-a", json!({ "speaker": rubio })),
        (0, "all-a", Value::Null),
        (0, "peskov", json!({ "speaker": peskov })),
        (1, "rubio-b", json!({ "speaker": rubio })),
        (1, "all-b", Value::Null),
        (1, "rubio-c", json!({ "speaker": rubio })),
    ];
    let mut sockets = [
        connect(&server, json!({})).await.0,
        connect(&server, json!({})).await.0,
    ];
    for (socket, id, filter) in &follows {
        let payload = json!({ "query": ADDED, "variables": { "f": filter } });
        send(
            &mut sockets[*socket],
            json!({ "id": id, "type": "subscribe", "payload": payload }),
        )
        .await;
    }
    // A bad filter still fails its subscription at once.
    let bad = json!({ "query": ADDED, "variables": { "f": { "speaker": "not-an-id" } } });
    send(
        &mut sockets[0],
        json!({ "id": "bad", "type": "subscribe", "payload": bad }),
    )
    .await;
    let refused = next(&mut sockets[0]).await;
    assert_eq!(refused["id"], "bad", "{refused}");
    assert_eq!(
        refused["payload"]["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{refused}"
    );
    assert_eq!(
        next(&mut sockets[0]).await,
        json!({ "id": "bad", "type": "complete" })
    );
    await_metric(&server, RUNNING, |n| n >= 6.0).await;
    let reads = metric(&server, READS).await;

    import(&server, document("rubio-1", "Some progress.")).await;
    import(&server, document("peskov-1", "Not Rubio.")).await;
    import(&server, document("rubio-2", "More progress.")).await;

    let rubios = ["Some progress.", "More progress."];
    let all = ["Some progress.", "Not Rubio.", "More progress."];
    let expected = [
        BTreeMap::from([
            ("rubio-a", &rubios[..]),
            ("all-a", &all[..]),
            ("peskov", &["Not Rubio."][..]),
        ]),
        BTreeMap::from([
            ("rubio-b", &rubios[..]),
            ("all-b", &all[..]),
            ("rubio-c", &rubios[..]),
        ]),
    ];
    for (socket, expected) in sockets.iter_mut().zip(expected) {
        let count = expected.values().map(|texts| texts.len()).sum::<usize>();
        let mut heard: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for _ in 0..count {
            let message = next(socket).await;
            let id = expected
                .keys()
                .find(|id| message["id"] == **id)
                .unwrap_or_else(|| panic!("an unexpected message: {message}"));
            let text = &message["payload"]["data"]["statementAdded"]["text"];
            heard
                .entry(id)
                .or_default()
                .push(text.as_str().unwrap_or_default().to_owned());
        }
        let expected: BTreeMap<&str, Vec<String>> = expected
            .into_iter()
            .map(|(id, texts)| (id, texts.iter().map(|t| (*t).to_owned()).collect()))
            .collect();
        assert_eq!(heard, expected);
        send(socket, json!({ "type": "ping" })).await;
        assert_eq!(next(socket).await, json!({ "type": "pong" }), "nothing more");
    }
    // Three filters, three changes: nine reads, however many subscribers.
    await_metric(&server, READS, |n| n >= reads + 9.0).await;
    assert_eq!(metric(&server, READS).await - reads, 9.0);
}

pub async fn a_websocket_message_over_the_body_limit_ends_the_connection(db: TestDb) {
    let server = server_with(&db, &[("NEWSGRAPH_MAX_BODY_BYTES", "2000")]).await;
    let (mut socket, _) = connect(&server, json!({})).await;
    let long = format!(
        "subscription {{ statementAdded {{ id }} }} # {}",
        "x".repeat(3000)
    );
    let subscribe = json!({ "id": "1", "type": "subscribe", "payload": { "query": long } });
    let _ = socket.send(Message::text(subscribe.to_string())).await;
    let end = tokio::time::timeout(Duration::from_secs(15), socket.next())
        .await
        .expect("an answer within 15 s");
    // The server drops it without a close frame.
    assert!(
        matches!(end, None | Some(Err(_)) | Some(Ok(Message::Close(_)))),
        "the connection ends: {end:?}"
    );
}
