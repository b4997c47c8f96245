//! The playground's example queries: each answers its question about the
//! seed article, on both databases.

use serde_json::{Value, json};

use crate::harness::TestDb;
use crate::server::Server;

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/http/playground");

fn example(name: &str) -> String {
    std::fs::read_to_string(format!("{EXAMPLES}/{name}.graphql")).expect("the example file")
}

fn texts(list: &Value) -> Vec<&str> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|s| s["text"].as_str().expect("text"))
        .collect()
}

pub async fn the_playground_opens_on_the_examples(db: TestDb) {
    let server = Server::start(&db).await;
    let page = server.get("/").await;
    let page = page.text().await.expect("a page");
    for name in [
        "WhoOpposesNatoMembership",
        "EverythingPeskovSaid",
        "TheEuLoan",
        "TheDroneAttack",
        "WhatKremlinOfficialsSaid",
        "HowIsKushnerConnectedToPutin",
        "UshakovsNeighbourhood",
        "NatoMembershipOverTime",
        "WhoTalksAboutTerritorialConcessions",
    ] {
        assert!(
            page.contains(&format!("query {name}")),
            "{name} missing from the playground"
        );
    }
}

pub async fn each_example_answers_its_question_about_the_seed_article(server: Server) {
    graph_examples_answer_their_questions(&server).await;
    let data = server
        .query(&example("1-who-opposes-nato-membership"), json!({}))
        .await;
    let positions = &data["issues"]["nodes"][0]["positions"]["nodes"];
    let opposers: Vec<&str> = positions
        .as_array()
        .expect("positions")
        .iter()
        .map(|p| p["actor"]["name"].as_str().expect("name"))
        .collect();
    assert_eq!(opposers, ["Kremlin", "Donald Trump"]);
    assert_eq!(
        texts(&positions[1]["statements"]["nodes"]),
        ["Trump signalled he has no intention of allowing Ukraine to join NATO."]
    );

    let data = server
        .query(&example("2-everything-peskov-said"), json!({}))
        .await;
    let peskov = &data["people"]["nodes"][0];
    assert_eq!(peskov["name"], "Dmitry Peskov");
    let role = &peskov["roles"]["nodes"][0];
    assert_eq!(role["title"], "spokesman");
    assert_eq!(role["organisation"]["name"], "Kremlin");
    assert_eq!(peskov["statements"]["totalCount"], 5);
    assert_eq!(
        texts(&peskov["statements"]["nodes"]),
        [
            "Peskov insisted Russia remained open to further dialogue.",
            "Something was accepted, while something was marked as unacceptable",
            "a normal working process towards finding a compromise",
            "Peskov said Moscow would meet U.S. negotiators as many times as it took.",
            "as many times as it took"
        ]
    );

    let data = server.query(&example("3-the-eu-loan"), json!({})).await;
    let loan = &data["financialMeasures"]["nodes"][0];
    assert_eq!(loan["amount"], "184000000000");
    assert_eq!(loan["currency"], "GBP");
    assert_eq!(loan["provider"]["name"], "European Commission");
    assert_eq!(loan["recipient"]["name"], "Government of Ukraine");
    let secured = &loan["securedAgainst"];
    assert_eq!(secured["qualifier"], "mostly");
    assert_eq!(secured["issue"]["name"], "Frozen Russian assets");
    assert_eq!(secured["entity"], Value::Null);
    assert_eq!(
        loan["share"],
        json!({ "numerator": 2, "denominator": 3, "of": "Kyiv's financing needs over the next two years" })
    );
    assert_eq!(loan["term"], "P2Y");

    let data = server.query(&example("4-the-drone-attack"), json!({})).await;
    let attack = &data["events"]["nodes"][0];
    assert_eq!(attack["label"], "Russian drone barrage on Ukraine");
    let toll: Vec<(String, i64, String)> = attack["quantities"]
        .as_array()
        .expect("quantities")
        .iter()
        .map(|q| {
            (
                q["measure"].as_str().expect("measure").to_owned(),
                q["value"].as_i64().expect("value"),
                q["qualifier"].as_str().expect("qualifier").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        toll,
        [
            ("drones".to_owned(), 111, "AT_LEAST".to_owned()),
            ("killed".to_owned(), 2, "EXACT".to_owned()),
            ("injured".to_owned(), 3, "EXACT".to_owned())
        ]
    );
    let places: Vec<&str> = attack["places"]
        .as_array()
        .expect("places")
        .iter()
        .map(|p| p["name"].as_str().expect("name"))
        .collect();
    assert_eq!(
        places,
        [
            "Dnipropetrovsk Oblast",
            "Zaporizhzhia Oblast",
            "Kharkiv Oblast",
            "Odesa Oblast"
        ]
    );

    let data = server
        .query(&example("5-what-kremlin-officials-said"), json!({}))
        .await;
    let kremlin = &data["organisations"]["nodes"][0];
    assert_eq!(kremlin["name"], "Kremlin");
    assert_eq!(
        texts(&kremlin["statements"]["nodes"]),
        [
            "The Kremlin rejected the latest proposal to break the deadlock in the war.",
            "Russia strongly opposes Ukraine's membership of NATO."
        ]
    );
    let members: Vec<(&str, usize)> = kremlin["members"]["nodes"]
        .as_array()
        .expect("members")
        .iter()
        .map(|m| {
            (
                m["person"]["name"].as_str().expect("name"),
                m["statements"]["nodes"].as_array().expect("statements").len(),
            )
        })
        .collect();
    assert_eq!(
        members,
        [("Vladimir Putin", 0), ("Yuri Ushakov", 2), ("Dmitry Peskov", 5)]
    );
}

/// The raw text of a POSTed query's answer, so that the order of its keys
/// can be checked.
async fn raw(server: &Server, query: &str) -> String {
    server
        .http()
        .post(format!("{}/graphql", server.base))
        .json(&json!({ "query": query }))
        .send()
        .await
        .expect("the request reached the server")
        .text()
        .await
        .expect("a body")
}

/// Asserts that each key first appears in `text` after the one before it.
fn in_order(text: &str, keys: &[&str]) {
    let at: Vec<usize> = keys
        .iter()
        .map(|k| {
            text.find(&format!("\"{k}\":"))
                .unwrap_or_else(|| panic!("{k} missing from {text}"))
        })
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "keys out of the query's order {keys:?} at {at:?}: {text}"
    );
}

pub async fn answers_keep_the_order_the_query_asks_for(server: Server) {
    // Fields that wait for the database (provider, issues) come before
    // ones that do not (evidence), nested too (securedAgainst).
    let text = raw(&server, &example("3-the-eu-loan")).await;
    in_order(
        &text,
        &[
            "label",
            "amount",
            "currency",
            "status",
            "term",
            "share",
            "provider",
            "recipient",
            "securedAgainst",
            "qualifier",
            "issue",
            "entity",
            "issues",
            "evidence",
        ],
    );

    // Fragments are expanded where they are spread, aliases keep their place.
    let text = raw(
        &server,
        r#"{ people(filter: { name: "Peskov" }) { nodes {
              ...Roles
              ... on Person { who: name }
              statements(first: 1) { nodes { about { stance issue { name } } evidence { excerpt } text } }
              key: id
        } } }
        fragment Roles on Person { roles { nodes { title organisation { name } } } }"#,
    )
    .await;
    in_order(
        &text,
        &[
            "roles",
            "title",
            "organisation",
            "who",
            "statements",
            "about",
            "stance",
            "issue",
            "evidence",
            "excerpt",
            "text",
            "key",
        ],
    );
}

/// The graph questions' tabs, whose IDs are the seed graph's.
async fn graph_examples_answer_their_questions(server: &Server) {
    let data = server
        .query(&example("6-how-is-kushner-connected-to-putin"), json!({}))
        .await;
    let first = &data["paths"][0]["hops"][0];
    assert_eq!(first["from"]["name"], "Jared Kushner");
    assert_eq!(first["to"]["name"], "Vladimir Putin");
    assert_eq!(data["paths"].as_array().expect("paths").len(), 5);
    let event = data["paths"]
        .as_array()
        .expect("paths")
        .iter()
        .find(|p| p["hops"][0]["kind"] == "EVENT")
        .expect("the talks in Moscow");
    assert!(
        event["hops"][0]["evidence"]["excerpt"]
            .as_str()
            .expect("an excerpt")
            .contains("Jared Kushner")
    );

    let data = server
        .query(&example("7-ushakovs-neighbourhood"), json!({}))
        .await;
    let hood = &data["neighbourhood"];
    assert_eq!(hood["nodes"][0]["name"], "Yuri Ushakov");
    let names: Vec<&str> = hood["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["name"].as_str().expect("a name"))
        .collect();
    for name in ["Kremlin", "Territorial concessions", "Ukraine peace negotiations"] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }

    let data = server
        .query(&example("8-nato-membership-over-time"), json!({}))
        .await;
    let counted: i64 = data["timeline"]
        .as_array()
        .expect("buckets")
        .iter()
        .map(|b| b["count"].as_i64().expect("a count"))
        .sum();
    assert_eq!(
        counted,
        data["statements"]["totalCount"].as_i64().expect("a count")
    );
    assert_eq!(
        data["timeline"][0]["stances"],
        json!([{ "value": "OPPOSES", "count": 2 }, { "value": "SUPPORTS", "count": 1 }])
    );

    let data = server
        .query(&example("9-who-talks-about-territorial-concessions"), json!({}))
        .await;
    let facets = &data["statementFacets"];
    assert_eq!(facets["totalCount"], 1);
    assert_eq!(facets["speakers"][0]["node"]["name"], "Yuri Ushakov");
    assert_eq!(facets["speakerOrganisations"][0]["node"]["name"], "Kremlin");
    assert_eq!(facets["stances"], json!([{ "value": "NEUTRAL", "count": 1 }]));
}
