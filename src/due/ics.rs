//! `mentor due --format ics`: an RFC 5545 calendar of an [`Agenda`], written with the
//! `icalendar` crate (the only module that knows it).
//!
//! One all-day event per item (`DTSTART;VALUE=DATE` on the due day, `DTEND` the day after),
//! with a stable `UID` from the item's identity ([`DueItem::uid`]: kind, subject and due date,
//! never the run time), so importing a newer file again updates the events instead of adding
//! copies. `DTSTAMP` is the time passed in (when the file was made). `SUMMARY` says the item in
//! words with its status; `DESCRIPTION` says what to do, who, and the seed it comes from.

use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike};
use jiff::civil::Date;

use super::{Agenda, DueItem, DueStatus};
use crate::model::Program;

/// The calendar's name: "PROGRAM: due", or "PROGRAM: due for NAME" (the person's name)
/// for one person's calendar (an id that names no person gives the program's calendar name).
pub fn calendar_name(program: &Program, person: Option<&str>) -> String {
    let program_name = program
        .config
        .as_ref()
        .map_or("Mentoring program", |c| c.name.as_str());
    match person.and_then(|id| program.person(id)) {
        Some(p) => format!("{program_name}: due for {}", p.name),
        None => format!("{program_name}: due"),
    }
}

fn naive(date: Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::from(date.year()),
        u32::try_from(date.month()).ok()?,
        u32::try_from(date.day()).ok()?,
    )
}

fn event(item: &DueItem, stamp: DateTime<Utc>) -> Option<Event> {
    let day = naive(item.date)?;
    let next = day.succ_opt()?;
    let status = match item.status {
        DueStatus::Overdue => " (overdue)",
        _ => "",
    };
    let summary = format!("{}{status}", item.title);
    let description = format!(
        "{}.\nWho: {}.\nDue: {} ({}).\nSource: {}{}.",
        item.what,
        item.names(),
        item.date,
        item.status.label(),
        item.code.map(|c| format!("{c}, ")).unwrap_or_default(),
        item.source
    );
    Some(
        Event::new()
            .uid(&item.uid())
            .timestamp(stamp)
            .summary(&summary)
            .description(&description)
            .starts(day)
            .ends(next)
            .add_property("CATEGORIES", item.kind.as_str())
            .done(),
    )
}

/// The agenda as an iCalendar file (CRLF line ends, long lines folded), named `name` (the
/// `X-WR-CALNAME` calendar name). `stamp` is the file's creation time in seconds since the Unix
/// epoch (UTC), written as every event's `DTSTAMP`.
pub fn ics(agenda: &Agenda, name: &str, stamp: i64) -> String {
    let stamp = DateTime::from_timestamp(stamp, 0).unwrap_or_default();
    let mut calendar = Calendar::new();
    calendar.name(name);
    for item in &agenda.items {
        if let Some(event) = event(item, stamp) {
            calendar.push(event);
        }
    }
    calendar.done().to_string()
}
