//! The rules of plain text fields, the same in a document and in a
//! mutation's input.

use super::Problems;

/// Text that must say something: blank is a problem at `path.field`.
pub fn non_empty(problems: &mut Problems, path: &str, field: &str, value: &str) {
    if value.trim().is_empty() {
        problems.push(format!("{path}.{field}"), format!("{field} must not be empty"));
    }
}

/// A name is one line of text: no control character (U+0000 to U+001F,
/// U+007F to U+009F), which would only hide or break it where it is shown.
pub fn one_line(problems: &mut Problems, path: &str, value: &str) {
    if let Some((at, c)) = value.chars().enumerate().find(|(_, c)| c.is_control()) {
        problems.push(
            path,
            format!(
                "a name must not contain control characters; U+{:04X} is at character {at}",
                u32::from(c)
            ),
        );
    }
}
