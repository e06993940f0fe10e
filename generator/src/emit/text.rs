//! Pre-formatted code: the regular bulk of `requests.rs`, written as text.
//!
//! Most generated items are the same few shapes with different names (a builder's
//! fields, its setters). Building them as tokens, parsing them back with syn and
//! printing them with prettyplease was most of generation's time, for text whose
//! layout is known. Such items are written here as prettyplease would print them;
//! anything whose layout is not certain (a line near prettyplease's margin, a token
//! this module does not know) is left to prettyplease. `requests` has a test that
//! both ways give the same bytes.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// Part of a generated file: tokens for prettyplease, or code already laid out.
pub enum Piece {
    /// Items to parse and pretty-print.
    Tokens(TokenStream),
    /// Items laid out as prettyplease would, each line ending in `\n`.
    Text(String),
}

/// The last column prettyplease writes on a line it may break (its `MARGIN`): a line
/// up to this wide stays whole, a longer one is broken.
pub const MARGIN: usize = 89;

/// A type as prettyplease prints it (`Vec<String>`, `impl Into<String>`,
/// `&'static str`, `(impl Into<String>, i64)`), or `None` for tokens it does not
/// know how to space.
pub fn type_text(tokens: &TokenStream) -> Option<String> {
    let mut out = String::new();
    push_type(tokens.clone(), &mut out)?;
    Some(out)
}

fn push_type(tokens: TokenStream, out: &mut String) -> Option<()> {
    // Whether the last thing written was a word: a following word needs a space.
    let mut after_word = false;
    let mut lifetime = false;
    for token in tokens {
        match token {
            TokenTree::Ident(ident) => {
                if after_word && !lifetime {
                    out.push(' ');
                }
                out.push_str(&ident.to_string());
                after_word = true;
                lifetime = false;
            }
            TokenTree::Punct(punct) => {
                match (punct.as_char(), punct.spacing()) {
                    (':', _) | ('<', _) | ('>', _) | ('&', _) => out.push(punct.as_char()),
                    (',', Spacing::Alone) => out.push_str(", "),
                    ('=', Spacing::Alone) => out.push_str(" = "),
                    ('\'', Spacing::Joint) => {
                        if after_word {
                            out.push(' ');
                        }
                        out.push('\'');
                        lifetime = true;
                        continue;
                    }
                    _ => return None,
                }
                after_word = false;
                lifetime = false;
            }
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ('(', ')'),
                    Delimiter::Bracket => ('[', ']'),
                    _ => return None,
                };
                match (after_word, open) {
                    // `Fn(u8)` sugar: not a type this module lays out.
                    (true, '(') => return None,
                    // `&'static [u8]`
                    (true, _) => out.push(' '),
                    (false, _) => {}
                }
                out.push(open);
                push_type(group.stream(), out)?;
                out.push(close);
                after_word = true;
                lifetime = false;
            }
            TokenTree::Literal(_) => return None,
        }
    }
    Some(())
}

/// Whether every line of `code` that is not a doc comment ends by [`MARGIN`].
pub fn fits(code: &str) -> bool {
    code.lines()
        .all(|line| line.trim_start().starts_with("///") || width(line) <= MARGIN)
}

/// The columns `line` takes, without its line break.
pub fn width(line: &str) -> usize {
    line.trim_end_matches('\n').chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn printed(ty: &TokenStream) -> String {
        let file: syn::File = syn::parse2(quote!(type T = #ty;)).expect("a type");
        let text = prettyplease::unparse(&file);
        text.trim_end()
            .strip_prefix("type T = ")
            .and_then(|t| t.strip_suffix(';'))
            .expect("one type alias")
            .to_owned()
    }

    #[test]
    fn types_are_spaced_as_prettyplease_spaces_them() {
        let types = [
            quote!(String),
            quote!(Vec<String>),
            quote!(Vec<Vec<crate::models::Thing>>),
            quote!(std::collections::BTreeMap<String, Vec<u8>>),
            quote!(impl Into<String>),
            quote!(impl IntoIterator<Item = impl Into<String>>),
            quote!(impl IntoIterator<Item = impl IntoIterator<Item = i64>>),
            quote!(impl IntoIterator<Item = (impl Into<String>, serde_json::Value)>),
            quote!(&'static str),
            quote!(&'static [u8]),
            quote!(Option<r#type::Thing>),
        ];
        for ty in types {
            assert_eq!(
                type_text(&ty).as_deref(),
                Some(printed(&ty).as_str()),
                "{ty}"
            );
        }
    }

    #[test]
    fn unknown_tokens_are_left_to_prettyplease() {
        assert_eq!(type_text(&quote!([u8; 4])), None);
        assert_eq!(type_text(&quote!(fn(u8) -> u8)), None);
        assert_eq!(type_text(&quote!(Box<dyn Fn() + Send>)), None);
    }

    #[test]
    fn doc_lines_do_not_count_against_the_width() {
        let long = "x".repeat(200);
        assert!(fits(&format!("/// {long}\nfn a() {{}}\n")));
        assert!(!fits(&format!("fn {long}() {{}}\n")));
    }
}
