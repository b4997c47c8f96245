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
    /// `Some` while the span is still to be found: the excerpt was given
    /// without offsets, and `span` means nothing until [`Evidence::locate`]
    /// has read the source's text.
    pub find: Option<Find>,
}

/// Evidence given by its excerpt alone: which time the excerpt stands in
/// the text, from 1, where it stands more than once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Find {
    pub occurrence: Option<u32>,
}

/// Evidence as a document or an input gives it, before it is checked.
pub struct RawEvidence<S> {
    pub source: S,
    /// Both offsets, or neither (the excerpt is then found in the text).
    pub start: Option<i64>,
    pub end: Option<i64>,
    /// With the offsets left out: which time the excerpt stands in the text.
    pub occurrence: Option<i64>,
    pub excerpt: String,
    pub confidence: f64,
    pub curated: bool,
}

impl<S> RawEvidence<S> {
    /// Checks what evidence says without its source's text: the offsets
    /// and the confidence, each problem at its path under `path`.
    pub fn check(self, path: &str, problems: &mut Problems) -> Option<Evidence<S>> {
        let before = problems.len();
        let (span, find) = match (self.start, self.end) {
            (Some(start), Some(end)) => {
                if self.occurrence.is_some() {
                    problems.push(
                        format!("{path}.occurrence"),
                        "give either start and end or an occurrence of the excerpt, not both",
                    );
                }
                (check_offsets(path, start, end, problems), None)
            }
            (None, None) => {
                if self.excerpt.trim().is_empty() {
                    problems.push(
                        format!("{path}.excerpt"),
                        "an excerpt without start and end must hold some text to find",
                    );
                }
                let occurrence = match self.occurrence {
                    None => None,
                    Some(n) if (1..=i64::from(u32::MAX)).contains(&n) => Some(n as u32),
                    Some(n) => {
                        problems.push(
                            format!("{path}.occurrence"),
                            format!("{n} is not an occurrence: they count from 1"),
                        );
                        None
                    }
                };
                (Span { start: 0, end: 0 }, Some(Find { occurrence }))
            }
            (Some(_), None) => {
                problems.push(format!("{path}.end"), "give end with start, or neither");
                (Span { start: 0, end: 0 }, None)
            }
            (None, Some(_)) => {
                problems.push(format!("{path}.start"), "give start with end, or neither");
                (Span { start: 0, end: 0 }, None)
            }
        };
        if !(0.0..=1.0).contains(&self.confidence) {
            problems.push(
                format!("{path}.confidence"),
                format!("{} is not between 0 and 1", self.confidence),
            );
        }
        (problems.len() == before).then(|| Evidence {
            source: self.source,
            span,
            excerpt: self.excerpt,
            confidence: self.confidence,
            curated: self.curated,
            find,
        })
    }
}

/// Checks two offsets; the span they make, meaningful when no problem was
/// added.
fn check_offsets(path: &str, start: i64, end: i64, problems: &mut Problems) -> Span {
    if start < 0 {
        problems.push(format!("{path}.start"), format!("{start} must not be negative"));
    }
    if end <= start {
        problems.push(
            format!("{path}.end"),
            format!("{end} must be greater than start ({start})"),
        );
    } else if end > i64::from(i32::MAX) {
        problems.push(
            format!("{path}.end"),
            format!("{end} lies past the end of any text kept here"),
        );
    }
    Span {
        start: start.clamp(0, i64::from(i32::MAX)) as i32,
        end: end.clamp(0, i64::from(i32::MAX)) as i32,
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
            find: self.find,
        }
    }

    /// Evidence given by its excerpt alone, with its span found in the
    /// text of its source (called `name` in messages): the excerpt, or the
    /// `occurrence`th time it stands there, matching quote marks,
    /// apostrophes and dashes across their forms; the excerpt becomes the
    /// text's own. Evidence with a span is checked against the text as it
    /// is. A problem when the excerpt is not there (naming the closest
    /// passage), or stands more than once and no occurrence says which.
    pub fn locate(&mut self, name: &str, text: &SourceText<'_>, path: &str, problems: &mut Problems) {
        let Some(Find { occurrence }) = self.find else {
            return self.check_span(name, text, path, problems);
        };
        let found = occurrences(text.text, &self.excerpt);
        let chosen = match (occurrence, found.as_slice()) {
            (_, []) => {
                let closest = closest_passage(text, &self.excerpt);
                let hint = match closest {
                    Some((at, passage)) => format!(
                        "; the closest passage is at {}..{}: {:?}",
                        at.start,
                        at.end,
                        shorten(&passage)
                    ),
                    None => String::new(),
                };
                problems.push(
                    format!("{path}.excerpt"),
                    format!("the excerpt is not in the text of \"{name}\"{hint}"),
                );
                return;
            }
            (None, [one]) => *one,
            (None, many) => {
                let places: Vec<String> = many.iter().map(|s| format!("{}..{}", s.start, s.end)).collect();
                problems.push(
                    format!("{path}.excerpt"),
                    format!(
                        "the excerpt stands {} times in the text of \"{name}\" (at {}); give an occurrence (from 1) or start and end",
                        many.len(),
                        places.join(", ")
                    ),
                );
                return;
            }
            (Some(n), all) => match all.get(n as usize - 1) {
                Some(span) => *span,
                None => {
                    problems.push(
                        format!("{path}.occurrence"),
                        format!(
                            "the excerpt stands {} times in the text of \"{name}\", not {n}",
                            all.len()
                        ),
                    );
                    return;
                }
            },
        };
        self.span = chosen;
        self.excerpt = text
            .slice(chosen.start as usize, chosen.end as usize)
            .unwrap_or_default()
            .to_owned();
        self.find = None;
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

/// A character as excerpts are matched: each form of quote mark,
/// apostrophe and dash as one. One character for one, so that positions
/// in code points stay as they are.
fn even(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' => '\'',
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
        c => c,
    }
}

/// Where `excerpt` stands in `text`, quote marks and dashes evened out,
/// as code-point spans in order.
fn occurrences(text: &str, excerpt: &str) -> Vec<Span> {
    let text: Vec<char> = text.chars().map(even).collect();
    let wanted: Vec<char> = excerpt.chars().map(even).collect();
    if wanted.is_empty() || wanted.len() > text.len() {
        return Vec::new();
    }
    text.windows(wanted.len())
        .enumerate()
        .filter(|(_, window)| *window == wanted.as_slice())
        .map(|(start, _)| Span {
            start: start as i32,
            end: (start + wanted.len()) as i32,
        })
        .collect()
}

/// The passage of `text` most like `excerpt`: of the same length, where
/// the longest run of the excerpt's characters (quote marks and dashes
/// evened out, case ignored) starts at the same place; `None` when not
/// even one character of it is there.
fn closest_passage(text: &SourceText<'_>, excerpt: &str) -> Option<(Span, String)> {
    let fold = |c: char| even(c).to_lowercase().next().unwrap_or(c);
    let hay: Vec<char> = text.text.chars().map(fold).collect();
    let wanted: Vec<char> = excerpt.chars().map(fold).collect();
    // The longest common run, by the classic table of run lengths, one row kept.
    let mut best = (0usize, 0usize, 0usize); // (length, end in hay, end in wanted)
    let mut previous = vec![0usize; wanted.len() + 1];
    for (i, h) in hay.iter().enumerate() {
        let mut row = vec![0usize; wanted.len() + 1];
        for (j, w) in wanted.iter().enumerate() {
            if h == w {
                row[j + 1] = previous[j] + 1;
                if row[j + 1] > best.0 {
                    best = (row[j + 1], i + 1, j + 1);
                }
            }
        }
        previous = row;
    }
    let (length, hay_end, wanted_end) = best;
    if length == 0 {
        return None;
    }
    // Line the excerpt up on the run, within the text.
    let start = (hay_end - length).saturating_sub(wanted_end - length);
    let end = (start + wanted.len()).min(hay.len());
    let passage = text.slice(start, end)?.to_owned();
    Some((
        Span {
            start: start as i32,
            end: end as i32,
        },
        passage,
    ))
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
