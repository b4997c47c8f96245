//! Lists: a Relay connection per node kind, keyset pages, limits.

use serde_json::{Value, json};

use crate::fixtures;
use crate::full_document;
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

const SORTED: &str = r#"query($order: EntityOrder, $first: Int, $after: String, $last: Int, $before: String) {
    people(orderBy: $order, first: $first, after: $after, last: $last, before: $before) {
        edges { cursor node { name } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
}"#;

/// Pages through a list forwards (`first`/`after`) or backwards
/// (`last`/`before`) in pages of `size`; returns the names in list order.
async fn walk(
    server: &Server,
    query: &str,
    list: &str,
    vars: Value,
    size: i32,
    backwards: bool,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cursor = Value::Null;
    loop {
        let mut v = vars.clone();
        if backwards {
            v["last"] = json!(size);
            v["before"] = cursor.clone();
        } else {
            v["first"] = json!(size);
            v["after"] = cursor.clone();
        }
        let page = server.query(query, v).await[list].clone();
        let mut got: Vec<String> = page["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .map(|e| {
                e["node"]["name"]
                    .as_str()
                    .or(e["node"]["text"].as_str())
                    .expect("a name")
                    .to_owned()
            })
            .collect();
        let info = &page["pageInfo"];
        if backwards {
            got.append(&mut out);
            out = got;
            if info["hasPreviousPage"] != true {
                return out;
            }
            cursor = info["startCursor"].clone();
        } else {
            out.append(&mut got);
            if info["hasNextPage"] != true {
                return out;
            }
            cursor = info["endCursor"].clone();
        }
        assert!(out.len() <= 1000, "paging does not end");
    }
}

pub async fn people_sort_by_name_both_ways_and_page_in_that_order(db: TestDb) {
    let server = Server::start(&db).await;
    fixtures::people(&db.connect().await, 25).await;
    // Names sort as text: "Person 1", "Person 10", "Person 11", ...
    let mut ascending = people(1..=25);
    ascending.sort_by_key(|n| n.to_lowercase());
    let mut descending = ascending.clone();
    descending.reverse();

    let asc = json!({ "order": { "field": "NAME", "direction": "ASC" } });
    let desc = json!({ "order": { "field": "NAME", "direction": "DESC" } });
    assert_eq!(
        walk(&server, SORTED, "people", asc.clone(), 100, false).await,
        ascending
    );
    assert_eq!(
        walk(&server, SORTED, "people", desc.clone(), 100, false).await,
        descending
    );
    for size in [1, 7, 25] {
        assert_eq!(
            walk(&server, SORTED, "people", asc.clone(), size, false).await,
            ascending,
            "{size}"
        );
        assert_eq!(
            walk(&server, SORTED, "people", asc.clone(), size, true).await,
            ascending,
            "{size}"
        );
        assert_eq!(
            walk(&server, SORTED, "people", desc.clone(), size, false).await,
            descending,
            "{size}"
        );
        assert_eq!(
            walk(&server, SORTED, "people", desc.clone(), size, true).await,
            descending,
            "{size}"
        );
    }
    // Direction defaults to ascending; CREATED_AT is the order of adding.
    let default = json!({ "order": { "field": "NAME" } });
    assert_eq!(
        walk(&server, SORTED, "people", default, 10, false).await,
        ascending
    );
    let added = json!({ "order": { "field": "CREATED_AT", "direction": "DESC" } });
    let mut newest_first = people(1..=25);
    newest_first.reverse();
    assert_eq!(
        walk(&server, SORTED, "people", added, 10, false).await,
        newest_first
    );
}

const BY_DATE: &str = r#"query($order: StatementOrder, $first: Int, $after: String, $last: Int, $before: String) {
    statements(orderBy: $order, first: $first, after: $after, last: $last, before: $before) {
        edges { cursor node { text saidOn { date } } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
}"#;

pub async fn statements_sort_by_date_with_undated_ones_first_ascending_and_last_descending(server: Server) {
    let all =
        |direction: &str| json!({ "order": { "field": "SAID_ON", "direction": direction }, "first": 100 });
    let asc = server.query(BY_DATE, all("ASC")).await["statements"]["edges"].clone();
    let dates: Vec<Value> = asc
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"]["saidOn"].clone())
        .collect();
    assert_eq!(dates.len(), 31);
    // The seed has 12 undated statements and 19 of December 2025.
    assert!(dates[..12].iter().all(Value::is_null), "{dates:?}");
    assert!(dates[12..].iter().all(|d| d["date"] == "2025-12-01"), "{dates:?}");
    let desc = server.query(BY_DATE, all("DESC")).await["statements"]["edges"].clone();
    let dates: Vec<Value> = desc
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"]["saidOn"].clone())
        .collect();
    assert!(dates[..19].iter().all(|d| d["date"] == "2025-12-01"), "{dates:?}");
    assert!(dates[19..].iter().all(Value::is_null), "{dates:?}");

    // Pages of any size, either way, meet the same order across the
    // boundary between dated and undated statements.
    let texts = |edges: &Value| -> Vec<String> {
        edges
            .as_array()
            .expect("edges")
            .iter()
            .map(|e| e["node"]["text"].as_str().expect("text").to_owned())
            .collect()
    };
    for (direction, whole) in [("ASC", texts(&asc)), ("DESC", texts(&desc))] {
        let vars = json!({ "order": { "field": "SAID_ON", "direction": direction } });
        for size in [4, 12, 19] {
            assert_eq!(
                walk(&server, BY_DATE, "statements", vars.clone(), size, false).await,
                whole,
                "{direction} {size}"
            );
            assert_eq!(
                walk(&server, BY_DATE, "statements", vars.clone(), size, true).await,
                whole,
                "{direction} {size}"
            );
        }
    }
}

pub async fn an_empty_list_and_a_list_of_exactly_one_page(db: TestDb) {
    let server = Server::start(&db).await;
    let empty = json!({
        "totalCount": 0,
        "edges": [],
        "pageInfo": { "hasNextPage": false, "hasPreviousPage": false, "startCursor": null, "endCursor": null }
    });
    assert_eq!(server.query(PAGE, json!({})).await["people"], empty);
    assert_eq!(server.query(PAGE, json!({ "last": 5 })).await["people"], empty);
    assert_eq!(server.query(PAGE, json!({ "first": 0 })).await["people"], empty);

    fixtures::people(&db.connect().await, 25).await;
    let whole = server.query(PAGE, json!({ "first": 25 })).await["people"].clone();
    assert_eq!(names(&whole), people(1..=25));
    assert_eq!(whole["pageInfo"]["hasNextPage"], false);
    assert_eq!(whole["pageInfo"]["hasPreviousPage"], false);
    let whole = server.query(PAGE, json!({ "last": 25 })).await["people"].clone();
    assert_eq!(names(&whole), people(1..=25));
    assert_eq!(whole["pageInfo"]["hasNextPage"], false);
    assert_eq!(whole["pageInfo"]["hasPreviousPage"], false);
    // After the last item: an empty page that knows what precedes it.
    let end = whole["pageInfo"]["endCursor"].clone();
    let past = server.query(PAGE, json!({ "after": end })).await["people"].clone();
    assert_eq!(past["edges"], json!([]));
    assert_eq!(past["pageInfo"]["hasPreviousPage"], true);
    assert_eq!(past["pageInfo"]["hasNextPage"], false);
}

pub async fn a_cursor_of_another_list_or_order_is_refused(server: Server) {
    let statement_cursor = server
        .query("{ statements(first: 1) { pageInfo { endCursor } } }", json!({}))
        .await["statements"]["pageInfo"]["endCursor"]
        .clone();
    let error = server
        .query_error(PAGE, json!({ "after": statement_cursor }))
        .await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("`after`:"),
        "{error}"
    );

    let by_name = server
        .query(
            "{ people(first: 1, orderBy: { field: NAME }) { pageInfo { endCursor } } }",
            json!({}),
        )
        .await["people"]["pageInfo"]["endCursor"]
        .clone();
    // The same list in another order, or the other direction, refuses it.
    let error = server.query_error(PAGE, json!({ "before": by_name })).await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("`before`:"),
        "{error}"
    );
    let desc = json!({ "order": { "field": "NAME", "direction": "DESC" }, "after": by_name });
    let error = server.query_error(SORTED, desc).await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    // A nested list refuses a cursor of a root list too.
    let error = server
        .query_error(
            "query($c: String) { people(first: 1) { nodes { statements(after: $c) { totalCount } } } }",
            json!({ "c": by_name }),
        )
        .await;
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
}

/// The ids of a list's page, and its end cursor.
fn page_of(list: &Value) -> (Vec<String>, Value) {
    let ids = list["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["id"].as_str().expect("id").to_owned())
        .collect();
    (ids, list["pageInfo"]["endCursor"].clone())
}

pub async fn an_issues_statements_read_the_same_nested_as_filtered_for_popular_and_rare_issues(db: TestDb) {
    // A generated graph, where the most talked-about issue has thousands of
    // statements (on SQLite its pages walk the list) and the least has a
    // few (its pages list the links first).
    crate::fixtures::generated(&db, 5_000).await;
    let server = Server::start(&db).await;

    let issues = server
        .query(
            "{ issues(first: 100) { nodes { id statements { totalCount } } } }",
            json!({}),
        )
        .await;
    let mut counted: Vec<(i64, String)> = issues["issues"]["nodes"]
        .as_array()
        .expect("issues")
        .iter()
        .map(|i| {
            let n = i["statements"]["totalCount"].as_i64().expect("a count");
            (n, i["id"].as_str().expect("id").to_owned())
        })
        .filter(|(n, _)| *n > 0)
        .collect();
    counted.sort();
    let (most, popular) = counted.last().cloned().expect("issues with statements");
    assert!(
        most >= 1_000,
        "the generated graph has an issue of {most} statements"
    );
    let (_, rare) = counted.first().cloned().expect("issues with statements");

    let nested = "query($id: ID!, $order: StatementOrder, $after: String) { node(id: $id) { ... on Issue {
        statements(first: 20, orderBy: $order, after: $after) { nodes { id } pageInfo { endCursor } } } } }";
    let filtered = "query($id: ID!, $order: StatementOrder, $after: String) {
        statements(filter: { issue: $id }, first: 20, orderBy: $order, after: $after) { nodes { id } pageInfo { endCursor } } }";
    for issue in [&popular, &rare] {
        for order in [Value::Null, json!({ "field": "SAID_ON", "direction": "DESC" })] {
            let (mut after_nested, mut after_filtered) = (Value::Null, Value::Null);
            // Two pages each way: the second from each list's own cursor.
            for page in 1..=2 {
                let a = server
                    .query(
                        nested,
                        json!({ "id": issue, "order": order, "after": after_nested }),
                    )
                    .await;
                let b = server
                    .query(
                        filtered,
                        json!({ "id": issue, "order": order, "after": after_filtered }),
                    )
                    .await;
                let (ids_a, end_a) = page_of(&a["node"]["statements"]);
                let (ids_b, end_b) = page_of(&b["statements"]);
                assert!(!ids_a.is_empty() || page == 2, "page {page} of {issue} is empty");
                assert_eq!(ids_a, ids_b, "page {page} of {issue} in order {order}");
                after_nested = end_a;
                after_filtered = end_b;
                if after_nested.is_null() {
                    break;
                }
            }
        }
        assert_counts_agree(&server, issue).await;
    }
}

/// An issue's statements counted four ways agree: nested under the issue,
/// filtered by it (which counts the links alone), and the sum over both
/// kinds of statement (each counted over the statements themselves); with a
/// stance, the last two.
async fn assert_counts_agree(server: &Server, issue: &str) {
    let counts = server
        .query(
            "query($id: ID!) {
                nested: node(id: $id) { ... on Issue { statements { totalCount } } }
                filtered: statements(filter: { issue: $id }) { totalCount }
                quotes: statements(filter: { issue: $id, kind: DIRECT_QUOTE }) { totalCount }
                paraphrases: statements(filter: { issue: $id, kind: PARAPHRASE }) { totalCount }
                opposing: statements(filter: { issue: $id, stance: OPPOSES }) { totalCount }
                opposingQuotes: statements(filter: { issue: $id, stance: OPPOSES, kind: DIRECT_QUOTE }) { totalCount }
                opposingParaphrases: statements(filter: { issue: $id, stance: OPPOSES, kind: PARAPHRASE }) { totalCount }
            }",
            json!({ "id": issue }),
        )
        .await;
    let n = |path: &str| counts[path]["totalCount"].as_i64().expect("a count");
    let nested = counts["nested"]["statements"]["totalCount"]
        .as_i64()
        .expect("a count");
    assert!(nested > 0, "{counts}");
    assert_eq!(nested, n("filtered"), "{counts}");
    assert_eq!(n("filtered"), n("quotes") + n("paraphrases"), "{counts}");
    assert_eq!(
        n("opposing"),
        n("opposingQuotes") + n("opposingParaphrases"),
        "{counts}"
    );
}

/// Statements said on distinct years, months and days come in the order of
/// their dates: undated first ascending and last descending; pages of two
/// walked either way meet the same order; a speaker's own list too. A
/// reversed or ignored date order fails here.
pub async fn statements_sort_by_date_across_years_months_and_days(db: TestDb) {
    full_document::import_it(&db).await;
    let server = Server::start(&db).await;
    let ascending: Vec<String> = full_document::BY_DATE.iter().map(|t| t.to_string()).collect();
    // Descending: the dated ones latest first, then the undated one.
    let mut descending: Vec<String> = ascending[1..].iter().rev().cloned().collect();
    descending.push(ascending[0].clone());

    for (direction, expected) in [("ASC", &ascending), ("DESC", &descending)] {
        let vars = json!({ "order": { "field": "SAID_ON", "direction": direction } });
        let mut all = vars.clone();
        all["first"] = json!(100);
        let edges = server.query(BY_DATE, all).await["statements"]["edges"].clone();
        let texts: Vec<&str> = edges
            .as_array()
            .expect("edges")
            .iter()
            .map(|e| e["node"]["text"].as_str().expect("text"))
            .collect();
        assert_eq!(&texts, expected, "{direction}");
        for backwards in [false, true] {
            assert_eq!(
                &walk(&server, BY_DATE, "statements", vars.clone(), 2, backwards).await,
                expected,
                "{direction}, pages of two, backwards: {backwards}"
            );
        }
    }

    let nested = server
        .query(
            r#"{ people(filter: { name: "Rudolf Rassendyll" }) { nodes {
                latest: statements(orderBy: { field: SAID_ON, direction: DESC }) { nodes { text } }
                earliest: statements(orderBy: { field: SAID_ON, direction: ASC }, first: 1) { nodes { text } }
            } } }"#,
            json!({}),
        )
        .await;
    let rudolf = &nested["people"]["nodes"][0];
    let texts = |list: &Value| -> Vec<String> {
        list["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .map(|n| n["text"].as_str().expect("text").to_owned())
            .collect()
    };
    assert_eq!(
        texts(&rudolf["latest"]),
        [ascending[5].as_str(), &ascending[3], &ascending[1]],
        "{nested}"
    );
    assert_eq!(texts(&rudolf["earliest"]), [ascending[1].as_str()], "{nested}");
}

/// The first cursor of a root list of people, organisations or places.
async fn first_cursor(server: &Server, list: &str, order: &str) -> Value {
    let query = format!("{{ {list}(first: 1{order}) {{ pageInfo {{ endCursor }} }} }}");
    let cursor = server.query(&query, json!({})).await[list]["pageInfo"]["endCursor"].clone();
    assert!(cursor.is_string(), "{list} has a first item");
    cursor
}

pub async fn people_organisations_and_places_refuse_each_others_cursors(server: Server) {
    const LISTS: [&str; 3] = ["people", "organisations", "places"];
    for order in ["", ", orderBy: { field: NAME }"] {
        for from in LISTS {
            let cursor = first_cursor(&server, from, order).await;
            for to in LISTS.into_iter().filter(|to| *to != from) {
                for argument in ["after", "before"] {
                    let query = format!(
                        "query($c: String) {{ {to}({argument}: $c{order}) {{ totalCount nodes {{ id }} }} }}"
                    );
                    let error = server.query_error(&query, json!({ "c": cursor })).await;
                    let context = format!("a cursor of {from} given to {to} as `{argument}`{order}");
                    assert_eq!(
                        error["extensions"]["code"], "BAD_USER_INPUT",
                        "{context}: {error}"
                    );
                    assert_eq!(
                        error["message"],
                        format!(
                            "`{argument}`: {cursor} is not a cursor of this list in this order; \
                             use a cursor this list returned with the same `orderBy`"
                        ),
                        "{context}"
                    );
                    assert_eq!(error["path"], json!([to]), "{context}");
                }
            }
            // Its own list takes it.
            let own = format!("query($c: String) {{ {from}(after: $c{order}) {{ totalCount }} }}");
            server.query(&own, json!({ "c": cursor })).await;
        }
    }
}

const PEOPLE_BY_NAME: &str = r#"query($order: EntityOrder, $first: Int, $after: String, $last: Int, $before: String) {
    people(orderBy: $order, first: $first, after: $after, last: $last, before: $before) {
        edges { cursor node { name } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
}"#;

const ISSUES_BY_NAME: &str = r#"query($order: IssueOrder, $first: Int, $after: String, $last: Int, $before: String) {
    issues(orderBy: $order, first: $first, after: $after, last: $last, before: $before) {
        edges { cursor node { name } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
}"#;

/// Walks a list sorted by name in pages of 1, 2 and 100, forwards and
/// backwards, ascending and descending, and checks each walk's order.
async fn check_name_order(server: &Server, query: &str, list: &str, ascending: &[&str]) {
    let descending: Vec<&str> = ascending.iter().rev().copied().collect();
    for (direction, expected) in [("ASC", ascending.to_vec()), ("DESC", descending)] {
        let vars = json!({ "order": { "field": "NAME", "direction": direction } });
        for size in [1, 2, 100] {
            for backwards in [false, true] {
                let got = walk(server, query, list, vars.clone(), size, backwards).await;
                assert_eq!(
                    got, expected,
                    "{list} {direction}, pages of {size}, backwards: {backwards}"
                );
            }
        }
    }
}

pub async fn names_sort_as_written_ignoring_case_and_accents(db: TestDb) {
    use crate::writes::{EDITOR, post};
    let server = crate::writes::server(&db, false).await;
    let person = |key: &str, name: &str| json!({ "key": key, "name": name });
    let doc = json!({
        "format": "newsgraph/1",
        "people": [
            person("ushakov", "Yuri Ushakov"),
            person("kushner", "Jared Kushner"),
            person("rubio", "Marco Rubio"),
            person("martin", "Élodie Martin"),
            person("peskov", "dmitry Peskov"),
            person("smith", "Fred Smith"),
        ],
        "issues": [
            { "key": "yield", "name": "Yield curve" },
            { "key": "rates", "name": "Interest rates" },
            { "key": "economy", "name": "Économie" },
        ],
    });
    let (status, body) = post(
        &server,
        Some(EDITOR),
        "mutation($doc: JSON!) { importGraph(document: $doc) { records { kind added } } }",
        json!({ "doc": doc }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("errors").is_none(), "{body}");

    // By the folded name ("iuri ushakov"), Yuri Ushakov came before Jared
    // Kushner, and "Yield" before "Interest"; by bytes, "Élodie" came last
    // and lower-case "dmitry" after every capital.
    let people = [
        "dmitry Peskov",
        "Élodie Martin",
        "Fred Smith",
        "Jared Kushner",
        "Marco Rubio",
        "Yuri Ushakov",
    ];
    check_name_order(&server, PEOPLE_BY_NAME, "people", &people).await;
    check_name_order(
        &server,
        ISSUES_BY_NAME,
        "issues",
        &["Économie", "Interest rates", "Yield curve"],
    )
    .await;

    // A new name sorts where it is written: Fred Smith renamed "Ángel Smith".
    let smith = server
        .query(
            "{ people(filter: { name: \"fred\" }) { nodes { id version } } }",
            json!({}),
        )
        .await["people"]["nodes"][0]
        .clone();
    let (status, body) = post(
        &server,
        Some(EDITOR),
        "mutation($id: ID!, $v: Int!) { updateEntity(id: $id, version: $v, input: { name: \"Ángel Smith\" }) { version } }",
        json!({ "id": smith["id"], "v": smith["version"] }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("errors").is_none(), "{body}");
    let renamed = [
        "Ángel Smith",
        "dmitry Peskov",
        "Élodie Martin",
        "Jared Kushner",
        "Marco Rubio",
        "Yuri Ushakov",
    ];
    check_name_order(&server, PEOPLE_BY_NAME, "people", &renamed).await;
}
