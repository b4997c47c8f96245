//! A document that can tell right from wrong: every kind of record with
//! every optional field set, sources of two publishers, and statements said
//! on distinct years, months and days (and one undated), so that a dropped
//! field, an ignored filter bound or a reversed order changes an answer.
//!
//! The ordering, date-range, publisher and export cases import it.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::harness::TestDb;
use crate::server::import;

/// The statements' texts in the order of their `saidOn`, undated first; the
/// document lists them in another order, so that the order they were added
/// in is not the order of their dates.
pub const BY_DATE: [&str; 6] = [
    "The crown belongs to the people.",
    "The coronation will go ahead.",
    "Princess Flavia asked for patience.",
    "The regent promised a fair vote.",
    "The loan will pay for the coronation.",
    "The bank must be repaid in full.",
];

/// The `saidOn` of each statement of [`BY_DATE`].
pub const SAID_ON: [Option<&str>; 6] = [
    None,
    Some("2023"),
    Some("2024-05"),
    Some("2024-05-17"),
    Some("2024-06-02"),
    Some("2025-01-09"),
];

/// The two publishers; the first publishes two of the three sources.
pub const DAILY: &str = "The Daily Example";
pub const WEEKLY: &str = "Example Weekly";

const TEXT_2023: &str = "STRELSAU — Rudolf Rassendyll, regent of the Ruritanian government, spoke to the court: \"The coronation will go ahead.\" Michael Elphberg, half-brother of Rudolf Rassendyll, did not attend. Princess Flavia said the crown belongs to the people.";
const TEXT_2024: &str = "Princess Flavia Elphberg asked for patience in May. On 17 May the regent promised a fair vote at a meeting in Strelsau that at least 300 guests attended. On 2 June Flavia Elphberg said the loan will pay for the coronation: the Bank of Zenda agreed to lend about EUR 1,250,000.50 over 18 months, a quarter of the coronation budget, partly secured against the coronation revenue.";
const TEXT_2025: &str = "In January 2025 the regent told parliament that the bank must be repaid in full. The Bank of Zenda froze about EUR 40,000 of Michael Elphberg's assets.";

/// Evidence for `excerpt`, found in `text` of `source`.
fn evidence(source: &str, text: &str, excerpt: &str, confidence: f64, curated: bool) -> Value {
    let byte = text
        .find(excerpt)
        .unwrap_or_else(|| panic!("not in {source}: {excerpt}"));
    let start = text[..byte].chars().count();
    json!({
        "source": source,
        "start": start,
        "end": start + excerpt.chars().count(),
        "excerpt": excerpt,
        "confidence": confidence,
        "curated": curated
    })
}

/// The document: see the module's comment.
pub fn document() -> Value {
    let a = |excerpt: &str| evidence("daily-2023", TEXT_2023, excerpt, 0.75, false);
    let b = |excerpt: &str| evidence("weekly-2024", TEXT_2024, excerpt, 0.5, true);
    let c = |excerpt: &str| evidence("daily-2025", TEXT_2025, excerpt, 1.0, true);
    json!({
        "format": "newsgraph/1",
        "sources": [
            { "key": "daily-2023", "title": "The regent speaks", "text": TEXT_2023, "url": "https://daily.example/2023/regent",
              "publisher": DAILY, "language": "en", "publishedOn": "2023-03-14" },
            { "key": "weekly-2024", "title": "A loan for the crown", "text": TEXT_2024, "url": "https://weekly.example/2024/loan",
              "publisher": WEEKLY, "language": "en-GB", "publishedOn": "2024-06-03" },
            { "key": "daily-2025", "title": "Repay the bank", "text": TEXT_2025, "url": "https://daily.example/2025/bank",
              "publisher": DAILY, "language": "de", "publishedOn": "2025-01-10" }
        ],
        "places": [
            { "key": "place-ruritania", "name": "Ruritania", "aliases": ["Kingdom of Ruritania", "Ruritanien"],
              "description": "A kingdom in central Europe", "wikidataId": "Q1140001", "kind": "country",
              "latitude": 50.25, "longitude": 14.5 },
            { "key": "place-strelsau", "name": "Strelsau", "aliases": ["Strelsau city"], "description": "The capital",
              "wikidataId": "Q1140002", "kind": "city", "parent": "place-ruritania", "latitude": 50.125, "longitude": 14.375 }
        ],
        "organisations": [
            { "key": "org-government", "name": "Ruritanian government", "aliases": ["Government of Ruritania"],
              "description": "The regency", "wikidataId": "Q1140003", "kind": "government", "country": "place-ruritania" },
            { "key": "org-bank", "name": "Bank of Zenda", "aliases": ["Zenda Bank"], "description": "A lender",
              "wikidataId": "Q1140004", "kind": "company", "country": "place-ruritania" }
        ],
        "people": [
            { "key": "person-rudolf", "name": "Rudolf Rassendyll", "aliases": ["The regent", "Rudolf R."],
              "description": "Regent of Ruritania", "wikidataId": "Q1140005" },
            { "key": "person-flavia", "name": "Flavia Elphberg", "aliases": ["Princess Flavia"],
              "description": "A princess", "wikidataId": "Q1140006" },
            { "key": "person-michael", "name": "Michael Elphberg", "aliases": ["Black Michael"],
              "description": "Duke of Strelsau", "wikidataId": "Q1140007" }
        ],
        "issues": [
            { "key": "issue-politics", "name": "Ruritanian politics", "aliases": ["Politics of Ruritania"],
              "description": "Who governs Ruritania", "wikidataId": "Q1140008" },
            { "key": "issue-coronation", "name": "Coronation", "aliases": ["Crowning of the king"],
              "description": "Crowning the next king", "wikidataId": "Q1140009", "parent": "issue-politics" }
        ],
        "roles": [
            { "key": "role-regent", "person": "person-rudolf", "organisation": "org-government", "title": "regent",
              "since": "2023-03", "until": "2025-01-09",
              "evidence": a("Rudolf Rassendyll, regent of the Ruritanian government"),
              "moreEvidence": [c("the regent told parliament")] }
        ],
        "relations": [
            { "key": "relation-half-brother", "person": "person-michael", "relatedPerson": "person-rudolf", "kind": "half-brother",
              "evidence": a("Michael Elphberg, half-brother of Rudolf Rassendyll"),
              "moreEvidence": [a("Michael Elphberg, half-brother")] }
        ],
        "statements": [
            { "key": "statement-vote", "kind": "paraphrase", "text": BY_DATE[3], "speaker": "person-rudolf",
              "speakerRole": "role-regent", "saidOn": SAID_ON[3], "place": "place-strelsau", "audience": "guests",
              "audienceEntity": "org-government",
              "about": [{ "issue": "issue-politics", "stance": "supports" }], "mentions": ["place-strelsau"],
              "evidence": b("On 17 May the regent promised a fair vote"),
              "moreEvidence": [b("the regent promised a fair vote at a meeting in Strelsau")] },
            { "key": "statement-crown", "kind": "paraphrase", "text": BY_DATE[0], "speaker": "person-flavia",
              "place": "place-strelsau", "audience": "the court", "audienceEntity": "org-government",
              "about": [{ "issue": "issue-politics", "stance": "neutral" }], "mentions": ["place-ruritania"],
              "evidence": a("Princess Flavia said the crown belongs to the people") },
            { "key": "statement-repay", "kind": "paraphrase", "text": BY_DATE[5], "speaker": "person-rudolf",
              "speakerRole": "role-regent", "saidOn": SAID_ON[5], "place": "place-ruritania", "audience": "parliament",
              "audienceEntity": "org-government",
              "about": [{ "issue": "issue-politics", "stance": "mixed" }], "mentions": ["org-bank", "person-flavia"],
              "evidence": c("the regent told parliament that the bank must be repaid in full") },
            { "key": "statement-coronation", "kind": "direct_quote", "text": BY_DATE[1], "speaker": "person-rudolf",
              "speakerRole": "role-regent", "saidOn": SAID_ON[1], "place": "place-strelsau", "audience": "the court",
              "audienceEntity": "org-government",
              "about": [{ "issue": "issue-coronation", "stance": "supports" }, { "issue": "issue-politics", "stance": "mixed" }],
              "mentions": ["person-michael", "org-government"],
              "evidence": a("\"The coronation will go ahead.\"") },
            { "key": "statement-loan", "kind": "paraphrase", "text": BY_DATE[4], "speaker": "person-flavia",
              "saidOn": SAID_ON[4], "place": "place-strelsau", "audience": "reporters", "audienceEntity": "org-bank",
              "about": [{ "issue": "issue-coronation", "stance": "opposes" }], "mentions": ["org-bank"],
              "evidence": b("On 2 June Flavia Elphberg said the loan will pay for the coronation") },
            { "key": "statement-patience", "kind": "paraphrase", "text": BY_DATE[2], "speaker": "person-flavia",
              "saidOn": SAID_ON[2], "place": "place-ruritania", "audience": "readers", "audienceEntity": "org-bank",
              "about": [{ "issue": "issue-coronation", "stance": "neutral" }], "mentions": ["person-rudolf"],
              "evidence": b("Princess Flavia Elphberg asked for patience in May") }
        ],
        "financialMeasures": [
            { "key": "measure-loan", "kind": "loan", "label": "Bank of Zenda loan for the coronation",
              "amount": "1250000.5", "currency": "EUR", "amountQualifier": "about", "status": "agreed", "term": "P18M",
              "share": { "numerator": 1, "denominator": 4, "of": "the coronation budget" },
              "provider": "org-bank", "recipient": "org-government",
              "securedAgainst": { "issue": "issue-coronation", "qualifier": "partly" },
              "issues": ["issue-coronation", "issue-politics"], "announcedOn": "2024-06-02",
              "evidence": b("the Bank of Zenda agreed to lend about EUR 1,250,000.50 over 18 months"),
              "moreEvidence": [b("the Bank of Zenda agreed to lend")] },
            { "key": "measure-freeze", "kind": "asset_freeze", "label": "Michael Elphberg's assets frozen",
              "amount": "40000", "currency": "EUR", "amountQualifier": "about", "status": "disbursed", "term": "P1Y",
              "share": { "numerator": 1, "denominator": 2, "of": "his assets" },
              "provider": "org-bank", "recipient": "person-michael",
              "securedAgainst": { "entity": "person-michael", "qualifier": "wholly" },
              "issues": ["issue-politics"], "announcedOn": "2025-01",
              "evidence": c("The Bank of Zenda froze about EUR 40,000 of Michael Elphberg's assets") }
        ],
        "events": [
            { "key": "event-meeting", "kind": "meeting", "label": "The regent's meeting in Strelsau",
              "startedOn": "2024-05-17", "endedOn": "2024-05-18", "places": ["place-strelsau", "place-ruritania"],
              "participants": [{ "entity": "person-rudolf", "role": "host" }, { "entity": "org-government", "role": "organiser" }],
              "quantities": [{ "measure": "guests", "value": 300, "qualifier": "at_least",
                               "evidence": b("at least 300 guests attended"),
                               "moreEvidence": [b("300 guests")] }],
              "evidence": b("a meeting in Strelsau that at least 300 guests attended"),
              "moreEvidence": [b("On 17 May the regent promised a fair vote at a meeting")] }
        ]
    })
}

/// Writes the document into the case's folder and imports it.
pub async fn import_it(db: &TestDb) {
    let path = db.dir.join("full-document.json");
    std::fs::write(&path, document().to_string()).expect("the document written");
    let out = import(db, &[path.to_str().expect("a UTF-8 path")]).await;
    assert!(out.success, "{}", out.stderr);
}

/// The records of a document with their keys aside, list by list: each
/// reference replaced by what it names (a source's key, an entity's or
/// issue's kind and name, a role's person, organisation and title), the
/// keys of other records dropped, and lists inside records sorted.
pub fn records(doc: &Value) -> BTreeMap<String, Vec<Value>> {
    let lists = |name: &str| doc[name].as_array().cloned().unwrap_or_default();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for source in lists("sources") {
        let key = source["key"].as_str().expect("a key").to_owned();
        names.insert(key.clone(), format!("source {key}"));
    }
    for list in ["places", "organisations", "people", "issues"] {
        for record in lists(list) {
            let key = record["key"].as_str().expect("a key").to_owned();
            names.insert(
                key,
                format!("{list} {}", record["name"].as_str().expect("a name")),
            );
        }
    }
    for role in lists("roles") {
        let key = role["key"].as_str().expect("a key").to_owned();
        let of = |field: &str| {
            names
                .get(role[field].as_str().unwrap_or_default())
                .cloned()
                .unwrap_or_default()
        };
        let name = format!(
            "role {} / {} / {}",
            of("person"),
            of("organisation"),
            role["title"]
        );
        names.insert(key, name);
    }
    let mut out = BTreeMap::new();
    for (list, records) in doc.as_object().expect("a document") {
        let Value::Array(records) = records else {
            continue;
        };
        let records = records
            .iter()
            .map(|record| {
                let mut record = resolve(record, &names);
                if list != "sources"
                    && let Value::Object(fields) = &mut record
                {
                    fields.remove("key");
                }
                record
            })
            .collect();
        out.insert(list.clone(), records);
    }
    out
}

/// `value` with every string that is a key replaced by what it names, and
/// arrays sorted (their order carries nothing in the format).
fn resolve(value: &Value, names: &BTreeMap<String, String>) -> Value {
    match value {
        Value::String(s) => names.get(s).map_or_else(|| value.clone(), |name| json!(name)),
        Value::Array(items) => {
            let mut items: Vec<Value> = items.iter().map(|v| resolve(v, names)).collect();
            items.sort_by_key(Value::to_string);
            Value::Array(items)
        }
        Value::Object(fields) => {
            // A field set to null is a field left out.
            let fields: Map<String, Value> = fields
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| {
                    // A record's own key stays as it is: `records` drops it.
                    let v = if k == "key" { v.clone() } else { resolve(v, names) };
                    (k.clone(), v)
                })
                .collect();
            Value::Object(fields)
        }
        _ => value.clone(),
    }
}

/// Fields a document gives instead of others, which an export never
/// writes: which occurrence of an excerpt (an export gives its offsets).
const INSTEAD: [&str; 1] = ["occurrence"];

/// The fields of the import format (its committed JSON Schema) that no
/// record of `doc` sets, as `list.field` paths: empty when the document
/// sets every optional field of every kind of record, nested ones too.
pub fn fields_left_out(doc: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(include_str!("../../docs/import-format.schema.json"))
        .expect("the committed schema is JSON");
    let mut missing = Vec::new();
    for (list, property) in schema["properties"].as_object().expect("properties") {
        if let Some(reference) = property["items"]["$ref"].as_str() {
            let records: Vec<&Value> = doc[list]
                .as_array()
                .map(|r| r.iter().collect())
                .unwrap_or_default();
            left_out(&schema, reference, &records, list, &mut missing);
        }
    }
    missing
}

fn left_out(schema: &Value, reference: &str, values: &[&Value], path: &str, missing: &mut Vec<String>) {
    let name = reference.trim_start_matches("#/$defs/");
    let Some(properties) = schema["$defs"][name]["properties"].as_object() else {
        return;
    };
    for (field, property) in properties {
        let set: Vec<&Value> = values
            .iter()
            .map(|v| &v[field])
            .filter(|v| !v.is_null())
            .collect();
        let path = format!("{path}.{field}");
        if set.is_empty() && !INSTEAD.contains(&field.as_str()) {
            missing.push(path);
            continue;
        }
        // Nested records: a single one, or a list of them.
        if let Some(inner) = property["$ref"].as_str() {
            left_out(schema, inner, &set, &path, missing);
        } else if let Some(inner) = property["items"]["$ref"].as_str() {
            let items: Vec<&Value> = set.iter().filter_map(|v| v.as_array()).flatten().collect();
            left_out(schema, inner, &items, &path, missing);
        }
    }
}
