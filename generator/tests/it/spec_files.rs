//! Specs split over files (`$ref`s to other files of the spec's folder) and folders of
//! specs, merged into one API; `$ref`s leaving the folder are refused.

use crate::common::{compile, fixture};
use apibind::diagnostic::Severity;
use apibind::Config;

fn warnings(loaded: &apibind::Loaded) -> Vec<String> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.to_string())
        .collect()
}

fn names(loaded: &apibind::Loaded) -> (Vec<String>, Vec<String>) {
    let ops = loaded.api.operations().map(|op| op.name.clone()).collect();
    let models = loaded.api.models.iter().map(|m| m.name.clone()).collect();
    (ops, models)
}

fn split() -> Config {
    Config::new()
        .spec(fixture("spec-files/split/openapi.yaml"))
        .no_overlay()
}

#[test]
fn a_split_spec_reads_its_files_and_refuses_refs_leaving_its_folder() {
    let loaded = split().load().unwrap_or_else(|e| panic!("{e}"));
    let (ops, models) = names(&loaded);
    assert_eq!(ops, ["ListPets", "GetPet", "ListOwners"]);
    // `schemas/Pet.yaml` is named after its file; component schemas of `common.yaml`
    // (and the ones they refer to) keep their names.
    assert_eq!(models, ["Address", "Error", "Owner", "Pet", "Tag"]);
    let list = crate::common::op(&loaded.api, "ListPets");
    assert_eq!(
        crate::common::params(list),
        [(
            "limit".to_owned(),
            "limit".to_owned(),
            apibind::model::Location::Query,
            "int32".to_owned(),
            false
        )]
    );
    assert_eq!(list.returns.as_ref().unwrap().to_string(), "array<Pet>");
    assert_eq!(
        crate::common::op(&loaded.api, "GetPet")
            .returns
            .as_ref()
            .unwrap()
            .to_string(),
        "Pet"
    );
    assert_eq!(loaded.left_out, ["EscapeHatch"]);
    let warnings = warnings(&loaded);
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("`$ref: /etc/hosts.yaml#/Host` in ")
                && w.contains("is refused: it is an absolute path")),
        "{warnings:#?}"
    );
    assert!(
        warnings[0].contains("`$ref: https://example.com/schemas.yaml#/Origin` in ")
            && warnings[0].contains("split/openapi.yaml is refused: it is a URL"),
        "{warnings:#?}"
    );
    assert!(
        warnings[2].contains("`EscapeHatch` is left out"),
        "{warnings:#?}"
    );
    assert!(
        warnings[2].contains("`$ref: ../outside.yaml#/Outside` in ")
            && warnings[2].contains("is refused: it leaves the spec's folder"),
        "{warnings:#?}"
    );
    // Every file read is an input; the one outside is not read.
    let inputs: Vec<String> = loaded
        .inputs
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    for file in [
        "parameters.yaml",
        "schemas/Pet.yaml",
        "common.yaml",
        "openapi.yaml",
    ] {
        assert!(
            inputs.iter().any(|i| i.ends_with(&format!("split/{file}"))),
            "{inputs:#?}"
        );
    }
    assert!(
        !inputs.iter().any(|i| i.ends_with("outside.yaml")),
        "{inputs:#?}"
    );
}

#[test]
fn a_folder_of_specs_is_one_api() {
    let folder = fixture("spec-files/folder");
    let config = Config::new().spec(&folder).no_overlay();
    let loaded = config.load().unwrap_or_else(|e| panic!("{e}"));
    let (ops, models) = names(&loaded);
    assert_eq!(ops, ["ListPets", "ListOwners"]);
    assert_eq!(models, ["Owner", "Pet"]);
    assert_eq!(loaded.api.title, "Folder Pets");
    assert_eq!(loaded.api.base_url.template, "https://folder.example.com");
    let warnings = warnings(&loaded);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].contains("model `Pet` of ")
            && warnings[0].contains("b-owners.yaml differs from the one of")
    );
    let inputs = config.input_paths();
    assert_eq!(inputs[0], folder);
    for file in ["a-pets.yaml", "b-owners.yaml", "shared.yaml"] {
        assert!(inputs.contains(&folder.join(file)), "{inputs:#?}");
    }
}

#[test]
fn a_split_spec_compiles() {
    let dir = tempfile::tempdir().unwrap();
    let (_, summary) = split()
        .crate_name("split-pets")
        .write_crate(dir.path())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(summary.operations, 3);
    compile(dir.path());
}

/// A spec split over more files than any fixed count (a cloud provider's is split over
/// thousands): every file is read, so every path parameter keeps its type.
#[test]
fn a_spec_of_a_thousand_files_reads_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = String::new();
    for n in 0..1_000 {
        paths.push_str(&format!(
            "  /things{n}/{{thing_id}}:\n    get:\n      operationId: getThing{n}\n      \
             parameters: [{{$ref: 'params/p{n}.yaml'}}]\n      responses: {{'204': {{description: ok}}}}\n"
        ));
        std::fs::create_dir_all(dir.path().join("params")).unwrap();
        std::fs::write(
            dir.path().join(format!("params/p{n}.yaml")),
            "name: thing_id\nin: path\nrequired: true\nschema: {type: integer, format: int64}\n",
        )
        .unwrap();
    }
    let spec = format!(
        "openapi: 3.0.3\ninfo: {{title: Many, version: '1'}}\nservers: [{{url: 'https://x.test'}}]\npaths:\n{paths}"
    );
    std::fs::write(dir.path().join("openapi.yaml"), spec).unwrap();
    let loaded = Config::new()
        .spec(dir.path().join("openapi.yaml"))
        .no_overlay()
        .load()
        .unwrap();
    assert_eq!(warnings(&loaded), Vec::<String>::new());
    assert_eq!(loaded.api.operations().count(), 1_000);
    assert!(loaded
        .api
        .operations()
        .all(|op| op.params.len() == 1 && op.params[0].ty == apibind::model::TypeRef::Int64));
}
