//! DataLoaders everywhere: the SQL statements of one request grow with the
//! depth of the query, never with the number of rows it returns.

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

pub async fn a_hundred_statements_with_their_relations_take_at_most_ten_sql_statements(db: TestDb) {
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
            let (status, body) = server.post(STATEMENTS, json!({ "first": first })).await;
            assert_eq!(status, 200, "{body}");
            assert!(body.get("errors").is_none(), "{body}");
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
            body["extensions"]["sqlStatements"]
                .as_u64()
                .expect("sqlStatements")
        }
    };
    let hundred = count(100).await;
    assert!(hundred <= 10, "100 statements took {hundred} SQL statements");
    let ten = count(10).await;
    assert!(ten <= 10, "10 statements took {ten} SQL statements");

    // Nested lists batch as well: a page of people with a page of
    // statements each is one query for all the people's pages.
    let (_, body) = server
        .post(
            "{ people(first: 50) { nodes { statements(first: 3) { totalCount nodes { text } } roles { nodes { title } } } } }",
            json!({}),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    let n = body["extensions"]["sqlStatements"]
        .as_u64()
        .expect("sqlStatements");
    assert!(n <= 6, "50 people with nested lists took {n} SQL statements");
}
