//! Auth schemes read from an OpenAPI spec: the model, the generated code, and a
//! generated crate that must pass clippy `-D warnings`, rustdoc and its `e2e/` tests
//! over HTTP on loopback.
//!
//! `spec-auth` (the Vault API, a relative server) declares an API key in a header,
//! in the query and in a cookie, HTTP basic, HTTP bearer and OAuth2 (client
//! credentials), with a bearer token as the API-wide default. Its operations take
//! one scheme each, none (public), either of two (a key or OAuth2), two together (a
//! key and basic), or the default.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::common::{compile, crate_files, file, fixture, op, problems};
use apibind::model::{AuthKind, KeyLocation, OAuthFlow, Security};
use apibind::Config;
use apibind::Loaded;

fn spec() -> PathBuf {
    fixture("spec-auth").join("openapi.yaml")
}

fn load() -> Loaded {
    Config::new().spec(spec()).no_overlay().load().unwrap()
}

/// Each alternative as a list of scheme names.
fn security(alternatives: &[&[&str]]) -> Security {
    alternatives
        .iter()
        .map(|names| names.iter().map(|n| (*n).to_owned()).collect())
        .collect()
}

fn key(location: KeyLocation, name: &str) -> AuthKind {
    AuthKind::ApiKey {
        location,
        key_name: name.to_owned(),
    }
}

#[test]
fn every_scheme_and_requirement_is_read_from_the_spec() {
    let loaded = load();
    assert_eq!(problems(&loaded), Vec::<String>::new());
    let api = &loaded.api;
    assert_eq!(api.base_url.template, "/api");
    let declared: Vec<(&str, &AuthKind)> = api
        .auth
        .iter()
        .map(|s| (s.name.as_str(), &s.kind))
        .collect();
    let oauth = AuthKind::OAuth2 {
        flows: vec![OAuthFlow {
            flow: "client_credentials".to_owned(),
            authorization_url: None,
            token_url: Some("https://auth.vault.example/oauth/token".to_owned()),
            scopes: vec![("secrets:read".to_owned(), "Read secrets.".to_owned())],
        }],
    };
    assert_eq!(
        declared,
        [
            ("header_key", &key(KeyLocation::Header, "X-Api-Key")),
            ("query_key", &key(KeyLocation::Query, "api_key")),
            ("session_cookie", &key(KeyLocation::Cookie, "session")),
            ("basic", &AuthKind::Basic),
            ("bearer", &AuthKind::Bearer),
            ("oauth", &oauth),
        ]
    );
    assert_eq!(
        api.scheme("header_key").unwrap().description.as_deref(),
        Some("The account's API key.")
    );
    let takes_token: Vec<&str> = api
        .auth
        .iter()
        .filter(|s| s.takes_token())
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(takes_token, ["bearer", "oauth"]);
    assert_eq!(api.security, security(&[&["bearer"]]));

    let own: BTreeMap<&str, Option<Security>> = api
        .operations()
        .map(|op| (op.name.as_str(), op.security.clone()))
        .collect();
    let expected: BTreeMap<&str, Option<Security>> = BTreeMap::from([
        ("ReadWithHeaderKey", Some(security(&[&["header_key"]]))),
        ("ReadWithQueryKey", Some(security(&[&["query_key"]]))),
        ("ReadWithCookie", Some(security(&[&["session_cookie"]]))),
        ("ReadWithBasic", Some(security(&[&["basic"]]))),
        ("ReadWithBearer", Some(security(&[&["bearer"]]))),
        ("ReadWithOauth", Some(security(&[&["oauth"]]))),
        ("Health", Some(Vec::new())),
        (
            "ReadWithKeyOrOauth",
            Some(security(&[&["header_key"], &["oauth"]])),
        ),
        (
            "ReadWithKeyAndBasic",
            Some(security(&[&["header_key", "basic"]])),
        ),
        ("ReadWithDefault", None),
    ]);
    assert_eq!(own, expected);
    // The default applies where an operation states nothing; `security: []` stays
    // public.
    assert_eq!(
        api.security_of(op(api, "ReadWithDefault")),
        &security(&[&["bearer"]])
    );
    assert!(api.security_of(op(api, "Health")).is_empty());
}

/// Each scheme and each operation's requirements are declared in `requests.rs`
/// (the snapshot `it__generated__spec-auth-openapi.yaml.requests`, sent over HTTP by
/// the crate's tests); the credential types are exported.
#[test]
fn the_generated_crate_exports_every_credential_type() {
    let api = load().api;
    let files = crate_files(&api, "spec-auth");
    let lib = file(&files, "src/lib.rs");
    for export in ["AccessToken", "ApiKey", "TokenPlacement", "TokenProvider"] {
        assert!(
            lib.contains(&format!("{export},")) || lib.contains(&format!("{export}}}")),
            "no `{export}` in\n{lib}"
        );
    }
}

#[test]
fn the_auth_crate_passes_clippy_and_its_http_tests() {
    let api = load().api;
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("spec-auth");
    apibind::output::write_files(&dir, &crate_files(&api, "spec-auth")).unwrap();
    compile(&dir);
}

/// An API none of whose operations page gets neither the paging runtime nor its
/// `futures-util` dependency (the Engage client, which pages, has both).
#[test]
fn an_api_that_does_not_page_gets_no_paging_code() {
    let api = load().api;
    assert!(api.operations().all(|op| op.paging.is_none()));
    let files = crate_files(&api, "spec-auth");
    assert!(!files.iter().any(|(path, _)| path == "src/paging.rs"));
    let lib = file(&files, "src/lib.rs");
    assert!(
        !lib.contains("mod paging") && !lib.contains("Paged"),
        "{lib}"
    );
    let manifest = file(&files, "Cargo.toml");
    assert!(!manifest.contains("futures-util"), "{manifest}");
    assert!(manifest.contains("reqwest"), "{manifest}");
    let engage = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated-client/Cargo.toml"),
    )
    .unwrap();
    assert!(engage.contains("futures-util"), "{engage}");
}
