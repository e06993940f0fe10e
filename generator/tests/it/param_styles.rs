//! Every OpenAPI parameter style real specs use, read from specs into the model and
//! sent on the wire: `deepObject` and `form` objects in the query, `form` arrays with
//! and without `explode`, `pipeDelimited` and `spaceDelimited` arrays, comma-joined
//! path, header and cookie arrays, cookies in one `Cookie` header, `allowReserved`,
//! and Swagger 2.0's `collectionFormat`. The generated crate must pass clippy
//! `-D warnings` and rustdoc, and its `e2e/` tests assert, over HTTP on loopback,
//! exactly what goes on the wire.

use std::path::Path;

use crate::common::{compile, crate_files, file, fixture, op, problems};
use apibind::diagnostic::Severity;
use apibind::model::{Api, Location, ParamStyle};
use apibind::Config;

/// The API of the spec `file` of the `param-styles` fixture, read without a warning.
fn load_clean(file: &str) -> Api {
    let loaded = Config::new()
        .spec(fixture("param-styles").join(file))
        .load()
        .unwrap();
    let problems = problems(&loaded);
    assert!(problems.is_empty(), "{problems:#?}");
    loaded.api
}

/// (wire name, location, type, style, allow_reserved) of each parameter of `name`.
fn styles(api: &Api, name: &str) -> Vec<(String, Location, String, ParamStyle, bool)> {
    op(api, name)
        .params
        .iter()
        .map(|p| {
            (
                p.wire_name.clone(),
                p.location,
                p.ty.to_string(),
                p.style,
                p.allow_reserved,
            )
        })
        .collect()
}

fn row(
    wire: &str,
    location: Location,
    ty: &str,
    style: ParamStyle,
    reserved: bool,
) -> (String, Location, String, ParamStyle, bool) {
    (wire.to_owned(), location, ty.to_owned(), style, reserved)
}

#[test]
fn openapi_3_styles_are_read_into_the_model() {
    use Location::{Cookie, Header, Path, Query};
    use ParamStyle::*;
    let api = load_clean("openapi.yaml");
    let cases = [
        (
            "DeepObject",
            vec![row("filter", Query, "map<string>", Standard, false)],
        ),
        (
            "FormObject",
            vec![
                row("filter", Query, "map<string>", Flat, false),
                row("page", Query, "int32", Standard, false),
            ],
        ),
        (
            "JoinedObject",
            vec![row("point", Query, "map<int32>", CommaDelimited, false)],
        ),
        (
            "CommaList",
            vec![
                row("ids", Query, "array<int64>", CommaDelimited, false),
                row("tags", Query, "array<string>", CommaDelimited, false),
            ],
        ),
        (
            "PipeList",
            vec![row("ids", Query, "array<string>", PipeDelimited, false)],
        ),
        (
            "SpaceList",
            vec![row("ids", Query, "array<string>", SpaceDelimited, false)],
        ),
        (
            "RepeatedList",
            vec![
                row("ids", Query, "array<string>", Standard, false),
                row("also", Query, "array<string>", Standard, false),
            ],
        ),
        (
            "PathList",
            vec![
                row("ids", Path, "array<string>", Standard, false),
                row("X-Tags", Header, "array<string>", Standard, false),
                row("X-Count", Header, "int32", Standard, false),
            ],
        ),
        (
            "WithCookies",
            vec![
                row("session_id", Cookie, "string", Standard, false),
                row("theme", Cookie, "string", Standard, false),
                row("langs", Cookie, "array<string>", Standard, false),
                row("verbose", Query, "bool", Standard, false),
            ],
        ),
        (
            "ReservedQuery",
            vec![
                row("path", Query, "string", Standard, true),
                row("plain", Query, "string", Standard, false),
                row("urls", Query, "array<string>", CommaDelimited, true),
            ],
        ),
    ];
    for (name, expected) in cases {
        assert_eq!(styles(&api, name), expected, "{name}");
    }
}

#[test]
fn the_model_prints_a_style_only_when_it_is_not_the_usual_one() {
    let api = load_clean("openapi.yaml");
    let json = serde_json::to_value(op(&api, "ReservedQuery")).unwrap();
    let params = json["params"].as_array().unwrap();
    assert_eq!(params[0]["allow_reserved"], true);
    assert!(params[0].get("style").is_none(), "{}", params[0]);
    assert!(params[1].get("allow_reserved").is_none(), "{}", params[1]);
    assert_eq!(params[2]["style"], "comma_delimited");
    let json = serde_json::to_value(op(&api, "WithCookies")).unwrap();
    assert_eq!(json["params"][0]["location"], "cookie");
}

#[test]
fn swagger_2_collection_formats_are_read_into_the_model() {
    use Location::{Header, Query};
    use ParamStyle::*;
    let api = load_clean("swagger.yaml");
    assert_eq!(
        styles(&api, "ListCollections"),
        [
            row("csv", Query, "array<int32>", CommaDelimited, false),
            // csv is Swagger 2.0's default.
            row("plain", Query, "array<string>", CommaDelimited, false),
            row("ssv", Query, "array<string>", SpaceDelimited, false),
            row("tsv", Query, "array<string>", TabDelimited, false),
            row("pipes", Query, "array<string>", PipeDelimited, false),
            row("multi", Query, "array<string>", Standard, false),
            row("X-Ids", Header, "array<string>", Standard, false),
        ]
    );
    // Each style's `Call` method and its doc ("once, the values joined by spaces").
    let files = crate_files(&api, "collections");
    insta::assert_snapshot!("collections_requests", file(&files, "src/requests.rs"));
}

#[test]
fn unsupported_styles_are_warned_about_and_sent_the_usual_way() {
    let spec = r#"
openapi: 3.0.3
info: {title: Odd, version: "1"}
servers: [{url: "https://odd.example.com"}]
paths:
  /odd/{ids}:
    get:
      operationId: odd
      parameters:
        - {name: ids, in: path, required: true, style: matrix, schema: {type: array, items: {type: string}}}
        - {name: filter, in: query, style: pipeDelimited, schema: {type: object, additionalProperties: {type: string}}}
      responses:
        "204": {description: Done.}
"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.yaml");
    std::fs::write(&path, spec).unwrap();
    let loaded = Config::new().spec(&path).load().unwrap();
    let warnings: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.to_string())
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(
        warnings[0].contains("`style: matrix, explode: false`, which the client cannot send"),
        "{warnings:#?}"
    );
    assert!(warnings[1].contains("`filter[key]=value`"), "{warnings:#?}");
    let odd = op(&loaded.api, "Odd");
    assert!(odd.params.iter().all(|p| p.style == ParamStyle::Standard));
}

#[test]
fn the_param_styles_crate_passes_clippy_and_its_http_tests() {
    let api = load_clean("openapi.yaml");
    // Its code and docs are the snapshot `it__generated__param-styles-openapi.yaml.*`.
    let files = crate_files(&api, "param-styles");
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("param-styles");
    write(&dir, &files);
    compile(&dir);
}

fn write(dir: &Path, files: &[(String, String)]) {
    apibind::output::write_files(dir, files).unwrap();
}
