//! The seed graph: every span true to the article, the first start serving
//! it, and the article's facts answered over GraphQL.

use serde_json::{Value, json};

use crate::fixtures::ARTICLE;
use crate::harness::{Backend, TestDb};
use crate::server::{SEED_FILE, Server, newsgraph};

fn seed() -> Value {
    serde_json::from_str(&std::fs::read_to_string(SEED_FILE).expect("the seed file")).expect("seed JSON")
}

/// Every `evidence` object in a JSON value, with its path.
fn evidences<'a>(value: &'a Value, path: String, out: &mut Vec<(String, &'a Value)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = format!("{path}.{k}");
                if k == "evidence" {
                    out.push((p.clone(), v));
                }
                evidences(v, p, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                evidences(v, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

pub async fn every_span_of_the_seed_graph_matches_the_article() {
    let seed = seed();
    assert_eq!(
        seed["sources"][0]["text"], ARTICLE,
        "the seed's source is the article, unchanged"
    );
    let chars: Vec<char> = ARTICLE.chars().collect();
    // The two teaser links inside the article are no part of the story.
    let teasers: Vec<(usize, usize)> = ["TYRANT TALKS\n", "PUTIN ALLY BLITZED\n"]
        .iter()
        .map(|t| {
            let byte = ARTICLE.find(t).expect("teaser in the article");
            let start = ARTICLE[..byte].chars().count();
            let line_end = ARTICLE[byte + t.len()..]
                .find('\n')
                .map_or(ARTICLE.len(), |e| byte + t.len() + e);
            (start, ARTICLE[..line_end].chars().count())
        })
        .collect();
    let mut all = Vec::new();
    evidences(&seed, String::new(), &mut all);
    assert!(
        all.len() > 40,
        "the seed cites the article throughout ({} spans)",
        all.len()
    );
    for (path, e) in all {
        let (start, end) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        let text: String = chars[start..end].iter().collect();
        assert_eq!(text, e["excerpt"].as_str().unwrap(), "{path}");
        for (t0, t1) in &teasers {
            assert!(end <= *t0 || start >= *t1, "{path} cites a teaser line");
        }
    }
}

pub async fn the_seed_file_imports_as_is() {
    let mut cmd = newsgraph();
    let dir = std::env::temp_dir().join(format!("newsgraph-seed-{}", crate::harness::unique_suffix()));
    cmd.env("NEWSGRAPH_DATA_DIR", &dir).args(["import", SEED_FILE]);
    let out = crate::server::run(cmd).await;
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.success, "{}", out.stderr);
    assert!(
        out.stdout.contains("statement 31 new, 0 already there"),
        "{}",
        out.stdout
    );
}

pub async fn first_start_of_the_embedded_database_imports_the_seed(db: TestDb) {
    let server = Server::spawn({
        let mut cmd = newsgraph();
        cmd.envs(db.env());
        cmd
    })
    .await;
    let data = server
        .query(
            "{ sources { totalCount nodes { key } } statements { totalCount } }",
            json!({}),
        )
        .await;
    match db.backend {
        // The embedded database seeds itself on its first start...
        Backend::Sqlite => {
            assert_eq!(
                data["sources"]["nodes"],
                json!([{ "key": "ukraine-peace-talks-2025-12-03" }])
            );
            assert_eq!(data["statements"]["totalCount"], 31);
        }
        // ...a newsroom's PostgreSQL never gets data it did not ask for.
        Backend::Postgres => assert_eq!(data["sources"]["totalCount"], 0),
    }
}

const STATEMENTS: &str = r#"{ statements(first: 100) { nodes {
    text kind
    speaker { __typename name }
    speakerRole { title organisation { name } }
    saidOn { text precision }
    place { name }
    audience
    about { issue { name } stance }
    evidence { excerpt }
} } }"#;

fn statement<'a>(data: &'a Value, text: &str) -> &'a Value {
    data["statements"]["nodes"]
        .as_array()
        .expect("statements")
        .iter()
        .find(|s| s["text"] == text)
        .unwrap_or_else(|| panic!("no statement {text:?}"))
}

pub async fn the_seed_graph_says_who_said_what_in_which_role(server: Server) {
    let data = server.query(STATEMENTS, json!({})).await;

    let peskov = statement(
        &data,
        "Something was accepted, while something was marked as unacceptable",
    );
    assert_eq!(peskov["kind"], "DIRECT_QUOTE");
    assert_eq!(
        peskov["speaker"],
        json!({ "__typename": "Person", "name": "Dmitry Peskov" })
    );
    assert_eq!(peskov["speakerRole"]["title"], "spokesman");
    assert_eq!(peskov["speakerRole"]["organisation"]["name"], "Kremlin");
    assert!(
        peskov["evidence"]["excerpt"]
            .as_str()
            .unwrap()
            .contains("Something was accepted")
    );

    let ushakov = statement(&data, "no compromise");
    assert_eq!(ushakov["speaker"]["name"], "Yuri Ushakov");
    assert_eq!(ushakov["speakerRole"]["title"], "presidential aide");

    let putin = statement(&data, "ready for war.");
    assert_eq!(putin["speaker"]["name"], "Vladimir Putin");
    assert_eq!(putin["place"]["name"], "Moscow");

    let trump = statement(&data, "I don’t know what the Kremlin is doing.");
    assert_eq!(trump["audience"], "reporters");
}

pub async fn the_seed_graph_says_who_supports_and_who_opposes_nato_membership(server: Server) {
    let data = server.query(STATEMENTS, json!({})).await;
    let mut positions: Vec<(String, String)> = data["statements"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["about"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|a| a["issue"]["name"] == "Ukraine's NATO membership")
                .map(move |a| {
                    (
                        s["speaker"]["name"].as_str().unwrap().to_owned(),
                        a["stance"].as_str().unwrap().to_owned(),
                    )
                })
        })
        .collect();
    positions.sort();
    positions.dedup();
    assert_eq!(
        positions,
        [
            ("Donald Trump".to_owned(), "OPPOSES".to_owned()),
            ("Government of Ukraine".to_owned(), "SUPPORTS".to_owned()),
            ("Kremlin".to_owned(), "OPPOSES".to_owned()),
        ]
    );
}

pub async fn the_seed_graph_knows_the_loan_and_its_parties(server: Server) {
    let data = server
        .query(
            r#"{ financialMeasures { totalCount nodes {
                kind amount currency status term
                share { numerator denominator of }
                provider { name } recipient { name }
                securedAgainst { qualifier issue { name } }
            } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["financialMeasures"]["totalCount"], 1);
    assert_eq!(
        data["financialMeasures"]["nodes"][0],
        json!({
            "kind": "LOAN",
            "amount": "184000000000",
            "currency": "GBP",
            "status": "PROPOSED",
            "term": "P2Y",
            "share": { "numerator": 2, "denominator": 3, "of": "Kyiv's financing needs over the next two years" },
            "provider": { "name": "European Commission" },
            "recipient": { "name": "Government of Ukraine" },
            "securedAgainst": { "qualifier": "mostly", "issue": { "name": "Frozen Russian assets" } },
        })
    );
}

pub async fn the_seed_graph_counts_the_drone_attack(server: Server) {
    let data = server
        .query(
            r#"{ events(first: 100) { nodes {
                kind startedOn { text }
                places { name }
                participants { entity { name } role }
                quantities { measure value qualifier evidence { excerpt } }
            } } }"#,
            json!({}),
        )
        .await;
    let attack = data["events"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "ATTACK")
        .expect("the drone attack");
    assert_eq!(attack["startedOn"]["text"], "2025-12-03");
    let quantities: Vec<(String, i64, String)> = attack["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["measure"].as_str().unwrap().to_owned(),
                q["value"].as_i64().unwrap(),
                q["qualifier"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        quantities,
        [
            ("drones".to_owned(), 111, "AT_LEAST".to_owned()),
            ("killed".to_owned(), 2, "EXACT".to_owned()),
            ("injured".to_owned(), 3, "EXACT".to_owned()),
        ]
    );
    let places: Vec<&str> = attack["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(places.contains(&"Dnipropetrovsk Oblast"), "{places:?}");
    assert!(
        attack["participants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["entity"]["name"] == "Russia")
    );
}
