//! Test records for the rules' unit tests, built from JSON like the front matter they stand for.

use jiff::civil::Date;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::{Finding, Rule, evaluate};
use crate::model::{Program, ProgramConfig, Rules};

/// A date from `YYYY-MM-DD`.
pub(crate) fn d(text: &str) -> Date {
    text.parse().expect("test dates are valid")
}

fn from_json<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("test records match the model")
}

/// Merges the keys of `extra` into `base` (one level).
fn merge(mut base: Value, extra: Value) -> Value {
    if let (Some(base), Value::Object(extra)) = (base.as_object_mut(), extra) {
        base.extend(extra);
    }
    base
}

/// A program under construction.
pub(crate) struct Fixture {
    program: Program,
}

impl Fixture {
    /// A program with default rules and no records but `program.md`.
    pub(crate) fn new() -> Self {
        let mut config: ProgramConfig = from_json(json!({
            "name": "Test Program", "division": "Division of Tests",
            "director": "c-director", "chief": "d-chief",
        }));
        config.path = "program.md".to_owned();
        let mut program = Program::default();
        program.config = Some(config);
        Fixture { program }
    }

    /// [`Fixture::new`] with two mentees and two mentors in two pairs that run from 2024-07-01
    /// to 2027-06-30: `2024-a` (mentee `v`, mentors `b` and `c`) and `2024-b` (mentee `w`,
    /// mentor `b`).
    pub(crate) fn two_pairs() -> Self {
        let pair = ("2024-07-01", "2027-06-30");
        Fixture::new()
            .person("v", "2024-07-01", &["mentee"], json!({}))
            .person("w", "2024-07-01", &["mentee"], json!({}))
            .person("b", "2000-07-01", &["mentor"], json!({}))
            .person("c", "2000-07-01", &["mentor"], json!({}))
            .agreement("2024-a", "v", &["b", "c"], pair, json!({}))
            .agreement("2024-b", "w", &["b"], pair, json!({}))
    }

    /// Changes rule parameters.
    pub(crate) fn rules(mut self, change: impl FnOnce(&mut Rules)) -> Self {
        if let Some(config) = self.program.config.as_mut() {
            change(&mut config.rules);
        }
        self
    }

    /// Sets the month and day the academic year starts (`"09-01"`).
    pub(crate) fn year_start(mut self, start: &str) -> Self {
        if let Some(config) = self.program.config.as_mut() {
            config.academic_year_start = start.parse().expect("a month and day");
        }
        self
    }

    /// Adds a person; `extra` adds or replaces fields (`milestones`, `promotion_due`).
    pub(crate) fn person(mut self, id: &str, start: &str, roles: &[&str], extra: Value) -> Self {
        let mut p: crate::model::Person = from_json(merge(
            json!({
                "id": id, "name": format!("Dr. {id}"), "rank": "assistant-professor",
                "track": "investigator", "start_date": start, "roles": roles,
            }),
            extra,
        ));
        p.path = format!("people/{id}.md");
        self.program.people.push(p);
        self
    }

    /// Adds an active agreement signed by everyone on its start date; `extra` adds or replaces
    /// fields (`signatures`, `status`, `end`).
    pub(crate) fn agreement(
        mut self,
        id: &str,
        mentee: &str,
        mentors: &[&str],
        (start, planned_end): (&str, &str),
        extra: Value,
    ) -> Self {
        let mut signatures = vec![json!({"person": mentee, "date": start})];
        signatures.extend(mentors.iter().map(|m| json!({"person": m, "date": start})));
        let mut a: crate::model::Agreement = from_json(merge(
            json!({
                "id": id, "mentee": mentee, "mentors": mentors, "start": start,
                "planned_end": planned_end, "meeting_frequency": "quarterly",
                "modality": "in-person", "confidentiality_acknowledged": true,
                "signatures": signatures, "status": "active",
            }),
            extra,
        ));
        a.path = format!("agreements/{id}.md");
        self.program.agreements.push(a);
        self
    }

    /// Adds the meeting log of `agreement`.
    pub(crate) fn meetings(mut self, agreement: &str, dates: &[&str]) -> Self {
        let meetings: Vec<Value> = dates.iter().map(|d| json!({"date": d})).collect();
        let mut log: crate::model::MeetingLog =
            from_json(json!({"agreement": agreement, "meetings": meetings}));
        log.path = format!("meetings/{agreement}.md");
        self.program.meeting_logs.push(log);
        self
    }

    /// Adds a peer mentoring group with sessions `(date, attended)`.
    pub(crate) fn group(
        mut self,
        id: &str,
        year: &str,
        members: &[&str],
        sessions: &[(&str, &[&str])],
    ) -> Self {
        let sessions: Vec<Value> = sessions
            .iter()
            .map(|(d, who)| json!({"date": d, "attended": who}))
            .collect();
        let mut g: crate::model::Group = from_json(json!({
            "id": id, "name": format!("Group {id}"), "academic_year": year,
            "facilitator": "f-facilitator", "members": members, "sessions": sessions,
        }));
        g.path = format!("groups/{id}.md");
        self.program.groups.push(g);
        self
    }

    /// Marks the last group added as proposed (`status: proposed`).
    pub(crate) fn proposed(mut self) -> Self {
        if let Some(g) = self.program.groups.last_mut() {
            g.status = crate::model::GroupStatus::Proposed;
        }
        self
    }

    /// Adds a mentor community year with meetings `(date, attended)`.
    pub(crate) fn community(mut self, year: &str, meetings: &[(&str, &[&str])]) -> Self {
        let meetings: Vec<Value> = meetings
            .iter()
            .map(|(d, who)| json!({"date": d, "attended": who}))
            .collect();
        let mut c: crate::model::Community =
            from_json(json!({"academic_year": year, "meetings": meetings}));
        c.path = format!("community/{year}.md");
        self.program.communities.push(c);
        self
    }

    /// Adds a self-assessment.
    pub(crate) fn assessment(
        mut self,
        person: &str,
        date: &str,
        phase: &str,
        agreement: Option<&str>,
    ) -> Self {
        let mut a: crate::model::Assessment = from_json(json!({
            "person": person, "instrument": "mentee-career-self-assessment", "date": date,
            "phase": phase, "agreement": agreement, "responses": {},
        }));
        a.path = format!("assessments/{person}/{date}-mentee-career-self-assessment.md");
        self.program.assessments.push(a);
        self
    }

    /// The program, indexed. Mentees, mentors and group members named but not added as people
    /// are added (started 2000-07-01), since the rules skip unknown people.
    pub(crate) fn build(mut self) -> Program {
        let mut missing: Vec<(String, &str)> = Vec::new();
        for a in &self.program.agreements {
            missing.push((a.mentee.clone(), "mentee"));
            missing.extend(a.mentors.iter().map(|m| (m.clone(), "mentor")));
        }
        for g in &self.program.groups {
            missing.extend(g.members.iter().map(|m| (m.clone(), "mentee")));
        }
        for (id, role) in missing {
            if !self.program.people.iter().any(|p| p.id == id) {
                self = self.person(&id, "2000-07-01", &[role], json!({}));
            }
        }
        self.program.index();
        self.program
    }

    /// The findings of `rule` as of `as_of`.
    pub(crate) fn eval(self, rule: Rule, as_of: &str) -> Vec<Finding> {
        evaluate(&self.build(), d(as_of))
            .findings
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect()
    }
}
