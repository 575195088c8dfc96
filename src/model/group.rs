//! `groups/<id>.md`: a peer mentoring group for one academic year (seed 002).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::AcademicYear;

/// A peer mentoring group.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Kebab-case id, equal to the file name.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The academic year the group meets in.
    pub academic_year: AcademicYear,
    /// Person id of the peer facilitator (seed 002: "a more senior faculty member").
    pub facilitator: String,
    /// Person ids of the members (at most `rules.group_size_max`).
    pub members: Vec<String>,
    /// Topic tags (seed 002's topic list).
    #[serde(default)]
    pub topics: Vec<String>,
    /// Sessions held.
    pub sessions: Vec<Session>,
    /// `active` (the default) or `proposed` by `mentor match groups`; a proposed group is not
    /// held to the session and attendance rules until the director makes it active.
    #[serde(default)]
    pub status: GroupStatus,
    /// Relative path of the record.
    #[serde(skip)]
    pub path: String,
    /// Markdown body: a description of the group.
    #[serde(skip)]
    pub body: String,
}

/// One group session and who attended.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The day of the session.
    pub date: Date,
    /// Member ids present.
    pub attended: Vec<String>,
}

/// Whether a group meets or is only proposed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupStatus {
    /// The group meets; the rules apply.
    #[default]
    Active,
    /// Proposed by `mentor match groups`; the director edits it and sets `status: active`.
    Proposed,
}

impl Group {
    /// Whether the group is only a proposal (no rules apply to it).
    pub fn is_proposed(&self) -> bool {
        self.status == GroupStatus::Proposed
    }
}
