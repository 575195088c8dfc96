//! Meeting logs: dates inside their agreement, not in the future, not listed twice.

use std::collections::HashMap;

use jiff::civil::Date;

use crate::diag::{Code, Diagnostic};
use crate::model::Program;

pub(super) fn check(program: &Program, as_of: Date, out: &mut Vec<Diagnostic>) {
    for log in &program.meeting_logs {
        let path = log.path.as_str();
        // An agreement that ends before it starts (M215) covers no date: say so once, not once
        // per meeting.
        let agreement = program
            .agreement(&log.agreement)
            .filter(|a| a.start <= a.effective_end());
        let mut seen: HashMap<Date, usize> = HashMap::new();
        for (i, m) in log.meetings.iter().enumerate() {
            let pointer = || format!("/meetings/{i}/date");
            if m.date > as_of {
                out.push(super::future(path, pointer(), "meeting", m.date, as_of));
            }
            if let Some(a) = agreement
                && !a.covers(m.date)
            {
                {
                    let end = a.effective_end();
                    out.push(
                        Diagnostic::new(
                            Code::MeetingOutsideAgreement,
                            path,
                            format!("meeting on {} is outside agreement `{}` ({} to {end})", m.date, a.id, a.start),
                        )
                        .at_value(pointer())
                        .with_help("check the year; a meeting under another agreement belongs in that agreement's log")
                        .with_related(&a.path, "/start", "agreement dates"),
                    );
                }
            }
            if let Some(first) = seen.insert(m.date, i) {
                out.push(
                    Diagnostic::new(
                        Code::DuplicateMeetingDate,
                        path,
                        format!(
                            "meeting date {} is listed twice (entries {} and {})",
                            m.date,
                            first + 1,
                            i + 1
                        ),
                    )
                    .at_value(pointer()),
                );
            }
        }
        for (i, c) in log.corrections.iter().enumerate() {
            if c.date > as_of {
                out.push(super::future(
                    path,
                    format!("/corrections/{i}/date"),
                    "correction",
                    c.date,
                    as_of,
                ));
            }
        }
    }
}
