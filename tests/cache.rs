//! The cache of per-file results (issue 17): `mentor check` prints the same with and without
//! it, however records change between runs, and a cache it cannot trust is ignored.

use std::path::Path;

use crate::generated::program;
use crate::support::mentor;

/// `mentor check` on `dir` with `args`: exit code, JSON output and text output.
fn check(dir: &Path, cache_home: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let run = |format: &str| {
        let out = mentor(dir)
            .env("XDG_CACHE_HOME", cache_home)
            .args(["check", "--as-of", program::AS_OF, "--format", format])
            .args(args)
            .arg(dir)
            .output()
            .expect("run mentor");
        (
            out.status.code(),
            String::from_utf8(out.stdout).expect("utf8"),
        )
    };
    let (code, json) = run("json");
    let (text_code, text) = run("text");
    assert_eq!(code, text_code);
    (code, json, text)
}

/// The cache files (not the delta files beside them) in `folder`.
fn bases_in(folder: &Path) -> Vec<std::path::PathBuf> {
    let Ok(dir) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    dir.filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "bin"))
        .collect()
}

fn cache_files(cache_home: &Path) -> Vec<std::path::PathBuf> {
    bases_in(&cache_home.join("mentor-records"))
}

/// The one cache file under `cache_home`.
fn the_cache_file(cache_home: &Path) -> std::path::PathBuf {
    let files = cache_files(cache_home);
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

fn small_program(dir: &Path) -> Vec<program::File> {
    let files = program::generate(program::Options {
        faculty: 30,
        years: 2,
        seed: 3,
    });
    program::write(&files, dir).expect("write");
    files
}

/// One random change to a record: edit a digit or a field, add a note, rename, delete, or put
/// back an earlier version (so the cache also serves content it saw rounds ago).
fn change(rng: &mut fastrand::Rng, dir: &Path, originals: &[program::File]) {
    let (path, original) = &originals[rng.usize(..originals.len())];
    let file = dir.join(path);
    let Ok(text) = std::fs::read_to_string(&file) else {
        // Deleted or renamed earlier: bring it back.
        std::fs::write(&file, original).expect("restore");
        return;
    };
    match rng.u8(..6) {
        0 => {
            let digits: Vec<usize> = text
                .match_indices(|c: char| c.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            if let Some(&at) = digits.get(rng.usize(..digits.len().max(1))) {
                let mut edited = text.clone();
                edited.replace_range(at..=at, &rng.u8(0..10).to_string());
                std::fs::write(&file, edited).expect("edit digit");
            }
        }
        1 => std::fs::write(&file, text.replacen("---\n", "---\nunknown_field: x\n", 1))
            .expect("edit field"),
        2 => std::fs::write(&file, format!("{text}\nA note.\n")).expect("add note"),
        3 => std::fs::remove_file(&file).expect("delete"),
        4 => {
            let renamed = file.with_file_name(format!(
                "r{}-{}",
                rng.u8(..3),
                file.file_name().expect("name").to_string_lossy()
            ));
            std::fs::rename(&file, renamed).expect("rename");
        }
        _ => std::fs::write(&file, original).expect("put back"),
    }
}

#[test]
fn cached_and_uncached_checks_agree_over_random_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_home = tempfile::tempdir().expect("tempdir");
    let originals = small_program(dir.path());
    let mut rng = fastrand::Rng::with_seed(17);
    let mut with_delta = 0;
    for round in 0..12 {
        let cached = check(dir.path(), cache_home.path(), &[]);
        let uncached = check(dir.path(), cache_home.path(), &["--no-cache"]);
        assert_eq!(cached, uncached, "round {round}");
        // The cache is really there and really used: a second cached run agrees too.
        assert_eq!(cache_files(cache_home.path()).len(), 1, "round {round}");
        assert_eq!(
            check(dir.path(), cache_home.path(), &[]),
            uncached,
            "round {round}"
        );
        let base = the_cache_file(cache_home.path());
        with_delta += usize::from(base.with_extension("bin.delta").exists());
        for _ in 0..rng.usize(1..6) {
            change(&mut rng, dir.path(), &originals);
        }
    }
    // Both ways of storing were taken: the base file alone, and a delta file beside it.
    assert!(
        (1..12).contains(&with_delta),
        "{with_delta} of 12 rounds had a delta"
    );
}

#[test]
fn staged_checks_with_and_without_the_cache_agree() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_home = tempfile::tempdir().expect("tempdir");
    let originals = small_program(dir.path());
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .current_dir(dir.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.org")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.org")
            .env_remove("GIT_DIR")
            .env_remove("GIT_INDEX_FILE")
            .args(args)
            .output()
            .expect("git");
        assert!(out.status.success(), "git {args:?}");
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "program"]);
    let mut rng = fastrand::Rng::with_seed(4);
    for round in 0..5 {
        for _ in 0..rng.usize(1..6) {
            change(&mut rng, dir.path(), &originals);
        }
        git(&["add", "-A"]);
        let cached = check(dir.path(), cache_home.path(), &["--staged"]);
        let uncached = check(dir.path(), cache_home.path(), &["--staged", "--no-cache"]);
        assert_eq!(cached, uncached, "round {round}");
        let in_git = bases_in(&dir.path().join(".git/mentor-cache")).len();
        assert_eq!(in_git, 1, "round {round}");
        assert!(
            cache_files(cache_home.path()).is_empty(),
            "a repository's cache stays in .git"
        );
    }
}

#[test]
fn a_corrupt_cache_is_ignored_and_rebuilt() {
    use mentor_records::cache;
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_home = tempfile::tempdir().expect("tempdir");
    let files = small_program(dir.path());
    let fingerprint = cache::fingerprint(&sources(&files));
    let expected = check(dir.path(), cache_home.path(), &["--no-cache"]);
    assert_eq!(check(dir.path(), cache_home.path(), &[]), expected);
    let file = the_cache_file(cache_home.path());
    let good = std::fs::read(&file).expect("read cache");
    let (stored, miss) = cache::load(&file, fingerprint);
    assert_eq!(miss, None);
    for bad in [&good[..good.len() / 2], b"garbage", &[]] {
        std::fs::write(&file, bad).expect("corrupt");
        assert_eq!(check(dir.path(), cache_home.path(), &[]), expected);
        let (rebuilt, miss) = cache::load(&file, fingerprint);
        assert!(
            miss.is_none() && rebuilt.len() == stored.len(),
            "not rebuilt: {miss:?}"
        );
    }
}

fn sources(files: &[program::File]) -> Vec<mentor_records::source::SourceFile> {
    files
        .iter()
        .map(|(p, t)| mentor_records::source::SourceFile::new(p.clone(), t.clone()))
        .collect()
}

#[test]
fn a_cache_made_under_another_fingerprint_is_not_used() {
    use mentor_records::cache::{self, Cache};
    use mentor_records::layout::RecordKind;
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_home = tempfile::tempdir().expect("tempdir");
    let files = small_program(dir.path());
    let expected = check(dir.path(), cache_home.path(), &["--no-cache"]);
    assert_eq!(check(dir.path(), cache_home.path(), &[]), expected);
    let path = the_cache_file(cache_home.path());
    // A cache from another version (or other schemas, or another program.md) whose entries
    // would change the output if they were used: every person is typed as someone else.
    let people: Vec<&program::File> = files
        .iter()
        .filter(|(p, _)| p.starts_with("people/"))
        .collect();
    let other = r#"{"id":"z-example","name":"Dr. Z. Example","rank":"professor","track":"clinician-educator","start_date":"2000-08-01","roles":["mentor"]}"#;
    let other: mentor_records::model::Person = serde_json::from_str(other).expect("a person");
    let other = postcard::to_allocvec(&other).expect("encoded");
    let mut stale = Cache::new(12345);
    for (path, text) in &people {
        stale.insert(
            cache::key_of_text(RecordKind::Person, path, text).expect("key"),
            cache::Entry {
                record: other.clone(),
                body: String::new(),
            },
        );
    }
    cache::store(&path, &stale).expect("store");
    assert_eq!(check(dir.path(), cache_home.path(), &[]), expected);
    // The same entries under the right fingerprint do change the output: the test can fail.
    let sources: Vec<mentor_records::source::SourceFile> = files
        .iter()
        .map(|(p, t)| mentor_records::source::SourceFile::new(p.clone(), t.clone()))
        .collect();
    let mut trusted = Cache::new(cache::fingerprint(&sources));
    for (path, text) in &people {
        trusted.insert(
            cache::key_of_text(RecordKind::Person, path, text).expect("key"),
            cache::Entry {
                record: other.clone(),
                body: String::new(),
            },
        );
    }
    cache::store(&path, &trusted).expect("store");
    assert_ne!(check(dir.path(), cache_home.path(), &[]), expected);
}

#[test]
fn an_unusable_cache_folder_only_costs_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let scratch = tempfile::tempdir().expect("tempdir");
    small_program(dir.path());
    // The user cache folder is a file: nothing can be read or written there.
    let not_a_folder = scratch.path().join("file");
    std::fs::write(&not_a_folder, "x").expect("write");
    let expected = check(dir.path(), scratch.path(), &["--no-cache"]);
    assert_eq!(check(dir.path(), &not_a_folder, &[]), expected);
    // The cache file's place is taken by a folder.
    let home = scratch.path().join("home");
    check(dir.path(), &home, &[]);
    let file = the_cache_file(&home);
    std::fs::remove_file(&file).expect("remove");
    std::fs::create_dir(&file).expect("mkdir");
    assert_eq!(check(dir.path(), &home, &[]), expected);
}

/// The JSON that `mentor <command> --as-of AS_OF --format json` prints for `dir`, with `args`;
/// the command must exit 0.
fn json_of(dir: &Path, cache_home: &Path, command: &[&str], args: &[&str]) -> String {
    let out = mentor(dir)
        .env("XDG_CACHE_HOME", cache_home)
        .args(command)
        .args(["--as-of", program::AS_OF, "--format", "json"])
        .args(args)
        .arg(dir)
        .output()
        .expect("run mentor");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    String::from_utf8(out.stdout).expect("utf8")
}

/// `mentor status --format json` on `dir` with `args`.
fn status(dir: &Path, cache_home: &Path, args: &[&str]) -> String {
    json_of(dir, cache_home, &["status"], args)
}

/// `mentor due --format json` on `dir` with `args`, over the next year.
fn due(dir: &Path, cache_home: &Path, args: &[&str]) -> String {
    json_of(dir, cache_home, &["due", "--days", "365"], args)
}

/// `mentor report --format md` on `dir` with `args`, into a new folder: exit code and every
/// report file, by path in that folder.
fn report(dir: &Path, cache_home: &Path, args: &[&str]) -> (Option<i32>, Vec<(String, String)>) {
    let out_dir = tempfile::tempdir().expect("tempdir");
    let out = mentor(dir)
        .env("XDG_CACHE_HOME", cache_home)
        .args([
            "report",
            "--as-of",
            program::AS_OF,
            "--format",
            "md",
            "--out",
        ])
        .arg(out_dir.path())
        .args(args)
        .arg(dir)
        .output()
        .expect("run mentor");
    let mut files: Vec<(String, String)> = walkdir::WalkDir::new(out_dir.path())
        .into_iter()
        .map(|e| e.expect("entry"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e.path().strip_prefix(out_dir.path()).expect("inside");
            let text = std::fs::read_to_string(e.path()).expect("report file");
            (name.to_string_lossy().into_owned(), text)
        })
        .collect();
    files.sort();
    (out.status.code(), files)
}

#[test]
fn status_report_and_due_share_the_check_cache_and_agree_without_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_home = tempfile::tempdir().expect("tempdir");
    let originals = small_program(dir.path());
    // A report alone fills the cache that `mentor check` then reads.
    let expected = report(dir.path(), cache_home.path(), &["--no-cache"]);
    assert!(cache_files(cache_home.path()).is_empty());
    assert!(!expected.1.is_empty(), "no reports: {expected:?}");
    assert_eq!(report(dir.path(), cache_home.path(), &[]), expected);
    let cache = std::fs::read(the_cache_file(cache_home.path())).expect("cache");
    check(dir.path(), cache_home.path(), &[]);
    assert_eq!(
        std::fs::read(the_cache_file(cache_home.path())).expect("cache"),
        cache,
        "check found every file in the report's cache"
    );
    let mut rng = fastrand::Rng::with_seed(23);
    for round in 0..6 {
        for _ in 0..rng.usize(1..6) {
            change(&mut rng, dir.path(), &originals);
        }
        assert_eq!(
            status(dir.path(), cache_home.path(), &[]),
            status(dir.path(), cache_home.path(), &["--no-cache"]),
            "round {round}"
        );
        assert_eq!(
            report(dir.path(), cache_home.path(), &[]),
            report(dir.path(), cache_home.path(), &["--no-cache"]),
            "round {round}"
        );
        assert_eq!(
            due(dir.path(), cache_home.path(), &[]),
            due(dir.path(), cache_home.path(), &["--no-cache"]),
            "round {round}"
        );
    }
}

#[test]
fn status_report_and_due_read_their_records_from_a_trusted_cache() {
    use mentor_records::cache::{self, Cache};
    use mentor_records::layout::RecordKind;
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_home = tempfile::tempdir().expect("tempdir");
    let files = small_program(dir.path());
    let uncached = status(dir.path(), cache_home.path(), &["--no-cache"]);
    assert_eq!(status(dir.path(), cache_home.path(), &[]), uncached);
    // Every person's start date moved by forged entries under the right fingerprint: status
    // rows, reports and agendas change only if they take their records from the cache.
    let mut forged = Cache::new(cache::fingerprint(&sources(&files)));
    for (path, text) in files.iter().filter(|(p, _)| p.starts_with("people/")) {
        let mut person: mentor_records::model::Person =
            serde_json::from_value(front_matter_json(text)).expect("a person");
        person.start_date = jiff::civil::date(2000, 8, 1);
        forged.insert(
            cache::key_of_text(RecordKind::Person, path, text).expect("key"),
            cache::Entry {
                record: postcard::to_allocvec(&person).expect("encoded"),
                body: String::new(),
            },
        );
    }
    cache::store(&the_cache_file(cache_home.path()), &forged).expect("store");
    let home = cache_home.path();
    assert!(
        status(dir.path(), home, &[]) != uncached,
        "status ignored the cache"
    );
    let report_uncached = report(dir.path(), home, &["--no-cache"]);
    assert!(
        report(dir.path(), home, &[]) != report_uncached,
        "report ignored the cache"
    );
    let due_uncached = due(dir.path(), home, &["--no-cache"]);
    assert!(
        due(dir.path(), home, &[]) != due_uncached,
        "due ignored the cache"
    );
}

/// The front matter of a record's `text` as JSON (the generator writes plain block YAML).
fn front_matter_json(text: &str) -> serde_json::Value {
    let yaml = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---"))
        .expect("front matter")
        .0;
    serde_saphyr::from_str(yaml).expect("yaml")
}
