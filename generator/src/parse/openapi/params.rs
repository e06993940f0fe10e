//! Parameters: path-level and operation-level lists merged (the operation's win),
//! `$ref`s followed, each placed (path, query, header, cookie), typed and given the
//! style its values are written in (`style`, `explode`, `allowReserved`, Swagger 2.0's
//! `collectionFormat`). Swagger 2.0's `in: body` and `in: formData` are handed to the
//! body's reader.

use super::context::{Resolved, Spec, Version};
use super::names::{param_name, upper_camel};
use super::node::Node;
use super::types::default_text;
use crate::model::{Location, ModelKind, Param, ParamStyle, TypeRef};

/// One parameter as listed: where it is used and the definition it resolves to.
#[derive(Clone, Debug)]
pub(super) struct Listed<'a> {
    /// The entry in the `parameters` list (maybe a `$ref`).
    pub site: Node<'a>,
    /// The parameter object.
    pub def: Node<'a>,
    /// Its `name`.
    pub name: String,
    /// Its `in`.
    pub location: String,
}

/// An operation's parameters, sorted by what reads them.
#[derive(Default)]
pub(super) struct OperationParams<'a> {
    /// Path, query and header parameters.
    pub params: Vec<Param>,
    /// Swagger 2.0's `in: body` parameters (one is valid).
    pub body: Vec<Listed<'a>>,
    /// Swagger 2.0's `in: formData` parameters.
    pub form: Vec<Listed<'a>>,
}

/// Headers OpenAPI says a spec cannot define as parameters: the client sets them.
const RESERVED_HEADERS: [&str; 3] = ["accept", "content-type", "authorization"];

impl<'a> Spec<'a> {
    /// The parameters of `op`, under the path item `item`.
    pub fn operation_params(
        &mut self,
        item: &Node<'a>,
        op: &Node<'a>,
        op_name: &str,
    ) -> OperationParams<'a> {
        let mut out = OperationParams::default();
        for listed in self.listed_params(item, op) {
            match (listed.location.as_str(), self.version) {
                ("path", _) => self.push_param(&listed, Location::Path, op_name, &mut out),
                ("query", _) => self.push_param(&listed, Location::Query, op_name, &mut out),
                ("header", _) => self.push_header(&listed, op_name, &mut out),
                ("cookie", Version::V3) => {
                    self.push_param(&listed, Location::Cookie, op_name, &mut out)
                }
                ("body", Version::V2) => out.body.push(listed),
                ("formData", Version::V2) => out.form.push(listed),
                (other, _) => {
                    let pointer = format!("{}/in", listed.def.pointer);
                    let expected = match self.version {
                        Version::V2 => "path, query, header, body or formData",
                        Version::V3 => "path, query, header or cookie",
                    };
                    self.error(
                        &pointer,
                        format!("`in: {other}` is not a parameter location: expected {expected}"),
                    );
                }
            }
        }
        out
    }

    /// The path item's parameters, then the operation's; an operation parameter with
    /// the same name and location replaces the path item's.
    fn listed_params(&mut self, item: &Node<'a>, op: &Node<'a>) -> Vec<Listed<'a>> {
        let mut merged: Vec<Listed<'a>> = Vec::new();
        for level in [item.get("parameters"), op.get("parameters")]
            .into_iter()
            .flatten()
        {
            let mut this_level: Vec<(String, String)> = Vec::new();
            for site in level.items() {
                let Some(listed) = self.listed(site) else {
                    continue;
                };
                let key = (listed.name.clone(), listed.location.clone());
                if this_level.contains(&key) {
                    self.error(
                        &listed.site.pointer,
                        format!("parameter `{}` in {} is listed twice", key.0, key.1),
                    );
                    continue;
                }
                this_level.push(key);
                let same =
                    |l: &&mut Listed<'a>| l.name == listed.name && l.location == listed.location;
                match merged.iter_mut().find(same) {
                    Some(existing) => *existing = listed,
                    None => merged.push(listed),
                }
            }
        }
        merged
    }

    fn listed(&mut self, site: Node<'a>) -> Option<Listed<'a>> {
        let def = match self.resolve(&site) {
            Resolved::Found(def) => def,
            Resolved::Missing(text) => {
                self.error(
                    &site.pointer,
                    format!("`$ref: {text}` points at no parameter"),
                );
                return None;
            }
            Resolved::Invalid => return None,
        };
        match (def.get_str("name"), def.get_str("in")) {
            (Some(name), Some(location)) if !name.is_empty() => Some(Listed {
                name: name.to_owned(),
                location: location.to_owned(),
                site,
                def,
            }),
            _ => {
                self.error(
                    &def.pointer,
                    "a parameter needs a `name` and an `in` (its location)",
                );
                None
            }
        }
    }

    fn push_param(
        &mut self,
        listed: &Listed<'a>,
        location: Location,
        op_name: &str,
        out: &mut OperationParams<'a>,
    ) {
        if let Some(param) = self.param(listed, location, op_name) {
            out.params.push(param);
        }
    }

    fn push_header(&mut self, listed: &Listed<'a>, op_name: &str, out: &mut OperationParams<'a>) {
        if RESERVED_HEADERS.contains(&listed.name.to_ascii_lowercase().as_str()) {
            self.note(
                &listed.def.pointer,
                format!(
                    "header parameter `{}` is left out: the client sets it (OpenAPI ignores it too)",
                    listed.name
                ),
            );
            return;
        }
        self.push_param(listed, Location::Header, op_name, out);
    }

    /// A path, query, header, form or multipart parameter. Swagger 2.0 states the
    /// type on the parameter itself; OpenAPI 3 in its `schema`.
    pub fn param(
        &mut self,
        listed: &Listed<'a>,
        location: Location,
        op_name: &str,
    ) -> Option<Param> {
        let def = &listed.def;
        let name = listed.name.as_str();
        let schema = self.param_schema(def, name)?;
        let ty = match location {
            Location::Query => self.query_type(listed, &schema, op_name)?,
            _ => self.param_type(listed, &schema, op_name)?,
        };
        let style = self.style(listed, location, &ty);
        let allow_reserved = location == Location::Query
            && self.version == Version::V3
            && def.get_bool("allowReserved") == Some(true);
        let mut required = def.get_bool("required") == Some(true);
        if location == Location::Path && !required {
            self.warn(
                &def.pointer,
                format!(
                    "path parameter `{name}` is not `required: true`; it is required all the same"
                ),
            );
            required = true;
        }
        Some(Param {
            name: param_name(name, &ty, self.naming),
            wire_name: name.to_owned(),
            location,
            required,
            enum_values: self.enum_values(&schema),
            default: default_text(&schema),
            description: def.get_prose("description"),
            style,
            allow_reserved,
            wire_rule: crate::model::WireRule::Spec,
            at: self.at(&listed.site.pointer),
            ty,
        })
    }

    fn param_schema(&mut self, def: &Node<'a>, name: &str) -> Option<Node<'a>> {
        if self.version == Version::V2 {
            return Some(def.clone());
        }
        if let Some(schema) = def.get("schema") {
            return Some(schema);
        }
        if def.get("content").is_some() {
            self.error(
                &def.pointer,
                format!("parameter `{name}` is described by `content`, which is not supported: give it a `schema`"),
            );
            return None;
        }
        // The definition has no type keys, so it reads as a schema without a type,
        // which `param_type` reports.
        Some(def.clone())
    }

    /// The parameter's type, enums and aliases read as the text they are sent as.
    fn param_type(
        &mut self,
        listed: &Listed<'a>,
        schema: &Node<'a>,
        op_name: &str,
    ) -> Option<TypeRef> {
        let name = listed.name.as_str();
        let hint = format!("{op_name}{}", upper_camel(name));
        let ty = match self.schema_type(schema, &hint) {
            TypeRef::Any => {
                self.warn(
                    &schema.pointer,
                    format!("parameter `{name}` has no type: sent as a string"),
                );
                TypeRef::String
            }
            ty => self.wire_type(ty),
        };
        // What cannot travel where it is sent is settled per item, for docs and specs
        // alike, by `crate::degrade` (sent as text) and validation (left out).
        Some(ty)
    }

    /// The type of a query parameter: an object (inline, or a model with fields) is a
    /// map of text, sent as one pair per property (`form`) or `name[key]=value`
    /// (`deepObject`), as its style says.
    fn query_type(
        &mut self,
        listed: &Listed<'a>,
        schema: &Node<'a>,
        op_name: &str,
    ) -> Option<TypeRef> {
        // An inline object with properties is read as a map without making a model.
        let inline_object = schema.get("$ref").is_none()
            && schema
                .get("properties")
                .is_some_and(|p| !p.entries().is_empty());
        if inline_object {
            return Some(TypeRef::Map(Box::new(TypeRef::String)));
        }
        let ty = self.param_type(listed, schema, op_name)?;
        let fields = |name: &str| {
            self.model(name)
                .is_some_and(|m| matches!(m.kind, ModelKind::Struct { .. }))
        };
        Some(match &ty {
            TypeRef::Named(name) if fields(name) => TypeRef::Map(Box::new(TypeRef::String)),
            _ => ty,
        })
    }

    /// How the parameter's values are written, from OpenAPI 3's `style` and `explode`
    /// (defaults: `form` with `explode` in the query and cookies, `simple` in the path
    /// and headers) or Swagger 2.0's `collectionFormat` (default `csv`). A style the
    /// client cannot write is warned about; the location's usual way is used instead.
    fn style(&mut self, listed: &Listed<'a>, location: Location, ty: &TypeRef) -> ParamStyle {
        let array = ty.array_item().is_some();
        let map = matches!(ty, TypeRef::Map(_));
        if !array && !map {
            return ParamStyle::Standard;
        }
        let def = &listed.def;
        let (stated, style) = match self.version {
            Version::V2 => {
                let format = def.get_str("collectionFormat").unwrap_or("csv");
                let style = match (location, format) {
                    (Location::Query, "csv") => Some(ParamStyle::CommaDelimited),
                    (Location::Query, "ssv") => Some(ParamStyle::SpaceDelimited),
                    (Location::Query, "tsv") => Some(ParamStyle::TabDelimited),
                    (Location::Query, "pipes") => Some(ParamStyle::PipeDelimited),
                    (Location::Query | Location::Form | Location::Multipart, "multi") => {
                        Some(ParamStyle::Standard)
                    }
                    (Location::Path | Location::Header, "csv") => Some(ParamStyle::Standard),
                    _ => None,
                };
                (format!("`collectionFormat: {format}`"), style)
            }
            Version::V3 => {
                let usual = match location {
                    Location::Query | Location::Cookie | Location::Form => "form",
                    _ => "simple",
                };
                let name = def.get_str("style").unwrap_or(usual);
                let explode = def.get_bool("explode").unwrap_or(name == "form");
                let style = match (location, name, explode, map) {
                    (Location::Query, "form", true, false) => Some(ParamStyle::Standard),
                    (Location::Query, "form", true, true) => Some(ParamStyle::Flat),
                    (Location::Query, "form", false, _) => Some(ParamStyle::CommaDelimited),
                    (Location::Query, "deepObject", _, true) => Some(ParamStyle::Standard),
                    (Location::Query, "spaceDelimited" | "pipeDelimited", true, false) => {
                        Some(ParamStyle::Standard)
                    }
                    (Location::Query, "spaceDelimited", false, false) => {
                        Some(ParamStyle::SpaceDelimited)
                    }
                    (Location::Query, "pipeDelimited", false, false) => {
                        Some(ParamStyle::PipeDelimited)
                    }
                    // Cookie lists are comma-joined, exploded or not: a cookie name
                    // sent twice is one most servers drop.
                    (Location::Cookie, "form", _, false) => Some(ParamStyle::Standard),
                    (Location::Path | Location::Header, "simple", _, false) => {
                        Some(ParamStyle::Standard)
                    }
                    (Location::Form | Location::Multipart, "form", true, _) => {
                        Some(ParamStyle::Standard)
                    }
                    _ => None,
                };
                (format!("`style: {name}, explode: {explode}`"), style)
            }
        };
        if let Some(style) = style {
            return style;
        }
        let name = &listed.name;
        let usual = match (location, map) {
            (Location::Query, true) => format!("`{name}[key]=value`"),
            (Location::Query | Location::Form | Location::Multipart, false) => {
                format!("the key repeated (`{name}=a&{name}=b`)")
            }
            _ => "its values comma-joined (`a,b`)".to_owned(),
        };
        self.warn(
            &def.pointer,
            format!(
                "{} parameter `{name}` is {stated}, which the client cannot send: it is sent as {usual}",
                location.as_str()
            ),
        );
        ParamStyle::Standard
    }
}

/// A value written as one piece of text.
pub(super) fn is_scalar(ty: &TypeRef) -> bool {
    ty.is_scalar()
}
