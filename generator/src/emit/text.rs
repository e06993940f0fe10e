//! Generated code as text: each item is written once, by [`Code`], and printed by
//! [`print`].
//!
//! Most generated items are the same few shapes with different names (a builder and
//! its setters, a method, an `IntoFuture`, a struct model, a string enum). Their
//! producers lay them out as prettyplease would, line by line, and [`Code`] checks
//! every line against prettyplease's margin. An item whose layout is not certain (a
//! line past the margin, a shape whose line breaks this module does not know) is
//! still written as text, only marked uncertain: [`print`] then parses that text with
//! syn and lets prettyplease lay it out, as it always does for the irregular items
//! (the constructors, paging methods, `lib.rs`). So there is one producer per item
//! and one formatting pass over the uncertain rest, as in prost-build. A test checks
//! that the output of an API with names and texts of every width is a fixpoint of
//! prettyplease.

use crate::emit::docs::Doc;

/// The last column prettyplease writes on a line it may break (its `MARGIN`): a line
/// up to this wide stays whole, a longer one is broken.
pub const MARGIN: usize = 89;

/// Lines of one or more items, each checked against [`MARGIN`] as it is added.
pub struct Code {
    out: String,
    /// Whether every line is laid out as prettyplease would lay it out.
    certain: bool,
}

/// The text of generated items, and whether prettyplease would print it as it is.
#[derive(Debug)]
pub struct Item {
    text: String,
    certain: bool,
}

impl Item {
    /// Whether the text is laid out as prettyplease lays it out.
    #[cfg(test)]
    pub fn is_certain(&self) -> bool {
        self.certain
    }

    /// The text as written.
    #[cfg(test)]
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl Code {
    /// No code yet.
    pub fn new() -> Self {
        Code {
            out: String::new(),
            certain: true,
        }
    }

    /// Code whose layout is left to prettyplease from the start: items written
    /// rarely enough (the API's constructors, paging methods) that laying them out
    /// here would buy nothing.
    pub fn to_be_formatted() -> Self {
        Code {
            out: String::new(),
            certain: false,
        }
    }

    /// Leaves the layout to prettyplease: some line is not laid out as it would be.
    pub fn uncertain(&mut self) {
        self.certain = false;
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

    /// Adds `doc` as `///` lines at `indent`, as prettyplease prints doc attributes.
    pub fn doc(&mut self, indent: usize, doc: &Doc) {
        for line in doc.lines() {
            self.doc_line(indent, line);
        }
    }

    /// Adds one `///` line of `text`. A control character (which prose never holds,
    /// but a name or value from the input may) is a space: a line break would end the
    /// comment, and rustc refuses a bare carriage return in one.
    pub fn doc_line(&mut self, indent: usize, text: &str) {
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.out.push_str("///");
        let text: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        // prettyplease trims the spaces that end a line.
        let text = text.trim_end_matches(' ');
        if !text.is_empty() {
            self.out.push(' ');
            self.out.push_str(text);
        }
        self.out.push('\n');
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
        for (item, flat) in items.iter().zip(&flat_items) {
            // The comma after an item is outside the item's group: prettyplease
            // keeps the item whole when the item alone fits.
            match indent + 4 + width(flat) <= MARGIN {
                true => self.whole_line(indent + 4, &format!("{flat},")),
                false => self.list(indent + 4, "", item_delimiters, item, ","),
            }
        }
        self.line(indent, &format!("{close}{tail}"));
    }

    /// Before a function of `arguments` arguments (`self` included) at `indent`:
    /// allows clippy's `too_many_arguments` past its limit of seven, saying why. The
    /// API documents that many required `what`s, and a struct for them would hide
    /// what the docs list.
    pub fn allow_many_arguments(&mut self, indent: usize, arguments: usize, what: &str) {
        if arguments > 7 {
            // prettyplease breaks the attribute, past its margin.
            self.uncertain();
            self.whole_line(
                indent,
                &format!(
                    "#[allow(clippy::too_many_arguments, reason = \"the API documents this many required {what}\")]"
                ),
            );
        }
    }

    /// Adds the lines of `other`, and its uncertainty.
    pub fn append(&mut self, other: Code) {
        self.out.push_str(&other.out);
        self.certain &= other.certain;
    }

    /// The items written.
    pub fn finish(self) -> Item {
        Item {
            text: self.out,
            certain: self.certain,
        }
    }

    fn push(&mut self, indent: usize, text: &str) {
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.out.push_str(text);
        self.out.push('\n');
    }
}

/// The items as printed, in order, with a blank line after each item: certain text
/// as it is, the rest laid out by prettyplease. Fails only if apibind wrote text that
/// does not parse as Rust, a bug the message asks to report.
pub fn print(items: &[Item]) -> Result<String, String> {
    let mut printed = String::new();
    for item in items {
        match item.certain {
            true => printed.push_str(&item.text),
            false => printed.push_str(&prettyplease_layout(&item.text)?),
        }
    }
    Ok(space_items(&printed))
}

/// prettyplease's layout of `text`, which must be whole items.
pub fn prettyplease_layout(text: &str) -> Result<String, String> {
    let file = syn::parse_file(text).map_err(|e| {
        format!("internal error: apibind generated invalid Rust ({e}); please report it")
    })?;
    Ok(prettyplease::unparse(&file))
}

/// prettyplease prints items back to back; a blank line after each item's closing
/// brace makes the file read like hand-written code. Generated string literals never
/// span lines, so a line that is just `}` always closes an item or block.
pub fn space_items(source: &str) -> String {
    const ITEM_STARTS: [&str; 12] = [
        "///", "#[", "pub ", "pub(", "impl", "fn ", "static ", "const ", "type ", "struct ",
        "enum ", "mod ",
    ];
    let mut out = String::with_capacity(source.len() + source.len() / 16);
    let mut lines = source.lines().peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        // ASCII trimming: the generated code indents with spaces only.
        let trimmed = line.trim_ascii();
        // A comment (a doc line of prose ending in `;`) closes nothing.
        let closes = matches!(trimmed, "}" | "};")
            || line.ends_with(';') && !line.starts_with(' ') && !line.starts_with("//");
        if !closes {
            continue;
        }
        if let Some(next) = lines.peek() {
            let next = next.trim_ascii_start();
            if ITEM_STARTS.iter().any(|start| next.starts_with(start)) {
                out.push('\n');
            }
        }
    }
    out
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

/// `Some("value")` or `None`, for optional texts in generated statics.
pub fn optional_literal(value: Option<&str>) -> String {
    match value {
        Some(value) => format!("Some({})", string_literal(value)),
        None => "None".to_owned(),
    }
}

/// The width of `line` as prettyplease measures it, without its line break: in bytes,
/// so that a line of non-ASCII text breaks where prettyplease breaks it.
pub fn width(line: &str) -> usize {
    line.trim_end_matches('\n').len()
}

/// Fails, showing the first lines that differ, unless `written` is `expected`.
#[cfg(test)]
pub fn assert_same_code(written: &str, expected: &str) {
    if written == expected {
        return;
    }
    let line = written
        .lines()
        .zip(expected.lines())
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
        show(written),
        show(expected)
    );
}

/// Checks what every test of a generated file must hold: each item the producers
/// call certain is exactly what prettyplease prints of it, most items are certain
/// (`at_least` of them, holding each of `laid_out` somewhere), and the whole file
/// (without its `//` header) is a fixpoint of prettyplease and [`space_items`].
#[cfg(test)]
pub fn assert_fixpoint(items: &[Item], file: &str, at_least: usize, laid_out: &[&str]) {
    let certain: Vec<&str> = items
        .iter()
        .filter(|item| item.certain)
        .map(|item| item.text.as_str())
        .collect();
    for text in &certain {
        let printed = prettyplease_layout(text).expect("generated items parse");
        assert_same_code(text, &printed);
    }
    assert!(
        certain.len() >= at_least,
        "{} items laid out as text",
        certain.len()
    );
    for layout in laid_out {
        assert!(certain.iter().any(|t| t.contains(layout)), "{layout}");
    }
    let body =
        file.split_once("\n\n")
            .map_or(file, |(header, body)| match header.starts_with("//") {
                true => body,
                false => file,
            });
    let reprinted = space_items(&prettyplease_layout(body).expect("the generated file parses"));
    assert_same_code(body, &reprinted);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_get_a_blank_line_after_them_and_doc_prose_does_not() {
        let source =
            "/// Set it:\n/// pet.name = x;\n/// done.\npub struct A;\nimpl A {}\nfn b() {}\n";
        assert_eq!(
            space_items(source),
            "/// Set it:\n/// pet.name = x;\n/// done.\npub struct A;\n\nimpl A {}\nfn b() {}\n"
        );
    }

    #[test]
    fn lines_past_the_margin_leave_the_item_to_prettyplease() {
        let mut code = Code::new();
        code.line(0, "pub struct A {");
        code.line(4, &format!("pub {}: u8,", "a".repeat(MARGIN - 13)));
        code.line(0, "}");
        assert!(code.finish().certain);
        let mut code = Code::new();
        code.line(0, "pub fn f() {");
        code.line(
            4,
            &format!("let _ = ({}, {});", "a".repeat(40), "b".repeat(40)),
        );
        code.line(0, "}");
        let item = code.finish();
        assert!(!item.certain);
        let printed = print(&[item]).unwrap();
        assert!(printed.contains("let _ = (\n"), "{printed}");
    }

    #[test]
    fn lists_break_as_prettyplease_breaks_them() {
        for len in 1..70 {
            let mut code = Code::new();
            let args = ["&self".to_owned(), format!("{}: String", "x".repeat(len))];
            code.list(4, "pub fn call", ("(", ")"), &args, " -> u8 {");
            code.line(8, "0");
            code.line(4, "}");
            let mut wrapped = Code::new();
            wrapped.line(0, "impl A {");
            wrapped.lines_of(code.finish());
            wrapped.line(0, "}");
            let item = wrapped.finish();
            assert!(item.certain);
            assert_same_code(&item.text, &prettyplease_layout(&item.text).unwrap());
        }
    }

    impl Code {
        /// Adds the lines of `item`.
        fn lines_of(&mut self, item: Item) {
            self.out.push_str(&item.text);
            self.certain &= item.certain;
        }
    }

    #[test]
    fn control_characters_in_docs_are_spaces() {
        let mut code = Code::new();
        code.doc(0, &Doc::new().text("a\rb\u{1}c\u{85}d").text("e"));
        code.doc_line(0, "x\ny\t");
        code.line(0, "pub struct A;");
        let item = code.finish();
        assert!(item.certain);
        assert_eq!(
            item.text,
            "/// a b c d\n///\n/// e\n/// x y\npub struct A;\n"
        );
        assert_same_code(&item.text, &prettyplease_layout(&item.text).unwrap());
    }

    #[test]
    fn invalid_text_is_an_internal_error() {
        let mut code = Code::to_be_formatted();
        code.line(0, "pub struct A {");
        code.line(4, "a: ,");
        code.line(0, "}");
        let error = print(&[code.finish()]).unwrap_err();
        assert!(error.contains("internal error"), "{error}");
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
