//! Regeneration you can ship (issue 23): the change of the client's public API
//! between two generations, each change with the line that caused it, and the
//! version bump it needs; `generate`, `check` and `changes` as users run them.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::corpus_folder;
use apibind::changes::{compare, surface_of, Bump, Report};

fn pair() -> (PathBuf, PathBuf) {
    let dir = Path::new("tests/fixtures/changes");
    (dir.join("before.yaml"), dir.join("after.yaml"))
}

fn report(old: &Path, new: &Path) -> Report {
    compare(
        &surface_of(old, true).unwrap(),
        &surface_of(new, true).unwrap(),
    )
}

fn change<'r>(report: &'r Report, item: &str) -> (&'static str, &'r str) {
    for (class, list) in [
        ("breaking", &report.breaking),
        ("additive", &report.additive),
        ("other", &report.other),
    ] {
        if let Some(c) = list.iter().find(|c| c.item == item) {
            return (class, c.change.as_str());
        }
    }
    panic!("no change of `{item}` in\n{}", report.markdown("1.0.0"));
}

#[test]
fn each_kind_of_change_is_classed_with_its_line() {
    let (before, after) = pair();
    let report = report(&before, &after);
    assert_eq!(report.bump, Bump::Major);
    let breaking = [
        ("Client::delete_dog", "removed"),
        ("Client::get_dog", "renamed to `Client::fetch_dog`"),
        ("ListDogs::breed", "removed"),
        ("ListDogs::limit", "`i32` → `i64`"),
        ("models::Vet", "removed"),
        ("models::Dog::nickname", "removed"),
        ("models::Dog::age", "type: `Option<i32>` → `Option<f64>`"),
        ("models::NewDog::age", "now required: requests must set it"),
        (
            "models::Dog::name",
            "now optional: responses may leave it out, and code reading it must handle `None`",
        ),
        (
            "models::Size::Medium",
            "added: matches on the enum are exhaustive",
        ),
        ("server::tenant", "added: the client needs its value"),
    ];
    for (item, expected) in breaking {
        assert_eq!(change(&report, item), ("breaking", expected), "{item}");
    }
    assert!(change(&report, "Client::create_dog")
        .1
        .ends_with("→ `(impl Into<String>, crate::models::NewDog) -> crate::models::Dog`"));
    assert!(change(&report, "Client::get_vet")
        .1
        .ends_with("-> crate::models::VetRecord`"));
    assert!(change(&report, "models::Pet")
        .1
        .contains("Bird(crate::models::Bird)"));
    assert_eq!(change(&report, "auth::key").0, "breaking");
    assert_eq!(change(&report, "models::Dog::chip").0, "breaking");
    for item in [
        "Client::list_kennels",
        "ListDogs::color",
        "models::Bird",
        "models::VetRecord",
    ] {
        assert_eq!(change(&report, item).0, "additive", "{item}");
    }
    // Prose, error descriptions and what goes on the wire.
    let others = |item: &str| -> Vec<&str> {
        report
            .other
            .iter()
            .filter(|c| c.item == item)
            .map(|c| c.change.as_str())
            .collect()
    };
    assert_eq!(
        others("Client::list_dogs"),
        [
            "on the wire: names, places or encodings of what it sends changed",
            "docs changed"
        ]
    );
    assert_eq!(
        others("Client::new"),
        ["on the wire: the server's URL changed"],
        "`/{{tenant}}` joined the URL"
    );
    assert_eq!(change(&report, "Client::create_dog").0, "breaking");
    assert!(report.other.iter().any(|c| c.item == "Client::create_dog"));
    // Items of a new model are not listed apart from it.
    assert!(!report
        .additive
        .iter()
        .any(|c| c.item.starts_with("models::Bird::")));
    // A removed item names the old line, a changed one the new.
    let removed = report
        .breaking
        .iter()
        .find(|c| c.item == "Client::delete_dog")
        .unwrap();
    assert!(
        removed
            .at
            .starts_with("tests/fixtures/changes/before.yaml:"),
        "{}",
        removed.at
    );
    insta::assert_snapshot!("changes_report", report.markdown("1.4.2"));
}

#[test]
fn the_same_input_changes_nothing() {
    let (before, _) = pair();
    let report = report(&before, &before);
    assert!(report.is_empty());
    assert_eq!(report.bump, Bump::None);
    assert_eq!(report.summary("1.4.2"), "client API: unchanged");
}

fn apibind(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apibind"))
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn generate_reports_denies_and_bumps_and_check_reports_above_its_diff() {
    let (before, after) = pair();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("kennel");
    let out_s = out.to_str().unwrap();
    let generate = |spec: &Path, extra: &[&str]| {
        let mut args = vec!["generate", "--spec", spec.to_str().unwrap(), "--out", out_s];
        args.extend(extra);
        apibind(&args)
    };
    let first = generate(&before, &[]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(
        !text(&first.stdout).contains("client API"),
        "a new crate has no previous API"
    );
    assert!(out.join("apibind-api.json").is_file());
    // The user released 1.4.2.
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    fs::write(
        out.join("Cargo.toml"),
        manifest.replacen("version = \"0.1.0\"", "version = \"1.4.2\"", 1),
    )
    .unwrap();
    let kept = fs::read_to_string(out.join("src/requests.rs")).unwrap();

    let denied = generate(&after, &["--deny-breaking"]);
    assert!(!denied.status.success());
    let stderr = text(&denied.stderr);
    assert!(
        stderr.contains("- `Client::delete_dog` (method): removed"),
        "{stderr}"
    );
    assert!(stderr.contains("breaking changes (--deny-breaking); nothing was written"));
    assert_eq!(
        fs::read_to_string(out.join("src/requests.rs")).unwrap(),
        kept
    );

    let check = apibind(&["check", "--spec", after.to_str().unwrap(), "--out", out_s]);
    assert!(!check.status.success());
    let stdout = text(&check.stdout);
    let report_at = stdout
        .find("## client API: 17 breaking changes, 4 additions, 5 other changes: needs 2.0.0");
    let diff_at = stdout.find("--- ");
    assert!(report_at.is_some() && report_at < diff_at, "{stdout}");

    // A plain run writes the new code but keeps the release's API, so the change
    // is still reported, and still bumped by the next `--bump`.
    let plain = generate(&after, &[]);
    assert!(plain.status.success());
    assert!(
        text(&plain.stdout).contains("apibind: client API: 17 breaking changes"),
        "{}",
        text(&plain.stdout)
    );
    assert!(fs::read_to_string(out.join("Cargo.toml"))
        .unwrap()
        .contains("\nversion = \"1.4.2\"\n"));
    assert_ne!(
        fs::read_to_string(out.join("src/requests.rs")).unwrap(),
        kept
    );
    let check = apibind(&["check", "--spec", after.to_str().unwrap(), "--out", out_s]);
    assert!(
        check.status.success(),
        "the kept API is not stale: {}",
        text(&check.stdout)
    );

    let bumped = generate(&after, &["--bump"]);
    assert!(bumped.status.success(), "{}", text(&bumped.stderr));
    assert!(
        text(&bumped.stdout).contains(
            "apibind: client API: 17 breaking changes, 4 additions, 5 other changes: needs 2.0.0 \
             (written into Cargo.toml and CHANGELOG.md)"
        ),
        "{}",
        text(&bumped.stdout)
    );
    assert!(fs::read_to_string(out.join("Cargo.toml"))
        .unwrap()
        .contains("\nversion = \"2.0.0\"\n"));
    let changelog = fs::read_to_string(out.join("CHANGELOG.md")).unwrap();
    assert!(
        changelog.starts_with("# Changelog\n\n## 2.0.0\n\n### Breaking\n"),
        "{changelog}"
    );
    assert!(changelog.contains("- `Client::list_kennels` (method): added: GET /kennels"));

    // Regenerating the same input keeps the version and reports nothing.
    let again = generate(&after, &[]);
    assert!(text(&again.stdout).contains("apibind: client API: unchanged"));
    assert!(fs::read_to_string(out.join("Cargo.toml"))
        .unwrap()
        .contains("\nversion = \"2.0.0\"\n"));
    let check = apibind(&[
        "check",
        "--spec",
        after.to_str().unwrap(),
        "--out",
        out_s,
        "--deny-breaking",
    ]);
    assert!(check.status.success(), "{}", text(&check.stdout));
}

#[test]
fn changes_compares_two_inputs_as_json_for_tools() {
    let (before, after) = pair();
    let output = apibind(&[
        "changes",
        before.to_str().unwrap(),
        after.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["bump"], "major");
    assert_eq!(json["breaking"].as_array().unwrap().len(), 17);
    assert_eq!(json["additive"].as_array().unwrap().len(), 4);
    let first = &json["additive"][0];
    assert_eq!(first["item"], "Client::list_kennels");
    assert_eq!(first["kind"], "method");
    assert!(first["at"].as_str().unwrap().contains("after.yaml:"));
    let markdown = apibind(&["changes", before.to_str().unwrap(), after.to_str().unwrap()]);
    assert!(text(&markdown.stdout).starts_with(
        "## client API: 17 breaking changes, 4 additions, 5 other changes: needs a major bump\n"
    ));
}

#[test]
fn the_engage_corpus_against_itself_is_unchanged_and_the_releases_are_not() {
    let Some(engage) = corpus_folder("engage-digital") else {
        return;
    };
    let docs = engage.join("docs");
    assert!(report(&docs, &docs).is_empty());

    let versions = corpus_folder("versions").unwrap();
    let onesignal = versions.join("onesignal-go");
    let docs = report(
        &onesignal.join("5.3.0-beta1/docs"),
        &onesignal.join("5.13.0/docs"),
    );
    assert_eq!(docs.bump, Bump::Major);
    // 5.13.0's docs add `email_bcc` to `BasicNotification` (its line 114).
    let (class, what) = change(&docs, "models::BasicNotification::email_bcc");
    assert_eq!(class, "breaking");
    assert!(what.starts_with("added (Option<Vec<String>>)"), "{what}");

    let discord = report(
        &versions.join("discord/2025-10-17.json"),
        &versions.with_file_name("specs").join("discord.json"),
    );
    assert_eq!(discord.bump, Bump::Major);
    assert!(!discord.additive.is_empty());
}

#[test]
fn a_build_script_keeps_the_api_it_built_for_the_next_build() {
    let (before, after) = pair();
    let out_dir = tempfile::tempdir().unwrap();
    apibind::Config::new()
        .spec(&before)
        .write_out_dir_to(out_dir.path())
        .unwrap();
    let kept = apibind::changes::read_surface(out_dir.path())
        .unwrap()
        .unwrap();
    let next = surface_of(&after, true).unwrap();
    let warning = compare(&kept, &next).build_warning().unwrap();
    assert!(
        warning.starts_with("client API: 17 breaking changes, 4 additions, 5 other changes since the last build, e.g. `Client::create_dog`"),
        "{warning}"
    );
}
