//! A fast path from the YAML that records are written in to a JSON value.
//!
//! Records are block mappings of plain keys, text, dates, small integers and lists. For that
//! YAML, [`to_json`] builds the `serde_json::Value` straight from the events of granit-parser
//! (the parser inside serde-saphyr, with serde-saphyr's parser limits), which takes about 40% of
//! the time serde-saphyr's `Value` deserialiser takes for the same text (63% of a cold check's
//! instructions went there, measured with callgrind on the generated 5,000-faculty program).
//!
//! It never decides anything serde-saphyr might decide differently: it gives `None` for anything
//! outside the common case (a parse error, an anchor, alias, tag or directive, a duplicate or
//! merge key, a key that is not plain text, a scalar that could be a float, a radix, a
//! leading-zero or underscored number, an integer of more than 18 digits, deep nesting or many
//! nodes), and the caller then asks serde-saphyr for the value or the error. Where it gives
//! `Some`, the value equals serde-saphyr's with the options `yaml::to_json` uses; tests compare
//! the two on the example program, every bad-record case and generated YAML.

use serde_json::{Map, Number, Value};
use serde_saphyr::granit_parser::{Event, Options, Parser, ScalarStyle};

/// Deepest nesting the fast path takes; serde-saphyr's budget stops at 64.
const MAX_DEPTH: usize = 32;
/// Most nodes the fast path takes; serde-saphyr's budget stops at 250,000.
const MAX_NODES: usize = 100_000;

/// The JSON value of `yaml` when it is in the common case (see the module docs), else `None`.
/// `yaml` is one document's text; empty text is for the caller.
pub(crate) fn to_json(yaml: &str) -> Option<Value> {
    let mut events = Parser::new_from_str_with_options(yaml, parser_options());

    let mut next = move || match events.next() {
        Some(Ok((event, _))) => Some(event),
        _ => None,
    };
    if !matches!(next()?, Event::StreamStart) {
        return None;
    }
    match next()? {
        Event::DocumentStart(_, None) => {}
        _ => return None,
    }
    let mut builder = Builder {
        next: &mut next,
        nodes: 0,
    };
    let first = builder.next_event()?;
    let value = builder.node(first, 0)?;
    if !matches!(builder.next_event()?, Event::DocumentEnd) {
        return None;
    }
    if !matches!(builder.next_event()?, Event::StreamEnd) {
        return None;
    }
    Some(value)
}

/// The options records are parsed with: serde-saphyr's parser options with its default budget
/// (`Budget::parser_options`), comments not emitted as events. Public for
/// `examples/parse_floor.rs`, which must parse exactly as `mentor` does.
pub fn parser_options() -> Options {
    let mut options = Options::default();
    options.simple_key_max_lookahead = 1024;
    options.flow_nesting_limit = 255;
    options.block_nesting_limit = options.block_nesting_limit.max(65);
    options.emit_comments = false;
    options
}

struct Builder<'a, F> {
    next: &'a mut F,
    nodes: usize,
}

impl<'input, F: FnMut() -> Option<Event<'input>>> Builder<'_, F> {
    fn next_event(&mut self) -> Option<Event<'input>> {
        (self.next)()
    }

    /// The value of the node that starts with `event`.
    fn node(&mut self, event: Event<'input>, depth: usize) -> Option<Value> {
        self.nodes += 1;
        if self.nodes > MAX_NODES || depth > MAX_DEPTH {
            return None;
        }
        match event {
            Event::Scalar(text, style, 0, None) => scalar(&text, style),
            Event::SequenceStart(_, 0, None) => {
                let mut items = Vec::new();
                loop {
                    match self.next_event()? {
                        Event::SequenceEnd => return Some(Value::Array(items)),
                        event => items.push(self.node(event, depth + 1)?),
                    }
                }
            }
            Event::MappingStart(_, 0, None) => {
                let mut map = Map::new();
                loop {
                    let key = match self.next_event()? {
                        Event::MappingEnd => return Some(Value::Object(map)),
                        Event::Scalar(text, style, 0, None) => key(text.into_owned(), style)?,
                        _ => return None,
                    };
                    let event = self.next_event()?;
                    let value = self.node(event, depth + 1)?;
                    if map.insert(key, value).is_some() {
                        return None;
                    }
                }
            }
            _ => None,
        }
    }
}

/// Where each node of `yaml` is, for a span index: `(JSON Pointer, key span, value span)` in
/// document order, spans in characters as saphyr's loader gives them (a scalar: its event's
/// span; a mapping or list: from its start event to its end event). `None` for anything outside
/// the common case of [`to_json`] (anchors, aliases, tags, keys that are not text, duplicate
/// keys, errors), which the caller leaves to saphyr.
pub(crate) fn spans(yaml: &str) -> Option<Vec<NodeSpans>> {
    // Tabs around values make the two parsers' scalar spans differ (found by fuzzing: `d:\t2f`);
    // records indent with spaces, so leave any tab to saphyr's loader.
    // And a carriage return, even inside a quoted value (fuzzing: `a: "0\rb"`): records
    // written on Windows are spanned by saphyr's loader.
    if yaml.contains(['\t', '\r']) {
        return None;
    }
    // Explicit keys (`? key`) are spanned differently too (fuzzing: `? FALSEie\n? ie`).
    if yaml.contains("? ") || yaml.contains("?\n") || yaml.ends_with('?') {
        return None;
    }
    // In a flow mapping a key with no `:` has a null value that saphyr's loader spans after
    // the key and granit-parser at it (proptest: `{''}`, `{a}`); records write mappings as
    // blocks, so any flow mapping is spanned by saphyr's loader.
    if yaml.contains('{') {
        return None;
    }
    // An explicit document start spans an empty document differently (fuzzing: `---\n`); front
    // matter never holds one, its `---` lines are outside the YAML.
    if yaml.starts_with("---") || yaml.contains("\n---") {
        return None;
    }
    let mut events = Parser::new_from_str_with_options(yaml, parser_options());
    let mut next = move || match events.next() {
        Some(Ok((event, span))) => Some((event, span.start.index(), span.end.index())),
        _ => None,
    };
    if !matches!(next()?.0, Event::StreamStart)
        || !matches!(next()?.0, Event::DocumentStart(_, None))
    {
        return None;
    }
    let mut out = Vec::new();
    let first = next()?;
    let mut walker = Spans {
        next: &mut next,
        nodes: 0,
        out: &mut out,
    };
    walker.node(first, String::new(), None, 0)?;
    if !matches!(next()?.0, Event::DocumentEnd) || !matches!(next()?.0, Event::StreamEnd) {
        return None;
    }
    Some(out)
}

/// One node's place for [`spans`]: its JSON Pointer, its key's span (for a mapping entry) and
/// its value's span, in characters.
pub(crate) type NodeSpans = (String, Option<(usize, usize)>, (usize, usize));

/// An event and its span's start and end, in characters.
type Spanned<'input> = (Event<'input>, usize, usize);

struct Spans<'a, F> {
    next: &'a mut F,
    nodes: usize,
    out: &'a mut Vec<NodeSpans>,
}

impl<'input, F: FnMut() -> Option<Spanned<'input>>> Spans<'_, F> {
    /// Records the node that starts with `event` at `pointer`, and everything inside it.
    fn node(
        &mut self,
        (event, start, end): Spanned<'input>,
        pointer: String,
        key_span: Option<(usize, usize)>,
        depth: usize,
    ) -> Option<()> {
        self.nodes += 1;
        if self.nodes > MAX_NODES || depth > MAX_DEPTH {
            return None;
        }
        let end = match event {
            Event::Scalar(_, _, 0, None) => end,
            Event::SequenceStart(_, 0, None) => {
                let mut i = 0;
                loop {
                    let event = (self.next)()?;
                    if let Event::SequenceEnd = event.0 {
                        break event.1;
                    }
                    self.node(event, format!("{pointer}/{i}"), None, depth + 1)?;
                    i += 1;
                }
            }
            Event::MappingStart(_, 0, None) => {
                let mut seen = std::collections::HashSet::new();
                loop {
                    let (event, key_start, key_end) = (self.next)()?;
                    let name = match event {
                        Event::MappingEnd => break key_start,
                        Event::Scalar(text, style, 0, None) => key(text.into_owned(), style)?,
                        _ => return None,
                    };
                    let child = format!("{pointer}/{}", super::yaml::escape(&name));
                    if !seen.insert(name) {
                        return None;
                    }
                    let value = (self.next)()?;
                    self.node(value, child, Some((key_start, key_end)), depth + 1)?;
                }
            }
            _ => return None,
        };
        self.out.push((pointer, key_span, (start, end)));
        Some(())
    }
}

/// A mapping key as serde_json takes it, for keys that are text in every YAML reading.
fn key(text: String, style: ScalarStyle) -> Option<String> {
    match style {
        ScalarStyle::Plain => {
            let first = text.bytes().next()?;
            // Null-, boolean- and number-like keys, and the merge key `<<`, are left to serde-saphyr.
            let plain_word = first.is_ascii_alphabetic() || first == b'_';
            let special = matches!(
                text.as_str(),
                "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
            );
            (plain_word && !special).then_some(text)
        }
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => Some(text),
        _ => None,
    }
}

/// A scalar's value: quoted and block scalars are text; a plain scalar is null, a boolean, a
/// small integer or text, or `None` when it could be anything else.
fn scalar(text: &str, style: ScalarStyle) -> Option<Value> {
    if style != ScalarStyle::Plain {
        return Some(Value::String(text.to_owned()));
    }
    // serde-saphyr trims these before it reads a number; a plain scalar never has them.
    if text.trim_matches([' ', '\t', '\r', '\n']).len() != text.len() {
        return None;
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let numeric_start = unsigned
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || b == b'.');
    if !numeric_start {
        return Some(Value::String(text.to_owned()));
    }
    if let Some(number) = small_integer(text) {
        return Some(Value::Number(number));
    }
    // Anything a number reader could take (floats, `.inf`, radix, leading zeros, underscores,
    // long integers) is serde-saphyr's to decide; what is left (dates, `3rd`, `1:30`) is text.
    let radix = unsigned.len() > 1
        && unsigned.starts_with('0')
        && matches!(
            unsigned.as_bytes()[1],
            b'x' | b'X' | b'o' | b'O' | b'b' | b'B'
        );
    let all_digits = unsigned.bytes().all(|b| b.is_ascii_digit());
    if radix
        || all_digits
        || unsigned.contains('_')
        || unsigned.starts_with('.')
        || text.parse::<f64>().is_ok()
    {
        return None;
    }
    Some(Value::String(text.to_owned()))
}

/// `0`, or an optional `-` and 1 to 18 digits without a leading zero.
fn small_integer(text: &str) -> Option<Number> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let canonical = !digits.is_empty()
        && digits.len() <= 18
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if !canonical || text == "-0" {
        return None;
    }
    text.parse::<i64>().ok().map(Number::from)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;
    use serde_json::json;
    use test_case::test_case;

    use super::to_json;
    use crate::parse::front_matter;
    use crate::parse::yaml::library_to_json;

    /// The fast path either leaves `yaml` to serde-saphyr or gives exactly serde-saphyr's value;
    /// and the span index from the events is saphyr's loader's whenever it is built.
    fn assert_agrees(yaml: &str) -> bool {
        assert!(
            crate::parse::yaml::fast_spans_agree(yaml),
            "the fast span index disagrees with saphyr's on {yaml:?}"
        );
        match to_json(yaml) {
            Some(fast) => {
                let library = library_to_json(yaml);
                assert!(
                    library.as_ref().is_ok_and(|value| *value == fast),
                    "fast path gave {fast} for {yaml:?}, serde-saphyr gave {library:?}"
                );
                true
            }
            None => false,
        }
    }

    #[test_case("name: Dr. A. Example\nid: p-01\n", json!({"name": "Dr. A. Example", "id": "p-01"}); "text")]
    #[test_case("date: 2026-03-01\nyear: 2026\nn: -7\nz: 0\n", json!({"date": "2026-03-01", "year": 2026, "n": -7, "z": 0}); "dates and integers")]
    #[test_case("a: true\nb: False\nc: ~\nd:\ne: null\n", json!({"a": true, "b": false, "c": null, "d": null, "e": null}); "booleans and nulls")]
    #[test_case("q: 'null'\nr: \"007\"\ns: |\n  one\n  two\n", json!({"q": "null", "r": "007", "s": "one\ntwo\n"}); "quoted and block text")]
    #[test_case("l:\n  - a\n  - 1\nf: [x, 'y']\nm: {k: v}\n", json!({"l": ["a", 1], "f": ["x", "y"], "m": {"k": "v"}}); "lists and nested mappings")]
    #[test_case("name: Dr. Ä. Exámple — 東京\nt: 1:30\nu: 3rd\n", json!({"name": "Dr. Ä. Exámple — 東京", "t": "1:30", "u": "3rd"}); "non-ascii and text that starts with a digit")]
    fn takes_the_common_case(yaml: &str, expected: serde_json::Value) {
        assert_eq!(to_json(yaml), Some(expected));
        assert!(assert_agrees(yaml));
    }

    #[test_case("a: 1.5\n"; "float")]
    #[test_case("a: 1e3\n"; "exponent")]
    #[test_case("a: .inf\n"; "infinity")]
    #[test_case("a: 0x1F\n"; "hex")]
    #[test_case("a: 007\n"; "leading zero")]
    #[test_case("a: 1_000\n"; "underscore")]
    #[test_case("a: +1\n"; "plus sign")]
    #[test_case("a: 12345678901234567890\n"; "long integer")]
    #[test_case("a: &x 1\nb: *x\n"; "anchor and alias")]
    #[test_case("a: !!str 1\n"; "tag")]
    #[test_case("a: 1\na: 2\n"; "duplicate key")]
    #[test_case("<<: {a: 1}\n"; "merge key")]
    #[test_case("1: a\n"; "number key")]
    #[test_case("? [a]\n: b\n"; "complex key")]
    #[test_case("a: [1\n"; "syntax error")]
    #[test_case("a: 1\n---\nb: 2\n"; "second document")]
    #[test_case("%YAML 1.2\n---\na: 1\n"; "directive")]
    fn leaves_everything_else_to_serde_saphyr(yaml: &str) {
        assert_eq!(to_json(yaml), None);
    }

    #[test]
    fn leaves_tabs_to_saphyr_for_spans() {
        // Found by the `yaml` fuzz target: the parsers' scalar spans differ after a tab.
        assert!(super::spans("d:\t2f").is_none());
        assert!(crate::parse::yaml::fast_spans_agree("d:\t2f"));
        assert!(super::spans("? FALSEie\n? ie").is_none());
        assert!(super::spans("a: \"01\rb\"\n").is_none());
        assert!(crate::parse::yaml::fast_spans_agree("a: \"01\rb\"\n"));
        assert!(crate::parse::yaml::fast_spans_agree("? FALSEie\n? ie"));
        assert!(super::spans("---\n").is_none());
        assert!(crate::parse::yaml::fast_spans_agree("---\n"));
        assert!(crate::parse::yaml::fast_spans_agree("a: '' \n"));
        for flow in ["{''}", "{a}", "x: {'a', b: 1}"] {
            assert!(super::spans(flow).is_none(), "{flow}");
            assert!(crate::parse::yaml::fast_spans_agree(flow), "{flow}");
        }
    }

    #[test]
    fn spans_what_saphyrs_loader_cannot_load() {
        // Found by the `yaml` fuzz target: saphyr's loader rejects a flow list continued at
        // column 0, which the parser behind serde-saphyr reads; the parser's spans stand.
        use saphyr::LoadableYamlNode;
        let yaml = "d: [a,\nb]\n";
        assert!(saphyr::MarkedYamlOwned::load_from_str(yaml).is_err());
        let spans = super::spans(yaml).expect("the parser spans it");
        assert!(
            spans.contains(&("/d/1".to_owned(), None, (7, 8))),
            "{spans:?}"
        );
        assert!(crate::parse::yaml::fast_spans_agree(yaml));
        assert!(crate::parse::yaml::fast_spans_agree("d: [\n]"));
    }

    #[test]
    fn leaves_deep_nesting_to_serde_saphyr() {
        let deep = format!("{}1{}", "[".repeat(40), "]".repeat(40));
        assert_eq!(to_json(&deep), None);
        let shallow = format!("{}1{}", "[".repeat(30), "]".repeat(30));
        assert!(assert_agrees(&shallow));
    }

    /// Every record of the example program and every bad-record case: where the fast path takes
    /// the front matter, its value is serde-saphyr's; and it takes nearly every example record.
    #[test]
    fn agrees_with_serde_saphyr_on_every_example_and_bad_record() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for folder in ["example-program", "tests/bad-records"] {
            collect_markdown(&root.join(folder), &mut files);
        }
        let (mut examples, mut fast_examples) = (0, 0);
        for path in &files {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let Ok(front_matter) = front_matter::split(&text) else {
                continue;
            };
            let yaml = front_matter.yaml(&text);
            if yaml.trim().is_empty() {
                continue;
            }
            let fast = assert_agrees(yaml);
            if path.starts_with(root.join("example-program")) {
                examples += 1;
                fast_examples += usize::from(fast);
            }
        }
        assert!(examples > 50, "only {examples} example records found");
        let fast_spans = files
            .iter()
            .filter(|path| path.starts_with(root.join("example-program")))
            .filter_map(|path| std::fs::read_to_string(path).ok())
            .filter(|text| {
                front_matter::split(text).is_ok_and(|f| super::spans(f.yaml(text)).is_some())
            })
            .count();
        assert!(
            fast_spans * 10 >= examples * 9,
            "the fast span index took only {fast_spans} of {examples} example records"
        );
        assert!(
            fast_examples * 10 >= examples * 9,
            "the fast path took only {fast_examples} of {examples} example records"
        );
    }

    fn collect_markdown(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                collect_markdown(&path, files);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }

    /// Scalars chosen to sit on every edge of YAML's type rules.
    const SCALARS: &[&str] = &[
        "x",
        "Dr. A. Example",
        "2026-03-01",
        "2026-03-01T10:00:00Z",
        "0",
        "-0",
        "7",
        "-12",
        "+3",
        "007",
        "0x1F",
        "0o17",
        "0b11",
        "0X1",
        "1_000",
        "1.5",
        "-.5",
        ".5",
        "1e3",
        "1E-3",
        ".inf",
        "-.Inf",
        ".NaN",
        "+.nan",
        "inf",
        "nan",
        "1:30",
        "3rd",
        "12345678901234567890",
        "123456789012345678",
        "-999999999999999999",
        "true",
        "True",
        "TRUE",
        "tRue",
        "yes",
        "no",
        "on",
        "y",
        "null",
        "Null",
        "NULL",
        "nULL",
        "~",
        "",
        "'q'",
        "\"d\\té\"",
        "'it''s'",
        "é",
        "Ä Exámple",
        "東京",
        "a #b",
        "[a, 1]",
        "{k: 2}",
        "&a 1",
        "*a",
        "!!str 5",
        "!x y",
        "- 1",
        "|\n  block\n",
        ">-\n  folded\n  text\n",
        "[1, [2, [3]]]",
        "{a: {b: ~}}",
        "a: b",
    ];
    const KEYS: &[&str] = &[
        "id", "name", "date", "x_y", "Key", "'quoted'", "\"dq\"", "null", "true", "1", "<<", "-k",
        "é", "a b", "~", "_u",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn agrees_with_serde_saphyr_on_generated_mappings(
            entries in proptest::collection::vec((0..KEYS.len(), 0..SCALARS.len(), any::<bool>()), 0..8)
        ) {
            let mut yaml = String::new();
            for (key, value, listed) in entries {
                yaml.push_str(KEYS[key]);
                yaml.push(':');
                if listed {
                    yaml.push_str("\n  - ");
                } else {
                    yaml.push(' ');
                }
                yaml.push_str(SCALARS[value]);
                yaml.push('\n');
            }
            if !yaml.trim().is_empty() {
                assert_agrees(&yaml);
            }
        }

        #[test]
        fn agrees_with_serde_saphyr_on_any_text(yaml in "[a-z0-9:\\-\\[\\]{}'\" \n#&*!.,|>~]{1,60}") {
            if !yaml.trim().is_empty() {
                assert_agrees(&yaml);
            }
        }
    }
}
