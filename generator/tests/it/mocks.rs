//! The `mock` feature of generated crates (issue 24): typed expectations that match
//! exactly what the client sends, and a report of what differed.
//!
//! `mock-wire` (the Kennel spec) has repeated and comma-joined query arrays, a header
//! parameter, a form body, a multipart upload, a JSON body and paging; its `e2e/`
//! tests pass when the consumer sends what was expected and fail, naming what
//! differed, when it sends something else. `consumer` is a program written against
//! `generated-client/` as the README shows, with its own mock tests.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::{fixture, write_and_compile};
use apibind::Config;

#[test]
fn mocks_match_every_wire_fact_and_report_differences() {
    let config = Config::new()
        .spec(fixture("mock-wire").join("openapi.yaml"))
        .no_overlay();
    write_and_compile(&config, "mock-wire");
}

/// Copies `from` into `to`, recursively.
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        match path.is_dir() {
            true => copy_dir(&path, &target),
            false => {
                fs::copy(&path, &target).unwrap();
            }
        }
    }
}

#[test]
fn a_consumer_tests_its_program_with_the_mocks_of_generated_client() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let client = workspace.join("generated-client").canonicalize().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("consumer");
    copy_dir(&fixture("consumer"), &dir);
    let manifest = fs::read_to_string(dir.join("Cargo.toml.in")).unwrap();
    fs::remove_file(dir.join("Cargo.toml.in")).unwrap();
    let client = client.to_str().unwrap().replace('\\', "/");
    fs::write(
        dir.join("Cargo.toml"),
        manifest.replace("{client}", &client),
    )
    .unwrap();
    fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    for args in [
        &["clippy", "--all-targets", "--", "-D", "warnings"][..],
        &["test"][..],
    ] {
        let output = Command::new(&cargo)
            .args(args)
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", workspace.join("target/fixture-crates"))
            .env("CARGO_INCREMENTAL", "0")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "cargo {args:?} failed:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// The README's test of the consumer is the consumer's own first test, word for
/// word: what the README shows is what is built and run above.
#[test]
fn the_readme_shows_the_consumer_test_that_runs() {
    let readme = include_str!("../../../README.md");
    let tests = fs::read_to_string(fixture("consumer").join("tests/mocked.rs")).unwrap();
    let start = tests.find("#[tokio::test]").unwrap();
    let end = start + tests[start..].find("\n}\n").unwrap() + 3;
    let first_test = &tests[start..end];
    assert!(
        readme.contains(first_test),
        "the README's mock example is not the consumer's test:\n{first_test}"
    );
    let manifest = fs::read_to_string(fixture("consumer").join("Cargo.toml.in")).unwrap();
    let dependency =
        "engage-digital-client = { path = \"../generated-client\", features = [\"mock\"] }";
    assert!(readme.contains(dependency), "{dependency}");
    assert!(manifest.contains("features = [\"mock\"]"), "{manifest}");
}
