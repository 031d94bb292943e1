//! The hostile spec's generated code behaves, not only compiles.

use hostile_consumer::hostile::{Error, ErrorBody, ErrorCode, HttpStatus, Outcome};

fn body(code: &str, message: &str) -> ErrorBody {
    ErrorBody { code: code.to_owned(), message: message.to_owned() }
}

#[test]
fn escaped_names_keep_their_wire_codes() {
    assert_eq!(ErrorCode::Self_.as_str(), "SELF");
    assert_eq!(ErrorCode::Unknown_.as_str(), "UNKNOWN");
    assert_eq!(ErrorCode::Unmatched_.as_str(), "UNMATCHED");
    assert_eq!(ErrorCode::ErrorCode.as_str(), "ERROR_CODE");
    assert_eq!(ErrorCode::Option.as_str(), "OPTION");
    assert_eq!("weird.code-name".parse(), Ok(ErrorCode::WeirdCodeName));
    assert_eq!(ErrorCode::ALL.len(), 22);
    for &code in ErrorCode::ALL {
        assert_eq!(code.as_str().parse(), Ok(code));
        assert_eq!(serde_json::from_value::<ErrorCode>(serde_json::to_value(code).unwrap()).unwrap(), code);
    }
}

#[test]
fn strings_survive_verbatim() {
    assert_eq!(ErrorCode::Bidi.message(), "abc\u{202E}def\u{2066}ghi\u{2069}");
    assert_eq!(ErrorCode::Quotes.message(), "He said \"hi\" and 'bye' with a back\\slash \\");
    assert_eq!(ErrorCode::CommentBreaker.message(), "*/ closes /* a comment */ and // starts one");
    assert_eq!(Error::Quotes.to_string(), ErrorCode::Quotes.message());
    assert_eq!(ErrorCode::Invisible.message(), "zero\u{200B}width soft\u{AD}hyphen joiner\u{2060}here");
    assert_eq!(Error::from(body("BIDI", ErrorCode::Bidi.message())), Error::Bidi);
}

#[test]
fn keyword_parameters_and_literal_braces() {
    let error = Error::Type { r#type: "u8".to_owned(), self_: "me".to_owned() };
    assert_eq!(error.to_string(), "Bad u8 for me");
    assert_eq!(Error::from(error.to_body()), error);

    let option = Error::Option { f: "x".to_owned() };
    assert_eq!(option.to_string(), "Option x");

    let braces = Error::Braces { detail: "{d}".to_owned(), and: "&".to_owned() };
    assert_eq!(braces.to_string(), "Braces {} and {0} and {d} and & and {:?}");
    assert_eq!(Error::from(braces.to_body()), braces);
}

#[test]
fn parameters_named_like_locals() {
    let error = Error::Bindings {
        p1: "1".to_owned(),
        p0: "0".to_owned(),
        parts: "p".to_owned(),
        message: "m".to_owned(),
        code: "c".to_owned(),
        known: "k".to_owned(),
        body: "b".to_owned(),
    };
    assert_eq!(error.to_string(), "1/0/p/m/c/k/b");
    assert_eq!(Error::from(error.to_body()), error);
}

#[test]
fn repeated_and_touching_placeholders() {
    let error = Error::Repeated { a: "x".to_owned(), b: String::new(), c: "yz".to_owned() };
    assert_eq!(error.to_string(), "x then yz then x again");
    assert_eq!(Error::from(error.to_body()), error);
    // The two uses of {{A}} disagree: the message does not fit.
    let parsed = Error::from(body("REPEATED", "x then yz then w again"));
    assert_eq!(parsed, Error::Unmatched { code: ErrorCode::Repeated, message: "x then yz then w again".to_owned() });
}

#[test]
fn the_body_uses_the_spec_field_names() {
    let json = serde_json::to_string(&Error::Self_).unwrap();
    assert_eq!(json, r#"{"errorCode":"SELF","errorMessage":"Self is a keyword"}"#);
    let unknown: Error = serde_json::from_str(r#"{"errorCode":"NEW","errorMessage":"m"}"#).unwrap();
    assert_eq!(unknown, Error::Unknown { code: "NEW".to_owned(), message: "m".to_owned() });
    assert_eq!(Error::from(body("UNKNOWN", "Unknown")), Error::Unknown_);
}

#[test]
fn statuses_and_retry() {
    assert!(HttpStatus::Conflict.has_error_body());
    assert!(HttpStatus::ServiceUnavailable.is_retryable());
    let outcome = Outcome::from_response(409, Some(body("ERROR", "Error")));
    assert_eq!(outcome.error, Some(Error::Error));
    assert!(outcome.retry);
}

/// 300 codes are past the size where `from_wire` switches from a `match` to
/// the perfect hash, whose tables errgen computes at generation time: every
/// code must find itself at run time, and near misses must not.
#[test]
fn perfect_hash_lookup_finds_every_code_and_rejects_near_misses() {
    use hostile_consumer::many::{Error as ManyError, ErrorBody as ManyBody, ErrorCode as Many};
    assert_eq!(Many::ALL.len(), 300);
    for &code in Many::ALL {
        assert_eq!(Many::from_wire(code.as_str()), Some(code), "{}", code.as_str());
        assert_eq!(code.as_str().parse(), Ok(code));
    }
    for miss in ["", "CODE_", "CODE_300", "CODE_1 ", "code_1", "CODE_0\0", "CODE_2999"] {
        assert_eq!(Many::from_wire(miss), None, "{miss:?}");
    }
    let body = ManyBody { code: "CODE_42".to_owned(), message: "Failure 42: disk at rack 7".to_owned() };
    let error = ManyError::from(body);
    assert_eq!(error.to_string(), "Failure 42: disk at rack 7");
    assert_eq!(error.code().map(Many::as_str), Some("CODE_42"));
}

/// 135 codes `ERR_000`...`ERR_134` differ only in their last partial word,
/// the shape the first hash could not place (the families of code sets
/// are swept in `codegen/tests/lookup_families.rs`).
#[test]
fn sequential_codes_find_themselves() {
    use hostile_consumer::sequential::ErrorCode as Sequential;
    assert_eq!(Sequential::ALL.len(), 135);
    for &code in Sequential::ALL {
        assert_eq!(Sequential::from_wire(code.as_str()), Some(code), "{}", code.as_str());
    }
    for miss in ["ERR_135", "ERR_00", "ERR_0000", "ERR_13", "err_001", "ERR_001 "] {
        assert_eq!(Sequential::from_wire(miss), None, "{miss:?}");
    }
}
