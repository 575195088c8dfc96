//! Peer group applications (seed 002): topics and weekly slots come from the program's lists,
//! and the applicant is eligible (rank and start year, `matching:` in `program.md`). A
//! facilitator's `availability` uses the same slots.

use crate::diag::{Code, Diagnostic};
use crate::model::{Matching, Program};
use crate::suggest;

pub(super) fn check(program: &Program, out: &mut Vec<Diagnostic>) {
    let matching = program.matching();
    for a in &program.applications {
        let path = a.path.as_str();
        for (i, topic) in a.topics.iter().enumerate() {
            if !matching.topics.contains(topic) {
                let d = Diagnostic::new(
                    Code::UnknownTopic,
                    path,
                    format!("topic `{topic}` is not in the program's topic list"),
                )
                .at_value(format!("/topics/{i}"));
                out.push(with_suggestion(d, topic, &matching.topics, "topics"));
            }
        }
        slots(path, &a.availability, &matching, out);
        if let Some(person) = program.person(&a.person)
            && let Some(why) = matching.ineligibility(person.rank, person.start_date.year())
        {
            out.push(
                Diagnostic::new(
                    Code::NotEligible,
                    path,
                    format!("`{}` may not apply to a peer group: {why}", a.person),
                )
                .at_value("/person")
                .with_help("withdraw the application, or widen `matching.eligible_ranks` or `matching.joined_since` in `program.md` (seed 002)")
                .with_related(&person.path, "/rank", "rank and start date defined here"),
            );
        }
    }
    for p in &program.people {
        slots(&p.path, &p.availability, &matching, out);
    }
}

/// M226 for each entry of `availability` (at `/availability/<i>`) not in `matching.slots`.
fn slots(path: &str, availability: &[String], matching: &Matching, out: &mut Vec<Diagnostic>) {
    for (i, slot) in availability.iter().enumerate() {
        if !matching.slots.contains(slot) {
            let d = Diagnostic::new(
                Code::UnknownSlot,
                path,
                format!("weekly slot `{slot}` is not one the program defines"),
            )
            .at_value(format!("/availability/{i}"));
            out.push(with_suggestion(d, slot, &matching.slots, "slots"));
        }
    }
}

fn with_suggestion(d: Diagnostic, word: &str, known: &[String], list: &str) -> Diagnostic {
    match suggest::closest(word, known.iter().map(String::as_str)) {
        Some(s) => d.with_help(format!("did you mean `{s}`?")),
        None => d.with_help(format!(
            "known {list}: {}; or add it to `matching.{list}` in `program.md`",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}
