//! Messages say what to do about the request as it was sent, and show no
//! internals: the cursor to page with, a version that does not exist yet,
//! dates as clients write them.

use serde_json::json;

use crate::harness::TestDb;
use crate::writes::{EDITOR, post, server};

pub async fn messages_name_the_right_cursor_version_and_dates(db: TestDb) {
    let server = server(&db, false).await;

    for (size, cursor) in [("first", "after"), ("last", "before")] {
        let error = server
            .query_error(&format!("{{ people({size}: 101) {{ totalCount }} }}"), json!({}))
            .await;
        assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{error}");
        assert_eq!(
            error["message"],
            format!("`{size}` must be at most 100 (got 101); page through the list with `{cursor}`")
        );
    }

    let error = server
        .query_error(
            r#"{ statements(filter: { saidFrom: "2025-12-05", saidTo: "2025-12-01" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{error}");
    assert_eq!(
        error["message"],
        "`filter.saidFrom` must not lie after `filter.saidTo` (got 2025-12-05 and 2025-12-01)"
    );

    let doc = json!({ "format": "newsgraph/1", "people": [{ "key": "p", "name": "Dmitry Peskov" }] });
    let (status, body) = post(
        &server,
        Some(EDITOR),
        "mutation($doc: JSON!) { importGraph(document: $doc) { records { kind } } }",
        json!({ "doc": doc }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let person = server
        .query("{ people { nodes { id version } } }", json!({}))
        .await["people"]["nodes"][0]
        .clone();
    assert_eq!(person["version"], 1, "{person}");
    let delete = "mutation($id: ID!, $version: Int!) { deleteNode(id: $id, version: $version) }";
    let (_, body) = post(
        &server,
        Some(EDITOR),
        delete,
        json!({ "id": person["id"], "version": 6 }),
    )
    .await;
    let error = &body["errors"][0];
    assert_eq!(error["extensions"]["code"], "CONFLICT", "{body}");
    assert_eq!(
        error["message"],
        "the node has no version 6 yet: it is at version 1; read it again"
    );
    let still = server.query("{ people { totalCount } }", json!({})).await;
    assert_eq!(still["people"]["totalCount"], 1, "nothing was deleted");

    // An update says the same of a version the node has not reached.
    let update = "mutation($id: ID!, $version: Int!) { updateEntity(id: $id, version: $version, input: { description: \"x\" }) { version } }";
    let (_, body) = post(
        &server,
        Some(EDITOR),
        update,
        json!({ "id": person["id"], "version": 6 }),
    )
    .await;
    let error = &body["errors"][0];
    assert_eq!(error["extensions"]["code"], "CONFLICT", "{body}");
    assert_eq!(
        error["message"],
        "the entity has no version 6 yet: it is at version 1; read it again and reapply the change"
    );
}
