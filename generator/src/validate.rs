//! Checks that the model, after the overlay, describes a client that can be generated:
//! every referenced model exists, every path placeholder has a parameter, names are
//! unique. Each problem is an error at the place that stated the fact.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostics;
use crate::model::{
    Api, AuthKind, Body, KeyLocation, Location, Model, ModelKind, Operation, Paging, Param,
    Provenance, TypeRef,
};
use crate::template::Template;

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
        check_operation(api, op, diagnostics);
        if let Some(paging) = &op.paging {
            paging_problems(api, op, paging, diagnostics);
        }
    }
    let mut model_names: BTreeMap<&str, &Provenance> = BTreeMap::new();
    for model in &api.models {
        if let Some(first) = model_names.insert(&model.name, &model.at) {
            diagnostics.error(
                Some(&model.at),
                format!(
                    "model `{}` is declared twice (first at {first})",
                    model.name
                ),
            );
        }
        match &model.kind {
            ModelKind::Struct { fields } => {
                let mut json_names: BTreeMap<&str, &Provenance> = BTreeMap::new();
                for field in fields {
                    if let Some(first) = json_names.insert(&field.json_name, &field.at) {
                        diagnostics.error(
                            Some(&field.at),
                            format!(
                                "`{}` of `{}` has the JSON name `{}`, like the field at {first}",
                                field.name, model.name, field.json_name
                            ),
                        );
                    }
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
            ModelKind::Union { variants, .. } => {
                for variant in variants {
                    if let Some(ty) = &variant.ty {
                        let what =
                            format!("variant `{}` of `{}` has type", variant.name, model.name);
                        model_exists(api, ty, &model.at, &what, diagnostics);
                    }
                }
            }
        }
    }
}

/// A parameter sent in the query under the name that carries a credential.
fn token_clash(api: &Api, op: &Operation, diagnostics: &mut Diagnostics) {
    for scheme in &api.auth {
        let name = match &scheme.kind {
            AuthKind::TokenQuery { name }
            | AuthKind::ApiKey {
                location: KeyLocation::Query,
                key_name: name,
            } => name,
            _ => continue,
        };
        let clash = op
            .params
            .iter()
            .find(|p| p.location == Location::Query && p.wire_name == *name);
        if let Some(param) = clash {
            diagnostics.error(
                Some(&param.at),
                format!(
                    "the query parameter `{name}` carries the credential of auth scheme `{}`, so no parameter may be sent as `{name}`", scheme.name
                ),
            );
        }
    }
}

/// Reports what keeps `op` from being generated: types that name no model,
/// placeholders without parameters, values that cannot travel where they are sent.
/// Paging is checked apart ([`paging_problems`]): without it the operation still
/// works.
pub fn check_operation(api: &Api, op: &Operation, diagnostics: &mut Diagnostics) {
    token_clash(api, op, diagnostics);
    if let Some(returns) = &op.returns {
        model_exists(
            api,
            returns,
            &op.at,
            &format!("`{}` returns", op.name),
            diagnostics,
        );
    }
    for placeholder in Template::new(&op.path).placeholders() {
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
        if param.location == Location::Path && !Template::new(&op.path).has(&param.wire_name) {
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
        let body_needed = match param.location {
            Location::Body if matches!(op.body, Body::Binary | Body::Text) => Some(op.body),
            Location::Body => Some(Body::Json),
            Location::Form => Some(Body::Form),
            Location::Multipart => Some(Body::Multipart),
            _ => None,
        };
        if let Some(body) = body_needed.filter(|body| *body != op.body) {
            diagnostics
                .error(
                    Some(&param.at),
                    format!(
                        "parameter `{}` of `{}` travels in a {} body, but the operation's body is {}",
                        param.name,
                        op.name,
                        body.as_str(),
                        op.body.as_str()
                    ),
                )
                .help = Some("the docs' `Content-Type` line decides the body; the overlay can set the parameter's `location`".into());
        }
        wire_problem(api, op, param, diagnostics);
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

/// Reports a parameter whose value cannot travel where it is sent.
pub fn wire_problem(api: &Api, op: &Operation, param: &Param, diagnostics: &mut Diagnostics) {
    if let Some(problem) = wire_type_problem(api, param.location, &param.ty, op.body) {
        diagnostics
            .error(
                Some(&param.at),
                format!(
                    "parameter `{}` of `{}` has type `{}`, which {problem}",
                    param.name, op.name, param.ty
                ),
            )
            .help = Some(
            "set its `type` (or `location`) under `operations.<name>.params` in the overlay".into(),
        );
    }
}

/// Why a value of `ty` cannot travel in `location`, if it cannot. Path segments,
/// query values, headers and cookies are text: scalars and enum models, and arrays of
/// them (comma-joined in a path segment, header or cookie; in the query and in forms
/// the key repeated or, as the parameter's style says, the items joined). The query
/// also takes maps of text (objects: `filter[key]=v`, OpenAPI's deepObject, or
/// `key=v`, its form style) and arrays of arrays of text (the key repeated, each
/// inner array comma-joined).
fn wire_type_problem(
    api: &Api,
    location: Location,
    ty: &TypeRef,
    body: Body,
) -> Option<&'static str> {
    let text = |ty: &TypeRef| api.is_text(ty);
    let text_or_list = |ty: &TypeRef| text(ty) || ty.array_item().is_some_and(text);
    match location {
        Location::Path | Location::Header if !text_or_list(ty) => {
            Some("cannot be written as one path segment or header value")
        }
        Location::Cookie if !text_or_list(ty) => Some("cannot be written as a cookie value"),
        Location::Query => match ty {
            TypeRef::Map(value) if text(value) => None,
            TypeRef::Array(item) if text_or_list(item) => None,
            ty if text(ty) => None,
            _ => Some("cannot be written as query values"),
        },
        Location::Form if !text_or_list(ty) => Some("cannot be written as text fields"),
        // A part that is neither text nor a file is sent as JSON.
        Location::Multipart => None,
        Location::Body => match body {
            Body::Binary if *ty != TypeRef::Binary => Some("cannot be sent as raw bytes"),
            Body::Text if *ty != TypeRef::String => Some("cannot be sent as text"),
            Body::Binary | Body::Text => None,
            _ if ty.is_binary() => Some("cannot be sent as a JSON body"),
            _ => None,
        },
        _ => None,
    }
}

/// Paging needs integer offset and limit parameters and a page model with an array
/// of records (and an integer total, when one is named).
pub fn paging_problems(api: &Api, op: &Operation, paging: &Paging, diagnostics: &mut Diagnostics) {
    let mut problem = |message: String| {
        diagnostics
            .error(Some(&op.at), format!("paging of `{}`: {message}", op.name))
            .help = Some("correct it with `paging:` under the operation in the overlay".into());
    };
    for name in [&paging.offset_param, &paging.limit_param] {
        let integer = op
            .params
            .iter()
            .any(|p| p.name == *name && matches!(p.ty, TypeRef::Int32 | TypeRef::Int64));
        if !integer {
            problem(format!("no integer parameter `{name}`"));
        }
    }
    let fields = match (
        &op.returns,
        op.returns
            .as_ref()
            .and_then(|t| t.named())
            .and_then(|n| api.model(n)),
    ) {
        (
            Some(TypeRef::Named(_)),
            Some(Model {
                kind: ModelKind::Struct { fields },
                ..
            }),
        ) => fields,
        _ => {
            problem("it must return a page object".to_owned());
            return;
        }
    };
    let field = |name: &str| fields.iter().find(|f| f.name == name);
    if field(&paging.items_field).is_none_or(|f| f.ty.array_item().is_none()) {
        problem(format!(
            "the page has no array field `{}`",
            paging.items_field
        ));
    }
    if let Some(total) = &paging.total_field {
        if field(total).is_none_or(|f| !matches!(f.ty, TypeRef::Int32 | TypeRef::Int64)) {
            problem(format!("the page has no integer field `{total}`"));
        }
    }
}

/// The base URL: absolute (`https://...`, or a `{variable}` in the scheme's place),
/// or relative (`/api/v1`) or empty, when the caller gives the server.
fn base_url(api: &Api, diagnostics: &mut Diagnostics) {
    let template = &api.base_url.template;
    let at = Some(&api.base_url.at);
    if template.is_empty() {
        diagnostics
            .warning(
                at,
                "no base URL: the docs have no `All URIs are relative to` line; the client has \
                 no default server, callers give one with `Client::builder().base_url(...)`",
            )
            .help = Some("set `base_url: { template: https://... }` in the overlay".into());
        return;
    }
    if template.contains(['?', '#', ' ']) {
        diagnostics.error(
            at,
            format!("base URL `{template}` must not hold a query, fragment or space"),
        );
    }
    if api.base_url.is_relative() {
        return;
    }
    let scheme = template.split_once("://").map(|(scheme, _)| scheme);
    let variable = |s: &str| s.starts_with('{') && s.ends_with('}') && s[1..].find('{').is_none();
    let valid = scheme.is_some_and(|s| {
        s.eq_ignore_ascii_case("https") || s.eq_ignore_ascii_case("http") || variable(s)
    });
    if !valid {
        diagnostics.error(
            at,
            format!(
                "base URL `{template}` must start with https://, http://, `{{scheme}}://` or `/`"
            ),
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
