//! The `newsgraph` command: parses the configuration and hands it to the library.

use std::process::ExitCode;

// A server answers many small requests, each allocating and freeing many
// small values; mimalloc serves them with less locking and fragmentation
// than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = match newsgraph::config::Cli::read(std::env::args_os()) {
        Ok(cli) => cli,
        Err(newsgraph::config::Unread::Shown(help)) => help.exit(),
        Err(newsgraph::config::Unread::Refused(line)) => {
            eprintln!("newsgraph: error: {line}");
            return ExitCode::FAILURE;
        }
    };
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
