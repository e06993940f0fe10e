//! Rule `auth-from-docs`: the auth schemes of a docs folder and what each operation
//! needs.
//!
//! An API doc's `### Authorization` subsection links each operation to schemes that
//! the SDK's `README.md` declares. Docs print the schemes as one list whatever the
//! spec said, so they cannot tell "all of these" from "any one of these": each
//! named scheme is read as an alternative of its own, the common case (an API key or
//! an OAuth token).

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostics;
use crate::model::{Api, AuthKind, AuthScheme, KeyLocation, Provenance, Security};
use crate::parse::markdown::{ApiDoc, Authorization};

/// The auth schemes declared around the docs, which operations may name.
#[derive(Clone, Debug, Default)]
pub struct AuthDeclarations {
    /// The schemes the SDK's `README.md` declares: they are the API's.
    pub readme: Vec<AuthScheme>,
    /// The names of the schemes the overlay's `auth:` declares. The overlay adds the
    /// schemes itself, later; operations that name them keep them meanwhile.
    pub overlay: Vec<String>,
    /// Whether a spec is read with the docs: it declares the schemes (the spec wins on
    /// wire facts), so names the docs alone cannot resolve are kept, unwarned, for
    /// the stages after the merge.
    pub spec_declares: bool,
}

/// Where each scheme name is first used, in order of first use.
pub struct SchemeUsage(Vec<(String, Provenance)>);

/// The headers the README's API key schemes travel in (`api_key`, `X-Api-Key`).
pub fn key_headers(declared: &AuthDeclarations) -> Vec<String> {
    declared
        .readme
        .iter()
        .filter_map(|scheme| match &scheme.kind {
            AuthKind::ApiKey {
                location: KeyLocation::Header,
                key_name,
            } => Some(key_name.clone()),
            _ => None,
        })
        .collect()
}

/// The scheme names the operations of `docs` use, each with the first `###
/// Authorization` line naming it.
pub fn usage(docs: &[ApiDoc]) -> SchemeUsage {
    let mut used: Vec<(String, Provenance)> = Vec::new();
    let named = docs
        .iter()
        .flat_map(|doc| &doc.operations)
        .filter_map(|op| op.authorization.as_ref());
    for authorization in named {
        for name in &authorization.schemes {
            if !used.iter().any(|(n, _)| n == name) {
                used.push((name.clone(), authorization.at.clone()));
            }
        }
    }
    SchemeUsage(used)
}

/// An operation's security as its docs state it: each named scheme is an
/// alternative; `No authorization required` is no alternative at all (public).
pub fn documented_security(authorization: &Authorization) -> Security {
    authorization
        .schemes
        .iter()
        .map(|name| vec![name.clone()])
        .collect()
}

/// Declares the API's schemes and settles each operation's security:
/// - the README's schemes are the API's; when it declares none and no operation names
///   one, the bearer token assumed so far stays;
/// - when no operation names a scheme, none says anything the API's default does not
///   (`No authorization required` is all such docs print): every operation gets the
///   default (`None`);
/// - otherwise a `No authorization required` operation is public, and the others
///   keep the schemes they name that the README or the overlay declares. A name
///   declared by neither is dropped, with one warning per name: its requests go
///   without it. An operation left with no scheme gets the default. With a spec,
///   every name is kept: the spec may declare it.
pub fn settle(
    api: &mut Api,
    declarations: AuthDeclarations,
    usage: &SchemeUsage,
    diagnostics: &mut Diagnostics,
) {
    if !declarations.readme.is_empty() || !usage.0.is_empty() {
        api.auth = declarations.readme;
    }
    if usage.0.is_empty() {
        operations(api).for_each(|op| op.security = None);
        return;
    }
    if declarations.spec_declares {
        return;
    }
    declare_bearer_by_name(api, &declarations.overlay, usage, diagnostics);
    let undeclared: Vec<&(String, Provenance)> = usage
        .0
        .iter()
        .filter(|(name, _)| {
            !api.auth.iter().any(|s| s.name == *name) && !declarations.overlay.contains(name)
        })
        .collect();
    let names: Vec<&str> = undeclared.iter().map(|(name, _)| name.as_str()).collect();
    let mut users: BTreeMap<&str, usize> = BTreeMap::new();
    for op in operations(api) {
        for name in drop_schemes(&mut op.security, &names) {
            *users.entry(name).or_default() += 1;
        }
    }
    for (name, at) in undeclared {
        let count = users.get(name.as_str()).copied().unwrap_or(0);
        warn_undeclared(name, at, count, diagnostics);
    }
}

/// A scheme nothing declares whose name says it is a bearer token (`bearer`,
/// `bearerAuth`, `BearerToken`) is one: declared so, with a note, rather than dropped.
fn declare_bearer_by_name(
    api: &mut Api,
    overlay: &[String],
    usage: &SchemeUsage,
    diagnostics: &mut Diagnostics,
) {
    for (name, at) in &usage.0 {
        let declared = api.auth.iter().any(|s| s.name == *name) || overlay.contains(name);
        if declared || !name.to_ascii_lowercase().contains("bearer") {
            continue;
        }
        diagnostics.note(
            Some(at),
            format!(
                "auth scheme `{name}` is declared neither by README.md beside docs/ nor by \
                 the overlay's `auth:`: read as a bearer token, as its name says"
            ),
        );
        api.auth.push(AuthScheme {
            name: name.clone(),
            kind: AuthKind::Bearer,
            description: None,
            at: at.clone(),
        });
    }
}

/// Every operation of `api`, to change.
fn operations(api: &mut Api) -> impl Iterator<Item = &mut crate::model::Operation> {
    api.groups.iter_mut().flat_map(|g| g.operations.iter_mut())
}

/// Removes the schemes `names` from `security`; alternatives left empty go, and a
/// security that named schemes but has none left becomes the default (`None`), while
/// a public one stays public. Returns which of `names` it held.
fn drop_schemes<'n>(security: &mut Option<Security>, names: &[&'n str]) -> Vec<&'n str> {
    let Some(alternatives) = security.as_mut() else {
        return Vec::new();
    };
    let held: Vec<&str> = names
        .iter()
        .copied()
        .filter(|name| alternatives.iter().flatten().any(|n| n == name))
        .collect();
    let public = alternatives.is_empty();
    for alternative in alternatives.iter_mut() {
        alternative.retain(|name| !names.contains(&name.as_str()));
    }
    alternatives.retain(|alternative| !alternative.is_empty());
    if alternatives.is_empty() && !public {
        *security = None;
    }
    held
}

/// One warning for the scheme `name`, which `count` operations use but nothing
/// declares, at its first use.
fn warn_undeclared(name: &str, at: &Provenance, count: usize, diagnostics: &mut Diagnostics) {
    let operations = match count {
        1 => "1 operation".to_owned(),
        n => format!("{n} operations"),
    };
    diagnostics
        .warning(
            Some(at),
            format!(
                "auth scheme `{name}` ({operations}) is declared neither by README.md beside \
                 docs/ nor by the overlay's `auth:`: its operations fall back to the API's \
                 default credentials"
            ),
        )
        .kind("undeclared auth scheme")
        .help(format!(
            "declare `{name}` in the overlay's `auth:`, e.g. `- oauth2: {name}`, `- basic: \
             {name}`, or `- api_key: X-Api-Key` with `in: header` and `scheme: {name}`; or \
             put the SDK's README.md beside docs/"
        ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BaseUrl, Body, Group, Method, Operation};
    use crate::security::assumed_bearer;

    fn op(name: &str, security: Option<Security>) -> Operation {
        Operation {
            name: name.to_owned(),
            summary: None,
            description: None,
            method: Method::Get,
            path: "/".to_owned(),
            params: Vec::new(),
            body: Body::None,
            content_type: None,
            returns: None,
            accept: None,
            errors: Vec::new(),
            paging: None,
            security,
            at: Provenance::new("XApi.md", 1),
        }
    }

    fn api(ops: Vec<Operation>) -> Api {
        Api {
            title: "X".to_owned(),
            base_url: BaseUrl {
                template: String::new(),
                variables: Vec::new(),
                at: Provenance::new("x", 0),
            },
            auth: vec![assumed_bearer()],
            security: Vec::new(),
            groups: vec![Group {
                name: "X".to_owned(),
                operations: ops,
                at: Provenance::new("XApi.md", 1),
            }],
            models: Vec::new(),
        }
    }

    fn scheme(name: &str, kind: AuthKind) -> AuthScheme {
        AuthScheme {
            name: name.to_owned(),
            kind,
            description: None,
            at: Provenance::new("README.md", 3),
        }
    }

    fn usage_of(names: &[(&str, usize)]) -> SchemeUsage {
        SchemeUsage(
            names
                .iter()
                .map(|(n, line)| (n.to_string(), Provenance::new("XApi.md", *line)))
                .collect(),
        )
    }

    fn alternatives(names: &[&str]) -> Option<Security> {
        Some(names.iter().map(|n| vec![n.to_string()]).collect())
    }

    fn securities(api: &Api) -> Vec<Option<Security>> {
        api.operations().map(|op| op.security.clone()).collect()
    }

    #[test]
    fn each_named_scheme_is_an_alternative() {
        let authorization = Authorization {
            schemes: vec!["a".into(), "b".into()],
            at: Provenance::new("x", 1),
        };
        assert_eq!(
            documented_security(&authorization),
            vec![vec!["a".to_owned()], vec!["b".to_owned()]]
        );
    }

    #[test]
    fn docs_naming_no_scheme_keep_the_assumed_bearer_and_the_default() {
        let mut api = api(vec![op("A", Some(Vec::new())), op("B", None)]);
        let mut diagnostics = Diagnostics::new();
        settle(
            &mut api,
            AuthDeclarations::default(),
            &usage_of(&[]),
            &mut diagnostics,
        );
        assert_eq!(api.auth, [assumed_bearer()]);
        assert_eq!(securities(&api), [None, None]);
        assert_eq!(diagnostics.iter().count(), 0);
    }

    #[test]
    fn declared_schemes_are_kept_and_undocumented_ones_dropped_with_one_warning() {
        let mut api = api(vec![
            op("Keyed", alternatives(&["key", "ghost"])),
            op("Haunted", alternatives(&["ghost"])),
            op("Open", Some(Vec::new())),
            op("Unsaid", None),
            op("Overlaid", alternatives(&["later"])),
        ]);
        let declarations = AuthDeclarations {
            readme: vec![scheme("key", AuthKind::Basic)],
            overlay: vec!["later".to_owned()],
            spec_declares: false,
        };
        let mut diagnostics = Diagnostics::new();
        let usage = usage_of(&[("key", 10), ("ghost", 10), ("later", 30)]);
        settle(&mut api, declarations, &usage, &mut diagnostics);
        assert_eq!(api.auth, [scheme("key", AuthKind::Basic)]);
        assert_eq!(
            securities(&api),
            [
                alternatives(&["key"]),
                None,
                Some(Vec::new()),
                None,
                alternatives(&["later"]),
            ]
        );
        let warnings: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("warning: XApi.md:10: auth scheme `ghost` (2 operations)"),
            "{warnings:?}"
        );
    }

    /// The spec read with the docs declares what they name: nothing is dropped here.
    #[test]
    fn with_a_spec_named_schemes_are_kept_without_warnings() {
        let mut api = api(vec![
            op("A", alternatives(&["oauth"])),
            op("B", Some(Vec::new())),
        ]);
        let mut diagnostics = Diagnostics::new();
        let declarations = AuthDeclarations {
            spec_declares: true,
            ..AuthDeclarations::default()
        };
        settle(
            &mut api,
            declarations,
            &usage_of(&[("oauth", 4)]),
            &mut diagnostics,
        );
        assert_eq!(
            securities(&api),
            [alternatives(&["oauth"]), Some(Vec::new())]
        );
        assert_eq!(diagnostics.iter().count(), 0);
    }

    #[test]
    fn no_readme_and_named_schemes_leave_no_assumed_bearer() {
        let mut api = api(vec![op("A", alternatives(&["oauth"]))]);
        let mut diagnostics = Diagnostics::new();
        let usage = usage_of(&[("oauth", 4)]);
        settle(
            &mut api,
            AuthDeclarations::default(),
            &usage,
            &mut diagnostics,
        );
        assert!(api.auth.is_empty());
        assert_eq!(securities(&api), [None]);
        let warning = diagnostics.iter().next().unwrap().to_string();
        assert!(warning.contains("`oauth` (1 operation)"), "{warning}");
    }

    /// An undeclared scheme whose name says bearer is read as one, with a note; the
    /// operations naming it keep it.
    #[test]
    fn an_undeclared_bearer_by_name_is_a_bearer_token() {
        let mut api = api(vec![op("A", alternatives(&["bearerAuth"]))]);
        let mut diagnostics = Diagnostics::new();
        let usage = usage_of(&[("bearerAuth", 4)]);
        settle(
            &mut api,
            AuthDeclarations::default(),
            &usage,
            &mut diagnostics,
        );
        assert_eq!(api.auth.len(), 1);
        assert_eq!(api.auth[0].name, "bearerAuth");
        assert_eq!(api.auth[0].kind, AuthKind::Bearer);
        assert_eq!(
            securities(&api),
            [Some(vec![vec!["bearerAuth".to_owned()]])]
        );
        let notes: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].starts_with("note:"), "{notes:?}");
    }
}
