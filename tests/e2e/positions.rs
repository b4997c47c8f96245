//! `Issue.positions`: who stands where on an issue, and what they said.

use serde_json::{Value, json};

use crate::filters::id_of;
use crate::fixtures::span;
use crate::harness::TestDb;
use crate::server::{Server, import};

const POSITIONS: &str = r#"query($issue: ID!, $stance: Stance) {
    node(id: $issue) {
        ... on Issue {
            positions(stance: $stance) {
                nodes {
                    stance
                    actor { __typename name }
                    statements { nodes { text } }
                    firstSaidOn { date }
                    lastSaidOn { date }
                }
            }
        }
    }
}"#;

/// (actor, stance, statement texts) of each position, in order.
fn summary(data: &Value) -> Vec<(String, String, Vec<String>)> {
    data["node"]["positions"]["nodes"]
        .as_array()
        .expect("positions")
        .iter()
        .map(|p| {
            let texts = p["statements"]["nodes"]
                .as_array()
                .expect("statements")
                .iter()
                .map(|s| s["text"].as_str().expect("text").to_owned())
                .collect();
            (
                p["actor"]["name"].as_str().expect("name").to_owned(),
                p["stance"].as_str().expect("stance").to_owned(),
                texts,
            )
        })
        .collect()
}

fn position(actor: &str, stance: &str, texts: &[&str]) -> (String, String, Vec<String>) {
    (
        actor.to_owned(),
        stance.to_owned(),
        texts.iter().map(|t| t.to_string()).collect(),
    )
}

pub async fn positions_say_who_supports_and_who_opposes_and_what_they_said(server: Server) {
    let nato = id_of(&server, "issues", "Ukraine's NATO membership").await;
    let all = server.query(POSITIONS, json!({ "issue": nato })).await;
    assert_eq!(
        summary(&all),
        vec![
            position(
                "Government of Ukraine",
                "SUPPORTS",
                &[
                    "Ukraine maintains that, even if a peace agreement is reached, NATO membership is the only reliable safeguard against future Russian aggression."
                ]
            ),
            position(
                "Kremlin",
                "OPPOSES",
                &["Russia strongly opposes Ukraine's membership of NATO."]
            ),
            position(
                "Donald Trump",
                "OPPOSES",
                &["Trump signalled he has no intention of allowing Ukraine to join NATO."]
            ),
        ]
    );
    let opposed = server
        .query(POSITIONS, json!({ "issue": nato, "stance": "OPPOSES" }))
        .await;
    assert_eq!(summary(&opposed), summary(&all)[1..].to_vec());
    let mixed = server
        .query(POSITIONS, json!({ "issue": nato, "stance": "MIXED" }))
        .await;
    assert_eq!(summary(&mixed), vec![]);
    // One speaker, many statements, one stance: one position.
    let peace = id_of(&server, "issues", "Ukraine peace negotiations").await;
    let peace = summary(
        &server
            .query(POSITIONS, json!({ "issue": peace, "stance": "SUPPORTS" }))
            .await,
    );
    let peskov: Vec<_> = peace.iter().filter(|p| p.0 == "Dmitry Peskov").collect();
    assert_eq!(peskov.len(), 1, "{peace:?}");
    assert_eq!(peskov[0].2.len(), 4, "{peace:?}");
}

pub async fn a_speaker_whose_stance_changed_has_one_position_per_stance(db: TestDb) {
    let server = Server::start_seeded(&db).await;
    // Trump later supports what he opposed: a second, dated statement.
    let excerpt = "Trump signalled he, too, has no intention of allowing Ukraine to join";
    let (start, end) = span(excerpt);
    let doc = json!({
        "format": "newsgraph/1",
        "people": [{ "key": "trump", "name": "Donald Trump", "wikidataId": "Q22686" }],
        "issues": [{ "key": "nato", "name": "Ukraine's NATO membership" }],
        "statements": [{
            "key": "trump-changes-his-mind", "kind": "paraphrase",
            "text": "Trump now backs Ukraine's NATO membership.",
            "speaker": "trump", "saidOn": "2026-01-15",
            "about": [{ "issue": "nato", "stance": "supports" }],
            "evidence": { "source": "ukraine-peace-talks-2025-12-03", "start": start, "end": end, "excerpt": excerpt }
        }]
    });
    let path = db.dir.join("later.json");
    std::fs::write(&path, doc.to_string()).expect("a test file");
    let out = import(&db, &[&path.display().to_string()]).await;
    assert!(out.success, "{}", out.stderr);

    let nato = id_of(&server, "issues", "Ukraine's NATO membership").await;
    let data = server.query(POSITIONS, json!({ "issue": nato })).await;
    let trump: Vec<_> = summary(&data)
        .into_iter()
        .filter(|p| p.0 == "Donald Trump")
        .collect();
    assert_eq!(
        trump,
        vec![
            position(
                "Donald Trump",
                "OPPOSES",
                &["Trump signalled he has no intention of allowing Ukraine to join NATO."]
            ),
            position(
                "Donald Trump",
                "SUPPORTS",
                &["Trump now backs Ukraine's NATO membership."]
            ),
        ]
    );
    let supports = data["node"]["positions"]["nodes"]
        .as_array()
        .expect("positions")
        .iter()
        .find(|p| p["actor"]["name"] == "Donald Trump" && p["stance"] == "SUPPORTS")
        .expect("the new position")
        .clone();
    assert_eq!(supports["firstSaidOn"], json!({ "date": "2026-01-15" }));
    assert_eq!(supports["lastSaidOn"], json!({ "date": "2026-01-15" }));
}

const PAGE: &str = r#"query($issue: ID!, $stance: Stance, $first: Int, $after: String, $last: Int, $before: String) {
    node(id: $issue) {
        ... on Issue {
            positions(stance: $stance, first: $first, after: $after, last: $last, before: $before) {
                totalCount
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                edges { cursor node { stance actor { name } } }
            }
        }
    }
}"#;

/// (actor, stance) of each position of a page.
fn actors(data: &Value) -> Vec<(String, String)> {
    data["node"]["positions"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            (
                e["node"]["actor"]["name"].as_str().expect("name").to_owned(),
                e["node"]["stance"].as_str().expect("stance").to_owned(),
            )
        })
        .collect()
}

pub async fn positions_page_with_cursors_both_ways_and_count_the_whole_list(server: Server) {
    let nato = id_of(&server, "issues", "Ukraine's NATO membership").await;
    let all = server.query(PAGE, json!({ "issue": nato })).await;
    let everyone = actors(&all);
    assert_eq!(everyone.len(), 3, "{all}");
    assert_eq!(all["node"]["positions"]["totalCount"], 3);

    // Forwards, two then one.
    let first = server.query(PAGE, json!({ "issue": nato, "first": 2 })).await;
    assert_eq!(actors(&first), everyone[..2].to_vec());
    let info = &first["node"]["positions"]["pageInfo"];
    assert_eq!(info["hasNextPage"], true, "{first}");
    assert_eq!(info["hasPreviousPage"], false, "{first}");
    let rest = server
        .query(
            PAGE,
            json!({ "issue": nato, "first": 2, "after": info["endCursor"] }),
        )
        .await;
    assert_eq!(actors(&rest), everyone[2..].to_vec());
    assert_eq!(
        rest["node"]["positions"]["pageInfo"]["hasNextPage"], false,
        "{rest}"
    );
    assert_eq!(
        rest["node"]["positions"]["totalCount"], 3,
        "the count is the whole list's"
    );

    // Backwards: the last one, then the two before it.
    let last = server.query(PAGE, json!({ "issue": nato, "last": 1 })).await;
    assert_eq!(actors(&last), everyone[2..].to_vec());
    let info = &last["node"]["positions"]["pageInfo"];
    assert_eq!(info["hasPreviousPage"], true, "{last}");
    let before = server
        .query(
            PAGE,
            json!({ "issue": nato, "last": 5, "before": info["startCursor"] }),
        )
        .await;
    assert_eq!(actors(&before), everyone[..2].to_vec());

    // The stance filter pages and counts only its positions.
    let opposed = server
        .query(PAGE, json!({ "issue": nato, "stance": "OPPOSES", "first": 1 }))
        .await;
    assert_eq!(opposed["node"]["positions"]["totalCount"], 2, "{opposed}");
    assert_eq!(actors(&opposed).len(), 1);
    assert!(actors(&opposed).iter().all(|(_, stance)| stance == "OPPOSES"));

    // A cursor of another list is refused.
    let error = server
        .query_error(PAGE, json!({ "issue": nato, "after": "bm90LWEtY3Vyc29y" }))
        .await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{error}");
}

pub async fn a_positions_statements_page_like_every_other_list(server: Server) {
    let peace = id_of(&server, "issues", "Ukraine peace negotiations").await;
    let query = r#"query($issue: ID!, $after: String) {
        node(id: $issue) {
            ... on Issue {
                positions(stance: SUPPORTS, first: 100) {
                    nodes {
                        actor { name }
                        statements(first: 3, after: $after) {
                            totalCount
                            pageInfo { hasNextPage endCursor }
                            nodes { text }
                        }
                    }
                }
            }
        }
    }"#;
    let peskov = |data: &Value| {
        data["node"]["positions"]["nodes"]
            .as_array()
            .expect("positions")
            .iter()
            .find(|p| p["actor"]["name"] == "Dmitry Peskov")
            .expect("Peskov's position")["statements"]
            .clone()
    };
    let first = peskov(&server.query(query, json!({ "issue": peace })).await);
    assert_eq!(first["totalCount"], 4, "{first}");
    assert_eq!(first["nodes"].as_array().expect("nodes").len(), 3, "{first}");
    assert_eq!(first["pageInfo"]["hasNextPage"], true, "{first}");
    let after = first["pageInfo"]["endCursor"].clone();
    let rest = peskov(
        &server
            .query(query, json!({ "issue": peace, "after": after }))
            .await,
    );
    assert_eq!(rest["nodes"].as_array().expect("nodes").len(), 1, "{rest}");
    assert_eq!(rest["pageInfo"]["hasNextPage"], false, "{rest}");
    let mut texts: Vec<&Value> = first["nodes"].as_array().expect("nodes").iter().collect();
    texts.extend(rest["nodes"].as_array().expect("nodes"));
    let unique: std::collections::HashSet<String> = texts.iter().map(|t| t.to_string()).collect();
    assert_eq!(unique.len(), 4, "the two pages hold four different statements");
}

pub async fn every_position_of_a_page_of_issues_is_read_in_a_few_sql_statements(db: TestDb) {
    // Issues of a hundred positions and more: more pages in one batch than
    // SQLite takes in one compound query.
    crate::fixtures::generated(&db, 2_000).await;
    let mut cmd = crate::server::newsgraph();
    cmd.envs(db.env())
        .envs([("NEWSGRAPH_NO_SEED", "1"), ("NEWSGRAPH_SQL_STATS", "1")])
        // What is counted here is SQL, not time: on a loaded machine the
        // request may take longer than the default limit.
        .env("NEWSGRAPH_TIMEOUT_MS", "120000");
    let server = Server::spawn(cmd).await;
    let (body, sql) = crate::sql_count::counted(
        &server,
        "{ issues(first: 10) { nodes { positions(first: 100) { totalCount nodes {
            firstSaidOn { date } lastSaidOn { date }
            statements(first: 2) { totalCount nodes { id } } } } } } }",
        json!({}),
    )
    .await;
    let issues = body["data"]["issues"]["nodes"].as_array().expect("issues");
    let positions: usize = issues
        .iter()
        .map(|i| i["positions"]["nodes"].as_array().expect("positions").len())
        .sum();
    assert!(
        positions > 500,
        "the graph has {positions} positions on a page of issues"
    );
    for issue in issues {
        for position in issue["positions"]["nodes"].as_array().expect("positions") {
            let statements = &position["statements"];
            let shown = statements["nodes"].as_array().expect("statements").len() as i64;
            let total = statements["totalCount"].as_i64().expect("a count");
            assert!(shown >= 1 && shown <= total.min(2), "{position}");
        }
    }
    // The issues, their positions, the positions' statements and counts, in
    // pages that SQLite takes a few at a time: eleven, not one per position.
    assert!(
        (8..=11).contains(&sql),
        "{positions} positions took {sql} SQL statements"
    );
}
