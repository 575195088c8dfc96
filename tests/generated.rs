//! The benchmark generator (`examples/generate/`) makes valid programs: `mentor check` finds no
//! errors in a small one, so the generator cannot drift from the schemas and checks. Not timed;
//! `bench/run.sh` does the timing.

#[path = "../examples/generate/program.rs"]
pub(crate) mod program;

use crate::support::{mentor, repo_root};

fn small() -> program::Options {
    program::Options {
        faculty: 150,
        years: 4,
        seed: 7,
    }
}

#[test]
fn generated_program_checks_without_errors() {
    let files = program::generate(small());
    let dir = tempfile::tempdir().expect("tempdir");
    program::write(&files, dir.path()).expect("write");
    let out = mentor(&repo_root())
        .args(["check", "--format", "json", "--as-of", program::AS_OF])
        .arg(dir.path())
        .output()
        .expect("run mentor");
    let text = String::from_utf8(out.stdout).expect("utf8");
    let errors: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(r#""severity":"error""#))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let summary: serde_json::Value =
        serde_json::from_str(text.lines().last().expect("summary")).expect("json");
    assert_eq!(summary["errors"], 0, "{text}");
    assert_eq!(summary["records"], files.len(), "every file is a record");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn generated_program_has_every_record_kind() {
    let files = program::generate(small());
    for folder in [
        "people/",
        "agreements/",
        "meetings/",
        "groups/",
        "community/",
        "assessments/",
        "summaries/",
    ] {
        assert!(
            files.iter().any(|(path, _)| path.starts_with(folder)),
            "no {folder}"
        );
    }
    let has = |needle: &str| files.iter().any(|(_, text)| text.contains(needle));
    assert!(has("status: replaced\n"), "no mentor change");
    assert!(has("status: concluded\n"), "no concluded agreement");
    assert!(has("phase: final\n"), "no final self-assessment");
    assert!(
        has("instrument: mentor-skills-inventory\n"),
        "no mentor self-assessment"
    );
}

#[test]
fn generator_is_deterministic() {
    assert_eq!(program::generate(small()), program::generate(small()));
    let other = program::Options { seed: 8, ..small() };
    assert_ne!(program::generate(small()), program::generate(other));
}
