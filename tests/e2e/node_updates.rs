//! Corrections of roles, relations, issues, sources and the details of
//! organisations and places: each based on a version, checked whole, and
//! either written entirely or not at all.

use serde_json::{Value, json};

use crate::fixtures::span;
use crate::harness::TestDb;
use crate::server::{Server, newsgraph, run};
use crate::writes::{EDITOR, base64_id, post, seeded};

const SOURCE_KEY: &str = "ukraine-peace-talks-2025-12-03";

/// Sends `mutation($id, $version, $input) { <name>(...) { <fields> } }`
/// with the editor's token (or none); returns the whole body.
async fn update(
    server: &Server,
    token: Option<&str>,
    mutation: &str,
    patch_type: &str,
    fields: &str,
    variables: Value,
) -> Value {
    let query = format!(
        "mutation($id: ID!, $version: Int!, $input: {patch_type}!) {{ {mutation}(id: $id, version: $version, input: $input) {{ {fields} }} }}"
    );
    let (status, body) = post(server, token, &query, variables).await;
    assert_eq!(status, 200, "{body}");
    body
}

/// The first error of a body, which must have one.
fn error(body: &Value) -> Value {
    assert!(body["errors"].is_array(), "expected an error: {body}");
    body["errors"][0].clone()
}

/// The paths of `extensions.problems`.
fn paths(error: &Value) -> Vec<String> {
    error["extensions"]["problems"]
        .as_array()
        .unwrap_or_else(|| panic!("problems: {error}"))
        .iter()
        .map(|p| p["path"].as_str().expect("a path").to_owned())
        .collect()
}

fn message(error: &Value) -> &str {
    error["message"].as_str().unwrap_or_default()
}

/// Reads one node by its ID with a selection.
async fn node(server: &Server, id: &Value, selection: &str) -> Value {
    let query = format!("query($id: ID!) {{ node(id: $id) {{ {selection} }} }}");
    server.query(&query, json!({ "id": id })).await["node"].clone()
}

/// The ID of the person, organisation or place of exactly this name.
async fn id_of(server: &Server, list: &str, name: &str) -> Value {
    let query = format!(
        "query($name: String!) {{ {list}(filter: {{ name: $name }}, first: 100) {{ nodes {{ id name }} }} }}"
    );
    let found = server.query(&query, json!({ "name": name })).await;
    found[list]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {found}"))["id"]
        .clone()
}

async fn source_id(server: &Server) -> Value {
    server
        .query("{ sources(first: 1) { nodes { id } } }", json!({}))
        .await["sources"]["nodes"][0]["id"]
        .clone()
}

/// An evidence input for an excerpt of the seed article.
fn evidence(source: &Value, excerpt: &str) -> Value {
    let (start, end) = span(excerpt);
    json!({ "source": source, "start": start, "end": end, "excerpt": excerpt })
}

/// The write log lines of the editor, newest first.
async fn audit(db: &TestDb) -> Vec<String> {
    let mut cmd = newsgraph();
    cmd.envs(db.env()).args(["audit", "--actor", "editor"]);
    let out = run(cmd).await;
    assert!(out.success, "{}", out.stderr);
    out.stdout.lines().map(str::to_owned).collect()
}

const IMPORT: &str =
    "mutation($doc: JSON!) { importGraph(document: $doc) { records { kind added existing } } }";

async fn import(server: &Server, doc: Value) {
    let (_, body) = post(server, Some(EDITOR), IMPORT, json!({ "doc": doc })).await;
    assert!(body.get("errors").is_none(), "{body}");
}

// ----- roles ------------------------------------------------------------------

const ROLE: &str = "id title since { text precision } until { text } organisation { name } \
     evidence { source { id } start end excerpt confidence curated } version";

async fn peskov_role(server: &Server) -> Value {
    let query = format!(
        r#"{{ people(filter: {{ name: "Peskov" }}) {{ nodes {{ roles {{ nodes {{ {ROLE} }} }} }} }} }}"#
    );
    server.query(&query, json!({})).await["people"]["nodes"][0]["roles"]["nodes"][0].clone()
}

async fn update_role(server: &Server, token: Option<&str>, id: &Value, version: i64, input: Value) -> Value {
    update(
        server,
        token,
        "updateRole",
        "RolePatch",
        ROLE,
        json!({ "id": id, "version": version, "input": input }),
    )
    .await
}

pub async fn update_role_corrects_title_dates_organisation_and_evidence(db: TestDb) {
    let server = seeded(&db).await;
    let before = peskov_role(&server).await;
    assert_eq!(before["title"], "spokesman");
    let source = source_id(&server).await;
    let government = id_of(&server, "organisations", "Government of Ukraine").await;
    let excerpt = "Despite the stalemate, Kremlin spokesman Dmitry Peskov";
    let (start, end) = span(excerpt);
    let input = json!({
        "title": "press secretary",
        "since": "2012-05",
        "organisation": government,
        "evidence": { "source": source, "start": start, "end": end, "excerpt": excerpt, "confidence": 0.5, "curated": false }
    });
    let body = update_role(&server, Some(EDITOR), &before["id"], 1, input).await;
    assert!(body.get("errors").is_none(), "{body}");
    let expected = json!({
        "id": before["id"],
        "title": "press secretary",
        "since": { "text": "2012-05", "precision": "MONTH" },
        "until": null,
        "organisation": { "name": "Government of Ukraine" },
        "evidence": { "source": { "id": source }, "start": start, "end": end, "excerpt": excerpt, "confidence": 0.5, "curated": false },
        "version": 2
    });
    assert_eq!(body["data"]["updateRole"], expected);
    assert_eq!(
        node(&server, &before["id"], &format!("... on Role {{ {ROLE} }}")).await,
        expected
    );
    // The statements said in the role stay with it.
    let said = node(
        &server,
        &before["id"],
        "... on Role { statements { totalCount } }",
    )
    .await;
    assert!(said["statements"]["totalCount"].as_i64() > Some(0), "{said}");
    // The new organisation lists its new member.
    let members = node(
        &server,
        &government,
        "... on Organisation { members { nodes { id } } }",
    )
    .await;
    assert!(
        members["members"]["nodes"]
            .as_array()
            .expect("members")
            .contains(&json!({ "id": before["id"] })),
        "{members}"
    );

    // Clearing `since` with null, setting `until`; the evidence is given
    // without confidence and curated, which default as in the import.
    let input = json!({ "since": null, "until": "2030", "evidence": evidence(&source, "Kremlin spokesman Dmitry Peskov") });
    let body = update_role(&server, Some(EDITOR), &before["id"], 2, input).await;
    let after = &body["data"]["updateRole"];
    assert_eq!(after["since"], Value::Null, "{body}");
    assert_eq!(after["until"], json!({ "text": "2030" }));
    assert_eq!(after["evidence"]["confidence"], 1.0);
    assert_eq!(after["evidence"]["curated"], true);
    assert_eq!(after["version"], 3);

    let lines = audit(&db).await;
    assert!(
        lines[0].contains("\teditor\tupdateRole\t")
            && lines[0].ends_with("to version 3: since, until, evidence"),
        "{lines:?}"
    );
    assert!(
        lines[1].ends_with("to version 2: title, since, organisation, evidence"),
        "{lines:?}"
    );
}

pub async fn update_role_refuses_stale_unknown_or_bad_input(db: TestDb) {
    let server = seeded(&db).await;
    let before = peskov_role(&server).await;
    let id = &before["id"];
    let source = source_id(&server).await;
    let refused = |input: Value| update_role(&server, Some(EDITOR), id, 1, input);

    // Two editors start from version 1 at once: exactly one wins.
    let one = update_role(
        &server,
        Some(EDITOR),
        id,
        1,
        json!({ "title": "Kremlin spokesman" }),
    );
    let two = update_role(
        &server,
        Some(EDITOR),
        id,
        1,
        json!({ "title": "press spokesman" }),
    );
    let (a, b) = tokio::join!(one, two);
    let conflicts = [&a, &b]
        .iter()
        .filter(|body| body["errors"][0]["extensions"]["code"] == "CONFLICT")
        .count();
    assert_eq!(conflicts, 1, "{a} {b}");
    let now = peskov_role(&server).await;
    assert_eq!(now["version"], 2);
    let winner = if a.get("errors").is_some() { &b } else { &a };
    assert_eq!(now, winner["data"]["updateRole"]);

    // A later update still based on version 1 is refused.
    let err = error(&refused(json!({ "title": "aide" })).await);
    assert_eq!(err["extensions"]["code"], "CONFLICT", "{err}");
    assert!(message(&err).contains("it is at version 2 now"), "{err}");

    let at = |input: Value| update_role(&server, Some(EDITOR), id, 2, input);
    let err = error(&at(json!({ "title": " ", "since": "2025-13", "until": "soon", "evidence": { "source": source, "start": 5, "end": 2, "excerpt": "x", "confidence": 2 } })).await);
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT", "{err}");
    assert_eq!(
        paths(&err),
        [
            "input.title",
            "input.since",
            "input.until",
            "input.evidence.end",
            "input.evidence.confidence"
        ]
    );
    assert!(
        message(&err).starts_with("input.title: title must not be empty (and 4 more problems"),
        "{err}"
    );

    // Checked against the source's text, as the import checks it.
    let (start, end) = span("Kremlin spokesman Dmitry Peskov");
    let err = error(&at(json!({ "evidence": { "source": source, "start": start, "end": end, "excerpt": "Kremlin spokesman Dmitri Peskov" } })).await);
    assert_eq!(paths(&err), ["input.evidence.excerpt"], "{err}");
    assert!(
        message(&err).contains("which reads \"Kremlin spokesman Dmitry Peskov\""),
        "{err}"
    );
    let err = error(
        &at(json!({ "evidence": { "source": source, "start": 1, "end": 900000, "excerpt": "x" } })).await,
    );
    assert_eq!(paths(&err), ["input.evidence.end"], "{err}");
    assert!(message(&err).contains("lies past the end of source"), "{err}");

    // Ends before it starts, against the stored start.
    let body = at(json!({ "since": "2020-06-01" })).await;
    assert!(body.get("errors").is_none(), "{body}");
    let now = peskov_role(&server).await;
    let at = |input: Value| update_role(&server, Some(EDITOR), id, 3, input);
    let err = error(&at(json!({ "until": "2019" })).await);
    assert_eq!(paths(&err), ["input.until"], "{err}");
    assert_eq!(
        message(&err),
        "input.until: the role ends (2019) before it starts (2020-06-01)"
    );

    // Nulls that would leave the role without what it must have; an empty patch.
    let err = error(&at(json!({ "title": null, "organisation": null, "evidence": null })).await);
    assert_eq!(
        paths(&err),
        ["input.title", "input.organisation", "input.evidence"],
        "{err}"
    );
    assert!(message(&err).contains("a role always has a title"), "{err}");
    let err = error(&at(json!({})).await);
    assert_eq!(paths(&err), ["input"], "{err}");

    // IDs: of the wrong kind, malformed, unknown.
    let peskov = id_of(&server, "people", "Dmitry Peskov").await;
    let err = error(&at(json!({ "organisation": peskov, "evidence": { "source": "nope", "start": 0, "end": 1, "excerpt": "D" } })).await);
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(
        paths(&err),
        ["input.organisation", "input.evidence.source"],
        "{err}"
    );
    assert_eq!(
        err["extensions"]["problems"][0]["message"],
        "takes the ID of an Organisation, not of a Person"
    );
    let err = error(&at(json!({ "organisation": base64_id("Organisation:999999") })).await);
    assert_eq!(err["extensions"]["code"], "NOT_FOUND", "{err}");
    assert_eq!(
        message(&err),
        format!(
            "input.organisation: no organisation has the ID \"{}\"",
            base64_id("Organisation:999999")
        )
    );
    let err = error(
        &at(json!({ "evidence": evidence(&json!(base64_id("Source:999999")), "Kremlin spokesman") })).await,
    );
    assert_eq!(err["extensions"]["code"], "NOT_FOUND", "{err}");
    assert_eq!(
        message(&err),
        format!(
            "input.evidence.source: no source has the ID \"{}\"",
            base64_id("Source:999999")
        )
    );
    let err = error(
        &update_role(
            &server,
            Some(EDITOR),
            &json!(base64_id("Role:999999")),
            1,
            json!({ "title": "x" }),
        )
        .await,
    );
    assert_eq!(err["extensions"]["code"], "NOT_FOUND");
    assert_eq!(message(&err), "no role has the ID given in `id`");
    let err = error(&update_role(&server, Some(EDITOR), &peskov, 1, json!({ "title": "x" })).await);
    assert_eq!(message(&err), "`id` takes the ID of a Role, not of a Person");

    // A title the person already holds in the organisation.
    let kremlin = now["organisation"]["name"].clone();
    assert_eq!(kremlin, "Kremlin");
    let excerpt = "Kremlin spokesman Dmitry Peskov";
    let (start, end) = span(excerpt);
    import(
        &server,
        json!({
            "format": "newsgraph/1",
            "roles": [{
                "key": "r", "person": "Q7747", "organisation": "kremlin", "title": "spokesman",
                "evidence": { "source": SOURCE_KEY, "start": start, "end": end, "excerpt": excerpt }
            }],
            "organisations": [{ "key": "kremlin", "name": "Kremlin", "kind": "government" }]
        }),
    )
    .await;
    let putin_role = server
        .query(
            r#"{ people(filter: { name: "Putin" }) { nodes { roles { nodes { id title } } } } }"#,
            json!({}),
        )
        .await["people"]["nodes"][0]["roles"]["nodes"]
        .clone();
    let spokesman = putin_role
        .as_array()
        .expect("roles")
        .iter()
        .find(|r| r["title"] == "spokesman")
        .expect("the imported role")["id"]
        .clone();
    let err = error(
        &update_role(
            &server,
            Some(EDITOR),
            &spokesman,
            1,
            json!({ "title": "President" }),
        )
        .await,
    );
    assert_eq!(err["extensions"]["code"], "CONFLICT", "{err}");
    assert!(
        message(&err).starts_with("the person already holds the role \"President\" in that organisation"),
        "{err}"
    );

    let err = error(&update_role(&server, None, id, 3, json!({ "title": "aide" })).await);
    assert_eq!(err["extensions"]["code"], "UNAUTHENTICATED");
    assert_eq!(peskov_role(&server).await, now, "nothing was written");
}

// ----- relations --------------------------------------------------------------

const RELATION: &str =
    "id kind person { name } relatedPerson { name } evidence { start end excerpt } version";

async fn kushner_relation(server: &Server) -> Value {
    let query = format!(
        r#"{{ people(filter: {{ name: "Kushner" }}) {{ nodes {{ relations {{ nodes {{ {RELATION} }} }} }} }} }}"#
    );
    server.query(&query, json!({})).await["people"]["nodes"][0]["relations"]["nodes"][0].clone()
}

async fn update_relation(
    server: &Server,
    token: Option<&str>,
    id: &Value,
    version: i64,
    input: Value,
) -> Value {
    update(
        server,
        token,
        "updateRelation",
        "RelationPatch",
        RELATION,
        json!({ "id": id, "version": version, "input": input }),
    )
    .await
}

async fn relation_count(server: &Server, name: &str) -> Value {
    let query =
        format!(r#"{{ people(filter: {{ name: "{name}" }}) {{ nodes {{ relations {{ totalCount }} }} }} }}"#);
    server.query(&query, json!({})).await["people"]["nodes"][0]["relations"]["totalCount"].clone()
}

pub async fn update_relation_corrects_kind_related_person_and_evidence(db: TestDb) {
    let server = seeded(&db).await;
    let before = kushner_relation(&server).await;
    assert_eq!(before["kind"], "son-in-law");
    assert_eq!(before["relatedPerson"]["name"], "Donald Trump");
    let source = source_id(&server).await;
    let witkoff = id_of(&server, "people", "Steve Witkoff").await;
    let excerpt = "A U.S. delegation that included Steve Witkoff, the President’s peace envoy, and his son-in-law Jared Kushner";
    let (start, end) = span(excerpt);
    let input = json!({ "kind": "fellow delegate", "relatedPerson": witkoff, "evidence": evidence(&source, excerpt) });
    let body = update_relation(&server, Some(EDITOR), &before["id"], 1, input).await;
    assert!(body.get("errors").is_none(), "{body}");
    let expected = json!({
        "id": before["id"],
        "kind": "fellow delegate",
        "person": { "name": "Jared Kushner" },
        "relatedPerson": { "name": "Steve Witkoff" },
        "evidence": { "start": start, "end": end, "excerpt": excerpt },
        "version": 2
    });
    assert_eq!(body["data"]["updateRelation"], expected);
    assert_eq!(
        node(
            &server,
            &before["id"],
            &format!("... on Relation {{ {RELATION} }}")
        )
        .await,
        expected
    );
    // It shows on its new person, and no longer on the old one.
    assert_eq!(relation_count(&server, "Witkoff").await, 1);
    assert_eq!(relation_count(&server, "Donald Trump").await, 0);
    let lines = audit(&db).await;
    assert!(
        lines[0].contains("\teditor\tupdateRelation\t")
            && lines[0].ends_with("to version 2: kind, relatedPerson, evidence"),
        "{lines:?}"
    );
}

pub async fn update_relation_refuses_stale_unknown_or_bad_input(db: TestDb) {
    let server = seeded(&db).await;
    let before = kushner_relation(&server).await;
    let id = &before["id"];
    let at = |input: Value| update_relation(&server, Some(EDITOR), id, 1, input);

    let err = error(&update_relation(&server, Some(EDITOR), id, 2, json!({ "kind": "adviser" })).await);
    assert_eq!(err["extensions"]["code"], "CONFLICT", "{err}");
    assert!(
        message(&err).contains("has no version 2 yet: it is at version 1;"),
        "{err}"
    );

    let kremlin = id_of(&server, "organisations", "Kremlin").await;
    let err = error(&at(json!({ "kind": "", "relatedPerson": kremlin, "evidence": { "source": id, "start": -1, "end": 3, "excerpt": "x" } })).await);
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT", "{err}");
    assert_eq!(
        paths(&err),
        [
            "input.kind",
            "input.relatedPerson",
            "input.evidence.source",
            "input.evidence.start"
        ]
    );

    let kushner = id_of(&server, "people", "Jared Kushner").await;
    let err = error(&at(json!({ "relatedPerson": kushner })).await);
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT", "{err}");
    assert_eq!(paths(&err), ["input.relatedPerson"]);
    assert_eq!(
        message(&err),
        "input.relatedPerson: a person cannot be related to themselves"
    );
    let err = error(&at(json!({ "relatedPerson": base64_id("Person:999999") })).await);
    assert_eq!(err["extensions"]["code"], "NOT_FOUND", "{err}");
    assert_eq!(
        message(&err),
        format!(
            "input.relatedPerson: no person has the ID \"{}\"",
            base64_id("Person:999999")
        )
    );
    let err = error(&at(json!({ "kind": null })).await);
    assert_eq!(paths(&err), ["input.kind"], "{err}");
    let err = error(
        &update_relation(
            &server,
            Some(EDITOR),
            &json!(base64_id("Relation:999999")),
            1,
            json!({ "kind": "x" }),
        )
        .await,
    );
    assert_eq!(err["extensions"]["code"], "NOT_FOUND", "{err}");

    let err = error(&update_relation(&server, None, id, 1, json!({ "kind": "adviser" })).await);
    assert_eq!(err["extensions"]["code"], "UNAUTHENTICATED");
    assert_eq!(kushner_relation(&server).await, before, "nothing was written");
    assert_eq!(relation_count(&server, "Donald Trump").await, 1);
}

// ----- issues -----------------------------------------------------------------

const ISSUE: &str = "id name aliases description wikidataId parent { name } version";

async fn issue(server: &Server, name: &str) -> Value {
    let query = format!(
        "query($name: String!) {{ issues(filter: {{ name: $name }}, first: 1) {{ nodes {{ {ISSUE} }} }} }}"
    );
    server.query(&query, json!({ "name": name })).await["issues"]["nodes"][0].clone()
}

async fn update_issue(server: &Server, token: Option<&str>, id: &Value, version: i64, input: Value) -> Value {
    update(
        server,
        token,
        "updateIssue",
        "IssuePatch",
        ISSUE,
        json!({ "id": id, "version": version, "input": input }),
    )
    .await
}

pub async fn update_issue_renames_reparents_and_keeps_the_old_name_as_alias(db: TestDb) {
    let server = seeded(&db).await;
    let before = issue(&server, "Ukraine's NATO membership").await;
    assert_eq!(before["parent"]["name"], "Security guarantees for Ukraine");
    let security = issue(&server, "European security").await;
    let input = json!({
        "name": "Ukraine's accession to NATO",
        "description": "Whether Ukraine joins the North Atlantic alliance.",
        "wikidataId": "Q123456",
        "addAliases": ["NATO bid"],
        "removeAliases": ["Ukraine NATO accession"],
        "parent": security["id"]
    });
    let body = update_issue(&server, Some(EDITOR), &before["id"], 1, input).await;
    assert!(body.get("errors").is_none(), "{body}");
    let after = body["data"]["updateIssue"].clone();
    assert_eq!(after["name"], "Ukraine's accession to NATO");
    assert_eq!(after["wikidataId"], "Q123456");
    assert_eq!(after["parent"], json!({ "name": "European security" }));
    assert_eq!(after["version"], 2);
    let mut aliases: Vec<String> = serde_json::from_value(after["aliases"].clone()).expect("aliases");
    aliases.sort();
    assert_eq!(
        aliases,
        [
            "NATO bid",
            "NATO membership for Ukraine",
            "Ukraine joining NATO",
            "Ukraine's NATO membership"
        ],
        "the old name stays as an alias; the removed one is gone"
    );
    // Readers find it by its old name and under its new parent.
    assert_eq!(issue(&server, "Ukraine's NATO membership").await, after);
    let within = server
        .query(
            "query($id: ID!) { issues(filter: { within: $id }) { nodes { name } } }",
            json!({ "id": security["id"] }),
        )
        .await;
    assert!(
        within["issues"]["nodes"]
            .as_array()
            .expect("issues")
            .contains(&json!({ "name": "Ukraine's accession to NATO" })),
        "{within}"
    );

    // Null makes it a top-level issue and clears the description.
    let body = update_issue(
        &server,
        Some(EDITOR),
        &before["id"],
        2,
        json!({ "parent": null, "description": null }),
    )
    .await;
    let after = &body["data"]["updateIssue"];
    assert_eq!(after["parent"], Value::Null, "{body}");
    assert_eq!(after["description"], Value::Null);
    assert_eq!(after["version"], 3);
    let lines = audit(&db).await;
    assert!(
        lines[0].ends_with("to version 3: description, parent"),
        "{lines:?}"
    );
    assert!(
        lines[1].contains("\teditor\tupdateIssue\t")
            && lines[1].ends_with("to version 2: name, description, wikidataId, parent, aliases"),
        "{lines:?}"
    );
}

pub async fn update_issue_refuses_cycles_taken_qids_and_bad_input(db: TestDb) {
    let server = seeded(&db).await;
    let nato = issue(&server, "Ukraine's NATO membership").await;
    let war = issue(&server, "Russia–Ukraine war").await;
    let security = issue(&server, "European security").await;

    // The issue itself, or one of its sub-issues, cannot be its parent.
    let err = error(
        &update_issue(
            &server,
            Some(EDITOR),
            &nato["id"],
            1,
            json!({ "parent": nato["id"] }),
        )
        .await,
    );
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT", "{err}");
    assert_eq!(message(&err), "input.parent: an issue cannot be its own parent");
    let err = error(
        &update_issue(
            &server,
            Some(EDITOR),
            &war["id"],
            1,
            json!({ "parent": nato["id"] }),
        )
        .await,
    );
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT", "{err}");
    assert_eq!(paths(&err), ["input.parent"]);
    assert_eq!(
        message(&err),
        "input.parent: \"Ukraine's NATO membership\" is one of this issue's sub-issues; an issue cannot lie under itself"
    );

    // A QID another issue has.
    let body = update_issue(
        &server,
        Some(EDITOR),
        &security["id"],
        1,
        json!({ "wikidataId": "Q2732" }),
    )
    .await;
    assert!(body.get("errors").is_none(), "{body}");
    let err = error(
        &update_issue(
            &server,
            Some(EDITOR),
            &nato["id"],
            1,
            json!({ "wikidataId": "Q2732" }),
        )
        .await,
    );
    assert_eq!(err["extensions"]["code"], "CONFLICT", "{err}");
    assert_eq!(
        message(&err),
        "input.wikidataId: Q2732 is already the QID of the issue \"European security\""
    );

    let peskov = id_of(&server, "people", "Dmitry Peskov").await;
    let err = error(
        &update_issue(
            &server,
            Some(EDITOR),
            &nato["id"],
            1,
            json!({ "name": "--", "wikidataId": "nato", "addAliases": ["ok", " "], "parent": peskov }),
        )
        .await,
    );
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT", "{err}");
    assert_eq!(
        paths(&err),
        [
            "input.name",
            "input.wikidataId",
            "input.addAliases[1]",
            "input.parent"
        ]
    );
    let err = error(&update_issue(&server, Some(EDITOR), &nato["id"], 1, json!({})).await);
    assert_eq!(paths(&err), ["input"], "{err}");

    let err = error(
        &update_issue(
            &server,
            Some(EDITOR),
            &nato["id"],
            1,
            json!({ "parent": base64_id("Issue:999999") }),
        )
        .await,
    );
    assert_eq!(err["extensions"]["code"], "NOT_FOUND", "{err}");
    assert_eq!(
        message(&err),
        format!(
            "input.parent: no issue has the ID \"{}\"",
            base64_id("Issue:999999")
        )
    );
    let err = error(
        &update_issue(
            &server,
            Some(EDITOR),
            &json!(base64_id("Issue:999999")),
            1,
            json!({ "name": "x" }),
        )
        .await,
    );
    assert_eq!(err["extensions"]["code"], "NOT_FOUND", "{err}");
    let err = error(&update_issue(&server, Some(EDITOR), &nato["id"], 3, json!({ "name": "x" })).await);
    assert_eq!(err["extensions"]["code"], "CONFLICT", "{err}");
    let err = error(&update_issue(&server, None, &nato["id"], 1, json!({ "name": "x" })).await);
    assert_eq!(err["extensions"]["code"], "UNAUTHENTICATED");

    assert_eq!(
        issue(&server, "Ukraine's NATO membership").await,
        nato,
        "nothing was written"
    );
    assert_eq!(issue(&server, "Russia–Ukraine war").await, war);
}

// ----- sources ----------------------------------------------------------------

const SOURCE: &str = "id key url title publisher publishedOn language text version";

async fn update_source(
    server: &Server,
    token: Option<&str>,
    id: &Value,
    version: i64,
    input: Value,
) -> Value {
    update(
        server,
        token,
        "updateSource",
        "SourcePatch",
        SOURCE,
        json!({ "id": id, "version": version, "input": input }),
    )
    .await
}

async fn read_source(server: &Server, id: &Value) -> Value {
    node(server, id, &format!("... on Source {{ {SOURCE} }}")).await
}

pub async fn update_source_corrects_details_and_keeps_a_cited_text(db: TestDb) {
    let server = seeded(&db).await;
    let id = source_id(&server).await;
    let before = read_source(&server, &id).await;
    let input = json!({
        "url": "https://example.com/news/ukraine-peace-talks",
        "title": "Trump doubts Russia as peace talks stall",
        "publisher": "The Example",
        "publishedOn": "2025-12-04",
        "language": "en-GB"
    });
    let body = update_source(&server, Some(EDITOR), &id, 1, input).await;
    assert!(body.get("errors").is_none(), "{body}");
    let mut expected = before.clone();
    expected["url"] = json!("https://example.com/news/ukraine-peace-talks");
    expected["title"] = json!("Trump doubts Russia as peace talks stall");
    expected["publisher"] = json!("The Example");
    expected["publishedOn"] = json!("2025-12-04");
    expected["language"] = json!("en-GB");
    expected["version"] = json!(2);
    assert_eq!(body["data"]["updateSource"], expected);
    assert_eq!(read_source(&server, &id).await, expected);

    // Every fact of the seed cites the article: its text stays.
    let err = error(&update_source(&server, Some(EDITOR), &id, 2, json!({ "text": "Another text." })).await);
    assert_eq!(err["extensions"]["code"], "CONFLICT", "{err}");
    assert_eq!(
        message(&err),
        "input.text: 54 evidence spans of facts point into this source's text by offset, so the text cannot change; retract those facts first, or add the corrected article as a new source"
    );
    assert_eq!(read_source(&server, &id).await, expected);

    // A source nothing cites yet takes a corrected text; null clears.
    import(
        &server,
        json!({ "format": "newsgraph/1", "sources": [{ "key": "draft", "title": "Draft", "text": "Teh text.", "publishedOn": "2025-12-05" }] }),
    )
    .await;
    let draft = server
        .query(
            r#"{ sources(filter: { publishedFrom: "2025-12-05" }) { nodes { id } } }"#,
            json!({}),
        )
        .await["sources"]["nodes"][0]["id"]
        .clone();
    let body = update_source(
        &server,
        Some(EDITOR),
        &draft,
        1,
        json!({ "text": "The text.", "publishedOn": null }),
    )
    .await;
    let after = &body["data"]["updateSource"];
    assert_eq!(after["text"], "The text.", "{body}");
    assert_eq!(after["publishedOn"], Value::Null);
    assert_eq!(after["key"], "draft", "the key stays");
    let lines = audit(&db).await;
    assert!(
        lines[0].contains("\teditor\tupdateSource\t")
            && lines[0].ends_with("to version 2: publishedOn, text"),
        "{lines:?}"
    );
}

pub async fn update_source_refuses_taken_urls_stale_or_bad_input(db: TestDb) {
    let server = seeded(&db).await;
    let id = source_id(&server).await;
    let before = read_source(&server, &id).await;
    let at = |input: Value| update_source(&server, Some(EDITOR), &id, 1, input);

    let err = error(&at(json!({ "title": null, "publisher": " ", "language": "english-as-spoken-in-ireland", "text": "" })).await);
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT", "{err}");
    assert_eq!(
        paths(&err),
        ["input.title", "input.publisher", "input.language", "input.text"]
    );
    let err = error(&at(json!({ "title": "" })).await);
    assert_eq!(message(&err), "input.title: title must not be empty");
    // Not a date: refused by the Date scalar before the resolver runs.
    let body = at(json!({ "publishedOn": "2025-12-32" })).await;
    assert!(body["errors"].is_array(), "{body}");

    import(
        &server,
        json!({ "format": "newsgraph/1", "sources": [{ "key": "other", "title": "Other", "text": "Other.", "url": "https://example.com/other" }] }),
    )
    .await;
    let err = error(&at(json!({ "url": "https://example.com/other" })).await);
    assert_eq!(err["extensions"]["code"], "CONFLICT", "{err}");
    assert_eq!(
        message(&err),
        "input.url: https://example.com/other is already the URL of the source \"other\""
    );

    let err = error(&update_source(&server, Some(EDITOR), &id, 2, json!({ "title": "x" })).await);
    assert_eq!(err["extensions"]["code"], "CONFLICT", "{err}");
    let err = error(
        &update_source(
            &server,
            Some(EDITOR),
            &json!(base64_id("Source:999999")),
            1,
            json!({ "title": "x" }),
        )
        .await,
    );
    assert_eq!(err["extensions"]["code"], "NOT_FOUND", "{err}");
    assert_eq!(message(&err), "no source has the ID given in `id`");
    let err = error(&update_source(&server, None, &id, 1, json!({ "title": "x" })).await);
    assert_eq!(err["extensions"]["code"], "UNAUTHENTICATED");
    assert_eq!(read_source(&server, &id).await, before, "nothing was written");
}

// ----- organisations and places ---------------------------------------------

const ENTITY: &str = "id ... on Entity { name version } \
     ... on Organisation { kind country { name } } \
     ... on Place { kind parent { name } latitude longitude }";

async fn update_entity(
    server: &Server,
    token: Option<&str>,
    id: &Value,
    version: i64,
    input: Value,
) -> Value {
    update(
        server,
        token,
        "updateEntity",
        "EntityPatch",
        ENTITY,
        json!({ "id": id, "version": version, "input": input }),
    )
    .await
}

pub async fn update_entity_corrects_organisation_and_place_details(db: TestDb) {
    let server = seeded(&db).await;
    let nato = id_of(&server, "organisations", "NATO").await;
    let belgium = id_of(&server, "places", "Belgium").await;
    let body = update_entity(
        &server,
        Some(EDITOR),
        &nato,
        1,
        json!({ "organisationKind": "INTERNATIONAL_ORGANISATION", "country": belgium }),
    )
    .await;
    let expected = json!({ "id": nato, "name": "NATO", "version": 2, "kind": "INTERNATIONAL_ORGANISATION", "country": { "name": "Belgium" } });
    assert_eq!(body["data"]["updateEntity"], expected, "{body}");
    assert_eq!(node(&server, &nato, ENTITY).await, expected);
    let body = update_entity(&server, Some(EDITOR), &nato, 2, json!({ "country": null })).await;
    assert_eq!(body["data"]["updateEntity"]["country"], Value::Null, "{body}");

    // Dnipro moves from its oblast straight under Ukraine, with new coordinates.
    let dnipro = id_of(&server, "places", "Dnipro").await;
    let ukraine = id_of(&server, "places", "Ukraine").await;
    let body = update_entity(
        &server,
        Some(EDITOR),
        &dnipro,
        1,
        json!({ "placeKind": "DISTRICT", "parent": ukraine, "latitude": 48.45, "longitude": 35.05 }),
    )
    .await;
    let expected = json!({ "id": dnipro, "name": "Dnipro", "version": 2, "kind": "DISTRICT", "parent": { "name": "Ukraine" }, "latitude": 48.45, "longitude": 35.05 });
    assert_eq!(body["data"]["updateEntity"], expected, "{body}");
    assert_eq!(node(&server, &dnipro, ENTITY).await, expected);
    let children = node(&server, &ukraine, "... on Place { children { nodes { name } } }").await;
    assert!(
        children["children"]["nodes"]
            .as_array()
            .expect("children")
            .contains(&json!({ "name": "Dnipro" })),
        "{children}"
    );
    // Both coordinates go together.
    let body = update_entity(
        &server,
        Some(EDITOR),
        &dnipro,
        2,
        json!({ "latitude": null, "longitude": null, "parent": null }),
    )
    .await;
    let after = &body["data"]["updateEntity"];
    assert_eq!(
        (&after["latitude"], &after["longitude"], &after["parent"]),
        (&Value::Null, &Value::Null, &Value::Null),
        "{body}"
    );
    let lines = audit(&db).await;
    assert!(
        lines[0].ends_with("to version 3: parent, latitude, longitude"),
        "{lines:?}"
    );
    assert!(
        lines[1].ends_with("to version 2: placeKind, parent, latitude, longitude"),
        "{lines:?}"
    );
}

pub async fn update_entity_refuses_foreign_details_and_cycles(db: TestDb) {
    let server = seeded(&db).await;
    let peskov = id_of(&server, "people", "Dmitry Peskov").await;
    let nato = id_of(&server, "organisations", "NATO").await;
    let ukraine = id_of(&server, "places", "Ukraine").await;
    let dnipro = id_of(&server, "places", "Dnipro").await;
    let oblast = id_of(&server, "places", "Dnipropetrovsk Oblast").await;
    let read = || async {
        let mut all = Vec::new();
        for id in [&peskov, &nato, &ukraine, &dnipro, &oblast] {
            all.push(node(&server, id, ENTITY).await);
        }
        all
    };
    let before = read().await;
    let refused = |id: Value, input: Value| {
        let server = &server;
        async move { error(&update_entity(server, Some(EDITOR), &id, 1, input).await) }
    };

    let err = refused(peskov.clone(), json!({ "parent": ukraine })).await;
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT", "{err}");
    assert_eq!(paths(&err), ["input.parent"]);
    assert_eq!(
        message(&err),
        "input.parent: only a place has a parent; this is a Person"
    );
    let err = refused(
        peskov.clone(),
        json!({ "organisationKind": "NGO", "country": ukraine, "placeKind": "CITY", "latitude": 1.0, "longitude": 2.0 }),
    )
    .await;
    assert_eq!(
        paths(&err),
        [
            "input.organisationKind",
            "input.country",
            "input.placeKind",
            "input.latitude",
            "input.longitude"
        ],
        "{err}"
    );
    let err = refused(ukraine.clone(), json!({ "country": ukraine })).await;
    assert_eq!(
        message(&err),
        "input.country: only an organisation has a country; this is a Place"
    );
    let err = refused(nato.clone(), json!({ "placeKind": "CITY" })).await;
    assert_eq!(
        message(&err),
        "input.placeKind: only a place has a placeKind; this is an Organisation"
    );

    // No place lies in itself or in a place within it.
    let err = refused(ukraine.clone(), json!({ "parent": ukraine })).await;
    assert_eq!(message(&err), "input.parent: a place cannot lie in itself");
    let err = refused(ukraine.clone(), json!({ "parent": dnipro })).await;
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT", "{err}");
    assert_eq!(
        message(&err),
        "input.parent: \"Dnipro\" lies within this place; a place cannot lie within itself"
    );

    // Coordinates in range, and both or neither.
    let err = refused(dnipro.clone(), json!({ "latitude": 91.0, "longitude": -181.0 })).await;
    assert_eq!(paths(&err), ["input.latitude", "input.longitude"], "{err}");
    assert_eq!(
        err["extensions"]["problems"][0]["message"],
        "91 is not between -90 and 90"
    );
    let err = refused(oblast.clone(), json!({ "latitude": 48.5 })).await;
    assert_eq!(
        message(&err),
        "input.latitude: give both latitude and longitude, or neither"
    );
    let err = refused(dnipro.clone(), json!({ "longitude": null })).await;
    assert_eq!(paths(&err), ["input.longitude"], "{err}");

    // IDs: the wrong kind, an unknown one, nulls for what must be there.
    let err = refused(
        nato.clone(),
        json!({ "country": peskov, "organisationKind": null }),
    )
    .await;
    assert_eq!(paths(&err), ["input.organisationKind", "input.country"], "{err}");
    let err = refused(dnipro.clone(), json!({ "parent": base64_id("Place:999999") })).await;
    assert_eq!(err["extensions"]["code"], "NOT_FOUND", "{err}");
    assert_eq!(
        message(&err),
        format!(
            "input.parent: no place has the ID \"{}\"",
            base64_id("Place:999999")
        )
    );
    // A Place ID whose key is a person's names nothing.
    let key = String::from_utf8(
        base64::Engine::decode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            peskov.as_str().expect("an ID"),
        )
        .expect("base64"),
    )
    .expect("text");
    let as_place = base64_id(&key.replace("Person:", "Place:"));
    let err = refused(json!(as_place), json!({ "latitude": 1.0, "longitude": 1.0 })).await;
    assert_eq!(err["extensions"]["code"], "NOT_FOUND", "{err}");

    let err = error(&update_entity(&server, Some(EDITOR), &dnipro, 2, json!({ "placeKind": "SITE" })).await);
    assert_eq!(err["extensions"]["code"], "CONFLICT", "{err}");
    let err = error(&update_entity(&server, None, &dnipro, 1, json!({ "placeKind": "SITE" })).await);
    assert_eq!(err["extensions"]["code"], "UNAUTHENTICATED");
    assert_eq!(read().await, before, "nothing was written");
}
