//! The items every `requests.rs` starts with: the future type, the API's facts for the
//! runtime (server URL, variables, auth schemes, default security) and `Client`'s
//! constructors. Written once per crate, they are left to prettyplease to lay out.

use crate::emit::docs::Doc;
use crate::emit::models::code;
use crate::emit::names::{ident, snake};
use crate::emit::text::{optional_literal, string_literal, Code, Item};
use crate::model::{Api, AuthKind, KeyLocation};

/// The header of `requests.rs`.
pub fn header(api: &Api) -> Item {
    let template = &api.base_url.template;
    let mut code = Code::to_be_formatted();
    code.line(0, "pub use crate::client::ResponseFuture;");
    code.line(
        0,
        "static API: crate::client::ApiSpec = crate::client::ApiSpec {",
    );
    code.line(
        4,
        &format!("base_url_template: {},", string_literal(template)),
    );
    let variables: Vec<String> = api
        .base_url
        .variables
        .iter()
        .map(|v| {
            let values: Vec<String> = v.values.iter().map(|v| string_literal(v)).collect();
            format!(
                "crate::client::ServerVariableSpec {{ name: {}, default: {}, values: &[{}] }}",
                string_literal(&v.name),
                optional_literal(v.default.as_deref()),
                values.join(", ")
            )
        })
        .collect();
    code.line(
        4,
        &format!("server_variables: &[{}],", variables.join(", ")),
    );
    let schemes: Vec<String> = api
        .auth
        .iter()
        .map(|scheme| {
            let kind = match &scheme.kind {
                AuthKind::Bearer | AuthKind::OAuth2 { .. } => "Bearer".to_owned(),
                AuthKind::Basic => "Basic".to_owned(),
                AuthKind::TokenQuery { name } => format!("TokenQuery({})", string_literal(name)),
                AuthKind::ApiKey { location, key_name } => {
                    let kind = match location {
                        KeyLocation::Header => "HeaderKey",
                        KeyLocation::Query => "QueryKey",
                        KeyLocation::Cookie => "CookieKey",
                    };
                    format!("{kind}({})", string_literal(key_name))
                }
            };
            format!(
                "crate::auth::AuthSchemeSpec {{ name: {}, kind: crate::auth::SchemeKind::{kind} }}",
                string_literal(&scheme.name)
            )
        })
        .collect();
    code.line(4, &format!("auth_schemes: &[{}],", schemes.join(", ")));
    code.line(0, "};");
    code.line(
        0,
        "/// The credentials operations accept unless they say otherwise.",
    );
    code.line(
        0,
        "#[allow(dead_code, reason = \"only operations without their own security use it\")]",
    );
    let security: Vec<String> = api
        .security
        .iter()
        .map(|names| {
            let names: Vec<String> = names.iter().map(|n| string_literal(n)).collect();
            format!("&[{}]", names.join(", "))
        })
        .collect();
    code.line(
        0,
        &format!(
            "const API_SECURITY: &[&[&str]] = &[{}];",
            security.join(", ")
        ),
    );

    let credential = Credential::of(api);
    code.line(0, "impl crate::Client {");
    code.line(
        4,
        "/// Starts configuring a client: server, token, timeouts, HTTP client.",
    );
    code.line(4, "pub fn builder() -> crate::ClientBuilder {");
    code.line(8, "crate::ClientBuilder::new(&API)");
    code.line(4, "}");
    code.doc(4, &with_base_url_doc(api, &credential));
    code.line(
        4,
        &format!(
            "pub fn with_base_url(base_url: impl Into<String>, {}) -> Result<crate::Client, crate::Error> {{",
            credential.arg
        ),
    );
    code.line(
        8,
        &format!(
            "crate::Client::builder().base_url(base_url){}.build()",
            credential.set
        ),
    );
    code.line(4, "}");
    constructors(api, &credential, &mut code);
    code.line(0, "}");
    code.finish()
}

fn with_base_url_doc(api: &Api, credential: &Credential) -> Doc {
    let template = &api.base_url.template;
    match api.base_url.is_relative() {
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
    }
}

/// `Client::new(token)` for a fixed server, or one whose variables all have a
/// default; `Client::for_domain(domain, token)` when the server URL has one
/// placeholder; only the builder otherwise. A relative server URL gets no constructor
/// but `with_base_url`: the caller must say where the API is.
fn constructors(api: &Api, credential: &Credential, code_out: &mut Code) {
    let template = &api.base_url.template;
    if api.base_url.is_relative() {
        return;
    }
    let (token_arg, set, with) = (&credential.arg, &credential.set, credential.with);
    let variables = &api.base_url.variables;
    if variables.iter().all(|v| v.default.is_some()) {
        let doc = match variables.is_empty() {
            true => Doc::new().text(&format!("A client for `{}`{with}.", code(template))),
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
                Doc::new().text(&format!(
                    "A client for `{}` with its defaults ({}){with}. \
                     Set other values with [`Client::builder`](crate::Client::builder) and `server_variable`.",
                    code(template),
                    defaults.join(", ")
                ))
            }
        };
        code_out.doc(4, &doc);
        code_out.line(
            4,
            &format!("pub fn new({token_arg}) -> Result<crate::Client, crate::Error> {{"),
        );
        code_out.line(8, &format!("crate::Client::builder(){set}.build()"));
        code_out.line(4, "}");
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
        let doc = doc.section("Errors").text(&format!(
            "[`Error::Config`](crate::Error::Config) when `{}` {refused}.",
            code(&snake(wire))
        ));
        code_out.doc(4, &doc);
        code_out.line(
            4,
            &format!(
                "pub fn {fn_name}({arg}: impl Into<String>, {token_arg}) -> Result<crate::Client, crate::Error> {{"
            ),
        );
        code_out.line(
            8,
            &format!(
                "crate::Client::builder().server_variable({}, {arg}){set}.build()",
                string_literal(wire)
            ),
        );
        code_out.line(4, "}");
    }
}

/// The credential the constructors take: the access token when the API has a
/// token scheme; none otherwise (API keys and passwords are set on the builder).
struct Credential {
    /// The parameter, e.g. `token: crate::AccessToken`.
    arg: &'static str,
    /// The builder call that sets it.
    set: &'static str,
    /// How the docs end the constructor's first sentence.
    with: &'static str,
}

impl Credential {
    fn of(api: &Api) -> Self {
        match api.takes_token() {
            true => Credential {
                arg: "token: crate::AccessToken",
                set: ".token(token)",
                with: ", authenticating with `token`",
            },
            false => Credential {
                arg: "",
                set: "",
                with: "",
            },
        }
    }
}
