//! Naming conventions: how an API's documented names become its wire names. The
//! overlay sets them (`naming:`); where it does not, the docs' evidence chooses them
//! (`infer::convention`); the inference rules apply them.

use heck::{ToLowerCamelCase, ToSnakeCase};
use serde::Deserialize;

/// How documented names become wire names. Set by the overlay's `naming:`; a case
/// it leaves unset is chosen from the docs' evidence, else snake_case.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Naming {
    /// Query, form and multipart parameter names.
    #[serde(default)]
    pub params: Option<Case>,
    /// JSON keys of model fields.
    #[serde(default)]
    pub model_fields: Option<Case>,
    /// Appended to the wire name of array parameters, e.g. `[]` for Rails APIs.
    #[serde(default)]
    pub array_suffix: String,
}

impl Naming {
    /// The case of parameter names: as set, else snake_case.
    pub fn params(&self) -> Case {
        self.params.unwrap_or(Case::SnakeCase)
    }

    /// The case of JSON keys: as set, else snake_case.
    pub fn model_fields(&self) -> Case {
        self.model_fields.unwrap_or(Case::SnakeCase)
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
    /// Applies the convention to a documented name.
    pub fn apply(self, name: &str) -> String {
        match self {
            Case::SnakeCase => name.to_snake_case(),
            Case::CamelCase => name.to_lower_camel_case(),
            Case::AsDocumented => name.to_owned(),
        }
    }

    /// The convention's name, as the overlay's `naming:` spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Case::SnakeCase => "snake_case",
            Case::CamelCase => "camelCase",
            Case::AsDocumented => "as_documented",
        }
    }
}
