//! The overlay's `auth:` list: schemes the docs cannot state, or state wrongly.
//!
//! ```yaml
//! auth:
//!   - bearer                     # Authorization: Bearer, scheme name `bearer`
//!   - basic                      # Authorization: Basic, scheme name `basic`
//!   - oauth2: petstore_auth      # an OAuth2 token, scheme name `petstore_auth`
//!   - query_param: access_token  # the token as a query parameter
//!   - api_key: X-Api-Key         # an API key header (or `in: query` / `in: cookie`)
//!     in: header
//!     scheme: api_key            # the name operations use (default: `api_key`)
//! ```
//!
//! A scheme replaces the one of the same name the docs or spec declare; the others
//! are kept.

use serde_yaml::{Mapping, Value};

use crate::model::{AuthKind, AuthScheme, KeyLocation, Provenance};

/// What a valid entry looks like, for errors.
pub const EXPECTED: &str = "expected `- bearer`, `- basic`, `- oauth2: NAME`, \
    `- query_param: NAME` or `- api_key: NAME` (with optional `in: header|query|cookie` \
    and `scheme: NAME`)";

/// One `auth:` entry as a scheme declared `at`, or why it is not one.
pub fn scheme(entry: &Value, at: Provenance) -> Result<AuthScheme, String> {
    let (name, kind) = match entry {
        Value::String(word) => (word.clone(), simple_kind(word)?),
        Value::Mapping(map) => mapped(map)?,
        _ => return Err("an entry is a word or a map".to_owned()),
    };
    Ok(AuthScheme {
        name,
        kind,
        description: None,
        at,
    })
}

/// `bearer`, `basic`, `oauth2`: schemes that need no name on the wire.
fn simple_kind(word: &str) -> Result<AuthKind, String> {
    match word {
        "bearer" => Ok(AuthKind::Bearer),
        "basic" => Ok(AuthKind::Basic),
        "oauth2" => Ok(AuthKind::OAuth2 { flows: Vec::new() }),
        other => Err(format!("`{other}` is not a kind of scheme")),
    }
}

/// `{kind: value, in: ..., scheme: ...}`.
fn mapped(map: &Mapping) -> Result<(String, AuthKind), String> {
    let text = |key: &str| -> Result<Option<String>, String> {
        match map.get(key) {
            None => Ok(None),
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.trim().to_owned())),
            Some(_) => Err(format!("`{key}` needs a non-empty name")),
        }
    };
    for key in map.keys() {
        let known = matches!(
            key.as_str(),
            Some("bearer" | "basic" | "oauth2" | "query_param" | "api_key" | "in" | "scheme")
        );
        if !known {
            return Err(format!("unknown key `{}`", super::yaml_text(key)));
        }
    }
    let scheme = text("scheme")?;
    let location = text("in")?;
    let kinds: Vec<&str> = ["bearer", "basic", "oauth2", "query_param", "api_key"]
        .into_iter()
        .filter(|k| map.contains_key(*k))
        .collect();
    let [kind] = kinds[..] else {
        return Err("an entry names exactly one kind of scheme".to_owned());
    };
    let value = text(kind)?.ok_or_else(|| format!("`{kind}` needs a name"))?;
    if location.is_some() && kind != "api_key" {
        return Err("`in` is for `api_key` entries".to_owned());
    }
    Ok(match kind {
        "query_param" => (
            scheme.unwrap_or_else(|| value.clone()),
            AuthKind::TokenQuery { name: value },
        ),
        "api_key" => {
            let location = match location.as_deref() {
                None | Some("header") => KeyLocation::Header,
                Some("query") => KeyLocation::Query,
                Some("cookie") => KeyLocation::Cookie,
                Some(other) => {
                    return Err(format!(
                        "`in: {other}`: an API key is in a header, query or cookie"
                    ))
                }
            };
            (
                scheme.unwrap_or_else(|| "api_key".to_owned()),
                AuthKind::ApiKey {
                    location,
                    key_name: value,
                },
            )
        }
        // `bearer: NAME`, `basic: NAME`, `oauth2: NAME`: the value is the scheme name.
        kind => {
            if scheme.is_some() {
                return Err(format!("`{kind}: NAME` names the scheme already"));
            }
            (value, simple_kind(kind)?)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<AuthScheme, String> {
        scheme(
            &serde_yaml::from_str(text).unwrap(),
            Provenance::new("o.yaml", 1),
        )
    }

    #[test]
    fn every_kind_reads() {
        assert_eq!(read("bearer").unwrap().kind, AuthKind::Bearer);
        assert_eq!(read("basic").unwrap().name, "basic");
        let oauth = read("oauth2: petstore_auth").unwrap();
        assert_eq!(oauth.name, "petstore_auth");
        assert_eq!(oauth.kind, AuthKind::OAuth2 { flows: Vec::new() });
        let query = read("query_param: access_token").unwrap();
        assert_eq!(
            query.kind,
            AuthKind::TokenQuery {
                name: "access_token".into()
            }
        );
        let key = read("{api_key: X-Key, in: cookie, scheme: key}").unwrap();
        assert_eq!(key.name, "key");
        assert_eq!(
            key.kind,
            AuthKind::ApiKey {
                location: KeyLocation::Cookie,
                key_name: "X-Key".into()
            }
        );
        let header = read("api_key: X-Key").unwrap();
        assert_eq!(header.name, "api_key");
        assert!(matches!(
            header.kind,
            AuthKind::ApiKey {
                location: KeyLocation::Header,
                ..
            }
        ));
    }

    #[test]
    fn mistakes_say_what_is_wrong() {
        for (text, says) in [
            ("digest", "not a kind"),
            ("query_parm: x", "unknown key"),
            ("{api_key: X, in: body}", "in: body"),
            ("{bearer: a, basic: b}", "exactly one"),
            ("{bearer: a, in: header}", "`in` is for"),
            ("api_key: ''", "non-empty"),
            ("[1]", "word or a map"),
        ] {
            let error = read(text).unwrap_err();
            assert!(error.contains(says), "{text}: {error}");
        }
    }
}
