//! Choosing a media type when an operation offers several, with the spec's
//! diagnostics; what each type is and which the client prefers is [`crate::media`]'s,
//! the same for docs and specs.

use super::context::Spec;
use super::node::Node;

use crate::media::{self, classify, clean, MediaClass};

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
        let medias: Vec<&str> = choices.iter().map(|c| c.media.as_str()).collect();
        let best = choices[media::preferred(&medias)?].clone();
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
