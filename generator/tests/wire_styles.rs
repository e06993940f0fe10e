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

use apibind::model::{Api, Body};
use apibind::Config;
use common::{compile, crate_files, file, fixture, problems, squeezed};

mod common;

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

/// The builders take natural Rust types and document how each value is written.
#[test]
fn builders_take_natural_types_and_say_how_values_travel() {
    let api = gadgets_api();
    let files = crate_files(&api, "wire-styles");
    let requests = file(&files, "src/requests.rs");
    let code = squeezed(requests);
    for expected in [
        "pubfnget_gadgets(&self,ids:implIntoIterator<Item=i64>)",
        "pubfnfilter(mutself,entries:implIntoIterator<Item=(implInto<String>,implInto<String>)>)",
        "pubfnmatrix(mutself,values:implIntoIterator<Item=implIntoIterator<Item=i32>>)",
        "pubfncolor(mutself,value:crate::models::Color)",
        "pubfncolors(mutself,values:implIntoIterator<Item=crate::models::Color>)",
        "pubfnlist_gadgets_by_color(&self,color:crate::models::Color)",
        "archive:implInto<Vec<u8>>",
        "pubfnnote(mutself,value:implInto<String>)",
        "filter:std::collections::BTreeMap<String,String>,",
        "matrix:Vec<Vec<i32>>,",
        "call.add_joined(crate::request::Place::Path,\"ids\",std::iter::once(&self.ids));",
        "call.add_joined(crate::request::Place::Header,\"X-Trace-Ids\",self.trace_ids.iter());",
        "call.add_joined(crate::request::Place::Query,\"matrix\",self.matrix.iter().flatten());",
        "call.add_entries(\"filter\",self.filter.iter().flatten());",
        "call.add_entries(\"filter\",self.filter.iter());",
        "call.bytes(Some(&self.archive));",
        "call.text(self.note.as_ref());",
        "content_type:Some(\"application/zip\")",
    ] {
        assert!(code.contains(expected), "no `{expected}` in\n{requests}");
    }
    for doc in [
        "Sent as the path segment `{ids}`, the values joined by commas (`a,b`).",
        "Sent as the header `X-Trace-Ids`, the values joined by commas (`a,b`).",
        "Sent as the query parameters `filter[key]=value`, one per entry, in key order.",
        "Sent as the query parameter `tags`, once per value.",
        "Sent as the query parameter `color`.",
        "Sent as the request body, as raw bytes of type `application/zip`.",
        "Sent as the request body, as text of type `text/plain`.",
    ] {
        assert!(requests.contains(doc), "no `{doc}` in\n{requests}");
    }
    assert!(
        code.contains(&squeezed(
            "Sent as the query parameter `matrix`, once per inner list, its values joined by commas (`matrix=a,b&matrix=c`)."
        )),
        "{requests}"
    );
}

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
    let files = crate_files(api, "paging-widths");
    let requests = file(&files, "src/requests.rs");
    let code = squeezed(requests);
    for expected in [
        // int32, optional: widened, the documented maximum as the default.
        "letoffset=self.offset.map_or(0,i64::from);letlimit=self.limit.map(i64::from).or(Some(100i64));",
        // int64, optional: as it is.
        "letoffset=self.offset.unwrap_or(0);letlimit=self.limit.or(Some(500i64));",
        "|page:&crate::models::LargePage|(page.records.len(),Some(page.count))",
        // Plain `int`, required.
        "letoffset=i64::from(self.offset);letlimit=Some(i64::from(self.limit));",
        "page.count.map(i64::from)",
        // int64 offset, int32 limit.
        "letoffset=self.offset;letlimit=self.limit.map(i64::from);",
    ] {
        assert!(code.contains(expected), "no `{expected}` in\n{requests}");
    }
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("paging-widths");
    write(&dir, &files);
    compile(&dir);
}

fn write(dir: &Path, files: &[(String, String)]) {
    apibind::output::write_files(dir, files).unwrap();
}
