//! Diagnostics: what is wrong with a spec, where, and what to do.
//!
//! A [`Diagnostic`] carries the source line it points into, so it renders on
//! its own without access to the files: always in the short form
//! ([`Diagnostic::short`], `file:line:col: error: message`, as compilers
//! print with `--error-format=short`), and with the feature `render`
//! rustc style, the source line and a caret under the offending text
//! ([`Diagnostic::render`], via annotate-snippets). Build scripts get the
//! short form by default, so they compile no renderer; the `errgen`
//! command renders.

use std::fmt;

use crate::model::Source;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Severity {
    /// Generation cannot go on; nothing is written.
    Error,
    /// Output is generated, but the doc should be fixed.
    Warning,
    /// A choice errgen made that the writer may want to make explicit.
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

/// A place a diagnostic points at, with the text of its line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Label {
    /// File, line and column (1-based, in characters).
    pub source: Source,
    /// How many characters to underline (at least one is shown).
    pub len: usize,
    /// The source line, without its line break; empty when the diagnostic
    /// is about a file as a whole. A line longer than [`LONG_LINE`] bytes
    /// is cut to the part around the underlined text (so that many
    /// diagnostics on one long line cost what they show, not the line).
    pub line_text: String,
    /// The 1-based character column in the whole line where `line_text`
    /// starts: 1, unless a long line was cut.
    #[cfg_attr(feature = "serde", serde(default = "first_column"))]
    pub text_column: u32,
    /// Text shown beside the underline.
    pub note: String,
}

/// Lines up to this many bytes go into a [`Label`] whole.
pub const LONG_LINE: usize = 400;

#[cfg(feature = "serde")]
fn first_column() -> u32 {
    1
}

/// One problem found in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Diagnostic {
    /// Error, warning or note.
    pub severity: Severity,
    /// What is wrong, lower case, no trailing full stop.
    pub message: String,
    /// Where; the first label is the primary one. May be empty (a missing
    /// path has no line to point at).
    pub labels: Vec<Label>,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with no location yet.
    #[must_use]
    pub fn new(severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic { severity, message: message.into(), labels: Vec::new(), help: None }
    }

    /// An error.
    #[must_use]
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message)
    }

    /// A warning.
    #[must_use]
    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message)
    }

    /// A note.
    #[must_use]
    pub fn note(message: impl Into<String>) -> Self {
        Self::new(Severity::Note, message)
    }

    /// Adds a label.
    #[must_use]
    pub fn label(mut self, label: Label) -> Self {
        self.labels.push(label);
        self
    }

    /// Sets the help text.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this is an error.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The primary location, if any.
    #[must_use]
    pub fn primary(&self) -> Option<&Source> {
        self.labels.first().map(|l| &l.source)
    }

    /// The short form: a line per label, `file:line:col: error: message`
    /// for the first (the message alone when there is none) and
    /// `file:line:col: note: …` for the others, then `help: …` when there
    /// is help. The offending text is what the message quotes.
    #[must_use]
    pub fn short(&self) -> String {
        use fmt::Write as _;

        let mut out = String::new();
        let mut labels = self.labels.iter();
        match labels.next() {
            Some(first) => {
                let _ = write!(out, "{}: {}: {}", first.source, self.severity, self.message);
                if !first.note.is_empty() {
                    let _ = write!(out, " ({})", first.note);
                }
            }
            None => {
                let _ = write!(out, "{}: {}", self.severity, self.message);
            }
        }
        for label in labels {
            let note = if label.note.is_empty() { "see also" } else { label.note.as_str() };
            let _ = write!(out, "\n{}: note: {note}", label.source);
        }
        if let Some(help) = &self.help {
            let _ = write!(out, "\nhelp: {help}");
        }
        out
    }

    /// Renders rustc-style: `error: ...`, `--> file:line:col`, the source
    /// line with a caret under the offending text, then `= help: ...`.
    /// `color` adds ANSI styles.
    #[cfg(feature = "render")]
    #[must_use]
    pub fn render(&self, color: bool) -> String {
        use annotate_snippets::{AnnotationKind, Element, Level, Renderer, Snippet};

        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let mut elements: Vec<Element<'_>> = Vec::new();
        // Where a label holds part of a long line, annotate-snippets counts
        // the column from that part: (as shown, as it is) for each.
        let mut columns = Vec::new();
        for (i, label) in self.labels.iter().enumerate() {
            let kind = if i == 0 { AnnotationKind::Primary } else { AnnotationKind::Context };
            if label.line_text.is_empty() {
                elements.push(
                    annotate_snippets::Origin::path(label.source.file.as_str())
                        .line(label.source.line as usize)
                        .char_column(label.source.column as usize)
                        .into(),
                );
                continue;
            }
            let column = label.source.column.saturating_sub(label.text_column.saturating_sub(1)).max(1);
            if column != label.source.column {
                columns.push((label, column));
            }
            let (start, end) = byte_span(&label.line_text, column, label.len);
            let mut annotation = kind.span(start..end);
            if !label.note.is_empty() {
                annotation = annotation.label(label.note.as_str());
            }
            elements.push(
                Snippet::source(label.line_text.as_str())
                    .line_start(label.source.line as usize)
                    .path(label.source.file.as_str())
                    .annotation(annotation)
                    .into(),
            );
        }
        if let Some(help) = &self.help {
            elements.push(Level::HELP.message(help.as_str()).into());
        }
        let renderer = if color { Renderer::styled() } else { Renderer::plain() };
        let mut out = renderer.render(&[level.primary_title(self.message.as_str()).elements(elements)]);
        let mut from = 0;
        for (label, shown) in columns {
            let (file, line) = (&label.source.file, label.source.line);
            let wrong = format!("{file}:{line}:{shown}");
            if let Some(i) = out[from..].find(&wrong).map(|i| from + i) {
                let right = format!("{file}:{line}:{}", label.source.column);
                out.replace_range(i..i + wrong.len(), &right);
                from = i + right.len();
            }
        }
        out
    }
}

/// Byte range in `line` for `len` characters from 1-based character column
/// `column`, clamped to the line; an empty range is widened to one character
/// where the line allows it.
#[cfg(feature = "render")]
fn byte_span(line: &str, column: u32, len: usize) -> (usize, usize) {
    let col = (column as usize).saturating_sub(1);
    let mut indices = line.char_indices().map(|(i, _)| i).chain(std::iter::once(line.len()));
    let start = indices.nth(col).unwrap_or(line.len());
    let end = line[start..]
        .char_indices()
        .map(|(i, _)| start + i)
        .chain(std::iter::once(line.len()))
        .nth(len.max(1))
        .unwrap_or(line.len());
    (start, end)
}

/// Rustc style with the feature `render`, the short form without it.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        #[cfg(feature = "render")]
        return f.write_str(&self.render(false));
        #[cfg(not(feature = "render"))]
        return f.write_str(&self.short());
    }
}

impl std::error::Error for Diagnostic {}

/// Whether any diagnostic is an error.
#[must_use]
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// Renders all diagnostics, one after another, each followed by a blank
/// line: rustc style with the feature `render` (`color` adds ANSI
/// styles), the short form without it.
#[must_use]
pub fn render_all(diagnostics: &[Diagnostic], color: bool) -> String {
    let mut out = String::new();
    for d in diagnostics {
        #[cfg(feature = "render")]
        out.push_str(&d.render(color));
        #[cfg(not(feature = "render"))]
        {
            let _ = color;
            out.push_str(&d.short());
        }
        out.push_str("\n\n");
    }
    out
}

/// `2 errors, 1 warning`: counts for a summary line.
#[must_use]
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut parts = vec![plural(count(Severity::Error), "error")];
    parts.push(plural(count(Severity::Warning), "warning"));
    let notes = count(Severity::Note);
    if notes > 0 {
        parts.push(plural(notes, "note"));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: &str, column: u32, len: usize) -> Label {
        Label {
            source: Source { file: "spec/x.md".into(), line: 7, column },
            len,
            line_text: line.into(),
            text_column: 1,
            note: "here".into(),
        }
    }

    #[test]
    fn the_short_form_is_a_line_per_place_then_the_help() {
        let mut second = at("| A | c |", 3, 1);
        second.source.line = 9;
        second.note = "first written here".into();
        let d = Diagnostic::error("duplicate code `A`")
            .label(at("| A | b |", 3, 1))
            .label(second)
            .help("remove one of the rows");
        assert_eq!(
            d.short(),
            "spec/x.md:7:3: error: duplicate code `A` (here)\n\
             spec/x.md:9:3: note: first written here\n\
             help: remove one of the rows"
        );
        assert_eq!(Diagnostic::warning("no spec files").short(), "warning: no spec files");
    }

    #[cfg(feature = "render")]
    #[test]
    fn renders_rustc_style() {
        let d = Diagnostic::error("duplicate code `A`")
            .label(at("| A | b |", 3, 1))
            .help("remove one of the rows");
        let text = d.render(false);
        assert!(text.starts_with("error: duplicate code `A`\n"), "{text}");
        assert!(text.contains("--> spec/x.md:7:3"), "{text}");
        assert!(text.contains("7 | | A | b |"), "{text}");
        assert!(text.contains("^ here"), "{text}");
        assert!(text.contains("help: remove one of the rows"), "{text}");
    }

    #[cfg(feature = "render")]
    #[test]
    fn spans_count_characters() {
        assert_eq!(byte_span("가나 x", 4, 1), (7, 8));
        assert_eq!(byte_span("ab", 9, 3), (2, 2));
        assert_eq!(byte_span("abc", 1, 0), (0, 1));
    }

    #[cfg(feature = "render")]
    #[test]
    fn file_level_labels_render_a_location() {
        let mut label = at("", 1, 1);
        label.source.line = 1;
        let text = Diagnostic::error("not UTF-8").label(label).render(false);
        assert!(text.contains("spec/x.md:1:1"), "{text}");
    }

    #[test]
    fn summary_counts() {
        let ds = [Diagnostic::error("a"), Diagnostic::warning("b"), Diagnostic::warning("c")];
        assert_eq!(summary(&ds), "1 error, 2 warnings");
    }
}
