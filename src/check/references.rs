//! Every reference resolves to a record, and people hold the roles they are named in.

use crate::diag::{Code, Diagnostic};
use crate::layout::RecordKind;
use crate::model::{Assessment, Instrument, Program, Role};
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
            self.person(
                &c.path,
                At::Field("/director"),
                &c.director,
                Some(Role::Director),
            );
            self.person(&c.path, At::Field("/chief"), &c.chief, Some(Role::Chief));
        }
        for a in &program.agreements {
            self.person(&a.path, At::Field("/mentee"), &a.mentee, Some(Role::Mentee));
            for (i, m) in a.mentors.iter().enumerate() {
                let at = At::Item("/mentors", i);
                if *m == a.mentee {
                    self.self_mentor(&a.path, at, m);
                } else {
                    self.person(&a.path, at, m, Some(Role::Mentor));
                }
            }
            for (i, s) in a.signatures.iter().enumerate() {
                self.person(&a.path, At::Signature(i), &s.person, None);
            }
            if let Some(by) = &a.change_approved_by {
                self.person(&a.path, At::Field("/change_approved_by"), by, None);
            }
            if let Some(next) = &a.replaced_by {
                self.agreement(&a.path, At::Field("/replaced_by"), next);
            }
        }
        for log in &program.meeting_logs {
            self.agreement(&log.path, At::Field("/agreement"), &log.agreement);
        }
        for g in &program.groups {
            self.person(
                &g.path,
                At::Field("/facilitator"),
                &g.facilitator,
                Some(Role::Facilitator),
            );
            for (i, m) in g.members.iter().enumerate() {
                self.person(&g.path, At::Item("/members", i), m, None);
            }
        }
        for c in &program.communities {
            for (i, m) in c.meetings.iter().enumerate() {
                for (j, who) in m.attended.iter().enumerate() {
                    self.person(&c.path, At::Attended(i, j), who, Some(Role::Mentor));
                }
            }
        }
        for a in &program.assessments {
            self.person(&a.path, At::Field("/person"), &a.person, None);
            match program.instrument(&a.instrument) {
                Some(instrument) => self.taken_by(a, instrument),
                None if program.is_unreadable(RecordKind::Instrument, &a.instrument) => {}
                None => {
                    let known: Vec<&str> =
                        program.instruments.iter().map(|i| i.id.as_str()).collect();
                    self.unknown(
                        &a.path,
                        At::Field("/instrument"),
                        "instrument",
                        &a.instrument,
                        &known,
                    );
                }
            }
            if let Some(agreement) = &a.agreement {
                self.agreement(&a.path, At::Field("/agreement"), agreement);
                self.own_agreement(a, agreement);
            }
        }
        for s in &program.summaries {
            self.person(&s.path, At::Field("/mentee"), &s.mentee, Some(Role::Mentee));
        }
        for a in &program.applications {
            self.person(&a.path, At::Field("/person"), &a.person, None);
            for (i, who) in a.avoid.iter().enumerate() {
                self.person(&a.path, At::Item("/avoid", i), who, None);
            }
        }
    }

    fn person(&mut self, path: &str, at: At<'_>, id: &str, role: Option<Role>) {
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
                        .at_value(at.pointer())
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
                self.unknown(path, at, "person", id, &known);
            }
        }
    }

    fn agreement(&mut self, path: &str, at: At<'_>, id: &str) {
        if self.program.agreement(id).is_none()
            && !self.program.is_unreadable(RecordKind::Agreement, id)
        {
            let known: Vec<&str> = self
                .program
                .agreements
                .iter()
                .map(|a| a.id.as_str())
                .collect();
            self.unknown(path, at, "agreement", id, &known);
        }
    }

    /// A mentor who is the agreement's own mentee (M204).
    fn self_mentor(&mut self, path: &str, at: At<'_>, id: &str) {
        self.out.push(
            Diagnostic::new(
                Code::WrongRole,
                path,
                format!("`{id}` is the mentee of this agreement and also one of its mentors"),
            )
            .at_value(at.pointer())
            .with_help(format!(
                "a mentee cannot mentor themselves; remove `{id}` from `mentors`"
            ))
            .with_related(path, "/mentee", "the mentee"),
        );
    }

    /// A self-assessment taken by someone who holds none of the instrument's `taken_by` roles
    /// (M204). An unknown person is reported as M203 instead.
    fn taken_by(&mut self, a: &Assessment, instrument: &Instrument) {
        let Some(person) = self.program.person(&a.person) else {
            return;
        };
        if instrument.taken_by.iter().any(|&r| person.has_role(r)) {
            return;
        }
        let takers: Vec<String> = instrument
            .taken_by
            .iter()
            .map(|r| format!("{}s", r.as_str()))
            .collect();
        let roles: Vec<&str> = person.roles.iter().map(|r| r.as_str()).collect();
        let wanted: Vec<&str> = instrument.taken_by.iter().map(|r| r.as_str()).collect();
        let theirs: Vec<String> = person
            .roles
            .iter()
            .map(|r| format!("{}s", r.as_str()))
            .collect();
        self.out.push(
            Diagnostic::new(
                Code::WrongRole,
                &a.path,
                format!(
                    "`{}` took `{}`, which is taken by {}; `{}` has roles {}",
                    person.id,
                    instrument.id,
                    takers.join(" and "),
                    person.id,
                    list(&roles)
                ),
            )
            .at_value("/instrument")
            .with_help(format!(
                "use an instrument taken by {}, or add {} to `roles` in `{}`",
                theirs.join(" or "),
                or_list(&wanted),
                person.path
            ))
            .with_related(&instrument.path, "/taken_by", "who takes the instrument"),
        );
    }

    /// A self-assessment's `agreement` that exists but is not the person's own: they are
    /// neither its mentee nor one of its mentors (M203).
    fn own_agreement(&mut self, a: &Assessment, id: &str) {
        let Some(agreement) = self.program.agreement(id) else {
            return;
        };
        let is_party = agreement.mentee == a.person || agreement.mentors.contains(&a.person);
        // A misspelt person, mentee or mentor is already an unknown reference; comparing
        // against it would only repeat that error.
        let parties_known = std::iter::once(&agreement.mentee)
            .chain(&agreement.mentors)
            .chain(std::iter::once(&a.person))
            .all(|p| self.program.person(p).is_some());
        if is_party || !parties_known {
            return;
        }
        let own: Vec<&str> = self
            .program
            .agreements
            .iter()
            .filter(|g| g.mentee == a.person || g.mentors.contains(&a.person))
            .map(|g| g.id.as_str())
            .collect();
        let person = &a.person;
        let help = match own.as_slice() {
            [] => format!("`{person}` is in no agreement; remove `agreement`, or correct `person`"),
            [only] => format!("did you mean `{only}`, `{person}`'s agreement?"),
            many => format!("`{person}`'s agreements are {}", list(many)),
        };
        self.out.push(
            Diagnostic::new(
                Code::UnknownReference,
                &a.path,
                format!(
                    "agreement `{id}` is not `{}`'s: its mentee is `{}` and its mentors are {}",
                    a.person,
                    agreement.mentee,
                    list(
                        &agreement
                            .mentors
                            .iter()
                            .map(String::as_str)
                            .collect::<Vec<_>>()
                    )
                ),
            )
            .at_value("/agreement")
            .with_help(help)
            .with_related(&agreement.path, "/mentee", "the agreement's mentee"),
        );
    }

    fn unknown(&mut self, path: &str, at: At<'_>, noun: &str, id: &str, known: &[&str]) {
        let d = Diagnostic::new(
            Code::UnknownReference,
            path,
            format!("unknown {noun} `{id}`"),
        )
        .at_value(at.pointer());
        let d = match suggest::closest(id, known.iter().copied()) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d.with_help(format!("no {noun} record has this id")),
        };
        self.out.push(d);
    }
}

/// Where in a record a reference is. Its JSON Pointer is made only for a diagnostic: nearly
/// every reference is fine, and formatting a pointer for each of the 5,000-faculty program's
/// references (community attendance alone names thousands) cost more than checking them.
#[derive(Clone, Copy)]
enum At<'a> {
    /// A top-level field: `/mentee`.
    Field(&'a str),
    /// An item of a top-level list: `/mentors` and 0 make `/mentors/0`.
    Item(&'a str, usize),
    /// The person of an agreement's signature: `/signatures/<i>/person`.
    Signature(usize),
    /// A mentor who attended a community meeting: `/meetings/<i>/attended/<j>`.
    Attended(usize, usize),
}

impl At<'_> {
    fn pointer(self) -> String {
        match self {
            At::Field(field) => field.to_owned(),
            At::Item(list, i) => format!("{list}/{i}"),
            At::Signature(i) => format!("/signatures/{i}/person"),
            At::Attended(i, j) => format!("/meetings/{i}/attended/{j}"),
        }
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

/// `` `a` or `b` `` for one or more items.
fn or_list(items: &[&str]) -> String {
    match items.split_last() {
        Some((last, [])) => format!("`{last}`"),
        Some((last, rest)) => format!("{} or `{last}`", list(rest)),
        None => String::new(),
    }
}
