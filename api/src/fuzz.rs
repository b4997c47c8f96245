//! Property tests with many generated cases: the import parser and checker,
//! and query execution, fed mangled and random input, never panic, and
//! every failure is an error with a message.
//!
//! `NEWSGRAPH_FUZZ_CASES` sets how many cases each runs (default: 2,000
//! documents and 300 queries); `NEWSGRAPH_FUZZ_SEED` the first seed. For a
//! long run:
//!
//! ```sh
//! NEWSGRAPH_FUZZ_CASES=200000 cargo test --release -p newsgraph fuzz -- --nocapture
//! ```

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

use crate::import;

fn cases(default: usize) -> usize {
    std::env::var("NEWSGRAPH_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn seed() -> u64 {
    std::env::var("NEWSGRAPH_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
}

/// Fragments that tend to break parsers.
const NASTY: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "null",
    "true",
    "-1",
    "-0",
    "1e999",
    "0.0000001",
    "18446744073709551616",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"é\"",
    "\"👍🏽\"",
    "[[[[[[[[[[[[[[[[[[[[",
    "\"\"",
    "NaN",
    "\\",
    "\n",
];

/// A random JSON value, `depth` levels at most.
fn random_value(rng: &mut StdRng, depth: u32) -> Value {
    match rng.random_range(0..if depth == 0 { 6 } else { 8 }) {
        0 => Value::Null,
        1 => json!(rng.random::<bool>()),
        2 => json!(rng.random_range(-1_000_000i64..1_000_000)),
        3 => json!(rng.random::<f64>() * 1e12 - 5e11),
        4 => json!(NASTY.choose(rng).copied().unwrap_or("")),
        5 => {
            let len = rng.random_range(0..12);
            json!((0..len).map(|_| rng.random_range(' '..'ʯ')).collect::<String>())
        }
        6 => Value::Array(
            (0..rng.random_range(0..4))
                .map(|_| random_value(rng, depth - 1))
                .collect(),
        ),
        _ => {
            let keys = [
                "key", "name", "start", "end", "source", "speaker", "kind", "excerpt", "text", "parent",
            ];
            Value::Object(
                (0..rng.random_range(0..4))
                    .map(|_| {
                        let key = keys.choose(rng).copied().unwrap_or("key").to_owned();
                        (key, random_value(rng, depth - 1))
                    })
                    .collect(),
            )
        }
    }
}

/// Replaces one value somewhere in `value` with a random one.
fn mutate_value(rng: &mut StdRng, value: &mut Value) {
    match value {
        Value::Object(map) if !map.is_empty() && rng.random_bool(0.8) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = keys.choose(rng).cloned().unwrap_or_default();
            if rng.random_bool(0.1) {
                map.remove(&key);
            } else if let Some(inner) = map.get_mut(&key) {
                mutate_value(rng, inner);
            }
        }
        Value::Array(items) if !items.is_empty() && rng.random_bool(0.8) => {
            let i = rng.random_range(0..items.len());
            if rng.random_bool(0.1) {
                let copy = items[i].clone();
                items.push(copy);
            } else {
                mutate_value(rng, &mut items[i]);
            }
        }
        _ => *value = random_value(rng, 2),
    }
}

/// Mangles bytes: flips, cuts, copies and inserts nasty fragments.
fn mangle(rng: &mut StdRng, bytes: &mut Vec<u8>) {
    for _ in 0..rng.random_range(1..4) {
        if bytes.is_empty() {
            bytes.extend_from_slice(b"{");
        }
        let at = rng.random_range(0..bytes.len());
        match rng.random_range(0..4) {
            0 => bytes[at] = rng.random(),
            1 => {
                let end = (at + rng.random_range(1..64)).min(bytes.len());
                bytes.drain(at..end);
            }
            2 => {
                let end = (at + rng.random_range(1..64)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
            _ => {
                let nasty = NASTY.choose(rng).copied().unwrap_or("");
                bytes.splice(at..at, nasty.bytes());
            }
        }
    }
}

#[test]
fn the_import_parser_and_checker_never_panic() {
    let seed_doc: Value = serde_json::from_str(crate::seed::SEED).expect("the seed is JSON");
    let n = cases(2_000);
    for case in 0..n as u64 {
        let mut rng = StdRng::seed_from_u64(seed() + case);
        let bytes = if rng.random_bool(0.5) {
            let mut doc = seed_doc.clone();
            for _ in 0..rng.random_range(1..6) {
                mutate_value(&mut rng, &mut doc);
            }
            serde_json::to_vec(&doc).expect("a value serialises")
        } else {
            let mut bytes = crate::seed::SEED.as_bytes().to_vec();
            mangle(&mut rng, &mut bytes);
            bytes
        };
        // A panic fails the test and names the case by its seed.
        let outcome = std::panic::catch_unwind(|| match import::parse(&bytes) {
            Ok(doc) => {
                for problem in import::check(&doc) {
                    assert!(!problem.message.is_empty() && !problem.path.is_empty());
                }
            }
            Err(err) => assert!(!err.to_string().is_empty()),
        });
        assert!(outcome.is_ok(), "case with seed {} panicked", seed() + case);
    }
}

/// Field names, arguments and punctuation the schema knows, for documents
/// that get past the parser more often than random bytes would.
const WORDS: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    ":",
    "...",
    "on",
    "query",
    "mutation",
    "subscription",
    "fragment",
    "people",
    "statements",
    "issues",
    "places",
    "node",
    "nodes",
    "edges",
    "node",
    "id",
    "name",
    "text",
    "speaker",
    "about",
    "issue",
    "stance",
    "evidence",
    "source",
    "first:",
    "last:",
    "after:",
    "before:",
    "filter:",
    "orderBy:",
    "\"x\"",
    "5",
    "-1",
    "1000",
    "null",
    "$v",
    "@include(if: true)",
    "@skip(if: $v)",
    "__typename",
    "__schema",
    "search",
    "query:",
    "pageInfo",
    "hasNextPage",
    "totalCount",
    "Person",
    "mentionedIn",
    "roles",
    "organisation",
    "[",
    "]",
    "createPerson",
    "input:",
    "deleteNode",
    "version:",
    "id:",
];

fn random_query(rng: &mut StdRng) -> String {
    if rng.random_bool(0.5) {
        let mut bytes = crate::http::playground::EXAMPLES
            .choose(rng)
            .copied()
            .unwrap_or("{ __typename }")
            .as_bytes()
            .to_vec();
        mangle(rng, &mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        let len = rng.random_range(1..60);
        (0..len)
            .map(|_| WORDS.choose(rng).copied().unwrap_or("{"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn query_execution_never_panics_and_every_error_says_something() {
    use std::sync::Arc;

    use crate::auth::{Caller, Level};
    use crate::loader::Loaders;

    let dir = tempfile::tempdir().expect("a temporary folder");
    let target = crate::db::Target::Sqlite(dir.path().join("fuzz.db"));
    let db = crate::db::connect(&target).await.expect("the database opens");
    crate::db::migrate(&db, &target).await.expect("migrated");
    crate::seed::import_seed(&db).await.expect("seeded");
    let schema = crate::graphql::build_schema(
        db.clone(),
        crate::changes::Changes::default(),
        Arc::new(crate::guard::limits::Limits::default()),
        &crate::guard::Exposure::default(),
    );
    let n = cases(300);
    for case in 0..n as u64 {
        let case_seed = seed() + case;
        let mut rng = StdRng::seed_from_u64(case_seed);
        let query = random_query(&mut rng);
        let mut variables = serde_json::Map::new();
        for name in ["v", "id", "input", "first"] {
            if rng.random_bool(0.5) {
                variables.insert(name.to_owned(), random_value(&mut rng, 2));
            }
        }
        let caller = if rng.random_bool(0.5) {
            Caller::Anonymous
        } else {
            Caller::Token {
                name: "fuzz".to_owned(),
                level: Level::Write,
            }
        };
        let (loaders, batches) = Loaders::new(&db);
        let request = async_graphql::Request::new(query.clone())
            .variables(async_graphql::Variables::from_json(Value::Object(variables)))
            .data(loaders)
            .data(caller);
        // Run on a task of its own, so that a panic is caught and named.
        let schema = schema.clone();
        let response = tokio::spawn(async move { batches.drive(schema.execute(request)).await })
            .await
            .unwrap_or_else(|_| panic!("case with seed {case_seed} panicked on {query:?}"));
        for error in &response.errors {
            assert!(
                !error.message.is_empty(),
                "seed {case_seed}: an error without a message"
            );
            assert!(
                !error.message.contains("internal error"),
                "seed {case_seed}: {query:?} hit an internal error: {}",
                error.message
            );
        }
    }
}
