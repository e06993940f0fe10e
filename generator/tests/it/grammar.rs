//! One fixture of the project's own (`fixtures/grammar`) holding each construct of
//! the Go doc templates that real folders use: pointer and `Nullable` types, enum
//! models as parameters, map-style optionals, composed names without a doc, one
//! operation in two API files, placeholders named unlike their parameter, arrays in
//! the path, maps and nested arrays in the query, raw and text bodies, inline-object
//! forms, and an operation nothing can generate, which costs only itself.

use std::collections::BTreeMap;

use crate::common::{compile, fixture, op, params, row};
use apibind::diagnostic::Severity;
use apibind::model::{Api, AuthKind, Body, KeyLocation, Location, ModelKind, OAuthFlow, TypeRef};
use apibind::{Config, Loaded};

fn load() -> Loaded {
    Config::new()
        .docs(fixture("grammar"))
        .load()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn field_type(api: &Api, model: &str, field: &str) -> (String, bool) {
    let Some(ModelKind::Struct { fields }) = api.model(model).map(|m| &m.kind) else {
        panic!("{model} is no struct")
    };
    let f = fields.iter().find(|f| f.name == field).unwrap();
    (f.ty.to_string(), f.required)
}

#[test]
fn pointer_and_nullable_types() {
    let api = load().api;
    // `[***Gardener**](Gardener.md)` and `[**[]*Plant**](Plant.md)`.
    assert_eq!(
        field_type(&api, "Bed", "Gardener"),
        ("Gardener".into(), false)
    );
    assert_eq!(
        field_type(&api, "Bed", "Plants"),
        ("array<Plant>".into(), false)
    );
    // `NullableString`, `NullableTime` and `NullableGardener` are nullable values of
    // their type; `HiredAt` is required all the same (sent as `null` when unset).
    assert_eq!(
        field_type(&api, "Gardener", "Nickname"),
        ("string".into(), false)
    );
    assert_eq!(
        field_type(&api, "Gardener", "HiredAt"),
        ("date-time".into(), true)
    );
    assert_eq!(
        field_type(&api, "Gardener", "Mentor"),
        ("Gardener".into(), false)
    );
    assert_eq!(
        field_type(&api, "Gardener", "Name"),
        ("string".into(), true)
    );
    let nullable = |field: &str| match api.model("Gardener").map(|m| &m.kind) {
        Some(ModelKind::Struct { fields }) => {
            fields.iter().find(|f| f.name == field).unwrap().nullable
        }
        _ => unreachable!(),
    };
    assert!(nullable("Nickname") && nullable("HiredAt") && nullable("Mentor"));
    assert!(!nullable("Name"));
}

#[test]
fn composed_names_without_a_doc() {
    let loaded = load();
    let api = &loaded.api;
    // `AllOfBedGardener` ends in one declared model's name: that model.
    assert_eq!(field_type(api, "Bed", "Keeper"), ("Gardener".into(), false));
    // `OneOfBedDecoration` fits none: any JSON value, with a warning.
    assert_eq!(field_type(api, "Bed", "Decoration"), ("any".into(), false));
    assert!(loaded
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Warning
            && d.message.contains("`OneOfBedDecoration`")
            && d.at
                .as_ref()
                .is_some_and(|at| at.file.ends_with("Bed.md") && at.line == 10)));
    // A model doc without properties says nothing of its JSON: any JSON value.
    let height = api.model("Height").unwrap();
    assert!(matches!(
        &height.kind,
        ModelKind::Alias { ty: TypeRef::Any }
    ));
}

#[test]
fn map_style_optionals_are_one_parameter_each() {
    let api = load().api;
    assert_eq!(
        params(op(&api, "PlantSeeds")),
        [
            row("bedId", "bedId", Location::Path, "string", true),
            row("count", "count", Location::Query, "int32", true),
            row("depth", "depth", Location::Query, "float", false),
        ]
    );
}

#[test]
fn enum_models_maps_and_nested_arrays_as_parameters() {
    let api = load().api;
    assert_eq!(
        params(op(&api, "FindPlants")),
        [
            row("colour", "colour", Location::Query, "Colour", true),
            row("labels", "labels", Location::Query, "map<string>", false),
            row(
                "grid",
                "grid",
                Location::Query,
                "array<array<int32>>",
                false
            ),
            row("shades", "shades", Location::Query, "array<Colour>", false),
        ]
    );
    assert_eq!(
        params(op(&api, "PlantsByColour")),
        [row("colour", "colour", Location::Path, "Colour", true)]
    );
    assert_eq!(
        params(op(&api, "GetBeds")),
        [row(
            "bedIds",
            "bedIds",
            Location::Path,
            "array<int64>",
            true
        )]
    );
}

#[test]
fn placeholder_named_unlike_its_parameter_is_bound_by_position() {
    let loaded = load();
    assert_eq!(
        params(op(&loaded.api, "GetBed")),
        [row("id", "bed_id", Location::Path, "int64", true)]
    );
    let warning = loaded
        .diagnostics
        .iter()
        .find(|d| d.kind == Some("path placeholder bound by elimination"))
        .unwrap();
    assert!(warning.message.contains("`{bed_id}`"), "{warning}");
}

#[test]
fn bodies_of_every_kind() {
    let api = load().api;
    // No Content-Type, a model parameter: the JSON body.
    let save = op(&api, "SavePlant");
    assert_eq!(save.body, Body::Json);
    assert_eq!(
        params(save),
        [row("body", "body", Location::Body, "Plant", true)]
    );
    // Raw bytes with their media type.
    let upload = op(&api, "UploadArchive");
    assert_eq!(
        (upload.body, upload.content_type.as_deref()),
        (Body::Binary, Some("application/zip"))
    );
    assert_eq!(
        params(upload),
        [row("archive", "archive", Location::Body, "binary", true)]
    );
    // Text, whatever its prose says of its values.
    let note = op(&api, "AddNote");
    assert_eq!(
        (note.body, note.content_type.as_deref()),
        (Body::Text, None)
    );
    assert_eq!(
        params(note),
        [
            row("plantId", "plantId", Location::Path, "int64", true),
            row("note", "note", Location::Body, "string", true),
        ]
    );
    assert!(note.params[1].enum_values.is_empty());
    // A JSON `Content-Type` printed for a GET or a DELETE makes no body of a lone
    // parameter: a query parameter, and a placeholder bound by elimination.
    assert_eq!(
        params(op(&api, "ListNotes")),
        [row("tag", "tag", Location::Query, "string", true)]
    );
    assert_eq!(
        params(op(&api, "DeleteBed")),
        [row("id", "bed_id", Location::Path, "int64", true)]
    );
    // An inline object as a multipart or form body: its fields are the parts.
    assert_eq!(
        params(op(&api, "AddPhoto")),
        [
            row("plantId", "plantId", Location::Path, "int64", true),
            row("Caption", "caption", Location::Multipart, "string", false),
            row("Photo", "photo", Location::Multipart, "binary", true),
        ]
    );
    assert_eq!(
        params(op(&api, "Rename")),
        [
            row("plantId", "plantId", Location::Path, "int64", true),
            row("NewName", "new_name", Location::Form, "string", true),
            row("Reason", "reason", Location::Form, "string", false),
        ]
    );
}

#[test]
fn an_operation_in_two_api_files() {
    let api = load().api;
    let names = |group: &str| -> Vec<String> {
        api.groups
            .iter()
            .find(|g| g.name == group)
            .unwrap()
            .operations
            .iter()
            .map(|op| op.name.clone())
            .collect()
    };
    // Identical: one method, in the first file's group.
    assert!(names("Garden").contains(&"Water".to_owned()));
    assert!(!names("Tools").contains(&"Water".to_owned()));
    // Different: both, named after their API.
    assert!(names("Garden").contains(&"GardenPrune".to_owned()));
    assert_eq!(names("Tools"), ["ToolsPrune"]);
    assert_eq!(op(&api, "ToolsPrune").params.len(), 2);
}

/// The degrade policy: the one operation that cannot be generated is left out with a
/// warning naming why, the summary counts it, the rest is generated, and `--strict`
/// refuses the folder instead.
#[test]
fn one_broken_operation_costs_only_itself() {
    let loaded = load();
    assert_eq!(loaded.left_out, ["Broken"]);
    assert_eq!(loaded.api.operations().count(), 15);
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for d in loaded.diagnostics.iter() {
        assert_ne!(d.severity, Severity::Error, "{d}");
        if d.severity == Severity::Warning {
            *kinds.entry(d.kind.unwrap_or("-")).or_default() += 1;
        }
    }
    assert_eq!(
        kinds,
        BTreeMap::from([
            ("model without properties, read as any JSON", 1),
            ("operation documented twice, differently", 1),
            ("operation left out", 2),
            ("path placeholder bound by elimination", 2),
            ("undeclared model, read loosely", 1),
        ])
    );
    let left_out = loaded
        .diagnostics
        .iter()
        .find(|d| d.kind == Some("operation left out"))
        .unwrap();
    assert_eq!(
        left_out.to_string(),
        format!(
            "warning: {}:290: `Broken` is left out: the path `/broken/{{a}}/{{b}}` has `{{a}}` but no path parameter of that name",
            fixture("grammar").join("GardenApi.md").display()
        )
    );

    let out = tempfile::tempdir().unwrap();
    let (_, summary) = Config::new()
        .docs(fixture("grammar"))
        .write_crate(out.path())
        .unwrap();
    assert!(
        summary
            .to_string()
            .starts_with("15 operations (1 left out), 7 models, 0 errors, 7 warnings"),
        "{summary}"
    );

    match Config::new().docs(fixture("grammar")).strict(true).load() {
        Err(apibind::Error::Invalid { errors, report }) => {
            assert_eq!(errors, 7, "{report}");
            assert!(report.contains("`Broken` is left out"), "{report}");
        }
        other => panic!("a strict run must fail: {other:?}"),
    }
}

/// The client of every construct passes clippy `-D warnings` and rustdoc, and its
/// wiremock tests (`fixtures/grammar/e2e/wire.rs`) check what each puts on the wire.
#[test]
fn grammar_client_compiles_cleanly() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("grammar");
    Config::new()
        .docs(fixture("grammar"))
        .crate_name("garden-client")
        .write_crate(&dir)
        .unwrap_or_else(|e| panic!("{e}"));
    compile(&dir);
}

/// The SDK of `fixtures/grammar/auth-sdk`, read through `path` (its `docs/` folder or
/// its root).
fn load_auth_sdk(path: &str) -> Loaded {
    Config::new()
        .docs(fixture("grammar/auth-sdk").join(path))
        .load()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Each operation's security, by name.
fn securities(api: &Api) -> BTreeMap<String, Option<Vec<Vec<String>>>> {
    api.operations()
        .map(|op| (op.name.clone(), op.security.clone()))
        .collect()
}

/// `Some` of one alternative per scheme named.
fn any_of(names: &[&str]) -> Option<Vec<Vec<String>>> {
    Some(names.iter().map(|n| vec![n.to_string()]).collect())
}

/// README.md beside `docs/` declares an API key in a header, HTTP basic, OAuth (with
/// its flow and scopes) and an API key that older templates print without its name
/// and location, which cannot be sent. Each operation's `### Authorization` names
/// the schemes it accepts, any one of them; `No authorization required` is public;
/// a scheme the README does not declare (usably) is dropped, with one warning.
#[test]
fn auth_schemes_come_from_the_readme_beside_docs() {
    let loaded = load_auth_sdk("docs");
    let api = &loaded.api;
    let readme = fixture("grammar/auth-sdk/README.md");
    let declared: Vec<(&str, &AuthKind, String)> = api
        .auth
        .iter()
        .map(|s| (s.name.as_str(), &s.kind, s.at.to_string()))
        .collect();
    let at = |line: usize| format!("{}:{line}", readme.display());
    let oauth = AuthKind::OAuth2 {
        flows: vec![OAuthFlow {
            flow: "implicit".into(),
            authorization_url: Some("https://greenhouse.example.test/oauth/authorize".into()),
            token_url: None,
            scopes: vec![
                ("trays:write".into(), "sow and clear trays".into()),
                ("trays:read".into(), "look at the trays".into()),
            ],
        }],
    };
    let header_key = AuthKind::ApiKey {
        location: KeyLocation::Header,
        key_name: "X-Vent-Key".into(),
    };
    assert_eq!(
        declared,
        [
            ("vent_key", &header_key, at(20)),
            ("keeper_login", &AuthKind::Basic, at(26)),
            ("seed_oauth", &oauth, at(35)),
        ]
    );
    assert!(api.security.is_empty());
    assert_eq!(
        securities(api),
        BTreeMap::from([
            ("OpenVents".to_owned(), any_of(&["vent_key"])),
            ("ListKeepers".to_owned(), any_of(&["keeper_login"])),
            ("Sow".to_owned(), any_of(&["seed_oauth", "vent_key"])),
            ("Forecast".to_owned(), Some(Vec::new())),
            ("Frost".to_owned(), None),
            ("Heat".to_owned(), any_of(&["keeper_login"])),
        ])
    );
    let docs = fixture("grammar/auth-sdk/docs/GreenhouseApi.md");
    // Each warning's place and message (the help, which says how to declare the
    // scheme instead, is left out).
    let warnings: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| format!("{}: {}", d.at.as_ref().unwrap(), d.message))
        .collect();
    let undeclared = |line: usize, name: &str| {
        format!(
            "{}:{line}: auth scheme `{name}` (1 operation) is declared neither by README.md \
             beside docs/ nor by the overlay's `auth:`: its operations fall back to the API's \
             default credentials",
            docs.display()
        )
    };
    assert_eq!(
        warnings,
        [
            format!(
                "{}: API key scheme `old_boiler_key` states neither its parameter name nor its \
                 location, so the key cannot be sent: it is left out",
                at(51)
            ),
            undeclared(130, "frost_token"),
            undeclared(153, "old_boiler_key"),
        ]
    );
    let help = loaded.diagnostics.iter().next().unwrap().help.clone();
    assert!(help.unwrap().contains("in: header"));
}

/// Given the SDK's root (README.md beside `docs/`), the docs are `docs/*.md` and the
/// README is read: the same model as from `docs/`.
#[test]
fn an_sdk_root_reads_its_docs_folder_and_readme() {
    let from_root = load_auth_sdk("");
    let from_docs = load_auth_sdk("docs");
    assert_eq!(from_root.api.operations().count(), 6);
    assert_eq!(from_root.api.auth, from_docs.api.auth);
    assert_eq!(securities(&from_root.api), securities(&from_docs.api));
    assert_eq!(
        from_root.diagnostics.count(Severity::Warning),
        from_docs.diagnostics.count(Severity::Warning)
    );
    let inputs = Config::new()
        .docs(fixture("grammar/auth-sdk"))
        .input_paths();
    assert!(
        inputs.contains(&fixture("grammar/auth-sdk/README.md")),
        "{inputs:?}"
    );
    assert!(
        inputs.contains(&fixture("grammar/auth-sdk/docs/GreenhouseApi.md")),
        "{inputs:?}"
    );
}

/// Docs whose operations name no scheme (`No authorization required` throughout, or no
/// `### Authorization` at all) keep the bearer token assumed so far, and every
/// operation the API's default.
#[test]
fn docs_naming_no_scheme_assume_a_bearer_token() {
    let api = load().api;
    assert_eq!(
        api.auth
            .iter()
            .map(|s| (s.name.as_str(), &s.kind))
            .collect::<Vec<_>>(),
        [("bearer", &AuthKind::Bearer)]
    );
    assert!(api.operations().all(|op| op.security.is_none()));
}

/// swagger-codegen 2.4's petstore docs name four schemes, but no README lies beside
/// them: one warning per scheme, at its first use, counting its operations; their
/// operations get the API's default and the others are public. Read with their spec,
/// they warn of nothing: the spec declares the schemes.
#[test]
fn petstore_docs_without_a_readme_warn_once_per_scheme() {
    let Some(dir) = crate::common::corpus_folder("petstore-samples") else {
        return;
    };
    let docs = dir.join("swagger-codegen-2.4/docs");
    let loaded = Config::new()
        .docs(&docs)
        .no_overlay()
        .load()
        .unwrap_or_else(|e| panic!("{e}"));
    let undeclared: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.kind == Some("undeclared auth scheme"))
        .map(|d| d.to_string())
        .collect();
    let at = |file: &str, line: usize| format!("warning: {}:{line}: ", docs.join(file).display());
    let expected = [
        (at("FakeApi.md", 257), "http_basic_test", "1 operation"),
        (
            at("FakeClassnameTags123Api.md", 29),
            "api_key_query",
            "1 operation",
        ),
        (at("PetApi.md", 36), "petstore_auth", "7 operations"),
        (at("PetApi.md", 157), "api_key", "2 operations"),
    ];
    assert_eq!(undeclared.len(), expected.len(), "{undeclared:#?}");
    for ((place, scheme, count), warning) in expected.iter().zip(&undeclared) {
        assert!(
            warning.starts_with(place) && warning.contains(&format!("`{scheme}` ({count})")),
            "{warning}"
        );
    }
    let api = &loaded.api;
    for (_, scheme, _) in expected {
        assert!(api.scheme(scheme).is_none(), "{scheme}");
    }
    let count = |security: Option<Vec<Vec<String>>>| {
        api.operations()
            .filter(|op| op.security == security)
            .count()
    };
    assert_eq!((count(None), count(Some(Vec::new()))), (11, 21));

    // With the spec they came from, which declares the schemes, nothing is missing.
    let merged = Config::new()
        .docs(&docs)
        .spec(dir.join("swagger-codegen-2.4/petstore-with-fake-endpoints-models-for-testing.yaml"))
        .no_overlay()
        .load()
        .unwrap_or_else(|e| panic!("{e}"));
    let missing: Vec<String> = merged
        .diagnostics
        .iter()
        .filter(|d| d.kind == Some("undeclared auth scheme"))
        .map(|d| d.to_string())
        .collect();
    assert_eq!(missing, Vec::<String>::new());
    assert!(merged.api.scheme("petstore_auth").is_some());
}
