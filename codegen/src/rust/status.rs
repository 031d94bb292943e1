//! The status enum (`HttpStatus`, the status table) and the retry
//! decision (`Outcome`).

use std::fmt::Write as _;

use super::writer::{str_lit, Body, Writer};
use super::{doc, yes_no, Input, COPY_DERIVES};
use crate::facts::{retried_when_unlisted, retried_when_unlisted_prose};

pub(super) fn status_enum(w: &mut Writer<'_>, input: &Input<'_>) {
    let statuses = input.statuses;
    let n = statuses.len();
    w.put("\n/// An HTTP status from the API's status table.\n");
    w.put(COPY_DERIVES);
    w.put("pub enum $Status {\n");
    for (facts, (s, ident)) in input.facts.statuses.iter().zip(statuses) {
        w.doc(1, &format!("HTTP {} {}: {}.", s.status, doc::code_span(&s.name), yes_no(s.retryable)));
        if facts.error_body {
            w.doc(1, "");
            w.doc(1, "Responses carry the detailed error body.");
        }
        for line in doc::prose(&s.description) {
            w.doc(1, "");
            w.doc(1, &line);
        }
        w.line(1, &format!("{ident},"));
    }
    w.put("}\n\nimpl $Status {\n");
    w.line(1, "/// Every status in the table, in ascending order.");
    w.list(1, "pub const ALL: &'static [Self] = &", ";", n, false, |out, i| {
        out.push_str("Self::");
        out.push_str(&statuses[i].1);
    });
    w.list(1, &format!("const NUMBERS: &'static [u16; {n}] = &"), ";", n, true, |out, i| {
        let _ = write!(out, "{}", statuses[i].0.status);
    });
    w.list(1, &format!("const NAMES: &'static [&'static str; {n}] = &"), ";", n, false, |out, i| {
        str_lit(out, &statuses[i].0.name);
    });
    w.list(1, &format!("const RETRYABLE: &'static [bool; {n}] = &"), ";", n, true, |out, i| {
        out.push_str(if statuses[i].0.retryable { "true" } else { "false" });
    });
    let facts = &input.facts.statuses;
    w.list(1, &format!("const ERROR_BODY: &'static [bool; {n}] = &"), ";", n, true, |out, i| {
        out.push_str(if facts[i].error_body { "true" } else { "false" });
    });
    w.list(1, &format!("const DESCRIPTIONS: &'static [&'static str; {n}] = &"), ";", n, false, |out, i| {
        str_lit(out, &statuses[i].0.description);
    });
    w.put(
        "
    /// The documented status for a status number, if the table lists it.
    #[must_use]
    #[allow(clippy::too_many_lines)]
    pub const fn from_status(status: u16) -> ::core::option::Option<Self> {
        match status {
",
    );
    for (s, ident) in statuses {
        w.arm(3, &s.status.to_string(), &Body::Expr(&format!("::core::option::Option::Some(Self::{ident})")));
    }
    w.put(
        "            _ => ::core::option::Option::None,
        }
    }

    /// The status number.
    #[must_use]
    pub const fn status(self) -> u16 {
        Self::NUMBERS[self as usize]
    }

    /// The documented name (`NOT_FOUND`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Whether a client may retry a request that got this status.
    #[must_use]
    pub const fn is_retryable(self) -> bool {
        Self::RETRYABLE[self as usize]
    }

    /// Whether responses with this status carry the detailed error body (the status
    /// table says so, or codes are documented with it).
    #[must_use]
    pub const fn has_error_body(self) -> bool {
        Self::ERROR_BODY[self as usize]
    }

    /// The documented description.
    #[must_use]
    pub const fn description(self) -> &'static str {
        Self::DESCRIPTIONS[self as usize]
    }
}

impl ::core::fmt::Display for $Status {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::write!(f, \"{} {}\", self.status(), self.name())
    }
}
",
    );
    if input.settings.http {
        w.put(
            "
impl $Status {
    /// This status as an [`http::StatusCode`].
    #[must_use]
    pub fn status_code(self) -> ::http::StatusCode {
        ::http::StatusCode::from_u16(self.status())
            .unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The documented status for an [`http::StatusCode`], if the table lists it.
    #[must_use]
    pub fn from_status_code(status: ::http::StatusCode) -> ::core::option::Option<Self> {
        Self::from_status(status.as_u16())
    }
}
",
        );
    }
}

/// The retry decision: from a status and a body where there are codes,
/// from a status alone where the spec has only a status table.
pub(super) fn outcome_type(w: &mut Writer<'_>, input: &Input<'_>) {
    let (pattern, prose) = (retried_when_unlisted(" | "), retried_when_unlisted_prose());
    let vars = [("UNLISTED", pattern.as_str()), ("UNLISTED_PROSE", prose.as_str())];
    let has_codes = !input.codes.is_empty();
    let has_statuses = !input.statuses.is_empty();
    let from = if has_codes { "from_response" } else { "from_status" };
    w.out.push('\n');
    w.doc_named(0, &format!("What a response means for a client's retry loop: see [`$Outcome::{from}`]."));
    w.put("#[derive(::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::fmt::Debug)]\n");
    w.put("pub struct $Outcome {\n");
    if has_statuses {
        w.line(1, "/// The status's entry in the status table, if it has one.");
        w.put("    pub status: ::core::option::Option<$Status>,\n");
    }
    if has_codes {
        w.line(1, "/// The typed error from the body, if there was a body.");
        w.put("    pub error: ::core::option::Option<$Error>,\n");
    }
    w.line(1, "/// Whether to retry the request.");
    w.line(1, "pub retry: bool,");
    w.put("}\n\nimpl $Outcome {\n");
    match (has_codes, has_statuses) {
        (true, true) => w.put_with(
            "    /// Classifies a response by its HTTP status and its error body (if it had one).
    ///
    /// A documented code decides by its own retryability; otherwise the status table
    /// decides; a status the table does not list is retried when it is $UNLISTED_PROSE.
    #[must_use]
    #[inline]
    pub fn from_response(status: u16, body: ::core::option::Option<$Body>) -> Self {
        let known = $Status::from_status(status);
        let error = body.map($Error::from);
        let retry = match error.as_ref().and_then($Error::code) {
            ::core::option::Option::Some(code) => code.is_retryable(),
            ::core::option::Option::None => match known {
                ::core::option::Option::Some(known) => known.is_retryable(),
                ::core::option::Option::None => Self::retried_when_unlisted(status),
            },
        };
        $Outcome { status: known, error, retry }
    }
",
            &vars,
        ),
        (true, false) => w.put_with(
            "    /// Classifies a response by its HTTP status and its error body (if it had one).
    ///
    /// A documented code decides by its own retryability; otherwise (no body, or an
    /// unknown code) the status is retried when it is $UNLISTED_PROSE.
    #[must_use]
    #[inline]
    pub fn from_response(status: u16, body: ::core::option::Option<$Body>) -> Self {
        let error = body.map($Error::from);
        let retry = match error.as_ref().and_then($Error::code) {
            ::core::option::Option::Some(code) => code.is_retryable(),
            ::core::option::Option::None => Self::retried_when_unlisted(status),
        };
        $Outcome { error, retry }
    }
",
            &vars,
        ),
        (false, _) => w.put_with(
            "    /// Classifies a response by its HTTP status: the status table decides; a status
    /// the table does not list is retried when it is $UNLISTED_PROSE.
    #[must_use]
    pub const fn from_status(status: u16) -> Self {
        let known = $Status::from_status(status);
        let retry = match known {
            ::core::option::Option::Some(known) => known.is_retryable(),
            ::core::option::Option::None => Self::retried_when_unlisted(status),
        };
        $Outcome { status: known, retry }
    }
",
            &vars,
        ),
    }
    w.put_with(
        "
    /// Whether a status the status table does not list is retried.
    const fn retried_when_unlisted(status: u16) -> bool {
        ::core::matches!(status, $UNLISTED)
    }
}
",
        &vars,
    );
}
