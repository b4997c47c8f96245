//! newsgraph: a GraphQL API over a knowledge graph built from news.
//!
//! The binary in `main.rs` only parses [`config::Cli`] and calls [`cli::run`];
//! everything else lives here so that the tests and the SDL export use the
//! same code as the server.

pub mod audit;
pub mod auth;
pub mod budget;
pub mod changes;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod export;
pub mod extract;
pub mod fuzz;
pub mod generate;
pub mod graph;
pub mod graphql;
pub mod guard;
pub mod http;
pub mod import;
#[cfg(test)]
mod layers;
pub mod loader;
pub mod names;
pub mod page;
pub mod search;
pub mod seed;
pub mod sql_stats;
pub mod store;
pub mod telemetry;
