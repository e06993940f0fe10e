//! Lays the emitted modules out as a standalone crate or into a build script's
//! `OUT_DIR`. Both layouts hold the same module files byte for byte; only the file
//! that declares the modules differs (`mod x;` versus `mod x { include!(..) }`).

use crate::emit::docs::{escape, Doc};
use crate::emit::models::code;
use crate::emit::names::snake;
use crate::emit::naming::Names;
use crate::emit::text::{print, Code};
use crate::emit::{Emitted, GENERATED};
use crate::model::{Api, AuthKind, KeyLocation, Operation, TypeRef};

/// The dependencies every generated crate needs, as `Cargo.toml` lines. The root
/// package of a project that includes the code from `OUT_DIR` needs the same.
pub const DEPENDENCIES: &str = r#"chrono = { version = "0.4.38", default-features = false, features = ["std", "serde"] }
futures-util = { version = "0.3.30", default-features = false, features = ["std"] }
percent-encoding = "2.3"
reqwest = { version = "0.12", default-features = false, features = ["multipart", "rustls-tls"] }
serde = { version = "1.0.200", features = ["derive"] }
serde_json = "1.0.120"
serde_path_to_error = "0.1.16"
tokio = { version = "1.38", default-features = false, features = ["sync", "time"] }
tracing = { version = "0.1.40", optional = true }
wiremock = { version = "0.6", optional = true }
"#;

/// The lines of [`DEPENDENCIES`] `api` needs: `futures-util` only for paging.
fn dependencies(api: &Api) -> String {
    let pages = super::pages(api);
    DEPENDENCIES
        .lines()
        .filter(|line| pages || !line.starts_with("futures-util"))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// What the crate's examples need (an async runtime), as `Cargo.toml` lines.
pub const DEV_DEPENDENCIES: &str = r#"tokio = { version = "1.38", features = ["macros", "rt-multi-thread"] }
"#;

/// The features every generated crate offers, as `Cargo.toml` lines.
pub const FEATURES: &str = r#"# A `tracing` span for every request: operation, method, path template, status and
# attempt. Never the token or bodies.
tracing = ["dep:tracing"]
# `mock::MockServer`: a loopback server with a typed expectation of every operation,
# for the tests of code that uses this client.
mock = ["dep:wiremock"]
"#;

/// Package facts of a standalone crate.
#[derive(Clone, Debug)]
pub struct CrateInfo {
    /// The package name, e.g. `engage-digital-client`.
    pub name: String,
    /// The package version.
    pub version: String,
}

impl CrateInfo {
    /// A crate called `name`, version 0.1.0.
    pub fn new(name: impl Into<String>) -> Self {
        CrateInfo {
            name: name.into(),
            version: "0.1.0".to_owned(),
        }
    }

    /// The name as a Rust path, e.g. `engage_digital_client`.
    pub fn lib_name(&self) -> String {
        self.name.replace('-', "_")
    }
}

/// Why cargo would refuse `name` as the package name of a generated crate, or
/// `None`: ASCII letters, digits, `-` and `_` (as crates.io takes them), not starting
/// with a digit, and a library name (`-` as `_`) that is no Rust keyword.
pub fn crate_name_problem(name: &str) -> Option<String> {
    let bad = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'));
    let quoted = name.escape_default();
    if name.is_empty() {
        Some("a crate name cannot be empty".to_owned())
    } else if let Some(bad) = bad {
        Some(format!(
            "`{quoted}` is not a crate name: cargo takes ASCII letters, digits, `-` and `_`, not `{}`",
            bad.escape_default()
        ))
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        Some(format!(
            "`{quoted}` is not a crate name: it cannot start with a digit"
        ))
    } else if crate::emit::names::is_keyword(&name.replace('-', "_")) {
        Some(format!(
            "`{quoted}` is not a crate name: it is a Rust keyword"
        ))
    } else {
        None
    }
}

/// `Cargo.toml`, `README.md`, `src/lib.rs`, the module files, and the crate's public
/// API as data (`apibind-api.json`), which the next generation is compared with.
pub fn standalone(
    emitted: &Emitted,
    api: &Api,
    info: &CrateInfo,
) -> Result<Vec<(String, String)>, String> {
    let mut files = vec![
        ("Cargo.toml".to_owned(), cargo_toml(api, info)),
        (
            "README.md".to_owned(),
            readme(api, info, &emitted.example, emitted.mock_example.as_deref()),
        ),
        ("src/lib.rs".to_owned(), lib_rs(emitted, api, info)?),
    ];
    for module in &emitted.modules {
        files.push((format!("src/{}", module.file_name()), module.source.clone()));
    }
    files.push((
        super::surface::SURFACE_FILE.to_owned(),
        super::surface::surface(api).to_json(),
    ));
    Ok(files)
}

/// `apibind.rs` and the module files.
pub fn out_dir(emitted: &Emitted) -> Result<Vec<(String, String)>, String> {
    let mut code = Code::to_be_formatted();
    for module in &emitted.modules {
        code.doc(0, &Doc::new().text(module.doc));
        feature_gate(module, &mut code);
        code.line(0, &format!("{}mod {} {{", visibility(module), module.name));
        code.line(
            4,
            &format!(
                "include!(concat!(env!(\"OUT_DIR\"), \"/{}\"));",
                module.file_name()
            ),
        );
        code.line(0, "}");
    }
    reexports(emitted, &mut code);
    let apibind_rs = format!("{GENERATED}{}", print(&[code.finish()])?);
    let mut files = vec![("apibind.rs".to_owned(), apibind_rs)];
    for module in &emitted.modules {
        files.push((module.file_name(), module.source.clone()));
    }
    Ok(files)
}

/// `#[cfg(feature = ..)]` for a module behind a feature.
fn feature_gate(module: &super::Module, code: &mut Code) {
    if let Some(feature) = module.feature {
        code.line(0, &format!("#[cfg(feature = \"{feature}\")]"));
    }
}

/// `pub ` for a module users see.
fn visibility(module: &super::Module) -> &'static str {
    match module.public {
        true => "pub ",
        false => "",
    }
}

/// The `pub use` of each re-export.
fn reexports(emitted: &Emitted, code: &mut Code) {
    for path in &emitted.reexports {
        code.line(0, &format!("pub use {path};"));
    }
}

fn lib_rs(emitted: &Emitted, api: &Api, info: &CrateInfo) -> Result<String, String> {
    let mut code = Code::to_be_formatted();
    for module in &emitted.modules {
        code.doc(0, &Doc::new().text(module.doc));
        // prettyplease lays out generated modules; rustfmt would choose other line
        // breaks, so it is told to leave them as generated.
        feature_gate(module, &mut code);
        if module.generated {
            code.line(0, "#[rustfmt::skip]");
        }
        code.line(0, &format!("{}mod {};", visibility(module), module.name));
    }
    reexports(emitted, &mut code);
    let body = print(&[code.finish()])?;
    // Inner attributes and `//!` docs go before the items; prettyplease prints the
    // items, the crate docs are written here so they read as hand-written.
    let docs: String = crate_docs(api, info, &emitted.example, emitted.mock_example.as_deref())
        .lines()
        .map(|line| match line.is_empty() {
            true => "//!\n".to_owned(),
            false => format!("//! {line}\n"),
        })
        .collect();
    Ok(format!(
        "{GENERATED}{docs}\n#![deny(missing_docs)]\n#![forbid(unsafe_code)]\n\n{body}"
    ))
}

/// The crate's front page: what it is and a compiling example.
fn crate_docs(api: &Api, info: &CrateInfo, example: &str, mock: Option<&str>) -> String {
    let operations = api.operations().count();
    // The test compiles when the feature is on, and is left out when it is off.
    let testing = match mock {
        Some(mock) => format!(
            "\n# Testing code that uses this client\n\n{intro}```no_run\n\
             # #[cfg(feature = \"mock\")]\n\
             # async fn example() {{\n\
             use {lib}::mock::MockServer;\n\n\
             {mock}\
             # }}\n\
             ```\n",
            intro = mock_intro(info),
            lib = info.lib_name(),
        ),
        None => String::new(),
    };
    let title = escape(&api.title.replace(['\n', '\r'], " "));
    format!(
        "# {title} API client\n\n\
         A typed async client for the {title} API, generated by apibind from the API's \
         documentation ({operations} operations, {models} models).\n\n\
         Every operation is a method of [`Client`], named after the operation in snake case. \
         Required parameters are its arguments; optional ones are set on the request it \
         returns, which is sent when awaited.\n\n\
         ```no_run\n\
         # async fn example() -> Result<(), {lib}::Error> {{\n\
         {example}\
         # Ok(())\n\
         # }}\n\
         ```\n\n\
         Errors are [`Error`] values; an error status from the server is [`Error::Api`], \
         which carries the status, the API's error body and what the docs say about it.\n\n\
         {auth}{testing}",
        auth = auth_docs(api),
        models = api.models.len(),
        lib = info.lib_name(),
        example = example.replace("{lib}", &info.lib_name()),
    )
}

/// The crate docs' list of auth schemes: what each sends and which
/// [`ClientBuilder`](crate) method sets it.
fn auth_docs(api: &Api) -> String {
    let mut text = "# Authentication\n\n\
        Each request sends the credentials of the first of its operation's schemes the \
        client has; public operations send none.\n\n"
        .to_owned();
    for scheme in &api.auth {
        let name = doc_name(&scheme.name);
        let line = match &scheme.kind {
            AuthKind::Bearer => "`Authorization: Bearer`, set with [`ClientBuilder::token`] or \
                [`ClientBuilder::token_provider`]"
                .to_owned(),
            AuthKind::OAuth2 { .. } => "an OAuth2 access token as `Authorization: Bearer`, set \
                with [`ClientBuilder::token`] or [`ClientBuilder::token_provider`]"
                .to_owned(),
            AuthKind::Basic => {
                "`Authorization: Basic`, set with [`ClientBuilder::basic_auth`]".to_owned()
            }
            AuthKind::TokenQuery { name } => format!(
                "the access token as the query parameter {}, with \
                 [`TokenPlacement::QueryParameter`]",
                doc_name(name)
            ),
            AuthKind::ApiKey { location, key_name } => format!(
                "an API key in the {} {}, set with [`ClientBuilder::api_key`] or \
                 `api_key_for(\"{}\", ..)`",
                match location {
                    KeyLocation::Header => "header",
                    KeyLocation::Query => "query parameter",
                    KeyLocation::Cookie => "cookie",
                },
                doc_name(key_name),
                code(&scheme.name.escape_default().to_string())
            ),
        };
        text.push_str(&format!("- {name}: {line}.\n"));
    }
    text
}

/// A name from the API as plain doc text: one line, escaped like any doc text.
fn doc_name(name: &str) -> String {
    escape(&name.replace(['\n', '\r'], " "))
}

/// What the example imports besides `Client`: the credential it sets.
fn example_imports(api: &Api) -> &'static str {
    if api.takes_token() {
        "AccessToken, Client"
    } else if api
        .auth
        .iter()
        .any(|s| matches!(s.kind, AuthKind::ApiKey { .. }))
    {
        "ApiKey, Client"
    } else {
        "Client"
    }
}

/// The builder call that sets the credential of an API without a token scheme.
fn credential_setter(api: &Api) -> &'static str {
    match api
        .auth
        .iter()
        .any(|s| matches!(s.kind, AuthKind::ApiKey { .. }))
    {
        true => ".api_key(ApiKey::new(\"key\"))",
        false => ".basic_auth(\"user\", \"password\")",
    }
}

/// Rust lines that import the client, build it and send one request, for the crate
/// docs and the README; `{lib}` stands for the library's name.
pub fn example(api: &Api, names: &Names) -> String {
    let token = api.takes_token();
    let mut text = format!("use {{lib}}::{{{}}};\n\n", example_imports(api));
    let defaults = api.base_url.variables.iter().all(|v| v.default.is_some());
    text.push_str(&match api.base_url.variables.as_slice() {
        _ if !token => {
            let mut text = "let client = Client::builder()\n".to_owned();
            if api.base_url.is_relative() {
                text.push_str(&format!(
                    "    .base_url(\"https://api.example.com{}\")\n",
                    api.base_url.template.trim_end_matches('/').escape_default()
                ));
            }
            for v in api.base_url.variables.iter().filter(|v| v.default.is_none()) {
                text.push_str(&format!("    .server_variable({:?}, \"example\")\n", v.name));
            }
            text.push_str(&format!("    {}\n    .build()?;\n", credential_setter(api)));
            text
        }
        _ if api.base_url.is_relative() => format!(
            "let client = Client::with_base_url(\"https://api.example.com{}\", AccessToken::new(\"token\"))?;\n",
            api.base_url.template.trim_end_matches('/').escape_default()
        ),
        _ if defaults => "let client = Client::new(AccessToken::new(\"token\"))?;\n".to_owned(),
        [variable] => format!(
            "let client = Client::for_{}(\"example\", AccessToken::new(\"token\"))?;\n",
            snake(&variable.name)
        ),
        variables => {
            let mut text = "let client = Client::builder()\n".to_owned();
            for v in variables {
                text.push_str(&format!(
                    "    .server_variable({:?}, \"example\")\n",
                    v.name
                ));
            }
            text.push_str("    .token(AccessToken::new(\"token\"))\n    .build()?;\n");
            text
        }
    });
    if let Some(op) = example_operation(api) {
        let args = example_arguments(op);
        let binding = match op.returns {
            Some(_) => "let response = ",
            None => "",
        };
        text.push_str(&format!(
            "{binding}client.{}({}).await?;\n",
            names.method(&op.name),
            args
        ));
        if op.returns.is_some() {
            text.push_str("println!(\"{response:?}\");\n");
        }
    }
    text
}

/// The first operation whose required parameters are all strings: a call of it
/// needs no other types.
fn example_operation(api: &Api) -> Option<&Operation> {
    api.operations().find(|op| {
        op.params
            .iter()
            .filter(|p| p.required)
            .all(|p| p.ty == TypeRef::String && p.enum_values.is_empty())
    })
}

/// `"id", "id"`: one text per required parameter of `op`.
fn example_arguments(op: &Operation) -> String {
    let args: Vec<&str> = op
        .params
        .iter()
        .filter(|p| p.required)
        .map(|_| "\"id\"")
        .collect();
    args.join(", ")
}

/// The body of a consumer's test with the mock server: expect one call of the
/// example operation, answer 404, see the client return the error. `{lib}` stands
/// for the library's name.
pub fn mock_example(api: &Api, names: &Names) -> Option<String> {
    let op = example_operation(api)?;
    let call = format!(
        "{}({})",
        super::mocks::server_method(op, names),
        example_arguments(op)
    );
    let client_call = format!("{}({})", names.method(&op.name), example_arguments(op));
    Some(format!(
        "let server = MockServer::start().await;\n\
         server.{call}.returns_status(404).times(1);\n\
         \n\
         // The code under test gets a client of the mock server.\n\
         let error = server.client().{client_call}.await.unwrap_err();\n\
         assert_eq!(error.status(), Some(404));\n\
         // Dropping the server checks that every expectation was met.\n"
    ))
}

/// The crate docs' and README's section on the `mock` feature, before its example.
fn mock_intro(info: &CrateInfo) -> String {
    format!(
        "With the `mock` feature (`{} = {{ version = \"{}\", features = [\"mock\"] }}` \
         among your dev-dependencies), `mock::MockServer` expects each call as the client \
         makes it, with the same arguments and setters, and answers as told: \
         `returns(value)`, `returns_status`, `returns_error`, and `returns_pages` for paged \
         operations whose offset and page size are query parameters. A parameter left unset \
         matches any value; `times(n)` expects exactly `n` calls, and the first expectation \
         that matches and has calls left answers. Dropping the server panics with a report of every expectation not met \
         and every request nothing expected, with what differed; `verify()` returns it \
         instead.\n\n",
        info.name, info.version
    )
}

fn cargo_toml(api: &Api, info: &CrateInfo) -> String {
    format!(
        "# @generated by apibind from the API's docs. Do not edit: run `apibind generate`.\n\
         [package]\n\
         name = \"{name}\"\n\
         version = \"{version}\"\n\
         edition = \"2021\"\n\
         rust-version = \"1.85\"\n\
         description = \"{title} API client, generated by apibind from the API's documentation\"\n\
         \n\
         [dependencies]\n\
         {dependencies}\
         \n\
         [features]\n\
         {FEATURES}\
         \n\
         [dev-dependencies]\n\
         {DEV_DEPENDENCIES}",
        name = info.name,
        version = info.version,
        title = api.title.replace(['"', '\\', '\n', '\r'], ""),
        dependencies = dependencies(api),
    )
}

fn readme(api: &Api, info: &CrateInfo, example: &str, mock: Option<&str>) -> String {
    let indent = |text: &str| -> String {
        text.replace("{lib}", &info.lib_name())
            .lines()
            .map(|line| match line {
                "" => "\n".to_owned(),
                line => format!("    {line}\n"),
            })
            .collect()
    };
    let testing = match mock {
        Some(mock) => format!(
            "## Testing code that uses this client\n\n{intro}```rust\n\
             use {lib}::mock::MockServer;\n\n\
             #[tokio::test]\n\
             async fn a_missing_record_is_an_error() {{\n\
             {body}\
             }}\n\
             ```\n\n",
            intro = mock_intro(info),
            lib = info.lib_name(),
            body = indent(mock),
        ),
        None => String::new(),
    };
    format!(
        "<!-- @generated by apibind from the API's docs. Do not edit: run `apibind generate`. -->\n\
         # {name}\n\n\
         A typed async client for the {title} API, generated by apibind from the API's \
         documentation: {operations} operations, {models} models. The crate docs list them.\n\n\
         ```rust\n\
         async fn example() -> Result<(), {lib}::Error> {{\n\
         {example}    Ok(())\n\
         }}\n\
         ```\n\n\
         {testing}\
         ## Regenerating\n\n\
         This crate is generated: change the API docs or the overlay, then run \
         `apibind generate`. `apibind check` fails, with a diff, when it is stale.\n",
        name = info.name,
        title = escape(&api.title.replace(['\n', '\r'], " ")),
        operations = api.operations().count(),
        models = api.models.len(),
        lib = info.lib_name(),
        example = indent(example),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runtime crate builds and tests the module files with the dependencies
    /// every generated crate gets: the two lists must not drift apart.
    #[test]
    fn generated_crates_depend_on_what_the_runtime_crate_does() {
        let manifest = include_str!("../../runtime/Cargo.toml");
        let runtime = manifest
            .split_once("[dependencies]\n")
            .and_then(|(_, rest)| rest.split("\n[").next())
            .expect("the runtime's manifest lists its dependencies");
        let runtime: Vec<&str> = runtime.lines().filter(|l| !l.is_empty()).collect();
        let generated: Vec<&str> = DEPENDENCIES.lines().collect();
        assert_eq!(runtime, generated);
        let features = manifest.split_once("[features]\n").map(|(_, f)| f);
        assert!(
            features.is_some_and(|f| f.contains("tracing = [\"dep:tracing\"]")),
            "{manifest}"
        );
    }
}
