//! Big hostile inputs, generated at test time (never committed): a code
//! table with 100,000 rows and a 50 MB spec file. Both must generate.
//!
//! Time is not asserted (debug builds and shared CI machines make it
//! meaningless); work is. A counting allocator measures, for the parse and
//! the emitters, the bytes allocated and the peak of live heap memory, and
//! the tests assert that ten times the input costs about ten times as much
//! (a quadratic step would cost a hundred times). The README's "What errgen
//! guarantees for bad input" has release-build times and peak RSS.
#![cfg(feature = "templates")]

use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::Mutex;

struct Counting;

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        ALLOCATED.fetch_add(layout.size(), Relaxed);
        // SAFETY: the caller's contract is passed on.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: the caller's contract is passed on.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let grow = new_size - layout.size();
            let live = LIVE.fetch_add(grow, Relaxed) + grow;
            PEAK.fetch_max(live, Relaxed);
            ALLOCATED.fetch_add(grow, Relaxed);
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Relaxed);
        }
        // SAFETY: the caller's contract is passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Measurements must not overlap: the counters are global.
static MEASURING: Mutex<()> = Mutex::new(());

#[derive(Debug, Clone, Copy)]
struct Cost {
    /// Bytes allocated in all.
    allocated: usize,
    /// Peak live heap above what was live before.
    peak: usize,
}

fn measure<T>(f: impl FnOnce() -> T) -> (T, Cost) {
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let before = ALLOCATED.load(Relaxed);
    let out = f();
    let cost = Cost { allocated: ALLOCATED.load(Relaxed) - before, peak: PEAK.load(Relaxed).saturating_sub(base) };
    (out, cost)
}

const HEAD: &str = "# Errors\n\n| HTTP Status | HTTP Code | Description |\n| --- | --- | --- |\n| 500 | [Error Code](#error-response-format) | Server error |\n\n## Error Response Format\n\n```json\n{\"code\": \"CODE_0\", \"message\": \"m\"}\n```\n\n## Retryable\n\n<!-- errgen: status=500 retryable=true -->\n\n";

/// A spec with one code table of `rows` rows, each with a parameter, markup
/// and hostile text.
fn rows_spec(rows: usize) -> String {
    let mut s = String::with_capacity(rows * 110 + HEAD.len());
    s.push_str(HEAD);
    s.push_str("| code | message | description |\n| --- | --- | --- |\n");
    for i in 0..rows {
        let _ = writeln!(s, "| CODE\\_{i} | Failed {i}: {{{{Detail}}}} \\| */ | `${{x}}` **bold** &amp; <br> line {i} |");
    }
    s
}

/// A spec of about `bytes` bytes: a 1,000-row code table after prose,
/// code blocks and ignored tables that fill the rest.
fn padded_spec(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 200_000);
    s.push_str(HEAD);
    let filler = "Prose with *emphasis*, `code`, [links](#x), {{braces}}, | pipes |, &amp; entities, \
                  \u{202E}bidi\u{202C} and 한국어 text that goes on for a while to fill the line.\n";
    let mut i = 0;
    while s.len() + 150_000 < bytes {
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
    for i in 0..1000 {
        let _ = writeln!(s, "| PADDED\\_{i} | Message {i} |");
    }
    s
}

/// Parse and every emitter; returns the number of codes.
fn pipeline(spec: String, rust: bool) -> usize {
    let (model, diags) = errgen::from_sources(vec![("spec/big.md".to_owned(), spec)]);
    let model = model.unwrap_or_else(|| panic!("{}", errgen::diag::summary(&diags)));
    let header = errgen::emit::Header { command: "errgen generate".to_owned(), sources: vec!["spec/big.md".to_owned()] };
    #[cfg(feature = "templates")]
    {
        let ts = errgen::emit::typescript(&model, &header).unwrap();
        let yaml = errgen::emit::openapi(&model, &header).unwrap();
        assert!(ts.contains(&format!("\"{}\"", model.codes.last().unwrap().code)));
        assert!(yaml.len() > model.codes.len());
    }
    let _ = &header;
    if rust {
        let rs = errgen::Config::new().generate(&model).unwrap();
        assert!(rs.contains("pub enum ErrorCode"));
    }
    model.codes.len()
}

/// `big` costs at most `limit` times `small` in bytes allocated and in
/// peak live memory.
fn assert_linear(what: &str, small: Cost, big: Cost, factor: f64) {
    let limit = factor * 1.5;
    #[allow(clippy::cast_precision_loss)]
    let ratio = |a: usize, b: usize| b as f64 / a.max(1) as f64;
    let (alloc, peak) = (ratio(small.allocated, big.allocated), ratio(small.peak, big.peak));
    eprintln!("{what}: {factor}x input -> {alloc:.1}x bytes allocated, {peak:.1}x peak heap ({small:?} -> {big:?})");
    assert!(alloc <= limit, "{what}: {factor}x the input allocates {alloc:.1}x the bytes (limit {limit}x)");
    assert!(peak <= limit, "{what}: {factor}x the input needs {peak:.1}x the peak heap (limit {limit}x)");
}

/// Passes: a code table with 100,000 rows builds a model with 100,000
/// codes and renders the TypeScript and OpenAPI outputs; ten times the rows
/// cost about ten times the memory work. (The Rust emitter is measured on
/// 1,000 vs 10,000 rows: on 100,000 it takes a minute in a debug build.)
#[test]
fn a_table_with_100000_rows_generates_with_linear_work() {
    let _guard = MEASURING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let small_spec = rows_spec(10_000);
    let big_spec = rows_spec(100_000);
    let (n, small) = measure(|| pipeline(small_spec, false));
    assert_eq!(n, 10_000);
    let (n, big) = measure(|| pipeline(big_spec, false));
    assert_eq!(n, 100_000);
    assert_linear("parse + TypeScript + OpenAPI, 10,000 -> 100,000 rows", small, big, 10.0);

    let (small_spec, big_spec) = (rows_spec(1_000), rows_spec(10_000));
    let (_, small) = measure(|| pipeline(small_spec, true));
    let (_, big) = measure(|| pipeline(big_spec, true));
    assert_linear("all emitters incl. Rust, 1,000 -> 10,000 rows", small, big, 10.0);
}

/// Passes: a 50 MB spec (prose, code blocks and small tables around a
/// 1,000-row code table) builds its model with every row located on the
/// right line; the peak heap stays within a small multiple of the file, and
/// 10x the file costs about 10x (5 MB vs 50 MB).
#[test]
fn a_50_mb_file_generates_with_linear_work_and_bounded_memory() {
    let _guard = MEASURING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let big_spec = padded_spec(50 * 1000 * 1000);
    assert!(big_spec.len() >= 50 * 1000 * 1000 - 200_000, "{}", big_spec.len());
    let size = big_spec.len();
    let last_line = big_spec.lines().count();
    let small_spec = padded_spec(5 * 1000 * 1000);

    let (model, big) = measure(|| errgen::from_sources(vec![("spec/big.md".to_owned(), big_spec)]).0);
    let model = model.expect("the 50 MB spec builds a model");
    assert_eq!(model.codes.len(), 1000);
    let last = model.codes.last().unwrap();
    assert_eq!((last.code.as_str(), last.source.line as usize), ("PADDED_999", last_line));
    assert!(big.peak < 12 * size, "peak heap {} for a {size}-byte file", big.peak);

    let (_, small) = measure(|| errgen::from_sources(vec![("spec/big.md".to_owned(), small_spec)]).0);
    assert_linear("parse, 5 MB -> 50 MB", small, big, 10.0);
    assert_eq!(pipeline(padded_spec(1_000_000), true), 1000, "the outputs render");
}

/// A code table of `columns` columns whose `rows` rows write only `cells`
/// of them, then a section with a second, ordinary code table.
fn short_rows_spec(columns: usize, rows: usize, cells: usize) -> String {
    let mut s = String::from(HEAD);
    s.push_str("## Short rows\n\n| code | message |");
    for c in 2..columns {
        let _ = write!(s, " c{c} |");
    }
    s.push_str("\n|");
    s.push_str(&" --- |".repeat(columns));
    s.push('\n');
    for i in 0..rows {
        let _ = write!(s, "| SHORT\\_{i} | Message {i} |");
        s.push_str(&"  |".repeat(cells.saturating_sub(2)));
        s.push('\n');
    }
    s.push_str("\n## After\n\n<!-- errgen: status=500 -->\n\n| code | message |\n| --- | --- |\n| AFTER\\_0 | After |\n");
    s
}

/// Passes: a table pulldown-cmark gives up on (past 262,144 cells filled
/// in for short rows: 20 columns, 14,564 rows of 2 cells) is an error at
/// the first row lost, naming the limit and the fix, never a model without
/// its codes; the section after it is still read. The same table with
/// every cell written (blank) gives all its codes.
#[test]
fn a_table_the_markdown_parser_gives_up_on_is_an_error_at_the_table() {
    let spec = short_rows_spec(20, 14_564, 2);
    let cut_line = spec.lines().position(|l| l.starts_with("| SHORT\\_14563 |")).unwrap() + 1;
    let header_line = spec.lines().position(|l| l.starts_with("| code | message | c2")).unwrap() + 1;
    let (model, diags) = errgen::from_sources(vec![("spec/short.md".to_owned(), spec)]);
    assert!(model.is_none(), "a cut table must not give a model");
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{}", errgen::diag::render_all(&diags, false));
    let error = errors[0];
    assert!(error.message.starts_with("table cut short after 14563 rows"), "{}", error.message);
    assert!(error.message.contains("262144 cells"), "{}", error.message);
    assert_eq!(error.labels[0].source.line as usize, cut_line);
    assert_eq!(error.labels[1].source.line as usize, header_line);
    assert!(error.help.as_deref().unwrap_or("").contains("write all 20 cells of every row"), "{:?}", error.help);

    // Every cell written: nothing is filled in, nothing is cut.
    let (model, diags) = errgen::from_sources(vec![("spec/full.md".to_owned(), short_rows_spec(20, 14_564, 20))]);
    let model = model.unwrap_or_else(|| panic!("{}", errgen::diag::summary(&diags)));
    assert_eq!(model.codes.len(), 14_565);
    assert_eq!(model.codes.last().map(|c| c.code.as_str()), Some("AFTER_0"));
}
