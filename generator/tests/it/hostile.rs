//! Inputs no one writes by hand but a generator may still meet: huge, wide, deep or
//! full of names that are not names. Each loads and emits code that parses as Rust,
//! or fails with a clear error; none panics.

use std::fmt::Write;
use std::fs;

use apibind::Config;

/// An API doc with the given operations (name, parameter rows).
fn api_doc(operations: &[(String, String)]) -> String {
    let mut doc = String::from(
        "# \\BigApi\n\nAll URIs are relative to *https://big.example.com*\n\nMethod | HTTP request | Description\n--- | --- | ---\n",
    );
    for (name, _) in operations {
        writeln!(
            doc,
            "[**{name}**](BigApi.md#{name}) | **Get** /{name} | {name}"
        )
        .unwrap();
    }
    for (name, rows) in operations {
        write!(
            doc,
            "\n## {name}\n\n> {name}(ctx)\n\n### Optional Parameters\n\nName | Type | Description  | Notes\n--- | --- | --- | ---\n{rows}\n### Return type\n\n (empty response body)\n\n### HTTP request headers\n\n- **Content-Type**: Not defined\n- **Accept**: Not defined\n"
        )
        .unwrap();
    }
    doc
}

fn generate(doc: &str) -> Result<Vec<(String, String)>, apibind::Error> {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("BigApi.md"), doc).unwrap();
    Config::new()
        .docs(dir.path())
        .crate_files()
        .map(|(_, files)| files)
}

fn source<'a>(files: &'a [(String, String)], name: &str) -> &'a str {
    &files.iter().find(|(path, _)| path == name).unwrap().1
}

#[test]
fn ten_thousand_operations_in_one_file() {
    let operations: Vec<(String, String)> = (0..10_000)
        .map(|n| {
            (
                format!("Op{n}"),
                format!("**q{n}** | **optional.String**| q | \n"),
            )
        })
        .collect();
    let files = generate(&api_doc(&operations)).unwrap();
    let requests = source(&files, "src/requests.rs");
    assert!(requests.contains("pub fn op9999(&self)"));
    assert!(syn::parse_file(requests).is_ok());
}

#[test]
fn a_table_with_a_thousand_columns_and_a_megabyte_line() {
    let wide = format!(
        "**wide** | **optional.String**| {} | \n",
        vec!["x"; 1000].join(" | ")
    );
    let long = format!(
        "**long** | **optional.String**| {} | \n",
        "y".repeat(1 << 20)
    );
    let files = generate(&api_doc(&[("Wide".to_owned(), format!("{wide}{long}"))])).unwrap();
    let requests = source(&files, "src/requests.rs");
    assert!(
        requests.contains(&"x \\| ".repeat(998)),
        "the pipes are kept, escaped"
    );
    assert!(requests.contains(&"y".repeat(1 << 20)));
}

#[test]
fn deep_types_are_loose_with_a_clear_warning() {
    let rows = format!("**deep** | **{}int32**| d | \n", "[]".repeat(500));
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("BigApi.md"),
        api_doc(&[("Deep".to_owned(), rows)]),
    )
    .unwrap();
    let (loaded, _) = Config::new().docs(dir.path()).crate_files().unwrap();
    let report = loaded.render_diagnostics();
    assert!(
        report.contains("nests 500 arrays and maps; at most 16 are supported: read as a string"),
        "{report}"
    );
    assert!(report.contains("BigApi.md:"), "{report}");
    let error = Config::new()
        .docs(dir.path())
        .strict(true)
        .crate_files()
        .unwrap_err();
    assert!(
        error.to_string().contains("nests 500 arrays and maps"),
        "{error}"
    );
}

#[test]
fn names_that_are_not_names_become_identifiers() {
    let rows = "**a-b!** | **optional.String**| punctuation | \n**名前** | **optional.String**| not ASCII | \n**名字** | **optional.String**| not ASCII either | \n**type** | **optional.String**| a keyword | \n**self** | **optional.Int32**| another | \n**2fa** | **optional.Bool**| a digit first | \n";
    let files = generate(&api_doc(&[("Names".to_owned(), rows.to_owned())])).unwrap();
    let requests = source(&files, "src/requests.rs");
    for setter in [
        "pub fn a_b(",
        "pub fn value(",
        "pub fn value_2(",
        "pub fn type_(",
        "pub fn self_(",
        "pub fn n2fa(",
    ] {
        assert!(requests.contains(setter), "{setter} in\n{requests}");
    }
    // Wire names stay as documented (snake_case of nothing ASCII is the name itself).
    assert!(requests.contains("\"名前\""), "{requests}");
    assert!(syn::parse_file(requests).is_ok());
}

#[test]
fn empty_and_duplicate_names_are_errors() {
    let rows = "**!!!** | **optional.String**| all punctuation | \n**same** | **optional.String**| one | \n**same** | **optional.String**| two | \n";
    let report = generate(&api_doc(&[("Dup".to_owned(), rows.to_owned())]))
        .unwrap_err()
        .to_string();
    assert!(report.contains("`same` is listed twice"), "{report}");
    assert!(
        report.contains("parameter `!!!` has an empty wire name"),
        "{report}"
    );
}

/// Files copied in two different orders give the same bytes: the docs are read in
/// name order, not in the order the file system lists them.
#[test]
fn output_does_not_depend_on_the_order_files_were_written() {
    let fixture = crate::common::fixture("petstore-d");
    let mut names: Vec<_> = fs::read_dir(&fixture)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains('.'))
        .collect();
    names.sort();
    let copy = |order: &[std::ffi::OsString]| {
        let dir = tempfile::tempdir().unwrap();
        for name in order {
            fs::copy(fixture.join(name), dir.path().join(name)).unwrap();
        }
        let files = Config::new().docs(dir.path()).crate_files().unwrap().1;
        (dir, files)
    };
    let (_a, forward) = copy(&names);
    names.reverse();
    let (_b, backward) = copy(&names);
    assert_eq!(forward, backward);
}
