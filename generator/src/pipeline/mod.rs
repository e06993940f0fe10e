//! The pipeline, one way from the inputs to a checked model. [`load`] lists its
//! stages in order; every command (`generate`, `check`, `model`, build scripts) runs
//! through it, and `diff` (see [`differences`]) stops before what only generation
//! needs.

mod read;

use std::path::PathBuf;

use crate::diagnostic::{Diagnostics, Severity, Sources};
use crate::error::Error;
use crate::model::Api;
use crate::reconcile::{self, Difference};
use crate::{degrade, overlay, paging, validate};

use read::ReadOverlay;

/// What a run reads and how strictly: what a [`Config`](crate::Config) says, with its
/// default overlay resolved. The pipeline knows nothing else of the builder.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// The folder of markdown docs.
    pub docs: Option<PathBuf>,
    /// The spec file, or folder of specs.
    pub spec: Option<PathBuf>,
    /// Whether `spec` is the one an SDK checkout holds beside its docs, found rather
    /// than given.
    pub spec_beside_docs: bool,
    /// The overlay file, which must exist.
    pub overlay: Option<PathBuf>,
    /// Every warning is an error.
    pub strict: bool,
    /// The report lists every warning.
    pub verbose: bool,
}

/// A loaded and checked model, with everything said about the input.
#[derive(Debug)]
pub struct Loaded {
    /// The model.
    pub api: Api,
    /// The naming conventions docs read alone were read with, and the evidence they
    /// were chosen from; none when a spec stated the wire names.
    pub conventions: Option<crate::infer::Conventions>,
    /// Notes and warnings (errors stop loading).
    pub diagnostics: Diagnostics,
    /// The text of every input, for rendering diagnostics.
    pub sources: Sources,
    /// Every file and directory read, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
    /// Operations the input documents but the client leaves out, each with a warning
    /// saying why.
    pub left_out: Vec<String>,
    /// Whether the report lists every warning ([`Plan::verbose`]).
    verbose: bool,
}

impl Loaded {
    /// Notes and warnings rendered with the lines they point at; warnings of one kind
    /// are summed up in a line past a few, unless [`Plan::verbose`] is set.
    pub fn render_diagnostics(&self) -> String {
        render(&self.diagnostics, &self.sources, self.verbose)
    }
}

/// `diagnostics` with the lines they point at: every one when `verbose`, else
/// warnings of one kind summed up in a line past a few.
fn render(diagnostics: &Diagnostics, sources: &Sources, verbose: bool) -> String {
    match verbose {
        true => diagnostics.render_all(sources),
        false => diagnostics.render(sources),
    }
}

/// The model every output is generated from, by these stages in order:
///
/// 1. **read** (`read::inputs`): the overlay first, since its naming conventions and model
///    declarations shape how the rest is read (an OAI Overlay instead changes the
///    spec's tree before it is read); then the markdown docs ([`crate::parse`] and
///    [`crate::infer`]), with the SDK README's auth schemes; then the spec or folder
///    of specs ([`crate::parse::openapi`], the specs of a folder merged by
///    [`reconcile::merge_specs`]);
/// 2. **reconcile** ([`reconcile::merge`]): with both, the spec's wire facts and the
///    docs' prose;
/// 3. **settle** (`settle`): the overlay's models, the paging rule, the rest of the
///    overlay, then [`degrade`] loosens or leaves out what cannot be generated
///    exactly, and [`validate`] checks the rest;
/// 4. **judge**: no operation left is an error; `strict` makes every warning one.
///
/// Every error of the input is reported, not just the first.
pub fn load(plan: &Plan) -> Result<Loaded, Error> {
    let mut run = Run::new(plan.verbose);
    let read::Inputs {
        mut overlay,
        docs,
        spec,
        conventions,
    } = read::inputs(plan, &mut run)?;
    // With a spec, its wire names are stated: no convention was needed.
    let conventions = conventions.filter(|_| spec.is_none());
    // The overlay's models name their JSON keys in the convention the docs chose.
    if let (Some(o), Some(c)) = (overlay.as_mut(), &conventions) {
        o.overlay.naming = c.resolve(&o.overlay.naming);
    }
    let api = match (docs, spec) {
        (Some(docs), Some(spec)) => reconcile::merge(docs, spec, &mut run.diagnostics),
        (Some(api), None) | (None, Some(api)) => api,
        (None, None) => return Err(run.fail()),
    };
    let api = settle(api, overlay.as_ref(), &mut run, true);
    if api.operations().next().is_none() && !run.diagnostics.has_errors() {
        run.diagnostics.error(
            None,
            match run.diagnostics.left_out().len() {
                0 => "the input documents no operation".to_owned(),
                n => format!("all {n} operations were left out: nothing to generate"),
            },
        );
    }
    if plan.strict {
        run.diagnostics.promote_warnings();
    }
    if run.diagnostics.has_errors() {
        return Err(run.fail());
    }
    // With a spec too, what the docs left out may come from the spec.
    let merged = plan.docs.is_some() && plan.spec.is_some();
    let left_out = run
        .diagnostics
        .left_out()
        .iter()
        .filter(|name| !(merged && api.operations().any(|op| op.name == **name)))
        .cloned()
        .collect();
    Ok(Loaded {
        api,
        conventions,
        left_out,
        diagnostics: run.diagnostics,
        sources: run.sources,
        inputs: run.inputs,
        verbose: plan.verbose,
    })
}

/// Every fact the docs and the spec state differently: stage 1, then stage 3 up to
/// the overlay, for each on its own. The overlay applies to the docs (it says what
/// they cannot), the spec is compared as it is. Needs both docs and a spec.
pub fn differences(plan: &Plan) -> Result<Vec<Difference>, Error> {
    let (Some(_), Some(_)) = (&plan.docs, &plan.spec) else {
        return Err(Error::Environment(
            "diff compares docs with a spec: give both".to_owned(),
        ));
    };
    let mut run = Run::new(plan.verbose);
    let read::Inputs {
        overlay,
        docs,
        spec,
        ..
    } = read::inputs(plan, &mut run)?;
    let (Some(docs), Some(spec)) = (docs, spec) else {
        return Err(run.fail());
    };
    let docs = settle(docs, overlay.as_ref(), &mut run, false);
    let spec = settle(spec, None, &mut run, false);
    if run.diagnostics.has_errors() {
        return Err(run.fail());
    }
    Ok(reconcile::differences(&docs, &spec))
}

/// Stage 3, the same for docs and specs: the overlay's models, the paging rule
/// (which reads models), the rest of the overlay, then (with `check`) what cannot be
/// generated exactly is loosened or left out (DESIGN.md §4.4) and the rest validated.
fn settle(mut api: Api, overlay: Option<&ReadOverlay>, run: &mut Run, check: bool) -> Api {
    if let Some(o) = overlay {
        overlay::apply_models(&o.overlay, &o.name, &o.text, &mut api, &mut run.diagnostics);
    }
    paging::detect(&mut api);
    if let Some(o) = overlay {
        overlay::apply(&o.overlay, &o.name, &o.text, &mut api, &mut run.diagnostics);
    }
    // `diff` compares what the inputs say, before anything is loosened or left out.
    if check {
        degrade::settle(&mut api, &mut run.diagnostics);
        validate::validate(&api, &mut run.diagnostics);
    }
    api
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
    fn new(verbose: bool) -> Self {
        Run {
            verbose,
            ..Run::default()
        }
    }

    /// The run's errors as an [`Error`]; "nothing to read" when it has none.
    fn fail(&mut self) -> Error {
        if !self.diagnostics.has_errors() {
            self.diagnostics.error(
                None,
                "nothing to read: give docs (--docs DIR) or a spec (--spec FILE)",
            );
        }
        Error::Invalid {
            report: render(&self.diagnostics, &self.sources, self.verbose),
            errors: self.diagnostics.count(Severity::Error),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::Config;

    const OPERATION: &str = "  /p:\n    get:\n      operationId: p\n      parameters:\n        - {name: n, in: query, schema: SCHEMA}\n      responses: {'200': {description: ok}}\n";

    /// A spec in a folder of its own, with `paths` as its paths.
    fn spec(paths: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("openapi.yaml");
        let text = format!(
            "openapi: 3.0.0\ninfo: {{title: t, version: '1'}}\nservers: [{{url: 'https://x.test'}}]\npaths:{paths}"
        );
        fs::write(&path, text).unwrap();
        (dir, path)
    }

    /// A spec whose one operation has a query parameter of schema `schema`.
    fn one_operation(schema: &str) -> (tempfile::TempDir, PathBuf) {
        spec(&format!("\n{}", OPERATION.replace("SCHEMA", schema)))
    }

    fn report(error: Error) -> String {
        match error {
            Error::Invalid { report, errors } => {
                assert!(errors > 0);
                report
            }
            other => panic!("not an input error: {other}"),
        }
    }

    #[test]
    fn an_input_without_operations_is_an_error() {
        let (_dir, path) = spec(" {}\n");
        let error = load(&Config::new().spec(&path).plan()).unwrap_err();
        assert!(report(error).contains("the input documents no operation"));
    }

    #[test]
    fn strict_makes_every_warning_an_error() {
        // A `format` without a `type` is read, with a warning.
        let (_dir, path) = one_operation("{format: int64}");
        let loaded = load(&Config::new().spec(&path).plan()).unwrap();
        assert_eq!(loaded.diagnostics.count(Severity::Warning), 1);
        assert!(loaded.render_diagnostics().contains("format"));
        let error = load(&Config::new().spec(&path).strict(true).plan()).unwrap_err();
        assert!(report(error).contains("format"));
    }

    #[test]
    fn what_was_read_is_listed_for_rerunning() {
        let (_dir, path) = one_operation("{type: string}");
        let loaded = load(&Config::new().spec(&path).plan()).unwrap();
        assert_eq!(loaded.inputs, [path]);
        assert!(loaded.left_out.is_empty());
        assert_eq!(loaded.api.operations().count(), 1);
    }

    #[test]
    fn the_overlay_is_read_first_and_settles_the_model() {
        let dir = tempfile::tempdir().unwrap();
        let api = "# \\PetsApi\n\nAll URIs are relative to *http://x.test*\n\n\
                   Method | HTTP request | Description\n--- | --- | ---\n\
                   [**ListPets**](PetsApi.md#ListPets) | **Get** /pets | List\n\n\
                   ## ListPets\n\n> ListPets(ctx, pageSize)\n\n### Required Parameters\n\n\
                   Name | Type | Description | Notes\n--- | --- | --- | ---\n\
                   **ctx** | **context.Context** | context |\n**pageSize** | **int32** | size |\n";
        fs::write(dir.path().join("PetsApi.md"), api).unwrap();
        let overlay = dir.path().join("apibind.yaml");
        let text =
            "operations:\n  ListPets:\n    params:\n      pageSize:\n        wire_name: pageSize\n";
        fs::write(&overlay, text).unwrap();
        let loaded = load(&Config::new().docs(dir.path()).plan()).unwrap();
        let param = &loaded.api.operations().next().unwrap().params[0];
        // The docs give `page_size` (snake case); the overlay, read first, wins.
        assert_eq!(
            (param.name.as_str(), param.wire_name.as_str()),
            ("pageSize", "pageSize")
        );
        assert!(loaded.inputs.contains(&overlay));
        let without = load(&Config::new().docs(dir.path()).no_overlay().plan()).unwrap();
        assert_eq!(
            without.api.operations().next().unwrap().params[0].wire_name,
            "page_size"
        );
    }

    /// A docs folder with one `PUT /things` operation sent as `media`, whose one
    /// parameter `body` has the Go type `go_type`.
    fn docs_sending(media: &str, go_type: &str) -> (tempfile::TempDir, Api) {
        let dir = tempfile::tempdir().unwrap();
        let api = format!(
            "# \\ThingsApi\n\nAll URIs are relative to *http://x.test*\n\n\
             Method | HTTP request | Description\n--- | --- | ---\n\
             [**PutThing**](ThingsApi.md#PutThing) | **Put** /things | Put\n\n\
             ## PutThing\n\n> PutThing(ctx, body)\n\n### Required Parameters\n\n\
             Name | Type | Description | Notes\n--- | --- | --- | ---\n\
             **ctx** | **context.Context** | context |\n**body** | {go_type} | the thing |\n\n\
             ### HTTP request headers\n\n- **Content-Type**: {media}\n- **Accept**: Not defined\n"
        );
        fs::write(dir.path().join("ThingsApi.md"), api).unwrap();
        fs::write(dir.path().join("Thing.md"), "# Thing\n\n## Properties\n\nName | Type | Description | Notes\n--- | --- | --- | ---\n**id** | **string** |  | \n").unwrap();
        let loaded = load(&Config::new().docs(dir.path()).plan()).unwrap();
        (dir, loaded.api)
    }

    #[test]
    fn xml_bodies_are_bytes_unless_the_docs_give_a_model() {
        // The rule specs follow: XML travels as raw bytes of its type.
        let (_dir, api) = docs_sending("application/xml", "***os.File**");
        let op = api.operations().next().unwrap();
        assert_eq!(op.body, crate::model::Body::Binary);
        assert_eq!(op.content_type.as_deref(), Some("application/xml"));
        // A model says nothing the bytes could be made from: JSON, as before.
        let (_dir, api) = docs_sending("application/xml", "[**Thing**](Thing.md)");
        assert_eq!(
            api.operations().next().unwrap().body,
            crate::model::Body::Json
        );
        // Among several, JSON first, then what the client knows, as for specs.
        let (_dir, api) = docs_sending("application/xml, text/csv", "**string**");
        let op = api.operations().next().unwrap();
        assert_eq!(op.body, crate::model::Body::Text);
        assert_eq!(op.content_type.as_deref(), Some("text/csv"));
    }

    #[test]
    fn an_oai_overlay_needs_a_spec() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("Pet.md"), "# Pet\n").unwrap();
        let overlay = dir.path().join("changes.yaml");
        fs::write(
            &overlay,
            "overlay: 1.0.0\ninfo: {title: x, version: '1'}\nactions: []\n",
        )
        .unwrap();
        let config = Config::new().docs(dir.path()).overlay(&overlay);
        let report = report(load(&config.plan()).unwrap_err());
        assert!(report.contains("is an OAI Overlay"), "{report}");
        assert!(report.contains("changes.yaml:1"), "{report}");
    }

    #[test]
    fn a_folder_without_docs_or_specs_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let docs = report(load(&Config::new().docs(dir.path()).plan()).unwrap_err());
        assert!(docs.contains("holds no API or model docs"), "{docs}");
        let specs = report(load(&Config::new().spec(dir.path()).plan()).unwrap_err());
        assert!(
            specs.contains("holds no OpenAPI or Swagger spec"),
            "{specs}"
        );
    }

    #[test]
    fn differences_need_docs_and_a_spec() {
        let (_dir, path) = spec(" {}\n");
        let error = differences(&Config::new().spec(&path).plan()).unwrap_err();
        assert!(matches!(error, Error::Environment(_)), "{error}");
    }
}
