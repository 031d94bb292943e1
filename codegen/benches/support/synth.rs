//! A synthetic error spec of any size, for the benches and their tests.
//!
//! `spec(n)` gives `n` codes as Markdown files in the shape of real error
//! documentation: an index page with the status table and the JSON body
//! example, then one page per API area, each with several code tables
//! under their own headings. Codes are made of everyday words
//! (`ORDER_LIMIT_EXPIRED`), one in sixteen is numeric (`10042`); about a
//! third of the messages carry `{{Name}}` placeholders (some written the
//! `GitBook` way, `\{{Name\}}`), cells use inline code, links, escapes and
//! entities, and the tables' statuses come from directives, `httpStatus`
//! lines and heading words. The output depends on `n` alone.
#![allow(dead_code, clippy::cast_possible_truncation, clippy::many_single_char_names, clippy::doc_markdown)]

use std::fmt::Write as _;

/// Codes per table and tables per page.
const CODES_PER_TABLE: usize = 40;
const TABLES_PER_FILE: usize = 6;

const WORDS: [&str; 48] = [
    "ACCOUNT", "ASSET", "BALANCE", "CHANNEL", "DEPOSIT", "DEVICE", "EVENT", "FEE", "GAME", "GRANT", "HOLDER", "ITEM",
    "JOB", "KEY", "LEDGER", "LIMIT", "MARKET", "MEMBER", "NETWORK", "NONCE", "OFFER", "ORDER", "OWNER", "PACKAGE",
    "PAYMENT", "PERIOD", "POLICY", "PRICE", "QUOTA", "QUEUE", "RATE", "REGION", "REQUEST", "RESOURCE", "ROLE", "SCOPE",
    "SESSION", "SIGNER", "SLOT", "STAKE", "TICKET", "TOKEN", "TRADE", "USER", "VAULT", "WALLET", "WEBHOOK", "ZONE",
];

const STATES: [&str; 16] = [
    "expired", "locked", "not found", "already exists", "suspended", "out of range", "not allowed", "pending",
    "invalid", "closed", "busy", "revoked", "exhausted", "unavailable", "frozen", "mismatched",
];

/// (http status, heading, how the status is given: 0 directive, 1
/// `httpStatus` line, 2 the status number in prose).
const SECTIONS: [(u16, &str, u8); 6] = [
    (406, "Non Retryable Errors", 1),
    (500, "Retryable Errors", 0),
    (409, "Conflict Errors", 0),
    (400, "Validation Errors", 1),
    (503, "Retryable Infrastructure Errors", 0),
    (422, "Not Retryable Processing Errors", 2),
];

/// A stable pseudo-random number for `i` (splitmix64).
fn mix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The wire code of code number `i`: three words (a permutation of the
/// 48^3 word triples, so codes are distinct), or a number.
#[must_use]
pub fn code(i: usize) -> String {
    if (i + 1).is_multiple_of(16) {
        return format!("{}", 100_000 + i);
    }
    words(i)
}

/// The three words of code number `i` (numeric codes too, for their text).
fn words(i: usize) -> String {
    let space = WORDS.len().pow(3);
    assert!(i < space, "the synthetic spec has at most {space} codes");
    let p = (i * 7919) % space;
    let w = WORDS.len();
    format!("{}_{}_{}", WORDS[p / (w * w)], WORDS[p / w % w], WORDS[p % w])
}

fn words_of(i: usize) -> Vec<String> {
    words(i).split('_').map(str::to_lowercase).collect()
}

/// The message template of code `i` (raw, with `{{Name}}` placeholders).
fn message(i: usize) -> String {
    let w = words_of(i);
    let first = w.first().cloned().unwrap_or_default();
    let last = w.last().cloned().unwrap_or_default();
    let state = STATES[(mix(i as u64) % STATES.len() as u64) as usize];
    let mut first_cap = first.clone();
    if let Some(c) = first_cap.get_mut(..1) {
        c.make_ascii_uppercase();
    }
    match mix(i as u64 ^ 0xABCD) % 9 {
        0 => format!("{first_cap} {last} {state}: {{{{Error Message}}}}"),
        1 => format!("{first_cap} {{{{{} Id}}}} is {state}", title(&last)),
        2 => format!("The {last} {{{{Name}}}} of {first} {{{{Owner Id}}}} is {state}"),
        _ => format!("{first_cap} {last} {state}"),
    }
}

fn title(word: &str) -> String {
    let mut s = word.to_owned();
    if let Some(c) = s.get_mut(..1) {
        c.make_ascii_uppercase();
    }
    s
}

/// A code cell: the code with its underscores escaped, as `GitBook` writes
/// them, for every other code.
fn code_cell(i: usize, code: &str) -> String {
    if i.is_multiple_of(2) {
        code.replace('_', "\\_")
    } else {
        code.to_owned()
    }
}

/// A message cell: `GitBook` escapes placeholder braces in some tables.
fn message_cell(i: usize, message: &str) -> String {
    if i.is_multiple_of(3) {
        message.replace("{{", "\\{{").replace("}}", "\\}}")
    } else {
        message.to_owned()
    }
}

fn description_cell(i: usize) -> String {
    let w = words_of(i);
    let subject = w.join(" ");
    let state = STATES[(mix(i as u64 ^ 0x55) % STATES.len() as u64) as usize];
    match mix(i as u64 ^ 0x77) % 5 {
        0 => format!("When the requested {subject} is {state}. Check `{}` in the request &amp; retry with a new value.", w[0]),
        1 => format!("The {subject} cannot be processed because it is {state}; see [limits](limits.md#{}).", w[0]),
        2 => format!("Returned when a **{subject}** is {state}.<br>Contact support if it persists."),
        3 => String::new(),
        _ => format!("The {subject} is {state} for this account or region, and the request was not applied."),
    }
}

/// The index page: status table and the JSON body example.
fn index_page() -> String {
    let mut s = String::from(
        "---\ndescription: Error responses of the API\n---\n\n# Error Responses\n\n\
         ### Regular Error Response\n\nRequests fail with a 4xx status for client-side problems and a 5xx status \
         for server-side ones. For errors specific to one API, see the error codes on its page.\n\n\
         | HTTP Status | HTTP Code | Description |\n| --- | --- | --- |\n",
    );
    let link = "[Error Code](index.md#error-response-format)";
    for (status, desc) in [
        (400, "There is an issue with the format or length of the input parameters."),
        (401, "The API key or secret is incorrect, or permissions have been revoked."),
        (403, "The API path is not allowed for this key."),
        (404, "An incorrect URI was specified."),
        (406, "The input cannot be processed. Check the detailed error code."),
        (409, "The request conflicts with the current state of the resource."),
        (422, "The request is well formed but cannot be processed."),
        (429, "Too many requests: the request count has been exceeded."),
        (500, "Server-side error. Check the detailed error code."),
        (503, "The service is unavailable; wait for recovery."),
    ] {
        let cell = match status {
            400 | 406 | 409 | 422 | 500 | 503 => link.to_owned(),
            401 => "UNAUTHORIZED".to_owned(),
            403 => "NOT\\_ALLOW\\_API".to_owned(),
            404 => "NOT_FOUND".to_owned(),
            _ => "TOO_MANY_REQUESTS".to_owned(),
        };
        let _ = writeln!(s, "| {status} | {cell} | {desc} |");
    }
    s.push_str(
        "\n### Error Response Format\n\nFor the statuses linked above, the body holds the detailed error code \
         as `code` and `message`.\n\n```json\n{\n  \"code\": \"ORDER_LIMIT_EXPIRED\",\n  \"message\": \"Order limit expired\"\n}\n```\n",
    );
    s
}

/// `n` codes as `(path, Markdown)` files, the index page first. The body
/// example names a code that exists only when `n` is large enough, so
/// the index page is written without naming one unknown: its example code
/// is replaced by the first code.
#[must_use]
pub fn spec(n: usize) -> Vec<(String, String)> {
    let first = code(0);
    let mut files = vec![("index.md".to_owned(), index_page().replace("ORDER_LIMIT_EXPIRED", &first))];
    let per_file = CODES_PER_TABLE * TABLES_PER_FILE;
    let mut i = 0;
    let mut page = 0;
    while i < n {
        let area = title(&WORDS[page % WORDS.len()].to_lowercase());
        let mut s = format!("# {area} API errors (part {})\n\nErrors returned by the {area} endpoints.\n", page + 1);
        for table in 0..TABLES_PER_FILE {
            if i >= n {
                break;
            }
            let (status, heading, how) = SECTIONS[(page + table) % SECTIONS.len()];
            let _ = write!(s, "\n## {heading} ({area} {})\n\n", table + 1);
            match how {
                0 => {
                    let _ = write!(s, "<!-- errgen: status={status} -->\n\nThese codes come with HTTP status {status}.\n\n");
                }
                1 => {
                    let _ = write!(s, "A request with one of these codes fails the same way every time.\n\nhttpStatus : {status}\n\n");
                }
                _ => {
                    let _ = write!(s, "The API answers these with HTTP {status}; change the request before sending it again.\n\n");
                }
            }
            let extra = table % 3 == 2;
            if extra {
                s.push_str("| code | message | description | solution |\n| --- | --- | --- | --- |\n");
            } else {
                s.push_str("| code | message | description |\n| --- | --- | --- |\n");
            }
            for _ in 0..CODES_PER_TABLE.min(n - i) {
                let c = code(i);
                let m = message(i);
                let _ = write!(s, "| {} | {} | {} |", code_cell(i, &c), message_cell(i, &m), description_cell(i));
                if extra {
                    s.push_str(" Retry with a different value. |");
                }
                s.push('\n');
                i += 1;
            }
        }
        files.push((format!("api/{:04}-{}.md", page, area.to_lowercase()), s));
        page += 1;
    }
    let _ = per_file;
    files
}

/// The total size in bytes of a spec.
#[must_use]
pub fn size(files: &[(String, String)]) -> usize {
    files.iter().map(|(_, t)| t.len()).sum()
}

/// Writes the spec under `dir` (which is created).
///
/// # Errors
/// On any IO error.
pub fn write(dir: &std::path::Path, files: &[(String, String)]) -> std::io::Result<()> {
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    Ok(())
}
