//! Subscriptions over WebSocket at `/graphql/ws`: `graphql-transport-ws`,
//! and the older `graphql-ws`. async-graphql runs the operations; this
//! module holds each connection to the rules of `graphql-transport-ws`
//! where async-graphql does not, closing the connection on a breach with
//! the code the protocol gives it, as the `graphql-ws` reference server
//! does: 4400 for an invalid message, 4401 for a subscribe before
//! `connection_init`, 4406 for no subprotocol it speaks, 4408 for no
//! `connection_init` in time, 4409 for an id in use and 4429 for a second
//! `connection_init`.
//!
//! Each connection runs at most `--max-subscriptions-per-connection`
//! operations: one more gets an `error` message for its id, with the code
//! `TOO_MANY_SUBSCRIPTIONS`, and the others go on; so does one over the
//! server's `--max-subscriptions`, across all connections. The server holds at most
//! `--max-ws-connections` connections: one more is accepted and closed at
//! once with 1013 Try Again Later, which a client sees (a refused upgrade
//! would only tell it that the upgrade failed) and retries later.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use async_graphql::ServerError;
use async_graphql::http::{ALL_WEBSOCKET_PROTOCOLS, WebSocketProtocols, WsMessage};
use axum::body::Bytes;
use axum::extract::ws::{CloseFrame, Message, WebSocket};
use axum::extract::{State, WebSocketUpgrade};
use axum::http::HeaderMap;
use axum::http::header::SEC_WEBSOCKET_PROTOCOL;
use axum::response::Response;
use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use serde_json::{Map, Value};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::state::AppState;
use crate::auth::Caller;
use crate::error::coded;
use crate::graphql::fanout::{Fanout, READS_AT_ONCE};
use crate::guard::trusted::{self, TrustedDocuments};
use crate::loader::Loaders;

/// Subscriptions over WebSocket (`graphql-transport-ws`, and the older
/// `graphql-ws`). The token goes in the `connection_init` payload as
/// `{"Authorization": "Bearer <token>"}`, checked as for HTTP: a refused
/// one closes the connection with 4403 Forbidden. When the server shuts
/// down, every connection is closed with 1001 Going Away.
pub async fn graphql_ws(
    State(state): State<AppState>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    let protocol = headers
        .get(SEC_WEBSOCKET_PROTOCOL)
        .and_then(|v| v.to_str().ok())
        .and_then(|list| {
            list.split(',')
                .find_map(|p| p.trim().parse::<WebSocketProtocols>().ok())
        });
    let place = state.ws_connections.clone().try_acquire_owned();
    // A message is held to what a request body may be; the read buffer,
    // allocated whole for each connection, is small (4 KiB, not 128), as
    // the client's messages are.
    let max = state.limits.max_body_bytes;
    let upgrade = upgrade
        .read_buffer_size(READ_BUFFER)
        .max_message_size(max)
        .max_frame_size(max);
    match (protocol, place) {
        (Some(protocol), Ok(place)) => {
            upgrade
                .protocols(ALL_WEBSOCKET_PROTOCOLS)
                .on_upgrade(move |socket| async move {
                    let _open = Open::new(place);
                    serve_socket(socket, state, protocol).await;
                })
        }
        (Some(_), Err(_)) => {
            let reason = format!(
                "the server holds its limit of {} WebSocket connections; retry later",
                state.limits.max_ws_connections
            );
            upgrade
                .protocols(ALL_WEBSOCKET_PROTOCOLS)
                .on_upgrade(move |mut socket| async move {
                    let _ = socket.send(close(1013, &reason)).await;
                })
        }
        // Accepted without a subprotocol and closed at once, as the
        // reference server does: a close code reaches the client, where a
        // refused upgrade would only say that it failed.
        (None, _) => upgrade.on_upgrade(|mut socket| async move {
            let _ = socket.send(close(4406, "Subprotocol not acceptable")).await;
        }),
    }
}

/// The gauge of open WebSocket connections in `/metrics`.
pub const CONNECTIONS_METRIC: &str = "newsgraph_ws_connections";

/// An open connection: its place among the server's connections, counted
/// in `/metrics` while it lives.
struct Open {
    _place: OwnedSemaphorePermit,
}

impl Open {
    fn new(place: OwnedSemaphorePermit) -> Self {
        metrics::gauge!(CONNECTIONS_METRIC).increment(1.0);
        Self { _place: place }
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        metrics::gauge!(CONNECTIONS_METRIC).decrement(1.0);
    }
}

/// Bytes read from a connection at a time.
const READ_BUFFER: usize = 4 * 1024;

/// What a refused `connection_init` says; the close code becomes 4403.
const REFUSED: &str = "forbidden: ";

/// Messages checked and waiting for async-graphql; while they are this
/// many, the client's next message waits in the socket.
const QUEUE: usize = 16;

async fn serve_socket(socket: WebSocket, state: AppState, protocol: WebSocketProtocols) {
    let (mut sink, mut stream) = socket.split();
    let (forward, forwarded) = tokio::sync::mpsc::channel::<Bytes>(QUEUE);
    let input = futures_util::stream::unfold(forwarded, |mut queue| async move {
        queue.recv().await.map(|message| (message, queue))
    });
    let tokens = state.tokens.clone();
    let db = state.db.clone();
    let reads = subscription_reads(&state);
    let messages = async_graphql::http::WebSocket::new(state.schema.clone(), input, protocol).on_connection_init(
        move |payload: serde_json::Value| async move {
            let header = payload
                .get("Authorization")
                .or_else(|| payload.get("authorization"))
                .and_then(|v| v.as_str())
                .map(|v| v.as_bytes().to_vec());
            match tokens.caller(header.as_deref()) {
                Caller::Refused => Err(format!("{REFUSED}the bearer token is not one this server knows").into()),
                Caller::Anonymous if tokens.reads_need_token() => Err(format!(
                    "{REFUSED}this server needs a token: send {{\"Authorization\": \"Bearer <token>\"}} in connection_init"
                )
                .into()),
                caller => {
                    let mut data = async_graphql::Data::default();
                    data.insert(caller);
                    data.insert(Loaders::spawning(&db, reads));
                    Ok(data)
                }
            }
        },
    );
    futures_util::pin_mut!(messages);
    let mut conversation = Conversation::new(
        protocol,
        state.limits.max_subscriptions_per_connection,
        state.subscriptions.clone(),
    );
    let documents = state.trusted_documents.clone();
    let mut stopping = state.stopping.clone();
    let init_timeout = tokio::time::sleep(state.limits.ws_init_timeout);
    tokio::pin!(init_timeout);
    loop {
        let closing = tokio::select! {
            // Room in the queue first: while there is none, the client's
            // next message waits in the socket. A message read ends the
            // branch at once, so none is lost when another branch wins.
            (place, incoming) = async { (forward.reserve().await, stream.next().await) } => match incoming {
                Some(Ok(message @ (Message::Text(_) | Message::Binary(_)))) => {
                    let mut data = message.into_data();
                    let named = match &documents {
                        Some(documents) if conversation.initialised => named_document(documents, &data),
                        _ => Ok(None),
                    };
                    let verdict = match named {
                        Ok(Some(filled)) => {
                            data = filled;
                            conversation.receive(&data)
                        }
                        Ok(None) => conversation.receive(&data),
                        Err(refusal) => Ok(Verdict::Answer(refusal)),
                    };
                    match verdict {
                        Ok(Verdict::Forward) => match place {
                            Ok(place) => {
                                place.send(data);
                                None
                            }
                            Err(_) => Some(Closing::internal()),
                        },
                        Ok(Verdict::Answer(text)) => {
                            if sink.send(Message::Text(text.into())).await.is_err() {
                                break;
                            }
                            None
                        }
                        Err(breach) => Some(breach),
                    }
                }
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => None,
                Some(Ok(Message::Close(_)) | Err(_)) | None => break,
            },
            outgoing = messages.next() => match outgoing {
                Some(WsMessage::Text(text)) => {
                    conversation.sent(&text);
                    if sink.send(Message::Text(text.into())).await.is_err() {
                        break;
                    }
                    None
                }
                Some(WsMessage::Close(code, reason)) => Some(Closing::from_graphql(code, &reason)),
                None => break,
            },
            () = &mut init_timeout, if !conversation.initialised => {
                Some(Closing(4408, "Connection initialisation timeout".to_owned()))
            }
            () = async {
                // The guard `wait_for` returns must not live across an await.
                let _ = stopping.wait_for(|stop| *stop).await;
            } => Some(Closing(1001, "the server is shutting down".to_owned())),
        };
        if let Some(Closing(code, reason)) = closing {
            let _ = sink.send(close(code, &reason)).await;
            break;
        }
    }
}

/// The places for database reads that every subscription shares.
fn subscription_reads(state: &AppState) -> Arc<Semaphore> {
    match state.schema.data::<Fanout>() {
        Some(fanout) => fanout.reads(),
        None => {
            tracing::error!("schema without subscription fan-out");
            Arc::new(Semaphore::new(READS_AT_ONCE))
        }
    }
}

/// Why a connection closes: the close code and the reason.
struct Closing(u16, String);

impl Closing {
    fn invalid(why: impl std::fmt::Display) -> Self {
        Self(4400, format!("Invalid message received: {why}"))
    }

    fn internal() -> Self {
        Self(4500, "Internal server error".to_owned())
    }

    /// async-graphql's own close codes, in `graphql-transport-ws` terms.
    fn from_graphql(code: u16, reason: &str) -> Self {
        match (code, reason.strip_prefix(REFUSED)) {
            (1002, Some(reason)) => Self(4403, reason.to_owned()),
            (1002, None) => Self::invalid(reason),
            (1011, None) => Self(4401, "Unauthorized".to_owned()),
            _ => Self(code, reason.to_owned()),
        }
    }
}

/// A message from a `graphql-transport-ws` client, as the protocol
/// defines it.
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ClientMessage {
    ConnectionInit {
        #[serde(rename = "payload")]
        _payload: Option<Map<String, Value>>,
    },
    Ping {
        #[serde(rename = "payload")]
        _payload: Option<Map<String, Value>>,
    },
    Pong {
        #[serde(rename = "payload")]
        _payload: Option<Map<String, Value>>,
    },
    Subscribe {
        id: String,
        #[serde(rename = "payload")]
        _payload: SubscribePayload,
    },
    Complete {
        id: String,
    },
}

/// A subscribe message's request; checked here for its shape only.
#[derive(Deserialize)]
struct SubscribePayload {
    #[serde(rename = "query")]
    _query: String,
    #[serde(rename = "variables")]
    _variables: Option<Map<String, Value>>,
    #[serde(rename = "operationName")]
    _operation_name: Option<String>,
    #[serde(rename = "extensions")]
    _extensions: Option<Map<String, Value>>,
}

/// A message from a client of the older `graphql-ws` protocol, as far as
/// the count of its operations needs; async-graphql checks the rest.
#[derive(Deserialize)]
struct OlderMessage {
    #[serde(rename = "type")]
    kind: String,
    id: Option<String>,
}

/// What a client's message does to the conversation.
enum Step {
    Init,
    Subscribe(String),
    Complete(String),
    Other,
}

/// What becomes of a client's message that breaks no rule.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    /// async-graphql handles it.
    Forward,
    /// This answer goes to the client instead.
    Answer(String),
}

/// Where a conversation stands, as far as the protocol's rules and the
/// server's limits need: whether it was initialised, and which operation
/// ids are in use.
struct Conversation {
    /// False for the older `graphql-ws` protocol, whose rules differ.
    checked: bool,
    initialised: bool,
    /// Most operations running at once.
    max_running: usize,
    /// The places of the server's subscriptions, shared by every connection.
    server: Arc<Semaphore>,
    /// Ids of the operations running, each with its place on the server.
    running: HashMap<String, OwnedSemaphorePermit>,
    /// Ids the client completed, whose `complete` from async-graphql is
    /// still to come.
    completing: HashSet<String>,
}

impl Conversation {
    fn new(protocol: WebSocketProtocols, max_running: usize, server: Arc<Semaphore>) -> Self {
        Self {
            checked: protocol == WebSocketProtocols::GraphQLWS,
            initialised: false,
            max_running,
            server,
            running: HashMap::new(),
            completing: HashSet::new(),
        }
    }

    /// Checks a message from the client against the protocol and the
    /// limit on operations.
    fn receive(&mut self, data: &[u8]) -> Result<Verdict, Closing> {
        let step = if self.checked {
            self.check(data)?
        } else {
            older_step(data)
        };
        match step {
            Step::Init => self.initialised = true,
            Step::Subscribe(id) if self.running.contains_key(&id) => {}
            Step::Subscribe(id) if self.running.len() >= self.max_running => {
                let why = format!(
                    "this connection runs its limit of {} subscriptions; complete one before starting another",
                    self.max_running
                );
                return Ok(Verdict::Answer(too_many(&id, &why)));
            }
            Step::Subscribe(id) => match self.server.clone().try_acquire_owned() {
                Ok(place) => {
                    self.running.insert(id, place);
                }
                Err(_) => {
                    let why = "the server runs its limit of subscriptions; retry later".to_owned();
                    return Ok(Verdict::Answer(too_many(&id, &why)));
                }
            },
            Step::Complete(id) => {
                if self.running.remove(&id).is_some() {
                    self.completing.insert(id);
                }
            }
            Step::Other => {}
        }
        Ok(Verdict::Forward)
    }

    /// The rules of `graphql-transport-ws`.
    fn check(&self, data: &[u8]) -> Result<Step, Closing> {
        let message: ClientMessage = serde_json::from_slice(data).map_err(Closing::invalid)?;
        match message {
            ClientMessage::ConnectionInit { .. } if self.initialised => {
                Err(Closing(4429, "Too many initialisation requests".to_owned()))
            }
            ClientMessage::ConnectionInit { .. } => Ok(Step::Init),
            ClientMessage::Subscribe { id, .. } | ClientMessage::Complete { id } if id.is_empty() => {
                Err(Closing::invalid("the id is empty"))
            }
            ClientMessage::Subscribe { .. } if !self.initialised => {
                Err(Closing(4401, "Unauthorized".to_owned()))
            }
            ClientMessage::Subscribe { id, .. } if self.running.contains_key(&id) => {
                let reason = format!("Subscriber for {id} already exists");
                Err(Closing(4409, reason))
            }
            ClientMessage::Subscribe { id, .. } => Ok(Step::Subscribe(id)),
            ClientMessage::Complete { id } => Ok(Step::Complete(id)),
            ClientMessage::Ping { .. } | ClientMessage::Pong { .. } => Ok(Step::Other),
        }
    }

    /// Notes a message to the client: a `complete` frees its id. async-graphql
    /// answers a client's `complete` with one too, which frees nothing more.
    fn sent(&mut self, text: &str) {
        #[derive(Deserialize)]
        struct Complete {
            id: String,
        }
        // Serialized by async-graphql, the type comes first.
        if !text.starts_with(r#"{"type":"complete""#) {
            return;
        }
        if let Ok(Complete { id }) = serde_json::from_str(text)
            && !self.completing.remove(&id)
        {
            self.running.remove(&id);
        }
    }
}

/// What a message of the older protocol does; one it cannot read is left
/// to async-graphql to refuse.
fn older_step(data: &[u8]) -> Step {
    let Ok(OlderMessage { kind, id }) = serde_json::from_slice(data) else {
        return Step::Other;
    };
    match (kind.as_str(), id) {
        ("connection_init", _) => Step::Init,
        ("start" | "subscribe", Some(id)) => Step::Subscribe(id),
        ("stop" | "complete", Some(id)) => Step::Complete(id),
        _ => Step::Other,
    }
}

/// The `error` message refusing operation `id` over a limit, saying which.
fn too_many(id: &str, why: &str) -> String {
    refusal(id, &coded("TOO_MANY_SUBSCRIPTIONS", why.to_owned()))
}

/// The `error` message refusing operation `id`.
fn refusal(id: &str, error: &ServerError) -> String {
    serde_json::json!({ "id": id, "type": "error", "payload": [error] }).to_string()
}

/// A `subscribe` (or the older `start`) that names a trusted document by
/// id, given that document's text as HTTP requests are; `None` for any
/// other message, `Err` the refusal of an id the manifest lacks.
fn named_document(documents: &TrustedDocuments, data: &[u8]) -> Result<Option<Bytes>, String> {
    let Ok(Value::Object(mut message)) = serde_json::from_slice::<Value>(data) else {
        return Ok(None);
    };
    if !matches!(
        message.get("type").and_then(Value::as_str),
        Some("subscribe" | "start")
    ) {
        return Ok(None);
    }
    let id = message
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let Some(Value::Object(payload)) = message.get_mut("payload") else {
        return Ok(None);
    };
    let before = payload.get("query").cloned();
    match documents.fill(payload) {
        Err(unknown) => Err(refusal(&id, &trusted::unknown(&unknown))),
        Ok(()) if payload.get("query") != before.as_ref() => {
            Ok(Some(Bytes::from(Value::Object(message).to_string())))
        }
        Ok(()) => Ok(None),
    }
}

/// A close frame; its reason cut to the 123 bytes a frame has room for.
fn close(code: u16, reason: &str) -> Message {
    let mut end = reason.len().min(123);
    while !reason.is_char_boundary(end) {
        end -= 1;
    }
    Message::Close(Some(CloseFrame {
        code,
        reason: reason[..end].into(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conversation() -> Conversation {
        Conversation::new(WebSocketProtocols::GraphQLWS, 100, Arc::new(Semaphore::new(1000)))
    }

    fn code(result: Result<Verdict, Closing>) -> u16 {
        result.err().map_or(0, |Closing(code, _)| code)
    }

    const INIT: &[u8] = br#"{"type":"connection_init"}"#;
    const SUBSCRIBE: &[u8] =
        br#"{"type":"subscribe","id":"1","payload":{"query":"subscription { statementAdded { id } }"}}"#;

    #[test]
    fn a_subscribe_before_connection_init_is_unauthorized() {
        assert_eq!(code(conversation().receive(SUBSCRIBE)), 4401);
    }

    #[test]
    fn a_second_connection_init_is_too_many() {
        let mut c = conversation();
        assert_eq!(code(c.receive(INIT)), 0);
        assert_eq!(code(c.receive(INIT)), 4429);
    }

    #[test]
    fn malformed_messages_are_invalid() {
        for message in [
            &b"not json"[..],
            br#"{"type":"subscribe_all"}"#,
            br#"{"type":"subscribe","payload":{"query":"{ a }"}}"#,
            br#"{"type":"subscribe","id":"","payload":{"query":"{ a }"}}"#,
            br#"{"type":"subscribe","id":"1","payload":{"query":1}}"#,
            br#"{"type":"subscribe","id":"1","payload":{"query":"{ a }","variables":[]}}"#,
            br#"{"type":"ping","payload":"text"}"#,
            br#"{"type":"next","id":"1","payload":{}}"#,
            br#"["connection_init"]"#,
        ] {
            let mut c = conversation();
            c.receive(INIT).ok();
            assert_eq!(
                code(c.receive(message)),
                4400,
                "{}",
                String::from_utf8_lossy(message)
            );
        }
    }

    #[test]
    fn an_id_in_use_is_refused_until_it_completes() {
        let mut c = conversation();
        c.receive(INIT).ok();
        assert_eq!(code(c.receive(SUBSCRIBE)), 0);
        let Err(Closing(4409, reason)) = c.receive(SUBSCRIBE) else {
            panic!("a second subscribe with id 1 is refused");
        };
        assert_eq!(reason, "Subscriber for 1 already exists");
        // The server completes the operation: its id is free.
        c.sent(r#"{"type":"complete","id":"1"}"#);
        assert_eq!(code(c.receive(SUBSCRIBE)), 0);
        // The client completes it; the server's answering complete comes
        // after the id was taken again, and does not free it.
        assert_eq!(code(c.receive(br#"{"type":"complete","id":"1"}"#)), 0);
        assert_eq!(code(c.receive(SUBSCRIBE)), 0);
        c.sent(r#"{"type":"complete","id":"1"}"#);
        assert_eq!(code(c.receive(SUBSCRIBE)), 4409);
    }

    #[test]
    fn the_older_protocol_is_passed_through() {
        let mut c = Conversation::new(
            WebSocketProtocols::SubscriptionsTransportWS,
            100,
            Arc::new(Semaphore::new(1000)),
        );
        assert_eq!(
            code(c.receive(br#"{"type":"start","id":"1","payload":{"query":"{ a }"}}"#)),
            0
        );
    }

    fn subscribe(id: &str) -> Vec<u8> {
        format!(r#"{{"type":"subscribe","id":"{id}","payload":{{"query":"subscription {{ statementAdded {{ id }} }}"}}}}"#)
            .into_bytes()
    }

    #[test]
    fn a_subscription_over_the_limit_is_refused_and_the_others_go_on() {
        let mut c = Conversation::new(WebSocketProtocols::GraphQLWS, 2, Arc::new(Semaphore::new(1000)));
        c.receive(INIT).ok();
        assert_eq!(c.receive(&subscribe("1")).ok(), Some(Verdict::Forward));
        assert_eq!(c.receive(&subscribe("2")).ok(), Some(Verdict::Forward));
        let Ok(Verdict::Answer(answer)) = c.receive(&subscribe("3")) else {
            panic!("a third subscription is refused");
        };
        let answer: Value = serde_json::from_str(&answer).expect("JSON");
        assert_eq!(answer["id"], "3");
        assert_eq!(answer["type"], "error");
        assert_eq!(
            answer["payload"][0]["extensions"]["code"],
            "TOO_MANY_SUBSCRIPTIONS"
        );
        // Its id was never taken; once one completes, it may run.
        assert_eq!(code(c.receive(br#"{"type":"complete","id":"1"}"#)), 0);
        assert_eq!(c.receive(&subscribe("3")).ok(), Some(Verdict::Forward));
    }

    #[test]
    fn the_servers_limit_is_shared_by_every_connection() {
        let server = Arc::new(Semaphore::new(3));
        let mut a = Conversation::new(WebSocketProtocols::GraphQLWS, 2, server.clone());
        let mut b = Conversation::new(WebSocketProtocols::GraphQLWS, 2, server.clone());
        a.receive(INIT).ok();
        b.receive(INIT).ok();
        assert_eq!(a.receive(&subscribe("1")).ok(), Some(Verdict::Forward));
        assert_eq!(a.receive(&subscribe("2")).ok(), Some(Verdict::Forward));
        assert_eq!(b.receive(&subscribe("1")).ok(), Some(Verdict::Forward));
        let Ok(Verdict::Answer(answer)) = b.receive(&subscribe("2")) else {
            panic!("a fourth subscription on the server is refused");
        };
        assert!(answer.contains("the server runs its limit"), "{answer}");
        // A connection that ends gives its places back.
        drop(a);
        assert_eq!(b.receive(&subscribe("2")).ok(), Some(Verdict::Forward));
        assert_eq!(server.available_permits(), 1);
    }

    #[test]
    fn the_older_protocol_has_the_same_limit() {
        let mut c = Conversation::new(
            WebSocketProtocols::SubscriptionsTransportWS,
            1,
            Arc::new(Semaphore::new(1000)),
        );
        c.receive(INIT).ok();
        assert!(c.initialised);
        let start = |id: &str| format!(r#"{{"type":"start","id":"{id}","payload":{{"query":"{{ a }}"}}}}"#);
        assert_eq!(c.receive(start("1").as_bytes()).ok(), Some(Verdict::Forward));
        // The same id again replaces the operation: still one.
        assert_eq!(c.receive(start("1").as_bytes()).ok(), Some(Verdict::Forward));
        assert!(matches!(c.receive(start("2").as_bytes()), Ok(Verdict::Answer(_))));
        c.sent(r#"{"type":"complete","id":"1"}"#);
        assert_eq!(c.receive(start("2").as_bytes()).ok(), Some(Verdict::Forward));
    }

    #[test]
    fn a_close_reason_fits_a_frame() {
        let Message::Close(Some(frame)) = close(4409, &"é".repeat(100)) else {
            panic!("a close frame");
        };
        assert_eq!(frame.reason.len(), 122);
    }
}
