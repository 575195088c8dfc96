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
    let mut out = Vec::new();
    identity::check(program, &mut out);
    people::check(program, as_of, &mut out);
    references::check(program, &mut out);
    agreements::check(program, as_of, &mut out);
    meetings::check(program, as_of, &mut out);
    groups::check(program, as_of, &mut out);
    assessments::check(program, as_of, &mut out);
    applications::check(program, &mut out);
    out
}

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
