//! The README's examples, run as written: its fenced blocks marked after
//! their language run in order against one fresh server, so that an example
//! that stops working fails here.
//!
//! | fence | what the test does with it |
//! | --- | --- |
//! | `sh server` | runs it with bash from the case's folder, `newsgraph` on the `PATH`, on a free port; the one server of the run |
//! | `sh example` | runs it with bash from that folder, the server's address in place of `http://127.0.0.1:8000`; it must print a GraphQL answer without errors |
//! | `graphql example` | sends it over HTTP with the write token the server block made; it must answer without errors; a subscription is sent over WebSocket instead |
//! | `json variables` | the variables of the GraphQL block before it; a value `"<a.b[0].c>"` is the value at that path of the latest answer that has it |
//! | `json websocket` | sends each line on a `graphql-transport-ws` connection; it must be acknowledged |
//!
//! A subscription, of a `json websocket` or a `graphql example` block, must
//! hear the next write an example makes.

use serde_json::{Value, json};
use tokio::process::Command;

use crate::harness::{Backend, TestDb};
use crate::server::{BIN, SEED_FILE, Server, clean, run};
use crate::subscriptions::{Socket, next, open, send};

const README: &str = include_str!("../../README.md");

/// The address the README's examples call.
const README_ADDRESS: &str = "http://127.0.0.1:8000";

/// A fenced block of the README marked as an example.
struct Block {
    /// The fence's info string: `sh example`, `graphql example`...
    info: String,
    text: String,
    /// Its first line in the README, for messages.
    line: usize,
}

const MARKS: [&str; 5] = [
    "sh server",
    "sh example",
    "graphql example",
    "json variables",
    "json websocket",
];

/// The marked blocks, in order; a block inside a list item loses the
/// indentation of its fence.
fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut lines = markdown.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        let indent = line.len() - line.trim_start().len();
        let Some(info) = line.trim_start().strip_prefix("```") else {
            continue;
        };
        let mut text = String::new();
        for (_, body) in lines.by_ref() {
            if body.trim_start().starts_with("```") {
                break;
            }
            text.push_str(body.get(indent..).unwrap_or(body.trim_start()));
            text.push('\n');
        }
        if MARKS.contains(&info.trim()) {
            out.push(Block {
                info: info.trim().to_owned(),
                text,
                line: n + 1,
            });
        }
    }
    out
}

/// The value at a path such as `people.nodes[0].id`.
fn at<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.replace('[', ".")
        .replace(']', "")
        .split('.')
        .try_fold(value, |v, step| match step.parse::<usize>() {
            Ok(i) => v.get(i),
            Err(_) => v.get(step),
        })
        .filter(|v| !v.is_null())
}

/// Variables with each `"<path>"` replaced by that path's value in the
/// latest answer that has it.
fn resolve(variables: &Value, answers: &[Value], line: usize) -> Value {
    match variables {
        Value::String(s) if s.starts_with('<') && s.ends_with('>') => {
            let path = &s[1..s.len() - 1];
            answers
                .iter()
                .rev()
                .find_map(|a| at(a, path))
                .unwrap_or_else(|| panic!("README line {line}: no answer before has {path}"))
                .clone()
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), resolve(v, answers, line)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The `data` of an answer that must have no errors.
fn data(answer: &Value, line: usize) -> Value {
    assert!(
        answer.get("errors").is_none(),
        "README line {line}: the example answered with errors: {answer}"
    );
    assert!(
        answer["data"].is_object(),
        "README line {line}: no data: {answer}"
    );
    answer["data"].clone()
}

/// Sends SIGTERM to a process group when dropped: the server block's shell
/// and the server it started. Through `killpg` itself: procps' `kill -TERM
/// -PGID` (without `--`) signals every process of the machine, PostgreSQL
/// included.
struct Group(u32);

impl Drop for Group {
    fn drop(&mut self) {
        let Ok(group) = libc::pid_t::try_from(self.0) else {
            return;
        };
        // A group of its own (`process_group(0)`), never 0 or 1.
        if group > 1 {
            // SAFETY: killpg takes plain integers and touches no memory.
            unsafe {
                libc::killpg(group, libc::SIGTERM);
            }
        }
    }
}

/// The examples run in order: the state they share.
struct Run {
    server: Server,
    folder: std::path::PathBuf,
    token: String,
    /// The `data` of every answer so far.
    answers: Vec<Value>,
    /// Subscriptions waiting for the next write.
    listening: Vec<(Socket, usize)>,
}

impl Run {
    async fn shell(&mut self, block: &Block) {
        let script = block.text.replace(README_ADDRESS, &self.server.base);
        let mut cmd = clean(Command::new("bash"));
        cmd.args(["-e", "-o", "pipefail", "-c", &script])
            .current_dir(&self.folder);
        let out = run(cmd).await;
        assert!(
            out.success,
            "README line {}: the example failed: {}",
            block.line, out.stderr
        );
        let answer: Value = serde_json::from_str(&out.stdout).unwrap_or_else(|err| {
            panic!(
                "README line {}: not a GraphQL answer ({err}): {}",
                block.line, out.stdout
            )
        });
        self.answers.push(data(&answer, block.line));
        if block.text.contains("mutation") {
            self.heard().await;
        }
    }

    async fn graphql(&mut self, block: &Block, variables: Option<&Block>) {
        let variables = match variables {
            Some(v) => {
                let raw: Value = serde_json::from_str(&v.text)
                    .unwrap_or_else(|err| panic!("README line {}: not JSON: {err}", v.line));
                resolve(&raw, &self.answers, v.line)
            }
            None => json!({}),
        };
        let document = block.text.trim_start();
        if document.starts_with("subscription") {
            let mut socket = open(&self.server, Some("graphql-transport-ws")).await;
            send(&mut socket, json!({ "type": "connection_init" })).await;
            assert_eq!(next(&mut socket).await["type"], "connection_ack");
            let payload = json!({ "query": document, "variables": variables });
            send(
                &mut socket,
                json!({ "id": "1", "type": "subscribe", "payload": payload }),
            )
            .await;
            self.listening.push((socket, block.line));
            return;
        }
        let res = self
            .server
            .http()
            .post(format!("{}/graphql", self.server.base))
            .bearer_auth(&self.token)
            .json(&json!({ "query": document, "variables": variables }))
            .send()
            .await
            .expect("the request reached the server");
        let answer: Value = res.json().await.expect("a JSON answer");
        self.answers.push(data(&answer, block.line));
        if document.starts_with("mutation") {
            self.heard().await;
        }
    }

    async fn websocket(&mut self, block: &Block) {
        let mut socket = open(&self.server, Some("graphql-transport-ws")).await;
        for line in block.text.lines().filter(|l| !l.trim().is_empty()) {
            let message: Value = serde_json::from_str(line)
                .unwrap_or_else(|err| panic!("README line {}: not JSON: {err}", block.line));
            send(&mut socket, message).await;
        }
        let ack = next(&mut socket).await;
        assert_eq!(
            ack,
            json!({ "type": "connection_ack" }),
            "README line {}",
            block.line
        );
        self.listening.push((socket, block.line));
    }

    /// Every subscription waiting hears the write just made.
    async fn heard(&mut self) {
        for (mut socket, line) in std::mem::take(&mut self.listening) {
            let event = next(&mut socket).await;
            assert_eq!(event["type"], "next", "README line {line}: {event}");
            data(&event["payload"], line);
        }
    }
}

pub async fn the_readme_examples_run_as_written(db: TestDb) {
    let blocks = blocks(README);
    for mark in MARKS {
        assert!(
            blocks.iter().any(|b| b.info == mark),
            "the README has no `{mark}` block"
        );
    }
    let servers: Vec<&Block> = blocks.iter().filter(|b| b.info == "sh server").collect();
    assert_eq!(servers.len(), 1, "one server block");
    // The examples run from a folder that holds the repository's `data/`,
    // as the repository's root folder does.
    let folder = db.dir.clone();
    let data_dir = std::path::Path::new(SEED_FILE)
        .parent()
        .and_then(std::path::Path::parent)
        .expect("data/");
    std::os::unix::fs::symlink(data_dir, folder.join("data")).expect("a link to data/");
    if db.backend == Backend::Postgres {
        // PostgreSQL is never seeded by itself: it gets the seed by import,
        // as the README's PostgreSQL section says.
        let out = crate::server::import(&db, &[SEED_FILE]).await;
        assert!(out.success, "{}", out.stderr);
    }
    let bin_dir = std::path::Path::new(BIN).parent().expect("the binary's folder");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = clean(Command::new("bash"));
    cmd.args(["-c", &servers[0].text])
        .current_dir(&folder)
        .env("PATH", path)
        .env("NEWSGRAPH_ADDR", "127.0.0.1:0")
        .envs(db.env().into_iter().filter(|(k, _)| *k == "DATABASE_URL"))
        .process_group(0);
    let server = Server::attach(cmd).await;
    let _group = Group(server.pid());
    if db.backend == Backend::Sqlite {
        assert!(
            folder.join("newsgraph.db").exists(),
            "the first start creates newsgraph.db in the current folder"
        );
    }
    let token = std::fs::read_to_string(folder.join("token.txt")).expect("token.txt");
    let mut state = Run {
        server,
        folder,
        token: token.trim().to_owned(),
        answers: Vec::new(),
        listening: Vec::new(),
    };
    let rest: Vec<&Block> = blocks.iter().filter(|b| b.info != "sh server").collect();
    let mut i = 0;
    while i < rest.len() {
        let block = rest[i];
        i += 1;
        match block.info.as_str() {
            "sh example" => state.shell(block).await,
            "json websocket" => state.websocket(block).await,
            "graphql example" => {
                let variables = rest.get(i).copied().filter(|b| b.info == "json variables");
                i += usize::from(variables.is_some());
                state.graphql(block, variables).await;
            }
            _ => panic!(
                "README line {}: a `{}` block follows no GraphQL example",
                block.line, block.info
            ),
        }
    }
    let waiting: Vec<usize> = state.listening.iter().map(|(_, line)| *line).collect();
    assert!(
        waiting.is_empty(),
        "subscriptions of README lines {waiting:?} heard no write after them"
    );
}

/// The blocks are found in list items too, and lose their indentation.
pub async fn readme_blocks_are_found_with_their_marks_and_text() {
    let markdown = "text\n\n```sh example\necho 1\n```\n\n1. step\n\n   ```json variables\n   { \"a\": 1 }\n   ```\n\n```sh\nnot marked\n```\n";
    let found: Vec<(String, String, usize)> = blocks(markdown)
        .into_iter()
        .map(|b| (b.info, b.text, b.line))
        .collect();
    assert_eq!(
        found,
        [
            ("sh example".to_owned(), "echo 1\n".to_owned(), 3),
            ("json variables".to_owned(), "{ \"a\": 1 }\n".to_owned(), 9),
        ]
    );
    let answers = [
        json!({ "people": { "nodes": [{ "id": "P1" }] } }),
        json!({ "x": 1 }),
    ];
    assert_eq!(
        resolve(&json!({ "s": "<people.nodes[0].id>", "n": 2 }), &answers, 1),
        json!({ "s": "P1", "n": 2 })
    );
}
