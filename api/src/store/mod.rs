//! The write core: what every writer shares, whether it is `newsgraph
//! import`, `importGraph`, a `create*`/`add*` mutation or an `update*`.
//!
//! - [`problem`]: one shape for what is wrong with a write and where, one
//!   collector, one mapping to CLI lines and to `extensions.problems`;
//! - [`text`]: the rules of plain fields (not blank, one line);
//! - [`evidence`]: the checks of a span against its source's text;
//! - [`identity`]: when two facts are the same fact;
//! - [`reports`]: the later reports of a fact, beside its first;
//! - [`period`]: a role or an event does not end before it starts;
//! - [`transaction`]: the write lock, the write log and the changes
//!   published once the write is committed.
//!
//! Typed values (dates, amounts, codes, language tags) live in
//! [`crate::domain`]. This module sits below `graphql/` and `import/`,
//! which both call it; it imports neither.

pub mod evidence;
pub mod identity;
pub mod period;
pub mod problem;
pub mod reports;
pub mod text;
pub mod transaction;

pub use entity::fact_evidence::Fact;
pub use evidence::{Evidence, SourceText, Span};
pub use problem::{Problem, Problems};
pub use transaction::{Actor, Write};
