//! The input shapes that once cost quadratic work (issue 16), each written
//! at a size `n`, for the linear-work test (`tests/hostile_big.rs`, counting
//! allocator) and the `shapes` bench part (release times, `BENCHMARKS.md`).
//! The output depends on `n` alone.
#![allow(dead_code, clippy::doc_markdown)]

use std::fmt::Write as _;

/// A status table, a body example and a retryable section's directive: what
/// every shape's spec starts with.
pub const HEAD: &str = "# Errors\n\n| HTTP Status | HTTP Code | Description |\n| --- | --- | --- |\n| 500 | [Error Code](#error-response-format) | Server error |\n\n## Error Response Format\n\n```json\n{\"code\": \"CODE_0\", \"message\": \"m\"}\n```\n\n## Retryable\n\n<!-- errgen: status=500 retryable=true -->\n\n";

/// One shape: its name as `BENCHMARKS.md` shows it, its 1x size in the
/// bench (the issue's 1x where that fits in memory at 16x) and in the test
/// (debug builds: the bench's 1x over 16, so the test's 16x is the bench's
/// 1x), and how to write it at size `n`.
pub struct Shape {
    pub name: &'static str,
    pub bench_base: usize,
    pub test_base: usize,
    pub spec: fn(usize) -> String,
}

/// The parse-and-lower shapes (the `diff` ones work on two specs: see
/// [`diff_specs`], sizes [`DIFF_BENCH_BASE`] and [`DIFF_TEST_BASE`]).
pub const SHAPES: [Shape; 15] = [
    Shape { name: "one-row tables under one heading", bench_base: 10_000, test_base: 625, spec: one_row_tables },
    Shape {
        name: "tables each after a prose `httpStatus : 500` line",
        bench_base: 2_500,
        test_base: 250,
        spec: prose_status_tables,
    },
    Shape { name: "directives, then one-row tables", bench_base: 2_500, test_base: 250, spec: directives_then_tables },
    Shape { name: "codes and JSON examples each using one", bench_base: 5_000, test_base: 312, spec: examples },
    Shape { name: "`ident.` directives naming a table's rows", bench_base: 5_000, test_base: 312, spec: idents },
    Shape {
        name: "a header of many columns over one row of blank cells",
        bench_base: 64_000,
        test_base: 4_000,
        spec: wide_header,
    },
    Shape {
        name: "one directive line naming identifiers for codes no table has",
        bench_base: 2_000,
        test_base: 125,
        spec: long_directive,
    },
    Shape { name: "one code table of many rows", bench_base: 6_250, test_base: 1_000, spec: rows },
    Shape {
        name: "a big file (bytes) of prose, code blocks and small tables",
        bench_base: 3_125_000,
        test_base: 500_000,
        spec: padded,
    },
    // Codes outside tables (issue 12).
    Shape { name: "a heading per code, each with a status line", bench_base: 8_000, test_base: 500, spec: code_headings },
    Shape { name: "bold leads, each with a status line", bench_base: 8_000, test_base: 500, spec: bold_leads },
    Shape { name: "list items under one section status", bench_base: 8_000, test_base: 500, spec: list_items },
    Shape { name: "`Label: value` records, a section each", bench_base: 8_000, test_base: 500, spec: records },
    Shape { name: "sections whose only word on their code is a JSON example", bench_base: 8_000, test_base: 500, spec: section_examples },
    Shape { name: "one raw HTML table of many rows", bench_base: 8_000, test_base: 500, spec: html_rows },
];

/// The page title of the shapes outside tables.
const CODES_TITLE: &str = "# Error codes\n\n";

pub fn code_headings(n: usize) -> String {
    let mut s = format!("{HEAD}{CODES_TITLE}");
    for i in 0..n {
        let _ = write!(s, "### E_{i:06}\n * The message of {i}.\n\nHTTP Status Code: 400\n\n");
    }
    s
}

pub fn bold_leads(n: usize) -> String {
    let mut s = format!("{HEAD}{CODES_TITLE}");
    for i in 0..n {
        let _ = write!(s, "**E_{i:06}**  \nThe message of {i}.  \nHTTP Status Code: 409\n\n");
    }
    s
}

pub fn list_items(n: usize) -> String {
    let mut s = format!("{HEAD}{CODES_TITLE}All of these are sent with HTTP status 400.\n\n");
    for i in 0..n {
        let _ = writeln!(s, "- E_{i:06}: The message of {i}.");
    }
    s
}

pub fn records(n: usize) -> String {
    let mut s = format!("{HEAD}{CODES_TITLE}");
    for i in 0..n {
        let _ = write!(s, "## Case {i}\n- HTTP status: 500\n- Error code: E_{i:06}\n- Error message: The message of {i}.\n\n");
    }
    s
}

pub fn section_examples(n: usize) -> String {
    let mut s = format!("{HEAD}{CODES_TITLE}");
    for i in 0..n {
        let _ = write!(
            s,
            "## Case {i}\n- Status: 503\n\n```json\n{{\"header\": {{\"resultCode\": {}, \"resultMessage\": \"m {i}\"}}}}\n```\n\n",
            1_000_000 + i
        );
    }
    s
}

pub fn html_rows(n: usize) -> String {
    let mut s = format!("{HEAD}{CODES_TITLE}<table>\n<tr><th>Code</th><th>HTTP Status</th><th>Message</th></tr>\n");
    for i in 0..n {
        let _ = writeln!(s, "<tr><td><code>E_{i:06}</code></td><td>404</td><td>The message of <b>{i}</b>.</td></tr>");
    }
    s.push_str("</table>\n");
    s
}

/// Codes per spec at 1x of the `diff` shapes, in the bench and the test.
pub const DIFF_BENCH_BASE: usize = 6_250;
pub const DIFF_TEST_BASE: usize = 390;

fn one_row_table(s: &mut String, i: usize) {
    let _ = write!(s, "| code | message |\n| --- | --- |\n| CODE\\_{i} | Message {i} |\n\n");
}

/// `n` one-row code tables under one heading.
pub fn one_row_tables(n: usize) -> String {
    let mut s = String::with_capacity(HEAD.len() + n * 50);
    s.push_str(HEAD);
    for i in 0..n {
        one_row_table(&mut s, i);
    }
    s
}

/// `n` one-row code tables under one heading, each after a prose
/// `httpStatus : 500` line.
pub fn prose_status_tables(n: usize) -> String {
    let mut s = String::with_capacity(HEAD.len() + n * 70);
    s.push_str(HEAD);
    for i in 0..n {
        s.push_str("httpStatus : 500\n\n");
        one_row_table(&mut s, i);
    }
    s
}

/// `n` directives, then `n` one-row code tables, under one heading.
pub fn directives_then_tables(n: usize) -> String {
    let mut s = String::with_capacity(HEAD.len() + n * 80);
    s.push_str(HEAD);
    for _ in 0..n {
        s.push_str("<!-- errgen: status=500 -->\n\n");
    }
    for i in 0..n {
        one_row_table(&mut s, i);
    }
    s
}

/// A table of `n` codes, then `n` JSON examples, each using one of them.
pub fn examples(n: usize) -> String {
    let mut s = rows(n);
    s.push_str("\n## Examples\n\n");
    for i in 0..n {
        let _ = write!(s, "```json\n{{\"code\": \"CODE_{i}\", \"message\": \"Failed {i}\"}}\n```\n\n");
    }
    s
}

/// `n` `ident.` directives naming the rows of the `n`-row table under them.
pub fn idents(n: usize) -> String {
    let mut s = String::with_capacity(HEAD.len() + n * 150);
    s.push_str(HEAD);
    for i in 0..n {
        let _ = writeln!(s, "<!-- errgen: ident.CODE_{i}=Named{i} -->");
    }
    s.push_str("\n| code | message |\n| --- | --- |\n");
    for i in 0..n {
        let _ = writeln!(s, "| CODE\\_{i} | Message {i} |");
    }
    s
}

/// The header and separator rows of a code table of `n` columns: `code`,
/// `message`, then `c2` ...
pub fn wide_head(s: &mut String, n: usize) {
    s.push_str("| code | message |");
    for c in 2..n {
        let _ = write!(s, " c{c} |");
    }
    s.push_str("\n|");
    s.push_str(&" --- |".repeat(n.max(2)));
    s.push('\n');
}

/// A code table whose header has `n` columns, over one row of blank cells.
pub fn wide_header(n: usize) -> String {
    let n = n.max(2);
    let mut s = String::with_capacity(HEAD.len() + n * 12);
    s.push_str(HEAD);
    wide_head(&mut s, n);
    s.push('|');
    s.push_str(&"  |".repeat(n));
    s.push_str("\n\n| code | message |\n| --- | --- |\n| WIDE\\_0 | Wide |\n");
    s
}

/// One directive line of `n` `ident.` entries for codes no table defines
/// (a warning each, all on that line), over a one-row table.
pub fn long_directive(n: usize) -> String {
    let mut s = String::with_capacity(HEAD.len() + n * 30);
    s.push_str(HEAD);
    s.push_str("<!-- errgen: status=500");
    for i in 0..n {
        let _ = write!(s, " ident.GONE_{i}=Gone{i}");
    }
    s.push_str(" -->\n\n");
    one_row_table(&mut s, 0);
    s
}

/// One code table with `n` rows, each with a parameter, markup and hostile
/// text.
pub fn rows(n: usize) -> String {
    let mut s = String::with_capacity(n * 110 + HEAD.len());
    s.push_str(HEAD);
    s.push_str("| code | message | description |\n| --- | --- | --- |\n");
    for i in 0..n {
        let _ = writeln!(s, "| CODE\\_{i} | Failed {i}: {{{{Detail}}}} \\| */ | `${{x}}` **bold** &amp; <br> line {i} |");
    }
    s
}

/// Rows of the code table at the end of [`padded`].
pub const PADDED_ROWS: usize = 1000;

/// A spec of about `bytes` bytes: a 1,000-row code table after prose, code
/// blocks and ignored tables that fill the rest.
pub fn padded(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 50_000);
    s.push_str(HEAD);
    let filler = "Prose with *emphasis*, `code`, [links](#x), {{braces}}, | pipes |, &amp; entities, \
                  \u{202E}bidi\u{202C} and 한국어 text that goes on for a while to fill the line.\n";
    let mut i = 0;
    // The code table at the end takes about 30 KB.
    while s.len() + 40_000 < bytes {
        match i % 3 {
            0 => {
                for _ in 0..20 {
                    s.push_str(filler);
                }
                s.push('\n');
            }
            1 => {
                s.push_str("```text\n");
                for _ in 0..20 {
                    s.push_str(filler);
                }
                s.push_str("```\n\n");
            }
            _ => s.push_str("| a | b |\n| --- | --- |\n| 1 | 2 |\n| 3 | 4 |\n\n"),
        }
        i += 1;
    }
    s.push_str("<!-- errgen: status=500 retryable=true -->\n\n| code | message |\n| --- | --- |\n");
    for i in 0..PADDED_ROWS {
        let _ = writeln!(s, "| PADDED\\_{i} | Message {i} |");
    }
    s
}

/// The two `errgen diff` shapes of the issue: two specs of `n` codes,
/// identical (`renamed` false) or with every code renamed (same message
/// and status, so every pair is a probable rename).
pub fn diff_specs(n: usize, renamed: bool) -> (String, String) {
    let old = rows(n);
    let new = if renamed { old.replace("| CODE\\_", "| RENAMED\\_") } else { old.clone() };
    (old, new)
}
