//! String enums: model enums and the enums of parameters with listed values.
//!
//! Every enum keeps an `Other(String)` variant, so a value the API adds later still
//! decodes instead of failing the whole response.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::Doc;
use crate::emit::names::{ident, pascal, Taken};

/// A string enum named `name` with `values`, documented by `doc`.
pub fn enum_tokens(name: &str, doc: Doc, values: &[String]) -> TokenStream {
    // A repeated value would be an unreachable match arm.
    let mut unique: Vec<&String> = Vec::with_capacity(values.len());
    for value in values {
        if !unique.contains(&value) {
            unique.push(value);
        }
    }
    let values = unique;
    let ty = ident(name);
    let doc = doc.tokens();
    let variant_names = variant_names(&values);
    let other = ["Other", "Unknown", "OtherValue"]
        .into_iter()
        .find(|candidate| !variant_names.iter().any(|v| v == candidate))
        .unwrap_or("Unlisted");
    let other = ident(other);
    let variants: Vec<_> = variant_names.iter().map(|v| ident(v)).collect();
    let variant_docs = values.iter().map(|v| {
        let text = format!(" `{}`", v.replace('`', "'"));
        quote!(#[doc = #text])
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum #ty {
            #( #variant_docs #variants, )*
            /// A value this client does not know; the API may add values.
            #other(String),
        }

        impl #ty {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( #ty::#variants => #values, )*
                    #ty::#other(value) => value,
                }
            }
        }

        impl From<&str> for #ty {
            fn from(value: &str) -> Self {
                match value {
                    #( #values => #ty::#variants, )*
                    other => #ty::#other(other.to_owned()),
                }
            }
        }

        impl std::fmt::Display for #ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Ok(#ty::from(value.as_str()))
            }
        }

        impl crate::request::WireValue for #ty {
            fn to_wire(&self) -> String {
                self.as_str().to_owned()
            }
        }
    }
}

/// Pascal-case variant names, made unique by a numeric suffix.
fn variant_names(values: &[&String]) -> Vec<String> {
    let mut taken = Taken::default();
    values.iter().map(|v| taken.claim(pascal(v), "")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_names_are_unique() {
        let values = ["created_at", "created-at", "2x", "Other"].map(String::from);
        let values: Vec<&String> = values.iter().collect();
        assert_eq!(
            variant_names(&values),
            ["CreatedAt", "CreatedAt2", "V2x", "Other"]
        );
    }

    #[test]
    fn fallback_variant_avoids_documented_values() {
        let tokens =
            enum_tokens("Kind", Doc::new().text("Kinds."), &["other".to_owned()]).to_string();
        assert!(tokens.contains("Unknown (String)"), "{tokens}");
    }
}
