//! Whole-file snapshots of what every fixture generates: its `models.rs` and
//! `requests.rs`, or the report of an input that must fail. The inputs are found,
//! not listed: every folder of `tests/fixtures` holding markdown docs, and every
//! OpenAPI or Swagger document there, so a new fixture gets its snapshots (and CI
//! fails until they are reviewed and committed).

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
}

impl Input {
    /// The snapshots' name: the path below `tests/fixtures`, `/` as `-`.
    fn name(&self) -> String {
        let path = match self {
            Input::Docs(path) | Input::Spec(path) => path,
        };
        path.strip_prefix(FIXTURES)
            .unwrap()
            .to_string_lossy()
            .replace(['/', '\\'], "-")
    }

    fn config(&self) -> Config {
        match self {
            Input::Docs(dir) => Config::new().docs(dir),
            Input::Spec(file) => Config::new().spec(file),
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
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "e2e" && !(has_docs && name == "docs") {
                inputs(&path, found);
            }
        } else if !has_docs
            && (name.ends_with(".yaml") || name.ends_with(".json"))
            && apibind::discover::is_spec_document(&fs::read_to_string(&path).unwrap())
        {
            found.push(Input::Spec(path));
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
                for module in ["models", "requests"] {
                    let path = format!("src/{module}.rs");
                    let source = &files.iter().find(|(p, _)| *p == path).unwrap().1;
                    insta::assert_snapshot!(format!("{name}.{module}"), source);
                }
            }
            Err(error) => insta::assert_snapshot!(format!("{name}.error"), error.to_string()),
        }
    }
}
