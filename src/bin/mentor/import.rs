//! `mentor import people ROSTER.csv|ROSTER.xlsx`: new people become records; a person already
//! present is reported with the differences and never overwritten. Every new record is checked
//! together before any is written.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use calamine::{Data, Reader};
use jiff::ToSpan;
use jiff::civil::Date;
use mentor_records::edit::{self, Change, write::write_atomic};

use crate::args::ImportArgs;
use crate::new::person_text;
use crate::write;

/// Fields a roster column can fill.
const FIELDS: [&str; 6] = ["id", "name", "rank", "track", "start_date", "roles"];
const RANKS: [&str; 4] = [
    "instructor",
    "assistant-professor",
    "associate-professor",
    "professor",
];
const ROLES: [&str; 5] = ["mentee", "mentor", "facilitator", "director", "chief"];

/// One cell: text, or a spreadsheet date.
#[derive(Debug, Clone)]
enum Cell {
    Text(String),
    Date(Date),
}

/// A roster: the header row and the data rows, each with its 1-based row number.
struct Roster {
    header: Vec<String>,
    rows: Vec<(usize, Vec<Cell>)>,
}

fn read_csv(path: &Path) -> anyhow::Result<Roster> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    let header = reader
        .headers()
        .with_context(|| format!("`{}` row 1 (the header row)", path.display()))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_owned())
        .collect();
    let mut rows = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.with_context(|| format!("`{}` row {}", path.display(), i + 2))?;
        rows.push((
            i + 2,
            row.iter()
                .map(|c| Cell::Text(c.trim().to_owned()))
                .collect(),
        ));
    }
    Ok(Roster { header, rows })
}

/// The day of an Excel date serial (1900 date system: day 0 is 1899-12-30).
fn excel_date(serial: f64) -> Option<Date> {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return None;
    }
    // Truncation is the point: the time of day is dropped. The range check above keeps it exact.
    #[allow(clippy::cast_possible_truncation)]
    let days = serial.floor() as i64;
    Date::new(1899, 12, 30).ok()?.checked_add(days.days()).ok()
}

fn read_xlsx(path: &Path) -> anyhow::Result<Roster> {
    let mut book = calamine::open_workbook_auto(path)
        .with_context(|| format!("cannot read `{}` as a spreadsheet", path.display()))?;
    let range = book
        .worksheet_range_at(0)
        .with_context(|| format!("`{}` has no sheet", path.display()))?
        .with_context(|| format!("cannot read the first sheet of `{}`", path.display()))?;
    let mut rows_iter = range.rows();
    let header = rows_iter
        .next()
        .map(|r| r.iter().map(|c| c.to_string().trim().to_owned()).collect())
        .unwrap_or_default();
    let first = range.start().map_or(0, |(r, _)| r as usize);
    let mut rows = Vec::new();
    for (i, row) in rows_iter.enumerate() {
        let cells =
            row.iter()
                .map(|c| match c {
                    Data::DateTime(dt) => excel_date(dt.as_f64())
                        .map_or_else(|| Cell::Text(c.to_string()), Cell::Date),
                    Data::DateTimeIso(s) => Cell::Text(s.chars().take(10).collect()),
                    Data::Empty => Cell::Text(String::new()),
                    other => Cell::Text(other.to_string().trim().to_owned()),
                })
                .collect();
        rows.push((first + i + 2, cells));
    }
    Ok(Roster { header, rows })
}

/// A header as a field name: lowercase, spaces and dashes as `_`.
fn normal(header: &str) -> String {
    header.trim().to_lowercase().replace([' ', '-'], "_")
}

pub(crate) fn run(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let program = write::open(&args.write)?;
    let file = &args.file;
    let extension = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let roster = match extension.as_str() {
        "csv" => read_csv(file)?,
        "xlsx" | "xlsm" | "xls" | "ods" => read_xlsx(file)?,
        _ => bail!("`{}`: expected a `.csv` or `.xlsx` file", file.display()),
    };
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    for m in &args.map {
        let Some((column, field)) = m.split_once('=') else {
            bail!("`--map {m}`: expected COLUMN=FIELD");
        };
        if !FIELDS.contains(&field.trim()) {
            bail!(
                "`--map {m}`: `{field}` is not a field; fields: {}",
                FIELDS.join(", ")
            );
        }
        map.insert(column.trim().to_owned(), field.trim().to_owned());
    }
    // Field -> column index and the column's name as written.
    let mut columns: BTreeMap<&str, (usize, String)> = BTreeMap::new();
    for (i, h) in roster.header.iter().enumerate() {
        let field = map.get(h).cloned().unwrap_or_else(|| normal(h));
        if let Some(f) = FIELDS.iter().find(|f| **f == field) {
            columns.insert(f, (i, h.clone()));
        }
    }
    let absent: Vec<&str> = FIELDS
        .iter()
        .filter(|f| !columns.contains_key(**f))
        .copied()
        .collect();
    if !absent.is_empty() {
        bail!(
            "`{}` row 1: no column for {}; name the columns {} or map them with `--map COLUMN=FIELD`",
            file.display(),
            absent
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", "),
            FIELDS.join(", ")
        );
    }
    let existing = write::model(program.files.files.clone(), program.as_of)?;
    let mut changes: Vec<Change> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    let mut reports: Vec<String> = Vec::new();
    for (row, cells) in &roster.rows {
        if cells
            .iter()
            .all(|c| matches!(c, Cell::Text(t) if t.is_empty()))
        {
            continue;
        }
        let at = |field: &str| -> (Option<&Cell>, String) {
            let (i, name) = &columns[field];
            (cells.get(*i), name.clone())
        };
        let text_of = |field: &str| -> String {
            match at(field).0 {
                Some(Cell::Text(t)) => t.clone(),
                Some(Cell::Date(d)) => d.to_string(),
                None => String::new(),
            }
        };
        let mut bad = |field: &str, why: String| {
            let column = &columns[field].1;
            problems.push(format!(
                "`{}` row {row}, column `{column}`: {why}",
                file.display()
            ));
        };
        let id = text_of("id");
        let id_ok = !id.is_empty()
            && id.split('-').all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        if !id_ok {
            bad(
                "id",
                format!("`{id}` is not an id like `a-example` (lowercase letters, digits, dashes)"),
            );
        }
        let name = text_of("name");
        if name.is_empty() {
            bad("name", "the name is empty".to_owned());
        }
        let rank = normal(&text_of("rank")).replace('_', "-");
        if !RANKS.contains(&rank.as_str()) {
            bad(
                "rank",
                format!(
                    "`{}` is not a rank; one of {}",
                    text_of("rank"),
                    RANKS.join(", ")
                ),
            );
        }
        let track = normal(&text_of("track")).replace('_', "-");
        if track.is_empty() {
            bad("track", "the track is empty".to_owned());
        }
        let start = match at("start_date").0 {
            Some(Cell::Date(d)) => Some(*d),
            Some(Cell::Text(t)) => match t.parse::<Date>() {
                Ok(d) => Some(d),
                Err(_) => {
                    bad("start_date", format!("`{t}` is not a date like 2025-07-01"));
                    None
                }
            },
            None => {
                bad("start_date", "the start date is empty".to_owned());
                None
            }
        };
        let roles: Vec<String> = text_of("roles")
            .split([';', ',', ' '])
            .map(|r| r.trim().to_lowercase())
            .filter(|r| !r.is_empty())
            .collect();
        if roles.is_empty() {
            bad(
                "roles",
                "no role; give mentee, mentor, ... separated by `;`".to_owned(),
            );
        }
        for r in &roles {
            if !ROLES.contains(&r.as_str()) {
                bad(
                    "roles",
                    format!("`{r}` is not a role; one of {}", ROLES.join(", ")),
                );
            }
        }
        let Some(start) = start else { continue };
        if !id_ok {
            continue;
        }
        if let Some(p) = existing.person(&id) {
            let mut diffs = Vec::new();
            if p.name != name {
                diffs.push(format!("name `{}` -> `{name}`", p.name));
            }
            if p.start_date != start {
                diffs.push(format!("start_date {} -> {start}", p.start_date));
            }
            if p.track != track {
                diffs.push(format!("track `{}` -> `{track}`", p.track));
            }
            let have = serde_json::to_value(p.rank)
                .map(|v| v.as_str().unwrap_or_default().to_owned())
                .unwrap_or_default();
            if have != rank {
                diffs.push(format!("rank `{have}` -> `{rank}`"));
            }
            reports.push(if diffs.is_empty() {
                format!("row {row}: `{id}` is already recorded; unchanged")
            } else {
                format!(
                    "row {row}: `{id}` is already recorded and differs ({}); not overwritten, edit `people/{id}.md` by hand",
                    diffs.join("; ")
                )
            });
            continue;
        }
        if changes.iter().any(|c| c.path == format!("people/{id}.md")) {
            bad("id", format!("`{id}` is listed twice in the roster"));
            continue;
        }
        changes.push(Change {
            path: format!("people/{id}.md"),
            before: None,
            after: person_text(&id, &name, &rank, &track, start, &roles, &[]),
        });
    }
    for r in &reports {
        crate::print(&format!("{r}\n"))?;
    }
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("error: {p}");
        }
        eprintln!("error: nothing imported");
        return Ok(ExitCode::from(1));
    }
    let verdict = edit::check_changes(program.files, &changes, program.as_of, &[])
        .context("internal error: a built-in schema or instrument is broken")?;
    if !verdict.new_errors.is_empty() {
        let text = mentor_records::diag::text::render(
            &verdict.new_errors,
            &verdict.summary(),
            &verdict.after.sources,
            false,
        );
        eprint!("{text}");
        eprintln!("error: nothing imported");
        return Ok(ExitCode::from(1));
    }
    for change in &changes {
        if args.write.dry_run {
            crate::print(&change.diff())?;
        } else {
            let written = write_atomic(&program.root, &change.path, &change.after, true)?;
            crate::print(&format!("wrote {}\n", written.display()))?;
        }
    }
    crate::print(&format!(
        "{} new {}{}\n",
        changes.len(),
        if changes.len() == 1 {
            "person"
        } else {
            "people"
        },
        if args.write.dry_run {
            " (dry run: nothing written)"
        } else {
            ""
        }
    ))?;
    Ok(ExitCode::SUCCESS)
}
