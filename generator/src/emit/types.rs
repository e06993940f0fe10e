//! Model types to Rust types.

use crate::emit::names::ident;
use crate::emit::naming::Names;
use crate::model::TypeRef;

/// Where a type is written: model names need a path outside `models`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Inside the `models` module.
    Models,
    /// Anywhere else in the crate.
    Crate,
}

/// The Rust type that holds a value of `ty`, spaced as prettyplease spaces it.
pub fn rust_type(ty: &TypeRef, names: &Names, scope: Scope) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Int32 => "i32".to_owned(),
        TypeRef::Int64 => "i64".to_owned(),
        TypeRef::Float => "f32".to_owned(),
        TypeRef::Double => "f64".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::DateTime => "chrono::DateTime<chrono::Utc>".to_owned(),
        TypeRef::Date => "chrono::NaiveDate".to_owned(),
        TypeRef::Binary => "Vec<u8>".to_owned(),
        TypeRef::Any => "serde_json::Value".to_owned(),
        TypeRef::Array(item) => format!("Vec<{}>", rust_type(item, names, scope)),
        TypeRef::Map(value) if **value == TypeRef::Any => {
            "serde_json::Map<String, serde_json::Value>".to_owned()
        }
        TypeRef::Map(value) => format!(
            "std::collections::BTreeMap<String, {}>",
            rust_type(value, names, scope)
        ),
        TypeRef::Nullable(inner) => format!("Option<{}>", rust_type(inner, names, scope)),
        TypeRef::Named(name) => type_path(&names.model(name), scope),
    }
}

/// The path of a type of the `models` module, from `scope`.
pub fn type_path(rust_name: &str, scope: Scope) -> String {
    let name = ident(rust_name);
    match scope {
        Scope::Models => name,
        Scope::Crate => format!("crate::models::{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(ty: &str, scope: Scope) -> String {
        use crate::model::{Api, BaseUrl, Provenance};
        let api = Api {
            title: String::new(),
            base_url: BaseUrl {
                template: String::new(),
                variables: Vec::new(),
                at: Provenance::new("x", 1),
            },
            auth: Vec::new(),
            security: Vec::new(),
            groups: Vec::new(),
            models: Vec::new(),
        };
        rust_type(&ty.parse().unwrap(), &Names::new(&api), scope).replace(' ', "")
    }

    #[test]
    fn maps_every_kind() {
        assert_eq!(text("array<string>", Scope::Models), "Vec<String>");
        assert_eq!(
            text("date-time", Scope::Models),
            "chrono::DateTime<chrono::Utc>"
        );
        assert_eq!(
            text("map<any>", Scope::Models),
            "serde_json::Map<String,serde_json::Value>"
        );
        assert_eq!(
            text("map<int32>", Scope::Models),
            "std::collections::BTreeMap<String,i32>"
        );
        assert_eq!(
            text("array<Intervention>", Scope::Crate),
            "Vec<crate::models::Intervention>"
        );
        assert_eq!(text("Intervention", Scope::Models), "Intervention");
    }
}
