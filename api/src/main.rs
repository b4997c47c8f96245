//! The `newsgraph` command: parses the configuration and hands it to the library.

use std::process::ExitCode;

use clap::Parser;

// A server answers many small requests, each allocating and freeing many
// small values; mimalloc serves them with less locking and fragmentation
// than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = newsgraph::config::Cli::parse();
    newsgraph::telemetry::init(cli.log_format);
    match newsgraph::cli::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One line a person can act on; no backtrace.
            eprintln!("newsgraph: error: {err}");
            ExitCode::FAILURE
        }
    }
}
