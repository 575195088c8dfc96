//! Ids are unique, and a record's id, person, date and year agree with its path.

use std::collections::HashMap;

use crate::diag::{Code, Diagnostic};
use crate::layout;
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
        let mut first: HashMap<&str, &str> = HashMap::new();
        for &(id, path) in records {
            if let Some(&earlier) = first.get(id) {
                out.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        path,
                        format!("{noun} id `{id}` is already used by `{earlier}`"),
                    )
                    .at_value("/id")
                    .with_related(earlier, "/id", "first defined here"),
                );
            } else {
                first.insert(id, path);
            }
            if layout::stem(path) != id {
                out.push(mismatch(
                    path,
                    "/id",
                    format!(
                        "id `{id}` differs from the file name `{}`",
                        layout::stem(path)
                    ),
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
        if layout::stem(&a.path) != expected {
            out.push(
                mismatch(
                    &a.path,
                    "/date",
                    format!(
                        "file name `{}` does not match its date and instrument",
                        layout::stem(&a.path)
                    ),
                )
                .with_help(format!("name the file `{expected}.md`")),
            );
        }
    }
}

fn mismatch(path: &str, pointer: &str, message: String) -> Diagnostic {
    Diagnostic::new(Code::PathMismatch, path, message)
        .at_value(pointer)
        .with_help("rename the file or correct the field so they agree")
}
