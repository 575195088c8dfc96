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
    let program = tempfile::tempdir().expect("tempdir");
    copy_tree(&example_program(), program.path());
    let summary = program.path().join("summaries/2024-25/t-prototype.md");
    let text = read(&summary) + "\n<script>alert(1)</script> and <b onclick=\"steal()\">bold</b>\n";
    std::fs::write(&summary, text).expect("write");
    mentor(program.path())
        .args([
            "report", ".", "--as-of", AS_OF, "--year", "2024-25", "--out", "report",
        ])
        .assert()
        .success();
    let html = read(
        &program
            .path()
            .join("report/career-planning/2024-25/t-prototype.html"),
    );
    assert!(
        html.contains(
            "&lt;script&gt;alert(1)&lt;/script&gt; and &lt;b onclick=\"steal()\"&gt;bold&lt;/b&gt;"
        ),
        "the summary's raw HTML is shown as text"
    );
    assert!(
        !html.contains("<script>alert(1)"),
        "no script from the summary"
    );
    assert!(
        !html.contains("<b onclick"),
        "no event handler from the summary"
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
            predicate::str::contains("(from templates/index.md.tera)")
                .and(predicate::str::contains("--> index.md:4:4"))
                .and(predicate::str::contains(
                    "Variable `no_such_variable` is not defined",
                )),
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

/// The example program's status rows and standings as of [`AS_OF`], from the library.
fn example_standings() -> (
    mentor_records::rules::StatusView,
    Vec<mentor_records::report::standing::SubjectStanding>,
) {
    let as_of: jiff::civil::Date = AS_OF.parse().expect("date");
    let files = mentor_records::read::fs::read_program(&example_program()).expect("read");
    let outcome = mentor_records::run_check(files, as_of).expect("check");
    let year = outcome.evaluation.current_year();
    let view = outcome.evaluation.view(Some(year));
    let standings = mentor_records::report::standing::standings(&outcome.program, &view.rows);
    (view, standings)
}

#[test]
fn every_pair_stands_at_the_worst_of_its_rules() {
    use mentor_records::rules::Kind;
    let (view, standings) = example_standings();
    let pairs: Vec<_> = standings.iter().filter(|s| s.kind == "Pair").collect();
    assert!(pairs.len() >= 10, "the example program has pairs");
    for pair in &pairs {
        let rows: Vec<_> = view
            .rows
            .iter()
            .filter(|r| r.kind == Kind::Pair && r.subject == pair.id)
            .collect();
        let worst = rows.iter().map(|r| r.status).min();
        assert_eq!(Some(pair.standing.status), worst, "{}", pair.id);
        for reason in &pair.standing.because {
            assert!(
                rows.iter()
                    .any(|r| r.rule.name() == reason.rule && r.status == pair.standing.status),
                "{} is explained by a rule with its status",
                pair.id
            );
        }
    }
    // Dr. P. Mockup: "Meetings per year 2 required, 0 done" no longer reads on track under an
    // overdue gap; the pair stands overdue and says why.
    let mockup = pairs
        .iter()
        .find(|p| p.name.starts_with("Dr. P. Mockup"))
        .expect("Mockup's pair");
    assert_eq!(mockup.standing.label, "overdue");
    assert!(
        mockup
            .standing
            .explanation
            .contains("Time between meetings"),
        "{}",
        mockup.standing.explanation
    );
    let meetings = view
        .rows
        .iter()
        .find(|r| r.subject == mockup.id && r.rule.name() == "pair-meetings" && r.done == 0)
        .expect("Mockup's meetings-per-year row");
    assert_eq!(
        meetings.status.as_str(),
        "due-soon",
        "2 owed with 122 days left cannot fit the cadence: {}",
        meetings.message
    );
}

#[test]
fn the_quarterly_pairs_on_track_count_the_pairs_standing() {
    use mentor_records::rules::Kind;
    let (view, _) = example_standings();
    // Independently of the standing module: a pair is on track when none of its rows is
    // overdue or missed.
    let mut ids: Vec<&str> = view
        .rows
        .iter()
        .filter(|r| r.kind == Kind::Pair)
        .map(|r| r.subject.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let on_track = ids
        .iter()
        .filter(|id| {
            view.rows
                .iter()
                .filter(|r| r.kind == Kind::Pair && r.subject == **id)
                .all(|r| !r.status.is_reported())
        })
        .count();
    assert!(on_track < ids.len(), "the example has a pair behind");
    let out = tempfile::tempdir().expect("tempdir");
    render("md", out.path());
    let quarterly = read(&out.path().join("quarterly-2025-26-Q3.md"));
    let expected = format!("Pairs on track: {on_track} of {}", ids.len());
    assert!(quarterly.contains(&expected), "{expected} in:\n{quarterly}");
}

#[test]
fn markdown_prints_no_empty_table_headers() {
    let out = tempfile::tempdir().expect("tempdir");
    let program = tempfile::tempdir().expect("tempdir");
    copy_tree(&example_program(), program.path());
    // As of the program's first day nothing has happened yet: no rows, no changes.
    mentor(&repo_root())
        .args(["report", "--as-of", "2020-01-01", "--format", "md"])
        .args(["--allow-errors", "--out"])
        .arg(out.path())
        .arg(program.path())
        .assert()
        .success();
    assert!(
        read(&out.path().join("index.md")).contains("No rules to report."),
        "the empty case is the one tested"
    );
    for name in ["index.md", "quarterly-2019-20-Q3.md"] {
        let text = read(&out.path().join(name));
        for (i, line) in text.lines().enumerate() {
            if line.starts_with("| --- ") {
                let next = text.lines().nth(i + 1).unwrap_or_default();
                assert!(next.starts_with('|'), "{name}: a table header with no rows");
            }
        }
    }
}

/// Text of a PDF, one entry per page (`pdftotext -layout`).
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let text = Process::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Whether `line` ends in a date cut after its month (`2026-06-`).
fn ends_in_a_broken_date(line: &str) -> bool {
    let b = line.trim_end().as_bytes();
    let n = b.len();
    n >= 8
        && b[n - 1] == b'-'
        && b[n - 4] == b'-'
        && b[n - 3..n - 1].iter().all(u8::is_ascii_digit)
        && b[n - 8..n - 4].iter().all(u8::is_ascii_digit)
}

#[test]
fn format_pdf_writes_a_pdf_next_to_each_html_report_that_prints_cleanly() {
    tool("chromium");
    tool("pdftotext");
    let program = tempfile::tempdir().expect("tempdir");
    copy_tree(&example_program(), program.path());
    let out = tempfile::tempdir().expect("tempdir");
    mentor(&repo_root())
        .args(["report", "--as-of", AS_OF, "--format", "pdf", "--out"])
        .arg(out.path())
        .arg(program.path())
        .assert()
        .success();
    let htmls: Vec<_> = walkdir::WalkDir::new(out.path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().to_path_buf())
        .collect();
    assert_eq!(htmls.len(), 16);
    for html in &htmls {
        assert!(html.with_extension("pdf").is_file(), "{}", html.display());
    }
    let footer = "Generated from";
    let sizes = [
        ("index.pdf", 4),
        ("quarterly-2025-26-Q3.pdf", 2),
        ("career-planning-2025-26.pdf", 30),
    ];
    for (name, max_pages) in sizes {
        let pages = pdf_pages(&out.path().join(name));
        assert!(
            !pages.is_empty() && pages.len() <= max_pages,
            "{name}: {} pages",
            pages.len()
        );
        for (n, page) in pages.iter().enumerate() {
            for line in page.lines() {
                assert!(
                    !ends_in_a_broken_date(line),
                    "{name} page {}: a date broken across lines: {line:?}",
                    n + 1
                );
            }
            // Content other than the running header, the page number and the footer.
            let content = page
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .filter(|l| !l.contains("· as of") && !l.starts_with("Page "))
                .filter(|l| !l.starts_with(footer) && !l.contains("no notes of mentoring"))
                .count();
            assert!(content > 0, "{name} page {} holds only the footer", n + 1);
        }
    }
    // Each mentee's summary starts a page: their name is the page's first line of content.
    let pages = pdf_pages(&out.path().join("career-planning-2025-26.pdf"));
    let summary = read(&out.path().join("career-planning-2025-26.html"));
    let names: Vec<&str> = summary
        .split("<h1>")
        .skip(1)
        .filter_map(|s| s.split("</h1>").next())
        .collect();
    assert_eq!(names.len(), 13);
    for name in names {
        let starts = pages.iter().any(|p| {
            p.lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.contains("· as of"))
                == Some(name)
        });
        assert!(starts, "{name}'s summary starts a page");
    }
}

#[test]
fn format_pdf_without_a_browser_names_the_package_and_writes_nothing() {
    let program = tempfile::tempdir().expect("tempdir");
    copy_tree(&example_program(), program.path());
    let out = tempfile::tempdir().expect("tempdir");
    mentor(&repo_root())
        .env("PATH", "/nonexistent")
        .env_remove("MENTOR_BROWSER")
        .args(["report", "--as-of", AS_OF, "--format", "pdf", "--out"])
        .arg(out.path().join("r"))
        .arg(program.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("apt-get install chromium"));
    assert!(!out.path().join("r").exists(), "nothing written");
    mentor(&repo_root())
        .env("MENTOR_BROWSER", "/nonexistent/chromium")
        .args(["report", "--as-of", AS_OF, "--format", "pdf", "--out"])
        .arg(out.path().join("r"))
        .arg(program.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("MENTOR_BROWSER"));
    assert!(!out.path().join("r").exists(), "nothing written");
}
