//! Ids are unique, and a record's id, person, date and year agree with its path.

use std::collections::HashMap;

use crate::diag::{Code, Diagnostic};
use crate::layout::{self, RecordKind};
use crate::model::Program;

pub(super) fn check(program: &Program, out: &mut Vec<Diagnostic>) {
    let with_ids: [(&str, Vec<(&str, &str)>); 4] = [
        (
            "person",
            program
                .people
                .iter()
                .map(|r| (r.id.as_str(), r.path.as_str()))
                .collect(),
        ),
        (
            "agreement",
            program
                .agreements
                .iter()
                .map(|r| (r.id.as_str(), r.path.as_str()))
                .collect(),
        ),
        (
            "group",
            program
                .groups
                .iter()
                .map(|r| (r.id.as_str(), r.path.as_str()))
                .collect(),
        ),
        (
            "instrument",
            program
                .instruments
                .iter()
                .filter(|i| !i.path.starts_with("schema/"))
                .map(|r| (r.id.as_str(), r.path.as_str()))
                .collect(),
        ),
    ];
    for (noun, records) in &with_ids {
        // The record whose file name is the id owns it (else the first by path); any other
        // record with that id is the duplicate, and its file name is reported with it.
        let mut owner: HashMap<&str, &str> = HashMap::new();
        for &(id, path) in records {
            if layout::stem(path) == id {
                owner.entry(id).or_insert(path);
            }
        }
        for &(id, path) in records {
            owner.entry(id).or_insert(path);
        }
        for &(id, path) in records {
            let stem = layout::stem(path);
            if owner[id] != path {
                out.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        path,
                        format!("{noun} id `{id}` is already the id of `{}`", owner[id]),
                    )
                    .at_value("/id")
                    .with_help(format!(
                        "give each record its own id, equal to its file name (`{stem}`)"
                    ))
                    .with_related(owner[id], "/id", "the other record"),
                );
            } else if stem != id {
                out.push(mismatch(
                    path,
                    "/id",
                    format!("id `{id}` differs from the file name `{stem}`"),
                ));
            }
        }
    }
    for log in &program.meeting_logs {
        if layout::stem(&log.path) != log.agreement {
            out.push(mismatch(
                &log.path,
                "/agreement",
                format!(
                    "meeting log is for agreement `{}` but is named `{}`",
                    log.agreement,
                    layout::stem(&log.path)
                ),
            ));
        }
    }
    for c in &program.communities {
        let year = c.academic_year.to_string();
        if layout::stem(&c.path) != year {
            out.push(mismatch(
                &c.path,
                "/academic_year",
                format!(
                    "academic year `{year}` differs from the file name `{}`",
                    layout::stem(&c.path)
                ),
            ));
        }
    }
    for s in &program.summaries {
        if layout::stem(&s.path) != s.mentee {
            out.push(mismatch(
                &s.path,
                "/mentee",
                format!(
                    "summary is for `{}` but the file is named `{}`",
                    s.mentee,
                    layout::stem(&s.path)
                ),
            ));
        }
        let year = s.academic_year.to_string();
        if layout::parent_name(&s.path) != year {
            out.push(mismatch(
                &s.path,
                "/academic_year",
                format!(
                    "academic year `{year}` differs from the folder `{}`",
                    layout::parent_name(&s.path)
                ),
            ));
        }
    }
    for a in &program.applications {
        if layout::stem(&a.path) != a.person {
            out.push(mismatch(
                &a.path,
                "/person",
                format!(
                    "application is by `{}` but the file is named `{}`",
                    a.person,
                    layout::stem(&a.path)
                ),
            ));
        }
        let year = a.year.to_string();
        if layout::parent_name(&a.path) != year {
            out.push(mismatch(
                &a.path,
                "/year",
                format!(
                    "academic year `{year}` differs from the folder `{}`",
                    layout::parent_name(&a.path)
                ),
            ));
        }
    }
    for a in &program.assessments {
        if layout::parent_name(&a.path) != a.person {
            out.push(mismatch(
                &a.path,
                "/person",
                format!(
                    "assessment is for `{}` but sits in the folder `{}`",
                    a.person,
                    layout::parent_name(&a.path)
                ),
            ));
        }
        let expected = format!("{}-{}", a.date, a.instrument);
        let stem = layout::stem(&a.path);
        if stem == expected {
            continue;
        }
        let (pointer, field) = if stem.starts_with(&format!("{}-", a.date)) {
            // An unknown instrument is reported as M203, with the closest known id.
            if program.instrument(&a.instrument).is_none()
                && !program.is_unreadable(RecordKind::Instrument, &a.instrument)
            {
                continue;
            }
            ("/instrument", format!("instrument `{}`", a.instrument))
        } else {
            ("/date", format!("date `{}`", a.date))
        };
        out.push(
            mismatch(
                &a.path,
                pointer,
                format!("{field} differs from the file name `{stem}`"),
            )
            .with_help(format!(
                "name the file `{expected}.md`, or correct the field"
            )),
        );
    }
}

fn mismatch(path: &str, pointer: &str, message: String) -> Diagnostic {
    Diagnostic::new(Code::PathMismatch, path, message)
        .at_value(pointer)
        .with_help("rename the file or correct the field so they agree")
}
