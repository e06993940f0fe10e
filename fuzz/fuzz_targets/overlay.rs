//! The overlay parser never panics, and applying what it accepts never panics.
#![no_main]

use apibind::diagnostic::Diagnostics;
use apibind::model::{Api, BaseUrl, Provenance};
use apibind::overlay;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut diagnostics = Diagnostics::new();
    if let Some(parsed) = overlay::parse("apibind.yaml", text, &mut diagnostics) {
        let mut api = Api {
            title: String::new(),
            base_url: BaseUrl {
                template: String::new(),
                variables: Vec::new(),
                at: Provenance::new("x.md", 1),
            },
            auth: Vec::new(),
            security: Vec::new(),
            groups: Vec::new(),
            models: Vec::new(),
        };
        overlay::apply_models(&parsed, "apibind.yaml", text, &mut api, &mut diagnostics);
        overlay::apply(&parsed, "apibind.yaml", text, &mut api, &mut diagnostics);
    }
});
