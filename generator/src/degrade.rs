//! Degrade per item, never per API (DESIGN.md §4.4).
//!
//! Real inputs always hold something unexpected. Between the overlay and validation,
//! this stage makes sure that what cannot be generated exactly costs only itself:
//!
//! - a type naming a model nobody declares is resolved when the name says which model
//!   it means (`NullableCategory`, a composed `AllOfPetCategory` ending in one model's
//!   name), and is otherwise read loosely: any JSON value, or a string where the value
//!   travels as text;
//! - a parameter that cannot travel where it is sent is sent as text;
//! - paging that does not fit the operation is not generated;
//! - a repeated model or field keeps its first declaration;
//! - an operation that still cannot be generated is left out.
//!
//! Each of these is a warning with a kind, so that a large folder's report groups
//! them; `--strict` makes every warning an error.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::Diagnostics;
use crate::model::{Api, Location, ModelKind, Provenance, TypeRef};
use crate::validate::{check_operation, paging_problems};

/// Makes `api` generable item by item, warning about each item it changes; the
/// operations it leaves out are counted by [`Diagnostics::left_out`].
pub fn settle(api: &mut Api, diagnostics: &mut Diagnostics) {
    crate::security::settle(api, diagnostics);
    first_declarations_only(api, diagnostics);
    resolve_types(api, diagnostics);
    params_as_text(api, diagnostics);
    drop_unfit_paging(api, diagnostics);
    media_types_as_headers(api, diagnostics);
    leave_out_broken_operations(api, diagnostics);
}

/// A model declared twice keeps its first declaration, a field listed twice in one
/// model its first row, and an enum without values becomes a string.
fn first_declarations_only(api: &mut Api, diagnostics: &mut Diagnostics) {
    let mut seen: BTreeMap<String, Provenance> = BTreeMap::new();
    api.models.retain(|model| match seen.get(&model.name) {
        Some(first) => {
            diagnostics
                .warning(
                    Some(&model.at),
                    format!(
                        "model `{}` is declared twice: the declaration at {first} is kept",
                        model.name
                    ),
                )
                .kind("model declared twice");
            false
        }
        None => {
            seen.insert(model.name.clone(), model.at.clone());
            true
        }
    });
    for model in &mut api.models {
        match &mut model.kind {
            ModelKind::Struct { fields } => {
                let mut json_names: BTreeMap<String, Provenance> = BTreeMap::new();
                fields.retain(|field| match json_names.get(&field.json_name) {
                    Some(first) => {
                        diagnostics
                            .warning(
                                Some(&field.at),
                                format!(
                                    "`{}` of `{}` has the JSON name `{}`, like the field at {first}: left out",
                                    field.name, model.name, field.json_name
                                ),
                            )
                            .kind("field with a repeated JSON name");
                        false
                    }
                    None => {
                        json_names.insert(field.json_name.clone(), field.at.clone());
                        true
                    }
                });
            }
            ModelKind::Enum { values } if values.is_empty() => {
                diagnostics
                    .warning(
                        Some(&model.at),
                        format!("enum `{}` lists no values: read as a string", model.name),
                    )
                    .kind("enum without values, read as a string");
                model.kind = ModelKind::Alias {
                    ty: TypeRef::String,
                };
            }
            _ => {}
        }
    }
}

/// What an undeclared model name is read as.
enum Reading {
    /// `Nullable<Model>`: the model, whose values can be `null`.
    Nullable(String),
    /// A composed name (`AllOfPetCategory`) that ends in one declared model's name.
    Composed(String),
    /// Nothing declared fits.
    Loose,
}

/// Rule `undeclared-model`: `Nullable<Model>` is the model (openapi-generator 5+);
/// a composed name (`AllOf…`, `OneOf…`, `AnyOf…`) that ends in exactly one declared
/// model's name is that model; anything else is loose.
fn read_undeclared(name: &str, declared: &BTreeSet<String>) -> Reading {
    if let Some(inner) = name.strip_prefix("Nullable") {
        if declared.contains(inner) {
            return Reading::Nullable(inner.to_owned());
        }
    }
    let composed = ["AllOf", "OneOf", "AnyOf"]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix));
    if let Some(rest) = composed {
        if declared.contains(rest) {
            return Reading::Composed(rest.to_owned());
        }
        let ends: Vec<&String> = declared
            .iter()
            .filter(|model| rest.ends_with(model.as_str()))
            .collect();
        if let ([model], false) = (ends.as_slice(), rest.is_empty()) {
            return Reading::Composed((*model).clone());
        }
    }
    Reading::Loose
}

/// Resolves every model name nobody declares (see [`read_undeclared`]), in fields,
/// aliases, parameters and return types. Loose values are any JSON value, or text
/// in a parameter that travels as text.
fn resolve_types(api: &mut Api, diagnostics: &mut Diagnostics) {
    let declared: BTreeSet<String> = api.models.iter().map(|m| m.name.clone()).collect();
    // Whether the value itself (not an array's item) is a nullable model.
    let mut resolve = |ty: &mut TypeRef, text: bool, what: &str, at: &Provenance| -> bool {
        let nullable = matches!(&*ty, TypeRef::Named(name) if !declared.contains(name) && matches!(read_undeclared(name, &declared), Reading::Nullable(_)));
        resolve_in(ty, text, &mut |name| {
            if declared.contains(name) {
                return None;
            }
            let reading = read_undeclared(name, &declared);
            match &reading {
                Reading::Nullable(model) | Reading::Composed(model) => {
                    let how = match reading {
                        Reading::Nullable(_) => "a nullable",
                        _ => "the composed name of",
                    };
                    diagnostics.note(
                        Some(at),
                        format!(
                            "{what}: `{name}`, which no doc declares, is read as {how} `{model}`"
                        ),
                    );
                }
                Reading::Loose => {
                    let loose = if text { "a string" } else { "any JSON value" };
                    diagnostics
                        .warning(
                            Some(at),
                            format!("{what}: no doc or overlay declares `{name}`: read as {loose}"),
                        )
                        .kind("undeclared model, read loosely")
                        .help(format!(
                            "add `{name}.md` to the docs or declare it under `models:` in the overlay"
                        ));
                }
            }
            Some(reading)
        });
        nullable
    };
    for model in &mut api.models {
        let owner = model.name.clone();
        match &mut model.kind {
            ModelKind::Struct { fields } => {
                for field in fields {
                    let what = format!("field `{}` of `{owner}`", field.name);
                    if resolve(&mut field.ty, false, &what, &field.at) {
                        field.nullable = true;
                    }
                }
            }
            ModelKind::Alias { ty } => {
                resolve(ty, false, &format!("alias `{owner}`"), &model.at);
            }
            ModelKind::Union { variants, .. } => {
                for variant in variants {
                    if let Some(ty) = &mut variant.ty {
                        let what = format!("variant `{}` of `{owner}`", variant.name);
                        resolve(ty, false, &what, &model.at);
                    }
                }
            }
            ModelKind::Enum { .. } => {}
        }
    }
    for op in api.groups.iter_mut().flat_map(|g| g.operations.iter_mut()) {
        for param in &mut op.params {
            let what = format!("parameter `{}` of `{}`", param.name, op.name);
            let text = param.location != Location::Body;
            resolve(&mut param.ty, text, &what, &param.at);
        }
        if let Some(returns) = &mut op.returns {
            resolve(returns, false, &format!("`{}` returns", op.name), &op.at);
        }
    }
}

/// Replaces each undeclared name inside `ty` by what `read` says.
/// `read` says `None` for a declared name, which stays.
fn resolve_in(ty: &mut TypeRef, text: bool, read: &mut impl FnMut(&str) -> Option<Reading>) {
    match ty {
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            resolve_in(inner, text, read)
        }
        TypeRef::Named(name) => {
            *ty = match read(name) {
                None => return,
                Some(Reading::Nullable(model) | Reading::Composed(model)) => TypeRef::Named(model),
                Some(Reading::Loose) if text => TypeRef::String,
                Some(Reading::Loose) => TypeRef::Any,
            };
        }
        _ => {}
    }
}

/// A parameter whose value cannot travel where it is sent (an object in a header, a
/// map in a form) is sent as its text: the caller writes it, the client sends it.
fn params_as_text(api: &mut Api, diagnostics: &mut Diagnostics) {
    let mut changes: Vec<(usize, usize, usize, TypeRef)> = Vec::new();
    for (g, group) in api.groups.iter().enumerate() {
        for (o, op) in group.operations.iter().enumerate() {
            for (p, param) in op.params.iter().enumerate() {
                if param.location == Location::Body {
                    continue;
                }
                let mut probe = Diagnostics::new();
                crate::validate::wire_problem(api, op, param, &mut probe);
                if probe.has_errors() {
                    let text = match param.ty.array_item() {
                        Some(_) if param.location != Location::Path => {
                            TypeRef::Array(Box::new(TypeRef::String))
                        }
                        _ => TypeRef::String,
                    };
                    diagnostics
                        .warning(
                            Some(&param.at),
                            format!(
                                "parameter `{}` of `{}` has type `{}`, which cannot travel in the {}: sent as text",
                                param.name,
                                op.name,
                                param.ty,
                                param.location.as_str()
                            ),
                        )
                        .kind("parameter sent as text");
                    changes.push((g, o, p, text));
                }
            }
        }
    }
    for (g, o, p, ty) in changes {
        api.groups[g].operations[o].params[p].ty = ty;
    }
}

/// A media type the docs print that is no valid header value (a control or non-ASCII
/// character) is not sent: the server's default applies.
fn media_types_as_headers(api: &mut Api, diagnostics: &mut Diagnostics) {
    let valid = |media: &str| {
        media
            .bytes()
            .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
    };
    for op in api.groups.iter_mut().flat_map(|g| g.operations.iter_mut()) {
        for (header, value) in [
            ("Accept", &mut op.accept),
            ("Content-Type", &mut op.content_type),
        ] {
            if value.as_deref().is_some_and(|media| !valid(media)) {
                diagnostics
                    .warning(
                        Some(&op.at),
                        format!(
                            "`{}`: {header} `{}` is no valid header value: not sent",
                            op.name,
                            value.as_deref().unwrap_or_default().escape_debug()
                        ),
                    )
                    .kind("media type that is no header value");
                *value = None;
            }
        }
    }
}

/// Paging that does not fit its operation (no integer limit, no page object) is not
/// generated: the operation still is.
fn drop_unfit_paging(api: &mut Api, diagnostics: &mut Diagnostics) {
    let mut unfit: Vec<(usize, usize)> = Vec::new();
    for (g, group) in api.groups.iter().enumerate() {
        for (o, op) in group.operations.iter().enumerate() {
            let Some(paging) = &op.paging else { continue };
            let mut probe = Diagnostics::new();
            paging_problems(api, op, paging, &mut probe);
            if probe.has_errors() {
                for problem in probe.iter() {
                    diagnostics
                        .warning(
                            problem.at.as_ref(),
                            format!("{}: no `pages()` or `stream()`", problem.message),
                        )
                        .kind("paging not generated");
                }
                unfit.push((g, o));
            }
        }
    }
    for (g, o) in unfit {
        api.groups[g].operations[o].paging = None;
    }
}

/// Leaves out every operation that still cannot be generated, and every repeat of an
/// operation name, with a warning per reason.
fn leave_out_broken_operations(api: &mut Api, diagnostics: &mut Diagnostics) {
    let mut left_out: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut seen: BTreeMap<&str, &Provenance> = BTreeMap::new();
    for (g, group) in api.groups.iter().enumerate() {
        for (o, op) in group.operations.iter().enumerate() {
            let mut probe = Diagnostics::new();
            if let Some(first) = seen.get(op.name.as_str()) {
                probe.error(
                    Some(&op.at),
                    format!("`{}` is documented twice (first at {first})", op.name),
                );
            }
            check_operation(api, op, &mut probe);
            if !probe.has_errors() {
                // Only a kept operation makes a later one of its name a repeat.
                seen.insert(&op.name, &op.at);
                continue;
            }
            for problem in probe.iter() {
                // `Op`: …, `Op` has …: the warning names the operation already.
                let named = format!("`{}`", op.name);
                let reason = match problem.message.strip_prefix(&named) {
                    Some(rest) if rest.starts_with(':') => rest[1..].trim_start().to_owned(),
                    Some(rest) => format!("it{rest}"),
                    None => problem.message.clone(),
                };
                let warning = diagnostics.leave_out(problem.at.as_ref(), &op.name, &reason);
                warning.help = problem.help.clone();
            }
            left_out.insert((g, o));
        }
    }
    for (g, group) in api.groups.iter_mut().enumerate() {
        let mut o = 0;
        group.operations.retain(|_| {
            let keep = !left_out.contains(&(g, o));
            o += 1;
            keep
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declared(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    fn read(name: &str, models: &[&str]) -> Option<String> {
        match read_undeclared(name, &declared(models)) {
            Reading::Nullable(model) | Reading::Composed(model) => Some(model),
            Reading::Loose => None,
        }
    }

    #[test]
    fn nullable_models_are_the_model() {
        assert_eq!(
            read("NullableCategory", &["Category"]).as_deref(),
            Some("Category")
        );
        assert_eq!(read("NullableCategory", &["Pet"]), None);
    }

    #[test]
    fn composed_names_resolve_to_exactly_one_model() {
        let models = ["Category", "Pet", "User"];
        assert_eq!(
            read("AllOfSubCategoryCategory", &models).as_deref(),
            Some("Category")
        );
        assert_eq!(read("OneOfPetOwnerUser", &models).as_deref(), Some("User"));
        // Two models end the name: ambiguous, so loose, unless one is all of it.
        assert_eq!(
            read("AnyOfPetCategory", &["Category", "PetCategory"]).as_deref(),
            Some("PetCategory")
        );
        assert_eq!(
            read("AnyOfMyPetCategory", &["Category", "PetCategory"]),
            None
        );
        // No composed prefix, or nothing fits.
        assert_eq!(read("InlineObject1", &models), None);
        assert_eq!(read("AllOfThing", &models), None);
    }
}
