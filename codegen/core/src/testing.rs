//! For this crate's unit tests, which have no Markdown parser: a reader of
//! the few lines they write (headings, `<!-- errgen: … -->` directives,
//! pipe tables without escaped pipes, one-line paragraphs) into the blocks
//! errgen's Markdown reader gives for them, then the real lowering. It is
//! no Markdown parser: tests of what real Markdown reads as belong to
//! errgen (`codegen/src`, `codegen/tests`).

use std::ops::Range;

use crate::diag::Diagnostic;
use crate::lower::{lower_blocks, ReadOptions};
use crate::model::Model;
use crate::source::{Block, Cell, Row, SourceFile};

/// The lines of `text` with their byte ranges, line breaks excluded.
fn lines(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut at = 0;
    text.split_inclusive('\n').map(move |line| {
        let start = at;
        at += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        (start..start + line.len(), line)
    })
}

fn cells(file: &SourceFile, line: Range<usize>) -> Vec<Cell> {
    let text = &file.text[line.clone()];
    let pipes: Vec<usize> = text.match_indices('|').map(|(i, _)| line.start + i).collect();
    pipes
        .windows(2)
        .map(|w| {
            let range = w[0] + 1..w[1];
            Cell { text: file.text[range.clone()].trim().to_owned(), span: file.cell_span(range), links: Vec::new() }
        })
        .collect()
}

/// A pipe table being read: its header, rows, span so far, and whether
/// its separator line has been passed.
struct Table {
    header: Vec<Cell>,
    rows: Vec<Row>,
    span: Range<usize>,
    separated: bool,
}

impl Table {
    fn block(self) -> Block {
        Block::Table { header: self.header, rows: self.rows, span: self.span, html: false }
    }
}

/// The blocks of one file written in the subset above.
pub(crate) fn blocks(file: &SourceFile) -> Vec<Block> {
    let mut out = Vec::new();
    let mut table: Option<Table> = None;
    for (range, line) in lines(&file.text) {
        if line.starts_with('|') {
            match &mut table {
                None => table = Some(Table { header: cells(file, range.clone()), rows: Vec::new(), span: range, separated: false }),
                Some(t) if !t.separated => (t.separated, t.span.end) = (true, range.end),
                Some(t) => {
                    t.span.end = range.end;
                    t.rows.push(Row { cells: cells(file, range.clone()), span: range, extra: Vec::new() });
                }
            }
            continue;
        }
        out.extend(table.take().map(Table::block));
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let span = file.trim(range);
        if let Some(title) = trimmed.strip_prefix('#') {
            let level = 1 + title.bytes().take_while(|&b| b == b'#').count();
            let text = title.trim_start_matches('#').trim().to_owned();
            out.push(Block::Heading { text, level: u8::try_from(level).unwrap_or(6), span });
        } else if let Some(inner) = trimmed.strip_prefix("<!--").and_then(|t| t.strip_suffix("-->")) {
            let text = inner.trim().strip_prefix("errgen:").expect("only errgen directives").trim().to_owned();
            out.push(Block::Directive { text, span });
        } else {
            out.push(Block::Prose { text: trimmed.to_owned(), span, lead: None, list: None });
        }
    }
    out.extend(table.map(Table::block));
    out
}

/// The model and diagnostics of spec files written in the subset above.
pub(crate) fn from_sources(sources: Vec<(String, String)>) -> (Option<Model>, Vec<Diagnostic>) {
    let files: Vec<SourceFile> = sources.into_iter().map(|(path, text)| SourceFile::new(path, text)).collect();
    let blocks = files.iter().map(blocks).collect();
    let lowered = lower_blocks(&files, blocks, Vec::new(), &ReadOptions::default());
    (lowered.model, lowered.diagnostics)
}
