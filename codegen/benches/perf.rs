//! errgen's benchmark suite (issue 7): `bash codegen/benches/run.sh`, or
//! one part with `cargo bench -p errgen-cli --bench perf -- PART`
//! where PART is `generate`, `compile`, `lookup`, `cold`, `rebuild`,
//! `memory`, `diff` or `shapes` (several may be given; none means all).
//!
//! Every figure is a ratio of two things measured side by side, in
//! alternating runs, in the same process: the machines these run on are
//! shared and noisy. Throwaway crates and target folders go under
//! `$ERRGEN_BENCH_TMP` (default: the system's temporary folder) and are
//! deleted afterwards. Results print as Markdown table rows, the way
//! `BENCHMARKS.md` records them.

#![allow(clippy::cast_precision_loss, clippy::many_single_char_names, clippy::doc_markdown)]

#[path = "support/shapes.rs"]
mod shapes;
#[path = "support/synth.rs"]
mod synth;

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use errgen::emit::{self, Header};

fn main() {
    let parts: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let want = |name: &str| parts.is_empty() || parts.iter().any(|p| p == name);
    if parts.iter().any(|p| p.starts_with("profile-")) {
        return profile(&parts);
    }
    let profile = if cfg!(debug_assertions) { "dev" } else { "release" };
    println!("errgen benches, {profile} profile, {} cores", std::thread::available_parallelism().map_or(0, std::num::NonZero::get));
    if want("generate") {
        generate();
    }
    if want("compile") {
        compile();
    }
    if want("lookup") {
        lookup();
    }
    if want("cold") {
        cold();
    }
    if want("rebuild") {
        rebuild();
    }
    if want("memory") {
        memory();
    }
    if want("diff") {
        diff_part();
    }
    if want("shapes") {
        shapes_part();
    }
}

/// Not part of the suite: loops to run under `perf record`, or under
/// callgrind to count instructions, which a busy machine does not move
/// (BENCHMARKS.md, section 1): `profile-generate` runs `full_generate` and
/// `profile-parse` the bare parse, three times each on 10,000 codes (or
/// the first size of `$ERRGEN_BENCH_N`); count only inside them with
/// `valgrind --tool=callgrind --toggle-collect='perf::full_generate'`
/// (or `'perf::bare_parse'`). `profile-spec` writes the synthetic spec of
/// that size under `$ERRGEN_BENCH_TMP/spec`, `profile-emit` the generated
/// and the bare Rust files.
fn profile(parts: &[String]) {
    let n = std::env::var("ERRGEN_BENCH_N").ok().and_then(|l| l.split(',').next()?.trim().parse().ok()).unwrap_or(10_000);
    if parts.iter().any(|p| p == "profile-generate") {
        let files = synth::spec(n);
        for _ in 0..3 {
            black_box(full_generate(files.clone()));
        }
    }
    if parts.iter().any(|p| p == "profile-parse") {
        let files = synth::spec(n);
        for _ in 0..3 {
            black_box(bare_parse(&files));
        }
    }
    if parts.iter().any(|p| p == "profile-spec") {
        // The synthetic spec on disk, to run the CLI on by hand (under
        // `/usr/bin/time -v` or massif, say); left in place.
        let dir = scratch("spec").join(format!("spec{n}"));
        synth::write(&dir, &synth::spec(n)).expect("write the spec");
        println!("written to {}", dir.display());
    }
    if parts.iter().any(|p| p == "profile-emit") {
        let dir = scratch("emit");
        for n in sizes(&[1_000, 10_000]) {
            let model = model(n);
            write(&dir.join(format!("errors{n}.rs")), &errgen::Config::new().generate(&model).expect("generates"));
            write(&dir.join(format!("bare{n}.rs")), &bare_enums(&model));
        }
        println!("written to {}", dir.display());
    }
}

// ---------------------------------------------------------------- helpers

/// The sizes to run: `default`, or those of them listed in
/// `$ERRGEN_BENCH_N` (comma-separated), for a quick look at one size.
fn sizes(default: &[usize]) -> Vec<usize> {
    match std::env::var("ERRGEN_BENCH_N") {
        Ok(list) => {
            let wanted: Vec<usize> = list.split(',').filter_map(|n| n.trim().parse().ok()).collect();
            default.iter().copied().filter(|n| wanted.contains(n)).collect()
        }
        Err(_) => default.to_vec(),
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.2} s")
    } else {
        format!("{:.1} ms", s * 1e3)
    }
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

/// A fresh, empty folder under the bench temporary folder.
fn scratch(name: &str) -> PathBuf {
    let root = std::env::var_os("ERRGEN_BENCH_TMP").map_or_else(|| std::env::temp_dir().join("errgen-bench"), PathBuf::from);
    let dir = root.join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the bench folder");
    dir
}

fn model(n: usize) -> errgen::Model {
    let (model, _) = errgen::from_sources(synth::spec(n));
    model.expect("the synthetic spec has no errors")
}

fn run(cmd: &mut Command) -> Duration {
    let start = Instant::now();
    let out = cmd.output().expect("run a command");
    let took = start.elapsed();
    assert!(out.status.success(), "{cmd:?} failed:\n{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    took
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create a folder");
    }
    std::fs::write(path, text).expect("write a file");
}

/// The path of the errgen crate, for throwaway crates that depend on it.
fn errgen_dir() -> PathBuf {
    // The bench is a target of the CLI package, `codegen/cli`.
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

// ------------------------------------------------------------- 1. generate

#[inline(never)]
fn bare_parse(files: &[(String, String)]) -> usize {
    let mut n = 0;
    for (_, text) in files {
        let parser = pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::ENABLE_TABLES);
        for (event, range) in parser.into_offset_iter() {
            black_box(&event);
            n += range.len();
        }
    }
    n
}

/// Parse + lower, Rust (formatted), TypeScript and OpenAPI; the times of
/// the three stages.
#[inline(never)]
fn full_generate(files: Vec<(String, String)>) -> [Duration; 3] {
    let sources = files.iter().map(|(p, _)| p.clone()).collect();
    let t0 = Instant::now();
    let (model, _) = errgen::from_sources(files);
    let model = model.expect("no errors");
    let t1 = Instant::now();
    let rust = errgen::Config::new().serde(true).http(true).generate(&model).expect("generates");
    let t2 = Instant::now();
    let header = Header { command: "bench".to_owned(), sources };
    let rendered = emit::render_all(&model, &header).expect("renders");
    let t3 = Instant::now();
    black_box((rust, rendered));
    [t1 - t0, t2 - t1, t3 - t2]
}

fn generate() {
    let profile = if cfg!(debug_assertions) { "dev" } else { "release" };
    println!("\n## 1. generation ({profile}): full generate vs bare pulldown-cmark parse\n");
    println!("| N | input | bare parse | full generate | ratio | parse+lower | Rust | TS+OpenAPI |");
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut per_code = Vec::new();
    for n in sizes(&[100, 1_000, 10_000, 100_000]) {
        let files = synth::spec(n);
        let runs = match n {
            // Unoptimised, one run at 100,000 codes takes minutes.
            100_000.. if cfg!(debug_assertions) => 1,
            100_000.. => 3,
            10_000.. => 5,
            _ => 11,
        };
        let (mut bare, mut full, mut stages) = (Vec::new(), Vec::new(), [Vec::new(), Vec::new(), Vec::new()]);
        for _ in 0..runs {
            let start = Instant::now();
            black_box(bare_parse(&files));
            bare.push(start.elapsed());
            let copy = files.clone();
            let start = Instant::now();
            let s = full_generate(copy);
            full.push(start.elapsed());
            for (v, d) in stages.iter_mut().zip(s) {
                v.push(d);
            }
        }
        let (b, f) = (median(bare), median(full));
        let [p, r, t] = stages.map(median);
        per_code.push((n, f));
        println!(
            "| {n} | {} KB | {} | {} | {:.1}x | {} | {} | {} |",
            synth::size(&files) / 1024,
            secs(b),
            secs(f),
            ratio(f, b),
            secs(p),
            secs(r),
            secs(t)
        );
    }
    if let (Some(&(_, ten)), Some(&(_, hundred))) = (per_code.get(2), per_code.get(3)) {
        println!("\ngrowth 10,000 -> 100,000 codes: {:.1}x (target: within 12x)", ratio(hundred, ten));
    }
}

// -------------------------------------------------------------- 2. compile

/// The bare enums: the generated file's three enums and the body struct,
/// with the same variants, fields and derives, and nothing else.
fn bare_enums(model: &errgen::Model) -> String {
    let reserved = ["Unknown", "Unmatched"];
    let copy = "#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]\n#[non_exhaustive]\n";
    let other = "#[derive(Clone, PartialEq, Eq, Hash, Debug)]\n#[non_exhaustive]\n";
    let mut s = format!("{copy}pub enum ErrorCode {{\n");
    for c in &model.codes {
        let _ = writeln!(s, "    {},", errgen::ident::rust_variant(&c.ident, &reserved));
    }
    s.push_str("}\n\n");
    s.push_str(other);
    s.push_str("pub enum Error {\n");
    for c in &model.codes {
        let v = errgen::ident::rust_variant(&c.ident, &reserved);
        if c.params.is_empty() {
            let _ = writeln!(s, "    {v},");
        } else {
            let fields: Vec<String> =
                c.params.iter().map(|p| format!("{}: String", errgen::ident::rust_field(&p.name))).collect();
            let _ = writeln!(s, "    {v} {{ {} }},", fields.join(", "));
        }
    }
    s.push_str("    Unknown { code: String, message: String },\n    Unmatched { code: ErrorCode, message: String },\n}\n\n");
    s.push_str(copy);
    s.push_str("pub enum HttpStatus {\n");
    for st in &model.statuses {
        let _ = writeln!(s, "    Status{},", st.status);
    }
    s.push_str("}\n\n#[derive(Clone, PartialEq, Eq, Hash, Debug, Default)]\npub struct ErrorBody { pub code: String, pub message: String }\n");
    s
}

/// CPU time (user and system) of the children this process has waited
/// for, from `/proc/self/stat` (Linux; `None` elsewhere): what a compile
/// costs, which a loaded machine moves far less than its wall time.
fn children_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and may
    // hold spaces: `cutime` and `cstime` are the 16th and 17th of the line.
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split(' ').collect();
    let ticks: u64 = fields.get(13)?.parse::<u64>().ok()? + fields.get(14)?.parse::<u64>().ok()?;
    // `/proc` counts in USER_HZ, 100 a second on every Linux.
    Some(Duration::from_millis(ticks * 10))
}

/// One `rustc` run on `dir/lib.rs`, with the flags cargo passes for the
/// profile (no embedded bitcode, which cargo asks for only for LTO): its
/// wall time and its CPU time (the wall time where there is no `/proc`).
fn rustc(dir: &Path, release: bool) -> (Duration, Duration) {
    let out = dir.join("out");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).expect("out folder");
    let mut cmd = Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()));
    cmd.args(["--edition", "2021", "--crate-type", "lib", "--crate-name", "bench", "-C", "embed-bitcode=no"]).arg("--out-dir").arg(&out);
    if release {
        cmd.args(["-C", "opt-level=3"]);
    } else {
        cmd.args(["-C", "opt-level=0", "-C", "debuginfo=2"]);
    }
    cmd.arg(dir.join("lib.rs"));
    let before = children_cpu();
    let wall = run(&mut cmd);
    let cpu = before.zip(children_cpu()).map_or(wall, |(before, after)| after.saturating_sub(before));
    (wall, cpu)
}

fn compile() {
    println!("\n## 2. compile time of the generated code vs the bare enums (rustc, no dependencies)\n");
    println!("CPU time (user + system) of rustc, median of 3 runs alternating; wall-time ratio beside it.\n");
    println!("| N | profile | bare enums | generated | ratio | ratio of wall times |");
    println!("| ---: | --- | ---: | ---: | ---: | ---: |");
    let root = scratch("compile");
    for n in sizes(&[1_000, 10_000]) {
        let model = model(n);
        let generated = errgen::Config::new().generate(&model).expect("generates");
        let gen_dir = root.join(format!("gen{n}"));
        let bare_dir = root.join(format!("bare{n}"));
        write(&gen_dir.join("errors.rs"), &generated);
        write(&gen_dir.join("lib.rs"), "include!(\"errors.rs\");\n");
        write(&bare_dir.join("lib.rs"), &bare_enums(&model));
        for release in [false, true] {
            let (mut bare, mut gen, mut bare_wall, mut gen_wall) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            for _ in 0..3 {
                let (wall, cpu) = rustc(&bare_dir, release);
                bare.push(cpu);
                bare_wall.push(wall);
                let (wall, cpu) = rustc(&gen_dir, release);
                gen.push(cpu);
                gen_wall.push(wall);
            }
            let (b, g) = (median(bare), median(gen));
            let wall_ratio = ratio(median(gen_wall), median(bare_wall));
            let profile = if release { "release" } else { "debug" };
            println!("| {n} | {profile} | {} | {} | {:.2}x | {wall_ratio:.2}x |", secs(b), secs(g), ratio(g, b));
        }
    }
    let _ = std::fs::remove_dir_all(&root);
}

// --------------------------------------------------------------- 3. lookup

const LOOKUP_NS: [usize; 3] = [8, 100, 10_000];

fn variant(c: &errgen::model::Code) -> String {
    errgen::ident::rust_variant(&c.ident, &["Unknown", "Unmatched"])
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// One module per N: the generated code and the three competitors, which
/// map a wire code to the same generated `ErrorCode`.
fn lookup_module(n: usize, dir: &Path) -> String {
    let model = model(n);
    let generated = errgen::Config::new().serde(true).generate(&model).expect("generates");
    write(&dir.join(format!("src/errors{n}.rs")), &generated);
    let mut s = format!("pub mod n{n} {{\n    #![allow(missing_docs, clippy::all)]\n    include!(\"errors{n}.rs\");\n\n");
    s.push_str("    #[inline(never)]\n    pub fn by_match(s: &str) -> Option<ErrorCode> {\n        match s {\n");
    for c in &model.codes {
        let _ = writeln!(s, "            {} => Some(ErrorCode::{}),", lit(&c.code), variant(c));
    }
    s.push_str("            _ => None,\n        }\n    }\n\n");
    s.push_str("    pub static PHF: phf::Map<&'static str, ErrorCode> = phf::phf_map! {\n");
    for c in &model.codes {
        let _ = writeln!(s, "        {} => ErrorCode::{},", lit(&c.code), variant(c));
    }
    s.push_str("    };\n\n    #[inline(never)]\n    pub fn by_phf(s: &str) -> Option<ErrorCode> {\n        PHF.get(s).copied()\n    }\n\n");
    let mut sorted: Vec<&errgen::model::Code> = model.codes.iter().collect();
    sorted.sort_by(|a, b| a.code.cmp(&b.code));
    let _ = writeln!(s, "    pub static SORTED: [(&str, ErrorCode); {n}] = [");
    for c in sorted {
        let _ = writeln!(s, "        ({}, ErrorCode::{}),", lit(&c.code), variant(c));
    }
    s.push_str("    ];\n\n    #[inline(never)]\n    pub fn by_sorted(s: &str) -> Option<ErrorCode> {\n");
    s.push_str("        SORTED.binary_search_by(|(k, _)| (*k).cmp(s)).ok().map(|i| SORTED[i].1)\n    }\n\n");
    s.push_str("    #[inline(never)]\n    pub fn by_errgen(s: &str) -> Option<ErrorCode> {\n        ErrorCode::from_wire(s)\n    }\n\n");
    s.push_str("    #[inline(never)]\n    pub fn by_from_str(s: &str) -> Option<ErrorCode> {\n        s.parse().ok()\n    }\n\n");
    s.push_str("    pub const KEYS: &[&str] = &[\n");
    for c in &model.codes {
        let _ = writeln!(s, "        {},", lit(&c.code));
    }
    s.push_str("    ];\n    pub const MESSAGES: &[&str] = &[\n");
    for c in &model.codes {
        let values: Vec<&str> = c.params.iter().map(|_| "x-42").collect();
        let _ = writeln!(s, "        {},", lit(&c.render(&values)));
    }
    s.push_str("    ];\n}\n\n");
    s
}

const LOOKUP_MAIN: &str = r##"
use std::hint::black_box;
use std::time::Instant;

#[derive(serde::Deserialize)]
struct RawBody {
    code: String,
    message: String,
}

fn keys(codes: &[&str], hits: bool) -> Vec<String> {
    let mut out: Vec<String> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if hits {
                (*c).to_owned()
            } else if i % 2 == 0 {
                let mut s = (*c).to_owned();
                let mid = s.len() / 2;
                s.replace_range(mid..=mid, "#");
                s
            } else {
                format!("{c}S")
            }
        })
        .collect();
    while out.len() < 4096 {
        let again = out.clone();
        out.extend(again);
    }
    // A fixed shuffle (xorshift), so the order is not the table's.
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for i in (1..out.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.swap(i, (x % (i as u64 + 1)) as usize);
    }
    out
}

fn bodies(keys: &[String], codes: &[&str], messages: &[&str]) -> Vec<String> {
    keys.iter()
        .map(|k| {
            let message = codes.iter().position(|c| c == k).map_or("Something failed", |i| messages[i]);
            serde_json::json!({"code": k, "message": message}).to_string()
        })
        .collect()
}

fn time<F: FnMut() -> usize>(samples: &mut Vec<f64>, per: usize, mut f: F) {
    let start = Instant::now();
    black_box(f());
    samples.push(start.elapsed().as_nanos() as f64 / per as f64);
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

macro_rules! bench_n {
    ($n:literal, $m:ident) => {{
        use $m::*;
        for hits in [true, false] {
            let ks = keys(KEYS, hits);
            let bs = bodies(&ks, KEYS, MESSAGES);
            let what = if hits { "hit" } else { "miss" };
            let strategies: [(&str, fn(&str) -> Option<ErrorCode>); 5] = [
                ("match", by_match),
                ("phf", by_phf),
                ("sorted", by_sorted),
                ("errgen from_wire", by_errgen),
                ("errgen FromStr", by_from_str),
            ];
            let mut samples: Vec<Vec<f64>> = vec![Vec::new(); strategies.len()];
            let mut body_samples: Vec<Vec<f64>> = vec![Vec::new(); strategies.len() + 1];
            let reps = (200_000 / ks.len()).max(1);
            for _ in 0..15 {
                for (i, (_, f)) in strategies.iter().enumerate() {
                    time(&mut samples[i], ks.len() * reps, || {
                        let mut c = 0;
                        for _ in 0..reps {
                            for k in &ks {
                                c += usize::from(f(black_box(k)).is_some());
                            }
                        }
                        c
                    });
                }
                for (i, (_, f)) in strategies.iter().enumerate() {
                    time(&mut body_samples[i], bs.len(), || {
                        let mut c = 0;
                        for b in &bs {
                            let body: RawBody = serde_json::from_str(black_box(b)).unwrap();
                            c += usize::from(f(&body.code).is_some()) + body.message.len();
                        }
                        c
                    });
                }
                time(&mut body_samples[strategies.len()], bs.len(), || {
                    let mut c = 0;
                    for b in &bs {
                        let e: Error = serde_json::from_str(black_box(b)).unwrap();
                        c += usize::from(e.code().is_some());
                    }
                    c
                });
            }
            let meds: Vec<f64> = samples.into_iter().map(median).collect();
            let body_meds: Vec<f64> = body_samples.into_iter().map(median).collect();
            let best = meds[..3].iter().copied().fold(f64::INFINITY, f64::min);
            let best_body = body_meds[..3].iter().copied().fold(f64::INFINITY, f64::min);
            let mut row = format!("| {} | {what} |", $n);
            for m in &meds {
                row.push_str(&format!(" {m:.1} |"));
            }
            row.push_str(&format!(" {:.2}x |", meds[3] / best));
            for m in &body_meds {
                row.push_str(&format!(" {m:.0} |"));
            }
            row.push_str(&format!(" {:.2}x |", body_meds[3] / best_body));
            println!("{row}");
        }
    }};
}

fn main() {
    println!("| N | keys | match | phf | sorted | errgen from_wire | errgen FromStr | from_wire / best | body+match | body+phf | body+sorted | body+errgen from_wire | body+errgen FromStr | errgen Error | body+from_wire / best |");
    println!("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    bench_n!(8, n8);
    bench_n!(100, n100);
    bench_n!(10000, n10000);
}
"##;

fn lookup() {
    println!("\n## 3. lookup, ns per lookup (code alone) and per body (serde_json body + lookup), release\n");
    let dir = scratch("lookup");
    let mut lib = String::from("#![allow(dead_code)]\n");
    for n in LOOKUP_NS {
        lib.push_str(&lookup_module(n, &dir));
    }
    write(&dir.join("src/lib.rs"), &lib);
    write(&dir.join("src/main.rs"), &format!("use lookup_bench::*;\n{LOOKUP_MAIN}"));
    write(
        &dir.join("Cargo.toml"),
        "[package]\nname = \"lookup-bench\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n\
         [lib]\nname = \"lookup_bench\"\n\n[dependencies]\nphf = { version = \"0.11\", features = [\"macros\"] }\n\
         serde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n\n[profile.release]\ncodegen-units = 1\n",
    );
    let start = Instant::now();
    run(Command::new("cargo").args(["build", "--release", "--quiet"]).current_dir(&dir).env("CARGO_TARGET_DIR", dir.join("target")));
    eprintln!("(lookup crate built in {})", secs(start.elapsed()));
    let out = Command::new(dir.join("target/release/lookup-bench")).output().expect("run the lookup bench");
    print!("{}", String::from_utf8_lossy(&out.stdout));
    let _ = std::fs::remove_dir_all(&dir);
}

// ----------------------------------------------------------------- 4. cold

const PROST_BUILD_RS: &str = r#"
use prost_types::{field_descriptor_proto::{Label, Type}, DescriptorProto, FieldDescriptorProto, FileDescriptorProto, FileDescriptorSet, EnumDescriptorProto, EnumValueDescriptorProto};

fn main() {
    let field = |name: &str, number: i32, ty: Type| FieldDescriptorProto {
        name: Some(name.to_owned()),
        number: Some(number),
        label: Some(Label::Optional as i32),
        r#type: Some(ty as i32),
        json_name: Some(name.to_owned()),
        ..Default::default()
    };
    let codes = ["UNSPECIFIED", "INTERNAL_SERVER_ERROR", "MAINTENANCE", "ILLEGAL_STATE", "BAD_REQUEST", "NOT_FOUND", "CONFLICT", "NOT_ENOUGH_ASSET"];
    let file = FileDescriptorProto {
        name: Some("errors.proto".to_owned()),
        package: Some("errors".to_owned()),
        syntax: Some("proto3".to_owned()),
        message_type: vec![DescriptorProto {
            name: Some("ErrorBody".to_owned()),
            field: vec![field("code", 1, Type::String), field("message", 2, Type::String)],
            ..Default::default()
        }],
        enum_type: vec![EnumDescriptorProto {
            name: Some("ErrorCode".to_owned()),
            value: codes.iter().enumerate().map(|(i, c)| EnumValueDescriptorProto { name: Some((*c).to_owned()), number: Some(i as i32), ..Default::default() }).collect(),
            ..Default::default()
        }],
        ..Default::default()
    };
    prost_build::Config::new().compile_fds(FileDescriptorSet { file: vec![file] }).unwrap();
}
"#;

/// A crate whose build script runs the errgen in `errgen` (a `codegen`
/// folder) on the seed spec, with default features, and includes the result.
fn errgen_consumer(dir: &Path, errgen: &Path) {
    let spec = std::fs::read_to_string(errgen_dir().join("../spec/error-response.md")).expect("the seed spec");
    write(&dir.join("spec/error-response.md"), &spec);
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"errgen-consumer\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n\
             [build-dependencies]\nerrgen = {{ path = {:?} }}\n",
            errgen.display().to_string()
        ),
    );
    write(&dir.join("build.rs"), "fn main() {\n    errgen::Config::new().spec(\"spec\").compile().unwrap();\n}\n");
    write(&dir.join("src/lib.rs"), "include!(concat!(env!(\"OUT_DIR\"), \"/errors.rs\"));\n");
}

fn cold_crates(root: &Path) -> (PathBuf, PathBuf) {
    let errgen_crate = root.join("errgen-consumer");
    errgen_consumer(&errgen_crate, &errgen_dir());
    let prost_crate = root.join("prost-consumer");
    write(
        &prost_crate.join("Cargo.toml"),
        "[package]\nname = \"prost-consumer\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n\
         [build-dependencies]\nprost-build = \"0.14\"\nprost-types = \"0.14\"\n",
    );
    write(&prost_crate.join("build.rs"), PROST_BUILD_RS);
    // The generated protobuf code needs the `prost` runtime, which this crate
    // does not compile: only the build-dependency is compared.
    write(&prost_crate.join("src/lib.rs"), "pub const GENERATED: &str = include_str!(concat!(env!(\"OUT_DIR\"), \"/errors.rs\"));\n");
    for dir in [&errgen_crate, &prost_crate] {
        run(Command::new("cargo").args(["generate-lockfile", "--quiet"]).current_dir(dir));
        run(Command::new("cargo").args(["fetch", "--quiet"]).current_dir(dir));
    }
    (errgen_crate, prost_crate)
}

/// One cold debug build. Not incremental: cargo compiles a path
/// dependency (errgen here) incrementally, which makes a cold build
/// slower (BENCHMARKS.md, section 15), but never one from a registry (prost-build here, errgen
/// for its users), so that both sides are built as users get them.
fn cold_build(dir: &Path, target: &Path) -> Duration {
    let _ = std::fs::remove_dir_all(target);
    let took = run(Command::new("cargo")
        .args(["build", "--quiet", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS"));
    let _ = std::fs::remove_dir_all(target);
    took
}

fn cold() {
    println!("\n## 4. cold debug build of a consumer crate: errgen (default features) vs prost-build\n");
    let root = scratch("cold");
    let (errgen_crate, prost_crate) = cold_crates(&root);
    let runs: usize = std::env::var("ERRGEN_BENCH_COLD_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(3);
    // `ERRGEN_BENCH_COLD_BASE`: the `codegen` folder of another errgen (a
    // worktree of an earlier commit, say), built in the same alternation,
    // so that before and after are measured side by side.
    let base = std::env::var_os("ERRGEN_BENCH_COLD_BASE").map(|dir| {
        let base_crate = root.join("errgen-base-consumer");
        errgen_consumer(&base_crate, Path::new(&dir));
        run(Command::new("cargo").args(["generate-lockfile", "--quiet"]).current_dir(&base_crate));
        run(Command::new("cargo").args(["fetch", "--quiet"]).current_dir(&base_crate));
        base_crate
    });
    let (mut e, mut p, mut b) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..runs {
        if let Some(base_crate) = &base {
            b.push(cold_build(base_crate, &root.join(format!("target-base-{i}"))));
        }
        e.push(cold_build(&errgen_crate, &root.join(format!("target-errgen-{i}"))));
        p.push(cold_build(&prost_crate, &root.join(format!("target-prost-{i}"))));
        eprintln!("(cold run {i}: errgen {}, prost-build {}{})", secs(e[i]), secs(p[i]), b.get(i).map(|b| format!(", base errgen {}", secs(*b))).unwrap_or_default());
    }
    if !b.is_empty() {
        let mut per_run: Vec<f64> = e.iter().zip(&b).map(|(&e, &b)| ratio(e, b)).collect();
        per_run.sort_by(f64::total_cmp);
        let shown: Vec<String> = per_run.iter().map(|r| format!("{r:.2}")).collect();
        println!("| runs | base errgen consumer | base / prost-build | errgen / base (per run) |");
        println!("| ---: | ---: | ---: | --- |");
        println!("| {runs} | {} | {:.2}x | {} |\n", secs(median(b.clone())), ratio(median(b), median(p.clone())), shown.join(", "));
    }
    let mut per_run: Vec<f64> = e.iter().zip(&p).map(|(&e, &p)| ratio(e, p)).collect();
    per_run.sort_by(f64::total_cmp);
    let shown: Vec<String> = per_run.iter().map(|r| format!("{r:.2}")).collect();
    let (e, p) = (median(e), median(p));
    println!("| runs | errgen consumer | prost-build consumer | ratio of medians (target <= 0.5x) | median of per-run ratios | per-run ratios |");
    println!("| ---: | ---: | ---: | ---: | ---: | --- |");
    println!(
        "| {runs} | {} | {} | {:.2}x | {:.2}x | {} |",
        secs(e),
        secs(p),
        ratio(e, p),
        per_run[per_run.len() / 2],
        shown.join(", ")
    );
    let _ = std::fs::remove_dir_all(&root);
}

// -------------------------------------------------------------- 5. rebuild

fn build_log(dir: &Path, target: &Path) -> (Duration, String) {
    let start = Instant::now();
    let out = Command::new("cargo")
        .args(["build", "-v", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo build");
    let took = start.elapsed();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (took, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn build_script_runs(log: &str) -> usize {
    log.lines().filter(|l| l.contains("Running") && l.contains("errgen-consumer-") && l.contains("build-script-build")).count()
}

fn rebuild() {
    println!("\n## 5. rebuilds of a consumer crate (1,000 codes in {} spec files)\n", synth::spec(1_000).len());
    let root = scratch("rebuild");
    let (crate_dir, _) = cold_crates(&root);
    let _ = std::fs::remove_dir_all(crate_dir.join("spec"));
    let files = synth::spec(1_000);
    synth::write(&crate_dir.join("spec"), &files).expect("write the spec");
    let target = root.join("target");
    let (first, log) = build_log(&crate_dir, &target);
    let out_file = std::fs::read_dir(target.join("debug/build"))
        .expect("build folder")
        .filter_map(Result::ok)
        .map(|e| e.path().join("out/errors.rs"))
        .find(|p| p.exists())
        .expect("the generated file");
    let mtime = || std::fs::metadata(&out_file).and_then(|m| m.modified()).expect("mtime");
    let before = mtime();
    let (noop, noop_log) = build_log(&crate_dir, &target);
    std::thread::sleep(Duration::from_millis(1100));
    let touched = crate_dir.join("spec").join(&files[files.len() / 2].0);
    let text = std::fs::read_to_string(&touched).expect("read");
    std::fs::write(&touched, text).expect("touch");
    let (after_touch, touch_log) = build_log(&crate_dir, &target);
    let kept = mtime() == before;
    println!("| step | consumer's build script runs | time | expected |");
    println!("| --- | ---: | ---: | --- |");
    println!("| first build | {} | {} | 1 |", build_script_runs(&log), secs(first));
    println!("| second build, no edits | {} | {} | 0 |", build_script_runs(&noop_log), secs(noop));
    println!("| touch one spec file | {} | {} | 1 |", build_script_runs(&touch_log), secs(after_touch));
    println!("\nunchanged output file kept its modification time: {kept}");
    let _ = std::fs::remove_dir_all(&root);
}

// --------------------------------------------------------------- 6. memory

fn memory() {
    println!("\n## 6. peak memory of `errgen generate` (release binary, Rust + TS + OpenAPI)\n");
    println!("Peak RSS of the whole command, then of its first stages alone: `lint` (parse and lower), `generate` without `--rust`.\n");
    println!("| N | input | output | peak RSS | RSS / input | lint | generate (TS + OpenAPI) |");
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let root = scratch("memory");
    for n in sizes(&[10_000, 100_000]) {
        let files = synth::spec(n);
        let spec = root.join(format!("spec{n}"));
        synth::write(&spec, &files).expect("write the spec");
        let out = root.join(format!("out{n}"));
        let rust = out.join("errors.rs");
        let spec_args = ["--spec".as_ref(), spec.as_os_str()];
        let out_args = ["--out".as_ref(), out.as_os_str()];
        let all = [&["generate".as_ref()][..], &spec_args, &out_args, &["--rust".as_ref(), rust.as_os_str(), "--serde".as_ref(), "--http".as_ref()]].concat();
        let kb = peak_rss_kb(&all);
        let input = synth::size(&files);
        let output_size: u64 =
            std::fs::read_dir(&out).expect("out").filter_map(Result::ok).filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum();
        let lint = peak_rss_kb(&[&["lint".as_ref()][..], &spec_args].concat());
        let _ = std::fs::remove_dir_all(&out);
        let templates = peak_rss_kb(&[&["generate".as_ref()][..], &spec_args, &out_args].concat());
        let mb = |kb: usize| kb as f64 * 1024.0 / 1e6;
        println!(
            "| {n} | {:.1} MB | {:.1} MB | {:.1} MB | {:.1}x | {:.1} MB | {:.1} MB |",
            input as f64 / 1e6,
            output_size as f64 / 1e6,
            mb(kb),
            kb as f64 * 1024.0 / input as f64,
            mb(lint),
            mb(templates)
        );
    }
    let _ = std::fs::remove_dir_all(&root);
}

/// The maximum resident set size, in kilobytes, of the release `errgen`
/// run with `args` under `/usr/bin/time -v` (which must succeed).
fn peak_rss_kb(args: &[&std::ffi::OsStr]) -> usize {
    let output = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_errgen"))
        .args(args)
        .output()
        .expect("run /usr/bin/time errgen");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes): "))
        .and_then(|v| v.trim().parse().ok())
        .expect("peak RSS from /usr/bin/time")
}

// ----------------------------------------------------------------- 7. diff

/// `errgen::diff::diff` of two models of one size: identical, and with
/// every code renamed (same message and status, so every pair is a
/// probable rename), at 1x, 4x and 16x.
fn diff_part() {
    println!("\n## 7. `errgen diff` (issue 16), median of 5\n");
    println!("| shape | 6,250 codes | 25,000 | 100,000 | 1x -> 4x | 1x -> 16x |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    let sizes = sizes(&[6_250, 25_000, 100_000]);
    let models: Vec<errgen::Model> = sizes.iter().map(|&n| model(n)).collect();
    for shape in ["identical", "every code renamed"] {
        let mut times = Vec::new();
        for old in &models {
            let mut new = old.clone();
            if shape != "identical" {
                for c in &mut new.codes {
                    c.code.insert_str(0, "RENAMED_");
                }
            }
            let samples: Vec<Duration> = (0..5)
                .map(|_| {
                    let start = Instant::now();
                    black_box(errgen::diff::diff(old, &new));
                    start.elapsed()
                })
                .collect();
            times.push(median(samples));
        }
        let cells: Vec<String> = times.iter().map(|&t| secs(t)).collect();
        let growth: Vec<String> = times.iter().skip(1).map(|&t| format!("{:.1}x", ratio(t, times[0]))).collect();
        println!("| {shape} | {} | {} |", cells.join(" | "), growth.join(" | "));
    }
}

// --------------------------------------------------------------- 8. shapes

/// The input shapes that once cost quadratic work (issue 16), as `errgen
/// lint` does them (parse, lower, render every diagnostic) and the two
/// `diff` shapes (parse both specs, compare), at 1x, 4x and 16x; median of
/// 3. The work ratios are asserted in `tests/hostile_big.rs`.
fn shapes_part() {
    println!("\n## 10. Input shapes (issue 16), median of 3\n");
    println!("| shape | size at 1x | 1x | 4x | 16x | 1x -> 4x | 1x -> 16x |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    let row = |name: &str, base: usize, run: &dyn Fn(usize)| {
        let times: Vec<Duration> = [1, 4, 16]
            .iter()
            .map(|k| {
                median(
                    (0..3)
                        .map(|_| {
                            let start = Instant::now();
                            run(k * base);
                            start.elapsed()
                        })
                        .collect(),
                )
            })
            .collect();
        let cells: Vec<String> = times.iter().map(|&t| secs(t)).collect();
        let growth: Vec<String> = times.iter().skip(1).map(|&t| format!("{:.1}x", ratio(t, times[0]))).collect();
        println!("| {name} | {base} | {} | {} |", cells.join(" | "), growth.join(" | "));
    };
    for shape in &shapes::SHAPES {
        row(shape.name, shape.bench_base, &|n| {
            let (model, diags) = errgen::from_sources(vec![("spec/shape.md".to_owned(), (shape.spec)(n))]);
            black_box((model, errgen::diag::render_all(&diags, false)));
        });
    }
    for (name, renamed) in [("`diff`, identical", false), ("`diff`, every code renamed", true)] {
        row(name, shapes::DIFF_BENCH_BASE, &|n| {
            let (old, new) = shapes::diff_specs(n, renamed);
            let old = errgen::from_sources(vec![("old/a.md".to_owned(), old)]).0.expect("old model");
            let new = errgen::from_sources(vec![("new/a.md".to_owned(), new)]).0.expect("new model");
            black_box(errgen::diff::diff(&old, &new));
        });
    }
}
