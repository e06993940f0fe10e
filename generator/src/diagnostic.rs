//! Diagnostics: errors, warnings and notes with the place that caused them.
//!
//! Every stage reports into a [`Diagnostics`] list instead of stopping at the first
//! problem, so one run shows everything wrong with an input. Rendering quotes the
//! offending line (codespan-reporting) from the [`Sources`] the run read.

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

    /// Renders every diagnostic, quoting the line it points at when `sources` has the
    /// file, in the style of rustc.
    pub fn render(&self, sources: &Sources) -> String {
        let mut files = SimpleFiles::new();
        let ids: Vec<usize> = sources
            .files
            .iter()
            .map(|(name, text)| files.add(name.as_str(), text.as_str()))
            .collect();
        let config = term::Config::default();
        let mut out = String::new();
        for diagnostic in &self.items {
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
    fn render_without_source_still_names_the_place() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.warning(Some(&Provenance::new("missing.md", 9)), "odd");
        let text = diagnostics.render(&Sources::default());
        assert!(text.contains("missing.md:9"), "{text}");
        assert!(diagnostics.iter().all(|d| d.severity == Severity::Warning));
        assert!(!diagnostics.has_errors());
    }
}
