//! The program layout: one table, [`KINDS`], says everything the pipeline knows about each kind
//! of record: its name and noun, where its files live, its embedded JSON Schema, and which of its
//! fields must agree with which part of its path. Classification ([`classify`]), schema loading
//! (`schema`), loading (`load`), the path checks and the message for a file
//! where no record belongs (M009) all read this table.
//!
//! Adding a kind: a [`RecordKind`] variant, one [`KindSpec`] entry in [`KINDS`] (the tests check
//! the entry's position and schema), its model type, and its arm in `load::load_record` (the
//! compiler asks for it). See CONTRIBUTING.md.
//!
//! Pure: classifies path strings, never looks at the file system.

use serde::Serialize;

/// Declares [`RecordKind`] and its [`RecordKind::COUNT`] from one list of variants, so that
/// the count (the length of [`KINDS`]) cannot fall out of step with the enum.
macro_rules! record_kinds {
    ($( $(#[$doc:meta])* $variant:ident, )*) => {
        /// The kinds of record a program holds; each has a schema in
        /// `schema/<name>.schema.json` and an entry in [`KINDS`] at the position of its
        /// discriminant.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum RecordKind {
            $( $(#[$doc])* $variant, )*
        }

        impl RecordKind {
            /// How many kinds there are: the length of [`KINDS`] and of per-kind caches.
            pub const COUNT: usize = [$(RecordKind::$variant),*].len();
        }
    };
}

record_kinds! {
    /// `program.md`: name, division, director, chief, rule parameters.
    Program,
    /// `people/<id>.md`: a faculty member.
    Person,
    /// `agreements/<id>.md`: a mentoring agreement.
    Agreement,
    /// `meetings/<agreement-id>.md`: the dates a pair met.
    MeetingLog,
    /// `groups/<id>.md`: a peer mentoring group for one academic year.
    Group,
    /// `community/<academic-year>.md`: the mentor community's monthly meetings.
    Community,
    /// `assessments/<person-id>/<date>-<instrument-id>.md`: one self-assessment.
    Assessment,
    /// `instruments/<id>.md`: a self-assessment instrument.
    Instrument,
    /// `summaries/<academic-year>/<mentee-id>.md`: a career-planning summary.
    Summary,
    /// `applications/<academic-year>/<person-id>.md`: an application to a peer mentoring group.
    Application,
}

/// Where the files of a kind live, relative to the program folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// Exactly this one top-level file (`program.md`).
    File(&'static str),
    /// `<folder>/<name>.md`, one record per file.
    Flat(&'static str),
    /// `<folder>/<sub-folder>/<name>.md`.
    Nested(&'static str),
}

impl Location {
    /// The top-level folder, if the kind lives in one.
    pub fn folder(self) -> Option<&'static str> {
        match self {
            Location::File(_) => None,
            Location::Flat(folder) | Location::Nested(folder) => Some(folder),
        }
    }

    /// How the location is written in the M009 help: `people/`, `assessments/<person>/`.
    fn shown(self, sub: &str) -> String {
        match self {
            Location::File(file) => file.to_owned(),
            Location::Flat(folder) => format!("{folder}/"),
            Location::Nested(folder) => format!("{folder}/<{sub}>/"),
        }
    }
}

/// The part of a record's path a field must equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPart {
    /// The file name without `.md` (`people/a-example.md` -> `a-example`).
    Stem,
    /// The name of the folder the file is in (`assessments/a-example/x.md` -> `a-example`).
    Folder,
}

impl PathPart {
    /// This part of `path`.
    pub fn of(self, path: &str) -> &str {
        match self {
            PathPart::Stem => stem(path),
            PathPart::Folder => parent_name(path),
        }
    }
}

/// A field that must agree with a part of the record's path (reported as M208 when not).
#[derive(Debug, Clone, Copy)]
pub struct Identity {
    /// JSON Pointer of the field (`/agreement`); its value is a string.
    pub field: &'static str,
    /// The path part it must equal.
    pub part: PathPart,
    /// The message, from the field's value and the path part.
    pub message: fn(&str, &str) -> String,
}

/// Everything the pipeline knows about one record kind.
#[derive(Debug, Clone, Copy)]
pub struct KindSpec {
    /// The kind; its discriminant is the entry's position in [`KINDS`].
    pub kind: RecordKind,
    /// kebab-case name, also the schema's file stem (`meeting-log`).
    pub name: &'static str,
    /// How a user calls it in a sentence ("mentoring agreement").
    pub noun: &'static str,
    /// Where its files live.
    pub location: Location,
    /// What the sub-folder of a [`Location::Nested`] kind is named after, for the M009 help
    /// (`person`, `year`); empty otherwise.
    pub sub_folder: &'static str,
    /// The JSON Schema text, embedded from `schema/<name>.schema.json`.
    pub schema: &'static str,
    /// Whether its `id` field must equal the file name (checked with duplicate ids in `check`).
    pub has_id: bool,
    /// Other fields that must agree with the path, checked when the record is loaded.
    pub identity: &'static [Identity],
}

/// The record kinds, in [`RecordKind`] order.
pub static KINDS: [KindSpec; RecordKind::COUNT] = [
    KindSpec {
        kind: RecordKind::Program,
        name: "program",
        noun: "program",
        location: Location::File("program.md"),
        sub_folder: "",
        schema: include_str!("../schema/program.schema.json"),
        has_id: false,
        identity: &[],
    },
    KindSpec {
        kind: RecordKind::Person,
        name: "person",
        noun: "person",
        location: Location::Flat("people"),
        sub_folder: "",
        schema: include_str!("../schema/person.schema.json"),
        has_id: true,
        identity: &[],
    },
    KindSpec {
        kind: RecordKind::Agreement,
        name: "agreement",
        noun: "mentoring agreement",
        location: Location::Flat("agreements"),
        sub_folder: "",
        schema: include_str!("../schema/agreement.schema.json"),
        has_id: true,
        identity: &[],
    },
    KindSpec {
        kind: RecordKind::MeetingLog,
        name: "meeting-log",
        noun: "meeting log",
        location: Location::Flat("meetings"),
        sub_folder: "",
        schema: include_str!("../schema/meeting-log.schema.json"),
        has_id: false,
        identity: &[Identity {
            field: "/agreement",
            part: PathPart::Stem,
            message: |value, part| {
                format!("meeting log is for agreement `{value}` but is named `{part}`")
            },
        }],
    },
    KindSpec {
        kind: RecordKind::Group,
        name: "group",
        noun: "peer mentoring group",
        location: Location::Flat("groups"),
        sub_folder: "",
        schema: include_str!("../schema/group.schema.json"),
        has_id: true,
        identity: &[],
    },
    KindSpec {
        kind: RecordKind::Community,
        name: "community",
        noun: "mentor community",
        location: Location::Flat("community"),
        sub_folder: "",
        schema: include_str!("../schema/community.schema.json"),
        has_id: false,
        identity: &[Identity {
            field: "/academic_year",
            part: PathPart::Stem,
            message: |value, part| {
                format!("academic year `{value}` differs from the file name `{part}`")
            },
        }],
    },
    KindSpec {
        kind: RecordKind::Assessment,
        name: "assessment",
        noun: "self-assessment",
        location: Location::Nested("assessments"),
        sub_folder: "person",
        schema: include_str!("../schema/assessment.schema.json"),
        has_id: false,
        // The file name `<date>-<instrument>` is checked in `check`, which knows the instruments.
        identity: &[Identity {
            field: "/person",
            part: PathPart::Folder,
            message: |value, part| {
                format!("assessment is for `{value}` but sits in the folder `{part}`")
            },
        }],
    },
    KindSpec {
        kind: RecordKind::Instrument,
        name: "instrument",
        noun: "instrument",
        location: Location::Flat("instruments"),
        sub_folder: "",
        schema: include_str!("../schema/instrument.schema.json"),
        has_id: true,
        identity: &[],
    },
    KindSpec {
        kind: RecordKind::Summary,
        name: "summary",
        noun: "career-planning summary",
        location: Location::Nested("summaries"),
        sub_folder: "year",
        schema: include_str!("../schema/summary.schema.json"),
        has_id: false,
        identity: &[
            Identity {
                field: "/mentee",
                part: PathPart::Stem,
                message: |value, part| {
                    format!("summary is for `{value}` but the file is named `{part}`")
                },
            },
            Identity {
                field: "/academic_year",
                part: PathPart::Folder,
                message: |value, part| {
                    format!("academic year `{value}` differs from the folder `{part}`")
                },
            },
        ],
    },
    KindSpec {
        kind: RecordKind::Application,
        name: "application",
        noun: "peer group application",
        location: Location::Nested("applications"),
        sub_folder: "year",
        schema: include_str!("../schema/application.schema.json"),
        has_id: false,
        identity: &[
            Identity {
                field: "/person",
                part: PathPart::Stem,
                message: |value, part| {
                    format!("application is by `{value}` but the file is named `{part}`")
                },
            },
            Identity {
                field: "/year",
                part: PathPart::Folder,
                message: |value, part| {
                    format!("academic year `{value}` differs from the folder `{part}`")
                },
            },
        ],
    },
];

impl RecordKind {
    /// Every kind, in table order.
    pub fn all() -> impl Iterator<Item = RecordKind> {
        KINDS.iter().map(|spec| spec.kind)
    }

    /// The kind's entry in [`KINDS`].
    pub fn spec(self) -> &'static KindSpec {
        &KINDS[self as usize]
    }

    /// kebab-case name, also the schema's file stem (`meeting-log`).
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// How a user calls it in a sentence ("mentoring agreement").
    pub fn noun(self) -> &'static str {
        self.spec().noun
    }
}

/// What a path is to the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A record of this kind.
    Record(RecordKind),
    /// Not a record and not a problem (hidden files, `README.md`, `templates/`, `report/`,
    /// top-level files that are not Markdown).
    Ignored,
    /// A file where no record belongs (reported as M009).
    Unknown,
}

/// Folders that are not records: report overrides and rendered output.
pub const NON_RECORD_FOLDERS: [&str; 2] = ["templates", "report"];

/// Classifies a path relative to the program folder (with `/` separators).
pub fn classify(path: &str) -> Place {
    // Records are at most three parts deep; deeper paths are only told apart from them, so the
    // parts are kept in place, not collected (this runs for each of 28,713 files).
    let mut kept = [""; 4];
    let mut count = 0;
    for part in path.split('/') {
        if part.starts_with('.') {
            return Place::Ignored;
        }
        if let Some(slot) = kept.get_mut(count) {
            *slot = part;
        }
        count += 1;
    }
    let file = path.rsplit('/').next().unwrap_or_default();
    // A deeper path keeps its first parts and a fourth that no record layout has.
    let parts = &kept[..count.min(4)];
    if file == "README.md" {
        return Place::Ignored;
    }
    let is_md = file.ends_with(".md");
    match parts {
        [folder, ..] if NON_RECORD_FOLDERS.contains(folder) => return Place::Ignored,
        [_] if !is_md => return Place::Ignored,
        _ => {}
    }
    let found = KINDS.iter().find(|spec| match (spec.location, parts) {
        (Location::File(name), [only]) => *only == name,
        (Location::Flat(folder), [first, _]) => is_md && *first == folder,
        (Location::Nested(folder), [first, _, _]) => is_md && *first == folder,
        _ => false,
    });
    found.map_or(Place::Unknown, |spec| Place::Record(spec.kind))
}

/// Whether `name` is a top-level folder that holds records (`people`, `assessments`, ...).
pub fn is_record_folder(name: &str) -> bool {
    record_folders().any(|folder| folder == name)
}

/// The top-level folders that hold records, in table order.
pub fn record_folders() -> impl Iterator<Item = &'static str> {
    KINDS.iter().filter_map(|spec| spec.location.folder())
}

/// Where records live, for the M009 help: `people/, agreements/, ..., summaries/<year>/`.
pub fn record_locations() -> String {
    KINDS
        .iter()
        .filter(|spec| spec.location.folder().is_some())
        .map(|spec| spec.location.shown(spec.sub_folder))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The file stem of a path (`people/a-example.md` -> `a-example`).
pub fn stem(path: &str) -> &str {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.strip_suffix(".md").unwrap_or(file)
}

/// The name of the folder a file is in (`assessments/a-example/x.md` -> `a-example`).
pub fn parent_name(path: &str) -> &str {
    let mut parts = path.rsplit('/');
    parts.next();
    parts.next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_case::test_case;

    #[test_case("program.md", Place::Record(RecordKind::Program))]
    #[test_case("people/a-example.md", Place::Record(RecordKind::Person))]
    #[test_case("meetings/2024-a.md", Place::Record(RecordKind::MeetingLog))]
    #[test_case(
        "assessments/a-example/2024-09-01-mca.md",
        Place::Record(RecordKind::Assessment)
    )]
    #[test_case("summaries/2025-26/a-example.md", Place::Record(RecordKind::Summary))]
    #[test_case(
        "applications/2026-27/a-example.md",
        Place::Record(RecordKind::Application)
    )]
    #[test_case("README.md", Place::Ignored)]
    #[test_case("people/README.md", Place::Ignored)]
    #[test_case(".gitignore", Place::Ignored)]
    #[test_case(".git/config", Place::Ignored)]
    #[test_case("templates/summary.html.tera", Place::Ignored)]
    #[test_case("report/index.html", Place::Ignored)]
    #[test_case("person/a-example.md", Place::Unknown; "misspelt folder")]
    #[test_case("people/photo.jpg", Place::Unknown; "not markdown in a record folder")]
    #[test_case("people/x/a.md", Place::Unknown; "too deep")]
    #[test_case("assessments/a.md", Place::Unknown; "assessment without person folder")]
    #[test_case("assessments/a-example/x/2025.md", Place::Unknown; "four parts deep")]
    #[test_case("assessments/a-example/x/y/2025.md", Place::Unknown; "five parts deep")]
    #[test_case("people/a/b/.hidden/c.md", Place::Ignored; "hidden deep down")]
    #[test_case("notes.md", Place::Unknown; "top-level markdown")]
    #[test_case("program.md/x.md", Place::Unknown; "program.md as a folder")]
    fn classifies_paths(path: &str, place: Place) {
        assert_eq!(classify(path), place);
    }

    #[test]
    fn takes_stems_and_parents() {
        assert_eq!(stem("people/a-example.md"), "a-example");
        assert_eq!(parent_name("assessments/a-example/x.md"), "a-example");
        assert_eq!(parent_name("program.md"), "");
    }

    #[test]
    fn knows_record_folders() {
        assert!(is_record_folder("people"));
        assert!(is_record_folder("summaries"));
        assert!(!is_record_folder("person"));
        assert!(!is_record_folder("templates"));
    }

    /// A kind whose entry is missing, misplaced or copied from another fails here.
    #[test]
    fn each_entry_sits_at_its_kinds_position_with_its_own_schema_and_place() {
        for (i, spec) in KINDS.iter().enumerate() {
            assert_eq!(
                spec.kind as usize, i,
                "{} is out of place in KINDS",
                spec.name
            );
            let schema: serde_json::Value = serde_json::from_str(spec.schema).expect("schema JSON");
            let id = schema["$id"].as_str().unwrap_or_default();
            assert!(
                id.ends_with(&format!("/{}.schema.json", spec.name)),
                "{} embeds the schema {id}",
                spec.name
            );
            let sample = match spec.location {
                Location::File(name) => name.to_owned(),
                Location::Flat(folder) => format!("{folder}/x.md"),
                Location::Nested(folder) => format!("{folder}/x/y.md"),
            };
            assert_eq!(classify(&sample), Place::Record(spec.kind), "{sample}");
            let required = schema["required"].as_array().cloned().unwrap_or_default();
            assert_eq!(
                spec.has_id,
                required.contains(&serde_json::json!("id")),
                "{}: has_id agrees with the schema's required `id`",
                spec.name
            );
            for identity in spec.identity {
                let field = identity.field.trim_start_matches('/');
                assert!(
                    required.contains(&serde_json::json!(field)),
                    "{}: identity field {field} is required by its schema",
                    spec.name
                );
            }
        }
        let mut folders: Vec<&str> = record_folders().collect();
        folders.sort_unstable();
        folders.dedup();
        assert_eq!(
            folders.len(),
            record_folders().count(),
            "folders are distinct"
        );
    }

    /// docs/records.md's layout table has a row per kind: where it lives, its noun, its schema.
    #[test]
    fn docs_list_every_kind() {
        let docs = include_str!("../docs/records.md");
        for spec in &KINDS {
            let place = match spec.location {
                Location::File(name) => format!("| `{name}"),
                Location::Flat(folder) | Location::Nested(folder) => format!("| `{folder}/"),
            };
            let tail = format!("| {} | `schema/{}.schema.json` |", spec.noun, spec.name);
            assert!(
                docs.lines()
                    .any(|l| l.starts_with(&place) && l.ends_with(&tail)),
                "docs/records.md has no row `{place}... {tail}`"
            );
        }
    }

    #[test]
    fn lists_record_locations_for_the_unknown_location_help() {
        assert_eq!(
            record_locations(),
            "people/, agreements/, meetings/, groups/, community/, assessments/<person>/, \
             instruments/, summaries/<year>/, applications/<year>/"
        );
    }
}
