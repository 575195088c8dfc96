//! Day one for a division (issue 12): from an empty folder to a checked program with the real
//! binary, and every refusal leaving the program's files as they were.

use std::collections::BTreeMap;
use std::path::Path;

use predicates::prelude::*;

use crate::support::mentor;

const AS_OF: &str = "2026-03-01";

/// Every file under `dir` (but `.git/`) with its bytes: compared before and after a refusal.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.file_name() != ".git")
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// A roster spreadsheet with a text column and a real date cell, written with rust_xlsxwriter.
fn write_xlsx(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, h) in ["id", "name", "rank", "track", "start_date", "roles"]
        .iter()
        .enumerate()
    {
        sheet
            .write_string(0, u16::try_from(col).expect("col"), *h)
            .expect("header");
    }
    let row = [
        "m-mentora",
        "Dr. Zoë Ångström-Example",
        "professor",
        "investigator",
    ];
    for (col, v) in row.iter().enumerate() {
        sheet
            .write_string(1, u16::try_from(col).expect("col"), *v)
            .expect("cell");
    }
    let date_format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    // 2010-07-01 as an Excel serial (days since 1899-12-30).
    sheet
        .write_number_with_format(1, 4, 40360.0, &date_format)
        .expect("date cell");
    sheet.write_string(1, 5, "mentor").expect("roles");
    book.save(path).expect("save xlsx");
}

/// An empty folder taken through init, import (CSV and xlsx), new agreement, two signatures
/// and two meetings; `check` passes at the end.
fn day_one(root: &Path) -> std::path::PathBuf {
    let program = root.join("program");
    mentor(root)
        .args(["init", "program", "--name", "Programa de Mentoría"])
        .args(["--division", "División de Ejemplo", "--as-of", AS_OF])
        .assert()
        .success()
        .stdout(predicate::str::contains("program.md"));
    std::fs::write(
        root.join("roster.csv"),
        "id,Full Name,rank,track,start_date,roles\n\
         j-nunez,Dr. José Ñúñez-Example,assistant-professor,clinician-educator,2025-07-01,mentee\n\
         a-example,Dr. A. Example,associate-professor,investigator,2015-07-01,mentor;facilitator\n",
    )
    .expect("roster");
    mentor(&program)
        .args([
            "import",
            "people",
            "../roster.csv",
            "--map",
            "Full Name=name",
        ])
        .args(["--as-of", AS_OF])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 new people"));
    write_xlsx(&root.join("roster.xlsx"));
    mentor(&program)
        .args(["import", "people", "../roster.xlsx", "--as-of", AS_OF])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 new person"));
    mentor(&program)
        .args([
            "new",
            "agreement",
            "--mentee",
            "j-nunez",
            "--mentor",
            "m-mentora",
        ])
        .args(["--start", "2026-01-05", "--as-of", AS_OF])
        .assert()
        .success();
    for (who, date) in [("j-nunez", "2026-01-06"), ("m-mentora", "2026-01-09")] {
        mentor(&program)
            .args(["sign", "2026-j-nunez", "--person", who, "--date", date])
            .args(["--as-of", AS_OF])
            .assert()
            .success();
    }
    mentor(&program)
        .args(["meet", "2026-j-nunez", "2026-01-20", "--minutes", "60"])
        .args(["--as-of", AS_OF])
        .assert()
        .success()
        .stdout(predicate::str::contains("meetings"));
    mentor(&program)
        .args(["meet", "2026-j-nunez", "2026-02-17", "--as-of", AS_OF])
        .assert()
        .success();
    program
}

#[test]
fn an_empty_folder_becomes_a_checked_program_with_only_these_commands() {
    let dir = tempfile::tempdir().expect("tempdir");
    let program = day_one(dir.path());
    mentor(&program)
        .args(["check", "--as-of", AS_OF, "--deny-warnings"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "0 errors, 0 warnings in 8 records",
        ));
    let person = std::fs::read_to_string(program.join("people/m-mentora.md")).expect("person");
    assert!(
        person.contains("name: Dr. Zoë Ångström-Example\n"),
        "{person}"
    );
    assert!(
        person.contains("start_date: 2010-07-01\n"),
        "the xlsx date cell: {person}"
    );
    let agreement =
        std::fs::read_to_string(program.join("agreements/2026-j-nunez.md")).expect("agreement");
    assert!(agreement.contains("status: active\n"), "{agreement}");
    assert!(agreement.contains("# Mentoring agreement"), "standard text");
    let log = std::fs::read_to_string(program.join("meetings/2026-j-nunez.md")).expect("log");
    assert_eq!(
        log,
        "---\nagreement: 2026-j-nunez\nmeetings:\n  - date: 2026-01-20\n    minutes: 60\n  - date: 2026-02-17\n---\n"
    );
    assert_eq!(
        std::fs::read_to_string(program.join(".gitignore")).expect("gitignore"),
        "report/\n"
    );
    assert!(program.join(".git").exists(), "git init");
    let program_md = std::fs::read_to_string(program.join("program.md")).expect("program");
    assert!(
        program_md.contains("unpaired_days: 90"),
        "every default written out"
    );
    assert!(program_md.contains("# seed 004"));
}

/// Runs `args` in the program folder and asserts exit 1 and an untouched tree.
fn refused(program: &Path, args: &[&str], message: &str) {
    let before = tree(program);
    mentor(program)
        .args(args)
        .args(["--as-of", AS_OF])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(message))
        .stderr(predicate::str::contains("nothing written"));
    assert!(tree(program) == before, "{args:?} changed files");
}

#[test]
fn every_refused_change_leaves_the_files_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let program = day_one(dir.path());
    refused(
        &program,
        &["meet", "2026-j-nunez", "2026-03-02"],
        "after the as-of date",
    );
    refused(
        &program,
        &["meet", "2026-j-nunez", "2025-12-01"],
        "outside agreement",
    );
    refused(
        &program,
        &["meet", "2026-j-nunez", "2026-01-20"],
        "listed twice",
    );
    refused(
        &program,
        &["meet", "2026-j-nunes", "2026-01-21"],
        "did you mean `2026-j-nunez`?",
    );
    refused(
        &program,
        &[
            "sign",
            "2026-j-nunez",
            "--person",
            "j-nunex",
            "--date",
            "2026-01-07",
        ],
        "j-nunex",
    );
    mentor(&program)
        .args([
            "new",
            "group",
            "2025-26-first-years",
            "--name",
            "Primeros años",
        ])
        .args(["--year", "2025-26", "--facilitator", "a-example"])
        .args(["--members", "j-nunez", "--as-of", AS_OF])
        .assert()
        .success();
    refused(
        &program,
        &[
            "attend",
            "2025-26-first-years",
            "2026-02-10",
            "--present",
            "j-nunes",
        ],
        "not a member",
    );
    // Over the size limit: a ninth member (the limit is 8, seed 002).
    let members: Vec<String> = (1..=9).map(|i| format!("p-{i}")).collect();
    for id in &members {
        mentor(&program)
            .args(["new", "person", id, "--name", "Dr. P. Example", "--rank"])
            .args(["instructor", "--track", "investigator", "--start-date"])
            .args(["2025-07-01", "--roles", "mentee", "--as-of", AS_OF])
            .assert()
            .success();
    }
    refused(
        &program,
        &[
            "new",
            "group",
            "big",
            "--name",
            "Too big",
            "--year",
            "2025-26",
            "--facilitator",
            "a-example",
            "--members",
            &members.join(","),
        ],
        "group_size_max",
    );
}

#[test]
fn attend_records_a_community_meeting_in_its_academic_year() {
    let dir = tempfile::tempdir().expect("tempdir");
    let program = day_one(dir.path());
    mentor(&program)
        .args([
            "attend",
            "community",
            "2026-02-04",
            "--present",
            "m-mentora",
        ])
        .args(["--topic", "Señales: what mentees need", "--as-of", AS_OF])
        .assert()
        .success();
    let text = std::fs::read_to_string(program.join("community/2025-26.md")).expect("community");
    assert!(text.contains("academic_year: 2025-26\n"), "{text}");
    assert!(
        text.contains("    topic: \"Señales: what mentees need\"\n"),
        "{text}"
    );
    assert!(text.contains("    attended: [m-mentora]\n"), "{text}");
}

#[test]
fn dry_run_prints_a_diff_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let program = day_one(dir.path());
    let before = tree(&program);
    mentor(&program)
        .args([
            "meet",
            "2026-j-nunez",
            "2026-02-24",
            "--dry-run",
            "--as-of",
            AS_OF,
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("+++ b/meetings/2026-j-nunez.md"))
        .stdout(predicate::str::contains("+  - date: 2026-02-24"));
    assert!(tree(&program) == before);
}

#[test]
fn a_crlf_file_with_a_bom_keeps_its_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let program = day_one(dir.path());
    let log = program.join("meetings/2026-j-nunez.md");
    let crlf = format!(
        "\u{feff}{}",
        std::fs::read_to_string(&log)
            .expect("log")
            .replace('\n', "\r\n")
            .replace("meetings:\r\n", "meetings:   # dates only\r\n")
    );
    std::fs::write(&log, &crlf).expect("write");
    mentor(&program)
        .args(["meet", "2026-j-nunez", "2026-02-24", "--as-of", AS_OF])
        .assert()
        .success();
    let after = std::fs::read_to_string(&log).expect("log");
    let expected = crlf.replace(
        "  - date: 2026-02-17\r\n",
        "  - date: 2026-02-17\r\n  - date: 2026-02-24\r\n",
    );
    assert_eq!(after, expected);
}

#[test]
fn import_names_the_row_and_column_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let program = day_one(dir.path());
    std::fs::write(
        dir.path().join("bad.csv"),
        "id,name,rank,track,start_date,roles\nq-x,Dr. Q. Example,instructor,investigator,2025-13-01,mentee\n",
    )
    .expect("csv");
    let before = tree(&program);
    mentor(&program)
        .args(["import", "people", "../bad.csv", "--as-of", AS_OF])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("row 2, column `start_date`"));
    std::fs::write(
        dir.path().join("again.csv"),
        "id,name,rank,track,start_date,roles\nj-nunez,Dr. José Ñúñez-Example,assistant-professor,clinician-educator,2025-08-01,mentee\n",
    )
    .expect("csv");
    mentor(&program)
        .args(["import", "people", "../again.csv", "--as-of", AS_OF])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "start_date 2025-07-01 -> 2025-08-01",
        ))
        .stdout(predicate::str::contains("not overwritten"));
    assert!(tree(&program) == before);
}

#[test]
fn init_refuses_a_folder_with_records_and_check_outside_a_program_suggests_init() {
    let dir = tempfile::tempdir().expect("tempdir");
    let program = day_one(dir.path());
    let before = tree(&program);
    mentor(dir.path())
        .args(["init", "program"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already holds a program"));
    assert!(tree(&program) == before);
    let empty = tempfile::tempdir().expect("tempdir");
    mentor(empty.path())
        .args(["check", "--as-of", AS_OF])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a program folder"))
        .stderr(predicate::str::contains("mentor init"))
        .stderr(predicate::str::contains("example-program").not());
}

#[test]
fn missing_required_values_are_listed_when_stdin_is_not_a_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let program = day_one(dir.path());
    mentor(&program)
        .args(["new", "person", "x-example", "--name", "Dr. X. Example"])
        .write_stdin("")
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "missing `--rank`, `--track`, `--start-date`, `--roles`",
        ));
}

#[test]
fn a_draft_agreement_needs_no_signature_and_m309_reminds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let program = day_one(dir.path());
    mentor(&program)
        .args([
            "new",
            "agreement",
            "--mentee",
            "p-draft",
            "--mentor",
            "m-mentora",
        ])
        .args(["--start", "2026-01-05", "--as-of", AS_OF])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown"));
    mentor(&program)
        .args([
            "new",
            "person",
            "p-draft",
            "--name",
            "Dr. D. Example",
            "--rank",
        ])
        .args(["instructor", "--track", "investigator", "--start-date"])
        .args(["2025-07-01", "--roles", "mentee", "--as-of", AS_OF])
        .assert()
        .success();
    // Unpaired since 2025-07-01: M312 warns (due by 2025-09-29).
    mentor(&program)
        .args(["check", "--as-of", AS_OF])
        .assert()
        .success()
        .stdout(predicate::str::contains("warning[M312]"));
    mentor(&program)
        .args([
            "new",
            "agreement",
            "--mentee",
            "p-draft",
            "--mentor",
            "m-mentora",
        ])
        .args(["--start", "2026-01-05", "--as-of", AS_OF])
        .assert()
        .success();
    mentor(&program)
        .args(["check", "--as-of", AS_OF])
        .assert()
        .success()
        .stdout(predicate::str::contains("warning[M309]"))
        .stdout(predicate::str::contains("M212").not())
        .stdout(predicate::str::contains("M312").not());
}

#[test]
fn an_assessment_takes_its_responses_from_a_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    let program = day_one(dir.path());
    let mut csv = String::from("item,response\n");
    for i in 1..=10 {
        csv.push_str(&format!("mcs-{i:02},3\n"));
    }
    std::fs::write(dir.path().join("responses.csv"), csv).expect("csv");
    mentor(&program)
        .args(["new", "assessment", "--person", "j-nunez"])
        .args([
            "--instrument",
            "mentee-career-self-assessment",
            "--phase",
            "baseline",
        ])
        .args(["--date", "2026-01-15", "--responses", "../responses.csv"])
        .args(["--as-of", AS_OF])
        .assert()
        .success();
    let text = std::fs::read_to_string(
        program.join("assessments/j-nunez/2026-01-15-mentee-career-self-assessment.md"),
    )
    .expect("assessment");
    assert!(text.contains("responses:\n  mcs-01: 3\n"), "{text}");
    assert!(text.contains("  mcs-10: 3\n"), "{text}");
    // One answer short: refused, nothing written.
    std::fs::write(dir.path().join("short.csv"), "item,response\nmcs-01,3\n").expect("csv");
    refused(
        &program,
        &[
            "new",
            "assessment",
            "--person",
            "j-nunez",
            "--instrument",
            "mentee-career-self-assessment",
            "--phase",
            "midpoint",
            "--date",
            "2026-02-15",
            "--responses",
            "../short.csv",
        ],
        "unanswered",
    );
}
