//! The complete Engage Digital docs (29 API files, 116 operations, 63 models) against
//! the OpenAPI spec they were generated from. Runs where `APIBIND_CORPUS` is set (CI);
//! elsewhere it prints a notice and passes.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::common::{compile, corpus, fixture};
use apibind::model::{Api, Location};
use apibind::Config;
use serde_yaml::Value;

/// One operation as the spec states it.
#[derive(Clone, Debug, PartialEq)]
struct SpecOperation {
    method: String,
    path: String,
    /// (wire name, location), in the spec's order.
    params: Vec<(String, Location)>,
    /// The 200 response in the model's type grammar, `None` without a body.
    returns: Option<String>,
}

/// A small reader of the spec: just what the docs can be compared on. Operations are
/// keyed by the docs' name, the operationId with a capital first letter.
fn read_spec(path: &Path) -> BTreeMap<String, SpecOperation> {
    let spec: Value = serde_yaml::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let mut operations = BTreeMap::new();
    for (route, item) in spec["paths"].as_mapping().unwrap() {
        for (method, op) in item.as_mapping().unwrap() {
            let id = op["operationId"].as_str().unwrap();
            let name = format!("{}{}", id[..1].to_uppercase(), &id[1..]);
            let mut params: Vec<(String, Location)> = op["parameters"]
                .as_sequence()
                .into_iter()
                .flatten()
                .map(|p| {
                    let location = match p["in"].as_str().unwrap() {
                        "path" => Location::Path,
                        "query" => Location::Query,
                        "header" => Location::Header,
                        other => panic!("unexpected location {other}"),
                    };
                    (p["name"].as_str().unwrap().to_owned(), location)
                })
                .collect();
            if let Some(content) = op["requestBody"]["content"].as_mapping() {
                for (media, body) in content {
                    let location = match media.as_str().unwrap() {
                        m if m.starts_with("multipart/") => Location::Multipart,
                        "application/x-www-form-urlencoded" => Location::Form,
                        _ => Location::Body,
                    };
                    for (field, _) in body["schema"]["properties"].as_mapping().unwrap() {
                        params.push((field.as_str().unwrap().to_owned(), location));
                    }
                }
            }
            let schema = &op["responses"][200]["content"]["application/json"]["schema"];
            operations.insert(
                name,
                SpecOperation {
                    method: method.as_str().unwrap().to_uppercase(),
                    path: route.as_str().unwrap().to_owned(),
                    params,
                    returns: schema_type(schema),
                },
            );
        }
    }
    operations
}

/// A response schema in the model's type grammar.
fn schema_type(schema: &Value) -> Option<String> {
    if let Some(reference) = schema["$ref"].as_str() {
        return Some(reference.rsplit('/').next().unwrap().to_owned());
    }
    match schema["type"].as_str()? {
        "array" => Some(format!("array<{}>", schema_type(&schema["items"])?)),
        "string" => Some("string".to_owned()),
        "boolean" => Some("bool".to_owned()),
        "integer" => Some(schema["format"].as_str().unwrap_or("int32").to_owned()),
        other => panic!("unexpected response type {other}"),
    }
}

fn docs_operations(api: &Api) -> BTreeMap<String, SpecOperation> {
    api.operations()
        .map(|op| {
            (
                op.name.clone(),
                SpecOperation {
                    method: op.method.to_string(),
                    path: op.path.clone(),
                    params: op
                        .params
                        .iter()
                        .map(|p| (p.wire_name.clone(), p.location))
                        .collect(),
                    returns: op.returns.as_ref().map(|t| t.to_string()),
                },
            )
        })
        .collect()
}

#[test]
fn corpus_docs_read_without_errors_and_agree_with_the_spec() {
    let Some(corpus) = corpus() else { return };
    let docs = corpus.join("docs");
    let loaded = Config::new()
        .docs(&docs)
        .overlay(fixture("engage-digital/apibind.yaml"))
        .load()
        .unwrap_or_else(|e| panic!("{e}"));
    let api = &loaded.api;
    let api_files = fs::read_dir(&docs)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with("Api.md")
        })
        .count();
    assert_eq!(api_files, 29);
    assert_eq!(api.groups.len(), 29);
    assert_eq!(api.operations().count(), 116);
    assert_eq!(api.models.len(), 63);

    let spec = read_spec(&corpus.join("openapi.yaml"));
    let ours = docs_operations(api);
    assert_eq!(
        spec.keys().collect::<Vec<_>>(),
        ours.keys().collect::<Vec<_>>(),
        "the same operations"
    );
    // The docs list required parameters before optional ones; the spec has its own
    // order. What must agree is the set.
    for (name, expected) in spec {
        let mut ours = ours[&name].clone();
        let mut expected = expected;
        ours.params.sort_by(|a, b| a.0.cmp(&b.0));
        expected.params.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(ours, expected, "{name}");
    }
}

/// What the inference rules get right on their own, without an overlay, for the 475
/// non-path parameters (473 in the query, 2 multipart fields). The closing figures of
/// DESIGN.md §5 come from here; a rule that gets worse fails this test.
#[test]
fn inference_rules_on_the_corpus_without_an_overlay() {
    let Some(corpus) = corpus() else { return };
    let loaded = Config::new()
        .docs(corpus.join("docs"))
        .no_overlay()
        .load()
        .unwrap_or_else(|e| panic!("{e}"));
    let spec = read_spec(&corpus.join("openapi.yaml"));
    let mut non_path = 0;
    let mut location_right = 0;
    let mut name_right = 0;
    let mut array_names_right = 0;
    let mut arrays = 0;
    for op in loaded.api.operations() {
        let expected = &spec[&op.name].params;
        for param in op.params.iter().filter(|p| p.location != Location::Path) {
            non_path += 1;
            // The spec parameter this one stands for: same name once brackets go.
            let bare = |w: &str| {
                w.replace(['[', ']'], "_")
                    .trim_end_matches('_')
                    .replace("__", "_")
            };
            let Some((wire, location)) = expected
                .iter()
                .find(|(w, _)| bare(w) == bare(&param.wire_name))
            else {
                panic!("{}: no spec parameter for {}", op.name, param.wire_name)
            };
            location_right += usize::from(*location == param.location);
            name_right += usize::from(*wire == param.wire_name);
            if param.ty.array_item().is_some() {
                arrays += 1;
                array_names_right += usize::from(*wire == param.wire_name);
            }
        }
    }
    eprintln!(
        "rule location-from-body: {location_right} of {non_path} locations right\n\
         rule query-name: {name_right} of {non_path} wire names right ({array_names_right} of {arrays} arrays)"
    );
    assert_eq!(non_path, 475);
    assert_eq!(location_right, 475);
    assert_eq!(arrays, 55);
    // Without the `[]` suffix, the 18 arrays the API reads bare are right and the 37
    // bracketed ones are not; 3 names nest brackets (`role_restriction[only][]`).
    assert_eq!(array_names_right, 18);
    assert_eq!(name_right, 475 - 37 - 1);
}

/// The models `spec/apibind.yaml` declares for the seed are the corpus' own.
#[test]
fn seed_overlay_models_match_the_corpus_docs() {
    let Some(corpus) = corpus() else { return };
    let seed = Config::new()
        .docs(Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec"))
        .load()
        .unwrap();
    let full = Config::new()
        .docs(corpus.join("docs"))
        .no_overlay()
        .load()
        .unwrap();
    for model in &seed.api.models {
        let fields = |api: &Api| crate::common::fields(api, &model.name);
        assert_eq!(fields(&seed.api), fields(&full.api), "{}", model.name);
    }
}

/// The whole API's client passes clippy `-D warnings`, rustdoc `-D warnings` and its
/// doctests.
#[test]
fn corpus_client_compiles_cleanly() {
    let Some(corpus) = corpus() else { return };
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("engage-digital-full");
    let (loaded, summary) = Config::new()
        .docs(corpus.join("docs"))
        .overlay(fixture("engage-digital/apibind.yaml"))
        .crate_name("engage-digital-full")
        .write_crate(&dir)
        .unwrap();
    assert_eq!((summary.operations, summary.models), (116, 63));
    assert_eq!(
        loaded
            .diagnostics
            .count(apibind::diagnostic::Severity::Error),
        0
    );
    compile(&dir);
}

/// `apibind diff` on the raw corpus: the disagreements between the docs and the
/// spec, counted by kind. Wire names: the 37 `[]` suffixes and one nested key the
/// docs cannot say; JSON names: 5 keys with brackets or `?`; types: the two
/// `Timezone` fields; values: enums only the spec lists; error statuses: the docs'
/// prose names statuses the spec leaves out, and the other way round.
#[test]
fn diff_lists_the_known_disagreements() {
    let Some(corpus) = corpus() else { return };
    let differences = Config::new()
        .docs(corpus.join("docs"))
        .spec(corpus.join("openapi.yaml"))
        .no_overlay()
        .diff()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for difference in &differences {
        *counts.entry(difference.fact).or_default() += 1;
    }
    assert_eq!(
        counts,
        BTreeMap::from([
            ("JSON name", 5),
            ("error statuses", 33),
            ("type", 2),
            ("values", 7),
            ("wire name", 38),
        ]),
        "{differences:#?}"
    );
    assert!(differences.iter().any(|d| d.to_string()
        == "CategorizeIntervention.categoryIds: wire name: docs `category_ids`, spec `category_ids[]`"));
}

/// Docs and spec together: the spec's wire facts with the docs' prose.
#[test]
fn docs_and_spec_merge_into_one_client() {
    let Some(corpus) = corpus() else { return };
    let loaded = Config::new()
        .docs(corpus.join("docs"))
        .spec(corpus.join("openapi.yaml"))
        .no_overlay()
        .load()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.api.operations().count(), 116);
    let op = loaded
        .api
        .operations()
        .find(|op| op.name == "CategorizeIntervention")
        .unwrap();
    // The wire name is the spec's; the error's meaning is the docs' prose.
    assert_eq!(op.params[1].wire_name, "category_ids[]");
    let not_found = op
        .errors
        .iter()
        .find(|e| e.status.to_string() == "404")
        .unwrap();
    assert!(
        not_found.meaning.contains("does not have “read”"),
        "{}",
        not_found.meaning
    );

    // And the merged client compiles cleanly.
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("engage-digital-merged");
    Config::new()
        .docs(corpus.join("docs"))
        .spec(corpus.join("openapi.yaml"))
        .no_overlay()
        .crate_name("engage-digital-merged")
        .write_crate(&dir)
        .unwrap();
    compile(&dir);
}
