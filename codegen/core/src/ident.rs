//! The one home for identifiers: case conversion, validity, and the keyword
//! and reserved-name lists the emitters escape against.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// The `UpperCamelCase` identifier for a wire code (`NOT_ENOUGH_ASSET` ->
/// `NotEnoughAsset`). A code that starts with a digit gets the prefix `E`
/// (`10000` -> `E10000`). `None` when no ASCII identifier can be made
/// (`오류`, `-`): the doc then names one with an `ident.CODE=Name`
/// directive.
#[must_use]
pub fn code_ident(code: &str) -> Option<String> {
    let camel = upper_camel(code);
    if camel.starts_with(|c: char| c.is_ascii_digit()) {
        let prefixed = format!("E{camel}");
        return is_ascii_ident(&prefixed).then_some(prefixed);
    }
    is_ascii_ident(&camel).then_some(camel)
}

/// `UpperCamelCase` as heck writes it. Most wire codes are ASCII without
/// lower-case letters (`NOT_ENOUGH_ASSET`, `E_42`): heck then breaks words
/// only at the other characters and capitalises each, which this does a
/// byte at a time; anything else goes through heck.
fn upper_camel(code: &str) -> String {
    let bytes = code.as_bytes();
    // Loops by index: no call per byte where a build script runs unoptimised.
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii() || bytes[i].is_ascii_lowercase() {
            return code.to_upper_camel_case();
        }
        i += 1;
    }
    let mut out = Vec::with_capacity(code.len());
    // Words are the runs of letters and digits: each keeps its first byte
    // and lower-cases the rest.
    let mut word_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            out.push(if word_start { b } else { b.to_ascii_lowercase() });
            word_start = false;
        } else {
            word_start = true;
        }
        i += 1;
    }
    // ASCII bytes only, so always UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// `snake_case` for a message parameter (`Error Message` -> `error_message`).
#[must_use]
pub fn snake(name: &str) -> String {
    // heck breaks a run of letters and digits only where a lower-case
    // letter meets an upper-case one; runs that are all upper case (`ID`,
    // `E42`) or capitalised (`Error`, `message2`) have no such place, so
    // they are lower-cased and joined by `_` here, as heck would.
    let plain = |word: &[u8]| {
        word.iter().all(|b| !b.is_ascii_lowercase()) || word.iter().skip(1).all(|b| !b.is_ascii_uppercase())
    };
    let words = || name.as_bytes().split(|b| !b.is_ascii_alphanumeric()).filter(|w| !w.is_empty());
    if !name.is_ascii() || !words().all(plain) {
        return name.to_snake_case();
    }
    let mut out = String::with_capacity(name.len());
    for word in words() {
        if !out.is_empty() {
            out.push('_');
        }
        out.extend(word.iter().map(|b| char::from(b.to_ascii_lowercase())));
    }
    out
}

/// `SCREAMING_SNAKE_CASE` (`Method Not Allowed` -> `METHOD_NOT_ALLOWED`).
#[must_use]
pub fn screaming_snake(name: &str) -> String {
    name.to_shouty_snake_case()
}

/// Whether `s` is `[A-Za-z][A-Za-z0-9_]*`: an identifier in every target
/// language once keywords are escaped.
#[must_use]
pub fn is_ascii_ident(s: &str) -> bool {
    let bytes = s.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    // A loop by index with `&`, not `all`: no early exit, so that it
    // vectorises (most names are identifiers, read to the end either way),
    // and no closure call per byte where a build script runs unoptimised.
    let mut ok = true;
    let mut i = 0;
    while i < bytes.len() {
        ok &= IDENT_BYTE[usize::from(bytes[i])];
        i += 1;
    }
    ok
}

/// Per byte, whether an ASCII identifier may hold it: a letter, a digit or `_`.
static IDENT_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        // `b` is below 256.
        #[allow(clippy::cast_possible_truncation)]
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric() || byte == b'_';
        b += 1;
    }
    table
};

/// Rust keywords (strict, reserved and weak ones that matter for items), all
/// editions.
pub const RUST_KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv",
    "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers (`r#self` is invalid).
const RUST_NON_RAW: &[&str] = &["Self", "self", "super", "crate", "_"];

/// The length of the longest keyword of both lists: a longer name (most
/// identifiers) is none, without a comparison per keyword.
const LONGEST_KEYWORD: usize = 8;

/// Whether `name` is one of `keywords` (a list above).
fn is_one_of(name: &str, keywords: &[&str]) -> bool {
    name.len() <= LONGEST_KEYWORD && keywords.contains(&name)
}

/// A Rust identifier for `name`: unchanged when it is no keyword, `r#name`
/// for keywords that can be raw, and `name_` for those that cannot.
#[must_use]
pub fn rust_ident(name: &str) -> String {
    if is_one_of(name, RUST_NON_RAW) {
        format!("{name}_")
    } else if is_one_of(name, RUST_KEYWORDS) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

/// A Rust enum variant for a model identifier (`NotEnoughAsset`): `Self`
/// and the names in `reserved` (variants the emitter adds itself, such as
/// `Unknown`) get a trailing underscore, which no `code_ident` result has.
#[must_use]
pub fn rust_variant(ident: &str, reserved: &[&str]) -> String {
    if is_one_of(ident, RUST_NON_RAW) || reserved.contains(&ident) {
        format!("{ident}_")
    } else {
        rust_ident(ident)
    }
}

/// A Rust field name for a `snake_case` parameter name: keywords escaped, and
/// a `p_` prefix where the name does not start like an identifier.
#[must_use]
pub fn rust_field(name: &str) -> String {
    if is_ascii_ident(name) {
        rust_ident(name)
    } else {
        let tail: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
        format!("p_{tail}")
    }
}

/// Whether `name` can name a generated Rust type: an ASCII identifier
/// starting with an uppercase letter that is no keyword.
#[must_use]
pub fn is_rust_type_name(name: &str) -> bool {
    is_ascii_ident(name) && name.starts_with(|c: char| c.is_ascii_uppercase()) && !is_one_of(name, RUST_KEYWORDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn snake_is_what_heck_writes(name in "[A-Za-z0-9_ .-]{0,24}|[A-Z][a-z0-9]{0,5}( [A-Z]?[a-z0-9]{0,5}){0,3}|\\PC{0,8}") {
            proptest::prop_assert_eq!(snake(&name), name.to_snake_case());
        }

        #[test]
        fn upper_camel_is_what_heck_writes(code in "[A-Z0-9_. -]{0,24}|[A-Za-z0-9_]{0,12}|\\PC{0,8}") {
            proptest::prop_assert_eq!(upper_camel(&code), code.to_upper_camel_case());
        }
    }

    #[test]
    fn code_idents() {
        assert_eq!(code_ident("NOT_ENOUGH_ASSET").as_deref(), Some("NotEnoughAsset"));
        assert_eq!(code_ident("NOT__FOUND").as_deref(), Some("NotFound"));
        assert_eq!(code_ident("not-found").as_deref(), Some("NotFound"));
        assert_eq!(code_ident("E10000").as_deref(), Some("E10000"));
        assert_eq!(code_ident("10000").as_deref(), Some("E10000"));
        assert_eq!(code_ident("404_not_here").as_deref(), Some("E404NotHere"));
        assert_eq!(code_ident("오류"), None);
        assert_eq!(code_ident("___"), None);
    }

    #[test]
    fn cases() {
        assert_eq!(snake("Error Message"), "error_message");
        assert_eq!(snake("errorMessage"), "error_message");
        assert_eq!(screaming_snake("Method Not Allowed"), "METHOD_NOT_ALLOWED");
    }

    #[test]
    fn rust_keywords_are_escaped() {
        let longest = RUST_KEYWORDS.iter().chain(RUST_NON_RAW).map(|k| k.len()).max();
        assert_eq!(longest, Some(LONGEST_KEYWORD));
        assert_eq!(rust_ident("Foo"), "Foo");
        assert_eq!(rust_ident("type"), "r#type");
        assert_eq!(rust_ident("Self"), "Self_");
        assert_eq!(rust_ident("self"), "self_");
    }

    #[test]
    fn rust_variants_and_fields() {
        assert_eq!(rust_variant("NotFound", &["Unknown"]), "NotFound");
        assert_eq!(rust_variant("Self", &[]), "Self_");
        assert_eq!(rust_variant("Unknown", &["Unknown"]), "Unknown_");
        assert_eq!(rust_variant("Option", &["Unknown"]), "Option");
        assert_eq!(rust_field("error_message"), "error_message");
        assert_eq!(rust_field("type"), "r#type");
        assert_eq!(rust_field("self"), "self_");
        assert_eq!(rust_field("1st"), "p_1st");
    }

    #[test]
    fn rust_type_names() {
        assert!(is_rust_type_name("ErrorCode"));
        assert!(!is_rust_type_name("Self"));
        assert!(!is_rust_type_name("errorCode"));
        assert!(!is_rust_type_name("Error Code"));
        assert!(!is_rust_type_name(""));
    }
}
