//! The project's own fixtures: a small API exercising types, keywords and hostile
//! prose, and broken inputs that must fail with a clear, located error.

use std::fs;
use std::process::Command;

use crate::common::{compile, fixture};
use apibind::model::{Location, TypeRef};
use apibind::Config;

#[test]
fn pets_fixture_infers_wire_facts() {
    let loaded = Config::new().docs(fixture("pets")).load().unwrap();
    let api = &loaded.api;
    assert_eq!(api.title, "Pet Shop");
    assert_eq!(api.base_url.template, "http://localhost:8080/v2");
    let op = |name: &str| api.operations().find(|op| op.name == name).unwrap();

    let list = op("ListPets");
    let params: Vec<(&str, &str, String)> = list
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.wire_name.as_str(), p.ty.to_string()))
        .collect();
    assert_eq!(
        params,
        [
            ("type_", "type", "string".to_owned()),
            ("tags", "tags", "array<int32>".to_owned()),
            ("bornAfter", "born_after", "date-time".to_owned()),
            ("limit", "limit", "int64".to_owned()),
            ("vaccinated", "vaccinated", "bool".to_owned()),
            ("weight", "weight", "float".to_owned()),
        ]
    );
    let tags = &list.params[1];
    assert_eq!(
        tags.description.as_deref(),
        Some("Tag ids; a | b | c are all accepted.")
    );
    assert_eq!(list.params[3].default.as_deref(), Some("20"));
    assert_eq!(
        list.returns,
        Some(TypeRef::Array(Box::new(TypeRef::Named("Pet".into()))))
    );

    let get = op("GetPet");
    assert_eq!(get.params[0].location, Location::Path);
    assert_eq!(get.params[0].ty, TypeRef::Int64);
    assert_eq!(get.params[0].description.as_deref(), Some("The pet's id."));
    let description = get.description.as_deref().unwrap();
    assert!(
        description.contains("Note: this line is prose"),
        "{description}"
    );
    assert!(
        description.contains("indented lines are not code"),
        "{description}"
    );
    assert_eq!(
        get.errors
            .iter()
            .map(|e| e.status.to_string())
            .collect::<Vec<_>>(),
        ["404"]
    );

    let delete = op("DeletePet");
    assert_eq!(delete.returns, None);
    assert_eq!(delete.accept, None);
    assert_eq!(delete.errors[0].status.to_string(), "409");

    let pet = api.model("Pet").unwrap();
    let apibind::model::ModelKind::Struct { fields } = &pet.kind else {
        panic!("Pet is a struct")
    };
    let id = &fields[0];
    assert!(id.required && id.ty == TypeRef::Int64 && id.json_name == "id");
    assert!(fields.iter().skip(1).all(|f| !f.required));
    let ty = |name: &str| {
        fields
            .iter()
            .find(|f| f.name == name)
            .unwrap()
            .ty
            .to_string()
    };
    assert_eq!(ty("Scores"), "array<array<int32>>");
    assert_eq!(ty("Attributes"), "map<string>");
    assert_eq!(ty("Extra"), "map<any>");
    assert_eq!(ty("Owner"), "Owner");
    let weight = fields.iter().find(|f| f.name == "Weight").unwrap();
    assert_eq!(weight.default.as_deref(), Some("1.5"));
}

/// The generated crates of the fixtures build with clippy `-D warnings`, their docs
/// build with `-D warnings` and their tests pass. `pets` (openapi-generator 4.x docs)
/// has keywords, enums with odd values, nested arrays and empty responses; `hostile`
/// has prelude and client-method names, recursive models, a file download, seven
/// required parameters and prose full of markdown and HTML hazards; `store-b`
/// (swagger-codegen docs) a JSON body; `petstore-d` (openapi-generator 7 docs) JSON,
/// form and multipart bodies and a header, tested over HTTP by its `e2e/` tests.
#[test]
fn fixtures_generate_crates_that_pass_clippy_and_rustdoc() {
    for name in ["pets", "hostile", "store-b", "petstore-d"] {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join(name);
        Config::new()
            .docs(fixture(name))
            .crate_name(name)
            .write_crate(&dir)
            .unwrap();
        compile(&dir);
    }
}

#[test]
fn hostile_names_do_not_shadow_or_collide() {
    let (_, files) = Config::new()
        .docs(fixture("hostile"))
        .crate_name("hostile")
        .crate_files()
        .unwrap();
    let file = |name: &str| &files.iter().find(|(path, _)| path == name).unwrap().1;
    // Its code (prelude names not shadowed, `builder_2`, `add_2` and `clone_2` clear
    // of the client's and the traits' methods, a recursive model boxed, a download as
    // bytes) is the snapshot `it__generated__hostile.*`; it compiles with clippy in
    // `fixtures_generate_crates_that_pass_clippy_and_rustdoc`.
    // The crate docs' example calls the method by its allocated name.
    assert!(file("src/lib.rs").contains("client.builder_2().await?"));
    // The title is escaped in the crate docs.
    assert!(file("src/lib.rs").contains("//! # Hostile \\[v2\\] &lt;beta&gt; API client"));
}

/// Writes `files` into a fresh directory and loads it as docs.
fn load(files: &[(&str, &str)]) -> (tempfile::TempDir, Result<apibind::Loaded, apibind::Error>) {
    load_with(files, false)
}

/// [`load`], with `--strict` or not.
fn load_with(
    files: &[(&str, &str)],
    strict: bool,
) -> (tempfile::TempDir, Result<apibind::Loaded, apibind::Error>) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let result = Config::new().docs(dir.path()).strict(strict).load();
    (dir, result)
}

/// The warnings of a run that must succeed, rendered.
fn warnings(result: Result<apibind::Loaded, apibind::Error>) -> String {
    match result {
        Ok(loaded) => loaded.render_diagnostics(),
        Err(error) => panic!("expected a client with warnings, got {error}"),
    }
}

fn report(result: Result<apibind::Loaded, apibind::Error>) -> String {
    match result {
        Ok(_) => panic!("expected errors"),
        Err(apibind::Error::Invalid { report, .. }) => report,
        Err(other) => panic!("expected input errors, got {other}"),
    }
}

const MINIMAL_API: &str = "# \\ThingsApi\n\nAll URIs are relative to *https://api.example.com*\n\nMethod | HTTP request | Description\n--- | --- | ---\n[**GetThing**](ThingsApi.md#GetThing) | **Get** /things/{thingId} | Get a thing\n\n## GetThing\n\n> Thing GetThing(ctx, thingId)\nGet a thing\n\n### Required Parameters\n\nName | Type | Description  | Notes\n--- | --- | --- | ---\n**ctx** | **context.Context** | context\n**thingId** | **string**|  | \n\n### Return type\n\n[**Thing**](Thing.md)\n\n### HTTP request headers\n\n- **Content-Type**: Not defined\n- **Accept**: application/json\n";

/// A model no doc declares is read loosely, with a warning and a hint; `--strict`
/// makes that an error.
#[test]
fn undeclared_models_are_loose_with_a_hint_and_strict_errors() {
    let (_dir, result) = load(&[("ThingsApi.md", MINIMAL_API)]);
    let loaded = result.unwrap_or_else(|e| panic!("{e}"));
    let op = loaded.api.operations().next().unwrap();
    assert_eq!(op.returns, Some(TypeRef::Any));
    let text = loaded.render_diagnostics();
    assert!(
        text.contains(
            "`GetThing` returns: no doc or overlay declares `Thing`: read as any JSON value"
        ),
        "{text}"
    );
    assert!(text.contains("declare it under `models:`"), "{text}");
    assert!(text.contains("ThingsApi.md:9"), "{text}");

    let (_dir, result) = load_with(&[("ThingsApi.md", MINIMAL_API)], true);
    let report = report(result);
    assert!(
        report.contains("error: `GetThing` returns: no doc or overlay declares `Thing`"),
        "{report}"
    );
}

#[test]
fn unknown_overlay_keys_are_errors_at_their_line() {
    let overlay = "title: T\noperations:\n  GetThing:\n    retuns: Thing\n";
    let (_dir, result) = load(&[("ThingsApi.md", MINIMAL_API), ("apibind.yaml", overlay)]);
    let report = report(result);
    assert!(report.contains("unknown field `retuns`"), "{report}");
    assert!(report.contains("apibind.yaml:4"), "{report}");
    assert!(report.contains("retuns: Thing"), "{report}");
}

#[test]
fn overlay_names_that_match_nothing_are_errors() {
    let overlay = "operations:\n  GetThing:\n    params:\n      thingID:\n        wire_name: x\n  GetThings:\n    returns: string\nmodels:\n  Thing:\n    fields:\n      Id: { type: string, required: true }\n";
    let (_dir, result) = load(&[("ThingsApi.md", MINIMAL_API), ("apibind.yaml", overlay)]);
    let report = report(result);
    assert!(
        report.contains("`GetThing` has no parameter `thingID`"),
        "{report}"
    );
    assert!(report.contains("its parameters are: thingId"), "{report}");
    assert!(report.contains("apibind.yaml:4"), "{report}");
    assert!(
        report.contains("operation `GetThings`, which the docs do not document"),
        "{report}"
    );
    assert!(report.contains("apibind.yaml:6"), "{report}");
}

/// Every problem of a folder is reported with its place; by default each costs only
/// its item (the operation with an unknown method is left out, the unreadable type is
/// read loosely); with `--strict` they are errors and nothing is written.
#[test]
fn every_problem_of_a_folder_is_reported_and_strict_writes_nothing() {
    let broken = MINIMAL_API
        .replace("**Get** /things/{thingId}", "**Fetch** /things/{thingId}")
        .replace("ThingsApi", "BrokenApi");
    let bad_type = MINIMAL_API.replace("**string**|", "**two words**|");
    let (dir, _) = load(&[
        ("BrokenApi.md", &broken),
        ("ThingsApi.md", &bad_type),
        ("Thing.md", THING_MODEL),
    ]);
    let out = tempfile::tempdir().unwrap();
    let (loaded, summary) = Config::new()
        .docs(dir.path())
        .write_crate(&out.path().join("loose"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((summary.operations, summary.left_out), (1, 1));
    let text = loaded.render_diagnostics();
    assert!(
        text.contains("`GetThing` is left out: `Fetch` is not an HTTP method"),
        "{text}"
    );
    assert!(text.contains("BrokenApi.md:7"), "{text}");
    assert!(
        text.contains("`two words` is not a Go type: read as a string"),
        "{text}"
    );
    assert!(text.contains("ThingsApi.md:19"), "{text}");
    // The path parameter could not stay any JSON value: it is sent as text.
    let op = loaded.api.operations().next().unwrap();
    assert_eq!(op.params[0].ty, TypeRef::String);

    let result = Config::new()
        .docs(dir.path())
        .strict(true)
        .write_crate(&out.path().join("client"));
    let Err(apibind::Error::Invalid { report, errors }) = result else {
        panic!("expected errors")
    };
    assert!(errors >= 2, "{report}");
    assert!(report.contains("`Fetch` is not an HTTP method"), "{report}");
    assert!(report.contains("BrokenApi.md:7"), "{report}");
    assert!(report.contains("`two words` is not a Go type"), "{report}");
    assert!(report.contains("ThingsApi.md:19"), "{report}");
    assert!(!out.path().join("client").exists());
}

#[test]
fn an_empty_folder_is_an_error_not_an_empty_crate() {
    let (_dir, result) = load(&[]);
    assert!(report(result).contains("holds no API or model docs"));
}

#[test]
fn a_missing_folder_is_an_io_error_naming_it() {
    let result = Config::new().docs("/nonexistent/apibind-docs").load();
    let Err(error @ apibind::Error::Io { .. }) = result else {
        panic!("expected an I/O error")
    };
    assert!(error.to_string().contains("/nonexistent/apibind-docs"));
}

/// Two separate processes (different hash seeds) write the same bytes.
#[test]
fn generation_is_deterministic_across_processes() {
    let out = tempfile::tempdir().unwrap();
    let generate = |dir: &str| {
        let status = Command::new(env!("CARGO_BIN_EXE_apibind"))
            .args(["generate", "--docs"])
            .arg(fixture("hostile"))
            .arg("--out")
            .arg(out.path().join(dir))
            .output()
            .unwrap();
        assert!(status.status.success());
    };
    generate("a");
    generate("b");
    for file in [
        "Cargo.toml",
        "README.md",
        "src/lib.rs",
        "src/models.rs",
        "src/requests.rs",
    ] {
        let a = fs::read(out.path().join("a").join(file)).unwrap();
        let b = fs::read(out.path().join("b").join(file)).unwrap();
        assert!(a == b, "{file} differs between two runs");
    }
}

const THING_MODEL: &str = "# Thing\n\n## Properties\n\nName | Type | Description | Notes\n--- | --- | --- | ---\n**Id** | **string** |  | \n";

/// The section of a method-table row that cannot be read is left out with it, even
/// without a signature to say where it starts: never merged into the operation above.
#[test]
fn a_rejected_rows_section_is_not_merged_into_the_one_before() {
    let api = MINIMAL_API.replace(
        "| Get a thing\n",
        "| Get a thing\n[**Zap**](ThingsApi.md#Zap) | **Zap** /zap | Not a method\n",
    ) + "\n## Zap\n\n### Required Parameters\n\nName | Type | Description  | Notes\n--- | --- | --- | ---\n**volts** | **int32**|  | \n";
    let (_dir, result) = load(&[("ThingsApi.md", &api), ("Thing.md", THING_MODEL)]);
    let loaded = result.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.left_out, ["Zap"]);
    let get = loaded.api.operations().next().unwrap();
    let names: Vec<&str> = get.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["thingId"]);
}

/// A section the method table does not list has no method or path: it is left out
/// (an error with `--strict`), never merged into the section before it.
#[test]
fn a_section_missing_from_the_method_table_is_left_out_not_merged() {
    let api = format!(
        "{MINIMAL_API}\n## GetOther\n\n> Thing GetOther(ctx, other)\nGet another\n\n### Required Parameters\n\nName | Type | Description  | Notes\n--- | --- | --- | ---\n**other** | **string**|  | \n"
    );
    let files = [("ThingsApi.md", api.as_str()), ("Thing.md", THING_MODEL)];
    let (_dir, result) = load(&files);
    let loaded = result.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.left_out, ["GetOther"]);
    let get = loaded.api.operations().next().unwrap();
    assert_eq!(get.params.len(), 1, "{:?}", get.params);
    let (_dir, result) = load_with(&files, true);
    let report = report(result);
    assert!(
        report.contains("`GetOther` is left out: it has a section but no row in the method table"),
        "{report}"
    );
    assert!(report.contains("ThingsApi.md:30"), "{report}");
}

#[test]
fn real_doc_quirks_are_read() {
    // No blank line before the method table, a blank line between its rows and
    // between parameter rows, a note quote in the description, `### Parameters` with
    // `[optional]` notes, HTML entities escaped away from markdown.
    let api = "# \\ThingsApi\nAll URIs are relative to *https://api.example.com*\nMethod | HTTP request | Description\n--- | --- | ---\n[**GetThing**](ThingsApi.md#GetThing) | **Get** /things/{thingId} | Get a thing\n\n[**ListThings**](things_api.md#list_things) | **Get** /things | List things\n\n## GetThing\n\n> Thing GetThing(ctx, thingId)\nGet a thing\n\nFirst paragraph.\n\n> A note in a quote.\n\n### Parameters\n\nName | Type | Description  | Notes\n--- | --- | --- | ---\n**thingId** | **string**| The id | \n\n**verbose** | **bool**| It can be \\&quot;yes\\&quot; | [optional]\n**mode** | **optional.**| Lost its type | [optional]\n\n### Return type\n\n[**Thing**](Thing.md)\n\n## ListThings\n\n> []Thing ListThings(ctx)\n\n### Return type\n\n[**[]Thing**](Thing.md)\n";
    let model = "# Thing\n\n## Properties\nName | Type | Description | Notes\n--- | --- | --- | ---\n**Id** | [**string**](.md) |  | \n**Grid** | [**[][]int32**]([]int32.md) |  | [optional]\n";
    let (_dir, result) = load(&[("ThingsApi.md", api), ("Thing.md", model)]);
    let loaded = result.unwrap();
    let apibind::model::ModelKind::Struct { fields } = &loaded.api.model("Thing").unwrap().kind
    else {
        panic!()
    };
    assert_eq!(fields[0].ty, TypeRef::String);
    assert_eq!(fields[1].ty.to_string(), "array<array<int32>>");
    let ops: Vec<&apibind::model::Operation> = loaded.api.operations().collect();
    assert_eq!(ops.len(), 2);
    let get = ops[0];
    assert_eq!(get.summary.as_deref(), Some("Get a thing"));
    assert_eq!(
        get.description.as_deref(),
        Some("First paragraph.\n\nA note in a quote.")
    );
    let params: Vec<(&str, bool)> = get
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.required))
        .collect();
    assert_eq!(
        params,
        [("thingId", true), ("verbose", false), ("mode", false)]
    );
    // `**optional.**` names no type: a string, with a warning.
    assert_eq!(get.params[2].ty, TypeRef::String);
    assert_eq!(
        get.params[1].description.as_deref(),
        Some("It can be \"yes\"")
    );
    // The wrong link target of ListThings is a warning, not an error.
    let warnings: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("points at `#list_things`")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("`mode` has the type `optional.`")),
        "{warnings:?}"
    );
}

/// Two parameters that can only be the body leave their operation out, not the API;
/// a value that cannot travel where the overlay sends it is sent as text.
#[test]
fn parameters_that_cannot_travel_cost_only_their_operation() {
    // A POST: a GET's object parameters would be deepObject queries.
    let api = MINIMAL_API
        .replace(
            "**thingId** | **string**|  | \n",
            "**thingId** | **string**|  | \n**filter** | [**Thing**](Thing.md)|  | \n**tags** | **map[string]string**|  | \n",
        )
        .replace("**Get** /things", "**Post** /things");
    let other = MINIMAL_API
        .replace("GetThing", "GetOther")
        .replace("/things/{thingId}", "/others/{thingId}")
        .replace("ThingsApi", "OthersApi");
    let files = [
        ("ThingsApi.md", api.as_str()),
        ("OthersApi.md", other.as_str()),
        ("Thing.md", THING_MODEL),
    ];
    let (_dir, result) = load(&files);
    let loaded = result.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.left_out, ["GetThing"]);
    let names: Vec<&str> = loaded.api.operations().map(|op| op.name.as_str()).collect();
    assert_eq!(names, ["GetOther"]);
    let text = loaded.render_diagnostics();
    assert!(
        text.contains("`GetThing` is left out: it has more than one body parameter"),
        "{text}"
    );
    let (_dir, result) = load_with(&files, true);
    assert!(report(result).contains("error: `GetThing` is left out"));

    let overlay = "operations:\n  GetOther:\n    params:\n      q:\n        type: Thing\n        location: header\n";
    let with_q = other.replace(
        "**thingId** | **string**|  | \n",
        "**thingId** | **string**|  | \n**q** | **string**|  | \n",
    );
    let other_only = [
        ("OthersApi.md", with_q.as_str()),
        ("Thing.md", THING_MODEL),
        ("apibind.yaml", overlay),
    ];
    let (_dir, result) = load(&other_only);
    let text = warnings(result);
    assert!(
        text.contains("parameter `q` of `GetOther` has type `Thing`, which cannot travel in the header: sent as text"),
        "{text}"
    );
}

/// Rule `deep-object-query`: a GET with two object parameters sends them as
/// deepObject queries; with one, it stays the JSON body.
#[test]
fn a_gets_object_parameters_are_deep_object_queries() {
    let two = MINIMAL_API.replace(
        "**thingId** | **string**|  | \n",
        "**thingId** | **string**|  | \n**filter** | [**Thing**](Thing.md)|  | \n**page** | [**Thing**](Thing.md)|  | \n",
    );
    let (_dir, result) = load(&[("ThingsApi.md", two.as_str()), ("Thing.md", THING_MODEL)]);
    let loaded = result.unwrap_or_else(|e| panic!("{e}"));
    let op = loaded.api.operations().next().unwrap();
    let placed: Vec<String> = op
        .params
        .iter()
        .map(|p| format!("{} {:?} {}", p.wire_name, p.location, p.ty))
        .collect();
    assert_eq!(
        placed,
        [
            "thingId Path string",
            "filter Query map<string>",
            "page Query map<string>"
        ]
    );
    assert_eq!(op.body, apibind::model::Body::None);
    let one = MINIMAL_API.replace(
        "**thingId** | **string**|  | \n",
        "**thingId** | **string**|  | \n**filter** | [**Thing**](Thing.md)|  | \n",
    );
    let (_dir, result) = load(&[("ThingsApi.md", one.as_str()), ("Thing.md", THING_MODEL)]);
    let op = result.unwrap().api.operations().next().unwrap().clone();
    assert_eq!(op.body, apibind::model::Body::Json);
}

/// A model declared twice keeps its first declaration, a field repeating a JSON name
/// is left out: warnings by default, errors with `--strict`.
#[test]
fn models_that_would_not_compile_keep_their_first_declaration() {
    let twice = "# Thing\n\n## Properties\n\nName | Type | Description | Notes\n--- | --- | --- | ---\n**Id** | **string** |  | \n**ID** | **string** |  | [optional]\n";
    let files = [
        ("ThingsApi.md", MINIMAL_API),
        ("Thing.md", twice),
        ("Thing2.md", THING_MODEL),
    ];
    let (_dir, result) = load(&files);
    let loaded = result.unwrap_or_else(|e| panic!("{e}"));
    let things: Vec<_> = loaded
        .api
        .models
        .iter()
        .filter(|m| m.name == "Thing")
        .collect();
    assert_eq!(things.len(), 1);
    assert!(things[0].at.file.ends_with("Thing.md"));
    let text = loaded.render_diagnostics();
    assert!(
        text.contains("`ID` of `Thing` has the JSON name `id`, like the field at"),
        "{text}"
    );
    assert!(
        text.contains("model `Thing` is declared twice: the declaration at"),
        "{text}"
    );
    let (_dir, result) = load_with(&files, true);
    let report = report(result);
    assert!(
        report.contains("error: model `Thing` is declared twice"),
        "{report}"
    );
}

#[test]
fn a_parameter_named_like_the_token_parameter_is_an_error() {
    let api = MINIMAL_API.replace(
        "**thingId** | **string**|  | \n",
        "**thingId** | **string**|  | \n**accessToken** | **string**|  | \n",
    );
    let overlay = "auth:\n  - bearer\n  - query_param: access_token\n";
    let (_dir, result) = load(&[
        ("ThingsApi.md", &api),
        ("Thing.md", THING_MODEL),
        ("apibind.yaml", overlay),
    ]);
    let report = report(result);
    assert!(
        report.contains("the query parameter `access_token` carries the credential of auth scheme `access_token`"),
        "{report}"
    );
}

#[test]
fn a_misspelled_auth_scheme_is_an_error_at_its_item() {
    let overlay = "auth:\n  - bearer\n  - query_parm: x\n";
    let (_dir, result) = load(&[
        ("ThingsApi.md", MINIMAL_API),
        ("Thing.md", THING_MODEL),
        ("apibind.yaml", overlay),
    ]);
    let report = report(result);
    assert!(
        report.contains("`query_parm: x` is not an auth scheme"),
        "{report}"
    );
    assert!(report.contains("apibind.yaml:3"), "{report}");
    assert!(
        report.contains("expected `- bearer`, `- basic`, `- oauth2: NAME`, `- query_param: NAME`"),
        "{report}"
    );
}

fn api_doc(fixture_name: &str, file: &str) -> apibind::parse::markdown::ApiDoc {
    let path = fixture(fixture_name).join(file);
    let text = fs::read_to_string(&path).unwrap();
    let mut diagnostics = apibind::diagnostic::Diagnostics::new();
    let doc = apibind::parse::markdown::parse_doc(file, &text, None, &mut diagnostics);
    assert!(!diagnostics.has_errors(), "{diagnostics:?}");
    match doc {
        Some(apibind::parse::markdown::DocFile::Api(api)) => api,
        other => panic!("{other:?}"),
    }
}

#[test]
fn each_style_is_told_by_its_headings() {
    use apibind::parse::markdown::DocStyle;
    assert_eq!(
        api_doc("pets", "PetsApi.md").style,
        DocStyle::OpenApiGenerator4
    );
    assert_eq!(
        api_doc("store-b", "StoreApi.md").style,
        DocStyle::SwaggerCodegen
    );
    assert_eq!(
        api_doc("petstore-d", "PetAPI.md").style,
        DocStyle::OpenApiGenerator5
    );
    assert_eq!(
        api_doc("hostile", "HostileApi.md").style,
        DocStyle::OpenApiGenerator4
    );
}

#[test]
fn swagger_codegen_docs_are_read() {
    let loaded = Config::new().docs(fixture("store-b")).load().unwrap();
    let api = &loaded.api;
    let op = |name: &str| api.operations().find(|op| op.name == name).unwrap();
    let delete = op("DeleteOrder");
    assert_eq!(delete.params[0].ty, TypeRef::Int64);
    assert_eq!(delete.errors[0].status.to_string(), "409");
    let place = op("PlaceOrder");
    assert_eq!(place.params[0].location, Location::Body);
    assert_eq!(place.body, apibind::model::Body::Json);
    // `application/xml, application/json`: the client asks for what it decodes.
    assert_eq!(place.accept.as_deref(), Some("application/json"));
    let list = op("ListOrders");
    assert_eq!(
        list.params[0].enum_values,
        ["placed", "approved", "delivered"]
    );
    let apibind::model::ModelKind::Struct { fields } = &api.model("Order").unwrap().kind else {
        panic!()
    };
    // `[default to null]` means no default; `[default to false]` is one.
    assert!(fields
        .iter()
        .find(|f| f.name == "Id")
        .unwrap()
        .default
        .is_none());
    assert_eq!(
        fields
            .iter()
            .find(|f| f.name == "Complete")
            .unwrap()
            .default
            .as_deref(),
        Some("false")
    );
    assert_eq!(fields[2].json_name, "shipDate");
}

#[test]
fn openapi_generator_5_docs_are_read() {
    let loaded = Config::new().docs(fixture("petstore-d")).load().unwrap();
    let api = &loaded.api;
    let op = |name: &str| api.operations().find(|op| op.name == name).unwrap();
    let required = |name: &str| -> Vec<(String, bool, Location)> {
        op(name)
            .params
            .iter()
            .map(|p| (p.wire_name.clone(), p.required, p.location))
            .collect()
    };
    assert_eq!(
        required("AddPet"),
        [("pet".to_owned(), true, Location::Body)]
    );
    assert_eq!(
        required("FindPetsByStatus"),
        [("status".to_owned(), true, Location::Query)]
    );
    assert_eq!(
        required("UploadFile"),
        [
            ("petId".to_owned(), true, Location::Path),
            ("additionalMetadata".to_owned(), false, Location::Multipart),
            ("file".to_owned(), false, Location::Multipart)
        ]
    );
    assert_eq!(op("UploadFile").params[2].ty, TypeRef::Binary);
    assert_eq!(
        required("DeletePet"),
        [
            ("petId".to_owned(), true, Location::Path),
            ("api_key".to_owned(), false, Location::Header)
        ]
    );
    assert_eq!(op("UpdatePetWithForm").body, apibind::model::Body::Form);
    let status = api.model("PetStatus").unwrap();
    assert!(
        matches!(&status.kind, apibind::model::ModelKind::Enum { values } if values == &["available", "pending", "sold"])
    );
    let apibind::model::ModelKind::Struct { fields } = &api.model("Pet").unwrap().kind else {
        panic!()
    };
    let shape: Vec<(&str, String, bool)> = fields
        .iter()
        .map(|f| (f.json_name.as_str(), f.ty.to_string(), f.required))
        .collect();
    assert_eq!(
        shape,
        [
            ("id", "int64".to_owned(), false),
            ("category", "Category".to_owned(), false),
            ("name", "string".to_owned(), true),
            ("photoUrls", "array<string>".to_owned(), true),
            ("tags", "array<Tag>".to_owned(), false),
            ("status", "PetStatus".to_owned(), false),
        ]
    );
}

#[test]
fn diff_applies_the_overlay_to_the_docs_only() {
    // petstore-d's overlay corrects `DeletePet`, which the spec calls otherwise: that
    // is a difference to list, not an error.
    let differences = Config::new()
        .docs(fixture("petstore-d"))
        .spec(fixture("openapi/v3-petstore.yaml"))
        .diff()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!differences.is_empty());
}

#[test]
fn documented_operations_survive_a_spec_without_any() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("empty.yaml");
    fs::write(
        &spec,
        "openapi: 3.0.0\ninfo: {title: Store, version: '1'}\nservers: [{url: 'http://localhost/v1'}]\npaths: {}\n",
    )
    .unwrap();
    let loaded = Config::new()
        .docs(fixture("store-b"))
        .spec(&spec)
        .load()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.api.operations().count(), 3);
    let warnings = loaded
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("documented but not in the spec"))
        .count();
    assert!(warnings >= 3, "{warnings}");
}

/// Docs that name a scheme no README describes: the overlay declares it (no
/// warning then), and an operation the overlay marks `security: []` is public.
#[test]
fn the_overlay_declares_what_the_docs_only_name() {
    let api = MINIMAL_API.replace(
        "### HTTP request headers",
        "### Authorization\n\n[vault_key](../README.md#vault_key)\n\n### HTTP request headers",
    );
    let overlay = "auth:\n  - api_key: X-Vault-Key\n    scheme: vault_key\n";
    let (_dir, result) = load(&[
        ("ThingsApi.md", &api),
        ("Thing.md", THING_MODEL),
        ("apibind.yaml", overlay),
    ]);
    let loaded = result.unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !loaded.render_diagnostics().contains("vault_key"),
        "{}",
        loaded.render_diagnostics()
    );
    let scheme = loaded.api.scheme("vault_key").unwrap();
    assert_eq!(
        scheme.kind,
        apibind::model::AuthKind::ApiKey {
            location: apibind::model::KeyLocation::Header,
            key_name: "X-Vault-Key".into()
        }
    );
    let op = loaded.api.operations().next().unwrap();
    assert_eq!(op.security, Some(vec![vec!["vault_key".to_owned()]]));

    // Without the overlay the name is warned once; the operation falls back to the
    // API's default, the assumed bearer token.
    let (_dir, result) = load(&[("ThingsApi.md", &api), ("Thing.md", THING_MODEL)]);
    let loaded = result.unwrap_or_else(|e| panic!("{e}"));
    let text = loaded.render_diagnostics();
    assert!(text.contains("`vault_key`"), "{text}");
    let op = loaded.api.operations().next().unwrap();
    assert_eq!(op.security, None);
    assert_eq!(loaded.api.security, [["bearer"]]);

    // The overlay makes it public.
    let overlay = format!("{overlay}operations:\n  GetThing:\n    security: []\n");
    let (_dir, result) = load(&[
        ("ThingsApi.md", &api),
        ("Thing.md", THING_MODEL),
        ("apibind.yaml", &overlay),
    ]);
    let loaded = result.unwrap_or_else(|e| panic!("{e}"));
    let op = loaded.api.operations().next().unwrap();
    assert_eq!(op.security, Some(Vec::new()));
}
