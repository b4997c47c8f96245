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

/// The `src` and `href` values of a page, in order.
fn links(page: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for attribute in [" src=\"", " href=\""] {
        let mut rest = page;
        while let Some(at) = rest.find(attribute) {
            rest = &rest[at + attribute.len()..];
            let end = rest.find('"').expect("a closing quote");
            found.push(&rest[..end]);
        }
    }
    found
}

pub async fn the_playground_loads_every_file_from_the_server_itself(db: TestDb) {
    let server = Server::start(&db).await;
    let res = server
        .http()
        .get(format!("{}/", server.base))
        .send()
        .await
        .expect("GET /");
    let policy = res.headers()["content-security-policy"]
        .to_str()
        .expect("a policy")
        .to_owned();
    assert!(policy.contains("script-src 'self'"), "{policy}");
    let page = res.text().await.expect("a page");
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "the page names another host: {page}"
    );
    let files: Vec<&str> = links(&page)
        .into_iter()
        .filter(|link| !link.starts_with("data:"))
        .collect();
    assert_eq!(
        files.len(),
        5,
        "React, ReactDOM, GraphiQL's script and styles, the start script: {files:?}"
    );
    for file in files {
        assert!(file.starts_with("/playground/"), "{file}");
        let res = server
            .http()
            .get(format!("{}{file}", server.base))
            .send()
            .await
            .expect("GET a playground file");
        assert_eq!(res.status().as_u16(), 200, "{file}");
        let header = |name: &str| {
            res.headers()
                .get(name)
                .unwrap_or_else(|| panic!("{file} has no {name}"))
                .to_str()
                .expect("a text header")
                .to_owned()
        };
        let expected = if file.ends_with(".css") {
            "text/css"
        } else {
            "text/javascript"
        };
        assert!(header("content-type").starts_with(expected), "{file}");
        let cache = header("cache-control");
        if file.contains("-3.9.0.") || file.contains("-18.3.1.") {
            assert_eq!(cache, "public, max-age=31536000, immutable", "{file}");
        } else {
            assert_eq!(cache, "no-cache", "{file}");
        }
        let etag = header("etag");
        assert!(res.bytes().await.expect("a body").len() > 100, "{file} is empty");

        // A browser that holds the file already gets 304 and no body.
        let again = server
            .http()
            .get(format!("{}{file}", server.base))
            .header("if-none-match", &etag)
            .send()
            .await
            .expect("GET again");
        assert_eq!(again.status().as_u16(), 304, "{file}");
        assert_eq!(again.headers()["etag"], etag.as_str());
    }

    let res = server
        .http()
        .get(format!("{}/playground/graphiql-0.0.1.min.js", server.base))
        .send()
        .await
        .expect("GET an unknown file");
    assert_eq!(res.status().as_u16(), 404);
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
