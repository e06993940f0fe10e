//! Finds the line of a JSON pointer in the spec's text.
//!
//! serde_yaml gives no positions for the values it reads, so this walks the pointer's
//! tokens through the text's indentation: a key is a line `key:` (or `"key":`) one
//! level deeper than its parent, the n-th item of a sequence is the n-th `- ` line (or,
//! in pretty-printed JSON, the n-th line at the items' indentation). Block YAML and
//! pretty-printed JSON, which is what specs are, come out exact; where the walk loses
//! its way (flow style, one-line JSON) it stops at the deepest line it found, so a
//! diagnostic always points at an enclosing node and its message names the pointer.

use std::cell::RefCell;
use std::collections::HashMap;

use super::node::unescape;

/// The lines of one text, indexed for pointer look-ups.
#[derive(Debug)]
pub(super) struct Lines {
    lines: Vec<Line>,
    /// Pointers already located: a spec's diagnostics and facts share long prefixes.
    cache: RefCell<HashMap<String, Option<Place>>>,
    /// Each node's keys, found in one pass over its block the first time one of them
    /// is looked up: a spec asks for many keys of the same big node (`paths`,
    /// `schemas`), and scanning the block once per key made look-ups quadratic.
    keys: RefCell<HashMap<Option<Place>, HashMap<String, Place>>>,
}

#[derive(Debug)]
struct Line {
    indent: usize,
    content: String,
}

/// Where a node starts: its line (0-based) and column, and whether it is a `- ` item
/// whose first key sits on the same line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Place {
    line: usize,
    column: usize,
    item: bool,
}

impl Lines {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let lines = text
            .lines()
            .map(|line| {
                let content = line.trim_start_matches([' ', '\t']);
                Line {
                    indent: line.len() - content.len(),
                    content: content.trim_end().to_owned(),
                }
            })
            .collect();
        Lines {
            lines,
            cache: RefCell::new(HashMap::new()),
            keys: RefCell::new(HashMap::new()),
        }
    }

    /// The 1-based line of `pointer` (`#/paths/~1pets/get`), or of the deepest node on
    /// its way that could be found; line 1 for the root.
    pub fn line(&self, pointer: &str) -> usize {
        let tokens: Vec<&str> = pointer
            .trim_start_matches('#')
            .split('/')
            .filter(|t| !t.is_empty())
            .collect();
        let mut found = self.root();
        let mut prefix = String::from("#");
        for token in tokens {
            prefix.push('/');
            prefix.push_str(token);
            let cached = self.cache.borrow().get(&prefix).copied();
            let next = match cached {
                Some(place) => place,
                None => {
                    let place = self.child(found, &unescape(token));
                    self.cache.borrow_mut().insert(prefix.clone(), place);
                    place
                }
            };
            match next {
                Some(place) => found = Some(place),
                None => break,
            }
        }
        found.map_or(1, |place| place.line + 1)
    }

    /// The root of a JSON document is its `{` line; YAML's has no line.
    fn root(&self) -> Option<Place> {
        let (line, first) = self
            .lines
            .iter()
            .enumerate()
            .find(|(_, l)| !is_filler(&l.content))?;
        first.content.starts_with('{').then_some(Place {
            line,
            column: first.indent,
            item: false,
        })
    }

    /// The node under `parent` (the root when `None`) reached by `token`: a key, or
    /// an index when no key matches.
    fn child(&self, parent: Option<Place>, token: &str) -> Option<Place> {
        self.key(parent, token).or_else(|| {
            token
                .parse::<usize>()
                .ok()
                .and_then(|index| self.item(parent, index))
        })
    }

    /// The lines that belong to `parent`'s block, after its own line: deeper ones, and
    /// `- ` items at its own indentation (YAML's indentless sequences).
    fn block(&self, parent: Option<Place>) -> impl Iterator<Item = (usize, &Line)> {
        let start = parent.map_or(0, |p| p.line + 1);
        self.lines
            .iter()
            .enumerate()
            .skip(start)
            .filter(|(_, l)| !is_filler(&l.content))
            .take_while(move |(_, l)| match parent {
                None => true,
                Some(p) => {
                    l.indent > p.column
                        || (l.indent == p.column && !p.item && l.content.starts_with('-'))
                }
            })
    }

    fn key(&self, parent: Option<Place>, token: &str) -> Option<Place> {
        if let Some(keys) = self.keys.borrow().get(&parent) {
            return keys.get(token).copied();
        }
        let keys = self.keys_of(parent);
        let found = keys.get(token).copied();
        self.keys.borrow_mut().insert(parent, keys);
        found
    }

    /// Every key directly under `parent`, each at its first occurrence.
    fn keys_of(&self, parent: Option<Place>) -> HashMap<String, Place> {
        let mut keys = HashMap::new();
        let mut children_column = None;
        if let Some(p) = parent.filter(|p| p.item) {
            // `- name: x`: the item's first key is on the item's own line, and sets the
            // column of its siblings (the next line may continue a multi-line value).
            let Some(line) = self.lines.get(p.line) else {
                return keys;
            };
            let (column, rest) = strip_markers(p.column, &line.content);
            if let Some(key) = key_of(rest) {
                keys.insert(
                    key,
                    Place {
                        line: p.line,
                        column,
                        item: false,
                    },
                );
            }
            if column > p.column {
                children_column = Some(column);
            }
        }
        for (index, line) in self.block(parent) {
            let (column, rest) = strip_markers(line.indent, &line.content);
            let expected = *children_column.get_or_insert(column);
            if column != expected {
                continue;
            }
            if let Some(key) = key_of(rest) {
                keys.entry(key).or_insert(Place {
                    line: index,
                    column,
                    item: false,
                });
            }
        }
        keys
    }

    fn item(&self, parent: Option<Place>, wanted: usize) -> Option<Place> {
        let mut block = self.block(parent).peekable();
        let (_, first) = block.peek()?;
        let column = first.indent;
        let yaml = first.content.starts_with('-');
        let mut count = 0;
        for (index, line) in block {
            if line.indent < column {
                break;
            }
            let starts_item = match yaml {
                true => line.indent == column && line.content.starts_with('-'),
                false => line.indent == column && !is_closer(&line.content),
            };
            if yaml && line.indent == column && !starts_item {
                break;
            }
            if starts_item {
                if count == wanted {
                    return Some(Place {
                        line: index,
                        column,
                        item: yaml,
                    });
                }
                count += 1;
            }
        }
        None
    }
}

/// Blank lines, comments, and YAML's document markers carry no node.
fn is_filler(content: &str) -> bool {
    content.is_empty()
        || content.starts_with('#')
        || content.starts_with("---")
        || content.starts_with('%')
}

/// A line that only closes JSON containers: `}`, `],`.
fn is_closer(content: &str) -> bool {
    content.starts_with('}') || content.starts_with(']')
}

/// Skips `- ` item markers: the column and text of what follows them.
fn strip_markers(mut column: usize, mut content: &str) -> (usize, &str) {
    while let Some(rest) = content.strip_prefix("- ") {
        let trimmed = rest.trim_start();
        column += content.len() - trimmed.len();
        content = trimmed;
    }
    (column, content)
}

/// The mapping key a line starts with: `key:`, `"key":` or `'key':`.
fn key_of(content: &str) -> Option<String> {
    let (key, rest) = if let Some(rest) = content.strip_prefix('"') {
        quoted(rest, '"')?
    } else if let Some(rest) = content.strip_prefix('\'') {
        quoted(rest, '\'')?
    } else {
        let end = content
            .find(": ")
            .or_else(|| content.find(":\t"))
            .or_else(|| content.ends_with(':').then(|| content.len() - 1))?;
        let key = content.get(..end)?.trim_end();
        return Some(key.to_owned());
    };
    rest.trim_start().starts_with(':').then_some(key)
}

/// A quoted key and the text after its closing quote. JSON escapes `\"`; YAML's
/// single quotes double themselves.
fn quoted(text: &str, quote: char) -> Option<(String, &str)> {
    let mut key = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                if let Some((_, escaped)) = chars.next() {
                    key.push(escaped);
                }
            }
            c if c == quote => {
                if quote == '\'' && chars.peek().is_some_and(|(_, next)| *next == '\'') {
                    chars.next();
                    key.push('\'');
                    continue;
                }
                return Some((key, text.get(index + 1..)?));
            }
            c => key.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "\
openapi: 3.0.0
paths:
  /pets/{id}:
    get:
      parameters:
      - name: id
        in: path
      - description: >
          long
        name: limit
      responses:
        200:
          description: ok
        '404':
          description: missing
components:
  schemas:
    Pet:
      properties:
        name:
          type: string
";

    #[test]
    fn yaml_keys_and_indentless_items() {
        let lines = Lines::new(YAML);
        assert_eq!(lines.line("#/paths/~1pets~1{id}/get"), 4);
        assert_eq!(lines.line("#/paths/~1pets~1{id}/get/parameters/0"), 6);
        assert_eq!(lines.line("#/paths/~1pets~1{id}/get/parameters/0/in"), 7);
        assert_eq!(lines.line("#/paths/~1pets~1{id}/get/parameters/1"), 8);
        assert_eq!(lines.line("#/paths/~1pets~1{id}/get/parameters/1/name"), 10);
        assert_eq!(lines.line("#/paths/~1pets~1{id}/get/responses/200"), 12);
        assert_eq!(lines.line("#/paths/~1pets~1{id}/get/responses/404"), 14);
        assert_eq!(
            lines.line("#/components/schemas/Pet/properties/name/type"),
            21
        );
    }

    #[test]
    fn missing_nodes_stop_at_the_deepest_found() {
        let lines = Lines::new(YAML);
        assert_eq!(lines.line("#/components/schemas/Dog"), 17);
        assert_eq!(lines.line("#/paths/~1pets~1{id}/get/parameters/7"), 5);
        assert_eq!(lines.line("#"), 1);
    }

    #[test]
    fn pretty_json() {
        let json = "{\n  \"paths\": {\n    \"/a\": {\n      \"get\": {\n        \"parameters\": [\n          {\n            \"name\": \"x\"\n          },\n          {\n            \"name\": \"y\"\n          }\n        ]\n      }\n    }\n  }\n}\n";
        let lines = Lines::new(json);
        assert_eq!(lines.line("#/paths/~1a/get"), 4);
        assert_eq!(lines.line("#/paths/~1a/get/parameters/1"), 9);
        assert_eq!(lines.line("#/paths/~1a/get/parameters/1/name"), 10);
    }

    #[test]
    fn keys_in_every_quoting() {
        assert_eq!(key_of("a: b").as_deref(), Some("a"));
        assert_eq!(key_of("a:").as_deref(), Some("a"));
        assert_eq!(
            key_of("'multipart/form-data:':").as_deref(),
            Some("multipart/form-data:")
        );
        assert_eq!(key_of("'it''s': 1").as_deref(), Some("it's"));
        assert_eq!(key_of("\"a\\\"b\": 1").as_deref(), Some("a\"b"));
        assert_eq!(key_of("plain text"), None);
        assert_eq!(key_of("\"unterminated"), None);
    }
}
