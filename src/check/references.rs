//! Every reference resolves to a record, and people hold the roles they are named in.

use crate::diag::{Code, Diagnostic};
use crate::layout::RecordKind;
use crate::model::{Program, Role};
use crate::suggest;

pub(super) fn check(program: &Program, out: &mut Vec<Diagnostic>) {
    let r = Refs { program, out };
    r.run();
}

struct Refs<'p, 'o> {
    program: &'p Program,
    out: &'o mut Vec<Diagnostic>,
}

impl Refs<'_, '_> {
    fn run(mut self) {
        let program = self.program;
        if let Some(c) = &program.config {
            self.person(&c.path, "/director", &c.director, Some(Role::Director));
            self.person(&c.path, "/chief", &c.chief, Some(Role::Chief));
        }
        for a in &program.agreements {
            self.person(&a.path, "/mentee", &a.mentee, Some(Role::Mentee));
            for (i, m) in a.mentors.iter().enumerate() {
                self.person(&a.path, &format!("/mentors/{i}"), m, Some(Role::Mentor));
            }
            for (i, s) in a.signatures.iter().enumerate() {
                self.person(&a.path, &format!("/signatures/{i}/person"), &s.person, None);
            }
            if let Some(by) = &a.change_approved_by {
                self.person(&a.path, "/change_approved_by", by, None);
            }
            if let Some(next) = &a.replaced_by {
                self.agreement(&a.path, "/replaced_by", next);
            }
        }
        for log in &program.meeting_logs {
            self.agreement(&log.path, "/agreement", &log.agreement);
        }
        for g in &program.groups {
            self.person(
                &g.path,
                "/facilitator",
                &g.facilitator,
                Some(Role::Facilitator),
            );
            for (i, m) in g.members.iter().enumerate() {
                self.person(&g.path, &format!("/members/{i}"), m, None);
            }
        }
        for c in &program.communities {
            for (i, m) in c.meetings.iter().enumerate() {
                for (j, who) in m.attended.iter().enumerate() {
                    self.person(
                        &c.path,
                        &format!("/meetings/{i}/attended/{j}"),
                        who,
                        Some(Role::Mentor),
                    );
                }
            }
        }
        for a in &program.assessments {
            self.person(&a.path, "/person", &a.person, None);
            if program.instrument(&a.instrument).is_none()
                && !program.is_unreadable(RecordKind::Instrument, &a.instrument)
            {
                let known: Vec<&str> = program.instruments.iter().map(|i| i.id.as_str()).collect();
                self.unknown(&a.path, "/instrument", "instrument", &a.instrument, &known);
            }
            if let Some(agreement) = &a.agreement {
                self.agreement(&a.path, "/agreement", agreement);
            }
        }
        for s in &program.summaries {
            self.person(&s.path, "/mentee", &s.mentee, Some(Role::Mentee));
        }
    }

    fn person(&mut self, path: &str, pointer: &str, id: &str, role: Option<Role>) {
        match self.program.person(id) {
            Some(person) => {
                if let Some(role) = role.filter(|&r| !person.has_role(r)) {
                    let roles: Vec<&str> = person.roles.iter().map(|r| r.as_str()).collect();
                    self.out.push(
                        Diagnostic::new(
                            Code::WrongRole,
                            path,
                            format!(
                                "`{id}` is named as {} but does not have the role `{}`",
                                article(role.as_str()),
                                role.as_str()
                            ),
                        )
                        .at_value(pointer)
                        .with_help(format!(
                            "`{id}` has roles {}; add `{}` to `roles` in `{}`",
                            list(&roles),
                            role.as_str(),
                            person.path
                        ))
                        .with_related(
                            &person.path,
                            "/roles",
                            "roles defined here",
                        ),
                    );
                }
            }
            None if self.program.is_unreadable(RecordKind::Person, id) => {}
            None => {
                let known: Vec<&str> = self.program.people.iter().map(|p| p.id.as_str()).collect();
                self.unknown(path, pointer, "person", id, &known);
            }
        }
    }

    fn agreement(&mut self, path: &str, pointer: &str, id: &str) {
        if self.program.agreement(id).is_none()
            && !self.program.is_unreadable(RecordKind::Agreement, id)
        {
            let known: Vec<&str> = self
                .program
                .agreements
                .iter()
                .map(|a| a.id.as_str())
                .collect();
            self.unknown(path, pointer, "agreement", id, &known);
        }
    }

    fn unknown(&mut self, path: &str, pointer: &str, noun: &str, id: &str, known: &[&str]) {
        let d = Diagnostic::new(
            Code::UnknownReference,
            path,
            format!("unknown {noun} `{id}`"),
        )
        .at_value(pointer);
        let d = match suggest::closest(id, known.iter().copied()) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d.with_help(format!("no {noun} record has this id")),
        };
        self.out.push(d);
    }
}

fn article(word: &str) -> String {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {word}")
    } else {
        format!("a {word}")
    }
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
