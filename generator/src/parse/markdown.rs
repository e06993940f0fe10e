//! Go SDK markdown docs (openapi-generator and swagger-codegen) to documented facts.
//!
//! The grammar (DESIGN.md §4.1): an API doc has a title (`# \XxxApi`), the line
//! `All URIs are relative to *URL*`, an index table `Method | HTTP request |
//! Description`, and one section per operation, opened by a heading whose text is the
//! operation's name. A section holds the signature quote, summary and description, then
//! `###` subsections: parameter tables, return type, authorization, request headers.
//! A model doc has a title and a `## Properties` table.
//!
//! This module records what the documents say, with lines; what the facts mean on the
//! wire (query names, locations, statuses in prose) is decided by [`crate::infer`].

use crate::diagnostic::Diagnostics;
use crate::model::{Method, Provenance, TypeRef};
use crate::parse::blocks::{blocks, Block, Row};
use crate::parse::go_type::{parse_go_type, GoType};

/// What one markdown file documents.
#[derive(Clone, Debug)]
pub enum DocFile {
    /// An `XxxApi.md`.
    Api(ApiDoc),
    /// A model doc such as `Intervention.md`.
    Model(ModelDoc),
}

/// An API doc: one group of operations.
#[derive(Clone, Debug)]
pub struct ApiDoc {
    /// The group name without `Api`, e.g. `Interventions`.
    pub group: String,
    /// The base URL as written, and where.
    pub base_url: Option<(String, Provenance)>,
    /// Operations in document order.
    pub operations: Vec<OperationDoc>,
    /// Where the title is.
    pub at: Provenance,
}

/// One operation's documented facts.
#[derive(Clone, Debug)]
pub struct OperationDoc {
    /// The documented name, e.g. `CancelIntervention`.
    pub name: String,
    /// From the index table.
    pub method: Method,
    /// From the index table.
    pub path: String,
    /// The one-line summary.
    pub summary: Option<String>,
    /// The description, normalised to markdown paragraphs and `* ` lists.
    pub description: Option<String>,
    /// Parameters in documented order (`ctx` and the options struct left out).
    pub params: Vec<ParamDoc>,
    /// The documented return type; `None` for `(empty response body)` or no section.
    pub returns: Option<TypeRef>,
    /// The `Content-Type` header line, `None` for `Not defined`.
    pub content_type: Option<String>,
    /// The `Accept` header line, `None` for `Not defined`.
    pub accept: Option<String>,
    /// Where the section's heading is (the index row when the section is missing).
    pub at: Provenance,
}

/// One documented parameter (or model property, see [`PropertyDoc`]).
#[derive(Clone, Debug)]
pub struct ParamDoc {
    /// The documented name, e.g. `categoryIds`.
    pub name: String,
    /// Its type.
    pub ty: TypeRef,
    /// Listed under required parameters (for properties: no `[optional]` note).
    pub required: bool,
    /// The description cell, if not empty.
    pub description: Option<String>,
    /// `[default to x]` from the notes cell.
    pub default: Option<String>,
    /// Where its row is.
    pub at: Provenance,
}

/// A model doc.
#[derive(Clone, Debug)]
pub struct ModelDoc {
    /// The model name.
    pub name: String,
    /// Fields in documented order.
    pub properties: Vec<PropertyDoc>,
    /// Where the title is.
    pub at: Provenance,
}

/// One row of a `## Properties` table: the same facts as a parameter row, where
/// `required` means the row has no `[optional]` note.
pub type PropertyDoc = ParamDoc;

/// Reads one markdown file named `file` (used in provenance). Returns `None` for files
/// that are neither API nor model docs (a warning says so); problems go to
/// `diagnostics`.
pub fn parse_doc(file: &str, text: &str, diagnostics: &mut Diagnostics) -> Option<DocFile> {
    let blocks = blocks(text);
    let at = |line| Provenance::new(file, line);
    let Some((title, title_line)) = blocks.iter().find_map(|b| match b {
        Block::Heading {
            level: 1,
            text,
            line,
        } => Some((text.clone(), *line)),
        _ => None,
    }) else {
        diagnostics.warning(
            Some(&at(1)),
            "no `# Title` heading: not an API or model doc, skipped",
        );
        return None;
    };
    if let Some(index) = blocks.iter().position(is_index_table) {
        return Some(DocFile::Api(parse_api(
            file,
            &title,
            title_line,
            &blocks,
            index,
            diagnostics,
        )));
    }
    if blocks
        .iter()
        .any(|b| matches!(b, Block::Heading { level: 2, text, .. } if text == "Properties"))
    {
        return Some(DocFile::Model(parse_model(
            file,
            &title,
            title_line,
            &blocks,
            diagnostics,
        )));
    }
    diagnostics.warning(
        Some(&at(title_line)),
        format!("`{title}` has neither a method table nor a `## Properties` table: skipped"),
    );
    None
}

fn is_index_table(block: &Block) -> bool {
    matches!(block, Block::Table { header, .. }
        if header.len() >= 2 && header[0] == "Method" && header[1] == "HTTP request")
}

/// One row of the method table.
struct IndexEntry {
    name: String,
    method: Method,
    path: String,
    summary: Option<String>,
    line: usize,
}

fn parse_api(
    file: &str,
    title: &str,
    title_line: usize,
    blocks: &[Block],
    index: usize,
    diagnostics: &mut Diagnostics,
) -> ApiDoc {
    let at = |line| Provenance::new(file, line);
    let base_url = blocks.iter().find_map(|b| match b {
        Block::Paragraph { text, line } => text
            .strip_prefix("All URIs are relative to ")
            .map(|url| (url.trim().to_owned(), at(*line))),
        _ => None,
    });
    let Block::Table { rows, .. } = &blocks[index] else {
        unreachable!("is_index_table matched a table")
    };
    let entries: Vec<IndexEntry> = rows
        .iter()
        .filter_map(|row| index_entry(file, row, diagnostics))
        .collect();

    let mut operations = Vec::new();
    for entry in &entries {
        let section = blocks.iter().position(
            |b| matches!(b, Block::Heading { level: 1 | 2, text, .. } if *text == entry.name),
        );
        let doc = match section {
            Some(start) => {
                let end = blocks[start + 1..]
                    .iter()
                    .position(|b| is_section_start(b, &entries))
                    .map_or(blocks.len(), |n| start + 1 + n);
                parse_operation(file, entry, &blocks[start..end], diagnostics)
            }
            None => {
                diagnostics
                    .error(
                        Some(&at(entry.line)),
                        format!(
                            "the method table lists `{}` but no section documents it",
                            entry.name
                        ),
                    )
                    .help = Some(format!("expected a heading `## {}`", entry.name));
                continue;
            }
        };
        operations.push(doc);
    }
    ApiDoc {
        group: group_name(title),
        base_url,
        operations,
        at: at(title_line),
    }
}

/// A heading that opens another operation's section. Headings that name no operation
/// (say a `## Note` line inside a description) do not end a section.
fn is_section_start(block: &Block, entries: &[IndexEntry]) -> bool {
    matches!(block, Block::Heading { level: 1 | 2, text, .. }
        if entries.iter().any(|e| e.name == *text))
}

/// `\InterventionsApi`, `pkg.InterventionsApi`, `InterventionsAPI` → `Interventions`.
fn group_name(title: &str) -> String {
    let name = title.trim().trim_start_matches('\\');
    let name = name.rsplit('.').next().unwrap_or(name);
    let name = name
        .strip_suffix("Api")
        .or_else(|| name.strip_suffix("API"))
        .unwrap_or(name);
    name.to_owned()
}

/// `[**Op**](XxxApi.md#Op) | **Get** /path | summary`.
fn index_entry(file: &str, row: &Row, diagnostics: &mut Diagnostics) -> Option<IndexEntry> {
    let at = Provenance::new(file, row.line);
    let name = row.cells.first().map(|s| s.trim()).unwrap_or_default();
    let request = row.cells.get(1).map(|s| s.trim()).unwrap_or_default();
    let mut words = request.split_whitespace();
    let (Some(verb), Some(path), None) = (words.next(), words.next(), words.next()) else {
        diagnostics
            .error(Some(&at), format!("`{request}` is not an HTTP request"))
            .help = Some("expected a verb and a path, e.g. `**Get** /items/{id}`".into());
        return None;
    };
    let method = match verb.parse::<Method>() {
        Ok(method) => method,
        Err(message) => {
            diagnostics.error(Some(&at), message);
            return None;
        }
    };
    if name.is_empty() || !path.starts_with('/') {
        diagnostics.error(
            Some(&at),
            format!(
                "method table row `{name} | {request}` needs a name and a path starting with `/`"
            ),
        );
        return None;
    }
    Some(IndexEntry {
        name: name.to_owned(),
        method,
        path: path.to_owned(),
        summary: row
            .cells
            .get(2)
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty()),
        line: row.line,
    })
}

/// Reads one operation section; `section[0]` is its heading.
fn parse_operation(
    file: &str,
    entry: &IndexEntry,
    section: &[Block],
    diagnostics: &mut Diagnostics,
) -> OperationDoc {
    let heading_line = match &section[0] {
        Block::Heading { line, .. } => *line,
        _ => entry.line,
    };
    let mut doc = OperationDoc {
        name: entry.name.clone(),
        method: entry.method,
        path: entry.path.clone(),
        summary: entry.summary.clone(),
        description: None,
        params: Vec::new(),
        returns: None,
        content_type: None,
        accept: None,
        at: Provenance::new(file, heading_line),
    };
    let mut prose = Vec::new();
    let mut subsection: Option<&str> = None;
    for block in &section[1..] {
        match block {
            Block::Heading {
                level: 3.., text, ..
            } => subsection = Some(text.as_str()),
            // The signature, with the summary on the lines after it.
            Block::Quote { text, .. } if subsection.is_none() => {
                let summary: Vec<&str> = text.lines().skip(1).map(str::trim).collect();
                let summary = summary.join(" ");
                if !summary.trim().is_empty() {
                    doc.summary = Some(summary.trim().to_owned());
                }
            }
            Block::Paragraph { text, .. } | Block::Quote { text, .. } if subsection.is_none() => {
                prose.push(text.clone())
            }
            Block::List { items } if subsection.is_none() => prose.push(
                items
                    .iter()
                    .map(|(t, _)| format!("* {t}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            // A heading that names no operation is a description line that happens
            // to start with `#`.
            Block::Heading { text, .. } if subsection.is_none() => prose.push(text.clone()),
            Block::Table { header, rows, .. } => match subsection {
                Some(title) if is_parameter_section(title) => {
                    let required = !title.starts_with("Optional");
                    read_params(file, header, rows, required, &mut doc.params, diagnostics);
                }
                _ => {}
            },
            Block::Paragraph { text, line } if subsection == Some("Return type") => {
                doc.returns = read_return_type(text, &Provenance::new(file, *line), diagnostics);
            }
            Block::List { items } if subsection == Some("HTTP request headers") => {
                for (item, _) in items {
                    if let Some((key, value)) = item.split_once(':') {
                        let value = value.trim().trim_end_matches(':').trim();
                        let value =
                            (!value.is_empty() && value != "Not defined").then(|| value.to_owned());
                        match key.trim() {
                            "Content-Type" => doc.content_type = value,
                            "Accept" => doc.accept = value,
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let description = prose
        .iter()
        .map(|p| normalize_prose(p))
        .collect::<Vec<_>>()
        .join("\n\n");
    doc.description = (!description.trim().is_empty()).then_some(description);
    doc
}

fn is_parameter_section(title: &str) -> bool {
    matches!(
        title,
        "Required Parameters"
            | "Optional Parameters"
            | "Path Parameters"
            | "Other Parameters"
            | "Parameters"
    )
}

/// The rows of a parameter table: `Name | Type | Description | Notes`.
fn read_params(
    file: &str,
    header: &[String],
    rows: &[Row],
    required: bool,
    params: &mut Vec<ParamDoc>,
    diagnostics: &mut Diagnostics,
) {
    if header.first().map(String::as_str) != Some("Name") {
        return;
    }
    for row in rows {
        let at = Provenance::new(file, row.line);
        let Some(cells) = Cells::of(row) else {
            diagnostics.error(Some(&at), "a parameter row needs a name and a type cell");
            continue;
        };
        match parse_go_type(cells.ty) {
            Ok(GoType::Context | GoType::OptionsStruct) => {}
            Ok(GoType::Value { ty, .. }) => {
                if cells.name.is_empty() {
                    diagnostics.error(Some(&at), "a parameter row has an empty name");
                    continue;
                }
                params.push(ParamDoc {
                    name: cells.name.to_owned(),
                    ty,
                    required,
                    description: cells.description(),
                    default: cells.default(),
                    at,
                })
            }
            Err(message) => {
                diagnostics
                    .error(Some(&at), format!("parameter `{}`: {message}", cells.name))
                    .help = Some(
                    "expected a Go type such as `string`, `[]string` or `optional.Int32`".into(),
                );
            }
        }
    }
}

/// The cells of a `Name | Type | Description | Notes` row. Extra cells come from
/// unescaped `|` in the description: the description is everything between the type
/// and the notes.
struct Cells<'a> {
    name: &'a str,
    ty: &'a str,
    middle: &'a [String],
    notes: &'a str,
}

impl<'a> Cells<'a> {
    fn of(row: &'a Row) -> Option<Self> {
        let cells = &row.cells;
        if cells.len() < 2 {
            return None;
        }
        // The last cell is the notes cell when the row was not closed by a `|` (the
        // docs close rows whose notes are empty) or when it reads like notes.
        let last = cells.len() - 1;
        let has_notes = last >= 3 && (!row.terminated || looks_like_notes(&cells[last]));
        let (middle, notes) = match has_notes {
            true => (&cells[2..last], cells[last].as_str()),
            false => (&cells[2..], ""),
        };
        Some(Cells {
            name: cells[0].trim(),
            ty: cells[1].trim(),
            middle,
            notes: notes.trim(),
        })
    }

    fn description(&self) -> Option<String> {
        let text = self.middle.join(" | ");
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_owned())
    }

    /// `[default to x]`; swagger-codegen writes `[default to null]` for "no default".
    fn default(&self) -> Option<String> {
        let start = self.notes.find("[default to ")? + "[default to ".len();
        let value = &self.notes[start..];
        let value = value[..value.find(']')?].trim();
        (value != "null" && !value.is_empty()).then(|| value.to_owned())
    }

    fn optional(&self) -> bool {
        self.notes.contains("[optional]")
    }
}

/// `[optional]`, `[default to x]`, `[readonly]`, `nil if no parameters`.
fn looks_like_notes(cell: &str) -> bool {
    let cell = cell.trim();
    cell.is_empty() || cell.starts_with('[') || cell == "nil if no parameters"
}

/// `[**Intervention**](Intervention.md)`, `**[]Tag**`, `(empty response body)`.
fn read_return_type(text: &str, at: &Provenance, diagnostics: &mut Diagnostics) -> Option<TypeRef> {
    let text = text.trim();
    if text == "(empty response body)" || text.is_empty() {
        return None;
    }
    match parse_go_type(text) {
        Ok(GoType::Value { ty, .. }) => Some(ty),
        _ => {
            diagnostics
                .error(Some(at), format!("`{text}` is not a return type"))
                .help = Some("expected a Go type or `(empty response body)`".into());
            None
        }
    }
}

fn parse_model(
    file: &str,
    title: &str,
    title_line: usize,
    blocks: &[Block],
    diagnostics: &mut Diagnostics,
) -> ModelDoc {
    let mut properties = Vec::new();
    let start = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { level: 2, text, .. } if text == "Properties"))
        .unwrap_or(0);
    let table = blocks[start..].iter().find_map(|b| match b {
        Block::Table { header, rows, .. } if header.first().map(String::as_str) == Some("Name") => {
            Some(rows)
        }
        _ => None,
    });
    for row in table.into_iter().flatten() {
        let at = Provenance::new(file, row.line);
        let Some(cells) = Cells::of(row) else {
            diagnostics.error(Some(&at), "a property row needs a name and a type cell");
            continue;
        };
        match parse_go_type(cells.ty) {
            Ok(GoType::Value { ty, .. }) if !cells.name.is_empty() => {
                properties.push(PropertyDoc {
                    name: cells.name.to_owned(),
                    ty,
                    required: !cells.optional(),
                    description: cells.description(),
                    default: cells.default(),
                    at,
                })
            }
            Ok(_) => {
                diagnostics.error(
                    Some(&at),
                    format!("property `{}` has no usable type", cells.name),
                );
            }
            Err(message) => {
                diagnostics.error(Some(&at), format!("property `{}`: {message}", cells.name));
            }
        }
    }
    ModelDoc {
        name: title.trim().to_owned(),
        properties,
        at: Provenance::new(file, title_line),
    }
}

/// The docs generator joins the lines of the original description with spaces, so
/// paragraph breaks arrive as runs of two or more spaces and list items as ` * `.
/// This restores them: paragraphs separated by blank lines, items as `* ` lines, and
/// items after one that ends with `:` nested as `  * ` until the next paragraph.
fn normalize_prose(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{200B}' | '\u{FEFF}'))
        .map(|c| if c == '\u{00A0}' { ' ' } else { c })
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut nested = false;
    let mut in_list = false;
    for (chunk_index, chunk) in split_runs_of_spaces(&text).into_iter().enumerate() {
        for (piece_index, piece) in chunk.split(" * ").enumerate() {
            let piece = piece.trim();
            let piece = match piece.strip_prefix("* ") {
                Some(rest) if chunk_index + piece_index > 0 => Some(rest),
                _ => None,
            }
            .map(|item| (item, true))
            .unwrap_or((piece, piece_index > 0));
            let (piece, is_item) = piece;
            if piece.is_empty() {
                continue;
            }
            if is_item {
                let indent = if nested { "  " } else { "" };
                out.push(format!("{indent}* {piece}"));
                in_list = true;
                if piece.ends_with(':') {
                    nested = true;
                }
            } else {
                if in_list || !out.is_empty() {
                    out.push(String::new());
                }
                out.push(piece.to_owned());
                in_list = false;
                nested = false;
            }
        }
    }
    // Blank line before a list that follows a paragraph.
    let mut result = String::new();
    for (i, line) in out.iter().enumerate() {
        if i > 0 {
            result.push('\n');
            let starts_list = line.starts_with("* ")
                && !out[i - 1].starts_with("* ")
                && !out[i - 1].starts_with("  * ")
                && !out[i - 1].is_empty();
            if starts_list {
                result.push('\n');
            }
        }
        result.push_str(line);
    }
    result
}

/// Splits on runs of two or more spaces and on line breaks.
fn split_runs_of_spaces(text: &str) -> Vec<&str> {
    let mut chunks = Vec::new();
    for line in text.lines() {
        let mut rest = line;
        while let Some(pos) = rest.find("  ") {
            chunks.push(&rest[..pos]);
            rest = rest[pos..].trim_start_matches(' ');
        }
        chunks.push(rest);
    }
    chunks
        .into_iter()
        .filter(|c| !c.trim().is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_names_drop_prefixes_and_suffixes() {
        assert_eq!(group_name("\\InterventionsApi"), "Interventions");
        assert_eq!(group_name("engagedigital.TagsApi"), "Tags");
        assert_eq!(group_name("PetAPI"), "Pet");
    }

    #[test]
    fn flattened_caveat_lists_become_nested_lists() {
        let text = "Cancels it. If x a 404 HTTP response will be returned.  Caveats:  * If busy, it will return a 409 error. * Must meet criteria otherwise a 403 will be raised:   * not closed  * no replies  Authorization: no.";
        assert_eq!(
            normalize_prose(text),
            "Cancels it. If x a 404 HTTP response will be returned.\n\nCaveats:\n\n* If busy, it will return a 409 error.\n* Must meet criteria otherwise a 403 will be raised:\n  * not closed\n  * no replies\n\nAuthorization: no."
        );
    }

    #[test]
    fn prose_without_lists_keeps_its_sentences() {
        assert_eq!(
            normalize_prose("One line.  Authorization: no."),
            "One line.\n\nAuthorization: no."
        );
        assert_eq!(normalize_prose("Plain a * b text"), "Plain a\n\n* b text");
        assert_eq!(normalize_prose("zero\u{200B}width"), "zerowidth");
    }
}
