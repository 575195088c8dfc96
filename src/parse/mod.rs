//! Parsing one record file: front matter split, YAML to a JSON value, Markdown body.
//!
//! Takes [`SourceFile`](crate::source::SourceFile) values it did not read; never touches the file
//! system. serde-saphyr and saphyr are used only in [`yaml`], pulldown-cmark only in [`body`].

pub mod body;
mod fast_yaml;
pub mod front_matter;
pub mod yaml;

use std::collections::HashMap;

use crate::diag::{Code, Diagnostic};
use crate::source::SourceFile;

pub use fast_yaml::parser_options;
pub use front_matter::FrontMatter;

/// A record file whose front matter parsed as a YAML mapping.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    /// Where the front matter and body are in the file.
    pub front_matter: FrontMatter,
    /// The front matter as a JSON value (always an object).
    pub value: serde_json::Value,
    /// Its comments and anchors, relative to the YAML text (it has no tags: those are M005).
    pub marks: yaml::Marks,
}

/// The most bytes of YAML front matter a record may have (1 MiB); larger is M223.
pub const MAX_FRONT_MATTER_BYTES: usize = 1024 * 1024;

/// Splits and parses one file's front matter.
///
/// # Errors
/// Returns the diagnostic for the first fault that stops parsing: an empty file (M001), a missing
/// (M003) or unclosed (M004) fence, tab indentation (M006), a YAML error or a YAML tag (M005), a
/// duplicate key (M007), front matter that is not a mapping (M008), or front matter larger than
/// [`MAX_FRONT_MATTER_BYTES`] (M223). Positions are already
/// file-relative.
pub fn parse(file: &SourceFile) -> Result<ParsedFile, Box<Diagnostic>> {
    let front_matter =
        front_matter::split(&file.text).map_err(|fault| Box::new(fault.diagnostic(&file.path)))?;
    let yaml_text = front_matter.yaml(&file.text);
    if yaml_text.len() > MAX_FRONT_MATTER_BYTES {
        return Err(Box::new(
            Diagnostic::new(
                Code::FileTooLarge,
                &file.path,
                format!(
                    "front matter is {} bytes; mentor reads at most {MAX_FRONT_MATTER_BYTES} bytes (1 MiB) of front matter",
                    yaml_text.len()
                ),
            )
            .with_help("a record's fields fit in a few lines; move long text to the body or out of the program folder"),
        ));
    }
    if let Some(offset) = yaml::find_tab_indentation(yaml_text) {
        let at = front_matter.yaml_start + offset;
        return Err(Box::new(
            Diagnostic::new(
                Code::TabIndentation,
                &file.path,
                "front matter line is indented with a tab",
            )
            .at_span(at..at + 1)
            .with_help("YAML allows only spaces for indentation"),
        ));
    }
    let marks = yaml::marks(yaml_text);
    if let Some(tag) = marks.tags.first() {
        // Records need no tags, and some change a value silently (`!!binary` decodes base64).
        // Checked before the values, so a tag its value cannot satisfy (`!!int sixty`) is named.
        let span = front_matter.yaml_start + tag.start..front_matter.yaml_start + tag.end;
        return Err(Box::new(
            Diagnostic::new(
                Code::YamlSyntax,
                &file.path,
                yaml::tags_unsupported(&yaml_text[tag.clone()]),
            )
            .at_span(span),
        ));
    }
    let value = yaml::to_json(yaml_text).map_err(|error| {
        let start = front_matter.yaml_start + error.offset;
        let span = start..start + error.len;
        Box::new(Diagnostic::new(error.code, &file.path, error.message).at_span(span))
    })?;
    if !value.is_object() {
        let what = match &value {
            serde_json::Value::Null => "empty",
            serde_json::Value::Array(_) => "a list",
            _ => "a single value",
        };
        return Err(Box::new(
            Diagnostic::new(
                Code::NotAMapping,
                &file.path,
                format!("front matter is {what}, not a mapping of fields"),
            )
            .with_help("write the record's fields as `key: value` lines"),
        ));
    }
    Ok(ParsedFile {
        front_matter,
        value,
        marks,
    })
}

/// The files of a program as read, with their split front matter for locating diagnostics.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: HashMap<String, (SourceFile, Option<FrontMatter>), foldhash::fast::RandomState>,
    /// Files checked whose text was not kept, by path: the hash of the text that was checked
    /// ([`crate::source::text_hash`]), so that a file read again is shown only if unchanged.
    set_aside: HashMap<String, u64, foldhash::fast::RandomState>,
}

impl Sources {
    /// The file at `path` and its front matter offsets (when it could be split).
    pub fn get(&self, path: &str) -> Option<(&SourceFile, Option<&FrontMatter>)> {
        self.files.get(path).map(|(f, fm)| (f, fm.as_ref()))
    }

    /// The same files under `folder/` (see `app::CheckOutcome::prefix_paths`).
    pub fn with_prefix(self, folder: &str) -> Self {
        let files = self
            .files
            .into_iter()
            .map(|(path, (mut file, front_matter))| {
                file.path = format!("{folder}/{path}");
                (file.path.clone(), (file, front_matter))
            })
            .collect();
        let set_aside = self
            .set_aside
            .into_iter()
            .map(|(path, hash)| (format!("{folder}/{path}"), hash))
            .collect();
        Sources { files, set_aside }
    }

    /// Notes that the file at `path` was checked as a text with hash `hash`
    /// ([`crate::source::text_hash`]) that is not kept.
    pub(crate) fn set_aside(&mut self, path: String, hash: u64) {
        self.set_aside.insert(path, hash);
    }

    /// The hash of the text checked for `path` when its text was not kept.
    pub(crate) fn set_aside_hash(&self, path: &str) -> Option<u64> {
        self.set_aside.get(path).copied()
    }

    /// Room for `additional` more files without growing the table.
    pub(crate) fn reserve(&mut self, additional: usize) {
        self.files.reserve(additional);
    }

    pub(crate) fn insert(&mut self, file: SourceFile, front_matter: Option<FrontMatter>) {
        self.files.insert(file.path.clone(), (file, front_matter));
    }
}
