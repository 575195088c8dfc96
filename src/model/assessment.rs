//! `assessments/<person-id>/<date>-<instrument-id>.md`: one self-assessment.

use std::collections::BTreeMap;

use compact_str::CompactString;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A self-assessment taken by one person with one instrument.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Person id, equal to the folder name.
    pub person: String,
    /// Instrument id, equal to the file name's suffix.
    pub instrument: String,
    /// The day it was taken, equal to the file name's prefix.
    pub date: Date,
    /// Baseline, midpoint or final (seed 003: pre-assessment and final evaluation).
    pub phase: Phase,
    /// The agreement it belongs to, if any.
    #[serde(default)]
    pub agreement: Option<String>,
    /// Responses by item id, each on the instrument's scale. Item ids are short (`mcs-01`), so
    /// they are kept inline ([`CompactString`], up to 24 bytes) rather than each in its own
    /// allocation: typing 12,370 cached self-assessments allocated a string per response, 12%
    /// of a pre-commit check at 5,000 faculty.
    pub responses: BTreeMap<CompactString, i64>,
    /// Relative path of the record.
    #[serde(skip)]
    pub path: String,
}

/// When in a relationship an assessment is taken (seed 003's phases).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Before or at the start (Prepare/Launch).
    Baseline,
    /// Ongoing assessment (Later meetings).
    Midpoint,
    /// At the end (Conclude).
    Final,
}

impl Phase {
    /// The phase as records spell it (`baseline`, `midpoint`, `final`).
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Baseline => "baseline",
            Phase::Midpoint => "midpoint",
            Phase::Final => "final",
        }
    }
}
