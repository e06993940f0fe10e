//! openapi-generator's petstore docs in every client language it prints docs for
//! (`../shared/corpus/petstore-sdks/`, issue 21), each beside the spec it came from:
//! each folder generates with no error and no operation left out, into a crate that
//! passes clippy `-D warnings`, rustdoc and its tests, and `apibind diff` against its
//! spec lists only what the docs of that language cannot know. Runs where
//! `APIBIND_CORPUS` is set (CI); elsewhere it prints a notice and passes.

use std::path::PathBuf;

use crate::common::{compile, corpus_folder};
use apibind::diagnostic::Severity;
use apibind::parse::markdown::Language;
use apibind::Config;

/// A folder: its name, its docs folder, the spec it was printed from, its language,
/// and the operations and models its docs give.
struct Folder {
    name: &'static str,
    docs: &'static str,
    spec: &'static str,
    language: Language,
    operations: usize,
    models: usize,
}

const FAKE: &str = "petstore-with-fake-endpoints-models-for-testing";

const fn folder(
    name: &'static str,
    spec: &'static str,
    language: Language,
    operations: usize,
    models: usize,
) -> Folder {
    Folder {
        name,
        docs: "docs",
        spec,
        language,
        operations,
        models,
    }
}

/// Every folder of the corpus. The counts are what the docs list: the Java `native`
/// docs' `...WithHttpInfo` twins are one operation each, and the `typescript`
/// generator prints no model docs.
fn folders() -> Vec<Folder> {
    use Language::*;
    vec![
        folder("python", "3_0_python_FAKE.yaml", Python, 62, 113),
        folder("typescript-axios", "2_0_petstore.yaml", TypeScript, 20, 6),
        folder("typescript-fetch", "2_0_petstore.yaml", TypeScript, 20, 6),
        folder("typescript", "3_0_petstore.yaml", TypeScript, 20, 0),
        folder(
            "javascript-es6",
            "3_0_javascript_FAKE.yaml",
            JavaScript,
            44,
            53,
        ),
        folder(
            "java-native",
            "3_0_java_native_FAKE-with-http-signature.yaml",
            Java,
            44,
            83,
        ),
        folder("kotlin", "2_0_petstore.yaml", Kotlin, 20, 6),
        folder(
            "csharp-generichost",
            "3_0_csharp_FAKE-with-http-signature.yaml",
            CSharp,
            49,
            103,
        ),
        folder(
            "csharp-restsharp",
            "3_0_csharp_FAKE-with-http-signature.yaml",
            CSharp,
            49,
            103,
        ),
        folder("php", "3_0_php_FAKE.yaml", Php, 54, 53),
        folder("ruby-faraday", "3_0_ruby_FAKE.yaml", Ruby, 46, 62),
        folder("swift5", "2_0_FAKE.yaml", Swift, 37, 47),
        folder("rust-reqwest", "3_0_rust_petstore.yaml", Rust, 28, 24),
        folder("r", "3_0_r_petstore.yaml", R, 27, 27),
        folder(
            "powershell",
            "3_0_powershell_FAKE-with-http-signature.yaml",
            PowerShell,
            42,
            78,
        ),
        folder("go", "3_0_go_FAKE-with-http-signature.yaml", Go, 47, 75),
        Folder {
            docs: "doc",
            ..folder("dart-dio", "3_0_dart_FAKE.yaml", Dart, 47, 59)
        },
    ]
}

impl Folder {
    fn dir(&self) -> Option<PathBuf> {
        corpus_folder("petstore-sdks").map(|dir| dir.join(self.name))
    }

    fn spec(&self) -> Option<PathBuf> {
        corpus_folder("petstore-sdks")
            .map(|dir| dir.join("specs").join(self.spec.replace("FAKE", FAKE)))
    }

    fn config(&self) -> Option<Config> {
        Some(Config::new().docs(self.dir()?.join(self.docs)).no_overlay())
    }
}

/// Every folder generates: no error, no operation left out, every model, and every
/// page read in the folder's language.
#[test]
fn every_language_generates_without_errors_or_left_out_operations() {
    for folder in folders() {
        let Some(config) = folder.config() else {
            return;
        };
        let name = folder.name;
        let loaded = config.load().unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            loaded.diagnostics.count(Severity::Error),
            0,
            "{name}: {}",
            loaded.render_diagnostics()
        );
        assert_eq!(loaded.left_out, Vec::<String>::new(), "{name}");
        assert_eq!(loaded.api.operations().count(), folder.operations, "{name}");
        assert_eq!(loaded.api.models.len(), folder.models, "{name}");
        let diagnostics = loaded.render_diagnostics();
        assert!(
            !diagnostics.contains(&format!("is not a {} type", Language::Go.name()))
                || folder.language == Language::Go,
            "{name} read as Go:\n{diagnostics}"
        );
    }
}

/// Each folder's client passes clippy `-D warnings`, rustdoc `-D warnings` and its
/// tests; the folders share one target directory.
#[test]
fn every_language_client_compiles_cleanly() {
    for folder in folders() {
        let Some(config) = folder.config() else {
            return;
        };
        let out = tempfile::tempdir().unwrap();
        let crate_name = format!("petstore-sdk-{}", folder.name);
        let crate_dir = out.path().join(&crate_name);
        config
            .crate_name(&crate_name)
            .write_crate(&crate_dir)
            .unwrap_or_else(|e| panic!("{}: {e}", folder.name));
        compile(&crate_dir);
    }
}

/// `apibind diff` against each folder's spec: every operation of the docs is the
/// spec's (matched by name in any case, else by method and path), with its method and
/// path. What is left differs where the docs cannot know: wire and JSON names (the
/// templates print each language's names), statuses that the docs print no table
/// of, integer widths, enum values, and the names of inline schemas. The list is a
/// snapshot per folder.
#[test]
fn diff_lists_only_what_each_language_cannot_know() {
    for folder in folders() {
        let (Some(config), Some(spec)) = (folder.config(), folder.spec()) else {
            return;
        };
        let differences = config
            .spec(spec)
            .diff()
            .unwrap_or_else(|e| panic!("{}: {e}", folder.name));
        for difference in &differences {
            // Rust's docs print a path's placeholders by the parameter's Rust name
            // (`{user_name}` for `{user-name}`): the same path all the same.
            let same_path = difference.fact == "path"
                && placeholders_blank(&difference.docs) == placeholders_blank(&difference.spec);
            assert!(
                !["operation", "method", "path"].contains(&difference.fact) || same_path,
                "{}: {difference}",
                folder.name
            );
        }
        let list: Vec<String> = differences.iter().map(ToString::to_string).collect();
        insta::assert_snapshot!(format!("sdk_diff_{}", folder.name), list.join("\n"));
    }
}

/// `/pets/{pet-id}/x` → `/pets/{}/x`.
fn placeholders_blank(path: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => {
                inside = true;
                out.push('{');
            }
            '}' => {
                inside = false;
                out.push('}');
            }
            _ if inside => {}
            c => out.push(c),
        }
    }
    out
}
