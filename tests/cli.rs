//! The binary's exit codes, output formats and streams.

use predicates::prelude::*;

use crate::support::{example_program, mentor, repo_root};

#[test]
fn example_program_checks_without_errors() {
    mentor(&repo_root())
        .args(["check", "example-program", "--as-of", "2026-03-01"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors"));
}

#[test]
fn defaults_to_the_current_folder_and_never_names_a_folder_the_user_did_not() {
    // The repository root holds `example-program/` but is not a program itself (issue 12).
    mentor(&repo_root())
        .args(["check", "--as-of", "2026-03-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the current folder"))
        .stderr(predicate::str::contains("mentor init"))
        .stderr(predicate::str::contains("example-program").not());
    mentor(&example_program())
        .args(["check", "--as-of", "2026-03-01"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors"));
}

#[test]
fn json_format_gives_one_object_per_line() {
    let out = mentor(&repo_root())
        .args(["check", "--format", "json", "--as-of", "2026-03-01"])
        .arg(example_program())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("utf8");
    let last = text.lines().last().expect("summary line");
    let summary: serde_json::Value = serde_json::from_str(last).expect("json");
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["errors"], 0);
    for line in text.lines() {
        let value: serde_json::Value = serde_json::from_str(line).expect("each line is json");
        assert!(value["type"] == "diagnostic" || value["type"] == "summary");
    }
}

#[test]
fn exits_2_on_a_missing_folder() {
    mentor(&repo_root())
        .args(["check", "no-such-folder"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("no-such-folder"));
}

#[test]
fn exits_2_on_a_bad_date_argument() {
    mentor(&repo_root())
        .args(["check", "--as-of", "2026-02-30"])
        .assert()
        .code(2);
}

#[test]
fn explains_codes() {
    mentor(&repo_root())
        .args(["explain", "M213"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("confidentiality-breach")
                .and(predicate::str::contains("seed 004")),
        );
    mentor(&repo_root())
        .args(["explain", "M999"])
        .assert()
        .code(2);
}

/// The README's code table is generated from `Code::ALL`; run with `UPDATE_README=1` to rewrite it.
#[test]
fn readme_lists_every_diagnostic_code() {
    use mentor_records::diag::Code;
    let mut table =
        String::from("| code | name | default | meaning |\n| --- | --- | --- | --- |\n");
    for code in Code::ALL {
        let info = code.info();
        table.push_str(&format!(
            "| {} | `{}` | {} | {} |\n",
            info.id,
            info.name,
            info.severity.as_str(),
            info.summary.replace('|', "\\|")
        ));
    }
    let path = repo_root().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let (before, rest) = readme
        .split_once("<!-- codes:start -->\n")
        .expect("start marker");
    let (current, after) = rest.split_once("<!-- codes:end -->").expect("end marker");
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(
            &path,
            format!("{before}<!-- codes:start -->\n{table}<!-- codes:end -->{after}"),
        )
        .expect("write");
        return;
    }
    assert_eq!(
        current, table,
        "README code table is stale: run UPDATE_README=1 cargo test readme_lists"
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_reported_not_followed() {
    use std::os::unix::fs::symlink;

    let dir = tempfile::tempdir().expect("tempdir");
    let program = dir.path();
    crate::support::copy_tree(&example_program(), program);
    // A link to a record, to a record folder, to nothing, and to itself.
    symlink("a-example.md", program.join("people/x.md")).expect("file link");
    symlink("a-example", program.join("assessments/z-linked")).expect("folder link");
    symlink("gone.md", program.join("meetings/2025-gone.md")).expect("dangling link");
    symlink("loop.md", program.join("groups/loop.md")).expect("looping link");
    // A link where nothing would be checked anyway is not worth a warning.
    std::fs::remove_file(program.join("README.md")).expect("remove README");
    symlink("people/a-example.md", program.join("README.md")).expect("README link");

    let out = mentor(program)
        .args(["check", ".", "--format", "json", "--as-of", "2026-03-01"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("utf8");
    let links: Vec<serde_json::Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).expect("json"))
        .filter(|d: &serde_json::Value| d["code"] == "M009")
        .collect();
    let paths: Vec<&str> = links.iter().filter_map(|d| d["path"].as_str()).collect();
    assert_eq!(
        paths,
        [
            "assessments/z-linked",
            "groups/loop.md",
            "meetings/2025-gone.md",
            "people/x.md"
        ],
        "{text}"
    );
    for d in &links {
        assert_eq!(d["severity"], "warning");
        assert_eq!(d["name"], "unknown-location");
        assert_eq!(
            d["message"],
            format!(
                "`{}` is a symbolic link; mentor does not follow links, so it is not checked",
                d["path"].as_str().unwrap_or_default()
            )
        );
        assert!(
            d["help"]
                .as_str()
                .is_some_and(|h| h.starts_with("replace the link with the file")),
            "{d}"
        );
    }

    mentor(program)
        .args(["check", ".", "--as-of", "2026-03-01"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "people/x.md:1:1: warning[M009]: `people/x.md` is a symbolic link",
        ));
}
