//! The `apibind` command as a user runs it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `apibind args` from the workspace root, as the README does.
fn apibind(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apibind"))
        .args(args)
        .current_dir(workspace())
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn model_json_lists_seven_operations_with_wire_names() {
    let output = apibind(&["model", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let model: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let operations: Vec<&serde_json::Value> = model["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["operations"].as_array().unwrap())
        .collect();
    assert_eq!(operations.len(), 7);
    for op in &operations {
        for key in ["name", "method", "path", "params", "returns", "errors"] {
            assert!(op.get(key).is_some(), "operation lacks `{key}`: {op}");
        }
        for param in op["params"].as_array().unwrap() {
            for key in ["name", "wire_name", "location", "required", "type"] {
                assert!(param.get(key).is_some(), "param lacks `{key}`: {param}");
            }
        }
    }
    let wire_names: Vec<&str> = operations
        .iter()
        .flat_map(|op| op["params"].as_array().unwrap())
        .map(|p| p["wire_name"].as_str().unwrap())
        .collect();
    assert!(wire_names.contains(&"category_ids[]"));
    assert!(wire_names.contains(&"identity_id"));
    assert!(!wire_names.contains(&"identity_id[]"));
    // The overlay's corrections are announced on stderr.
    assert!(stderr(&output).contains("note: overlay sets the return type of `CreateIntervention`"));
}

#[test]
fn model_yaml_is_the_same_model() {
    let json: serde_json::Value = serde_json::from_slice(&apibind(&["model"]).stdout).unwrap();
    let yaml = apibind(&["model", "--format", "yaml"]);
    assert!(yaml.status.success());
    let from_yaml: serde_json::Value = serde_yaml::from_slice(&yaml.stdout).unwrap();
    assert_eq!(json, from_yaml);
}

#[test]
fn check_passes_on_the_checked_in_crate() {
    let output = apibind(&["check"]);
    assert!(
        output.status.success(),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    assert!(stdout(&output).contains("up to date"));
}

#[test]
fn generate_then_check_then_stale_check_with_a_diff() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("client");
    let out_arg = out.to_str().unwrap();
    let generate = apibind(&["generate", "--out", out_arg, "--name", "my-client"]);
    assert!(generate.status.success(), "{}", stderr(&generate));
    // Cargo.toml, README.md, apibind-api.json and src/*.rs, all new.
    let files = 3 + fs::read_dir(out.join("src")).unwrap().count();
    assert_eq!(
        stdout(&generate).trim(),
        format!("apibind: 7 operations, 2 models, 0 errors, 0 warnings: {files} files written, 0 unchanged in {out_arg}")
    );
    let cargo_toml = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(cargo_toml.contains("name = \"my-client\""));

    let check = apibind(&["check", "--out", out_arg, "--name", "my-client"]);
    assert!(check.status.success(), "{}", stdout(&check));

    let models = out.join("src/models.rs");
    let edited = fs::read_to_string(&models)
        .unwrap()
        .replace("pub closed:", "pub shut:");
    fs::write(&models, edited).unwrap();
    let stale = apibind(&["check", "--out", out_arg, "--name", "my-client"]);
    assert_eq!(stale.status.code(), Some(1));
    let diff = stdout(&stale);
    assert!(diff.contains("-    pub shut: Option<bool>,"), "{diff}");
    assert!(diff.contains("+    pub closed: Option<bool>,"), "{diff}");
    assert!(stderr(&stale).contains("is stale"));

    // Regenerating writes only the changed file; the API is the one the crate kept.
    let again = apibind(&["generate", "--out", out_arg, "--name", "my-client"]);
    assert!(
        stdout(&again).contains(&format!("1 file written, {} unchanged", files - 1)),
        "{}",
        stdout(&again)
    );
    assert!(stdout(&again).ends_with("\napibind: client API: unchanged\n"));
}

#[test]
fn errors_exit_nonzero_with_the_place_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let overlay = dir.path().join("overlay.yaml");
    fs::write(&overlay, "title: X\nbase_url:\n  templat: https://x\n").unwrap();
    let out = dir.path().join("client");
    let output = apibind(&[
        "generate",
        "--overlay",
        overlay.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("unknown field `templat`"), "{err}");
    assert!(err.contains("overlay.yaml:3"), "{err}");
    assert!(err.contains("templat: https://x"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!out.exists());
}

#[test]
fn usage_errors_are_reported_by_clap() {
    let output = apibind(&["model", "--format", "toml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("invalid value 'toml'"));
}

/// A folder with more than three warnings of a kind: grouped by default, each with
/// `--verbose`; `--strict` fails and writes nothing.
#[test]
fn warnings_are_grouped_verbose_lists_them_strict_fails() {
    let out = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Five operations, each of whose section no method-table row lists.
    let mut api = String::from("# \\ThingsApi\n\nAll URIs are relative to *https://api.example.com*\n\nMethod | HTTP request | Description\n--- | --- | ---\n[**Ok**](ThingsApi.md#Ok) | **Get** /ok | Fine\n\n## Ok\n\n> Ok(ctx)\nFine\n");
    for n in 1..=5 {
        api.push_str(&format!("\n## Lost{n}\n\n> Lost{n}(ctx)\nNo row\n"));
    }
    fs::write(dir.path().join("ThingsApi.md"), api).unwrap();
    let docs = dir.path().to_str().unwrap();
    let crate_dir = out.path().join("c");
    let crate_dir = crate_dir.to_str().unwrap();

    let output = apibind(&[
        "generate", "--docs", docs, "--out", crate_dir, "--name", "c",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = stderr(&output);
    assert_eq!(report.matches("is left out").count(), 0, "{report}");
    assert!(
        report.contains("warning: operation left out: 5, e.g. "),
        "{report}"
    );
    assert!(
        stdout(&output)
            .starts_with("apibind: 1 operation (5 left out), 0 models, 0 errors, 5 warnings"),
        "{}",
        stdout(&output)
    );

    let output = apibind(&["generate", "--docs", docs, "--out", crate_dir, "--verbose"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output).matches("is left out").count(), 5);

    let strict_dir = out.path().join("strict");
    let output = apibind(&[
        "generate",
        "--docs",
        docs,
        "--out",
        strict_dir.to_str().unwrap(),
        "--strict",
    ]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("apibind: 5 error(s); nothing was written"),
        "{}",
        stderr(&output)
    );
    assert!(!strict_dir.exists());
}
