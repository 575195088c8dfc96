//! `summaries/<academic-year>/<mentee-id>.md`: a mentee's career-planning summary (seed 004).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::AcademicYear;

/// The summary a mentee brings to the annual career-planning conference with the division chief.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Person id of the mentee, equal to the file name.
    pub mentee: String,
    /// Academic year, equal to the folder name.
    pub academic_year: AcademicYear,
    /// Date of the conference, once held.
    #[serde(default)]
    pub conference_date: Option<Date>,
    /// Relative path of the record.
    #[serde(skip)]
    pub path: String,
    /// Markdown body: the mentee's own summary.
    #[serde(skip)]
    pub body: String,
}
