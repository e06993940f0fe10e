//! The `mocks` module, behind the crate's `mock` feature: per operation, a method of
//! `mock::MockServer` taking the client method's arguments, and on its `Expectation`
//! the builder's optional parameters (and `returns_pages` for a paged operation).
//!
//! Everything delegates to the client's own code: the expectation holds the request
//! builder the client method returns, its setters are the builder's, and it is
//! encoded by the builder's `into_call`. So a mock matches exactly what the client
//! sends. The runtime half is `runtime/src/mock.rs`. Like the requests, the items
//! are written laid out as prettyplease would lay them out; `returns_pages`, written
//! rarely, is left to prettyplease.

use crate::emit::docs::Doc;
use crate::emit::naming::Names;
use crate::emit::print_parallel;
use crate::emit::requests::{allow_many_arguments, sender, walk, OperationShape};
use crate::emit::text::{optional_literal, string_literal, Code, Item};
use crate::emit::types::{rust_type, Scope};
use crate::model::{Api, Location, Operation};

/// What `mock::MockServer` defines itself: an operation's method of that name is
/// called `expect_{name}` instead.
const SERVER_METHODS: [&str; 4] = ["start", "client", "uri", "verify"];

/// What `mock::Expectation` defines itself (and `returns_pages`, generated for paged
/// operations): a setter of that name is called `{name}_param` instead.
const EXPECTATION_METHODS: [&str; 8] = [
    "new",
    "with",
    "times",
    "returns",
    "returns_status",
    "returns_error",
    "respond_pages",
    "returns_pages",
];

/// The source of `mocks.rs`.
pub fn emit(api: &Api, names: &Names) -> Result<String, String> {
    let operations: Vec<&Operation> = api.operations().collect();
    print_parallel(None, &operations, |op| operation(op, api, names))
}

/// The name of `op`'s method on `MockServer`.
pub fn server_method(op: &Operation, names: &Names) -> String {
    let method = names.method(&op.name);
    match SERVER_METHODS.contains(&method.as_str()) {
        true => format!("expect_{method}"),
        false => method,
    }
}

fn operation(op: &Operation, api: &Api, names: &Names) -> Vec<Item> {
    let shape = OperationShape::new(op, api, names);
    let expectation = format!(
        "crate::mock::Expectation<crate::requests::{}>",
        shape.builder
    );
    let mut items = vec![server_method_item(&shape, &expectation, names)];
    items.extend(expectation_item(&shape, &expectation, api, names));
    items
}

/// `impl MockServer { fn <operation>(&self, <required arguments>) -> Expectation }`.
fn server_method_item(shape: &OperationShape, expectation: &str, names: &Names) -> Item {
    let op = shape.op;
    let client_method = &shape.method;
    let doc = Doc::new()
        .text(&format!(
            "Expects a call of [`Client::{client_method}`](crate::Client::{client_method}) \
             with these arguments (`{} {}`).",
            op.method.as_str(),
            op.path.replace('`', "'")
        ))
        .text(
            "Set the optional parameters to expect on what it returns (one left unset \
             matches any value), then say how to answer: \
             [`returns`](crate::mock::Expectation::returns) and its siblings.",
        );
    let arguments: Vec<String> = shape.required().iter().map(|p| p.field.clone()).collect();
    let answer = match sender(op) {
        "send_json" => "json",
        "send_text" => "text",
        "send_bytes" => "bytes",
        _ => "empty",
    };
    let mut code = Code::new();
    code.line(0, "impl crate::mock::MockServer {");
    code.doc(4, &doc);
    allow_many_arguments(&mut code, shape);
    let mut parameters = vec!["&self".to_owned()];
    parameters.extend(shape.arguments());
    code.list(
        4,
        &format!("pub fn {}", server_method(op, names)),
        ("(", ")"),
        &parameters,
        &format!(" -> {expectation} {{"),
    );
    // prettyplease breaks a long call's method chain first: such a line (rare) is
    // left to it.
    code.line(
        8,
        &format!(
            "let request = self.client().{client_method}({});",
            arguments.join(", ")
        ),
    );
    let new_arguments = [
        "self".to_owned(),
        "request".to_owned(),
        format!("crate::requests::{}::into_call", shape.builder),
        format!("crate::mock::Reply::{answer}"),
    ];
    code.list(
        8,
        "crate::mock::Expectation::new",
        ("(", ")"),
        &new_arguments,
        "",
    );
    code.line(4, "}");
    code.line(0, "}");
    code.finish()
}

/// `impl Expectation<Builder>`: the builder's setters, and `returns_pages`; `None`
/// when it would be empty.
fn expectation_item(
    shape: &OperationShape,
    expectation: &str,
    api: &Api,
    names: &Names,
) -> Option<Item> {
    let builder = &shape.builder;
    let optional = shape.optional();
    let mut pages = Code::to_be_formatted();
    let paged = returns_pages(&mut pages, shape, api, names).is_some();
    if optional.is_empty() && !paged {
        return None;
    }
    let mut code = Code::new();
    code.line(0, &format!("impl {expectation} {{"));
    for p in optional {
        let setter = &p.field;
        let name = match EXPECTATION_METHODS.contains(&setter.as_str()) {
            true => format!("{setter}_param"),
            false => setter.clone(),
        };
        code.doc(
            4,
            &Doc::new().text(&format!(
                "Expects the value [`{builder}::{setter}`](crate::requests::{builder}::{setter}) \
                 sends; left unset, any value matches."
            )),
        );
        let arg = p.setter_arg();
        let parameters = ["self".to_owned(), format!("{arg}: {}", p.input())];
        code.list(
            4,
            &format!("pub fn {name}"),
            ("(", ")"),
            &parameters,
            " -> Self {",
        );
        code.line(8, &format!("self.with(|request| request.{setter}({arg}))"));
        code.line(4, "}");
    }
    if paged {
        // Written rarely: its layout is left to prettyplease.
        code.uncertain();
        code.append(pages);
    }
    code.line(0, "}");
    Some(code.finish())
}

/// `returns_pages`, when every page can be written from its records and total: the
/// offset and page size are query parameters and the page's other fields optional.
fn returns_pages(code: &mut Code, shape: &OperationShape, api: &Api, names: &Names) -> Option<()> {
    let op = shape.op;
    let paging = op.paging.as_ref()?;
    let walk = walk(op, &shape.params, api, names)?;
    let in_query = |location: Location| location == Location::Query;
    if !in_query(walk.offset.param.location) || !in_query(walk.limit.param.location) {
        return None;
    }
    let others_optional = walk.fields.iter().all(|f| {
        !f.required || f.name == walk.items.name || walk.total.is_some_and(|t| t.name == f.name)
    });
    if !others_optional || walk.fields.iter().any(|f| f.flatten) {
        return None;
    }
    let item_type = rust_type(walk.item_type, names, Scope::Crate);
    let doc = Doc::new().text(&format!(
        "Answers with the page of `items` each request asks for, as the API pages: from \
         the query's `{}` (0 when unset), `{}` records (when unset, {}).",
        walk.offset.param.wire_name.replace('`', "'"),
        walk.limit.param.wire_name.replace('`', "'"),
        match paging.max_limit {
            Some(max) => format!("{max}"),
            None => "every record".to_owned(),
        }
    ));
    code.doc(4, &doc);
    code.line(
        4,
        &format!("pub fn returns_pages(self, items: &[{item_type}]) -> crate::mock::Mocked {{"),
    );
    code.line(8, "self.respond_pages(items, crate::mock::PageShape {");
    code.line(
        12,
        &format!("offset: {},", string_literal(&walk.offset.param.wire_name)),
    );
    code.line(
        12,
        &format!("limit: {},", string_literal(&walk.limit.param.wire_name)),
    );
    code.line(
        12,
        &format!("items: {},", string_literal(&walk.items.json_name)),
    );
    code.line(
        12,
        &format!(
            "total: {},",
            optional_literal(walk.total.map(|t| t.json_name.as_str()))
        ),
    );
    code.line(
        12,
        &format!(
            "max_limit: {},",
            match paging.max_limit {
                Some(max) => format!("Some({max})"),
                None => "None".to_owned(),
            }
        ),
    );
    code.line(8, "})");
    code.line(4, "}");
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::requests::tests::api_with_every_width;

    /// The methods each runtime type defines in its `impl` block.
    fn methods_of(impl_header: &str) -> Vec<String> {
        let source = include_str!("../../runtime/src/mock.rs");
        let start = source.find(impl_header).expect(impl_header);
        let block = &source[start..];
        let block = &block[..block.find("\n}\n").expect("the block ends")];
        block
            .split("fn ")
            .skip(1)
            .filter_map(|rest| rest.split(['(', '<']).next())
            .map(str::to_owned)
            .collect()
    }

    /// Generated methods are renamed when the runtime type has one of that name: the
    /// lists must name every method the runtime defines.
    #[test]
    fn the_renaming_lists_name_every_runtime_method() {
        let server = methods_of("impl MockServer {");
        assert_eq!(server, SERVER_METHODS);
        let expectation = methods_of("impl<R: Answered> Expectation<R> {");
        assert_eq!(expectation, EXPECTATION_METHODS[..7]);
    }

    #[test]
    fn mocks_are_a_fixpoint_of_prettyplease() {
        let api = api_with_every_width();
        let names = Names::new(&api);
        let items: Vec<Item> = api
            .operations()
            .flat_map(|op| operation(op, &api, &names))
            .collect();
        let file = emit(&api, &names).expect("emitted");
        // Signatures and calls broken over lines are written as text too.
        let laid_out = [
            "(\n        &self,\n",
            "(\n        self,\n",
            "        crate::mock::Expectation::new(\n            self,\n",
        ];
        crate::emit::text::assert_fixpoint(&items, &file, 800, &laid_out);
    }
}
