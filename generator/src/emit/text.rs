//! Pre-formatted code: the regular bulk of `requests.rs` and `models.rs`, written as
//! text.
//!
//! Most generated items are the same few shapes with different names (a builder and
//! its setters, a method, an `IntoFuture`, a struct model, a string enum). Building
//! them as tokens, parsing them back with syn and printing them with prettyplease was
//! most of generation's time, for text whose layout is known. `requests` and `models`
//! write such items with this module's [`Code`], as prettyplease would print them;
//! anything whose layout is not certain (a line past prettyplease's margin, a token
//! this module does not know) is left to prettyplease. Each of them has a test that
//! both ways give the same bytes, over names and texts of every length.

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
                // `(T,)`: prettyplease writes no space before the parenthesis.
                if out.ends_with(", ") {
                    return None;
                }
                out.push(close);
                after_word = true;
                lifetime = false;
            }
            TokenTree::Literal(_) => return None,
        }
    }
    Some(())
}

/// Lines of pre-formatted code, each checked against [`MARGIN`] as it is added.
pub struct Code {
    out: String,
    /// Whether every line is laid out as prettyplease would lay it out.
    certain: bool,
}

impl Code {
    /// No code yet.
    pub fn new() -> Self {
        Code {
            out: String::new(),
            certain: true,
        }
    }

    /// Adds `text` as one line at `indent` spaces: a line prettyplease would break
    /// makes the code uncertain.
    pub fn line(&mut self, indent: usize, text: &str) {
        self.certain &= indent + width(text) <= MARGIN;
        self.push(indent, text);
    }

    /// Adds a line that prettyplease writes whole however long it is: a single
    /// token such as a string literal, or a line with no place to break.
    pub fn whole_line(&mut self, indent: usize, text: &str) {
        self.push(indent, text);
    }

    /// Adds lines already laid out, such as doc comments.
    pub fn lines(&mut self, lines: String) {
        self.out.push_str(&lines);
    }

    /// `{head}{open}a, b{close}{tail}` on one line if it fits, else the items one
    /// per line, each followed by a comma: how prettyplease writes arguments,
    /// arrays, tuples and generic arguments.
    pub fn list(
        &mut self,
        indent: usize,
        head: &str,
        delimiters: (&str, &str),
        items: &[String],
        tail: &str,
    ) {
        let (open, close) = delimiters;
        let flat = format!("{head}{open}{}{close}{tail}", items.join(", "));
        if items.is_empty() || indent + width(&flat) <= MARGIN {
            return self.line(indent, &flat);
        }
        self.line(indent, &format!("{head}{open}"));
        for item in items {
            let item = format!("{item},");
            match is_string_literal(&item) {
                true => self.whole_line(indent + 4, &item),
                false => self.line(indent + 4, &item),
            }
        }
        self.line(indent, &format!("{close}{tail}"));
    }

    /// A [`list`](Self::list) whose items are lists themselves (an array of tuples):
    /// when it is broken, each item is laid out on its own.
    pub fn nested_list(
        &mut self,
        indent: usize,
        head: &str,
        delimiters: (&str, &str),
        items: &[Vec<String>],
        item_delimiters: (&str, &str),
        tail: &str,
    ) {
        let (open, close) = delimiters;
        let (item_open, item_close) = item_delimiters;
        let flat_items: Vec<String> = items
            .iter()
            .map(|item| format!("{item_open}{}{item_close}", item.join(", ")))
            .collect();
        let flat = format!("{head}{open}{}{close}{tail}", flat_items.join(", "));
        if items.is_empty() || indent + width(&flat) <= MARGIN {
            return self.line(indent, &flat);
        }
        self.line(indent, &format!("{head}{open}"));
        for item in items {
            self.list(indent + 4, "", item_delimiters, item, ",");
        }
        self.line(indent, &format!("{close}{tail}"));
    }

    /// The code, or `None` when some line's layout is not certain.
    pub fn finish(self) -> Option<String> {
        self.certain.then_some(self.out)
    }

    fn push(&mut self, indent: usize, text: &str) {
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.out.push_str(text);
        self.out.push('\n');
    }
}

/// Whether `text` is one string literal, maybe followed by a comma.
pub fn is_string_literal(text: &str) -> bool {
    let text = text.strip_suffix(',').unwrap_or(text);
    let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else {
        return false;
    };
    // No quote inside but escaped ones (`\"`; `\\` escapes itself).
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '"' => return false,
            _ => {}
        }
    }
    true
}

/// A string literal as prettyplease prints it.
pub fn string_literal(value: &str) -> String {
    proc_macro2::Literal::string(value).to_string()
}

/// The width of `line` as prettyplease measures it, without its line break: in bytes,
/// so that a line of non-ASCII text breaks where prettyplease breaks it.
pub fn width(line: &str) -> usize {
    line.trim_end_matches('\n').len()
}

/// The model of the spec `text`, which must load without a warning.
#[cfg(test)]
pub fn load_spec(text: &str) -> crate::model::Api {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("openapi.yaml");
    std::fs::write(&path, text).expect("the spec is written");
    let loaded = crate::Config::new()
        .spec(&path)
        .no_overlay()
        .load()
        .expect("the spec loads");
    let warnings = loaded
        .diagnostics
        .count(crate::diagnostic::Severity::Warning);
    assert_eq!(warnings, 0, "{}", loaded.render_diagnostics());
    loaded.api
}

/// Fails, showing the first lines that differ, unless `preformatted` is `printed`.
#[cfg(test)]
pub fn assert_same_code(preformatted: &str, printed: &str) {
    if preformatted == printed {
        return;
    }
    let line = preformatted
        .lines()
        .zip(printed.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(0);
    let show = |s: &str| {
        s.lines()
            .skip(line.saturating_sub(3))
            .take(8)
            .collect::<Vec<_>>()
            .join("\n")
    };
    panic!(
        "differs at line {}:\n{}\n---\n{}",
        line + 1,
        show(preformatted),
        show(printed)
    );
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
        assert_eq!(type_text(&quote!((u8,))), None);
    }

    #[test]
    fn lone_string_literals_are_told_apart() {
        assert!(is_string_literal(r#""a \"quoted\" word","#));
        assert!(is_string_literal(r#""ends in a backslash \\""#));
        assert!(!is_string_literal(r#""a", "b""#));
        assert!(!is_string_literal(r#""a\\", "b""#));
        assert!(!is_string_literal("self.a.iter(),"));
    }
}
