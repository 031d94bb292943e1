//! Status tables: one HTTP status a row, merged across rows and files.

use rustc_hash::FxHashSet;

use super::cells;
use super::roles::Shape;
use super::vocab::Role;
use super::{reading, At, Lowering, TableAt, TableReading};
use crate::diag::Diagnostic;
use crate::model::Status;

/// A status in the making: rows for one status merge.
pub struct StatusDraft {
    pub status: Status,
    /// The name written in a row, and where.
    written: Option<(String, At)>,
    /// The first row whose name cell was empty (not a link).
    empty_at: Option<At>,
    /// The first row.
    row_at: At,
}

/// The statuses read so far, ascending by number, one entry per status:
/// a sorted list (a spec has at most a few hundred statuses), found by
/// binary search.
#[derive(Default)]
pub struct Drafts {
    sorted: Vec<StatusDraft>,
}

impl Drafts {
    /// The entry for `status`, or where it would go.
    fn find(&self, status: u16) -> Result<usize, usize> {
        self.sorted.binary_search_by_key(&status, |d| d.status.status)
    }

    pub fn get(&self, status: u16) -> Option<&StatusDraft> {
        self.find(status).ok().map(|i| &self.sorted[i])
    }

    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    /// Every status, ascending.
    pub fn iter(&self) -> std::slice::Iter<'_, StatusDraft> {
        self.sorted.iter()
    }

    /// The statuses, ascending.
    pub fn into_statuses(self) -> Vec<Status> {
        self.sorted.into_iter().map(|d| d.status).collect()
    }
}

impl Lowering<'_> {
    #[allow(clippy::too_many_lines)]
    pub(super) fn status_table(
        &mut self,
        t: &TableAt<'_>,
        shape: &Shape,
        body_slugs: &FxHashSet<String>,
        heading_slugs: &FxHashSet<String>,
        statuses: &mut Drafts,
    ) -> TableReading {
        let file = t.file;
        let at = |range: &std::ops::Range<usize>| At { file, range: range.clone() };
        let status_col = shape.column(Role::Status).unwrap_or(0);
        let name_col = shape.column(Role::Name);
        let description_col = shape.column(Role::Description).or_else(|| shape.column(Role::Message));
        let retry_col = shape.column(Role::Retryable);
        let heading_retry = t.heading.and_then(super::tokens::retry_words);
        let mut entries = 0;
        let mut success_rows = Vec::new();
        for row in &t.rows {
            if row.cells.iter().all(|c| c.text.is_empty()) || cells::is_separator(row.cells.iter().map(|c| c.text.as_str())) {
                continue;
            }
            let empty = row.missing_cell();
            let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).unwrap_or(&empty);
            let status_cell = cell(Some(status_col));
            let Some((status, name_beside)) = cells::status(&status_cell.text) else {
                self.diags.push(
                    Diagnostic::error(format!("`{}` is not an HTTP status", status_cell.text))
                        .label(self.label(&at(&status_cell.span), "expected a number from 100 to 599"))
                        .help("write the status number, such as `404`, in the status column"),
                );
                continue;
            };
            if (200..300).contains(&status) {
                success_rows.push(at(&row.span));
                continue;
            }
            let mut description = cell(description_col).text.clone();
            let name_cell = cell(name_col);
            let mut has_error_body = false;
            let mut written = None;
            let mut empty_at = None;
            if let Some(target) = name_cell.links.first() {
                let fragment = target.rsplit_once('#').map_or("", |(_, f)| f).to_lowercase();
                let points_at_body =
                    if body_slugs.is_empty() { heading_slugs.contains(&fragment) } else { body_slugs.contains(&fragment) };
                if !points_at_body {
                    let expected = body_slugs.iter().min().map_or_else(
                        || "the section that shows the error body's JSON example".to_owned(),
                        |s| format!("`#{s}`"),
                    );
                    self.diags.push(
                        Diagnostic::error(format!("status {status} links to `{target}`, which is not the error body format"))
                            .label(self.label(&at(&name_cell.span), "this link"))
                            .help(format!("link to {expected}, or write the status name (such as `NOT_FOUND`) instead of a link")),
                    );
                    continue;
                }
                has_error_body = true;
            } else {
                // The name: its own column, else beside the number
                // (`409 Conflict`), else Slate's `Bad Request -- text`.
                let (text, span) = if name_col.is_some() {
                    (name_cell.text.clone(), name_cell.span.clone())
                } else if let Some(name) = name_beside {
                    (name.to_owned(), status_cell.span.clone())
                } else if let Some((name, rest)) = cells::split_name(&description) {
                    let (name, rest) = (name.to_owned(), rest.to_owned());
                    description = rest;
                    (name, cell(description_col).span.clone())
                } else {
                    (String::new(), name_cell.span.clone())
                };
                if text.is_empty() {
                    if name_col.is_some() {
                        empty_at = Some(at(&span));
                    }
                } else if let Some(ident) = cells::status_ident(&text) {
                    written = Some((ident, at(&span)));
                } else if reason_phrase(status).is_none() {
                    self.diags.push(
                        Diagnostic::error(format!("status name `{text}` cannot become an identifier"))
                            .label(self.label(&at(&span), "no ASCII name can be made from this"))
                            .help("write the name in ASCII words or SCREAMING_SNAKE_CASE, such as `NOT_FOUND`"),
                    );
                    continue;
                }
            }
            let retryable = match retry_col.map(|i| cell(Some(i))).and_then(|c| cells::yes_no(&c.text)) {
                Some(r) => r,
                None => t.in_force.retryable.or(heading_retry).unwrap_or_else(|| retryable_by_default(status)),
            };
            entries += 1;
            let draft = match statuses.find(status) {
                Ok(i) => &mut statuses.sorted[i],
                Err(i) => {
                    let status_entry = Status {
                        status,
                        name: String::new(),
                        description,
                        retryable,
                        has_error_body,
                        source: self.files[file].source(row.span.start),
                    };
                    statuses.sorted.insert(i, StatusDraft { status: status_entry, written, empty_at, row_at: at(&row.span) });
                    continue;
                }
            };
            draft.status.has_error_body |= has_error_body;
            if draft.status.description.is_empty() {
                draft.status.description = description;
            }
            if draft.empty_at.is_none() {
                draft.empty_at = empty_at;
            }
            match (&draft.written, written) {
                (Some((first, a0)), Some((second, a1))) if *first != second => {
                    let d = Diagnostic::error(format!("status {status} has two names: `{first}` and `{second}`"))
                        .label(self.label(&a1, "second name"))
                        .label(self.label(a0, "first name"))
                        .help("give each status one name; remove or correct one of the rows");
                    self.diags.push(d);
                }
                (None, Some(w)) => draft.written = Some(w),
                _ => {}
            }
        }
        if let Some(first) = success_rows.first() {
            self.diags.push(
                Diagnostic::note(format!("{} success row(s) (2xx) in a status table are not error statuses", success_rows.len()))
                    .label(self.label(first, "success row"))
                    .help("errgen reads statuses that responses with an error carry; nothing to do unless one is an error"),
            );
        }
        let retry_from = if retry_col.is_some() {
            "the retryable column; else the section".to_owned()
        } else if t.in_force.retryable.is_some() {
            "directive".to_owned()
        } else if heading_retry.is_some() {
            "heading".to_owned()
        } else {
            "default by status (429, 500, 502, 503, 504 are retryable)".to_owned()
        };
        reading(self, t, shape, "status table", "row".to_owned(), retry_from, entries)
    }

    /// Gives every status its name (written, or the reason phrase), warns
    /// where a name was left empty, and rejects two statuses with one name.
    pub(super) fn name_statuses(&mut self, statuses: &mut Drafts) {
        // Each name with the first status that has it (at most one entry
        // per status).
        let mut by_name: Vec<(String, u16, At)> = Vec::new();
        let mut unnamed = Vec::new();
        for draft in &mut statuses.sorted {
            let status = draft.status.status;
            if let Some((name, _)) = &draft.written {
                draft.status.name.clone_from(name);
            } else if let Some(phrase) = reason_phrase(status) {
                phrase.clone_into(&mut draft.status.name);
                if let Some(at) = draft.empty_at.clone() {
                    self.diags.push(
                        Diagnostic::warning(format!("status {status} has no name; using `{phrase}`"))
                            .label(self.label(&at, "empty HTTP Code cell"))
                            .help(format!("write `{phrase}` (or another name) in the HTTP Code column")),
                    );
                }
            } else {
                let at = draft.empty_at.clone().unwrap_or_else(|| draft.row_at.clone());
                self.diags.push(
                    Diagnostic::error(format!("status {status} has no name and no standard reason phrase"))
                        .label(self.label(&at, "name missing"))
                        .help("write a name for it in the table, such as `Bad Request` or `BAD_REQUEST`"),
                );
                unnamed.push(status);
                continue;
            }
            if let Some((_, other, a0)) = by_name.iter().find(|(name, ..)| *name == draft.status.name) {
                self.diags.push(
                    Diagnostic::error(format!("statuses {other} and {status} have the same name `{}`", draft.status.name))
                        .label(self.label(&draft.row_at, "second status"))
                        .label(self.label(a0, "first status"))
                        .help("give each status its own name in the HTTP Code column"),
                );
            } else {
                by_name.push((draft.status.name.clone(), status, draft.row_at.clone()));
            }
        }
        statuses.sorted.retain(|d| !unnamed.contains(&d.status.status));
    }
}

/// The standard reason phrase of a status, `SCREAMING_SNAKE_CASE`.
pub(super) fn reason_phrase(status: u16) -> Option<&'static str> {
    Some(match status {
        100 => "CONTINUE",
        101 => "SWITCHING_PROTOCOLS",
        102 => "PROCESSING",
        103 => "EARLY_HINTS",
        200 => "OK",
        201 => "CREATED",
        202 => "ACCEPTED",
        203 => "NON_AUTHORITATIVE_INFORMATION",
        204 => "NO_CONTENT",
        205 => "RESET_CONTENT",
        206 => "PARTIAL_CONTENT",
        207 => "MULTI_STATUS",
        208 => "ALREADY_REPORTED",
        226 => "IM_USED",
        300 => "MULTIPLE_CHOICES",
        301 => "MOVED_PERMANENTLY",
        302 => "FOUND",
        303 => "SEE_OTHER",
        304 => "NOT_MODIFIED",
        305 => "USE_PROXY",
        307 => "TEMPORARY_REDIRECT",
        308 => "PERMANENT_REDIRECT",
        400 => "BAD_REQUEST",
        401 => "UNAUTHORIZED",
        402 => "PAYMENT_REQUIRED",
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        405 => "METHOD_NOT_ALLOWED",
        406 => "NOT_ACCEPTABLE",
        407 => "PROXY_AUTHENTICATION_REQUIRED",
        408 => "REQUEST_TIMEOUT",
        409 => "CONFLICT",
        410 => "GONE",
        411 => "LENGTH_REQUIRED",
        412 => "PRECONDITION_FAILED",
        413 => "PAYLOAD_TOO_LARGE",
        414 => "URI_TOO_LONG",
        415 => "UNSUPPORTED_MEDIA_TYPE",
        416 => "RANGE_NOT_SATISFIABLE",
        417 => "EXPECTATION_FAILED",
        418 => "IM_A_TEAPOT",
        421 => "MISDIRECTED_REQUEST",
        422 => "UNPROCESSABLE_ENTITY",
        423 => "LOCKED",
        424 => "FAILED_DEPENDENCY",
        425 => "TOO_EARLY",
        426 => "UPGRADE_REQUIRED",
        428 => "PRECONDITION_REQUIRED",
        429 => "TOO_MANY_REQUESTS",
        431 => "REQUEST_HEADER_FIELDS_TOO_LARGE",
        451 => "UNAVAILABLE_FOR_LEGAL_REASONS",
        500 => "INTERNAL_SERVER_ERROR",
        501 => "NOT_IMPLEMENTED",
        502 => "BAD_GATEWAY",
        503 => "SERVICE_UNAVAILABLE",
        504 => "GATEWAY_TIMEOUT",
        505 => "HTTP_VERSION_NOT_SUPPORTED",
        506 => "VARIANT_ALSO_NEGOTIATES",
        507 => "INSUFFICIENT_STORAGE",
        508 => "LOOP_DETECTED",
        510 => "NOT_EXTENDED",
        511 => "NETWORK_AUTHENTICATION_REQUIRED",
        _ => return None,
    })
}

/// Statuses a client may retry when nothing in the doc says otherwise.
pub(super) fn retryable_by_default(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}


