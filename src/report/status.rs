//! The status table rows the reports show, in words, from the findings `check` already
//! computed (`app::CheckOutcome::evaluation`). Does not evaluate the rules again.

use super::StatusLine;
use crate::rules::Finding;

/// The report rows, in the words the reports print, of `rows`: one academic year's findings in
/// the status view's order (worst first, see [`crate::rules::StatusView`]).
pub fn status_lines(rows: &[Finding]) -> Vec<StatusLine> {
    rows.iter()
        .map(|f| StatusLine {
            kind: f.kind.as_str().to_owned(),
            subject: f.name.clone(),
            rule: f.rule.name().to_owned(),
            rule_title: f.rule.title().to_owned(),
            required: f.required_text.clone(),
            done: f.done_text.clone(),
            status: f.status.as_str().to_owned(),
            status_label: f.status.label().to_owned(),
            next_due: f.next_due.map(|d| d.to_string()),
            people: f.people.clone(),
        })
        .collect()
}
