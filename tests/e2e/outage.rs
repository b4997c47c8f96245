//! A database outage: PostgreSQL stops under a stream of writes and comes
//! back. While it is down, requests fail fast with `DATABASE_UNAVAILABLE`
//! and `/ready` says so; once it is back, the server serves again by itself;
//! every write it acknowledged is there.
//!
//! The test runs a PostgreSQL cluster of its own (Debian's `initdb` and
//! `pg_ctl`, found with `pg_config --bindir`) in a temporary folder on a
//! free port, so that it can stop it without touching the machine's server.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::server::{Server, newsgraph};
use crate::writes::{EDITOR, post};

/// A private PostgreSQL cluster, stopped when dropped.
struct Cluster {
    bin: PathBuf,
    data: PathBuf,
    port: u16,
    as_postgres: bool,
    _dir: tempfile::TempDir,
}

impl Cluster {
    fn command(&self, program: &str) -> std::process::Command {
        let path = self.bin.join(program);
        if self.as_postgres {
            // PostgreSQL refuses to run as root.
            let mut cmd = std::process::Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(path);
            cmd
        } else {
            std::process::Command::new(path)
        }
    }

    fn init() -> Self {
        let out = std::process::Command::new("pg_config")
            .arg("--bindir")
            .output()
            .expect("pg_config runs");
        let bin = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        let dir = tempfile::tempdir().expect("a temporary folder");
        let as_postgres = String::from_utf8_lossy(
            &std::process::Command::new("id")
                .arg("-u")
                .output()
                .expect("id")
                .stdout,
        )
        .trim()
            == "0";
        if as_postgres {
            let status = std::process::Command::new("chown")
                .args(["-R", "postgres"])
                .arg(dir.path())
                .status()
                .expect("chown");
            assert!(status.success());
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let cluster = Self {
            bin,
            data: dir.path().join("data"),
            port,
            as_postgres,
            _dir: dir,
        };
        let out = cluster
            .command("initdb")
            .args(["-A", "trust", "-U", "postgres", "-D"])
            .arg(&cluster.data)
            .output()
            .expect("initdb runs");
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        cluster
    }

    fn pg_ctl(&self, args: &[&str]) {
        let socket_dir = self
            .data
            .parent()
            .unwrap_or(Path::new("/tmp"))
            .display()
            .to_string();
        let options = format!("-p {} -k {socket_dir} -c listen_addresses=127.0.0.1", self.port);
        let out = self
            .command("pg_ctl")
            .arg("-D")
            .arg(&self.data)
            .args(["-o", &options, "-l"])
            .arg(self.data.with_file_name("postgres.log"))
            .args(args)
            .output()
            .expect("pg_ctl runs");
        assert!(
            out.status.success(),
            "pg_ctl {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn start(&self) {
        self.pg_ctl(&["-w", "start"]);
    }

    fn stop(&self) {
        self.pg_ctl(&["-w", "-m", "fast", "stop"]);
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .arg("-D")
            .arg(&self.data)
            .args(["-m", "immediate", "stop"])
            .output();
    }
}

const CREATE: &str = "mutation($name: String!) { createPerson(input: { name: $name }) { created } }";

fn code(body: &Value) -> String {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("")
        .to_owned()
}

async fn status_of(server: &Server, path: &str) -> u16 {
    match server.http().get(format!("{}{path}", server.base)).send().await {
        Ok(res) => res.status().as_u16(),
        Err(_) => 0,
    }
}

/// Every person's name, page by page.
async fn names(server: &Server) -> Vec<String> {
    let mut names = Vec::new();
    let mut after = Value::Null;
    loop {
        let data = server
            .query(
                "query($after: String) { people(first: 100, after: $after) { nodes { name } pageInfo { hasNextPage endCursor } } }",
                json!({ "after": after }),
            )
            .await;
        let page = &data["people"];
        for node in page["nodes"].as_array().expect("nodes") {
            names.push(node["name"].as_str().expect("a name").to_owned());
        }
        if page["pageInfo"]["hasNextPage"] != true {
            return names;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
}

pub async fn the_server_survives_a_database_outage_and_loses_no_acknowledged_write() {
    let cluster = Cluster::init();
    cluster.start();
    let mut cmd = newsgraph();
    cmd.env("DATABASE_URL", cluster.url())
        .env("NEWSGRAPH_WRITE_TOKENS", format!("editor={EDITOR}"));
    let server = Arc::new(Server::spawn(cmd).await);

    // A client writes people one after another, all through the outage,
    // noting which writes were acknowledged and how the others failed.
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let running = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let writer = {
        let (server, acknowledged, failures, running) = (
            server.clone(),
            acknowledged.clone(),
            failures.clone(),
            running.clone(),
        );
        tokio::spawn(async move {
            let mut i = 0;
            while running.load(std::sync::atomic::Ordering::Relaxed) {
                let name = format!("Person {i}");
                let (status, body) = post(&server, Some(EDITOR), CREATE, json!({ "name": name })).await;
                if status == 200 && body.get("errors").is_none() {
                    acknowledged.lock().expect("lock").push(name);
                } else {
                    failures.lock().expect("lock").push(code(&body));
                }
                i += 1;
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
    };
    tokio::time::sleep(Duration::from_millis(800)).await;
    let before = acknowledged.lock().expect("lock").len();
    assert!(before > 0, "writes were acknowledged before the outage");

    cluster.stop();

    // Down: fast, clear failures; the process itself is up, not ready.
    // The first request to meet the outage waits at most the pool's
    // connection timeout (5 s); from then on the server knows, and the
    // next ones fail at once.
    let (_, body) = server.post("{ people { totalCount } }", json!({})).await;
    assert_eq!(code(&body), "DATABASE_UNAVAILABLE", "{body}");
    let started = Instant::now();
    let (status, body) = post(
        &server,
        Some(EDITOR),
        CREATE,
        json!({ "name": "During the outage" }),
    )
    .await;
    assert_eq!(
        (status, code(&body).as_str()),
        (503, "DATABASE_UNAVAILABLE"),
        "{body}"
    );
    let (status, body) = server.post("{ people { totalCount } }", json!({})).await;
    assert_eq!(
        (status, code(&body).as_str()),
        (503, "DATABASE_UNAVAILABLE"),
        "{body}"
    );
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "failures come fast: {:?}",
        started.elapsed()
    );
    assert_eq!(status_of(&server, "/ready").await, 503);
    assert_eq!(status_of(&server, "/health").await, 200);

    cluster.start();
    // Back: ready again by itself, with no restart.
    let mut ready = false;
    for _ in 0..60 {
        if status_of(&server, "/ready").await == 200 {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(ready, "the server is ready again once the database is back");
    let (_, body) = post(
        &server,
        Some(EDITOR),
        CREATE,
        json!({ "name": "After the outage" }),
    )
    .await;
    assert!(
        body.get("errors").is_none(),
        "writes work again once ready: {body}"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    running.store(false, std::sync::atomic::Ordering::Relaxed);
    writer.await.expect("the writer ends");

    let failures = failures.lock().expect("lock").clone();
    assert!(!failures.is_empty(), "the outage was felt");
    for code in &failures {
        assert_eq!(
            code, "DATABASE_UNAVAILABLE",
            "every failure says why: {failures:?}"
        );
    }
    let stored: std::collections::HashSet<String> = names(&server).await.into_iter().collect();
    let acknowledged = acknowledged.lock().expect("lock").clone();
    assert!(
        acknowledged.len() > before,
        "writes were acknowledged after the outage"
    );
    for name in &acknowledged {
        assert!(stored.contains(name), "acknowledged write {name} is stored");
    }
    assert!(!stored.contains("During the outage"));
    assert!(stored.contains("After the outage"));
}
