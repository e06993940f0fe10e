//! With the `tracing` feature, every request is a span that names the operation,
//! method, path template, status and attempt, and never holds the token.
#![cfg(feature = "tracing")]

use std::sync::{Arc, Mutex};

use engage_digital::{AccessToken, Client};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Records every span field, as text.
#[derive(Clone, Default)]
struct Fields(Arc<Mutex<Vec<(String, String)>>>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0
            .lock()
            .unwrap()
            .push((field.name().to_owned(), format!("{value:?}")));
    }
}

/// A subscriber with one span at a time, which knows when it is entered (so that
/// `Span::current()` finds it).
struct Recorder {
    fields: Fields,
    span: Mutex<Option<&'static Metadata<'static>>>,
    entered: Mutex<bool>,
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        span.record(&mut self.fields.clone());
        *self.span.lock().unwrap() = Some(span.metadata());
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        values.record(&mut self.fields.clone());
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, _: &Event<'_>) {}
    fn enter(&self, _: &Id) {
        *self.entered.lock().unwrap() = true;
    }
    fn exit(&self, _: &Id) {
        *self.entered.lock().unwrap() = false;
    }
    fn current_span(&self) -> tracing_core::span::Current {
        match (*self.entered.lock().unwrap(), *self.span.lock().unwrap()) {
            (true, Some(metadata)) => tracing_core::span::Current::new(Id::from_u64(1), metadata),
            _ => tracing_core::span::Current::none(),
        }
    }
}

#[tokio::test]
async fn each_request_is_a_span_without_the_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "iv-1"})))
        .mount(&server)
        .await;
    let fields = Fields::default();
    let _guard = tracing::subscriber::set_default(Recorder {
        fields: fields.clone(),
        span: Mutex::new(None),
        entered: Mutex::new(false),
    });
    let client = Client::with_base_url(server.uri(), AccessToken::new("s3cret-token")).unwrap();
    client.get_intervention("iv-1").await.unwrap();
    let recorded = fields.0.lock().unwrap().clone();
    let value = |name: &str| {
        recorded
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(value("operation").as_deref(), Some("\"GetIntervention\""));
    assert_eq!(value("method").as_deref(), Some("GET"));
    assert_eq!(
        value("path").as_deref(),
        Some("\"/interventions/{interventionId}\"")
    );
    assert_eq!(value("status").as_deref(), Some("200"));
    assert_eq!(value("attempt").as_deref(), Some("1"));
    assert!(
        recorded.iter().all(|(_, v)| !v.contains("s3cret")),
        "{recorded:?}"
    );
}
