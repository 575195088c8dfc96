//! `mentor report`'s use case: check the program, decide whether reports may be made from it
//! ([`decide`]), then render every report from the findings the check computed
//! ([`Ready::render`]; the rules are not evaluated a second time).
//!
//! Pure after the check: returns the rendered files; the caller writes them.

use jiff::civil::Date;

use super::check::{CacheFile, CheckOutcome, check_unlocated};
use crate::diag::{Diagnostic, Severity};
use crate::load::{LoadError, Sources};
use crate::locate;
use crate::model::{AcademicYear, Quarter};
use crate::read::ReadFiles;
use crate::read::git::Provenance;
use crate::report::{self, Format, Rendered, Request, TemplateError, Templates, footer};

/// Whether reports may be made from a checked program.
#[derive(Debug)]
pub enum Report {
    /// No report may be made: the records have errors and errors were not allowed. A report
    /// handed to the division chief must not quietly leave a mentee out.
    Stopped {
        /// The error diagnostics, located and sorted, to show.
        errors: Vec<Diagnostic>,
        /// The whole check (its summary and sources render `errors`).
        check: CheckOutcome,
    },
    /// Reports may be made (the records have no errors, or errors were allowed).
    Ready(Ready),
}

/// A checked program that reports may be made from.
#[derive(Debug)]
pub struct Ready {
    /// The check: the model, its findings, and the diagnostics the footer counts. From
    /// [`report`], the diagnostics are not located (no line and column, in the order found)
    /// and `sources` is empty: reports count diagnostics and show none.
    pub check: CheckOutcome,
}

/// What to render: the period, the format and where the records came from.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// The academic year of the career-planning summaries; `None`: the year containing the
    /// as-of date.
    pub year: Option<AcademicYear>,
    /// The quarter of the director's report; `None`: the quarter containing the as-of date.
    pub quarter: Option<Quarter>,
    /// HTML or Markdown.
    pub format: Format,
    /// The commit the records are at, for the footer; `None` outside git.
    pub provenance: Option<Provenance>,
}

/// Checks the program's files as of `as_of` and [`decide`]s whether reports may be made.
///
/// Files unchanged since `mentor check` (or a report) last saw them take their parsed and
/// validated records from `cache` (see [`CacheFile`]), which is written back when it changed;
/// the cross-record checks and rules run over the whole program, so the reports are the same
/// with or without it.
///
/// The diagnostics are located (a second, span-keeping parse of every file with a finding) only
/// when they stop the reports and are shown; reports only count them, so on the way to a report
/// they stay unlocated and the file texts are let go before rendering.
///
/// # Errors
/// [`LoadError`] only if a built-in schema or instrument is broken.
pub fn report(
    read: ReadFiles,
    as_of: Date,
    allow_errors: bool,
    mut cache: CacheFile,
) -> Result<Report, LoadError> {
    let opened = cache.open(&read);
    let (mut check, opened) = check_unlocated(read, as_of, opened)?;
    cache.keep(opened);
    if stops(&check, allow_errors) {
        locate::locate(&mut check.diagnostics, &check.sources);
    } else {
        check.sources = Sources::default();
    }
    Ok(decide(check, allow_errors))
}

/// Whether `check` stops the reports (see [`decide`]).
fn stops(check: &CheckOutcome, allow_errors: bool) -> bool {
    check.summary.errors > 0 && !allow_errors
}

/// The stop policy: any error diagnostic (a record that could not be read, a broken reference,
/// a rule configured as an error) stops the reports unless `allow_errors`; warnings never do.
pub fn decide(check: CheckOutcome, allow_errors: bool) -> Report {
    if !stops(&check, allow_errors) {
        return Report::Ready(Ready { check });
    }
    let errors = check
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    Report::Stopped { errors, check }
}

impl Ready {
    /// How many error diagnostics the check found (not 0 only when errors were allowed: the
    /// reports then leave out the records that could not be read).
    pub fn errors(&self) -> usize {
        self.check.summary.errors
    }

    /// Renders every report ([`report::render_all`]) as of the date checked, for the year and
    /// quarter in `options` or the ones containing that date, with the footer saying how many
    /// records, from which commit, and how many files have errors.
    ///
    /// # Errors
    /// [`TemplateError`] if a template fails; nothing is returned then, so nothing is written.
    pub fn render(
        &self,
        options: &ReportOptions,
        templates: &Templates,
    ) -> Result<Vec<Rendered>, TemplateError> {
        let check = &self.check;
        let program = &check.program;
        let as_of = check.evaluation.as_of;
        let year = options
            .year
            .unwrap_or_else(|| AcademicYear::containing(as_of, program.year_start()));
        let quarter = options
            .quarter
            .unwrap_or_else(|| Quarter::containing(as_of, program));
        let request = Request {
            as_of,
            year,
            quarter,
            format: options.format,
            record_set: footer::record_set(
                check.summary.records,
                files_with_errors(&check.diagnostics),
                options.provenance.as_ref(),
            ),
        };
        // The rows `check` already evaluated: the reports do not run the rules again.
        let findings = check.evaluation.view(Some(year)).rows;
        report::render_all(program, &request, &findings, templates)
    }
}

/// How many files have an error diagnostic (a record that could not be read is left out of the
/// program; one with a cross-record error stays in).
fn files_with_errors(diagnostics: &[Diagnostic]) -> usize {
    let mut paths: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.path.as_str())
        .collect();
    paths.sort_unstable();
    paths.dedup();
    paths.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    fn error(path: &str) -> Diagnostic {
        Diagnostic::new(Code::UnknownReference, path, "x").with_severity(Severity::Error)
    }

    fn warning(path: &str) -> Diagnostic {
        Diagnostic::new(Code::UnknownLocation, path, "x").with_severity(Severity::Warning)
    }

    #[test]
    fn an_error_stops_the_reports_and_is_shown_without_the_warnings() {
        let found = vec![error("people/a.md"), warning("notes.md")];
        let Report::Stopped { errors, check } = decide(CheckOutcome::found(found), false) else {
            panic!("an error must stop the reports");
        };
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "people/a.md");
        assert_eq!(check.diagnostics.len(), 2, "the whole check comes back");
    }

    #[test]
    fn allowed_errors_and_warnings_do_not_stop_the_reports() {
        let allowed = decide(CheckOutcome::found(vec![error("people/a.md")]), true);
        assert!(matches!(&allowed, Report::Ready(ready) if ready.errors() == 1));
        let warned = decide(CheckOutcome::found(vec![warning("notes.md")]), false);
        assert!(matches!(&warned, Report::Ready(ready) if ready.errors() == 0));
    }

    /// Three people, and no `program.md` (an error): one with a rank the schema refuses (an
    /// error at its value on line 4), one without `name`, one valid.
    fn read_with_errors() -> ReadFiles {
        let person = |id: &str, rank: &str| {
            format!(
                "---\nid: {id}\nname: Dr. {id}\nrank: {rank}\ntrack: investigator\n\
                 start_date: 2020-07-01\nroles: [mentor]\n---\n"
            )
        };
        let files = [
            ("people/a.md".to_owned(), person("a", "grand-wizard")),
            ("people/b.md".to_owned(), person("b", "professor")),
            (
                "people/c.md".to_owned(),
                "---\nid: c\nrank: professor\n---\n".to_owned(),
            ),
        ];
        ReadFiles {
            files: files
                .iter()
                .map(|(path, text)| crate::source::SourceFile::new(path, text))
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn stopping_errors_are_located_as_check_locates_them() {
        let as_of = jiff::civil::date(2026, 3, 1);
        let checked = crate::app::check::run_check(read_with_errors(), as_of).expect("checked");
        let expected: Vec<Diagnostic> = checked
            .diagnostics
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(expected.len() >= 2, "{expected:?}");
        assert!(
            expected
                .iter()
                .any(|d| d.position.is_some_and(|p| p.line > 1)),
            "{expected:?}"
        );
        let Report::Stopped { errors, .. } =
            report(read_with_errors(), as_of, false, CacheFile::default()).expect("checked")
        else {
            panic!("errors stop the reports");
        };
        assert_eq!(errors, expected);
    }

    #[test]
    fn reports_count_the_errors_check_finds_and_keep_no_file_texts() {
        let as_of = jiff::civil::date(2026, 3, 1);
        let checked = crate::app::check::run_check(read_with_errors(), as_of).expect("checked");
        let Report::Ready(ready) =
            report(read_with_errors(), as_of, true, CacheFile::default()).expect("checked")
        else {
            panic!("allowed errors do not stop the reports");
        };
        assert_eq!(ready.check.summary, checked.summary);
        assert_eq!(
            files_with_errors(&ready.check.diagnostics),
            files_with_errors(&checked.diagnostics)
        );
        assert!(checked.sources.get("people/a.md").is_some());
        assert!(ready.check.sources.get("people/a.md").is_none());
    }

    #[test]
    fn counts_each_file_with_errors_once_for_the_footer() {
        let found = vec![
            error("people/a.md"),
            error("people/a.md"),
            error("agreements/b.md"),
            warning("notes.md"),
        ];
        assert_eq!(files_with_errors(&found), 2);
    }
}
