//! HTTP: GraphQL at `/graphql` (POST, and GET for queries) and the GraphiQL
//! playground at `/`.

use async_graphql::http::GraphiQLSource;
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use sea_orm::DatabaseConnection;
use tower_http::trace::TraceLayer;

use crate::graphql::{AppSchema, build_schema};
use crate::loader::Loaders;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub schema: AppSchema,
    pub db: DatabaseConnection,
}

/// The application's routes over a migrated database.
pub fn router(db: DatabaseConnection) -> Router {
    let state = AppState {
        schema: build_schema(db.clone()),
        db,
    };
    Router::new()
        .route("/", get(playground))
        .route("/graphql", get(graphql).post(graphql))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Runs one GraphQL request with loaders of its own.
async fn graphql(State(state): State<AppState>, request: GraphQLRequest) -> GraphQLResponse {
    let request = request.into_inner().data(Loaders::new(&state.db));
    state.schema.execute(request).await.into()
}

/// The GraphiQL playground, pointed at `/graphql`.
async fn playground() -> impl IntoResponse {
    Html(
        GraphiQLSource::build()
            .endpoint("/graphql")
            .title("newsgraph")
            .finish(),
    )
}
