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

const INTROSPECTION: &str = r#"{
    __schema {
        types {
            name
            description
            fields(includeDeprecated: true) { name description args { name description } }
            inputFields { name description }
            enumValues(includeDeprecated: true) { name description }
        }
    }
}"#;

/// Every type, field, argument, input field and enum value the API
/// serves has a description, as clients and the playground show them.
pub async fn every_type_field_argument_and_enum_value_is_described(db: crate::harness::TestDb) {
    let server = crate::server::Server::start(&db).await;
    let data = server.query(INTROSPECTION, serde_json::json!({})).await;
    let described = |v: &serde_json::Value| v["description"].as_str().is_some_and(|d| !d.trim().is_empty());
    let mut missing = Vec::new();
    for ty in data["__schema"]["types"].as_array().expect("types") {
        let name = ty["name"].as_str().expect("a type name");
        if name.starts_with("__") {
            continue;
        }
        // The spec's own scalars are described by the spec, and absent from SDL.
        let built_in = ["ID", "String", "Int", "Float", "Boolean"].contains(&name);
        if !described(ty) && !built_in {
            missing.push(name.to_owned());
        }
        let list = |key: &str| ty[key].as_array().cloned().unwrap_or_default();
        for field in list("fields") {
            let field_name = field["name"].as_str().unwrap_or_default();
            if !described(&field) {
                missing.push(format!("{name}.{field_name}"));
            }
            for arg in field["args"].as_array().cloned().unwrap_or_default() {
                if !described(&arg) {
                    missing.push(format!(
                        "{name}.{field_name}({})",
                        arg["name"].as_str().unwrap_or_default()
                    ));
                }
            }
        }
        for field in list("inputFields").into_iter().chain(list("enumValues")) {
            if !described(&field) {
                missing.push(format!("{name}.{}", field["name"].as_str().unwrap_or_default()));
            }
        }
    }
    assert!(missing.is_empty(), "without a description: {missing:?}");
}
