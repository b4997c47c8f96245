//! sea-orm entities of the newsgraph domain model: one module per table.
//!
//! This crate knows the database and nothing of GraphQL. Enumerated columns
//! are Rust enums (see [`kinds`]); their string values match the CHECK
//! constraints the migrations create.

pub mod kinds;

pub mod entity_alias;
pub mod entity_redirect;
pub mod event;
pub mod event_participant;
pub mod event_place;
pub mod event_quantity;
pub mod fact_evidence;
pub mod financial_measure;
pub mod financial_measure_issue;
pub mod issue;
pub mod issue_alias;
pub mod named_entity;
pub mod organisation;
pub mod person;
pub mod place;
pub mod relation;
pub mod role;
pub mod source;
pub mod statement;
pub mod statement_issue;
pub mod statement_mention;
pub mod write_log;

pub mod prelude {
    pub use super::entity_alias::Entity as EntityAlias;
    pub use super::event::Entity as Event;
    pub use super::event_participant::Entity as EventParticipant;
    pub use super::event_place::Entity as EventPlace;
    pub use super::event_quantity::Entity as EventQuantity;
    pub use super::fact_evidence::Entity as FactEvidence;
    pub use super::financial_measure::Entity as FinancialMeasure;
    pub use super::financial_measure_issue::Entity as FinancialMeasureIssue;
    pub use super::issue::Entity as Issue;
    pub use super::issue_alias::Entity as IssueAlias;
    pub use super::named_entity::Entity as NamedEntity;
    pub use super::organisation::Entity as Organisation;
    pub use super::person::Entity as Person;
    pub use super::place::Entity as Place;
    pub use super::relation::Entity as Relation;
    pub use super::role::Entity as Role;
    pub use super::source::Entity as Source;
    pub use super::statement::Entity as Statement;
    pub use super::statement_issue::Entity as StatementIssue;
    pub use super::statement_mention::Entity as StatementMention;
}
