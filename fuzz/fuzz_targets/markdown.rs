//! The markdown parser never panics, whatever the bytes.
#![no_main]

use apibind::diagnostic::Diagnostics;
use apibind::parse::markdown::parse_doc;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut diagnostics = Diagnostics::new();
    let _ = parse_doc("fuzz.md", text, None, &mut diagnostics);
});
