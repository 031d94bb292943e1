//! The text writer: one `String` and a handful of layout rules of errgen's
//! own. Four spaces per level; one item, variant, field, table element
//! (integers and booleans fill lines) and `match` arm per line; lines
//! within [`WIDTH`] columns, except where one string literal, identifier
//! or unbreakable span of a doc comment is longer on its own.
//!
//! Fixed code is written as raw-string blocks exactly as it appears in the
//! file, with `$Code`, `$Error`, `$Status`, `$Body`, `$Unknown` and
//! `$Outcome` standing for the configured type names (and a few `$NAME`s
//! given per block).

use std::io;

use super::TypeNames;

/// How much text the writer holds before it hands it to its sink.
const SPILL_AT: usize = 64 * 1024;

/// The widest a line may be, in characters.
pub(crate) const WIDTH: usize = 100;

/// The file being written: into `out`, and with a sink, on into the sink
/// whenever `out` holds [`SPILL_AT`] bytes, so that the whole file is never
/// held. Text is only appended to `out`, except inside one call of a
/// layout method (which may take back what it just wrote), so it spills
/// only between such calls.
pub(super) struct Writer<'a> {
    pub out: String,
    /// A line's worth of text that callers reuse (take it, put it back), so
    /// that per-code lines need no allocation of their own.
    pub scratch: String,
    names: &'a TypeNames,
    sink: Option<&'a mut dyn io::Write>,
    /// The sink's first error; nothing more is written after it.
    failed: Option<io::Error>,
}

/// Where a `match` arm's value starts: `=> value,`.
pub(super) enum Body<'a> {
    /// A path, literal or call written as is.
    Expr(&'a str),
    /// A struct literal `path { field: value, ... }`, given as the path and
    /// the `field: value` pairs.
    Struct(&'a str, &'a [String]),
}

fn width(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

/// Whether `parts`, one after the other after `used` columns, end at or
/// before column `limit`. A text is never wider than its bytes, so most
/// lines are judged by their lengths alone, without reading them (which
/// an unoptimised build script pays for byte by byte).
fn fits(used: usize, parts: &[&str], limit: usize) -> bool {
    let mut bytes = used;
    for part in parts {
        bytes += part.len();
    }
    if bytes <= limit {
        return true;
    }
    let mut columns = used;
    for part in parts {
        columns += width(part);
    }
    columns <= limit
}

impl<'a> Writer<'a> {
    pub(super) fn new(names: &'a TypeNames, capacity: usize) -> Self {
        Writer { out: String::with_capacity(capacity), scratch: String::with_capacity(256), names, sink: None, failed: None }
    }

    /// A writer that hands its text on to `sink` as it goes.
    pub(super) fn streaming(names: &'a TypeNames, sink: &'a mut dyn io::Write) -> Self {
        Writer { sink: Some(sink), ..Writer::new(names, 2 * SPILL_AT) }
    }

    /// Hands the text written so far to the sink, once there is enough of
    /// it (or, with `all`, whatever there is).
    fn spill(&mut self, all: bool) {
        let Some(sink) = self.sink.as_mut() else { return };
        if self.out.len() < SPILL_AT && !all {
            return;
        }
        if self.failed.is_none() {
            if let Err(e) = sink.write_all(self.out.as_bytes()) {
                self.failed = Some(e);
            }
        }
        self.out.clear();
    }

    /// Hands the rest of the text to the sink; the sink's first error.
    pub(super) fn finish(mut self) -> io::Result<()> {
        self.spill(true);
        self.failed.map_or(Ok(()), Err)
    }

    /// The configured type names.
    pub(super) fn names(&self) -> &'a TypeNames {
        self.names
    }

    /// Writes a block of fixed code, with the type names put in. A block
    /// that starts with a line break leaves an empty line before it.
    pub(super) fn put(&mut self, block: &str) {
        self.put_with(block, &[]);
    }

    /// [`Writer::put`] with more `$NAME`s.
    pub(super) fn put_with(&mut self, block: &str, vars: &[(&str, &str)]) {
        self.spill(false);
        let mut out = std::mem::take(&mut self.out);
        self.expand(&mut out, block, vars);
        self.out = out;
    }

    /// A doc paragraph ([`Writer::doc`]) with the type names put in.
    pub(super) fn doc_named(&mut self, depth: usize, text: &str) {
        let mut line = String::new();
        self.expand(&mut line, text, &[]);
        self.doc(depth, &line);
    }

    /// `block` into `out`, with the `$NAME`s replaced.
    fn expand(&self, out: &mut String, block: &str, vars: &[(&str, &str)]) {
        let mut rest = block;
        while let Some(at) = rest.find('$') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            let end = after.find(|c: char| !c.is_ascii_alphanumeric() && c != '_').unwrap_or(after.len());
            let name = &after[..end];
            let value = match name {
                "Code" => Some(self.names.code.as_str()),
                "Error" => Some(self.names.error.as_str()),
                "Status" => Some(self.names.status.as_str()),
                "Body" => Some(self.names.body.as_str()),
                "Unknown" => Some(self.names.unknown.as_str()),
                "Outcome" => Some(self.names.outcome.as_str()),
                _ => vars.iter().find(|(n, _)| *n == name).map(|(_, v)| *v),
            };
            debug_assert!(value.is_some(), "no value for `${name}`");
            out.push_str(value.unwrap_or(name));
            rest = &after[end..];
        }
        out.push_str(rest);
    }

    /// Indentation for `depth` levels.
    pub(super) fn pad(&mut self, depth: usize) {
        // One piece per depth, picked by index (not a slice of one string:
        // no bounds check of a `str` range per line where a build script
        // runs unoptimised).
        const PADS: [&str; 6] = ["", "    ", "        ", "            ", "                ", "                    "];
        match PADS.get(depth) {
            Some(spaces) => self.out.push_str(spaces),
            None => self.out.extend(std::iter::repeat_n("    ", depth)),
        }
    }

    /// Indentation for `depth` levels and `/// `, in one piece while the
    /// depth is small.
    fn doc_prefix(&mut self, depth: usize) {
        const PREFIXES: [&str; 5] = ["/// ", "    /// ", "        /// ", "            /// ", "                /// "];
        if let Some(prefix) = PREFIXES.get(depth) {
            self.out.push_str(prefix);
        } else {
            self.pad(depth);
            self.out.push_str("/// ");
        }
    }

    /// `parts` one after the other as one line at `depth`, without a
    /// `String` to hold them first.
    pub(super) fn line_of(&mut self, depth: usize, parts: &[&str]) {
        self.spill(false);
        self.pad(depth);
        for part in parts {
            self.out.push_str(part);
        }
        self.out.push('\n');
    }

    /// One line at `depth`.
    pub(super) fn line(&mut self, depth: usize, text: &str) {
        self.spill(false);
        self.pad(depth);
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// A paragraph of a doc comment (`///` lines), broken between words
    /// to fit: only before a character that cannot start a Markdown block
    /// (a list, heading, quote, fence, table or HTML), so that a break
    /// never changes what rustdoc reads. An empty `text` is an empty line.
    pub(super) fn doc(&mut self, depth: usize, text: &str) {
        self.spill(false);
        // Trailing spaces off, a byte at a time (no pattern search).
        let mut end = text.len();
        while end > 0 && text.as_bytes()[end - 1] == b' ' {
            end -= 1;
        }
        let text = &text[..end];
        if text.is_empty() {
            self.line(depth, "///");
            return;
        }
        let room = WIDTH.saturating_sub(4 * depth + 4).max(40);
        let mut rest = text;
        loop {
            let (head, tail) = split_doc(rest, room);
            self.doc_prefix(depth);
            self.out.push_str(head);
            self.out.push('\n');
            match tail {
                Some(tail) => rest = tail,
                None => return,
            }
        }
    }

    /// Writes `{head}[items]{tail}` as one line and says so where it fits in
    /// [`WIDTH`]; else writes nothing (it stops at the first element past
    /// the width, so a long list costs no more than a line).
    fn flat(&mut self, depth: usize, head: &str, tail: &str, len: usize, item: &mut dyn FnMut(&mut String, usize)) -> bool {
        let start = self.out.len();
        self.pad(depth);
        self.out.push_str(head);
        self.out.push('[');
        for i in 0..len {
            if i > 0 {
                self.out.push_str(", ");
            }
            item(&mut self.out, i);
            if !fits(1 + tail.len(), &[&self.out[start..]], WIDTH) {
                self.out.truncate(start);
                return false;
            }
        }
        self.out.push(']');
        self.out.push_str(tail);
        self.out.push('\n');
        true
    }

    /// `{head}[items]{tail}` on one line where it fits, else one element per
    /// line (filled when `fill`, for integer and boolean literals), each
    /// followed by a comma. `item` writes element `i`.
    ///
    /// (Generic only here: the body, [`Writer::list_dyn`], is compiled once,
    /// not once per closure, which a build script's compile time feels.)
    pub(super) fn list(&mut self, depth: usize, head: &str, tail: &str, len: usize, fill: bool, mut item: impl FnMut(&mut String, usize)) {
        self.list_dyn(depth, head, tail, len, fill, &mut item);
    }

    fn list_dyn(&mut self, depth: usize, head: &str, tail: &str, len: usize, fill: bool, item: &mut dyn FnMut(&mut String, usize)) {
        if self.flat(depth, head, tail, len, item) {
            return;
        }
        self.pad(depth);
        self.out.push_str(head);
        self.out.push_str("[\n");
        if fill {
            let mut element = String::new();
            let mut line = 0;
            for i in 0..len {
                element.clear();
                item(&mut element, i);
                if line > 0 && line + 1 + element.len() + 1 > WIDTH {
                    self.out.push('\n');
                    line = 0;
                }
                if line == 0 {
                    self.spill(false);
                    self.pad(depth + 1);
                    line = 4 * (depth + 1);
                } else {
                    self.out.push(' ');
                    line += 1;
                }
                self.out.push_str(&element);
                self.out.push(',');
                line += element.len() + 1;
            }
            if line > 0 {
                self.out.push('\n');
            }
        } else {
            for i in 0..len {
                self.spill(false);
                self.pad(depth + 1);
                item(&mut self.out, i);
                self.out.push_str(",\n");
            }
        }
        self.pad(depth);
        self.out.push(']');
        self.out.push_str(tail);
        self.out.push('\n');
    }

    /// `{head}[&[..], &[..], ...];`, a table of `len` rows of `row_len(i)`
    /// elements each (`elem` writes element `j` of row `i`): on one line
    /// where it fits, else a row per line, and a row that does not fit
    /// its line gets an element per line.
    pub(super) fn rows(
        &mut self,
        depth: usize,
        head: &str,
        len: usize,
        row_len: impl Fn(usize) -> usize,
        mut elem: impl FnMut(&mut String, usize, usize),
    ) {
        self.rows_dyn(depth, head, len, &row_len, &mut elem);
    }

    fn rows_dyn(&mut self, depth: usize, head: &str, len: usize, row_len: &dyn Fn(usize) -> usize, elem: &mut dyn FnMut(&mut String, usize, usize)) {
        let mut row = String::new();
        // Where each element of `row` starts and ends.
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut write_row = |row: &mut String, spans: &mut Vec<(usize, usize)>, i: usize| {
            row.clear();
            spans.clear();
            row.push_str("&[");
            for j in 0..row_len(i) {
                if j > 0 {
                    row.push_str(", ");
                }
                let from = row.len();
                elem(row, i, j);
                spans.push((from, row.len()));
            }
            row.push(']');
        };
        let one_line = self.flat(depth, head, ";", len, &mut |out, i| {
            write_row(&mut row, &mut spans, i);
            out.push_str(&row);
        });
        if one_line {
            return;
        }
        self.pad(depth);
        self.out.push_str(head);
        self.out.push_str("[\n");
        for i in 0..len {
            self.spill(false);
            write_row(&mut row, &mut spans, i);
            if fits(4 * (depth + 1) + 1, &[&row], WIDTH) {
                self.pad(depth + 1);
                self.out.push_str(&row);
                self.out.push_str(",\n");
                continue;
            }
            self.line(depth + 1, "&[");
            for &(from, to) in &spans {
                self.pad(depth + 2);
                self.out.push_str(&row[from..to]);
                self.out.push_str(",\n");
            }
            self.line(depth + 1, "],");
        }
        self.pad(depth);
        self.out.push_str("];\n");
    }

    /// A `match` arm `pat => body,`. Where that is too wide, a struct
    /// literal gets a line per field, and any other value moves into a
    /// block on its own line.
    pub(super) fn arm(&mut self, depth: usize, pat: &str, body: &Body<'_>) {
        self.spill(false);
        let indent = 4 * depth;
        match body {
            Body::Expr(expr) => {
                if fits(indent + 4 + 1, &[pat, expr], WIDTH) {
                    self.line_of(depth, &[pat, " => ", expr, ","]);
                } else {
                    self.line_of(depth, &[pat, " => {"]);
                    self.line(depth + 1, expr);
                    self.line(depth, "}");
                }
            }
            Body::Struct(path, fields) => {
                let flat: usize = fields.iter().map(|f| width(f) + 2).sum();
                if indent + width(pat) + 4 + width(path) + 3 + flat + 2 <= WIDTH {
                    self.pad(depth);
                    for part in [pat, " => ", path, " { "] {
                        self.out.push_str(part);
                    }
                    for (i, field) in fields.iter().enumerate() {
                        if i > 0 {
                            self.out.push_str(", ");
                        }
                        self.out.push_str(field);
                    }
                    self.out.push_str(" },\n");
                } else if indent + width(pat) + 4 + width(path) + 2 <= WIDTH {
                    self.line_of(depth, &[pat, " => ", path, " {"]);
                    for field in *fields {
                        self.line_of(depth + 1, &[field, ","]);
                    }
                    self.line(depth, "},");
                } else {
                    self.line_of(depth, &[pat, " => {"]);
                    self.line_of(depth + 1, &[path, " {"]);
                    for field in *fields {
                        self.line_of(depth + 2, &[field, ","]);
                    }
                    self.line(depth + 1, "}");
                    self.line(depth, "}");
                }
            }
        }
    }
}

/// `n` in decimal, appended to `out` without the formatting machinery
/// (tables hold thousands of numbers).
pub(super) fn push_int(out: &mut String, n: impl Into<usize>) {
    crate::decimal::push_decimal(out, n.into());
}

/// Whether a doc line may start with `c` without starting a Markdown
/// block or ending the paragraph.
fn may_start_line(c: char) -> bool {
    !(c.is_ascii_digit() || c.is_whitespace() || matches!(c, '-' | '+' | '*' | '=' | '#' | '>' | '`' | '~' | '<' | '|' | '_'))
}

/// The first line of `text` within `room` columns (or up to the first
/// allowed break, if none comes sooner) and the rest, if any.
fn split_doc(text: &str, room: usize) -> (&str, Option<&str>) {
    if fits(0, &[text], room) {
        return (text, None);
    }
    if text.is_ascii() {
        split_doc_ascii(text, room)
    } else {
        split_doc_chars(text, room)
    }
}

/// [`split_doc`] for a text wider than `room`, a character at a time.
fn split_doc_chars(text: &str, room: usize) -> (&str, Option<&str>) {
    let mut best = None;
    let mut prev = '\0';
    for (column, (at, c)) in text.char_indices().enumerate() {
        if prev == ' ' && at >= 2 && !text[..at - 1].ends_with(' ') && may_start_line(c) {
            // The line would end before the space, `column - 1` wide.
            if column - 1 > room && best.is_some() {
                break;
            }
            best = Some(at);
            if column - 1 > room {
                break;
            }
        }
        prev = c;
    }
    match best {
        Some(at) => (&text[..at - 1], Some(&text[at..])),
        None => (text, None),
    }
}

/// [`split_doc`] for ASCII text, where a byte is a column: the last break
/// within `room`, searched back from there, else the first one after it.
fn split_doc_ascii(text: &str, room: usize) -> (&str, Option<&str>) {
    let bytes = text.as_bytes();
    // A break before byte `at` (one space before it, not two, and a byte
    // that may start a line at it) ends the line `at - 1` wide.
    let breaks_at = |&at: &usize| bytes[at - 1] == b' ' && bytes[at - 2] != b' ' && may_start_line(char::from(bytes[at]));
    let last_fitting = (room + 1).min(bytes.len() - 1);
    let at = (2..=last_fitting).rev().find(breaks_at).or_else(|| (last_fitting + 1..bytes.len()).find(breaks_at));
    match at {
        Some(at) => (&text[..at - 1], Some(&text[at..])),
        None => (text, None),
    }
}

/// `s` as a Rust string literal.
pub(super) fn str_lit(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    // Printable ASCII but `"` and `\\` is copied in runs (found sixteen
    // bytes at a time); the rest is escaped a character at a time.
    let mut rest = s;
    loop {
        let at = crate::safety::next_special(rest.as_bytes(), 0, [b'"', b'\\']);
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(c) = rest.chars().next() else { break };
        rest = &rest[c.len_utf8()..];
        match c {
            // `\0` followed by a digit would read as an octal escape.
            '\0' if rest.starts_with(|n: char| n.is_ascii_digit()) => out.push_str("\\x00"),
            '\0' => out.push_str("\\0"),
            '\n' | '\r' | '\t' => out.extend(c.escape_debug()),
            // Never raw in the file, whatever `escape_debug` decides.
            c if crate::safety::never_raw(c) => out.extend(c.escape_unicode()),
            c => out.extend(c.escape_debug()),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    #[test]
    fn a_line_fits_by_its_width_not_its_bytes() {
        // Judged by lengths where they suffice, by widths where they do not.
        for (used, parts, limit) in [
            (0, vec!["abc", "de"], 5),
            (0, vec!["abc", "def"], 5),
            (2, vec!["한국어"], 5),
            (3, vec!["한국어"], 5),
            (0, vec!["", ""], 0),
            (90, vec!["é".repeat(10).as_str(), "x"], 100),
        ] {
            let columns: usize = used + parts.iter().map(|p| p.chars().count()).sum::<usize>();
            assert_eq!(fits(used, &parts, limit), columns <= limit, "{used} {parts:?} {limit}");
        }
    }

    #[test]
    fn doc_lines_break_only_before_safe_characters() {
        let text = "alpha beta - gamma 1. delta `code span` epsilon";
        assert_eq!(split_doc(text, 12), ("alpha beta -", Some("gamma 1. delta `code span` epsilon")));
        assert_eq!(split_doc("gamma 1. delta", 7), ("gamma 1.", Some("delta")));
        assert_eq!(split_doc("a  b", 2), ("a  b", None), "no break at a double space");
        assert_eq!(split_doc("short", 10), ("short", None));
        assert_eq!(split_doc("x -y -z", 2), ("x -y -z", None));
    }

    proptest::proptest! {
        #[test]
        fn ascii_doc_lines_break_where_any_text_breaks(text in "([a-z]{1,6}|[ ]{1,2}|[-+*=#>`~<|_0-9.])*", room in 0_usize..40) {
            if text.len() > room {
                proptest::prop_assert_eq!(split_doc_ascii(&text, room), split_doc_chars(&text, room));
            }
        }
    }

    #[test]
    fn lists_fit_or_go_one_per_line() {
        let names = TypeNames::default();
        let mut w = Writer::new(&names, 0);
        w.list(1, "const A: [u8; 2] = ", ";", 2, true, |out, i| out.push_str(&i.to_string()));
        assert_eq!(w.out, "    const A: [u8; 2] = [0, 1];\n");
        let mut w = Writer::new(&names, 0);
        w.list(0, "X = &", ";", 40, true, |out, i| {
            let _ = write!(out, "{i:03}");
        });
        assert!(w.out.lines().all(|l| l.len() <= WIDTH), "{}", w.out);
        assert!(w.out.starts_with("X = &[\n    000, 001,") && w.out.ends_with("039,\n];\n"), "{}", w.out);
        let mut w = Writer::new(&names, 0);
        w.list(0, "X = &", ";", 30, false, |out, i| {
            let _ = write!(out, "{i:03}");
        });
        assert_eq!(w.out.lines().count(), 32);
    }

    /// The escaper a character at a time, as it was before runs.
    fn str_lit_by_char(s: &str) -> String {
        let mut out = String::from('"');
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            match c {
                '\0' if chars.as_str().starts_with(|n: char| n.is_ascii_digit()) => out.push_str("\\x00"),
                '\0' => out.push_str("\\0"),
                '\'' => out.push('\''),
                '\n' | '\r' | '\t' => out.extend(c.escape_debug()),
                c if crate::safety::never_raw(c) => out.extend(c.escape_unicode()),
                c => out.extend(c.escape_debug()),
            }
        }
        out.push('"');
        out
    }

    proptest::proptest! {
        #[test]
        fn literals_in_runs_are_literals_by_character(s in "[ -~\\x00-\\x1f\\x7f\u{a0}\u{ad}\u{202e}é0-9]{0,16}") {
            let mut out = String::new();
            str_lit(&mut out, &s);
            proptest::prop_assert_eq!(out, str_lit_by_char(&s));
        }
    }

    #[test]
    fn literals_escape_what_rust_needs() {
        let mut out = String::new();
        str_lit(&mut out, "a\"b\\c\n\0\x007'\u{202E}\u{AD}");
        assert_eq!(out, "\"a\\\"b\\\\c\\n\\0\\x007'\\u{202e}\\u{ad}\"");
    }
}
