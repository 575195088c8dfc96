//! The status table rows the reports show, from the rule engine ([`crate::rules`]).

use jiff::civil::Date;

use super::StatusLine;
use crate::model::{AcademicYear, Program};
use crate::rules;

/// The status rows of academic year `year` as of `as_of`, worst first (see
/// [`rules::StatusView`]), in the words the reports print.
pub fn status_lines(program: &Program, as_of: Date, year: AcademicYear) -> Vec<StatusLine> {
    status_lines_of(&rules::evaluate(program, as_of), year)
}

/// [`status_lines`] from an evaluation already made (such as the one in
/// [`crate::CheckOutcome::evaluation`]), so the rules are not evaluated twice.
pub fn status_lines_of(evaluation: &rules::Evaluation, year: AcademicYear) -> Vec<StatusLine> {
    evaluation
        .view(Some(year))
        .rows
        .into_iter()
        .map(|f| StatusLine {
            kind: f.kind.as_str().to_owned(),
            subject: f.name,
            rule: f.rule.name().to_owned(),
            rule_title: f.rule.title().to_owned(),
            required: f.required_text,
            done: f.done_text,
            status: f.status.as_str().to_owned(),
            status_label: f.status.label().to_owned(),
            next_due: f.next_due.map(|d| d.to_string()),
            people: f.people,
        })
        .collect()
}
