//! What every handler shares ([`AppState`]), built once from the settings
//! the command line gave ([`Settings`]).

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use sea_orm::DatabaseConnection;
use tokio::sync::{Semaphore, watch};

use super::fairness::{HeavyTurns, Prober};
use crate::auth::Tokens;
use crate::changes::Changes;
use crate::graphql::{AppSchema, build_schema};
use crate::guard::Exposure;
use crate::guard::limits::Limits;
use crate::guard::trusted::TrustedDocuments;

/// Everything the routes need besides the database.
pub struct Settings {
    pub sql_stats: bool,
    pub tokens: Tokens,
    pub changes: Changes,
    pub limits: Limits,
    pub exposure: Exposure,
    pub metrics: Option<metrics_exporter_prometheus::PrometheusHandle>,
    /// Becomes true when the server begins to shut down.
    pub stopping: watch::Receiver<bool>,
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub schema: AppSchema,
    pub db: DatabaseConnection,
    /// Whether responses report their SQL statement count.
    pub sql_stats: bool,
    /// The bearer tokens the operator configured.
    pub tokens: Arc<Tokens>,
    /// The limits on one request.
    pub limits: Arc<Limits>,
    /// Permits for requests in flight.
    pub in_flight: Arc<Semaphore>,
    /// Places for open WebSocket connections.
    pub ws_connections: Arc<Semaphore>,
    /// Places for running subscriptions, across every connection.
    pub subscriptions: Arc<Semaphore>,
    /// Set while the database is known not to answer: requests fail at
    /// once instead of each waiting for a connection, until a probe finds
    /// the database back.
    pub database_down: Arc<AtomicBool>,
    /// Tells a busy pool apart from a database that does not answer.
    pub prober: Arc<Prober>,
    /// The turns heavy requests take.
    pub heavy: Arc<HeavyTurns>,
    /// Becomes true when the server begins to shut down.
    pub stopping: watch::Receiver<bool>,
    /// The documents a client may name by id, where the server has them.
    pub trusted_documents: Option<Arc<TrustedDocuments>>,
}

impl AppState {
    /// The schema over a migrated database, and as many places and turns
    /// as the settings' limits allow.
    pub fn new(db: DatabaseConnection, settings: &Settings) -> Self {
        let limits = Arc::new(settings.limits.clone());
        Self {
            schema: build_schema(
                db.clone(),
                settings.changes.clone(),
                limits.clone(),
                &settings.exposure,
            ),
            sql_stats: settings.sql_stats,
            tokens: Arc::new(settings.tokens.clone()),
            in_flight: Arc::new(Semaphore::new(limits.max_in_flight)),
            ws_connections: Arc::new(Semaphore::new(limits.max_ws_connections)),
            subscriptions: Arc::new(Semaphore::new(limits.max_subscriptions)),
            heavy: Arc::new(HeavyTurns::new(limits.clone())),
            limits,
            database_down: Arc::default(),
            prober: Arc::new(Prober::new(db.clone())),
            stopping: settings.stopping.clone(),
            trusted_documents: settings.exposure.trusted_documents.clone(),
            db,
        }
    }
}
