//! Ids are unique and equal their file names, and an assessment's file name is its date and
//! instrument. The other fields that must agree with the path are checked when a record is
//! loaded, from [`crate::layout::KINDS`].

use std::collections::HashMap;

use crate::diag::{Code, Diagnostic};
use crate::layout::{self, KINDS, RecordKind};
use crate::model::Program;

/// The `(id, path)` of every record of `kind` whose table entry has an `id` (built-in
/// instruments excluded: they are not the program's files).
fn ids(program: &Program, kind: RecordKind) -> Vec<(&str, &str)> {
    fn pairs<'a, T>(
        records: &'a [T],
        id: impl Fn(&'a T) -> (&'a str, &'a str),
    ) -> Vec<(&'a str, &'a str)> {
        records.iter().map(id).collect()
    }
    match kind {
        RecordKind::Person => pairs(&program.people, |r| (&r.id, &r.path)),
        RecordKind::Agreement => pairs(&program.agreements, |r| (&r.id, &r.path)),
        RecordKind::Group => pairs(&program.groups, |r| (&r.id, &r.path)),
        RecordKind::Instrument => pairs(&program.instruments, |r| (&r.id, &r.path))
            .into_iter()
            .filter(|(_, path)| !path.starts_with("schema/"))
            .collect(),
        RecordKind::Program
        | RecordKind::MeetingLog
        | RecordKind::Community
        | RecordKind::Assessment
        | RecordKind::Summary
        | RecordKind::Application => Vec::new(),
    }
}

pub(super) fn check(program: &Program, out: &mut Vec<Diagnostic>) {
    let with_ids = KINDS
        .iter()
        .filter(|spec| spec.has_id)
        .map(|spec| (spec.name, ids(program, spec.kind)));
    for (noun, records) in with_ids {
        // The record whose file name is the id owns it (else the first by path); any other
        // record with that id is the duplicate, and its file name is reported with it.
        let mut owner: HashMap<&str, &str> = HashMap::new();
        for &(id, path) in &records {
            if layout::stem(path) == id {
                owner.entry(id).or_insert(path);
            }
        }
        for &(id, path) in &records {
            owner.entry(id).or_insert(path);
        }
        for &(id, path) in &records {
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
    for a in &program.assessments {
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
