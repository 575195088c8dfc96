//! `agreements/<id>.md`: a mentoring agreement between a mentee and their mentors.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A signed mentoring agreement (seed 003 Launch; seed 004 assigned mentor).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// Kebab-case id, equal to the file name (`2024-a-example`).
    pub id: String,
    /// Person id of the mentee.
    pub mentee: String,
    /// Person ids of the mentors (one or more).
    pub mentors: Vec<String>,
    /// First day of the agreement.
    pub start: Date,
    /// Planned last day.
    pub planned_end: Date,
    /// How often the pair agreed to meet.
    pub meeting_frequency: MeetingFrequency,
    /// How they usually meet.
    pub modality: Modality,
    /// Both acknowledged that meetings are confidential (seed 004).
    pub confidentiality_acknowledged: bool,
    /// Goals with target dates.
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// Who signed, and when.
    pub signatures: Vec<Signature>,
    /// Active, concluded, or replaced by a mentor change.
    pub status: AgreementStatus,
    /// Actual last day, for concluded and replaced agreements.
    #[serde(default)]
    pub end: Option<Date>,
    /// The agreement that replaced this one after a mentor change.
    #[serde(default)]
    pub replaced_by: Option<String>,
    /// The program director who approved the mentor change (seed 004: "via the program director").
    #[serde(default)]
    pub change_approved_by: Option<String>,
    /// Relative path of the record.
    #[serde(skip)]
    pub path: String,
    /// Markdown body: the agreement text.
    #[serde(skip)]
    pub body: String,
}

impl Agreement {
    /// The day obligations end: the actual `end` if there is one, else `planned_end`.
    pub fn effective_end(&self) -> Date {
        self.end.unwrap_or(self.planned_end)
    }

    /// Whether `date` lies within the agreement, both ends inclusive.
    pub fn covers(&self, date: Date) -> bool {
        self.start <= date && date <= self.effective_end()
    }

    /// How many signatures `person` has on the agreement (more than one is a mistake: `mentor
    /// sign` refuses a second).
    pub fn signatures_by(&self, person: &str) -> usize {
        self.signatures
            .iter()
            .filter(|s| s.person == person)
            .count()
    }

    /// Whether every party (the mentee and each mentor) has signed.
    pub fn is_signed_by_every_party(&self) -> bool {
        std::iter::once(&self.mentee)
            .chain(&self.mentors)
            .all(|p| self.signatures.iter().any(|s| &s.person == p))
    }

    /// Whether the agreement is a draft (`status: proposed`) that every party has now signed,
    /// so `mentor sign` makes it active.
    pub fn is_ready_to_activate(&self) -> bool {
        self.status == AgreementStatus::Proposed && self.is_signed_by_every_party()
    }
}

/// One goal of an agreement.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// What the mentee aims to do.
    pub text: String,
    /// Target date.
    pub target: Date,
    /// Progress.
    pub status: GoalStatus,
}

/// Progress on a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GoalStatus {
    /// Not started.
    NotStarted,
    /// Under way.
    InProgress,
    /// Achieved.
    Met,
    /// Changed since the agreement was signed.
    Revised,
    /// Abandoned.
    Dropped,
}

/// A signature on an agreement.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Person id of the signer.
    pub person: String,
    /// Date signed.
    pub date: Date,
}

/// The state of an agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgreementStatus {
    /// A draft waiting for signatures: no signature is required yet (M212 does not apply),
    /// M309 reminds while signatures are missing, and the pair-meeting rules do not count it
    /// until it is active. `mentor sign` makes it active when every party has signed.
    Proposed,
    /// In force.
    Active,
    /// Ended as planned (seed 003 Conclude).
    Concluded,
    /// Ended by a mentor change; see `replaced_by`.
    Replaced,
}

impl AgreementStatus {
    /// Whether an agreement in this state pairs its mentee with its mentors now: `active`, or
    /// `proposed` (a draft: the director has proposed the mentor). The one definition of
    /// "paired" that the unpaired-mentee rule (M312) and `mentor match mentors` share.
    pub fn is_pairing(self) -> bool {
        matches!(self, AgreementStatus::Active | AgreementStatus::Proposed)
    }
}

/// Agreed meeting frequency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingFrequency {
    /// Every month.
    Monthly,
    /// Every two months.
    Bimonthly,
    /// Every three months (seed 004's suggestion).
    Quarterly,
    /// Twice a year (seed 004's minimum).
    TwiceYearly,
}

/// How a pair or a meeting meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Modality {
    /// Face to face.
    InPerson,
    /// By video or phone.
    Virtual,
    /// Some of each.
    Hybrid,
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use test_case::test_case;

    use super::*;

    fn agreement(status: &str, signed: &[&str]) -> Agreement {
        let signatures: Vec<_> = signed
            .iter()
            .map(|p| json!({"person": p, "date": "2025-07-01"}))
            .collect();
        serde_json::from_value(json!({
            "id": "2025-a", "mentee": "a", "mentors": ["m", "n"], "start": "2025-07-01",
            "planned_end": "2028-06-30", "meeting_frequency": "quarterly",
            "modality": "in-person", "confidentiality_acknowledged": true,
            "signatures": signatures, "status": status,
        }))
        .expect("a valid agreement")
    }

    #[test_case("proposed", &["a", "m", "n"], true; "a draft every party signed")]
    #[test_case("proposed", &["a", "m"], false; "a draft a co-mentor has not signed")]
    #[test_case("proposed", &["a", "m", "x"], false; "a signature by someone else does not count")]
    #[test_case("active", &["a", "m", "n"], false; "already active")]
    fn activates_a_draft_once_every_party_has_signed(status: &str, signed: &[&str], ready: bool) {
        assert_eq!(agreement(status, signed).is_ready_to_activate(), ready);
    }

    #[test]
    fn counts_each_persons_signatures() {
        let a = agreement("proposed", &["a", "m", "a"]);
        assert_eq!(a.signatures_by("a"), 2);
        assert_eq!(a.signatures_by("n"), 0);
    }
}
