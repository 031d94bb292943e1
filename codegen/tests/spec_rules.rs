//! One test per parsing rule and per diagnostic, on small in-memory specs.
//! The rules are numbered as in README.md ("Parsing rules").

use errgen::{from_sources, Diagnostic, Model};

/// Lowers one in-memory file called `spec/t.md`.
fn lower(md: &str) -> (Option<Model>, Vec<Diagnostic>) {
    from_sources(vec![("spec/t.md".to_owned(), md.to_owned())])
}

/// The model of a spec that must have no errors (warnings and notes are
/// allowed and returned).
fn model(md: &str) -> (Model, Vec<Diagnostic>) {
    let (model, diags) = lower(md);
    match model {
        Some(m) => (m, diags),
        None => panic!("spec has errors:\n{}", errgen::diag::render_all(&diags, false)),
    }
}

/// `severity line:col message` for every diagnostic, for compact asserts.
fn brief(diags: &[Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .map(|d| match d.primary() {
            Some(s) => format!("{} {}:{} {}", d.severity, s.line, s.column, d.message),
            None => format!("{} {}", d.severity, d.message),
        })
        .collect()
}

/// The diagnostics of a spec that must fail, as `brief` lines.
fn errors(md: &str) -> Vec<String> {
    let (model, diags) = lower(md);
    assert!(model.is_none(), "expected errors, got a model; diagnostics: {:?}", brief(&diags));
    brief(&diags)
}

const STATUS_TABLE: &str = "\
| HTTP Status | HTTP Code | Description |
| --- | --- | --- |
| 500 | [Error Code](#error-response-format) | Server error |
| 406 | [Error Code](#error-response-format) | Bad input |
";

const FORMAT: &str = "\
### Error Response Format

```json
{ \"code\": \"A\", \"message\": \"m\" }
```
";

fn spec(rest: &str) -> String {
    format!("# Errors\n\n{STATUS_TABLE}\n{FORMAT}\n{rest}")
}

const CODE_TABLE: &str = "\
| code | message | description |
| --- | --- | --- |
| A | m | d |
";

// Rule 1: files, sorted; front matter.

#[test]
fn rule1_files_form_one_model_in_the_order_given() {
    let (model, diags) = from_sources(vec![
        ("spec/a.md".to_owned(), spec("## Retryable\n<!-- errgen: status=500 -->\n\n| code | message |\n|-|-|\n| A | a |\n")),
        ("spec/b/c.md".to_owned(), "## Non Retryable\n\nhttpStatus : 406\n\n| code | message |\n|-|-|\n| B | b |\n".to_owned()),
    ]);
    let model = model.unwrap_or_else(|| panic!("{:?}", brief(&diags)));
    let codes: Vec<_> = model.codes.iter().map(|c| (c.code.as_str(), c.source.file.as_str())).collect();
    assert_eq!(codes, [("A", "spec/a.md"), ("B", "spec/b/c.md")]);
}

#[test]
fn rule1_front_matter_is_skipped_proper_and_damaged() {
    let proper = format!("---\ntitle: x\ncode: NOPE\n---\n{}", spec(&format!("## Retryable\n\nA 500 error.\n\n{CODE_TABLE}")));
    let damaged = format!("metaLinks:\n  alternates:\n    - &gt;-\n      https://x\n---\n\n{}", spec(&format!("## Retryable\n\nA 500 error.\n\n{CODE_TABLE}")));
    for md in [proper, damaged] {
        let (m, diags) = model(&md);
        assert_eq!(m.codes.len(), 1);
        assert_eq!(brief(&diags), Vec::<String>::new(), "front matter gives no diagnostics");
    }
}

// Rule 2: table classification.

#[test]
fn rule2_columns_in_any_order_case_and_markup_insensitive_extras_kept() {
    let md = spec(
        "## Retryable Errors\n\nA 500 error.\n\n| **Description** | Action | `CODE` | Message |\n|-|-|-|-|\n| d | retry later | A | m |\n",
    );
    let (m, _) = model(&md);
    let a = &m.codes[0];
    assert_eq!((a.code.as_str(), a.message.as_str(), a.description.as_str()), ("A", "m", "d"));
    assert_eq!(a.extra.get("Action").map(String::as_str), Some("retry later"));
}

#[test]
fn rule2_code_table_needs_message_or_description_other_tables_are_noted() {
    let md = spec(&format!("## Retryable\n\nA 500 error.\n\n| code | owner |\n|-|-|\n| X | me |\n\n{CODE_TABLE}"));
    let (m, diags) = model(&md);
    assert_eq!(m.codes.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(), ["A"]);
    let notes = brief(&diags);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].starts_with("note 18:1 table ignored"), "{notes:?}");

    let only_description = spec("## Retryable\n\nA 500 error.\n\n| Code | Description |\n|-|-|\n| A | d |\n");
    assert_eq!(model(&only_description).0.codes[0].message, "");
}

// Rule 3: cell text.

#[test]
fn rule3_cell_text_is_stripped_unescaped_and_decoded() {
    let md = spec(
        "## Retryable\n\nA 500 error.\n\n| code | message | description |\n|-|-|-|\n| `NOT\\_X` | *Not* &amp; [found](x.md) | line one<br>line two<br/>three |\n| NOT\\_Y | a \\| b | &lt;tag&gt; |\n",
    );
    let (m, _) = model(&md);
    // Code spans keep backslashes (CommonMark); plain text resolves them.
    assert_eq!(m.codes[0].code, "NOT\\_X");
    assert_eq!(m.codes[0].message, "Not & found");
    assert_eq!(m.codes[0].description, "line one\nline two\nthree");
    assert_eq!(m.codes[1].code, "NOT_Y");
    assert_eq!(m.codes[1].message, "a | b");
    assert_eq!(m.codes[1].description, "<tag>");
}

// Rule 4: status rows.

#[test]
fn rule4_status_names_links_defaults_and_merges() {
    let md = "\
# E

| HTTP Status | HTTP Code | Description |
| --- | --- | --- |
| 500 | [Error Code](#error-response-format) | Server |
| 406 | [Error Code](#error-response-format) | Input |
| 405 |  | Method |
| 406 | NOT\\_ACCEPTABLE |  |
| 403 | NOT_ALLOW_API | Path |

### Error Response Format

```json
{ \"code\": \"A\", \"message\": \"m\" }
```

### Retryable

A 500 error.

| code | message |
|-|-|
| A | m |
";
    let (m, diags) = model(md);
    let statuses: Vec<_> =
        m.statuses.iter().map(|s| (s.status, s.name.as_str(), s.has_error_body, s.description.as_str())).collect();
    assert_eq!(
        statuses,
        [
            (403, "NOT_ALLOW_API", false, "Path"),
            (405, "METHOD_NOT_ALLOWED", false, "Method"),
            (406, "NOT_ACCEPTABLE", true, "Input"),
            (500, "INTERNAL_SERVER_ERROR", true, "Server"),
        ]
    );
    assert_eq!(m.status(406).map(|s| s.source.line), Some(6), "a merged status keeps its first row");
    assert_eq!(brief(&diags), ["warning 7:8 status 405 has no name; using `METHOD_NOT_ALLOWED`"]);
}

#[test]
fn rule4_status_errors() {
    let md = spec(&format!(
        "| HTTP Status | HTTP Code |\n|-|-|\n| 99 | X |\n| abc | Y |\n| 404 | NOT_FOUND |\n| 404 | MISSING |\n| 599 |  |\n| 452 | 見つからない |\n| 409 | NOT_FOUND |\n| 418 | [x](#elsewhere) |\n\n## Retryable\n\nA 500 error.\n\n{CODE_TABLE}"
    ));
    let errs = errors(&md);
    let expected = [
        "error 16:3 `99` is not an HTTP status",
        "error 17:3 `abc` is not an HTTP status",
        "error 19:9 status 404 has two names: `NOT_FOUND` and `MISSING`",
        "error 21:9 status name `見つからない` cannot become an identifier",
        "error 23:9 status 418 links to `#elsewhere`, which is not the error body format",
        "error 22:1 statuses 404 and 409 have the same name `NOT_FOUND`",
        "error 20:8 status 599 has no name and no standard reason phrase",
    ];
    assert_eq!(errs, expected);
}

#[test]
fn rule4_status_retryability_from_status_heading_or_directive() {
    let (m, _) = model(&spec(&format!("## Retryable\n\nA 500 error.\n\n{CODE_TABLE}")));
    let retry: Vec<_> = m.statuses.iter().map(|s| (s.status, s.retryable)).collect();
    assert_eq!(retry, [(406, false), (500, true)]);

    let md = format!("# E\n\n## Non Retryable statuses\n\n{STATUS_TABLE}\n{FORMAT}\n## Retryable\n\nA 500 error.\n\n{CODE_TABLE}");
    assert!(model(&md).0.statuses.iter().all(|s| !s.retryable), "heading words apply to status rows");
}

// Rule 5: a code table's status.

#[test]
fn rule5_status_from_directive_then_http_status_line_then_prose() {
    let by_directive = spec("## Retryable\n\nA 500 error.\n<!-- errgen: status=406 -->\n\n| code | message |\n|-|-|\n| A | m |\n");
    assert_eq!(model(&by_directive).0.codes[0].http_status, Some(406));

    let by_line = spec("## Retryable\n\nA 500 error.\n\nHTTPSTATUS:406\n\n| code | message |\n|-|-|\n| A | m |\n");
    assert_eq!(model(&by_line).0.codes[0].http_status, Some(406));

    let by_prose = spec("## Retryable\n\nA 500 error (see 404 and 1500). Retry a 500.\n\n| code | message |\n|-|-|\n| A | m |\n");
    assert_eq!(model(&by_prose).0.codes[0].http_status, Some(500));
}

#[test]
fn rule5_ambiguous_status_is_an_error_and_a_missing_one_is_none_with_a_note() {
    let ambiguous = spec("## Retryable\n\nA 500 or a 406.\n\n| code | message |\n|-|-|\n| A | m |\n");
    assert_eq!(
        errors(&ambiguous),
        ["error 18:1 the codes under `Retryable` could be sent with HTTP status 406 or 500"]
    );
    let (_, diags) = lower(&ambiguous);
    assert!(diags[0].help.as_deref().unwrap_or("").contains("<!-- errgen: status=NNN -->"));

    // Nothing says which status: the code has none (it travels in the
    // body only), and no help suggests a status.
    let missing = spec("## Errors of the body\n\nNo number here.\n\n| code | message |\n|-|-|\n| A | m |\n");
    let (m, diags) = model(&missing);
    assert_eq!(m.codes[0].http_status, None);
    assert!(!m.codes[0].retryable);
    assert_eq!(
        brief(&diags),
        ["note 18:1 1 code(s) under `Errors of the body` have no HTTP status and nothing says whether they are retryable; taken as not retryable"]
    );
}

#[test]
fn rule5_status_outside_the_status_table_is_a_warning() {
    let md = spec("## Retryable\n\n<!-- errgen: status=409 -->\n\n| code | message |\n|-|-|\n| A | m |\n");
    let (m, diags) = model(&md);
    assert_eq!(m.codes[0].http_status, Some(409));
    assert_eq!(
        brief(&diags),
        ["warning 18:1 codes are sent with HTTP status 409, which the status table does not list"]
    );
}

#[test]
fn rule5_directive_errors() {
    let md = spec("## Retryable\n\nA 500 error.\n\n<!-- errgen: status=9000 retryable=maybe colour=red -->\n\n| code | message |\n|-|-|\n| A | m |\n");
    let errs = errors(&md);
    assert_eq!(
        errs,
        [
            "error 18:1 directive `status=9000` is not an HTTP status",
            "error 18:1 directive `retryable=maybe` is neither true nor false",
            "error 18:1 unknown directive key `colour`",
        ]
    );
}

// Rule 6: retryability.

#[test]
fn rule6_retryability_from_directive_heading_words_or_status() {
    for (heading, expected) in [
        ("Retryable Error Response", true),
        ("Non Retryable Error Response", false),
        ("Non-Retryable errors", false),
        ("Not retryable", false),
        ("NonRetryable", false),
    ] {
        let md = spec(&format!("## {heading}\n\nhttpStatus : 406\n\n{CODE_TABLE}"));
        let (m, diags) = model(&md);
        assert_eq!(m.codes[0].retryable, expected, "{heading}");
        assert!(diags.is_empty(), "{heading}: {:?}", brief(&diags));
    }
    let directive = spec(&format!("## Retryable\n\n<!-- errgen: retryable=false -->\nhttpStatus : 500\n\n{CODE_TABLE}"));
    assert!(!model(&directive).0.codes[0].retryable);

    let by_status = spec(&format!("## Server errors\n\nhttpStatus : 500\n\n{CODE_TABLE}"));
    let (m, diags) = model(&by_status);
    assert!(m.codes[0].retryable);
    assert_eq!(
        brief(&diags),
        ["note 18:1 codes under `Server errors` are taken as retryable because they are sent with HTTP status 500"]
    );
}

// Rule 7: messages and parameters.

#[test]
fn rule7_placeholders_become_snake_case_params() {
    let md = spec(
        "## Retryable\n\nA 500 error.\n\n| code | message |\n|-|-|\n| A | \\{{Error Message\\}} |\n| B | {{userId}} has {{ Item Count }}; again {{user id}} |\n| C | no params {not one} |\n",
    );
    let (m, _) = model(&md);
    assert_eq!(m.codes[0].message, "{{Error Message}}");
    let names = |i: usize| m.codes[i].params.iter().map(|p| p.name.as_str()).collect::<Vec<_>>();
    assert_eq!(names(0), ["error_message"]);
    assert_eq!(names(1), ["user_id", "item_count"]);
    assert_eq!(m.codes[1].params[1].placeholder, "Item Count");
    assert!(names(2).is_empty());
    assert_eq!(m.codes[1].render(&["u1", "3"]), "u1 has 3; again u1");
}

#[test]
fn rule7_bad_placeholder_is_an_error() {
    let md = spec("## Retryable\n\nA 500 error.\n\n| code | message |\n|-|-|\n| A | x {{}} |\n| B | {{1st}} |\n");
    assert_eq!(
        errors(&md),
        [
            "error 20:7 placeholder `{{}}` cannot become a parameter name",
            "error 21:7 placeholder `{{1st}}` cannot become a parameter name",
            "warning 11:12 example uses code `A`, which no code table defines",
        ]
    );
}

// Rule 8: the body format.

#[test]
fn rule8_body_field_names_come_from_the_example() {
    let md = "\
# E

| HTTP Status | HTTP Code |
|-|-|
| 500 | [Error Code](#format) |

### Format

```json
{
  &quot;errorCode&quot;: &quot;A&quot;,
  &quot;errorMessage&quot;: &quot;x &amp; y&quot;
}
```

## Retryable

A 500 error.

| code | message |
|-|-|
| A | m |
";
    let (m, diags) = model(md);
    assert_eq!((m.body.code_field.as_str(), m.body.message_field.as_str()), ("errorCode", "errorMessage"));
    assert!(m.statuses[0].has_error_body);
    assert!(diags.is_empty(), "{:?}", brief(&diags));
}

#[test]
fn rule8_undefined_example_code_is_a_warning_at_its_line() {
    let md = spec("## Retryable\n\nA 500 error.\n\n| code | message |\n|-|-|\n| B | m |\n");
    let (_, diags) = model(&md);
    assert_eq!(brief(&diags), ["warning 11:12 example uses code `A`, which no code table defines"]);
}

#[test]
fn rule8_examples_that_disagree_are_an_error() {
    let md = spec(&format!("## More\n\n```json\n{{\"errCode\": \"A\", \"msg\": \"m\"}}\n```\n\n## Retryable\n\nA 500 error.\n\n{CODE_TABLE}"));
    assert_eq!(
        errors(&md),
        ["error 16:1 error body examples disagree on field names: `errCode`/`msg` here, `code`/`message` first"]
    );
}

// Rule 9: duplicates and identifiers.

#[test]
fn rule9_identical_definitions_merge() {
    let md = spec(&format!("## Retryable\n\nA 500 error.\n\n{CODE_TABLE}| A | m | d |\n\n## Retryable too\n\nhttpStatus: 500\n\n{CODE_TABLE}"));
    let (m, diags) = model(&md);
    assert_eq!(m.codes.len(), 1);
    assert!(diags.is_empty(), "{:?}", brief(&diags));
}

#[test]
fn rule9_conflicting_definitions_name_both_places() {
    let md = spec(&format!(
        "## Retryable\n\nA 500 error.\n\n{CODE_TABLE}\n## Non Retryable\n\nhttpStatus : 406\n\n| code | message | description |\n|-|-|-|\n| A | other | d |\n"
    ));
    let (_, diags) = lower(&md);
    assert_eq!(
        brief(&diags),
        ["error 28:3 code `A` is defined twice, differently: HTTP status 500 vs 406, message `m` vs `other`, retryable true vs false"]
    );
    let second = &diags[0].labels[1].source;
    assert_eq!((second.line, second.column), (20, 3), "the first definition is named too");
}

#[test]
fn rule9_description_only_difference_is_a_warning() {
    let md = spec(&format!("## Retryable\n\nA 500 error.\n\n{CODE_TABLE}| A | m | other |\n"));
    let (m, diags) = model(&md);
    assert_eq!(m.codes[0].description, "d");
    assert_eq!(brief(&diags), ["warning 21:3 code `A` is defined twice with different descriptions; the first is kept"]);
}

#[test]
fn rule9_identifier_clashes_and_impossible_identifiers() {
    let md = spec(
        "## Retryable\n\nA 500 error.\n\n| code | message |\n|-|-|\n| A | m |\n| NOT_FOUND | x |\n| NOT__FOUND | y |\n| 10000 | z |\n| 오류 | k |\n| NOT FOUND | s |\n",
    );
    assert_eq!(
        errors(&md),
        [
            "error 22:3 codes `NOT_FOUND` and `NOT__FOUND` both become the identifier `NotFound`",
            "error 24:3 code `오류` cannot become an identifier",
            "error 25:3 code `NOT FOUND` contains white space or control characters",
        ]
    );
}

#[test]
fn rows_without_a_code_are_errors_and_blank_rows_are_skipped() {
    let md = spec("## Retryable\n\nA 500 error.\n\n| code | message |\n|-|-|\n| | |\n|  | orphan |\n| A | m |\n");
    assert_eq!(errors(&md), ["error 21:1 code table row has no code"]);
}

// Whole-spec diagnostics.

#[test]
fn a_status_only_spec_is_valid_and_an_empty_spec_is_an_error() {
    let (m, diags) = model(&spec("Nothing else.\n"));
    assert!(m.codes.is_empty());
    assert_eq!(m.statuses.iter().map(|s| s.status).collect::<Vec<_>>(), [406, 500]);
    assert_eq!(brief(&diags), ["warning 11:12 example uses code `A`, which no code table defines"]);
    assert_eq!(errors(""), ["error 1:1 no error codes or statuses found in the spec"]);
    assert_eq!(errors("# Notes\n\nJust prose.\n"), ["error 1:1 no error codes or statuses found in the spec"]);
}

/// The error body's example is read from an untagged block, a JSON
/// dialect's or JavaScript's (the same rule as for codes outside tables),
/// and from no other language's.
#[test]
fn body_examples_are_read_from_json_and_javascript_blocks_only() {
    for (lang, read) in [("json5", true), ("js", true), ("JavaScript", true), ("", true), ("python", false), ("shell", false)] {
        let md = spec("Nothing else.\n").replace("```json\n", &format!("```{lang}\n"));
        let (_, diags) = model(&md);
        let warned = brief(&diags).contains(&"warning 11:12 example uses code `A`, which no code table defines".to_owned());
        assert_eq!(warned, read, "a `{lang}` block: {:?}", brief(&diags));
    }
}

#[test]
fn diagnostics_render_with_file_line_column_and_the_source_line() {
    let md = spec("## Retryable\n\nA 500 error.\n\n| code | message |\n|-|-|\n| 오류 | z |\n");
    let (_, diags) = lower(&md);
    let short = diags[0].short();
    assert!(short.starts_with("spec/t.md:20:3: error: code `오류` cannot become an identifier"), "{short}");
    assert!(short.contains("\nhelp: name one above the table with `<!-- errgen: ident.오류=SomeName -->`"), "{short}");
    #[cfg(feature = "render")]
    rendered(&diags[0]);
}

#[cfg(feature = "render")]
fn rendered(d: &errgen::Diagnostic) {
    let text = d.render(false);
    assert!(text.starts_with("error: code `오류` cannot become an identifier\n"), "{text}");
    assert!(text.contains("--> spec/t.md:20:3"), "{text}");
    assert!(text.contains("20 | | 오류 | z |"), "{text}");
    assert!(text.contains("^^^^ no identifier can be made from this"), "wide characters get two carets each:\n{text}");
    assert!(text.contains("help: name one above the table with `<!-- errgen: ident.오류=SomeName -->`"), "{text}");
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let md = spec("## Retryable\n\nA 500 error.\n\n| code | message |\n|-|-|\n| 오류 | a |\n| - | b |\n| C | {{}} |\n");
    let (_, diags) = lower(&md);
    assert_eq!(diags.iter().filter(|d| d.is_error()).count(), 3, "{:?}", brief(&diags));
}

#[test]
fn rule9_numeric_codes_get_a_prefix_and_directives_name_any_code() {
    let md = spec(
        "## Retryable\n\nA 500 error.\n<!-- errgen: ident.오류=GeneralError ident.NOT_FOUND=Missing ident.GONE=Gone -->\n\n| code | message |\n|-|-|\n| 10000 | z |\n| 오류 | k |\n| NOT_FOUND | n |\n",
    );
    let (m, diags) = model(&md);
    let idents: Vec<_> = m.codes.iter().map(|c| (c.code.as_str(), c.ident.as_str())).collect();
    assert_eq!(idents, [("10000", "E10000"), ("오류", "GeneralError"), ("NOT_FOUND", "Missing")]);
    assert_eq!(
        brief(&diags),
        [
            "warning 17:1 directive names an identifier for `GONE`, which no table under it defines",
            "warning 11:12 example uses code `A`, which no code table defines",
        ]
    );

    let bad = spec("## Retryable\n\nA 500 error.\n<!-- errgen: ident.A=lower -->\n\n| code | message |\n|-|-|\n| 10000 | z |\n| E10000 | k |\n");
    assert_eq!(
        errors(&bad),
        [
            "error 17:1 directive `ident.A=lower` does not give an identifier",
            "error 22:3 codes `10000` and `E10000` both become the identifier `E10000`",
            "warning 11:12 example uses code `A`, which no code table defines",
        ]
    );
}
