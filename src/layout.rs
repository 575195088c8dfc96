//! The program layout: which relative path holds which kind of record.
//!
//! Pure: classifies path strings, never looks at the file system.

use serde::Serialize;

/// The kinds of record a program holds; each has a schema in `schema/<name>.schema.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecordKind {
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
    /// `applications/<academic-year>/<person-id>.md`: an application to a peer group.
    Application,
}

impl RecordKind {
    /// Every kind.
    pub const ALL: [RecordKind; 10] = [
        RecordKind::Program,
        RecordKind::Person,
        RecordKind::Agreement,
        RecordKind::MeetingLog,
        RecordKind::Group,
        RecordKind::Community,
        RecordKind::Assessment,
        RecordKind::Instrument,
        RecordKind::Summary,
        RecordKind::Application,
    ];

    /// kebab-case name, also the schema's file stem (`meeting-log`).
    pub fn name(self) -> &'static str {
        match self {
            RecordKind::Program => "program",
            RecordKind::Person => "person",
            RecordKind::Agreement => "agreement",
            RecordKind::MeetingLog => "meeting-log",
            RecordKind::Group => "group",
            RecordKind::Community => "community",
            RecordKind::Assessment => "assessment",
            RecordKind::Instrument => "instrument",
            RecordKind::Summary => "summary",
            RecordKind::Application => "application",
        }
    }

    /// How a user calls it in a sentence ("mentoring agreement").
    pub fn noun(self) -> &'static str {
        match self {
            RecordKind::Program => "program",
            RecordKind::Person => "person",
            RecordKind::Agreement => "mentoring agreement",
            RecordKind::MeetingLog => "meeting log",
            RecordKind::Group => "peer mentoring group",
            RecordKind::Community => "mentor community",
            RecordKind::Assessment => "self-assessment",
            RecordKind::Instrument => "instrument",
            RecordKind::Summary => "career-planning summary",
            RecordKind::Application => "peer group application",
        }
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

/// Folders that hold one record per file, directly inside them.
const FLAT_FOLDERS: [(&str, RecordKind); 6] = [
    ("people", RecordKind::Person),
    ("agreements", RecordKind::Agreement),
    ("meetings", RecordKind::MeetingLog),
    ("groups", RecordKind::Group),
    ("community", RecordKind::Community),
    ("instruments", RecordKind::Instrument),
];

/// Folders that are not records: report overrides and rendered output.
pub const NON_RECORD_FOLDERS: [&str; 2] = ["templates", "report"];

/// Classifies a path relative to the program folder (with `/` separators).
pub fn classify(path: &str) -> Place {
    let parts: Vec<&str> = path.split('/').collect();
    if parts.iter().any(|p| p.starts_with('.')) {
        return Place::Ignored;
    }
    let file = parts.last().copied().unwrap_or_default();
    if file == "README.md" {
        return Place::Ignored;
    }
    let is_md = file.ends_with(".md");
    match parts.as_slice() {
        ["program.md"] => Place::Record(RecordKind::Program),
        [_] if !is_md => Place::Ignored,
        [folder, ..] if NON_RECORD_FOLDERS.contains(folder) => Place::Ignored,
        [folder, _] if is_md => FLAT_FOLDERS
            .iter()
            .find(|(name, _)| name == folder)
            .map_or(Place::Unknown, |&(_, kind)| Place::Record(kind)),
        ["assessments", _, _] if is_md => Place::Record(RecordKind::Assessment),
        ["summaries", _, _] if is_md => Place::Record(RecordKind::Summary),
        ["applications", _, _] if is_md => Place::Record(RecordKind::Application),
        _ => Place::Unknown,
    }
}

/// Whether `name` is a top-level folder that holds records (`people`, `assessments`, ...).
pub fn is_record_folder(name: &str) -> bool {
    FLAT_FOLDERS.iter().any(|(folder, _)| *folder == name)
        || ["assessments", "summaries", "applications"].contains(&name)
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
    #[test_case("notes.md", Place::Unknown; "top-level markdown")]
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
}
