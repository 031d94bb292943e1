//! Comparing two versions of a spec: what changed, and whom it breaks.
//!
//! [`diff`] is a pure function over two [`Model`]s. It lists every change in
//! a stable order and classifies each one for two audiences:
//!
//! - **Rust**: source compatibility of the generated Rust API (`ErrorCode`,
//!   the error value enum with message parameters as fields, the status
//!   type). `breaking` means code that compiled against the old generated
//!   types may not compile against the new ones (or silently means something
//!   else); `compatible` means it still compiles, though a value it can
//!   observe (a status, a message, an ordering) differs.
//! - **wire**: clients of the HTTP API, including Rust clients built from the
//!   old spec. `breaking` means a client written against the old spec may now
//!   behave wrongly (retries, status handling, body parsing, matching on a
//!   code string); `compatible` means it keeps working; `none` means nothing
//!   on the wire changes.
//!
//! The verdict of a [`Report`] is the worst impact of its changes, per
//! audience and overall. README.md ("Comparing spec versions") states the
//! policy change by change.
//!
//! Renderers: [`render_text`] (ANSI colour on request), [`render_markdown`]
//! and, with the `serde` feature, `render_json` (versioned by
//! [`DIFF_VERSION`]).

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::fmt::{self, Write as _};

use crate::model::{Code, Model, Source, Status};

/// Version of the diff report's JSON shape; bumped on any incompatible change.
pub const DIFF_VERSION: u32 = 1;

/// How much a change affects one audience. Ordered: `None < Compatible <
/// Breaking`, so the verdict is the maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Impact {
    /// Nothing this audience can observe changes (documentation only).
    #[default]
    None,
    /// Observable, but existing code and clients keep working.
    Compatible,
    /// Existing code may stop compiling, or existing clients may misbehave.
    Breaking,
}

impl Impact {
    /// `none`, `compatible` or `breaking`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::None => "none",
            Impact::Compatible => "compatible",
            Impact::Breaking => "breaking",
        }
    }
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The impact of a change on one audience, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Assessment {
    /// How bad it is.
    pub impact: Impact,
    /// One sentence, lower case, no full stop.
    pub why: String,
}

/// What changed. Codes are named by their wire code; statuses by number.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum ChangeKind {
    /// A code only the new spec defines.
    CodeAdded {
        /// The wire code.
        code: String,
        /// Its HTTP status, `None` where the docs give none.
        http_status: Option<u16>,
        /// Its retryability.
        retryable: bool,
    },
    /// A code only the old spec defines.
    CodeRemoved {
        /// The wire code.
        code: String,
        /// Its HTTP status, `None` where the docs give none.
        http_status: Option<u16>,
        /// Its retryability.
        retryable: bool,
    },
    /// A code removed and another added with the same message and status:
    /// probably the same error under a new name.
    CodeRenamed {
        /// The old wire code.
        old: String,
        /// The new wire code.
        new: String,
        /// The old identifier (`UpperCamelCase`).
        old_ident: String,
        /// The new identifier.
        new_ident: String,
    },
    /// A kept code's identifier changed (an `ident.CODE=Name` directive was
    /// added, removed or changed); the wire code is the same.
    CodeIdentChanged {
        /// The wire code.
        code: String,
        /// Old identifier (`UpperCamelCase`).
        old: String,
        /// New identifier.
        new: String,
    },
    /// A kept code's HTTP status changed.
    CodeStatusChanged {
        /// The wire code (the new one, for a renamed code).
        code: String,
        /// Old status (`None`: the docs gave none).
        old: Option<u16>,
        /// New status (`None`: the docs give none).
        new: Option<u16>,
    },
    /// A kept code's retryability changed.
    CodeRetryableChanged {
        /// The wire code.
        code: String,
        /// Old retryability.
        old: bool,
        /// New retryability.
        new: bool,
    },
    /// A kept code's message template changed.
    CodeMessageChanged {
        /// The wire code.
        code: String,
        /// Old template.
        old: String,
        /// New template.
        new: String,
    },
    /// A kept code's message gained a parameter.
    ParamAdded {
        /// The wire code.
        code: String,
        /// The parameter (`snake_case`).
        param: String,
    },
    /// A kept code's message lost a parameter.
    ParamRemoved {
        /// The wire code.
        code: String,
        /// The parameter (`snake_case`).
        param: String,
    },
    /// A parameter removed and another added at the same position.
    ParamRenamed {
        /// The wire code.
        code: String,
        /// Old parameter name.
        old: String,
        /// New parameter name.
        new: String,
    },
    /// A kept code's description changed.
    CodeDescriptionChanged {
        /// The wire code.
        code: String,
        /// Old description.
        old: String,
        /// New description.
        new: String,
    },
    /// A kept code is documented under another heading.
    CodeGroupChanged {
        /// The wire code.
        code: String,
        /// Old heading.
        old: String,
        /// New heading.
        new: String,
    },
    /// An extra column's cell of a kept code changed, appeared or went away.
    CodeExtraChanged {
        /// The wire code.
        code: String,
        /// The column header.
        column: String,
        /// Old cell, if the column existed.
        old: Option<String>,
        /// New cell, if the column exists.
        new: Option<String>,
    },
    /// The codes both specs define appear in another order.
    CodesReordered {
        /// Their old order.
        old: Vec<String>,
        /// Their new order.
        new: Vec<String>,
    },
    /// A status only the new table has.
    StatusAdded {
        /// Status number.
        status: u16,
        /// Its name.
        name: String,
    },
    /// A status only the old table has.
    StatusRemoved {
        /// Status number.
        status: u16,
        /// Its name.
        name: String,
    },
    /// A kept status number under another name.
    StatusRenamed {
        /// Status number.
        status: u16,
        /// Old name.
        old: String,
        /// New name.
        new: String,
    },
    /// A status name that moved to another (new) status number.
    StatusRenumbered {
        /// The name.
        name: String,
        /// Old number.
        old: u16,
        /// New number.
        new: u16,
    },
    /// A kept status's retryability changed.
    StatusRetryableChanged {
        /// Status number.
        status: u16,
        /// Old retryability.
        old: bool,
        /// New retryability.
        new: bool,
    },
    /// Whether a kept status carries the detailed error body changed.
    StatusErrorBodyChanged {
        /// Status number.
        status: u16,
        /// Old value.
        old: bool,
        /// New value.
        new: bool,
    },
    /// A kept status's description changed.
    StatusDescriptionChanged {
        /// Status number.
        status: u16,
        /// Old description.
        old: String,
        /// New description.
        new: String,
    },
    /// A field name of the JSON error body changed.
    BodyFieldChanged {
        /// `code` or `message`: which field.
        field: String,
        /// Old field name.
        old: String,
        /// New field name.
        new: String,
    },
}

/// Which part of the spec a change is about, for grouping in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// Detailed error codes.
    Codes,
    /// The HTTP status table.
    Statuses,
    /// The error body's field names.
    Body,
}

impl Section {
    /// Heading used by the renderers.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Section::Codes => "Codes",
            Section::Statuses => "Statuses",
            Section::Body => "Error body",
        }
    }
}

/// One change with its classification.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Change {
    /// What changed (serialized flat, with a `kind` tag).
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub kind: ChangeKind,
    /// The impact on Rust consumers of the generated types.
    pub rust: Assessment,
    /// The impact on wire clients.
    pub wire: Assessment,
    /// Where the item stands in the old spec, if it exists there.
    pub old_source: Option<Source>,
    /// Where the item stands in the new spec, if it exists there.
    pub new_source: Option<Source>,
}

impl Change {
    /// The worse of the two impacts.
    #[must_use]
    pub fn impact(&self) -> Impact {
        self.rust.impact.max(self.wire.impact)
    }

    /// The part of the spec the change is about.
    #[must_use]
    pub fn section(&self) -> Section {
        self.kind.section()
    }
}

/// The verdict of a whole diff: the worst impact of its changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Verdict {
    /// Worst impact on Rust consumers.
    pub rust: Impact,
    /// Worst impact on wire clients.
    pub wire: Impact,
    /// The worse of the two.
    pub overall: Impact,
}

/// Everything that changed between two specs.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Report {
    /// Always [`DIFF_VERSION`] for reports this crate builds.
    pub version: u32,
    /// The worst impact of the changes (all `none` when nothing changed).
    pub verdict: Verdict,
    /// The changes, grouped by section (codes, statuses, body) in a stable
    /// order; see [`diff`].
    pub changes: Vec<Change>,
}

impl Report {
    /// Whether the two specs are the same (as far as the model goes).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Compares two models.
///
/// Order of the changes: codes added (new document order), removed (old
/// order), probably renamed (new order); then for each code in both specs,
/// in new document order: identifier, status, retryability, message, parameters
/// (added, removed, renamed), description, group, extra columns (by header);
/// then a reordering of the kept codes. Statuses (by number): added, removed,
/// renamed, renumbered, then for each kept status retryability, error body,
/// description. Last, the body's field names (`code`, then `message`).
#[must_use]
pub fn diff(old: &Model, new: &Model) -> Report {
    let mut changes = Vec::new();
    diff_codes(old, new, &mut changes);
    diff_statuses(old, new, &mut changes);
    diff_body(old, new, &mut changes);
    let mut verdict = Verdict::default();
    for c in &changes {
        verdict.rust = verdict.rust.max(c.rust.impact);
        verdict.wire = verdict.wire.max(c.wire.impact);
    }
    verdict.overall = verdict.rust.max(verdict.wire);
    Report { version: DIFF_VERSION, verdict, changes }
}

fn push(out: &mut Vec<Change>, kind: ChangeKind, old_source: Option<&Source>, new_source: Option<&Source>) {
    let (rust, wire) = classify(&kind);
    out.push(Change { kind, rust, wire, old_source: old_source.cloned(), new_source: new_source.cloned() });
}

fn diff_codes(old: &Model, new: &Model, out: &mut Vec<Change>) {
    // Hash maps and sets here are only looked up, never iterated: the
    // report's order is the documents' order.
    let old_names: HashSet<&str> = old.codes.iter().map(|c| c.code.as_str()).collect();
    let new_names: HashSet<&str> = new.codes.iter().map(|c| c.code.as_str()).collect();
    let removed: Vec<&Code> = old.codes.iter().filter(|c| !new_names.contains(c.code.as_str())).collect();
    let added: Vec<&Code> = new.codes.iter().filter(|c| !old_names.contains(c.code.as_str())).collect();

    // Probable renames: a removed code paired with the first unpaired added
    // code that has the same message template and HTTP status (see
    // `error_key`). Added codes wait in one queue per such error, in
    // document order, so each removed code takes the front of its queue:
    // one lookup per code, however many codes are renamed.
    let mut waiting: HashMap<ErrorKey<'_>, VecDeque<usize>> = HashMap::new();
    for (ai, a) in added.iter().enumerate() {
        step();
        waiting.entry(error_key(a)).or_default().push_back(ai);
    }
    let mut renamed_from: Vec<Option<&Code>> = vec![None; added.len()];
    let mut removed_paired = vec![false; removed.len()];
    for (ri, r) in removed.iter().enumerate() {
        step();
        if let Some(ai) = waiting.get_mut(&error_key(r)).and_then(VecDeque::pop_front) {
            renamed_from[ai] = Some(r);
            removed_paired[ri] = true;
        }
    }

    for (ai, a) in added.iter().enumerate() {
        if renamed_from[ai].is_none() {
            let kind = ChangeKind::CodeAdded { code: a.code.clone(), http_status: a.http_status, retryable: a.retryable };
            push(out, kind, None, Some(&a.source));
        }
    }
    for (ri, r) in removed.iter().enumerate() {
        if !removed_paired[ri] {
            let kind = ChangeKind::CodeRemoved { code: r.code.clone(), http_status: r.http_status, retryable: r.retryable };
            push(out, kind, Some(&r.source), None);
        }
    }
    for (ai, a) in added.iter().enumerate() {
        if let Some(r) = renamed_from[ai] {
            let kind = ChangeKind::CodeRenamed {
                old: r.code.clone(),
                new: a.code.clone(),
                old_ident: r.ident.clone(),
                new_ident: a.ident.clone(),
            };
            push(out, kind, Some(&r.source), Some(&a.source));
        }
    }

    // Field changes of kept codes (and of renamed ones, under the new name),
    // in new document order.
    let old_by_name: HashMap<&str, &Code> = old.codes.iter().map(|c| (c.code.as_str(), c)).collect();
    let added_at: HashMap<&str, usize> = added.iter().enumerate().map(|(ai, a)| (a.code.as_str(), ai)).collect();
    for n in &new.codes {
        step();
        let o = match old_by_name.get(n.code.as_str()) {
            Some(o) => o,
            None => match added_at.get(n.code.as_str()).and_then(|&ai| renamed_from[ai]) {
                Some(o) => o,
                None => continue,
            },
        };
        diff_code(o, n, out);
    }

    let old_order: Vec<String> =
        old.codes.iter().filter(|c| new_names.contains(c.code.as_str())).map(|c| c.code.clone()).collect();
    let new_order: Vec<String> =
        new.codes.iter().filter(|c| old_names.contains(c.code.as_str())).map(|c| c.code.clone()).collect();
    if old_order != new_order {
        push(out, ChangeKind::CodesReordered { old: old_order, new: new_order }, None, None);
    }
}

/// What decides whether a removed and an added code are probably one error
/// renamed: equal keys, that is the same HTTP status and message template.
/// Codes without a message (a table with only a description column) must
/// share their description instead, so that two unrelated codes with empty
/// messages are not paired.
type ErrorKey<'a> = (Option<u16>, &'a str, Option<&'a str>);

fn error_key(code: &Code) -> ErrorKey<'_> {
    let description = code.message.is_empty().then_some(code.description.as_str());
    (code.http_status, code.message.as_str(), description)
}

#[cfg(test)]
thread_local! {
    /// Loop iterations of the code matching, counted by the tests.
    static STEPS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// One iteration of a loop over the codes (a no-op outside the tests).
#[inline]
fn step() {
    #[cfg(test)]
    STEPS.with(|s| s.set(s.get() + 1));
}

fn diff_code(o: &Code, n: &Code, out: &mut Vec<Change>) {
    let code = n.code.clone();
    let at = |out: &mut Vec<Change>, kind| push(out, kind, Some(&o.source), Some(&n.source));
    // A renamed code reports its identifier with the rename.
    if o.code == n.code && o.ident != n.ident {
        at(out, ChangeKind::CodeIdentChanged { code: code.clone(), old: o.ident.clone(), new: n.ident.clone() });
    }
    if o.http_status != n.http_status {
        at(out, ChangeKind::CodeStatusChanged { code: code.clone(), old: o.http_status, new: n.http_status });
    }
    if o.retryable != n.retryable {
        at(out, ChangeKind::CodeRetryableChanged { code: code.clone(), old: o.retryable, new: n.retryable });
    }
    if o.message != n.message {
        at(out, ChangeKind::CodeMessageChanged { code: code.clone(), old: o.message.clone(), new: n.message.clone() });
    }

    // Parameters, by name; a removed and an added parameter at the same
    // position of their lists count as a rename.
    let old_params: Vec<&str> = o.params.iter().map(|p| p.name.as_str()).collect();
    let new_params: Vec<&str> = n.params.iter().map(|p| p.name.as_str()).collect();
    let mut renames = Vec::new();
    let mut renamed_old = BTreeSet::new();
    let mut renamed_new = BTreeSet::new();
    for (i, p) in old_params.iter().enumerate() {
        if new_params.contains(p) {
            continue;
        }
        if let Some(q) = new_params.get(i) {
            if !old_params.contains(q) {
                renames.push((*p, *q));
                renamed_old.insert(*p);
                renamed_new.insert(*q);
            }
        }
    }
    for q in &new_params {
        if !old_params.contains(q) && !renamed_new.contains(q) {
            at(out, ChangeKind::ParamAdded { code: code.clone(), param: (*q).to_owned() });
        }
    }
    for p in &old_params {
        if !new_params.contains(p) && !renamed_old.contains(p) {
            at(out, ChangeKind::ParamRemoved { code: code.clone(), param: (*p).to_owned() });
        }
    }
    for (p, q) in renames {
        at(out, ChangeKind::ParamRenamed { code: code.clone(), old: p.to_owned(), new: q.to_owned() });
    }

    if o.description != n.description {
        at(
            out,
            ChangeKind::CodeDescriptionChanged {
                code: code.clone(),
                old: o.description.clone(),
                new: n.description.clone(),
            },
        );
    }
    if o.group != n.group {
        at(out, ChangeKind::CodeGroupChanged { code: code.clone(), old: o.group.clone(), new: n.group.clone() });
    }
    let columns: BTreeSet<&String> = o.extra.keys().chain(n.extra.keys()).collect();
    for column in columns {
        let (a, b) = (o.extra.get(column), n.extra.get(column));
        if a != b {
            at(
                out,
                ChangeKind::CodeExtraChanged {
                    code: code.clone(),
                    column: column.clone(),
                    old: a.cloned(),
                    new: b.cloned(),
                },
            );
        }
    }
}

fn diff_statuses(old: &Model, new: &Model, out: &mut Vec<Change>) {
    let removed: Vec<&Status> = old.statuses.iter().filter(|s| new.status(s.status).is_none()).collect();
    let added: Vec<&Status> = new.statuses.iter().filter(|s| old.status(s.status).is_none()).collect();
    // A name that left one number and arrived at a new one: renumbered.
    let mut renumbered: Vec<(&Status, &Status)> = Vec::new();
    for r in &removed {
        if let Some(a) = added.iter().find(|a| a.name == r.name && !renumbered.iter().any(|(_, x)| x.status == a.status)) {
            renumbered.push((r, a));
        }
    }
    let is_renumbered_new = |s: &Status| renumbered.iter().any(|(_, a)| a.status == s.status);
    let is_renumbered_old = |s: &Status| renumbered.iter().any(|(r, _)| r.status == s.status);
    let mut sorted_added = added.clone();
    sorted_added.sort_by_key(|s| s.status);
    let mut sorted_removed = removed.clone();
    sorted_removed.sort_by_key(|s| s.status);

    for a in &sorted_added {
        if !is_renumbered_new(a) {
            push(out, ChangeKind::StatusAdded { status: a.status, name: a.name.clone() }, None, Some(&a.source));
        }
    }
    for r in &sorted_removed {
        if !is_renumbered_old(r) {
            push(out, ChangeKind::StatusRemoved { status: r.status, name: r.name.clone() }, Some(&r.source), None);
        }
    }
    let mut kept: Vec<(&Status, &Status)> =
        new.statuses.iter().filter_map(|n| old.status(n.status).map(|o| (o, n))).collect();
    kept.sort_by_key(|(_, n)| n.status);
    for (o, n) in &kept {
        if o.name != n.name {
            let kind = ChangeKind::StatusRenamed { status: n.status, old: o.name.clone(), new: n.name.clone() };
            push(out, kind, Some(&o.source), Some(&n.source));
        }
    }
    renumbered.sort_by_key(|(_, a)| a.status);
    for (r, a) in &renumbered {
        let kind = ChangeKind::StatusRenumbered { name: a.name.clone(), old: r.status, new: a.status };
        push(out, kind, Some(&r.source), Some(&a.source));
    }
    // Field changes: kept numbers, then renumbered statuses (by new number).
    let mut pairs = kept.clone();
    pairs.extend(renumbered.iter().copied());
    for (o, n) in pairs {
        let at = |out: &mut Vec<Change>, kind| push(out, kind, Some(&o.source), Some(&n.source));
        if o.retryable != n.retryable {
            at(out, ChangeKind::StatusRetryableChanged { status: n.status, old: o.retryable, new: n.retryable });
        }
        if o.has_error_body != n.has_error_body {
            at(out, ChangeKind::StatusErrorBodyChanged { status: n.status, old: o.has_error_body, new: n.has_error_body });
        }
        if o.description != n.description {
            at(
                out,
                ChangeKind::StatusDescriptionChanged {
                    status: n.status,
                    old: o.description.clone(),
                    new: n.description.clone(),
                },
            );
        }
    }
}

fn diff_body(old: &Model, new: &Model, out: &mut Vec<Change>) {
    let fields = [
        ("code", &old.body.code_field, &new.body.code_field),
        ("message", &old.body.message_field, &new.body.message_field),
    ];
    for (field, o, n) in fields {
        if o != n {
            push(out, ChangeKind::BodyFieldChanged { field: field.to_owned(), old: o.clone(), new: n.clone() }, None, None);
        }
    }
}

fn assess(impact: Impact, why: impl Into<String>) -> Assessment {
    Assessment { impact, why: why.into() }
}

/// Wire side of a parameter change: the message change says it all.
const MESSAGE_ONLY: &str = "only the message text changes on the wire (reported as a message change)";

/// Wire side of a retryability change of `what` (`an error`, `a status`).
fn retry_change(now_retryable: bool, what: &str) -> Assessment {
    let why = if now_retryable {
        format!("clients built from the old spec give up on {what} they may now retry")
    } else {
        format!("clients built from the old spec keep retrying {what} that is no longer retryable")
    };
    assess(Impact::Breaking, why)
}

/// The compatibility policy: the impact of one change on Rust consumers and
/// on wire clients. README.md ("Comparing spec versions") explains it.
#[must_use]
#[allow(clippy::too_many_lines, reason = "the policy reads best as one table, one arm per kind of change")]
pub fn classify(kind: &ChangeKind) -> (Assessment, Assessment) {
    use Impact::{Breaking, Compatible, None};
    match kind {
        ChangeKind::CodeAdded { .. } => (
            assess(Compatible, "a new variant; the generated enums are `#[non_exhaustive]`, so existing matches still compile"),
            assess(Compatible, "clients built from the old spec keep an unknown code as an unknown value"),
        ),
        ChangeKind::CodeRemoved { .. } => (
            assess(Breaking, "code that names the removed variant no longer compiles"),
            assess(Compatible, "the server no longer sends this code; clients' handling of it goes unused"),
        ),
        ChangeKind::CodeRenamed { old_ident, new_ident, .. } => (
            if old_ident == new_ident {
                assess(Compatible, "the variant keeps its name; only the wire string it stands for changes")
            } else {
                assess(Breaking, format!("the variant `{old_ident}` is now `{new_ident}`; code that names it no longer compiles"))
            },
            assess(Breaking, "the server sends another code string for this error; clients built from the old spec see an unknown code"),
        ),
        ChangeKind::CodeIdentChanged { old, new, .. } => (
            assess(Breaking, format!("the variant `{old}` is now `{new}`; code that names it no longer compiles")),
            assess(None, "the wire code is unchanged"),
        ),
        ChangeKind::CodeStatusChanged { .. } => (
            assess(Compatible, "`http_status()` returns the new status; code still compiles"),
            assess(Breaking, "responses with this code come with another HTTP status; clients that branch on the status behave differently"),
        ),
        ChangeKind::CodeRetryableChanged { new, .. } => (
            assess(Compatible, "`is_retryable()` returns the new value; code still compiles"),
            retry_change(*new, "an error"),
        ),
        ChangeKind::CodeMessageChanged { .. } => (
            assess(Compatible, "`message()` and `Display` render the new template; code still compiles"),
            assess(Compatible, "the message text changes; clients built from the old spec keep the raw message but may no longer recover its parameters"),
        ),
        ChangeKind::ParamAdded { param, .. } => (
            assess(Breaking, format!("the error variant gains the field `{param}`; constructors and patterns without `..` no longer compile")),
            assess(None, MESSAGE_ONLY),
        ),
        ChangeKind::ParamRemoved { param, .. } => (
            assess(Breaking, format!("the error variant loses the field `{param}`; code that uses it no longer compiles")),
            assess(None, MESSAGE_ONLY),
        ),
        ChangeKind::ParamRenamed { old, new, .. } => (
            assess(Breaking, format!("the error variant's field `{old}` is now `{new}`; code that uses it no longer compiles")),
            assess(None, MESSAGE_ONLY),
        ),
        ChangeKind::CodeDescriptionChanged { .. } => (
            assess(None, "documentation only (doc comments and `description()`)"),
            assess(None, "descriptions are not sent"),
        ),
        ChangeKind::CodeGroupChanged { .. } => (
            assess(None, "documentation only: the heading the code is listed under"),
            assess(None, "headings are not sent"),
        ),
        ChangeKind::CodeExtraChanged { .. } => (
            assess(None, "documentation only: an extra column of the code table"),
            assess(None, "extra columns are not sent"),
        ),
        ChangeKind::CodesReordered { .. } => (
            assess(Compatible, "`ErrorCode::ALL` and the derived `Ord` follow document order"),
            assess(None, "the order of the documentation is not sent"),
        ),
        ChangeKind::StatusAdded { .. } => (
            assess(Compatible, "a new value of the status type; existing code still compiles"),
            assess(Compatible, "clients built from the old spec treat the status as an unknown one"),
        ),
        ChangeKind::StatusRemoved { .. } => (
            assess(Breaking, "code that names the removed status no longer compiles"),
            assess(Compatible, "the server no longer documents this status; clients' handling of it goes unused"),
        ),
        ChangeKind::StatusRenamed { old, new, .. } => (
            assess(Breaking, format!("the status `{old}` is now `{new}` in the generated status type; code that names it no longer compiles")),
            assess(None, "the status number on the wire is unchanged"),
        ),
        ChangeKind::StatusRenumbered { .. } => (
            assess(Compatible, "the status keeps its name; `status()` returns the new number"),
            assess(Breaking, "the server sends another status number for this condition; clients that branch on the number behave differently"),
        ),
        ChangeKind::StatusRetryableChanged { new, .. } => (
            assess(Compatible, "`is_retryable()` returns the new value; code still compiles"),
            retry_change(*new, "a status"),
        ),
        ChangeKind::StatusErrorBodyChanged { new, .. } => (
            assess(Compatible, "`has_error_body()` returns the new value; code still compiles"),
            assess(
                Breaking,
                if *new {
                    "responses with this status now carry the detailed error body, which clients built from the old spec do not read"
                } else {
                    "responses with this status no longer carry the detailed error body that clients built from the old spec expect"
                },
            ),
        ),
        ChangeKind::StatusDescriptionChanged { .. } => (
            assess(None, "documentation only"),
            assess(None, "descriptions are not sent"),
        ),
        ChangeKind::BodyFieldChanged { .. } => (
            assess(Compatible, "the generated body conversions use the new field name; code still compiles"),
            assess(Breaking, "the JSON error body uses another field name; clients built from the old spec read a missing field"),
        ),
    }
}

/// A code's status in a summary: the number, or "no status".
fn status_word(status: Option<u16>) -> String {
    status.map_or_else(|| "no status".to_owned(), |s| s.to_string())
}

fn retry_word(retryable: bool) -> &'static str {
    if retryable {
        "retryable"
    } else {
        "not retryable"
    }
}

impl ChangeKind {
    /// The part of the spec the change is about.
    #[must_use]
    pub fn section(&self) -> Section {
        match self {
            ChangeKind::CodeAdded { .. }
            | ChangeKind::CodeRemoved { .. }
            | ChangeKind::CodeRenamed { .. }
            | ChangeKind::CodeIdentChanged { .. }
            | ChangeKind::CodeStatusChanged { .. }
            | ChangeKind::CodeRetryableChanged { .. }
            | ChangeKind::CodeMessageChanged { .. }
            | ChangeKind::ParamAdded { .. }
            | ChangeKind::ParamRemoved { .. }
            | ChangeKind::ParamRenamed { .. }
            | ChangeKind::CodeDescriptionChanged { .. }
            | ChangeKind::CodeGroupChanged { .. }
            | ChangeKind::CodeExtraChanged { .. }
            | ChangeKind::CodesReordered { .. } => Section::Codes,
            ChangeKind::StatusAdded { .. }
            | ChangeKind::StatusRemoved { .. }
            | ChangeKind::StatusRenamed { .. }
            | ChangeKind::StatusRenumbered { .. }
            | ChangeKind::StatusRetryableChanged { .. }
            | ChangeKind::StatusErrorBodyChanged { .. }
            | ChangeKind::StatusDescriptionChanged { .. } => Section::Statuses,
            ChangeKind::BodyFieldChanged { .. } => Section::Body,
        }
    }

    /// `+` added, `-` removed, `~` changed: the sign renderers put first.
    #[must_use]
    pub fn sign(&self) -> char {
        match self {
            ChangeKind::CodeAdded { .. } | ChangeKind::ParamAdded { .. } | ChangeKind::StatusAdded { .. } => '+',
            ChangeKind::CodeRemoved { .. } | ChangeKind::ParamRemoved { .. } | ChangeKind::StatusRemoved { .. } => '-',
            _ => '~',
        }
    }

    /// A one-line description of the change. `quote` formats a name or a
    /// text (a code span in Markdown, backquotes in plain text).
    fn summary(&self, quote: &dyn Fn(&str) -> String) -> String {
        let q = quote;
        let opt = |v: &Option<String>| v.as_deref().map_or_else(|| "(none)".to_owned(), q);
        match self {
            ChangeKind::CodeAdded { code, http_status, retryable } => {
                format!("code {} added ({}, {})", q(code), status_word(*http_status), retry_word(*retryable))
            }
            ChangeKind::CodeRemoved { code, http_status, retryable } => {
                format!("code {} removed (was {}, {})", q(code), status_word(*http_status), retry_word(*retryable))
            }
            ChangeKind::CodeRenamed { old, new, .. } => {
                format!("code {} probably renamed to {} (same message and status)", q(old), q(new))
            }
            ChangeKind::CodeIdentChanged { code, old, new } => {
                format!("{}: identifier {} -> {}", q(code), q(old), q(new))
            }
            ChangeKind::CodeStatusChanged { code, old, new } => {
                format!("{}: HTTP status {} -> {}", q(code), status_word(*old), status_word(*new))
            }
            ChangeKind::CodeRetryableChanged { code, old, new } => {
                format!("{}: {} -> {}", q(code), retry_word(*old), retry_word(*new))
            }
            ChangeKind::CodeMessageChanged { code, old, new } => format!("{}: message {} -> {}", q(code), q(old), q(new)),
            ChangeKind::ParamAdded { code, param } => format!("{}: parameter {} added", q(code), q(param)),
            ChangeKind::ParamRemoved { code, param } => format!("{}: parameter {} removed", q(code), q(param)),
            ChangeKind::ParamRenamed { code, old, new } => {
                format!("{}: parameter {} renamed to {}", q(code), q(old), q(new))
            }
            ChangeKind::CodeDescriptionChanged { code, old, new } => {
                format!("{}: description {} -> {}", q(code), q(old), q(new))
            }
            ChangeKind::CodeGroupChanged { code, old, new } => format!("{}: group {} -> {}", q(code), q(old), q(new)),
            ChangeKind::CodeExtraChanged { code, column, old, new } => {
                format!("{}: column {} {} -> {}", q(code), q(column), opt(old), opt(new))
            }
            ChangeKind::CodesReordered { new, .. } => {
                let list: Vec<String> = new.iter().map(|c| q(c)).collect();
                format!("codes reordered: {}", list.join(", "))
            }
            ChangeKind::StatusAdded { status, name } => format!("status {status} {} added", q(name)),
            ChangeKind::StatusRemoved { status, name } => format!("status {status} {} removed", q(name)),
            ChangeKind::StatusRenamed { status, old, new } => format!("status {status}: name {} -> {}", q(old), q(new)),
            ChangeKind::StatusRenumbered { name, old, new } => format!("status {}: number {old} -> {new}", q(name)),
            ChangeKind::StatusRetryableChanged { status, old, new } => {
                format!("status {status}: {} -> {}", retry_word(*old), retry_word(*new))
            }
            ChangeKind::StatusErrorBodyChanged { status, new, .. } => {
                if *new {
                    format!("status {status}: now carries the detailed error body")
                } else {
                    format!("status {status}: no longer carries the detailed error body")
                }
            }
            ChangeKind::StatusDescriptionChanged { status, old, new } => {
                format!("status {status}: description {} -> {}", q(old), q(new))
            }
            ChangeKind::BodyFieldChanged { field, old, new } => {
                format!("body: {field} field {} -> {}", q(old), q(new))
            }
        }
    }
}

/// Plain-text quoting: backquotes, line breaks shown as `\n`.
fn plain_quote(text: &str) -> String {
    format!("`{}`", crate::safety::show_invisible(text).replace('\n', "\\n"))
}

/// Markdown code span that survives any content (backquotes, line breaks);
/// pipes are escaped by [`md_cell`], which GFM honours inside code spans.
fn md_code(text: &str) -> String {
    let text = crate::safety::show_invisible(text).replace('\n', " ");
    if text.is_empty() {
        return "(empty)".to_owned();
    }
    crate::safety::code_span(&text)
}

/// Markdown table cell text: no line breaks, pipes escaped.
fn md_cell(text: &str) -> String {
    text.replace('\n', " ").replace('|', "\\|")
}

fn location(change: &Change) -> Option<String> {
    let source = change.new_source.as_ref().or(change.old_source.as_ref())?;
    Some(format!("{}:{}", source.file, source.line))
}

fn paint(color: bool, impact: Impact, text: &str) -> String {
    if !color {
        return text.to_owned();
    }
    let code = match impact {
        Impact::Breaking => "1;31",
        Impact::Compatible => "33",
        Impact::None => "2",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 change".to_owned()
    } else {
        format!("{n} changes")
    }
}

/// The report for a terminal. With `color`, impacts are coloured with ANSI
/// escapes (breaking red, compatible yellow, none dim); the CLI always asks
/// for colour and writes through `anstream`, which strips it when stdout is
/// not a terminal.
#[must_use]
pub fn render_text(report: &Report, color: bool) -> String {
    let mut out = String::new();
    if report.is_empty() {
        out.push_str("no changes\n");
    }
    let mut section = None;
    for change in &report.changes {
        if section != Some(change.section()) {
            section = Some(change.section());
            if !out.is_empty() {
                out.push('\n');
            }
            let _ = writeln!(out, "{}:", change.section().title());
        }
        let _ = write!(out, "  {} {}", change.kind.sign(), change.kind.summary(&plain_quote));
        if let Some(at) = location(change) {
            let _ = write!(out, "  [{at}]");
        }
        out.push('\n');
        for (who, a) in [("Rust", &change.rust), ("wire", &change.wire)] {
            let label = format!("{:<10}", a.impact.as_str());
            let _ = writeln!(out, "      {who:<4}  {}  {}", paint(color, a.impact, &label), a.why);
        }
    }
    let v = report.verdict;
    let _ = writeln!(
        out,
        "\nverdict: {} (Rust: {}, wire: {}; {})",
        paint(color, v.overall, v.overall.as_str()),
        paint(color, v.rust, v.rust.as_str()),
        paint(color, v.wire, v.wire.as_str()),
        count(report.changes.len()),
    );
    out
}

/// The report as Markdown, for a changelog or a pull request: the verdict,
/// then one table per section.
#[must_use]
pub fn render_markdown(report: &Report) -> String {
    let mut out = String::new();
    let v = report.verdict;
    let _ = writeln!(out, "## Error spec changes\n");
    let _ = writeln!(
        out,
        "**Verdict: {}** (Rust: {}, wire: {}; {})\n",
        v.overall,
        v.rust,
        v.wire,
        count(report.changes.len())
    );
    if report.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    let mut section = None;
    for change in &report.changes {
        if section != Some(change.section()) {
            if section.is_some() {
                out.push('\n');
            }
            section = Some(change.section());
            let _ = writeln!(out, "### {}\n", change.section().title());
            out.push_str("| Change | Rust | Wire | Why |\n| --- | --- | --- | --- |\n");
        }
        let impact = |i: Impact| if i == Impact::Breaking { format!("**{i}**") } else { i.to_string() };
        let why = format!("Rust: {}. Wire: {}.", change.rust.why, change.wire.why);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            md_cell(&change.kind.summary(&md_code)),
            impact(change.rust.impact),
            impact(change.wire.impact),
            md_cell(&why),
        );
    }
    out
}

/// The report as pretty-printed JSON (`"version": 1`, `verdict`, `changes`
/// with a `kind` tag each).
///
/// # Errors
/// Only if `serde_json` fails, which it does not for this type.
#[cfg(feature = "serde")]
pub fn render_json(report: &Report) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A spec of `n` codes named `{prefix}{i}`, each with its own message.
    fn model(n: usize, prefix: &str) -> Model {
        use std::fmt::Write as _;
        let mut spec = String::from("# Codes\n\n<!-- errgen: status=500 retryable=false -->\n\n| code | message |\n| --- | --- |\n");
        for i in 0..n {
            let _ = writeln!(spec, "| {prefix}{i} | Failure number {i} |");
        }
        let (model, diagnostics) = crate::testing::from_sources(vec![("codes.md".to_owned(), spec)]);
        model.unwrap_or_else(|| panic!("{diagnostics:?}"))
    }

    /// The steps of the code matching for `diff(old, new)`, and its report.
    fn steps(old: &Model, new: &Model) -> (usize, Report) {
        STEPS.with(|s| s.set(0));
        let report = diff(old, new);
        (STEPS.with(std::cell::Cell::get), report)
    }

    /// Identical specs and specs whose every code is renamed: four times
    /// the codes is four times the steps (a search per code, as before,
    /// would be sixteen times).
    #[test]
    fn matching_codes_is_linear_for_identical_and_all_renamed_specs() {
        let (small, big) = (1_500, 6_000);
        let (same_small, report) = steps(&model(small, "CODE_"), &model(small, "CODE_"));
        assert!(report.is_empty());
        let (same_big, _) = steps(&model(big, "CODE_"), &model(big, "CODE_"));
        let (renamed_small, report) = steps(&model(small, "CODE_"), &model(small, "ERROR_"));
        assert_eq!(report.changes.len(), small);
        assert!(report.changes.iter().all(|c| matches!(&c.kind, ChangeKind::CodeRenamed { old, new, .. } if old[5..] == new[6..])));
        let (renamed_big, _) = steps(&model(big, "CODE_"), &model(big, "ERROR_"));
        for (what, a, b) in [("identical", same_small, same_big), ("renamed", renamed_small, renamed_big)] {
            assert!(a >= small, "{what}: every code is a step");
            assert!(b * 10 <= a * 45, "{what}: {a} steps for {small} codes, {b} for {big}");
        }
    }

    /// Among several removed and added codes with one message and status,
    /// renames pair them in document order, the rest are added and removed.
    #[test]
    fn renames_pair_in_document_order() {
        let spec = |codes: &[&str]| {
            let mut spec = String::from("# Codes\n\n<!-- errgen: status=500 retryable=false -->\n\n| code | message |\n| --- | --- |\n");
            for c in codes {
                spec.push_str("| ");
                spec.push_str(c);
                spec.push_str(" | Same |\n");
            }
            crate::testing::from_sources(vec![("codes.md".to_owned(), spec)]).0.unwrap()
        };
        let report = diff(&spec(&["A", "B", "C", "KEPT"]), &spec(&["KEPT", "X", "Y"]));
        let renames: Vec<(&str, &str)> = report
            .changes
            .iter()
            .filter_map(|c| match &c.kind {
                ChangeKind::CodeRenamed { old, new, .. } => Some((old.as_str(), new.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(renames, [("A", "X"), ("B", "Y")]);
        assert!(report.changes.iter().any(|c| matches!(&c.kind, ChangeKind::CodeRemoved { code, .. } if code == "C")));
    }
}
