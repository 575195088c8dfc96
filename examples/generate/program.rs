//! A deterministic generator of valid mentoring programs at any size, for benchmarks and for the
//! test that keeps the generator in step with the schemas (`tests/generated.rs`).
//!
//! Shape (per run, from one seeded RNG): `faculty` people, about a third of them mentees and the
//! rest mentors (some also facilitators), plus a program director and a division chief; each
//! mentee has one to three mentoring agreements (some ended by a mentor change), a meeting log
//! with 2-5 dates per academic year, baseline, midpoint and final self-assessments answering every
//! item of the built-in instruments; mentors take the readiness checklist and skills inventory;
//! peer mentoring groups of up to 8 with 9 sessions and attendance; a mentor community year with
//! monthly meetings; a career-planning summary per active mentee and year. Names are invented
//! (`Dr. A. Example0042`). Every date lies on or before [`AS_OF`].
//!
//! Pure apart from [`write`]: [`generate`] returns the files as (relative path, text) pairs.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use jiff::Span;
use jiff::civil::{Date, date};
use mentor_records::load::BUILT_IN_INSTRUMENTS;
use mentor_records::source::SourceFile;

/// The date a generated program is complete up to; check it with `--as-of 2026-06-30`.
pub(crate) const AS_OF: &str = "2026-06-30";

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Options {
    /// Number of people (faculty), at least 10.
    pub faculty: usize,
    /// Number of academic years, ending with 2025-26.
    pub years: u16,
    /// RNG seed: the same options give byte-identical files.
    pub seed: u64,
}

/// One generated file: path relative to the program folder, and its text.
pub(crate) type File = (String, String);

/// Writes `files` under `out` (which need not exist), creating folders as needed.
///
/// # Errors
/// Any I/O error, with the path in the message.
pub(crate) fn write(files: &[File], out: &Path) -> std::io::Result<()> {
    let mut made = HashSet::new();
    for (path, text) in files {
        let target = out.join(path);
        if let Some(parent) = target.parent()
            && made.insert(parent.to_path_buf())
        {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, text)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", target.display())))?;
    }
    Ok(())
}

const TRACKS: [&str; 5] = [
    "clinician-educator",
    "physician-scientist",
    "clinical-investigator",
    "research",
    "clinical-excellence",
];

const TOPICS: [&str; 12] = [
    "grant-writing",
    "clinical-trials",
    "importance-of-teaching",
    "planning-for-promotion",
    "professional-presence",
    "work-life-integration",
    "managing-a-research-group",
    "developing-a-research-agenda",
    "collegial-relationships",
    "managing-a-clinical-practice",
    "negotiation",
    "leadership",
];

const GROUP_KINDS: [(&str, &str, [&str; 3]); 5] = [
    (
        "research-launch",
        "Launching a Research Program",
        [
            "managing-a-research-group",
            "developing-a-research-agenda",
            "grant-writing",
        ],
    ),
    (
        "first-years",
        "Navigating the First Years",
        [
            "collegial-relationships",
            "work-life-integration",
            "managing-a-clinical-practice",
        ],
    ),
    (
        "promotion",
        "Planning for Promotion",
        [
            "planning-for-promotion",
            "professional-presence",
            "importance-of-teaching",
        ],
    ),
    (
        "teaching",
        "Teaching and Educational Scholarship",
        [
            "importance-of-teaching",
            "professional-presence",
            "grant-writing",
        ],
    ),
    (
        "leadership",
        "Leading Teams and Negotiating",
        ["leadership", "negotiation", "collegial-relationships"],
    ),
];

const COMMUNITY_TOPICS: [&str; 11] = [
    "Initial conversations with new mentees",
    "Skills inventory results and our accountability plans",
    "What are your mentees' challenges?",
    "When a mentee asks for a different mentor",
    "Reading: giving and receiving feedback",
    "Resource speaker: the research funding office",
    "What are your challenges with your mentees?",
    "Preparing mentees for the fourth-year appraisal",
    "Bringing in other mentors: mentoring networks",
    "How are we evaluating our success as mentors?",
    "How are we evaluating our success as a program?",
];

const GOALS: [&str; 8] = [
    "Submit a career development award application",
    "Publish the first first-author paper from the new project",
    "Present the work at a national meeting",
    "Assemble a teaching portfolio for the promotion packet",
    "Agree a salary-support plan with the division chief",
    "Recruit and train a research coordinator",
    "Lead a curriculum revision for the residency",
    "Join a national committee in the specialty",
];

const ASPIRATIONS: [&str; 8] = [
    "lead an independently funded clinical research program",
    "direct a fellowship in medical education",
    "build a referral practice known for its outcomes",
    "run a multi-site trial as principal investigator",
    "be promoted to associate professor on time",
    "chair the division's quality improvement committee",
    "write the textbook chapter the residents actually read",
    "train the next generation of clinician-educators",
];

/// A built-in instrument, as much as the generator needs.
struct Instrument {
    id: String,
    min: i64,
    max: i64,
    items: Vec<String>,
}

fn instruments() -> Vec<Instrument> {
    BUILT_IN_INSTRUMENTS
        .iter()
        .map(|(path, text)| {
            let parsed = mentor_records::parse::parse(&SourceFile::new(*path, *text))
                .unwrap_or_else(|d| panic!("built-in instrument {path}: {}", d.message));
            let v = parsed.value;
            let text_of = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
            Instrument {
                id: text_of(&v["id"]),
                min: v["scale"]["min"].as_i64().unwrap_or(0),
                max: v["scale"]["max"].as_i64().unwrap_or(1),
                items: v["items"]
                    .as_array()
                    .map(|items| items.iter().map(|i| text_of(&i["id"])).collect())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

fn plus(d: Date, days: i64) -> Date {
    d.checked_add(Span::new().days(days))
        .unwrap_or_else(|e| panic!("date {d} + {days} days: {e}"))
}

fn days_between(a: Date, b: Date) -> i64 {
    a.until(b)
        .map(|s| i64::from(s.get_days()))
        .unwrap_or_else(|e| panic!("days from {a} to {b}: {e}"))
}

fn year_first(y: i16) -> Date {
    date(y, 7, 1)
}

fn year_last(y: i16) -> Date {
    date(y + 1, 6, 30)
}

fn year_name(y: i16) -> String {
    format!("{y}-{:02}", (y + 1) % 100)
}

struct Person {
    id: String,
    name: String,
    start: Date,
    mentee: bool,
    facilitator: bool,
}

struct Agreement {
    id: String,
    mentee: usize,
    mentors: Vec<usize>,
    start: Date,
    planned_end: Date,
    /// Actual end for concluded and replaced agreements.
    end: Option<Date>,
    replaced_by: Option<String>,
}

impl Agreement {
    /// Last day covered, never after the as-of date.
    fn last(&self, as_of: Date) -> Date {
        self.end.unwrap_or(self.planned_end).min(as_of)
    }
}

struct Gen {
    rng: fastrand::Rng,
    as_of: Date,
    first_year: i16,
    last_year: i16,
    people: Vec<Person>,
    agreements: Vec<Agreement>,
    instruments: Vec<Instrument>,
    assessment_paths: HashSet<String>,
    files: Vec<File>,
}

/// Generates a valid program.
///
/// # Panics
/// If `faculty` is below 10, `years` is 0, or a built-in instrument cannot be read.
pub(crate) fn generate(options: Options) -> Vec<File> {
    assert!(options.faculty >= 10, "at least 10 faculty");
    assert!(options.years >= 1, "at least one academic year");
    let last_year: i16 = 2025;
    let years = i16::try_from(options.years).expect("years fit in i16");
    let mut g = Gen {
        rng: fastrand::Rng::with_seed(options.seed),
        as_of: AS_OF.parse().expect("AS_OF is a date"),
        first_year: last_year - years + 1,
        last_year,
        people: Vec::new(),
        agreements: Vec::new(),
        instruments: instruments(),
        assessment_paths: HashSet::new(),
        files: Vec::new(),
    };
    g.people(options.faculty);
    g.agreements();
    g.program();
    g.meeting_logs();
    g.assessments();
    g.groups();
    g.communities();
    g.summaries();
    g.files
}

impl Gen {
    fn date_in(&mut self, from: Date, to: Date) -> Date {
        let span = days_between(from, to).max(0);
        plus(from, self.rng.i64(0..=span))
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.rng.usize(..items.len())]
    }

    /// `count` distinct items of `items`, in their original order.
    fn some<'a>(&mut self, items: &[&'a str], count: usize) -> Vec<&'a str> {
        let mut chosen: Vec<usize> = (0..items.len()).collect();
        self.rng.shuffle(&mut chosen);
        chosen.truncate(count.min(items.len()));
        chosen.sort_unstable();
        chosen.into_iter().map(|i| items[i]).collect()
    }

    fn people(&mut self, faculty: usize) {
        let width = faculty.to_string().len().max(4);
        let window = year_first(self.first_year);
        for i in 0..faculty {
            let letter = char::from(b'a' + u8::try_from(i % 26).expect("< 26"));
            let id = format!("{letter}-example{i:0width$}");
            let name = format!("Dr. {}. Example{i:0width$}", letter.to_ascii_uppercase());
            // Person 0 directs the program and mentors, person 1 is the chief; then about a
            // third mentees.
            let mentee = i >= 2 && self.rng.f64() < 1.0 / 3.0;
            let facilitator = i >= 2 && !mentee && self.rng.f64() < 0.15;
            let start = if mentee {
                self.date_in(plus(window, -2 * 365), date(2025, 12, 31))
            } else {
                self.date_in(date(1990, 7, 1), date(2015, 8, 1))
            };
            let mut roles: Vec<&str> = Vec::new();
            match i {
                0 => roles.extend(["director", "mentor"]),
                1 => roles.push("chief"),
                _ if mentee => roles.push("mentee"),
                _ => roles.push("mentor"),
            }
            if facilitator {
                roles.push("facilitator");
            }
            let rank = if mentee {
                self.pick(&["instructor", "assistant-professor", "assistant-professor"])
            } else {
                self.pick(&["associate-professor", "professor"])
            };
            let track = self.pick(&TRACKS);
            let n = self.rng.usize(2..=3);
            let interests = self.some(&TOPICS, n);
            let mut text = format!(
                "---\nid: {id}\nname: {name}\nrank: {rank}\ntrack: {track}\nstart_date: {start}\nroles: [{}]\ninterests: [{}]\n",
                roles.join(", "),
                interests.join(", ")
            );
            if mentee {
                let due = plus(start, 6 * 365);
                let _ = writeln!(text, "promotion_due: {due}");
                let mut milestones = Vec::new();
                for (name, at) in [
                    ("salary_plan", plus(start, self.rng.i64(150..=520))),
                    ("appraisal_prep", plus(start, self.rng.i64(900..=1080))),
                    ("promotion_packet", plus(due, -self.rng.i64(190..=300))),
                ] {
                    if at <= self.as_of {
                        milestones.push(format!("  {name}: {at}\n"));
                    }
                }
                if !milestones.is_empty() {
                    text.push_str("milestones:\n");
                    text.extend(milestones);
                }
            }
            let aim = self.pick(&ASPIRATIONS);
            let then = self.pick(&ASPIRATIONS);
            let _ = write!(
                text,
                "---\nWithin the next two years I want to {aim}, and to document the work well enough \
                 that it counts toward promotion. Over five years I hope to {then}.\n\n\
                 I would value advice on protecting time for scholarship, on building a network \
                 beyond the division, and on which national committees are worth joining.\n"
            );
            self.files.push((format!("people/{id}.md"), text));
            self.people.push(Person {
                id,
                name,
                start,
                mentee,
                facilitator,
            });
        }
    }

    fn mentors(&self) -> Vec<usize> {
        (0..self.people.len())
            .filter(|&i| i != 1 && !self.people[i].mentee)
            .collect()
    }

    fn agreements(&mut self) {
        let window = year_first(self.first_year);
        let latest_start = plus(self.as_of, -45);
        let mentors = self.mentors();
        let mut ids = HashSet::new();
        let mut fresh_id = |start: Date, mentee: &str| {
            let base = format!("{}-{mentee}", start.year());
            let mut id = base.clone();
            let mut n = 1;
            while !ids.insert(id.clone()) {
                n += 1;
                id = format!("{base}-{n}");
            }
            id
        };
        for mentee in 0..self.people.len() {
            if !self.people[mentee].mentee {
                continue;
            }
            let mut start = plus(self.people[mentee].start, self.rng.i64(14..=75)).max(window);
            let mut mentor = mentors[self.rng.usize(..mentors.len())];
            for _round in 0..3 {
                if start > latest_start {
                    break;
                }
                let planned_end = plus(start, if self.rng.bool() { 730 } else { 1095 } - 1);
                let mut assigned = vec![mentor];
                if self.rng.f64() < 0.15 {
                    let other = mentors[self.rng.usize(..mentors.len())];
                    if other != mentor {
                        assigned.push(other);
                    }
                }
                let mut agreement = Agreement {
                    id: fresh_id(start, &self.people[mentee].id),
                    mentee,
                    mentors: assigned,
                    start,
                    planned_end,
                    end: None,
                    replaced_by: None,
                };
                // About one agreement in twelve ends early with a change of mentor, approved by
                // the program director; the replacement starts within a month.
                let change = plus(start, self.rng.i64(180..=540));
                if self.rng.f64() < 0.08 && change < plus(latest_start, -30) && change < planned_end
                {
                    let next_start = plus(change, self.rng.i64(1..=30));
                    let next_mentor = loop {
                        let m = mentors[self.rng.usize(..mentors.len())];
                        if m != mentor || mentors.len() == 1 {
                            break m;
                        }
                    };
                    let next_id = fresh_id(next_start, &self.people[mentee].id);
                    agreement.end = Some(change);
                    agreement.replaced_by = Some(next_id.clone());
                    self.agreements.push(agreement);
                    let planned_end = plus(next_start, 730 - 1);
                    self.agreements.push(Agreement {
                        id: next_id,
                        mentee,
                        mentors: vec![next_mentor],
                        start: next_start,
                        planned_end,
                        end: (planned_end < latest_start).then_some(planned_end),
                        replaced_by: None,
                    });
                    break;
                }
                if planned_end < latest_start {
                    agreement.end = Some(planned_end);
                }
                let ended = agreement.end;
                self.agreements.push(agreement);
                // Some mentees go on with a new agreement (and mentor) after one concludes.
                match ended {
                    Some(end) if self.rng.f64() < 0.45 => {
                        start = plus(end, self.rng.i64(1..=60));
                        mentor = mentors[self.rng.usize(..mentors.len())];
                    }
                    _ => break,
                }
            }
        }
        for a in 0..self.agreements.len() {
            let text = self.agreement_text(a);
            self.files
                .push((format!("agreements/{}.md", self.agreements[a].id), text));
        }
    }

    fn agreement_text(&mut self, a: usize) -> String {
        let director = self.people[0].id.clone();
        let ag = &self.agreements[a];
        let (id, start, planned_end, end) = (ag.id.clone(), ag.start, ag.planned_end, ag.end);
        let replaced_by = ag.replaced_by.clone();
        let mentee = &self.people[ag.mentee];
        let mentors: Vec<&Person> = ag.mentors.iter().map(|&m| &self.people[m]).collect();
        let mentor_ids: Vec<String> = mentors.iter().map(|p| p.id.clone()).collect();
        let mentor_names: Vec<String> = mentors.iter().map(|p| p.name.clone()).collect();
        let (mentee_id, mentee_name) = (mentee.id.clone(), mentee.name.clone());
        let frequency = self.pick(&[
            "quarterly",
            "quarterly",
            "bimonthly",
            "monthly",
            "twice-yearly",
        ]);
        let modality = self.pick(&["in-person", "virtual", "hybrid"]);
        let mut text = format!(
            "---\nid: {id}\nmentee: {mentee_id}\nmentors: [{}]\nstart: {start}\nplanned_end: {planned_end}\n\
             meeting_frequency: {frequency}\nmodality: {modality}\nconfidentiality_acknowledged: true\ngoals:\n",
            mentor_ids.join(", ")
        );
        let goals = self.rng.usize(1..=3);
        for goal in self.some(&GOALS, goals) {
            let target = plus(start, self.rng.i64(120..=900));
            let status = if target > self.as_of {
                self.pick(&["not-started", "in-progress"])
            } else {
                self.pick(&["met", "met", "revised", "dropped", "in-progress"])
            };
            let _ = write!(
                text,
                "  - text: {goal}\n    target: {target}\n    status: {status}\n"
            );
        }
        text.push_str("signatures:\n");
        for signer in std::iter::once(&mentee_id).chain(&mentor_ids) {
            let signed = plus(start, self.rng.i64(0..=20)).min(self.as_of);
            let _ = write!(text, "  - person: {signer}\n    date: {signed}\n");
        }
        match (end, replaced_by) {
            (Some(end), Some(next)) => {
                let _ = write!(
                    text,
                    "status: replaced\nend: {end}\nreplaced_by: {next}\nchange_approved_by: {director}\n"
                );
            }
            (Some(end), None) => {
                let _ = writeln!(text, "status: concluded\nend: {end}");
            }
            _ => text.push_str("status: active\n"),
        }
        let _ = write!(
            text,
            "---\n# Mentoring agreement\n\nBetween {mentee_name} (mentee) and {} (mentor), from {start} to \
             {planned_end}.\n\n## Meetings\n\nWe will meet {frequency}, {modality}, and never less than \
             twice in an academic year. Either of us may ask for an extra meeting when something comes \
             up. The mentee proposes dates and brings an agenda; the mentor keeps the time free and lets \
             the mentee know early if a meeting has to move.\n\n## Confidentiality\n\nOur conversations \
             are private. The division records only the dates on which we met, to show that meetings \
             happen; no notes on what we discussed are kept by the division or by the mentor.\n\n\
             ## Raising concerns\n\nIf the relationship is not working for the mentee, they may ask the \
             program director for a different mentor; they do not have to explain the request to the \
             mentor.\n",
            mentor_names.join(" and ")
        );
        text
    }

    fn program(&mut self) {
        let text = format!(
            "---\nname: Faculty Mentoring Program\ndivision: Example School of Medicine\n\
             academic_year_start: \"07-01\"\ndirector: {}\nchief: {}\nmentor_community: The Example Mentor Circle\n---\n\
             # Faculty Mentoring Program\n\nA generated program: every junior faculty member has an assigned \
             senior mentor, a peer group and a yearly career-planning conference with the chief. Only the \
             dates of mentoring meetings are recorded, never their content.\n",
            self.people[0].id, self.people[1].id
        );
        self.files.push(("program.md".to_owned(), text));
    }

    fn meeting_logs(&mut self) {
        for a in 0..self.agreements.len() {
            let (start, last) = (
                self.agreements[a].start,
                self.agreements[a].last(self.as_of),
            );
            let mut dates = Vec::new();
            let mut year = start.year() - 1;
            while year <= self.last_year {
                let from = year_first(year).max(start);
                let to = year_last(year).min(last);
                year += 1;
                if from > to {
                    continue;
                }
                let span = days_between(from, to) + 1;
                // 2-5 meetings in a full year, fewer in a part year.
                let full = self.rng.i64(2..=5);
                let count = ((full * span + 364) / 365).clamp(1, span);
                // Spread over the year: one date in each of `count` equal slots.
                for slot in 0..count {
                    let slot_start = plus(from, slot * span / count);
                    let slot_end = plus(from, (slot + 1) * span / count - 1);
                    dates.push(self.date_in(slot_start, slot_end));
                }
            }
            let mut text = format!("---\nagreement: {}\nmeetings:", self.agreements[a].id);
            if dates.is_empty() {
                text.push_str(" []\n");
            } else {
                text.push('\n');
            }
            for d in dates {
                let _ = writeln!(text, "  - date: {d}");
                if self.rng.f64() < 0.7 {
                    let _ = writeln!(text, "    minutes: {}", 15 * self.rng.i64(2..=6));
                }
                if self.rng.f64() < 0.2 {
                    let m = self.pick(&["in-person", "virtual", "hybrid"]);
                    let _ = writeln!(text, "    modality: {m}");
                }
            }
            text.push_str("---\n");
            self.files
                .push((format!("meetings/{}.md", self.agreements[a].id), text));
        }
    }

    /// Writes one self-assessment; `level` (0.0 to 1.0) moves the answers up the scale.
    fn assessment(
        &mut self,
        person: usize,
        instrument: &str,
        on: Date,
        phase: &str,
        agreement: Option<&str>,
        level: f64,
    ) {
        let mut on = on.min(self.as_of);
        let person_id = self.people[person].id.clone();
        let path = loop {
            let path = format!("assessments/{person_id}/{on}-{instrument}.md");
            if self.assessment_paths.insert(path.clone()) {
                break path;
            }
            on = plus(on, -1);
        };
        let Some(inst) = self.instruments.iter().position(|i| i.id == instrument) else {
            panic!("no built-in instrument `{instrument}`");
        };
        let mut text = format!(
            "---\nperson: {person_id}\ninstrument: {instrument}\ndate: {on}\nphase: {phase}\n"
        );
        if let Some(a) = agreement {
            let _ = writeln!(text, "agreement: {a}");
        }
        text.push_str("responses:\n");
        let (min, max) = (self.instruments[inst].min, self.instruments[inst].max);
        for k in 0..self.instruments[inst].items.len() {
            let centre = min as f64 + level * (max - min) as f64;
            let jitter = self.rng.f64() * 2.0 - 1.0;
            let value = ((centre + jitter).round() as i64).clamp(min, max);
            let _ = writeln!(text, "  {}: {value}", self.instruments[inst].items[k]);
        }
        text.push_str("---\n");
        self.files.push((path, text));
    }

    fn assessments(&mut self) {
        let mut mentor_first: Vec<Option<Date>> = vec![None; self.people.len()];
        for a in 0..self.agreements.len() {
            let ag = &self.agreements[a];
            let (id, mentee, start, end) = (ag.id.clone(), ag.mentee, ag.start, ag.end);
            for &m in &ag.mentors {
                mentor_first[m] = Some(mentor_first[m].map_or(start, |d| d.min(start)));
            }
            let baseline = plus(start, self.rng.i64(5..=50));
            if baseline <= self.as_of {
                self.assessment(
                    mentee,
                    "mentee-career-self-assessment",
                    baseline,
                    "baseline",
                    Some(&id),
                    0.3,
                );
                if self.rng.f64() < 0.3 {
                    self.assessment(
                        mentee,
                        "mentoring-competency-assessment",
                        baseline,
                        "baseline",
                        Some(&id),
                        0.4,
                    );
                }
            }
            let midpoint = plus(start, self.rng.i64(330..=420));
            if midpoint <= self.as_of && end.is_none_or(|e| midpoint < e) {
                self.assessment(
                    mentee,
                    "mentee-career-self-assessment",
                    midpoint,
                    "midpoint",
                    Some(&id),
                    0.5,
                );
            }
            if let Some(end) = end {
                let last = plus(end, self.rng.i64(-20..=40));
                if last <= self.as_of {
                    self.assessment(
                        mentee,
                        "mentee-career-self-assessment",
                        last,
                        "final",
                        Some(&id),
                        0.7,
                    );
                }
            }
        }
        for (m, first) in mentor_first.into_iter().enumerate() {
            let Some(first) = first else { continue };
            let on = plus(first, -self.rng.i64(5..=40));
            self.assessment(m, "mentor-readiness-checklist", on, "baseline", None, 0.8);
            self.assessment(m, "mentor-skills-inventory", on, "baseline", None, 0.6);
            if self.rng.f64() < 0.5 {
                let later = plus(first, self.rng.i64(20..=60));
                self.assessment(
                    m,
                    "mentoring-competency-assessment",
                    later,
                    "baseline",
                    None,
                    0.6,
                );
            }
        }
    }

    /// Mentees with an agreement covering `on`, in person order.
    fn active_mentees(&self, on: Date) -> Vec<usize> {
        let mut active: Vec<usize> = self
            .agreements
            .iter()
            .filter(|a| a.start <= on && on <= a.end.unwrap_or(a.planned_end))
            .map(|a| a.mentee)
            .collect();
        active.sort_unstable();
        active.dedup();
        active
    }

    fn groups(&mut self) {
        let facilitators: Vec<usize> = (0..self.people.len())
            .filter(|&i| self.people[i].facilitator)
            .collect();
        if facilitators.is_empty() {
            return;
        }
        for year in self.first_year..=self.last_year {
            let september = date(year, 9, 1);
            let mut joining: Vec<usize> = self
                .active_mentees(september)
                .into_iter()
                .filter(|_| self.rng.f64() < 0.7)
                .collect();
            self.rng.shuffle(&mut joining);
            let mut k = 0;
            while !joining.is_empty() {
                let size = self.rng.usize(5..=8).min(joining.len());
                let mut members: Vec<usize> = joining.drain(..size).collect();
                members.sort_unstable();
                k += 1;
                let (slug, name, topics) = GROUP_KINDS[self.rng.usize(..GROUP_KINDS.len())];
                let id = format!("{}-{slug}-{k:02}", year_name(year));
                let facilitator = facilitators[self.rng.usize(..facilitators.len())];
                let member_ids: Vec<&str> = members
                    .iter()
                    .map(|&m| self.people[m].id.as_str())
                    .collect();
                let mut text = format!(
                    "---\nid: {id}\nname: {name} ({k})\nacademic_year: {}\nfacilitator: {}\nmembers: [{}]\ntopics: [{}]\nsessions:\n",
                    year_name(year),
                    self.people[facilitator].id,
                    member_ids.join(", "),
                    topics.join(", ")
                );
                let weekday = self.rng.i64(0..=4);
                for month in 0..9 {
                    // September to May, the same weekday in the second week.
                    let first = september
                        .checked_add(Span::new().months(month))
                        .unwrap_or(september);
                    let on = plus(first, 7 + weekday);
                    let attended: Vec<&str> = member_ids
                        .iter()
                        .copied()
                        .filter(|_| self.rng.f64() < 0.85)
                        .collect();
                    let _ = write!(
                        text,
                        "  - date: {on}\n    attended: [{}]\n",
                        attended.join(", ")
                    );
                }
                let _ = write!(
                    text,
                    "---\nA peer mentoring group of {} faculty for {}, facilitated by {}.\n",
                    members.len(),
                    year_name(year),
                    self.people[facilitator].name
                );
                self.files.push((format!("groups/{id}.md"), text));
            }
        }
    }

    fn communities(&mut self) {
        for year in self.first_year..=self.last_year {
            let (from, to) = (year_first(year), year_last(year));
            let mut active: Vec<usize> = self
                .agreements
                .iter()
                .filter(|a| a.start <= to && from <= a.end.unwrap_or(a.planned_end))
                .flat_map(|a| a.mentors.iter().copied())
                .collect();
            active.push(0);
            active.sort_unstable();
            active.dedup();
            let mut text = format!("---\nacademic_year: {}\nmeetings:\n", year_name(year));
            for (month, topic) in COMMUNITY_TOPICS.iter().enumerate() {
                let first = from
                    .checked_add(Span::new().months(i64::try_from(month).unwrap_or(0) + 1))
                    .unwrap_or(from);
                let on = plus(first, 3);
                let attended: Vec<&str> = active
                    .iter()
                    .filter(|_| self.rng.f64() < 0.75)
                    .map(|&m| self.people[m].id.as_str())
                    .collect();
                let _ = write!(
                    text,
                    "  - date: {on}\n    topic: \"{topic}\"\n    attended: [{}]\n",
                    attended.join(", ")
                );
            }
            text.push_str("---\n");
            self.files
                .push((format!("community/{}.md", year_name(year)), text));
        }
    }

    fn summaries(&mut self) {
        for year in self.first_year..=self.last_year {
            let conference = date(year + 1, 4, 15);
            for mentee in self.active_mentees(conference) {
                let on = plus(conference, self.rng.i64(-10..=30)).min(self.as_of);
                let times = self.rng.usize(2..=5);
                let aim = self.pick(&ASPIRATIONS);
                let goal = self.pick(&GOALS).to_lowercase();
                let text = format!(
                    "---\nmentee: {}\nacademic_year: {}\nconference_date: {on}\n---\n\
                     My mentor and I met {times} times this year, mostly about how to {aim}.\n\n\
                     - Made progress on the goal to {goal}.\n\
                     - Kept protected time for scholarship most weeks.\n\
                     - Took part in a peer mentoring group.\n\n\
                     Next year I want to finish what I started and would welcome the chief's advice \
                     on where to focus.\n",
                    self.people[mentee].id,
                    year_name(year)
                );
                self.files.push((
                    format!(
                        "summaries/{}/{}.md",
                        year_name(year),
                        self.people[mentee].id
                    ),
                    text,
                ));
            }
        }
    }
}
