//! Source files as text, and byte offset -> line:column conversion.
//!
//! Owns [`SourceFile`] (a record's relative path and its decoded text) and [`LineIndex`].
//! Must not touch the file system: readers in `read` build these values.

/// One file of a program, already decoded as UTF-8 (a leading BOM removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the program folder, with `/` separators (`people/a-example.md`).
    pub path: String,
    /// The file's text without a leading UTF-8 byte order mark.
    pub text: String,
}

impl SourceFile {
    /// Builds a source file from a relative path and raw text; a leading BOM is dropped.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        SourceFile {
            path: path.into(),
            text,
        }
    }
}

/// Maps byte offsets in a text to 1-based line and column numbers.
///
/// Columns count Unicode scalar values (characters), not bytes, so a caret under `é` lands where
/// an editor puts it. A `\r\n` line ending belongs to the line it ends.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset at which each line starts; always begins with 0.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// Number of lines (a final line without a newline counts; an empty text has one line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 1-based line and column of byte `offset` in `text` (clamped to the text's end).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = text[start..offset].chars().count() + 1;
        (line, column)
    }

    /// Byte offset of the start of 1-based `line` (the text's length past the last line).
    pub fn line_start(&self, text: &str, line: usize) -> usize {
        match line {
            0 => 0,
            l if l <= self.starts.len() => self.starts[l - 1],
            _ => text.len(),
        }
    }

    /// Byte offset of 1-based `line` and 1-based character `column`, clamped to that line.
    pub fn offset(&self, text: &str, line: usize, column: usize) -> usize {
        let start = self.line_start(text, line);
        let end = self.line_end(text, line);
        let line_text = &text[start..end];
        let within = line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i);
        start + within
    }

    /// Byte offset of the end of 1-based `line`, before its `\r\n` or `\n`.
    pub fn line_end(&self, text: &str, line: usize) -> usize {
        let next = if line < self.starts.len() {
            self.starts[line] - 1
        } else {
            text.len()
        };
        let start = self.line_start(text, line).min(next);
        if next > start && text.as_bytes()[next - 1] == b'\r' {
            next - 1
        } else {
            next
        }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A file's content id: its git blob id (SHA-1 of `blob <length>\0` and the bytes), so that a
/// file in the work tree and the same file in git's index or a commit have the same id. A git
/// snapshot lists it for every file without reading the file; for a file read from disk it is
/// computed from the bytes ([`ContentId::of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContentId(pub [u8; 20]);

impl ContentId {
    /// The git blob id of `bytes`; `None` when the SHA-1 collision detector flags them (an
    /// attack on SHA-1, never an ordinary file), so that such a file is never cached.
    pub fn of(bytes: &[u8]) -> Option<Self> {
        let id =
            gix::objs::compute_hash(gix::hash::Kind::Sha1, gix::objs::Kind::Blob, bytes).ok()?;
        id.as_bytes().try_into().ok().map(ContentId)
    }
}

/// A 64-bit hash of a file's text (SipHash-1-3 with fixed keys): enough to tell whether a file
/// read again is the one that was checked, not a content id (see [`ContentId`]).
pub fn text_hash(text: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(text)
}

/// A file that could not be decoded as UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undecodable {
    /// Relative path with `/` separators.
    pub path: String,
    /// Byte offset of the first invalid byte.
    pub valid_up_to: usize,
    /// 1-based line of the first invalid byte.
    pub line: usize,
    /// 1-based column (in characters) of the first invalid byte.
    pub column: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_case::test_case;

    #[test]
    fn content_ids_are_git_blob_ids() {
        // `printf 'hello\n' | git hash-object --stdin`
        let id = ContentId::of(b"hello\n").expect("id");
        let hex: String = id.0.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "ce013625030ba8dba906f756967f9e9ca394464a");
    }

    #[test_case("a\nb\nc", 0, (1, 1); "start")]
    #[test_case("a\nb\nc", 2, (2, 1); "second line")]
    #[test_case("a\r\nb", 3, (2, 1); "after crlf")]
    #[test_case("é: x", 4, (1, 4); "columns count characters")]
    #[test_case("ab", 99, (1, 3); "clamped past the end")]
    fn maps_offsets_to_line_and_column(text: &str, offset: usize, expected: (usize, usize)) {
        assert_eq!(LineIndex::new(text).line_col(text, offset), expected);
    }

    #[test]
    fn offset_is_the_inverse_of_line_col() {
        let text = "---\r\nname: é x\r\nrank: y\n";
        let index = LineIndex::new(text);
        for offset in [0, 5, 11, 14, 18] {
            let (line, col) = index.line_col(text, offset);
            assert_eq!(index.offset(text, line, col), offset, "offset {offset}");
        }
    }

    #[test]
    fn line_end_excludes_crlf() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        assert_eq!(
            &text[index.line_start(text, 1)..index.line_end(text, 1)],
            "ab"
        );
        assert_eq!(
            &text[index.line_start(text, 2)..index.line_end(text, 2)],
            "cd"
        );
    }

    #[test]
    fn drops_a_leading_bom() {
        assert_eq!(SourceFile::new("a.md", "\u{feff}---").text, "---");
    }
}
