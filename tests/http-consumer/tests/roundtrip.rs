//! The generated types on the wire: an axum server on 127.0.0.1 whose
//! handlers return `Result<_, Error>` (and statuses), and reqwest as the
//! client, whose responses `Outcome::from_http_response` classifies. Every
//! documented code and status, an unknown code, unlisted 5xx statuses,
//! bodies that are not the documented JSON and `Retry-After` in both forms.
//! Loopback only; every request is bounded by a timeout.

use std::time::{Duration, SystemTime};

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use http_consumer::{codes_only, status_only, Error, ErrorCode, HttpStatus, Outcome};
use serde_json::{json, Value};

/// An error of every documented code, with its parameters filled in.
fn sample(code: ErrorCode) -> Error {
    let s = |text: &str| text.to_owned();
    match code {
        ErrorCode::InvalidQuantity => Error::InvalidQuantity { quantity: s("-3") },
        ErrorCode::ItemNotFound => Error::ItemNotFound { item_id: s("7") },
        ErrorCode::VersionConflict => Error::VersionConflict { item_id: s("7"), expected: s("12") },
        ErrorCode::StorageFailed => Error::StorageFailed { reason: s("disk \"full\"") },
        ErrorCode::QuotaExceeded => Error::QuotaExceeded,
        other => panic!("no sample for {other}"),
    }
}

async fn error(Path(code): Path<String>) -> Result<&'static str, Error> {
    match code.parse::<ErrorCode>() {
        Ok(code) => Err(sample(code)),
        Err(_) => Err(Error::Unknown { code, message: "Something new".to_owned() }),
    }
}

async fn ok() -> Result<&'static str, Error> {
    Ok("fine")
}

async fn status(Path(status): Path<u16>) -> HttpStatus {
    HttpStatus::from_status(status).expect("a documented status")
}

/// A body that is not the documented JSON, at any status.
async fn raw(Path((status, kind)): Path<(u16, String)>) -> impl IntoResponse {
    let status = StatusCode::from_u16(status).unwrap();
    match kind.as_str() {
        "html" => (status, [(header::CONTENT_TYPE, "text/html")], b"<html><body>Bad gateway</body></html>".to_vec()),
        "other-json" => (status, [(header::CONTENT_TYPE, "application/json")], br#"{"error": {"id": 3}}"#.to_vec()),
        "bytes" => (status, [(header::CONTENT_TYPE, "application/octet-stream")], vec![0xff, 0xfe, b'{', 0x00]),
        // The documented JSON, at a status that does not carry the body.
        _ => (status, [(header::CONTENT_TYPE, "application/json")], br#"{"errorCode": "ITEM_NOT_FOUND", "errorMessage": "Item 7 not found"}"#.to_vec()),
    }
}

async fn retry_after(Path(kind): Path<String>) -> impl IntoResponse {
    let value = match kind.as_str() {
        "seconds" => "120".to_owned(),
        "date" => httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(90)),
        "past" => "Wed, 21 Oct 2015 07:28:00 GMT".to_owned(),
        _ => "soon".to_owned(),
    };
    (StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, value)])
}

/// The server on an ephemeral loopback port; its address.
async fn serve() -> String {
    let app = Router::new()
        .route("/ok", get(ok))
        .route("/error/{code}", get(error))
        .route("/status/{status}", get(status))
        .route("/raw/{status}/{kind}", get(raw))
        .route("/retry-after/{kind}", get(retry_after));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

/// A GET through reqwest, as the `http::Response` a client hands to
/// `Outcome::from_http_response`.
async fn fetch(client: &reqwest::Client, url: &str) -> http::Response<Vec<u8>> {
    let response = client.get(url).timeout(Duration::from_secs(10)).send().await.unwrap();
    let mut builder = http::Response::builder().status(response.status());
    for (name, value) in response.headers() {
        builder = builder.header(name, value);
    }
    builder.body(response.bytes().await.unwrap().to_vec()).unwrap()
}

fn json_body(response: &http::Response<Vec<u8>>) -> Value {
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    serde_json::from_slice(response.body()).unwrap()
}

/// What a client does with `?`: the outcome is an error value.
fn check(outcome: Outcome) -> Result<(), Box<dyn std::error::Error>> {
    if outcome.error.is_some() || outcome.http_status >= 400 {
        Err(outcome)?;
    }
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
async fn a_server_sends_every_error_and_a_client_reads_it_back() {
    tokio::time::timeout(Duration::from_secs(60), async {
        let base = serve().await;
        let client = reqwest::Client::new();

        let response = fetch(&client, &format!("{base}/ok")).await;
        assert_eq!((response.status(), response.body().as_slice()), (StatusCode::OK, &b"fine"[..]));
        let outcome = Outcome::from_http_response(&response);
        assert!(!outcome.retry && outcome.error.is_none() && outcome.raw_body.as_deref() == Some("fine"));
        assert!(check(outcome).is_ok());

        for &code in ErrorCode::ALL {
            let expected = sample(code);
            let response = fetch(&client, &format!("{base}/error/{}", code.as_str())).await;
            // The documented status; a code the docs give none goes out as 500.
            assert_eq!(response.status().as_u16(), code.http_status().unwrap_or(500), "{code}");
            // The spec's field names, the rendered message.
            let body = json_body(&response);
            assert_eq!(body, json!({"errorCode": code.as_str(), "errorMessage": expected.to_string()}), "{code}");

            let outcome = Outcome::from_http_response(&response);
            assert_eq!(outcome.error.as_ref(), Some(&expected), "{code}");
            assert_eq!(outcome.status, HttpStatus::from_status(response.status().as_u16()), "{code}");
            assert_eq!(outcome.retry, code.is_retryable(), "{code}: the code decides");
            assert_eq!((outcome.raw_body.as_deref(), outcome.retry_after), (None, None), "{code}");
            let shown = outcome.to_string();
            assert_eq!(
                shown,
                format!("HTTP {} {}: {}: {expected}", response.status().as_u16(), outcome.status.unwrap().name(), code.as_str())
            );
            let error = check(outcome).unwrap_err();
            assert_eq!(error.to_string(), shown);
            let source = std::error::Error::source(error.as_ref()).map(ToString::to_string);
            assert_eq!(source, Some(expected.to_string()), "{code}");
        }
        // The documented values pinned down, not only compared with themselves.
        let response = fetch(&client, &format!("{base}/error/VERSION_CONFLICT")).await;
        assert_eq!(response.status(), StatusCode::CONFLICT);
        assert_eq!(json_body(&response)["errorMessage"], "Item 7 changed: expected version 12");
        let response = fetch(&client, &format!("{base}/error/QUOTA_EXCEEDED")).await;
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!Outcome::from_http_response(&response).retry, "QUOTA_EXCEEDED is not retryable, at 500 too");

        // A code the spec does not know: 500, kept as `Unknown`, the status decides.
        let response = fetch(&client, &format!("{base}/error/BRAND_NEW")).await;
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(json_body(&response), json!({"errorCode": "BRAND_NEW", "errorMessage": "Something new"}));
        let outcome = Outcome::from_http_response(&response);
        assert_eq!(outcome.error, Some(Error::Unknown { code: "BRAND_NEW".into(), message: "Something new".into() }));
        assert!(outcome.retry, "500 is retryable in the status table");
    })
    .await
    .expect("the round trip finishes within a minute");
}

#[tokio::test(flavor = "current_thread")]
async fn every_status_unlisted_statuses_and_bodies_that_are_not_the_documented_json() {
    tokio::time::timeout(Duration::from_secs(60), async {
        let base = serve().await;
        let client = reqwest::Client::new();

        for &status in HttpStatus::ALL {
            let response = fetch(&client, &format!("{base}/status/{}", status.status())).await;
            assert_eq!(response.status().as_u16(), status.status(), "{status}");
            assert!(response.body().is_empty(), "{status}: a status alone has no body");
            let outcome = Outcome::from_http_response(&response);
            assert_eq!(outcome.status, Some(status));
            assert_eq!((outcome.error.as_ref(), outcome.raw_body.as_deref()), (None, None), "{status}");
            assert_eq!(outcome.retry, status.is_retryable(), "{status}");
            assert_eq!(outcome.to_string(), format!("HTTP {} {}", status.status(), status.name()));
        }
        assert_eq!(
            HttpStatus::ALL.iter().map(|s| (s.status(), s.is_retryable())).collect::<Vec<_>>(),
            [(400, false), (404, false), (409, false), (429, true), (500, true), (503, true)]
        );

        // Unlisted 5xx: the same statuses are retried as the TypeScript's and
        // OpenAPI's (502 and 504 yes, 507 no); the body is kept raw.
        for (status, retry) in [(502, true), (504, true), (507, false)] {
            let response = fetch(&client, &format!("{base}/raw/{status}/html")).await;
            let outcome = Outcome::from_http_response(&response);
            assert_eq!((outcome.http_status, outcome.status, outcome.retry), (status, None, retry), "{status}");
            assert_eq!(outcome.raw_body.as_deref(), Some("<html><body>Bad gateway</body></html>"));
            assert_eq!(outcome.error, None);
            assert_eq!(outcome.to_string(), format!("HTTP {status}"));
        }

        // Where the status carries the error body but the body is something else.
        let response = fetch(&client, &format!("{base}/raw/500/html")).await;
        let outcome = Outcome::from_http_response(&response);
        assert_eq!((outcome.error.as_ref(), outcome.retry), (None, true));
        assert_eq!(outcome.raw_body.as_deref(), Some("<html><body>Bad gateway</body></html>"));
        let response = fetch(&client, &format!("{base}/raw/404/other-json")).await;
        let outcome = Outcome::from_http_response(&response);
        assert_eq!((outcome.error.as_ref(), outcome.raw_body.as_deref()), (None, Some(r#"{"error": {"id": 3}}"#)));
        let response = fetch(&client, &format!("{base}/raw/409/bytes")).await;
        let outcome = Outcome::from_http_response(&response);
        assert_eq!((outcome.error.as_ref(), outcome.raw_body.as_deref()), (None, Some("\u{fffd}\u{fffd}{\0")));
        // The documented JSON at a status without the error body is not read.
        let response = fetch(&client, &format!("{base}/raw/429/documented")).await;
        let outcome = Outcome::from_http_response(&response);
        assert_eq!((outcome.error.as_ref(), outcome.retry), (None, true));
        assert!(outcome.raw_body.unwrap().contains("ITEM_NOT_FOUND"));
        // And where it is, it is.
        let response = fetch(&client, &format!("{base}/raw/404/documented")).await;
        let outcome = Outcome::from_http_response(&response);
        assert_eq!(outcome.error, Some(Error::ItemNotFound { item_id: "7".into() }));
    })
    .await
    .expect("the requests finish within a minute");
}

#[tokio::test(flavor = "current_thread")]
async fn retry_after_in_seconds_and_as_a_date() {
    tokio::time::timeout(Duration::from_secs(60), async {
        let base = serve().await;
        let client = reqwest::Client::new();
        let retry_after = |kind: &'static str| {
            let (client, url) = (client.clone(), format!("{base}/retry-after/{kind}"));
            async move {
                let outcome = Outcome::from_http_response(&fetch(&client, &url).await);
                assert!(outcome.retry && outcome.status == Some(HttpStatus::ServiceUnavailable), "{kind}");
                outcome.retry_after
            }
        };
        assert_eq!(retry_after("seconds").await, Some(Duration::from_secs(120)));
        let wait = retry_after("date").await.expect("an HTTP date is read");
        // HTTP dates have whole seconds; the request took some time.
        assert!(wait > Duration::from_secs(80) && wait <= Duration::from_secs(90), "{wait:?}");
        assert_eq!(retry_after("past").await, Some(Duration::ZERO));
        assert_eq!(retry_after("garbage").await, None);
    })
    .await
    .expect("the requests finish within a minute");
}

/// The other two shapes of the spec: a status table alone (every body is
/// kept raw) and codes without a status table (any 4xx or 5xx body is read).
#[tokio::test(flavor = "current_thread")]
async fn status_only_and_codes_only_specs_read_responses_too() {
    let response = |status: u16, body: &str| http::Response::builder().status(status).body(body.to_owned()).unwrap();
    let outcome = status_only::Outcome::from_http_response(&response(503, "down"));
    assert_eq!(outcome.status, Some(status_only::HttpStatus::ServiceUnavailable));
    assert_eq!((outcome.retry, outcome.raw_body.as_deref()), (true, Some("down")));
    let outcome = status_only::Outcome::from_http_response(&response(404, ""));
    assert_eq!((outcome.retry, outcome.raw_body.as_deref()), (false, None));
    assert_eq!(outcome.to_string(), "HTTP 404 NOT_FOUND");

    let gone = r#"{"code": "GONE", "message": "Gone since Monday"}"#;
    let outcome = codes_only::Outcome::from_http_response(&response(410, gone));
    assert_eq!(outcome.error, Some(codes_only::Error::Gone { date: "Monday".into() }));
    assert!(!outcome.retry);
    let outcome = codes_only::Outcome::from_http_response(&response(429, r#"{"code": "BUSY", "message": "Busy"}"#));
    assert_eq!((outcome.error, outcome.retry), (Some(codes_only::Error::Busy), true));
    let outcome = codes_only::Outcome::from_http_response(&response(502, "<html>"));
    assert_eq!((outcome.error, outcome.retry, outcome.raw_body.as_deref()), (None, true, Some("<html>")));

    // axum: a status-only spec's statuses are responses; a body's status
    // falls back to 500 where the code has none.
    let sent = status_only::HttpStatus::NotFound.into_response();
    assert_eq!(sent.status(), StatusCode::NOT_FOUND);
    assert_eq!(codes_only::Error::Busy.into_response().status(), StatusCode::INTERNAL_SERVER_ERROR);
}
