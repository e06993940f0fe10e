//! Why generation failed: the one error type of the library, shared by the pipeline,
//! the writers and the CLI.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Why generation failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The input has errors; the report quotes each offending line.
    Invalid {
        /// Every diagnostic, rendered.
        report: String,
        /// How many were errors.
        errors: usize,
    },
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: io::Error,
    },
    /// Something outside the input is missing, e.g. `OUT_DIR` outside a build script.
    Environment(String),
    /// A bug in apibind: it produced code that does not parse.
    Internal(String),
    /// The client's API would change in a way that breaks its users, and the run was
    /// told to refuse that (`--deny-breaking`); the report lists the changes.
    Breaking(String),
}

impl Error {
    /// An [`Error::Io`] for `path`, for `map_err`.
    pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid { report, errors } => {
                write!(f, "{report}apibind: {errors} error(s); nothing was written")
            }
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Environment(message) | Error::Internal(message) => f.write_str(message),
            Error::Breaking(report) => write!(
                f,
                "{report}\napibind: the client API has breaking changes (--deny-breaking); nothing was written"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_say_what_and_where() {
        let invalid = Error::Invalid {
            report: "error: x\n".to_owned(),
            errors: 2,
        };
        assert_eq!(
            invalid.to_string(),
            "error: x\napibind: 2 error(s); nothing was written"
        );
        let io = Error::io("spec/a.md")(io::Error::new(io::ErrorKind::NotFound, "gone"));
        assert_eq!(io.to_string(), "spec/a.md: gone");
        assert!(std::error::Error::source(&io).is_some());
        assert!(std::error::Error::source(&Error::Internal("bug".into())).is_none());
    }
}
