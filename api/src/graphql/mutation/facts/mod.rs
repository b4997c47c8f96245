//! Correcting statements, financial measures and events: partial updates
//! based on the version the client read, checked by the import's rules,
//! written in one transaction and announced after the commit.

mod check;
mod event;
mod financial_measure;
mod statement;
mod write;

use async_graphql::MergedObject;

/// Correcting statements, financial measures and events.
#[derive(MergedObject, Default)]
pub struct FactMutation(StatementUpdate, FinancialMeasureUpdate, EventUpdate);

update_mutation! {
    /// Corrects a statement: its kind, text, speaker and the speaker's
    /// role, date, place, audience, issues with stances, mentions and
    /// evidence. The update is based on `version`, the statement's version
    /// the client read: if it changed since, nothing is written and the
    /// error is `CONFLICT`. An unknown statement, or a well-formed ID in
    /// `input` that names nothing, is `NOT_FOUND`; invalid fields are
    /// `BAD_USER_INPUT` with their paths in `extensions.problems`.
    StatementUpdate::update_statement(statement::StatementPatch) -> Statement
        by statement::Checked, "The statement's global ID."
}

update_mutation! {
    /// Corrects a financial measure: its kind, label, amount and currency,
    /// qualifier, status, term, share, provider, recipient, collateral,
    /// issues, announcement date and evidence, by the import's rules. Like
    /// `updateStatement` it is based on `version` (`CONFLICT` when stale),
    /// and unknown IDs are `NOT_FOUND`, invalid fields `BAD_USER_INPUT`.
    FinancialMeasureUpdate::update_financial_measure(financial_measure::FinancialMeasurePatch)
        -> FinancialMeasure by financial_measure::Checked, "The financial measure's global ID."
}

update_mutation! {
    /// Corrects an event: its kind, label, dates, places, participants,
    /// counts (each with its evidence) and evidence, by the import's
    /// rules. Like `updateStatement` it is based on `version` (`CONFLICT`
    /// when stale), and unknown IDs are `NOT_FOUND`, invalid fields
    /// `BAD_USER_INPUT`.
    EventUpdate::update_event(event::EventPatch) -> Event by event::Checked, "The event's global ID."
}
