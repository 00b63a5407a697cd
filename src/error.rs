//! The one error type of the library.

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong, for callers that need to react to the kind of failure.
///
/// ```
/// use dechrome::{ErrorKind, RuleSet};
/// let err = RuleSet::from_toml("name = 1").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::RuleSyntax);
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A rule file is not valid TOML, or has an unknown key or a value of the wrong type.
    RuleSyntax,
    /// A rule file parses but says something impossible: a bad regex or selector, a duplicate
    /// rule id, an unknown action, a reference to a rule that does not come earlier, a limit
    /// exceeded.
    RuleInvalid,
    /// Two rule sets given to one cleaner share a name.
    DuplicateRuleSet,
    /// Reading an input or rule file failed.
    Io,
    /// An input is larger than the configured limit.
    InputTooLarge,
}

/// An error while loading rules or reading input.
///
/// Cleaning itself never fails; every error happens before it. The message names the file and,
/// for rule files, the line and column: `rules/site.toml:12:8: invalid regex: …`.
///
/// ```
/// use dechrome::RuleSet;
/// let err = RuleSet::from_toml("name = 'x'\n[[rule]]\nid = 'a'\ntext = '('\naction = 'drop'\n")
///     .unwrap_err();
/// assert_eq!(err.line_col(), Some((4, 8)));
/// assert!(err.to_string().starts_with("<rules>:4:8: invalid regex"));
/// ```
#[derive(Clone, Debug)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Clone, Debug)]
struct Inner {
    kind: ErrorKind,
    path: Option<PathBuf>,
    line_col: Option<(usize, usize)>,
    message: String,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            inner: Box::new(Inner {
                kind,
                path: None,
                line_col: None,
                message: message.into(),
            }),
        }
    }

    pub(crate) fn at(mut self, source: &str, offset: usize) -> Error {
        self.inner.line_col = Some(line_col(source, offset));
        self
    }

    pub(crate) fn with_path(mut self, path: &Path) -> Error {
        self.inner.path = Some(path.to_path_buf());
        self
    }

    pub(crate) fn io(path: &Path, err: &std::io::Error) -> Error {
        Error::new(ErrorKind::Io, io_message(err)).with_path(path)
    }

    /// The kind of failure.
    ///
    /// ```
    /// # use dechrome::{ErrorKind, RuleSet};
    /// assert_eq!(RuleSet::from_path("no/such/file.toml").unwrap_err().kind(), ErrorKind::Io);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The file the error is about, when there is one.
    ///
    /// ```
    /// # use dechrome::RuleSet;
    /// let err = RuleSet::from_path("no/such/file.toml").unwrap_err();
    /// assert_eq!(err.path().unwrap().to_str(), Some("no/such/file.toml"));
    /// ```
    pub fn path(&self) -> Option<&Path> {
        self.inner.path.as_deref()
    }

    /// One-based line and column (in characters) in the rule file, when known.
    ///
    /// ```
    /// # use dechrome::RuleSet;
    /// let err = RuleSet::from_toml("name = 'x'\nbogus = 1\n").unwrap_err();
    /// assert_eq!(err.line_col(), Some((2, 1)));
    /// ```
    pub fn line_col(&self) -> Option<(usize, usize)> {
        self.inner.line_col
    }

    /// The message alone, without file or position.
    ///
    /// ```
    /// # use dechrome::RuleSet;
    /// let err = RuleSet::from_toml("name = 'x'\nbogus = 1\n").unwrap_err();
    /// assert!(err.message().contains("bogus"));
    /// ```
    pub fn message(&self) -> &str {
        &self.inner.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        match (&i.path, i.line_col) {
            (Some(p), Some((l, c))) => write!(f, "{}:{l}:{c}: {}", p.display(), i.message),
            (None, Some((l, c))) => write!(f, "<rules>:{l}:{c}: {}", i.message),
            (Some(p), None) => write!(f, "{}: {}", p.display(), i.message),
            (None, None) => f.write_str(&i.message),
        }
    }
}

impl std::error::Error for Error {}

/// One-based line and character column of a byte offset.
pub(crate) fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// An I/O error message in our style: lowercase, no trailing period, no "(os error 2)".
pub(crate) fn io_message(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let s = match err.kind() {
        K::NotFound => "no such file or directory".to_string(),
        K::PermissionDenied => "permission denied".to_string(),
        K::IsADirectory => "is a directory".to_string(),
        K::InvalidData => format!("invalid data: {err}"),
        _ => {
            let s = err.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    };
    lowercase_first(&s)
}

pub(crate) fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_uppercase() && !c.clone().next().is_some_and(char::is_uppercase) => {
            f.to_lowercase().chain(c).collect()
        }
        _ => s.to_string(),
    }
    .trim_end_matches('.')
    .to_string()
}
