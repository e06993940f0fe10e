//! OpenAPI 3.1 type lists (`type: [integer, string]`) as unions (issue 20), from
//! `spec-type-lists` (the Weather Station API): each list's model, and the generated
//! crate, which must pass clippy `-D warnings`, rustdoc and its `e2e/` tests over
//! HTTP on loopback.

use crate::common::{fixture, write_and_compile};
use apibind::model::{Api, ModelKind, TypeRef};
use apibind::Config;

fn config() -> Config {
    Config::new()
        .spec(fixture("spec-type-lists").join("openapi.yaml"))
        .no_overlay()
}

/// A union's variants as `name: type`, and whether it holds `null`.
fn union(api: &Api, name: &str) -> (Vec<String>, bool) {
    let model = api
        .model(name)
        .unwrap_or_else(|| panic!("no model `{name}`"));
    let ModelKind::Union {
        tag: None,
        variants,
        nullable,
    } = &model.kind
    else {
        panic!("`{name}` is no untagged union: {:?}", model.kind);
    };
    let variants = variants
        .iter()
        .map(|v| {
            let ty = v.ty.as_ref().map_or("-".to_owned(), TypeRef::to_string);
            format!("{}: {ty}", v.name)
        })
        .collect();
    (variants, *nullable)
}

#[test]
fn every_type_list_is_a_union_of_its_types() {
    let loaded = config().load().unwrap();
    let warnings: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        warnings,
        Vec::<String>::new(),
        "no list is read as any JSON value"
    );
    let api = &loaded.api;
    assert_eq!(
        union(api, "Level"),
        (
            vec!["Integer: int64".to_owned(), "Boolean: bool".to_owned()],
            false
        ),
        "a component's list, each type with the schema's `format`"
    );
    assert_eq!(
        union(api, "ReadingValue"),
        (
            vec!["Number: double".to_owned(), "String: string".to_owned()],
            false
        ),
        "an inline list is named from its place; its field holds the `null`"
    );
    let ModelKind::Struct { fields } = &api.model("Reading").unwrap().kind else {
        panic!("Reading is a struct");
    };
    assert!(
        fields[0].nullable,
        "`null` in the list makes the field nullable"
    );
    assert_eq!(
        union(api, "ReadingLabels").0,
        ["String: string", "StringList: array<string>"],
        "an array variant reads the schema's `items`"
    );
    assert_eq!(
        union(api, "ReadingSource").0,
        ["Object: ReadingSourceObject", "String: string"],
        "an object variant is a struct of the schema's properties"
    );
    let op = api
        .operations()
        .find(|op| op.name == "ListReadings")
        .unwrap();
    for param in &op.params {
        assert!(
            api.is_text(&param.ty),
            "`{}` ({}) travels as text",
            param.name,
            param.ty
        );
    }
}

#[test]
fn type_list_client_compiles_and_decodes_each_type_over_http() {
    write_and_compile(&config(), "spec-type-lists");
}
