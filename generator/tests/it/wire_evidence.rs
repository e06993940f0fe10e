//! Wire facts from docs alone, by evidence (issue 22): each API's naming convention
//! chosen from its prose and path placeholders, headers by their names, uploads
//! without a `Content-Type`, and the spec an SDK checkout holds beside its docs.

use std::fs;
use std::process::Command;

use crate::common::{fixture, write_and_compile};
use apibind::infer::Conventions;
use apibind::model::Operation;
use apibind::Config;

fn op<'a>(loaded: &'a apibind::Loaded, name: &str) -> &'a Operation {
    loaded
        .api
        .operations()
        .find(|op| op.name == name)
        .unwrap_or_else(|| panic!("no operation `{name}`"))
}

/// Each parameter as `name location wire_name rule`.
fn wire(op: &Operation) -> Vec<String> {
    op.params
        .iter()
        .map(|p| {
            format!(
                "{} {} {} {:?}",
                p.name,
                p.location.as_str(),
                p.wire_name,
                p.wire_rule
            )
        })
        .collect()
}

fn warnings(loaded: &apibind::Loaded) -> Vec<String> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == apibind::diagnostic::Severity::Warning)
        .map(|d| d.message.clone())
        .collect()
}

fn conventions(loaded: &apibind::Loaded) -> &Conventions {
    loaded.conventions.as_ref().expect("docs read alone")
}

#[test]
fn camel_case_names_in_prose_send_names_as_documented() {
    let loaded = Config::new()
        .docs(fixture("wire-camel"))
        .no_overlay()
        .load()
        .unwrap();
    assert_eq!(warnings(&loaded), Vec::<String>::new());
    assert_eq!(
        conventions(&loaded).to_string(),
        "wire names: parameters as documented (camelCase) (3 names in prose); \
         JSON fields camelCase (2 names in prose)"
    );
    assert_eq!(
        wire(op(&loaded, "ListPlants")),
        [
            "gardenId path gardenId PathPlaceholder",
            "pageToken query pageToken Convention",
            "pageSize query pageSize Convention",
            "xRequestId header X-Request-Id HeaderPrefix",
            "acceptLanguage header Accept-Language HeaderRegistry",
        ]
    );
    assert_eq!(
        wire(op(&loaded, "GetGarden"))[1],
        "ifNoneMatch header If-None-Match HeaderRegistry"
    );
    let garden = loaded.api.model("PlantPage").unwrap();
    let apibind::model::ModelKind::Struct { fields } = &garden.kind else {
        panic!("PlantPage is a struct");
    };
    assert_eq!(fields[1].json_name, "nextPageToken");
}

#[test]
fn a_file_without_a_content_type_makes_a_multipart_upload() {
    let loaded = Config::new()
        .docs(fixture("wire-camel"))
        .no_overlay()
        .load()
        .unwrap();
    let upload = op(&loaded, "UploadPhoto");
    assert_eq!(upload.body, apibind::model::Body::Multipart);
    assert_eq!(
        wire(upload)[2..],
        [
            "photo multipart photo Convention",
            "takenAt multipart takenAt Convention"
        ]
    );
}

#[test]
fn the_overlay_naming_wins_over_the_evidence() {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(fixture("wire-camel")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    fs::write(
        dir.path().join("apibind.yaml"),
        "naming:\n  params: snake_case\nmodels:\n  Soil:\n    fields:\n      PhLevel:\n        type: double\n      Depth:\n        type: double\n        json: depth_cm\n",
    )
    .unwrap();
    let loaded = Config::new().docs(dir.path()).load().unwrap();
    assert_eq!(
        wire(op(&loaded, "ListPlants"))[1],
        "pageToken query page_token Convention"
    );
    let text = conventions(&loaded).to_string();
    assert!(
        text.starts_with(
            "wire names: parameters snake_case (the overlay's `naming:`); JSON fields camelCase"
        ),
        "{text}"
    );
    let soil = crate::common::fields(&loaded.api, "Soil");
    assert_eq!(
        soil[0].1, "phLevel",
        "the overlay's own models follow the convention the docs chose"
    );
    let explained = apibind::explain::wire_facts(&loaded);
    let depth = explained
        .lines()
        .find(|l| l.starts_with("Soil ") && l.contains(" Depth "))
        .unwrap_or_else(|| panic!("{explained}"));
    let words: Vec<&str> = depth.split_whitespace().collect();
    assert_eq!(
        words.join(" "),
        "Soil Depth json depth_cm stated by the overlay"
    );
}

#[test]
fn snake_case_placeholders_and_prose_send_snake_case() {
    let loaded = Config::new()
        .docs(fixture("wire-snake").join("docs"))
        .docs_only(true)
        .no_overlay()
        .load()
        .unwrap();
    assert_eq!(warnings(&loaded), Vec::<String>::new());
    assert_eq!(
        wire(op(&loaded, "ListTrees")),
        [
            "orchardId path orchard_id PathPlaceholder",
            "treeKind query tree_kind Convention",
            "pageToken query page_token Convention",
        ]
    );
    let text = conventions(&loaded).to_string();
    assert!(
        text.contains("parameters snake_case (1 name in prose)"),
        "{text}"
    );
    assert!(
        text.contains("JSON fields snake_case (1 name in prose)"),
        "{text}"
    );
}

#[test]
fn the_spec_beside_the_docs_states_the_wire_facts() {
    let docs = fixture("wire-snake").join("docs");
    let config = Config::new().docs(&docs).no_overlay();
    let spec = fixture("wire-snake").join("api/openapi.yaml");
    assert_eq!(config.spec_beside_docs(), Some(spec.clone()));
    assert!(
        config.input_paths().contains(&spec),
        "the build script watches it"
    );
    let loaded = config.load().unwrap();
    assert_eq!(
        wire(op(&loaded, "ListTrees"))[1],
        "treeKind query tree.kind Spec",
        "the spec's dotted name, which no docs can show"
    );
    assert!(loaded.conventions.is_none());
    let notes: Vec<&str> = loaded
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .filter(|m| m.contains("beside the docs"))
        .collect();
    assert_eq!(notes.len(), 1, "one note names the file");
    assert!(notes[0].contains("api/openapi.yaml"), "{}", notes[0]);

    let alone = Config::new().docs(&docs).docs_only(true).no_overlay();
    assert_eq!(alone.spec_beside_docs(), None);
    assert_eq!(
        wire(op(&alone.load().unwrap(), "ListTrees"))[1],
        "treeKind query tree_kind Convention"
    );
}

/// A Go docs folder of `operations`, each `(name, path, query parameter, prose)`.
fn go_docs(operations: &[(&str, &str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut page = String::from(
        "# \\ThingsAPI\n\nAll URIs are relative to *https://things.example.test*\n\n\
         Method | HTTP request | Description\n------------- | ------------- | -------------\n",
    );
    for (name, path, _, _) in operations {
        page += &format!("[**{name}**](ThingsAPI.md#{name}) | **Get** {path} | {name}\n");
    }
    for (name, path, query, prose) in operations {
        let placeholder = path.split('{').nth(1).and_then(|p| p.split('}').next());
        let path_param = placeholder
            .map(heck::ToLowerCamelCase::to_lower_camel_case)
            .map(|p| format!("**{p}** | **string** | The thing. | \n"))
            .unwrap_or_default();
        page += &format!(
            "\n\n## {name}\n\n> {name}(ctx).Execute()\n\n{name}\n\n{prose}\n\n### Path Parameters\n\n\n\
             Name | Type | Description  | Notes\n------------- | ------------- | ------------- | -------------\n\
             **ctx** | **context.Context** | context for authentication, logging, cancellation, deadlines, tracing, etc.\n\
             {path_param}\n### Other Parameters\n\n\n\
             Name | Type | Description  | Notes\n------------- | ------------- | ------------- | -------------\n\n \
             **{query}** | **string** | A filter. | \n\n### Return type\n\n (empty response body)\n\n\
             ### Authorization\n\nNo authorization required\n\n### HTTP request headers\n\n\
             - **Content-Type**: Not defined\n- **Accept**: Not defined\n"
        );
    }
    fs::write(dir.path().join("ThingsApi.md"), page).unwrap();
    dir
}

#[test]
fn thin_or_split_evidence_is_a_warning_and_strict_fails() {
    // One name in prose and nothing else: thin.
    let thin = go_docs(&[(
        "ListThings",
        "/things",
        "sortOrder",
        "Sorted by `sort_order`.",
    )]);
    let loaded = Config::new().docs(thin.path()).load().unwrap();
    assert_eq!(
        warnings(&loaded),
        ["parameter names: snake_case chosen on thin evidence (1 name in prose)"]
    );
    assert!(Config::new().docs(thin.path()).strict(true).load().is_err());

    // Names in prose say snake_case, three path placeholders camelCase.
    let split = go_docs(&[
        (
            "GetThing",
            "/things/{thingId}",
            "fieldSet",
            "Use `field_set`.",
        ),
        (
            "GetPart",
            "/parts/{partId}",
            "sortOrder",
            "Use `sort_order`.",
        ),
        ("GetBolt", "/bolts/{boltId}", "pageSize", "Use `page_size`."),
    ]);
    let loaded = Config::new().docs(split.path()).load().unwrap();
    assert_eq!(
        warnings(&loaded),
        ["parameter names: snake_case from 3 names in prose, although 3 path placeholders are camelCase"]
    );
    assert_eq!(op(&loaded, "GetBolt").params[1].wire_name, "page_size");

    // Placeholders alone decide when two agree: `{thingId}`, `{partId}`.
    let paths = go_docs(&[
        ("GetThing", "/things/{thingId}", "fieldSet", ""),
        ("GetPart", "/parts/{partId}", "sortOrder", ""),
    ]);
    let loaded = Config::new().docs(paths.path()).load().unwrap();
    assert_eq!(op(&loaded, "GetPart").params[1].wire_name, "sortOrder");
    assert_eq!(
        warnings(&loaded),
        ["parameter names: camelCase chosen on thin evidence (2 path placeholders)"]
    );

    // Nothing tells: snake_case, no warning, and the summary says why.
    let none = go_docs(&[("ListThings", "/things", "sortOrder", "")]);
    let loaded = Config::new().docs(none.path()).load().unwrap();
    assert_eq!(warnings(&loaded), Vec::<String>::new());
    assert_eq!(op(&loaded, "ListThings").params[0].wire_name, "sort_order");
    assert!(conventions(&loaded)
        .to_string()
        .starts_with("wire names: parameters snake_case (no evidence, the default)"));
}

#[test]
fn generate_prints_the_conventions_and_explain_the_rules() {
    let out = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_apibind"))
            .args(args)
            .output()
            .unwrap()
    };
    let camel = fixture("wire-camel");
    let generate = run(&[
        "generate",
        "--docs",
        camel.to_str().unwrap(),
        "--no-overlay",
        "--out",
        out.path().join("c").to_str().unwrap(),
    ]);
    assert!(generate.status.success());
    let stdout = String::from_utf8_lossy(&generate.stdout);
    assert!(
        stdout.contains("\nwire names: parameters as documented (camelCase) (3 names in prose)"),
        "{stdout}"
    );
    let explain = run(&["model", "--docs", camel.to_str().unwrap(), "--explain"]);
    assert!(explain.status.success());
    let text = String::from_utf8_lossy(&explain.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("wire names: "), "{text}");
    let row = |op: &str, param: &str| {
        lines
            .iter()
            .find(|l| l.split_whitespace().take(2).eq([op, param]))
            .map(|l| l.split_whitespace().skip(2).collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|| panic!("no row for {op}.{param}: {text}"))
    };
    assert_eq!(
        row("GetGarden", "ifNoneMatch"),
        "header If-None-Match a registered HTTP request header"
    );
    assert_eq!(
        row("ListPlants", "xRequestId"),
        "header X-Request-Id an x- header"
    );
    assert_eq!(
        row("ListPlants", "pageSize"),
        "query pageSize the API's naming convention"
    );
    assert_eq!(
        row("UploadPhoto", "bedNumber"),
        "path bedNumber the path's placeholder"
    );
    assert_eq!(
        lines[lines.len() - 2],
        "11 parameters: 4 the API's naming convention, 4 the path's placeholder, \
         2 a registered HTTP request header, 1 an x- header"
    );
    assert_eq!(
        row("PlantPage", "NextPageToken"),
        "json nextPageToken the API's naming convention"
    );
    assert_eq!(
        *lines.last().unwrap(),
        "9 JSON fields: 9 the API's naming convention"
    );
    let sides = fixture("wire-snake").join("docs");
    let explain = run(&[
        "model",
        "--docs",
        sides.to_str().unwrap(),
        "--explain",
        "--no-overlay",
    ]);
    let text = String::from_utf8_lossy(&explain.stdout);
    assert!(
        text.starts_with("wire names: stated by the spec\n"),
        "{text}"
    );
    assert!(String::from_utf8_lossy(&explain.stderr).contains("beside the docs"));
}

#[test]
fn camel_case_client_sends_what_the_evidence_says_over_http() {
    write_and_compile(&Config::new().docs(fixture("wire-camel")), "wire-camel");
}

#[test]
fn snake_case_docs_of_a_camel_case_api_send_camel_case_and_name_their_headers() {
    // Python prints `kennel_id`, the paths spell `{kennelId}` and `{dogId}`.
    let loaded = Config::new()
        .docs(fixture("wire-python"))
        .no_overlay()
        .load()
        .unwrap();
    assert_eq!(
        warnings(&loaded),
        [
            "parameter names: camelCase chosen on thin evidence (2 path placeholders)",
            "JSON field names: camelCase chosen on thin evidence (2 path placeholders)"
        ]
    );
    assert_eq!(
        wire(op(&loaded, "list_dogs")),
        [
            "kennel_id path kennelId PathPlaceholder",
            "sort_order query sortOrder Convention",
            "idempotency_key header Idempotency-Key HeaderRegistry",
            "cookie header Cookie HeaderRegistry",
        ]
    );
    assert_eq!(
        wire(op(&loaded, "release_dog"))[2],
        "api_key header api_key KeyHeader",
        "the README sends the `api_key` scheme in that header"
    );
    let dog = crate::common::fields(&loaded.api, "Dog");
    assert_eq!(dog[1].1, "birthDate");
}

#[test]
fn field_names_in_prose_speak_for_parameters_with_none_of_their_own() {
    let docs = go_docs(&[("ListThings", "/things", "sortOrder", "")]);
    fs::write(
        docs.path().join("Thing.md"),
        "# Thing\n\n## Properties\n\nName | Type | Description | Notes\n\
         ------------ | ------------- | ------------- | -------------\n\
         **CreatedAt** | **string** | Sent as &#x60;createdAt&#x60;. | \n\
         **UpdatedAt** | Pointer to **string** | Sent as &#x60;updatedAt&#x60;. | [optional] \n\
         **OwnerId** | Pointer to **string** | Sent as &#x60;ownerId&#x60;. | [optional] \n",
    )
    .unwrap();
    let loaded = Config::new().docs(docs.path()).load().unwrap();
    assert_eq!(warnings(&loaded), Vec::<String>::new());
    assert_eq!(
        conventions(&loaded).to_string(),
        "wire names: parameters as documented (camelCase) (3 field names in prose); \
         JSON fields camelCase (3 names in prose)"
    );
    assert_eq!(op(&loaded, "ListThings").params[0].wire_name, "sortOrder");
    assert_eq!(crate::common::fields(&loaded.api, "Thing")[2].1, "ownerId");
}

#[test]
fn coordinates_and_flags_are_no_headers() {
    let docs = go_docs(&[
        ("Crop", "/crop", "xOffset", ""),
        ("Trace", "/trace", "xTraceId", ""),
    ]);
    let loaded = Config::new().docs(docs.path()).load().unwrap();
    assert_eq!(
        wire(op(&loaded, "Crop")),
        ["xOffset query x_offset Convention"]
    );
    assert_eq!(
        wire(op(&loaded, "Trace")),
        ["xTraceId header X-Trace-Id HeaderPrefix"]
    );
    let flag = go_docs(&[("Fetch", "/fetch", "accept", "")]);
    let page = fs::read_to_string(flag.path().join("ThingsApi.md"))
        .unwrap()
        .replace("**accept** | **string**", "**accept** | **bool**");
    fs::write(flag.path().join("ThingsApi.md"), page).unwrap();
    let loaded = Config::new().docs(flag.path()).load().unwrap();
    assert_eq!(
        wire(op(&loaded, "Fetch")),
        ["accept query accept Convention"],
        "a flag is no header value"
    );
}
