//! Specs split over files: `$ref`s to other local files (`common.yaml#/components/
//! schemas/Pet`, `./schemas/Pet.yaml`, `../shared.yaml#/Thing` inside the folder) are
//! resolved before the spec is read, by rewriting its YAML tree so that every such
//! `$ref` becomes one inside the document.
//!
//! A schema reached through another file (a component schema, a top-level definition,
//! a whole file used where a schema is expected) is copied into the main document's
//! `components.schemas` (`definitions` in Swagger 2.0) under its own name, so that its
//! model keeps it (`Name2`, `Name3`… when a different schema already has the name); any
//! other node (a parameter, a response, a path item) is copied in place of its `$ref`.
//! Copied nodes are rewritten the same way, their own `$ref`s read relative to the file
//! they come from. Each file is read once; the walk follows document order, so the
//! result never depends on the file system.
//!
//! Only files inside the spec's folder are read: a `$ref` that leaves it (`..` above
//! it, an absolute path, a URL, a symbolic link pointing outside) is refused, as is one
//! to a file that cannot be read. A refused `$ref` is left as it is, and the reader
//! reports it with the reason (see [`Bundle::refused`]), so that it costs only the item
//! that uses it.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Component, Path, PathBuf};

use serde_yaml::{Mapping, Value};

use super::context::{canonical_pointer, percent_decode, pointer_tokens};
use super::node::{escape, scalar_text, untag};

/// The most bytes one spec may read from other files, however many files that is
/// (a cloud provider's spec is split over thousands).
const MAX_READ_BYTES: usize = 512 << 20;
/// The deepest chain of nodes copied in place of their `$ref`s (or of schemas copied
/// while copying another).
const MAX_DEPTH: usize = 64;

/// The most YAML nodes copied in place of `$ref`s in one spec, counting each copy's
/// every node: copies of copies multiply, and this bounds what they can cost.
const MAX_INLINED: usize = 4_000_000;

/// What resolving a spec's external `$ref`s read and refused.
#[derive(Debug, Default)]
pub struct Bundle {
    /// Every other file read, in the order first referenced: its path (under the
    /// folder as it was given) and text.
    pub files: Vec<(PathBuf, String)>,
    /// Each `$ref` refused, as it is left in the tree, with why: "in FILE is refused:
    /// it leaves the spec's folder …".
    pub refused: BTreeMap<String, String>,
}

/// What a node is, for what a `$ref` in it may mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A schema.
    Schema,
    /// A mapping of names to schemas (`properties`, `components.schemas`).
    SchemaMap,
    /// A list of schemas (`allOf`).
    SchemaList,
    /// Any other part of the document.
    Other,
    /// A value (an example, a default, an extension): `$ref` means nothing in it.
    Data,
}

/// What a `$ref` is replaced with.
enum Rewrite {
    /// Another `$ref` text.
    Ref(String),
    /// The node it points at.
    Inline(Value),
}

struct Bundler {
    /// The folder refs may not leave, canonical.
    base: PathBuf,
    /// The folder as it was given, for display.
    base_shown: PathBuf,
    /// The main spec, canonical.
    main: PathBuf,
    /// Swagger 2.0: schemas live under `definitions`.
    v2: bool,
    /// Every file read, parsed, or why it could not be.
    docs: HashMap<PathBuf, Result<Value, String>>,
    bundle: Bundle,
    /// The name each copied schema got, by file and pointer.
    copied: HashMap<(PathBuf, String), String>,
    /// Every schema name of the main document, with the schema as first written.
    names: HashMap<String, Value>,
    /// Copied schemas in the order they were named, to add to the main document.
    pending: Vec<(String, Value)>,
    /// Nodes being copied in place, to stop on one that contains itself.
    inlining: Vec<(PathBuf, String)>,
    /// How many nodes were copied in place so far.
    inlined: usize,
    /// The bytes read from other files so far.
    read_bytes: usize,
    /// How deep schema copies nest right now (a schema copied while copying another).
    copying: usize,
}

/// Resolves the external `$ref`s of `root`, the tree of the spec file `spec`, reading
/// only files under `folder` (the spec's own folder, or the folder of specs given).
pub fn bundle(root: &mut Value, spec: &Path, folder: &Path) -> Bundle {
    // Most specs are one file: with no `$ref` that leaves the document there is
    // nothing to bundle, and no need to copy its schemas to compare names.
    if !refers_outside(root) {
        return Bundle::default();
    }
    let (Ok(main), Ok(base)) = (spec.canonicalize(), folder.canonicalize()) else {
        return Bundle::default();
    };
    let v2 = root.as_mapping().is_some_and(|m| m.contains_key("swagger"));
    let mut bundler = Bundler {
        base,
        base_shown: folder.to_path_buf(),
        main: main.clone(),
        v2,
        docs: HashMap::new(),
        bundle: Bundle::default(),
        copied: HashMap::new(),
        names: HashMap::new(),
        pending: Vec::new(),
        inlining: Vec::new(),
        inlined: 0,
        read_bytes: 0,
        copying: 0,
    };
    if let Some(schemas) = schema_section(root, v2) {
        for (key, value) in schemas {
            if let Some(name) = scalar_text(key) {
                bundler.names.insert(name, value.clone());
            }
        }
    }
    bundler.walk(root, &main, Kind::Other);
    if !bundler.pending.is_empty() {
        let section = schema_section_mut(root, v2);
        for (name, value) in std::mem::take(&mut bundler.pending) {
            section.insert(Value::String(name), value);
        }
    }
    bundler.bundle
}

/// Whether some `$ref` under `value` names another document (`other.yaml#/A`,
/// `https://...`) rather than a place in this one (`#/A`).
fn refers_outside(value: &Value) -> bool {
    match value {
        Value::Tagged(tagged) => refers_outside(&tagged.value),
        Value::Sequence(items) => items.iter().any(refers_outside),
        Value::Mapping(map) => {
            let outside = map
                .get("$ref")
                .and_then(Value::as_str)
                .is_some_and(|text| !text.starts_with('#'));
            outside || map.values().any(refers_outside)
        }
        _ => false,
    }
}

/// The main document's schemas, if it has any.
fn schema_section(root: &Value, v2: bool) -> Option<&Mapping> {
    let root = untag(root).as_mapping()?;
    let section = match v2 {
        true => root.get("definitions")?,
        false => untag(root.get("components")?)
            .as_mapping()?
            .get("schemas")?,
    };
    untag(section).as_mapping()
}

/// The main document's schemas, made when missing (or replaced when not a mapping).
fn schema_section_mut(root: &mut Value, v2: bool) -> &mut Mapping {
    fn child<'v>(map: &'v mut Value, key: &str) -> &'v mut Value {
        if !map.is_mapping() {
            *map = Value::Mapping(Mapping::new());
        }
        let Value::Mapping(map) = map else {
            unreachable!("just made a mapping")
        };
        map.entry(Value::String(key.to_owned()))
            .or_insert(Value::Mapping(Mapping::new()))
    }
    let section = match v2 {
        true => child(root, "definitions"),
        false => child(child(root, "components"), "schemas"),
    };
    if !section.is_mapping() {
        *section = Value::Mapping(Mapping::new());
    }
    match section {
        Value::Mapping(map) => map,
        _ => unreachable!("just made a mapping"),
    }
}

/// What the children of a node of kind `parent` under `key` are.
fn child_kind(parent: Kind, key: &str) -> Kind {
    if key.starts_with("x-") {
        return Kind::Data;
    }
    match parent {
        Kind::Data => Kind::Data,
        Kind::SchemaMap => Kind::Schema,
        Kind::SchemaList => Kind::Schema,
        Kind::Schema => match key {
            "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => {
                Kind::SchemaMap
            }
            "allOf" | "oneOf" | "anyOf" | "prefixItems" => Kind::SchemaList,
            "items"
            | "additionalProperties"
            | "not"
            | "contains"
            | "if"
            | "then"
            | "else"
            | "propertyNames"
            | "unevaluatedProperties"
            | "unevaluatedItems"
            | "additionalItems" => Kind::Schema,
            _ => Kind::Data,
        },
        Kind::Other => match key {
            "schema" => Kind::Schema,
            "schemas" | "definitions" => Kind::SchemaMap,
            // `default` is a response here, not a value.
            "example" | "value" => Kind::Data,
            _ => Kind::Other,
        },
    }
}

/// The node at `pointer` (`#/components/schemas/Pet`, or `#` for the root) of `root`.
fn lookup<'v>(root: &'v Value, pointer: &str) -> Option<&'v Value> {
    let mut value = untag(root);
    for token in pointer_tokens(pointer) {
        value = match value {
            Value::Mapping(map) => map.get(token.as_str()).or_else(|| {
                map.iter()
                    .find(|(k, _)| scalar_text(k).as_deref() == Some(token.as_str()))
                    .map(|(_, v)| v)
            }),
            Value::Sequence(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        }
        .map(untag)?;
    }
    Some(value)
}

/// `path` with `.` and `..` resolved without the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

impl Bundler {
    /// `path` as diagnostics show it: under the folder as it was given.
    fn shown(&self, path: &Path) -> String {
        let shown = match path.strip_prefix(&self.base) {
            Ok(relative) if relative.as_os_str().is_empty() => self.base_shown.clone(),
            Ok(relative) => self.base_shown.join(relative),
            Err(_) => path.to_path_buf(),
        };
        shown.to_string_lossy().replace('\\', "/")
    }

    /// The reference to the main document's schema `name`.
    fn schema_ref(&self, name: &str) -> String {
        match self.v2 {
            true => format!("#/definitions/{}", escape(name)),
            false => format!("#/components/schemas/{}", escape(name)),
        }
    }

    fn walk(&mut self, value: &mut Value, file: &Path, kind: Kind) {
        if kind == Kind::Data {
            return;
        }
        match value {
            Value::Tagged(tagged) => self.walk(&mut tagged.value, file, kind),
            Value::Sequence(items) => {
                let item_kind = match kind {
                    Kind::SchemaList | Kind::Schema => Kind::Schema,
                    _ => Kind::Other,
                };
                for item in items {
                    self.walk(item, file, item_kind);
                }
            }
            Value::Mapping(map) => {
                let text = map.get("$ref").and_then(Value::as_str).map(str::to_owned);
                if let Some(text) = text {
                    match self.reference(&text, file, kind) {
                        None => {}
                        Some(Rewrite::Ref(new)) => {
                            map.insert(Value::String("$ref".to_owned()), Value::String(new));
                        }
                        Some(Rewrite::Inline(node)) => {
                            *value = node;
                            return;
                        }
                    }
                }
                for (key, child) in map.iter_mut() {
                    let key = scalar_text(key).unwrap_or_default();
                    if key != "$ref" {
                        self.walk(child, file, child_kind(kind, &key));
                    }
                }
            }
            _ => {}
        }
    }

    /// What the `$ref: text` of a node of `kind` in `file` becomes; `None` to keep it.
    fn reference(&mut self, text: &str, file: &Path, kind: Kind) -> Option<Rewrite> {
        let (path_part, fragment) = match text.find('#') {
            Some(at) => (&text[..at], &text[at..]),
            None => (text, "#"),
        };
        let target = if path_part.is_empty() {
            if file == self.main {
                return None;
            }
            file.to_path_buf()
        } else {
            match self.locate(path_part, file) {
                Ok(target) => target,
                Err(reason) => return Some(self.refuse(text, file, &reason)),
            }
        };
        if target == self.main {
            return Some(Rewrite::Ref(fragment.to_owned()));
        }
        if let Err(reason) = self.load(&target) {
            return Some(self.refuse(text, file, &reason));
        }
        let pointer = canonical_pointer(fragment);
        let Some(node) = self
            .docs
            .get(&target)
            .and_then(|doc| doc.as_ref().ok())
            .and_then(|doc| lookup(doc, &pointer))
            .cloned()
        else {
            let reason = format!(
                "points at nothing: {} has no `{pointer}`",
                self.shown(&target)
            );
            return Some(self.refuse(text, file, &reason));
        };
        let tokens = pointer_tokens(&pointer);
        let named = match tokens.as_slice() {
            [] => true,
            [_] => true,
            [components, schemas, _] => components == "components" && schemas == "schemas",
            [definitions, _] => definitions == "definitions",
            _ => false,
        };
        let component = matches!(tokens.as_slice(), [c, s, _] if c == "components" && s == "schemas")
            || matches!(tokens.as_slice(), [d, _] if d == "definitions");
        if (component || (named && kind == Kind::Schema)) && self.copying >= MAX_DEPTH {
            return Some(self.refuse(
                text,
                file,
                "is refused: schemas of other files refer to each other too deeply",
            ));
        }
        if component || (named && kind == Kind::Schema) {
            let name = match tokens.last() {
                Some(name) => name.clone(),
                None => target
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "Schema".to_owned()),
            };
            return Some(Rewrite::Ref(
                self.copy_schema(&target, &pointer, &name, node),
            ));
        }
        let key = (target.clone(), pointer);
        if self.inlining.contains(&key) || self.inlining.len() >= MAX_DEPTH {
            return Some(self.refuse(text, file, "is refused: it refers back to itself"));
        }
        // Copies of copies multiply: a few lines could otherwise ask for millions.
        self.inlined += node_count(&node);
        if self.inlined > MAX_INLINED {
            return Some(self.refuse(
                text,
                file,
                "is refused: the spec's files copy more nodes into each other than apibind reads",
            ));
        }
        let mut node = node;
        self.inlining.push(key);
        self.walk(&mut node, &target, kind);
        self.inlining.pop();
        Some(Rewrite::Inline(node))
    }

    /// The canonical file a `$ref`'s file part names, if it may be read.
    fn locate(&self, path_part: &str, file: &Path) -> Result<PathBuf, String> {
        if path_part.contains("://") || path_part.starts_with("//") {
            return Err(format!(
                "is refused: it is a URL, and only files in the spec's folder {} are read",
                self.shown(&self.base)
            ));
        }
        let decoded = percent_decode(path_part);
        let relative = Path::new(&decoded);
        if relative.has_root() || relative.is_absolute() || decoded.starts_with('\\') {
            return Err(format!(
                "is refused: it is an absolute path, and only files in the spec's folder {} \
                 (named relative to the file that refers to them) are read",
                self.shown(&self.base)
            ));
        }
        let dir = file.parent().unwrap_or(Path::new(""));
        let leaves = || {
            format!(
                "is refused: it leaves the spec's folder {}",
                self.shown(&self.base)
            )
        };
        let joined = normalize(&dir.join(relative));
        if !joined.starts_with(&self.base) {
            return Err(leaves());
        }
        let canonical = joined
            .canonicalize()
            .map_err(|error| format!("cannot be read: {}: {error}", self.shown(&joined)))?;
        if !canonical.starts_with(&self.base) {
            // A symbolic link pointing outside.
            return Err(leaves());
        }
        Ok(canonical)
    }

    /// Reads and parses `path` once.
    fn load(&mut self, path: &Path) -> Result<(), String> {
        if let Some(doc) = self.docs.get(path) {
            return doc.as_ref().map(|_| ()).map_err(Clone::clone);
        }
        let size = fs::metadata(path).map_or(0, |m| m.len() as usize);
        let doc = if self.read_bytes + size > MAX_READ_BYTES {
            Err(format!(
                "is refused: the spec's other files would be more than {} MiB",
                MAX_READ_BYTES >> 20
            ))
        } else {
            match fs::read_to_string(path) {
                Err(error) => Err(format!("cannot be read: {}: {error}", self.shown(path))),
                Ok(text) => {
                    self.read_bytes += text.len();
                    let parsed = crate::parse::yaml::from_str(&text).map_err(|error| {
                        format!(
                            "cannot be read: {} is not YAML or JSON: {error}",
                            self.shown(path)
                        )
                    });
                    let shown = PathBuf::from(self.shown(path));
                    self.bundle.files.push((shown, text));
                    parsed
                }
            }
        };
        let result = doc.as_ref().map(|_| ()).map_err(Clone::clone);
        self.docs.insert(path.to_path_buf(), doc);
        result
    }

    /// Copies the schema `node` at `pointer` of `file` into the main document, once,
    /// and returns the `$ref` to it.
    fn copy_schema(&mut self, file: &Path, pointer: &str, base: &str, node: Value) -> String {
        let key = (file.to_path_buf(), pointer.to_owned());
        if let Some(name) = self.copied.get(&key) {
            return self.schema_ref(name);
        }
        let mut name = base.to_owned();
        let mut counter = 1;
        loop {
            match self.names.get(&name) {
                None => break,
                Some(existing) if *existing == node => {
                    // The same schema, already there.
                    self.copied.insert(key, name.clone());
                    return self.schema_ref(&name);
                }
                Some(_) => {
                    counter += 1;
                    name = format!("{base}{counter}");
                }
            }
        }
        self.names.insert(name.clone(), node.clone());
        self.copied.insert(key, name.clone());
        let index = self.pending.len();
        self.pending.push((name.clone(), Value::Null));
        let mut node = node;
        self.copying += 1;
        self.walk(&mut node, file, Kind::Schema);
        self.copying -= 1;
        self.pending[index].1 = node;
        self.schema_ref(&name)
    }

    /// Leaves a refused `$ref` for the reader to report with `reason`. A `#/...` ref of
    /// another file is named with its file, so that it is not read as the main
    /// document's.
    fn refuse(&mut self, text: &str, file: &Path, reason: &str) -> Rewrite {
        let kept = match text.starts_with('#') {
            true => format!("{}{text}", self.shown(file)),
            false => text.to_owned(),
        };
        let message = format!("in {} {reason}", self.shown(file));
        self.bundle.refused.entry(kept.clone()).or_insert(message);
        Rewrite::Ref(kept)
    }
}

/// How many YAML nodes `value` holds, itself included.
fn node_count(value: &Value) -> usize {
    match untag(value) {
        Value::Sequence(items) => 1 + items.iter().map(node_count).sum::<usize>(),
        Value::Mapping(map) => 1 + map.values().map(node_count).sum::<usize>(),
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalized_without_the_file_system() {
        assert_eq!(
            normalize(Path::new("/a/b/../c/./d")),
            PathBuf::from("/a/c/d")
        );
        assert_eq!(percent_decode("my%20file.yaml"), "my file.yaml");
        assert_eq!(percent_decode("a/b.yaml"), "a/b.yaml");
    }

    #[test]
    fn only_refs_to_other_documents_need_bundling() {
        let read = |text: &str| serde_yaml::from_str::<Value>(text).expect("YAML");
        assert!(!refers_outside(&read(
            "a: {$ref: '#/b'}\nb: [{$ref: '#/a'}]\n"
        )));
        assert!(refers_outside(&read(
            "a:\n  - b: {$ref: 'other.yaml#/c'}\n"
        )));
        assert!(refers_outside(&read(
            "a: !tag {$ref: 'https://x.test/s.json'}\n"
        )));
        assert!(!refers_outside(&read("a: {ref: 'other.yaml'}\n")));
    }
}
