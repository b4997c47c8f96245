//! Evidence: where in which source a fact comes from. The offsets and the
//! confidence are checked where the evidence is read; the span against its
//! source's text once the source is known, by the same function for a
//! source in the same document and for one in the database.

use super::Problems;

/// The text of a source with the byte offset of every code point, so a
/// code-point span slices in constant time.
pub struct SourceText<'a> {
    pub text: &'a str,
    /// Byte offsets as u32: a source's text is far below 4 GiB.
    boundaries: Vec<u32>,
}

impl<'a> SourceText<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut boundaries: Vec<u32> = text.char_indices().map(|(i, _)| i as u32).collect();
        boundaries.push(text.len() as u32);
        Self { text, boundaries }
    }

    /// The number of code points.
    pub fn code_points(&self) -> usize {
        self.boundaries.len() - 1
    }

    /// The text between two code-point offsets, if they lie within it.
    pub fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        if start > end || end > self.code_points() {
            return None;
        }
        Some(&self.text[self.boundaries[start] as usize..self.boundaries[end] as usize])
    }
}

/// A span of a source's text in code points: `start < end`, both from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: i32,
    pub end: i32,
}

/// Evidence with its values checked. `S` is how the source is named: a
/// key of a document, a global ID, a database key.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence<S> {
    pub source: S,
    pub span: Span,
    /// The text of the span, exactly.
    pub excerpt: String,
    /// How sure the fact is, from 0 to 1.
    pub confidence: f64,
    /// True when a person curated the fact, false when a program extracted it.
    pub curated: bool,
}

/// Evidence as a document or an input gives it, before it is checked.
pub struct RawEvidence<S> {
    pub source: S,
    pub start: i64,
    pub end: i64,
    pub excerpt: String,
    pub confidence: f64,
    pub curated: bool,
}

impl<S> RawEvidence<S> {
    /// Checks what evidence says without its source's text: the offsets
    /// and the confidence, each problem at its path under `path`.
    pub fn check(self, path: &str, problems: &mut Problems) -> Option<Evidence<S>> {
        let before = problems.len();
        if self.start < 0 {
            problems.push(
                format!("{path}.start"),
                format!("{} must not be negative", self.start),
            );
        }
        if self.end <= self.start {
            problems.push(
                format!("{path}.end"),
                format!("{} must be greater than start ({})", self.end, self.start),
            );
        } else if self.end > i64::from(i32::MAX) {
            problems.push(
                format!("{path}.end"),
                format!("{} lies past the end of any text kept here", self.end),
            );
        }
        if !(0.0..=1.0).contains(&self.confidence) {
            problems.push(
                format!("{path}.confidence"),
                format!("{} is not between 0 and 1", self.confidence),
            );
        }
        (problems.len() == before).then(|| Evidence {
            source: self.source,
            span: Span {
                start: self.start as i32,
                end: self.end as i32,
            },
            excerpt: self.excerpt,
            confidence: self.confidence,
            curated: self.curated,
        })
    }
}

impl<S> Evidence<S> {
    /// The same evidence, its source named another way.
    pub fn with_source<T>(self, source: T) -> Evidence<T> {
        Evidence {
            source,
            span: self.span,
            excerpt: self.excerpt,
            confidence: self.confidence,
            curated: self.curated,
        }
    }

    /// Checks the span against the text of the source, called `name` in
    /// messages: it must lie within it and read as the excerpt.
    pub fn check_span(&self, name: &str, text: &SourceText<'_>, path: &str, problems: &mut Problems) {
        let Span { start, end } = self.span;
        if end as usize > text.code_points() {
            problems.push(
                format!("{path}.end"),
                format!(
                    "{end} lies past the end of source \"{name}\", which has {} code points",
                    text.code_points()
                ),
            );
            return;
        }
        if let Some(actual) = text.slice(start as usize, end as usize)
            && actual != self.excerpt
        {
            problems.push(
                format!("{path}.excerpt"),
                format!(
                    "the excerpt differs from the text of \"{name}\" at {start}..{end}, which reads {:?}",
                    shorten(actual)
                ),
            );
        }
    }
}

fn shorten(text: &str) -> String {
    const MAX: usize = 120;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

/// Sets the provenance columns of a fact's active model (`source_id`,
/// `span_start`, `span_end`, `excerpt`, `confidence`, `curated`) from
/// evidence and the database key of its source.
#[macro_export]
macro_rules! set_evidence {
    ($model:ident, $source:expr, $evidence:expr) => {{
        let e: &$crate::store::Evidence<_> = $evidence;
        $model.source_id = sea_orm::Set($source);
        $model.span_start = sea_orm::Set(e.span.start);
        $model.span_end = sea_orm::Set(e.span.end);
        $model.excerpt = sea_orm::Set(e.excerpt.clone());
        $model.confidence = sea_orm::Set(e.confidence);
        $model.curated = sea_orm::Set(e.curated);
    }};
}
