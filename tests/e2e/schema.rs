//! The committed SDL is the code's SDL.

use crate::server::{newsgraph, run};

pub async fn committed_schema_matches_the_code() {
    let mut cmd = newsgraph();
    cmd.arg("schema");
    let printed = run(cmd).await;
    assert!(printed.success, "newsgraph schema failed: {}", printed.stderr);
    let committed = include_str!("../../schema.graphql");
    assert!(
        printed.stdout == committed,
        "schema.graphql differs from `newsgraph schema`; regenerate it with\n  cargo run -- schema > schema.graphql"
    );
}

pub async fn committed_import_format_schema_matches_the_code() {
    let mut cmd = newsgraph();
    cmd.arg("format-schema");
    let printed = run(cmd).await;
    assert!(
        printed.success,
        "newsgraph format-schema failed: {}",
        printed.stderr
    );
    let committed = include_str!("../../docs/import-format.schema.json");
    assert!(
        printed.stdout == committed,
        "docs/import-format.schema.json differs from `newsgraph format-schema`; regenerate it with\n  cargo run -- format-schema > docs/import-format.schema.json"
    );
}
