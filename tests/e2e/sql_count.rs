//! DataLoaders everywhere: the SQL statements of one request grow with the
//! depth of the query, never with the number of rows it returns.
//!
//! The counts are exact, so that a count that misses statements (0 would
//! pass any upper bound) fails as surely as an N+1 does; and each is checked
//! against the server's count of every statement it ran
//! (`newsgraph_sql_statements_total`), so that statements run off the
//! request's task cannot hide from the request's count.

use serde_json::json;

use crate::harness::TestDb;
use crate::server::{Server, import, newsgraph, run};

const STATEMENTS: &str = r#"query($first: Int) {
    statements(first: $first) {
        nodes {
            text
            speaker { name ... on Person { wikidataId } }
            speakerRole { title organisation { name kind } person { name } }
            about { stance issue { name } }
            mentions { name }
            evidence { excerpt source { title } }
        }
    }
}"#;

/// Every SQL statement the server ran since it started serving, from `/metrics`.
async fn statements_run(server: &Server) -> u64 {
    let text = server
        .http()
        .get(format!("{}/metrics", server.base))
        .send()
        .await
        .expect("/metrics answers")
        .text()
        .await
        .expect("a text");
    // The counter shows once the first statement after startup ran.
    text.lines()
        .find_map(|line| line.strip_prefix("newsgraph_sql_statements_total "))
        .map_or(0, |n| n.trim().parse().expect("a count"))
}

/// The SQL statements one request ran, by its own count; asserts that the
/// server ran no others meanwhile.
pub async fn counted(server: &Server, query: &str, variables: serde_json::Value) -> (serde_json::Value, u64) {
    let before = statements_run(server).await;
    let (status, body) = server.post(query, variables).await;
    let ran = statements_run(server).await - before;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("errors").is_none(), "{body}");
    let n = body["extensions"]["sqlStatements"]
        .as_u64()
        .expect("sqlStatements");
    assert_eq!(
        n, ran,
        "the request counted {n} SQL statements, the server ran {ran}: {body}"
    );
    (body, n)
}

pub async fn a_hundred_statements_with_their_relations_take_eight_or_nine_sql_statements(db: TestDb) {
    let file = db.dir.join("generated.json");
    let mut generate = newsgraph();
    generate
        .args(["generate", "--statements", "150", "--seed", "7", "--output"])
        .arg(&file);
    let out = run(generate).await;
    assert!(out.success, "{}", out.stderr);
    let out = import(&db, &[&file.display().to_string()]).await;
    assert!(out.success, "{}", out.stderr);

    let mut cmd = newsgraph();
    cmd.envs(db.env())
        .env("NEWSGRAPH_NO_SEED", "1")
        .env("NEWSGRAPH_SQL_STATS", "1");
    let server = Server::spawn(cmd).await;

    let count = |first: i32| {
        let server = &server;
        async move {
            let (body, n) = counted(server, STATEMENTS, json!({ "first": first })).await;
            let nodes = body["data"]["statements"]["nodes"]
                .as_array()
                .expect("nodes")
                .clone();
            assert_eq!(nodes.len(), first as usize);
            // The relations were really read, not left empty.
            assert!(nodes.iter().all(|n| n["speaker"]["name"].is_string() && n["evidence"]["source"]["title"].is_string()));
            assert!(
                nodes
                    .iter()
                    .any(|n| n["speakerRole"]["organisation"]["name"].is_string()),
                "{body}"
            );
            assert!(
                nodes
                    .iter()
                    .any(|n| !n["about"].as_array().expect("about").is_empty()),
                "{body}"
            );
            assert!(
                nodes
                    .iter()
                    .any(|n| !n["mentions"].as_array().expect("mentions").is_empty()),
                "{body}"
            );
            n
        }
    };
    // One statement per level of the query: the page, the speakers, the
    // roles, their organisations, the issue links, their issues, the
    // mentions, the sources and the count; the organisations go with the
    // speakers (one loader of entities) when their batches meet. Ten rows
    // or a hundred alike.
    for first in [100, 10] {
        let n = count(first).await;
        assert!((8..=9).contains(&n), "{first} statements took {n} SQL statements");
    }

    // Nested lists batch as well: a page of people with a page of
    // statements each is one query for all the people's pages, one for all
    // their counts: five in all, however many people the page holds.
    let (_, n) = counted(
        &server,
        "{ people(first: 50) { nodes { statements(first: 3) { totalCount nodes { text } } roles { nodes { title } } } } }",
        json!({}),
    )
    .await;
    assert_eq!(n, 5, "50 people with nested lists took {n} SQL statements");
}
