//! The OpenAPI parser never panics, and what it accepts emits code that parses.
#![no_main]

use apibind::conventions::Naming;
use apibind::diagnostic::Diagnostics;
use apibind::parse::openapi::parse_spec;
use apibind::{emit, paging, validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut diagnostics = Diagnostics::new();
    let Some(mut api) = parse_spec("fuzz.yaml", text, &Naming::default(), &mut diagnostics) else {
        return;
    };
    paging::detect(&mut api);
    validate::validate(&api, &mut diagnostics);
    if diagnostics.has_errors() {
        return;
    }
    let emitted = emit::emit(&api).expect("valid models emit");
    for module in &emitted.modules {
        if let Err(error) = syn::parse_file(&module.source) {
            panic!("{} does not parse: {error}\n{}", module.name, module.source);
        }
    }
});
