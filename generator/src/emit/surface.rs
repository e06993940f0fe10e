//! The generated crate's public API as data: every item a user's code can name (the
//! client's methods with their required arguments, the builders' setters, models,
//! fields, enum values and union variants, constructors, server variables and auth
//! schemes), each with what a change to it would break, its docs, and the input line
//! it comes from. Two surfaces compared are the client's API change
//! ([`crate::changes`]); the crate keeps its own beside its sources
//! ([`SURFACE_FILE`]), so the next generation needs no old inputs.
//!
//! Names and types are taken from the emitters' own functions (the crate's names,
//! each parameter's argument type, each model's Rust type): the surface is what the
//! code says, not a guess.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::enums::variants_of;
use super::naming::{constructor_variable, Names};
use super::requests::OperationShape;

use super::types::{rust_type, Scope};
use crate::model::{Api, ModelKind, Operation, Provenance, TypeRef};

/// The file of a generated crate that holds its surface, beside `Cargo.toml`.
pub const SURFACE_FILE: &str = "apibind-api.json";

/// Every public item of a generated crate, by its path (`Client::list_plants`,
/// `ListPlants::page_size`, `models::Plant::name`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Surface {
    /// Why this file is in the crate.
    #[serde(default)]
    pub about: String,
    /// The items, by path.
    pub items: BTreeMap<String, Item>,
}

/// One public item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// What it is.
    pub kind: Kind,
    /// What user code depends on: a method's argument and return types, a setter's or
    /// field's type, a model's kind. A change to it breaks that code.
    pub signature: String,
    /// A fingerprint (64-bit FNV-1a) of its docs as the input states them: a
    /// change is neither breaking nor additive, and the crate need not hold the prose
    /// twice.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub docs: String,
    /// How users reach it, for items that can be renamed: an operation's `METHOD
    /// /path`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub route: String,
    /// For a field: whether requests send its model (users build it) and whether
    /// responses hold it (users read it).
    #[serde(default, skip_serializing_if = "Roles::is_empty")]
    pub roles: Roles,
    /// The item it belongs to: a field's or value's model, a setter's method.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// A fingerprint of what its requests send, for a method (route, body encoding,
    /// each parameter's wire name, place and style) and for `Client::new` (the base
    /// URL): user code still compiles when it changes, but the client behaves
    /// otherwise.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub wire: String,
    /// The docs or spec line it comes from, `file:line`.
    pub at: String,
}

/// Whether a model travels in requests, in responses, or both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roles {
    /// Requests send it: users build it.
    #[serde(default)]
    pub request: bool,
    /// Responses hold it: users read it.
    #[serde(default)]
    pub response: bool,
}

impl Roles {
    fn is_empty(&self) -> bool {
        !self.request && !self.response
    }
}

/// The kinds of public items.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A `Client` method: one per operation.
    Method,
    /// A setter of an operation's request builder: one per optional parameter.
    Setter,
    /// A constructor of `Client`.
    Constructor,
    /// A type of `models`: a struct, an enum, a union or an alias.
    Model,
    /// A field of a struct model.
    Field,
    /// A value of a string enum.
    Variant,
    /// A variable of the server's URL, which the client needs a value for.
    ServerVariable,
    /// An auth scheme, whose credential calls need.
    AuthScheme,
}

impl Kind {
    /// The kind's name in a report, e.g. `method`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Method => "method",
            Kind::Setter => "setter",
            Kind::Constructor => "constructor",
            Kind::Model => "model",
            Kind::Field => "field",
            Kind::Variant => "enum value",
            Kind::ServerVariable => "server variable",
            Kind::AuthScheme => "auth scheme",
        }
    }
}

/// The public API of the crate generated from `api`.
pub fn surface(api: &Api) -> Surface {
    let names = Names::new(api);
    let mut items = BTreeMap::new();
    let mut add = |path: String, item: Item| {
        items.insert(path, item);
    };
    let at = |p: &Provenance| p.to_string();

    let mut new = Item::new(
        Kind::Constructor,
        match api.takes_token() {
            true => "(crate::AccessToken)",
            false => "()",
        },
        &at(&api.base_url.at),
    );
    new.wire = fingerprint(&api.base_url.template);
    add("Client::new".to_owned(), new);
    if let Some(variable) = constructor_variable(api) {
        let method = format!("Client::for_{}", super::names::snake(variable));
        add(
            method,
            Item::new(
                Kind::Constructor,
                "(impl Into<String>)",
                &at(&api.base_url.at),
            ),
        );
    }
    for variable in &api.base_url.variables {
        // An empty default names no server: the caller must give a value.
        let signature = match variable.default.as_deref().filter(|d| !d.is_empty()) {
            Some(default) => format!("default {default}"),
            None => "required".to_owned(),
        };
        let mut item = Item::new(Kind::ServerVariable, &signature, &at(&api.base_url.at));
        item.docs = fingerprint(variable.description.as_deref().unwrap_or_default());
        add(format!("server::{}", variable.name), item);
    }
    for scheme in &api.auth {
        add(
            format!("auth::{}", scheme.name),
            Item::new(Kind::AuthScheme, &auth_kind(&scheme.kind), &at(&scheme.at)),
        );
    }

    for op in api.operations() {
        operation(op, api, &names, &mut add);
    }

    let roles = roles(api);
    for model in &api.models {
        let rust = names.model(&model.name);
        let path = format!("models::{rust}");
        let docs = fingerprint(model.description.as_deref().unwrap_or_default());
        let (signature, members): (String, Vec<(String, Item)>) = match &model.kind {
            ModelKind::Struct { fields } => {
                let role = roles.get(model.name.as_str()).copied().unwrap_or_default();
                let members = fields
                    .iter()
                    .map(|field| {
                        let ty = rust_type(&field.ty, &names, Scope::Crate);
                        let ty = match !field.required || field.nullable {
                            true => format!("Option<{ty}>"),
                            false => ty,
                        };
                        let mut item = Item::new(Kind::Field, &ty, &at(&field.at));
                        item.docs = fingerprint(field.description.as_deref().unwrap_or_default());
                        item.roles = role;
                        item.owner = path.clone();
                        (
                            format!("{path}::{}", names.field(&model.name, &field.name)),
                            item,
                        )
                    })
                    .collect();
                ("struct".to_owned(), members)
            }
            ModelKind::Enum { values } => {
                let members = variants_of(values)
                    .into_iter()
                    .map(|variant| {
                        let mut item = Item::new(Kind::Variant, "", &at(&model.at));
                        item.owner = path.clone();
                        (format!("{path}::{variant}"), item)
                    })
                    .collect();
                ("enum".to_owned(), members)
            }
            ModelKind::Union { variants, .. } => {
                let list: Vec<String> = variants
                    .iter()
                    .map(|v| match &v.ty {
                        Some(ty) => format!("{}({})", v.name, rust_type(ty, &names, Scope::Crate)),
                        None => v.name.clone(),
                    })
                    .collect();
                (format!("union {{ {} }}", list.join(", ")), Vec::new())
            }
            ModelKind::Alias { ty } => (
                format!("type = {}", rust_type(ty, &names, Scope::Crate)),
                Vec::new(),
            ),
        };
        let mut item = Item::new(Kind::Model, &signature, &at(&model.at));
        item.docs = docs;
        add(path, item);
        for (member, item) in members {
            add(member, item);
        }
    }
    for param_enum in names.param_enums() {
        let path = format!("models::{}", param_enum.name);
        // The line of the first parameter that lists these values.
        let line = api
            .operations()
            .flat_map(|op| &op.params)
            .find(|p| p.name == param_enum.param && p.enum_values == param_enum.values)
            .map(|p| at(&p.at))
            .unwrap_or_default();
        add(path.clone(), Item::new(Kind::Model, "enum", &line));
        for variant in variants_of(&param_enum.values) {
            let mut item = Item::new(Kind::Variant, "", &line);
            item.owner = path.clone();
            add(format!("{path}::{variant}"), item);
        }
    }
    Surface {
        about: "The client's public API as apibind generated it: `apibind check` and \
                `apibind generate` compare the next generation with it to report what \
                changed and the version the crate needs."
            .to_owned(),
        items,
    }
}

/// The method of `op`, its builder's setters and paging methods.
fn operation(op: &Operation, api: &Api, names: &Names, add: &mut impl FnMut(String, Item)) {
    let shape = OperationShape::new(op, api, names);
    let OperationShape {
        method,
        builder,
        output,
        ..
    } = &shape;
    let required: Vec<String> = shape.required().iter().map(|p| p.input()).collect();
    let mut item = Item::new(
        Kind::Method,
        &format!("({}) -> {output}", required.join(", ")),
        &op.at.to_string(),
    );
    item.route = format!("{} {}", op.method.as_str(), op.path);
    item.docs = fingerprint(&operation_docs(op));
    item.wire = fingerprint(&wire_facts(op));
    let owner = format!("Client::{method}");
    add(owner.clone(), item);
    for p in shape.optional() {
        let mut item = Item::new(Kind::Setter, &p.input(), &p.param.at.to_string());
        item.docs = fingerprint(p.param.description.as_deref().unwrap_or_default());
        item.owner = owner.clone();
        add(format!("{builder}::{}", p.field), item);
    }
    if op.paging.is_some() {
        for paging in ["pages", "stream"] {
            let mut item = Item::new(Kind::Setter, "()", &op.at.to_string());
            item.owner = owner.clone();
            add(format!("{builder}::{paging}"), item);
        }
    }
}

/// What an operation's requests send, as text: route, body encoding, content type,
/// accepted media, and each parameter's wire name, place and style.
fn wire_facts(op: &Operation) -> String {
    let mut facts = format!(
        "{} {} body={:?} content-type={:?} accept={:?}",
        op.method.as_str(),
        op.path,
        op.body,
        op.content_type,
        op.accept
    );
    for p in &op.params {
        facts.push_str(&format!(
            " | {}={}@{} {:?} reserved={}",
            p.name,
            p.wire_name,
            p.location.as_str(),
            p.style,
            p.allow_reserved
        ));
    }
    facts
}

/// An operation's prose: summary, description and what each documented error means.
fn operation_docs(op: &Operation) -> String {
    let mut docs: Vec<String> = op.summary.iter().chain(&op.description).cloned().collect();
    for error in &op.errors {
        docs.push(format!("{}: {}", error.status, error.meaning));
    }
    docs.join("\n")
}

/// A stable fingerprint of `text` (64-bit FNV-1a, in hex), empty for no text: equal
/// texts give equal fingerprints on every machine and Rust version, unlike
/// `std`'s hashers.
fn fingerprint(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

fn auth_kind(kind: &crate::model::AuthKind) -> String {
    use crate::model::AuthKind;
    match kind {
        AuthKind::Bearer => "bearer".to_owned(),
        AuthKind::OAuth2 { .. } => "oauth2".to_owned(),
        AuthKind::Basic => "basic".to_owned(),
        AuthKind::ApiKey { location, key_name } => format!("api key ({location:?} {key_name})"),
        AuthKind::TokenQuery { name } => format!("token in query ({name})"),
    }
}

/// For each model, whether requests send it and responses hold it: the models
/// parameters and bodies name, and those return types name, with every model their
/// fields, variants and aliases name in turn.
fn roles(api: &Api) -> BTreeMap<&str, Roles> {
    let mut roles: BTreeMap<&str, Roles> = BTreeMap::new();
    let sent: Vec<&TypeRef> = api
        .operations()
        .flat_map(|op| op.params.iter().map(|p| &p.ty))
        .collect();
    let returned: Vec<&TypeRef> = api
        .operations()
        .filter_map(|op| op.returns.as_ref())
        .collect();
    for (roots, request) in [(sent, true), (returned, false)] {
        for name in reachable(api, roots) {
            let role = roles.entry(name).or_default();
            match request {
                true => role.request = true,
                false => role.response = true,
            }
        }
    }
    roles
}

/// The models `roots` name, directly or through other models.
fn reachable<'a>(api: &'a Api, roots: Vec<&'a TypeRef>) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    let mut stack = roots;
    while let Some(ty) = stack.pop() {
        let Some(name) = ty.named() else {
            continue;
        };
        let Some(model) = api.model(name) else {
            continue;
        };
        if !seen.insert(model.name.as_str()) {
            continue;
        }
        match &model.kind {
            ModelKind::Struct { fields } => stack.extend(fields.iter().map(|f| &f.ty)),
            ModelKind::Union { variants, .. } => {
                stack.extend(variants.iter().filter_map(|v| v.ty.as_ref()))
            }
            ModelKind::Alias { ty } => stack.push(ty),
            ModelKind::Enum { .. } => {}
        }
    }
    seen
}

impl Surface {
    /// The surface as the crate keeps it: pretty JSON, keys in order, a final
    /// newline, each line named by its file's name alone, so that the crate's bytes do
    /// not depend on where its inputs were read from.
    pub fn to_json(&self) -> String {
        let mut kept = self.clone();
        for item in kept.items.values_mut() {
            if let Some((file, line)) = item.at.rsplit_once(':') {
                let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
                item.at = format!("{name}:{line}");
            }
        }
        let mut json = serde_json::to_string_pretty(&kept).unwrap_or_default();
        json.push('\n');
        json
    }

    /// A surface kept by a crate, from its JSON.
    pub fn from_json(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

impl Item {
    fn new(kind: Kind, signature: &str, at: &str) -> Self {
        Item {
            kind,
            signature: signature.to_owned(),
            docs: String::new(),
            route: String::new(),
            roles: Roles::default(),
            owner: String::new(),
            wire: String::new(),
            at: at.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kept_json_names_files_without_their_folders() {
        let mut surface = Surface::default();
        let item = Item::new(Kind::Model, "struct", "/home/me/sdk/docs/Dog.md:12");
        surface.items.insert("models::Dog".to_owned(), item);
        let json = surface.to_json();
        assert!(json.contains("\"at\": \"Dog.md:12\""), "{json}");
        let back = Surface::from_json(&json).unwrap();
        assert_eq!(back.items["models::Dog"].signature, "struct");
    }

    #[test]
    fn fingerprints_are_fnv_1a() {
        // The published FNV-1a test vectors.
        assert_eq!(fingerprint("a"), "af63dc4c8601ec8c");
        assert_eq!(fingerprint("foobar"), "85944171f73967e8");
        assert_eq!(fingerprint(""), "");
    }
}
