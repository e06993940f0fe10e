//! Naming conventions: how an API's documented names become its wire names. The
//! overlay sets them (`naming:`); the inference rules apply them.

use heck::{ToLowerCamelCase, ToSnakeCase};
use serde::Deserialize;

/// How documented names become wire names. Set by the overlay's `naming:`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Naming {
    /// Query, form and multipart parameter names.
    #[serde(default = "Case::snake")]
    pub params: Case,
    /// JSON keys of model fields.
    #[serde(default = "Case::snake")]
    pub model_fields: Case,
    /// Appended to the wire name of array parameters, e.g. `[]` for Rails APIs.
    #[serde(default)]
    pub array_suffix: String,
}

impl Default for Naming {
    fn default() -> Self {
        Naming {
            params: Case::SnakeCase,
            model_fields: Case::SnakeCase,
            array_suffix: String::new(),
        }
    }
}

/// A naming convention for wire names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum Case {
    /// `category_ids`.
    #[serde(rename = "snake_case")]
    SnakeCase,
    /// `categoryIds`.
    #[serde(rename = "camelCase")]
    CamelCase,
    /// Exactly as documented.
    #[serde(rename = "as_documented")]
    AsDocumented,
}

impl Case {
    fn snake() -> Case {
        Case::SnakeCase
    }

    /// Applies the convention to a documented name.
    pub fn apply(self, name: &str) -> String {
        match self {
            Case::SnakeCase => name.to_snake_case(),
            Case::CamelCase => name.to_lower_camel_case(),
            Case::AsDocumented => name.to_owned(),
        }
    }
}
