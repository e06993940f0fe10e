//! The `models` module: one Rust type per model, plus the parameter enums.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::Doc;
use crate::emit::enums::{enum_tokens, EnumNames};
use crate::emit::names::{ident, pascal, snake, Taken};
use crate::emit::types::{rust_type, Scope};
use crate::model::{Api, Field, Model, ModelKind};

/// The tokens of `models.rs`.
pub fn emit(api: &Api, enums: &EnumNames) -> TokenStream {
    let models = api.models.iter().map(model);
    let param_enums = enums.iter().map(|(name, values, param)| {
        let doc = Doc::new().text(&format!("The values of the `{}` parameter.", code(param)));
        enum_tokens(name, doc, values)
    });
    quote! {
        #( #models )*
        #( #param_enums )*
    }
}

fn model(model: &Model) -> TokenStream {
    let name = pascal(&model.name);
    let doc = match &model.description {
        Some(text) => Doc::new().prose(text),
        None => Doc::new().text(&format!("The API's `{}` object.", code(&model.name))),
    };
    match &model.kind {
        ModelKind::Struct { fields } => {
            let ty = ident(&name);
            let doc = doc.tokens();
            // Documented names that collide after conversion get a numeric suffix.
            let mut taken = Taken::default();
            let field_names: Vec<String> = fields
                .iter()
                .map(|f| taken.claim(snake(&f.name), "_"))
                .collect();
            let fields = fields.iter().zip(&field_names).map(|(f, n)| field(f, n));
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
            let target = rust_type(target, Scope::Models);
            let doc = doc.tokens();
            quote! { #doc pub type #ty = #target; }
        }
    }
}

fn field(field: &Field, rust_name: &str) -> TokenStream {
    let name = ident(rust_name);
    let json = &field.json_name;
    let ty = rust_type(&field.ty, Scope::Models);
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
    if field.required {
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

/// Text for a code span: a backtick would end it early.
pub fn code(text: &str) -> String {
    text.replace('`', "'")
}
