//! Graph questions: `statementFacets`, `timeline` and `eventTimeline`,
//! `neighbourhood` and `paths`, on the seed graph and on a generated one
//! with a hub. Each count is checked against the list it counts.

use serde_json::{Value, json};

use crate::filters::id_of;
use crate::harness::TestDb;
use crate::server::Server;

const NODE: &str = "__typename id ... on Person { name } ... on Organisation { name } ... on Place { name } ... on Issue { name } ... on Source { title }";

fn facets_query() -> String {
    let counts = format!("node {{ {NODE} }} count");
    format!(
        "query($filter: StatementFilter, $first: Int) {{ statementFacets(filter: $filter, first: $first) {{
            totalCount
            speakers {{ {counts} }} issues {{ {counts} }} sources {{ {counts} }} places {{ {counts} }}
            speakerOrganisations {{ {counts} }} publishers {{ value count }}
            stances {{ value count }} kinds {{ value count }}
        }} }}"
    )
}

/// `(name, count)` of each entry of a facet, in order.
fn named(facet: &Value) -> Vec<(String, i64)> {
    facet
        .as_array()
        .expect("a facet")
        .iter()
        .map(|entry| {
            let label = entry["node"]
                .get("name")
                .or_else(|| entry["node"].get("title"))
                .or_else(|| entry.get("value"))
                .and_then(Value::as_str)
                .expect("a name or value")
                .to_owned();
            (label, entry["count"].as_i64().expect("a count"))
        })
        .collect()
}

fn pairs(expected: &[(&str, i64)]) -> Vec<(String, i64)> {
    expected.iter().map(|(n, c)| (n.to_string(), *c)).collect()
}

async fn total(server: &Server, filter: &Value) -> i64 {
    server
        .query(
            "query($filter: StatementFilter) { statements(filter: $filter) { totalCount } }",
            json!({ "filter": filter }),
        )
        .await["statements"]["totalCount"]
        .as_i64()
        .expect("a count")
}

/// Checks every count of every facet against `statements(filter:)` with
/// the facet's value added to `filter`; returns the facets.
async fn facets_agree_with_the_list(server: &Server, filter: Value) -> Value {
    let facets = server
        .query(&facets_query(), json!({ "filter": filter, "first": 100 }))
        .await["statementFacets"]
        .clone();
    let all = total(server, &filter).await;
    assert_eq!(facets["totalCount"], all, "{facets}");
    for (facet, field, sums_to_total) in [
        ("speakers", "speaker", true),
        ("issues", "issue", false),
        ("sources", "source", true),
        ("places", "place", false),
        ("speakerOrganisations", "speakerOrganisation", false),
        ("stances", "stance", false),
        ("kinds", "kind", true),
    ] {
        let entries = facets[facet].as_array().expect("a facet");
        if filter.get(field).is_some() {
            // A filter holds one value a field: two issues cannot be asked of the list.
            continue;
        }
        let mut sum = 0;
        for entry in entries {
            let value = entry["node"].get("id").unwrap_or(&entry["value"]).clone();
            let mut narrowed = filter.clone();
            narrowed[field] = value;
            let count = entry["count"].as_i64().expect("a count");
            assert_eq!(
                total(server, &narrowed).await,
                count,
                "{facet} {entry} under {narrowed}"
            );
            sum += count;
        }
        if sums_to_total {
            assert_eq!(sum, all, "each statement has one of {facet}");
        }
    }
    facets
}

pub async fn statement_facets_count_what_the_list_under_the_same_filter_counts(server: Server) {
    let facets = facets_agree_with_the_list(&server, json!({})).await;
    assert_eq!(facets["totalCount"], 31);
    assert_eq!(
        named(&facets["speakers"])[..3],
        pairs(&[("Donald Trump", 7), ("Dmitry Peskov", 5), ("NATO", 3)])[..]
    );
    assert_eq!(
        named(&facets["kinds"]),
        pairs(&[("PARAPHRASE", 17), ("DIRECT_QUOTE", 14)])
    );
    // The seed's one article names no publisher.
    assert_eq!(named(&facets["publishers"]), vec![]);
    // An issue counts the statements about the issues under it.
    assert_eq!(named(&facets["issues"])[0], ("Russia–Ukraine war".to_owned(), 26));
    // The Kremlin said two itself; Peskov, Ushakov and Putin spoke in roles in it.
    let kremlin = named(&facets["speakerOrganisations"])
        .into_iter()
        .find(|(name, _)| name == "Kremlin");
    assert_eq!(kremlin, Some(("Kremlin".to_owned(), 9)));

    let concessions = id_of(&server, "issues", "Territorial concessions").await;
    let facets = facets_agree_with_the_list(&server, json!({ "issue": concessions })).await;
    assert_eq!(named(&facets["speakers"]), pairs(&[("Yuri Ushakov", 1)]));
    assert_eq!(named(&facets["speakerOrganisations"]), pairs(&[("Kremlin", 1)]));
    // On that issue: Ushakov's statement is also about the negotiations.
    assert_eq!(named(&facets["stances"]), pairs(&[("NEUTRAL", 1)]));

    let nato = id_of(&server, "issues", "Ukraine's NATO membership").await;
    let facets = facets_agree_with_the_list(&server, json!({ "issue": nato })).await;
    assert_eq!(
        named(&facets["stances"]),
        pairs(&[("OPPOSES", 2), ("SUPPORTS", 1)])
    );

    let few = server
        .query(&facets_query(), json!({ "filter": {}, "first": 2 }))
        .await;
    assert_eq!(named(&few["statementFacets"]["speakers"]).len(), 2);
    let error = server
        .query_error(&facets_query(), json!({ "filter": {}, "first": 101 }))
        .await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{error}");
    assert!(
        error["message"].as_str().unwrap_or("").contains("`first`"),
        "{error}"
    );
}

const TIMELINE: &str = "query($filter: StatementFilter, $interval: TimeInterval!) {
    timeline(filter: $filter, interval: $interval) { start end precision undated count stances { value count } }
    statements(filter: $filter) { totalCount } }";

fn bucket_sum(buckets: &Value) -> i64 {
    buckets
        .as_array()
        .expect("buckets")
        .iter()
        .map(|b| b["count"].as_i64().expect("a count"))
        .sum()
}

pub async fn timelines_count_each_statement_and_event_once(server: Server) {
    for interval in ["DAY", "WEEK", "MONTH", "YEAR"] {
        let data = server
            .query(TIMELINE, json!({ "filter": {}, "interval": interval }))
            .await;
        assert_eq!(
            bucket_sum(&data["timeline"]),
            data["statements"]["totalCount"].as_i64().unwrap()
        );
    }
    // The seed dates its statements to December 2025 or not at all: on a
    // timeline by day, those count in a bucket of the month.
    let by_day = server
        .query(TIMELINE, json!({ "filter": {}, "interval": "DAY" }))
        .await;
    let buckets: Vec<_> = by_day["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["start"].clone(),
                b["end"].clone(),
                b["precision"].clone(),
                b["undated"].clone(),
                b["count"].clone(),
            )
        })
        .collect();
    assert_eq!(
        buckets,
        vec![
            (
                json!("2025-12-01"),
                json!("2025-12-31"),
                json!("MONTH"),
                json!(false),
                json!(19)
            ),
            (json!(""), json!(""), Value::Null, json!(true), json!(12)),
        ]
    );
    let by_year = server
        .query(TIMELINE, json!({ "filter": {}, "interval": "YEAR" }))
        .await;
    assert_eq!(by_year["timeline"][0]["start"], "2025-01-01");
    assert_eq!(by_year["timeline"][0]["precision"], "YEAR");

    let nato = id_of(&server, "issues", "Ukraine's NATO membership").await;
    let data = server
        .query(
            TIMELINE,
            json!({ "filter": { "issue": nato }, "interval": "MONTH" }),
        )
        .await;
    assert_eq!(
        data["timeline"],
        json!([{ "start": "", "end": "", "precision": null, "undated": true, "count": 3,
                 "stances": [{ "value": "OPPOSES", "count": 2 }, { "value": "SUPPORTS", "count": 1 }] }])
    );

    let events = server
        .query(
            "{ eventTimeline(interval: DAY) { start end precision undated count stances { value } }
               events { totalCount } }",
            json!({}),
        )
        .await;
    let buckets = events["eventTimeline"].as_array().expect("buckets");
    assert_eq!(
        bucket_sum(&events["eventTimeline"]),
        events["events"]["totalCount"].as_i64().unwrap()
    );
    let dated: Vec<&str> = buckets
        .iter()
        .filter(|b| b["undated"] == false)
        .map(|b| b["start"].as_str().unwrap())
        .collect();
    let mut sorted = dated.clone();
    sorted.sort();
    assert_eq!(dated, sorted, "buckets in order of time");
    assert!(dated.contains(&"2025-12-02"), "{events}");
    assert!(buckets.iter().all(|b| b["stances"] == json!([])));
    let error = server
        .query_error("{ eventTimeline(interval: HOUR) { count } }", json!({}))
        .await;
    assert!(!error.is_null());
}

const NEIGHBOURHOOD: &str = "query($id: ID!, $depth: Int, $first: Int, $kinds: [GraphEdgeKind!]) {
    neighbourhood(id: $id, depth: $depth, first: $first, kinds: $kinds) {
        nodes { __typename ... on Person { name } ... on Organisation { name } ... on Place { name } ... on Issue { name } }
        edges { kind weight from { id } to { ... on Person { name } ... on Organisation { name } ... on Place { name } ... on Issue { name } }
                facts(first: 20) { totalCount nodes { id } } }
    } }";

pub async fn a_neighbourhood_weighs_each_edge_by_its_facts(server: Server) {
    let ushakov = id_of(&server, "people", "Yuri Ushakov").await;
    let data = server.query(NEIGHBOURHOOD, json!({ "id": ushakov })).await;
    let hood = &data["neighbourhood"];
    assert_eq!(hood["nodes"][0]["name"], "Yuri Ushakov");
    let edges = hood["edges"].as_array().expect("edges");
    for edge in edges {
        let facts = edge["facts"]["nodes"].as_array().expect("facts");
        assert_eq!(edge["weight"], edge["facts"]["totalCount"], "{edge}");
        assert_eq!(edge["weight"].as_u64(), Some(facts.len() as u64), "{edge}");
    }
    let summary: Vec<(String, String)> = edges
        .iter()
        .filter(|e| e["from"]["id"] == ushakov.as_str())
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_owned(),
                e["to"]["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for expected in [
        ("ROLE", "Kremlin"),
        ("STANCE", "Ukraine peace negotiations"),
        ("STANCE", "Territorial concessions"),
        ("STANCE", "U.S. peace proposals for Ukraine"),
        ("MENTION", "United States government"),
    ] {
        assert!(
            summary.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} in {summary:?}"
        );
    }
    // Every node is an end of an edge, and every end a node.
    let names: Vec<&str> = hood["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    for edge in edges {
        assert!(names.contains(&edge["to"]["name"].as_str().unwrap()));
    }

    // Two steps over roles: Ushakov, the Kremlin, and the Kremlin's people.
    let roles = server
        .query(
            NEIGHBOURHOOD,
            json!({ "id": ushakov, "depth": 2, "first": 10, "kinds": ["ROLE"] }),
        )
        .await;
    let mut names: Vec<String> = roles["neighbourhood"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names.remove(0), "Yuri Ushakov");
    assert_eq!(names.remove(0), "Kremlin");
    names.sort();
    assert_eq!(names, ["Dmitry Peskov", "Vladimir Putin"]);
    assert!(
        roles["neighbourhood"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["kind"] == "ROLE" && e["weight"] == 1)
    );

    let error = server
        .query_error(NEIGHBOURHOOD, json!({ "id": ushakov, "depth": 4 }))
        .await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{error}");
    assert!(
        error["message"].as_str().unwrap_or("").contains("`depth`"),
        "{error}"
    );
}

const PATHS: &str = "query($from: ID!, $to: ID!, $maxHops: Int) {
    paths(from: $from, to: $to, maxHops: $maxHops) { hops {
        kind weight
        from { id ... on Person { name } ... on Organisation { name } ... on Place { name } ... on Issue { name } }
        to { id ... on Person { name } ... on Organisation { name } ... on Place { name } ... on Issue { name } }
        fact { __typename id ... on Event { label } ... on Relation { kind } ... on Statement { text } }
        evidence { start end excerpt source { text } }
    } } }";

pub async fn paths_join_kushner_to_putin_by_facts_with_their_evidence(server: Server) {
    let kushner = id_of(&server, "people", "Jared Kushner").await;
    let putin = id_of(&server, "people", "Vladimir Putin").await;
    let data = server.query(PATHS, json!({ "from": kushner, "to": putin })).await;
    let paths = data["paths"].as_array().expect("paths");
    assert_eq!(paths.len(), 5, "{data}");
    // The best, one hop each: both were at the talks in Moscow, and
    // Trump named both in one statement.
    let one_hop: Vec<(Value, Value)> = paths[..2]
        .iter()
        .map(|p| {
            assert_eq!(p["hops"].as_array().unwrap().len(), 1, "{p}");
            (
                p["hops"][0]["kind"].clone(),
                p["hops"][0]["fact"]["__typename"].clone(),
            )
        })
        .collect();
    assert_eq!(
        one_hop,
        vec![
            (json!("CO_MENTION"), json!("Statement")),
            (json!("EVENT"), json!("Event"))
        ]
    );
    assert_eq!(
        paths[1]["hops"][0]["fact"]["label"],
        "Talks between Vladimir Putin and the U.S. delegation in Moscow"
    );
    let mut lengths = Vec::new();
    for path in paths {
        let hops = path["hops"].as_array().expect("hops");
        lengths.push(hops.len());
        assert_eq!(hops[0]["from"]["id"], kushner.as_str());
        assert_eq!(hops[hops.len() - 1]["to"]["id"], putin.as_str());
        for pair in hops.windows(2) {
            assert_eq!(pair[0]["to"]["id"], pair[1]["from"]["id"]);
        }
        for hop in hops {
            // The evidence is the very span of the article.
            let evidence = &hop["evidence"];
            let text: Vec<char> = evidence["source"]["text"].as_str().unwrap().chars().collect();
            let (start, end) = (
                evidence["start"].as_u64().unwrap() as usize,
                evidence["end"].as_u64().unwrap() as usize,
            );
            let span: String = text[start..end].iter().collect();
            assert_eq!(span, evidence["excerpt"].as_str().unwrap());
        }
    }
    let mut sorted = lengths.clone();
    sorted.sort();
    assert_eq!(lengths, sorted, "fewest hops first");
    // Through Trump: Kushner is his son-in-law, and Trump spoke of Putin.
    let via_trump = paths
        .iter()
        .any(|p| p["hops"][0]["kind"] == "RELATION" && p["hops"][0]["to"]["name"] == "Donald Trump");
    assert!(via_trump, "{data}");

    // One hop: only those two.
    let one = server
        .query(PATHS, json!({ "from": kushner, "to": putin, "maxHops": 1 }))
        .await;
    assert_eq!(one["paths"].as_array().unwrap().len(), 2);

    let error = server
        .query_error(PATHS, json!({ "from": kushner, "to": putin, "maxHops": 5 }))
        .await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or("")
            .contains("`maxHops` takes 1 to 4 (got 5)"),
        "{error}"
    );
}

pub async fn a_hub_of_thousands_of_facts_answers_within_the_limits(db: TestDb) {
    crate::fixtures::generated(&db, 5_000).await;
    let server = Server::start(&db).await;
    let top = server
        .query(
            "{ statementFacets(first: 100) { speakers { node { id } count } } }",
            json!({}),
        )
        .await;
    let speakers = top["statementFacets"]["speakers"].as_array().expect("speakers");
    let hub = speakers[0]["node"]["id"].as_str().unwrap().to_owned();
    assert!(speakers[0]["count"].as_i64().unwrap() >= 500, "{top}");
    let rare = speakers.last().unwrap()["node"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let hood = server
        .query(
            "query($id: ID!) { neighbourhood(id: $id, depth: 2, first: 20) { nodes { id } edges { weight } } }",
            json!({ "id": hub }),
        )
        .await;
    let nodes = hood["neighbourhood"]["nodes"].as_array().expect("nodes");
    assert!(
        nodes.len() > 20 && nodes.len() <= 1 + 20 + 20 * 20,
        "{}",
        nodes.len()
    );
    assert!(
        hood["neighbourhood"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["weight"].as_i64().unwrap() > 1)
    );

    let paths = server
        .query(
            "query($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4) { hops { kind from { id } to { id } evidence { excerpt } } } }",
            json!({ "from": hub, "to": rare }),
        )
        .await;
    let paths = paths["paths"].as_array().expect("paths");
    assert!(!paths.is_empty());
    assert!(paths.iter().all(|p| p["hops"].as_array().unwrap().len() <= 4));
}
