//! Meeting history is append-only: a past meeting date that was recorded before a change must
//! still be there after it, unless a `corrections:` entry explains why it was taken out.
//!
//! Pure: compares the meeting logs of the previous commit (`before`) with the program being
//! checked. Reading the previous commit is the caller's job (see [`crate::read::git`]); this
//! module never touches git, files or the clock.
//!
//! - Logs are matched by agreement id, not path, so a log moved to another file is compared with
//!   its old self. A log whose agreement id changed is matched to the new log (of an agreement
//!   that did not exist before) sharing the most meeting dates with it.
//! - A protected date (on or before the as-of date) missing from the new log is an error unless a
//!   correction in the new log has `removed: <that date>`. A changed date is a removed date (and
//!   an added one), so it needs the same correction.
//! - Corrections are the log's own history: one that was there before must stay.
//! - A deleted log that held protected dates is an error, unless its agreement is deleted too
//!   (the pairing was entered in error). To take single dates out, use corrections.

use std::collections::{BTreeSet, HashMap};

use jiff::civil::Date;

use crate::diag::{Code, Diagnostic};
use crate::layout::RecordKind;
use crate::model::{Correction, MeetingLog, Program};

/// Compares each meeting log in `before` with its counterpart in `after` and reports past meeting
/// dates (up to `as_of`) and corrections that disappeared without an explanation.
pub fn check(before: &[&MeetingLog], after: &Program, as_of: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (old, new) in pair(before, &after.meeting_logs) {
        match new {
            Some(new) => compare(old, new, as_of, &mut out),
            None => deleted(old, after, as_of, &mut out),
        }
    }
    out
}

/// Pairs each old log with the new log of the same agreement, then leftover old logs with
/// leftover new logs of agreements that are new, by the number of meeting dates they share.
fn pair<'a>(
    before: &[&'a MeetingLog],
    after: &'a [MeetingLog],
) -> Vec<(&'a MeetingLog, Option<&'a MeetingLog>)> {
    let mut by_agreement: HashMap<&str, usize> = HashMap::with_capacity(after.len());
    for (i, log) in after.iter().enumerate() {
        by_agreement.entry(log.agreement.as_str()).or_insert(i);
    }
    let old_ids: BTreeSet<&str> = before.iter().map(|l| l.agreement.as_str()).collect();
    let mut used = vec![false; after.len()];
    let mut matched: Vec<Option<usize>> = before
        .iter()
        .map(|old| {
            let found = by_agreement.get(old.agreement.as_str()).copied();
            if let Some(i) = found {
                used[i] = true;
            }
            found
        })
        .collect();
    for (k, old) in before.iter().enumerate() {
        if matched[k].is_some() {
            continue;
        }
        let dates = dates(old);
        let best = after
            .iter()
            .enumerate()
            .filter(|&(i, new)| !used[i] && !old_ids.contains(new.agreement.as_str()))
            .map(|(i, new)| {
                let shared = new
                    .meetings
                    .iter()
                    .filter(|m| dates.contains(&m.date))
                    .count();
                (shared, std::cmp::Reverse(i))
            })
            .filter(|&(shared, _)| shared > 0)
            .max();
        if let Some((_, std::cmp::Reverse(i))) = best {
            used[i] = true;
            matched[k] = Some(i);
        }
    }
    before
        .iter()
        .zip(matched)
        .map(|(&old, i)| (old, i.map(|i| &after[i])))
        .collect()
}

fn dates(log: &MeetingLog) -> BTreeSet<Date> {
    log.meetings.iter().map(|m| m.date).collect()
}

fn compare(old: &MeetingLog, new: &MeetingLog, as_of: Date, out: &mut Vec<Diagnostic>) {
    let old_dates = dates(old);
    let new_dates = dates(new);
    let explained: BTreeSet<Date> = new.corrections.iter().filter_map(|c| c.removed).collect();
    let mut reported = BTreeSet::new();
    for (i, meeting) in old.meetings.iter().enumerate() {
        let date = meeting.date;
        if date > as_of
            || new_dates.contains(&date)
            || explained.contains(&date)
            || !reported.insert(date)
        {
            continue;
        }
        // The entry at the same position now holds a date that was not there before: a change.
        let changed_to = new
            .meetings
            .get(i)
            .map(|m| m.date)
            .filter(|d| !old_dates.contains(d));
        let diagnostic = match changed_to {
            Some(to) => Diagnostic::new(
                Code::RemovedMeeting,
                &new.path,
                format!(
                    "meeting date `{date}` was changed to `{to}`; recorded meeting dates are kept as they are"
                ),
            )
            .at_value(format!("/meetings/{i}/date"))
            .with_help(format!(
                "put `{date}` back, or explain the change under `corrections:` with `- {{date: {as_of}, removed: {date}, added: {to}, reason: ...}}`"
            )),
            None => Diagnostic::new(
                Code::RemovedMeeting,
                &new.path,
                format!(
                    "meeting on `{date}` was in the log before this change and is missing now"
                ),
            )
            .at_key("/meetings")
            .with_help(format!(
                "put the date back, or explain its removal under `corrections:` with `- {{date: {as_of}, removed: {date}, reason: ...}}`"
            )),
        };
        out.push(diagnostic);
    }
    for correction in &old.corrections {
        if !new
            .corrections
            .iter()
            .any(|c| same_correction(c, correction))
        {
            out.push(
                Diagnostic::new(
                    Code::RemovedMeeting,
                    &new.path,
                    format!(
                        "the correction dated `{}` ({}) was in the log before this change and is missing now",
                        correction.date,
                        describe(correction)
                    ),
                )
                .at_key("/corrections")
                .with_help("corrections are the log's history: put it back"),
            );
        }
    }
}

/// The same correction, its reason's wording aside (a typo fix in a reason is fine).
fn same_correction(a: &Correction, b: &Correction) -> bool {
    a.date == b.date && a.removed == b.removed && a.added == b.added
}

fn describe(c: &Correction) -> String {
    match (c.removed, c.added) {
        (Some(r), Some(a)) => format!("`{r}` changed to `{a}`"),
        (Some(r), None) => format!("removed `{r}`"),
        (None, Some(a)) => format!("added `{a}`"),
        (None, None) => "no dates".to_owned(),
    }
}

fn deleted(old: &MeetingLog, after: &Program, as_of: Date, out: &mut Vec<Diagnostic>) {
    let past: BTreeSet<Date> = old
        .meetings
        .iter()
        .map(|m| m.date)
        .filter(|d| *d <= as_of)
        .collect();
    let Some(last) = past.last() else {
        return;
    };
    let id = old.agreement.as_str();
    let agreement_kept =
        after.agreement(id).is_some() || after.is_unreadable(RecordKind::Agreement, id);
    // A log that is still there but does not parse is reported by its own diagnostics.
    let log_unreadable = after.is_unreadable(RecordKind::MeetingLog, id)
        || after.is_unreadable(RecordKind::MeetingLog, crate::layout::stem(&old.path));
    if !agreement_kept || log_unreadable {
        return;
    }
    out.push(
        Diagnostic::new(
            Code::RemovedMeeting,
            &old.path,
            format!(
                "the meeting log of agreement `{id}` was deleted, but it recorded {} past meeting{} (the last on `{last}`)",
                past.len(),
                if past.len() == 1 { "" } else { "s" }
            ),
        )
        .with_help(format!(
            "restore `{}` (`git restore --staged --worktree {0}`); take single dates out with `corrections:`; a log goes only together with its agreement",
            old.path
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Meeting;

    fn date(text: &str) -> Date {
        text.parse().expect("date")
    }

    fn log(path: &str, agreement: &str, dates: &[&str]) -> MeetingLog {
        MeetingLog {
            agreement: agreement.to_owned(),
            meetings: dates
                .iter()
                .map(|d| Meeting {
                    date: date(d),
                    minutes: None,
                    modality: None,
                })
                .collect(),
            corrections: Vec::new(),
            path: path.to_owned(),
        }
    }

    fn correction(removed: Option<&str>, added: Option<&str>) -> Correction {
        Correction {
            date: date("2025-03-01"),
            removed: removed.map(date),
            added: added.map(date),
            reason: "Entered twice by mistake.".to_owned(),
        }
    }

    fn program(logs: Vec<MeetingLog>) -> Program {
        let mut program = Program::default();
        program.meeting_logs = logs;
        program.index();
        program
    }

    fn run(before: &[MeetingLog], after: Vec<MeetingLog>) -> Vec<Diagnostic> {
        let before: Vec<&MeetingLog> = before.iter().collect();
        check(&before, &program(after), date("2025-06-01"))
    }

    fn messages(found: &[Diagnostic]) -> Vec<String> {
        found
            .iter()
            .map(|d| format!("{}: {}", d.path, d.message))
            .collect()
    }

    const A: &str = "meetings/2024-a.md";

    #[test]
    fn accepts_appended_dates() {
        let before = [log(A, "2024-a", &["2024-10-01"])];
        assert!(
            run(
                &before,
                vec![log(A, "2024-a", &["2024-10-01", "2025-01-10"])]
            )
            .is_empty()
        );
    }

    #[test]
    fn errors_if_a_past_date_is_removed() {
        let before = [log(A, "2024-a", &["2024-10-01", "2025-01-10"])];
        let found = run(&before, vec![log(A, "2024-a", &["2024-10-01"])]);
        assert_eq!(
            messages(&found),
            [
                "meetings/2024-a.md: meeting on `2025-01-10` was in the log before this change and is missing now"
            ]
        );
        assert_eq!(found[0].code, Code::RemovedMeeting);
        assert_eq!(found[0].pointer.as_deref(), Some("/meetings"));
    }

    #[test]
    fn accepts_a_removal_explained_by_a_correction() {
        let before = [log(A, "2024-a", &["2024-10-01", "2025-01-10"])];
        let mut new = log(A, "2024-a", &["2024-10-01"]);
        new.corrections.push(correction(Some("2025-01-10"), None));
        assert!(run(&before, vec![new]).is_empty());
    }

    #[test]
    fn errors_if_a_date_is_changed_and_points_at_it() {
        let before = [log(A, "2024-a", &["2024-10-01", "2025-01-10"])];
        let found = run(
            &before,
            vec![log(A, "2024-a", &["2024-10-01", "2025-01-11"])],
        );
        assert_eq!(
            messages(&found),
            [
                "meetings/2024-a.md: meeting date `2025-01-10` was changed to `2025-01-11`; recorded meeting dates are kept as they are"
            ]
        );
        assert_eq!(found[0].pointer.as_deref(), Some("/meetings/1/date"));
        assert!(
            found[0]
                .help
                .as_deref()
                .is_some_and(|h| h.contains("removed: 2025-01-10, added: 2025-01-11"))
        );
    }

    #[test]
    fn accepts_a_change_explained_by_a_correction() {
        let before = [log(A, "2024-a", &["2024-10-01", "2025-01-10"])];
        let mut new = log(A, "2024-a", &["2024-10-01", "2025-01-11"]);
        new.corrections
            .push(correction(Some("2025-01-10"), Some("2025-01-11")));
        assert!(run(&before, vec![new]).is_empty());
    }

    #[test]
    fn ignores_dates_after_the_as_of_date() {
        let before = [log(A, "2024-a", &["2024-10-01", "2025-09-01"])];
        assert!(run(&before, vec![log(A, "2024-a", &["2024-10-01"])]).is_empty());
    }

    #[test]
    fn accepts_reordering_and_other_fields_changing() {
        let before = [log(A, "2024-a", &["2024-10-01", "2025-01-10"])];
        let mut new = log(A, "2024-a", &["2025-01-10", "2024-10-01"]);
        new.meetings[0].minutes = Some(45);
        assert!(run(&before, vec![new]).is_empty());
    }

    #[test]
    fn errors_if_a_correction_is_removed() {
        let mut old = log(A, "2024-a", &["2024-10-01"]);
        old.corrections.push(correction(Some("2024-10-02"), None));
        let found = run(&[old], vec![log(A, "2024-a", &["2024-10-01"])]);
        assert_eq!(
            messages(&found),
            [
                "meetings/2024-a.md: the correction dated `2025-03-01` (removed `2024-10-02`) was in the log before this change and is missing now"
            ]
        );
    }

    #[test]
    fn compares_a_moved_log_by_agreement_id() {
        let before = [log("meetings/typo.md", "2024-a", &["2024-10-01"])];
        assert!(run(&before, vec![log(A, "2024-a", &["2024-10-01"])]).is_empty());
        let found = run(&before, vec![log(A, "2024-a", &[])]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, A, "reported at the new path");
    }

    #[test]
    fn follows_a_renamed_agreement_by_shared_dates() {
        let before = [log(A, "2024-a", &["2024-10-01", "2025-01-10"])];
        let after = vec![
            log("meetings/2024-b.md", "2024-b", &["2024-11-01"]),
            log("meetings/2024-a-x.md", "2024-a-x", &["2024-10-01"]),
        ];
        let found = run(&before, after);
        assert_eq!(messages(&found).len(), 1);
        assert_eq!(found[0].path, "meetings/2024-a-x.md");
    }

    #[test]
    fn errors_if_a_log_is_deleted_while_its_agreement_stays() {
        let before = [log(A, "2024-a", &["2024-10-01", "2025-01-10"])];
        let mut after = program(Vec::new());
        after
            .unreadable
            .entry(RecordKind::Agreement)
            .or_default()
            .insert("2024-a".to_owned());
        let found = check(&before.each_ref(), &after, date("2025-06-01"));
        assert_eq!(
            messages(&found),
            [
                "meetings/2024-a.md: the meeting log of agreement `2024-a` was deleted, but it recorded 2 past meetings (the last on `2025-01-10`)"
            ]
        );
    }

    #[test]
    fn accepts_a_log_deleted_with_its_agreement() {
        let before = [log(A, "2024-a", &["2024-10-01"])];
        assert!(run(&before, Vec::new()).is_empty());
    }

    #[test]
    fn accepts_deleting_a_log_without_past_meetings() {
        let before = [log(A, "2024-a", &[])];
        let mut after = program(Vec::new());
        after
            .unreadable
            .entry(RecordKind::Agreement)
            .or_default()
            .insert("2024-a".to_owned());
        assert!(check(&before.each_ref(), &after, date("2025-06-01")).is_empty());
    }

    #[test]
    fn leaves_an_unreadable_log_to_its_own_diagnostics() {
        let before = [log(A, "2024-a", &["2024-10-01"])];
        let mut after = program(Vec::new());
        for (kind, id) in [
            (RecordKind::Agreement, "2024-a"),
            (RecordKind::MeetingLog, "2024-a"),
        ] {
            after
                .unreadable
                .entry(kind)
                .or_default()
                .insert(id.to_owned());
        }
        assert!(check(&before.each_ref(), &after, date("2025-06-01")).is_empty());
    }
}
