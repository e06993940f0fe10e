//! Helpers shared by the integration tests.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use apibind::model::{Api, Location, ModelKind, Operation};

/// The operation called `name`.
pub fn op<'a>(api: &'a Api, name: &str) -> &'a Operation {
    api.operations()
        .find(|op| op.name == name)
        .unwrap_or_else(|| panic!("no operation {name}"))
}

/// (documented name, wire name, location, type, required) of each parameter.
pub fn params(op: &Operation) -> Vec<(String, String, Location, String, bool)> {
    op.params
        .iter()
        .map(|p| {
            (
                p.name.clone(),
                p.wire_name.clone(),
                p.location,
                p.ty.to_string(),
                p.required,
            )
        })
        .collect()
}

/// A parameter as [`params`] lists it.
pub fn row(
    name: &str,
    wire: &str,
    location: Location,
    ty: &str,
    required: bool,
) -> (String, String, Location, String, bool) {
    (
        name.to_owned(),
        wire.to_owned(),
        location,
        ty.to_owned(),
        required,
    )
}

/// The warnings and errors of a run, one line each.
pub fn problems(loaded: &apibind::Loaded) -> Vec<String> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity >= apibind::diagnostic::Severity::Warning)
        .map(|d| d.to_string())
        .collect()
}

/// The files of the crate `name` generated from `api`.
pub fn crate_files(api: &Api, name: &str) -> Vec<(String, String)> {
    let emitted = apibind::emit::emit(api).unwrap();
    emitted
        .crate_files(api, &apibind::emit::CrateInfo::new(name))
        .unwrap()
}

/// The text of the generated file `name`.
pub fn file<'a>(files: &'a [(String, String)], name: &str) -> &'a str {
    &files.iter().find(|(path, _)| path == name).unwrap().1
}

/// (name, JSON name, type, required) of each field of the struct model `model`.
pub fn fields(api: &Api, model: &str) -> Vec<(String, String, String, bool)> {
    match &api
        .model(model)
        .unwrap_or_else(|| panic!("no model {model}"))
        .kind
    {
        ModelKind::Struct { fields } => fields
            .iter()
            .map(|f| {
                (
                    f.name.clone(),
                    f.json_name.clone(),
                    f.ty.to_string(),
                    f.required,
                )
            })
            .collect(),
        other => panic!("{model} is {other:?}"),
    }
}

/// A fixture directory of the project's own.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The Engage Digital corpus, or `None` (with a notice) when `APIBIND_CORPUS` is not
/// set, as on a user's machine; CI sets it.
pub fn corpus() -> Option<PathBuf> {
    match std::env::var_os("APIBIND_CORPUS") {
        Some(dir) => Some(PathBuf::from(dir).join("engage-digital")),
        None => {
            eprintln!("APIBIND_CORPUS is not set: skipping the corpus test");
            None
        }
    }
}

/// The folder of `../shared/corpus` named `name` (e.g. `petstore-samples`), or `None`
/// (with a notice) when `APIBIND_CORPUS` is not set.
pub fn corpus_folder(name: &str) -> Option<PathBuf> {
    corpus().map(|engage| engage.with_file_name(name))
}

/// Copies the fixture's `e2e/*.rs` (tests of the generated client over HTTP), if it
/// has any, into the crate's `tests/`, with the dev-dependencies they use.
fn add_e2e_tests(dir: &Path) {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let Ok(entries) = fs::read_dir(fixture(&name).join("e2e")) else {
        return;
    };
    fs::create_dir_all(dir.join("tests")).unwrap();
    for entry in entries {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.join("tests").join(path.file_name().unwrap())).unwrap();
    }
    let manifest = dir.join("Cargo.toml");
    // The generated crate already has `[dev-dependencies]` (tokio, for examples).
    let text = fs::read_to_string(&manifest).unwrap().replace(
        "[dev-dependencies]\n",
        "[dev-dependencies]\nfutures-util = \"0.3.30\"\nserde_json = \"1.0.120\"\nwiremock = \"0.6\"\n",
    );
    fs::write(manifest, text).unwrap();
}

/// Runs clippy, rustdoc and the doctests of the crate in `dir`, failing on any
/// warning. The crate gets the workspace's `Cargo.lock` and a shared target directory,
/// so its dependencies build once.
pub fn compile(dir: &Path) {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    add_e2e_tests(dir);
    let target = workspace.join("target/fixture-crates");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let output = Command::new(&cargo)
            .args(args)
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", &target)
            // Each crate is built once: incremental state would only fill the disk.
            .env("CARGO_INCREMENTAL", "0")
            .envs(env.iter().copied())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "cargo {args:?} failed in {}:\n{}\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    };
    // Every feature (`tracing`, `mock`) at once: one build of the crate serves all
    // three commands.
    run(
        &[
            "clippy",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    );
    run(
        &["doc", "--no-deps", "--all-features"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    );
    run(&["test", "--all-features"], &[]);
}

/// Writes the crate of `config` into a directory named `name` (the fixture's, as
/// [`compile`] expects, so that its `e2e/` tests come along) and checks it with
/// clippy, rustdoc and its tests.
pub fn write_and_compile(config: &apibind::Config, name: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(name);
    config.write_crate(&dir).unwrap();
    compile(&dir);
}
