//! Settings as the README states them: the tokens file's comments, the
//! switches of what the server shows, values that do not parse, and a
//! production server that never seeds itself.

use serde_json::{Value, json};

use crate::harness::TestDb;
use crate::server::{Server, newsgraph, run};

const CREATE: &str =
    "mutation($input: CreatePersonInput!) { createPerson(input: $input) { created person { name } } }";

pub async fn a_tokens_file_may_end_a_line_with_a_comment(db: TestDb) {
    const SECRET: &str = "file-token-0123456789#inside";
    let file = db.dir.join("tokens");
    std::fs::write(
        &file,
        format!("# who may write\nwrite editor {SECRET}   # the desk's editor\n\n  # an indented comment\n"),
    )
    .expect("the tokens file");
    let mut cmd = newsgraph();
    cmd.envs(db.env())
        .env("NEWSGRAPH_NO_SEED", "1")
        .env("NEWSGRAPH_TOKENS_FILE", &file);
    let server = Server::spawn(cmd).await;
    let input = json!({ "input": { "name": "Kaja Kallas" } });
    // The token is the word before the comment, `#` inside it included.
    let (status, body) = crate::writes::post(&server, Some(SECRET), CREATE, input.clone()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["data"]["createPerson"],
        json!({ "created": true, "person": { "name": "Kaja Kallas" } })
    );
    let (_, body) = crate::writes::post(&server, Some("file-token-0123456789"), CREATE, input).await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
        "{body}"
    );
}

const INTROSPECTION: &str = "{ __schema { queryType { name } } }";
const MISSPELT: &str = "{ peple { totalCount } }";

/// What a server shows: (introspection, suggestions, playground).
async fn shown(db: &TestDb, env: &[(&str, &str)], flags: &[&str]) -> (bool, bool, bool) {
    let mut cmd = newsgraph();
    cmd.envs(db.env())
        .env("NEWSGRAPH_NO_SEED", "1")
        .envs(env.iter().copied())
        .args(flags);
    let server = Server::spawn(cmd).await;
    let (_, body) = server.post(INTROSPECTION, json!({})).await;
    let introspection = body["data"]["__schema"]["queryType"]["name"] == "Query";
    let (_, body) = server.post(MISSPELT, json!({})).await;
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    let suggestions = message.contains("Did you mean");
    let page = server.get("/").await;
    (introspection, suggestions, page.status() == 200)
}

pub async fn each_switch_turns_on_alone_and_off_with_false_over_the_environment(db: TestDb) {
    let production = [("NEWSGRAPH_ENV", "production")];
    assert_eq!(shown(&db, &[], &[]).await, (true, true, true));
    assert_eq!(shown(&db, &production, &[]).await, (false, false, false));
    // A switch alone means on, each on its own.
    assert_eq!(
        shown(&db, &production, &["--playground"]).await,
        (false, false, true)
    );
    assert_eq!(
        shown(&db, &production, &["--suggestions"]).await,
        (false, true, false)
    );
    assert_eq!(
        shown(&db, &production, &["--introspection"]).await,
        (true, false, false)
    );
    // `=false` turns one off, and so does its environment variable.
    assert_eq!(
        shown(&db, &[], &["--suggestions=false", "--playground=false"]).await,
        (true, false, false)
    );
    assert_eq!(
        shown(&db, &[("NEWSGRAPH_INTROSPECTION", "off")], &[]).await,
        (false, true, true)
    );
    // The flag wins over the environment.
    assert_eq!(
        shown(&db, &[("NEWSGRAPH_PLAYGROUND", "false")], &["--playground"]).await,
        (true, true, true)
    );
}

/// Runs `newsgraph serve` with these settings; it must stop at once with
/// one line on stderr and exit code 1. Returns the line.
async fn refused(env: &[(&str, &str)], flags: &[&str]) -> String {
    let mut cmd = newsgraph();
    cmd.env("NEWSGRAPH_DATA_DIR", std::env::temp_dir())
        .envs(env.iter().copied())
        .args(flags)
        .args(["serve", "--addr", "127.0.0.1:0"]);
    let out = run(cmd).await;
    assert_eq!(out.code, Some(1), "{env:?} {flags:?}: {}", out.stderr);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{env:?} {flags:?}: {lines:?}");
    assert!(lines[0].starts_with("newsgraph: error: "), "{}", lines[0]);
    lines[0].to_owned()
}

pub async fn a_value_that_does_not_parse_is_one_line_naming_the_setting_as_given() {
    let line = refused(&[("NEWSGRAPH_ENV", "prod")], &[]).await;
    assert_eq!(
        line,
        "newsgraph: error: NEWSGRAPH_ENV: \"prod\" is not a valid value: it must be one of development, production"
    );
    let line = refused(&[("NEWSGRAPH_MAX_DEPTH", "abc")], &[]).await;
    assert_eq!(
        line,
        "newsgraph: error: NEWSGRAPH_MAX_DEPTH: \"abc\" is not a valid value: invalid digit found in string"
    );
    // From the command line, the flag is named, even with the variable set.
    let line = refused(&[("NEWSGRAPH_MAX_DEPTH", "12")], &["--max-depth=x3"]).await;
    assert!(
        line.starts_with("newsgraph: error: --max-depth: \"x3\""),
        "{line}"
    );
    let line = refused(&[], &["--playground=maybe"]).await;
    assert!(
        line.starts_with("newsgraph: error: --playground: \"maybe\""),
        "{line}"
    );
    let line = refused(&[("NEWSGRAPH_NO_SEED", "perhaps")], &[]).await;
    assert!(
        line.starts_with("newsgraph: error: NEWSGRAPH_NO_SEED: \"perhaps\""),
        "{line}"
    );
    // A flag that does not exist is one line too.
    let line = refused(&[], &["--max-deepness", "3"]).await;
    assert!(line.contains("--max-deepness"), "{line}");
}

async fn counts(server: &Server) -> Value {
    server
        .query("{ sources { totalCount } statements { totalCount } }", json!({}))
        .await
}

pub async fn a_production_server_never_seeds_itself(db: TestDb) {
    let mut cmd = newsgraph();
    cmd.envs(db.env()).env("NEWSGRAPH_ENV", "production");
    let server = Server::spawn(cmd).await;
    assert_eq!(
        counts(&server).await,
        json!({ "sources": { "totalCount": 0 }, "statements": { "totalCount": 0 } })
    );
    assert!(
        !server.log().contains("imported the seed graph"),
        "{}",
        server.log()
    );
}
