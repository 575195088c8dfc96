//! M309 `agreement-signature`: the mentee and every mentor sign the agreement within
//! `rules.signature_days` (default 30) days of its start.
//!
//! **What.** The deadline is `start` + `signature_days` days, the deadline day included. For
//! every party (the mentee and each mentor), their earliest signature dated on or before the
//! as-of date counts. `met` when every party signed by the deadline; `missed` when everyone has
//! signed but someone after the deadline (it stays in history); `overdue` when the deadline has
//! passed and someone has still not signed; before the deadline `on-track` or `due-soon`. A
//! missing signature is also an error in its own right (M212 `unsigned-agreement`).
//!
//! **Why.** Seed 003 (`003_bfb36fdbc9b2763e.txt`), Launch: "Require all pairs/groups to
//! complete the agreement template at the beginning of the program"; "Remind pairs/groups to
//! sign their agreements and save them for reference in future meetings."
//!
//! **Example.** An agreement starting 2025-02-03, signed by the mentee on 2025-02-08 and by the
//! mentor on 2025-03-20 (45 days after the start) is `missed`: due by 2025-03-05.
//!
//! **Source.** Seed 003.

use jiff::civil::Date;

use super::finding::plural;
use super::period::{add_days, days_between};
use super::{Context, Finding, Rule, Status, Unit};

pub(super) fn evaluate(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let limit = cx.rules.signature_days;
    for a in &cx.program.agreements {
        if a.start > cx.as_of || !cx.is_evaluable(a) {
            continue;
        }
        let due = add_days(a.start, i64::from(limit));
        let mut parties: Vec<&str> = vec![a.mentee.as_str()];
        for m in &a.mentors {
            if !parties.contains(&m.as_str()) {
                parties.push(m);
            }
        }
        // Each party's earliest signature known on the as-of date, with its index.
        let signed: Vec<(&str, Option<(Date, usize)>)> = parties
            .iter()
            .map(|party| {
                let first = a
                    .signatures
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.person == *party && s.date <= cx.as_of)
                    .map(|(i, s)| (s.date, i))
                    .min();
                (*party, first)
            })
            .collect();
        let total = u32::try_from(parties.len()).unwrap_or(u32::MAX);
        let on_time: Vec<Date> = signed
            .iter()
            .filter_map(|(_, s)| s.map(|(d, _)| d))
            .filter(|d| *d <= due)
            .collect();
        let on_time_count = u32::try_from(on_time.len()).unwrap_or(u32::MAX);
        let unsigned: Vec<&str> = signed
            .iter()
            .filter(|(_, s)| s.is_none())
            .map(|(p, _)| *p)
            .collect();
        let late: Vec<(&str, Date, usize)> = signed
            .iter()
            .filter_map(|(p, s)| s.filter(|(d, _)| *d > due).map(|(d, i)| (*p, d, i)))
            .collect();
        let status = if on_time_count == total {
            Status::Met
        } else if cx.as_of <= due {
            cx.open_status(due)
        } else if unsigned.is_empty() {
            Status::Missed
        } else {
            Status::Overdue
        };
        // `mentor check` keeps only reported rows: the words of the others are not built.
        if !cx.keeps(status) {
            continue;
        }
        let mut dates: Vec<Date> = signed
            .iter()
            .filter_map(|(_, s)| s.map(|(d, _)| d))
            .collect();
        dates.sort();
        let late_text: Vec<String> = late
            .iter()
            .map(|(p, d, _)| {
                format!(
                    "`{p}` signed on {d}, {} after the start {}",
                    plural(
                        u32::try_from(days_between(a.start, *d)).unwrap_or(u32::MAX),
                        "day",
                        "days"
                    ),
                    a.start
                )
            })
            .collect();
        let unsigned_text: Vec<String> = unsigned.iter().map(|p| format!("`{p}`")).collect();
        let mut parts = Vec::new();
        if !late_text.is_empty() {
            parts.push(late_text.join("; "));
        }
        if !unsigned_text.is_empty() {
            parts.push(format!("not yet signed by {}", unsigned_text.join(", ")));
        }
        let message = match status {
            Status::Met => format!(
                "signed by all {total} parties by {due} ({limit} days after the start {})",
                a.start
            ),
            _ => format!(
                "{}; every party signs within {limit} days of the start (by {due})",
                if parts.is_empty() {
                    format!("{on_time_count} of {total} signed")
                } else {
                    parts.join("; ")
                }
            ),
        };
        let finding = cx
            .pair(a)
            .finding(Rule::AgreementSignature, cx.year_of(due), due, status)
            .counts(total, on_time_count, Unit::Signatures)
            .texts(
                format!("{} by {due}", plural(total, "signature", "signatures")),
                format!("{on_time_count} on time"),
            )
            .dates(dates)
            .message(message)
            .help("seed 003 (Launch): sign the agreement at the start and save a copy");
        out.push(match late.first() {
            Some((_, _, i)) if unsigned.is_empty() => {
                finding.at_value(&a.path, format!("/signatures/{i}/date"))
            }
            _ => finding.at_key(&a.path, "/signatures"),
        });
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use test_case::test_case;

    use crate::rules::fixture::{Fixture, d};
    use crate::rules::{Finding, Rule, Status};

    fn signed(signatures: serde_json::Value, as_of: &str) -> Finding {
        let mut found = Fixture::new()
            .agreement(
                "2025-z",
                "z",
                &["f"],
                ("2025-02-03", "2027-01-31"),
                json!({"signatures": signatures}),
            )
            .eval(Rule::AgreementSignature, as_of);
        assert_eq!(found.len(), 1);
        found.remove(0)
    }

    #[test_case(json!([{"person": "z", "date": "2025-02-08"}, {"person": "f", "date": "2025-03-05"}]), "2026-03-01", Status::Met; "last on the deadline day")]
    #[test_case(json!([{"person": "z", "date": "2025-02-08"}, {"person": "f", "date": "2025-03-20"}]), "2026-03-01", Status::Missed; "one signed late")]
    #[test_case(json!([{"person": "z", "date": "2025-02-08"}]), "2025-03-06", Status::Overdue; "one unsigned after the deadline")]
    #[test_case(json!([{"person": "z", "date": "2025-02-08"}]), "2025-02-10", Status::DueSoon; "one unsigned before the deadline")]
    #[test_case(json!([{"person": "z", "date": "2025-02-08"}, {"person": "f", "date": "2025-03-20"}]), "2025-03-10", Status::Overdue; "late signature not yet made")]
    fn judges_signatures(signatures: serde_json::Value, as_of: &str, expected: Status) {
        let f = signed(signatures, as_of);
        assert_eq!(f.status, expected);
        assert_eq!(f.due, d("2025-03-05"));
    }

    #[test]
    fn names_the_late_signer_and_points_at_the_date() {
        let f = signed(
            json!([{"person": "z", "date": "2025-02-08"}, {"person": "f", "date": "2025-03-20"}]),
            "2026-03-01",
        );
        assert_eq!(
            f.message,
            "`f` signed on 2025-03-20, 45 days after the start 2025-02-03; every party signs within 30 days of the start (by 2025-03-05)"
        );
        assert_eq!(f.pointer, "/signatures/1/date");
        assert_eq!(
            (f.required, f.done, f.year.to_string()),
            (2, 1, "2024-25".to_owned())
        );
    }

    #[test]
    fn points_at_the_signatures_when_someone_has_not_signed() {
        let f = signed(json!([]), "2025-06-01");
        assert_eq!(
            (f.status, f.pointer.as_str()),
            (Status::Overdue, "/signatures")
        );
        assert_eq!(
            f.message,
            "not yet signed by `z`, `f`; every party signs within 30 days of the start (by 2025-03-05)"
        );
    }
}
