//! What changed in a generated client's public API between two generations, and the
//! version bump it needs under Cargo's semver rules.
//!
//! Two [`Surface`]s are compared item by item (methods with their required
//! arguments and return types, setters, models, fields, enum values, union variants,
//! constructors, server variables, auth schemes). Each change is breaking (code that
//! compiled against the old crate may not compile or may fail), additive (a new item
//! nothing used before can break on), or neither (docs). Every change names the docs
//! or spec line it comes from.

use std::fmt::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::emit::surface::{Item, Kind, Surface, SURFACE_FILE};
use crate::error::Error;

/// One change of the client's API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The item's path in the crate, e.g. `Client::list_plants`.
    pub item: String,
    /// What the item is, e.g. `method`.
    pub kind: &'static str,
    /// What changed, e.g. `removed`, or `type: i32 → i64`.
    pub change: String,
    /// The docs or spec line that caused it (the old one for a removed item).
    pub at: String,
}

/// The changes of the client's API, by class, and the bump they need.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Changes after which code that used the crate may no longer compile or work.
    pub breaking: Vec<Change>,
    /// New items: nothing that compiled before breaks.
    pub additive: Vec<Change>,
    /// Neither: docs and error descriptions, and what requests send (wire names,
    /// routes, the server's URL): how the client behaves, not the code using it.
    pub other: Vec<Change>,
    /// The bump the changes need, as for a crate at 1.0 or later.
    pub bump: Bump,
}

/// A version bump.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    /// The API is the same.
    #[default]
    None,
    /// Docs, or what goes on the wire, only.
    Patch,
    /// Additions.
    Minor,
    /// Breaking changes.
    Major,
}

impl Bump {
    /// `version` bumped, by Cargo's rules: for 0.x versions a breaking change bumps
    /// the minor number and an addition the patch number. A pre-release is released
    /// (`1.0.0-rc.1` → `1.0.0`) when that is bump enough. `None` when `version` is not
    /// `MAJOR.MINOR.PATCH` or a number would overflow.
    pub fn apply(self, version: &str) -> Option<String> {
        let v = semver::Version::parse(version).ok()?;
        if self == Bump::None {
            return Some(v.to_string());
        }
        // Which number the bump moves: 0 major, 1 minor, 2 patch.
        let position = match (self, v.major == 0) {
            (Bump::Major, false) => 0,
            (Bump::Major, true) | (Bump::Minor, false) => 1,
            _ => 2,
        };
        let numbers = [v.major, v.minor, v.patch];
        // The release of `X.Y.0-pre` is already a minor bump past `X.(Y-1).*`.
        let released_enough = !v.pre.is_empty() && numbers[position + 1..].iter().all(|n| *n == 0);
        let mut next = numbers;
        if !released_enough {
            next[position] = next[position].checked_add(1)?;
            for n in &mut next[position + 1..] {
                *n = 0;
            }
        }
        Some(semver::Version::new(next[0], next[1], next[2]).to_string())
    }
}

/// Compares the crate's API before (`old`) and after (`new`).
pub fn compare(old: &Surface, new: &Surface) -> Report {
    let mut report = Report::default();
    let renamed = renames(old, new);
    for (path, before) in &old.items {
        match new.items.get(path) {
            None => {
                if let Some((_, to)) = renamed.iter().find(|(from, _)| from == path) {
                    let item = &new.items[to];
                    report.push(
                        Class::Breaking,
                        path,
                        before,
                        format!("renamed to `{to}`"),
                        &item.at,
                    );
                } else if !parent_gone(path, old, new) && !model_reshaped(path, old, new) {
                    report.push(
                        Class::Breaking,
                        path,
                        before,
                        "removed".to_owned(),
                        &before.at,
                    );
                }
            }
            Some(after) => changed(path, before, after, &mut report),
        }
    }
    for (path, after) in &new.items {
        if old.items.contains_key(path)
            || renamed.iter().any(|(_, to)| to == path)
            || parent_new(path, old, new)
            || model_reshaped(path, new, old)
        {
            continue;
        }
        let (class, change) = added(after);
        report.push(class, path, after, change, &after.at);
    }
    for class in [
        &mut report.breaking,
        &mut report.additive,
        &mut report.other,
    ] {
        class.sort_by(|a, b| a.item.cmp(&b.item));
    }
    report.bump = match (
        &report.breaking[..],
        &report.additive[..],
        &report.other[..],
    ) {
        ([_, ..], _, _) => Bump::Major,
        ([], [_, ..], _) => Bump::Minor,
        ([], [], [_, ..]) => Bump::Patch,
        ([], [], []) => Bump::None,
    };
    report
}

enum Class {
    Breaking,
    Additive,
    Other,
}

impl Report {
    fn push(&mut self, class: Class, path: &str, item: &Item, change: String, at: &str) {
        let change = Change {
            item: path.to_owned(),
            kind: item.kind.as_str(),
            change,
            at: at.to_owned(),
        };
        match class {
            Class::Breaking => self.breaking.push(change),
            Class::Additive => self.additive.push(change),
            Class::Other => self.other.push(change),
        }
    }

    /// Whether the API is the same.
    pub fn is_empty(&self) -> bool {
        self.breaking.is_empty() && self.additive.is_empty() && self.other.is_empty()
    }

    /// `client API: 2 breaking changes, 5 additions: needs 2.0.0`, for a crate now at
    /// `version`; `client API: unchanged` when nothing changed.
    pub fn summary(&self, version: &str) -> String {
        if self.is_empty() {
            return "client API: unchanged".to_owned();
        }
        let needs = match self.bump.apply(version) {
            Some(next) => format!("needs {next}"),
            None => format!("needs a {} bump", self.bump.as_str()),
        };
        format!("client API: {}: {needs}", self.counts())
    }

    /// `2 breaking changes, 5 additions, 1 other change`.
    pub fn counts(&self) -> String {
        let count = |n: usize, one: &str, many: &str| match n {
            1 => format!("1 {one}"),
            n => format!("{n} {many}"),
        };
        let mut parts = Vec::new();
        if !self.breaking.is_empty() {
            parts.push(count(
                self.breaking.len(),
                "breaking change",
                "breaking changes",
            ));
        }
        if !self.additive.is_empty() {
            parts.push(count(self.additive.len(), "addition", "additions"));
        }
        if !self.other.is_empty() {
            parts.push(count(self.other.len(), "other change", "other changes"));
        }
        parts.join(", ")
    }

    /// A build script's warning of a breaking change, in one line: how many changes,
    /// and the first breaking one with its line. `None` when nothing breaks.
    pub fn build_warning(&self) -> Option<String> {
        let first = self.breaking.first()?;
        Some(format!(
            "client API: {} since the last build, e.g. `{}`: {} ({}); code using the client may no longer compile",
            self.counts(),
            first.item,
            first.change.replace('\n', " "),
            first.at
        ))
    }

    /// The changelog's last line of a release: `Generated by apibind: 2 breaking, 5
    /// additive, 0 other.`
    pub fn summary_of_changes(&self) -> String {
        format!(
            "Generated by apibind: {} breaking, {} additive, {} other.",
            self.breaking.len(),
            self.additive.len(),
            self.other.len()
        )
    }

    /// The report in markdown, for a crate now at `version`: a heading with the
    /// summary, then a list per class.
    pub fn markdown(&self, version: &str) -> String {
        format!("## {}\n{}", self.summary(version), self.lists())
    }

    /// A `### Breaking`, `### Added` and `### Other` list, each item with its line;
    /// a class without changes is left out.
    fn lists(&self) -> String {
        let mut out = String::new();
        for (title, changes) in [
            ("Breaking", &self.breaking),
            ("Added", &self.additive),
            ("Other (docs, and what goes on the wire)", &self.other),
        ] {
            if changes.is_empty() {
                continue;
            }
            let _ = write!(out, "\n### {title}\n\n");
            for c in changes {
                let _ = writeln!(out, "- `{}` ({}): {} ({})", c.item, c.kind, c.change, c.at);
            }
        }
        out
    }
}

impl Bump {
    /// `major`, `minor`, `patch` or `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How `before` became `after`, one item kept under its path.
fn changed(path: &str, before: &Item, after: &Item, report: &mut Report) {
    if before.signature != after.signature || before.kind != after.kind {
        let (class, change) = match after.kind {
            Kind::ServerVariable if before.signature == "required" => {
                (Class::Additive, format!("now has a {}", after.signature))
            }
            Kind::ServerVariable if after.signature == "required" => (
                Class::Breaking,
                "now required: the client needs its value".to_owned(),
            ),
            Kind::ServerVariable => (
                Class::Breaking,
                format!(
                    "{} → {}: clients that set none now reach another server",
                    before.signature, after.signature
                ),
            ),
            Kind::Field => (Class::Breaking, field_change(before, after)),
            Kind::Method => (
                Class::Breaking,
                format!(
                    "arguments or return type: `{}` → `{}`",
                    before.signature, after.signature
                ),
            ),
            Kind::Model if after.signature.starts_with("union") => (
                Class::Breaking,
                format!(
                    "variants: `{}` → `{}` (matches on the union are exhaustive)",
                    before.signature, after.signature
                ),
            ),
            _ => (
                Class::Breaking,
                format!("`{}` → `{}`", before.signature, after.signature),
            ),
        };
        report.push(class, path, after, change, &after.at);
    }
    // A surface kept before apibind recorded wire facts has none to compare.
    if !before.wire.is_empty() && before.wire != after.wire {
        let change = match (after.kind, before.route != after.route) {
            (Kind::Constructor, _) => "on the wire: the server's URL changed".to_owned(),
            (_, true) => format!("on the wire: route `{}` → `{}`", before.route, after.route),
            (_, false) => {
                "on the wire: names, places or encodings of what it sends changed".to_owned()
            }
        };
        report.push(Class::Other, path, after, change, &after.at);
    }
    if before.docs != after.docs {
        report.push(
            Class::Other,
            path,
            after,
            "docs changed".to_owned(),
            &after.at,
        );
    }
}

/// A field's type change, in words when it is only its `Option`.
fn field_change(before: &Item, after: &Item) -> String {
    let optional = |s: &str| {
        s.strip_prefix("Option<")
            .and_then(|s| s.strip_suffix('>'))
            .map(str::to_owned)
    };
    if optional(&before.signature).as_deref() == Some(after.signature.as_str()) {
        return match after.roles.request {
            true => "now required: requests must set it".to_owned(),
            false => "now required: its type loses the `Option`".to_owned(),
        };
    }
    if optional(&after.signature).as_deref() == Some(before.signature.as_str()) {
        return match after.roles.response {
            true => {
                "now optional: responses may leave it out, and code reading it must handle `None`"
                    .to_owned()
            }
            false => "now optional: its type gains an `Option`".to_owned(),
        };
    }
    format!("type: `{}` → `{}`", before.signature, after.signature)
}

/// Whether a new item breaks code, and what to say of it.
fn added(item: &Item) -> (Class, String) {
    match item.kind {
        Kind::Field => (
            Class::Breaking,
            format!(
                "added ({}): struct literals of the model must name it",
                item.signature
            ),
        ),
        Kind::Variant => (
            Class::Breaking,
            "added: matches on the enum are exhaustive".to_owned(),
        ),
        Kind::ServerVariable if item.signature == "required" => (
            Class::Breaking,
            "added: the client needs its value".to_owned(),
        ),
        Kind::AuthScheme => (
            Class::Breaking,
            format!("added ({}): calls need its credential", item.signature),
        ),
        Kind::Method => (Class::Additive, format!("added: {}", item.route)),
        _ => (Class::Additive, "added".to_owned()),
    }
}

/// Methods gone under one name and new under another for the same route
/// (`GET /plants`): renamed.
fn renames(old: &Surface, new: &Surface) -> Vec<(String, String)> {
    let mut renamed = Vec::new();
    for (path, before) in &old.items {
        if before.kind != Kind::Method || before.route.is_empty() || new.items.contains_key(path) {
            continue;
        }
        let twin = new.items.iter().find(|(to, after)| {
            after.kind == Kind::Method
                && after.route == before.route
                && !old.items.contains_key(*to)
        });
        if let Some((to, _)) = twin {
            renamed.push((path.clone(), to.clone()));
        }
    }
    renamed
}

/// Whether `path`'s model (or method) is gone too: its removal says it all.
fn parent_gone(path: &str, old: &Surface, new: &Surface) -> bool {
    owner(path, old).is_some_and(|owner| !new.items.contains_key(owner))
}

/// Whether `path`'s model (or method) is new too: its addition says it all.
fn parent_new(path: &str, old: &Surface, new: &Surface) -> bool {
    owner(path, new).is_some_and(|owner| !old.items.contains_key(owner))
}

/// Whether `path` (in `from`) is a field or value of a model that is another kind
/// of type in `to` (an alias become a struct, an enum a union): the model's own
/// change says it all.
fn model_reshaped(path: &str, from: &Surface, to: &Surface) -> bool {
    let Some(owner) = owner(path, from) else {
        return false;
    };
    match (model_signature(from, owner), model_signature(to, owner)) {
        (Some(a), Some(b)) => a != b,
        _ => false,
    }
}

/// The signature of model `path` in `surface`, if it has one.
fn model_signature<'s>(surface: &'s Surface, path: &str) -> Option<&'s str> {
    surface
        .items
        .get(path)
        .filter(|item| item.kind == Kind::Model)
        .map(|item| item.signature.as_str())
}

/// The item that owns `path` in `surface`: a model for its fields and values, the
/// method for its builder's setters.
fn owner<'s>(path: &str, surface: &'s Surface) -> Option<&'s str> {
    let item = surface.items.get(path)?;
    Some(item.owner.as_str()).filter(|owner| !owner.is_empty())
}

/// The surface a generated crate in `dir` keeps (`apibind-api.json`), or `None` when
/// it keeps none (a new crate, or one generated before apibind kept it).
pub fn read_surface(dir: &Path) -> Result<Option<Surface>, Error> {
    let path = dir.join(SURFACE_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(&path)(e)),
    };
    Surface::from_json(&text).map(Some).map_err(|e| {
        Error::Environment(format!(
            "{}: not the API apibind kept ({e}); delete it to generate without a change report",
            path.display()
        ))
    })
}

/// The `[package]` version of the crate's `Cargo.toml` in `dir`, if it has one.
pub fn crate_version(dir: &Path) -> Option<String> {
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    let mut in_package = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
            continue;
        }
        if !in_package {
            continue;
        }
        if let Some(value) = line.strip_prefix("version") {
            let value = value.trim_start().strip_prefix('=')?.trim();
            // A quoted string, `"1.2.3"` or `'1.2.3'`, maybe followed by a comment.
            let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let rest = &value[1..];
            return rest.find(quote).map(|end| rest[..end].to_owned());
        }
    }
    None
}

/// `changelog` with a section for `version` and `report` on top (below its title,
/// if it starts with one).
pub fn prepend_changelog(changelog: Option<&str>, version: &str, report: &Report) -> String {
    let section = format!(
        "## {version}\n{}\n{}\n\n",
        report.lists(),
        report.summary_of_changes()
    );
    match changelog {
        Some(text) if text.starts_with("# ") => {
            let (title, rest) = text.split_once('\n').unwrap_or((text, ""));
            format!("{title}\n\n{section}{}", rest.trim_start_matches('\n'))
        }
        Some(text) => format!("{section}{text}"),
        None => format!("# Changelog\n\n{section}"),
    }
}

/// The client API `input` makes: a crate's kept `apibind-api.json` (or a crate
/// folder holding one), a folder of docs, or a spec (a file, or a folder of specs).
/// The overlay beside the input applies unless `no_overlay`.
pub fn surface_of(input: &Path, no_overlay: bool) -> Result<Surface, Error> {
    let kept = match input.is_dir() {
        true => input.join(SURFACE_FILE),
        false => input.to_path_buf(),
    };
    if kept.file_name().is_some_and(|name| name == SURFACE_FILE) && kept.is_file() {
        let text = std::fs::read_to_string(&kept).map_err(Error::io(&kept))?;
        return Surface::from_json(&text)
            .map_err(|e| Error::Environment(format!("{}: {e}", kept.display())));
    }
    if input.is_dir() && input.join("Cargo.toml").is_file() {
        return Err(Error::Environment(format!(
            "{} is a crate without {SURFACE_FILE}: it was generated before apibind kept its API; \
             compare the docs or specs it was generated from",
            input.display()
        )));
    }
    let is_docs = input.is_dir()
        && crate::discover::markdown_files(&crate::discover::docs_layout(input).0)
            .is_ok_and(|files| !files.is_empty());
    let config = match is_docs {
        true => crate::Config::new().docs(input),
        false => crate::Config::new().spec(input),
    };
    let config = match no_overlay {
        true => config.no_overlay(),
        false => config,
    };
    let loaded = config.load()?;
    Ok(crate::emit::surface::surface(&loaded.api))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bumps_follow_cargo_rules() {
        assert_eq!(Bump::Major.apply("1.4.2").as_deref(), Some("2.0.0"));
        assert_eq!(Bump::Minor.apply("1.4.2").as_deref(), Some("1.5.0"));
        assert_eq!(Bump::Patch.apply("1.4.2").as_deref(), Some("1.4.3"));
        assert_eq!(Bump::None.apply("1.4.2").as_deref(), Some("1.4.2"));
        // Below 1.0, a breaking change bumps the minor number, an addition the patch.
        assert_eq!(Bump::Major.apply("0.3.1").as_deref(), Some("0.4.0"));
        assert_eq!(Bump::Minor.apply("0.3.1").as_deref(), Some("0.3.2"));
        // A pre-release is released when that is bump enough.
        assert_eq!(Bump::Major.apply("2.0.0-beta.1").as_deref(), Some("2.0.0"));
        assert_eq!(Bump::Patch.apply("1.0.0-rc.1").as_deref(), Some("1.0.0"));
        assert_eq!(Bump::Minor.apply("1.0.0-rc.1").as_deref(), Some("1.0.0"));
        assert_eq!(Bump::Major.apply("1.2.0-rc.1").as_deref(), Some("2.0.0"));
        assert_eq!(Bump::Minor.apply("1.2.3-rc.1").as_deref(), Some("1.3.0"));
        assert_eq!(Bump::Major.apply("two"), None);
        assert_eq!(Bump::Major.apply("18446744073709551615.0.0"), None);
    }

    #[test]
    fn a_build_warning_names_the_first_breaking_change() {
        let change = |item: &str, what: &str| Change {
            item: item.to_owned(),
            kind: "method",
            change: what.to_owned(),
            at: "spec/DogsApi.md:40".to_owned(),
        };
        let mut report = Report {
            additive: vec![change("Client::list_kennels", "added")],
            bump: Bump::Minor,
            ..Report::default()
        };
        assert_eq!(report.build_warning(), None, "an addition breaks nothing");
        report.breaking.push(change("Client::get_dog", "removed"));
        assert_eq!(
            report.build_warning().as_deref(),
            Some(
                "client API: 1 breaking change, 1 addition since the last build, e.g. \
                 `Client::get_dog`: removed (spec/DogsApi.md:40); code using the client may \
                 no longer compile"
            )
        );
    }

    #[test]
    fn a_model_of_another_kind_is_one_change_not_one_per_member() {
        let old = Surface::from_json(
            r#"{"items": {"models::Palette": {"kind": "model", "signature": "type = serde_json::Value", "at": "a.json:1"}}}"#,
        )
        .unwrap();
        let new = Surface::from_json(
            r#"{"items": {
                "models::Palette": {"kind": "model", "signature": "enum", "at": "b.json:9"},
                "models::Palette::Red": {"kind": "variant", "signature": "", "owner": "models::Palette", "at": "b.json:9"},
                "models::Palette::Other": {"kind": "variant", "signature": "", "owner": "models::Palette", "at": "b.json:9"}
            }}"#,
        )
        .unwrap();
        let report = compare(&old, &new);
        assert_eq!(report.breaking.len(), 1, "{report:?}");
        assert_eq!(report.breaking[0].item, "models::Palette");
        assert_eq!(
            report.breaking[0].change,
            "`type = serde_json::Value` → `enum`"
        );
        assert!(report.additive.is_empty());
        // The other way round, the members' removal is the model's change too.
        let back = compare(&new, &old);
        assert_eq!(back.breaking.len(), 1, "{back:?}");
    }

    #[test]
    fn a_crate_version_is_read_from_its_package_section() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("Cargo.toml"),
            "[package]\nname = \"x\"\nversion = \"1.2.3\"\n\n[dependencies]\nversion = \"9\"\n",
        )
        .unwrap();
        assert_eq!(crate_version(dir.path()).as_deref(), Some("1.2.3"));
        std::fs::write(
            dir.path().join("Cargo.toml"),
            "[package]\nversion = '2.0.1' # released\n",
        )
        .unwrap();
        assert_eq!(crate_version(dir.path()).as_deref(), Some("2.0.1"));
        std::fs::write(
            dir.path().join("Cargo.toml"),
            "[package]\nversion.workspace = true\n",
        )
        .unwrap();
        assert_eq!(crate_version(dir.path()), None);
        assert_eq!(crate_version(&dir.path().join("none")), None);
    }

    #[test]
    fn a_changelog_gets_the_new_section_under_its_title() {
        let report = Report {
            additive: vec![Change {
                item: "Client::list_kennels".to_owned(),
                kind: "method",
                change: "added: GET /kennels".to_owned(),
                at: "after.yaml:12".to_owned(),
            }],
            bump: Bump::Minor,
            ..Report::default()
        };
        let text = prepend_changelog(
            Some("# Changelog\n\n## 1.0.0\n\nFirst.\n"),
            "1.1.0",
            &report,
        );
        assert_eq!(
            text,
            "# Changelog\n\n## 1.1.0\n\n### Added\n\n\
             - `Client::list_kennels` (method): added: GET /kennels (after.yaml:12)\n\n\
             Generated by apibind: 0 breaking, 1 additive, 0 other.\n\n\
             ## 1.0.0\n\nFirst.\n"
        );
        assert!(prepend_changelog(None, "1.1.0", &report).starts_with("# Changelog\n\n## 1.1.0\n"));
    }
}
