//! `mentor notices`: .eml drafts that parse, carry To, Subject and a plain-text body, and never
//! leak confidential text.

use std::path::Path;
use std::process::Command as Process;

use crate::support::{copy_tree, example_program, mentor};

/// Parses every `.eml` in `dir` with Python's `email` package; prints `file|To|Subject|body`.
fn parse_eml(dir: &Path) -> Vec<String> {
    let script = [
        "import sys, os, email, email.policy",
        "for name in sorted(os.listdir(sys.argv[1])):",
        "    m = email.message_from_bytes(open(os.path.join(sys.argv[1], name), 'rb').read(), policy=email.policy.default)",
        "    assert m['To'] and m['Subject'] and m['From'], name",
        "    body = m.get_body(preferencelist=('plain',))",
        "    assert body is not None and body.get_content_type() == 'text/plain', name",
        "    text = body.get_content()",
        "    assert text.strip(), name",
        "    print(name + '|' + str(m['To']) + '|' + str(m['Subject']) + '|' + text.replace('\\n', ' '))",
    ]
    .join("\n");
    let out = Process::new("python3")
        .args(["-c", &script])
        .arg(dir)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "email rejects a draft: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf8")
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Appends `text` to the Markdown body of the record at `rel` in `dir`.
fn plant(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    let mut s = std::fs::read_to_string(&path).expect("record");
    s.push_str(&format!("\n{text}\n"));
    std::fs::write(&path, s).expect("write");
}

#[test]
fn drafts_parse_and_carry_no_confidential_text() {
    let tmp = tempfile::tempdir().expect("tmp");
    let program = tmp.path().join("program");
    copy_tree(&example_program(), &program);
    // Distinctive text in every confidential place a draft could draw from.
    let secrets = [
        "ZEBRA-ASPIRATION-7",
        "ZEBRA-SUMMARY-7",
        "ZEBRA-ANSWER-7",
        "ZEBRA-GOAL-7",
    ];
    plant(&program, "people/y-generic.md", secrets[0]);
    plant(&program, "people/p-mockup.md", secrets[0]);
    plant(&program, "people/b-sample.md", secrets[0]);
    for entry in walkdir::WalkDir::new(program.join("summaries")) {
        let entry = entry.expect("walk");
        if entry.path().extension().is_some_and(|e| e == "md") {
            let rel = entry.path().strip_prefix(&program).expect("rel");
            plant(&program, &rel.to_string_lossy(), secrets[1]);
        }
    }
    for entry in walkdir::WalkDir::new(program.join("assessments")) {
        let entry = entry.expect("walk");
        if entry.path().extension().is_some_and(|e| e == "md") {
            let rel = entry.path().strip_prefix(&program).expect("rel");
            plant(&program, &rel.to_string_lossy(), secrets[2]);
        }
    }
    plant(&program, "agreements/2023-p-mockup.md", secrets[3]);
    let out = tmp.path().join("drafts");
    let run = mentor(tmp.path())
        .args(["notices", "program", "--as-of", "2026-03-01", "--out"])
        .arg(&out)
        .assert()
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("g-notreal"),
        "a recipient without email is named: {stderr}"
    );
    let drafts = parse_eml(&out);
    assert!(drafts.len() >= 2, "{drafts:?}");
    assert!(
        drafts
            .iter()
            .any(|d| d.starts_with("mentor-request-y-generic-b-sample.eml|")
                && d.contains("b.sample@example.invalid"))
    );
    assert!(
        drafts
            .iter()
            .any(|d| d.starts_with("reminder-") && d.contains("Dr. P. Mockup"))
    );
    for entry in std::fs::read_dir(&out).expect("drafts") {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("draft");
        let text = String::from_utf8_lossy(&bytes);
        for secret in secrets {
            assert!(!text.contains(secret), "{secret} leaked");
        }
    }
    for d in &drafts {
        for secret in secrets {
            assert!(!d.contains(secret), "{secret} leaked (decoded): {d}");
        }
    }
}

#[test]
fn program_templates_override_notices_and_out_may_not_be_a_record_folder() {
    let tmp = tempfile::tempdir().expect("tmp");
    let program = tmp.path().join("program");
    copy_tree(&example_program(), &program);
    std::fs::create_dir_all(program.join("templates/notices")).expect("mkdir");
    std::fs::write(
        program.join("templates/notices/reminder.tera"),
        "Subject: Überfällig: {{ title }}\nHallo {{ to.name }}, bitte bis {{ due }} treffen.\n",
    )
    .expect("template");
    let out = tmp.path().join("drafts");
    mentor(tmp.path())
        .args(["notices", "program", "--as-of", "2026-03-01", "--out"])
        .arg(&out)
        .assert()
        .success();
    let drafts = parse_eml(&out);
    assert!(
        drafts
            .iter()
            .any(|d| d.contains("|Überfällig: ") && d.contains("Hallo Dr. P. Mockup")),
        "{drafts:?}"
    );
    mentor(tmp.path())
        .args([
            "notices",
            "program",
            "--as-of",
            "2026-03-01",
            "--out",
            "program/people",
        ])
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read_dir(program.join("people"))
            .expect("people")
            .count(),
        std::fs::read_dir(example_program().join("people"))
            .expect("people")
            .count()
    );
}
