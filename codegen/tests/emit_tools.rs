//! The TypeScript module and the `OpenAPI` fragment, judged by real tools:
//! `tsc --strict`, Node, openapi-spec-validator, Redocly CLI and
//! openapi-typescript, installed into `tools/` by `scripts/install-tools.sh`.
//! A missing tool fails the test (never skips it).
//!
//! Each check runs on the checked-in `generated/` files and on a hostile
//! fixture spec (`tests/data/emit/hostile.md`) generated into a temporary
//! folder. Besides validity, the TypeScript is run by Node and the YAML read
//! by a YAML parser, and every spec string is compared with the model: the
//! escaping must round-trip, not just parse.
//!
//! `the_three_outputs_agree_on_derived_facts` runs the Rust (compiled),
//! the TypeScript (Node) and reads the OpenAPI back for random models and
//! the seed, and compares what each says about every status and code.
#![cfg(feature = "templates")]

mod support;
#[path = "common/tsc_flags.rs"]
mod tsc_flags;
#[path = "common/tools.rs"]
mod tools;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use errgen::emit::{self, Header};
use errgen::model::{Alternative, BodyFormat, Code, Segment, Source, Status, MODEL_VERSION};
use errgen::Model;
use serde_json::{json, Value};
use tools::{redocly_problems, run, tool, validate_examples, workspace, yaml_as_json};

/// A model and its two files in a temporary folder.
struct Case {
    model: Model,
    dir: tempfile::TempDir,
}

/// The checked-in `generated/` files (copied) with the model of `spec/`.
fn generated_case() -> Case {
    let loaded = errgen::load(&[workspace().join("spec")]);
    let model = loaded.model.expect("spec/ builds a model");
    let dir = tempfile::tempdir().unwrap();
    for name in [emit::TS_FILE, emit::OPENAPI_FILE] {
        fs::copy(workspace().join("generated").join(name), dir.path().join(name)).unwrap();
    }
    Case { model, dir }
}

/// The hostile fixture spec rendered into a temporary folder.
fn hostile_case() -> Case {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/emit/hostile.md");
    let loaded = errgen::load(&[spec]);
    assert!(!errgen::diag::has_errors(&loaded.diagnostics), "{}", errgen::diag::summary(&loaded.diagnostics));
    let model = loaded.model.expect("the hostile fixture builds a model");
    let header = Header { command: "errgen generate --spec */ \"hostile\" \n".to_owned(), sources: vec!["*/hostile.md".to_owned()] };
    let dir = tempfile::tempdir().unwrap();
    for file in emit::render_all(&model, &header).unwrap() {
        fs::write(dir.path().join(file.file_name), file.contents).unwrap();
    }
    Case { model, dir }
}

/// A hand-built model (shapes lowering may not produce yet) rendered into a
/// temporary folder.
fn model_case(model: Model) -> Case {
    let header = Header { command: "errgen generate".to_owned(), sources: vec!["spec/errors.md".to_owned()] };
    let dir = tempfile::tempdir().unwrap();
    for file in emit::render_all(&model, &header).unwrap() {
        fs::write(dir.path().join(file.file_name), file.contents).unwrap();
    }
    Case { model, dir }
}

/// A code's rows: the first, then its alternatives, as `(status,
/// message, description)`.
fn rows_of(code: &Code) -> Vec<(Option<u16>, &str, &str)> {
    let mut out = vec![(code.http_status, code.message.as_str(), code.description.as_str())];
    out.extend(code.alternatives.iter().map(|a| (a.http_status, a.message.as_str(), a.description.as_str())));
    out
}

/// Every status a code's rows give, first row's first, each once.
fn statuses_of(code: &Code) -> Vec<u16> {
    let mut out = Vec::new();
    for s in rows_of(code).into_iter().filter_map(|r| r.0) {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// The codes documented with `status`, in model order.
fn codes_of(model: &Model, status: u16) -> Vec<&Code> {
    model.codes.iter().filter(|c| statuses_of(c).contains(&status)).collect()
}

/// The message an example shows for a row of `code`: each parameter as
/// `<its placeholder in lower case>` (the README's convention), through
/// the model's own renderer.
fn sample_of(code: &Code, message: &str) -> String {
    let row = Code { message: message.to_owned(), ..code.clone() };
    let values: Vec<String> = code.params.iter().map(|p| format!("<{}>", p.placeholder.to_lowercase())).collect();
    row.render(&values.iter().map(String::as_str).collect::<Vec<_>>())
}

/// A string literal for test-written TypeScript (`serde_json`, independent of
/// the escaper under test).
fn lit(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// `tsc --strict --noEmit` on `files`, by TypeScript 5.9 and by
/// TypeScript 7 (which refuses file arguments beside a `tsconfig.json`
/// without `--ignoreConfig`; the folder has one, as a project would).
fn tsc_check(dir: &Path, files: &[&str]) {
    fs::write(dir.join("package.json"), r#"{ "type": "module" }"#).unwrap();
    fs::write(dir.join("tsconfig.json"), r#"{ "compilerOptions": { "strict": false } }"#).unwrap();
    let mut args: Vec<&str> = tsc_flags::TSC_STRICT.to_vec();
    args.extend(["--noEmit", "--allowImportingTsExtensions"]);
    args.extend(files);
    run(dir, &tool(tools::TSC), &args);
    args.push("--ignoreConfig");
    run(dir, &tool(tools::TSC7), &args);
}

/// [`tsc_check`], then compile `files` to `out/` for Node.
fn tsc_compile(dir: &Path, files: &[&str]) {
    tsc_check(dir, files);
    let tsc = tool(tools::TSC);
    let mut args: Vec<&str> = tsc_flags::TSC_STRICT.to_vec();
    args.extend(["--rewriteRelativeImportExtensions", "--outDir", "out"]);
    args.extend(files);
    run(dir, &tsc, &args);
}

/// Node runs `script` (compiled by [`tsc_compile`]) and returns its stdout.
fn node(dir: &Path, script: &str) -> String {
    run(dir, Path::new("node"), &[script])
}

/// Node 22 runs the TypeScript `script` itself, through its type stripping
/// (`--experimental-strip-types`; on by default from 23.6), and returns its
/// stdout.
fn node_stripping_types(dir: &Path, script: &str) -> String {
    run(dir, &tool(tools::NODE22), &["--experimental-strip-types", "--no-warnings", script])
}

/// A TypeScript file that prints what the module holds, and what its guards
/// say about every code, as JSON.
fn dump_ts(model: &Model) -> String {
    let code_field = lit(&model.body.code_field);
    let message_field = lit(&model.body.message_field);
    // A spec without codes (or statuses) has no such exports: the dump
    // prints empty objects for them, and the assertions below check that
    // the module has none.
    let codes = if model.codes.is_empty() {
        "const codes = {};\nconst errorCodes = {};\nconst guards: unknown[] = [];".to_owned()
    } else {
        format!(
            r#"const codes = m.ErrorCode;
const errorCodes = m.errorCodes;
const guards = Object.values(m.ErrorCode).map((code) => ({{
  code,
  isErrorCode: m.isErrorCode(code),
  isErrorResponse: m.isErrorResponse({{ [{code_field}]: code, [{message_field}]: "m" }}),
  retryable: m.isRetryable(0, {{ [{code_field}]: code, [{message_field}]: "m" }}),
}}));"#
        )
    };
    let statuses = if model.statuses.is_empty() {
        "const statusNames = {};\nconst httpStatuses = {};\nconst statuses: unknown[] = [];".to_owned()
    } else {
        "const statusNames = m.HttpStatus;\nconst httpStatuses = m.httpStatuses;\n\
         const statuses = Object.values(m.HttpStatus).map((status) => ({ status, retryable: m.isRetryable(status), isHttpStatus: m.isHttpStatus(status) }));"
            .to_owned()
    };
    format!(
        r#"import * as m from "./errors.ts";
{codes}
{statuses}
console.log(JSON.stringify({{ ErrorCode: codes, HttpStatus: statusNames, errorCodes, httpStatuses, guards, statuses, exports: Object.keys(m).sort() }}));
"#
    )
}

/// Compares the module's values, as Node sees them, with the model.
fn assert_ts_matches_model(dump: &Value, model: &Model) {
    let object = |v: &Value| v.as_object().unwrap().len();
    assert_eq!(object(&dump["ErrorCode"]), model.codes.len());
    assert_eq!(object(&dump["errorCodes"]), model.codes.len());
    assert_eq!(object(&dump["HttpStatus"]), model.statuses.len());
    assert_eq!(object(&dump["httpStatuses"]), model.statuses.len());
    // No export is offered for what the spec does not have: no empty
    // `ErrorCode`, no empty `HttpStatus`.
    let exports: Vec<&str> = dump["exports"].as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect();
    for (name, present) in [
        ("ErrorCode", !model.codes.is_empty()),
        ("errorCodes", !model.codes.is_empty()),
        ("isErrorCode", !model.codes.is_empty()),
        ("HttpStatus", !model.statuses.is_empty()),
        ("httpStatuses", !model.statuses.is_empty()),
        ("isHttpStatus", !model.statuses.is_empty()),
        ("isRetryable", true),
    ] {
        assert_eq!(exports.contains(&name), present, "export {name} in {exports:?}");
    }
    let multi_status = model.codes.iter().any(|c| statuses_of(c).len() > 1);
    let alternatives = model.codes.iter().any(|c| rows_of(c).len() > 1);
    for c in &model.codes {
        assert_eq!(dump["ErrorCode"][&c.ident], json!(c.code), "ErrorCode.{}", c.ident);
        let params: Vec<Value> =
            c.params.iter().map(|p| json!({ "name": p.name, "placeholder": p.placeholder })).collect();
        let mut expected = json!({
            "code": c.code,
            "name": c.ident,
            "httpStatus": c.http_status,
            "retryable": c.retryable,
            "message": c.message,
            "params": params,
            "description": c.description,
            "group": c.group,
        });
        if multi_status {
            expected["httpStatuses"] = json!(statuses_of(c));
        }
        if alternatives {
            let rows: Vec<Value> = rows_of(c)[1..]
                .iter()
                .map(|(status, message, description)| json!({ "httpStatus": status, "message": message, "description": description }))
                .collect();
            expected["alternatives"] = json!(rows);
        }
        assert_eq!(dump["errorCodes"][&c.code], expected, "errorCodes[{:?}]", c.code);
    }
    for s in &model.statuses {
        assert_eq!(dump["HttpStatus"][&s.name], json!(s.status));
        let info = &dump["httpStatuses"][s.status.to_string()];
        assert_eq!(info["name"], json!(s.name));
        assert_eq!(info["description"], json!(s.description));
        assert_eq!(info["retryable"], json!(s.retryable));
        let codes: Vec<&str> = codes_of(model, s.status).iter().map(|c| c.code.as_str()).collect();
        if model.codes.is_empty() {
            assert!(info.get("codes").is_none(), "no codes list without codes");
        } else {
            assert_eq!(info["codes"], json!(codes));
        }
        assert_eq!(info["hasErrorBody"], json!(s.has_error_body || !codes.is_empty()));
    }
    for (g, c) in dump["guards"].as_array().unwrap().iter().zip(&model.codes) {
        assert_eq!(g, &json!({ "code": c.code, "isErrorCode": true, "isErrorResponse": true, "retryable": c.retryable }));
    }
    for (g, s) in dump["statuses"].as_array().unwrap().iter().zip(&model.statuses) {
        assert_eq!(g, &json!({ "status": s.status, "retryable": s.retryable, "isHttpStatus": true }));
    }
}

fn check_typescript(case: &Case, usage: Option<&str>) {
    let dir = case.dir.path();
    fs::write(dir.join("dump.ts"), dump_ts(&case.model)).unwrap();
    let mut files = vec!["errors.ts", "dump.ts"];
    if let Some(usage) = usage {
        fs::write(dir.join("usage.ts"), usage).unwrap();
        files.push("usage.ts");
    }
    tsc_compile(dir, &files);
    if usage.is_some() {
        assert_eq!(node(dir, "out/usage.js").trim(), "usage ok");
        assert_eq!(node_stripping_types(dir, "usage.ts").trim(), "usage ok");
    }
    let compiled = node(dir, "out/dump.js");
    let dump: Value = serde_json::from_str(&compiled).expect("dump.js prints JSON");
    assert_ts_matches_model(&dump, &case.model);
    assert_eq!(node_stripping_types(dir, "dump.ts"), compiled, "Node's type stripping runs the module as tsc compiles it");
}

/// An API document with a path whose responses `$ref` into the fragment.
fn api_document(model: &Model) -> String {
    let mut out = String::from(
        "openapi: 3.1.0\ninfo:\n  title: Usage of the error fragment\n  version: \"1\"\n  license:\n    name: MIT\n    identifier: MIT\n\
         servers:\n  - url: https://api.example.com\n\
         paths:\n  /things:\n    get:\n      operationId: listThings\n      summary: List things\n      description: Responds with things or a documented error.\n      security: []\n      responses:\n        \"200\":\n          description: The things\n          content:\n            application/json:\n              schema:\n                type: array\n                items:\n                  $ref: \"#/components/schemas/Code\"\n",
    );
    for s in &model.statuses {
        let _ = write!(
            out,
            "        \"{0}\":\n          $ref: \"./openapi.yaml#/components/responses/Status{0}\"\n",
            s.status
        );
    }
    out.push_str("components:\n  schemas:\n    Code:\n");
    if model.codes.is_empty() {
        out.push_str("      type: string\n");
    } else {
        out.push_str("      $ref: \"./openapi.yaml#/components/schemas/ErrorCode\"\n");
    }
    if !model.codes.is_empty() || model.statuses.iter().any(|s| s.has_error_body) {
        out.push_str("    Body:\n      $ref: \"./openapi.yaml#/components/schemas/ErrorResponse\"\n");
    }
    out
}

/// What Redocly's default rules report for a fragment errgen wrote with no
/// license: `info-license`, and `no-unused-components` when it has any
/// component (README, "Publishing").
fn fragment_only_rules(model: &Model) -> Vec<String> {
    let mut rules = vec!["info-license".to_owned()];
    if !model.codes.is_empty() || !model.statuses.is_empty() {
        rules.push("no-unused-components".to_owned());
    }
    rules
}

/// Compares the fragment's strings, as a YAML parser reads them, with the
/// model.
fn assert_openapi_matches_model(doc: &Value, model: &Model) {
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["paths"], json!({}));
    let schemas = &doc["components"]["schemas"];
    let (code_field, message_field) = (&model.body.code_field, &model.body.message_field);
    if model.codes.is_empty() {
        assert!(schemas.get("ErrorCode").is_none(), "no empty ErrorCode enum");
        assert_eq!(schemas["ErrorResponse"]["properties"][code_field]["type"], "string");
    } else {
        let codes: Vec<&str> = model.codes.iter().map(|c| c.code.as_str()).collect();
        let idents: Vec<&str> = model.codes.iter().map(|c| c.ident.as_str()).collect();
        let descriptions: Vec<&str> = model.codes.iter().map(|c| c.description.as_str()).collect();
        assert_eq!(schemas["ErrorCode"]["enum"], json!(codes));
        assert_eq!(schemas["ErrorCode"]["x-enum-varnames"], json!(idents));
        assert_eq!(schemas["ErrorCode"]["x-enum-descriptions"], json!(descriptions));
    }
    if model.statuses.is_empty() {
        assert!(doc["components"].get("responses").is_none(), "no empty responses map");
    }
    let has_body = !model.codes.is_empty() || model.statuses.iter().any(|s| s.has_error_body);
    if has_body {
        assert_eq!(schemas["ErrorResponse"]["required"], json!([code_field, message_field]));
    } else {
        assert!(doc["components"].get("schemas").is_none(), "no body schemas without a body");
    }
    for s in &model.statuses {
        let response = &doc["components"]["responses"][format!("Status{}", s.status)];
        let description = if s.description.trim().is_empty() { &s.name } else { &s.description };
        assert_eq!(response["description"], json!(description), "Status{}", s.status);
        assert_eq!(response["x-status-name"], json!(s.name));
        assert_eq!(response["x-retryable"], json!(s.retryable));
        let status_codes = codes_of(model, s.status);
        if !s.has_error_body && status_codes.is_empty() {
            assert!(response.get("content").is_none(), "Status{} has no body", s.status);
            continue;
        }
        let schema = &schemas[format!("ErrorResponse{}", s.status)];
        // Open enums: the known codes for documentation and tools, and any
        // string besides.
        let enum_codes: Vec<&str> = status_codes.iter().map(|c| c.code.as_str()).collect();
        let code_schema = &schema["properties"][code_field];
        if enum_codes.is_empty() {
            assert_eq!(code_schema["type"], "string");
        } else {
            let known = &code_schema["anyOf"][0];
            assert_eq!(known["enum"], json!(enum_codes));
            let idents: Vec<&str> = status_codes.iter().map(|c| c.ident.as_str()).collect();
            let descriptions: Vec<&str> = status_codes.iter().map(|c| c.description.as_str()).collect();
            assert_eq!(known["x-enum-varnames"], json!(idents));
            assert_eq!(known["x-enum-descriptions"], json!(descriptions));
            assert_eq!(code_schema["anyOf"][1], json!({ "type": "string" }));
        }
        // One example per row at this status: `CODE`, then `CODE (2)`.
        let examples = &response["content"]["application/json"]["examples"];
        let mut count = 0;
        for c in &status_codes {
            let rows: Vec<_> = rows_of(c).into_iter().filter(|r| r.0 == Some(s.status)).collect();
            for (n, (_, message, description)) in rows.iter().enumerate() {
                let key = if n == 0 { c.code.clone() } else { format!("{} ({})", c.code, n + 1) };
                let example = &examples[&key];
                let sample = sample_of(c, message);
                assert!(!sample.contains("{{") || c.params.is_empty(), "{key}: {sample}");
                assert_eq!(example["value"], json!({ code_field.as_str(): c.code, message_field.as_str(): sample }), "{key}");
                assert_eq!(example["x-retryable"], json!(c.retryable));
                if !description.trim().is_empty() {
                    assert_eq!(example["summary"], json!(description));
                }
                count += 1;
            }
        }
        assert_eq!(examples.as_object().map_or(0, serde_json::Map::len), count, "Status{} examples", s.status);
    }
}

fn check_openapi(case: &Case) {
    let dir = case.dir.path();
    let validator = tool(".venv/bin/openapi-spec-validator");
    let redocly = tool("node_modules/.bin/redocly");
    let out = run(dir, &validator, &["openapi.yaml"]);
    assert!(out.contains("openapi.yaml: OK"), "{out}");
    // Redocly's recommended rules with the shipped configuration: clean.
    // Without it, exactly the two rules the README names fail.
    assert_eq!(redocly_problems(dir, "openapi.yaml", true), Vec::<String>::new());
    assert_eq!(redocly_problems(dir, "openapi.yaml", false), fragment_only_rules(&case.model));
    assert_openapi_matches_model(&yaml_as_json(dir, "openapi.yaml"), &case.model);
    let examples = validate_examples(dir, "openapi.yaml");
    let expected: usize = case.model.codes.iter().map(|c| rows_of(c).len()).sum::<usize>()
        - case
            .model
            .codes
            .iter()
            .flat_map(rows_of)
            .filter(|r| r.0.is_some_and(|s| case.model.status(s).is_none()))
            .count();
    assert_eq!(examples, expected, "one example per row (rows at unlisted statuses have none)");

    fs::write(dir.join("api.yaml"), api_document(&case.model)).unwrap();
    run(dir, &validator, &["api.yaml"]);
    run(dir, &redocly, &["bundle", "api.yaml", "--output", "bundled.yaml"]);
    let out = run(dir, &validator, &["bundled.yaml"]);
    assert!(out.contains("bundled.yaml: OK"), "{out}");
    run(dir, &redocly, &["lint", "bundled.yaml"]);
    let bundled = yaml_as_json(dir, "bundled.yaml");
    assert!(!bundled.to_string().contains("openapi.yaml#"), "bundling left external references");
    let responses = &bundled["paths"]["/things"]["get"]["responses"];
    for s in &case.model.statuses {
        let mut response = responses[s.status.to_string()].clone();
        if let Some(target) = response["$ref"].as_str() {
            let name = target.rsplit('/').next().unwrap();
            response = bundled["components"]["responses"][name].clone();
        }
        assert_eq!(response["x-retryable"], json!(s.retryable), "bundled response {}", s.status);
    }
}

/// openapi-typescript's types for the fragment must agree with ours.
fn check_openapi_typescript(case: &Case) {
    let dir = case.dir.path();
    let generator = tool("node_modules/.bin/openapi-typescript");
    run(dir, &generator, &["openapi.yaml", "--output", "schema.ts"]);
    let model = &case.model;
    let (code_field, message_field) = (lit(&model.body.code_field), lit(&model.body.message_field));
    let has_body = !model.codes.is_empty() || model.statuses.iter().any(|s| s.has_error_body);
    let mut usage = String::new();
    if model.codes.is_empty() {
        if has_body {
            usage.push_str(
                "import type { ErrorResponse } from \"./errors.ts\";\nimport type { components } from \"./schema.ts\";\n\
                 export const anyBody: components[\"schemas\"][\"ErrorResponse\"] = {} as ErrorResponse;\n",
            );
        }
    } else {
        usage.push_str(
            r#"import { ErrorCode, errorCodes, type ErrorResponse } from "./errors.ts";
import type { components } from "./schema.ts";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type SchemaCode = components["schemas"]["ErrorCode"];
export const sameCodes: Equal<SchemaCode, ErrorCode> = true;
export const allCodes: SchemaCode[] = Object.values(ErrorCode);
export const anyBody: components["schemas"]["ErrorResponse"] = {} as ErrorResponse;
export const fromMetadata: SchemaCode[] = Object.values(errorCodes).map((info) => info.code);
"#,
        );
    }
    for (i, c) in model.codes.iter().enumerate() {
        let _ = writeln!(usage, "export const code{i}: SchemaCode = ErrorCode[{}];", lit(&c.ident));
        // The code fits the body of each of its statuses, and the generic
        // body when it has none.
        let listed: Vec<u16> = statuses_of(c).into_iter().filter(|s| model.status(*s).is_some()).collect();
        let schemas: Vec<String> = if listed.is_empty() {
            vec!["ErrorResponse".to_owned()]
        } else {
            listed.iter().map(|s| format!("ErrorResponse{s}")).collect()
        };
        for (j, schema) in schemas.iter().enumerate() {
            let _ = writeln!(
                usage,
                "export const body{i}_{j}: components[\"schemas\"][\"{schema}\"] = {{ [{code_field}]: ErrorCode[{ident}], [{message_field}]: {message} }};",
                ident = lit(&c.ident),
                message = lit(&c.message),
            );
        }
    }
    // Open enums: a code no version of the spec lists yet fits every body.
    for st in model.statuses.iter().filter(|st| st.has_error_body || !codes_of(model, st.status).is_empty()) {
        let _ = writeln!(
            usage,
            "export const newer{status}: components[\"schemas\"][\"ErrorResponse{status}\"] = {{ [{code_field}]: \"A_CODE_FROM_NEXT_MONTH\", [{message_field}]: \"m\" }};",
            status = st.status,
        );
    }
    if has_body {
        let _ = writeln!(
            usage,
            "export const newer: components[\"schemas\"][\"ErrorResponse\"] = {{ [{code_field}]: \"A_CODE_FROM_NEXT_MONTH\", [{message_field}]: \"m\" }};"
        );
    }
    if usage.is_empty() {
        usage.push_str("import type { components } from \"./schema.ts\";\nexport type Responses = components;\n");
    }
    fs::write(dir.join("schema-usage.ts"), usage).unwrap();
    tsc_check(dir, &["errors.ts", "schema.ts", "schema-usage.ts"]);
}

#[test]
fn generated_typescript_type_checks_runs_and_matches_the_spec() {
    let case = generated_case();
    check_typescript(&case, Some(include_str!("ts/usage.ts")));
}

#[test]
fn generated_openapi_validates_bundles_and_matches_the_spec() {
    check_openapi(&generated_case());
}

#[test]
fn generated_openapi_gives_openapi_typescript_types_equal_to_ours() {
    check_openapi_typescript(&generated_case());
}

#[test]
fn hostile_typescript_type_checks_and_round_trips_every_string() {
    let case = hostile_case();
    let ts = fs::read_to_string(case.dir.path().join("errors.ts")).unwrap();
    for bidi in ['\u{202E}', '\u{202C}', '\u{2066}', '\u{2067}', '\u{2069}', '\u{202D}', '\u{200F}', '\u{061C}', '\u{FEFF}', '\u{2028}', '\u{2029}'] {
        assert!(!ts.contains(bidi), "errors.ts contains {bidi:?} unescaped");
    }
    assert!(ts.contains("잔액이 부족합니다") && ts.contains("🚀"), "non-ASCII text stays UTF-8");
    check_typescript(&case, None);
}

#[test]
fn hostile_openapi_validates_bundles_and_round_trips_every_string() {
    let case = hostile_case();
    let yaml = fs::read_to_string(case.dir.path().join("openapi.yaml")).unwrap();
    assert!(!yaml.contains('\u{202E}') && !yaml.contains('\u{7F}'), "openapi.yaml contains unescaped controls");
    check_openapi(&case);
}

#[test]
fn hostile_openapi_gives_openapi_typescript_types_equal_to_ours() {
    check_openapi_typescript(&hostile_case());
}

/// What one output says about a model: one line per status (`M status N
/// retryable error-body retried-without-a-body`) and per code (`M code J
/// Some(status) retryable`), sorted.
type Facts = Vec<String>;

/// Messages to parse for each code of `model`: its first template filled
/// with two sets of values, one with text after it, and the empty message;
/// and whether the code has several templates (the Rust variant then keeps
/// the message, so only whether it fits is compared).
fn parse_cases(model: &Model) -> Vec<(Vec<String>, bool)> {
    model
        .codes
        .iter()
        .map(|code| {
            let fill = |suffix: &str| {
                let values: Vec<String> = (0..code.params.len()).map(|i| format!("v{i}{suffix}")).collect();
                code.render(&values.iter().map(String::as_str).collect::<Vec<_>>())
            };
            let several = code.alternatives.iter().any(|a| a.message != code.message);
            let mut messages = vec![fill(""), fill("x"), fill("") + "!", String::new()];
            // Each value followed by the literal after it, so that where that
            // literal is looked for decides the split; only for plain
            // literals, which both sides print alike.
            let segments = code.segments();
            let mut values = vec![String::new(); code.params.len()];
            let mut plain = true;
            for (n, segment) in segments.iter().enumerate() {
                if let Segment::Param(i) = segment {
                    let next = match segments.get(n + 1) {
                        Some(Segment::Literal(text)) => *text,
                        _ => "",
                    };
                    plain &= next.chars().all(|c| c.is_ascii_alphanumeric() || " -:.,".contains(c));
                    values[*i] = format!("v{i}{next}w");
                }
            }
            if plain && !code.params.is_empty() {
                messages.push(code.render(&values.iter().map(String::as_str).collect::<Vec<_>>()));
            }
            (messages, several)
        })
        .collect()
}

/// Rust: the quoted values of an `Error`'s `Debug` (`V { a: "x", b: "y" }`
/// gives `x|y`), as written there (escaped).
const RUST_VALUES: &str = r#"fn values(debug: &str) -> String {
    let mut out = Vec::new();
    let mut rest = debug;
    while let Some(at) = rest.find(": \"") {
        rest = &rest[at + 3..];
        let mut value = String::new();
        let mut end = rest.len();
        let mut chars = rest.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    value.push(c);
                    if let Some((_, next)) = chars.next() {
                        value.push(next);
                    }
                }
                '"' => {
                    end = i + 1;
                    break;
                }
                _ => value.push(c),
            }
        }
        out.push(value);
        rest = &rest[end..];
    }
    out.join("|")
}
"#;

/// The Rust files of `models`, compiled into one throwaway binary that
/// prints their facts.
fn rust_facts(dir: &Path, models: &[Model]) -> Facts {
    let krate = dir.join("rust");
    fs::create_dir_all(krate.join("src")).unwrap();
    fs::write(krate.join("Cargo.toml"), "[package]\nname = \"agree\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n").unwrap();
    // `http_status` is `u16` or `Option<u16>`, as the model decides.
    let mut main = String::from("fn status_of<T: Into<Option<u16>>>(t: T) -> Option<u16> {\n    t.into()\n}\n\n");
    main.push_str(RUST_VALUES);
    let mut body = String::new();
    for (i, model) in models.iter().enumerate() {
        fs::write(krate.join(format!("src/m{i}.rs")), errgen::Config::new().generate(model).unwrap()).unwrap();
        let _ = writeln!(main, "#[allow(dead_code)]\nmod m{i} {{\n    include!(\"m{i}.rs\");\n}}");
        // A status-only spec classifies by the status alone.
        let classify =
            |status: &str| if model.codes.is_empty() { format!("from_status({status})") } else { format!("from_response({status}, None)") };
        if !model.statuses.is_empty() {
            let _ = writeln!(
                body,
                "    for s in m{i}::HttpStatus::ALL {{\n        let retried = m{i}::Outcome::{}.retry;\n        \
                 println!(\"{i} status {{}} {{}} {{}} {{retried}}\", s.status(), s.is_retryable(), s.has_error_body());\n    }}",
                classify("s.status()")
            );
        }
        let _ = writeln!(
            body,
            "    for s in 100..600 {{\n        println!(\"{i} retry {{s}} {{}}\", m{i}::Outcome::{}.retry);\n    }}",
            classify("s")
        );
        if model.codes.is_empty() {
            continue;
        }
        let _ = writeln!(
            body,
            "    for (j, c) in m{i}::ErrorCode::ALL.iter().enumerate() {{\n        \
             println!(\"{i} code {{j}} {{:?}} {{}}\", status_of(c.http_status()), c.is_retryable());\n    }}"
        );
        // Each message parsed back, as a body's message is: one table and
        // one loop per model (a block per message is slow to compile).
        if !model.codes.is_empty() {
            let mut table = String::new();
            for (j, (messages, several)) in parse_cases(model).iter().enumerate() {
                for (k, message) in messages.iter().enumerate() {
                    let _ = writeln!(table, "        ({j}, {k}, {message:?}, {several}),");
                }
            }
            let _ = writeln!(
                body,
                "    let cases: &[(usize, usize, &str, bool)] = &[\n{table}    ];\n    \
                 for &(j, k, message, several) in cases {{\n        \
                 let code = m{i}::ErrorCode::ALL[j].as_str().to_owned();\n        \
                 let e = m{i}::Error::from(m{i}::ErrorBody {{ code, message: message.to_owned() }});\n        \
                 assert_eq!(e.code(), Some(m{i}::ErrorCode::ALL[j]), \"the code of {{e:?}}\");\n        \
                 let fits = !matches!(e, m{i}::Error::Unmatched {{ .. }});\n        \
                 let values = if fits && !several {{ values(&format!(\"{{e:?}}\")) }} else {{ String::new() }};\n        \
                 println!(\"{i} parse {{j}} {{k}} {{fits}} {{values}}\");\n    }}"
            );
        }
    }
    let _ = write!(main, "\nfn main() {{\n{body}}}\n");
    fs::write(krate.join("src/main.rs"), main).unwrap();
    let cargo = PathBuf::from(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    let target = dir.join("target");
    let out = run(&krate, &cargo, &["run", "--quiet", "--offline", "--target-dir", target.to_str().unwrap()]);
    sorted(&out)
}

/// The TypeScript modules of `models`, compiled by tsc and run by Node.
fn typescript_facts(dir: &Path, models: &[Model]) -> Facts {
    let header = Header { command: "errgen generate".to_owned(), sources: vec!["spec/a.md".to_owned()] };
    let mut dump = String::new();
    let mut files = vec!["dump.ts".to_owned()];
    for (i, model) in models.iter().enumerate() {
        fs::create_dir_all(dir.join(format!("m{i}"))).unwrap();
        fs::write(dir.join(format!("m{i}/errors.ts")), emit::typescript(model, &header).unwrap()).unwrap();
        files.push(format!("m{i}/errors.ts"));
        // A spec without a status table has no `HttpStatus`, one without
        // codes no `ErrorCode`: the dump reads only what the module has.
        let _ = writeln!(dump, r#"import * as m{i} from "./m{i}/errors.ts";"#);
        let _ = writeln!(dump, "for (let s = 100; s < 600; s++) {{\n  console.log(`{i} retry ${{s}} ${{m{i}.isRetryable(s)}}`);\n}}");
        if !model.statuses.is_empty() {
            let _ = writeln!(
                dump,
                r"{{
  const table: {{ readonly [status: number]: {{ readonly retryable: boolean; readonly hasErrorBody: boolean }} }} = m{i}.httpStatuses;
  for (const s of Object.values(m{i}.HttpStatus) as number[]) {{
    const info = table[s];
    console.log(`{i} status ${{s}} ${{info?.retryable}} ${{info?.hasErrorBody}} ${{m{i}.isRetryable(s)}}`);
  }}
}}"
            );
        }
        if !model.codes.is_empty() {
            let _ = writeln!(
                dump,
                r#"{{
  const codes: {{ readonly [code: string]: {{ readonly httpStatus: number | null; readonly retryable: boolean }} }} = m{i}.errorCodes;
  (Object.values(m{i}.ErrorCode) as string[]).forEach((code, j) => {{
    const s = codes[code]?.httpStatus;
    console.log(`{i} code ${{j}} ${{s === null || s === undefined ? "None" : `Some(${{s}})`}} ${{codes[code]?.retryable}}`);
  }});
}}"#
            );
            let cases: Vec<serde_json::Value> = parse_cases(model).into_iter().map(|(m, several)| json!([m, several])).collect();
            let _ = writeln!(
                dump,
                r#"{{
  const cases: [string[], boolean][] = {cases};
  (Object.values(m{i}.ErrorCode) as m{i}.ErrorCode[]).forEach((code, j) => {{
    (cases[j]?.[0] ?? []).forEach((message, k) => {{
      const params: object | undefined = m{i}.parseMessage(code, message);
      const fits = params !== undefined;
      const values = fits && !cases[j]?.[1] ? Object.values(params).map((v: string) => JSON.stringify(v).slice(1, -1)).join("|") : "";
      console.log(`{i} parse ${{j}} ${{k}} ${{fits}} ${{values}}`);
    }});
  }});
}}"#,
                cases = serde_json::Value::Array(cases)
            );
        }
    }
    fs::write(dir.join("dump.ts"), dump).unwrap();
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    tsc_compile(dir, &files);
    sorted(&node(dir, "out/dump.js"))
}

/// The statuses of the `OpenAPI` fragments of `models`, read back as YAML
/// (codes are not listed: the fragment states their statuses only through
/// the statuses it lists).
fn openapi_status_facts(models: &[Model]) -> Facts {
    let header = Header { command: "errgen generate".to_owned(), sources: vec!["spec/a.md".to_owned()] };
    let mut lines = Vec::new();
    for (i, model) in models.iter().enumerate() {
        let doc: serde_yaml::Value = serde_yaml::from_str(&emit::openapi(model, &header).unwrap()).unwrap();
        let responses = &doc["components"]["responses"];
        for s in &model.statuses {
            let response = &responses[format!("Status{}", s.status).as_str()];
            let retry = response["x-retryable"].as_bool().unwrap();
            let body = response.get("content").is_some();
            lines.push(format!("{i} status {} {retry} {body} {retry}", s.status));
        }
        // A status without a response is retried when the fragment's
        // `x-retried-when-unlisted` names it.
        let unlisted = doc["info"]["x-retried-when-unlisted"].as_sequence().expect("x-retried-when-unlisted");
        for s in 100..600_u64 {
            let retry = match responses.get(format!("Status{s}").as_str()) {
                Some(response) => response["x-retryable"].as_bool().unwrap(),
                None => unlisted.iter().any(|u| u.as_u64() == Some(s)),
            };
            lines.push(format!("{i} retry {s} {retry}"));
        }
    }
    lines.sort();
    lines
}

fn sorted(out: &str) -> Facts {
    let mut lines: Vec<String> = out.lines().map(str::to_owned).collect();
    lines.sort();
    lines
}

/// The Rust, TypeScript and `OpenAPI` outputs of random models (and the
/// seed) say the same about each status (retryable, carries the error
/// body, retried when a response has no body), each code (status,
/// retryable), and whether a response without a body is retried, for
/// every status from 100 to 599, listed or not
/// (`facts::RETRIED_WHEN_UNLISTED`); and Rust and TypeScript parse the same
/// messages into the same parameter values.
#[test]
fn the_three_outputs_agree_on_derived_facts() {
    use proptest::strategy::{Strategy, ValueTree};
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    // Templates where the matching rule shows: a literal that repeats, a
    // parameter used twice, two placeholders that touch.
    let tricky = "# Tricky\n\n| Code | HTTP Status | Message | Retryable |\n| --- | --- | --- | --- |\n\
                  | LIST | 400 | {{A}} and {{B}} and {{C}} | No |\n| TWICE | 400 | {{A}}-{{A}}! | No |\n\
                  | TOUCH | 400 | at {{A}}{{B}} | No |\n";
    let (tricky, diagnostics) = errgen::from_sources(vec![("tricky.md".to_owned(), tricky.to_owned())]);
    let mut models = vec![generated_case().model, tricky.unwrap_or_else(|| panic!("{diagnostics:?}")), many_codes_model()];
    while models.len() < 24 {
        models.push(support::strategies::model().new_tree(&mut runner).unwrap().current());
    }
    // The shapes random models may miss: codes without a status, a
    // status-only spec, a codes-only spec (every status unlisted).
    models.extend([mixed_model(), status_only_model(), codes_only_model()]);
    let dir = tempfile::tempdir().unwrap();
    let rust = rust_facts(dir.path(), &models);
    let ts = typescript_facts(dir.path(), &models);
    assert_eq!(rust, ts, "Rust and TypeScript disagree");
    let parse: Vec<Vec<&str>> = rust.iter().filter(|l| l.contains(" parse ")).map(|l| l.split(' ').collect()).collect();
    let with_values = parse.iter().filter(|p| p[4] == "true" && !p[5].is_empty()).count();
    let unfit = parse.iter().filter(|p| p[4] == "false").count();
    assert!(with_values > 20 && unfit > 20, "the messages cover parameters and misfits: {with_values}, {unfit}");
    let statuses: Facts = rust.iter().filter(|l| !l.contains(" code ") && !l.contains(" parse ")).cloned().collect();
    assert_eq!(statuses, openapi_status_facts(&models), "Rust and OpenAPI disagree");
    let with_codes_no_body = models.iter().flat_map(|m| &m.statuses).filter(|s| !s.has_error_body).count();
    assert!(with_codes_no_body > 0 && statuses.len() > 20, "the models cover statuses without a body link");
    let unlisted_502 = models.iter().filter(|m| m.status(502).is_none()).count();
    assert!(unlisted_502 > 0 && rust.contains(&format!("{} retry 502 true", models.len() - 1)), "an unlisted 502 is retried");
}

/// More codes than the generated Rust takes in one `match` (its
/// `code` and `construct` then go in functions of 256 codes each): codes
/// of zero to three parameters, and every 97th documented in a second
/// row with another template.
fn many_codes_model() -> Model {
    let mut md = String::from("# Many\n\n| Code | HTTP Status | Message | Retryable |\n| --- | --- | --- | --- |\n");
    for i in 0..700 {
        let message = match i % 4 {
            0 => format!("Failed {i}"),
            1 => format!("Item {{{{Item}}}} failed {i}"),
            2 => format!("{{{{A}}}} and {{{{B}}}} failed {i}"),
            _ => format!("{{{{A}}}} then {{{{B}}}}, {{{{C}}}}: {i}"),
        };
        let _ = writeln!(md, "| MANY\\_{i} | 400 | {message} | {} |", if i % 3 == 0 { "Yes" } else { "No" });
        if i % 97 == 5 {
            let _ = writeln!(md, "| MANY\\_{i} | 400 | Other {{{{Item}}}} of {i} | No |");
        }
    }
    let (model, diagnostics) = errgen::from_sources(vec![("many.md".to_owned(), md)]);
    let model = model.unwrap_or_else(|| panic!("{diagnostics:?}"));
    assert!(model.codes.len() > 2 * 256 && model.codes.iter().any(|c| !c.alternatives.is_empty()));
    model
}

// Model v2 shapes, hand-built: codes with no documented status, codes with
// alternative rows, a status-only spec and a codes-only spec.

fn source(line: u32) -> Source {
    Source { file: "spec/errors.md".to_owned(), line, column: 1 }
}

fn status(status: u16, name: &str, retryable: bool, has_error_body: bool) -> Status {
    Status {
        status,
        name: name.to_owned(),
        description: format!("{name} happened"),
        retryable,
        has_error_body,
        source: source(u32::from(status)),
    }
}

fn code(wire: &str, ident: &str, http_status: Option<u16>, retryable: bool, message: &str) -> Code {
    Code {
        code: wire.to_owned(),
        ident: ident.to_owned(),
        http_status,
        retryable,
        message: message.to_owned(),
        params: Vec::new(),
        description: format!("{wire} explained"),
        group: "Errors".to_owned(),
        extra: std::collections::BTreeMap::new(),
        source: source(1),
        alternatives: Vec::new(),
    }
}

fn alternative(http_status: Option<u16>, message: &str) -> Alternative {
    Alternative {
        http_status,
        message: message.to_owned(),
        description: format!("when {message}"),
        source: source(2),
    }
}

fn model(statuses: Vec<Status>, codes: Vec<Code>) -> Model {
    Model { version: MODEL_VERSION, statuses, codes, body: BodyFormat::default() }
}

/// Statuses and codes, some codes without a status, one code at two
/// statuses, one with two messages at one status.
fn mixed_model() -> Model {
    let mut conflict = code("CONDITION_NOT_MET", "ConditionNotMet", Some(409), false, "Condition not met");
    conflict.alternatives.push(alternative(Some(503), "Condition not met yet, try again"));
    let mut invalid = code("INVALID_FIELD", "InvalidField", Some(400), false, "A field is invalid");
    invalid.alternatives.push(alternative(Some(400), "A field is missing"));
    invalid.alternatives.push(alternative(None, "A field is malformed"));
    model(
        vec![
            status(400, "BAD_REQUEST", false, true),
            status(404, "NOT_FOUND", false, false),
            status(409, "CONFLICT", false, true),
            status(503, "SERVICE_UNAVAILABLE", true, true),
        ],
        vec![
            code("BAD_INPUT", "BadInput", Some(400), false, "Bad input"),
            code("RATE_LIMITED", "RateLimited", None, true, "Slow down"),
            code("QUOTA_EXCEEDED", "QuotaExceeded", None, false, "Quota exceeded"),
            conflict,
            invalid,
        ],
    )
}

/// A status-only page: the statuses are the API's error set.
fn status_only_model() -> Model {
    model(
        vec![
            status(400, "BAD_REQUEST", false, true),
            status(429, "TOO_MANY_REQUESTS", true, false),
            status(500, "INTERNAL_SERVER_ERROR", true, true),
        ],
        Vec::new(),
    )
}

/// Codes only, no status table; one code names a status, one none.
fn codes_only_model() -> Model {
    model(
        Vec::new(),
        vec![
            code("TIMEOUT", "Timeout", None, true, "Timed out"),
            code("DENIED", "Denied", Some(403), false, "Denied"),
        ],
    )
}

/// The `assert` the usage scripts below call (imports are hoisted, so it
/// may come first).
const TS_ASSERT: &str = r"function assert(condition: boolean, what: string): void {
  if (!condition) {
    throw new Error(`assertion failed: ${what}`);
  }
}
";

const MIXED_USAGE: &str = r#"import * as m from "./errors.ts";
import { ErrorCode, errorCodes, httpStatuses, isRetryable, type ErrorCodeInfo } from "./errors.ts";


// A code without a status is listed, and says so with null.
const rate: ErrorCodeInfo<"RATE_LIMITED"> = errorCodes.RATE_LIMITED;
assert(ErrorCode.RateLimited === "RATE_LIMITED" && rate.httpStatus === null, "RATE_LIMITED has no status");
assert(rate.httpStatuses.length === 0, "no statuses listed for RATE_LIMITED");
// Its own flag decides its retryability, whatever status it came with.
assert(isRetryable(400, { code: "RATE_LIMITED", message: "m" }), "RATE_LIMITED retries by its flag");
assert(!isRetryable(503, { code: "QUOTA_EXCEEDED", message: "m" }), "QUOTA_EXCEEDED does not");
// It is in no status's code list.
for (const info of Object.values(httpStatuses)) {
  assert(!info.codes.includes(ErrorCode.RateLimited), `${info.status} does not list RATE_LIMITED`);
}
// A code at two statuses: both listed, both status entries name it.
const cond = errorCodes.CONDITION_NOT_MET;
assert(cond.httpStatus === 409 && cond.httpStatuses.join() === "409,503", "CONDITION_NOT_MET statuses");
assert(httpStatuses[503].codes.includes(ErrorCode.ConditionNotMet), "503 lists CONDITION_NOT_MET");
assert(cond.alternatives[0]?.httpStatus === 503, "the alternative row keeps its status");
// A code with several messages keeps them in order.
const messages = [errorCodes.INVALID_FIELD.message, ...errorCodes.INVALID_FIELD.alternatives.map((a) => a.message)];
assert(messages.join("|") === "A field is invalid|A field is missing|A field is malformed", "INVALID_FIELD messages");
// The types say it: a status may be null.
// @ts-expect-error: httpStatus is nullable
const notNull: number = rate.httpStatus;
void notNull;
console.log("usage ok");
"#;

const STATUS_ONLY_USAGE: &str = r#"import * as m from "./errors.ts";
import { HttpStatus, httpStatuses, isErrorResponse, isHttpStatus, isRetryable, type ErrorResponse, type HttpStatusInfo } from "./errors.ts";


const info: HttpStatusInfo<429> = httpStatuses[HttpStatus.TOO_MANY_REQUESTS];
assert(info.retryable && !info.hasErrorBody, "429 metadata");
assert(isRetryable(500) && isRetryable(429) && !isRetryable(400) && !isRetryable(418), "retry by status");
assert(isRetryable(502) && isRetryable(504) && !isRetryable(501), "unlisted statuses: 429, 500, 502, 503, 504");
assert(isHttpStatus(400) && !isHttpStatus(418), "isHttpStatus");
const body: ErrorResponse = { code: "ANYTHING", message: "m" };
assert(isErrorResponse(body), "bodies keep a string code");
// No empty code types are offered.
// @ts-expect-error: the spec documents no codes
void m.ErrorCode;
// @ts-expect-error: the spec documents no codes
void m.errorCodes;
// @ts-expect-error: the spec documents no codes, so no body can decide
isRetryable(500, body);
// @ts-expect-error: the status info lists no codes
void info.codes;
assert(!("ErrorCode" in m) && !("isErrorCode" in m), "no code exports at run time");
console.log("usage ok");
"#;

const CODES_ONLY_USAGE: &str = r#"import * as m from "./errors.ts";
import { ErrorCode, errorCodes, isRetryable } from "./errors.ts";


assert(errorCodes.TIMEOUT.httpStatus === null && errorCodes.DENIED.httpStatus === 403, "statuses as documented");
assert(isRetryable(0, { code: ErrorCode.Timeout, message: "m" }), "TIMEOUT retries by its flag");
assert(!isRetryable(503, { code: ErrorCode.Denied, message: "m" }), "a code decides whatever its status");
assert(isRetryable(503) && isRetryable(429) && !isRetryable(400) && !isRetryable(501), "unlisted statuses: 429, 500, 502, 503, 504");
// @ts-expect-error: the spec has no status table
void m.HttpStatus;
// @ts-expect-error: the spec has no status table
void m.httpStatuses;
assert(!("HttpStatus" in m) && !("isHttpStatus" in m), "no status exports at run time");
console.log("usage ok");
"#;

/// Fails on any `enum` that is not a non-empty list, anywhere in `value`.
fn no_empty_enum(value: &Value, at: &str) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                assert!(key != "enum" || v.as_array().is_some_and(|e| !e.is_empty()), "empty enum at {at}");
                no_empty_enum(v, &format!("{at}/{key}"));
            }
        }
        Value::Array(items) => items.iter().for_each(|v| no_empty_enum(v, at)),
        _ => {}
    }
}

/// No output of these models offers an empty type or invents a status.
fn assert_no_empty_types(case: &Case) {
    let ts = fs::read_to_string(case.dir.path().join("errors.ts")).unwrap();
    let yaml = fs::read_to_string(case.dir.path().join("openapi.yaml")).unwrap();
    for empty in ["= {\n} as const", "never", ": {\n};", "httpStatus: 0"] {
        assert!(!ts.contains(empty), "errors.ts contains {empty:?}:\n{ts}");
    }
    for empty in ["responses: {}", "schemas: {}", "ErrorResponse0"] {
        assert!(!yaml.contains(empty), "openapi.yaml contains {empty:?}:\n{yaml}");
    }
    no_empty_enum(&yaml_as_json(case.dir.path(), "openapi.yaml"), "#");
}

#[test]
fn codes_without_status_and_alternatives_are_listed_and_exposed() {
    let case = model_case(mixed_model());
    assert_no_empty_types(&case);
    let yaml = yaml_as_json(case.dir.path(), "openapi.yaml");
    let schemas = &yaml["components"]["schemas"];
    // Codes without status are in the generic enum only.
    assert!(schemas["ErrorCode"]["enum"].as_array().unwrap().contains(&json!("RATE_LIMITED")));
    for s in [400, 409, 503] {
        let listed = schemas[format!("ErrorResponse{s}")]["properties"]["code"].to_string();
        assert!(!listed.contains("RATE_LIMITED") && !listed.contains("QUOTA_EXCEEDED"), "{s}: {listed}");
    }
    // A code at two statuses is in both bodies.
    for s in [409, 503] {
        assert!(schemas[format!("ErrorResponse{s}")]["properties"]["code"].to_string().contains("CONDITION_NOT_MET"), "{s}");
    }
    check_typescript(&case, Some(&format!("{TS_ASSERT}{MIXED_USAGE}")));
    check_openapi(&case);
    check_openapi_typescript(&case);
}

#[test]
fn a_status_only_spec_gives_status_types_and_no_empty_code_types() {
    let case = model_case(status_only_model());
    assert_no_empty_types(&case);
    let ts = fs::read_to_string(case.dir.path().join("errors.ts")).unwrap();
    assert!(!ts.contains("export const ErrorCode") && !ts.contains("ErrorCodeInfo"), "no ErrorCode at all:\n{ts}");
    check_typescript(&case, Some(&format!("{TS_ASSERT}{STATUS_ONLY_USAGE}")));
    check_openapi(&case);
    check_openapi_typescript(&case);
}

#[test]
fn a_codes_only_spec_gives_no_status_types() {
    let case = model_case(codes_only_model());
    assert_no_empty_types(&case);
    let ts = fs::read_to_string(case.dir.path().join("errors.ts")).unwrap();
    assert!(!ts.contains("export const HttpStatus") && !ts.contains("HttpStatusInfo"), "no HttpStatus at all:\n{ts}");
    check_typescript(&case, Some(&format!("{TS_ASSERT}{CODES_ONLY_USAGE}")));
    check_openapi(&case);
    check_openapi_typescript(&case);
}

#[test]
fn an_empty_model_renders_valid_files_with_no_types() {
    let case = model_case(model(Vec::new(), Vec::new()));
    assert_no_empty_types(&case);
    tsc_check(case.dir.path(), &["errors.ts"]);
    let out = run(case.dir.path(), &tool(".venv/bin/openapi-spec-validator"), &["openapi.yaml"]);
    assert!(out.contains("openapi.yaml: OK"), "{out}");
}

#[test]
fn document_metadata_is_written_as_given_and_lints_clean_with_a_license() {
    let model = errgen::load(&[workspace().join("spec")]).model.unwrap();
    let info = emit::OpenApiInfo {
        title: "Shop API errors: \"v2\"".to_owned(),
        version: Some("2026-12-01".to_owned()),
        license: Some(emit::License { name: "Apache 2.0".to_owned(), id: Some(emit::LicenseId::Spdx("Apache-2.0".to_owned())) }),
        servers: vec!["https://api.shop.test/v2".to_owned(), "https://sandbox.shop.test/v2".to_owned()],
    };
    let header = Header { command: "errgen generate".to_owned(), sources: vec!["spec/error-response.md".to_owned()] };
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("openapi.yaml"), emit::openapi_with(&model, &header, &info).unwrap()).unwrap();
    let out = run(dir.path(), &tool(".venv/bin/openapi-spec-validator"), &["openapi.yaml"]);
    assert!(out.contains("openapi.yaml: OK"), "{out}");
    let doc = yaml_as_json(dir.path(), "openapi.yaml");
    assert_eq!(
        doc["info"],
        json!({
            "title": "Shop API errors: \"v2\"",
            "version": "2026-12-01",
            "description": "Error codes, error bodies and error responses of the API, generated from its Markdown error documentation. \
                            A status without a response here is retried when it is 429, 500, 502, 503 or 504 (x-retried-when-unlisted).",
            "license": { "name": "Apache 2.0", "identifier": "Apache-2.0" },
            "x-retried-when-unlisted": [429, 500, 502, 503, 504],
        })
    );
    assert_eq!(doc["servers"], json!([{ "url": "https://api.shop.test/v2" }, { "url": "https://sandbox.shop.test/v2" }]));
    // With a license, only the rule a components-only document cannot meet.
    assert_eq!(redocly_problems(dir.path(), "openapi.yaml", false), ["no-unused-components"]);

    let by_url = emit::OpenApiInfo {
        license: Some(emit::License { name: "Proprietary".to_owned(), id: Some(emit::LicenseId::Url("https://example.com/terms".to_owned())) }),
        ..emit::OpenApiInfo::default()
    };
    fs::write(dir.path().join("openapi.yaml"), emit::openapi_with(&model, &header, &by_url).unwrap()).unwrap();
    let doc = yaml_as_json(dir.path(), "openapi.yaml");
    assert_eq!(doc["info"]["license"], json!({ "name": "Proprietary", "url": "https://example.com/terms" }));
    assert_eq!(doc["info"]["title"], "API error responses");
    assert_eq!(doc["info"]["version"], json!(model.version.to_string()));
    assert_eq!(doc["servers"][0]["url"], "/");
    run(dir.path(), &tool(".venv/bin/openapi-spec-validator"), &["openapi.yaml"]);
}
