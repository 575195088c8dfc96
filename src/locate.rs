//! Turning diagnostic anchors (JSON Pointers, body, byte spans) into file lines and columns.
//!
//! YAML spans are relative to the front matter, so the opening fence's line is added here. The
//! span index of a file (a second, span-keeping parse of its front matter) is built once, only for
//! files with a diagnostic that names a JSON Pointer: a YAML fault already carries its byte span,
//! and a file the parser refused (an alias bomb, front matter over the node budget) must not be
//! expanded again by a parser without those budgets.

use std::collections::HashMap;
use std::ops::Range;

use crate::diag::{Anchor, Diagnostic, Part, Position};
use crate::parse::FrontMatter;
use crate::parse::Sources;
use crate::parse::yaml::SpanIndex;
use crate::source::LineIndex;

/// Fills in `position` and `span` of each diagnostic (and of its related location), then sorts
/// them by (path, line, column, code, message).
pub fn locate(diagnostics: &mut [Diagnostic], sources: &Sources) {
    let mut cache = indexes(diagnostics, sources);
    for d in diagnostics.iter_mut() {
        if d.position.is_some() && d.anchor == Anchor::File {
            // Positioned by whoever made it (a file that could not be decoded).
        } else if let Some((span, position)) = resolve(&d.path, &d.anchor, sources, &mut cache) {
            d.span = Some(span);
            d.position = Some(position);
        } else {
            d.position = Some(Position {
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 1,
            });
        }
        if let Some(related) = d.related.as_mut() {
            related.position =
                resolve(&related.path, &related.anchor, sources, &mut cache).map(|(_, p)| p);
        }
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

struct FileIndex {
    lines: LineIndex,
    spans: SpanIndex,
}

impl FileIndex {
    /// The line index of `text`, and its span index when `needs_spans`.
    fn new(text: &str, front_matter: Option<&FrontMatter>, needs_spans: bool) -> Self {
        FileIndex {
            lines: LineIndex::new(text),
            spans: front_matter
                .filter(|_| needs_spans)
                .map(|fm| SpanIndex::build(fm.yaml(text)))
                .unwrap_or_default(),
        }
    }
}

/// The indexes of every file a diagnostic names, built in parallel (a program with thousands of
/// findings re-parses thousands of files for their spans).
fn indexes(diagnostics: &[Diagnostic], sources: &Sources) -> HashMap<String, Option<FileIndex>> {
    let paths = files_named(diagnostics);
    let built = crate::parallel::map(&paths, |&(path, needs_spans)| {
        sources
            .get(path)
            .map(|(file, front_matter)| FileIndex::new(&file.text, front_matter, needs_spans))
    });
    paths
        .into_iter()
        .zip(built)
        .filter_map(|((path, _), index)| Some((path.to_owned(), Some(index?))))
        .collect()
}

/// Each file a diagnostic (or its related location) names, once, in path order, with whether any
/// of its anchors is a JSON Pointer (and so needs the file's span index).
fn files_named(diagnostics: &[Diagnostic]) -> Vec<(&str, bool)> {
    let mut paths: Vec<(&str, bool)> = diagnostics
        .iter()
        .flat_map(|d| {
            let related = d.related.as_ref().map(|r| (&r.path, &r.anchor));
            std::iter::once((&d.path, &d.anchor)).chain(related)
        })
        .map(|(path, anchor)| (path.as_str(), is_pointer(anchor)))
        .collect();
    // Sorted by path with pointers first, so `dedup` keeps `true` when any anchor is one.
    paths.sort_unstable_by(|a, b| a.0.cmp(b.0).then(b.1.cmp(&a.1)));
    paths.dedup_by(|later, kept| later.0 == kept.0);
    paths
}

fn is_pointer(anchor: &Anchor) -> bool {
    matches!(anchor, Anchor::Pointer { .. })
}

fn resolve(
    path: &str,
    anchor: &Anchor,
    sources: &Sources,
    cache: &mut HashMap<String, Option<FileIndex>>,
) -> Option<(Range<usize>, Position)> {
    let (file, front_matter) = sources.get(path)?;
    let text = file.text.as_str();
    let index = cache
        .entry(path.to_owned())
        .or_insert_with(|| Some(FileIndex::new(text, front_matter, is_pointer(anchor))))
        .as_ref()?;
    let first_line = |start: usize| {
        start
            ..index
                .lines
                .line_end(text, index.lines.line_col(text, start).0)
                .max(start)
    };
    let span = match anchor {
        Anchor::File => 0..0,
        Anchor::Span(range) => range.clone(),
        Anchor::Body => {
            let start = front_matter.map_or(0, |fm| fm.body_start);
            let skip = text[start..].len() - text[start..].trim_start().len();
            first_line(start + skip)
        }
        Anchor::Pointer { pointer, part } => {
            let base = front_matter.map_or(0, |fm| fm.yaml_start);
            match index.spans.lookup(pointer) {
                Some((found, node)) if !found.is_empty() => {
                    let range = match part {
                        Part::Key => node.key.clone().unwrap_or_else(|| node.value.clone()),
                        Part::Value if found != pointer.as_str() => {
                            node.key.clone().unwrap_or_else(|| node.value.clone())
                        }
                        Part::Value => node.value.clone(),
                    };
                    let range = (base + range.start)..(base + range.end);
                    // A block value spans several lines; highlight its first line only.
                    let line_end = first_line(range.start).end;
                    range.start..range.end.min(line_end).max(range.start)
                }
                _ => 0..3.min(text.len()),
            }
        }
    };
    let (line, column) = index.lines.line_col(text, span.start);
    let (end_line, end_column) = index.lines.line_col(text, span.end);
    Some((
        span,
        Position {
            line,
            column,
            end_line,
            end_column,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    #[test]
    fn builds_span_indexes_only_for_files_with_a_pointer() {
        let diagnostics = vec![
            Diagnostic::new(Code::YamlSyntax, "people/bomb.md", "too large").at_span(10..11),
            Diagnostic::new(Code::UnknownField, "people/b.md", "unknown").at_value("/x"),
            Diagnostic::new(Code::YamlSyntax, "people/b.md", "syntax").at_span(3..4),
            Diagnostic::new(Code::ConfidentialityBreach, "meetings/c.md", "body").at_body(),
        ];
        assert_eq!(
            files_named(&diagnostics),
            vec![
                ("meetings/c.md", false),
                ("people/b.md", true),
                ("people/bomb.md", false)
            ]
        );
    }
}
