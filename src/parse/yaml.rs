//! YAML front matter -> `serde_json::Value`, and JSON Pointer -> source span.
//!
//! The only module that knows the YAML crates. Values come from serde-saphyr (the maintained,
//! pure-Rust successor we chose over the archived serde_yaml) with strict YAML 1.2 booleans
//! (`no` stays a string) and leading-zero and underscored numbers (`0755`, `1_000`) kept as
//! strings; duplicate keys are rejected with their location. Comments, anchors and tags come from
//! the same parser's scanner tokens ([`marks`]), asked for only when the text holds a `#`, `&` or
//! `!`; [`crate::parse::parse`] reports a tag from there before [`to_json`] runs, so `to_json`'s
//! own naming of tagged values is a fallback. Spans come from saphyr's marked node tree, built only
//! when a diagnostic names a field.

use std::collections::HashMap;
use std::ops::Range;

use saphyr::{LoadableYamlNode, MarkedYamlOwned, ScalarOwned, YamlDataOwned};
use serde_saphyr::{DuplicateKeyPolicy, MessageFormatter};

use crate::diag::Code;
use crate::source::LineIndex;

/// A YAML fault, with a byte range relative to the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// [`Code::YamlSyntax`] or [`Code::DuplicateKey`].
    pub code: Code,
    /// The parser's message, without position suffix.
    pub message: String,
    /// Byte offset into the YAML text.
    pub offset: usize,
    /// Length of the highlighted range in bytes (at least 1 when the text is not empty).
    pub len: usize,
}

/// The message for front matter that hits one of the parser's limits (an alias bomb, absurd
/// nesting). serde-saphyr's own text is a `Debug` dump of the limit.
const TOO_COMPLEX: &str = "front matter is too large or too deeply nested to read \
     (are aliases like `*a` repeated many times?); records need no anchors or aliases";

/// The message for front matter that holds a second YAML document. serde-saphyr's own text
/// recommends one of its functions.
const MULTIPLE_DOCUMENTS: &str =
    "front matter holds more than one YAML document (a `---` or `...` line inside it?)";

/// The message for a YAML tag (`!!timestamp 2025-01-01`) on a value. serde-saphyr's own text
/// speaks of deserialising into a string.
pub(crate) fn tags_unsupported(tag: &str) -> String {
    format!("YAML tags such as `{tag}` are not supported; write the plain value")
}

/// The range of the tag (`!!timestamp`, `!<tag:...>`) on the line of `offset`, before it.
fn tag_before(yaml: &str, offset: usize) -> Option<Range<usize>> {
    let line_start = yaml[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &yaml[line_start..offset];
    let start = line_start + before.rfind('!')?;
    let start = yaml[line_start..start]
        .rfind(|c: char| c.is_whitespace() || matches!(c, '[' | '{' | ','))
        .map_or(line_start, |i| line_start + i + 1);
    let len = yaml[start..]
        .find(|c: char| c.is_whitespace())
        .unwrap_or(yaml.len() - start);
    yaml[start..].starts_with('!').then_some(start..start + len)
}

/// The byte offset of the last `---` or `...` line in `yaml`, the marker of a document's end.
fn document_marker(yaml: &str) -> Option<usize> {
    let mut offset = 0;
    let mut found = None;
    for line in yaml.split_inclusive('\n') {
        let text = line.trim_end();
        if text == "..." || text == "---" || text.starts_with("--- ") {
            found = Some(offset);
        }
        offset += line.len();
    }
    found
}

/// Finds a tab in a line's leading whitespace, returning its byte offset.
pub fn find_tab_indentation(yaml: &str) -> Option<usize> {
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(tab) = line[..indent].find('\t') {
            let rest = line[indent..].trim_end();
            // A tab before a comment or on a blank line is harmless.
            if !rest.is_empty() && !rest.starts_with('#') {
                return Some(offset + tab);
            }
        }
        offset += line.len();
    }
    None
}

/// What a YAML text holds besides its values, as byte ranges relative to the text, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// Comments (`# ...`): from the `#` to the end of its line, the line break excluded.
    pub comments: Vec<Range<usize>>,
    /// Anchor definitions (`&name`).
    pub anchors: Vec<Range<usize>>,
    /// Tags on values (`!!binary`, `!custom`, `!<tag:...>`).
    pub tags: Vec<Range<usize>>,
}

/// The comments, anchors and tags of `yaml`, from the tokens of the YAML scanner itself
/// (granit-parser's, the parser inside serde-saphyr, with serde-saphyr's `comments` feature), so
/// a `#` inside a value (`title: Room#4`, `"a # b"`) is not a comment while ` #` after a plain
/// value starts one, and a tag is found where it is written even when its value is on the next
/// line. Unreadable YAML gives the marks before the fault; [`to_json`] reports the fault.
pub fn marks(yaml: &str) -> Marks {
    use serde_saphyr::granit_parser::{Scanner, StrInput, TokenType};
    let mut marks = Marks::default();
    // Every mark has one of these; most records have none, and then need no second pass.
    if !yaml.contains(['#', '&', '!']) {
        return marks;
    }
    for token in Scanner::new(StrInput::new(yaml)) {
        let Ok(token) = token else {
            break;
        };
        let Some(range) = token.span().byte_range() else {
            continue;
        };
        match token.token_type() {
            TokenType::Comment(..) => marks.comments.push(range),
            TokenType::Anchor(..) => marks.anchors.push(range),
            TokenType::Tag(..) => marks.tags.push(range),
            _ => {}
        }
    }
    marks
}

/// Parses front matter YAML into a JSON value. Empty YAML gives `Value::Null`.
///
/// # Errors
/// [`YamlError`] with code M005 (syntax, budgets, multiple documents) or M007 (duplicate key).
pub fn to_json(yaml: &str) -> Result<serde_json::Value, YamlError> {
    if yaml.trim().is_empty() {
        return Ok(serde_json::Value::Null);
    }
    if let Some(value) = super::fast_yaml::to_json(yaml) {
        return Ok(value);
    }
    library_to_json(yaml)
}

/// Whether the fast path for common record YAML agrees with serde-saphyr on `yaml`: true when
/// it leaves `yaml` to serde-saphyr or gives exactly serde-saphyr's value. For the `yaml` fuzz
/// target; not part of the library's interface.
#[doc(hidden)]
pub fn fast_path_agrees(yaml: &str) -> bool {
    match super::fast_yaml::to_json(yaml) {
        Some(fast) => library_to_json(yaml).is_ok_and(|value| value == fast),
        None => true,
    }
}

/// Whether the span index from the parser's events agrees with saphyr's loader on `yaml`: it
/// leaves `yaml` to the loader or gives exactly the loader's spans. Where the loader cannot load
/// `yaml` at all but the parser can (saphyr's loader is stricter about flow lists and quoted
/// values continued at column 0, `d: [a,\nb]`; found by fuzzing), the loader has no spans to
/// give, so the parser's spans only have to lie inside the text. For the `yaml` fuzz target and
/// tests; not part of the library's interface.
#[doc(hidden)]
pub fn fast_spans_agree(yaml: &str) -> bool {
    let Some(fast) = SpanIndex::build_fast(yaml) else {
        return true;
    };
    if MarkedYamlOwned::load_from_str(yaml).is_err() {
        let inside =
            |range: &Range<usize>| range.start <= range.end && yaml.get(range.clone()).is_some();
        return fast
            .nodes
            .values()
            .all(|node| inside(&node.value) && node.key.as_ref().is_none_or(inside));
    }
    // saphyr's loader ends a quoted value after the blanks that follow it (`a: 'x' ` spans
    // `'x' `; found by fuzzing); where a value starts, which is what diagnostics show, is the
    // same, so the ends are compared without trailing blanks.
    let trimmed = |index: SpanIndex| -> HashMap<String, NodeSpan> {
        let trim = |range: Range<usize>| {
            let blanks = yaml.get(range.clone()).map_or(0, |text| {
                text.len() - text.trim_end_matches([' ', '\t']).len()
            });
            range.start..range.end - blanks
        };
        index
            .nodes
            .into_iter()
            .map(|(pointer, node)| {
                let node = NodeSpan {
                    key: node.key.map(trim),
                    value: trim(node.value),
                };
                (pointer, node)
            })
            .collect()
    };
    trimmed(fast) == trimmed(SpanIndex::build_with_saphyr(yaml))
}

/// [`to_json`] by serde-saphyr alone: the reference the fast path is tested against, and the
/// path for everything the fast path leaves alone (errors above all).
pub(crate) fn library_to_json(yaml: &str) -> Result<serde_json::Value, YamlError> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        // `1_000` is a YAML 1.1 number; in YAML 1.2 it is text.
        underscored_numbers_as_strings: true,
        duplicate_keys: DuplicateKeyPolicy::Error,
        with_snippet: false,
    };
    serde_saphyr::from_str_with_options::<serde_json::Value>(yaml, options).map_err(|error| {
        let error = error.without_snippet();
        let is_second_document = matches!(
            original(error),
            serde_saphyr::Error::MultipleDocuments { .. }
        );
        let is_tagged = matches!(
            original(error),
            serde_saphyr::Error::TaggedScalarCannotDeserializeIntoString { .. }
                | serde_saphyr::Error::UnsupportedTag { .. }
                | serde_saphyr::Error::BinaryNotUtf8 { .. }
        );
        let (code, message) = match original(error) {
            serde_saphyr::Error::DuplicateMappingKey { key, .. } => (
                Code::DuplicateKey,
                match key {
                    Some(key) => format!("key `{key}` appears twice in the same mapping"),
                    None => "a key appears twice in the same mapping".to_owned(),
                },
            ),
            serde_saphyr::Error::Budget { .. }
            | serde_saphyr::Error::AliasReplayCounterOverflow { .. }
            | serde_saphyr::Error::AliasReplayLimitExceeded { .. }
            | serde_saphyr::Error::AliasExpansionLimitExceeded { .. }
            | serde_saphyr::Error::AliasReplayStackDepthExceeded { .. } => {
                (Code::YamlSyntax, TOO_COMPLEX.to_owned())
            }
            // The library's own wording names its API ("use from_str_multiple").
            serde_saphyr::Error::MultipleDocuments { .. } => {
                (Code::YamlSyntax, MULTIPLE_DOCUMENTS.to_owned())
            }
            // The tag itself is named below, once its place is known.
            serde_saphyr::Error::TaggedScalarCannotDeserializeIntoString { .. }
            | serde_saphyr::Error::UnsupportedTag { .. }
            | serde_saphyr::Error::BinaryNotUtf8 { .. } => {
                (Code::YamlSyntax, tags_unsupported("!!timestamp"))
            }
            other => (
                Code::YamlSyntax,
                serde_saphyr::DefaultMessageFormatter
                    .format_message(other)
                    .into_owned(),
            ),
        };
        let (offset, len) = match error.location() {
            Some(location) => {
                let index = LineIndex::new(yaml);
                let start =
                    index.offset(yaml, location.line() as usize, location.column() as usize);
                (start, token_len(&yaml[start..]))
            }
            None => (0, 0),
        };
        // A second document starts after the marker that ended the first: point at the marker.
        let (offset, len) = match document_marker(&yaml[..offset]) {
            Some(marker) if is_second_document => (marker, 3),
            _ => (offset, len),
        };
        // A tagged value: point at the tag, and name it.
        let (message, offset, len) = match tag_before(yaml, offset) {
            Some(tag) if is_tagged => (tags_unsupported(&yaml[tag.clone()]), tag.start, tag.len()),
            _ => (message, offset, len),
        };
        // The parser notices an unclosed `[` or `{` only lines later; point at the bracket.
        let line_start = yaml[..offset].rfind('\n').map_or(0, |i| i + 1);
        let unclosed = unclosed_flow(yaml).filter(|&open| open < line_start);
        if let (Code::YamlSyntax, Some(open)) = (code, unclosed) {
            return YamlError {
                code,
                message: format!(
                    "`{}` is never closed, so the lines after it are read as part of it",
                    &yaml[open..=open]
                ),
                offset: open,
                len: 1,
            };
        }
        YamlError {
            code,
            message: tidy_message(&message),
            offset,
            len,
        }
    })
}

/// The error behind serde-saphyr's wrappers (an error met while replaying an alias is wrapped
/// with the alias's locations).
fn original(mut error: &serde_saphyr::Error) -> &serde_saphyr::Error {
    while let serde_saphyr::Error::AliasError { error: inner, .. }
    | serde_saphyr::Error::WithSnippet { error: inner, .. } = error
    {
        error = inner;
    }
    error
}

/// The offset of the first `[` or `{` in `yaml` that opens a flow collection and is never
/// closed (brackets in quotes, comments and running text do not count). A flow collection may
/// span lines, so only one still open at the end explains an error.
fn unclosed_flow(yaml: &str) -> Option<usize> {
    let mut open = Vec::new();
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let mut quote = None;
        let mut previous = ' ';
        // The last character before this one that is not a space; `-` at the line's start.
        let mut last = '-';
        for (i, ch) in line.char_indices() {
            match quote {
                Some(q) if ch == q => quote = None,
                Some(_) => {}
                None => match ch {
                    '"' | '\'' if previous.is_whitespace() || "[{,:".contains(previous) => {
                        quote = Some(ch);
                    }
                    '#' if previous.is_whitespace() => break,
                    '[' | '{' if "-:[{,".contains(last) => open.push(offset + i),
                    ']' | '}' => {
                        open.pop();
                    }
                    _ => {}
                },
            }
            previous = ch;
            if !ch.is_whitespace() {
                last = ch;
            }
        }
        offset += line.len();
    }
    open.first().copied()
}

fn token_len(rest: &str) -> usize {
    let line = rest.split(['\n', '\r']).next().unwrap_or_default();
    let token = line.split(": ").next().unwrap_or(line).trim_end();
    token.len().max(usize::from(!rest.is_empty()))
}

fn tidy_message(message: &str) -> String {
    let message = message.trim();
    // serde-saphyr appends " at line N column M"; our diagnostic carries the position itself.
    match message.rfind(" at line ") {
        Some(at) if message[at..].contains("column") => message[..at].to_owned(),
        _ => message.to_owned(),
    }
}

/// Byte ranges, relative to the YAML text, of every node's key and value, by JSON Pointer.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    nodes: HashMap<String, NodeSpan>,
}

/// One node of a [`SpanIndex`] as [`SpanIndex::encode`] writes it: pointer, key range, value
/// range.
type Encoded<'a> = (&'a str, Option<(usize, usize)>, (usize, usize));

/// A [`SpanIndex`] read back from [`SpanIndex::encode`]'s bytes, its pointers borrowed from
/// them. The cache hands back the indexes of the files with findings on every pre-commit
/// check, and copying their pointers into a table (tens of thousands of strings at 5,000
/// faculty) cost more than looking up the few that findings name.
#[derive(Debug)]
pub struct EncodedSpanIndex<'a> {
    /// In pointer order.
    nodes: Vec<Encoded<'a>>,
}

impl<'a> EncodedSpanIndex<'a> {
    /// The index in `bytes`; `None` when they are not one [`SpanIndex::encode`] wrote.
    pub fn decode(bytes: &'a [u8]) -> Option<Self> {
        let nodes: Vec<Encoded<'a>> = postcard::from_bytes(bytes).ok()?;
        nodes
            .is_sorted_by_key(|(pointer, _, _)| *pointer)
            .then_some(EncodedSpanIndex { nodes })
    }

    /// The node at `pointer`, or its nearest ancestor that exists, as [`SpanIndex::lookup`].
    pub fn lookup(&self, pointer: &str) -> Option<(&'a str, NodeSpan)> {
        let mut pointer = pointer;
        loop {
            if let Ok(at) = self.nodes.binary_search_by_key(&pointer, |(p, _, _)| *p) {
                let (found, key, (start, end)) = self.nodes[at];
                let key = key.map(|(start, end)| start..end);
                return Some((
                    found,
                    NodeSpan {
                        key,
                        value: start..end,
                    },
                ));
            }
            let cut = pointer.rfind('/')?;
            pointer = &pointer[..cut];
        }
    }
}

/// Where one node is: its key (for mapping entries) and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeSpan {
    /// The key's range, for a mapping entry.
    pub key: Option<Range<usize>>,
    /// The value's range.
    pub value: Range<usize>,
}

impl SpanIndex {
    /// Builds the index from YAML text. Unparseable YAML gives an empty index.
    pub fn build(yaml: &str) -> Self {
        if let Some(index) = Self::build_fast(yaml) {
            return index;
        }
        Self::build_with_saphyr(yaml)
    }

    /// [`SpanIndex::build`] from the parser's events ([`super::fast_yaml::spans`]), for the
    /// common case; `None` leaves the text to saphyr's loader. The spans are the loader's.
    fn build_fast(yaml: &str) -> Option<Self> {
        let spans = super::fast_yaml::spans(yaml)?;
        let offsets = CharOffsets::new(yaml);
        let nodes = spans
            .into_iter()
            .map(|(pointer, key, (start, end))| {
                let key = key.map(|(start, end)| offsets.range(start, end));
                let value = offsets.range(start, end);
                // An empty block value (`key:`) has an empty span; point at the key instead.
                let value = if value.is_empty() {
                    key.clone().unwrap_or(value)
                } else {
                    value
                };
                (pointer, NodeSpan { key, value })
            })
            .collect();
        Some(SpanIndex { nodes })
    }

    /// [`SpanIndex::build`] with saphyr's loader: the reference, and the path for everything
    /// [`SpanIndex::build_fast`] leaves alone.
    pub(crate) fn build_with_saphyr(yaml: &str) -> Self {
        let mut index = SpanIndex::default();
        let Ok(docs) = MarkedYamlOwned::load_from_str(yaml) else {
            return index;
        };
        let Some(root) = docs.first() else {
            return index;
        };
        let offsets = CharOffsets::new(yaml);
        index.walk(root, String::new(), None, &offsets);
        index
    }

    /// The index as bytes, for the cache of per-file results: postcard of each node's JSON
    /// Pointer, key range and value range (bytes of the YAML text), in pointer order.
    pub fn encode(&self) -> Vec<u8> {
        let mut nodes: Vec<Encoded<'_>> = self
            .nodes
            .iter()
            .map(|(pointer, node)| {
                let key = node.key.as_ref().map(|k| (k.start, k.end));
                (pointer.as_str(), key, (node.value.start, node.value.end))
            })
            .collect();
        nodes.sort_unstable_by_key(|(pointer, _, _)| *pointer);
        postcard::to_allocvec(&nodes).unwrap_or_default()
    }

    /// The node at `pointer`, or its nearest ancestor that exists (the root is `""`).
    pub fn lookup(&self, pointer: &str) -> Option<(&str, &NodeSpan)> {
        let mut pointer = pointer;
        loop {
            if let Some((key, node)) = self.nodes.get_key_value(pointer) {
                return Some((key.as_str(), node));
            }
            let cut = pointer.rfind('/')?;
            pointer = &pointer[..cut];
        }
    }

    fn walk(
        &mut self,
        node: &MarkedYamlOwned,
        pointer: String,
        key: Option<Range<usize>>,
        offsets: &CharOffsets,
    ) {
        let value = offsets.range(node.span.start.index(), node.span.end.index());
        match &node.data {
            YamlDataOwned::Mapping(map) => {
                for (k, v) in map {
                    let name = scalar_text(k);
                    let child = format!("{pointer}/{}", escape(&name));
                    let key_range = offsets.range(k.span.start.index(), k.span.end.index());
                    self.walk(v, child, Some(key_range), offsets);
                }
            }
            YamlDataOwned::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.walk(item, format!("{pointer}/{i}"), None, offsets);
                }
            }
            _ => {}
        }
        // An empty block value (`key:`) has an empty span; point at the key instead.
        let value = if value.is_empty() {
            key.clone().unwrap_or(value)
        } else {
            value
        };
        self.nodes.insert(pointer, NodeSpan { key, value });
    }
}

fn scalar_text(node: &MarkedYamlOwned) -> String {
    match &node.data {
        YamlDataOwned::Value(ScalarOwned::String(s)) => s.clone(),
        YamlDataOwned::Value(ScalarOwned::Integer(i)) => i.to_string(),
        YamlDataOwned::Value(ScalarOwned::FloatingPoint(f)) => f.to_string(),
        YamlDataOwned::Value(ScalarOwned::Boolean(b)) => b.to_string(),
        YamlDataOwned::Value(ScalarOwned::Null) => "null".to_owned(),
        YamlDataOwned::Representation(s, _, _) => s.clone(),
        _ => String::new(),
    }
}

/// Escapes a key for a JSON Pointer; kept here for callers of `parse::yaml::escape`, the
/// escaping itself lives in [`crate::pointer`].
pub use crate::pointer::escape;

/// saphyr markers count characters; this maps character indexes to byte offsets.
struct CharOffsets {
    bytes: Vec<usize>,
}

impl CharOffsets {
    fn new(text: &str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bytes.push(text.len());
        CharOffsets { bytes }
    }

    fn byte(&self, char_index: usize) -> usize {
        self.bytes
            .get(char_index)
            .copied()
            .unwrap_or_else(|| self.bytes.last().copied().unwrap_or(0))
    }

    fn range(&self, start: usize, end: usize) -> Range<usize> {
        let (start, end) = (self.byte(start), self.byte(end));
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use test_case::test_case;

    #[test]
    fn a_span_index_round_trips_through_its_encoding() {
        let yaml =
            "id: 2025-a\nmeetings:\n  - date: 2025-09-15\n  - date: 2025-12-10\nnote: \"é\"\n";
        let index = SpanIndex::build(yaml);
        assert!(index.nodes.len() > 5, "{index:?}");
        let bytes = index.encode();
        let decoded = EncodedSpanIndex::decode(&bytes).expect("decodes");
        assert_eq!(decoded.nodes.len(), index.nodes.len());
        let pointers = index.nodes.keys().map(String::as_str);
        for pointer in pointers.chain(["/meetings/1/date/x", "/none"]) {
            let (found, node) = index.lookup(pointer).expect("found");
            assert_eq!(
                decoded.lookup(pointer),
                Some((found, node.clone())),
                "{pointer}"
            );
        }
        assert!(EncodedSpanIndex::decode(b"\xff\xff\xff").is_none());
        // Out of order, binary search would miss nodes: not taken as an index.
        let unsorted: Vec<Encoded<'_>> = vec![("/b", None, (0, 1)), ("/a", None, (0, 1))];
        let unsorted = postcard::to_allocvec(&unsorted).expect("encoded");
        assert!(EncodedSpanIndex::decode(&unsorted).is_none());
    }

    #[test_case("answer: no", json!({"answer": "no"}); "strict booleans keep no as a string")]
    #[test_case("flag: true", json!({"flag": true}); "true is a boolean")]
    #[test_case("mode: 0755", json!({"mode": "0755"}); "leading zeros stay strings")]
    #[test_case("date: 2024-03-01", json!({"date": "2024-03-01"}); "dates stay strings")]
    #[test_case("a: 1_000\nb: 0x10\nc: 0o17\n", json!({"a": "1_000", "b": 16, "c": 15}); "underscores stay strings, yaml 1.2 hex and octal are numbers")]
    #[test_case("", serde_json::Value::Null; "empty is null")]
    #[test_case("a: yes\nb: No\nc: off\nd: y\n", json!({"a": "yes", "b": "No", "c": "off", "d": "y"}); "yaml 1.1 booleans stay strings")]
    #[test_case("a: -5\nb: 0\nc:\nd: ~\ne: 1.5\n", json!({"a": -5, "b": 0, "c": null, "d": null, "e": 1.5}); "numbers and nulls")]
    #[test_case("year: 2025-26\nid: 2024-a-example\n", json!({"year": "2025-26", "id": "2024-a-example"}); "academic years and ids stay strings")]
    fn converts_yaml_to_json(yaml: &str, expected: serde_json::Value) {
        assert_eq!(to_json(yaml).expect("parses"), expected);
    }

    #[test]
    fn errors_on_duplicate_keys_at_the_second_key() {
        let yaml = "a: 1\nb: 2\na: 3\n";
        let error = to_json(yaml).expect_err("duplicate");
        assert_eq!(error.code, Code::DuplicateKey);
        assert_eq!(&yaml[error.offset..error.offset + 1], "a");
        assert_eq!(error.offset, 10);
    }

    #[test]
    fn reports_syntax_errors_with_an_offset() {
        let yaml = "a: 1\nb: [1, 2\n";
        let error = to_json(yaml).expect_err("syntax");
        assert_eq!(error.code, Code::YamlSyntax);
        assert!(!error.message.contains(" at line "), "{}", error.message);
    }

    #[test_case("a: 1\n...\nb: 2\n", 5; "document end marker")]
    #[test_case("a: 1\n--- \nb: 2\n", 5; "document start marker")]
    fn names_a_second_document_without_library_wording(yaml: &str, offset: usize) {
        let error = to_json(yaml).expect_err("two documents");
        assert_eq!(error.code, Code::YamlSyntax);
        assert_eq!(
            error.message,
            "front matter holds more than one YAML document (a `---` or `...` line inside it?)"
        );
        assert_eq!((error.offset, error.len), (offset, 3));
    }

    #[test_case("start_date: !!timestamp 2025-01-01\n", "!!timestamp"; "timestamp")]
    #[test_case("a: 1\nb: [x, !!timestamp 2025-01-01]\n", "!!timestamp"; "in a flow list")]
    #[test_case("d: !<tag:yaml.org,2002:timestamp> 2025-01-01\n", "!<tag:yaml.org,2002:timestamp>"; "verbatim tag")]
    #[test_case("name: !!binary /w==\n", "!!binary"; "binary that is not text")]
    #[test_case("name: !!map x\n", "!!map"; "collection tag on a scalar")]
    fn names_a_tag_without_library_wording(yaml: &str, tag: &str) {
        let error = to_json(yaml).expect_err("tagged");
        assert_eq!(error.code, Code::YamlSyntax);
        assert_eq!(
            error.message,
            format!("YAML tags such as `{tag}` are not supported; write the plain value")
        );
        assert_eq!(&yaml[error.offset..error.offset + error.len], tag);
    }

    #[test_case("roles: [mentee\ninterests: [a]\n", 7; "unclosed list")]
    #[test_case("a: 1\nb: {x: 1\nc: 2\n", 8; "unclosed mapping")]
    fn points_at_an_unclosed_bracket(yaml: &str, offset: usize) {
        let error = to_json(yaml).expect_err("syntax");
        assert_eq!(error.code, Code::YamlSyntax);
        assert_eq!(error.offset, offset, "{}", error.message);
        assert!(error.message.contains("never closed"), "{}", error.message);
    }

    #[test]
    fn keeps_the_parsers_position_after_a_list_closed_on_a_later_line() {
        let error = to_json("a: [x,\n  y]\nb: c: d\n").expect_err("syntax");
        assert!(!error.message.contains("never closed"), "{}", error.message);
        assert_eq!(error.offset, 16);
    }

    #[test_case("a: [x, \"]\"]\n", None; "bracket in quotes")]
    #[test_case("a: O'Brien\nb: [x\n", Some(14); "apostrophe is not a quote")]
    #[test_case("a: see [1\n", None; "bracket in running text")]
    #[test_case("a: x # [\n", None; "bracket in a comment")]
    #[test_case("a: [x, [y]]\nb: {c: [d]}\n", None; "balanced")]
    #[test_case("a: [x,\n  y]\nb: [z\n", Some(15); "over two lines")]
    fn finds_unclosed_flow_collections(yaml: &str, expected: Option<usize>) {
        assert_eq!(unclosed_flow(yaml), expected);
    }

    #[test]
    fn errors_on_an_alias_bomb_without_expanding_it() {
        let mut yaml = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip("abcdefgh".chars())
        {
            let refs = vec![format!("*{prev}"); 9].join(", ");
            yaml.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        let error = to_json(&yaml).expect_err("budget");
        assert_eq!(error.code, Code::YamlSyntax);
        assert_eq!(error.message, TOO_COMPLEX);
    }

    #[test_case("a: 1\n\tb: 2\n", Some(5); "tab at start of line")]
    #[test_case("a:\n  \tb: 2\n", Some(5); "tab after spaces")]
    #[test_case("a: 1\t# x\n", None; "tab after a value")]
    #[test_case("a: 1\n\t\n", None; "tab on a blank line")]
    fn finds_tab_indentation(yaml: &str, expected: Option<usize>) {
        assert_eq!(find_tab_indentation(yaml), expected);
    }

    #[test]
    fn indexes_keys_and_values_by_pointer() {
        let yaml = "id: é-x\nmeetings:\n  - date: 2024-01-02\n  - date: 2024-03-04\n";
        let index = SpanIndex::build(yaml);
        let (_, node) = index.lookup("/meetings/1/date").expect("found");
        assert_eq!(&yaml[node.value.clone()], "2024-03-04");
        assert_eq!(&yaml[node.key.clone().expect("key")], "date");
        let (_, id) = index.lookup("/id").expect("found");
        assert_eq!(&yaml[id.value.clone()], "é-x");
    }

    fn texts<'a>(yaml: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
        ranges.iter().map(|r| &yaml[r.clone()]).collect()
    }

    #[test_case("a: 1\n", &[]; "none")]
    #[test_case("# above\na: 1 # right\n", &["# above", "# right"]; "above and to the right")]
    #[test_case("meetings:\n  - date: 2025-01-02\n    # talked about leave\n", &["# talked about leave"]; "inside a list")]
    #[test_case("title: Room#4\nq: \"a # b\"\nr: 'c # d'\n", &[]; "a hash inside values")]
    #[test_case("title: Room #4\n", &["#4"]; "a hash after a space starts a comment")]
    #[test_case("s: |\n  # kept text\n", &[]; "a hash inside a literal block")]
    #[test_case("a: [1\n# after the fault\n", &[]; "unparseable")]
    #[test_case("a: 1 # x\r\nb: 2\r\n", &["# x"]; "crlf line ends")]
    fn finds_comments(yaml: &str, expected: &[&str]) {
        assert_eq!(texts(yaml, &marks(yaml).comments), expected);
    }

    #[test_case("a: &x 1\nb: *x\n", &["&x"]; "on a scalar")]
    #[test_case("- date: &discussed-leave 2024-03-05\n", &["&discussed-leave"]; "name as a note")]
    #[test_case("a: &m\n  b: 1\nc: [&s x]\n", &["&m", "&s"]; "on a mapping and in a flow list")]
    #[test_case("a: R&D\nb: \"&x\"\n", &[]; "an ampersand inside values")]
    fn finds_anchors(yaml: &str, expected: &[&str]) {
        assert_eq!(texts(yaml, &marks(yaml).anchors), expected);
    }

    #[test_case("a: !!binary Y2xpbmljaWFu\n", &["!!binary"]; "binary")]
    #[test_case("a: !custom x\nb: !!int 60\n", &["!custom", "!!int"]; "local and core tags")]
    #[test_case("a: !<tag:notes,2024:leave> 2024-03-05\n", &["!<tag:notes,2024:leave>"]; "verbatim")]
    #[test_case("a: [!!str 1]\n", &["!!str"]; "in a flow list")]
    #[test_case("meetings: !!seq\n  - date: 2025-01-02\n", &["!!seq"]; "on a block list")]
    #[test_case("m: !!binary\n  /w==\n", &["!!binary"]; "value on the next line")]
    #[test_case("n: !!int sixty\n", &["!!int"]; "a value its tag cannot read")]
    #[test_case("n: [é😀, !!int abc]\n", &["!!int"]; "after multi-byte characters")]
    #[test_case("a: Wow!\nb: \"!x\"\n", &[]; "an exclamation mark inside values")]
    fn finds_tags(yaml: &str, expected: &[&str]) {
        assert_eq!(texts(yaml, &marks(yaml).tags), expected);
    }

    #[test]
    fn falls_back_to_the_nearest_parent() {
        let index = SpanIndex::build("goals:\n  - text: x\n");
        let (found, _) = index.lookup("/goals/0/target").expect("parent");
        assert_eq!(found, "/goals/0");
    }
}
