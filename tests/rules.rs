//! The rule engine through the binary: `mentor status` in text, JSON and CSV on the example
//! program, and the rule warnings of `mentor check`, all as of 2026-03-01 (the example
//! program's records are complete up to 2026-02-28).

use predicates::prelude::*;
use serde_json::Value;

use crate::support::{copy_tree, example_program, mentor, repo_root};

const AS_OF: &str = "2026-03-01";

fn stdout(args: &[&str]) -> String {
    let out = mentor(&repo_root())
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("utf8")
}

fn status_json(extra: &[&str]) -> Vec<Value> {
    let mut args = vec![
        "status",
        "example-program",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let status: Value = serde_json::from_str(&stdout(&args)).expect("a JSON object");
    assert_eq!(status["as_of"], AS_OF);
    assert!(
        status.get("provenance").is_some(),
        "provenance is stated (null outside git)"
    );
    status["rows"].as_array().expect("rows array").clone()
}

/// `(status, rule, label)` of every row that is not `met` or `on-track`.
fn attention(rows: &[Value]) -> Vec<(String, String, String)> {
    rows.iter()
        .filter(|r| r["status"] != "met" && r["status"] != "on-track")
        .map(|r| {
            (
                r["status"].as_str().unwrap_or_default().to_owned(),
                r["rule"].as_str().unwrap_or_default().to_owned(),
                r["label"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn triple(status: &str, rule: &str, label: &str) -> (String, String, String) {
    (status.to_owned(), rule.to_owned(), label.to_owned())
}

#[test]
fn status_text_shows_the_pair_behind_and_the_overdue_milestone_first() {
    let out = stdout(&["status", "example-program", "--as-of", AS_OF]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "Status as of 2026-03-01, academic year 2025-26: 0 missed, 4 overdue, 1 due soon, 43 on track, 32 met"
    );
    let columns: Vec<&str> = lines[2].split_whitespace().collect();
    assert_eq!(
        columns,
        [
            "STATUS", "RULE", "YEAR", "SUBJECT", "REQUIRED", "DONE", "NEXT", "DUE", "WHO"
        ]
    );
    let words = |line: &str| line.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        words(lines[3]),
        "overdue meeting-gap 2025-26 2023-p-mockup at most 183 days 362 days since 2025-03-04 2025-09-03 Dr. P. Mockup with Dr. G. Notreal"
    );
    // Two mentees who started months ago have no mentor (M312, issue 12).
    assert_eq!(
        words(lines[4]),
        "overdue unpaired-mentee 2025-26 i-nonesuch a mentor by 2025-12-01 none 2025-12-01 Dr. I. Nonesuch"
    );
    assert!(lines[5].contains("unpaired-mentee"), "{}", lines[5]);
    assert_eq!(
        words(lines[6]),
        "overdue salary-plan 2025-26 v-lorem by 2026-01-01 not recorded 2026-01-01 Dr. V. Lorem"
    );
    assert_eq!(
        words(lines[7]),
        "due-soon pair-meetings 2025-26 2023-p-mockup 2 meetings 0 2026-06-30 Dr. P. Mockup with Dr. G. Notreal"
    );
    assert!(lines[8].starts_with("on-track"), "{}", lines[8]);
    // Clean rows for the others, for instance a pair that met and a mentor who attended.
    assert!(lines.iter().any(|l| words(l)
        == "met pair-meetings 2025-26 2023-a-example 2 meetings 3 (last 2026-01-13) - Dr. A. Example with Dr. B. Sample"));
    let tail: Vec<&str> = out
        .split("\nNeeds attention:\n")
        .nth(1)
        .expect("attention section")
        .lines()
        .collect();
    assert_eq!(
        tail,
        [
            "  overdue meeting-gap[M302] 2023-p-mockup: 362 days since the meeting on 2025-03-04; at most 183 are allowed, so the next meeting was due by 2025-09-03",
            "  overdue unpaired-mentee[M312] i-nonesuch: no active or proposed agreement 90 days after the start date 2025-09-02; a mentor was due by 2025-12-01",
            "  overdue unpaired-mentee[M312] y-generic: no active or proposed agreement 90 days after the start date 2025-10-01; a mentor was due by 2025-12-30",
            "  overdue salary-plan[M306] v-lorem: salary-support plan was due by 2026-01-01 (18 months after the start date 2024-07-01) and `milestones.salary_plan` is not recorded; 59 days overdue",
            "  due-soon pair-meetings[M301] 2023-p-mockup: 2 meetings required in 2025-26, 0 held; next due by 2026-06-30, and the 2 meetings still owed no longer fit the cadence of 2 a year",
            "",
            "Earlier years with missed rows: 2024-25 (4 missed); see `mentor status --year 2024-25`.",
        ]
    );
}

#[test]
fn status_json_has_one_row_per_pair_group_member_mentor_and_milestone() {
    let rows = status_json(&[]);
    let row = |rule: &str, subject: &str| {
        rows.iter()
            .find(|r| r["rule"] == rule && r["subject"] == subject)
            .unwrap_or_else(|| panic!("a {rule} row for {subject}"))
    };
    // An open gap not yet overdue is filed under the as-of year, though its deadline falls in
    // the next one (issue 18 item 2, as docs/rules.md says of `year`).
    let gap = row("meeting-gap", "2023-a-example");
    assert_eq!(
        (&gap["status"], &gap["year"], &gap["due"], &gap["done"]),
        (
            &Value::from("on-track"),
            &Value::from("2025-26"),
            &Value::from("2026-07-15"),
            &Value::from(47)
        )
    );
    let meetings = row("pair-meetings", "2023-a-example");
    assert_eq!(
        (
            &meetings["status"],
            &meetings["done"],
            &meetings["required"]
        ),
        (&Value::from("met"), &Value::from(3), &Value::from(2))
    );
    assert_eq!(
        attention(&rows),
        [
            triple("overdue", "meeting-gap", "2023-p-mockup"),
            triple("overdue", "unpaired-mentee", "i-nonesuch"),
            triple("overdue", "unpaired-mentee", "y-generic"),
            triple("overdue", "salary-plan", "v-lorem"),
            // 2 meetings owed and 122 days left: no longer fits twice a year (docs/rules.md).
            triple("due-soon", "pair-meetings", "2023-p-mockup"),
        ]
    );
    let count = |rule: &str| rows.iter().filter(|r| r["rule"] == rule).count();
    // 13 active pairs; 2 groups with 13 members; 9 mentors; 16 mentees' open or current
    // milestones; the launch rows due this year.
    assert_eq!(
        (
            count("pair-meetings"),
            count("meeting-gap"),
            count("group-sessions")
        ),
        (13, 13, 2)
    );
    assert_eq!(
        (count("group-attendance"), count("community-attendance")),
        (13, 9)
    );
    assert_eq!(
        (
            count("salary-plan"),
            count("appraisal-prep"),
            count("promotion-packet")
        ),
        (7, 13, 5)
    );
    assert_eq!(
        (
            count("agreement-signature"),
            count("baseline-assessment"),
            count("final-assessment")
        ),
        (1, 1, 1)
    );
    let gap = &rows[0];
    assert_eq!(gap["code"], "M302");
    assert_eq!(gap["kind"], "pair");
    assert_eq!(gap["people"], serde_json::json!(["p-mockup", "g-notreal"]));
    assert_eq!(
        (gap["required"].as_u64(), gap["done"].as_u64()),
        (Some(183), Some(362))
    );
    assert_eq!(gap["unit"], "days");
    assert_eq!(
        (gap["due"].as_str(), gap["next_due"].as_str()),
        (Some("2025-09-03"), Some("2025-09-03"))
    );
    assert_eq!(gap["dates"], serde_json::json!(["2025-03-04"]));
    assert_eq!(gap["path"], "meetings/2023-p-mockup.md");
    let prorated = rows
        .iter()
        .find(|r| r["rule"] == "pair-meetings" && r["subject"] == "2025-x-nominal")
        .expect("x-nominal's pair row");
    assert_eq!(prorated["required_text"], "2 meetings (302 of 365 days)");
    assert_eq!(
        (prorated["status"].as_str(), prorated["done"].as_u64()),
        (Some("met"), Some(6))
    );
}

#[test]
fn status_of_a_past_year_keeps_what_fell_short() {
    let rows = status_json(&["--year", "2024-25"]);
    assert_eq!(
        attention(&rows),
        [
            triple("missed", "meeting-gap", "2023-p-mockup"),
            triple("missed", "agreement-signature", "2025-z-anon"),
            triple("missed", "pair-meetings", "2023-p-mockup"),
            triple(
                "missed",
                "group-attendance",
                "2024-25-first-years: s-surrogate"
            ),
        ]
    );
    let pair = &rows[2];
    assert_eq!(
        pair["message"],
        "2 meetings required in 2024-25, 1 held (2025-03-04); the period ended 2025-06-30"
    );
    assert_eq!(pair["next_due"], Value::Null);
    let replaced = rows
        .iter()
        .find(|r| r["rule"] == "pair-meetings" && r["subject"] == "2023-n-dummy")
        .expect("the replaced agreement's last year");
    assert_eq!(replaced["required_text"], "1 meeting (153 of 365 days)");
    assert_eq!(replaced["status"], "met");
}

#[test]
fn status_csv_has_a_header_and_quotes_fields() {
    let out = stdout(&[
        "status",
        "example-program",
        "--as-of",
        AS_OF,
        "--format",
        "csv",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.len(),
        status_json(&[]).len() + 1,
        "a header and a line per row"
    );
    assert_eq!(
        lines[0],
        "status,rule,code,kind,year,subject,label,name,people,required,done,unit,required_text,done_text,due,next_due,dates,path,message"
    );
    assert_eq!(
        lines[1],
        "overdue,meeting-gap,M302,pair,2025-26,2023-p-mockup,2023-p-mockup,Dr. P. Mockup with Dr. G. Notreal,p-mockup g-notreal,183,362,days,at most 183 days,362 days since 2025-03-04,2025-09-03,2025-09-03,2025-03-04,meetings/2023-p-mockup.md,\"362 days since the meeting on 2025-03-04; at most 183 are allowed, so the next meeting was due by 2025-09-03\""
    );
    assert!(lines[2].starts_with("overdue,unpaired-mentee,M312,mentee,2025-26,i-nonesuch,"));
    assert_eq!(
        lines[4],
        "overdue,salary-plan,M306,mentee,2025-26,v-lorem,v-lorem,Dr. V. Lorem,v-lorem,1,0,milestones,by 2026-01-01,not recorded,2026-01-01,2026-01-01,,people/v-lorem.md,salary-support plan was due by 2026-01-01 (18 months after the start date 2024-07-01) and `milestones.salary_plan` is not recorded; 59 days overdue"
    );
}

#[test]
fn status_as_of_an_earlier_date_ignores_later_records() {
    let assert = mentor(&repo_root())
        .args([
            "status",
            "example-program",
            "--as-of",
            "2025-01-15",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
    let status: Value = serde_json::from_slice(&assert.get_output().stdout).expect("a JSON object");
    let rows = status["rows"].as_array().expect("rows array");
    assert_eq!(
        attention(rows),
        [
            triple("overdue", "meeting-gap", "2023-p-mockup"),
            // 2 meetings owed and 167 days left: no longer fits twice a year (docs/rules.md).
            triple("due-soon", "pair-meetings", "2023-p-mockup"),
        ]
    );
    assert_eq!(rows[0]["done"], 232);
    assert_eq!(rows[0]["next_due"], "2024-11-27");
}

/// A copy of the example program with `program.md` changed by `edit`.
fn program_copy(edit: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(&example_program(), dir.path());
    let path = dir.path().join("program.md");
    let text = std::fs::read_to_string(&path).expect("program.md");
    std::fs::write(&path, edit(text)).expect("write program.md");
    dir
}

#[test]
fn check_reports_overdue_and_missed_findings_as_warnings() {
    let out = stdout(&[
        "check",
        "example-program",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    let found: Vec<(String, String, String, u64)> = out
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("json line"))
        .filter(|v| v["type"] == "diagnostic")
        .map(|v| {
            (
                v["code"].as_str().unwrap_or_default().to_owned(),
                v["severity"].as_str().unwrap_or_default().to_owned(),
                v["path"].as_str().unwrap_or_default().to_owned(),
                v["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    let w = |code: &str, path: &str, line: u64| {
        (code.to_owned(), "warning".to_owned(), path.to_owned(), line)
    };
    assert_eq!(
        found,
        [
            w("M309", "agreements/2025-z-anon.md", 21),
            w("M304", "groups/2024-25-first-years.md", 6),
            w("M301", "meetings/2023-p-mockup.md", 3),
            w("M302", "meetings/2023-p-mockup.md", 12),
            w("M302", "meetings/2023-p-mockup.md", 12),
            w("M312", "people/i-nonesuch.md", 6),
            w("M306", "people/v-lorem.md", 6),
            w("M312", "people/y-generic.md", 6),
        ]
    );
    assert!(out.contains("2023-p-mockup: 2 meetings required in 2024-25, 1 held (2025-03-04); the period ended 2025-06-30 (missed)"));

    mentor(&repo_root())
        .args([
            "check",
            "example-program",
            "--as-of",
            AS_OF,
            "--deny-warnings",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("0 errors, 8 warnings"));
}

#[test]
fn severity_in_program_md_changes_or_silences_a_rule_and_names_unknown_rules() {
    let dir = program_copy(|text| {
        text.replace(
            "# severity:                          # uncomment to change how a rule is reported\n#   pair-meetings: error\n",
            "severity:\n  salary-plan: error\n  meeting-gap: off\n  pair-meetngs: warning\n",
        )
    });
    let out = mentor(dir.path())
        .args(["check", ".", "--as-of", AS_OF])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).expect("utf8");
    assert!(out.contains("people/v-lorem.md:6:13: error[M306]"), "{out}");
    assert!(!out.contains("[M302]"), "{out}");
    assert!(
        out.contains(
            "program.md:31:3: error[M220]: `severity` names `pair-meetngs`, which is not a rule"
        ),
        "{out}"
    );
    assert!(out.contains("did you mean `pair-meetings`?"), "{out}");
    assert!(out.contains("2 errors, 5 warnings"), "{out}");
}

#[test]
fn status_still_runs_when_the_records_have_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(&example_program(), dir.path());
    let person = dir.path().join("people/v-lorem.md");
    let text = std::fs::read_to_string(&person).expect("person");
    std::fs::write(
        &person,
        text.replace("rank: assistant-professor", "rank: dean"),
    )
    .expect("write");
    let assert = mentor(dir.path())
        .args(["status", ".", "--as-of", AS_OF])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: `mentor check` finds 1 error in these records; status covers only the valid records",
        ));
    let out = String::from_utf8(assert.get_output().stdout.clone()).expect("utf8");
    assert!(
        out.starts_with("Status as of 2026-03-01, academic year 2025-26: 0 missed, 3 overdue,"),
        "{out}"
    );
    assert!(
        !out.contains("v-lorem"),
        "the unreadable person's rows are left out"
    );
}

/// Every rule in the registry is evaluated: the example program has records for each, so a rule
/// added to `Rule::ALL` but not called from `rules::evaluate` (or given no example records)
/// shows no rows and fails here.
#[test]
fn every_rule_has_rows_on_the_example_program() {
    let rows = status_json(&[]);
    for rule in mentor_records::rules::Rule::ALL {
        assert!(
            rows.iter().any(|r| r["rule"] == rule.name()),
            "no `{rule}` row as of {AS_OF}"
        );
    }
}

#[test]
fn status_filters_by_status_person_rule_and_group() {
    let rows = status_json(&["--only", "overdue,missed"]);
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r["status"] == "overdue" || r["status"] == "missed")
    );
    let rows = status_json(&["--rule", "meeting-gap"]);
    assert!(!rows.is_empty() && rows.iter().all(|r| r["rule"] == "meeting-gap"));
    assert_eq!(status_json(&["--rule", "M302"]).len(), rows.len());
    let rows = status_json(&["--person", "p-mockup"]);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| {
        r["people"]
            .as_array()
            .is_some_and(|p| p.iter().any(|id| id == "p-mockup"))
    }));
    let all = status_json(&[]);
    let groups: Vec<&Value> = all.iter().filter(|r| r["kind"] == "group").collect();
    let group = groups[0]["subject"].as_str().expect("group id").to_owned();
    let rows = status_json(&["--group", &group]);
    assert!(rows.len() > 1, "the group and its members");
    assert!(rows.iter().all(|r| r["subject"] == group.as_str()));
    mentor(&repo_root())
        .args([
            "status",
            "example-program",
            "--as-of",
            AS_OF,
            "--rule",
            "meetings",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a rule"));
}

#[test]
fn status_text_fits_columns_and_colours_on_request() {
    let out = mentor(&repo_root())
        .env("COLUMNS", "100")
        .args(["status", "example-program", "--as-of", AS_OF])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("utf8");
    for line in text.lines().skip(1) {
        assert!(line.chars().count() <= 100, "{line:?}");
    }
    let piped = stdout(&["status", "example-program", "--as-of", AS_OF]);
    assert!(
        piped.lines().any(|l| l.chars().count() > 100),
        "full width when not a terminal"
    );
    assert!(!piped.contains('\u{1b}'));
    let coloured = stdout(&[
        "status",
        "example-program",
        "--as-of",
        AS_OF,
        "--color",
        "always",
    ]);
    assert!(coloured.contains("\u{1b}[31moverdue\u{1b}[0m"));
}
