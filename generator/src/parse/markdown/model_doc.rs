//! Model docs: `# Name` with a `## Properties` table, or a `## Enum` list
//! (openapi-generator 5+ writes ``* `NAME` (value: `"x"`)`` items).

use crate::diagnostic::Diagnostics;
use crate::model::{Provenance, TypeRef};
use crate::parse::blocks::Block;
use crate::parse::markdown::table::{read_rows, Requiredness, Rows};
use crate::parse::markdown::{ModelDoc, ModelDocShape, Page};

/// The model doc in `blocks`, or `None` when it has neither section.
pub fn parse(page: &Page<'_>, diagnostics: &mut Diagnostics) -> Option<ModelDoc> {
    let Page {
        file,
        title,
        title_line,
        blocks,
        language,
    } = *page;
    let section = |name: &str| {
        blocks
            .iter()
            .position(|b| matches!(b, Block::Heading { level: 2, text, .. } if text == name))
    };
    let shape = if let Some(start) = section("Properties") {
        let properties = blocks[start + 1..]
            .iter()
            .take_while(|b| !matches!(b, Block::Heading { level: ..=2, .. }))
            .find_map(|b| match b {
                Block::Table { header, rows, .. } => Some(read_rows(
                    file,
                    header,
                    rows,
                    (Rows::Properties, Requiredness::UnlessNoted, language),
                    diagnostics,
                )),
                _ => None,
            })
            .unwrap_or_default();
        ModelDocShape::Properties(properties)
    } else if let Some(start) = section("Enum") {
        let mut all_quoted = true;
        let values = blocks[start + 1..]
            .iter()
            .take_while(|b| !matches!(b, Block::Heading { level: ..=2, .. }))
            .filter_map(|b| match b {
                Block::List { items } => Some(items),
                _ => None,
            })
            .flatten()
            .filter_map(|(item, line)| {
                let value = enum_value(item).map(|(value, quoted)| {
                    all_quoted &= quoted;
                    value
                });
                if value.is_none() {
                    diagnostics.warning(
                        Some(&Provenance::new(file, *line)),
                        format!("`{item}` is not an enum value item: skipped"),
                    );
                }
                value
            })
            .collect::<Vec<String>>();
        match (all_quoted, scalar_of(&values)) {
            // ``* `_1` (value: `1`)``: numbers or booleans, not strings.
            (false, Some(ty)) => {
                diagnostics
                    .warning(
                        Some(&Provenance::new(file, title_line)),
                        format!(
                            "`{}` is an enum of {ty} values, read as plain {ty}: only string enums become enum types",
                            title.trim()
                        ),
                    )
                    .kind("enum of numbers or booleans, read as its scalar");
                ModelDocShape::Scalar(ty)
            }
            _ => ModelDocShape::Enum(values),
        }
    } else {
        return None;
    };
    Some(ModelDoc {
        name: model_name(title),
        shape,
        language,
        at: Provenance::new(file, title_line),
    })
}

/// The model a title names, without the namespace some languages print:
/// `Org.OpenAPITools.Model.Pet` (C#), `Petstore::Pet` (Ruby), `openapi.model.Pet`
/// (Dart), `OpenApiPetstore.Pet` (JavaScript), `Interface Shape` (Java), and PHP's
/// `# # Pet`.
fn model_name(title: &str) -> String {
    let name = title.trim().trim_start_matches("# ").trim();
    let name = name.strip_prefix("Interface ").unwrap_or(name);
    let name = name.rsplit("::").next().unwrap_or(name);
    let name = name.rsplit('\\').next().unwrap_or(name);
    name.rsplit('.').next().unwrap_or(name).trim().to_owned()
}

/// ``` `NAME` (value: `"x"`) ``` → `x`, quoted; ``` `_1` (value: `1`) ``` → `1`, not
/// quoted; a bare `` `x` `` → `x`, taken as quoted.
fn enum_value(item: &str) -> Option<(String, bool)> {
    if let Some(start) = item.find("(value: `") {
        let rest = &item[start + "(value: `".len()..];
        let value = &rest[..rest.find('`')?];
        return Some(
            match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                Some(inner) => (inner.to_owned(), true),
                None => (value.to_owned(), false),
            },
        );
    }
    let value = item.trim().strip_prefix('`')?.strip_suffix('`')?;
    Some((value.to_owned(), true))
}

/// The scalar type every one of `values` is, when they are all integers, numbers or
/// booleans.
fn scalar_of(values: &[String]) -> Option<TypeRef> {
    let all = |ok: fn(&str) -> bool| !values.is_empty() && values.iter().all(|v| ok(v));
    if all(|v| v.parse::<i64>().is_ok()) {
        Some(TypeRef::Int64)
    } else if all(|v| v.parse::<f64>().is_ok()) {
        Some(TypeRef::Double)
    } else if all(|v| v == "true" || v == "false") {
        Some(TypeRef::Bool)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_titles_lose_their_namespaces() {
        assert_eq!(model_name("Org.OpenAPITools.Model.Pet"), "Pet");
        assert_eq!(model_name("Petstore::Pet"), "Pet");
        assert_eq!(model_name("openapi.model.Pet"), "Pet");
        assert_eq!(model_name("# Pet"), "Pet");
        assert_eq!(model_name("Interface Shape"), "Shape");
        assert_eq!(model_name("OpenAPI\\Client\\Model\\Pet"), "Pet");
        assert_eq!(model_name(" Pet "), "Pet");
    }

    #[test]
    fn enum_items() {
        assert_eq!(
            enum_value("`ABC` (value: `\"_abc\"`)"),
            Some(("_abc".to_owned(), true))
        );
        assert_eq!(
            enum_value("`_1` (value: `1`)"),
            Some(("1".to_owned(), false))
        );
        assert_eq!(enum_value("`xyz`"), Some(("xyz".to_owned(), true)));
        assert_eq!(enum_value("plain words"), None);
        let texts = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(scalar_of(&texts(&["1", "-2"])), Some(TypeRef::Int64));
        assert_eq!(scalar_of(&texts(&["0.5", "1"])), Some(TypeRef::Double));
        assert_eq!(scalar_of(&texts(&["true", "false"])), Some(TypeRef::Bool));
        assert_eq!(scalar_of(&texts(&["1", "x"])), None);
    }
}
