//! HTTP, the server's front door: everything here knows requests and
//! responses; nothing below it does.
//!
//! | file | owns |
//! | --- | --- |
//! | [`state`] | what every handler shares, built once from the settings |
//! | this file | the routes and the layers around them |
//! | [`transport`] | connections: hyper, timeouts on headers, bodies and idle keep-alive, the connection cap |
//! | [`admit`] | a request's body within its limits, then its place in flight |
//! | [`wire`] | a GraphQL request read from a POST body or a GET query string |
//! | [`handler`] | `/graphql`: the caller, the batch's limits, heavy requests' turns, the time limit |
//! | [`answer`] | running a request and answering it: busy pool or outage, outcome |
//! | [`refuse`] | the answer to a request refused before it ran |
//! | [`media`] | media types: what a client sends and accepts |
//! | [`trusted`] | a trusted document named by id, given its text |
//! | [`fairness`] | heavy requests' turns, and a busy pool told from a database down |
//! | [`ws`] | subscriptions over WebSocket at `/graphql/ws` |
//! | [`ops`] | `/health`, `/ready`, `/metrics`, the request log |
//! | [`playground`] | GraphiQL at `/` and its vendored files |

pub mod admit;
pub mod answer;
pub mod fairness;
pub mod handler;
pub mod media;
pub mod ops;
pub mod playground;
pub mod refuse;
pub mod state;
pub mod transport;
pub mod trusted;
pub mod wire;
pub mod ws;

use axum::Router;
use axum::http::Method;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::middleware;
use axum::routing::get;
use sea_orm::DatabaseConnection;
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use state::{AppState, Settings};

/// The application's routes over a migrated database.
pub fn router(db: DatabaseConnection, settings: Settings) -> Router {
    let state = AppState::new(db.clone(), &settings);
    let exposure = settings.exposure;
    let metrics = ops::MetricsState {
        handle: settings.metrics,
        db,
        token: exposure.metrics_token.clone(),
    };
    let cors = CorsLayer::new()
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([AUTHORIZATION, CONTENT_TYPE])
        .max_age(std::time::Duration::from_secs(600));
    let cors = match exposure.cors_origins {
        None => cors.allow_origin(AllowOrigin::any()),
        Some(list) => cors.allow_origin(AllowOrigin::list(list)),
    };
    let mut routes = Router::new();
    if exposure.playground {
        routes = routes.merge(playground::router());
    }
    let mut graphql_route = get(handler::graphql)
        .post(handler::graphql)
        .fallback(handler::wrong_method);
    if let Some(documents) = exposure.trusted_documents {
        graphql_route =
            graphql_route.route_layer(middleware::from_fn_with_state(documents, trusted::resolve));
    }
    let api = routes
        .route("/graphql", graphql_route)
        .route("/graphql/ws", get(ws::graphql_ws))
        .layer(middleware::from_fn_with_state(state.clone(), admit::admit))
        .layer(middleware::from_fn(media::negotiate))
        .layer(cors);
    // Probes and metrics stay outside the request limits: a full server
    // must still say how it is.
    let mut app = api
        .route("/health", get(ops::health))
        .route("/ready", get(ops::ready));
    if exposure.metrics_on_main {
        app = app.merge(ops::metrics_router(metrics));
    }
    app.layer(middleware::from_fn(ops::log_request)).with_state(state)
}
