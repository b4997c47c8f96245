//! The rule of a period (a role's `since` and `until`, an event's start
//! and end), the same for the import, the `add*` mutations and the
//! updates: it may not end before it starts, as far as both dates are
//! known. An event from 3 December 2025 may end in "2025-12".

use super::Problems;
use crate::domain::PartialDate;

/// A problem at `path` when the `noun` (`role`, `event`) surely ends
/// before it starts.
pub fn check_period(
    problems: &mut Problems,
    path: &str,
    noun: &str,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
) {
    if let (Some(start), Some(end)) = (start, end)
        && end.surely_before(start)
    {
        problems.push(
            path,
            format!(
                "the {noun} ends ({}) before it starts ({})",
                end.format(),
                start.format()
            ),
        );
    }
}
