//! Docs and a spec of the same API, together: the spec wins on wire facts (names,
//! locations, types, the statuses it lists), the docs on prose (summaries,
//! descriptions, parameter and field text, what an error means), and statuses only
//! the docs' prose names are kept too. Every disagreement is a [`Difference`], which
//! `apibind diff` prints. The specs of one folder are merged into one API by
//! [`merge_specs`].

mod specs;

pub use specs::merge_specs;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::diagnostic::Diagnostics;
use crate::model::Statuses;
use crate::model::{Api, Field, Group, Location, Model, ModelKind, Operation, Param, TypeRef};

/// One fact the docs and the spec state differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// What it is about, e.g. `GetAllInterventions.identityId` or `model Intervention`.
    pub subject: String,
    /// Which fact, e.g. `wire name`.
    pub fact: &'static str,
    /// What the docs say (`-` when they say nothing).
    pub docs: String,
    /// What the spec says (`-` when it says nothing).
    pub spec: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: docs `{}`, spec `{}`",
            self.subject, self.fact, self.docs, self.spec
        )
    }
}

/// The name facts are matched by: Go's keyword escape (`type_`), case and
/// punctuation set aside.
fn key(name: &str) -> String {
    name.trim_end_matches('_')
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn show(value: Option<impl ToString>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

/// The key a parameter is matched by: its name, except for the request body, which
/// specs of OpenAPI 3 leave unnamed (the spec reader names it after its schema, Go
/// docs call it `body`): there is one, so it is matched as the body.
fn param_key(param: &Param) -> String {
    match param.location {
        Location::Body => "(body)".to_owned(),
        _ => key(&param.name),
    }
}

/// The docs' model names as the spec has them: Go prefixes `Model` to a model whose
/// name is reserved or starts with a digit (`ModelApiResponse`, `Model200Response`).
fn spec_names(docs: &Api, spec: &Api) -> BTreeMap<String, String> {
    let in_docs: BTreeSet<&str> = docs.models.iter().map(|m| m.name.as_str()).collect();
    docs.models
        .iter()
        .filter_map(|m| {
            let bare = m.name.strip_prefix("Model")?;
            let specified = spec.model(bare).is_some() && !in_docs.contains(bare);
            specified.then(|| (m.name.clone(), bare.to_owned()))
        })
        .collect()
}

/// `ty` with model names renamed, and aliases of scalars (a spec's `OuterBoolean`)
/// read as the scalar, as the docs print them.
fn comparable(ty: &TypeRef, api: &Api, renames: &BTreeMap<String, String>) -> TypeRef {
    match ty {
        TypeRef::Array(item) => TypeRef::Array(Box::new(comparable(item, api, renames))),
        TypeRef::Map(value) => TypeRef::Map(Box::new(comparable(value, api, renames))),
        TypeRef::Named(name) => match api.model(name).map(|m| &m.kind) {
            Some(ModelKind::Alias { ty }) if ty.is_scalar() => ty.clone(),
            _ => TypeRef::Named(renames.get(name).unwrap_or(name).clone()),
        },
        ty => ty.clone(),
    }
}

/// Every fact `docs` and `spec` state differently, in a stable order.
pub fn differences(docs: &Api, spec: &Api) -> Vec<Difference> {
    let renames = spec_names(docs, spec);
    let none = BTreeMap::new();
    let docs_type = |ty: &TypeRef| comparable(ty, docs, &renames).to_string();
    let spec_type = |ty: &TypeRef| comparable(ty, spec, &none).to_string();
    let mut found = Vec::new();
    let mut differ = |subject: String, fact: &'static str, docs: String, spec: String| {
        if docs != spec {
            found.push(Difference {
                subject,
                fact,
                docs,
                spec,
            });
        }
    };
    let spec_ops: BTreeMap<&str, &Operation> =
        spec.operations().map(|op| (op.name.as_str(), op)).collect();
    // A documented operation is the spec's of its name, else of its name as another
    // language cases it (`add_pet`, `addPet`, `AddPet`), else of its method and
    // path; it is listed by the spec's name. A spec operation is matched once.
    let spec_by_key: BTreeMap<String, &str> = spec_ops
        .keys()
        .rev()
        .map(|name| (key(name), *name))
        .collect();
    let mut claimed: BTreeSet<&str> = BTreeSet::new();
    let mut docs_ops: BTreeMap<&str, &Operation> = BTreeMap::new();
    for op in docs.operations() {
        let exact = spec_ops
            .get_key_value(op.name.as_str())
            .map(|(name, _)| *name);
        let same = exact
            .or_else(|| spec_by_key.get(&key(&op.name)).copied())
            .filter(|name| !claimed.contains(name))
            .or_else(|| {
                spec_ops
                    .iter()
                    .find(|(name, s)| {
                        !claimed.contains(*name) && s.method == op.method && s.path == op.path
                    })
                    .map(|(name, _)| *name)
            });
        let listed = match same {
            Some(name) => {
                claimed.insert(name);
                name
            }
            None => op.name.as_str(),
        };
        docs_ops.entry(listed).or_insert(op);
    }
    for name in docs_ops
        .keys()
        .chain(spec_ops.keys())
        .collect::<BTreeSet<_>>()
    {
        let (d, s) = (docs_ops.get(name), spec_ops.get(name));
        let (Some(d), Some(s)) = (d, s) else {
            differ(
                name.to_string(),
                "operation",
                show(d.map(|_| "documented")),
                show(s.map(|_| "specified")),
            );
            continue;
        };
        differ(
            name.to_string(),
            "method",
            d.method.to_string(),
            s.method.to_string(),
        );
        differ(name.to_string(), "path", d.path.clone(), s.path.clone());
        differ(
            name.to_string(),
            "return type",
            show(d.returns.as_ref().map(docs_type)),
            show(s.returns.as_ref().map(spec_type)),
        );
        let statuses = |op: &Operation| {
            // Docs name codes only: a spec's `4XX` or `default` is no difference.
            let mut list: Vec<Statuses> = op
                .errors
                .iter()
                .map(|e| e.status)
                .filter(|s| matches!(s, Statuses::Code(_)))
                .collect();
            list.sort_unstable();
            list.iter()
                .map(Statuses::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        differ(name.to_string(), "error statuses", statuses(d), statuses(s));
        let (dp, sp) = (by_key(&d.params, param_key), by_key(&s.params, param_key));
        for k in dp.keys().chain(sp.keys()).collect::<BTreeSet<_>>() {
            let (d, s) = (dp.get(k), sp.get(k));
            let subject = format!("{name}.{}", d.or(s).map_or(k.as_str(), |p| p.name.as_str()));
            let (Some(d), Some(s)) = (d, s) else {
                differ(
                    subject,
                    "parameter",
                    show(d.map(|p| &p.wire_name)),
                    show(s.map(|p| &p.wire_name)),
                );
                continue;
            };
            // A body has no name on the wire.
            if d.location != Location::Body || s.location != Location::Body {
                differ(
                    subject.clone(),
                    "wire name",
                    d.wire_name.clone(),
                    s.wire_name.clone(),
                );
            }
            differ(
                subject.clone(),
                "location",
                d.location.as_str().to_owned(),
                s.location.as_str().to_owned(),
            );
            differ(subject.clone(), "type", docs_type(&d.ty), spec_type(&s.ty));
            differ(
                subject.clone(),
                "required",
                d.required.to_string(),
                s.required.to_string(),
            );
            differ(
                subject,
                "values",
                d.enum_values.join(", "),
                s.enum_values.join(", "),
            );
        }
    }
    let (dm, sm) = (
        by_key(&docs.models, |m: &Model| {
            renames.get(&m.name).unwrap_or(&m.name).clone()
        }),
        by_key(&spec.models, |m: &Model| m.name.clone()),
    );
    for name in dm.keys().chain(sm.keys()).collect::<BTreeSet<_>>() {
        let (Some(d), Some(s)) = (dm.get(name), sm.get(name)) else {
            differ(
                format!("model {name}"),
                "model",
                show(dm.get(name).map(|_| "documented")),
                show(sm.get(name).map(|_| "specified")),
            );
            continue;
        };
        match (&d.kind, &s.kind) {
            (ModelKind::Struct { fields: df }, ModelKind::Struct { fields: sf }) => {
                let (df, sf) = (
                    by_key(df, |f: &Field| key(&f.json_name)),
                    by_key(sf, |f: &Field| key(&f.json_name)),
                );
                for k in df.keys().chain(sf.keys()).collect::<BTreeSet<_>>() {
                    let (d, s) = (df.get(k), sf.get(k));
                    let subject = format!(
                        "model {name}.{}",
                        d.or(s).map_or(k.as_str(), |f| f.name.as_str())
                    );
                    let (Some(d), Some(s)) = (d, s) else {
                        differ(
                            subject,
                            "field",
                            show(d.map(|f| &f.json_name)),
                            show(s.map(|f| &f.json_name)),
                        );
                        continue;
                    };
                    differ(
                        subject.clone(),
                        "JSON name",
                        d.json_name.clone(),
                        s.json_name.clone(),
                    );
                    differ(subject.clone(), "type", docs_type(&d.ty), spec_type(&s.ty));
                    differ(
                        subject,
                        "required",
                        d.required.to_string(),
                        s.required.to_string(),
                    );
                }
            }
            (ModelKind::Enum { values: dv }, ModelKind::Enum { values: sv }) => {
                differ(
                    format!("model {name}"),
                    "values",
                    dv.join(", "),
                    sv.join(", "),
                );
            }
            _ => differ(
                format!("model {name}"),
                "kind",
                kind(&d.kind).to_owned(),
                kind(&s.kind).to_owned(),
            ),
        }
    }
    found
}

/// `items` by a key of each.
fn by_key<T>(items: &[T], key_of: impl Fn(&T) -> String) -> BTreeMap<String, &T> {
    items.iter().map(|item| (key_of(item), item)).collect()
}

fn kind(kind: &ModelKind) -> &'static str {
    match kind {
        ModelKind::Struct { .. } => "struct",
        ModelKind::Enum { .. } => "enum",
        ModelKind::Alias { .. } => "alias",
        ModelKind::Union { .. } => "union",
    }
}

/// The spec's model with the docs' prose: summaries, descriptions and error meanings
/// the docs state, and the operations and models only the docs have (a warning says
/// each is not in the spec).
pub fn merge(docs: Api, mut spec: Api, diagnostics: &mut Diagnostics) -> Api {
    let docs_ops: BTreeMap<String, Operation> = docs
        .groups
        .into_iter()
        .flat_map(|g| g.operations)
        .map(|op| (op.name.clone(), op))
        .collect();
    let mut unmatched = docs_ops;
    for op in spec.groups.iter_mut().flat_map(|g| g.operations.iter_mut()) {
        // By name, else by method and path: the names of the two may differ.
        let name = match unmatched.contains_key(&op.name) {
            true => Some(op.name.clone()),
            false => unmatched
                .iter()
                .find(|(_, d)| d.method == op.method && d.path == op.path)
                .map(|(name, _)| name.clone()),
        };
        let Some(documented) = name.and_then(|name| unmatched.remove(&name)) else {
            continue;
        };
        if documented.summary.is_some() {
            op.summary = documented.summary;
        }
        if documented.description.is_some() {
            op.description = documented.description;
        }
        for error in &mut op.errors {
            if let Some(prose) = documented.errors.iter().find(|e| e.status == error.status) {
                *error = prose.clone();
            }
        }
        for prose in documented.errors {
            if !op.errors.iter().any(|e| e.status == prose.status) {
                op.errors.push(prose);
            }
        }
        for param in &mut op.params {
            let same = documented
                .params
                .iter()
                .find(|p| key(&p.name) == key(&param.name));
            if let Some(same) = same {
                if same.description.is_some() {
                    param.description = same.description.clone();
                }
            }
        }
    }
    for (name, op) in unmatched {
        diagnostics.warning(
            Some(&op.at),
            format!("`{name}` is documented but not in the spec: generated from the docs alone"),
        );
        if spec.groups.is_empty() {
            spec.groups.push(Group {
                name: spec.title.clone(),
                operations: Vec::new(),
                at: op.at.clone(),
            });
        }
        if let Some(group) = spec.groups.first_mut() {
            group.operations.push(op);
        }
    }
    for model in docs.models {
        match spec.models.iter_mut().find(|m| m.name == model.name) {
            Some(specified) => {
                if model.description.is_some() {
                    specified.description = model.description;
                }
                if let (
                    ModelKind::Struct { fields: specified },
                    ModelKind::Struct { fields: documented },
                ) = (&mut specified.kind, &model.kind)
                {
                    for field in specified {
                        let same = documented
                            .iter()
                            .find(|d| key(&d.json_name) == key(&field.json_name));
                        if let Some(text) = same.and_then(|d| d.description.clone()) {
                            field.description = Some(text);
                        }
                    }
                }
            }
            None => {
                diagnostics.warning(
                    Some(&model.at),
                    format!("model `{}` is documented but not in the spec", model.name),
                );
                spec.models.push(model);
            }
        }
    }
    spec.models.sort_by(|a, b| a.name.cmp(&b.name));
    spec
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::{
        BaseUrl, Body, ErrorStatus, FactSource, Location, Method, Provenance, TypeRef,
    };

    fn operation(
        name: &str,
        wire: &str,
        summary: Option<&str>,
        errors: &[(u16, &str)],
    ) -> Operation {
        let at = Provenance::new("x", 1);
        Operation {
            name: name.to_owned(),
            summary: summary.map(str::to_owned),
            description: None,
            method: Method::Get,
            path: "/things".to_owned(),
            params: vec![Param {
                name: "categoryIds".to_owned(),
                wire_name: wire.to_owned(),
                location: Location::Query,
                required: false,
                ty: TypeRef::Array(Box::new(TypeRef::String)),
                enum_values: Vec::new(),
                default: None,
                description: None,
                style: crate::model::ParamStyle::Standard,
                allow_reserved: false,
                wire_rule: crate::model::WireRule::Spec,
                at: at.clone(),
            }],
            body: Body::None,
            content_type: None,
            returns: None,
            accept: None,
            errors: errors
                .iter()
                .map(|(status, meaning)| ErrorStatus {
                    status: Statuses::Code(*status),
                    meaning: (*meaning).to_owned(),
                    source: FactSource::Prose,
                    at: at.clone(),
                })
                .collect(),
            paging: None,
            security: None,
            at,
        }
    }

    fn api(operations: Vec<Operation>) -> Api {
        let at = Provenance::new("x", 1);
        Api {
            title: "T".to_owned(),
            base_url: BaseUrl {
                template: "https://x".to_owned(),
                variables: Vec::new(),
                at: at.clone(),
            },
            auth: Vec::new(),
            security: Vec::new(),
            groups: vec![Group {
                name: "G".to_owned(),
                operations,
                at,
            }],
            models: Vec::new(),
        }
    }

    #[test]
    fn merge_keeps_the_spec_wire_facts_and_the_docs_prose() {
        let docs = api(vec![operation(
            "ListThings",
            "category_ids",
            Some("Lists things"),
            &[(404, "gone, says the prose")],
        )]);
        // The spec names the operation otherwise; method and path match it.
        let spec = api(vec![operation(
            "GetThings",
            "category_ids[]",
            None,
            &[(404, "Not Found"), (422, "Invalid")],
        )]);
        let mut diagnostics = Diagnostics::new();
        let merged = merge(docs, spec, &mut diagnostics);
        let ops: Vec<&Operation> = merged.operations().collect();
        assert_eq!(ops.len(), 1, "matched by method and path");
        assert_eq!(ops[0].name, "GetThings");
        assert_eq!(ops[0].params[0].wire_name, "category_ids[]");
        assert_eq!(ops[0].summary.as_deref(), Some("Lists things"));
        let meanings: Vec<&str> = ops[0].errors.iter().map(|e| e.meaning.as_str()).collect();
        assert_eq!(meanings, ["gone, says the prose", "Invalid"]);
        assert!(!diagnostics.has_errors());
    }

    #[test]
    fn differences_name_the_subject_and_both_sides() {
        let docs = api(vec![operation("ListThings", "category_ids", None, &[])]);
        let spec = api(vec![operation(
            "ListThings",
            "category_ids[]",
            None,
            &[(422, "x")],
        )]);
        let found: Vec<String> = differences(&docs, &spec)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                "ListThings: error statuses: docs ``, spec `422`",
                "ListThings.categoryIds: wire name: docs `category_ids`, spec `category_ids[]`",
            ]
        );
        assert!(differences(&docs, &docs).is_empty());
    }

    #[test]
    fn names_match_across_conventions() {
        assert_eq!(key("type_"), key("type"));
        assert_eq!(key("categoryIds"), key("category_ids[]"));
        assert_ne!(key("userId"), key("threadId"));
    }
}
