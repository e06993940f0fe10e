//! What the union types of `models` share: the value kept when the server sends a
//! variant the API does not list, and the (de)serialization of tagged unions.
//!
//! A union whose variants are told apart by a tag property (OpenAPI's
//! `discriminator`) is decoded by reading the tag first, so that a variant is
//! chosen by what the server says it is, not by which shape happens to fit; a tag
//! this client does not know keeps the whole value as an [`UnknownValue`], so the rest
//! of the response still decodes.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::ser::Error as _;
use serde::{Serialize, Serializer};

/// A value of a union type that is none of the variants the API lists, kept as the
/// JSON the server sent: the API may add variants, and a response holding one still
/// decodes.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct UnknownValue(serde_json::Value);

impl UnknownValue {
    /// The JSON the server sent.
    pub fn json(&self) -> &serde_json::Value {
        &self.0
    }

    /// The JSON the server sent, taken out.
    pub fn into_json(self) -> serde_json::Value {
        self.0
    }
}

impl From<serde_json::Value> for UnknownValue {
    fn from(value: serde_json::Value) -> Self {
        UnknownValue(value)
    }
}

/// A string as it is; any other value as its JSON text.
impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            serde_json::Value::String(text) => f.write_str(text),
            other => write!(f, "{other}"),
        }
    }
}

impl crate::request::WireValue for UnknownValue {
    fn to_wire(&self) -> String {
        self.to_string()
    }
}

/// The value of the tag property `tag` of `value`, when it is an object whose tag
/// is a string.
#[allow(dead_code, reason = "only APIs with tagged unions call it")]
pub(crate) fn tag_of<'a>(value: &'a serde_json::Value, tag: &str) -> Option<&'a str> {
    value.get(tag)?.as_str()
}

/// `value`, a whole tagged object, decoded as the variant its tag names.
#[allow(dead_code, reason = "only APIs with tagged unions call it")]
pub(crate) fn variant<T, E>(value: serde_json::Value) -> Result<T, E>
where
    T: DeserializeOwned,
    E: serde::de::Error,
{
    serde_json::from_value(value).map_err(E::custom)
}

/// Writes `value`, an object, with its tag property `tag` set to one of `names`,
/// the values that select its variant: the value's own, when its type holds the tag
/// and it is one of them, else the first (the variant's type may not hold the tag,
/// or hold another's).
#[allow(dead_code, reason = "only APIs with tagged unions call it")]
pub(crate) fn tagged<S, T>(
    serializer: S,
    tag: &str,
    names: &[&str],
    value: &T,
) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    T: Serialize + ?Sized,
{
    let mut json = serde_json::to_value(value).map_err(S::Error::custom)?;
    let Some(object) = json.as_object_mut() else {
        return Err(S::Error::custom(format!(
            "a variant tagged by its `{tag}` property must be an object"
        )));
    };
    let own = object.get(tag).and_then(serde_json::Value::as_str);
    if !own.is_some_and(|own| names.contains(&own)) {
        let first = names.first().copied().unwrap_or_default();
        object.insert(tag.to_owned(), serde_json::Value::String(first.to_owned()));
    }
    json.serialize(serializer)
}

/// Writes the object that holds only its tag property `tag`, set to `name`.
#[allow(
    dead_code,
    reason = "only APIs whose tagged unions have variants of no fields call it"
)]
pub(crate) fn tag_only<S: Serializer>(
    serializer: S,
    tag: &str,
    name: &str,
) -> Result<S::Ok, S::Error> {
    let mut object = serde_json::Map::new();
    object.insert(tag.to_owned(), serde_json::Value::String(name.to_owned()));
    object.serialize(serializer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Cat {
        lives: i32,
    }

    #[test]
    fn unknown_values_keep_their_json_and_show_strings_as_they_are() {
        let value: UnknownValue = serde_json::from_value(json!({"kind": "new"})).unwrap();
        assert_eq!(value.json(), &json!({"kind": "new"}));
        assert_eq!(value.to_string(), r#"{"kind":"new"}"#);
        assert_eq!(UnknownValue::from(json!("text")).to_string(), "text");
        assert_eq!(
            serde_json::to_value(&value).unwrap(),
            json!({"kind": "new"})
        );
        assert_eq!(value.into_json(), json!({"kind": "new"}));
    }

    #[test]
    fn tags_are_read_only_from_objects_with_a_string_tag() {
        assert_eq!(tag_of(&json!({"type": "cat"}), "type"), Some("cat"));
        assert_eq!(tag_of(&json!({"type": 1}), "type"), None);
        assert_eq!(tag_of(&json!(["type"]), "type"), None);
    }

    #[test]
    fn a_variant_decodes_from_the_whole_object_and_says_why_it_does_not() {
        let cat: Cat = variant::<_, serde_json::Error>(json!({"type": "cat", "lives": 9})).unwrap();
        assert_eq!(cat, Cat { lives: 9 });
        let err = variant::<Cat, serde_json::Error>(json!({"type": "cat"})).unwrap_err();
        assert!(err.to_string().contains("lives"), "{err}");
    }

    #[test]
    fn the_tag_is_written_with_the_variant() {
        let written = tagged(
            serde_json::value::Serializer,
            "type",
            &["cat"],
            &Cat { lives: 9 },
        )
        .unwrap();
        assert_eq!(written, json!({"type": "cat", "lives": 9}));
        // A value that holds its tag keeps it when it selects the variant.
        #[derive(serde::Serialize)]
        struct Tagged {
            r#type: &'static str,
        }
        let own = |value| {
            tagged(
                serde_json::value::Serializer,
                "type",
                &["a", "b"],
                &Tagged { r#type: value },
            )
        };
        assert_eq!(own("b").unwrap(), json!({"type": "b"}));
        assert_eq!(own("z").unwrap(), json!({"type": "a"}));
        let written = tag_only(serde_json::value::Serializer, "type", "dog").unwrap();
        assert_eq!(written, json!({"type": "dog"}));
        let err = tagged(serde_json::value::Serializer, "type", &["n"], &3).unwrap_err();
        assert!(err.to_string().contains("must be an object"), "{err}");
    }
}
