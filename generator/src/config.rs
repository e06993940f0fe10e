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

use crate::degrade;
use crate::diagnostic::thousands;
use crate::diagnostic::{Diagnostics, Severity, Sources};
use crate::emit::{self, CrateInfo, Emitted};
use crate::model::Api;
use crate::output;
use crate::parse::markdown::{parse_doc, parse_readme};
use crate::reconcile::{self, Difference};
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
    docs: Option<PathBuf>,
    /// Whether `docs` was set (rather than the default `spec/`).
    docs_set: bool,
    spec: Option<PathBuf>,
    overlay: OverlaySource,
    crate_name: Option<String>,
    strict: bool,
    verbose: bool,
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
    /// Operations the input documents but the client leaves out, each with a warning
    /// saying why.
    pub left_out: Vec<String>,
    /// Whether the report lists every warning ([`Config::verbose`]).
    verbose: bool,
}

impl Loaded {
    /// Notes and warnings rendered with the lines they point at; warnings of one kind
    /// are summed up in a line past a few, unless [`Config::verbose`] is set.
    pub fn render_diagnostics(&self) -> String {
        match self.verbose {
            true => self.diagnostics.render_all(&self.sources),
            false => self.diagnostics.render(&self.sources),
        }
    }
}

/// What a write did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Operations generated.
    pub operations: usize,
    /// Operations the input documents that were left out, each with a warning.
    pub left_out: usize,
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
        let left_out = match self.left_out {
            0 => String::new(),
            n => format!(" ({} left out)", thousands(n)),
        };
        let count = |n: usize, what: &str| match n {
            1 => format!("1 {what}"),
            n => format!("{} {what}s", thousands(n)),
        };
        write!(
            f,
            "{}{left_out}, {}, 0 errors, {}: {} written, {} unchanged in {}",
            count(self.operations, "operation"),
            count(self.models, "model"),
            count(self.warnings, "warning"),
            count(self.written, "file"),
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
            docs: Some(PathBuf::from("spec")),
            docs_set: false,
            spec: None,
            overlay: OverlaySource::Default,
            crate_name: None,
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

    /// Reads, infers, applies the overlay and validates: the model every output is
    /// generated from. Every error in the input is reported, not just the first.
    pub fn load(&self) -> Result<Loaded, Error> {
        let mut run = Run {
            verbose: self.verbose,
            ..Run::default()
        };
        let Inputs {
            overlay,
            docs,
            spec,
        } = self.read_inputs(&mut run)?;
        let api = match (docs, spec) {
            (Some(docs), Some(spec)) => reconcile::merge(docs, spec, &mut run.diagnostics),
            (Some(api), None) | (None, Some(api)) => api,
            (None, None) => return Err(run.fail()),
        };
        let api = finish(api, overlay.as_ref(), &mut run, true);
        if api.operations().next().is_none() && !run.diagnostics.has_errors() {
            run.diagnostics.error(
                None,
                match run.diagnostics.left_out().len() {
                    0 => "the input documents no operation".to_owned(),
                    n => format!("all {n} operations were left out: nothing to generate"),
                },
            );
        }
        if self.strict {
            run.diagnostics.promote_warnings();
        }
        if run.diagnostics.has_errors() {
            return Err(run.fail());
        }
        // With a spec too, what the docs left out may come from the spec.
        let left_out = run
            .diagnostics
            .left_out()
            .iter()
            .filter(|name| {
                let merged = self.docs.is_some() && self.spec.is_some();
                !(merged && api.operations().any(|op| op.name == **name))
            })
            .cloned()
            .collect();
        Ok(Loaded {
            api,
            left_out,
            diagnostics: run.diagnostics,
            sources: run.sources,
            inputs: run.inputs,
            verbose: self.verbose,
        })
    }

    /// Every fact the docs and the spec state differently. The overlay applies to the
    /// docs (it says what they cannot), the spec is compared as it is. Needs both
    /// [`Config::docs`] and [`Config::spec`].
    pub fn diff(&self) -> Result<Vec<Difference>, Error> {
        let (Some(_), Some(_)) = (&self.docs, &self.spec) else {
            return Err(Error::Environment(
                "diff compares docs with a spec: give both".to_owned(),
            ));
        };
        let mut run = Run {
            verbose: self.verbose,
            ..Run::default()
        };
        let Inputs {
            overlay,
            docs,
            spec,
        } = self.read_inputs(&mut run)?;
        let (Some(docs), Some(spec)) = (docs, spec) else {
            return Err(run.fail());
        };
        let docs = finish(docs, overlay.as_ref(), &mut run, false);
        let spec = finish(spec, None, &mut run, false);
        if run.diagnostics.has_errors() {
            return Err(run.fail());
        }
        Ok(reconcile::differences(&docs, &spec))
    }

    /// The overlay, then the docs and the spec read with its naming conventions.
    fn read_inputs(&self, run: &mut Run) -> Result<Inputs, Error> {
        let (overlay, oai) = self.read_overlay(run)?;
        let naming = overlay
            .as_ref()
            .map(|o| o.overlay.naming.clone())
            .unwrap_or_default();
        let declared = overlay
            .as_ref()
            .map(|o| overlay::declared_models(&o.overlay, &o.name, &o.text))
            .unwrap_or_default();
        let overlay_schemes = overlay
            .as_ref()
            .map(overlay_scheme_names)
            .unwrap_or_default();
        let docs = self.read_docs(&naming, &declared, overlay_schemes, run)?;
        let spec = self.read_spec(&naming, oai.as_ref(), run)?;
        Ok(Inputs {
            overlay,
            docs,
            spec,
        })
    }

    /// The overlay: apibind's own (for the model), or an OAI Overlay (for the spec's
    /// tree, before it is read), told apart by the OAI Overlay's `overlay:` key.
    fn read_overlay(
        &self,
        run: &mut Run,
    ) -> Result<(Option<ReadOverlay>, Option<overlay::oai::OaiOverlay>), Error> {
        let Some(path) = self.overlay_path() else {
            return Ok((None, None));
        };
        let text = read(&path)?;
        let name = display(&path);
        run.sources.add(&name, &text);
        run.inputs.push(path);
        if overlay::oai::is_oai(&text) {
            if self.spec.is_none() {
                let line = text.lines().position(|l| l.starts_with("overlay:"));
                run.diagnostics.error(
                    Some(&crate::model::Provenance::new(&name, line.map_or(1, |l| l + 1))),
                    format!("{name} is an OAI Overlay, which applies to specs: give the spec it changes (--spec FILE)"),
                );
                return Err(run.fail());
            }
            return match overlay::oai::parse(&name, &text, &mut run.diagnostics) {
                Some(oai) => Ok((None, Some(oai))),
                None => Err(run.fail()),
            };
        }
        let parsed = overlay::parse(&name, &text, &mut run.diagnostics);
        if parsed.is_none() {
            // Reading on without it would only repeat what it was meant to fix.
            return Err(run.fail());
        }
        let read = parsed.map(|overlay| ReadOverlay {
            overlay,
            name,
            text,
        });
        Ok((read, None))
    }

    fn read_docs(
        &self,
        naming: &crate::conventions::Naming,
        declared: &[crate::model::Model],
        overlay_schemes: Vec<String>,
        run: &mut Run,
    ) -> Result<Option<Api>, Error> {
        let Some(dir) = &self.docs else {
            return Ok(None);
        };
        run.inputs.push(dir.clone());
        let (pages, readme) = docs_layout(dir);
        if pages != *dir {
            run.inputs.push(pages.clone());
        }
        let mut docs = Vec::new();
        for read in read_in_parallel(markdown_files(&pages)?) {
            let read = read?;
            docs.extend(read.doc);
            run.diagnostics.append(read.diagnostics);
            run.sources.add(read.name, read.text);
            run.inputs.push(read.path);
        }
        if docs.is_empty() && !run.diagnostics.has_errors() {
            run.diagnostics.error(
                None,
                format!("{} holds no API or model docs (`*.md`)", dir.display()),
            );
        }
        let auth = infer::AuthDeclarations {
            readme: readme
                .map(|path| read_readme(&path, run))
                .unwrap_or_default(),
            overlay: overlay_schemes,
            spec_declares: self.spec.is_some(),
        };
        Ok(Some(infer::build(
            docs,
            auth,
            naming,
            declared,
            &mut run.diagnostics,
        )))
    }

    fn read_spec(
        &self,
        naming: &crate::conventions::Naming,
        oai: Option<&overlay::oai::OaiOverlay>,
        run: &mut Run,
    ) -> Result<Option<Api>, Error> {
        let Some(path) = &self.spec else {
            return Ok(None);
        };
        if path.is_dir() {
            return self.read_spec_folder(path, naming, oai, run);
        }
        let text = read(path)?;
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Ok(read_one_spec(path, text, &folder, naming, oai, run))
    }

    /// Every OpenAPI or Swagger document of `dir` (a `*.yaml`, `*.yml` or `*.json`
    /// with `openapi:` or `swagger:`), in name order, merged into one API: the first
    /// one's title, servers and security, the operations and models of all. Other
    /// files (fragments the specs refer to) are skipped. An OAI Overlay applies to the
    /// first document.
    fn read_spec_folder(
        &self,
        dir: &Path,
        naming: &crate::conventions::Naming,
        oai: Option<&overlay::oai::OaiOverlay>,
        run: &mut Run,
    ) -> Result<Option<Api>, Error> {
        run.inputs.push(dir.to_path_buf());
        let mut merged: Option<(Api, String)> = None;
        let mut found = false;
        for path in spec_files(dir)? {
            let text = read(&path)?;
            if !is_spec_document(&text) {
                continue;
            }
            let overlay = if found { None } else { oai };
            found = true;
            let name = display(&path);
            let api = read_one_spec(&path, text, dir, naming, overlay, run);
            merged = match (merged, api) {
                (None, api) => api.map(|api| (api, name)),
                (Some((first, first_name)), Some(api)) => Some((
                    merge_specs(first, &first_name, api, &name, &mut run.diagnostics),
                    first_name,
                )),
                (merged, None) => merged,
            };
        }
        if !found {
            run.diagnostics.error(
                None,
                format!(
                    "{} holds no OpenAPI or Swagger spec (a `*.yaml`, `*.yml` or `*.json` \
                     file with `openapi:` or `swagger:`)",
                    dir.display()
                ),
            );
        }
        Ok(merged.map(|(api, _)| api))
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
            left_out: loaded.left_out.len(),
            models: loaded.api.models.len(),
            warnings: loaded.diagnostics.count(Severity::Warning),
            written,
            unchanged,
            dir: dir.to_path_buf(),
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
            paths.extend(markdown_files(&pages).unwrap_or_default());
            paths.extend(readme);
        }
        paths.extend(self.spec.iter().cloned());
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

/// One markdown file, read and parsed.
struct ReadDoc {
    path: PathBuf,
    name: String,
    text: String,
    doc: Option<crate::parse::markdown::DocFile>,
    diagnostics: Diagnostics,
}

/// Reads and parses `paths` on every core (the files are independent, and a large
/// folder's parsing would otherwise be a serial third of the run), in their order.
fn read_in_parallel(paths: Vec<PathBuf>) -> Vec<Result<ReadDoc, Error>> {
    let one = |path: &PathBuf| -> Result<ReadDoc, Error> {
        let text = read(path)?;
        let name = display(path);
        let mut diagnostics = Diagnostics::new();
        let doc = parse_doc(&name, &text, &mut diagnostics);
        Ok(ReadDoc {
            path: path.clone(),
            name,
            text,
            doc,
            diagnostics,
        })
    };
    crate::parallel::map(&paths, one).unwrap_or_else(|message| vec![Err(Error::Internal(message))])
}

fn read(path: &Path) -> Result<String, Error> {
    fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Where the docs given as `dir` have their pages and their SDK's README. Given an
/// SDK's root (a `README.md` beside a `docs/` folder), the pages are `docs/*.md`;
/// given a folder named `docs`, the README is the one beside it (the API docs link
/// to `../README.md`), if it exists. Other folders have none: the README beside a
/// `spec/` folder is a project's, not an SDK's.
fn docs_layout(dir: &Path) -> (PathBuf, Option<PathBuf>) {
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

/// The auth schemes the SDK's README at `path` declares. A README only helps: one
/// that cannot be read is a warning.
fn read_readme(path: &Path, run: &mut Run) -> Vec<crate::model::AuthScheme> {
    let name = display(path);
    match fs::read_to_string(path) {
        Ok(text) => {
            let schemes = parse_readme(&name, &text, &mut run.diagnostics);
            run.sources.add(name, text);
            run.inputs.push(path.to_path_buf());
            schemes
        }
        Err(error) => {
            run.diagnostics.warning(
                None,
                format!(
                    "{name} cannot be read ({error}): the auth schemes it declares are not known"
                ),
            );
            Vec::new()
        }
    }
}

/// The names of the auth schemes the overlay's `auth:` declares (entries in error
/// are reported when the overlay is applied).
fn overlay_scheme_names(overlay: &ReadOverlay) -> Vec<String> {
    let at = crate::model::Provenance::new(&overlay.name, 0);
    overlay
        .overlay
        .auth
        .iter()
        .flatten()
        .filter_map(|entry| overlay::auth::scheme(entry, at.clone()).ok())
        .map(|scheme| scheme.name)
        .collect()
}

/// The `*.md` files of `dir`, sorted by name so that output never depends on the
/// order the file system lists them in.
fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    files_of(dir, |path| path.extension().is_some_and(|e| e == "md"))
}

/// The files of `dir` that `wanted` accepts, sorted by name.
fn files_of(dir: &Path, wanted: impl Fn(&Path) -> bool) -> Result<Vec<PathBuf>, Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if wanted(&path) && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads the spec `text` of `path`, with the files under `folder` it refers to.
fn read_one_spec(
    path: &Path,
    text: String,
    folder: &Path,
    naming: &crate::conventions::Naming,
    oai: Option<&overlay::oai::OaiOverlay>,
    run: &mut Run,
) -> Option<Api> {
    use crate::parse::openapi;
    let name = display(path);
    let diagnostics = &mut run.diagnostics;
    let api = match openapi::read_tree(&name, &text, diagnostics) {
        None => None,
        Some(mut root) => {
            let bundle = openapi::bundle(&mut root, path, folder);
            for (file, file_text) in bundle.files {
                if !run.inputs.contains(&file) {
                    run.sources.add(display(&file), file_text);
                    run.inputs.push(file);
                }
            }
            if let Some(oai) = oai {
                oai.apply(&mut root, &mut run.diagnostics);
            }
            openapi::parse_bundled(
                &name,
                &text,
                &root,
                &bundle.refused,
                naming,
                &mut run.diagnostics,
            )
        }
    };
    run.sources.add(name, text);
    run.inputs.push(path.to_path_buf());
    api
}

/// Whether `text` is an OpenAPI or Swagger document (has `openapi:` or `swagger:`),
/// or looks meant to be one (so that its syntax errors are reported).
fn is_spec_document(text: &str) -> bool {
    match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Ok(root) => root
            .as_mapping()
            .is_some_and(|m| m.contains_key("openapi") || m.contains_key("swagger")),
        Err(_) => text.lines().take(20).any(|line| {
            let line = line.trim_start().trim_start_matches(['{', '"', '\'']);
            line.starts_with("openapi") || line.starts_with("swagger")
        }),
    }
}

/// Adds the operations and models of the spec `next` (file `next_name`) to `first`
/// (file `first_name`). An operation or model already there is kept; when the two
/// differ, with a warning.
fn merge_specs(
    mut first: Api,
    first_name: &str,
    next: Api,
    next_name: &str,
    diagnostics: &mut Diagnostics,
) -> Api {
    for group in next.groups {
        let index = match first.groups.iter().position(|g| g.name == group.name) {
            Some(index) => index,
            None => {
                first.groups.push(crate::model::Group {
                    operations: Vec::new(),
                    ..group.clone()
                });
                first.groups.len() - 1
            }
        };
        for op in group.operations {
            let existing = first.operations().find(|o| o.name == op.name);
            match existing {
                None => first.groups[index].operations.push(op),
                Some(existing) if existing.method == op.method && existing.path == op.path => {}
                Some(_) => {
                    diagnostics.warning(
                        Some(&op.at),
                        format!(
                            "operation `{}` of {next_name} is left out: {first_name} has an \
                             operation of that name",
                            op.name
                        ),
                    );
                }
            }
        }
    }
    for model in next.models {
        match first.models.iter().find(|m| m.name == model.name) {
            None => first.models.push(model),
            Some(existing) => {
                let same = serde_json::to_value(&existing.kind).ok()
                    == serde_json::to_value(&model.kind).ok();
                if !same {
                    diagnostics.warning(
                        Some(&model.at),
                        format!(
                            "model `{}` of {next_name} differs from the one of {first_name}, \
                             which is kept",
                            model.name
                        ),
                    );
                }
            }
        }
    }
    first.models.sort_by(|a, b| a.name.cmp(&b.name));
    if first.auth.is_empty() {
        first.auth = next.auth;
    }
    first
}

/// The `*.yaml`, `*.yml` and `*.json` files of `dir` but the overlay, sorted by name.
fn spec_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    files_of(dir, |path| {
        path.extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
            && path.file_name().is_some_and(|n| n != "apibind.yaml")
    })
}

/// What one run has read and said.
#[derive(Default)]
struct Run {
    diagnostics: Diagnostics,
    sources: Sources,
    inputs: Vec<PathBuf>,
    verbose: bool,
}

impl Run {
    /// The run's errors as an [`Error`]; "nothing to read" when it has none.
    fn fail(&mut self) -> Error {
        if !self.diagnostics.has_errors() {
            self.diagnostics.error(
                None,
                "nothing to read: give docs (--docs DIR) or a spec (--spec FILE)",
            );
        }
        let report = match self.verbose {
            true => self.diagnostics.render_all(&self.sources),
            false => self.diagnostics.render(&self.sources),
        };
        Error::Invalid {
            report,
            errors: self.diagnostics.count(Severity::Error),
        }
    }
}

/// What a run read: the overlay and the models of the docs and of the spec.
struct Inputs {
    overlay: Option<ReadOverlay>,
    docs: Option<Api>,
    spec: Option<Api>,
}

/// The overlay, with its file name and text for diagnostics.
struct ReadOverlay {
    overlay: overlay::Overlay,
    name: String,
    text: String,
}

/// The steps after reading, the same for docs and specs: the overlay's models, the
/// paging rule (which reads models), the rest of the overlay, then what cannot be
/// generated exactly is loosened or left out (DESIGN.md §4.4) and the rest validated.
fn finish(mut api: Api, overlay: Option<&ReadOverlay>, run: &mut Run, validate: bool) -> Api {
    if let Some(o) = overlay {
        overlay::apply_models(&o.overlay, &o.name, &o.text, &mut api, &mut run.diagnostics);
    }
    paging::detect(&mut api);
    if let Some(o) = overlay {
        overlay::apply(&o.overlay, &o.name, &o.text, &mut api, &mut run.diagnostics);
    }
    // `diff` compares what the inputs say, before anything is loosened or left out.
    if validate {
        degrade::settle(&mut api, &mut run.diagnostics);
        validate::validate(&api, &mut run.diagnostics);
    }
    api
}

/// A path as shown in diagnostics, with `/` on every platform.
fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
