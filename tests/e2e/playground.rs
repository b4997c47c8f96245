//! The playground, GET and POST, and the first start.

use serde_json::json;

use crate::harness::{Backend, TestDb};
use crate::server::Server;

pub async fn root_serves_the_graphiql_playground(db: TestDb) {
    let server = Server::start(&db).await;
    let res = server
        .http()
        .get(format!("{}/", server.base))
        .send()
        .await
        .expect("GET /");
    assert_eq!(res.status().as_u16(), 200);
    let content_type = res.headers()["content-type"]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let page = res.text().await.expect("a page");
    assert!(page.contains("graphiql"), "not a GraphiQL page: {page}");
    assert!(
        page.contains("/graphql"),
        "the playground should point at /graphql"
    );
}

pub async fn typename_answers_over_post_and_get(db: TestDb) {
    let server = Server::start(&db).await;
    assert_eq!(
        server.query("{ __typename }", json!({})).await,
        json!({ "__typename": "Query" })
    );

    let res = server
        .http()
        .get(format!("{}/graphql", server.base))
        .query(&[("query", "{ __typename }")])
        .send()
        .await
        .expect("GET /graphql");
    assert_eq!(res.status().as_u16(), 200);
    let body: serde_json::Value = res.json().await.expect("JSON");
    assert_eq!(body, json!({ "data": { "__typename": "Query" } }));
}

pub async fn first_start_creates_and_migrates_the_database(db: TestDb) {
    if db.backend == Backend::Sqlite {
        assert!(
            !db.dir.join("newsgraph.db").exists(),
            "the case starts without a database"
        );
    }
    let server = Server::start(&db).await;
    let data = server
        .query(
            "{ people { totalCount } statements { totalCount } sources { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(data["people"]["totalCount"], 0);
    if db.backend == Backend::Sqlite {
        assert!(
            db.dir.join("newsgraph.db").exists(),
            "the embedded database was created in the data folder"
        );
    }
}
