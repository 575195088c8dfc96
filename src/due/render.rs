//! `mentor due` output: text, CSV and JSON for an [`Agenda`]. Returns strings; the binary
//! prints them.
//!
//! - Text: a heading with the counts, then one line per item, soonest first: date, status,
//!   kind, who, and what to do (with the seed it comes from). Control characters from the
//!   records are shown as visible stand-ins.
//! - CSV (RFC 4180, quoted like `mentor status`): a header row ([`CSV_COLUMNS`]), then one line
//!   per item; lists are joined by spaces (ids) or `; ` (names).
//! - JSON: an object with `as_of`, `days`, `until`, `provenance` and `items` (every
//!   [`DueItem`](super::DueItem) field plus its `uid`), pretty-printed.

use super::{Agenda, DueStatus};
use crate::present::csv::csv_field;
use crate::text::printable;

/// The CSV header, in column order.
pub const CSV_COLUMNS: [&str; 11] = [
    "date", "status", "kind", "code", "subject", "people", "names", "title", "what", "source",
    "uid",
];

/// The agenda as plain text, ending in a newline.
pub fn text(agenda: &Agenda) -> String {
    let count = |s: DueStatus| agenda.items.iter().filter(|i| i.status == s).count();
    let mut out = format!(
        "Due as of {} (window to {}, {} days): {} overdue, {} due soon, {} upcoming\n",
        agenda.as_of,
        agenda.until,
        agenda.days,
        count(DueStatus::Overdue),
        count(DueStatus::DueSoon),
        count(DueStatus::Upcoming),
    );
    if agenda.items.is_empty() {
        out.push_str("\nNothing falls due.\n");
        return out;
    }
    out.push('\n');
    for i in &agenda.items {
        out.push_str(&format!(
            "{}  {:<8}  {}  {}: {}: {} [{}]\n",
            i.date,
            i.status.as_str(),
            i.kind,
            printable(&i.subject),
            printable(&i.names()),
            printable(&i.what),
            i.source
        ));
    }
    out
}

/// The items as CSV with a header line.
pub fn csv(agenda: &Agenda) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push('\n');
    for i in &agenda.items {
        let fields = [
            i.date.to_string(),
            i.status.as_str().to_owned(),
            i.kind.as_str().to_owned(),
            i.code.unwrap_or_default().to_owned(),
            i.subject.clone(),
            i.people
                .iter()
                .map(|w| w.id.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            i.people
                .iter()
                .map(|w| w.name.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            i.title.clone(),
            i.what.clone(),
            i.source.to_owned(),
            i.uid(),
        ];
        let quoted: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&quoted.join(","));
        out.push('\n');
    }
    out
}

/// The agenda as pretty-printed JSON, ending in a newline; `provenance` is whatever the caller
/// passes (as for `mentor status`).
pub fn json(agenda: &Agenda, provenance: &impl serde::Serialize) -> String {
    let items: Vec<serde_json::Value> = agenda
        .items
        .iter()
        .map(|i| {
            let mut value = serde_json::to_value(i).unwrap_or_default();
            if let Some(map) = value.as_object_mut() {
                map.insert("uid".to_owned(), i.uid().into());
            }
            value
        })
        .collect();
    let value = serde_json::json!({
        "as_of": agenda.as_of,
        "days": agenda.days,
        "until": agenda.until,
        "provenance": provenance,
        "items": items,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}
