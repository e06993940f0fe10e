//! SDK markdown docs of every client language (openapi-generator and
//! swagger-codegen) to documented facts.
//!
//! The grammar (DESIGN.md §4.1): an API doc has a title (`# \XxxApi`), the line
//! `All URIs are relative to *URL*`, an index table `Method | HTTP request |
//! Description`, and one section per operation, opened by a heading whose text is the
//! operation's name (`## Op` in openapi-generator, `# **Op**` in swagger-codegen). A
//! section holds the signature quote, summary and description, then `###`
//! subsections: parameter tables, return type, authorization, request headers.
//! A model doc has a title and a `## Properties` table, or a `## Enum` list.
//!
//! Every language's templates print that grammar; what differs is each language's
//! types, titles and signatures ([`Language`], told from each page's own text, and
//! [`crate::parse::sdk_type`]).
//!
//! The style is never declared: each rule accepts the forms every style writes. This
//! module records what the documents say, with lines; what the facts mean on the wire
//! (query names, locations, statuses in prose) is decided by [`crate::infer`].

mod api;

pub use api::detect_style;
mod language;
mod model_doc;
mod readme;
mod table;

pub use language::{folder_language, Language};
pub use readme::parse_readme;

use crate::diagnostic::Diagnostics;
use crate::model::{Method, Provenance, TypeRef};
use crate::parse::blocks::{blocks, Block};

/// What one markdown file documents.
#[derive(Clone, Debug)]
pub enum DocFile {
    /// An `XxxApi.md`.
    Api(ApiDoc),
    /// A model doc such as `Intervention.md`.
    Model(ModelDoc),
}

/// The generator that wrote an API doc, told apart by its headings (DESIGN.md §4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocStyle {
    /// openapi-generator go 4.x: `## Op`, required and optional parameter tables.
    OpenApiGenerator4,
    /// swagger-codegen go 2.4/3.x: `# **Op**` headings.
    SwaggerCodegen,
    /// openapi-generator go 5+: `### Path Parameters` and `### Other Parameters`,
    /// `Op(ctx).Param(p).Execute()` signatures; optional parameters are marked only in
    /// the example's comments.
    OpenApiGenerator5,
}

/// An API doc: one group of operations.
#[derive(Clone, Debug)]
pub struct ApiDoc {
    /// The group name without `Api`, e.g. `Interventions`.
    pub group: String,
    /// Which generator wrote it.
    pub style: DocStyle,
    /// The SDK language it documents.
    pub language: Language,
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
    /// Where the description starts (the heading when there is none).
    pub description_at: Provenance,
    /// Parameters in documented order (`ctx` and the options struct left out).
    pub params: Vec<ParamDoc>,
    /// The documented return type; `None` for `(empty response body)` or no section.
    pub returns: Option<TypeRef>,
    /// The `Content-Type` header line, `None` for `Not defined`.
    pub content_type: Option<String>,
    /// The `Accept` header line, `None` for `Not defined`.
    pub accept: Option<String>,
    /// What the `### Authorization` subsection says; `None` when there is none.
    pub authorization: Option<Authorization>,
    /// The `### HTTP response details` table's rows, in order.
    pub responses: Vec<ResponseDoc>,
    /// Where the section's heading is.
    pub at: Provenance,
}

/// An operation's `### Authorization` subsection: the schemes it links to
/// (`[api_key](../README.md#api_key), [oauth](../README.md#oauth)`), none for `No
/// authorization required`. Docs cannot tell whether all or any one of them is
/// needed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authorization {
    /// The scheme names, as the links' texts say, in documented order.
    pub schemes: Vec<String>,
    /// Where the list (or `No authorization required`) is.
    pub at: Provenance,
}

/// One row of an operation's `### HTTP response details` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseDoc {
    /// The status code.
    pub status: u16,
    /// What the docs say it means.
    pub description: String,
    /// The response headers it lists (`X-Rate-Limit`), with their descriptions.
    pub headers: Vec<(String, String)>,
    /// Where its row is.
    pub at: Provenance,
}

/// One documented parameter or model property.
#[derive(Clone, Debug)]
pub struct ParamDoc {
    /// The documented name, e.g. `categoryIds`.
    pub name: String,
    /// Its type.
    pub ty: TypeRef,
    /// Whether the docs say it must be given (for properties: no `[optional]` note).
    pub required: bool,
    /// Whether its type is one of openapi-generator's `Nullable<Type>` wrappers.
    pub nullable: bool,
    /// The description cell, if not empty.
    pub description: Option<String>,
    /// `[default to x]` from the notes cell.
    pub default: Option<String>,
    /// `[enum: a, b]` from the notes cell (Java, Kotlin; `[Enum: ...]` in
    /// TypeScript-fetch and R).
    pub enum_values: Vec<String>,
    /// Where its row is.
    pub at: Provenance,
}

/// A model doc.
#[derive(Clone, Debug)]
pub struct ModelDoc {
    /// The model name.
    pub name: String,
    /// Its shape.
    pub shape: ModelDocShape,
    /// The SDK language it documents.
    pub language: Language,
    /// Where the title is.
    pub at: Provenance,
}

/// What a model doc lists.
#[derive(Clone, Debug)]
pub enum ModelDocShape {
    /// A `## Properties` table, in documented order.
    Properties(Vec<ParamDoc>),
    /// A `## Enum` list of values.
    Enum(Vec<String>),
    /// A `## Enum` list of numbers or booleans: the scalar they are.
    Scalar(TypeRef),
}

/// One page being read: its file name (for provenance), title, blocks and language.
pub(crate) struct Page<'a> {
    file: &'a str,
    title: &'a str,
    title_line: usize,
    blocks: &'a [Block],
    language: Language,
}

/// Reads one markdown file named `file` (used in provenance). Returns `None` for files
/// that are neither API nor model docs (a warning says so); problems go to
/// `diagnostics`.
/// `folder` is the language of the page's folder ([`folder_language`]), for a page
/// that does not show its own.
pub fn parse_doc(
    file: &str,
    text: &str,
    folder: Option<Language>,
    diagnostics: &mut Diagnostics,
) -> Option<DocFile> {
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
    let language = language::detect(text, &title, &blocks, folder);
    let page = Page {
        file,
        title: &title,
        title_line,
        blocks: &blocks,
        language,
    };
    if let Some(api) = api::parse(&page, diagnostics) {
        return Some(DocFile::Api(api));
    }
    if let Some(model) = model_doc::parse(&page, diagnostics) {
        return Some(DocFile::Model(model));
    }
    diagnostics.warning(
        Some(&at(title_line)),
        format!("`{title}` has no method table, `## Properties` table or `## Enum` list: skipped"),
    );
    None
}
