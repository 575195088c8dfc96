//! `mentor status`'s use case: check the program, then show every rule's status as of the date
//! checked, for one academic year, narrowed by a [`Filter`].
//!
//! Records with errors do not stop it: the table covers the valid records, and
//! [`StatusOutcome::record_errors`] says how many errors the caller should warn about.

use jiff::civil::Date;

use super::check::{CacheFile, CheckOptions, CheckOutcome, check};
use crate::load::LoadError;
use crate::model::AcademicYear;
use crate::read::ReadFiles;
use crate::rules::{Finding, Kind, Rule, Status, StatusView};

/// Which rows of the status table to keep. Every part left empty keeps every row.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only rows with one of these statuses.
    pub only: Vec<Status>,
    /// Only rows of this rule.
    pub rule: Option<Rule>,
    /// Only rows about this person (a mentee, mentor, member or facilitator), by id.
    pub person: Option<String>,
    /// Only rows about this peer mentoring group: the group's row and its members' rows.
    pub group: Option<String>,
}

impl Filter {
    /// Whether `row` passes every part of the filter.
    pub fn keeps(&self, row: &Finding) -> bool {
        (self.only.is_empty() || self.only.contains(&row.status))
            && self.rule.is_none_or(|rule| row.rule == rule)
            && self.person.as_ref().is_none_or(|p| row.people.contains(p))
            && self
                .group
                .as_ref()
                .is_none_or(|g| matches!(row.kind, Kind::Group | Kind::Member) && &row.subject == g)
    }
}

/// A checked program whose status `mentor status` shows ([`StatusOutcome::view`]).
#[derive(Debug)]
pub struct StatusOutcome {
    /// The check the status comes from: its [`rules::Evaluation`](crate::rules::Evaluation)
    /// holds every row.
    pub check: CheckOutcome,
    /// How many errors about the records themselves the check found
    /// ([`CheckOutcome::record_errors`]): the status covers only the valid records.
    pub record_errors: usize,
}

impl StatusOutcome {
    /// The status table for `year` (`None`: the year containing the as-of date, with every row
    /// still open from other years), worst first, keeping the rows `filter` keeps and counting
    /// them; the earlier years' missed rows are not filtered.
    pub fn view(&self, year: Option<AcademicYear>, filter: &Filter) -> StatusView {
        let mut view = self.check.evaluation.view(year);
        view.retain(|row| filter.keeps(row));
        view
    }
}

/// Checks the program's files as of `as_of` for `mentor status`: records with errors do not stop
/// it, they are counted. Files unchanged since the last check take their records from `cache`
/// (see [`CacheFile`]), which is written back when it changed; the rows are the same without it.
///
/// # Errors
/// [`LoadError`] only if a built-in schema or instrument is broken.
pub fn status(read: ReadFiles, as_of: Date, cache: CacheFile) -> Result<StatusOutcome, LoadError> {
    let options = CheckOptions {
        cache,
        ..CheckOptions::default()
    };
    let check = check(read, as_of, options)?;
    let record_errors = check.record_errors();
    Ok(StatusOutcome {
        check,
        record_errors,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::rules::fixture::{Fixture, d};

    /// Every row of a program with a pair (`a` mentored by `m`) and a peer group of `a` and `b`,
    /// as of 2026-03-01.
    fn rows() -> Vec<Finding> {
        let program = Fixture::new()
            .person("a", "2024-07-01", &["mentee"], json!({}))
            .person("b", "2024-07-01", &["mentee"], json!({}))
            .person("m", "2010-07-01", &["mentor"], json!({}))
            .agreement(
                "2025-a",
                "a",
                &["m"],
                ("2025-07-01", "2028-06-30"),
                json!({}),
            )
            .group(
                "2025-26-g",
                "2025-26",
                &["a", "b"],
                &[("2025-09-01", &["a"][..])],
            )
            .build();
        crate::rules::evaluate(&program, d("2026-03-01")).findings
    }

    fn kept(filter: &Filter) -> Vec<Finding> {
        rows().into_iter().filter(|r| filter.keeps(r)).collect()
    }

    #[test]
    fn an_empty_filter_keeps_every_row() {
        assert_eq!(kept(&Filter::default()).len(), rows().len());
    }

    #[test]
    fn keeps_only_the_statuses_rule_person_and_group_asked_for() {
        let all = rows();
        let status = all[0].status;
        let only = kept(&Filter {
            only: vec![status],
            ..Filter::default()
        });
        assert!(!only.is_empty() && only.iter().all(|r| r.status == status));

        let rule = kept(&Filter {
            rule: Some(Rule::PairMeetings),
            ..Filter::default()
        });
        assert!(!rule.is_empty() && rule.iter().all(|r| r.rule == Rule::PairMeetings));

        let person = kept(&Filter {
            person: Some("b".to_owned()),
            ..Filter::default()
        });
        assert!(!person.is_empty() && person.iter().all(|r| r.people.iter().any(|p| p == "b")));

        let group = kept(&Filter {
            group: Some("2025-26-g".to_owned()),
            ..Filter::default()
        });
        assert!(group.iter().any(|r| r.kind == Kind::Group));
        assert!(group.iter().any(|r| r.kind == Kind::Member));
        assert!(
            group
                .iter()
                .all(|r| matches!(r.kind, Kind::Group | Kind::Member) && r.subject == "2025-26-g"),
            "{group:?}"
        );
        assert!(group.len() < all.len(), "the pair's rows are left out");
    }
}
