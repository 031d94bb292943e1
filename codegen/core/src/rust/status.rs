//! The status enum (`HttpStatus`, the status table) and the retry
//! decision (`Outcome`).

use std::fmt::Write as _;

use super::writer::{push_int, str_lit, Body, Writer};
use super::{doc, yes_no, Input, COPY_DERIVES, DEBUG_DERIVE};
use crate::facts::{retried_when_unlisted, retried_when_unlisted_prose};

pub(super) fn status_enum(w: &mut Writer<'_>, input: &Input<'_>) {
    let statuses = input.statuses;
    let n = statuses.len();
    w.put("\n/// An HTTP status from the API's status table.\n");
    w.put(COPY_DERIVES);
    w.put(DEBUG_DERIVE);
    w.put(")]\n#[non_exhaustive]\npub enum $Status {\n");
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
    let status = w.names().status.as_str();
    w.list(1, "pub const ALL: &'static [Self] = &", ";", n, false, |out, i| {
        out.push_str(status);
        out.push_str("::");
        out.push_str(&statuses[i].1);
    });
    w.list(1, &format!("const NUMBERS: &'static [u16; {n}] = &"), ";", n, true, |out, i| {
        push_int(out, statuses[i].0.status);
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
        w.arm(3, &s.status.to_string(), &Body::Expr(&format!("::core::option::Option::Some({status}::{ident})")));
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
    conversions(w, input);
}

/// The status enum's `http` accessors and axum response, where asked for.
fn conversions(w: &mut Writer<'_>, input: &Input<'_>) {
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
    if input.settings.axum {
        w.put(
            "
impl ::axum::response::IntoResponse for $Status {
    /// A response with this status and no body.
    fn into_response(self) -> ::axum::response::Response {
        ::axum::http::StatusCode::from_u16(self.status())
            .unwrap_or(::axum::http::StatusCode::INTERNAL_SERVER_ERROR)
            .into_response()
    }
}
",
        );
    }
}

/// The retry decision: from a status and a body where there are codes,
/// from a status alone where the spec has only a status table; with the
/// `http` option, from a whole `http::Response` too.
pub(super) fn outcome_type(w: &mut Writer<'_>, input: &Input<'_>) {
    let (pattern, prose) = (retried_when_unlisted(" | "), retried_when_unlisted_prose());
    let vars = [("UNLISTED", pattern.as_str()), ("UNLISTED_PROSE", prose.as_str())];
    let has_codes = !input.codes.is_empty();
    let has_statuses = !input.statuses.is_empty();
    let client = reads_responses(input);
    let from = if client {
        "from_http_response"
    } else if has_codes {
        "from_response"
    } else {
        "from_status"
    };
    outcome_struct(w, input, from);
    w.put("impl $Outcome {\n");
    // The struct literal of the constructors from a status (and body);
    // `from_http_response` fills in what only a whole response has.
    let mut fields = vec!["http_status: status"];
    if has_statuses {
        fields.push("status: known");
    }
    if has_codes {
        fields.push("error");
    }
    if client {
        fields.push("raw_body: ::core::option::Option::None");
    }
    fields.push("retry");
    if client {
        fields.push("retry_after: ::core::option::Option::None");
    }
    let literal = fields.iter().fold(String::new(), |mut out, f| {
        let _ = writeln!(out, "            {f},");
        out
    });
    let literal = format!("{} {{\n{literal}        }}", input.settings.names.outcome);
    let vars_rest = [vars[0], vars[1], ("LITERAL", literal.as_str())];
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
        $LITERAL
    }
",
            &vars_rest,
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
        $LITERAL
    }
",
            &vars_rest,
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
        $LITERAL
    }
",
            &vars_rest,
        ),
    }
    if client {
        http_response(w, input);
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
    outcome_display(w, has_codes, has_statuses);
}

/// The `Outcome` struct: the status number, the typed status and error
/// where the spec has them, and what only a whole response gives.
fn outcome_struct(w: &mut Writer<'_>, input: &Input<'_>, from: &str) {
    let (has_codes, has_statuses, client) = (!input.codes.is_empty(), !input.statuses.is_empty(), reads_responses(input));
    w.out.push('\n');
    w.doc_named(0, &format!("What a response means for a client's retry loop: see [`$Outcome::{from}`]."));
    w.doc(0, "");
    w.doc(0, "It is an error value too (`Display`, `std::error::Error`), so a client can return it with `?`.");
    w.put("#[derive(::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::fmt::Debug)]\n");
    w.put("pub struct $Outcome {\n");
    w.line(1, "/// The response's HTTP status number.");
    w.line(1, "pub http_status: u16,");
    if has_statuses {
        w.line(1, "/// The status's entry in the status table, if it has one.");
        w.put("    pub status: ::core::option::Option<$Status>,\n");
    }
    if has_codes {
        w.line(1, "/// The typed error from the body, if there was a body.");
        w.put("    pub error: ::core::option::Option<$Error>,\n");
    }
    if client {
        w.line(1, "/// The body as text (invalid UTF-8 replaced), where it was not read as the error");
        w.line(1, "/// body: a status without one, or a body that is not the documented JSON; `None` for");
        w.line(1, "/// an empty body.");
        w.line(1, "pub raw_body: ::core::option::Option<::std::string::String>,");
    }
    w.line(1, "/// Whether to retry the request.");
    w.line(1, "pub retry: bool,");
    if client {
        w.line(1, "/// How long the server asks the client to wait (`Retry-After`: seconds, or an HTTP");
        w.line(1, "/// date as the time from now until then, zero once it has passed).");
        w.line(1, "pub retry_after: ::core::option::Option<::core::time::Duration>,");
    }
    w.put("}\n\n");
}

/// Whether `Outcome::from_http_response` is generated: with the `http`
/// option, and serde where there are bodies to read.
fn reads_responses(input: &Input<'_>) -> bool {
    input.settings.http && (input.settings.serde || input.codes.is_empty())
}

/// `Outcome::from_http_response` and the `Retry-After` reader.
fn http_response(w: &mut Writer<'_>, input: &Input<'_>) {
    if input.codes.is_empty() {
        w.put(
            "
    /// Classifies a whole response by its status, as [`$Outcome::from_status`] does; a body
    /// is kept as [`$Outcome::raw_body`], and the server's `Retry-After` becomes
    /// [`$Outcome::retry_after`]. Never panics on any body.
    #[must_use]
    pub fn from_http_response<B: ::core::convert::AsRef<[u8]>>(
        response: &::http::Response<B>,
    ) -> Self {
        let bytes = response.body().as_ref();
        let mut outcome = Self::from_status(response.status().as_u16());
        if !bytes.is_empty() {
            let text = ::std::string::String::from_utf8_lossy(bytes).into_owned();
            outcome.raw_body = ::core::option::Option::Some(text);
        }
        outcome.retry_after = Self::parse_retry_after(response.headers());
        outcome
    }
",
        );
    } else {
        // The statuses whose responses carry the error body (facts.rs).
        let (carries, which) = if let Some(statuses) = input.facts.body_statuses() {
            let n = statuses.len();
            w.out.push('\n');
            w.line(1, "/// The statuses whose responses carry the error body, ascending.");
            w.list(1, &format!("const BODY_STATUSES: &'static [u16; {n}] = &"), ";", n, true, |out, i| {
                push_int(out, statuses[i]);
            });
            let which = "`BODY_STATUSES`: listed so, or documented for a code";
            ("Self::BODY_STATUSES.binary_search(&status).is_ok()".to_owned(), which.to_owned())
        } else {
            ("(400..=599).contains(&status)".to_owned(), "any 4xx or 5xx".to_owned())
        };
        w.put_with(
            "
    /// Classifies a whole response, as [`$Outcome::from_response`] does.
    ///
    /// The body is read as the JSON error body where the status carries one
    /// ($WHICH),
    /// and kept as [`$Outcome::raw_body`] where it does not or is not that JSON; the
    /// server's `Retry-After` becomes [`$Outcome::retry_after`]. Never panics on any
    /// body.
    #[must_use]
    pub fn from_http_response<B: ::core::convert::AsRef<[u8]>>(
        response: &::http::Response<B>,
    ) -> Self {
        let status = response.status().as_u16();
        let bytes = response.body().as_ref();
        let body = if $CARRIES {
            ::serde_json::from_slice::<$Body>(bytes).ok()
        } else {
            ::core::option::Option::None
        };
        let raw_body = if body.is_none() && !bytes.is_empty() {
            ::core::option::Option::Some(::std::string::String::from_utf8_lossy(bytes).into_owned())
        } else {
            ::core::option::Option::None
        };
        let mut outcome = Self::from_response(status, body);
        outcome.raw_body = raw_body;
        outcome.retry_after = Self::parse_retry_after(response.headers());
        outcome
    }
",
            &[("CARRIES", &carries), ("WHICH", &which)],
        );
    }
    w.put(
        "
    /// The `Retry-After` header as a delay: whole seconds, or an HTTP date (the time from
    /// now until then, zero once it has passed); `None` when absent or unreadable.
    fn parse_retry_after(
        headers: &::http::HeaderMap,
    ) -> ::core::option::Option<::core::time::Duration> {
        let value = headers.get(::http::header::RETRY_AFTER)?.to_str().ok()?.trim();
        if let ::core::result::Result::Ok(seconds) = value.parse::<u64>() {
            return ::core::option::Option::Some(::core::time::Duration::from_secs(seconds));
        }
        let at = ::httpdate::parse_http_date(value).ok()?;
        let wait = at.duration_since(::std::time::SystemTime::now());
        ::core::option::Option::Some(wait.unwrap_or(::core::time::Duration::ZERO))
    }
",
    );
}

/// `Display` (`HTTP 404 NOT_FOUND: USER_NOT_FOUND: User 7 not found`) and
/// `std::error::Error` (the typed error as its source).
fn outcome_display(w: &mut Writer<'_>, has_codes: bool, has_statuses: bool) {
    w.put(
        "
impl ::core::fmt::Display for $Outcome {
    /// `HTTP <status>`, the status table's name, and the error's code and message.
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::write!(f, \"HTTP {}\", self.http_status)?;
",
    );
    if has_statuses {
        w.put(
            "        if let ::core::option::Option::Some(status) = self.status {
            ::core::write!(f, \" {}\", status.name())?;
        }
",
        );
    }
    if has_codes {
        w.put(
            "        if let ::core::option::Option::Some(error) = &self.error {
            ::core::write!(f, \": {}: {error}\", error.wire_code())?;
        }
",
        );
    }
    w.put("        ::core::result::Result::Ok(())\n    }\n}\n\n");
    if has_codes {
        w.put(
            "impl ::std::error::Error for $Outcome {
    // Inline, as derives are: the `dyn` it makes of the error needs the
    // drop glue of an enum with a variant per code, compiled only where used.
    #[inline]
    fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
        self.error.as_ref().map(|error| error as &(dyn ::std::error::Error + 'static))
    }
}
",
        );
    } else {
        w.put("impl ::std::error::Error for $Outcome {}\n");
    }
}
