//! Every case function is registered: a case written but left out of
//! `main.rs` would never run, and nothing else would say so.
//!
//! A case function is a `pub async fn` of a test module taking exactly
//! `TestDb` (a database case), `Server` (a case on the shared seeded server)
//! or nothing (a case without a database). Helpers take other arguments.

use std::collections::BTreeSet;
use std::path::Path;

use libtest_mimic::Failed;

/// Fails naming each case function missing from `registered`, and each
/// name registered twice or naming no case function.
pub fn check(registered: &[String]) -> Result<(), Failed> {
    let found = case_functions(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/e2e")));
    // A scan that finds nothing would pass whatever is registered.
    if found.len() < 100 {
        return Err(format!("only {} case functions found: the scan is broken", found.len()).into());
    }
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for name in registered {
        if !seen.insert(name.as_str()) {
            problems.push(format!("{name} is registered twice"));
        }
        if !found.contains(name) {
            problems.push(format!("{name} is registered but is no case function"));
        }
    }
    for name in &found {
        if !seen.contains(name.as_str()) {
            problems.push(format!(
                "{name} is a case function but is not registered in tests/e2e/main.rs, so it never runs"
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n").into())
    }
}

/// `module::function` of every case function in the folder's modules.
fn case_functions(dir: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(dir).expect("the e2e folder") {
        let path = entry.expect("a folder entry").path();
        let Some(module) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a test module");
        for signature in text.split("pub async fn ").skip(1) {
            let Some((name, rest)) = signature.split_once('(') else {
                continue;
            };
            let Some((params, _)) = rest.split_once(')') else {
                continue;
            };
            let params: String = params.split_whitespace().collect::<Vec<_>>().join(" ");
            let params = params.trim_end_matches(',');
            let is_case = params.is_empty()
                || params
                    .split_once(": ")
                    .map(|(_, ty)| ty.rsplit("::").next().unwrap_or(ty))
                    .is_some_and(|ty| ty == "TestDb" || ty == "Server");
            if is_case && !params.contains(',') {
                found.insert(format!("{module}::{}", name.trim()));
            }
        }
    }
    found
}
