//! Codes written outside tables: a heading per code, a bold (or code
//! span) lead per paragraph, list items, `Label: value` records, and the
//! JSON example that is a section's only word on its error.
//!
//! Reading runs in two steps. The walk finds candidates and what each
//! section states (statuses in prose, a status heading, retry words,
//! directives). Then evidence decides: a candidate is a code only under
//! an error section (a heading or page title about errors, or a
//! directive) and only when its shape repeats on the page or it states
//! its own status; a lone code-like word in a how-to is not a code. Work
//! is linear in the blocks.

use rustc_hash::FxHashMap as HashMap;

use super::directives::stated_status;
use super::status_table::{reason_phrase, retryable_by_default};
use super::tokens::{self, Place, Shape, Token};
use super::vocab::{self, Role};
use super::code_table::{Codes, KeyIndex};
use super::{cells, At, Item, Lowering};
use crate::diag::Diagnostic;
use crate::ident;
use crate::model::{Alternative, Code, Status};
use crate::source::Block;

/// A section: the text under one heading (or a file's text before its
/// first heading).
struct Sec {
    parent: Option<usize>,
    title: String,
    /// A heading that is a status: `# 401 Unauthorized`.
    title_status: Option<(u16, At)>,
    /// Statuses its prose states, with their order on the page.
    statements: Vec<(u16, At, usize)>,
    /// The first statement that differs from the first (found once).
    conflict: Option<usize>,
    /// Retry words in the heading or in a short line.
    retry: Option<bool>,
    /// It, a heading above it, or the page title speaks of errors.
    error: bool,
    directive_status: Option<(u16, At)>,
    directive_retry: Option<bool>,
    /// `codes=all` (true) or `codes=tables-only` (false) in force here.
    codes: Option<bool>,
    /// A code table or a defined code stands in it (its examples then
    /// only use codes).
    defines: bool,
    /// The heading is itself a code: the candidate it is.
    code_entry: Option<usize>,
    /// The heading is a status: the candidate it is.
    status_entry: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Heading,
    Lead,
    Item,
    Record,
    Example,
}

/// A code candidate.
struct Entry {
    kind: Kind,
    token: Token,
    at: At,
    sec: usize,
    seq: usize,
    /// First the message, then other messages (alternatives).
    messages: Vec<(String, At)>,
    description: Vec<String>,
    /// Statuses its own text states.
    own: Vec<(u16, At)>,
    /// For list items: the item's list and depth.
    list: Option<(usize, u8, usize)>,
}

/// A heading or list item that is an HTTP status (`## 429 Too Many
/// Requests`, `- 404 Not Found: text`): the page's statuses, where there
/// are several under errors.
struct StatusCand {
    status: u16,
    name: Option<String>,
    at: At,
    sec: usize,
    heading: bool,
    description: String,
}

/// `Label: value` records being read (in one list, or one paragraph): the
/// latest code, and a status or message written before the next code.
struct Record {
    key: (usize, usize),
    entry: Option<usize>,
    statuses: Vec<(u16, At)>,
    message: Option<(String, At)>,
}

impl Record {
    fn new(key: (usize, usize)) -> Self {
        Record { key, entry: None, statuses: Vec::new(), message: None }
    }
}

/// What reading outside tables gives back beside the codes: the statuses
/// it read, the examples' codes that nothing defined (said after the table
/// examples' warnings), and the largest group of code-like items that no
/// heading about errors stands over (the hint when a spec reads nothing).
pub struct Outside {
    pub statuses: Vec<Status>,
    pub example_uses: Vec<(At, String)>,
    pub near: Option<Near>,
}

/// Code-like items that were not read because nothing says the page is
/// about errors.
pub struct Near {
    pub at: At,
    pub first: String,
    pub count: usize,
    pub what: &'static str,
}

/// What the walk gives the lowering: directive settings by block index.
pub struct Settings {
    pub at: usize,
    pub status: Option<(u16, At)>,
    pub retryable: Option<bool>,
    /// `codes=all` / `codes=tables-only`.
    pub codes: Option<bool>,
}

impl Lowering<'_> {
    /// Reads the codes written outside tables and adds them to `codes`
    /// (after the tables' codes, which win where both define one).
    #[allow(clippy::too_many_lines)]
    pub(super) fn outside(&mut self, items: &[Item], settings: &[Settings], codes: &mut Codes) -> Outside {
        let mut secs: Vec<Sec> = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        let mut status_cands: Vec<StatusCand> = Vec::new();
        let mut stack: Vec<(u8, usize)> = Vec::new();
        let mut file = usize::MAX;
        let mut root = 0;
        let mut title_error = false;
        let mut seen_heading = false;
        let mut open_item: Option<usize> = None;
        let mut record: Option<Record> = None;
        let mut next_setting = settings.iter().peekable();
        let new_sec = |secs: &mut Vec<Sec>, parent: Option<usize>, title: String, error: bool| {
            secs.push(Sec {
                parent,
                title,
                title_status: None,
                statements: Vec::new(),
                conflict: None,
                retry: None,
                error,
                directive_status: None,
                directive_retry: None,
                codes: None,
                defines: false,
                code_entry: None,
                status_entry: None,
            });
            secs.len() - 1
        };

        for (seq, item) in items.iter().enumerate() {
            if item.file != file {
                file = item.file;
                stack.clear();
                title_error = false;
                seen_heading = false;
                open_item = None;
                record = None;
                root = new_sec(&mut secs, None, String::new(), false);
            }
            let here = stack.last().map_or(root, |&(_, s)| s);
            while let Some(s) = next_setting.next_if(|s| s.at <= seq) {
                if s.at == seq {
                    let sec = &mut secs[here];
                    if s.status.is_some() {
                        sec.directive_status.clone_from(&s.status);
                    }
                    if s.retryable.is_some() {
                        sec.directive_retry = s.retryable;
                    }
                    if s.codes.is_some() {
                        sec.codes = s.codes;
                    }
                    // A directive makes its section one about errors.
                    sec.error = true;
                }
            }
            let at = |range: &std::ops::Range<usize>| At { file: item.file, range: range.clone() };
            match &item.block {
                Block::Heading { text, level, span } => {
                    open_item = None;
                    record = None;
                    while stack.last().is_some_and(|(l, _)| l >= level) {
                        stack.pop();
                    }
                    if !seen_heading {
                        seen_heading = true;
                        title_error = vocab::names_errors(text);
                    }
                    let parent = stack.last().map_or(root, |&(_, s)| s);
                    let error = title_error || secs[parent].error || vocab::names_errors(text);
                    let s = new_sec(&mut secs, Some(parent), text.clone(), error);
                    stack.push((*level, s));
                    if let Some(token) = tokens::code_token(text, Place::Heading) {
                        secs[s].code_entry = Some(entries.len());
                        let message = if token.title.is_empty() { Vec::new() } else { vec![(token.title.clone(), at(span))] };
                        let own = token.status.map(|n| (n, at(span))).into_iter().collect();
                        entries.push(Entry { kind: Kind::Heading, token, at: at(span), sec: s, seq, messages: message, description: Vec::new(), own, list: None });
                    } else {
                        secs[s].title_status = cells::heading_status(text).map(|n| (n, at(span)));
                        secs[s].retry = tokens::retry_words(text);
                        if let Some((status, _)) = secs[s].title_status {
                            let name = cells::status(text).and_then(|(_, n)| n).map(str::to_owned);
                            secs[s].status_entry = Some(status_cands.len());
                            status_cands.push(StatusCand { status, name, at: at(span), sec: s, heading: true, description: String::new() });
                        }
                    }
                }
                Block::Prose { text, span, lead, list } => {
                    let place = at(span);
                    // Under a heading that is a code, text is that code's:
                    // its messages, description and status line.
                    if let Some(e) = secs[here].code_entry {
                        add_text(&mut entries[e], text, &place);
                        continue;
                    }
                    // Part of the list item being read (its nested items,
                    // its later paragraphs)?
                    if let (Some(e), Some(l)) = (open_item, list) {
                        let (list_id, depth, item_no) = entries[e].list.unwrap_or_default();
                        if l.item == item_no || (l.depth > depth && list_id != l.list) {
                            add_text(&mut entries[e], text, &place);
                            continue;
                        }
                    }
                    if list.is_none() || open_item.is_some_and(|e| entries[e].list.is_some_and(|(_, d, _)| list.is_some_and(|l| l.depth <= d))) {
                        open_item = None;
                    }
                    let key = list.map_or((usize::MAX, seq), |l| (l.list, 0));
                    if record.as_ref().is_some_and(|r| r.key != key) {
                        record = None;
                    }
                    // The first paragraph under a status heading describes it.
                    if let Some(c) = secs[here].status_entry {
                        if status_cands[c].description.is_empty() && list.is_none() {
                            status_cands[c].description = text.lines().map(str::trim).collect::<Vec<_>>().join(" ");
                        }
                    }
                    // `- 404 Not Found: text`: a status, not a code.
                    if let (Some(_), Some((status, name, rest))) = (list, text.lines().next().and_then(status_item)) {
                        let description = std::iter::once(rest).chain(text.lines().skip(1).map(str::trim)).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
                        status_cands.push(StatusCand { status, name, at: place.clone(), sec: here, heading: false, description });
                        continue;
                    }
                    let mut consumed = false;
                    // `Label: value` lines.
                    for line in text.lines() {
                        if let Some((role, value)) = tokens::labelled(line) {
                            let r = record.get_or_insert_with(|| Record::new(key));
                            match role {
                                Role::Code => {
                                    if let Some(token) = tokens::code_token(value, Place::Text).or_else(|| tokens::number_token(value)) {
                                        // The statuses written since the last code are this one's.
                                        let own = std::mem::take(&mut r.statuses);
                                        let mut e = Entry { kind: Kind::Record, token, at: place.clone(), sec: here, seq, messages: Vec::new(), description: Vec::new(), own, list: None };
                                        if let Some(m) = r.message.take() {
                                            e.messages.push(m);
                                        }
                                        r.entry = Some(entries.len());
                                        entries.push(e);
                                        consumed = true;
                                    }
                                }
                                Role::Message | Role::Description => {
                                    let m = (value.to_owned(), place.clone());
                                    match r.entry {
                                        Some(e) if entries[e].messages.is_empty() => entries[e].messages.push(m),
                                        Some(e) => entries[e].description.push(m.0),
                                        None => r.message = Some(m),
                                    }
                                }
                                _ => {}
                            }
                        }
                        if let Some(s) = stated_status(line) {
                            // A status among `Label: value` items belongs to the
                            // latest code that has none, else to the next code.
                            let r = record.get_or_insert_with(|| Record::new(key));
                            match r.entry {
                                Some(e) if entries[e].own.is_empty() => entries[e].own.push((s, place.clone())),
                                _ => r.statuses.push((s, place.clone())),
                            }
                        }
                    }
                    if consumed {
                        continue;
                    }
                    let first = text.lines().next().unwrap_or("");
                    // A bold or code-span lead that is a code is the code,
                    // whatever follows it (`` `E001` text``); else the line
                    // up to its separator.
                    let by_lead = lead.as_deref().filter(|l| first.trim_start().starts_with(l.trim())).and_then(|l| {
                        let token = tokens::code_token(l, Place::Text)?;
                        let rest = first.trim_start()[l.trim().len()..].trim_start_matches(|c: char| c.is_whitespace() || ":：-–—".contains(c));
                        Some((token, rest))
                    });
                    let candidate = match (list, by_lead) {
                        (Some(l), Some((t, rest))) => Some((t, rest, Kind::Item, Some((l.list, l.depth, l.item)))),
                        (Some(l), None) => tokens::split_lead(first).map(|(t, rest)| (t, rest, Kind::Item, Some((l.list, l.depth, l.item)))),
                        (None, Some((t, rest))) => Some((t, rest, Kind::Lead, None)),
                        (None, None) => None,
                    };
                    if let Some((token, rest, kind, list_at)) = candidate {
                        let own = token.status.map(|n| (n, place.clone())).into_iter().collect();
                        let mut e = Entry { kind, token, at: place.clone(), sec: here, seq, messages: Vec::new(), description: Vec::new(), own, list: list_at };
                        let body: String = std::iter::once(rest).chain(text.lines().skip(1)).collect::<Vec<_>>().join("\n");
                        add_text(&mut e, &body, &place);
                        if kind == Kind::Item {
                            open_item = Some(entries.len());
                        }
                        entries.push(e);
                        continue;
                    }
                    // The section's own statements.
                    let sec = &mut secs[here];
                    for line in text.lines() {
                        if let Some(s) = stated_status(line) {
                            sec.statements.push((s, place.clone(), seq));
                        }
                    }
                    if text.split_whitespace().count() <= 6 && sec.retry.is_none() {
                        sec.retry = tokens::retry_words(text);
                    }
                }
                Block::CodeBlock { lang, text, span, .. } => {
                    open_item = None;
                    if !crate::source::may_hold_json(lang) {
                        continue;
                    }
                    let decoded = html_escape::decode_html_entities(text);
                    let Some(leaves) = crate::json::leaves(&decoded) else { continue };
                    if let Some((code, message)) = super::examples::body_code(&leaves) {
                        let token = Token { code, aka: None, title: String::new(), shape: Shape::Number, status: None };
                        let messages = message.map(|m| vec![(m, at(span))]).unwrap_or_default();
                        entries.push(Entry { kind: Kind::Example, token, at: at(span), sec: here, seq, messages, description: Vec::new(), own: Vec::new(), list: None });
                    }
                }
                Block::Table { .. } => {
                    open_item = None;
                    secs[here].defines = true;
                }
                Block::UnclosedHtmlTable { span } => {
                    self.diags.push(
                        Diagnostic::error("this HTML table is cut short: a blank line inside it ends the HTML block, so Markdown reads the rest as text")
                            .label(self.label(&at(span), "this table"))
                            .help("remove the blank lines between `<table>` and `</table>`"),
                    );
                }
                Block::HtmlTableUnread { span } => {
                    self.diags.push(
                        Diagnostic::error("this spec has a raw HTML table, and this build of errgen does not read HTML")
                            .label(self.label(&at(span), "this table"))
                            .help("turn on errgen's `html` feature: `errgen = { version = \"…\", features = [\"html\"] }` under `[build-dependencies]`"),
                    );
                }
                Block::Directive { .. } => {}
            }
        }
        for sec in &mut secs {
            sec.conflict = sec.statements.first().and_then(|(first, ..)| sec.statements.iter().position(|(s, ..)| s != first));
        }
        let (example_uses, near) = self.accept(&secs, entries, codes);
        Outside { statuses: self.statuses_outside(&secs, status_cands, codes), example_uses, near }
    }

    /// The statuses that headings or list items are, where several stand
    /// under errors (one is only a section's status).
    fn statuses_outside(&mut self, secs: &[Sec], cands: Vec<StatusCand>, codes: &Codes) -> Vec<Status> {
        let error_here = |s: usize| error_here(secs, s);
        // Per file, the candidates under errors: [in list items, in headings].
        let mut counts = vec![[0usize; 2]; self.files.len()];
        for c in &cands {
            if error_here(c.sec) {
                counts[c.at.file][usize::from(c.heading)] += 1;
            }
        }
        let mut out: Vec<Status> = Vec::new();
        for c in cands {
            let mode = codes_mode(secs, c.sec);
            if mode == Some(false) || !error_here(c.sec) || (mode != Some(true) && counts[c.at.file][usize::from(c.heading)] < 2) {
                continue;
            }
            if out.iter().any(|s| s.status == c.status) {
                continue;
            }
            let Some(name) = c.name.as_deref().and_then(cells::status_ident).or_else(|| reason_phrase(c.status).map(str::to_owned)) else {
                self.diags.push(
                    Diagnostic::warning(format!("status {} has no name and no standard reason phrase; it is not read", c.status))
                        .label(self.label(&c.at, "this status"))
                        .help("write its name beside the number, such as `452 Token Missing`"),
                );
                continue;
            };
            let retryable = retry_here(secs, c.sec).unwrap_or_else(|| retryable_by_default(c.status));
            let has_error_body = codes.list.iter().any(|code| code.http_status == Some(c.status));
            out.push(Status { status: c.status, name, description: c.description, retryable, has_error_body, source: self.source(&c.at) });
        }
        out
    }

    /// Weighs the evidence, resolves statuses and retryability, and adds
    /// the codes.
    #[allow(clippy::too_many_lines)]
    fn accept(&mut self, secs: &[Sec], entries: Vec<Entry>, codes: &mut Codes) -> (Vec<(At, String)>, Option<Near>) {
        let mut example_uses = Vec::new();
        let error_here = |s: usize| error_here(secs, s);
        // Shapes that repeat, per file and kind of place.
        let group = |e: &Entry| (e.at.file, e.kind == Kind::Heading, e.token.shape);
        let mut counts: HashMap<(usize, bool, Shape), usize> = HashMap::default();
        for e in &entries {
            if matches!(e.kind, Kind::Heading | Kind::Lead | Kind::Item) && error_here(e.sec) {
                *counts.entry(group(e)).or_default() += 1;
            }
        }
        // Per file: whether numeric codes repeat in its headings.
        let mut numeric_headings = vec![false; self.files.len()];
        for ((file, heading, shape), n) in &counts {
            if *heading && shape.numeric() && *shape != Shape::NumberTitle && *n >= 2 {
                numeric_headings[*file] = true;
            }
        }
        // Each code's entry in `accepted`.
        let mut by_code = KeyIndex::default();
        let mut accepted: Vec<(Entry, Option<u16>, Option<bool>, String)> = Vec::new();
        let mut unread: Vec<Entry> = Vec::new();
        let mut examples = Vec::new();
        for e in entries {
            if e.kind == Kind::Example {
                examples.push(e);
                continue;
            }
            let mode = codes_mode(secs, e.sec);
            let evident = match e.kind {
                _ if mode == Some(false) => false,
                _ if mode == Some(true) => true,
                Kind::Record => true,
                _ if !error_here(e.sec) => false,
                // `1001 - Invalid token`: a number of three digits or more
                // (not a section number), repeated, or beside numeric codes.
                _ if e.token.shape == Shape::NumberTitle => {
                    numeric_headings[e.at.file]
                        || (e.token.code.trim_start_matches('-').len() >= 3 && counts.get(&group(&e)).copied().unwrap_or(0) >= 2)
                }
                _ => counts.get(&group(&e)).copied().unwrap_or(0) >= 2 || !e.own.is_empty(),
            };
            if !evident {
                unread.push(e);
                continue;
            }
            let Ok(status) = self.own_status(&e, &e.own).and_then(|own| match own {
                Some(s) => Ok(Some((s, format!("its own line ({s})")))),
                None => self.section_status(secs, if e.kind == Kind::Heading { secs[e.sec].parent } else { Some(e.sec) }, None),
            }) else {
                continue;
            };
            let (status, status_from) = match status {
                Some((s, from)) => (Some(s), from),
                None => (None, "none: the docs give this code no HTTP status".to_owned()),
            };
            let retry = retry_here(secs, e.sec);
            if let Some(i) = by_code.find(&e.token.code, |i| &accepted[i].0.token.code) {
                // A code listed again: it adds nothing but may not differ.
                let (first, s0, r0, _) = &mut accepted[i];
                let clash = match (status, *s0) {
                    (Some(a), Some(b)) if a != b => Some(format!("HTTP status {b} vs {a}")),
                    _ => match (retry, *r0) {
                        (Some(a), Some(b)) if a != b => Some(format!("retryable {b} vs {a}")),
                        _ => None,
                    },
                };
                if let Some(what) = clash {
                    let first_at = first.at.clone();
                    self.diags.push(
                        Diagnostic::error(format!("code `{}` is given twice, differently: {what}", e.token.code))
                            .label(self.label(&e.at, "second mention"))
                            .label(self.label(&first_at, "first mention"))
                            .help("a code has one status and retryability; correct one of the two places"),
                    );
                } else {
                    if s0.is_none() {
                        *s0 = status;
                    }
                    if r0.is_none() {
                        *r0 = retry;
                    }
                    // A first mention without text (a contents list of
                    // links) takes the text of a later one.
                    if first.messages.is_empty() && !e.messages.is_empty() {
                        first.messages = e.messages;
                        first.at = e.at;
                    }
                    if first.description.is_empty() {
                        first.description = e.description;
                    }
                }
                continue;
            }
            by_code.insert(&e.token.code, accepted.len());
            accepted.push((e, status, retry, status_from));
        }
        let mut defined_secs = vec![false; secs.len()];
        for (e, ..) in &accepted {
            defined_secs[e.sec] = true;
        }
        for (e, status, retry, status_from) in accepted {
            self.add_outside(codes, &e, status, retry, secs, status_from);
        }
        // A JSON example is a code's only definition where its section
        // states a status and defines nothing else.
        for e in examples {
            if codes_mode(secs, e.sec) == Some(false) || codes.contains(&e.token.code) || !error_here(e.sec) || secs[e.sec].defines || defined_secs[e.sec] {
                continue;
            }
            let Ok(Some((status, status_from))) = self.section_status(secs, Some(e.sec), Some(e.seq)) else {
                example_uses.push((e.at.clone(), e.token.code.clone()));
                continue;
            };
            let retry = retry_here(secs, e.sec);
            self.add_outside(codes, &e, Some(status), retry, secs, status_from);
        }
        // Code-like text under errors that nothing else is written like: said,
        // never dropped, unless the code is defined elsewhere.
        // Each group's entry in `near`, in the order first seen.
        let mut near_of: HashMap<(usize, bool, Shape), usize> = HashMap::default();
        let mut near: Vec<Near> = Vec::new();
        for e in unread {
            let strong = !matches!(e.token.shape, Shape::Number | Shape::NumberTitle);
            if !strong || codes_mode(secs, e.sec) == Some(false) || codes.contains(&e.token.code) {
                continue;
            }
            if !error_here(e.sec) {
                let i = *near_of.entry(group(&e)).or_insert_with(|| {
                    near.push(Near { at: e.at.clone(), first: e.token.code.clone(), count: 0, what: kind_name(e.kind) });
                    near.len() - 1
                });
                near[i].count += 1;
                continue;
            }
            self.diags.push(
                Diagnostic::warning(format!("`{}` looks like an error code, but nothing else here is written like it; it is not read", e.token.code))
                    .label(self.label(&e.at, format!("{} that is not read", kind_name(e.kind))))
                    .help("write it as the page's other codes are written, give it a line `HTTP Status Code: NNN`, or add `<!-- errgen: codes=all -->` above it (`codes=tables-only` silences this)"),
            );
        }
        // The most repeated shape, the first in the spec among equals.
        let near = near.into_iter().filter(|n| n.count >= 2).max_by_key(|n| (n.count, std::cmp::Reverse((n.at.file, n.at.range.start))));
        (example_uses, near)
    }

    /// The status a code's own text states; two different ones are an
    /// error.
    fn own_status(&mut self, e: &Entry, own: &[(u16, At)]) -> Result<Option<u16>, ()> {
        let Some((first, first_at)) = own.first() else { return Ok(None) };
        if let Some((other, other_at)) = own.iter().find(|(s, _)| s != first) {
            self.diags.push(
                Diagnostic::error(format!("code `{}` is given two HTTP statuses, {first} and {other}", e.token.code))
                    .label(self.label(first_at, format!("{first} here")))
                    .label(self.label(other_at, format!("{other} here")))
                    .help("a code is sent with one status; keep one of the two lines"),
            );
            return Err(());
        }
        Ok(Some(*first))
    }

    /// The status the sections around a code state, nearest first: a
    /// directive, the section's prose, a heading that is a status. Two
    /// different statements in one section are an error, except for an
    /// example (`before` its position), which takes the one stated last
    /// before it.
    fn section_status(&mut self, secs: &[Sec], mut sec: Option<usize>, before: Option<usize>) -> Result<Option<(u16, String)>, ()> {
        while let Some(s) = sec {
            let section = &secs[s];
            let under = if section.title.is_empty() { "this page".to_owned() } else { format!("`{}`", section.title) };
            if let Some((status, _)) = &section.directive_status {
                return Ok(Some((*status, format!("a directive under {under} ({status})"))));
            }
            if let Some((first, first_at, _)) = section.statements.first() {
                match section.conflict.map(|i| &section.statements[i]) {
                    None => return Ok(Some((*first, format!("the prose under {under} ({first})")))),
                    Some(_) if before.is_some() => {
                        // Statements are in page order: the last one before.
                        let seq = before.unwrap_or_default();
                        let i = section.statements.partition_point(|(_, _, at)| *at < seq).saturating_sub(1);
                        let nearest = section.statements[i].0;
                        return Ok(Some((nearest, format!("the status stated last before it under {under} ({nearest})"))));
                    }
                    Some((other, other_at, _)) => {
                        self.diags.push(
                            Diagnostic::error(format!("{under} states two HTTP statuses, {first} and {other}, for the codes under it"))
                                .label(self.label(first_at, format!("{first} here")))
                                .label(self.label(other_at, format!("{other} here")))
                                .help("give each code its own status line, or keep one statement for the section"),
                        );
                        return Err(());
                    }
                }
            }
            if let Some((status, _)) = &section.title_status {
                return Ok(Some((*status, format!("the heading `{}`", section.title))));
            }
            sec = section.parent;
        }
        Ok(None)
    }

    /// Adds one code read outside a table.
    #[allow(clippy::too_many_arguments)]
    fn add_outside(&mut self, codes: &mut Codes, e: &Entry, status: Option<u16>, retry: Option<bool>, secs: &[Sec], status_from: String) {
        let code = e.token.code.clone();
        if let Some(existing) = codes.get(&code) {
            if let (Some(a), Some(b)) = (existing.http_status, status) {
                if a != b {
                    let first = codes.at_of(&code);
                    self.diags.push(
                        Diagnostic::error(format!("code `{code}` is given HTTP status {b} here, but {a} in a table"))
                            .label(self.label(&e.at, "here"))
                            .label(self.label(&first, "the table's row"))
                            .help("a code has one status; correct one of the two places"),
                    );
                }
            }
            return;
        }
        if code.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return;
        }
        let name = e.token.aka.as_deref().filter(|a| !a.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit()));
        let Some(code_ident) = name.and_then(ident::code_ident).or_else(|| ident::code_ident(&code)) else {
            self.diags.push(
                Diagnostic::error(format!("code `{code}` cannot become an identifier"))
                    .label(self.label(&e.at, "no identifier can be made from this"))
                    .help(format!("name one with `<!-- errgen: ident.{code}=SomeName -->` above it; the wire code stays as written")),
            );
            return;
        };
        let (message, message_at) = e.messages.first().cloned().unwrap_or_else(|| (String::new(), e.at.clone()));
        let Some(params) = self.params(&message_at, &message) else { return };
        let (retryable, retryable_from) = match (retry, status) {
            (Some(r), _) => (r, "the section (directive or retry words)".to_owned()),
            (None, Some(s)) => (retryable_by_default(s), "default by status (429, 500, 502, 503, 504 are retryable)".to_owned()),
            (None, None) => (false, "not stated: not retryable".to_owned()),
        };
        let mut alternatives = Vec::new();
        for (m, m_at) in e.messages.iter().skip(1) {
            if self.params(m_at, m).is_none() {
                return;
            }
            alternatives.push(Alternative { http_status: status, message: m.clone(), description: String::new(), source: self.source(m_at) });
        }
        let mut extra = std::collections::BTreeMap::new();
        if let Some(aka) = &e.token.aka {
            let key = if aka.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit()) { "number" } else { "name" };
            extra.insert(key.to_owned(), aka.clone());
        }
        let group = {
            let s = if e.kind == Kind::Heading { secs[e.sec].parent } else { Some(e.sec) };
            let mut s = s;
            let mut title = String::new();
            while let Some(i) = s {
                if !secs[i].title.is_empty() && secs[i].code_entry.is_none() {
                    title.clone_from(&secs[i].title);
                    break;
                }
                s = secs[i].parent;
            }
            title
        };
        let new = Code {
            code,
            ident: code_ident,
            http_status: status,
            retryable,
            message,
            params,
            description: e.description.join("\n"),
            group,
            extra,
            source: self.source(&e.at),
            alternatives,
        };
        if let Some(i) = self.merge(codes, new, &e.at) {
            let added = &codes.list[i];
            self.readings.push(super::TableReading {
                source: added.source.clone(),
                kind: format!("code `{}` from {}", added.code, kind_name(e.kind)),
                columns: Vec::new(),
                status_from,
                retryable_from,
                entries: 1,
            });
        }
    }
}

/// How a kind of candidate is named in `--explain` and warnings.
fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Heading => "a heading",
        Kind::Lead => "a bold paragraph",
        Kind::Item => "a list item",
        Kind::Record => "a `Label: value` record",
        Kind::Example => "a JSON example",
    }
}

/// Whether a section, one above it or the page title speaks of errors (or
/// a directive stands in one of them).
fn error_here(secs: &[Sec], sec: usize) -> bool {
    chain(secs, Some(sec), |s| s.error.then_some(())).is_some()
}

/// `codes=all` (`Some(true)`) or `codes=tables-only` (`Some(false)`), the
/// nearest in force.
fn codes_mode(secs: &[Sec], sec: usize) -> Option<bool> {
    chain(secs, Some(sec), |s| s.codes)
}

/// Retryability a directive or retry words state for a section, nearest
/// first.
fn retry_here(secs: &[Sec], sec: usize) -> Option<bool> {
    chain(secs, Some(sec), |s| s.directive_retry.or(s.retry))
}

/// The first value up a section chain that `get` finds.
fn chain<T>(secs: &[Sec], mut sec: Option<usize>, get: impl Fn(&Sec) -> Option<T>) -> Option<T> {
    while let Some(s) = sec {
        if let Some(v) = get(&secs[s]) {
            return Some(v);
        }
        sec = secs[s].parent;
    }
    None
}

/// Adds a candidate's further text: the message first, then (list items
/// and lines) other messages or description; status lines are its own.
fn add_text(e: &mut Entry, text: &str, at: &At) {
    let mut lines = Vec::new();
    for line in text.lines() {
        if let Some(s) = stated_status(line) {
            e.own.push((s, at.clone()));
        } else if !line.trim().is_empty() {
            // `: text` (a definition list's description) is the text.
            lines.push(line.trim().trim_start_matches([':', '：']).trim_start());
        }
    }
    if lines.is_empty() {
        return;
    }
    let joined = lines.join(" ");
    if e.messages.is_empty() {
        e.messages.push((joined, at.clone()));
    } else if e.kind == Kind::Heading && e.messages.len() == 1 && e.messages[0].0 == e.token.title {
        // The heading's title stood in for a message; the text is better.
        e.messages[0] = (joined, at.clone());
    } else if e.kind == Kind::Heading {
        e.messages.push((joined, at.clone()));
    } else {
        e.description.push(joined);
    }
}


/// A list item that starts with a status: `404 Not Found: text`,
/// `` `429` - text ``, `400 — text`. Gives the status, the name beside it
/// and the text after the separator.
fn status_item(line: &str) -> Option<(u16, Option<String>, &str)> {
    let line = line.trim();
    let (head, rest) = [":", "：", " - ", " – ", " — ", " -- "]
        .iter()
        .filter_map(|sep| line.find(sep).map(|at| (&line[..at], &line[at + sep.len()..])))
        .min_by_key(|(head, _)| head.len())
        .unwrap_or((line, ""));
    let bare = head.trim().trim_matches(|c| c == '`' || c == '*').trim();
    let (status, name) = cells::status(bare)?;
    bare.trim_start_matches("HTTP").trim_start().starts_with(|c: char| c.is_ascii_digit()).then(|| (status, name.map(str::to_owned), rest.trim()))
}
