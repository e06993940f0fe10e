//! The `requests` module: the API's constructors on `Client`, one method per operation
//! and one request builder per operation.
//!
//! Required parameters are the method's arguments, optional ones are setters on the
//! builder, and awaiting the builder sends the request (`IntoFuture`). All encoding
//! is done by the runtime; each operation only lists its parameters.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::Doc;
use crate::emit::format_parallel;
use crate::emit::models::code;
use crate::emit::names::{ident, snake, Taken};
use crate::emit::naming::Names;
use crate::emit::types::{rust_type, type_path, Scope};
use crate::model::{Api, AuthScheme, Body, Location, ModelKind, Operation, Param, TypeRef};

/// Builder methods that would shadow a trait method (`clone`, `into_future`) or that
/// clippy wants to be a trait implementation (`add`, `next`, …), and the builder's own
/// `client` field: parameters named like one get a suffix.
const RESERVED_FIELDS: &[&str] = &[
    "client",
    "clone",
    "into_future",
    "fmt",
    "add",
    "sub",
    "mul",
    "div",
    "rem",
    "neg",
    "not",
    "next",
    "from_str",
    "default",
    "hash",
    "eq",
    "ne",
    "cmp",
    "partial_cmp",
    "deref",
    "deref_mut",
    "drop",
    "into_iter",
    "borrow",
    "borrow_mut",
    "as_ref",
    "as_mut",
    "index",
    "index_mut",
    "shl",
    "shr",
    "bitand",
    "bitor",
    "bitxor",
    "from_iter",
    "to_owned",
    "to_string",
    "type_id",
];

/// The source of `requests.rs`: the API's constructors, then each operation's
/// `Client` method followed by its request builder, so that everything about one
/// operation reads in one place. Operations are printed in parallel.
pub fn emit(api: &Api, names: &Names) -> Result<String, String> {
    let operations: Vec<&Operation> = api.operations().collect();
    let header = header(api);
    format_parallel(header, &operations, |op| {
        let code = operation(op, api, names);
        let (method, builder) = (code.method, code.builder);
        quote! {
            impl crate::Client {
                #method
            }

            #builder
        }
    })
}

/// The items every `requests.rs` starts with: the future type, the API's facts for
/// the runtime and the constructors.
fn header(api: &Api) -> TokenStream {
    let template = &api.base_url.template;
    let token_query = api.auth.iter().find_map(|a| match a {
        AuthScheme::QueryParam { name } => Some(name.as_str()),
        AuthScheme::Bearer => None,
    });
    let token_query = match token_query {
        Some(name) => quote!(Some(#name)),
        None => quote!(None),
    };
    let constructors = constructors(api);
    quote! {
        /// What every request builder turns into when awaited.
        pub type ResponseFuture<T> = std::pin::Pin<
            Box<dyn std::future::Future<Output = Result<T, crate::Error>> + Send + 'static>,
        >;

        static API: crate::client::ApiSpec = crate::client::ApiSpec {
            base_url_template: #template,
            token_query_parameter: #token_query,
        };

        impl crate::Client {
            /// Starts configuring a client: server, token, timeouts, HTTP client.
            pub fn builder() -> crate::ClientBuilder {
                crate::ClientBuilder::new(&API)
            }

            /// A client for the API at `base_url` (any server, e.g. a test double),
            /// authenticating with `token`.
            pub fn with_base_url(
                base_url: impl Into<String>,
                token: crate::AccessToken,
            ) -> Result<crate::Client, crate::Error> {
                crate::Client::builder().base_url(base_url).token(token).build()
            }

            #constructors
        }
    }
}

/// `Client::new(token)` for a fixed server; `Client::for_domain(domain, token)` when
/// the server URL has one placeholder; only the builder when it has several.
fn constructors(api: &Api) -> TokenStream {
    let template = &api.base_url.template;
    match api.base_url.variables.as_slice() {
        [] => {
            let doc = Doc::new()
                .text(&format!("A client for `{}`.", code(template)))
                .tokens();
            quote! {
                #doc
                pub fn new(token: crate::AccessToken) -> Result<crate::Client, crate::Error> {
                    crate::Client::builder().token(token).build()
                }
            }
        }
        [variable] => {
            let fn_name = ident(&format!("for_{}", snake(&variable.name)));
            let arg = ident(&snake(&variable.name));
            let wire = &variable.name;
            let mut doc = Doc::new().text(&format!(
                "A client for `{}` with `{{{}}}` set to `{}`, authenticating with `token`.",
                code(template),
                code(wire),
                code(&snake(wire)),
            ));
            if let Some(description) = &variable.description {
                doc = doc.prose(description);
            }
            let doc = doc
                .section("Errors")
                .text(&format!(
                    "[`Error::Config`](crate::Error::Config) when `{}` is empty or holds \
                     anything but letters, digits, `-`, `_` and `.`.",
                    code(&snake(wire))
                ))
                .tokens();
            quote! {
                #doc
                pub fn #fn_name(
                    #arg: impl Into<String>,
                    token: crate::AccessToken,
                ) -> Result<crate::Client, crate::Error> {
                    crate::Client::builder().server_variable(#wire, #arg).token(token).build()
                }
            }
        }
        _ => TokenStream::new(),
    }
}

struct OperationCode {
    method: TokenStream,
    builder: TokenStream,
}

/// One parameter as the builder holds it.
struct ParamCode<'a> {
    param: &'a Param,
    field: proc_macro2::Ident,
    /// The stored type, without `Option`.
    ty: TokenStream,
    /// The element type when the parameter is an array.
    item: Option<TokenStream>,
    /// Whether it is a string (or array of strings): setters take `impl Into<String>`.
    stringly: bool,
}

fn operation(op: &Operation, api: &Api, names: &Names) -> OperationCode {
    let method_name = names.method(&op.name);
    let builder_name = names.builder(&op.name);
    let mut taken = Taken::with(RESERVED_FIELDS);
    let params: Vec<ParamCode> = op
        .params
        .iter()
        .map(|param| {
            let field = ident(&taken.claim(snake(&param.name), "_"));
            let enum_name = names.param_enum(&op.name, &param.name);
            let scalar = |ty: &TypeRef| match (enum_name, ty) {
                (Some(name), _) => type_path(name, Scope::Crate),
                // Uploads take a file name with the bytes.
                (None, TypeRef::Binary) if param.location == Location::Multipart => {
                    quote!(crate::FilePart)
                }
                (None, _) => rust_type(ty, names, Scope::Crate),
            };
            let (ty, item, stringly) = match &param.ty {
                TypeRef::Array(inner) => {
                    let item = scalar(inner);
                    (
                        quote!(Vec<#item>),
                        Some(item),
                        **inner == TypeRef::String && enum_name.is_none(),
                    )
                }
                other => (
                    scalar(other),
                    None,
                    *other == TypeRef::String && enum_name.is_none(),
                ),
            };
            ParamCode {
                param,
                field,
                ty,
                item,
                stringly,
            }
        })
        .collect();

    let builder = ident(&builder_name);
    let method = ident(&method_name);
    let required: Vec<&ParamCode> = params.iter().filter(|p| p.param.required).collect();
    let optional: Vec<&ParamCode> = params.iter().filter(|p| !p.param.required).collect();

    let output = match &op.returns {
        Some(ty) => rust_type(ty, names, Scope::Crate),
        None => quote!(()),
    };

    // Client::method(args) -> Builder
    let args = required.iter().map(|p| {
        let field = &p.field;
        match (&p.item, p.stringly) {
            (Some(_), true) => quote!(#field: impl IntoIterator<Item = impl Into<String>>),
            (Some(item), false) => quote!(#field: impl IntoIterator<Item = #item>),
            (None, true) => quote!(#field: impl Into<String>),
            (None, false) => {
                let ty = &p.ty;
                quote!(#field: #ty)
            }
        }
    });
    let inits = params.iter().map(|p| {
        let field = &p.field;
        match (p.param.required, &p.item, p.stringly) {
            (false, _, _) => quote!(#field: None),
            (true, Some(_), true) => quote!(#field: #field.into_iter().map(Into::into).collect()),
            (true, Some(_), false) => quote!(#field: #field.into_iter().collect()),
            (true, None, true) => quote!(#field: #field.into()),
            (true, None, false) => quote!(#field),
        }
    });
    let method_doc = method_doc(op, &required, &builder_name).tokens();
    // `self` and more than six arguments: the API documents that many required
    // parameters, and a struct for them would hide what the docs list.
    let allow = (required.len() > 6).then(|| {
        quote!(#[allow(clippy::too_many_arguments, reason = "the API documents this many required parameters")])
    });
    let method = quote! {
        #method_doc
        #allow
        pub fn #method(&self, #( #args ),*) -> crate::requests::#builder {
            crate::requests::#builder {
                client: self.clone(),
                #( #inits, )*
            }
        }
    };

    // The builder struct, its setters and IntoFuture.
    let fields = params.iter().map(|p| {
        let field = &p.field;
        let ty = &p.ty;
        match p.param.required {
            true => quote!(#field: #ty),
            false => quote!(#field: Option<#ty>),
        }
    });
    let setters = match optional.is_empty() {
        true => TokenStream::new(),
        false => {
            let setters = optional.iter().map(|p| setter(p));
            quote! {
                impl #builder {
                    #( #setters )*
                }
            }
        }
    };
    let struct_doc = Doc::new()
        .text(&format!(
            "A `{}` request: set its optional parameters, then `.await` it.",
            code(&op.name)
        ))
        .text(&format!(
            "Made by [`Client::{method_name}`](crate::Client::{method_name})."
        ))
        .tokens();
    let send = send_body(op, &params);
    let paging = paging_methods(op, &params, &builder, api, names);
    let builder_code = quote! {
        #struct_doc
        #[derive(Clone, Debug)]
        #[must_use = "a request does nothing until it is awaited"]
        pub struct #builder {
            client: crate::Client,
            #( #fields, )*
        }

        #setters

        #paging

        impl std::future::IntoFuture for #builder {
            type Output = Result<#output, crate::Error>;
            type IntoFuture = crate::requests::ResponseFuture<#output>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(async move { #send })
            }
        }
    };
    OperationCode {
        method,
        builder: builder_code,
    }
}

/// `pages()` and `stream()` for an operation with paging: every page, or every
/// record, fetched lazily by the runtime's paging walk.
fn paging_methods(
    op: &Operation,
    params: &[ParamCode],
    builder: &proc_macro2::Ident,
    api: &Api,
    names: &Names,
) -> TokenStream {
    let Some(paging) = &op.paging else {
        return TokenStream::new();
    };
    let param = |name: &str| params.iter().find(|p| p.param.name == name);
    let (Some(offset), Some(limit), Some(TypeRef::Named(page_model))) = (
        param(&paging.offset_param),
        param(&paging.limit_param),
        op.returns.as_ref(),
    ) else {
        return TokenStream::new();
    };
    let Some(ModelKind::Struct { fields }) = api.model(page_model).map(|m| &m.kind) else {
        return TokenStream::new();
    };
    let field = |name: &str| fields.iter().find(|f| f.name == name);
    let Some(items) = field(&paging.items_field) else {
        return TokenStream::new();
    };
    let Some(item_type) = items.ty.array_item() else {
        return TokenStream::new();
    };
    let page_type = rust_type(&TypeRef::Named(page_model.clone()), names, Scope::Crate);
    let item_type = rust_type(item_type, names, Scope::Crate);
    let items_field = ident(&names.field(page_model, &items.name));
    let (count, take) = match items.required {
        true => (quote!(page.#items_field.len()), quote!(page.#items_field)),
        false => (
            quote!(page.#items_field.as_ref().map_or(0, Vec::len)),
            quote!(page.#items_field.unwrap_or_default()),
        ),
    };
    let total = match paging.total_field.as_deref().and_then(field) {
        Some(total) => {
            let name = ident(&names.field(page_model, &total.name));
            match total.required {
                true => quote!(Some(i64::from(page.#name))),
                false => quote!(page.#name.map(i64::from)),
            }
        }
        None => quote!(None),
    };
    // Offsets and page sizes travel as the API's integer type; the walk counts in i64.
    // A value past the API's type ends the walk with an error instead of wrapping.
    let name = &op.name;
    let narrow = |p: &ParamCode, value: TokenStream| match p.param.ty {
        TypeRef::Int32 => {
            let parameter = &p.param.name;
            quote! {
                let Ok(#value) = i32::try_from(#value) else {
                    return Box::pin(std::future::ready(Err(crate::Error::InvalidParameter {
                        operation: #name,
                        parameter: #parameter,
                        reason: "is past the largest value the API takes",
                    })));
                };
            }
        }
        _ => TokenStream::new(),
    };
    let (offset_field, limit_field) = (&offset.field, &limit.field);
    let start = match offset.param.required {
        true => quote!(i64::from(self.#offset_field)),
        false => quote!(self.#offset_field.map_or(0, i64::from)),
    };
    let set_offset = {
        let narrow = narrow(offset, quote!(offset));
        match offset.param.required {
            true => quote!(#narrow request.#offset_field = offset;),
            false => quote!(#narrow request.#offset_field = Some(offset);),
        }
    };
    let max = match paging.max_limit {
        Some(max) => {
            let max = i64::from(max);
            quote!(.or(Some(#max)))
        }
        None => TokenStream::new(),
    };
    let page_size = match limit.param.required {
        true => quote!(Some(i64::from(self.#limit_field))),
        false => quote!(self.#limit_field.map(i64::from)#max),
    };
    let set_limit = {
        let narrow = narrow(limit, quote!(limit));
        match limit.param.required {
            true => quote!(if let Some(limit) = limit { #narrow request.#limit_field = limit; }),
            false => quote! {
                if let Some(limit) = limit {
                    #narrow
                    request.#limit_field = Some(limit);
                }
            },
        }
    };
    let size_text = match paging.max_limit {
        Some(max) => format!(
            "`{}` records a page ({max}, the most the API allows, when it is unset)",
            code(&limit.param.name)
        ),
        None => format!(
            "`{}` records a page (the API's default when it is unset)",
            code(&limit.param.name)
        ),
    };
    let pages_doc = Doc::new()
        .text("Every page of the collection, fetched one after the other as the stream is read.")
        .text(&format!(
            "Starts at this request's `{}` (0 when it is unset) and asks for {size_text}. The stream ends after the first error, an empty page, or once the page's total is reached; pages that give no total end it when they hold fewer records than asked for. Read it with `futures_util::StreamExt` (or `futures::StreamExt`).",
            code(&offset.param.name)
        ))
        .tokens();
    let stream_doc = Doc::new()
        .text("Every record of every page, one by one; see [`pages`](Self::pages).")
        .tokens();
    quote! {
        impl #builder {
            #pages_doc
            pub fn pages(self) -> crate::Paged<#page_type> {
                let offset = #start;
                let limit = #page_size;
                crate::paging::pages(
                    offset,
                    limit,
                    move |offset, limit| -> crate::requests::ResponseFuture<#page_type> {
                        let mut request = self.clone();
                        #set_offset
                        #set_limit
                        std::future::IntoFuture::into_future(request)
                    },
                    |page: &#page_type| (#count, #total),
                )
            }

            #stream_doc
            pub fn stream(self) -> crate::Paged<#item_type> {
                crate::paging::records(self.pages(), |page: #page_type| #take)
            }
        }
    }
}

/// The body of `into_future`: the operation's spec, its path values and query.
fn send_body(op: &Operation, params: &[ParamCode]) -> TokenStream {
    let name = &op.name;
    // `reqwest::Method`'s constants are named like the method on the wire.
    let http_method = ident(op.method.as_str());
    let path = &op.path;
    let accept = match &op.accept {
        Some(accept) => quote!(Some(#accept)),
        None => quote!(None),
    };
    let errors = op.errors.iter().map(|e| {
        let status = e.status;
        let meaning = &e.meaning;
        quote!((#status, #meaning))
    });
    let adds: Vec<TokenStream> = params.iter().map(|p| add_param(p, op.body)).collect();
    let call_decl = match adds.is_empty() {
        true => quote!(let call = crate::request::Call::default();),
        false => quote!(let mut call = crate::request::Call::default();),
    };
    let body = ident(match op.body {
        Body::None => "None",
        Body::Json => "Json",
        Body::Form => "Form",
        Body::Multipart => "Multipart",
        Body::Binary => "Binary",
        Body::Text => "Text",
    });
    let content_type = match &op.content_type {
        Some(media) => quote!(Some(#media)),
        None => quote!(None),
    };
    let send = match op.returns {
        Some(TypeRef::Binary) => quote!(send_bytes),
        Some(_) => quote!(send_json),
        None => quote!(send_empty),
    };
    quote! {
        static OPERATION: crate::request::OperationSpec = crate::request::OperationSpec {
            name: #name,
            method: reqwest::Method::#http_method,
            path: #path,
            body: crate::request::BodyKind::#body,
            accept: #accept,
            content_type: #content_type,
            errors: &[ #( #errors ),* ],
        };
        #call_decl
        #( #adds )*
        self.client.#send(&OPERATION, call).await
    }
}

/// The statement that adds one parameter to the request: its values are an iterator
/// of none (absent), one (scalar) or many (array) items.
fn add_param(p: &ParamCode, body: Body) -> TokenStream {
    let field = &p.field;
    let wire = &p.param.wire_name;
    let values = match (p.param.required, p.item.is_some()) {
        (true, false) => quote!(std::iter::once(&self.#field)),
        (true, true) | (false, false) => quote!(self.#field.iter()),
        (false, true) => quote!(self.#field.iter().flatten()),
    };
    let place = |place: &str| {
        let place = ident(place);
        quote!(call.add(crate::request::Place::#place, #wire, #values);)
    };
    match p.param.location {
        Location::Path => place("Path"),
        Location::Query => place("Query"),
        Location::Header => place("Header"),
        Location::Form => place("Field"),
        Location::Multipart if p.param.ty.is_binary() => quote!(call.file(#wire, #values);),
        Location::Multipart => place("Field"),
        Location::Body => {
            let name = &p.param.name;
            let value = match p.param.required {
                true => quote!(Some(&self.#field)),
                false => quote!(self.#field.as_ref()),
            };
            match body {
                Body::Binary => quote!(call.bytes(#value);),
                Body::Text => quote!(call.text(#value);),
                _ => quote!(call.json(#name, #value);),
            }
        }
    }
}

fn setter(p: &ParamCode) -> TokenStream {
    let field = &p.field;
    let doc = param_doc(p.param).tokens();
    match (&p.item, p.stringly) {
        (Some(_), true) => quote! {
            #doc
            pub fn #field(mut self, values: impl IntoIterator<Item = impl Into<String>>) -> Self {
                self.#field = Some(values.into_iter().map(Into::into).collect());
                self
            }
        },
        (Some(item), false) => quote! {
            #doc
            pub fn #field(mut self, values: impl IntoIterator<Item = #item>) -> Self {
                self.#field = Some(values.into_iter().collect());
                self
            }
        },
        (None, true) => quote! {
            #doc
            pub fn #field(mut self, value: impl Into<String>) -> Self {
                self.#field = Some(value.into());
                self
            }
        },
        (None, false) => {
            let ty = &p.ty;
            quote! {
                #doc
                pub fn #field(mut self, value: #ty) -> Self {
                    self.#field = Some(value);
                    self
                }
            }
        }
    }
}

fn location_text(param: &Param) -> String {
    let wire = code(&param.wire_name);
    match param.location {
        Location::Path => format!("the path segment `{{{wire}}}`"),
        Location::Query => format!("the query parameter `{wire}`"),
        Location::Header => format!("the header `{wire}`"),
        Location::Form => format!("the form field `{wire}`"),
        Location::Multipart if param.ty.is_binary() => format!("the multipart file part `{wire}`"),
        Location::Multipart => format!("the multipart field `{wire}`"),
        Location::Body => "the JSON body".to_owned(),
    }
}

fn param_doc(param: &Param) -> Doc {
    let mut doc = match &param.description {
        Some(text) => Doc::new().prose(text),
        None => Doc::new().text(&format!("Sets `{}`.", code(&param.name))),
    };
    let repeated = match param.ty {
        TypeRef::Array(_) if param.location == Location::Query => ", once per value",
        _ => "",
    };
    doc = doc.text(&format!("Sent as {}{repeated}.", location_text(param)));
    if let Some(default) = &param.default {
        doc = doc.text(&format!("The server's default: `{}`.", code(default)));
    }
    doc
}

fn method_doc(op: &Operation, required: &[&ParamCode], builder: &str) -> Doc {
    let mut doc = Doc::new();
    if let Some(summary) = &op.summary {
        doc = doc.prose(summary);
    }
    if let Some(description) = &op.description {
        doc = doc.prose(description);
    }
    doc = doc.text(&format!(
        "`{} {}` (`{}` in the API docs).",
        op.method,
        code(&op.path),
        code(&op.name)
    ));
    if !required.is_empty() {
        doc = doc.section("Parameters");
        for p in required {
            let lead = format!("`{}`: ", p.field);
            let mut text = p.param.description.clone().unwrap_or_default();
            if !text.is_empty() && !text.ends_with('.') {
                text.push('.');
            }
            doc = doc.item(&lead, &text);
            let last = doc_last_item_suffix(p.param);
            doc = doc.item_suffix(&last);
        }
    }
    doc = doc.text(&format!(
        "Returns a [`{builder}`](crate::requests::{builder}): set optional parameters on it, then `.await` it."
    ));
    doc = doc.section("Errors");
    if op.errors.is_empty() {
        doc = doc.text("The API documents no particular error status for this operation.");
    } else {
        doc = doc.text(
            "The API documents these statuses, returned as [`Error::Api`](crate::Error::Api):",
        );
        for error in &op.errors {
            doc = doc.item(&format!("{}: ", error.status), &error.meaning);
        }
    }
    doc.text("Any other failure is an [`Error`](crate::Error) too.")
}

fn doc_last_item_suffix(param: &Param) -> String {
    format!(" Sent as {}.", location_text(param))
}
