//! M304 `group-attendance`: each member of a peer mentoring group attends at least
//! `rules.group_attendance_min` sessions (default 7) of the group's academic year.
//!
//! **What.** For each member, the sessions of the group's year (up to the as-of date) whose
//! `attended` lists them. `met` once they reach the minimum. `missed` when the year has closed
//! short, or earlier, as soon as the minimum is out of reach: the sessions still planned (the
//! year's `rules.group_sessions_per_year` minus the sessions held so far, never below 0) could
//! not bring them to it even if they attended every one. Otherwise the minimum is due on the
//! year's last day: `on-track`, or `due-soon` within `rules.due_soon_days` of it. Attendance is
//! never `overdue`: a member who can still reach the minimum is not late yet.
//!
//! **Why.** Seed 002 (`002_551aef7570d2eada.txt`): "Group members must agree to join the group
//! and commit to attending the group meetings. Each group will meet 9 times ... Group members
//! should anticipate that they will be able to attend at least 7 of the meetings".
//!
//! **Example.** A member who attended 5 of 9 sessions in 2024-25 is `missed`. In a year under
//! way, a member who attended 3 of the 6 sessions held so far, with 3 still planned, can reach
//! at most 6 of 7: `missed` already; one who attended 4 of 6 is `on-track` (needs all 3 left).
//!
//! **Source.** Seed 002.

use super::finding::{Subject, list_dates, plural};
use super::group_sessions::session_dates;
use super::{Context, Finding, Kind, Rule, Status, Unit};

pub(super) fn evaluate(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let min = cx.rules.group_attendance_min;
    if min == 0 {
        return;
    }
    // A proposed group (`mentor match groups --write`) does not meet yet.
    for g in cx.program.groups.iter().filter(|g| !g.is_proposed()) {
        let year = g.academic_year;
        let whole = cx.year_period(year);
        if whole.first > cx.as_of {
            continue;
        }
        let held = session_dates(g, whole, cx.as_of);
        let held_count = u32::try_from(held.len()).unwrap_or(u32::MAX);
        let remaining = cx.rules.group_sessions_per_year.saturating_sub(held_count);
        let due = whole.last;
        for (i, member) in g.members.iter().enumerate() {
            if cx.program.person(member).is_none() {
                // An unknown or unreadable member is already an error (M203).
                continue;
            }
            let mut attended: Vec<_> = g
                .sessions
                .iter()
                .filter(|s| held.contains(&s.date) && s.attended.contains(member))
                .map(|s| s.date)
                .collect();
            attended.sort();
            attended.dedup();
            let done = u32::try_from(attended.len()).unwrap_or(u32::MAX);
            let out_of_reach = done.saturating_add(remaining) < min;
            let status = if done >= min {
                Status::Met
            } else if cx.as_of > due || out_of_reach {
                Status::Missed
            } else {
                cx.open_status(due)
            };
            if !cx.keeps(status) {
                continue;
            }
            let tail = match status {
                Status::Met => "met".to_owned(),
                Status::Missed if cx.as_of > due => format!("the year ended {due}"),
                Status::Missed => format!(
                    "with {} still planned, at most {} can be reached",
                    plural(remaining, "session", "sessions"),
                    done.saturating_add(remaining)
                ),
                _ => format!(
                    "{} more needed of the {} still planned, by {due}",
                    min - done,
                    remaining
                ),
            };
            let attended_text = if attended.is_empty() {
                String::new()
            } else {
                format!(" ({})", list_dates(&attended))
            };
            let subject = Subject {
                kind: Kind::Member,
                id: g.id.clone(),
                label: format!("{}: {member}", g.id),
                name: format!("{} in {}", cx.name(member), g.name),
                people: vec![member.clone()],
            };
            out.push(
                subject
                    .finding(Rule::GroupAttendance, year, due, status)
                    .counts(min, done, Unit::Sessions)
                    .texts(
                        format!("{min} of {} sessions", cx.rules.group_sessions_per_year),
                        format!("{done} of {held_count} held"),
                    )
                    .message(format!(
                        "attended {done} of {} held in {year}{attended_text}; at least {min} required, {tail}",
                        plural(held_count, "session", "sessions")
                    ))
                    .dates(attended)
                    .at_value(&g.path, format!("/members/{i}"))
                    .help("seed 002: members attend at least 7 of the 9 meetings; record attendance under each session's `attended`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use crate::rules::fixture::{Fixture, d};
    use crate::rules::{Rule, Status};

    const DATES: [&str; 9] = [
        "2025-09-09",
        "2025-10-14",
        "2025-11-11",
        "2025-12-09",
        "2026-01-13",
        "2026-02-10",
        "2026-03-10",
        "2026-04-14",
        "2026-05-12",
    ];

    /// A group with `held` sessions so far, `attended` of them (the first ones) by `a`.
    fn attendance(held: usize, attended: usize, as_of: &str) -> (Status, u32) {
        let sessions: Vec<(&str, &[&str])> = DATES[..held]
            .iter()
            .enumerate()
            .map(|(i, date)| {
                (
                    *date,
                    if i < attended {
                        &["a", "b"][..]
                    } else {
                        &["b"][..]
                    },
                )
            })
            .collect();
        let found = Fixture::new()
            .group("2025-26-g", "2025-26", &["a", "b"], &sessions)
            .eval(Rule::GroupAttendance, as_of);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].due, d("2026-06-30"));
        (found[0].status, found[0].done)
    }

    #[test_case(9, 7, "2026-06-30", Status::Met; "seven of nine")]
    #[test_case(7, 7, "2026-03-15", Status::Met; "seven already in march")]
    #[test_case(6, 4, "2026-03-01", Status::OnTrack; "can still reach seven")]
    #[test_case(6, 3, "2026-03-01", Status::Missed; "out of reach mid-year")]
    #[test_case(8, 6, "2026-06-01", Status::DueSoon; "needs the last session")]
    #[test_case(9, 6, "2026-06-30", Status::Missed; "all held, one short")]
    #[test_case(8, 6, "2026-07-01", Status::Missed; "year closed one short")]
    fn judges_attendance(held: usize, attended: usize, as_of: &str, expected: Status) {
        assert_eq!(attendance(held, attended, as_of).0, expected);
    }

    #[test]
    fn a_proposed_group_has_no_attendance_rule() {
        let found = Fixture::new()
            .group("2025-26-g", "2025-26", &["a", "b"], &[])
            .proposed()
            .eval(Rule::GroupAttendance, "2026-06-30");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn says_why_a_member_missed_early() {
        let sessions: Vec<(&str, &[&str])> = DATES[..6]
            .iter()
            .enumerate()
            .map(|(i, date)| (*date, if i % 2 == 0 { &["a"][..] } else { &[][..] }))
            .collect();
        let found = Fixture::new()
            .group("2025-26-g", "2025-26", &["a"], &sessions)
            .eval(Rule::GroupAttendance, "2026-03-01");
        assert_eq!(
            found[0].message,
            "attended 3 of 6 sessions held in 2025-26 (2025-09-09, 2025-11-11, 2026-01-13); at least 7 required, with 3 sessions still planned, at most 6 can be reached"
        );
        assert_eq!(
            (found[0].path.as_str(), found[0].pointer.as_str()),
            ("groups/2025-26-g.md", "/members/0")
        );
    }
}
