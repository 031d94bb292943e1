//! `errgen openapi merge API.yaml`: adds the error components to an
//! existing `OpenAPI` 3.0 or 3.1 document and references the documented
//! error responses from every operation.
//!
//! The document is edited in place as a lossless syntax tree (yaml-edit):
//! comments, key order, quoting and layout of everything errgen does not
//! add stay as written. errgen owns the components it adds (marked
//! `x-generated-by: errgen`): a rerun replaces them, and removes those the
//! spec no longer has; a component of the same name without the mark is
//! the user's and is an error, never overwritten.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;

use clap::{Args, Subcommand};
use errgen::emit::{self, Header};
use yaml_edit::{Document, Mapping, YamlNode};

use crate::SpecArgs;

/// The mark on every component `merge` adds.
const MARK_KEY: &str = "x-generated-by";
const MARK_VALUE: &str = "errgen";
/// The component kinds the fragment has.
const KINDS: [&str; 2] = ["schemas", "responses"];
/// The operation keys of a path item.
const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// `errgen openapi …`.
#[derive(Subcommand)]
pub enum OpenApiCommand {
    /// Add the error components to an OpenAPI 3.0 or 3.1 document and
    /// reference the documented error responses from every operation.
    Merge(MergeArgs),
}

/// Arguments of `errgen openapi merge`.
#[derive(Args)]
pub struct MergeArgs {
    #[command(flatten)]
    spec: SpecArgs,
    /// The API document (YAML) to merge into.
    document: PathBuf,
    /// Write the merged document to FILE instead of back to the document.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Write nothing; exit 1 with a diff when the document lacks the error
    /// components or responses (for CI).
    #[arg(long)]
    check: bool,
}

/// Runs an `errgen openapi` command.
pub fn run(command: &OpenApiCommand) -> ExitCode {
    match command {
        OpenApiCommand::Merge(args) => merge_cmd(args),
    }
}

fn merge_cmd(args: &MergeArgs) -> ExitCode {
    let Some((model, _)) = crate::generate_cmd::load_model(&args.spec) else {
        return ExitCode::from(1);
    };
    let display = args.document.display();
    let bytes = match std::fs::read(&args.document) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: cannot read {display}: {e}");
            return ExitCode::from(1);
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("error: {display}: not UTF-8 text; an OpenAPI YAML document is UTF-8");
        return ExitCode::from(1);
    };
    let header = Header { command: "errgen openapi merge".to_owned(), sources: Vec::new() };
    let fragment = match emit::openapi(&model, &header) {
        Ok(fragment) => fragment,
        Err(e) => {
            eprintln!("error: nothing written: cannot render the fragment: {e}");
            return ExitCode::from(1);
        }
    };
    let statuses: Vec<u16> = model.statuses.iter().map(|s| s.status).collect();
    let merged = match merge(&text, &fragment, &statuses) {
        Ok(merged) => merged,
        Err(problems) => {
            for problem in &problems {
                eprintln!("error: {display}: {problem}");
            }
            eprintln!("error: nothing written");
            return ExitCode::from(1);
        }
    };
    let out = args.out.clone().unwrap_or_else(|| args.document.clone());
    if !args.check {
        for line in &merged.report {
            eprintln!("{line}");
        }
    }
    crate::generate_cmd::write_or_check(&[(out, merged.text)], args.check, &fix_command(args))
}

/// The command `--check` names to fix a stale document.
fn fix_command(args: &MergeArgs) -> String {
    let word = |path: &Path| crate::generate_cmd::shell_word(&path.display().to_string());
    let mut command = "errgen openapi merge".to_owned();
    if args.spec.spec.len() != 1 || args.spec.spec[0] != Path::new("spec") {
        for spec in &args.spec.spec {
            let _ = write!(command, " --spec {}", word(spec));
        }
    }
    let _ = write!(command, " {}", word(&args.document));
    if let Some(out) = &args.out {
        let _ = write!(command, " --out {}", word(out));
    }
    command
}

/// A merged document and what was done to it.
#[derive(Debug)]
pub struct Merged {
    /// The document's new text.
    pub text: String,
    /// One line per kind of change, for the user.
    pub report: Vec<String>,
}

/// Merges the fragment's components into `document` and references the
/// responses of `statuses` from every operation that has no response for
/// that status (nor a range such as `4XX` covering it). Pure: text in,
/// text out. Errors list every problem found.
///
/// # Errors
/// The document is not YAML, not an `OpenAPI` 3.0 or 3.1 document, or has
/// a component of errgen's names that errgen did not write.
pub fn merge(document: &str, fragment: &str, statuses: &[u16]) -> Result<Merged, Vec<String>> {
    let doc = Document::from_str(document).map_err(|e| vec![format!("not valid YAML: {e}")])?;
    let Some(root) = doc.as_mapping() else {
        return Err(vec!["the top level is not a mapping; an OpenAPI document is one".to_owned()]);
    };
    let version = root.get("openapi").and_then(|v| v.as_scalar().map(yaml_edit::Scalar::as_string));
    let v30 = match version.as_deref() {
        Some(v) if v.starts_with("3.0") => true,
        Some(v) if v.starts_with("3.1") => false,
        Some(v) => return Err(vec![format!("`openapi: {v}` is not supported; merge takes OpenAPI 3.0 or 3.1")]),
        None if root.contains_key("swagger") => {
            return Err(vec!["a Swagger 2.0 document; merge takes OpenAPI 3.0 or 3.1 (convert it first)".to_owned()])
        }
        None => return Err(vec!["no `openapi` version field; is this an OpenAPI document?".to_owned()]),
    };
    let frag = Document::from_str(fragment).map_err(|e| vec![format!("internal: the fragment is not YAML: {e}")])?;
    let frag_components = frag
        .as_mapping()
        .and_then(|m| m.get_mapping("components"))
        .ok_or_else(|| vec!["internal: the fragment has no components".to_owned()])?;

    let mut report = Vec::new();
    let mut problems = Vec::new();
    let removed = merge_components(&root, &frag_components, v30, &mut report, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    reference_responses(&root, &frag_components, statuses, &removed, &mut report);
    Ok(Merged { text: doc.to_string(), report })
}

/// The text of a scalar key.
fn key_text(key: &YamlNode) -> Option<String> {
    key.as_scalar().map(yaml_edit::Scalar::as_string)
}

/// Whether `node` is a mapping that carries errgen's mark.
fn is_ours(node: &YamlNode) -> bool {
    node.as_mapping()
        .and_then(|m| m.get(MARK_KEY))
        .and_then(|v| v.as_scalar().map(yaml_edit::Scalar::as_string))
        .is_some_and(|v| v == MARK_VALUE)
}

/// Adds (or replaces) errgen's components, removes its stale ones; returns
/// the names of the responses removed.
fn merge_components(
    root: &Mapping,
    frag: &Mapping,
    v30: bool,
    report: &mut Vec<String>,
    problems: &mut Vec<String>,
) -> Vec<String> {
    let mut removed_responses = Vec::new();
    // Mark the fragment's components, and fit them to OpenAPI 3.0 where
    // the document is 3.0 (a schema there has one `example`, no `examples`).
    for kind in KINDS {
        let Some(items) = frag.get_mapping(kind) else { continue };
        for (_, value) in items.iter() {
            let Some(component) = value.as_mapping() else { continue };
            component.set(MARK_KEY, MARK_VALUE);
            if v30 && kind == "schemas" {
                if let Some(first) = component.get("examples").and_then(|e| e.get_item(0)) {
                    component.remove("examples");
                    component.set("example", first);
                }
            }
        }
    }
    let Some(components) = root.get_mapping("components") else {
        root.set("components", frag);
        report.push("added `components` with errgen's error schemas and responses".to_owned());
        return removed_responses;
    };
    for kind in KINDS {
        let ours = frag.get_mapping(kind).unwrap_or_default();
        let Some(theirs) = components.get_mapping(kind) else {
            if ours.is_empty() {
                continue;
            }
            components.set(kind, &ours);
            report.push(format!("added components.{kind} ({} entries)", ours.len()));
            continue;
        };
        let (mut added, mut replaced, mut removed) = (0, 0, 0);
        for (key, value) in ours.iter() {
            let Some(name) = key_text(&key) else { continue };
            match theirs.get(name.as_str()) {
                Some(existing) if !is_ours(&existing) => problems.push(format!(
                    "components.{kind}.{name} exists and was not written by errgen (it has no `{MARK_KEY}: {MARK_VALUE}`); \
                     rename or remove it, then merge again"
                )),
                Some(existing) => {
                    if existing.to_string().trim_end() != value.to_string().trim_end() {
                        replaced += 1;
                    }
                    theirs.set(name.as_str(), value);
                }
                None => {
                    added += 1;
                    theirs.set(name.as_str(), value);
                }
            }
        }
        // errgen's components the spec no longer has.
        let stale: Vec<String> = theirs
            .iter()
            .filter(|(key, value)| is_ours(value) && key_text(key).is_some_and(|k| !ours.contains_key(k.as_str())))
            .filter_map(|(key, _)| key_text(&key))
            .collect();
        for name in stale {
            theirs.remove(name.as_str());
            removed += 1;
            if kind == "responses" {
                removed_responses.push(name);
            }
        }
        if added + replaced + removed > 0 {
            report.push(format!("components.{kind}: {added} added, {replaced} updated, {removed} removed"));
        }
    }
    removed_responses
}

/// Whether `value` is exactly `$ref: "#/components/responses/<one of names>"`.
fn refers_to(value: &YamlNode, names: &[String]) -> bool {
    let Some(mapping) = value.as_mapping() else { return false };
    let target = mapping.get("$ref").and_then(|r| r.as_scalar().map(yaml_edit::Scalar::as_string));
    mapping.len() == 1
        && target.is_some_and(|t| names.iter().any(|n| t == format!("#/components/responses/{n}")))
}

/// Whether `responses` already says something for `status`: the status
/// (as a string or a number key) or its range (`4XX`, `4xx`).
fn has_response(responses: &Mapping, status: u16) -> bool {
    let range = format!("{}XX", status / 100);
    responses.keys().filter_map(|k| key_text(&k)).any(|k| k == status.to_string() || k.eq_ignore_ascii_case(&range))
}

/// References `#/components/responses/Status<N>` from every operation
/// that says nothing for status N.
fn reference_responses(root: &Mapping, frag: &Mapping, statuses: &[u16], removed: &[String], report: &mut Vec<String>) {
    let listed: Vec<u16> = statuses
        .iter()
        .copied()
        .filter(|s| frag.get_mapping("responses").is_some_and(|r| r.contains_key(format!("Status{s}").as_str())))
        .collect();
    let Some(paths) = root.get_mapping("paths") else {
        report.push("the document has no `paths`; only the components were added".to_owned());
        return;
    };
    let (mut operations, mut added, mut kept, mut dropped) = (0, 0, 0, 0);
    for (path, item) in paths.iter() {
        let Some(item) = item.as_mapping() else { continue };
        if item.contains_key("$ref") {
            report.push(format!(
                "path {} is a $ref; its operations are not edited",
                key_text(&path).unwrap_or_default()
            ));
            continue;
        }
        for method in METHODS {
            let Some(operation) = item.get_mapping(method) else { continue };
            let responses = if let Some(responses) = operation.get_mapping("responses") {
                responses
            } else {
                operation.set("responses", Mapping::new());
                match operation.get_mapping("responses") {
                    Some(responses) => responses,
                    None => continue,
                }
            };
            // References to errgen's responses the spec no longer has.
            let stale: Vec<String> = responses
                .iter()
                .filter(|(_, value)| refers_to(value, removed))
                .filter_map(|(key, _)| key_text(&key))
                .collect();
            for key in stale {
                responses.remove(key.as_str());
                dropped += 1;
            }
            let mut touched = false;
            for &status in &listed {
                if has_response(&responses, status) {
                    kept += 1;
                    continue;
                }
                let reference = format!("$ref: \"#/components/responses/Status{status}\"\n");
                let Ok(reference) = Document::from_str(&reference) else { continue };
                let Some(reference) = reference.as_mapping() else { continue };
                responses.set(status.to_string().as_str(), &reference);
                added += 1;
                touched = true;
            }
            if touched {
                operations += 1;
            }
        }
    }
    if added > 0 {
        report.push(format!("{added} error responses referenced from {operations} operations"));
    }
    if dropped > 0 {
        report.push(format!("{dropped} references to error responses the spec no longer documents were removed"));
    }
    if kept > 0 {
        report.push(format!("{kept} responses the document already has were kept as written"));
    }
}

#[cfg(test)]
mod tests {
    use errgen::emit::{self, Header};
    use errgen::model::{BodyFormat, Code, Model, Source, MODEL_VERSION};

    use super::merge;

    /// A code without a status puts an `examples` list on `ErrorResponse`
    /// (3.1); merged into a 3.0 document it becomes one `example`.
    #[test]
    fn openapi_3_0_gets_a_single_schema_example() {
        let code = Code {
            code: "RATE_LIMITED".into(),
            ident: "RateLimited".into(),
            http_status: None,
            retryable: true,
            message: "Slow down: {{Wait}}".into(),
            params: Vec::new(),
            description: "Too many calls".into(),
            group: "Errors".into(),
            extra: std::collections::BTreeMap::new(),
            source: Source { file: "spec/a.md".into(), line: 1, column: 1 },
            alternatives: Vec::new(),
        };
        let model = Model { version: MODEL_VERSION, statuses: Vec::new(), codes: vec![code], body: BodyFormat::default() };
        let header = Header { command: "errgen".into(), sources: Vec::new() };
        let fragment = emit::openapi(&model, &header).unwrap();
        assert!(fragment.contains("      examples:\n"), "{fragment}");
        let doc = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths: {}\n";
        let merged = merge(doc, &fragment, &[]).unwrap().text;
        assert!(merged.contains("      example:\n") && !merged.contains("examples"), "{merged}");
        assert!(merged.contains("\"message\": \"Slow down: <wait>\""), "{merged}");
        let merged31 = merge(&doc.replace("3.0.3", "3.1.0"), &fragment, &[]).unwrap().text;
        assert!(merged31.contains("      examples:\n"), "{merged31}");
    }
}
