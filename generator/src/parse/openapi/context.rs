//! What every step of reading one spec shares: the document, its version, the models
//! found so far, and the diagnostics, each located by its node's JSON pointer.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde_yaml::Value;

use super::lines::Lines;
use super::node::Node;
use crate::conventions::Naming;
use crate::diagnostic::{Diagnostics, Severity};
use crate::model::{FactSource, Model, Provenance};

/// Where the spec's facts (error statuses) come from.
pub(super) const SPEC_FACT: FactSource = FactSource::Spec;

/// The two document versions, which differ in where they keep things.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Version {
    /// Swagger 2.0: `definitions`, `in: body`, `formData`, `consumes`/`produces`.
    V2,
    /// OpenAPI 3.0 and 3.1 (see [`Spec::v31`]): `components`, `requestBody`, `content`.
    V3,
}

/// The state of reading one spec.
pub(super) struct Spec<'a> {
    /// The file name, for provenance.
    pub file: &'a str,
    /// The document.
    pub root: Node<'a>,
    /// Which version it is.
    pub version: Version,
    /// Whether it is OpenAPI 3.1 (read as [`Version::V3`] where 3.0 and 3.1 agree).
    pub v31: bool,
    /// The API's naming conventions (the overlay's `naming:`).
    pub naming: &'a Naming,
    lines: Lines,
    diagnostics: &'a mut Diagnostics,
    /// Diagnostics already reported: a node shared by many operations (a parameter
    /// `$ref`, a schema) is reported once.
    reported: BTreeSet<(Severity, String)>,
    /// The model name of each component schema, by its pointer.
    pub model_names: HashMap<String, String>,
    /// The component schemas in document order, with their model names.
    pub components: Vec<(String, Node<'a>)>,
    /// Every model built so far, components and inline objects.
    pub models: Vec<Model>,
    /// Inline object schemas already made models, by pointer.
    pub inline_models: HashMap<String, String>,
    /// Model names in use.
    taken: HashSet<String>,
    /// `$ref`s being expanded in place (refs to anything but a component schema), to
    /// stop on a ref that contains itself.
    pub expanding: Vec<String>,
    /// How deep schema reading has recursed; a bound against hostile nesting.
    pub depth: usize,
    /// The operation being read, and whether something in it could not be: a problem
    /// costs that operation, not the spec (DESIGN.md §4.4).
    operation: Option<(String, bool)>,
    /// `$ref`s to other files that were refused before reading (see `external.rs`),
    /// with why.
    pub refused: BTreeMap<String, String>,
}

/// What a `$ref` chain leads to.
pub(super) enum Resolved<'a> {
    /// The node the chain ends at (the node itself when it is no `$ref`).
    Found(Node<'a>),
    /// The chain points at nothing: the `$ref` text. What that means depends on what
    /// was referenced, so the caller reports it.
    Missing(String),
    /// The chain is broken in a way already reported (a cycle, an external file).
    Invalid,
}

/// The longest `$ref` chain followed before calling it a cycle.
const MAX_CHAIN: usize = 32;

impl<'a> Spec<'a> {
    /// Starts reading `root`, the parsed `text` of `file`.
    pub fn new(
        file: &'a str,
        text: &str,
        root: &'a Value,
        version: Version,
        naming: &'a Naming,
        diagnostics: &'a mut Diagnostics,
    ) -> Self {
        Spec {
            file,
            root: Node::root(root),
            version,
            v31: false,
            naming,
            lines: Lines::new(text),
            diagnostics,
            reported: BTreeSet::new(),
            model_names: HashMap::new(),
            components: Vec::new(),
            models: Vec::new(),
            inline_models: HashMap::new(),
            taken: HashSet::new(),
            expanding: Vec::new(),
            depth: 0,
            operation: None,
            refused: BTreeMap::new(),
        }
    }

    /// The provenance of the node at `pointer`.
    pub fn at(&self, pointer: &str) -> Provenance {
        Provenance::new(self.file, self.lines.line(pointer))
    }

    fn report(&mut self, severity: Severity, pointer: &str, message: String) {
        let message = format!("{pointer}: {message}");
        if !self.reported.insert((severity, message.clone())) {
            return;
        }
        let at = self.at(pointer);
        match severity {
            Severity::Error => self.diagnostics.error(Some(&at), message),
            Severity::Warning => self.diagnostics.warning(Some(&at), message),
            Severity::Note => self.diagnostics.note(Some(&at), message),
        };
    }

    /// An error at `pointer`: the spec's intent is unclear; generation stops.
    ///
    /// Inside an operation the problem leaves that operation out; elsewhere (servers,
    /// security schemes, components) it costs the item it is about, with a warning.
    /// `--strict` makes either an error.
    pub fn error(&mut self, pointer: &str, message: impl Into<String>) {
        let message = format!("{pointer}: {}", message.into());
        let at = self.at(pointer);
        match &mut self.operation {
            Some((name, failed)) => {
                *failed = true;
                let name = name.clone();
                if self
                    .reported
                    .insert((Severity::Error, format!("{name} {message}")))
                {
                    self.diagnostics.leave_out(Some(&at), &name, message);
                }
            }
            None => {
                if self.reported.insert((Severity::Warning, message.clone())) {
                    self.diagnostics
                        .warning(Some(&at), message)
                        .kind("unreadable spec item, read loosely or left out");
                }
            }
        }
    }

    /// A schema that cannot be read exactly: the value is read loosely (any JSON
    /// value), with a warning, wherever the schema is used.
    pub fn loose(&mut self, pointer: &str, message: impl Into<String>) {
        let message = format!("{pointer}: {}", message.into());
        if self.reported.insert((Severity::Warning, message.clone())) {
            let at = self.at(pointer);
            self.diagnostics
                .warning(Some(&at), message)
                .kind("unreadable schema, read loosely");
        }
    }

    /// Reads one operation with `read`; `None` when a problem in it was reported.
    pub fn in_operation<T>(&mut self, name: &str, read: impl FnOnce(&mut Self) -> T) -> Option<T> {
        let outer = self.operation.replace((name.to_owned(), false));
        let value = read(self);
        let failed = self.operation.take().is_some_and(|(_, failed)| failed);
        self.operation = outer;
        (!failed).then_some(value)
    }

    /// A warning at `pointer`: the spec is imperfect but its intent is clear.
    pub fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.report(Severity::Warning, pointer, message.into());
    }

    /// A note at `pointer`: a choice the reader should know about.
    pub fn note(&mut self, pointer: &str, message: impl Into<String>) {
        self.report(Severity::Note, pointer, message.into());
    }

    /// `base`, or `base2`, `base3`… when a model already has that name.
    pub fn unique_name(&mut self, base: &str) -> String {
        let mut name = base.to_owned();
        let mut counter = 1;
        while self.taken.contains(&name) {
            counter += 1;
            name = format!("{base}{counter}");
        }
        self.taken.insert(name.clone());
        name
    }

    /// The model called `name`, among those built so far.
    pub fn model(&self, name: &str) -> Option<&Model> {
        self.models.iter().find(|m| m.name == name)
    }

    /// Follows `node`'s `$ref` chain, if it has one. External and circular chains are
    /// reported here; a missing target is returned for the caller to report.
    pub fn resolve(&mut self, node: &Node<'a>) -> Resolved<'a> {
        let mut current = node.clone();
        let mut chain: Vec<String> = Vec::new();
        loop {
            let Some(reference) = current.get("$ref") else {
                return Resolved::Found(current);
            };
            let Some(text) = reference.str() else {
                self.error(&reference.pointer, "`$ref` must be a string");
                return Resolved::Invalid;
            };
            if !text.starts_with('#') {
                self.external_ref(&reference.pointer, text);
                return Resolved::Invalid;
            }
            let target = canonical_pointer(text);
            if chain.contains(&target) || chain.len() >= MAX_CHAIN {
                chain.push(target);
                self.error(
                    &node.pointer,
                    format!(
                        "the `$ref` chain {} never reaches a definition",
                        chain.join(" -> ")
                    ),
                );
                return Resolved::Invalid;
            }
            match self.lookup(&target) {
                Some(next) => current = next,
                None => return Resolved::Missing(text.to_owned()),
            }
            chain.push(target);
        }
    }

    /// Reports a `$ref` to another file: one refused when the spec's files were read,
    /// with why, or one to a file that was not read.
    pub fn external_ref(&mut self, pointer: &str, text: &str) {
        if let Some(reason) = self.refused.get(text) {
            let message = format!("`$ref: {text}` {reason}");
            return self.error(pointer, message);
        }
        self.error(
            pointer,
            format!(
                "`$ref: {text}` points into another document, which is not supported: \
                 only `#/...` references inside the spec are"
            ),
        );
    }

    /// The node at a canonical pointer (`#/components/schemas/Pet`), if any.
    pub fn lookup(&self, pointer: &str) -> Option<Node<'a>> {
        let mut value = self.root.value;
        for token in pointer_tokens(pointer) {
            let next = match super::node::untag(value) {
                Value::Mapping(map) => map.get(token.as_str()).or_else(|| {
                    map.iter()
                        .find(|(k, _)| {
                            super::node::scalar_text(k).as_deref() == Some(token.as_str())
                        })
                        .map(|(_, v)| v)
                }),
                Value::Sequence(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            };
            value = next?;
        }
        Some(Node::at(value, pointer.to_owned()))
    }
}

/// A local `$ref` as the pointer [`Node`]s carry: percent-decoded, with `~0`/`~1`
/// escapes normalised, so that `#/components/schemas/Foo%20Bar` finds `Foo Bar`.
pub(super) fn canonical_pointer(reference: &str) -> String {
    let mut pointer = String::from("#");
    for token in pointer_tokens(reference) {
        pointer.push('/');
        pointer.push_str(&super::node::escape(&token));
    }
    pointer
}

/// The unescaped tokens of a pointer or local `$ref`.
pub(super) fn pointer_tokens(reference: &str) -> Vec<String> {
    let decoded = percent_decode(reference.trim_start_matches('#'));
    decoded
        .split('/')
        .filter(|t| !t.is_empty())
        .map(super::node::unescape)
        .collect()
}

/// `%XX` escapes of a URI fragment; anything malformed is kept as written.
pub(super) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        let hex = bytes
            .get(index + 1..index + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (byte, hex) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                index += 3;
            }
            _ => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_are_canonical_pointers() {
        assert_eq!(
            canonical_pointer("#/components/schemas/Foo%20Bar"),
            "#/components/schemas/Foo Bar"
        );
        assert_eq!(
            canonical_pointer("#/paths/~1pets/get"),
            "#/paths/~1pets/get"
        );
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%E2%9C%93"), "✓");
    }
}
