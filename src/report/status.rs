//! The status table rows the reports show, from the rule engine ([`crate::rules`]).

use jiff::civil::Date;

use super::StatusLine;
use crate::model::{AcademicYear, Program};
use crate::rules;

/// The status rows of academic year `year` as of `as_of`, worst first (see
/// [`rules::StatusView`]), in the words the reports print.
pub fn status_lines(program: &Program, as_of: Date, year: AcademicYear) -> Vec<StatusLine> {
    rules::evaluate(program, as_of)
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
