//! Paths to operations, grouped by their first tag in spec order.

use super::context::{Resolved, Spec};
use super::names::{operation_name, param_name, upper_camel};
use super::node::Node;
use crate::model::{Group, Location, Method, Operation, Param, ParamStyle, TypeRef};
use crate::template::Template;

/// Keys of a path item that are not operations.
const PATH_ITEM_KEYS: [&str; 5] = ["parameters", "summary", "description", "servers", "$ref"];

impl<'a> Spec<'a> {
    /// Every operation, in groups named after their first tag; untagged operations go
    /// to `default_group`.
    pub fn groups(&mut self, default_group: &str) -> Vec<Group> {
        let Some(paths) = self.root.get("paths") else {
            self.warn("#", "the spec has no `paths`: the client has no operations");
            return Vec::new();
        };
        if !paths.is_map() {
            self.error(
                &paths.pointer,
                "`paths` must be a mapping of paths to operations",
            );
            return Vec::new();
        }
        let mut groups: Vec<Group> = Vec::new();
        for (path, site) in paths.entries() {
            if path.starts_with("x-") {
                continue;
            }
            for (tag, operation) in self.path_item(&path, &site) {
                let group = upper_camel(tag.as_deref().unwrap_or_default());
                let group = if group.is_empty() {
                    default_group.to_owned()
                } else {
                    group
                };
                match groups.iter_mut().find(|g| g.name == group) {
                    Some(existing) => existing.operations.push(operation),
                    None => {
                        let at = self.group_at(tag.as_deref(), &operation);
                        groups.push(Group {
                            name: group,
                            operations: vec![operation],
                            at,
                        });
                    }
                }
            }
        }
        groups
    }

    /// Where a group is declared: its tag in the top-level `tags`, else its first
    /// operation.
    fn group_at(&self, tag: Option<&str>, first: &Operation) -> crate::model::Provenance {
        let declared = self
            .root
            .get("tags")
            .map(|t| t.items())
            .unwrap_or_default()
            .into_iter()
            .find(|t| tag.is_some() && t.get_str("name") == tag);
        match declared {
            Some(node) => self.at(&node.pointer),
            None => first.at.clone(),
        }
    }

    /// The operations of one path item, each with its first tag.
    fn path_item(&mut self, path: &str, site: &Node<'a>) -> Vec<(Option<String>, Operation)> {
        if !path.starts_with('/') {
            self.warn(
                &site.pointer,
                format!("path `{path}` does not start with `/`"),
            );
        }
        let item = match self.resolve(site) {
            Resolved::Found(item) => item,
            Resolved::Missing(text) => {
                self.error(
                    &site.pointer,
                    format!("`$ref: {text}` points at no path item"),
                );
                return Vec::new();
            }
            Resolved::Invalid => return Vec::new(),
        };
        let mut operations = Vec::new();
        for (key, op) in item.entries() {
            match key.parse::<Method>() {
                Ok(method) => {
                    if let Some(operation) = self.operation(&item, &op, method, path) {
                        let tag = op.get("tags").and_then(|t| {
                            t.items().first().and_then(|t| t.str().map(str::to_owned))
                        });
                        operations.push((tag, operation));
                    }
                }
                Err(_) if PATH_ITEM_KEYS.contains(&key.as_str()) || key.starts_with("x-") => {}
                Err(_) if key.eq_ignore_ascii_case("trace") => self.warn(
                    &op.pointer,
                    "TRACE operations are not supported: this one is left out",
                ),
                Err(_) => self.warn(
                    &op.pointer,
                    format!("`{key}` is not an HTTP method or a path item field: it is ignored"),
                ),
            }
        }
        operations
    }

    fn operation(
        &mut self,
        item: &Node<'a>,
        op: &Node<'a>,
        method: Method,
        path: &str,
    ) -> Option<Operation> {
        if !op.is_map() {
            self.error(&op.pointer, "an operation must be a mapping");
            return None;
        }
        let name = operation_name(op.get_str("operationId"), method, path);
        self.in_operation(&name, |spec| {
            spec.read_operation(item, op, method, path, name.clone())
        })
    }

    /// [`Self::operation`] once its name is known.
    fn read_operation(
        &mut self,
        item: &Node<'a>,
        op: &Node<'a>,
        method: Method,
        path: &str,
        name: String,
    ) -> Operation {
        let listed = self.operation_params(item, op, &name);
        let (body, body_params, content_type) = self.request_body(op, &name, &listed);
        let mut params = listed.params;
        params.extend(body_params);
        self.add_missing_path_params(&mut params, path, op);
        let outcome = self.responses(op, &name);
        Operation {
            summary: op.get_text("summary"),
            description: op.get_prose("description"),
            method,
            path: path.to_owned(),
            params,
            body,
            content_type,
            returns: outcome.returns,
            accept: outcome.accept,
            errors: outcome.errors,
            // Paging is a rule over the finished model (`crate::paging::detect`).
            paging: None,
            security: self.operation_security(op),
            at: self.at(&op.pointer),
            name,
        }
    }

    /// A `{placeholder}` of the path with no parameter is a required string: that is
    /// all a path segment can be. Specs that forget to declare one get it, with a
    /// warning.
    fn add_missing_path_params(&mut self, params: &mut Vec<Param>, path: &str, op: &Node<'a>) {
        for placeholder in Template::new(path).placeholders() {
            let declared = params
                .iter()
                .any(|p| p.location == Location::Path && p.wire_name == placeholder);
            if declared || placeholder.is_empty() {
                continue;
            }
            self.warn(
                &op.pointer,
                format!("the path has `{{{placeholder}}}` but no path parameter of that name: it is read as a required string"),
            );
            params.push(Param {
                name: param_name(placeholder, &TypeRef::String, self.naming),
                wire_name: placeholder.to_owned(),
                location: Location::Path,
                required: true,
                ty: TypeRef::String,
                enum_values: Vec::new(),
                default: None,
                description: None,
                style: ParamStyle::Standard,
                allow_reserved: false,
                wire_rule: crate::model::WireRule::Spec,
                at: self.at(&op.pointer),
            });
        }
    }
}
