//! The configuration: command-line flags, each with an environment variable.
//!
//! | flag | variable | default | meaning |
//! | --- | --- | --- | --- |
//! | `--addr` | `NEWSGRAPH_ADDR` | `127.0.0.1:8000` | address `serve` listens on |
//! | `--database-url` | `DATABASE_URL` | unset | `postgres://...` or `sqlite://...`; unset: the embedded database |
//! | `--data-dir` | `NEWSGRAPH_DATA_DIR` | `.` | folder of the embedded database `newsgraph.db` |
//! | `--no-seed` | `NEWSGRAPH_NO_SEED` | off | do not import the seed graph into a new embedded database |
//! | | `RUST_LOG` | `warn,newsgraph=info` | log filter |

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
    #[arg(long, env = "NEWSGRAPH_NO_SEED", global = true, value_parser = clap::builder::BoolishValueParser::new())]
    pub no_seed: bool,

    /// Report in each GraphQL response's `extensions.sqlStatements` how many
    /// SQL statements the request ran (for tests and tuning).
    #[arg(long, env = "NEWSGRAPH_SQL_STATS", global = true, value_parser = clap::builder::BoolishValueParser::new())]
    pub sql_stats: bool,

    #[command(flatten)]
    pub tokens: TokenArgs,
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
