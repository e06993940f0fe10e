//! Schemas to the model's types: `type` and `format`, arrays, maps, `$ref`s to
//! models, and inline objects, which become models of their own.

use serde_yaml::Value;

use super::context::{canonical_pointer, Spec};
use super::names::model_name;
use super::node::{scalar_text, Node};
use crate::model::{ModelKind, TypeRef};

/// What a schema's `type` says, or what its other keys imply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
    /// Swagger 2.0's `type: file`.
    File,
    /// No type: any JSON value.
    Any,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::Boolean => "boolean",
            Kind::Array => "array",
            Kind::Object => "object",
            Kind::File => "file",
            Kind::Any => "any JSON value",
        }
    }
}

/// Schemas nested deeper than this are hostile, not APIs.
const MAX_DEPTH: usize = 64;

impl<'a> Spec<'a> {
    /// The type of `schema`. `hint` names the model made for an inline object
    /// (`CreatePetRequest`, `PetOwner`).
    pub fn schema_type(&mut self, schema: &Node<'a>, hint: &str) -> TypeRef {
        if self.depth >= MAX_DEPTH {
            self.loose(&schema.pointer, "schemas nest too deeply to read");
            return TypeRef::Any;
        }
        self.depth += 1;
        let ty = self.schema_type_here(schema, hint);
        self.depth -= 1;
        ty
    }

    fn schema_type_here(&mut self, schema: &Node<'a>, hint: &str) -> TypeRef {
        match schema.value {
            Value::Mapping(_) => {}
            // JSON Schema's `true` schema accepts anything.
            Value::Bool(true) => return TypeRef::Any,
            _ => {
                self.loose(&schema.pointer, "a schema must be a mapping");
                return TypeRef::Any;
            }
        }
        if let Some(reference) = schema.get("$ref") {
            if self.v31 {
                self.ref_siblings(schema);
            }
            return self.ref_type(&reference, hint);
        }
        if self.v31 {
            self.unsupported_keywords(schema);
        }
        if let Some(ty) = self.composed_type(schema, hint) {
            return ty;
        }
        self.schema_type_without_alternatives(schema, hint)
    }

    /// The type of `schema` from its `type` and `format`, its `oneOf`/`anyOf` aside.
    /// A 3.1 list of several types (`[string, integer]`) is a union of them.
    pub fn schema_type_without_alternatives(&mut self, schema: &Node<'a>, hint: &str) -> TypeRef {
        if let Some(kinds) = several_kinds(schema) {
            if let Some(name) = self.inline_models.get(&schema.pointer) {
                return TypeRef::Named(name.clone());
            }
            let name = self.unique_name(&model_name(hint));
            self.inline_models
                .insert(schema.pointer.clone(), name.clone());
            // Where it is used says whether `null` is allowed (an optional field, a
            // nullable item); a parameter is sent or not.
            let kind = self.type_list_union(schema, &kinds, &name, false);
            self.models.push(crate::model::Model {
                name: name.clone(),
                description: schema.get_prose("description"),
                kind,
                at: self.at(&schema.pointer),
            });
            return TypeRef::Named(name);
        }
        let kind = self.kind(schema);
        self.type_of_kind(schema, kind, hint)
    }

    /// The union of a 3.1 type list (`type: [string, integer, "null"]`): a variant
    /// per type, each read with the schema's other keywords (`format`, `items`,
    /// `properties`...), named after its type. `nullable`: whether the union itself
    /// holds `null` when the list names it (a component's union does; an inline one
    /// leaves that to its place).
    pub fn type_list_union(
        &mut self,
        schema: &Node<'a>,
        kinds: &[Kind],
        name: &str,
        nullable: bool,
    ) -> ModelKind {
        let variants = kinds
            .iter()
            .map(|&kind| {
                let hint = format!("{name}{}", upper_first(kind.as_str()));
                let has_properties = schema
                    .get("properties")
                    .is_some_and(|p| !p.entries().is_empty());
                let ty = if kind == Kind::Object && has_properties {
                    // Not `inline_model`: the schema's node names the union itself.
                    let object = self.unique_name(&model_name(&hint));
                    let model = self.struct_model(&object, schema);
                    self.models.push(model);
                    TypeRef::Named(object)
                } else {
                    self.type_of_kind(schema, kind, &hint)
                };
                crate::model::Variant {
                    name: super::unions::type_name(&ty),
                    ty: Some(ty),
                    tags: Vec::new(),
                    description: None,
                }
            })
            .collect();
        ModelKind::Union {
            tag: None,
            variants,
            nullable: nullable && is_nullable(schema),
        }
    }

    /// The type of `schema` read as `kind`, with its `format`, `items` or properties.
    fn type_of_kind(&mut self, schema: &Node<'a>, kind: Kind, hint: &str) -> TypeRef {
        let format = schema.get_str("format");
        match kind {
            Kind::String => string_type(format),
            Kind::Integer => integer_type(format, schema),
            Kind::Number if format == Some("float") => TypeRef::Float,
            Kind::Number => TypeRef::Double,
            Kind::Boolean => TypeRef::Bool,
            Kind::Array if schema.get("prefixItems").is_some() => {
                self.warn(
                    &schema.pointer,
                    "a tuple (`prefixItems`) is read as an array of any JSON value",
                );
                TypeRef::Array(Box::new(TypeRef::Any))
            }
            Kind::Array => {
                let item = match schema.get("items") {
                    Some(items) => {
                        let item = self.schema_type(&items, &format!("{hint}Item"));
                        or_null(item, &items)
                    }
                    None => TypeRef::Any,
                };
                TypeRef::Array(Box::new(item))
            }
            Kind::Object => self.object_type(schema, hint),
            Kind::File => TypeRef::Binary,
            Kind::Any => TypeRef::Any,
        }
    }

    /// A `$ref`: a component schema is its model; any other node of the document is
    /// read in place; a missing target is any JSON value, with a warning.
    fn ref_type(&mut self, reference: &Node<'a>, hint: &str) -> TypeRef {
        let Some(text) = reference.str() else {
            self.loose(&reference.pointer, "`$ref` must be a string");
            return TypeRef::Any;
        };
        if !text.starts_with('#') {
            self.external_ref(&reference.pointer, text);
            return TypeRef::Any;
        }
        let target = canonical_pointer(text);
        if let Some(name) = self.model_names.get(&target) {
            return TypeRef::Named(name.clone());
        }
        let Some(node) = self.lookup(&target) else {
            self.warn(
                &reference.pointer,
                format!("`$ref: {text}` points at no schema: read as any JSON value"),
            );
            return TypeRef::Any;
        };
        if self.expanding.contains(&target) {
            self.loose(
                &reference.pointer,
                format!("`$ref: {text}` contains itself and is no component schema, so it cannot be named"),
            );
            return TypeRef::Any;
        }
        self.expanding.push(target);
        let ty = self.schema_type(&node, hint);
        self.expanding.pop();
        ty
    }

    /// OpenAPI 3.1 allows keywords beside a `$ref`; the `$ref` wins. What only
    /// annotates it (a `description`, kept as the field's, `nullable`, `readOnly`...) is
    /// read as before; what would change its shape is ignored, with a warning.
    fn ref_siblings(&mut self, schema: &Node<'a>) {
        let ignored: Vec<String> = schema
            .entries()
            .into_iter()
            .map(|(key, _)| key)
            .filter(|key| !REF_ANNOTATIONS.contains(&key.as_str()) && !key.starts_with("x-"))
            .collect();
        if !ignored.is_empty() {
            let list = ignored
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let verb = if ignored.len() == 1 { "is" } else { "are" };
            self.warn(
                &schema.pointer,
                format!("{list} beside `$ref` {verb} ignored: the `$ref` says what the value is"),
            );
        }
    }

    /// JSON Schema 2020-12 keywords that change what a value is and that the model
    /// cannot say: each is ignored, with a warning.
    fn unsupported_keywords(&mut self, schema: &Node<'a>) {
        for key in UNSUPPORTED_KEYWORDS {
            if let Some(node) = schema.get(key) {
                self.warn(
                    &node.pointer,
                    format!("`{key}` (JSON Schema 2020-12) is not supported: it is ignored"),
                );
            }
        }
    }

    /// `allOf`, `oneOf` and `anyOf`, when the schema has them.
    fn composed_type(&mut self, schema: &Node<'a>, hint: &str) -> Option<TypeRef> {
        if let Some(all) = schema.get("allOf") {
            let parts = all.items();
            let own_properties = schema.get("properties").is_some();
            return match (parts.as_slice(), own_properties) {
                // `allOf: [$ref]` is how 3.0 adds a description to a reference.
                ([only], false) => Some(self.schema_type(only, hint)),
                ([], false) => None,
                _ => Some(self.inline_model(schema, hint)),
            };
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(list) = schema
                .get(key)
                .filter(|l| !super::unions::only_constraints(l))
            {
                return Some(self.alternatives_type(key, schema, &list, hint));
            }
        }
        None
    }

    /// `oneOf`/`anyOf` inline: the one type they come to, else a union model named
    /// after `hint`. Constants of strings inline are a string, as inline enums are.
    pub fn alternatives_type(
        &mut self,
        key: &str,
        schema: &Node<'a>,
        list: &Node<'a>,
        hint: &str,
    ) -> TypeRef {
        if let Some(name) = self.inline_models.get(&schema.pointer) {
            return TypeRef::Named(name.clone());
        }
        match self.simpler_alternatives(key, schema, list, hint) {
            Some(ModelKind::Alias { ty }) => return ty,
            Some(_) => return TypeRef::String,
            None => {}
        }
        let name = self.unique_name(&model_name(hint));
        // Claimed before the variants are read, so a variant that contains the union
        // refers to it instead of reading it again.
        self.inline_models
            .insert(schema.pointer.clone(), name.clone());
        let kind = self.union(schema, list, &name);
        self.models.push(crate::model::Model {
            name: name.clone(),
            description: schema.get_prose("description"),
            kind,
            at: self.at(&schema.pointer),
        });
        TypeRef::Named(name)
    }

    /// An object: a model when it has properties, else a map.
    fn object_type(&mut self, schema: &Node<'a>, hint: &str) -> TypeRef {
        let has_properties = schema
            .get("properties")
            .is_some_and(|p| !p.entries().is_empty());
        if has_properties {
            return self.inline_model(schema, hint);
        }
        // The docs render `type: object` as map[string]interface{}.
        let value = match schema.get("additionalProperties") {
            Some(values) if values.is_map() => {
                let value = self.schema_type(&values, &format!("{hint}Value"));
                or_null(value, &values)
            }
            _ => TypeRef::Any,
        };
        TypeRef::Map(Box::new(value))
    }

    /// The model made for an inline object schema, made once per schema node.
    pub fn inline_model(&mut self, schema: &Node<'a>, hint: &str) -> TypeRef {
        if let Some(name) = self.inline_models.get(&schema.pointer) {
            return TypeRef::Named(name.clone());
        }
        let name = self.unique_name(&model_name(hint));
        self.inline_models
            .insert(schema.pointer.clone(), name.clone());
        let model = self.struct_model(&name, schema);
        self.models.push(model);
        TypeRef::Named(name)
    }

    /// What `schema` is: its `type`, else what its keys imply. A `format` without a
    /// `type` (the Engage Digital spec's `Timezone`) is read as the format's type,
    /// with a warning.
    pub fn kind(&mut self, schema: &Node<'a>) -> Kind {
        let Some(ty) = schema.get("type") else {
            return self.implied_kind(schema);
        };
        match ty.value {
            Value::String(name) => self.named_kind(name, &ty.pointer),
            // OpenAPI 3.1 writes nullable types as `[string, "null"]`.
            Value::Sequence(_) => {
                let names: Vec<&str> = ty
                    .items()
                    .iter()
                    .filter_map(|n| n.str())
                    .filter(|n| *n != "null")
                    .collect();
                match names.as_slice() {
                    [one] => self.named_kind(one, &ty.pointer),
                    [] => Kind::Any,
                    // Several kinds are a union (`type_list_union`), read before the
                    // kind is asked for; what is left is one kind named twice, or
                    // `[integer, number]` (a number), or a name that is no type.
                    several => {
                        let mut kinds: Vec<Kind> = Vec::new();
                        for name in several {
                            let kind = self.named_kind(name, &ty.pointer);
                            if !kinds.contains(&kind) {
                                kinds.push(kind);
                            }
                        }
                        if kinds.contains(&Kind::Number) {
                            kinds.retain(|k| *k != Kind::Integer);
                        }
                        match kinds.as_slice() {
                            [one] => *one,
                            _ => Kind::Any,
                        }
                    }
                }
            }
            _ => {
                self.loose(&ty.pointer, "`type` must be a string");
                Kind::Any
            }
        }
    }

    fn named_kind(&mut self, name: &str, pointer: &str) -> Kind {
        match json_kind(name) {
            Some(kind) => kind,
            None if name == "file" => Kind::File,
            None if name == "null" => Kind::Any,
            None => {
                self.loose(
                    pointer,
                    format!(
                        "`type: {name}` is not a type: expected string, integer, number, \
                         boolean, array, object{}",
                        if self.version == super::context::Version::V2 {
                            " or file"
                        } else {
                            ""
                        }
                    ),
                );
                Kind::Any
            }
        }
    }

    fn implied_kind(&mut self, schema: &Node<'a>) -> Kind {
        if schema.get("properties").is_some() || schema.get("additionalProperties").is_some() {
            return Kind::Object;
        }
        if schema.get("items").is_some() || schema.get("prefixItems").is_some() {
            return Kind::Array;
        }
        if let Some(values) = enum_node(schema) {
            return enum_kind(&values);
        }
        let Some(format) = schema.get("format") else {
            return Kind::Any;
        };
        let text = format.str().unwrap_or_default();
        match format_kind(text) {
            Some(kind) => {
                self.warn(
                    &schema.pointer,
                    format!(
                        "schema has `format: {text}` but no `type`: read as {}",
                        kind.as_str()
                    ),
                );
                kind
            }
            None => {
                self.warn(
                    &schema.pointer,
                    format!("schema has `format: {text}` but no `type`: read as any JSON value"),
                );
                Kind::Any
            }
        }
    }

    /// `ty` as a parameter can carry it: an enum model is its string, an alias is
    /// what it names, inside arrays too.
    pub fn wire_type(&self, ty: TypeRef) -> TypeRef {
        let mut ty = ty;
        // Aliases chain; cycles were broken when the models were built, and the bound
        // keeps a missed one from looping.
        for _ in 0..16 {
            ty = match ty {
                TypeRef::Named(name) => match self.model(&name).map(|m| &m.kind) {
                    Some(ModelKind::Enum { .. }) => return TypeRef::String,
                    Some(ModelKind::Alias { ty }) => ty.clone(),
                    Some(ModelKind::Union { variants, .. }) => match self.one_or_list(variants) {
                        Some(list) => return list,
                        None => return TypeRef::Named(name),
                    },
                    _ => return TypeRef::Named(name),
                },
                TypeRef::Array(item) => return TypeRef::Array(Box::new(self.wire_type(*item))),
                // A parameter's value is sent or not: an item that may be null is the item.
                TypeRef::Nullable(inner) => *inner,
                other => return other,
            };
        }
        ty
    }

    /// The list of a union of a text value and a list of such values (`oneOf:
    /// [string, {type: array, items: string}]`), as parameters carry them: one value
    /// is a list of one, written on the wire the same way.
    fn one_or_list(&self, variants: &[crate::model::Variant]) -> Option<TypeRef> {
        let [first, second] = variants else {
            return None;
        };
        let (Some(first), Some(second)) = (&first.ty, &second.ty) else {
            return None;
        };
        // Either order: `[string, array]` or `[array, string]`.
        let (one, list) = match first.array_item() {
            Some(_) => (second, first),
            None => (first, second),
        };
        let (one, list) = (self.wire_type(one.clone()), self.wire_type(list.clone()));
        (one.is_scalar() && list.array_item() == Some(&one)).then_some(list)
    }

    /// The enum values of a parameter's schema, or of its array's items, following
    /// `$ref`s to enum models.
    pub fn enum_values(&mut self, schema: &Node<'a>) -> Vec<String> {
        let super::context::Resolved::Found(schema) = self.resolve(schema) else {
            return Vec::new();
        };
        if let Some(values) = enum_node(&schema) {
            return enum_texts(&values);
        }
        match schema.get("items").map(|items| self.resolve(&items)) {
            Some(super::context::Resolved::Found(items)) => enum_node(&items)
                .map(|v| enum_texts(&v))
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}

/// The kinds of a 3.1 type list of two or more types besides `null`, in the list's
/// order; `None` for one type (or a list of one besides `null`, or `[integer,
/// number]`, a number) and for a list that names something other than a type,
/// which [`Spec::kind`] reports.
pub(super) fn several_kinds(schema: &Node<'_>) -> Option<Vec<Kind>> {
    let list = schema.get("type").filter(|t| t.value.is_sequence())?;
    let mut kinds = Vec::new();
    for name in list.items().iter().map(|n| n.str()) {
        let kind = match name? {
            "null" => continue,
            name => json_kind(name)?,
        };
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    // `[integer, number]` is a number: every integer is one.
    if kinds.contains(&Kind::Number) {
        kinds.retain(|k| *k != Kind::Integer);
    }
    (kinds.len() > 1).then_some(kinds)
}

/// The kind a JSON Schema type name names (`file` and `null` aside).
fn json_kind(name: &str) -> Option<Kind> {
    Some(match name {
        "string" => Kind::String,
        "integer" => Kind::Integer,
        "number" => Kind::Number,
        "boolean" => Kind::Boolean,
        "array" => Kind::Array,
        "object" => Kind::Object,
        _ => return None,
    })
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// Keys beside a 3.1 `$ref` that annotate it rather than say what the value is.
const REF_ANNOTATIONS: [&str; 14] = [
    "$ref",
    "description",
    "summary",
    "title",
    "nullable",
    "readOnly",
    "writeOnly",
    "deprecated",
    "default",
    "example",
    "examples",
    "$comment",
    "externalDocs",
    "xml",
];

/// JSON Schema 2020-12 keywords, new in OpenAPI 3.1, that say what a value is in
/// ways the model cannot. Keywords that only validate (`unevaluatedProperties: false`,
/// `contains`, `propertyNames`, `minContains`...) are ignored silently, as 3.0's are.
const UNSUPPORTED_KEYWORDS: [&str; 4] =
    ["if", "dependentSchemas", "patternProperties", "$dynamicRef"];

/// A schema's `enum`, or its `const` (OpenAPI 3.1), which is read as an `enum` of one
/// value: a component schema of a string `const` is an enum model of that one value,
/// a parameter's `const` is its one enum value, and elsewhere a `const` is its
/// scalar's type.
pub(super) fn enum_node<'a>(schema: &Node<'a>) -> Option<Node<'a>> {
    schema.get("enum").or_else(|| schema.get("const"))
}

/// The values of an `enum` list (or the one value of a `const`).
fn enum_items<'a>(values: &Node<'a>) -> Vec<Node<'a>> {
    match values.value {
        Value::Sequence(_) => values.items(),
        _ => vec![values.clone()],
    }
}

/// The values of an `enum` list (or a `const`), as text; `null` is no value.
pub(super) fn enum_texts(values: &Node<'_>) -> Vec<String> {
    enum_items(values)
        .iter()
        .filter_map(|v| scalar_text(v.value))
        .collect()
}

/// The kind all of an `enum`'s (or a `const`'s) values share.
pub(super) fn enum_kind(values: &Node<'_>) -> Kind {
    let items = enum_items(values);
    let all = |test: fn(&Value) -> bool| items.iter().all(|v| v.value.is_null() || test(v.value));
    if all(Value::is_string) {
        Kind::String
    } else if all(|v| v.is_i64() || v.is_u64()) {
        Kind::Integer
    } else if all(Value::is_number) {
        Kind::Number
    } else if all(Value::is_bool) {
        Kind::Boolean
    } else {
        Kind::Any
    }
}

/// The kind a format implies, for schemas that forgot their `type`.
fn format_kind(format: &str) -> Option<Kind> {
    Some(match format {
        "int32" | "int64" | "integer" | "uint32" | "uint64" => Kind::Integer,
        "float" | "double" | "number" | "decimal" => Kind::Number,
        "boolean" | "bool" => Kind::Boolean,
        "string" | "date" | "date-time" | "time" | "binary" | "byte" | "password" | "email"
        | "uuid" | "uri" | "url" | "hostname" | "ipv4" | "ipv6" => Kind::String,
        _ => return None,
    })
}

fn string_type(format: Option<&str>) -> TypeRef {
    match format {
        Some("date-time") => TypeRef::DateTime,
        Some("date") => TypeRef::Date,
        Some("binary") => TypeRef::Binary,
        _ => TypeRef::String,
    }
}

/// Plain `integer` is 32 bits (the Engage Digital spec writes plain `integer` where
/// its Go docs say int32, and docs and spec must agree on the type), unless its bounds
/// need more: a `maximum` of 2^54 - 1 (JavaScript's safe integers) is no int32, and
/// every value up to it must decode, even under a contradicting `format: int32`
/// (JSON Schema's formats are annotations; its bounds are not).
fn integer_type(format: Option<&str>, schema: &Node<'_>) -> TypeRef {
    match format {
        Some("int64" | "uint32" | "uint64") => TypeRef::Int64,
        _ if bounds_exceed_i32(schema) => TypeRef::Int64,
        _ => TypeRef::Int32,
    }
}

/// Whether a bound of `schema` (`minimum`, `maximum`, or their exclusive forms as
/// numbers, OpenAPI 3.1's) lies outside the range of an `i32`.
fn bounds_exceed_i32(schema: &Node<'_>) -> bool {
    ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]
        .iter()
        .filter_map(|key| schema.get(key)?.value.as_f64())
        .any(|bound| bound < f64::from(i32::MIN) || bound > f64::from(i32::MAX))
}

/// A `default` as text: scalars as written, anything else as JSON.
pub(super) fn default_text(schema: &Node<'_>) -> Option<String> {
    let value = schema.get("default")?.value;
    if value.is_null() {
        return None;
    }
    scalar_text(value).or_else(|| serde_json::to_string(value).ok())
}

/// `ty`, the type of an array's items or a map's values of `schema`, as
/// [`TypeRef::Nullable`] when `schema` allows `null` (any JSON value already does).
fn or_null(ty: TypeRef, schema: &Node<'_>) -> TypeRef {
    match ty {
        TypeRef::Any => ty,
        ty if is_nullable(schema) => TypeRef::Nullable(Box::new(ty)),
        ty => ty,
    }
}

/// Whether `null` is a valid value: `nullable` (3.0), `x-nullable` (2.0), a 3.1
/// type list with `null`, or a `oneOf`/`anyOf` with a `null` variant
/// (`[{$ref: X}, {type: 'null'}]`).
pub(super) fn is_nullable(schema: &Node<'_>) -> bool {
    schema.get_bool("nullable") == Some(true)
        || schema.get_bool("x-nullable") == Some(true)
        || schema
            .get("type")
            .is_some_and(|t| t.items().iter().any(|n| n.str() == Some("null")))
        || ["oneOf", "anyOf"].iter().any(|key| {
            schema
                .get(key)
                .is_some_and(|list| list.items().iter().any(super::unions::is_null_schema))
        })
}
