//! The library's entry point: a [`Config`] builder, used by build scripts and the CLI,
//! in the style of `prost_build::Config`. It says what to read and where to write;
//! [`crate::pipeline`] does the reading, [`crate::emit`] the generating and
//! [`crate::output`] the writing.
//!
//! In `build.rs`, with `include!(concat!(env!("OUT_DIR"), "/apibind.rs"));` in `lib.rs`:
//!
//! ```no_run
//! let config = apibind::Config::new().docs("spec").overlay("spec/apibind.yaml");
//! if let Err(error) = config.write_out_dir() {
//!     eprintln!("{error}");
//!     std::process::exit(1);
//! }
//! ```

use std::path::{Path, PathBuf};

use crate::changes::{self, Report};
use crate::diagnostic::Severity;
use crate::discover::{docs_layout, docs_subfolders, markdown_files, spec_files};
use crate::emit::surface::surface;
use crate::emit::{self, CrateInfo, Emitted};
use crate::error::Error;
use crate::model::Api;
use crate::output::{self, Summary};
use crate::pipeline::{self, Loaded, Plan};
use crate::reconcile::Difference;

/// Where the overlay comes from.
#[derive(Clone, Debug)]
enum OverlaySource {
    /// `<docs>/apibind.yaml` when it exists.
    Default,
    /// This file, which must exist.
    File(PathBuf),
    /// No overlay.
    None,
}

/// What to generate from, and how strictly.
#[derive(Clone, Debug)]
pub struct Config {
    docs: Option<PathBuf>,
    /// Whether `docs` was set (rather than the default `spec/`).
    docs_set: bool,
    spec: Option<PathBuf>,
    /// Whether the spec an SDK checkout holds beside its docs is ignored.
    docs_only: bool,
    overlay: OverlaySource,
    crate_name: Option<String>,
    crate_version: Option<String>,
    strict: bool,
    verbose: bool,
}

/// How [`Config::regenerate`] treats a change of the client's public API.
#[derive(Clone, Copy, Debug, Default)]
pub struct Regenerate {
    /// Write the version the change needs into `Cargo.toml` and the report on top of
    /// `CHANGELOG.md`.
    pub bump: bool,
    /// Fail, writing nothing, when the change breaks the crate's users.
    pub deny_breaking: bool,
}

/// The next generation of a crate ([`Config::next_crate`]).
#[derive(Debug)]
pub struct NextCrate {
    /// The model generated from.
    pub loaded: Loaded,
    /// Its files, relative to its directory.
    pub files: Vec<(String, String)>,
    /// The change of its public API, when the crate kept its previous one.
    pub report: Option<Report>,
    /// Its version, as its `Cargo.toml` has it (0.1.0 for a new crate).
    pub version: String,
    /// When the API changed: the new API as the crate would keep it once released.
    /// Until then `files` keep the last release's (see [`Config::regenerate`]).
    pub released: Option<String>,
}

/// What [`Config::regenerate`] did.
#[derive(Debug)]
pub struct Regenerated {
    /// The model generated from.
    pub loaded: Loaded,
    /// What was written.
    pub summary: Summary,
    /// The change of the client's public API, when the crate kept its previous one.
    pub report: Option<Report>,
    /// The crate's version before the run.
    pub previous_version: String,
    /// The crate's version now.
    pub version: String,
}

/// Where SDK generators write the spec they printed the docs from, relative to the
/// checkout's root (the docs folder's parent): openapi-generator's, then
/// swagger-codegen's.
const SPECS_BESIDE_DOCS: [&str; 2] = ["api/openapi.yaml", "api/swagger.yaml"];

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

impl Config {
    /// Reads the docs in `spec/` with the overlay `spec/apibind.yaml` if it exists.
    pub fn new() -> Self {
        Config {
            docs: Some(PathBuf::from("spec")),
            docs_set: false,
            spec: None,
            docs_only: false,
            overlay: OverlaySource::Default,
            crate_name: None,
            crate_version: None,
            strict: false,
            verbose: false,
        }
    }

    /// With `true`, every warning is an error: nothing is generated loosely or left
    /// out, the run fails instead. Off by default: one unreadable item costs only
    /// itself.
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// With `true`, the report lists every warning instead of summing up the kinds
    /// seen more than a few times.
    pub fn verbose(mut self, verbose: bool) -> Self {
        self.verbose = verbose;
        self
    }

    /// Reads the markdown docs (`*.md`) of `dir`.
    pub fn docs(mut self, dir: impl Into<PathBuf>) -> Self {
        self.docs = Some(dir.into());
        self.docs_set = true;
        self
    }

    /// Reads an OpenAPI 3.1, 3.0 or Swagger 2.0 spec (YAML or JSON), with the files of
    /// its folder its `$ref`s name, or every spec of a folder, merged into one. Without
    /// [`Config::docs`] it is the only input; with docs, the spec wins on wire facts
    /// and the docs on prose.
    pub fn spec(mut self, file: impl Into<PathBuf>) -> Self {
        self.spec = Some(file.into());
        if !self.docs_set {
            self.docs = None;
        }
        self
    }

    /// Applies the overlay `file`, which must exist: apibind's own (`apibind.yaml`),
    /// or an OAI Overlay 1.0 document (with a top-level `overlay:` key), which changes
    /// the [`Config::spec`] before it is read and needs one.
    pub fn overlay(mut self, file: impl Into<PathBuf>) -> Self {
        self.overlay = OverlaySource::File(file.into());
        self
    }

    /// With `true`, reads the docs alone, even in an SDK checkout that also holds the
    /// spec the docs were printed from (`api/openapi.yaml` or `api/swagger.yaml` beside
    /// the docs folder), which is otherwise read as [`Config::spec`] would be.
    pub fn docs_only(mut self, docs_only: bool) -> Self {
        self.docs_only = docs_only;
        self
    }

    /// The spec an SDK checkout holds beside its docs folder, read with the docs unless
    /// [`Config::docs_only`] is set or a spec is given.
    pub fn spec_beside_docs(&self) -> Option<PathBuf> {
        if self.docs_only || self.spec.is_some() {
            return None;
        }
        let (pages, _) = docs_layout(self.docs.as_ref()?);
        let root = pages.parent().unwrap_or(Path::new(""));
        SPECS_BESIDE_DOCS
            .iter()
            .map(|file| root.join(file))
            .find(|path| path.is_file())
    }

    /// Applies no overlay, even if the docs directory has `apibind.yaml`.
    pub fn no_overlay(mut self) -> Self {
        self.overlay = OverlaySource::None;
        self
    }

    /// Names the standalone crate (default: the API title in kebab case + `-client`).
    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = Some(name.into());
        self
    }

    /// The overlay file that will be read, if any: the one given, else `apibind.yaml`
    /// beside the docs (or the spec) when it exists.
    pub fn overlay_path(&self) -> Option<PathBuf> {
        match &self.overlay {
            OverlaySource::Default => self
                .input_dir()
                .map(|dir| dir.join("apibind.yaml"))
                .filter(|p| p.is_file()),
            OverlaySource::File(path) => Some(path.clone()),
            OverlaySource::None => None,
        }
    }

    /// The directory a default overlay is looked for in: the docs', else the spec's.
    fn input_dir(&self) -> Option<PathBuf> {
        match (&self.docs, &self.spec) {
            (Some(docs), _) => Some(docs.clone()),
            (None, Some(spec)) if spec.is_dir() => Some(spec.clone()),
            (None, Some(spec)) => Some(spec.parent().map_or_else(PathBuf::new, Path::to_path_buf)),
            (None, None) => None,
        }
    }

    /// The crate name for [`Config::write_crate`]: the one given, else one made from
    /// the API's title that cargo always takes.
    pub fn resolved_crate_name(&self, api: &Api) -> String {
        self.crate_name.clone().unwrap_or_else(|| {
            let base = heck::ToKebabCase::to_kebab_case(api.title.as_str());
            let base = match base.is_empty() {
                true => "api".to_owned(),
                false if emit::crate_name_problem(&base).is_none() => base,
                // `2FA`, `Fermée`: ASCII words that start with a letter.
                false => crate::emit::names::snake(&api.title).replace('_', "-"),
            };
            format!("{base}-client")
        })
    }

    /// Reads, infers, applies the overlay and validates: the model every output is
    /// generated from ([`pipeline::load`] lists the stages). Every error in the input
    /// is reported, not just the first.
    pub fn load(&self) -> Result<Loaded, Error> {
        pipeline::load(&self.plan())
    }

    /// Every fact the docs and the spec state differently. The overlay applies to the
    /// docs (it says what they cannot), the spec is compared as it is. Needs both
    /// [`Config::docs`] and [`Config::spec`].
    pub fn diff(&self) -> Result<Vec<Difference>, Error> {
        pipeline::differences(&self.plan())
    }

    /// What the pipeline reads, and how strictly.
    pub fn plan(&self) -> Plan {
        let beside = self.spec_beside_docs();
        Plan {
            docs: self.docs.clone(),
            spec_beside_docs: beside.is_some(),
            spec: self.spec.clone().or(beside),
            overlay: self.overlay_path(),
            strict: self.strict,
            verbose: self.verbose,
        }
    }

    /// Loads and emits.
    pub fn emit(&self) -> Result<(Loaded, Emitted), Error> {
        let loaded = self.load()?;
        let emitted = emit::emit(&loaded.api).map_err(Error::Internal)?;
        Ok((loaded, emitted))
    }

    /// The files of the standalone crate, relative to its directory.
    /// Fails, before anything is read, when the given crate name is one cargo refuses.
    pub fn crate_files(&self) -> Result<(Loaded, Vec<(String, String)>), Error> {
        if let Some(problem) = self
            .crate_name
            .as_deref()
            .and_then(emit::crate_name_problem)
        {
            return Err(Error::Invalid {
                report: format!("error: {problem}\n"),
                errors: 1,
            });
        }
        let (loaded, emitted) = self.emit()?;
        let mut info = CrateInfo::new(self.resolved_crate_name(&loaded.api));
        if let Some(version) = &self.crate_version {
            info.version = version.clone();
        }
        let files = emitted
            .crate_files(&loaded.api, &info)
            .map_err(Error::Internal)?;
        Ok((loaded, files))
    }

    /// For build scripts: generates into `$OUT_DIR` (the crate's `lib.rs` includes
    /// `concat!(env!("OUT_DIR"), "/apibind.rs")`), prints `cargo:rerun-if-changed`
    /// for every input and `cargo:warning` for every warning.
    pub fn write_out_dir(&self) -> Result<Summary, Error> {
        let out_dir = std::env::var_os("OUT_DIR").ok_or_else(|| {
            Error::Environment("OUT_DIR is not set: write_out_dir is for build scripts".to_owned())
        })?;
        // The previous build's API, to warn of a breaking change; an unreadable one is
        // as good as none here.
        let previous = changes::read_surface(Path::new(&out_dir)).ok().flatten();
        let result = self.write_out_dir_to(Path::new(&out_dir));
        // Inputs are known even when they are invalid: rerun when they are fixed. The
        // files a spec refers to are known once it is read (a failed build script
        // reruns anyway).
        let mut inputs = self.input_paths();
        if let Ok((loaded, _)) = &result {
            for input in &loaded.inputs {
                if !inputs.contains(input) {
                    inputs.push(input.clone());
                }
            }
        }
        for input in inputs {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        let (loaded, summary) = result?;
        if let Some(warning) =
            previous.and_then(|old| changes::compare(&old, &surface(&loaded.api)).build_warning())
        {
            println!("cargo:warning={warning}");
        }
        for diagnostic in loaded.diagnostics.iter() {
            if diagnostic.severity == Severity::Warning {
                println!(
                    "cargo:warning={}",
                    diagnostic.to_string().replace('\n', " ")
                );
            }
        }
        Ok(summary)
    }

    /// Generates the `OUT_DIR` layout into `dir`.
    pub fn write_out_dir_to(&self, dir: &Path) -> Result<(Loaded, Summary), Error> {
        let (loaded, emitted) = self.emit()?;
        let mut files = emitted.out_dir_files().map_err(Error::Internal)?;
        files.push((
            emit::surface::SURFACE_FILE.to_owned(),
            surface(&loaded.api).to_json(),
        ));
        let summary = output::write(dir, &loaded, &files)?;
        Ok((loaded, summary))
    }

    /// Generates the standalone crate into `dir`: `Cargo.toml`, `README.md`, `src/`.
    /// Every file is staged first and renamed into place only when all are written,
    /// so a failure leaves the previous crate intact. Other files in `dir` are kept,
    /// and so is the version of the crate's `Cargo.toml`.
    pub fn write_crate(&self, dir: &Path) -> Result<(Loaded, Summary), Error> {
        let done = self.regenerate(dir, Regenerate::default())?;
        Ok((done.loaded, done.summary))
    }

    /// Sets the crate's version (by default, the version of the crate being
    /// regenerated, else 0.1.0).
    pub fn crate_version(mut self, version: impl Into<String>) -> Self {
        self.crate_version = Some(version.into());
        self
    }

    /// The files of the crate in `dir` as the next generation writes them, keeping its
    /// version, and the change of its public API against the one it kept.
    pub fn next_crate(&self, dir: &Path) -> Result<NextCrate, Error> {
        let version = self
            .crate_version
            .clone()
            .or_else(|| changes::crate_version(dir))
            .unwrap_or_else(|| "0.1.0".to_owned());
        let previous = changes::read_surface(dir)?;
        let (loaded, mut files) = self.clone().crate_version(version.clone()).crate_files()?;
        let report = previous.map(|old| changes::compare(&old, &surface(&loaded.api)));
        // The kept API is the last release's: until a bump moves it on, every run
        // reports all that changed since, so a plain `generate` loses nothing.
        let mut released = None;
        if report.as_ref().is_some_and(|r| !r.is_empty()) {
            let path = dir.join(emit::surface::SURFACE_FILE);
            let kept = std::fs::read_to_string(&path).map_err(Error::io(&path))?;
            for (name, text) in &mut files {
                if name == emit::surface::SURFACE_FILE {
                    released = Some(std::mem::replace(text, kept.clone()));
                }
            }
        }
        Ok(NextCrate {
            loaded,
            files,
            report,
            version,
            released,
        })
    }

    /// Generates the crate into `dir` as [`Config::write_crate`] does, comparing its
    /// public API with the one the crate kept: with [`Regenerate::deny_breaking`], a
    /// breaking change fails the run and nothing is written; with
    /// [`Regenerate::bump`], the version the change needs goes into `Cargo.toml`, the
    /// report on top of `CHANGELOG.md`, and the new API becomes the one kept. Without
    /// a bump the kept API stays the last release's, so the next run reports every
    /// change since.
    pub fn regenerate(&self, dir: &Path, how: Regenerate) -> Result<Regenerated, Error> {
        let NextCrate {
            loaded,
            mut files,
            report,
            version: previous_version,
            released,
        } = self.next_crate(dir)?;
        let breaking = report.as_ref().is_some_and(|r| !r.breaking.is_empty());
        if how.deny_breaking && breaking {
            let report = report.as_ref().map(|r| r.markdown(&previous_version));
            return Err(Error::Breaking(report.unwrap_or_default()));
        }
        let mut version = previous_version.clone();
        if let (true, Some(report)) = (how.bump, report.as_ref().filter(|r| !r.is_empty())) {
            version = report.bump.apply(&previous_version).ok_or_else(|| {
                Error::Environment(format!(
                    "{}: version `{previous_version}` is not MAJOR.MINOR.PATCH: cannot bump it",
                    dir.join("Cargo.toml").display()
                ))
            })?;
            for (name, text) in &mut files {
                if name == "Cargo.toml" {
                    *text = text.replacen(
                        &format!("\nversion = \"{previous_version}\"\n"),
                        &format!("\nversion = \"{version}\"\n"),
                        1,
                    );
                }
            }
            let path = dir.join("CHANGELOG.md");
            let old = match std::fs::read_to_string(&path) {
                Ok(text) => Some(text),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(Error::io(&path)(e)),
            };
            let changelog = changes::prepend_changelog(old.as_deref(), &version, report);
            files.push(("CHANGELOG.md".to_owned(), changelog));
            // Released: the new API is the one the next change is measured from.
            for (name, text) in &mut files {
                if let (true, Some(new)) = (name == emit::surface::SURFACE_FILE, &released) {
                    text.clone_from(new);
                }
            }
        }
        let summary = output::write(dir, &loaded, &files)?;
        Ok(Regenerated {
            loaded,
            summary,
            report,
            previous_version,
            version,
        })
    }

    /// Every file generation reads, existing or not yet: the docs directory, its
    /// markdown files, the spec (a file, or a folder and its `*.yaml`, `*.yml` and
    /// `*.json` files) and the overlay. Files a spec refers to are known once it is
    /// read: [`Loaded::inputs`] lists them, and [`Config::write_out_dir`] watches them.
    pub fn input_paths(&self) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = self.docs.iter().cloned().collect();
        if let Some(docs) = &self.docs {
            let (pages, readme) = docs_layout(docs);
            if pages != *docs {
                paths.push(pages.clone());
            }
            // A page added to `docs/Api/` changes that folder, not `docs/`.
            paths.extend(docs_subfolders(&pages).unwrap_or_default());
            paths.extend(markdown_files(&pages).unwrap_or_default());
            paths.extend(readme);
        }
        paths.extend(self.spec.iter().cloned());
        paths.extend(self.spec_beside_docs());
        if let Some(spec) = self.spec.as_ref().filter(|spec| spec.is_dir()) {
            paths.extend(spec_files(spec).unwrap_or_default());
        }
        match &self.overlay {
            OverlaySource::File(path) => paths.push(path.clone()),
            // A missing default overlay is not watched: cargo would rerun every build.
            // Adding one beside the docs changes their directory, which is watched.
            OverlaySource::Default => paths.extend(self.overlay_path()),
            OverlaySource::None => {}
        }
        paths
    }
}

#[cfg(test)]
mod tests;
