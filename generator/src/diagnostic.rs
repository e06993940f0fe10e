//! Diagnostics: errors, warnings and notes with the place that caused them.
//!
//! Every stage reports into a [`Diagnostics`] list instead of stopping at the first
//! problem, so one run shows everything wrong with an input. Rendering quotes the
//! offending line (codespan-reporting) from the [`Sources`] the run read.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;

use crate::model::Provenance;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Information, e.g. a fact the overlay changed.
    Note,
    /// Something suspicious that does not stop generation.
    Warning,
    /// Something that stops generation: nothing is written.
    Error,
}

/// One message about the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, naming the offending text.
    pub message: String,
    /// Where, when it has a place.
    pub at: Option<Provenance>,
    /// What was expected or how to fix it.
    pub help: Option<String>,
    /// For a warning about something generated loosely or left out, what kind of
    /// thing it is (`undeclared model, read loosely`, `operation left out`): the report groups
    /// warnings of one kind into one line.
    pub kind: Option<&'static str>,
}

impl Diagnostic {
    /// Sets the kind this warning is grouped under.
    pub fn kind(&mut self, kind: &'static str) -> &mut Self {
        self.kind = Some(kind);
        self
    }

    /// Sets the hint.
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    /// One line: `error: file:line: message`; rendering with the quoted line needs
    /// [`Diagnostics::render`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{level}: ")?;
        if let Some(at) = &self.at {
            write!(f, "{at}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// The diagnostics of one run, in the order they were found.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// The operations left out, by documented name, in the order they were.
    left_out: Vec<String>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    fn push(
        &mut self,
        severity: Severity,
        at: Option<&Provenance>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.items.push(Diagnostic {
            severity,
            message: message.into(),
            at: at.cloned(),
            help: None,
            kind: None,
        });
        self.items.last_mut().expect("just pushed")
    }

    /// Records an error at `at`; returns it so a hint can be added.
    pub fn error(
        &mut self,
        at: Option<&Provenance>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.push(Severity::Error, at, message)
    }

    /// Records a warning at `at`.
    pub fn warning(
        &mut self,
        at: Option<&Provenance>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.push(Severity::Warning, at, message)
    }

    /// Records that operation `name` is left out of the client because of `reason`:
    /// a warning of the kind `operation left out`, counted by [`Diagnostics::left_out`].
    pub fn leave_out(
        &mut self,
        at: Option<&Provenance>,
        name: &str,
        reason: impl fmt::Display,
    ) -> &mut Diagnostic {
        if !self.left_out.iter().any(|n| n == name) {
            self.left_out.push(name.to_owned());
        }
        self.warning(at, format!("`{name}` is left out: {reason}"))
            .kind(LEFT_OUT)
    }

    /// Appends everything `other` recorded, after what this list holds: how the
    /// diagnostics of files read in parallel are put back in file order.
    pub fn append(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
        for name in other.left_out {
            if !self.left_out.contains(&name) {
                self.left_out.push(name);
            }
        }
    }

    /// The operations left out, by documented name.
    pub fn left_out(&self) -> &[String] {
        &self.left_out
    }

    /// Records a note at `at`.
    pub fn note(&mut self, at: Option<&Provenance>, message: impl Into<String>) -> &mut Diagnostic {
        self.push(Severity::Note, at, message)
    }

    /// Whether any error was recorded.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// How many diagnostics of `severity` were recorded.
    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// All diagnostics, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Makes every warning an error: for `--strict` runs, which would rather fail than
    /// get anything generated loosely or left out.
    pub fn promote_warnings(&mut self) {
        for diagnostic in &mut self.items {
            if diagnostic.severity == Severity::Warning {
                diagnostic.severity = Severity::Error;
            }
        }
    }

    /// Every diagnostic, quoting the line it points at, except that warnings of a kind
    /// seen more than [`GROUP_OVER`] times are summed up in one line each
    /// (`undeclared model, read loosely: 1,869, e.g. Admin.md:7`), so that the report of a
    /// folder of thousands of files fits on a screen.
    pub fn render(&self, sources: &Sources) -> String {
        let mut counts: BTreeMap<&str, (usize, Option<&Provenance>)> = BTreeMap::new();
        for d in &self.items {
            if let (Severity::Warning, Some(kind)) = (d.severity, d.kind) {
                let entry = counts.entry(kind).or_insert((0, d.at.as_ref()));
                entry.0 += 1;
            }
        }
        counts.retain(|_, (count, _)| *count > GROUP_OVER);
        let shown: Vec<&Diagnostic> = self
            .items
            .iter()
            .filter(|d| {
                d.severity != Severity::Warning || d.kind.is_none_or(|k| !counts.contains_key(k))
            })
            .collect();
        let mut out = render_each(&shown, sources);
        for (kind, (count, first)) in &counts {
            let example = first.map(|at| format!(", e.g. {at}")).unwrap_or_default();
            out.push_str(&format!(
                "warning: {kind}: {}{example} (--verbose lists each)\n",
                thousands(*count)
            ));
        }
        out
    }

    /// Every diagnostic, each quoting its line: what `--verbose` prints.
    pub fn render_all(&self, sources: &Sources) -> String {
        let all: Vec<&Diagnostic> = self.items.iter().collect();
        render_each(&all, sources)
    }
}

/// The kind of the warnings about operations left out.
pub const LEFT_OUT: &str = "operation left out";

/// Warnings of one kind are listed one by one up to this many, and summed up past it.
pub const GROUP_OVER: usize = 3;

/// `1869` → `1,869`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Renders `items`, quoting the line each points at when `sources` has the file, in
/// the style of rustc.
fn render_each(items: &[&Diagnostic], sources: &Sources) -> String {
    let mut files = SimpleFiles::new();
    let ids: Vec<usize> = sources
        .files
        .iter()
        .map(|(name, text)| files.add(name.as_str(), text.as_str()))
        .collect();
    let config = term::Config::default();
    let mut out = String::new();
    for diagnostic in items {
        let report = match diagnostic.severity {
            Severity::Note => Report::note(),
            Severity::Warning => Report::warning(),
            Severity::Error => Report::error(),
        };
        let mut report = report.with_message(diagnostic.message.as_str());
        let located = diagnostic.at.as_ref().and_then(|at| {
            let index = sources
                .files
                .iter()
                .position(|(name, _)| *name == at.file)?;
            let range = line_range(&sources.files[index].1, at.line)?;
            Some(Label::primary(ids[index], range))
        });
        match (located, &diagnostic.at) {
            (Some(label), _) => report = report.with_labels(vec![label]),
            (None, Some(at)) => report = report.with_notes(vec![format!("at {at}")]),
            (None, None) => {}
        }
        if let Some(help) = &diagnostic.help {
            report.notes.push(format!("help: {help}"));
        }
        match term::emit_into_string(&config, &files, &report) {
            Ok(text) => out.push_str(&text),
            // Rendering can only fail on a bad range; fall back to the plain line.
            Err(_) => out.push_str(&format!("{diagnostic}\n")),
        }
    }
    out
}

/// The byte range of 1-based `line` of `text`, without its line break.
fn line_range(text: &str, line: usize) -> Option<Range<usize>> {
    let mut start = 0;
    for (index, content) in text.split_inclusive('\n').enumerate() {
        if index + 1 == line {
            let trimmed = content.trim_end_matches(['\n', '\r']);
            return Some(start..start + trimmed.len());
        }
        start += content.len();
    }
    None
}

/// The text of every input file a run read, so diagnostics can quote them.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<(String, String)>,
}

impl Sources {
    /// Remembers `text` as the content of `name`.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) {
        self.files.push((name.into(), text.into()));
    }
}

/// Maps byte offsets of one text to 1-based line numbers.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_maps_offsets_to_lines() {
        let index = LineIndex::new("ab\ncd\n\nef");
        assert_eq!(index.line(0), 1);
        assert_eq!(index.line(2), 1);
        assert_eq!(index.line(3), 2);
        assert_eq!(index.line(6), 3);
        assert_eq!(index.line(7), 4);
    }

    #[test]
    fn render_quotes_the_offending_line() {
        let mut sources = Sources::default();
        sources.add("spec/apibind.yaml", "a: 1\nretuns: X\n");
        let mut diagnostics = Diagnostics::new();
        diagnostics
            .error(
                Some(&Provenance::new("spec/apibind.yaml", 2)),
                "unknown key `retuns`",
            )
            .help = Some("expected `returns`".into());
        let text = diagnostics.render(&sources);
        assert!(text.contains("error: unknown key `retuns`"), "{text}");
        assert!(text.contains("spec/apibind.yaml:2"), "{text}");
        assert!(text.contains("retuns: X"), "{text}");
        assert!(text.contains("help: expected `returns`"), "{text}");
    }

    #[test]
    fn many_warnings_of_a_kind_are_summed_up() {
        let mut diagnostics = Diagnostics::new();
        for line in 1..=1200 {
            diagnostics
                .warning(Some(&Provenance::new("Admin.md", line)), "pointer")
                .kind("pointer-typed field");
        }
        diagnostics
            .warning(Some(&Provenance::new("Pet.md", 2)), "odd link")
            .kind("link");
        diagnostics.error(None, "broken");
        let text = diagnostics.render(&Sources::default());
        assert!(
            text.contains(
                "warning: pointer-typed field: 1,200, e.g. Admin.md:1 (--verbose lists each)"
            ),
            "{text}"
        );
        assert!(!text.contains("warning: pointer\n"), "{text}");
        assert!(
            text.contains("odd link") && text.contains("broken"),
            "{text}"
        );
        assert_eq!(text.lines().filter(|l| l.contains("pointer")).count(), 1);
        let all = diagnostics.render_all(&Sources::default());
        assert_eq!(all.matches("warning: pointer").count(), 1200);
    }

    #[test]
    fn strict_runs_make_warnings_errors() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.warning(None, "loose").kind("loose type");
        diagnostics.note(None, "fyi");
        assert!(!diagnostics.has_errors());
        diagnostics.promote_warnings();
        assert_eq!(diagnostics.count(Severity::Error), 1);
        assert_eq!(diagnostics.count(Severity::Note), 1);
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(951), "951");
        assert_eq!(thousands(2659), "2,659");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn render_without_source_still_names_the_place() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.warning(Some(&Provenance::new("missing.md", 9)), "odd");
        let text = diagnostics.render(&Sources::default());
        assert!(text.contains("missing.md:9"), "{text}");
        assert!(diagnostics.iter().all(|d| d.severity == Severity::Warning));
        assert!(!diagnostics.has_errors());
    }
}
