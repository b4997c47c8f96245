//! Errors: what stops the program from starting, and what a GraphQL request
//! gets back.

use std::path::PathBuf;

use async_graphql::ErrorExtensions;
use sea_orm::DbErr;

/// Why `newsgraph` could not start. Each message names the setting to change.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// `DATABASE_URL` names a database newsgraph does not speak.
    #[error(
        "DATABASE_URL has the unsupported scheme \"{scheme}\": use postgres://USER@HOST:PORT/DB or sqlite://PATH, or unset DATABASE_URL for the embedded database"
    )]
    UnknownScheme { scheme: String },

    /// The embedded database's folder cannot be created or written.
    #[error(
        "cannot use the data folder {path} (set --data-dir or NEWSGRAPH_DATA_DIR to a writable folder): {reason}"
    )]
    DataDir { path: PathBuf, reason: String },

    /// The database did not answer.
    #[error("cannot connect to the database {target} (check DATABASE_URL): {reason}")]
    Connect { target: String, reason: String },

    /// The PostgreSQL server answers, but has no database of that name.
    #[error(
        "cannot connect to the database {target} (check DATABASE_URL): {message}; create it (createdb) or name one that exists"
    )]
    NoDatabase { target: String, message: String },

    /// A migration failed; the database is left as the last good migration left it.
    #[error("cannot migrate the database {target}: {reason}")]
    Migrate { target: String, reason: String },

    /// The address is taken or not ours.
    #[error("cannot listen on {addr} (set --addr or NEWSGRAPH_ADDR to a free address): {reason}")]
    Listen { addr: String, reason: String },

    /// The seed graph could not be imported into a new embedded database.
    #[error("cannot import the seed graph (start with --no-seed or NEWSGRAPH_NO_SEED=1 to skip it): {0}")]
    Seed(String),

    /// Some files of `newsgraph import` were refused; each was reported above.
    #[error("{failed} of {total} files were not imported; nothing of them was written")]
    Import { failed: usize, total: usize },

    /// A file could not be read or written.
    #[error("cannot {action} {path}: {reason}")]
    File {
        action: &'static str,
        path: String,
        reason: String,
    },

    /// A setting is malformed; the message names it and says why.
    #[error("{0}")]
    Config(String),

    /// A token setting is malformed; the message never repeats a token.
    #[error("{setting}: {reason}")]
    Tokens { setting: String, reason: String },

    /// A query failed after the database was opened.
    #[error("the database failed: {0}")]
    Database(String),

    /// The server stopped with an I/O error.
    #[error("the server stopped: {0}")]
    Serve(String),
}

/// One line, whatever the underlying error printed.
pub fn one_line(err: impl std::fmt::Display) -> String {
    err.to_string().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A GraphQL error with a code in `extensions.code`, for a request refused
/// outside a resolver (its limits, its document, its transport).
pub fn coded(code: &'static str, message: String) -> async_graphql::ServerError {
    let mut error = async_graphql::ServerError::new(message, None);
    let mut extensions = async_graphql::ErrorExtensionValues::default();
    extensions.set("code", code);
    error.extensions = Some(extensions);
    error
}

/// An error a GraphQL client sees, with a stable code in `extensions.code`.
///
/// It deliberately has no `Display`: async-graphql turns anything that has
/// one into an error without a code, and every error of ours carries one.
#[derive(Debug, Clone)]
pub enum AppError {
    /// `BAD_USER_INPUT`: an argument is malformed or out of range.
    BadUserInput(String),

    /// `BAD_USER_INPUT` for a document with several problems: the message
    /// sums them up and `extensions.problems` lists each `{ path, message }`.
    Invalid {
        message: String,
        problems: Vec<(String, String)>,
    },

    /// `NOT_FOUND`: the node a write names does not exist.
    NotFound(String),

    /// `CONFLICT`: the write is based on a version of the node that is no
    /// longer current, or would break a uniqueness rule.
    Conflict(String),

    /// `UNAUTHENTICATED`: the request needs a token it lacks, or its token is unknown.
    Unauthenticated(String),

    /// `FORBIDDEN`: the token is known but does not allow this.
    Forbidden(String),

    /// `DATABASE_UNAVAILABLE`: the database does not answer; nothing was
    /// written, and the same request may be sent again once it is back.
    DatabaseUnavailable,

    /// `RESULT_TOO_LARGE`: the request read more rows than one request may
    /// (`--max-rows`); the message names the limit.
    ResultTooLarge(String),

    /// `TIMEOUT`: the database stopped a statement that ran past the
    /// request's time limit.
    Timeout,

    /// `INTERNAL_SERVER_ERROR`: a fault of ours; the cause is logged, not shown.
    Internal,
}

impl AppError {
    /// A bad argument, with a sentence saying what is wrong.
    pub fn bad_input(message: impl Into<String>) -> Self {
        Self::BadUserInput(message.into())
    }

    /// `BAD_USER_INPUT` for one or more `(path, message)` problems: the
    /// message names the first and counts the rest, `extensions.problems`
    /// lists them all. An empty list is a fault of ours.
    pub fn invalid(problems: Vec<(String, String)>) -> Self {
        let Some((path, message)) = problems.first() else {
            tracing::error!("a write was refused without a problem");
            return Self::Internal;
        };
        let more = match problems.len() {
            1 => String::new(),
            2 => " (and 1 more problem; see extensions.problems)".to_owned(),
            n => format!(" (and {} more problems; see extensions.problems)", n - 1),
        };
        Self::Invalid {
            message: format!("{path}: {message}{more}"),
            problems,
        }
    }

    /// The sentence the client reads.
    pub fn message(&self) -> String {
        match self {
            Self::BadUserInput(message)
            | Self::Invalid { message, .. }
            | Self::NotFound(message)
            | Self::Conflict(message)
            | Self::Unauthenticated(message)
            | Self::Forbidden(message)
            | Self::ResultTooLarge(message) => message.clone(),
            Self::DatabaseUnavailable => {
                "the database is not answering; nothing was written, try again shortly".to_owned()
            }
            Self::Timeout => "the request ran longer than its time limit and was stopped".to_owned(),
            Self::Internal => "internal error; the server log has the details".to_owned(),
        }
    }

    /// The stable machine-readable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadUserInput(_) | Self::Invalid { .. } => "BAD_USER_INPUT",
            Self::NotFound(_) => "NOT_FOUND",
            Self::Conflict(_) => "CONFLICT",
            Self::Unauthenticated(_) => "UNAUTHENTICATED",
            Self::Forbidden(_) => "FORBIDDEN",
            Self::DatabaseUnavailable => "DATABASE_UNAVAILABLE",
            Self::ResultTooLarge(_) => "RESULT_TOO_LARGE",
            Self::Timeout => "TIMEOUT",
            Self::Internal => "INTERNAL_SERVER_ERROR",
        }
    }
}

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        if unavailable(&err) {
            tracing::warn!(error = %one_line(&err), "the database is not answering");
            return Self::DatabaseUnavailable;
        }
        if stopped(&err) {
            tracing::warn!(error = %one_line(&err), "a statement ran past its request's time limit");
            return Self::Timeout;
        }
        tracing::error!(error = %err, "database error");
        Self::Internal
    }
}

/// Whether an error says the database cannot be reached (down, restarting,
/// the connection lost), rather than that a statement failed.
pub fn unavailable(err: &DbErr) -> bool {
    use sea_orm::RuntimeErr;
    use sea_orm::sqlx::Error as Sqlx;
    match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => match &**e {
            Sqlx::Io(_) | Sqlx::PoolTimedOut | Sqlx::PoolClosed | Sqlx::WorkerCrashed | Sqlx::Protocol(_) => {
                true
            }
            // 08: connection exceptions; 57P0x: the server is shutting down,
            // crashed, or not yet accepting connections.
            Sqlx::Database(db) => db
                .code()
                .is_some_and(|code| code.starts_with("08") || code.starts_with("57P")),
            _ => false,
        },
        _ => false,
    }
}

impl From<AppError> for async_graphql::Error {
    fn from(err: AppError) -> Self {
        async_graphql::Error::new(err.message()).extend_with(|_, e| {
            e.set("code", err.code());
            if let AppError::Invalid { problems, .. } = &err {
                let list: Vec<async_graphql::Value> = problems
                    .iter()
                    .map(|(path, message)| {
                        let mut item = async_graphql::indexmap::IndexMap::new();
                        item.insert(
                            async_graphql::Name::new("path"),
                            async_graphql::Value::from(path.as_str()),
                        );
                        item.insert(
                            async_graphql::Name::new("message"),
                            async_graphql::Value::from(message.as_str()),
                        );
                        async_graphql::Value::Object(item)
                    })
                    .collect();
                e.set("problems", async_graphql::Value::List(list));
            }
        })
    }
}

/// Whether the database stopped a statement for running too long:
/// PostgreSQL's `statement_timeout` (57014), or SQLite interrupted by the
/// progress handler [`crate::db`] installs.
fn stopped(err: &DbErr) -> bool {
    use sea_orm::RuntimeErr;
    use sea_orm::sqlx::Error as Sqlx;
    match err {
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => match &**e {
            Sqlx::Database(db) => {
                db.code().is_some_and(|code| code == "57014" || code == "9")
                    || db.message().contains("interrupted")
            }
            _ => false,
        },
        _ => false,
    }
}

/// Result of a resolver.
pub type AppResult<T> = Result<T, AppError>;
