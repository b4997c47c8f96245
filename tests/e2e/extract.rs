//! `newsgraph extract`: an article's text to a draft document that passes
//! `import --check` and imports quotes with their speakers and exact spans;
//! `import --check` itself; and the files that are not articles.

use serde_json::{Value, json};

use crate::harness::TestDb;
use crate::server::{Finished, SEED_FILE, Server, export, import, newsgraph, run};

/// One of the extractor's fixture articles (not the seed).
fn fixture(name: &str) -> String {
    format!("{}/../tests/extract/{name}", env!("CARGO_MANIFEST_DIR"))
}

async fn extract(db: &TestDb, args: &[&str]) -> Finished {
    let mut cmd = newsgraph();
    cmd.envs(db.env()).arg("extract").args(args);
    run(cmd).await
}

/// The seed imported, then the seed article extracted against it: the
/// draft, and the draft as written.
async fn seeded_draft(db: &TestDb) -> (Value, String) {
    assert!(import(db, &[SEED_FILE]).await.success);
    let seed_text = format!(
        "{}/../data/seed/ukraine-peace-talks.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = extract(db, &[&seed_text, "--published-on", "2025-12-03"]).await;
    assert!(out.success, "{}", out.stderr);
    (serde_json::from_str(&out.stdout).unwrap(), out.stdout)
}

/// Imports a draft as written and starts a server on the database.
async fn import_draft(db: &TestDb, raw: &str) -> Server {
    let path = db.dir.join("draft.json");
    std::fs::write(&path, raw).unwrap();
    let imported = import(db, &[&path.display().to_string()]).await;
    assert!(imported.success, "{}", imported.stderr);
    Server::start(db).await
}

async fn check(db: &TestDb, file: &str) -> Finished {
    let mut cmd = newsgraph();
    cmd.envs(db.env()).args(["import", "--check", file]);
    run(cmd).await
}

pub async fn an_extracted_article_checks_imports_and_cites_its_spans(db: TestDb) {
    let article = fixture("chip-plant.txt");
    let draft_path = db.dir.join("draft.json").display().to_string();
    let out = extract(
        &db,
        &[&article, "--published-on", "2026-11-20", "-o", &draft_path],
    )
    .await;
    assert!(out.success, "{}", out.stderr);
    let draft: Value = serde_json::from_str(&std::fs::read_to_string(&draft_path).unwrap()).unwrap();
    assert_eq!(
        draft["sources"][0]["title"],
        "Chipmaker pauses $1.5bn plant as demand cools"
    );
    assert_eq!(draft["sources"][0]["publishedOn"], "2026-11-20");

    // The check reads and writes nothing.
    let checked = check(&db, &draft_path).await;
    assert!(checked.success, "{}", checked.stderr);
    assert!(
        checked.stdout.contains("would import") && checked.stdout.contains("nothing written"),
        "{}",
        checked.stdout
    );
    assert_eq!(
        export(&db).await,
        "{\n  \"format\": \"newsgraph/1\"\n}\n",
        "a check wrote to the database"
    );

    let imported = import(&db, &[&draft_path]).await;
    assert!(imported.success, "{}", imported.stderr);
    let server = Server::start(&db).await;
    // A reviewer lists what a program extracted and nobody curated yet.
    let counts = server
        .query(
            "{ extracted: statements(filter: { curated: false }) { totalCount }
               curated: statements(filter: { curated: true }) { totalCount } }",
            json!({}),
        )
        .await;
    let drafted = draft["statements"].as_array().unwrap().len();
    assert_eq!(counts["extracted"]["totalCount"], drafted, "{counts}");
    assert_eq!(counts["curated"]["totalCount"], 0, "{counts}");
    let quote = |text: &'static str| {
        let server = &server;
        async move {
            let data = server
                .query(
                    "query($t: String!) { statements(first: 5, filter: { text: $t }) { nodes {
                        kind text speaker { ... on Person { name } ... on Organisation { name } }
                        evidence { start end excerpt curated confidence source { text } } } } }",
                    json!({ "t": text }),
                )
                .await;
            data["statements"]["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .find(|n| n["kind"] == "DIRECT_QUOTE")
                .cloned()
                .unwrap_or_else(|| panic!("no direct quote with {text}: {data}"))
        }
    };
    // "“…,” chief executive Priya Raman told analysts": named after the quote.
    let first = quote("We are not cancelling anything").await;
    assert_eq!(first["text"], "We are not cancelling anything");
    assert_eq!(first["speaker"]["name"], "Priya Raman");
    // "“…,” she said" two sentences after "Industry analyst Karen Voss".
    let pronoun = quote("timing question").await;
    assert_eq!(pronoun["speaker"]["name"], "Karen Voss");
    // "“…,” Ellison said": the surname finds "Governor Mark Ellison".
    let surname = quote("A promise was made").await;
    assert_eq!(surname["speaker"]["name"], "Mark Ellison");
    for q in [&first, &pronoun, &surname] {
        let e = &q["evidence"];
        let text: Vec<char> = e["source"]["text"].as_str().unwrap().chars().collect();
        let (start, end) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        let cited: String = text[start..end].iter().collect();
        assert_eq!(
            e["excerpt"].as_str().unwrap(),
            cited,
            "the excerpt is the span of the text"
        );
        assert!(
            cited.contains(q["text"].as_str().unwrap()),
            "the span holds the quote: {cited}"
        );
        assert_eq!(e["curated"], false);
        let confidence = e["confidence"].as_f64().unwrap();
        assert!(confidence > 0.0 && confidence < 1.0, "{confidence}");
    }
}

pub async fn extract_resolves_names_against_the_graph(db: TestDb) {
    // With the seed imported, "the official" and "Kremlin spokesman" find
    // the graph's people and the spokesman's role at the Kremlin.
    let (draft, raw) = seeded_draft(&db).await;
    let people: Vec<&str> = draft["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(
        people.contains(&"Dmitry Peskov") && people.contains(&"Yuri Ushakov"),
        "{people:?}"
    );
    let speaker_of = |words: &str| {
        let s = draft["statements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["kind"] == "direct_quote" && s["text"].as_str().unwrap().contains(words))
            .unwrap_or_else(|| panic!("no quote with {words}"));
        let key = s["speaker"].as_str().unwrap();
        draft["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["key"] == key)
            .map(|p| p["name"].clone())
    };
    assert_eq!(
        speaker_of("critical and even negative"),
        Some(json!("Yuri Ushakov"))
    );
    assert_eq!(speaker_of("normal working process"), Some(json!("Dmitry Peskov")));
    let roles = draft["roles"].as_array().unwrap();
    assert!(
        roles
            .iter()
            .any(|r| r["title"] == "spokesman"
                && r["evidence"]["excerpt"] == "Kremlin spokesman Dmitry Peskov"),
        "{roles:?}"
    );
    // Importing the draft reaches the graph's Peskov, not a second one.
    let server = import_draft(&db, &raw).await;
    let data = server
        .query(
            r#"{ people(first: 10, filter: { name: "Peskov" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["people"]["totalCount"], 1);
}

pub async fn extract_refuses_what_is_not_an_article(db: TestDb) {
    let write = |name: &str, bytes: &[u8]| {
        let path = db.dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    };
    let cases = [
        (write("empty.txt", b"  \n\n"), "the article is empty"),
        (write("latin1.txt", b"Caf\xe9 owner said \"no\"."), "not UTF-8"),
        (write("binary.bin", b"\x7fELF\x02\x01\x01\x00\x00\x00"), "binary"),
        (
            write("huge.txt", &b"He said \"yes\". ".repeat(350_000)),
            "at most",
        ),
    ];
    for (path, reason) in cases {
        let out = extract(&db, &[&path]).await;
        assert!(!out.success, "{path} was accepted");
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "one line: {}", out.stderr);
        assert!(
            lines[0].contains(&path) && lines[0].contains(reason),
            "{}",
            lines[0]
        );
        assert!(out.stdout.is_empty());
    }
    let missing = extract(&db, &["no-such-article.txt"]).await;
    assert!(
        !missing.success && missing.stderr.contains("no-such-article.txt"),
        "{}",
        missing.stderr
    );
}

pub async fn import_check_reports_problems_and_writes_nothing(db: TestDb) {
    let good = check(&db, SEED_FILE).await;
    assert!(good.success, "{}", good.stderr);
    assert!(good.stdout.contains("statement 31 new"), "{}", good.stdout);
    // A statement whose speaker is missing: the check says where.
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(SEED_FILE).unwrap()).unwrap();
    doc["statements"][0]["speaker"] = json!("nobody");
    let bad = db.dir.join("bad.json");
    std::fs::write(&bad, doc.to_string()).unwrap();
    let refused = check(&db, &bad.display().to_string()).await;
    assert!(!refused.success);
    assert!(
        refused.stderr.contains("statements[0].speaker"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        export(&db).await,
        "{\n  \"format\": \"newsgraph/1\"\n}\n",
        "a check wrote to the database"
    );
}

pub async fn extract_article_returns_the_draft_the_command_writes(db: TestDb) {
    let article = fixture("flood-defences.txt");
    let out = extract(
        &db,
        &[
            &article,
            "--published-on",
            "2026-11-28",
            "--publisher",
            "Wend Valley Post",
        ],
    )
    .await;
    assert!(out.success, "{}", out.stderr);
    let from_cli: Value = serde_json::from_str(&out.stdout).unwrap();
    let server = Server::start(&db).await;
    let text = std::fs::read_to_string(&article).unwrap();
    let data = server
        .query(
            "query($text: String!) { extractArticle(article: { text: $text, publishedOn: \"2026-11-28\", publisher: \"Wend Valley Post\" }) }",
            json!({ "text": text }),
        )
        .await;
    assert_eq!(data["extractArticle"], from_cli);
    // "Parish councillor Graham Pike said …. “We were promised …,” he said."
    let quote = from_cli["statements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["text"] == "We were promised new defences five years ago")
        .expect("the quote");
    assert_eq!(quote["speaker"], "person-graham-pike");
    assert_eq!(quote["evidence"]["curated"], false);

    // Bad arguments are refused with their names, and nothing is read.
    let empty = server
        .query_error("{ extractArticle(article: { text: \"  \" }) }", json!({}))
        .await;
    assert_eq!(empty["extensions"]["code"], "BAD_USER_INPUT");
    assert!(empty["message"].as_str().unwrap().contains("text"), "{empty}");
    let month = server
        .query_error(
            "{ extractArticle(article: { text: \"He said \\\"yes\\\".\", publishedOn: \"2026-11\" }) }",
            json!({}),
        )
        .await;
    assert_eq!(month["extensions"]["code"], "BAD_USER_INPUT");
    assert!(
        month["message"].as_str().unwrap().contains("publishedOn"),
        "{month}"
    );
}

pub async fn ingest_article_needs_a_write_token_and_imports_all_or_nothing(db: TestDb) {
    use crate::writes::{EDITOR, post, server as writable};
    let server = writable(&db, false).await;
    let text = std::fs::read_to_string(fixture("harbour-bridge.txt")).unwrap();
    let ingest =
        "mutation($a: ArticleInput!) { ingestArticle(article: $a) { records { kind added existing } } }";
    let article = json!({ "text": text, "publishedOn": "2026-11-26", "publisher": "Harbour Gazette" });
    let count = "{ statements { totalCount } sources { totalCount } }";

    // Without a token: refused, nothing written.
    let (_, body) = post(&server, None, ingest, json!({ "a": article })).await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
        "{body}"
    );
    // A publishedOn that is not a day: refused before anything is read or written.
    let mut month = article.clone();
    month["publishedOn"] = json!("2026-11");
    let (_, body) = post(&server, Some(EDITOR), ingest, json!({ "a": month })).await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{body}"
    );
    let empty = server.query(count, json!({})).await;
    assert_eq!(empty["statements"]["totalCount"], 0, "{empty}");
    assert_eq!(empty["sources"]["totalCount"], 0, "{empty}");

    // With a token: the source and its statements, all extracted.
    let (_, body) = post(&server, Some(EDITOR), ingest, json!({ "a": article })).await;
    let records = body["data"]["ingestArticle"]["records"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"));
    let added = |kind: &str| {
        records
            .iter()
            .find(|r| r["kind"] == kind)
            .map(|r| r["added"].clone())
    };
    assert_eq!(added("SOURCE"), Some(json!(1)), "{body}");
    let statements = added("STATEMENT").and_then(|v| v.as_u64()).unwrap_or(0);
    assert!(statements >= 7, "{body}");
    let after = server
        .query(
            "{ statements(filter: { curated: false }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(after["statements"]["totalCount"], statements);
    let reyes = server
        .query(
            r#"{ statements(first: 5, filter: { text: "adds to the bill" }) { nodes { speaker { ... on Person { name } } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        reyes["statements"]["nodes"][0]["speaker"]["name"], "Daniel Reyes",
        "{reyes}"
    );

    // A reviewer's correction makes the fact curated.
    let quote = server
        .query(
            r#"{ statements(first: 1, filter: { text: "blank cheque" }) { nodes { id version } } }"#,
            json!({}),
        )
        .await["statements"]["nodes"][0]
        .clone();
    let update = "mutation($id: ID!, $v: Int!) { updateStatement(id: $id, version: $v, input: { audience: \"the council meeting\" }) { evidence { curated } } }";
    let (_, body) = post(
        &server,
        Some(EDITOR),
        update,
        json!({ "id": quote["id"], "v": quote["version"] }),
    )
    .await;
    assert_eq!(
        body["data"]["updateStatement"]["evidence"]["curated"], true,
        "{body}"
    );
    let after = server
        .query(
            "{ statements(filter: { curated: false }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(after["statements"]["totalCount"], statements - 1);

    // The same article again adds nothing.
    let (_, body) = post(&server, Some(EDITOR), ingest, json!({ "a": article })).await;
    let records = body["data"]["ingestArticle"]["records"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"));
    assert!(records.iter().all(|r| r["added"] == 0), "{body}");
}

/// Money, counts and events read from an article of our own, imported and
/// read back over GraphQL: what the amounts are for, their qualifiers and
/// terms; the casualties with theirs; the day an event happened or will.
pub async fn extract_finds_money_counts_and_events(db: TestDb) {
    let draft_path = db.dir.join("quake.json").display().to_string();
    let article = fixture("mountain-quake.txt");
    let out = extract(
        &db,
        &[&article, "--published-on", "2026-10-14", "-o", &draft_path],
    )
    .await;
    assert!(out.success, "{}", out.stderr);
    assert!(check(&db, &draft_path).await.success);
    let imported = import(&db, &[&draft_path]).await;
    assert!(imported.success, "{}", imported.stderr);
    let server = Server::start(&db).await;
    let data = server
        .query(
            r#"{ financialMeasures(first: 10) { nodes {
                  kind amount currency amountQualifier status term
                  provider { ... on Organisation { name } }
                  evidence { excerpt curated } } }
               events(first: 10) { nodes {
                  kind label startedOn { text }
                  places { name }
                  quantities { measure value qualifier evidence { excerpt } } } } }"#,
            json!({}),
        )
        .await;
    let measures = data["financialMeasures"]["nodes"].as_array().unwrap();
    let measure = |amount: &str| {
        measures
            .iter()
            .find(|m| m["amount"] == amount)
            .unwrap_or_else(|| panic!("no measure of {amount}: {measures:?}"))
    };
    // "The World Bank approved a $350 million emergency loan".
    let loan = measure("350000000");
    assert_eq!(
        (&loan["kind"], &loan["currency"], &loan["status"]),
        (&json!("LOAN"), &json!("USD"), &json!("AGREED"))
    );
    assert_eq!(loan["provider"]["name"], "World Bank");
    assert_eq!(loan["evidence"]["curated"], false);
    // "€25 million in humanitarian aid", pledged by the EU.
    let aid = measure("25000000");
    assert_eq!((&aid["kind"], &aid["currency"]), (&json!("AID"), &json!("EUR")));
    assert_eq!(aid["provider"]["name"], "European Union");
    // "rebuilding would cost up to $2bn over the next five years".
    let cost = measure("2000000000");
    assert_eq!(
        (&cost["amountQualifier"], &cost["term"], &cost["status"]),
        (&json!("UP_TO"), &json!("P5Y"), &json!("PROPOSED"))
    );
    assert!(
        cost["provider"].is_null(),
        "the prime minister only speaks of it: {cost}"
    );

    let events = data["events"]["nodes"].as_array().unwrap();
    let quake = events
        .iter()
        .find(|e| e["quantities"].as_array().is_some_and(|q| !q.is_empty()))
        .unwrap_or_else(|| panic!("no event with counts: {events:?}"));
    // "early on Tuesday", told in a paper of Wednesday 14 October.
    assert_eq!(quake["startedOn"]["text"], "2026-10-13");
    let counts: Vec<(String, i64, String, String)> = quake["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["measure"].as_str().unwrap().to_owned(),
                q["value"].as_i64().unwrap(),
                q["qualifier"].as_str().unwrap().to_owned(),
                q["evidence"]["excerpt"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for (measure, value, qualifier, excerpt) in [
        ("killed", 37, "AT_LEAST", "At least 37 people were killed"),
        ("injured", 200, "AT_LEAST", "more than 200 injured"),
        ("homes", 1200, "ABOUT", "about 1,200 homes"),
    ] {
        assert!(
            counts.contains(&(
                measure.to_owned(),
                value,
                qualifier.to_owned(),
                excerpt.to_owned()
            )),
            "{measure} {value} {qualifier}: {counts:?}"
        );
    }
    // "Protests are planned in Korin on Saturday": ahead, not behind.
    let protest = events
        .iter()
        .find(|e| e["kind"] == "PROTEST")
        .unwrap_or_else(|| panic!("no protest: {events:?}"));
    assert_eq!(protest["startedOn"]["text"], "2026-10-17");
    assert_eq!(protest["places"][0]["name"], "Korin");
}

/// On the seeded graph, the seed article's loan and drone attack come out
/// with their qualifiers, and statements name the graph's issues, with a
/// stance only where a word takes a side.
pub async fn extract_finds_the_seed_loan_drones_and_issues(db: TestDb) {
    let (draft, raw) = seeded_draft(&db).await;
    let loans: Vec<&Value> = draft["financialMeasures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["amount"] == "184000000000")
        .collect();
    assert_eq!(loans.len(), 1, "{draft:#}");
    let loan = loans[0];
    assert_eq!(
        (&loan["kind"], &loan["currency"]),
        (&json!("loan"), &json!("GBP"))
    );
    // "unveiled plans for", "mostly secured against Russian assets", and
    // the next sentence's "two-thirds of ... over the next two years".
    assert_eq!(loan["status"], "proposed");
    assert_eq!(loan["securedAgainst"]["qualifier"], "mostly");
    let issue_name = |key: &Value| {
        draft["issues"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["key"] == *key)
            .map(|i| i["name"].as_str().unwrap().to_owned())
    };
    assert_eq!(
        issue_name(&loan["securedAgainst"]["issue"]).as_deref(),
        Some("Frozen Russian assets")
    );
    assert_eq!(
        (&loan["share"]["numerator"], &loan["share"]["denominator"]),
        (&json!(2), &json!(3))
    );
    assert_eq!(loan["term"], "P2Y");

    let drones = draft["events"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["quantities"].as_array().into_iter().flatten())
        .find(|q| q["measure"] == "drones")
        .unwrap_or_else(|| panic!("no drone count: {draft:#}"));
    assert_eq!(
        (&drones["value"], &drones["qualifier"]),
        (&json!(111), &json!("at_least"))
    );
    assert_eq!(drones["evidence"]["excerpt"], "At least 111 drones");

    // "the Ukrainian President urged Europe to commit frozen Russian assets".
    let urged = draft["statements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["text"].as_str().unwrap().contains("frozen Russian assets"))
        .unwrap_or_else(|| panic!("no statement on the assets: {draft:#}"));
    let about: Vec<(Option<String>, &Value)> = urged["about"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (issue_name(&a["issue"]), &a["stance"]))
        .collect();
    assert_eq!(
        about,
        [(Some("Frozen Russian assets".to_owned()), &json!("supports"))]
    );

    // The draft imports onto the graph's own issues: no second one.
    let server = import_draft(&db, &raw).await;
    let data = server
        .query(
            r#"{ issues(first: 100, filter: { name: "Frozen Russian assets" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["issues"]["totalCount"], 1, "{data}");
}

/// `extractArticle` keeps the graph's names between requests but reads
/// them again after a write: a person created between two drafts is
/// known to the second.
pub async fn extract_article_sees_names_written_since_the_last_draft(db: TestDb) {
    use crate::writes::{EDITOR, post, server as writable};
    let server = writable(&db, false).await;
    let draft = "query($a: ArticleInput!) { extractArticle(article: $a) }";
    let article = json!({ "a": {
        "text": "Port strike ends\n“We will be back at work on Monday,” said Kyle Brennan.",
        "publishedOn": "2026-11-26"
    }});
    let speaker = |doc: &Value| {
        let doc = &doc["extractArticle"];
        let key = doc["statements"][0]["speaker"].clone();
        doc["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["key"] == key)
            .cloned()
            .unwrap_or_else(|| panic!("no speaker: {doc}"))
    };
    let before = speaker(&server.query(draft, article.clone()).await);
    assert_eq!(before["name"], "Kyle Brennan");
    assert!(before["wikidataId"].is_null(), "{before}");

    let (_, body) = post(
        &server,
        Some(EDITOR),
        r#"mutation { createPerson(input: { name: "Kyle Brennan", wikidataId: "Q4242" }) { created } }"#,
        json!({}),
    )
    .await;
    assert_eq!(body["data"]["createPerson"]["created"], true, "{body}");
    let after = speaker(&server.query(draft, article).await);
    assert_eq!(
        after["wikidataId"], "Q4242",
        "the second draft knows the new person: {after}"
    );
}
