//! Stage two: blocks -> validated [`Model`], with diagnostics. Applies the
//! parsing rules documented in ARCHITECTURE.md; does no IO.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use crate::diag::{Diagnostic, Label};
use crate::ident;
use crate::model::{BodyFormat, Code, Model, Param, Status, MODEL_VERSION};
use crate::parse::{self, Block, Cell, SourceFile};
use crate::template::{self, Piece};

/// A block with the file it came from.
struct Item {
    file: usize,
    block: Block,
}

/// A section: the heading above a table (if any) and the items from that
/// heading down to the table.
struct Section<'a> {
    heading: Option<&'a str>,
    items: &'a [Item],
}

/// An `<!-- errgen: ... -->` directive's settings.
#[derive(Default)]
struct Directive {
    status: Option<u16>,
    retryable: Option<bool>,
    /// `ident.CODE=Name`: identifiers for codes, with where they were set.
    idents: BTreeMap<String, (String, usize, Range<usize>)>,
}

struct Lowering<'a> {
    files: &'a [SourceFile],
    diags: Vec<Diagnostic>,
}

/// Lowers parsed files into a model. The model is `None` when any error was
/// diagnosed.
pub(crate) fn lower(files: &[SourceFile]) -> (Option<Model>, Vec<Diagnostic>) {
    let mut items = Vec::new();
    for (i, file) in files.iter().enumerate() {
        items.extend(parse::blocks(file).into_iter().map(|block| Item { file: i, block }));
    }
    let mut cx = Lowering { files, diags: Vec::new() };
    let model = cx.run(&items);
    let failed = cx.diags.iter().any(Diagnostic::is_error);
    (if failed { None } else { Some(model) }, cx.diags)
}

/// GitHub/GitBook heading anchor: lower case, spaces to `-`, other
/// punctuation dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .filter_map(|c| match c {
            ' ' | '-' => Some('-'),
            '_' => Some('_'),
            c if c.is_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The standard reason phrase of a status, `SCREAMING_SNAKE_CASE`.
fn reason_phrase(status: u16) -> Option<&'static str> {
    Some(match status {
        100 => "CONTINUE",
        101 => "SWITCHING_PROTOCOLS",
        102 => "PROCESSING",
        103 => "EARLY_HINTS",
        200 => "OK",
        201 => "CREATED",
        202 => "ACCEPTED",
        203 => "NON_AUTHORITATIVE_INFORMATION",
        204 => "NO_CONTENT",
        205 => "RESET_CONTENT",
        206 => "PARTIAL_CONTENT",
        207 => "MULTI_STATUS",
        208 => "ALREADY_REPORTED",
        226 => "IM_USED",
        300 => "MULTIPLE_CHOICES",
        301 => "MOVED_PERMANENTLY",
        302 => "FOUND",
        303 => "SEE_OTHER",
        304 => "NOT_MODIFIED",
        305 => "USE_PROXY",
        307 => "TEMPORARY_REDIRECT",
        308 => "PERMANENT_REDIRECT",
        400 => "BAD_REQUEST",
        401 => "UNAUTHORIZED",
        402 => "PAYMENT_REQUIRED",
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        405 => "METHOD_NOT_ALLOWED",
        406 => "NOT_ACCEPTABLE",
        407 => "PROXY_AUTHENTICATION_REQUIRED",
        408 => "REQUEST_TIMEOUT",
        409 => "CONFLICT",
        410 => "GONE",
        411 => "LENGTH_REQUIRED",
        412 => "PRECONDITION_FAILED",
        413 => "PAYLOAD_TOO_LARGE",
        414 => "URI_TOO_LONG",
        415 => "UNSUPPORTED_MEDIA_TYPE",
        416 => "RANGE_NOT_SATISFIABLE",
        417 => "EXPECTATION_FAILED",
        418 => "IM_A_TEAPOT",
        421 => "MISDIRECTED_REQUEST",
        422 => "UNPROCESSABLE_ENTITY",
        423 => "LOCKED",
        424 => "FAILED_DEPENDENCY",
        425 => "TOO_EARLY",
        426 => "UPGRADE_REQUIRED",
        428 => "PRECONDITION_REQUIRED",
        429 => "TOO_MANY_REQUESTS",
        431 => "REQUEST_HEADER_FIELDS_TOO_LARGE",
        451 => "UNAVAILABLE_FOR_LEGAL_REASONS",
        500 => "INTERNAL_SERVER_ERROR",
        501 => "NOT_IMPLEMENTED",
        502 => "BAD_GATEWAY",
        503 => "SERVICE_UNAVAILABLE",
        504 => "GATEWAY_TIMEOUT",
        505 => "HTTP_VERSION_NOT_SUPPORTED",
        506 => "VARIANT_ALSO_NEGOTIATES",
        507 => "INSUFFICIENT_STORAGE",
        508 => "LOOP_DETECTED",
        510 => "NOT_EXTENDED",
        511 => "NETWORK_AUTHENTICATION_REQUIRED",
        _ => return None,
    })
}

/// Statuses a client may retry when nothing in the doc says otherwise.
fn retryable_by_default(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

/// Retryability from heading words: `Some(false)` for "Non Retryable",
/// "Non-Retryable", "Not Retryable"; `Some(true)` for "Retryable".
fn retryable_from_heading(heading: &str) -> Option<bool> {
    let words: String = heading.to_lowercase().replace(['-', '_'], " ");
    let words: Vec<&str> = words.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "retryable" || *w == "nonretryable")?;
    if words[at] == "nonretryable" || (at > 0 && matches!(words[at - 1], "non" | "not")) {
        Some(false)
    } else {
        Some(true)
    }
}

/// Column roles of a code table, by header.
struct CodeColumns {
    code: usize,
    message: Option<usize>,
    description: Option<usize>,
    extra: Vec<(usize, String)>,
}

/// Column roles of a status table, by header.
struct StatusColumns {
    status: usize,
    name: Option<usize>,
    description: Option<usize>,
}

enum TableKind {
    Status(StatusColumns),
    Code(CodeColumns),
    Other,
}

fn header_key(cell: &Cell) -> String {
    cell.text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn classify(header: &[Cell]) -> TableKind {
    let keys: Vec<String> = header.iter().map(header_key).collect();
    let find = |name: &str| keys.iter().position(|k| k == name);
    if let Some(status) = find("http status") {
        return TableKind::Status(StatusColumns {
            status,
            name: find("http code"),
            description: find("description"),
        });
    }
    if let Some(code) = find("code") {
        let message = find("message");
        let description = find("description");
        if message.is_none() && description.is_none() {
            return TableKind::Other;
        }
        let extra = (0..header.len())
            .filter(|&i| i != code && Some(i) != message && Some(i) != description)
            .map(|i| (i, header[i].text.clone()))
            .collect();
        return TableKind::Code(CodeColumns { code, message, description, extra });
    }
    TableKind::Other
}

/// A status in the making: rows for one status merge.
struct StatusDraft {
    status: Status,
    /// The name written in a row, and where.
    written: Option<(String, (usize, Range<usize>))>,
    /// The first row whose name cell was empty (not a link).
    empty_at: Option<(usize, Range<usize>)>,
    /// The first row.
    row_at: (usize, Range<usize>),
}

/// The codes found so far, in document order, indexed for the duplicate
/// checks (linear in the number of codes).
#[derive(Default)]
struct Codes {
    list: Vec<Code>,
    /// Where each code's row stands.
    at: Vec<(usize, Range<usize>)>,
    by_code: HashMap<String, usize>,
    by_ident: HashMap<String, usize>,
}

/// A JSON error-body example found in a code block.
struct Example {
    file: usize,
    span: Range<usize>,
    raw: String,
    heading_slug: Option<String>,
    code_field: String,
    message_field: String,
    code_value: Option<String>,
}

impl Lowering<'_> {
    fn label(&self, file: usize, range: Range<usize>, note: impl Into<String>) -> Label {
        self.files[file].label(range, note)
    }

    fn run(&mut self, items: &[Item]) -> Model {
        let sections = sections(items);
        let examples = self.examples(items, &sections);
        let body = match examples.first() {
            Some(e) => BodyFormat { code_field: e.code_field.clone(), message_field: e.message_field.clone() },
            None => BodyFormat::default(),
        };
        for e in examples.iter().skip(1) {
            if e.code_field != body.code_field || e.message_field != body.message_field {
                let first = &examples[0];
                self.diags.push(
                    Diagnostic::error(format!(
                        "error body examples disagree on field names: `{}`/`{}` here, `{}`/`{}` first",
                        e.code_field, e.message_field, first.code_field, first.message_field
                    ))
                    .label(self.label(e.file, e.span.clone(), "this example"))
                    .label(self.label(first.file, first.span.clone(), "first example"))
                    .help("use the same field names in every JSON example of the error body"),
                );
            }
        }
        let body_slugs: BTreeSet<String> = examples.iter().filter_map(|e| e.heading_slug.clone()).collect();
        let heading_slugs: BTreeSet<String> = items
            .iter()
            .filter_map(|i| match &i.block {
                Block::Heading { text, .. } => Some(slug(text)),
                _ => None,
            })
            .collect();

        let mut statuses: BTreeMap<u16, StatusDraft> = BTreeMap::new();
        let mut code_tables = Vec::new();
        let mut found_code_table = false;
        for (index, item) in items.iter().enumerate() {
            let Block::Table { header, rows, span } = &item.block else { continue };
            let section = &sections[index];
            match classify(header) {
                TableKind::Status(cols) => {
                    self.status_table(item.file, section, &cols, rows, &body_slugs, &heading_slugs, &mut statuses);
                }
                TableKind::Code(cols) => {
                    found_code_table = true;
                    code_tables.push((item.file, index, cols, span.clone()));
                }
                TableKind::Other => {
                    let headers: Vec<&str> = header.iter().map(|c| c.text.as_str()).collect();
                    self.diags.push(
                        Diagnostic::note(format!("table ignored: its columns `{}` are neither a status nor a code table", headers.join(" | ")))
                            .label(self.label(item.file, span.clone(), "this table"))
                            .help("a status table has an `HTTP Status` column; a code table has `code` and `message` or `description`"),
                    );
                }
            }
        }
        self.name_statuses(&mut statuses);

        let mut codes = Codes::default();
        for (file, index, cols, span) in code_tables {
            let Block::Table { rows, .. } = &items[index].block else { continue };
            self.code_table(file, &sections[index], &cols, rows, span, &statuses, &mut codes);
        }
        let codes = codes.list;
        if !found_code_table {
            let mut d = Diagnostic::error("no code table found in the spec").help(
                "add a table with a `code` column and a `message` or `description` column under a heading",
            );
            if let Some(first) = self.files.first() {
                d = d.label(first.label(0..0, "in this spec"));
            }
            self.diags.push(d);
        }
        self.check_examples(&examples, &codes);

        Model {
            version: MODEL_VERSION,
            statuses: statuses.into_values().map(|d| d.status).collect(),
            codes,
            body,
        }
    }

    /// Finds the JSON examples of the error body.
    fn examples(&mut self, items: &[Item], sections: &[Section<'_>]) -> Vec<Example> {
        let mut out = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let Block::CodeBlock { lang, text, span } = &item.block else { continue };
            if !(lang.is_empty() || lang == "json" || lang == "jsonc" || lang == "json5") {
                continue;
            }
            let decoded = html_escape::decode_html_entities(text);
            let Some(map) = crate::json::object(&decoded) else {
                if lang == "json" && decoded.contains(':') && decoded.to_lowercase().contains("code") {
                    self.diags.push(
                        Diagnostic::warning("JSON example is not a valid JSON object; it was not read")
                            .label(self.label(item.file, span.clone(), "this code block"))
                            .help("fix the JSON so errgen can read the error body's field names"),
                    );
                }
                continue;
            };
            // The two fields must differ: a key such as `codeMessage` is
            // taken for the code only (fuzzing found a model with one key
            // for both, which no body can carry).
            let key_with = |words: &[&str], not: Option<&String>| {
                map.keys().find(|k| {
                    let lower = k.to_lowercase();
                    Some(*k) != not && words.iter().any(|w| lower.contains(w))
                })
            };
            let Some(code_field) = key_with(&["code"], None) else { continue };
            let Some(message_field) = key_with(&["message", "msg"], Some(code_field)) else { continue };
            let code_value = map.get(code_field).cloned().flatten();
            let heading_slug = sections[index].heading.map(slug);
            out.push(Example {
                file: item.file,
                span: span.clone(),
                raw: self.files[item.file].text[span.clone()].to_owned(),
                heading_slug,
                code_field: code_field.clone(),
                message_field: message_field.clone(),
                code_value,
            });
        }
        out
    }

    fn check_examples(&mut self, examples: &[Example], codes: &[Code]) {
        for e in examples {
            let Some(value) = &e.code_value else { continue };
            if codes.iter().any(|c| &c.code == value) {
                continue;
            }
            let at = match e.raw.find(value.as_str()) {
                Some(i) => e.span.start + i..e.span.start + i + value.len(),
                None => e.span.clone(),
            };
            self.diags.push(
                Diagnostic::warning(format!("example uses code `{value}`, which no code table defines"))
                    .label(self.label(e.file, at, "not defined in any code table"))
                    .help("use a documented code in the example, or add a row for this code to a code table"),
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn status_table(
        &mut self,
        file: usize,
        section: &Section<'_>,
        cols: &StatusColumns,
        rows: &[parse::Row],
        body_slugs: &BTreeSet<String>,
        heading_slugs: &BTreeSet<String>,
        statuses: &mut BTreeMap<u16, StatusDraft>,
    ) {
        let directive = self.directive(section);
        let heading_retry = section.heading.and_then(retryable_from_heading);
        for row in rows {
            if row.cells.iter().all(|c| c.text.is_empty()) {
                continue;
            }
            let empty = row.missing_cell();
            let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).unwrap_or(&empty);
            let status_cell = cell(Some(cols.status));
            let status = match status_cell.text.parse::<u16>() {
                Ok(s) if (100..=599).contains(&s) => s,
                _ => {
                    self.diags.push(
                        Diagnostic::error(format!("`{}` is not an HTTP status", status_cell.text))
                            .label(self.label(file, status_cell.span.clone(), "expected a number from 100 to 599"))
                            .help("write the status number, such as `404`, in the HTTP Status column"),
                    );
                    continue;
                }
            };
            let name_cell = cell(cols.name);
            let at = (file, name_cell.span.clone());
            let mut has_error_body = false;
            let mut written = None;
            let mut empty_at = None;
            if let Some(target) = name_cell.links.first() {
                let fragment = target.rsplit_once('#').map_or("", |(_, f)| f).to_lowercase();
                let points_at_body = if body_slugs.is_empty() {
                    heading_slugs.contains(&fragment)
                } else {
                    body_slugs.contains(&fragment)
                };
                if !points_at_body {
                    let expected = body_slugs.iter().next().map_or_else(
                        || "the section that shows the error body's JSON example".to_owned(),
                        |s| format!("`#{s}`"),
                    );
                    self.diags.push(
                        Diagnostic::error(format!("status {status} links to `{target}`, which is not the error body format"))
                            .label(self.label(file, name_cell.span.clone(), "this link"))
                            .help(format!("link to {expected}, or write the status name (such as `NOT_FOUND`) instead of a link")),
                    );
                    continue;
                }
                has_error_body = true;
            } else if name_cell.text.is_empty() {
                empty_at = Some(at);
            } else {
                let text = &name_cell.text;
                if ident::code_ident(text).is_none() || text.chars().any(char::is_whitespace) {
                    self.diags.push(
                        Diagnostic::error(format!("status name `{text}` cannot become an identifier"))
                            .label(self.label(file, name_cell.span.clone(), "not a SCREAMING_SNAKE_CASE name"))
                            .help("write the name in SCREAMING_SNAKE_CASE starting with a letter, such as `NOT_FOUND`"),
                    );
                    continue;
                }
                written = Some((text.clone(), at));
            }
            let description = cell(cols.description).text.clone();
            let Some(draft) = statuses.get_mut(&status) else {
                let retryable = directive.retryable.or(heading_retry).unwrap_or_else(|| retryable_by_default(status));
                let status_entry = Status {
                    status,
                    name: String::new(),
                    description,
                    retryable,
                    has_error_body,
                    source: self.files[file].source(row.span.start),
                };
                statuses.insert(status, StatusDraft { status: status_entry, written, empty_at, row_at: (file, row.span.clone()) });
                continue;
            };
            draft.status.has_error_body |= has_error_body;
            if draft.status.description.is_empty() {
                draft.status.description = description;
            }
            if draft.empty_at.is_none() {
                draft.empty_at = empty_at;
            }
            match (&draft.written, written) {
                (Some((first, (f0, r0))), Some((second, (f1, r1)))) if *first != second => {
                    let d = Diagnostic::error(format!("status {status} has two names: `{first}` and `{second}`"))
                        .label(self.label(f1, r1, "second name"))
                        .label(self.label(*f0, r0.clone(), "first name"))
                        .help("give each status one name; remove or correct one of the rows");
                    self.diags.push(d);
                }
                (None, Some(w)) => draft.written = Some(w),
                _ => {}
            }
        }
    }

    /// Gives every status its name (written, or the reason phrase), warns
    /// where a name was left empty, and rejects two statuses with one name.
    fn name_statuses(&mut self, statuses: &mut BTreeMap<u16, StatusDraft>) {
        let mut by_name: BTreeMap<String, (u16, (usize, Range<usize>))> = BTreeMap::new();
        let mut unnamed = Vec::new();
        for (&status, draft) in statuses.iter_mut() {
            if let Some((name, _)) = &draft.written {
                draft.status.name.clone_from(name);
            } else if let Some(phrase) = reason_phrase(status) {
                phrase.clone_into(&mut draft.status.name);
                if let Some((file, span)) = draft.empty_at.clone() {
                    self.diags.push(
                        Diagnostic::warning(format!("status {status} has no name; using `{phrase}`"))
                            .label(self.label(file, span, "empty HTTP Code cell"))
                            .help(format!("write `{phrase}` (or another name) in the HTTP Code column")),
                    );
                }
            } else {
                let (file, span) = draft.empty_at.clone().unwrap_or((0, 0..0));
                self.diags.push(
                    Diagnostic::error(format!("status {status} has no name and no standard reason phrase"))
                        .label(self.label(file, span, "name missing"))
                        .help("write a SCREAMING_SNAKE_CASE name in the HTTP Code column"),
                );
                unnamed.push(status);
                continue;
            }
            if let Some((other, (f0, r0))) = by_name.get(&draft.status.name) {
                let (f1, r1) = draft.row_at.clone();
                self.diags.push(
                    Diagnostic::error(format!("statuses {other} and {status} have the same name `{}`", draft.status.name))
                        .label(self.label(f1, r1, "second status"))
                        .label(self.label(*f0, r0.clone(), "first status"))
                        .help("give each status its own name in the HTTP Code column"),
                );
            } else {
                by_name.insert(draft.status.name.clone(), (status, draft.row_at.clone()));
            }
        }
        for status in unnamed {
            statuses.remove(&status);
        }
    }

    /// Reads the section's `<!-- errgen: ... -->` directives.
    fn directive(&mut self, section: &Section<'_>) -> Directive {
        let mut out = Directive::default();
        for item in section.items {
            let Block::Directive { text, span } = &item.block else { continue };
            for pair in text.split_whitespace() {
                // `ident.CODE=Name`: the code may itself contain `=`, the
                // name never does, so split at the last one.
                let split = if pair.starts_with("ident.") { pair.rsplit_once('=') } else { pair.split_once('=') };
                let (key, value) = split.unwrap_or((pair, ""));
                match key {
                    "status" => match value.parse::<u16>() {
                        Ok(s) if (100..=599).contains(&s) => out.status = Some(s),
                        _ => self.diags.push(
                            Diagnostic::error(format!("directive `status={value}` is not an HTTP status"))
                                .label(self.label(item.file, span.clone(), "in this directive"))
                                .help("write a number from 100 to 599, such as `<!-- errgen: status=500 -->`"),
                        ),
                    },
                    "retryable" => match value {
                        "true" => out.retryable = Some(true),
                        "false" => out.retryable = Some(false),
                        _ => self.diags.push(
                            Diagnostic::error(format!("directive `retryable={value}` is neither true nor false"))
                                .label(self.label(item.file, span.clone(), "in this directive"))
                                .help("write `retryable=true` or `retryable=false`"),
                        ),
                    },
                    _ if key.starts_with("ident.") => {
                        let code = &key["ident.".len()..];
                        if ident::is_ascii_ident(value) && value.starts_with(|c: char| c.is_ascii_uppercase()) {
                            out.idents.insert(code.to_owned(), (value.to_owned(), item.file, span.clone()));
                        } else {
                            self.diags.push(
                                Diagnostic::error(format!("directive `{pair}` does not give an identifier"))
                                    .label(self.label(item.file, span.clone(), "in this directive"))
                                    .help("write an UpperCamelCase ASCII name, such as `ident.오류=GeneralError`"),
                            );
                        }
                    }
                    _ => self.diags.push(
                        Diagnostic::error(format!("unknown directive key `{key}`"))
                            .label(self.label(item.file, span.clone(), "in this directive"))
                            .help("errgen directives take `status=NNN`, `retryable=true|false` and `ident.CODE=Name`"),
                    ),
                }
            }
        }
        out
    }

    /// The HTTP status a code table's codes are sent with (rule 5).
    fn table_status(
        &mut self,
        file: usize,
        section: &Section<'_>,
        directive: &Directive,
        table_span: &Range<usize>,
        statuses: &BTreeMap<u16, StatusDraft>,
    ) -> Option<u16> {
        if let Some(status) = directive.status {
            return Some(status);
        }
        let prose: Vec<(&str, usize)> = section
            .items
            .iter()
            .filter_map(|i| match &i.block {
                Block::Prose { text, .. } => Some((text.as_str(), i.file)),
                _ => None,
            })
            .collect();
        for (text, _) in &prose {
            for line in text.lines() {
                let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
                if let Some(number) = squeezed.strip_prefix("httpstatus:") {
                    if let Ok(s) = number.parse::<u16>() {
                        if (100..=599).contains(&s) {
                            return Some(s);
                        }
                    }
                }
            }
        }
        let mut mentioned = BTreeSet::new();
        for (text, _) in &prose {
            for number in three_digit_numbers(text) {
                if statuses.get(&number).is_some_and(|d| d.status.has_error_body) {
                    mentioned.insert(number);
                }
            }
        }
        if mentioned.len() == 1 {
            return mentioned.into_iter().next();
        }
        let heading = section.heading.map_or_else(|| "this table".to_owned(), |h| format!("`{h}`"));
        let (message, at) = if mentioned.is_empty() {
            (format!("cannot tell which HTTP status the codes under {heading} are sent with"), self.label(file, table_span.clone(), "this table"))
        } else {
            let list: Vec<String> = mentioned.iter().map(u16::to_string).collect();
            (
                format!("the codes under {heading} could be sent with HTTP status {}", list.join(" or ")),
                self.label(file, table_span.clone(), "this table"),
            )
        };
        self.diags.push(Diagnostic::error(message).label(at).help(
            "add `<!-- errgen: status=NNN -->` (or a line `httpStatus : NNN`) between the heading and the table",
        ));
        None
    }

    #[allow(clippy::too_many_arguments, clippy::too_many_lines)]
    fn code_table(
        &mut self,
        file: usize,
        section: &Section<'_>,
        cols: &CodeColumns,
        rows: &[parse::Row],
        table_span: Range<usize>,
        statuses: &BTreeMap<u16, StatusDraft>,
        codes: &mut Codes,
    ) {
        let directive = self.directive(section);
        // Without a status the table's rows are still checked, so that one
        // run reports every problem; the model is dropped for the error.
        let known = self.table_status(file, section, &directive, &table_span, statuses);
        let http_status = known.unwrap_or_default();
        if known.is_some() && !statuses.is_empty() {
            match statuses.get(&http_status) {
                None => self.diags.push(
                    Diagnostic::warning(format!("codes are sent with HTTP status {http_status}, which the status table does not list"))
                        .label(self.label(file, table_span.clone(), "this table"))
                        .help(format!("add a row for {http_status} to the status table, linking to the error body format")),
                ),
                Some(d) if !d.status.has_error_body => self.diags.push(
                    Diagnostic::warning(format!(
                        "codes are sent with HTTP status {http_status}, which the status table does not mark as carrying the error body"
                    ))
                    .label(self.label(file, table_span.clone(), "this table"))
                    .help(format!("link the HTTP Code cell of status {http_status} to the error body format")),
                ),
                Some(_) => {}
            }
        }
        let heading = section.heading.map_or("", |h| h);
        let retryable = match directive.retryable.or_else(|| retryable_from_heading(heading)) {
            Some(r) => r,
            None if known.is_none() => false,
            None => {
                let r = retryable_by_default(http_status);
                self.diags.push(
                    Diagnostic::note(format!(
                        "codes under `{heading}` are taken as {} because they are sent with HTTP status {http_status}",
                        if r { "retryable" } else { "not retryable" }
                    ))
                    .label(self.label(file, table_span.clone(), "this table"))
                    .help("say it in the heading (\"Retryable\" / \"Non Retryable\") or add `<!-- errgen: retryable=true -->`"),
                );
                r
            }
        };
        for row in rows {
            if row.cells.iter().all(|c| c.text.is_empty()) {
                continue;
            }
            let empty = row.missing_cell();
            let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).unwrap_or(&empty);
            let code_cell = cell(Some(cols.code));
            let code = code_cell.text.clone();
            if code.is_empty() {
                self.diags.push(
                    Diagnostic::error("code table row has no code")
                        .label(self.label(file, row.span.clone(), "this row"))
                        .help("write the wire code in the code column, or remove the row"),
                );
                continue;
            }
            if code.chars().any(|c| c.is_whitespace() || c.is_control()) {
                self.diags.push(
                    Diagnostic::error(format!("code `{}` contains white space or control characters", code.escape_debug()))
                        .label(self.label(file, code_cell.span.clone(), "this code"))
                        .help("wire codes are single words such as `NOT_FOUND`; fix the code cell"),
                );
                continue;
            }
            let named = directive.idents.get(&code).map(|(name, _, _)| name.clone());
            let Some(code_ident) = named.or_else(|| ident::code_ident(&code)) else {
                self.diags.push(
                    Diagnostic::error(format!("code `{code}` cannot become an identifier"))
                        .label(self.label(file, code_cell.span.clone(), "no identifier can be made from this"))
                        .help(format!(
                            "name one above the table with `<!-- errgen: ident.{code}=SomeName -->`; the wire code stays as written"
                        )),
                );
                continue;
            };
            let message = cell(cols.message).text.clone();
            let Some(params) = self.params(file, cell(cols.message), &message) else { continue };
            let description = cell(cols.description).text.clone();
            let extra = cols
                .extra
                .iter()
                .map(|(i, name)| (name.clone(), cell(Some(*i)).text.clone()))
                .collect();
            let new = Code {
                code,
                ident: code_ident,
                http_status: Some(http_status),
                retryable,
                message,
                params,
                description,
                group: heading.to_owned(),
                extra,
                source: self.files[file].source(code_cell.span.start),
                alternatives: Vec::new(),
            };
            let here = (file, code_cell.span.clone());
            if let Some(&i) = codes.by_code.get(&new.code) {
                let old = &codes.list[i];
                let (f0, r0) = codes.at[i].clone();
                let mut differences = Vec::new();
                if old.http_status != new.http_status {
                    differences.push(format!("HTTP status {} vs {}", status_text(old.http_status), status_text(new.http_status)));
                }
                if old.message != new.message {
                    differences.push(format!("message `{}` vs `{}`", old.message, new.message));
                }
                if old.retryable != new.retryable {
                    differences.push(format!("retryable {} vs {}", old.retryable, new.retryable));
                }
                if !differences.is_empty() {
                    self.diags.push(
                        Diagnostic::error(format!("code `{}` is defined twice, differently: {}", new.code, differences.join(", ")))
                            .label(self.label(here.0, here.1, "second definition"))
                            .label(self.label(f0, r0, "first definition"))
                            .help("a code has one status, message and retryability; remove or correct one of the rows"),
                    );
                } else if old.description != new.description && !new.description.is_empty() {
                    self.diags.push(
                        Diagnostic::warning(format!("code `{}` is defined twice with different descriptions; the first is kept", new.code))
                            .label(self.label(here.0, here.1, "second definition"))
                            .label(self.label(f0, r0, "first definition"))
                            .help("remove the repeated row or give both the same description"),
                    );
                }
                continue;
            }
            if let Some(&i) = codes.by_ident.get(&new.ident) {
                let (f0, r0) = codes.at[i].clone();
                self.diags.push(
                    Diagnostic::error(format!(
                        "codes `{}` and `{}` both become the identifier `{}`",
                        codes.list[i].code, new.code, new.ident
                    ))
                    .label(self.label(here.0, here.1, "this code"))
                    .label(self.label(f0, r0, "clashes with this one"))
                    .help("rename one of the codes so that they differ in more than case and separators"),
                );
                continue;
            }
            codes.by_code.insert(new.code.clone(), codes.list.len());
            codes.by_ident.insert(new.ident.clone(), codes.list.len());
            codes.list.push(new);
            codes.at.push(here);
        }
        for (code, (_, f, span)) in &directive.idents {
            let defined = rows.iter().any(|r| r.cells.get(cols.code).is_some_and(|c| &c.text == code));
            if !defined {
                self.diags.push(
                    Diagnostic::warning(format!("directive names an identifier for `{code}`, which this table does not define"))
                        .label(self.label(*f, span.clone(), "in this directive"))
                        .help("correct the code in the directive, or remove the entry"),
                );
            }
        }
    }

    /// The parameters of a message template, or `None` after diagnosing a
    /// bad placeholder.
    fn params(&mut self, file: usize, cell: &Cell, message: &str) -> Option<Vec<Param>> {
        let mut params: Vec<Param> = Vec::new();
        let mut ok = true;
        for piece in template::split(message) {
            let Piece::Placeholder { name, .. } = piece else { continue };
            let snake = ident::snake(name);
            if !ident::is_ascii_ident(&snake) {
                self.diags.push(
                    Diagnostic::error(format!("placeholder `{{{{{name}}}}}` cannot become a parameter name"))
                        .label(self.label(file, cell.span.clone(), "in this message"))
                        .help("name placeholders with ASCII words starting with a letter, such as `{{Error Message}}`"),
                );
                ok = false;
                continue;
            }
            if !params.iter().any(|p| p.name == snake) {
                params.push(Param { name: snake, placeholder: name.to_owned() });
            }
        }
        ok.then_some(params)
    }
}

/// Standalone runs of exactly three digits in `text`.
fn three_digit_numbers(text: &str) -> Vec<u16> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let before_ok = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
            let after_ok = i == bytes.len() || !bytes[i].is_ascii_alphanumeric();
            if i - start == 3 && before_ok && after_ok {
                if let Ok(n) = text[start..i].parse() {
                    out.push(n);
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Splits the items into sections: for every index, the section it closes.
fn sections(items: &[Item]) -> Vec<Section<'_>> {
    let mut out = Vec::with_capacity(items.len());
    let mut start = 0;
    let mut heading = None;
    for (i, item) in items.iter().enumerate() {
        if i > 0 && items[i - 1].file != item.file {
            start = i;
            heading = None;
        }
        if let Block::Heading { text, .. } = &item.block {
            start = i + 1;
            heading = Some(text.as_str());
        }
        out.push(Section { heading, items: &items[start.min(i)..i] });
    }
    out
}

/// A code's status for a message: the number, or "none".
fn status_text(status: Option<u16>) -> String {
    status.map_or_else(|| "none".to_owned(), |s| s.to_string())
}
