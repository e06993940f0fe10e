//! Model types to Rust types.

use proc_macro2::TokenStream;
use quote::quote;

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

/// The Rust type that holds a value of `ty`.
pub fn rust_type(ty: &TypeRef, names: &Names, scope: Scope) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Int32 => quote!(i32),
        TypeRef::Int64 => quote!(i64),
        TypeRef::Float => quote!(f32),
        TypeRef::Double => quote!(f64),
        TypeRef::Bool => quote!(bool),
        TypeRef::DateTime => quote!(chrono::DateTime<chrono::Utc>),
        TypeRef::Date => quote!(chrono::NaiveDate),
        TypeRef::Binary => quote!(Vec<u8>),
        TypeRef::Any => quote!(serde_json::Value),
        TypeRef::Array(item) => {
            let item = rust_type(item, names, scope);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) if **value == TypeRef::Any => {
            quote!(serde_json::Map<String, serde_json::Value>)
        }
        TypeRef::Map(value) => {
            let value = rust_type(value, names, scope);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        TypeRef::Named(name) => type_path(&names.model(name), scope),
    }
}

/// The path of a type of the `models` module, from `scope`.
pub fn type_path(rust_name: &str, scope: Scope) -> TokenStream {
    let name = ident(rust_name);
    match scope {
        Scope::Models => quote!(#name),
        Scope::Crate => quote!(crate::models::#name),
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
        rust_type(&ty.parse().unwrap(), &Names::new(&api), scope)
            .to_string()
            .replace(' ', "")
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
