//! Settles who must authenticate how, once every input has spoken: the stage
//! between the overlay and validation (run by [`crate::degrade::settle`]).
//!
//! Rules, in order:
//! - an API that declares no scheme is assumed to take a bearer token, so a token
//!   the caller sets is sent (the docs of many APIs never say how they
//!   authenticate);
//! - a scheme declared twice keeps its first declaration;
//! - a requirement naming an undeclared scheme cannot be met: that alternative is
//!   dropped (one warning per name), and an operation left with none falls back to
//!   the API's default;
//! - when neither the API nor any operation requires a scheme (specs that declare
//!   schemes and forget `security`), any one declared scheme is the default.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostics;
use crate::model::{Api, AuthKind, AuthScheme, Provenance, Security};

/// Applies the rules above to `api`.
pub fn settle(api: &mut Api, diagnostics: &mut Diagnostics) {
    if api.auth.is_empty() {
        api.auth.push(assumed_bearer());
    }
    first_declarations_only(api, diagnostics);
    drop_undeclared(api, diagnostics);
    let required = !api.security.is_empty()
        || api
            .operations()
            .any(|op| op.security.as_ref().is_some_and(|s| !s.is_empty()));
    if !required {
        api.security = api.auth.iter().map(|s| vec![s.name.clone()]).collect();
    }
}

/// The bearer token assumed for an API that declares no auth scheme.
pub fn assumed_bearer() -> AuthScheme {
    AuthScheme {
        name: "bearer".to_owned(),
        kind: AuthKind::Bearer,
        description: None,
        at: Provenance::new("(no auth scheme declared: a bearer token is assumed)", 0),
    }
}

fn first_declarations_only(api: &mut Api, diagnostics: &mut Diagnostics) {
    let mut seen: BTreeMap<String, Provenance> = BTreeMap::new();
    api.auth.retain(|scheme| match seen.get(&scheme.name) {
        Some(first) => {
            diagnostics
                .warning(
                    Some(&scheme.at),
                    format!(
                        "auth scheme `{}` is declared twice: the declaration at {first} is kept",
                        scheme.name
                    ),
                )
                .kind("auth scheme declared twice");
            false
        }
        None => {
            seen.insert(scheme.name.clone(), scheme.at.clone());
            true
        }
    });
}

/// Removes alternatives that name a scheme the API does not declare.
fn drop_undeclared(api: &mut Api, diagnostics: &mut Diagnostics) {
    let declared: Vec<String> = api.auth.iter().map(|s| s.name.clone()).collect();
    // Each unknown name: where it was first met and how many places name it.
    let mut unknown: BTreeMap<String, (Provenance, usize)> = BTreeMap::new();
    let mut keep_known = |security: &mut Security, at: &Provenance| {
        let before = security.len();
        security.retain(|alternative| {
            let missing: Vec<&String> = alternative
                .iter()
                .filter(|name| !declared.contains(name))
                .collect();
            for name in &missing {
                let entry = unknown
                    .entry((*name).clone())
                    .or_insert_with(|| (at.clone(), 0));
                entry.1 += 1;
            }
            missing.is_empty()
        });
        before > 0 && security.is_empty()
    };
    let api_at = Provenance::new("(the API's security)", 0);
    keep_known(&mut api.security, &api_at);
    for op in api.groups.iter_mut().flat_map(|g| g.operations.iter_mut()) {
        if let Some(security) = &mut op.security {
            if keep_known(security, &op.at) {
                op.security = None;
            }
        }
    }
    for (name, (at, uses)) in unknown {
        let places = match uses {
            1 => "one requirement".to_owned(),
            n => format!("{n} requirements"),
        };
        diagnostics
            .warning(
                Some(&at),
                format!(
                    "auth scheme `{name}` is named by {places} but declared nowhere: \
                     the alternatives naming it are dropped"
                ),
            )
            .kind("undeclared auth scheme")
            .help(format!(
                "declare it in the overlay, e.g. `auth: [{{api_key: X-Api-Key, scheme: {name}}}]`"
            ));
    }
}
