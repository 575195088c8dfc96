//! Agreements: signed by mentee and mentors, confidentiality acknowledged, dates in order, and
//! mentor changes that hold together (seed 003 Launch; seed 004 mentor change via the director).

use jiff::civil::Date;

use crate::diag::{Code, Diagnostic};
use crate::model::{AgreementStatus, Program, Role};

pub(super) fn check(program: &Program, as_of: Date, out: &mut Vec<Diagnostic>) {
    for a in &program.agreements {
        let path = a.path.as_str();
        let mut parties: Vec<&str> = vec![a.mentee.as_str()];
        parties.extend(a.mentors.iter().map(String::as_str));
        // A misspelt party is reported once, as an unknown reference (M203); matching
        // signatures against it would only repeat that error.
        let parties_known = parties.iter().all(|p| program.person(p).is_some());
        // A draft (`status: proposed`) needs no signatures yet; M309 reminds instead.
        let needs_signatures = a.status != AgreementStatus::Proposed;
        for party in parties.iter().filter(|_| parties_known && needs_signatures) {
            if !a.signatures.iter().any(|s| s.person == *party) {
                out.push(
                    Diagnostic::new(
                        Code::UnsignedAgreement,
                        path,
                        format!("agreement is not signed by `{party}`"),
                    )
                    .at_key("/signatures")
                    .with_help(format!(
                        "add `- person: {party}` with the date signed under `signatures`"
                    )),
                );
            }
        }
        for (i, s) in a.signatures.iter().enumerate() {
            if parties_known
                && !parties.contains(&s.person.as_str())
                && program.person(&s.person).is_some()
            {
                out.push(
                    Diagnostic::new(
                        Code::UnsignedAgreement,
                        path,
                        format!(
                            "`{}` signed but is neither the mentee nor a mentor of this agreement",
                            s.person
                        ),
                    )
                    .at_value(format!("/signatures/{i}/person")),
                );
            }
            if s.date > as_of {
                out.push(super::future(
                    path,
                    format!("/signatures/{i}/date"),
                    "signature",
                    s.date,
                    as_of,
                ));
            }
        }
        if !a.confidentiality_acknowledged {
            out.push(
                Diagnostic::new(Code::ConfidentialityNotAcknowledged, path, "`confidentiality_acknowledged` is `false`")
                    .at_value("/confidentiality_acknowledged")
                    .with_help("meetings are private and confidential (seed 004); discuss it and set it to `true`"),
            );
        }
        if a.planned_end < a.start {
            out.push(order(
                path,
                "/planned_end",
                "planned_end",
                a.planned_end,
                a.start,
            ));
        }
        if let Some(end) = a.end.filter(|end| *end < a.start) {
            out.push(order(path, "/end", "end", end, a.start));
        }
        if a.status == AgreementStatus::Active && (a.end.is_some() || a.replaced_by.is_some()) {
            let field = if a.end.is_some() {
                "end"
            } else {
                "replaced_by"
            };
            out.push(
                Diagnostic::new(
                    Code::InconsistentDates,
                    path,
                    format!("active agreement has `{field}`"),
                )
                .at_key(format!("/{field}"))
                .with_help("set `status: concluded` or `status: replaced`, or remove the field"),
            );
        }
        if a.status == AgreementStatus::Replaced {
            mentor_change(program, a, out);
        }
    }
}

fn order(path: &str, pointer: &str, field: &str, date: Date, start: Date) -> Diagnostic {
    Diagnostic::new(
        Code::InconsistentDates,
        path,
        format!("`{field}` {date} is before `start` {start}"),
    )
    .at_value(pointer)
    .with_related(path, "/start", "start date")
}

fn mentor_change(program: &Program, a: &crate::model::Agreement, out: &mut Vec<Diagnostic>) {
    let path = a.path.as_str();
    if let Some(approver) = a
        .change_approved_by
        .as_deref()
        .and_then(|id| program.person(id))
    {
        let is_director = approver.has_role(Role::Director)
            || program
                .config
                .as_ref()
                .is_some_and(|c| c.director == approver.id);
        if !is_director {
            out.push(
                Diagnostic::new(
                    Code::BrokenMentorChange,
                    path,
                    format!(
                        "mentor change approved by `{}`, who is not the program director",
                        approver.id
                    ),
                )
                .at_value("/change_approved_by")
                .with_help(
                    "seed 004: a mentee requests a change of mentor via the program director",
                ),
            );
        }
    }
    let Some(next) = a
        .replaced_by
        .as_deref()
        .and_then(|id| program.agreement(id))
    else {
        return;
    };
    if next.id == a.id {
        out.push(
            Diagnostic::new(
                Code::BrokenMentorChange,
                path,
                "agreement is replaced by itself",
            )
            .at_value("/replaced_by"),
        );
        return;
    }
    if next.mentee != a.mentee {
        out.push(
            Diagnostic::new(
                Code::BrokenMentorChange,
                path,
                format!(
                    "replaced by `{}`, which is for mentee `{}`, not `{}`",
                    next.id, next.mentee, a.mentee
                ),
            )
            .at_value("/replaced_by")
            .with_related(&next.path, "/mentee", "the new agreement's mentee"),
        );
    }
    if let Some(end) = a.end
        && next.start < end
    {
        {
            out.push(
                Diagnostic::new(
                    Code::BrokenMentorChange,
                    path,
                    format!(
                        "replacement `{}` starts {} , before this agreement ended on {end}",
                        next.id, next.start
                    )
                    .replace(" ,", ","),
                )
                .at_value("/replaced_by")
                .with_related(&next.path, "/start", "the new agreement's start"),
            );
        }
    }
}
