//! The HTTP/1.1 transport under the routes: accepts connections, at most
//! `--max-connections` open at once (more wait in the listen queue), and
//! serves each with hyper, upgrades (WebSockets) included. A watchdog per
//! connection closes one whose request headers take longer than the header
//! timeout from their first byte, and one that waits longer than the idle
//! timeout for its next request. Reading a body is timed by the routes
//! (see `http`), which answer 408 as GraphQL. Each request carries its
//! client's address as axum's `ConnectInfo<SocketAddr>`. On shutdown it stops
//! accepting, lets each connection finish the request it is serving, and
//! resolves once every connection has closed.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore, watch};
use tokio::time::Instant;
use tower::ServiceExt;

use crate::config::LimitArgs;

/// The transport's timeouts and cap, from the configuration.
#[derive(Debug, Clone)]
pub struct Transport {
    /// How long a request's headers may take from their first byte.
    pub header_timeout: Duration,
    /// How long a connection may wait for a request.
    pub idle_timeout: Duration,
    /// How many connections may be open at once.
    pub max_connections: usize,
}

impl From<&LimitArgs> for Transport {
    fn from(args: &LimitArgs) -> Self {
        Self {
            header_timeout: Duration::from_millis(args.header_timeout_ms),
            idle_timeout: Duration::from_millis(args.idle_timeout_ms),
            max_connections: args.max_connections.max(1),
        }
    }
}

/// Serves the routes on the listener until `stop` resolves, then lets the
/// connections finish their requests and close.
pub async fn serve(listener: TcpListener, app: Router, transport: Transport, stop: impl Future<Output = ()>) {
    let room = Arc::new(Semaphore::new(transport.max_connections));
    let (stopping, _) = watch::channel(false);
    // Each connection holds a receiver; `closed()` resolves when all are gone.
    let (open, open_marker) = watch::channel(());
    let mut stop = pin!(stop);
    loop {
        let place = tokio::select! {
            place = room.clone().acquire_owned() => match place {
                Ok(place) => place,
                Err(_) => break,
            },
            () = &mut stop => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors, or a connection reset before
                    // it was accepted: wait a moment rather than spin.
                    tracing::warn!(%err, "a connection could not be accepted");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let connection = Connection {
            app: app.clone(),
            transport: transport.clone(),
            stopping: stopping.subscribe(),
            _open: open_marker.clone(),
        };
        tokio::spawn(connection.serve(stream, peer, place));
    }
    drop(listener);
    stopping.send_replace(true);
    drop(open_marker);
    open.closed().await;
}

/// One accepted connection and what it needs.
struct Connection {
    app: Router,
    transport: Transport,
    stopping: watch::Receiver<bool>,
    /// Held until the connection is served: the server waits for it.
    _open: watch::Receiver<()>,
}

impl Connection {
    async fn serve(mut self, stream: TcpStream, peer: SocketAddr, place: OwnedSemaphorePermit) {
        let activity = Arc::new(Activity::new());
        let io = TokioIo::new(Watched {
            stream,
            activity: activity.clone(),
            _place: place,
        });
        let app = self.app.clone();
        let watched = activity.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            watched.set(Phase::Busy);
            request.extensions_mut().insert(ConnectInfo(peer));
            let (app, watched) = (app.clone(), watched.clone());
            async move {
                let response = app.oneshot(request).await;
                watched.set(Phase::Idle);
                response
            }
        });
        let connection = hyper::server::conn::http1::Builder::new()
            .header_read_timeout(None)
            .serve_connection(io, service)
            .with_upgrades();
        let mut connection = pin!(connection);
        let mut closing = false;
        loop {
            let deadline = activity.deadline(&self.transport);
            tokio::select! {
                served = connection.as_mut() => {
                    if let Err(err) = served {
                        tracing::debug!(%err, "a connection ended with an error");
                    }
                    return;
                }
                _ = self.stopping.wait_for(|stop| *stop), if !closing => {
                    closing = true;
                    connection.as_mut().graceful_shutdown();
                }
                () = activity.changed.notified() => {}
                () = tokio::time::sleep_until(deadline.unwrap_or_else(Instant::now)), if deadline.is_some() => {
                    // Headers that dawdle, or nothing asked for (nor a
                    // response read) for a while: drop the connection.
                    if activity.expired(&self.transport) {
                        return;
                    }
                }
            }
        }
    }
}

/// What a connection is doing, for its watchdog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for a request (or writing out the last response).
    Idle,
    /// Receiving a request's headers.
    Head,
    /// Serving a request (the routes time its body and its execution).
    Busy,
}

/// A connection's phase and when it began.
struct Activity {
    phase: Mutex<(Phase, Instant)>,
    /// Told of every change of phase, so the watchdog resets its clock.
    changed: Notify,
}

impl Activity {
    fn new() -> Self {
        Self {
            phase: Mutex::new((Phase::Idle, Instant::now())),
            changed: Notify::new(),
        }
    }

    fn get(&self) -> (Phase, Instant) {
        *self
            .phase
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn set(&self, phase: Phase) {
        *self
            .phase
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = (phase, Instant::now());
        self.changed.notify_one();
    }

    /// Bytes arrived: on an idle connection, a request's headers begin.
    fn read(&self) {
        if self.get().0 == Phase::Idle {
            self.set(Phase::Head);
        }
    }

    /// Bytes left: a response still being written keeps its connection
    /// from counting as idle.
    fn wrote(&self) {
        let mut phase = self
            .phase
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if phase.0 == Phase::Idle {
            phase.1 = Instant::now();
        }
    }

    /// When the present phase runs out; `None` while serving a request.
    fn deadline(&self, transport: &Transport) -> Option<Instant> {
        match self.get() {
            (Phase::Idle, since) => Some(since + transport.idle_timeout),
            (Phase::Head, since) => Some(since + transport.header_timeout),
            (Phase::Busy, _) => None,
        }
    }

    /// Whether the present phase has run out.
    fn expired(&self, transport: &Transport) -> bool {
        self.deadline(transport)
            .is_some_and(|deadline| deadline <= Instant::now())
    }
}

/// A TCP stream that reports its reads and writes to the watchdog, and
/// holds its connection's place until it is closed (after an upgrade too).
struct Watched {
    stream: TcpStream,
    activity: Arc<Activity>,
    _place: OwnedSemaphorePermit,
}

impl AsyncRead for Watched {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let polled = Pin::new(&mut this.stream).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            this.activity.read();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.stream).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            this.activity.wrote();
        }
        polled
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.stream).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            this.activity.wrote();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}
