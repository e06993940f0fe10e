//! Stage 1 of the pipeline: reading the overlay, the docs and the spec, each into
//! the model (or, for an OAI Overlay, into the spec's tree), with every file's text
//! kept for diagnostics.

use std::path::{Path, PathBuf};

use super::{Plan, Run};
use crate::conventions::Naming;
use crate::diagnostic::Diagnostics;
use crate::discover::{
    display, docs_layout, docs_subfolders, is_spec_document, markdown_files, read, spec_files,
};
use crate::error::Error;
use crate::model::{Api, AuthScheme, Model, Provenance};
use crate::parse::markdown::{folder_language, parse_doc, parse_readme, DocFile};
use crate::{infer, overlay, reconcile};

/// The overlay, then the docs and the spec read with its naming conventions.
pub fn inputs(plan: &Plan, run: &mut Run) -> Result<Inputs, Error> {
    let (overlay, oai) = read_overlay(plan, run)?;
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
    let docs = read_docs(plan, &naming, &declared, overlay_schemes, run)?;
    if let (true, Some(spec)) = (plan.spec_beside_docs, &plan.spec) {
        run.diagnostics.note(
            None,
            format!(
                "reading {} beside the docs, the spec they were printed from: it states the wire facts (--docs-only reads the docs alone)",
                display(spec)
            ),
        );
    }
    let spec = read_spec(plan, &naming, oai.as_ref(), run)?;
    let (docs, conventions) = match docs {
        Some((api, conventions)) => (Some(api), Some(conventions)),
        None => (None, None),
    };
    Ok(Inputs {
        overlay,
        docs,
        spec,
        conventions,
    })
}

/// The overlay: apibind's own (for the model), or an OAI Overlay (for the spec's
/// tree, before it is read), told apart by the OAI Overlay's `overlay:` key.
fn read_overlay(
    plan: &Plan,
    run: &mut Run,
) -> Result<(Option<ReadOverlay>, Option<overlay::oai::OaiOverlay>), Error> {
    let Some(path) = plan.overlay.clone() else {
        return Ok((None, None));
    };
    let text = read(&path)?;
    let name = display(&path);
    run.sources.add(&name, &text);
    run.inputs.push(path);
    if overlay::oai::is_oai(&text) {
        if plan.spec.is_none() {
            let line = text.lines().position(|l| l.starts_with("overlay:"));
            run.diagnostics.error(
                Some(&Provenance::new(&name, line.map_or(1, |l| l + 1))),
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
    plan: &Plan,
    naming: &Naming,
    declared: &[Model],
    overlay_schemes: Vec<String>,
    run: &mut Run,
) -> Result<Option<(Api, infer::Conventions)>, Error> {
    let Some(dir) = &plan.docs else {
        return Ok(None);
    };
    run.inputs.push(dir.clone());
    let (pages, readme) = docs_layout(dir);
    if pages != *dir {
        run.inputs.push(pages.clone());
    }
    run.inputs.extend(docs_subfolders(&pages)?);
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
        spec_declares: plan.spec.is_some(),
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
    plan: &Plan,
    naming: &Naming,
    oai: Option<&overlay::oai::OaiOverlay>,
    run: &mut Run,
) -> Result<Option<Api>, Error> {
    let Some(path) = &plan.spec else {
        return Ok(None);
    };
    if path.is_dir() {
        return read_spec_folder(path, naming, oai, run);
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
    dir: &Path,
    naming: &Naming,
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
                reconcile::merge_specs(first, &first_name, api, &name, &mut run.diagnostics),
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

/// One markdown file, read and parsed.
struct ReadDoc {
    path: PathBuf,
    name: String,
    text: String,
    doc: Option<DocFile>,
    diagnostics: Diagnostics,
}

/// Reads and parses `paths` on every core (the files are independent, and a large
/// folder's parsing would otherwise be a serial third of the run), in their order.
/// The folder's language is read first: a page that does not show its own (a model
/// page of `String` and `Long`) is in it.
fn read_in_parallel(paths: Vec<PathBuf>) -> Vec<Result<ReadDoc, Error>> {
    let texts = match crate::parallel::map(&paths, |path| read(path)) {
        Ok(texts) => texts,
        Err(message) => return vec![Err(Error::Internal(message))],
    };
    let folder = folder_language(texts.iter().filter_map(|t| t.as_deref().ok()));
    let pages: Vec<(&PathBuf, Result<String, Error>)> = paths.iter().zip(texts).collect();
    let one = |(path, text): &(&PathBuf, Result<String, Error>)| -> Result<ReadDoc, Error> {
        let text = match text {
            Ok(text) => text.clone(),
            Err(_) => read(path)?,
        };
        let name = display(path);
        let mut diagnostics = Diagnostics::new();
        let doc = parse_doc(&name, &text, folder, &mut diagnostics);
        Ok(ReadDoc {
            path: (*path).clone(),
            name,
            text,
            doc,
            diagnostics,
        })
    };
    crate::parallel::map(&pages, one).unwrap_or_else(|message| vec![Err(Error::Internal(message))])
}

/// The auth schemes the SDK's README at `path` declares. A README only helps: one
/// that cannot be read is a warning.
fn read_readme(path: &Path, run: &mut Run) -> Vec<AuthScheme> {
    let name = display(path);
    match std::fs::read_to_string(path) {
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
    let at = Provenance::new(&overlay.name, 0);
    overlay
        .overlay
        .auth
        .iter()
        .flatten()
        .filter_map(|entry| overlay::auth::scheme(entry, at.clone()).ok())
        .map(|scheme| scheme.name)
        .collect()
}

/// Reads the spec `text` of `path`, with the files under `folder` it refers to.
fn read_one_spec(
    path: &Path,
    text: String,
    folder: &Path,
    naming: &Naming,
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

/// What a run read: the overlay and the models of the docs and of the spec.
pub struct Inputs {
    /// apibind's own overlay (an OAI Overlay has been applied to the spec already).
    pub overlay: Option<ReadOverlay>,
    /// The model of the docs, if any were given.
    pub docs: Option<Api>,
    /// The model of the spec or folder of specs, if one was given.
    pub spec: Option<Api>,
    /// The naming conventions the docs' model was read with, and why, if docs were given.
    pub conventions: Option<infer::Conventions>,
}

/// The overlay, with its file name and text for diagnostics.
pub struct ReadOverlay {
    /// What it says.
    pub overlay: overlay::Overlay,
    /// Its file, as diagnostics name it.
    pub name: String,
    /// Its text, for the lines diagnostics quote.
    pub text: String,
}
