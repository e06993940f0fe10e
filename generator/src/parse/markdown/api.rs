//! API docs: the method table and one section per operation.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostics;
use crate::model::{Method, Provenance, TypeRef};
use crate::parse::blocks::{Block, Row};
use crate::parse::markdown::table::{read_rows, Requiredness, Rows};
use crate::parse::markdown::{
    ApiDoc, Authorization, DocStyle, Language, OperationDoc, Page, ParamDoc, ResponseDoc,
};
use crate::parse::prose;
use crate::parse::type_cell::{read_type_cell, CellType};

/// The API doc in `blocks`, or `None` when it has no method table.
pub fn parse(page: &Page<'_>, diagnostics: &mut Diagnostics) -> Option<ApiDoc> {
    let Page {
        file,
        title,
        title_line,
        blocks,
        language,
    } = *page;
    let at = |line| Provenance::new(file, line);
    let (index, rows) = blocks.iter().enumerate().find_map(|(i, b)| match b {
        Block::Table { header, rows, .. }
            if header.len() >= 2 && header[0] == "Method" && header[1] == "HTTP request" =>
        {
            Some((i, rows))
        }
        _ => None,
    })?;
    let base_url = blocks.iter().find_map(|b| match b {
        Block::Paragraph { text, line } => text
            .strip_prefix("All URIs are relative to ")
            .map(|url| (base_url_of(url), at(*line))),
        _ => None,
    });
    // Java's `native` library lists each operation twice, the second as
    // `addPetWithHttpInfo`, the same request returning status and headers too.
    let listed: Vec<&str> = rows
        .iter()
        .filter_map(|row| row.cells.first().map(|c| operation_name(c)))
        .collect();
    let twins: Vec<&str> = listed
        .iter()
        .copied()
        .filter(|name| {
            name.strip_suffix("WithHttpInfo")
                .is_some_and(|base| listed.contains(&base))
        })
        .collect();
    let rows: Vec<&Row> = rows
        .iter()
        .filter(|row| {
            row.cells
                .first()
                .is_none_or(|c| !twins.contains(&operation_name(c)))
        })
        .collect();
    let entries: Vec<IndexEntry> = rows
        .iter()
        .filter_map(|row| index_entry(file, row, diagnostics))
        .collect();
    // Rows that could not be read were reported, and their sections with them.
    let rejected: Vec<&str> = rows
        .iter()
        .filter_map(|row| row.cells.first().map(|name| operation_name(name)))
        .filter(|name| !entries.iter().any(|e| e.name == *name))
        .collect();

    // Sections start at headings that name an operation: one of the method table, or
    // one followed by its signature (`> Ret Op(ctx, …)`). Other headings, such as a
    // `## Note` line in a description, are prose.
    let starts: Vec<(usize, &str, usize)> = blocks
        .iter()
        .enumerate()
        .skip(index + 1)
        .filter_map(|(i, b)| match b {
            Block::Heading {
                level: 1 | 2,
                text,
                line,
            } => {
                let name = operation_name(text);
                // A row that was rejected still names its section.
                let listed = entries.iter().any(|e| e.name == name)
                    || rows
                        .iter()
                        .any(|r| r.cells.first().is_some_and(|c| operation_name(c) == name));
                let signed = matches!(blocks.get(i + 1), Some(Block::Quote { text, .. })
                    if text.contains(&format!("{name}(")));
                (listed || signed).then_some((i, name, *line))
            }
            _ => None,
        })
        .collect();

    let mut sections: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (n, &(start, name, line)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(blocks.len(), |next| next.0);
        if rejected.contains(&name) || twins.contains(&name) {
            continue;
        }
        if !entries.iter().any(|e| e.name == name) {
            diagnostics
                .leave_out(
                    Some(&at(line)),
                    name,
                    "it has a section but no row in the method table, so its HTTP method and path are unknown",
                )
                .help(format!("add `[**{name}**](#{name}) | **Get** /path | summary` to the method table"));
            continue;
        }
        if let Some((first, _)) = sections.get(name) {
            let first_line = match &blocks[*first] {
                Block::Heading { line, .. } => *line,
                _ => 0,
            };
            diagnostics
                .warning(
                    Some(&at(line)),
                    format!("`{name}` is documented twice in this file: the section at line {first_line} is read"),
                )
                .kind("operation documented twice in one file");
            continue;
        }
        sections.insert(name, (start, end));
    }

    let style = detect_style(blocks);
    let mut operations = Vec::new();
    for entry in &entries {
        match sections.get(entry.name.as_str()) {
            Some(&(start, end)) => operations.push(parse_operation(
                file,
                entry,
                &blocks[start..end],
                (style, language),
                diagnostics,
            )),
            None => {
                diagnostics
                    .leave_out(
                        Some(&at(entry.line)),
                        &entry.name,
                        "the method table lists it but no section documents it",
                    )
                    .help(format!("expected a heading `## {}`", entry.name));
            }
        }
    }
    Some(ApiDoc {
        group: group_name(title),
        style,
        language,
        base_url,
        operations,
        at: at(title_line),
    })
}

/// Tells the doc's generator by its headings: swagger-codegen writes operations as
/// `# **Op**`, openapi-generator 5+ writes `### Path Parameters` / `### Other
/// Parameters` and builder-style signatures.
pub fn detect_style(blocks: &[Block]) -> DocStyle {
    // The title is the first level-1 heading; any other one is an operation.
    let h1_operations = blocks
        .iter()
        .filter(|b| matches!(b, Block::Heading { level: 1, .. }))
        .count()
        .saturating_sub(1);
    let builder_sections = blocks.iter().any(|b| match b {
        Block::Heading { level: 3, text, .. } => {
            text == "Path Parameters" || text == "Other Parameters"
        }
        Block::Quote { text, .. } => text.contains(".Execute()"),
        _ => false,
    });
    match (builder_sections, h1_operations) {
        (true, _) => DocStyle::OpenApiGenerator5,
        (false, 0) => DocStyle::OpenApiGenerator4,
        (false, _) => DocStyle::SwaggerCodegen,
    }
}

/// Whether `text`, a code block under an operation's heading, is its signature:
/// `addPet($pet)`, `findPetsByStatus($status): \Vendor\Model\Pet[]` (PHP),
/// `open class func addPet(body: Pet, ...)` (Swift).
fn is_signature(text: &str, name: &str) -> bool {
    let first = text.lines().next().unwrap_or_default().trim();
    first.starts_with(&format!("{name}("))
        || first.starts_with("open class func ")
        || first.starts_with("internal class func ")
}

/// The `###` subsections the templates print in an operation's section.
const SUBSECTIONS: [&str; 13] = [
    "Required Parameters",
    "Optional Parameters",
    "Path Parameters",
    "Other Parameters",
    "Parameters",
    "Return type",
    "Authorization",
    "HTTP request headers",
    "HTTP reuqest headers",
    "Example",
    "HTTP response details",
    // PHP's operation servers, and Ruby's plural examples.
    "URI(s):",
    "Examples",
];

/// One row of the method table.
struct IndexEntry {
    name: String,
    method: Method,
    path: String,
    summary: Option<String>,
    line: usize,
}

/// An operation's name as a method table cell or a section heading writes it:
/// `**addPet**`, `` `addPet()` `` (PHP), `addPet()`.
fn operation_name(text: &str) -> &str {
    let name = text.trim().trim_matches(['*', '`']).trim();
    name.strip_suffix("()").unwrap_or(name).trim()
}

/// The base URL of an `All URIs are relative to` line: `*https://x/v2*`,
/// `https://x/v2.` (PHP), `https://x/v2, except if the operation defines another
/// base path.` (PHP since 2022).
fn base_url_of(text: &str) -> String {
    let url = text.trim().trim_matches('*');
    let url = url.split_whitespace().next().unwrap_or_default();
    url.trim_end_matches([',', '.', '*']).to_owned()
}

/// `\InterventionsApi`, `pkg.InterventionsApi`, `InterventionsAPI` → `Interventions`.
fn group_name(title: &str) -> String {
    let name = title.trim();
    // `\XxxApi`, `openapi\XxxApi` (a package prefix), `pkg.XxxApi`.
    let name = name.rsplit('\\').next().unwrap_or(name);
    let name = name.rsplit("::").next().unwrap_or(name);
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
    let name = row
        .cells
        .first()
        .map(|s| operation_name(s))
        .unwrap_or_default();
    let request = row.cells.get(1).map(|s| s.trim()).unwrap_or_default();
    let mut words = request.split_whitespace();
    let subject = match name.is_empty() {
        true => "(unnamed)",
        false => name,
    };
    let (Some(verb), Some(path), None) = (words.next(), words.next(), words.next()) else {
        diagnostics
            .leave_out(
                Some(&at),
                subject,
                format!("`{request}` is not an HTTP request"),
            )
            .help("expected a verb and a path, e.g. `**Get** /items/{id}`");
        return None;
    };
    let method = match verb.parse::<Method>() {
        Ok(method) => method,
        Err(message) => {
            diagnostics.leave_out(Some(&at), subject, message);
            return None;
        }
    };
    if name.is_empty() || !path.starts_with('/') {
        diagnostics.leave_out(
            Some(&at),
            subject,
            format!(
                "method table row `{name} | {request}` needs a name and a path starting with `/`"
            ),
        );
        return None;
    }
    if let Some(anchor) = row.raw.first().and_then(|raw| link_anchor(raw)) {
        // Most languages' templates write anchors in lower case (GitHub's slugs).
        if !anchor.eq_ignore_ascii_case(name) {
            diagnostics.warning(
                Some(&at),
                format!("the link of `{name}` points at `#{anchor}`; the name is taken from the link text"),
            );
        }
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

/// The `#anchor` of a `[text](file.md#anchor)` cell.
fn link_anchor(raw: &str) -> Option<&str> {
    let target = raw.trim().strip_suffix(')')?;
    let target = &target[target.rfind("](")? + 2..];
    Some(target.split_once('#')?.1)
}

/// Reads one operation section; `section[0]` is its heading.
fn parse_operation(
    file: &str,
    entry: &IndexEntry,
    section: &[Block],
    (style, language): (DocStyle, Language),
    diagnostics: &mut Diagnostics,
) -> OperationDoc {
    let heading_line = match &section[0] {
        Block::Heading { line, .. } => *line,
        _ => entry.line,
    };
    let at = Provenance::new(file, heading_line);
    let mut doc = OperationDoc {
        name: entry.name.clone(),
        method: entry.method,
        path: entry.path.clone(),
        summary: entry.summary.clone(),
        description: None,
        description_at: at.clone(),
        params: Vec::new(),
        returns: None,
        content_type: None,
        accept: None,
        authorization: None,
        responses: Vec::new(),
        at,
    };
    // Each paragraph of the description, with its line.
    let mut prose: Vec<(String, usize)> = Vec::new();
    let mut subsection: Option<&str> = None;
    let mut other_params: Vec<ParamDoc> = Vec::new();
    let mut optional_in_example: Option<Vec<(String, bool)>> = None;
    for (i, block) in section.iter().enumerate().skip(1) {
        // PHP's operation servers come before the summary: the list is theirs, the
        // prose after it the operation's.
        if subsection == Some("URI(s):") && matches!(block, Block::Paragraph { .. }) {
            subsection = None;
        }
        match (subsection, block) {
            // A `###` heading opens a subsection when it is one the templates print;
            // before the first, any other is part of the description.
            (
                Some(_),
                Block::Heading {
                    level: 3.., text, ..
                },
            ) => subsection = Some(text.as_str()),
            (
                None,
                Block::Heading {
                    level: 3.., text, ..
                },
            ) if SUBSECTIONS.contains(&text.as_str()) => subsection = Some(text.as_str()),
            // PHP's and Swift's signature is a code block under the heading.
            (None, Block::Paragraph { text, .. }) if i == 1 && is_signature(text, &entry.name) => {}
            // The signature directly under the heading, with the summary after it.
            (None, Block::Quote { text, .. }) if i == 1 => {
                // PowerShell's signature goes on, a parameter a line, each line
                // ending in `<br>`.
                let summary: Vec<&str> = text
                    .lines()
                    .skip(1)
                    .map(str::trim)
                    .filter(|line| !line.ends_with("<br>"))
                    .collect();
                let summary = summary.join(" ");
                if !summary.trim().is_empty() {
                    doc.summary = Some(summary.trim().to_owned());
                }
            }
            (None, Block::Paragraph { text, line } | Block::Quote { text, line }) => {
                prose.push((text.clone(), *line));
            }
            (None, Block::Heading { text, line, .. }) => {
                prose.push((text.clone(), *line));
            }
            (None, Block::List { items }) => {
                if let Some((_, line)) = items.first() {
                    let items: Vec<String> = items.iter().map(|(t, _)| format!("* {t}")).collect();
                    prose.push((items.join("\n"), *line));
                }
            }
            (Some("HTTP response details"), Block::Table { rows, .. }) => {
                doc.responses
                    .extend(rows.iter().filter_map(|row| response_row(file, row)));
            }
            (Some(title), Block::Table { header, rows, .. }) => {
                let requiredness = match title {
                    "Required Parameters" | "Path Parameters" => Requiredness::All,
                    "Optional Parameters" => Requiredness::None,
                    "Parameters" | "Other Parameters" => Requiredness::UnlessNoted,
                    _ => continue,
                };
                let rows = read_rows(
                    file,
                    header,
                    rows,
                    (Rows::Params, requiredness, language),
                    diagnostics,
                );
                match title {
                    "Other Parameters" => other_params.extend(rows),
                    // The map-style Optional Parameters table of swagger-codegen's
                    // first Go template lists every parameter, the required ones
                    // again: a parameter already listed is that one.
                    _ => {
                        for row in rows {
                            if !doc.params.iter().any(|p| p.name == row.name) {
                                doc.params.push(row);
                            }
                        }
                    }
                }
            }
            (Some("Example"), Block::Paragraph { text, .. }) => {
                optional_in_example
                    .get_or_insert_with(Vec::new)
                    .extend(example_params(text));
            }
            // The first paragraph is the templates' one line; any other is prose.
            (Some("Authorization"), Block::Paragraph { text, line })
                if doc.authorization.is_none() =>
            {
                doc.authorization = Some(Authorization {
                    schemes: authorization_schemes(text),
                    at: Provenance::new(file, *line),
                });
            }
            (Some("Return type"), Block::Paragraph { text, line }) => {
                doc.returns =
                    read_return_type(text, language, &Provenance::new(file, *line), diagnostics);
            }
            // swagger-codegen's first Go template misspelt the heading.
            (Some("HTTP request headers" | "HTTP reuqest headers"), Block::List { items }) => {
                for (item, _) in items {
                    let Some((key, value)) = item.split_once(':') else {
                        continue;
                    };
                    // PHP's and TypeScript-fetch's templates write each as code.
                    let value = value.trim().trim_end_matches(':').trim();
                    let value = value
                        .split(',')
                        .map(|v| v.trim().trim_matches('`').trim())
                        .collect::<Vec<_>>()
                        .join(", ");
                    let value = value.as_str();
                    let value =
                        (!value.is_empty() && value != "Not defined").then(|| value.to_owned());
                    match key.trim() {
                        "Content-Type" => doc.content_type = value,
                        "Accept" => doc.accept = value,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    // openapi-generator 5+ lists every non-path parameter under "Other Parameters"
    // and says which are optional only in the example's comments.
    for mut param in other_params {
        if let (DocStyle::OpenApiGenerator5, Some(example)) = (style, &optional_in_example) {
            let variable = lower_first(&param.name);
            if let Some((_, optional)) = example.iter().find(|(name, _)| *name == variable) {
                param.required = !optional;
            }
        }
        if !doc.params.iter().any(|p| p.name == param.name) {
            doc.params.push(param);
        }
    }
    // Most languages print the summary again as the section's first paragraph.
    if !prose.is_empty() && Some(prose[0].0.trim()) == doc.summary.as_deref() {
        prose.remove(0);
    }
    let description_line = prose.first().map(|(_, line)| *line);
    let description = prose
        .iter()
        .map(|(p, _)| prose::normalize(p))
        .collect::<Vec<_>>()
        .join("\n\n");
    doc.description = (!description.trim().is_empty()).then_some(description);
    if let Some(line) = description_line {
        doc.description_at = Provenance::new(file, line);
    }
    doc
}

/// A row of an `HTTP response details` table: `**200** | Successful operation |
/// * X-Rate-Limit - calls per hour allowed <br>  * X-Expires - expiry <br> |`, or
/// ` - ` for no headers. A row whose first cell is no status is skipped.
fn response_row(file: &str, row: &Row) -> Option<ResponseDoc> {
    let status = row
        .cells
        .first()?
        .trim()
        .trim_matches('*')
        .trim()
        .parse()
        .ok()?;
    let description = row.cells.get(1).map_or("", |c| c.trim()).to_owned();
    let headers = row
        .cells
        .get(2)
        .map(|cell| {
            cell.split("<br>")
                .filter_map(|item| {
                    let item = item.trim().trim_start_matches(['*', '-']).trim();
                    let (name, meaning) = item.split_once(" - ").unwrap_or((item, ""));
                    let name = name.trim();
                    let valid = !name.is_empty()
                        && name
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                    valid.then(|| (name.to_owned(), meaning.trim().to_owned()))
                })
                .collect()
        })
        .unwrap_or_default();
    Some(ResponseDoc {
        status,
        description,
        headers,
        at: Provenance::new(file, row.line),
    })
}

/// The variables of a Go example and whether their comment says `(optional)`:
/// `name := "x" // string | The name (optional)`.
fn example_params(code: &str) -> Vec<(String, bool)> {
    code.lines()
        .filter_map(|line| {
            let (variable, rest) = line.split_once(":=")?;
            let (_, comment) = rest.split_once("// ")?;
            let variable = variable.trim();
            let valid = !variable.is_empty()
                && variable
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_');
            valid.then(|| {
                (
                    variable.to_owned(),
                    // `(optional)` may be followed by `(default to 20)`.
                    comment.contains("(optional)"),
                )
            })
        })
        .collect()
}

/// `PetId` → `petId`: how the examples name their variables.
fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The scheme names of an `### Authorization` line, whose links the block parser has
/// reduced to their texts: `api_key, petstore_auth` → both; `No authorization
/// required` → none. Stray whitespace and a trailing period are tolerated.
fn authorization_schemes(text: &str) -> Vec<String> {
    let text = text.trim().trim_end_matches('.').trim();
    if text
        .to_ascii_lowercase()
        .starts_with("no authorization required")
    {
        return Vec::new();
    }
    // Kotlin's templates print `Configure name:` and the code that sets it, per scheme.
    let configured: Vec<String> = text
        .lines()
        .filter_map(|line| line.trim().strip_prefix("Configure ")?.strip_suffix(':'))
        .map(|name| name.trim().to_owned())
        .collect();
    if !configured.is_empty() {
        return configured;
    }
    text.split([',', '\n'])
        .map(|name| name.trim().trim_end_matches('.').trim())
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `[**Intervention**](Intervention.md)`, `**[]Tag**`, `(empty response body)`.
fn read_return_type(
    text: &str,
    language: Language,
    at: &Provenance,
    diagnostics: &mut Diagnostics,
) -> Option<TypeRef> {
    let text = text.trim();
    // swagger-codegen's first Go templates printed `void (empty response body)`;
    // other languages `null (...)`, `nil (...)`, `` `void` (Empty response body) ``.
    if text.to_ascii_lowercase().ends_with("(empty response body)") || text.is_empty() {
        return None;
    }
    // PowerShell adds what the model becomes: `[**Pet**](Pet.md) (PSCustomObject)`.
    let text = text.strip_suffix("(PSCustomObject)").unwrap_or(text).trim();
    match read_type_cell(text, language) {
        Ok(CellType::Value(ty)) => Some(ty),
        _ => {
            diagnostics
                .warning(
                    Some(at),
                    format!(
                        "`{text}` is not a return type: the response is read as any JSON value"
                    ),
                )
                .kind("unreadable type, read loosely")
                .help(format!(
                    "expected a {} type or `(empty response body)`",
                    language.name()
                ));
            Some(TypeRef::Any)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_names_drop_prefixes_and_suffixes() {
        assert_eq!(group_name("\\InterventionsApi"), "Interventions");
        assert_eq!(group_name("engagedigital.TagsApi"), "Tags");
        assert_eq!(group_name("PetAPI"), "Pet");
        assert_eq!(group_name("openapi\\LibraryApi"), "Library");
        assert_eq!(group_name("Petstore::PetApi"), "Pet");
        assert_eq!(group_name("Org.OpenAPITools.Api.PetApi"), "Pet");
        assert_eq!(group_name("OpenAPI\\Client\\PetApi"), "Pet");
    }

    #[test]
    fn operation_names_and_base_urls_as_every_language_writes_them() {
        assert_eq!(operation_name("**addPet**"), "addPet");
        assert_eq!(operation_name("`addPet()`"), "addPet");
        assert_eq!(operation_name(" add_pet "), "add_pet");
        assert_eq!(base_url_of("https://x.test/v2"), "https://x.test/v2");
        assert_eq!(base_url_of("*https://x.test/v2*"), "https://x.test/v2");
        assert_eq!(base_url_of("http://x.test:80/v2."), "http://x.test:80/v2");
        assert_eq!(
            base_url_of("http://x.test:80/v2, except if the operation defines another base path."),
            "http://x.test:80/v2"
        );
    }

    #[test]
    fn link_anchors() {
        assert_eq!(link_anchor("[**Op**](XApi.md#Op)"), Some("Op"));
        assert_eq!(link_anchor("[**Op**](x_api.md#op)"), Some("op"));
        assert_eq!(link_anchor("**Op**"), None);
    }

    #[test]
    fn authorization_lines_name_schemes() {
        assert_eq!(
            authorization_schemes("api_key, petstore_auth"),
            ["api_key", "petstore_auth"]
        );
        assert_eq!(
            authorization_schemes("  api_key ,  basic_auth. "),
            ["api_key", "basic_auth"]
        );
        assert!(authorization_schemes("No authorization required").is_empty());
        assert!(authorization_schemes("No authorization required.").is_empty());
        assert!(authorization_schemes("").is_empty());
        assert_eq!(
            authorization_schemes("Configure petstore_auth:\n    ApiClient.accessToken = \"\"\nConfigure api_key:\n    ApiClient.apiKey[\"api_key\"] = \"\""),
            ["petstore_auth", "api_key"]
        );
    }

    /// Link targets do not matter, and may be missing: the text is the name.
    #[test]
    fn authorization_subsections_are_read_from_link_texts() {
        let doc = "# \\PetsApi\n\nMethod | HTTP request | Description\n--- | --- | ---\n[**A**](PetsApi.md#A) | **Get** /a | a\n[**B**](PetsApi.md#B) | **Get** /b | b\n[**C**](PetsApi.md#C) | **Get** /c | c\n\n## A\n\n> A(ctx)\n\n### Authorization\n\n[key](../README.md#key), [oauth](../README.md)\n\n## B\n\n> B(ctx)\n\n### Authorization\n\nNo authorization required\n\n## C\n\n> C(ctx)\n\n### Return type\n\n(empty response body)\n";
        let mut diagnostics = Diagnostics::new();
        let blocks = crate::parse::blocks::blocks(doc);
        let page = Page {
            file: "PetsApi.md",
            title: "\\PetsApi",
            title_line: 1,
            blocks: &blocks,
            language: Language::Go,
        };
        let api = parse(&page, &mut diagnostics).unwrap();
        let auth: Vec<Option<Authorization>> = api
            .operations
            .iter()
            .map(|op| op.authorization.clone())
            .collect();
        assert_eq!(
            auth,
            [
                Some(Authorization {
                    schemes: vec!["key".into(), "oauth".into()],
                    at: Provenance::new("PetsApi.md", 15),
                }),
                Some(Authorization {
                    schemes: Vec::new(),
                    at: Provenance::new("PetsApi.md", 23),
                }),
                None,
            ]
        );
    }

    #[test]
    fn response_detail_rows_give_status_meaning_and_headers() {
        let row = |cells: &[&str]| Row {
            cells: cells.iter().map(|c| (*c).to_owned()).collect(),
            raw: cells.iter().map(|c| (*c).to_owned()).collect(),
            terminated: true,
            line: 7,
        };
        let ok = response_row(
            "PetApi.md",
            &row(&["200", "successful operation", "* X-Rate-Limit - calls per hour allowed by the user <br>  * X-Expires-After - date in UTC when token expires <br>"]),
        )
        .unwrap();
        assert_eq!(ok.status, 200);
        assert_eq!(ok.description, "successful operation");
        assert_eq!(
            ok.headers,
            [
                (
                    "X-Rate-Limit".to_owned(),
                    "calls per hour allowed by the user".to_owned()
                ),
                (
                    "X-Expires-After".to_owned(),
                    "date in UTC when token expires".to_owned()
                )
            ]
        );
        let bad = response_row(
            "PetApi.md",
            &row(&["**400**", "Invalid status value", " -  "]),
        )
        .unwrap();
        assert_eq!((bad.status, bad.headers.len()), (400, 0));
        assert_eq!(bad.at, Provenance::new("PetApi.md", 7));
        assert!(response_row("PetApi.md", &row(&["Status code", "x", "y"])).is_none());
    }

    #[test]
    fn example_comments_say_what_is_optional() {
        let code = "package main\n\n    petId := int64(789) // int64 | The id\n    name := \"n\" // string | The name (optional)\n    x := 1\n    limit := int32(56) // int32 | At most (optional) (default to 20)\n";
        assert_eq!(
            example_params(code),
            [
                ("petId".to_owned(), false),
                ("name".to_owned(), true),
                ("limit".to_owned(), true)
            ]
        );
    }
}
