//! The endpoint model: the one intermediate representation between parsers and emitters.
//!
//! Parsers (and the docs-only inference rules) build an [`Api`]; the overlay edits it;
//! emitters only read it. Every item records where it came from ([`Provenance`]) so
//! that diagnostics can point at the document line that stated a fact.
//!
//! The model is printed by `apibind model` as JSON or YAML and is a public interface:
//! field names here are part of it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize, Serializer};

/// Where a fact was read: a file and a 1-based line.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Provenance {
    /// The file, as given on the command line or in the [`crate::Config`].
    pub file: String,
    /// The 1-based line number.
    pub line: usize,
}

impl Provenance {
    /// A provenance at `line` of `file`.
    pub fn new(file: impl Into<String>, line: usize) -> Self {
        Provenance {
            file: file.into(),
            line,
        }
    }
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A whole API: everything the emitters need.
#[derive(Clone, Debug, Serialize)]
pub struct Api {
    /// Human title, e.g. `Engage Digital`.
    pub title: String,
    /// The server the client talks to.
    pub base_url: BaseUrl,
    /// How requests may authenticate: every scheme the API declares.
    pub auth: Vec<AuthScheme>,
    /// What operations that state no security of their own require.
    pub security: Security,
    /// The API groups (one per `XxxApi.md`), in file-name order.
    pub groups: Vec<Group>,
    /// Data types, sorted by name.
    pub models: Vec<Model>,
}

impl Api {
    /// Every operation of every group, in order.
    pub fn operations(&self) -> impl Iterator<Item = &Operation> {
        self.groups.iter().flat_map(|g| g.operations.iter())
    }

    /// The security `op` requires: its own, else the API's default.
    pub fn security_of<'a>(&'a self, op: &'a Operation) -> &'a Security {
        op.security.as_ref().unwrap_or(&self.security)
    }

    /// Whether some scheme of the API is satisfied by an access token.
    pub fn takes_token(&self) -> bool {
        self.auth.iter().any(AuthScheme::takes_token)
    }

    /// The auth scheme called `name`, if the API declares one.
    pub fn scheme(&self, name: &str) -> Option<&AuthScheme> {
        self.auth.iter().find(|s| s.name == name)
    }

    /// The model called `name`, if any.
    pub fn model(&self, name: &str) -> Option<&Model> {
        self.models.iter().find(|m| m.name == name)
    }

    /// Whether a value of `ty` is written as one piece of text on the wire: a scalar,
    /// an enum model (its value), or an alias of either.
    pub fn is_text(&self, ty: &TypeRef) -> bool {
        self.is_text_within(ty, 0)
    }

    fn is_text_within(&self, ty: &TypeRef, depth: usize) -> bool {
        match ty {
            TypeRef::Named(name) if depth < 32 => match self.model(name).map(|m| &m.kind) {
                Some(ModelKind::Enum { .. }) => true,
                Some(ModelKind::Alias { ty }) => self.is_text_within(ty, depth + 1),
                Some(ModelKind::Union {
                    tag: None,
                    variants,
                    nullable: false,
                }) => variants.iter().all(|v| {
                    v.ty.as_ref()
                        .is_some_and(|ty| self.is_text_within(ty, depth + 1))
                }),
                _ => false,
            },
            ty => ty.is_scalar(),
        }
    }
}

/// The server URL, possibly a template such as `https://{domain}.example.com/1.0`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BaseUrl {
    /// The URL with `{variable}` placeholders. A relative URL (`/api/v1`, or empty)
    /// means the API has no server of its own: the caller gives the base URL.
    pub template: String,
    /// The placeholders of `template`, in order of appearance.
    pub variables: Vec<ServerVariable>,
    /// Where the URL was stated.
    pub at: Provenance,
}

impl BaseUrl {
    /// Whether the URL is relative (`/api/v1`) or empty: the API names no server, so
    /// the caller must give one.
    pub fn is_relative(&self) -> bool {
        self.template.is_empty() || self.template.starts_with('/')
    }
}

/// One `{placeholder}` of the base URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServerVariable {
    /// The placeholder's name, e.g. `domain`.
    pub name: String,
    /// What the value is, for the constructor's docs.
    pub description: Option<String>,
    /// The value used when the caller sets none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// The only values allowed, when the API lists them (`enum`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// One way requests can prove who they are, as the API declares it. Operations name
/// schemes by [`name`](Self::name) in their security requirements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuthScheme {
    /// The scheme's name in the API, e.g. `api_key` or `petstore_auth`.
    pub name: String,
    /// What the credential is and where it travels.
    #[serde(flatten)]
    pub kind: AuthKind,
    /// What the API says of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where it was declared.
    pub at: Provenance,
}

impl AuthScheme {
    /// Whether the scheme is satisfied by an access token (bearer, OAuth2, or the
    /// token sent as a query parameter).
    pub fn takes_token(&self) -> bool {
        matches!(
            self.kind,
            AuthKind::Bearer | AuthKind::OAuth2 { .. } | AuthKind::TokenQuery { .. }
        )
    }
}

/// The kinds of credential a request can carry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AuthKind {
    /// `Authorization: Bearer <token>` (HTTP bearer, and OpenID Connect).
    Bearer,
    /// OAuth2: the access token travels as a bearer token.
    #[serde(rename = "oauth2")]
    OAuth2 {
        /// The ways to obtain a token, as the API lists them.
        flows: Vec<OAuthFlow>,
    },
    /// `Authorization: Basic`, from a user name and a password.
    Basic,
    /// An API key in a header, a query parameter or a cookie.
    ApiKey {
        /// Where the key travels.
        location: KeyLocation,
        /// The header, query parameter or cookie name, e.g. `X-Api-Key`.
        key_name: String,
    },
    /// The access token sent as the query parameter `name` instead of a header, for
    /// APIs that accept both.
    TokenQuery {
        /// The query parameter's wire name, e.g. `access_token`.
        name: String,
    },
}

/// Where an API key travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// One OAuth2 flow: how a client obtains tokens, for the docs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OAuthFlow {
    /// `implicit`, `password`, `client_credentials` or `authorization_code`.
    pub flow: String,
    /// Where users authorize the client, for flows that have such a page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization_url: Option<String>,
    /// Where tokens are obtained, for flows that have such an endpoint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_url: Option<String>,
    /// The scopes, with what each grants.
    pub scopes: Vec<(String, String)>,
}

/// The ways an operation may authenticate: any one alternative suffices, and an
/// alternative needs every scheme it names (by [`AuthScheme::name`]). An empty
/// alternative means "no credentials"; an empty list, a public operation.
pub type Security = Vec<Vec<String>>;

/// A group of operations: one API document such as `InterventionsApi.md`.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    /// The group's name without the `Api` suffix, e.g. `Interventions`.
    pub name: String,
    /// Operations in document order.
    pub operations: Vec<Operation>,
    /// Where the group's title is.
    pub at: Provenance,
}

/// HTTP methods the docs can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
    /// HEAD
    Head,
    /// OPTIONS
    Options,
}

impl Method {
    /// The method as sent on the wire, upper case.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
        }
    }
}

impl FromStr for Method {
    type Err = String;

    /// Accepts any case: the docs write `Get`, specs write `get`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_uppercase().as_str() {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            "HEAD" => Method::Head,
            "OPTIONS" => Method::Options,
            _ => return Err(format!("`{s}` is not an HTTP method")),
        })
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One endpoint.
#[derive(Clone, Debug, Serialize)]
pub struct Operation {
    /// The documented name, e.g. `CancelIntervention`.
    pub name: String,
    /// One line, e.g. `Cancelling an intervention`.
    pub summary: Option<String>,
    /// Markdown prose: paragraphs separated by blank lines, lists as `* ` lines.
    pub description: Option<String>,
    /// The HTTP method.
    pub method: Method,
    /// The path template relative to the base URL, e.g. `/interventions/{interventionId}`.
    pub path: String,
    /// Parameters in documented order.
    pub params: Vec<Param>,
    /// The request body's encoding.
    pub body: Body,
    /// The request body's media type when the encoding alone does not fix it: the
    /// type of raw bytes (`application/zip`) or text (`text/csv`). `None` means the
    /// encoding's own (`application/octet-stream` for bytes, `text/plain` for text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The decoded type of a successful response, `None` when it has no body.
    pub returns: Option<TypeRef>,
    /// The media type the client asks for, e.g. `application/json`.
    pub accept: Option<String>,
    /// Error statuses the documentation names, with what it says about them.
    pub errors: Vec<ErrorStatus>,
    /// How to walk every page of the collection it returns, if it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paging: Option<Paging>,
    /// The credentials it accepts; `None` means the API's default
    /// ([`Api::security`]), `Some` of an empty list a public operation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security: Option<Security>,
    /// Where the operation's section starts.
    pub at: Provenance,
}

/// Offset paging: the operation takes an offset and a page size and returns a page
/// object holding the records (and, often, the total count).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Paging {
    /// The documented name of the offset parameter, e.g. `offset`.
    pub offset_param: String,
    /// The documented name of the page-size parameter, e.g. `limit`.
    pub limit_param: String,
    /// The documented name of the page's field holding the records, e.g. `Records`.
    pub items_field: String,
    /// The documented name of the page's field holding the total, e.g. `Count`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_field: Option<String>,
    /// The largest page size the API accepts, used when the caller sets none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_limit: Option<u32>,
}

/// How an operation's request body is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    /// No body.
    None,
    /// The one `body` parameter, as JSON.
    Json,
    /// `application/x-www-form-urlencoded` from the `form` parameters.
    Form,
    /// `multipart/form-data` from the `multipart` parameters.
    Multipart,
    /// The one `body` parameter, of type `binary`, sent as raw bytes with the
    /// operation's `content_type`.
    Binary,
    /// The one `body` parameter, of type `string`, sent as text with the operation's
    /// `content_type`.
    Text,
}

impl Body {
    /// The encoding's name as `apibind model` prints it, e.g. `json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Body::None => "none",
            Body::Json => "json",
            Body::Form => "form",
            Body::Multipart => "multipart",
            Body::Binary => "binary",
            Body::Text => "text",
        }
    }
}

/// Where a parameter travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// A `{placeholder}` of the path.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A field of an urlencoded form body.
    Form,
    /// A part of a multipart body.
    Multipart,
    /// A cookie, sent with the others in one `Cookie` header.
    Cookie,
    /// The whole request body: JSON, raw bytes or text, as the operation's [`Body`]
    /// says.
    Body,
}

impl Location {
    /// The location's name as `apibind model` prints it, e.g. `query`.
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Form => "form",
            Location::Multipart => "multipart",
            Location::Cookie => "cookie",
            Location::Body => "body",
        }
    }
}

/// One parameter of an operation.
#[derive(Clone, Debug, Serialize)]
pub struct Param {
    /// The documented name, e.g. `categoryIds`.
    pub name: String,
    /// The name on the wire, e.g. `category_ids[]`.
    pub wire_name: String,
    /// Where it goes.
    pub location: Location,
    /// Whether the caller must give it.
    pub required: bool,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: TypeRef,
    /// The values it accepts, when the documentation lists them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub enum_values: Vec<String>,
    /// The value the server assumes when it is absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// What it means.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How its values are written where it travels (OpenAPI's `style` and
    /// `explode`, Swagger 2.0's `collectionFormat`); left out when it is the usual way.
    #[serde(skip_serializing_if = "ParamStyle::is_standard")]
    pub style: ParamStyle,
    /// Whether reserved characters (`:/?[]@!$&'()*+,;=`) go into the query as they are
    /// (OpenAPI's `allowReserved`); left out when they are percent-encoded.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub allow_reserved: bool,
    /// The rule that set its wire name and location; left out when a spec stated them.
    #[serde(skip_serializing_if = "WireRule::is_spec")]
    pub wire_rule: WireRule,
    /// Where the parameter's row is.
    pub at: Provenance,
}

/// What set a parameter's wire name and location: a statement of a spec or of the
/// overlay, or an inference rule reading the docs (`apibind model --explain`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WireRule {
    /// A spec states both.
    #[default]
    Spec,
    /// The overlay's `params:` states them.
    Overlay,
    /// The path's `{placeholder}` spells it.
    PathPlaceholder,
    /// The docs print it and it is sent as printed (a body, a name only that spelling
    /// tells apart).
    Documented,
    /// The documented name in the API's naming convention, chosen from the docs'
    /// evidence or set by the overlay's `naming:`.
    Convention,
    /// A request header of the HTTP registries, in its registered spelling.
    HeaderRegistry,
    /// An `x-` prefixed name, a header by custom.
    HeaderPrefix,
    /// The header an API key scheme of the API's travels in.
    KeyHeader,
    /// A field of the object the docs give as a form's one parameter: the field's JSON
    /// name.
    ModelField,
    /// The one path placeholder no parameter names, bound to the one required
    /// parameter left.
    Elimination,
}

impl WireRule {
    /// Whether a spec stated the facts (the default, left out of the model's JSON).
    pub fn is_spec(&self) -> bool {
        *self == WireRule::Spec
    }

    /// What the rule is, as `apibind model --explain` says it.
    pub fn describe(self) -> &'static str {
        match self {
            WireRule::Spec => "stated by the spec",
            WireRule::Overlay => "stated by the overlay",
            WireRule::PathPlaceholder => "the path's placeholder",
            WireRule::Documented => "as documented",
            WireRule::Convention => "the API's naming convention",
            WireRule::HeaderRegistry => "a registered HTTP request header",
            WireRule::HeaderPrefix => "an x- header",
            WireRule::KeyHeader => "the header of the API's key scheme",
            WireRule::ModelField => "the inline model's field",
            WireRule::Elimination => "the one placeholder left (by elimination)",
        }
    }
}

/// How a parameter's values are written where it travels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamStyle {
    /// The location's usual way: an array repeats the key in the query and in forms
    /// (`ids=1&ids=2`, OpenAPI's `form` with `explode`) and is comma-joined in a path
    /// segment, a header or a cookie (`1,2`, `simple`); a map in the query is one pair
    /// per entry, `name[key]=value` (`deepObject`).
    #[default]
    Standard,
    /// A map in the query, each entry its own pair `key=value`, without the
    /// parameter's name (OpenAPI's `form` with `explode`, its default for objects).
    Flat,
    /// An array in the query as one pair, its items joined by commas: `ids=1,2,3`
    /// (OpenAPI's `form` without `explode`, Swagger 2.0's `csv`); a map likewise, keys
    /// and values alternating: `point=x,1,y,2`.
    CommaDelimited,
    /// An array in the query as one pair, its items joined by `|`: `ids=1|2|3`
    /// (`pipeDelimited`, Swagger 2.0's `pipes`).
    PipeDelimited,
    /// An array in the query as one pair, its items joined by spaces: `ids=1%202%203`
    /// (`spaceDelimited`, Swagger 2.0's `ssv`).
    SpaceDelimited,
    /// An array in the query as one pair, its items joined by tabs: `ids=1%092%093`
    /// (Swagger 2.0's `tsv`).
    TabDelimited,
}

impl ParamStyle {
    /// Whether it is the location's usual way ([`ParamStyle::Standard`]).
    pub fn is_standard(&self) -> bool {
        *self == ParamStyle::Standard
    }

    /// The character that joins an array's items, for the delimited styles.
    pub fn delimiter(self) -> Option<char> {
        match self {
            ParamStyle::CommaDelimited => Some(','),
            ParamStyle::PipeDelimited => Some('|'),
            ParamStyle::SpaceDelimited => Some(' '),
            ParamStyle::TabDelimited => Some('\t'),
            ParamStyle::Standard | ParamStyle::Flat => None,
        }
    }
}

/// Where a fact about the API came from, when it was not a plain table cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactSource {
    /// Read from the description's prose by an inference rule.
    Prose,
    /// Stated by the overlay.
    Overlay,
    /// Stated by an OpenAPI or Swagger spec.
    Spec,
    /// Listed by the docs' `HTTP response details` table.
    Table,
}

/// An error status the documentation names for an operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorStatus {
    /// The statuses it covers: a code such as 404, a class such as `4XX`, or
    /// `default`.
    pub status: Statuses,
    /// What the documentation says causes it.
    pub meaning: String,
    /// Whether it came from prose or the overlay.
    pub source: FactSource,
    /// Where it was stated.
    pub at: Provenance,
}

/// The statuses an [`ErrorStatus`] covers, as OpenAPI's `responses` keys name them.
/// The client looks a status up by its code, then its class, then `default`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Statuses {
    /// One status code, e.g. 404.
    Code(u16),
    /// Every status of a class: 4 for `4XX`, 5 for `5XX`.
    Class(u8),
    /// Every error status no other entry names (`default`).
    Default,
}

impl fmt::Display for Statuses {
    /// As the spec writes it: `404`, `4XX`, `default`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Statuses::Code(code) => write!(f, "{code}"),
            Statuses::Class(class) => write!(f, "{class}XX"),
            Statuses::Default => f.write_str("default"),
        }
    }
}

impl Serialize for Statuses {
    /// A code as a number, a class or `default` as its text.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Statuses::Code(code) => serializer.serialize_u16(*code),
            other => serializer.collect_str(other),
        }
    }
}

/// A data type of the API.
#[derive(Clone, Debug, Serialize)]
pub struct Model {
    /// The documented name, e.g. `Intervention`.
    pub name: String,
    /// What it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its shape.
    pub kind: ModelKind,
    /// Where it was declared.
    pub at: Provenance,
}

/// The shape of a [`Model`].
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ModelKind {
    /// A JSON object with named fields.
    Struct {
        /// Fields in documented order.
        fields: Vec<Field>,
    },
    /// A string with a closed list of documented values.
    Enum {
        /// The values, as on the wire.
        values: Vec<String>,
    },
    /// Another name for a type.
    Alias {
        /// The aliased type.
        #[serde(rename = "type")]
        ty: TypeRef,
    },
    /// A value of one of several types (OpenAPI's `oneOf` and `anyOf`). A value of
    /// none of them still decodes, kept as the JSON the server sent.
    Union {
        /// The object property whose value names the variant (OpenAPI's
        /// `discriminator`, or a property every variant fixes to its own value);
        /// `None` when the value's shape tells the variants apart.
        #[serde(skip_serializing_if = "Option::is_none")]
        tag: Option<String>,
        /// The variants, in the order the API lists them.
        variants: Vec<Variant>,
        /// Whether `null` is one of the values.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        nullable: bool,
    },
}

impl ModelKind {
    /// Every type the model refers to: its fields', its alias's or its variants'.
    pub fn types_mut(&mut self) -> Vec<&mut TypeRef> {
        match self {
            ModelKind::Struct { fields } => fields.iter_mut().map(|f| &mut f.ty).collect(),
            ModelKind::Enum { .. } => Vec::new(),
            ModelKind::Alias { ty } => vec![ty],
            ModelKind::Union { variants, .. } => {
                variants.iter_mut().filter_map(|v| v.ty.as_mut()).collect()
            }
        }
    }
}

/// One variant of a union model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Variant {
    /// The variant's name, e.g. `Cat`, or `String` for a variant that is a string.
    pub name: String,
    /// The type of its value; `None` for a variant of a tagged union that holds
    /// nothing but its tag.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<TypeRef>,
    /// The tag values that select it, in a tagged union.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// What it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A field of a struct model.
#[derive(Clone, Debug, Serialize)]
pub struct Field {
    /// The documented name, e.g. `CategoryIds`.
    pub name: String,
    /// The JSON key, e.g. `category_ids`.
    pub json_name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: TypeRef,
    /// Whether every instance has it.
    pub required: bool,
    /// Whether its value can be an explicit `null` (`NullableString`, `nullable:
    /// true`): a required nullable field is sent as `null` when unset.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub nullable: bool,
    /// The documented default value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// What it means.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether its value's properties are the object's own rather than under its
    /// key: a union that an `allOf` (or an object's `oneOf`) merges into the struct.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub flatten: bool,
    /// Where the field was stated.
    pub at: Provenance,
}

/// A type in the model's own small grammar, shared by the overlay and `apibind model`:
/// `string`, `int32`, `int64`, `float`, `double`, `bool`, `date-time`, `date`, `binary`,
/// `any`, `array<T>`, `map<T>` (string keys), `nullable<T>` and model names.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// UTF-8 text.
    String,
    /// 32-bit signed integer.
    Int32,
    /// 64-bit signed integer.
    Int64,
    /// 32-bit float.
    Float,
    /// 64-bit float.
    Double,
    /// true or false.
    Bool,
    /// An RFC 3339 timestamp.
    DateTime,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// Raw bytes (file uploads).
    Binary,
    /// Any JSON value.
    Any,
    /// A JSON array.
    Array(Box<TypeRef>),
    /// A JSON object with string keys.
    Map(Box<TypeRef>),
    /// A value of the type or JSON `null`, where no field says so: an array's item
    /// or a map's value (a field's own `null` is [`Field::nullable`]).
    Nullable(Box<TypeRef>),
    /// A named [`Model`].
    Named(String),
}

impl TypeRef {
    /// The element type when this is an array.
    pub fn array_item(&self) -> Option<&TypeRef> {
        match self {
            TypeRef::Array(item) => Some(item),
            _ => None,
        }
    }

    /// Whether a value is written as one piece of text on the wire (in a path
    /// segment, a query value, a header or a form field).
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            TypeRef::String
                | TypeRef::Int32
                | TypeRef::Int64
                | TypeRef::Float
                | TypeRef::Double
                | TypeRef::Bool
                | TypeRef::DateTime
                | TypeRef::Date
        )
    }

    /// Whether this is raw bytes (a file), or an array of them.
    pub fn is_binary(&self) -> bool {
        match self {
            TypeRef::Binary => true,
            TypeRef::Array(item) => item.is_binary(),
            _ => false,
        }
    }

    /// The model this type refers to, directly or as the item of arrays and maps.
    pub fn named(&self) -> Option<&str> {
        match self {
            TypeRef::Named(name) => Some(name),
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => inner.named(),
            _ => None,
        }
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeRef::String => f.write_str("string"),
            TypeRef::Int32 => f.write_str("int32"),
            TypeRef::Int64 => f.write_str("int64"),
            TypeRef::Float => f.write_str("float"),
            TypeRef::Double => f.write_str("double"),
            TypeRef::Bool => f.write_str("bool"),
            TypeRef::DateTime => f.write_str("date-time"),
            TypeRef::Date => f.write_str("date"),
            TypeRef::Binary => f.write_str("binary"),
            TypeRef::Any => f.write_str("any"),
            TypeRef::Array(item) => write!(f, "array<{item}>"),
            TypeRef::Map(value) => write!(f, "map<{value}>"),
            TypeRef::Nullable(inner) => write!(f, "nullable<{inner}>"),
            TypeRef::Named(name) => f.write_str(name),
        }
    }
}

impl FromStr for TypeRef {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let generic = |prefix: &str| {
            s.strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix('>'))
                .map(str::parse::<TypeRef>)
        };
        if let Some(item) = generic("array<") {
            return Ok(TypeRef::Array(Box::new(item?)));
        }
        if let Some(value) = generic("map<") {
            return Ok(TypeRef::Map(Box::new(value?)));
        }
        if let Some(inner) = generic("nullable<") {
            return Ok(TypeRef::Nullable(Box::new(inner?)));
        }
        Ok(match s {
            "string" => TypeRef::String,
            "int32" => TypeRef::Int32,
            "int64" => TypeRef::Int64,
            "float" => TypeRef::Float,
            "double" => TypeRef::Double,
            "bool" => TypeRef::Bool,
            "date-time" => TypeRef::DateTime,
            "date" => TypeRef::Date,
            "binary" => TypeRef::Binary,
            "any" => TypeRef::Any,
            name if is_model_name(name) => TypeRef::Named(name.to_owned()),
            _ => {
                return Err(format!(
                    "`{s}` is not a type: expected string, int32, int64, float, double, bool, \
                     date-time, date, binary, any, array<T>, map<T>, nullable<T> or a model name"
                ))
            }
        })
    }
}

/// A model name starts with a letter and holds letters, digits and `_`.
fn is_model_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl Serialize for TypeRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TypeRef {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_grammar_round_trips() {
        for text in [
            "string",
            "int32",
            "array<string>",
            "map<any>",
            "array<array<Intervention>>",
            "array<nullable<string>>",
            "date-time",
        ] {
            let ty: TypeRef = text.parse().unwrap();
            assert_eq!(ty.to_string(), text);
        }
    }

    #[test]
    fn type_grammar_rejects_garbage_with_the_text() {
        let err = "array<string".parse::<TypeRef>().unwrap_err();
        assert!(err.contains("`array<string`"), "{err}");
        assert!("[]string".parse::<TypeRef>().is_err());
        assert!("".parse::<TypeRef>().is_err());
    }

    #[test]
    fn named_finds_models_inside_containers() {
        let ty: TypeRef = "array<map<Intervention>>".parse().unwrap();
        assert_eq!(ty.named(), Some("Intervention"));
        assert_eq!(TypeRef::String.named(), None);
    }

    #[test]
    fn method_parses_any_case() {
        assert_eq!("Delete".parse::<Method>().unwrap(), Method::Delete);
        assert_eq!("get".parse::<Method>().unwrap(), Method::Get);
        assert!("FETCH".parse::<Method>().is_err());
    }
}
