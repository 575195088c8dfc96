//! `mentor status` output: a text table, CSV and JSON for a [`StatusView`]. Returns strings;
//! the binary prints them.
//!
//! - Text: a heading with the counts, one table row per finding (status, rule, year, subject,
//!   required, done, next due, names), then the sentences of the rows that need attention
//!   (`missed`, `overdue`, `due-soon`) and a note on earlier years with missed rows. Control
//!   characters from the records (a name with an ANSI escape) are shown as visible stand-ins.
//! - CSV (RFC 4180): a header row, then one line per row; fields with a comma, a quote, a line
//!   break or surrounding spaces are quoted, quotes doubled; a field a spreadsheet would run as a
//!   formula gets a leading `'`. Lists (people, dates) are joined by spaces. Columns: see
//!   [`CSV_COLUMNS`].
//! - JSON: one array of row objects (every [`Finding`] field but the pointer),
//!   pretty-printed.

use super::csv::csv_field;
use crate::rules::{Finding, Status, StatusView};
use crate::text::printable;

/// The CSV header, in column order.
pub const CSV_COLUMNS: [&str; 19] = [
    "status",
    "rule",
    "code",
    "kind",
    "year",
    "subject",
    "label",
    "name",
    "people",
    "required",
    "done",
    "unit",
    "required_text",
    "done_text",
    "due",
    "next_due",
    "dates",
    "path",
    "message",
];

/// The status table as plain text (no colour, full width), ending in a newline.
pub fn text(view: &StatusView) -> String {
    text_styled(view, None, false)
}

/// The narrowest a cut column gets (characters).
const MIN_COLUMN: usize = 6;

/// The status table as text, ending in a newline. With `width` (columns, e.g. the terminal's),
/// the table's wide columns (subject, required, done, who) are cut with `…` until a line fits,
/// none below 6 characters, and the "Needs attention" sentences are wrapped at `width`; `None`
/// keeps every line whole (for pipes and files). `color` wraps the status words in ANSI
/// colours: red for `missed` and `overdue`, yellow for `due-soon`, green for `on-track` and
/// `met`.
pub fn text_styled(view: &StatusView, width: Option<usize>, color: bool) -> String {
    let c = &view.counts;
    let mut out = format!(
        "Status as of {}, academic year {}: {} missed, {} overdue, {} due soon, {} on track, {} met\n",
        view.as_of, view.year, c.missed, c.overdue, c.due_soon, c.on_track, c.met
    );
    if view.rows.is_empty() {
        out.push_str("\nNo rules apply in this year.\n");
    } else {
        out.push('\n');
        let header = [
            "STATUS", "RULE", "YEAR", "SUBJECT", "REQUIRED", "DONE", "NEXT DUE", "WHO",
        ];
        let rows: Vec<(Status, [String; 8])> = view
            .rows
            .iter()
            .map(|r| {
                (
                    r.status,
                    [
                        r.status.to_string(),
                        r.rule.to_string(),
                        r.year.to_string(),
                        printable(&r.label).into_owned(),
                        printable(&r.required_text).into_owned(),
                        printable(&r.done_text).into_owned(),
                        r.next_due.map_or_else(|| "-".to_owned(), |d| d.to_string()),
                        printable(&r.name).into_owned(),
                    ],
                )
            })
            .collect();
        let mut widths = header.map(|h| h.chars().count());
        for (_, row) in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        if let Some(width) = width {
            // Shrink the widest of the free-text columns, one character at a time.
            const SHRINKABLE: [usize; 4] = [3, 4, 5, 7];
            let total = |w: &[usize; 8]| w.iter().sum::<usize>() + 2 * (w.len() - 1);
            while total(&widths) > width {
                let Some(&widest) = SHRINKABLE
                    .iter()
                    .filter(|&&i| widths[i] > MIN_COLUMN)
                    .max_by_key(|&&i| (widths[i], i))
                else {
                    break;
                };
                widths[widest] -= 1;
            }
        }
        let mut line = |status: Option<Status>, cells: &[String]| {
            let last = cells.len() - 1;
            let mut text = String::new();
            for (i, cell) in cells.iter().enumerate() {
                let cell = truncate(cell, widths[i]);
                let shown = match status {
                    Some(status) if i == 0 && color => paint(status, &cell),
                    _ => cell.clone(),
                };
                text.push_str(&shown);
                if i != last {
                    let pad = widths[i] - cell.chars().count() + 2;
                    text.extend(std::iter::repeat_n(' ', pad));
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        };
        line(None, &header.map(str::to_owned));
        for (status, row) in &rows {
            line(Some(*status), row);
        }
    }
    let attention: Vec<&Finding> = view
        .rows
        .iter()
        .filter(|r| matches!(r.status, Status::Missed | Status::Overdue | Status::DueSoon))
        .collect();
    if !attention.is_empty() {
        out.push_str("\nNeeds attention:\n");
        for r in attention {
            let status = if color {
                paint(r.status, r.status.as_str())
            } else {
                r.status.to_string()
            };
            let rest = format!(
                "{}[{}] {}: {}",
                r.rule,
                r.code.id(),
                printable(&r.label),
                printable(&r.message)
            );
            let first = r.status.as_str().chars().count() + 3;
            let lines = wrap(&rest, width.map(|w| w.saturating_sub(first)), first);
            out.push_str(&format!("  {status} {lines}\n"));
        }
    }
    if !view.earlier.is_empty() {
        let years: Vec<String> = view
            .earlier
            .iter()
            .map(|e| format!("{} ({} missed)", e.year, e.missed))
            .collect();
        out.push_str(&format!(
            "\nEarlier years with missed rows: {}; see `mentor status --year {}`.\n",
            years.join(", "),
            view.earlier[0].year
        ));
    }
    out
}

/// `text` cut to `width` characters, ending in `…` when cut.
fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Words of `text` wrapped at `width` characters (no wrapping with `None`); lines after the
/// first are indented by `indent` spaces.
fn wrap(text: &str, width: Option<usize>, indent: usize) -> String {
    let Some(width) = width.filter(|w| *w >= 20) else {
        return text.to_owned();
    };
    let mut out = String::new();
    let mut column = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if column > 0 && column + 1 + len > width {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', indent));
            column = 0;
        } else if column > 0 {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += len;
    }
    out
}

/// The status word in its ANSI colour.
fn paint(status: Status, text: &str) -> String {
    let code = match status {
        Status::Missed | Status::Overdue => "31",
        Status::DueSoon => "33",
        Status::OnTrack | Status::Met => "32",
    };
    format!("\u{1b}[{code}m{text}\u{1b}[0m")
}

/// The rows as CSV with a header line.
pub fn csv(view: &StatusView) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push('\n');
    for r in &view.rows {
        let join = |items: Vec<String>| items.join(" ");
        let fields = [
            r.status.to_string(),
            r.rule.to_string(),
            r.code.id().to_owned(),
            r.kind.as_str().to_owned(),
            r.year.to_string(),
            r.subject.clone(),
            r.label.clone(),
            r.name.clone(),
            r.people.join(" "),
            r.required.to_string(),
            r.done.to_string(),
            serde_json::to_value(r.unit)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            r.required_text.clone(),
            r.done_text.clone(),
            r.due.to_string(),
            r.next_due.map(|d| d.to_string()).unwrap_or_default(),
            join(r.dates.iter().map(ToString::to_string).collect()),
            r.path.clone(),
            r.message.clone(),
        ];
        let quoted: Vec<String> = fields.iter().map(|f| csv_field(&printable(f))).collect();
        out.push_str(&quoted.join(","));
        out.push('\n');
    }
    out
}

/// The status as pretty-printed JSON, ending in a newline: an object with `as_of`, `year`,
/// `provenance` (whatever the caller passes: the commit and whether records had uncommitted
/// changes, or `null` outside git), `counts` and `rows` (the [`Finding`] rows).
pub fn json(view: &StatusView, provenance: &impl serde::Serialize) -> String {
    let value = serde_json::json!({
        "as_of": view.as_of,
        "year": view.year,
        "provenance": provenance,
        "counts": view.counts,
        "rows": view.rows,
    });
    // Serialising plain data with string keys cannot fail; `{}` would be the only symptom.
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".to_owned());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::rules::evaluate;
    use crate::rules::fixture::{Fixture, d};

    #[test]
    fn fits_the_table_to_a_width_and_colours_status_words() {
        let view = view();
        let full = text(&view);
        let widest = full.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(
            widest > 80,
            "the fixture's table is wider than 80: {widest}"
        );
        let narrow = text_styled(&view, Some(80), false);
        for line in narrow.lines().skip(1) {
            assert!(line.chars().count() <= 80, "{line:?}");
        }
        assert!(narrow.contains('…'));
        let coloured = text_styled(&view, None, true);
        assert!(
            coloured.contains("\u{1b}[31moverdue\u{1b}[0m"),
            "{coloured}"
        );
        assert!(!full.contains('\u{1b}'));
    }

    fn view() -> StatusView {
        let program = Fixture::new()
            .rules(|r| r.community_attendance_min = 0)
            .person(
                "v",
                "2024-07-01",
                &["mentee"],
                json!({"name": "Dr. V. Lorem, Jr."}),
            )
            .build();
        let mut evaluation = evaluate(&program, d("2026-03-01"));
        // These tests are about rendering the milestone rows; the mentee's M312 row (no
        // agreement) is left out.
        evaluation
            .findings
            .retain(|f| f.rule != crate::rules::Rule::UnpairedMentee);
        evaluation.view(None)
    }

    #[test]
    fn renders_a_text_table_with_attention_lines() {
        assert_eq!(
            text(&view()),
            "Status as of 2026-03-01, academic year 2025-26: 0 missed, 1 overdue, 0 due soon, 1 on track, 0 met

STATUS    RULE            YEAR     SUBJECT  REQUIRED       DONE          NEXT DUE    WHO
overdue   salary-plan     2025-26  v        by 2026-01-01  not recorded  2026-01-01  Dr. V. Lorem, Jr.
on-track  appraisal-prep  2027-28  v        by 2027-07-01  not recorded  2027-07-01  Dr. V. Lorem, Jr.

Needs attention:
  overdue salary-plan[M306] v: salary-support plan was due by 2026-01-01 (18 months after the start date 2024-07-01) and `milestones.salary_plan` is not recorded; 59 days overdue
"
        );
    }

    #[test]
    fn renders_no_terminal_escapes_from_a_name() {
        let program = Fixture::new()
            .rules(|r| r.community_attendance_min = 0)
            .person(
                "v",
                "2024-07-01",
                &["mentee"],
                json!({"name": "Dr. V\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m"}),
            )
            .build();
        let out = text(&evaluate(&program, d("2026-03-01")).view(None));
        assert!(
            !out.contains(|c: char| c.is_control() && c != '\n'),
            "{out:?}"
        );
        assert!(
            out.contains("Dr. V\u{241b}[2J\u{241b}]0;pwned\u{2407}\u{fffd}31m"),
            "{out}"
        );
    }

    #[test]
    fn renders_csv_with_a_header_and_quoted_fields() {
        let out = csv(&view());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], CSV_COLUMNS.join(","));
        assert!(lines[1].starts_with(
            "overdue,salary-plan,M306,mentee,2025-26,v,v,\"Dr. V. Lorem, Jr.\",v,1,0,milestones,by 2026-01-01,not recorded,2026-01-01,2026-01-01,,people/v.md,"
        ), "{}", lines[1]);
    }

    #[test]
    fn renders_json_rows() {
        let status: serde_json::Value = serde_json::from_str(&json(
            &view(),
            &json!({"commit": "abc1234", "dirty": false}),
        ))
        .expect("valid JSON");
        assert_eq!(status["provenance"]["commit"], "abc1234");
        assert_eq!(status["counts"]["overdue"], 1);
        let rows = &status["rows"];
        assert_eq!(rows[0]["status"], "overdue");
        assert_eq!(rows[0]["rule"], "salary-plan");
        assert_eq!(rows[0]["code"], "M306");
        assert_eq!(rows[0]["year"], "2025-26");
        assert_eq!(rows[0]["next_due"], "2026-01-01");
        assert_eq!(rows[0]["unit"], "milestones");
        assert!(rows[0].get("pointer").is_none());
    }
}
