//! One test per rule for codes written outside tables (README, "Parsing
//! rules", rules 14–17) and per diagnostic they bring, on small in-memory
//! specs; and the other side: Markdown that documents no errors gives "no
//! error codes found", never invented codes.

use std::path::Path;

use errgen::{from_sources, Model};

#[path = "common/lowering.rs"]
mod lowering;
use lowering::{lower, model};

fn errors(md: &str) -> Vec<String> {
    let (m, d) = lower(md);
    assert!(m.is_none(), "expected errors for:\n{md}");
    d.iter()
        .filter(|d| d.is_error())
        .map(|d| match d.primary() {
            Some(s) => format!("{}:{} {}", s.line, s.column, d.message),
            None => d.message.clone(),
        })
        .collect()
}

fn codes(m: &Model) -> Vec<(&str, Option<u16>, bool)> {
    m.codes.iter().map(|c| (c.code.as_str(), c.http_status, c.retryable)).collect()
}

// Rule 14: a heading per code.

#[test]
fn rule14_a_heading_per_code_with_messages_below_it() {
    let md = "# Error codes\n\n## General\n### -1000 UNKNOWN\n * An unknown error occurred.\n\n### -1003 TOO_MANY_REQUESTS\n * Too many requests queued.\n * Too much request weight used.\n\n#### -1194 INVALID_TIME_UNIT\nThe time unit is not valid.\n\n## Cancel-replace\n### -2021 Order cancel-replace partially failed\n\nOne of the two failed.\n";
    let (m, _) = model(md);
    assert_eq!(codes(&m), [("-1000", None, false), ("-1003", None, false), ("-1194", None, false), ("-2021", None, false)]);
    let c = &m.codes[1];
    assert_eq!((c.ident.as_str(), c.message.as_str()), ("TooManyRequests", "Too many requests queued."));
    assert_eq!(c.alternatives.iter().map(|a| a.message.as_str()).collect::<Vec<_>>(), ["Too much request weight used."]);
    assert_eq!(c.extra.get("name").map(String::as_str), Some("TOO_MANY_REQUESTS"));
    assert_eq!(c.group, "General");
    assert_eq!(m.codes[3].message, "One of the two failed.");
    assert_eq!(m.codes[3].ident, "E2021");
}

#[test]
fn rule14_bold_leads_with_their_status_lines() {
    let md = "# Common Errors\n\n **AccessDeniedException**   \nYou do not have access\\.  \nHTTP Status Code: 400\n\n **ThrottlingException**  \nThe request was denied due to throttling.  \nHTTP Status Code: 429\n";
    let (m, _) = model(md);
    assert_eq!(codes(&m), [("AccessDeniedException", Some(400), false), ("ThrottlingException", Some(429), true)]);
    assert_eq!(m.codes[0].message, "You do not have access.");
    assert_eq!(m.codes[1].source.line, 7);
}

#[test]
fn rule14_list_items_in_the_forms_real_pages_use() {
    let forms = [
        "- `OverLimit (1214)`:\n  Too many calls.\n- `AccountBanned (1002)`:\n  Banned.\n",
        "- 10 [AUTH_INVALID_TOKEN]\n- - Token is invalid.\n- 11 [AUTH_EXPIRED_TOKEN]\n- - Token expired.\n",
        "- NOT_FOUND: The thing is gone.\n- RATE_LIMITED: Slow down.\n",
        "- `invalid_request` - The request is malformed.\n- `invalid_scope` - The scope is wrong.\n",
    ];
    let want = [["OverLimit", "AccountBanned"], ["10", "11"], ["NOT_FOUND", "RATE_LIMITED"], ["invalid_request", "invalid_scope"]];
    for (form, want) in forms.iter().zip(want) {
        let (m, _) = model(&format!("# Errors\n\n{form}"));
        let got: Vec<&str> = m.codes.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(got, want, "{form}");
        assert!(!m.codes[0].message.is_empty(), "{form}");
    }
    let (m, _) = model(&format!("# Errors\n\n{}", forms[1]));
    assert_eq!((m.codes[0].ident.as_str(), m.codes[0].message.as_str()), ("AuthInvalidToken", "Token is invalid."));
    let (m, _) = model(&format!("# Errors\n\n{}", forms[0]));
    assert_eq!(m.codes[0].extra.get("number").map(String::as_str), Some("1214"));
}

#[test]
fn rule14_leads_without_a_separator_definition_lists_and_error_n_headings() {
    let (m, _) = model("# Errors\n\n* `E001` Something broke.\n* `E002` Something else broke.\n\n`E010`\n: Defined like this.\n\n`E011`\n: And this.\n\n## Error 1001 - Invalid token\n\nBad token.\n\n## Error 1002 - Expired token\n\nOld token.\n");
    let got: Vec<(&str, &str)> = m.codes.iter().map(|c| (c.code.as_str(), c.message.as_str())).collect();
    assert_eq!(got, [
        ("E001", "Something broke."),
        ("E002", "Something else broke."),
        ("E010", "Defined like this."),
        ("E011", "And this."),
        ("1001", "Bad token."),
        ("1002", "Old token."),
    ]);
}

#[test]
fn rule14_records_and_a_sections_only_json_example() {
    let md = "# Error codes\n\n## Response too large\n- Cause: the response is over 10 MB.\n    - HTTP status: 500\n    - エラーコード：500000001\n    - エラーメッセージ：The download size was exceeded.\n\n## Blocked\n- レスポンスHTTP状態：503 Service Unavailable\n```\n{\"header\": {\"isSuccessful\": false, \"resultCode\": 5030001, \"resultMessage\": \"Upstream down\"}}\n```\n- レスポンスHTTP：502 Bad Gateway\n```\n{\"header\": {\"isSuccessful\": false, \"resultCode\": 5020001, \"resultMessage\": \"Bad gateway\"}}\n```\n";
    let (m, _) = model(md);
    assert_eq!(codes(&m), [("500000001", Some(500), true), ("5030001", Some(503), true), ("5020001", Some(502), true)]);
    assert_eq!(m.codes[0].message, "The download size was exceeded.");
    assert_eq!(m.codes[2].message, "Bad gateway");
}

#[test]
fn rule14_no_evidence_no_code() {
    // A lone item, a section that names no errors, and body fields.
    let (m, _) = lower("# Errors\n\n- NOT_FOUND: The thing is gone.\n\nText.\n");
    assert!(m.is_none(), "one item alone is not evidence");
    let (m, _) = lower("# Error handling\n\n- NOT_FOUND: gone.\n- RATE_LIMITED: slow.\n");
    assert!(m.is_none(), "`Error handling` names no errors");
    let (m, _) = model("# Error codes\n\nEach error has:\n\n- **Error** - A human-readable code.\n- **ErrorCode** - A numerical code.\n\n## Codes\n\n- `OverLimit (1214)`: Too many.\n- `Banned (1002)`: Banned.\n");
    assert_eq!(m.codes.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(), ["OverLimit", "Banned"]);
    // One code that states its own status is evidence enough.
    let (m, _) = model("# Errors\n\n**QuotaExceeded**\nYou are over quota.\nHTTP Status Code: 429\n");
    assert_eq!(codes(&m), [("QuotaExceeded", Some(429), true)]);
}

#[test]
fn rule14_a_code_listed_again_merges_and_a_different_status_is_an_error() {
    let (m, _) = model("# Errors\n\n## Safe to retry codes\n- `OverLimit (1214)`: Too many.\n- `Busy (1215)`: Busy.\n\n## Other notable error codes\n- `OverLimit (1214)`: More about it.\n");
    assert_eq!(codes(&m), [("OverLimit", None, true), ("Busy", None, true)]);
    let e = errors("# Errors\n\n**A_ONE**\nx\nStatus: 400\n\n**A_TWO**\ny\nStatus: 404\n\n**A_ONE**\nz\nStatus: 409\n");
    assert_eq!(e, ["11:1 code `A_ONE` is given twice, differently: HTTP status 400 vs 409"]);
}

#[test]
fn a_code_in_a_table_and_outside_it_with_two_statuses_is_an_error_naming_both() {
    let md = "# Errors\n\n| code | HTTP Status | message |\n|-|-|-|\n| E_ONE | 400 | one |\n\n## More\n\n**E_ONE**\nOne again.\nHTTP Status Code: 409\n\n**E_TWO**\nTwo.\nHTTP Status Code: 404\n";
    let (m, d) = lower(md);
    assert!(m.is_none());
    let e = d.iter().find(|d| d.is_error()).expect("an error");
    assert_eq!(e.message, "code `E_ONE` is given HTTP status 409 here, but 400 in a table");
    let lines: Vec<u32> = e.labels.iter().map(|l| l.source.line).collect();
    assert_eq!(lines, [9, 5]);
    // The same status again is only a mention.
    let (m, _) = model(&md.replace("409", "400"));
    assert_eq!(codes(&m), [("E_ONE", Some(400), false), ("E_TWO", Some(404), false)]);
}

#[test]
fn a_contents_list_of_links_gives_way_to_the_sections_it_links() {
    let (m, _) = model("# Error codes\n\n- [INVALID_TOKEN](#invalid_token)\n- [EXPIRED_TOKEN](#expired_token)\n\n## INVALID_TOKEN\n\nThe token is invalid.\n\n## EXPIRED_TOKEN\n\nThe token expired.\n");
    let got: Vec<(&str, &str, u32)> = m.codes.iter().map(|c| (c.code.as_str(), c.message.as_str(), c.source.line)).collect();
    assert_eq!(got, [("INVALID_TOKEN", "The token is invalid.", 6), ("EXPIRED_TOKEN", "The token expired.", 10)]);
}

// Rule 15: statuses in prose, nearest first.

#[test]
fn rule15_the_nearest_status_statement_wins() {
    let md = "# 401 Unauthorized\n\n## Token errors\n\n- TOKEN_EXPIRED: expired.\n- TOKEN_REVOKED: revoked.\n\n## Key errors\n\nThese are sent with HTTP status code 403.\n\n- KEY_MISSING: no key.\n- KEY_WRONG: wrong key.\n  Status: 400\n";
    let (m, _) = model(md);
    assert_eq!(
        codes(&m),
        [("TOKEN_EXPIRED", Some(401), false), ("TOKEN_REVOKED", Some(401), false), ("KEY_MISSING", Some(403), false), ("KEY_WRONG", Some(400), false)]
    );
    // A table under a status heading takes it too.
    let (m, _) = model("# 429 Too Many Requests\n\n| code | message |\n|-|-|\n| SLOW_DOWN | Slow down. |\n");
    assert_eq!(codes(&m), [("SLOW_DOWN", Some(429), true)]);
}

#[test]
fn rule15_two_statements_at_one_level_are_an_error_naming_both() {
    let e = errors("# Errors\n\n**A_ONE**\nx\nStatus: 400\nStatus: 404\n\n**A_TWO**\ny\n");
    assert_eq!(e, ["3:1 code `A_ONE` is given two HTTP statuses, 400 and 404"]);
    let e = errors("# Errors\n\nSent with HTTP status 400.\n\nOr with HTTP status 404.\n\n- A_ONE: x\n- A_TWO: y\n");
    assert_eq!(e, ["3:1 `Errors` states two HTTP statuses, 400 and 404, for the codes under it"]);
    // A list of statuses states none.
    let (m, _) = model("# Errors\n\nFor HTTP Status 500 and 406 the body holds a code.\n\n- A_ONE: x\n- A_TWO: y\n");
    assert_eq!(codes(&m), [("A_ONE", None, false), ("A_TWO", None, false)]);
}

#[test]
fn status_headings_and_status_items_are_the_statuses_where_several_stand_under_errors() {
    let (m, _) = model("# Errors\n\n## 400 Bad Request\n\nThe request is malformed.\n\n## 429 Too Many Requests\n\nSlow down.\n\n- E_SLOW: slow.\n- E_SLOWER: slower.\n");
    let got: Vec<(u16, &str, &str, bool, bool)> =
        m.statuses.iter().map(|s| (s.status, s.name.as_str(), s.description.as_str(), s.retryable, s.has_error_body)).collect();
    assert_eq!(got, [(400, "BAD_REQUEST", "The request is malformed.", false, false), (429, "TOO_MANY_REQUESTS", "Slow down.", true, true)]);
    assert_eq!(codes(&m), [("E_SLOW", Some(429), true), ("E_SLOWER", Some(429), true)]);
    let (m, _) = model("# Error codes\n\n- 400 Bad Request: The request is malformed.\n- `404` - Nothing here.\n");
    let got: Vec<(u16, &str, &str)> = m.statuses.iter().map(|s| (s.status, s.name.as_str(), s.description.as_str())).collect();
    assert_eq!(got, [(400, "BAD_REQUEST", "The request is malformed."), (404, "NOT_FOUND", "Nothing here.")]);
    // One status heading alone is a section's status, not the page's list.
    let (m, _) = model("# Errors\n\n## 401 Unauthorized\n\n- E_TOKEN: expired.\n- E_KEY: wrong key.\n");
    assert!(m.statuses.is_empty());
}

// Rule 16: retry words.

#[test]
fn rule16_retry_words_set_the_codes_below_them() {
    let md = "# Error codes\n\n## Safe to retry\n- BUSY_NOW: busy.\n- SLOW_DOWN: slow.\n\n## Never retry\n- BANNED_USER: banned.\n- BAD_INPUT: bad.\n\n## Do not retry\n\n| code | message |\n|-|-|\n| E_GONE | gone |\n";
    let (m, _) = model(md);
    assert_eq!(m.codes.iter().map(|c| (c.code.as_str(), c.retryable)).collect::<Vec<_>>(), [
        ("E_GONE", false),
        ("BUSY_NOW", true),
        ("SLOW_DOWN", true),
        ("BANNED_USER", false),
        ("BAD_INPUT", false),
    ]);
}

// Rule 17: raw HTML tables.

#[test]
#[cfg(feature = "html")]
fn rule17_raw_html_tables_read_like_markdown_tables_with_places_in_the_html() {
    let md = "# Errors\n\n<table>\n  <thead><tr><th>Code</th><th>HTTP Status</th><th>Message</th></tr></thead>\n  <tbody>\n    <tr><td><code>NOT_FOUND</code></td><td><span class=\"b\">404</span></td><td>Not <b>found</b>.<br>Try again.</td></tr>\n    <tr><td>BAD&#95;INPUT</td><td>400</td><td>Bad &amp; wrong.</td></tr>\n  </tbody>\n</table>\n";
    let (m, _) = model(md);
    assert_eq!(codes(&m), [("NOT_FOUND", Some(404), false), ("BAD_INPUT", Some(400), false)]);
    assert_eq!(m.codes[0].message, "Not found.\nTry again.");
    assert_eq!(m.codes[1].message, "Bad & wrong.");
    assert_eq!((m.codes[0].source.line, m.codes[0].source.column), (6, 13));
}

#[test]
#[cfg(feature = "html")]
fn rule17_json_bodies_in_cells_give_the_code_and_a_status_row_without_one_warns() {
    let md = "# Standard Error Responses\n\n<table>\n<tr><th>Status</th><th>Description</th><th>Messages</th></tr>\n<tr><td>400</td><td>Bad Request</td><td><code>{\"error\": \"invalid_request\", \"error_description\": \"...\"}</code></td></tr>\n<tr><td>401</td><td>Unauthorized</td><td><code>{&quot;error&quot;: &quot;invalid_client&quot;}</code></td></tr>\n<tr><td>500</td><td>Internal Server Error</td><td>&nbsp;</td></tr>\n</table>\n";
    let (m, d) = model(md);
    assert_eq!(codes(&m), [("invalid_request", Some(400), false), ("invalid_client", Some(401), false)]);
    let warnings: Vec<String> = d.iter().filter(|d| !d.is_error()).map(|d| d.message.clone()).collect();
    assert!(warnings.iter().any(|w| w == "row gives HTTP status 500 but no code; it is not read as a code"), "{warnings:?}");
}

#[test]
#[cfg(feature = "html")]
fn rule17_a_blank_line_inside_an_html_table_is_an_error_with_the_fix() {
    let md = "# Errors\n\n<table>\n<tr><th>Code</th><th>Message</th></tr>\n<tr><td>A_ONE</td><td>x</td></tr>\n\n<tr><td>A_TWO</td><td>y</td></tr>\n</table>\n";
    let (m, d) = lower(md);
    assert!(m.is_none());
    let e = d.iter().find(|d| d.is_error()).expect("an error");
    assert!(e.message.contains("blank line inside it"), "{}", e.message);
    assert_eq!(e.primary().map(|s| s.line), Some(3));
    assert!(e.help.iter().any(|h| h.contains("remove the blank lines")), "{:?}", e.help);
}

// Markdown that is not error documentation.

const NOT_ERROR_PAGES: &[(&str, &str)] = &[
    (
        "changelog.md",
        "# Changelog\n\n## 1.2.0\n\n- ADDED_FLAG: a `--quiet` flag.\n- FIXED_CRASH: no crash on empty input.\n\n## 1.1.0\n\n- `parse_config`: reads TOML too.\n- `write_output`: atomic.\n\n### 2024-01-01\n\nFirst release.\n",
    ),
    (
        "howto.md",
        "# How to deploy\n\n## Steps\n\n1. Install: run `cargo install`.\n2. Configure: set `RUST_LOG`.\n\n- `RUST_LOG`: the log level.\n- `APP_PORT`: the port.\n- **DatabaseUrl** - where the database is.\n- **CacheSize** - how much to cache.\n\n## Troubleshooting\n\nIf it fails with status 500, read the logs.\n",
    ),
    (
        "faq.md",
        "# FAQ\n\n## WhyRust\n\nBecause.\n\n## HowFast\n\nFast.\n\n### 1 Getting started\n\nRead the guide.\n\n### 2 Going further\n\nRead more.\n\n**ImportantNote**\nBack up first.\n\n**AnotherNote**\nReally.\n",
    ),
];

fn assert_no_codes(name: &str, text: &str) {
    let (m, d) = from_sources(vec![(name.to_owned(), text.to_owned())]);
    assert!(m.is_none(), "{name}: read as error docs: {:?}", m.map(|m| m.codes.into_iter().map(|c| c.code).collect::<Vec<_>>()));
    assert!(
        d.iter().any(|d| d.is_error() && d.message == "no error codes or statuses found in the spec"),
        "{name}: {:?}",
        d.iter().map(|d| d.message.clone()).collect::<Vec<_>>()
    );
}

#[test]
fn pages_that_are_not_error_docs_give_no_codes() {
    for (name, text) in NOT_ERROR_PAGES {
        assert_no_codes(name, text);
    }
}

#[test]
fn this_repositorys_own_docs_give_no_codes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for name in ["README.md", "ARCHITECTURE.md", "BENCHMARKS.md"] {
        let text = std::fs::read_to_string(root.join(name)).expect(name);
        assert_no_codes(name, &text);
    }
}

// Saying what was read, and switching the reading off or on.

#[test]
fn a_page_that_reads_nothing_points_at_code_like_items_under_no_heading_about_errors() {
    let (m, d) = lower("# Troubleshooting\n\n### ERR_CONNECTION_REFUSED\n\nThe server refused.\n\n### ERR_TIMED_OUT\n\nNo answer.\n");
    assert!(m.is_none());
    let e = d.iter().find(|d| d.is_error()).expect("an error");
    assert_eq!(e.message, "no error codes or statuses found in the spec");
    let lines: Vec<u32> = e.labels.iter().map(|l| l.source.line).collect();
    assert_eq!(lines, [1, 3]);
    assert!(e.help.as_deref().is_some_and(|h| h.contains("`ERR_CONNECTION_REFUSED`") && h.contains("<!-- errgen: codes=all -->")), "{:?}", e.help);
    // The one-line fix reads them.
    let (m, _) = model("# Troubleshooting\n\n<!-- errgen: codes=all -->\n\n### ERR_CONNECTION_REFUSED\n\nThe server refused.\n\n### ERR_TIMED_OUT\n\nNo answer.\n");
    assert_eq!(m.codes.len(), 2);
}

#[test]
#[cfg(feature = "html")]
fn explain_says_where_each_code_outside_tables_came_from() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let page = dir.path().join("errors.md");
    std::fs::write(
        &page,
        "# Errors\n\n## 404 Not Found\n\n- NO_USER: no such user.\n- NO_TEAM: no such team.\n\n<table><tr><th>Code</th><th>Message</th></tr><tr><td>E_HTML</td><td>x</td></tr></table>\n\n**E_BOLD**\nBold.\nHTTP Status Code: 409\n",
    )
    .expect("write the page");
    let loaded = errgen::load(&[&page]);
    assert!(loaded.model.is_some(), "{}", errgen::diag::render_all(&loaded.diagnostics, false));
    let text = errgen::explain(&loaded.readings);
    assert!(text.contains("errors.md:5:1: code `NO_USER` from a list item\n  status: the heading `404 Not Found`\n"), "{text}");
    assert!(text.contains("code table (HTML) (1 rows read)"), "{text}");
    assert!(text.contains("code `E_BOLD` from a bold paragraph\n  status: its own line (409)\n"), "{text}");
}

#[test]
fn a_lone_code_like_item_under_errors_is_a_warning_and_a_nested_example_code_too() {
    let (m, d) = model("# Errors\n\n| code | message |\n|-|-|\n| E_ONE | one |\n\n## More\n\n- E_TWO: two.\n\n```json\n{\"error\": {\"code\": \"E_THREE\", \"message\": \"three\"}}\n```\n");
    assert_eq!(m.codes.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(), ["E_ONE"]);
    let warnings: Vec<(u32, &str)> = d.iter().filter(|d| !d.is_error()).map(|d| (d.primary().map_or(0, |s| s.line), d.message.as_str())).collect();
    assert!(warnings.contains(&(9, "`E_TWO` looks like an error code, but nothing else here is written like it; it is not read")), "{warnings:?}");
    assert!(warnings.contains(&(12, "example uses code `E_THREE`, which no code table defines")), "{warnings:?}");
}

#[test]
fn a_directive_switches_reading_outside_tables_off_or_on() {
    let lists = "- E_ONE: one.\n- E_TWO: two.\n";
    let (m, d) = lower(&format!("# Errors\n\n<!-- errgen: codes=tables-only -->\n\n{lists}"));
    assert!(m.is_none());
    assert!(!d.iter().any(|d| d.message.contains("looks like an error code")), "tables-only silences the near miss too");
    // `codes=all` reads them where no heading names errors.
    let (m, _) = model(&format!("# Reference\n\n<!-- errgen: codes=all -->\n\n{lists}"));
    assert_eq!(m.codes.len(), 2);
    let e = errors("# Errors\n\n<!-- errgen: codes=some -->\n\n| code | message |\n|-|-|\n| A | a |\n");
    assert_eq!(e, ["3:1 directive `codes=some` is neither `all` nor `tables-only`"]);
}

/// The fixtures in `tests/data/outside/` (also the byte-level fuzzer's
/// seeds for these forms) read as written (one holds an HTML table).
#[test]
#[cfg(feature = "html")]
fn the_outside_fixtures_read_as_written() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/outside");
    let read = |name: &str| {
        let loaded = errgen::load(&[dir.join(name)]);
        let m = loaded.model.unwrap_or_else(|| panic!("{name}:\n{}", errgen::diag::render_all(&loaded.diagnostics, false)));
        m.codes.into_iter().map(|c| (c.code, c.http_status, c.retryable)).collect::<Vec<_>>()
    };
    let owned = |v: &[(&str, Option<u16>, bool)]| v.iter().map(|(c, s, r)| ((*c).to_owned(), *s, *r)).collect::<Vec<_>>();
    assert_eq!(read("headings.md"), owned(&[("-2001", None, false), ("-2002", None, false), ("-2101", None, false), ("-2102", None, false)]));
    assert_eq!(
        read("leads.md"),
        owned(&[
            ("QuotaExceeded", Some(429), true),
            ("MissingSignature", Some(403), false),
            ("ServiceBusy", None, true),
            ("Overloaded", None, true),
            ("AccountClosed", None, false),
            ("TitleDeleted", None, false),
        ])
    );
    assert_eq!(
        read("html-and-records.md"),
        owned(&[("invalid_request", Some(400), false), ("invalid_client", Some(401), false), ("500000001", Some(500), true), ("5030001", Some(503), true)])
    );
}
