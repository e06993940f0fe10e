//! The overlay (`spec/apibind.yaml`): what the docs cannot say, said once.
//!
//! It is read strictly: an unknown key, a value of the wrong type or a name that
//! matches nothing in the docs is an error with the overlay's line. Every fact it
//! changes is reported as a note, so a maintainer sees what the docs got wrong.

pub mod auth;
pub mod oai;
mod yaml_keys;

use indexmap::IndexMap;
use serde::Deserialize;

use crate::conventions::Naming;
use crate::diagnostic::Diagnostics;
use crate::model::Statuses;
use crate::model::{
    Api, AuthScheme, ErrorStatus, FactSource, Field, Location, Model, ModelKind, Operation, Paging,
    Provenance, TypeRef,
};
use crate::template::Template;
use yaml_keys::KeyIndex;

/// The whole overlay file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// The API's human title, e.g. `Engage Digital`.
    pub title: Option<String>,
    /// The server.
    pub base_url: Option<BaseUrlOverlay>,
    /// Authentication schemes (see [`auth`] for the forms), checked when applied
    /// for a clearer error than serde's.
    pub auth: Option<Vec<serde_yaml::Value>>,
    /// Wire-name conventions.
    #[serde(default)]
    pub naming: Naming,
    /// Per-operation corrections, keyed by documented operation name.
    #[serde(default)]
    pub operations: IndexMap<String, OperationOverlay>,
    /// Model declarations, keyed by model name.
    #[serde(default)]
    pub models: IndexMap<String, ModelOverlay>,
}

/// `base_url:`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaseUrlOverlay {
    /// The URL with `{variable}` placeholders.
    pub template: String,
    /// A description of each placeholder.
    #[serde(default)]
    pub variables: IndexMap<String, String>,
}

/// `operations.<Name>:`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationOverlay {
    /// Replaces the documented return type.
    pub returns: Option<TypeRef>,
    /// Error statuses to add or correct: status → meaning.
    #[serde(default)]
    pub errors: IndexMap<u16, String>,
    /// Per-parameter corrections, keyed by documented parameter name.
    #[serde(default)]
    pub params: IndexMap<String, ParamOverlay>,
    /// `false` to turn paging off, or the paging facts to set.
    pub paging: Option<PagingOverlay>,
    /// The auth schemes it accepts, any one of them; `[]` for a public operation.
    pub security: Option<Vec<String>>,
}

/// `operations.<Name>.paging:`.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum PagingOverlay {
    /// `paging: false` (or `true`, which keeps what the rule found).
    Switch(bool),
    /// The facts to set; those left out keep what the rule found.
    Settings(PagingSettings),
}

/// The fields of `paging:`, all documented names.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PagingSettings {
    /// The offset parameter.
    pub offset: Option<String>,
    /// The page-size parameter.
    pub limit: Option<String>,
    /// The page model's field holding the records.
    pub items: Option<String>,
    /// The page model's field holding the total.
    pub total: Option<String>,
    /// The largest page size the API accepts.
    pub max_limit: Option<u32>,
}

/// `operations.<Name>.params.<param>:`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamOverlay {
    /// The name on the wire.
    pub wire_name: Option<String>,
    /// Where it travels.
    pub location: Option<Location>,
    /// Whether it must be given.
    pub required: Option<bool>,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: Option<TypeRef>,
    /// The values it accepts.
    #[serde(rename = "enum")]
    pub enum_values: Option<Vec<String>>,
}

/// `models.<Name>:` declares (or replaces) a model.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelOverlay {
    /// What it is.
    pub description: Option<String>,
    /// A struct's fields, keyed by documented name, in order.
    pub fields: Option<IndexMap<String, FieldOverlay>>,
    /// An enum's values.
    #[serde(rename = "enum")]
    pub enum_values: Option<Vec<String>>,
}

/// One field of a declared model.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldOverlay {
    /// Its type.
    #[serde(rename = "type")]
    pub ty: TypeRef,
    /// The JSON key; by default the documented name in `naming.model_fields`.
    pub json: Option<String>,
    /// Whether every instance has it (default: no).
    #[serde(default)]
    pub required: bool,
    /// What it means.
    pub description: Option<String>,
}

/// Reads the overlay text of `file`. YAML and schema errors (unknown keys, wrong
/// types) are reported at their line; the result is `None` when there were any.
pub fn parse(file: &str, text: &str, diagnostics: &mut Diagnostics) -> Option<Overlay> {
    if text.trim().is_empty() {
        return Some(Overlay::default());
    }
    match serde_yaml::from_str::<Overlay>(text) {
        Ok(overlay) => {
            let duplicates = KeyIndex::new(text).duplicates();
            for (path, line, first) in &duplicates {
                diagnostics
                    .error(
                        Some(&Provenance::new(file, *line)),
                        format!("`{path}` is given twice (first at line {first})"),
                    )
                    .help = Some("merge the two: the overlay says each thing once".into());
            }
            duplicates.is_empty().then_some(overlay)
        }
        Err(err) => {
            let line = err.location().map_or(1, |l| l.line());
            // serde_yaml appends "at line L column C"; the place is shown already.
            let message = err.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_owned();
            diagnostics.error(
                Some(&Provenance::new(file, line)),
                format!("invalid overlay: {message}"),
            );
            None
        }
    }
}

/// Applies `overlay` (read from `file`, whose `text` gives lines for diagnostics) to
/// `api`, noting every fact it changes.
pub fn apply(
    overlay: &Overlay,
    file: &str,
    text: &str,
    api: &mut Api,
    diagnostics: &mut Diagnostics,
) {
    let keys = KeyIndex::new(text);
    let at = |path: &[&str]| Provenance::new(file, keys.line(path));
    if let Some(title) = &overlay.title {
        api.title = title.clone();
    }
    if let Some(base) = &overlay.base_url {
        let here = at(&["base_url", "template"]);
        if !api.base_url.template.is_empty() && api.base_url.template != base.template {
            diagnostics.note(
                Some(&here),
                format!(
                    "overlay sets the base URL to `{}` (docs, {}: `{}`)",
                    base.template, api.base_url.at, api.base_url.template
                ),
            );
        }
        api.base_url.template = base.template.clone();
        api.base_url.variables = Template::new(&base.template).variables();
        api.base_url.at = here;
        for (name, description) in &base.variables {
            match api.base_url.variables.iter_mut().find(|v| v.name == *name) {
                Some(variable) => variable.description = Some(description.clone()),
                None => {
                    diagnostics.error(
                        Some(&at(&["base_url", "variables", name])),
                        format!(
                            "base URL variable `{name}` is not a placeholder of `{}`",
                            base.template
                        ),
                    );
                }
            }
        }
    }
    if let Some(auth) = &overlay.auth {
        apply_auth(auth, &at, api, diagnostics);
    }
    for (op_name, op_overlay) in &overlay.operations {
        // An operation documented differently in two API files is named after each.
        let renamed: Vec<String> = api
            .groups
            .iter()
            .flat_map(|g| {
                g.operations
                    .iter()
                    .filter(move |op| op.name == format!("{}{op_name}", g.name))
            })
            .map(|op| format!("`{}`", op.name))
            .collect();
        let Some(op) = api
            .groups
            .iter_mut()
            .flat_map(|g| g.operations.iter_mut())
            .find(|op| op.name == *op_name)
        else {
            diagnostics
                .error(
                    Some(&at(&["operations", op_name])),
                    format!(
                        "the overlay names operation `{op_name}`, which the docs do not document"
                    ),
                )
                .help = Some(match renamed.is_empty() {
                true => "operation names are as in the docs' method table, e.g. `GetAllInterventions`"
                    .to_owned(),
                false => format!(
                    "it is documented differently in two API files, so each is named after its API: {}",
                    renamed.join(", ")
                ),
            });
            continue;
        };
        if let Some(returns) = &op_overlay.returns {
            let here = at(&["operations", op_name, "returns"]);
            let docs = op
                .returns
                .as_ref()
                .map_or("no body".to_owned(), |t| format!("`{t}`"));
            if op.returns.as_ref() != Some(returns) {
                diagnostics.note(
                    Some(&here),
                    format!("overlay sets the return type of `{op_name}` to `{returns}` (docs, {}: {docs})", op.at),
                );
            }
            op.returns = Some(returns.clone());
        }
        if let Some(schemes) = &op_overlay.security {
            op.security = Some(schemes.iter().map(|s| vec![s.clone()]).collect());
        }
        if let Some(paging) = &op_overlay.paging {
            let here = at(&["operations", op_name, "paging"]);
            apply_paging(op, paging, &here, diagnostics);
        }
        for (status, meaning) in &op_overlay.errors {
            let here = at(&["operations", op_name, "errors", &status.to_string()]);
            if !(400..=599).contains(status) {
                diagnostics.error(
                    Some(&here),
                    format!("`{status}` is not an error status (400 to 599)"),
                );
                continue;
            }
            let entry = ErrorStatus {
                status: Statuses::Code(*status),
                meaning: meaning.clone(),
                source: FactSource::Overlay,
                at: here.clone(),
            };
            match op
                .errors
                .iter_mut()
                .find(|e| e.status == Statuses::Code(*status))
            {
                Some(existing) => {
                    diagnostics.note(
                        Some(&here),
                        format!(
                            "overlay restates what {status} means for `{op_name}` (docs, {})",
                            existing.at
                        ),
                    );
                    *existing = entry;
                }
                None => op.errors.push(entry),
            }
        }
        for (param_name, p) in &op_overlay.params {
            let path = [
                "operations",
                op_name.as_str(),
                "params",
                param_name.as_str(),
            ];
            let Some(param) = op.params.iter_mut().find(|x| x.name == *param_name) else {
                let known: Vec<&str> = op.params.iter().map(|x| x.name.as_str()).collect();
                diagnostics
                    .error(
                        Some(&at(&path)),
                        format!("`{op_name}` has no parameter `{param_name}`"),
                    )
                    .help = Some(format!("its parameters are: {}", known.join(", ")));
                continue;
            };
            let mut changed = Vec::new();
            if let Some(wire) = &p.wire_name {
                if *wire != param.wire_name {
                    changed.push(format!("wire name `{}` → `{wire}`", param.wire_name));
                }
                param.wire_name = wire.clone();
                param.wire_rule = crate::model::WireRule::Overlay;
            }
            if let Some(location) = p.location {
                param.wire_rule = crate::model::WireRule::Overlay;
                if location != param.location {
                    changed.push(format!("location {:?} → {location:?}", param.location));
                }
                param.location = location;
            }
            if let Some(required) = p.required {
                if required != param.required {
                    changed.push(format!("required {} → {required}", param.required));
                }
                param.required = required;
            }
            if let Some(ty) = &p.ty {
                if *ty != param.ty {
                    changed.push(format!("type `{}` → `{ty}`", param.ty));
                }
                param.ty = ty.clone();
            }
            if let Some(values) = &p.enum_values {
                if *values != param.enum_values {
                    changed.push(format!("values: {}", values.join(", ")));
                }
                param.enum_values = values.clone();
            }
            if !changed.is_empty() {
                diagnostics.note(
                    Some(&at(&path)),
                    format!(
                        "overlay sets `{op_name}.{param_name}` ({}): {}",
                        param.at,
                        changed.join("; ")
                    ),
                );
            }
        }
    }
}

/// Turns paging off, or sets the facts the overlay gives.
fn apply_paging(
    op: &mut Operation,
    paging: &PagingOverlay,
    here: &Provenance,
    diagnostics: &mut Diagnostics,
) {
    let settings = match paging {
        PagingOverlay::Switch(false) => {
            if op.paging.take().is_some() {
                diagnostics.note(
                    Some(here),
                    format!("overlay turns paging off for `{}`", op.name),
                );
            }
            return;
        }
        PagingOverlay::Switch(true) => {
            if op.paging.is_none() {
                diagnostics
                    .error(Some(here), format!("`{}` has no paging to keep", op.name))
                    .help = Some("give `offset`, `limit` and `items`".into());
            }
            return;
        }
        PagingOverlay::Settings(settings) => settings,
    };
    let found = op.paging.clone();
    let pick =
        |set: &Option<String>, found: Option<&String>| set.clone().or_else(|| found.cloned());
    let offset = pick(&settings.offset, found.as_ref().map(|p| &p.offset_param));
    let limit = pick(&settings.limit, found.as_ref().map(|p| &p.limit_param));
    let items = pick(&settings.items, found.as_ref().map(|p| &p.items_field));
    let (Some(offset_param), Some(limit_param), Some(items_field)) = (offset, limit, items) else {
        diagnostics
            .error(
                Some(here),
                format!(
                    "paging of `{}` needs `offset`, `limit` and `items`",
                    op.name
                ),
            )
            .help = Some("the paging rule found none to start from".into());
        return;
    };
    for name in [&offset_param, &limit_param] {
        if !op.params.iter().any(|p| p.name == *name) {
            diagnostics.error(
                Some(here),
                format!("`{}` has no parameter `{name}`", op.name),
            );
        }
    }
    let paging = Paging {
        offset_param,
        limit_param,
        items_field,
        total_field: settings
            .total
            .clone()
            .or_else(|| found.as_ref().and_then(|p| p.total_field.clone())),
        max_limit: settings
            .max_limit
            .or(found.as_ref().and_then(|p| p.max_limit)),
    };
    if found.as_ref() != Some(&paging) {
        diagnostics.note(
            Some(here),
            format!("overlay sets the paging of `{}`", op.name),
        );
    }
    op.paging = Some(paging);
}

/// The overlay's models as [`apply_models`] declares them, for reading the docs
/// (where a parameter goes depends on its model); problems are reported when they
/// are applied.
pub fn declared_models(overlay: &Overlay, file: &str, text: &str) -> Vec<Model> {
    let mut scratch = Api {
        title: String::new(),
        base_url: crate::model::BaseUrl {
            template: String::new(),
            variables: Vec::new(),
            at: Provenance::new(file, 0),
        },
        auth: Vec::new(),
        security: Vec::new(),
        groups: Vec::new(),
        models: Vec::new(),
    };
    apply_models(overlay, file, text, &mut scratch, &mut Diagnostics::new());
    scratch.models
}

/// Declares (or replaces) the overlay's models. Runs before the other corrections,
/// which may refer to them, and before the paging rule, which reads them.
pub fn apply_models(
    overlay: &Overlay,
    file: &str,
    text: &str,
    api: &mut Api,
    diagnostics: &mut Diagnostics,
) {
    let keys = KeyIndex::new(text);
    let at = |path: &[&str]| Provenance::new(file, keys.line(path));
    for (name, declared) in &overlay.models {
        let here = at(&["models", name]);
        let kind = match (&declared.fields, &declared.enum_values) {
            (Some(fields), None) => ModelKind::Struct {
                fields: fields
                    .iter()
                    .map(|(field, f)| Field {
                        name: field.clone(),
                        json_name: f
                            .json
                            .clone()
                            .unwrap_or_else(|| overlay.naming.model_fields().apply(field)),
                        ty: f.ty.clone(),
                        flatten: false,
                        required: f.required,
                        nullable: false,
                        default: None,
                        description: f.description.clone(),
                        at: at(&["models", name, "fields", field]),
                    })
                    .collect(),
            },
            (None, Some(values)) => ModelKind::Enum {
                values: values.clone(),
            },
            _ => {
                diagnostics.error(
                    Some(&here),
                    format!("model `{name}` needs exactly one of `fields` or `enum`"),
                );
                continue;
            }
        };
        let model = Model {
            name: name.clone(),
            description: declared.description.clone(),
            kind,
            at: here.clone(),
        };
        match api.models.iter_mut().find(|m| m.name == *name) {
            Some(existing) => {
                diagnostics.note(
                    Some(&here),
                    format!(
                        "overlay replaces model `{name}` documented at {}",
                        existing.at
                    ),
                );
                *existing = model;
            }
            None => api.models.push(model),
        }
    }
    api.models.sort_by(|a, b| a.name.cmp(&b.name));
}

/// Declares the overlay's auth schemes: each replaces the scheme of the same name
/// the docs or spec declare, or is added.
fn apply_auth(
    entries: &[serde_yaml::Value],
    at: &dyn Fn(&[&str]) -> Provenance,
    api: &mut Api,
    diagnostics: &mut Diagnostics,
) {
    if entries.is_empty() {
        diagnostics.error(Some(&at(&["auth"])), "`auth` lists no scheme");
    }
    for (n, entry) in entries.iter().enumerate() {
        let here = at(&["auth", &format!("[{n}]")]);
        let scheme = match auth::scheme(entry, here.clone()) {
            Ok(scheme) => scheme,
            Err(why) => {
                diagnostics
                    .error(
                        Some(&here),
                        format!("`{}` is not an auth scheme: {why}", yaml_text(entry)),
                    )
                    .help = Some(auth::EXPECTED.into());
                continue;
            }
        };
        match api.auth.iter_mut().find(|s| s.name == scheme.name) {
            Some(existing) => {
                if existing.kind != scheme.kind {
                    diagnostics.note(
                        Some(&here),
                        format!(
                            "overlay redeclares auth scheme `{}` (declared at {})",
                            scheme.name, existing.at
                        ),
                    );
                }
                // The overlay states it now; the docs' description still applies.
                let description = existing.description.take();
                *existing = AuthScheme {
                    description,
                    ..scheme
                };
            }
            None => api.auth.push(scheme),
        }
    }
}

/// A YAML value on one line, for messages.
fn yaml_text(value: &serde_yaml::Value) -> String {
    serde_yaml::to_string(value)
        .map(|s| s.trim().replace('\n', ", "))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_errors_with_their_line() {
        let mut diagnostics = Diagnostics::new();
        let text = "title: X\noperations:\n  A:\n    retuns: Foo\n";
        assert!(parse("o.yaml", text, &mut diagnostics).is_none());
        let error = diagnostics.iter().next().unwrap();
        assert_eq!(error.at, Some(Provenance::new("o.yaml", 4)));
        assert!(
            error.message.contains("unknown field `retuns`"),
            "{}",
            error.message
        );
    }

    #[test]
    fn bad_types_are_errors() {
        let mut diagnostics = Diagnostics::new();
        let text = "operations:\n  A:\n    returns: \"[]Foo\"\n";
        assert!(parse("o.yaml", text, &mut diagnostics).is_none());
        let error = diagnostics.iter().next().unwrap();
        assert!(
            error.message.contains("`[]Foo` is not a type"),
            "{}",
            error.message
        );
        assert_eq!(error.at.as_ref().unwrap().line, 3);
    }

    #[test]
    fn auth_and_naming_read() {
        let mut diagnostics = Diagnostics::new();
        let text =
            "auth:\n  - bearer\n  - query_param: access_token\nnaming:\n  array_suffix: \"[]\"\n";
        let overlay = parse("o.yaml", text, &mut diagnostics).unwrap();
        assert_eq!(overlay.naming.array_suffix, "[]");
        let schemes: Vec<_> = overlay
            .auth
            .unwrap()
            .iter()
            .map(|e| auth::scheme(e, Provenance::new("o.yaml", 1)).map(|s| s.name))
            .collect();
        assert_eq!(
            schemes,
            [Ok("bearer".to_owned()), Ok("access_token".to_owned())]
        );
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let mut diagnostics = Diagnostics::new();
        let text = "operations:\n  A:\n    returns: X\n  A:\n    returns: Y\n";
        assert!(parse("o.yaml", text, &mut diagnostics).is_none());
        let error = diagnostics.iter().next().unwrap();
        assert_eq!(error.at, Some(Provenance::new("o.yaml", 4)));
        assert!(
            error
                .message
                .contains("`operations.A` is given twice (first at line 2)"),
            "{}",
            error.message
        );
    }
}
