//! What the server shows of itself, and to whom: introspection, suggestions,
//! the playground, CORS origins, message redaction, trusted documents and
//! where `/metrics` is served; development's openness or production's
//! reserve, from `ExposureArgs`.

use std::sync::Arc;

use axum::http::HeaderValue;

use super::trusted::TrustedDocuments;
use crate::config::{Environment, ExposureArgs};

/// What the server shows of itself, and to which browser origins.
#[derive(Debug, Clone)]
pub struct Exposure {
    /// Whether introspection queries are answered.
    pub introspection: bool,
    /// Whether errors suggest field names ("Did you mean ...?").
    pub suggestions: bool,
    /// Whether `/` serves the playground.
    pub playground: bool,
    /// Browser origins allowed to call; `None` for any.
    pub cors_origins: Option<Vec<HeaderValue>>,
    /// Whether validation messages name only what the request spelled.
    pub redact_messages: bool,
    /// The only documents that run, when the operator gave a manifest.
    pub trusted_documents: Option<Arc<TrustedDocuments>>,
    /// Whether `/metrics` is served on the main address.
    pub metrics_on_main: bool,
    /// The bearer token `/metrics` asks for, if any.
    pub metrics_token: Option<Arc<str>>,
}

impl Exposure {
    /// Development's openness, or production's reserve, with the operator's
    /// individual settings on top.
    pub fn from_args(args: &ExposureArgs) -> Result<Self, String> {
        let production = args.environment == Environment::Production;
        let introspection = args.introspection.unwrap_or(!production);
        let cors_origins = match args.cors_origins.as_deref().map(str::trim) {
            None if production => Some(Vec::new()),
            None | Some("*") => None,
            Some(list) => Some(
                list.split(',')
                    .map(str::trim)
                    .filter(|o| !o.is_empty())
                    .map(|o| {
                        if o.starts_with("http://") || o.starts_with("https://") {
                            HeaderValue::from_str(o.trim_end_matches('/')).map_err(|_| o.to_owned())
                        } else {
                            Err(o.to_owned())
                        }
                    })
                    .collect::<Result<_, _>>()
                    .map_err(|o| {
                        format!(
                            "NEWSGRAPH_CORS_ORIGINS: \"{o}\" is not an origin like https://app.example.org"
                        )
                    })?,
            ),
        };
        let suggestions = args.suggestions.unwrap_or(!production);
        let trusted_documents = match &args.trusted_documents {
            Some(path) => Some(Arc::new(TrustedDocuments::load(path)?)),
            None => None,
        };
        let metrics_token = match args.metrics_token.as_deref().map(str::trim) {
            Some(token) if token.len() < 16 || !token.bytes().all(|b| b.is_ascii_graphic()) => {
                return Err(
                    "NEWSGRAPH_METRICS_TOKEN: a metrics token is at least 16 visible ASCII characters"
                        .to_owned(),
                );
            }
            token => token.map(Arc::from),
        };
        // In production `/metrics` is public only if the operator says how
        // to keep it private.
        let metrics_on_main = args.metrics_addr.is_none() && (!production || metrics_token.is_some());
        Ok(Self {
            introspection,
            suggestions,
            playground: args.playground.unwrap_or(!production),
            cors_origins,
            redact_messages: !introspection && !suggestions,
            trusted_documents,
            metrics_on_main,
            metrics_token,
        })
    }
}

impl Default for Exposure {
    fn default() -> Self {
        Self {
            introspection: true,
            suggestions: true,
            playground: true,
            cors_origins: None,
            redact_messages: false,
            trusted_documents: None,
            metrics_on_main: true,
            metrics_token: None,
        }
    }
}
