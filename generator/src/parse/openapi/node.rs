//! A node of the spec's YAML tree together with its JSON pointer, so that every fact
//! and every diagnostic can say exactly where in the document it came from.

use serde_yaml::Value;

/// One value of the document and the JSON pointer that reaches it (`#/paths/~1pets`).
#[derive(Clone, Debug)]
pub(super) struct Node<'a> {
    /// The value, with YAML tags (`!foo`) stripped: a spec never means anything by them.
    pub value: &'a Value,
    /// The JSON pointer, as a URI fragment starting with `#`.
    pub pointer: String,
}

impl<'a> Node<'a> {
    /// The document's root.
    pub fn root(value: &'a Value) -> Self {
        Node {
            value: untag(value),
            pointer: "#".to_owned(),
        }
    }

    /// A node reached by `pointer` from elsewhere (a resolved `$ref`).
    pub fn at(value: &'a Value, pointer: String) -> Self {
        Node {
            value: untag(value),
            pointer,
        }
    }

    fn child(&self, token: &str, value: &'a Value) -> Node<'a> {
        Node {
            value: untag(value),
            pointer: format!("{}/{}", self.pointer, escape(token)),
        }
    }

    /// The value under `key` when this is a mapping. Status codes are integer keys in
    /// many YAML specs (`200:`), so keys are compared as text.
    pub fn get(&self, key: &str) -> Option<Node<'a>> {
        let map = self.value.as_mapping()?;
        if let Some(value) = map.get(key) {
            return Some(self.child(key, value));
        }
        // A plain string key did not match; compare the others as text. (Most look-ups
        // are of keys a node leaves out: no text is made for its string keys.)
        map.iter()
            .find(|(k, _)| match untag(k) {
                Value::String(text) => text == key,
                other => key_text(other).as_deref() == Some(key),
            })
            .map(|(_, value)| self.child(key, value))
    }

    /// The entries of a mapping, in document order, keys as text. Keys that are not
    /// scalars (legal YAML, meaningless in a spec) are left out.
    pub fn entries(&self) -> Vec<(String, Node<'a>)> {
        let Some(map) = self.value.as_mapping() else {
            return Vec::new();
        };
        map.iter()
            .filter_map(|(k, v)| key_text(k).map(|key| (key.clone(), self.child(&key, v))))
            .collect()
    }

    /// The items of a sequence, in order.
    pub fn items(&self) -> Vec<Node<'a>> {
        let Some(items) = self.value.as_sequence() else {
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .map(|(index, value)| self.child(&index.to_string(), value))
            .collect()
    }

    /// Whether this is a mapping.
    pub fn is_map(&self) -> bool {
        self.value.is_mapping()
    }

    /// The text of a string scalar.
    pub fn str(&self) -> Option<&'a str> {
        self.value.as_str()
    }

    /// The string under `key`.
    pub fn get_str(&self, key: &str) -> Option<&'a str> {
        self.get(key).and_then(|node| node.value.as_str())
    }

    /// The boolean under `key`.
    pub fn get_bool(&self, key: &str) -> Option<bool> {
        self.get(key).and_then(|node| node.value.as_bool())
    }

    /// The markdown under `key` in the model's form (see `prose.rs`): descriptions.
    pub fn get_prose(&self, key: &str) -> Option<String> {
        self.get_str(key).and_then(super::prose::description)
    }

    /// The trimmed, non-empty string under `key`: titles and summaries.
    pub fn get_text(&self, key: &str) -> Option<String> {
        self.get_str(key)
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .map(str::to_owned)
    }
}

/// A scalar as text: keys and enum values.
pub(super) fn scalar_text(value: &Value) -> Option<String> {
    match untag(value) {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

fn key_text(key: &Value) -> Option<String> {
    match untag(key) {
        Value::Null => Some("null".to_owned()),
        other => scalar_text(other),
    }
}

/// A value without its YAML tags.
pub(super) fn untag(mut value: &Value) -> &Value {
    while let Value::Tagged(tagged) = value {
        value = &tagged.value;
    }
    value
}

/// Escapes a key as a JSON pointer token (RFC 6901).
pub(super) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Reverses [`escape`].
pub(super) fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_slashes_and_tildes() {
        let value: Value = serde_yaml::from_str("paths:\n  /a/{b}:\n    get: {}\n").unwrap();
        let root = Node::root(&value);
        let get = root.get("paths").unwrap().get("/a/{b}").unwrap();
        assert_eq!(get.pointer, "#/paths/~1a~1{b}");
        assert_eq!(escape("a~/b"), "a~0~1b");
        assert_eq!(unescape("a~0~1b"), "a~/b");
    }

    #[test]
    fn integer_keys_are_found_as_text() {
        let value: Value = serde_yaml::from_str("200: ok\n'404': missing\n").unwrap();
        let root = Node::root(&value);
        assert_eq!(root.get_str("200"), Some("ok"));
        assert_eq!(root.get_str("404"), Some("missing"));
        let keys: Vec<String> = root.entries().into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["200", "404"]);
    }
}
