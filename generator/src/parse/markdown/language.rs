//! Which SDK language a doc page was printed for, told from the page's own text.
//!
//! openapi-generator and swagger-codegen print the same grammar for every client
//! language (a method table, one section per operation, `Name | Type | Description |
//! Notes` tables); what differs is each language's type names, signatures and
//! titles. Nothing declares the language, and one folder may mix generators, so each
//! page is judged alone, from the strongest evidence it holds: the language of its
//! example code fences, then the types its tables print, then its title.

use crate::parse::blocks::Block;

/// The client language a page documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    /// Go (openapi-generator `go`, swagger-codegen `go`): `[]string`, `*os.File`.
    Go,
    /// Python: `str`, `List[str]`, `bytearray`.
    Python,
    /// TypeScript (`typescript`, `typescript-axios`, `typescript-fetch`):
    /// `number`, `Array<string>`.
    TypeScript,
    /// JavaScript (ES5 and ES6): `Number`, `[String]`, `{String: Number}`.
    JavaScript,
    /// Java (every library): `Long`, `List<String>`, `OffsetDateTime`.
    Java,
    /// Kotlin: `kotlin.Long`, `kotlin.collections.List<kotlin.String>`.
    Kotlin,
    /// C# (`csharp`, `csharp-netcore`, generic host): `long`, `List<string>`,
    /// `System.IO.Stream`.
    CSharp,
    /// PHP: `int`, `string[]`, `\SplFileObject`, `\Vendor\Model\Pet`.
    Php,
    /// Ruby: `Integer`, `Array<String>`, `Hash<String, Integer>`, `Time`.
    Ruby,
    /// Dart (`dart`, `dart2`, `dart-dio`): `int`, `BuiltList<String>`, `MultipartFile`.
    Dart,
    /// Swift: `Int64`, `[String]`, `[String: Int]`, `URL`.
    Swift,
    /// Rust (`rust`): `i64`, `Vec<String>`, `Option<String>`, `models::Pet`.
    Rust,
    /// R: `character`, `integer`, `array[character]`, `list( ... )`.
    R,
    /// PowerShell: `Int64`, `String[]`, `System.IO.FileInfo`, `PSCustomObject`.
    PowerShell,
}

impl Language {
    /// Every language, for listings.
    pub const ALL: [Language; 14] = [
        Language::Go,
        Language::Python,
        Language::TypeScript,
        Language::JavaScript,
        Language::Java,
        Language::Kotlin,
        Language::CSharp,
        Language::Php,
        Language::Ruby,
        Language::Dart,
        Language::Swift,
        Language::Rust,
        Language::R,
        Language::PowerShell,
    ];

    /// The language's name, as a summary prints it.
    pub fn name(self) -> &'static str {
        match self {
            Language::Go => "Go",
            Language::Python => "Python",
            Language::TypeScript => "TypeScript",
            Language::JavaScript => "JavaScript",
            Language::Java => "Java",
            Language::Kotlin => "Kotlin",
            Language::CSharp => "C#",
            Language::Php => "PHP",
            Language::Ruby => "Ruby",
            Language::Dart => "Dart",
            Language::Swift => "Swift",
            Language::Rust => "Rust",
            Language::R => "R",
            Language::PowerShell => "PowerShell",
        }
    }

    /// The language of a code fence's info string (```` ```python ````).
    fn of_fence(info: &str) -> Option<Language> {
        let word = info.split_whitespace().next()?.to_ascii_lowercase();
        Some(match word.as_str() {
            "go" | "golang" => Language::Go,
            "python" | "py" => Language::Python,
            "typescript" | "ts" => Language::TypeScript,
            "javascript" | "js" => Language::JavaScript,
            "java" => Language::Java,
            "kotlin" | "kt" => Language::Kotlin,
            "csharp" | "cs" | "c#" => Language::CSharp,
            "php" => Language::Php,
            "ruby" | "rb" => Language::Ruby,
            "dart" => Language::Dart,
            "swift" => Language::Swift,
            "rust" | "rs" => Language::Rust,
            "r" => Language::R,
            "powershell" | "ps1" | "pwsh" => Language::PowerShell,
            _ => return None,
        })
    }
}

/// The language `text` (a whole page, already split into `blocks`) was printed for.
/// A page that says nothing of it (a model page of plain `String` and `Long`) is in
/// its folder's language, `folder` ([`folder_language`]); Go, the first language
/// apibind read, when the folder says nothing either.
pub fn detect(text: &str, title: &str, blocks: &[Block], folder: Option<Language>) -> Language {
    let tables = table_language(blocks);
    fence_language(text)
        .or(tables.filter(|(_, strong)| *strong).map(|(l, _)| l))
        .or_else(|| title_language(title))
        .or(folder)
        // `List<String>` is Java's, but Dart and C# print it too: Java only when
        // nothing else speaks.
        .or(tables.map(|(l, _)| l))
        .unwrap_or(Language::Go)
}

/// The language most of a folder's `pages` say they are in by their code fences and
/// titles, the evidence a page shows without being parsed.
pub fn folder_language<'a>(pages: impl IntoIterator<Item = &'a str>) -> Option<Language> {
    let mut counts = [0usize; Language::ALL.len()];
    for text in pages {
        let title = text
            .lines()
            .find_map(|line| line.strip_prefix("# "))
            .unwrap_or_default();
        let evidence = fence_language(text)
            .or_else(|| title_language(title))
            .or_else(|| line_table_language(text));
        if let Some(language) = evidence {
            counts[language as usize] += 1;
        }
    }
    let (index, &most) = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))?;
    (most > 0).then(|| Language::ALL[index])
}

/// The language most of the page's code fences name.
fn fence_language(text: &str) -> Option<Language> {
    let mut counts: Vec<(Language, usize)> = Vec::new();
    for line in text.lines() {
        let Some(info) = line.trim_start().strip_prefix("```") else {
            continue;
        };
        if let Some(language) = Language::of_fence(info) {
            match counts.iter_mut().find(|(l, _)| *l == language) {
                Some((_, n)) => *n += 1,
                None => counts.push((language, 1)),
            }
        }
    }
    // Of the most named, the first: the example comes before any other snippet.
    counts
        .iter()
        .enumerate()
        .max_by_key(|(index, (_, n))| (*n, std::cmp::Reverse(*index)))
        .map(|(_, (language, _))| *language)
}

/// The language whose own type names the page's `Name | Type` tables print, and
/// whether the evidence is strong: a type only that language writes (`kotlin.Long`,
/// `[]string`), or Java's `List<String>`, which Dart and C# print too.
fn table_language(blocks: &[Block]) -> Option<(Language, bool)> {
    let types = blocks.iter().flat_map(|b| match b {
        Block::Table { header, rows, .. } if header.get(1).is_some_and(|h| h == "Type") => rows
            .iter()
            .filter_map(|r| r.cells.get(1).cloned())
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    });
    strongest(types.filter_map(|ty| type_language(&ty)))
}

/// The first language that is strong evidence, else the weak one.
fn strongest(languages: impl Iterator<Item = Language>) -> Option<(Language, bool)> {
    let mut weak = None;
    for language in languages {
        if language != Language::Java {
            return Some((language, true));
        }
        weak = Some((language, false));
    }
    weak
}

/// [`table_language`] of a page not yet parsed: the second cell of its lines that
/// look like table rows (`**name** | **type** | ...`).
fn line_table_language(text: &str) -> Option<Language> {
    let types = text.lines().filter_map(|line| {
        let line = line.trim().trim_start_matches('|');
        if !line.trim_start().starts_with("**") {
            return None;
        }
        let cell = line.split('|').nth(1)?;
        let plain = cell
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("**", "");
        let plain = plain.trim();
        let plain = match plain
            .strip_prefix('[')
            .and_then(|rest| rest.split_once("]("))
        {
            Some((text, _)) => text,
            None => plain,
        };
        type_language(plain)
    });
    strongest(types).map(|(language, _)| language)
}

/// The language a type cell's text (`kotlin.Long`, `List[str]`) is written in, when
/// it is one language's own.
fn type_language(ty: &str) -> Option<Language> {
    let ty = ty.trim();
    let has = |needle: &str| ty.contains(needle);
    Some(if has("kotlin.") {
        Language::Kotlin
    } else if has("context.Context")
        || ty.starts_with("[]")
        || ty.starts_with("map[")
        || has("optional.")
        || has("os.File")
        || has("time.Time")
        || ty.starts_with("Pointer to ")
    {
        Language::Go
    } else if has("models::")
        || has("Vec<")
        || has("Option<")
        || matches!(ty, "i32" | "i64" | "f32" | "f64")
    {
        Language::Rust
    } else if has("List[") || has("Dict[") || matches!(ty, "str" | "bytearray" | "datetime") {
        Language::Python
    } else if has("\\SplFileObject")
        || has("\\DateTime")
        || ty.starts_with('\\')
        || has("array<string,")
        || ty == "mixed"
    {
        Language::Php
    } else if has("System.IO.Stream")
        || has("Dictionary<")
        || has("FileParameter")
        || ty.ends_with('?') && ty.chars().next().is_some_and(|c| c.is_ascii_lowercase())
    {
        Language::CSharp
    } else if has("System.IO.FileInfo") || has("PSCustomObject") || has("Hashtable") {
        Language::PowerShell
    } else if has("Built") && has("<")
        || ty == "MultipartFile"
        || ty == "Uint8List"
        || ty == "JsonObject"
    {
        Language::Dart
    } else if has("Hash<") || ty == "Time" {
        Language::Ruby
    } else if matches!(ty, "character" | "numeric" | "data.frame")
        || has("array[")
        || ty.starts_with("list(")
    {
        Language::R
    } else if ty.starts_with('{') && ty.contains(':') && !ty.contains('[') {
        Language::JavaScript
    } else if matches!(ty, "number" | "boolean" | "any")
        || ty.starts_with("[number]")
        || ty.starts_with("[string]")
    {
        Language::TypeScript
    } else if matches!(ty, "OffsetDateTime" | "LocalDate" | "BigDecimal")
        || has("List<")
        || has("Map<String, ")
    {
        Language::Java
    } else if ty.starts_with('[') && ty.contains(": ") {
        Language::Swift
    } else {
        return None;
    })
}

/// The language a title's shape names: `# Org.OpenAPITools.Api.PetApi` (C#),
/// `# Petstore::PetApi` (Ruby), `# OpenAPI\Client\PetApi` (PHP),
/// `# openapi.api.PetApi` (Dart).
fn title_language(title: &str) -> Option<Language> {
    let title = title.trim();
    if title.contains(".Api.") || title.contains(".Model.") {
        Some(Language::CSharp)
    } else if title.contains(".api.") || title.contains(".model.") {
        Some(Language::Dart)
    } else if title.contains("::") {
        // R titles its models `petstore::Pet`, Ruby `Petstore::Pet`.
        match title.chars().next() {
            Some(c) if c.is_ascii_lowercase() => Some(Language::R),
            _ => Some(Language::Ruby),
        }
    } else if title.contains('\\') && !title.starts_with('\\') {
        Some(Language::Php)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::blocks::blocks;

    fn of(page: &str) -> Language {
        let blocks = blocks(page);
        let title = blocks
            .iter()
            .find_map(|b| match b {
                Block::Heading { level: 1, text, .. } => Some(text.clone()),
                _ => None,
            })
            .unwrap_or_default();
        detect(page, &title, &blocks, None)
    }

    #[test]
    fn code_fences_name_the_language() {
        assert_eq!(
            of("# x.PetApi\n\n```python\nimport x\n```\n"),
            Language::Python
        );
        assert_eq!(of("# PetApi\n\n```ts\nx\n```\n"), Language::TypeScript);
        assert_eq!(of("# PetApi\n\n```R\nx\n```\n"), Language::R);
        assert_eq!(
            of("# PetApi\n\n```csharp\nx\n```\n```csharp\ny\n```\n"),
            Language::CSharp
        );
        // An unknown fence says nothing.
        assert_eq!(of("# \\PetApi\n\n```text\nx\n```\n"), Language::Go);
        // The most named wins; of those, the first.
        let fences = "# P\n\n```python\n```\n```go\n```\n```java\n```\n```java\n```\n```go\n```\n";
        assert_eq!(of(fences), Language::Go);
    }

    #[test]
    fn type_cells_name_the_language_without_fences() {
        let table = |ty: &str| {
            format!("# Pet\n\n## Properties\n\nName | Type | Description | Notes\n---- | ---- | ---- | ----\n**id** | **{ty}** |  | [optional]\n")
        };
        assert_eq!(of(&table("kotlin.Long")), Language::Kotlin);
        assert_eq!(of(&table("[]string")), Language::Go);
        assert_eq!(of(&table("List[str]")), Language::Python);
        assert_eq!(of(&table("\\SplFileObject")), Language::Php);
        assert_eq!(of(&table("System.IO.Stream")), Language::CSharp);
        assert_eq!(of(&table("BuiltList&lt;String&gt;")), Language::Dart);
        assert_eq!(of(&table("Hash&lt;String, Integer&gt;")), Language::Ruby);
        assert_eq!(of(&table("array[character]")), Language::R);
        assert_eq!(of(&table("Vec<String>")), Language::Rust);
        assert_eq!(of(&table("PSCustomObject")), Language::PowerShell);
        assert_eq!(of(&table("OffsetDateTime")), Language::Java);
        // `List<String>` with a title of another language's: that language.
        let dart = table("List&lt;String&gt;").replace("# Pet", "# openapi.model.Pet");
        assert_eq!(of(&dart), Language::Dart);
        assert_eq!(of(&table("int32")), Language::Go, "nothing else says");
    }

    #[test]
    fn a_page_without_evidence_is_in_its_folders_language() {
        let plain = "# Pet\n\n## Properties\n\nName | Type | Description | Notes\n---- | ---- | ---- | ----\n**id** | **Long** |  | [optional]\n";
        let blocks = blocks(plain);
        assert_eq!(
            detect(plain, "Pet", &blocks, Some(Language::Java)),
            Language::Java
        );
        assert_eq!(detect(plain, "Pet", &blocks, None), Language::Go);
        let api = "# PetApi\n\n```java\nx\n```\n";
        let go = "# \\PetApi\n\n```go\nx\n```\n";
        assert_eq!(folder_language([api, api, go, plain]), Some(Language::Java));
        assert_eq!(folder_language([plain]), None);
        // Types say it where nothing else does (Rust prints no fences).
        let rust = "# Note\n\n## Properties\n\nName | Type | Description | Notes\n---- | ---- | ---- | ----\n**tags** | Option<**Vec<String>**> |  | [optional]\n";
        assert_eq!(folder_language([rust, plain]), Some(Language::Rust));
    }

    #[test]
    fn titles_name_the_language_last() {
        assert_eq!(of("# Org.OpenAPITools.Model.Pet\n"), Language::CSharp);
        assert_eq!(of("# Petstore::Pet\n"), Language::Ruby);
        assert_eq!(of("# petstore::Pet\n"), Language::R);
        assert_eq!(of("# OpenAPI\\Client\\PetApi\n"), Language::Php);
        assert_eq!(of("# openapi.model.Pet\n"), Language::Dart);
        assert_eq!(of("# \\PetApi\n"), Language::Go);
    }
}
