//! Checks that the model, after the overlay, describes a client that can be generated:
//! every referenced model exists, every path placeholder has a parameter, names are
//! unique. Each problem is an error at the place that stated the fact.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostics;
use crate::infer::placeholders;
use crate::model::{Api, AuthScheme, Location, ModelKind, Provenance, TypeRef};

/// Reports every problem of `api` into `diagnostics`.
pub fn validate(api: &Api, diagnostics: &mut Diagnostics) {
    base_url(api, diagnostics);
    let mut seen: BTreeMap<&str, &Provenance> = BTreeMap::new();
    for op in api.operations() {
        if let Some(first) = seen.insert(&op.name, &op.at) {
            diagnostics.error(
                Some(&op.at),
                format!(
                    "operation `{}` is documented twice (first at {first})",
                    op.name
                ),
            );
        }
        if let Some(returns) = &op.returns {
            model_exists(
                api,
                returns,
                &op.at,
                &format!("`{}` returns", op.name),
                diagnostics,
            );
        }
        for placeholder in placeholders(&op.path) {
            let has_param = op
                .params
                .iter()
                .any(|p| p.location == Location::Path && p.wire_name == placeholder);
            if !has_param {
                diagnostics.error(
                    Some(&op.at),
                    format!(
                        "`{}`: the path `{}` has `{{{placeholder}}}` but no path parameter of that name",
                        op.name, op.path
                    ),
                );
            }
        }
        let mut wire_names: BTreeMap<(String, &str), &Provenance> = BTreeMap::new();
        for param in &op.params {
            model_exists(
                api,
                &param.ty,
                &param.at,
                &format!("parameter `{}` of `{}` has type", param.name, op.name),
                diagnostics,
            );
            if param.location == Location::Path
                && !placeholders(&op.path).any(|p| p == param.wire_name)
            {
                diagnostics.error(
                    Some(&param.at),
                    format!(
                        "path parameter `{}` has no `{{{}}}` in `{}`",
                        param.name, param.wire_name, op.path
                    ),
                );
            }
            if param.wire_name.is_empty() {
                diagnostics.error(
                    Some(&param.at),
                    format!("parameter `{}` has an empty wire name", param.name),
                );
            }
            let key = (format!("{:?}", param.location), param.wire_name.as_str());
            if let Some(first) = wire_names.insert(key, &param.at) {
                diagnostics.error(
                    Some(&param.at),
                    format!(
                        "`{}` sends two parameters as `{}` (the first at {first})",
                        op.name, param.wire_name
                    ),
                );
            }
            if !matches!(param.location, Location::Path | Location::Query) {
                // The emitter would otherwise have to drop the parameter silently.
                diagnostics
                    .error(
                        Some(&param.at),
                        format!(
                            "parameter `{}` of `{}` travels in a {} location, which this version of apibind cannot send yet",
                            param.name,
                            op.name,
                            param.location.as_str()
                        ),
                    )
                    .help = Some("only path and query parameters are supported so far".into());
            }
            if param.location == Location::Path && !param.required {
                diagnostics.error(
                    Some(&param.at),
                    format!("path parameter `{}` must be required", param.name),
                );
            }
        }
        if op
            .params
            .iter()
            .filter(|p| p.location == Location::Body)
            .count()
            > 1
        {
            diagnostics.error(
                Some(&op.at),
                format!("`{}` has more than one body parameter", op.name),
            );
        }
    }
    for model in &api.models {
        match &model.kind {
            ModelKind::Struct { fields } => {
                for field in fields {
                    model_exists(
                        api,
                        &field.ty,
                        &field.at,
                        &format!("field `{}` of `{}` has type", field.name, model.name),
                        diagnostics,
                    );
                }
            }
            ModelKind::Enum { values } if values.is_empty() => {
                diagnostics.error(
                    Some(&model.at),
                    format!("enum `{}` has no values", model.name),
                );
            }
            ModelKind::Enum { .. } => {}
            ModelKind::Alias { ty } => {
                model_exists(
                    api,
                    ty,
                    &model.at,
                    &format!("alias `{}` names", model.name),
                    diagnostics,
                );
            }
        }
    }
    for scheme in &api.auth {
        if let AuthScheme::QueryParam { name } = scheme {
            if name.is_empty() {
                diagnostics.error(None, "the query-parameter auth scheme has an empty name");
            }
        }
    }
}

fn base_url(api: &Api, diagnostics: &mut Diagnostics) {
    let template = &api.base_url.template;
    let at = Some(&api.base_url.at);
    if template.is_empty() {
        diagnostics
            .error(
                at,
                "no base URL: the docs have no `All URIs are relative to` line",
            )
            .help = Some("set `base_url: { template: https://... }` in the overlay".into());
        return;
    }
    if !(template.starts_with("https://") || template.starts_with("http://")) {
        diagnostics.error(
            at,
            format!("base URL `{template}` must start with https:// or http://"),
        );
    }
    if template.contains(['?', '#', ' ']) {
        diagnostics.error(
            at,
            format!("base URL `{template}` must not hold a query, fragment or space"),
        );
    }
}

fn model_exists(
    api: &Api,
    ty: &TypeRef,
    at: &Provenance,
    what: &str,
    diagnostics: &mut Diagnostics,
) {
    if let Some(name) = ty.named() {
        if api.model(name).is_none() {
            diagnostics
                .error(
                    Some(at),
                    format!("{what} `{ty}`, but no doc or overlay declares model `{name}`"),
                )
                .help = Some(format!(
                "add `{name}.md` to the docs or declare it under `models:` in the overlay"
            ));
        }
    }
}
