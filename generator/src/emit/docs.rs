//! Documentation text from the input, made safe for rustdoc.
//!
//! Input prose is untrusted: it can hold `[x]` (a broken intra-doc link), `<tag>`
//! (invalid HTML), bare URLs, indented lines or code fences (which rustdoc would compile
//! as doctests), control characters and lines starting with `#`. The text reaches the
//! generated code only as `///` lines written by `text::Code::doc`, which turns any
//! control character into a space, so it can never end its comment and change the
//! code; this module makes sure it cannot break the docs either.

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

    /// The doc's lines, without `///`: [`Code::doc`](crate::emit::text::Code::doc)
    /// writes them.
    pub fn lines(&self) -> &[String] {
        &self.lines
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
    fn paragraphs_and_list_items_are_lines() {
        let doc = Doc::new()
            .text("One")
            .prose("Two [x]")
            .item("`a`: ", "the  first")
            .item_suffix(" Sent.");
        assert_eq!(
            doc.lines(),
            ["One", "", "Two \\[x\\]", "", "* `a`: the first Sent."]
        );
    }
}
