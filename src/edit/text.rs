//! Pure text edits on a record's source: insert a field, set a field's value, append an item to
//! a list, each at its place in the front matter. Every other byte stays as it was: line
//! endings (LF or CRLF, whichever the file uses), a byte order mark, comments, key order.
//!
//! Only the front matter's top level is addressed (the keys of a record such as `meetings`,
//! `signatures`, `status`). The functions return the new text, or an [`EditError`] when the file
//! has no front matter or the key's value has a shape they do not edit (then the user edits by
//! hand; nothing is guessed).

/// Why a text edit could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The file does not start with a `---` line and end its front matter with another.
    #[error("the file has no front matter between two `---` lines")]
    NoFrontMatter,
    /// The key's value is neither a block list, a flow list on one line, nor absent.
    #[error("`{key}` (line {line}) is not a list that can be appended to; edit it by hand")]
    NotAList {
        /// The top-level key.
        key: String,
        /// 1-based line of the key.
        line: usize,
    },
}

/// The front matter's lines: byte ranges of each line (without its ending) and where the
/// closing `---` line starts.
struct FrontMatter {
    /// `(start, end)` byte offsets of each line between the two `---` lines, ending excluded.
    lines: Vec<(usize, usize)>,
    /// Byte offset of the closing `---` line.
    close: usize,
    /// The file's line ending, `"\r\n"` or `"\n"`.
    eol: &'static str,
    /// 1-based line number of the first front-matter line.
    first_line: usize,
}

/// The line ending `text` uses: CRLF when its first line ends with one, else LF.
pub fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

fn front_matter(text: &str) -> Result<FrontMatter, EditError> {
    let eol = line_ending(text);
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = Vec::new();
    let mut pos = bom;
    let mut first = true;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end_matches('\r');
        let line_end = pos + line.len();
        if first {
            if line.trim_end() != "---" {
                return Err(EditError::NoFrontMatter);
            }
            first = false;
        } else if line.trim_end() == "---" {
            return Ok(FrontMatter {
                lines,
                close: pos,
                eol,
                first_line: 2,
            });
        } else {
            lines.push((pos, line_end));
        }
        pos = end + 1;
    }
    Err(EditError::NoFrontMatter)
}

/// Whether `line` starts top-level key `key` (`key:` then a space, a comment or the end).
fn is_key_line(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .and_then(|rest| rest.strip_prefix(':'))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// Index (into the front matter's lines) of top-level key `key`.
fn find_key(text: &str, fm: &FrontMatter, key: &str) -> Option<usize> {
    fm.lines
        .iter()
        .position(|&(s, e)| is_key_line(&text[s..e], key))
}

/// Whether a line belongs to the block value of the key above it: indented, or a `- ` item at
/// column 0 (YAML allows a block list at the key's own indentation).
fn continues_block(line: &str) -> bool {
    line.starts_with([' ', '\t']) || line == "-" || line.starts_with("- ")
}

/// Inserts `key: value` as the last line of the front matter; `value` is written as given
/// (quote it with [`scalar`]). If the key exists already its value is replaced instead (see
/// [`set_field`]).
///
/// # Errors
/// [`EditError::NoFrontMatter`].
pub fn set_field(text: &str, key: &str, value: &str) -> Result<String, EditError> {
    let fm = front_matter(text)?;
    match find_key(text, &fm, key) {
        Some(i) => {
            let (s, e) = fm.lines[i];
            let line = &text[s..e];
            // Keep a trailing comment on the line.
            let after_colon = &line[key.len() + 1..];
            let comment = after_colon.find(" #").map(|c| &after_colon[c..]);
            let mut out = String::with_capacity(text.len() + value.len());
            out.push_str(&text[..s]);
            out.push_str(key);
            out.push_str(": ");
            out.push_str(value);
            if let Some(comment) = comment {
                out.push_str(comment);
            }
            out.push_str(&text[e..]);
            Ok(out)
        }
        None => {
            let mut out = String::with_capacity(text.len() + key.len() + value.len() + 4);
            out.push_str(&text[..fm.close]);
            out.push_str(key);
            out.push_str(": ");
            out.push_str(value);
            out.push_str(fm.eol);
            out.push_str(&text[fm.close..]);
            Ok(out)
        }
    }
}

/// One list item: a plain value (`- a-example`) or a mapping of fields in order
/// (`- date: 2025-01-14` / `  minutes: 60`). Values are written as given (see [`scalar`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A scalar item.
    Value(String),
    /// A mapping item: `(key, value)` pairs in order; must not be empty.
    Fields(Vec<(String, String)>),
}

/// Appends `item` to the list under top-level `key`: after its last item for a block list
/// (with the indentation of its first item), inside the brackets for a flow list on one line
/// (`[a, b]` becomes `[a, b, c]`; `[]` becomes a block list when the item is a mapping), or as a
/// new `key:` block at the end of the front matter when the key is absent.
///
/// # Errors
/// [`EditError::NoFrontMatter`]; [`EditError::NotAList`] when the key holds something else.
pub fn append_item(text: &str, key: &str, item: &Item) -> Result<String, EditError> {
    let fm = front_matter(text)?;
    let eol = fm.eol;
    let Some(k) = find_key(text, &fm, key) else {
        let mut block = format!("{key}:{eol}");
        block.push_str(&render_item(item, "  ", eol));
        let mut out = String::with_capacity(text.len() + block.len());
        out.push_str(&text[..fm.close]);
        out.push_str(&block);
        out.push_str(&text[fm.close..]);
        return Ok(out);
    };
    let (ks, ke) = fm.lines[k];
    let key_line = &text[ks..ke];
    let value = key_line[key.len() + 1..].trim();
    let value = match value.find(" #") {
        Some(c) => value[..c].trim_end(),
        None if value.starts_with('#') => "",
        None => value,
    };
    let not_a_list = || EditError::NotAList {
        key: key.to_owned(),
        line: fm.first_line + k,
    };
    if value.is_empty() {
        // A block list (or nothing yet): find its last line.
        let mut last = None;
        let mut indent = None;
        for (i, &(s, e)) in fm.lines.iter().enumerate().skip(k + 1) {
            let line = &text[s..e];
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            if !continues_block(line) {
                break;
            }
            if indent.is_none() {
                let trimmed = line.trim_start();
                if !trimmed.starts_with('-') {
                    return Err(not_a_list());
                }
                indent = Some(&line[..line.len() - trimmed.len()]);
            }
            last = Some(i);
        }
        let indent = indent.unwrap_or("  ");
        let at = match last {
            Some(i) => line_after(text, fm.lines[i].1),
            None => line_after(text, ke),
        };
        let block = render_item(item, indent, eol);
        let mut out = String::with_capacity(text.len() + block.len());
        out.push_str(&text[..at]);
        out.push_str(&block);
        out.push_str(&text[at..]);
        return Ok(out);
    }
    if value.starts_with('[') && value.ends_with(']') {
        let inner = value[1..value.len() - 1].trim();
        let close = ks + key_line.rfind(']').ok_or_else(not_a_list)?;
        let mut out = String::with_capacity(text.len() + 32);
        match item {
            Item::Value(v) => {
                out.push_str(&text[..close]);
                if !inner.is_empty() {
                    out.push_str(", ");
                }
                out.push_str(v);
                out.push_str(&text[close..]);
            }
            Item::Fields(_) if inner.is_empty() => {
                // `key: []` becomes a block list holding the item.
                out.push_str(&text[..ks]);
                out.push_str(key);
                out.push(':');
                out.push_str(eol);
                out.push_str(render_item(item, "  ", eol).trim_end_matches(['\r', '\n']));
                out.push_str(&text[ke..]);
            }
            Item::Fields(_) => return Err(not_a_list()),
        }
        return Ok(out);
    }
    Err(not_a_list())
}

/// The offset just after the line ending that follows byte `end` (the line's end).
fn line_after(text: &str, end: usize) -> usize {
    text[end..].find('\n').map_or(text.len(), |i| end + i + 1)
}

fn render_item(item: &Item, indent: &str, eol: &str) -> String {
    match item {
        Item::Value(v) => format!("{indent}- {v}{eol}"),
        Item::Fields(fields) => {
            let mut out = String::new();
            for (i, (k, v)) in fields.iter().enumerate() {
                out.push_str(indent);
                out.push_str(if i == 0 { "- " } else { "  " });
                out.push_str(k);
                out.push_str(": ");
                out.push_str(v);
                out.push_str(eol);
            }
            out
        }
    }
}

/// `s` as a YAML scalar: plain when that reads back as the same string, else double-quoted
/// (JSON string syntax, which YAML reads the same way).
pub fn scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.trim() == s
        && s.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_' | '(' | ')' | ',' | '\'')
        })
        && !s.starts_with(['-', '.', '\''])
        && !s.chars().next().is_some_and(|c| c.is_ascii_digit())
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n" | "nan" | "inf"
        );
    if plain {
        s.to_owned()
    } else {
        serde_json::Value::String(s.to_owned()).to_string()
    }
}

/// A flow list of plain ids: `[a-example, b-sample]`.
pub fn flow_list(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Item {
        Item::Fields(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn appends_after_the_last_item_keeping_comments_and_the_rest() {
        let text = "---\nagreement: x\nmeetings:  # dates only\n  - date: 2025-01-01\n    minutes: 60\n# trailing comment\ncorrections: []\n---\nbody\n";
        let out = append_item(text, "meetings", &fields(&[("date", "2025-02-01")])).expect("edit");
        assert_eq!(
            out,
            "---\nagreement: x\nmeetings:  # dates only\n  - date: 2025-01-01\n    minutes: 60\n  - date: 2025-02-01\n# trailing comment\ncorrections: []\n---\nbody\n"
        );
    }

    #[test]
    fn keeps_crlf_and_bom() {
        let text = "\u{feff}---\r\nid: a\r\nsignatures:\r\n- person: a\r\n  date: 2025-01-01\r\nstatus: proposed\r\n---\r\nText\r\n";
        let out = append_item(
            text,
            "signatures",
            &fields(&[("person", "b"), ("date", "2025-01-02")]),
        )
        .expect("edit");
        assert_eq!(
            out,
            "\u{feff}---\r\nid: a\r\nsignatures:\r\n- person: a\r\n  date: 2025-01-01\r\n- person: b\r\n  date: 2025-01-02\r\nstatus: proposed\r\n---\r\nText\r\n"
        );
        let out = set_field(&out, "status", "active").expect("edit");
        assert!(
            out.ends_with("status: active\r\n---\r\nText\r\n"),
            "{out:?}"
        );
        assert!(out.starts_with("\u{feff}---\r\n"));
    }

    #[test]
    fn empty_flow_list_becomes_a_block_and_flow_lists_grow_inline() {
        let text = "---\nsignatures: []\nmentors: [b]\n---\n";
        let out = append_item(
            text,
            "signatures",
            &fields(&[("person", "a"), ("date", "2025-01-01")]),
        )
        .expect("edit");
        assert_eq!(
            out,
            "---\nsignatures:\n  - person: a\n    date: 2025-01-01\nmentors: [b]\n---\n"
        );
        let out = append_item(&out, "mentors", &Item::Value("c".into())).expect("edit");
        assert!(out.contains("mentors: [b, c]\n"), "{out}");
    }

    #[test]
    fn absent_key_is_added_at_the_end_and_scalars_are_refused() {
        let text = "---\nid: a\n---\n";
        let out = append_item(text, "sessions", &fields(&[("date", "2025-01-01")])).expect("edit");
        assert_eq!(out, "---\nid: a\nsessions:\n  - date: 2025-01-01\n---\n");
        assert_eq!(
            append_item(text, "id", &Item::Value("x".into())),
            Err(EditError::NotAList {
                key: "id".into(),
                line: 2
            })
        );
        assert_eq!(
            append_item("no front matter", "x", &Item::Value("x".into())),
            Err(EditError::NoFrontMatter)
        );
    }

    #[test]
    fn set_field_keeps_a_trailing_comment() {
        let out =
            set_field("---\nstatus: proposed # draft\n---\n", "status", "active").expect("edit");
        assert_eq!(out, "---\nstatus: active # draft\n---\n");
    }

    #[test]
    fn scalars_that_would_read_back_differently_are_quoted() {
        assert_eq!(scalar("Dr. José Ñúñez-Example"), "Dr. José Ñúñez-Example");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("2025"), "\"2025\"");
        assert_eq!(scalar("# x"), "\"# x\"");
    }
}
