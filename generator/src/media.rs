//! Media types, read alike from docs and specs: cleaning them up
//! (`multipart/form-data:` with its stray colon, `; charset=utf-8`), what the client
//! can do with each, and which one it uses when several are offered.
//!
//! The one rule for XML (`application/xml`, `*+xml`) and any other type the client
//! cannot serialize: it travels as raw bytes of that type, which the caller encodes
//! (the client would otherwise send JSON labelled as XML); `text/*` types, `text/xml`
//! included, travel as text. Docs that type such a body as a model still get JSON
//! (see `infer`): they say nothing the bytes could be made from.

use crate::model::Body;

/// What the client can do with a media type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaClass {
    /// JSON (`application/json`, `*+json`, `text/json`, `*/*`).
    Json,
    /// `multipart/*`.
    Multipart,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// Bytes the client hands over as they are (`application/octet-stream`, images).
    Binary,
    /// `text/*`.
    Text,
    /// Anything else (XML...): sent and received as raw bytes of that type.
    Other,
}

impl MediaClass {
    /// How much the client prefers it: JSON first, then any it knows (form,
    /// multipart, bytes, text) in the order offered, then any other as raw bytes.
    pub fn preference(self) -> u8 {
        match self {
            MediaClass::Json => 0,
            MediaClass::Other => 2,
            _ => 1,
        }
    }

    /// How a request body of this type travels.
    pub fn body(self) -> Body {
        match self {
            MediaClass::Json => Body::Json,
            MediaClass::Multipart => Body::Multipart,
            MediaClass::Form => Body::Form,
            MediaClass::Text => Body::Text,
            MediaClass::Binary | MediaClass::Other => Body::Binary,
        }
    }
}

/// A media type as written, lower case, without parameters (`; charset=utf-8`) or
/// the stray trailing colon some inputs carry.
pub fn clean(raw: &str) -> String {
    let essence = raw.split(';').next().unwrap_or_default();
    essence
        .trim()
        .trim_end_matches(':')
        .trim()
        .to_ascii_lowercase()
}

/// What the client can do with the cleaned-up media type `media`.
pub fn classify(media: &str) -> MediaClass {
    match media {
        "application/json" | "text/json" | "*/*" | "application/*" => MediaClass::Json,
        m if m.ends_with("+json") => MediaClass::Json,
        m if m.starts_with("multipart/") => MediaClass::Multipart,
        "application/x-www-form-urlencoded" => MediaClass::Form,
        "application/octet-stream"
        | "application/pdf"
        | "application/zip"
        | "application/gzip"
        | "application/x-gzip"
        | "application/x-tar"
        | "application/x-7z-compressed"
        | "application/vnd.ms-excel"
        | "application/msword"
        | "application/wasm" => MediaClass::Binary,
        m if m.starts_with("application/vnd.openxmlformats-")
            || m.starts_with("application/vnd.oasis.opendocument.") =>
        {
            MediaClass::Binary
        }
        m if ["image/", "audio/", "video/"]
            .iter()
            .any(|p| m.starts_with(p)) =>
        {
            MediaClass::Binary
        }
        m if m.starts_with("text/") => MediaClass::Text,
        _ => MediaClass::Other,
    }
}

/// Whether `media` (cleaned up) is a wildcard, which says nothing of the bytes.
pub fn is_wildcard(media: &str) -> bool {
    matches!(media, "*/*" | "application/*")
}

/// The media type the model records for a body of kind `body` sent as `media` (as
/// the input writes it): `None` where the runtime's default says the same, raw bytes
/// as `application/octet-stream` (or a wildcard, which says nothing more) and text as
/// `text/plain`; `None` for every other kind, whose media type the kind says.
pub fn recorded(body: Body, media: &str) -> Option<String> {
    match (body, media) {
        (Body::Binary, "application/octet-stream") | (Body::Text, "text/plain") => None,
        (Body::Binary, media) if is_wildcard(media) => None,
        (Body::Binary | Body::Text, media) => Some(media.to_owned()),
        _ => None,
    }
}

/// The index of the media type the client uses among the cleaned-up `offered`: the
/// first it prefers most (see [`MediaClass::preference`]); `None` when none is offered.
pub fn preferred(offered: &[impl AsRef<str>]) -> Option<usize> {
    (0..offered.len()).min_by_key(|&i| classify(offered[i].as_ref()).preference())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_are_cleaned_and_classified() {
        assert_eq!(clean("multipart/form-data:"), "multipart/form-data");
        assert_eq!(
            clean(" Application/JSON; charset=utf-8"),
            "application/json"
        );
        assert_eq!(classify("application/vnd.api+json"), MediaClass::Json);
        assert_eq!(classify("multipart/mixed"), MediaClass::Multipart);
        assert_eq!(classify("image/png"), MediaClass::Binary);
        assert_eq!(classify("text/plain"), MediaClass::Text);
        assert_eq!(classify("application/xml"), MediaClass::Other);
    }

    #[test]
    fn json_is_preferred_then_what_the_client_knows_in_order() {
        assert!(MediaClass::Json.preference() < MediaClass::Multipart.preference());
        assert_eq!(
            MediaClass::Form.preference(),
            MediaClass::Binary.preference()
        );
        assert!(MediaClass::Text.preference() < MediaClass::Other.preference());
        assert_eq!(preferred(&["application/xml", "application/json"]), Some(1));
        assert_eq!(
            preferred(&["application/xml", "text/plain", "image/png"]),
            Some(1)
        );
        assert_eq!(preferred(&["application/xml"]), Some(0));
        let none: [&str; 0] = [];
        assert_eq!(preferred(&none), None);
    }

    #[test]
    fn only_what_the_default_does_not_say_is_recorded() {
        assert_eq!(recorded(Body::Binary, "application/octet-stream"), None);
        assert_eq!(recorded(Body::Binary, "*/*"), None);
        assert_eq!(
            recorded(Body::Binary, "application/zip").as_deref(),
            Some("application/zip")
        );
        assert_eq!(recorded(Body::Text, "text/plain"), None);
        assert_eq!(
            recorded(Body::Text, "text/csv").as_deref(),
            Some("text/csv")
        );
        assert_eq!(recorded(Body::Json, "application/vnd.api+json"), None);
    }

    #[test]
    fn xml_and_unknown_types_travel_as_bytes() {
        assert_eq!(classify("application/xml").body(), Body::Binary);
        assert_eq!(classify("application/zip").body(), Body::Binary);
        assert_eq!(classify("text/csv").body(), Body::Text);
        assert_eq!(classify("application/merge-patch+json").body(), Body::Json);
        assert_eq!(
            classify("application/x-www-form-urlencoded").body(),
            Body::Form
        );
    }
}
