//! The JSON error-body examples: the body's field names, and codes that
//! examples use but no table defines.

use std::ops::Range;

use super::code_table::Codes;
use super::{At, Lowering};
use crate::diag::Diagnostic;
use crate::model::BodyFormat;
use crate::source::Block;

/// A JSON error-body example found in a code block.
pub struct Example {
    pub at: At,
    pub heading_slug: Option<String>,
    code_field: String,
    message_field: String,
    code_value: Option<String>,
}

/// GitHub/GitBook heading anchor: lower case, spaces to `-`, other
/// punctuation dropped.
pub fn slug(heading: &str) -> String {
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

impl Lowering<'_> {
    /// Finds the JSON examples of the error body.
    pub(super) fn examples(&mut self, blocks: &[(usize, &Block, Option<&str>)]) -> Vec<Example> {
        let mut out = Vec::new();
        for &(file, block, heading) in blocks {
            let Block::CodeBlock { lang, text, span, .. } = block else { continue };
            if !crate::source::may_hold_json(lang) {
                continue;
            }
            let at = At { file, range: span.clone() };
            let decoded = html_escape::decode_html_entities(text);
            let Some(members) = crate::json::members(&decoded) else {
                if lang == "json" && decoded.contains(':') && decoded.to_lowercase().contains("code") {
                    self.diags.push(
                        Diagnostic::warning("JSON example is not a valid JSON object; it was not read")
                            .label(self.label(&at, "this code block"))
                            .help("fix the JSON so errgen can read the error body's field names"),
                    );
                }
                continue;
            };
            // The two fields must differ: a key such as `codeMessage` is
            // taken for the code only (fuzzing found a model with one key
            // for both, which no body can carry).
            // The first key in sorted order that names it.
            let key_with = |words: &[&str], not: Option<&String>| {
                members
                    .iter()
                    .map(|(k, _)| k)
                    .filter(|k| {
                        let lower = k.to_lowercase();
                        Some(*k) != not && words.iter().any(|w| lower.contains(w))
                    })
                    .min()
            };
            let Some(code_field) = key_with(&["code"], None) else { continue };
            let Some(message_field) = key_with(&["message", "msg"], Some(code_field)) else { continue };
            let code_value = members.iter().rev().find(|(k, _)| k == code_field).and_then(|(_, v)| v.clone());
            out.push(Example {
                at,
                heading_slug: heading.map(slug),
                code_field: code_field.clone(),
                message_field: message_field.clone(),
                code_value,
            });
        }
        out
    }

    /// The body format the examples agree on (the first one's), with an
    /// error for every example that disagrees.
    pub(super) fn body_format(&mut self, examples: &[Example]) -> BodyFormat {
        let Some(first) = examples.first() else { return BodyFormat::default() };
        for e in &examples[1..] {
            if e.code_field != first.code_field || e.message_field != first.message_field {
                self.diags.push(
                    Diagnostic::error(format!(
                        "error body examples disagree on field names: `{}`/`{}` here, `{}`/`{}` first",
                        e.code_field, e.message_field, first.code_field, first.message_field
                    ))
                    .label(self.label(&e.at, "this example"))
                    .label(self.label(&first.at, "first example"))
                    .help("use the same field names in every JSON example of the error body"),
                );
            }
        }
        BodyFormat { code_field: first.code_field.clone(), message_field: first.message_field.clone() }
    }

    /// Warns where an example uses a code that no table defines.
    pub(super) fn check_examples(&mut self, examples: &[Example], codes: &Codes) {
        for e in examples {
            let Some(value) = &e.code_value else { continue };
            if codes.contains(value) || is_type_name(value) {
                continue;
            }
            self.example_use(&e.at, value);
        }
    }

    /// The codes of examples outside tables' sections (nested or numeric
    /// fields) that nothing defines, said after [`Self::check_examples`].
    pub(super) fn check_example_uses(&mut self, uses: Vec<(At, String)>, codes: &Codes) {
        for (at, code) in uses {
            if !codes.contains(&code) {
                self.example_use(&at, &code);
            }
        }
    }

    /// An example's code that nothing defines: a warning at the value
    /// (one wording for every kind of example, so it is said once).
    pub(super) fn example_use(&mut self, at: &At, value: &str) {
        let raw = &self.files[at.file].text[at.range.clone()];
        let range: Range<usize> = match raw.find(value) {
            Some(i) => at.range.start + i..at.range.start + i + value.len(),
            None => at.range.clone(),
        };
        self.diags.push(
            Diagnostic::warning(format!("example uses code `{value}`, which no code table defines"))
                .label(self.label(&At { file: at.file, range }, "not defined in any code table"))
                .help("use a documented code in the example, or add a row for this code to a code table"),
        );
    }
}

/// `"code": "string"` describes the body's schema: the value is a type,
/// not a code.
fn is_type_name(value: &str) -> bool {
    matches!(value, "string" | "integer" | "number" | "boolean")
}

/// The code and message of a JSON error body: the first leaf whose key
/// names a code (`code`, `resultCode`, `error`), and one naming a message.
pub fn body_code(leaves: &[(String, String, crate::json::Leaf)]) -> Option<(String, Option<String>)> {
    use super::vocab::{self, Role, Strength};
    use crate::json::Leaf;
    let role = |key: &str| vocab::lookup(key);
    // A strong code key (`code`, `resultCode`) first; a weak one (`error`,
    // `type`) only where no strong one is.
    let is_code = |key: &str, strong: bool| matches!(role(key), Some((Role::Code, s)) if (s == Strength::Strong) == strong);
    let pick = |strong: bool| leaves.iter().find(|(_, k, v)| is_code(k, strong) && matches!(v, Leaf::Text(_) | Leaf::Number(_)));
    let (_, _, value) = pick(true).or_else(|| pick(false))?;
    let code = match value {
        Leaf::Text(t) | Leaf::Number(t) => t.clone(),
        Leaf::Other => return None,
    };
    // `"code": "string"` describes the body's schema, not a code.
    if code.is_empty() || code.chars().any(char::is_whitespace) || is_type_name(&code) {
        return None;
    }
    let message = leaves.iter().find_map(|(_, k, v)| match v {
        Leaf::Text(t) if matches!(role(k), Some((Role::Message | Role::Description, _))) => Some(t.clone()),
        _ => None,
    });
    Some((code, message))
}

/// A cell that holds a JSON error body (`{"error": "invalid_request", …}`):
/// its code and message.
pub fn cell_body(text: &str) -> Option<(String, Option<String>)> {
    let t = text.trim();
    if !t.starts_with('{') {
        return None;
    }
    body_code(&crate::json::leaves(&html_escape::decode_html_entities(t))?)
}
