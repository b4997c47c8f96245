//! `search`: names, aliases and statement text, ranked the same on SQLite
//! and PostgreSQL. Each case asserts whole expected lists, identical for
//! both databases: passing on both is the proof that they agree.

use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::fixtures;
use crate::harness::TestDb;
use crate::server::Server;

const SEARCH: &str = r#"query($query: String!, $first: Int, $after: String) {
    search(query: $query, first: $first, after: $after) {
        totalCount
        edges {
            cursor
            node {
                score
                field
                text
                highlighted
                highlights { start end }
                node {
                    __typename
                    ... on Person { id name }
                    ... on Organisation { id name }
                    ... on Place { id name }
                    ... on Issue { id name }
                    ... on Statement { id text }
                    ... on Event { id label }
                    ... on FinancialMeasure { id label }
                    ... on Role { id title }
                    ... on Relation { id kind }
                    ... on Source { id title }
                }
            }
        }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
}"#;

/// A hit as the cases compare it: type, the node's name (a statement's
/// text, a fact's label, title or kind), the field that matched and the score.
type Row = (String, String, String, f64);

fn rows(search: &Value) -> Vec<Row> {
    search["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            let hit = &e["node"];
            let node = &hit["node"];
            let label = ["name", "text", "label", "title", "kind"]
                .iter()
                .find_map(|k| node.get(*k))
                .expect("a name, text, label, title or kind");
            (
                node["__typename"].as_str().expect("a type").to_owned(),
                label.as_str().expect("a string").to_owned(),
                hit["field"].as_str().expect("a field").to_owned(),
                hit["score"].as_f64().expect("a score"),
            )
        })
        .collect()
}

fn row(ty: &str, label: &str, field: &str, score: f64) -> Row {
    (ty.to_owned(), label.to_owned(), field.to_owned(), score)
}

async fn search(server: &Server, query: &str, first: Option<i32>) -> Value {
    server
        .query(SEARCH, json!({ "query": query, "first": first }))
        .await["search"]
        .clone()
}

async fn search_error(server: &Server, query: &str, first: Option<i32>) -> Value {
    server
        .query_error(SEARCH, json!({ "query": query, "first": first }))
        .await
}

/// The first hit's type and name, for the queries that should find one node first.
async fn top(server: &Server, query: &str) -> (String, String) {
    let found = rows(&search(server, query, None).await);
    let first = found.first().unwrap_or_else(|| panic!("no hit for {query}"));
    (first.0.clone(), first.1.clone())
}

const PESKOV: &str = "Dmitry Peskov";
/// The seed's article: its passages are hits of the words of its text.
const TITLE: &str = "Trump casts doubt on Russia's intentions as Ukraine peace talks stall";
const ZELENSKY: &str = "Volodymyr Zelensky";

pub async fn search_finds_a_name_across_case_accents_and_transliterations(server: Server) {
    for query in [
        "peskov",
        "PESKOV",
        "Peskóv",
        "Dmitri Peskov",
        "dmitriy peskov",
        "Дмитрий Песков",
    ] {
        assert_eq!(
            top(&server, query).await,
            ("Person".to_owned(), PESKOV.to_owned()),
            "{query}"
        );
    }
    for query in [
        "Zelenskyy",
        "Zelensky",
        "zelenskiy",
        "Зеленський",
        "Зеленский",
        "Volodymyr Zelenskyy",
    ] {
        assert_eq!(
            top(&server, query).await,
            ("Person".to_owned(), ZELENSKY.to_owned()),
            "{query}"
        );
    }
    // The seed spells the region "Zaporizhzhia"; accents and doubled letters do not matter.
    assert_eq!(
        top(&server, "Zapórizhia oblast").await,
        ("Place".to_owned(), "Zaporizhzhia Oblast".to_owned())
    );
}

pub async fn search_finds_aliases_and_says_which_one_matched(server: Server) {
    let kiev = search(&server, "Kiev", None).await;
    assert_eq!(kiev["totalCount"], 1);
    assert_eq!(
        kiev["edges"][0]["node"],
        json!({
            "score": 99.0,
            "field": "ALIAS",
            "text": "Kiev",
            "highlighted": "<mark>Kiev</mark>",
            "highlights": [{ "start": 0, "end": 4 }],
            "node": { "__typename": "Place", "id": kiev["edges"][0]["node"]["node"]["id"], "name": "Kyiv" },
        })
    );
    assert_eq!(
        rows(&search(&server, "rnbo", None).await),
        [row(
            "Organisation",
            "National Security and Defense Council of Ukraine",
            "ALIAS",
            99.0
        )]
    );
}

pub async fn search_matches_the_last_word_as_a_prefix(server: Server) {
    assert_eq!(
        rows(&search(&server, "Pesk", None).await)[0],
        row("Person", PESKOV, "ALIAS", 79.0)
    );
    assert_eq!(
        rows(&search(&server, "dmitry pesk", None).await)[0],
        row("Person", PESKOV, "NAME", 89.0)
    );
    // Only the last word is a prefix: "pesk dmitry" needs a word "pesk".
    assert_eq!(search(&server, "pesk dmitry", None).await["totalCount"], 0);
}

pub async fn search_finds_statement_text_and_marks_the_words(server: Server) {
    let found = search(&server, "frozen russian assets", None).await;
    assert_eq!(
        rows(&found),
        [
            row("Issue", "Frozen Russian assets", "NAME", 109.0),
            row(
                "Statement",
                "Zelensky urged Europe to commit frozen Russian assets to Ukraine's defence.",
                "TEXT",
                27.73
            ),
            row("Source", TITLE, "PASSAGE", 15.8),
        ]
    );
    let statement = &found["edges"][1]["node"];
    assert_eq!(
        statement["highlighted"],
        "Zelensky urged Europe to commit <mark>frozen</mark> <mark>Russian</mark> <mark>assets</mark> to Ukraine&#39;s defence."
    );
    assert_eq!(
        statement["highlights"],
        json!([{ "start": 32, "end": 38 }, { "start": 39, "end": 46 }, { "start": 47, "end": 53 }])
    );
    // Case, accents and the possessive do not matter in text either.
    assert_eq!(
        rows(&search(&server, "UKRAINE’S DÉFENCE", None).await),
        [
            row("Issue", "Financial support for Ukraine", "ALIAS", 54.5),
            row(
                "Statement",
                "Zelensky urged Europe to commit frozen Russian assets to Ukraine's defence.",
                "TEXT",
                26.82
            ),
            row("Source", TITLE, "PASSAGE", 15.53),
        ]
    );
}

pub async fn search_ranks_names_above_statements_across_types(server: Server) {
    assert_eq!(
        rows(&search(&server, "peskov", None).await),
        [
            row("Person", PESKOV, "ALIAS", 99.0),
            row(
                "Statement",
                "Peskov insisted Russia remained open to further dialogue.",
                "TEXT",
                21.25
            ),
            row(
                "Statement",
                "Peskov said Moscow would meet U.S. negotiators as many times as it took.",
                "TEXT",
                20.71
            ),
            row("Source", TITLE, "PASSAGE", 15.29),
        ]
    );
    assert_eq!(
        rows(&search(&server, "nato", None).await),
        [
            row("Organisation", "NATO", "NAME", 109.0),
            row("Issue", "Ukraine's NATO membership", "ALIAS", 72.25),
            row("Event", "Meeting of NATO foreign ministers", "LABEL", 37.0),
            row(
                "Statement",
                "Russia strongly opposes Ukraine's membership of NATO.",
                "TEXT",
                21.43
            ),
            row(
                "Statement",
                "Trump signalled he has no intention of allowing Ukraine to join NATO.",
                "TEXT",
                20.83
            ),
            row(
                "Statement",
                "NATO intelligence warned that Putin is exploiting the negotiations to pursue broader territorial ambitions.",
                "TEXT",
                20.71
            ),
            row(
                "Statement",
                "Ukraine maintains that, even if a peace agreement is reached, NATO membership is the only reliable safeguard against future Russian aggression.",
                "TEXT",
                20.48
            ),
            row("Source", TITLE, "PASSAGE", 15.19),
        ]
    );
    assert_eq!(
        rows(&search(&server, "dnipro", None).await),
        [
            row("Place", "Dnipro", "NAME", 109.0),
            row("Place", "Dnipropetrovsk Oblast", "NAME", 84.5),
            row("Source", TITLE, "PASSAGE", 15.19),
        ]
    );
}

pub async fn search_pages_with_first_and_after(server: Server) {
    let all = rows(&search(&server, "nato", None).await);
    let first = search(&server, "nato", Some(2)).await;
    assert_eq!(first["totalCount"], 8);
    assert_eq!(rows(&first), all[..2]);
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    assert_eq!(first["pageInfo"]["hasPreviousPage"], false);
    let after = first["pageInfo"]["endCursor"].clone();
    let second = server
        .query(SEARCH, json!({ "query": "nato", "first": 10, "after": after }))
        .await["search"]
        .clone();
    assert_eq!(rows(&second), all[2..]);
    assert_eq!(second["pageInfo"]["hasNextPage"], false);
    assert_eq!(second["pageInfo"]["hasPreviousPage"], true);

    // "and" is in more names and statements than one page of 1.
    assert_eq!(search(&server, "and", Some(0)).await["edges"], json!([]));
    assert_eq!(rows(&search(&server, "and", Some(1)).await).len(), 1);
}

pub async fn search_refuses_a_page_over_one_hundred_and_bad_cursors(server: Server) {
    let err = search_error(&server, "nato", Some(101)).await;
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT");
    assert!(
        err["message"]
            .as_str()
            .unwrap_or_default()
            .contains("at most 100"),
        "{err}"
    );
    let err = search_error(&server, "nato", Some(-1)).await;
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT");
    let err = server
        .query_error(SEARCH, json!({ "query": "nato", "after": "not-a-cursor" }))
        .await;
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT");
}

pub async fn search_refuses_a_blank_query(server: Server) {
    for blank in ["", "   ", "\t\n"] {
        let err = search_error(&server, blank, None).await;
        assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT", "{blank:?}");
        assert_eq!(err["message"], "`query` must not be empty or blank", "{blank:?}");
    }
}

pub async fn search_reads_query_syntax_as_plain_words(server: Server) {
    // Nothing but punctuation: nothing to look for, said plainly.
    for query in ["\"", "*", "( )", "\"\"", "'", "-"] {
        let err = search_error(&server, query, None).await;
        assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT", "{query:?}");
        assert!(
            err["message"]
                .as_str()
                .unwrap_or_default()
                .contains("nothing to search for"),
            "{query:?}: {err}"
        );
    }
    // FTS5 and tsquery operators are words or punctuation like any other.
    let peskov = rows(&search(&server, "peskov", None).await);
    for query in [
        "\"peskov\"",
        "peskov*",
        "-peskov",
        "peskov:*",
        "(peskov)",
        "peskov & !",
    ] {
        assert_eq!(rows(&search(&server, query, None).await), peskov, "{query:?}");
    }
    assert_eq!(
        rows(&search(&server, "AND (", None).await),
        [
            row(
                "Organisation",
                "National Security and Defense Council of Ukraine",
                "NAME",
                61.29
            ),
            row("Issue", "Europe–Russia conflict", "ALIAS", 51.8),
            row(
                "Event",
                "Scheduled meeting between Steve Witkoff and Rustem Umerov in Miami",
                "LABEL",
                36.0
            ),
            row(
                "Event",
                "Talks between Vladimir Putin and the U.S. delegation in Moscow",
                "LABEL",
                35.91
            ),
            row(
                "Statement",
                "critical and even negative attitude towards some of the proposals",
                "TEXT",
                21.0
            ),
            row(
                "Statement",
                "According to Trump, the U.S. delegation, including Steve Witkoff and Jared Kushner, came back with the impression that Putin was interested in reaching an agreement.",
                "TEXT",
                20.38
            ),
            row("Source", TITLE, "PASSAGE", 15.13),
        ]
    );
    for query in ["NEAR(", "peskov NEAR putin"] {
        assert_eq!(search(&server, query, None).await["totalCount"], 0, "{query:?}");
    }
    // "OR" and "NOT" are words too: no union of Peskov's and Putin's hits,
    // no Peskov left out, only texts and facts that hold the words.
    for query in ["peskov OR putin", "NOT peskov"] {
        let found = rows(&search(&server, query, None).await);
        assert!(
            !found.is_empty() && found.iter().all(|r| ["FACT", "PASSAGE"].contains(&r.2.as_str())),
            "{found:?}"
        );
    }
}

pub async fn search_follows_writes_and_folds_statements_at_start(db: TestDb) {
    let server = Server::start(&db).await;
    let conn = db.connect().await;
    assert_eq!(search(&server, "peskov", None).await["totalCount"], 0);
    fixtures::small_graph(&conn).await;
    // Rows written directly are indexed at once, by triggers or by the GIN index.
    assert_eq!(
        top(&server, "peskov").await,
        ("Person".to_owned(), PESKOV.to_owned())
    );
    conn.execute_unprepared(
        "UPDATE entity SET name = 'Dmitry S. Peskov', normalized_name = 'dmitri s peskov' WHERE name = 'Dmitry Peskov'",
    )
    .await
    .expect("rename");
    assert_eq!(
        rows(&search(&server, "dmitri s", None).await),
        [row("Person", "Dmitry S. Peskov", "NAME", 86.0)]
    );
    conn.execute_unprepared(
        "INSERT INTO entity_alias (entity_id, name, normalized_name) \
         SELECT id, 'Peskoff', 'peskof' FROM entity WHERE name = 'Dmitry S. Peskov'",
    )
    .await
    .expect("an alias");
    assert_eq!(
        rows(&search(&server, "peskoff", None).await),
        [row("Person", "Dmitry S. Peskov", "ALIAS", 99.0)]
    );
    conn.execute_unprepared("DELETE FROM entity_alias WHERE name = 'Peskoff'")
        .await
        .expect("delete the alias");
    assert_eq!(search(&server, "peskoff", None).await["totalCount"], 0);
    // A statement written without its folded text is found once a start has folded it.
    assert_eq!(search(&server, "unacceptable", None).await["totalCount"], 0);
    drop(server);
    let server = Server::start(&db).await;
    assert_eq!(
        rows(&search(&server, "unacceptable", None).await),
        [
            row(
                "Statement",
                "Something was accepted, while something was marked as unacceptable",
                "TEXT",
                21.11
            ),
            row(
                "Source",
                "Trump casts fresh doubt on Russia's intentions",
                "PASSAGE",
                15.36
            ),
        ]
    );
    let _ = conn.close().await;
}

/// The first hit's type, field and matched text, for the cases about the
/// kinds of node that `rows` names by their own field.
async fn top_hit(server: &Server, query: &str) -> (String, String, String) {
    let found = search(server, query, None).await;
    let hit = &found["edges"][0]["node"];
    let ty = hit["node"]["__typename"]
        .as_str()
        .unwrap_or_else(|| panic!("no hit for {query}"));
    (
        ty.to_owned(),
        hit["field"].as_str().expect("a field").to_owned(),
        hit["text"].as_str().expect("a text").to_owned(),
    )
}

fn hit(ty: &str, field: &str, text: &str) -> (String, String, String) {
    (ty.to_owned(), field.to_owned(), text.to_owned())
}

pub async fn search_meets_word_forms_by_their_stems(server: Server) {
    // The seed's event is a "drone barrage"; readers type "drones".
    for query in ["drones", "drone", "DRONES"] {
        assert_eq!(
            top_hit(&server, query).await,
            hit("Event", "LABEL", "Russian drone barrage on Ukraine"),
            "{query}"
        );
    }
    // "talk" meets "talks", "negotiation" meets "negotiations".
    let talk = rows(&search(&server, "talk", None).await);
    assert_eq!(talk, rows(&search(&server, "talks", None).await));
    assert!(
        talk.iter()
            .any(|r| r.1
                == "Trump said American representatives had held productive talks with Putin on Tuesday."),
        "{talk:?}"
    );
    assert_eq!(
        rows(&search(&server, "killed", None).await),
        rows(&search(&server, "killing", None).await)
    );
    let negotiation = rows(&search(&server, "negotiation", None).await);
    assert!(
        negotiation
            .iter()
            .any(|r| r.1 == "Putin accused Europe of attempting to derail the peace negotiations."),
        "{negotiation:?}"
    );
    // Names keep their folding: no stem makes "Peskov" another name.
    assert_eq!(top(&server, "Peskovs").await.0, "Statement".to_owned());
}

pub async fn search_finds_every_kind_of_node_by_its_own_words(server: Server) {
    assert_eq!(
        top_hit(&server, "Witkoff Umerov").await,
        hit(
            "Event",
            "LABEL",
            "Scheduled meeting between Steve Witkoff and Rustem Umerov in Miami"
        )
    );
    assert_eq!(
        top_hit(&server, "presidential aide").await,
        hit("Role", "LABEL", "Yuri Ushakov, presidential aide, Kremlin")
    );
    assert_eq!(
        top_hit(&server, "son-in-law").await,
        hit("Relation", "LABEL", "Jared Kushner, son-in-law of Donald Trump")
    );
    assert_eq!(
        top_hit(&server, "Trump casts doubt").await,
        hit(
            "Source",
            "TITLE",
            "Trump casts doubt on Russia's intentions as Ukraine peace talks stall"
        )
    );
    // An amount as a reader writes it, in words or in short.
    for query in ["184 billion", "£184bn"] {
        let found = search(&server, query, None).await;
        let measure = found["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .map(|e| &e["node"])
            .find(|h| h["node"]["__typename"] == "FinancialMeasure")
            .unwrap_or_else(|| panic!("no measure for {query}: {found}"));
        assert_eq!(measure["field"], "AMOUNT", "{query}");
        assert_eq!(measure["text"], "EU loan to Ukraine backed by Russian assets");
    }
    // An article by a phrase of its text: the hit is the sentence, marked.
    let found = search(&server, "another postponement", None).await;
    let passage = &found["edges"][0]["node"];
    assert_eq!(passage["node"]["__typename"], "Source");
    assert_eq!(passage["field"], "PASSAGE");
    let text = passage["text"].as_str().expect("a passage");
    assert!(text.starts_with("DONALD Trump has cast fresh doubt"), "{text}");
    assert!(
        passage["highlighted"]
            .as_str()
            .expect("highlighted")
            .contains("<mark>another</mark> <mark>postponement</mark>"),
        "{passage}"
    );
}

pub async fn search_gathers_words_spread_over_a_fact(server: Server) {
    // Peskov's role is "spokesman" of the Kremlin: neither field holds both words.
    let found = search(&server, "Kremlin spokesman", None).await;
    let hits: Vec<(String, String, String, f64)> = found["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            let h = &e["node"];
            (
                h["node"]["__typename"].as_str().expect("a type").to_owned(),
                h["field"].as_str().expect("a field").to_owned(),
                h["text"].as_str().expect("a text").to_owned(),
                h["score"].as_f64().expect("a score"),
            )
        })
        .collect();
    let role = hits
        .iter()
        .find(|h| h.0 == "Role")
        .unwrap_or_else(|| panic!("no role: {hits:?}"));
    assert_eq!(
        (role.1.as_str(), role.2.as_str(), role.3),
        ("FACT", "Dmitry Peskov, spokesman, Kremlin", 7.0)
    );
    // Ranked below every match in one field.
    assert!(hits.iter().all(|h| h.1 == "FACT" || h.3 > role.3), "{hits:?}");
    // An event by its label and its participants, below the article
    // whose text holds the three words.
    let found = rows(&search(&server, "Witkoff Kushner Moscow", None).await);
    assert!(
        found.contains(&row(
            "Event",
            "Talks between Vladimir Putin and the U.S. delegation in Moscow",
            "FACT",
            6.33
        )),
        "{found:?}"
    );
    // A relation by its kind and the other person.
    let found = search(&server, "Trump son-in-law", None).await;
    assert!(
        found["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .any(|e| e["node"]["field"] == "FACT"
                && e["node"]["text"] == "Jared Kushner, son-in-law of Donald Trump"),
        "{found}"
    );
    // One word is never spread: "Kremlin" is the organisation, not its roles.
    assert!(
        rows(&search(&server, "Kremlin", None).await)
            .iter()
            .all(|r| r.2 != "FACT")
    );
}

/// The reader queries of `tests/search/seed.json`: each query, the type of
/// the hit it should find and a part of that hit's text.
const READER_QUERIES: &str = include_str!("../search/seed.json");

/// The least precision at 1 and at 3 the reader queries must keep.
const MIN_PRECISION_AT_1: f64 = 0.8;
const MIN_PRECISION_AT_3: f64 = 0.9;

pub async fn search_ranks_reader_queries(server: Server) {
    let fixture: Value = serde_json::from_str(READER_QUERIES).expect("the reader queries");
    let queries = fixture["queries"].as_array().expect("queries");
    assert!(queries.len() >= 30, "{} reader queries", queries.len());
    let (mut at_1, mut at_3, mut misses) = (0, 0, Vec::new());
    for q in queries {
        let query = q["query"].as_str().expect("a query");
        let found = search(&server, query, Some(3)).await;
        // The hit's matched text or its node's name, label or title holds the expected text.
        let expected = q["text"].as_str().expect("a text");
        let rank = found["edges"].as_array().expect("edges").iter().position(|e| {
            let h = &e["node"];
            let node = &h["node"];
            h["node"]["__typename"] == q["type"]
                && [&h["text"], &node["name"], &node["label"], &node["title"]]
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| t.contains(expected)))
        });
        match rank {
            Some(0) => at_1 += 1,
            Some(r) => misses.push(format!("{query}: at {}", r + 1)),
            None => misses.push(format!("{query}: not in 3: {}", found["edges"])),
        }
        if rank.is_some() {
            at_3 += 1;
        }
    }
    let n = queries.len() as f64;
    let (p1, p3) = (at_1 as f64 / n, at_3 as f64 / n);
    println!(
        "reader queries: {} P@1 {p1:.3} P@3 {p3:.3}; not first: {misses:#?}",
        queries.len()
    );
    assert!(
        p1 >= MIN_PRECISION_AT_1 && p3 >= MIN_PRECISION_AT_3,
        "P@1 {p1:.3}, P@3 {p3:.3}; missed: {misses:#?}"
    );
}
