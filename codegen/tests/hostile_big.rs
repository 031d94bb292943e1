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
static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        ALLOCATED.fetch_add(layout.size(), Relaxed);
        ALLOCS.fetch_add(1, Relaxed);
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
            ALLOCS.fetch_add(1, Relaxed);
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
    /// Allocations (and growing reallocations) made: a step count for
    /// work that allocates little per step.
    allocs: usize,
}

fn measure<T>(f: impl FnOnce() -> T) -> (T, Cost) {
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let (before, allocs) = (ALLOCATED.load(Relaxed), ALLOCS.load(Relaxed));
    let out = f();
    let cost = Cost {
        allocated: ALLOCATED.load(Relaxed) - before,
        peak: PEAK.load(Relaxed).saturating_sub(base),
        allocs: ALLOCS.load(Relaxed) - allocs,
    };
    (out, cost)
}

#[path = "../benches/support/shapes.rs"]
mod shapes;

use shapes::HEAD;

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

/// `big` costs at most 1.5 times `factor` times `small` in bytes
/// allocated, allocations and peak live memory.
fn assert_linear(what: &str, small: Cost, big: Cost, factor: f64) {
    assert_within(what, small, big, factor, factor * 1.5);
}

/// `big` (`factor` times the input of `small`) costs at most `limit` times
/// `small` in bytes allocated, allocations and peak live memory.
fn assert_within(what: &str, small: Cost, big: Cost, factor: f64, limit: f64) {
    #[allow(clippy::cast_precision_loss)]
    let ratio = |a: usize, b: usize| b as f64 / a.max(1) as f64;
    let (alloc, peak, allocs) = (ratio(small.allocated, big.allocated), ratio(small.peak, big.peak), ratio(small.allocs, big.allocs));
    eprintln!("{what}: {factor}x input -> {alloc:.1}x bytes allocated, {allocs:.1}x allocations, {peak:.1}x peak heap ({small:?} -> {big:?})");
    assert!(alloc <= limit, "{what}: {factor}x the input allocates {alloc:.1}x the bytes (limit {limit}x)");
    assert!(allocs <= limit, "{what}: {factor}x the input makes {allocs:.1}x the allocations (limit {limit}x)");
    assert!(peak <= limit, "{what}: {factor}x the input needs {peak:.1}x the peak heap (limit {limit}x)");
}

/// Passes: a code table with 100,000 rows builds a model with 100,000
/// codes and renders the TypeScript and OpenAPI outputs; ten times the rows
/// cost about ten times the memory work. (The Rust emitter is measured on
/// 1,000 vs 10,000 rows: on 100,000 it takes a minute in a debug build.)
#[test]
fn a_table_with_100000_rows_generates_with_linear_work() {
    let _guard = MEASURING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let small_spec = shapes::rows(10_000);
    let big_spec = shapes::rows(100_000);
    let (n, small) = measure(|| pipeline(small_spec, false));
    assert_eq!(n, 10_000);
    let (n, big) = measure(|| pipeline(big_spec, false));
    assert_eq!(n, 100_000);
    assert_linear("parse + TypeScript + OpenAPI, 10,000 -> 100,000 rows", small, big, 10.0);

    let (small_spec, big_spec) = (shapes::rows(1_000), shapes::rows(10_000));
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
    let big_spec = shapes::padded(50 * 1000 * 1000);
    assert!(big_spec.len() >= 50 * 1000 * 1000 - 200_000, "{}", big_spec.len());
    let size = big_spec.len();
    let last_line = big_spec.lines().count();
    let small_spec = shapes::padded(5 * 1000 * 1000);

    let (model, big) = measure(|| errgen::from_sources(vec![("spec/big.md".to_owned(), big_spec)]).0);
    let model = model.expect("the 50 MB spec builds a model");
    assert_eq!(model.codes.len(), 1000);
    let last = model.codes.last().unwrap();
    assert_eq!((last.code.as_str(), last.source.line as usize), ("PADDED_999", last_line));
    assert!(big.peak < 12 * size, "peak heap {} for a {size}-byte file", big.peak);

    let (_, small) = measure(|| errgen::from_sources(vec![("spec/big.md".to_owned(), small_spec)]).0);
    assert_linear("parse, 5 MB -> 50 MB", small, big, 10.0);
    assert_eq!(pipeline(shapes::padded(1_000_000), true), 1000, "the outputs render");
}

/// A code table of `columns` columns whose `rows` rows write only `cells`
/// of them, then a section with a second, ordinary code table.
fn short_rows_spec(columns: usize, rows: usize, cells: usize) -> String {
    let mut s = String::from(HEAD);
    s.push_str("## Short rows\n\n");
    shapes::wide_head(&mut s, columns);
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
    // Not measured, but it must not allocate while another test measures.
    let _guard = MEASURING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
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

/// Lint as the CLI does: parse, lower and render every diagnostic; returns
/// the number of codes and of diagnostics.
fn lint(spec: String) -> (usize, usize) {
    let (model, diags) = errgen::from_sources(vec![("spec/shape.md".to_owned(), spec)]);
    let rendered = errgen::diag::render_all(&diags, false);
    assert!(rendered.len() >= diags.len());
    (model.map_or(0, |m| m.codes.len()), diags.len())
}

/// Passes: every input shape that once cost quadratic work (issue 16:
/// one-row tables under one heading, tables after prose status lines,
/// directives then tables, codes with JSON examples, `ident.` directives
/// for a table's rows, a very wide header over blank cells, a long table,
/// a big file, the forms outside tables of issue 12: a heading per code,
/// bold leads, list items, records, sections' JSON examples, an HTML
/// table; and `diff` of identical and all-renamed specs) costs at
/// most 20 times as much at 16 times the input, in bytes allocated,
/// allocations made and peak heap. (Quadratic work would be 256 times.)
/// `BENCHMARKS.md` has the release times of the same shapes.
#[test]
fn every_shape_costs_linear_work_at_16x() {
    let _guard = MEASURING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    for shape in &shapes::SHAPES {
        let (small_spec, big_spec) = ((shape.spec)(shape.test_base), (shape.spec)(16 * shape.test_base));
        let ((small_codes, small_diags), small) = measure(|| lint(small_spec));
        let ((big_codes, big_diags), big) = measure(|| lint(big_spec));
        eprintln!("{}: {small_codes} -> {big_codes} codes, {small_diags} -> {big_diags} diagnostics", shape.name);
        assert_within(shape.name, small, big, 16.0, 20.0);
    }
    #[cfg(feature = "diff")]
    for renamed in [false, true] {
        let what = if renamed { "`diff`, every code renamed" } else { "`diff`, identical" };
        let run = |n: usize| {
            let (old, new) = shapes::diff_specs(n, renamed);
            let old = errgen::from_sources(vec![("old/a.md".to_owned(), old)]).0.expect("old model");
            let new = errgen::from_sources(vec![("new/a.md".to_owned(), new)]).0.expect("new model");
            errgen::diff::diff(&old, &new).changes.len()
        };
        let (small_changes, small) = measure(|| run(shapes::DIFF_TEST_BASE));
        let (big_changes, big) = measure(|| run(16 * shapes::DIFF_TEST_BASE));
        assert_eq!(small_changes == 0, !renamed, "{what}");
        assert_eq!(big_changes == 0, !renamed, "{what}");
        assert_within(what, small, big, 16.0, 20.0);
    }
}
