//! Media types: cleaning them up (`multipart/form-data:` with its stray colon) and
//! choosing one when an operation offers several. The client speaks JSON first.

use super::context::Spec;
use super::node::Node;

/// What the client can do with a media type, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum MediaClass {
    /// JSON (`application/json`, `*+json`, `*/*`).
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
    fn preference(self) -> u8 {
        match self {
            MediaClass::Json => 0,
            MediaClass::Other => 2,
            _ => 1,
        }
    }
}

/// The media type chosen from a `content` map (or a `consumes`/`produces` list).
#[derive(Clone, Debug)]
pub(super) struct Choice<'a> {
    /// The cleaned-up media type, e.g. `multipart/form-data`.
    pub media: String,
    /// What the client can do with it.
    pub class: MediaClass,
    /// Its node (the media type object, or the list entry).
    pub node: Node<'a>,
}

/// A media type as written, lower case, without parameters (`; charset=utf-8`) or
/// the stray trailing colon some specs carry.
pub(super) fn clean(raw: &str) -> String {
    let essence = raw.split(';').next().unwrap_or_default();
    essence
        .trim()
        .trim_end_matches(':')
        .trim()
        .to_ascii_lowercase()
}

/// What the client can do with the cleaned-up media type `media`.
pub(super) fn classify(media: &str) -> MediaClass {
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

impl<'a> Spec<'a> {
    /// The best of `offered` (media type as written, and its node): JSON, else the
    /// first the client knows, else the first. A stray colon is a warning; a choice among several is a note
    /// saying which one the client uses, for `what` (e.g. "the request body of
    /// `CreatePet`").
    pub fn choose_media(
        &mut self,
        offered: Vec<(String, Node<'a>)>,
        list: &Node<'a>,
        what: &str,
    ) -> Option<Choice<'a>> {
        let mut choices: Vec<Choice<'a>> = Vec::new();
        for (raw, node) in offered {
            let media = clean(&raw);
            if raw.trim().ends_with(':') {
                self.warn(
                    &node.pointer,
                    format!("media type `{raw}` has a stray `:`; read as `{media}`"),
                );
            }
            choices.push(Choice {
                class: classify(&media),
                media,
                node,
            });
        }
        let best = choices.iter().min_by_key(|c| c.class.preference())?.clone();
        let mut names: Vec<&str> = Vec::new();
        for choice in &choices {
            if !names.contains(&choice.media.as_str()) {
                names.push(&choice.media);
            }
        }
        if names.len() > 1 {
            self.note(
                &list.pointer,
                format!(
                    "{what} is offered as {}; the client uses `{}`",
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    best.media
                ),
            );
        }
        Some(best)
    }

    /// The entries of a `content` map, or of a `consumes`/`produces` list, as
    /// choices for [`Spec::choose_media`].
    pub fn offered(&self, list: &Node<'a>) -> Vec<(String, Node<'a>)> {
        match list.is_map() {
            true => list.entries(),
            false => list
                .items()
                .into_iter()
                .filter_map(|n| n.str().map(|s| (s.to_owned(), n.clone())))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_are_cleaned_and_ranked() {
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
        assert!(MediaClass::Json.preference() < MediaClass::Multipart.preference());
        assert_eq!(
            MediaClass::Form.preference(),
            MediaClass::Binary.preference()
        );
        assert!(MediaClass::Text.preference() < MediaClass::Other.preference());
    }
}
