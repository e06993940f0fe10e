//! A spec's markdown descriptions in the model's form: paragraphs separated by blank
//! lines, list items as `* ` lines (nested `  * `), as the docs' descriptions are.
//!
//! Specs are written by hand, and their lists end without a blank line: in
//! CommonMark the next line then continues the last item "lazily", which nobody
//! means and which rustdoc readers (and clippy's `doc_lazy_continuation`) take for a
//! mistake. Such a line starts a new paragraph here; an indented one continues the
//! item. Fenced code is kept as it is.

/// What the previous line was.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Start,
    Blank,
    Paragraph,
    Item,
    Quote,
}

/// `text` in the model's form, or `None` when it is blank.
pub(super) fn description(text: &str) -> Option<String> {
    let mut out: Vec<String> = Vec::new();
    let mut last = Last::Start;
    let mut fence = false;
    for raw in text.lines() {
        let line = raw.trim_end();
        let content = line.trim_start();
        let indent = line.len() - content.len();
        if fence || content.starts_with("```") {
            if !fence && matches!(last, Last::Item | Last::Quote) {
                out.push(String::new());
            }
            fence ^= content.starts_with("```");
            out.push(line.to_owned());
            last = Last::Paragraph;
            continue;
        }
        if content.is_empty() {
            if !matches!(last, Last::Start | Last::Blank) {
                out.push(String::new());
            }
            last = Last::Blank;
            continue;
        }
        if let Some((marker, item)) = list_item(content) {
            if last == Last::Paragraph || last == Last::Quote {
                out.push(String::new());
            }
            let nested = indent >= 2 && last == Last::Item;
            out.push(format!("{}{marker}{item}", if nested { "  " } else { "" }));
            last = Last::Item;
            continue;
        }
        let quote = content.starts_with('>');
        match (last, quote) {
            (Last::Item, false) if indent >= 2 => {
                if let Some(item) = out.last_mut() {
                    item.push(' ');
                    item.push_str(content);
                }
                continue;
            }
            (Last::Item, _) | (Last::Quote, false) | (Last::Paragraph, true) => {
                out.push(String::new());
            }
            _ => {}
        }
        out.push(line.to_owned());
        last = if quote { Last::Quote } else { Last::Paragraph };
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    let text = out.join("\n");
    (!text.trim().is_empty()).then_some(text)
}

/// A list item's marker as the model writes it (`* `, or `1. ` for numbered lists)
/// and its text.
fn list_item(content: &str) -> Option<(String, &str)> {
    for bullet in ["* ", "- ", "+ "] {
        if let Some(item) = content.strip_prefix(bullet) {
            return Some(("* ".to_owned(), item.trim_start()));
        }
    }
    let digits = content.len()
        - content
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    let rest = content.get(digits..)?;
    let item = rest
        .strip_prefix(". ")
        .or_else(|| rest.strip_prefix(") "))?;
    let number = content
        .get(..digits)
        .filter(|d| !d.is_empty() && d.len() <= 9)?;
    Some((format!("{number}. "), item.trim_start()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_after_a_list_starts_a_paragraph() {
        let text =
            "Filter the events:\n* dates are ISO-8601\n- values repeat\nSee the search guide.\n";
        assert_eq!(
            description(text).unwrap(),
            "Filter the events:\n\n* dates are ISO-8601\n* values repeat\n\nSee the search guide."
        );
    }

    #[test]
    fn indented_lines_continue_or_nest() {
        let text = "* one\n  more of one\n  * nested\n1) first\n2. second";
        assert_eq!(
            description(text).unwrap(),
            "* one more of one\n  * nested\n1. first\n2. second"
        );
    }

    #[test]
    fn quotes_fences_and_blanks() {
        let text = "\n\n> quoted\nafter\n\n```\n* not a list\n```\n\n\n";
        assert_eq!(
            description(text).unwrap(),
            "> quoted\n\nafter\n\n```\n* not a list\n```"
        );
        assert_eq!(description(" \n\t\n"), None);
        assert_eq!(description("2024. A year"), Some("2024. A year".to_owned()));
    }
}
