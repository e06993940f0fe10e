//! The `models` module: one Rust type per model, plus the parameter enums.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::Doc;
use crate::emit::enums::enum_tokens;
use crate::emit::format_parallel;
use crate::emit::names::ident;
use crate::emit::naming::{Names, ParamEnum};
use crate::emit::text::Piece;
use crate::emit::types::{rust_type, Scope};
use crate::model::{Api, Field, Model, ModelKind, TypeRef};

/// The source of `models.rs`: one type per model, then the parameter enums, printed
/// in parallel.
pub fn emit(api: &Api, names: &Names) -> Result<String, String> {
    let boxed = boxed_fields(api);
    let items: Vec<Item> = api
        .models
        .iter()
        .map(Item::Model)
        .chain(names.param_enums().iter().map(Item::ParamEnum))
        .collect();
    format_parallel(TokenStream::new(), &items, |item| {
        vec![Piece::Tokens(match item {
            Item::Model(m) => model(m, names, &boxed),
            Item::ParamEnum(e) => {
                let doc = Doc::new().text(&format!(
                    "The values of the `{}` parameter.",
                    code(&e.param)
                ));
                enum_tokens(&e.name, doc, &e.values)
            }
        })]
    })
}

/// One type of `models.rs`.
enum Item<'a> {
    Model(&'a Model),
    ParamEnum(&'a ParamEnum),
}

fn model(model: &Model, names: &Names, boxed: &BTreeSet<(&str, &str)>) -> TokenStream {
    let name = names.model(&model.name);
    let doc = match &model.description {
        Some(text) => Doc::new().prose(text),
        None => Doc::new().text(&format!("The API's `{}` object.", code(&model.name))),
    };
    match &model.kind {
        ModelKind::Struct { fields } => {
            let ty = ident(&name);
            let doc = doc.tokens();
            let fields = fields.iter().map(|f| {
                let rust_name = names.field(&model.name, &f.name);
                let in_box = boxed.contains(&(model.name.as_str(), f.name.as_str()));
                field(f, &rust_name, in_box, names)
            });
            quote! {
                #doc
                #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
                pub struct #ty {
                    #( #fields, )*
                }
            }
        }
        ModelKind::Enum { values } => enum_tokens(&name, doc, values),
        ModelKind::Alias { ty: target } => {
            let ty = ident(&name);
            let target = rust_type(target, names, Scope::Models);
            let doc = doc.tokens();
            quote! { #doc pub type #ty = #target; }
        }
    }
}

fn field(field: &Field, rust_name: &str, in_box: bool, names: &Names) -> TokenStream {
    let name = ident(rust_name);
    let json = &field.json_name;
    let ty = rust_type(&field.ty, names, Scope::Models);
    let ty = match in_box {
        true => quote!(Box<#ty>),
        false => ty,
    };
    let doc = match &field.description {
        Some(text) => Doc::new().prose(text),
        None => Doc::new().text(&format!("The `{}` field.", code(json))),
    };
    let doc = match &field.default {
        Some(default) => doc.text(&format!("Default: `{}`.", code(default))),
        None => doc,
    }
    .tokens();
    let rename = (json != rust_name).then(|| quote!(rename = #json,));
    if field.required && field.nullable {
        // Always sent, `null` when unset; a response that leaves it out still decodes.
        quote! {
            #doc
            #[serde(#rename default)]
            pub #name: Option<#ty>
        }
    } else if field.required {
        let attr = rename.map(|r| quote!(#[serde(#r)]));
        quote! { #doc #attr pub #name: #ty }
    } else {
        quote! {
            #doc
            #[serde(#rename skip_serializing_if = "Option::is_none")]
            pub #name: Option<#ty>
        }
    }
}

/// The (model, field) pairs that must be boxed: a field that holds a model directly
/// (not in a `Vec` or map, which already allocate) which leads back to the field's
/// own model would make the type infinitely large.
fn boxed_fields(api: &Api) -> BTreeSet<(&str, &str)> {
    let mut direct: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for model in &api.models {
        if let ModelKind::Struct { fields } = &model.kind {
            for field in fields {
                if let TypeRef::Named(target) = &field.ty {
                    direct
                        .entry(&model.name)
                        .or_default()
                        .push((field.name.as_str(), target.as_str()));
                }
            }
        }
    }
    let reaches = |from: &str, to: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(at) = stack.pop() {
            if at == to {
                return true;
            }
            if seen.insert(at) {
                stack.extend(direct.get(at).into_iter().flatten().map(|(_, t)| *t));
            }
        }
        false
    };
    let mut boxed = BTreeSet::new();
    for (model, fields) in &direct {
        for (field, target) in fields {
            if reaches(target, model) {
                boxed.insert((*model, *field));
            }
        }
    }
    boxed
}

/// Text for a code span: a backtick would end it early.
pub fn code(text: &str) -> String {
    text.replace('`', "'")
}
