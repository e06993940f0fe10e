//! The `Name | Type | Description | Notes` rows of parameter and property tables.

use crate::diagnostic::Diagnostics;
use crate::model::{Provenance, TypeRef};
use crate::parse::blocks::Row;
use crate::parse::markdown::{Language, ParamDoc};
use crate::parse::type_cell::{read_type_cell, CellType};

/// How a table says whether a row is required.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requiredness {
    /// Every row is (`### Required Parameters`, `### Path Parameters`).
    All,
    /// No row is (`### Optional Parameters`).
    None,
    /// Rows without an `[optional]` note are (`### Parameters`, `## Properties`).
    UnlessNoted,
}

/// What a table lists: what an unreadable type cell is read as depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rows {
    /// Parameters: they mostly travel as text, so a string.
    Params,
    /// Model properties: any JSON value.
    Properties,
}

/// Reads the rows of a table whose header starts `Name | Type`. Rows for the Go
/// plumbing (`ctx`, the options struct) are left out.
pub fn read_rows(
    file: &str,
    header: &[String],
    rows: &[Row],
    (what, requiredness, language): (Rows, Requiredness, Language),
    diagnostics: &mut Diagnostics,
) -> Vec<ParamDoc> {
    let mut out = Vec::new();
    if header.first().map(String::as_str) != Some("Name")
        || header.get(1).map(String::as_str) != Some("Type")
    {
        if let Some(row) = rows.first() {
            diagnostics
                .warning(
                    Some(&Provenance::new(file, row.line.saturating_sub(2).max(1))),
                    format!("a table with the columns `{}` where `Name | Type | Description | Notes` was expected: skipped", header.join(" | ")),
                )
                .kind("unreadable table, skipped");
        }
        return out;
    }
    // Rust's templates add a `Required` column (`[required]` or empty) before Notes.
    let required_column = header
        .iter()
        .position(|h| h == "Required")
        .filter(|_| language != Language::Go);
    // TypeScript-fetch's model tables have only `Name | Type`: they say nothing of
    // which fields are required, so none is (a value without one still decodes).
    let unstated = header.len() == 2 && language != Language::Go;
    for row in rows {
        let at = Provenance::new(file, row.line);
        let (row, stated) = match required_column {
            Some(i) if i < row.cells.len() => {
                let mut row = row.clone();
                let cell = row.cells.remove(i);
                row.raw.remove(i);
                (row, Some(cell.contains("required")))
            }
            _ if unstated => (row.clone(), Some(false)),
            _ => (row.clone(), None),
        };
        let row = &row;
        let Some(cells) = Cells::of(row) else {
            diagnostics
                .warning(Some(&at), "a row needs a name and a type cell: skipped")
                .kind("unreadable row, skipped")
                .help("expected `**name** | **type** | description | notes`");
            continue;
        };
        // PHP's templates add the client's own `hostIndex` and `variables` arguments
        // to operations with servers of their own: not API parameters, and printed
        // without bold.
        let plain_name = !row.raw[0].trim().starts_with("**");
        if language == Language::Php
            && plain_name
            && ["hostIndex", "variables"].contains(&cells.name)
        {
            continue;
        }
        let ty = match read_type_cell(cells.raw_type, language) {
            Ok(CellType::Context | CellType::OptionsStruct) => continue,
            // swagger-codegen's first Go template passed optional parameters in a
            // `map[string]interface{}` named `optional`; its table follows.
            Ok(CellType::Value(TypeRef::Map(value)))
                if cells.name == "optional" && *value == TypeRef::Any =>
            {
                continue
            }
            Ok(CellType::Value(ty)) => ty,
            Ok(CellType::Unnamed) => {
                diagnostics
                    .warning(
                        Some(&at),
                        format!(
                            "`{}` has the type `optional.`, which names no type: read as a string",
                            cells.name
                        ),
                    )
                    .kind("type `optional.` naming no type, read as a string");
                TypeRef::String
            }
            // Loose, not lost: what cannot travel as JSON is sent as text later on.
            Err(message) => {
                let (loose, as_what) = match what {
                    Rows::Params => (TypeRef::String, "a string"),
                    Rows::Properties => (TypeRef::Any, "any JSON value"),
                };
                diagnostics
                    .warning(
                        Some(&at),
                        format!("`{}`: {message}: read as {as_what}", cells.name),
                    )
                    .kind("unreadable type, read loosely")
                    .help(match language {
                        Language::Go => "expected a Go type such as `string`, `[]string`, `time.Time` or `optional.Int32`".to_owned(),
                        other => format!("expected a {} type", other.name()),
                    });
                loose
            }
        };
        if cells.name.is_empty() {
            diagnostics
                .warning(Some(&at), "a row has an empty name: skipped")
                .kind("unreadable row, skipped");
            continue;
        }
        // Rust's docs print keywords as raw identifiers (`r#type`).
        let name = cells.name.strip_prefix("r#").unwrap_or(cells.name);
        if out.iter().any(|p: &ParamDoc| p.name == name) {
            diagnostics
                .warning(
                    Some(&at),
                    format!("`{name}` is listed twice: the first row is read"),
                )
                .kind("row listed twice");
            continue;
        }
        out.push(ParamDoc {
            name: name.to_owned(),
            ty,
            required: match requiredness {
                Requiredness::All => true,
                Requiredness::None => false,
                Requiredness::UnlessNoted => {
                    stated.unwrap_or_else(|| !is_marked_optional(cells.notes))
                }
            },
            nullable: is_nullable_wrapper(cells.raw_type),
            description: cells.description(),
            default: cells.default(),
            enum_values: cells.enum_values(),
            at,
        });
    }
    out
}

/// The cells of a `Name | Type | Description | Notes` row. Extra cells come from
/// unescaped `|` in the description: the description is everything between the type
/// and the notes.
struct Cells<'a> {
    name: &'a str,
    raw_type: &'a str,
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
            raw_type: row.raw[1].as_str(),
            middle,
            notes: notes.trim(),
        })
    }

    fn description(&self) -> Option<String> {
        let text = self.middle.join(" | ");
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_owned())
    }

    /// `[enum: a, b, c]` (Java, Kotlin), `[Enum: a, b]` (TypeScript-fetch),
    /// `[Enum: [a, b]]` (R).
    fn enum_values(&self) -> Vec<String> {
        let lower = self.notes.to_ascii_lowercase();
        let Some(start) = lower.find("[enum: ") else {
            return Vec::new();
        };
        let rest = &self.notes[start + "[enum: ".len()..];
        let rest = rest.strip_prefix('[').unwrap_or(rest);
        let Some(end) = rest.find(']') else {
            return Vec::new();
        };
        rest[..end]
            .split(',')
            .map(|v| v.trim().trim_matches(['"', '\'', '`']).to_owned())
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// `[default to x]`; swagger-codegen writes `[default to null]` for "no default".
    fn default(&self) -> Option<String> {
        let start = self.notes.find("[default to ")? + "[default to ".len();
        let value = &self.notes[start..];
        let value = value[..value.find(']')?].trim();
        (value != "null" && !value.is_empty()).then(|| value.to_owned())
    }
}

/// Whether a type cell names one of openapi-generator's scalar `Nullable<Type>`
/// wrappers (`NullableString`, `Pointer to **NullableTime**`); `Nullable<Model>` is
/// told apart once the models are known ([`crate::degrade`]).
fn is_nullable_wrapper(raw_type: &str) -> bool {
    let words = raw_type.split(|c: char| !c.is_ascii_alphanumeric());
    words
        .filter_map(|word| word.strip_prefix("Nullable"))
        .any(crate::parse::go_type::is_nullable_scalar)
}

/// Whether a notes cell says its row is optional: `[optional]` (most languages),
/// `(optional)` (TypeScript), `[Optional]` (TypeScript-fetch).
fn is_marked_optional(notes: &str) -> bool {
    let notes = notes.to_ascii_lowercase();
    notes.contains("[optional]") || notes.contains("(optional)")
}

/// `[optional]`, `[default to x]`, `[readonly]`, `nil if no parameters`.
fn looks_like_notes(cell: &str) -> bool {
    let cell = cell.trim();
    cell.is_empty() || cell.starts_with('[') || cell == "nil if no parameters"
}
