//! `mentor match groups` and `mentor match mentors` on the example program's 2026-27
//! applications: explained proposals, written records that pass `mentor check`, the private
//! `avoid` list kept out of every output, and the same proposal every time.

use serde_json::Value;

use crate::support::{copy_tree, example_program, mentor, repo_root};

const AS_OF: &str = "2026-03-01";

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = mentor(&repo_root())
        .args(args)
        .output()
        .expect("mentor runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn groups_json(dir: &str) -> Value {
    let (code, stdout, stderr) = run(&[
        "match", "groups", dir, "--year", "2026-27", "--as-of", AS_OF, "--format", "json",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    serde_json::from_str(&stdout).expect("JSON")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().expect("string").to_owned())
        .collect()
}

#[test]
fn groups_are_explained_and_respect_the_constraints() {
    let json = groups_json("example-program");
    let groups = json["groups"].as_array().expect("groups");
    assert!(groups.len() >= 2, "{json}");
    let mut placed = Vec::new();
    for g in groups {
        let members = strings(&g["members"]);
        assert!((4..=8).contains(&members.len()), "{g}");
        assert_eq!(strings(&g["reasons"]).len(), members.len());
        assert!(!strings(&g["common_slots"]).is_empty(), "{g}");
        assert!(!strings(&g["shared_topics"]).is_empty(), "{g}");
        assert!(g["facilitator"].is_string(), "{g}");
        // x-nominal asked not to be grouped with o-specimen.
        assert!(
            !(members.contains(&"x-nominal".to_owned())
                && members.contains(&"o-specimen".to_owned())),
            "{g}"
        );
        placed.extend(members);
    }
    let unplaced: Vec<&str> = json["unplaced"]
        .as_array()
        .expect("unplaced")
        .iter()
        .map(|u| u["person"].as_str().expect("person"))
        .collect();
    assert_eq!(placed.len() + unplaced.len(), 12, "{json}");
}

#[test]
fn avoid_lists_never_leave_the_matcher() {
    let (_, text, _) = run(&[
        "match",
        "groups",
        "example-program",
        "--year",
        "2026-27",
        "--as-of",
        AS_OF,
    ]);
    let json = groups_json("example-program").to_string();
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(&example_program(), dir.path());
    let program = dir.path().to_string_lossy().into_owned();
    let (code, _, stderr) = run(&[
        "match", "groups", &program, "--year", "2026-27", "--as-of", AS_OF, "--write",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let written: String = std::fs::read_dir(dir.path().join("groups"))
        .expect("groups")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("read"))
        .collect();
    let (_, status, _) = run(&["status", &program, "--as-of", AS_OF, "--format", "json"]);
    for (what, output) in [
        ("text", &text),
        ("json", &json),
        ("records", &written),
        ("status", &status),
    ] {
        assert!(
            !output.contains("avoid"),
            "{what} mentions avoid:\n{output}"
        );
        // No line about x-nominal names the person they asked to be kept from.
        for line in output.lines().filter(|l| l.contains("(x-nominal):")) {
            assert!(!line.contains("o-specimen"), "{what}: {line}");
        }
    }
}

#[test]
fn written_groups_pass_check_and_are_never_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(&example_program(), dir.path());
    let program = dir.path().to_string_lossy().into_owned();
    let json = groups_json(&program);
    let (code, _, stderr) = run(&[
        "match", "groups", &program, "--year", "2026-27", "--as-of", AS_OF, "--write",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    for g in json["groups"].as_array().expect("groups") {
        let id = g["id"].as_str().expect("id");
        let text =
            std::fs::read_to_string(dir.path().join(format!("groups/{id}.md"))).expect("written");
        assert!(text.contains("status: proposed"), "{text}");
        assert!(text.contains(&format!(
            "facilitator: {}",
            g["facilitator"].as_str().expect("f")
        )));
    }
    let (code, stdout, stderr) = run(&["check", &program, "--as-of", AS_OF]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("0 errors"), "{stdout}");
    // The proposed groups hold no sessions, and no session rule reports them.
    assert!(!stdout.contains("2026-27-"), "{stdout}");
    // A second run finds everyone placed and writes nothing; the records stay as they were.
    let before: Vec<String> = std::fs::read_dir(dir.path().join("groups"))
        .expect("groups")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("read"))
        .collect();
    let (code, _, stderr) = run(&[
        "match", "groups", &program, "--year", "2026-27", "--as-of", AS_OF, "--write",
    ]);
    assert_eq!(code, Some(2), "{stderr}");
    let after: Vec<String> = std::fs::read_dir(dir.path().join("groups"))
        .expect("groups")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("read"))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn the_same_input_gives_the_same_proposal() {
    let args = [
        "match",
        "groups",
        "example-program",
        "--year",
        "2026-27",
        "--as-of",
        AS_OF,
    ];
    let first = run(&args).1;
    assert!(first.contains("facilitator:"), "{first}");
    assert_eq!(first, run(&args).1);
    let mentors = [
        "match",
        "mentors",
        "--program-dir",
        "example-program",
        "--as-of",
        AS_OF,
    ];
    assert_eq!(run(&mentors).1, run(&mentors).1);
}

#[test]
fn mentor_suggestions_are_explained_and_respect_capacity() {
    let (code, stdout, stderr) = run(&[
        "match",
        "mentors",
        "--program-dir",
        "example-program",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let json: Value = serde_json::from_str(&stdout).expect("JSON");
    let mentees = json["mentees"].as_array().expect("mentees");
    let ids: Vec<&str> = mentees
        .iter()
        .map(|m| m["mentee"].as_str().expect("id"))
        .collect();
    // Unpaired: no active agreement.
    assert!(
        ids.contains(&"i-nonesuch") && ids.contains(&"y-generic"),
        "{ids:?}"
    );
    assert!(
        !ids.contains(&"a-example"),
        "a-example has an active agreement"
    );
    for m in mentees {
        let suggestions = m["suggestions"].as_array().expect("suggestions");
        assert!(!suggestions.is_empty() && suggestions.len() <= 3, "{m}");
        for s in suggestions {
            let mentor = s["mentor"].as_str().expect("mentor");
            assert_ne!(
                mentor, "d-fictional",
                "the division chief is never suggested"
            );
            assert_ne!(Some(mentor), m["mentee"].as_str());
            let b = &s["breakdown"];
            let sum: i64 = ["interests", "track", "seniority", "load"]
                .iter()
                .map(|k| b[k].as_i64().expect("points"))
                .sum();
            assert_eq!(b["total"].as_i64(), Some(sum));
            assert!(!s["reasons"].as_array().expect("reasons").is_empty());
        }
    }
    // h-imaginary mentors 1 of 3: the assignment gives them at most 2 more mentees.
    let assigned = json["assignment"].as_array().expect("assignment");
    assert_eq!(assigned.len(), mentees.len());
    let to_h = assigned
        .iter()
        .filter(|a| a["mentor"] == "h-imaginary")
        .count();
    assert!(to_h <= 2, "{json}");
}

#[test]
fn a_given_mentee_that_is_not_a_mentee_is_an_error() {
    let (code, _, stderr) = run(&[
        "match",
        "mentors",
        "b-sample",
        "--program-dir",
        "example-program",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("`b-sample` is not a person with the role `mentee`"),
        "{stderr}"
    );
}
