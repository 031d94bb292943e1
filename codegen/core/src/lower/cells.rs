//! Reading one cell's value: an HTTP status as people write it, a yes/no,
//! a success marker, a code range, a separator row, a status's name.

/// A status cell: `400`, `` `403` ``, `Conflict (409)`, `409 Conflict`,
/// `400 Bad Request`, `HTTP 404`. Gives the number and the name written
/// beside it (if any). `None` when the cell holds no single 3-digit
/// number from 100 to 599 beside words.
pub fn status(text: &str) -> Option<(u16, Option<&str>)> {
    let text = text.trim().trim_matches('`').trim();
    let mut found: Option<(u16, usize, usize)> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - start != 3 || found.is_some() {
                return None;
            }
            let n: u16 = text[start..i].parse().ok()?;
            if !(100..=599).contains(&n) {
                return None;
            }
            found = Some((n, start, i));
        } else {
            i += 1;
        }
    }
    let (number, start, end) = found?;
    let rest = format!("{} {}", &text[..start], &text[end..]);
    let name = rest.trim_matches(|c: char| c.is_whitespace() || "()[]-–—:,;".contains(c));
    let name = name.strip_prefix("HTTP").or_else(|| name.strip_prefix("http")).unwrap_or(name).trim();
    if name.chars().any(|c| !(c.is_alphanumeric() || " '-_().".contains(c))) {
        return None;
    }
    // The name is what remains, written where the number was not.
    let name_text = if name.is_empty() {
        None
    } else {
        text.find(name).map(|at| &text[at..at + name.len()])
    };
    Some((number, name_text))
}

/// Whether a cell is exactly a status number (possibly in a code span):
/// the content test for a column of statuses.
pub fn is_status_number(text: &str) -> bool {
    let t = text.trim().trim_matches('`').trim();
    t.len() == 3 && t.bytes().all(|b| b.is_ascii_digit()) && t.parse::<u16>().is_ok_and(|n| (100..=599).contains(&n))
}

/// A yes/no cell: `Yes`, `No`, `true`, `false`, `✓`, `✗`, and the CJK
/// words for them. `None` for anything else (including empty).
pub fn yes_no(text: &str) -> Option<bool> {
    let t = text.trim().trim_matches(|c| c == '`' || c == '*').trim().to_lowercase();
    match t.as_str() {
        "yes" | "y" | "true" | "✓" | "✔" | "✅" | "retryable" | "retry" | "是" | "可" | "はい" | "可能" | "예" | "가능" => {
            Some(true)
        }
        "no" | "n" | "false" | "✗" | "✘" | "❌" | "never" | "否" | "不可" | "いいえ" | "不可能" | "아니오" | "불가" => {
            Some(false)
        }
        _ => None,
    }
}

/// Whether a message or description says the row is a success
/// (`SUCCESS`, `OK`, `成功`), which with code `0` makes it no error.
pub fn says_success(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.').to_lowercase();
    matches!(t.as_str(), "success" | "successful" | "succeeded" | "ok" | "成功" | "正常" | "정상" | "성공")
}

/// A range of codes written in one cell: `50001 ~ 50501`, `1000-1999`,
/// `100..199`, `2000 to 2999`.
pub fn is_range(text: &str) -> bool {
    let t = text.trim();
    // Both ends are numbers: a cell that does not start and end with a
    // digit, or holds nothing else, is no range (most cells: one search
    // instead of six).
    let digit_ends = t.starts_with(|c: char| c.is_ascii_digit()) && t.ends_with(|c: char| c.is_ascii_digit());
    if !digit_ends || t.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    for sep in ["~", "..", "–", "—", " to ", "-"] {
        if let Some((a, b)) = t.split_once(sep) {
            let (a, b) = (a.trim(), b.trim());
            let numeric = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
            if numeric(a) && numeric(b) {
                return true;
            }
        }
    }
    false
}

/// Whether a row is a separator (`|-|-|`, `| --- | :-: |`): every cell
/// empty or only dashes, colons and equals signs, and at least one not
/// empty.
pub fn is_separator<'a>(cells: impl IntoIterator<Item = &'a str>) -> bool {
    let mut any = false;
    for c in cells {
        let t = c.trim();
        if t.is_empty() {
            continue;
        }
        if !t.chars().all(|c| matches!(c, '-' | ':' | '=' | '–' | '—')) {
            return false;
        }
        any = true;
    }
    any
}

/// A status's written name split off a description written Slate's way,
/// `Bad Request -- Your request is invalid.`: the name before ` -- ` (or
/// an em or en dash), at most six words.
pub fn split_name(description: &str) -> Option<(&str, &str)> {
    for sep in [" -- ", " — ", " – ", " - "] {
        if let Some((name, rest)) = description.split_once(sep) {
            let name = name.trim();
            if !name.is_empty() && name.split_whitespace().count() <= 6 {
                return Some((name, rest.trim()));
            }
        }
    }
    None
}

/// `SCREAMING_SNAKE_CASE` for a status name as written: `Bad Request` ->
/// `BAD_REQUEST`, `I'm a teapot` -> `IM_A_TEAPOT`, `NOT_FOUND` unchanged.
/// `None` when nothing ASCII is left to name it by.
pub fn status_ident(name: &str) -> Option<String> {
    // A one-word name that makes an identifier is kept as written.
    if !name.contains(char::is_whitespace) && crate::ident::code_ident(name).is_some() {
        return Some(name.to_owned());
    }
    let words: String = name
        .chars()
        .filter(|c| *c != '\'' && *c != '’')
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let ident = crate::ident::screaming_snake(&words);
    crate::ident::is_ascii_ident(&ident).then_some(ident)
}

/// Whether a cell looks like a wire code: one token, no spaces.
pub fn is_code_like(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && !t.chars().any(char::is_whitespace)
}

/// Whether a cell is a `SCREAMING_SNAKE_CASE` code (`NOT_FOUND`), the
/// shape that makes an unread column worth a warning.
pub fn is_screaming_code(text: &str) -> bool {
    let t = text.trim().trim_matches('`');
    t.contains('_')
        && t.starts_with(|c: char| c.is_ascii_uppercase())
        && t.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// A heading that is an HTTP status: `401 Unauthorized`, `HTTP 429`,
/// `Too Many Requests (429)`.
pub fn heading_status(text: &str) -> Option<u16> {
    let (status, name) = status(text)?;
    let t = text.trim();
    let starts = t.trim_start_matches("HTTP").trim_start_matches("http").trim_start().starts_with(|c: char| c.is_ascii_digit());
    let ends = t.ends_with(')');
    let short = name.is_none_or(|n| n.split_whitespace().count() <= 5);
    ((starts || ends) && short).then_some(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_cells() {
        assert_eq!(status("400"), Some((400, None)));
        assert_eq!(status("`403`"), Some((403, None)));
        assert_eq!(status("Conflict (409)"), Some((409, Some("Conflict"))));
        assert_eq!(status("409 Conflict"), Some((409, Some("Conflict"))));
        assert_eq!(status("400 Bad Request"), Some((400, Some("Bad Request"))));
        assert_eq!(status("HTTP 404"), Some((404, None)));
        assert_eq!(status("4000"), None);
        assert_eq!(status("700"), None);
        assert_eq!(status("400 or 404"), None);
        assert_eq!(status("Deprecated"), None);
        assert_eq!(status(""), None);
        assert_eq!(heading_status("401 Unauthorized"), Some(401));
        assert_eq!(heading_status("HTTP 429"), Some(429));
        assert_eq!(heading_status("Too Many Requests (429)"), Some(429));
        assert_eq!(heading_status("Errors returned with 500 in production"), None);
    }

    #[test]
    fn other_cells() {
        assert_eq!(yes_no("Yes"), Some(true));
        assert_eq!(yes_no("**No**"), Some(false));
        assert_eq!(yes_no("maybe"), None);
        assert!(is_range("50001 ~ 50501"));
        assert!(is_range("1000-1999"));
        assert!(!is_range("-1000"));
        assert!(!is_range("ERR-1"));
        assert!(is_separator(["-", "-"]));
        assert!(is_separator([":---", ""]));
        assert!(!is_separator(["", ""]));
        assert!(!is_separator(["-", "x"]));
        assert_eq!(split_name("Bad Request -- Your request is invalid."), Some(("Bad Request", "Your request is invalid.")));
        assert_eq!(status_ident("I'm a teapot").as_deref(), Some("IM_A_TEAPOT"));
        assert_eq!(status_ident("Bad Request").as_deref(), Some("BAD_REQUEST"));
        assert_eq!(status_ident("NOT_FOUND").as_deref(), Some("NOT_FOUND"));
        assert_eq!(status_ident("見つからない"), None);
        assert!(says_success("SUCCESS"));
        assert!(is_screaming_code("NOT_FOUND"));
        assert!(!is_screaming_code("NotFound"));
    }
}
