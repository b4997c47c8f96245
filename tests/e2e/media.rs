//! GraphQL over HTTP media types: `application/graphql-response+json` for
//! clients that ask for it, with 400 for a request that fails before
//! execution; `application/json` for the rest, with 200; and request
//! bodies only as JSON.

use serde_json::{Value, json};

use crate::harness::TestDb;
use crate::server::Server;

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

/// POSTs `body` with the given `Accept` (if any); the status, the
/// content type and the JSON body.
async fn post(server: &Server, accept: Option<&str>, body: Value) -> (u16, String, Value) {
    let mut request = server.http().post(format!("{}/graphql", server.base)).json(&body);
    if let Some(accept) = accept {
        request = request.header("accept", accept);
    }
    let res = request.send().await.expect("sent");
    let status = res.status().as_u16();
    let content_type = res.headers()["content-type"]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    (status, content_type, res.json().await.expect("JSON"))
}

pub async fn each_client_gets_the_media_type_it_asks_for(db: TestDb) {
    let server = Server::start(&db).await;
    let query = json!({ "query": "{ __typename }" });
    for (accept, expected) in [
        (Some(GRAPHQL_RESPONSE), GRAPHQL_RESPONSE),
        (
            Some("application/graphql-response+json, application/json;q=0.9"),
            GRAPHQL_RESPONSE,
        ),
        (Some("application/json"), "application/json; charset=utf-8"),
        (Some("*/*"), "application/json; charset=utf-8"),
        (None, "application/json; charset=utf-8"),
    ] {
        let (status, content_type, body) = post(&server, accept, query.clone()).await;
        assert_eq!(status, 200, "{accept:?}");
        assert_eq!(content_type, expected, "{accept:?}");
        assert_eq!(body, json!({ "data": { "__typename": "Query" } }));
    }
}

pub async fn a_request_error_is_400_for_graphql_response_clients_and_has_no_data(db: TestDb) {
    let server = Server::start(&db).await;
    for (name, request) in [
        ("a document that does not parse", json!({ "query": "{" })),
        ("a field that does not exist", json!({ "query": "{ nonsense }" })),
        (
            "a variable that does not fit",
            json!({ "query": "query($id: ID!) { node(id: $id) { id } }", "variables": { "id": null } }),
        ),
    ] {
        let (status, _, body) = post(&server, Some(GRAPHQL_RESPONSE), request.clone()).await;
        assert_eq!(status, 400, "{name}: {body}");
        assert!(body.get("data").is_none(), "{name}: {body}");
        assert!(body["errors"][0]["message"].is_string(), "{name}: {body}");

        let (status, _, body) = post(&server, Some("application/json"), request).await;
        assert_eq!(status, 200, "{name}: {body}");
        assert!(body.get("data").is_none(), "{name}: {body}");
    }

    // An error in execution is not a request error: 200, with `data` (here
    // null: the bad ID fails the whole field).
    let (status, _, body) = post(
        &server,
        Some(GRAPHQL_RESPONSE),
        json!({ "query": "{ node(id: \"nonsense\") { id } }" }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body.get("data"), Some(&Value::Null), "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{body}"
    );
}

pub async fn a_request_without_a_json_body_or_a_query_is_refused(db: TestDb) {
    let server = Server::start(&db).await;
    let url = format!("{}/graphql", server.base);
    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let mut request = server.http().post(&url).body(r#"{"query":"{ __typename }"}"#);
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let res = request.send().await.expect("sent");
        assert_eq!(res.status(), 415, "{content_type:?}");
        let body: Value = res.json().await.expect("JSON");
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_REQUEST", "{body}");
    }

    for request in [
        json!({}),
        json!({ "query": "  " }),
        json!({ "qeury": "{ __typename }" }),
    ] {
        let (status, _, body) = post(&server, None, request.clone()).await;
        assert_eq!(status, 400, "{request}: {body}");
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_REQUEST", "{body}");
    }
}

pub async fn a_body_that_is_not_json_is_refused_in_the_media_type_the_client_accepts(db: TestDb) {
    let server = Server::start(&db).await;
    let url = format!("{}/graphql", server.base);
    for (accept, expected) in [
        (Some("application/json"), "application/json; charset=utf-8"),
        (None, "application/json; charset=utf-8"),
        (Some(GRAPHQL_RESPONSE), GRAPHQL_RESPONSE),
    ] {
        let mut request = server
            .http()
            .post(&url)
            .header("content-type", "text/plain")
            .body(r#"{"query":"{ __typename }"}"#);
        if let Some(accept) = accept {
            request = request.header("accept", accept);
        }
        let res = request.send().await.expect("sent");
        assert_eq!(res.status(), 415, "{accept:?}");
        let content_type = res.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
            .to_owned();
        assert_eq!(content_type, expected, "{accept:?}");
        let body: Value = res.json().await.expect("JSON");
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_REQUEST", "{body}");
    }
}
