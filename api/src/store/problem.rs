//! What is wrong with a write, and where: `statements[12].evidence.start`
//! in a document, `input.evidence.start` in a mutation. Every check of the
//! write core reports here, so the import prints the same words the API
//! answers.

use std::fmt;

use crate::error::AppError;

/// One thing wrong, at its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// The line the CLI prints: `path: message`.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// The problems a write has met so far, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(Vec<Problem>);

impl Problems {
    pub fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem::new(path, message));
    }

    pub fn extend(&mut self, problems: impl IntoIterator<Item = Problem>) {
        self.0.extend(problems);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Problem> {
        self.0.iter()
    }

    pub fn into_vec(self) -> Vec<Problem> {
        self.0
    }

    /// The value a parse gave, or its error recorded at `path`.
    pub fn parsed<T>(&mut self, path: &str, parsed: Result<T, String>) -> Option<T> {
        parsed.map_err(|message| self.push(path, message)).ok()
    }

    /// `value` when no problem was found, or else the problems.
    pub fn finish_with<T>(self, value: T) -> Result<T, Self> {
        if self.is_empty() { Ok(value) } else { Err(self) }
    }

    /// `BAD_USER_INPUT` listing every problem, or `Ok` when there is none.
    pub fn finish(self) -> Result<(), AppError> {
        if self.is_empty() { Ok(()) } else { Err(self.into()) }
    }
}

impl Problems {
    /// `NOT_FOUND` naming every node that is missing, each at its path:
    /// `input.person: no person has the ID "…"; input.organisation: …`.
    pub fn into_not_found(self) -> AppError {
        let lines: Vec<String> = self.0.iter().map(Problem::to_string).collect();
        AppError::NotFound(lines.join("; "))
    }
}

impl IntoIterator for Problems {
    type Item = Problem;
    type IntoIter = std::vec::IntoIter<Problem>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl From<Vec<Problem>> for Problems {
    fn from(problems: Vec<Problem>) -> Self {
        Self(problems)
    }
}

/// The CLI's lines, one problem a line.
impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

/// `BAD_USER_INPUT`, each problem in `extensions.problems`.
impl From<Problems> for AppError {
    fn from(problems: Problems) -> Self {
        AppError::invalid(problems.0.into_iter().map(|p| (p.path, p.message)).collect())
    }
}
