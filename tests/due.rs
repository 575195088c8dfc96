//! `mentor due`: the agenda covers every pressing status row; calendars parse and keep their UIDs.

use std::process::Command as Process;

use serde_json::Value;

use crate::support::{mentor, repo_root};

fn json(args: &[&str]) -> Value {
    let out = mentor(&repo_root())
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("json")
}

#[test]
fn every_overdue_or_due_soon_status_row_appears_in_due() {
    let mut pressing = 0;
    for as_of in [
        "2025-09-15",
        "2025-12-20",
        "2026-03-01",
        "2026-06-01",
        "2026-09-10",
    ] {
        let status = json(&[
            "status",
            "example-program",
            "--as-of",
            as_of,
            "--format",
            "json",
        ]);
        let due = json(&[
            "due",
            "example-program",
            "--as-of",
            as_of,
            "--format",
            "json",
        ]);
        let items = due["items"].as_array().expect("items");
        for row in status["rows"].as_array().expect("rows") {
            let state = row["status"].as_str().expect("status");
            if state != "overdue" && state != "due-soon" {
                continue;
            }
            pressing += 1;
            let found = items.iter().any(|i| {
                i["kind"] == row["rule"]
                    && i["subject"] == row["label"]
                    && i["date"] == row["next_due"]
                    && i["status"] == row["status"]
            });
            assert!(found, "as of {as_of}, status row missing from due: {row}");
        }
    }
    assert!(pressing >= 5, "the dates cover pressing rows: {pressing}");
}

#[test]
fn due_lists_soonest_first_and_filters_by_person() {
    let due = json(&[
        "due",
        "example-program",
        "--as-of",
        "2026-03-01",
        "--format",
        "json",
    ]);
    let dates: Vec<&str> = due["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["date"].as_str().expect("date"))
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable();
    assert_eq!(dates, sorted);
    let mine = json(&[
        "due",
        "example-program",
        "--as-of",
        "2026-03-01",
        "--person",
        "v-lorem",
        "--format",
        "json",
    ]);
    let mine = mine["items"].as_array().expect("items");
    assert!(!mine.is_empty());
    assert!(mine.iter().all(|i| {
        i["people"]
            .as_array()
            .expect("people")
            .iter()
            .any(|w| w["id"] == "v-lorem")
    }));
    mentor(&repo_root())
        .args(["due", "example-program", "--person", "nobody-here"])
        .assert()
        .code(2);
}

/// Parses an ICS file with Python's `icalendar` and prints `UID|DTSTART|SUMMARY` per event.
fn parse_ics(path: &std::path::Path) -> Vec<String> {
    let script = [
        "import sys, icalendar",
        "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())",
        "for e in cal.walk('VEVENT'):",
        "    assert e.get('DTSTAMP') is not None and e.get('DESCRIPTION')",
        "    assert e.get('DTSTART').params.get('VALUE') == 'DATE'",
        "    print(str(e['UID']) + '|' + e.decoded('DTSTART').isoformat() + '|' + str(e['SUMMARY']))",
    ]
    .join("\n");
    let out = Process::new("python3")
        .args(["-c", &script])
        .arg(path)
        .output()
        .expect("python3 runs (pip install icalendar)");
    assert!(
        out.status.success(),
        "icalendar rejects {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf8")
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn ics_parses_with_stable_uids_and_per_person_files() {
    let tmp = tempfile::tempdir().expect("tmp");
    let run = |name: &str| {
        let file = tmp.path().join(name);
        mentor(&repo_root())
            .args([
                "due",
                "example-program",
                "--as-of",
                "2026-03-01",
                "--format",
                "ics",
                "--out",
            ])
            .arg(&file)
            .arg("--per-person")
            .arg(tmp.path().join("people"))
            .assert()
            .success();
        file
    };
    let first = parse_ics(&run("first.ics"));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = parse_ics(&run("second.ics"));
    assert!(first.len() >= 5, "{first:?}");
    assert_eq!(first, second, "same events and UIDs on a later run");
    let text = std::fs::read_to_string(tmp.path().join("first.ics")).expect("ics");
    assert!(text.contains("\r\n"), "CRLF line ends");
    assert!(
        text.contains("DTSTART;VALUE=DATE:2026-03-31")
            || text.contains("DTSTART;VALUE=DATE:20260331")
    );
    let mut uids: Vec<&str> = first
        .iter()
        .map(|l| l.split('|').next().unwrap_or(""))
        .collect();
    uids.sort_unstable();
    uids.dedup();
    assert_eq!(uids.len(), first.len(), "UIDs are unique");
    let lorem = parse_ics(&tmp.path().join("people/v-lorem.ics"));
    assert!(!lorem.is_empty() && lorem.len() < first.len(), "{lorem:?}");
    assert!(
        lorem.iter().all(|l| first.contains(l)),
        "same UIDs as the program file"
    );
}

#[test]
fn due_refuses_to_write_into_a_record_folder() {
    mentor(&repo_root())
        .args([
            "due",
            "example-program",
            "--format",
            "ics",
            "--out",
            "example-program/people/x.ics",
        ])
        .assert()
        .code(2);
    assert!(!repo_root().join("example-program/people/x.ics").exists());
}
