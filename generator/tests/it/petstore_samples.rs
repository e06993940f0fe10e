//! The Go SDK docs swagger-codegen wrote for its own test spec, three generations of
//! them (2018, 2.4 and 3.0), each beside the spec it came from: they hold what real
//! docs hold (pointer-typed fields, enum models, optional bodies, form and multipart
//! parameters, binary data, maps, nested arrays). Runs where `APIBIND_CORPUS` is set
//! (CI); elsewhere it prints a notice and passes.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::common::{compile, corpus_folder};
use apibind::diagnostic::Severity;
use apibind::Config;

/// The three folders, with the operations and models their docs give.
const FOLDERS: [(&str, usize, usize); 3] = [
    ("swagger-codegen-2018", 32, 36),
    ("swagger-codegen-2.4", 32, 39),
    ("swagger-codegen-3", 45, 47),
];

const SPEC: &str = "petstore-with-fake-endpoints-models-for-testing.yaml";

fn folder(name: &str) -> Option<PathBuf> {
    corpus_folder("petstore-samples").map(|dir| dir.join(name))
}

/// Warnings counted by kind (`-` for a warning without one).
fn warnings_by_kind(loaded: &apibind::Loaded) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for d in loaded.diagnostics.iter() {
        if d.severity == Severity::Warning {
            *counts.entry(d.kind.unwrap_or("-").to_owned()).or_default() += 1;
        }
    }
    counts
}

/// Every folder generates: no error, no operation left out, every model.
#[test]
fn every_folder_generates_without_errors_or_left_out_operations() {
    for (name, operations, models) in FOLDERS {
        let Some(dir) = folder(name) else { return };
        let loaded = Config::new()
            .docs(dir.join("docs"))
            .no_overlay()
            .load()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(loaded.diagnostics.count(Severity::Error), 0, "{name}");
        assert_eq!(loaded.left_out, Vec::<String>::new(), "{name}");
        assert_eq!(loaded.api.operations().count(), operations, "{name}");
        assert_eq!(loaded.api.models.len(), models, "{name}");
        // What is generated loosely, and why: model docs without properties (scalar
        // and enum models, whose values these docs never print), `optional.` type
        // cells, and the auth schemes operations name, which the SDK's README (not
        // copied beside these docs) would declare.
        let kinds = warnings_by_kind(&loaded);
        for kind in kinds.keys() {
            assert!(
                [
                    "model without properties, read as any JSON",
                    "model without properties, read as a string",
                    "type `optional.` naming no type, read as a string",
                    "undeclared auth scheme",
                ]
                .contains(&kind.as_str()),
                "{name}: {kinds:?}\n{}",
                loaded.render_diagnostics()
            );
        }
        // And a strict run refuses exactly those.
        let strict = Config::new()
            .docs(dir.join("docs"))
            .no_overlay()
            .strict(true)
            .load();
        let total: usize = kinds.values().sum();
        match strict {
            Err(apibind::Error::Invalid { errors, .. }) => assert_eq!(errors, total, "{name}"),
            Ok(_) => assert_eq!(total, 0, "{name}"),
            Err(other) => panic!("{name}: {other}"),
        }
    }
}

/// What the docs say of the wire, checked against the spec for the constructs these
/// folders exist for.
#[test]
fn wire_facts_match_the_spec_where_the_docs_can_know_them() {
    let Some(dir) = folder("swagger-codegen-2.4") else {
        return;
    };
    let loaded = Config::new()
        .docs(dir.join("docs"))
        .no_overlay()
        .load()
        .unwrap_or_else(|e| panic!("{e}"));
    let api = &loaded.api;
    let op = |name: &str| api.operations().find(|op| op.name == name).unwrap();
    // `Content-Type: Not defined` with a model parameter: the JSON body.
    let place = op("PlaceOrder");
    assert_eq!(place.body, apibind::model::Body::Json);
    assert_eq!(place.params[0].location, apibind::model::Location::Body);
    // A `*Category` field is a `Category`.
    let pet = api.model("Pet").unwrap();
    let apibind::model::ModelKind::Struct { fields } = &pet.kind else {
        panic!("Pet is a struct")
    };
    let category = fields.iter().find(|f| f.name == "Category").unwrap();
    assert_eq!(category.ty.to_string(), "Category");
    // `multipart/form-data` with a `*os.File` parameter: a file part.
    let upload = op("UploadFile");
    assert_eq!(upload.body, apibind::model::Body::Multipart);
    assert!(upload.params.iter().any(|p| p.ty.is_binary()));
}

/// Each folder's client passes clippy `-D warnings`, rustdoc `-D warnings` and its
/// tests.
#[test]
fn every_folder_client_compiles_cleanly() {
    for (name, _, _) in FOLDERS {
        let Some(dir) = folder(name) else { return };
        let out = tempfile::tempdir().unwrap();
        let crate_dir = out
            .path()
            .join(format!("petstore-{}", name.replace('.', "")));
        Config::new()
            .docs(dir.join("docs"))
            .no_overlay()
            .crate_name(format!("petstore-{}", name.replace('.', "")))
            .write_crate(&crate_dir)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        compile(&crate_dir);
    }
}

/// `apibind diff` against each folder's spec lists only what Go docs cannot know:
/// statuses and enum values they do not print, wire and JSON names (Go names are
/// printed), locations (header and form look like query to the docs), number
/// formats and `date` (Go has `float32` and `string`), names Go gives inline schemas
/// and reserved words (`Body1`, `Var123List`), and types the docs leave opaque. No
/// operation, method, path or parameter differs.
#[test]
fn diff_lists_only_what_the_docs_cannot_know() {
    for (name, _, _) in FOLDERS {
        let Some(dir) = folder(name) else { return };
        let differences = Config::new()
            .docs(dir.join("docs"))
            .spec(dir.join(SPEC))
            .no_overlay()
            .diff()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        for difference in &differences {
            assert!(
                !["operation", "method", "path", "parameter", "required"]
                    .contains(&difference.fact),
                "{name}: {difference}"
            );
            if difference.fact == "location" {
                assert_eq!(difference.docs, "query", "{name}: {difference}");
                assert!(
                    ["header", "form"].contains(&difference.spec.as_str()),
                    "{name}: {difference}"
                );
            }
        }
        let list: Vec<String> = differences.iter().map(ToString::to_string).collect();
        insta::assert_snapshot!(format!("diff_{}", name.replace('.', "_")), list.join("\n"));
    }
}

/// The spec beside each folder (Swagger 2.0 and OpenAPI 3.0, written to hold every
/// feature) generates with no error and no operation left out, into a crate that
/// passes clippy `-D warnings`, rustdoc and its tests.
#[test]
fn every_spec_generates_a_clean_client() {
    for (name, operations, _) in FOLDERS {
        let Some(dir) = folder(name) else { return };
        let out = tempfile::tempdir().unwrap();
        let crate_name = format!("petstore-spec-{}", name.replace('.', ""));
        let crate_dir = out.path().join(&crate_name);
        let (loaded, summary) = Config::new()
            .spec(dir.join(SPEC))
            .no_overlay()
            .crate_name(&crate_name)
            .write_crate(&crate_dir)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(loaded.left_out, Vec::<String>::new(), "{name}");
        assert_eq!(summary.operations, operations, "{name}");
        compile(&crate_dir);
    }
}
