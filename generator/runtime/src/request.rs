// One request's parameters, collected by the generated code and encoded by the
// transport. apibind emits this file verbatim into every generated crate.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC};

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
    /// The documented error statuses and what the docs say about each, by the
    /// statuses each covers as the spec names them: a code (`"404"`), a class
    /// (`"4XX"`) or `"default"`.
    pub errors: &'static [(&'static str, &'static str)],
    /// The auth schemes it accepts: any one alternative, each needing every scheme
    /// it names. Empty for a public operation.
    pub security: &'static [&'static [&'static str]],
}

impl OperationSpec {
    /// What the docs say of `status`: its own entry, else its class's, else the
    /// `default` entry's.
    pub(crate) fn documented(&self, status: u16) -> Option<&'static str> {
        let code = status.to_string();
        let class = format!("{}XX", status / 100);
        let entry = |key: &str| {
            self.errors
                .iter()
                .find(|(statuses, _)| statuses.eq_ignore_ascii_case(key))
                .map(|(_, meaning)| *meaning)
        };
        entry(&code)
            .or_else(|| entry(&class))
            .or_else(|| entry("default"))
    }
}

/// One request, ready for the transport: the client that sends it, its operation and
/// its parameters. Every request builder turns into one.
#[allow(dead_code, reason = "only APIs with operations use it")]
pub(crate) type Encoded = (crate::client::Client, &'static OperationSpec, Call);

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
    /// The query string.
    Query,
    /// The query string, reserved characters (`:/?[]@!$&'()*+,;=`) left as they are
    /// (OpenAPI's `allowReserved`); `#`, `%` and the rest are still percent-encoded.
    ReservedQuery,
    /// A request header.
    Header,
    /// A cookie, sent with the others in one `Cookie` header.
    Cookie,
    /// A field of a form or multipart body.
    Field,
}

/// The parameters of one request, in the order they were added.
#[derive(Debug, Default)]
pub(crate) struct Call {
    /// Each path placeholder with its segment, already percent-encoded.
    pub(crate) path: Vec<(&'static str, String)>,
    /// The query's `key=value` pairs, already percent-encoded.
    pub(crate) query: Vec<String>,
    pub(crate) headers: Vec<(&'static str, String)>,
    /// Each cookie with its value, already percent-encoded.
    pub(crate) cookies: Vec<(&'static str, String)>,
    pub(crate) fields: Vec<(&'static str, String)>,
    pub(crate) files: Vec<(&'static str, FilePart)>,
    /// Multipart parts sent as JSON, each with its parameter's name should it not
    /// serialize.
    pub(crate) json_parts: Vec<(&'static str, Result<Vec<u8>, &'static str>)>,
    pub(crate) json: Option<Result<Vec<u8>, &'static str>>,
    pub(crate) raw: Option<Vec<u8>>,
}

impl Call {
    /// Adds each of `values` as `name` at `place`: none for an absent optional
    /// parameter, one for a scalar, one per item for an array (the query key or the
    /// form field is repeated).
    #[allow(dead_code, reason = "only APIs with parameters call it")]
    pub fn add<'a, V: WireValue + 'a>(
        &mut self,
        place: Place,
        name: &'static str,
        values: impl IntoIterator<Item = &'a V>,
    ) {
        for value in values {
            self.push(place, name, &[value.to_wire()], ',');
        }
    }

    /// Adds each of `lists` as one value of `name` at `place`, its items joined by
    /// commas (OpenAPI's `simple` style in a path segment or a header, `form` without
    /// `explode` in the query and in a cookie). In a path segment, the query and a
    /// cookie each item is percent-encoded, so its own commas are told apart from the
    /// separators; a header carries the items as they are.
    #[allow(dead_code, reason = "only APIs with comma-joined lists call it")]
    pub fn add_joined<'a, V, L>(
        &mut self,
        place: Place,
        name: &'static str,
        lists: impl IntoIterator<Item = L>,
    ) where
        V: WireValue + 'a,
        L: IntoIterator<Item = &'a V>,
    {
        self.add_delimited(place, name, ',', lists);
    }

    /// Adds each of `lists` as one value of `name` at `place`, its items joined by
    /// `delimiter`: `ids=1|2|3` (`pipeDelimited`), `ids=1%202%203` (`spaceDelimited`).
    /// Each item is percent-encoded as for [`add_joined`](Self::add_joined); a
    /// delimiter other than `,` and `|` is percent-encoded too.
    #[allow(dead_code, reason = "only APIs with delimited lists call it")]
    pub fn add_delimited<'a, V, L>(
        &mut self,
        place: Place,
        name: &'static str,
        delimiter: char,
        lists: impl IntoIterator<Item = L>,
    ) where
        V: WireValue + 'a,
        L: IntoIterator<Item = &'a V>,
    {
        for list in lists {
            let items: Vec<String> = list.into_iter().map(WireValue::to_wire).collect();
            self.push(place, name, &items, delimiter);
        }
    }

    /// Adds each of `entries` to the query as `name[key]=value`, in the order given
    /// (OpenAPI's `deepObject` style).
    #[allow(dead_code, reason = "only APIs with map parameters call it")]
    pub fn add_entries<'a, V: WireValue + 'a>(
        &mut self,
        name: &'static str,
        entries: impl IntoIterator<Item = (&'a String, &'a V)>,
    ) {
        for (key, value) in entries {
            let key = format!("{name}[{key}]");
            self.query
                .push(query_pair(&key, &[value.to_wire()], ',', COMPONENT));
        }
    }

    /// Adds each of `entries` to the query as its own pair `key=value`, without the
    /// parameter's name, in the order given (OpenAPI's `form` style with `explode`,
    /// its default for objects).
    #[allow(dead_code, reason = "only APIs with form-style objects call it")]
    pub fn add_flat_entries<'a, V: WireValue + 'a>(
        &mut self,
        entries: impl IntoIterator<Item = (&'a String, &'a V)>,
    ) {
        for (key, value) in entries {
            self.query
                .push(query_pair(key, &[value.to_wire()], ',', COMPONENT));
        }
    }

    /// Adds `entries` to the query as one pair, keys and values alternating, joined by
    /// commas: `name=k1,v1,k2,v2` (OpenAPI's `form` style without `explode`). Nothing
    /// is added when there are no entries.
    #[allow(dead_code, reason = "only APIs with comma-joined objects call it")]
    pub fn add_joined_entries<'a, V: WireValue + 'a>(
        &mut self,
        name: &'static str,
        entries: impl IntoIterator<Item = (&'a String, &'a V)>,
    ) {
        let mut items = Vec::new();
        for (key, value) in entries {
            items.push(key.clone());
            items.push(value.to_wire());
        }
        if !items.is_empty() {
            self.push(Place::Query, name, &items, ',');
        }
    }

    /// Adds one value of `name` at `place`: `items` joined by `delimiter`.
    fn push(&mut self, place: Place, name: &'static str, items: &[String], delimiter: char) {
        let plain = || {
            let mut separator = [0; 4];
            items.join(&*delimiter.encode_utf8(&mut separator))
        };
        match place {
            Place::Path => self
                .path
                .push((name, encode_joined(items, delimiter, COMPONENT))),
            Place::Query => self
                .query
                .push(query_pair(name, items, delimiter, COMPONENT)),
            Place::ReservedQuery => {
                self.query
                    .push(query_pair(name, items, delimiter, RESERVED_KEPT))
            }
            Place::Header => self.headers.push((name, plain())),
            Place::Cookie => self
                .cookies
                .push((name, encode_joined(items, delimiter, COOKIE_VALUE))),
            Place::Field => self.fields.push((name, plain())),
        }
    }

    /// Adds each of `files` as the multipart part `name`.
    #[allow(dead_code, reason = "only APIs that upload files call it")]
    pub fn file<'a>(&mut self, name: &'static str, files: impl IntoIterator<Item = &'a FilePart>) {
        self.files
            .extend(files.into_iter().map(|file| (name, file.clone())));
    }

    /// Adds each of `values` as the multipart part `name`, written as JSON: how
    /// OpenAPI sends a part that is an object or a list of objects.
    #[allow(dead_code, reason = "only APIs with JSON multipart parts call it")]
    pub fn json_part<'a, T: serde::Serialize + 'a>(
        &mut self,
        name: &'static str,
        values: impl IntoIterator<Item = &'a T>,
    ) {
        for value in values {
            let json = serde_json::to_vec(value).map_err(|_| name);
            self.json_parts.push((name, json));
        }
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

/// A boxed value (a union's variant) is written as the value.
impl<T: WireValue + ?Sized> WireValue for Box<T> {
    fn to_wire(&self) -> String {
        (**self).to_wire()
    }
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

/// Everything but RFC 3986's unreserved characters is escaped in a path segment or a
/// query key or value, so a value can never add a segment (`/`), start the query (`?`)
/// or the fragment (`#`), end its query pair (`&`, `=`) or pass for a separator (`,`).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What `allowReserved` leaves as it is: [`COMPONENT`] but for RFC 3986's reserved
/// characters. `#` is still escaped (it would end the query), `%` too (it would read as
/// an escape), and `&`, `=` and `+`, so that a value can never add a parameter of its
/// own or turn into a space.
const RESERVED_KEPT: &AsciiSet = &COMPONENT
    .remove(b':')
    .remove(b'/')
    .remove(b'?')
    .remove(b'[')
    .remove(b']')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b',')
    .remove(b';');

/// What a cookie value cannot hold (RFC 6265's `cookie-octet`): controls, space, `"`,
/// `,`, `;` and `\`, with `%` so that escapes can be told from text; non-ASCII is
/// always escaped.
const COOKIE_VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// `items`, each percent-encoded with `set`, joined by `delimiter`: literal when it is
/// `,` or `|`, else percent-encoded (a space is `%20`).
fn encode_joined(items: &[String], delimiter: char, set: &'static AsciiSet) -> String {
    let mut buffer = [0; 4];
    let delimiter: &str = delimiter.encode_utf8(&mut buffer);
    let separator: String = match delimiter {
        "," | "|" => delimiter.to_owned(),
        other => utf8_percent_encode(other, COMPONENT).collect(),
    };
    let mut text = String::new();
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            text.push_str(&separator);
        }
        text.extend(utf8_percent_encode(item, set));
    }
    text
}

/// `key=items`, the key percent-encoded as a component, the items with `set`, joined
/// by `delimiter`.
fn query_pair(key: &str, items: &[String], delimiter: char, set: &'static AsciiSet) -> String {
    let mut pair: String = utf8_percent_encode(key, COMPONENT).collect();
    pair.push('=');
    pair.push_str(&encode_joined(items, delimiter, set));
    pair
}

/// The `Cookie` header for `cookies` (`a=1; b=2`), their values already encoded, or
/// the first name that is no valid cookie name (an HTTP token).
pub(crate) fn render_cookies(
    cookies: &[(&'static str, String)],
    credentials: &[(&'static str, Arc<str>)],
) -> Result<String, &'static str> {
    let credentials = credentials
        .iter()
        .map(|(name, value)| (*name, utf8_percent_encode(value, COOKIE_VALUE).to_string()));
    let mut header = String::new();
    for (name, value) in cookies.iter().cloned().chain(credentials) {
        let token = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&b));
        if !token {
            return Err(name);
        }
        if !header.is_empty() {
            header.push_str("; ");
        }
        header.push_str(name);
        header.push('=');
        header.push_str(&value);
    }
    Ok(header)
}

/// `pairs` as a query string (`a=1&b=2`), then the `credentials` pairs,
/// percent-encoded.
pub(crate) fn render_query(pairs: &[String], credentials: &[(&str, Arc<str>)]) -> String {
    let mut query = pairs.join("&");
    for (key, value) in credentials {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(&query_pair(key, &[value.to_string()], ',', COMPONENT));
    }
    query
}

/// Fills the `{name}` placeholders of the operation's path with their segments,
/// already percent-encoded by [`Call::add`]. Empty segments, `.` and `..` are refused:
/// no encoding stops servers from resolving the last two.
pub(crate) fn render_path(
    operation: &'static OperationSpec,
    segments: &[(&'static str, String)],
) -> Result<String, Error> {
    let mut path = String::with_capacity(operation.path.len() + 16);
    let mut rest = operation.path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + len];
        let found = segments.iter().find(|(n, _)| *n == name);
        let segment = found.map_or("", |(_, v)| v.as_str());
        let refused = match segment {
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
        path.push_str(segment);
        rest = &rest[start + len + 1..];
    }
    path.push_str(rest);
    Ok(path)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    static OP: OperationSpec = OperationSpec {
        name: "GetThing",
        method: reqwest::Method::GET,
        path: "/things/{thingId}/parts/{partId}",
        body: BodyKind::None,
        accept: None,
        content_type: None,
        errors: &[],
        security: &[],
    };

    #[test]
    fn a_status_is_documented_by_its_code_then_its_class_then_default() {
        let with = |errors| OperationSpec {
            name: "GetThing",
            method: reqwest::Method::GET,
            path: "/things",
            body: BodyKind::None,
            accept: None,
            content_type: None,
            errors,
            security: &[],
        };
        let op = with(&[
            ("default", "Something else."),
            ("4XX", "Your mistake."),
            ("404", "No such thing."),
        ]);
        assert_eq!(op.documented(404), Some("No such thing."));
        assert_eq!(op.documented(409), Some("Your mistake."));
        assert_eq!(op.documented(503), Some("Something else."));
        let op = with(&[("5xx", "Ours.")]);
        assert_eq!(op.documented(502), Some("Ours."));
        assert_eq!(op.documented(400), None);
    }

    /// The path of `OP` with `thingId` and `partId` set to one value each.
    fn path_of(thing: &str, part: &str) -> Result<String, Error> {
        let mut call = Call::default();
        call.add(Place::Path, "thingId", [&thing.to_owned()]);
        call.add(Place::Path, "partId", [&part.to_owned()]);
        render_path(&OP, &call.path)
    }

    /// The decoded pairs of a query string.
    fn decoded(query: &str) -> Vec<(String, String)> {
        let url = reqwest::Url::parse(&format!("http://localhost/?{query}")).unwrap();
        url.query_pairs().into_owned().collect()
    }

    #[test]
    fn path_values_stay_inside_their_segment() {
        let path = path_of("a/../b?c#d", "é 1").unwrap();
        assert_eq!(path, "/things/a%2F..%2Fb%3Fc%23d/parts/%C3%A9%201");
    }

    #[test]
    fn dot_segments_and_empty_values_are_refused() {
        for value in ["", ".", ".."] {
            let err = path_of(value, "x").unwrap_err();
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
        // An empty list is an empty segment too.
        let mut call = Call::default();
        call.add_joined(Place::Path, "thingId", [&Vec::<i64>::new()]);
        call.add(Place::Path, "partId", [&1i64]);
        assert!(render_path(&OP, &call.path).is_err());
    }

    /// A small deterministic generator: the runtime has no dev-dependencies of its own.
    fn random_strings(count: usize) -> Vec<String> {
        const ALPHABET: &[char] = &[
            'a', 'Z', '0', '-', '.', '_', '~', '/', '?', '#', '%', '&', '=', '+', ' ', '[', ']',
            '@', ':', '\\', '"', 'é', '€', '😀', '\u{202e}', '\0', ',',
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
            let rendered = path_of(&value, "p");
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

    /// Lists of any text split back into their items at the literal commas, in a path
    /// segment and in a query value.
    #[test]
    fn joined_items_round_trip() {
        let strings = random_strings(3000);
        for items in strings.chunks(3) {
            let items = items.to_vec();
            let mut call = Call::default();
            call.add_joined(Place::Path, "thingId", [&items]);
            call.add_joined(Place::Query, "q", [&items]);
            let (_, segment) = &call.path[0];
            let pair = &call.query[0];
            for joined in [segment.as_str(), &pair["q=".len()..]] {
                let back: Vec<String> = joined
                    .split(',')
                    .map(|item| {
                        let item = percent_encoding::percent_decode_str(item);
                        item.decode_utf8().unwrap().into_owned()
                    })
                    .collect();
                assert_eq!(back, items, "{joined}");
            }
        }
    }

    #[test]
    fn values_are_added_per_shape() {
        let mut call = Call::default();
        call.add(Place::Query, "one", std::iter::once(&5i32));
        call.add(Place::Query, "none", None::<String>.iter());
        call.add(Place::Query, "ids[]", &["a b".to_owned(), "b&c".to_owned()]);
        call.add(Place::Header, "X-Flag", Some(true).iter());
        assert_eq!(call.query, ["one=5", "ids%5B%5D=a%20b", "ids%5B%5D=b%26c"]);
        assert_eq!(call.headers, [("X-Flag", "true".to_owned())]);
    }

    #[test]
    fn lists_are_joined_by_commas_with_each_item_encoded() {
        let mut call = Call::default();
        call.add_joined(Place::Path, "thingId", [&[1i64, 2, 3]]);
        call.add_joined(
            Place::Path,
            "partId",
            [&["a,b".to_owned(), "c d".to_owned()]],
        );
        assert_eq!(
            render_path(&OP, &call.path).unwrap(),
            "/things/1,2,3/parts/a%2Cb,c%20d"
        );

        let ids = Some(vec!["a".to_owned(), "b".to_owned()]);
        call.add_joined(Place::Header, "X-Ids", ids.iter());
        call.add_joined(Place::Header, "X-None", None::<Vec<String>>.iter());
        assert_eq!(call.headers, [("X-Ids", "a,b".to_owned())]);

        let matrix = [vec![1i32, 2], vec![3], vec![]];
        call.add_joined(Place::Query, "m", matrix.iter());
        assert_eq!(call.query, ["m=1,2", "m=3", "m="]);
        assert_eq!(
            decoded(&render_query(&call.query, &[])),
            [
                ("m".to_owned(), "1,2".to_owned()),
                ("m".to_owned(), "3".to_owned()),
                ("m".to_owned(), String::new()),
            ]
        );
    }

    #[test]
    fn map_entries_are_deep_object_pairs_in_key_order() {
        let mut filter = BTreeMap::new();
        filter.insert("size".to_owned(), "L".to_owned());
        filter.insert("color".to_owned(), "red & blue".to_owned());
        let mut call = Call::default();
        call.add_entries("filter", &filter);
        call.add_entries("absent", None::<BTreeMap<String, i32>>.iter().flatten());
        assert_eq!(
            call.query,
            ["filter%5Bcolor%5D=red%20%26%20blue", "filter%5Bsize%5D=L"]
        );
        assert_eq!(
            decoded(&render_query(&call.query, &[])),
            [
                ("filter[color]".to_owned(), "red & blue".to_owned()),
                ("filter[size]".to_owned(), "L".to_owned()),
            ]
        );
    }

    #[test]
    fn query_values_of_any_text_round_trip() {
        let values = random_strings(2000);
        let mut call = Call::default();
        call.add(Place::Query, "key[]", &values);
        let query = render_query(&call.query, &[("access_token", Arc::from("a&b=c"))]);
        let mut expected: Vec<(String, String)> = values
            .iter()
            .map(|v| ("key[]".to_owned(), v.clone()))
            .collect();
        expected.push(("access_token".to_owned(), "a&b=c".to_owned()));
        assert_eq!(decoded(&query), expected);
        assert_eq!(render_query(&[], &[("t", Arc::from("x"))]), "t=x");
        assert_eq!(render_query(&[], &[]), "");
    }

    #[test]
    fn delimited_lists_are_one_pair_with_each_item_encoded() {
        let items = ["a|b".to_owned(), "c d".to_owned(), "e\tf".to_owned()];
        let mut call = Call::default();
        call.add_delimited(Place::Query, "p", '|', [&items]);
        call.add_delimited(Place::Query, "s", ' ', [&items]);
        call.add_delimited(Place::Query, "t", '\t', [&items]);
        call.add_delimited(Place::Query, "none", '|', None::<Vec<String>>.iter());
        assert_eq!(
            call.query,
            [
                "p=a%7Cb|c%20d|e%09f",
                "s=a%7Cb%20c%20d%20e%09f",
                "t=a%7Cb%09c%20d%09e%09f",
            ]
        );
        // The decoded value splits back at the delimiter only where the items are
        // free of it.
        let plain = [1i64, 2, 3];
        let mut call = Call::default();
        call.add_delimited(Place::Query, "ids", ' ', [&plain]);
        assert_eq!(
            decoded(&render_query(&call.query, &[])),
            [("ids".to_owned(), "1 2 3".to_owned())]
        );
    }

    /// Items split back at the delimiters, a `,` or `|` of their own being escaped.
    #[test]
    fn delimited_items_of_any_text_round_trip() {
        let strings = random_strings(3000);
        for delimiter in ['|', ' ', '\t', ','] {
            let mut buffer = [0; 4];
            let encoded_delimiter: String =
                utf8_percent_encode(delimiter.encode_utf8(&mut buffer), COMPONENT).collect();
            let separator = match delimiter {
                ',' | '|' => delimiter.to_string(),
                _ => encoded_delimiter,
            };
            // An item holding a space is ambiguous in a space-delimited list, whatever
            // the encoding (`%20` both ways): OpenAPI leaves those undefined.
            let fit: Vec<String> = strings
                .iter()
                .filter(|item| matches!(delimiter, ',' | '|') || !item.contains(delimiter))
                .cloned()
                .collect();
            for items in fit.chunks(3) {
                let items = items.to_vec();
                let mut call = Call::default();
                call.add_delimited(Place::Query, "q", delimiter, [&items]);
                let value = &call.query[0]["q=".len()..];
                let back: Vec<String> = value
                    .split(separator.as_str())
                    .map(|item| {
                        let item = percent_encoding::percent_decode_str(item);
                        item.decode_utf8().unwrap().into_owned()
                    })
                    .collect();
                assert_eq!(back, items, "{value}");
            }
        }
    }

    #[test]
    fn form_objects_are_plain_pairs_or_one_joined_pair() {
        let mut point = BTreeMap::new();
        point.insert("y".to_owned(), 20i32);
        point.insert("x a".to_owned(), -1);
        let mut call = Call::default();
        call.add_flat_entries(&point);
        call.add_joined_entries("point", &point);
        call.add_joined_entries("empty", &BTreeMap::<String, i32>::new());
        call.add_flat_entries(None::<BTreeMap<String, i32>>.iter().flatten());
        assert_eq!(call.query, ["x%20a=-1", "y=20", "point=x%20a,-1,y,20"]);
        assert_eq!(
            decoded(&render_query(&call.query, &[])),
            [
                ("x a".to_owned(), "-1".to_owned()),
                ("y".to_owned(), "20".to_owned()),
                ("point".to_owned(), "x a,-1,y,20".to_owned()),
            ]
        );
    }

    #[test]
    fn reserved_query_values_keep_reserved_characters_only() {
        let mut call = Call::default();
        let value = ":/?[]@!$&'()*+,;= #%é".to_owned();
        call.add(Place::ReservedQuery, "q[]", [&value]);
        call.add(Place::Query, "plain", [&"a/b".to_owned()]);
        assert_eq!(
            call.query,
            [
                "q%5B%5D=:/?[]@!$%26'()*%2B,;%3D%20%23%25%C3%A9",
                "plain=a%2Fb"
            ]
        );
        // Parsed as a URL, nothing of it reaches the fragment.
        let url = reqwest::Url::parse(&format!(
            "http://localhost/?{}",
            render_query(&call.query, &[])
        ))
        .unwrap();
        assert_eq!(url.fragment(), None);
    }

    #[test]
    fn cookies_are_one_header_their_values_encoded() {
        let mut call = Call::default();
        call.add(Place::Cookie, "session", [&"a b;c,d\"e%é=".to_owned()]);
        call.add(Place::Cookie, "absent", None::<String>.iter());
        call.add(Place::Cookie, "n", [&7i64]);
        call.add_joined(
            Place::Cookie,
            "langs",
            [&["en", "fr,ca"].map(str::to_owned)],
        );
        assert_eq!(
            render_cookies(&call.cookies, &[]).unwrap(),
            "session=a%20b%3Bc%2Cd%22e%25%C3%A9=; n=7; langs=en,fr%2Cca"
        );
        assert_eq!(render_cookies(&[], &[]).unwrap(), "");
        for bad in ["", "a b", "a;b", "a=b", "é"] {
            assert_eq!(render_cookies(&[(bad, "v".to_owned())], &[]), Err(bad));
        }
    }

    /// Any text is one cookie value of RFC 6265's octets that decodes back to itself.
    #[test]
    fn cookie_values_of_any_text_round_trip() {
        for value in random_strings(3000) {
            let mut call = Call::default();
            call.add(Place::Cookie, "c", [&value]);
            let (_, encoded) = &call.cookies[0];
            assert!(
                encoded
                    .bytes()
                    .all(|b| b.is_ascii_graphic() && !b",;\\\"".contains(&b)),
                "{encoded:?}"
            );
            let back = percent_encoding::percent_decode_str(encoded)
                .decode_utf8()
                .unwrap();
            assert_eq!(back, value);
        }
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
