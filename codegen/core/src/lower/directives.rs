//! `<!-- errgen: ... -->` directives: each is read once, where it stands,
//! and its problems are reported there (never once per table it affects).

use std::ops::Range;

use super::vocab::{Role, ROLES};
use super::{At, Lowering};
use crate::diag::Diagnostic;
use crate::ident;

/// What one directive says.
pub enum Directive {
    /// `status=NNN retryable=… ident.CODE=Name`: settings for the section.
    Settings(Settings),
    /// `columns code="Reason" status="HTTP"`: column roles for the next
    /// table.
    Columns(Vec<(Role, String, At)>),
}

/// Section settings from one directive.
#[derive(Default)]
pub struct Settings {
    pub status: Option<(u16, At)>,
    pub retryable: Option<bool>,
    /// `codes=all` (`Some(true)`): read codes outside tables here, without
    /// a heading about errors; `codes=tables-only` (`Some(false)`): read
    /// only tables' codes here.
    pub codes: Option<bool>,
    /// `ident.CODE=Name`, in the order written.
    pub idents: Vec<(String, String, At)>,
}

/// Splits a directive into `key=value` words; a value may be quoted with
/// `"` to hold spaces (`code="Error Code"`).
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        let mut quoted = false;
        while i < bytes.len() && (quoted || !bytes[i].is_ascii_whitespace()) {
            if bytes[i] == b'"' {
                quoted = !quoted;
            }
            i += 1;
        }
        if i > start {
            out.push((start, &text[start..i]));
        }
    }
    out
}

impl Lowering<'_> {
    /// Reads one directive, reporting its problems at `at`.
    pub fn directive(&mut self, text: &str, at: &At) -> Directive {
        let words = words(text);
        if words.first().is_some_and(|(_, w)| *w == "columns") {
            return Directive::Columns(self.columns_directive(&words[1..], at));
        }
        let mut out = Settings::default();
        for (_, pair) in words {
            // `ident.CODE=Name`: the code may itself contain `=`, the name
            // never does, so split at the last one.
            let split = if pair.starts_with("ident.") { pair.rsplit_once('=') } else { pair.split_once('=') };
            let (key, value) = split.unwrap_or((pair, ""));
            match key {
                "status" => match value.parse::<u16>() {
                    Ok(s) if (100..=599).contains(&s) => out.status = Some((s, at.clone())),
                    _ => self.diags.push(
                        Diagnostic::error(format!("directive `status={value}` is not an HTTP status"))
                            .label(self.label(at, "in this directive"))
                            .help("write a number from 100 to 599, such as `<!-- errgen: status=500 -->`"),
                    ),
                },
                "retryable" => match value {
                    "true" => out.retryable = Some(true),
                    "false" => out.retryable = Some(false),
                    _ => self.diags.push(
                        Diagnostic::error(format!("directive `retryable={value}` is neither true nor false"))
                            .label(self.label(at, "in this directive"))
                            .help("write `retryable=true` or `retryable=false`"),
                    ),
                },
                "codes" => match value {
                    "all" => out.codes = Some(true),
                    "tables-only" => out.codes = Some(false),
                    _ => self.diags.push(
                        Diagnostic::error(format!("directive `codes={value}` is neither `all` nor `tables-only`"))
                            .label(self.label(at, "in this directive"))
                            .help("write `codes=tables-only` to read only tables here, or `codes=all` to read codes outside tables too"),
                    ),
                },
                _ if key.starts_with("ident.") => {
                    let code = &key["ident.".len()..];
                    if ident::is_ascii_ident(value) && value.starts_with(|c: char| c.is_ascii_uppercase()) {
                        out.idents.push((code.to_owned(), value.to_owned(), at.clone()));
                    } else {
                        self.diags.push(
                            Diagnostic::error(format!("directive `{pair}` does not give an identifier"))
                                .label(self.label(at, "in this directive"))
                                .help("write an UpperCamelCase ASCII name, such as `ident.오류=GeneralError`"),
                        );
                    }
                }
                _ => self.diags.push(
                    Diagnostic::error(format!("unknown directive key `{key}`"))
                        .label(self.label(at, "in this directive"))
                        .help(
                            "errgen directives take `status=NNN`, `retryable=true|false`, `codes=all|tables-only` and \
                             `ident.CODE=Name`, or start with `columns` (`<!-- errgen: columns code=\"Reason\" -->`)",
                        ),
                ),
            }
        }
        Directive::Settings(out)
    }

    fn columns_directive(&mut self, words: &[(usize, &str)], at: &At) -> Vec<(Role, String, At)> {
        let mut out = Vec::new();
        if words.is_empty() {
            self.diags.push(
                Diagnostic::error("`columns` directive names no columns")
                    .label(self.label(at, "in this directive"))
                    .help("write `<!-- errgen: columns code=\"Reason\" status=\"HTTP\" -->`: a role, `=`, and a header of the next table"),
            );
        }
        for (_, pair) in words {
            let Some((role, header)) = pair.split_once('=') else {
                self.diags.push(
                    Diagnostic::error(format!("`{pair}` in a `columns` directive is not `role=\"Header\"`"))
                        .label(self.label(at, "in this directive"))
                        .help("write a role, `=`, and the header of a column of the next table, such as `code=\"Reason\"`"),
                );
                continue;
            };
            let header = header.trim_matches('"');
            match Role::from_name(role) {
                Some(r) if !header.is_empty() => out.push((r, header.to_owned(), at.clone())),
                Some(_) => self.diags.push(
                    Diagnostic::error(format!("`{pair}` names no column"))
                        .label(self.label(at, "in this directive"))
                        .help("write the column's header after `=`, quoted when it holds spaces"),
                ),
                None => {
                    let roles: Vec<&str> = ROLES.iter().map(|r| r.name()).collect();
                    self.diags.push(
                        Diagnostic::error(format!("unknown column role `{role}`"))
                            .label(self.label(at, "in this directive"))
                            .help(format!("column roles are {}", roles.join(", "))),
                    );
                }
            }
        }
        out
    }
}

/// The settings in force at one table: the section's directives read so
/// far (later ones win) and its prose statements.
#[derive(Clone, Default)]
pub struct InForce {
    pub status: Option<(u16, At)>,
    pub retryable: Option<bool>,
    /// The first `httpStatus : NNN` line of the section's prose.
    pub status_line: Option<(u16, At)>,
    /// 3-digit numbers the section's prose mentions, sorted, once each.
    pub mentioned: Vec<u16>,
}

impl InForce {
    pub fn apply(&mut self, settings: &Settings) {
        if settings.status.is_some() {
            self.status.clone_from(&settings.status);
        }
        if settings.retryable.is_some() {
            self.retryable = settings.retryable;
        }
    }

    /// Reads a paragraph: its `httpStatus : NNN` line and the numbers it
    /// mentions.
    pub fn read_prose(&mut self, text: &str, file: usize, span: &Range<usize>) {
        if self.status_line.is_none() {
            if let Some(s) = text.lines().find_map(stated_status) {
                self.status_line = Some((s, At { file, range: span.clone() }));
            }
        }
        for n in three_digit_numbers(text) {
            if let Err(i) = self.mentioned.binary_search(&n) {
                self.mentioned.insert(i, n);
            }
        }
    }
}

/// The status a line of prose states, in the wordings real pages use:
/// `httpStatus : 406`, `HTTP Status Code: 400`, `Status: 400`,
/// `HTTP status code 440`, `will return status code 440`,
/// `レスポンスHTTP状態：401`, `HTTP状态码：401`, `상태 코드: 401`. The number
/// must follow the status words directly (a colon, `is`, `of` or a code
/// span between them at most) and be one from 100 to 599.
pub fn stated_status(line: &str) -> Option<u16> {
    // A status is three ASCII digits: a line without a digit states none
    // (most lines of prose), and is not lower-cased and split for nothing.
    if !super::tokens::has_ascii_digit(line) {
        return None;
    }
    let lower: String = line.to_lowercase().replace(['：', '`', '*', '_'], " ").replace(':', " : ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        // `HTTP: 502`, `レスポンスHTTP：502`: the protocol's name before a
        // status number says the same.
        let bare_http = w.ends_with("http") && words.get(i + 1).is_some_and(|n| n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()));
        let ends_with_status_word = bare_http
            || w.ends_with("status")
            || w.ends_with("httpstatus")
            || ["状態", "状态", "状态码", "상태", "ステータス"].iter().any(|k| w.ends_with(k));
        if !ends_with_status_word {
            continue;
        }
        let mut j = i + 1;
        while let Some(next) = words.get(j) {
            if matches!(*next, "code" | ":" | "is" | "of" | "코드" | "=") {
                j += 1;
            } else {
                break;
            }
        }
        let number = words.get(j)?.trim_end_matches(|c: char| !c.is_ascii_digit());
        if number.len() == 3 && number.bytes().all(|b| b.is_ascii_digit()) {
            let n: u16 = number.parse().ok()?;
            // `Status 500 and 406`, `400 or 422`, `400, 404`: a list of
            // statuses states none of them for one code.
            let listed = words.get(j).is_some_and(|w| w.ends_with([',', '/']))
                || words.get(j + 1).is_some_and(|w| matches!(*w, "and" | "or" | "/" | "," | "&" | "및" | "または" | "或"));
            if (100..=599).contains(&n) && !listed {
                return Some(n);
            }
        }
    }
    None
}

/// Standalone runs of exactly three digits in `text`.
pub fn three_digit_numbers(text: &str) -> Vec<u16> {
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

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn statuses_stated_in_prose() {
        use super::stated_status;
        for line in [
            "httpStatus : 406",
            "HTTPSTATUS:406",
            "HTTP Status Code: 406",
            "Status: 406",
            "HTTP status code 406",
            "the API will return status code `406` with a problem",
            "- レスポンスHTTP状態：406 Not Acceptable",
            "HTTP状态码：406",
            "상태 코드: 406",
            "- レスポンスHTTPステータス：406 Not Acceptable",
            "- レスポンスHTTP：406 Not Acceptable",
            "returns HTTP 406",
        ] {
            assert_eq!(stated_status(line), Some(406), "{line}");
        }
        for line in ["For HTTP Status 500 and 406, the body", "status 400, 404", "For HTTP Status codes see below", "status 1500", "the status of 3 items", "Retry a 500."] {
            assert_eq!(stated_status(line), None, "{line}");
        }
    }

    #[test]
    fn quoted_words() {
        let w: Vec<&str> = words(r#"columns code="Error Code" status=HTTP"#).into_iter().map(|(_, w)| w).collect();
        assert_eq!(w, ["columns", r#"code="Error Code""#, "status=HTTP"]);
    }
}
