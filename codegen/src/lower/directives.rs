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
                            "errgen directives take `status=NNN`, `retryable=true|false` and `ident.CODE=Name`, \
                             or start with `columns` (`<!-- errgen: columns code=\"Reason\" -->`)",
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
            for line in text.lines() {
                let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
                if let Some(number) = squeezed.strip_prefix("httpstatus:") {
                    if let Ok(s) = number.parse::<u16>() {
                        if (100..=599).contains(&s) {
                            self.status_line = Some((s, At { file, range: span.clone() }));
                            break;
                        }
                    }
                }
            }
        }
        for n in three_digit_numbers(text) {
            if let Err(i) = self.mentioned.binary_search(&n) {
                self.mentioned.insert(i, n);
            }
        }
    }
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
    fn quoted_words() {
        let w: Vec<&str> = words(r#"columns code="Error Code" status=HTTP"#).into_iter().map(|(_, w)| w).collect();
        assert_eq!(w, ["columns", r#"code="Error Code""#, "status=HTTP"]);
    }
}
