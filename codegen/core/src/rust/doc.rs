//! Spec text made safe for rustdoc: no Markdown the writer did not mean to
//! write in Rust docs, no intra-doc links, no HTML, no doctests, nothing
//! clippy's `doc_markdown` or rustdoc's lints object to, and no characters
//! rustc rejects in comments (bidi controls, bare carriage returns).

/// Whether rustc rejects (or lints against) `c` inside a comment, or it
/// would break the line structure of a doc comment.
pub(crate) fn is_dropped(c: char) -> bool {
    crate::safety::never_raw(c) && c != '\n' && c != '\t'
}

/// Characters with a meaning in (rustdoc's) Markdown anywhere in a line.
fn is_markup(c: char) -> bool {
    matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '!' | '|' | '~' | '#' | '$' | '^')
}

/// Clippy's `doc_markdown` heuristics, loosely: a word that looks like code
/// (snake or camel case, a path, a URL) goes into a code span.
fn looks_like_code(word: &str) -> bool {
    // Most words: lower case letters and punctuation that no test looks
    // for, perhaps after a capital (`The`, `request,`).
    let tail = word.as_bytes().get(1..).unwrap_or_default();
    if word.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && tail.iter().all(|&b| b.is_ascii_lowercase() || matches!(b, b',' | b'.' | b';' | b'!' | b'?' | b'\'' | b'"' | b'-'))
        && !word.starts_with("www.")
    {
        return false;
    }
    if word.is_ascii() {
        return ascii_looks_like_code(word.as_bytes());
    }
    looks_like_code_slow(word)
}

/// [`looks_like_code`] for ASCII text in one pass over its bytes (most
/// prose): the same tests, without a substring search per test.
fn ascii_looks_like_code(word: &[u8]) -> bool {
    let (mut upper, mut lower, mut first_alnum) = (0, 0, None);
    // An underscore after a letter or digit, waiting for one after it.
    let (mut underscore, mut snake, mut prev) = (false, false, 0u8);
    for (i, &b) in word.iter().enumerate() {
        match b {
            b'A'..=b'Z' => upper += 1,
            b'a'..=b'z' => lower += 1,
            b'_' => underscore |= first_alnum.is_some(),
            b'@' => return true,
            b':' if prev == b':' => return true,
            b'/' if prev == b':' && word.get(i + 1) == Some(&b'/') => return true,
            b')' if prev == b'(' => return true,
            _ => {}
        }
        if b.is_ascii_alphanumeric() {
            first_alnum.get_or_insert(b);
            snake |= underscore;
        }
        prev = b;
    }
    let camel = first_alnum.is_some_and(|b| b.is_ascii_uppercase()) && upper > 1 && lower > 0;
    snake || camel || word.starts_with(b"www.")
}

fn looks_like_code_slow(word: &str) -> bool {
    let trimmed = word.trim_matches(|c: char| !c.is_alphanumeric());
    let upper = trimmed.chars().filter(|c| c.is_uppercase()).count();
    let lower = trimmed.chars().filter(|c| c.is_lowercase()).count();
    let camel = trimmed.starts_with(|c: char| c.is_uppercase()) && upper > 1 && lower > 0;
    trimmed.contains('_')
        || camel
        || word.contains("::")
        || word.contains("://")
        || word.starts_with("www.")
        || word.contains('@')
        || word.contains("()")
}

/// `text` as a Markdown code span, with a fence longer than any run of
/// backticks inside it. Bidi and control characters are dropped first.
#[must_use]
pub(crate) fn code_span(text: &str) -> String {
    let text: String = text.chars().filter(|&c| !is_dropped(c)).map(|c| if c == '\n' || c == '\t' { ' ' } else { c }).collect();
    let text = text.trim();
    if text.is_empty() {
        return String::new();
    }
    crate::safety::code_span(text)
}

/// Whether `text` is printable ASCII without a backquote: the bytes a code
/// span holds as they are (no longer fence, nothing dropped or collapsed).
fn is_plain_ascii(text: &str) -> bool {
    crate::safety::next_special(text.as_bytes(), 0, [b'`', b'`']) == text.len()
}

/// [`code_span`], appended to `out`.
pub(crate) fn push_code_span(out: &mut String, text: &str) {
    // Most codes and messages need neither a longer fence nor cleaning:
    // printable ASCII is judged by bytes, anything else by characters.
    let plain = !text.is_empty()
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && (is_plain_ascii(text)
            || !text.contains(|c: char| c == '`' || is_dropped(c) || (c.is_whitespace() && c != ' ')));
    if plain {
        out.reserve(text.len() + 2);
        out.push('`');
        out.push_str(text);
        out.push('`');
    } else {
        out.push_str(&code_span(text));
    }
}

/// Escapes one word that is plain prose.
fn escape_word(word: &str, first: bool, out: &mut String) {
    // Block markers at the start of a line that `is_markup` leaves alone:
    // list bullets, setext underlines, ordered-list numbers (`1.`, `2)`).
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    let mut rest = word;
    if first && word.starts_with(['-', '+', '=']) {
        out.push('\\');
    } else if first && digits > 0 && word[digits..].starts_with(['.', ')']) {
        out.push_str(&word[..digits]);
        out.push('\\');
        rest = &word[digits..];
    }
    // Most words hold no markup: copied whole.
    match rest.bytes().position(|b| b.is_ascii() && is_markup(char::from(b))) {
        None => out.push_str(rest),
        Some(at) => {
            out.push_str(&rest[..at]);
            for c in rest[at..].chars() {
                push_escaped(c, out);
            }
        }
    }
}

fn push_escaped(c: char, out: &mut String) {
    if is_markup(c) {
        out.push('\\');
    }
    out.push(c);
}

/// One line of prose, its words escaped or put in code spans.
fn prose_line(line: &str, out: &mut String) {
    // Escapes and spans add a few bytes to a line.
    out.reserve(line.len() + line.len() / 8);
    // The lines given here hold no control character but tabs, so for
    // ASCII text the ASCII split (much cheaper) finds the same words.
    if line.is_ascii() {
        prose_ascii(line, out);
    } else {
        prose_words(line.split_whitespace(), out);
    }
}

/// What [`prose_ascii`] reads of a byte, one table lookup a byte: white
/// space (which parts words), or a byte a plain word (one written as it
/// is) may hold after its first: lower case letters and the punctuation
/// no test looks for.
static BYTE_CLASS: [u8; 256] = byte_classes();

/// A [`BYTE_CLASS`]: white space.
const SPACE: u8 = 1;
/// A [`BYTE_CLASS`]: a byte a plain word may hold after its first.
const PLAIN_TAIL: u8 = 2;

const fn byte_classes() -> [u8; 256] {
    let mut table = [0; 256];
    let mut b: u8 = 0;
    loop {
        table[b as usize] = if b.is_ascii_whitespace() {
            SPACE
        } else if b.is_ascii_lowercase() || matches!(b, b',' | b'.' | b';' | b'?' | b'\'' | b'"' | b'-') {
            PLAIN_TAIL
        } else {
            0
        };
        if b == u8::MAX {
            break table;
        }
        b += 1;
    }
}

fn class(b: u8) -> u8 {
    BYTE_CLASS[usize::from(b)]
}

/// Whether a word is written as it is: neither code-like nor holding
/// markup (a letter, then lower case letters and punctuation that no
/// test looks for, as most words of prose are). [`prose_ascii`] tests
/// the same as it reads each word; the tests hold both to it.
#[cfg(test)]
fn is_plain_word(word: &[u8]) -> bool {
    word.first().is_some_and(u8::is_ascii_alphabetic) && word[1..].iter().all(|&b| class(b) == PLAIN_TAIL) && !word.starts_with(b"www.")
}

/// [`prose_line`] for ASCII text: the words it writes unchanged (plain
/// words: a letter, then [`PLAIN_TAIL`] bytes) are copied in runs, as
/// the line has them where one space parts them, and only the others go through
/// [`prose_words`]' tests. (The same output, property-tested.)
fn prose_ascii(line: &str, out: &mut String) {
    let bytes = line.as_bytes();
    // The run of plain words not yet written, and whether the line has
    // anything in it yet (a space goes before the next word).
    let mut run: Option<(usize, usize)> = None;
    let mut written = false;
    let mut at = 0;
    loop {
        while at < bytes.len() && class(bytes[at]) == SPACE {
            at += 1;
        }
        if at == bytes.len() {
            break;
        }
        // The word, and whether its bytes after the first are all plain.
        let start = at;
        let mut tail = PLAIN_TAIL;
        at += 1;
        while at < bytes.len() && class(bytes[at]) != SPACE {
            tail &= class(bytes[at]);
            at += 1;
        }
        let plain = tail == PLAIN_TAIL && bytes[start].is_ascii_alphabetic() && !bytes[start..at].starts_with(b"www.");
        match run {
            Some((from, to)) if plain && start == to + 1 && bytes[to] == b' ' => run = Some((from, at)),
            _ => {
                if let Some((from, to)) = run.take() {
                    if written {
                        out.push(' ');
                    }
                    out.push_str(&line[from..to]);
                    written = true;
                }
                if plain {
                    run = Some((start, at));
                } else {
                    if written {
                        out.push(' ');
                    }
                    prose_word(&line[start..at], !written, out);
                    written = true;
                }
            }
        }
    }
    if let Some((from, to)) = run {
        if written {
            out.push(' ');
        }
        out.push_str(&line[from..to]);
    }
}

/// [`prose_line`]'s words, each escaped or put in a code span.
fn prose_words<'a>(words: impl Iterator<Item = &'a str>, out: &mut String) {
    for (i, word) in words.enumerate() {
        if i > 0 {
            out.push(' ');
        }
        prose_word(word, i == 0, out);
    }
}

/// One word of prose, escaped or put in a code span (`first`: it starts
/// the line).
fn prose_word(word: &str, first: bool, out: &mut String) {
    if looks_like_code(word) {
        push_code_span(out, word);
    } else {
        escape_word(word, first, out);
    }
}

/// Whether `text` is one line with nothing to drop (printable ASCII and
/// tabs are judged by bytes).
fn is_one_clean_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    loop {
        // Up to the next byte that is no printable ASCII (DEL is none
        // anyway: no byte is added to the test).
        at = crate::safety::next_special(bytes, at, [0x7F, 0x7F]);
        match bytes.get(at) {
            None => return true,
            Some(b'\t') => at += 1,
            Some(b'\n') => return false,
            Some(_) => return !text[at..].contains(|c: char| c == '\n' || is_dropped(c)),
        }
    }
}

/// [`prose`], each line written into `line` (a buffer reused across calls)
/// and handed to `each`.
pub(crate) fn each_prose_line(text: &str, line: &mut String, mut each: impl FnMut(&str)) {
    if is_one_clean_line(text) {
        line.clear();
        prose_line(text, line);
        if !line.is_empty() {
            each(line);
        }
        return;
    }
    each_line_of(text, line, each);
}

/// [`prose`]'s lines joined by spaces, appended to `out`.
pub(crate) fn push_prose_joined(out: &mut String, text: &str) {
    if is_one_clean_line(text) {
        prose_line(text, out);
        return;
    }
    let mut first = true;
    each_line_of(text, &mut String::new(), |line| {
        if !first {
            out.push(' ');
        }
        out.push_str(line);
        first = false;
    });
}

/// Spec prose as doc lines (each without the leading `///`): words that
/// look like code in code spans, Markdown punctuation escaped, whitespace
/// collapsed, lines trimmed, blank lines kept as paragraph breaks.
#[must_use]
pub(crate) fn prose(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    each_prose_line(text, &mut String::new(), |line| lines.push(line.to_owned()));
    lines
}

/// Whether `text` is printable ASCII, tabs and line breaks (a loop by
/// index: no call per byte where a build script runs unoptimised).
fn is_ascii_lines(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !((b' '..=b'~').contains(&b) || b == b'\t' || b == b'\n') {
            return false;
        }
        i += 1;
    }
    true
}

/// [`prose`] for text of several lines or with characters to drop, each
/// line written into `line` and handed to `each`: blank lines at the
/// start and end are left out, and a run of them is one empty line.
fn each_line_of(text: &str, line: &mut String, mut each: impl FnMut(&str)) {
    // Printable ASCII, tabs and line breaks: nothing to drop, no copy.
    let clean: std::borrow::Cow<'_, str> = if is_ascii_lines(text) {
        std::borrow::Cow::Borrowed(text)
    } else {
        text.chars().filter(|&c| !is_dropped(c)).collect()
    };
    // Whether a line was handed on, and whether blank lines came after it.
    let (mut any, mut blank) = (false, false);
    for source in clean.split('\n') {
        line.clear();
        prose_line(source, line);
        if line.is_empty() {
            blank = any;
            continue;
        }
        if blank {
            each("");
            blank = false;
        }
        each(line);
        any = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_pick_a_longer_fence() {
        assert_eq!(code_span("NOT_FOUND"), "`NOT_FOUND`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x`"), "`` `x` ``");
        assert_eq!(code_span("a\u{202E}b"), "`ab`");
        assert_eq!(code_span("  "), "");
    }

    #[test]
    fn pushed_spans_are_the_spans() {
        for text in ["NOT_FOUND", "a b", " a", "a ", "a`b", "a\u{202E}b", "a\tb", "a\u{A0}", "", "  ", "{{X}} y"] {
            let mut out = String::from(">");
            push_code_span(&mut out, text);
            assert_eq!(out, format!(">{}", code_span(text)), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_words_are_judged_as_any_word(word in "[a-zA-Z0-9_@:/().w -]{0,12}") {
            proptest::prop_assert_eq!(ascii_looks_like_code(word.as_bytes()), looks_like_code_slow(&word));
        }

        #[test]
        fn plain_words_are_judged_as_any_word(word in "[a-zA-Z0-9_@:/().,;!?'\"w-]{0,8}") {
            proptest::prop_assert_eq!(looks_like_code(&word), looks_like_code_slow(&word));
        }

        #[test]
        fn plain_words_are_written_as_they_are(word in "(www\\.)?[a-zA-Z][a-z,.;!?'\"_*-]{0,7}", first in proptest::bool::ANY) {
            if is_plain_word(word.as_bytes()) {
                let mut out = String::new();
                prose_word(&word, first, &mut out);
                proptest::prop_assert_eq!(out, word);
            }
        }

        #[test]
        fn byte_classes_are_the_tests_they_stand_for(b in proptest::num::u8::ANY) {
            proptest::prop_assert_eq!(class(b) == SPACE, b.is_ascii_whitespace());
            proptest::prop_assert_eq!(class(b) == PLAIN_TAIL, b.is_ascii_lowercase() || b",.;?'\"-".contains(&b));
        }

        #[test]
        fn ascii_lines_in_runs_are_the_lines_word_by_word(line in "([a-z]{1,4}|[A-Z][a-z]{0,3}|[ \t]{1,2}|[,.;!?'\"`*_:/()<>&#|~=+-]|www\\.|[0-9]{1,2}\\.)*") {
            let mut fast = String::new();
            prose_ascii(&line, &mut fast);
            let mut slow = String::new();
            prose_words(line.split_ascii_whitespace(), &mut slow);
            proptest::prop_assert_eq!(fast, slow);
        }

        #[test]
        fn ascii_spans_are_the_spans(text in "[ -~\t\n]{0,12}") {
            let mut out = String::new();
            push_code_span(&mut out, &text);
            proptest::prop_assert_eq!(out, code_span(&text));
        }

        #[test]
        fn ascii_prose_is_cleaned_as_any(text in "[ -~\t\n\r\u{7f}]{0,16}") {
            let clean: String = text.chars().filter(|&c| !is_dropped(c)).collect();
            let slow: Vec<String> = clean.split('\n').map(|l| { let mut o = String::new(); prose_line(l, &mut o); o }).collect();
            let fast = prose(&text);
            // `prose` trims and collapses blank lines; compare the lines it keeps.
            let kept: Vec<&String> = slow.iter().filter(|l| !l.is_empty()).collect();
            proptest::prop_assert_eq!(fast.iter().filter(|l| !l.is_empty()).collect::<Vec<_>>(), kept);
        }
    }

    #[test]
    fn prose_is_escaped() {
        assert_eq!(prose("See [Error Code](error-response.md#x) <b>now</b>"), ["See \\[Error Code\\](error-response.md\\#x) \\<b\\>now\\</b\\>"]);
        assert_eq!(prose("- item\n1. one\n# head"), ["\\- item", "1\\. one", "\\# head"]);
        assert_eq!(prose("use NOT_FOUND or GitBook at https://x.y/z"), ["use `NOT_FOUND` or `GitBook` at `https://x.y/z`"]);
        assert_eq!(prose("    indented code\r\n\n\n\nnext"), ["indented code", "", "next"]);
        assert_eq!(prose("a\u{2066}b */ \"q\" \\"), ["ab \\*/ \"q\" \\\\"]);
        assert!(prose(" \n ").is_empty());
        assert_eq!(prose("fn main() {}"), ["fn `main()` {}"]);
        assert_eq!(prose("ÉtatÉgal and NASA"), ["`ÉtatÉgal` and NASA"]);
    }
}
