//! `meetings/<agreement-id>.md`: the dates a mentoring pair met, and nothing else (seed 004).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::agreement::Modality;

/// The meeting log of one agreement.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingLog {
    /// The agreement's id, equal to the file name.
    pub agreement: String,
    /// Meetings held, in any order.
    pub meetings: Vec<Meeting>,
    /// Explained removals or changes of past dates.
    #[serde(default)]
    pub corrections: Vec<Correction>,
    /// Relative path of the record.
    #[serde(skip)]
    pub path: String,
}

/// One meeting: only that it happened (seed 004: "Only records of when meetings are actually held").
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// The day the meeting was held.
    pub date: Date,
    /// Length in minutes, if recorded.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// How it was held, if recorded.
    #[serde(default)]
    pub modality: Option<Modality>,
}

/// A correction of the log: a past date removed or changed, with the reason.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// When the correction was made.
    pub date: Date,
    /// The date taken out, if any.
    #[serde(default)]
    pub removed: Option<Date>,
    /// The date put in instead, if any.
    #[serde(default)]
    pub added: Option<Date>,
    /// Why.
    pub reason: String,
}
