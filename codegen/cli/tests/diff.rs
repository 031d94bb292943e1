//! `errgen diff`: every kind of change on fixture pairs (`tests/data/diff/<case>/old.md`
//! and `new.md`), the compatibility verdicts, the three report formats, and the
//! command line (exit codes, diagnostics, `--base` in a temporary git repository).
//!
//! Each case's text report is compared with `expected.txt` next to it; run with
//! `ERRGEN_BLESS=1` to rewrite those files after an intended change, then review
//! the diff.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use errgen::diff::{self, ChangeKind, Impact, Report};
use errgen::Model;

const BIN: &str = env!("CARGO_BIN_EXE_errgen");

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/diff")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The model of an in-memory file; it must have no errors.
fn model_of(display: &str, text: &str) -> Model {
    let (model, diags) = errgen::from_sources(vec![(display.to_owned(), text.to_owned())]);
    model.unwrap_or_else(|| panic!("{display} has errors:\n{}", errgen::diag::render_all(&diags, false)))
}

/// The report of a fixture pair, with display paths `<case>/old.md` and `<case>/new.md`.
fn case_report(case: &str) -> Report {
    let dir = data().join(case);
    let old = model_of(&format!("{case}/old.md"), &read(&dir.join("old.md")));
    let new = model_of(&format!("{case}/new.md"), &read(&dir.join("new.md")));
    diff::diff(&old, &new)
}

/// The serde `kind` tag of a change.
fn kind(change: &diff::Change) -> String {
    let json = serde_json::to_value(change).expect("a change serializes");
    json["kind"].as_str().expect("a kind tag").to_owned()
}

/// Compares `actual` with the file, or rewrites the file under `ERRGEN_BLESS=1`.
fn snapshot(path: &Path, actual: &str) {
    if std::env::var_os("ERRGEN_BLESS").is_some() {
        std::fs::write(path, actual).expect("write snapshot");
        return;
    }
    let expected = read(path);
    assert!(
        expected == actual,
        "{} differs from the report (ERRGEN_BLESS=1 rewrites it):\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

use Impact::{Breaking, Compatible, None as Nothing};

/// Every fixture pair: the kinds of change it must give, in order, and the
/// verdict for Rust and for wire clients.
const CASES: &[(&str, &[&str], Impact, Impact)] = &[
    ("identical", &[], Nothing, Nothing),
    ("code_added", &["code_added"], Compatible, Compatible),
    ("code_removed", &["code_removed"], Breaking, Compatible),
    ("code_renamed", &["code_renamed"], Breaking, Breaking),
    ("code_ident", &["code_ident_changed"], Breaking, Nothing),
    ("code_status", &["code_status_changed", "code_status_changed"], Compatible, Breaking),
    ("code_retryable", &["code_retryable_changed", "code_retryable_changed"], Compatible, Breaking),
    ("code_message", &["code_message_changed"], Compatible, Compatible),
    ("param_added", &["code_message_changed", "param_added"], Breaking, Compatible),
    ("param_removed", &["code_message_changed", "param_removed"], Breaking, Compatible),
    ("param_renamed", &["code_message_changed", "param_renamed"], Breaking, Compatible),
    ("code_description", &["code_description_changed"], Nothing, Nothing),
    ("code_group", &["code_group_changed", "code_group_changed"], Nothing, Nothing),
    ("code_extra", &["code_extra_changed"], Nothing, Nothing),
    ("codes_reordered", &["codes_reordered"], Compatible, Nothing),
    ("status_added", &["status_added"], Compatible, Compatible),
    ("status_removed", &["status_removed"], Breaking, Compatible),
    ("status_renamed", &["status_renamed"], Breaking, Nothing),
    ("status_renumbered", &["status_renumbered"], Compatible, Breaking),
    ("status_retryable", &["status_retryable_changed", "status_retryable_changed"], Compatible, Breaking),
    ("status_error_body", &["status_error_body_changed"], Compatible, Breaking),
    ("status_description", &["status_description_changed"], Nothing, Nothing),
    ("body_fields", &["body_field_changed", "body_field_changed"], Compatible, Breaking),
    (
        "seed",
        &["code_added", "code_removed", "code_message_changed", "param_added", "status_error_body_changed"],
        Breaking,
        Breaking,
    ),
];

#[test]
fn every_fixture_pair_gives_its_changes_verdict_and_text_report() {
    let mut seen: Vec<String> = std::fs::read_dir(data())
        .expect("tests/data/diff")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    seen.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.0.to_owned()).collect();
    listed.sort();
    assert_eq!(seen, listed, "every fixture folder is a case, and every case has a folder");

    for &(case, kinds, rust, wire) in CASES {
        let report = case_report(case);
        let got: Vec<String> = report.changes.iter().map(kind).collect();
        assert_eq!(got, kinds, "{case}: kinds of change");
        assert_eq!((report.verdict.rust, report.verdict.wire), (rust, wire), "{case}: verdict");
        assert_eq!(report.verdict.overall, rust.max(wire), "{case}: overall verdict");
        let worst = report.changes.iter().map(diff::Change::impact).max().unwrap_or(Nothing);
        assert_eq!(report.verdict.overall, worst, "{case}: the verdict is the worst change");
        snapshot(&data().join(case).join("expected.txt"), &diff::render_text(&report, false));
    }
}

#[test]
fn every_kind_of_change_is_covered_by_a_fixture() {
    let covered: std::collections::BTreeSet<&str> = CASES.iter().flat_map(|c| c.1.iter().copied()).collect();
    // Keep in step with `ChangeKind`: a new kind needs a fixture pair.
    let all = [
        "code_added",
        "code_removed",
        "code_renamed",
        "code_ident_changed",
        "code_status_changed",
        "code_retryable_changed",
        "code_message_changed",
        "param_added",
        "param_removed",
        "param_renamed",
        "code_description_changed",
        "code_group_changed",
        "code_extra_changed",
        "codes_reordered",
        "status_added",
        "status_removed",
        "status_renamed",
        "status_renumbered",
        "status_retryable_changed",
        "status_error_body_changed",
        "status_description_changed",
        "body_field_changed",
    ];
    for k in all {
        assert!(covered.contains(k), "no fixture gives a `{k}` change");
    }
    assert_eq!(covered.len(), all.len(), "{covered:?}");
}

#[test]
fn reversing_a_pair_mirrors_its_changes() {
    for &(case, kinds, _, _) in CASES {
        let dir = data().join(case);
        let old = model_of("old.md", &read(&dir.join("old.md")));
        let new = model_of("new.md", &read(&dir.join("new.md")));
        let back = diff::diff(&new, &old);
        let mirrored: Vec<String> = kinds
            .iter()
            .map(|k| match *k {
                "code_added" => "code_removed".to_owned(),
                "code_removed" => "code_added".to_owned(),
                "param_added" => "param_removed".to_owned(),
                "param_removed" => "param_added".to_owned(),
                "status_added" => "status_removed".to_owned(),
                "status_removed" => "status_added".to_owned(),
                other => other.to_owned(),
            })
            .collect();
        let mut got: Vec<String> = back.changes.iter().map(kind).collect();
        let mut want = mirrored;
        got.sort();
        want.sort();
        assert_eq!(got, want, "{case} reversed");
    }
}

#[test]
fn seed_against_edited_copy_reports_each_edit() {
    let report = case_report("seed");
    let c = &report.changes;
    assert_eq!(c.len(), 5);
    assert!(matches!(&c[0].kind, ChangeKind::CodeAdded { code, http_status: Some(406), retryable: false } if code == "ITEM_LOCKED"));
    assert!(matches!(&c[1].kind, ChangeKind::CodeRemoved { code, http_status: Some(406), retryable: false } if code == "CONFLICT"));
    assert!(matches!(&c[2].kind, ChangeKind::CodeMessageChanged { code, new, .. }
        if code == "ILLEGAL_STATE" && new == "Illegal state: {{Error Message}} (request {{Request Id}})"));
    assert!(matches!(&c[3].kind, ChangeKind::ParamAdded { code, param } if code == "ILLEGAL_STATE" && param == "request_id"));
    assert!(matches!(&c[4].kind, ChangeKind::StatusErrorBodyChanged { status: 503, old: false, new: true }));
    // Who breaks, change by change.
    let impacts: Vec<(Impact, Impact)> = c.iter().map(|x| (x.rust.impact, x.wire.impact)).collect();
    assert_eq!(
        impacts,
        [(Compatible, Compatible), (Breaking, Compatible), (Compatible, Compatible), (Breaking, Nothing), (Compatible, Breaking)]
    );
    // Locations: additions and changes point into the new spec, removals into the old one.
    let at = |s: &Option<errgen::model::Source>| s.as_ref().map(|s| format!("{}:{}", s.file, s.line));
    assert_eq!(at(&c[0].new_source).as_deref(), Some("seed/new.md:62"));
    assert_eq!(at(&c[1].old_source).as_deref(), Some("seed/old.md:60"));
    assert_eq!(c[1].new_source, None);
    assert_eq!(at(&c[4].new_source).as_deref(), Some("seed/new.md:19"));

    snapshot(&data().join("seed/expected.md"), &diff::render_markdown(&report));
}

#[test]
fn json_report_is_versioned_and_round_trips() {
    let report = case_report("seed");
    let json = diff::render_json(&report).expect("json");
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["version"], 1);
    assert_eq!(value["verdict"]["rust"], "breaking");
    assert_eq!(value["verdict"]["wire"], "breaking");
    assert_eq!(value["verdict"]["overall"], "breaking");
    let removed = &value["changes"][1];
    assert_eq!(removed["kind"], "code_removed");
    assert_eq!(removed["code"], "CONFLICT");
    assert_eq!(removed["rust"]["impact"], "breaking");
    assert_eq!(removed["wire"]["impact"], "compatible");
    assert_eq!(removed["old_source"]["line"], 60);
    let back: Report = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(back, report);
}

#[test]
fn text_is_coloured_only_on_request() {
    let report = case_report("seed");
    let plain = diff::render_text(&report, false);
    let coloured = diff::render_text(&report, true);
    assert!(!plain.contains('\x1b'));
    assert!(coloured.contains("\x1b[1;31mbreaking"), "breaking is red");
    assert!(coloured.contains("\x1b[33mcompatible"), "compatible is yellow");
    assert!(plain.ends_with("verdict: breaking (Rust: breaking, wire: breaking; 5 changes)\n"), "{plain}");
}

// In-memory specs for the heuristics.

fn spec(codes: &str) -> String {
    format!(
        "# E\n\n| HTTP Status | HTTP Code | Description |\n|-|-|-|\n| 406 | [Error Code](#format) | Bad input |\n\n\
         ### Format\n\n```json\n{{\"code\": \"A\", \"message\": \"m\"}}\n```\n\n\
         ## Non Retryable\n\nhttpStatus : 406\n\n| code | message | description |\n|-|-|-|\n{codes}"
    )
}

fn diff_specs(old: &str, new: &str) -> Report {
    diff::diff(&model_of("old.md", &spec(old)), &model_of("new.md", &spec(new)))
}

#[test]
fn a_renamed_code_carries_its_other_changes_under_the_new_name() {
    let report = diff_specs("| A | Same text | d |\n| B | b | d |\n", "| B | b | d |\n| A2 | Same text | new d |\n");
    let kinds: Vec<String> = report.changes.iter().map(kind).collect();
    // B moved ahead, but only codes under the same name in both specs count
    // for the order: [B] and [B].
    assert_eq!(kinds, ["code_renamed", "code_description_changed"]);
    assert!(matches!(&report.changes[0].kind, ChangeKind::CodeRenamed { old, new, old_ident, new_ident }
        if old == "A" && new == "A2" && old_ident == "A" && new_ident == "A2"));
    assert!(matches!(&report.changes[1].kind, ChangeKind::CodeDescriptionChanged { code, .. } if code == "A2"));
}

#[test]
fn a_code_with_another_message_is_removed_and_added_not_renamed() {
    let report = diff_specs("| A | one | d |\n", "| B | two | d |\n");
    let kinds: Vec<String> = report.changes.iter().map(kind).collect();
    assert_eq!(kinds, ["code_added", "code_removed"]);
    assert_eq!(report.verdict.rust, Breaking);
    assert_eq!(report.verdict.wire, Compatible);
}

#[test]
fn codes_without_messages_pair_as_renames_only_by_description() {
    let spec = |rows: &str| {
        spec("").replace("| code | message | description |\n|-|-|-|\n", &format!("| code | description |\n|-|-|\n{rows}"))
    };
    let model = |name: &str, rows: &str| model_of(name, &spec(rows));
    let kinds = |old: &str, new: &str| -> Vec<String> {
        diff::diff(&model("old.md", old), &model("new.md", new)).changes.iter().map(kind).collect()
    };
    assert_eq!(model("x.md", "| A | one |\n").codes[0].message, "");
    assert_eq!(kinds("| A | one |\n", "| B | two |\n"), ["code_added", "code_removed"]);
    assert_eq!(kinds("| A | one |\n", "| B | one |\n"), ["code_renamed"]);
}

#[test]
fn a_rename_that_keeps_the_identifier_is_compatible_for_rust() {
    // `NOT__FOUND` and `NOT_FOUND` map to the same identifier, `NotFound`.
    let report = diff_specs("| NOT__FOUND | Not found | d |\n", "| NOT_FOUND | Not found | d |\n");
    assert_eq!(report.changes.len(), 1, "{:?}", report.changes);
    let change = &report.changes[0];
    assert!(matches!(&change.kind, ChangeKind::CodeRenamed { old_ident, new_ident, .. } if old_ident == new_ident));
    assert_eq!((change.rust.impact, change.wire.impact), (Compatible, Breaking));
}

#[test]
fn parameters_moved_apart_are_added_and_removed_not_renamed() {
    // `x` is kept but moves to second place; `y` (second) goes and `z`
    // arrives first: no position has a removed and an added parameter.
    let report = diff_specs("| A | {{X}} {{Y}} | d |\n", "| A | {{Z}} {{X}} | d |\n");
    let kinds: Vec<String> = report.changes.iter().map(kind).collect();
    assert_eq!(kinds, ["code_message_changed", "param_added", "param_removed"]);
    let report = diff_specs("| A | {{X}} {{Y}} | d |\n", "| A | {{X}} {{Z}} | d |\n");
    assert!(matches!(&report.changes[1].kind, ChangeKind::ParamRenamed { old, new, .. } if old == "y" && new == "z"));
}

#[test]
fn markdown_survives_pipes_backquotes_and_line_breaks_in_spec_text() {
    let report = diff_specs("| A | a \\| b | one |\n", "| A | a \\`b\\` \\| c | one<br>two |\n");
    let md = diff::render_markdown(&report);
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| `A`")).collect();
    assert_eq!(rows.len(), 2, "{md}");
    // A row has exactly five unescaped pipes (four columns).
    for row in rows {
        let unescaped = row.match_indices('|').filter(|(i, _)| *i == 0 || row.as_bytes()[i - 1] != b'\\').count();
        assert_eq!(unescaped, 5, "{row}");
    }
    assert!(md.contains("``a `b` \\| c``"), "backquotes get a longer fence: {md}");
    assert!(md.contains("`one two`"), "line breaks become spaces: {md}");
}

// The command line.

fn run(dir: &Path, args: &[&str]) -> Output {
    run_env(dir, args, &[])
}

/// Runs the binary with stdout piped (not a terminal), so that no colour is
/// expected unless `env` forces it.
fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args).current_dir(dir).env_remove("CLICOLOR_FORCE").env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run errgen")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("utf-8 stderr")
}

#[test]
fn cli_seed_against_edited_copy_report_verdict_and_exit_codes() {
    let dir = data();
    let out = run(&dir, &["diff", "seed/old.md", "seed/new.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text, read(&dir.join("seed/expected.txt")), "the CLI prints the library's text report, uncoloured");
    // The seed's three warnings, for each spec, with file:line as in `lint`.
    let err = stderr(&out);
    for side in ["old", "new"] {
        for at in [":25:16", ":27:16", ":35:12"] {
            assert!(err.contains(&format!("--> seed/{side}.md{at}")), "{side}{at} in:\n{err}");
        }
    }

    // Colour only when anstream is told stdout is a terminal.
    assert!(!text.contains('\x1b'));
    let forced = run_env(&dir, &["diff", "seed/old.md", "seed/new.md"], &[("CLICOLOR_FORCE", "1")]);
    assert_eq!(stdout(&forced), diff::render_text(&case_report("seed"), true));

    let out = run(&dir, &["diff", "seed/old.md", "seed/new.md", "--fail-on", "breaking"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), text, "the report is printed when --fail-on is met");
    let out = run(&dir, &["diff", "seed/old.md", "seed/new.md", "--fail-on", "any", "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), read(&dir.join("seed/expected.md")));
    let out = run(&dir, &["diff", "seed/old.md", "seed/new.md", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json on stdout");
    assert_eq!(value["version"], 1);
    assert_eq!(value["verdict"]["overall"], "breaking");
    assert_eq!(value["changes"].as_array().map(Vec::len), Some(5));
}

#[test]
fn cli_fail_on_follows_the_verdict() {
    let dir = data();
    let code = |case: &str, fail_on: &str| {
        let out = run(&dir, &["diff", &format!("{case}/old.md"), &format!("{case}/new.md"), "--fail-on", fail_on]);
        out.status.code()
    };
    assert_eq!(code("identical", "any"), Some(0));
    assert_eq!(code("identical", "breaking"), Some(0));
    assert_eq!(code("code_added", "breaking"), Some(0), "compatible for both");
    assert_eq!(code("code_added", "any"), Some(1));
    assert_eq!(code("code_description", "any"), Some(1), "any change, even documentation");
    assert_eq!(code("code_description", "breaking"), Some(0));
    assert_eq!(code("status_renamed", "breaking"), Some(1), "breaking for Rust only");
    assert_eq!(code("status_renumbered", "breaking"), Some(1), "breaking for wire clients only");
    let out = run(&dir, &["diff", "identical/old.md", "identical/new.md"]);
    assert_eq!(stdout(&out), "no changes\n\nverdict: none (Rust: none, wire: none; 0 changes)\n");
}

#[test]
fn cli_usage_errors_exit_2() {
    let dir = data();
    for args in [
        &["diff"][..],
        &["diff", "seed/old.md"],
        &["diff", "seed/old.md", "seed/new.md", "seed/new.md"],
        &["diff", "seed/old.md", "seed/new.md", "--format", "xml"],
        &["diff", "seed/old.md", "seed/new.md", "--fail-on", "sometimes"],
        &["diff", "--base", "HEAD", "seed/old.md", "seed/new.md"],
    ] {
        let out = run(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = stderr(&out);
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        // Wrong numbers of paths show both forms of the command.
        if !args.contains(&"--format") && !args.contains(&"--fail-on") {
            assert!(err.contains("Usage: errgen diff [OPTIONS] OLD NEW\n       errgen diff [OPTIONS] --base REV [NEW]"), "{args:?}: {err}");
        }
    }
}

#[test]
fn cli_spec_errors_are_reported_with_file_and_line_and_exit_1() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let broken = "# E\n\n| code | message |\n|-|-|\n| A B | a |\n";
    std::fs::write(tmp.path().join("broken.md"), broken).expect("write");
    std::fs::copy(data().join("code_added/old.md"), tmp.path().join("good.md")).expect("copy");
    for args in [["diff", "good.md", "broken.md"], ["diff", "broken.md", "good.md"]] {
        let out = run(tmp.path(), &args);
        assert_eq!(out.status.code(), Some(1));
        assert!(out.stdout.is_empty());
        let err = stderr(&out);
        assert!(err.contains("--> broken.md:5:3"), "{err}");
        assert!(err.contains("error: cannot compare the specs"), "{err}");
    }
    let out = run(tmp.path(), &["diff", "good.md", "missing"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot read spec path `missing`"), "{}", stderr(&out));
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=errgen test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn cli_base_compares_a_commit_with_the_work_tree() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let repo = tmp.path();
    git(repo, &["init", "-q"]);
    std::fs::create_dir_all(repo.join("spec/more")).expect("mkdir");
    std::fs::create_dir_all(repo.join("docs")).expect("mkdir");
    let base = read(&data().join("code_removed/old.md"));
    std::fs::write(repo.join("spec/errors.md"), &base).expect("write");
    // Not Markdown: ignored, as `errgen::load` ignores it on disk.
    std::fs::write(repo.join("spec/notes.txt"), "| code | message |\n").expect("write");
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "spec"]);

    // Edit the work tree: remove CONFLICT and add a code in a second file.
    let edited = read(&data().join("code_removed/new.md"));
    std::fs::write(repo.join("spec/errors.md"), &edited).expect("write");
    let more = "## Non Retryable\n\nhttpStatus : 406\n\n| code | message |\n|-|-|\n| LOCKED | Locked |\n";
    std::fs::write(repo.join("spec/more/locked.md"), more).expect("write");

    let out = run(repo, &["diff", "--base", "HEAD"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("+ code `LOCKED` added (406, not retryable)  [spec/more/locked.md:7]"), "{text}");
    assert!(text.contains("- code `CONFLICT` removed (was 406, not retryable)  [HEAD:spec/errors.md:32]"), "{text}");
    assert!(text.ends_with("verdict: breaking (Rust: breaking, wire: compatible; 2 changes)\n"), "{text}");

    // The same from a subfolder, naming NEW relatively; as JSON; with --fail-on.
    let out = run(&repo.join("docs"), &["diff", "--base", "HEAD", "../spec", "--format", "json", "--fail-on", "breaking"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let kinds: Vec<&str> = value["changes"].as_array().expect("changes").iter().filter_map(|c| c["kind"].as_str()).collect();
    assert_eq!(kinds, ["code_added", "code_removed"]);
    assert_eq!(value["changes"][1]["old_source"]["file"], "HEAD:spec/errors.md");

    // An absolute path as NEW.
    let absolute = repo.join("spec").to_string_lossy().into_owned();
    let out = run(repo, &["diff", "--base", "HEAD", &absolute]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("[HEAD:spec/errors.md:32]"), "{}", stdout(&out));

    // A single file as NEW.
    let out = run(repo, &["diff", "--base", "HEAD", "spec/errors.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).ends_with("(Rust: breaking, wire: compatible; 1 change)\n"), "{}", stdout(&out));

    // The work tree is untouched: still the edit, nothing staged or restored.
    assert_eq!(read(&repo.join("spec/errors.md")), edited);
    let status = Command::new("git").args(["status", "--porcelain"]).current_dir(repo).output().expect("git status");
    assert_eq!(String::from_utf8_lossy(&status.stdout), " M spec/errors.md\n?? spec/more/\n");

    // Committing the edit: no changes against HEAD, and HEAD~1 still shows them.
    git(repo, &["add", "spec"]);
    git(repo, &["commit", "-q", "-m", "edit"]);
    let out = run(repo, &["diff", "--base", "HEAD", "--fail-on", "any"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(repo, &["diff", "--base", "HEAD~1", "--fail-on", "any"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("[HEAD~1:spec/errors.md:32]"), "{}", stdout(&out));
}

#[test]
fn cli_base_problems() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let repo = tmp.path();
    // Not a git repository: a usage error.
    std::fs::create_dir_all(repo.join("plain/spec")).expect("mkdir");
    std::fs::copy(data().join("code_added/old.md"), repo.join("plain/spec/errors.md")).expect("copy");
    let plain = repo.join("plain");
    // Git must not find a repository above the temporary folder.
    let ceiling = repo.to_string_lossy().into_owned();
    let out = run_env(&plain, &["diff", "--base", "HEAD"], &[("GIT_CEILING_DIRECTORIES", &ceiling)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--base needs a git repository"), "{}", stderr(&out));

    let repo = repo.join("repo");
    std::fs::create_dir_all(repo.join("spec")).expect("mkdir");
    git(&repo, &["init", "-q"]);
    std::fs::copy(data().join("code_added/old.md"), repo.join("spec/errors.md")).expect("copy");
    std::fs::write(repo.join("README.md"), "# x\n").expect("write");
    git(&repo, &["add", "README.md"]);
    git(&repo, &["commit", "-q", "-m", "no spec yet"]);

    // An unknown revision: a usage error.
    let out = run(&repo, &["diff", "--base", "no-such-rev"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`no-such-rev` is not a commit"), "{}", stderr(&out));
    // The spec did not exist at the revision: a diagnostic, exit 1.
    let out = run(&repo, &["diff", "--base", "HEAD"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot read spec path `spec` at `HEAD`"), "{}", stderr(&out));
    // An error in the committed spec is shown at its REV:file:line.
    std::fs::write(repo.join("spec/errors.md"), "# E\n\n| code | message |\n|-|-|\n| A B | a |\n").expect("write");
    git(&repo, &["add", "spec"]);
    git(&repo, &["commit", "-q", "-m", "broken spec"]);
    std::fs::copy(data().join("code_added/old.md"), repo.join("spec/errors.md")).expect("copy");
    let out = run(&repo, &["diff", "--base", "HEAD"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--> HEAD:spec/errors.md:5:3"), "{}", stderr(&out));
    // The same from outside the repository, naming NEW by its absolute path:
    // git runs in NEW's repository, not in the current folder.
    let absolute = repo.join("spec").to_string_lossy().into_owned();
    let out = run_env(&plain, &["diff", "--base", "HEAD", &absolute], &[("GIT_CEILING_DIRECTORIES", &ceiling)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("--> HEAD:spec/errors.md:5:3"), "{}", stderr(&out));
}
