//! The per-code bulk of the Rust file, written straight as text.
//!
//! The fixed shape of the file goes through `quote`, syn and prettyplease
//! (see the parent module); the parts that grow with the number of codes
//! (enum variants, tables, `match` arms) are written here, already laid
//! out the way prettyplease lays them out, and spliced in. Parsing and
//! printing them was nine tenths of the time and most of the memory of a
//! large spec (BENCHMARKS.md, measurement 1).
//!
//! The layout rules below are prettyplease's for the few shapes written
//! here: a list (array, tuple) stays on one line when that line fits in
//! [`MARGIN`] columns, counted in bytes and including the text that
//! follows it up to the next possible line break; otherwise each element
//! gets its own line, except arrays of plain integer or boolean literals,
//! which are filled. A `match` arm that does not fit on one line moves its
//! body into a block; one that needs more (a pattern or a call broken
//! inside) is printed by prettyplease itself ([`arm`]), which no realistic
//! spec asks for. `tests/rust_layout.rs` checks that prettyplease leaves
//! the whole file unchanged, over random name and text lengths.

use std::fmt::Write as _;

/// prettyplease's line width.
const MARGIN: usize = 89;

/// prettyplease's indentation step.
pub(super) const INDENT: usize = 4;

pub(super) fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// `s` as a Rust string literal, escaped exactly as `proc_macro2` (and so
/// prettyplease) writes one.
pub(super) fn str_lit(out: &mut String, s: &str) {
    out.push('"');
    if s.bytes().all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\') {
        out.push_str(s);
    } else {
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            match c {
                // `\0` followed by a digit would read as an octal escape.
                '\0' if chars.as_str().starts_with(|n: char| ('0'..='7').contains(&n)) => out.push_str("\\x00"),
                '\0' => out.push_str("\\0"),
                '\'' => out.push('\''),
                c => out.extend(c.escape_debug()),
            }
        }
    }
    out.push('"');
}

/// One `///` line (prettyplease drops the trailing spaces of a doc line).
pub(super) fn doc(out: &mut String, indent: usize, line: &str) {
    pad(out, indent);
    out.push_str("///");
    let line = line.trim_end_matches(' ');
    if !line.is_empty() {
        out.push(' ');
        out.push_str(line);
    }
    out.push('\n');
}

/// The elements of one list, each written flat into one buffer.
pub(super) struct Items {
    text: String,
    ends: Vec<usize>,
    /// Integer and boolean literals only: prettyplease fills the lines.
    simple: bool,
}

impl Items {
    /// Elements that are integer or boolean literals.
    pub(super) fn simple() -> Self {
        Items { text: String::new(), ends: Vec::new(), simple: true }
    }

    /// Any other elements.
    pub(super) fn general() -> Self {
        Items { text: String::new(), ends: Vec::new(), simple: false }
    }

    /// Adds an element written by `write`.
    pub(super) fn push(&mut self, write: impl FnOnce(&mut String)) {
        write(&mut self.text);
        self.ends.push(self.text.len());
    }

    /// Adds an element given as text.
    pub(super) fn push_str(&mut self, element: &str) {
        self.push(|out| out.push_str(element));
    }

    /// Adds a string literal.
    pub(super) fn push_lit(&mut self, value: &str) {
        self.push(|out| str_lit(out, value));
    }

    /// Adds an integer literal.
    pub(super) fn push_int(&mut self, value: impl std::fmt::Display) {
        self.push(|out| {
            let _ = write!(out, "{value}");
        });
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let element = &self.text[start..end];
            start = end;
            element
        })
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    /// The width of the elements on one line, `a, b, c`.
    fn flat_width(&self) -> usize {
        self.text.len() + 2 * self.len().saturating_sub(1)
    }

    pub(super) fn write_flat(&self, out: &mut String) {
        for (i, element) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(element);
        }
    }
}

/// A list in brackets or parentheses: `open`, the items, `close`.
pub(super) struct List {
    open: &'static str,
    items: Items,
    close: &'static str,
}

impl List {
    /// `&[items]`: a reference to an array.
    pub(super) fn array_ref(items: Items) -> Self {
        List { open: "&[", items, close: "]" }
    }

    /// `(items)`: a tuple of two or more.
    pub(super) fn tuple(items: Items) -> Self {
        List { open: "(", items, close: ")" }
    }

    fn flat_width(&self) -> usize {
        self.open.len() + self.items.flat_width() + self.close.len()
    }

    fn write(&self, out: &mut String, indent: usize, col: usize, trailing: usize) {
        write_list(out, self.open, &self.items, self.close, indent, col, trailing);
    }
}

/// Writes `open`, the items and `close` where the current line is `col`
/// wide and `trailing` more bytes follow before the next possible break:
/// on that line if it fits, else broken with the elements at
/// `indent + INDENT`.
fn write_list(out: &mut String, open: &str, items: &Items, close: &str, indent: usize, col: usize, trailing: usize) {
    out.push_str(open);
    if items.len() == 0 || col + open.len() + items.flat_width() + close.len() + trailing <= MARGIN {
        items.write_flat(out);
    } else {
        out.push('\n');
        write_broken(out, items, indent + INDENT);
        pad(out, indent);
    }
    out.push_str(close);
}

/// The elements of a broken list, a line each (filled for simple ones),
/// each followed by a comma.
fn write_broken(out: &mut String, items: &Items, indent: usize) {
    if !items.simple {
        for element in items.iter() {
            pad(out, indent);
            out.push_str(element);
            out.push_str(",\n");
        }
        return;
    }
    pad(out, indent);
    let mut col = indent;
    let count = items.len();
    for (i, element) in items.iter().enumerate() {
        let last = i + 1 == count;
        let width = element.len() + usize::from(!last);
        if i > 0 {
            if col + 1 + width <= MARGIN {
                out.push(' ');
                col += 1;
            } else {
                out.push('\n');
                pad(out, indent);
                col = indent;
            }
        }
        out.push_str(element);
        if !last {
            out.push(',');
        }
        col += width;
    }
    out.push_str(",\n");
}

/// `{head}[items];` on one line, where `head` is everything before the
/// bracket (`const NAMES: &'static [&'static str; 2] = &`).
pub(super) fn table(out: &mut String, indent: usize, head: &str, items: &Items) {
    pad(out, indent);
    out.push_str(head);
    // The `;` after the bracket counts towards the line.
    write_list(out, "[", items, "]", indent, indent + head.len(), 1);
    out.push_str(";\n");
}

/// `{head}[row, row, ...];` where every row is itself a list.
pub(super) fn table_of_lists(out: &mut String, indent: usize, head: &str, rows: &[List]) {
    pad(out, indent);
    out.push_str(head);
    out.push('[');
    let flat = rows.iter().map(List::flat_width).sum::<usize>() + 2 * rows.len().saturating_sub(1);
    if rows.is_empty() || indent + head.len() + 1 + flat + 2 <= MARGIN {
        for (i, row) in rows.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            row.write(out, indent, 0, 0);
        }
        out.push_str("];\n");
        return;
    }
    out.push('\n');
    let inner = indent + INDENT;
    for (i, row) in rows.iter().enumerate() {
        pad(out, inner);
        // A comma after a row counts towards its line, except after the
        // last, where prettyplease adds it only once the list is broken.
        row.write(out, inner, inner, usize::from(i + 1 < rows.len()));
        out.push_str(",\n");
    }
    pad(out, indent);
    out.push_str("];\n");
}

/// What a `match` arm yields.
pub(super) enum Body<'a> {
    /// A path or a literal: nothing in it can break.
    Atom(&'a str),
    /// A struct literal, `path { fields }`: prettyplease breaks one wider
    /// than 34 columns onto a line per field, however much room it has.
    Struct(&'a str, &'a Items),
    /// Anything else (a call), on its own line where the arm's line is full.
    Other(&'a str),
}

/// A `match` arm `pat => body,` at `indent`. Where the line is too long,
/// the body moves into a block, and where even that needs more than the
/// shapes here (a pattern or a call that breaks inside), prettyplease
/// lays the arm out.
pub(super) fn arm(out: &mut String, indent: usize, pat: &str, body: &Body<'_>) -> Result<(), String> {
    // The pattern and ` => ` come before the first place the arm can break.
    let pat_fits = indent + pat.len() + 4 <= MARGIN;
    let one_line = |width: usize| pat_fits && indent + pat.len() + 4 + width <= MARGIN;
    let (text, struct_width) = match body {
        Body::Atom(text) | Body::Other(text) => ((*text).to_owned(), None),
        Body::Struct(path, fields) => {
            let mut text = format!("{path} {{ ");
            fields.write_flat(&mut text);
            text.push_str(" }");
            let width = text.len();
            (text, Some(width))
        }
    };
    let narrow_struct = struct_width.is_none_or(|width| width <= 35);
    if narrow_struct && one_line(text.len()) {
        pad(out, indent);
        out.push_str(pat);
        out.push_str(" => ");
        out.push_str(&text);
        out.push_str(",\n");
        return Ok(());
    }
    let body_fits = match body {
        Body::Atom(_) | Body::Struct(..) => true,
        Body::Other(text) => indent + INDENT + text.len() <= MARGIN,
    };
    // A string literal or a path cannot break, so a long one only pushes
    // the block's brace out; a struct pattern would break inside.
    let pat_atomic = pat.starts_with('"') || !pat.contains(' ');
    if !(pat_fits || pat_atomic) || !body_fits {
        return arm_by_prettyplease(out, indent, pat, &text);
    }
    pad(out, indent);
    out.push_str(pat);
    out.push_str(" => {\n");
    let inner = indent + INDENT;
    pad(out, inner);
    match body {
        Body::Struct(path, fields) if !narrow_struct => {
            out.push_str(path);
            out.push_str(" {\n");
            write_broken(out, fields, inner + INDENT);
            pad(out, inner);
            out.push_str("}\n");
        }
        _ => {
            out.push_str(&text);
            out.push('\n');
        }
    }
    pad(out, indent);
    out.push_str("}\n");
    Ok(())
}

/// An arm too long for one line, laid out by prettyplease inside blocks
/// nested as deep as `indent`, so that it has the same width to fill.
fn arm_by_prettyplease(out: &mut String, indent: usize, pat: &str, body: &str) -> Result<(), String> {
    let depth = indent / INDENT;
    let mut source = String::from("fn f() {");
    for _ in 2..depth {
        source.push_str(" {");
    }
    let _ = write!(source, " match x {{ {pat} => {body}, }}");
    for _ in 1..depth {
        source.push_str(" }");
    }
    let file: syn::File =
        syn::parse_str(&source).map_err(|e| format!("internal error: a generated match arm does not parse: {e}"))?;
    let printed = prettyplease::unparse(&file);
    let mut lines = printed.lines().skip_while(|line| !line.ends_with("match x {")).skip(1);
    let close = format!("{}}}", " ".repeat(indent - INDENT));
    for line in lines.by_ref() {
        if line == close {
            return Ok(());
        }
        out.push_str(line);
        out.push('\n');
    }
    Err("internal error: a generated match arm was printed unexpectedly".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_are_escaped_as_proc_macro2_escapes_them() {
        for s in ["plain", "quote \" and \\", "tab\tnew\nline", "nul\0 then\x007", "é ü 한 \u{202E} \u{301}", "'"] {
            let mut ours = String::new();
            str_lit(&mut ours, s);
            assert_eq!(ours, proc_macro2::Literal::string(s).to_string(), "{s:?}");
        }
    }

    #[test]
    fn a_long_arm_moves_its_body_into_a_block() {
        let mut out = String::new();
        let pat = format!("\"{}\"", "X".repeat(80));
        arm(&mut out, 12, &pat, &Body::Atom("Self::Long")).unwrap();
        assert_eq!(out, format!("            {pat} => {{\n                Self::Long\n            }}\n"));
    }
}
