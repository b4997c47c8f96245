//! `newsgraph import` and `export`: all or nothing, idempotent, entity
//! resolution, round trips, and a clear error for each kind of bad input.

use serde_json::{Value, json};

use crate::fixtures::{ARTICLE, span};
use crate::full_document;
use crate::harness::TestDb;
use crate::server::{SEED_FILE, Server, export, import, newsgraph, run};

/// A small valid document about the article.
fn document() -> Value {
    let quote = "no compromise";
    let (qs, qe) = span(quote);
    let count = "At least 111 drones";
    let (cs, ce) = span(count);
    json!({
        "format": "newsgraph/1",
        "sources": [{ "key": "article", "title": "Peace talks", "publishedOn": "2025-12-03", "text": ARTICLE }],
        "places": [{ "key": "ukraine", "name": "Ukraine", "kind": "country" }],
        "organisations": [{ "key": "kremlin", "name": "Kremlin", "kind": "government" }],
        "people": [{ "key": "ushakov", "name": "Yuri Ushakov" }],
        "statements": [{
            "key": "s1", "kind": "direct_quote", "text": quote, "speaker": "ushakov", "saidOn": "2025-12",
            "evidence": { "source": "article", "start": qs, "end": qe, "excerpt": quote }
        }],
        "financialMeasures": [{
            "key": "loan", "kind": "loan", "label": "A loan", "amount": "184000000000", "currency": "GBP",
            "status": "proposed", "recipient": "ukraine",
            "evidence": { "source": "article", "start": cs, "end": ce, "excerpt": count }
        }],
        "events": [{
            "key": "attack", "kind": "attack", "label": "Drone barrage", "startedOn": "2025-12-03",
            "places": ["ukraine"],
            "quantities": [{ "measure": "drones", "value": 111, "qualifier": "at_least",
                "evidence": { "source": "article", "start": cs, "end": ce, "excerpt": count } }],
            "evidence": { "source": "article", "start": cs, "end": ce, "excerpt": count }
        }]
    })
}

/// Writes a file in the case's folder; returns its path.
fn file(db: &TestDb, name: &str, bytes: &[u8]) -> String {
    let path = db.dir.join(name);
    std::fs::write(&path, bytes).expect("a test file");
    path.display().to_string()
}

const EMPTY_EXPORT: &str = "{\n  \"format\": \"newsgraph/1\"\n}\n";

pub async fn importing_the_same_file_twice_changes_nothing(db: TestDb) {
    let first = import(&db, &[SEED_FILE]).await;
    assert!(first.success, "{}", first.stderr);
    let before = export(&db).await;
    let again = import(&db, &[SEED_FILE]).await;
    assert!(again.success, "{}", again.stderr);
    assert!(
        again.stdout.contains("statement 0 new, 31 already there"),
        "{}",
        again.stdout
    );
    assert!(
        again.stdout.contains("person 0 new, 9 already there"),
        "{}",
        again.stdout
    );
    assert_eq!(export(&db).await, before);
}

pub async fn export_import_export_gives_the_same_document(db: TestDb) {
    assert!(import(&db, &[SEED_FILE]).await.success);
    let first = export(&db).await;
    // Empty the database: revert every migration, apply them again.
    for args in [&["migrate", "down", "--all"][..], &["migrate", "up"][..]] {
        let mut cmd = newsgraph();
        cmd.envs(db.env()).args(args);
        assert!(run(cmd).await.success);
    }
    assert_eq!(export(&db).await, EMPTY_EXPORT);
    let path = file(&db, "export.json", first.as_bytes());
    let out = import(&db, &[&path]).await;
    assert!(out.success, "{}", out.stderr);
    assert_eq!(export(&db).await, first);
}

/// The export gives back every record the import took, each field as it was
/// imported (keys aside), for every kind of record with every optional
/// field set: an export that drops a field, a record or a kind fails here.
pub async fn export_gives_back_every_field_of_every_record_it_imported(db: TestDb) {
    let document = full_document::document();
    // The document sets every field the format has, nested ones too.
    assert_eq!(full_document::fields_left_out(&document), Vec::<String>::new());
    full_document::import_it(&db).await;
    let exported: Value = serde_json::from_str(&export(&db).await).expect("the export is JSON");

    let imported = full_document::records(&document);
    let exported = full_document::records(&exported);
    assert_eq!(
        exported.keys().collect::<Vec<_>>(),
        imported.keys().collect::<Vec<_>>(),
        "the export has the same lists"
    );
    for (list, records) in &imported {
        let back = &exported[list];
        assert_eq!(back.len(), records.len(), "{list}: {back:#?}");
        for (i, (record, back)) in records.iter().zip(back).enumerate() {
            assert_eq!(back, record, "{list}[{i}] differs from what was imported");
        }
    }
}

pub async fn a_spelling_variant_or_a_qid_attaches_to_the_existing_node(db: TestDb) {
    assert!(import(&db, &[SEED_FILE]).await.success);
    let second = json!({
        "format": "newsgraph/1",
        "people": [
            { "key": "ushakov", "name": "Yurii Ushakov" },
            { "key": "putin", "name": "V. V. Putin", "wikidataId": "Q7747" }
        ]
    });
    let path = file(&db, "second.json", second.to_string().as_bytes());
    let out = import(&db, &[&path]).await;
    assert!(out.success, "{}", out.stderr);
    assert!(
        out.stdout.contains("person 0 new, 2 already there"),
        "{}",
        out.stdout
    );

    let server = Server::start(&db).await;
    let data = server
        .query(
            "{ people(first: 100) { totalCount nodes { name aliases wikidataId } } }",
            json!({}),
        )
        .await;
    assert_eq!(data["people"]["totalCount"], 9, "no person was duplicated");
    let person = |name: &str| {
        data["people"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .cloned()
            .expect(name)
    };
    let ushakov = person("Yuri Ushakov");
    assert!(
        ushakov["aliases"]
            .as_array()
            .unwrap()
            .contains(&json!("Yurii Ushakov")),
        "{ushakov}"
    );
    let putin = person("Vladimir Putin");
    assert!(
        putin["aliases"]
            .as_array()
            .unwrap()
            .contains(&json!("V. V. Putin")),
        "{putin}"
    );
}

pub async fn a_file_may_cite_a_source_already_in_the_database(db: TestDb) {
    assert!(import(&db, &[SEED_FILE]).await.success);
    let quote = "as many times as it took";
    let (start, end) = span(quote);
    let doc = json!({
        "format": "newsgraph/1",
        "statements": [{
            "key": "again", "kind": "paraphrase", "text": "Peskov said Moscow would keep meeting U.S. negotiators",
            "speaker": "Q7747",
            "evidence": { "source": "ukraine-peace-talks-2025-12-03", "start": start, "end": end, "excerpt": quote }
        }]
    });
    let path = file(&db, "more.json", doc.to_string().as_bytes());
    let out = import(&db, &[&path]).await;
    assert!(out.success, "{}", out.stderr);
    assert!(out.stdout.contains("statement 1 new"), "{}", out.stdout);
}

/// Imports a bad file: refused with the message, and nothing written.
async fn refused(db: &TestDb, bytes: &[u8], expected: &str) {
    let path = file(db, "bad.json", bytes);
    let out = import(db, &[&path]).await;
    assert!(!out.success, "the import should fail; stdout: {}", out.stdout);
    let wanted = format!("newsgraph: error: {path}: {expected}");
    assert!(
        out.stderr.lines().any(|l| l == wanted),
        "expected the line\n  {wanted}\nin\n{}",
        out.stderr
    );
    assert_eq!(
        export(db).await,
        EMPTY_EXPORT,
        "nothing of a refused file is written"
    );
}

fn with(pointer: &str, value: Value) -> Vec<u8> {
    let mut doc = document();
    *doc.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer}")) = value;
    doc.to_string().into_bytes()
}

pub async fn a_valid_document_imports(db: TestDb) {
    let path = file(&db, "good.json", document().to_string().as_bytes());
    let out = import(&db, &[&path]).await;
    assert!(out.success, "{}", out.stderr);
    assert_ne!(export(&db).await, EMPTY_EXPORT);
}

pub async fn an_unknown_enum_value_is_refused(db: TestDb) {
    let path = file(&db, "bad.json", &with("/statements/0/kind", json!("quote")));
    let out = import(&db, &[&path]).await;
    assert!(!out.success);
    let prefix = format!(
        "newsgraph: error: {path}: statements[0].kind: unknown variant `quote`, expected `direct_quote` or `paraphrase` (line 1, column "
    );
    assert!(
        out.stderr.lines().any(|l| l.starts_with(&prefix)),
        "{}",
        out.stderr
    );
    assert_eq!(export(&db).await, EMPTY_EXPORT);
}

pub async fn a_span_out_of_range_is_refused(db: TestDb) {
    let len = ARTICLE.chars().count();
    let mut doc = document();
    doc["statements"][0]["evidence"]["start"] = json!(len - 2);
    doc["statements"][0]["evidence"]["end"] = json!(len + 10);
    refused(
        &db,
        doc.to_string().as_bytes(),
        &format!("statements[0].evidence.end: {} lies past the end of source \"article\", which has {len} code points", len + 10),
    )
    .await;
}

pub async fn an_excerpt_that_differs_from_the_text_is_refused(db: TestDb) {
    let (start, _) = span("no compromise");
    refused(
        &db,
        &with("/statements/0/evidence/excerpt", json!("no comprom1se")),
        &format!("statements[0].evidence.excerpt: the excerpt differs from the text of \"article\" at {start}..{}, which reads \"no compromise\"", start + 13),
    )
    .await;
}

pub async fn a_reference_to_an_unknown_key_is_refused(db: TestDb) {
    refused(
        &db,
        &with("/statements/0/speaker", json!("peskov")),
        "statements[0].speaker: \"peskov\" is not the key of any record in this file (an entity or issue already in the database can be named by its Wikidata QID)",
    )
    .await;
    refused(
        &db,
        &with("/statements/0/speaker", json!("Q4163026")),
        "statements[0].speaker: no entity with Wikidata QID Q4163026 is in this file or the database",
    )
    .await;
    refused(
        &db,
        &with("/statements/0/speaker", json!("ukraine")),
        "statements[0].speaker: \"ukraine\" is a place, not a person or an organisation",
    )
    .await;
}

pub async fn a_currency_that_is_not_iso_4217_is_refused(db: TestDb) {
    refused(
        &db,
        &with("/financialMeasures/0/currency", json!("XBT")),
        "financialMeasures[0].currency: \"XBT\" is not an ISO 4217 currency code",
    )
    .await;
}

pub async fn malformed_and_impossible_dates_are_refused(db: TestDb) {
    refused(
        &db,
        &with("/events/0/startedOn", json!("2025-02-30")),
        "events[0].startedOn: \"2025-02-30\" is not a day of the calendar",
    )
    .await;
    refused(
        &db,
        &with("/statements/0/saidOn", json!("03/12/2025")),
        "statements[0].saidOn: \"03/12/2025\" is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY",
    )
    .await;
}

pub async fn a_negative_count_is_refused(db: TestDb) {
    refused(
        &db,
        &with("/events/0/quantities/0/value", json!(-111)),
        "events[0].quantities[0].value: a count must not be negative (got -111)",
    )
    .await;
}

pub async fn a_duplicate_key_is_refused(db: TestDb) {
    refused(
        &db,
        &with("/organisations/0/key", json!("ukraine")),
        "organisations[0].key: duplicate key \"ukraine\", already used at places[0]",
    )
    .await;
}

pub async fn invalid_json_is_refused_with_its_line_and_column(db: TestDb) {
    refused(
        &db,
        b"{\n  \"format\": \"newsgraph/1\",\n  \"people\": [ { \"key\": \"a\", \"name\": \"A\" ]\n}\n",
        "line 3, column 41: expected `,` or `}`",
    )
    .await;
}

pub async fn a_file_that_is_not_utf8_is_refused(db: TestDb) {
    let mut bytes =
        b"{\n  \"format\": \"newsgraph/1\",\n  \"people\": [{ \"key\": \"a\", \"name\": \"Caf".to_vec();
    bytes.extend_from_slice(&[0xE9]); // Latin-1 é
    bytes.extend_from_slice(b"\" }]\n}\n");
    refused(
        &db,
        &bytes,
        "line 3: the file is not UTF-8 text (invalid byte at offset 68)",
    )
    .await;
}

pub async fn every_problem_of_a_file_is_reported_at_once(db: TestDb) {
    let mut doc = document();
    doc["financialMeasures"][0]["currency"] = json!("XBT");
    doc["events"][0]["quantities"][0]["value"] = json!(-1);
    let path = file(&db, "bad.json", doc.to_string().as_bytes());
    let out = import(&db, &[&path]).await;
    assert!(!out.success);
    assert!(
        out.stderr.contains("financialMeasures[0].currency"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("events[0].quantities[0].value"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("1 of 1 files were not imported"),
        "{}",
        out.stderr
    );
}

pub async fn each_file_is_imported_or_refused_on_its_own(db: TestDb) {
    let good = file(&db, "good.json", document().to_string().as_bytes());
    let missing = db.dir.join("missing.json").display().to_string();
    let out = import(&db, &[&missing, &good]).await;
    assert!(!out.success, "a missing file fails the command");
    assert!(
        out.stderr
            .lines()
            .any(|l| l.starts_with(&format!("newsgraph: error: cannot read {missing}: "))),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("1 of 2 files were not imported"),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout.contains(&format!("{good}: imported")),
        "the readable file is imported: {}",
        out.stdout
    );
    assert_ne!(export(&db).await, EMPTY_EXPORT);
}

pub async fn standard_input_is_read_for_a_dash(db: TestDb) {
    use tokio::io::AsyncWriteExt;
    let mut cmd = newsgraph();
    cmd.envs(db.env())
        .args(["import", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("newsgraph started");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(document().to_string().as_bytes())
        .await
        .expect("written");
    drop(stdin);
    let out = child.wait_with_output().await.expect("finished");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("-: imported"));
    assert_ne!(export(&db).await, EMPTY_EXPORT);
}

/// Evidence may give its excerpt alone: the import finds it in the text,
/// straight quotes matching curly ones, and keeps the text's own excerpt;
/// `occurrence` says which, where it stands more than once; an excerpt
/// that is not there is refused, naming the closest passage.
pub async fn evidence_may_give_its_excerpt_alone(db: TestDb) {
    assert!(import(&db, &[SEED_FILE]).await.success);
    let text = "He said: “We will meet again.” Later he said “We will meet again” once more.";
    let doc = |first: Value, second: Value| {
        json!({
            "format": "newsgraph/1",
            "sources": [{ "key": "again", "title": "Again", "text": text }],
            "people": [{ "key": "a", "name": "Anna Example" }, { "key": "b", "name": "Boris Example" },
                       { "key": "peskov", "name": "Dmitry Peskov" }],
            "statements": [
                { "key": "s1", "kind": "direct_quote", "text": "We will meet again", "speaker": "a", "evidence": first },
                { "key": "s2", "kind": "direct_quote", "text": "We will meet again", "speaker": "b", "evidence": second },
                // A source already in the database, by its key.
                { "key": "s3", "kind": "direct_quote", "text": "as many times as it took", "speaker": "peskov",
                  "saidOn": "2025-12",
                  "evidence": { "source": "ukraine-peace-talks-2025-12-03", "excerpt": "\"as many times as it took\"" } }
            ]
        })
    };
    let refused = doc(
        json!({ "source": "again", "excerpt": "We will meet again" }),
        json!({ "source": "again", "excerpt": "We shall meet again" }),
    );
    let path = file(&db, "refused.json", refused.to_string().as_bytes());
    let out = import(&db, &[&path]).await;
    assert!(!out.success);
    assert!(
        out.stderr.contains("statements[0].evidence.excerpt: the excerpt stands 2 times in the text of \"again\" (at 10..28, 46..64)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("statements[1].evidence.excerpt: the excerpt is not in the text of \"again\"; the closest passage is at 9..28: \"“We will meet again\""),
        "{}",
        out.stderr
    );

    let accepted = doc(
        json!({ "source": "again", "excerpt": "\"We will meet again.\"" }),
        json!({ "source": "again", "excerpt": "We will meet again", "occurrence": 2 }),
    );
    let path = file(&db, "accepted.json", accepted.to_string().as_bytes());
    let out = import(&db, &[&path]).await;
    assert!(out.success, "{}", out.stderr);
    let exported: Value = serde_json::from_str(&export(&db).await).expect("JSON");
    let evidence = |speaker: &str| -> Value {
        let statement = exported["statements"]
            .as_array()
            .expect("statements")
            .iter()
            .find(|s| s["speaker"] == speaker && s["text"] != "as many times as it took")
            .unwrap_or_else(|| panic!("a statement of {speaker}"))
            .clone();
        statement["evidence"].clone()
    };
    // The text's own excerpt, curly quotes and all, at its offsets.
    assert_eq!(evidence("anna-example")["excerpt"], "“We will meet again.”");
    assert_eq!(
        (
            evidence("anna-example")["start"].clone(),
            evidence("anna-example")["end"].clone()
        ),
        (json!(9), json!(30))
    );
    assert_eq!(evidence("boris-example")["start"], 46);
    // Peskov's words were the seed's: found in the stored article, they
    // add nothing new.
    assert!(
        out.stdout.contains("statement 2 new, 1 already there"),
        "{}",
        out.stdout
    );
}
