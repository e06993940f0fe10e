//! Restores the structure of descriptions that a docs generator flattened.
//!
//! Go SDK docs join the lines of the original description with spaces, so a paragraph
//! break arrives as a run of two or more spaces and a list item as ` * `. This module
//! turns such text back into markdown: paragraphs separated by blank lines, items as
//! `* ` lines, and items after one that ends with `:` nested as `  * ` until the next
//! paragraph.

/// One piece of a flattened description.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    Paragraph(&'a str),
    Item(&'a str),
}

/// Markdown paragraphs and lists from flattened text.
pub fn normalize(text: &str) -> String {
    let mut out = String::new();
    let mut previous: Option<&Piece> = None;
    let mut nested = false;
    let pieces = pieces(text);
    for piece in &pieces {
        match piece {
            Piece::Paragraph(text) => {
                if previous.is_some() {
                    out.push_str("\n\n");
                }
                out.push_str(text);
                nested = false;
            }
            Piece::Item(text) => {
                match previous {
                    Some(Piece::Item(before)) => {
                        nested |= before.ends_with(':');
                        out.push('\n');
                    }
                    Some(Piece::Paragraph(_)) => out.push_str("\n\n"),
                    None => {}
                }
                out.push_str(if nested { "  * " } else { "* " });
                out.push_str(text);
            }
        }
        previous = Some(piece);
    }
    out
}

/// Splits at line breaks and runs of spaces, then at ` * ` after the end of a
/// sentence or clause (so that `a * b` in prose stays text).
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    for chunk in chunks(text) {
        let (mut rest, mut is_item) = match chunk.strip_prefix("* ") {
            Some(item) => (item, true),
            None => (chunk, false),
        };
        while let Some(at) = item_break(rest) {
            push(&mut pieces, &rest[..at], is_item);
            rest = &rest[at + 3..];
            is_item = true;
        }
        push(&mut pieces, rest, is_item);
    }
    pieces
}

fn push<'a>(pieces: &mut Vec<Piece<'a>>, text: &'a str, is_item: bool) {
    let text = text.trim();
    if !text.is_empty() {
        pieces.push(if is_item {
            Piece::Item(text)
        } else {
            Piece::Paragraph(text)
        });
    }
}

/// The byte offset of the first ` * ` that follows `.`, `:`, `;`, `!`, `?` or `)`.
fn item_break(text: &str) -> Option<usize> {
    text.match_indices(" * ").map(|(at, _)| at).find(|&at| {
        text[..at]
            .trim_end()
            .ends_with(['.', ':', ';', '!', '?', ')'])
    })
}

/// Lines, each split further at runs of two or more spaces.
fn chunks(text: &str) -> Vec<&str> {
    let mut chunks = Vec::new();
    for line in text.lines() {
        let mut rest = line.trim_start();
        while let Some(pos) = rest.find("  ") {
            chunks.push(&rest[..pos]);
            rest = rest[pos..].trim_start_matches(' ');
        }
        chunks.push(rest);
    }
    chunks.retain(|c| !c.trim().is_empty());
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattened_caveat_lists_become_nested_lists() {
        let text = "Cancels it. If x a 404 HTTP response will be returned.  Caveats:  * If busy, it will return a 409 error. * Must meet criteria otherwise a 403 will be raised:   * not closed  * no replies  Authorization: no.";
        assert_eq!(
            normalize(text),
            "Cancels it. If x a 404 HTTP response will be returned.\n\nCaveats:\n\n* If busy, it will return a 409 error.\n* Must meet criteria otherwise a 403 will be raised:\n  * not closed\n  * no replies\n\nAuthorization: no."
        );
    }

    #[test]
    fn paragraph_breaks_are_runs_of_spaces_or_new_lines() {
        assert_eq!(
            normalize("One line.  Authorization: no."),
            "One line.\n\nAuthorization: no."
        );
        assert_eq!(normalize("a\nb"), "a\n\nb");
    }

    #[test]
    fn a_star_inside_a_sentence_is_not_a_list() {
        assert_eq!(normalize("Plain a * b text"), "Plain a * b text");
        assert_eq!(normalize("Done. * next"), "Done.\n\n* next");
    }
}
