//! `mentor report`: snapshots of the rendered example program, HTML validity (Nu checker), PDF
//! printing (headless Chromium + pdftotext), overrides and template errors.

use std::path::Path;
use std::process::Command as Process;

use predicates::prelude::*;

use crate::support::{copy_tree, example_program, mentor, repo_root};

const AS_OF: &str = "2026-03-01";

/// Renders a copy of the example program outside git, so the footer does not name a commit and
/// snapshots are the same in every clone.
fn render(format: &str, out: &Path) {
    let program = tempfile::tempdir().expect("tempdir");
    copy_tree(&example_program(), program.path());
    mentor(&repo_root())
        .args(["report", "--as-of", AS_OF, "--format", format, "--out"])
        .arg(out)
        .arg(program.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("reports as of 2026-03-01"));
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn markdown_reports_match_snapshots() {
    let out = tempfile::tempdir().expect("tempdir");
    render("md", out.path());
    insta::assert_snapshot!(
        "quarterly_md",
        read(&out.path().join("quarterly-2025-26-Q3.md"))
    );
    insta::assert_snapshot!("index_md", read(&out.path().join("index.md")));
    insta::assert_snapshot!(
        "career_p_mockup_md",
        read(&out.path().join("career-planning/2025-26/p-mockup.md"))
    );
}

#[test]
fn html_reports_match_snapshots_and_are_reproducible() {
    let (a, b) = (
        tempfile::tempdir().expect("tempdir"),
        tempfile::tempdir().expect("tempdir"),
    );
    render("html", a.path());
    render("html", b.path());
    for name in [
        "index.html",
        "quarterly-2025-26-Q3.html",
        "career-planning-2025-26.html",
    ] {
        assert_eq!(
            read(&a.path().join(name)),
            read(&b.path().join(name)),
            "{name} differs between runs"
        );
    }
    insta::assert_snapshot!(
        "career_p_mockup_html",
        read(&a.path().join("career-planning/2025-26/p-mockup.html"))
    );
    insta::assert_snapshot!(
        "quarterly_html",
        read(&a.path().join("quarterly-2025-26-Q3.html"))
    );
}

#[test]
fn html_is_self_contained_and_escapes_record_values() {
    let out = tempfile::tempdir().expect("tempdir");
    render("html", out.path());
    let all = read(&out.path().join("career-planning-2025-26.html"));
    assert!(!all.contains("<script"), "no scripts");
    assert_eq!(
        all.matches("http").count(),
        all.matches("xmlns=\"http://www.w3.org/2000/svg\"").count(),
        "no fetches: the only URLs are SVG namespaces"
    );
    assert!(!all.contains("<link"), "no external stylesheets");
    assert_eq!(
        all.matches("<section class=\"mentee\"").count(),
        count_mentee_sections(&out.path().join("career-planning/2025-26"))
    );
}

fn count_mentee_sections(dir: &Path) -> usize {
    std::fs::read_dir(dir).expect("per-mentee folder").count()
}

#[test]
fn a_name_with_markup_is_rendered_as_text() {
    let program = tempfile::tempdir().expect("tempdir");
    copy_tree(&example_program(), program.path());
    let person = program.path().join("people/p-mockup.md");
    let text = read(&person).replace(
        "name: Dr. P. Mockup",
        "name: \"Dr. <b>P</b> & 'Mock\\\"up'\"",
    );
    std::fs::write(&person, text).expect("write");
    let out = program.path().join("report");
    mentor(program.path())
        .args(["report", ".", "--as-of", AS_OF, "--out", "report"])
        .assert()
        .success();
    let html = read(&out.join("career-planning/2025-26/p-mockup.html"));
    assert!(
        html.contains("Dr. &lt;b&gt;P&lt;&#x2F;b&gt; &amp;")
            || html.contains("Dr. &lt;b&gt;P&lt;/b&gt; &amp;"),
        "escaped name in {}",
        &html[..2000.min(html.len())]
    );
    assert!(!html.contains("<b>P</b>"));
}

#[test]
fn a_summary_body_with_raw_html_is_escaped() {
    let out = tempfile::tempdir().expect("tempdir");
    mentor(&repo_root())
        .args(["report", "--as-of", AS_OF, "--year", "2024-25", "--out"])
        .arg(out.path())
        .arg(example_program())
        .assert()
        .success();
    let html = read(&out.path().join("career-planning/2024-25/t-prototype.html"));
    let body = html
        .split("The mentee&#x27;s summary")
        .nth(1)
        .or_else(|| html.split("The mentee's summary").nth(1))
        .expect("summary section");
    assert!(
        body.contains("&lt;") || body.contains("&amp;"),
        "escaped characters kept as text"
    );
}

#[test]
fn a_template_error_names_the_file_and_writes_nothing() {
    let program = tempfile::tempdir().expect("tempdir");
    copy_tree(&example_program(), program.path());
    let templates = program.path().join("templates");
    std::fs::create_dir_all(&templates).expect("mkdir");
    std::fs::write(
        templates.join("index.md.tera"),
        "# Status\n\n{{ meta.program }}\n{{ no_such_variable.field }}\n",
    )
    .expect("write");
    mentor(program.path())
        .args([
            "report", ".", "--as-of", AS_OF, "--format", "md", "--out", "report",
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("templates/index.md.tera").and(predicate::str::contains("4")),
        );
    assert!(
        !program.path().join("report").exists(),
        "no partial report is written"
    );
}

/// The example program with one record the model cannot hold (`minutes: 75.0`).
fn program_with_an_error() -> tempfile::TempDir {
    let program = tempfile::tempdir().expect("tempdir");
    copy_tree(&example_program(), program.path());
    let log = program.path().join("meetings/2023-a-example.md");
    let text = std::fs::read_to_string(&log).expect("read");
    assert!(
        text.contains("minutes: 75\n"),
        "the fixture still has minutes: 75"
    );
    std::fs::write(&log, text.replacen("minutes: 75\n", "minutes: 75.0\n", 1)).expect("write");
    program
}

#[test]
fn records_with_errors_print_the_errors_and_write_nothing() {
    let program = program_with_an_error();
    mentor(program.path())
        .args(["report", ".", "--as-of", AS_OF, "--out", "report"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicate::str::contains("meetings/2023-a-example.md:7:14: error[M103]")
                .and(predicate::str::contains("no reports written"))
                .and(predicate::str::contains("--allow-errors"))
                .and(predicate::str::contains("warning[").not()),
        );
    assert!(
        !program.path().join("report").exists(),
        "nothing is written"
    );
}

#[test]
fn allow_errors_renders_the_rest_and_the_footer_says_so() {
    let program = program_with_an_error();
    mentor(program.path())
        .args([
            "report",
            ".",
            "--as-of",
            AS_OF,
            "--out",
            "report",
            "--allow-errors",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("finds 1 error in these records"));
    let index = std::fs::read_to_string(program.path().join("report/index.html")).expect("index");
    assert!(
        index.contains("mentor check finds errors in 1 file"),
        "footer names the files with errors"
    );
}

#[test]
fn a_program_template_overrides_the_built_in() {
    let program = tempfile::tempdir().expect("tempdir");
    copy_tree(&example_program(), program.path());
    let templates = program.path().join("templates");
    std::fs::create_dir_all(&templates).expect("mkdir");
    std::fs::write(
        templates.join("index.md.tera"),
        "Custom index for {{ meta.program }} as of {{ meta.as_of }}\n",
    )
    .expect("write");
    mentor(program.path())
        .args([
            "report", ".", "--as-of", AS_OF, "--format", "md", "--out", "report",
        ])
        .assert()
        .success();
    assert_eq!(
        read(&program.path().join("report/index.md")),
        "Custom index for Career Development Mentoring Program as of 2026-03-01\n"
    );
}

fn tool(name: &str) -> String {
    let found = Process::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .expect("sh");
    assert!(
        found.status.success(),
        "`{name}` is not installed: run `bash .ci/run` (it installs chromium and poppler-utils)"
    );
    String::from_utf8_lossy(&found.stdout).trim().to_owned()
}

#[test]
fn html_reports_pass_the_nu_html_checker() {
    let jar = std::env::var("VNU_JAR")
        .unwrap_or_else(|_| "/opt/vnu/node_modules/vnu-jar/build/dist/vnu.jar".to_owned());
    assert!(
        Path::new(&jar).is_file(),
        "Nu HTML checker not found at {jar}: run `bash .ci/run` (npm vnu-jar)"
    );
    let out = tempfile::tempdir().expect("tempdir");
    render("html", out.path());
    let files = [
        out.path().join("index.html"),
        out.path().join("quarterly-2025-26-Q3.html"),
        out.path().join("career-planning-2025-26.html"),
        out.path().join("career-planning/2025-26/p-mockup.html"),
    ];
    let result = Process::new("java")
        .args([
            "-jar",
            &jar,
            "--errors-only",
            "--also-check-css",
            "--also-check-svg",
        ])
        .args(&files)
        .output()
        .expect("java");
    assert!(
        result.status.success(),
        "Nu checker found errors:\n{}",
        String::from_utf8_lossy(&result.stderr)
    );
}

#[test]
fn html_prints_to_pdf_with_one_mentee_per_page_group() {
    let chromium = tool("chromium");
    tool("pdftotext");
    let out = tempfile::tempdir().expect("tempdir");
    render("html", out.path());
    let html = out.path().join("career-planning-2025-26.html");
    let pdf = out.path().join("all.pdf");
    let profile = out.path().join("profile");
    let status = Process::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium");
    assert!(
        pdf.is_file(),
        "chromium wrote no PDF: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let text = Process::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let start = pages
        .iter()
        .position(|p| p.contains("Dr. P. Mockup"))
        .expect("p-mockup's summary is in the PDF");
    assert!(
        pages[start].contains("Career-planning summary"),
        "a mentee's summary starts a page"
    );
    assert!(
        !pages[start].contains("Dr. Q. Standin")
            || pages[start].find("Dr. P. Mockup") > pages[start].find("Dr. Q. Standin"),
        "next mentee starts a new page"
    );
    let log = read(&example_program().join("meetings/2023-q-standin.md"));
    let first_date = log
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- date: "))
        .find(|d| *d >= "2025-07-01")
        .expect("a meeting in 2025-26")
        .to_owned();
    assert!(
        text.contains(&first_date),
        "meeting date {first_date} is in the PDF"
    );
    let dated = pages
        .iter()
        .filter(|p| p.contains("Meetings in 2025-26"))
        .count();
    assert!(
        dated >= 10,
        "every mentee has a meetings section on its own page group: {dated}"
    );
}

#[test]
fn the_footer_names_the_commit_inside_git() {
    let out = tempfile::tempdir().expect("tempdir");
    mentor(&repo_root())
        .args(["report", "--as-of", AS_OF, "--format", "md", "--out"])
        .arg(out.path())
        .arg(example_program())
        .assert()
        .success();
    let index = read(&out.path().join("index.md"));
    assert!(
        index.contains("145 records at commit "),
        "{}",
        index.lines().last().unwrap_or_default()
    );
}

#[test]
fn refuses_to_write_reports_among_the_records() {
    let program = tempfile::tempdir().expect("tempdir");
    copy_tree(&example_program(), program.path());
    for out in [".", "people", "people/new"] {
        mentor(program.path())
            .args([
                "report", ".", "--as-of", AS_OF, "--format", "md", "--out", out,
            ])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("refusing to write reports"));
    }
    mentor(program.path())
        .args(["check", ".", "--as-of", AS_OF])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors"));
    mentor(program.path())
        .args(["report", ".", "--as-of", AS_OF, "--format", "md"])
        .assert()
        .success();
    assert!(
        program.path().join("report/index.md").is_file(),
        "the default report/ folder is allowed"
    );
}

#[test]
fn a_failing_write_leaves_earlier_reports_untouched() {
    let out = tempfile::tempdir().expect("tempdir");
    std::fs::write(out.path().join("index.md"), "earlier report\n").expect("write");
    // A folder where a report should go makes that one write fail after others were prepared.
    std::fs::create_dir_all(out.path().join("quarterly-2025-26-Q3.md")).expect("mkdir");
    let program = tempfile::tempdir().expect("tempdir");
    copy_tree(&example_program(), program.path());
    mentor(&repo_root())
        .args(["report", "--as-of", AS_OF, "--format", "md", "--out"])
        .arg(out.path())
        .arg(program.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("quarterly-2025-26-Q3.md"));
    assert_eq!(read(&out.path().join("index.md")), "earlier report\n");
    assert!(
        !out.path().join("career-planning-2025-26.md").exists(),
        "nothing new was written"
    );
    let leftovers: Vec<_> = walkdir::WalkDir::new(out.path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files removed: {leftovers:?}"
    );
}
