// One request's parameters, collected by the generated code and encoded by the
// transport. apibind emits this file verbatim into every generated crate.

use std::fmt;
use std::path::Path;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::error::Error;

/// What the generated code tells the transport about one operation.
#[derive(Debug)]
pub(crate) struct OperationSpec {
    /// The documented name, e.g. `CancelIntervention`.
    pub name: &'static str,
    /// The HTTP method.
    pub method: reqwest::Method,
    /// The path template, e.g. `/interventions/{interventionId}/cancel`.
    pub path: &'static str,
    /// How the request body is encoded.
    pub body: BodyKind,
    /// The media type to ask for, if any.
    pub accept: Option<&'static str>,
    /// The media type of a raw or text body, when it is not the kind's default.
    pub content_type: Option<&'static str>,
    /// The documented error statuses and what the docs say about each.
    pub errors: &'static [(u16, &'static str)],
}

/// How an operation's request body is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(dead_code, reason = "each API uses the kinds its operations need")]
pub(crate) enum BodyKind {
    /// No body.
    None,
    /// The JSON parameter.
    Json,
    /// `application/x-www-form-urlencoded` fields.
    Form,
    /// `multipart/form-data` fields and files.
    Multipart,
    /// Raw bytes (default media type `application/octet-stream`).
    Binary,
    /// Text (default media type `text/plain`).
    Text,
}

/// Where a parameter's values go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(dead_code, reason = "each API uses the places its parameters need")]
pub(crate) enum Place {
    /// A `{name}` segment of the path.
    Path,
    /// The query string; arrays repeat the key.
    Query,
    /// A request header; arrays repeat it.
    Header,
    /// A field of a form or multipart body; arrays repeat it.
    Field,
}

/// The parameters of one request, in the order they were added.
#[derive(Debug, Default)]
pub(crate) struct Call {
    pub(crate) path: Vec<(&'static str, String)>,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) fields: Vec<(&'static str, String)>,
    pub(crate) files: Vec<(&'static str, FilePart)>,
    pub(crate) json: Option<Result<Vec<u8>, &'static str>>,
    pub(crate) raw: Option<Vec<u8>>,
}

impl Call {
    /// Adds each of `values` as `name` at `place`: none for an absent optional
    /// parameter, one for a scalar, one per item for an array.
    pub fn add<'a, V: WireValue + 'a>(
        &mut self,
        place: Place,
        name: &'static str,
        values: impl IntoIterator<Item = &'a V>,
    ) {
        let list = match place {
            Place::Path => &mut self.path,
            Place::Query => &mut self.query,
            Place::Header => &mut self.headers,
            Place::Field => &mut self.fields,
        };
        list.extend(values.into_iter().map(|v| (name, v.to_wire())));
    }

    /// Adds each of `files` as the multipart part `name`.
    #[allow(dead_code, reason = "only APIs that upload files call it")]
    pub fn file<'a>(&mut self, name: &'static str, files: impl IntoIterator<Item = &'a FilePart>) {
        self.files
            .extend(files.into_iter().map(|file| (name, file.clone())));
    }

    /// Makes `value` the JSON body; `name` is the parameter, for the error should it
    /// not serialize.
    #[allow(dead_code, reason = "only APIs with JSON bodies call it")]
    pub fn json<T: serde::Serialize>(&mut self, name: &'static str, value: Option<&T>) {
        if let Some(value) = value {
            self.json = Some(serde_json::to_vec(value).map_err(|_| name));
        }
    }
}

impl Call {
    /// Makes `value` the raw body, sent as it is.
    #[allow(dead_code, reason = "only APIs with raw bodies call it")]
    pub fn bytes(&mut self, value: Option<&Vec<u8>>) {
        if let Some(value) = value {
            self.raw = Some(value.clone());
        }
    }

    /// Makes `value` the text body.
    #[allow(dead_code, reason = "only APIs with text bodies call it")]
    pub fn text(&mut self, value: Option<&String>) {
        if let Some(value) = value {
            self.raw = Some(value.clone().into_bytes());
        }
    }
}

/// A value that can be written as text on the wire: in a path segment, a query
/// string, a header or a form field.
pub(crate) trait WireValue {
    /// The value's text, before any encoding.
    fn to_wire(&self) -> String;
}

impl WireValue for String {
    fn to_wire(&self) -> String {
        self.clone()
    }
}

macro_rules! wire_value_by_display {
    ($($t:ty),*) => {
        $(impl WireValue for $t {
            fn to_wire(&self) -> String {
                self.to_string()
            }
        })*
    };
}

wire_value_by_display!(i32, i64, f32, f64, bool, chrono::NaiveDate);

impl WireValue for chrono::DateTime<chrono::Utc> {
    fn to_wire(&self) -> String {
        self.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    }
}

/// A file to upload: its name, its bytes and, optionally, its media type.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    pub(crate) file_name: String,
    pub(crate) bytes: Vec<u8>,
    pub(crate) content_type: Option<String>,
}

impl FilePart {
    /// A file called `file_name` holding `bytes`.
    pub fn new(file_name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        FilePart {
            file_name: file_name.into(),
            bytes: bytes.into(),
            content_type: None,
        }
    }

    /// Reads the file at `path` (blocking), named after its last component.
    pub fn from_path(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let bytes = std::fs::read(path)?;
        let file_name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(FilePart::new(file_name, bytes))
    }

    /// Sets the part's media type (default: `application/octet-stream`).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The file name sent with the part.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The contents.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl fmt::Debug for FilePart {
    /// Names the file and its size, never its contents.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("len", &self.bytes.len())
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// Everything but RFC 3986's unreserved characters is escaped in a path segment, so a
/// value can never add a segment (`/`), start the query (`?`) or the fragment (`#`).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Fills the `{name}` placeholders of the operation's path with percent-encoded
/// values. `.` and `..` are refused: no encoding stops servers from resolving them.
pub(crate) fn render_path(
    operation: &'static OperationSpec,
    values: &[(&'static str, String)],
) -> Result<String, Error> {
    let mut path = String::with_capacity(operation.path.len() + 16);
    let mut rest = operation.path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + len];
        let found = values.iter().find(|(n, _)| *n == name);
        let value = found.map_or("", |(_, v)| v.as_str());
        let refused = match value {
            "" => Some("must not be empty"),
            "." | ".." => Some("must not be `.` or `..`"),
            _ => None,
        };
        if let Some(reason) = refused {
            return Err(Error::InvalidParameter {
                operation: operation.name,
                parameter: found.map_or("path", |(n, _)| *n),
                reason,
            });
        }
        path.push_str(&rest[..start]);
        path.extend(utf8_percent_encode(value, SEGMENT));
        rest = &rest[start + len + 1..];
    }
    path.push_str(rest);
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    static OP: OperationSpec = OperationSpec {
        name: "GetThing",
        method: reqwest::Method::GET,
        path: "/things/{thingId}/parts/{partId}",
        body: BodyKind::None,
        accept: None,
        content_type: None,
        errors: &[],
    };

    #[test]
    fn path_values_stay_inside_their_segment() {
        let path = render_path(
            &OP,
            &[("thingId", "a/../b?c#d".into()), ("partId", "é 1".into())],
        )
        .unwrap();
        assert_eq!(path, "/things/a%2F..%2Fb%3Fc%23d/parts/%C3%A9%201");
    }

    #[test]
    fn dot_segments_and_empty_values_are_refused() {
        for value in ["", ".", ".."] {
            let err =
                render_path(&OP, &[("thingId", value.into()), ("partId", "x".into())]).unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::InvalidParameter {
                        parameter: "thingId",
                        ..
                    }
                ),
                "{err}"
            );
        }
    }

    /// A small deterministic generator: the runtime has no dev-dependencies of its own.
    fn random_strings(count: usize) -> Vec<String> {
        const ALPHABET: &[char] = &[
            'a', 'Z', '0', '-', '.', '_', '~', '/', '?', '#', '%', '&', '=', '+', ' ', '[', ']',
            '@', ':', '\\', '"', 'é', '€', '😀', '\u{202e}', '\0',
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..count)
            .map(|_| {
                let len = (next() % 12) as usize;
                (0..len)
                    .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    /// Every value, once encoded, is one segment that decodes back to itself.
    #[test]
    fn path_encoding_round_trips_and_never_adds_a_segment() {
        for value in random_strings(5000) {
            let rendered = render_path(&OP, &[("thingId", value.clone()), ("partId", "p".into())]);
            if matches!(value.as_str(), "" | "." | "..") {
                assert!(rendered.is_err(), "{value:?}");
                continue;
            }
            let path = rendered.unwrap();
            let segment = path
                .strip_prefix("/things/")
                .and_then(|rest| rest.strip_suffix("/parts/p"))
                .unwrap();
            assert!(
                segment
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._~%".contains(c)),
                "{segment:?}"
            );
            let decoded = percent_encoding::percent_decode_str(segment)
                .decode_utf8()
                .unwrap();
            assert_eq!(decoded, value);
        }
    }

    #[test]
    fn values_are_added_per_shape() {
        let mut call = Call::default();
        call.add(Place::Query, "one", std::iter::once(&5i32));
        call.add(Place::Query, "none", None::<String>.iter());
        call.add(Place::Query, "ids[]", &["a".to_owned(), "b".to_owned()]);
        call.add(Place::Header, "X-Flag", Some(true).iter());
        assert_eq!(
            call.query,
            [
                ("one", "5".to_owned()),
                ("ids[]", "a".to_owned()),
                ("ids[]", "b".to_owned())
            ]
        );
        assert_eq!(call.headers, [("X-Flag", "true".to_owned())]);
    }

    #[test]
    fn file_parts_never_print_their_contents() {
        let part = FilePart::new("secret.txt", b"top secret".to_vec());
        let debug = format!("{part:?}");
        assert!(
            debug.contains("secret.txt") && debug.contains("len: 10"),
            "{debug}"
        );
        assert!(!debug.contains("top secret"), "{debug}");
    }
}
