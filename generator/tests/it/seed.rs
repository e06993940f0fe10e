//! The user's document, `spec/`, through the whole pipeline.

use std::path::Path;

use apibind::model::{Location, TypeRef};
use apibind::{output, Config};

fn spec() -> Config {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    Config::new()
        .docs(root.join("spec"))
        .overlay(root.join("spec/apibind.yaml"))
        .crate_name("engage-digital-client")
}

#[test]
fn seed_model_has_seven_operations_with_their_wire_names() {
    let loaded = spec().load().unwrap();
    let api = &loaded.api;
    let names: Vec<&str> = api.operations().map(|op| op.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "CancelIntervention",
            "CategorizeIntervention",
            "CloseIntervention",
            "CreateIntervention",
            "GetAllInterventions",
            "GetIntervention",
            "ReassignIntervention"
        ]
    );
    let op = |name: &str| api.operations().find(|op| op.name == name).unwrap();
    let wire = |op_name: &str| -> Vec<(String, Location)> {
        op(op_name)
            .params
            .iter()
            .map(|p| (p.wire_name.clone(), p.location))
            .collect()
    };
    assert_eq!(
        wire("CategorizeIntervention"),
        [
            ("interventionId".to_owned(), Location::Path),
            ("category_ids[]".to_owned(), Location::Query)
        ]
    );
    assert_eq!(
        wire("GetAllInterventions")
            .into_iter()
            .map(|(w, _)| w)
            .collect::<Vec<_>>(),
        [
            "thread_id",
            "user_id",
            "identity_group_id",
            "identity_id",
            "sort",
            "offset",
            "limit"
        ]
    );
    assert_eq!(
        wire("CreateIntervention"),
        [("content_id".to_owned(), Location::Query)]
    );
    let all = op("GetAllInterventions");
    let sort = all.params.iter().find(|p| p.name == "sort").unwrap();
    assert_eq!(sort.enum_values, ["created_at", "updated_at"]);
    assert!(all.params.iter().all(|p| !p.required));
    assert_eq!(
        op("CreateIntervention").returns,
        Some(TypeRef::Named("Intervention".into()))
    );
    assert_eq!(
        api.base_url.template,
        "https://{domain}.api.engagement.dimelo.com/1.0"
    );
}

#[test]
fn statuses_from_the_prose_are_attached_to_their_operations() {
    let loaded = spec().load().unwrap();
    let statuses = |name: &str| -> Vec<String> {
        let op = loaded.api.operations().find(|op| op.name == name).unwrap();
        op.errors.iter().map(|e| e.status.to_string()).collect()
    };
    assert_eq!(statuses("CancelIntervention"), ["404", "409", "403"]);
    assert_eq!(statuses("CategorizeIntervention"), ["404"]);
    assert_eq!(statuses("CloseIntervention"), ["409", "403"]);
    assert_eq!(statuses("CreateIntervention"), ["422"]);
    assert_eq!(statuses("GetAllInterventions"), Vec::<String>::new());
    assert_eq!(statuses("GetIntervention"), ["404"]);
    assert_eq!(statuses("ReassignIntervention"), Vec::<String>::new());
}

#[test]
fn overlay_overrides_are_reported_as_notes() {
    let loaded = spec().load().unwrap();
    let notes: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
    let has = |needle: &str| notes.iter().any(|n| n.contains(needle));
    assert!(
        has("return type of `CreateIntervention` to `Intervention`"),
        "{notes:#?}"
    );
    assert!(
        has("wire name `identity_id[]` → `identity_id`"),
        "{notes:#?}"
    );
    assert!(has("base URL"), "{notes:#?}");
    assert!(notes.iter().all(|n| n.starts_with("note:")), "{notes:#?}");
}

#[test]
fn model_snapshot() {
    let loaded = spec().load().unwrap();
    let mut json = serde_json::to_value(&loaded.api).unwrap();
    strip_machine_paths(&mut json);
    insta::assert_json_snapshot!("seed_model", json);
}

#[test]
fn generated_code_snapshots() {
    let (_, emitted) = spec().emit().unwrap();
    // The runtime modules are copied verbatim; only the generated ones are snapshots.
    for module in emitted.modules.iter().filter(|m| m.generated) {
        insta::assert_snapshot!(format!("seed_{}", module.name), module.source);
    }
}

#[test]
fn checked_in_crate_is_up_to_date() {
    let (_, files) = spec().crate_files().unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated-client");
    let diff = output::diff_files(&dir, &files);
    assert!(
        diff.is_empty(),
        "generated-client/ is stale; run `cargo run -p apibind -- generate`:\n{diff}"
    );
}

/// Provenance holds the path the docs were read from, which depends on where the
/// checkout is; the snapshot keeps only the file name.
fn strip_machine_paths(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                if key == "file" {
                    if let Some(text) = item.as_str() {
                        let name = text.rsplit('/').next().unwrap_or(text).to_owned();
                        *item = serde_json::Value::String(name);
                    }
                } else {
                    strip_machine_paths(item);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_machine_paths),
        _ => {}
    }
}
