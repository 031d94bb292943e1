//! One home for text safety: the characters no output writes raw, and the
//! code-span fence. Each target's escaper builds on these: Rust doc
//! comments (`rust/doc.rs`, which drops them), Rust string literals
//! (`rust/writer.rs`, which escapes them as `\u{..}`), TypeScript, JSON and
//! YAML literals and comments (`emit/escape.rs`, `\uXXXX` and `\u{..}`),
//! and the Markdown of `errgen diff` (`diff.rs`).

use std::fmt::Write as _;

/// Characters that reorder how text is displayed (the "Trojan Source"
/// bidirectional controls) or that are invisible (zero-width spaces and
/// joiners, soft hyphens, the byte order mark): shown as escapes or
/// dropped, never written raw.
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

/// `text` with every invisible character ([`is_invisible`]) and control
/// character other than a line break shown as `\u{XXXX}`, for reports
/// that quote spec text (`errgen diff`).
#[cfg_attr(not(feature = "diff"), allow(dead_code))]
pub(crate) fn show_invisible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| is_invisible(c) || (c.is_control() && c != '\n');
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
        assert_eq!(show_invisible("a\u{202E}b\tc\nd"), "a\\u{202E}b\\u{0009}c\nd");
        assert!(matches!(show_invisible("plain"), std::borrow::Cow::Borrowed(_)));
    }
}
