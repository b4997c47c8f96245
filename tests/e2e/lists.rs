//! Lists: a Relay connection per node kind, keyset pages, limits.

use serde_json::{Value, json};

use crate::fixtures;
use crate::harness::TestDb;
use crate::server::Server;

pub async fn every_node_kind_has_a_list(db: TestDb) {
    let server = Server::start(&db).await;
    let conn = db.connect().await;
    fixtures::small_graph(&conn).await;
    let expected = [
        ("people", 3),
        ("organisations", 2),
        ("places", 3),
        ("issues", 2),
        ("statements", 1),
        ("roles", 1),
        ("relations", 1),
        ("financialMeasures", 1),
        ("events", 1),
        ("sources", 1),
    ];
    for (list, count) in expected {
        let data = server
            .query(
                &format!("{{ {list} {{ totalCount edges {{ cursor node {{ __typename id }} }} pageInfo {{ hasNextPage hasPreviousPage }} }} }}"),
                json!({}),
            )
            .await;
        let page = &data[list];
        assert_eq!(page["totalCount"], count, "{list}");
        assert_eq!(page["edges"].as_array().map(Vec::len), Some(count), "{list}");
        assert_eq!(
            page["pageInfo"],
            json!({ "hasNextPage": false, "hasPreviousPage": false }),
            "{list}"
        );
    }
}

const PAGE: &str = r#"query($first: Int, $after: String, $last: Int, $before: String) {
    people(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        edges { cursor node { name } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
}"#;

fn names(page: &Value) -> Vec<String> {
    page["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"]["name"].as_str().expect("a name").to_owned())
        .collect()
}

fn people(range: std::ops::RangeInclusive<usize>) -> Vec<String> {
    range.map(|i| format!("Person {i}")).collect()
}

pub async fn pages_forward_with_first_and_after(db: TestDb) {
    let server = Server::start(&db).await;
    fixtures::people(&db.connect().await, 25).await;

    let first = server.query(PAGE, json!({ "first": 10 })).await["people"].clone();
    assert_eq!(first["totalCount"], 25);
    assert_eq!(names(&first), people(1..=10));
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    assert_eq!(first["pageInfo"]["hasPreviousPage"], false);
    assert_eq!(first["pageInfo"]["endCursor"], first["edges"][9]["cursor"]);

    let after = first["pageInfo"]["endCursor"].clone();
    let second = server.query(PAGE, json!({ "first": 10, "after": after })).await["people"].clone();
    assert_eq!(names(&second), people(11..=20));
    assert_eq!(second["pageInfo"]["hasPreviousPage"], true);

    let after = second["pageInfo"]["endCursor"].clone();
    let last = server.query(PAGE, json!({ "first": 10, "after": after })).await["people"].clone();
    assert_eq!(names(&last), people(21..=25));
    assert_eq!(last["pageInfo"]["hasNextPage"], false);
    assert_eq!(
        last["totalCount"], 25,
        "totalCount counts the whole list on every page"
    );
}

pub async fn pages_backward_with_last_and_before(db: TestDb) {
    let server = Server::start(&db).await;
    fixtures::people(&db.connect().await, 25).await;

    let tail = server.query(PAGE, json!({ "last": 10 })).await["people"].clone();
    assert_eq!(names(&tail), people(16..=25));
    assert_eq!(tail["pageInfo"]["hasPreviousPage"], true);
    assert_eq!(tail["pageInfo"]["hasNextPage"], false);

    let before = tail["pageInfo"]["startCursor"].clone();
    let earlier = server.query(PAGE, json!({ "last": 10, "before": before })).await["people"].clone();
    assert_eq!(names(&earlier), people(6..=15));
    assert_eq!(earlier["pageInfo"]["hasNextPage"], true);

    let before = earlier["pageInfo"]["startCursor"].clone();
    let head = server.query(PAGE, json!({ "last": 10, "before": before })).await["people"].clone();
    assert_eq!(names(&head), people(1..=5));
    assert_eq!(head["pageInfo"]["hasPreviousPage"], false);
}

pub async fn page_size_defaults_to_twenty_and_stops_at_one_hundred(db: TestDb) {
    let server = Server::start(&db).await;
    fixtures::people(&db.connect().await, 25).await;

    let default = server.query(PAGE, json!({})).await["people"].clone();
    assert_eq!(names(&default), people(1..=20));

    let error = server.query_error(PAGE, json!({ "first": 101 })).await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(
        error["message"],
        "`first` must be at most 100 (got 101); page through the list with `after`"
    );
    let error = server.query_error(PAGE, json!({ "last": -1 })).await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(error["message"], "`last` must not be negative (got -1)");
}

pub async fn a_foreign_cursor_is_refused(db: TestDb) {
    let server = Server::start(&db).await;
    let error = server
        .query_error(PAGE, json!({ "after": "bm90LWEtY3Vyc29y" }))
        .await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("`after`: \"bm90LWEtY3Vyc29y\" is not a cursor"),
        "{error}"
    );
    assert_eq!(error["path"], json!(["people"]));
}
