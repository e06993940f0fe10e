//! Helpers for the library's unit tests.

use crate::model::Api;

/// The model of the spec `text`, which must load without a warning.
pub fn load_spec(text: &str) -> Api {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("openapi.yaml");
    std::fs::write(&path, text).expect("the spec is written");
    let loaded = crate::Config::new()
        .spec(&path)
        .no_overlay()
        .load()
        .expect("the spec loads");
    let warnings = loaded
        .diagnostics
        .count(crate::diagnostic::Severity::Warning);
    assert_eq!(warnings, 0, "{}", loaded.render_diagnostics());
    loaded.api
}
