//! Linear work on every input shape that once cost quadratic work (issue
//! 16), counted in instructions: `errgen lint` (and `errgen diff`) run
//! under Valgrind's cachegrind, which counts every instruction the process
//! executes. The count is deterministic (the same binary on the same input
//! counts the same on any machine, however busy), so the test asserts the
//! ratio between 1x and 16x the input, never a time.
//!
//! The counting allocator (`hostile_big.rs`) catches work that allocates;
//! the quadratic loops issue 16 measured (a section's directives read again
//! for each table, a search through the codes for each example) allocate
//! almost nothing per step, so only counting instructions sees them. Run on
//! a build of 852b1ec, before the fixes (`ERRGEN_STEPS_BIN`), this test
//! fails on eight of the eleven shapes, at 20.3x to 209.8x, where the
//! allocation test passes them all (`BENCHMARKS.md`, "Input shapes").
//!
//! Needs `valgrind` on the PATH (`apt-get install valgrind`).

#[path = "../../benches/support/shapes.rs"]
mod shapes;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The errgen binary to count; `ERRGEN_STEPS_BIN` names another (an
/// earlier build, for a before-and-after comparison).
fn bin() -> String {
    std::env::var("ERRGEN_STEPS_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_errgen").to_owned())
}

/// The most 16 times the input may cost: linear work with its constant
/// parts is about 16x; quadratic work is about 256x.
const LIMIT: f64 = 20.0;

/// Instructions `errgen ARGS` executes, from cachegrind's summary.
fn instructions(args: &[&Path]) -> u64 {
    let out = Command::new("valgrind")
        .args(["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"])
        .arg(bin())
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run valgrind (apt-get install valgrind): {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!says_crash(&stderr), "errgen {args:?} crashed under valgrind:\n{stderr}");
    let refs = stderr
        .lines()
        .find_map(|l| l.split_once("I   refs:").map(|(_, n)| n.trim().replace(',', "")))
        .unwrap_or_else(|| panic!("no instruction count in valgrind's output:\n{stderr}"));
    refs.parse().unwrap_or_else(|e| panic!("instruction count {refs:?}: {e}"))
}

fn says_crash(text: &str) -> bool {
    text.contains("panicked at") || text.contains("Process terminating")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Instructions of `errgen lint --spec FILE` on `spec`.
fn lint(dir: &Path, name: &str, spec: &str) -> u64 {
    let path = write(dir, name, spec);
    instructions(&[Path::new("lint"), Path::new("--spec"), &path])
}

/// How many times the work at 1x the work at 16x is, less what a run on
/// the smallest spec costs (start-up, argument parsing).
fn ratio(base: u64, small: u64, big: u64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let r = big.saturating_sub(base) as f64 / small.saturating_sub(base).max(1) as f64;
    r
}

/// The 1x size here: a quarter of the allocation test's, since every run
/// is some 30 times slower under cachegrind; with `ERRGEN_STEPS_SIZES=bench`,
/// the bench's (the sizes, for `BENCHMARKS.md` with a release
/// build in `ERRGEN_STEPS_BIN`).
fn size(test_base: usize, bench_base: usize) -> usize {
    if std::env::var("ERRGEN_STEPS_SIZES").is_ok_and(|v| v == "bench") {
        bench_base
    } else {
        (test_base / 4).max(1)
    }
}

/// Passes: `errgen lint` on each shape of `benches/support/shapes.rs`, and
/// `errgen diff` on identical and all-renamed specs, executes at most 20
/// times the instructions at 16 times the input (beyond the instructions of
/// a run on the smallest spec). Two runs at a time.
#[test]
fn every_shape_executes_linear_instructions_at_16x() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let base = lint(dir, "base.md", shapes::HEAD);
    let diff_base = {
        let a = write(dir, "diff-a.md", shapes::HEAD);
        instructions(&[Path::new("diff"), &a, &a])
    };
    // (name, instructions at 1x and at 16x, start-up instructions)
    let measure = |job: usize| -> (&'static str, u64, u64, u64) {
        if let Some(shape) = shapes::SHAPES.get(job) {
            let n = size(shape.test_base, shape.bench_base);
            let small = lint(dir, &format!("{job}-small.md"), &(shape.spec)(n));
            let big = lint(dir, &format!("{job}-big.md"), &(shape.spec)(16 * n));
            return (shape.name, small, big, base);
        }
        let renamed = job > shapes::SHAPES.len();
        let run = |n: usize| {
            let (a, b) = shapes::diff_specs(n, renamed);
            let (a, b) = (write(dir, &format!("{job}-old-{n}.md"), &a), write(dir, &format!("{job}-new-{n}.md"), &b));
            instructions(&[Path::new("diff"), &a, &b])
        };
        let n = size(shapes::DIFF_TEST_BASE, shapes::DIFF_BENCH_BASE);
        let name = if renamed { "`diff`, every code renamed" } else { "`diff`, identical" };
        (name, run(n), run(16 * n), diff_base)
    };
    let jobs = shapes::SHAPES.len() + 2;
    let results: Vec<_> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|w| scope.spawn(move || (w..jobs).step_by(2).map(measure).collect::<Vec<_>>()))
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("a measuring thread")).collect()
    });
    let mut report = vec![format!("start-up: {base} instructions (diff {diff_base})")];
    let mut over = Vec::new();
    for (name, small, big, base) in results {
        let r = ratio(base, small, big);
        report.push(format!("{name}: {small} -> {big} instructions, {r:.1}x"));
        if r > LIMIT {
            over.push(name);
        }
    }
    eprintln!("{}", report.join("\n"));
    assert!(over.is_empty(), "over {LIMIT}x the instructions at 16x the input: {over:?}\n{}", report.join("\n"));
}
