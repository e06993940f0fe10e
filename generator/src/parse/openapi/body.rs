//! Request bodies: OpenAPI 3's `requestBody` and Swagger 2.0's `in: body` and
//! `in: formData` parameters. A JSON body is one `body` parameter of any schema; a
//! form or multipart body is one parameter per property (per `formData` parameter in
//! 2.0). Bytes (`application/octet-stream`, `application/zip`, `image/*`, a `type:
//! string, format: binary` schema) and text (`text/*`) are one `body` parameter sent as
//! it is, with its media type; a media type the client does not know (XML...) is sent
//! as the caller's raw bytes with that type.

use super::context::{Resolved, Spec, Version};
use super::media::Choice;
use super::models::Merged;
use super::names::{lower_camel, param_name, upper_camel};
use super::node::Node;
use super::params::{is_scalar, Listed, OperationParams};
use super::types::{default_text, is_nullable};
use crate::media::{self, classify, MediaClass};
use crate::model::{Body, Location, Param, ParamStyle, TypeRef};

/// The media type of raw bytes the model records ([`media::recorded`]).
fn raw_content_type(media: &str) -> Option<String> {
    media::recorded(Body::Binary, media)
}

/// The media type of text the model records ([`media::recorded`]).
fn text_content_type(media: &str) -> Option<String> {
    media::recorded(Body::Text, media)
}

/// Whether `schema` is written as raw bytes: `type: string, format: binary`.
fn is_binary_schema(schema: Option<&Node<'_>>) -> bool {
    schema.is_some_and(|schema| {
        schema.get_str("type") == Some("string") && schema.get_str("format") == Some("binary")
    })
}

/// A request body: its encoding, the parameters that fill it and, for bytes and
/// text, its media type when it is not the encoding's default.
pub(super) type RequestBody = (Body, Vec<Param>, Option<String>);

fn no_body() -> RequestBody {
    (Body::None, Vec::new(), None)
}

impl<'a> Spec<'a> {
    /// The body encoding of `op`, the parameters that fill it and its media type
    /// (for [`Operation::content_type`](crate::model::Operation::content_type)).
    pub fn request_body(
        &mut self,
        op: &Node<'a>,
        op_name: &str,
        params: &OperationParams<'a>,
    ) -> RequestBody {
        match self.version {
            Version::V3 => self.body_v3(op, op_name),
            Version::V2 => self.body_v2(op, op_name, params),
        }
    }

    fn body_v3(&mut self, op: &Node<'a>, op_name: &str) -> RequestBody {
        let Some(site) = op.get("requestBody") else {
            return no_body();
        };
        let body = match self.resolve(&site) {
            Resolved::Found(body) => body,
            Resolved::Missing(text) => {
                self.error(
                    &site.pointer,
                    format!("`$ref: {text}` points at no request body"),
                );
                return no_body();
            }
            Resolved::Invalid => return no_body(),
        };
        let content = body.get("content").filter(|c| !c.entries().is_empty());
        let Some(content) = content else {
            self.warn(
                &body.pointer,
                "the request body has no `content`: no body is sent",
            );
            return no_body();
        };
        let offered = self.offered(&content);
        let what = format!("the request body of `{op_name}`");
        let Some(choice) = self.choose_media(offered, &content, &what) else {
            return no_body();
        };
        let required = body.get_bool("required") == Some(true);
        let schema = choice.node.get("schema");
        let raw = |spec: &mut Self, kind: Body, ty: TypeRef, content_type: Option<String>| {
            let param = spec.json_body(op, &body, &site, ty, required);
            (kind, vec![param], content_type)
        };
        match choice.class {
            MediaClass::Json => {
                let ty = match &schema {
                    Some(schema) => self.schema_type(schema, &format!("{op_name}Request")),
                    None => TypeRef::Any,
                };
                // `*/*` (or JSON) of `format: binary`: the bytes are the body.
                if ty == TypeRef::Binary {
                    return raw(self, Body::Binary, ty, raw_content_type(&choice.media));
                }
                raw(self, Body::Json, ty, None)
            }
            MediaClass::Form => (
                Body::Form,
                self.form_fields(&choice, schema, Location::Form, op_name),
                None,
            ),
            MediaClass::Multipart => (
                Body::Multipart,
                self.form_fields(&choice, schema, Location::Multipart, op_name),
                None,
            ),
            MediaClass::Text if !is_binary_schema(schema.as_ref()) => raw(
                self,
                Body::Text,
                TypeRef::String,
                text_content_type(&choice.media),
            ),
            class => {
                if class == MediaClass::Other {
                    self.raw_note(&choice);
                }
                raw(
                    self,
                    Body::Binary,
                    TypeRef::Binary,
                    raw_content_type(&choice.media),
                )
            }
        }
    }

    /// A body of a media type the client cannot encode is the caller's bytes.
    fn raw_note(&mut self, choice: &Choice<'a>) {
        self.note(
            &choice.node.pointer,
            format!(
                "a `{}` request body is sent as the caller's raw bytes, with that content type",
                choice.media
            ),
        );
    }

    fn unsupported_body(&mut self, choice: &Choice<'a>) {
        self.error(
            &choice.node.pointer,
            format!(
                "a `{}` request body cannot be an `in: body` parameter: list the fields as `in: formData` parameters",
                choice.media
            ),
        );
    }

    /// The one parameter of a JSON body. Its name is openapi-generator's: the
    /// `x-codegen-request-body-name`, else the model's name, else `body`.
    fn json_body(
        &mut self,
        op: &Node<'a>,
        body: &Node<'a>,
        site: &Node<'a>,
        ty: TypeRef,
        required: bool,
    ) -> Param {
        let name = op
            .get_str("x-codegen-request-body-name")
            .or_else(|| body.get_str("x-codegen-request-body-name"))
            .map(lower_camel)
            .or_else(|| ty.named().map(lower_camel))
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| "body".to_owned());
        Param {
            wire_name: name.clone(),
            name,
            location: Location::Body,
            required,
            ty,
            enum_values: Vec::new(),
            default: None,
            description: body.get_prose("description"),
            style: ParamStyle::Standard,
            allow_reserved: false,
            wire_rule: crate::model::WireRule::Spec,
            at: self.at(&site.pointer),
        }
    }

    /// One parameter per property of a form or multipart body's object schema.
    fn form_fields(
        &mut self,
        choice: &Choice<'a>,
        schema: Option<Node<'a>>,
        location: Location,
        op_name: &str,
    ) -> Vec<Param> {
        let mut merged = Merged::default();
        if let Some(schema) = &schema {
            self.merge(schema, &mut merged, &mut Vec::new());
        }
        if merged.properties.is_empty() {
            self.error(
                &choice.node.pointer,
                format!(
                    "a `{}` body needs a `schema` with `properties`: one field each",
                    choice.media
                ),
            );
            return Vec::new();
        }
        let required = merged.required;
        merged
            .properties
            .into_iter()
            .filter_map(|(key, property)| {
                let required = required.contains(&key) && !is_nullable(&property);
                self.form_field(key, &property, required, location, op_name)
            })
            .collect()
    }

    fn form_field(
        &mut self,
        key: String,
        property: &Node<'a>,
        required: bool,
        location: Location,
        op_name: &str,
    ) -> Option<Param> {
        let hint = format!("{op_name}{}", upper_camel(&key));
        let mut ty = match self.schema_type(property, &hint) {
            TypeRef::Any => {
                self.warn(
                    &property.pointer,
                    format!("field `{key}` has no type: sent as a string"),
                );
                TypeRef::String
            }
            ty => self.wire_type(ty),
        };
        let file = |t: &TypeRef| location == Location::Multipart && *t == TypeRef::Binary;
        let fits = match &ty {
            TypeRef::Array(item) => is_scalar(item) || file(item),
            ty => is_scalar(ty) || file(ty),
        };
        // OpenAPI's default encoding of a part that is an object (or a list of
        // them) is `application/json`: such a part is sent as JSON.
        // Loose, not lost: a form field of another type (bytes, an object) is sent
        // as text, as the docs' reader sends it.
        if !fits && location != Location::Multipart {
            self.warn(
                &property.pointer,
                format!(
                    "field `{key}` has type `{ty}`, which cannot travel in a {} field: sent as text",
                    location.as_str()
                ),
            );
            ty = TypeRef::String;
        }
        Some(Param {
            name: param_name(&key, &ty, self.naming),
            location,
            required,
            enum_values: self.enum_values(property),
            default: default_text(property),
            description: property.get_prose("description"),
            style: ParamStyle::Standard,
            allow_reserved: false,
            wire_rule: crate::model::WireRule::Spec,
            at: self.at(&property.pointer),
            ty,
            wire_name: key,
        })
    }

    fn body_v2(
        &mut self,
        op: &Node<'a>,
        op_name: &str,
        params: &OperationParams<'a>,
    ) -> RequestBody {
        if let ([first, ..], [_, ..]) = (params.body.as_slice(), params.form.as_slice()) {
            self.error(
                &first.site.pointer,
                "an operation cannot have both an `in: body` and `in: formData` parameters",
            );
            return no_body();
        }
        match params.body.as_slice() {
            [] => {}
            [only] => return self.body_param_v2(op, only, op_name),
            [_, second, ..] => {
                self.error(
                    &second.site.pointer,
                    "an operation has at most one `in: body` parameter",
                );
                return no_body();
            }
        }
        if params.form.is_empty() {
            return no_body();
        }
        let (body, params) = self.form_params_v2(op, op_name, &params.form);
        (body, params, None)
    }

    /// The media types the operation consumes: its own list, else the spec's; and
    /// what to call the body in a note (the spec-wide list is noted once).
    fn consumes(&self, op: &Node<'a>, op_name: &str) -> Option<(Node<'a>, String)> {
        match op.get("consumes") {
            Some(own) => Some((own, format!("the request body of `{op_name}`"))),
            None => Some((self.root.get("consumes")?, "every request body".to_owned())),
        }
    }

    fn body_param_v2(&mut self, op: &Node<'a>, listed: &Listed<'a>, op_name: &str) -> RequestBody {
        // The chosen media type, and the first that is not JSON (for bytes).
        let mut chosen: Option<Choice<'a>> = None;
        let mut first_raw: Option<String> = None;
        if let Some((consumes, what)) = self.consumes(op, op_name) {
            let offered = self.offered(&consumes);
            first_raw = offered
                .iter()
                .map(|(media, _)| media::clean(media))
                .find(|media| classify(media) != MediaClass::Json);
            chosen = self.choose_media(offered, &consumes, &what);
        }
        let ty = match listed.def.get("schema") {
            Some(schema) => self.schema_type(&schema, &format!("{op_name}Request")),
            None => {
                self.warn(
                    &listed.def.pointer,
                    "the body parameter has no `schema`: read as any JSON value",
                );
                TypeRef::Any
            }
        };
        let name = match lower_camel(&listed.name) {
            name if name.is_empty() => "body".to_owned(),
            name => name,
        };
        let (body, ty, content_type) = match &chosen {
            // `type: string, format: binary`: bytes, of the first media type that is
            // not JSON (the spec-wide `consumes` often says only JSON).
            _ if ty == TypeRef::Binary => (
                Body::Binary,
                ty,
                first_raw.as_deref().and_then(raw_content_type),
            ),
            None => (Body::Json, ty, None),
            Some(choice) => match choice.class {
                MediaClass::Json => (Body::Json, ty, None),
                MediaClass::Text => (
                    Body::Text,
                    TypeRef::String,
                    text_content_type(&choice.media),
                ),
                MediaClass::Binary | MediaClass::Other => {
                    if choice.class == MediaClass::Other {
                        self.raw_note(choice);
                    }
                    (
                        Body::Binary,
                        TypeRef::Binary,
                        raw_content_type(&choice.media),
                    )
                }
                MediaClass::Form | MediaClass::Multipart => {
                    self.unsupported_body(choice);
                    return no_body();
                }
            },
        };
        let param = Param {
            wire_name: name.clone(),
            name,
            location: Location::Body,
            required: listed.def.get_bool("required") == Some(true),
            ty,
            enum_values: Vec::new(),
            default: None,
            description: listed.def.get_prose("description"),
            style: ParamStyle::Standard,
            allow_reserved: false,
            wire_rule: crate::model::WireRule::Spec,
            at: self.at(&listed.site.pointer),
        };
        (body, vec![param], content_type)
    }

    /// `formData` parameters: multipart when the operation consumes it or uploads a
    /// file, else an urlencoded form.
    fn form_params_v2(
        &mut self,
        op: &Node<'a>,
        op_name: &str,
        form: &[Listed<'a>],
    ) -> (Body, Vec<Param>) {
        let consumes: Vec<String> = self
            .consumes(op, op_name)
            .map(|(c, _)| self.offered(&c))
            .unwrap_or_default()
            .into_iter()
            .map(|(media, _)| media::clean(&media))
            .collect();
        let has_file = form.iter().any(|l| l.def.get_str("type") == Some("file"));
        let multipart_listed = consumes.iter().any(|m| m.starts_with("multipart/"));
        if has_file && !multipart_listed && !consumes.is_empty() {
            self.warn(
                &op.pointer,
                format!("`{op_name}` uploads a file but does not consume `multipart/form-data`: sent as multipart"),
            );
        }
        let (body, location) = match has_file || multipart_listed {
            true => (Body::Multipart, Location::Multipart),
            false => (Body::Form, Location::Form),
        };
        let params = form
            .iter()
            .filter_map(|listed| self.param(listed, location, op_name))
            .collect();
        (body, params)
    }
}
