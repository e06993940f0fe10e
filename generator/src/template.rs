//! URL templates with `{name}` placeholders: operation paths (`/pets/{petId}`) and
//! server URLs (`https://{domain}.example.com/v1`). The docs' and the spec's readers,
//! the overlay and validation all read them through [`Template`].

use crate::model::ServerVariable;

/// A path or server URL template, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Template<'a> {
    text: &'a str,
}

impl<'a> Template<'a> {
    /// The template `text`.
    pub fn new(text: &'a str) -> Self {
        Template { text }
    }

    /// The names of its `{name}` placeholders, in order, repeats included: the text
    /// between a `{` and the first `}` after it with no `{` between, so `/a/{x/{b}`
    /// holds `b`, and a `{` never closed holds nothing.
    pub fn placeholders(self) -> impl Iterator<Item = &'a str> {
        self.text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
    }

    /// Whether `name` is one of its placeholders.
    pub fn has(self, name: &str) -> bool {
        self.placeholders().any(|p| p == name)
    }

    /// One server variable per distinct placeholder, in order, with nothing known of
    /// it yet (no description, default or allowed values).
    pub fn variables(self) -> Vec<ServerVariable> {
        let mut variables: Vec<ServerVariable> = Vec::new();
        for name in self.placeholders() {
            if !variables.iter().any(|v| v.name == name) {
                variables.push(ServerVariable {
                    name: name.to_owned(),
                    description: None,
                    default: None,
                    values: Vec::new(),
                });
            }
        }
        variables
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_read_in_order() {
        let path = Template::new("/gardens/{garden_id}/plants/{plantId}.json");
        assert_eq!(
            path.placeholders().collect::<Vec<_>>(),
            ["garden_id", "plantId"]
        );
        assert!(path.has("plantId") && !path.has("plant_id"));
        assert_eq!(Template::new("/a/{open").placeholders().count(), 0);
        assert_eq!(
            Template::new("/a/{x/{b}")
                .placeholders()
                .collect::<Vec<_>>(),
            ["b"]
        );
        assert_eq!(
            Template::new("/a/{}").placeholders().collect::<Vec<_>>(),
            [""]
        );
    }

    #[test]
    fn server_variables_are_each_placeholder_once() {
        let url = Template::new("{scheme}://{region}.{domain}.example.com/{region}");
        let names: Vec<String> = url.variables().into_iter().map(|v| v.name).collect();
        assert_eq!(names, ["scheme", "region", "domain"]);
        assert!(url
            .variables()
            .iter()
            .all(|v| v.default.is_none() && v.values.is_empty()));
    }
}
