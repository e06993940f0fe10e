//! The whole pipeline on one markdown file: parse, infer, validate and, when the
//! input is valid, emit. Emitted code always parses back as Rust.
#![no_main]

use apibind::conventions::Naming;
use apibind::diagnostic::Diagnostics;
use apibind::parse::markdown::parse_doc;
use apibind::{emit, infer, paging, validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut diagnostics = Diagnostics::new();
    let docs: Vec<_> = parse_doc("fuzz.md", text, None, &mut diagnostics).into_iter().collect();
    let (mut api, _conventions) = infer::build(
        docs,
        infer::AuthDeclarations::default(),
        &Naming::default(),
        &[],
        &mut diagnostics,
    );
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
