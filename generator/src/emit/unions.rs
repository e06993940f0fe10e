//! Union models: one Rust enum each, a variant per type the API lists, and a last
//! variant that keeps, as the JSON the server sent, a value of none of them.
//!
//! A tagged union reads its tag and decodes the variant it names (its serde impls
//! are written here, through the runtime's `union` helpers); an untagged one derives
//! serde's `untagged`, which tries the variants in declaration order, so they are
//! declared most specific first. A union of values that are each text (`NameOrId`)
//! is written on the wire as its variant's text.

use std::cmp::Reverse;

use crate::emit::docs::Doc;
use crate::emit::names::{pascal, Taken};
use crate::emit::naming::Names;
use crate::emit::text::{string_literal, Code, Item};
use crate::emit::types::{rust_type, Scope};
use crate::model::{Api, ModelKind, TypeRef, Variant};

/// One variant as written: its Rust name, payload type and doc.
struct VariantCode<'a> {
    variant: Option<&'a Variant>,
    name: String,
    /// The payload's Rust type; `None` for a unit variant.
    ty: Option<String>,
    doc: Doc,
}

/// The union model `name` (its Rust name `rust_name`) of `variants`, tagged by
/// `tag` when it has one. `boxed` says which variants must hold their value in a
/// `Box` because it contains the union.
pub struct Union<'a> {
    pub rust_name: &'a str,
    pub doc: &'a Doc,
    pub tag: Option<&'a str>,
    pub variants: &'a [Variant],
    pub nullable: bool,
    pub boxed: &'a dyn Fn(&str) -> bool,
}

impl Union<'_> {
    /// The enum and its impls.
    pub fn item(&self, api: &Api, names: &Names) -> Item {
        let variants = self.variant_code(api, names);
        let name = self.rust_name;
        let mut code = Code::to_be_formatted();
        code.doc(0, self.doc);
        code.line(0, "#[derive(Clone, Debug, PartialEq)]");
        if self.tag.is_none() {
            code.line(0, "#[derive(serde::Serialize, serde::Deserialize)]");
            code.line(0, "#[serde(untagged)]");
        }
        code.line(0, &format!("pub enum {name} {{"));
        for variant in &variants {
            code.doc(4, &variant.doc);
            match &variant.ty {
                Some(ty) => code.line(4, &format!("{}({ty}),", variant.name)),
                None => code.line(4, &format!("{},", variant.name)),
            }
        }
        code.line(0, "}");
        if let Some(tag) = self.tag {
            self.tagged_impls(&mut code, tag, &variants);
        }
        let text = self.tag.is_none()
            && !self.nullable
            && self
                .variants
                .iter()
                .all(|v| v.ty.as_ref().is_some_and(|ty| api.is_text(ty)));
        if text {
            wire_impls(&mut code, name, &variants);
        }
        code.finish()
    }

    /// The variants in declaration order (untagged: the order serde tries them),
    /// then `Null` when `null` is a value, then the fallback.
    fn variant_code(&self, api: &Api, names: &Names) -> Vec<VariantCode<'_>> {
        let mut listed: Vec<&Variant> = self.variants.iter().collect();
        if self.tag.is_none() {
            listed.sort_by_key(|v| specificity(api, v.ty.as_ref()));
        }
        let mut taken = Taken::default();
        let mut out: Vec<VariantCode> = Vec::new();
        if self.nullable {
            taken.claim("Null".to_owned(), "");
        }
        for variant in listed {
            let ty = variant.ty.as_ref().map(|ty| {
                let rust = rust_type(ty, names, Scope::Models);
                match (self.boxed)(&variant.name) || is_object(api, ty) {
                    true => format!("Box<{rust}>"),
                    false => rust,
                }
            });
            out.push(VariantCode {
                name: taken.claim(pascal(&variant.name), ""),
                doc: variant_doc(self.tag, variant),
                variant: Some(variant),
                ty,
            });
        }
        if self.nullable {
            out.push(VariantCode {
                variant: None,
                name: "Null".to_owned(),
                ty: None,
                doc: Doc::new().text("JSON `null`."),
            });
        }
        let other = ["Other", "Unknown", "OtherValue"]
            .into_iter()
            .find(|candidate| !taken.contains(candidate))
            .map_or_else(|| taken.claim("Unlisted".to_owned(), ""), str::to_owned);
        out.push(VariantCode {
            variant: None,
            name: other,
            ty: Some("crate::union::UnknownValue".to_owned()),
            doc: Doc::new().text(
                "A value of none of the variants the API lists, as the server sent it; the API may add variants.",
            ),
        });
        out
    }

    /// `Serialize` and `Deserialize` by the tag: the tag's value picks the variant,
    /// and writing a variant writes its tag.
    fn tagged_impls(&self, code: &mut Code, tag: &str, variants: &[VariantCode]) {
        let name = self.rust_name;
        let tag_literal = string_literal(tag);
        code.line(0, &format!("impl serde::Serialize for {name} {{"));
        code.line(
            4,
            "fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {",
        );
        code.line(8, "match self {");
        for variant in variants {
            let tags = variant
                .variant
                .map(|v| v.tags.as_slice())
                .unwrap_or_default();
            let arm = match (variant.variant, &variant.ty, tags.first()) {
                (Some(_), Some(_), Some(_)) => format!(
                    "{name}::{}(value) => crate::union::tagged(serializer, {tag_literal}, &[{}], value),",
                    variant.name,
                    tags.iter().map(|t| string_literal(t)).collect::<Vec<_>>().join(", ")
                ),
                (Some(_), None, Some(first)) => format!(
                    "{name}::{} => crate::union::tag_only(serializer, {tag_literal}, {}),",
                    variant.name,
                    string_literal(first)
                ),
                (Some(_), None, None) => format!(
                    "{name}::{} => serde::Serialize::serialize(&serde_json::Map::new(), serializer),",
                    variant.name
                ),
                (None, None, _) => format!("{name}::{} => serializer.serialize_unit(),", variant.name),
                (_, Some(_), _) => format!(
                    "{name}::{}(value) => serde::Serialize::serialize(value, serializer),",
                    variant.name
                ),
            };
            code.line(12, &arm);
        }
        code.line(8, "}");
        code.line(4, "}");
        code.line(0, "}");
        code.line(
            0,
            &format!("impl<'de> serde::Deserialize<'de> for {name} {{"),
        );
        code.line(
            4,
            "fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {",
        );
        code.line(
            8,
            "let value = serde_json::Value::deserialize(deserializer)?;",
        );
        code.line(
            8,
            &format!("match crate::union::tag_of(&value, {tag_literal}) {{"),
        );
        let mut fallback = None;
        for variant in variants {
            let Some(listed) = variant.variant else {
                if variant.ty.is_some() {
                    fallback = Some(&variant.name);
                }
                continue;
            };
            if listed.tags.is_empty() {
                continue;
            }
            let pattern = listed
                .tags
                .iter()
                .map(|t| format!("Some({})", string_literal(t)))
                .collect::<Vec<_>>()
                .join(" | ");
            let body = match variant.ty {
                Some(_) => format!("crate::union::variant(value).map({name}::{})", variant.name),
                None => format!("Ok({name}::{})", variant.name),
            };
            code.line(12, &format!("{pattern} => {body},"));
        }
        if self.nullable {
            code.line(12, &format!("_ if value.is_null() => Ok({name}::Null),"));
        }
        if let Some(other) = fallback {
            code.line(12, &format!("_ => Ok({name}::{other}(value.into())),"));
        }
        code.line(8, "}");
        code.line(4, "}");
        code.line(0, "}");
    }
}

/// `WireValue` and `Display`: each variant as its own text.
fn wire_impls(code: &mut Code, name: &str, variants: &[VariantCode]) {
    code.line(0, &format!("impl crate::request::WireValue for {name} {{"));
    code.line(4, "fn to_wire(&self) -> String {");
    code.line(8, "match self {");
    for variant in variants {
        code.line(
            12,
            &format!(
                "{name}::{}(value) => crate::request::WireValue::to_wire(value),",
                variant.name
            ),
        );
    }
    code.line(8, "}");
    code.line(4, "}");
    code.line(0, "}");
    code.line(
        0,
        "/// The value as it is written in a path, a query or a header.",
    );
    code.line(0, &format!("impl std::fmt::Display for {name} {{"));
    code.line(
        4,
        "fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {",
    );
    code.line(8, "f.write_str(&crate::request::WireValue::to_wire(self))");
    code.line(4, "}");
    code.line(0, "}");
}

/// The type an alias chain starting at `ty` ends at, unless the chain loops; `ty`
/// itself when it names no alias.
pub fn resolve_alias<'a>(api: &'a Api, ty: &'a TypeRef) -> Option<&'a TypeRef> {
    let mut ty = ty;
    for _ in 0..32 {
        match ty {
            TypeRef::Named(name) => match api.model(name).map(|m| &m.kind) {
                Some(ModelKind::Alias { ty: next }) => ty = next,
                _ => return Some(ty),
            },
            _ => return Some(ty),
        }
    }
    None
}

/// Whether `ty` is a struct or a union model, which a variant holds in a `Box`:
/// its size would otherwise be every variant's (clippy's `large_enum_variant`), and
/// a union that contains itself needs the box anyway. Boxing every one keeps it
/// predictable which variants are boxed.
fn is_object(api: &Api, ty: &TypeRef) -> bool {
    let Some(TypeRef::Named(name)) = resolve_alias(api, ty) else {
        return false;
    };
    matches!(
        api.model(name).map(|m| &m.kind),
        Some(ModelKind::Struct { .. } | ModelKind::Union { .. })
    )
}

fn variant_doc(tag: Option<&str>, variant: &Variant) -> Doc {
    let doc = match &variant.description {
        Some(text) => Doc::new().prose(text),
        None => Doc::new().text(&format!(
            "The `{}` variant.",
            variant.name.replace('`', "'")
        )),
    };
    match (tag, variant.tags.as_slice()) {
        (Some(tag), [first, ..]) => doc.text(&format!(
            "Its `{}` is `{}`.",
            tag.replace('`', "'"),
            first.replace('`', "'")
        )),
        _ => doc,
    }
}

/// How soon serde's `untagged` should try a variant of type `ty`: the narrower
/// goes first (an integer before a float, a timestamp before a string, the struct
/// that requires more fields before one that requires fewer, a map last). Kinds
/// mostly do not compete, but not always: serde's derived structs also accept a
/// JSON array of their fields in order, so structs go after arrays.
fn specificity(api: &Api, ty: Option<&TypeRef>) -> (u8, Reverse<usize>) {
    let Some(ty) = ty else {
        return (0, Reverse(0));
    };
    let plain = |rank| (rank, Reverse(0));
    match ty {
        TypeRef::Bool => plain(1),
        TypeRef::Int32 => plain(2),
        TypeRef::Int64 => plain(3),
        TypeRef::Float | TypeRef::Double => plain(4),
        TypeRef::DateTime => plain(5),
        TypeRef::Date => plain(6),
        TypeRef::String => plain(8),
        TypeRef::Array(item) if **item == TypeRef::Any => plain(11),
        TypeRef::Array(_) | TypeRef::Binary => plain(10),
        TypeRef::Map(_) => plain(14),
        TypeRef::Any => plain(15),
        TypeRef::Nullable(inner) => specificity(api, Some(inner)),
        TypeRef::Named(name) => match api.model(name).map(|m| &m.kind) {
            Some(ModelKind::Enum { .. }) => plain(7),
            Some(ModelKind::Struct { fields }) => {
                let required = fields.iter().filter(|f| f.required).count();
                (12, Reverse(required * 1000 + fields.len()))
            }
            Some(ModelKind::Union { .. }) => plain(13),
            Some(ModelKind::Alias { ty }) => match resolve_alias(api, ty) {
                Some(target) => specificity(api, Some(target)),
                None => plain(13),
            },
            _ => plain(13),
        },
    }
}
