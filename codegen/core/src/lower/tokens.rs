//! Wire codes written in running text: the token a heading, a bold lead
//! or a list item starts with, and its shape. A shape is evidence only
//! when siblings share it (`outside.rs` decides); this file only reads.

use super::cells;
use super::vocab;

/// How a code is written. Siblings of one shape are read together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Shape {
    /// `-1021 INVALID_TIMESTAMP`, `10 [AUTH_INVALID_TOKEN]`.
    NumberName,
    /// `OverLimit (1214)`.
    NameNumber,
    /// `-1021`, `4011001`.
    Number,
    /// `-2021 Order cancel-replace failed`: a number, then a title.
    NumberTitle,
    /// `INVALID_TIMESTAMP`, `E1001`.
    Screaming,
    /// `AccessDeniedException`: two words or more in `UpperCamelCase`.
    Camel,
    /// `invalid_request`, `rate-limited`.
    Lower,
    /// `auth.token_expired`.
    Dotted,
}

impl Shape {
    /// Whether the code is a number (the shape a title may follow).
    pub fn numeric(self) -> bool {
        matches!(self, Shape::NumberName | Shape::Number | Shape::NumberTitle)
    }
}

/// A code found in text: the wire code, a name written beside it, and the
/// shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub code: String,
    /// The other name written beside the code (`UNKNOWN` beside `-1000`,
    /// `1214` beside `OverLimit`).
    pub aka: Option<String>,
    /// Text after the code on the same line (a heading's title).
    pub title: String,
    pub shape: Shape,
    /// An HTTP status written beside the code: `INVALID_TOKEN (401)`,
    /// `404 NOT_FOUND`.
    pub status: Option<u16>,
}

/// Where the token stands: headings may carry a title after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Heading,
    Text,
}

fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty() && digits.len() <= 12 && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_screaming(s: &str) -> bool {
    let has_letter = s.bytes().any(|b| b.is_ascii_uppercase());
    let ok = s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    // One plain word (`FAQ`, `API`) is not a code; `NOT_FOUND`, `E1001` are.
    ok && has_letter && s.len() >= 2 && (s.contains('_') || s.bytes().any(|b| b.is_ascii_digit()))
}

fn is_camel(s: &str) -> bool {
    if !s.starts_with(|c: char| c.is_ascii_uppercase()) || !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    // Humps: an upper-case letter after a lower-case one or a digit.
    let b = s.as_bytes();
    let humps = (1..b.len()).filter(|&i| b[i].is_ascii_uppercase() && (b[i - 1].is_ascii_lowercase() || b[i - 1].is_ascii_digit())).count();
    humps >= 1 && b.iter().any(u8::is_ascii_lowercase)
}

fn is_lower(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        && (s.contains('_') || s.contains('-'))
        && !s.ends_with(['-', '_'])
}

/// File names and paths are not codes.
const EXTENSIONS: &[&str] = &["md", "rs", "json", "yaml", "yml", "toml", "ts", "js", "txt", "html", "py", "sh", "lock", "cfg"];

fn is_dotted(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| p.len() >= 2 && p.starts_with(|c: char| c.is_ascii_alphabetic()) && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        && !EXTENSIONS.contains(&parts[parts.len() - 1].to_ascii_lowercase().as_str())
}

/// The shape of a single word, if it is code-like.
fn word_shape(s: &str) -> Option<Shape> {
    if is_number(s) {
        Some(Shape::Number)
    } else if is_screaming(s) {
        Some(Shape::Screaming)
    } else if is_camel(s) {
        Some(Shape::Camel)
    } else if is_lower(s) {
        Some(Shape::Lower)
    } else if is_dotted(s) {
        Some(Shape::Dotted)
    } else {
        None
    }
}

/// Markup left around a token: code-span ticks, bold stars, a trailing
/// colon.
fn bare(s: &str) -> &str {
    s.trim().trim_matches(|c| c == '`' || c == '*').trim().trim_end_matches([':', '：']).trim().trim_matches('`').trim()
}

/// Reads a code at the start of `text` (a heading, or the first line of a
/// list item or paragraph up to its separator). `None` when it is not one:
/// prose, a vocabulary word (a field of the body, such as `ErrorCode`), or
/// an HTTP status.
pub fn code_token(text: &str, place: Place) -> Option<Token> {
    let s = bare(text);
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    let mut words: Vec<&str> = s.split_whitespace().map(|w| w.trim_matches('`')).filter(|w| !w.is_empty()).collect();
    // `400 - INVALID_ARGUMENT`: a dash between a status and its code.
    if words.len() == 3 && matches!(words[1], "-" | "–" | "—" | "|") && cells::is_status_number(words[0]) {
        words.remove(1);
    }
    // `Error 1001`, `Error code E42`: the word before the code says what
    // it is.
    let said = words.iter().take_while(|w| matches!(w.to_ascii_lowercase().as_str(), "error" | "code" | "err")).count();
    if said > 0 && words.len() > said && word_shape(words[said]).is_some() {
        words.drain(..said);
    }
    let status_in = |w: &str| {
        let inner = w.strip_prefix('(').and_then(|w| w.strip_suffix(')')).unwrap_or(w);
        cells::is_status_number(inner).then(|| inner.parse::<u16>().ok()).flatten()
    };
    let token = match words.as_slice() {
        [one] => {
            let shape = word_shape(one)?;
            Token { code: (*one).to_owned(), aka: None, title: String::new(), shape, status: None }
        }
        // `INVALID_TOKEN (401)`, `404 NOT_FOUND`: a code and its status.
        [name, status] | [status, name] if status_in(status).is_some() && is_code_name(name) => {
            let shape = word_shape(name)?;
            Token { code: (*name).to_owned(), aka: None, title: String::new(), shape, status: status_in(status) }
        }
        // `-1021 INVALID_TIMESTAMP`, `10 [AUTH_INVALID_TOKEN]`
        [number, name] if is_number(number) && is_name_beside_number(name.trim_matches(['[', ']', '(', ')'])) => Token {
            code: (*number).to_owned(),
            aka: Some(name.trim_matches(['[', ']', '(', ')']).to_owned()),
            title: String::new(),
            shape: Shape::NumberName,
            status: None,
        },
        // `OverLimit (1214)`
        [name, number] if is_word(name) && number.starts_with('(') && number.ends_with(')') && is_number(&number[1..number.len() - 1]) => Token {
            code: (*name).to_owned(),
            aka: Some(number[1..number.len() - 1].to_owned()),
            title: String::new(),
            shape: Shape::NameNumber,
            status: None,
        },
        [number, rest @ ..] if place == Place::Heading && is_number(number) && number.len() >= 2 && rest.iter().any(|w| w.chars().any(char::is_alphabetic)) => Token {
            code: (*number).to_owned(),
            aka: None,
            title: rest.join(" ").trim_start_matches(['-', '–', '—', ':']).trim().to_owned(),
            shape: Shape::NumberTitle,
            status: None,
        },
        _ => return None,
    };
    // A status number is a status, not a code; a vocabulary word names a
    // field.
    if cells::is_status_number(&token.code) || vocab::lookup(&token.code).is_some() {
        return None;
    }
    Some(token)
}

/// A plain number as a code, a status number too: the value of a
/// `Label: value` record, whose label already says it is a code.
pub fn number_token(value: &str) -> Option<Token> {
    let v = value.trim().trim_matches('`');
    is_number(v).then(|| Token { code: v.to_owned(), aka: None, title: String::new(), shape: Shape::Number, status: None })
}

fn is_code_name(s: &str) -> bool {
    matches!(word_shape(s), Some(Shape::Screaming | Shape::Camel | Shape::Lower | Shape::Dotted))
}

/// Before a number in parentheses, any identifier-like word is a name
/// (`Busy (1215)`): the number is the evidence.
fn is_word(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
}

/// Beside a number, one upper-case word is a name too (`-1000 UNKNOWN`).
fn is_name_beside_number(s: &str) -> bool {
    is_code_name(s) || (s.len() >= 2 && s.bytes().all(|b| b.is_ascii_uppercase()))
}

/// Splits a list item's or bold paragraph's first line into the code and
/// the text after it: `CODE: text`, `CODE - text`, `CODE — text`, or
/// `CODE` alone. The separator must follow the code directly.
pub fn split_lead(line: &str) -> Option<(Token, &str)> {
    let line = line.trim();
    for sep in [":", "：", " - ", " – ", " — ", " -- "] {
        if let Some(at) = line.find(sep) {
            let (head, rest) = (&line[..at], &line[at + sep.len()..]);
            if let Some(t) = code_token(head, Place::Text) {
                return Some((t, rest.trim()));
            }
        }
    }
    code_token(line, Place::Text).map(|t| (t, ""))
}

/// A `Label: value` line whose label is a vocabulary word: `エラーコード：
/// 500000001`, `Error code: E42`, `Message: …`. Gives the label's role and
/// the value.
pub fn labelled(line: &str) -> Option<(vocab::Role, &str)> {
    let line = line.trim();
    let at = line.find([':', '：'])?;
    let label = line[..at].trim().trim_matches('*').trim();
    let sep = line[at..].chars().next()?.len_utf8();
    let value = line[at + sep..].trim();
    if label.is_empty() || value.is_empty() || label.split_whitespace().count() > 4 {
        return None;
    }
    let (role, strength) = vocab::lookup(label)?;
    (strength == vocab::Strength::Strong).then_some((role, value))
}

/// Retryability said in words: `Safe to retry`, `Retryable`, `Never
/// retry`, `Do not retry`, `Not retryable`, `Non-retryable`.
pub fn retry_words(text: &str) -> Option<bool> {
    // Every word looked for starts with `retr` (`nonretryable` holds it),
    // and no character but ASCII lower-cases to ASCII letters: text without
    // it says nothing of retrying (most headings and lines), and is not
    // lower-cased and split for nothing.
    if !contains_ascii_ignore_case(text, b"retr") {
        return None;
    }
    let lower = text.to_lowercase().replace(['-', '_', '\''], " ");
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let at = words.iter().position(|w| matches!(*w, "retryable" | "retriable" | "nonretryable" | "retry" | "retried" | "retrying"))?;
    if words[at] == "nonretryable" {
        return Some(false);
    }
    let before = &words[at.saturating_sub(3)..at];
    let negated = before.iter().any(|w| matches!(*w, "not" | "non" | "never" | "no" | "dont" | "don" | "cannot" | "t"));
    Some(!negated)
}

/// Whether `text` holds an ASCII digit (a loop by index: no call per byte
/// where a build script runs unoptimised).
pub(crate) fn has_ascii_digit(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether `text` holds `needle` (lower-case ASCII letters) in any ASCII
/// case; compared in full only where its first letter is.
fn contains_ascii_ignore_case(text: &str, needle: &[u8]) -> bool {
    let bytes = text.as_bytes();
    let Some(&first) = needle.first() else { return true };
    let mut i = 0;
    while i + needle.len() <= bytes.len() {
        // `| 0x20` lower-cases an ASCII letter (and maps no other byte to one).
        if bytes[i] | 0x20 == first && bytes[i..i + needle.len()].eq_ignore_ascii_case(needle) {
            return true;
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str, place: Place) -> Option<(String, Option<String>, Shape)> {
        code_token(text, place).map(|t| (t.code, t.aka, t.shape))
    }

    #[test]
    fn code_tokens() {
        assert_eq!(t("-1021 INVALID_TIMESTAMP", Place::Heading), Some(("-1021".into(), Some("INVALID_TIMESTAMP".into()), Shape::NumberName)));
        assert_eq!(t("-1000 UNKNOWN", Place::Heading), Some(("-1000".into(), Some("UNKNOWN".into()), Shape::NumberName)));
        assert_eq!(t("10 [AUTH_INVALID_TOKEN]", Place::Text), Some(("10".into(), Some("AUTH_INVALID_TOKEN".into()), Shape::NumberName)));
        assert_eq!(t("`OverLimit (1214)`:", Place::Text), Some(("OverLimit".into(), Some("1214".into()), Shape::NameNumber)));
        assert_eq!(t("**ThrottlingException**", Place::Text), Some(("ThrottlingException".into(), None, Shape::Camel)));
        assert_eq!(t("invalid_request", Place::Text).map(|x| x.2), Some(Shape::Lower));
        assert_eq!(t("auth.token_expired", Place::Text).map(|x| x.2), Some(Shape::Dotted));
        assert_eq!(t("-2021 Order cancel-replace failed.", Place::Heading).map(|x| x.2), Some(Shape::NumberTitle));
        assert_eq!(t("-2021 Order cancel-replace failed.", Place::Text), None);
        for not in ["401 Unauthorized", "404", "Error", "ErrorCode", "message", "FAQ", "Installation", "1. Install", "README.md", "config.rs", "Getting started", "cargo test"] {
            assert_eq!(t(not, Place::Heading), None, "{not}");
        }
    }

    #[test]
    fn a_word_before_the_code_that_says_what_it_is() {
        assert_eq!(t("Error 1001", Place::Text).map(|x| x.0), Some("1001".to_owned()));
        assert_eq!(t("Error code E_FORBIDDEN", Place::Heading).map(|x| x.0), Some("E_FORBIDDEN".to_owned()));
        assert_eq!(t("Error 1001 - Invalid token", Place::Heading).map(|x| (x.0, x.2)), Some(("1001".to_owned(), Shape::NumberTitle)));
        assert_eq!(t("Error", Place::Text), None);
    }

    #[test]
    fn a_status_beside_a_code_is_its_status() {
        let tok = code_token("`INVALID_TOKEN` (401)", Place::Text).unwrap();
        assert_eq!((tok.code.as_str(), tok.aka, tok.status), ("INVALID_TOKEN", None, Some(401)));
        let tok = code_token("404 NOT_FOUND", Place::Heading).unwrap();
        assert_eq!((tok.code.as_str(), tok.status), ("NOT_FOUND", Some(404)));
        let tok = code_token("400 - INVALID_ARGUMENT", Place::Heading).unwrap();
        assert_eq!((tok.code.as_str(), tok.status), ("INVALID_ARGUMENT", Some(400)));
        let tok = code_token("1001 - Invalid token", Place::Heading).unwrap();
        assert_eq!((tok.code.as_str(), tok.title.as_str(), tok.shape), ("1001", "Invalid token", Shape::NumberTitle));
    }

    #[test]
    fn the_prefilters_of_retry_words_and_stated_status_skip_nothing_they_would_read() {
        // Both lower-case the text first: no character but an ASCII one
        // lower-cases to the letters of `retr` or to an ASCII digit, so
        // text without them in ASCII holds none after lower-casing either.
        for c in (0..=0x10_FFFF).filter_map(char::from_u32).filter(|c| !c.is_ascii()) {
            assert!(!c.to_lowercase().any(|l| matches!(l, 'r' | 'e' | 't') || l.is_ascii_digit()), "{c:?}");
        }
        assert!(contains_ascii_ignore_case("Safe to RETRY", b"retr") && !contains_ascii_ignore_case("Safe to ret", b"retr"));
        assert!(contains_ascii_ignore_case("Retr", b"retr") && !contains_ascii_ignore_case("", b"retr"));
        assert_eq!(retry_words("Non-Retryable"), Some(false));
        assert!(has_ascii_digit("status 406") && !has_ascii_digit("status ４０６"));
    }

    #[test]
    fn leads_labels_and_retry_words() {
        let (tok, rest) = split_lead("`APIClientRequestRateLimitExceeded (1199)`:").unwrap();
        assert_eq!((tok.code.as_str(), rest), ("APIClientRequestRateLimitExceeded", ""));
        let (tok, rest) = split_lead("NOT_FOUND - the thing is gone").unwrap();
        assert_eq!((tok.code.as_str(), rest), ("NOT_FOUND", "the thing is gone"));
        assert!(split_lead("Error - A human-readable code for the error.").is_none());
        assert!(split_lead("Install the tool: run cargo").is_none());
        assert_eq!(labelled("エラーコード：500000001"), Some((vocab::Role::Code, "500000001")));
        assert_eq!(labelled("Message: it broke"), Some((vocab::Role::Message, "it broke")));
        assert_eq!(labelled("Note that this: x"), None);
        assert_eq!(retry_words("Safe to retry codes"), Some(true));
        assert_eq!(retry_words("Never retry codes"), Some(false));
        assert_eq!(retry_words("Do not retry"), Some(false));
        assert_eq!(retry_words("Non-retryable errors"), Some(false));
        assert_eq!(retry_words("Retryable Error Response"), Some(true));
        assert_eq!(retry_words("Other notable error codes"), None);
    }
}
