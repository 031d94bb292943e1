//! The header vocabulary: which column headers name which role, in one
//! place (the README's parsing rules list the same words). Headers are
//! compared after [`normalize`]: case, markup, punctuation, spacing, `_`,
//! `-` and camelCase do not matter (`resultCode` = `result code` =
//! `RESULT_CODE`).

/// What a table column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// The wire code.
    Code,
    /// An identifier for the code (`Identifier`, `Code Key`), or a status's
    /// name in a status table.
    Name,
    /// The HTTP status.
    Status,
    /// The message (template).
    Message,
    /// The description.
    Description,
    /// Whether a client may retry.
    Retryable,
    /// Whether the row is a success (`isSuccessful`): such rows are no
    /// error codes.
    Success,
    /// Anything else: kept as an extra column.
    Extra,
}

impl Role {
    /// The role's name in directives and `--explain`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Role::Code => "code",
            Role::Name => "name",
            Role::Status => "status",
            Role::Message => "message",
            Role::Description => "description",
            Role::Retryable => "retryable",
            Role::Success => "success",
            Role::Extra => "extra",
        }
    }

    /// The role a directive key names.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Role> {
        ROLES.iter().copied().find(|r| r.name() == name)
    }
}

/// Every role, in the order `--explain` and help texts list them.
pub const ROLES: &[Role] =
    &[Role::Code, Role::Name, Role::Status, Role::Message, Role::Description, Role::Retryable, Role::Success, Role::Extra];

/// How sure a header is of its role: `type`, `reason`, `error` and `name`
/// name a code column in error docs but other things elsewhere, so they
/// need the cells (or the page) to agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    Strong,
    Weak,
}

/// The vocabulary: normalized header, role, strength.
const VOCABULARY: &[(&str, Role, Strength)] = &[
    // The wire code.
    ("code", Role::Code, Strength::Strong),
    ("error code", Role::Code, Strength::Strong),
    ("errcode", Role::Code, Strength::Strong),
    ("err code", Role::Code, Strength::Strong),
    ("result code", Role::Code, Strength::Strong),
    ("response code", Role::Code, Strength::Strong),
    ("return code", Role::Code, Strength::Strong),
    ("error id", Role::Code, Strength::Strong),
    ("error type", Role::Code, Strength::Strong),
    ("problem type", Role::Code, Strength::Strong),
    ("error", Role::Code, Strength::Weak),
    ("reason", Role::Code, Strength::Weak),
    ("type", Role::Code, Strength::Weak),
    ("错误码", Role::Code, Strength::Strong),
    ("错误代码", Role::Code, Strength::Strong),
    ("错误编码", Role::Code, Strength::Strong),
    ("錯誤碼", Role::Code, Strength::Strong),
    ("返回码", Role::Code, Strength::Strong),
    ("エラーコード", Role::Code, Strength::Strong),
    ("結果コード", Role::Code, Strength::Strong),
    ("오류 코드", Role::Code, Strength::Strong),
    ("오류코드", Role::Code, Strength::Strong),
    ("에러 코드", Role::Code, Strength::Strong),
    ("에러코드", Role::Code, Strength::Strong),
    ("결과 코드", Role::Code, Strength::Strong),
    // An identifier for the code, or a status's name.
    ("identifier", Role::Name, Strength::Strong),
    ("name", Role::Name, Strength::Strong),
    ("code key", Role::Name, Strength::Strong),
    ("code name", Role::Name, Strength::Strong),
    ("literal", Role::Name, Strength::Strong),
    ("constant", Role::Name, Strength::Strong),
    ("error name", Role::Name, Strength::Strong),
    ("status message", Role::Name, Strength::Strong),
    ("status name", Role::Name, Strength::Strong),
    ("status text", Role::Name, Strength::Strong),
    ("reason phrase", Role::Name, Strength::Strong),
    // The HTTP status.
    ("http status", Role::Status, Strength::Strong),
    ("http status code", Role::Status, Strength::Strong),
    ("http code", Role::Status, Strength::Strong),
    ("http", Role::Status, Strength::Strong),
    ("status", Role::Status, Strength::Strong),
    ("status code", Role::Status, Strength::Strong),
    ("http response code", Role::Status, Strength::Strong),
    ("response status", Role::Status, Strength::Strong),
    ("状态码", Role::Status, Strength::Strong),
    ("http状态码", Role::Status, Strength::Strong),
    ("http 状态码", Role::Status, Strength::Strong),
    ("ステータスコード", Role::Status, Strength::Strong),
    ("httpステータスコード", Role::Status, Strength::Strong),
    ("상태 코드", Role::Status, Strength::Strong),
    ("상태코드", Role::Status, Strength::Strong),
    ("http 상태 코드", Role::Status, Strength::Strong),
    // The message.
    ("message", Role::Message, Strength::Strong),
    ("msg", Role::Message, Strength::Strong),
    ("error message", Role::Message, Strength::Strong),
    ("user message", Role::Message, Strength::Strong),
    ("result message", Role::Message, Strength::Strong),
    ("response message", Role::Message, Strength::Strong),
    ("error msg", Role::Message, Strength::Strong),
    ("错误信息", Role::Message, Strength::Strong),
    ("错误消息", Role::Message, Strength::Strong),
    ("エラーメッセージ", Role::Message, Strength::Strong),
    ("메시지", Role::Message, Strength::Strong),
    ("오류 메시지", Role::Message, Strength::Strong),
    // The description.
    ("description", Role::Description, Strength::Strong),
    ("error description", Role::Description, Strength::Strong),
    ("meaning", Role::Description, Strength::Strong),
    ("explanation", Role::Description, Strength::Strong),
    ("details", Role::Description, Strength::Strong),
    ("detail", Role::Description, Strength::Strong),
    ("note", Role::Description, Strength::Strong),
    ("notes", Role::Description, Strength::Strong),
    ("remarks", Role::Description, Strength::Strong),
    ("说明", Role::Description, Strength::Strong),
    ("描述", Role::Description, Strength::Strong),
    ("含义", Role::Description, Strength::Strong),
    ("备注", Role::Description, Strength::Strong),
    ("説明", Role::Description, Strength::Strong),
    ("内容", Role::Description, Strength::Strong),
    ("意味", Role::Description, Strength::Strong),
    ("설명", Role::Description, Strength::Strong),
    ("의미", Role::Description, Strength::Strong),
    // Retryability.
    ("retryable", Role::Retryable, Strength::Strong),
    ("retriable", Role::Retryable, Strength::Strong),
    ("retry", Role::Retryable, Strength::Strong),
    ("safe to retry", Role::Retryable, Strength::Strong),
    ("can retry", Role::Retryable, Strength::Strong),
    ("is retryable", Role::Retryable, Strength::Strong),
    // Success rows.
    ("is successful", Role::Success, Strength::Strong),
    ("is success", Role::Success, Strength::Strong),
    ("success", Role::Success, Strength::Strong),
    ("successful", Role::Success, Strength::Strong),
];

/// A header's comparison form: markup and punctuation become spaces,
/// camelCase is split, letters are lower case, runs of spaces are one.
pub fn normalize(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut prev: Option<char> = None;
    for c in header.chars() {
        if c.is_alphanumeric() {
            // `resultCode`, `HTTPStatus`: a word starts at an upper-case
            // letter after a lower-case one or a digit.
            if c.is_uppercase() && prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit()) {
                out.push(' ');
            }
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
        prev = Some(c);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// The role a header names, and how sure it is.
pub fn lookup(header: &str) -> Option<(Role, Strength)> {
    let key = normalize(header);
    let squeezed: String = key.chars().filter(|c| *c != ' ').collect();
    let find = |form: &str| {
        VOCABULARY.iter().find_map(|&(word, role, strength)| {
            word.chars().filter(|c| *c != ' ').eq(form.chars()).then_some((role, strength))
        })
    };
    // A plural header (`Codes`, `Messages`) names the same role.
    find(&squeezed).or_else(|| squeezed.strip_suffix('s').and_then(find))
}

/// The role of a header that is no vocabulary entry but holds the word
/// `message` or `description` (`Message Show to User`).
pub fn by_word(header: &str) -> Option<Role> {
    let key = normalize(header);
    key.split(' ').find_map(|w| match w {
        "message" | "messages" | "msg" => Some(Role::Message),
        "description" | "descriptions" => Some(Role::Description),
        _ => None,
    })
}

/// The vocabulary word a header nearly is (a typo such as `cdoe` or
/// `HTTP Stauts`): within one edit for words of 4 to 7 letters, two from 8
/// on, transpositions counting as one. Exact matches are not near misses.
pub fn near_miss(header: &str) -> Option<&'static str> {
    let key: Vec<char> = normalize(header).chars().filter(|c| *c != ' ').collect();
    if key.len() < 4 || lookup(header).is_some() {
        return None;
    }
    VOCABULARY.iter().find_map(|&(word, _, _)| {
        let target: Vec<char> = word.chars().filter(|c| *c != ' ').collect();
        let limit = if target.len() >= 8 { 2 } else { 1 };
        (target.len() >= 4 && key.len().abs_diff(target.len()) <= limit && edit_distance(&key, &target) <= limit)
            .then_some(word)
    })
}

/// Optimal string alignment distance (Levenshtein plus adjacent swaps).
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// Words that make a heading (or page title) one about errors, so that a
/// weak header such as `Type` is read as a code column beneath it.
const ERROR_WORDS: &[&str] = &[
    "error", "errors", "problem", "problems", "fault", "faults", "exception", "exceptions", "failure", "failures",
    "错误", "错误码", "異常", "异常", "エラー", "오류", "에러",
];

/// Whether a heading speaks of errors.
pub fn is_error_heading(heading: &str) -> bool {
    let key = normalize(heading);
    key.split(' ').any(|w| ERROR_WORDS.contains(&w)) || ERROR_WORDS.iter().any(|w| !w.is_ascii() && key.contains(w))
}

/// Nouns after `error` that keep the heading about errors themselves
/// (`Error codes`, `Error responses`), unlike `Error schemas` or `Error
/// handling`.
const AFTER_ERROR: &[&str] =
    &["code", "codes", "response", "responses", "message", "messages", "list", "reference", "type", "types", "catalog", "table"];

/// Whether a heading names errors themselves, the stricter test for codes
/// written outside tables: a plural (`Common Errors`, `Exceptions`), or
/// `error` last or before a word such as `codes`; CJK error words
/// anywhere. `Publishing error schemas` speaks of errors but lists none.
pub fn names_errors(heading: &str) -> bool {
    let key = normalize(heading);
    let words: Vec<&str> = key.split(' ').collect();
    words.iter().enumerate().any(|(i, w)| match *w {
        "errors" | "exceptions" | "faults" | "failures" | "problems" => true,
        "error" | "exception" | "fault" => words.get(i + 1).is_none_or(|next| AFTER_ERROR.contains(next)),
        _ => false,
    }) || ERROR_WORDS.iter().any(|w| !w.is_ascii() && key.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_that_name_errors() {
        for yes in ["Common Errors", "Error codes for Binance", "API error codes.", "Standard Error Responses", "Error", "Application Service > API Gateway > エラーコード", "Exceptions"] {
            assert!(names_errors(yes), "{yes}");
        }
        for no in ["Publishing OpenAPI error schemas", "Error handling", "Safe to retry codes", "Parameters"] {
            assert!(!names_errors(no), "{no}");
        }
    }

    #[test]
    fn headers_normalize() {
        assert_eq!(normalize("resultCode"), "result code");
        assert_eq!(normalize("http_code"), "http code");
        assert_eq!(normalize("**HTTP  Status**"), "http status");
        assert_eq!(normalize("isSuccessful"), "is successful");
        assert_eq!(normalize("오류 코드"), "오류 코드");
        assert_eq!(lookup("HTTP Status Code"), Some((Role::Status, Strength::Strong)));
        assert_eq!(lookup("Error-Code"), Some((Role::Code, Strength::Strong)));
        assert_eq!(lookup("오류코드"), Some((Role::Code, Strength::Strong)));
        assert_eq!(lookup("Reason"), Some((Role::Code, Strength::Weak)));
        assert_eq!(lookup("Suggested Action"), None);
        assert_eq!(lookup("Error Codes"), Some((Role::Code, Strength::Strong)));
    }

    #[test]
    fn near_misses() {
        assert_eq!(near_miss("cdoe"), Some("code"));
        assert_eq!(near_miss("HTTP Stauts"), Some("http status"));
        assert_eq!(near_miss("Descripton"), Some("description"));
        assert_eq!(near_miss("code"), None);
        assert_eq!(near_miss("Value"), None);
        assert_eq!(near_miss("id"), None);
    }

    #[test]
    fn error_headings() {
        assert!(is_error_heading("Contractual Problem Types"));
        assert!(is_error_heading("エラーコード一覧"));
        assert!(!is_error_heading("Parameters"));
    }
}
