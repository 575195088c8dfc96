//! People: milestone dates record what has happened, so none is after the as-of date.

use jiff::civil::Date;

use crate::diag::Diagnostic;
use crate::model::Program;

pub(super) fn check(program: &Program, as_of: Date, out: &mut Vec<Diagnostic>) {
    for p in &program.people {
        let m = &p.milestones;
        let milestones = [
            ("salary_plan", m.salary_plan),
            ("appraisal_prep", m.appraisal_prep),
            ("promotion_packet", m.promotion_packet),
        ];
        for (name, date) in milestones {
            if let Some(date) = date.filter(|d| *d > as_of) {
                out.push(super::future(
                    &p.path,
                    format!("/milestones/{name}"),
                    &format!("milestone `{name}`"),
                    date,
                    as_of,
                ));
            }
        }
        let steps = p.intake.as_ref().map(|i| i.steps()).unwrap_or_default();
        for (name, date) in steps {
            if let Some(date) = date.filter(|d| *d > as_of) {
                out.push(super::future(
                    &p.path,
                    format!("/intake/{name}"),
                    &format!("intake step `{name}`"),
                    date,
                    as_of,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use serde_json::json;

    use super::*;
    use crate::diag::Code;

    #[test]
    fn errors_on_a_milestone_after_the_as_of_date() {
        let mut person: crate::model::Person = serde_json::from_value(json!({
            "id": "a-example", "name": "A", "rank": "assistant-professor",
            "track": "clinician-educator", "start_date": "2024-08-01", "roles": ["mentee"],
            "promotion_due": "2030-07-01",
            "milestones": {"salary_plan": "2026-03-01", "promotion_packet": "2026-03-02"},
        }))
        .expect("a person");
        person.path = "people/a-example.md".to_owned();
        let mut program = Program::default();
        program.people.push(person);
        program.index();
        let mut out = Vec::new();
        check(&program, date(2026, 3, 1), &mut out);
        let found: Vec<(Code, Option<&str>)> =
            out.iter().map(|d| (d.code, d.pointer.as_deref())).collect();
        assert_eq!(
            found,
            [(Code::DateInFuture, Some("/milestones/promotion_packet"))]
        );
        assert_eq!(
            out[0].message,
            "milestone `promotion_packet` is dated `2026-03-02`, after the as-of date 2026-03-01"
        );
    }

    #[test]
    fn errors_on_an_intake_step_after_the_as_of_date() {
        let mut person: crate::model::Person = serde_json::from_value(json!({
            "id": "a-example", "name": "A", "rank": "assistant-professor",
            "track": "clinician-educator", "start_date": "2026-01-05", "roles": ["mentee"],
            "email": "a.example@example.invalid",
            "intake": {"notified": "2026-01-02", "welcomed": "2026-03-01", "director_meeting": "2026-03-09"},
        }))
        .expect("a person");
        person.path = "people/a-example.md".to_owned();
        let mut program = Program::default();
        program.people.push(person);
        program.index();
        let mut out = Vec::new();
        check(&program, date(2026, 3, 1), &mut out);
        let found: Vec<(Code, Option<&str>)> =
            out.iter().map(|d| (d.code, d.pointer.as_deref())).collect();
        assert_eq!(
            found,
            [(Code::DateInFuture, Some("/intake/director_meeting"))]
        );
        assert!(
            out[0].message.contains("intake step `director_meeting`"),
            "{}",
            out[0].message
        );
    }
}
