//! The rustdoc of each operation's method and setters: what the docs say, where each
//! parameter is sent, and the documented errors.

use super::params::{ParamCode, Shape};
use crate::emit::docs::Doc;
use crate::emit::models::code;
use crate::model::{Body, Location, Operation, ParamStyle, Statuses};

/// How the parameter travels, for "Sent as ...": where, and how its values are
/// written there.
fn sent_as(p: &ParamCode, op: &Operation) -> String {
    let wire = code(&p.param.wire_name);
    let binary = p.param.ty.is_binary();
    let reserved = match p.param.allow_reserved {
        true => ", reserved characters such as `/` and `?` left unencoded",
        false => "",
    };
    match (p.param.location, p.shape) {
        (Location::Path, Shape::List) => {
            format!("the path segment `{{{wire}}}`, the values joined by commas (`a,b`)")
        }
        (Location::Path, _) => format!("the path segment `{{{wire}}}`"),
        (Location::Query, Shape::One) => format!("the query parameter `{wire}`{reserved}"),
        (Location::Query, Shape::List) => match p.param.style {
            ParamStyle::CommaDelimited => format!(
                "the query parameter `{wire}`, once, the values joined by commas (`{wire}=a,b`){reserved}"
            ),
            ParamStyle::PipeDelimited => format!(
                "the query parameter `{wire}`, once, the values joined by `|` (`{wire}=a|b`){reserved}"
            ),
            ParamStyle::SpaceDelimited => format!(
                "the query parameter `{wire}`, once, the values joined by spaces (`{wire}=a%20b`){reserved}"
            ),
            ParamStyle::TabDelimited => format!(
                "the query parameter `{wire}`, once, the values joined by tabs (`{wire}=a%09b`){reserved}"
            ),
            _ => format!("the query parameter `{wire}`, once per value{reserved}"),
        },
        (Location::Query, Shape::Lists) => format!(
            "the query parameter `{wire}`, once per inner list, its values joined by commas (`{wire}=a,b&{wire}=c`)"
        ),
        (Location::Query, Shape::Map) => match p.param.style {
            ParamStyle::Flat => {
                "the query parameters `key=value`, one per entry, in key order".to_owned()
            }
            ParamStyle::CommaDelimited => format!(
                "the query parameter `{wire}`, once, keys and values joined by commas in key order (`{wire}=k1,v1,k2,v2`)"
            ),
            _ => format!("the query parameters `{wire}[key]=value`, one per entry, in key order"),
        },
        (Location::Header, Shape::List) => {
            format!("the header `{wire}`, the values joined by commas (`a,b`)")
        }
        (Location::Header, _) => format!("the header `{wire}`"),
        (Location::Cookie, Shape::List) => format!(
            "the cookie `{wire}` of the `Cookie` header, the values joined by commas (`{wire}=a,b`)"
        ),
        (Location::Cookie, _) => format!("the cookie `{wire}` of the `Cookie` header"),
        (Location::Form, Shape::List) => format!("the form field `{wire}`, once per value"),
        (Location::Form, _) => format!("the form field `{wire}`"),
        (Location::Multipart, Shape::List) if binary => {
            format!("the multipart file part `{wire}`, once per file")
        }
        (Location::Multipart, _) if binary => format!("the multipart file part `{wire}`"),
        (Location::Multipart, _) if p.is_json_part() => {
            format!("the multipart part `{wire}`, as JSON")
        }
        (Location::Multipart, Shape::List) => {
            format!("the multipart field `{wire}`, once per value")
        }
        (Location::Multipart, _) => format!("the multipart field `{wire}`"),
        (Location::Body, _) => match op.body {
            Body::Binary => format!(
                "the request body, as raw bytes of type `{}`",
                code(op.content_type.as_deref().unwrap_or("application/octet-stream"))
            ),
            Body::Text => format!(
                "the request body, as text of type `{}`",
                code(op.content_type.as_deref().unwrap_or("text/plain"))
            ),
            _ => "the JSON body".to_owned(),
        },
    }
}

/// A setter's doc: the parameter's description, where it is sent, its default.
pub fn param_doc(p: &ParamCode, op: &Operation) -> Doc {
    let param = p.param;
    let mut doc = match &param.description {
        Some(text) => Doc::new().prose(text),
        None => Doc::new().text(&format!("Sets `{}`.", code(&param.name))),
    };
    doc = doc.text(&format!("Sent as {}.", sent_as(p, op)));
    if let Some(default) = &param.default {
        doc = doc.text(&format!("The server's default: `{}`.", code(default)));
    }
    doc
}

/// A `Client` method's doc: summary, description, HTTP request, required
/// parameters, the builder it returns and the documented errors.
pub fn method_doc(op: &Operation, required: &[&ParamCode], builder: &str) -> Doc {
    let mut doc = Doc::new();
    if let Some(summary) = &op.summary {
        doc = doc.prose(summary);
    }
    if let Some(description) = &op.description {
        doc = doc.prose(description);
    }
    doc = doc.text(&format!(
        "`{} {}` (`{}` in the API docs).",
        op.method,
        code(&op.path),
        code(&op.name)
    ));
    if !required.is_empty() {
        doc = doc.section("Parameters");
        for p in required {
            let lead = format!("`{}`: ", p.field);
            let mut text = p.param.description.clone().unwrap_or_default();
            if !text.is_empty() && !text.ends_with('.') {
                text.push('.');
            }
            doc = doc.item(&lead, &text);
            doc = doc.item_suffix(&format!(" Sent as {}.", sent_as(p, op)));
        }
    }
    doc = doc.text(&format!(
        "Returns a [`{builder}`](crate::requests::{builder}): set optional parameters on it, then `.await` it."
    ));
    doc = doc.section("Errors");
    if op.errors.is_empty() {
        doc = doc.text("The API documents no particular error status for this operation.");
    } else {
        doc = doc.text(
            "The API documents these statuses, returned as [`Error::Api`](crate::Error::Api):",
        );
        for error in &op.errors {
            let statuses = match error.status {
                Statuses::Default => "Any other error status".to_owned(),
                statuses => statuses.to_string(),
            };
            doc = doc.item(&format!("{statuses}: "), &error.meaning);
        }
    }
    doc.text("Any other failure is an [`Error`](crate::Error) too.")
}
