//! Stage one: Markdown text -> blocks (headings, prose, directives, code
//! blocks, tables) with byte spans. The only module that sees
//! pulldown-cmark; it judges nothing, it only reads, and says so when the
//! Markdown parser stopped reading a table part way (so no row is lost
//! without a word).

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use errgen_core::diag::Diagnostic;
use errgen_core::source::{Block, Cell, ListAt, Row, SourceFile};

/// Byte offset where the Markdown body starts, after front matter.
///
/// Proper YAML front matter (`---` ... `---`) is skipped, and so is the
/// damage a `GitBook` export leaves when it drops the opening `---`: lines
/// starting with a `key:` line and ending with a `---` line, with no blank
/// line between.
pub(crate) fn front_matter_end(text: &str) -> usize {
    let mut lines = text.split_inclusive('\n');
    let mut offset = 0;
    let Some(first) = lines.next() else { return 0 };
    let first_trimmed = first.trim_end();
    let opened = if first_trimmed == "---" {
        true
    } else if looks_like_yaml_key(first_trimmed) {
        false
    } else {
        return 0;
    };
    offset += first.len();
    for line in lines {
        let trimmed = line.trim_end();
        offset += line.len();
        if trimmed == "---" || (opened && trimmed == "...") {
            return offset;
        }
        if !opened && trimmed.is_empty() {
            return 0;
        }
    }
    0
}

fn looks_like_yaml_key(line: &str) -> bool {
    let Some((key, rest)) = line.split_once(':') else { return false };
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && (rest.is_empty() || rest.starts_with(' '))
}

/// Cells pulldown-cmark fills in for rows shorter than their header, at
/// most, per table; past it, it stops reading the table (its guard against
/// quadratic growth, `MAX_AUTOCOMPLETED_CELLS`).
const FILLED_CELLS_LIMIT: usize = 1 << 18;

/// Reads a file's blocks in document order; raw HTML tables are read
/// where the `html` feature is on. A table the Markdown parser stopped
/// reading part way keeps the rows read before the cut, and an error at
/// the first row lost goes to `diags`.
pub(crate) fn blocks(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Vec<Block> {
    blocks_with(file, cfg!(feature = "html"), diags)
}

/// [`blocks`], reading raw HTML tables or (`html` false) marking them.
#[allow(clippy::too_many_lines)] // one arm per kind of event, read in one place
pub(crate) fn blocks_with(file: &SourceFile, html: bool, diags: &mut Vec<Diagnostic>) -> Vec<Block> {
    let start = front_matter_end(&file.text);
    let body = &file.text[start..];
    let options = Options::ENABLE_TABLES;
    let mut out = Vec::new();

    let mut open = Open::None;
    let mut row: Option<Row> = None;
    let mut cell: Option<Cell> = None;
    // A cell's text is read into this buffer, reused from cell to cell
    // (its pieces arrive one by one), and copied out at its own length.
    let mut cell_buf = String::new();
    // Open lists (their numbers) and the item being read.
    let mut lists: Vec<usize> = Vec::new();
    let mut list_count = 0usize;
    let mut item_count = 0usize;
    let mut item: Option<ListAt> = None;
    let mut html_block: Option<Range<usize>> = None;
    // Cells of the open table that pulldown-cmark filled in (empty spans).
    let mut filled = 0;

    let flush = |open: &mut Open, out: &mut Vec<Block>| {
        if let Open::Para(p) = std::mem::replace(open, Open::None) {
            out.extend(p.into_block(file));
        }
    };

    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = range.start + start..range.end + start;
        // Past its limit of filled cells pulldown-cmark gives up on a row:
        // the row comes with an empty span, and the table's remaining lines
        // (and whatever follows) come as blocks inside the table.
        let cut = matches!(open, Open::Table { .. })
            && match &event {
                Event::Start(Tag::TableRow) => range.is_empty(),
                Event::Start(
                    Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::BlockQuote(_)
                    | Tag::CodeBlock(_)
                    | Tag::HtmlBlock
                    | Tag::List(_)
                    | Tag::Item
                    | Tag::Table(_)
                    | Tag::FootnoteDefinition(_),
                ) => true,
                _ => false,
            };
        if cut {
            if let Open::Table { header, rows, span } = std::mem::replace(&mut open, Open::None) {
                diags.push(cut_table(file, &header, &rows, range.start, filled));
                out.push(Block::Table { header, rows, span, html: false });
            }
            row = None;
            cell = None;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                open = Open::Heading(String::new(), heading_level(level), range);
            }
            Event::Start(Tag::List(_)) => {
                flush(&mut open, &mut out);
                list_count += 1;
                lists.push(list_count);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut open, &mut out);
                lists.pop();
                item = None;
            }
            // A list item's text is prose too (a tight item has no
            // paragraph of its own): `- Status: 401`.
            Event::Start(Tag::Item) => {
                flush(&mut open, &mut out);
                item_count += 1;
                item = lists.last().map(|&list| ListAt {
                    list,
                    depth: u8::try_from(lists.len()).unwrap_or(u8::MAX),
                    item: item_count,
                });
                open = Open::Para(Para::new(range, item));
            }
            Event::End(TagEnd::Item | TagEnd::Paragraph) => flush(&mut open, &mut out),
            Event::Start(Tag::Paragraph) if matches!(&open, Open::Para(p) if p.text.trim().is_empty()) => {}
            Event::Start(Tag::Paragraph) if !matches!(open, Open::Table { .. }) => {
                open = Open::Para(Para::new(range, item));
            }
            Event::Start(Tag::Strong) => {
                if let Open::Para(p) = &mut open {
                    if matches!(p.lead, Lead::Waiting) {
                        p.lead = Lead::Open(String::new());
                    }
                }
            }
            Event::End(TagEnd::Strong) => {
                if let Open::Para(p) = &mut open {
                    if let Lead::Open(lead) = &mut p.lead {
                        let lead = std::mem::take(lead);
                        p.lead = Lead::Done(Some(lead));
                    }
                }
            }
            Event::Code(code) if cell.is_none() && matches!(&open, Open::Para(p) if matches!(p.lead, Lead::Waiting)) => {
                if let Open::Para(p) = &mut open {
                    p.lead = Lead::Done(Some(code.to_string()));
                    p.text.push_str(&code);
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                flush(&mut open, &mut out);
                let (lang, indented) = match kind {
                    CodeBlockKind::Fenced(info) => {
                        (info.split_whitespace().next().unwrap_or("").to_ascii_lowercase(), false)
                    }
                    CodeBlockKind::Indented => (String::new(), true),
                };
                open = Open::Code { lang, text: String::new(), span: range, indented };
            }
            Event::Start(Tag::Table(_)) => {
                open = Open::Table { header: Vec::new(), rows: Vec::new(), span: range };
                filled = 0;
            }
            Event::Start(Tag::TableHead) => {
                row = Some(Row { cells: Vec::new(), span: range, extra: Vec::new() });
            }
            Event::Start(Tag::TableRow) => {
                let width = if let Open::Table { header, .. } = &open { header.len() } else { 0 };
                row = Some(Row { cells: Vec::with_capacity(width), span: range, extra: Vec::new() });
            }
            Event::Start(Tag::TableCell) => {
                filled += usize::from(range.is_empty());
                let span = file.cell_span(range);
                cell = Some(Cell { text: std::mem::take(&mut cell_buf), span, links: Vec::new() });
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(c) = &mut cell {
                    c.links.push(dest_url.into_string());
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(mut c) = cell.take() {
                    // Blocks live until lowering ends: the cell keeps its
                    // text without spare room, the buffer goes on.
                    let text = tidy(&c.text);
                    cell_buf = std::mem::replace(&mut c.text, text);
                    cell_buf.clear();
                    if let Some(r) = &mut row {
                        r.cells.push(c);
                    }
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let (Open::Table { header, .. }, Some(r)) = (&mut open, row.take()) {
                    *header = r.cells;
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let (Open::Table { rows, .. }, Some(mut r)) = (&mut open, row.take()) {
                    r.extra = dropped_cells(file, &r);
                    rows.push(r);
                }
            }
            Event::End(TagEnd::Table) => {
                if let Open::Table { header, mut rows, span, .. } = std::mem::replace(&mut open, Open::None) {
                    // Blocks live until lowering ends: no spare rows in each.
                    rows.shrink_to_fit();
                    out.push(Block::Table { header, rows, span, html: false });
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Open::Heading(text, level, span) = std::mem::replace(&mut open, Open::None) {
                    out.push(Block::Heading { text: tidy(&text), level, span: file.trim(span) });
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Open::Code { lang, text, span, indented } = std::mem::replace(&mut open, Open::None) {
                    out.push(Block::CodeBlock { lang, text, span, indented });
                }
            }
            Event::Start(Tag::HtmlBlock) => html_block = Some(range),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(span) = html_block.take() {
                    html_tables(file, span, html, &mut out);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some(text) = directive(&html) {
                    out.push(Block::Directive { text, span: file.trim(range) });
                } else if is_line_break_tag(&html) {
                    push_text(&mut open, &mut cell, "\n");
                }
            }
            Event::Text(text) | Event::Code(text) => push_text(&mut open, &mut cell, &text),
            Event::SoftBreak | Event::HardBreak => push_text(&mut open, &mut cell, "\n"),
            _ => {}
        }
    }
    flush(&mut open, &mut out);
    out
}

/// The `<table>`s of an HTML block, as tables; one whose `</table>` the
/// block lacks is said.
fn html_tables(file: &SourceFile, span: Range<usize>, read: bool, out: &mut Vec<Block>) {
    let Some(html) = file.text.get(span.clone()) else { return };
    if !html.as_bytes().windows(6).any(|w| w.eq_ignore_ascii_case(b"<table")) {
        return;
    }
    if read {
        #[cfg(feature = "html")]
        for t in crate::html::tables(html, span.start) {
            if !t.closed {
                out.push(Block::UnclosedHtmlTable { span: file.trim(t.span.clone()) });
            }
            out.push(Block::Table { header: t.header, rows: t.rows, span: t.span, html: true });
        }
    } else {
        out.push(Block::HtmlTableUnread { span: file.trim(span) });
    }
}

/// The error for a table cut at `at` (the first row lost).
fn cut_table(file: &SourceFile, header: &[Cell], rows: &[Row], at: usize, filled: usize) -> Diagnostic {
    let lost = file.text.get(at..).map_or(0, |rest| rest.lines().take_while(|l| l.contains('|')).count());
    let read = rows.len();
    let columns = header.len();
    let (reason, help) = if filled + columns >= FILLED_CELLS_LIMIT {
        (
            format!(
                "the Markdown parser fills in at most {FILLED_CELLS_LIMIT} cells per table for rows shorter than the header, and these rows leave out more of the {columns} columns"
            ),
            format!("write all {columns} cells of every row (an empty cell is `|  |`), or split the table into tables of fewer rows"),
        )
    } else {
        ("the Markdown parser stopped reading the table".to_owned(), "split the table into smaller tables, or check the rows from here on".to_owned())
    };
    let span = header.first().map_or(at..at + 1, |c| c.span.clone());
    Diagnostic::error(format!("table cut short after {read} rows: {reason}"))
        .label(file.label(at..at + 1, format!("this row and the rest of the table ({lost} lines) are not read")))
        .label(file.label(span, "in this table"))
        .help(help)
}

fn push_text(open: &mut Open, cell: &mut Option<Cell>, text: &str) {
    if let Some(c) = cell {
        c.text.push_str(text);
        return;
    }
    match open {
        Open::Para(p) => {
            match &mut p.lead {
                Lead::Open(lead) => lead.push_str(text),
                Lead::Waiting if !text.trim().is_empty() => p.lead = Lead::Done(None),
                _ => {}
            }
            p.text.push_str(text);
        }
        Open::Heading(buf, ..) | Open::Code { text: buf, .. } => buf.push_str(text),
        Open::None | Open::Table { .. } => {}
    }
}

/// A paragraph or list item being read.
struct Para {
    text: String,
    span: Range<usize>,
    lead: Lead,
    list: Option<ListAt>,
}

/// The bold or code span a paragraph starts with, while it is read.
enum Lead {
    /// Nothing but white space read yet.
    Waiting,
    /// Inside the leading `**…**`.
    Open(String),
    Done(Option<String>),
}

impl Para {
    fn new(span: Range<usize>, list: Option<ListAt>) -> Self {
        Para { text: String::new(), span, lead: Lead::Waiting, list }
    }

    fn into_block(self, file: &SourceFile) -> Option<Block> {
        if self.text.trim().is_empty() {
            return None;
        }
        let lead = match self.lead {
            Lead::Done(lead) => lead,
            Lead::Waiting | Lead::Open(_) => None,
        };
        Some(Block::Prose { text: self.text, span: file.trim(self.span), lead, list: self.list })
    }
}

/// What the event loop is inside of.
enum Open {
    None,
    Heading(String, u8, Range<usize>),
    Para(Para),
    Code { lang: String, text: String, span: Range<usize>, indented: bool },
    Table { header: Vec<Cell>, rows: Vec<Row>, span: Range<usize> },
}

/// Cell and heading text: line breaks kept, white space around each line
/// and around the whole trimmed; a new `String` without spare room.
fn tidy(text: &str) -> String {
    if !text.contains('\n') {
        return text.trim().to_owned();
    }
    text.lines().map(str::trim).collect::<Vec<_>>().join("\n").trim().to_owned()
}

fn heading_level(level: pulldown_cmark::HeadingLevel) -> u8 {
    use pulldown_cmark::HeadingLevel as H;
    match level {
        H::H1 => 1,
        H::H2 => 2,
        H::H3 => 3,
        H::H4 => 4,
        H::H5 => 5,
        H::H6 => 6,
    }
}

/// The cells of a row that stand past the header's width: the table
/// parser drops them, so they are read back from the row's source text
/// after its last kept cell (split at pipes not escaped with `\`).
fn dropped_cells(file: &SourceFile, row: &Row) -> Vec<Cell> {
    let Some(last) = row.cells.last() else { return Vec::new() };
    let from = last.span.end.max(row.span.start);
    let Some(rest) = file.text.get(from..row.span.end) else { return Vec::new() };
    // The rest starts inside the last kept cell's padding: skip to its pipe.
    let Some(pipe) = rest.find('|') else { return Vec::new() };
    let mut out = Vec::new();
    let mut start = pipe + 1;
    let bytes = rest.as_bytes();
    let mut i = start;
    while i <= bytes.len() {
        let end_of_cell = i == bytes.len() || (bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'));
        if end_of_cell {
            let range = from + start..from + i;
            let text = file.text[range.clone()].trim();
            if !text.is_empty() {
                let text = text.trim_matches('`').replace("\\|", "|");
                out.push(Cell { text, span: file.trim(range), links: Vec::new() });
            }
            start = i + 1;
        }
        i += 1;
    }
    out
}

/// `<br>`, `<br/>`, `<BR />`: white space anywhere, any case.
fn is_line_break_tag(html: &str) -> bool {
    let mut bytes = html.bytes().filter(|b| !b.is_ascii_whitespace()).map(|b| b.to_ascii_lowercase());
    let br = bytes.by_ref().take(3).eq(*b"<br");
    br && matches!((bytes.next(), bytes.next(), bytes.next()), (Some(b'>'), None, _) | (Some(b'/'), Some(b'>'), None))
}

/// `<!-- errgen: status=500 -->` -> `status=500`.
fn directive(html: &str) -> Option<String> {
    let inner = html.trim().strip_prefix("<!--")?.trim_end().strip_suffix("-->")?.trim();
    let rest = inner.strip_prefix("errgen")?.trim_start().strip_prefix(':')?;
    Some(rest.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_break_tags_in_any_case_and_spacing() {
        for tag in ["<br>", "<br/>", "<BR />", "< br >", "<Br\t/>"] {
            assert!(is_line_break_tag(tag), "{tag}");
        }
        for tag in ["<b>", "<br", "<brx>", "<br/>x", "<br//>", "</br>", "<hr>", ""] {
            assert!(!is_line_break_tag(tag), "{tag}");
        }
    }

    #[test]
    fn front_matter() {
        assert_eq!(front_matter_end("---\na: 1\n---\n# H"), 13);
        assert_eq!(front_matter_end("metaLinks:\n  x:\n    - y\n---\n\n# H"), 28);
        assert_eq!(front_matter_end("# Title\n---\n"), 0);
        assert_eq!(front_matter_end("key: v\n\n---\n"), 0);
        assert_eq!(front_matter_end("---\nnever closed\n"), 0);
        assert_eq!(front_matter_end(""), 0);
    }

    #[test]
    fn directives() {
        assert_eq!(directive("<!-- errgen: status=500 -->").as_deref(), Some("status=500"));
        assert_eq!(directive("<!--errgen:retryable=true-->\n").as_deref(), Some("retryable=true"));
        assert_eq!(directive("<!-- other -->"), None);
        assert_eq!(directive("<br>"), None);
    }

    #[test]
    fn html_tables_are_marked_where_they_are_not_read() {
        let file = SourceFile::new("x.md".into(), "# E\n\n<table>\n<tr><th>code</th></tr>\n</table>\n\n<div>no table</div>\n".into());
        let blocks = blocks_with(&file, false, &mut Vec::new());
        let marked: Vec<&Range<usize>> = blocks.iter().filter_map(|b| if let Block::HtmlTableUnread { span } = b { Some(span) } else { None }).collect();
        assert_eq!(marked.len(), 1, "{blocks:?}");
        assert_eq!(&file.text[marked[0].clone()], "<table>\n<tr><th>code</th></tr>\n</table>");
    }

    #[test]
    fn long_lines_are_cut_around_the_label_and_keep_their_column() {
        let text = format!("{}HERE{}\n", "x".repeat(5000), "y".repeat(5000));
        let file = SourceFile::new("x.md".into(), text);
        let label = file.label(5000..5004, "note");
        assert_eq!((label.source.column, label.len), (5001, 4));
        assert!(label.line_text.len() < 300, "{}", label.line_text.len());
        assert_eq!(label.text_column, 5001 - 120);
        assert_eq!(label.line_text.find("HERE"), Some(120));
        assert!(Diagnostic::error("x").label(label.clone()).short().starts_with("x.md:1:5001: error: x"));
        #[cfg(feature = "render")]
        {
            let shown = Diagnostic::error("x").label(label).render(false);
            assert!(shown.contains("--> x.md:1:5001"), "{shown}");
            let lines: Vec<&str> = shown.lines().collect();
            let source = lines.iter().position(|l| l.contains("HERE")).expect("the source line");
            assert_eq!(lines[source].find("HERE"), lines[source + 1].find("^^^^ note"), "{shown}");
        }
        // A short line stays whole.
        let label = SourceFile::new("y.md".into(), "| A | b |\n".into()).label(2..3, "");
        assert_eq!((label.line_text.as_str(), label.text_column), ("| A | b |", 1));
    }

    #[test]
    fn table_cells_are_stripped_and_located() {
        let file = SourceFile::new(
            "x.md".into(),
            "# H\n\n| code | message |\n| --- | --- |\n| `A\\_B` | x<br>**y** &amp; [z](#q) |\n".into(),
        );
        let blocks = blocks(&file, &mut Vec::new());
        let Some(Block::Table { header, rows, .. }) = blocks.get(1) else { panic!("{blocks:?}") };
        assert_eq!(header[0].text, "code");
        assert_eq!(rows[0].cells[0].text, "A\\_B", "code spans keep backslashes");
        assert_eq!(rows[0].cells[1].text, "x\ny & z");
        assert_eq!(rows[0].cells[1].links, vec!["#q".to_owned()]);
        let label = file.label(rows[0].cells[1].span.clone(), "");
        assert_eq!((label.source.line, label.source.column), (5, 12));
    }

    #[test]
    fn an_html_table_this_build_cannot_read_is_an_error_with_the_feature_to_turn_on() {
        let file = SourceFile::new("t.md".into(), "# Errors\n\n| code | message |\n|-|-|\n| A_B | x |\n\n<table><tr><th>Code</th></tr><tr><td>C_D</td></tr></table>\n".into());
        let mut diags = Vec::new();
        let blocks = vec![blocks_with(&file, false, &mut diags)];
        let lowered = crate::lower::lower_blocks(std::slice::from_ref(&file), blocks, diags, &crate::lower::ReadOptions::default());
        assert!(lowered.model.is_none());
        let e = lowered.diagnostics.iter().find(|d| d.is_error()).expect("an error");
        assert_eq!(e.message, "this spec has a raw HTML table, and this build of errgen does not read HTML");
        assert_eq!(e.primary().map(|s| s.line), Some(7));
        assert!(e.help.as_deref().is_some_and(|h| h.contains("features = [\"html\"]")), "{:?}", e.help);
    }
}
