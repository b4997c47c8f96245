//! The configuration: command-line flags, each with an environment variable.
//!
//! | flag | variable | default | meaning |
//! | --- | --- | --- | --- |
//! | `--addr` | `NEWSGRAPH_ADDR` | `127.0.0.1:8000` | address `serve` listens on |
//! | `--database-url` | `DATABASE_URL` | unset | `postgres://...` or `sqlite://...`; unset: the embedded database |
//! | `--data-dir` | `NEWSGRAPH_DATA_DIR` | `.` | folder of the embedded database `newsgraph.db` |
//! | `--no-seed` | `NEWSGRAPH_NO_SEED` | off | do not import the seed graph into a new embedded database |
//! | | `RUST_LOG` | `warn,newsgraph=info` | log filter |
//!
//! Tokens, limits and what production hides are below and in the README's
//! Configuration and Operations sections.

use std::path::PathBuf;

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, CommandFactory, Parser, Subcommand};

/// A GraphQL API over a knowledge graph built from news.
#[derive(Debug, Parser)]
#[command(name = "newsgraph", version, about)]
pub struct Cli {
    /// What to do; `serve` when left out.
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub database: DatabaseArgs,

    /// Address `serve` listens on (host:port; port 0 picks a free port).
    #[arg(long, env = "NEWSGRAPH_ADDR", default_value = "127.0.0.1:8000", global = true)]
    pub addr: String,

    /// Do not import the seed graph into a new embedded database.
    #[arg(long, env = "NEWSGRAPH_NO_SEED", global = true, value_parser = switch)]
    pub no_seed: bool,

    /// Report in each GraphQL response's `extensions.sqlStatements` how many
    /// SQL statements the request ran (for tests and tuning).
    #[arg(long, env = "NEWSGRAPH_SQL_STATS", global = true, value_parser = switch)]
    pub sql_stats: bool,

    #[command(flatten)]
    pub tokens: TokenArgs,

    /// How log lines look on stderr: `text` for people, `json` for collectors.
    #[arg(long, env = "NEWSGRAPH_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,

    /// How long a shutdown waits for requests in flight, in milliseconds.
    #[arg(
        long,
        env = "NEWSGRAPH_SHUTDOWN_TIMEOUT_MS",
        default_value_t = 10_000,
        global = true
    )]
    pub shutdown_timeout_ms: u64,

    #[command(flatten)]
    pub limits: LimitArgs,

    #[command(flatten)]
    pub exposure: ExposureArgs,
}

/// Why the command line and the environment gave no configuration.
#[derive(Debug)]
pub enum Unread {
    /// `--help` or `--version`: print it, and exit with success.
    Shown(clap::Error),
    /// A setting that cannot be read, as one line naming it the way the user
    /// gave it: the environment variable, or the flag.
    Refused(String),
}

impl Cli {
    /// Reads the flags and the environment. A value that does not parse
    /// (`NEWSGRAPH_MAX_DEPTH=abc`) is [`Unread::Refused`] with one line that
    /// names the variable when the value came from the environment, and the
    /// flag when it came from the command line.
    pub fn read<I, T>(args: I) -> Result<Self, Unread>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
        Self::try_parse_from(&args).map_err(|err| match err.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Unread::Shown(err),
            _ => Unread::Refused(refusal(&err, &args)),
        })
    }
}

/// One line for a refused command line or environment.
fn refusal(err: &clap::Error, args: &[OsString]) -> String {
    let text = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.as_str()),
        _ => None,
    };
    let (Some(arg), Some(value)) = (text(ContextKind::InvalidArg), text(ContextKind::InvalidValue)) else {
        // Not a value of a setting (an unknown flag, a missing argument):
        // clap's own first line says what.
        let rendered = err.render().to_string();
        let first = rendered.lines().next().unwrap_or_default();
        return first.trim_start_matches("error: ").to_owned();
    };
    let setting = setting_name(arg, args);
    let why = match (err.kind(), err.get(ContextKind::ValidValue)) {
        (_, Some(ContextValue::Strings(valid))) => format!("it must be one of {}", valid.join(", ")),
        _ => match std::error::Error::source(err) {
            Some(cause) => cause.to_string(),
            None => "it cannot be read".to_owned(),
        },
    };
    format!("{setting}: \"{value}\" is not a valid value: {why}")
}

/// The name the user gave a setting by: `--flag` when the command line has
/// it, else its environment variable when that is set.
fn setting_name(arg: &str, args: &[OsString]) -> String {
    let flag = arg.split([' ', '=', '[']).next().unwrap_or(arg);
    let on_command_line = args.iter().skip(1).any(|a| {
        a.to_str()
            .is_some_and(|a| a == flag || a.strip_prefix(flag).is_some_and(|rest| rest.starts_with('=')))
    });
    let env = Cli::command()
        .get_arguments()
        .find(|a| {
            a.get_long()
                .is_some_and(|long| flag.strip_prefix("--") == Some(long))
        })
        .and_then(|a| a.get_env().map(|e| e.to_string_lossy().into_owned()));
    match env {
        Some(var) if !on_command_line && std::env::var_os(&var).is_some() => var,
        _ => flag.to_owned(),
    }
}

/// An on/off setting: `1`, `true`, `yes`, `on` or `0`, `false`, `no`, `off`,
/// in any case.
fn switch(value: &str) -> Result<bool, String> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err("it must be one of 1, true, yes, on, 0, false, no, off".to_owned()),
    }
}

/// The form of log lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// One readable line per event.
    Text,
    /// One JSON object per line.
    Json,
}

/// Development or production: production turns off what helps a developer
/// and helps an attacker as much.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Environment {
    /// Introspection, field suggestions and the playground on; any origin
    /// may call the API from a browser.
    Development,
    /// Introspection, field suggestions and the playground off, validation
    /// messages name only what the query spelled, `/metrics` only on its own
    /// address or behind a token; no origin may call from a browser unless
    /// listed.
    Production,
}

/// What the server shows of itself, and to which browser origins.
#[derive(Debug, Clone, Args)]
pub struct ExposureArgs {
    /// `development` or `production`; sets the defaults of the switches below.
    #[arg(long = "env", env = "NEWSGRAPH_ENV", value_enum, default_value_t = Environment::Development, global = true)]
    pub environment: Environment,

    /// Answer introspection queries (default: on in development, off in
    /// production); `--introspection` alone means on.
    #[arg(long, env = "NEWSGRAPH_INTROSPECTION", global = true, num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = switch)]
    pub introspection: Option<bool>,

    /// Suggest field names in errors, "Did you mean ...?" (default: on in
    /// development, off in production); `--suggestions` alone means on.
    #[arg(long, env = "NEWSGRAPH_SUGGESTIONS", global = true, num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = switch)]
    pub suggestions: Option<bool>,

    /// Serve the GraphiQL playground at `/` (default: on in development, off
    /// in production); `--playground` alone means on.
    #[arg(long, env = "NEWSGRAPH_PLAYGROUND", global = true, num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = switch)]
    pub playground: Option<bool>,

    /// Browser origins allowed to call the API (CORS), separated by commas
    /// (`https://app.example.org`), or `*` for any (default: any in
    /// development, none in production).
    #[arg(long, env = "NEWSGRAPH_CORS_ORIGINS", global = true)]
    pub cors_origins: Option<String>,

    /// A persisted-document manifest (Relay, GraphQL Code Generator or Apollo); when set, only its documents run.
    #[arg(long, env = "NEWSGRAPH_TRUSTED_DOCUMENTS", global = true, value_name = "FILE")]
    pub trusted_documents: Option<PathBuf>,

    /// Serve `/metrics` on this address (host:port) of its own, and not on `--addr`.
    #[arg(long, env = "NEWSGRAPH_METRICS_ADDR", global = true)]
    pub metrics_addr: Option<String>,

    /// A bearer token of at least 16 characters that `/metrics` asks for.
    #[arg(long, env = "NEWSGRAPH_METRICS_TOKEN", global = true, hide_env_values = true)]
    pub metrics_token: Option<String>,

    /// Most operation names the metrics label; requests of later names count as `other`.
    #[arg(
        long,
        env = "NEWSGRAPH_MAX_OPERATION_LABELS",
        default_value_t = 200,
        global = true
    )]
    pub max_operation_labels: usize,
}

/// Limits on one request; each refusal names the limit's value.
#[derive(Debug, Clone, Args)]
pub struct LimitArgs {
    /// Deepest nesting of fields in a query.
    #[arg(long, env = "NEWSGRAPH_MAX_DEPTH", default_value_t = 15, global = true)]
    pub max_depth: usize,

    /// Highest complexity of a query: each field costs 1, and a list costs
    /// its page size times what each item selects.
    #[arg(
        long,
        env = "NEWSGRAPH_MAX_COMPLEXITY",
        default_value_t = 200_000,
        global = true
    )]
    pub max_complexity: usize,

    /// Most items in one page of a list (`first` or `last`).
    #[arg(long, env = "NEWSGRAPH_MAX_PAGE_SIZE", default_value_t = 100, global = true)]
    pub max_page_size: i32,

    /// Most aliases in a query.
    #[arg(long, env = "NEWSGRAPH_MAX_ALIASES", default_value_t = 30, global = true)]
    pub max_aliases: usize,

    /// Most directives in a query.
    #[arg(long, env = "NEWSGRAPH_MAX_DIRECTIVES", default_value_t = 20, global = true)]
    pub max_directives: usize,

    /// Longest query document, in bytes.
    #[arg(
        long,
        env = "NEWSGRAPH_MAX_QUERY_BYTES",
        default_value_t = 16_384,
        global = true
    )]
    pub max_query_bytes: usize,

    /// Most lexical tokens in a query document.
    #[arg(
        long,
        env = "NEWSGRAPH_MAX_QUERY_TOKENS",
        default_value_t = 2_000,
        global = true
    )]
    pub max_query_tokens: usize,

    /// Most operations in one batched request (a JSON array of requests).
    #[arg(long, env = "NEWSGRAPH_MAX_BATCH", default_value_t = 10, global = true)]
    pub max_batch: usize,

    /// Largest request body, in bytes (HTTP 413 above it); `importGraph`
    /// documents count against it.
    #[arg(long, env = "NEWSGRAPH_MAX_BODY_BYTES", default_value_t = 8 * 1024 * 1024, global = true)]
    pub max_body_bytes: usize,

    /// Longest a request may run, in milliseconds.
    #[arg(long, env = "NEWSGRAPH_TIMEOUT_MS", default_value_t = 30_000, global = true)]
    pub timeout_ms: u64,

    /// Most rows one request may read from the database (RESULT_TOO_LARGE above it).
    #[arg(long, env = "NEWSGRAPH_MAX_ROWS", default_value_t = 20_000, global = true)]
    pub max_rows: u64,

    /// Largest response body, in bytes (RESULT_TOO_LARGE above it). An
    /// answer is built whole before it is written, at several times its
    /// size, so this bounds a request's memory too.
    #[arg(long, env = "NEWSGRAPH_MAX_RESPONSE_BYTES", default_value_t = 8 * 1024 * 1024, global = true)]
    pub max_response_bytes: usize,

    /// Most requests served at once; more are refused with HTTP 503 at once.
    #[arg(long, env = "NEWSGRAPH_MAX_IN_FLIGHT", default_value_t = 256, global = true)]
    pub max_in_flight: usize,

    /// Complexity above which a query is heavy: heavy queries take turns.
    #[arg(
        long,
        env = "NEWSGRAPH_HEAVY_COMPLEXITY",
        default_value_t = 10_000,
        global = true
    )]
    pub heavy_complexity: usize,

    /// Most heavy queries running at once, so that they never hold the
    /// whole database pool, nor the two cores and the memory a small
    /// server has (each builds an answer of up to `--max-response-bytes`).
    #[arg(
        long,
        env = "NEWSGRAPH_MAX_HEAVY_IN_FLIGHT",
        default_value_t = 2,
        global = true
    )]
    pub max_heavy_in_flight: usize,

    /// Most heavy queries one client address runs at once.
    #[arg(
        long,
        env = "NEWSGRAPH_MAX_HEAVY_PER_CLIENT",
        default_value_t = 2,
        global = true
    )]
    pub max_heavy_per_client: usize,

    /// How long a heavy query waits for its turn before it is refused with
    /// HTTP 503, in milliseconds.
    #[arg(
        long,
        env = "NEWSGRAPH_HEAVY_QUEUE_MS",
        default_value_t = 2_000,
        global = true
    )]
    pub heavy_queue_ms: u64,

    /// Longest a request's body may take to arrive, in milliseconds (HTTP 408 after it).
    #[arg(
        long,
        env = "NEWSGRAPH_BODY_TIMEOUT_MS",
        default_value_t = 30_000,
        global = true
    )]
    pub body_timeout_ms: u64,

    /// Longest a request's headers may take to arrive from their first byte, in milliseconds.
    #[arg(
        long,
        env = "NEWSGRAPH_HEADER_TIMEOUT_MS",
        default_value_t = 10_000,
        global = true
    )]
    pub header_timeout_ms: u64,

    /// Longest a connection may stay open waiting for a request, in milliseconds.
    #[arg(
        long,
        env = "NEWSGRAPH_IDLE_TIMEOUT_MS",
        default_value_t = 60_000,
        global = true
    )]
    pub idle_timeout_ms: u64,

    /// Most connections open at once; more wait to be accepted until one closes.
    #[arg(
        long,
        env = "NEWSGRAPH_MAX_CONNECTIONS",
        default_value_t = 4_096,
        global = true
    )]
    pub max_connections: usize,

    /// Milliseconds a WebSocket may wait for `connection_init`; then it is closed with 4408.
    #[arg(
        long,
        env = "NEWSGRAPH_WS_INIT_TIMEOUT_MS",
        default_value_t = 10_000,
        global = true
    )]
    pub ws_init_timeout_ms: u64,

    /// Most subscriptions on one WebSocket; one more gets an `error` (`TOO_MANY_SUBSCRIPTIONS`).
    #[arg(
        long,
        env = "NEWSGRAPH_MAX_SUBSCRIPTIONS_PER_CONNECTION",
        default_value_t = 100,
        global = true
    )]
    pub max_subscriptions_per_connection: usize,

    /// Most WebSockets open at once; one more is closed with 1013 Try Again Later.
    #[arg(
        long,
        env = "NEWSGRAPH_MAX_WS_CONNECTIONS",
        default_value_t = 500,
        global = true
    )]
    pub max_ws_connections: usize,

    /// Most subscriptions running at once across every WebSocket; one more
    /// gets an `error` (`TOO_MANY_SUBSCRIPTIONS`).
    #[arg(
        long,
        env = "NEWSGRAPH_MAX_SUBSCRIPTIONS",
        default_value_t = 5_000,
        global = true
    )]
    pub max_subscriptions: usize,
}

/// Who may write and read: bearer tokens, each with a name.
#[derive(Debug, Clone, Args)]
pub struct TokenArgs {
    /// Write tokens as `NAME=TOKEN` pairs separated by commas (at least 16
    /// characters each); writes need one of them.
    #[arg(long, env = "NEWSGRAPH_WRITE_TOKENS", global = true, hide_env_values = true)]
    pub write_tokens: Option<String>,

    /// Read tokens as `NAME=TOKEN` pairs; when any is set, reads need a read
    /// or a write token.
    #[arg(long, env = "NEWSGRAPH_READ_TOKENS", global = true, hide_env_values = true)]
    pub read_tokens: Option<String>,

    /// A file of tokens, one `read NAME TOKEN` or `write NAME TOKEN` per line.
    #[arg(long, env = "NEWSGRAPH_TOKENS_FILE", global = true)]
    pub tokens_file: Option<PathBuf>,
}

/// `--db-max-connections` unless set, and the pool of commands other than `serve`.
pub const DEFAULT_DB_MAX_CONNECTIONS: u32 = 10;

/// `--db-acquire-timeout-ms` unless set, and the pool of commands other than `serve`.
pub const DEFAULT_DB_ACQUIRE_TIMEOUT_MS: u64 = 5_000;

/// Where the graph is stored.
#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// Database URL: `postgres://user@host:port/db` or `sqlite://path`.
    /// Unset: the embedded SQLite database `newsgraph.db` in the data folder.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,

    /// Folder of the embedded SQLite database, created on first start.
    #[arg(long, env = "NEWSGRAPH_DATA_DIR", default_value = ".", global = true)]
    pub data_dir: PathBuf,

    /// Most database connections the server holds open.
    #[arg(long, env = "NEWSGRAPH_DB_MAX_CONNECTIONS", default_value_t = DEFAULT_DB_MAX_CONNECTIONS, global = true)]
    pub db_max_connections: u32,

    /// How long a request waits for a free database connection before it
    /// is refused (SERVER_BUSY, or DATABASE_UNAVAILABLE when the database
    /// does not answer), in milliseconds.
    #[arg(long, env = "NEWSGRAPH_DB_ACQUIRE_TIMEOUT_MS", default_value_t = DEFAULT_DB_ACQUIRE_TIMEOUT_MS, global = true)]
    pub db_acquire_timeout_ms: u64,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve GraphQL at /graphql and the playground at / (the default).
    Serve,
    /// Apply or revert database migrations.
    Migrate(MigrateArgs),
    /// Print the GraphQL schema (SDL) on standard output.
    Schema,
    /// Import files of the import format, each all or nothing.
    Import(ImportArgs),
    /// Write the whole graph in the import format.
    Export(ExportArgs),
    /// Print the JSON Schema of the import format.
    FormatSchema,
    /// Write a large generated graph in the import format (for benchmarks).
    Generate(GenerateArgs),
    /// Read an article's text and write a draft document of the import format: quotes, speakers, reported speech, roles.
    Extract(ExtractArgs),
    /// Print the write log, newest first: when, which token's name, what.
    Audit(AuditArgs),
}

/// Options of `audit`.
#[derive(Debug, Clone, Args)]
pub struct AuditArgs {
    /// How many writes to print.
    #[arg(long, default_value_t = 50)]
    pub limit: u64,
    /// Only the writes of this token name (`cli` and `seed` for the command line and the seed).
    #[arg(long)]
    pub actor: Option<String>,
}

/// Options of `import`.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// Files to import, in order; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Check each file against the database as the import would, and write nothing.
    #[arg(long)]
    pub check: bool,
}

/// Options of `extract`.
#[derive(Debug, Clone, Args)]
pub struct ExtractArgs {
    /// The article as plain text (UTF-8); `-` reads standard input. Its first line is the headline unless `--title` is given.
    #[arg(value_name = "ARTICLE")]
    pub article: PathBuf,
    /// The day the article was published (`YYYY-MM-DD`); dates like "on Tuesday" count back from it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published_on: Option<chrono::NaiveDate>,
    /// The headline.
    #[arg(long)]
    pub title: Option<String>,
    /// Where the article is published.
    #[arg(long)]
    pub url: Option<String>,
    /// Who published it.
    #[arg(long)]
    pub publisher: Option<String>,
    /// Its language, a BCP 47 tag (`en`).
    #[arg(long)]
    pub language: Option<String>,
    /// Where to write the draft document; standard output when left out.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Options of `export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// Where to write; standard output when left out.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Options of `generate`.
#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    /// How many statements.
    #[arg(long, default_value_t = 10_000)]
    pub statements: usize,
    /// The random seed; the same seed gives the same document.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where to write; standard output when left out.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Options of `migrate`.
#[derive(Debug, Clone, Args)]
pub struct MigrateArgs {
    /// Which way to go.
    #[command(subcommand)]
    pub direction: Option<MigrateDirection>,
}

/// `migrate up` (the default), `migrate down`, `migrate status`.
#[derive(Debug, Clone, Subcommand)]
pub enum MigrateDirection {
    /// Apply every pending migration.
    Up,
    /// Revert the last migrations.
    Down {
        /// How many to revert.
        #[arg(long, default_value_t = 1, conflicts_with = "all")]
        steps: u32,
        /// Revert all of them, leaving an empty database.
        #[arg(long)]
        all: bool,
    },
    /// List the migrations and whether each is applied.
    Status,
}
