//! Every Rust name of a generated crate, chosen once for the whole API so that all
//! emitters agree (a model, its references and the crate docs' example use the same
//! identifier) and nothing collides: not two models, not a model and a prelude type,
//! not an operation and the client's own methods.

use std::collections::BTreeMap;

use crate::emit::names::{pascal, snake, Taken};
use crate::model::{Api, ModelKind, TypeRef};

/// Type names generated code uses unqualified; a model or builder named like one gets
/// a numeric suffix instead of shadowing it.
const PRELUDE_TYPES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Send",
    "Sync",
    "Sized",
    "From",
    "Into",
    "IntoIterator",
    "Iterator",
    "Clone",
    "Copy",
    "Default",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "ToString",
    "ToOwned",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "AsRef",
    "AsMut",
    "Extend",
    "Unpin",
];

/// Methods the runtime's `Client` has; operations named like one get a suffix.
const CLIENT_METHODS: &[&str] = &[
    "builder",
    "base_url",
    "with_base_url",
    "new",
    "send_json",
    "send_empty",
    "send_bytes",
    "send_text",
    "send",
    "send_with_retries",
    "decode_json",
    "request",
    "api_spec",
    "clone",
    "fmt",
];

/// The names chosen for one API.
#[derive(Debug)]
pub struct Names {
    models: BTreeMap<String, String>,
    param_enums: BTreeMap<(String, String), String>,
    enum_types: Vec<ParamEnum>,
    methods: BTreeMap<String, String>,
    builders: BTreeMap<String, String>,
    fields: BTreeMap<(String, String), String>,
    field_aliases: BTreeMap<(String, String), String>,
}

/// An enum generated for parameters that list their values.
#[derive(Debug)]
pub struct ParamEnum {
    /// The Rust type name.
    pub name: String,
    /// The values, as on the wire.
    pub values: Vec<String>,
    /// The documented name of the (first) parameter it is for.
    pub param: String,
}

impl Names {
    /// Chooses every name of `api`.
    pub fn new(api: &Api) -> Self {
        let mut types = Taken::with(PRELUDE_TYPES);
        let models = api
            .models
            .iter()
            .map(|m| (m.name.clone(), types.claim(pascal(&m.name), "")))
            .collect();

        // Parameters with equal value lists share one enum, named after the parameter;
        // different lists under the same name take the operation's name too.
        let mut param_enums = BTreeMap::new();
        let mut enum_types: Vec<ParamEnum> = Vec::new();
        for op in api.operations() {
            for param in op.params.iter().filter(|p| !p.enum_values.is_empty()) {
                let preferred = pascal(&param.name);
                let shared = enum_types
                    .iter()
                    .find(|e| e.values == param.enum_values && pascal(&e.param) == preferred);
                let name = match shared {
                    Some(existing) => existing.name.clone(),
                    None => {
                        let free = !types.contains(&preferred);
                        let base = match free {
                            true => preferred,
                            false => pascal(&format!("{}_{}", op.name, param.name)),
                        };
                        let name = types.claim(base, "");
                        enum_types.push(ParamEnum {
                            name: name.clone(),
                            values: param.enum_values.clone(),
                            param: param.name.clone(),
                        });
                        name
                    }
                };
                param_enums.insert((op.name.clone(), param.name.clone()), name);
            }
        }

        // A field whose type clippy finds too complex is declared through an alias.
        let mut field_aliases = BTreeMap::new();
        for model in &api.models {
            if let ModelKind::Struct { fields: list } = &model.kind {
                for field in list
                    .iter()
                    .filter(|f| is_complex(&f.ty, !f.required || f.nullable))
                {
                    let alias = types.claim(pascal(&format!("{}_{}", model.name, field.name)), "");
                    field_aliases.insert((model.name.clone(), field.name.clone()), alias);
                }
            }
        }

        let mut method_names = Taken::with(CLIENT_METHODS);
        if let Some(variable) = constructor_variable(api) {
            method_names.claim(format!("for_{}", snake(variable)), "_");
        }
        let mut builder_names = Taken::with(PRELUDE_TYPES);
        builder_names.claim("ResponseFuture".to_owned(), "");
        let mut methods = BTreeMap::new();
        let mut builders = BTreeMap::new();
        for op in api.operations() {
            methods.insert(op.name.clone(), method_names.claim(snake(&op.name), "_"));
            builders.insert(op.name.clone(), builder_names.claim(pascal(&op.name), ""));
        }
        // Documented field names that collide after conversion get a numeric suffix.
        let mut fields = BTreeMap::new();
        for model in &api.models {
            if let ModelKind::Struct { fields: list } = &model.kind {
                let mut taken = Taken::default();
                for field in list {
                    let name = taken.claim(snake(&field.name), "_");
                    fields.insert((model.name.clone(), field.name.clone()), name);
                }
            }
        }
        Names {
            models,
            param_enums,
            enum_types,
            methods,
            builders,
            fields,
            field_aliases,
        }
    }

    /// The Rust type of model `name`.
    pub fn model(&self, name: &str) -> String {
        self.models
            .get(name)
            .cloned()
            .unwrap_or_else(|| pascal(name))
    }

    /// The Rust field of a model's field.
    pub fn field(&self, model: &str, field: &str) -> String {
        self.fields
            .get(&(model.to_owned(), field.to_owned()))
            .cloned()
            .unwrap_or_else(|| snake(field))
    }

    /// The alias through which a struct's field is declared, when its type is too
    /// complex for clippy's `type_complexity` to accept in place.
    pub fn field_alias(&self, model: &str, field: &str) -> Option<&str> {
        self.field_aliases
            .get(&(model.to_owned(), field.to_owned()))
            .map(String::as_str)
    }

    /// The enum type of a parameter that lists its values.
    pub fn param_enum(&self, operation: &str, param: &str) -> Option<&str> {
        self.param_enums
            .get(&(operation.to_owned(), param.to_owned()))
            .map(String::as_str)
    }

    /// Every parameter enum, in the order they were first used.
    pub fn param_enums(&self) -> &[ParamEnum] {
        &self.enum_types
    }

    /// The `Client` method of an operation.
    pub fn method(&self, operation: &str) -> String {
        self.methods
            .get(operation)
            .cloned()
            .unwrap_or_else(|| snake(operation))
    }

    /// The request builder type of an operation.
    pub fn builder(&self, operation: &str) -> String {
        self.builders
            .get(operation)
            .cloned()
            .unwrap_or_else(|| pascal(operation))
    }
}

/// The server variable of `Client::for_<variable>`, when the base URL has exactly one.
pub fn constructor_variable(api: &Api) -> Option<&str> {
    match api.base_url.variables.as_slice() {
        [variable] => Some(&variable.name),
        _ => None,
    }
}

/// Whether a field of type `ty` (in an `Option` when `optional`) scores more than
/// clippy's `type_complexity` allows (250, with a margin): clippy counts 10 for each
/// type, times how deeply it is nested in generic arguments.
fn is_complex(ty: &TypeRef, optional: bool) -> bool {
    fn score(ty: &TypeRef, nest: usize) -> usize {
        let own = 10 * nest;
        let leaf = 10 * (nest + 1);
        match ty {
            TypeRef::Array(item) | TypeRef::Nullable(item) => own + score(item, nest + 1),
            TypeRef::Map(value) if **value == TypeRef::Any => own + 2 * leaf,
            TypeRef::Map(value) => own + leaf + score(value, nest + 1),
            TypeRef::DateTime | TypeRef::Binary => own + leaf,
            _ => own,
        }
    }
    let total = match optional {
        true => 10 + score(ty, 2),
        false => score(ty, 1),
    };
    total > 200
}
