//! Facts about a model that more than one output states, computed once
//! per model before any emitter runs, so that the Rust, TypeScript and
//! `OpenAPI` outputs cannot disagree about them: which statuses carry the
//! error body, which codes each status is sent with, every status and
//! template of a code (its first row's and its alternatives'), the union
//! of a code's message parameters, and the retry policy for statuses the
//! status table does not list.

use crate::model::{Code, Model, Param, Status};

/// Statuses a client retries when the status table does not list them
/// (README, "Parsing rules": the same statuses lowering calls retryable
/// when the documentation says nothing). The Rust `Outcome`, the
/// TypeScript `isRetryable` and the `OpenAPI` fragment's
/// `x-retried-when-unlisted` all state this list; `emit_tools.rs`'s
/// agreement test checks every status from 100 to 599 in all three.
pub(crate) const RETRIED_WHEN_UNLISTED: [u16; 5] = [429, 500, 502, 503, 504];

/// [`RETRIED_WHEN_UNLISTED`] joined by `sep` (`429, 500, ...` or `429 | 500 | ...`).
pub(crate) fn retried_when_unlisted(sep: &str) -> String {
    join(&RETRIED_WHEN_UNLISTED, sep)
}

/// [`RETRIED_WHEN_UNLISTED`] as prose: `429, 500, 502, 503 or 504`.
pub(crate) fn retried_when_unlisted_prose() -> String {
    let [init @ .., last] = RETRIED_WHEN_UNLISTED;
    format!("{} or {last}", join(&init, ", "))
}

fn join(statuses: &[u16], sep: &str) -> String {
    statuses.iter().map(u16::to_string).collect::<Vec<_>>().join(sep)
}

/// The derived facts of one model.
pub(crate) struct Facts<'a> {
    /// One entry per status of the table, in table order.
    pub statuses: Vec<StatusFacts<'a>>,
    /// One entry per code, in model order.
    pub codes: Vec<CodeFacts<'a>>,
}

/// A few values, most often one: one is kept inline, without a vector
/// (a code of one row has one status and one template: two allocations
/// fewer per code).
#[derive(Debug, Clone)]
pub(crate) enum Few<T> {
    One([T; 1]),
    Many(Vec<T>),
}

impl<T> std::ops::Deref for Few<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match self {
            Few::One(one) => one,
            Few::Many(many) => many,
        }
    }
}

impl<'f, T> IntoIterator for &'f Few<T> {
    type Item = &'f T;
    type IntoIter = std::slice::Iter<'f, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// A status of the table with what the codes add to it.
#[cfg_attr(not(feature = "templates"), allow(dead_code))] // `status`, `codes`: read by the templates
pub(crate) struct StatusFacts<'a> {
    pub status: &'a Status,
    /// The codes sent with this status (by any of their rows), in model
    /// order, as indices into [`Facts::codes`] (an emitter finds what it
    /// prepared per code by the index).
    pub codes: Vec<usize>,
    /// Whether responses with this status carry the error body: the table
    /// says so, or codes are documented for it.
    pub error_body: bool,
}

/// A code with the facts its rows give together.
pub(crate) struct CodeFacts<'a> {
    pub code: &'a Code,
    /// Every status the code is documented with, its first row's first,
    /// without repeats; empty where no row gives one.
    pub statuses: Few<u16>,
    /// Every distinct message template, its first row's first.
    pub templates: Few<&'a str>,
    /// The parameters of all templates: the code's own, then those only
    /// alternative templates name, in order of first appearance (borrowed
    /// from the code where the alternatives add none).
    pub params: std::borrow::Cow<'a, [Param]>,
}

impl<'a> Facts<'a> {
    pub(crate) fn new(model: &'a Model) -> Self {
        let codes: Vec<CodeFacts<'a>> = model.codes.iter().map(CodeFacts::new).collect();
        // The codes of each listed status, in one pass over the codes (not
        // one per status), in the codes' order.
        let mut by_status: rustc_hash::FxHashMap<u16, Vec<usize>> =
            model.statuses.iter().map(|s| (s.status, Vec::new())).collect();
        for (i, c) in codes.iter().enumerate() {
            for status in &c.statuses {
                if let Some(with) = by_status.get_mut(status) {
                    with.push(i);
                }
            }
        }
        let statuses = model
            .statuses
            .iter()
            .map(|status| {
                // A status listed twice has the same codes under both entries.
                let with = by_status.get(&status.status).cloned().unwrap_or_default();
                StatusFacts { status, error_body: status.has_error_body || !with.is_empty(), codes: with }
            })
            .collect();
        Facts { statuses, codes }
    }

    /// Whether every code has a documented status (the API can then say
    /// `u16` rather than `Option<u16>`).
    pub(crate) fn every_code_has_status(&self) -> bool {
        self.codes.iter().all(|c| c.code.http_status.is_some())
    }

    /// Whether some code is documented with more than one status.
    pub(crate) fn some_code_has_several_statuses(&self) -> bool {
        self.codes.iter().any(|c| c.statuses.len() > 1)
    }

    /// The statuses whose responses a client reads as the error body,
    /// ascending: those the table says carry it, and every status a code is
    /// documented with (listed or not). `None` means any 4xx or 5xx: there
    /// is no status table to say (a code may then come with any status), or
    /// it names no such status. The Rust `Outcome::from_http_response` and
    /// the TypeScript `carriesErrorBody` both read this.
    pub(crate) fn body_statuses(&self) -> Option<Vec<u16>> {
        let listed = self.statuses.iter().filter(|s| s.error_body).map(|s| s.status.status);
        let of_codes = self.codes.iter().flat_map(|c| c.statuses.iter().copied());
        // Sorted as it is built: a few distinct statuses among many codes.
        let mut set: Vec<u16> = Vec::new();
        for status in listed.chain(of_codes) {
            if let Err(i) = set.binary_search(&status) {
                set.insert(i, status);
            }
        }
        (!self.statuses.is_empty() && !set.is_empty()).then_some(set)
    }

    /// Whether some code is documented with more than one message template.
    pub(crate) fn some_code_has_several_templates(&self) -> bool {
        self.codes.iter().any(|c| c.templates.len() > 1)
    }
}

/// A message template cut at its placeholders, for the generic renderers
/// and parsers of the Rust and TypeScript outputs.
pub(crate) struct Cut<'t> {
    /// The literal text before, between and after the placeholders (empty
    /// where two touch): one more than `slots`. Each is a slice of the
    /// template (a placeholder that names no parameter stays in it); a
    /// template without parameters is one literal, kept without a vector.
    pub literals: Few<&'t str>,
    /// Which parameter (an index into [`CodeFacts::params`]) each
    /// placeholder is.
    pub slots: Vec<usize>,
}

impl<'a> CodeFacts<'a> {
    /// `template` (one of [`CodeFacts::templates`]) cut at its placeholders.
    /// The pieces are those of [`crate::model::segments_of`], with the
    /// literal text between two parameters (placeholders of no parameter
    /// included) borrowed whole from `template`.
    pub(crate) fn cut<'t>(&self, template: &'t str) -> Cut<'t> {
        // Nothing is allocated until a placeholder names a parameter (most
        // templates have none).
        let mut literals = Vec::new();
        let mut slots = Vec::new();
        // No placeholder can name a parameter where there is none.
        if !self.params.is_empty() {
            // Where the literal text being gathered starts.
            let mut start = 0;
            for piece in crate::template::split(template) {
                let crate::template::Piece::Placeholder { name, raw } = piece else { continue };
                let Some(i) = crate::model::param_of(&self.params, name) else { continue };
                if slots.is_empty() {
                    // Sized for each parameter written once, as most templates do.
                    literals.reserve(self.params.len() + 1);
                    slots.reserve(self.params.len());
                }
                // `raw` is a slice of `template`: where it starts.
                let at = raw.as_ptr() as usize - template.as_ptr() as usize;
                literals.push(&template[start..at]);
                slots.push(i);
                start = at + raw.len();
            }
            if !slots.is_empty() {
                literals.push(&template[start..]);
                return Cut { literals: Few::Many(literals), slots };
            }
        }
        Cut { literals: Few::One([template]), slots }
    }

    fn new(code: &'a Code) -> Self {
        if code.alternatives.is_empty() {
            // One row: its status and its template, nothing to combine.
            let statuses = code.http_status.map_or(Few::Many(Vec::new()), |s| Few::One([s]));
            let params = std::borrow::Cow::Borrowed(code.params.as_slice());
            return CodeFacts { code, statuses, templates: Few::One([code.message.as_str()]), params };
        }
        let row_count = 1 + code.alternatives.len();
        let mut statuses: Vec<u16> = Vec::with_capacity(row_count);
        let mut templates = Vec::with_capacity(row_count);
        templates.push(code.message.as_str());
        let rows = std::iter::once(code.http_status).chain(code.alternatives.iter().map(|a| a.http_status));
        for status in rows.flatten() {
            if !statuses.contains(&status) {
                statuses.push(status);
            }
        }
        for alternative in &code.alternatives {
            if !templates.contains(&alternative.message.as_str()) {
                templates.push(&alternative.message);
            }
        }
        let mut params = std::borrow::Cow::Borrowed(code.params.as_slice());
        for template in &templates[1..] {
            for piece in crate::template::split(template) {
                let crate::template::Piece::Placeholder { name, .. } = piece else { continue };
                // A placeholder a parameter stands for already (as `cut` reads it).
                if crate::model::param_of(&params, name).is_some() {
                    continue;
                }
                let snake = crate::ident::snake(name);
                if crate::ident::is_ascii_ident(&snake) {
                    params.to_mut().push(Param { name: snake, placeholder: name.to_owned() });
                }
            }
        }
        CodeFacts { code, statuses: Few::Many(statuses), templates: Few::Many(templates), params }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Alternative, BodyFormat, Source, MODEL_VERSION};

    fn source() -> Source {
        Source { file: "x.md".into(), line: 1, column: 1 }
    }

    fn alternative(status: Option<u16>, message: &str) -> Alternative {
        Alternative {
            http_status: status,
            message: message.into(),
            description: String::new(),
            source: source(),
        }
    }

    #[test]
    fn a_hand_built_models_placeholders_are_cut_as_segments_reads_them() {
        // `User` is `who`'s placeholder (not its snake), `who` is `who`'s
        // snake, `Other` is no parameter's: cut and `Code::segments` agree.
        let code = Code {
            code: "A".into(),
            ident: "A".into(),
            http_status: Some(400),
            retryable: false,
            message: "{{User}}: {{ who }} and {{Other}}".into(),
            params: vec![Param { name: "who".into(), placeholder: "User".into() }],
            description: String::new(),
            group: String::new(),
            extra: std::collections::BTreeMap::new(),
            source: source(),
            alternatives: Vec::new(),
        };
        let model = Model { version: MODEL_VERSION, statuses: Vec::new(), codes: vec![code], body: BodyFormat::default() };
        let facts = Facts::new(&model);
        let cut = facts.codes[0].cut(facts.codes[0].templates[0]);
        assert_eq!(*cut.literals, ["", ": ", " and {{Other}}"]);
        assert_eq!(cut.slots, [0, 0]);
        let segments = model.codes[0].segments();
        let params: Vec<usize> =
            segments.iter().filter_map(|s| if let crate::model::Segment::Param(i) = s { Some(*i) } else { None }).collect();
        assert_eq!(params, cut.slots);
        assert_eq!(model.codes[0].render(&["ann"]), "ann: ann and {{Other}}");
    }

    #[test]
    fn rows_of_one_code_and_statuses_with_codes_are_combined() {
        let code = Code {
            code: "CONFLICT".into(),
            ident: "Conflict".into(),
            http_status: Some(409),
            retryable: false,
            message: "{{Name}} exists".into(),
            params: vec![Param { name: "name".into(), placeholder: "Name".into() }],
            description: String::new(),
            group: String::new(),
            extra: std::collections::BTreeMap::new(),
            source: source(),
            alternatives: vec![
                alternative(Some(412), "{{Name}} exists"),
                alternative(None, "{{Name}} changed at {{When}}"),
                alternative(Some(409), "{{Name}} exists"),
            ],
        };
        let status = |n: u16, body: bool| Status {
            status: n,
            name: String::new(),
            description: String::new(),
            retryable: false,
            has_error_body: body,
            source: source(),
        };
        let model = Model {
            version: MODEL_VERSION,
            statuses: vec![status(409, false), status(412, false), status(500, false), status(503, true)],
            codes: vec![code],
            body: BodyFormat::default(),
        };
        let facts = Facts::new(&model);
        let c = &facts.codes[0];
        assert_eq!(*c.statuses, [409, 412]);
        assert_eq!(*c.templates, ["{{Name}} exists", "{{Name}} changed at {{When}}"]);
        assert_eq!(c.params.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["name", "when"]);
        let bodies: Vec<bool> = facts.statuses.iter().map(|s| s.error_body).collect();
        assert_eq!(bodies, [true, true, false, true], "a status with codes carries the body");
        assert!(facts.every_code_has_status() && facts.some_code_has_several_statuses());
        assert!(facts.some_code_has_several_templates());
    }
}
