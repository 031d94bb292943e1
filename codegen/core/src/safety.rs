//! One home for text safety: the one list of characters no output writes
//! raw ([`never_raw`]), and the one code-span fence ([`code_span`]). Each
//! target's escaper builds on them: Rust doc comments (`rust/doc.rs`, which
//! drops them), Rust string literals (`rust/writer.rs`, which escapes them
//! as `\u{..}`), TypeScript, JSON and YAML literals and comments
//! (`emit/escape.rs`, `\uXXXX` and `\u{..}`), and the reports of
//! `errgen diff` (`diff.rs`, which shows them as `\u{..}`).

use std::fmt::Write as _;

/// Characters that reorder how text is displayed (the "Trojan Source"
/// bidirectional controls) or that are invisible (zero-width spaces and
/// joiners, soft hyphens, the byte order mark).
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// The one list of characters no output writes raw: the invisible and
/// bidirectional ones ([`is_invisible`]), control characters (C0, DEL,
/// C1, line breaks and tabs among them), the line and paragraph
/// separators (line breaks to JavaScript and editors), and the
/// noncharacters U+FFFE and U+FFFF (which YAML forbids). Each target
/// decides what to do with a line break or a tab, which are harmless in
/// some places.
pub(crate) fn never_raw(c: char) -> bool {
    is_invisible(c) || c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The backquotes that fence `text` as a Markdown code span: one more than
/// its longest run of backquotes.
pub(crate) fn fence(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    "`".repeat(longest + 1)
}

/// `text` (one line, no line break) as a Markdown code span: fenced by
/// [`fence`], with a space inside each fence where the text starts or ends
/// with a backquote or a space (CommonMark then strips one from each side).
/// The caller has made the text safe for its target.
pub(crate) fn code_span(text: &str) -> String {
    let fence = fence(text);
    let pad = if text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']) { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// `text` with every character of [`never_raw`] but the line break shown
/// as `\u{XXXX}`, for reports that quote spec text (`errgen diff`).
#[cfg_attr(not(feature = "diff"), allow(dead_code))]
pub(crate) fn show_invisible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| never_raw(c) && c != '\n';
    if !text.contains(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            let _ = write!(out, "\\u{{{:04X}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_and_fences() {
        for c in ['\u{202E}', '\u{2066}', '\u{200B}', '\u{00AD}', '\u{FEFF}', '\u{061C}'] {
            assert!(is_invisible(c), "{c:?}");
        }
        assert!(!is_invisible('a') && !is_invisible('é') && !is_invisible('\u{2028}'));
        assert_eq!(fence("plain"), "`");
        assert_eq!(fence("a``b`c"), "```");
        assert_eq!(show_invisible("a\u{202E}b\tc\nd\u{2028}"), "a\\u{202E}b\\u{0009}c\nd\\u{2028}");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x` "), "`` `x`  ``");
        assert_eq!(code_span(" a"), "`  a `");
        for c in ['\0', '\u{7F}', '\u{85}', '\u{2028}', '\u{FFFE}', '\u{202E}'] {
            assert!(never_raw(c), "{c:?}");
        }
        assert!(!never_raw('a') && !never_raw('한') && !never_raw('\u{A0}'));
        assert!(matches!(show_invisible("plain"), std::borrow::Cow::Borrowed(_)));
    }
}
