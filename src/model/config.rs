//! `program.md`: the program's name, people in charge, and the rules' parameters.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Matching, YearStart};

/// The program record (`program.md`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramConfig {
    /// Program name, e.g. "Career Development Mentoring Program".
    pub name: String,
    /// The division running it, e.g. "Division of Example Medicine".
    pub division: String,
    /// Month and day the academic year starts; default `07-01`.
    #[serde(default)]
    pub academic_year_start: YearStart,
    /// Person id of the program director (role `director`).
    pub director: String,
    /// Person id of the division chief (role `chief`).
    pub chief: String,
    /// Name of the mentor community (seed 001: "Give a name to the Mentor Community").
    #[serde(default)]
    pub mentor_community: Option<String>,
    /// The rules' parameters; every one has a default from the seeds.
    #[serde(default)]
    pub rules: Rules,
    /// Matching parameters for `mentor match` (topics, slots, eligibility, sizes, capacity).
    #[serde(default)]
    pub matching: Matching,
    /// Per-rule severity overrides, by rule name (`pair-meetings: error`).
    #[serde(default)]
    pub severity: BTreeMap<String, SeverityLevel>,
    /// Relative path of `program.md`.
    #[serde(skip)]
    pub path: String,
    /// The Markdown body: mission and mentoring philosophy.
    #[serde(skip)]
    pub body: String,
}

/// A configured severity for a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityLevel {
    /// Report as an error (exit 1).
    Error,
    /// Report as a warning (the default for rules).
    Warning,
    /// Do not report.
    Off,
}

/// Rule parameters, from `rules:` in `program.md`. Counts are per academic year; durations are
/// in days or months as named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    /// Minimum meetings per pair per academic year; default 2 (seed 004: "at least twice a year").
    pub pair_meetings_per_year: u32,
    /// Recommended meetings per pair per academic year; default 4 (seed 004: quarterly).
    pub pair_meetings_recommended: u32,
    /// Longest allowed gap between a pair's meetings, in days; default 183.
    pub pair_max_gap_days: u32,
    /// Sessions a peer mentoring group holds per academic year; default 9 (seed 002).
    pub group_sessions_per_year: u32,
    /// Sessions each member attends per academic year; default 7 (seed 002).
    pub group_attendance_min: u32,
    /// Largest group; default 8 (seed 002: "up to 8 faculty").
    pub group_size_max: u32,
    /// Mentor community meetings each active mentor attends per year; default 6 (seed 001).
    pub community_attendance_min: u32,
    /// Months after the faculty start date by which the salary-support plan is discussed;
    /// default 18 (seed 004: "no later than year 1.5").
    pub salary_plan_months: u32,
    /// Months after the start date by which the mentee is prepared for the fourth-year
    /// appraisal; default 36 (seed 004).
    pub appraisal_prep_months: u32,
    /// Months before `promotion_due` the packet is prepared; default 6 (seed 004).
    pub promotion_packet_months_before: u32,
    /// Days after an agreement's start by which all parties sign; default 30 (seed 003 Launch).
    pub signature_days: u32,
    /// Days after an agreement's start by which the mentee's baseline self-assessment exists;
    /// default 60 (seed 003 Prepare).
    pub baseline_days: u32,
    /// Days after an agreement's end by which the final self-assessment exists; default 60
    /// (seed 003 Conclude).
    pub final_days: u32,
    /// A deadline within this many days is "due soon"; default 30.
    pub due_soon_days: u32,
    /// Days after a mentee's start date by which they have an active or proposed agreement
    /// (rule M312); default 90 (seed 004: the director meets each new recruit and proposes a
    /// mentor; pairs meet quarterly, so a mentor within the first quarter).
    pub unpaired_days: u32,
    /// Days after `intake.notified` by which the welcome email is sent; default 14 (seed 004
    /// gives the step, the days are this tool's default).
    pub intake_welcome_days: u32,
    /// Days after `intake.notified` by which the meeting with the director has happened;
    /// default 30 (seed 004 step, tool default days).
    pub intake_meeting_days: u32,
    /// Days after the meeting with the director by which a mentor is recommended; default 14
    /// (seed 004 step, tool default days).
    pub intake_mentor_days: u32,
    /// Days after the mentor recommendation by which an agreement is proposed; default 30
    /// (seeds 003 and 004, tool default days).
    pub intake_agreement_days: u32,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            pair_meetings_per_year: 2,
            pair_meetings_recommended: 4,
            pair_max_gap_days: 183,
            group_sessions_per_year: 9,
            group_attendance_min: 7,
            group_size_max: 8,
            community_attendance_min: 6,
            salary_plan_months: 18,
            appraisal_prep_months: 36,
            promotion_packet_months_before: 6,
            signature_days: 30,
            baseline_days: 60,
            final_days: 60,
            due_soon_days: 30,
            unpaired_days: 90,
            intake_welcome_days: 14,
            intake_meeting_days: 30,
            intake_mentor_days: 14,
            intake_agreement_days: 30,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::RecordKind;

    /// The defaults `program.schema.json` shows editors are the ones the engine uses: a
    /// parameter added to [`Rules`] without its schema property, or a default changed in one
    /// place only, fails here.
    #[test]
    fn schema_defaults_are_the_model_defaults() {
        let schema: serde_json::Value =
            serde_json::from_str(crate::schema::text(RecordKind::Program)).expect("schema JSON");
        let properties = schema["properties"]["rules"]["properties"]
            .as_object()
            .expect("rules properties");
        let defaults = serde_json::to_value(Rules::default()).expect("serialise");
        let defaults = defaults.as_object().expect("object");
        let shown: Vec<&String> = properties.keys().collect();
        let used: Vec<&String> = defaults.keys().collect();
        assert_eq!(shown, used, "the schema lists every parameter, in order");
        for (name, default) in defaults {
            let property = &properties[name];
            assert_eq!(&property["default"], default, "{name}: schema default");
            let description = property["description"].as_str().unwrap_or_default();
            assert!(
                description.contains(&format!("default {default}")),
                "{name}: the description says default {default}: {description}"
            );
        }
        assert_eq!(
            schema["properties"]["academic_year_start"]["default"],
            YearStart::default().to_string()
        );
    }
}
