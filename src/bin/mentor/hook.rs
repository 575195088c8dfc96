//! `mentor hook install`: write the repository's git pre-commit hook so that every commit runs
//! `mentor check --staged` on the program.
//!
//! The hook is a small `sh` script marked with [`MARKER`], so a later install recognises and
//! rewrites its own hook, and refuses (exit 2) to replace anyone else's unless `--force`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use mentor_records::read::git::{self, Snapshot};

use crate::args::{HookArgs, HookCommand, HookInstallArgs};
use crate::git_source;

/// The line that marks a hook as written by `mentor hook install`.
pub(crate) const MARKER: &str = "# mentor-records pre-commit hook";

pub(crate) fn run(args: &HookArgs) -> anyhow::Result<ExitCode> {
    match &args.command {
        HookCommand::Install(install_args) => install(install_args),
    }
}

fn install(args: &HookInstallArgs) -> anyhow::Result<ExitCode> {
    let given = args
        .program_dir_option
        .as_deref()
        .or(args.program_dir.as_deref());
    let (repo, cwd) = git_source::discover(given)?;
    if repo.workdir().is_none() {
        anyhow::bail!("the repository is bare: there are no commits from a work tree to check");
    }
    let program = match given {
        Some(_) => Some(git::find_program(&repo, Snapshot::Staged, given, &cwd)?),
        // Pin the program found now; if none is found yet, the hook looks for it at each commit.
        None => git::find_program(&repo, Snapshot::Staged, None, &cwd).ok(),
    };
    let hooks = repo.hooks_dir()?;
    let path = hooks.join("pre-commit");
    let replacing = match std::fs::read(&path) {
        Ok(existing) if is_ours(&existing) => false,
        Ok(_) if args.force => true,
        Ok(_) => anyhow::bail!(
            "`{}` already exists and was not written by `mentor hook install`; \
             leave it and add `mentor check --staged` to it yourself, \
             or rerun with `--force` to replace it",
            path.display()
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => {
            return Err(e).with_context(|| format!("cannot read `{}`", path.display()));
        }
    };
    let mentor = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.to_str().map(str::to_owned));
    let text = script(mentor.as_deref(), program.as_deref());
    std::fs::create_dir_all(&hooks)
        .with_context(|| format!("cannot create `{}`", hooks.display()))?;
    let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    write_replacing(&path, &text)?;
    crate::print(&format!(
        "{} the pre-commit hook `{}`: each commit now runs `mentor check --staged`{}\n",
        match (replacing, is_link) {
            (_, true) => "replaced the symbolic link (not its target) with",
            (true, false) => "replaced",
            (false, false) => "installed",
        },
        path.display(),
        match program.as_deref() {
            Some("") => " on the program at the repository root".to_owned(),
            Some(p) => format!(" on the program in `{p}/`"),
            None => String::new(),
        }
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Writes `text` to a temporary file beside `path`, makes it executable, then renames it over
/// `path`. A rename replaces `path` itself: when `path` is a symbolic link, the link is replaced
/// and whatever it points at is left untouched. The temporary file is removed on failure.
fn write_replacing(path: &Path, text: &str) -> anyhow::Result<()> {
    let temp = path.with_file_name(format!(".pre-commit.mentor-{}.tmp", std::process::id()));
    let result = std::fs::write(&temp, text)
        .with_context(|| format!("cannot write `{}`", temp.display()))
        .and_then(|()| make_executable(&temp))
        .and_then(|()| {
            std::fs::rename(&temp, path)
                .with_context(|| format!("cannot write `{}`", path.display()))
        });
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

fn is_ours(hook: &[u8]) -> bool {
    String::from_utf8_lossy(hook)
        .lines()
        .any(|line| line.starts_with(MARKER))
}

/// The hook script. `mentor` is the absolute path of this binary (the hook falls back to
/// `mentor` on `PATH` when it has moved); `program` is the repository-relative program folder.
fn script(mentor: Option<&str>, program: Option<&str>) -> String {
    let program_arg = match program {
        Some("") => " --program-dir .".to_owned(),
        Some(p) => format!(" --program-dir {}", sh_quote(p)),
        None => String::new(),
    };
    format!(
        "#!/bin/sh\n\
         {MARKER} (written by `mentor hook install`; run it again to update this file).\n\
         # Checks the records staged for this commit. Skip it once with `git commit --no-verify`.\n\
         mentor={}\n\
         if [ ! -x \"$mentor\" ]; then mentor=mentor; fi\n\
         exec \"$mentor\" check --staged{program_arg}\n",
        sh_quote(mentor.unwrap_or("mentor")),
    )
}

/// Quotes `text` for `sh`: single quotes, with `'` written as `'\''`.
fn sh_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

#[cfg(unix)]
fn make_executable(path: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .with_context(|| format!("cannot make `{}` executable", path.display()))
}

#[cfg(not(unix))]
fn make_executable(_path: &Path) -> anyhow::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_for_sh() {
        assert_eq!(sh_quote("a b"), "'a b'");
        assert_eq!(sh_quote("it's"), "'it'\\''s'");
    }

    #[test]
    fn recognises_its_own_script() {
        let text = script(Some("/opt/mentor"), Some("programs/x"));
        assert!(is_ours(text.as_bytes()));
        assert!(text.contains("exec \"$mentor\" check --staged --program-dir 'programs/x'\n"));
        assert!(!is_ours(b"#!/bin/sh\nexec other-linter\n"));
    }
}
