//! Which files an input is: the pages and README of a docs folder, the specs of a spec
//! folder. Every listing is sorted by name, so output never depends on the order the
//! file system lists files in.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Where the docs given as `dir` have their pages and their SDK's README. Given an
/// SDK's root (a `README.md` beside a `docs/` folder), the pages are `docs/*.md`;
/// given a folder named `docs`, the README is the one beside it (the API docs link
/// to `../README.md`), if it exists. Other folders have none: the README beside a
/// `spec/` folder is a project's, not an SDK's.
pub fn docs_layout(dir: &Path) -> (PathBuf, Option<PathBuf>) {
    let readme = dir.join("README.md");
    if dir.join("docs").is_dir() && readme.is_file() {
        return (dir.join("docs"), Some(readme));
    }
    let beside = match dir.file_name() {
        Some(name) if name.eq_ignore_ascii_case("docs") => {
            dir.parent().map(|parent| parent.join("README.md"))
        }
        _ => None,
    };
    (dir.to_path_buf(), beside.filter(|path| path.is_file()))
}

/// The `*.md` files of `dir` and of its subfolders ([`docs_subfolders`]), sorted by
/// path: some SDKs keep their pages in `docs/Api/` and `docs/Model/` (PHP) or
/// `docs/apis/` and `docs/models/` (C#).
pub fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let is_markdown = |path: &Path| path.extension().is_some_and(|e| e == "md");
    let mut files = files_of(dir, is_markdown)?;
    for folder in docs_subfolders(dir)? {
        files.extend(files_of(&folder, is_markdown)?);
    }
    files.sort();
    Ok(files)
}

/// The folders of `dir` whose pages are read with its own, sorted: those the
/// templates write, `Api/` and `Model/` (PHP) or `apis/` and `models/` (C#), in any
/// case. Other folders may hold anything (another SDK, tests).
pub fn docs_subfolders(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut folders = Vec::new();
    for entry in fs::read_dir(dir).map_err(Error::io(dir))? {
        let path = entry.map_err(Error::io(dir))?.path();
        let pages = path.file_name().is_some_and(|n| {
            let name = n.to_string_lossy().to_ascii_lowercase();
            ["api", "apis", "model", "models"].contains(&name.as_str())
        });
        if path.is_dir() && pages {
            folders.push(path);
        }
    }
    folders.sort();
    Ok(folders)
}

/// The `*.yaml`, `*.yml` and `*.json` files of `dir` but the overlay, sorted by name.
pub fn spec_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    files_of(dir, |path| {
        path.extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
            && path.file_name().is_some_and(|n| n != "apibind.yaml")
    })
}

/// The files of `dir` that `wanted` accepts, sorted by name.
fn files_of(dir: &Path, wanted: impl Fn(&Path) -> bool) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(Error::io(dir))? {
        let path = entry.map_err(Error::io(dir))?.path();
        if wanted(&path) && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Whether `text` is an OpenAPI or Swagger document (has `openapi:` or `swagger:`),
/// or looks meant to be one (so that its syntax errors are reported).
pub fn is_spec_document(text: &str) -> bool {
    match crate::parse::yaml::from_str(text) {
        Ok(root) => root
            .as_mapping()
            .is_some_and(|m| m.contains_key("openapi") || m.contains_key("swagger")),
        Err(_) => text.lines().take(20).any(|line| {
            let line = line.trim_start().trim_start_matches(['{', '"', '\'']);
            line.starts_with("openapi") || line.starts_with("swagger")
        }),
    }
}

/// A path as shown in diagnostics, with `/` on every platform.
pub(crate) fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The text of `path`.
pub(crate) fn read(path: &Path) -> Result<String, Error> {
    fs::read_to_string(path).map_err(Error::io(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for file in files {
            let path = dir.path().join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        dir
    }

    #[test]
    fn an_sdk_root_has_its_pages_in_docs_and_its_readme_beside() {
        let sdk = folder(&["README.md", "docs/PetApi.md"]);
        let (pages, readme) = docs_layout(sdk.path());
        assert_eq!(pages, sdk.path().join("docs"));
        assert_eq!(readme, Some(sdk.path().join("README.md")));
        // Given `docs/` itself, the README beside it.
        let (pages, readme) = docs_layout(&sdk.path().join("docs"));
        assert_eq!(pages, sdk.path().join("docs"));
        assert_eq!(readme, Some(sdk.path().join("README.md")));
    }

    #[test]
    fn a_project_readme_is_not_an_sdk_readme() {
        let project = folder(&["README.md", "spec/PetApi.md"]);
        let spec = project.path().join("spec");
        assert_eq!(docs_layout(&spec), (spec.clone(), None));
    }

    #[test]
    fn listings_are_sorted_and_filtered() {
        let dir = folder(&["b.md", "a.md", "c.txt", "apibind.yaml", "z.json", "y.yml"]);
        fs::create_dir(dir.path().join("d.md")).unwrap();
        let names = |files: Vec<PathBuf>| -> Vec<String> {
            files
                .iter()
                .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(names(markdown_files(dir.path()).unwrap()), ["a.md", "b.md"]);
        assert_eq!(names(spec_files(dir.path()).unwrap()), ["y.yml", "z.json"]);
        let missing = markdown_files(&dir.path().join("none")).unwrap_err();
        assert!(matches!(missing, Error::Io { .. }), "{missing}");
    }

    #[test]
    fn pages_in_the_templates_subfolders_are_read() {
        let dir = folder(&[
            "Api/PetApi.md",
            "Model/Pet.md",
            "Model/deeper/Ignored.md",
            "other-sdk/README.md",
            ".git/HEAD.md",
            "README.md",
        ]);
        let files: Vec<String> = markdown_files(dir.path())
            .unwrap()
            .iter()
            .map(|f| display(f.strip_prefix(dir.path()).unwrap()))
            .collect();
        assert_eq!(files, ["Api/PetApi.md", "Model/Pet.md", "README.md"]);
        let folders: Vec<String> = docs_subfolders(dir.path())
            .unwrap()
            .iter()
            .map(|f| display(f.strip_prefix(dir.path()).unwrap()))
            .collect();
        assert_eq!(folders, ["Api", "Model"]);
    }

    #[test]
    fn specs_are_told_apart_from_fragments() {
        assert!(is_spec_document("openapi: 3.0.0\ninfo: {}\n"));
        assert!(is_spec_document("{\"swagger\": \"2.0\"}"));
        assert!(!is_spec_document("Pet:\n  type: object\n"));
        // Broken but meant to be one: its errors are reported.
        assert!(is_spec_document("openapi: 3.0.0\npaths: [\n"));
        assert!(!is_spec_document("a: [\n"));
    }

    #[test]
    fn paths_display_with_slashes() {
        assert_eq!(display(Path::new("docs\\PetApi.md")), "docs/PetApi.md");
    }
}
