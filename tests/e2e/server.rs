//! A `newsgraph` process serving a test database on a free port, and a
//! GraphQL client for it.

use std::ffi::{OsStr, OsString};
use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::harness::{Backend, TestDb};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_newsgraph");

/// A command for the binary with a clean environment: nothing of the
/// developer's own configuration leaks into a test.
pub fn newsgraph() -> Command {
    clean(Command::new(BIN))
}

/// A command without the developer's own configuration of `newsgraph`.
pub fn clean(mut cmd: Command) -> Command {
    for var in configuration(std::env::vars_os().map(|(name, _)| name)) {
        cmd.env_remove(var);
    }
    cmd.env("RUST_LOG", "warn").kill_on_drop(true);
    cmd
}

/// Of the names of environment variables, those that configure
/// `newsgraph`: `DATABASE_URL` and every `NEWSGRAPH_*`, whether the tests
/// know the setting or not.
fn configuration(names: impl Iterator<Item = OsString>) -> Vec<OsString> {
    names
        .filter(|name| {
            name.to_str()
                .is_some_and(|name| name == "DATABASE_URL" || name.starts_with("NEWSGRAPH_"))
        })
        .collect()
}

/// The command for the binary clears every setting the developer's
/// environment might hold, not only the settings the tests use.
pub async fn the_developers_settings_never_reach_the_binary() {
    let names = [
        "DATABASE_URL",
        "NEWSGRAPH_MAX_DEPTH",
        "NEWSGRAPH_SOMETHING_NEW",
        "PATH",
        "HOME",
    ];
    let cleared = configuration(names.iter().map(OsString::from));
    assert_eq!(
        cleared,
        ["DATABASE_URL", "NEWSGRAPH_MAX_DEPTH", "NEWSGRAPH_SOMETHING_NEW"]
    );
    // And what this process holds is removed from the command.
    let cmd = newsgraph();
    let removed: Vec<&OsStr> = cmd
        .as_std()
        .get_envs()
        .filter(|(_, value)| value.is_none())
        .map(|(name, _)| name)
        .collect();
    for (name, _) in std::env::vars_os() {
        if !configuration(std::iter::once(name.clone())).is_empty() {
            assert!(removed.contains(&name.as_os_str()), "{name:?} reaches the binary");
        }
    }
}

/// The seed document, as committed.
pub const SEED_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../data/seed/ukraine-peace-talks.json"
);

/// Runs `newsgraph import FILES...` against the test database.
pub async fn import(db: &TestDb, files: &[&str]) -> Finished {
    let mut cmd = newsgraph();
    cmd.envs(db.env()).arg("import").args(files);
    run(cmd).await
}

/// Runs `newsgraph export` against the test database; returns the JSON text.
pub async fn export(db: &TestDb) -> String {
    let mut cmd = newsgraph();
    cmd.envs(db.env()).arg("export");
    let out = run(cmd).await;
    assert!(out.success, "export failed: {}", out.stderr);
    out.stdout
}

/// What a finished command printed, and how it ended.
pub struct Finished {
    pub success: bool,
    /// The exit code; `None` when a signal ended the process.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the binary to completion with a time limit.
pub async fn run(mut cmd: Command) -> Finished {
    cmd.stdin(Stdio::null());
    let out = tokio::time::timeout(Duration::from_secs(60), cmd.output())
        .await
        .expect("newsgraph finished within 60 s")
        .expect("newsgraph started");
    Finished {
        success: out.status.success(),
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A running server; stopped when dropped. A client of a server another
/// owns ([`Server::client`]) has no process of its own.
pub struct Server {
    child: Option<Child>,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    http: reqwest::Client,
    /// What the server wrote to stderr so far: its log.
    log: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
}

impl Server {
    /// Starts `newsgraph serve` on a free port against the test database,
    /// empty: without the seed graph.
    pub async fn start(db: &TestDb) -> Self {
        let mut cmd = newsgraph();
        cmd.envs(db.env()).env("NEWSGRAPH_NO_SEED", "1");
        Self::spawn(cmd).await
    }

    /// Starts a server over the seed graph: the embedded database of a
    /// development server seeds itself on first start; PostgreSQL, and a
    /// production server, get it by `newsgraph import`.
    pub async fn start_seeded(db: &TestDb) -> Self {
        Self::start_seeded_with(db, &[]).await
    }

    /// Like [`Server::start_seeded`], with settings of the test's own.
    pub async fn start_seeded_with(db: &TestDb, env: &[(&str, &str)]) -> Self {
        let production = env.contains(&("NEWSGRAPH_ENV", "production"));
        if db.backend == Backend::Postgres || production {
            let out = import(db, &[SEED_FILE]).await;
            assert!(out.success, "importing the seed failed: {}", out.stderr);
        }
        let mut cmd = newsgraph();
        cmd.envs(db.env()).envs(env.iter().copied());
        Self::spawn(cmd).await
    }

    /// Starts a prepared command with `serve --addr 127.0.0.1:0` appended.
    pub async fn spawn(mut cmd: Command) -> Self {
        cmd.args(["serve", "--addr", "127.0.0.1:0"]);
        Self::attach(cmd).await
    }

    /// Starts a command that serves, and waits for the line that says where.
    pub async fn attach(mut cmd: Command) -> Self {
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("newsgraph started");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let line = tokio::time::timeout(Duration::from_secs(60), lines.next_line()).await;
        let Ok(Ok(Some(line))) = line else {
            let mut stderr = String::new();
            if let Some(mut err) = child.stderr.take() {
                let _ = tokio::time::timeout(Duration::from_secs(5), err.read_to_string(&mut stderr)).await;
            }
            panic!("newsgraph did not start serving: {stderr}");
        };
        let base = line
            .strip_prefix("newsgraph listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {line}"))
            .trim_end_matches('/')
            .to_owned();
        // Keep draining stdout so the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        if let Some(mut err) = child.stderr.take() {
            let log = log.clone();
            tokio::spawn(async move {
                let mut chunk = [0u8; 8192];
                while let Ok(n) = err.read(&mut chunk).await {
                    if n == 0 {
                        break;
                    }
                    log.lock().expect("the log").extend_from_slice(&chunk[..n]);
                }
            });
        }
        Self {
            child: Some(child),
            base,
            http: reqwest::Client::new(),
            log,
        }
    }

    /// Another client of this server, with connections of its own.
    pub fn client(&self) -> Self {
        Self {
            child: None,
            base: self.base.clone(),
            http: reqwest::Client::new(),
            log: self.log.clone(),
        }
    }

    fn child(&mut self) -> &mut Child {
        self.child.as_mut().expect("a server this test started")
    }

    /// The process id of the command this test started.
    pub fn pid(&self) -> u32 {
        let child = self.child.as_ref().expect("a server this test started");
        child.id().expect("the server is running")
    }

    /// Sends the server SIGTERM, as a service manager stops it.
    pub fn terminate(&self) {
        let child = self.child.as_ref().expect("a server this test started");
        let pid = child.id().expect("the server is running");
        let status = std::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    /// Waits for the server to exit; its exit status, or `None` after `limit`.
    pub async fn exited(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        tokio::time::timeout(limit, self.child().wait())
            .await
            .ok()
            .map(|status| status.expect("the server's status"))
    }

    /// The server's log so far (its stderr).
    pub fn log(&self) -> String {
        String::from_utf8_lossy(&self.log.lock().expect("the log")).into_owned()
    }

    /// The HTTP client, for requests other than GraphQL POSTs.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// GETs a path of the server (`/`, `/health`...).
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap_or_else(|err| panic!("GET {path}: {err}"))
    }

    /// POSTs a GraphQL request; returns the status and the JSON body.
    pub async fn post(&self, query: &str, variables: Value) -> (u16, Value) {
        let res = self
            .http
            .post(format!("{}/graphql", self.base))
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("the request reached the server");
        let status = res.status().as_u16();
        (status, res.json().await.expect("a JSON body"))
    }

    /// Runs a query that must succeed; returns `data`.
    pub async fn query(&self, query: &str, variables: Value) -> Value {
        let (status, body) = self.post(query, variables).await;
        assert_eq!(status, 200, "status of {query}: {body}");
        assert!(body.get("errors").is_none(), "errors for {query}: {body}");
        body["data"].clone()
    }

    /// Runs a query that must fail; returns its first error.
    pub async fn query_error(&self, query: &str, variables: Value) -> Value {
        let (_, body) = self.post(query, variables).await;
        body["errors"][0].clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.start_kill();
        }
    }
}
