//! Properties that must hold for every input, checked on generated ones.

use apibind::conventions::Case;
use apibind::emit::names::{ident, pascal, snake};
use proptest::prelude::*;

fn is_identifier(name: &str) -> bool {
    syn::parse_str::<syn::Ident>(name).is_ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Whatever a document calls something, the Rust name is a usable identifier:
    /// not empty, not a keyword, not starting with a digit.
    #[test]
    fn names_are_always_identifiers(name in any::<String>()) {
        let snake = snake(&name);
        let pascal = pascal(&name);
        prop_assert!(is_identifier(&snake), "{snake:?} from {name:?}");
        prop_assert!(is_identifier(&pascal), "{pascal:?} from {name:?}");
        prop_assert_eq!(ident(&snake).to_string(), snake);
    }

    /// Identifier-like names keep their words: converting twice changes nothing.
    #[test]
    fn case_conversion_is_idempotent(name in "[A-Za-z][A-Za-z0-9_]{0,30}") {
        let once = snake(&name);
        prop_assert_eq!(snake(&once), once.clone());
        let wire = Case::SnakeCase.apply(&name);
        prop_assert_eq!(Case::SnakeCase.apply(&wire), wire);
        // (lowerCamelCase is not idempotent in heck for names like `aA_a_`; the
        // overlay's wire names are stated, not converted twice.)
    }

    /// The model's type grammar reads back what it prints.
    #[test]
    fn type_grammar_round_trips(depth in 0usize..6, base in prop::sample::select(vec![
        "string", "int32", "int64", "float", "double", "bool", "date-time", "date", "binary", "any", "Pet",
    ]), maps in any::<u8>()) {
        let mut text = base.to_owned();
        for level in 0..depth {
            text = if maps & (1 << level) != 0 { format!("map<{text}>") } else { format!("array<{text}>") };
        }
        let ty: apibind::model::TypeRef = text.parse().unwrap();
        prop_assert_eq!(ty.to_string(), text);
    }
}
