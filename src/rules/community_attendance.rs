//! M305 `community-attendance`: every mentor with an active agreement attends at least
//! `rules.community_attendance_min` mentor community meetings (default 6) per academic year,
//! prorated like a pair's meetings.
//!
//! **What.** A mentor counts for an academic year when one of their agreements (as a mentor)
//! overlaps it, up to the year containing the as-of date. They owe
//! `ceil(minimum × days covered by their agreements in the year / days in the year)` meetings
//! (overlapping agreements count once), due on the last covered day. Attended meetings are the
//! year's `community/<year>.md` meetings up to the as-of date whose `attended` lists them, on
//! any date in the year. `met` once reached; before the due day `on-track` or `due-soon`; after
//! it `missed`. A missing community file counts as no meetings.
//!
//! **Why.** Seed 001 (`001_a337df8c20f8b502.txt`): "Establish a regularly scheduled meeting for
//! the mentors, say 1-hour every month, which will be the space to discuss their work, receive
//! training, share and give advice, and support each other".
//!
//! **Example.** A mentor paired all of 2025-26 who attended 4 of the meetings held by
//! 2026-03-01 is `on-track` (6 due by 2026-06-30); at 4 on 2026-07-01, `missed`.
//!
//! **Source.** Seed 001.

use std::collections::{BTreeMap, HashMap};

use super::finding::{list_dates, plural};
use super::period::{Period, prorate, union_days};
use super::{Context, Finding, Kind, Rule, Status, Unit};
use crate::layout::RecordKind;

/// One community file's meeting dates by who attended them (foldhash: some 250,000 lookups at
/// 5,000 faculty).
type ByMentor<'p> = HashMap<&'p str, Vec<jiff::civil::Date>, foldhash::fast::RandomState>;

pub(super) fn evaluate(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let min = cx.rules.community_attendance_min;
    if min == 0 {
        return;
    }
    let mut spans: BTreeMap<&str, Vec<Period>> = BTreeMap::new();
    for a in &cx.program.agreements {
        if let Some(span) = cx.agreement_span(a) {
            for mentor in a.mentors.iter().filter(|m| cx.program.person(m).is_some()) {
                spans.entry(mentor.as_str()).or_default().push(span);
            }
        }
    }
    // Who attended which meetings, per community file: one pass instead of a scan of every
    // attendance list per mentor and year.
    let attendance: Vec<ByMentor<'_>> = cx
        .program
        .communities
        .iter()
        .map(|c| {
            let mut by_mentor = ByMentor::default();
            for m in &c.meetings {
                for who in &m.attended {
                    by_mentor.entry(who.as_str()).or_default().push(m.date);
                }
            }
            by_mentor
        })
        .collect();
    for (mentor, spans) in spans {
        let Some(first) = spans.iter().map(|s| s.first).min() else {
            continue;
        };
        let last = spans.iter().map(|s| s.last).max().unwrap_or(first);
        for year in cx.years(Period { first, last }) {
            let whole = cx.year_period(year);
            let covered: Vec<Period> = spans.iter().filter_map(|s| s.intersect(whole)).collect();
            let Some(due) = covered.iter().map(|p| p.last).max() else {
                continue;
            };
            let covered_days = union_days(&covered);
            let required = prorate(min, covered_days, whole.days());
            let name = year.to_string();
            if required == 0 || cx.program.is_unreadable(RecordKind::Community, &name) {
                continue;
            }
            let found = cx
                .program
                .communities
                .iter()
                .position(|c| c.academic_year == year);
            let community = found.map(|i| &cx.program.communities[i]);
            let mut attended: Vec<_> = found
                .and_then(|i| attendance[i].get(mentor))
                .map(|dates| {
                    dates
                        .iter()
                        .copied()
                        .filter(|&date| date <= cx.as_of && whole.contains(date))
                        .collect()
                })
                .unwrap_or_default();
            attended.sort();
            attended.dedup();
            let done = u32::try_from(attended.len()).unwrap_or(u32::MAX);
            let status = if done >= required {
                Status::Met
            } else if cx.as_of > due {
                Status::Missed
            } else {
                cx.open_status(due)
            };
            if !cx.keeps(status) {
                continue;
            }
            let prorated = if covered_days < whole.days() {
                format!(
                    " (prorated: paired {covered_days} of {} days)",
                    whole.days()
                )
            } else {
                String::new()
            };
            let short = if covered_days < whole.days() {
                format!(" ({covered_days} of {} days)", whole.days())
            } else {
                String::new()
            };
            let tail = match status {
                Status::Met => "met".to_owned(),
                Status::Missed => format!("the period ended {due}"),
                _ => format!("next due by {due}"),
            };
            let attended_text = if attended.is_empty() {
                "0 attended".to_owned()
            } else {
                format!("{done} attended ({})", list_dates(&attended))
            };
            let subject = match cx.program.person(mentor) {
                Some(p) => cx.person(Kind::Mentor, p),
                None => super::finding::Subject {
                    kind: Kind::Mentor,
                    id: mentor.to_owned(),
                    label: mentor.to_owned(),
                    name: mentor.to_owned(),
                    people: vec![mentor.to_owned()],
                },
            };
            let finding = subject
                .finding(Rule::CommunityAttendance, year, due, status)
                .counts(required, done, Unit::CommunityMeetings)
                .texts(
                    format!("{}{short}", plural(required, "meeting", "meetings")),
                    super::finding::count_with_last(done, attended.last()),
                )
                .message(format!(
                    "{} of the mentor community required in {year}{prorated}, {attended_text}; {tail}",
                    plural(required, "meeting", "meetings")
                ))
                .dates(attended)
                .help("seed 001: mentors meet monthly as a community; record attendance under each meeting's `attended`");
            out.push(match (community, cx.program.person(mentor)) {
                (Some(c), _) => finding.at_key(&c.path, "/meetings"),
                (None, Some(p)) => finding.at_value(&p.path, "/roles"),
                (None, None) => finding,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use test_case::test_case;

    use crate::rules::fixture::{Fixture, d};
    use crate::rules::{Rule, Status};

    const MONTHLY: [&str; 10] = [
        "2025-08-06",
        "2025-09-03",
        "2025-10-01",
        "2025-11-05",
        "2025-12-03",
        "2026-01-07",
        "2026-02-04",
        "2026-03-04",
        "2026-04-01",
        "2026-05-06",
    ];

    fn mentor(start: &str, attended: usize, as_of: &str) -> Vec<crate::rules::Finding> {
        let meetings: Vec<(&str, &[&str])> = MONTHLY
            .iter()
            .enumerate()
            .map(|(i, date)| (*date, if i < attended { &["b"][..] } else { &[][..] }))
            .collect();
        Fixture::new()
            .person("b", "2000-07-01", &["mentor"], json!({}))
            .agreement("2025-a", "a", &["b"], (start, "2027-06-30"), json!({}))
            .community("2025-26", &meetings)
            .eval(Rule::CommunityAttendance, as_of)
    }

    #[test_case("2025-07-01", 6, "2026-03-01", 6, Status::Met; "six by march")]
    #[test_case("2025-07-01", 4, "2026-03-01", 6, Status::OnTrack; "four by march")]
    #[test_case("2025-07-01", 4, "2026-06-15", 6, Status::DueSoon; "four in june")]
    #[test_case("2025-07-01", 4, "2026-07-01", 6, Status::Missed; "four at year end")]
    #[test_case("2026-01-01", 3, "2026-07-01", 3, Status::Met; "half a year owes three")]
    fn judges_attendance(
        start: &str,
        attended: usize,
        as_of: &str,
        required: u32,
        expected: Status,
    ) {
        let found = mentor(start, attended, as_of);
        let row = found
            .iter()
            .find(|f| f.year.to_string() == "2025-26")
            .expect("2025-26 row");
        assert_eq!((row.required, row.status), (required, expected));
        assert_eq!(row.due, d("2026-06-30"));
    }

    #[test]
    fn counts_overlapping_agreements_once() {
        let found = Fixture::new()
            .agreement(
                "2025-a",
                "a",
                &["b"],
                ("2025-07-01", "2025-12-31"),
                json!({}),
            )
            .agreement(
                "2025-c",
                "c",
                &["b"],
                ("2025-10-01", "2026-03-31"),
                json!({}),
            )
            .community("2025-26", &[("2025-08-06", &["b"])])
            .eval(Rule::CommunityAttendance, "2026-07-01");
        assert_eq!(found.len(), 1);
        // 2025-07-01 to 2026-03-31 is 274 of 365 days: ceil(6 × 274 / 365) = 5.
        assert_eq!((found[0].required, found[0].done), (5, 1));
        assert_eq!(found[0].due, d("2026-03-31"));
        assert_eq!(found[0].status, Status::Missed);
        assert_eq!(found[0].label, "b");
    }

    #[test]
    fn a_missing_community_file_counts_as_none_and_points_at_the_person() {
        let found = Fixture::new()
            .person("b", "2000-07-01", &["mentor"], json!({}))
            .agreement(
                "2025-a",
                "a",
                &["b"],
                ("2025-07-01", "2027-06-30"),
                json!({}),
            )
            .eval(Rule::CommunityAttendance, "2026-07-01");
        assert_eq!((found[0].done, found[0].status), (0, Status::Missed));
        assert_eq!(
            (found[0].path.as_str(), found[0].pointer.as_str()),
            ("people/b.md", "/roles")
        );
    }
}
