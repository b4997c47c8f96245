//! One write core under the import and the mutations: the rules they share
//! hold the same way through `newsgraph import FILE` and through GraphQL.
//! Partial dates compare by what is known, language tags are checked on
//! both databases, `publishedOn` takes every precision, `NOT_FOUND` names
//! every missing ID, and names stay on one line in updates as in creates.

use serde_json::{Value, json};

use crate::fixtures::{ARTICLE, span};
use crate::harness::TestDb;
use crate::server::{Server, export, import};
use crate::writes::{EDITOR, base64_id, post, server};

/// Writes a document in the case's folder and imports it with the CLI.
async fn import_doc(db: &TestDb, name: &str, doc: &Value) -> crate::server::Finished {
    let path = db.dir.join(name);
    std::fs::write(&path, serde_json::to_vec(doc).expect("JSON")).expect("a test file");
    import(db, &[&path.display().to_string()]).await
}

/// The seed article as a source of a document, with some details.
fn source(details: Value) -> Value {
    let mut source = json!({ "key": "article", "title": "Peace talks", "text": ARTICLE });
    for (k, v) in details.as_object().expect("an object") {
        source[k] = v.clone();
    }
    source
}

/// Evidence in a document for an excerpt of the seed article.
fn doc_evidence(excerpt: &str) -> Value {
    let (start, end) = span(excerpt);
    json!({ "source": "article", "start": start, "end": end, "excerpt": excerpt })
}

/// Evidence in a mutation's input.
fn evidence(source: &Value, excerpt: &str) -> Value {
    let (start, end) = span(excerpt);
    json!({ "source": source, "start": start, "end": end, "excerpt": excerpt })
}

/// Runs a mutation; returns the whole body.
async fn mutate(server: &Server, query: &str, variables: Value) -> Value {
    let (status, body) = post(server, Some(EDITOR), query, variables).await;
    assert_eq!(status, 200, "{body}");
    body
}

/// The data of a mutation that must succeed.
async fn written(server: &Server, query: &str, variables: Value) -> Value {
    let body = mutate(server, query, variables).await;
    assert!(body.get("errors").is_none(), "{body}");
    body["data"].clone()
}

/// The first error of a mutation that must fail.
async fn refused(server: &Server, query: &str, variables: Value) -> Value {
    let body = mutate(server, query, variables).await;
    assert!(body["errors"].is_array(), "expected an error: {body}");
    body["errors"][0].clone()
}

fn code(error: &Value) -> &str {
    error["extensions"]["code"].as_str().unwrap_or_default()
}

fn message(error: &Value) -> &str {
    error["message"].as_str().unwrap_or_default()
}

fn problems(error: &Value) -> Vec<(String, String)> {
    error["extensions"]["problems"]
        .as_array()
        .unwrap_or_else(|| panic!("problems in {error}"))
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap().to_owned(),
                p["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

const CREATE_SOURCE: &str = r#"mutation($input: CreateSourceInput!) {
    createSource(input: $input) { created source { id publishedOn language version } }
}"#;
const UPDATE_SOURCE: &str = r#"mutation($id: ID!, $version: Int!, $input: SourcePatch!) {
    updateSource(id: $id, version: $version, input: $input) { publishedOn language version }
}"#;
const CREATE_PERSON: &str = r#"mutation($input: CreatePersonInput!) {
    createPerson(input: $input) { person { id version } }
}"#;
const CREATE_ORGANISATION: &str = r#"mutation($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) { organisation { id } }
}"#;
const ADD_EVENT: &str = r#"mutation($input: AddEventInput!) {
    addEvent(input: $input) { created event { id version startedOn { text } endedOn { text } } }
}"#;
const UPDATE_EVENT: &str = r#"mutation($id: ID!, $version: Int!, $input: EventPatch!) {
    updateEvent(id: $id, version: $version, input: $input) { version endedOn { text } }
}"#;
const ADD_ROLE: &str = r#"mutation($input: AddRoleInput!) {
    addRole(input: $input) { created role { id version since { text } until { text } } }
}"#;
const UPDATE_ROLE: &str = r#"mutation($id: ID!, $version: Int!, $input: RolePatch!) {
    updateRole(id: $id, version: $version, input: $input) { version }
}"#;
const UPDATE_ENTITY: &str = r#"mutation($id: ID!, $version: Int!, $input: EntityPatch!) {
    updateEntity(id: $id, version: $version, input: $input) { ... on Person { name } }
}"#;

/// The ID of the source `article`, created through GraphQL.
async fn article(server: &Server) -> Value {
    let data = written(
        server,
        CREATE_SOURCE,
        json!({ "input": { "key": "article", "title": "Peace talks", "text": ARTICLE } }),
    )
    .await;
    data["createSource"]["source"]["id"].clone()
}

/// Adds Yuri Ushakov as an aide in the Kremlin, with `dates`; returns the role.
async fn aide(server: &Server, source: &Value, dates: Value) -> Value {
    let person = written(
        server,
        CREATE_PERSON,
        json!({ "input": { "name": "Yuri Ushakov" } }),
    )
    .await["createPerson"]["person"]["id"]
        .clone();
    let kremlin = written(
        server,
        CREATE_ORGANISATION,
        json!({ "input": { "name": "Kremlin", "kind": "GOVERNMENT" } }),
    )
    .await["createOrganisation"]["organisation"]["id"]
        .clone();
    let mut input = json!({ "person": person, "organisation": kremlin, "title": "aide",
        "evidence": evidence(source, "Ushakov") });
    for (k, v) in dates.as_object().expect("an object") {
        input[k] = v.clone();
    }
    written(server, ADD_ROLE, json!({ "input": input })).await["addRole"]["role"].clone()
}

pub async fn an_event_or_role_may_end_in_the_month_it_started_on_a_day(db: TestDb) {
    let meeting = "Moscow";
    let doc = json!({
        "format": "newsgraph/1",
        "sources": [source(json!({}))],
        "people": [{ "key": "witkoff", "name": "Steve Witkoff" }],
        "organisations": [{ "key": "kremlin", "name": "Kremlin", "kind": "government" }],
        "roles": [{ "key": "envoy", "person": "witkoff", "organisation": "kremlin", "title": "envoy",
            "since": "2025-12-02", "until": "2025-12", "evidence": doc_evidence("Witkoff") }],
        "events": [{ "key": "talks", "kind": "meeting", "label": "Moscow talks",
            "startedOn": "2025-12-02", "endedOn": "2025-12", "evidence": doc_evidence(meeting) }]
    });
    let out = import_doc(&db, "month.json", &doc).await;
    assert!(out.success, "{}", out.stderr);

    // The end is surely before the start only when all of it is.
    let mut early = doc.clone();
    early["events"][0]["endedOn"] = json!("2025-11");
    early["roles"][0]["until"] = json!("2025");
    early["roles"][0]["since"] = json!("2026-01-05");
    let out = import_doc(&db, "early.json", &early).await;
    assert!(!out.success);
    assert!(
        out.stderr
            .contains("events[0].endedOn: the event ends (2025-11) before it starts (2025-12-02)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("roles[0].until: the role ends (2025) before it starts (2026-01-05)"),
        "{}",
        out.stderr
    );

    let server = server(&db, false).await;
    let source = article(&server).await;
    let added = written(
        &server,
        ADD_EVENT,
        json!({ "input": { "kind": "ATTACK", "label": "Night attack", "startedOn": "2025-12-03",
            "endedOn": "2025-12", "evidence": evidence(&source, "At least 111 drones") } }),
    )
    .await["addEvent"]
        .clone();
    assert_eq!(added["event"]["endedOn"]["text"], "2025-12", "{added}");
    let id = added["event"]["id"].clone();
    let error = refused(
        &server,
        UPDATE_EVENT,
        json!({ "id": id, "version": 1, "input": { "endedOn": "2025-11" } }),
    )
    .await;
    assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
    let updated = written(
        &server,
        UPDATE_EVENT,
        json!({ "id": id, "version": 1, "input": { "endedOn": "2025" } }),
    )
    .await;
    assert_eq!(updated["updateEvent"]["endedOn"]["text"], "2025");

    let role = aide(
        &server,
        &source,
        json!({ "since": "2025-12-03", "until": "2025-12" }),
    )
    .await;
    assert_eq!(role["until"]["text"], "2025-12", "{role}");
    written(
        &server,
        UPDATE_ROLE,
        json!({ "id": role["id"], "version": 1, "input": { "until": "2025" } }),
    )
    .await;
}

pub async fn adds_and_updates_refuse_an_end_before_the_start_in_the_import_s_words(db: TestDb) {
    let server = server(&db, false).await;
    let source = article(&server).await;
    let event = |ended: &str| {
        json!({ "input": { "kind": "ATTACK", "label": "Night attack", "startedOn": "2025-12-03",
            "endedOn": ended, "evidence": evidence(&source, "At least 111 drones") } })
    };
    let error = refused(&server, ADD_EVENT, event("2025-11")).await;
    assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
    let ends_early = "the event ends (2025-11) before it starts (2025-12-03)";
    assert_eq!(
        problems(&error),
        [("input.endedOn".to_owned(), ends_early.to_owned())]
    );
    // Nothing was written: the same event with a later end is new.
    let added = written(&server, ADD_EVENT, event("2025-12-04")).await["addEvent"].clone();
    assert_eq!(added["created"], true, "{added}");

    let error = refused(
        &server,
        UPDATE_EVENT,
        json!({ "id": added["event"]["id"], "version": 1, "input": { "endedOn": "2025-11" } }),
    )
    .await;
    assert_eq!(
        problems(&error),
        [("input.endedOn".to_owned(), ends_early.to_owned())]
    );

    let role = aide(&server, &source, json!({ "since": "2025-12-03" })).await;
    let error = refused(
        &server,
        UPDATE_ROLE,
        json!({ "id": role["id"], "version": 1, "input": { "until": "2024" } }),
    )
    .await;
    assert_eq!(
        problems(&error),
        [(
            "input.until".to_owned(),
            "the role ends (2024) before it starts (2025-12-03)".to_owned()
        )]
    );
}

pub async fn language_tags_are_checked_the_same_way_on_both_databases(db: TestDb) {
    // Well-formed, and longer than the 16 characters PostgreSQL once kept.
    let long = "zh-Hant-TW-x-newsroom";
    let out = import_doc(
        &db,
        "long.json",
        &json!({ "format": "newsgraph/1", "sources": [source(json!({ "language": long }))] }),
    )
    .await;
    assert!(out.success, "{}", out.stderr);
    assert!(export(&db).await.contains(&format!("\"language\": \"{long}\"")));

    let bad = json!({ "format": "newsgraph/1", "sources": [
        source(json!({ "key": "a", "language": "english-as-spoken-in-ireland" })),
        source(json!({ "key": "b", "language": "en-a-bbbbbbbb-cccccccc-dddddddd-eeeeeeee" })),
    ] });
    let out = import_doc(&db, "bad.json", &bad).await;
    assert!(!out.success);
    assert!(
        out.stderr
            .contains("sources[0].language: \"english-as-spoken-in-ireland\" is not a BCP 47 language tag"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("sources[1].language: \"en-a-bbbbbbbb-cccccccc-dddddddd-eeeeeeee\" is longer than a language tag may be here (35 characters at most)"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("character varying"), "{}", out.stderr);

    let server = server(&db, false).await;
    let error = refused(
        &server,
        CREATE_SOURCE,
        json!({ "input": { "key": "c", "title": "C", "text": "C.", "language": "en_GB" } }),
    )
    .await;
    assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
    assert_eq!(
        problems(&error),
        [(
            "input.language".to_owned(),
            "\"en_GB\" is not a BCP 47 language tag such as \"en\", \"pt-BR\" or \"zh-Hant\"".to_owned()
        )]
    );
    let created = written(
        &server,
        CREATE_SOURCE,
        json!({ "input": { "key": "d", "title": "D", "text": "D.", "language": "sr-Latn-RS-x-newsdesk" } }),
    )
    .await["createSource"]["source"]
        .clone();
    assert_eq!(created["language"], "sr-Latn-RS-x-newsdesk");
    let error = refused(
        &server,
        UPDATE_SOURCE,
        json!({ "id": created["id"], "version": 1, "input": { "language": "x-".to_owned() + &"a".repeat(40) } }),
    )
    .await;
    assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
    assert!(
        message(&error).starts_with("input.language: ") && message(&error).contains("35 characters at most"),
        "{error}"
    );
}

pub async fn published_on_takes_a_year_a_month_or_a_day_everywhere(db: TestDb) {
    let out = import_doc(
        &db,
        "month.json",
        &json!({ "format": "newsgraph/1", "sources": [source(json!({ "publishedOn": "2025-12" }))] }),
    )
    .await;
    assert!(out.success, "{}", out.stderr);
    assert!(export(&db).await.contains("\"publishedOn\": \"2025-12\""));
    let out = import_doc(
        &db,
        "bad.json",
        &json!({ "format": "newsgraph/1", "sources": [source(json!({ "key": "b", "publishedOn": "2025-13" }))] }),
    )
    .await;
    assert!(!out.success);
    assert!(
        out.stderr.contains("sources[0].publishedOn: \"2025-13\""),
        "{}",
        out.stderr
    );

    let server = server(&db, false).await;
    let created = written(
        &server,
        CREATE_SOURCE,
        json!({ "input": { "key": "y", "title": "Y", "text": "Y.", "publishedOn": "2025" } }),
    )
    .await["createSource"]["source"]
        .clone();
    assert_eq!(created["publishedOn"], "2025");
    let updated = written(
        &server,
        UPDATE_SOURCE,
        json!({ "id": created["id"], "version": 1, "input": { "publishedOn": "2025-12" } }),
    )
    .await;
    assert_eq!(updated["updateSource"]["publishedOn"], "2025-12");
    let updated = written(
        &server,
        UPDATE_SOURCE,
        json!({ "id": created["id"], "version": 2, "input": { "publishedOn": "2025-12-04" } }),
    )
    .await;
    assert_eq!(updated["updateSource"]["publishedOn"], "2025-12-04");
    let listed = server
        .query(
            "{ sources(filter: { publishedFrom: \"2025-12\" }) { nodes { key publishedOn } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        listed["sources"]["nodes"],
        json!([{ "key": "article", "publishedOn": "2025-12" }, { "key": "y", "publishedOn": "2025-12-04" }])
    );
}

pub async fn not_found_names_every_missing_id(db: TestDb) {
    // In a document, every QID that names nothing is a problem of its own.
    let out = import_doc(
        &db,
        "ghosts.json",
        &json!({ "format": "newsgraph/1", "sources": [source(json!({}))],
            "roles": [{ "key": "r", "person": "Q99999998", "organisation": "Q99999999", "title": "aide",
                "evidence": doc_evidence("Ushakov") }] }),
    )
    .await;
    assert!(!out.success);
    assert!(
        out.stderr
            .contains("roles[0].person: no entity with Wikidata QID Q99999998"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("roles[0].organisation: no entity with Wikidata QID Q99999999"),
        "{}",
        out.stderr
    );

    let server = server(&db, false).await;
    let source = article(&server).await;
    let ghost_person = base64_id("Person:999998");
    let ghost_organisation = base64_id("Organisation:999999");
    let error = refused(
        &server,
        ADD_ROLE,
        json!({ "input": { "person": ghost_person, "organisation": ghost_organisation, "title": "aide",
            "evidence": evidence(&source, "Ushakov") } }),
    )
    .await;
    assert_eq!(code(&error), "NOT_FOUND", "{error}");
    assert_eq!(
        message(&error),
        format!(
            "input.person: no person has the ID \"{ghost_person}\"; input.organisation: no organisation has the ID \"{ghost_organisation}\""
        )
    );

    let role = aide(&server, &source, json!({})).await["id"].clone();
    let ghost_source = base64_id("Source:999999");
    let error = refused(
        &server,
        UPDATE_ROLE,
        json!({ "id": role, "version": 1, "input": { "organisation": ghost_organisation,
            "evidence": evidence(&json!(ghost_source), "Ushakov") } }),
    )
    .await;
    assert_eq!(code(&error), "NOT_FOUND", "{error}");
    assert_eq!(
        message(&error),
        format!(
            "input.organisation: no organisation has the ID \"{ghost_organisation}\"; input.evidence.source: no source has the ID \"{ghost_source}\""
        )
    );
}

pub async fn names_refuse_control_characters_in_updates_as_in_creates(db: TestDb) {
    let out = import_doc(
        &db,
        "bell.json",
        &json!({ "format": "newsgraph/1", "people": [{ "key": "p", "name": "Yuri\u{7}Ushakov" }] }),
    )
    .await;
    assert!(!out.success);
    assert!(
        out.stderr
            .contains("people[0].name: a name must not contain control characters; U+0007 is at character 4"),
        "{}",
        out.stderr
    );

    let server = server(&db, false).await;
    let person = written(
        &server,
        CREATE_PERSON,
        json!({ "input": { "name": "Yuri Ushakov" } }),
    )
    .await["createPerson"]["person"]["id"]
        .clone();
    let error = refused(
        &server,
        UPDATE_ENTITY,
        json!({ "id": person, "version": 1, "input": { "name": "Yuri\u{7}Ushakov", "addAliases": ["Y.\u{0}U."] } }),
    )
    .await;
    assert_eq!(code(&error), "BAD_USER_INPUT", "{error}");
    assert_eq!(
        problems(&error),
        [
            (
                "input.name".to_owned(),
                "a name must not contain control characters; U+0007 is at character 4".to_owned()
            ),
            (
                "input.addAliases[0]".to_owned(),
                "a name must not contain control characters; U+0000 is at character 2".to_owned()
            ),
        ]
    );
}
