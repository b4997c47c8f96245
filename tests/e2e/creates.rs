//! Adding nodes and facts one at a time: `createSource`, `createPerson`,
//! `createOrganisation`, `createPlace`, `createIssue`, `addRole`,
//! `addRelation`, `addStatement`, `addFinancialMeasure`, `addEvent`.

use serde_json::{Value, json};

use crate::fixtures::{ARTICLE, span};
use crate::harness::TestDb;
use crate::server::{Server, newsgraph, run};
use crate::writes::{EDITOR, base64_id, post, server};

/// Runs a mutation with the write token; returns `data.<field>`, failing
/// the test on any error.
async fn write(server: &Server, query: &str, variables: Value, field: &str) -> Value {
    let (status, body) = post(server, Some(EDITOR), query, variables).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("errors").is_none(), "{field}: {body}");
    body["data"][field].clone()
}

/// Runs a mutation that must fail; returns its error.
async fn refused(server: &Server, token: Option<&str>, query: &str, variables: Value) -> Value {
    let (status, body) = post(server, token, query, variables).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"], Value::Null, "{body}");
    body["errors"][0].clone()
}

fn paths(error: &Value) -> Vec<String> {
    error["extensions"]["problems"]
        .as_array()
        .unwrap_or_else(|| panic!("problems in {error}"))
        .iter()
        .map(|p| p["path"].as_str().expect("a path").to_owned())
        .collect()
}

const SOURCE: &str = r#"mutation($input: CreateSourceInput!) {
    createSource(input: $input) { created source { id key title publishedOn } }
}"#;
const PERSON: &str = r#"mutation($input: CreatePersonInput!) {
    createPerson(input: $input) { created person { id name aliases wikidataId version createdAt } }
}"#;
const ORGANISATION: &str = r#"mutation($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) { created organisation { id name kind country { name } } }
}"#;
const PLACE: &str = r#"mutation($input: CreatePlaceInput!) {
    createPlace(input: $input) { created place { id name kind parent { name } latitude } }
}"#;
const ISSUE: &str = r#"mutation($input: CreateIssueInput!) {
    createIssue(input: $input) { created issue { id name parent { name } } }
}"#;
const ROLE: &str = r#"mutation($input: AddRoleInput!) {
    addRole(input: $input) { created role { id title person { name } organisation { name } since { text } } }
}"#;
const RELATION: &str = r#"mutation($input: AddRelationInput!) {
    addRelation(input: $input) { created relation { id kind person { name } relatedPerson { name } } }
}"#;
const STATEMENT: &str = r#"mutation($input: AddStatementInput!) {
    addStatement(input: $input) {
        created
        statement {
            id text kind saidOn { text }
            speaker { name } speakerRole { title } place { name }
            about { issue { name } stance }
            mentions { name }
            evidence { excerpt start end source { key } }
        }
    }
}"#;
const MEASURE: &str = r#"mutation($input: AddFinancialMeasureInput!) {
    addFinancialMeasure(input: $input) {
        created
        financialMeasure {
            id kind label amount currency status term
            provider { name } recipient { name }
            securedAgainst { entity { name } qualifier }
            issues { name }
        }
    }
}"#;
const EVENT: &str = r#"mutation($input: AddEventInput!) {
    addEvent(input: $input) {
        created
        event {
            id kind label startedOn { text }
            places { name }
            participants { entity { name } role }
            quantities { measure value qualifier evidence { excerpt } }
        }
    }
}"#;

const COUNTS: &str = "{ sources { totalCount } people { totalCount } organisations { totalCount } \
    places { totalCount } issues { totalCount } roles { totalCount } relations { totalCount } \
    statements { totalCount } financialMeasures { totalCount } events { totalCount } }";

/// Evidence for an excerpt of the article, as the API takes it.
fn evidence(source: &Value, excerpt: &str) -> Value {
    let (start, end) = span(excerpt);
    json!({ "source": source, "start": start, "end": end, "excerpt": excerpt })
}

async fn article(server: &Server) -> Value {
    let input = json!({
        "key": "reuters-peace-talks",
        "url": "https://example.org/peace-talks",
        "title": "Peace talks stall",
        "publishedOn": "2025-12-02",
        "text": ARTICLE,
    });
    let added = write(server, SOURCE, json!({ "input": input }), "createSource").await;
    assert_eq!(added["created"], true);
    assert_eq!(added["source"]["key"], "reuters-peace-talks");
    assert_eq!(added["source"]["publishedOn"], "2025-12-02");
    added["source"]["id"].clone()
}

async fn person(server: &Server, name: &str, qid: Option<&str>) -> Value {
    let input = json!({ "name": name, "wikidataId": qid });
    write(server, PERSON, json!({ "input": input }), "createPerson").await
}

pub async fn a_front_end_adds_people_a_role_and_a_statement_that_readers_then_see(db: TestDb) {
    let server = server(&db, false).await;
    let source = article(&server).await;

    let peskov = person(&server, "Dmitry Peskov", None).await;
    assert_eq!(peskov["created"], true);
    assert_eq!(peskov["person"]["version"], 1);
    assert!(peskov["person"]["createdAt"].is_string());
    let peskov_id = peskov["person"]["id"].clone();

    let russia = write(
        &server,
        PLACE,
        json!({ "input": { "name": "Russia", "kind": "COUNTRY", "wikidataId": "Q159", "latitude": 61.5, "longitude": 105.3 } }),
        "createPlace",
    )
    .await;
    assert_eq!(russia["place"]["kind"], "COUNTRY");
    let russia_id = russia["place"]["id"].clone();
    let moscow = write(
        &server,
        PLACE,
        json!({ "input": { "name": "Moscow", "kind": "CITY", "parent": russia_id } }),
        "createPlace",
    )
    .await;
    assert_eq!(moscow["place"]["parent"]["name"], "Russia");

    let kremlin = write(
        &server,
        ORGANISATION,
        json!({ "input": { "name": "Kremlin", "kind": "GOVERNMENT", "country": russia_id } }),
        "createOrganisation",
    )
    .await;
    assert_eq!(kremlin["organisation"]["country"]["name"], "Russia", "{kremlin}");
    let kremlin_id = kremlin["organisation"]["id"].clone();

    let talks = write(
        &server,
        ISSUE,
        json!({ "input": { "name": "Peace talks" } }),
        "createIssue",
    )
    .await;
    let talks_id = talks["issue"]["id"].clone();
    let sub = write(
        &server,
        ISSUE,
        json!({ "input": { "name": "Meeting of envoys", "parent": talks_id } }),
        "createIssue",
    )
    .await;
    assert_eq!(sub["issue"]["parent"]["name"], "Peace talks");

    let role = write(
        &server,
        ROLE,
        json!({ "input": {
            "person": peskov_id, "organisation": kremlin_id, "title": "Kremlin spokesman",
            "since": "2012-05", "evidence": evidence(&source, "Kremlin spokesman Dmitry Peskov"),
        } }),
        "addRole",
    )
    .await;
    assert_eq!(role["created"], true, "{role}");
    assert_eq!(role["role"]["person"]["name"], "Dmitry Peskov");
    assert_eq!(role["role"]["since"]["text"], "2012-05");
    let role_id = role["role"]["id"].clone();

    let excerpt = "as many times as it took";
    let input = json!({
        "kind": "DIRECT_QUOTE", "text": excerpt, "speaker": peskov_id, "speakerRole": role_id,
        "saidOn": "2025-12", "place": moscow["place"]["id"],
        "about": [{ "issue": sub["issue"]["id"], "stance": "SUPPORTS" }],
        "mentions": [kremlin_id],
        "evidence": evidence(&source, excerpt),
    });
    let added = write(
        &server,
        STATEMENT,
        json!({ "input": input.clone() }),
        "addStatement",
    )
    .await;
    assert_eq!(added["created"], true, "{added}");
    let statement = &added["statement"];
    assert_eq!(statement["speaker"]["name"], "Dmitry Peskov");
    assert_eq!(statement["speakerRole"]["title"], "Kremlin spokesman");
    assert_eq!(statement["saidOn"]["text"], "2025-12");
    assert_eq!(statement["place"]["name"], "Moscow");
    assert_eq!(
        statement["about"],
        json!([{ "issue": { "name": "Meeting of envoys" }, "stance": "SUPPORTS" }])
    );
    assert_eq!(statement["mentions"], json!([{ "name": "Kremlin" }]));
    assert_eq!(statement["evidence"]["excerpt"], excerpt);
    assert_eq!(statement["evidence"]["source"]["key"], "reuters-peace-talks");

    // A reader finds it through the issue tree and through the speaker.
    let read = server
        .query(
            r#"query($issue: ID!) {
                issue: node(id: $issue) { ... on Issue { statements { nodes { text } } } }
                people(filter: { name: "peskov" }) { nodes { statements { totalCount } roles { nodes { title } } } }
            }"#,
            json!({ "issue": talks_id }),
        )
        .await;
    assert_eq!(read["issue"]["statements"]["nodes"], json!([{ "text": excerpt }]));
    assert_eq!(read["people"]["nodes"][0]["statements"]["totalCount"], 1);
    assert_eq!(
        read["people"]["nodes"][0]["roles"]["nodes"],
        json!([{ "title": "Kremlin spokesman" }])
    );

    // The same again resolves to what is there: nothing is duplicated.
    let again = person(&server, "dmitry peskov", None).await;
    assert_eq!(again["created"], false);
    assert_eq!(again["person"]["id"], peskov_id);
    let again = write(&server, STATEMENT, json!({ "input": input }), "addStatement").await;
    assert_eq!(again["created"], false);
    assert_eq!(again["statement"]["id"], statement["id"]);
    let counts = server.query(COUNTS, json!({})).await;
    assert_eq!(counts["people"]["totalCount"], 1);
    assert_eq!(counts["statements"]["totalCount"], 1);
    assert_eq!(counts["places"]["totalCount"], 2);
    assert_eq!(counts["issues"]["totalCount"], 2);

    // Every write is in the log under the token's name.
    let mut cmd = newsgraph();
    cmd.envs(db.env()).args(["audit", "--actor", "editor"]);
    let out = run(cmd).await;
    for operation in [
        "createSource",
        "createPerson",
        "createPlace",
        "createOrganisation",
        "createIssue",
        "addRole",
        "addStatement",
    ] {
        assert!(
            out.stdout.contains(&format!("\teditor\t{operation}\t")),
            "{operation} in the write log:\n{}",
            out.stdout
        );
    }
}

pub async fn money_events_and_relations_are_added_with_their_parties_and_counts(db: TestDb) {
    let server = server(&db, false).await;
    let source = article(&server).await;
    let eu = write(
        &server,
        ORGANISATION,
        json!({ "input": { "name": "European Union", "kind": "INTERNATIONAL_ORGANISATION", "aliases": ["EU"] } }),
        "createOrganisation",
    )
    .await["organisation"]["id"]
        .clone();
    let ukraine = write(
        &server,
        PLACE,
        json!({ "input": { "name": "Ukraine", "kind": "COUNTRY", "wikidataId": "Q212" } }),
        "createPlace",
    )
    .await["place"]["id"]
        .clone();
    let russia = write(
        &server,
        PLACE,
        json!({ "input": { "name": "Russia", "kind": "COUNTRY" } }),
        "createPlace",
    )
    .await["place"]["id"]
        .clone();
    let dnipro = write(
        &server,
        PLACE,
        json!({ "input": { "name": "Dnipro", "kind": "CITY", "parent": ukraine } }),
        "createPlace",
    )
    .await["place"]["id"]
        .clone();
    let loan = "£184 billion loan";
    let measure = write(
        &server,
        MEASURE,
        json!({ "input": {
            "kind": "LOAN", "label": "loan to Ukraine", "amount": "184e9", "currency": "GBP",
            "status": "PROPOSED", "term": "P2Y", "provider": eu, "recipient": ukraine,
            "securedAgainst": { "entity": russia, "qualifier": "Russian assets" },
            "evidence": evidence(&source, loan),
        } }),
        "addFinancialMeasure",
    )
    .await;
    let m = &measure["financialMeasure"];
    assert_eq!(measure["created"], true, "{measure}");
    assert_eq!(m["amount"], "184000000000");
    assert_eq!(m["currency"], "GBP");
    assert_eq!(m["term"], "P2Y");
    assert_eq!(m["provider"]["name"], "European Union");
    assert_eq!(m["recipient"]["name"], "Ukraine");
    assert_eq!(m["securedAgainst"]["entity"]["name"], "Russia");
    assert_eq!(m["securedAgainst"]["qualifier"], "Russian assets");

    let attack = "vast drone barrage";
    let event = write(
        &server,
        EVENT,
        json!({ "input": {
            "kind": "ATTACK", "label": "drone barrage on Dnipro", "startedOn": "2025-12-03",
            "places": [dnipro],
            "quantities": [{ "measure": "drones", "value": 111, "qualifier": "AT_LEAST",
                             "evidence": evidence(&source, "At least 111 drones") }],
            "evidence": evidence(&source, attack),
        } }),
        "addEvent",
    )
    .await;
    let e = &event["event"];
    assert_eq!(e["startedOn"]["text"], "2025-12-03", "{event}");
    assert_eq!(e["places"], json!([{ "name": "Dnipro" }]));
    assert_eq!(e["quantities"][0]["measure"], "drones");
    assert_eq!(e["quantities"][0]["value"], 111);
    assert_eq!(e["quantities"][0]["evidence"]["excerpt"], "At least 111 drones");
    // Events in Ukraine include those in Dnipro.
    let found = server
        .query(
            "query($p: ID!) { events(filter: { place: $p }) { nodes { label } } }",
            json!({ "p": ukraine }),
        )
        .await;
    assert_eq!(
        found["events"]["nodes"],
        json!([{ "label": "drone barrage on Dnipro" }])
    );

    let witkoff = person(&server, "Steve Witkoff", None).await["person"]["id"].clone();
    let trump = person(&server, "Donald Trump", Some("Q22686")).await["person"]["id"].clone();
    let relation = write(
        &server,
        RELATION,
        json!({ "input": {
            "person": witkoff, "relatedPerson": trump, "kind": "envoy",
            "evidence": evidence(&source, "Steve Witkoff"),
        } }),
        "addRelation",
    )
    .await;
    assert_eq!(relation["relation"]["kind"], "envoy", "{relation}");
    assert_eq!(relation["relation"]["relatedPerson"]["name"], "Donald Trump");
    // A person with a QID is found by it, whatever the name says.
    let again = person(&server, "President Trump", Some("Q22686")).await;
    assert_eq!(
        (again["created"].clone(), again["person"]["id"].clone()),
        (json!(false), trump)
    );
}

/// An entity may take part in one event in several roles: each of its
/// links is listed with its own role, in the order they were given, when
/// the event is added and when it is read again.
pub async fn an_entity_in_two_roles_of_one_event_is_listed_in_each(db: TestDb) {
    let server = server(&db, false).await;
    let source = article(&server).await;
    let witkoff = person(&server, "Steve Witkoff", None).await["person"]["id"].clone();
    let kushner = person(&server, "Jared Kushner", None).await["person"]["id"].clone();
    let participants = json!([
        { "entity": witkoff, "role": "envoy" },
        { "entity": kushner, "role": "delegation" },
        { "entity": witkoff, "role": "delegation" },
    ]);
    let event = write(
        &server,
        EVENT,
        json!({ "input": {
            "kind": "MEETING", "label": "talks in Moscow", "startedOn": "2025-12-02",
            "participants": participants,
            "evidence": evidence(&source, "Steve Witkoff"),
        } }),
        "addEvent",
    )
    .await;
    let expected = json!([
        { "entity": { "name": "Steve Witkoff" }, "role": "envoy" },
        { "entity": { "name": "Jared Kushner" }, "role": "delegation" },
        { "entity": { "name": "Steve Witkoff" }, "role": "delegation" },
    ]);
    assert_eq!(event["event"]["participants"], expected, "{event}");
    let read = server
        .query(
            "query($id: ID!) { node(id: $id) { ... on Event { participants { entity { name } role } } } }",
            json!({ "id": event["event"]["id"] }),
        )
        .await;
    assert_eq!(read["node"]["participants"], expected, "{read}");
}

pub async fn a_refused_add_says_where_and_what_and_writes_nothing(db: TestDb) {
    let server = server(&db, false).await;
    let source = article(&server).await;
    let peskov = person(&server, "Dmitry Peskov", None).await["person"]["id"].clone();
    let putin = person(&server, "Vladimir Putin", Some("Q7747")).await["person"]["id"].clone();
    let kremlin = write(
        &server,
        ORGANISATION,
        json!({ "input": { "name": "Kremlin", "kind": "GOVERNMENT" } }),
        "createOrganisation",
    )
    .await["organisation"]["id"]
        .clone();
    let role = write(
        &server,
        ROLE,
        json!({ "input": {
            "person": peskov, "organisation": kremlin, "title": "spokesman",
            "evidence": evidence(&source, "Kremlin spokesman Dmitry Peskov"),
        } }),
        "addRole",
    )
    .await["role"]["id"]
        .clone();
    let before = server.query(COUNTS, json!({})).await;

    let excerpt = "as many times as it took";
    let good = json!({
        "kind": "DIRECT_QUOTE", "text": excerpt, "speaker": peskov,
        "evidence": evidence(&source, excerpt),
    });
    let with = |changes: Value| {
        let mut input = good.clone();
        for (k, v) in changes.as_object().expect("an object") {
            input[k] = v.clone();
        }
        json!({ "input": input })
    };

    // Several problems at once, each with its path.
    let (start, end) = span(excerpt);
    let error = refused(
        &server,
        Some(EDITOR),
        STATEMENT,
        with(json!({
            "speaker": source, "saidOn": "2025-13-01",
            "mentions": [peskov, "not an id"],
            "evidence": { "source": source, "start": start, "end": end, "excerpt": "something else" },
        })),
    )
    .await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{error}");
    assert_eq!(paths(&error), ["input.speaker", "input.mentions[1]"], "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("input.speaker: takes the ID of a Person or Organisation, not of a Source"),
        "{error}"
    );

    // Once the IDs are right, the import's own checks speak, in input terms.
    let error = refused(
        &server,
        Some(EDITOR),
        STATEMENT,
        with(json!({ "saidOn": "2025-13-01" })),
    )
    .await;
    assert_eq!(paths(&error), ["input.saidOn"], "{error}");
    let error = refused(
        &server,
        Some(EDITOR),
        STATEMENT,
        with(json!({
            "evidence": { "source": source, "start": start, "end": end, "excerpt": "something else" },
        })),
    )
    .await;
    assert_eq!(paths(&error), ["input.evidence.excerpt"], "{error}");

    // A role someone else holds.
    let putins_role = refused(
        &server,
        Some(EDITOR),
        STATEMENT,
        with(json!({ "speaker": putin, "speakerRole": role })),
    )
    .await;
    assert_eq!(paths(&putins_role), ["input.speakerRole"], "{putins_role}");

    // A well-formed ID of nothing.
    let error = refused(
        &server,
        Some(EDITOR),
        STATEMENT,
        with(json!({ "place": base64_id("Place:999999") })),
    )
    .await;
    assert_eq!(error["extensions"]["code"], "NOT_FOUND", "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("input.place: no place has the ID"),
        "{error}"
    );

    // No token, and a source without key or URL.
    let error = refused(&server, None, STATEMENT, with(json!({}))).await;
    assert_eq!(error["extensions"]["code"], "UNAUTHENTICATED");
    let error = refused(
        &server,
        Some(EDITOR),
        SOURCE,
        json!({ "input": { "title": "t", "text": "x" } }),
    )
    .await;
    assert_eq!(paths(&error), ["input.key"]);
    // The same key with another text.
    let error = refused(
        &server,
        Some(EDITOR),
        SOURCE,
        json!({ "input": { "key": "reuters-peace-talks", "title": "t", "text": "another text" } }),
    )
    .await;
    assert_eq!(paths(&error), ["input.text"], "{error}");
    // A person needs a name, and a QID its form.
    let error = refused(
        &server,
        Some(EDITOR),
        PERSON,
        json!({ "input": { "name": " ", "wikidataId": "7747" } }),
    )
    .await;
    assert_eq!(paths(&error), ["input.name", "input.wikidataId"], "{error}");

    assert_eq!(
        server.query(COUNTS, json!({})).await,
        before,
        "nothing was written"
    );
}
