//! Self-assessments answer every item of their instrument on its scale; instruments hold
//! together.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use crate::diag::{Code, Diagnostic};
use crate::model::Program;
use crate::parse::yaml::escape;
use crate::suggest;

pub(super) fn check(program: &Program, as_of: Date, out: &mut Vec<Diagnostic>) {
    for i in program
        .instruments
        .iter()
        .filter(|i| !i.path.starts_with("schema/"))
    {
        instrument(i, out);
    }
    // Each instrument's item ids, sorted, looked up once per instrument rather than scanned
    // once per response (15,000 self-assessments at 5,000 faculty).
    let mut sorted_items: HashMap<&str, Vec<&str>> = HashMap::new();
    for a in &program.assessments {
        let path = a.path.as_str();
        if a.date > as_of {
            out.push(super::future(
                path,
                "/date".to_owned(),
                "self-assessment",
                a.date,
                as_of,
            ));
        }
        let Some(instrument) = program.instrument(&a.instrument) else {
            continue;
        };
        let items = || instrument.items.iter().map(|i| i.id.as_str());
        let known = sorted_items.entry(&instrument.id).or_insert_with(|| {
            let mut known: Vec<&str> = items().collect();
            known.sort_unstable();
            known
        });
        // Responses and item ids are both sorted: one walk tells whether every item is
        // answered and every response is an item, as in nearly every self-assessment.
        let (mut answered, mut all_items) = (0, true);
        let mut ids = known.iter().peekable();
        for item in a.responses.keys() {
            while ids.next_if(|id| **id < item.as_str()).is_some() {}
            match ids.next_if(|id| **id == item.as_str()) {
                Some(_) => answered += 1,
                None => all_items = false,
            }
        }
        let missing: Vec<&str> = match answered == known.len() {
            true => Vec::new(),
            false => items()
                .filter(|id| !a.responses.contains_key(*id))
                .collect(),
        };
        if !missing.is_empty() {
            let shown: Vec<String> = missing.iter().take(8).map(|m| format!("`{m}`")).collect();
            let more = if missing.len() > 8 {
                format!(" and {} more", missing.len() - 8)
            } else {
                String::new()
            };
            out.push(
                Diagnostic::new(
                    Code::IncompleteAssessment,
                    path,
                    format!(
                        "{} of {} items of `{}` are unanswered: {}{more}",
                        missing.len(),
                        instrument.items.len(),
                        instrument.id,
                        shown.join(", ")
                    ),
                )
                .at_key("/responses"),
            );
        }
        let (min, max) = (instrument.scale.min, instrument.scale.max);
        for (item, &value) in &a.responses {
            let pointer = || format!("/responses/{}", escape(item));
            if !all_items && known.binary_search(&item.as_str()).is_err() {
                let d = Diagnostic::new(
                    Code::UnknownItem,
                    path,
                    format!("`{}` has no item `{item}`", instrument.id),
                )
                .at_key(pointer());
                // A typo leaves the real item unanswered, so suggest among those.
                out.push(match suggest::closest(item, missing.iter().copied()) {
                    Some(s) => d.with_help(format!("did you mean `{s}`?")),
                    None => d,
                });
            } else if value < min || value > max {
                out.push(
                    Diagnostic::new(
                        Code::ResponseOffScale,
                        path,
                        format!("response `{item}: {value}` is outside the scale {min} to {max} of `{}`", instrument.id),
                    )
                    .at_value(pointer()),
                );
            }
        }
    }
}

fn instrument(i: &crate::model::Instrument, out: &mut Vec<Diagnostic>) {
    let path = i.path.as_str();
    if i.scale.min >= i.scale.max {
        out.push(
            Diagnostic::new(
                Code::InvalidInstrument,
                path,
                format!(
                    "scale `min` {} is not below `max` {}",
                    i.scale.min, i.scale.max
                ),
            )
            .at_value("/scale/max"),
        );
    }
    let domains: Vec<&str> = i.domains.iter().map(|d| d.id.as_str()).collect();
    let mut seen = HashSet::new();
    for (n, item) in i.items.iter().enumerate() {
        if !seen.insert(item.id.as_str()) {
            out.push(
                Diagnostic::new(
                    Code::InvalidInstrument,
                    path,
                    format!("item id `{}` is used twice", item.id),
                )
                .at_value(format!("/items/{n}/id")),
            );
        }
        if !domains.contains(&item.domain.as_str()) {
            let d = Diagnostic::new(
                Code::InvalidInstrument,
                path,
                format!("item `{}` names unknown domain `{}`", item.id, item.domain),
            )
            .at_value(format!("/items/{n}/domain"));
            out.push(
                match suggest::closest(&item.domain, domains.iter().copied()) {
                    Some(s) => d.with_help(format!("did you mean `{s}`?")),
                    None => d,
                },
            );
        }
    }
}
