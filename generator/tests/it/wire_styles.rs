//! Every way a parameter can be written on the wire, and paging of every integer
//! width, in generated crates that must pass clippy `-D warnings` and rustdoc and
//! whose `e2e/` tests assert, over HTTP on loopback, what goes on the wire.
//!
//! `wire-styles` (the Gadgets API, openapi-generator 4.x docs) has a comma-joined path
//! list, a comma-joined header list, a deepObject map, an array of arrays and enum
//! models in the query and the path, a raw `application/zip` body and a `text/plain`
//! body. `paging-widths` (the Widgets API) pages with int32, int64 and plain `int`
//! offsets and page sizes.

use std::path::Path;

use crate::common::{compile, crate_files, fixture, problems};
use apibind::model::{Api, Body};
use apibind::Config;

/// The API of the fixture docs `name`, read without a warning.
fn load_clean(name: &str) -> Api {
    let loaded = Config::new().docs(fixture(name)).load().unwrap();
    let problems = problems(&loaded);
    assert!(problems.is_empty(), "{problems:#?}");
    loaded.api
}

/// The Gadgets API of the `wire-styles` docs.
fn gadgets_api() -> Api {
    load_clean("wire-styles")
}

#[test]
fn the_gadgets_docs_give_every_wire_shape() {
    let api = gadgets_api();
    let op = |name: &str| api.operations().find(|op| op.name == name).unwrap();
    let shapes = |name: &str| -> Vec<(String, String, &str, String)> {
        op(name)
            .params
            .iter()
            .map(|p| {
                (
                    p.name.clone(),
                    p.wire_name.clone(),
                    p.location.as_str(),
                    p.ty.to_string(),
                )
            })
            .collect()
    };
    let row = |name: &str, wire: &str, location: &'static str, ty: &str| {
        (name.to_owned(), wire.to_owned(), location, ty.to_owned())
    };
    assert_eq!(
        shapes("GetGadgets"),
        [row("ids", "ids", "path", "array<int64>")]
    );
    assert_eq!(
        shapes("ListGadgets"),
        [
            row("filter", "filter", "query", "map<string>"),
            row("matrix", "matrix", "query", "array<array<int32>>"),
            row("color", "color", "query", "Color"),
            row("colors", "colors", "query", "array<Color>"),
            row("tags", "tags", "query", "array<string>"),
            row("traceIds", "X-Trace-Ids", "header", "array<string>"),
        ]
    );
    assert_eq!(
        shapes("ListGadgetsByColor"),
        [row("color", "color", "path", "Color")]
    );
    assert!(op("SearchGadgets").params.iter().all(|p| p.required));
    let upload = op("UploadGadgetArchive");
    assert_eq!(upload.body, Body::Binary);
    assert_eq!(upload.content_type.as_deref(), Some("application/zip"));
    assert_eq!(
        shapes("UploadGadgetArchive"),
        [
            row("id", "id", "path", "int64"),
            row("archive", "archive", "body", "binary"),
        ]
    );
    let note = op("SetGadgetNote");
    assert_eq!(note.body, Body::Text);
    assert_eq!(note.content_type, None, "text/plain is the text default");
    assert_eq!(
        shapes("SetGadgetNote"),
        [
            row("id", "id", "path", "int64"),
            row("note", "note", "body", "string"),
        ]
    );
}

// The builders' natural Rust types (`impl IntoIterator<Item = i64>` for a path list,
// maps, lists of lists, enums, bytes, text) and their "Sent as" docs are the
// snapshot `it__generated__wire-styles.requests`; the crate's tests below send them.

#[test]
fn the_wire_styles_crate_passes_clippy_and_its_http_tests() {
    let api = gadgets_api();
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("wire-styles");
    write(&dir, &crate_files(&api, "wire-styles"));
    compile(&dir);
}

/// Issue 13: int64 offsets, page sizes and totals are used as they are (clippy's
/// `useless_conversion` refused `i64::from` on them); int32 ones are widened, and
/// narrowed back with an error past their range.
#[test]
fn paging_of_every_integer_width_passes_clippy_and_walks_every_page() {
    let api = &load_clean("paging-widths");
    let widths: Vec<(&str, String, String)> = api
        .operations()
        .map(|op| {
            assert!(op.paging.is_some(), "{} pages", op.name);
            let ty = |name: &str| {
                let param = op.params.iter().find(|p| p.name == name).unwrap();
                param.ty.to_string()
            };
            (op.name.as_str(), ty("offset"), ty("limit"))
        })
        .collect();
    let width =
        |name: &'static str, offset: &str, limit: &str| (name, offset.to_owned(), limit.to_owned());
    assert_eq!(
        widths,
        [
            width("ListSmallWidgets", "int32", "int32"),
            width("ListLargeWidgets", "int64", "int64"),
            width("ListPlainWidgets", "int32", "int32"),
            width("ListMixedWidgets", "int64", "int32"),
        ]
    );
    // int32 values are widened (and narrowed back with an error), int64 ones used
    // as they are, documented maxima are the default page size: the snapshot
    // `it__generated__paging-widths.requests`, walked page by page by the crate's tests.
    let files = crate_files(api, "paging-widths");
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("paging-widths");
    write(&dir, &files);
    compile(&dir);
}

fn write(dir: &Path, files: &[(String, String)]) {
    apibind::output::write_files(dir, files).unwrap();
}
