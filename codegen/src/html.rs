//! Raw HTML tables in Markdown (`<table>` in an HTML block), read into
//! the same header and rows as a Markdown table, by the html5gum
//! tokenizer. Cell markup (`<code>`, `<span>`, `<b>`) is dropped and
//! entities are decoded; `<br>` is a line break. Spans are byte ranges in
//! the spec file, so diagnostics point into the HTML.

use std::ops::Range;

use html5gum::{DefaultEmitter, Token, Tokenizer};

use crate::source::{Cell, Row};

/// One `<table>`: its header row (the `<th>` row, or the first row), its
/// other rows, and its span.
pub(crate) struct Table {
    pub header: Vec<Cell>,
    pub rows: Vec<Row>,
    pub span: Range<usize>,
    /// Whether the table's `</table>` was found in the block.
    pub closed: bool,
}

/// The tables of an HTML block that starts at byte `base` of the file.
/// Nested tables are read as text of the outer table's cell.
pub(crate) fn tables(html: &str, base: usize) -> Vec<Table> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut table: Option<Table> = None;
    let mut row: Option<(Row, bool)> = None;
    let mut cell: Option<Cell> = None;
    let emitter = DefaultEmitter::<usize>::new_with_span();
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                let span = base + tag.span.start..base + tag.span.end;
                match name.as_slice() {
                    b"table" => {
                        depth += 1;
                        if depth == 1 {
                            table = Some(Table { header: Vec::new(), rows: Vec::new(), span: span.start..base + html.len(), closed: false });
                        }
                    }
                    _ if depth != 1 => {}
                    b"tr" => {
                        finish_row(&mut table, &mut row, &mut cell, span.start);
                        row = Some((Row { cells: Vec::new(), span: span.clone(), extra: Vec::new() }, true));
                    }
                    b"td" | b"th" => {
                        finish_cell(&mut row, &mut cell, span.start);
                        if row.is_none() {
                            row = Some((Row { cells: Vec::new(), span: span.clone(), extra: Vec::new() }, true));
                        }
                        if let Some((_, all_th)) = &mut row {
                            *all_th &= name.as_slice() == b"th";
                        }
                        cell = Some(Cell { text: String::new(), span: span.end..span.end, links: Vec::new() });
                    }
                    b"br" => {
                        if let Some(c) = &mut cell {
                            c.text.push('\n');
                        }
                    }
                    b"a" => {
                        if let (Some(c), Some(href)) = (&mut cell, tag.attributes.get(b"href".as_slice())) {
                            c.links.push(String::from_utf8_lossy(href).into_owned());
                        }
                    }
                    _ => {}
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                let span = base + tag.span.start..base + tag.span.end;
                match name.as_slice() {
                    b"table" => {
                        if depth == 1 {
                            finish_row(&mut table, &mut row, &mut cell, span.start);
                            if let Some(mut t) = table.take() {
                                t.span.end = span.end;
                                t.closed = true;
                                out.push(t);
                            }
                        }
                        depth = depth.saturating_sub(1);
                    }
                    _ if depth != 1 => {}
                    b"td" | b"th" => finish_cell(&mut row, &mut cell, span.start),
                    b"tr" => {
                        finish_row(&mut table, &mut row, &mut cell, span.start);
                        if let Some(t) = &mut table {
                            if let Some(last) = t.rows.last_mut().filter(|r| r.span.end <= span.start) {
                                last.span.end = span.end;
                            }
                        }
                    }
                    _ => {}
                }
            }
            Token::String(text) => {
                if let Some(c) = &mut cell {
                    c.text.push_str(&String::from_utf8_lossy(&text));
                }
            }
            _ => {}
        }
    }
    // A table the block ends inside of: read as far as it goes.
    if table.is_some() {
        finish_row(&mut table, &mut row, &mut cell, base + html.len());
        out.extend(table);
    }
    out
}

fn finish_cell(row: &mut Option<(Row, bool)>, cell: &mut Option<Cell>, end: usize) {
    let (Some(mut c), Some((r, _))) = (cell.take(), row.as_mut()) else { return };
    c.span.end = end.max(c.span.start);
    c.text = tidy(&c.text);
    r.cells.push(c);
}

fn finish_row(table: &mut Option<Table>, row: &mut Option<(Row, bool)>, cell: &mut Option<Cell>, end: usize) {
    finish_cell(row, cell, end);
    let (Some(t), Some((mut r, all_th))) = (table.as_mut(), row.take()) else { return };
    if r.cells.is_empty() {
        return;
    }
    r.span.end = end.max(r.span.start);
    if t.header.is_empty() && (all_th || t.rows.is_empty()) {
        t.header = r.cells;
    } else {
        t.rows.push(r);
    }
}

/// Cell text: each line's white space (non-breaking spaces included)
/// collapsed to one space, blank lines dropped.
fn tidy(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::tables;

    #[test]
    fn reads_header_rows_and_markup_free_cells() {
        let html = "<table class=\"t\">\n <thead><tr><th>Status</th><th>Messages</th></tr></thead>\n <tbody>\n  <tr>\n   <td><span class=\"badge\">400</span></td>\n   <td><code>{&quot;error&quot;: &quot;invalid_request&quot;}</code><br>x&nbsp;</td>\n  </tr>\n </tbody>\n</table>\n";
        let t = tables(html, 10);
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert!(t.closed);
        assert_eq!(t.header.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["Status", "Messages"]);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].cells[0].text, "400");
        assert_eq!(t.rows[0].cells[1].text, "{\"error\": \"invalid_request\"}\nx");
        let c = &t.rows[0].cells[0];
        assert_eq!(&html[c.span.start - 10..c.span.end - 10], "<span class=\"badge\">400</span>");
        assert_eq!(t.span, 10..10 + html.trim_end().len());
    }

    #[test]
    fn first_row_is_the_header_without_th_and_unclosed_tables_are_said() {
        let t = tables("<table><tr><td>code</td><td>message</td></tr><tr><td>A</td><td>a</td></tr>", 0);
        assert_eq!(t[0].header[0].text, "code");
        assert_eq!(t[0].rows[0].cells[1].text, "a");
        assert!(!t[0].closed);
        assert!(tables("<p>no table</p>", 0).is_empty());
    }
}
