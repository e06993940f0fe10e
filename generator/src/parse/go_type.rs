//! The Go types that Go SDK docs write in their type cells, read into [`TypeRef`]s.
//!
//! The cell text arrives as plain text (emphasis and link syntax already removed), e.g.
//! `[]string`, `optional.Interface of []string`, `map[string]interface{}`, `time.Time`.

use crate::model::TypeRef;
pub use crate::parse::type_cell::CellType;

/// Reads a type cell from its markdown source. Link syntax is dropped (the link text
/// is trusted, its target often is wrong), and so is openapi-generator 5's `Pointer to`
/// prefix. Malformed cells repeat the type in a second bold span
/// (`***os.File*****os.File**`): the first span that reads as a type wins.
pub fn parse_type_cell(markdown: &str) -> Result<CellType, String> {
    let text = link_text(markdown.trim());
    let text = text
        .trim()
        .strip_prefix("Pointer to ")
        .unwrap_or(text)
        .trim();
    let mut first_error = None;
    for span in text.split("**").map(str::trim).filter(|s| !s.is_empty()) {
        match parse_go_type(span) {
            Ok(ty) => return Ok(ty),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| format!("`{}` is not a Go type", markdown.trim())))
}

/// `[text](target)` → `text`; anything else as it is.
fn link_text(cell: &str) -> &str {
    match (cell.strip_prefix('['), cell.rfind("](")) {
        (Some(_), Some(end)) if cell.ends_with(')') && end > 0 => &cell[1..end],
        _ => cell,
    }
}

/// Reads one type, given as plain text. The error says what the text was.
pub fn parse_go_type(text: &str) -> Result<CellType, String> {
    let text = text.trim();
    if text == "context.Context" {
        return Ok(CellType::Context);
    }
    // openapi-generator's `useOneOfInterfaces` prints a oneOf model's type as an
    // interface (`interface { GetKind() string }`): any JSON value.
    if text.starts_with("interface {") || text.starts_with("interface{") {
        return Ok(CellType::Value(TypeRef::Any));
    }
    if let Some(name) = text.strip_prefix('*') {
        if name.ends_with("Opts") && is_identifier(name) {
            return Ok(CellType::OptionsStruct);
        }
    }
    let inner = match text.strip_prefix("optional.") {
        // `**optional.**` names no type: the generator lost it. What travels in a
        // query or form is text, so it is read as a string.
        Some("") => return Ok(CellType::Unnamed),
        Some(rest) => optional_inner(rest),
        None => text.to_owned(),
    };
    let depth = inner.matches("[]").count() + inner.matches("map[").count();
    if depth > MAX_NESTING {
        return Err(format!(
            "`{}` nests {depth} arrays and maps; at most {MAX_NESTING} are supported",
            shorten(text)
        ));
    }
    let ty = parse_plain(&inner).ok_or_else(|| format!("`{}` is not a Go type", shorten(text)))?;
    Ok(CellType::Value(ty))
}

/// The type inside `optional.X`: `Interface of T` is `T`; the scalar wrappers name
/// their Go type with a capital (`String`, `Int32`, `Time`).
fn optional_inner(rest: &str) -> String {
    if let Some(of) = rest.strip_prefix("Interface of ") {
        return of.trim().to_owned();
    }
    match rest {
        "String" => "string",
        "Int32" => "int32",
        "Int64" => "int64",
        "Float32" => "float32",
        "Float64" => "float64",
        "Bool" => "bool",
        "Time" => "time.Time",
        "Interface" | "Interface{}" => "interface{}",
        // openapi-generator 4 capitalises the first letter of any primitive type.
        other => match other.strip_prefix("Map[") {
            Some(rest) => return format!("map[{rest}"),
            None => other,
        },
    }
    .to_owned()
}

/// Deeper types are refused: no API means them, and the Rust compiler's type
/// recursion limit would refuse the generated code.
const MAX_NESTING: usize = 16;

/// The first 60 characters of `text`, for messages.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// A Go type without wrappers. Pointers (`*Model`, swagger-codegen's model docs write
/// every model-typed field as one) are the type they point at; openapi-generator 5's
/// `NullableString`, `NullableTime`... are their scalar (a field that can be null is
/// optional in the model). `NullableModel` is left to [`crate::infer`], which knows
/// the models.
fn parse_plain(text: &str) -> Option<TypeRef> {
    // Every pointer at once: a cell of a million stars must not recurse a million times.
    let pointee = text
        .trim()
        .trim_start_matches(|c: char| c == '*' || c.is_whitespace());
    let text = match pointee {
        "os.File" => return Some(TypeRef::Binary),
        pointee => pointee,
    };
    if let Some(scalar) = text.strip_prefix("Nullable").and_then(nullable_scalar) {
        return Some(scalar);
    }
    if let Some(item) = text.strip_prefix("[]") {
        return parse_plain(item).map(|t| TypeRef::Array(Box::new(t)));
    }
    if let Some(value) = text.strip_prefix("map[string]") {
        return parse_plain(value).map(|t| TypeRef::Map(Box::new(t)));
    }
    Some(match text {
        "string" => TypeRef::String,
        "int32" | "int" => TypeRef::Int32,
        "int64" => TypeRef::Int64,
        "float32" => TypeRef::Float,
        "float64" => TypeRef::Double,
        "bool" => TypeRef::Bool,
        "time.Time" => TypeRef::DateTime,
        "*os.File" | "os.File" => TypeRef::Binary,
        "interface{}" => TypeRef::Any,
        name if is_identifier(name) => TypeRef::Named(name.to_owned()),
        _ => return None,
    })
}

/// Whether `Nullable{go_name}` is one of openapi-generator's scalar wrappers.
pub fn is_nullable_scalar(go_name: &str) -> bool {
    nullable_scalar(go_name).is_some()
}

/// The scalar of openapi-generator's `Nullable<Type>` wrappers.
fn nullable_scalar(go_name: &str) -> Option<TypeRef> {
    Some(match go_name {
        "String" => TypeRef::String,
        "Int" | "Int32" => TypeRef::Int32,
        "Int64" => TypeRef::Int64,
        "Float32" => TypeRef::Float,
        "Float64" => TypeRef::Double,
        "Bool" => TypeRef::Bool,
        "Time" => TypeRef::DateTime,
        _ => return None,
    })
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::Add;

    fn value(text: &str) -> (String, bool) {
        match parse_go_type(text).unwrap() {
            CellType::Value(ty) => (ty.to_string(), text.starts_with("optional.")),
            other => panic!("{text}: {other:?}"),
        }
    }

    fn cell(markdown: &str) -> String {
        match parse_type_cell(markdown) {
            Ok(CellType::Value(ty)) => ty.to_string(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn malformed_cells_from_real_docs() {
        assert_eq!(cell("***os.File*****os.File**"), "binary");
        assert_eq!(
            cell("**optional.Interface of *os.File****optional.*os.File**"),
            "binary"
        );
        assert_eq!(cell("[**string**](.md)"), "string");
        assert_eq!(cell("[**[][]int32**]([]int32.md)"), "array<array<int32>>");
        assert_eq!(
            cell("[**optional.Interface of []string**](string.md)"),
            "array<string>"
        );
        assert_eq!(cell("Pointer to [**Category**](Category.md)"), "Category");
        assert_eq!(cell("Pointer to **int64**"), "int64");
        assert_eq!(cell("string"), "string");
        assert_eq!(parse_type_cell("**optional.**"), Ok(CellType::Unnamed));
        assert_eq!(
            parse_type_cell("***GetAllInterventionsOpts**"),
            Ok(CellType::OptionsStruct)
        );
        let err = parse_type_cell("**two words**").unwrap_err();
        assert!(err.contains("`two words`"), "{err}");
    }

    #[test]
    fn reads_plain_and_wrapped_types() {
        assert_eq!(value("string"), ("string".into(), false));
        assert_eq!(value("optional.String"), ("string".into(), true));
        assert_eq!(value("optional.Int32"), ("int32".into(), true));
        assert_eq!(value("optional.Bool"), ("bool".into(), true));
        assert_eq!(
            value("optional.Interface of []string"),
            ("array<string>".into(), true)
        );
        assert_eq!(value("[]string"), ("array<string>".into(), false));
        assert_eq!(value("time.Time"), ("date-time".into(), false));
        assert_eq!(
            value("[]Intervention"),
            ("array<Intervention>".into(), false)
        );
        assert_eq!(value("[][]int32"), ("array<array<int32>>".into(), false));
        assert_eq!(value("map[string]string"), ("map<string>".into(), false));
    }

    #[test]
    fn pointers_are_the_type_they_point_at() {
        assert_eq!(cell("[***Category**](Category.md)"), "Category");
        assert_eq!(cell("***Category**"), "Category");
        assert_eq!(cell("[**[]*Tag**](Tag.md)"), "array<Tag>");
        assert_eq!(cell("**map[string]*Tag**"), "map<Tag>");
        assert_eq!(cell("***string**"), "string");
        assert_eq!(cell("***os.File**"), "binary");
        assert_eq!(value("**int64").0, "int64");
        // Stars apart, so that a cell's `**` splitting leaves them all: no recursion.
        let stars = format!("{}string", "* ".repeat(500_000));
        assert_eq!(value(&stars).0, "string");
    }

    #[test]
    fn nullable_wrappers_are_their_scalar() {
        assert_eq!(cell("**NullableString**"), "string");
        assert_eq!(
            cell("Pointer to [**NullableTime**](time.Time.md)"),
            "date-time"
        );
        assert_eq!(cell("**NullableInt32**"), "int32");
        assert_eq!(cell("**NullableFloat64**"), "double");
        assert_eq!(cell("[**[]NullableInt64**](.md)"), "array<int64>");
        // A nullable model is resolved against the documented models later.
        assert_eq!(
            cell("[**NullableCategory**](Category.md)"),
            "NullableCategory"
        );
    }

    #[test]
    fn map_of_interface_is_any_json_object() {
        assert_eq!(value("map[string]interface{}"), ("map<any>".into(), false));
    }

    #[test]
    fn capitalised_optionals_and_interfaces() {
        assert_eq!(value("optional.Map[string]interface{}").0, "map<any>");
        assert_eq!(value("optional.Interface{}").0, "any");
        assert_eq!(value("interface { GetKind() string }").0, "any");
        assert_eq!(cell("**interface {  }**"), "any");
    }

    #[test]
    fn recognises_go_plumbing() {
        assert_eq!(parse_go_type("context.Context"), Ok(CellType::Context));
        assert_eq!(
            parse_go_type("*GetAllInterventionsOpts"),
            Ok(CellType::OptionsStruct)
        );
    }

    #[test]
    fn deep_nesting_is_refused_with_a_short_message() {
        assert_eq!(
            value(&"[]".repeat(16).add("int32"))
                .0
                .matches("array<")
                .count(),
            16
        );
        let err = parse_go_type(&"[]".repeat(1000).add("int32")).unwrap_err();
        assert!(err.contains("nests 1000 arrays"), "{err}");
        assert!(err.len() < 200, "{err}");
    }

    #[test]
    fn rejects_what_is_not_a_type() {
        assert!(parse_go_type("optional.Nope Nope").is_err());
        assert!(parse_go_type("two words").is_err());
        assert!(parse_go_type("").is_err());
    }
}
