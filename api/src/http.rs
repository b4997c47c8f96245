//! HTTP: GraphQL at `/graphql` (POST, and GET for queries) and the GraphiQL
//! playground at `/`, opened on example queries about the seed article.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use sea_orm::DatabaseConnection;
use tower_http::trace::TraceLayer;

use crate::graphql::{AppSchema, build_schema};
use crate::loader::Loaders;
use crate::sql_stats;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub schema: AppSchema,
    pub db: DatabaseConnection,
    /// Whether responses report their SQL statement count.
    pub sql_stats: bool,
}

/// The application's routes over a migrated database.
pub fn router(db: DatabaseConnection, sql_stats: bool) -> Router {
    let state = AppState {
        schema: build_schema(db.clone()),
        db,
        sql_stats,
    };
    Router::new()
        .route("/", get(playground))
        .route("/graphql", get(graphql).post(graphql))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Runs one GraphQL request with loaders of its own, counting its SQL
/// statements.
async fn graphql(State(state): State<AppState>, request: GraphQLRequest) -> GraphQLResponse {
    let statements = Arc::new(AtomicU64::new(0));
    let (loaders, batches) = Loaders::new(&state.db);
    let request = request.into_inner().data(loaders);
    let mut response =
        sql_stats::counting(statements.clone(), batches.drive(state.schema.execute(request))).await;
    if state.sql_stats {
        let n = statements.load(Ordering::Relaxed);
        response
            .extensions
            .insert("sqlStatements".to_owned(), async_graphql::Value::from(n));
    }
    response.into()
}

/// The example queries the playground opens with, one tab each, in order.
pub const EXAMPLES: [&str; 5] = [
    include_str!("playground/1-who-opposes-nato-membership.graphql"),
    include_str!("playground/2-everything-peskov-said.graphql"),
    include_str!("playground/3-the-eu-loan.graphql"),
    include_str!("playground/4-the-drone-attack.graphql"),
    include_str!("playground/5-what-kremlin-officials-said.graphql"),
];

/// The GraphiQL playground, pointed at `/graphql`, with the examples open.
async fn playground() -> impl IntoResponse {
    static PAGE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let tabs: Vec<_> = EXAMPLES
            .iter()
            .map(|q| serde_json::json!({ "query": q }))
            .collect();
        // Inside <script>, "</" could end the element early.
        let json = serde_json::to_string(&tabs)
            .unwrap_or_else(|_| "[]".to_owned())
            .replace("</", "<\\/");
        include_str!("playground/index.html").replace("__EXAMPLES__", &json)
    });
    Html(PAGE.as_str())
}
