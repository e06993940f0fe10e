//! A type cell of any SDK language's docs, read by that language's rules: Go's by
//! [`go_type`](crate::parse::go_type), every other language's by
//! [`sdk_type`](crate::parse::sdk_type).

use crate::model::TypeRef;
use crate::parse::markdown::Language;

/// What a type cell says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellType {
    /// A real parameter or field type.
    Value(TypeRef),
    /// Go's `optional.` with nothing after it.
    Unnamed,
    /// Go's `context.Context`: the method's first argument, not an API parameter.
    Context,
    /// Go's `*XxxOpts`: the struct holding the optional parameters, not an API
    /// parameter.
    OptionsStruct,
}

/// Reads a type cell of a `language` page from its markdown source.
pub fn read_type_cell(markdown: &str, language: Language) -> Result<CellType, String> {
    match language {
        Language::Go => crate::parse::go_type::parse_type_cell(markdown),
        other => crate::parse::sdk_type::parse_type_cell(markdown, other).map(CellType::Value),
    }
}
