//! Documentation text from the input, made safe for rustdoc.
//!
//! Input prose is untrusted: it can hold `[x]` (a broken intra-doc link), `<tag>`
//! (invalid HTML), bare URLs, indented lines or code fences (which rustdoc would compile
//! as doctests), control characters and lines starting with `#`. The text reaches the
//! generated code only as string literals of `#[doc]` attributes, so it can never
//! change the code; this module makes sure it cannot break the docs either.

use std::cell::RefCell;

use proc_macro2::TokenStream;
use quote::quote;

thread_local! {
    /// The docs deferred by [`deferred`] on this thread, in the order they were made.
    static DEFERRED: RefCell<Option<Vec<Vec<String>>>> = const { RefCell::new(None) };
}

/// Marks a deferred doc: a control character, which no doc line holds (prose drops
/// them, and [`Doc::tokens`] does not defer a doc whose lines hold one).
const MARK: char = '\u{1}';

/// Runs `render` with each doc reduced to one placeholder attribute, returning what
/// it made and the docs. [`fill`] puts the docs back into the printed code.
///
/// Doc prose is most of the generated text but has nothing to format: quoting it,
/// parsing it back with syn and printing it with prettyplease cost a fifth of
/// generation. It is printed here as prettyplease prints it, so the output is the same.
pub fn deferred<T>(render: impl FnOnce() -> T) -> (T, Vec<Vec<String>>) {
    let outer = DEFERRED.with(|d| d.borrow_mut().replace(Vec::new()));
    let tokens = render();
    let docs = DEFERRED.with(|d| std::mem::replace(&mut *d.borrow_mut(), outer));
    (tokens, docs.unwrap_or_default())
}

/// Writes `lines` as `///` comments at `indent`, as prettyplease prints doc attributes.
fn push_lines(out: &mut String, indent: &str, lines: &[String]) {
    for line in lines {
        out.push_str(indent);
        out.push_str("///");
        // prettyplease trims the spaces that end a line.
        let line = line.trim_end_matches(' ');
        if !line.is_empty() {
            out.push(' ');
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// Replaces each placeholder line of `printed` with its doc's `///` lines, at the
/// placeholder's indentation. Fails if a placeholder is missing, unknown or repeated:
/// a bug in apibind, which the message says.
pub fn fill(printed: &str, docs: &[Vec<String>]) -> Result<String, String> {
    if docs.is_empty() {
        return Ok(printed.to_owned());
    }
    let extra: usize = docs.iter().flatten().map(|line| line.len() + 16).sum();
    let mut out = String::with_capacity(printed.len() + extra);
    // Emitters make docs in any order; each placeholder must be printed once.
    let mut printed_docs = vec![false; docs.len()];
    for line in printed.split_inclusive('\n') {
        let content = line.trim_start_matches(' ');
        let index = content
            .strip_prefix("///")
            .and_then(|rest| rest.strip_prefix(MARK))
            .map(|rest| rest.trim_end().parse::<usize>());
        let Some(index) = index else {
            out.push_str(line);
            continue;
        };
        let doc = match index {
            Ok(index) if printed_docs.get(index) == Some(&false) => {
                printed_docs[index] = true;
                &docs[index]
            }
            _ => {
                return Err(format!(
                    "internal error: unknown doc placeholder {content:?}; please report it"
                ))
            }
        };
        push_lines(&mut out, &line[..line.len() - content.len()], doc);
    }
    match printed_docs.iter().all(|printed| *printed) {
        true => Ok(out),
        false => {
            Err("internal error: a doc placeholder was not printed; please report it".to_owned())
        }
    }
}

/// Builds the rustdoc of one item, paragraph by paragraph.
#[derive(Default)]
pub struct Doc {
    lines: Vec<String>,
}

impl Doc {
    /// An empty doc.
    pub fn new() -> Self {
        Doc::default()
    }

    /// Adds a paragraph of untrusted prose (markdown paragraphs and `* ` lists).
    pub fn prose(mut self, text: &str) -> Self {
        let escaped = escape(text);
        if !escaped.trim().is_empty() {
            self.gap();
            self.lines.extend(escaped.lines().map(str::to_owned));
        }
        self
    }

    /// Adds a paragraph written by the generator itself (trusted markdown).
    pub fn text(mut self, text: &str) -> Self {
        self.gap();
        self.lines.extend(text.lines().map(str::to_owned));
        self
    }

    /// Adds a `# Title` section heading.
    pub fn section(self, title: &str) -> Self {
        self.text(&format!("# {title}"))
    }

    /// Adds a list item of trusted lead-in followed by untrusted prose.
    pub fn item(mut self, lead: &str, prose: &str) -> Self {
        if self.lines.last().is_some_and(|l| !l.starts_with("* ")) {
            self.lines.push(String::new());
        }
        let text = escape(prose)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let line = match text.is_empty() {
            true => format!("* {lead}"),
            false => format!("* {lead}{text}"),
        };
        self.lines.push(line);
        self
    }

    /// Appends trusted text to the last line, e.g. to end a list item.
    pub fn item_suffix(mut self, text: &str) -> Self {
        match self.lines.last_mut() {
            Some(line) => {
                if text.starts_with(' ') {
                    line.truncate(line.trim_end().len());
                }
                line.push_str(text)
            }
            None => self.lines.push(text.trim_start().to_owned()),
        }
        self
    }

    fn gap(&mut self) {
        if !self.lines.is_empty() {
            self.lines.push(String::new());
        }
    }

    /// The `///` lines at `indent`, as prettyplease prints [`tokens`](Self::tokens);
    /// `None` when a line holds a control character, which prettyplease may print
    /// otherwise.
    pub fn printed(&self, indent: &str) -> Option<String> {
        if self.lines.iter().any(|l| l.contains(char::is_control)) {
            return None;
        }
        let mut out = String::new();
        push_lines(&mut out, indent, &self.lines);
        Some(out)
    }

    /// The `#[doc = "..."]` attributes, one per line (printed as `///`); inside
    /// [`deferred`], one placeholder attribute.
    pub fn tokens(&self) -> TokenStream {
        if !self.lines.is_empty() && self.lines.iter().all(|l| !l.contains(char::is_control)) {
            let placeholder = DEFERRED.with(|d| {
                d.borrow_mut().as_mut().map(|docs| {
                    docs.push(self.lines.clone());
                    format!("{MARK}{}", docs.len() - 1)
                })
            });
            if let Some(placeholder) = placeholder {
                return quote! { #[doc = #placeholder] };
            }
        }
        let lines = self.lines.iter().map(|line| match line.is_empty() {
            true => String::new(),
            false => format!(" {line}"),
        });
        quote! { #( #[doc = #lines] )* }
    }
}

/// Makes untrusted markdown safe for rustdoc, keeping paragraphs, `* ` lists and code
/// spans.
pub fn escape(text: &str) -> String {
    let text: String = text
        .chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            c if c.is_control() || is_bidi_control(c) => None,
            c => Some(c),
        })
        .collect();
    let mut out = Vec::new();
    for line in text.lines() {
        // Keep the generator's list nesting ("* " and "  * "); any other indentation
        // would make a code block, which rustdoc compiles as a doctest.
        let (indent, content) = match line.strip_prefix("  * ") {
            Some(rest) => ("  * ", rest),
            None => match line.trim_start().strip_prefix("* ") {
                Some(rest) => ("* ", rest),
                None => ("", line.trim_start()),
            },
        };
        out.push(format!("{indent}{}", escape_inline(content.trim_end())));
    }
    out.join("\n")
}

/// Right-to-left overrides and isolates could make the docs read differently from
/// what they say.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Escapes one line outside its code spans (`` `x` ``, kept verbatim); any other
/// backtick is escaped.
fn escape_inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    let mut line_start = true;
    while let Some((start, end)) = code_span(rest) {
        out.push_str(&escape_text(&rest[..start], line_start));
        out.push_str(&rest[start..end]);
        rest = &rest[end..];
        line_start = false;
    }
    out.push_str(&escape_text(rest, line_start));
    out
}

/// The first code span of `text`: one backtick, text without backticks, one backtick.
fn code_span(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let ticks: Vec<usize> = text.match_indices('`').map(|(i, _)| i).collect();
    ticks.windows(2).find_map(|pair| {
        let (open, close) = (pair[0], pair[1]);
        let single_open = open == 0 || bytes[open - 1] != b'`';
        let single_close = bytes.get(close + 1) != Some(&b'`');
        (close > open + 1 && single_open && single_close).then_some((open, close + 1))
    })
}

/// Escapes text outside code spans, word by word: URLs become autolinks.
fn escape_text(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (index, word) in split_keep_spaces(text).into_iter().enumerate() {
        let at_start = line_start && index == 0;
        match find_url(word) {
            Some((start, end)) => {
                out.push_str(&escape_plain(&word[..start], at_start));
                out.push('<');
                out.push_str(&word[start..end]);
                out.push('>');
                out.push_str(&escape_plain(&word[end..], false));
            }
            None => out.push_str(&escape_plain(word, at_start)),
        }
    }
    out
}

/// Splits into words and the runs of spaces between them, keeping both.
fn split_keep_spaces(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in line.char_indices() {
        if (c == ' ') != in_space && i > start {
            parts.push(&line[start..i]);
            start = i;
        }
        in_space = c == ' ';
    }
    if start < line.len() {
        parts.push(&line[start..]);
    }
    parts
}

/// The byte range of the first URL in `word` (rustdoc warns about bare ones), without
/// the punctuation that ends a sentence or closes a parenthesis.
fn find_url(word: &str) -> Option<(usize, usize)> {
    let start = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| word.find(scheme))
        .min()?;
    let rest = &word[start..];
    let len = rest
        .find(|c: char| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '<' | '>' | '`' | '[' | ']' | '"' | '\'')
        })
        .unwrap_or(rest.len());
    let url = rest[..len].trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
    (url.len() > "https://".len()).then_some((start, start + url.len()))
}

fn escape_plain(word: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(word.len());
    for (i, c) in word.chars().enumerate() {
        match c {
            '\\' | '[' | ']' | '*' | '_' | '`' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '=' | '-' | '+' | '>' if line_start && i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_html_and_emphasis_are_escaped() {
        assert_eq!(
            escape("ids as category_ids[]"),
            "ids as category\\_ids\\[\\]"
        );
        assert_eq!(escape("a <b> & c"), "a &lt;b&gt; &amp; c");
    }

    #[test]
    fn code_spans_are_kept_verbatim() {
        assert_eq!(
            escape("send `category_ids[]` twice"),
            "send `category_ids[]` twice"
        );
        assert_eq!(escape("odd ` tick"), "odd \\` tick");
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            escape("See https://example.com/a_b."),
            "See <https://example.com/a_b>."
        );
        assert_eq!(escape("(https://x.io/a)"), "(<https://x.io/a>)");
        assert_eq!(escape("\"https://x.io\""), "\"<https://x.io>\"");
        assert_eq!(escape("url:https://x.io/p"), "url:<https://x.io/p>");
        assert_eq!(escape("https:// alone"), "https:// alone");
    }

    #[test]
    fn indentation_and_line_starts_cannot_make_code_or_headings() {
        assert_eq!(escape("    let x = 1;"), "let x = 1;");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("```rust"), "\\`\\`\\`rust");
    }

    #[test]
    fn lists_survive() {
        assert_eq!(
            escape("Caveats:\n\n* one\n  * two"),
            "Caveats:\n\n* one\n  * two"
        );
    }

    #[test]
    fn control_and_bidi_characters_are_dropped() {
        assert_eq!(escape("a\u{202E}b\u{0007}c"), "abc");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Whatever the prose, the escaped text holds no link, no HTML tag, no code
        /// block and no control character that rustdoc could trip on.
        #[test]
        fn escaped_prose_is_inert(text in proptest::prelude::any::<String>()) {
            let escaped = escape(&text);
            let bytes = escaped.as_bytes();
            for (i, b) in bytes.iter().enumerate() {
                if matches!(b, b'[' | b']') {
                    // Inside a balanced code span brackets are literal; elsewhere escaped.
                    let in_code = escaped[..i].matches('`').count() % 2 == 1;
                    proptest::prop_assert!(in_code || (i > 0 && bytes[i - 1] == b'\\'), "{escaped:?}");
                }
            }
            for line in escaped.lines() {
                proptest::prop_assert!(!line.starts_with("    "), "{escaped:?}");
                proptest::prop_assert!(!line.trim_start().starts_with("```"), "{escaped:?}");
            }
            proptest::prop_assert!(!escaped.chars().any(|c| c.is_control() && c != '\n'), "{escaped:?}");
            proptest::prop_assert!(!escaped.contains('\u{202E}'), "{escaped:?}");
        }
    }

    #[test]
    fn doc_lines_are_attributes() {
        let tokens = Doc::new().text("One").prose("Two [x]").tokens().to_string();
        assert_eq!(
            tokens,
            "# [doc = \" One\"] # [doc = \"\"] # [doc = \" Two \\\\[x\\\\]\"]"
        );
    }

    fn printed(tokens: TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens).expect("test tokens parse"))
    }

    fn sample_item() -> TokenStream {
        let outer = Doc::new()
            .text("A thing.")
            .prose("Said   [x] twice  ")
            .tokens();
        let inner = Doc::new()
            .item("`a`: ", "the first")
            .item("`b`: ", "")
            .tokens();
        quote! {
            #outer
            pub struct Thing {
                #inner
                pub a: u8,
            }
        }
    }

    #[test]
    fn deferred_docs_print_as_prettyplease_prints_attributes() {
        let direct = printed(sample_item());
        let (tokens, docs) = deferred(sample_item);
        assert_eq!(docs.len(), 2);
        assert!(!printed(tokens.clone()).contains("A thing"));
        assert_eq!(fill(&printed(tokens), &docs).unwrap(), direct);
        // Outside `deferred`, docs are attributes again.
        assert!(sample_item().to_string().contains("A thing"));
    }

    #[test]
    fn docs_holding_control_characters_are_not_deferred() {
        let (tokens, docs) = deferred(|| Doc::new().text("a\rb").tokens());
        assert!(docs.is_empty());
        assert!(tokens.to_string().contains("a\\rb"), "{tokens}");
    }

    #[test]
    fn a_lost_or_unknown_placeholder_is_an_internal_error() {
        let (tokens, docs) = deferred(sample_item);
        let text = printed(tokens);
        let unknown = fill(&text, &docs[..1]).unwrap_err();
        assert!(unknown.contains("internal error"), "{unknown}");
        let first_only: String = text
            .lines()
            .filter(|l| !l.contains("\u{1}1"))
            .map(|l| format!("{l}\n"))
            .collect();
        let lost = fill(&first_only, &docs).unwrap_err();
        assert!(lost.contains("not printed"), "{lost}");
    }
}
