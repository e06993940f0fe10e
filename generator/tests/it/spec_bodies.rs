//! Request and response bodies of every kind, and servers of every kind, read from
//! OpenAPI specs (issue 11): the model, and generated crates that must pass clippy
//! `-D warnings`, rustdoc and their `e2e/` tests over HTTP on loopback.
//!
//! `spec-bodies` (the Files API, a relative server) has raw bytes
//! (`application/octet-stream`, `application/zip`, an unknown
//! `application/vnd.custom+xml`), text (`text/plain`, `text/csv`), JSON of a top-level
//! array and of a scalar, several media types where JSON is preferred or, without
//! JSON, the first the client knows; responses as JSON, text and bytes.
//! `spec-servers` (the Regions API) has variables in the scheme, the host and the
//! port, with defaults and `enum`s, and a second server; `none.yaml` has no servers;
//! `relative-v2.yaml` is Swagger 2.0 with no `host` and binary and text bodies.

use std::path::{Path, PathBuf};

use crate::common::{compile, crate_files, file, fixture};
use apibind::diagnostic::Severity;
use apibind::model::{Api, Body, Location, Operation, TypeRef};
use apibind::Config;
use apibind::Loaded;

fn spec(folder: &str, file: &str) -> PathBuf {
    fixture(folder).join(file)
}

fn load(path: PathBuf) -> Loaded {
    Config::new().spec(path).no_overlay().load().unwrap()
}

/// The messages of the diagnostics of `severity` or worse.
fn problems(loaded: &Loaded, severity: Severity) -> Vec<String> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity >= severity)
        .map(|d| d.message.clone())
        .collect()
}

fn op<'a>(api: &'a Api, name: &str) -> &'a Operation {
    api.operations()
        .find(|op| op.name == name)
        .unwrap_or_else(|| panic!("no operation `{name}`"))
}

/// An operation's body: its encoding, media type, the body parameter's type and
/// whether it is required.
fn body(api: &Api, name: &str) -> (Body, Option<String>, Option<(String, bool)>) {
    let op = op(api, name);
    let bodies: Vec<_> = op
        .params
        .iter()
        .filter(|p| p.location == Location::Body)
        .collect();
    assert!(bodies.len() <= 1, "{name}: {bodies:?}");
    let param = bodies.first().map(|p| (p.ty.to_string(), p.required));
    (op.body, op.content_type.clone(), param)
}

/// An operation's decoded type and accepted media type.
fn returns(api: &Api, name: &str) -> (Option<String>, Option<String>) {
    let op = op(api, name);
    (
        op.returns.as_ref().map(TypeRef::to_string),
        op.accept.clone(),
    )
}

fn some(text: &str) -> Option<String> {
    Some(text.to_owned())
}

fn param(ty: &str, required: bool) -> Option<(String, bool)> {
    Some((ty.to_owned(), required))
}

fn write_and_compile(api: &Api, name: &str) {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join(name);
    write(&dir, &crate_files(api, name));
    compile(&dir);
}

fn write(dir: &Path, files: &[(String, String)]) {
    apibind::output::write_files(dir, files).unwrap();
}

#[test]
fn every_body_kind_is_read_from_the_spec() {
    let loaded = load(spec("spec-bodies", "openapi.yaml"));
    assert_eq!(
        problems(&loaded, Severity::Warning),
        Vec::<String>::new(),
        "every body of the spec is supported"
    );
    let api = &loaded.api;
    assert_eq!(api.base_url.template, "/api/v1");
    assert!(api.base_url.is_relative());
    assert_eq!(
        body(api, "UploadBlob"),
        (Body::Binary, None, param("binary", true)),
        "octet-stream is the bytes' default type"
    );
    assert_eq!(
        body(api, "UploadArchive"),
        (Body::Binary, some("application/zip"), param("binary", true))
    );
    assert_eq!(
        body(api, "SetNote"),
        (Body::Text, None, param("string", true)),
        "text/plain is the text default"
    );
    assert_eq!(
        body(api, "ImportReport"),
        (Body::Text, some("text/csv"), param("string", false))
    );
    assert_eq!(
        body(api, "ReplaceTags"),
        (Body::Json, None, param("array<string>", true))
    );
    assert_eq!(
        body(api, "SetCounter"),
        (Body::Json, None, param("int32", true))
    );
    assert_eq!(
        body(api, "UploadDocument"),
        (
            Body::Binary,
            some("application/vnd.custom+xml"),
            param("binary", true)
        ),
        "an unknown media type is the caller's bytes"
    );
    assert_eq!(
        body(api, "CreatePet"),
        (Body::Json, None, param("Pet", true)),
        "JSON is preferred"
    );
    assert_eq!(
        body(api, "PostMessage"),
        (Body::Text, some("text/markdown"), param("string", true)),
        "without JSON, the first media type the client knows"
    );
    assert_eq!(body(api, "GetPhoto"), (Body::None, None, None));

    assert_eq!(returns(api, "UploadBlob"), (None, None));
    assert_eq!(
        returns(api, "UploadArchive"),
        (some("Archive"), some("application/json"))
    );
    assert_eq!(
        returns(api, "SetNote"),
        (some("string"), some("text/plain"))
    );
    assert_eq!(
        returns(api, "ImportReport"),
        (
            some("binary"),
            some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )
    );
    assert_eq!(
        returns(api, "ReplaceTags"),
        (some("array<int64>"), some("application/json"))
    );
    assert_eq!(
        returns(api, "SetCounter"),
        (some("int32"), some("application/json"))
    );
    assert_eq!(
        returns(api, "UploadDocument"),
        (some("binary"), some("application/xml"))
    );
    assert_eq!(
        returns(api, "CreatePet"),
        (some("Pet"), some("application/json"))
    );
    assert_eq!(
        returns(api, "GetPhoto"),
        (some("binary"), some("image/png"))
    );
    assert_eq!(
        returns(api, "ExportCsv"),
        (some("string"), some("text/csv"))
    );
}

/// How each body and answer travels is the snapshot
/// `it__generated__spec-bodies-openapi.yaml.requests`, and the crate's tests send
/// them over HTTP; a relative server gives no constructor that assumes one.
#[test]
fn a_relative_server_gives_no_default_constructor() {
    let api = load(spec("spec-bodies", "openapi.yaml")).api;
    assert_eq!(api.base_url.template, "/api/v1");
    let files = crate_files(&api, "spec-bodies");
    let requests = file(&files, "src/requests.rs");
    assert!(!requests.contains("pub fn new("), "{requests}");
    assert!(requests.contains("pub fn with_base_url("), "{requests}");
}

#[test]
fn the_bodies_crate_passes_clippy_and_its_http_tests() {
    let api = load(spec("spec-bodies", "openapi.yaml")).api;
    write_and_compile(&api, "spec-bodies");
}

#[test]
fn server_variables_keep_their_defaults_and_values() {
    let loaded = load(spec("spec-servers", "openapi.yaml"));
    assert_eq!(problems(&loaded, Severity::Warning), Vec::<String>::new());
    let base = &loaded.api.base_url;
    assert_eq!(base.template, "{protocol}://{host}:{port}/v2");
    let variables: Vec<(&str, Option<&str>, Vec<&str>)> = base
        .variables
        .iter()
        .map(|v| {
            (
                v.name.as_str(),
                v.default.as_deref(),
                v.values.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        variables,
        [
            ("protocol", Some("https"), vec!["http", "https"]),
            (
                "host",
                Some("api.example.com"),
                vec!["api.example.com", "eu.api.example.com", "127.0.0.1"]
            ),
            ("port", Some("443"), vec![]),
        ]
    );
    let host = &base.variables[1];
    assert_eq!(host.description.as_deref(), Some("The region's host."));
    let notes = problems(&loaded, Severity::Note);
    assert!(
        notes
            .iter()
            .any(|n| n.contains("lists 2 servers: the client uses the first")),
        "{notes:?}"
    );
    // Every variable has a default, so `Client::new` uses them: the snapshot
    // `it__generated__spec-servers-openapi.yaml.requests`.
}

#[test]
fn the_servers_crate_passes_clippy_and_its_http_tests() {
    let api = load(spec("spec-servers", "openapi.yaml")).api;
    write_and_compile(&api, "spec-servers");
}

/// No `servers` is like a relative `/`: a warning, not an error, and a client whose
/// caller gives the server.
#[test]
fn a_spec_without_servers_gives_a_client_without_a_default_server() {
    let loaded = load(spec("spec-servers", "none.yaml"));
    let warnings = problems(&loaded, Severity::Warning);
    assert_eq!(
        warnings,
        ["#: the spec has no `servers`: the client has no default server, callers give one with `Client::builder().base_url(...)` (or set `base_url` in the overlay)"]
    );
    assert_eq!(loaded.api.base_url.template, "/");
    let files = crate_files(&loaded.api, "none");
    let requests = file(&files, "src/requests.rs");
    assert!(!requests.contains("pub fn new("), "{requests}");
    assert!(requests.contains("pub fn with_base_url("), "{requests}");
    let lib = file(&files, "src/lib.rs");
    assert!(
        lib.contains("Client::with_base_url(\"https://api.example.com\""),
        "{lib}"
    );
}

/// Swagger 2.0: no `host` gives the relative `basePath`; an `in: body` parameter of
/// `format: binary` is bytes of the operation's (else the default) media type, a
/// string consumed as `text/plain` is text.
#[test]
fn swagger_2_bodies_and_a_relative_base_path() {
    let loaded = load(spec("spec-servers", "relative-v2.yaml"));
    assert_eq!(problems(&loaded, Severity::Warning), Vec::<String>::new());
    let api = &loaded.api;
    assert_eq!(api.base_url.template, "/base");
    assert_eq!(
        body(api, "PutFile"),
        (Body::Binary, some("application/pdf"), param("binary", true))
    );
    assert_eq!(
        body(api, "PutRaw"),
        (Body::Binary, None, param("binary", true)),
        "the spec-wide `consumes` says only JSON: octet-stream"
    );
    assert_eq!(
        body(api, "PutText"),
        (Body::Text, None, param("string", true))
    );
    assert_eq!(
        returns(api, "PutText"),
        (some("string"), some("text/plain"))
    );
}
