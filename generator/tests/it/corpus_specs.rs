//! The big public specs of `../shared/corpus/specs` (Discord, Oxide, Spotify; issue
//! 20): each generates with no operation left out, its crate passes clippy `-D
//! warnings`, rustdoc and a test that decodes, with the generated models, the values
//! its schemas allow (`instances`) and the schemas' own examples. The counts are
//! printed per spec; the models must decode at least 99% of the values, each as a
//! variant the spec lists (not as a union's raw-JSON fallback), and every example but
//! those that contradict their schema (each listed with why).

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::common::{compile, corpus_folder};
use crate::instances;
use apibind::Config;

/// Examples that contradict their own schema, so that no model of the schema can
/// decode them: (spec, schema, what the example gets wrong).
const CONTRADICTING_EXAMPLES: &[(&str, &str, &str)] = &[];

/// Each spec's component schemas, by name, as JSON.
fn schemas(root: &serde_json::Value) -> Vec<(String, serde_json::Value)> {
    let container = root
        .pointer("/components/schemas")
        .or_else(|| root.get("definitions"));
    container
        .and_then(serde_json::Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default()
}

/// Letters and digits, lower case: how a schema's name and its Rust type are matched.
fn key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The types `models.rs` declares, by [`key`].
fn declared_types(models: &str) -> std::collections::BTreeMap<String, String> {
    models
        .lines()
        .filter_map(|line| {
            let rest = ["pub struct ", "pub enum ", "pub type "]
                .iter()
                .find_map(|p| line.strip_prefix(p))?;
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            Some((key(&name), name))
        })
        .collect()
}

/// The decode test written into the generated crate: every made value and example
/// of each schema decoded as its model (as `Option<T>`, so a nullable schema's `null`
/// decodes too), the counts written to `decoded.txt`.
fn decode_test(dir: &Path, root: &serde_json::Value) -> (usize, usize) {
    let models = fs::read_to_string(dir.join("src/models.rs")).unwrap();
    let types = declared_types(&models);
    let lib = fs::read_to_string(dir.join("Cargo.toml"))
        .unwrap()
        .lines()
        .find_map(|l| {
            l.strip_prefix("name = \"")
                .map(|n| n.trim_end_matches('"').replace('-', "_"))
        })
        .unwrap();
    fs::create_dir_all(dir.join("tests/values")).unwrap();
    let mut calls = String::new();
    let (mut matched, mut unmatched) = (0, 0);
    for (index, (name, schema)) in schemas(root).iter().enumerate() {
        let Some(ty) = types.get(&key(name)) else {
            unmatched += 1;
            continue;
        };
        matched += 1;
        let made = instances::of_schema(root, schema);
        let file = format!("values/{index}.json");
        let values = serde_json::json!({"made": made.made, "examples": made.examples});
        fs::write(dir.join("tests").join(&file), values.to_string()).unwrap();
        writeln!(
            calls,
            "    check::<{lib}::models::{ty}>({name:?}, include_str!({file:?}), &mut tally);"
        )
        .unwrap();
    }
    let contradicting: Vec<String> = CONTRADICTING_EXAMPLES
        .iter()
        .map(|(_, schema, _)| format!("{schema:?}"))
        .collect();
    let test = format!(
        r#"//! Written by apibind's `corpus_specs` test: the values each schema allows, and
//! its examples, decoded with the generated models.

#[derive(Default)]
struct Tally {{
    made: (usize, usize),
    examples: (usize, usize),
    failures: Vec<String>,
}}

/// Examples known to contradict their schema.
const CONTRADICTING: &[&str] = &[{contradicting}];

fn check<T: serde::de::DeserializeOwned + std::fmt::Debug>(name: &str, text: &str, tally: &mut Tally) {{
    let values: serde_json::Value = serde_json::from_str(text).unwrap();
    for (kind, count) in [("made", &mut tally.made), ("examples", &mut tally.examples)] {{
        for value in values[kind].as_array().unwrap() {{
            count.1 += 1;
            match serde_json::from_value::<Option<T>>(value.clone()) {{
                // A value made for a listed variant must not need the fallback.
                Ok(decoded) if kind == "made" && format!("{{decoded:?}}").contains("UnknownValue(") => {{
                    tally.failures.push(format!("{{name}} ({{kind}}): kept as raw JSON: {{value}}"))
                }}
                Ok(_) => count.0 += 1,
                Err(_) if kind == "examples" && CONTRADICTING.contains(&name) => {{}}
                Err(error) => tally.failures.push(format!("{{name}} ({{kind}}): {{error}}: {{value}}")),
            }}
        }}
    }}
}}

#[test]
fn the_models_decode_what_the_schemas_allow() {{
    let mut tally = Tally::default();
{calls}
    let counts = format!(
        "{{}}/{{}} values and {{}}/{{}} examples of {matched} schemas decode ({unmatched} schemas have no type)",
        tally.made.0, tally.made.1, tally.examples.0, tally.examples.1
    );
    std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/decoded.txt"), &counts).unwrap();
    let failed_examples = tally.failures.iter().filter(|f| f.contains("(examples)")).count();
    assert!(
        tally.made.0 * 100 >= tally.made.1 * 99 && failed_examples == 0,
        "{{counts}}\n{{}}",
        tally.failures.join("\n")
    );
}}
"#,
        contradicting = contradicting.join(", ")
    );
    // serde and serde_json are the crate's own dependencies, which its tests use.
    fs::write(dir.join("tests/decode.rs"), test).unwrap();
    (matched, unmatched)
}

fn read_root(path: &Path) -> serde_json::Value {
    let text = fs::read_to_string(path).unwrap();
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => serde_json::from_str(&text).unwrap(),
        _ => {
            let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
            serde_json::to_value(yaml).unwrap()
        }
    }
}

#[test]
fn the_big_public_specs_generate_compile_and_decode() {
    let Some(folder) = corpus_folder("specs") else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    for (file, name) in [
        ("spotify.yaml", "corpus-spotify"),
        ("oxide-nexus.json", "corpus-oxide"),
        ("discord.json", "corpus-discord"),
    ] {
        let path = folder.join(file);
        let config = Config::new().spec(&path).no_overlay().crate_name(name);
        let dir = out.path().join(name);
        let (loaded, _) = config.write_crate(&dir).unwrap();
        let left_out = loaded.diagnostics.left_out();
        assert!(left_out.is_empty(), "{file}: {left_out:?} are left out");
        let root = read_root(&path);
        decode_test(&dir, &root);
        compile(&dir);
        let counts = fs::read_to_string(dir.join("decoded.txt")).unwrap();
        eprintln!("{file}: {counts}");
    }
}
