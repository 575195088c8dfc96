//! From source files to a [`Program`]: classify each path, parse, validate against its schema,
//! and deserialise into the typed model.
//!
//! Pure: takes the files a reader produced. Per-file work is independent, so it can run in
//! parallel; the cross-record checks in `check` run afterwards on the whole model.

use serde::de::DeserializeOwned;

use crate::diag::{Code, Diagnostic};
use crate::layout::{self, Place, RecordKind};
use crate::model::{
    Agreement, Application, Assessment, Community, Group, Instrument, MeetingLog, Person, Program,
    ProgramConfig, Summary,
};
pub use crate::parse::Sources;
use crate::parse::{self, FrontMatter};
use crate::read::{Fetch, Listed, Refused, Reread};
use crate::schema::{self, SchemaError};
use crate::source::SourceFile;
pub use crate::source::Undecodable;

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
    /// Listed files that were read (their results were not cached) and turned out larger than
    /// [`crate::read::MAX_FILE_BYTES`], so were not read after all.
    pub refused: Vec<Refused>,
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
    /// A file a git snapshot listed could not be read from it any more.
    #[error("{0}")]
    Fetch(String),
}

/// One file's outcome: a typed record, ready to be added to the program in path order.
type Record = Box<dyn FnOnce(&mut Program) + Send>;

/// A model type that a record kind loads into. Implement it for a new kind's model type and give
/// the kind its arm in [`load_record`] (the compiler asks for both).
trait Kind: DeserializeOwned + serde::Serialize + Send + 'static {
    /// Fills in what comes from the file rather than the front matter: its path and, for kinds
    /// that keep one, its Markdown body. May report what the body must not hold.
    fn attach_file(&mut self, path: String, body: String, diagnostics: &mut Vec<Diagnostic>);
    /// Adds the record to its list in the program.
    fn add_to(self, program: &mut Program);
}

impl Kind for ProgramConfig {
    fn attach_file(&mut self, path: String, body: String, _: &mut Vec<Diagnostic>) {
        (self.path, self.body) = (path, body);
    }
    fn add_to(self, program: &mut Program) {
        program.config = Some(self);
    }
}

impl Kind for Person {
    fn attach_file(&mut self, path: String, body: String, _: &mut Vec<Diagnostic>) {
        (self.path, self.body) = (path, body);
    }
    fn add_to(self, program: &mut Program) {
        program.people.push(self);
    }
}

impl Kind for Agreement {
    fn attach_file(&mut self, path: String, body: String, _: &mut Vec<Diagnostic>) {
        (self.path, self.body) = (path, body);
    }
    fn add_to(self, program: &mut Program) {
        program.agreements.push(self);
    }
}

impl Kind for MeetingLog {
    fn attach_file(&mut self, path: String, body: String, diagnostics: &mut Vec<Diagnostic>) {
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
        self.path = path;
    }
    fn add_to(self, program: &mut Program) {
        program.meeting_logs.push(self);
    }
}

impl Kind for Group {
    fn attach_file(&mut self, path: String, body: String, _: &mut Vec<Diagnostic>) {
        (self.path, self.body) = (path, body);
    }
    fn add_to(self, program: &mut Program) {
        program.groups.push(self);
    }
}

impl Kind for Community {
    fn attach_file(&mut self, path: String, _: String, _: &mut Vec<Diagnostic>) {
        self.path = path;
    }
    fn add_to(self, program: &mut Program) {
        program.communities.push(self);
    }
}

impl Kind for Assessment {
    fn attach_file(&mut self, path: String, _: String, _: &mut Vec<Diagnostic>) {
        self.path = path;
    }
    fn add_to(self, program: &mut Program) {
        program.assessments.push(self);
    }
}

impl Kind for Instrument {
    fn attach_file(&mut self, path: String, body: String, _: &mut Vec<Diagnostic>) {
        (self.path, self.body) = (path, body);
    }
    fn add_to(self, program: &mut Program) {
        program.instruments.push(self);
    }
}

impl Kind for Summary {
    fn attach_file(&mut self, path: String, body: String, _: &mut Vec<Diagnostic>) {
        (self.path, self.body) = (path, body);
    }
    fn add_to(self, program: &mut Program) {
        program.summaries.push(self);
    }
}

impl Kind for Application {
    fn attach_file(&mut self, path: String, body: String, _: &mut Vec<Diagnostic>) {
        (self.path, self.body) = (path, body);
    }
    fn add_to(self, program: &mut Program) {
        program.applications.push(self);
    }
}

/// Loads a program from its files. Files are processed in path order so output is stable.
///
/// # Errors
/// [`LoadError`] only when a built-in schema or instrument is broken.
pub fn load(files: Vec<SourceFile>, undecodable: &[Undecodable]) -> Result<Loaded, LoadError> {
    load_cached(files, undecodable, Listing::default(), None).map(|(loaded, _)| loaded)
}

/// Files a reader listed without reading them ([`crate::read::ReadFiles::listed`]), and how to
/// read them.
#[derive(Debug, Default)]
pub struct Listing<'a> {
    /// The listed files.
    pub files: &'a [Listed],
    /// How to read them; needed for those whose results are not cached.
    pub fetch: Option<&'a dyn Fetch>,
    /// How to read the files again: when given, only the texts of files with a diagnostic of
    /// their own are kept in [`Loaded::sources`]; the others are noted with their hash.
    pub reread: Option<&'a dyn Reread>,
}

/// [`load`], taking the per-file results of records unchanged since `cache` was made from it
/// instead of parsing and validating them again. Files in `listed` (named by content id, not
/// read) whose results are cached are never read; the others are read through its fetch. Returns
/// the cache to keep: the entries this run used, plus the records that are valid now and were
/// not cached (every file with a diagnostic is left out, so its findings are always computed
/// afresh). The outcome is the same as [`load`]'s on every file read.
///
/// # Errors
/// [`LoadError::Fetch`] when a listed file cannot be read; otherwise only when a built-in schema
/// or instrument is broken.
pub fn load_cached(
    mut files: Vec<SourceFile>,
    undecodable: &[Undecodable],
    listed: Listing<'_>,
    cache: Option<crate::cache::Cache>,
) -> Result<(Loaded, Option<crate::cache::Cache>), LoadError> {
    let mut loaded = Loaded::default();
    // Listed files with a cached result are typed from it, unread; the rest are read now.
    let cached = crate::parallel::map(listed.files, |file| {
        let Place::Record(kind) = layout::classify(&file.path) else {
            return None;
        };
        let key = crate::cache::key(kind, &file.path, &file.id);
        let entry = cache.as_ref()?.get(key)?;
        let record = from_entry(kind, &file.path, entry)?;
        Some((key, record))
    });
    let mut hits = Vec::new();
    let mut misses = Vec::new();
    for (file, hit) in listed.files.iter().zip(cached) {
        match hit {
            Some((key, record)) => hits.push((file.path.as_str(), key, record)),
            None => misses.push(file.clone()),
        }
    }
    let mut undecodable = undecodable.to_vec();
    if !misses.is_empty() {
        let fetch = listed.fetch.ok_or_else(|| {
            LoadError::Fetch("files were listed with no way to read them".to_owned())
        })?;
        let read = fetch.fetch(&misses).map_err(LoadError::Fetch)?;
        files.extend(read.files);
        undecodable.extend(read.undecodable);
        loaded.refused = read.refused;
    }
    hits.sort_by(|a, b| a.0.cmp(b.0));
    undecodable.sort_by(|a, b| a.path.cmp(&b.path));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    // Sized once: growing a table of 28,000 files by doubling held two of them at a time.
    loaded.sources.reserve(files.len());
    for bad in &undecodable {
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
                let key = cache
                    .as_ref()
                    .and_then(|_| crate::cache::key_of_text(kind, &file.path, &file.text));
                let hit = cache
                    .as_ref()
                    .zip(key)
                    .and_then(|(cache, key)| cache.get(key))
                    .and_then(|entry| from_cache(kind, file, entry.record));
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
        // A text that may not be kept is hashed here, on every core.
        let hash = listed
            .reread
            .is_some()
            .then(|| crate::source::text_hash(&file.text));
        (place, outcome, entry, hash)
    });
    // The cache to keep: the entries used (moved from the old cache) and the new ones.
    let kept = cache.map(|mut kept| {
        // Entries this run used stay; new ones are added; the others (records changed, renamed
        // or deleted since) go.
        let mut used: std::collections::HashSet<_, foldhash::fast::RandomState> =
            std::collections::HashSet::with_capacity_and_hasher(
                hits.len() + outcomes.len(),
                Default::default(),
            );
        used.extend(hits.iter().map(|(_, key, _)| *key));
        let mut added = Vec::new();
        for (_, _, entry, _) in &mut outcomes {
            match entry.take() {
                Some((key, Some(new))) => added.push((key, new)),
                Some((key, None)) => {
                    used.insert(key);
                }
                None => {}
            }
        }
        kept.retain(|key| used.contains(key));
        for (key, entry) in added {
            kept.insert(key, entry);
        }
        kept
    });
    let outcomes = outcomes
        .into_iter()
        .map(|(place, outcome, _, hash)| (place, outcome, hash));
    let mut has_program = false;
    let mut hits = hits.into_iter().peekable();
    for (file, (place, outcome, hash)) in files.into_iter().zip(outcomes) {
        // Records typed from the cache take their place in path order.
        while let Some((_, _, record)) = hits.next_if(|(path, _, _)| *path < file.path.as_str()) {
            loaded.records += 1;
            record(&mut loaded.program);
        }
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
        let keep_text = !diagnostics.is_empty();
        loaded.diagnostics.extend(diagnostics);
        match outcome {
            Some(record) => record(&mut loaded.program),
            None => {
                loaded
                    .program
                    .unreadable
                    .entry(kind)
                    .or_default()
                    .insert(layout::stem(&file.path).to_owned());
            }
        }
        match hash {
            // Read again if a later diagnostic names it.
            Some(hash) if !keep_text => loaded.sources.set_aside(file.path, hash),
            _ => loaded.sources.insert(file, front_matter),
        }
    }
    for (_, _, record) in hits {
        loaded.records += 1;
        record(&mut loaded.program);
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
        Some(first)
            if path.contains('/') && !path.ends_with(".md") && layout::is_record_folder(first) =>
        {
            format!(
                "only `.md` records belong in `{first}/`; move this file out of the program folder"
            )
        }
        Some(first) => match crate::suggest::closest(first, layout::record_folders()) {
            Some(s) if !path.ends_with(".md") || s != first => {
                format!("records go in `{s}/`; move or remove this file")
            }
            _ => format!("records live in {}", layout::record_locations()),
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
/// split), and what to cache for it (when asked for).
type PerFile = (
    Option<Record>,
    Option<FrontMatter>,
    Option<crate::cache::Entry>,
);

/// A record file's outcome from the cache: `None` unless `cached` still types and the file still
/// splits, with no diagnostic.
fn from_cache(kind: RecordKind, file: &SourceFile, cached: &[u8]) -> Option<(Record, FrontMatter)> {
    let front_matter = parse::front_matter::split(&file.text).ok()?;
    let mut diagnostics = Vec::new();
    let body = front_matter.body(&file.text);
    let (record, _) = kind_record(
        kind,
        Input::Cached(cached),
        &file.path,
        body,
        &mut diagnostics,
    )?;
    diagnostics.is_empty().then_some((record, front_matter))
}

/// The record of a file that was not read, from its cache entry: `None` unless the entry still
/// types with no diagnostic.
fn from_entry(kind: RecordKind, path: &str, entry: crate::cache::EntryRef<'_>) -> Option<Record> {
    let mut diagnostics = Vec::new();
    let (record, _) = kind_record(
        kind,
        Input::Cached(entry.record),
        path,
        entry.body,
        &mut diagnostics,
    )?;
    diagnostics.is_empty().then_some(record)
}

fn load_record(
    kind: RecordKind,
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
    keep: bool,
) -> Result<PerFile, LoadError> {
    let (value, front_matter) = match validated(kind, file, diagnostics)? {
        Ok(valid) => valid,
        Err(front_matter) => return Ok((None, front_matter, None)),
    };
    let body = front_matter.body(&file.text);
    let input = Input::Validated {
        value: &value,
        encode: keep,
    };
    let Some((record, encoded)) = kind_record(kind, input, &file.path, body, diagnostics) else {
        return Ok((None, Some(front_matter), None));
    };
    // Only a file with no diagnostic at all is cached, so its findings are never stale.
    let entry = encoded
        .filter(|_| diagnostics.is_empty())
        .map(|record| crate::cache::Entry {
            record,
            body: body.to_owned(),
        });
    Ok((Some(record), Some(front_matter), entry))
}

/// The record of `kind` from `input`, and its [`crate::cache::Entry::record`] encoding when
/// `input` asks for one: the one place that names each kind's model type.
fn kind_record(
    kind: RecordKind,
    input: Input<'_>,
    path: &str,
    body: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Record, Option<Vec<u8>>)> {
    let (file, f, d) = (path, body, diagnostics);
    match kind {
        RecordKind::Program => record::<ProgramConfig>(kind, input, file, f, d),
        RecordKind::Person => record::<Person>(kind, input, file, f, d),
        RecordKind::Agreement => record::<Agreement>(kind, input, file, f, d),
        RecordKind::MeetingLog => record::<MeetingLog>(kind, input, file, f, d),
        RecordKind::Group => record::<Group>(kind, input, file, f, d),
        RecordKind::Community => record::<Community>(kind, input, file, f, d),
        RecordKind::Assessment => record::<Assessment>(kind, input, file, f, d),
        RecordKind::Instrument => record::<Instrument>(kind, input, file, f, d),
        RecordKind::Summary => record::<Summary>(kind, input, file, f, d),
        RecordKind::Application => record::<Application>(kind, input, file, f, d),
    }
}

/// Parses a file and validates its front matter against its kind's schema: the front matter's
/// value, or (when either fails, with the diagnostics pushed) the front matter offsets if the
/// file could be split.
fn validated(
    kind: RecordKind,
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Result<(serde_json::Value, FrontMatter), Option<FrontMatter>>, LoadError> {
    let parsed = match parse::parse(file) {
        Ok(parsed) => parsed,
        Err(diagnostic) => {
            let front_matter = parse::front_matter::split(&file.text).ok();
            diagnostics.push(*diagnostic);
            return Ok(Err(front_matter));
        }
    };
    if kind == RecordKind::MeetingLog {
        // Before the schema and the model, so a note is reported beside any other fault.
        confidential_marks(file, &parsed.front_matter, &parsed.marks, diagnostics);
        confidential_body(file, &parsed.front_matter, diagnostics);
    }
    let findings = schema::validate(kind, &file.path, &parsed.value)?;
    if !findings.is_empty() {
        diagnostics.extend(findings);
        return Ok(Err(Some(parsed.front_matter)));
    }
    Ok(Ok((parsed.value, parsed.front_matter)))
}

/// Where a record's typed value comes from.
#[derive(Clone, Copy)]
enum Input<'a> {
    /// Front matter that was parsed and passed its schema just now; with `encode`, the typed
    /// record is encoded for the cache too.
    Validated {
        /// The front matter.
        value: &'a serde_json::Value,
        /// Whether to encode the record for the cache.
        encode: bool,
    },
    /// The typed record the [`crate::cache`] kept (postcard) for a file with the same kind,
    /// path and content, which then had no diagnostic at all.
    Cached(&'a [u8]),
}

/// The typed record of a valid file at `path` whose Markdown body is `body`, with its path
/// checks.
fn typed_record<T: Kind>(
    kind: RecordKind,
    input: Input<'_>,
    path: &str,
    body: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    // A meeting log with an error of its own (a note, M213) is not evidence the rules count: it
    // is left out as unreadable, like a log that does not parse.
    let has_error = diagnostics
        .iter()
        .any(|d| d.severity == crate::diag::Severity::Error);
    if kind == RecordKind::MeetingLog && has_error {
        return None;
    }
    let mut record: T = match input {
        Input::Validated { value, .. } => typed(value, path, diagnostics)?,
        // An entry that no longer decodes (it cannot, for the same key) is a miss.
        Input::Cached(bytes) => postcard::from_bytes(bytes).ok()?,
    };
    record.attach_file(path.to_owned(), body.to_owned(), diagnostics);
    // The path is part of the cache key, and a cached file had no M208 then, so none now.
    if let Input::Validated { value, .. } = input {
        identity(kind, path, value, diagnostics);
    }
    Some(record)
}

fn record<T: Kind>(
    kind: RecordKind,
    input: Input<'_>,
    path: &str,
    body: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Record, Option<Vec<u8>>)> {
    let record: T = typed_record(kind, input, path, body, diagnostics)?;
    // Encoded without its path and body (not serialised): the cache key holds the path, the
    // entry the body.
    let encoded = match input {
        Input::Validated { encode: true, .. } => postcard::to_allocvec(&record).ok(),
        _ => None,
    };
    let record: Record = Box::new(move |program: &mut Program| record.add_to(program));
    Some((record, encoded))
}

/// M208 for each field that the kind's table entry ([`layout::KindSpec::identity`]) says must
/// equal a part of the path, and does not.
fn identity(
    kind: RecordKind,
    path: &str,
    value: &serde_json::Value,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for rule in kind.spec().identity {
        let field = value
            .pointer(rule.field)
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default();
        let part = rule.part.of(path);
        if field != part {
            diagnostics.push(
                Diagnostic::new(Code::PathMismatch, path, (rule.message)(field, part))
                    .at_value(rule.field)
                    .with_help("rename the file or correct the field so they agree"),
            );
        }
    }
}

/// M213 for a meeting log with text after its front matter (see [`parse::body::is_blank`] for
/// what counts as empty). The words are never repeated (seed 004): only how much text there is.
fn confidential_body(
    file: &SourceFile,
    front_matter: &FrontMatter,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let body = front_matter.body(&file.text);
    if parse::body::is_blank(body) {
        return;
    }
    let text = body.trim();
    diagnostics.push(
        Diagnostic::new(
            Code::ConfidentialityBreach,
            &file.path,
            format!(
                "meeting log has text after the front matter ({} of {} characters); only meeting dates are kept",
                count(text.lines().count(), "line"),
                text.chars().count()
            ),
        )
        .at_body()
        .with_help("delete the text: seed 004 keeps no notes or details of mentoring meetings"),
    );
}

/// M213 for each comment and anchor name in a meeting log's front matter: either can carry a
/// note, and seed 004 keeps "only records of when meetings are actually held".
fn confidential_marks(
    file: &SourceFile,
    front_matter: &FrontMatter,
    marks: &parse::yaml::Marks,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let (path, yaml) = (file.path.as_str(), front_matter.yaml(&file.text));
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
                format!(
                    "meeting log holds {what} ({} characters); only meeting dates are kept",
                    yaml.get(range.clone()).map_or(0, |t| t.chars().count())
                ),
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
    value: &serde_json::Value,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    if let Ok(record) = T::deserialize(value) {
        return Some(record);
    }
    // Again, with serde_path_to_error tracking where it fails (only on this rare path).
    let error = match serde_path_to_error::deserialize::<_, T>(value) {
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

fn add_built_in_instruments(program: &mut Program) -> Result<(), LoadError> {
    for (path, text) in BUILT_IN_INSTRUMENTS {
        let id = layout::stem(path);
        if program.instruments.iter().any(|i| i.id == id) {
            continue;
        }
        let file = SourceFile::new(path, text);
        let mut diagnostics = Vec::new();
        let record = match validated(RecordKind::Instrument, &file, &mut diagnostics)? {
            Ok((value, front_matter)) => typed_record::<Instrument>(
                RecordKind::Instrument,
                Input::Validated {
                    value: &value,
                    encode: false,
                },
                &file.path,
                front_matter.body(&file.text),
                &mut diagnostics,
            ),
            Err(_) => None,
        };
        match record {
            Some(i) if diagnostics.is_empty() => program.instruments.push(i),
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

/// `n` and `noun`, plural when `n` is not 1: `1 line`, `3 lines`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::Cache;
    use crate::read::Listed;
    use crate::source::ContentId;

    /// Every record of `p`, every field (not the id indexes, whose order varies).
    fn records(p: &Program) -> String {
        format!(
            "{:?}",
            (
                &p.config,
                &p.people,
                &p.agreements,
                &p.meeting_logs,
                &p.groups,
                &p.communities,
                &p.assessments,
                &p.instruments,
                &p.summaries,
                &p.applications,
            )
        )
    }

    #[test]
    fn records_typed_from_the_cache_equal_records_typed_from_their_files() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-program");
        let read = crate::read::fs::read_program(&dir).expect("read");
        let files = read.files;
        let none = Listing::default();
        let (fresh, cache) =
            load_cached(files.clone(), &[], none, Some(Cache::new(1))).expect("loaded");
        let cache = cache.expect("a cache");
        assert!(cache.len() > 20, "{} entries", cache.len());
        let expected = records(&fresh.program);
        // The same files, read: typed from the entries (path, body and all).
        let (again, _) = load_cached(files.clone(), &[], Listing::default(), Some(cache.clone()))
            .expect("loaded");
        assert_eq!(records(&again.program), expected);
        // Only listed (never read), but for `program.md`: typed from the entries alone.
        let (program_md, others): (Vec<SourceFile>, Vec<SourceFile>) =
            files.into_iter().partition(|f| f.path == "program.md");
        let listed: Vec<Listed> = others
            .iter()
            .map(|f| Listed {
                path: f.path.clone(),
                id: ContentId::of(f.text.as_bytes()).expect("id"),
            })
            .collect();
        let listing = Listing {
            files: &listed,
            ..Listing::default()
        };
        let (unread, _) = load_cached(program_md, &[], listing, Some(cache)).expect("loaded");
        assert_eq!(records(&unread.program), expected);
    }
}
