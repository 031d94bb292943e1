//! Test support: writes a [`Model`] as a Markdown spec that errgen parses
//! back into the same model (sources included: the writer fills in where
//! every row lands).
//!
//! Every piece of spec text goes through [`inline`], which encodes it so that
//! Markdown reads back exactly the characters written:
//! - ASCII punctuation is backslash-escaped (no emphasis, links, HTML,
//!   entities, table pipes or heading markers can start);
//! - a line break becomes `<br>` (a table cell or heading is one line);
//! - other control and white-space characters except the plain space become
//!   numeric character references (`&#x2028;`), so that no line ending,
//!   tab expansion or Unicode white space changes the block structure;
//! - NUL is written raw: `&#0;` would read back as U+FFFD, raw NUL reads
//!   back as NUL.
//!
//! What Markdown cannot carry is the parser's rule 3: white space around
//! each line of a cell (or heading) and around the whole text is trimmed,
//! and a `\r` before a line break is part of the break. [`normalize`] is
//! that rule; the property tests generate text and compare against its
//! normalized form.
//!
//! Directive limits (`<!-- errgen: ident.CODE=Name -->`): the code is written
//! raw inside an HTML comment, so a code that needs a directive must not
//! contain `-->`.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write as _;

use errgen::model::{Code, Model, Source, Status};

/// The heading of the JSON error-body example; status rows link to it.
pub const BODY_HEADING: &str = "Error Response Format";
const BODY_SLUG: &str = "error-response-format";

/// The parser's rule 3 for cell and heading text: every line trimmed, the
/// whole trimmed, `\r\n` read as a line break.
#[must_use]
pub fn normalize(text: &str) -> String {
    text.lines().map(str::trim).collect::<Vec<_>>().join("\n").trim().to_owned()
}

/// Encodes text for a table cell or heading (see the module docs).
#[must_use]
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("<br>"),
            '\0' | ' ' => out.push(c),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() || c.is_whitespace() => {
                let _ = write!(out, "&#x{:X};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// A JSON string literal that survives the entity decoding errgen applies
/// to code blocks and cannot close a fence.
fn json_string(text: &str) -> String {
    let json = serde_json::to_string(text).expect("a string serializes");
    json.replace('&', "\\u0026").replace('`', "\\u0060").replace('~', "\\u007e")
}

/// The Markdown spec for `model`, written as the file `file`, and the model
/// with every `source` set to where the writer put the row (status rows:
/// the row's first column; codes: the code cell).
#[must_use]
pub fn write(model: &Model, file: &str) -> (String, Model) {
    let mut w = Writer { out: String::new(), line: 1 };
    let mut expected = model.clone();

    w.line(&format!("# {}", inline(BODY_HEADING)));
    w.line("");
    w.line("```json");
    let example_code = model.codes.first().map_or("X", |c| c.code.as_str());
    w.line(&format!(
        "{{{}: {}, {}: \"m\"}}",
        json_string(&model.body.code_field),
        json_string(example_code),
        json_string(&model.body.message_field)
    ));
    w.line("```");
    w.line("");

    for (status, exp) in model.statuses.iter().zip(expected.statuses.iter_mut()) {
        w.status(status, exp, file);
    }

    let mut i = 0;
    while i < model.codes.len() {
        let first = &model.codes[i];
        let keys: Vec<&String> = first.extra.keys().collect();
        let mut end = i + 1;
        while end < model.codes.len() && same_table(first, &model.codes[end]) {
            end += 1;
        }
        w.code_table(&model.codes[i..end], &keys, &mut expected.codes[i..end], file);
        i = end;
    }
    (w.out, expected)
}

/// How [`write_outside`] writes codes: each of the forms errgen reads
/// outside Markdown tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `### CODE`, the message below, a status line.
    Heading,
    /// `**CODE**`, then the message and a status line in one paragraph.
    Bold,
    /// `- CODE: message` with a nested status item.
    List,
    /// A raw HTML `<table>`.
    Html,
}

/// Like [`write`], but the codes are written in `form` instead of Markdown
/// tables, under a page title that names errors; each group's
/// retryability in a directive. Codes need a code-like shape, a one-line
/// message without digits, and no description, extra or alternatives
/// (the forms carry none of them).
#[must_use]
pub fn write_outside(model: &Model, file: &str, form: Form) -> (String, Model) {
    let mut w = Writer { out: String::new(), line: 1 };
    let mut expected = model.clone();
    w.line("# Error codes");
    w.line("");
    for (status, exp) in model.statuses.iter().zip(expected.statuses.iter_mut()) {
        w.status(status, exp, file);
    }
    let mut i = 0;
    while i < model.codes.len() {
        let first = &model.codes[i];
        let mut end = i + 1;
        while end < model.codes.len() && model.codes[end].group == first.group && model.codes[end].retryable == first.retryable {
            end += 1;
        }
        w.line(&format!("## {}", inline(&first.group)));
        w.line("");
        w.line(&format!("<!-- errgen: retryable={} -->", first.retryable));
        w.line("");
        if form == Form::Html {
            w.line("<table>");
            w.line("<tr><th>Code</th><th>HTTP Status</th><th>Message</th></tr>");
        }
        for (code, exp) in model.codes[i..end].iter().zip(expected.codes[i..end].iter_mut()) {
            let status_line = code.http_status.map(|s| format!("HTTP Status Code: {s}"));
            let code_text = inline(&code.code);
            match form {
                Form::Heading => {
                    exp.source = Source { file: file.to_owned(), line: w.line, column: 1 };
                    w.line(&format!("### {code_text}"));
                    w.line("");
                    w.line(&inline(&code.message));
                    w.line("");
                    if let Some(l) = status_line {
                        w.line(&l);
                        w.line("");
                    }
                }
                Form::Bold => {
                    exp.source = Source { file: file.to_owned(), line: w.line, column: 1 };
                    w.line(&format!("**{code_text}**  "));
                    w.line(&format!("{}  ", inline(&code.message)));
                    if let Some(l) = status_line {
                        w.line(&l);
                    }
                    w.line("");
                }
                Form::List => {
                    exp.source = Source { file: file.to_owned(), line: w.line, column: 1 };
                    w.line(&format!("- {code_text}: {}", inline(&code.message)));
                    if let Some(l) = status_line {
                        w.line(&format!("  - {l}"));
                    }
                }
                Form::Html => {
                    exp.source = Source { file: file.to_owned(), line: w.line, column: 9 };
                    let html = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
                    w.line(&format!(
                        "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                        html(&code.code),
                        code.http_status.map(|s| s.to_string()).unwrap_or_default(),
                        html(&code.message)
                    ));
                }
            }
        }
        if form == Form::Html {
            w.line("</table>");
        }
        w.line("");
        i = end;
    }
    (w.out, expected)
}

fn same_table(a: &Code, b: &Code) -> bool {
    a.group == b.group
        && a.http_status == b.http_status
        && a.retryable == b.retryable
        && a.extra.keys().eq(b.extra.keys())
}

struct Writer {
    out: String,
    /// The 1-based number of the line about to be written.
    line: u32,
}

impl Writer {
    fn line(&mut self, text: &str) {
        debug_assert!(!text.contains('\n'), "one line at a time: {text:?}");
        self.out.push_str(text);
        self.out.push('\n');
        self.line += 1;
    }

    fn heading(&mut self, text: &str) {
        if text.is_empty() {
            self.line("#");
        } else {
            self.line(&format!("# {}", inline(text)));
        }
        self.line("");
    }

    fn status(&mut self, status: &Status, expected: &mut Status, file: &str) {
        self.heading(&format!("Status {}", status.status));
        self.line(&format!("<!-- errgen: retryable={} -->", status.retryable));
        self.line("");
        self.line("| HTTP Status | HTTP Code | Description |");
        self.line("| --- | --- | --- |");
        expected.source = Source { file: file.to_owned(), line: self.line, column: 1 };
        let link = format!("[Error Code](#{BODY_SLUG})");
        let standard = errgen_reason(status.status) == Some(status.name.as_str());
        if status.has_error_body && standard {
            self.line(&format!("| {} | {link} | {} |", status.status, inline(&status.description)));
        } else {
            self.line(&format!("| {} | {} | {} |", status.status, inline(&status.name), inline(&status.description)));
            if status.has_error_body {
                self.line(&format!("| {} | {link} | |", status.status));
            }
        }
        self.line("");
    }

    /// Writes a code table in one of three dialects, picked by the number
    /// of codes so that every dialect is exercised: the seed's (status and
    /// retryability in a directive), a per-row one (camelCase headers, a
    /// status and a retryable cell on each row, a separator row and a
    /// success row), and one whose headers only a `columns` directive maps.
    fn code_table(&mut self, codes: &[Code], keys: &[&String], expected: &mut [Code], file: &str) {
        let first = &codes[0];
        self.heading(&first.group);
        let dialect = codes.len() % 3;
        let mut directive = if dialect == 1 {
            String::from("<!-- errgen:")
        } else {
            format!("<!-- errgen: status={} retryable={}", first.http_status.unwrap_or_default(), first.retryable)
        };
        for code in codes {
            if errgen::ident::code_ident(&code.code).as_deref() != Some(code.ident.as_str()) {
                let _ = write!(directive, " ident.{}={}", code.code, code.ident);
            }
        }
        directive.push_str(" -->");
        self.line(&directive);
        self.line("");
        let (mut header, mut rule) = match dialect {
            1 => (String::from("| errorCode | HTTP Status | errorMessage | Details | Retryable |"), String::from("| --- | :-: | --- | --- | --- |")),
            2 => {
                self.line("<!-- errgen: columns code=\"Kennung X\" message=\"Wortlaut X\" description=\"Erklaerung X\" -->");
                (String::from("| Kennung X | Wortlaut X | Erklaerung X |"), String::from("| --- | --- | --- |"))
            }
            _ => (String::from("| code | message | description |"), String::from("| --- | --- | --- |")),
        };
        for key in keys {
            let _ = write!(header, " {} |", inline(key));
            rule.push_str(" --- |");
        }
        self.line(&header);
        self.line(&rule);
        let width = 3 + keys.len() + if dialect == 1 { 2 } else { 0 };
        if dialect == 1 {
            // A success row and a separator row: neither is a code.
            self.line(&format!("| OK | 200 | OK | | No |{}", " |".repeat(keys.len())));
            self.line(&format!("|{}", "-|".repeat(width)));
        }
        for (code, exp) in codes.iter().zip(expected.iter_mut()) {
            exp.source = Source { file: file.to_owned(), line: self.line, column: 3 };
            let mut row = if dialect == 1 {
                format!(
                    "| {} | `{}` | {} | {} | {} |",
                    inline(&code.code),
                    code.http_status.unwrap_or_default(),
                    inline(&code.message),
                    inline(&code.description),
                    if code.retryable { "Yes" } else { "No" }
                )
            } else {
                format!("| {} | {} | {} |", inline(&code.code), inline(&code.message), inline(&code.description))
            };
            for key in keys {
                let _ = write!(row, " {} |", inline(&code.extra[*key]));
            }
            self.line(&row);
        }
        self.line("");
    }
}

/// The standard reason phrases errgen uses for unnamed statuses, for the
/// statuses the generators pick from (a subset; `None` elsewhere).
#[must_use]
pub fn errgen_reason(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "BAD_REQUEST",
        401 => "UNAUTHORIZED",
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        406 => "NOT_ACCEPTABLE",
        409 => "CONFLICT",
        429 => "TOO_MANY_REQUESTS",
        500 => "INTERNAL_SERVER_ERROR",
        503 => "SERVICE_UNAVAILABLE",
        _ => return None,
    })
}

/// Reference reading of a message template (README rule 7 and the
/// template module's contract): `{{`, a name, `}}`; an unclosed `{{` is
/// text; in `{{ {{x}}` the inner pair is the placeholder. Returns the
/// trimmed placeholder names in order.
#[must_use]
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut search = 0;
    while let Some(open) = template[search..].find("{{").map(|i| i + search) {
        let Some(close) = template[open + 2..].find("}}").map(|i| i + open + 2) else { break };
        let inner = &template[open + 2..close];
        if let Some(j) = inner.rfind("{{") {
            search = open + 2 + j;
        } else {
            out.push(inner.trim());
            search = close + 2;
        }
    }
    out
}

/// Extra columns' names the parser would read as something else.
#[must_use]
pub fn reserved_column(name: &str) -> bool {
    errgen::header_role(name).is_some()
}

/// Params for a message, as the parser derives them; `None` when a
/// placeholder cannot become a parameter name.
#[must_use]
pub fn params_of(message: &str) -> Option<Vec<errgen::model::Param>> {
    let mut params: Vec<errgen::model::Param> = Vec::new();
    for name in placeholders(message) {
        let snake = errgen::ident::snake(name);
        if !errgen::ident::is_ascii_ident(&snake) {
            return None;
        }
        if !params.iter().any(|p| p.name == snake) {
            params.push(errgen::model::Param { name: snake, placeholder: name.to_owned() });
        }
    }
    Some(params)
}

/// A small valid model, for tests that need one.
#[must_use]
pub fn sample_model() -> Model {
    let code = |code: &str, ident: &str, message: &str| Code {
        code: code.to_owned(),
        ident: ident.to_owned(),
        http_status: Some(500),
        retryable: true,
        message: message.to_owned(),
        params: params_of(message).expect("valid template"),
        description: String::new(),
        group: "Errors".to_owned(),
        extra: BTreeMap::new(),
        source: Source { file: String::new(), line: 0, column: 0 },
        alternatives: Vec::new(),
    };
    Model {
        version: errgen::model::MODEL_VERSION,
        statuses: vec![Status {
            status: 500,
            name: "INTERNAL_SERVER_ERROR".to_owned(),
            description: String::new(),
            retryable: true,
            has_error_body: true,
            source: Source { file: String::new(), line: 0, column: 0 },
        }],
        codes: vec![code("A", "A", "a {{Detail}}")],
        body: errgen::model::BodyFormat::default(),
    }
}
