//! The program director's quarterly report to the division chief (seed 004: "Program director
//! will provide quarterly written reports to division chief").

use std::collections::{BTreeMap, HashSet};

use jiff::civil::Date;
use serde::Serialize;

use super::standing;
use super::status::status_lines;
use super::view::{self, Meta, StatusLine};
use crate::model::{AgreementStatus, Phase, Program, Quarter, Role};
use crate::rules::Finding;
use crate::rules::Status;
use crate::rules::standing::is_on_track;

/// Aggregates over fewer people than this are suppressed, so no one's self-assessment can be
/// read off the chief's report.
pub(super) const MIN_GROUP_FOR_AGGREGATES: usize = 5;

/// One line of a list in the report.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// Main text.
    pub text: String,
    /// A date, ISO 8601.
    pub date: String,
}

/// A bar of the compliance chart.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    /// Status name (`on-track`), which also picks the bar's colour.
    pub label: String,
    /// The status in words (`on track`), shown beside the bar.
    pub title: String,
    /// How many pairs.
    pub count: usize,
    /// Bar width in SVG units (0-400).
    pub width: u32,
    /// y position in SVG units.
    pub y: u32,
}

/// Attendance of one group or the mentor community in the quarter.
#[derive(Debug, Clone, Serialize)]
pub struct Attendance {
    /// Group or community name.
    pub name: String,
    /// Sessions held in the quarter.
    pub sessions: usize,
    /// Mean share of members present, as a whole percentage.
    pub rate: String,
}

/// Mean change of one domain across people, or a suppression note.
#[derive(Debug, Clone, Serialize)]
pub struct AggregateChange {
    /// Instrument title.
    pub instrument: String,
    /// Domain name.
    pub domain: String,
    /// People with a baseline and a later assessment.
    pub people: usize,
    /// Mean change, signed, one decimal; `fewer than 5` when suppressed.
    pub change: String,
}

/// Everything the quarterly template gets.
#[derive(Debug, Clone, Serialize)]
pub struct QuarterlyReport {
    /// Header and footer facts.
    pub meta: Meta,
    /// `2025-26-Q3`.
    pub quarter: String,
    /// ISO dates bounding the quarter.
    pub first_day: String,
    /// Last day of the quarter.
    pub last_day: String,
    /// Agreements in force at some point in the quarter.
    pub pairs_active: usize,
    /// Peer mentoring groups meeting in the academic year.
    pub groups_active: usize,
    /// Pairs whose overall standing (the worst of all their rules, [`crate::rules::standing`])
    /// is neither `overdue` nor `missed`.
    pub pairs_on_track: usize,
    /// Pairs with at least one rule row.
    pub pairs_rated: usize,
    /// Whole percentage of pairs on track, or `n/a`.
    pub compliance: String,
    /// Compliance chart bars by status.
    pub chart: Vec<Bar>,
    /// Overdue or missed rows.
    pub behind: Vec<StatusLine>,
    /// Mentees with no agreement yet.
    pub unpaired: Vec<Line>,
    /// Mentor changes in the quarter.
    pub mentor_changes: Vec<Line>,
    /// Agreements started in the quarter.
    pub started: Vec<Line>,
    /// Agreements concluded in the quarter.
    pub concluded: Vec<Line>,
    /// Baseline self-assessments on file for agreements started by the as-of date.
    pub baselines_done: usize,
    /// Agreements started by the as-of date.
    pub baselines_due: usize,
    /// Self-assessments taken in the quarter.
    pub assessments_in_quarter: usize,
    /// Group and mentor community attendance.
    pub attendance: Vec<Attendance>,
    /// Aggregate change from baseline, suppressed under five people.
    pub changes: Vec<AggregateChange>,
}

fn names(program: &Program, ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            program
                .person(id)
                .map_or_else(|| id.clone(), |p| p.name.clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn percent(part: usize, whole: usize) -> String {
    (part * 100 + whole / 2)
        .checked_div(whole)
        .map_or_else(|| "n/a".to_owned(), |p| format!("{p}%"))
}

/// Builds the quarterly report for `quarter`, counting only what happened by `as_of`. `rows`
/// are the status view's findings, as `check` computed them (for the rows behind schedule), and
/// `standings` the [`standing::standings`] of those rows (for the pairs' standings).
pub(super) fn build(
    program: &Program,
    quarter: Quarter,
    as_of: Date,
    meta: Meta,
    rows: &[Finding],
    standings: &[standing::SubjectStanding],
) -> QuarterlyReport {
    let (first, last) = (quarter.first_day(program), quarter.last_day(program));
    let until = last.min(as_of);
    let in_q = |d: Date| d >= first && d <= until;
    let pairs_active = program
        .agreements
        .iter()
        .filter(|a| a.start <= until && a.effective_end() >= first)
        .count();
    let groups_active = program
        .groups
        .iter()
        .filter(|g| g.academic_year == quarter.year)
        .count();
    // A pair's standing is the worst of all its rules (rules::standing), the same definition
    // the career summaries and the index show.
    let pairs: Vec<Status> = standings
        .iter()
        .filter(|s| s.kind == standing::SubjectKind::Pair)
        .map(|s| s.standing.status)
        .collect();
    let on_track = pairs.iter().filter(|s| is_on_track(**s)).count();
    const ORDER: [Status; 5] = [
        Status::Met,
        Status::OnTrack,
        Status::DueSoon,
        Status::Overdue,
        Status::Missed,
    ];
    let by_status: Vec<(Status, usize)> = ORDER
        .iter()
        .map(|s| (*s, pairs.iter().filter(|p| *p == s).count()))
        .collect();
    let max = by_status.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let chart = by_status
        .iter()
        .enumerate()
        .map(|(i, (s, count))| Bar {
            label: s.as_str().to_owned(),
            title: s.label().to_owned(),
            count: *count,
            width: u32::try_from(count * 400 / max).unwrap_or(0),
            y: u32::try_from(i * 28).unwrap_or(0),
        })
        .collect();
    let behind: Vec<Finding> = rows
        .iter()
        .filter(|f| matches!(f.status, Status::Overdue | Status::Missed))
        .cloned()
        .collect();
    let behind = status_lines(&behind);
    let paired: HashSet<&str> = program
        .agreements
        .iter()
        .filter(|a| a.start <= as_of)
        .map(|a| a.mentee.as_str())
        .collect();
    let mut unpaired: Vec<Line> = program
        .people
        .iter()
        .filter(|p| p.has_role(Role::Mentee) && p.start_date <= as_of)
        .filter(|p| !paired.contains(p.id.as_str()))
        .map(|p| Line {
            text: p.name.clone(),
            date: p.start_date.to_string(),
        })
        .collect();
    unpaired.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.text.cmp(&b.text)));
    let mut mentor_changes = Vec::new();
    let mut started = Vec::new();
    let mut concluded = Vec::new();
    for a in &program.agreements {
        let mentee = names(program, std::slice::from_ref(&a.mentee));
        if in_q(a.start) {
            started.push(Line {
                text: format!("{mentee} with {}", names(program, &a.mentors)),
                date: a.start.to_string(),
            });
        }
        match (a.status, a.end) {
            (AgreementStatus::Replaced, Some(end)) if in_q(end) => {
                let next = a
                    .replaced_by
                    .as_deref()
                    .and_then(|id| program.agreement(id));
                let to =
                    next.map_or_else(|| "a new mentor".to_owned(), |n| names(program, &n.mentors));
                mentor_changes.push(Line {
                    text: format!("{mentee}: {} → {to}", names(program, &a.mentors)),
                    date: end.to_string(),
                });
            }
            (AgreementStatus::Concluded, Some(end)) if in_q(end) => {
                concluded.push(Line {
                    text: format!("{mentee} with {}", names(program, &a.mentors)),
                    date: end.to_string(),
                });
            }
            _ => {}
        }
    }
    for list in [&mut mentor_changes, &mut started, &mut concluded] {
        list.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.text.cmp(&b.text)));
    }
    let started_by_now: Vec<_> = program
        .agreements
        .iter()
        .filter(|a| a.start <= as_of)
        .collect();
    let baselines_done = started_by_now
        .iter()
        .filter(|a| {
            program.assessments_of(&a.mentee).any(|s| {
                s.phase == Phase::Baseline
                    && s.date <= as_of
                    && (s.agreement.as_deref() == Some(a.id.as_str()) || s.agreement.is_none())
            })
        })
        .count();
    let assessments_in_quarter = program.assessments.iter().filter(|a| in_q(a.date)).count();
    let mut attendance = Vec::new();
    for g in program
        .groups
        .iter()
        .filter(|g| g.academic_year == quarter.year)
    {
        let sessions: Vec<_> = g.sessions.iter().filter(|s| in_q(s.date)).collect();
        let present: usize = sessions.iter().map(|s| s.attended.len()).sum();
        attendance.push(Attendance {
            name: g.name.clone(),
            sessions: sessions.len(),
            rate: percent(present, sessions.len() * g.members.len()),
        });
    }
    let mentors = program
        .people
        .iter()
        .filter(|p| p.has_role(Role::Mentor))
        .count();
    for c in program
        .communities
        .iter()
        .filter(|c| c.academic_year == quarter.year)
    {
        let meetings: Vec<_> = c.meetings.iter().filter(|m| in_q(m.date)).collect();
        let present: usize = meetings.iter().map(|m| m.attended.len()).sum();
        attendance.push(Attendance {
            name: program
                .config
                .as_ref()
                .and_then(|c| c.mentor_community.clone())
                .unwrap_or_else(|| "Mentor community".to_owned()),
            sessions: meetings.len(),
            rate: percent(present, meetings.len() * mentors),
        });
    }
    QuarterlyReport {
        meta,
        quarter: quarter.to_string(),
        first_day: first.to_string(),
        last_day: last.to_string(),
        pairs_active,
        groups_active,
        pairs_on_track: on_track,
        pairs_rated: pairs.len(),
        compliance: percent(on_track, pairs.len()),
        chart,
        behind,
        unpaired,
        mentor_changes,
        started,
        concluded,
        baselines_done,
        baselines_due: started_by_now.len(),
        assessments_in_quarter,
        attendance,
        changes: aggregate_changes(program, as_of),
    }
}

/// Mean baseline-to-latest change per instrument and domain, over people who have both;
/// suppressed when fewer than [`MIN_GROUP_FOR_AGGREGATES`] people contribute.
pub(super) fn aggregate_changes(program: &Program, as_of: Date) -> Vec<AggregateChange> {
    let mut sums: BTreeMap<(String, usize, String), (f64, usize)> = BTreeMap::new();
    for instrument in &program.instruments {
        for (di, domain) in instrument.domains.iter().enumerate() {
            sums.entry((instrument.title.clone(), di, domain.name.clone()))
                .or_default();
        }
    }
    let mut people: Vec<&str> = program
        .assessments
        .iter()
        .map(|a| a.person.as_str())
        .collect();
    people.sort_unstable();
    people.dedup();
    for person in people {
        for instrument in &program.instruments {
            let mine: Vec<_> = program
                .assessments_of(person)
                .filter(|a| a.instrument == instrument.id && a.date <= as_of)
                .collect();
            let Some(base) = mine
                .iter()
                .filter(|a| a.phase == Phase::Baseline)
                .min_by_key(|a| a.date)
            else {
                continue;
            };
            let Some(latest) = mine
                .iter()
                .filter(|a| a.phase != Phase::Baseline && a.date > base.date)
                .max_by_key(|a| a.date)
            else {
                continue;
            };
            let (b, l) = (
                view::domain_scores(instrument, base),
                view::domain_scores(instrument, latest),
            );
            for (di, domain) in instrument.domains.iter().enumerate() {
                if let (Some(b), Some(l)) = (b.get(&domain.id), l.get(&domain.id)) {
                    let e = sums
                        .entry((instrument.title.clone(), di, domain.name.clone()))
                        .or_default();
                    e.0 += l - b;
                    e.1 += 1;
                }
            }
        }
    }
    let rows: Vec<AggregateChange> = sums
        .into_iter()
        .filter(|(_, (_, n))| *n > 0)
        .map(|((instrument, _, domain), (sum, n))| AggregateChange {
            instrument,
            domain,
            people: n,
            change: if n < MIN_GROUP_FOR_AGGREGATES {
                "fewer than 5".to_owned()
            } else {
                format!("{:+.1}", sum / n as f64)
            },
        })
        .collect();
    collapse_suppressed(rows)
}

/// Folds the rows of an instrument whose domains are all suppressed into one row ("All 5
/// domains"), so the chief's report does not print a page of "fewer than 5". `people` of the
/// folded row is the largest count of its domains (still under the threshold).
fn collapse_suppressed(rows: Vec<AggregateChange>) -> Vec<AggregateChange> {
    let mut out: Vec<AggregateChange> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let same = rows[i..]
            .iter()
            .take_while(|r| r.instrument == rows[i].instrument)
            .count();
        let group = &rows[i..i + same];
        if same > 1 && group.iter().all(|r| r.people < MIN_GROUP_FOR_AGGREGATES) {
            out.push(AggregateChange {
                instrument: rows[i].instrument.clone(),
                domain: format!("All {same} domains"),
                people: group.iter().map(|r| r.people).max().unwrap_or(0),
                change: "fewer than 5".to_owned(),
            });
        } else {
            out.extend(group.iter().cloned());
        }
        i += same;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_an_instrument_whose_domains_are_all_suppressed() {
        let row = |instrument: &str, domain: &str, people: usize| AggregateChange {
            instrument: instrument.to_owned(),
            domain: domain.to_owned(),
            people,
            change: if people < 5 { "fewer than 5" } else { "+1.0" }.to_owned(),
        };
        let rows = collapse_suppressed(vec![
            row("A", "a1", 9),
            row("A", "a2", 3),
            row("B", "b1", 2),
            row("B", "b2", 4),
        ]);
        let shown: Vec<(&str, &str, usize)> = rows
            .iter()
            .map(|r| (r.instrument.as_str(), r.domain.as_str(), r.people))
            .collect();
        assert_eq!(
            shown,
            vec![("A", "a1", 9), ("A", "a2", 3), ("B", "All 2 domains", 4)]
        );
    }
}
