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

/// The offset of the first byte of `bytes` at or after `at` that an
/// escaper may have to change (a Rust, TypeScript, JSON or YAML string
/// literal, a comment): an ASCII control character or DEL, one of
/// the two ASCII bytes of `extra`, or the start of a non-ASCII character;
/// `bytes.len()` when there is none. Most text is plain ASCII, so it is
/// tested sixteen bytes at a time ([`plain_block`]); the last block of a
/// text of 16 bytes or more is its last 16, overlapping the one before,
/// and a shorter text is padded with spaces. Only a block that is not
/// plain is searched byte by byte. (Inline: most calls are on short
/// texts, and each caller's `extra` is a constant.)
#[inline]
pub(crate) fn next_special(bytes: &[u8], mut at: usize, extra: [u8; 2]) -> usize {
    let len = bytes.len();
    while let Some(block) = bytes.get(at..).and_then(<[u8]>::first_chunk::<16>) {
        if !plain_block(block, extra) {
            break;
        }
        at += 16;
    }
    if at >= len {
        return len;
    }
    if len - at < 16 {
        let plain = if let Some(block) = bytes.last_chunk::<16>() {
            plain_block(block, extra)
        } else {
            // A text shorter than a block, padded with spaces.
            let mut block = [b' '; 16];
            block[..len - at].copy_from_slice(&bytes[at..]);
            plain_block(&block, extra)
        };
        if plain {
            return len;
        }
    }
    bytes[at..].iter().position(|&b| special_byte(b, extra)).map_or(len, |i| at + i)
}

/// Whether `b` is not printable ASCII or is one of the two of `extra`.
/// (Bitwise `|`, not `||`: no branch, so the 16-byte scan vectorises.)
#[allow(clippy::needless_bitwise_bool)]
fn special_byte(b: u8, extra: [u8; 2]) -> bool {
    (b.wrapping_sub(0x20) >= 0x5F) | (b == extra[0]) | (b == extra[1])
}

/// Whether no byte of `block` is a [`special_byte`]: [`plain_bytes`] in an
/// optimised build, [`plain_words`] in an unoptimised one. A build script
/// runs unoptimised (Cargo's `build-override` is `opt-level = 0` in a
/// consumer's dev and release builds alike); with debug assertions on, as
/// in the dev profile, it takes the word test, a few operations where the
/// loop runs a few instructions per byte: full generation at 2,000 codes
/// in the dev profile is 5.8 % fewer instructions (2,367.2 M against
/// 2,513.7 M for three generations). In an optimised build the loop is a
/// few vector instructions and the word test would cost 7.5 % of full
/// generation at 10,000 codes. (Stable Rust has no `cfg` for the
/// optimisation level; debug assertions stand for it.) Both are tested in
/// every build.
#[inline]
fn plain_block(block: &[u8; 16], extra: [u8; 2]) -> bool {
    if cfg!(debug_assertions) {
        plain_words(block, extra)
    } else {
        plain_bytes(block, extra)
    }
}

/// [`plain_block`] as a loop over the block by index: a few vector
/// instructions optimised, and no call per byte unoptimised, as an
/// iterator's closure would make. (The test of [`special_byte`] written
/// out: calling it, even inlined always, costs the unoptimised build 2 %
/// more: 150.1 M instructions against 146.8 M for full generation at 100
/// codes. Bitwise `|`, as there.)
#[inline]
#[allow(clippy::needless_bitwise_bool)]
fn plain_bytes(block: &[u8; 16], extra: [u8; 2]) -> bool {
    let mut special = false;
    let mut i = 0;
    while i < block.len() {
        let b = block[i];
        special |= (b.wrapping_sub(0x20) >= 0x5F) | (b == extra[0]) | (b == extra[1]);
        i += 1;
    }
    !special
}

/// [`plain_block`] on the block as one 128-bit word, in a few arithmetic
/// operations. A byte's high bit says whether it is special: set where the
/// byte is below a space (subtracting 0x20 borrows), 0x7F or above (adding
/// 1 reaches the high bit, or it was set), or equal to one of `extra` (the
/// byte of the exclusive or is zero, and subtracting 1 borrows). A borrow
/// or carry that crosses into the next byte starts at a byte that is
/// special itself, so the answer for the whole block is exact.
#[inline]
fn plain_words(block: &[u8; 16], extra: [u8; 2]) -> bool {
    const ONES: u128 = u128::from_ne_bytes([0x01; 16]);
    const HIGHS: u128 = u128::from_ne_bytes([0x80; 16]);
    const SPACES: u128 = u128::from_ne_bytes([0x20; 16]);
    let word = u128::from_ne_bytes(*block);
    let below_space = word.wrapping_sub(SPACES) & !word;
    let del_or_above = word | word.wrapping_add(ONES);
    let first = word ^ u128::from_ne_bytes([extra[0]; 16]);
    let second = word ^ u128::from_ne_bytes([extra[1]; 16]);
    let extra_byte = (first.wrapping_sub(ONES) & !first) | (second.wrapping_sub(ONES) & !second);
    (below_space | del_or_above | extra_byte) & HIGHS == 0
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

    #[test]
    fn a_block_is_plain_when_each_byte_is() {
        // Every byte value in every place of an otherwise plain block,
        // beside a plain or a special neighbour (the edges of the printable
        // range, an extra byte and the bytes next to it, where a borrow or
        // carry of the word test starts), for both tests `plain_block`
        // picks from. This also keeps the test `plain_bytes` writes out
        // equal to `special_byte`.
        for extra in [[b'"', b'\\'], [b'`', b'`'], [0x7F, 0x7F], [b'*', b'@']] {
            for at in 0..16 {
                for b in 0..=u8::MAX {
                    for neighbour in [b'a', 0x1F, 0x20, 0x21, 0x7E, 0x7F, 0x80, 0xFF, extra[0], extra[0] + 1, extra[1] - 1] {
                        let mut block = [b'a'; 16];
                        block[at] = b;
                        block[(at + 1) % 16] = neighbour;
                        let plain = block.iter().all(|&b| !special_byte(b, extra));
                        assert_eq!(plain_bytes(&block, extra), plain, "{block:?} {extra:?}");
                        assert_eq!(plain_words(&block, extra), plain, "{block:?} {extra:?}");
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn a_random_block_is_plain_when_each_byte_is(block in proptest::array::uniform16(proptest::num::u8::ANY), comment in proptest::bool::ANY) {
            let extra = if comment { [b'*', b'@'] } else { [b'"', b'\\'] };
            let plain = block.iter().all(|&b| !special_byte(b, extra));
            proptest::prop_assert_eq!(plain_bytes(&block, extra), plain);
            proptest::prop_assert_eq!(plain_words(&block, extra), plain);
        }

        #[test]
        fn the_next_special_byte_is_the_first_byte_not_plain(
            text in "[ -~\u{0}-\u{1F}\u{7F}é한😀]{0,72}",
            from in 0_usize..80,
            comment in proptest::bool::ANY,
        ) {
            let extra = if comment { [b'*', b'@'] } else { [b'"', b'\\'] };
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            let expected = bytes[from..]
                .iter()
                .position(|&b| !(0x20..0x7F).contains(&b) || extra.contains(&b))
                .map_or(bytes.len(), |i| from + i);
            proptest::prop_assert_eq!(next_special(bytes, from, extra), expected);
        }
    }
}
