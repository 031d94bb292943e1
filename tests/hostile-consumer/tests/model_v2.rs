//! The generated API for the model's newer shapes (the emitter snapshots
//! `no_status`, `alternatives`, `status_only`, and `minimal` for a spec
//! without a status table) behaves as documented: no invented statuses,
//! every row of a code exposed, and specs without codes or without a
//! status table still classify responses.

use hostile_consumer::{alternatives, no_status, status_only};


#[test]
fn a_code_without_a_status_says_none() {
    use no_status::{Error, ErrorBody, ErrorCode, HttpStatus, Outcome};
    assert_eq!(ErrorCode::NotFound.http_status(), Some(406));
    assert_eq!(ErrorCode::Limit.http_status(), None);
    assert_eq!(ErrorCode::Limit.status_code(), None);
    assert_eq!(ErrorCode::NotFound.status_code(), Some(http::StatusCode::NOT_ACCEPTABLE));
    let limit = Error::from(ErrorBody { code: "LIMIT".into(), message: "Limit of 3 reached for keys".into() });
    assert_eq!(limit, Error::Limit { limit: "3".into(), item: "keys".into() });
    assert_eq!(limit.http_status(), None);
    assert_eq!(limit.status_code(), None);
    // The code decides retrying, whatever status the response had.
    let outcome = Outcome::from_response(503, Some(limit.to_body()));
    assert!(!outcome.retry);
    assert_eq!(outcome.status, Some(HttpStatus::ServiceUnavailable));
}

#[test]
fn every_row_of_a_code_is_exposed_and_parsed() {
    use alternatives::{Error, ErrorBody, ErrorCode, HttpStatus};
    assert_eq!(ErrorCode::NotFound.http_status(), 406, "the first row's status stays a u16");
    assert_eq!(ErrorCode::NotFound.http_statuses(), [406, 503]);
    assert_eq!(ErrorCode::Limit.http_statuses(), [406]);
    assert_eq!(
        ErrorCode::Limit.messages(),
        ["Limit of {{Limit}} reached for {{Item}}", "Limit reached for {{Item}} until {{Reset At}}"]
    );
    assert_eq!(ErrorCode::Limit.message(), ErrorCode::Limit.messages()[0]);
    assert_eq!(ErrorCode::NotFound.messages(), ["Not found"]);
    let first = "Limit of 3 reached for keys";
    let other = "Limit reached for keys until noon";
    let parse = |m: &str| Error::from(ErrorBody { code: "LIMIT".into(), message: m.into() });
    assert_eq!(
        parse(first),
        Error::Limit { limit: "3".into(), item: "keys".into(), reset_at: String::new(), message: first.into() }
    );
    assert_eq!(
        parse(other),
        Error::Limit { limit: String::new(), item: "keys".into(), reset_at: "noon".into(), message: other.into() }
    );
    for message in [first, other] {
        assert_eq!(parse(message).to_string(), message, "the message travels back unchanged");
        assert_eq!(parse(message).to_body().message, message);
    }
    assert!(matches!(parse("Limit gone"), Error::Unmatched { code: ErrorCode::Limit, .. }));
    assert_eq!(Error::NotFound.to_string(), "Not found");
    // A code sent with 503 means 503 responses carry the body, though the
    // status table does not say so (as in TypeScript and OpenAPI).
    assert!(HttpStatus::ServiceUnavailable.has_error_body());
}

#[test]
fn a_status_only_spec_classifies_by_status() {
    use status_only::{HttpStatus, Outcome};
    assert_eq!(HttpStatus::ALL, [HttpStatus::NotAcceptable, HttpStatus::ServiceUnavailable]);
    assert!(HttpStatus::NotAcceptable.has_error_body(), "the table says so");
    assert!(!HttpStatus::ServiceUnavailable.has_error_body(), "no code and no word in the table");
    let outcome = |http_status, status, retry| Outcome { http_status, status, raw_body: None, retry, retry_after: None };
    assert_eq!(Outcome::from_status(503), outcome(503, Some(HttpStatus::ServiceUnavailable), true));
    assert_eq!(Outcome::from_status(406), outcome(406, Some(HttpStatus::NotAcceptable), false));
    assert_eq!(Outcome::from_status(502), outcome(502, None, true));
    assert_eq!(Outcome::from_status(418), outcome(418, None, false));
}

#[test]
fn a_spec_without_a_status_table_retries_by_code_then_by_status() {
    use hostile_consumer::minimal::{Error, ErrorBody, Outcome};
    let body = ErrorBody { code: "ALREADY_EXISTS".into(), message: "x already exists".into() };
    let outcome = Outcome::from_response(503, Some(body));
    assert_eq!(outcome, Outcome { http_status: 503, error: Some(Error::AlreadyExists { name: "x".into() }), retry: false });
    assert_eq!(Outcome::from_response(502, None), Outcome { http_status: 502, error: None, retry: true });
    assert_eq!(Outcome::from_response(404, None), Outcome { http_status: 404, error: None, retry: false });
}

/// The derives' behaviour, for comparison: the same variants and fields
/// as `alternatives::Error`, with `Debug`, `PartialEq` and `Hash` derived.
#[derive(Debug, PartialEq, Eq, Hash)]
#[allow(dead_code)] // only printed and compared
enum Derived {
    NotFound,
    Limit { limit: String, item: String, reset_at: String, message: String },
    Self_,
    Unknown { code: String, message: String },
    Unmatched { code: DerivedCode, message: String },
}

#[derive(Debug, PartialEq, Eq, Hash)]
enum DerivedCode {
    Limit,
    NotFound,
}

#[test]
fn debug_prints_what_the_derive_would() {
    use alternatives::{Error, ErrorCode};
    let s = String::from;
    let cases = [
        (Error::NotFound, Derived::NotFound),
        (Error::Self_, Derived::Self_),
        (
            Error::Limit { limit: s("3"), item: s("k\"eys"), reset_at: s(""), message: s("m") },
            Derived::Limit { limit: s("3"), item: s("k\"eys"), reset_at: s(""), message: s("m") },
        ),
        (Error::Unknown { code: s("X"), message: s("y") }, Derived::Unknown { code: s("X"), message: s("y") }),
        (
            Error::Unmatched { code: ErrorCode::Limit, message: s("z") },
            Derived::Unmatched { code: DerivedCode::Limit, message: s("z") },
        ),
    ];
    for (error, derived) in cases {
        assert_eq!(format!("{error:?}"), format!("{derived:?}"));
        assert_eq!(format!("{error:#?}"), format!("{derived:#?}"));
    }
    assert_eq!(format!("{:?}", ErrorCode::Self_), "Self_");
}

/// `PartialEq` and `Hash`, written through `code` and `fields`, say what
/// the derives would: each pair of these errors is equal exactly when
/// its derived twins are, equal errors hash alike and unequal ones apart,
/// and a clone is equal to its original.
#[test]
fn equality_and_hash_agree_with_the_derives() {
    use alternatives::{Error, ErrorCode};
    use std::hash::{BuildHasher, RandomState};
    fn s(text: &str) -> String {
        text.to_owned()
    }
    let limit = |limit: &str, message: &str| {
        (
            Error::Limit { limit: s(limit), item: s("k"), reset_at: s(""), message: s(message) },
            Derived::Limit { limit: s(limit), item: s("k"), reset_at: s(""), message: s(message) },
        )
    };
    let unknown = |code: &str, message: &str| {
        (Error::Unknown { code: s(code), message: s(message) }, Derived::Unknown { code: s(code), message: s(message) })
    };
    let unmatched = |code: ErrorCode, twin: DerivedCode, message: &str| {
        (Error::Unmatched { code, message: s(message) }, Derived::Unmatched { code: twin, message: s(message) })
    };
    let cases = [
        (Error::NotFound, Derived::NotFound),
        (Error::Self_, Derived::Self_),
        limit("3", "m"),
        limit("4", "m"),
        limit("3", "n"),
        unknown("NOT_FOUND", "m"),
        unknown("NOT_FOUND", "n"),
        unknown("X", "m"),
        unmatched(ErrorCode::Limit, DerivedCode::Limit, "m"),
        unmatched(ErrorCode::Limit, DerivedCode::Limit, "n"),
        unmatched(ErrorCode::NotFound, DerivedCode::NotFound, "m"),
    ];
    let hasher = RandomState::new();
    for (a, twin_a) in &cases {
        assert_eq!(&a.clone(), a);
        for (b, twin_b) in &cases {
            assert_eq!(a == b, twin_a == twin_b, "{a:?} == {b:?}");
            assert_eq!(hasher.hash_one(a) == hasher.hash_one(b), a == b, "hashes of {a:?} and {b:?}");
        }
    }
}
