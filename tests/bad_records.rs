//! Bad records: every folder `tests/bad-records/<CODE>-<slug>/` is the valid base program in
//! `tests/bad-records/_base/` with one fault. A case folder holds only the files that differ from
//! the base (added or replacing files), an optional `_delete` listing base paths to remove (one a
//! line), and `expected`: the case's diagnostic as `path:line:col: severity[CODE]`.
//!
//! For each case the base is copied to a temporary folder, the case laid over it, and
//! `mentor check` run on it. The test asserts the exit code (1 for an error, 0 for a warning), that
//! the first diagnostic printed is the expected one at the expected place, and snapshots the whole
//! text output (`tests/snapshots/tests__bad_records__<case>.snap`). A new case is a new folder:
//! no code changes. All cases run; the failures are reported together at the end.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::Duration;

use mentor_records::diag::Code;

use crate::support::{copy_tree, mentor, repo_root};

/// The as-of date every case is checked at.
const AS_OF: &str = "2026-03-01";

/// Files in a case folder that describe the case rather than overlay the base.
const CASE_FILES: [&str; 2] = ["expected", "_delete"];

fn bad_records() -> PathBuf {
    repo_root().join("tests").join("bad-records")
}

/// The case folders, sorted by name (`_base` and hidden entries excluded).
fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(bad_records())
        .expect("tests/bad-records is readable")
        .map(|entry| entry.expect("dir entry").path())
        .filter(|path| {
            let name = file_name(path);
            path.is_dir() && !name.starts_with('_') && !name.starts_with('.')
        })
        .collect();
    cases.sort();
    cases
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// What `mentor check` did on one program folder.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn check(program: &Path) -> Run {
    let output = mentor(program)
        .args(["check", ".", "--as-of", AS_OF])
        .timeout(Duration::from_secs(30))
        .output()
        .expect("mentor runs");
    let tidy = |bytes: &[u8]| {
        String::from_utf8_lossy(bytes)
            .replace(&program.display().to_string(), "[PROGRAM]")
            .replace('\\', "/")
    };
    Run {
        code: output.status.code(),
        stdout: tidy(&output.stdout),
        stderr: tidy(&output.stderr),
    }
}

/// Lays a case over a copy of the base in `into`.
fn build(case: &Path, into: &Path) -> Result<(), String> {
    copy_tree(&bad_records().join("_base"), into);
    for entry in walkdir::WalkDir::new(case).min_depth(1) {
        let entry = entry.map_err(|e| e.to_string())?;
        let rel = entry.path().strip_prefix(case).expect("inside the case");
        if entry.depth() == 1 && CASE_FILES.contains(&file_name(rel).as_str()) {
            continue;
        }
        let target = into.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| e.to_string())?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| e.to_string())?;
        }
    }
    if let Ok(list) = std::fs::read_to_string(case.join("_delete")) {
        for line in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let target = into.join(line);
            let removed = if target.is_dir() {
                std::fs::remove_dir_all(&target)
            } else {
                std::fs::remove_file(&target)
            };
            removed.map_err(|e| format!("_delete: cannot remove base path `{line}`: {e}"))?;
        }
    }
    Ok(())
}

/// The expected diagnostic: `path:line:col: severity[CODE]`.
struct Expected {
    line: String,
    code: String,
    is_error: bool,
}

fn expected(case: &Path) -> Result<Expected, String> {
    let text = std::fs::read_to_string(case.join("expected"))
        .map_err(|e| format!("cannot read `expected`: {e}"))?;
    let line = text.trim().to_owned();
    let (severity, code) = line
        .rsplit_once(": ")
        .and_then(|(_, tail)| tail.strip_suffix(']'))
        .and_then(|tail| tail.split_once('['))
        .ok_or_else(|| format!("`expected` is not `path:line:col: severity[CODE]`: {line:?}"))?;
    let is_error = match severity {
        "error" => true,
        "warning" => false,
        other => return Err(format!("`expected` has an unknown severity {other:?}")),
    };
    let code = code.to_owned();
    let name = file_name(case);
    if name.split('-').next() != Some(code.as_str()) {
        return Err(format!(
            "the folder name starts with another code than `expected` ({code})"
        ));
    }
    Ok(Expected {
        line,
        code,
        is_error,
    })
}

/// Whether an output line is a diagnostic's header (`path:line:col: error[M203]: ...`).
fn is_diagnostic_header(line: &str) -> bool {
    ["error[M", "warning[M"]
        .iter()
        .any(|marker| line.contains(&format!(": {marker}")))
        && !line.starts_with(' ')
}

fn run_case(case: &Path) -> Result<(), String> {
    let name = file_name(case);
    let expected = expected(case)?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    build(case, dir.path())?;
    let run = check(dir.path());
    let mut problems = Vec::new();
    let want = i32::from(expected.is_error);
    if run.code != Some(want) {
        problems.push(format!("exit code {:?}, expected {want}", run.code));
    }
    if !run.stderr.is_empty() {
        problems.push(format!("stderr is not empty:\n{}", run.stderr));
    }
    match run.stdout.lines().find(|l| is_diagnostic_header(l)) {
        Some(first) if first.starts_with(&format!("{}: ", expected.line)) => {}
        Some(first) => problems.push(format!(
            "first diagnostic is\n    {first}\nexpected\n    {}: ...",
            expected.line
        )),
        None => problems.push(format!("no diagnostic; expected {}", expected.code)),
    }
    let snapshot = catch_unwind(AssertUnwindSafe(|| {
        insta::with_settings!({
            description => expected.line.as_str(),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name.as_str(), run.stdout);
        });
    }));
    if snapshot.is_err() {
        problems
            .push("snapshot differs (see above, or review with `cargo insta review`)".to_owned());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n  "))
    }
}

#[test]
fn base_program_checks_clean() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(&bad_records().join("_base"), dir.path());
    let run = check(dir.path());
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.starts_with("0 errors, 0 warnings in "),
        "{}",
        run.stdout
    );
}

#[test]
fn every_record_code_has_a_case() {
    let names: Vec<String> = cases().iter().map(|c| file_name(c)).collect();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|code| code.id())
        // Every code a program folder can trigger. M221 compares with git history (`--staged`,
        // `--rev`) and is tested with git; M223 (a file over 4 MiB) and M224 (a pipe or a folder
        // at a record path) are not files to check in, and are tested in `hostile`; M3xx are the
        // rules' findings, tested with the rules.
        .filter(|id| {
            ("M001"..="M299").contains(id) && !["M221", "M222", "M223", "M224"].contains(id)
        })
        .filter(|id| !names.iter().any(|n| n.starts_with(&format!("{id}-"))))
        .collect();
    assert!(missing.is_empty(), "no bad-records case for {missing:?}");
}

#[test]
fn every_bad_record_reports_its_diagnostic() {
    let cases = cases();
    assert!(
        cases.len() >= 35,
        "expected at least 35 cases, found {}",
        cases.len()
    );
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            run_case(case)
                .err()
                .map(|e| format!("{}:\n  {e}", file_name(case)))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} bad-record cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
