//! The `models` module: one Rust type per model, plus the parameter enums.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::Doc;
use crate::emit::enums::enum_piece;
use crate::emit::format_parallel;
use crate::emit::names::ident;
use crate::emit::naming::{Names, ParamEnum};
use crate::emit::text::{string_literal, type_text, Code, Piece};
use crate::emit::types::{rust_type, Scope};
use crate::model::{Api, Field, Model, ModelKind, TypeRef};

/// The source of `models.rs`: one type per model, then the parameter enums, printed
/// in parallel.
pub fn emit(api: &Api, names: &Names) -> Result<String, String> {
    emit_laid_out(api, names, true)
}

/// [`emit`], with the regular items written as text (`preformatted`) or all of them
/// printed by prettyplease: the two must give the same bytes.
fn emit_laid_out(api: &Api, names: &Names, preformatted: bool) -> Result<String, String> {
    let boxed = boxed_fields(api);
    let items: Vec<Item> = api
        .models
        .iter()
        .map(Item::Model)
        .chain(names.param_enums().iter().map(Item::ParamEnum))
        .collect();
    format_parallel(TokenStream::new(), &items, |item| {
        vec![match item {
            Item::Model(m) => model(m, names, &boxed, preformatted),
            Item::ParamEnum(e) => {
                let doc = Doc::new().text(&format!(
                    "The values of the `{}` parameter.",
                    code(&e.param)
                ));
                enum_piece(&e.name, doc, &e.values, preformatted)
            }
        }]
    })
}

/// One type of `models.rs`.
enum Item<'a> {
    Model(&'a Model),
    ParamEnum(&'a ParamEnum),
}

fn model(
    model: &Model,
    names: &Names,
    boxed: &BTreeSet<(&str, &str)>,
    preformatted: bool,
) -> Piece {
    let name = names.model(&model.name);
    let doc = match &model.description {
        Some(text) => Doc::new().prose(text),
        None => Doc::new().text(&format!("The API's `{}` object.", code(&model.name))),
    };
    match &model.kind {
        ModelKind::Struct { fields } => {
            let fields: Vec<FieldCode> = fields
                .iter()
                .map(|f| {
                    let rust_name = names.field(&model.name, &f.name);
                    let in_box = boxed.contains(&(model.name.as_str(), f.name.as_str()));
                    FieldCode::new(f, rust_name, in_box, names)
                })
                .collect();
            if let Some(text) = preformatted
                .then(|| struct_text(&name, &doc, &fields))
                .flatten()
            {
                return Piece::Text(text);
            }
            let ty = ident(&name);
            let doc = doc.tokens();
            let fields = fields.iter().map(FieldCode::tokens);
            Piece::Tokens(quote! {
                #doc
                #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
                pub struct #ty {
                    #( #fields, )*
                }
            })
        }
        ModelKind::Enum { values } => enum_piece(&name, doc, values, preformatted),
        ModelKind::Alias { ty: target } => {
            let ty = ident(&name);
            let target = rust_type(target, names, Scope::Models);
            let doc = doc.tokens();
            Piece::Tokens(quote! { #doc pub type #ty = #target; })
        }
    }
}

/// A struct model as text, or `None` when prettyplease must lay it out.
fn struct_text(name: &str, doc: &Doc, fields: &[FieldCode]) -> Option<String> {
    let mut code = Code::new();
    code.lines(doc.printed("")?);
    code.line(
        0,
        "#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]",
    );
    code.line(0, &format!("pub struct {name} {{"));
    for field in fields {
        code.lines(field.doc.printed("    ")?);
        let ty = type_text(&field.ty)?;
        let rename = field
            .rename()
            .map(|json| format!("rename = {}, ", string_literal(json)));
        let rename = rename.as_deref().unwrap_or("");
        let name = &field.name;
        match field.kind() {
            FieldKind::Nullable => {
                code.line(4, &format!("#[serde({rename}default)]"));
                code.line(4, &format!("pub {name}: Option<{ty}>,"));
            }
            FieldKind::Required => {
                if !rename.is_empty() {
                    code.line(4, &format!("#[serde({})]", rename.trim_end_matches(", ")));
                }
                code.line(4, &format!("pub {name}: {ty},"));
            }
            FieldKind::Optional => {
                code.line(
                    4,
                    &format!("#[serde({rename}skip_serializing_if = \"Option::is_none\")]"),
                );
                code.line(4, &format!("pub {name}: Option<{ty}>,"));
            }
        }
    }
    code.line(0, "}");
    code.finish()
}

/// One field of a struct model: its Rust name, type and doc.
struct FieldCode<'a> {
    field: &'a Field,
    /// The name [`Names`] gave it.
    rust_name: String,
    /// The identifier printed.
    name: String,
    ty: TokenStream,
    doc: Doc,
}

/// How a field is held and (de)serialized.
enum FieldKind {
    /// Always sent, `null` when unset; a response that leaves it out still decodes.
    Nullable,
    Required,
    /// Left out when unset.
    Optional,
}

impl<'a> FieldCode<'a> {
    fn new(field: &'a Field, rust_name: String, in_box: bool, names: &Names) -> Self {
        let ty = rust_type(&field.ty, names, Scope::Models);
        let ty = match in_box {
            true => quote!(Box<#ty>),
            false => ty,
        };
        let json = &field.json_name;
        let doc = match &field.description {
            Some(text) => Doc::new().prose(text),
            None => Doc::new().text(&format!("The `{}` field.", code(json))),
        };
        let doc = match &field.default {
            Some(default) => doc.text(&format!("Default: `{}`.", code(default))),
            None => doc,
        };
        FieldCode {
            field,
            name: ident(&rust_name).to_string(),
            rust_name,
            ty,
            doc,
        }
    }

    /// The JSON name, when it is not the Rust name.
    fn rename(&self) -> Option<&str> {
        let json = self.field.json_name.as_str();
        (json != self.rust_name).then_some(json)
    }

    fn kind(&self) -> FieldKind {
        match (self.field.required, self.field.nullable) {
            (true, true) => FieldKind::Nullable,
            (true, false) => FieldKind::Required,
            (false, _) => FieldKind::Optional,
        }
    }

    fn tokens(&self) -> TokenStream {
        let name = ident(&self.rust_name);
        let ty = &self.ty;
        let doc = self.doc.tokens();
        let rename = self.rename().map(|json| quote!(rename = #json,));
        match self.kind() {
            FieldKind::Nullable => quote! {
                #doc
                #[serde(#rename default)]
                pub #name: Option<#ty>
            },
            FieldKind::Required => {
                let attr = rename.map(|r| quote!(#[serde(#r)]));
                quote! { #doc #attr pub #name: #ty }
            }
            FieldKind::Optional => quote! {
                #doc
                #[serde(#rename skip_serializing_if = "Option::is_none")]
                pub #name: Option<#ty>
            },
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Models and enums with names, fields, JSON names and values of every length.
    fn api_with_every_width() -> Api {
        let mut spec = String::from(
            "openapi: 3.0.0\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://x.test'}]\n\
             paths:\n  /a:\n    get:\n      operationId: a\n      responses: {'200': {description: ok}}\n\
             components:\n  schemas:\n",
        );
        for len in 1..=70 {
            let long = "q".repeat(len);
            spec.push_str(&format!(
                "    M{long}:\n      type: object\n      description: 'A model of {len}.'\n      required: [r{long}, n{long}]\n      properties:\n\
                 \x20       r{long}: {{type: array, items: {{$ref: '#/components/schemas/M{long}'}}}}\n\
                 \x20       n{long}: {{type: string, nullable: true}}\n\
                 \x20       camel{long}Name: {{type: integer, default: 3}}\n\
                 \x20       back: {{$ref: '#/components/schemas/M{long}'}}\n\
                 \x20       type: {{type: object, additionalProperties: {{type: string}}}}\n\
                 \x20       'with \"quotes\" {len}': {{type: boolean}}\n\
                 \x20   E{long}:\n      type: string\n      enum: ['v{long}', 'a \"q\" \\\\ {len}', 'é{long}', Other, Unknown, OtherValue]\n\
                 \x20   A{long}: {{type: array, items: {{type: string}}}}\n"
            ));
        }
        let api = crate::emit::text::load_spec(&spec);
        assert_eq!(api.models.len(), 3 * 70);
        api
    }

    #[test]
    fn preformatted_models_are_what_prettyplease_prints() {
        let api = api_with_every_width();
        let names = Names::new(&api);
        let preformatted = emit_laid_out(&api, &names, true).expect("emitted");
        let printed = emit_laid_out(&api, &names, false).expect("emitted");
        let boxed = boxed_fields(&api);
        let texts: Vec<String> = api
            .models
            .iter()
            .filter_map(|m| match model(m, &names, &boxed, true) {
                Piece::Text(text) => Some(text),
                Piece::Tokens(_) => None,
            })
            .collect();
        assert!(texts.len() > 30, "{} models written as text", texts.len());
        for laid_out in [
            "pub back: Option<Box<",
            "#[serde(rename = \"with \\\"quotes\\\"",
            "Unlisted(String)",
        ] {
            assert!(texts.iter().any(|t| t.contains(laid_out)), "{laid_out}");
        }
        crate::emit::text::assert_same_code(&preformatted, &printed);
    }
}
