//! A table's kind and its columns' roles: by header first (the
//! vocabulary, a `columns` directive or the spec-wide mapping), then
//! checked against the cells, which decide where a header is ambiguous.

use super::cells;
use super::vocab::{self, Role, Strength};
use super::At;
use crate::source::{Cell, Row};

/// What a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// HTTP statuses, one a row.
    Status,
    /// Error codes, one a row.
    Code,
    /// Neither: not read.
    Other,
}

/// A table's reading: its kind, and each column's role with how it was
/// decided (for `lint --explain`).
pub struct Shape {
    pub kind: Kind,
    pub roles: Vec<Role>,
    pub how: Vec<String>,
    /// Why a table that looked like one kind was not read as it.
    pub why_not: Option<String>,
    /// The column whose header names a code but whose cells are all
    /// statuses, read as the status column.
    pub status_by_content: Option<usize>,
    /// The code column's cells are JSON error bodies; the code (and the
    /// message) are read from their fields.
    pub code_in_json: bool,
}

impl Shape {
    pub fn column(&self, role: Role) -> Option<usize> {
        self.roles.iter().position(|r| *r == role)
    }

    pub fn extra(&self) -> impl Iterator<Item = usize> + '_ {
        self.roles.iter().enumerate().filter(|(_, r)| **r == Role::Extra).map(|(i, _)| i)
    }
}

/// Where a column's role came from before the cells were looked at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    Directive,
    Option,
    Header(Strength),
    None,
}

/// The non-blank cells of column `i` of `rows` (separator rows already
/// left out).
fn column<'a>(rows: &'a [&'a Row], i: usize) -> impl Iterator<Item = &'a str> + 'a {
    rows.iter()
        .filter_map(move |r| r.cells.get(i))
        .map(|c| c.text.as_str())
        .filter(|t| !t.trim().is_empty())
}

fn all(rows: &[&Row], i: usize, test: impl Fn(&str) -> bool) -> bool {
    let mut any = false;
    for t in column(rows, i) {
        if !test(t) {
            return false;
        }
        any = true;
    }
    any
}

fn share(rows: &[&Row], i: usize, test: impl Fn(&str) -> bool) -> f64 {
    let (mut yes, mut n) = (0u32, 0u32);
    for t in column(rows, i) {
        n += 1;
        yes += u32::from(test(t));
    }
    if n == 0 {
        0.0
    } else {
        f64::from(yes) / f64::from(n)
    }
}

/// Reads a table's shape. `directive` is a `columns` directive above it,
/// `mapping` the spec-wide one; `error_section` says whether a heading
/// above the table speaks of errors.
#[allow(clippy::too_many_lines)]
pub fn shape(
    header: &[Cell],
    rows: &[Row],
    directive: &[(Role, String, At)],
    mapping: &[(Role, String)],
    error_section: bool,
    section_status: bool,
) -> Shape {
    let n = header.len();
    // Separator rows (`|-|-|`) say nothing about a column: left out once.
    let rows: Vec<&Row> = rows.iter().filter(|r| !cells::is_separator(r.cells.iter().map(|c| c.text.as_str()))).collect();
    let rows = rows.as_slice();
    let mut roles = vec![Role::Extra; n];
    let mut source = vec![Source::None; n];
    let mut how = vec![String::new(); n];
    for (i, cell) in header.iter().enumerate() {
        let key = vocab::normalize(&cell.text);
        if let Some((role, _, _)) = directive.iter().find(|(_, h, _)| vocab::normalize(h) == key) {
            roles[i] = *role;
            source[i] = Source::Directive;
            how[i] = String::from("the `columns` directive");
        } else if let Some((role, _)) = mapping.iter().find(|(_, h)| vocab::normalize(h) == key) {
            roles[i] = *role;
            source[i] = Source::Option;
            how[i] = String::from("the spec-wide column mapping");
        } else if let Some((role, strength)) = vocab::lookup(&cell.text) {
            roles[i] = role;
            source[i] = Source::Header(strength);
            how[i] = String::from("header");
        } else if let Some(role) = vocab::by_word(&cell.text) {
            roles[i] = role;
            source[i] = Source::Header(Strength::Strong);
            how[i] = format!("header contains the word `{}`", role.name());
        } else {
            how[i] = String::from("header not in the vocabulary");
        }
    }
    let chosen = |s: Source| matches!(s, Source::Directive | Source::Option);

    // Several status columns (`HTTP Status | HTTP Code`): the one holding
    // status numbers is the status; another holding words is the name.
    let status_cols: Vec<usize> = (0..n).filter(|&i| roles[i] == Role::Status).collect();
    if status_cols.len() > 1 {
        let numeric = status_cols.iter().copied().find(|&i| all(rows, i, cells::is_status_number)).unwrap_or(status_cols[0]);
        for &i in &status_cols {
            if i == numeric {
                continue;
            }
            let has_name = roles.contains(&Role::Name);
            roles[i] = if has_name { Role::Extra } else { Role::Name };
            how[i] = format!("header, but its cells are not status numbers: read as {}", roles[i].name());
        }
    }
    // A status column whose cells hold no status at all is not one.
    if let Some(i) = roles.iter().position(|r| *r == Role::Status) {
        if !chosen(source[i]) && column(rows, i).next().is_some() && !column(rows, i).any(|t| cells::status(t).is_some()) {
            roles[i] = Role::Extra;
            how[i] = String::from("header, but no cell holds an HTTP status: read as extra");
        }
    }

    // Code columns.
    let mut code_cols: Vec<usize> = (0..n).filter(|&i| roles[i] == Role::Code).collect();
    let has_status = roles.contains(&Role::Status);
    // `Error Code | Meaning` over `400`, `401`: the "codes" are statuses,
    // and the table is a status table, unless the section already gives
    // its codes a status.
    let mut by_content = None;
    if !has_status && !section_status {
        if let Some(pos) = code_cols.iter().position(|&i| !chosen(source[i]) && all(rows, i, cells::is_status_number)) {
            let i = code_cols.remove(pos);
            roles[i] = Role::Status;
            how[i] = String::from("header names a code, but every cell is an HTTP status: read as the status");
            by_content = Some(i);
        }
    }
    if code_cols.len() > 1 {
        // `Error | Code` or `Code | Reason`: a numeric column and a named
        // one are the wire code and its name; otherwise the strongest
        // header wins.
        let numeric = code_cols.iter().copied().find(|&i| all(rows, i, |t| t.trim().trim_start_matches('-').bytes().all(|b| b.is_ascii_digit())));
        let keep = code_cols
            .iter()
            .copied()
            .find(|&i| chosen(source[i]))
            .or(numeric)
            .or_else(|| code_cols.iter().copied().find(|&i| source[i] == Source::Header(Strength::Strong)))
            .unwrap_or(code_cols[0]);
        for &i in &code_cols {
            if i != keep {
                let to_name = !roles.contains(&Role::Name) && all(rows, i, |t| crate::ident::code_ident(t.trim()).is_some());
                roles[i] = if to_name { Role::Name } else { Role::Extra };
                how[i] = format!("header names a code, but column {} is the code: read as {}", keep + 1, roles[i].name());
            }
        }
        code_cols = vec![keep];
    }
    // No code column, but one whose cells are JSON error bodies
    // (`{"error": "invalid_request", …}`): the bodies' code field is the
    // code.
    let mut code_in_json = false;
    if code_cols.is_empty() {
        if let Some(i) = (0..n).find(|&i| roles[i] != Role::Status && all(rows, i, |t| super::examples::cell_body(t).is_some())) {
            roles[i] = Role::Code;
            how[i] = String::from("its cells are JSON error bodies: the code is each body's code field");
            code_cols.push(i);
            code_in_json = true;
        }
    }
    let mut why_not = None;
    if let Some(&i) = code_cols.first() {
        // A weak header (`Type`, `Reason`, `Error`) is a code column only
        // with evidence: one-word cells, and a status or message column or
        // a heading about errors.
        if source[i] == Source::Header(Strength::Weak) {
            let context = roles.contains(&Role::Status) || roles.contains(&Role::Message) || roles.contains(&Role::Retryable) || error_section;
            let words = share(rows, i, cells::is_code_like) >= 0.8;
            if context && words {
                how[i] = String::from("header (read as the code: one-word cells under an error heading or beside a status or message)");
            } else {
                roles[i] = Role::Extra;
                how[i] = format!(
                    "header `{}` may name a code, but {}: read as extra",
                    header[i].text,
                    if words { "nothing around the table speaks of errors" } else { "its cells are not one-word codes" }
                );
                why_not = Some(format!(
                    "column `{}` may hold codes, but {}",
                    header[i].text,
                    if words { "no heading above it speaks of errors" } else { "its cells are not one-word codes" }
                ));
                code_cols.clear();
            }
        }
    }
    let informative = [Role::Message, Role::Description, Role::Status, Role::Retryable, Role::Name];
    let kind = if !code_cols.is_empty() {
        if roles.iter().any(|r| informative.contains(r)) {
            Kind::Code
        } else {
            why_not = Some("beside its code column it has no message, description, status, retryable or name column".to_owned());
            Kind::Other
        }
    } else if roles.contains(&Role::Status) {
        Kind::Status
    } else {
        Kind::Other
    };
    if kind == Kind::Other {
        // Keep roles for the explanation, but nothing is read.
        for (i, r) in roles.iter().enumerate() {
            if *r != Role::Extra && how[i] == "header" {
                how[i] = format!("header ({}), but the table is not read", r.name());
            }
        }
    }
    Shape { kind, roles, how, why_not, status_by_content: by_content, code_in_json }
}
