//! The specs of one folder, merged into one API: the first one's title, servers and
//! security, the operations and models of all.

use crate::diagnostic::Diagnostics;
use crate::model::{Api, Group, ModelKind, Provenance};

/// Adds the operations and models of the spec `next` (file `next_name`) to `first`
/// (file `first_name`). An operation or model already there is kept; when the two
/// differ, with a warning. The auth schemes are the first spec's, or the next one's
/// when the first declares none.
pub fn merge_specs(
    mut first: Api,
    first_name: &str,
    next: Api,
    next_name: &str,
    diagnostics: &mut Diagnostics,
) -> Api {
    for group in next.groups {
        let index = match first.groups.iter().position(|g| g.name == group.name) {
            Some(index) => index,
            None => {
                first.groups.push(Group {
                    operations: Vec::new(),
                    ..group.clone()
                });
                first.groups.len() - 1
            }
        };
        for op in group.operations {
            let existing = first.operations().find(|o| o.name == op.name);
            match existing {
                None => first.groups[index].operations.push(op),
                Some(existing) if existing.method == op.method && existing.path == op.path => {}
                Some(_) => {
                    diagnostics.warning(
                        Some(&op.at),
                        format!(
                            "operation `{}` of {next_name} is left out: {first_name} has an \
                             operation of that name",
                            op.name
                        ),
                    );
                }
            }
        }
    }
    for model in next.models {
        match first.models.iter().find(|m| m.name == model.name) {
            None => first.models.push(model),
            Some(existing) => {
                if !same_shape(&existing.kind, &model.kind) {
                    diagnostics.warning(
                        Some(&model.at),
                        format!(
                            "model `{}` of {next_name} differs from the one of {first_name}, \
                             which is kept",
                            model.name
                        ),
                    );
                }
            }
        }
    }
    first.models.sort_by(|a, b| a.name.cmp(&b.name));
    if first.auth.is_empty() {
        first.auth = next.auth;
    }
    first
}

/// Whether two declarations of a model say the same, wherever each stands: a field's
/// line is where it was read, not what it is.
fn same_shape(a: &ModelKind, b: &ModelKind) -> bool {
    let unplaced = |kind: &ModelKind| {
        let mut kind = kind.clone();
        if let ModelKind::Struct { fields } = &mut kind {
            for field in fields {
                field.at = Provenance::new("", 0);
            }
        }
        kind
    };
    serde_json::to_value(unplaced(a)).ok() == serde_json::to_value(unplaced(b)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::load_spec;

    fn spec(paths: &str, schemas: &str) -> Api {
        load_spec(&format!(
            "openapi: 3.0.0\ninfo: {{title: t, version: '1'}}\nservers: [{{url: 'https://x.test'}}]\npaths:\n{paths}components:\n  schemas:\n{schemas}"
        ))
    }

    fn get(path: &str, id: &str) -> String {
        format!("  {path}:\n    get:\n      operationId: {id}\n      tags: [pets]\n      responses: {{'200': {{description: ok}}}}\n")
    }

    #[test]
    fn operations_and_models_of_every_spec_are_kept_once() {
        let first = spec(
            &get("/pets", "listPets"),
            "    Pet: {type: object, properties: {id: {type: string}}}\n",
        );
        let next = spec(
            &format!("{}{}", get("/pets", "listPets"), get("/owners", "listOwners")),
            "    Pet: {type: object, properties: {id: {type: string}}}\n    Owner: {type: string}\n",
        );
        let mut diagnostics = Diagnostics::new();
        let merged = merge_specs(first, "a.yaml", next, "b.yaml", &mut diagnostics);
        let names: Vec<&str> = merged.operations().map(|op| op.name.as_str()).collect();
        assert_eq!(names, ["ListPets", "ListOwners"]);
        let models: Vec<&str> = merged.models.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(models, ["Owner", "Pet"]);
        let said: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
        assert!(said.is_empty(), "{said:?}");
    }

    #[test]
    fn a_clash_keeps_the_first_with_a_warning() {
        let first = spec(&get("/pets", "list"), "    Pet: {type: string}\n");
        let next = spec(&get("/owners", "list"), "    Pet: {type: integer}\n");
        let mut diagnostics = Diagnostics::new();
        let merged = merge_specs(first, "a.yaml", next, "b.yaml", &mut diagnostics);
        assert_eq!(merged.operations().count(), 1);
        assert_eq!(merged.operations().next().unwrap().path, "/pets");
        let warnings: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("operation `List` of b.yaml is left out"));
        assert!(warnings[1].contains("model `Pet` of b.yaml differs from the one of a.yaml"));
    }
}
