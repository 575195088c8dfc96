//! Human output: `path:line:col: error[CODE]: message`, a source snippet (annotate-snippets),
//! help and related lines, and one summary line.
//!
//! Paths, messages and snippets carry text from the records, so control characters are made
//! visible ([`printable`]) before they reach a terminal: a name cannot recolour, move the cursor
//! or retitle the window.

use std::borrow::Cow;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

pub use crate::text::printable;
use crate::text::{ceil_char_boundary, floor_char_boundary, is_unprintable};

use super::{Diagnostic, Severity, Summary};
use crate::parse::Sources;

/// Renders diagnostics for a terminal or a log. `color` turns on ANSI styles.
pub fn render(
    diagnostics: &[Diagnostic],
    summary: &Summary,
    sources: &Sources,
    color: bool,
) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    // Each diagnostic's block is independent of the others; annotate-snippets takes about
    // 50 µs a snippet, so thousands of findings are rendered on every core.
    let blocks = crate::parallel::map(diagnostics, |d| block(d, sources, &renderer));
    let mut out = String::with_capacity(blocks.iter().map(String::len).sum::<usize>() + 80);
    for block in blocks {
        out.push_str(&block);
    }
    out.push_str(&summary.to_string());
    out.push('\n');
    out
}

/// One diagnostic's lines: the header, its snippet, help and note, and a blank line.
fn block(d: &Diagnostic, sources: &Sources, renderer: &Renderer) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{}:{}:{}: {}[{}]: {}\n",
        printable(&d.path),
        d.line(),
        d.column(),
        d.severity.as_str(),
        d.code.id(),
        printable(&d.message)
    ));
    if let (Some(span), Some((file, _))) = (d.span.clone(), sources.get(&d.path))
        && !file.text.is_empty()
        && !d.code.is_confidential()
    {
        {
            let level = match d.severity {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
            };
            let text = file.text.as_str();
            // Spans come from parsers that count in characters or bytes; a range that ends
            // inside a multi-byte character must widen to it, never split it.
            let end = ceil_char_boundary(text, span.end.max(span.start).min(text.len()));
            let start = floor_char_boundary(text, span.start.min(end));
            // Only the lines the span covers: handing the whole file over for every
            // diagnostic made a file with thousands of findings take minutes.
            let (lines, first_line) = lines_around(text, start..end, d.line());
            let (lines, start, end) = snippet_window(text, lines, start..end);
            let (source, start, end) =
                printable_source(&text[lines.clone()], start - lines.start..end - lines.start);
            let end = end.min(source.len());
            let report = [Group::with_level(level).element(
                Snippet::source(source.as_ref())
                    .line_start(first_line)
                    .fold(true)
                    .annotation(
                        AnnotationKind::Primary
                            .span(start.min(end)..end)
                            .label(d.code.name()),
                    ),
            )];
            out.push_str(&renderer.render(&report));
            out.push('\n');
        }
    }
    if let Some(help) = &d.help {
        out.push_str(&format!("  = help: {}\n", printable(help)));
    }
    if let Some(related) = &d.related {
        let (message, path) = (printable(&related.message), printable(&related.path));
        match related.position {
            Some(p) => out.push_str(&format!(
                "  = note: {message} at {path}:{}:{}\n",
                p.line, p.column
            )),
            None => out.push_str(&format!("  = note: {message} in {path}\n")),
        }
    }
    out.push('\n');
    out
}

/// The byte range of the whole lines of `text` that `span` touches (without the last line's
/// break), and the number of its first line (`line`, 1-based, the line `span` starts on).
fn lines_around(text: &str, span: Range<usize>, line: usize) -> (Range<usize>, usize) {
    let span = floor_char_boundary(text, span.start.min(text.len()))
        ..ceil_char_boundary(text, span.end.min(text.len()));
    let first = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let last = if span.end > span.start {
        floor_char_boundary(text, span.end - 1)
    } else {
        span.start
    };
    let mut end = text[last..].find('\n').map_or(text.len(), |i| last + i);
    if end > span.end.max(first) && text[..end].ends_with('\r') {
        end -= 1;
    }
    (first..end.max(first), line.max(1))
}

/// The most bytes of a record's text one snippet shows around a span, and of the span itself:
/// a 50 MB one-line value must not cost memory in proportion to its length.
const SNIPPET_CONTEXT: usize = 160;
const SNIPPET_SPAN: usize = 480;

/// Narrows the snippet lines `lines` of `text` to at most [`SNIPPET_CONTEXT`] bytes either side
/// of `span`, itself cut to [`SNIPPET_SPAN`] bytes, on character boundaries. Returns the narrowed
/// lines and span (both byte ranges of `text`; the span stays inside the lines).
fn snippet_window(
    text: &str,
    lines: Range<usize>,
    span: Range<usize>,
) -> (Range<usize>, usize, usize) {
    let start = span.start.clamp(lines.start, lines.end);
    let end = floor_char_boundary(
        text,
        span.end.clamp(start, lines.end).min(start + SNIPPET_SPAN),
    );
    let from = ceil_char_boundary(text, start.saturating_sub(SNIPPET_CONTEXT).max(lines.start));
    let to = floor_char_boundary(text, (end + SNIPPET_CONTEXT).min(lines.end)).max(end);
    (from.min(start)..to, start, end)
}

/// A file's text for a snippet, and the highlighted range in it. annotate-snippets shows C0
/// controls and DEL as control pictures itself (and keeps line breaks and tabs as layout), but
/// passes C1 and bidirectional-text controls through, so those become `�` here, and the range
/// is moved by the bytes that adds.
fn printable_source(text: &str, span: Range<usize>) -> (Cow<'_, str>, usize, usize) {
    let is_passed_through =
        |c: char| is_unprintable(c) && !matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}');
    if !text.chars().any(is_passed_through) {
        return (Cow::Borrowed(text), span.start, span.end);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let (mut start, mut end) = (span.start, span.end);
    for (at, c) in text.char_indices() {
        if is_passed_through(c) {
            let grown = '\u{fffd}'.len_utf8() - c.len_utf8();
            start += if at < span.start { grown } else { 0 };
            end += if at < span.end { grown } else { 0 };
            out.push('\u{fffd}');
        } else {
            out.push(c);
        }
    }
    (Cow::Owned(out), start, end)
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    #[test_case("a: 1\nb: 2\nc: 3\n", 8..9, 2, (5..9, 2); "one line")]
    #[test_case("a: 1\r\nb: 2\r\n", 9..10, 2, (6..10, 2); "crlf, the carriage return left out")]
    #[test_case("a: |\n  x\n  y\nb: 2\n", 3..13, 1, (0..12, 1); "a span over three lines")]
    #[test_case("a: 1\nb: 2", 9..9, 2, (5..9, 2); "empty span at the end of the text")]
    #[test_case("a: 1\n", 0..5, 1, (0..4, 1); "a span ending with its line break")]
    fn cuts_the_lines_a_span_touches(
        text: &str,
        span: Range<usize>,
        line: usize,
        expected: (Range<usize>, usize),
    ) {
        assert_eq!(lines_around(text, span, line), expected);
    }

    use super::*;

    #[test_case("Dr. A. Example", "Dr. A. Example"; "plain")]
    #[test_case("Dr. \u{1b}[31mRed\u{1b}[0m", "Dr. \u{241b}[31mRed\u{241b}[0m"; "ANSI colour")]
    #[test_case("\u{1b}]0;title\u{7}", "\u{241b}]0;title\u{2407}"; "window title")]
    #[test_case("a\rb\nc\td", "a\u{240d}b\u{240a}c\u{2409}d"; "line breaks and tabs")]
    #[test_case("x\u{7f}", "x\u{2421}"; "delete")]
    #[test_case("\u{9b}31m", "\u{fffd}31m"; "C1 CSI")]
    #[test_case("abc\u{202e}fed", "abc\u{fffd}fed"; "right-to-left override")]
    #[test_case("Ñúñez ✓", "Ñúñez ✓"; "non-ASCII text")]
    fn makes_control_characters_visible(text: &str, expected: &str) {
        assert_eq!(printable(text), expected);
    }

    #[test]
    fn moves_the_snippet_range_past_replaced_c1_controls() {
        let text = "name: \u{9b}31mX\nrank: \u{9b}y\n";
        let value = text.find('X').expect("X");
        let (source, start, end) = printable_source(text, value..value + 1);
        assert_eq!(source, "name: \u{fffd}31mX\nrank: \u{fffd}y\n");
        assert_eq!(&source[start..end], "X");
    }
}
