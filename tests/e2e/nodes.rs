//! `node(id:)` and `nodes(ids:)`, and the fields each kind of node has.

use serde_json::{Value, json};

use crate::fixtures::{self, ARTICLE, span};
use crate::harness::TestDb;
use crate::server::Server;

/// Arranges the small graph and starts a server over it.
async fn serve_small_graph(db: &TestDb) -> Server {
    // The server migrates the database on start; rows come after.
    let server = Server::start(db).await;
    let conn = db.connect().await;
    fixtures::small_graph(&conn).await;
    let _ = conn.close().await;
    server
}

/// The global ID of the first item of a list, as the API gives it.
async fn first_id(server: &Server, list: &str) -> String {
    let data = server
        .query(&format!("{{ {list}(first: 1) {{ nodes {{ id }} }} }}"), json!({}))
        .await;
    data[list]["nodes"][0]["id"].as_str().expect("an id").to_owned()
}

pub async fn node_returns_every_kind_of_node_by_its_id(db: TestDb) {
    let server = serve_small_graph(&db).await;
    let kinds = [
        ("people", "Person"),
        ("organisations", "Organisation"),
        ("places", "Place"),
        ("issues", "Issue"),
        ("statements", "Statement"),
        ("roles", "Role"),
        ("relations", "Relation"),
        ("financialMeasures", "FinancialMeasure"),
        ("events", "Event"),
        ("sources", "Source"),
    ];
    for (list, typename) in kinds {
        let id = first_id(&server, list).await;
        let data = server
            .query(
                "query($id: ID!) { node(id: $id) { __typename id } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(
            data["node"],
            json!({ "__typename": typename, "id": id }),
            "{list}"
        );
    }
}

pub async fn node_returns_null_for_an_unknown_id(db: TestDb) {
    let server = serve_small_graph(&db).await;
    let person = first_id(&server, "people").await;
    // UGVyc29uOjk5OTk is Person:9999, which does not exist.
    let data = server
        .query("{ a: node(id: \"UGVyc29uOjk5OTk\") { id } }", json!({}))
        .await;
    assert_eq!(data["a"], Value::Null, "Person:9999 does not exist");
    let place = first_id(&server, "places").await;
    assert_ne!(person, place);
    let swapped = swap_type(&place, "Person");
    let data = server
        .query(
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": swapped }),
        )
        .await;
    assert_eq!(
        data["node"],
        Value::Null,
        "a place's key under the Person type names nothing"
    );
}

/// Re-labels a global ID with another type, keeping its key.
fn swap_type(id: &str, typename: &str) -> String {
    use base64::Engine;
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let text = String::from_utf8(engine.decode(id).expect("base64")).expect("utf-8");
    let key = text.split_once(':').expect("Type:key").1;
    engine.encode(format!("{typename}:{key}"))
}

pub async fn node_refuses_a_malformed_id_with_bad_user_input(db: TestDb) {
    let server = serve_small_graph(&db).await;
    for bad in ["not-an-id", "", "UGVyc29u"] {
        let error = server
            .query_error("query($id: ID!) { node(id: $id) { id } }", json!({ "id": bad }))
            .await;
        assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{bad}: {error}");
        assert!(
            error["message"]
                .as_str()
                .unwrap_or_default()
                .contains("is not a newsgraph ID"),
            "{error}"
        );
        assert_eq!(error["path"], json!(["node"]));
    }
}

pub async fn nodes_returns_each_id_in_order_with_nulls_for_unknown_ones(db: TestDb) {
    let server = serve_small_graph(&db).await;
    let statement = first_id(&server, "statements").await;
    let person = first_id(&server, "people").await;
    let data = server
        .query(
            "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }",
            // RXZlbnQ6OTk5 is Event:999, which does not exist.
            json!({ "ids": [person, statement, "RXZlbnQ6OTk5", person] }),
        )
        .await;
    assert_eq!(
        data["nodes"],
        json!([
            { "__typename": "Person", "id": person },
            { "__typename": "Statement", "id": statement },
            null,
            { "__typename": "Person", "id": person },
        ])
    );

    let too_many: Vec<String> = (0..101).map(|_| person.clone()).collect();
    let error = server
        .query_error(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            json!({ "ids": too_many }),
        )
        .await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .contains("at most 100"),
        "{error}"
    );
}

pub async fn statement_reads_its_speaker_role_and_evidence(db: TestDb) {
    let server = serve_small_graph(&db).await;
    let data = server
        .query(
            r#"{ statements(first: 1) { nodes {
                text kind saidOn { date precision text }
                speaker { __typename name ... on Person { aliases } }
                speakerRole { title organisation { name kind } person { name } evidence { excerpt } }
                evidence { start end excerpt confidence curated source { key publishedOn language } }
            } } }"#,
            json!({}),
        )
        .await;
    let quote = "Something was accepted, while something was marked as unacceptable";
    let (start, end) = span(quote);
    assert_eq!(
        data["statements"]["nodes"][0],
        json!({
            "text": quote,
            "kind": "DIRECT_QUOTE",
            "saidOn": { "date": "2025-12-03", "precision": "DAY", "text": "2025-12-03" },
            "speaker": { "__typename": "Person", "name": "Dmitry Peskov", "aliases": ["Dmitri Peskov"] },
            "speakerRole": {
                "title": "spokesman",
                "organisation": { "name": "Kremlin", "kind": "GOVERNMENT" },
                "person": { "name": "Dmitry Peskov" },
                "evidence": { "excerpt": "Kremlin spokesman Dmitry Peskov" },
            },
            "evidence": {
                "start": start,
                "end": end,
                "excerpt": quote,
                "confidence": 0.95,
                "curated": true,
                "source": { "key": "ukraine-peace-talks-2025-12-03", "publishedOn": "2025-12-03", "language": "en" },
            },
        })
    );
    // The offsets count code points: slicing the text by them gives the excerpt.
    let sliced: String = ARTICLE
        .chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect();
    assert_eq!(sliced, quote);
}

pub async fn financial_measure_keeps_its_exact_amount_and_terms(db: TestDb) {
    let server = serve_small_graph(&db).await;
    let data = server
        .query(
            r#"{ financialMeasures { nodes {
                label kind amount currency amountQualifier status term
                share { numerator denominator of }
                provider { name } recipient { __typename name }
                securedAgainst { qualifier issue { name } entity { name } }
                announcedOn { text }
                evidence { excerpt }
            } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        data["financialMeasures"]["nodes"][0],
        json!({
            "label": "EU loan to Ukraine",
            "kind": "LOAN",
            "amount": "184000000000",
            "currency": "GBP",
            "amountQualifier": "EXACT",
            "status": "PROPOSED",
            "term": "P2Y",
            "share": { "numerator": 2, "denominator": 3, "of": "Kyiv's financing needs over the next two years" },
            "provider": { "name": "European Commission" },
            "recipient": { "__typename": "Place", "name": "Ukraine" },
            "securedAgainst": { "qualifier": "mostly", "issue": { "name": "Frozen Russian assets" }, "entity": null },
            "announcedOn": { "text": "2025-12-03" },
            "evidence": { "excerpt": "the European Commission unveiled plans for a £184 billion loan, mostly secured against Russian assets" },
        })
    );
}

pub async fn entities_show_their_kind_details_and_aliases(db: TestDb) {
    let server = serve_small_graph(&db).await;
    let data = server
        .query(
            r#"{ places { nodes { name kind parent { name parent { name parent { name } } } } }
                 relations { nodes { kind person { name } relatedPerson { name } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        data["places"]["nodes"],
        json!([
            { "name": "Ukraine", "kind": "COUNTRY", "parent": null },
            { "name": "Dnipropetrovsk Oblast", "kind": "REGION", "parent": { "name": "Ukraine", "parent": null } },
            { "name": "Dnipro", "kind": "CITY", "parent": { "name": "Dnipropetrovsk Oblast", "parent": { "name": "Ukraine", "parent": null } } },
        ])
    );
    assert_eq!(
        data["relations"]["nodes"],
        json!([{ "kind": "son-in-law", "person": { "name": "Jared Kushner" }, "relatedPerson": { "name": "Donald Trump" } }])
    );
}
