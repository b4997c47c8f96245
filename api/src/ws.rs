//! Subscriptions over WebSocket at `/graphql/ws`: `graphql-transport-ws`,
//! and the older `graphql-ws`. async-graphql runs the operations; this
//! module holds each connection to the rules of `graphql-transport-ws`
//! where async-graphql does not, closing the connection on a breach with
//! the code the protocol gives it, as the `graphql-ws` reference server
//! does: 4400 for an invalid message, 4401 for a subscribe before
//! `connection_init`, 4406 for no subprotocol it speaks, 4409 for an id in
//! use and 4429 for a second `connection_init`.

use std::collections::HashSet;

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

use crate::auth::Caller;
use crate::http::AppState;
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
    match protocol {
        Some(protocol) => upgrade
            .protocols(ALL_WEBSOCKET_PROTOCOLS)
            .on_upgrade(move |socket| serve_socket(socket, state, protocol)),
        // Accepted without a subprotocol and closed at once, as the
        // reference server does: a close code reaches the client, where a
        // refused upgrade would only say that it failed.
        None => upgrade.on_upgrade(|mut socket| async move {
            let _ = socket.send(close(4406, "Subprotocol not acceptable")).await;
        }),
    }
}

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
                    data.insert(Loaders::spawning(&db));
                    Ok(data)
                }
            }
        },
    );
    futures_util::pin_mut!(messages);
    let mut conversation = Conversation::new(protocol);
    let mut stopping = state.stopping.clone();
    loop {
        let closing = tokio::select! {
            incoming = stream.next(), if forward.capacity() > 0 => match incoming {
                Some(Ok(message @ (Message::Text(_) | Message::Binary(_)))) => {
                    let data = message.into_data();
                    match conversation.receive(&data) {
                        // Capacity was checked, and only this loop sends.
                        Ok(()) => forward.try_send(data).err().map(|_| Closing::internal()),
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

/// Where a `graphql-transport-ws` conversation stands, as far as the
/// protocol's rules need: whether it was initialised, and which operation
/// ids are in use.
struct Conversation {
    /// False for the older `graphql-ws` protocol, whose rules differ.
    checked: bool,
    initialised: bool,
    /// Ids of the operations running.
    running: HashSet<String>,
    /// Ids the client completed, whose `complete` from async-graphql is
    /// still to come.
    completing: HashSet<String>,
}

impl Conversation {
    fn new(protocol: WebSocketProtocols) -> Self {
        Self {
            checked: protocol == WebSocketProtocols::GraphQLWS,
            initialised: false,
            running: HashSet::new(),
            completing: HashSet::new(),
        }
    }

    /// Checks a message from the client against the protocol.
    fn receive(&mut self, data: &[u8]) -> Result<(), Closing> {
        if !self.checked {
            return Ok(());
        }
        let message: ClientMessage = serde_json::from_slice(data).map_err(Closing::invalid)?;
        match message {
            ClientMessage::ConnectionInit { .. } if self.initialised => {
                Err(Closing(4429, "Too many initialisation requests".to_owned()))
            }
            ClientMessage::ConnectionInit { .. } => {
                self.initialised = true;
                Ok(())
            }
            ClientMessage::Subscribe { id, .. } | ClientMessage::Complete { id } if id.is_empty() => {
                Err(Closing::invalid("the id is empty"))
            }
            ClientMessage::Subscribe { .. } if !self.initialised => {
                Err(Closing(4401, "Unauthorized".to_owned()))
            }
            ClientMessage::Subscribe { id, .. } if self.running.contains(&id) => {
                let reason = format!("Subscriber for {id} already exists");
                Err(Closing(4409, reason))
            }
            ClientMessage::Subscribe { id, .. } => {
                self.running.insert(id);
                Ok(())
            }
            ClientMessage::Complete { id } => {
                if self.running.remove(&id) {
                    self.completing.insert(id);
                }
                Ok(())
            }
            ClientMessage::Ping { .. } | ClientMessage::Pong { .. } => Ok(()),
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
        if !self.checked || !text.starts_with(r#"{"type":"complete""#) {
            return;
        }
        if let Ok(Complete { id }) = serde_json::from_str(text)
            && !self.completing.remove(&id)
        {
            self.running.remove(&id);
        }
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
        Conversation::new(WebSocketProtocols::GraphQLWS)
    }

    fn code(result: Result<(), Closing>) -> u16 {
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
        let mut c = Conversation::new(WebSocketProtocols::SubscriptionsTransportWS);
        assert_eq!(
            code(c.receive(br#"{"type":"start","id":"1","payload":{"query":"{ a }"}}"#)),
            0
        );
    }

    #[test]
    fn a_close_reason_fits_a_frame() {
        let Message::Close(Some(frame)) = close(4409, &"é".repeat(100)) else {
            panic!("a close frame");
        };
        assert_eq!(frame.reason.len(), 122);
    }
}
