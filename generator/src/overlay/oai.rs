//! OAI Overlay 1.0 documents (`overlay: 1.0.0`, `info`, `actions`): changes to a
//! spec, applied to its YAML tree before the spec is read.
//!
//! Each action has an RFC 9535 JSONPath `target` (queried with `serde_json_path`) and
//! either `update`, merged into every node the target matches (mappings key by key,
//! recursively; sequences appended to; anything else replaced), or `remove: true`,
//! which removes every matched node from its parent. Actions apply in order, each to
//! the result of the ones before it.
//!
//! A malformed document or action, or a target that is no JSONPath, is an error at its
//! line naming the action (`action 2 (target `$.paths`)`, counted from 1); a target
//! that matches nothing is a warning, since an overlay written for several versions of
//! a spec may well miss in one. What each action changed is noted.
//!
//! The spec keeps its own text for line numbers: a node an overlay left in place
//! points at its line, a node it added at the nearest enclosing node that was there.

use serde_json_path::JsonPath;
use serde_yaml::{Mapping, Value};

use super::yaml_keys::KeyIndex;
use crate::diagnostic::Diagnostics;
use crate::model::Provenance;

/// A read OAI Overlay document.
#[derive(Debug)]
pub struct OaiOverlay {
    /// The overlay's file name, for diagnostics.
    file: String,
    actions: Vec<Action>,
}

#[derive(Debug)]
struct Action {
    /// 1-based, as diagnostics name it.
    number: usize,
    target: String,
    path: JsonPath,
    change: Change,
    /// The line of the action in the overlay.
    line: usize,
}

#[derive(Debug)]
enum Change {
    Update(Value),
    Remove,
}

/// One step of a matched node's location.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Name(String),
    Index(usize),
}

/// Whether `text` is an OAI Overlay document: a mapping with a top-level `overlay`
/// key. apibind's own overlay has no such key.
pub fn is_oai(text: &str) -> bool {
    serde_yaml::from_str::<Value>(text)
        .ok()
        .and_then(|root| root.as_mapping().map(|m| m.contains_key("overlay")))
        .unwrap_or(false)
}

/// Reads the OAI Overlay `text` of `file`. Every problem is an error at its line;
/// the result is `None` when there was any.
pub fn parse(file: &str, text: &str, diagnostics: &mut Diagnostics) -> Option<OaiOverlay> {
    let keys = KeyIndex::new(text);
    let mut errors = 0;
    let mut error = |diagnostics: &mut Diagnostics, line: usize, message: String| {
        errors += 1;
        diagnostics.error(Some(&Provenance::new(file, line)), message);
    };
    let root: Value = match serde_yaml::from_str(text) {
        Ok(root) => root,
        Err(e) => {
            let line = e.location().map_or(1, |l| l.line());
            error(diagnostics, line, format!("invalid OAI Overlay: {e}"));
            return None;
        }
    };
    let Some(map) = root.as_mapping() else {
        error(
            diagnostics,
            1,
            "an OAI Overlay must be a mapping".to_owned(),
        );
        return None;
    };
    for (key, _) in map {
        let key = key_text(key).unwrap_or_default();
        if !matches!(key.as_str(), "overlay" | "info" | "extends" | "actions")
            && !key.starts_with("x-")
        {
            error(
                diagnostics,
                keys.line(&[&key]),
                format!("unknown OAI Overlay key `{key}`: expected overlay, info, extends, actions or x-..."),
            );
        }
    }
    match map.get("overlay").and_then(scalar) {
        Some(version) if version.starts_with("1.") => {}
        other => error(
            diagnostics,
            keys.line(&["overlay"]),
            format!(
                "`overlay: {}` is not an OAI Overlay version this reads: expected 1.0.x",
                other.unwrap_or_default()
            ),
        ),
    }
    let info = map.get("info").and_then(Value::as_mapping);
    let has = |key: &str| info.and_then(|i| i.get(key)).and_then(scalar).is_some();
    if !(has("title") && has("version")) {
        error(
            diagnostics,
            keys.line(&["info"]),
            "an OAI Overlay needs `info` with a `title` and a `version`".to_owned(),
        );
    }
    if map.contains_key("extends") {
        diagnostics.note(
            Some(&Provenance::new(file, keys.line(&["extends"]))),
            "`extends` is not followed: the overlay applies to the spec given (--spec)",
        );
    }
    let items = match map.get("actions") {
        Some(Value::Sequence(items)) if !items.is_empty() => items.as_slice(),
        _ => {
            error(
                diagnostics,
                keys.line(&["actions"]),
                "an OAI Overlay needs `actions`, a list of at least one action".to_owned(),
            );
            &[]
        }
    };
    let mut actions = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let item_key = format!("[{index}]");
        let line = |key: &str| keys.line(&["actions", &item_key, key]);
        match read_action(index + 1, item, line) {
            Ok(action) => actions.push(action),
            Err((line, message)) => error(diagnostics, line, message),
        }
    }
    (errors == 0).then(|| OaiOverlay {
        file: file.to_owned(),
        actions,
    })
}

/// One action, or the line and message of what is wrong with it.
fn read_action(
    number: usize,
    item: &Value,
    line: impl Fn(&str) -> usize,
) -> Result<Action, (usize, String)> {
    let at = line("");
    let Some(map) = item.as_mapping() else {
        return Err((at, format!("action {number}: an action must be a mapping")));
    };
    let Some(target) = map.get("target").and_then(Value::as_str) else {
        return Err((
            at,
            format!("action {number}: `target` (a JSONPath string) is missing"),
        ));
    };
    let name = format!("action {number} (target `{target}`)");
    for (key, _) in map {
        let key = key_text(key).unwrap_or_default();
        if !matches!(key.as_str(), "target" | "description" | "update" | "remove")
            && !key.starts_with("x-")
        {
            return Err((
                line(&key),
                format!("{name}: unknown key `{key}`: expected target, description, update, remove or x-..."),
            ));
        }
    }
    let path = JsonPath::parse(target)
        .map_err(|e| (line("target"), format!("{name}: not a JSONPath: {e}")))?;
    let remove = match map.get("remove") {
        None => false,
        Some(Value::Bool(remove)) => *remove,
        Some(_) => {
            return Err((
                line("remove"),
                format!("{name}: `remove` must be true or false"),
            ))
        }
    };
    let change = match (remove, map.get("update")) {
        (true, _) => Change::Remove,
        (false, Some(update)) => Change::Update(update.clone()),
        (false, None) => {
            return Err((
                at,
                format!("{name}: the action does nothing: give `update` or `remove: true`"),
            ))
        }
    };
    Ok(Action {
        number,
        target: target.to_owned(),
        path,
        change,
        line: at,
    })
}

impl OaiOverlay {
    /// Applies every action, in order, to the spec tree `root`: a target that matches
    /// nothing is a warning; what each action changed is noted.
    pub fn apply(&self, root: &mut Value, diagnostics: &mut Diagnostics) {
        for action in &self.actions {
            let at = Provenance::new(&self.file, action.line);
            let name = format!("action {} (target `{}`)", action.number, action.target);
            let json = to_json(root);
            let mut locations: Vec<Vec<Step>> = action
                .path
                .query_located(&json)
                .iter()
                .map(|node| {
                    node.location()
                        .iter()
                        .map(|step| match step.as_index() {
                            Some(index) => Step::Index(index),
                            None => Step::Name(step.as_name().unwrap_or_default().to_owned()),
                        })
                        .collect()
                })
                .collect();
            locations.sort();
            locations.dedup();
            if locations.is_empty() {
                diagnostics.warning(Some(&at), format!("{name}: matches nothing"));
                continue;
            }
            let count = locations.len();
            match &action.change {
                Change::Remove => {
                    if locations.iter().any(Vec::is_empty) {
                        diagnostics.error(
                            Some(&at),
                            format!("{name}: the whole document cannot be removed"),
                        );
                        continue;
                    }
                    // Last first, so that removing an item does not move the next.
                    for location in locations.iter().rev() {
                        remove(root, location);
                    }
                    diagnostics.note(Some(&at), format!("{name}: removes {}", nodes(count)));
                }
                Change::Update(update) => {
                    for location in &locations {
                        if let Some(node) = get_mut(root, location) {
                            merge(node, update);
                        }
                    }
                    diagnostics.note(Some(&at), format!("{name}: updates {}", nodes(count)));
                }
            }
        }
    }
}

fn nodes(count: usize) -> String {
    match count {
        1 => "1 node".to_owned(),
        n => format!("{n} nodes"),
    }
}

/// Merges `update` into `node`: mappings key by key (recursively), sequences
/// appended to (a sequence's items, or the value itself), anything else replaced.
fn merge(node: &mut Value, update: &Value) {
    match (untag_mut(node), update) {
        (Value::Mapping(target), Value::Mapping(source)) => {
            for (key, value) in source {
                match find_key_mut(target, key) {
                    Some(existing) => merge(existing, value),
                    None => {
                        target.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (Value::Sequence(target), Value::Sequence(source)) => target.extend(source.iter().cloned()),
        (Value::Sequence(target), value) => target.push(value.clone()),
        (target, value) => *target = value.clone(),
    }
}

/// The node at `location`, if it is still there.
fn get_mut<'v>(root: &'v mut Value, location: &[Step]) -> Option<&'v mut Value> {
    let mut node = root;
    for step in location {
        node = match (untag_mut(node), step) {
            (Value::Mapping(map), Step::Name(name)) => find_name_mut(map, name)?,
            (Value::Sequence(items), Step::Index(index)) => items.get_mut(*index)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Removes the node at `location` (never the root) from its parent.
fn remove(root: &mut Value, location: &[Step]) {
    let Some((last, parent)) = location.split_last() else {
        return;
    };
    let Some(parent) = get_mut(root, parent) else {
        return;
    };
    match (untag_mut(parent), last) {
        (Value::Mapping(map), Step::Name(name)) => {
            let key = map
                .keys()
                .find(|k| key_text(k).as_deref() == Some(name.as_str()))
                .cloned();
            if let Some(key) = key {
                // `shift_remove` keeps the order of the keys left.
                map.shift_remove(&key);
            }
        }
        (Value::Sequence(items), Step::Index(index)) if *index < items.len() => {
            items.remove(*index);
        }
        _ => {}
    }
}

fn find_name_mut<'v>(map: &'v mut Mapping, name: &str) -> Option<&'v mut Value> {
    map.iter_mut()
        .find(|(k, _)| key_text(k).as_deref() == Some(name))
        .map(|(_, v)| v)
}

fn find_key_mut<'v>(map: &'v mut Mapping, key: &Value) -> Option<&'v mut Value> {
    let text = key_text(key)?;
    find_name_mut(map, &text)
}

fn untag_mut(mut value: &mut Value) -> &mut Value {
    while let Value::Tagged(tagged) = value {
        value = &mut tagged.value;
    }
    value
}

/// A mapping key as text, as JSONPath names it: status codes are integer keys in
/// many YAML specs (`200:`).
fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some("null".to_owned()),
        Value::Tagged(tagged) => key_text(&tagged.value),
        _ => None,
    }
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(_) | Value::Number(_) | Value::Bool(_) => key_text(value),
        _ => None,
    }
}

/// The YAML tree as JSON, for querying: keys as text, tags dropped.
fn to_json(value: &Value) -> serde_json::Value {
    use serde_json::Value as Json;
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Json::from(i)
            } else if let Some(u) = n.as_u64() {
                Json::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Json::Null, Json::Number)
            }
        }
        Value::String(s) => Json::String(s.clone()),
        Value::Sequence(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Mapping(map) => Json::Object(
            map.iter()
                .filter_map(|(k, v)| key_text(k).map(|k| (k, to_json(v))))
                .collect(),
        ),
        Value::Tagged(tagged) => to_json(&tagged.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn updates_merge_and_removals_keep_order() {
        let overlay = "\
overlay: 1.0.0
info: {title: t, version: '1'}
actions:
  - target: $.a
    update: {b: 2, d: {e: 1}}
  - target: $.list
    update: {x: 3}
  - target: $.list[?@.drop == true]
    remove: true
  - target: $.c
    remove: true
";
        let mut diagnostics = Diagnostics::new();
        let overlay = parse("o.yaml", overlay, &mut diagnostics).unwrap();
        let mut root = yaml(
            "a: {b: 1, d: {f: 2}}\nc: 1\nlist: [{drop: true}, {keep: 1}, {drop: true}]\n200: ok\n",
        );
        overlay.apply(&mut root, &mut diagnostics);
        assert_eq!(
            root,
            yaml("a: {b: 2, d: {f: 2, e: 1}}\nlist: [{keep: 1}, {x: 3}]\n200: ok\n")
        );
        assert!(!diagnostics.has_errors());
    }

    #[test]
    fn integer_keys_are_names() {
        let overlay = "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.r['200']\n    update: {description: new}\n";
        let mut diagnostics = Diagnostics::new();
        let overlay = parse("o.yaml", overlay, &mut diagnostics).unwrap();
        let mut root = yaml("r:\n  200: {description: old}\n");
        overlay.apply(&mut root, &mut diagnostics);
        assert_eq!(root, yaml("r:\n  200: {description: new}\n"));
    }

    #[test]
    fn recognised_by_the_overlay_key() {
        assert!(is_oai("overlay: 1.0.0\nactions: []\n"));
        assert!(!is_oai("title: Pets\n"));
        assert!(!is_oai(""));
    }
}
