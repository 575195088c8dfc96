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

    /// The rule named `name` (kebab-case, exact).
    pub fn lookup(name: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.name() == name)
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

    #[test_case("M301", Some(Rule::PairMeetings); "code")]
    #[test_case("m311", Some(Rule::FinalAssessment); "lowercase code")]
    #[test_case("Meeting-Gap", Some(Rule::MeetingGap); "name in another case")]
    #[test_case("M203", None; "a record check's code")]
    #[test_case("pair-meeting", None; "misspelt name")]
    fn finds_a_rule_by_code_or_name_in_any_case(text: &str, rule: Option<Rule>) {
        assert_eq!(Rule::lookup_loosely(text), rule);
    }
}
