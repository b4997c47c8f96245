//! Generated input for the property tests: mangled and random documents,
//! queries and variables. The import parser and checker are fuzzed here;
//! the import's writes and query execution on both databases by the
//! end-to-end cases `fuzz::*`, with these generators.
//!
//! Each run takes a fresh first seed and prints it; `NEWSGRAPH_FUZZ_SEED`
//! replays a run, `NEWSGRAPH_FUZZ_CASES` sets how many cases each property
//! runs. For a long run:
//!
//! ```sh
//! NEWSGRAPH_FUZZ_CASES=200000 cargo test --release -p newsgraph fuzz -- --nocapture
//! ```

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use serde_json::{Value, json};

/// How many cases a property runs: `NEWSGRAPH_FUZZ_CASES`, or `default`.
pub fn cases(default: usize) -> usize {
    std::env::var("NEWSGRAPH_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The first seed of a run: `NEWSGRAPH_FUZZ_SEED`, or a fresh one each
/// run. Printed, so that a failure can be replayed; case `i` of a property
/// uses `seed + i`.
pub fn seed(property: &str) -> u64 {
    let seed = std::env::var("NEWSGRAPH_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| rand::rng().random_range(0..1_000_000_000));
    eprintln!("{property}: NEWSGRAPH_FUZZ_SEED={seed} replays this run");
    seed
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
pub fn random_value(rng: &mut StdRng, depth: u32) -> Value {
    match rng.random_range(0..if depth == 0 { 6 } else { 8 }) {
        0 => Value::Null,
        1 => json!(rng.random::<bool>()),
        2 => json!(rng.random_range(-1_000_000i64..1_000_000)),
        3 => json!(rng.random::<f64>() * 1e12 - 5e11),
        4 => json!(NASTY.choose(rng).copied().unwrap_or("")),
        5 => {
            // Now and then longer than a column may hold.
            let len = if rng.random_bool(0.1) {
                rng.random_range(12..400)
            } else {
                rng.random_range(0..12)
            };
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
pub fn mutate_value(rng: &mut StdRng, value: &mut Value) {
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
pub fn mangle(rng: &mut StdRng, bytes: &mut Vec<u8>) {
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

/// A query: a mangled example of the playground, or a soup of the schema's words.
pub fn random_query(rng: &mut StdRng) -> String {
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

#[cfg(test)]
mod tests {
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};
    use serde_json::Value;

    use super::{cases, mangle, mutate_value, seed};
    use crate::import;

    #[test]
    fn the_import_parser_and_checker_never_panic() {
        let seed_doc: Value = serde_json::from_str(crate::seed::SEED).expect("the seed is JSON");
        let n = cases(2_000);
        let first = seed("the import parser and checker");
        for case in 0..n as u64 {
            let mut rng = StdRng::seed_from_u64(first + case);
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
            assert!(outcome.is_ok(), "case with seed {} panicked", first + case);
        }
    }
}
