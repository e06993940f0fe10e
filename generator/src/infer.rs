//! Docs-only inference: turning documented facts into wire facts (DESIGN.md §5).
//!
//! Go SDK docs say what a parameter is called in Go, not on the wire, and they state
//! error statuses only in prose. Each rule below is a named, tested function; the
//! overlay corrects whatever a rule gets wrong for a particular API.

mod auth;
mod convention;
mod headers;

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;

use crate::conventions::Naming;
use crate::diagnostic::Diagnostics;

use crate::media;
use crate::model::Statuses;
use crate::model::{
    Api, BaseUrl, Body, ErrorStatus, FactSource, Field, Group, Location, Method, Model, ModelKind,
    Operation, Param, ParamStyle, Provenance, TypeRef, WireRule,
};
use crate::parse::markdown::{ApiDoc, DocFile, ModelDoc, ModelDocShape, OperationDoc, ParamDoc};
use crate::template::Template;

pub use auth::AuthDeclarations;
pub use convention::{Basis, Choice, Conventions, Votes};

/// Builds the model from parsed docs. The title and server come from the first API
/// doc; the overlay may replace them. Models are read first: where a parameter goes
/// depends on whether its type is text (an enum model) or an object. `declared` are
/// the overlay's models: parameters are placed as if they were documented (the
/// overlay itself declares them later, with its diagnostics). `declared_auth` are the
/// auth schemes declared beside the docs (see [`AuthDeclarations`]). The naming
/// conventions `naming` leaves unset are chosen from the docs' evidence; what was
/// chosen, and why, is returned beside the model.
pub fn build(
    docs: Vec<DocFile>,
    declared_auth: AuthDeclarations,
    naming: &Naming,
    declared: &[Model],
    diagnostics: &mut Diagnostics,
) -> (Api, Conventions) {
    let conventions = convention::choose(&docs, naming, diagnostics);
    let naming = &conventions.resolve(naming);
    let mut api_docs = Vec::new();
    let mut models = Vec::new();
    let mut base_url = None;
    for doc in docs {
        match doc {
            DocFile::Api(api) => {
                if base_url.is_none() {
                    base_url = api.base_url.clone();
                }
                api_docs.push(api);
            }
            DocFile::Model(model) => models.push(model_from_doc(model, naming)),
        }
    }
    // Models whose doc lists no properties: enums in swagger-codegen's docs (which
    // print no values), scalars (`OuterBoolean`), `oneOf`s. While parameters are
    // placed they are text, so an enum model stays a query parameter.
    let opaque: BTreeSet<String> = models
        .iter()
        .filter(|m| {
            matches!(
                &m.kind,
                ModelKind::Alias {
                    ty: TypeRef::String
                }
            )
        })
        .filter(|m| !declared.iter().any(|d| d.name == m.name))
        .map(|m| m.name.clone())
        .collect();
    models.sort_by(|a, b| a.name.cmp(&b.name));
    let documented = models.clone();
    for model in declared {
        match models.iter_mut().find(|m| m.name == model.name) {
            Some(existing) => *existing = model.clone(),
            None => models.push(model.clone()),
        }
    }
    let (template, at) = base_url.unwrap_or_else(|| {
        (
            String::new(),
            Provenance::new("(no base URL in the docs)", 0),
        )
    });
    let mut api = Api {
        title: String::new(),
        base_url: BaseUrl {
            variables: Template::new(&template).variables(),
            template,
            at,
        },
        auth: vec![crate::security::assumed_bearer()],
        security: Vec::new(),
        groups: Vec::new(),
        models,
    };
    let usage = auth::usage(&api_docs);
    let key_headers = auth::key_headers(&declared_auth);
    let reading = Reading {
        api: &api,
        naming,
        key_headers: &key_headers,
    };
    let groups: Vec<Group> = api_docs
        .into_iter()
        .map(|doc| group(doc, &reading, diagnostics))
        .collect();
    api.title = groups
        .first()
        .map(|g| g.name.clone())
        .unwrap_or_else(|| "API".to_owned());
    api.groups = groups;
    api.models = documented;
    one_operation_per_name(&mut api, diagnostics);
    auth::settle(&mut api, declared_auth, &usage, diagnostics);
    settle_opaque_models(&mut api, &opaque, diagnostics);
    (api, conventions)
}

/// Rule `opaque-model`: a model doc without properties says nothing of its JSON. One
/// that a parameter sends as text (a query, path, header or form value) is a string,
/// as enum models are; any other is any JSON value.
fn settle_opaque_models(api: &mut Api, opaque: &BTreeSet<String>, diagnostics: &mut Diagnostics) {
    let sent_as_text: BTreeSet<&str> = api
        .operations()
        .flat_map(|op| &op.params)
        .filter(|p| p.location != Location::Body)
        .filter_map(|p| p.ty.named())
        .collect();
    let as_text: BTreeSet<String> = opaque
        .iter()
        .filter(|name| sent_as_text.contains(name.as_str()))
        .cloned()
        .collect();
    for model in &mut api.models {
        if !opaque.contains(&model.name) {
            continue;
        }
        let text = as_text.contains(&model.name);
        let (ty, what, kind) = match text {
            true => (
                TypeRef::String,
                "a string: a parameter sends it as text",
                "model without properties, read as a string",
            ),
            false => (
                TypeRef::Any,
                "any JSON value",
                "model without properties, read as any JSON",
            ),
        };
        diagnostics
            .warning(
                Some(&model.at),
                format!("`{}` documents no properties: read as {what}", model.name),
            )
            .kind(kind);
        model.kind = ModelKind::Alias { ty };
    }
}

/// Rule `operation-in-two-files`: Go keeps every API file as its own service, so an
/// operation with two tags is documented in two files. Where both say the same
/// (method, path, parameters, body, return type) the client has one method, in the
/// first file's group; where they differ, both stay, each renamed after its group
/// (`FakeTestBody` and `DefaultTestBody`), with a warning.
fn one_operation_per_name(api: &mut Api, diagnostics: &mut Diagnostics) {
    let mut first_group: BTreeMap<String, usize> = BTreeMap::new();
    let mut renames: BTreeSet<(usize, String)> = BTreeSet::new();
    let mut drops: BTreeSet<(usize, String)> = BTreeSet::new();
    for (g, group) in api.groups.iter().enumerate() {
        for op in &group.operations {
            let Some(&first) = first_group.get(&op.name) else {
                first_group.insert(op.name.clone(), g);
                continue;
            };
            if first == g {
                continue; // Twice in one file: the parser kept the first section.
            }
            let earlier = api.groups[first]
                .operations
                .iter()
                .find(|o| o.name == op.name)
                .expect("recorded above");
            if same_operation(earlier, op) {
                diagnostics.note(
                    Some(&op.at),
                    format!(
                        "`{}` is documented in `{}` too (at {}), identically: one method",
                        op.name, api.groups[first].name, earlier.at
                    ),
                );
                drops.insert((g, op.name.clone()));
            } else {
                diagnostics
                    .warning(
                        Some(&op.at),
                        format!(
                            "`{}` is documented differently in `{}` (at {}): each is named after its API",
                            op.name, api.groups[first].name, earlier.at
                        ),
                    )
                    .kind("operation documented twice, differently");
                renames.insert((first, op.name.clone()));
                renames.insert((g, op.name.clone()));
            }
        }
    }
    for (g, group) in api.groups.iter_mut().enumerate() {
        let prefix = group.name.clone();
        group
            .operations
            .retain(|op| !drops.contains(&(g, op.name.clone())));
        for op in &mut group.operations {
            if renames.contains(&(g, op.name.clone())) {
                op.name = format!("{prefix}{}", op.name);
            }
        }
    }
}

/// Whether two documented operations send and receive the same things.
fn same_operation(a: &Operation, b: &Operation) -> bool {
    let params = |op: &Operation| -> Vec<(String, String, Location, bool, TypeRef)> {
        op.params
            .iter()
            .map(|p| {
                (
                    p.name.clone(),
                    p.wire_name.clone(),
                    p.location,
                    p.required,
                    p.ty.clone(),
                )
            })
            .collect()
    };
    a.method == b.method
        && a.path == b.path
        && a.body == b.body
        && a.content_type == b.content_type
        && a.accept == b.accept
        && a.returns == b.returns
        && params(a) == params(b)
}

/// What placing an operation's parameters reads besides its doc.
struct Reading<'a> {
    /// The model so far: its models tell text from objects.
    api: &'a Api,
    /// The naming conventions, resolved.
    naming: &'a Naming,
    /// The headers the API's key schemes travel in: a parameter named like one is
    /// that header.
    key_headers: &'a [String],
}

fn group(doc: ApiDoc, reading: &Reading, diagnostics: &mut Diagnostics) -> Group {
    Group {
        name: doc.group,
        operations: doc
            .operations
            .into_iter()
            .map(|op| operation(op, reading, diagnostics))
            .collect(),
        at: doc.at,
    }
}

fn operation(doc: OperationDoc, reading: &Reading, diagnostics: &mut Diagnostics) -> Operation {
    let (api, naming) = (reading.api, reading.naming);
    let media = doc.content_type.as_deref().map(preferred_media);
    let mut body = body_encoding(media.as_deref());
    // Rule `upload-is-multipart`: with no `Content-Type`, a file parameter outside the
    // path makes a multipart upload (Swagger 2.0's `formData` files, whose `consumes`
    // is left to the API's default); its other parameters are the form's parts.
    if media.is_none()
        && doc
            .params
            .iter()
            .any(|p| p.ty.is_binary() && path_placeholder(&p.name, &doc.path).is_none())
    {
        body = Body::Multipart;
    }
    // Raw bytes and text need a parameter of that type; without one the docs mean
    // JSON of some other media type (`application/xml` with a model).
    let takes = |ty: &TypeRef| {
        doc.params
            .iter()
            .any(|p| p.ty == *ty && path_placeholder(&p.name, &doc.path).is_none())
    };
    // A wildcard (`*/*`) says nothing of the bytes: a file parameter is the body.
    let wildcard = media
        .as_deref()
        .is_some_and(|m| media::is_wildcard(&media::clean(m)));
    body = match body {
        Body::Binary if !takes(&TypeRef::Binary) => Body::Json,
        Body::Text if !takes(&TypeRef::String) => Body::Json,
        Body::Json if wildcard && takes(&TypeRef::Binary) => Body::Binary,
        body => body,
    };
    // Rule `body-from-type`: with no `Content-Type`, a parameter no query can hold (an
    // object, a list of objects, a map) is the JSON body; swagger-codegen prints `Not
    // defined` for Swagger 2.0 specs that leave `consumes` to the API's default.
    let outside_path = doc
        .params
        .iter()
        .filter(|p| path_placeholder(&p.name, &doc.path).is_none())
        .count();
    let body_by_name =
        |p: &ParamDoc| is_named_body(&p.name) && (outside_path == 1 || p.ty.named().is_some());
    let body_candidates = doc
        .params
        .iter()
        .filter(|p| {
            path_placeholder(&p.name, &doc.path).is_none()
                && (!query_can_hold(api, &p.ty) || body_by_name(p))
        })
        .count();
    // Rule `deep-object-query`: a GET or HEAD with several parameters no query could
    // hold has no body that could hold them all; its object parameters are
    // deepObject queries (`filter[name]=x`), as Go's docs print the petstore's
    // `TestQueryDeepObject`. One such parameter is the JSON body, as before.
    let bodiless = matches!(doc.method, Method::Get | Method::Head) && body_candidates > 1;
    if body == Body::None && !bodiless && body_candidates > 0 {
        body = Body::Json;
    }
    let mut params: Vec<Param> = Vec::new();
    for p in &doc.params {
        let mut param = param(p, &doc.path, body, body_by_name(p), reading);
        if bodiless && param.location == Location::Query && is_struct(api, &param.ty) {
            param.ty = TypeRef::Map(Box::new(TypeRef::String));
        }
        // Beside other parameters, an object is one part (JSON), not the form.
        let alone = doc
            .params
            .iter()
            .filter(|p| path_placeholder(&p.name, &doc.path).is_none())
            .count()
            == 1;
        match inline_form_fields(&param, body, api).filter(|_| alone) {
            Some(fields) => params.extend(fields),
            None => params.push(param),
        }
    }
    keep_names_that_tell_apart(&mut params, naming);
    bind_placeholder_by_elimination(&doc, &mut params, diagnostics);
    choose_body(&mut params, body, doc.method, naming);
    let errors = documented_errors(&doc);
    let content_type = media.and_then(|m| media::recorded(body, &m));
    Operation {
        name: doc.name,
        summary: doc.summary,
        description: doc.description,
        method: doc.method,
        path: doc.path,
        params,
        body,
        content_type,
        returns: doc.returns,
        accept: doc.accept.as_deref().map(preferred_accept),
        errors,
        paging: None,
        security: doc.authorization.as_ref().map(auth::documented_security),
        at: doc.at,
    }
}

/// Rule `one-body`: a raw or text body is one parameter: the one named `body` if it
/// fits, else the first that fits. A JSON body no parameter was placed in (all look
/// like text: `[]string`, a `bool`) is the one parameter not in the path, if there
/// is one and the method sends a body (POST, PUT, PATCH).
fn choose_body(params: &mut [Param], body: Body, method: Method, naming: &Naming) {
    let in_body = |p: &Param| p.location == Location::Body;
    match body {
        Body::Binary | Body::Text => {
            let chosen = params
                .iter()
                .position(|p| in_body(p) && is_named_body(&p.name))
                .or_else(|| params.iter().position(in_body));
            for (i, p) in params.iter_mut().enumerate() {
                if in_body(p) && Some(i) != chosen {
                    p.location = Location::Query;
                    p.wire_name = wire_name(&p.name, &p.ty, naming);
                    p.wire_rule = WireRule::Convention;
                }
            }
        }
        // A `Content-Type` printed for every operation of a spec says nothing of a GET.
        Body::Json
            if !params.iter().any(in_body)
                && matches!(method, Method::Post | Method::Put | Method::Patch) =>
        {
            let outside_path: Vec<usize> = params
                .iter()
                .enumerate()
                .filter(|(_, p)| p.location != Location::Path)
                .map(|(i, _)| i)
                .collect();
            if let [i] = outside_path.as_slice() {
                let i = *i;
                params[i].location = Location::Body;
                params[i].wire_name = params[i].name.clone();
                params[i].wire_rule = WireRule::Documented;
            }
        }
        _ => {}
    }
}

/// Whether `ty` names a struct model.
fn is_struct(api: &Api, ty: &TypeRef) -> bool {
    matches!(
        ty.named().and_then(|name| api.model(name)).map(|m| &m.kind),
        Some(ModelKind::Struct { .. })
    )
}

/// Whether the query can hold a value of `ty`: text, lists of text, lists of lists
/// of text and maps of text (`filter[key]=v`).
fn query_can_hold(api: &Api, ty: &TypeRef) -> bool {
    let text_or_list =
        |ty: &TypeRef| api.is_text(ty) || ty.array_item().is_some_and(|i| api.is_text(i));
    match ty {
        TypeRef::Map(value) => api.is_text(value),
        TypeRef::Array(item) => text_or_list(item),
        ty => api.is_text(ty),
    }
}

/// Rule `inline-form-object`: a form or multipart body documented as one parameter
/// (the only one outside the path) whose type is an object (openapi-generator's `InlineObject1`, swagger-codegen's
/// `Body1`) sends that object's fields as the form's fields.
fn inline_form_fields(param: &Param, body: Body, api: &Api) -> Option<Vec<Param>> {
    let location = match body {
        Body::Form => Location::Form,
        Body::Multipart => Location::Multipart,
        _ => return None,
    };
    let TypeRef::Named(name) = &param.ty else {
        return None;
    };
    let Some(ModelKind::Struct { fields }) = api.model(name).map(|m| &m.kind) else {
        return None;
    };
    Some(
        fields
            .iter()
            .map(|field| Param {
                name: field.name.clone(),
                wire_name: field.json_name.clone(),
                location,
                required: param.required && field.required,
                ty: field.ty.clone(),
                enum_values: Vec::new(),
                default: field.default.clone(),
                description: field.description.clone(),
                style: ParamStyle::Standard,
                allow_reserved: false,
                wire_rule: WireRule::ModelField,
                at: field.at.clone(),
            })
            .collect(),
    )
}

/// Rule `placeholder-by-elimination`: a path placeholder named unlike every parameter
/// (`{pet_id}` in the path, `id` in the signature) is the one required parameter left
/// unplaced, when exactly one placeholder and one such parameter are left: nothing
/// else fits.
fn bind_placeholder_by_elimination(
    doc: &OperationDoc,
    params: &mut [Param],
    diagnostics: &mut Diagnostics,
) {
    let unbound: Vec<&str> = Template::new(&doc.path)
        .placeholders()
        .filter(|ph| {
            !params
                .iter()
                .any(|p| p.location == Location::Path && p.wire_name == *ph)
        })
        .collect();
    let candidates: Vec<usize> = params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.required && matches!(p.location, Location::Query | Location::Header))
        .map(|(i, _)| i)
        .collect();
    if let ([placeholder], [index]) = (unbound.as_slice(), candidates.as_slice()) {
        let param = &mut params[*index];
        diagnostics
            .warning(
                Some(&param.at),
                format!(
                    "`{}`: the path's `{{{placeholder}}}` names no parameter; `{}`, the one required parameter left, is taken as it",
                    doc.name, param.name
                ),
            )
            .kind("path placeholder bound by elimination");
        param.location = Location::Path;
        param.wire_name = (*placeholder).to_owned();
        param.wire_rule = WireRule::Elimination;
    }
}

/// The media type the client sends when the docs list several, by the rule specs
/// follow too ([`media::preferred`]): JSON, else the first the client knows, else
/// the first; as the docs write it, without a stray `:`.
fn preferred_media(listed: &str) -> String {
    let listed: Vec<&str> = listed
        .split(',')
        .map(|m| m.trim().trim_end_matches(':').trim())
        .filter(|m| !m.is_empty())
        .collect();
    let cleaned: Vec<String> = listed.iter().map(|m| media::clean(m)).collect();
    media::preferred(&cleaned).map_or_else(String::new, |i| listed[i].to_owned())
}

/// Rule `accept-json`: the client decodes JSON, so when the docs list several media
/// types (`application/xml, application/json`) it asks for JSON alone.
pub fn preferred_accept(accept: &str) -> String {
    let listed: Vec<&str> = accept.split(',').map(str::trim).collect();
    match listed.iter().find(|m| **m == "application/json") {
        Some(json) if listed.len() > 1 => (*json).to_owned(),
        _ => accept.trim().to_owned(),
    }
}

/// Rule `body-from-content-type`: the request's `Content-Type` line says how
/// non-path parameters travel. `Not defined` means no body (all 475 non-path
/// parameters of the Engage Digital docs are then in the query); otherwise the media
/// type's class ([`media::classify`], as for specs): JSON, form, multipart, text, or
/// raw bytes for binary types, XML and any other.
pub fn body_encoding(content_type: Option<&str>) -> Body {
    match content_type.map(media::clean).as_deref() {
        None | Some("") => Body::None,
        Some(media) => media::classify(media).body(),
    }
}

/// Rule `enum-from-prose`: a description that lists quoted alternatives ("The value
/// can be “created_at” or “updated_at”", "(\"max\", \"half\" or \"base\")") gives
/// the values of a string parameter. Lists joined by `/` are examples, not
/// alternatives, and unquoted words are too ambiguous to take.
pub fn enum_from_prose(description: &str) -> Vec<String> {
    for sentence in sentences(description) {
        if sentence.to_lowercase().contains("example") {
            continue;
        }
        let values = quoted_alternatives(sentence);
        if values.len() >= 2 {
            return values;
        }
    }
    Vec::new()
}

/// The first run of two or more quoted words joined by `,` and `or` that is a closed
/// list: its last join is `or`, or an `or` follows it ("“a”, “b” or empty").
fn quoted_alternatives(text: &str) -> Vec<String> {
    let mut run: Vec<&str> = Vec::new();
    let mut closed = false;
    for (value, gap, end) in quoted_words(text) {
        let gap = gap.trim();
        let joins = !run.is_empty() && !value.is_empty() && matches!(gap, "," | "or" | ", or");
        if !joins {
            if run.len() >= 2 && closed {
                break;
            }
            run.clear();
        }
        if !value.is_empty() {
            run.push(value);
            closed = gap.contains("or") || text[end..].trim_start().starts_with("or ");
        }
    }
    match run.len() >= 2 && closed {
        true => run.into_iter().map(str::to_owned).collect(),
        false => Vec::new(),
    }
}

/// Each quoted text of `text`, with the text between it and the previous one and the
/// offset after its closing quote. A quoted phrase (with spaces) is returned as an
/// empty value: it is no enum value.
fn quoted_words(text: &str) -> Vec<(&str, &str, usize)> {
    const QUOTES: [(char, char); 5] =
        [('“', '”'), ('"', '"'), ('‘', '’'), ('\'', '\''), ('`', '`')];
    let mut found = Vec::new();
    let mut gap_start = 0;
    let mut search = 0;
    while let Some((open_at, open)) = text[search..]
        .char_indices()
        .map(|(i, c)| (search + i, c))
        .find(|(_, c)| QUOTES.iter().any(|q| q.0 == *c))
    {
        let close = QUOTES.iter().find(|q| q.0 == open).map_or(open, |q| q.1);
        let inner = open_at + open.len_utf8();
        let Some(len) = text[inner..].find(close) else {
            break;
        };
        let value = &text[inner..inner + len];
        let value = match value.is_empty() || value.contains(char::is_whitespace) {
            true => "",
            false => value,
        };
        search = inner + len + close.len_utf8();
        found.push((value, &text[gap_start..open_at], search));
        gap_start = search;
    }
    found
}

fn param(doc: &ParamDoc, path: &str, body: Body, body_by_name: bool, reading: &Reading) -> Param {
    let (api, naming) = (reading.api, reading.naming);
    let text = query_can_hold(api, &doc.ty);
    let (location, wire_name, wire_rule) = match path_placeholder(&doc.name, path) {
        Some(placeholder) => (
            Location::Path,
            placeholder.to_owned(),
            WireRule::PathPlaceholder,
        ),
        None => {
            let location = match body_by_name && body == Body::Json {
                true => Location::Body,
                false => param_location(&doc.ty, body, text),
            };
            // A flag is no header value; a custom `x-` name in a form is one of its
            // fields (`x_offset` beside `y_offset`), only in the query a header.
            let header = headers::declared(&doc.name, reading.key_headers)
                .or_else(|| headers::header_for(&doc.name))
                .filter(|_| doc.ty != TypeRef::Bool)
                .filter(|(_, rule)| *rule != WireRule::HeaderPrefix || location == Location::Query);
            match (location, header) {
                (Location::Body, _) => (location, doc.name.clone(), WireRule::Documented),
                (_, Some((header, rule))) if text => (Location::Header, header, rule),
                _ => (
                    location,
                    wire_name(&doc.name, &doc.ty, naming),
                    WireRule::Convention,
                ),
            }
        }
    };
    let takes_text = matches!(&doc.ty, TypeRef::String)
        || doc
            .ty
            .array_item()
            .is_some_and(|item| *item == TypeRef::String);
    // Text sent whole (a path segment, a text body) takes any string.
    let enum_values = match (
        &doc.description,
        takes_text && !matches!(location, Location::Path | Location::Body),
    ) {
        // The notes' `[enum: a, b]` first: a table's word is the docs' own.
        (_, true) if !doc.enum_values.is_empty() => doc.enum_values.clone(),
        (Some(description), true) => enum_from_prose(description),
        _ => Vec::new(),
    };
    Param {
        name: doc.name.clone(),
        wire_name,
        location,
        required: doc.required || location == Location::Path,
        ty: doc.ty.clone(),
        enum_values,
        default: doc.default.clone(),
        description: doc.description.clone(),
        style: ParamStyle::Standard,
        allow_reserved: false,
        wire_rule,
        at: doc.at.clone(),
    }
}

/// Rule `body-by-name`: swagger-codegen names every body parameter `body` (and
/// openapi-generator an inline one `requestBody`), whatever its type (a `bool`, an
/// enum model whose doc lists nothing). The name alone is not enough (some APIs have
/// a text query parameter called `body`): it takes the body when it names a model or
/// is the only parameter outside the path.
fn is_named_body(name: &str) -> bool {
    // openapi-generator names an inline request body `requestBody`.
    name.eq_ignore_ascii_case("body") || name.eq_ignore_ascii_case("requestBody")
}

/// Rule `path-placeholder`: a parameter whose name is a `{placeholder}` of the path is
/// a path parameter and its wire name is the placeholder.
pub fn path_placeholder<'p>(name: &str, path: &'p str) -> Option<&'p str> {
    Template::new(path)
        .placeholders()
        .find(|p| *p == name || p.to_snake_case() == name.to_snake_case())
}

/// Rule `location-from-body`: with no body, parameters are in the query; with a
/// multipart or form body they are its parts; with a JSON body, the parameter that is
/// no text (an object, a list of objects, a map) is the body and the rest stay in
/// the query; with a raw or text body, the bytes or the string.
pub fn param_location(ty: &TypeRef, body: Body, query_can_hold: bool) -> Location {
    match body {
        Body::None => Location::Query,
        Body::Multipart => Location::Multipart,
        Body::Form => Location::Form,
        Body::Json if !query_can_hold || *ty == TypeRef::Any || matches!(ty, TypeRef::Map(_)) => {
            Location::Body
        }
        Body::Json => Location::Query,
        Body::Binary if ty.is_binary() => Location::Body,
        Body::Text if *ty == TypeRef::String => Location::Body,
        Body::Binary | Body::Text => Location::Query,
    }
}

/// Rule `query-name`, continued: where the case convention or the dropped `_` would
/// send two parameters under one name (Ruby's and PHP's docs print the API's own
/// names, `_type`, `type` and `type_`), a parameter whose name the rule changed is
/// sent as documented.
fn keep_names_that_tell_apart(params: &mut [Param], naming: &Naming) {
    // Only names the case rule made: headers, placeholders and bodies keep theirs.
    let sent = |p: &Param| p.wire_rule == WireRule::Convention;
    let wire: Vec<(Location, String)> = params
        .iter()
        .map(|p| (p.location, p.wire_name.clone()))
        .collect();
    for (i, param) in params.iter_mut().enumerate() {
        let shared = wire
            .iter()
            .enumerate()
            .any(|(j, w)| j != i && *w == (param.location, param.wire_name.clone()));
        let as_documented = match &param.ty {
            TypeRef::Array(_) => format!("{}{}", param.name, naming.array_suffix),
            _ => param.name.clone(),
        };
        if sent(param) && shared && param.wire_name != as_documented {
            param.wire_name = as_documented;
            param.wire_rule = WireRule::Documented;
        }
    }
}

/// Rule `query-name`: the wire name is the documented name in the API's case
/// convention, after dropping the trailing `_` Go adds to keywords (`type_` → `type`);
/// array parameters take the API's array suffix (`category_ids[]`).
pub fn wire_name(name: &str, ty: &TypeRef, naming: &Naming) -> String {
    let base = naming
        .params()
        .apply(name.strip_suffix('_').unwrap_or(name));
    match ty {
        TypeRef::Array(_) => format!("{base}{}", naming.array_suffix),
        _ => base,
    }
}

/// Rule `field-json-name`: a property's JSON key is its documented (Go) name in the
/// API's case convention (`CategoryIds` → `category_ids`). A model doc whose
/// properties table is empty (swagger-codegen's docs of scalar models such as
/// `OuterBoolean`, and of `oneOf` schemas) says nothing of its JSON: any JSON value.
fn model_from_doc(doc: ModelDoc, naming: &Naming) -> Model {
    let kind = match doc.shape {
        // Settled once the operations show how it is used: `settle_opaque_models`.
        ModelDocShape::Properties(properties) if properties.is_empty() => ModelKind::Alias {
            ty: TypeRef::String,
        },
        ModelDocShape::Properties(properties) => ModelKind::Struct {
            fields: properties
                .into_iter()
                .map(|p| Field {
                    json_name: naming.model_fields().apply(&p.name),
                    name: p.name,
                    ty: p.ty,
                    required: p.required,
                    nullable: p.nullable,
                    default: p.default,
                    description: p.description,
                    flatten: false,
                    at: p.at,
                })
                .collect(),
        },
        ModelDocShape::Enum(values) => ModelKind::Enum { values },
        ModelDocShape::Scalar(ty) => ModelKind::Alias { ty },
    };
    Model {
        name: doc.name,
        description: None,
        kind,
        at: doc.at,
    }
}

/// Rule `errors-from-table`: the error statuses an `HTTP response details` table lists
/// (any status but 1xx, 2xx and 3xx), with what it says of them; then those the
/// description states (`errors-from-prose`) that the table does not list.
fn documented_errors(doc: &OperationDoc) -> Vec<ErrorStatus> {
    let mut errors: Vec<ErrorStatus> = doc
        .responses
        .iter()
        .filter(|r| r.status >= 400)
        .map(|r| ErrorStatus {
            status: Statuses::Code(r.status),
            meaning: r.description.clone(),
            source: FactSource::Table,
            at: r.at.clone(),
        })
        .collect();
    let prose = doc
        .description
        .as_deref()
        .map(|text| error_statuses_from_prose(text, &doc.description_at))
        .unwrap_or_default();
    for error in prose {
        if !errors.iter().any(|e| e.status == error.status) {
            errors.push(error);
        }
    }
    errors
}

/// Rule `errors-from-prose`: statuses that the description states unambiguously
/// ("a 404 HTTP response will be returned", "it will return a 409 error", "a 403 will
/// be raised", "(422 HTTP code)"). The meaning is the sentence that says it, with the
/// nested list it introduces. The first mention of a status wins.
pub fn error_statuses_from_prose(description: &str, at: &Provenance) -> Vec<ErrorStatus> {
    let mut found: Vec<ErrorStatus> = Vec::new();
    for unit in prose_units(description) {
        for sentence in sentences(&unit.text) {
            for status in stated_statuses(sentence) {
                if found.iter().any(|e| e.status == Statuses::Code(status)) {
                    continue;
                }
                let mut meaning = sentence.trim().to_owned();
                if meaning.ends_with(':') && !unit.children.is_empty() {
                    meaning.push(' ');
                    meaning.push_str(&unit.children.join("; "));
                }
                found.push(ErrorStatus {
                    status: Statuses::Code(status),
                    meaning,
                    source: FactSource::Prose,
                    at: at.clone(),
                });
            }
        }
    }
    found
}

/// A paragraph or list item, with the items nested under it.
struct ProseUnit {
    text: String,
    children: Vec<String>,
}

fn prose_units(description: &str) -> Vec<ProseUnit> {
    let mut units: Vec<ProseUnit> = Vec::new();
    for line in description.lines() {
        if let Some(child) = line.strip_prefix("  * ") {
            match units.last_mut() {
                Some(parent) => parent.children.push(child.trim().to_owned()),
                None => units.push(ProseUnit {
                    text: child.to_owned(),
                    children: Vec::new(),
                }),
            }
        } else if !line.trim().is_empty() {
            let text = line.strip_prefix("* ").unwrap_or(line).trim().to_owned();
            units.push(ProseUnit {
                text,
                children: Vec::new(),
            });
        }
    }
    units
}

/// Splits on `. ` so that each status keeps just the sentence that states it.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(". ").filter(|s| !s.trim().is_empty())
}

/// The 4xx/5xx statuses a sentence states: a three-digit number after an article or
/// a word that introduces a status, and before words that make it one (`a 404 HTTP
/// response`, `a 409 error`, `(422 HTTP code)`), so that "up to 500 error reports"
/// is not a status.
fn stated_statuses(sentence: &str) -> Vec<u16> {
    const INTRODUCERS: [&str; 9] = [
        "a ", "an ", "the ", "(", "http ", "status ", "code ", "return ", "returns ",
    ];
    const STATUS_WORDS: [&str; 6] = [
        " HTTP response",
        " HTTP code",
        " HTTP status",
        " error",
        " will be raised",
        " will be returned",
    ];
    let bytes = sentence.as_bytes();
    let mut statuses = Vec::new();
    for (start, _) in sentence.char_indices() {
        let end = start + 3;
        if end > bytes.len() || !bytes[start..end].iter().all(u8::is_ascii_digit) {
            continue;
        }
        let bounded_before = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        let bounded_after = bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric());
        let Ok(status) = sentence[start..end].parse::<u16>() else {
            continue;
        };
        let follows = &sentence[end..];
        let before = sentence[..start].to_lowercase();
        let introduced = before.is_empty() || INTRODUCERS.iter().any(|w| before.ends_with(w));
        if bounded_before
            && introduced
            && bounded_after
            && (400..=599).contains(&status)
            && STATUS_WORDS.iter().any(|w| follows.starts_with(w))
        {
            statuses.push(status);
        }
    }
    statuses
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conventions::Case;

    fn naming(suffix: &str) -> Naming {
        Naming {
            array_suffix: suffix.to_owned(),
            ..Naming::default()
        }
    }

    #[test]
    fn query_name_is_snake_case_without_go_keyword_escape() {
        let n = naming("");
        assert_eq!(
            wire_name("identityGroupId", &TypeRef::String, &n),
            "identity_group_id"
        );
        assert_eq!(wire_name("type_", &TypeRef::String, &n), "type");
        assert_eq!(wire_name("threadId", &TypeRef::String, &n), "thread_id");
    }

    #[test]
    fn array_params_take_the_api_suffix() {
        let ids = TypeRef::Array(Box::new(TypeRef::String));
        assert_eq!(
            wire_name("categoryIds", &ids, &naming("[]")),
            "category_ids[]"
        );
        assert_eq!(wire_name("categoryIds", &ids, &naming("")), "category_ids");
    }

    #[test]
    fn camel_case_and_documented_conventions() {
        let n = Naming {
            params: Some(Case::CamelCase),
            ..Naming::default()
        };
        assert_eq!(wire_name("ThreadId", &TypeRef::String, &n), "threadId");
        assert_eq!(Case::AsDocumented.apply("Thread_ID"), "Thread_ID");
    }

    #[test]
    fn path_placeholders_are_path_params() {
        assert_eq!(
            path_placeholder("interventionId", "/interventions/{interventionId}/cancel"),
            Some("interventionId")
        );
        assert_eq!(
            path_placeholder("userId", "/interventions/{interventionId}"),
            None
        );
    }

    #[test]
    fn json_is_preferred_among_listed_media_types() {
        assert_eq!(
            preferred_accept("application/xml, application/json"),
            "application/json"
        );
        assert_eq!(preferred_accept("application/json"), "application/json");
        assert_eq!(preferred_accept("text/csv"), "text/csv");
    }

    #[test]
    fn content_type_decides_the_location() {
        let model = TypeRef::Named("Tag".into());
        assert_eq!(
            param_location(&TypeRef::String, body_encoding(None), true),
            Location::Query
        );
        let multipart = body_encoding(Some("multipart/form-data:"));
        assert_eq!(multipart, Body::Multipart);
        assert_eq!(
            param_location(&TypeRef::Binary, multipart, false),
            Location::Multipart
        );
        let json = body_encoding(Some("application/json"));
        assert_eq!(param_location(&model, json, false), Location::Body);
        assert_eq!(
            param_location(&TypeRef::String, json, true),
            Location::Query
        );
        let zip = body_encoding(Some("application/zip"));
        assert_eq!(zip, Body::Binary);
        assert_eq!(param_location(&TypeRef::Binary, zip, false), Location::Body);
        assert_eq!(body_encoding(Some("text/plain")), Body::Text);
        assert_eq!(body_encoding(Some("application/xml")), Body::Binary);
        assert_eq!(
            body_encoding(Some("application/json; charset=utf-8")),
            Body::Json
        );
        assert_eq!(
            preferred_media("application/xml, application/json"),
            "application/json"
        );
        assert_eq!(preferred_media("application/zip"), "application/zip");
        assert_eq!(
            body_encoding(Some("application/x-www-form-urlencoded")),
            Body::Form
        );
    }

    #[test]
    fn statuses_in_prose_are_found_with_their_sentence() {
        let text = "Cancels it. If the user cannot read it a 404 HTTP response will be returned.\n\nCaveats:\n\n* If busy, it will return a 409 error.\n* To close it, criteria apply otherwise a 403 will be raised:\n  * not closed\n  * no replies\n\nIt renders an error (422 HTTP code).";
        let at = Provenance::new("x.md", 3);
        let found = error_statuses_from_prose(text, &at);
        let statuses: Vec<Statuses> = found.iter().map(|e| e.status).collect();
        assert_eq!(statuses, [404, 409, 403, 422].map(Statuses::Code));
        assert_eq!(
            found[0].meaning,
            "If the user cannot read it a 404 HTTP response will be returned."
        );
        assert_eq!(
            found[2].meaning,
            "To close it, criteria apply otherwise a 403 will be raised: not closed; no replies"
        );
        assert!(found
            .iter()
            .all(|e| e.source == FactSource::Prose && e.at == at));
    }

    #[test]
    fn quoted_alternatives_in_prose_are_enum_values() {
        let values = |text: &str| enum_from_prose(text);
        assert_eq!(
            values("To sort them. The value can be “created_at” or “updated_at”."),
            ["created_at", "updated_at"]
        );
        assert_eq!(values("Either “text” or “html”"), ["text", "html"]);
        assert_eq!(
            values("SLA expired strategy (\"max\", \"half\" or \"base\")"),
            ["max", "half", "base"]
        );
        assert_eq!(
            values("Can be ‘demo’, ‘production’ or ‘archived’"),
            ["demo", "production", "archived"]
        );
        assert_eq!(
            values("It can be \"man\", \"woman\" or empty."),
            ["man", "woman"]
        );
    }

    #[test]
    fn prose_that_is_not_a_closed_list_gives_no_enum() {
        let none = |text: &str| assert!(enum_from_prose(text).is_empty(), "{text}");
        none("It can be IdentityGroup or Intervention.");
        none("Two letters (example: \"fr\"/\"en\"/\"es\"), to bootstrap holidays.");
        none("Use “a” and “b” together.");
        none("Only “one” value.");
        none("Say “hello world” or “bye”.");
        none("An unclosed “quote or “two");
    }

    #[test]
    fn numbers_that_are_not_statuses_are_ignored() {
        let at = Provenance::new("x.md", 1);
        for text in [
            "The max value is 150.",
            "Returns 404 records.",
            "Code 4040 error.",
            "Up to 200 error messages.",
            "It keeps up to 500 error reports.",
            "Retries 429 error responses later.",
        ] {
            assert!(error_statuses_from_prose(text, &at).is_empty(), "{text}");
        }
    }
}
