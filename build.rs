//! Sets `MENTOR_VERSION` for `mentor --version`: the package version, and when built from a git
//! checkout of this repository, the short commit and its date (`0.1.0 (1a2b3c4 2026-12-04)`).
//! Built from a source archive or a wheel's sdist (no `.git`), or without git installed, it is
//! the package version alone; this script never fails the build.

use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn main() {
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let dir = Path::new(&manifest_dir);
    println!("cargo:rerun-if-changed=build.rs");
    // Only this repository's own checkout counts: an unpacked archive that happens to sit inside
    // some other git work tree must not take that repository's commit.
    let own_checkout = git(dir, &["rev-parse", "--show-toplevel"])
        .and_then(|top| Path::new(&top).canonicalize().ok())
        .zip(dir.canonicalize().ok())
        .is_some_and(|(top, dir)| top == dir);
    let commit = own_checkout
        .then(|| git(dir, &["log", "-1", "--format=%h %cs"]))
        .flatten();
    if own_checkout {
        // Rebuild the version when HEAD moves (a commit, a checkout).
        // A path that does not exist would make cargo rerun this script on every build.
        let head_ref = git(dir, &["symbolic-ref", "-q", "HEAD"]);
        let watched = ["HEAD", "packed-refs"]
            .into_iter()
            .chain(head_ref.as_deref())
            .filter_map(|path| git(dir, &["rev-parse", "--git-path", path]))
            .map(|p| dir.join(p))
            .filter(|p| p.exists());
        for path in watched {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    match commit {
        Some(commit) => println!("cargo:rustc-env=MENTOR_VERSION={version} ({commit})"),
        None => println!("cargo:rustc-env=MENTOR_VERSION={version}"),
    }
}
