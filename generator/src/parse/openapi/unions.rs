//! `oneOf` and `anyOf` to the model: a union of the variants, unless the variants
//! are simpler than that (one variant besides `null`, or constants, which are an
//! enum), or only constrain the schema they belong to.
//!
//! A union is tagged when a property names each variant: OpenAPI's `discriminator`
//! (its `mapping`, else each variant's schema name), or, without one, a required
//! property that every variant fixes to a value of its own (`type: {enum: [disk]}`),
//! as Rust's internally tagged enums are written. Otherwise the variants are told
//! apart by their shape.

use std::collections::BTreeSet;

use super::context::{canonical_pointer, pointer_tokens, Resolved, Spec};
use super::models::Merged;
use super::names::upper_camel;
use super::node::{scalar_text, Node};
use super::types::{enum_kind, enum_node, enum_texts, Kind};
use crate::model::{ModelKind, TypeRef, Variant};

/// Keys that say what a value is; a `oneOf` variant with none of them (only
/// `required`, `not`, a description) constrains its schema instead of being a shape.
const SHAPE_KEYS: [&str; 12] = [
    "$ref",
    "type",
    "properties",
    "additionalProperties",
    "items",
    "prefixItems",
    "enum",
    "const",
    "allOf",
    "oneOf",
    "anyOf",
    "format",
];

impl<'a> Spec<'a> {
    /// What the `oneOf`/`anyOf` list `list` (under `key`) of `schema` makes: an alias
    /// of one type, a string enum of constants, or a union. `name` names the model
    /// made for it and its inline variants.
    pub fn alternatives(
        &mut self,
        key: &str,
        schema: &Node<'a>,
        list: &Node<'a>,
        name: &str,
    ) -> ModelKind {
        match self.simpler_alternatives(key, schema, list, name) {
            Some(kind) => kind,
            None => self.union(schema, list, name),
        }
    }

    /// What `list` makes when it is no union: one type besides `null`, or constants.
    pub fn simpler_alternatives(
        &mut self,
        key: &str,
        schema: &Node<'a>,
        list: &Node<'a>,
        hint: &str,
    ) -> Option<ModelKind> {
        let (nulls, variants) = split_nulls(list);
        let alias = |ty| Some(ModelKind::Alias { ty });
        match variants.as_slice() {
            [] if nulls.is_empty() => {
                self.loose(
                    &list.pointer,
                    format!("`{key}` lists no schemas: read as any JSON value"),
                );
                alias(TypeRef::Any)
            }
            // `null` alone: any JSON value says as much.
            [] => alias(TypeRef::Any),
            // `[X, null]` is X, which its field makes optional (`types::is_nullable`).
            [only] => alias(self.schema_type(only, hint)),
            _ => self.constants(schema, &variants, hint),
        }
    }

    /// The union of `list`'s variants, which `simpler_alternatives` found no simpler.
    pub fn union(&mut self, schema: &Node<'a>, list: &Node<'a>, name: &str) -> ModelKind {
        let (nulls, variants) = split_nulls(list);
        let tag = self.tag(schema, &variants);
        let tag = tag.filter(|tag| self.tags_every_variant(tag, &variants, list));
        let mut taken = BTreeSet::new();
        let mut claimed = BTreeSet::new();
        let variants = variants
            .iter()
            .map(|variant| {
                let mut variant = self.variant(variant, name, tag.as_ref(), &mut taken);
                // A value two variants claim selects the first.
                variant.tags.retain(|t| claimed.insert(t.clone()));
                variant
            })
            .collect();
        ModelKind::Union {
            tag: tag.map(|t| t.property),
            variants,
            nullable: !nulls.is_empty() || super::types::is_nullable(schema),
        }
    }

    /// Variants that are each one constant (`{const: 1, title: ONE}`, Discord's
    /// enums): a string enum of them, or their scalar's type.
    fn constants(
        &mut self,
        schema: &Node<'a>,
        variants: &[Node<'a>],
        name: &str,
    ) -> Option<ModelKind> {
        let constant = |v: &Node<'a>| {
            v.get("$ref").is_none()
                && v.get("properties").is_none()
                && enum_node(v)
                    .is_some_and(|values| !values.value.is_sequence() || values.items().len() == 1)
        };
        if !variants.iter().all(constant) {
            return None;
        }
        let values: Vec<Node<'a>> = variants.iter().filter_map(enum_node).collect();
        let kinds: BTreeSet<&str> = values.iter().map(|v| kind_name(enum_kind(v))).collect();
        let texts: Vec<String> = values.iter().flat_map(|v| enum_texts(v)).collect();
        Some(match kinds.into_iter().collect::<Vec<_>>().as_slice() {
            ["string"] => ModelKind::Enum { values: texts },
            ["integer"] | ["integer", "number"] | ["number"] | ["boolean"] => {
                // The schema's own `type` and `format` say how wide; the constants'
                // variants say no more.
                let mut ty = self.schema_type_without_alternatives(schema, name);
                if ty == TypeRef::Any {
                    ty = match enum_kind(&values[0]) {
                        Kind::Boolean => TypeRef::Bool,
                        Kind::Integer => TypeRef::Int64,
                        _ => TypeRef::Double,
                    };
                }
                ModelKind::Alias { ty }
            }
            _ => return None,
        })
    }

    /// The tag of a union of `variants`: `schema`'s discriminator, else a property
    /// every variant requires and fixes to a string of its own.
    fn tag(&mut self, schema: &Node<'a>, variants: &[Node<'a>]) -> Option<Tag> {
        if let Some(discriminator) = schema.get("discriminator") {
            let Some(property) = discriminator.get_str("propertyName") else {
                self.warn(
                    &discriminator.pointer,
                    "a `discriminator` without a `propertyName` is ignored: the variants are told apart by their shape",
                );
                return self.implied_tag(variants);
            };
            let mapping = discriminator
                .get("mapping")
                .map(|m| m.entries())
                .unwrap_or_default()
                .into_iter()
                .filter_map(|(value, target)| Some((value, mapping_target(target.str()?))))
                .collect();
            return Some(Tag {
                property: property.to_owned(),
                mapping,
                explicit: true,
            });
        }
        self.implied_tag(variants)
    }

    /// Whether `tag` tells every one of `variants` apart: each is an object with a
    /// tag value no earlier variant has. A `discriminator` that does not is ignored,
    /// with a warning: the variants are told apart by their shape.
    fn tags_every_variant(&mut self, tag: &Tag, variants: &[Node<'a>], list: &Node<'a>) -> bool {
        let mut claimed = BTreeSet::new();
        for variant in variants {
            let target = variant
                .get_str("$ref")
                .filter(|r| r.starts_with('#'))
                .map(canonical_pointer);
            let values = self.tag_values(tag, variant, target.as_deref());
            let fresh = values
                .into_iter()
                .filter(|v| claimed.insert(v.clone()))
                .count();
            if !self.object_schema(variant) || fresh == 0 {
                if tag.explicit {
                    self.warn(
                        &list.pointer,
                        format!(
                            "the `discriminator` `{}` does not name every variant (each must be an object with a value of its own): the variants are told apart by their shape",
                            tag.property
                        ),
                    );
                }
                return false;
            }
        }
        true
    }

    fn implied_tag(&mut self, variants: &[Node<'a>]) -> Option<Tag> {
        let shapes: Vec<Merged<'a>> = variants
            .iter()
            .map(|variant| {
                let mut merged = Merged::default();
                if self.object_schema(variant) {
                    self.merge(variant, &mut merged, &mut Vec::new());
                }
                merged
            })
            .collect();
        let first = shapes.first()?;
        'candidates: for (property, _) in &first.properties {
            let mut seen = BTreeSet::new();
            for shape in &shapes {
                if !shape.required.contains(property) {
                    continue 'candidates;
                }
                let Some(value) = fixed_string(shape, property) else {
                    continue 'candidates;
                };
                if !seen.insert(value) {
                    continue 'candidates;
                }
            }
            return Some(Tag {
                property: property.clone(),
                mapping: Vec::new(),
                explicit: false,
            });
        }
        None
    }

    /// Whether `schema` (after `$ref`s) is an object with properties.
    pub fn object_schema(&mut self, schema: &Node<'a>) -> bool {
        match self.resolve(schema) {
            Resolved::Found(node) => {
                node.get("properties").is_some() || node.get("allOf").is_some()
            }
            _ => false,
        }
    }

    /// One variant: its name, type and tag values.
    fn variant(
        &mut self,
        variant: &Node<'a>,
        union: &str,
        tag: Option<&Tag>,
        taken: &mut BTreeSet<String>,
    ) -> Variant {
        let target = variant
            .get_str("$ref")
            .filter(|r| r.starts_with('#'))
            .map(canonical_pointer);
        let component = target
            .as_ref()
            .and_then(|t| self.model_names.get(t))
            .cloned();
        let tags = tag
            .map(|t| self.tag_values(t, variant, target.as_deref()))
            .unwrap_or_default();
        // A name from what the spec says of the variant, else from its type.
        let said = variant
            .get_str("title")
            .map(upper_camel)
            .or_else(|| component.clone())
            .or_else(|| tags.first().map(|t| upper_camel(t)))
            .filter(|n| n.chars().next().is_some_and(|c| c.is_ascii_alphabetic()));
        let hint = format!("{union}{}", said.as_deref().unwrap_or("Variant"));
        let mut ty = Some(super::models::json_text(self.schema_type(variant, &hint)));
        if let (Some(tag), None) = (tag, &component) {
            // An inline variant's tag is the union's to write, not the caller's.
            ty = self.without_tag(ty.take(), &tag.property);
        }
        let base = said.unwrap_or_else(|| ty.as_ref().map_or("Variant".to_owned(), type_name));
        let mut name = base.clone();
        let mut n = 2;
        while !taken.insert(name.clone()) {
            name = format!("{base}{n}");
            n += 1;
        }
        Variant {
            name,
            ty,
            tags,
            description: variant.get_prose("description"),
        }
    }

    /// The values of `tag` that select `variant`: the discriminator's mapping to it,
    /// else its schema's name; and the one value its schema allows the tag.
    fn tag_values(&mut self, tag: &Tag, variant: &Node<'a>, target: Option<&str>) -> Vec<String> {
        let mut values: Vec<String> = tag
            .mapping
            .iter()
            .filter(|(_, to)| Some(to.as_str()) == target)
            .map(|(value, _)| value.clone())
            .collect();
        if values.is_empty() && tag.explicit {
            // The implicit mapping: the component's key, the last token of its pointer.
            if let Some(key) = target.and_then(|t| pointer_tokens(t).pop()) {
                values.push(key);
            }
        }
        let mut merged = Merged::default();
        if self.object_schema(variant) {
            self.merge(variant, &mut merged, &mut Vec::new());
        }
        if let Some(fixed) = fixed_string(&merged, &tag.property) {
            if !values.contains(&fixed) {
                values.push(fixed);
            }
        }
        values
    }

    /// `ty`, an inline variant's model, without its tag field; `None` when the tag
    /// was all it held.
    fn without_tag(&mut self, ty: Option<TypeRef>, property: &str) -> Option<TypeRef> {
        let Some(TypeRef::Named(name)) = &ty else {
            return ty;
        };
        let is_inline = self.inline_models.values().any(|n| n == name);
        let Some(index) = self
            .models
            .iter()
            .position(|m| &m.name == name)
            .filter(|_| is_inline)
        else {
            return ty;
        };
        let ModelKind::Struct { fields } = &mut self.models[index].kind else {
            return ty;
        };
        fields.retain(|f| f.json_name != property);
        if !fields.is_empty() {
            return ty;
        }
        self.models.remove(index);
        self.inline_models.retain(|_, n| n != name);
        None
    }
}

/// A union's tag property and the discriminator's mapping (value to the pointer of
/// the schema it selects).
struct Tag {
    property: String,
    mapping: Vec<(String, String)>,
    /// Whether a `discriminator` states it, which brings the implicit mapping by
    /// schema name.
    explicit: bool,
}

/// A mapping's target: a `$ref`, or a bare schema name (OpenAPI allows both).
fn mapping_target(text: &str) -> String {
    if text.contains('/') || text.starts_with('#') {
        canonical_pointer(text)
    } else {
        canonical_pointer(&format!("#/components/schemas/{text}"))
    }
}

/// The one string `merged`'s `property` allows (`enum: [x]` or `const: x`).
fn fixed_string(merged: &Merged<'_>, property: &str) -> Option<String> {
    let (_, schema) = merged.properties.iter().find(|(k, _)| k == property)?;
    let values = enum_node(schema)?;
    let items = match values.value.is_sequence() {
        true => values.items(),
        false => vec![values],
    };
    match items.as_slice() {
        [one] if one.value.is_string() => scalar_text(one.value),
        _ => None,
    }
}

/// `list`'s variants that are `null`, and the others.
fn split_nulls<'a>(list: &Node<'a>) -> (Vec<Node<'a>>, Vec<Node<'a>>) {
    list.items().into_iter().partition(is_null_schema)
}

/// Whether a variant is `null` itself: `type: 'null'`, or an enum of only `null`.
pub(super) fn is_null_schema(variant: &Node<'_>) -> bool {
    if variant.get_str("type") == Some("null") {
        return true;
    }
    enum_node(variant).is_some_and(|values| match values.value.is_sequence() {
        true => values.items().iter().all(|v| v.value.is_null()) && !values.items().is_empty(),
        false => values.value.is_null(),
    })
}

/// Whether every variant of a `oneOf`/`anyOf` only constrains its schema.
pub(super) fn only_constraints(list: &Node<'_>) -> bool {
    let variants = list.items();
    !variants.is_empty()
        && variants
            .iter()
            .all(|v| v.is_map() && SHAPE_KEYS.iter().all(|k| v.get(k).is_none()))
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::String => "string",
        Kind::Integer => "integer",
        Kind::Number => "number",
        Kind::Boolean => "boolean",
        _ => "other",
    }
}

/// A variant's name from its type: `String`, `Integer`, `StringList`, a model's name.
pub(super) fn type_name(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Int32 | TypeRef::Int64 => "Integer".to_owned(),
        TypeRef::Float | TypeRef::Double => "Number".to_owned(),
        TypeRef::Bool => "Boolean".to_owned(),
        TypeRef::DateTime => "DateTime".to_owned(),
        TypeRef::Date => "Date".to_owned(),
        TypeRef::Binary => "Bytes".to_owned(),
        TypeRef::Any => "Json".to_owned(),
        TypeRef::Array(item) => format!("{}List", type_name(item)),
        TypeRef::Map(value) => format!("{}Map", type_name(value)),
        TypeRef::Nullable(inner) => type_name(inner),
        TypeRef::Named(_) => "Object".to_owned(),
    }
}
