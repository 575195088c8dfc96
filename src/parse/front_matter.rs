//! Splitting a record into YAML front matter and Markdown body, as a pure function over text.
//!
//! A record starts with a line `---`, then YAML, then a closing line `---`, then the body.
//! Fences may carry trailing spaces and CRLF endings. Offsets are byte offsets into the text.

use crate::diag::{Code, Diagnostic};

/// Byte offsets of a record's parts; slice the text with [`FrontMatter::yaml`] and
/// [`FrontMatter::body`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontMatter {
    /// Offset of the first byte of YAML (the line after the opening fence).
    pub yaml_start: usize,
    /// Offset just past the YAML (the start of the closing fence line).
    pub yaml_end: usize,
    /// 1-based line number of the first YAML line (2 for a well-formed file).
    pub yaml_line: usize,
    /// Offset of the first byte of the body (after the closing fence's line ending).
    pub body_start: usize,
}

impl FrontMatter {
    /// The YAML text between the fences.
    pub fn yaml<'t>(&self, text: &'t str) -> &'t str {
        &text[self.yaml_start..self.yaml_end]
    }

    /// The Markdown body after the closing fence.
    pub fn body<'t>(&self, text: &'t str) -> &'t str {
        &text[self.body_start..]
    }
}

/// Why a text could not be split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitFault {
    /// No text, or only whitespace.
    Empty,
    /// The first line is not `---`.
    MissingOpeningFence,
    /// No closing `---` line after the opening one.
    Unclosed,
}

impl SplitFault {
    /// The diagnostic for this fault in the file at `path` (always at line 1).
    pub fn diagnostic(self, path: &str) -> Diagnostic {
        match self {
            SplitFault::Empty => Diagnostic::new(Code::EmptyFile, path, "file is empty")
                .with_help("a record starts with `---`, its fields, and `---`"),
            SplitFault::MissingOpeningFence => Diagnostic::new(
                Code::MissingFrontMatter,
                path,
                "file does not start with a `---` front matter fence",
            )
            .with_help("add a line `---` before the fields and another after them"),
            SplitFault::Unclosed => Diagnostic::new(
                Code::UnclosedFrontMatter,
                path,
                "front matter opened with `---` is never closed",
            )
            .at_span(0..3)
            .with_help("add a line `---` after the last field"),
        }
    }
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\r', ' ', '\t']) == "---"
}

/// Splits `text` (already without BOM) into front matter and body.
///
/// # Errors
/// [`SplitFault`] when the text is empty, does not start with `---`, or never closes it.
pub fn split(text: &str) -> Result<FrontMatter, SplitFault> {
    if text.trim().is_empty() {
        return Err(SplitFault::Empty);
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if !is_fence(first.trim_end_matches('\n')) {
        return Err(SplitFault::MissingOpeningFence);
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for line in lines {
        if is_fence(line.trim_end_matches('\n')) {
            return Ok(FrontMatter {
                yaml_start,
                yaml_end: offset,
                yaml_line: 2,
                body_start: offset + line.len(),
            });
        }
        offset += line.len();
    }
    Err(SplitFault::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_case::test_case;

    #[test_case("---\na: 1\n---\nbody", "a: 1\n", "body"; "lf")]
    #[test_case("---\r\na: 1\r\n---\r\nbody", "a: 1\r\n", "body"; "crlf")]
    #[test_case("---  \na: 1\n---\t\n", "a: 1\n", ""; "trailing whitespace on fences")]
    #[test_case("---\n---\n", "", ""; "empty front matter")]
    #[test_case("---\na: 1\n---", "a: 1\n", ""; "closing fence at end of file")]
    #[test_case("---\na: '---x'\n----\n---\nb", "a: '---x'\n----\n", "b"; "only an exact fence closes")]
    fn can_split_front_matter(text: &str, yaml: &str, body: &str) {
        let fm = split(text).expect("splits");
        assert_eq!(fm.yaml(text), yaml);
        assert_eq!(fm.body(text), body);
        assert_eq!(fm.yaml_line, 2);
    }

    #[test_case("", SplitFault::Empty; "empty")]
    #[test_case(" \n\n", SplitFault::Empty; "whitespace only")]
    #[test_case("a: 1\n", SplitFault::MissingOpeningFence; "no fence")]
    #[test_case("\n---\na: 1\n---\n", SplitFault::MissingOpeningFence; "blank line before fence")]
    #[test_case("---\na: 1\n", SplitFault::Unclosed; "unclosed")]
    fn errors_on_bad_fences(text: &str, fault: SplitFault) {
        assert_eq!(split(text), Err(fault));
    }
}
