//! Rust identifiers from documented names. Every identifier the emitters produce comes
//! through here, so it is always a valid, non-keyword Rust identifier whatever the
//! input held.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves (strict and reserved keywords of edition 2021).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Whether Rust reserves `word`.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// `fieldName`, `FieldName`, `field-name` → `field_name`.
pub fn snake(name: &str) -> String {
    sanitize(&ascii_words(name).to_snake_case(), "value")
}

/// `field_name`, `fieldName` → `FieldName`.
pub fn pascal(name: &str) -> String {
    sanitize(&ascii_words(name).to_upper_camel_case(), "Value")
}

/// The identifier for a name made by [`snake`] or [`pascal`]: whatever the name
/// holds, a valid, non-keyword Rust identifier.
pub fn ident(name: &str) -> String {
    sanitize(name, "value")
}

/// Replaces everything but ASCII letters and digits with word breaks, so that case
/// conversion sees words (`created_at`, `Fermée` → `Ferm e`).
fn ascii_words(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// Makes `name` a usable identifier: only `[A-Za-z0-9_]`, not starting with a digit,
/// not empty, not a keyword (keywords get a trailing `_`).
fn sanitize(name: &str, fallback: &str) -> String {
    let mut out: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if out.trim_matches('_').is_empty() {
        out = fallback.to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(
            0,
            if fallback.starts_with(char::is_uppercase) {
                'V'
            } else {
                'n'
            },
        );
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// The names already used in one namespace (a type's fields, a module's types, an
/// enum's variants), handing out unused ones.
#[derive(Debug, Default)]
pub struct Taken {
    names: BTreeSet<String>,
}

impl Taken {
    /// A namespace where `reserved` are already used.
    pub fn with(reserved: &[&str]) -> Self {
        Taken {
            names: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Whether `name` is used.
    pub fn contains(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    /// Claims `name`, or `name` + `separator` + 2, 3, … when it is taken.
    pub fn claim(&mut self, name: String, separator: &str) -> String {
        let mut candidate = name.clone();
        // `type_` (a keyword's escape) is followed by `type_2`, not `type__2`, which
        // is no snake case name.
        let stem = match name.trim_end_matches('_') {
            stem if separator == "_" && !stem.is_empty() => stem,
            _ => name.as_str(),
        };
        let mut n = 2;
        while self.names.contains(&candidate) {
            candidate = format!("{stem}{separator}{n}");
            n += 1;
        }
        self.names.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_and_pascal_names() {
        assert_eq!(snake("CancelIntervention"), "cancel_intervention");
        assert_eq!(snake("categoryIds"), "category_ids");
        assert_eq!(snake("FirstUserReplyInBh"), "first_user_reply_in_bh");
        assert_eq!(pascal("created_at"), "CreatedAt");
        assert_eq!(
            pascal("GetAllInterventionsResponse"),
            "GetAllInterventionsResponse"
        );
    }

    #[test]
    fn keywords_digits_and_punctuation_become_identifiers() {
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(pascal("self"), "Self_");
        assert_eq!(snake("2fa"), "n2fa");
        assert_eq!(pascal("123"), "V123");
        assert_eq!(snake("!!!"), "value");
        assert_eq!(pascal(""), "Value");
        assert_eq!(pascal("Fermée"), "FermE");
        assert_eq!(ident("a-b"), "ab");
    }

    #[test]
    fn taken_names_get_numbered() {
        let mut taken = Taken::with(&["client"]);
        assert_eq!(taken.claim("client".into(), "_"), "client_2");
        assert_eq!(taken.claim("type_".into(), "_"), "type_");
        assert_eq!(taken.claim("type_".into(), "_"), "type_2");
        assert_eq!(taken.claim("client".into(), "_"), "client_3");
        assert_eq!(taken.claim("limit".into(), "_"), "limit");
    }
}
