//! The root package (generated into `OUT_DIR` by `build.rs`) and `generated-client/`
//! (written by `apibind generate`) must be the same client.

const MODULES: [(&str, &str, &str); 7] = [
    (
        "client.rs",
        include_str!(concat!(env!("OUT_DIR"), "/client.rs")),
        include_str!("../generated-client/src/client.rs"),
    ),
    (
        "request.rs",
        include_str!(concat!(env!("OUT_DIR"), "/request.rs")),
        include_str!("../generated-client/src/request.rs"),
    ),
    (
        "retry.rs",
        include_str!(concat!(env!("OUT_DIR"), "/retry.rs")),
        include_str!("../generated-client/src/retry.rs"),
    ),
    (
        "paging.rs",
        include_str!(concat!(env!("OUT_DIR"), "/paging.rs")),
        include_str!("../generated-client/src/paging.rs"),
    ),
    (
        "error.rs",
        include_str!(concat!(env!("OUT_DIR"), "/error.rs")),
        include_str!("../generated-client/src/error.rs"),
    ),
    (
        "models.rs",
        include_str!(concat!(env!("OUT_DIR"), "/models.rs")),
        include_str!("../generated-client/src/models.rs"),
    ),
    (
        "requests.rs",
        include_str!(concat!(env!("OUT_DIR"), "/requests.rs")),
        include_str!("../generated-client/src/requests.rs"),
    ),
];

#[test]
fn build_time_and_checked_in_modules_are_identical() {
    for (name, built, checked_in) in MODULES {
        assert!(!built.is_empty(), "{name} is empty");
        assert!(
            built == checked_in,
            "{name} differs between OUT_DIR and generated-client/src: run `cargo run -p apibind -- generate`"
        );
    }
}

#[test]
fn both_forms_declare_the_same_modules_and_reexports() {
    let built = include_str!(concat!(env!("OUT_DIR"), "/apibind.rs"));
    let checked_in = include_str!("../generated-client/src/lib.rs");
    let declarations = |source: &str| -> Vec<String> {
        source
            .lines()
            .filter(|l| l.starts_with("pub use ") || l.contains("mod "))
            .map(|l| {
                l.trim_end_matches(" {")
                    .trim_end_matches(';')
                    .trim()
                    .to_owned()
            })
            .collect()
    };
    assert_eq!(declarations(built), declarations(checked_in));
    assert!(declarations(built).len() >= 6, "{built}");
}

#[test]
fn root_package_has_the_dependencies_the_generated_crate_declares() {
    let root = include_str!("../Cargo.toml");
    let generated = include_str!("../generated-client/Cargo.toml");
    let dependencies = generated
        .split("[dependencies]")
        .nth(1)
        .and_then(|rest| rest.split("[dev-dependencies]").next())
        .expect("generated Cargo.toml has [dependencies]");
    // Dependencies and features alike: the root must build the same code.
    for line in dependencies
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('['))
    {
        assert!(
            root.lines().any(|l| l == line),
            "root Cargo.toml lacks `{line}`"
        );
    }
}
