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
    assert!(import(&db, &[SEED_FILE]).await.success);
    let seed_text = format!(
        "{}/../data/seed/ukraine-peace-talks.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = extract(&db, &[&seed_text, "--published-on", "2025-12-03"]).await;
    assert!(out.success, "{}", out.stderr);
    let draft: Value = serde_json::from_str(&out.stdout).unwrap();
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
    let path = db.dir.join("draft.json");
    std::fs::write(&path, &out.stdout).unwrap();
    let imported = import(&db, &[&path.display().to_string()]).await;
    assert!(imported.success, "{}", imported.stderr);
    let server = Server::start(&db).await;
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
