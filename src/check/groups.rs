//! Peer mentoring groups (seed 002) and the mentor community (seed 001): attendance names
//! members, groups within the size limit, sessions within the academic year and not in the
//! future.

use jiff::civil::Date;

use crate::diag::{Code, Diagnostic};
use crate::model::Program;

pub(super) fn check(program: &Program, as_of: Date, out: &mut Vec<Diagnostic>) {
    let year_start = program.year_start();
    let max = program.rules().group_size_max as usize;
    for g in &program.groups {
        let path = g.path.as_str();
        if g.members.len() > max {
            out.push(
                Diagnostic::new(
                    Code::GroupTooLarge,
                    path,
                    format!("group has {} members; the program allows at most {max}", g.members.len()),
                )
                .at_key("/members")
                .with_help("split the group, or raise `rules.group_size_max` in `program.md` (seed 002: up to 8)"),
            );
        }
        let (first, last) = (
            g.academic_year.first_day(year_start),
            g.academic_year.last_day(year_start),
        );
        for (i, s) in g.sessions.iter().enumerate() {
            let pointer = format!("/sessions/{i}/date");
            if s.date > as_of {
                out.push(super::future(
                    path,
                    pointer.clone(),
                    "session",
                    s.date,
                    as_of,
                ));
            }
            if s.date < first || s.date > last {
                out.push(
                    Diagnostic::new(
                        Code::InconsistentDates,
                        path,
                        format!("session on {} is outside the group's academic year {} ({first} to {last})", s.date, g.academic_year),
                    )
                    .at_value(pointer),
                );
            }
            for (j, who) in s.attended.iter().enumerate() {
                if !g.members.contains(who) {
                    out.push(
                        Diagnostic::new(
                            Code::NotAMember,
                            path,
                            format!("`{who}` attended the session on {} but is not a member of the group", s.date),
                        )
                        .at_value(format!("/sessions/{i}/attended/{j}"))
                        .with_help(format!("add `{who}` to `members`, or correct the id")),
                    );
                }
            }
        }
    }
    for c in &program.communities {
        let (first, last) = (
            c.academic_year.first_day(year_start),
            c.academic_year.last_day(year_start),
        );
        // A year that differs from the file name is reported once (M202), not once per meeting.
        let year_is_known = crate::layout::stem(&c.path) == c.academic_year.to_string();
        for (i, m) in c.meetings.iter().enumerate() {
            let pointer = format!("/meetings/{i}/date");
            if m.date > as_of {
                out.push(super::future(
                    &c.path,
                    pointer.clone(),
                    "mentor community meeting",
                    m.date,
                    as_of,
                ));
            }
            if year_is_known && (m.date < first || m.date > last) {
                out.push(
                    Diagnostic::new(
                        Code::InconsistentDates,
                        &c.path,
                        format!(
                            "meeting on {} is outside academic year {} ({first} to {last})",
                            m.date, c.academic_year
                        ),
                    )
                    .at_value(pointer),
                );
            }
        }
    }
}
