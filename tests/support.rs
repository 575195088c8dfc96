//! Shared helpers for the integration tests.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root (where Cargo.toml is).
pub(crate) fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The example program folder.
pub(crate) fn example_program() -> PathBuf {
    repo_root().join("example-program")
}

/// The `mentor` binary, run from `dir`, with colour off.
pub(crate) fn mentor(dir: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("mentor"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GIT_INDEX_FILE");
    cmd
}

/// Copies a folder tree (files only) into `to`.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    // Rendered reports (`report/`) are output, not records: a test must not depend on whether
    // someone ran `mentor report` in the example program first.
    let walker = walkdir::WalkDir::new(from)
        .into_iter()
        .filter_entry(|e| !(e.depth() == 1 && e.file_name() == "report"));
    for entry in walker {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
