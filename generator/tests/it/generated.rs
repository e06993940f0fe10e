//! Whole-file snapshots of what every fixture generates: its `models.rs`,
//! `requests.rs` and `mocks.rs`, or the report of an input that must fail. The inputs are found,
//! not listed: every folder of `tests/fixtures` holding markdown docs; every OpenAPI
//! or Swagger document elsewhere, alone and with each OAI Overlay beside it; and
//! every folder of specs sharing fragments, merged. So a new fixture gets its snapshots
//! (and CI fails until they are reviewed and committed).

use std::fs;
use std::path::{Path, PathBuf};

use apibind::Config;

/// One input found among the fixtures.
#[derive(Debug)]
enum Input {
    /// A folder of markdown docs, with its overlay if it has one.
    Docs(PathBuf),
    /// One spec document, with the default overlay beside it if any.
    Spec(PathBuf),
    /// A spec with an OAI Overlay of its folder.
    SpecWithOverlay(PathBuf, PathBuf),
    /// A folder of specs, merged into one API.
    SpecFolder(PathBuf),
}

impl Input {
    /// The snapshots' name: the path below `tests/fixtures`, `/` as `-`, and the
    /// overlay's file name after a `+`.
    fn name(&self) -> String {
        let relative = |path: &Path| {
            path.strip_prefix(FIXTURES)
                .unwrap()
                .to_string_lossy()
                .replace(['/', '\\'], "-")
        };
        match self {
            Input::Docs(path) | Input::Spec(path) | Input::SpecFolder(path) => relative(path),
            Input::SpecWithOverlay(spec, overlay) => format!(
                "{}+{}",
                relative(spec),
                overlay.file_name().unwrap().to_string_lossy()
            ),
        }
    }

    fn config(&self) -> Config {
        match self {
            Input::Docs(dir) => Config::new().docs(dir),
            Input::Spec(file) | Input::SpecFolder(file) => Config::new().spec(file),
            Input::SpecWithOverlay(spec, overlay) => Config::new().spec(spec).overlay(overlay),
        }
    }
}

/// Relative to the package, as cargo runs tests, so reports name no machine path.
const FIXTURES: &str = "tests/fixtures";

/// Every input below `dir`, in path order. A folder of docs is one input (a `docs/`
/// folder inside one is its pages, not another input); `e2e/` folders hold tests.
fn inputs(dir: &Path, found: &mut Vec<Input>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    let has_docs = entries
        .iter()
        .any(|p| p.extension().is_some_and(|e| e == "md"));
    if has_docs {
        found.push(Input::Docs(dir.to_path_buf()));
    }
    let documents: Vec<(PathBuf, String)> = entries
        .iter()
        .filter(|p| !has_docs && p.is_file())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        })
        .map(|p| (p.clone(), fs::read_to_string(p).unwrap()))
        .collect();
    let overlays: Vec<&PathBuf> = documents
        .iter()
        .filter(|(_, text)| apibind::overlay::oai::is_oai(text))
        .map(|(path, _)| path)
        .collect();
    let specs: Vec<&PathBuf> = documents
        .iter()
        .filter(|(_, text)| apibind::discover::is_spec_document(text))
        .map(|(path, _)| path)
        .collect();
    for spec in &specs {
        found.push(Input::Spec(spec.to_path_buf()));
        for overlay in &overlays {
            found.push(Input::SpecWithOverlay(
                spec.to_path_buf(),
                overlay.to_path_buf(),
            ));
        }
    }
    // Specs sharing fragments (documents that are neither) are one API split over
    // files; other folders merely keep several fixtures together.
    let fragments = documents.len() - specs.len() - overlays.len();
    if specs.len() > 1 && fragments > 0 {
        found.push(Input::SpecFolder(dir.to_path_buf()));
    }
    for path in entries.iter().filter(|p| p.is_dir()) {
        let name = path.file_name().unwrap();
        if name != "e2e" && !(has_docs && name == "docs") {
            inputs(path, found);
        }
    }
}

#[test]
fn every_fixture_generates_what_its_snapshots_show() {
    let mut found = Vec::new();
    inputs(Path::new(FIXTURES), &mut found);
    // The discovery itself: every kind of fixture is found.
    let names: Vec<String> = found.iter().map(Input::name).collect();
    for expected in [
        "grammar",
        "grammar-auth-sdk",
        "pets",
        "openapi-v2-petstore.yaml",
        "openapi-31-openapi.yaml",
        "spec-files-split-openapi.yaml",
        "spec-files-folder",
        "oai-overlay-spec.yaml+overlay.yaml",
        "oai-overlay-spec.yaml+bad-overlay.yaml",
        "spec-servers-none.yaml",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    assert!(found.len() >= 25, "{names:?}");
    for input in &found {
        let name = input.name();
        match input.config().crate_files() {
            Ok((_, files)) => {
                for module in ["models", "requests", "mocks"] {
                    let path = format!("src/{module}.rs");
                    let source = &files.iter().find(|(p, _)| *p == path).unwrap().1;
                    insta::assert_snapshot!(format!("{name}.{module}"), source);
                }
            }
            Err(error) => insta::assert_snapshot!(format!("{name}.error"), error.to_string()),
        }
    }
}
