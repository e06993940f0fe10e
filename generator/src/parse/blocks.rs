//! Markdown to a flat list of blocks with line numbers.
//!
//! pulldown-cmark does the CommonMark work (emphasis, links, entities, lazy block
//! quotes); this module keeps only what the doc grammar needs: each block's plain text
//! and line. Table rows are split from their source text, not from pulldown's cells,
//! because real docs hold unescaped `|` in description cells and pulldown would drop
//! the cells past the header's count.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::diagnostic::LineIndex;
use crate::parse::text::clean;

/// One block of a markdown document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// `#`…`######` heading.
    Heading {
        /// 1 to 6.
        level: u8,
        /// Plain text.
        text: String,
        /// 1-based line.
        line: usize,
    },
    /// A paragraph outside quotes and lists.
    Paragraph {
        /// Plain text; soft breaks are `\n`; code spans keep their backticks.
        text: String,
        /// 1-based line of its start.
        line: usize,
    },
    /// A block quote's text (all its paragraphs, joined by `\n`).
    Quote {
        /// Plain text.
        text: String,
        /// 1-based line of its start.
        line: usize,
    },
    /// A bullet or numbered list, flattened to its items' texts.
    List {
        /// Item text and 1-based line.
        items: Vec<(String, usize)>,
    },
    /// A pipe table.
    Table {
        /// Plain text of the header cells.
        header: Vec<String>,
        /// Body rows.
        rows: Vec<Row>,
        /// 1-based line of the header.
        line: usize,
    },
}

/// One body row of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Plain text of each cell, split on unescaped `|`.
    pub cells: Vec<String>,
    /// The markdown source of each cell, for cells whose markup is malformed.
    pub raw: Vec<String>,
    /// Whether the row ended with a `|`: docs end rows whose last cell is empty so.
    pub terminated: bool,
    /// 1-based line.
    pub line: usize,
}

/// Splits `text` into blocks. Line numbers are those of `text`, even where tables
/// were repaired first (see [`repair_tables`]).
pub fn blocks(text: &str) -> Vec<Block> {
    let (repaired, line_map) = repair_tables(text);
    let text = repaired.as_str();
    let index = LineIndex::new(text);
    let lines = OriginalLines {
        index,
        map: line_map,
    };
    let mut out = Vec::new();
    let mut quote_depth = 0usize;
    let mut list_depth = 0usize;
    // The block being collected: its text and the line it started on.
    let mut buffer = String::new();
    let mut buffer_line = 0usize;
    let mut collecting = false;
    let mut items: Vec<(String, usize)> = Vec::new();
    let mut table: Option<(Vec<String>, Vec<Row>, usize)> = None;
    let mut path_link = false;

    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        let line = lines.line(range.start);
        if collecting && keep_path_brackets(&event, &mut path_link, &mut buffer) {
            continue;
        }
        match event {
            Event::Start(Tag::Heading { .. })
            | Event::Start(Tag::Paragraph)
            | Event::Start(Tag::CodeBlock(_))
                if table.is_none() =>
            {
                if !collecting {
                    buffer.clear();
                    buffer_line = line;
                    collecting = true;
                } else if !buffer.is_empty() {
                    // A second paragraph of the same quote or list item.
                    buffer.push('\n');
                }
            }
            Event::End(TagEnd::Heading(level)) => {
                out.push(Block::Heading {
                    level: level as u8,
                    text: clean(std::mem::take(&mut buffer).trim()),
                    line: buffer_line,
                });
                collecting = false;
            }
            // Docs are not code: an indented or fenced block is prose like any other.
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::CodeBlock)
                if quote_depth == 0 && list_depth == 0 =>
            {
                out.push(Block::Paragraph {
                    text: clean(std::mem::take(&mut buffer).trim()),
                    line: buffer_line,
                });
                collecting = false;
            }
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => {
                quote_depth -= 1;
                if quote_depth == 0 && collecting {
                    out.push(Block::Quote {
                        text: clean(std::mem::take(&mut buffer).trim()),
                        line: buffer_line,
                    });
                    collecting = false;
                }
            }
            Event::Start(Tag::List(_)) => list_depth += 1,
            Event::End(TagEnd::List(_)) => {
                list_depth -= 1;
                if list_depth == 0 && quote_depth == 0 {
                    out.push(Block::List {
                        items: std::mem::take(&mut items),
                    });
                }
            }
            Event::Start(Tag::Item) => {
                flush_item(&mut buffer, buffer_line, &mut items, &mut collecting);
                buffer.clear();
                buffer_line = line;
                collecting = true;
            }
            Event::End(TagEnd::Item) => {
                flush_item(&mut buffer, buffer_line, &mut items, &mut collecting);
            }
            Event::Start(Tag::Table(_)) => table = Some((Vec::new(), Vec::new(), line)),
            Event::Start(Tag::TableHead) => {
                if let Some((header, _, _)) = table.as_mut() {
                    *header = split_row(&text[range])
                        .iter()
                        .map(|cell| inline_text(cell))
                        .collect();
                }
            }
            Event::Start(Tag::TableRow) => {
                if let Some((_, rows, _)) = table.as_mut() {
                    let source = text[range].trim_end();
                    let raw = split_row(source);
                    rows.push(Row {
                        cells: raw.iter().map(|cell| inline_text(cell)).collect(),
                        raw,
                        terminated: source.ends_with('|') && !source.ends_with("\\|"),
                        line,
                    });
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((header, rows, line)) = table.take() {
                    out.push(Block::Table { header, rows, line });
                }
            }
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) if collecting => {
                buffer.push_str(&t)
            }
            Event::Code(code) if collecting => {
                buffer.push('`');
                buffer.push_str(&code);
                buffer.push('`');
            }
            Event::SoftBreak | Event::HardBreak if collecting => buffer.push('\n'),
            _ => {}
        }
    }
    out
}

/// Maps offsets of the repaired text to lines of the original.
struct OriginalLines {
    index: LineIndex,
    map: Vec<usize>,
}

impl OriginalLines {
    fn line(&self, offset: usize) -> usize {
        let repaired = self.index.line(offset);
        self.map.get(repaired - 1).copied().unwrap_or(repaired)
    }
}

/// Real docs break their tables in two ways CommonMark does not forgive: a blank line
/// between rows (which ends the table, leaving the rest as a paragraph) and no blank
/// line before the header (so the table never starts). This drops such blank lines
/// and inserts the missing ones. Returns the repaired text and, for each of its lines,
/// the 1-based line of the original.
pub fn repair_tables(text: &str) -> (String, Vec<usize>) {
    let original: Vec<&str> = text.lines().collect();
    // Kotlin's templates (2024) print a table's first rows above its header: they are
    // moved under it, keeping their own line numbers.
    let order = rows_under_headers(&original);
    let lines: Vec<&str> = order.iter().map(|&i| original[i]).collect();
    let is_header = |i: usize| {
        lines[i].contains('|') && lines.get(i + 1).is_some_and(|next| is_delimiter_row(next))
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut map = Vec::with_capacity(lines.len() + 4);
    let mut in_table = false;
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            let next = (i + 1..lines.len()).find(|&j| !lines[j].trim().is_empty());
            let row_follows = next.is_some_and(|j| looks_like_row(lines[j]) && !is_header(j));
            if in_table && row_follows {
                continue;
            }
            in_table = false;
        } else if is_header(i) {
            if i > 0 && !lines[i - 1].trim().is_empty() {
                out.push('\n');
                map.push(order[i] + 1);
            }
            in_table = true;
        } else if !line.contains('|') {
            in_table = false;
        }
        out.push_str(line);
        out.push('\n');
        map.push(order[i] + 1);
    }
    (out, map)
}

/// The order to read `lines` in: each run of rows (`| **x** | ...`) directly above a
/// table header and its delimiter row goes under them.
fn rows_under_headers(lines: &[&str]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    let is_row = |line: &str| line.trim_start().starts_with("| **");
    let mut i = 1;
    while i + 1 < lines.len() {
        if lines[i].contains('|') && is_delimiter_row(lines[i + 1]) {
            let mut start = i;
            while start > 0 && is_row(lines[start - 1]) {
                start -= 1;
            }
            // Rows directly under another table are that table's.
            let alone = start == 0 || !lines[start - 1].contains('|');
            if start < i && alone {
                order[start..i + 2].rotate_left(i - start);
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    order
}

/// `---|---`, `| :--- | ---: |`: the line under a table header.
fn is_delimiter_row(line: &str) -> bool {
    let line = line.trim().trim_matches('|');
    !line.is_empty()
        && line.contains('-')
        && line.split('|').all(|cell| {
            cell.trim().trim_matches(':').chars().all(|c| c == '-') && !cell.trim().is_empty()
        })
}

/// A parameter, property or method row as the docs write them.
fn looks_like_row(line: &str) -> bool {
    let line = line.trim_start();
    line.contains('|')
        && (line.starts_with("**") || line.starts_with("[**") || line.starts_with('|'))
}

/// Ends the list item being collected, if any.
fn flush_item(
    buffer: &mut String,
    line: usize,
    items: &mut Vec<(String, usize)>,
    collecting: &mut bool,
) {
    if *collecting {
        let text = clean(std::mem::take(buffer).trim());
        if !text.is_empty() {
            items.push((text, line));
        }
        *collecting = false;
    }
}

/// Splits the source of one table row on unescaped `|` into the cells' markdown.
/// Leading and trailing pipes are optional in pipe tables.
fn split_row(source: &str) -> Vec<String> {
    let source = source.trim_end_matches(['\n', '\r']).trim();
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = source.chars().peekable();
    let mut in_code = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '`' => {
                in_code = !in_code;
                cell.push(c);
            }
            '|' if !in_code => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    if source.starts_with('|') {
        cells.remove(0);
    }
    if source.ends_with('|') && !source.ends_with("\\|") && cells.len() > 1 {
        cells.pop();
    }
    cells
        .into_iter()
        .map(|cell| cell.trim().to_owned())
        .collect()
}

/// The plain text of an inline markdown fragment: emphasis and link syntax removed,
/// entities decoded, code spans kept with their backticks.
pub fn inline_text(fragment: &str) -> String {
    // Most cells are plain words (`string`, `The pet's id.`): nothing markdown could
    // change, so they skip the parser, which was a third of reading a large folder.
    let trimmed = fragment.trim();
    if is_plain(trimmed) {
        return clean(trimmed).trim().to_owned();
    }
    // `**string**`, `**Name**`: bold plain words, the most common cells.
    if let Some(inner) = trimmed
        .strip_prefix("**")
        .and_then(|rest| rest.strip_suffix("**"))
    {
        if is_plain(inner) && inner.trim() == inner {
            return clean(inner).trim().to_owned();
        }
    }
    parsed_inline_text(fragment)
}

/// [`inline_text`] the long way, through the markdown parser.
fn parsed_inline_text(fragment: &str) -> String {
    let mut out = String::new();
    let mut path_link = false;
    for event in Parser::new(fragment) {
        if keep_path_brackets(&event, &mut path_link, &mut out) {
            continue;
        }
        match event {
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => out.push_str(&t),
            Event::Code(code) => {
                out.push('`');
                out.push_str(&code);
                out.push('`');
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    clean(out.trim()).trim().to_owned()
}

/// `<models::Pet>` (a Rust type's argument, `Vec<models::Pet>`) is an autolink to
/// markdown, whose text loses its brackets: they are put back for a destination
/// with `::`, which names a path, not a place. Returns whether `event` was such a
/// link's start or end; `open` tracks whether one is open.
fn keep_path_brackets(event: &Event<'_>, open: &mut bool, out: &mut String) -> bool {
    match event {
        Event::Start(Tag::Link {
            link_type: LinkType::Autolink,
            dest_url,
            ..
        }) if dest_url
            .split_once(':')
            .is_some_and(|(_, rest)| rest.starts_with(':')) =>
        {
            out.push('<');
            *open = true;
            true
        }
        Event::End(TagEnd::Link) if *open => {
            out.push('>');
            *open = false;
            true
        }
        _ => false,
    }
}

/// Whether markdown reads `text` as the same text: one line, starting with a letter
/// (no heading, quote, list or numbered item), without emphasis, code, links, HTML,
/// entities or escapes.
fn is_plain(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_alphabetic)
        && !text.contains(|c: char| {
            matches!(
                c,
                '*' | '_' | '`' | '[' | ']' | '<' | '>' | '&' | '\\' | '!' | '~' | '\n' | '\r'
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut gives what the parser gives, on plain and on marked-up text.
    #[test]
    fn plain_text_reads_as_the_parser_reads_it() {
        let parsed = parsed_inline_text;
        for text in ["**string**", "**Name**", "**int64**", "**optional.Int32**"] {
            assert_eq!(inline_text(text), parsed(text), "{text}");
        }
        // A type's path in angle brackets is no link.
        assert_eq!(
            inline_text("[**Vec<models::Pet>**](Pet.md)"),
            "Vec<models::Pet>"
        );
        assert_eq!(
            inline_text("see <https://x.test/a>"),
            "see https://x.test/a"
        );
        for text in [
            "string",
            "The pet's id.",
            "Tag ids; a | b | c are all accepted.",
            "Only pets born after this instant (UTC), e.g. 2020-01-01T00:00:00Z.",
            "  padded  words ",
            "int64",
            "optional.Int32",
            "Pointer to",
            "a \u{200B}zero width",
            "x = y + 1 - 2 / 3 % 4 # not a heading",
        ] {
            assert!(is_plain(text.trim()), "{text}");
            assert_eq!(inline_text(text), parsed(text), "{text}");
        }
        for text in [
            "# heading",
            "> quote",
            "- item",
            "1. one",
            "**bold**",
            "a &amp; b",
            "[l](x)",
            "a\nb",
        ] {
            assert!(!is_plain(text.trim()), "{text}");
        }
    }

    /// Kotlin's templates print every row but the last above the header.
    #[test]
    fn rows_above_a_header_go_under_it_with_their_lines() {
        // Hostile: a thousand such tables read in linear time.
        let many =
            "| **a** | **b** | c | |\n| Name | Type | D | N |\n| - | - | - | - |\n\n".repeat(1000);
        assert_eq!(blocks(&many).len(), 1000);
        // Rows right under a table stay that table's.
        let two = "| Name | Type |\n| - | - |\n| **a** | **b** |\n| X | Y |\n| - | - |\n| **c** | **d** |\n";
        let rows: Vec<Vec<String>> = blocks(two)
            .iter()
            .filter_map(|b| match b {
                Block::Table { rows, .. } => {
                    Some(rows.iter().map(|r| r.cells[0].clone()).collect())
                }
                _ => None,
            })
            .collect();
        assert_eq!(rows, [vec!["a".to_owned()], vec!["c".to_owned()]]);
        let doc = "### Parameters\n| **petId** | **kotlin.Long**| Pet id | |\n| **name** | **kotlin.String**| Name | |\n| Name | Type | Description  | Notes |\n| ------------- | ------------- | ------------- | ------------- |\n| **apiKey** | **kotlin.String**|  | [optional] |\n\nAfter.\n";
        let blocks = blocks(doc);
        let Some(Block::Table { header, rows, line }) = blocks.get(1) else {
            panic!("no table: {blocks:?}");
        };
        assert_eq!(header[0], "Name");
        assert_eq!(*line, 4);
        let names: Vec<(&str, usize)> =
            rows.iter().map(|r| (r.cells[0].as_str(), r.line)).collect();
        assert_eq!(names, [("petId", 2), ("name", 3), ("apiKey", 6)]);
        assert!(matches!(&blocks[2], Block::Paragraph { text, line: 8 } if text == "After."));
    }

    #[test]
    fn headings_paragraphs_and_quotes_keep_their_lines() {
        let doc = "# \\PetsApi\n\nAll URIs are relative to *http://x*\n\n## Op\n\n> Pet Op(ctx)\nSummary here\n\nBody text.\n";
        let blocks = blocks(doc);
        assert_eq!(
            blocks,
            vec![
                Block::Heading {
                    level: 1,
                    text: "\\PetsApi".into(),
                    line: 1
                },
                Block::Paragraph {
                    text: "All URIs are relative to http://x".into(),
                    line: 3
                },
                Block::Heading {
                    level: 2,
                    text: "Op".into(),
                    line: 5
                },
                Block::Quote {
                    text: "Pet Op(ctx)\nSummary here".into(),
                    line: 7
                },
                Block::Paragraph {
                    text: "Body text.".into(),
                    line: 10
                },
            ]
        );
    }

    #[test]
    fn tables_split_rows_and_strip_markup() {
        let doc = "Name | Type | Description | Notes\n---|---|---|---\n**ids** | [**[]string**](string.md)| a | b\n **limit** | **optional.Int32**| x | \n";
        let blocks = blocks(doc);
        let Block::Table { header, rows, line } = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(header, &["Name", "Type", "Description", "Notes"]);
        assert_eq!(*line, 1);
        assert_eq!(rows[0].cells, ["ids", "[]string", "a", "b"]);
        assert_eq!(rows[0].line, 3);
        // A trailing pipe ends the row; it does not open an empty cell.
        assert_eq!(rows[1].cells, ["limit", "optional.Int32", "x"]);
    }

    #[test]
    fn unescaped_pipes_make_extra_cells_instead_of_vanishing() {
        let doc = "A | B | C | D\n--|--|--|--\n**a** | **string** | one | two | [optional]\n";
        let Block::Table { rows, .. } = &blocks(doc)[0] else {
            panic!()
        };
        assert_eq!(rows[0].cells, ["a", "string", "one", "two", "[optional]"]);
    }

    #[test]
    fn lists_flatten_to_items() {
        let doc = "- **Content-Type**: Not defined\n- **Accept**: application/json\n";
        assert_eq!(
            blocks(doc),
            vec![Block::List {
                items: vec![
                    ("Content-Type: Not defined".into(), 1),
                    ("Accept: application/json".into(), 2)
                ]
            }]
        );
    }

    #[test]
    fn code_blocks_in_docs_are_prose() {
        let blocks = blocks("Para.\n\n    indented text\n");
        assert_eq!(
            blocks[1],
            Block::Paragraph {
                text: "indented text".into(),
                line: 3
            }
        );
    }

    #[test]
    fn blank_lines_inside_tables_are_dropped() {
        let doc = "Name | Type\n--- | ---\n**a** | **string**\n\n**b** | **int32**\n\nAfter.\n";
        let blocks = blocks(doc);
        let Block::Table { rows, .. } = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].line, 5, "lines are the original's");
        assert_eq!(
            blocks[1],
            Block::Paragraph {
                text: "After.".into(),
                line: 7
            }
        );
    }

    #[test]
    fn a_table_without_a_blank_line_before_it_still_starts() {
        let doc = "Some text\nName | Type\n--- | ---\n**a** | **string**\n";
        let blocks = blocks(doc);
        assert!(matches!(&blocks[0], Block::Paragraph { text, line: 1 } if text == "Some text"));
        let Block::Table { rows, line, .. } = &blocks[1] else {
            panic!("{blocks:?}")
        };
        assert_eq!((*line, rows[0].line), (2, 4));
    }

    #[test]
    fn two_tables_separated_by_a_blank_line_stay_two() {
        let doc = "A | B\n--|--\n**a** | b\n\nC | D\n--|--\n**c** | d\n";
        let tables = blocks(doc)
            .into_iter()
            .filter(|b| matches!(b, Block::Table { .. }))
            .count();
        assert_eq!(tables, 2);
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(inline_text("a &quot;b&quot; &#x60;c&#x60;"), "a \"b\" `c`");
    }
}
