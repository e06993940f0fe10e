//! Responses: the success response gives the return type and the media type the
//! client asks for; every documented 4xx and 5xx status, `4XX` and `5XX` class and,
//! beside a success, the `default` response is an error entry whose meaning is the
//! response's description.
//!
//! A JSON success of any schema is decoded; `text/*` of a string schema (or none) is
//! returned as a `String`; anything else (bytes, images, XML, text of another schema)
//! as its bytes.

use super::context::{Resolved, Spec, Version, SPEC_FACT};
use super::node::Node;
use crate::media::MediaClass;
use crate::model::{ErrorStatus, Statuses, TypeRef};

/// What an operation's responses say.
#[derive(Default)]
pub(super) struct Outcome {
    /// The decoded type of a success, `None` without a body.
    pub returns: Option<TypeRef>,
    /// The media type to ask for.
    pub accept: Option<String>,
    /// Documented error statuses, in spec order.
    pub errors: Vec<ErrorStatus>,
}

/// Whether a `text/*` response of `schema` is simple text: no schema, an empty one,
/// or a string that is not `format: binary`.
fn is_plain_text(schema: Option<&Node<'_>>) -> bool {
    let Some(schema) = schema else {
        return true;
    };
    let structured = ["$ref", "properties", "items", "allOf", "oneOf", "anyOf"]
        .iter()
        .any(|key| schema.get(key).is_some());
    matches!(schema.get_str("type"), None | Some("string"))
        && schema.get_str("format") != Some("binary")
        && !structured
}

/// A key of the `responses` map.
enum StatusKey {
    Code(u16),
    /// `2XX`, `4XX`...: the class digit.
    Range(char),
    Default,
    Invalid,
}

fn status_key(key: &str) -> StatusKey {
    if key == "default" {
        return StatusKey::Default;
    }
    let mut chars = key.chars();
    match (chars.next(), chars.as_str()) {
        (Some(class @ '1'..='5'), "XX" | "xx") => StatusKey::Range(class),
        _ => match key.parse::<u16>() {
            Ok(code) if (100..600).contains(&code) => StatusKey::Code(code),
            _ => StatusKey::Invalid,
        },
    }
}

/// An operation's responses, sorted.
struct Sorted<'a> {
    /// The lowest 2xx (or `2XX`), with its code.
    success: Option<(u16, Node<'a>)>,
    /// The `default` response, and where it is listed.
    fallback: Option<Node<'a>>,
    fallback_site: Option<Node<'a>>,
    errors: Vec<ErrorStatus>,
}

impl<'a> Spec<'a> {
    /// The return type, accepted media type and error statuses of `op`.
    pub fn responses(&mut self, op: &Node<'a>, op_name: &str) -> Outcome {
        let Some(responses) = op.get("responses") else {
            return Outcome::default();
        };
        let mut sorted = self.sort_responses(&responses);
        let chosen = match (sorted.success, sorted.fallback) {
            (Some((_, response)), fallback) => {
                // Beside a success, `default` documents every other (error) status.
                if let (Some(fallback), Some(site)) = (fallback, &sorted.fallback_site) {
                    let error = self.error_status(Statuses::Default, &fallback, site);
                    sorted.errors.push(error);
                }
                Some(response)
            }
            (None, Some(response)) => {
                self.note(
                    &response.pointer,
                    format!("`{op_name}` documents no success status: its `default` response is taken as the success"),
                );
                Some(response)
            }
            (None, None) => None,
        };
        let (returns, accept) = match (chosen, self.version) {
            (None, _) => (None, None),
            (Some(chosen), Version::V3) => self.success_v3(&chosen, op_name),
            (Some(chosen), Version::V2) => self.success_v2(op, &chosen, op_name),
        };
        Outcome {
            returns,
            accept,
            errors: sorted.errors,
        }
    }

    fn sort_responses(&mut self, responses: &Node<'a>) -> Sorted<'a> {
        let mut sorted = Sorted {
            success: None,
            fallback: None,
            fallback_site: None,
            errors: Vec::new(),
        };
        for (key, site) in responses.entries() {
            if key.starts_with("x-") {
                continue;
            }
            let response = match self.resolve(&site) {
                Resolved::Found(response) => response,
                Resolved::Missing(text) => {
                    self.error(
                        &site.pointer,
                        format!("`$ref: {text}` points at no response"),
                    );
                    continue;
                }
                Resolved::Invalid => continue,
            };
            match status_key(&key) {
                StatusKey::Code(code @ 200..=299) => {
                    if sorted.success.as_ref().is_none_or(|(best, _)| code < *best) {
                        sorted.success = Some((code, response));
                    }
                }
                // A `2XX` range stands for any success, after the exact codes.
                StatusKey::Range('2') if sorted.success.is_none() => {
                    sorted.success = Some((299, response));
                }
                StatusKey::Code(code @ 400..=599) => {
                    sorted
                        .errors
                        .push(self.error_status(Statuses::Code(code), &response, &site));
                }
                StatusKey::Range(class @ ('4' | '5')) => {
                    let class = if class == '4' { 4 } else { 5 };
                    sorted
                        .errors
                        .push(self.error_status(Statuses::Class(class), &response, &site));
                }
                StatusKey::Default => {
                    sorted.fallback = Some(response);
                    sorted.fallback_site = Some(site);
                }
                StatusKey::Invalid => self.warn(
                    &site.pointer,
                    format!("`{key}` is not an HTTP status: the response is left out"),
                ),
                // 1xx and 3xx never reach the caller as a result.
                StatusKey::Code(_) | StatusKey::Range(_) => {}
            }
        }
        sorted
    }

    /// The error entry for `statuses`, meaning what `response` (written at `site`)
    /// says.
    fn error_status(
        &self,
        statuses: Statuses,
        response: &Node<'a>,
        site: &Node<'a>,
    ) -> ErrorStatus {
        ErrorStatus {
            status: statuses,
            meaning: response.get_prose("description").unwrap_or_default(),
            source: SPEC_FACT,
            at: self.at(&site.pointer),
        }
    }

    fn success_v3(
        &mut self,
        response: &Node<'a>,
        op_name: &str,
    ) -> (Option<TypeRef>, Option<String>) {
        let Some(content) = response.get("content").filter(|c| !c.entries().is_empty()) else {
            return (None, None);
        };
        let offered = self.offered(&content);
        let what = format!("the response of `{op_name}`");
        let Some(choice) = self.choose_media(offered, &content, &what) else {
            return (None, None);
        };
        let schema = choice.node.get("schema");
        let returns = match choice.class {
            MediaClass::Json => match schema {
                Some(schema) => self.schema_type(&schema, &format!("{op_name}Response")),
                None => TypeRef::Any,
            },
            MediaClass::Text if is_plain_text(schema.as_ref()) => TypeRef::String,
            _ => self.raw_response(&choice.node, &choice.media, choice.class),
        };
        (Some(returns), Some(choice.media))
    }

    /// A success that is not JSON is returned as its bytes.
    fn raw_response(&mut self, node: &Node<'a>, media: &str, class: MediaClass) -> TypeRef {
        if class != MediaClass::Binary {
            self.note(
                &node.pointer,
                format!("a `{media}` response is not JSON: the client returns its bytes"),
            );
        }
        TypeRef::Binary
    }

    fn success_v2(
        &mut self,
        op: &Node<'a>,
        response: &Node<'a>,
        op_name: &str,
    ) -> (Option<TypeRef>, Option<String>) {
        let Some(schema) = response.get("schema") else {
            return (None, None);
        };
        let ty = self.schema_type(&schema, &format!("{op_name}Response"));
        // The spec-wide list is noted once, not once per operation.
        let (produces, what) = match op.get("produces") {
            Some(own) => (Some(own), format!("the response of `{op_name}`")),
            None => (self.root.get("produces"), "every response".to_owned()),
        };
        let choice = produces.and_then(|list| {
            let offered = self.offered(&list);
            self.choose_media(offered, &list, &what)
        });
        match choice {
            // Swagger 2.0 has no default media type; JSON is what APIs mean by omission.
            None => (Some(ty), Some("application/json".to_owned())),
            Some(choice) if choice.class == MediaClass::Json => (Some(ty), Some(choice.media)),
            Some(choice) if ty == TypeRef::Binary => (Some(ty), Some(choice.media)),
            Some(choice) if choice.class == MediaClass::Text && ty == TypeRef::String => {
                (Some(ty), Some(choice.media))
            }
            Some(choice) => {
                let ty = self.raw_response(&choice.node, &choice.media, choice.class);
                (Some(ty), Some(choice.media))
            }
        }
    }
}
