//! Pages through the interventions of an Engage Digital domain and closes the first
//! open one.
//!
//! ```sh
//! ENGAGE_DOMAIN=acme ENGAGE_TOKEN=... cargo run -p engage-digital-client --example interventions
//! # or against any server, e.g. a local mock:
//! ENGAGE_TOKEN=test cargo run -p engage-digital-client --example interventions -- --base-url http://127.0.0.1:8080
//! ```

use std::process::ExitCode;

use engage_digital_client::{AccessToken, Client, Error, RetryPolicy};
use futures_util::StreamExt;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let token = std::env::var("ENGAGE_TOKEN").map_err(|_| "set ENGAGE_TOKEN")?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let builder = match args.as_slice() {
        [flag, url] if flag == "--base-url" => Client::builder().base_url(url),
        [] => {
            let domain = std::env::var("ENGAGE_DOMAIN")
                .map_err(|_| "set ENGAGE_DOMAIN, or pass --base-url URL")?;
            Client::builder().server_variable("domain", domain)
        }
        _ => return Err("usage: interventions [--base-url URL]".to_owned()),
    };
    let client = builder
        .token(AccessToken::new(token))
        // The API allows 500 requests a minute; stay under it and retry on 429.
        .max_requests_per_minute(500)
        .retry_policy(RetryPolicy::default().max_retries(5))
        .build()
        .map_err(|e| e.to_string())?;

    let mut interventions = client.get_all_interventions().stream();
    let mut open = None;
    let mut seen = 0;
    while let Some(intervention) = interventions.next().await {
        let intervention = intervention.map_err(|e| e.to_string())?;
        seen += 1;
        if open.is_none() && intervention.closed != Some(true) {
            open = Some(intervention.id);
        }
    }
    println!("{seen} interventions");

    let Some(id) = open else {
        println!("none is open");
        return Ok(());
    };
    match client.close_intervention(&id).await {
        Ok(closed) => println!("closed {}", closed.id),
        Err(Error::Api(e)) if e.is_forbidden() || e.is_conflict() => {
            println!(
                "{id} cannot be closed: {}",
                e.documented().unwrap_or_default()
            )
        }
        Err(e) => return Err(e.to_string()),
    }
    Ok(())
}
