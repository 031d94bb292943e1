//! What stage one (errgen's Markdown reader, pulldown-cmark) hands to
//! lowering: a spec file with its line index, and its blocks (headings,
//! prose, directives, code blocks, tables) with byte spans. No Markdown
//! types: this crate builds while the Markdown parser does.

use std::ops::Range;

use crate::diag::{Label, LONG_LINE};
use crate::model::Source;

/// One spec file's text, with a line index for turning byte offsets into
/// `line:column`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Display path, `/`-separated.
    pub path: String,
    pub text: String,
    line_starts: Vec<usize>,
    /// The last offset given a column, and its 0-based column: columns
    /// asked for in order along one long line are counted from there, not
    /// each from the line's start.
    last_column: std::cell::Cell<(usize, usize)>,
}

impl SourceFile {
    pub fn new(path: String, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile { path, text, line_starts, last_column: std::cell::Cell::new((0, 0)) }
    }

    /// 0-based line index of a byte offset.
    fn line_index(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// The text of the 0-based line `index`, without its line break.
    fn line_text(&self, index: usize) -> &str {
        let start = self.line_starts[index];
        let end = self.line_starts.get(index + 1).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// File, line and character column of a byte offset.
    pub fn source(&self, offset: usize) -> Source {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let index = self.line_index(offset);
        let start = self.line_starts[index];
        let (from, counted) = match self.last_column.get() {
            (at, column) if (start..=offset).contains(&at) => (at, column),
            _ => (start, 0),
        };
        let column = counted + self.text[from..offset].chars().count();
        self.last_column.set((offset, column));
        let column = column + 1;
        Source {
            file: self.path.clone(),
            line: u32::try_from(index + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }

    /// A label underlining `range` (clipped to its first line).
    pub fn label(&self, range: Range<usize>, note: impl Into<String>) -> Label {
        self.label_with(range, note.into())
    }

    /// [`Self::label`], compiled once (not once per type of note).
    fn label_with(&self, range: Range<usize>, note: String) -> Label {
        let source = self.source(range.start);
        let index = self.line_index(floor_char_boundary(&self.text, range.start.min(self.text.len())));
        let line = self.line_text(index);
        let line_start = self.line_starts[index];
        let end = range.end.min(line_start + line.len()).max(range.start);
        let end = floor_char_boundary(&self.text, end.min(self.text.len()));
        let start = floor_char_boundary(&self.text, range.start.min(end));
        if line.len() <= LONG_LINE {
            let len = self.text[start..end].chars().count();
            return Label { source, len, line_text: line.to_owned(), text_column: 1, note };
        }
        // A long line: the part around the span, up to `CONTEXT` bytes on
        // each side and `CONTEXT` bytes of the span.
        let at = start - line_start;
        let from = floor_char_boundary(line, at.saturating_sub(CONTEXT));
        let shown = floor_char_boundary(line, (at + CONTEXT).min(end - line_start).min(line.len()));
        let len = line[at..shown].chars().count().max(usize::from(end > start));
        let to = floor_char_boundary(line, (shown + CONTEXT).min(line.len()));
        let before = u32::try_from(line[from..at].chars().count()).unwrap_or(0);
        let text_column = source.column.saturating_sub(before).max(1);
        Label { source, len, line_text: line[from..to].to_owned(), text_column, note }
    }

    /// A table cell's span: its trimmed text, or for a blank cell the blanks
    /// after its opening pipe, so a caret lands inside the cell.
    pub fn cell_span(&self, range: Range<usize>) -> Range<usize> {
        let trimmed = self.trim(range.clone());
        if !trimmed.is_empty() {
            return trimmed;
        }
        let Some(before) = self.text.get(..range.start) else { return trimmed };
        // The line's start from the index, not by searching back: a row of
        // many blank cells would search its line once per cell.
        let line_start = self.line_starts[self.line_index(range.start)].min(range.start);
        match before[line_start..].rfind('|') {
            Some(i) => {
                let start = (line_start + i + 2).min(range.start);
                start..range.start
            }
            None => trimmed,
        }
    }

    /// `range` with surrounding white space removed (an all-blank range
    /// collapses to its start).
    pub fn trim(&self, range: Range<usize>) -> Range<usize> {
        let Some(slice) = self.text.get(range.clone()) else { return range };
        let lead = slice.len() - slice.trim_start().len();
        let start = range.start + lead;
        let end = (range.start + slice.trim_end().len()).max(start);
        start..end
    }
}

/// Bytes of a long line a label keeps on each side of its span, and of
/// the span.
const CONTEXT: usize = 120;

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A table cell: its text with markup stripped, and its span.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub span: Range<usize>,
    /// Destinations of the links in the cell.
    pub links: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub span: Range<usize>,
    /// Cells written past the header's width, which the table parser
    /// drops; kept so that no text is lost without a word.
    pub extra: Vec<Cell>,
}

impl Row {
    /// Stands in for a cell the row lacks: empty, located at the row's
    /// start, so a diagnostic about it points into the row.
    pub fn missing_cell(&self) -> Cell {
        Cell { span: self.span.start..self.span.start, ..Cell::default() }
    }
}

/// Where a list item stands: which list (numbered in document order),
/// how deep (1 for a top-level list), and which item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListAt {
    pub list: usize,
    pub depth: u8,
    /// The item (numbered in document order): a loose item's later
    /// paragraphs share it.
    pub item: usize,
}

#[derive(Debug, Clone)]
#[allow(clippy::enum_variant_names)] // `CodeBlock` is the Markdown name
pub enum Block {
    Heading { text: String, level: u8, span: Range<usize> },
    /// A paragraph's or list item's text; soft line breaks kept as `\n`.
    /// `lead` is the text of a bold or code span the block starts with
    /// (`**ThrottlingException**`, `` `OverLimit (1214)` ``); `list` is
    /// set for a list item.
    Prose { text: String, span: Range<usize>, lead: Option<String>, list: Option<ListAt> },
    /// A raw HTML `<table>` whose `</table>` its HTML block lacks (a blank
    /// line inside the table ends the block).
    UnclosedHtmlTable { span: Range<usize> },
    /// A raw HTML `<table>` this build cannot read (feature `html` off).
    HtmlTableUnread { span: Range<usize> },
    /// The inside of an `<!-- errgen: ... -->` comment (after `errgen:`).
    Directive { text: String, span: Range<usize> },
    /// A fenced or (with `indented`) an indented code block.
    CodeBlock { lang: String, text: String, span: Range<usize>, indented: bool },
    /// A Markdown table, or (with `html`) a raw HTML `<table>`.
    Table { header: Vec<Cell>, rows: Vec<Row>, span: Range<usize>, html: bool },
}

/// Whether a code block tagged `lang` (lowercased; empty when untagged)
/// may hold a JSON error body: untagged, a JSON dialect (`json`, `jsonc`,
/// `json5`, ...) or JavaScript, whose object literals error pages use for
/// JSON. What the text is, the JSON reader decides.
pub fn may_hold_json(lang: &str) -> bool {
    lang.is_empty() || lang.starts_with("json") || lang == "javascript" || lang == "js"
}
