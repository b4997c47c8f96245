//! Puts every object of a response in the order its fields were asked for.
//!
//! The GraphQL spec orders a response's fields as the query selects them,
//! fragments expanded where they are spread, and clients and people reading
//! the playground rely on it. async-graphql resolves the fields of an object
//! concurrently and keeps them in the order they finish, so a field that
//! waited for the database comes after one that did not. This extension
//! keeps the executed document and sorts each object of the answer (and of
//! each subscription event) by the position of its response keys in the
//! selection, recursively.

use std::sync::{Arc, Mutex};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery, NextSubscribe,
};
use async_graphql::parser::types::{DocumentOperations, ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Name, Response, ServerResult, Value, Variables};
use futures_util::StreamExt;
use futures_util::stream::BoxStream;

/// The extension's factory: one instance per request.
pub struct FieldOrder;

impl ExtensionFactory for FieldOrder {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Keeper::default())
    }
}

/// Holds the request's parsed document from parsing until execution, and
/// for a subscription while its events come.
#[derive(Default)]
struct Keeper(Arc<Mutex<Option<Arc<ExecutableDocument>>>>);

fn kept(keeper: &Mutex<Option<Arc<ExecutableDocument>>>) -> Option<Arc<ExecutableDocument>> {
    keeper.lock().ok().and_then(|d| d.clone())
}

#[async_graphql::async_trait::async_trait]
impl Extension for Keeper {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        if let Ok(mut kept) = self.0.lock() {
            *kept = Some(Arc::new(document.clone()));
        }
        Ok(document)
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let mut response = next.run(ctx, operation_name).await;
        if let Some(document) = kept(&self.0) {
            sort_response(&document, operation_name, &mut response);
        }
        response
    }

    fn subscribe<'s>(
        &self,
        ctx: &ExtensionContext<'_>,
        stream: BoxStream<'s, Response>,
        next: NextSubscribe<'_>,
    ) -> BoxStream<'s, Response> {
        // The stream parses the document when it is first polled, so each
        // event looks the document up as it comes.
        let keeper = self.0.clone();
        next.run(ctx, stream)
            .map(move |mut response| {
                if let Some(document) = kept(&keeper) {
                    // A subscription document holds one operation; the
                    // extension is not told which one a document of several means.
                    sort_response(&document, None, &mut response);
                }
                response
            })
            .boxed()
    }
}

fn sort_response(document: &ExecutableDocument, operation_name: Option<&str>, response: &mut Response) {
    let operation = match (&document.operations, operation_name) {
        (DocumentOperations::Single(op), _) => op,
        (DocumentOperations::Multiple(ops), Some(name)) => match ops.get(name) {
            Some(op) => op,
            None => return,
        },
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => match ops.values().next() {
            Some(op) => op,
            None => return,
        },
        _ => return,
    };
    sort(
        &mut response.data,
        &[&operation.node.selection_set.node],
        document,
    );
}

/// The response keys a selection asks for, in order, each with the
/// selection sets asked of it.
type Keys<'d> = Vec<(&'d Name, Vec<&'d SelectionSet>)>;

/// Sorts `value`, the answer to the union of `sets`, and what it holds.
fn sort(value: &mut Value, sets: &[&SelectionSet], document: &ExecutableDocument) {
    if !matches!(value, Value::List(_) | Value::Object(_)) {
        return;
    }
    // Worked out once for a whole list: its items answer the same selection.
    let mut keys = Keys::new();
    for set in sets {
        collect(set, document, &mut keys, 0);
    }
    sort_by_keys(value, &keys, document);
}

fn sort_by_keys(value: &mut Value, keys: &Keys<'_>, document: &ExecutableDocument) {
    match value {
        Value::List(items) => {
            for item in items {
                sort_by_keys(item, keys, document);
            }
        }
        Value::Object(map) => {
            let position = |name: &Name| keys.iter().position(|(k, _)| *k == name).unwrap_or(usize::MAX);
            map.sort_by(|a, _, b, _| position(a).cmp(&position(b)));
            for (name, inner) in map.iter_mut() {
                if let Some((_, subsets)) = keys.iter().find(|(k, _)| *k == name)
                    && !subsets.is_empty()
                {
                    sort(inner, subsets, document);
                }
            }
        }
        _ => {}
    }
}

/// The response keys of `set` in document order, fragments expanded in
/// place, each with the selection sets asked of it. Fragment cycles are
/// refused by validation; `depth` guards anyway.
fn collect<'d>(set: &'d SelectionSet, document: &'d ExecutableDocument, keys: &mut Keys<'d>, depth: usize) {
    if depth > 64 {
        return;
    }
    for selection in &set.items {
        match &selection.node {
            Selection::Field(field) => {
                let key = &field.node.response_key().node;
                let inner = &field.node.selection_set.node;
                let at = match keys.iter().position(|(k, _)| *k == key) {
                    Some(at) => at,
                    None => {
                        keys.push((key, Vec::new()));
                        keys.len() - 1
                    }
                };
                if !inner.items.is_empty() {
                    keys[at].1.push(inner);
                }
            }
            Selection::FragmentSpread(spread) => {
                if let Some(fragment) = document.fragments.get(&spread.node.fragment_name.node) {
                    collect(&fragment.node.selection_set.node, document, keys, depth + 1);
                }
            }
            Selection::InlineFragment(inline) => {
                collect(&inline.node.selection_set.node, document, keys, depth + 1);
            }
        }
    }
}
