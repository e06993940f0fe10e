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
use crate::emit::text::{is_string_literal, string_literal, type_text, Code, Piece};
use crate::emit::types::{rust_type, type_path, Scope};
use crate::model::{
    Api, AuthKind, Body, KeyLocation, Location, ModelKind, Operation, Param, ParamStyle, TypeRef,
};

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
    emit_laid_out(api, names, true)
}

/// [`emit`], with the regular items written as text (`preformatted`) or all of them
/// printed by prettyplease: the two must give the same bytes.
fn emit_laid_out(api: &Api, names: &Names, preformatted: bool) -> Result<String, String> {
    let operations: Vec<&Operation> = api.operations().collect();
    let header = header(api);
    format_parallel(header, &operations, |op| {
        let code = operation(op, api, names, preformatted);
        let mut pieces = vec![code.method];
        pieces.extend(code.builder);
        pieces
    })
}

/// The items every `requests.rs` starts with: the future type, the API's facts for
/// the runtime and the constructors.
fn header(api: &Api) -> TokenStream {
    let template = &api.base_url.template;
    let api_security = &api.security;
    let schemes = api.auth.iter().map(|scheme| {
        let name = &scheme.name;
        let kind = match &scheme.kind {
            AuthKind::Bearer | AuthKind::OAuth2 { .. } => quote!(Bearer),
            AuthKind::Basic => quote!(Basic),
            AuthKind::TokenQuery { name } => quote!(TokenQuery(#name)),
            AuthKind::ApiKey { location, key_name } => match location {
                KeyLocation::Header => quote!(HeaderKey(#key_name)),
                KeyLocation::Query => quote!(QueryKey(#key_name)),
                KeyLocation::Cookie => quote!(CookieKey(#key_name)),
            },
        };
        quote! {
            crate::auth::AuthSchemeSpec {
                name: #name,
                kind: crate::auth::SchemeKind::#kind,
            }
        }
    });
    let constructors = constructors(api);
    let variables = api.base_url.variables.iter().map(|v| {
        let name = &v.name;
        let default = match &v.default {
            Some(default) => quote!(Some(#default)),
            None => quote!(None),
        };
        let values = &v.values;
        quote! {
            crate::client::ServerVariableSpec {
                name: #name,
                default: #default,
                values: &[ #( #values ),* ],
            }
        }
    });
    let credential = Credential::of(api);
    let with_base_url_doc = match api.base_url.is_relative() {
        true => Doc::new()
            .text(&format!(
                "A client for the API at `base_url`{}.",
                credential.with
            ))
            .text(&format!(
                "The API's server URL is relative (`{}`), so the client needs one: \
                 `base_url` is the whole server URL, e.g. `https://host.example{}`, and \
                 operation paths are appended to it.",
                code(template),
                code(template.trim_end_matches('/')),
            )),
        false => Doc::new()
            .text(&format!(
                "A client for the API at `base_url` (any server, e.g. a test double){}.",
                credential.with
            ))
            .text(
                "`base_url` replaces the whole server URL, variables included; operation \
                 paths are appended to it.",
            ),
    };
    let with_base_url_doc = with_base_url_doc.tokens();
    let (arg, set) = (&credential.arg, &credential.set);
    quote! {
        pub use crate::client::ResponseFuture;

        static API: crate::client::ApiSpec = crate::client::ApiSpec {
            base_url_template: #template,
            server_variables: &[ #( #variables ),* ],
            auth_schemes: &[ #( #schemes ),* ],
        };

        /// The credentials operations accept unless they say otherwise.
        #[allow(dead_code, reason = "only operations without their own security use it")]
        const API_SECURITY: &[&[&str]] = &[ #( &[ #( #api_security ),* ] ),* ];

        impl crate::Client {
            /// Starts configuring a client: server, token, timeouts, HTTP client.
            pub fn builder() -> crate::ClientBuilder {
                crate::ClientBuilder::new(&API)
            }

            #with_base_url_doc
            pub fn with_base_url(
                base_url: impl Into<String>,
                #arg
            ) -> Result<crate::Client, crate::Error> {
                crate::Client::builder().base_url(base_url) #set .build()
            }

            #constructors
        }
    }
}

/// `Client::new(token)` for a fixed server, or one whose variables all have a
/// default; `Client::for_domain(domain, token)` when the server URL has one
/// placeholder; only the builder otherwise. A relative server URL gets no constructor
/// but `with_base_url`: the caller must say where the API is.
fn constructors(api: &Api) -> TokenStream {
    let template = &api.base_url.template;
    if api.base_url.is_relative() {
        return TokenStream::new();
    }
    let credential = Credential::of(api);
    let (token_arg, set, with) = (&credential.arg, &credential.set, credential.with);
    let arg = token_arg;
    let variables = &api.base_url.variables;
    let mut code_out = TokenStream::new();
    if variables.iter().all(|v| v.default.is_some()) {
        let mut doc = Doc::new();
        doc = match variables.is_empty() {
            true => doc.text(&format!("A client for `{}`{with}.", code(template))),
            false => {
                let defaults: Vec<String> = variables
                    .iter()
                    .map(|v| {
                        format!(
                            "`{{{}}}` = `{}`",
                            code(&v.name),
                            code(v.default.as_deref().unwrap_or_default())
                        )
                    })
                    .collect();
                doc.text(&format!(
                    "A client for `{}` with its defaults ({}){with}. \
                     Set other values with [`Client::builder`](crate::Client::builder) and `server_variable`.",
                    code(template),
                    defaults.join(", ")
                ))
            }
        };
        let doc = doc.tokens();
        code_out.extend(quote! {
            #doc
            pub fn new(#arg) -> Result<crate::Client, crate::Error> {
                crate::Client::builder() #set .build()
            }
        });
    }
    if let [variable] = variables.as_slice() {
        let fn_name = ident(&format!("for_{}", snake(&variable.name)));
        let arg = ident(&snake(&variable.name));
        let wire = &variable.name;
        let mut doc = Doc::new().text(&format!(
            "A client for `{}` with `{{{}}}` set to `{}`{with}.",
            code(template),
            code(wire),
            code(&snake(wire)),
        ));
        if let Some(description) = &variable.description {
            doc = doc.prose(description);
        }
        if let Some(default) = &variable.default {
            doc = doc.text(&format!("The API's default: `{}`.", code(default)));
        }
        let scheme = template.starts_with(&format!("{{{wire}}}://"));
        let refused = match (variable.values.as_slice(), scheme) {
            ([], true) => "is neither `http` nor `https`".to_owned(),
            ([], false) => {
                "is empty or holds anything but letters, digits, `-`, `_` and `.`".to_owned()
            }
            (values, _) => {
                let values: Vec<String> = values.iter().map(|v| format!("`{}`", code(v))).collect();
                format!("is not one of {}", values.join(", "))
            }
        };
        let doc = doc
            .section("Errors")
            .text(&format!(
                "[`Error::Config`](crate::Error::Config) when `{}` {refused}.",
                code(&snake(wire))
            ))
            .tokens();
        code_out.extend(quote! {
            #doc
            pub fn #fn_name(
                #arg: impl Into<String>,
                #token_arg
            ) -> Result<crate::Client, crate::Error> {
                crate::Client::builder().server_variable(#wire, #arg) #set .build()
            }
        });
    }
    code_out
}

/// The credential the constructors take: the access token when the API has a
/// token scheme; none otherwise (API keys and passwords are set on the builder).
struct Credential {
    arg: TokenStream,
    set: TokenStream,
    /// How the docs end the constructor's first sentence.
    with: &'static str,
}

impl Credential {
    fn of(api: &Api) -> Self {
        match api.takes_token() {
            true => Credential {
                arg: quote!(token: crate::AccessToken),
                set: quote!(.token(token)),
                with: ", authenticating with `token`",
            },
            false => Credential {
                arg: TokenStream::new(),
                set: TokenStream::new(),
                with: "",
            },
        }
    }
}

struct OperationCode {
    /// `impl Client` with the operation's method.
    method: Piece,
    /// The builder struct, its setters, paging methods and `IntoFuture`.
    builder: Vec<Piece>,
}

/// How a parameter's value is held and sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// One value: a scalar, an enum, a file, a body.
    One,
    /// An array, `Vec<T>`.
    List,
    /// An array of arrays of text in the query, `Vec<Vec<T>>`: the key once per inner
    /// array, its items comma-joined.
    Lists,
    /// A map of text in the query, `BTreeMap<String, T>`: `name[key]=value`.
    Map,
}

/// One parameter as the builder holds it.
struct ParamCode<'a> {
    param: &'a Param,
    field: proc_macro2::Ident,
    shape: Shape,
    /// The stored type, without `Option`.
    ty: TokenStream,
    /// The type of one value: the array's item, the inner arrays' item, the map's
    /// value, or the type itself.
    item: TokenStream,
    /// Whether the values are strings: arguments take `impl Into<String>`.
    stringly: bool,
    /// Whether it is a raw body: arguments take `impl Into<Vec<u8>>`.
    bytes: bool,
}

impl ParamCode<'_> {
    /// The type an argument or setter takes.
    fn input(&self) -> TokenStream {
        let item = match (self.stringly, self.bytes) {
            (true, _) => quote!(impl Into<String>),
            (_, true) => quote!(impl Into<Vec<u8>>),
            _ => self.item.clone(),
        };
        match self.shape {
            Shape::One => item,
            Shape::List => quote!(impl IntoIterator<Item = #item>),
            Shape::Lists => quote!(impl IntoIterator<Item = impl IntoIterator<Item = #item>>),
            Shape::Map => quote!(impl IntoIterator<Item = (impl Into<String>, #item)>),
        }
    }

    /// `value`, of the [`input`](Self::input) type, as the stored type; `None` when
    /// it is already.
    fn convert(&self, value: &proc_macro2::Ident) -> Option<TokenStream> {
        let into = self.stringly || self.bytes;
        Some(match (self.shape, into) {
            (Shape::One, true) => quote!(#value.into()),
            (Shape::One, false) => return None,
            (Shape::List, true) => quote!(#value.into_iter().map(Into::into).collect()),
            (Shape::List, false) => quote!(#value.into_iter().collect()),
            (Shape::Lists, true) => quote! {
                #value.into_iter().map(|list| list.into_iter().map(Into::into).collect()).collect()
            },
            (Shape::Lists, false) => {
                quote!(#value.into_iter().map(|list| list.into_iter().collect()).collect())
            }
            (Shape::Map, true) => quote! {
                #value.into_iter().map(|(key, value)| (key.into(), value.into())).collect()
            },
            (Shape::Map, false) => {
                quote!(#value.into_iter().map(|(key, value)| (key.into(), value)).collect())
            }
        })
    }

    /// [`convert`](Self::convert) as text: `Some(None)` when no conversion is needed,
    /// `None` for the shapes whose layout is left to prettyplease.
    fn convert_text(&self, value: &str) -> Option<Option<String>> {
        Some(match (self.shape, self.stringly || self.bytes) {
            (Shape::One, true) => Some(format!("{value}.into()")),
            (Shape::One, false) => None,
            (Shape::List, true) => Some(format!("{value}.into_iter().map(Into::into).collect()")),
            (Shape::List, false) => Some(format!("{value}.into_iter().collect()")),
            _ => return None,
        })
    }

    /// The name a setter gives its argument.
    fn setter_arg(&self) -> proc_macro2::Ident {
        ident(match self.shape {
            Shape::One => "value",
            Shape::List | Shape::Lists => "values",
            Shape::Map => "entries",
        })
    }
}

fn param_code<'a>(
    op: &Operation,
    param: &'a Param,
    field: proc_macro2::Ident,
    names: &Names,
) -> ParamCode<'a> {
    let enum_name = names.param_enum(&op.name, &param.name);
    let in_query = param.location == Location::Query;
    let (shape, leaf) = match &param.ty {
        TypeRef::Array(inner) => match &**inner {
            TypeRef::Array(leaf) if in_query => (Shape::Lists, &**leaf),
            inner => (Shape::List, inner),
        },
        TypeRef::Map(value) if in_query => (Shape::Map, &**value),
        ty => (Shape::One, ty),
    };
    let item = match (enum_name, leaf) {
        (Some(name), _) => type_path(name, Scope::Crate),
        // Uploads take a file name with the bytes.
        (None, TypeRef::Binary) if param.location == Location::Multipart => {
            quote!(crate::FilePart)
        }
        (None, ty) => rust_type(ty, names, Scope::Crate),
    };
    let ty = match shape {
        Shape::One => item.clone(),
        Shape::List => quote!(Vec<#item>),
        Shape::Lists => quote!(Vec<Vec<#item>>),
        Shape::Map => quote!(std::collections::BTreeMap<String, #item>),
    };
    ParamCode {
        param,
        field,
        shape,
        ty,
        item,
        stringly: *leaf == TypeRef::String && enum_name.is_none(),
        bytes: shape == Shape::One && param.location == Location::Body && *leaf == TypeRef::Binary,
    }
}

fn operation(op: &Operation, api: &Api, names: &Names, preformatted: bool) -> OperationCode {
    let method_name = names.method(&op.name);
    let builder_name = names.builder(&op.name);
    let mut taken = Taken::with(RESERVED_FIELDS);
    let params: Vec<ParamCode> = op
        .params
        .iter()
        .map(|param| {
            let field = ident(&taken.claim(snake(&param.name), "_"));
            param_code(op, param, field, names)
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
        let input = p.input();
        quote!(#field: #input)
    });
    let inits = params.iter().map(|p| {
        let field = &p.field;
        match (p.param.required, p.convert(field)) {
            (false, _) => quote!(#field: None),
            (true, Some(value)) => quote!(#field: #value),
            (true, None) => quote!(#field),
        }
    });
    let method_doc = method_doc(op, &required, &builder_name);
    let method_text = preformatted
        .then(|| method_text(&method_doc, &method_name, &builder_name, &required, &params))
        .flatten();
    let method = match method_text {
        Some(text) => Piece::Text(text),
        None => {
            let method_doc = method_doc.tokens();
            // `self` and more than six arguments: the API documents that many required
            // parameters, and a struct for them would hide what the docs list.
            let allow = (required.len() > 6).then(|| {
                quote!(#[allow(clippy::too_many_arguments, reason = "the API documents this many required parameters")])
            });
            Piece::Tokens(quote! {
                impl crate::Client {
                    #method_doc
                    #allow
                    pub fn #method(&self, #( #args ),*) -> crate::requests::#builder {
                        crate::requests::#builder {
                            client: self.clone(),
                            #( #inits, )*
                        }
                    }
                }
            })
        }
    };

    // The builder struct, its setters and IntoFuture.
    let struct_doc = Doc::new()
        .text(&format!(
            "A `{}` request: set its optional parameters, then `.await` it.",
            code(&op.name)
        ))
        .text(&format!(
            "Made by [`Client::{method_name}`](crate::Client::{method_name})."
        ));
    let builder_struct = preformatted
        .then(|| builder_struct_text(&struct_doc, &builder_name, &params))
        .flatten()
        .map(Piece::Text)
        .unwrap_or_else(|| {
            let struct_doc = struct_doc.tokens();
            let fields = params.iter().map(|p| {
                let field = &p.field;
                let ty = &p.ty;
                match p.param.required {
                    true => quote!(#field: #ty),
                    false => quote!(#field: Option<#ty>),
                }
            });
            Piece::Tokens(quote! {
                #struct_doc
                #[derive(Clone, Debug)]
                #[must_use = "a request does nothing until it is awaited"]
                pub struct #builder {
                    client: crate::Client,
                    #( #fields, )*
                }
            })
        });
    let setters = match optional.is_empty() {
        true => None,
        false => Some(
            preformatted
                .then(|| setters_text(&builder_name, &optional, op))
                .flatten()
                .map(Piece::Text)
                .unwrap_or_else(|| {
                    let setters = optional.iter().map(|p| setter(p, op));
                    Piece::Tokens(quote! {
                        impl #builder {
                            #( #setters )*
                        }
                    })
                }),
        ),
    };
    let paging = paging_methods(op, &params, &builder, api, names);
    let into_future_text = preformatted
        .then(|| into_future_text(op, &params, &builder_name, &output))
        .flatten();
    let into_future = match into_future_text {
        Some(text) => Piece::Text(text),
        None => Piece::Tokens({
            let send = send_body(op, &params);
            quote! {
                impl std::future::IntoFuture for #builder {
                    type Output = Result<#output, crate::Error>;
                    type IntoFuture = crate::requests::ResponseFuture<#output>;

                    fn into_future(self) -> Self::IntoFuture {
                        #send
                    }
                }
            }
        }),
    };
    let mut builder_code = vec![builder_struct];
    builder_code.extend(setters);
    if !paging.is_empty() {
        builder_code.push(Piece::Tokens(paging));
    }
    builder_code.push(into_future);
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
    // Offsets, page sizes and totals travel as the API's integer type (int32 or
    // int64); the walk counts in i64, so only int32 values are converted.
    let widen = |ty: &TypeRef, value: TokenStream| match ty {
        TypeRef::Int32 => quote!(i64::from(#value)),
        _ => value,
    };
    let widen_option = |ty: &TypeRef, value: TokenStream| match ty {
        TypeRef::Int32 => quote!(#value.map(i64::from)),
        _ => value,
    };
    let integer = |ty: &TypeRef| matches!(ty, TypeRef::Int32 | TypeRef::Int64);
    let plain_integer =
        |p: &ParamCode| integer(&p.param.ty) && names.param_enum(&op.name, &p.param.name).is_none();
    if !plain_integer(offset) || !plain_integer(limit) {
        return TokenStream::new();
    }
    let total = match paging.total_field.as_deref().and_then(field) {
        Some(total) if integer(&total.ty) => {
            let name = ident(&names.field(page_model, &total.name));
            match total.required {
                true => {
                    let total = widen(&total.ty, quote!(page.#name));
                    quote!(Some(#total))
                }
                false => widen_option(&total.ty, quote!(page.#name)),
            }
        }
        _ => quote!(None),
    };
    // A value past an int32 parameter's range ends the walk with an error instead of
    // wrapping.
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
    let start = match (offset.param.required, &offset.param.ty) {
        (true, ty) => widen(ty, quote!(self.#offset_field)),
        (false, TypeRef::Int32) => quote!(self.#offset_field.map_or(0, i64::from)),
        (false, _) => quote!(self.#offset_field.unwrap_or(0)),
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
        true => {
            let size = widen(&limit.param.ty, quote!(self.#limit_field));
            quote!(Some(#size))
        }
        false => {
            let size = widen_option(&limit.param.ty, quote!(self.#limit_field));
            quote!(#size #max)
        }
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
    let body = ident(body_kind(op.body));
    let content_type = match &op.content_type {
        Some(media) => quote!(Some(#media)),
        None => quote!(None),
    };
    let security = match &op.security {
        None => quote!(API_SECURITY),
        Some(own) => {
            let alternatives = own.iter().map(|names| quote!(&[ #( #names ),* ]));
            quote!(&[ #( #alternatives ),* ])
        }
    };
    let send = ident(sender(op));
    quote! {
        static OPERATION: crate::request::OperationSpec = crate::request::OperationSpec {
            name: #name,
            method: reqwest::Method::#http_method,
            path: #path,
            body: crate::request::BodyKind::#body,
            accept: #accept,
            content_type: #content_type,
            errors: &[ #( #errors ),* ],
            security: #security,
        };
        #call_decl
        #( #adds )*
        self.client.#send(&OPERATION, call)
    }
}

/// The client's method that sends `op` and decodes its answer.
fn sender(op: &Operation) -> &'static str {
    // Text (`text/plain`, `text/csv`...) is returned as it is, any invalid UTF-8
    // replaced; JSON is decoded; bytes are returned as they are.
    let text = op.returns == Some(TypeRef::String)
        && op.accept.as_deref().is_some_and(|a| a.starts_with("text/"));
    match op.returns {
        _ if text => "send_text",
        Some(TypeRef::Binary) => "send_bytes",
        Some(_) => "send_json",
        None => "send_empty",
    }
}

/// The runtime's `BodyKind` variant for `body`.
fn body_kind(body: Body) -> &'static str {
    match body {
        Body::None => "None",
        Body::Json => "Json",
        Body::Form => "Form",
        Body::Multipart => "Multipart",
        Body::Binary => "Binary",
        Body::Text => "Text",
    }
}

/// The runtime's `Place` variant a parameter is sent in.
fn place(p: &ParamCode) -> &'static str {
    match p.param.location {
        Location::Path => "Path",
        Location::Query if p.param.allow_reserved => "ReservedQuery",
        Location::Query => "Query",
        Location::Header => "Header",
        Location::Cookie => "Cookie",
        Location::Form | Location::Multipart | Location::Body => "Field",
    }
}

/// The statement that adds one parameter to the request. `one` is an iterator of
/// none (absent) or one value, `each` of the values of an array (of arrays) or map.
fn add_param(p: &ParamCode, body: Body) -> TokenStream {
    let field = &p.field;
    let wire = &p.param.wire_name;
    let (one, each) = match p.param.required {
        true => (
            quote!(std::iter::once(&self.#field)),
            quote!(self.#field.iter()),
        ),
        false => (
            quote!(self.#field.iter()),
            quote!(self.#field.iter().flatten()),
        ),
    };
    let location = p.param.location;
    let place = ident(place(p));
    let at = quote!(crate::request::Place::#place);
    let style = p.param.style;
    match (location, p.shape) {
        (Location::Body, _) => {
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
        (Location::Multipart, Shape::One) if p.param.ty.is_binary() => {
            quote!(call.file(#wire, #one);)
        }
        (Location::Multipart, _) if p.param.ty.is_binary() => quote!(call.file(#wire, #each);),
        // OpenAPI's `simple` style: one segment, header or cookie, the items
        // comma-joined.
        (Location::Path | Location::Header | Location::Cookie, Shape::List) => {
            quote!(call.add_joined(#at, #wire, #one);)
        }
        // `form` without `explode`, `pipeDelimited`, `spaceDelimited`: one pair.
        (Location::Query, Shape::List) => match style.delimiter() {
            Some(',') => quote!(call.add_joined(#at, #wire, #one);),
            Some(delimiter) => quote!(call.add_delimited(#at, #wire, #delimiter, #one);),
            None => quote!(call.add(#at, #wire, #each);),
        },
        (_, Shape::Lists) => quote!(call.add_joined(#at, #wire, #each);),
        (_, Shape::Map) => match style {
            ParamStyle::Flat => quote!(call.add_flat_entries(#each);),
            ParamStyle::CommaDelimited => quote!(call.add_joined_entries(#wire, #each);),
            _ => quote!(call.add_entries(#wire, #each);),
        },
        (_, Shape::List) => quote!(call.add(#at, #wire, #each);),
        (_, Shape::One) => quote!(call.add(#at, #wire, #one);),
    }
}

/// `impl Client` with the operation's method as text, or `None` when prettyplease
/// must lay it out.
fn method_text(
    doc: &Doc,
    method: &str,
    builder: &str,
    required: &[&ParamCode],
    params: &[ParamCode],
) -> Option<String> {
    // More than six arguments take an `allow` longer than a line.
    if required.len() > 6 {
        return None;
    }
    let mut code = Code::new();
    code.line(0, "impl crate::Client {");
    code.lines(doc.printed("    ")?);
    let mut args = vec!["&self".to_owned()];
    for p in required {
        args.push(format!("{}: {}", p.field, type_text(&p.input())?));
    }
    let returns = format!(" -> crate::requests::{builder} {{");
    code.list(4, &format!("pub fn {method}"), ("(", ")"), &args, &returns);
    code.line(8, &format!("crate::requests::{builder} {{"));
    code.line(12, "client: self.clone(),");
    for p in params {
        let field = p.field.to_string();
        if !p.param.required {
            code.line(12, &format!("{field}: None,"));
            continue;
        }
        match p.convert_text(&field)? {
            Some(value) => code.line(12, &format!("{field}: {value},")),
            None => code.line(12, &format!("{field},")),
        }
    }
    code.line(8, "}");
    code.line(4, "}");
    code.line(0, "}");
    code.finish()
}

/// The builder's `IntoFuture` as text, or `None` when prettyplease must lay it out.
fn into_future_text(
    op: &Operation,
    params: &[ParamCode],
    builder: &str,
    output: &TokenStream,
) -> Option<String> {
    let output = type_text(output)?;
    let send = sender(op);
    let optional = |value: &Option<String>| match value {
        Some(value) => format!("Some({})", string_literal(value)),
        None => "None".to_owned(),
    };
    let mut code = Code::new();
    code.line(0, &format!("impl std::future::IntoFuture for {builder} {{"));
    code.list(
        4,
        "type Output = Result",
        ("<", ">"),
        &[output.clone(), "crate::Error".to_owned()],
        ";",
    );
    code.list(
        4,
        "type IntoFuture = crate::requests::ResponseFuture",
        ("<", ">"),
        &[output],
        ";",
    );
    code.line(4, "fn into_future(self) -> Self::IntoFuture {");
    code.line(
        8,
        "static OPERATION: crate::request::OperationSpec = crate::request::OperationSpec {",
    );
    let field = |code: &mut Code, name: &str, value: &str| match is_string_literal(value) {
        true => code.whole_line(12, &format!("{name}: {value},")),
        false => code.line(12, &format!("{name}: {value},")),
    };
    field(&mut code, "name", &string_literal(&op.name));
    field(
        &mut code,
        "method",
        &format!("reqwest::Method::{}", op.method.as_str()),
    );
    field(&mut code, "path", &string_literal(&op.path));
    field(
        &mut code,
        "body",
        &format!("crate::request::BodyKind::{}", body_kind(op.body)),
    );
    field(&mut code, "accept", &optional(&op.accept));
    field(&mut code, "content_type", &optional(&op.content_type));
    let errors: Vec<Vec<String>> = op
        .errors
        .iter()
        .map(|e| vec![format!("{}u16", e.status), string_literal(&e.meaning)])
        .collect();
    code.nested_list(12, "errors: &", ("[", "]"), &errors, ("(", ")"), ",");
    match &op.security {
        None => field(&mut code, "security", "API_SECURITY"),
        Some(own) => {
            let alternatives: Vec<Vec<String>> = own
                .iter()
                .map(|names| names.iter().map(|n| string_literal(n)).collect())
                .collect();
            code.nested_list(
                12,
                "security: &",
                ("[", "]"),
                &alternatives,
                ("&[", "]"),
                ",",
            );
        }
    }
    code.line(8, "};");
    match params.is_empty() {
        true => code.line(8, "let call = crate::request::Call::default();"),
        false => code.line(8, "let mut call = crate::request::Call::default();"),
    }
    for p in params {
        let (method, args) = add_param_text(p, op.body)?;
        code.list(8, &format!("call.{method}"), ("(", ")"), &args, ";");
    }
    code.line(8, &format!("self.client.{send}(&OPERATION, call)"));
    code.line(4, "}");
    code.line(0, "}");
    code.finish()
}

/// [`add_param`] as text: the `Call` method and its arguments.
fn add_param_text(p: &ParamCode, body: Body) -> Option<(&'static str, Vec<String>)> {
    let field = &p.field;
    let wire = string_literal(&p.param.wire_name);
    let (one, each) = match p.param.required {
        true => (
            format!("std::iter::once(&self.{field})"),
            format!("self.{field}.iter()"),
        ),
        false => (
            format!("self.{field}.iter()"),
            format!("self.{field}.iter().flatten()"),
        ),
    };
    let location = p.param.location;
    let at = format!("crate::request::Place::{}", place(p));
    Some(match (location, p.shape) {
        (Location::Body, _) => {
            let value = match p.param.required {
                true => format!("Some(&self.{field})"),
                false => format!("self.{field}.as_ref()"),
            };
            match body {
                Body::Binary => ("bytes", vec![value]),
                Body::Text => ("text", vec![value]),
                _ => ("json", vec![string_literal(&p.param.name), value]),
            }
        }
        (Location::Multipart, Shape::One) if p.param.ty.is_binary() => ("file", vec![wire, one]),
        (Location::Multipart, _) if p.param.ty.is_binary() => ("file", vec![wire, each]),
        (Location::Path | Location::Header | Location::Cookie, Shape::List) => {
            ("add_joined", vec![at, wire, one])
        }
        (Location::Query, Shape::List) => match p.param.style.delimiter() {
            Some(',') => ("add_joined", vec![at, wire, one]),
            Some(delimiter) => (
                "add_delimited",
                vec![
                    at,
                    wire,
                    proc_macro2::Literal::character(delimiter).to_string(),
                    one,
                ],
            ),
            None => ("add", vec![at, wire, each]),
        },
        (_, Shape::Lists) => ("add_joined", vec![at, wire, each]),
        (_, Shape::Map) => match p.param.style {
            ParamStyle::Flat => ("add_flat_entries", vec![each]),
            ParamStyle::CommaDelimited => ("add_joined_entries", vec![wire, each]),
            _ => ("add_entries", vec![wire, each]),
        },
        (_, Shape::List) => ("add", vec![at, wire, each]),
        (_, Shape::One) => ("add", vec![at, wire, one]),
    })
}

/// The builder struct as text, or `None` when prettyplease must lay it out.
fn builder_struct_text(doc: &Doc, builder: &str, params: &[ParamCode]) -> Option<String> {
    let mut code = Code::new();
    code.lines(doc.printed("")?);
    code.line(0, "#[derive(Clone, Debug)]");
    code.line(
        0,
        "#[must_use = \"a request does nothing until it is awaited\"]",
    );
    code.line(0, &format!("pub struct {builder} {{"));
    code.line(4, "client: crate::Client,");
    for p in params {
        let ty = type_text(&p.ty)?;
        match p.param.required {
            true => code.line(4, &format!("{}: {ty},", p.field)),
            false => code.line(4, &format!("{}: Option<{ty}>,", p.field)),
        }
    }
    code.line(0, "}");
    code.finish()
}

/// The builder's `impl` block of setters as text, or `None` when prettyplease must
/// lay one of them out.
fn setters_text(builder: &str, optional: &[&ParamCode], op: &Operation) -> Option<String> {
    let mut code = Code::new();
    code.line(0, &format!("impl {builder} {{"));
    for p in optional {
        code.lines(param_doc(p, op).printed("    ")?);
        let arg = p.setter_arg().to_string();
        let args = [
            "mut self".to_owned(),
            format!("{arg}: {}", type_text(&p.input())?),
        ];
        code.list(
            4,
            &format!("pub fn {}", p.field),
            ("(", ")"),
            &args,
            " -> Self {",
        );
        let value = p.convert_text(&arg)?.unwrap_or(arg);
        code.line(8, &format!("self.{} = Some({value});", p.field));
        code.line(8, "self");
        code.line(4, "}");
    }
    code.line(0, "}");
    code.finish()
}

fn setter(p: &ParamCode, op: &Operation) -> TokenStream {
    let field = &p.field;
    let doc = param_doc(p, op).tokens();
    let arg = p.setter_arg();
    let input = p.input();
    let value = p.convert(&arg).unwrap_or_else(|| quote!(#arg));
    quote! {
        #doc
        pub fn #field(mut self, #arg: #input) -> Self {
            self.#field = Some(#value);
            self
        }
    }
}

/// How the parameter travels, for "Sent as ...": where, and how its values are
/// written there.
fn sent_as(p: &ParamCode, op: &Operation) -> String {
    let wire = code(&p.param.wire_name);
    let binary = p.param.ty.is_binary();
    let reserved = match p.param.allow_reserved {
        true => ", reserved characters such as `/` and `?` left unencoded",
        false => "",
    };
    match (p.param.location, p.shape) {
        (Location::Path, Shape::List) => {
            format!("the path segment `{{{wire}}}`, the values joined by commas (`a,b`)")
        }
        (Location::Path, _) => format!("the path segment `{{{wire}}}`"),
        (Location::Query, Shape::One) => format!("the query parameter `{wire}`{reserved}"),
        (Location::Query, Shape::List) => match p.param.style {
            ParamStyle::CommaDelimited => format!(
                "the query parameter `{wire}`, once, the values joined by commas (`{wire}=a,b`){reserved}"
            ),
            ParamStyle::PipeDelimited => format!(
                "the query parameter `{wire}`, once, the values joined by `|` (`{wire}=a|b`){reserved}"
            ),
            ParamStyle::SpaceDelimited => format!(
                "the query parameter `{wire}`, once, the values joined by spaces (`{wire}=a%20b`){reserved}"
            ),
            ParamStyle::TabDelimited => format!(
                "the query parameter `{wire}`, once, the values joined by tabs (`{wire}=a%09b`){reserved}"
            ),
            _ => format!("the query parameter `{wire}`, once per value{reserved}"),
        },
        (Location::Query, Shape::Lists) => format!(
            "the query parameter `{wire}`, once per inner list, its values joined by commas (`{wire}=a,b&{wire}=c`)"
        ),
        (Location::Query, Shape::Map) => match p.param.style {
            ParamStyle::Flat => {
                "the query parameters `key=value`, one per entry, in key order".to_owned()
            }
            ParamStyle::CommaDelimited => format!(
                "the query parameter `{wire}`, once, keys and values joined by commas in key order (`{wire}=k1,v1,k2,v2`)"
            ),
            _ => format!("the query parameters `{wire}[key]=value`, one per entry, in key order"),
        },
        (Location::Header, Shape::List) => {
            format!("the header `{wire}`, the values joined by commas (`a,b`)")
        }
        (Location::Header, _) => format!("the header `{wire}`"),
        (Location::Cookie, Shape::List) => format!(
            "the cookie `{wire}` of the `Cookie` header, the values joined by commas (`{wire}=a,b`)"
        ),
        (Location::Cookie, _) => format!("the cookie `{wire}` of the `Cookie` header"),
        (Location::Form, Shape::List) => format!("the form field `{wire}`, once per value"),
        (Location::Form, _) => format!("the form field `{wire}`"),
        (Location::Multipart, Shape::List) if binary => {
            format!("the multipart file part `{wire}`, once per file")
        }
        (Location::Multipart, _) if binary => format!("the multipart file part `{wire}`"),
        (Location::Multipart, Shape::List) => {
            format!("the multipart field `{wire}`, once per value")
        }
        (Location::Multipart, _) => format!("the multipart field `{wire}`"),
        (Location::Body, _) => match op.body {
            Body::Binary => format!(
                "the request body, as raw bytes of type `{}`",
                code(op.content_type.as_deref().unwrap_or("application/octet-stream"))
            ),
            Body::Text => format!(
                "the request body, as text of type `{}`",
                code(op.content_type.as_deref().unwrap_or("text/plain"))
            ),
            _ => "the JSON body".to_owned(),
        },
    }
}

fn param_doc(p: &ParamCode, op: &Operation) -> Doc {
    let param = p.param;
    let mut doc = match &param.description {
        Some(text) => Doc::new().prose(text),
        None => Doc::new().text(&format!("Sets `{}`.", code(&param.name))),
    };
    doc = doc.text(&format!("Sent as {}.", sent_as(p, op)));
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
            doc = doc.item_suffix(&format!(" Sent as {}.", sent_as(p, op)));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An API whose optional and required parameters, of every type a setter
    /// takes, have names of every length from short to past prettyplease's margin.
    fn api_with_every_width() -> Api {
        let kinds = [
            "type: string",
            "type: integer",
            "type: boolean",
            "type: string\n            enum: [a, b]",
            "type: array\n            items: {type: string}",
            "type: array\n            items: {type: integer, format: int64}",
            "type: array\n            items: {type: array, items: {type: string}}",
            "type: object\n            additionalProperties: {type: string}",
        ];
        let mut spec = String::from("openapi: 3.0.0\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://x.test'}]\npaths:\n");
        // One operation per type and length: each setter block is laid out alone.
        for (k, kind) in kinds.iter().enumerate() {
            for len in 1..=70 {
                let name = format!("p{}", "x".repeat(len));
                spec.push_str(&format!(
                    "  /k{k}/{len}:\n    get:\n      operationId: op{k}x{len}\n      parameters:\n"
                ));
                for (prefix, required) in [("", false), ("r", true)] {
                    spec.push_str(&format!(
                        "        - name: {prefix}{name}\n          in: query\n          required: {required}\n          description: 'Sets {name}.'\n          schema:\n            {kind}\n"
                    ));
                }
                spec.push_str("      responses: {'200': {description: ok}}\n");
            }
        }
        // Every place a parameter goes, every body, errors and security of every
        // length.
        for len in 1..=60 {
            let name = "w".repeat(len);
            // Non-ASCII text is wider in bytes, which is what prettyplease measures.
            let meaning = format!("{}{}", "m".repeat(len), "é".repeat(len));
            spec.push_str(&format!("  /loc{len}/{{{name}}}:\n    post:\n      operationId: loc{len}\n      parameters:\n"));
            for (location, schema) in [
                ("path", "{type: string}"),
                ("header", "{type: array, items: {type: string}}"),
                ("cookie", "{type: integer}"),
            ] {
                spec.push_str(&format!("        - {{name: {name}, in: {location}, required: true, schema: {schema}}}\n"));
            }
            spec.push_str(&format!(
                "        - {{name: q{name}, in: query, style: pipeDelimited, explode: false, schema: {{type: array, items: {{type: string}}}}}}\n\
                 \x20       - {{name: d{name}, in: query, style: deepObject, schema: {{type: object, additionalProperties: {{type: string}}}}}}\n\
                 \x20     requestBody:\n        required: true\n        content:\n          application/json:\n            schema: {{type: object, properties: {{a: {{type: string}}}}}}\n\
                 \x20     security: [{{k{name}: []}}, {{}}]\n\
                 \x20     responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {{type: string}}}}}}}}\n\
                 \x20       '404': {{description: {meaning}}}\n        '409': {{description: 'x {meaning}'}}\n"
            ));
            spec.push_str(&format!(
                "  /up{len}:\n    put:\n      operationId: up{len}{name}\n      requestBody:\n        content:\n          multipart/form-data:\n\
                 \x20           schema:\n              type: object\n              properties:\n                f{name}: {{type: string, format: binary}}\n\
                 \x20               g{name}: {{type: array, items: {{type: string, format: binary}}}}\n                h{name}: {{type: string}}\n\
                 \x20     responses:\n        '204': {{description: done}}\n\
                 \x20 /bin{len}:\n    put:\n      operationId: bin{len}{name}\n      requestBody:\n        content:\n          application/octet-stream:\n\
                 \x20           schema: {{type: string, format: binary}}\n\
                 \x20     responses:\n        '200': {{description: ok, content: {{application/octet-stream: {{schema: {{type: string, format: binary}}}}}}}}\n"
            ));
        }
        // Methods with no argument but `&self`.
        for len in 40..=90 {
            let id = format!("bare{}", "z".repeat(len));
            spec.push_str(&format!("  /bare/{len}:\n    get:\n      operationId: {id}\n      responses: {{'200': {{description: ok}}}}\n"));
            // Models with names long enough to break `type Output`.
            let model = format!("R{}", "r".repeat(len - 30));
            spec.push_str(&format!("  /ret/{len}:\n    get:\n      operationId: ret{len}\n      responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/{model}'}}}}}}}}}}\n"));
        }
        spec.push_str("components:\n  securitySchemes:\n");
        for len in 1..=60 {
            spec.push_str(&format!(
                "    k{}: {{type: apiKey, in: header, name: X-K}}\n",
                "w".repeat(len)
            ));
        }
        spec.push_str("  schemas:\n");
        for len in 40..=90 {
            let model = format!("R{}", "r".repeat(len - 30));
            spec.push_str(&format!(
                "    {model}: {{type: object, properties: {{a: {{type: string}}}}}}\n"
            ));
        }
        let api = crate::emit::text::load_spec(&spec);
        assert_eq!(api.operations().count(), 8 * 70 + 3 * 60 + 2 * 51);
        api
    }

    #[test]
    fn preformatted_items_are_what_prettyplease_prints() {
        let api = api_with_every_width();
        let names = Names::new(&api);
        let preformatted = emit_laid_out(&api, &names, true).expect("emitted");
        let printed = emit_laid_out(&api, &names, false).expect("emitted");
        // Most blocks are written as text, broken signatures included.
        let texts: Vec<String> = api
            .operations()
            .flat_map(|op| {
                let code = operation(op, &api, &names, true);
                std::iter::once(code.method).chain(code.builder)
            })
            .filter_map(|piece| match piece {
                Piece::Text(text) => Some(text),
                Piece::Tokens(_) => None,
            })
            .collect();
        assert!(texts.len() > 900, "{} blocks written as text", texts.len());
        assert!(texts.iter().any(|t| t.contains("(\n        mut self,\n")));
        assert!(texts.iter().any(|t| t.contains("(\n        &self,\n")));
        for laid_out in [
            "            errors: &[\n                (\n",
            "        call.add_delimited(\n",
            "        call.file(",
            "security: &[&[",
            "    type Output = Result<\n",
        ] {
            assert!(texts.iter().any(|t| t.contains(laid_out)), "{laid_out}");
        }
        crate::emit::text::assert_same_code(&preformatted, &printed);
    }
}
