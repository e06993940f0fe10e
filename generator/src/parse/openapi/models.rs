//! Component schemas (`components/schemas`, Swagger's `definitions`) to models:
//! objects are structs (`allOf` merged into one), string enums are enums, anything
//! else is an alias of its type.

use super::context::{canonical_pointer, Resolved, Spec};
use super::names::{field_name, model_name, upper_camel};
use super::node::Node;
use super::types::{default_text, enum_kind, enum_node, enum_texts, is_nullable, Kind};
use super::unions::only_constraints;
use crate::model::{Field, Model, ModelKind, TypeRef};

/// The properties of an object schema and of every schema it merges with `allOf`.
#[derive(Default)]
pub(super) struct Merged<'a> {
    /// Properties in order of first appearance; a later one replaces an earlier.
    pub properties: Vec<(String, Node<'a>)>,
    /// Every `required` name.
    pub required: Vec<String>,
    /// The `oneOf`/`anyOf` lists merged in, with their key and the schema holding
    /// each.
    pub alternatives: Vec<(String, Node<'a>, Node<'a>)>,
}

/// `ty` as a JSON value holds it: JSON has no bytes, so a `format: binary` string
/// inside an object is its text (raw bytes travel as whole bodies and file parts).
pub(super) fn json_text(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Binary => TypeRef::String,
        TypeRef::Array(item) => TypeRef::Array(Box::new(json_text(*item))),
        TypeRef::Map(value) => TypeRef::Map(Box::new(json_text(*value))),
        TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(json_text(*inner))),
        ty => ty,
    }
}

impl<'a> Spec<'a> {
    /// Names every component schema before any is read, so references between them
    /// resolve whatever their order.
    pub fn declare_models(&mut self) {
        let containers = [
            self.root.get("components").and_then(|c| c.get("schemas")),
            self.root.get("definitions"),
        ];
        for container in containers.into_iter().flatten() {
            for (key, node) in container.entries() {
                let wanted = model_name(&key);
                let name = self.unique_name(&wanted);
                if name != wanted {
                    self.warn(
                        &node.pointer,
                        format!("schema `{key}` is named `{name}`: `{wanted}` is taken"),
                    );
                }
                self.model_names.insert(node.pointer.clone(), name.clone());
                self.components.push((name, node));
            }
        }
    }

    /// Builds the model of every declared component schema.
    pub fn build_models(&mut self) {
        for (name, node) in self.components.clone() {
            let kind = self.model_kind(&name, &node);
            let model = Model {
                description: node.get_prose("description"),
                at: self.at(&node.pointer),
                name,
                kind,
            };
            self.models.push(model);
        }
    }

    fn model_kind(&mut self, name: &str, node: &Node<'a>) -> ModelKind {
        if !node.is_map() {
            self.loose(&node.pointer, "a schema must be a mapping");
            return ModelKind::Alias { ty: TypeRef::Any };
        }
        if node.get("$ref").is_some() {
            return ModelKind::Alias {
                ty: self.alias_target(name, node),
            };
        }
        if let Some(all) = node.get("allOf") {
            // `allOf: [X]` wraps X to describe it: an enum or a scalar stays what it
            // is; an object is merged into a struct of its own, as the docs show it.
            if let [only] = all.items().as_slice() {
                if node.get("properties").is_none() && !self.object_schema(only) {
                    return ModelKind::Alias {
                        ty: self.schema_type(only, name),
                    };
                }
            }
            return self.struct_kind(name, node);
        }
        if let Some(values) = enum_node(node) {
            return self.enum_kind(name, node, &values);
        }
        let has_properties = node
            .get("properties")
            .is_some_and(|p| !p.entries().is_empty());
        // An object's own properties beside a `oneOf` are merged with it into a struct.
        for key in ["oneOf", "anyOf"] {
            if let Some(list) = node.get(key).filter(|l| !only_constraints(l)) {
                if has_properties {
                    return self.struct_kind(name, node);
                }
                return self.alternatives(key, node, &list, name);
            }
        }
        if let Some(kinds) = super::types::several_kinds(node) {
            return self.type_list_union(node, &kinds, name, true);
        }
        if has_properties && self.kind(node) == Kind::Object {
            return self.struct_kind(name, node);
        }
        ModelKind::Alias {
            ty: self.schema_type(node, name),
        }
    }

    /// A string enum is an enum model; other enums are their type, since a model's
    /// enum values travel as strings.
    fn enum_kind(&mut self, name: &str, node: &Node<'a>, values: &Node<'a>) -> ModelKind {
        let kind = self.kind(node);
        let texts = enum_texts(values);
        if matches!(kind, Kind::String | Kind::Any) && enum_kind(values) == Kind::String {
            if texts.is_empty() {
                self.loose(&values.pointer, format!("enum `{name}` has no values"));
            }
            return ModelKind::Enum { values: texts };
        }
        let ty = self.schema_type(node, name);
        self.warn(
            &values.pointer,
            format!("`{name}` is an enum of {ty} values, read as plain {ty}: only string enums become enum types"),
        );
        ModelKind::Alias { ty }
    }

    /// A schema that is only a `$ref` to another model: the alias names that model.
    /// A chain of such refs that comes back to where it started is an error.
    fn alias_target(&mut self, name: &str, node: &Node<'a>) -> TypeRef {
        let mut chain = vec![node.pointer.clone()];
        let mut current = node.clone();
        while let Some(text) = current.get("$ref").and_then(|r| r.str().map(str::to_owned)) {
            let target = canonical_pointer(&text);
            if chain.contains(&target) {
                chain.push(target);
                self.loose(
                    &node.pointer,
                    format!(
                        "`{name}` is a `$ref` chain that comes back to itself ({}): read as any JSON value",
                        chain.join(" -> ")
                    ),
                );
                return TypeRef::Any;
            }
            chain.push(target.clone());
            match (self.model_names.contains_key(&target), self.lookup(&target)) {
                (true, Some(next)) => current = next,
                _ => break,
            }
        }
        self.schema_type(node, name)
    }

    /// A struct model of `schema`'s properties, `allOf` parts merged.
    pub fn struct_model(&mut self, name: &str, schema: &Node<'a>) -> Model {
        Model {
            name: name.to_owned(),
            description: schema.get_prose("description"),
            kind: self.struct_kind(name, schema),
            at: self.at(&schema.pointer),
        }
    }

    fn struct_kind(&mut self, name: &str, schema: &Node<'a>) -> ModelKind {
        let mut merged = Merged::default();
        self.merge(schema, &mut merged, &mut Vec::new());
        let mut fields: Vec<Field> = merged
            .properties
            .into_iter()
            .map(|(key, property)| {
                let required = merged.required.contains(&key);
                self.field(name, key, &property, required)
            })
            .collect();
        for (key, holder, list) in merged.alternatives {
            // The properties the variants declare are theirs: the struct leaves them
            // to the union, which would otherwise never see them (its tag among them).
            let mut declared = std::collections::BTreeSet::new();
            for variant in list.items() {
                let mut shape = Merged::default();
                self.merge(&variant, &mut shape, &mut Vec::new());
                declared.extend(shape.properties.into_iter().map(|(k, _)| k));
            }
            let Some(mut field) = self.merged_union(name, &key, &holder, &list) else {
                continue;
            };
            fields.retain(|f| f.flatten || !declared.contains(&f.json_name));
            // A second union merged in (`allOf` of two) is `OneOf2`.
            let taken = |n: &str| fields.iter().any(|f: &Field| f.json_name == n);
            let base = field.json_name.clone();
            let mut count = 2;
            while taken(&field.json_name) {
                field.json_name = format!("{base}{count}");
                field.name = upper_camel(&field.json_name);
                count += 1;
            }
            fields.push(field);
        }
        ModelKind::Struct { fields }
    }

    fn field(&mut self, owner: &str, key: String, property: &Node<'a>, required: bool) -> Field {
        let hint = format!("{owner}{}", upper_camel(&key));
        Field {
            name: field_name(&key),
            ty: json_text(self.schema_type(property, &hint)),
            required: required && !is_nullable(property),
            nullable: is_nullable(property),
            default: default_text(property),
            description: property.get_prose("description"),
            flatten: false,
            at: self.at(&property.pointer),
            json_name: key,
        }
    }

    /// The field that holds a union merged into the struct `owner`: the `oneOf` or
    /// `anyOf` `list` (under `key`) of `schema`. Its variants' properties are the
    /// struct's own, so only a union of objects (or one object) can be merged.
    fn merged_union(
        &mut self,
        owner: &str,
        key: &str,
        schema: &Node<'a>,
        list: &Node<'a>,
    ) -> Option<Field> {
        // Only objects have properties to share with the struct.
        let variants = list.items();
        let objects = variants
            .iter()
            .filter(|v| !super::unions::is_null_schema(v))
            .all(|v| self.object_schema(v));
        if !objects {
            self.warn(
                &list.pointer,
                format!("`{key}` merged into `{owner}` has variants that are no objects, which have no properties to merge: it is left out"),
            );
            return None;
        }
        let hint = format!("{owner}{}", upper_camel(key));
        // A component that is only the union (`allOf: [..., $ref: Pet]`) is its model.
        let component = self
            .model_names
            .get(&schema.pointer)
            .filter(|_| schema.get("properties").is_none() && schema.get("allOf").is_none())
            .cloned();
        let ty = match component {
            Some(name) => TypeRef::Named(name),
            None => self.alternatives_type(key, schema, list, &hint),
        };
        // A component not built yet is judged by its schema.
        let object = match &ty {
            TypeRef::Named(name) => match self.model(name) {
                Some(model) => matches!(
                    model.kind,
                    ModelKind::Struct { .. } | ModelKind::Union { .. }
                ),
                None => self
                    .components
                    .iter()
                    .find(|(n, _)| n == name)
                    .is_some_and(|(_, node)| {
                        ["properties", "allOf", "oneOf", "anyOf"]
                            .iter()
                            .any(|k| node.get(k).is_some())
                    }),
            },
            _ => false,
        };
        if !object {
            self.warn(
                &list.pointer,
                format!("`{key}` merged into `{owner}` is of {ty} values, which have no properties to merge: it is left out"),
            );
            return None;
        }
        Some(Field {
            name: upper_camel(key),
            json_name: key.to_owned(),
            ty,
            required: true,
            nullable: false,
            default: None,
            description: list.get_prose("description"),
            flatten: true,
            at: self.at(&list.pointer),
        })
    }

    /// Adds `schema`'s properties, and those of its `allOf` parts, to `merged`.
    /// `visiting` holds the schemas being merged, so that a schema including itself
    /// stops.
    pub fn merge(
        &mut self,
        schema: &Node<'a>,
        merged: &mut Merged<'a>,
        visiting: &mut Vec<String>,
    ) {
        let schema = match self.resolve(schema) {
            Resolved::Found(node) => node,
            Resolved::Missing(text) => {
                self.warn(
                    &schema.pointer,
                    format!("`$ref: {text}` points at no schema: its properties are left out"),
                );
                return;
            }
            Resolved::Invalid => return,
        };
        if visiting.contains(&schema.pointer) {
            self.loose(
                &schema.pointer,
                "`allOf` includes the schema it belongs to: its properties are merged once",
            );
            return;
        }
        visiting.push(schema.pointer.clone());
        for part in schema.get("allOf").map(|a| a.items()).unwrap_or_default() {
            self.merge(&part, merged, visiting);
        }
        for (key, property) in schema
            .get("properties")
            .map(|p| p.entries())
            .unwrap_or_default()
        {
            match merged.properties.iter_mut().find(|(k, _)| *k == key) {
                Some(existing) => existing.1 = property,
                None => merged.properties.push((key, property)),
            }
        }
        let required = schema
            .get("required")
            .map(|r| r.items())
            .unwrap_or_default();
        merged
            .required
            .extend(required.iter().filter_map(|r| r.str().map(str::to_owned)));
        for key in ["oneOf", "anyOf"] {
            if let Some(list) = schema.get(key).filter(|l| !only_constraints(l)) {
                merged
                    .alternatives
                    .push((key.to_owned(), schema.clone(), list));
            }
        }
        visiting.pop();
    }
}
