//! Checks across records: pure functions of a [`Program`] and an as-of date that return
//! diagnostics. No I/O, no clock: "today" is passed in.
//!
//! One file per concern. [`validate`] runs the record checks (errors: broken references, ids,
//! dates, confidentiality); the rule engine for meeting frequency, attendance and deadlines
//! lives in `rules`.

mod agreements;
mod applications;
mod assessments;
mod groups;
mod identity;
mod meetings;
mod people;
mod references;

use jiff::civil::Date;

use crate::diag::Diagnostic;
use crate::model::Program;

/// Runs every cross-record check. `as_of` is the date after which nothing can have happened.
pub fn validate(program: &Program, as_of: Date) -> Vec<Diagnostic> {
    // Each check reads the program and nothing else, so they run side by side; the
    // diagnostics keep this order.
    let checks: [Check; 8] = [
        |p, _, out| identity::check(p, out),
        people::check,
        |p, _, out| references::check(p, out),
        agreements::check,
        meetings::check,
        groups::check,
        assessments::check,
        |p, _, out| applications::check(p, out),
    ];
    let found = crate::parallel::map(&checks, |check| {
        let mut out = Vec::new();
        check(program, as_of, &mut out);
        out
    });
    found.into_iter().flatten().collect()
}

/// One record check: the program and the as-of date in, diagnostics pushed.
type Check = fn(&Program, Date, &mut Vec<Diagnostic>);

/// A "dated after the as-of date" diagnostic for the value at `pointer`.
fn future(path: &str, pointer: String, what: &str, date: Date, as_of: Date) -> Diagnostic {
    Diagnostic::new(
        crate::diag::Code::DateInFuture,
        path,
        format!("{what} is dated `{date}`, after the as-of date {as_of}"),
    )
    .at_value(pointer)
    .with_help("records log what has happened; correct the date, or pass a later `--as-of`")
}
