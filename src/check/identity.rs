//! Ids are unique and equal their file names, and an assessment's file name is its date and
//! instrument. The other fields that must agree with the path are checked when a record is
//! loaded, from [`crate::layout::KINDS`].

use std::collections::HashMap;

use jiff::civil::Date;

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
        let mut owner: HashMap<&str, &str, foldhash::fast::RandomState> =
            HashMap::with_capacity_and_hasher(records.len(), Default::default());
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
        let stem = layout::stem(&a.path);
        if is_named(stem, a.date, &a.instrument) {
            continue;
        }
        let expected = format!("{}-{}", a.date, a.instrument);
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

/// Whether `stem` is `<date>-<instrument>` (the date in ISO 8601, `2025-09-20`), as a
/// self-assessment's file name must be. Compared without formatting the date, which took a
/// tenth of the record checks at 5,000 faculty (12,370 self-assessments).
fn is_named(stem: &str, date: Date, instrument: &str) -> bool {
    let Some(day) = stem
        .strip_suffix(instrument)
        .and_then(|rest| rest.strip_suffix('-'))
    else {
        return false;
    };
    let year = date.year();
    if !(0..=9999).contains(&year) {
        return day == date.to_string();
    }
    let mut iso = *b"0000-00-00";
    let mut put = |at: usize, mut n: u16, width: usize| {
        for i in (at..at + width).rev() {
            iso[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    put(0, year.unsigned_abs(), 4);
    put(5, u16::from(date.month().unsigned_abs()), 2);
    put(8, u16::from(date.day().unsigned_abs()), 2);
    day.as_bytes() == iso
}

fn mismatch(path: &str, pointer: &str, message: String) -> Diagnostic {
    Diagnostic::new(Code::PathMismatch, path, message)
        .at_value(pointer)
        .with_help("rename the file or correct the field so they agree")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_is_the_date_and_the_instrument_as_formatted() {
        let dates = [
            "2025-09-20",
            "0005-01-02",
            "0999-12-31",
            "9999-12-31",
            "-000001-06-15",
        ];
        for text in dates {
            let date: Date = text.parse().expect("a date");
            let formatted = format!("{date}-mcs");
            assert!(is_named(&formatted, date, "mcs"), "{formatted}");
            let other = date.yesterday().expect("an earlier day");
            assert!(
                !is_named(&formatted, other, "mcs"),
                "{formatted} vs {other}"
            );
            assert!(
                !is_named(&formatted, date, "cs"),
                "{formatted}: another instrument"
            );
        }
        let date: Date = "2025-09-20".parse().expect("a date");
        for stem in [
            "2025-09-20mcs",
            "2025-9-20-mcs",
            "x2025-09-20-mcs",
            "mcs",
            "",
        ] {
            assert!(!is_named(stem, date, "mcs"), "{stem}");
        }
    }
}
