//! The types that the docs of every SDK language but Go write in their type cells
//! (`**str**`, `[**List[Pet]**](Pet.md)`, `**Array&lt;String&gt;**`,
//! `**\SplFileObject**`, `Option<**String**>`...), read into [`TypeRef`]s. Go's
//! own are [`crate::parse::go_type`]'s.
//!
//! The container syntaxes of all languages are read alike, since no two languages
//! mean different things by one of them, except `[T]`: an array in JavaScript and
//! Swift, TypeScript's way of printing a plain `T`. Scalar names are read with the
//! language's widths where it has them (`int` is 32 bits in C# and Java, a Python or
//! PHP `int` is any integer, read as 64 bits so that every value decodes).

use crate::model::TypeRef;
use crate::parse::blocks::inline_text;
use crate::parse::markdown::Language;

/// Containers nested deeper than this are refused, as Go's are.
const MAX_NESTING: usize = 16;

/// Reads a type cell of a `language` page from its markdown source.
pub fn parse_type_cell(markdown: &str, language: Language) -> Result<TypeRef, String> {
    let markdown = undoubled(markdown.trim());
    // TypeScript-fetch lists an inline enum's values in backticks: `` `a`, `b` ``.
    if markdown.starts_with('`') && markdown.contains("`, `") {
        return Ok(TypeRef::String);
    }
    // Java and Kotlin link an inline enum to its table on the same page
    // (`[**StatusEnum**](#StatusEnum)`, `[**List<ArrayEnumEnum>**](#List...)`,
    // `[**inline**](#Status)`): the enum's values are strings.
    let inline_enum = markdown.contains("](#");
    let text = inline_text(markdown).replace('`', "");
    let text = text.trim();
    if text.is_empty() {
        return Err("an empty type cell names no type".to_owned());
    }
    parse_type(text, language, 0)
        .map(|ty| match inline_enum {
            true => named_as_strings(ty),
            false => ty,
        })
        .ok_or_else(|| format!("`{}` is not a {} type", shorten(text), language.name()))
}

/// `ty` with every model name in it read as a string (an inline enum's).
fn named_as_strings(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Named(_) => TypeRef::String,
        TypeRef::Array(item) => TypeRef::Array(Box::new(named_as_strings(*item))),
        TypeRef::Map(value) => TypeRef::Map(Box::new(named_as_strings(*value))),
        other => other,
    }
}

/// `**X****X**` (PHP's, C#'s and PowerShell's templates print a file's type twice)
/// → `**X**`.
fn undoubled(markdown: &str) -> &str {
    if let Some((first, second)) = markdown.split_once("****") {
        let first_span = first.trim_start_matches("**");
        if second.trim_end_matches("**") == first_span && first.starts_with("**") {
            return &markdown[..first.len() + 2];
        }
    }
    markdown
}

/// Reads one type given as plain text.
fn parse_type(text: &str, language: Language, depth: usize) -> Option<TypeRef> {
    if depth > MAX_NESTING {
        return None;
    }
    let text = text.trim();
    let inner = |t: &str| parse_type(t, language, depth + 1);
    let array = |t: &str| inner(t).map(|ty| TypeRef::Array(Box::new(ty)));
    let map = |t: &str| inner(t).map(|ty| TypeRef::Map(Box::new(ty)));

    // Nullable and optional wrappers are the type they wrap: the place (an optional
    // parameter, a field that may be absent) says whether a value must be given.
    if let Some(rest) = text.strip_suffix('?') {
        return inner(rest);
    }
    for suffix in [" | null", " | undefined", " or null"] {
        if let Some(rest) = text.strip_suffix(suffix) {
            return inner(rest);
        }
    }
    if let Some(ty) = whole_name(text, language) {
        return Some(ty);
    }
    // Literal unions (TypeScript's inline enums: `'a' | 'b'`) are strings.
    if text.starts_with('\'') || text.starts_with('"') {
        return Some(TypeRef::String);
    }
    // R prints an inline enum as `Enum [a, b, c]`.
    if text.starts_with("Enum [") {
        return Some(TypeRef::String);
    }
    if let Some(item) = text.strip_suffix("[]") {
        return array(item);
    }
    let generics = generic(text, '<', '>').or_else(|| generic(text, '[', ']'));
    if let Some(shape) = generics
        .as_ref()
        .and_then(|(name, args)| container(name, args))
    {
        return match shape {
            Shape::Same(t) => inner(t),
            Shape::Array(t) => array(t),
            Shape::Map(t) => map(t),
            Shape::Json => Some(TypeRef::Any),
        };
    }
    // R: `list( T )` and `named list( T )`, `map(T)`.
    if let Some((name, args)) = generic(text, '(', ')') {
        return match name.trim() {
            "list" | "array" | "set" => array(args.first()?),
            "named list" | "map" => map(args.first()?),
            _ => None,
        };
    }
    // `[T]` (JavaScript, Swift), `[K: V]` (Swift); TypeScript brackets its scalars.
    if let Some(body) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        if let Some((_, Some(value))) = split_top(body, ':') {
            return map(&value);
        }
        return match language {
            Language::TypeScript => inner(body),
            _ => array(body),
        };
    }
    // `{String: T}` (JavaScript), `{ [key: string]: T; }` (TypeScript).
    if let Some(body) = text.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
        let body = body.trim().trim_end_matches(';').trim();
        let value = match body.strip_prefix('[') {
            Some(rest) => rest.split_once("]:").map(|(_, v)| v.to_owned()),
            None => split_top(body, ':').and_then(|(_, v)| v),
        };
        return match value {
            Some(value) => map(&value),
            None if body.is_empty() => Some(TypeRef::Map(Box::new(TypeRef::Any))),
            None => None,
        };
    }
    scalar(text, language).or_else(|| named(text))
}

/// What a generic container is.
enum Shape<'a> {
    /// A wrapper of its argument (`Option<T>`, `Promise<T>`).
    Same(&'a str),
    /// A list of its argument.
    Array(&'a str),
    /// A map of string keys to its (last) argument.
    Map(&'a str),
    /// Any JSON value (a tuple).
    Json,
}

/// The container `name<args>` (or `name[args]`) is, by its last name segment.
fn container<'a>(name: &str, args: &'a [String]) -> Option<Shape<'a>> {
    let base = last_segment(name.trim());
    let first = args.first()?.as_str();
    let last = args.last()?.as_str();
    Some(match base {
        "Option" | "Optional" | "Nullable" | "Promise" | "CompletableFuture" | "Box"
        | "Observable" | "EventLoopFuture" | "Mono" | "Future" => Shape::Same(first),
        "List" | "Array" | "Set" | "Collection" | "IList" | "ICollection" | "IEnumerable"
        | "IReadOnlyList" | "Vec" | "BuiltList" | "BuiltSet" | "MutableList" | "MutableSet"
        | "Seq" | "Iterable" | "HashSet" | "LinkedHashSet" | "Sequence" | "ArrayList"
        | "ReadonlyArray" => Shape::Array(first),
        // PHP writes `array<string,T>` for maps and `array` alone for lists; R
        // `array[T]` for lists.
        "array" if args.len() == 1 => Shape::Array(first),
        "Map"
        | "Dictionary"
        | "IDictionary"
        | "Hash"
        | "HashMap"
        | "BTreeMap"
        | "BuiltMap"
        | "MutableMap"
        | "Record"
        | "Dict"
        | "IReadOnlyDictionary"
        | "array"
        | "map"
        | "LinkedHashMap"
        | "TreeMap"
        | "SortedMap"
        | "Mapping" => Shape::Map(last),
        "Tuple" | "tuple" => Shape::Json,
        // A list in R and Python alike.
        "list" => Shape::Array(first),
        _ => return None,
    })
}

/// `name<a, b>` → (`name`, [`a`, `b`]), the brackets matched at the end of `text`.
fn generic(text: &str, open: char, close: char) -> Option<(&str, Vec<String>)> {
    let body = text.strip_suffix(close)?;
    let start = matching_open(body, open, close)?;
    let name = &body[..start];
    if name.trim().is_empty() {
        return None;
    }
    let args = split_all(&body[start + open.len_utf8()..]);
    (!args.is_empty()).then_some((name, args))
}

/// The byte index of the `open` that the `close` ending `text + close` matches.
fn matching_open(text: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices().rev() {
        if c == close {
            depth += 1;
        } else if c == open {
            if depth == 0 {
                return Some(i);
            }
            depth -= 1;
        }
    }
    None
}

/// The arguments of a container, split on top-level commas.
fn split_all(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '<' | '[' | '(' | '{' => depth += 1,
            '>' | ']' | ')' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(current.trim().to_owned());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        parts.push(current.trim().to_owned());
    }
    parts
}

/// `K: V` split on its first top-level `separator`: (K, Some(V)), or (text, None).
fn split_top(text: &str, separator: char) -> Option<(String, Option<String>)> {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '<' | '[' | '(' | '{' => depth += 1,
            '>' | ']' | ')' | '}' => depth -= 1,
            c if c == separator && depth == 0 => {
                return Some((
                    text[..i].trim().to_owned(),
                    Some(text[i + c.len_utf8()..].trim().to_owned()),
                ));
            }
            _ => {}
        }
    }
    Some((text.trim().to_owned(), None))
}

/// The last segment of a qualified name: `kotlin.collections.List` → `List`,
/// `\Vendor\Model\Pet` → `Pet`, `models::Pet` → `Pet`.
fn last_segment(name: &str) -> &str {
    let name = name.rsplit("::").next().unwrap_or(name);
    let name = name.rsplit('\\').next().unwrap_or(name);
    name.rsplit('.').next().unwrap_or(name)
}

/// A type by its whole (qualified) name: files, dates, the scalars whose last name
/// segment could also name a model (`System.IO.Stream`), and `byte[]`.
fn whole_name(text: &str, language: Language) -> Option<TypeRef> {
    use Language::*;
    Some(match text {
        "System.IO.Stream" | "System.IO.FileInfo" | "java.io.File" | "std::path::PathBuf"
        | "data.frame" | "FileParameter" | "SplFileObject" | "\\SplFileObject"
        | "MultipartFile" | "Uint8List" | "bytearray" | "bytes" | "byte[]" | "ByteArray"
        | "kotlin.ByteArray" | "RequestFile" | "HttpFile" | "Vec<u8>" => TypeRef::Binary,
        // Elsewhere (Python) `File` may be a model's name.
        "File" if matches!(language, Java | JavaScript | TypeScript | Ruby | Kotlin) => {
            TypeRef::Binary
        }
        // Names other languages' models may have: each language's own only.
        "Data" | "URL" if language == Swift => TypeRef::Binary,
        "Blob" | "Buffer" if matches!(language, TypeScript | JavaScript) => TypeRef::Binary,
        "serde_json::Value" => TypeRef::Any,
        // C#'s, PHP's and PowerShell's date-time types name dates too, as old Java's
        // `Date` does: text, which every value of either is.
        "System.DateTime" | "\\DateTime" | "DateTime" | "java.util.Date"
            if matches!(language, CSharp | Php | PowerShell | Java) =>
        {
            TypeRef::String
        }
        "java.time.OffsetDateTime"
        | "OffsetDateTime"
        | "DateTime"
        | "datetime"
        | "Instant"
        | "java.time.Instant"
        | "kotlinx.datetime.Instant"
        | "ZonedDateTime"
        | "LocalDateTime"
        | "DateTimeOffset"
        | "chrono::DateTime<chrono::Utc>" => TypeRef::DateTime,
        "java.time.LocalDate" | "LocalDate" | "DateOnly" | "date" => TypeRef::Date,
        "System.Collections.Hashtable" | "SystemCollectionsHashtable" | "Hashtable" => {
            TypeRef::Map(Box::new(TypeRef::Any))
        }
        _ => return None,
    })
}

/// A scalar's type by its (last segment's) name, with `language`'s widths.
fn scalar(text: &str, language: Language) -> Option<TypeRef> {
    use Language::*;
    if let Some(ty) = whole_name(text, language) {
        return Some(ty);
    }
    Some(match last_segment(text) {
        "str" | "string" | "String" | "character" | "UUID" | "Uuid" | "uuid" | "Guid" | "URI"
        | "Uri" | "char" | "Character" | "Email" => TypeRef::String,
        "bool" | "boolean" | "Boolean" | "Bool" | "logical" => TypeRef::Bool,
        "int32" | "Int32" | "i32" => TypeRef::Int32,
        // Swift's `Int` is 64 bits.
        "Int" if language != Swift => TypeRef::Int32,
        "int" | "Integer" if matches!(language, Java | Kotlin | CSharp) => TypeRef::Int32,
        "short" | "Short" | "ushort" | "byte" | "Byte" | "sbyte" | "i16" | "i8" | "u16" | "u8" => {
            TypeRef::Int32
        }
        "int" | "Int" | "Integer" | "integer" | "int64" | "Int64" | "i64" | "u64" | "u32"
        | "uint" | "UInt32" | "long" | "Long" | "BigInteger" | "bigint" | "UInt64" | "ulong" => {
            TypeRef::Int64
        }
        "float" | "Float" | "f32" | "Float32"
            if matches!(language, Java | Kotlin | CSharp | Swift | Rust) =>
        {
            TypeRef::Float
        }
        "float" | "Float" | "f32" | "Float32" | "double" | "Double" | "f64" | "Float64"
        | "number" | "Number" | "num" | "numeric" | "decimal" | "Decimal" | "BigDecimal" => {
            TypeRef::Double
        }
        // Ruby's and Dart's `Date` is a calendar date, Ruby's `Time` an instant;
        // Swift, TypeScript, JavaScript and old Java print `Date` for both, so it is
        // read as text, which every value of either is.
        "Date" if matches!(language, Ruby | Dart) => TypeRef::Date,
        "Date" if matches!(language, Swift | TypeScript | JavaScript | Java) => TypeRef::String,
        "Date" | "Time" | "Timestamp" => TypeRef::DateTime,
        "object" | "Object" | "any" | "Any" | "mixed" | "AnyType" | "JsonObject"
        | "PSCustomObject" | "unknown" | "dynamic" => TypeRef::Any,
        _ => return None,
    })
}

/// A model's name: the last segment of a qualified name (`\Vendor\Model\Pet`,
/// `models::Pet`, `Org.OpenAPITools.Model.Pet`).
fn named(text: &str) -> Option<TypeRef> {
    let name = last_segment(text.trim_start_matches("r#"));
    let mut chars = name.chars();
    let valid = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    valid.then(|| TypeRef::Named(name.to_owned()))
}

/// The first 60 characters of `text`, for messages.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Language::*;

    fn ty(cell: &str, language: Language) -> String {
        match parse_type_cell(cell, language) {
            Ok(ty) => ty.to_string(),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn python_types() {
        assert_eq!(ty("**str**", Python), "string");
        assert_eq!(ty("**int**", Python), "int64");
        assert_eq!(ty("**float**", Python), "double");
        assert_eq!(ty("**bytearray**", Python), "binary");
        assert_eq!(ty("**datetime**", Python), "date-time");
        assert_eq!(ty("**date**", Python), "date");
        assert_eq!(ty("[**List[str]**](str.md)", Python), "array<string>");
        assert_eq!(ty("[**Dict[str, int]**](int.md)", Python), "map<int64>");
        assert_eq!(ty("[**List[Pet]**](Pet.md)", Python), "array<Pet>");
        assert_eq!(ty("**object**", Python), "any");
        assert_eq!(ty("[**EnumClass**](.md)", Python), "EnumClass");
    }

    #[test]
    fn java_kotlin_and_csharp_types_keep_their_widths() {
        assert_eq!(ty("**Long**", Java), "int64");
        assert_eq!(ty("**Integer**", Java), "int32");
        assert_eq!(ty("**Float**", Java), "float");
        assert_eq!(
            ty("[**List&lt;String&gt;**](String.md)", Java),
            "array<string>"
        );
        assert_eq!(
            ty("[**Map&lt;String, Object&gt;**](Object.md)", Java),
            "map<any>"
        );
        assert_eq!(ty("**OffsetDateTime**", Java), "date-time");
        assert_eq!(ty("**LocalDate**", Java), "date");
        assert_eq!(ty("**File**", Java), "binary");
        assert_eq!(ty("**byte[]**", Java), "binary");
        assert_eq!(ty("**BigDecimal**", Java), "double");
        assert_eq!(ty("[**StatusEnum**](#StatusEnum)", Java), "string");
        assert_eq!(
            ty(
                "[**List&lt;ArrayEnumEnum&gt;**](#List&lt;ArrayEnumEnum&gt;)",
                Java
            ),
            "array<string>"
        );
        assert_eq!(ty("[**inline**](#Status)", Kotlin), "string");
        assert_eq!(ty("**kotlin.Long**", Kotlin), "int64");
        assert_eq!(ty("**kotlin.Int**", Kotlin), "int32");
        assert_eq!(
            ty(
                "[**kotlin.collections.List&lt;kotlin.String&gt;**](kotlin.String.md)",
                Kotlin
            ),
            "array<string>"
        );
        assert_eq!(ty("**java.io.File**", Kotlin), "binary");
        assert_eq!(ty("**long**", CSharp), "int64");
        assert_eq!(ty("**int**", CSharp), "int32");
        assert_eq!(ty("**string?**", CSharp), "string");
        assert_eq!(
            ty("**System.IO.Stream****System.IO.Stream**", CSharp),
            "binary"
        );
        assert_eq!(
            ty("[**Dictionary&lt;string, string&gt;**](string.md)", CSharp),
            "map<string>"
        );
        assert_eq!(
            ty("[**OuterComposite?**](OuterComposite?.md)", CSharp),
            "OuterComposite"
        );
        assert_eq!(ty("**decimal**", CSharp), "double");
        assert_eq!(ty("**Guid**", CSharp), "string");
        assert_eq!(ty("**uint**", CSharp), "int64");
        assert_eq!(ty("**ulong**", CSharp), "int64");
        assert_eq!(ty("**DateTime**", CSharp), "string", "a date or an instant");
        assert_eq!(ty("[**File**](File.md)", Python), "File", "a model");
    }

    #[test]
    fn php_ruby_and_dart_types() {
        assert_eq!(ty("**int**", Php), "int64");
        assert_eq!(ty("**string[]**", Php), "array<string>");
        assert_eq!(ty("**\\SplFileObject****\\SplFileObject**", Php), "binary");
        assert_eq!(ty("**\\DateTime**", Php), "string", "a date or an instant");
        assert_eq!(
            ty("[**\\OpenAPI\\Client\\Model\\Pet**](../Model/Pet.md)", Php),
            "Pet"
        );
        assert_eq!(
            ty(
                "[**\\OpenAPI\\Client\\Model\\Tag[]**](../Model/\\OpenAPI\\Client\\Model\\Tag.md)",
                Php
            ),
            "array<Tag>"
        );
        assert_eq!(
            ty("[**array<string,mixed>**](../Model/mixed.md)", Php),
            "map<any>"
        );
        assert_eq!(ty("**Integer**", Ruby), "int64");
        assert_eq!(ty("**Time**", Ruby), "date-time");
        assert_eq!(ty("**Date**", Ruby), "date");
        assert_eq!(
            ty("[**Hash&lt;String, Integer&gt;**](Integer.md)", Ruby),
            "map<int64>"
        );
        assert_eq!(ty("[**Array&lt;Pet&gt;**](Pet.md)", Ruby), "array<Pet>");
        assert_eq!(
            ty("[**BuiltList&lt;String&gt;**](String.md)", Dart),
            "array<string>"
        );
        assert_eq!(ty("**BuiltMap&lt;String, int&gt;**", Dart), "map<int64>");
        assert_eq!(ty("**MultipartFile**", Dart), "binary");
        assert_eq!(ty("**JsonObject**", Dart), "any");
    }

    #[test]
    fn javascript_typescript_and_swift_types() {
        assert_eq!(ty("**Number**", JavaScript), "double");
        assert_eq!(ty("[**[String]**](String.md)", JavaScript), "array<string>");
        assert_eq!(
            ty("[**{String: Number}**](Number.md)", JavaScript),
            "map<double>"
        );
        assert_eq!(ty("[**number**]", TypeScript), "double");
        assert_eq!(ty("**Array&lt;string&gt;**", TypeScript), "array<string>");
        assert_eq!(
            ty(
                "**Array<&#39;available&#39; &#124; &#39;pending&#39;>**",
                TypeScript
            ),
            "array<string>"
        );
        assert_eq!(ty("`number`", TypeScript), "double");
        assert_eq!(ty("`available`, `pending`, `sold`", TypeScript), "string");
        assert_eq!(ty("[Pet](Pet.md)", TypeScript), "Pet");
        assert_eq!(
            ty("**{ [key: string]: number; }**", TypeScript),
            "map<double>"
        );
        assert_eq!(ty("**Int64**", Swift), "int64");
        assert_eq!(ty("**Int**", Swift), "int64");
        assert_eq!(ty("[**[String]**](String.md)", Swift), "array<string>");
        assert_eq!(ty("[**[String: Int]**](Int.md)", Swift), "map<int64>");
        assert_eq!(ty("[Tag]", Swift), "array<Tag>");
        assert_eq!(ty("**URL**", Swift), "binary");
        assert_eq!(ty("**Date**", Swift), "string", "a date or an instant");
        assert_eq!(ty("**Int32**", Swift), "int32");
    }

    #[test]
    fn rust_r_and_powershell_types() {
        assert_eq!(ty("**i64**", Rust), "int64");
        assert_eq!(ty("Option<**String**>", Rust), "string");
        assert_eq!(ty("Option<[**models::Pet**](Pet.md)>", Rust), "Pet");
        assert_eq!(ty("[**Vec<String>**](String.md)", Rust), "array<string>");
        assert_eq!(ty("**std::path::PathBuf**", Rust), "binary");
        assert_eq!(ty("**character**", R), "string");
        assert_eq!(ty("**integer**", R), "int64");
        assert_eq!(ty("**array[character]**", R), "array<string>");
        assert_eq!(ty("list( **character** )", R), "array<string>");
        assert_eq!(ty("list( [**User**](User.md) )", R), "array<User>");
        assert_eq!(ty("named list( **integer** )", R), "map<int64>");
        assert_eq!(ty("Enum [available, pending, sold]", R), "string");
        assert_eq!(ty("**data.frame**", R), "binary");
        assert_eq!(ty("**Int64**", PowerShell), "int64");
        assert_eq!(ty("[**String[]**](String.md)", PowerShell), "array<string>");
        assert_eq!(
            ty("**System.IO.FileInfo****System.IO.FileInfo**", PowerShell),
            "binary"
        );
        assert_eq!(
            ty("[**System.Collections.Hashtable**](AnyType.md)", PowerShell),
            "map<any>"
        );
        assert_eq!(ty("**PSCustomObject**", PowerShell), "any");
    }

    #[test]
    fn what_is_no_type_is_refused_with_its_text() {
        assert!(ty("**two words**", Python).starts_with("error: `two words` is not a Python type"));
        assert!(ty("", Java).starts_with("error:"));
        let deep = format!("{}String{}", "List<".repeat(40), ">".repeat(40));
        assert!(ty(&deep, Java).starts_with("error:"));
    }
}
