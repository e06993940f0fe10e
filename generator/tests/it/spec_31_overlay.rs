//! OpenAPI 3.1 and OAI Overlay 1.0.
//!
//! `openapi-31` (the Zoo API) holds each construct 3.1 adds to 3.0 once: type lists
//! with `null` and of several types, `const`, `examples` in schemas, `$ref` with
//! siblings, `prefixItems`, `webhooks` and a `jsonSchemaDialect` of its own.
//! `oai-overlay` is a small 3.0 spec and an OAI Overlay that updates a description,
//! adds a parameter and removes an operation, applied before the spec is read.

use apibind::diagnostic::{Diagnostics, Severity};
use apibind::model::{Api, ModelKind, TypeRef};
use std::path::Path;

use crate::common::{fixture, op, params, write_and_compile};
use apibind::Config;

/// Each diagnostic of `severity` on one line, as the CLI prints it without the
/// quoted source.
fn lines(diagnostics: &Diagnostics, severity: Severity) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| d.to_string())
        .collect()
}

/// (name, JSON name, type, required, nullable, description) of each field of `model`.
fn fields(api: &Api, model: &str) -> Vec<(String, String, String, bool, bool, Option<String>)> {
    match &api.model(model).unwrap().kind {
        ModelKind::Struct { fields } => fields
            .iter()
            .map(|f| {
                (
                    f.name.clone(),
                    f.json_name.clone(),
                    f.ty.to_string(),
                    f.required,
                    f.nullable,
                    f.description.clone(),
                )
            })
            .collect(),
        other => panic!("{model} is {other:?}"),
    }
}

/// Diagnostics of `severity` with the fixture directory's path cut, so that
/// assertions do not depend on the machine.
fn short(diagnostics: &Diagnostics, severity: Severity, dir: &Path) -> Vec<String> {
    let prefix = format!("{}/", dir.display()).replace('\\', "/");
    lines(diagnostics, severity)
        .into_iter()
        .map(|line| line.replace(&prefix, ""))
        .collect()
}

fn zoo() -> Config {
    Config::new().spec(fixture("openapi-31").join("openapi.yaml"))
}

#[test]
fn openapi_31_constructs_read_into_the_model() {
    let loaded = zoo().load().unwrap();
    let api = &loaded.api;
    let s = |text: &str| Some(text.to_owned());
    assert_eq!(
        fields(api, "Animal"),
        [
            ("Id", "id", "int64", true, false, None),
            ("Kind", "kind", "Kind", true, false, None),
            // `examples` in a schema is ignored, without a warning.
            ("Name", "name", "string", true, false, None),
            // `type: [string, "null"]` is a nullable string.
            (
                "Nickname",
                "nickname",
                "string",
                false,
                true,
                s("What the keepers call it.")
            ),
            ("Age", "age", "int32", false, true, None),
            // `type: [string, integer]` is a union of the two (`spec_type_lists`).
            (
                "Tag",
                "tag",
                "AnimalTag",
                false,
                false,
                s("A tag number or name.")
            ),
            // `$ref` with siblings: the ref wins, the description and `nullable` stay.
            (
                "Keeper",
                "keeper",
                "Keeper",
                false,
                true,
                s("Who looks after it.")
            ),
            // `prefixItems`: an array of any JSON value, with a warning.
            (
                "Position",
                "position",
                "array<any>",
                false,
                false,
                s("Latitude and longitude.")
            ),
            ("Habitat", "habitat", "Habitat", false, false, None),
            // An inline `const` is its scalar's type.
            ("Species", "species", "string", false, false, None),
            ("Legs", "legs", "int32", false, false, None),
        ]
        .map(|(name, json, ty, required, nullable, description)| (
            name.to_owned(),
            json.to_owned(),
            ty.to_owned(),
            required,
            nullable,
            description
        ))
    );
    // A component schema of a string `const` is an enum of that one value.
    match &api.model("Habitat").unwrap().kind {
        ModelKind::Enum { values } => assert_eq!(values, &["savanna"]),
        other => panic!("Habitat is {other:?}"),
    }
    // `type: [object, "null"]` with properties is a struct.
    assert_eq!(fields(api, "Keeper").len(), 2);
    // A parameter's `const` is its one enum value.
    let get = op(api, "GetAnimal");
    assert_eq!(get.params[1].name, "view");
    assert_eq!(get.params[1].ty, TypeRef::String);
    assert_eq!(get.params[1].enum_values, ["full"]);
    assert_eq!(get.returns, Some(TypeRef::Named("Animal".to_owned())));
    // Webhooks are no operations.
    let names: Vec<&str> = api.operations().map(|op| op.name.as_str()).collect();
    assert_eq!(names, ["GetAnimal", "AddKeeper"]);
}

#[test]
fn openapi_31_diagnostics_name_what_is_read_loosely() {
    let loaded = zoo().load().unwrap();
    let dir = fixture("openapi-31");
    let warnings = short(&loaded.diagnostics, Severity::Warning, &dir);
    assert_eq!(
        warnings,
        [
            "warning: openapi.yaml:5: #/jsonSchemaDialect: `jsonSchemaDialect: https://json-schema.org/draft/2020-12/schema` is not OpenAPI 3.1's own: schemas are read as JSON Schema 2020-12 with OpenAPI's vocabulary all the same",
            "warning: openapi.yaml:101: #/components/schemas/Animal/properties/position: a tuple (`prefixItems`) is read as an array of any JSON value",
            "warning: openapi.yaml:107: #/components/schemas/Animal/properties/habitat: `type` beside `$ref` is ignored: the `$ref` says what the value is",
            "warning: openapi.yaml:133: #/components/schemas/Keeper/properties/shift/if: `if` (JSON Schema 2020-12) is not supported: it is ignored",
        ]
    );
    // No "read as 3.0" warning any more; webhooks are a note.
    let notes = short(&loaded.diagnostics, Severity::Note, &dir);
    assert!(
        notes.contains(&"note: openapi.yaml:17: #/webhooks: webhooks (`animalBorn`) are left out: they are requests the API sends, which a client does not make".to_owned()),
        "{notes:#?}"
    );
    // A later 3.x is read as 3.1, with a warning.
    let mut diagnostics = Diagnostics::new();
    let api = apibind::parse::openapi::parse_spec(
        "32.yaml",
        "openapi: 3.2.0\ninfo: {title: New}\nservers: [{url: 'https://x.example.com'}]\npaths: {}\n",
        &apibind::conventions::Naming::default(),
        &mut diagnostics,
    );
    assert_eq!(api.unwrap().title, "New");
    assert_eq!(
        lines(&diagnostics, Severity::Warning)[0],
        "warning: 32.yaml:1: OpenAPI 3.2.0 is read as 3.1: its newer features are not understood"
    );
}

#[test]
fn openapi_31_client_compiles() {
    write_and_compile(&zoo(), "openapi-31");
}

fn kennel() -> Config {
    let dir = fixture("oai-overlay");
    Config::new()
        .spec(dir.join("spec.yaml"))
        .overlay(dir.join("overlay.yaml"))
}

#[test]
fn oai_overlay_changes_the_spec_before_it_is_read() {
    let loaded = kennel().load().unwrap();
    let api = &loaded.api;
    // `deletePet` is removed; the others stay.
    let names: Vec<&str> = api.operations().map(|op| op.name.as_str()).collect();
    assert_eq!(names, ["ListPets", "GetPet"]);
    let list = op(api, "ListPets");
    assert_eq!(
        list.description.as_deref(),
        Some("Lists every pet of the kennel, newest first.")
    );
    let added: Vec<String> = params(list).iter().map(|p| format!("{p:?}")).collect();
    assert_eq!(
        added,
        [
            r#"("limit", "limit", Query, "int32", false)"#,
            r#"("tag", "tag", Query, "string", false)"#,
        ]
    );
    assert_eq!(
        list.params[1].description.as_deref(),
        Some("Only pets with this tag.")
    );
    // Without the overlay, the spec has all three.
    let plain = Config::new()
        .spec(fixture("oai-overlay").join("spec.yaml"))
        .no_overlay()
        .load()
        .unwrap();
    assert_eq!(plain.api.operations().count(), 3);
}

#[test]
fn oai_overlay_diagnostics_name_each_action_and_keep_the_spec_lines() {
    let loaded = kennel().load().unwrap();
    let dir = fixture("oai-overlay");
    assert_eq!(
        short(&loaded.diagnostics, Severity::Note, &dir),
        [
            "note: overlay.yaml:8: action 1 (target `$.paths['/pets'].get`): updates 1 node",
            "note: overlay.yaml:12: action 2 (target `$.paths['/pets'].get.parameters`): updates 1 node",
            "note: overlay.yaml:19: action 3 (target `$.paths['/pets/{petId}'].delete`): removes 1 node",
            "note: overlay.yaml:21: action 4 (target `$.components.schemas.Pet.properties[?@.type == 'string']`): updates 2 nodes",
        ]
    );
    assert_eq!(
        short(&loaded.diagnostics, Severity::Warning, &dir),
        [
            // A target that matches nothing is a warning.
            "warning: overlay.yaml:24: action 5 (target `$.paths['/owners'].get`): matches nothing",
            // The patched spec's diagnostics point at the spec's own lines.
            "warning: spec.yaml:66: #/components/schemas/Pet/properties/born: schema has `format: date` but no `type`: read as string",
        ]
    );
}

#[test]
fn malformed_oai_overlays_are_errors_naming_the_action() {
    let dir = fixture("oai-overlay");
    let error = Config::new()
        .spec(dir.join("spec.yaml"))
        .overlay(dir.join("bad-overlay.yaml"))
        .load()
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("error: action 2 (target `$.paths['/pets'.get`): not a JSONPath:"),
        "{error}"
    );
    assert!(error.contains("bad-overlay.yaml:11:"), "{error}");
    assert!(
        error.contains(
            "error: action 3 (target `$.info`): the action does nothing: give `update` or `remove: true`"
        ),
        "{error}"
    );
    assert!(error.contains("apibind: 2 error(s)"), "{error}");
}

#[test]
fn an_oai_overlay_without_a_spec_is_an_error() {
    let error = Config::new()
        .docs(fixture("pets"))
        .overlay(fixture("oai-overlay").join("overlay.yaml"))
        .load()
        .unwrap_err()
        .to_string();
    assert!(
        error.contains(
            "is an OAI Overlay, which applies to specs: give the spec it changes (--spec FILE)"
        ),
        "{error}"
    );
    assert!(error.contains("overlay.yaml:3:"), "{error}");
}

#[test]
fn oai_overlay_client_compiles() {
    write_and_compile(&kennel(), "oai-overlay");
}
