//! The SDK's `README.md` (beside `docs/`): its "Documentation For Authorization"
//! section, which declares the auth schemes the API docs link to.
//!
//! The templates print, after that heading, one heading per scheme (`## name` in
//! swagger-codegen and older openapi-generator, `### name` in newer openapi-generator)
//! followed by a bullet list:
//!
//! ```text
//! - **Type**: API key | HTTP basic authentication | HTTP Bearer token authentication | OAuth
//! - **API key parameter name**: X-Api-Key     (API keys, newer templates only)
//! - **Location**: HTTP header | URL query string
//! - **Flow**: implicit                          (OAuth)
//! - **Authorization URL**: https://…
//! - **Scopes**: N/A, or one ` - **scope**: description` line each
//! ```
//!
//! Examples and notes come between schemes. The section ends at the first heading that
//! is not a scheme's (`## Author`, `## Documentation for Utility Methods`). A README is
//! a convenience: whatever in it cannot be read is a warning, never an error.

use crate::diagnostic::Diagnostics;
use crate::model::{AuthKind, AuthScheme, KeyLocation, OAuthFlow, Provenance};
use crate::parse::blocks::{blocks, Block};

/// The headings that open the section, in any case: PHP's README says only
/// `Authorization`.
const SECTIONS: [&str; 2] = ["documentation for authorization", "authorization"];

/// How a scheme the README cannot declare is declared instead, for warnings.
const OVERLAY_HELP: &str = "declare the scheme in the overlay's `auth:` (apibind.yaml): \
    `- bearer: NAME`, `- basic: NAME`, `- oauth2: NAME`, or `- api_key: X-Api-Key` with \
    `in: header` (or `query`, `cookie`) and `scheme: NAME`";

/// The auth schemes `text` (the README called `file`, for provenance) declares, in
/// order. A README without the section declares none; schemes that cannot be read or
/// sent are left out with a warning in `diagnostics`.
pub fn parse_readme(file: &str, text: &str, diagnostics: &mut Diagnostics) -> Vec<AuthScheme> {
    let blocks = blocks(text);
    // The long heading first: a README may have a plain `Authorization` section
    // of its own before it.
    let heading = |wanted: &str| {
        blocks.iter().position(
            |b| matches!(b, Block::Heading { text, .. } if text.trim().to_ascii_lowercase() == wanted),
        )
    };
    let Some(start) = SECTIONS.iter().find_map(|wanted| heading(wanted)) else {
        return Vec::new();
    };
    let Block::Heading { level, .. } = blocks[start] else {
        return Vec::new();
    };
    let mut schemes: Vec<AuthScheme> = Vec::new();
    for SchemeSection { name, line, items } in scheme_sections(&blocks[start + 1..], level) {
        let at = Provenance::new(file, line);
        if let Some(first) = schemes.iter().find(|s| s.name == name) {
            diagnostics
                .warning(
                    Some(&at),
                    format!(
                        "auth scheme `{name}` is declared twice: the one at line {} is read",
                        first.at.line
                    ),
                )
                .kind("auth scheme not read from README.md");
            continue;
        }
        let facts = Facts::read(&items);
        if let Some(kind) = scheme_kind(&name, &facts, &at, file, diagnostics) {
            schemes.push(AuthScheme {
                name,
                kind,
                description: None,
                at,
            });
        }
    }
    schemes
}

/// One scheme's part of the section: its heading and the items of the lists under it.
struct SchemeSection {
    /// The heading's text: the scheme's name.
    name: String,
    /// The heading's line.
    line: usize,
    /// The list items under the heading, each with its line.
    items: Vec<(String, usize)>,
}

/// The schemes of the section's `blocks` (those after its heading, of `level`). A
/// heading deeper than the section's is a scheme; one as deep or shallower is a
/// scheme only when a `Type` list follows it (the older templates print schemes at
/// the section's level), and otherwise ends the section.
fn scheme_sections(blocks: &[Block], level: u8) -> Vec<SchemeSection> {
    let mut sections: Vec<SchemeSection> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Heading {
                level: depth,
                text,
                line,
            } => {
                let typed = matches!(blocks.get(i + 1), Some(Block::List { items })
                    if items.first().is_some_and(|(item, _)| key_value(item).0 == "type"));
                if *depth <= level && !typed {
                    break;
                }
                sections.push(SchemeSection {
                    name: text.trim().to_owned(),
                    line: *line,
                    items: Vec::new(),
                });
            }
            Block::List { items } => {
                if let Some(section) = sections.last_mut() {
                    section.items.extend(items.iter().cloned());
                }
            }
            _ => {}
        }
    }
    sections
}

/// What a scheme's bullets state, each with its line.
#[derive(Default)]
struct Facts {
    /// `Type`, with its line.
    kind: Option<(String, usize)>,
    /// `API key parameter name`.
    key_name: Option<String>,
    /// `Location`, with its line.
    location: Option<(String, usize)>,
    /// `Flow`.
    flow: Option<String>,
    /// `Authorization URL`.
    authorization_url: Option<String>,
    /// `Token URL`.
    token_url: Option<String>,
    /// The items after `Scopes`: name and description.
    scopes: Vec<(String, String)>,
}

impl Facts {
    /// Reads a scheme's list items. The items after `Scopes` are scopes: the template
    /// prints them last, as sibling items (` - **scope**: description`).
    fn read(items: &[(String, usize)]) -> Facts {
        let mut facts = Facts::default();
        let mut in_scopes = false;
        for (item, line) in items {
            // Older templates run a paragraph into the item (no blank line after it):
            // only the first line is the bullet.
            let first = item.lines().next().unwrap_or_default();
            let (key, value) = key_value(first);
            if in_scopes {
                facts.scopes.push(scope(first));
                continue;
            }
            let value = (!value.is_empty()).then(|| value.to_owned());
            match key.as_str() {
                "type" => facts.kind = value.map(|v| (v, *line)),
                "api key parameter name" => facts.key_name = value,
                "location" => facts.location = value.map(|v| (v, *line)),
                "flow" => facts.flow = value,
                "authorization url" => facts.authorization_url = value,
                "token url" => facts.token_url = value,
                "scopes" => in_scopes = true,
                _ => {}
            }
        }
        facts
    }
}

/// `Type: API key` → (`type`, `API key`): the key lower case, the value trimmed of
/// spaces and a trailing period. Scope names hold colons (`write:pets`), so the key
/// ends at the first `: `, or at a colon that ends the item (`Scopes:`).
fn key_value(item: &str) -> (String, &str) {
    let item = item.trim();
    let (key, value) = match item.split_once(": ") {
        Some((key, value)) => (key, value),
        None => (item.strip_suffix(':').unwrap_or(item), ""),
    };
    // PHP's README writes values as code: `` `OAuth` ``.
    let value = value
        .trim()
        .trim_end_matches('.')
        .trim()
        .trim_matches('`')
        .trim();
    (key.trim().to_ascii_lowercase(), value)
}

/// ` - **write:pets**: modify pets` (markup gone) → (`write:pets`, `modify pets`).
fn scope(item: &str) -> (String, String) {
    let item = item.trim();
    match item.split_once(": ") {
        Some((name, description)) => (name.trim().to_owned(), description.trim().to_owned()),
        None => (item.trim_end_matches(':').trim().to_owned(), String::new()),
    }
}

/// The kind of the scheme `name` declared `at`, or `None` (with a warning) when its
/// type is missing, unknown, unsupported, or an API key that does not say where it
/// goes.
fn scheme_kind(
    name: &str,
    facts: &Facts,
    at: &Provenance,
    file: &str,
    diagnostics: &mut Diagnostics,
) -> Option<AuthKind> {
    let Some((written, line)) = &facts.kind else {
        skip(
            diagnostics,
            at,
            format!("auth scheme `{name}` states no `Type`"),
        );
        return None;
    };
    let type_at = Provenance::new(file, *line);
    let kind = written.to_ascii_lowercase();
    if kind.contains("api key") {
        return api_key(name, facts, &type_at, diagnostics);
    }
    if kind.contains("signature") {
        skip(
            diagnostics,
            &type_at,
            format!("auth scheme `{name}` is HTTP signature authentication, which apibind does not support"),
        );
        return None;
    }
    if kind.contains("bearer") || kind.contains("openid") {
        return Some(AuthKind::Bearer);
    }
    if kind.contains("basic") {
        return Some(AuthKind::Basic);
    }
    if kind.contains("oauth") {
        return Some(AuthKind::OAuth2 {
            flows: oauth_flows(facts),
        });
    }
    skip(
        diagnostics,
        &type_at,
        format!("auth scheme `{name}` is of type `{written}`, which apibind does not know"),
    );
    None
}

/// An API key scheme, when the README says its parameter's name and where it goes:
/// older templates print neither, and a key sent nowhere would fail every request.
fn api_key(
    name: &str,
    facts: &Facts,
    at: &Provenance,
    diagnostics: &mut Diagnostics,
) -> Option<AuthKind> {
    let location = facts
        .location
        .as_ref()
        .and_then(|(location, _)| key_location(location));
    match (&facts.key_name, location) {
        (Some(key_name), Some(location)) => Some(AuthKind::ApiKey {
            location,
            key_name: key_name.clone(),
        }),
        (key_name, _) => {
            let missing = match (key_name, &facts.location) {
                (None, None) => "neither its parameter name nor its location".to_owned(),
                (None, Some(_)) => "no parameter name".to_owned(),
                (Some(_), None) => "no location".to_owned(),
                (Some(_), Some((location, _))) => format!(
                    "the location `{location}`, which is not a header, query string or cookie"
                ),
            };
            let example = facts.key_name.as_deref().unwrap_or("X-Api-Key");
            skip_with(
                diagnostics,
                at,
                format!("API key scheme `{name}` states {missing}, so the key cannot be sent"),
                format!(
                    "declare it in the overlay's `auth:` (apibind.yaml): `- api_key: {example}` \
                     with `in: header` (or `query`, `cookie`) and `scheme: {name}`"
                ),
            );
            None
        }
    }
}

/// `HTTP header`, `URL query string`, `Cookie` (wording varies between templates).
fn key_location(text: &str) -> Option<KeyLocation> {
    let text = text.to_ascii_lowercase();
    if text.contains("header") {
        Some(KeyLocation::Header)
    } else if text.contains("query") {
        Some(KeyLocation::Query)
    } else if text.contains("cookie") {
        Some(KeyLocation::Cookie)
    } else {
        None
    }
}

/// The one flow a README prints, if it names one. The templates print Swagger 2.0's
/// flow names (`application`, `accessCode`): they become OpenAPI 3's.
fn oauth_flows(facts: &Facts) -> Vec<OAuthFlow> {
    let Some(flow) = &facts.flow else {
        return Vec::new();
    };
    let flow = match flow.as_str() {
        "application" | "clientCredentials" => "client_credentials",
        "accessCode" | "authorizationCode" => "authorization_code",
        other => other,
    };
    vec![OAuthFlow {
        flow: flow.to_owned(),
        authorization_url: facts.authorization_url.clone(),
        token_url: facts.token_url.clone(),
        scopes: facts.scopes.clone(),
    }]
}

/// Warns, at `at`, that a scheme is left out, and how to declare it instead.
fn skip(diagnostics: &mut Diagnostics, at: &Provenance, why: String) {
    skip_with(diagnostics, at, why, OVERLAY_HELP.to_owned());
}

/// [`skip`], with a `help` of its own.
fn skip_with(diagnostics: &mut Diagnostics, at: &Provenance, why: String, help: String) {
    diagnostics
        .warning(Some(at), format!("{why}: it is left out"))
        .kind("auth scheme not read from README.md")
        .help(help);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn read(text: &str) -> (Vec<AuthScheme>, Vec<String>) {
        let mut diagnostics = Diagnostics::new();
        let schemes = parse_readme("README.md", text, &mut diagnostics);
        let warnings = diagnostics
            .iter()
            .inspect(|d| assert_eq!(d.severity, Severity::Warning, "{d}"))
            .map(|d| format!("{}: {}", d.at.as_ref().unwrap(), d.message))
            .collect();
        (schemes, warnings)
    }

    fn kinds(schemes: &[AuthScheme]) -> Vec<(&str, &AuthKind, usize)> {
        schemes
            .iter()
            .map(|s| (s.name.as_str(), &s.kind, s.at.line))
            .collect()
    }

    /// Older layout: schemes at the section's level, a paragraph run into a bullet,
    /// examples between schemes, the section ended by `## Author`.
    const LEVEL_TWO: &str = "\
# Go API client for garden

## Documentation For Authorization

 Authentication schemes defined for the API:
## gate_key

- **Type**: API key 
- **API key parameter name**: X-Gate-Key
- **Location**: HTTP header

## members
- **Type**: HTTP basic authentication
A user name and a password go with each call.

```
  auth := garden.BasicAuth{}
```

## keeper_oauth

- **Type**: OAuth
- **Flow**: accessCode
- **Authorization URL**: https://garden.example.test/authorize
- **Scopes**: 
 - **beds:read**: see the beds
 - **beds:write**: change the beds

Example:
```
  ctx := context.WithValue(context.TODO(), garden.ContextOAuth2, auth)
```

## Author

someone@example.test
";

    #[test]
    fn older_layout_declares_each_kind() {
        let (schemes, warnings) = read(LEVEL_TWO);
        assert_eq!(warnings, Vec::<String>::new());
        let oauth = AuthKind::OAuth2 {
            flows: vec![OAuthFlow {
                flow: "authorization_code".into(),
                authorization_url: Some("https://garden.example.test/authorize".into()),
                token_url: None,
                scopes: vec![
                    ("beds:read".into(), "see the beds".into()),
                    ("beds:write".into(), "change the beds".into()),
                ],
            }],
        };
        assert_eq!(
            kinds(&schemes),
            [
                (
                    "gate_key",
                    &AuthKind::ApiKey {
                        location: KeyLocation::Header,
                        key_name: "X-Gate-Key".into()
                    },
                    6
                ),
                ("members", &AuthKind::Basic, 12),
                ("keeper_oauth", &oauth, 20),
            ]
        );
    }

    /// Newer layout: `###` schemes, bearer, a key in the query, no scopes, and a
    /// section ended by another `##` heading.
    #[test]
    fn newer_layout_with_bearer_and_query_keys() {
        let text = "\
## Documentation For Authorization

Authentication schemes defined for the API:
### token

- **Type**: HTTP Bearer token authentication

### query_key

- **Type**: API key
- **API key parameter name**: key
- **Location**: URL query string

Note, each API key must be added to a map.

### crumb

- **Type**: API key
- **API key parameter name**: session
- **Location**: Cookie

### robot

- **Type**: OAuth
- **Flow**: application
- **Authorization URL**: 
- **Scopes**: N/A

## Documentation for Utility Methods

### NotAScheme

- **Type**: HTTP basic authentication
";
        let (schemes, warnings) = read(text);
        assert_eq!(warnings, Vec::<String>::new());
        let robot = AuthKind::OAuth2 {
            flows: vec![OAuthFlow {
                flow: "client_credentials".into(),
                authorization_url: None,
                token_url: None,
                scopes: Vec::new(),
            }],
        };
        let key = |location, name: &str| AuthKind::ApiKey {
            location,
            key_name: name.into(),
        };
        assert_eq!(
            kinds(&schemes),
            [
                ("token", &AuthKind::Bearer, 4),
                ("query_key", &key(KeyLocation::Query, "key"), 8),
                ("crumb", &key(KeyLocation::Cookie, "session"), 16),
                ("robot", &robot, 22),
            ]
        );
    }

    #[test]
    fn keys_that_cannot_be_sent_and_unknown_types_are_left_out_with_warnings() {
        let text = "\
## Documentation For Authorization

## old_key
- **Type**: API key 

## signed
- **Type**: HTTP signature authentication

## strange
- **Type**: Carrier pigeon

## nameless_key
- **Type**: API key
- **Location**: HTTP header

## kept
- **Type**: HTTP basic authentication

## kept
- **Type**: OAuth
";
        let (schemes, warnings) = read(text);
        assert_eq!(kinds(&schemes), [("kept", &AuthKind::Basic, 16)]);
        assert_eq!(
            warnings,
            [
                "README.md:4: API key scheme `old_key` states neither its parameter name nor its location, so the key cannot be sent: it is left out",
                "README.md:7: auth scheme `signed` is HTTP signature authentication, which apibind does not support: it is left out",
                "README.md:10: auth scheme `strange` is of type `Carrier pigeon`, which apibind does not know: it is left out",
                "README.md:13: API key scheme `nameless_key` states no parameter name, so the key cannot be sent: it is left out",
                "README.md:19: auth scheme `kept` is declared twice: the one at line 16 is read",
            ]
        );
        let mut diagnostics = Diagnostics::new();
        parse_readme("README.md", text, &mut diagnostics);
        let help = diagnostics.iter().next().unwrap().help.clone().unwrap();
        assert!(
            help.contains("`- api_key: X-Api-Key` with `in: header`")
                && help.contains("`scheme: old_key`"),
            "{help}"
        );
    }

    #[test]
    fn readmes_without_the_section_or_schemes_declare_nothing() {
        for text in [
            "",
            "# Go API client\n\n## Author\n",
            "## Documentation For Authorization\n\n Endpoints do not require authorization.\n\n## Author\n",
            "## Documentation For Authorization\n",
            "## Documentation For Authorization\n- **Type**: API key\n",
        ] {
            assert_eq!(read(text), (Vec::new(), Vec::new()), "{text:?}");
        }
    }

    #[test]
    fn keys_and_scopes_split_at_the_first_colon_space() {
        assert_eq!(key_value("Type: API key ."), ("type".into(), "API key"));
        assert_eq!(key_value("Scopes:"), ("scopes".into(), ""));
        assert_eq!(key_value("Scopes: N/A"), ("scopes".into(), "N/A"));
        assert_eq!(
            scope("write:pets: modify pets: all of them"),
            ("write:pets".into(), "modify pets: all of them".into())
        );
        assert_eq!(scope("admin"), ("admin".into(), String::new()));
    }
}
