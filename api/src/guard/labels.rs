//! The `operation` label of the request metrics: only names the document
//! defines, and at most `--max-operation-labels` of them, so that a client
//! cannot grow the metrics without bound.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};

use async_graphql::ServerResult;
use async_graphql::extensions::ExtensionContext;
use async_graphql::parser::types::{DocumentOperations, ExecutableDocument};

use super::DocumentCheck;

/// Most operation names `newsgraph_requests_total` gives a series of its
/// own (`--max-operation-labels`); names first seen after these count as `other`.
static MAX_OPERATION_LABELS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(200);

/// Sets how many operation names get a series of their own.
pub fn set_max_operation_labels(max: usize) {
    MAX_OPERATION_LABELS.store(max, std::sync::atomic::Ordering::Relaxed);
}

/// The `operation` label of a request: the name of the operation it runs,
/// found in its document once parsed (so a name the document does not
/// define is never a label), `anonymous` for an operation without one, and
/// `other` for anything else or past the first `--max-operation-labels` names.
#[derive(Clone, Default)]
pub struct OperationLabel {
    /// The `operationName` the client sent.
    requested: Option<String>,
    found: Arc<OnceLock<String>>,
}

impl OperationLabel {
    /// The label of a request that sent this `operationName`.
    pub fn new(requested: Option<&str>) -> Self {
        Self {
            requested: requested.map(str::to_owned),
            found: Arc::default(),
        }
    }

    /// The label, once the request ran (`other` if its document never parsed).
    pub fn get(&self) -> String {
        self.found.get().cloned().unwrap_or_else(|| "other".to_owned())
    }

    fn find(&self, document: &ExecutableDocument) {
        let name = match (&document.operations, self.requested.as_deref()) {
            (DocumentOperations::Single(_), None) => Some("anonymous"),
            (DocumentOperations::Multiple(ops), Some(name)) => {
                ops.get_key_value(name).map(|(n, _)| n.as_str())
            }
            (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => {
                ops.keys().next().map(|n| n.as_str())
            }
            _ => None,
        };
        let _ = self.found.set(bounded(name.unwrap_or("other")));
    }
}

/// A name as a label: itself while fewer than `--max-operation-labels`
/// names are labels (or it is one), else `other`.
fn bounded(name: &str) -> String {
    static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);
    if matches!(name, "anonymous" | "other") {
        return name.to_owned();
    }
    let Ok(mut seen) = SEEN.lock() else {
        return "other".to_owned();
    };
    let seen = seen.get_or_insert_with(HashSet::new);
    let max = MAX_OPERATION_LABELS.load(std::sync::atomic::Ordering::Relaxed);
    if name.len() <= 64 && (seen.contains(name) || seen.len() < max) {
        seen.insert(name.to_owned());
        name.to_owned()
    } else {
        "other".to_owned()
    }
}

/// The schema check that finds each request's [`OperationLabel`] in its
/// parsed document: `OnParse(LabelOperations)`.
#[derive(Clone)]
pub struct LabelOperations;

impl DocumentCheck for LabelOperations {
    fn after(&self, ctx: &ExtensionContext<'_>, document: &ExecutableDocument) -> ServerResult<()> {
        if let Some(label) = ctx.data_opt::<OperationLabel>() {
            label.find(document);
        }
        Ok(())
    }
}
