//! Git integration: `check --staged` and `--rev`, program discovery, the append-only meeting
//! rule (M221), provenance, `hook install`, and the real `pre-commit` client.
//!
//! Each test builds a temporary repository with the git CLI, isolated from the user's and the
//! system's git configuration, with fixed author and committer dates.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

const AS_OF: &str = "2026-03-01";
const DATE: &str = "2026-01-15T12:00:00+00:00";

/// A minimal program that checks without errors as of [`AS_OF`].
const PROGRAM: &[(&str, &str)] = &[
    (
        "program.md",
        "---\nname: Test Mentoring Program\ndivision: Division of Testing\ndirector: c-director\nchief: d-chief\n---\n",
    ),
    (
        "people/a-mentee.md",
        "---\nid: a-mentee\nname: Dr. A. Mentee\nrank: assistant-professor\ntrack: clinician-educator\nstart_date: 2025-08-01\nroles: [mentee]\n---\n",
    ),
    (
        "people/b-mentor.md",
        "---\nid: b-mentor\nname: Dr. B. Mentor\nrank: professor\ntrack: clinician-educator\nstart_date: 2005-08-01\nroles: [mentor]\n---\n",
    ),
    (
        "people/c-director.md",
        "---\nid: c-director\nname: Dr. C. Director\nrank: professor\ntrack: clinician-educator\nstart_date: 2001-08-01\nroles: [director]\n---\n",
    ),
    (
        "people/d-chief.md",
        "---\nid: d-chief\nname: Dr. D. Chief\nrank: professor\ntrack: clinician-educator\nstart_date: 1999-08-01\nroles: [chief]\n---\n",
    ),
    (
        "agreements/2025-a.md",
        "---\nid: 2025-a\nmentee: a-mentee\nmentors: [b-mentor]\nstart: 2025-09-01\nplanned_end: 2027-08-31\nmeeting_frequency: quarterly\nmodality: hybrid\nconfidentiality_acknowledged: true\nsignatures:\n  - person: a-mentee\n    date: 2025-09-05\n  - person: b-mentor\n    date: 2025-09-06\nstatus: active\n---\nThe agreement.\n",
    ),
    ("meetings/2025-a.md", LOG),
];

const LOG: &str = "---\nagreement: 2025-a\nmeetings:\n  - date: 2025-09-15\n  - date: 2025-12-10\n  - date: 2026-02-20\n---\n";

/// A person record that breaks the schema (`rank: dean`, M103), at line 5.
const BAD_MENTEE: &str = "---\nid: a-mentee\nname: Dr. A. Mentee\nrank: dean\ntrack: clinician-educator\nstart_date: 2025-08-01\nroles: [mentee]\n---\n";

/// A temporary git repository.
struct Repo {
    dir: TempDir,
}

impl Repo {
    /// An empty repository on branch `main`.
    fn new() -> Self {
        let repo = Repo {
            dir: tempfile::tempdir().expect("tempdir"),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    /// A repository whose first commit holds [`PROGRAM`] in `folder` (`""` for the root).
    fn with_program(folder: &str) -> Self {
        let repo = Repo::new();
        repo.write_program(folder);
        repo.commit("Add the program");
        repo
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    fn write_program(&self, folder: &str) {
        for (path, text) in PROGRAM {
            self.write(&join(folder, path), text);
        }
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).expect("read")
    }

    /// Runs git in the repository root; panics with its output on failure.
    fn git(&self, args: &[&str]) -> String {
        let out = git(self.root()).args(args).output().expect("git");
        assert!(
            out.status.success(),
            "git {args:?} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--no-verify", "-m", message]);
    }

    /// `mentor` run from `rel` (a folder of the work tree), with `--as-of` set for `check`.
    fn mentor(&self, rel: &str) -> Command {
        let mut cmd = crate::support::mentor(&self.path(rel));
        isolate(&mut cmd);
        cmd
    }

    fn check(&self, rel: &str, args: &[&str]) -> Command {
        let mut cmd = self.mentor(rel);
        cmd.arg("check").args(args).args(["--as-of", AS_OF]);
        cmd
    }
}

fn join(folder: &str, path: &str) -> String {
    if folder.is_empty() {
        path.to_owned()
    } else {
        format!("{folder}/{path}")
    }
}

/// Environment that keeps git (and gix) away from the user's configuration and from any
/// repository the tests themselves run in (for example inside a hook).
const ISOLATION: &[(&str, &str)] = &[
    ("GIT_CONFIG_GLOBAL", "/dev/null"),
    ("GIT_CONFIG_NOSYSTEM", "1"),
    ("GIT_AUTHOR_NAME", "Test Author"),
    ("GIT_AUTHOR_EMAIL", "author@example.org"),
    ("GIT_COMMITTER_NAME", "Test Committer"),
    ("GIT_COMMITTER_EMAIL", "committer@example.org"),
    ("GIT_AUTHOR_DATE", DATE),
    ("GIT_COMMITTER_DATE", DATE),
];
const INHERITED: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_CEILING_DIRECTORIES",
];

fn isolate(cmd: &mut Command) {
    for (key, value) in ISOLATION {
        cmd.env(key, value);
    }
    for key in INHERITED {
        cmd.env_remove(key);
    }
}

fn git(dir: &Path) -> Process {
    let mut cmd = Process::new("git");
    cmd.current_dir(dir);
    for (key, value) in ISOLATION {
        cmd.env(key, value);
    }
    for key in INHERITED {
        cmd.env_remove(key);
    }
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8_lossy(&cmd.output().expect("run").stdout).into_owned()
}

// --- check --staged --------------------------------------------------------------------------

#[test]
fn fixture_program_checks_clean_in_every_mode() {
    let repo = Repo::with_program("");
    repo.check("", &["."]).assert().success();
    repo.check("", &["--staged"]).assert().success();
    repo.check("", &["--rev", "HEAD"]).assert().success();
}

#[test]
fn staged_checks_the_index_not_the_work_tree() {
    let repo = Repo::with_program("");
    // Bad version staged, good version back in the work tree: the commit would be bad.
    repo.write("people/a-mentee.md", BAD_MENTEE);
    repo.git(&["add", "people/a-mentee.md"]);
    repo.write("people/a-mentee.md", PROGRAM[1].1);
    repo.check("", &["--staged"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "people/a-mentee.md:4:7: error[M103]",
        ));
    repo.check("", &["."]).assert().success();

    // Good version staged, bad version in the work tree: the commit would be good.
    repo.git(&["add", "people/a-mentee.md"]);
    repo.write("people/a-mentee.md", BAD_MENTEE);
    repo.check("", &["--staged"]).assert().success();
    repo.check("", &["."]).assert().code(1);
}

#[test]
fn a_staged_blob_that_git_cannot_give_is_named_not_called_a_bug() {
    let repo = Repo::with_program("");
    let extra = PROGRAM[1].1.replace("Dr. A. Mentee", "Dr. E. Example");
    repo.write("people/a-mentee.md", &extra);
    repo.git(&["add", "people/a-mentee.md"]);
    // The staged blob goes missing from the object database (as if collected meanwhile).
    let id = repo.git(&["rev-parse", ":people/a-mentee.md"]);
    let id = id.trim();
    std::fs::remove_file(repo.path(&format!(".git/objects/{}/{}", &id[..2], &id[2..])))
        .expect("remove the loose object");
    repo.check("", &["--staged", "--no-cache"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "cannot read `people/a-mentee.md` from the git index",
        ))
        .stderr(predicate::str::contains("internal error").not());
}

#[test]
fn staged_json_names_the_staged_lines() {
    let repo = Repo::with_program("");
    // Two extra lines at the top of the front matter move the error down in the staged file only.
    let staged = BAD_MENTEE.replacen("---\n", "---\n# staged\n# version\n", 1);
    repo.write("people/a-mentee.md", &staged);
    repo.git(&["add", "people/a-mentee.md"]);
    repo.write("people/a-mentee.md", BAD_MENTEE);
    let out = stdout(&mut repo.check("", &["--staged", "--format", "json"]));
    let first: serde_json::Value =
        serde_json::from_str(out.lines().next().expect("a line")).expect("json");
    assert_eq!(first["path"], "people/a-mentee.md");
    assert_eq!(first["code"], "M103");
    assert_eq!(first["line"], 6);
}

#[test]
fn staged_deletion_of_a_referenced_person_is_an_error() {
    let repo = Repo::with_program("");
    repo.git(&["rm", "-q", "--cached", "people/b-mentor.md"]);
    assert!(
        repo.path("people/b-mentor.md").is_file(),
        "still in the work tree"
    );
    repo.check("", &["--staged"]).assert().code(1).stdout(
        predicate::str::contains("agreements/2025-a.md")
            .and(predicate::str::contains("error[M203]"))
            .and(predicate::str::contains("b-mentor")),
    );
    repo.check("", &["."]).assert().success();
}

#[test]
fn staged_rename_is_checked_under_the_new_name() {
    let repo = Repo::with_program("");
    repo.git(&["mv", "people/a-mentee.md", "people/a-renamed.md"]);
    repo.check("", &["--staged"]).assert().code(1).stdout(
        predicate::str::contains("people/a-renamed.md:2:5: error[M202]")
            .and(predicate::str::contains("people/a-mentee.md:").not()),
    );
}

#[test]
fn staged_ignores_intent_to_add_and_untracked_files() {
    let repo = Repo::with_program("");
    repo.write("people/e-new.md", "not a record\n");
    repo.check("", &["--staged"]).assert().success();
    repo.git(&["add", "-N", "people/e-new.md"]);
    repo.check("", &["--staged"]).assert().success();
}

#[test]
fn staged_works_before_the_first_commit() {
    let repo = Repo::new();
    repo.write_program("");
    // Nothing staged yet: the commit would hold no program.
    repo.check("", &["--staged"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[M218]"));
    repo.git(&["add", "-A"]);
    repo.check("", &["--staged"]).assert().success();
}

#[test]
fn staged_works_from_a_subdirectory() {
    let repo = Repo::with_program("");
    repo.write("people/a-mentee.md", BAD_MENTEE);
    repo.git(&["add", "-A"]);
    repo.check("people", &["--staged"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "people/a-mentee.md:4:7: error[M103]",
        ));
}

// --- program in a subfolder ----------------------------------------------------------------

#[test]
fn finds_a_program_in_a_subfolder_and_prints_repository_paths() {
    let repo = Repo::new();
    repo.write("README.md", "# Division repository\n");
    repo.write("notes/plan.md", "not a record\n");
    repo.write_program("programs/cardio");
    repo.commit("Add the program");
    repo.write("programs/cardio/people/a-mentee.md", BAD_MENTEE);
    repo.git(&["add", "-A"]);
    let expected = "programs/cardio/people/a-mentee.md:4:7: error[M103]";
    // From the root: the only program.md in the index.
    repo.check("", &["--staged"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(expected).and(predicate::str::contains("M009").not()));
    // From inside the program: the nearest program.md upwards.
    repo.check("programs/cardio/people", &["--staged"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(expected));
    // From an unrelated folder: given explicitly, relative to the current folder.
    repo.check(
        "notes",
        &["--staged", "--program-dir", "../programs/cardio"],
    )
    .assert()
    .code(1)
    .stdout(predicate::str::contains(expected));
    repo.check("", &["--rev", "HEAD"]).assert().success();
}

#[test]
fn asks_which_program_when_there_are_several() {
    let repo = Repo::new();
    repo.write_program("programs/cardio");
    repo.write_program("programs/renal");
    repo.commit("Two programs");
    repo.check("", &["--staged"]).assert().code(2).stderr(
        predicate::str::contains("programs/cardio")
            .and(predicate::str::contains("programs/renal"))
            .and(predicate::str::contains("--program-dir")),
    );
    repo.check("", &["--staged", "programs/renal"])
        .assert()
        .success();
}

#[test]
fn rejects_a_program_folder_outside_the_repository() {
    let repo = Repo::with_program("");
    let elsewhere = tempfile::tempdir().expect("tempdir");
    repo.mentor("")
        .args(["check", "--staged", "--program-dir"])
        .arg(elsewhere.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not in a git repository"));
}

// --- check --rev ---------------------------------------------------------------------------

#[test]
fn rev_checks_an_older_commit() {
    let repo = Repo::with_program("");
    let good = repo.git(&["rev-parse", "--short", "HEAD"]);
    repo.write("people/a-mentee.md", BAD_MENTEE);
    repo.commit("Break a record");
    repo.write("people/a-mentee.md", PROGRAM[1].1);
    repo.check("", &["--rev", "HEAD"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "people/a-mentee.md:4:7: error[M103]",
        ));
    repo.check("", &["--rev", "HEAD~1"]).assert().success();
    repo.check("", &["--rev", good.trim()]).assert().success();
    repo.check("", &["."]).assert().success();
}

#[test]
fn exits_2_on_a_bad_revision_an_unborn_head_or_no_repository() {
    let repo = Repo::with_program("");
    repo.check("", &["--rev", "no-such-branch"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("`no-such-branch` is not a commit"));
    let empty = Repo::new();
    empty
        .check("", &["--rev", "HEAD"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`HEAD` is not a commit"));
    let plain = tempfile::tempdir().expect("tempdir");
    let mut cmd = crate::support::mentor(plain.path());
    isolate(&mut cmd);
    cmd.env(
        "GIT_CEILING_DIRECTORIES",
        plain.path().parent().expect("parent"),
    )
    .args(["check", "--staged"])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("not in a git repository"));
    repo.check("", &["--staged", "--rev", "HEAD"])
        .assert()
        .code(2);
}

// --- append-only meeting history ----------------------------------------------------------

#[test]
fn removing_a_past_meeting_date_is_an_error() {
    let repo = Repo::with_program("");
    repo.write(
        "meetings/2025-a.md",
        &LOG.replace("  - date: 2025-12-10\n", ""),
    );
    repo.git(&["add", "-A"]);
    repo.check("", &["--staged"]).assert().code(1).stdout(
        predicate::str::contains("meetings/2025-a.md:3:1: error[M221]")
            .and(predicate::str::contains("`2025-12-10`"))
            .and(predicate::str::contains("removed: 2025-12-10")),
    );
    // The work tree check has nothing to compare with.
    repo.check("", &["."]).assert().success();
    // Committed anyway: --rev compares the commit with its parent.
    repo.commit("Drop a meeting");
    repo.check("", &["--rev", "HEAD"]).assert().code(1);
    repo.check("", &["--rev", "HEAD~1"]).assert().success();
    // And the next commit compares with this one, where the date is already gone.
    repo.check("", &["--staged"]).assert().success();
}

#[test]
fn a_program_in_a_subfolder_keeps_its_meeting_history() {
    // Only the meeting logs' folder of the previous commit is read; beside it a folder of the
    // same name outside the program must not count.
    let repo = Repo::with_program("programs/cardio");
    let edited = LOG.replace("  - date: 2025-12-10\n", "");
    repo.write("meetings/2025-a.md", &edited);
    repo.commit("A stray copy outside the program");
    repo.write("programs/cardio/meetings/2025-a.md", &edited);
    repo.git(&["add", "programs"]);
    repo.check("", &["--staged", "--program-dir", "programs/cardio"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "programs/cardio/meetings/2025-a.md:3:1: error[M221]",
        ));
}

#[test]
fn an_unreadable_previous_log_is_named_not_silently_skipped() {
    let repo = Repo::with_program("");
    // Committed with a tag, which mentor now refuses (M005): the history cannot read it.
    repo.write(
        "meetings/2025-a.md",
        &LOG.replace(
            "  - date: 2025-09-15\n",
            "  - date: 2025-09-15\n    minutes: !!int 60\n",
        ),
    );
    repo.commit("A tagged log");
    // The staged log drops a past meeting and fixes the tag.
    repo.write(
        "meetings/2025-a.md",
        &LOG.replace("  - date: 2025-12-10\n", ""),
    );
    repo.git(&["add", "-A"]);
    repo.check("", &["--staged"]).assert().success().stdout(
        predicate::str::contains("meetings/2025-a.md:1:1: warning[M222]")
            .and(predicate::str::contains("were not compared"))
            .and(predicate::str::contains("M221").not()),
    );
    // A readable previous log is compared as before, with no M222.
    repo.commit("Fixed log");
    repo.write("meetings/2025-a.md", LOG);
    repo.git(&["add", "-A"]);
    repo.check("", &["--staged"])
        .assert()
        .success()
        .stdout(predicate::str::contains("M222").not());
}

#[test]
fn a_correction_explains_a_removed_or_changed_date() {
    let repo = Repo::with_program("");
    let changed = "---\nagreement: 2025-a\nmeetings:\n  - date: 2025-09-15\n  - date: 2025-12-11\n  - date: 2026-02-20\n---\n";
    repo.write("meetings/2025-a.md", changed);
    repo.git(&["add", "-A"]);
    repo.check("", &["--staged"]).assert().code(1).stdout(
        predicate::str::contains("meetings/2025-a.md:5:11: error[M221]")
            .and(predicate::str::contains("changed to `2025-12-11`")),
    );
    let explained = "---\nagreement: 2025-a\nmeetings:\n  - date: 2025-09-15\n  - date: 2025-12-11\n  - date: 2026-02-20\ncorrections:\n  - date: 2026-02-25\n    removed: 2025-12-10\n    added: 2025-12-11\n    reason: Entered the wrong day.\n---\n";
    repo.write("meetings/2025-a.md", explained);
    repo.git(&["add", "-A"]);
    repo.check("", &["--staged"]).assert().success();
    repo.commit("Correct a meeting date");
    // Dropping the correction later is reported too.
    repo.write("meetings/2025-a.md", changed);
    repo.git(&["add", "-A"]);
    repo.check("", &["--staged"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("correction dated `2026-02-25`"));
}

#[test]
fn a_moved_meeting_log_is_compared_by_agreement() {
    let repo = Repo::with_program("");
    // Rename the agreement and its log together, keeping every date: nothing lost.
    let agreement = repo
        .read("agreements/2025-a.md")
        .replace("id: 2025-a\n", "id: 2025-a-b\n");
    repo.git(&["rm", "-q", "agreements/2025-a.md", "meetings/2025-a.md"]);
    repo.write("agreements/2025-a-b.md", &agreement);
    repo.write(
        "meetings/2025-a-b.md",
        &LOG.replace("agreement: 2025-a\n", "agreement: 2025-a-b\n"),
    );
    repo.git(&["add", "-A"]);
    repo.check("", &["--staged"]).assert().success();
    // The same move dropping a date is reported at the new path.
    repo.write(
        "meetings/2025-a-b.md",
        &LOG.replace("agreement: 2025-a\n", "agreement: 2025-a-b\n")
            .replace("  - date: 2025-09-15\n", ""),
    );
    repo.git(&["add", "-A"]);
    repo.check("", &["--staged"]).assert().code(1).stdout(
        predicate::str::contains("meetings/2025-a-b.md:3:1: error[M221]")
            .and(predicate::str::contains("`2025-09-15`")),
    );
}

#[test]
fn a_program_moved_into_a_subfolder_keeps_its_history() {
    let repo = Repo::with_program("");
    std::fs::create_dir_all(repo.path("programs")).expect("mkdir");
    for folder in ["program.md", "people", "agreements", "meetings"] {
        repo.git(&["mv", folder, &format!("programs/{folder}")]);
    }
    repo.write(
        "programs/meetings/2025-a.md",
        &LOG.replace("  - date: 2026-02-20\n", ""),
    );
    repo.git(&["add", "-A"]);
    repo.check("", &["--staged"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "programs/meetings/2025-a.md:3:1: error[M221]",
        ));
}

#[test]
fn deleting_a_meeting_log_needs_its_agreement_deleted_too() {
    let repo = Repo::with_program("");
    repo.git(&["rm", "-q", "meetings/2025-a.md"]);
    repo.check("", &["--staged"]).assert().code(1).stdout(
        predicate::str::contains("meetings/2025-a.md:1:1: error[M221]")
            .and(predicate::str::contains("recorded 3 past meetings")),
    );
    repo.git(&["rm", "-q", "agreements/2025-a.md"]);
    repo.check("", &["--staged"]).assert().success();
}

// --- provenance ----------------------------------------------------------------------------

#[test]
fn provenance_names_the_commit_and_whether_records_changed() {
    use mentor_records::{Provenance, provenance};
    let repo = Repo::new();
    repo.write_program("prog");
    assert_eq!(
        provenance(&repo.path("prog")),
        Some(Provenance {
            commit: None,
            dirty: true
        }),
        "before the first commit, uncommitted records are dirty"
    );
    repo.commit("Add the program");
    let short = repo
        .git(&["rev-parse", "--short", "HEAD"])
        .trim()
        .to_owned();
    let clean = Some(Provenance {
        commit: Some(short.clone()),
        dirty: false,
    });
    assert_eq!(provenance(&repo.path("prog")), clean);
    repo.write("prog/README.md", "Not a record.\n");
    repo.write("README.md", "Outside the program.\n");
    assert_eq!(
        provenance(&repo.path("prog")),
        clean,
        "non-records do not count"
    );
    repo.write("prog/people/e-new.md", "---\nid: e-new\n---\n");
    assert_eq!(
        provenance(&repo.path("prog")).map(|p| p.dirty),
        Some(true),
        "an untracked record counts"
    );
    std::fs::remove_file(repo.path("prog/people/e-new.md")).expect("rm");
    std::fs::remove_file(repo.path("prog/people/d-chief.md")).expect("rm");
    assert_eq!(provenance(&repo.path("prog")).map(|p| p.dirty), Some(true));
    let plain = tempfile::tempdir().expect("tempdir");
    assert_eq!(provenance(plain.path()), None, "not in a repository");
}

// --- hook install ---------------------------------------------------------------------------

#[test]
fn hook_install_writes_an_executable_hook_that_blocks_bad_commits() {
    let repo = Repo::with_program("prog");
    repo.mentor("")
        .args(["hook", "install"])
        .assert()
        .success()
        .stdout(predicate::str::contains("installed").and(predicate::str::contains("prog/")));
    let hook = repo.path(".git/hooks/pre-commit");
    let text = std::fs::read_to_string(&hook).expect("hook written");
    assert!(text.starts_with("#!/bin/sh\n# mentor-records pre-commit hook"));
    assert!(text.contains("check --staged --program-dir 'prog'"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&hook).expect("meta").permissions().mode();
        assert_eq!(mode & 0o111, 0o111, "executable");
    }
    // A plain `git commit` runs it.
    repo.write("prog/people/a-mentee.md", BAD_MENTEE);
    repo.git(&["add", "-A"]);
    let out = git(repo.root())
        .args(["commit", "-q", "-m", "bad"])
        .output()
        .expect("git");
    assert!(!out.status.success(), "the hook blocks the commit");
    // git shows a hook's standard output on its standard error.
    assert!(String::from_utf8_lossy(&out.stderr).contains("prog/people/a-mentee.md:4:7"));
    repo.git(&["checkout", "-q", "HEAD", "--", "prog/people/a-mentee.md"]);
    repo.write(
        "prog/people/e-extra.md",
        &PROGRAM[1].1.replace("a-mentee", "e-extra"),
    );
    repo.git(&["add", "-A"]);
    repo.git(&["commit", "-q", "-m", "good"]);
    // `git commit <path>` and `git commit -a` commit from a temporary index (GIT_INDEX_FILE):
    // the hook checks that one, not `.git/index`, which still holds the good version here.
    repo.write("prog/people/a-mentee.md", BAD_MENTEE);
    for args in [
        &["commit", "-q", "-m", "partial", "prog/people/a-mentee.md"][..],
        &["commit", "-q", "-a", "-m", "all"][..],
    ] {
        let out = git(repo.root()).args(args).output().expect("git");
        assert!(!out.status.success(), "git {args:?} is blocked");
        assert!(String::from_utf8_lossy(&out.stderr).contains("prog/people/a-mentee.md:4:7"));
    }
    // Installing again rewrites its own hook without --force.
    repo.mentor("prog")
        .args(["hook", "install"])
        .assert()
        .success();
}

#[test]
fn hook_install_refuses_a_foreign_hook_unless_forced() {
    let repo = Repo::with_program("");
    let foreign = "#!/bin/sh\necho another tool\n";
    repo.write(".git/hooks/pre-commit", foreign);
    repo.mentor("")
        .args(["hook", "install"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("already exists").and(predicate::str::contains("--force")),
        );
    assert_eq!(repo.read(".git/hooks/pre-commit"), foreign, "left alone");
    repo.mentor("")
        .args(["hook", "install", "--force"])
        .assert()
        .success()
        .stdout(predicate::str::contains("replaced"));
    assert!(
        repo.read(".git/hooks/pre-commit")
            .contains("--program-dir .")
    );
}

#[test]
fn hook_install_respects_core_hooks_path() {
    let repo = Repo::with_program("");
    repo.git(&["config", "core.hooksPath", ".githooks"]);
    repo.mentor("people")
        .args(["hook", "install"])
        .assert()
        .success();
    assert!(repo.path(".githooks/pre-commit").is_file());
    assert!(!repo.path(".git/hooks/pre-commit").exists());
}

// --- the pre-commit framework ----------------------------------------------------------------

/// The `pre-commit` client; the test fails (it does not skip) when it is missing.
fn pre_commit() -> String {
    let found = Process::new("sh")
        .args(["-c", "command -v pre-commit"])
        .output()
        .expect("sh");
    assert!(
        found.status.success(),
        "`pre-commit` is not installed: run `bash .ci/run` (its install step runs \
         `python3 -m pip install pre-commit`)"
    );
    String::from_utf8_lossy(&found.stdout).trim().to_owned()
}

fn mentor_exe() -> PathBuf {
    PathBuf::from(assert_cmd::cargo::cargo_bin!("mentor"))
}

#[test]
fn pre_commit_blocks_a_bad_staged_record_and_passes_a_good_one() {
    let pre_commit = pre_commit();
    let home = tempfile::tempdir().expect("tempdir");
    let repo = Repo::with_program("");
    repo.write(
        ".pre-commit-config.yaml",
        &format!(
            "repos:\n  - repo: local\n    hooks:\n      - id: mentor-check\n        name: mentor check (staged records)\n        entry: {}\n        language: system\n        pass_filenames: false\n        files: '(\\.md$|^schema/)'\n",
            serde_json::to_string(&format!("'{}' check --staged", mentor_exe().display()))
                .expect("json")
        ),
    );
    repo.commit("Add the pre-commit configuration");
    let run = |args: &[&str]| {
        Process::new(&pre_commit)
            .args(args)
            .current_dir(repo.root())
            .env("PRE_COMMIT_HOME", home.path())
            .envs(ISOLATION.iter().copied())
            .env_remove("GIT_INDEX_FILE")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .output()
            .expect("pre-commit")
    };
    let installed = run(&["install"]);
    assert!(installed.status.success(), "{installed:?}");
    let commit = |message: &str| {
        git(repo.root())
            .env("PRE_COMMIT_HOME", home.path())
            .args(["commit", "-m", message])
            .output()
            .expect("git commit")
    };
    let output = |out: &std::process::Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    };

    // A bad record staged: blocked, with the diagnostic.
    repo.write("people/a-mentee.md", BAD_MENTEE);
    repo.git(&["add", "people/a-mentee.md"]);
    let out = commit("bad record");
    let text = output(&out);
    assert!(!out.status.success(), "blocked:\n{text}");
    assert!(
        text.contains("people/a-mentee.md:4:7: error[M103]"),
        "diagnostic shown:\n{text}"
    );

    // Fixed in the work tree but not staged: still blocked.
    repo.write("people/a-mentee.md", PROGRAM[1].1);
    let out = commit("fix not staged");
    let text = output(&out);
    assert!(!out.status.success(), "still blocked:\n{text}");
    assert!(text.contains("error[M103]"), "{text}");
    assert_eq!(
        repo.read("people/a-mentee.md"),
        PROGRAM[1].1,
        "work tree kept"
    );

    // Fix staged: the commit goes through.
    repo.git(&["add", "people/a-mentee.md"]);
    repo.write(
        "people/e-extra.md",
        &PROGRAM[1].1.replace("a-mentee", "e-extra"),
    );
    repo.git(&["add", "people/e-extra.md"]);
    let out = commit("good record");
    assert!(out.status.success(), "passes:\n{}", output(&out));
    assert!(
        repo.git(&["log", "-1", "--format=%s"])
            .contains("good record")
    );
}

#[test]
fn the_shipped_hook_definition_runs_under_pre_commit() {
    let pre_commit = pre_commit();
    let home = tempfile::tempdir().expect("tempdir");
    let repo = Repo::with_program("");
    repo.write("people/a-mentee.md", BAD_MENTEE);
    repo.git(&["add", "-A"]);
    let bin_dir = mentor_exe().parent().expect("bin dir").to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // A hook repository holding only the shipped definitions (the `system` id needs no source).
    let hooks = Repo::new();
    let shipped =
        std::fs::read_to_string(crate::support::repo_root().join(".pre-commit-hooks.yaml"))
            .expect(".pre-commit-hooks.yaml at the repository root");
    hooks.write(".pre-commit-hooks.yaml", &shipped);
    hooks.commit("Hook definitions");
    let out = Process::new(&pre_commit)
        .args(["try-repo"])
        .arg(hooks.root())
        .arg("mentor-check-system")
        .current_dir(repo.root())
        .env("PRE_COMMIT_HOME", home.path())
        .env("PATH", path)
        .envs(ISOLATION.iter().copied())
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("pre-commit try-repo");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "{text}");
    assert!(
        text.contains("people/a-mentee.md:4:7: error[M103]"),
        "{text}"
    );
}

// --- hostile input (issue 11) -----------------------------------------------------------------

#[cfg(unix)]
#[test]
fn staged_and_rev_report_a_committed_symbolic_link_like_the_work_tree() {
    let repo = Repo::with_program("");
    std::os::unix::fs::symlink("/etc/passwd", repo.path("people/zz-link.md")).expect("symlink");
    repo.commit("Add a link");
    for args in [&["--staged"][..], &["--rev", "HEAD"][..], &[][..]] {
        let out = stdout(repo.check("", args).arg("."));
        assert!(
            out.contains("people/zz-link.md:1:1: warning[M009]") && out.contains("symbolic link"),
            "{args:?}: {out}"
        );
        assert!(!out.contains("root:"), "{out}");
    }
}

#[cfg(unix)]
#[test]
fn hook_install_force_replaces_a_symlinked_hook_not_its_target() {
    let repo = Repo::with_program("");
    let target = repo.path("elsewhere.sh");
    std::fs::write(&target, "#!/bin/sh\necho someone else's\n").expect("write");
    std::fs::create_dir_all(repo.path(".git/hooks")).expect("mkdir");
    std::os::unix::fs::symlink(&target, repo.path(".git/hooks/pre-commit")).expect("symlink");
    repo.mentor("")
        .args(["hook", "install", "--force"])
        .assert()
        .success()
        .stdout(predicate::str::contains("symbolic link"));
    assert_eq!(
        std::fs::read_to_string(&target).expect("target"),
        "#!/bin/sh\necho someone else's\n",
        "the link's target is untouched"
    );
    let hook = repo.path(".git/hooks/pre-commit");
    assert!(
        !hook
            .symlink_metadata()
            .expect("hook")
            .file_type()
            .is_symlink()
    );
    assert!(
        repo.read(".git/hooks/pre-commit")
            .contains("check --staged")
    );
    let leftovers: Vec<_> = std::fs::read_dir(repo.path(".git/hooks"))
        .expect("hooks")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
