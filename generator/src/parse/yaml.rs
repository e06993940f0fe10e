//! YAML and JSON documents as `serde_yaml::Value` trees, with every number read.
//!
//! serde_yaml's own `Value` refuses an integer outside `i64` and `u64` (it sees it as
//! an `i128`), which refuses the whole document; JSON Schema allows any integer, and
//! real specs write bounds such as `minimum: -9223372036854776000`. Here such an
//! integer is the nearest `f64`, as a JSON parser reads it. Everything else reads as
//! serde_yaml reads it, duplicate keys included (an error).

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess};
use serde_yaml::mapping::Entry;
use serde_yaml::value::{Tag, TaggedValue};
use serde_yaml::{Mapping, Number, Value};

/// The tree of the YAML or JSON document `text`.
pub fn from_str(text: &str) -> Result<Value, serde_yaml::Error> {
    serde_yaml::from_str::<Tree>(text).map(|tree| tree.0)
}

/// A value read by [`TreeVisitor`].
struct Tree(Value);

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TreeVisitor).map(Tree)
    }
}

struct TreeVisitor;

impl<'de> de::Visitor<'de> for TreeVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_i128<E>(self, value: i128) -> Result<Value, E> {
        let number = match (i64::try_from(value), u64::try_from(value)) {
            (Ok(small), _) => Number::from(small),
            (_, Ok(large)) => Number::from(large),
            // The nearest f64, as a JSON parser reads it.
            _ => Number::from(value as f64),
        };
        Ok(Value::Number(number))
    }

    fn visit_u128<E>(self, value: u128) -> Result<Value, E> {
        let number = match u64::try_from(value) {
            Ok(fits) => Number::from(fits),
            Err(_) => Number::from(value as f64),
        };
        Ok(Value::Number(number))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        Tree::deserialize(deserializer).map(|tree| tree.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(Tree(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut mapping = Mapping::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(Tree(key)) = map.next_key()? {
            match mapping.entry(key) {
                Entry::Occupied(entry) => {
                    let shown = serde_yaml::to_string(entry.key()).unwrap_or_default();
                    return Err(de::Error::custom(format_args!(
                        "duplicate entry with key {}",
                        shown.trim_end()
                    )));
                }
                Entry::Vacant(entry) => {
                    let Tree(value) = map.next_value()?;
                    entry.insert(value);
                }
            }
        }
        Ok(Value::Mapping(mapping))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        let (tag, variant) = data.variant::<String>()?;
        let Tree(value) = variant.newtype_variant()?;
        Ok(Value::Tagged(Box::new(TaggedValue {
            tag: Tag::new(tag),
            value,
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_past_i64_and_u64_are_the_nearest_float() {
        let tree = from_str("min: -9223372036854776000\nmax: 18446744073709551616\n").unwrap();
        assert_eq!(tree["min"].as_f64(), Some(-9223372036854775808.0));
        assert_eq!(tree["max"].as_f64(), Some(18446744073709551616.0));
        // serde_yaml's own tree refuses both.
        assert!(serde_yaml::from_str::<Value>("min: -9223372036854776000\n").is_err());
        let json = from_str(r#"{"minimum": -9223372036854776000, "n": 1}"#).unwrap();
        assert!(json["minimum"].is_f64());
        assert_eq!(json["n"].as_i64(), Some(1));
    }

    #[test]
    fn everything_else_reads_as_serde_yaml_reads_it() {
        let text = "a: [1, -2, 18446744073709551615, 1.5, true, null, ~, 'x']\nb: {c: {d: e}}\n'404': x\n? [k]\n: v\nt: !custom 3\n";
        assert_eq!(
            from_str(text).unwrap(),
            serde_yaml::from_str::<Value>(text).unwrap()
        );
    }

    #[test]
    fn duplicate_keys_are_an_error_with_their_place() {
        let error = from_str("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert!(
            error.to_string().contains("duplicate entry with key a"),
            "{error}"
        );
        assert!(serde_yaml::from_str::<Value>("a: 1\nb: 2\na: 3\n").is_err());
        assert!(error.location().is_some(), "{error}");
    }

    #[test]
    fn syntax_errors_keep_their_line() {
        let error = from_str("a: 1\nb: [\n").unwrap_err();
        assert!(error.location().is_some_and(|l| l.line() >= 2), "{error}");
    }
}
