//! Writing generated files, and comparing them with what is on disk.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::{thousands, Severity};
use crate::error::Error;
use crate::pipeline::Loaded;

/// What a write did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Operations generated.
    pub operations: usize,
    /// Operations the input documents that were left out, each with a warning.
    pub left_out: usize,
    /// Models generated.
    pub models: usize,
    /// Warnings about the input (errors stop generation, so there were none).
    pub warnings: usize,
    /// Files whose content changed (or were created).
    pub written: usize,
    /// Files already up to date.
    pub unchanged: usize,
    /// Where they are.
    pub dir: PathBuf,
    /// How the docs' wire names were chosen (`wire names: ...`), for docs read
    /// without a spec.
    pub wire_names: Option<String>,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let left_out = match self.left_out {
            0 => String::new(),
            n => format!(" ({} left out)", thousands(n)),
        };
        let count = |n: usize, what: &str| match n {
            1 => format!("1 {what}"),
            n => format!("{} {what}s", thousands(n)),
        };
        write!(
            f,
            "{}{left_out}, {}, 0 errors, {}: {} written, {} unchanged in {}",
            count(self.operations, "operation"),
            count(self.models, "model"),
            count(self.warnings, "warning"),
            count(self.written, "file"),
            self.unchanged,
            self.dir.display()
        )?;
        match &self.wire_names {
            Some(wire_names) => write!(f, "\n{wire_names}"),
            None => Ok(()),
        }
    }
}

/// Writes `files` into `dir` (see [`write_files`]) and sums up the run.
pub fn write(dir: &Path, loaded: &Loaded, files: &[(String, String)]) -> Result<Summary, Error> {
    let (written, unchanged) = write_files(dir, files)?;
    Ok(Summary {
        operations: loaded.api.operations().count(),
        left_out: loaded.left_out.len(),
        models: loaded.api.models.len(),
        warnings: loaded.diagnostics.count(Severity::Warning),
        written,
        unchanged,
        dir: dir.to_path_buf(),
        wire_names: loaded
            .conventions
            .as_ref()
            .filter(|c| !c.all_set())
            .map(ToString::to_string),
    })
}

/// Writes `files` (paths relative to `dir`) so that a failure leaves every previous
/// file intact: all changed files are first written beside their target as
/// `.<name>.apibind-tmp`, then renamed into place. Files whose content is already right
/// are not touched, so their modification time (and cargo's rebuilds) stay put.
/// Returns how many files were written and how many were unchanged.
pub fn write_files(dir: &Path, files: &[(String, String)]) -> Result<(usize, usize), Error> {
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut unchanged = 0;
    let result = (|| {
        for (relative, content) in files {
            let target = dir.join(relative);
            if fs::read(&target).is_ok_and(|old| old == content.as_bytes()) {
                unchanged += 1;
                continue;
            }
            let parent = target.parent().unwrap_or(dir);
            fs::create_dir_all(parent).map_err(Error::io(parent))?;
            let name = target.file_name().unwrap_or_default().to_string_lossy();
            let temp = parent.join(format!(".{name}.apibind-tmp"));
            fs::write(&temp, content).map_err(Error::io(&temp))?;
            staged.push((temp, target));
        }
        Ok(())
    })();
    if let Err(error) = result {
        for (temp, _) in &staged {
            let _ = fs::remove_file(temp);
        }
        return Err(error);
    }
    for (temp, target) in &staged {
        fs::rename(temp, target).map_err(Error::io(target))?;
    }
    Ok((staged.len(), unchanged))
}

/// A unified diff of every file of `files` that differs from its copy under `dir`
/// (a missing file counts as empty). Empty when everything is up to date. Only with
/// the `cli` feature (the diff library is of no use to a build script).
#[cfg(feature = "cli")]
pub fn diff_files(dir: &Path, files: &[(String, String)]) -> String {
    let mut out = String::new();
    for (relative, content) in files {
        let path = dir.join(relative);
        let old = fs::read_to_string(&path).unwrap_or_default();
        if old == *content {
            continue;
        }
        let shown = path.display().to_string();
        let diff = similar::TextDiff::from_lines(&old, content);
        out.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(
                    &format!("{shown} (on disk)"),
                    &format!("{shown} (generated)"),
                )
                .to_string(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn summaries_count_in_words() {
        let mut summary = Summary {
            operations: 1,
            left_out: 0,
            models: 2_659,
            warnings: 1,
            written: 3,
            unchanged: 8,
            dir: PathBuf::from("out"),
            wire_names: None,
        };
        assert_eq!(
            summary.to_string(),
            "1 operation, 2,659 models, 0 errors, 1 warning: 3 files written, 8 unchanged in out"
        );
        (summary.operations, summary.left_out, summary.warnings) = (951, 2, 41);
        assert!(summary
            .to_string()
            .starts_with("951 operations (2 left out), 2,659 models, 0 errors, 41 warnings:"));
        summary.wire_names = Some("wire names: parameters snake_case".to_owned());
        assert!(summary
            .to_string()
            .ends_with(" in out\nwire names: parameters snake_case"));
    }

    #[test]
    fn writes_only_what_changed_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let first = files(&[("a.txt", "one\n"), ("src/b.rs", "two\n")]);
        assert_eq!(write_files(dir.path(), &first).unwrap(), (2, 0));
        let second = files(&[("a.txt", "one\n"), ("src/b.rs", "three\n")]);
        assert_eq!(write_files(dir.path(), &second).unwrap(), (1, 1));
        assert_eq!(
            fs::read_to_string(dir.path().join("src/b.rs")).unwrap(),
            "three\n"
        );
        let leftovers: Vec<_> = walk(dir.path())
            .into_iter()
            .filter(|p| p.contains("apibind-tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn a_failed_write_leaves_previous_files_intact() {
        let dir = tempfile::tempdir().unwrap();
        write_files(dir.path(), &files(&[("a.txt", "old\n")])).unwrap();
        // `blocker` is a file, so `blocker/c.txt` cannot be created.
        fs::write(dir.path().join("blocker"), "").unwrap();
        let err = write_files(
            dir.path(),
            &files(&[("a.txt", "new\n"), ("blocker/c.txt", "x")]),
        );
        assert!(err.is_err());
        assert_eq!(
            fs::read_to_string(dir.path().join("a.txt")).unwrap(),
            "old\n"
        );
        assert!(!dir.path().join(".a.txt.apibind-tmp").exists());
    }

    #[test]
    fn diff_shows_stale_and_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        write_files(dir.path(), &files(&[("a.txt", "one\ntwo\n")])).unwrap();
        assert_eq!(
            diff_files(dir.path(), &files(&[("a.txt", "one\ntwo\n")])),
            ""
        );
        let diff = diff_files(
            dir.path(),
            &files(&[("a.txt", "one\n2\n"), ("new.txt", "x\n")]),
        );
        assert!(diff.contains("-two\n+2\n"), "{diff}");
        assert!(diff.contains("+x\n"), "{diff}");
    }

    fn walk(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path.display().to_string());
            }
        }
        out
    }
}
