//! Where each key of a block-style YAML document is, by its full path.
//!
//! serde_yaml gives positions only for syntax and type errors. The overlay's other
//! errors (a name that matches nothing) and its notes need the line of a key, and a
//! duplicate key must be an error rather than the last one silently winning; both
//! come from this index. Keys inside flow collections (`{ type: string }`) are not
//! indexed: the key of the collection stands for them.

/// The block keys of one YAML text.
#[derive(Debug, Default)]
pub struct KeyIndex {
    /// Each key's full path (list items as `[n]`) and 1-based line, in order.
    keys: Vec<(Vec<String>, usize)>,
}

impl KeyIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        // Open mappings and list items: (column, path segment).
        let mut stack: Vec<(usize, String)> = Vec::new();
        // Items seen so far in each list, keyed by the list's path.
        let mut item_counts: Vec<(Vec<String>, usize)> = Vec::new();
        let mut keys = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let content = line.trim_start();
            if content.is_empty() || content.starts_with('#') || content.starts_with("---") {
                continue;
            }
            let mut column = line.len() - content.len();
            let mut content = content;
            if let Some(item) = content
                .strip_prefix("- ")
                .or_else(|| (content == "-").then_some(""))
            {
                stack.retain(|(c, _)| *c < column);
                let list: Vec<String> = stack.iter().map(|(_, s)| s.clone()).collect();
                let n = match item_counts.iter_mut().find(|(path, _)| *path == list) {
                    Some((_, count)) => {
                        *count += 1;
                        *count
                    }
                    None => {
                        item_counts.push((list, 0));
                        0
                    }
                };
                stack.push((column, format!("[{n}]")));
                keys.push((stack.iter().map(|(_, s)| s.clone()).collect(), index + 1));
                let rest = item.trim_start();
                column += content.len() - rest.len();
                content = rest;
            }
            let Some(key) = block_key(content) else {
                continue;
            };
            stack.retain(|(c, _)| *c < column);
            let mut path: Vec<String> = stack.iter().map(|(_, s)| s.clone()).collect();
            path.push(key.to_owned());
            keys.push((path, index + 1));
            stack.push((column, key.to_owned()));
        }
        KeyIndex { keys }
    }

    /// The line of the key at `path`; of its deepest existing ancestor when it is
    /// missing; 1 when none exists.
    pub fn line(&self, path: &[&str]) -> usize {
        (0..=path.len())
            .rev()
            .find_map(|len| {
                self.keys
                    .iter()
                    .find(|(p, _)| p.len() == len && p.iter().zip(path).all(|(a, b)| a == b))
                    .map(|(_, line)| *line)
            })
            .unwrap_or(1)
    }

    /// Keys that appear twice under the same parent: (path, line, first line). Keys
    /// inside a repeated key are not listed again.
    pub fn duplicates(&self) -> Vec<(String, usize, usize)> {
        let mut repeated: Vec<&[String]> = Vec::new();
        let mut found = Vec::new();
        for (i, (path, line)) in self.keys.iter().enumerate() {
            let Some((_, first)) = self.keys[..i].iter().find(|(p, _)| p == path) else {
                continue;
            };
            if repeated.iter().any(|r| path.starts_with(r)) {
                continue;
            }
            repeated.push(path);
            found.push((path.join("."), *line, *first));
        }
        found
    }
}

/// The key of a `key: value` or `key:` line, unquoted.
fn block_key(content: &str) -> Option<&str> {
    if content.starts_with(['{', '[', '|', '>', '&', '*', '!']) {
        return None;
    }
    let end = content
        .char_indices()
        .find(|&(i, c)| {
            c == ':'
                && content[i + 1..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map(|(i, _)| i)?;
    let key = content[..end].trim();
    let key = key
        .strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))
        .unwrap_or(key);
    (!key.is_empty()).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# comment\ntitle: X\noperations:\n  GetAll:\n    params:\n      identityId:\n        wire_name: identity_id\n  Other:\n    returns: Foo\nmodels:\n  Page:\n    fields:\n      Owner: { type: Owner }\n  Owner:\n    fields:\n      Id: { type: string }\nauth:\n  - bearer\n  - query_param: token\n";

    #[test]
    fn lines_by_exact_path() {
        let index = KeyIndex::new(TEXT);
        assert_eq!(index.line(&["title"]), 2);
        assert_eq!(
            index.line(&["operations", "GetAll", "params", "identityId"]),
            6
        );
        assert_eq!(index.line(&["operations", "Other", "returns"]), 9);
        // A key of the same name deeper down does not hide the real one.
        assert_eq!(index.line(&["models", "Owner"]), 14);
        assert_eq!(index.line(&["models", "Owner", "fields", "Id"]), 16);
        assert_eq!(index.line(&["auth", "[1]", "query_param"]), 19);
        assert_eq!(index.line(&["auth", "[0]"]), 18);
        // Missing keys point at their deepest existing ancestor.
        assert_eq!(index.line(&["operations", "GetAll", "params", "nope"]), 5);
        assert_eq!(index.line(&["nothing"]), 1);
    }

    #[test]
    fn duplicate_keys_are_found_with_both_lines() {
        let text =
            "operations:\n  A:\n    returns: X\n  B:\n    returns: Y\n  A:\n    returns: Z\n";
        assert_eq!(
            KeyIndex::new(text).duplicates(),
            [("operations.A".to_owned(), 6, 2)]
        );
        assert!(KeyIndex::new(TEXT).duplicates().is_empty());
    }

    #[test]
    fn quoted_keys_and_odd_lines() {
        let index = KeyIndex::new("errors:\n  \"404\": gone\n  'x y': z\nurl: http://a:b\n- \n");
        assert_eq!(index.line(&["errors", "404"]), 2);
        assert_eq!(index.line(&["errors", "x y"]), 3);
        assert_eq!(index.line(&["url"]), 4);
    }
}
