//! Text from the records made safe to show: control characters as visible stand-ins, and byte
//! offsets kept on character boundaries. Shared by every output (terminal diagnostics, status
//! CSV and text, Markdown and HTML reports), so "printable" means one thing everywhere.

use std::borrow::Cow;

/// The largest char boundary of `text` at or before `offset` (clamped to its length).
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The smallest char boundary of `text` at or after `offset` (clamped to its length).
pub fn ceil_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

/// `text` with every character that could steer a terminal made visible: C0 controls and DEL
/// (ESC, BEL, backspace, carriage return, line breaks, tabs) as their Unicode control pictures
/// (`␛` for ESC), C1 controls and bidirectional-text controls as `�`. For one-line text from the
/// records: names, messages, paths.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unprintable) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(picture).collect())
}

/// Whether `c` is a control character (C0, DEL, C1), a bidirectional-text control or an
/// invisible character (see `is_bidi_control`).
pub fn is_unprintable(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Bidirectional-text controls (embeddings, overrides, isolates, the marks) and the invisible
/// characters that can hide in a key or a name: zero-width space, word joiner and invisible
/// operators, byte order mark. Zero-width joiners (U+200C, U+200D) stay: scripts need them.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200b}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{061c}'
            | '\u{2060}'..='\u{2064}'
            | '\u{feff}'
    )
}

/// The visible stand-in for `c`, or `c` itself.
fn picture(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        c if is_unprintable(c) => '\u{fffd}',
        c => c,
    }
}

/// Like [`printable`], for text of several lines (a Markdown body, a report value): line breaks
/// (`\n`) and tabs stay layout; every other control character, a carriage return included, and
/// every bidirectional-text control becomes its visible stand-in.
pub fn printable_block(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| is_unprintable(c) && !matches!(c, '\n' | '\t');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if unsafe_char(c) { picture(c) } else { c })
            .collect(),
    )
}

/// Like [`printable_block`], for a whole rendered document: also keeps a carriage return that
/// ends a line (`\r\n`), so a template written with Windows line endings stays as it is.
pub fn printable_document(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let unsafe_at = |i: usize, c: char| {
        is_unprintable(c)
            && !matches!(c, '\n' | '\t')
            && !(c == '\r' && bytes.get(i + 1) == Some(&b'\n'))
    };
    if !text.char_indices().any(|(i, c)| unsafe_at(i, c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.char_indices()
            .map(|(i, c)| if unsafe_at(i, c) { picture(c) } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_never_split_a_character() {
        let text = "xé€";
        assert_eq!(floor_char_boundary(text, 2), 1);
        assert_eq!(ceil_char_boundary(text, 2), 3);
        assert_eq!(ceil_char_boundary(text, 4), 6);
        assert_eq!(floor_char_boundary(text, 99), text.len());
    }

    #[test]
    fn blocks_keep_line_breaks_and_tabs_only() {
        assert_eq!(
            printable_block("a\n\tb\r\n\u{1b}[31m\u{9b}\u{202e}"),
            "a\n\tb\u{240d}\n\u{241b}[31m\u{fffd}\u{fffd}"
        );
        assert!(matches!(printable_block("plain\ntext"), Cow::Borrowed(_)));
    }

    #[test]
    fn documents_keep_crlf_line_endings_only() {
        assert_eq!(
            printable_document("a\r\nb\rc\u{1b}]0;t\u{7}"),
            "a\r\nb\u{240d}c\u{241b}]0;t\u{2407}"
        );
    }
}
