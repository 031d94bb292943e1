//! `errgen openapi merge` on API documents of our own
//! (`tests/data/merge/`): a small 3.1 document and a larger 3.0 one in the
//! style of a public API. The merged documents are checked by
//! openapi-spec-validator, bundled and linted by Redocly, and their
//! examples validated by JSON Schema; what the document already said must
//! stay as written.

#[path = "../../tests/common/tools.rs"]
mod tools;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};
use tools::{redocly_problems, run, tool, validate_examples, workspace, yaml_as_json};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/merge").join(name)
}

fn errgen(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errgen")).args(args).current_dir(dir).output().expect("run errgen")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The spec the repository documents (`spec/`).
fn spec() -> String {
    workspace().join("spec").to_str().unwrap().to_owned()
}

/// `errgen openapi merge --spec SPEC FILE [extra]` in `dir`; must succeed.
fn merge(dir: &Path, spec: &str, file: &str, extra: &[&str]) -> Output {
    let mut args = vec!["openapi", "merge", "--spec", spec, file];
    args.extend(extra);
    let out = errgen(&args, dir);
    assert_eq!(out.status.code(), Some(0), "merge {file}: {}", text(&out.stderr));
    out
}

/// Every line of `before` is in `after`, in the same order: merging only
/// adds lines.
fn assert_lines_kept(before: &str, after: &str) {
    let mut rest = after.lines();
    for line in before.lines() {
        assert!(rest.any(|l| l == line), "line {line:?} of the document was not kept as written:\n{after}");
    }
}

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Every documented status is answered by every operation: by what the
/// document said (unchanged), by a range it gave, or by a reference to
/// errgen's response.
fn assert_operations_reference(before: &Value, after: &Value, statuses: &[u16]) {
    let mut operations = 0;
    for (path, item) in after["paths"].as_object().unwrap() {
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            operations += 1;
            let old = &before["paths"][path][method]["responses"];
            let new = &op["responses"];
            for (key, value) in old.as_object().unwrap() {
                assert_eq!(&new[key], value, "{method} {path} {key} changed");
            }
            for status in statuses {
                let key = status.to_string();
                let range = format!("{}XX", status / 100);
                if old.get(&key).is_some() || old.get(&range).is_some() {
                    continue;
                }
                assert_eq!(
                    new[&key],
                    json!({ "$ref": format!("#/components/responses/Status{status}") }),
                    "{method} {path} {status}"
                );
            }
        }
    }
    assert!(operations > 0);
}

fn spec_statuses() -> Vec<u16> {
    errgen::load(&[workspace().join("spec")]).model.unwrap().statuses.iter().map(|s| s.status).collect()
}

/// The merged document passes the validator, Redocly's bundle and lint,
/// and JSON Schema on every example; returns it as JSON.
fn check_merged(dir: &Path, file: &str) -> Value {
    let validator = tool(".venv/bin/openapi-spec-validator");
    let out = run(dir, &validator, &[file]);
    assert!(out.contains(&format!("{file}: OK")), "{out}");
    let redocly = tool("node_modules/.bin/redocly");
    run(dir, &redocly, &["bundle", file, "--output", "bundled.yaml"]);
    run(dir, &validator, &["bundled.yaml"]);
    // Redocly's default rules: only unused components (responses of
    // statuses every operation already answers) may remain.
    let problems = redocly_problems(dir, file, false);
    assert!(problems.iter().all(|p| p == "no-unused-components"), "{file}: {problems:?}");
    assert!(validate_examples(dir, file) > 0, "examples were validated");
    yaml_as_json(dir, file)
}

#[test]
fn merge_into_a_small_document_keeps_it_and_adds_the_error_responses() {
    let dir = tempfile::tempdir().unwrap();
    let original = fs::read_to_string(fixture("small.yaml")).unwrap();
    fs::write(dir.path().join("api.yaml"), &original).unwrap();
    // --check on the document as written: exit 1, with a diff and the command.
    let stale = errgen(&["openapi", "merge", "--spec", &spec(), "--check", "api.yaml"], dir.path());
    assert_eq!(stale.status.code(), Some(1));
    let err = text(&stale.stderr);
    assert!(err.contains("+  /things/{id}:") || err.contains("Status500"), "{err}");
    assert!(err.contains("errgen openapi merge"), "{err}");
    assert_eq!(fs::read_to_string(dir.path().join("api.yaml")).unwrap(), original, "--check writes nothing");

    let out = merge(dir.path(), &spec(), "api.yaml", &[]);
    assert!(text(&out.stdout).contains("written    api.yaml"), "{}", text(&out.stdout));
    let merged = fs::read_to_string(dir.path().join("api.yaml")).unwrap();
    assert_lines_kept(&original, &merged);
    assert!(merged.contains("        \"404\":\n          description: There are no things at all   # kept as written\n"));
    let after = check_merged(dir.path(), "api.yaml");
    fs::write(dir.path().join("before.yaml"), &original).unwrap();
    let before = yaml_as_json(dir.path(), "before.yaml");
    assert_operations_reference(&before, &after, &spec_statuses());
    assert_eq!(after["components"]["schemas"]["ErrorResponse"]["x-generated-by"], "errgen");
    assert_eq!(after["info"], before["info"], "info is the document's");

    // A second merge changes nothing; --check agrees.
    let again = merge(dir.path(), &spec(), "api.yaml", &[]);
    assert!(text(&again.stdout).contains("unchanged  api.yaml"), "{}", text(&again.stdout));
    assert_eq!(fs::read_to_string(dir.path().join("api.yaml")).unwrap(), merged);
    let fresh = errgen(&["openapi", "merge", "--spec", &spec(), "--check", "api.yaml"], dir.path());
    assert_eq!(fresh.status.code(), Some(0), "{}", text(&fresh.stderr));
}

#[test]
fn merge_into_a_larger_openapi_3_0_document_with_out() {
    let dir = tempfile::tempdir().unwrap();
    let original = fs::read_to_string(fixture("bookstore.yaml")).unwrap();
    fs::write(dir.path().join("bookstore.yaml"), &original).unwrap();
    // Before: Redocly warns that operations lack 4xx responses.
    assert!(redocly_problems(dir.path(), "bookstore.yaml", false).contains(&"operation-4xx-response".to_owned()));

    merge(dir.path(), &spec(), "bookstore.yaml", &["--out", "merged.yaml"]);
    assert_eq!(fs::read_to_string(dir.path().join("bookstore.yaml")).unwrap(), original, "--out leaves the input");
    let merged = fs::read_to_string(dir.path().join("merged.yaml")).unwrap();
    assert_lines_kept(&original, &merged);
    let after = check_merged(dir.path(), "merged.yaml");
    let before = yaml_as_json(dir.path(), "bookstore.yaml");
    assert_operations_reference(&before, &after, &spec_statuses());
    // The document's own components and $refs are untouched.
    for kind in ["parameters", "securitySchemes"] {
        assert_eq!(after["components"][kind], before["components"][kind]);
    }
    for name in ["Book", "BookPage", "Problem"] {
        assert_eq!(after["components"]["schemas"][name], before["components"]["schemas"][name]);
    }
    assert_eq!(after["components"]["responses"]["BadRequest"], before["components"]["responses"]["BadRequest"]);
    assert_eq!(after["paths"]["/books"]["get"]["responses"]["400"], json!({ "$ref": "#/components/responses/BadRequest" }));
    // OpenAPI 3.0 schemas have one `example`, not `examples`.
    let schemas = after["components"]["schemas"].as_object().unwrap();
    assert!(schemas.values().all(|s| s.get("examples").is_none()), "no 3.1 `examples` in a 3.0 document");
    // The warning is gone.
    assert!(!redocly_problems(dir.path(), "merged.yaml", false).contains(&"operation-4xx-response".to_owned()));
}

#[test]
fn a_changed_spec_replaces_errgens_components_and_drops_its_stale_references() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("api.yaml"), fs::read(fixture("small.yaml")).unwrap()).unwrap();
    merge(dir.path(), &spec(), "api.yaml", &[]);
    // A spec with fewer statuses: 403, 503, … are no longer documented.
    let smaller = dir.path().join("smaller.md");
    fs::write(
        &smaller,
        "# Errors\n\n| HTTP Status | HTTP Code | Description |\n| --- | --- | --- |\n| 400 | BAD_REQUEST | Bad input |\n\n\
         ## Codes\n\n<!-- errgen: status=400 retryable=false -->\n\n| code | message | description |\n| --- | --- | --- |\n\
         | `WRONG` | Wrong: {{Field}} | A field is wrong |\n",
    )
    .unwrap();
    let out = merge(dir.path(), smaller.to_str().unwrap(), "api.yaml", &[]);
    let report = text(&out.stderr);
    assert!(report.contains("removed"), "{report}");
    let after = check_merged(dir.path(), "api.yaml");
    let responses: Vec<&String> = after["components"]["responses"].as_object().unwrap().keys().collect();
    assert_eq!(responses, ["Status400"], "only the documented status remains");
    assert!(!fs::read_to_string(dir.path().join("api.yaml")).unwrap().contains("Status503"), "no dangling reference");
    assert_eq!(after["paths"]["/things"]["get"]["responses"]["400"]["$ref"], "#/components/responses/Status400");
    assert_eq!(after["components"]["schemas"]["Thing"]["properties"]["id"], json!({ "type": "string" }));
}

#[test]
fn a_component_of_the_users_with_errgens_name_is_an_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let original = fs::read_to_string(fixture("small.yaml"))
        .unwrap()
        .replace("    Thing:\n", "    ErrorResponse:\n      type: object\n    Thing:\n");
    fs::write(dir.path().join("api.yaml"), &original).unwrap();
    let out = errgen(&["openapi", "merge", "--spec", &spec(), "api.yaml"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("components.schemas.ErrorResponse exists and was not written by errgen"), "{err}");
    assert!(err.contains("nothing written"), "{err}");
    assert_eq!(fs::read_to_string(dir.path().join("api.yaml")).unwrap(), original);
}

#[test]
fn documents_merge_cannot_take_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (name, content, expected) in [
        ("swagger.yaml", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths: {}\n", "Swagger 2.0"),
        ("old.yaml", "openapi: 2.9.0\npaths: {}\n", "`openapi: 2.9.0` is not supported"),
        ("list.yaml", "- a\n- b\n", "not a mapping"),
        ("plain.yaml", "title: not an API\n", "no `openapi` version field"),
    ] {
        fs::write(dir.path().join(name), content).unwrap();
        let out = errgen(&["openapi", "merge", "--spec", &spec(), name], dir.path());
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = text(&out.stderr);
        assert!(err.contains(&format!("error: {name}: ")) && err.contains(expected), "{name}: {err}");
        assert_eq!(fs::read_to_string(dir.path().join(name)).unwrap(), content, "{name} untouched");
    }
    let missing = errgen(&["openapi", "merge", "--spec", &spec(), "missing.yaml"], dir.path());
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr).contains("cannot read missing.yaml"), "{}", text(&missing.stderr));
}
