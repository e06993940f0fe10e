//! String enums: model enums and the enums of parameters with listed values.
//!
//! Every enum keeps an `Other(String)` variant, so a value the API adds later still
//! decodes instead of failing the whole response.

use crate::emit::docs::Doc;
use crate::emit::names::{pascal, Taken};
use crate::emit::text::{string_literal, Code, Item};

/// A string enum named `name` with `values`, documented by `doc`, with its `as_str`,
/// `From<&str>`, `Display`, serde and wire-value impls.
pub fn enum_item(name: &str, doc: &Doc, values: &[String]) -> Item {
    let shape = EnumShape::new(values);
    let other = shape.other;
    let mut code = Code::new();
    code.doc(0, doc);
    code.line(0, "#[derive(Clone, Debug, PartialEq, Eq, Hash)]");
    code.line(0, &format!("pub enum {name} {{"));
    for (value, variant) in shape.values.iter().zip(&shape.variants) {
        // A variant's doc is its value on the wire, one line however long.
        code.doc_line(4, &format!("`{}`", value.replace('`', "'")));
        code.line(4, &format!("{variant},"));
    }
    code.line(
        4,
        "/// A value this client does not know; the API may add values.",
    );
    code.line(4, &format!("{other}(String),"));
    code.line(0, "}");
    code.line(0, &format!("impl {name} {{"));
    code.line(4, "/// The value as sent on the wire.");
    code.line(4, "pub fn as_str(&self) -> &str {");
    code.line(8, "match self {");
    for (value, variant) in shape.values.iter().zip(&shape.variants) {
        code.line(
            12,
            &format!("{name}::{variant} => {},", string_literal(value)),
        );
    }
    code.line(12, &format!("{name}::{other}(value) => value,"));
    code.line(8, "}");
    code.line(4, "}");
    code.line(0, "}");
    code.line(0, &format!("impl From<&str> for {name} {{"));
    code.line(4, "fn from(value: &str) -> Self {");
    code.line(8, "match value {");
    for (value, variant) in shape.values.iter().zip(&shape.variants) {
        code.line(
            12,
            &format!("{} => {name}::{variant},", string_literal(value)),
        );
    }
    code.line(12, &format!("other => {name}::{other}(other.to_owned()),"));
    code.line(8, "}");
    code.line(4, "}");
    code.line(0, "}");
    // The impls that only name the type.
    let fixed = format!(
        "impl std::fmt::Display for {name} {{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{
        f.write_str(self.as_str())
    }}
}}
impl serde::Serialize for {name} {{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {{
        serializer.serialize_str(self.as_str())
    }}
}}
impl<'de> serde::Deserialize<'de> for {name} {{
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {{
        let value = String::deserialize(deserializer)?;
        Ok({name}::from(value.as_str()))
    }}
}}
impl crate::request::WireValue for {name} {{
    fn to_wire(&self) -> String {{
        self.as_str().to_owned()
    }}
}}"
    );
    for line in fixed.lines() {
        let content = line.trim_start();
        code.line(line.len() - content.len(), content);
    }
    code.finish()
}

/// The Rust variants of an enum of `values`, as [`enum_item`] declares them: one per
/// distinct value, then the variant holding any other value.
pub fn variants_of(values: &[String]) -> Vec<String> {
    let shape = EnumShape::new(values);
    let mut variants = shape.variants;
    variants.push(shape.other.to_owned());
    variants
}

/// An enum's distinct values, its variants and the variant for other values.
struct EnumShape<'a> {
    values: Vec<&'a String>,
    variants: Vec<String>,
    other: &'static str,
}

impl<'a> EnumShape<'a> {
    fn new(values: &'a [String]) -> Self {
        // A repeated value would be an unreachable match arm.
        let mut unique: Vec<&String> = Vec::with_capacity(values.len());
        for value in values {
            if !unique.contains(&value) {
                unique.push(value);
            }
        }
        let variants = variant_names(&unique);
        let other = ["Other", "Unknown", "OtherValue"]
            .into_iter()
            .find(|candidate| !variants.iter().any(|v| v == candidate))
            .unwrap_or("Unlisted");
        EnumShape {
            values: unique,
            variants,
            other,
        }
    }
}

/// Pascal-case variant names, made unique by a numeric suffix.
fn variant_names(values: &[&String]) -> Vec<String> {
    let mut taken = Taken::default();
    values.iter().map(|v| taken.claim(pascal(v), "")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_names_are_unique() {
        let values = ["created_at", "created-at", "2x", "Other"].map(String::from);
        let values: Vec<&String> = values.iter().collect();
        assert_eq!(
            variant_names(&values),
            ["CreatedAt", "CreatedAt2", "V2x", "Other"]
        );
    }

    #[test]
    fn values_with_line_breaks_stay_inside_their_doc_line() {
        let values = ["a\r\nb".to_owned()];
        let item = enum_item("Kind", &Doc::new().text("Kinds."), &values);
        assert!(item.is_certain());
        assert!(
            item.text().contains("    /// `a  b`\n    AB,\n"),
            "{item:?}"
        );
        assert!(!item.text().contains('\r'), "{item:?}");
        // The match arms hold the value escaped.
        assert!(item.text().contains("\"a\\r\\nb\""), "{item:?}");
    }

    #[test]
    fn fallback_variant_avoids_documented_values() {
        let values = ["other".to_owned(), "Unknown".to_owned()];
        let item = enum_item("Kind", &Doc::new().text("Kinds."), &values);
        assert!(
            item.text().contains("    OtherValue(String),\n"),
            "{item:?}"
        );
        assert!(item.is_certain());
    }
}
