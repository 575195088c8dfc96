//! The [`Diagnostic`] value: what is wrong, where, and how to fix it.

use std::ops::Range;

use serde::Serialize;

use super::Code;

/// How serious a finding is. `Error` makes `mentor check` exit 1; `Warning` does not (unless
/// `--deny-warnings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The records are wrong and must be fixed.
    Error,
    /// A rule is not met (behind on meetings, a milestone overdue); the records are valid.
    Warning,
}

impl Severity {
    /// `"error"` or `"warning"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Which part of a `key: value` pair a diagnostic points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// The key (for unknown or duplicate keys).
    Key,
    /// The value (for wrong values and unknown references).
    Value,
}

/// Where in a file a diagnostic points, before it is turned into a line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// The file as a whole (reported at line 1, column 1).
    File,
    /// A node of the front matter, named by a JSON Pointer (`/meetings/2/date`). A pointer that
    /// does not resolve falls back to its nearest existing parent.
    Pointer {
        /// JSON Pointer into the front matter, `""` for the whole front matter.
        pointer: String,
        /// Whether to point at the key or the value.
        part: Part,
    },
    /// A byte range of the file's text.
    Span(Range<usize>),
    /// The Markdown body after the front matter (its first line).
    Body,
}

/// A resolved position: 1-based line and column, and the end of the highlighted range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// 1-based line where the highlighted range ends.
    pub end_line: usize,
    /// 1-based column just past the highlighted range.
    pub end_column: usize,
}

/// A second place that explains the first ("first defined here").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// Relative path with `/` separators.
    pub path: String,
    /// Where in that file; resolved like the diagnostic's own anchor.
    #[serde(skip)]
    pub anchor: Anchor,
    /// Resolved position, once located.
    #[serde(flatten)]
    pub position: Option<Position>,
    /// What this place is, in a few words.
    pub message: String,
}

/// One finding about the records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `M203`; serialised with its kebab-case name.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// Relative path of the file, with `/` separators.
    pub path: String,
    /// Resolved position; `None` until `locate` has run.
    #[serde(flatten)]
    pub position: Option<Position>,
    /// JSON Pointer into the front matter, when the finding is about one field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// One sentence naming the field and value in backticks.
    pub message: String,
    /// How to fix it, when there is something specific to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// A second location that explains this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<Related>,
    /// Where the finding points, before resolution.
    #[serde(skip)]
    pub anchor: Anchor,
    /// Byte range in the file's text, once located (used for snippets).
    #[serde(skip)]
    pub span: Option<Range<usize>>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity, anchored at the whole file.
    pub fn new(code: Code, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            path: path.into(),
            position: None,
            pointer: None,
            message: message.into(),
            help: None,
            related: None,
            anchor: Anchor::File,
            span: None,
        }
    }

    /// Points at the value of the front-matter node named by `pointer`.
    pub fn at_value(self, pointer: impl Into<String>) -> Self {
        self.at(pointer, Part::Value)
    }

    /// Points at the key of the front-matter node named by `pointer`.
    pub fn at_key(self, pointer: impl Into<String>) -> Self {
        self.at(pointer, Part::Key)
    }

    fn at(mut self, pointer: impl Into<String>, part: Part) -> Self {
        let pointer = pointer.into();
        self.pointer = Some(pointer.clone());
        self.anchor = Anchor::Pointer { pointer, part };
        self
    }

    /// Points at a byte range of the file's text.
    pub fn at_span(mut self, span: Range<usize>) -> Self {
        self.anchor = Anchor::Span(span);
        self
    }

    /// Points at the Markdown body.
    pub fn at_body(mut self) -> Self {
        self.anchor = Anchor::Body;
        self
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a related location, pointing at the value at `pointer` in `path`.
    pub fn with_related(
        mut self,
        path: impl Into<String>,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        self.related = Some(Related {
            path: path.into(),
            anchor: Anchor::Pointer {
                pointer: pointer.into(),
                part: Part::Value,
            },
            position: None,
            message: message.into(),
        });
        self
    }

    /// Overrides the severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The 1-based line, or 1 before location.
    pub fn line(&self) -> usize {
        self.position.map_or(1, |p| p.line)
    }

    /// The 1-based column, or 1 before location.
    pub fn column(&self) -> usize {
        self.position.map_or(1, |p| p.column)
    }

    /// The sort key used for deterministic output: (path, line, column, code, message).
    pub fn sort_key(&self) -> (&str, usize, usize, Code, &str) {
        (
            &self.path,
            self.line(),
            self.column(),
            self.code,
            &self.message,
        )
    }
}

/// Counts for the summary line (`3 errors, 1 warning in 57 records`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Number of error diagnostics.
    pub errors: usize,
    /// Number of warning diagnostics.
    pub warnings: usize,
    /// Number of record files read.
    pub records: usize,
}

impl Summary {
    /// Counts the diagnostics by severity.
    pub fn new(diagnostics: &[Diagnostic], records: usize) -> Self {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        Summary {
            errors,
            warnings: diagnostics.len() - errors,
            records,
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fn plural(n: usize, word: &str) -> String {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        }
        write!(
            f,
            "{}, {} in {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.records, "record")
        )
    }
}
