//! Documented names from a spec's names, in the style the Go SDK docs use, so that a
//! docs model and a spec model of the same API can be compared name by name.
//!
//! openapi-generator's Go templates `camelize` names: words are split at anything that
//! is not a letter or digit, and each word's first letter is capitalised while the
//! rest is kept (`getAPIKey` stays `GetAPIKey`, where heck would write `GetApiKey`).

use crate::conventions::Naming;
use crate::model::{Method, TypeRef};

/// `createIntervention` → `CreateIntervention`, `category_ids` → `CategoryIds`.
pub(super) fn upper_camel(text: &str) -> String {
    words(text).map(capitalise).collect()
}

/// `category_ids[]` → `categoryIds`, `interventionId` → `interventionId`.
pub(super) fn lower_camel(text: &str) -> String {
    let mut out = String::new();
    for (index, word) in words(text).enumerate() {
        match index {
            0 => {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_lowercase());
                    out.push_str(chars.as_str());
                }
            }
            _ => out.push_str(&capitalise(word)),
        }
    }
    out
}

/// The operation's documented name: its `operationId` camelised, else the method and
/// path (`GET /interventions/{interventionId}` → `GetInterventionsInterventionId`).
pub(super) fn operation_name(operation_id: Option<&str>, method: Method, path: &str) -> String {
    match operation_id
        .map(upper_camel)
        .filter(|name| !name.is_empty())
    {
        Some(name) => name,
        None => format!(
            "{}{}",
            upper_camel(&method.as_str().to_lowercase()),
            upper_camel(path)
        ),
    }
}

/// A parameter's documented name from its wire name: lowerCamel without brackets
/// (`category_ids[]` → `categoryIds`). The API's array suffix (the overlay's
/// `naming.array_suffix`) is dropped from arrays first, so that a suffix which is not
/// brackets does not leak into the name either.
pub(super) fn param_name(wire_name: &str, ty: &TypeRef, naming: &Naming) -> String {
    let base = match (ty, naming.array_suffix.as_str()) {
        (TypeRef::Array(_), suffix) if !suffix.is_empty() => {
            wire_name.strip_suffix(suffix).unwrap_or(wire_name)
        }
        _ => wire_name,
    };
    let name = lower_camel(base);
    match name.is_empty() {
        // A wire name of punctuation only (`[]`): the emitter needs some identifier.
        true => "value".to_owned(),
        false => name,
    }
}

/// A model's name from its schema key: a name of the model's type grammar (a letter,
/// then letters, digits and `_`), camelised (`pet_status` → `PetStatus`).
pub(super) fn model_name(key: &str) -> String {
    let name = upper_camel(key);
    match name.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => name,
        _ => format!("Model{name}"),
    }
}

/// A struct field's documented name from its JSON key (`utc_offset` → `UtcOffset`).
pub(super) fn field_name(json_name: &str) -> String {
    let name = upper_camel(json_name);
    match name.is_empty() {
        true => "Value".to_owned(),
        false => name,
    }
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_go_docs() {
        assert_eq!(upper_camel("createIntervention"), "CreateIntervention");
        assert_eq!(upper_camel("getAPIKey"), "GetAPIKey");
        assert_eq!(upper_camel("Intervention Comments"), "InterventionComments");
        assert_eq!(field_name("category_ids"), "CategoryIds");
        assert_eq!(lower_camel("category_ids[]"), "categoryIds");
        assert_eq!(
            lower_camel("role_restriction[only][]"),
            "roleRestrictionOnly"
        );
        assert_eq!(lower_camel("X-Request-ID"), "xRequestID");
        assert_eq!(lower_camel("interventionId"), "interventionId");
        assert_eq!(model_name("pet_status"), "PetStatus");
        assert_eq!(model_name("2fa"), "Model2fa");
        assert_eq!(model_name("é"), "Model");
    }

    #[test]
    fn operation_names_fall_back_to_method_and_path() {
        let name = operation_name(None, Method::Get, "/interventions/{interventionId}");
        assert_eq!(name, "GetInterventionsInterventionId");
        assert_eq!(operation_name(Some("!!"), Method::Delete, "/"), "Delete");
        assert_eq!(
            operation_name(Some("list_pets"), Method::Get, "/"),
            "ListPets"
        );
    }

    #[test]
    fn array_suffix_is_dropped_from_array_names() {
        let naming = Naming {
            array_suffix: "_list".to_owned(),
            ..Naming::default()
        };
        let array = TypeRef::Array(Box::new(TypeRef::String));
        assert_eq!(param_name("ids_list", &array, &naming), "ids");
        assert_eq!(param_name("ids_list", &TypeRef::String, &naming), "idsList");
        assert_eq!(param_name("[]", &array, &Naming::default()), "value");
    }
}
