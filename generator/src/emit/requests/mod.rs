//! The `requests` module: the API's constructors on `Client`, one method per operation
//! and one request builder per operation.
//!
//! Required parameters are the method's arguments, optional ones are setters on the
//! builder, and awaiting the builder sends the request (`IntoFuture`). All encoding
//! is done by the runtime; each operation only lists its parameters. Each item is
//! written once, as text (see [`crate::emit::text`]).

mod docs;
mod header;
mod paging;
mod params;

use crate::emit::docs::Doc;
use crate::emit::models::code;
use crate::emit::naming::Names;
use crate::emit::print_parallel;
use crate::emit::text::{is_string_literal, optional_literal, string_literal, Code, Item};
use crate::emit::types::{rust_type, Scope};
use crate::model::{Api, Body, Operation, TypeRef};

use docs::{method_doc, param_doc};
pub(crate) use paging::walk;
pub(crate) use params::param_codes;
use params::ParamCode;

/// The source of `requests.rs`: the API's constructors, then each operation's
/// `Client` method followed by its request builder, so that everything about one
/// operation reads in one place. Operations are printed in parallel.
pub fn emit(api: &Api, names: &Names) -> Result<String, String> {
    let operations: Vec<&Operation> = api.operations().collect();
    print_parallel(Some(header::header(api)), &operations, |op| {
        operation(op, api, names)
    })
}

/// What the client's call of one operation looks like in Rust: the method, the
/// builder, the parameters (required ones are the method's arguments, optional ones
/// the builder's setters) and what awaiting it gives. The client's requests, their
/// mocks and the crate's API surface are all made from it.
pub(crate) struct OperationShape<'a> {
    /// The operation.
    pub op: &'a Operation,
    /// The `Client` method's name.
    pub method: String,
    /// The request builder's name.
    pub builder: String,
    /// Every parameter, in the order the builder holds them.
    pub params: Vec<ParamCode<'a>>,
    /// The type the request resolves to, `()` for none.
    pub output: String,
}

impl<'a> OperationShape<'a> {
    pub(crate) fn new(op: &'a Operation, api: &Api, names: &Names) -> Self {
        OperationShape {
            op,
            method: names.method(&op.name),
            builder: names.builder(&op.name),
            params: param_codes(api, op, names),
            output: match &op.returns {
                Some(ty) => rust_type(ty, names, Scope::Crate),
                None => "()".to_owned(),
            },
        }
    }

    /// The method's arguments.
    pub(crate) fn required(&self) -> Vec<&ParamCode<'a>> {
        self.params.iter().filter(|p| p.param.required).collect()
    }

    /// The builder's setters.
    pub(crate) fn optional(&self) -> Vec<&ParamCode<'a>> {
        self.params.iter().filter(|p| !p.param.required).collect()
    }

    /// The `Client` method's argument list after `&self`: `name: type`.
    pub(crate) fn arguments(&self) -> Vec<String> {
        let required = self.required();
        required
            .iter()
            .map(|p| format!("{}: {}", p.field, p.input()))
            .collect()
    }
}

/// The items of one operation: the `Client` method, the builder struct, its setters,
/// its paging methods, its encoding and its `IntoFuture`.
fn operation(op: &Operation, api: &Api, names: &Names) -> Vec<Item> {
    let shape = OperationShape::new(op, api, names);
    let OperationShape {
        method,
        builder,
        params,
        output,
        ..
    } = &shape;
    let required = shape.required();
    let optional = shape.optional();
    let doc = method_doc(op, &required, builder);
    let mut items = vec![
        client_method(&doc, &shape),
        builder_struct(op, method, builder, params),
    ];
    if !optional.is_empty() {
        items.push(setters(builder, &optional, op));
    }
    items.extend(paging::paging_methods(op, params, builder, api, names));
    items.push(into_call(op, params, builder));
    items.push(into_future(op, builder, output));
    items
}

/// `impl Client` with the operation's method, which takes the required parameters
/// and returns the builder.
fn client_method(doc: &Doc, shape: &OperationShape) -> Item {
    let (method, builder, params) = (&shape.method, &shape.builder, &shape.params);
    let mut code = Code::new();
    code.line(0, "impl crate::Client {");
    code.doc(4, doc);
    allow_many_arguments(&mut code, shape);
    let mut args = vec!["&self".to_owned()];
    args.extend(shape.arguments());
    let returns = format!(" -> crate::requests::{builder} {{");
    code.list(4, &format!("pub fn {method}"), ("(", ")"), &args, &returns);
    code.line(8, &format!("crate::requests::{builder} {{"));
    code.line(12, "client: self.clone(),");
    for p in params {
        let field = &p.field;
        if !p.param.required {
            code.line(12, &format!("{field}: None,"));
            continue;
        }
        if !p.conversion_is_laid_out() {
            code.uncertain();
        }
        match p.convert(field) {
            Some(value) => code.line(12, &format!("{field}: {value},")),
            None => code.line(12, &format!("{field},")),
        }
    }
    code.line(8, "}");
    code.line(4, "}");
    code.line(0, "}");
    code.finish()
}

/// Allows clippy's `too_many_arguments` on a method taking the operation's
/// required parameters after `&self`.
pub(crate) fn allow_many_arguments(code: &mut Code, shape: &OperationShape) {
    code.allow_many_arguments(4, shape.required().len() + 1, "parameters");
}

/// The builder struct: the client and every parameter, optional ones in `Option`.
fn builder_struct(op: &Operation, method: &str, builder: &str, params: &[ParamCode]) -> Item {
    let doc = Doc::new()
        .text(&format!(
            "A `{}` request: set its optional parameters, then `.await` it.",
            code(&op.name)
        ))
        .text(&format!(
            "Made by [`Client::{method}`](crate::Client::{method})."
        ));
    let mut code = Code::new();
    code.doc(0, &doc);
    code.line(0, "#[derive(Clone, Debug)]");
    code.line(
        0,
        "#[must_use = \"a request does nothing until it is awaited\"]",
    );
    code.line(0, &format!("pub struct {builder} {{"));
    code.line(4, "client: crate::Client,");
    for p in params {
        match p.param.required {
            true => code.line(4, &format!("{}: {},", p.field, p.ty)),
            false => code.line(4, &format!("{}: Option<{}>,", p.field, p.ty)),
        }
    }
    code.line(0, "}");
    code.finish()
}

/// The builder's `impl` block of setters, one per optional parameter.
fn setters(builder: &str, optional: &[&ParamCode], op: &Operation) -> Item {
    let mut code = Code::new();
    code.line(0, &format!("impl {builder} {{"));
    for p in optional {
        code.doc(4, &param_doc(p, op));
        let arg = p.setter_arg();
        let args = ["mut self".to_owned(), format!("{arg}: {}", p.input())];
        code.list(
            4,
            &format!("pub fn {}", p.field),
            ("(", ")"),
            &args,
            " -> Self {",
        );
        if !p.conversion_is_laid_out() {
            code.uncertain();
        }
        let value = p.convert(arg).unwrap_or_else(|| arg.to_owned());
        code.line(8, &format!("self.{} = Some({value});", p.field));
        code.line(8, "self");
        code.line(4, "}");
    }
    code.line(0, "}");
    code.finish()
}

/// The builder's encoding, `into_call`: the operation's spec for the runtime, then
/// each parameter added to the call. Sending it and mocking it both start here.
fn into_call(op: &Operation, params: &[ParamCode], builder: &str) -> Item {
    let mut code = Code::new();
    code.line(0, &format!("impl {builder} {{"));
    code.doc(4, &Doc::new().text("The request as the runtime sends it."));
    code.line(
        4,
        "pub(crate) fn into_call(self) -> crate::request::Encoded {",
    );
    code.line(
        8,
        "static OPERATION: crate::request::OperationSpec = crate::request::OperationSpec {",
    );
    let field = |code: &mut Code, name: &str, value: &str| match is_string_literal(value) {
        true => code.whole_line(12, &format!("{name}: {value},")),
        false => code.line(12, &format!("{name}: {value},")),
    };
    field(&mut code, "name", &string_literal(&op.name));
    // `reqwest::Method`'s constants are named like the method on the wire.
    field(
        &mut code,
        "method",
        &format!("reqwest::Method::{}", op.method.as_str()),
    );
    field(&mut code, "path", &string_literal(&op.path));
    field(
        &mut code,
        "body",
        &format!("crate::request::BodyKind::{}", body_kind(op.body)),
    );
    field(&mut code, "accept", &optional_literal(op.accept.as_deref()));
    field(
        &mut code,
        "content_type",
        &optional_literal(op.content_type.as_deref()),
    );
    let errors: Vec<Vec<String>> = op
        .errors
        .iter()
        .map(|e| {
            vec![
                string_literal(&e.status.to_string()),
                string_literal(&e.meaning),
            ]
        })
        .collect();
    code.nested_list(12, "errors: &", ("[", "]"), &errors, ("(", ")"), ",");
    match &op.security {
        None => field(&mut code, "security", "API_SECURITY"),
        Some(own) => {
            let alternatives: Vec<Vec<String>> = own
                .iter()
                .map(|names| names.iter().map(|n| string_literal(n)).collect())
                .collect();
            code.nested_list(
                12,
                "security: &",
                ("[", "]"),
                &alternatives,
                ("&[", "]"),
                ",",
            );
        }
    }
    code.line(8, "};");
    match params.is_empty() {
        true => code.line(8, "let call = crate::request::Call::default();"),
        false => code.line(8, "let mut call = crate::request::Call::default();"),
    }
    for p in params {
        let (method, args) = p.add_to_call(op.body);
        code.list(8, &format!("call.{method}"), ("(", ")"), &args, ";");
    }
    code.line(8, "(self.client, &OPERATION, call)");
    code.line(4, "}");
    code.line(0, "}");
    code.finish()
}

/// The builder's `IntoFuture`: its call, sent by the client's sender for its answer.
fn into_future(op: &Operation, builder: &str, output: &str) -> Item {
    let mut code = Code::new();
    code.line(0, &format!("impl std::future::IntoFuture for {builder} {{"));
    code.list(
        4,
        "type Output = Result",
        ("<", ">"),
        &[output.to_owned(), "crate::Error".to_owned()],
        ";",
    );
    code.list(
        4,
        "type IntoFuture = crate::requests::ResponseFuture",
        ("<", ">"),
        &[output.to_owned()],
        ";",
    );
    code.line(4, "fn into_future(self) -> Self::IntoFuture {");
    code.line(8, "let (client, operation, call) = self.into_call();");
    code.line(8, &format!("client.{}(operation, call)", sender(op)));
    code.line(4, "}");
    code.line(0, "}");
    code.finish()
}

/// The client's method that sends `op` and decodes its answer.
pub(crate) fn sender(op: &Operation) -> &'static str {
    // Text (`text/plain`, `text/csv`...) is returned as it is, any invalid UTF-8
    // replaced; JSON is decoded; bytes are returned as they are.
    let text = op.returns == Some(TypeRef::String)
        && op.accept.as_deref().is_some_and(|a| a.starts_with("text/"));
    match op.returns {
        _ if text => "send_text",
        Some(TypeRef::Binary) => "send_bytes",
        Some(_) => "send_json",
        None => "send_empty",
    }
}

/// The runtime's `BodyKind` variant for `body`.
fn body_kind(body: Body) -> &'static str {
    match body {
        Body::None => "None",
        Body::Json => "Json",
        Body::Form => "Form",
        Body::Multipart => "Multipart",
        Body::Binary => "Binary",
        Body::Text => "Text",
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An API whose optional and required parameters, of every type a setter
    /// takes, have names of every length from short to past prettyplease's margin.
    pub(crate) fn api_with_every_width() -> Api {
        let kinds = [
            "type: string",
            "type: integer",
            "type: boolean",
            "type: string\n            enum: [a, b]",
            "type: array\n            items: {type: string}",
            "type: array\n            items: {type: integer, format: int64}",
            "type: array\n            items: {type: array, items: {type: string}}",
            "type: object\n            additionalProperties: {type: string}",
        ];
        let mut spec = String::from("openapi: 3.0.0\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://x.test'}]\npaths:\n");
        // One operation per type and length: each setter block is laid out alone.
        for (k, kind) in kinds.iter().enumerate() {
            for len in 1..=70 {
                let name = format!("p{}", "x".repeat(len));
                spec.push_str(&format!(
                    "  /k{k}/{len}:\n    get:\n      operationId: op{k}x{len}\n      parameters:\n"
                ));
                for (prefix, required) in [("", false), ("r", true)] {
                    spec.push_str(&format!(
                        "        - name: {prefix}{name}\n          in: query\n          required: {required}\n          description: 'Sets {name}.'\n          schema:\n            {kind}\n"
                    ));
                }
                spec.push_str("      responses: {'200': {description: ok}}\n");
            }
        }
        // Every place a parameter goes, every body, errors and security of every
        // length.
        for len in 1..=60 {
            let name = "w".repeat(len);
            // Non-ASCII text is wider in bytes, which is what prettyplease measures.
            let meaning = format!("{}{}", "m".repeat(len), "é".repeat(len));
            spec.push_str(&format!("  /loc{len}/{{{name}}}:\n    post:\n      operationId: loc{len}\n      parameters:\n"));
            for (location, schema) in [
                ("path", "{type: string}"),
                ("header", "{type: array, items: {type: string}}"),
                ("cookie", "{type: integer}"),
            ] {
                spec.push_str(&format!("        - {{name: {name}, in: {location}, required: true, schema: {schema}}}\n"));
            }
            spec.push_str(&format!(
                "        - {{name: q{name}, in: query, style: pipeDelimited, explode: false, schema: {{type: array, items: {{type: string}}}}}}\n\
                 \x20       - {{name: d{name}, in: query, style: deepObject, schema: {{type: object, additionalProperties: {{type: string}}}}}}\n\
                 \x20     requestBody:\n        required: true\n        content:\n          application/json:\n            schema: {{type: object, properties: {{a: {{type: string}}}}}}\n\
                 \x20     security: [{{k{name}: []}}, {{}}]\n\
                 \x20     responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {{type: string}}}}}}}}\n\
                 \x20       '404': {{description: {meaning}}}\n        '409': {{description: 'x {meaning}'}}\n"
            ));
            spec.push_str(&format!(
                "  /up{len}:\n    put:\n      operationId: up{len}{name}\n      requestBody:\n        content:\n          multipart/form-data:\n\
                 \x20           schema:\n              type: object\n              properties:\n                f{name}: {{type: string, format: binary}}\n\
                 \x20               g{name}: {{type: array, items: {{type: string, format: binary}}}}\n                h{name}: {{type: string}}\n\
                 \x20     responses:\n        '204': {{description: done}}\n\
                 \x20 /bin{len}:\n    put:\n      operationId: bin{len}{name}\n      requestBody:\n        content:\n          application/octet-stream:\n\
                 \x20           schema: {{type: string, format: binary}}\n\
                 \x20     responses:\n        '200': {{description: ok, content: {{application/octet-stream: {{schema: {{type: string, format: binary}}}}}}}}\n"
            ));
        }
        // Methods with no argument but `&self`.
        for len in 40..=90 {
            let id = format!("bare{}", "z".repeat(len));
            spec.push_str(&format!("  /bare/{len}:\n    get:\n      operationId: {id}\n      responses: {{'200': {{description: ok}}}}\n"));
            // Models with names long enough to break `type Output`.
            let model = format!("R{}", "r".repeat(len - 30));
            spec.push_str(&format!("  /ret/{len}:\n    get:\n      operationId: ret{len}\n      responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/{model}'}}}}}}}}}}\n"));
        }
        spec.push_str("components:\n  securitySchemes:\n");
        for len in 1..=60 {
            spec.push_str(&format!(
                "    k{}: {{type: apiKey, in: header, name: X-K}}\n",
                "w".repeat(len)
            ));
        }
        spec.push_str("  schemas:\n");
        for len in 40..=90 {
            let model = format!("R{}", "r".repeat(len - 30));
            spec.push_str(&format!(
                "    {model}: {{type: object, properties: {{a: {{type: string}}}}}}\n"
            ));
        }
        let api = crate::testing::load_spec(&spec);
        assert_eq!(api.operations().count(), 8 * 70 + 3 * 60 + 2 * 51);
        api
    }

    #[test]
    fn requests_are_a_fixpoint_of_prettyplease() {
        let api = api_with_every_width();
        let names = Names::new(&api);
        let items: Vec<Item> = api
            .operations()
            .flat_map(|op| operation(op, &api, &names))
            .collect();
        let file = emit(&api, &names).expect("emitted");
        // Most blocks are written as text, broken signatures included.
        let laid_out = [
            "(\n        mut self,\n",
            "(\n        &self,\n",
            "            errors: &[\n                (\n",
            "        call.add_delimited(\n",
            "        call.file(",
            "security: &[&[",
            "    type Output = Result<\n",
        ];
        crate::emit::text::assert_fixpoint(&items, &file, 900, &laid_out);
    }
}
