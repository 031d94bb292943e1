//! A server whose handler returns the generated `Error`, and a client that
//! reads any response into an `Outcome` (README, "Servers and clients").

use axum::{extract::Path, routing::get, Router};
use http_consumer::{Error, Outcome};

async fn item(Path(id): Path<u32>) -> Result<String, Error> {
    if id == 7 {
        return Ok("a teapot".to_owned());
    }
    Err(Error::ItemNotFound { item_id: id.to_string() })
}

async fn get_item(client: &reqwest::Client, url: &str) -> Result<String, Box<dyn std::error::Error>> {
    let response = client.get(url).send().await?;
    let mut head = http::Response::builder().status(response.status());
    for (name, value) in response.headers() {
        head = head.header(name, value);
    }
    let response = head.body(response.bytes().await?)?;
    if response.status().is_success() {
        return Ok(String::from_utf8_lossy(response.body()).into_owned());
    }
    // The typed error, whether to retry, and the server's Retry-After.
    let outcome = Outcome::from_http_response(&response);
    Err(outcome)?
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/items", listener.local_addr()?);
    tokio::spawn(async { axum::serve(listener, Router::new().route("/items/{id}", get(item))).await });
    let client = reqwest::Client::new();
    println!("{}", get_item(&client, &format!("{url}/7")).await?);
    let error = get_item(&client, &format!("{url}/8")).await.unwrap_err();
    println!("{error}"); // HTTP 404 NOT_FOUND: ITEM_NOT_FOUND: Item 8 not found
    Ok(())
}
