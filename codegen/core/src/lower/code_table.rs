//! Code tables: one error code a row, with its status from the row, the
//! section or nowhere, and its retryability from the row, the section,
//! the status or the default.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use std::fmt::Write as _;

use super::cells;
use super::examples;
use super::roles::Shape;
use super::status_table::{retryable_by_default, Drafts};
use super::vocab::Role;
use super::{reading, At, Lowering, Section, TableAt, TableReading};
use crate::diag::Diagnostic;
use crate::ident;
use crate::model::{Alternative, Code, Param};
use crate::template::{self, Piece};

/// The codes found so far, in document order, indexed for the duplicate
/// checks (linear in the number of codes).
#[derive(Default)]
pub struct Codes {
    pub list: Vec<Code>,
    /// Where each code's row stands.
    at: Vec<At>,
    by_code: KeyIndex,
    by_ident: KeyIndex,
}

impl Codes {
    pub fn contains(&self, code: &str) -> bool {
        self.index_of(code).is_some()
    }

    /// Room for `n` more codes, allocated once.
    pub fn reserve(&mut self, n: usize) {
        self.list.reserve_exact(n);
        self.at.reserve_exact(n);
        self.by_code.reserve(n);
        self.by_ident.reserve(n);
    }

    /// The index in [`Self::list`] of a code already found.
    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.by_code.find(code, |i| &self.list[i].code)
    }

    /// The index of the code already found with this identifier.
    fn index_of_ident(&self, ident: &str) -> Option<usize> {
        self.by_ident.find(ident, |i| &self.list[i].ident)
    }

    pub fn get(&self, code: &str) -> Option<&Code> {
        self.index_of(code).map(|i| &self.list[i])
    }

    /// Where a code already found stands.
    pub fn at_of(&self, code: &str) -> At {
        self.index_of(code).map_or(At { file: 0, range: 0..0 }, |i| self.at[i].clone())
    }

    /// Appends a code (whose code and identifier are new) and indexes it.
    fn push(&mut self, code: Code, at: At) -> usize {
        let i = self.list.len();
        self.by_code.insert(&code.code, i);
        self.by_ident.insert(&code.ident, i);
        self.list.push(code);
        self.at.push(at);
        i
    }
}

/// Positions in a list by a string of each entry, without a copy of the
/// strings: the key's hash leads to the entries with that hash (a chain
/// through `next`), which the caller's `key_of` tells apart.
#[derive(Default)]
pub(crate) struct KeyIndex {
    /// The last entry with each hash.
    last: FxHashMap<u64, u32>,
    /// Per entry, the entry before it with the same hash (`u32::MAX`: none).
    next: Vec<u32>,
}

impl KeyIndex {
    fn hash(key: &str) -> u64 {
        use std::hash::BuildHasher as _;
        rustc_hash::FxBuildHasher.hash_one(key)
    }

    fn reserve(&mut self, n: usize) {
        self.last.reserve(n);
        self.next.reserve_exact(n);
    }

    pub(crate) fn find<'a>(&self, key: &str, key_of: impl Fn(usize) -> &'a str) -> Option<usize> {
        self.find_hashed(Self::hash(key), key, key_of)
    }

    fn find_hashed<'a>(&self, hash: u64, key: &str, key_of: impl Fn(usize) -> &'a str) -> Option<usize> {
        self.find_where(hash, |i| key_of(i) == key)
    }

    /// The last entry with this hash that `is` accepts.
    pub(super) fn find_where(&self, hash: u64, is: impl Fn(usize) -> bool) -> Option<usize> {
        let mut at = *self.last.get(&hash)?;
        while at != u32::MAX {
            let i = at as usize;
            if is(i) {
                return Some(i);
            }
            at = self.next[i];
        }
        None
    }

    /// Indexes entry `i` (the next one: entries are inserted in order).
    pub(crate) fn insert(&mut self, key: &str, i: usize) {
        self.insert_hashed(Self::hash(key), i);
    }

    pub(super) fn insert_hashed(&mut self, hash: u64, i: usize) {
        debug_assert_eq!(i, self.next.len());
        // A spec would need billions of codes to pass `u32`'s range.
        let i = u32::try_from(i).expect("fewer than 2^32 codes");
        let before = self.last.insert(hash, i).unwrap_or(u32::MAX);
        self.next.push(before);
    }
}

/// Where a table's codes get their status when their row gives none.
enum SectionStatus {
    Directive(u16, At),
    Line(u16, At),
    Prose(u16),
    /// A heading above the table is a status: `# 401 Unauthorized`.
    Heading(u16),
    None,
}

impl Lowering<'_> {
    #[allow(clippy::too_many_lines)]
    pub(super) fn code_table(
        &mut self,
        t: &mut TableAt<'_>,
        shape: &Shape,
        statuses: &Drafts,
        codes: &mut Codes,
        section: &mut Section,
    ) -> TableReading {
        let file = t.file;
        let at = |range: &std::ops::Range<usize>| At { file, range: range.clone() };
        let table_at = at(&t.span);
        let code_col = shape.column(Role::Code).unwrap_or(0);
        let name_col = shape.column(Role::Name);
        let status_col = shape.column(Role::Status);
        let message_col = shape.column(Role::Message);
        let description_col = shape.column(Role::Description);
        let retry_col = shape.column(Role::Retryable);
        let success_col = shape.column(Role::Success);
        let extra_cols: Vec<usize> = shape.extra().collect();
        let heading = t.heading.unwrap_or("");

        // The section's status, for rows that give none.
        let section_status = if let Some((s, a)) = &t.in_force.status {
            SectionStatus::Directive(*s, a.clone())
        } else if let Some((s, a)) = &t.in_force.status_line {
            SectionStatus::Line(*s, a.clone())
        } else {
            let mentioned: Vec<u16> =
                t.in_force.mentioned.iter().copied().filter(|&n| statuses.get(n).is_some_and(|d| d.status.has_error_body)).collect();
            match mentioned.as_slice() {
                [one] => SectionStatus::Prose(*one),
                [] => t.heading_status.map_or(SectionStatus::None, SectionStatus::Heading),
                many if status_col.is_none() => {
                    let list: Vec<String> = many.iter().map(u16::to_string).collect();
                    let under = t.heading.map_or_else(|| "this table".to_owned(), |h| format!("`{h}`"));
                    self.diags.push(
                        Diagnostic::error(format!("the codes under {under} could be sent with HTTP status {}", list.join(" or ")))
                            .label(self.label(&table_at, "this table"))
                            .help("add `<!-- errgen: status=NNN -->` (or a line `httpStatus : NNN`) between the heading and the table"),
                    );
                    SectionStatus::None
                }
                _ => SectionStatus::None,
            }
        };
        let fallback = match &section_status {
            SectionStatus::Directive(s, _) | SectionStatus::Line(s, _) | SectionStatus::Prose(s) | SectionStatus::Heading(s) => Some(*s),
            SectionStatus::None => None,
        };
        let section_retry = t.in_force.retryable.or_else(|| super::tokens::retry_words(heading));

        // The statuses the table's codes are sent with, ascending.
        let mut used_statuses: Vec<u16> = Vec::new();
        let mut defaulted: Option<(bool, u16)> = None;
        let mut unstated = 0usize;
        let mut success_rows: Vec<At> = Vec::new();
        let mut entries = 0;
        // Codes this table added are those from here on in `codes.list`.
        let table_start = codes.list.len();
        // The rows are read once, in order: each row's texts move into its
        // code, and what is left of the row is freed after it.
        for mut row in std::mem::take(&mut t.rows) {
            if row.cells.iter().all(|c| c.text.is_empty()) || cells::is_separator(row.cells.iter().map(|c| c.text.as_str())) {
                continue;
            }
            let mut take = |i: Option<usize>| i.and_then(|i| row.cells.get_mut(i)).map(|c| std::mem::take(&mut c.text)).unwrap_or_default();
            let message_text = take(message_col);
            let description = take(description_col);
            let mut extra_texts: Vec<String> = extra_cols.iter().map(|&i| take(Some(i))).collect();
            let row = row;
            let empty = row.missing_cell();
            let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).unwrap_or(&empty);
            let code_cell = cell(Some(code_col));
            let body = if shape.code_in_json { examples::cell_body(&code_cell.text) } else { None };
            let code = body.as_ref().map_or_else(|| code_cell.text.trim().to_owned(), |(c, _)| c.clone());
            let message = match (&body, message_col) {
                (Some((_, Some(m))), None) => m.clone(),
                _ => message_text,
            };

            // The row's status cell, read first: a success row is skipped.
            let status_cell = cell(status_col);
            let row_status = if status_col.is_some() && !status_cell.text.trim().is_empty() {
                if let Some((s, _)) = cells::status(&status_cell.text) {
                    Some(s)
                } else {
                    self.diags.push(
                        Diagnostic::error(format!("`{}` is not an HTTP status", status_cell.text))
                            .label(self.label(&at(&status_cell.span), "expected a number from 100 to 599"))
                            .help("write the status number, such as `404`, or leave the cell empty when the code has none"),
                    );
                    continue;
                }
            } else {
                None
            };
            let success_flag = success_col.and_then(|i| cells::yes_no(&cell(Some(i)).text)) == Some(true);
            let success_code = (code == "0" || code.eq_ignore_ascii_case("ok") || code.eq_ignore_ascii_case("success"))
                && (cells::says_success(&message) || cells::says_success(&description));
            if success_flag || row_status.is_some_and(|s| (200..300).contains(&s)) || success_code {
                success_rows.push(at(&row.span));
                continue;
            }
            if code.is_empty() && row_status.is_some() {
                self.diags.push(
                    Diagnostic::warning(format!("row gives HTTP status {} but no code; it is not read as a code", row_status.unwrap_or_default()))
                        .label(self.label(&at(&row.span), "this row"))
                        .help("write the code the status is sent with, or list the status in a status table"),
                );
                continue;
            }
            if code.is_empty() {
                self.diags.push(
                    Diagnostic::error("code table row has no code")
                        .label(self.label(&at(&row.span), "this row"))
                        .help("write the wire code in the code column, or remove the row"),
                );
                continue;
            }
            if cells::is_range(&code) {
                self.diags.push(
                    Diagnostic::warning(format!("`{code}` is a range of codes, not a code; the row is not read"))
                        .label(self.label(&at(&code_cell.span), "a range"))
                        .help("list each code of the range in a row of its own, or say what the range means in prose"),
                );
                continue;
            }
            if code.chars().any(|c| c.is_whitespace() || c.is_control()) {
                self.diags.push(
                    Diagnostic::error(format!("code `{}` contains white space or control characters", code.escape_debug()))
                        .label(self.label(&at(&code_cell.span), "this code"))
                        .help("wire codes are single words such as `NOT_FOUND`; fix the code cell"),
                );
                continue;
            }
            let http_status = match (row_status, &section_status) {
                (Some(row), SectionStatus::Directive(s, a) | SectionStatus::Line(s, a)) if row != *s => {
                    self.diags.push(
                        Diagnostic::error(format!("code `{code}`'s row gives HTTP status {row}, but its section says {s}"))
                            .label(self.label(&at(&status_cell.span), "the row's status"))
                            .label(self.label(a, "the section's status"))
                            .help("remove the section's status (the rows carry their own), or correct the row"),
                    );
                    continue;
                }
                (Some(row), _) => Some(row),
                (None, _) => fallback,
            };
            if let Some(s) = http_status {
                if let Err(i) = used_statuses.binary_search(&s) {
                    used_statuses.insert(i, s);
                }
            }
            let retryable = match retry_col.map(|i| cell(Some(i))).filter(|c| !c.text.trim().is_empty()) {
                Some(c) => {
                    let Some(r) = cells::yes_no(&c.text) else {
                        self.diags.push(
                            Diagnostic::error(format!("`{}` does not say whether the code is retryable", c.text))
                                .label(self.label(&at(&c.span), "expected yes or no"))
                                .help("write `Yes` or `No` (or `true` / `false`) in the retryable column"),
                        );
                        continue;
                    };
                    r
                }
                None => match (section_retry, http_status) {
                    (Some(r), _) => r,
                    (None, Some(s)) => {
                        let r = retryable_by_default(s);
                        defaulted.get_or_insert((r, s));
                        r
                    }
                    (None, None) => {
                        unstated += 1;
                        false
                    }
                },
            };
            // Several rows for one code in one table: alternatives.
            // Several rows for one code in one table that differ in status
            // or message are alternatives; rows that differ in less merge
            // below as across tables.
            if let Some(i) = codes.index_of(&code).filter(|&i| i >= table_start) {
                let first = &codes.list[i];
                let differs = first.http_status != http_status || first.message != message;
                let known = first.alternatives.iter().any(|a| a.http_status == http_status && a.message == message);
                if differs && !known {
                    let Some(_) = self.params(&at(&cell(message_col).span), &message) else { continue };
                    let source = self.files[file].source(code_cell.span.start);
                    codes.list[i].alternatives.push(Alternative { http_status, message, description, source });
                    continue;
                }
                if differs {
                    continue;
                }
            }
            let named = section.ident(&code).map(|entry| {
                entry.used = true;
                entry.name.clone()
            });
            let from_name = name_col.map(|i| cell(Some(i))).and_then(|c| ident::code_ident(c.text.trim()));
            let Some(code_ident) = named.or(from_name).or_else(|| ident::code_ident(&code)) else {
                self.diags.push(
                    Diagnostic::error(format!("code `{code}` cannot become an identifier"))
                        .label(self.label(&at(&code_cell.span), "no identifier can be made from this"))
                        .help(format!(
                            "name one above the table with `<!-- errgen: ident.{code}=SomeName -->`; the wire code stays as written"
                        )),
                );
                continue;
            };
            let Some(params) = self.params(&at(&cell(message_col).span), &message) else { continue };
            let mut extra = BTreeMap::new();
            for (&i, text) in extra_cols.iter().zip(&mut extra_texts) {
                extra.insert(t.header[i].text.clone(), std::mem::take(text));
            }
            if !row.extra.is_empty() {
                let texts: Vec<&str> = row.extra.iter().map(|c| c.text.as_str()).collect();
                self.diags.push(
                    Diagnostic::warning(format!(
                        "row has {} more cell(s) than the header (`{}`); kept as extra columns",
                        row.extra.len(),
                        texts.join("`, `")
                    ))
                    .label(self.label(&at(&row.extra[0].span), "past the last column"))
                    .help("add a header for the column, or escape a `|` inside a cell as `\\|`"),
                );
                for (k, c) in row.extra.iter().enumerate() {
                    extra.insert(format!("column {}", t.header.len() + k + 1), c.text.clone());
                }
            }
            entries += 1;
            let new = Code {
                code,
                ident: code_ident,
                http_status,
                retryable,
                message,
                params,
                description,
                group: heading.to_owned(),
                extra,
                source: self.files[file].source(code_cell.span.start),
                alternatives: Vec::new(),
            };
            self.merge(codes, new, &at(&code_cell.span));
        }
        let reading_retry = self.code_table_notes(t, &table_at, statuses, &used_statuses, defaulted, unstated, &success_rows, retry_col.is_some(), section_retry.is_some());
        let status_from = match (&section_status, status_col.is_some()) {
            (_, true) => "the status column; rows without one: the section".to_owned(),
            (SectionStatus::Directive(s, _), false) => format!("directive ({s})"),
            (SectionStatus::Line(s, _), false) => format!("the section's `httpStatus` line ({s})"),
            (SectionStatus::Prose(s), false) => format!("the section's prose, which names {s}"),
            (SectionStatus::Heading(s), false) => format!("a heading above the table, which is status {s}"),
            (SectionStatus::None, false) => "none: the docs give these codes no HTTP status".to_owned(),
        };
        reading(self, t, shape, "code table", status_from, reading_retry, entries)
    }

    /// Adds a code to the list, or reports how it clashes with one
    /// already there. Gives its index when added (or merged).
    pub(super) fn merge(&mut self, codes: &mut Codes, new: Code, here: &At) -> Option<usize> {
        if let Some(i) = codes.index_of(&new.code) {
            let old = &codes.list[i];
            let a0 = codes.at[i].clone();
            let mut differences = Vec::new();
            if old.http_status != new.http_status {
                differences.push(format!("HTTP status {} vs {}", status_text(old.http_status), status_text(new.http_status)));
            }
            if old.message != new.message {
                differences.push(format!("message `{}` vs `{}`", old.message, new.message));
            }
            if old.retryable != new.retryable {
                differences.push(format!("retryable {} vs {}", old.retryable, new.retryable));
            }
            if !differences.is_empty() {
                self.diags.push(
                    Diagnostic::error(format!("code `{}` is defined twice, differently: {}", new.code, differences.join(", ")))
                        .label(self.label(here, "second definition"))
                        .label(self.label(&a0, "first definition"))
                        .help("a code has one status, message and retryability; remove or correct one of the rows"),
                );
            } else if old.description != new.description && !new.description.is_empty() {
                self.diags.push(
                    Diagnostic::warning(format!("code `{}` is defined twice with different descriptions; the first is kept", new.code))
                        .label(self.label(here, "second definition"))
                        .label(self.label(&a0, "first definition"))
                        .help("remove the repeated row or give both the same description"),
                );
            }
            return None;
        }
        if let Some(i) = codes.index_of_ident(&new.ident) {
            let a0 = codes.at[i].clone();
            self.diags.push(
                Diagnostic::error(format!("codes `{}` and `{}` both become the identifier `{}`", codes.list[i].code, new.code, new.ident))
                    .label(self.label(here, "this code"))
                    .label(self.label(&a0, "clashes with this one"))
                    .help("rename one of the codes so that they differ in more than case and separators, or name one with `<!-- errgen: ident.CODE=Name -->`"),
            );
            return None;
        }
        Some(codes.push(new, here.clone()))
    }

    /// The notes and warnings a code table gets once: statuses the status
    /// table lacks, defaults taken, success rows skipped. Gives where the
    /// retryability came from, for `--explain`.
    #[allow(clippy::too_many_arguments)]
    fn code_table_notes(
        &mut self,
        t: &TableAt<'_>,
        table_at: &At,
        statuses: &Drafts,
        used: &[u16],
        defaulted: Option<(bool, u16)>,
        unstated: usize,
        success_rows: &[At],
        retry_col: bool,
        section_retry: bool,
    ) -> String {
        if !statuses.is_empty() {
            for &s in used {
                match statuses.get(s) {
                    None => self.diags.push(
                        Diagnostic::warning(format!("codes are sent with HTTP status {s}, which the status table does not list"))
                            .label(self.label(table_at, "this table"))
                            .help(format!("add a row for {s} to the status table, linking to the error body format")),
                    ),
                    Some(d) if !d.status.has_error_body && statuses.iter().any(|d| d.status.has_error_body) => self.diags.push(
                        Diagnostic::warning(format!(
                            "codes are sent with HTTP status {s}, which the status table does not mark as carrying the error body"
                        ))
                        .label(self.label(table_at, "this table"))
                        .help(format!("link the HTTP Code cell of status {s} to the error body format")),
                    ),
                    Some(_) => {}
                }
            }
        }
        let heading = t.heading.unwrap_or("");
        if let Some((r, s)) = defaulted {
            self.diags.push(
                Diagnostic::note(format!(
                    "codes under `{heading}` are taken as {} because they are sent with HTTP status {s}",
                    if r { "retryable" } else { "not retryable" }
                ))
                .label(self.label(table_at, "this table"))
                .help("say it in the heading (\"Retryable\" / \"Non Retryable\") or add `<!-- errgen: retryable=true -->`"),
            );
        }
        if unstated > 0 {
            self.diags.push(
                Diagnostic::note(format!(
                    "{unstated} code(s) under `{heading}` have no HTTP status and nothing says whether they are retryable; taken as not retryable"
                ))
                .label(self.label(table_at, "this table"))
                .help("add a `Retryable` column, say it in the heading, or add `<!-- errgen: retryable=true -->`"),
            );
        }
        if let Some(first) = success_rows.first() {
            self.diags.push(
                Diagnostic::note(format!("{} success row(s) are not error codes and are not read", success_rows.len()))
                    .label(self.label(first, "success row"))
                    .help("nothing to do: a 2xx status, a true success column or code `0` meaning success marks a success"),
            );
        }
        let mut from = String::new();
        if retry_col {
            from.push_str("the retryable column; rows without one: ");
        }
        let _ = write!(
            from,
            "{}",
            if section_retry {
                "the section (directive or heading)"
            } else if defaulted.is_some() {
                "default by status (429, 500, 502, 503, 504 are retryable)"
            } else {
                "not stated: not retryable"
            }
        );
        from
    }

    /// The parameters of a message template, or `None` after diagnosing a
    /// bad placeholder.
    pub(super) fn params(&mut self, at: &At, message: &str) -> Option<Vec<Param>> {
        let mut params: Vec<Param> = Vec::new();
        let mut ok = true;
        for piece in template::split(message) {
            let Piece::Placeholder { name, .. } = piece else { continue };
            let snake = ident::snake(name);
            if !ident::is_ascii_ident(&snake) {
                self.diags.push(
                    Diagnostic::error(format!("placeholder `{{{{{name}}}}}` cannot become a parameter name"))
                        .label(self.label(at, "in this message"))
                        .help("name placeholders with ASCII words starting with a letter, such as `{{Error Message}}`"),
                );
                ok = false;
                continue;
            }
            if !params.iter().any(|p| p.name == snake) {
                params.push(Param { name: snake, placeholder: name.to_owned() });
            }
        }
        // Most templates have one or two placeholders: no room to spare
        // in every code of the model.
        params.shrink_to_fit();
        ok.then_some(params)
    }
}

/// A code's status for a message: the number, or "none".
fn status_text(status: Option<u16>) -> String {
    status.map_or_else(|| "none".to_owned(), |s| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::KeyIndex;

    #[test]
    fn the_index_finds_every_key_and_tells_equal_hashes_apart() {
        let keys = ["A", "B", "C", "D"];
        let mut index = KeyIndex::default();
        for (i, key) in keys.iter().enumerate() {
            index.insert(key, i);
        }
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(index.find(key, |j| keys[j]), Some(i));
        }
        assert_eq!(index.find("E", |j| keys[j]), None);

        // Every key with one hash: the chain holds them all.
        let mut same = KeyIndex::default();
        for i in 0..keys.len() {
            same.insert_hashed(7, i);
        }
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(same.find_hashed(7, key, |j| keys[j]), Some(i));
        }
        assert_eq!(same.find_hashed(7, "E", |j| keys[j]), None);
        assert_eq!(same.find_hashed(8, "A", |j| keys[j]), None);
    }
}
