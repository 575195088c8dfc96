//! The twelve rules, each tied to its stable diagnostic code (M301-M312). A rule's name is its
//! code's kebab-case name (`pair-meetings`), which is also its key under `severity:` in
//! `program.md`.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::diag::Code;

/// One rule of the program. The doc comment of each rule's module is its user documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// M301: meetings per academic year, prorated (seed 004).
    PairMeetings,
    /// M302: longest gap between a pair's meetings (seed 004).
    MeetingGap,
    /// M303: sessions a peer mentoring group holds per academic year (seed 002).
    GroupSessions,
    /// M304: sessions each group member attends (seed 002).
    GroupAttendance,
    /// M305: mentor community meetings each active mentor attends (seed 001).
    CommunityAttendance,
    /// M306: salary-support plan by year 1.5 (seed 004).
    SalaryPlan,
    /// M307: prepared for the fourth-year appraisal (seed 004).
    AppraisalPrep,
    /// M308: promotion packet 6 months before it is due (seed 004).
    PromotionPacket,
    /// M309: agreement signed by everyone soon after its start (seed 003 Launch).
    AgreementSignature,
    /// M310: the mentee's baseline self-assessment (seed 003 Prepare).
    BaselineAssessment,
    /// M311: the mentee's final self-assessment after a concluded agreement (seed 003 Conclude).
    FinalAssessment,
    /// M312: a mentee with no active or proposed agreement long after their start (seed 004).
    UnpairedMentee,
}

impl Rule {
    /// Every rule, in code order.
    pub const ALL: [Rule; 12] = [
        Rule::PairMeetings,
        Rule::MeetingGap,
        Rule::GroupSessions,
        Rule::GroupAttendance,
        Rule::CommunityAttendance,
        Rule::SalaryPlan,
        Rule::AppraisalPrep,
        Rule::PromotionPacket,
        Rule::AgreementSignature,
        Rule::BaselineAssessment,
        Rule::FinalAssessment,
        Rule::UnpairedMentee,
    ];

    /// The rule's diagnostic code.
    pub fn code(self) -> Code {
        match self {
            Rule::PairMeetings => Code::PairMeetings,
            Rule::MeetingGap => Code::MeetingGap,
            Rule::GroupSessions => Code::GroupSessions,
            Rule::GroupAttendance => Code::GroupAttendance,
            Rule::CommunityAttendance => Code::CommunityAttendance,
            Rule::SalaryPlan => Code::SalaryPlan,
            Rule::AppraisalPrep => Code::AppraisalPrep,
            Rule::PromotionPacket => Code::PromotionPacket,
            Rule::AgreementSignature => Code::AgreementSignature,
            Rule::BaselineAssessment => Code::BaselineAssessment,
            Rule::FinalAssessment => Code::FinalAssessment,
            Rule::UnpairedMentee => Code::UnpairedMentee,
        }
    }

    /// The rule's name (`pair-meetings`), as written under `severity:` in `program.md`.
    pub fn name(self) -> &'static str {
        self.code().name()
    }

    /// The rule in words, for readers of the reports ("Meetings per year").
    pub fn title(self) -> &'static str {
        match self {
            Rule::PairMeetings => "Meetings per year",
            Rule::MeetingGap => "Time between meetings",
            Rule::GroupSessions => "Group sessions held",
            Rule::GroupAttendance => "Group sessions attended",
            Rule::CommunityAttendance => "Mentor community meetings attended",
            Rule::SalaryPlan => "Salary-support plan",
            Rule::AppraisalPrep => "Fourth-year appraisal preparation",
            Rule::PromotionPacket => "Promotion packet",
            Rule::AgreementSignature => "Agreement signed",
            Rule::BaselineAssessment => "Baseline self-assessment",
            Rule::FinalAssessment => "Final self-assessment",
            Rule::UnpairedMentee => "Mentee paired with a mentor",
        }
    }

    /// The `rules:` parameters of `program.md` the rule reads (besides `due_soon_days`), in
    /// the order `docs/rules.md` lists them; their defaults are [`crate::model::Rules`]'s.
    pub fn params(self) -> &'static [&'static str] {
        match self {
            Rule::PairMeetings => &["pair_meetings_per_year", "pair_meetings_recommended"],
            Rule::MeetingGap => &["pair_max_gap_days"],
            Rule::GroupSessions => &["group_sessions_per_year"],
            Rule::GroupAttendance => &["group_attendance_min", "group_sessions_per_year"],
            Rule::CommunityAttendance => &["community_attendance_min"],
            Rule::SalaryPlan => &["salary_plan_months"],
            Rule::AppraisalPrep => &["appraisal_prep_months"],
            Rule::PromotionPacket => &["promotion_packet_months_before"],
            Rule::AgreementSignature => &["signature_days"],
            Rule::BaselineAssessment => &["baseline_days"],
            Rule::FinalAssessment => &["final_days"],
            Rule::UnpairedMentee => &["unpaired_days"],
        }
    }

    /// What to do about an open row of the rule, in words, for the agenda (`mentor due`) and
    /// notices: "hold the pair's next mentoring meeting".
    pub fn action(self) -> &'static str {
        match self {
            Rule::PairMeetings => "hold the pair's next mentoring meeting",
            Rule::MeetingGap => {
                "meet by this date, the last day before the gap since the last meeting is too long"
            }
            Rule::GroupSessions => "hold the group's next session",
            Rule::GroupAttendance => "attend the group's sessions (attendance at risk if missed)",
            Rule::CommunityAttendance => "attend the mentor community meetings",
            Rule::SalaryPlan => "discuss the salary-support plan with the mentor",
            Rule::AppraisalPrep => "prepare for the fourth-year appraisal",
            Rule::PromotionPacket => "prepare the promotion packet",
            Rule::AgreementSignature => "sign the mentoring agreement",
            Rule::BaselineAssessment => "complete the baseline self-assessment",
            Rule::FinalAssessment => "complete the final self-assessment",
            Rule::UnpairedMentee => "recommend a mentor and propose a mentoring agreement",
        }
    }

    /// The seed the rule comes from (`seed 004`).
    pub fn source(self) -> &'static str {
        match self {
            Rule::PairMeetings | Rule::MeetingGap => "seed 004",
            Rule::GroupSessions | Rule::GroupAttendance => "seed 002",
            Rule::CommunityAttendance => "seed 001",
            Rule::SalaryPlan
            | Rule::AppraisalPrep
            | Rule::PromotionPacket
            | Rule::UnpairedMentee => "seed 004",
            Rule::AgreementSignature | Rule::BaselineAssessment | Rule::FinalAssessment => {
                "seed 003"
            }
        }
    }

    /// The rule named `name` (kebab-case, exact).
    pub fn lookup(name: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.name() == name)
    }

    /// The rule named `text` (kebab-case, exact) or with the code `text` in any case (`M302`,
    /// `m302`): how `mentor status --rule` names a rule.
    pub fn lookup_name_or_code(text: &str) -> Option<Rule> {
        Rule::lookup(text).or_else(|| {
            Rule::ALL
                .into_iter()
                .find(|r| r.code().id().eq_ignore_ascii_case(text))
        })
    }

    /// The rule that `text` most likely means, for a suggestion: its code (`M301`) or its name in
    /// any case (`Pair-Meetings`).
    pub fn lookup_loosely(text: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| {
            r.code().id().eq_ignore_ascii_case(text) || r.name().eq_ignore_ascii_case(text)
        })
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;

    #[test]
    fn names_round_trip_and_codes_are_the_m3xx_range() {
        for rule in Rule::ALL {
            assert_eq!(Rule::lookup(rule.name()), Some(rule));
            assert!(rule.code().id().starts_with("M3"), "{rule}");
        }
        assert_eq!(Rule::lookup("pair-meeting"), None);
    }

    #[test_case("meeting-gap", Some(Rule::MeetingGap); "name")]
    #[test_case("M302", Some(Rule::MeetingGap); "code")]
    #[test_case("m302", Some(Rule::MeetingGap); "code in lower case")]
    #[test_case("Meeting-Gap", None; "a name is exact")]
    #[test_case("M001", None; "a code that is not a rule")]
    fn finds_a_rule_by_name_or_code(text: &str, expected: Option<Rule>) {
        assert_eq!(Rule::lookup_name_or_code(text), expected);
    }

    #[test]
    fn every_rule_has_its_own_title_in_words() {
        let mut titles: Vec<&str> = Rule::ALL.iter().map(|r| r.title()).collect();
        assert!(
            titles.iter().all(|t| t.contains(' ') || t.len() > 8),
            "{titles:?}"
        );
        titles.sort_unstable();
        titles.dedup();
        assert_eq!(titles.len(), Rule::ALL.len(), "titles are distinct");
    }

    /// Every M3xx code is a rule in `Rule::ALL`, in code order: a rule whose code was added
    /// but that was left out of `ALL` (so never evaluated or configurable) fails here.
    #[test]
    fn all_holds_every_rule_code_in_order() {
        let codes: Vec<Code> = Code::rules().collect();
        let rules: Vec<Code> = Rule::ALL.iter().map(|r| r.code()).collect();
        assert_eq!(rules, codes);
    }

    /// M220's explanation lists the rule names `severity:` accepts: exactly `Rule::ALL`.
    #[test]
    fn unknown_rule_explanation_lists_every_rule() {
        let explanation = Code::UnknownRule.info().explanation;
        let first_line = explanation.lines().next().unwrap_or_default();
        let listed: Vec<&str> = first_line
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|name| Rule::lookup(name).is_some() || name.contains('-'))
            .filter(|name| *name != "severity:")
            .collect();
        let names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(listed, names, "{first_line}");
    }

    /// `docs/rules.md`'s table has one row per rule, in order, naming its code, name, every
    /// parameter with the model's default, and its seed.
    #[test]
    fn docs_rule_table_matches_the_registry() {
        let docs = include_str!("../../docs/rules.md");
        let rows: Vec<&str> = docs.lines().filter(|l| l.starts_with("| M3")).collect();
        assert_eq!(rows.len(), Rule::ALL.len(), "one row per rule");
        let defaults = serde_json::to_value(crate::model::Rules::default()).expect("serialise");
        for (rule, row) in Rule::ALL.into_iter().zip(rows) {
            let start = format!("| {} | `{}` | ", rule.code().id(), rule.name());
            assert!(row.starts_with(&start), "{row} should start {start}");
            for param in rule.params() {
                let default = &defaults[*param];
                assert!(
                    !default.is_null(),
                    "{rule}: `{param}` is a parameter of Rules"
                );
                assert!(
                    row.contains(&format!("`{param}` ({default})")),
                    "{rule}: docs row shows `{param}` ({default}): {row}"
                );
            }
            assert!(
                row.contains(rule.source()),
                "{rule}: {row} cites {}",
                rule.source()
            );
        }
    }

    #[test_case("M301", Some(Rule::PairMeetings); "code")]
    #[test_case("m311", Some(Rule::FinalAssessment); "lowercase code")]
    #[test_case("Meeting-Gap", Some(Rule::MeetingGap); "name in another case")]
    #[test_case("M203", None; "a record check's code")]
    #[test_case("pair-meeting", None; "misspelt name")]
    fn finds_a_rule_by_code_or_name_in_any_case(text: &str, rule: Option<Rule>) {
        assert_eq!(Rule::lookup_loosely(text), rule);
    }
}
