//! One parameter as a request builder holds it: its field, its Rust types, and the
//! `Call` statement that puts it on the wire.

use crate::emit::names::ident;
use crate::emit::naming::Names;
use crate::emit::text::string_literal;
use crate::emit::types::{rust_type, type_path, Scope};
use crate::model::{Api, Body, Location, Operation, Param, ParamStyle, TypeRef};

/// How a parameter's value is held and sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One value: a scalar, an enum, a file, a body.
    One,
    /// An array, `Vec<T>`.
    List,
    /// An array of arrays of text in the query, `Vec<Vec<T>>`: the key once per inner
    /// array, its items comma-joined.
    Lists,
    /// A map of text in the query, `BTreeMap<String, T>`: `name[key]=value`.
    Map,
}

/// One parameter as the builder holds it.
pub struct ParamCode<'a> {
    /// The parameter, as the model has it.
    pub param: &'a Param,
    /// The builder's field, also the setter's and the argument's name.
    pub field: String,
    /// How its values are held and sent.
    pub shape: Shape,
    /// The stored type, without `Option`.
    pub ty: String,
    /// The type of one value: the array's item, the inner arrays' item, the map's
    /// value, or the type itself.
    item: String,
    /// Whether the values are strings: arguments take `impl Into<String>`.
    stringly: bool,
    /// Whether it is a raw body: arguments take `impl Into<Vec<u8>>`.
    bytes: bool,
    /// Whether it is a multipart part that is neither text nor a file: sent as JSON.
    json_part: bool,
}

impl<'a> ParamCode<'a> {
    /// `param` of `op`, held in the builder field `field`.
    pub fn new(api: &Api, op: &Operation, param: &'a Param, field: String, names: &Names) -> Self {
        let enum_name = names.param_enum(&op.name, &param.name);
        let in_query = param.location == Location::Query;
        let (shape, leaf) = match &param.ty {
            TypeRef::Array(inner) => match &**inner {
                TypeRef::Array(leaf) if in_query => (Shape::Lists, &**leaf),
                inner => (Shape::List, inner),
            },
            TypeRef::Map(value) if in_query => (Shape::Map, &**value),
            ty => (Shape::One, ty),
        };
        let item = match (enum_name, leaf) {
            (Some(name), _) => type_path(name, Scope::Crate),
            // Uploads take a file name with the bytes.
            (None, TypeRef::Binary) if param.location == Location::Multipart => {
                "crate::FilePart".to_owned()
            }
            (None, ty) => rust_type(ty, names, Scope::Crate),
        };
        let ty = match shape {
            Shape::One => item.clone(),
            Shape::List => format!("Vec<{item}>"),
            Shape::Lists => format!("Vec<Vec<{item}>>"),
            Shape::Map => format!("std::collections::BTreeMap<String, {item}>"),
        };
        ParamCode {
            param,
            field,
            shape,
            ty,
            item,
            stringly: *leaf == TypeRef::String && enum_name.is_none(),
            bytes: shape == Shape::One
                && param.location == Location::Body
                && *leaf == TypeRef::Binary,
            json_part: param.location == Location::Multipart
                && !param.ty.is_binary()
                && !api.is_text(leaf),
        }
    }

    /// The type an argument or setter takes.
    pub fn input(&self) -> String {
        let item = match (self.stringly, self.bytes) {
            (true, _) => "impl Into<String>",
            (_, true) => "impl Into<Vec<u8>>",
            _ => &self.item,
        };
        match self.shape {
            Shape::One => item.to_owned(),
            Shape::List => format!("impl IntoIterator<Item = {item}>"),
            Shape::Lists => format!("impl IntoIterator<Item = impl IntoIterator<Item = {item}>>"),
            Shape::Map => format!("impl IntoIterator<Item = (impl Into<String>, {item})>"),
        }
    }

    /// `value`, of the [`input`](Self::input) type, as the stored type; `None` when
    /// it is already.
    pub fn convert(&self, value: &str) -> Option<String> {
        let into = self.stringly || self.bytes;
        Some(match (self.shape, into) {
            (Shape::One, true) => format!("{value}.into()"),
            (Shape::One, false) => return None,
            (Shape::List, true) => format!("{value}.into_iter().map(Into::into).collect()"),
            (Shape::List, false) => format!("{value}.into_iter().collect()"),
            (Shape::Lists, true) => format!(
                "{value}.into_iter().map(|list| list.into_iter().map(Into::into).collect()).collect()"
            ),
            (Shape::Lists, false) => {
                format!("{value}.into_iter().map(|list| list.into_iter().collect()).collect()")
            }
            (Shape::Map, true) => format!(
                "{value}.into_iter().map(|(key, value)| (key.into(), value.into())).collect()"
            ),
            (Shape::Map, false) => {
                format!("{value}.into_iter().map(|(key, value)| (key.into(), value)).collect()")
            }
        })
    }

    /// Whether [`convert`](Self::convert)'s expression is laid out as prettyplease
    /// lays it out; the closures of nested lists and maps are left to it.
    pub fn conversion_is_laid_out(&self) -> bool {
        matches!(self.shape, Shape::One | Shape::List)
    }

    /// Whether it is a multipart part sent as JSON.
    pub fn is_json_part(&self) -> bool {
        self.json_part
    }

    /// The name a setter gives its argument.
    pub fn setter_arg(&self) -> &'static str {
        match self.shape {
            Shape::One => "value",
            Shape::List | Shape::Lists => "values",
            Shape::Map => "entries",
        }
    }

    /// Whether the parameter holds a plain integer (not an enum): what paging needs of
    /// its offset and limit.
    pub fn is_plain_integer(&self, op: &Operation, names: &Names) -> bool {
        matches!(self.param.ty, TypeRef::Int32 | TypeRef::Int64)
            && names.param_enum(&op.name, &self.param.name).is_none()
    }

    /// The `Call` method that adds the parameter to the request, and its arguments.
    /// `one` is an iterator of none (absent) or one value, `each` of the values of an
    /// array (of arrays) or map.
    pub fn add_to_call(&self, body: Body) -> (&'static str, Vec<String>) {
        let field = &self.field;
        let wire = string_literal(&self.param.wire_name);
        let (one, each) = match self.param.required {
            true => (
                format!("std::iter::once(&self.{field})"),
                format!("self.{field}.iter()"),
            ),
            false => (
                format!("self.{field}.iter()"),
                format!("self.{field}.iter().flatten()"),
            ),
        };
        let at = format!("crate::request::Place::{}", self.place());
        match (self.param.location, self.shape) {
            (Location::Body, _) => {
                let value = match self.param.required {
                    true => format!("Some(&self.{field})"),
                    false => format!("self.{field}.as_ref()"),
                };
                match body {
                    Body::Binary => ("bytes", vec![value]),
                    Body::Text => ("text", vec![value]),
                    _ => ("json", vec![string_literal(&self.param.name), value]),
                }
            }
            (Location::Multipart, Shape::One) if self.param.ty.is_binary() => {
                ("file", vec![wire, one])
            }
            (Location::Multipart, _) if self.param.ty.is_binary() => ("file", vec![wire, each]),
            (Location::Multipart, _) if self.json_part => ("json_part", vec![wire, one]),
            // OpenAPI's `simple` style: one segment, header or cookie, the items
            // comma-joined.
            (Location::Path | Location::Header | Location::Cookie, Shape::List) => {
                ("add_joined", vec![at, wire, one])
            }
            // `form` without `explode`, `pipeDelimited`, `spaceDelimited`: one pair.
            (Location::Query, Shape::List) => match self.param.style.delimiter() {
                Some(',') => ("add_joined", vec![at, wire, one]),
                Some(delimiter) => (
                    "add_delimited",
                    vec![
                        at,
                        wire,
                        proc_macro2::Literal::character(delimiter).to_string(),
                        one,
                    ],
                ),
                None => ("add", vec![at, wire, each]),
            },
            (_, Shape::Lists) => ("add_joined", vec![at, wire, each]),
            (_, Shape::Map) => match self.param.style {
                ParamStyle::Flat => ("add_flat_entries", vec![each]),
                ParamStyle::CommaDelimited => ("add_joined_entries", vec![wire, each]),
                _ => ("add_entries", vec![wire, each]),
            },
            (_, Shape::List) => ("add", vec![at, wire, each]),
            (_, Shape::One) => ("add", vec![at, wire, one]),
        }
    }

    /// The runtime's `Place` variant the parameter is sent in.
    fn place(&self) -> &'static str {
        match self.param.location {
            Location::Path => "Path",
            Location::Query if self.param.allow_reserved => "ReservedQuery",
            Location::Query => "Query",
            Location::Header => "Header",
            Location::Cookie => "Cookie",
            Location::Form | Location::Multipart | Location::Body => "Field",
        }
    }
}

/// Each parameter of `op` as its builder holds it, in order, in fields named in
/// snake case, clear of [`RESERVED_FIELDS`] and of each other.
pub fn param_codes<'a>(api: &Api, op: &'a Operation, names: &Names) -> Vec<ParamCode<'a>> {
    let mut taken = crate::emit::names::Taken::with(RESERVED_FIELDS);
    op.params
        .iter()
        .map(|param| {
            let field = ident(&taken.claim(crate::emit::names::snake(&param.name), "_"));
            ParamCode::new(api, op, param, field, names)
        })
        .collect()
}

/// Builder methods that would shadow a trait method (`clone`, `into_future`) or that
/// clippy wants to be a trait implementation (`add`, `next`, …), and the builder's own
/// `client` field and `into_call` method: parameters named like one get a suffix.
const RESERVED_FIELDS: &[&str] = &[
    "client",
    "clone",
    "into_future",
    "into_call",
    "fmt",
    "add",
    "sub",
    "mul",
    "div",
    "rem",
    "neg",
    "not",
    "next",
    "from_str",
    "default",
    "hash",
    "eq",
    "ne",
    "cmp",
    "partial_cmp",
    "deref",
    "deref_mut",
    "drop",
    "into_iter",
    "borrow",
    "borrow_mut",
    "as_ref",
    "as_mut",
    "index",
    "index_mut",
    "shl",
    "shr",
    "bitand",
    "bitor",
    "bitxor",
    "from_iter",
    "to_owned",
    "to_string",
    "type_id",
];
