//! Property tests through the binary, on both databases: mangled documents
//! are imported whole or not at all, and random queries never make the
//! server fail internally. The generators are `newsgraph::fuzz`'s; each run
//! takes a fresh seed and prints it (`NEWSGRAPH_FUZZ_SEED` replays it, and
//! `NEWSGRAPH_FUZZ_CASES` sets how many cases run).

use newsgraph::fuzz::{cases, mutate_value, random_query, random_value, seed};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Map, Value, json};

use crate::full_document;
use crate::harness::TestDb;
use crate::server::{Server, export, import};

/// A document with a few values replaced by random ones is either imported
/// (and importing it again changes nothing) or refused with its problems and
/// nothing written: never half of it, never a panic.
pub async fn mangled_documents_are_imported_whole_or_not_at_all(db: TestDb) {
    let first = seed("mangled documents");
    let path = db.dir.join("mangled.json");
    let file = path.to_str().expect("a UTF-8 path").to_owned();
    let mut graph = export(&db).await;
    let (mut imported, mut refused) = (0, 0);
    for case in 0..cases(20) as u64 {
        let replay = format!("NEWSGRAPH_FUZZ_SEED={} case {case}", first);
        let mut rng = StdRng::seed_from_u64(first + case);
        let mut doc = full_document::document();
        for _ in 0..rng.random_range(1..4) {
            if rng.random_bool(0.5) {
                mutate_value(&mut rng, &mut doc);
            } else {
                retext(&mut rng, &mut doc);
            }
        }
        std::fs::write(&path, doc.to_string()).expect("the document written");
        let out = import(&db, &[&file]).await;
        assert!(!out.stderr.contains("panicked"), "{replay}: {}", out.stderr);
        if out.success {
            imported += 1;
            graph = export(&db).await;
            let again = import(&db, &[&file]).await;
            assert!(
                again.success,
                "{replay}: imported once, not twice: {}",
                again.stderr
            );
            assert_eq!(
                export(&db).await,
                graph,
                "{replay}: importing twice changed the graph"
            );
        } else {
            refused += 1;
            // Each problem names the file, and the graph is as it was.
            assert!(
                out.stderr.contains("mangled.json: "),
                "{replay}: a refusal that names no file: {}",
                out.stderr
            );
            assert_eq!(
                export(&db).await,
                graph,
                "{replay}: a refused import changed the graph"
            );
        }
    }
    eprintln!("mangled documents: {imported} imported, {refused} refused");
}

/// Replaces one string of `doc` that is neither a key nor a reference with
/// random text, short or longer than a column may hold: such documents
/// often pass the checks and reach the writes.
fn retext(rng: &mut StdRng, doc: &mut Value) {
    fn strings(value: &Value, at: String, keys: &[String], out: &mut Vec<String>) {
        match value {
            Value::String(s) if !keys.contains(s) => out.push(at),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    strings(item, format!("{at}/{i}"), keys, out);
                }
            }
            Value::Object(fields) => {
                for (name, field) in fields
                    .iter()
                    .filter(|(name, _)| *name != "key" && *name != "format")
                {
                    strings(field, format!("{at}/{name}"), keys, out);
                }
            }
            _ => {}
        }
    }
    let keys: Vec<String> = doc
        .as_object()
        .into_iter()
        .flat_map(|lists| lists.values())
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|record| record["key"].as_str().map(str::to_owned))
        .collect();
    let mut found = Vec::new();
    strings(doc, String::new(), &keys, &mut found);
    let Some(at) = found.get(rng.random_range(0..found.len().max(1))) else {
        return;
    };
    let len = if rng.random_bool(0.3) {
        rng.random_range(17..300)
    } else {
        rng.random_range(1..17)
    };
    let text: String = (0..len).map(|_| rng.random_range(' '..'ʯ')).collect();
    if let Some(slot) = doc.pointer_mut(at) {
        *slot = json!(text);
    }
}

/// Random queries and variables, with and without a write token, never get
/// an internal error or a 500, every error says something, and the server
/// still answers afterwards.
pub async fn random_queries_never_fail_internally(db: TestDb) {
    let token = "fuzz-editor-token-0123456789";
    let tokens = format!("fuzz={token}");
    let server = Server::start_seeded_with(&db, &[("NEWSGRAPH_WRITE_TOKENS", &tokens)]).await;
    let first = seed("random queries");
    for case in 0..cases(300) as u64 {
        let mut rng = StdRng::seed_from_u64(first + case);
        let query = random_query(&mut rng);
        let mut variables = Map::new();
        for name in ["v", "id", "input", "first"] {
            if rng.random_bool(0.5) {
                variables.insert(name.to_owned(), random_value(&mut rng, 2));
            }
        }
        let mut request = server
            .http()
            .post(format!("{}/graphql", server.base))
            .json(&json!({ "query": query, "variables": variables }));
        if rng.random_bool(0.5) {
            request = request.bearer_auth(token);
        }
        let replay = format!("NEWSGRAPH_FUZZ_SEED={first} case {case}: {query:?}");
        let res = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("{replay}: no answer: {e}"));
        let status = res.status().as_u16();
        let body: Value = res
            .json()
            .await
            .unwrap_or_else(|e| panic!("{replay}: not JSON: {e}"));
        assert!(status < 500, "{replay}: {status} {body}");
        for error in body["errors"].as_array().into_iter().flatten() {
            let message = error["message"].as_str().unwrap_or_default();
            assert!(
                !message.is_empty(),
                "{replay}: an error without a message: {body}"
            );
            assert!(!message.contains("internal error"), "{replay}: {body}");
        }
    }
    assert_eq!(
        server.query("{ __typename }", json!({})).await["__typename"],
        "Query"
    );
}
