//! The library's entry point: a [`Config`] builder, used by build scripts and the CLI.
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

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostics, Severity, Sources};
use crate::emit::{self, CrateInfo, Emitted};
use crate::model::Api;
use crate::output;
use crate::parse::markdown::parse_doc;
use crate::{infer, overlay, paging, validate};

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

/// What to generate from, in the style of `prost_build::Config`.
#[derive(Clone, Debug)]
pub struct Config {
    docs: PathBuf,
    overlay: OverlaySource,
    crate_name: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

/// A loaded and checked model, with everything said about the input.
#[derive(Debug)]
pub struct Loaded {
    /// The model.
    pub api: Api,
    /// Notes and warnings (errors stop loading).
    pub diagnostics: Diagnostics,
    /// The text of every input, for rendering diagnostics.
    pub sources: Sources,
    /// Every file and directory read, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
}

impl Loaded {
    /// Notes and warnings rendered with the lines they point at.
    pub fn render_diagnostics(&self) -> String {
        self.diagnostics.render(&self.sources)
    }
}

/// What a write did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Operations generated.
    pub operations: usize,
    /// Models generated.
    pub models: usize,
    /// Warnings about the input (errors stop generation, so there were none).
    pub warnings: usize,
    /// Files whose content changed (or were created).
    pub written: usize,
    /// Files already up to date.
    pub unchanged: usize,
    /// Where they are.
    pub dir: PathBuf,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} operations, {} models, 0 errors, {} warnings: {} files written, {} unchanged in {}",
            self.operations,
            self.models,
            self.warnings,
            self.written,
            self.unchanged,
            self.dir.display()
        )
    }
}

/// Why generation failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The input has errors; the report quotes each offending line.
    Invalid {
        /// Every diagnostic, rendered.
        report: String,
        /// How many were errors.
        errors: usize,
    },
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: io::Error,
    },
    /// Something outside the input is missing, e.g. `OUT_DIR` outside a build script.
    Environment(String),
    /// A bug in apibind: it produced code that does not parse.
    Internal(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid { report, errors } => {
                write!(f, "{report}apibind: {errors} error(s); nothing was written")
            }
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Environment(message) | Error::Internal(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl Config {
    /// Reads the docs in `spec/` with the overlay `spec/apibind.yaml` if it exists.
    pub fn new() -> Self {
        Config {
            docs: PathBuf::from("spec"),
            overlay: OverlaySource::Default,
            crate_name: None,
        }
    }

    /// Reads the markdown docs (`*.md`) of `dir`.
    pub fn docs(mut self, dir: impl Into<PathBuf>) -> Self {
        self.docs = dir.into();
        self
    }

    /// Applies the overlay `file`, which must exist.
    pub fn overlay(mut self, file: impl Into<PathBuf>) -> Self {
        self.overlay = OverlaySource::File(file.into());
        self
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

    /// The overlay file that will be read, if any.
    pub fn overlay_path(&self) -> Option<PathBuf> {
        match &self.overlay {
            OverlaySource::Default => Some(self.docs.join("apibind.yaml")).filter(|p| p.is_file()),
            OverlaySource::File(path) => Some(path.clone()),
            OverlaySource::None => None,
        }
    }

    /// Reads, infers, applies the overlay and validates: the model every output is
    /// generated from. Every error in the input is reported, not just the first.
    pub fn load(&self) -> Result<Loaded, Error> {
        let mut diagnostics = Diagnostics::new();
        let mut sources = Sources::default();
        let mut inputs = vec![self.docs.clone()];

        let overlay_file = self.overlay_path();
        let mut overlay_text = String::new();
        let mut overlay = None;
        if let Some(path) = &overlay_file {
            overlay_text = read(path)?;
            let name = display(path);
            sources.add(&name, &overlay_text);
            overlay = overlay::parse(&name, &overlay_text, &mut diagnostics);
            inputs.push(path.clone());
        }

        let mut docs = Vec::new();
        for path in markdown_files(&self.docs)? {
            let text = read(&path)?;
            let name = display(&path);
            docs.extend(parse_doc(&name, &text, &mut diagnostics));
            sources.add(name, text);
            inputs.push(path);
        }
        if docs.is_empty() && !diagnostics.has_errors() {
            diagnostics.error(
                None,
                format!(
                    "{} holds no API or model docs (`*.md`)",
                    self.docs.display()
                ),
            );
        }

        let naming = overlay
            .as_ref()
            .map(|o| o.naming.clone())
            .unwrap_or_default();
        let mut api = infer::build(docs, &naming);
        if let (Some(overlay), Some(path)) = (&overlay, &overlay_file) {
            // Models the overlay declares decide paging too, so it runs in between.
            overlay::apply_models(
                overlay,
                &display(path),
                &overlay_text,
                &mut api,
                &mut diagnostics,
            );
        }
        paging::detect(&mut api);
        if let (Some(overlay), Some(path)) = (&overlay, &overlay_file) {
            overlay::apply(
                overlay,
                &display(path),
                &overlay_text,
                &mut api,
                &mut diagnostics,
            );
        }
        if overlay_file.is_some() && overlay.is_none() {
            // The overlay did not parse: checking the model without it would only
            // repeat what it was meant to fix.
        } else {
            validate::validate(&api, &mut diagnostics);
        }
        if diagnostics.has_errors() {
            return Err(Error::Invalid {
                report: diagnostics.render(&sources),
                errors: diagnostics.count(Severity::Error),
            });
        }
        Ok(Loaded {
            api,
            diagnostics,
            sources,
            inputs,
        })
    }

    /// The crate name for [`Config::write_crate`].
    pub fn resolved_crate_name(&self, api: &Api) -> String {
        self.crate_name.clone().unwrap_or_else(|| {
            let base = heck::ToKebabCase::to_kebab_case(api.title.as_str());
            format!("{}-client", if base.is_empty() { "api" } else { &base })
        })
    }

    /// Loads and emits.
    pub fn emit(&self) -> Result<(Loaded, Emitted), Error> {
        let loaded = self.load()?;
        let emitted = emit::emit(&loaded.api).map_err(Error::Internal)?;
        Ok((loaded, emitted))
    }

    /// The files of the standalone crate, relative to its directory.
    pub fn crate_files(&self) -> Result<(Loaded, Vec<(String, String)>), Error> {
        let (loaded, emitted) = self.emit()?;
        let info = CrateInfo::new(self.resolved_crate_name(&loaded.api));
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
        let result = self.write_out_dir_to(Path::new(&out_dir));
        // Inputs are known even when they are invalid: rerun when they are fixed.
        for input in self.input_paths() {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        let (loaded, summary) = result?;
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
        let files = emitted.out_dir_files().map_err(Error::Internal)?;
        let summary = self.write(dir, &loaded, &files)?;
        Ok((loaded, summary))
    }

    /// Generates the standalone crate into `dir`: `Cargo.toml`, `README.md`, `src/`.
    /// Every file is staged first and renamed into place only when all are written,
    /// so a failure leaves the previous crate intact. Other files in `dir` are kept.
    pub fn write_crate(&self, dir: &Path) -> Result<(Loaded, Summary), Error> {
        let (loaded, files) = self.crate_files()?;
        let summary = self.write(dir, &loaded, &files)?;
        Ok((loaded, summary))
    }

    fn write(
        &self,
        dir: &Path,
        loaded: &Loaded,
        files: &[(String, String)],
    ) -> Result<Summary, Error> {
        let (written, unchanged) = output::write_files(dir, files)?;
        Ok(Summary {
            operations: loaded.api.operations().count(),
            models: loaded.api.models.len(),
            warnings: loaded.diagnostics.count(Severity::Warning),
            written,
            unchanged,
            dir: dir.to_path_buf(),
        })
    }

    /// Every file generation reads, existing or not yet: the docs directory, its
    /// markdown files and the overlay.
    pub fn input_paths(&self) -> Vec<PathBuf> {
        let mut paths = vec![self.docs.clone()];
        paths.extend(markdown_files(&self.docs).unwrap_or_default());
        match &self.overlay {
            OverlaySource::File(path) => paths.push(path.clone()),
            // A missing default overlay is not watched: cargo would rerun every build.
            // Adding one changes the docs directory, which is watched.
            OverlaySource::Default => paths.extend(self.overlay_path()),
            OverlaySource::None => {}
        }
        paths
    }
}

fn read(path: &Path) -> Result<String, Error> {
    fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// The `*.md` files of `dir`, sorted by name so that output never depends on the
/// order the file system lists them in.
fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?
            .path();
        if path.extension().is_some_and(|e| e == "md") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// A path as shown in diagnostics, with `/` on every platform.
fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
