//! The `models` module: one Rust type per model, plus the parameter enums.

use std::collections::{BTreeMap, BTreeSet};

use crate::emit::docs::Doc;
use crate::emit::enums::enum_item;
use crate::emit::names::ident;
use crate::emit::naming::{Names, ParamEnum};
use crate::emit::print_parallel;
use crate::emit::text::{string_literal, width, Code, Item, MARGIN};
use crate::emit::types::{rust_type, Scope};
use crate::emit::unions::Union;
use crate::model::{Api, Field, Model, ModelKind, TypeRef};

/// The source of `models.rs`: one type per model, then the parameter enums, printed
/// in parallel.
pub fn emit(api: &Api, names: &Names) -> Result<String, String> {
    let boxed = boxed_fields(api);
    let types: Vec<ModelsItem> = api
        .models
        .iter()
        .map(ModelsItem::Model)
        .chain(names.param_enums().iter().map(ModelsItem::ParamEnum))
        .collect();
    print_parallel(None, &types, |ty| item(ty, api, names, &boxed))
}

/// One type of `models.rs`.
enum ModelsItem<'a> {
    Model(&'a Model),
    ParamEnum(&'a ParamEnum),
}

fn item(ty: &ModelsItem, api: &Api, names: &Names, boxed: &BTreeSet<(&str, &str)>) -> Vec<Item> {
    match ty {
        ModelsItem::Model(m) => {
            let mut items = vec![model(m, api, names, boxed)];
            items.extend(constructor(m, names, boxed));
            items.extend(field_aliases(m, names));
            items
        }
        ModelsItem::ParamEnum(e) => {
            let doc = Doc::new().text(&format!(
                "The values of the `{}` parameter.",
                code(&e.param)
            ));
            vec![enum_item(&e.name, &doc, &e.values)]
        }
    }
}

/// The aliases through which `model`'s fields of complex types are declared.
fn field_aliases(model: &Model, names: &Names) -> Vec<Item> {
    let ModelKind::Struct { fields } = &model.kind else {
        return Vec::new();
    };
    let owner = names.model(&model.name);
    fields
        .iter()
        .filter_map(|field| {
            let alias = names.field_alias(&model.name, &field.name)?;
            let rust_field = names.field(&model.name, &field.name);
            let mut code = Code::new();
            code.doc_line(0, &format!("The type of [`{owner}::{rust_field}`]."));
            let ty = rust_type(&field.ty, names, Scope::Models);
            code.line(0, &format!("pub type {alias} = {ty};"));
            Some(code.finish())
        })
        .collect()
}

fn model(model: &Model, api: &Api, names: &Names, boxed: &BTreeSet<(&str, &str)>) -> Item {
    let name = names.model(&model.name);
    let doc = match &model.description {
        Some(text) => Doc::new().prose(text),
        None => Doc::new().text(&format!(
            "The API's `{}` {}.",
            code(&model.name),
            match model.kind {
                ModelKind::Struct { .. } => "object",
                ModelKind::Enum { .. } => "values",
                ModelKind::Alias { .. } => "type",
                ModelKind::Union { .. } => "value: one of the variants below",
            }
        )),
    };
    match &model.kind {
        ModelKind::Struct { fields } => {
            struct_item(&name, &doc, &field_codes(model, fields, names, boxed))
        }
        ModelKind::Enum { values } => enum_item(&name, &doc, values),
        ModelKind::Alias { ty: target } => {
            let target = rust_type(target, names, Scope::Models);
            let mut code = Code::new();
            code.doc(0, &doc);
            code.line(0, &format!("pub type {name} = {target};"));
            code.finish()
        }
        ModelKind::Union {
            tag,
            variants,
            nullable,
        } => Union {
            rust_name: &name,
            doc: &doc,
            tag: tag.as_deref(),
            variants,
            nullable: *nullable,
            boxed: &|variant| boxed.contains(&(model.name.as_str(), variant)),
        }
        .item(api, names),
    }
}

/// The fields of a struct model as they are printed.
fn field_codes<'a>(
    model: &Model,
    fields: &'a [Field],
    names: &Names,
    boxed: &BTreeSet<(&str, &str)>,
) -> Vec<FieldCode<'a>> {
    fields
        .iter()
        .map(|f| {
            let rust_name = names.field(&model.name, &f.name);
            let in_box = boxed.contains(&(model.name.as_str(), f.name.as_str()));
            let alias = names.field_alias(&model.name, &f.name);
            FieldCode::new(f, rust_name, in_box, alias, names)
        })
        .collect()
}

/// Whether every field may be left unset (`None`): the struct then derives
/// `Default`, and tests build it as `Model { id: Some(..), ..Default::default() }`.
fn every_field_unset(fields: &[FieldCode]) -> bool {
    fields
        .iter()
        .all(|f| matches!(f.kind(), FieldKind::Optional | FieldKind::Nullable))
}

/// A struct model: serde derives (and `Default` when every field may be unset), each
/// field with its doc and serde attributes.
fn struct_item(name: &str, doc: &Doc, fields: &[FieldCode]) -> Item {
    let mut code = Code::new();
    code.doc(0, doc);
    code.line(
        0,
        match every_field_unset(fields) {
            true => {
                "#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]"
            }
            false => "#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]",
        },
    );
    code.line(0, &format!("pub struct {name} {{"));
    for field in fields {
        code.doc(4, &field.doc);
        let ty = &field.ty;
        let rename = field
            .rename()
            .map(|json| format!("rename = {}, ", string_literal(json)));
        let rename = rename.as_deref().unwrap_or("");
        let name = &field.name;
        match field.kind() {
            FieldKind::Flattened => {
                code.line(4, "#[serde(flatten)]");
                code.line(4, &format!("pub {name}: {ty},"));
            }
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

/// `Model::new`, taking the required fields and leaving the others unset, for a
/// struct that needs some field but holds none it cannot leave unset otherwise
/// (flattened variants).
fn constructor(model: &Model, names: &Names, boxed: &BTreeSet<(&str, &str)>) -> Option<Item> {
    let ModelKind::Struct { fields } = &model.kind else {
        return None;
    };
    let fields = field_codes(model, fields, names, boxed);
    let required: Vec<&FieldCode> = fields
        .iter()
        .filter(|f| matches!(f.kind(), FieldKind::Required))
        .collect();
    if required.is_empty()
        || fields
            .iter()
            .any(|f| matches!(f.kind(), FieldKind::Flattened))
    {
        return None;
    }
    let name = names.model(&model.name);
    let mut code = Code::new();
    code.line(0, &format!("impl {name} {{"));
    let doc = Doc::new().text(&format!(
        "Makes a [`{name}`] of its required fields; every other field is unset."
    ));
    code.doc(4, &doc);
    code.allow_many_arguments(4, required.len(), "fields");
    // Text takes anything that converts into it, as the client's methods do.
    let text = |f: &FieldCode| f.ty == "String";
    let arguments: Vec<String> = required
        .iter()
        .map(|f| match text(f) {
            true => format!("{}: impl Into<String>", binding(&f.name)),
            false => format!("{}: {}", binding(&f.name), f.ty),
        })
        .collect();
    code.list(4, "pub fn new", ("(", ")"), &arguments, " -> Self {");
    let values: Vec<String> = fields
        .iter()
        .map(|field| match field.kind() {
            FieldKind::Required if text(field) => {
                format!("{}: {}.into()", field.name, binding(&field.name))
            }
            FieldKind::Required if binding(&field.name) != field.name => {
                format!("{}: {}", field.name, binding(&field.name))
            }
            FieldKind::Required => field.name.clone(),
            _ => format!("{}: None", field.name),
        })
        .collect();
    // A struct literal: prettyplease keeps one on a line only when it is short (its
    // `end_with_max_width(34)`), else writes a field a line.
    let flat = format!("{name} {{ {} }}", values.join(", "));
    match width(&flat) <= STRUCT_LITERAL_MAX_WIDTH && 8 + width(&flat) <= MARGIN {
        true => code.line(8, &flat),
        false => {
            code.line(8, &format!("{name} {{"));
            for value in &values {
                code.line(12, &format!("{value},"));
            }
            code.line(8, "}");
        }
    }
    code.line(4, "}");
    code.line(0, "}");
    Some(code.finish())
}

/// The widest struct literal prettyplease writes on one line.
const STRUCT_LITERAL_MAX_WIDTH: usize = 34;

/// The name of an argument for the field `name`: the field's own, unless clippy
/// refuses it as a placeholder (`disallowed_names`).
fn binding(name: &str) -> String {
    match name {
        "foo" | "baz" | "quux" => format!("{name}_value"),
        _ => name.to_owned(),
    }
}

/// One field of a struct model: its Rust name, type and doc.
struct FieldCode<'a> {
    field: &'a Field,
    /// The name [`Names`] gave it.
    rust_name: String,
    /// The identifier printed.
    name: String,
    ty: String,
    doc: Doc,
}

/// How a field is held and (de)serialized.
enum FieldKind {
    /// Its value's properties are the struct's own.
    Flattened,
    /// Always sent, `null` when unset; a response that leaves it out still decodes.
    Nullable,
    Required,
    /// Left out when unset.
    Optional,
}

impl<'a> FieldCode<'a> {
    fn new(
        field: &'a Field,
        rust_name: String,
        in_box: bool,
        alias: Option<&str>,
        names: &Names,
    ) -> Self {
        let ty = match alias {
            Some(alias) => alias.to_owned(),
            None => rust_type(&field.ty, names, Scope::Models),
        };
        let ty = match in_box {
            true => format!("Box<{ty}>"),
            false => ty,
        };
        let json = &field.json_name;
        let doc = match (&field.description, field.flatten) {
            (Some(text), _) => Doc::new().prose(text),
            (None, true) => Doc::new().text(&format!(
                "The object's other properties: one of the variants its `{}` lists.",
                code(json)
            )),
            (None, false) => Doc::new().text(&format!("The `{}` field.", code(json))),
        };
        let doc = match &field.default {
            Some(default) => doc.text(&format!("Default: `{}`.", code(default))),
            None => doc,
        };
        FieldCode {
            field,
            name: ident(&rust_name),
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
        if self.field.flatten {
            return FieldKind::Flattened;
        }
        match (self.field.required, self.field.nullable) {
            (true, true) => FieldKind::Nullable,
            (true, false) => FieldKind::Required,
            (false, _) => FieldKind::Optional,
        }
    }
}

/// The (model, field) and (union, variant) pairs that must be boxed: a field or
/// variant that holds a model directly (not in a `Vec` or map, which already
/// allocate) which leads back to its own model would make the type infinitely large.
fn boxed_fields(api: &Api) -> BTreeSet<(&str, &str)> {
    let mut direct: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for model in &api.models {
        let members: Vec<(&str, Option<&TypeRef>)> = match &model.kind {
            ModelKind::Struct { fields } => fields
                .iter()
                .map(|f| (f.name.as_str(), Some(&f.ty)))
                .collect(),
            ModelKind::Union { variants, .. } => variants
                .iter()
                .map(|v| (v.name.as_str(), v.ty.as_ref()))
                .collect(),
            _ => Vec::new(),
        };
        for (member, ty) in members {
            // Through aliases: `NodeRef(NodeRef)` with `type NodeRef = Node` holds a Node.
            let target = ty.and_then(|ty| crate::emit::unions::resolve_alias(api, ty));
            if let Some(TypeRef::Named(target)) = target {
                direct
                    .entry(&model.name)
                    .or_default()
                    .push((member, target.as_str()));
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
                 \x20   A{long}: {{type: array, items: {{type: string}}}}\n\
                 \x20   S{long}: {{type: object, required: [id{long}], properties: {{id{long}: {{type: string}}, n: {{type: integer}}}}}}\n"
            ));
        }
        let api = crate::testing::load_spec(&spec);
        assert_eq!(api.models.len(), 4 * 70);
        api
    }

    #[test]
    fn models_are_a_fixpoint_of_prettyplease() {
        let api = api_with_every_width();
        let names = Names::new(&api);
        let boxed = boxed_fields(&api);
        let items: Vec<Item> = api
            .models
            .iter()
            .flat_map(|m| {
                std::iter::once(model(m, &api, &names, &boxed))
                    .chain(constructor(m, &names, &boxed))
            })
            .collect();
        let file = emit(&api, &names).expect("emitted");
        let laid_out = [
            "        Sq { idq: idq.into(), n: None }\n",
            "    pub fn new(\n",
            "            n: None,\n",
            "pub back: Option<Box<",
            "#[serde(rename = \"with \\\"quotes\\\"",
            "Unlisted(String)",
        ];
        crate::emit::text::assert_fixpoint(&items, &file, 30, &laid_out);
    }
}
