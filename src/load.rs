//! From source files to a [`Program`]: classify each path, parse, validate against its schema,
//! and deserialise into the typed model.
//!
//! Pure: takes the files a reader produced. Per-file work is independent, so it can run in
//! parallel; the cross-record checks in [`crate::check`] run afterwards on the whole model.

use std::collections::HashMap;

use serde::de::DeserializeOwned;

use crate::diag::{Code, Diagnostic};
use crate::layout::{self, Place, RecordKind};
use crate::model::{
    Agreement, Assessment, Community, Group, Instrument, MeetingLog, Person, Program,
    ProgramConfig, Summary,
};
use crate::parse::{self, FrontMatter};
use crate::schema::{self, SchemaError};
use crate::source::SourceFile;

/// The files of a program as read, with their split front matter for locating diagnostics.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: HashMap<String, (SourceFile, Option<FrontMatter>)>,
}

impl Sources {
    /// The file at `path` and its front matter offsets (when it could be split).
    pub fn get(&self, path: &str) -> Option<(&SourceFile, Option<&FrontMatter>)> {
        self.files.get(path).map(|(f, fm)| (f, fm.as_ref()))
    }

    /// The same files under `folder/` (see [`crate::CheckOutcome::prefix_paths`]).
    pub fn with_prefix(self, folder: &str) -> Self {
        let files = self
            .files
            .into_iter()
            .map(|(path, (mut file, front_matter))| {
                file.path = format!("{folder}/{path}");
                (file.path.clone(), (file, front_matter))
            })
            .collect();
        Sources { files }
    }

    fn insert(&mut self, file: SourceFile, front_matter: Option<FrontMatter>) {
        self.files.insert(file.path.clone(), (file, front_matter));
    }
}

/// What [`load`] produces.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The typed model of every valid record.
    pub program: Program,
    /// Per-file diagnostics (front matter, YAML, schema, layout), unlocated.
    pub diagnostics: Vec<Diagnostic>,
    /// The files, for locating and rendering diagnostics.
    pub sources: Sources,
    /// Number of record files seen (valid or not).
    pub records: usize,
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

/// The built-in instruments shipped in `schema/instruments/`.
pub const BUILT_IN_INSTRUMENTS: [(&str, &str); 4] = [
    (
        "schema/instruments/mentor-readiness-checklist.md",
        include_str!("../schema/instruments/mentor-readiness-checklist.md"),
    ),
    (
        "schema/instruments/mentor-skills-inventory.md",
        include_str!("../schema/instruments/mentor-skills-inventory.md"),
    ),
    (
        "schema/instruments/mentoring-competency-assessment.md",
        include_str!("../schema/instruments/mentoring-competency-assessment.md"),
    ),
    (
        "schema/instruments/mentee-career-self-assessment.md",
        include_str!("../schema/instruments/mentee-career-self-assessment.md"),
    ),
];

/// Why loading could not run at all (a defect in this build, not in the records).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A shipped schema is broken.
    #[error(transparent)]
    Schema(#[from] &'static SchemaError),
    /// A shipped instrument does not parse or validate.
    #[error("the built-in instrument {path} is broken: {message}")]
    BuiltIn {
        /// Its path under `schema/instruments/`.
        path: &'static str,
        /// The first diagnostic's message.
        message: String,
    },
}

/// One file's outcome.
enum Record {
    Config(Box<ProgramConfig>),
    Person(Person),
    Agreement(Agreement),
    MeetingLog(MeetingLog),
    Group(Group),
    Community(Community),
    Assessment(Assessment),
    Instrument(Instrument),
    Summary(Summary),
}

/// Loads a program from its files. Files are processed in path order so output is stable.
///
/// # Errors
/// [`LoadError`] only when a built-in schema or instrument is broken.
pub fn load(files: Vec<SourceFile>, undecodable: &[Undecodable]) -> Result<Loaded, LoadError> {
    load_cached(files, undecodable, None).map(|(loaded, _)| loaded)
}

/// [`load`], taking the per-file results of records unchanged since `cache` was made from it
/// instead of parsing and validating them again. Returns the cache to keep: the entries this run
/// used, plus the records that are valid now and were not cached (every file with a diagnostic
/// is left out, so its findings are always computed afresh). The outcome is the same as
/// [`load`]'s.
///
/// # Errors
/// [`LoadError`] only when a built-in schema or instrument is broken.
pub fn load_cached(
    mut files: Vec<SourceFile>,
    undecodable: &[Undecodable],
    cache: Option<crate::cache::Cache>,
) -> Result<(Loaded, Option<crate::cache::Cache>), LoadError> {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut loaded = Loaded::default();
    for bad in undecodable {
        match layout::classify(&bad.path) {
            Place::Record(kind) => {
                // Like any record that cannot be read: references to it are not reported as
                // unknown.
                loaded
                    .program
                    .unreadable
                    .entry(kind)
                    .or_default()
                    .insert(layout::stem(&bad.path).to_owned());
                loaded.records += 1;
                let mut d = Diagnostic::new(
                    Code::NotUtf8,
                    &bad.path,
                    format!(
                        "file is not valid UTF-8 text (first invalid byte at offset {})",
                        bad.valid_up_to
                    ),
                )
                .with_help("re-save the file as UTF-8");
                // The text cannot be shown, so the position is fixed here, not by `locate`.
                d.position = Some(crate::diag::Position {
                    line: bad.line,
                    column: bad.column,
                    end_line: bad.line,
                    end_column: bad.column + 1,
                });
                loaded.diagnostics.push(d);
            }
            // A stray file where no record belongs (a photo, a PDF) is misplaced, whatever its
            // encoding, like a stray text file.
            Place::Unknown => loaded.diagnostics.push(unknown_location(&bad.path)),
            Place::Ignored => {}
        }
    }
    // Each record is parsed, validated and typed on its own, so in parallel; the outcomes are
    // then taken in path order, so nothing depends on which thread finished first.
    let mut outcomes = crate::parallel::map(&files, |file| {
        let place = layout::classify(&file.path);
        let mut entry = None;
        let outcome = match place {
            Place::Record(kind) => {
                let key = cache.as_ref().map(|_| crate::cache::key(kind, &file.text));
                let hit = cache
                    .as_ref()
                    .zip(key)
                    .and_then(|(cache, key)| cache.get(key))
                    .and_then(|json| from_cache(kind, file, json));
                match hit {
                    Some((record, front_matter)) => {
                        entry = key.map(|key| (key, None));
                        Ok((Some(record), Some(front_matter), Vec::new()))
                    }
                    None => {
                        let mut diagnostics = Vec::new();
                        load_record(kind, file, &mut diagnostics, key.is_some()).map(
                            |(record, front_matter, json)| {
                                if record.is_some() && diagnostics.is_empty() {
                                    entry = key.zip(json).map(|(key, json)| (key, Some(json)));
                                }
                                (record, front_matter, diagnostics)
                            },
                        )
                    }
                }
            }
            Place::Ignored | Place::Unknown => Ok((None, None, Vec::new())),
        };
        (place, outcome, entry)
    });
    // The cache to keep: the entries used (moved from the old cache) and the new ones.
    let kept = cache.map(|mut old| {
        let mut kept = crate::cache::Cache::new(old.fingerprint());
        let mut added = false;
        for (_, _, entry) in &mut outcomes {
            match entry.take() {
                Some((key, Some(json))) => {
                    added = true;
                    kept.insert(key, json);
                }
                Some((key, None)) => {
                    if let Some(json) = old.take(key) {
                        kept.insert(key, json);
                    }
                }
                None => {}
            }
        }
        kept.changed = added || !old.is_empty();
        kept
    });
    let outcomes = outcomes
        .into_iter()
        .map(|(place, outcome, _)| (place, outcome));
    let mut has_program = false;
    for (file, (place, outcome)) in files.into_iter().zip(outcomes) {
        let kind = match place {
            Place::Ignored => continue,
            Place::Unknown => {
                loaded.diagnostics.push(unknown_location(&file.path));
                loaded.sources.insert(file, None);
                continue;
            }
            Place::Record(kind) => kind,
        };
        has_program |= kind == RecordKind::Program;
        loaded.records += 1;
        let (outcome, front_matter, diagnostics) = outcome?;
        loaded.diagnostics.extend(diagnostics);
        match outcome {
            Some(record) => add(&mut loaded.program, record),
            None => {
                loaded
                    .program
                    .unreadable
                    .entry(kind)
                    .or_default()
                    .insert(layout::stem(&file.path).to_owned());
            }
        }
        loaded.sources.insert(file, front_matter);
    }
    if !has_program && !undecodable.iter().any(|u| u.path == "program.md") {
        loaded.diagnostics.push(
            Diagnostic::new(Code::MissingProgram, "program.md", "the program folder has no `program.md`")
                .with_help("run `mentor` on the program's folder, or create `program.md` (see docs/records.md)"),
        );
    }
    add_built_in_instruments(&mut loaded.program)?;
    loaded.program.index();
    Ok((loaded, kept))
}

fn unknown_location(path: &str) -> Diagnostic {
    let help = match path.split('/').next() {
        Some("person") => "did you mean the `people/` folder?".to_owned(),
        Some(first) if path.contains('/') && !path.ends_with(".md") && layout::is_record_folder(first) => {
            format!("only `.md` records belong in `{first}/`; move this file out of the program folder")
        }
        Some(first) => match crate::suggest::closest(
            first,
            ["people", "agreements", "meetings", "groups", "community", "assessments", "instruments", "summaries"],
        ) {
            Some(s) if !path.ends_with(".md") || s != first => format!("records go in `{s}/`; move or remove this file"),
            _ => "records live in people/, agreements/, meetings/, groups/, community/, assessments/<person>/, instruments/, summaries/<year>/".to_owned(),
        },
        None => String::new(),
    };
    Diagnostic::new(
        Code::UnknownLocation,
        path,
        format!("`{path}` is not where any record belongs, so it is not checked"),
    )
    .with_help(help)
}

/// One record file's typed record (when valid), its front matter offsets (when it could be
/// split), and its validated front matter as JSON text (when asked for, to cache).
type PerFile = (Option<Record>, Option<FrontMatter>, Option<String>);

/// A record file's outcome from the cache: `None` unless `cached` still types and the file still
/// splits, with no diagnostic.
fn from_cache(kind: RecordKind, file: &SourceFile, cached: &str) -> Option<(Record, FrontMatter)> {
    let front_matter = parse::front_matter::split(&file.text).ok()?;
    let body = front_matter.body(&file.text).to_owned();
    let mut diagnostics = Vec::new();
    let record = into_record(
        kind,
        Cached(cached),
        file.path.clone(),
        body,
        &mut diagnostics,
    )?;
    diagnostics.is_empty().then_some((record, front_matter))
}

fn load_record(
    kind: RecordKind,
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
    keep: bool,
) -> Result<PerFile, LoadError> {
    let parsed = match parse::parse(file) {
        Ok(parsed) => parsed,
        Err(diagnostic) => {
            let front_matter = parse::front_matter::split(&file.text).ok();
            diagnostics.push(*diagnostic);
            return Ok((None, front_matter, None));
        }
    };
    if kind == RecordKind::MeetingLog {
        // Before the schema and the model, so a note is reported beside any other fault.
        confidential_marks(&file.path, &parsed.front_matter, &parsed.marks, diagnostics);
    }
    let findings = schema::validate(kind, &file.path, &parsed.value)?;
    let front_matter = parsed.front_matter;
    if !findings.is_empty() {
        diagnostics.extend(findings);
        return Ok((None, Some(front_matter), None));
    }
    let json = keep.then(|| parsed.value.to_string());
    let body = front_matter.body(&file.text).to_owned();
    let record = into_record(kind, parsed.value, file.path.clone(), body, diagnostics);
    Ok((record, Some(front_matter), json))
}

/// Where a record's typed value comes from: the validated front matter, or its JSON text from
/// the [`crate::cache`].
trait Input {
    fn typed<T: DeserializeOwned>(self, path: &str, diagnostics: &mut Vec<Diagnostic>)
    -> Option<T>;
}

impl Input for serde_json::Value {
    fn typed<T: DeserializeOwned>(
        self,
        path: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        typed(self, path, diagnostics)
    }
}

/// Cached JSON text of front matter that validated and typed before; `None` if it does not type
/// now (the caller then parses the file again).
struct Cached<'a>(&'a str);

impl Input for Cached<'_> {
    fn typed<T: DeserializeOwned>(self, _: &str, _: &mut Vec<Diagnostic>) -> Option<T> {
        serde_json::from_str(self.0).ok()
    }
}

/// The typed record of `kind` at `path` with Markdown `body`, from validated front matter.
fn into_record(
    kind: RecordKind,
    input: impl Input,
    path: String,
    body: String,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Record> {
    match kind {
        RecordKind::Program => input.typed(&path, diagnostics).map(|mut c: ProgramConfig| {
            (c.path, c.body) = (path, body);
            Record::Config(Box::new(c))
        }),
        RecordKind::Person => input.typed(&path, diagnostics).map(|mut p: Person| {
            (p.path, p.body) = (path, body);
            Record::Person(p)
        }),
        RecordKind::Agreement => input.typed(&path, diagnostics).map(|mut a: Agreement| {
            (a.path, a.body) = (path, body);
            Record::Agreement(a)
        }),
        RecordKind::MeetingLog => input.typed(&path, diagnostics).map(|mut l: MeetingLog| {
            if !parse::body::is_blank(&body) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::ConfidentialityBreach,
                        &path,
                        "meeting log has text after the front matter; only meeting dates are kept",
                    )
                    .at_body()
                    .with_help(
                        "delete the text: seed 004 keeps no notes or details of mentoring meetings",
                    ),
                );
            }
            l.path = path;
            Record::MeetingLog(l)
        }),
        RecordKind::Group => input.typed(&path, diagnostics).map(|mut g: Group| {
            (g.path, g.body) = (path, body);
            Record::Group(g)
        }),
        RecordKind::Community => input.typed(&path, diagnostics).map(|mut c: Community| {
            c.path = path;
            Record::Community(c)
        }),
        RecordKind::Assessment => input.typed(&path, diagnostics).map(|mut a: Assessment| {
            a.path = path;
            Record::Assessment(a)
        }),
        RecordKind::Instrument => input.typed(&path, diagnostics).map(|mut i: Instrument| {
            (i.path, i.body) = (path, body);
            Record::Instrument(i)
        }),
        RecordKind::Summary => input.typed(&path, diagnostics).map(|mut s: Summary| {
            (s.path, s.body) = (path, body);
            Record::Summary(s)
        }),
    }
}

/// M213 for each comment and anchor name in a meeting log's front matter: either can carry a
/// note, and seed 004 keeps "only records of when meetings are actually held".
fn confidential_marks(
    path: &str,
    front_matter: &FrontMatter,
    marks: &parse::yaml::Marks,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let yaml_start = front_matter.yaml_start;
    let notes = marks
        .comments
        .iter()
        .map(|r| (r, "a YAML comment", "comment"));
    let names = marks
        .anchors
        .iter()
        .map(|r| (r, "a YAML anchor name", "anchor"));
    for (range, what, fix) in notes.chain(names) {
        diagnostics.push(
            Diagnostic::new(
                Code::ConfidentialityBreach,
                path,
                format!("meeting log holds {what}; only meeting dates are kept"),
            )
            .at_span(yaml_start + range.start..yaml_start + range.end)
            .with_help(format!(
                "delete the {fix}: seed 004 keeps no notes or details of mentoring meetings"
            )),
        );
    }
}

/// Deserialises validated front matter into its typed record. A failure means the value passed
/// the schema but not the model: a whole number written as a float (`minutes: 60.0`, which JSON
/// Schema counts as an integer), a number too large for its field, an impossible academic year
/// like `2025-27`, or schema drift. It is reported as an invalid value (M103) at the field, rather
/// than lost.
fn typed<T: DeserializeOwned>(
    value: serde_json::Value,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    if let Ok(record) = T::deserialize(&value) {
        return Some(record);
    }
    // Again, with serde_path_to_error tracking where it fails (only on this rare path).
    let error = match serde_path_to_error::deserialize::<_, T>(&value) {
        Ok(record) => return Some(record),
        Err(error) => error,
    };
    let pointer = pointer_of(error.path());
    let message = model_message(
        &schema::field_name(&pointer),
        value.pointer(&pointer),
        &error.into_inner().to_string(),
    );
    diagnostics.push(Diagnostic::new(Code::InvalidValue, path, message).at_value(pointer));
    None
}

/// The JSON Pointer of a serde path (`meetings[1].minutes` -> `/meetings/1/minutes`), up to its
/// first segment that names no field or index.
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } => {
                pointer.push('/');
                pointer.push_str(&crate::parse::yaml::escape(key));
            }
            Segment::Enum { .. } => {}
            Segment::Unknown => break,
        }
    }
    pointer
}

/// serde's message about `field` (holding `value`) in our words: `invalid type: floating point
/// `60.0`, expected u32` becomes "`minutes` is `60.0`; write a whole number, without a decimal
/// point or exponent".
fn model_message(field: &str, value: Option<&serde_json::Value>, serde_message: &str) -> String {
    let expects_integer = ["u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64"]
        .iter()
        .any(|t| serde_message.ends_with(&format!("expected {t}")));
    let number = value.and_then(serde_json::Value::as_number);
    match number {
        Some(n) if expects_integer => match n.as_f64() {
            // Exactly a whole number, in the range an f64 holds exactly: `60.0`, `6e1`.
            Some(f) if !n.is_i64() && !n.is_u64() && f.fract() == 0.0 && f.abs() < 9.0e15 => {
                format!(
                    "`{field}` is `{n}`; write a whole number, without a decimal point or exponent"
                )
            }
            _ => format!("`{field}` is `{n}`, a number too large or too small for this field"),
        },
        _ => format!("`{field}`: {serde_message}"),
    }
}

fn add(program: &mut Program, record: Record) {
    match record {
        Record::Config(c) => program.config = Some(*c),
        Record::Person(p) => program.people.push(p),
        Record::Agreement(a) => program.agreements.push(a),
        Record::MeetingLog(l) => program.meeting_logs.push(l),
        Record::Group(g) => program.groups.push(g),
        Record::Community(c) => program.communities.push(c),
        Record::Assessment(a) => program.assessments.push(a),
        Record::Instrument(i) => program.instruments.push(i),
        Record::Summary(s) => program.summaries.push(s),
    }
}

fn add_built_in_instruments(program: &mut Program) -> Result<(), LoadError> {
    for (path, text) in BUILT_IN_INSTRUMENTS {
        let id = layout::stem(path);
        if program.instruments.iter().any(|i| i.id == id) {
            continue;
        }
        let file = SourceFile::new(path, text);
        let mut diagnostics = Vec::new();
        let (record, _, _) = load_record(RecordKind::Instrument, &file, &mut diagnostics, false)?;
        match record {
            Some(Record::Instrument(i)) if diagnostics.is_empty() => program.instruments.push(i),
            _ => {
                return Err(LoadError::BuiltIn {
                    path,
                    message: diagnostics
                        .first()
                        .map_or_else(|| "not an instrument".to_owned(), |d| d.message.clone()),
                });
            }
        }
    }
    Ok(())
}
