//! `updateStatement`, `updateFinancialMeasure` and `updateEvent` on the
//! seed graph: corrections readers see at once, and refused writes (stale
//! versions, unknown IDs, bad fields, no token) that change nothing.

use serde_json::{Value, json};

use crate::fixtures::span;
use crate::harness::TestDb;
use crate::server::{Server, newsgraph, run};
use crate::writes::{EDITOR, base64_id, post, seeded};

const STATEMENT: &str = "id version kind text speaker { id name } speakerRole { id title } \
    saidOn { text precision } place { id } audience audienceEntity { id } \
    about { stance issue { id } } mentions { id } \
    evidence { source { id } start end excerpt confidence curated }";

const MEASURE: &str = "id version kind label amount currency amountQualifier status term \
    share { numerator denominator of } provider { id } recipient { id } \
    securedAgainst { entity { id } issue { id } qualifier } issues { id } announcedOn { text } \
    evidence { start end excerpt confidence curated }";

const EVENT: &str = "id version kind label startedOn { text } endedOn { text } places { id } \
    participants { entity { id } role } \
    quantities { measure value qualifier evidence { start end excerpt } } \
    evidence { start end excerpt confidence curated }";

/// The text of the statement the statement cases correct.
const QUOTE: &str = "I don’t know what the Kremlin is doing.";

fn update_statement() -> String {
    format!(
        "mutation($id: ID!, $version: Int!, $input: StatementPatch!) {{ updateStatement(id: $id, version: $version, input: $input) {{ {STATEMENT} }} }}"
    )
}

fn update_measure() -> String {
    format!(
        "mutation($id: ID!, $version: Int!, $input: FinancialMeasurePatch!) {{ updateFinancialMeasure(id: $id, version: $version, input: $input) {{ {MEASURE} }} }}"
    )
}

fn update_event() -> String {
    format!(
        "mutation($id: ID!, $version: Int!, $input: EventPatch!) {{ updateEvent(id: $id, version: $version, input: $input) {{ {EVENT} }} }}"
    )
}

/// A node of a type as a reader sees it now.
async fn read(server: &Server, kind: &str, id: &Value, fields: &str) -> Value {
    let query = format!("query($id: ID!) {{ node(id: $id) {{ ... on {kind} {{ {fields} }} }} }}");
    server.query(&query, json!({ "id": id })).await["node"].clone()
}

/// The ID of the node of a list whose name is exactly `name`.
async fn id_of(server: &Server, list: &str, name: &str) -> Value {
    let query = format!(
        "query($name: String!) {{ {list}(filter: {{ name: $name }}, first: 100) {{ nodes {{ id name }} }} }}"
    );
    let data = server.query(&query, json!({ "name": name })).await;
    data[list]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n["name"] == name)
        .unwrap_or_else(|| panic!("no {list} named {name}: {data}"))["id"]
        .clone()
}

/// The role a person holds, by title.
async fn role_of(server: &Server, person: &str, title: &str) -> Value {
    let id = id_of(server, "people", person).await;
    let data = server
        .query(
            "query($id: ID!) { node(id: $id) { ... on Person { roles { nodes { id title } } } } }",
            json!({ "id": id }),
        )
        .await;
    data["node"]["roles"]["nodes"]
        .as_array()
        .expect("roles")
        .iter()
        .find(|r| r["title"] == title)
        .unwrap_or_else(|| panic!("{person} is not {title}: {data}"))["id"]
        .clone()
}

async fn source(server: &Server) -> Value {
    server.query("{ sources { nodes { id } } }", json!({})).await["sources"]["nodes"][0]["id"].clone()
}

async fn quote(server: &Server) -> Value {
    let data = server
        .query(
            &format!("query($text: String!) {{ statements(filter: {{ text: $text }}) {{ nodes {{ {STATEMENT} }} }} }}"),
            json!({ "text": QUOTE }),
        )
        .await;
    let nodes = data["statements"]["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), 1, "{data}");
    nodes[0].clone()
}

async fn loan(server: &Server) -> Value {
    let query = format!("{{ financialMeasures {{ nodes {{ {MEASURE} }} }} }}");
    server.query(&query, json!({})).await["financialMeasures"]["nodes"][0].clone()
}

async fn barrage(server: &Server) -> Value {
    let query = format!("{{ events(filter: {{ kind: ATTACK }}) {{ nodes {{ {EVENT} }} }} }}");
    server.query(&query, json!({})).await["events"]["nodes"][0].clone()
}

/// Evidence for an excerpt of the seed article.
fn evidence(source: &Value, excerpt: &str) -> Value {
    let (start, end) = span(excerpt);
    json!({ "source": source, "start": start, "end": end, "excerpt": excerpt })
}

/// Sends an update with the editor's token; returns the body.
async fn send(server: &Server, mutation: &str, id: &Value, version: i64, input: Value) -> Value {
    let (status, body) = post(
        server,
        Some(EDITOR),
        mutation,
        json!({ "id": id, "version": version, "input": input }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

/// The first error of a refused update, with its code.
async fn refused(
    server: &Server,
    mutation: &str,
    id: &Value,
    version: i64,
    input: Value,
    code: &str,
) -> Value {
    let body = send(server, mutation, id, version, input).await;
    let error = body["errors"][0].clone();
    assert_eq!(error["extensions"]["code"], code, "{body}");
    assert_eq!(body["data"], Value::Null, "{body}");
    error
}

/// The paths of a `BAD_USER_INPUT` error's problems.
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

/// A list of nodes as a set of their IDs.
fn ids(list: &Value) -> Vec<String> {
    let mut ids: Vec<String> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|n| n["id"].as_str().expect("an id").to_owned())
        .collect();
    ids.sort();
    ids
}

fn sorted(ids: &[&Value]) -> Vec<String> {
    let mut ids: Vec<String> = ids
        .iter()
        .map(|v| v.as_str().expect("an id").to_owned())
        .collect();
    ids.sort();
    ids
}

/// The write log's lines for the editor, newest first.
async fn audit(db: &TestDb) -> Vec<String> {
    let mut cmd = newsgraph();
    cmd.envs(db.env()).args(["audit", "--actor", "editor"]);
    let out = run(cmd).await;
    assert!(out.success, "{}", out.stderr);
    out.stdout.lines().map(str::to_owned).collect()
}

/// Without a token an update is refused, and the node is as it was.
async fn needs_a_token(server: &Server, mutation: &str, id: &Value, input: Value) {
    let (status, body) = post(
        server,
        None,
        mutation,
        json!({ "id": id, "version": 1, "input": input }),
    )
    .await;
    assert_eq!(
        (status, body["errors"][0]["extensions"]["code"].clone()),
        (200, json!("UNAUTHENTICATED")),
        "{body}"
    );
}

// ----- updateStatement -----------------------------------------------------

pub async fn update_statement_corrects_every_field_and_readers_see_it(db: TestDb) {
    let server = seeded(&db).await;
    let before = quote(&server).await;
    assert_eq!(before["version"], 1);
    let id = before["id"].clone();
    let source = source(&server).await;
    let moscow = id_of(&server, "places", "Moscow").await;
    let usg = id_of(&server, "organisations", "United States government").await;
    let talks = id_of(&server, "issues", "Ukraine peace negotiations").await;
    let proposals = id_of(&server, "issues", "U.S. peace proposals for Ukraine").await;
    let putin = id_of(&server, "people", "Vladimir Putin").await;
    let kremlin = id_of(&server, "organisations", "Kremlin").await;
    let text = "Trump admitted he had no inkling of the Kremlin’s plans.";

    let mut span_of_quote = evidence(&source, QUOTE);
    span_of_quote["confidence"] = json!(0.7);
    span_of_quote["curated"] = json!(false);
    let input = json!({
        "kind": "PARAPHRASE",
        "text": text,
        "saidOn": "2025-12-02",
        "place": moscow,
        "audience": null,
        "audienceEntity": usg,
        "about": [
            { "issue": talks, "stance": "OPPOSES" },
            { "issue": proposals, "stance": "MIXED" }
        ],
        "mentions": [kremlin, putin, kremlin],
        "evidence": span_of_quote
    });
    let body = send(&server, &update_statement(), &id, 1, input).await;
    assert!(body.get("errors").is_none(), "{body}");
    let after = body["data"]["updateStatement"].clone();
    let (start, end) = span(QUOTE);
    assert_eq!(after["version"], 2);
    assert_eq!(after["kind"], "PARAPHRASE");
    assert_eq!(after["text"], text);
    assert_eq!(after["speaker"], before["speaker"], "left out, so kept");
    assert_eq!(after["speakerRole"], before["speakerRole"]);
    assert_eq!(
        after["saidOn"],
        json!({ "text": "2025-12-02", "precision": "DAY" })
    );
    assert_eq!(after["place"]["id"], moscow);
    assert_eq!(after["audience"], Value::Null);
    assert_eq!(after["audienceEntity"]["id"], usg);
    let mut about: Vec<(String, String)> = after["about"]
        .as_array()
        .expect("about")
        .iter()
        .map(|a| {
            (
                a["issue"]["id"].as_str().unwrap().to_owned(),
                a["stance"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    about.sort();
    let mut expected = vec![
        (talks.as_str().unwrap().to_owned(), "OPPOSES".to_owned()),
        (proposals.as_str().unwrap().to_owned(), "MIXED".to_owned()),
    ];
    expected.sort();
    assert_eq!(about, expected);
    assert_eq!(
        ids(&after["mentions"]),
        sorted(&[&kremlin, &putin]),
        "a repeat counts once"
    );
    assert_eq!(
        after["evidence"],
        json!({ "source": { "id": source }, "start": start, "end": end, "excerpt": QUOTE, "confidence": 0.7, "curated": false })
    );
    // Readers see what the mutation returned.
    assert_eq!(read(&server, "Statement", &id, STATEMENT).await, after);

    // Search follows the new text, not the old one.
    let search =
        r#"query($q: String!) { search(query: $q) { edges { node { node { ... on Statement { id } } } } } }"#;
    let hits = |data: Value| -> Vec<Value> {
        data["search"]["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .map(|e| e["node"]["node"]["id"].clone())
            .collect()
    };
    assert!(
        hits(server.query(search, json!({ "q": "no inkling" })).await).contains(&id),
        "the new words find it"
    );
    assert!(
        !hits(
            server
                .query(search, json!({ "q": "what the Kremlin is doing" }))
                .await
        )
        .contains(&id),
        "the old words no longer find it"
    );

    // A new speaker with a role of theirs; the speaker's statements follow.
    let peskov = id_of(&server, "people", "Dmitry Peskov").await;
    let spokesman = role_of(&server, "Dmitry Peskov", "spokesman").await;
    let body = send(
        &server,
        &update_statement(),
        &id,
        2,
        json!({ "speaker": peskov, "speakerRole": spokesman }),
    )
    .await;
    let after = &body["data"]["updateStatement"];
    assert_eq!(after["version"], 3, "{body}");
    assert_eq!(after["speaker"], json!({ "id": peskov, "name": "Dmitry Peskov" }));
    assert_eq!(
        after["speakerRole"],
        json!({ "id": spokesman, "title": "spokesman" })
    );
    let said = server
        .query(
            "query($id: ID!) { node(id: $id) { ... on Person { statements(first: 100) { nodes { id } } } } }",
            json!({ "id": peskov }),
        )
        .await;
    assert!(
        said["node"]["statements"]["nodes"]
            .as_array()
            .expect("statements")
            .contains(&json!({ "id": id })),
        "{said}"
    );

    // Null clears what a statement may lack; lists empty with [].
    let body = send(
        &server,
        &update_statement(),
        &id,
        3,
        json!({ "speakerRole": null, "saidOn": null, "place": null, "audienceEntity": null, "about": [], "mentions": [] }),
    )
    .await;
    let after = &body["data"]["updateStatement"];
    assert_eq!(after["version"], 4, "{body}");
    for field in ["speakerRole", "saidOn", "place", "audienceEntity"] {
        assert_eq!(after[field], Value::Null, "{field}: {body}");
    }
    assert_eq!(
        (after["about"].clone(), after["mentions"].clone()),
        (json!([]), json!([]))
    );

    let lines = audit(&db).await;
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(
        lines.iter().all(|l| l.contains("\teditor\tupdateStatement\t")),
        "{lines:?}"
    );
    assert!(
        lines[2].ends_with(
            "to version 2: kind, text, saidOn, place, audience, audienceEntity, about, mentions, evidence"
        ),
        "{lines:?}"
    );
    assert!(
        lines[1].ends_with("to version 3: speaker, speakerRole"),
        "{lines:?}"
    );
}

pub async fn update_statement_refuses_stale_unknown_and_bad_input_and_changes_nothing(db: TestDb) {
    let server = seeded(&db).await;
    let before = quote(&server).await;
    let id = before["id"].clone();
    let mutation = update_statement();
    let source = source(&server).await;
    let talks = id_of(&server, "issues", "Ukraine peace negotiations").await;

    // Stale: the client read a version that is no longer current.
    let error = refused(&server, &mutation, &id, 7, json!({ "text": "X" }), "CONFLICT").await;
    assert_eq!(
        message(&error),
        "the statement has no version 7 yet: it is at version 1; read it again and reapply the change"
    );
    // Unknown statement, and unknown nodes named in the input.
    let error = refused(
        &server,
        &mutation,
        &json!(base64_id("Statement:999999")),
        1,
        json!({ "text": "X" }),
        "NOT_FOUND",
    )
    .await;
    assert_eq!(message(&error), "no statement has the ID given in `id`");
    let ghost = base64_id("Person:999999");
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({ "speaker": ghost }),
        "NOT_FOUND",
    )
    .await;
    assert_eq!(
        message(&error),
        format!("input.speaker: no person has the ID \"{ghost}\"")
    );
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({ "mentions": [base64_id("Place:999999")] }),
        "NOT_FOUND",
    )
    .await;
    assert!(
        message(&error).starts_with("input.mentions[0]: no place has the ID"),
        "{error}"
    );
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({ "evidence": { "source": base64_id("Source:999999"), "start": 0, "end": 1, "excerpt": "A" } }),
        "NOT_FOUND",
    )
    .await;
    assert!(
        message(&error).starts_with("input.evidence.source: no source has the ID"),
        "{error}"
    );

    // Fields that are wrong on their face, all reported at once.
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({
            "text": "   ",
            "speaker": talks,
            "speakerRole": "???",
            "saidOn": "last Tuesday",
            "about": [{ "issue": talks, "stance": "SUPPORTS" }, { "issue": talks, "stance": "OPPOSES" }],
            "mentions": [source],
            "evidence": { "source": source, "start": -1, "end": -2, "excerpt": "x", "confidence": 1.5 }
        }),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(
        paths(&error),
        [
            "input.text",
            "input.speaker",
            "input.speakerRole",
            "input.saidOn",
            "input.about[1].issue",
            "input.mentions[0]",
            "input.evidence.start",
            "input.evidence.end",
            "input.evidence.confidence"
        ],
        "{error}"
    );
    assert!(
        message(&error).starts_with("input.text: text must not be empty (and 8 more problems"),
        "{error}"
    );
    let problems = &error["extensions"]["problems"];
    assert_eq!(
        problems[1]["message"],
        "takes the ID of a Person or Organisation, not of an Issue"
    );
    assert_eq!(
        problems[3]["message"],
        "\"last Tuesday\" is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY"
    );

    // What only the database shows: a span that is not the source's text,
    // a role someone else holds, a role the new speaker does not hold.
    let mut off = evidence(&source, QUOTE);
    off["excerpt"] = json!("I know what the Kremlin is doing.");
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({ "evidence": off }),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(paths(&error), ["input.evidence.excerpt"], "{error}");
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({ "evidence": { "source": source, "start": 0, "end": 1_000_000, "excerpt": "x" } }),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(paths(&error), ["input.evidence.end"], "{error}");
    assert!(message(&error).contains("lies past the end of source"), "{error}");
    let spokesman = role_of(&server, "Dmitry Peskov", "spokesman").await;
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({ "speakerRole": spokesman }),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(
        message(&error),
        "input.speakerRole: the role \"spokesman\" is held by Dmitry Peskov, not by the speaker Donald Trump"
    );
    let peskov = id_of(&server, "people", "Dmitry Peskov").await;
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({ "speaker": peskov }),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(paths(&error), ["input.speakerRole"], "{error}");
    assert!(
        message(&error).contains("held by Donald Trump, not by the new speaker Dmitry Peskov"),
        "{error}"
    );

    // Nonsense: clearing what every statement has, a null list, an empty patch.
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({ "text": null, "about": null, "audience": "" }),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(
        paths(&error),
        ["input.text", "input.audience", "input.about"],
        "{error}"
    );
    let error = refused(&server, &mutation, &id, 1, json!({}), "BAD_USER_INPUT").await;
    assert_eq!(
        message(&error),
        "input: the patch changes nothing: give at least one field to change"
    );
    let error = refused(
        &server,
        &mutation,
        &json!(base64_id("Event:1")),
        1,
        json!({ "text": "X" }),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(
        message(&error),
        "`id` takes the ID of a Statement, not of an Event"
    );

    // Made one with another statement of the speaker's, as the import
    // tells statements apart.
    let other = server
        .query(
            &format!(
                "{{ statements(filter: {{ text: \"productive talks\" }}) {{ nodes {{ {STATEMENT} }} }} }}"
            ),
            json!({}),
        )
        .await["statements"]["nodes"][0]
        .clone();
    assert_eq!(other["speaker"], before["speaker"]);
    let same = json!({
        "kind": other["kind"],
        "text": other["text"],
        "evidence": evidence(&source, other["evidence"]["excerpt"].as_str().expect("an excerpt"))
    });
    let error = refused(&server, &mutation, &id, 1, same, "CONFLICT").await;
    assert_eq!(
        message(&error),
        format!(
            "the statement would be the same as statement {}, which has the same speaker, kind, quoted words and date; delete one of them instead",
            other["id"]
        )
    );

    needs_a_token(&server, &mutation, &id, json!({ "text": "X" })).await;
    assert_eq!(quote(&server).await, before, "nothing was written");
    assert!(audit(&db).await.is_empty(), "nothing was logged");
}

pub async fn of_two_updates_of_one_statement_version_exactly_one_wins(db: TestDb) {
    let server = seeded(&db).await;
    let id = quote(&server).await["id"].clone();
    let mutation = update_statement();
    let (a, b) = tokio::join!(
        send(&server, &mutation, &id, 1, json!({ "text": "One." })),
        send(&server, &mutation, &id, 1, json!({ "text": "Two." })),
    );
    let winners: Vec<&Value> = [&a, &b]
        .into_iter()
        .filter(|r| r.get("errors").is_none())
        .collect();
    assert_eq!(winners.len(), 1, "{a} {b}");
    let loser = if winners[0] == &a { &b } else { &a };
    assert_eq!(loser["errors"][0]["extensions"]["code"], "CONFLICT", "{loser}");
    let now = read(&server, "Statement", &id, STATEMENT).await;
    assert_eq!(now["version"], 2);
    assert_eq!(now["text"], winners[0]["data"]["updateStatement"]["text"]);
}

// ----- updateFinancialMeasure ----------------------------------------------

pub async fn update_financial_measure_corrects_the_terms_and_readers_see_them(db: TestDb) {
    let server = seeded(&db).await;
    let before = loan(&server).await;
    let id = before["id"].clone();
    let source = source(&server).await;
    let eu = id_of(&server, "organisations", "European Union").await;
    let russia = id_of(&server, "places", "Russia").await;
    let support = id_of(&server, "issues", "Financial support for Ukraine").await;
    let excerpt = "the European Commission unveiled plans for a £184 billion loan";
    let input = json!({
        "status": "AGREED",
        "label": "EU reparations loan to Ukraine",
        "amount": "90000000000.50",
        "currency": "EUR",
        "amountQualifier": null,
        "term": "P18M",
        "share": { "numerator": 1, "denominator": 2 },
        "provider": eu,
        "securedAgainst": { "entity": russia, "qualifier": "partly" },
        "issues": [support],
        "announcedOn": "2025-12-03",
        "evidence": evidence(&source, excerpt)
    });
    let body = send(&server, &update_measure(), &id, 1, input).await;
    assert!(body.get("errors").is_none(), "{body}");
    let after = body["data"]["updateFinancialMeasure"].clone();
    let (start, end) = span(excerpt);
    assert_eq!(
        after,
        json!({
            "id": id,
            "version": 2,
            "kind": "LOAN",
            "label": "EU reparations loan to Ukraine",
            "amount": "90000000000.5",
            "currency": "EUR",
            "amountQualifier": null,
            "status": "AGREED",
            "term": "P18M",
            "share": { "numerator": 1, "denominator": 2, "of": null },
            "provider": { "id": eu },
            "recipient": before["recipient"],
            "securedAgainst": { "entity": { "id": russia }, "issue": null, "qualifier": "partly" },
            "issues": [{ "id": support }],
            "announcedOn": { "text": "2025-12-03" },
            "evidence": { "start": start, "end": end, "excerpt": excerpt, "confidence": 1.0, "curated": true }
        })
    );
    assert_eq!(read(&server, "FinancialMeasure", &id, MEASURE).await, after);

    // An amount and its currency go together, also when cleared.
    let body = send(
        &server,
        &update_measure(),
        &id,
        2,
        json!({ "amount": null, "currency": null, "share": null, "securedAgainst": null, "recipient": null, "issues": [] }),
    )
    .await;
    let after = &body["data"]["updateFinancialMeasure"];
    assert_eq!(after["version"], 3, "{body}");
    for field in ["amount", "currency", "share", "securedAgainst", "recipient"] {
        assert_eq!(after[field], Value::Null, "{field}: {body}");
    }
    assert_eq!(after["issues"], json!([]));

    let lines = audit(&db).await;
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].contains("\teditor\tupdateFinancialMeasure\t"),
        "{lines:?}"
    );
    assert!(
        lines[0].ends_with("to version 3: amount, currency, share, recipient, securedAgainst, issues"),
        "{lines:?}"
    );
}

pub async fn update_financial_measure_refuses_what_the_import_refuses_and_changes_nothing(db: TestDb) {
    let server = seeded(&db).await;
    let before = loan(&server).await;
    let id = before["id"].clone();
    let mutation = update_measure();
    let source = source(&server).await;
    let russia = id_of(&server, "places", "Russia").await;
    let assets = id_of(&server, "issues", "Frozen Russian assets").await;
    let peskov = id_of(&server, "people", "Dmitry Peskov").await;

    let error = refused(
        &server,
        &mutation,
        &id,
        2,
        json!({ "status": "AGREED" }),
        "CONFLICT",
    )
    .await;
    assert!(
        message(&error).contains("has no version 2 yet: it is at version 1;"),
        "{error}"
    );
    let error = refused(
        &server,
        &mutation,
        &json!(base64_id("FinancialMeasure:999999")),
        1,
        json!({ "status": "AGREED" }),
        "NOT_FOUND",
    )
    .await;
    assert_eq!(message(&error), "no financial measure has the ID given in `id`");
    let ghost = base64_id("Organisation:999999");
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({ "provider": ghost }),
        "NOT_FOUND",
    )
    .await;
    assert_eq!(
        message(&error),
        format!("input.provider: no organisation has the ID \"{ghost}\"")
    );
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({ "issues": [assets, base64_id("Issue:999999")] }),
        "NOT_FOUND",
    )
    .await;
    assert!(
        message(&error).starts_with("input.issues[1]: no issue has the ID"),
        "{error}"
    );

    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({
            "label": "",
            "amount": "-5",
            "currency": "gbp",
            "term": "two years",
            "share": { "numerator": -1, "denominator": 0 },
            "provider": assets,
            "securedAgainst": { "entity": russia, "issue": assets },
            "issues": [peskov],
            "announcedOn": "2025-02-30",
            "evidence": { "source": russia, "start": 5, "end": 9, "excerpt": "x" }
        }),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(
        paths(&error),
        [
            "input.label",
            "input.amount",
            "input.currency",
            "input.term",
            "input.share.numerator",
            "input.share.denominator",
            "input.provider",
            "input.securedAgainst",
            "input.issues[0]",
            "input.announcedOn",
            "input.evidence.source"
        ],
        "{error}"
    );
    let problems = &error["extensions"]["problems"];
    assert_eq!(
        problems[2]["message"],
        "\"gbp\" is not an ISO 4217 currency code (did you mean \"GBP\"?)"
    );
    assert_eq!(problems[7]["message"], "name either an entity or an issue");
    assert_eq!(
        problems[9]["message"],
        "\"2025-02-30\" is not a day of the calendar"
    );

    // The stored measure has an amount in GBP: clearing one alone would
    // leave the other without it.
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({ "amount": null }),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(
        message(&error),
        "input.amount: the measure would have a currency but no amount: give an amount with its currency, or neither"
    );
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({ "currency": null }),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(paths(&error), ["input.currency"], "{error}");
    // A span of the article that is not the excerpt given.
    let mut off = evidence(&source, "a £184 billion loan");
    off["excerpt"] = json!("a £180 billion loan");
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({ "evidence": off }),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(paths(&error), ["input.evidence.excerpt"], "{error}");
    assert!(
        message(&error).contains("which reads \"a £184 billion loan\""),
        "{error}"
    );
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({ "kind": null }),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(
        message(&error),
        "input.kind: a financial measure's kind cannot be cleared; leave the field out to keep it as it is"
    );

    needs_a_token(&server, &mutation, &id, json!({ "status": "AGREED" })).await;
    assert_eq!(loan(&server).await, before, "nothing was written");
    assert!(audit(&db).await.is_empty(), "nothing was logged");
}

// ----- updateEvent -----------------------------------------------------------

pub async fn update_event_replaces_places_participants_and_counts(db: TestDb) {
    let server = seeded(&db).await;
    let before = barrage(&server).await;
    let id = before["id"].clone();
    let source = source(&server).await;
    let dnipro = id_of(&server, "places", "Dnipro").await;
    let odesa = id_of(&server, "places", "Odesa Oblast").await;
    let russia = id_of(&server, "places", "Russia").await;
    let ukraine = id_of(&server, "places", "Ukraine").await;
    let input = json!({
        "label": "Russian drone and missile barrage on Ukraine",
        "startedOn": "2025-12-02",
        "endedOn": "2025-12-03",
        "places": [dnipro, odesa, dnipro],
        "participants": [
            { "entity": russia, "role": "attacker" },
            { "entity": ukraine, "role": "defender" }
        ],
        "quantities": [
            { "measure": "drones", "value": 111, "qualifier": "AT_LEAST", "evidence": evidence(&source, "At least 111 drones") },
            { "measure": "killed", "value": 2, "qualifier": "EXACT", "evidence": evidence(&source, "killing two people") }
        ]
    });
    let body = send(&server, &update_event(), &id, 1, input).await;
    assert!(body.get("errors").is_none(), "{body}");
    let after = body["data"]["updateEvent"].clone();
    let drones = span("At least 111 drones");
    let killed = span("killing two people");
    assert_eq!(after["version"], 2);
    assert_eq!(after["kind"], "ATTACK", "left out, so kept");
    assert_eq!(after["label"], "Russian drone and missile barrage on Ukraine");
    assert_eq!(after["startedOn"], json!({ "text": "2025-12-02" }));
    assert_eq!(after["endedOn"], json!({ "text": "2025-12-03" }));
    assert_eq!(ids(&after["places"]), sorted(&[&dnipro, &odesa]));
    assert_eq!(
        after["participants"],
        json!([
            { "entity": { "id": russia }, "role": "attacker" },
            { "entity": { "id": ukraine }, "role": "defender" }
        ])
    );
    assert_eq!(
        after["quantities"],
        json!([
            { "measure": "drones", "value": 111, "qualifier": "AT_LEAST", "evidence": { "start": drones.0, "end": drones.1, "excerpt": "At least 111 drones" } },
            { "measure": "killed", "value": 2, "qualifier": "EXACT", "evidence": { "start": killed.0, "end": killed.1, "excerpt": "killing two people" } }
        ]),
        "the count of injured is gone"
    );
    assert_eq!(after["evidence"], before["evidence"]);
    assert_eq!(read(&server, "Event", &id, EVENT).await, after);
    // The places' event lists follow: Dnipro had none of its own before.
    let in_dnipro = server
        .query(
            "query($id: ID!) { node(id: $id) { ... on Place { events(first: 100) { nodes { id } } } } }",
            json!({ "id": dnipro }),
        )
        .await;
    assert_eq!(in_dnipro["node"]["events"]["nodes"], json!([{ "id": id }]));

    let body = send(
        &server,
        &update_event(),
        &id,
        2,
        json!({ "endedOn": null, "places": [], "participants": [], "quantities": [] }),
    )
    .await;
    let after = &body["data"]["updateEvent"];
    assert_eq!(after["version"], 3, "{body}");
    assert_eq!(after["endedOn"], Value::Null);
    for list in ["places", "participants", "quantities"] {
        assert_eq!(after[list], json!([]), "{list}: {body}");
    }
    let lines = audit(&db).await;
    assert!(lines[0].contains("\teditor\tupdateEvent\t"), "{lines:?}");
    assert!(
        lines[1].ends_with("to version 2: label, startedOn, endedOn, places, participants, quantities"),
        "{lines:?}"
    );
}

pub async fn update_event_refuses_bad_dates_counts_and_spans_and_changes_nothing(db: TestDb) {
    let server = seeded(&db).await;
    let before = barrage(&server).await;
    let id = before["id"].clone();
    let mutation = update_event();
    let source = source(&server).await;
    let peskov = id_of(&server, "people", "Dmitry Peskov").await;
    let dnipro = id_of(&server, "places", "Dnipro").await;

    let error = refused(&server, &mutation, &id, 0, json!({ "label": "X" }), "CONFLICT").await;
    assert!(message(&error).contains("it is at version 1 now"), "{error}");
    let error = refused(
        &server,
        &mutation,
        &json!(base64_id("Event:999999")),
        1,
        json!({ "label": "X" }),
        "NOT_FOUND",
    )
    .await;
    assert_eq!(message(&error), "no event has the ID given in `id`");
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({ "participants": [{ "entity": base64_id("Person:999999"), "role": "attacker" }] }),
        "NOT_FOUND",
    )
    .await;
    assert!(
        message(&error).starts_with("input.participants[0].entity: no person has the ID"),
        "{error}"
    );

    let drones = evidence(&source, "At least 111 drones");
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({
            "kind": null,
            "startedOn": "2025-12-03",
            "endedOn": "2025-12-01",
            "places": [peskov],
            "participants": [{ "entity": dnipro, "role": " " }],
            "quantities": [
                { "measure": "drones", "value": 111, "qualifier": "AT_LEAST", "evidence": drones },
                { "measure": "drones", "value": -3, "qualifier": "EXACT", "evidence": drones }
            ]
        }),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(
        paths(&error),
        [
            "input.kind",
            "input.endedOn",
            "input.places[0]",
            "input.participants[0].role",
            "input.quantities[1].measure",
            "input.quantities[1].value"
        ],
        "{error}"
    );
    let problems = &error["extensions"]["problems"];
    assert_eq!(
        problems[4]["message"],
        "\"drones\" is counted twice for this event"
    );
    assert_eq!(
        problems[1]["message"],
        "the event ends (2025-12-01) before it starts (2025-12-03)"
    );
    // The stored event starts on 2025-12-03: an end before it is refused too.
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({ "endedOn": "2025-11" }),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(
        message(&error),
        "input.endedOn: the event ends (2025-11) before it starts (2025-12-03)"
    );
    // A count whose span is not the article's text.
    let mut off = drones.clone();
    off["excerpt"] = json!("At least 112 drones");
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({ "quantities": [{ "measure": "drones", "value": 112, "qualifier": "AT_LEAST", "evidence": off }] }),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(paths(&error), ["input.quantities[0].evidence.excerpt"], "{error}");
    let error = refused(
        &server,
        &mutation,
        &id,
        1,
        json!({ "places": null }),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(
        message(&error),
        "input.places: a list cannot be null: send [] to empty it, or leave the field out to keep it as it is"
    );

    // Made one with another event, as the import tells events apart.
    let meetings = server
        .query(
            &format!("{{ events(filter: {{ kind: MEETING }}, first: 100) {{ nodes {{ {EVENT} }} }} }}"),
            json!({}),
        )
        .await;
    let nato = meetings["events"]["nodes"]
        .as_array()
        .expect("meetings")
        .iter()
        .find(|e| e["label"] == "Meeting of NATO foreign ministers")
        .expect("the NATO meeting")
        .clone();
    let same = json!({
        "kind": "ATTACK",
        "label": before["label"],
        "evidence": evidence(&source, before["evidence"]["excerpt"].as_str().expect("an excerpt"))
    });
    let error = refused(&server, &mutation, &nato["id"], 1, same, "CONFLICT").await;
    assert_eq!(
        message(&error),
        format!(
            "the event would be the same as event {id}, which has the same kind, label and evidence span; delete one of them instead"
        )
    );
    assert_eq!(read(&server, "Event", &nato["id"], EVENT).await, nato);

    needs_a_token(&server, &mutation, &id, json!({ "label": "X" })).await;
    assert_eq!(barrage(&server).await, before, "nothing was written");
    assert!(audit(&db).await.is_empty(), "nothing was logged");
}

// ----- subscriptions ---------------------------------------------------------

pub async fn node_changed_subscribers_hear_each_fact_update(db: TestDb) {
    use crate::subscriptions::{connect, next, send as ws_send};

    let server = seeded(&db).await;
    let statement = quote(&server).await["id"].clone();
    let measure = loan(&server).await["id"].clone();
    let event = barrage(&server).await["id"].clone();
    let (mut socket, _) = connect(&server, json!({})).await;
    let query = "subscription($id: ID!) { nodeChanged(id: $id) { id \
        ... on Statement { text version } ... on FinancialMeasure { status version } \
        ... on Event { label version } } }";
    for id in [&statement, &measure, &event] {
        let subscribe = json!({ "id": id, "type": "subscribe", "payload": { "query": query, "variables": { "id": id } } });
        ws_send(&mut socket, subscribe).await;
    }
    ws_send(&mut socket, json!({ "type": "ping" })).await;
    assert_eq!(next(&mut socket).await["type"], "pong");

    let updates = [
        (update_statement(), &statement, json!({ "text": "Corrected." })),
        (update_measure(), &measure, json!({ "status": "DISBURSED" })),
        (update_event(), &event, json!({ "label": "Corrected" })),
    ];
    for (mutation, id, input) in updates {
        let body = send(&server, &mutation, id, 1, input).await;
        assert!(body.get("errors").is_none(), "{body}");
        let message = next(&mut socket).await;
        assert_eq!(message["id"], *id, "{message}");
        assert_eq!(
            message["payload"]["data"]["nodeChanged"]["version"], 2,
            "{message}"
        );
    }
    // A refused update announces nothing: the next message is the pong.
    let body = send(&server, &update_event(), &event, 2, json!({ "label": "" })).await;
    assert!(body.get("errors").is_some(), "{body}");
    ws_send(&mut socket, json!({ "type": "ping" })).await;
    assert_eq!(next(&mut socket).await["type"], "pong");
}
