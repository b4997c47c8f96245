//! Logging setup.

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

/// Logs to stderr, as text or JSON lines, filtered by `RUST_LOG` (default:
/// `info` for newsgraph, `warn` for its dependencies).
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn,newsgraph=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second call (as in tests that start the library twice) is harmless.
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}
