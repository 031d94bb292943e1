//! The generated API on the seed spec's codes (`spec/error-response.md`).
#![cfg(all(feature = "serde", feature = "http"))]

use std::str::FromStr;

use api_errors::{Error, ErrorBody, ErrorCode, HttpStatus, Outcome, UnknownErrorCode};

const SEED_CODES: [&str; 8] = [
    "INTERNAL_SERVER_ERROR",
    "MAINTENANCE",
    "ILLEGAL_STATE",
    "BAD_REQUEST",
    "NOT_FOUND",
    "CONFLICT",
    "NOT_ENOUGH_ASSET",
    "NEXT_MARKET_NOT_REGISTERED_GAME_ITEM_PACKAGE",
];

fn body(code: &str, message: &str) -> ErrorBody {
    ErrorBody { code: code.to_owned(), message: message.to_owned() }
}

#[test]
fn all_lists_the_seed_codes_in_document_order() {
    let wire: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(wire, SEED_CODES);
    assert_eq!(ErrorCode::NotEnoughAsset.as_str(), "NOT_ENOUGH_ASSET");
}

#[test]
fn every_code_round_trips_through_from_str_try_from_display_and_serde() {
    for &code in ErrorCode::ALL {
        let wire = code.as_str();
        assert_eq!(ErrorCode::from_str(wire), Ok(code));
        assert_eq!(ErrorCode::try_from(wire), Ok(code));
        assert_eq!(code.to_string(), wire);
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, format!("\"{wire}\""));
        assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
    }
}

#[test]
fn unknown_codes_are_rejected_with_the_string_kept() {
    let err = ErrorCode::from_str("INVALID_APP_CREDENTIAL").unwrap_err();
    assert_eq!(err, UnknownErrorCode { code: "INVALID_APP_CREDENTIAL".to_owned() });
    assert_eq!(err.to_string(), "unknown error code `INVALID_APP_CREDENTIAL`");
    assert!(ErrorCode::try_from("not_found").is_err(), "codes are case-sensitive");
    assert!(ErrorCode::try_from("").is_err());
    assert!(serde_json::from_str::<ErrorCode>("\"NOPE\"").is_err());
}

#[test]
fn codes_carry_the_documented_facts() {
    const STATUS: u16 = ErrorCode::Maintenance.http_status();
    assert_eq!(STATUS, 500, "usable in const context");
    assert_eq!(ErrorCode::IllegalState.http_status(), 500);
    assert_eq!(ErrorCode::IllegalState.message(), "Illegal state: {{Error Message}}");
    assert_eq!(
        ErrorCode::IllegalState.description(),
        "When the request cannot be processed temporarily due to a state change or request block."
    );
    assert_eq!(ErrorCode::NotFound.http_status(), 406);
    assert_eq!(ErrorCode::NotFound.message(), "Not found");
}

#[test]
fn retryability_follows_the_spec() {
    for code in [ErrorCode::InternalServerError, ErrorCode::Maintenance, ErrorCode::IllegalState] {
        assert!(code.is_retryable(), "{code}");
    }
    for code in [
        ErrorCode::BadRequest,
        ErrorCode::NotFound,
        ErrorCode::Conflict,
        ErrorCode::NotEnoughAsset,
        ErrorCode::NextMarketNotRegisteredGameItemPackage,
    ] {
        assert!(!code.is_retryable(), "{code}");
    }
}

#[test]
fn illegal_state_renders_and_parses_back() {
    let error = Error::IllegalState { error_message: "wallet locked".to_owned() };
    assert_eq!(error.to_string(), "Illegal state: wallet locked");
    assert_eq!(error.code(), Some(ErrorCode::IllegalState));
    assert_eq!(error.http_status(), Some(500));
    assert!(error.is_retryable());
    let wire = error.to_body();
    assert_eq!(wire, body("ILLEGAL_STATE", "Illegal state: wallet locked"));
    assert_eq!(Error::from(wire), error);

    let json = serde_json::to_string(&error).unwrap();
    assert_eq!(json, r#"{"code":"ILLEGAL_STATE","message":"Illegal state: wallet locked"}"#);
    assert_eq!(serde_json::from_str::<Error>(&json).unwrap(), error);

    // The parameter may itself contain the template's text.
    let nested = Error::from(body("ILLEGAL_STATE", "Illegal state: Illegal state: x"));
    assert_eq!(nested, Error::IllegalState { error_message: "Illegal state: x".to_owned() });
}

#[test]
fn a_message_that_does_not_fit_keeps_the_raw_text() {
    let error = Error::from(body("ILLEGAL_STATE", "state is illegal"));
    assert_eq!(error, Error::Unmatched { code: ErrorCode::IllegalState, message: "state is illegal".to_owned() });
    assert_eq!(error.to_string(), "state is illegal");
    assert_eq!(error.code(), Some(ErrorCode::IllegalState));
    assert!(error.is_retryable());
    assert_eq!(ErrorBody::from(error), body("ILLEGAL_STATE", "state is illegal"));

    let custom = Error::from(body("MAINTENANCE", "Maintenance until 10:00"));
    assert_eq!(custom.code(), Some(ErrorCode::Maintenance));
    assert_eq!(custom.to_string(), "Maintenance until 10:00");
    assert_eq!(Error::from(body("MAINTENANCE", "Maintenance")), Error::Maintenance);
}

#[test]
fn an_unknown_code_survives_parsing_and_serialising() {
    let json = r#"{"code":"INVALID_APP_CREDENTIAL","message":"App id & secret is not valid"}"#;
    let error: Error = serde_json::from_str(json).unwrap();
    assert_eq!(
        error,
        Error::Unknown { code: "INVALID_APP_CREDENTIAL".to_owned(), message: "App id & secret is not valid".to_owned() }
    );
    assert_eq!(error.code(), None);
    assert_eq!(error.wire_code(), "INVALID_APP_CREDENTIAL");
    assert_eq!(error.http_status(), None);
    assert!(!error.is_retryable());
    assert_eq!(serde_json::to_string(&error).unwrap(), json);
}

#[test]
fn every_code_round_trips_through_the_wire_body() {
    for &code in ErrorCode::ALL {
        let message = code.message().replace("{{Error Message}}", "some detail");
        let error = Error::from(body(code.as_str(), &message));
        assert_eq!(error.code(), Some(code));
        assert!(!matches!(error, Error::Unmatched { .. }), "{code} did not match its template");
        assert_eq!(error.to_string(), message);
        assert_eq!(error.to_body(), body(code.as_str(), &message));
    }
}

#[test]
fn the_status_table() {
    let all: Vec<(u16, &str)> = HttpStatus::ALL.iter().map(|s| (s.status(), s.name())).collect();
    assert_eq!(
        all,
        [
            (400, "BAD_REQUEST"),
            (401, "UNAUTHORIZED"),
            (403, "NOT_ALLOW_API"),
            (404, "NOT_FOUND"),
            (405, "METHOD_NOT_ALLOWED"),
            (406, "NOT_ACCEPTABLE"),
            (429, "TOO_MANY_REQUESTS"),
            (500, "INTERNAL_SERVER_ERROR"),
            (503, "SERVICE_UNAVAILABLE"),
        ]
    );
    for &status in HttpStatus::ALL {
        assert_eq!(HttpStatus::from_status(status.status()), Some(status));
    }
    assert_eq!(HttpStatus::from_status(418), None);
    assert_eq!(HttpStatus::from_status(406), Some(HttpStatus::NotAcceptable));
    assert!(HttpStatus::NotAcceptable.has_error_body());
    assert!(HttpStatus::InternalServerError.has_error_body());
    assert!(!HttpStatus::ServiceUnavailable.has_error_body());
    assert_eq!(HttpStatus::NotAcceptable.to_string(), "406 NOT_ACCEPTABLE");
}

#[test]
fn retryability_per_status() {
    for status in [500, 503, 429] {
        assert!(HttpStatus::from_status(status).unwrap().is_retryable(), "{status}");
    }
    for status in [400, 401, 403, 404, 405, 406] {
        assert!(!HttpStatus::from_status(status).unwrap().is_retryable(), "{status}");
    }
}

#[test]
fn the_retry_decision() {
    // 503 has no body: the status decides.
    let outcome = Outcome::from_response(503, None);
    let expected = Outcome {
        http_status: 503,
        status: Some(HttpStatus::ServiceUnavailable),
        error: None,
        raw_body: None,
        retry: true,
        retry_after: None,
    };
    assert_eq!(outcome, expected);
    // The 500 codes are retryable.
    for code in ["INTERNAL_SERVER_ERROR", "MAINTENANCE", "ILLEGAL_STATE"] {
        let outcome = Outcome::from_response(500, Some(body(code, "x")));
        assert!(outcome.retry, "{code}");
        assert_eq!(outcome.error.as_ref().and_then(Error::code).map(ErrorCode::as_str), Some(code));
    }
    let illegal = Outcome::from_response(500, Some(body("ILLEGAL_STATE", "Illegal state: busy")));
    assert_eq!(illegal.error, Some(Error::IllegalState { error_message: "busy".to_owned() }));
    // The 406 codes are not.
    for &code in ErrorCode::ALL.iter().filter(|c| c.http_status() == 406) {
        let outcome = Outcome::from_response(406, Some(body(code.as_str(), code.message())));
        assert!(!outcome.retry, "{code}");
        assert_eq!(outcome.status, Some(HttpStatus::NotAcceptable));
    }
    // An unknown code falls back to the status.
    assert!(Outcome::from_response(500, Some(body("NEW_CODE", "?"))).retry);
    assert!(!Outcome::from_response(406, Some(body("NEW_CODE", "?"))).retry);
    // Statuses outside the table: the usual transient ones are retried.
    assert!(Outcome::from_response(502, None).retry);
    assert!(!Outcome::from_response(418, None).retry);
    assert_eq!(Outcome::from_response(418, None).status, None);
}

#[test]
fn http_status_codes() {
    assert_eq!(ErrorCode::NotFound.status_code(), http::StatusCode::NOT_ACCEPTABLE);
    assert_eq!(HttpStatus::ServiceUnavailable.status_code(), http::StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(HttpStatus::from_status_code(http::StatusCode::TOO_MANY_REQUESTS), Some(HttpStatus::TooManyRequests));
    let error = Error::IllegalState { error_message: String::new() };
    assert_eq!(error.status_code(), Some(http::StatusCode::INTERNAL_SERVER_ERROR));
}
