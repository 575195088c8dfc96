//! `applications/<academic-year>/<person-id>.md`: one faculty member's application to join a peer
//! mentoring group (seed 002: applicants "indicate ... multiple topics of their interest").

use serde::{Deserialize, Serialize};

use super::AcademicYear;

/// An application to join a peer mentoring group in one academic year.
///
/// `avoid` is private to the matcher: no report, status row, diagnostic about another record or
/// match output repeats it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// Person id of the applicant; equal to the file name.
    pub person: String,
    /// The academic year applied for; equal to the folder name.
    pub year: AcademicYear,
    /// Topic ids from the program's topic list ([`super::Matching::topics`]); at least one.
    pub topics: Vec<String>,
    /// A short description of the `other` topic, when `topics` holds `other`.
    #[serde(default)]
    pub other_topic: Option<String>,
    /// Weekly meeting slot ids the applicant can attend (`tue-pm`), from
    /// [`super::Matching::slots`]; at least one.
    pub availability: Vec<String>,
    /// Person ids the applicant prefers not to be grouped with. Used only inside the matcher.
    #[serde(default)]
    pub avoid: Vec<String>,
    /// Relative path of the record.
    #[serde(skip)]
    pub path: String,
    /// Markdown body: anything the applicant adds (never shown by the matcher).
    #[serde(skip)]
    pub body: String,
}
