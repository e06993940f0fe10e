//! `oneOf` and `anyOf` as Rust enums (issue 20), from `spec-unions` (the Shelter
//! API): each shape's model, and the generated crate, which must pass clippy
//! `-D warnings`, rustdoc and its `e2e/` tests over HTTP on loopback.

use crate::common::{fixture, write_and_compile};
use apibind::model::{Api, ModelKind, TypeRef};
use apibind::Config;

fn config() -> Config {
    Config::new()
        .spec(fixture("spec-unions").join("openapi.yaml"))
        .no_overlay()
}

fn kind<'a>(api: &'a Api, name: &str) -> &'a ModelKind {
    &api.model(name)
        .unwrap_or_else(|| panic!("no model `{name}`"))
        .kind
}

/// A union's tag, and each variant as `name: type [tags]`.
fn union(api: &Api, name: &str) -> (Option<String>, Vec<String>, bool) {
    let ModelKind::Union {
        tag,
        variants,
        nullable,
    } = kind(api, name)
    else {
        panic!("`{name}` is no union: {:?}", kind(api, name));
    };
    let variants = variants
        .iter()
        .map(|v| {
            let ty = v.ty.as_ref().map_or("-".to_owned(), TypeRef::to_string);
            format!("{}: {ty} {:?}", v.name, v.tags)
        })
        .collect();
    (tag.clone(), variants, *nullable)
}

fn alias(api: &Api, name: &str) -> String {
    match kind(api, name) {
        ModelKind::Alias { ty } => ty.to_string(),
        other => panic!("`{name}` is no alias: {other:?}"),
    }
}

#[test]
fn every_union_shape_reads_into_the_model() {
    let loaded = config().load().unwrap();
    let warnings: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(warnings, Vec::<String>::new());
    let api = &loaded.api;
    assert_eq!(
        union(api, "Pet"),
        (
            Some("kind".to_owned()),
            vec![
                r#"Cat: Cat ["cat"]"#.to_owned(),
                r#"Dog: Dog ["dog"]"#.to_owned()
            ],
            false
        ),
        "a mapping to a pointer and to a bare schema name"
    );
    assert_eq!(
        union(api, "Shape").1,
        [
            r#"Circle: Circle ["Circle"]"#,
            r#"Square: Square ["Square"]"#
        ],
        "without a mapping, each schema's name"
    );
    assert_eq!(
        union(api, "Attachment"),
        (
            Some("type".to_owned()),
            vec![
                r#"Disks: AttachmentDisks ["disks"]"#.to_owned(),
                r#"None: - ["none"]"#.to_owned()
            ],
            false
        ),
        "a property each variant fixes is the tag, left out of inline variants"
    );
    assert_eq!(
        union(api, "Setting").1,
        [
            "Boolean: bool []",
            "Integer: int64 []",
            "Number: double []",
            "DateTime: date-time []",
            "String: string []",
            "StringList: array<string> []",
            "Range: Range []",
            "Label: Label []",
        ],
        "untagged, in the spec's order; the emitter orders them for decoding"
    );
    assert_eq!(
        union(api, "NameOrId").1,
        ["Id: string []", "Name: Name []"],
        "variants are named by their titles"
    );
    assert!(api.is_text(&TypeRef::Named("NameOrId".to_owned())));
    assert!(!api.is_text(&TypeRef::Named("Setting".to_owned())));
    assert_eq!(
        union(api, "SettingsExtra"),
        (
            None,
            vec![
                "String: string []".to_owned(),
                "Number: double []".to_owned()
            ],
            true
        ),
        "an inline union is named from its place"
    );
    assert_eq!(
        alias(api, "Level"),
        "int32",
        "integer constants are the integer"
    );
    assert!(
        matches!(kind(api, "Mode"), ModelKind::Enum { values } if values == &["fast", "safe"]),
        "string constants are an enum"
    );
    assert_eq!(
        alias(api, "Color"),
        "Mode",
        "a one-member `allOf` is its member"
    );

    let ModelKind::Struct { fields: adoption } = kind(api, "Adoption") else {
        panic!("Adoption is a struct");
    };
    let merged: Vec<_> = adoption
        .iter()
        .map(|f| (f.json_name.as_str(), f.ty.to_string(), f.flatten))
        .collect();
    assert_eq!(
        merged,
        [
            ("id", "string".to_owned(), false),
            ("oneOf", "Pet".to_owned(), true)
        ],
        "a union inside `allOf` is merged: its variants' properties are the object's"
    );

    let list = api.operations().find(|op| op.name == "ListShapes").unwrap();
    assert_eq!(
        list.params[0].ty.to_string(),
        "array<string>",
        "a parameter of one value or a list of them is a list"
    );

    let ModelKind::Struct { fields: label } = kind(api, "Label") else {
        panic!("Label is a struct");
    };
    assert_eq!(
        label[1].ty,
        TypeRef::String,
        "`format: binary` inside JSON is text"
    );

    let ModelKind::Struct { fields } = kind(api, "Settings") else {
        panic!("Settings is a struct");
    };
    let field = |name: &str| fields.iter().find(|f| f.json_name == name).unwrap();
    assert_eq!(field("backup").ty.to_string(), "Label");
    assert!(
        field("backup").nullable,
        "`oneOf: [X, null]` is a nullable X"
    );
    assert_eq!(
        field("limits").ty.to_string(),
        "SettingsLimits",
        "a `oneOf` of `required` lists constrains its object and is no union"
    );
}

#[test]
fn unions_client_compiles_and_decodes_each_shape_over_http() {
    write_and_compile(&config(), "spec-unions");
}
