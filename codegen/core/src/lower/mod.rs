//! Stage two: blocks -> validated [`Model`], with diagnostics. Applies the
//! parsing rules documented in the README; does no IO.
//!
//! One walk over the blocks reads each section's directives and prose once
//! (`directives.rs`) and hands every table what is in force where it
//! stands; `roles.rs` reads a table's kind and column roles (vocabulary in
//! `vocab.rs`, cell values in `cells.rs`); `status_table.rs` and
//! `code_table.rs` read the rows; `examples.rs` reads the JSON error-body
//! examples. Work is linear in the input.

mod cells;
mod code_table;
pub(crate) use code_table::KeyIndex;
mod directives;
mod examples;
mod outside;
mod roles;
mod status_table;
mod tokens;
mod vocab;

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

pub use vocab::Role;

use self::directives::{Directive, InForce};
use self::roles::Kind;
use crate::diag::{Diagnostic, Label, Severity};
use crate::model::{Model, Source, MODEL_VERSION};
use crate::source::{Block, Cell, Row, SourceFile};

/// A place in the spec: a file (by index) and a byte range in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct At {
    pub file: usize,
    pub range: Range<usize>,
}

/// How to read a spec beyond what its Markdown says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Column roles for every table of the spec, by header: what a
    /// `<!-- errgen: columns … -->` directive says for one table. A
    /// table's own directive wins.
    pub columns: Vec<(Role, String)>,
}

/// How `lint --explain` describes one table, or one code read outside
/// tables (then `columns` is empty and `entries` is 1).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TableReading {
    /// Where the table starts.
    pub source: Source,
    /// `status table`, `code table` (with ` (HTML)` for a raw HTML table),
    /// `not read`, or for a code outside tables where it was read: `code
    /// `X` from a heading` (a bold paragraph, a list item, a `Label: value`
    /// record, a JSON example).
    pub kind: String,
    /// Each column: its header, its role and how that was decided.
    pub columns: Vec<ColumnReading>,
    /// Where the rows' HTTP status came from.
    pub status_from: String,
    /// Where the rows' retryability came from.
    pub retryable_from: String,
    /// How many of the table's rows were read as codes or statuses.
    pub entries: usize,
}

/// One column of a [`TableReading`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ColumnReading {
    /// The header as written.
    pub header: String,
    /// The role (`code`, `status`, …, `extra`).
    pub role: String,
    /// How the role was decided.
    pub how: String,
}

/// What lowering gives: the model (`None` on any error), the diagnostics,
/// and how each table was read.
pub struct Lowered {
    pub model: Option<Model>,
    pub diagnostics: Vec<Diagnostic>,
    pub readings: Vec<TableReading>,
}

/// A block with the file it came from.
struct Item {
    file: usize,
    block: Block,
}

/// A table with what was in force where it stands.
struct TableAt<'a> {
    file: usize,
    header: &'a [Cell],
    /// The rows, moved out of the block: a code table consumes them, so
    /// that each row's text is freed (or moved into the model) as it is
    /// read, not held until lowering ends.
    rows: Vec<Row>,
    span: Range<usize>,
    heading: Option<&'a str>,
    /// Whether a heading above the table (or the page title) speaks of
    /// errors.
    error_section: bool,
    /// The nearest heading above the table that is a status
    /// (`# 401 Unauthorized`).
    heading_status: Option<u16>,
    /// A raw HTML `<table>`.
    html: bool,
    in_force: InForce,
    columns: Vec<(Role, String, At)>,
    section: usize,
}

/// A section's `ident.CODE=Name` directives, one entry per code in the
/// order first named (a later directive for the code wins), and which were
/// used.
#[derive(Default)]
struct Section {
    idents: Vec<SectionIdent>,
    by_code: code_table::KeyIndex,
}

struct SectionIdent {
    code: String,
    name: String,
    at: At,
    /// Whether a table under the section defines the code.
    used: bool,
}

impl Section {
    /// The entry for `code`, if a directive names it.
    fn ident(&mut self, code: &str) -> Option<&mut SectionIdent> {
        let i = self.by_code.find(code, |i| &self.idents[i].code)?;
        Some(&mut self.idents[i])
    }

    /// A directive's `ident.CODE=Name`.
    fn set_ident(&mut self, code: String, name: String, at: At) {
        if let Some(entry) = self.ident(&code) {
            entry.name = name;
            entry.at = at;
            return;
        }
        self.by_code.insert(&code, self.idents.len());
        self.idents.push(SectionIdent { code, name, at, used: false });
    }
}

pub(crate) struct Lowering<'a> {
    files: &'a [SourceFile],
    options: &'a ReadOptions,
    diags: Vec<Diagnostic>,
    readings: Vec<TableReading>,
}

/// Lowers files already parsed into their blocks (one list per file), with
/// the diagnostics parsing gave.
pub fn lower_blocks(files: &[SourceFile], blocks: Vec<Vec<Block>>, diags: Vec<Diagnostic>, options: &ReadOptions) -> Lowered {
    let mut items = Vec::new();
    for (i, file_blocks) in blocks.into_iter().enumerate() {
        items.extend(file_blocks.into_iter().map(|block| Item { file: i, block }));
    }
    let mut cx = Lowering { files, options, diags, readings: Vec::new() };
    let model = cx.run(&mut items);
    let diagnostics = dedup(cx.diags);
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    Lowered { model: if failed { None } else { Some(model) }, diagnostics, readings: cx.readings }
}

/// The same problem at the same place is said once.
fn dedup(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    use std::hash::BuildHasher as _;
    // The same: severity, message and first place.
    fn key(d: &Diagnostic) -> (Severity, &str, Option<(&str, u32, u32)>) {
        (d.severity, &d.message, d.labels.first().map(|l| (l.source.file.as_str(), l.source.line, l.source.column)))
    }
    let mut index = code_table::KeyIndex::default();
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(diags.len());
    for d in diags {
        let hash = rustc_hash::FxBuildHasher.hash_one(key(&d));
        if index.find_where(hash, |i| key(&kept[i]) == key(&d)).is_none() {
            index.insert_hashed(hash, kept.len());
            kept.push(d);
        }
    }
    kept
}

impl Lowering<'_> {
    fn label(&self, at: &At, note: impl Into<String>) -> Label {
        self.files[at.file].label(at.range.clone(), note)
    }

    fn source(&self, at: &At) -> Source {
        self.files[at.file].source(at.range.start)
    }

    fn run(&mut self, items: &mut [Item]) -> Model {
        let rows: Vec<Vec<Row>> = items
            .iter_mut()
            .filter_map(|item| match &mut item.block {
                Block::Table { rows, .. } => Some(std::mem::take(rows)),
                _ => None,
            })
            .collect();
        let items: &[Item] = items;
        let (mut tables, mut sections, code_blocks, settings) = self.walk(items, rows);
        let examples = self.examples(&code_blocks);
        let body = self.body_format(&examples);

        let shapes: Vec<roles::Shape> = tables
            .iter()
            .map(|t| {
                let section_status = t.in_force.status.is_some() || t.in_force.status_line.is_some();
                roles::shape(t.header, &t.rows, &t.columns, &self.options.columns, t.error_section, section_status)
            })
            .collect();
        for t in &tables {
            for (role, header, at) in &t.columns {
                let key = vocab::normalize(header);
                if !t.header.iter().any(|c| vocab::normalize(&c.text) == key) {
                    let headers: Vec<&str> = t.header.iter().map(|c| c.text.as_str()).collect();
                    self.diags.push(
                        Diagnostic::error(format!("`columns` directive names column `{header}` ({}), which the next table does not have", role.name()))
                            .label(self.label(at, "in this directive"))
                            .help(format!("the table's columns are `{}`", headers.join("`, `"))),
                    );
                }
            }
        }
        let body_slugs: HashSet<String> = examples.iter().filter_map(|e| e.heading_slug.clone()).collect();
        let heading_slugs: HashSet<String> = items
            .iter()
            .filter_map(|i| match &i.block {
                Block::Heading { text, .. } => Some(examples::slug(text)),
                _ => None,
            })
            .collect();
        let mut statuses = status_table::Drafts::default();
        let mut readings: Vec<Option<TableReading>> = (0..tables.len()).map(|_| None).collect();
        for (i, (t, shape)) in tables.iter().zip(&shapes).enumerate() {
            match shape.kind {
                Kind::Status => {
                    if let Some(c) = shape.status_by_content {
                        let header = &t.header[c];
                        self.diags.push(
                            Diagnostic::note(format!("column `{}` holds only HTTP statuses, so the table is read as a status table", header.text))
                                .label(self.label(&At { file: t.file, range: header.span.clone() }, "this column"))
                                .help(format!("if these are error codes, say so above the table: `<!-- errgen: columns code=\"{}\" -->`", header.text)),
                        );
                    }
                    let r = self.status_table(t, shape, &body_slugs, &heading_slugs, &mut statuses);
                    readings[i] = Some(r);
                }
                Kind::Other => {
                    self.unread_table(t, shape);
                    readings[i] = Some(reading(self, t, shape, "not read", String::new(), String::new(), 0));
                }
                Kind::Code => {}
            }
        }
        self.name_statuses(&mut statuses);

        let mut codes = code_table::Codes::default();
        // At most a code a row: the list is allocated once, not doubled
        // (with a copy) as it grows.
        codes.reserve(tables.iter().zip(&shapes).filter(|(_, s)| s.kind == Kind::Code).map(|(t, _)| t.rows.len()).sum());
        for (i, (t, shape)) in tables.iter_mut().zip(&shapes).enumerate() {
            if shape.kind == Kind::Code {
                let r = self.code_table(t, shape, &statuses, &mut codes, &mut sections[t.section]);
                readings[i] = Some(r);
            }
        }
        self.readings = readings.into_iter().flatten().collect();
        let outside::Outside { statuses: outside_statuses, example_uses, near } = self.outside(items, &settings, &mut codes);
        for section in &sections {
            for SectionIdent { code, at, .. } in section.idents.iter().filter(|e| !e.used) {
                self.diags.push(
                    Diagnostic::warning(format!("directive names an identifier for `{code}`, which no table under it defines"))
                        .label(self.label(at, "in this directive"))
                        .help("correct the code in the directive, or remove the entry"),
                );
            }
        }
        let mut statuses = statuses.into_statuses();
        for s in outside_statuses {
            if let Err(i) = statuses.binary_search_by_key(&s.status, |t| t.status) {
                if !statuses.iter().any(|t| t.name == s.name) {
                    statuses.insert(i, s);
                }
            }
        }
        if codes.list.is_empty() && statuses.is_empty() && !self.diags.iter().any(Diagnostic::is_error) {
            self.nothing_read(near);
        }
        self.check_examples(&examples, &codes);
        self.check_example_uses(example_uses, &codes);
        Model { version: MODEL_VERSION, statuses, codes: codes.list, body }
    }

    /// One pass over the blocks: the tables with what is in force where
    /// each stands, the sections' identifier directives, and the code
    /// blocks with their heading.
    #[allow(clippy::type_complexity)]
    fn walk<'i>(
        &mut self,
        items: &'i [Item],
        rows: Vec<Vec<Row>>,
    ) -> (Vec<TableAt<'i>>, Vec<Section>, Vec<(usize, &'i Block, Option<&'i str>)>, Vec<outside::Settings>) {
        // Each table's rows, taken out of the blocks in document order.
        let mut rows = rows.into_iter();
        let mut settings_log = Vec::new();
        let mut tables = Vec::new();
        let mut sections = vec![Section::default()];
        let mut code_blocks = Vec::new();
        let mut in_force = InForce::default();
        let mut headings: Vec<(u8, &str)> = Vec::new();
        let mut pending: Option<(Vec<(Role, String, At)>, At)> = None;
        let mut file = usize::MAX;
        for (seq, item) in items.iter().enumerate() {
            if item.file != file {
                if let Some((_, at)) = pending.take() {
                    self.unused_columns(&at);
                }
                file = item.file;
                headings.clear();
                in_force = InForce::default();
                sections.push(Section::default());
            }
            match &item.block {
                Block::Heading { text, level, .. } => {
                    while headings.last().is_some_and(|(l, _)| l >= level) {
                        headings.pop();
                    }
                    headings.push((*level, text.as_str()));
                    in_force = InForce::default();
                    sections.push(Section::default());
                }
                Block::Directive { text, span } => {
                    let at = At { file: item.file, range: span.clone() };
                    match self.directive(text, &at) {
                        Directive::Settings(settings) => {
                            in_force.apply(&settings);
                            if settings.status.is_some() || settings.retryable.is_some() || settings.codes.is_some() {
                                settings_log.push(outside::Settings {
                                    at: seq,
                                    status: settings.status.clone(),
                                    retryable: settings.retryable,
                                    codes: settings.codes,
                                });
                            }
                            let section = sections.last_mut().expect("one section at least");
                            for (code, name, at) in settings.idents {
                                section.set_ident(code, name, at);
                            }
                        }
                        Directive::Columns(columns) => {
                            if let Some((_, old)) = pending.replace((columns, at)) {
                                self.unused_columns(&old);
                            }
                        }
                    }
                }
                Block::Prose { text, span, .. } => in_force.read_prose(text, item.file, span),
                Block::UnclosedHtmlTable { .. } | Block::HtmlTableUnread { .. } => {}
                Block::CodeBlock { .. } => {
                    self.indented_table(item.file, &item.block);
                    code_blocks.push((item.file, &item.block, headings.last().map(|(_, h)| *h)));
                }
                Block::Table { header, span, html, .. } => {
                    let columns = pending.take().map(|(c, _)| c).unwrap_or_default();
                    tables.push(TableAt {
                        file: item.file,
                        header,
                        rows: rows.next().unwrap_or_default(),
                        span: span.clone(),
                        heading: headings.last().map(|(_, h)| *h),
                        error_section: headings.iter().any(|(_, h)| vocab::is_error_heading(h)),
                        heading_status: headings.iter().rev().find_map(|(_, h)| cells::heading_status(h)),
                        html: *html,
                        in_force: in_force.clone(),
                        columns,
                        section: sections.len() - 1,
                    });
                }
            }
        }
        if let Some((_, at)) = pending.take() {
            self.unused_columns(&at);
        }
        (tables, sections, code_blocks, settings_log)
    }

    /// The error for a spec that gives no code and no status; where
    /// code-like items stand under no heading about errors, it points at
    /// them with the one-line fix.
    fn nothing_read(&mut self, near: Option<outside::Near>) {
        let mut d = Diagnostic::error("no error codes or statuses found in the spec");
        if let Some(first) = self.files.first() {
            d = d.label(first.label(0..0, "in this spec"));
        }
        d = match near {
            // Codes written outside tables, under no heading about errors.
            Some(n) => d.label(self.label(&n.at, format!("{} like {} more: they look like error codes", n.what, n.count - 1))).help(format!(
                "no heading above `{}` and the others names errors: add `<!-- errgen: codes=all -->` above them, or a heading such as `## Error codes`",
                n.first
            )),
            None => d.help(
                "add a table with a `code` column (and a `message` or `description` column), or a status table with an `HTTP Status` column",
            ),
        };
        self.diags.push(d);
    }

    fn unused_columns(&mut self, at: &At) {
        self.diags.push(
            Diagnostic::warning("`columns` directive is followed by no table in its file")
                .label(self.label(at, "this directive"))
                .help("put the directive right above the table whose columns it names"),
        );
    }

    /// A CommonMark indented code block that holds a table: Markdown does
    /// not read it as one, so the writer must hear why.
    fn indented_table(&mut self, file: usize, block: &Block) {
        let Block::CodeBlock { text, span, indented: true, .. } = block else { return };
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        let (Some(head), Some(rule)) = (lines.next(), lines.next()) else { return };
        let is_rule = rule.contains('-')
            && rule.contains('|')
            && rule.chars().all(|c| matches!(c, '-' | '|' | ':' | ' ' | '\t'));
        if !head.contains('|') || !is_rule {
            return;
        }
        let read_as_errors = head.split('|').any(|h| vocab::lookup(h.trim()).is_some_and(|(r, _)| matches!(r, Role::Code | Role::Status)));
        let at = At { file, range: span.clone() };
        let message = "this table is indented 4 or more spaces, so Markdown reads it as a code block, not a table";
        let d = if read_as_errors { Diagnostic::error(message) } else { Diagnostic::warning(message) };
        self.diags.push(
            d.label(self.label(&at, "indented table"))
                .help("remove the indentation before each line of the table (at most 3 spaces) so that it is read as a table"),
        );
    }

    /// Says why a table that looks like errors was not read.
    fn unread_table(&mut self, t: &TableAt<'_>, shape: &roles::Shape) {
        let at = At { file: t.file, range: t.span.clone() };
        let headers: Vec<&str> = t.header.iter().map(|c| c.text.as_str()).collect();
        for cell in t.header {
            if let Some(word) = vocab::near_miss(&cell.text) {
                let cell_at = At { file: t.file, range: cell.span.clone() };
                self.diags.push(
                    Diagnostic::warning(format!("table not read: header `{}` is not one errgen knows; did you mean `{word}`?", cell.text))
                        .label(self.label(&cell_at, "this header"))
                        .help(format!("rename the column to `{word}`, or name its role with `<!-- errgen: columns {}=\"{}\" -->`", role_hint(word), cell.text)),
                );
                return;
            }
        }
        for (i, cell) in t.header.iter().enumerate() {
            let col: Vec<&str> = t.rows.iter().filter_map(|r| r.cells.get(i)).map(|c| c.text.as_str()).filter(|s| !s.trim().is_empty()).collect();
            if col.len() < 2 {
                continue;
            }
            let (what, role) = if col.iter().all(|c| cells::is_status_number(c)) {
                ("HTTP statuses", "status")
            } else if col.iter().all(|c| cells::is_screaming_code(c)) {
                ("what look like error codes", "code")
            } else {
                continue;
            };
            let cell_at = At { file: t.file, range: cell.span.clone() };
            self.diags.push(
                Diagnostic::warning(format!("table not read: column `{}` holds {what}, but no header says what the table is", cell.text))
                    .label(self.label(&cell_at, "this column"))
                    .help(format!("name the column's role with `<!-- errgen: columns {role}=\"{}\" -->` above the table", cell.text)),
            );
            return;
        }
        let why = shape.why_not.clone().unwrap_or_else(|| "its columns are neither a status nor a code table".to_owned());
        self.diags.push(
            Diagnostic::note(format!("table ignored: `{}`: {why}", headers.join(" | ")))
                .label(self.label(&at, "this table"))
                .help("a status table has an `HTTP Status` column; a code table has a `code` column and another column"),
        );
    }
}

/// The role the vocabulary gives a column header on its own (before a
/// table's cells are looked at); `None` for a header errgen keeps as an
/// extra column.
#[must_use]
pub fn header_role(header: &str) -> Option<Role> {
    vocab::lookup(header).map(|(r, _)| r).or_else(|| vocab::by_word(header))
}

/// The directive role for a vocabulary word, for help texts.
fn role_hint(word: &str) -> &'static str {
    vocab::lookup(word).map_or("code", |(r, _)| r.name())
}

/// Builds a table's explanation.
fn reading(cx: &Lowering<'_>, t: &TableAt<'_>, shape: &roles::Shape, kind: &str, status_from: String, retryable_from: String, entries: usize) -> TableReading {
    TableReading {
        source: cx.source(&At { file: t.file, range: t.span.clone() }),
        kind: if t.html && kind != "not read" { format!("{kind} (HTML)") } else { kind.to_owned() },
        columns: t
            .header
            .iter()
            .enumerate()
            .map(|(i, c)| ColumnReading {
                header: c.text.clone(),
                role: shape.roles.get(i).map_or("extra", |r| r.name()).to_owned(),
                how: shape.how.get(i).cloned().unwrap_or_default(),
            })
            .collect(),
        status_from,
        retryable_from,
        entries,
    }
}

/// Renders readings for `lint --explain`, one block per table.
#[must_use]
pub fn explain(readings: &[TableReading]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for r in readings {
        if r.columns.is_empty() && r.kind.starts_with("code `") {
            let _ = writeln!(out, "{}:{}:{}: {}", r.source.file, r.source.line, r.source.column, r.kind);
        } else {
            let _ = writeln!(out, "{}:{}:{}: {} ({} rows read)", r.source.file, r.source.line, r.source.column, r.kind, r.entries);
        }
        for c in &r.columns {
            let _ = writeln!(out, "  column `{}`: {} ({})", c.header, c.role, c.how);
        }
        if !r.status_from.is_empty() {
            let _ = writeln!(out, "  status: {}", r.status_from);
        }
        if !r.retryable_from.is_empty() {
            let _ = writeln!(out, "  retryable: {}", r.retryable_from);
        }
    }
    out
}
