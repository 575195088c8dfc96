//! Hostile input (issue 11): text that could steer a terminal or leak a confidential note, files
//! too large or not files at all, symbolic links, report output that must be all or nothing.
//! Each test runs the real `mentor` binary on a copy of the bad-records base program.

use std::path::{Path, PathBuf};

use crate::support::{copy_tree, mentor, repo_root};

/// A copy of the small valid base program in a temporary folder.
fn base() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let program = dir.path().join("program");
    copy_tree(
        &repo_root().join("tests").join("bad-records").join("_base"),
        &program,
    );
    (dir, program)
}

fn run(program: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = mentor(program)
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("mentor runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const MEETING_LOG: &str = "meetings/2025-a-example.md";

#[test]
fn m213_points_at_a_note_without_repeating_it_in_text_or_json() {
    let (_dir, program) = base();
    let log = std::fs::read_to_string(program.join(MEETING_LOG)).expect("log");
    let log = log.replace(
        "    minutes: 45\n",
        "    minutes: 45\n    worry: she is thinking of leaving # she is thinking of leaving\n",
    ) + "she is thinking of leaving\nand told me why\n";
    std::fs::write(program.join(MEETING_LOG), log).expect("write");
    for format in ["text", "json"] {
        let (code, stdout, _) = run(
            &program,
            &["check", ".", "--as-of", "2026-03-01", "--format", format],
        );
        assert_eq!(code, Some(1), "{stdout}");
        assert_eq!(stdout.matches("M213").count(), 3, "{stdout}");
        assert!(!stdout.contains("leaving"), "{format}: {stdout}");
        assert!(!stdout.contains("worry"), "{format}: {stdout}");
        assert!(stdout.contains("2 lines of 42 characters"), "{stdout}");
    }
}

/// The `pair-meetings` rows of `mentor status --format json` as (status, done) pairs.
fn pair_meeting_rows(program: &Path) -> Vec<(String, u64)> {
    let (_, stdout, stderr) = run(
        program,
        &["status", ".", "--as-of", "2026-03-01", "--format", "json"],
    );
    let value: serde_json::Value = serde_json::from_str(&stdout).expect(&stderr);
    value["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["rule"] == "pair-meetings")
        .map(|r| {
            (
                r["status"].as_str().unwrap_or_default().to_owned(),
                r["done"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn a_meeting_log_with_an_error_is_not_counted_by_the_rules() {
    let (_dir, program) = base();
    assert!(
        pair_meeting_rows(&program)
            .iter()
            .any(|(_, done)| *done > 0),
        "the clean log is counted"
    );
    let log = std::fs::read_to_string(program.join(MEETING_LOG)).expect("log");
    std::fs::write(program.join(MEETING_LOG), log + "a note\n").expect("write");
    assert_eq!(pair_meeting_rows(&program), Vec::new());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_or_a_folder_where_a_record_belongs_is_an_error_not_silence() {
    let (_dir, program) = base();
    let fifo = program.join("people/x-pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    std::fs::create_dir_all(program.join("people/y-folder.md")).expect("mkdir");
    // A pipe with no writer: opening it would block, so the timeout in `run` catches a regression.
    let (code, stdout, _) = run(&program, &["check", ".", "--as-of", "2026-03-01"]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("people/x-pipe.md:1:1: error[M224]: `people/x-pipe.md` is a named pipe"),
        "{stdout}"
    );
    assert!(
        stdout.contains("people/y-folder.md:1:1: error[M224]: `people/y-folder.md` is a folder"),
        "{stdout}"
    );
}

#[test]
fn a_file_over_the_size_limit_is_named_and_not_read() {
    let (_dir, program) = base();
    // A sparse 5 GiB file: reading it whole would take gigabytes of memory.
    let file = std::fs::File::create(program.join("people/z-huge.md")).expect("create");
    file.set_len(5 << 30).expect("sparse");
    let (code, stdout, _) = run(&program, &["check", ".", "--as-of", "2026-03-01"]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("people/z-huge.md:1:1: error[M223]: file is 5368709120 bytes or more"),
        "{stdout}"
    );
}

#[test]
fn front_matter_over_one_mebibyte_is_refused_with_its_size() {
    let (_dir, program) = base();
    let person = std::fs::read_to_string(program.join("people/a-example.md")).expect("read");
    let big = person.replacen(
        "name: Dr. A. Example",
        &format!("name: Dr. A. Example\nnote: \"{}\"", "x".repeat(1 << 20)),
        1,
    );
    std::fs::write(program.join("people/a-example.md"), big).expect("write");
    let (code, stdout, _) = run(&program, &["check", ".", "--as-of", "2026-03-01"]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("people/a-example.md:1:1: error[M223]: front matter is 1048"),
        "{stdout}"
    );
    assert!(
        stdout.len() < 10_000,
        "no megabyte snippet: {}",
        stdout.len()
    );
}

/// Every file under `dir` as (relative path, bytes), sorted.
fn snapshot_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .expect("inside")
                    .display()
                    .to_string(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    out.sort();
    out
}

fn report(program: &Path, extra: &[&str]) -> (Option<i32>, String, String) {
    let mut args = vec!["report", ".", "--as-of", "2026-03-01", "--format", "md"];
    args.extend_from_slice(extra);
    run(program, &args)
}

#[test]
fn two_reports_at_one_path_write_nothing_and_leave_old_reports_alone() {
    let (_dir, program) = base();
    assert_eq!(report(&program, &[]).0, Some(0));
    let before = snapshot_tree(&program.join("report"));
    assert!(before.len() > 2, "{before:?}");
    std::fs::copy(
        program.join("people/a-example.md"),
        program.join("people/zz-dup.md"),
    )
    .expect("copy");
    let (code, _, stderr) = report(&program, &["--allow-errors"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("two reports would be written to"),
        "{stderr}"
    );
    assert_eq!(
        snapshot_tree(&program.join("report")),
        before,
        "untouched, no temp files"
    );
}

#[test]
fn a_write_failing_halfway_removes_its_temp_files_and_keeps_old_reports() {
    let (_dir, program) = base();
    assert_eq!(report(&program, &[]).0, Some(0));
    // A file where the per-mentee folder goes: the plan passes, creating the folder fails after
    // other reports went to temporary files.
    std::fs::remove_dir_all(program.join("report/career-planning")).expect("rm");
    std::fs::write(program.join("report/career-planning"), "in the way\n").expect("write");
    let before = snapshot_tree(&program.join("report"));
    let (code, _, stderr) = report(&program, &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(
        snapshot_tree(&program.join("report")),
        before,
        "untouched, no temp files"
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_template_override_or_report_folder_is_refused() {
    let (dir, program) = base();
    std::fs::create_dir_all(program.join("templates")).expect("mkdir");
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "TOP SECRET\n").expect("write");
    std::os::unix::fs::symlink(&secret, program.join("templates/index.md.tera")).expect("link");
    let (code, stdout, stderr) = report(&program, &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("index.md.tera") && stderr.contains("symbolic link"),
        "{stderr}"
    );
    assert!(!stdout.contains("TOP SECRET") && !program.join("report").exists());
    std::fs::remove_file(program.join("templates/index.md.tera")).expect("rm");

    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("mkdir");
    std::os::unix::fs::symlink(&elsewhere, program.join("report")).expect("link");
    let (code, _, stderr) = report(&program, &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("symbolic link"), "{stderr}");
    assert_eq!(std::fs::read_dir(&elsewhere).expect("dir").count(), 0);
}

#[test]
fn out_is_compared_as_a_canonical_path() {
    let (_dir, program) = base();
    for out in [
        "report/../people",
        "./report/../../program/agreements",
        "/",
        ".",
    ] {
        let (code, _, stderr) = report(&program, &["--out", out]);
        assert_eq!(code, Some(2), "{out}: {stderr}");
        assert!(
            stderr.contains("refusing to write reports"),
            "{out}: {stderr}"
        );
    }
    let people: Vec<_> = std::fs::read_dir(program.join("people"))
        .expect("people")
        .collect();
    assert_eq!(people.len(), 4, "nothing written among the records");
}

/// `date +%F` in zone `tz`, from the system's own C library (the reference).
fn system_date(tz: &str) -> String {
    let out = std::process::Command::new("date")
        .arg("+%F")
        .env("TZ", tz)
        .output()
        .expect("date");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[test]
fn today_is_the_date_in_the_zone_tz_names() {
    let (_dir, program) = base();
    for tz in [
        "Pacific/Kiritimati",
        "America/Adak",
        ":Pacific/Kiritimati",
        "/usr/share/zoneinfo/America/Adak",
    ] {
        let before = system_date(tz);
        let output = mentor(&program)
            .args(["status", ".", "--format", "json"])
            .env("TZ", tz)
            .output()
            .expect("mentor runs");
        let after = system_date(tz);
        let value: serde_json::Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("{tz}: {e}: {}", String::from_utf8_lossy(&output.stderr)));
        let as_of = value["as_of"].as_str().unwrap_or_default().to_owned();
        assert!(
            as_of == before || as_of == after,
            "{tz}: {as_of} vs {before}"
        );
    }
    // Kiritimati (UTC+14) is a day ahead of UTC from 10:00 UTC, Adak (UTC-10, -9 in summer) a
    // day behind until 09:00 or 10:00 UTC: at any moment (bar one summer hour) one of the two
    // differs from UTC, so a silent UTC fallback fails this test whenever it runs.
}

#[test]
fn an_unknown_tz_is_an_error_not_utc() {
    let (_dir, program) = base();
    let output = mentor(&program)
        .args(["status", "."])
        .env("TZ", "Nowhere/Atlantis")
        .output()
        .expect("mentor runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("TZ=Nowhere/Atlantis") && stderr.contains("--as-of"),
        "{stderr}"
    );
}

// --- property: any Unicode in a value, a key or a body gives a well-formed diagnostic ----------

mod property {
    use mentor_records::read::ReadFiles;
    use mentor_records::source::SourceFile;
    use proptest::prelude::*;

    /// Text with multi-byte characters, C0/C1 controls, bidi controls and invisible characters
    /// mixed with ASCII: the characters that broke spans and terminals before.
    fn hostile_text() -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec![
            'é', 'ß', '€', '𝄞', '\u{200b}', '\u{202e}', '\u{2066}', '\u{feff}', '\u{1b}', '\u{7}',
            '\u{9b}', '\u{85}', '\u{a0}', '\u{2028}', '\r', '\t', ':', '#', '&', '*', '"', '\'',
            '[', '{', '-', ' ',
        ]);
        let any = any::<char>();
        let ascii = prop::char::range('a', 'z');
        prop::collection::vec(prop_oneof![3 => ascii, 2 => special, 1 => any], 0..24)
            .prop_map(|chars| chars.into_iter().collect())
    }

    fn check(files: Vec<(String, String)>) -> Result<(), TestCaseError> {
        let read = ReadFiles {
            files: files
                .iter()
                .map(|(path, text)| SourceFile::new(path.clone(), text.clone()))
                .collect(),
            ..ReadFiles::default()
        };
        let outcome = mentor_records::run_check(read, jiff::civil::date(2026, 3, 1))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        for d in &outcome.diagnostics {
            if let (Some(p), Some((file, _))) = (&d.position, outcome.sources.get(&d.path)) {
                let lines: Vec<&str> = file.text.split('\n').collect();
                prop_assert!(p.line >= 1 && p.line <= lines.len(), "{d:?}");
                let width = lines[p.line - 1].chars().count() + 1;
                prop_assert!(
                    p.column >= 1 && p.column <= width,
                    "{d:?} in {:?}",
                    file.text
                );
            }
        }
        let text = mentor_records::diag::text::render(
            &outcome.diagnostics,
            &outcome.summary,
            &outcome.sources,
            false,
        );
        prop_assert!(
            !text
                .chars()
                .any(|c| mentor_records::text::is_unprintable(c) && !matches!(c, '\n' | '\t')),
            "{text:?}"
        );
        let json = mentor_records::diag::json::render(&outcome.diagnostics, &outcome.summary);
        for line in json.lines() {
            prop_assert!(
                serde_json::from_str::<serde_json::Value>(line).is_ok(),
                "{line}"
            );
            prop_assert!(!line.contains(|c: char| c.is_control()), "{line:?}");
        }
        Ok(())
    }

    fn person(key: &str, value: &str, body: &str) -> (String, String) {
        (
            "people/a-example.md".to_owned(),
            format!(
                "---\nid: a-example\nname: Dr. A. Example\nrank: {value}\ntrack: clinician-educator\nstart_date: 2025-08-01\nroles: [mentee]\n{key}: {value}\nquoted: {}\n---\n{body}",
                serde_json::to_string(value).unwrap_or_default()
            ),
        )
    }

    fn meeting_log(key: &str, value: &str, body: &str) -> (String, String) {
        (
            "meetings/2025-a-example.md".to_owned(),
            format!(
                "---\nagreement: 2025-a-example\nmeetings:\n  - date: 2025-09-15\n    {key}: {value}\n    minutes: {value}\n---\n{body}"
            ),
        )
    }

    fn agreement(value: &str) -> (String, String) {
        (
            "agreements/2025-a-example.md".to_owned(),
            format!(
                "---\nid: 2025-a-example\nmentee: a-example\nmentors: [{value}]\nstart: 2025-09-01\nplanned_end: 2027-08-31\nmeeting_frequency: quarterly\nmodality: {value}\nconfidentiality_acknowledged: true\nstatus: active\n---\n"
            ),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

        #[test]
        fn any_unicode_gives_a_well_formed_diagnostic(
            key in hostile_text(),
            value in hostile_text(),
            body in hostile_text(),
        ) {
            let one_line = |s: &str| s.replace(['\n', '\r', '\u{85}', '\u{2028}'], " ");
            let (key, value) = (one_line(&key), one_line(&value));
            check(vec![
                person(&key, &value, &body),
                meeting_log(&key, &value, &body),
                agreement(&value),
            ])?;
        }
    }
}

#[test]
fn control_characters_in_a_name_reach_neither_csv_nor_reports() {
    let (_dir, program) = base();
    let person = std::fs::read_to_string(program.join("people/a-example.md")).expect("read");
    let person = person.replace(
        "name: Dr. A. Example",
        "name: \"Dr. A. \\e]0;owned\\a\\e[31mExample\\x9b2J\"",
    );
    std::fs::write(program.join("people/a-example.md"), person).expect("write");
    let (code, csv, stderr) = run(
        &program,
        &["status", ".", "--as-of", "2026-03-01", "--format", "csv"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        csv.contains("Dr. A. \u{241b}]0;owned\u{2407}\u{241b}[31mExample"),
        "{csv}"
    );
    assert!(!csv.contains(['\u{1b}', '\u{7}', '\u{9b}']), "{csv:?}");
    for format in ["md", "html"] {
        let (code, _, stderr) = run(
            &program,
            &["report", ".", "--as-of", "2026-03-01", "--format", format],
        );
        assert_eq!(code, Some(0), "{stderr}");
    }
    let reports = snapshot_tree(&program.join("report"));
    assert!(reports.len() > 4);
    for (path, bytes) in reports {
        let text = String::from_utf8(bytes).expect("utf-8");
        assert!(!text.contains(['\u{1b}', '\u{7}', '\u{9b}']), "{path}");
        if path.contains("a-example") {
            assert!(
                text.contains('\u{241b}'),
                "the escape is shown as ␛: {path}"
            );
        }
    }
}

#[test]
fn a_markdown_report_keeps_no_live_javascript_link_or_remote_image() {
    let (_dir, program) = base();
    let summary = program.join("summaries/2025-26/a-example.md");
    let text = std::fs::read_to_string(&summary).expect("read")
        + "\n[click](javascript:alert(1)) [ref][r] <javascript:alert(2)> ![pixel](https://tracker.example.org/p.png)\n\n[r]: javascript:alert(3)\n";
    std::fs::write(&summary, text).expect("write");
    let (code, _, stderr) = report(&program, &[]);
    assert_eq!(code, Some(0), "{stderr}");
    let md =
        std::fs::read_to_string(program.join("report/career-planning-2025-26.md")).expect("md");
    assert!(md.contains("click"), "{md}");
    assert!(!md.contains("](javascript:"), "{md}");
    assert!(!md.contains("<javascript:"), "{md}");
    assert!(!md.contains("]: javascript:"), "{md}");
    assert!(!md.contains("tracker.example.org"), "{md}");
}

#[cfg(target_os = "linux")]
#[test]
fn file_names_that_are_not_utf8_stay_apart_in_the_output() {
    use std::os::unix::ffi::OsStrExt as _;
    let (_dir, program) = base();
    for byte in [0xff_u8, 0xfe] {
        let bytes = [b'b', b'a', b'd', byte, b'.', b'm', b'd'];
        let name = std::ffi::OsStr::from_bytes(&bytes);
        std::fs::write(program.join("people").join(name), "---\nid: x\n---\n").expect("write");
    }
    let (code, stdout, _) = run(&program, &["check", ".", "--as-of", "2026-03-01"]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("people/bad\\xff.md:"), "{stdout}");
    assert!(stdout.contains("people/bad\\xfe.md:"), "{stdout}");
}
