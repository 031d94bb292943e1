//! One test per rule for tables as real docs write them (README, "Parsing
//! rules", rules 10–17) and per diagnostic they bring, on small in-memory
//! specs.

use errgen::{from_sources_with, Diagnostic, Model, ReadOptions, Role};

#[path = "common/lowering.rs"]
mod lowering;
use lowering::{lower, model};

fn brief(diags: &[Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .map(|d| match d.primary() {
            Some(s) => format!("{} {}:{} {}", d.severity, s.line, s.column, d.message),
            None => format!("{} {}", d.severity, d.message),
        })
        .collect()
}

fn codes(m: &Model) -> Vec<(&str, Option<u16>)> {
    m.codes.iter().map(|c| (c.code.as_str(), c.http_status)).collect()
}

// Rule 10: column roles from the vocabulary, compared after normalising.

#[test]
fn rule10_headers_in_any_case_spacing_camel_case_or_language() {
    for header in ["resultCode | resultMessage", "RESULT_CODE | Message", "Error-Code | msg", "错误码 | 说明", "エラーコード | 説明", "오류 코드 | 설명"] {
        let md = format!("# Errors\n\n| {header} |\n|-|-|\n| E1 | text |\n");
        let (m, _) = model(&md);
        assert_eq!(codes(&m), [("E1", None)], "{header}");
    }
}

#[test]
fn rule10_ambiguous_headers_are_decided_by_the_cells() {
    // `reason` holds statuses: a status table.
    let (m, diags) = model("# Errors\n\nreason | Meaning\n--- | ---\n400 | Bad Request -- bad.\n452 | No token included -- none.\n");
    assert!(m.codes.is_empty());
    let names: Vec<(u16, &str, &str)> = m.statuses.iter().map(|s| (s.status, s.name.as_str(), s.description.as_str())).collect();
    assert_eq!(names, [(400, "BAD_REQUEST", "bad."), (452, "NO_TOKEN_INCLUDED", "none.")]);
    assert_eq!(brief(&diags), ["note 3:1 column `reason` holds only HTTP statuses, so the table is read as a status table"]);
    // `reason` holds names beside a status column: the code.
    let (m, _) = model("|http_code|reason|message|\n|--|--|--|\n|400|ParamErr|Param Exception|\n");
    assert_eq!(codes(&m), [("ParamErr", Some(400))]);
    // `Type` under a heading that is not about errors, beside no status or
    // message column, is not read.
    let (m, diags) = lower("# Types\n\n| Type | Description |\n|-|-|\n| string | text |\n");
    assert!(m.is_none());
    assert!(brief(&diags)[0].starts_with("note 3:1 table ignored"), "{:?}", brief(&diags));
}

#[test]
fn rule10_a_name_column_gives_the_identifier_of_a_numeric_code() {
    let (m, _) = model("# Errors\n\n| Identifier | Code | HTTP Code | Description |\n|-|-|-|-|\n| ErrBind | 100003 | 400 | Bind |\n");
    assert_eq!((m.codes[0].code.as_str(), m.codes[0].ident.as_str(), m.codes[0].http_status), ("100003", "ErrBind", Some(400)));
    let (m, _) = model("|Code Key|Error Code|Message Show to User|\n|-|-|-|\n|Unknown|0|Sorry|\n|MissingField|101|Review it|\n");
    assert_eq!((m.codes[1].code.as_str(), m.codes[1].ident.as_str(), m.codes[1].message.as_str()), ("101", "MissingField", "Review it"));
}

// Rule 11: a status on each row.

#[test]
fn rule11_status_cells_as_people_write_them() {
    let md = "# Errors\n\n| Code | Status |\n|-|-|\n| A | 400 |\n| B | `403` |\n| C | Conflict (409) |\n| D | 409 Conflict |\n| E | |\n";
    let (m, _) = model(md);
    assert_eq!(codes(&m), [("A", Some(400)), ("B", Some(403)), ("C", Some(409)), ("D", Some(409)), ("E", None)]);
    let (m, diags) = lower("# Errors\n\n| Code | Status |\n|-|-|\n| A | 400 |\n| B | soon |\n");
    assert!(m.is_none());
    assert_eq!(brief(&diags)[0], "error 6:7 `soon` is not an HTTP status");
}

#[test]
fn rule11_a_section_status_that_disagrees_with_the_rows_is_an_error_naming_both() {
    let agree = "# Errors\n\n<!-- errgen: status=400 -->\n\n| Code | Status |\n|-|-|\n| A | 400 |\n";
    assert_eq!(codes(&model(agree).0), [("A", Some(400))]);
    let (m, diags) = lower("# Errors\n\n<!-- errgen: status=500 -->\n\n| Code | Status |\n|-|-|\n| A | 400 |\n");
    assert!(m.is_none());
    assert_eq!(brief(&diags), ["error 7:7 code `A`'s row gives HTTP status 400, but its section says 500"]);
    assert_eq!(diags[0].labels[1].source.line, 3, "the directive is named too");
}

// Rule 12: codes with no documented status.

#[test]
fn rule12_codes_without_a_status_are_read_with_none_and_not_retryable() {
    let (m, diags) = model("# Errors\n\n| Code | Description |\n|-|-|\n| 10000 | Unknown user. |\n");
    assert_eq!(codes(&m), [("10000", None)]);
    assert!(!m.codes[0].retryable);
    assert!(diags.iter().all(|d| !d.help.as_deref().unwrap_or("").contains("status=NNN")), "no help suggests a status: {:?}", brief(&diags));
    // A retryable column says it.
    let (m, _) = model("# Errors\n\n| Code | Retryable |\n|-|-|\n| A | Yes |\n| B | No |\n");
    assert_eq!(m.codes.iter().map(|c| c.retryable).collect::<Vec<_>>(), [true, false]);
    let (m, diags) = lower("# Errors\n\n| Code | Retryable |\n|-|-|\n| A | perhaps |\n");
    assert!(m.is_none());
    assert_eq!(brief(&diags), ["error 5:7 `perhaps` does not say whether the code is retryable"]);
}

// Rule 13: status tables as people write them; a status-only page.

#[test]
fn rule13_status_tables_slate_title_case_cjk_and_non_standard() {
    let slate = "# Errors\n\nError Code | Meaning\n---------- | -------\n`400`      | **Bad Request** -- Your request is invalid.\n`512` | DB connection failed -- no DB.\n";
    let (m, _) = model(slate);
    let got: Vec<(u16, &str)> = m.statuses.iter().map(|s| (s.status, s.name.as_str())).collect();
    assert_eq!(got, [(400, "BAD_REQUEST"), (512, "DB_CONNECTION_FAILED")]);
    let titled = "| Status code | Status message | Description |\n|-|-|-|\n| 413 | Request Entity Too Large | Big. |\n";
    assert_eq!(model(titled).0.statuses[0].name, "REQUEST_ENTITY_TOO_LARGE");
    let cjk = "| 状态码 | 含义 |\n|-|-|\n| 404 | 找不到 |\n";
    let (m, _) = model(cjk);
    assert_eq!((m.statuses[0].status, m.statuses[0].name.as_str()), (404, "NOT_FOUND"));
}

// Rule 14: rows as people write them.

#[test]
fn rule14_separator_success_range_and_ragged_rows() {
    let md = "# Errors\n\n| isSuccessful | resultCode | resultMessage |\n|-|-|-|\n| true | 0 | SUCCESS |\n| false | 40001 | Bad. |\n|-|-|-|\n| false | 50001 ~ 50501 | Internal. |\n| false | 40002 | Two | cells |\n";
    let (m, diags) = model(md);
    assert_eq!(codes(&m), [("40001", None), ("40002", None)]);
    assert_eq!(m.codes[1].extra.get("column 4").map(String::as_str), Some("cells"), "text past the header is kept");
    let b = brief(&diags);
    assert!(b.contains(&"warning 8:11 `50001 ~ 50501` is a range of codes, not a code; the row is not read".to_owned()), "{b:?}");
    assert!(b.contains(&"warning 9:25 row has 1 more cell(s) than the header (`cells`); kept as extra columns".to_owned()), "{b:?}");
    assert!(b.iter().any(|d| d.starts_with("note 5:1 1 success row(s)")), "{b:?}");
    // A 2xx status marks a success row too.
    let (m, _) = model("# Errors\n\n| Code | HTTP Code |\n|-|-|\n| 1 | 200 |\n| 2 | 500 |\n");
    assert_eq!(codes(&m), [("2", Some(500))]);
}

#[test]
fn rule14_several_rows_for_one_code_are_alternatives() {
    let md = "# Errors\n\n| Code | Status | Message |\n|-|-|-|\n| ConditionNotMet | 304 | Not modified |\n| ConditionNotMet | 412 | Failed |\n";
    let (m, _) = model(md);
    assert_eq!(codes(&m), [("ConditionNotMet", Some(304))]);
    let alt: Vec<(Option<u16>, &str)> = m.codes[0].alternatives.iter().map(|a| (a.http_status, a.message.as_str())).collect();
    assert_eq!(alt, [(Some(412), "Failed")]);
}

// Rule 15: column mapping where the vocabulary fails.

#[test]
fn rule15_columns_directive_and_spec_wide_mapping() {
    let md = "# Fehler\n\n<!-- errgen: columns code=\"Fehlercode\" status=\"HTTP\" message=\"Text\" -->\n| Fehlercode | HTTP | Text |\n|-|-|-|\n| F1 | 404 | Weg |\n";
    let (m, _) = model(md);
    assert_eq!((m.codes[0].code.as_str(), m.codes[0].http_status, m.codes[0].message.as_str()), ("F1", Some(404), "Weg"));
    let plain = "# Fehler\n\n| Fehlercode | Text |\n|-|-|\n| F1 | Weg |\n";
    let options = ReadOptions { columns: vec![(Role::Code, "Fehlercode".to_owned()), (Role::Message, "Text".to_owned())] };
    let (m, _) = from_sources_with(vec![("t.md".to_owned(), plain.to_owned())], &options);
    assert_eq!(m.expect("mapped").codes[0].code, "F1");
    let bad = "# E\n\n<!-- errgen: columns colour=\"A\" code=\"Nope\" -->\n| A | B |\n|-|-|\n| x | y |\n";
    let (m, diags) = lower(bad);
    assert!(m.is_none());
    let b = brief(&diags);
    assert!(b.contains(&"error 3:1 unknown column role `colour`".to_owned()), "{b:?}");
    assert!(b.contains(&"error 3:1 `columns` directive names column `Nope` (code), which the next table does not have".to_owned()), "{b:?}");
}

// Rule 16: near misses are said.

#[test]
fn rule16_a_typo_in_a_header_is_a_warning_with_did_you_mean() {
    let md = "# Errors\n\n| cdoe | message |\n|-|-|\n| A | m |\n\n| code | message |\n|-|-|\n| B | n |\n";
    let (m, diags) = model(md);
    assert_eq!(codes(&m), [("B", None)]);
    let b = brief(&diags);
    assert!(b.contains(&"warning 3:3 table not read: header `cdoe` is not one errgen knows; did you mean `code`?".to_owned()), "{b:?}");
    let content = "# Errors\n\n| Foo | Bar |\n|-|-|\n| NOT_FOUND | x |\n| BAD_INPUT | y |\n\n| code | message |\n|-|-|\n| B | n |\n";
    let b = brief(&model(content).1);
    assert!(b.iter().any(|d| d.starts_with("warning 3:3 table not read: column `Foo` holds what look like error codes")), "{b:?}");
}

#[test]
fn rule16_the_seed_with_a_typo_warns_in_lint_and_generate() {
    let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed/error-response.md")).unwrap();
    let typo = seed.replacen("| code                    | message", "| cdoe                    | message", 1);
    assert_ne!(seed, typo);
    let (m, diags) = model(&typo);
    assert_eq!(m.codes.len(), 5, "the other table still reads");
    assert!(brief(&diags).iter().any(|d| d.starts_with("warning 43:3 table not read: header `cdoe`")), "{:?}", brief(&diags));
}

// Rule 17: diagnostics stay true.

#[test]
fn rule17_an_indented_table_is_an_error_at_its_block() {
    let md = "Problems\n========\n\nSome text.\n\n     Literal | Code | Description\n     ------- | ---: | -----------\n     blocked | 5065 | Blocked.\n";
    let (m, diags) = lower(md);
    assert!(m.is_none());
    let b = brief(&diags);
    assert!(b[0].starts_with("error 6:5 this table is indented 4 or more spaces"), "{b:?}");
}

#[test]
fn rule17_one_problem_is_reported_once_however_many_tables_it_affects() {
    let table = "| code | message |\n|-|-|\n| A | m |\n\n";
    let md = format!("# E\n\n<!-- errgen: status=500 colour=red -->\n\n{table}{}{}", table.replace('A', "B"), table.replace('A', "C"));
    let (_, diags) = lower(&md);
    let unknown = diags.iter().filter(|d| d.message.contains("colour")).count();
    assert_eq!(unknown, 1, "{:?}", brief(&diags));
}

#[test]
fn explain_says_kind_roles_and_sources() {
    let loaded = errgen::load(&[concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed/error-response.md")]);
    let text = errgen::explain(&loaded.readings);
    assert!(text.contains("status table (10 rows read)"), "{text}");
    assert!(text.contains("column `HTTP Code`: name"), "{text}");
    assert!(text.contains("status: the section's prose, which names 500"), "{text}");
    assert!(text.contains("status: the section's `httpStatus` line (406)"), "{text}");
    assert!(text.contains("retryable: the section (directive or heading)"), "{text}");
}
