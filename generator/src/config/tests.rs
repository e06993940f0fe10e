use std::fs;

use super::*;

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn the_default_reads_the_docs_in_spec() {
    let config = Config::new();
    assert_eq!(config.docs, Some(PathBuf::from("spec")));
    assert_eq!(config.spec, None);
    assert!(!config.strict && !config.verbose);
}

#[test]
fn a_spec_alone_replaces_the_default_docs_but_not_given_ones() {
    let spec_only = Config::new().spec("api.yaml");
    assert_eq!(spec_only.docs, None);
    assert_eq!(spec_only.spec, Some(PathBuf::from("api.yaml")));
    let both = Config::new().docs("docs").spec("api.yaml");
    assert_eq!(both.docs, Some(PathBuf::from("docs")));
    let both = Config::new().spec("api.yaml").docs("docs");
    assert_eq!(both.docs, Some(PathBuf::from("docs")));
    assert_eq!(both.spec, Some(PathBuf::from("api.yaml")));
}

#[test]
fn the_default_overlay_is_beside_the_docs_or_the_spec() {
    let dir = folder(&[("docs/apibind.yaml", ""), ("api/openapi.yaml", "")]);
    let docs = dir.path().join("docs");
    let spec = dir.path().join("api/openapi.yaml");
    assert_eq!(
        Config::new().docs(&docs).overlay_path(),
        Some(docs.join("apibind.yaml"))
    );
    // None beside the spec; then one is added, and a folder of specs is looked in.
    assert_eq!(Config::new().spec(&spec).overlay_path(), None);
    fs::write(dir.path().join("api/apibind.yaml"), "").unwrap();
    let beside = Some(dir.path().join("api/apibind.yaml"));
    assert_eq!(Config::new().spec(&spec).overlay_path(), beside);
    assert_eq!(
        Config::new().spec(dir.path().join("api")).overlay_path(),
        beside
    );
    assert_eq!(Config::new().docs(&docs).no_overlay().overlay_path(), None);
    // One given is read even if it does not exist: reading it then fails.
    let given = dir.path().join("missing.yaml");
    assert_eq!(
        Config::new().docs(&docs).overlay(&given).overlay_path(),
        Some(given)
    );
}

#[test]
fn the_crate_is_named_after_the_api_unless_told() {
    let dir = folder(&[(
        "openapi.yaml",
        "openapi: 3.0.0\ninfo: {title: Pet Store, version: '1'}\npaths:\n  /p:\n    get:\n      operationId: p\n      responses: {'200': {description: ok}}\n",
    )]);
    let config = Config::new().spec(dir.path().join("openapi.yaml"));
    let mut api = config.load().unwrap().api;
    assert_eq!(config.resolved_crate_name(&api), "pet-store-client");
    api.title = "!!".to_owned();
    assert_eq!(config.resolved_crate_name(&api), "api-client");
    let named = config.crate_name("mine");
    assert_eq!(named.resolved_crate_name(&api), "mine");
}

#[test]
fn every_input_is_watched_before_it_is_read() {
    let dir = folder(&[
        ("sdk/README.md", ""),
        ("sdk/docs/PetApi.md", ""),
        ("sdk/docs/Pet.md", ""),
        ("specs/a.yaml", ""),
        ("specs/notes.txt", ""),
        ("overlay.yaml", ""),
    ]);
    let sdk = dir.path().join("sdk");
    let specs = dir.path().join("specs");
    let overlay = dir.path().join("overlay.yaml");
    let paths = Config::new()
        .docs(&sdk)
        .spec(&specs)
        .overlay(&overlay)
        .input_paths();
    assert_eq!(
        paths,
        [
            sdk.clone(),
            sdk.join("docs"),
            sdk.join("docs/Pet.md"),
            sdk.join("docs/PetApi.md"),
            sdk.join("README.md"),
            specs.clone(),
            specs.join("a.yaml"),
            overlay,
        ]
    );
}

#[test]
fn out_dir_is_for_build_scripts() {
    // Unit tests of a package without a build script run without `OUT_DIR`.
    if std::env::var_os("OUT_DIR").is_some() {
        return;
    }
    let error = Config::new().write_out_dir().unwrap_err();
    assert!(matches!(error, Error::Environment(_)), "{error}");
    assert!(error.to_string().contains("OUT_DIR is not set"), "{error}");
}

#[test]
fn a_crate_is_written_whole_and_a_rerun_writes_nothing() {
    let dir = folder(&[(
        "openapi.yaml",
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://x.test'}]\npaths:\n  /p:\n    get:\n      operationId: p\n      responses: {'200': {description: ok}}\n",
    )]);
    let out = dir.path().join("out");
    let config = Config::new().spec(dir.path().join("openapi.yaml"));
    let (_, first) = config.write_crate(&out).unwrap();
    assert_eq!((first.operations, first.models, first.warnings), (1, 0, 0));
    assert!(first.written > 5 && first.unchanged == 0, "{first}");
    assert!(out.join("src/requests.rs").is_file());
    let (_, again) = config.write_crate(&out).unwrap();
    assert_eq!((again.written, again.unchanged), (0, first.written));
}

#[test]
fn crate_names_cargo_refuses_are_errors_before_anything_is_read() {
    for (name, why) in [
        ("rs-2.4", "not `.`"),
        ("2fa", "cannot start with a digit"),
        ("fn", "is a Rust keyword"),
        ("naïve", "not `\\u{ef}`"),
        ("", "cannot be empty"),
    ] {
        // The docs do not exist: the name is refused first.
        let config = Config::new().docs("/nonexistent").crate_name(name);
        let Err(Error::Invalid { report, errors: 1 }) = config.crate_files() else {
            panic!("`{name}` is taken");
        };
        assert!(
            report.starts_with("error: ") && report.contains(why),
            "{report}"
        );
    }
    assert_eq!(crate::emit::crate_name_problem("my_client-2"), None);
}

#[test]
fn names_made_from_titles_are_always_crate_names() {
    let dir = folder(&[(
        "openapi.yaml",
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    get:\n      operationId: p\n      responses: {'200': {description: ok}}\n",
    )]);
    let config = Config::new().spec(dir.path().join("openapi.yaml"));
    let mut api = config.load().unwrap().api;
    for (title, name) in [
        ("2FA API", "n2fa-api-client"),
        ("Fermée", "ferm-e-client"),
        ("Engage Digital", "engage-digital-client"),
    ] {
        api.title = title.to_owned();
        assert_eq!(config.resolved_crate_name(&api), name);
        assert_eq!(crate::emit::crate_name_problem(name), None);
    }
}
