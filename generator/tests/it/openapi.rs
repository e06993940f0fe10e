//! The OpenAPI and Swagger reader (`apibind::parse::openapi`): the project's own
//! fixture specs (3.0 and 2.0, YAML and JSON) as model snapshots, imperfect specs that
//! read with warnings, unclear ones that fail with the offending node's JSON pointer,
//! the raw Engage Digital spec against its docs, and mutated inputs that must never
//! make it panic.

use std::collections::BTreeMap;
use std::fs;

use crate::common::{compile, corpus, fields, fixture, op, params, row as p};
use apibind::conventions::Naming;
use apibind::diagnostic::{Diagnostics, Severity};
use apibind::model::{Api, AuthKind, Body, Location, ModelKind, Operation, TypeRef};
use apibind::parse::openapi::parse_spec;
use apibind::Config;

/// Parses the fixture `openapi/<name>`, named by its bare file name so that
/// provenance in snapshots does not depend on the machine.
fn parse(name: &str) -> (Option<Api>, Diagnostics) {
    let text = fs::read_to_string(fixture("openapi").join(name)).unwrap();
    parse_text(name, &text)
}

fn parse_text(name: &str, text: &str) -> (Option<Api>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let api = parse_spec(name, text, &Naming::default(), &mut diagnostics);
    (api, diagnostics)
}

/// Each diagnostic on one line, as the CLI prints it without the quoted source.
fn lines(diagnostics: &Diagnostics, severity: Severity) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| d.to_string())
        .collect()
}

fn all_lines(diagnostics: &Diagnostics) -> String {
    diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The model of a fixture that must read without errors, checked by the validator
/// and the emitter as a generated client would be.
/// Each auth scheme as `name: kind`, with where a key travels or an OAuth2 flow.
fn schemes(api: &Api) -> Vec<String> {
    api.auth
        .iter()
        .map(|s| {
            let kind = match &s.kind {
                AuthKind::Bearer => "bearer".to_owned(),
                AuthKind::Basic => "basic".to_owned(),
                AuthKind::OAuth2 { flows } => {
                    let flows: Vec<&str> = flows.iter().map(|f| f.flow.as_str()).collect();
                    format!("oauth2 {}", flows.join(" "))
                }
                AuthKind::ApiKey { location, key_name } => {
                    format!("{} key {key_name}", format!("{location:?}").to_lowercase())
                }
                AuthKind::TokenQuery { name } => format!("token query {name}"),
            };
            format!("{}: {kind}", s.name)
        })
        .collect()
}

fn parse_clean(name: &str) -> (Api, Diagnostics) {
    let (api, diagnostics) = parse(name);
    let api = api.unwrap_or_else(|| panic!("{}", all_lines(&diagnostics)));
    assert_eq!(lines(&diagnostics, Severity::Error), Vec::<String>::new());
    let mut checked = Diagnostics::new();
    apibind::validate::validate(&api, &mut checked);
    assert_eq!(lines(&checked, Severity::Error), Vec::<String>::new());
    if let Err(error) = apibind::emit::emit(&api) {
        panic!("{name} does not emit: {error}");
    }
    (api, diagnostics)
}

fn f(name: &str, json: &str, ty: &str, required: bool) -> (String, String, String, bool) {
    (name.to_owned(), json.to_owned(), ty.to_owned(), required)
}

// ---------------------------------------------------------------------------------
// Fixture snapshots.

#[test]
fn v3_yaml_snapshot() {
    let (api, diagnostics) = parse_clean("v3-petstore.yaml");
    insta::assert_json_snapshot!("v3_petstore_model", api);
    insta::assert_snapshot!("v3_petstore_diagnostics", all_lines(&diagnostics));
}

#[test]
fn v3_json_snapshot() {
    let (api, diagnostics) = parse_clean("v3-schemas.json");
    insta::assert_json_snapshot!("v3_schemas_model", api);
    insta::assert_snapshot!("v3_schemas_diagnostics", all_lines(&diagnostics));
}

#[test]
fn v2_yaml_snapshot() {
    let (api, diagnostics) = parse_clean("v2-petstore.yaml");
    insta::assert_json_snapshot!("v2_petstore_model", api);
    insta::assert_snapshot!("v2_petstore_diagnostics", all_lines(&diagnostics));
}

#[test]
fn v2_json_snapshot() {
    let (api, diagnostics) = parse_clean("v2-store.json");
    insta::assert_json_snapshot!("v2_store_model", api);
    insta::assert_snapshot!("v2_store_diagnostics", all_lines(&diagnostics));
}

#[test]
fn imperfect_snapshot() {
    let (api, diagnostics) = parse("imperfect.yaml");
    insta::assert_json_snapshot!("imperfect_model", api.unwrap());
    insta::assert_snapshot!("imperfect_diagnostics", all_lines(&diagnostics));
}

/// JSON is YAML: the same document in either form gives the same model (only the
/// lines differ, as one-line JSON has one line).
#[test]
fn json_and_yaml_give_the_same_model() {
    for name in ["v3-petstore.yaml", "v2-petstore.yaml"] {
        let text = fs::read_to_string(fixture("openapi").join(name)).unwrap();
        let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        let json = serde_json::to_string(&value).unwrap();
        let (from_yaml, _) = parse_text(name, &text);
        let (from_json, diagnostics) = parse_text(name, &json);
        assert_eq!(lines(&diagnostics, Severity::Error), Vec::<String>::new());
        let without_lines = |api: Option<Api>| {
            let mut value = serde_json::to_value(api.unwrap()).unwrap();
            strip_provenance(&mut value);
            value
        };
        assert_eq!(without_lines(from_yaml), without_lines(from_json), "{name}");
    }
}

fn strip_provenance(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.remove("at");
            map.values_mut().for_each(strip_provenance);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_provenance),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------
// What the fixtures must read as, construct by construct.

#[test]
fn v3_operations_names_groups_and_servers() {
    let (api, _) = parse_clean("v3-petstore.yaml");
    assert_eq!(api.title, "Pet Store");
    assert_eq!(
        api.base_url.template,
        "https://{region}.pets.example.com/v2"
    );
    assert_eq!(api.base_url.variables.len(), 1);
    assert_eq!(api.base_url.variables[0].name, "region");
    assert_eq!(
        api.base_url.variables[0].description.as_deref(),
        Some("Where your account lives.")
    );
    // Every scheme, in declaration order; the API-wide requirement is the default.
    assert_eq!(
        schemes(&api),
        [
            "bearerAuth: bearer",
            "tokenInQuery: query key access_token",
            "basicAuth: basic",
            "keyHeader: header key X-Api-Key",
            "oauth: oauth2 client_credentials",
        ]
    );
    assert_eq!(api.security, [["tokenInQuery"]]);
    let groups: Vec<(&str, Vec<&str>)> = api
        .groups
        .iter()
        .map(|g| {
            (
                g.name.as_str(),
                g.operations.iter().map(|o| o.name.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            (
                "Pets",
                vec![
                    "ListPets",
                    "CreatePet",
                    "GetPet",
                    "DeletePetsPetId",
                    "UpdatePet",
                    "UploadPhoto",
                    "GetPhoto"
                ]
            ),
            (
                "PetOwners",
                vec!["CreateOwner", "GetOwnersOwnerIdPetsPetId"]
            ),
            ("PetStore", vec!["Health"]),
        ]
    );
}

#[test]
fn v3_parameters_merge_resolve_and_place() {
    let (api, _) = parse_clean("v3-petstore.yaml");
    // Path-level header first; `$ref` followed; `Accept` left out; the cookie sent.
    assert_eq!(
        params(op(&api, "ListPets")),
        [
            p(
                "xRequestId",
                "X-Request-Id",
                Location::Header,
                "string",
                false
            ),
            p("limit", "limit", Location::Query, "int32", false),
            p("offset", "offset", Location::Query, "int32", false),
            p(
                "status",
                "status[]",
                Location::Query,
                "array<string>",
                false
            ),
            p("tags", "tags", Location::Query, "array<string>", false),
            p("sort", "sort", Location::Query, "string", false),
            p("session", "session", Location::Cookie, "string", false),
        ]
    );
    let list = op(&api, "ListPets");
    assert_eq!(list.params[1].default.as_deref(), Some("20"));
    assert_eq!(list.params[3].enum_values, ["available", "pending", "sold"]);
    assert_eq!(list.params[5].enum_values, ["name", "born_on"]);
    assert_eq!(list.params[5].default.as_deref(), Some("name"));
    assert_eq!(list.returns, Some(TypeRef::Named("PetPage".into())));
    let errors: Vec<(String, &str)> = list
        .errors
        .iter()
        .map(|e| (e.status.to_string(), e.meaning.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            ("400".to_owned(), "A filter is malformed."),
            ("500".to_owned(), "The store is down."),
            ("default".to_owned(), "Anything else.")
        ],
        "beside a success, `default` documents every other status"
    );
    // The operation's own `petId` replaces the path item's.
    let get = op(&api, "GetPet");
    assert_eq!(
        params(get),
        [p("petId", "petId", Location::Path, "int64", true)]
    );
    assert_eq!(
        get.params[0].description.as_deref(),
        Some("The pet's id, as the operation says it.")
    );
    assert_eq!(get.accept.as_deref(), Some("application/json"));
    assert_eq!(get.errors[0].meaning, "No pet has this id.");
    // A placeholder nobody declared is a required string.
    assert_eq!(
        params(op(&api, "GetOwnersOwnerIdPetsPetId")),
        [
            p("petId", "petId", Location::Path, "int64", true),
            p("ownerId", "ownerId", Location::Path, "string", true),
        ]
    );
}

#[test]
fn v3_bodies_json_form_multipart_and_raw_responses() {
    let (api, _) = parse_clean("v3-petstore.yaml");
    let create = op(&api, "CreatePet");
    assert_eq!(create.body, Body::Json);
    // The path item's header applies to every operation under it.
    assert_eq!(
        params(create),
        [
            p(
                "xRequestId",
                "X-Request-Id",
                Location::Header,
                "string",
                false
            ),
            p("newPet", "newPet", Location::Body, "NewPet", true)
        ]
    );
    assert_eq!(create.returns, Some(TypeRef::Named("Pet".into())));
    let update = op(&api, "UpdatePet");
    assert_eq!(
        update.params[1].ty,
        TypeRef::Named("UpdatePetRequest".into())
    );
    assert_eq!(
        fields(&api, "UpdatePetRequest"),
        [
            f("Name", "name", "string", true),
            f("Status", "status", "PetStatus", false)
        ]
    );
    let upload = op(&api, "UploadPhoto");
    assert_eq!(upload.body, Body::Multipart);
    assert_eq!(
        params(upload),
        [
            p("petId", "petId", Location::Path, "int64", true),
            p("file", "file", Location::Multipart, "binary", true),
            p("caption", "caption", Location::Multipart, "string", false),
            p(
                "extras",
                "extras",
                Location::Multipart,
                "array<binary>",
                false
            ),
        ]
    );
    assert_eq!(
        upload.returns,
        Some(TypeRef::Named("UploadPhotoResponse".into()))
    );
    let owner = op(&api, "CreateOwner");
    assert_eq!(owner.body, Body::Form);
    assert_eq!(
        params(owner),
        [
            p("name", "name", Location::Form, "string", true),
            p("age", "age", Location::Form, "int32", false),
            p("petIds", "pet_ids[]", Location::Form, "array<int64>", false),
        ]
    );
    assert_eq!(
        (owner.returns.as_ref(), owner.accept.as_ref()),
        (None, None)
    );
    let photo = op(&api, "GetPhoto");
    assert_eq!(photo.returns, Some(TypeRef::Binary));
    assert_eq!(photo.accept.as_deref(), Some("image/png"));
    // Text of a string schema is returned as a `String`.
    let health = op(&api, "Health");
    assert_eq!(health.returns, Some(TypeRef::String));
    assert_eq!(health.accept.as_deref(), Some("text/plain"));
    assert_eq!(op(&api, "DeletePetsPetId").returns, None);
}

#[test]
fn v3_schemas_become_models() {
    let (api, _) = parse_clean("v3-petstore.yaml");
    assert_eq!(
        fields(&api, "Pet"),
        [
            f("Id", "id", "int64", true),
            f("Name", "name", "string", true),
            // Required but nullable: the field may be missing from the JSON's meaning.
            f("Nickname", "nickname", "string", false),
            f("Status", "status", "PetStatus", false),
            f("BornOn", "born_on", "date", false),
            f("AdoptedAt", "adopted_at", "date-time", false),
            f("Weight", "weight", "float", false),
            f("Height", "height", "double", false),
            f("Vaccinated", "vaccinated", "bool", false),
            f("TagIds", "tag_ids", "array<string>", false),
            f("Attributes", "attributes", "map<int32>", false),
            f("Extra", "extra", "map<any>", false),
            f("Collar", "collar", "PetCollar", false),
            f("Photo", "photo", "string", false), // bytes inside JSON are text
            f("Owner", "owner", "MaybeOwner", false),
            f("Kind", "kind", "Animal", false),
        ]
    );
    let kind = |name: &str| {
        api.model(name)
            .map(|m| serde_json::to_value(&m.kind).unwrap())
    };
    assert_eq!(
        kind("PetStatus").unwrap(),
        serde_json::json!({"kind": "enum", "values": ["available", "pending", "sold"]})
    );
    // allOf: the parts' properties in order, a later one replacing an earlier.
    assert_eq!(
        fields(&api, "NewPet"),
        [
            f("Name", "name", "string", true),
            f("Status", "status", "PetStatus", false),
            f("TagIds", "tag_ids", "array<string>", false),
        ]
    );
    assert_eq!(
        kind("Count").unwrap(),
        serde_json::json!({"kind": "alias", "type": "int64"})
    );
    assert_eq!(
        kind("TagList").unwrap(),
        serde_json::json!({"kind": "alias", "type": "array<string>"})
    );
    assert_eq!(
        kind("Priority").unwrap(),
        serde_json::json!({"kind": "alias", "type": "int32"})
    );
    assert_eq!(
        kind("MaybeOwner").unwrap(),
        serde_json::json!({"kind": "alias", "type": "Owner"})
    );
    assert!(api.model("PetError").is_some(), "pet_error is camelised");
    assert_eq!(
        api.model("Pet").unwrap().description.as_deref(),
        Some("A pet in the store.")
    );
}

#[test]
fn v3_json_schema_constructs() {
    let (api, _) = parse_clean("v3-schemas.json");
    assert_eq!(
        fields(&api, "Tree"),
        [
            f("Label", "label", "string", true),
            f("Children", "children", "array<Tree>", false),
            f("Parent", "parent", "Tree", false),
        ]
    );
    assert_eq!(
        fields(&api, "Bird"),
        [
            f("Species", "species", "string", true),
            f("Legs", "legs", "int32", false),
            f("Wingspan", "wingspan", "double", false),
            f("Song", "song", "string", false),
        ]
    );
    let ModelKind::Struct { fields: bird } = &api.model("Bird").unwrap().kind else {
        panic!()
    };
    assert_eq!(bird[1].default.as_deref(), Some("2"));
    assert_eq!(
        fields(&api, "KeeperInfo"),
        [
            f("Name", "name", "string", false),
            f("Shift", "shift", "string", false),
            f("Badge", "badge", "KeeperInfoBadge", false),
            f("Ids", "ids", "array<Tree>", false),
        ]
    );
    assert_eq!(
        fields(&api, "Enclosure"),
        [
            f("Keeper", "keeper", "KeeperInfo", false),
            f("Described", "described", "Winged", false),
            f("Anything", "anything", "any", false),
            f("Flag", "flag", "bool", false),
            f("Ratio", "ratio", "double", false),
            f("Matrix", "matrix", "array<array<int32>>", false),
        ]
    );
    let alias = |name: &str| match &api.model(name).unwrap().kind {
        ModelKind::Alias { ty } => ty.to_string(),
        other => format!("{other:?}"),
    };
    assert_eq!(alias("Labels"), "map<any>");
    assert_eq!(alias("Scores"), "map<double>");
    assert_eq!(alias("Habitats"), "map<Habitat>");
    assert_eq!(alias("Biome"), "Habitat");
    assert_eq!(
        alias("Shape"),
        r#"Enum { values: ["round", "square"] }"#,
        "an `anyOf` of string constants is an enum of them"
    );
    let list = op(&api, "ListBirds");
    assert_eq!(
        params(list),
        [
            p("habitat", "habitat", Location::Query, "string", false),
            p("xTrace", "X-Trace", Location::Header, "string", true),
            p("since", "since", Location::Query, "date-time", false),
        ]
    );
    assert_eq!(list.params[0].enum_values, ["forest", "sea", "desert"]);
    assert_eq!(list.returns.as_ref().unwrap().to_string(), "array<Bird>");
    assert_eq!(list.accept.as_deref(), Some("application/json"));
    let add = op(&api, "AddBird");
    assert_eq!(add.body, Body::Json);
    assert_eq!(add.returns, Some(TypeRef::Named("Bird".into())));
    let put = op(&api, "PutEnclosure");
    assert_eq!(
        params(put),
        [
            p("id", "id", Location::Path, "string", true),
            p(
                "enclosure",
                "enclosure",
                Location::Body,
                "array<Enclosure>",
                true
            ),
        ]
    );
    assert_eq!(put.returns.as_ref().unwrap().to_string(), "map<Labels>");
    assert_eq!(
        put.errors
            .iter()
            .map(|e| e.status.to_string())
            .collect::<Vec<_>>(),
        ["503"]
    );
}

#[test]
fn v2_reads_like_v3() {
    let (api, _) = parse_clean("v2-petstore.yaml");
    assert_eq!(
        api.base_url.template,
        "https://classic.pets.example.com/api"
    );
    assert_eq!(
        schemes(&api),
        [
            "basic: basic",
            "key: query key api_key",
            "oauth: oauth2 implicit"
        ]
    );
    assert_eq!(api.security, [["oauth"]]);
    let add = op(&api, "AddPet");
    assert_eq!(add.body, Body::Json);
    assert_eq!(
        params(add),
        [p("body", "body", Location::Body, "Pet", true)]
    );
    assert_eq!(add.accept.as_deref(), Some("application/json"));
    assert_eq!(add.errors[0].status.to_string(), "405");
    let find = op(&api, "FindPets");
    assert_eq!(
        params(find),
        [
            p("pageSize", "page_size", Location::Query, "int32", false),
            p("status", "status", Location::Query, "array<string>", true),
            p("tags", "tags", Location::Query, "array<string>", false),
            p("xClient", "X-Client", Location::Header, "string", false),
        ]
    );
    assert_eq!(find.params[0].default.as_deref(), Some("25"));
    assert_eq!(find.params[1].enum_values, ["available", "sold"]);
    assert_eq!(find.errors[0].meaning, "The pet left the store.");
    let form = op(&api, "UpdatePetWithForm");
    assert_eq!(form.body, Body::Form);
    assert_eq!(
        params(form),
        [
            p("petId", "petId", Location::Path, "int64", true),
            p("name", "name", Location::Form, "string", false),
            p("status", "status", Location::Form, "string", false),
        ]
    );
    let upload = op(&api, "UploadImage");
    assert_eq!(upload.body, Body::Multipart);
    assert_eq!(upload.params[2].ty, TypeRef::Binary);
    assert_eq!(
        upload.returns,
        Some(TypeRef::Named("UploadImageResponse".into()))
    );
    let download = op(&api, "DownloadImage");
    assert_eq!(download.returns, Some(TypeRef::Binary));
    assert_eq!(download.accept.as_deref(), Some("image/jpeg"));
    assert_eq!(
        op(&api, "GetInventory").returns,
        Some(TypeRef::Map(Box::new(TypeRef::Int32)))
    );
    assert_eq!(
        fields(&api, "Pet"),
        [
            f("Id", "id", "int64", false),
            f("Name", "name", "string", true),
            f("Category", "category", "Category", false),
            f("PhotoUrls", "photo_urls", "array<string>", false),
            f("Status", "status", "string", false),
            f("Nickname", "nickname", "string", false),
        ]
    );
    let groups: Vec<&str> = api.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(groups, ["Pet", "Store"]);
}

#[test]
fn v2_json_path_level_parameters_and_collection_formats() {
    let (api, diagnostics) = parse_clean("v2-store.json");
    assert_eq!(api.base_url.template, "https://orders.example.net");
    assert_eq!(
        schemes(&api),
        ["token: query key token", "header: header key X-Token"]
    );
    let delete = op(&api, "DeleteOrdersOrderId");
    assert_eq!(
        params(delete),
        [
            p("orderId", "orderId", Location::Path, "string", true),
            p("reason", "reason", Location::Query, "string", false),
            p("ids", "ids", Location::Query, "array<string>", false),
        ]
    );
    assert_eq!(delete.params[1].enum_values, ["duplicate", "fraud"]);
    assert_eq!(
        fields(&api, "Discount"),
        [
            f("Sku", "sku", "string", false),
            f("Quantity", "quantity", "int32", false),
            f("Percent", "percent", "float", false),
        ]
    );
    // `collectionFormat: pipes` is sent as it says: `ids=a|b`.
    assert_eq!(
        delete.params[2].style,
        apibind::model::ParamStyle::PipeDelimited
    );
    // Header API keys are sent now: nothing to warn about.
    assert_eq!(lines(&diagnostics, Severity::Warning), Vec::<String>::new());
}

/// Clients generated from specs pass clippy `-D warnings`, rustdoc `-D warnings` and
/// their doctests: the fixture's, and the raw corpus spec's when the corpus is there.
#[test]
fn spec_clients_compile_cleanly() {
    let mut specs = vec![
        (fixture("openapi/v3-petstore.yaml"), "openapi-petstore"),
        // Fields too complex for clippy's `type_complexity` are declared through aliases.
        (fixture("openapi/deep-types.yaml"), "openapi-deep-types"),
    ];
    if let Some(corpus) = corpus() {
        specs.push((corpus.join("openapi.yaml"), "engage-digital-spec"));
    }
    let out = tempfile::tempdir().unwrap();
    for (path, name) in specs {
        let (api, _) = parse_text(name, &fs::read_to_string(path).unwrap());
        let api = api.unwrap();
        let emitted = apibind::emit::emit(&api).unwrap();
        let files = emitted
            .crate_files(&api, &apibind::emit::CrateInfo::new(name))
            .unwrap();
        let dir = out.path().join(name);
        apibind::output::write_files(&dir, &files).unwrap();
        compile(&dir);
    }
}

// ---------------------------------------------------------------------------------
// Imperfect and unclear specs.

#[test]
fn imperfect_specs_read_with_warnings_at_their_nodes() {
    let (api, diagnostics) = parse("imperfect.yaml");
    let api = api.unwrap();
    assert_eq!(lines(&diagnostics, Severity::Error), Vec::<String>::new());
    let warnings = lines(&diagnostics, Severity::Warning);
    let expected = [
        "warning: imperfect.yaml:74: #/components/schemas/Zone/properties/name: schema has `format: string` but no `type`: read as string",
        "warning: imperfect.yaml:76: #/components/schemas/Zone/properties/utc_offset: schema has `format: integer` but no `type`: read as integer",
        "warning: imperfect.yaml:78: #/components/schemas/Zone/properties/weight: schema has `format: double` but no `type`: read as number",
        "warning: imperfect.yaml:80: #/components/schemas/Zone/properties/odd: schema has `format: sparkly` but no `type`: read as any JSON value",
        "warning: imperfect.yaml:83: #/components/schemas/Zone/properties/owner/$ref: `$ref: #/components/schemas/Owner` points at no schema: read as any JSON value",
        "warning: imperfect.yaml:86: #/components/schemas/Zone/properties/merged/allOf/0: `$ref: #/components/schemas/Missing` points at no schema: its properties are left out",
        "warning: imperfect.yaml:14: #/paths/~1zones~1{zoneId}/get/parameters/0: path parameter `zoneId` is not `required: true`; it is required all the same",
        "warning: imperfect.yaml:28: #/paths/~1zones~1{zoneId}/get/parameters/2/schema/$ref: `$ref: #/components/schemas/Flavour` points at no schema: read as any JSON value",
        "warning: imperfect.yaml:27: #/paths/~1zones~1{zoneId}/get/parameters/2/schema: parameter `flavour` has no type: sent as a string",
        "warning: imperfect.yaml:42: #/paths/~1zones~1{zoneId}/get/responses/20O: `20O` is not an HTTP status: the response is left out",
        "warning: imperfect.yaml:44: #/paths/~1zones~1{zoneId}/gett: `gett` is not an HTTP method or a path item field: it is ignored",
        "warning: imperfect.yaml:46: #/paths/~1zones~1{zoneId}/trace: TRACE operations are not supported: this one is left out",
        "warning: imperfect.yaml:59: #/paths/~1zones~1{zoneId}~1files~1{fileId}/post/requestBody/content/multipart~1form-data:: media type `multipart/form-data:` has a stray `:`; read as `multipart/form-data`",
        "warning: imperfect.yaml:65: #/paths/~1zones~1{zoneId}~1files~1{fileId}/post/requestBody/content/multipart~1form-data:/schema/properties/note: field `note` has no type: sent as a string",
        "warning: imperfect.yaml:49: #/paths/~1zones~1{zoneId}~1files~1{fileId}/post: the path has `{fileId}` but no path parameter of that name: it is read as a required string",
    ];
    assert_eq!(warnings, expected);
    let get = api.operations().find(|op| op.name == "GetZone").unwrap();
    let errors: Vec<String> = get
        .errors
        .iter()
        .map(|e| format!("{}: {}", e.status, e.meaning))
        .collect();
    assert_eq!(errors, ["4XX: Client errors."], "a class is an error entry");
    assert_eq!(
        fields(&api, "Zone"),
        [
            f("Name", "name", "string", false),
            f("UtcOffset", "utc_offset", "int32", false),
            f("Weight", "weight", "double", false),
            f("Odd", "odd", "any", false),
            f("Owner", "owner", "any", false),
            f("Merged", "merged", "ZoneMerged", false),
        ]
    );
    assert_eq!(
        fields(&api, "ZoneMerged"),
        [f("Kept", "kept", "string", false)]
    );
    let upload = op(&api, "UploadZoneFile");
    assert_eq!(upload.body, Body::Multipart);
    assert_eq!(
        params(upload),
        [
            p("zoneId", "zoneId", Location::Path, "string", true),
            p("file", "file", Location::Multipart, "binary", false),
            p("note", "note", Location::Multipart, "string", false),
            p("fileId", "fileId", Location::Path, "string", true),
        ]
    );
    let names: Vec<&str> = api.operations().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["GetZone", "UploadZoneFile"]);
}

#[test]
fn unclear_specs_cost_their_items_with_the_json_pointer() {
    let (api, diagnostics) = parse("unclear.yaml");
    assert!(
        api.is_some(),
        "every problem of the run is reported, with the model"
    );
    assert_eq!(lines(&diagnostics, Severity::Error), Vec::<String>::new());
    // Schemas that cannot be read are loose; operations with a problem are left out.
    let warnings = lines(&diagnostics, Severity::Warning);
    let expected = [
        "warning: unclear.yaml:20: #/components/schemas/Odd/properties/size/type: `type: strng` is not a type: expected string, integer, number, boolean, array, object",
        "warning: unclear.yaml:21: #/components/schemas/AliasA: `AliasA` is a `$ref` chain that comes back to itself (#/components/schemas/AliasA -> #/components/schemas/AliasB -> #/components/schemas/AliasA): read as any JSON value",
        "warning: unclear.yaml:23: #/components/schemas/AliasB: `AliasB` is a `$ref` chain that comes back to itself (#/components/schemas/AliasB -> #/components/schemas/AliasA -> #/components/schemas/AliasB): read as any JSON value",
        "warning: unclear.yaml:26: #/components/schemas/Remote/$ref: `$ref: common.yaml#/Thing` points into another document, which is not supported: only `#/...` references inside the spec are",
        "warning: unclear.yaml:37: `ListThings` is left out: #/paths/~1things/get/parameters/0: a parameter needs a `name` and an `in` (its location)",
        "warning: unclear.yaml:44: `ListThings` is left out: #/paths/~1things/get/parameters/2: `$ref: #/components/parameters/nothing` points at no parameter",
        "warning: unclear.yaml:45: `ListThings` is left out: #/paths/~1things/get/parameters/3: the `$ref` chain #/components/parameters/loopA -> #/components/parameters/loopB -> #/components/parameters/loopA never reaches a definition",
        "warning: unclear.yaml:65: `ListThings` is left out: #/paths/~1things/get/parameters/8: parameter `twice` in query is listed twice",
        "warning: unclear.yaml:41: `ListThings` is left out: #/paths/~1things/get/parameters/1/in: `in: body` is not a parameter location: expected path, query, header or cookie",
        "warning: unclear.yaml:55: `ListThings` is left out: #/paths/~1things/get/parameters/6: parameter `json` is described by `content`, which is not supported: give it a `schema`",
        "warning: unclear.yaml:70: `ListThings` is left out: #/paths/~1things/get/responses/200: `$ref: #/components/responses/Nope` points at no response",
    ];
    assert_eq!(warnings, expected);
    assert_eq!(diagnostics.left_out(), ["ListThings"]);
    // A multipart part that is an object is sent as JSON, OpenAPI's default.
    let api = api.unwrap();
    let replace = api
        .operations()
        .find(|op| op.name == "ReplaceThing")
        .unwrap();
    let meta = replace.params.iter().find(|p| p.name == "meta").unwrap();
    assert_eq!(meta.ty.to_string(), "Filter");
    // An XML body, refused before, is the caller's bytes of that type.
    let create = op(&api, "CreateThing");
    assert_eq!(create.body, Body::Binary);
    assert_eq!(create.content_type.as_deref(), Some("application/xml"));
}

#[test]
fn documents_that_are_no_spec_are_errors() {
    let cases = [
        (
            "not: [valid\n",
            "error: bad.yaml:2: bad.yaml is not valid YAML or JSON",
        ),
        ("", "error: bad.yaml:1: #: not an OpenAPI document"),
        (
            "- a\n- b\n",
            "error: bad.yaml:1: #: not an OpenAPI document",
        ),
        (
            "swagger: '1.2'\n",
            "error: bad.yaml:1: #: version `1.2` is not supported",
        ),
        (
            "openapi: 4.0.0\n",
            "error: bad.yaml:1: #: version `4.0.0` is not supported",
        ),
        (
            "a: 1\na: 2\n",
            "error: bad.yaml:1: bad.yaml is not valid YAML or JSON",
        ),
    ];
    for (text, expected) in cases {
        let (api, diagnostics) = parse_text("bad.yaml", text);
        assert!(api.is_none(), "{text:?}");
        let errors = lines(&diagnostics, Severity::Error);
        assert!(
            errors.len() == 1 && errors[0].starts_with(expected),
            "{text:?}: {errors:?}"
        );
    }
}

#[test]
fn a_minimal_document_reads_with_warnings() {
    let (api, diagnostics) = parse_text("min.yaml", "openapi: 3.0.0\n");
    let api = api.unwrap();
    assert_eq!(api.title, "API");
    assert_eq!(api.operations().count(), 0);
    assert_eq!(
        lines(&diagnostics, Severity::Warning),
        [
            "warning: min.yaml:1: #: the spec has no `info.title`: the API is called `API`",
            "warning: min.yaml:1: #: the spec has no `servers`: the client has no default server, callers give one with `Client::builder().base_url(...)` (or set `base_url` in the overlay)",
            "warning: min.yaml:1: #: the spec has no `paths`: the client has no operations",
        ]
    );
    let (api, _) = parse_text("31.yaml", "openapi: 3.1.0\ninfo: {title: New}\npaths: {}\n");
    assert_eq!(api.unwrap().title, "New");
}

/// A schema that contains itself through `$ref`s that are no component schemas
/// cannot be named: it is an error, and reading stops.
#[test]
fn self_containing_refs_terminate() {
    let text = "\
openapi: 3.0.0
info: {title: Loops}
paths:
  /a:
    get:
      parameters:
        - name: deep
          in: query
          schema:
            $ref: '#/paths/~1a/get/parameters/0/schema'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: '#/paths/~1a/get/responses/200/content/application~1json/schema'
components:
  schemas:
    Self:
      allOf:
        - $ref: '#/components/schemas/Self'
        - properties:
            x: {type: string}
";
    let (api, diagnostics) = parse_text("loops.yaml", text);
    assert!(api.is_some());
    let errors = lines(&diagnostics, Severity::Warning).join("\n");
    assert!(
        errors.contains("#/paths/~1a/get/parameters/0/schema/$ref"),
        "{errors}"
    );
    assert!(errors.contains("contains itself"), "{errors}");
    assert!(
        errors.contains("#/components/schemas/Self: `allOf` includes the schema it belongs to"),
        "{errors}"
    );
}

// ---------------------------------------------------------------------------------
// The Engage Digital corpus: its raw spec against its docs.

/// Where the docs (read without an overlay) and the spec disagree on an operation's
/// verb, path, or parameters' wire names and locations: 38 wire names in 22
/// operations, each a `[]` (37) or `[key]` (1) the Go docs cannot show, as their
/// names are Go identifiers. Verbs, paths, locations, types, required flags and
/// return types agree on all 116 operations.
const CORPUS_OPERATION_DIFFERENCES: [&str; 38] = [
    "CategorizeContent: `categoryIds` is query `category_ids[]` in the spec, query `category_ids` in the docs",
    "CategorizeIntervention: `categoryIds` is query `category_ids[]` in the spec, query `category_ids` in the docs",
    "CategorizeThread: `threadCategoryIds` is query `thread_category_ids[]` in the spec, query `thread_category_ids` in the docs",
    "CreateCategory: `sourceIds` is query `source_ids[]` in the spec, query `source_ids` in the docs",
    "CreateContent: `attachmentIds` is query `attachment_ids[]` in the spec, query `attachment_ids` in the docs",
    "CreateContent: `bcc` is query `bcc[]` in the spec, query `bcc` in the docs",
    "CreateContent: `cc` is query `cc[]` in the spec, query `cc` in the docs",
    "CreateContent: `to` is query `to[]` in the spec, query `to` in the docs",
    "CreateFolder: `roleRestrictionOnly` is query `role_restriction[only][]` in the spec, query `role_restriction_only` in the docs",
    "CreateFolder: `teamRestrictionOnly` is query `team_restriction[only][]` in the spec, query `team_restriction_only` in the docs",
    "CreateReplyAssistantGroup: `entryIds` is query `entry_ids[]` in the spec, query `entry_ids` in the docs",
    "CreateTeam: `leaderIds` is query `leader_ids[]` in the spec, query `leader_ids` in the docs",
    "CreateTeam: `userIds` is query `user_ids[]` in the spec, query `user_ids` in the docs",
    "CreateUser: `categoryIds` is query `category_ids[]` in the spec, query `category_ids` in the docs",
    "CreateUser: `identityIds` is query `identity_ids[]` in the spec, query `identity_ids` in the docs",
    "CreateUser: `spokenLanguages` is query `spoken_languages[]` in the spec, query `spoken_languages` in the docs",
    "CreateUser: `teamIds` is query `team_ids[]` in the spec, query `team_ids` in the docs",
    "CreateWebhook: `registeredEvents` is query `registered_events[]` in the spec, query `registered_events` in the docs",
    "UpdateCategory: `sourceIds` is query `source_ids[]` in the spec, query `source_ids` in the docs",
    "UpdateFolder: `roleRestrictionOnly` is query `role_restriction[only][]` in the spec, query `role_restriction_only` in the docs",
    "UpdateFolder: `teamRestrictionOnly` is query `team_restriction[only][]` in the spec, query `team_restriction_only` in the docs",
    "UpdateIdentityGroup: `customFieldValuesCustomFieldKey` is query `custom_field_values[custom_field_key]` in the spec, query `custom_field_values_custom_field_key` in the docs",
    "UpdateReplyAssistantEntry: `categoryIds` is query `category_ids[]` in the spec, query `category_ids` in the docs",
    "UpdateReplyAssistantEntry: `shortcuts` is query `shortcuts[]` in the spec, query `shortcuts` in the docs",
    "UpdateReplyAssistantEntry: `sourceIds` is query `source_ids[]` in the spec, query `source_ids` in the docs",
    "UpdateReplyAssistantGroup: `entryIds` is query `entry_ids[]` in the spec, query `entry_ids` in the docs",
    "UpdateReplyAssistantVersion: `sourceIds` is query `source_ids[]` in the spec, query `source_ids` in the docs",
    "UpdateSettings: `interventionDeferRates` is query `intervention_defer_rates[]` in the spec, query `intervention_defer_rates` in the docs",
    "UpdateSource: `defaultCategoryIds` is query `default_category_ids[]` in the spec, query `default_category_ids` in the docs",
    "UpdateSource: `userThreadDefaultCategoryIds` is query `user_thread_default_category_ids[]` in the spec, query `user_thread_default_category_ids` in the docs",
    "UpdateTeam: `leaderIds` is query `leader_ids[]` in the spec, query `leader_ids` in the docs",
    "UpdateTeam: `userIds` is query `user_ids[]` in the spec, query `user_ids` in the docs",
    "UpdateTimeSheet: `sourceIds` is query `source_ids[]` in the spec, query `source_ids` in the docs",
    "UpdateUser: `categoryIds` is query `category_ids[]` in the spec, query `category_ids` in the docs",
    "UpdateUser: `identityIds` is query `identity_ids[]` in the spec, query `identity_ids` in the docs",
    "UpdateUser: `spokenLanguages` is query `spoken_languages[]` in the spec, query `spoken_languages` in the docs",
    "UpdateUser: `teamIds` is query `team_ids[]` in the spec, query `team_ids` in the docs",
    "UpdateWebhook: `registeredEvents` is query `registered_events[]` in the spec, query `registered_events` in the docs",
];

/// Where the two models' data types disagree: JSON names the docs infer from Go
/// field names (snake_case) but the spec spells otherwise, and the `Timezone` fields
/// whose schemas have a `format` but no `type` (map<any> in the Go docs).
const CORPUS_MODEL_DIFFERENCES: [&str; 7] = [
    "Attachment.Public: JSON name `public?` in the spec, `public` in the docs",
    "ContentAttachment.Public: JSON name `public?` in the spec, `public` in the docs",
    "EventExtraInfo.BusinessTimeSheetId: JSON name `business/time_sheet_id` in the spec, `business_time_sheet_id` in the docs",
    "Settings.ContentLanguages: JSON name `content_languages[]` in the spec, `content_languages` in the docs",
    "TimeSheet.Holidays: JSON name `holidays[]` in the spec, `holidays` in the docs",
    "Timezone.Name: type `string` in the spec, `map<any>` in the docs",
    "Timezone.UtcOffset: type `int32` in the spec, `map<any>` in the docs",
];

#[test]
fn corpus_spec_reads_raw_and_agrees_with_the_docs() {
    let Some(corpus) = corpus() else { return };
    let text = fs::read_to_string(corpus.join("openapi.yaml")).unwrap();
    let (spec, diagnostics) = parse_text("openapi.yaml", &text);
    let spec = spec.unwrap();
    assert_eq!(lines(&diagnostics, Severity::Error), Vec::<String>::new());
    assert_eq!(
        lines(&diagnostics, Severity::Warning),
        [
            "warning: openapi.yaml:9798: #/components/schemas/Timezone/properties/name: schema has `format: string` but no `type`: read as string",
            "warning: openapi.yaml:9800: #/components/schemas/Timezone/properties/utc_offset: schema has `format: integer` but no `type`: read as integer",
            "warning: openapi.yaml:50: #/paths/~1attachments/post/requestBody/content/multipart~1form-data:: media type `multipart/form-data:` has a stray `:`; read as `multipart/form-data`",
        ]
    );
    assert_eq!(spec.operations().count(), 116);
    assert_eq!(spec.models.len(), 63);
    assert_eq!(schemes(&spec), ["bearerAuth: bearer"]);
    let mut checked = Diagnostics::new();
    apibind::validate::validate(&spec, &mut checked);
    assert_eq!(lines(&checked, Severity::Error), Vec::<String>::new());
    assert!(apibind::emit::emit(&spec).is_ok());

    let docs = Config::new()
        .docs(corpus.join("docs"))
        .no_overlay()
        .load()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        operation_differences(&spec, &docs.api),
        CORPUS_OPERATION_DIFFERENCES
    );
    assert_eq!(
        model_differences(&spec, &docs.api),
        CORPUS_MODEL_DIFFERENCES
    );
}

/// One line per disagreement on verb, path, the set of (wire name, location), and
/// the type and required flag of the parameters both sides have, and return types.
/// Parameters on one side only are paired by documented name when they can be.
fn operation_differences(spec: &Api, docs: &Api) -> Vec<String> {
    let docs_ops: BTreeMap<&str, &Operation> =
        docs.operations().map(|o| (o.name.as_str(), o)).collect();
    let spec_ops: BTreeMap<&str, &Operation> =
        spec.operations().map(|o| (o.name.as_str(), o)).collect();
    let mut out = Vec::new();
    for name in docs_ops.keys().filter(|n| !spec_ops.contains_key(*n)) {
        out.push(format!("{name}: only in the docs"));
    }
    for (name, ours) in &spec_ops {
        let Some(theirs) = docs_ops.get(name) else {
            out.push(format!("{name}: only in the spec"));
            continue;
        };
        if (ours.method, &ours.path) != (theirs.method, &theirs.path) {
            out.push(format!(
                "{name}: {} {} in the spec, {} {} in the docs",
                ours.method, ours.path, theirs.method, theirs.path
            ));
        }
        if ours.returns != theirs.returns {
            out.push(format!(
                "{name}: returns {:?} in the spec, {:?} in the docs",
                ours.returns.as_ref().map(ToString::to_string),
                theirs.returns.as_ref().map(ToString::to_string)
            ));
        }
        out.extend(param_differences(name, ours, theirs));
    }
    out.sort();
    out
}

fn param_differences(name: &str, spec: &Operation, docs: &Operation) -> Vec<String> {
    let key = |p: &apibind::model::Param| (p.wire_name.clone(), p.location);
    let docs_keys: Vec<_> = docs.params.iter().map(key).collect();
    let spec_keys: Vec<_> = spec.params.iter().map(key).collect();
    let docs_only: Vec<_> = docs
        .params
        .iter()
        .filter(|p| !spec_keys.contains(&key(p)))
        .collect();
    let mut out = Vec::new();
    for (ours, theirs) in spec.params.iter().filter_map(|s| {
        let docs_param = docs.params.iter().find(|d| key(d) == key(s))?;
        Some((s, docs_param))
    }) {
        if (&ours.ty, ours.required) != (&theirs.ty, theirs.required) {
            out.push(format!(
                "{name}: `{}` is {} (required: {}) in the spec, {} (required: {}) in the docs",
                ours.wire_name, ours.ty, ours.required, theirs.ty, theirs.required
            ));
        }
    }
    for param in spec.params.iter().filter(|p| !docs_keys.contains(&key(p))) {
        let paired = docs_only.iter().find(|d| d.name == param.name);
        out.push(match paired {
            Some(d) => format!(
                "{name}: `{}` is {} `{}` in the spec, {} `{}` in the docs",
                param.name,
                param.location.as_str(),
                param.wire_name,
                d.location.as_str(),
                d.wire_name
            ),
            None => format!(
                "{name}: {} `{}` only in the spec",
                param.location.as_str(),
                param.wire_name
            ),
        });
    }
    for param in docs_only
        .iter()
        .filter(|d| !spec.params.iter().any(|s| s.name == d.name))
    {
        out.push(format!(
            "{name}: {} `{}` only in the docs",
            param.location.as_str(),
            param.wire_name
        ));
    }
    out
}

/// One line per disagreement between the models: missing models or fields (by
/// documented name), JSON names, types and required flags.
fn model_differences(spec: &Api, docs: &Api) -> Vec<String> {
    let mut out = Vec::new();
    for model in &docs.models {
        if spec.model(&model.name).is_none() {
            out.push(format!("{}: only in the docs", model.name));
        }
    }
    for model in &spec.models {
        let Some(theirs) = docs.model(&model.name) else {
            out.push(format!("{}: only in the spec", model.name));
            continue;
        };
        match (&model.kind, &theirs.kind) {
            (
                ModelKind::Struct { fields: ours },
                ModelKind::Struct {
                    fields: docs_fields,
                },
            ) => {
                for field in ours {
                    let Some(other) = docs_fields.iter().find(|f| f.name == field.name) else {
                        out.push(format!("{}.{}: only in the spec", model.name, field.name));
                        continue;
                    };
                    let at = format!("{}.{}", model.name, field.name);
                    if field.json_name != other.json_name {
                        out.push(format!(
                            "{at}: JSON name `{}` in the spec, `{}` in the docs",
                            field.json_name, other.json_name
                        ));
                    }
                    if field.ty != other.ty {
                        out.push(format!(
                            "{at}: type `{}` in the spec, `{}` in the docs",
                            field.ty, other.ty
                        ));
                    }
                    if field.required != other.required {
                        out.push(format!(
                            "{at}: required {} in the spec, {} in the docs",
                            field.required, other.required
                        ));
                    }
                }
            }
            (ours, docs_kind) => {
                let (ours, docs_kind) = (
                    serde_json::to_string(ours).unwrap(),
                    serde_json::to_string(docs_kind).unwrap(),
                );
                if ours != docs_kind {
                    out.push(format!(
                        "{}: {ours} in the spec, {docs_kind} in the docs",
                        model.name
                    ));
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------
// Robustness: no input makes the reader panic.

/// xorshift64*: deterministic, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        match n {
            0 => 0,
            n => (self.next() % n as u64) as usize,
        }
    }
}

const FIXTURES: [&str; 6] = [
    "v3-petstore.yaml",
    "v3-schemas.json",
    "v2-petstore.yaml",
    "v2-store.json",
    "imperfect.yaml",
    "unclear.yaml",
];

/// Text a mutation can insert: what makes YAML, JSON and specs change meaning.
const PIECES: [&str; 16] = [
    ":",
    "- ",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    "\n",
    "  ",
    "$ref: '#/components/schemas/Pet'",
    "type: array",
    "allOf:",
    "~1",
    "%",
    "é",
];

fn mutate_text(text: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = rng.below(chars.len() + 1);
    match rng.below(5) {
        0 => chars[..at].iter().collect(),
        1 => {
            let mut chars = chars;
            let other = rng.below(chars.len());
            if at < chars.len() {
                chars.swap(at, other);
            }
            chars.into_iter().collect()
        }
        2 => {
            let mut lines: Vec<&str> = text.lines().collect();
            for _ in 0..=rng.below(3) {
                let line = rng.below(lines.len());
                if line < lines.len() {
                    lines.remove(line);
                }
            }
            lines.join("\n")
        }
        3 => {
            let mut lines: Vec<&str> = text.lines().collect();
            let line = rng.below(lines.len());
            if let Some(copy) = lines.get(line).copied() {
                lines.insert(rng.below(lines.len()), copy);
            }
            lines.join("\n")
        }
        _ => {
            let piece = PIECES[rng.below(PIECES.len())];
            let mut out: String = chars[..at].iter().collect();
            out.push_str(piece);
            out.extend(&chars[at..]);
            out
        }
    }
}

/// Replaces one node of the document's tree with another value: an empty or wrong
/// kind of value, a `$ref` (to itself, to its parent, to nothing), or a copy of a
/// node found elsewhere. Text mutations mostly break the YAML; these reach the reader.
fn mutate_tree(value: &mut serde_yaml::Value, rng: &mut Rng, donors: &[serde_yaml::Value]) {
    let mut pointer = String::from("#");
    // Below the root, and the version kept: a mutant that is no spec tests little.
    let steps = 1 + rng.below(11);
    let node = descend(value, steps, rng, &mut pointer);
    let parent = pointer.rsplit_once('/').map_or("#", |(p, _)| p).to_owned();
    let reference = |target: &str| {
        serde_yaml::from_str::<serde_yaml::Value>(&format!("$ref: '{target}'")).unwrap()
    };
    *node = match rng.below(10) {
        0 => serde_yaml::Value::Null,
        1 => serde_yaml::Value::String(String::new()),
        2 => serde_yaml::from_str("[]").unwrap(),
        3 => serde_yaml::from_str("{}").unwrap(),
        4 => serde_yaml::from_str("-1").unwrap(),
        5 => reference(&pointer),
        6 => reference(&parent),
        7 => reference("#/nowhere"),
        8 => serde_yaml::from_str(
            "{type: object, properties: {a: {format: sparkly}}, allOf: [{$ref: '#'}]}",
        )
        .unwrap(),
        _ => donors[rng.below(donors.len())].clone(),
    };
}

fn keep_version(tree: &mut serde_yaml::Value, original: &serde_yaml::Value) {
    if let (Some(map), Some(original)) = (tree.as_mapping_mut(), original.as_mapping()) {
        for key in ["openapi", "swagger"] {
            if let Some(version) = original.get(key) {
                map.insert(key.into(), version.clone());
            }
        }
    }
}

/// A node `steps` levels down a random branch, and its pointer.
fn descend<'v>(
    node: &'v mut serde_yaml::Value,
    steps: usize,
    rng: &mut Rng,
    pointer: &mut String,
) -> &'v mut serde_yaml::Value {
    let len = match &*node {
        serde_yaml::Value::Mapping(map) => map.len(),
        serde_yaml::Value::Sequence(items) => items.len(),
        _ => 0,
    };
    if steps == 0 || len == 0 {
        return node;
    }
    let index = rng.below(len);
    match node {
        serde_yaml::Value::Mapping(map) => {
            let key = map.iter().nth(index).map(|(k, _)| k.clone()).unwrap();
            let token = key
                .as_str()
                .unwrap_or_default()
                .replace('~', "~0")
                .replace('/', "~1");
            pointer.push('/');
            pointer.push_str(&token);
            descend(map.get_mut(&key).unwrap(), steps - 1, rng, pointer)
        }
        serde_yaml::Value::Sequence(items) => {
            pointer.push_str(&format!("/{index}"));
            descend(&mut items[index], steps - 1, rng, pointer)
        }
        other => other,
    }
}

/// Every node of the fixtures' trees, to paste elsewhere.
fn donors(value: &serde_yaml::Value, out: &mut Vec<serde_yaml::Value>) {
    out.push(value.clone());
    match value {
        serde_yaml::Value::Mapping(map) => map.values().for_each(|v| donors(v, out)),
        serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| donors(v, out)),
        _ => {}
    }
}

#[test]
fn mutated_specs_never_panic() {
    let texts: Vec<String> = FIXTURES
        .iter()
        .map(|name| fs::read_to_string(fixture("openapi").join(name)).unwrap())
        .collect();
    let trees: Vec<serde_yaml::Value> = texts
        .iter()
        .map(|t| serde_yaml::from_str(t).unwrap())
        .collect();
    let mut pool = Vec::new();
    for tree in &trees {
        donors(tree, &mut pool);
    }
    let mut rng = Rng(0x5EED_0A91_B1ED_u64);
    let mut read = 0;
    for round in 0..2000 {
        let which = rng.below(texts.len());
        let text = match round % 2 {
            0 => {
                let mut text = mutate_text(&texts[which], &mut rng);
                if rng.below(3) == 0 {
                    text = mutate_text(&text, &mut rng);
                }
                text
            }
            _ => {
                let mut tree = trees[which].clone();
                for _ in 0..=rng.below(4) {
                    mutate_tree(&mut tree, &mut rng, &pool);
                }
                keep_version(&mut tree, &trees[which]);
                match rng.below(2) {
                    0 => serde_yaml::to_string(&tree).unwrap(),
                    _ => serde_json::to_string_pretty(&tree).unwrap_or_default(),
                }
            }
        };
        let (api, _) = parse_text("mutant.yaml", &text);
        read += usize::from(api.is_some());
    }
    // Many mutants are still specs: the mutations reach the reader, not just YAML's.
    assert!(read > 1000, "only {read} of 2000 mutants were read");
}

/// Alias bombs and deep nesting end in an error at once, never in a crash: the YAML
/// reader bounds aliases and depth; schema reading bounds its own recursion.
#[test]
fn hostile_documents_end_in_errors() {
    let mut laughs = String::from("openapi: 3.0.0\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for level in 1..9 {
        let previous = format!("*a{}", level - 1);
        let items = [previous.as_str(); 9].join(", ");
        laughs.push_str(&format!("a{level}: &a{level} [{items}]\n"));
    }
    let (api, diagnostics) = parse_text("laughs.yaml", &laughs);
    assert!(api.is_none());
    assert!(all_lines(&diagnostics).contains("repetition limit exceeded"));

    let nested = |levels: usize, step: &dyn Fn(usize) -> String| {
        let mut text = String::from(
            "openapi: 3.0.0\ninfo: {title: Deep}\ncomponents:\n  schemas:\n    Deep:\n",
        );
        let mut indent = 6;
        for _ in 0..levels {
            text.push_str(&step(indent));
            indent += 2;
        }
        text + &" ".repeat(indent) + "type: string\n"
    };
    let items = |indent: usize| format!("{}items:\n", " ".repeat(indent));
    let (api, diagnostics) = parse_text("deep.yaml", &nested(120, &items));
    assert!(api.is_some());
    assert!(
        lines(&diagnostics, Severity::Warning).iter().any(|e| e
            .starts_with("warning: deep.yaml:69: #/components/schemas/Deep/items/items")
            && e.ends_with("schemas nest too deeply to read")),
        "{}",
        all_lines(&diagnostics)
    );
    let (api, diagnostics) = parse_text("deeper.yaml", &nested(300, &items));
    assert!(api.is_none());
    assert!(all_lines(&diagnostics).contains("recursion limit exceeded"));
    // Inline objects nested as deep as YAML allows: one model each.
    let mut objects =
        String::from("openapi: 3.0.0\ninfo: {title: Deep}\ncomponents:\n  schemas:\n");
    for level in 0..62 {
        let pad = " ".repeat(4 + 4 * level);
        objects.push_str(&format!(
            "{pad}{}:\n{pad}  properties:\n",
            if level == 0 { "Deep" } else { "a" }
        ));
    }
    objects.push_str(&format!("{}a: {{type: string}}\n", " ".repeat(4 + 4 * 62)));
    let (api, diagnostics) = parse_text("objects.yaml", &objects);
    assert_eq!(lines(&diagnostics, Severity::Error), Vec::<String>::new());
    assert_eq!(api.map(|a| a.models.len()), Some(62));
}

/// Requirements that cannot be read cost only themselves: a list item that is not a
/// map is warned and skipped (the operation is not made public by it), a scheme
/// that cannot be sent is left out, and `security: []` is public.
#[test]
fn malformed_security_is_warned_and_skipped() {
    let text = r#"
openapi: 3.0.3
info: {title: Locks, version: "1"}
servers: [{url: "https://locks.example.com"}]
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
    digest: {type: http, scheme: digest}
    nameless: {type: apiKey, in: header}
paths:
  /locks:
    get:
      operationId: listLocks
      security: [key, {key: []}]
      responses: {"200": {description: ok}}
  /health:
    get:
      operationId: health
      security: []
      responses: {"200": {description: ok}}
"#;
    let (api, diagnostics) = parse_text("locks.yaml", text);
    let api = api.unwrap();
    assert_eq!(schemes(&api), ["key: header key X-Key"]);
    assert_eq!(
        op(&api, "ListLocks").security,
        Some(vec![vec!["key".to_owned()]])
    );
    assert_eq!(op(&api, "Health").security, Some(Vec::new()));
    let warnings = lines(&diagnostics, Severity::Warning).join("\n");
    for expected in [
        "a security requirement must be a map",
        "`digest` (HTTP `digest`) cannot be sent",
        "`nameless` needs a `name`",
    ] {
        assert!(warnings.contains(expected), "{expected}: {warnings}");
    }
}

/// JSON Schema allows any integer, and real specs write bounds past i64 and u64:
/// they read (as the nearest float), and the document with them.
#[test]
fn integers_past_i64_and_u64_do_not_refuse_the_document() {
    let (api, diagnostics) = parse_clean("big-numbers.json");
    assert_eq!(lines(&diagnostics, Severity::Warning), Vec::<String>::new());
    let list = op(&api, "ListCounters");
    assert_eq!(
        params(list),
        [
            p("above", "above", Location::Query, "int64", false),
            p("below", "below", Location::Query, "double", false),
        ]
    );
    let field = |name: &str, ty: &str| (name.to_owned(), name.to_lowercase(), ty.to_owned(), false);
    // Plain `integer` is int32 unless its bounds need more, whatever its `format`
    // says.
    assert_eq!(
        fields(&api, "Counter"),
        [
            field("Value", "int64"),
            field("Flags", "int64"),
            field("Small", "int32"),
            field("Declared", "int64"),
        ]
    );
}
