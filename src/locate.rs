//! Turning diagnostic anchors (JSON Pointers, body, byte spans) into file lines and columns.
//!
//! YAML spans are relative to the front matter, so the opening fence's line is added here. The
//! span index of a file (a second, span-keeping parse of its front matter) is built once, only for
//! files with a diagnostic that names a JSON Pointer: a YAML fault already carries its byte span,
//! and a file the parser refused (an alias bomb, front matter over the node budget) must not be
//! expanded again by a parser without those budgets.

use std::ops::Range;

use crate::cache::{self, Cache, Key};
use crate::diag::{Anchor, Diagnostic, Part, Position};
use crate::layout::{self, Place};
use crate::parse::FrontMatter;
use crate::parse::Sources;
use crate::parse::yaml::{EncodedSpanIndex, NodeSpan, SpanIndex};
use crate::source::LineIndex;

/// Fills in `position` and `span` of each diagnostic (and of its related location), then sorts
/// them by (path, line, column, code, message).
pub fn locate(diagnostics: &mut [Diagnostic], sources: &Sources) {
    locate_cached(diagnostics, sources, None);
}

/// [`locate`], taking the span index of a record file from `cache` when it holds one for the
/// file's text, and keeping in `cache` the ones it builds (for files whose results it holds).
/// A program's rule findings name the same unchanged files run after run: at 5,000 faculty,
/// building their span indexes again took a quarter of a pre-commit check.
pub fn locate_cached(diagnostics: &mut [Diagnostic], sources: &Sources, cache: Option<&mut Cache>) {
    let (positions, built) = positions(diagnostics, sources, cache.as_deref());
    if let Some(cache) = cache {
        for (key, spans) in built {
            cache.insert_spans(key, spans);
        }
    }
    let mut located = positions.into_iter();
    for d in diagnostics.iter_mut() {
        let main = located.next().flatten();
        let related = located.next().flatten();
        if d.position.is_some() && d.anchor == Anchor::File {
            // Positioned by whoever made it (a file that could not be decoded).
        } else if let Some((span, position)) = main {
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
        if let Some(related_location) = d.related.as_mut() {
            related_location.position = related.map(|(_, p)| p);
        }
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Where each diagnostic's anchor and its related location's anchor are: two entries per
/// diagnostic, in order (`None` for no related location, or a file that is not among
/// `sources`); and the span indexes built that `cache` did not hold, encoded, by cache key.
/// Files are indexed in parallel, one at a time per core, and each index is dropped once its
/// file's anchors are resolved (a program with thousands of findings re-parses thousands of
/// files for their spans; holding every index at once cost 14 MB).
fn positions(
    diagnostics: &[Diagnostic],
    sources: &Sources,
    cache: Option<&Cache>,
) -> (Vec<Option<Located>>, Vec<Built>) {
    // (path, anchor, slot): slot 2i is diagnostic i, slot 2i + 1 its related location.
    let mut wanted: Vec<(&str, &Anchor, usize)> = Vec::with_capacity(diagnostics.len());
    for (i, d) in diagnostics.iter().enumerate() {
        wanted.push((d.path.as_str(), &d.anchor, 2 * i));
        if let Some(related) = &d.related {
            wanted.push((related.path.as_str(), &related.anchor, 2 * i + 1));
        }
    }
    wanted.sort_by(|a, b| a.0.cmp(b.0));
    let files: Vec<&[(&str, &Anchor, usize)]> = wanted.chunk_by(|a, b| a.0 == b.0).collect();
    let found = crate::parallel::map(&files, |anchors| {
        let path = anchors[0].0;
        let Some((file, front_matter)) = sources.get(path) else {
            return (Vec::new(), None);
        };
        let needs_spans = anchors.iter().any(|(_, anchor, _)| is_pointer(anchor));
        let (spans, built) = match front_matter.filter(|_| needs_spans) {
            Some(front_matter) => spans(path, &file.text, front_matter, cache),
            None => (Spans::Built(SpanIndex::default()), None),
        };
        let index = FileIndex {
            lines: LineIndex::new(&file.text),
            spans,
        };
        let located: Vec<_> = anchors
            .iter()
            .map(|&(_, anchor, slot)| (slot, resolve(&file.text, front_matter, anchor, &index)))
            .collect();
        (located, built)
    });
    let mut positions: Vec<Option<Located>> = vec![None; 2 * diagnostics.len()];
    let mut built = Vec::new();
    for (located, new) in found {
        for (slot, position) in located {
            positions[slot] = Some(position);
        }
        built.extend(new);
    }
    (positions, built)
}

/// The span index of the front matter of the file at `path` with `text`: from `cache` when it
/// holds one for this text, else built, and then also returned encoded with its cache key.
fn spans<'c>(
    path: &str,
    text: &str,
    front_matter: &FrontMatter,
    cache: Option<&'c Cache>,
) -> (Spans<'c>, Option<Built>) {
    let key = cache.and_then(|_| match layout::classify(path) {
        Place::Record(kind) => cache::key_of_text(kind, path, text),
        Place::Unknown | Place::Ignored => None,
    });
    let cached = key
        .zip(cache)
        .and_then(|(key, cache)| cache.spans(key))
        .and_then(EncodedSpanIndex::decode);
    if let Some(spans) = cached {
        return (Spans::Cached(spans), None);
    }
    let spans = SpanIndex::build(front_matter.yaml(text));
    let built = key.map(|key| (key, spans.encode()));
    (Spans::Built(spans), built)
}

/// A span index built for a record file, encoded, with the file's cache key.
type Built = (Key, Vec<u8>);

/// A span (bytes of the file) and the position it starts and ends at.
type Located = (Range<usize>, Position);

struct FileIndex<'c> {
    lines: LineIndex,
    spans: Spans<'c>,
}

/// A file's span index: built now, or read from the cache.
enum Spans<'c> {
    Built(SpanIndex),
    Cached(EncodedSpanIndex<'c>),
}

impl Spans<'_> {
    /// The node at `pointer`, or its nearest ancestor that exists.
    fn lookup(&self, pointer: &str) -> Option<(&str, NodeSpan)> {
        match self {
            Spans::Built(index) => index.lookup(pointer).map(|(p, node)| (p, node.clone())),
            Spans::Cached(index) => index.lookup(pointer),
        }
    }
}

fn is_pointer(anchor: &Anchor) -> bool {
    matches!(anchor, Anchor::Pointer { .. })
}

/// Where `anchor` is in `text` (a file whose front matter is `front_matter`, indexed by
/// `index`).
fn resolve(
    text: &str,
    front_matter: Option<&FrontMatter>,
    anchor: &Anchor,
    index: &FileIndex<'_>,
) -> Located {
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
    (
        span,
        Position {
            line,
            column,
            end_line,
            end_column,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    #[test]
    fn positions_each_anchor_and_related_location_in_its_own_file() {
        let text = "---\nid: a\nname: Dr. A. Example\n---\nBody\n";
        let front_matter = crate::parse::front_matter::split(text).expect("front matter");
        let mut sources = Sources::default();
        sources.insert(
            crate::source::SourceFile::new("people/a.md", text),
            Some(front_matter),
        );
        let diagnostics = vec![
            Diagnostic::new(Code::UnknownField, "people/a.md", "unknown").at_value("/name"),
            Diagnostic::new(Code::YamlSyntax, "people/gone.md", "syntax").at_span(3..4),
        ];
        let (found, _) = positions(&diagnostics, &sources, None);
        assert_eq!(found.len(), 4);
        let (span, position) = found[0].clone().expect("people/a.md is a source");
        assert_eq!((position.line, position.column), (3, 7));
        assert_eq!(span.len(), "Dr. A. Example".len());
        assert_eq!(found[1], None, "no related location");
        assert_eq!(found[2], None, "people/gone.md is not a source");
    }

    #[test]
    fn takes_span_indexes_from_the_cache_and_keeps_the_ones_it_builds() {
        let path = "people/a.md";
        let text = "---\nid: a\nname: Dr. A. Example\n---\nBody\n";
        let front_matter = crate::parse::front_matter::split(text).expect("front matter");
        let mut sources = Sources::default();
        sources.insert(
            crate::source::SourceFile::new(path, text),
            Some(front_matter),
        );
        let name = || vec![Diagnostic::new(Code::UnknownField, path, "unknown").at_value("/name")];
        let line = |diagnostics: &[Diagnostic]| diagnostics[0].position.map(|p| p.line);
        let key = cache::key_of_text(crate::layout::RecordKind::Person, path, text).expect("key");
        let entry = cache::Entry {
            record: vec![1],
            body: "Body\n".to_owned(),
        };
        let mut cache = Cache::new(1);
        cache.insert(key, entry);
        // Built, used and kept.
        let mut diagnostics = name();
        locate_cached(&mut diagnostics, &sources, Some(&mut cache));
        assert_eq!(line(&diagnostics), Some(3));
        let kept = cache.spans(key).expect("kept").to_vec();
        assert_eq!(
            kept,
            SpanIndex::build("id: a\nname: Dr. A. Example\n").encode()
        );
        // A kept index is used as it is: here one without `/name`, so the finding falls back
        // to the first line.
        let elsewhere = SpanIndex::build("other: x\n").encode();
        cache.insert_spans(key, elsewhere);
        let mut diagnostics = name();
        locate_cached(&mut diagnostics, &sources, Some(&mut cache));
        assert_eq!(line(&diagnostics), Some(1));
        // Without a cache, built.
        let mut diagnostics = name();
        locate(&mut diagnostics, &sources);
        assert_eq!(line(&diagnostics), Some(3));
    }
}
