//! Model docs: `# Name` with a `## Properties` table, or a `## Enum` list
//! (openapi-generator 5+ writes ``* `NAME` (value: `"x"`)`` items).

use crate::diagnostic::Diagnostics;
use crate::model::Provenance;
use crate::parse::blocks::Block;
use crate::parse::markdown::table::{read_rows, Requiredness};
use crate::parse::markdown::{ModelDoc, ModelDocShape};

/// The model doc in `blocks`, or `None` when it has neither section.
pub fn parse(
    file: &str,
    title: &str,
    title_line: usize,
    blocks: &[Block],
    diagnostics: &mut Diagnostics,
) -> Option<ModelDoc> {
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
                    Requiredness::UnlessNoted,
                    diagnostics,
                )),
                _ => None,
            })
            .unwrap_or_default();
        ModelDocShape::Properties(properties)
    } else if let Some(start) = section("Enum") {
        let values = blocks[start + 1..]
            .iter()
            .take_while(|b| !matches!(b, Block::Heading { level: ..=2, .. }))
            .filter_map(|b| match b {
                Block::List { items } => Some(items),
                _ => None,
            })
            .flatten()
            .filter_map(|(item, line)| {
                let value = enum_value(item);
                if value.is_none() {
                    diagnostics.warning(
                        Some(&Provenance::new(file, *line)),
                        format!("`{item}` is not an enum value item: skipped"),
                    );
                }
                value
            })
            .collect();
        ModelDocShape::Enum(values)
    } else {
        return None;
    };
    Some(ModelDoc {
        name: title.trim().to_owned(),
        shape,
        at: Provenance::new(file, title_line),
    })
}

/// ``` `NAME` (value: `"x"`) ``` → `x`; a bare `` `x` `` → `x`.
fn enum_value(item: &str) -> Option<String> {
    if let Some(start) = item.find("(value: `") {
        let rest = &item[start + "(value: `".len()..];
        let value = &rest[..rest.find('`')?];
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(value);
        return Some(value.to_owned());
    }
    let value = item.trim().strip_prefix('`')?.strip_suffix('`')?;
    Some(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_items() {
        assert_eq!(
            enum_value("`ABC` (value: `\"_abc\"`)").as_deref(),
            Some("_abc")
        );
        assert_eq!(enum_value("`xyz`").as_deref(), Some("xyz"));
        assert_eq!(enum_value("plain words"), None);
    }
}
