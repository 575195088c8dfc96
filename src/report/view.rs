//! View models: plain serialisable data the templates render. Built from the model by pure
//! functions; templates never see the raw model.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use serde::Serialize;

use crate::model::{
    AcademicYear, Agreement, AgreementStatus, Assessment, Group, Instrument, Person, Phase,
    Program, Role, Scoring, Summary, YearStart,
};
use crate::parallel;
use crate::parse::body;
use crate::rules::{ByWhose, Finding, Standing, Whose};

/// Facts every report shows in its header and footer.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// Program name.
    pub program: String,
    /// Division name.
    pub division: String,
    /// The as-of date (ISO 8601).
    pub as_of: String,
    /// The academic year reported on (`2025-26`).
    pub year: String,
    /// What the report was made from: record count and, when known, the commit.
    pub record_set: String,
    /// mentor-records version.
    pub tool_version: &'static str,
    /// The running header (program and as-of date) as a CSS string literal, every character
    /// outside `[A-Za-z0-9 ]` written as a CSS escape, so it is safe inside `<style>`.
    pub running_header_css: String,
}

/// Whole years from `start` to `as_of` (0 when `as_of` is earlier), with the documented month
/// arithmetic: a year after a 29 February is the 28th when the next February has no 29th, so
/// 2024-02-29 is one year before 2025-02-28.
pub fn whole_years(start: Date, as_of: Date) -> i64 {
    let mut years = i64::from(as_of.year()) - i64::from(start.year());
    while years > 0
        && start
            .checked_add(jiff::Span::new().years(years))
            .map_or(true, |anniversary| anniversary > as_of)
    {
        years -= 1;
    }
    years.max(0)
}

/// Quotes `text` as a CSS string literal with hex escapes for anything but letters, digits and
/// spaces (so `</style>` or quotes in a program name cannot break out).
pub fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out.push('"');
    out
}

/// One row of the status table, as the reports show it (see [`crate::rules`]).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StatusLine {
    /// What the row is about ("pair", "group", "mentor", "milestone", "launch").
    pub kind: String,
    /// Who or what (names, agreement or group id).
    pub subject: String,
    /// Rule name (`pair-meetings`).
    pub rule: String,
    /// The rule in words ("Meetings per year"), for the reports.
    pub rule_title: String,
    /// What was required, in words ("2 meetings in 2025-26").
    pub required: String,
    /// What was done, in words.
    pub done: String,
    /// `met`, `on-track`, `due-soon`, `overdue` or `missed` (also the CSS class).
    pub status: String,
    /// The status in words (`on track`, `due soon`), for the reports.
    pub status_label: String,
    /// Next due date, ISO 8601, if any.
    pub next_due: Option<String>,
    /// Person ids the row concerns, for per-mentee reports.
    pub people: Vec<String>,
}

/// A meeting timeline picture for one academic year: x positions in SVG user units (0-600).
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    /// Total width of the drawing area.
    pub width: u32,
    /// Month ticks across the year.
    pub months: Vec<Tick>,
    /// Meetings (or sessions) held.
    pub marks: Vec<Tick>,
    /// Where the required cadence puts meetings (evenly spaced through the year).
    pub cadence: Vec<Tick>,
    /// The as-of date, if inside the year.
    pub today: Option<u32>,
}

/// A labelled x position.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    /// x in SVG units.
    pub x: u32,
    /// Label (a month abbreviation or an ISO date).
    pub label: String,
}

/// A mentor as shown in a summary.
#[derive(Debug, Clone, Serialize)]
pub struct MentorLine {
    /// Display name.
    pub name: String,
    /// Agreement id.
    pub agreement: String,
    /// ISO dates.
    pub start: String,
    /// ISO date the agreement ended, or planned end.
    pub end: String,
    /// `active`, `concluded` or `replaced`.
    pub status: String,
}

/// A goal of an agreement.
#[derive(Debug, Clone, Serialize)]
pub struct GoalLine {
    /// Goal text.
    pub text: String,
    /// Target date, ISO 8601.
    pub target: String,
    /// Goal status.
    pub status: String,
}

/// Peer group attendance for one mentee.
#[derive(Debug, Clone, Serialize)]
pub struct GroupLine {
    /// Group name.
    pub name: String,
    /// Sessions attended.
    pub attended: usize,
    /// Sessions held so far.
    pub held: usize,
    /// Sessions the year calls for.
    pub planned: u32,
}

/// Domain scores of one instrument, baseline against latest.
#[derive(Debug, Clone, Serialize)]
pub struct AssessmentChange {
    /// Instrument title.
    pub instrument: String,
    /// Baseline date.
    pub baseline_date: String,
    /// Latest later assessment's date and phase, if any.
    pub latest: Option<String>,
    /// One row per domain.
    pub domains: Vec<DomainChange>,
}

/// One domain's score change.
#[derive(Debug, Clone, Serialize)]
pub struct DomainChange {
    /// Domain name.
    pub domain: String,
    /// Baseline score, one decimal.
    pub baseline: String,
    /// Latest score, one decimal, if taken.
    pub latest: Option<String>,
    /// Latest minus baseline, signed, one decimal.
    pub change: Option<String>,
}

/// Something due in the next twelve months, in words.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Upcoming {
    /// When it is due (ISO 8601).
    pub date: String,
    /// What to do, in words ("Meetings per year: 2 meetings required, 1 done so far").
    pub what: String,
}

/// An id in words: `physician-scientist` → "Physician-scientist", `basic_science` → "Basic
/// science" (underscores become spaces, the first letter a capital).
pub fn in_words(id: &str) -> String {
    let text = id.replace('_', " ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One mentee's career-planning summary for one academic year.
#[derive(Debug, Clone, Serialize)]
pub struct CareerSummary {
    /// Person id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Rank label.
    pub rank: String,
    /// Track in words ("Physician-scientist" for `physician-scientist`).
    pub track: String,
    /// Faculty start date.
    pub start_date: String,
    /// Whole years on faculty as of the as-of date.
    pub years_on_faculty: i64,
    /// Current and past mentors.
    pub mentors: Vec<MentorLine>,
    /// Goals of the agreements in force during the year.
    pub goals: Vec<GoalLine>,
    /// Meeting dates held in the year (ISO 8601).
    pub meetings: Vec<String>,
    /// Meetings required in the year (prorated), if any agreement covered it.
    pub meetings_required: Option<u32>,
    /// Picture of the year's meetings.
    pub timeline: Timeline,
    /// The mentee's overall standing: the worst of their rules (their pairs' and milestones'),
    /// and which rules make it so; `None` when no rule applies yet.
    pub standing: Option<Standing>,
    /// Status rows about this mentee (meetings, milestones, launch).
    pub status: Vec<StatusLine>,
    /// Peer mentoring group attendance.
    pub groups: Vec<GroupLine>,
    /// Self-assessment change by domain.
    pub assessments: Vec<AssessmentChange>,
    /// The mentee's own summary, rendered from Markdown (safe HTML: raw HTML is escaped).
    pub summary_html: Option<String>,
    /// The same summary as Markdown text.
    pub summary_markdown: Option<String>,
    /// Conference date, if held.
    pub conference_date: Option<String>,
    /// What falls due in the next twelve months, earliest first.
    pub upcoming: Vec<Upcoming>,
}

/// Everything the career-planning template gets.
#[derive(Debug, Clone, Serialize)]
pub struct CareerSummaries {
    /// Header and footer facts.
    pub meta: Meta,
    /// One entry per mentee, sorted by name.
    pub mentees: Vec<CareerSummary>,
}

const WIDTH: u32 = 600;

/// At most this many cadence marks are drawn on a timeline.
const MAX_CADENCE_MARKS: u32 = 52;

fn x_of(date: Date, first: Date, last: Date) -> u32 {
    let total = (last - first).get_days().max(1);
    let at = (date - first).get_days().clamp(0, total);
    u32::try_from(i64::from(at) * i64::from(WIDTH) / i64::from(total)).unwrap_or(0)
}

/// The timeline of `dates` across `year`, with `required` evenly spaced cadence marks.
pub fn timeline(
    dates: &[Date],
    year: AcademicYear,
    start: YearStart,
    required: u32,
    as_of: Date,
) -> Timeline {
    let (first, last) = (year.first_day(start), year.last_day(start));
    let mut months = Vec::new();
    let mut month = first.first_of_month();
    while month <= last {
        if month >= first {
            months.push(Tick {
                x: x_of(month, first, last),
                label: month.strftime("%b").to_string(),
            });
        }
        month = month
            .checked_add(jiff::ToSpan::months(1))
            .unwrap_or(Date::MAX);
    }
    let marks = dates
        .iter()
        .filter(|d| **d >= first && **d <= last)
        .map(|&d| Tick {
            x: x_of(d, first, last),
            label: d.to_string(),
        })
        .collect();
    // More than weekly cadence marks would only paint the line solid.
    let drawn = required.min(MAX_CADENCE_MARKS);
    let cadence = (1..=drawn)
        .map(|k| {
            let x =
                u32::try_from(u64::from(k) * u64::from(WIDTH) / u64::from(drawn + 1)).unwrap_or(0);
            Tick {
                x,
                label: format!("{k} of {required}"),
            }
        })
        .collect();
    let today = (as_of >= first && as_of <= last).then(|| x_of(as_of, first, last));
    Timeline {
        width: WIDTH,
        months,
        marks,
        cadence,
        today,
    }
}

/// Domain scores of one assessment, by domain id (mean or sum per the instrument's scoring).
pub fn domain_scores(instrument: &Instrument, assessment: &Assessment) -> BTreeMap<String, f64> {
    let mut sums: BTreeMap<String, (f64, u32)> = BTreeMap::new();
    for item in &instrument.items {
        if let Some(&v) = assessment.responses.get(item.id.as_str()) {
            let e = sums.entry(item.domain.clone()).or_default();
            e.0 += v as f64;
            e.1 += 1;
        }
    }
    sums.into_iter()
        .map(|(d, (sum, n))| {
            let score = match instrument.scoring {
                Scoring::Mean => sum / f64::from(n.max(1)),
                Scoring::Sum => sum,
            };
            (d, score)
        })
        .collect()
}

/// Baseline-to-latest change for each instrument a person took a baseline of, up to `as_of`.
pub fn assessment_changes(program: &Program, person: &str, as_of: Date) -> Vec<AssessmentChange> {
    let mut taken: Vec<&Assessment> = program
        .assessments_of(person)
        .filter(|a| a.date <= as_of)
        .collect();
    taken.sort_by_key(|a| (a.instrument.clone(), a.date));
    let mut out = Vec::new();
    for baseline in taken.iter().filter(|a| a.phase == Phase::Baseline) {
        let Some(instrument) = program.instrument(&baseline.instrument) else {
            continue;
        };
        let latest = taken
            .iter()
            .filter(|a| {
                a.instrument == baseline.instrument
                    && a.date > baseline.date
                    && a.phase != Phase::Baseline
            })
            .max_by_key(|a| a.date);
        let base = domain_scores(instrument, baseline);
        let last = latest.map(|a| domain_scores(instrument, a));
        let domains = instrument
            .domains
            .iter()
            .filter_map(|d| {
                let b = *base.get(&d.id)?;
                let l = last.as_ref().and_then(|m| m.get(&d.id).copied());
                Some(DomainChange {
                    domain: d.name.clone(),
                    baseline: format!("{b:.1}"),
                    latest: l.map(|l| format!("{l:.1}")),
                    change: l.map(|l| format!("{:+.1}", l - b)),
                })
            })
            .collect();
        out.push(AssessmentChange {
            instrument: instrument.title.clone(),
            baseline_date: baseline.date.to_string(),
            latest: latest.map(|a| format!("{} ({})", a.date, a.phase.as_str())),
            domains,
        });
    }
    out
}

fn status_name(s: AgreementStatus) -> &'static str {
    match s {
        AgreementStatus::Proposed => "proposed",
        AgreementStatus::Active => "active",
        AgreementStatus::Concluded => "concluded",
        AgreementStatus::Replaced => "replaced",
    }
}

/// Agreements of `mentee` that overlap `[first, last]` and started by `as_of`.
pub fn agreements_in<'p>(
    program: &'p Program,
    mentee: &str,
    first: Date,
    last: Date,
    as_of: Date,
) -> Vec<&'p Agreement> {
    in_force(
        program.agreements.iter().filter(|a| a.mentee == mentee),
        first,
        last,
        as_of,
    )
}

/// The agreements of `agreements` that overlap `[first, last]` and started by `as_of`, by start
/// date (ties in the order given).
fn in_force<'p>(
    agreements: impl Iterator<Item = &'p Agreement>,
    first: Date,
    last: Date,
    as_of: Date,
) -> Vec<&'p Agreement> {
    let mut v: Vec<&Agreement> = agreements
        .filter(|a| a.start <= last.min(as_of) && a.effective_end() >= first)
        .collect();
    v.sort_by_key(|a| a.start);
    v
}

/// What the career-planning summaries of one academic year read about each mentee, grouped by
/// mentee once (thousands of mentees would otherwise each scan every agreement, summary, group,
/// status row and finding). Every list keeps the order of the records or rows it comes from.
struct ByMentee<'a> {
    /// Every agreement of each mentee.
    agreements: HashMap<&'a str, Vec<&'a Agreement>>,
    /// Each mentee's summary record for the year (the first one, if several).
    summaries: HashMap<&'a str, &'a Summary>,
    /// The year's peer mentoring groups each person is a member of.
    groups: HashMap<&'a str, Vec<&'a Group>>,
    /// The status rows whose first person is the mentee.
    status: HashMap<&'a str, Vec<&'a StatusLine>>,
    /// The findings, for each mentee's standing.
    findings: ByWhose<'a>,
}

impl<'a> ByMentee<'a> {
    fn new(
        program: &'a Program,
        year: AcademicYear,
        status: &'a [StatusLine],
        findings: &'a [Finding],
    ) -> Self {
        let mut agreements: HashMap<&str, Vec<&Agreement>> = HashMap::new();
        for a in &program.agreements {
            agreements.entry(&a.mentee).or_default().push(a);
        }
        let mut summaries = HashMap::new();
        for s in program.summaries.iter().filter(|s| s.academic_year == year) {
            summaries.entry(s.mentee.as_str()).or_insert(s);
        }
        let mut groups: HashMap<&str, Vec<&Group>> = HashMap::new();
        for g in program.groups.iter().filter(|g| g.academic_year == year) {
            for member in &g.members {
                let of_member = groups.entry(member).or_default();
                // A member listed twice is in the group once.
                if !of_member.last().is_some_and(|last| std::ptr::eq(*last, g)) {
                    of_member.push(g);
                }
            }
        }
        let mut by_person: HashMap<&str, Vec<&StatusLine>> = HashMap::new();
        for line in status {
            if let Some(first) = line.people.first() {
                by_person.entry(first).or_default().push(line);
            }
        }
        ByMentee {
            agreements,
            summaries,
            groups,
            status: by_person,
            findings: ByWhose::new(findings),
        }
    }

    fn agreements(&self, mentee: &str) -> &[&'a Agreement] {
        self.agreements.get(mentee).map_or(&[], Vec::as_slice)
    }
}

/// Builds the career-planning summaries of every mentee active in `year` (an agreement in force
/// during the year, a peer group that year, or a summary record for the year). `findings` are
/// the status view's rows (for the standing), `status` the same rows in words.
pub fn career_summaries(
    program: &Program,
    year: AcademicYear,
    as_of: Date,
    meta: Meta,
    status: &[StatusLine],
    findings: &[Finding],
) -> CareerSummaries {
    let index = ByMentee::new(program, year, status, findings);
    let people: Vec<&Person> = program
        .people
        .iter()
        .filter(|p| p.has_role(Role::Mentee) && p.start_date <= as_of)
        .collect();
    let mut mentees: Vec<CareerSummary> = parallel::map(&people, |person| {
        career_summary(program, &index, person, year, as_of)
    })
    .into_iter()
    .flatten()
    .collect();
    mentees.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    CareerSummaries { meta, mentees }
}

/// The career-planning summary of `person` for `year`, or `None` when they were not active in
/// it (no agreement in force, no peer group, no summary record).
fn career_summary(
    program: &Program,
    index: &ByMentee<'_>,
    person: &Person,
    year: AcademicYear,
    as_of: Date,
) -> Option<CareerSummary> {
    let start = program.year_start();
    let (first, last) = (year.first_day(start), year.last_day(start));
    let rules = program.rules();
    let agreements = in_force(
        index.agreements(&person.id).iter().copied(),
        first,
        last,
        as_of,
    );
    let summary = index.summaries.get(person.id.as_str()).copied();
    let groups: Vec<GroupLine> = index
        .groups
        .get(person.id.as_str())
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|g| {
            let held: Vec<_> = g.sessions.iter().filter(|s| s.date <= as_of).collect();
            GroupLine {
                name: g.name.clone(),
                attended: held
                    .iter()
                    .filter(|s| s.attended.contains(&person.id))
                    .count(),
                held: held.len(),
                planned: rules.group_sessions_per_year,
            }
        })
        .collect();
    if agreements.is_empty() && summary.is_none() && groups.is_empty() {
        return None;
    }
    let mut meetings: Vec<Date> = agreements
        .iter()
        .filter_map(|a| program.meeting_log(&a.id))
        .flat_map(|l| l.meetings.iter().map(|m| m.date))
        .filter(|d| *d >= first && *d <= last && *d <= as_of)
        .collect();
    meetings.sort();
    meetings.dedup();
    let mentors = index
        .agreements(&person.id)
        .iter()
        .filter(|a| a.start <= as_of)
        .flat_map(|a| {
            a.mentors.iter().map(move |m| MentorLine {
                name: program
                    .person(m)
                    .map_or_else(|| m.clone(), |p| p.name.clone()),
                agreement: a.id.clone(),
                start: a.start.to_string(),
                end: a.effective_end().to_string(),
                status: status_name(a.status).to_owned(),
            })
        })
        .collect();
    let goals = agreements
        .iter()
        .flat_map(|a| a.goals.iter())
        .map(|g| GoalLine {
            text: g.text.clone(),
            target: g.target.to_string(),
            status: serde_json::to_value(g.status)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
        })
        .collect();
    let required = (!agreements.is_empty()).then_some(rules.pair_meetings_per_year);
    let rows: Vec<StatusLine> = index
        .status
        .get(person.id.as_str())
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|line| (*line).clone())
        .collect();
    let mut upcoming: Vec<(String, String)> = rows
        .iter()
        .filter_map(|r| {
            r.next_due.clone().map(|d| {
                let done = if r.done.is_empty() || r.done == "0" {
                    "nothing yet".to_owned()
                } else {
                    r.done.clone()
                };
                (
                    d,
                    format!("{}: {} required; so far {done}", r.rule_title, r.required),
                )
            })
        })
        .collect();
    let horizon = as_of
        .checked_add(jiff::ToSpan::years(1))
        .unwrap_or(Date::MAX)
        .to_string();
    upcoming.extend(
        agreements
            .iter()
            .flat_map(|a| a.goals.iter())
            .filter(|g| g.target > as_of)
            .map(|g| (g.target.to_string(), format!("Goal: {}", g.text))),
    );
    upcoming.retain(|(d, _)| *d > as_of.to_string() && *d <= horizon);
    upcoming.sort();
    upcoming.dedup();
    Some(CareerSummary {
        id: person.id.clone(),
        name: person.name.clone(),
        rank: person.rank.label().to_owned(),
        track: in_words(&person.track),
        start_date: person.start_date.to_string(),
        years_on_faculty: whole_years(person.start_date, as_of),
        mentors,
        goals,
        meetings: meetings.iter().map(Date::to_string).collect(),
        meetings_required: required,
        timeline: timeline(&meetings, year, start, required.unwrap_or(0), as_of),
        standing: index.findings.standing(Whose::Mentee(&person.id)),
        status: rows,
        groups,
        assessments: assessment_changes(program, &person.id, as_of),
        summary_html: summary
            .filter(|s| !body::is_blank(&s.body))
            .map(|s| body::to_html(&s.body)),
        summary_markdown: summary
            .filter(|s| !body::is_blank(&s.body))
            .map(|s| s.body.trim().to_owned()),
        conference_date: summary
            .and_then(|s| s.conference_date)
            .map(|d| d.to_string()),
        upcoming: upcoming
            .into_iter()
            .map(|(date, what)| Upcoming { date, what })
            .collect(),
    })
}

#[cfg(test)]
mod whole_years_tests {
    use super::whole_years;
    use jiff::civil::date;
    use test_case::test_case;

    #[test_case(date(2024, 2, 29), date(2025, 2, 28), 1; "29 February plus a year is 28 February")]
    #[test_case(date(2024, 2, 29), date(2025, 2, 27), 0; "the day before")]
    #[test_case(date(2024, 2, 29), date(2028, 2, 28), 3; "a leap year has its 29th")]
    #[test_case(date(2024, 2, 29), date(2028, 2, 29), 4; "on the 29th")]
    #[test_case(date(2021, 8, 1), date(2026, 7, 31), 4; "the day before the anniversary")]
    #[test_case(date(2026, 8, 1), date(2021, 8, 1), 0; "as of before the start")]
    fn counts_whole_years_with_clamped_months(
        start: jiff::civil::Date,
        as_of: jiff::civil::Date,
        years: i64,
    ) {
        assert_eq!(whole_years(start, as_of), years);
    }
}

#[cfg(test)]
mod tests {
    use super::css_string;

    #[test]
    fn timelines_draw_at_most_weekly_cadence_marks() {
        let t = super::timeline(
            &[],
            crate::model::AcademicYear::new(2025),
            Default::default(),
            u32::MAX,
            jiff::civil::date(2026, 3, 1),
        );
        assert_eq!(t.cadence.len(), 52);
        assert!(t.cadence.iter().all(|c| c.x < 600));
    }

    #[test]
    fn css_strings_cannot_break_out_of_a_style_block() {
        assert_eq!(
            css_string("A&B </style>"),
            "\"A\\26 B \\3c \\2f style\\3e \""
        );
    }

    #[test]
    fn the_mentee_index_holds_what_a_scan_of_every_record_finds() {
        use super::{ByMentee, StatusLine};
        use crate::model::{AcademicYear, Summary};
        use crate::report::status_lines;
        use crate::rules::evaluate;
        use crate::rules::fixture::{Fixture, d};
        use serde_json::json;

        let mut program = Fixture::two_pairs()
            .agreement(
                "2022-a",
                "v",
                &["c"],
                ("2022-07-01", "2024-06-30"),
                json!({}),
            )
            .group("g", "2025-26", &["v", "v", "w"], &[])
            .group("h", "2024-25", &["v"], &[])
            .group("k", "2025-26", &["w", "b"], &[])
            .build();
        let summary = |mentee: &str, year: &str, body: &str| Summary {
            mentee: mentee.to_owned(),
            academic_year: year.parse().expect("a year"),
            conference_date: None,
            path: format!("summaries/{year}/{mentee}.md"),
            body: body.to_owned(),
        };
        program.summaries = vec![
            summary("v", "2025-26", "first"),
            summary("v", "2025-26", "second"),
            summary("w", "2024-25", "another year"),
        ];
        let year = AcademicYear::new(2025);
        let findings = evaluate(&program, d("2026-03-01")).view(Some(year)).rows;
        let status = status_lines(&findings);
        let index = ByMentee::new(&program, year, &status, &findings);
        let ptrs = |v: Vec<&StatusLine>| -> Vec<*const StatusLine> {
            v.into_iter().map(std::ptr::from_ref).collect()
        };
        for id in ["v", "w", "b", "nobody"] {
            let agreements: Vec<&str> = program
                .agreements
                .iter()
                .filter(|a| a.mentee == id)
                .map(|a| a.id.as_str())
                .collect();
            let indexed: Vec<&str> = index.agreements(id).iter().map(|a| a.id.as_str()).collect();
            assert_eq!(indexed, agreements, "agreements of {id}");
            let summary = program
                .summaries
                .iter()
                .find(|s| s.mentee == id && s.academic_year == year);
            assert_eq!(
                index.summaries.get(id).map(|s| std::ptr::from_ref(*s)),
                summary.map(std::ptr::from_ref),
                "summary of {id}"
            );
            let groups: Vec<&str> = program
                .groups
                .iter()
                .filter(|g| g.academic_year == year && g.members.iter().any(|m| m == id))
                .map(|g| g.id.as_str())
                .collect();
            let indexed: Vec<&str> = index
                .groups
                .get(id)
                .map(|gs| gs.iter().map(|g| g.id.as_str()).collect())
                .unwrap_or_default();
            assert_eq!(indexed, groups, "groups of {id}");
            let rows = status
                .iter()
                .filter(|s| s.people.first().is_some_and(|p| p == id))
                .collect();
            let indexed = index.status.get(id).cloned().unwrap_or_default();
            assert_eq!(ptrs(indexed), ptrs(rows), "status rows of {id}");
        }
        assert_eq!(index.agreements("v").len(), 2);
        assert_eq!(index.groups.get("v").map(Vec::len), Some(1));
        assert_eq!(
            index.summaries.get("v").map(|s| s.body.as_str()),
            Some("first")
        );
        assert!(!index.status.get("v").unwrap_or(&Vec::new()).is_empty());
    }
}
