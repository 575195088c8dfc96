//! `community/<academic-year>.md`: the mentor community's monthly meetings (seed 001).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::AcademicYear;

/// One academic year of mentor community meetings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Community {
    /// The academic year, equal to the file name.
    pub academic_year: AcademicYear,
    /// Meetings held.
    pub meetings: Vec<CommunityMeeting>,
    /// Relative path of the record.
    #[serde(skip)]
    pub path: String,
}

/// One mentor community meeting.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CommunityMeeting {
    /// The day of the meeting.
    pub date: Date,
    /// Topic (seed 001 lists examples).
    #[serde(default)]
    pub topic: Option<String>,
    /// Mentor ids present.
    pub attended: Vec<String>,
}
