//! `mentor report`: render every report into a folder, atomically (temporary file, then rename).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use mentor_records::app::{self, Report, ReportOptions};
use mentor_records::model::{AcademicYear, Quarter};
use mentor_records::report::{self, Format, Templates};
use mentor_records::{diag, parallel};

use crate::args::{ReportArgs, ReportFormat};
use crate::program_dir::Program;

pub(crate) fn run(args: &ReportArgs, program: &Program) -> anyhow::Result<ExitCode> {
    let dir = &program.dir;
    let (files, cache) = program.read_cached(!args.cache.no_cache)?;
    let ready = match app::report(files, program.as_of, args.allow_errors, cache)
        .context(crate::BROKEN)?
    {
        Report::Stopped { errors, check } => {
            let text = diag::text::render(&errors, &check.summary, &check.sources, false);
            eprint!("{text}");
            eprintln!(
                "error: no reports written: `mentor check` finds {} in these records; fix them, \
                 or pass --allow-errors to render the valid records only",
                count_errors(check.summary.errors)
            );
            return Ok(ExitCode::from(1));
        }
        Report::Ready(ready) => ready,
    };
    if ready.errors() > 0 {
        eprintln!(
            "warning: `mentor check` finds {} in these records; reports leave out the records \
             that could not be read, and their footer says how many files have errors",
            count_errors(ready.errors())
        );
    }
    let year = match &args.year {
        Some(y) => Some(y.parse::<AcademicYear>().map_err(anyhow::Error::msg)?),
        None => None,
    };
    let quarter = match &args.quarter {
        Some(q) => Some(q.parse::<Quarter>().map_err(anyhow::Error::msg)?),
        None => None,
    };
    let templates_dir = args
        .templates
        .clone()
        .unwrap_or_else(|| dir.join("templates"));
    let overrides = read_overrides(&templates_dir, args.templates.is_some())?;
    let templates = Templates::new(&overrides)?;
    let options = ReportOptions {
        year,
        quarter,
        format: match args.format {
            ReportFormat::Html | ReportFormat::Pdf => Format::Html,
            ReportFormat::Md => Format::Markdown,
        },
        provenance: mentor_records::provenance(dir),
    };
    // Before rendering: a missing browser is an error before anything is written.
    let browser = match args.format {
        ReportFormat::Pdf => Some(crate::pdf::find_browser(args.browser.as_deref())?),
        _ => None,
    };
    let rendered = ready.render(&options, &templates)?;
    let out_dir = args.out.clone().unwrap_or_else(|| dir.join("report"));
    if args.out.is_none()
        && std::fs::symlink_metadata(&out_dir).is_ok_and(|m| m.file_type().is_symlink())
    {
        // A committed `report -> elsewhere` link must not send reports somewhere else.
        bail!(
            "refusing to write reports through `{}`: it is a symbolic link; remove it, or name the folder with --out",
            out_dir.display()
        );
    }
    refuse_record_folders(dir, &out_dir)?;
    if let Some(r) = rendered.iter().find(|r| {
        Path::new(&r.path)
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
    }) {
        bail!(
            "no reports written: `{}` would leave the output folder",
            r.path
        );
    }
    let pdfs = match &browser {
        Some(browser) => print_pdfs(browser, &rendered)?,
        None => Vec::new(),
    };
    let files: Vec<(PathBuf, &[u8])> = rendered
        .iter()
        .map(|r| (out_dir.join(&r.path), r.content.as_bytes()))
        .chain(
            pdfs.iter()
                .map(|(path, bytes)| (out_dir.join(path), bytes.as_slice())),
        )
        .collect();
    write_all_or_nothing(&files)?;
    let mut listing = String::new();
    for (path, _) in &files {
        listing.push_str(&format!("wrote {}\n", path.display()));
    }
    listing.push_str(&format!(
        "{} reports as of {}\n",
        files.len(),
        program.as_of
    ));
    crate::print(&listing)?;
    // The process ends next, and the OS takes its memory back at once (as `mentor check` does):
    // freeing the checked program and every report one by one only costs time. Nothing in
    // them needs to run on drop (no files or locks are held).
    std::mem::forget(ready);
    std::mem::forget(rendered);
    Ok(ExitCode::SUCCESS)
}

/// Prints every rendered HTML report to PDF in a temporary folder (the HTML written there
/// first, so relative links resolve) and returns each PDF's path relative to the output folder
/// (next to its HTML) and bytes. Nothing is written to the output folder here.
fn print_pdfs(
    browser: &Path,
    rendered: &[report::Rendered],
) -> anyhow::Result<Vec<(PathBuf, Vec<u8>)>> {
    let scratch = tempfile::tempdir().context("cannot create a temporary folder for PDFs")?;
    let root = scratch.path();
    for r in rendered {
        let path = root.join(&r.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        std::fs::write(&path, &r.content)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    let mut pdfs = Vec::new();
    for r in rendered {
        let html = root.join(&r.path);
        let pdf = html.with_extension("pdf");
        crate::pdf::print(browser, &html, &pdf)?;
        let bytes =
            std::fs::read(&pdf).with_context(|| format!("cannot read `{}`", pdf.display()))?;
        pdfs.push((Path::new(&r.path).with_extension("pdf"), bytes));
    }
    Ok(pdfs)
}

pub(crate) fn read_overrides(dir: &Path, required: bool) -> anyhow::Result<Vec<(String, String)>> {
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        bail!(
            "templates folder `{}` is a symbolic link; mentor does not follow links: replace it with the folder itself",
            dir.display()
        );
    }
    if !dir.is_dir() {
        if required {
            bail!("templates folder `{}` does not exist", dir.display());
        }
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read `{}`", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        // Not followed, like a record that is a link (M009): `index.md.tera -> /etc/passwd`
        // would put that file into a report.
        let meta = std::fs::symlink_metadata(&path)
            .with_context(|| format!("cannot read template `{}`", path.display()))?;
        if meta.file_type().is_symlink() {
            bail!(
                "template `{}` is a symbolic link; mentor does not follow links: replace it with the template itself",
                path.display()
            );
        }
        if !meta.is_file() {
            continue;
        }
        if meta.len() > mentor_records::read::MAX_FILE_BYTES {
            bail!(
                "template `{}` is {} bytes; templates may have at most {} bytes",
                path.display(),
                meta.len(),
                mentor_records::read::MAX_FILE_BYTES
            );
        }
        let bytes = std::fs::File::open(&path)
            .and_then(|file| mentor_records::read::read_capped(file, meta.len()))
            .with_context(|| format!("cannot read template `{}`", path.display()))?
            .map_err(|n| {
                anyhow::anyhow!(
                    "template `{}` grew past {n} bytes while read",
                    path.display()
                )
            })?;
        let text = String::from_utf8(bytes)
            .with_context(|| format!("template `{}` is not UTF-8 text", path.display()))?;
        out.push((name, text));
    }
    Ok(out)
}

/// Refuses an output folder where the reports would be read as records: the program folder
/// itself or any folder in it other than `report/` (and folders below it).
pub(crate) fn refuse_record_folders(program: &Path, out: &Path) -> anyhow::Result<()> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (program, out) = (absolute(program), absolute(out));
    let program = program.canonicalize().unwrap_or(program);
    // Resolved one part at a time: symbolic links through `canonicalize` while the path exists,
    // `..` by hand where it does not yet (`report/../people` is `people` even without `report/`).
    let mut resolved = PathBuf::new();
    for part in out.components() {
        match part {
            std::path::Component::ParentDir => {
                resolved.pop();
            }
            std::path::Component::CurDir => {}
            other => {
                resolved.push(other);
                if let Ok(real) = resolved.canonicalize() {
                    resolved = real;
                }
            }
        }
    }
    if resolved.parent().is_none() {
        bail!(
            "refusing to write reports into the filesystem root `{}`",
            out.display()
        );
    }
    if let Ok(inside) = resolved.strip_prefix(&program) {
        let first = inside
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        if first.as_deref() != Some("report") {
            bail!(
                "refusing to write reports into `{}`: inside the program folder they would be read as records; use `report/` (the default) or a folder outside the program",
                out.display()
            );
        }
    }
    Ok(())
}

/// Writes every file or none. First the plan: every path is checked (no two reports at the same
/// path, none at a folder) before anything is written. A file that already holds exactly its
/// new bytes (compared on every core) is then left alone: not rewritten, not renamed, so its
/// inode, modification time and permissions stay as they are; it is already in its final state.
/// Each other report goes to a temporary file next to its destination; only when all are
/// written are they renamed into place, each existing report first kept aside (hard link, or
/// copy) so that a failing rename puts every earlier one back. On any failure every temporary
/// file is removed and the old reports are as they were.
pub(crate) fn write_all_or_nothing(files: &[(PathBuf, &[u8])]) -> anyhow::Result<()> {
    plan(files)?;
    let unchanged = parallel::map(files, |(path, bytes)| holds(path, bytes));
    let files: Vec<&(PathBuf, &[u8])> = files
        .iter()
        .zip(unchanged)
        .filter_map(|(file, unchanged)| (!unchanged).then_some(file))
        .collect();
    // Every temporary file is recorded whatever its result: a partly written one (a full disk)
    // is removed too.
    let mut temps: Vec<(PathBuf, &Path)> = Vec::with_capacity(files.len());
    let written = files.iter().try_for_each(|(path, bytes)| {
        let temp = sibling(path, "tmp");
        let result = write_temp(path, &temp, bytes);
        temps.push((temp, path.as_path()));
        result
    });
    let remove_temps = |temps: &[(PathBuf, &Path)]| {
        for (temp, _) in temps {
            let _ = std::fs::remove_file(temp);
        }
    };
    if let Err(error) = written {
        remove_temps(&temps);
        return Err(error);
    }
    // Old reports kept aside, so that a failed rename can put them back.
    let mut kept: Vec<(PathBuf, &Path)> = Vec::new();
    for (_, path) in &temps {
        if path.is_file() {
            let backup = sibling(path, "old");
            let saved = std::fs::hard_link(path, &backup)
                .or_else(|_| std::fs::copy(path, &backup).map(|_| ()));
            if let Err(e) = saved {
                for (backup, _) in &kept {
                    let _ = std::fs::remove_file(backup);
                }
                remove_temps(&temps);
                return Err(e)
                    .with_context(|| format!("cannot keep a copy of `{}`", path.display()));
            }
            kept.push((backup, path));
        }
    }
    for (i, (temp, path)) in temps.iter().enumerate() {
        if let Err(e) = std::fs::rename(temp, path) {
            // Undo: earlier renames get their old report back (or are removed if new).
            for (_, done) in &temps[..i] {
                match kept.iter().find(|(_, p)| p == done) {
                    Some((backup, _)) => {
                        let _ = std::fs::rename(backup, done);
                    }
                    None => {
                        let _ = std::fs::remove_file(done);
                    }
                }
            }
            for (backup, _) in &kept {
                let _ = std::fs::remove_file(backup);
            }
            remove_temps(&temps[i..]);
            return Err(e).with_context(|| format!("cannot move report into `{}`", path.display()));
        }
    }
    for (backup, _) in &kept {
        let _ = std::fs::remove_file(backup);
    }
    Ok(())
}

/// Whether `path` is a file (not a link, not a folder) that holds exactly `bytes`.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes)
}

/// Writes `bytes` to `temp`, the temporary file beside `path`, creating `path`'s folder first.
fn write_temp(path: &Path, temp: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create `{}`", parent.display()))?;
    std::fs::write(temp, bytes).with_context(|| format!("cannot write `{}`", temp.display()))
}

/// Checks every output path before anything is written: no two reports at one path (two
/// records with the same id), no report where a folder is.
fn plan(files: &[(PathBuf, &[u8])]) -> anyhow::Result<()> {
    let mut seen = std::collections::BTreeSet::new();
    for (path, _) in files {
        if !seen.insert(path.as_path()) {
            bail!(
                "no reports written: two reports would be written to `{}` (two records with the same id?); fix the records first",
                path.display()
            );
        }
        if path.is_dir() {
            bail!("no reports written: `{}` is a folder", path.display());
        }
    }
    Ok(())
}

/// A hidden file beside `path` for this run: `.name.<what>-<pid>`.
fn sibling(path: &Path, what: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{what}-{}", std::process::id()))
}

/// "1 error" or "N errors".
fn count_errors(errors: usize) -> String {
    if errors == 1 {
        "1 error".to_owned()
    } else {
        format!("{errors} errors")
    }
}

// Inode numbers and symbolic links, as these tests use them, are Unix's.
#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::MetadataExt;
    use std::path::{Path, PathBuf};
    use std::time::{Duration, SystemTime};

    use super::write_all_or_nothing;

    /// The inode and modification time of `path`.
    fn identity(path: &Path) -> (u64, SystemTime) {
        let meta = std::fs::symlink_metadata(path).expect("stat");
        (meta.ino(), meta.modified().expect("mtime"))
    }

    /// Writes `text` to `path` and dates it a day back, so that a rewrite shows in its mtime.
    fn old_file(path: &Path, text: &str) {
        std::fs::write(path, text).expect("write");
        let file = std::fs::File::options()
            .write(true)
            .open(path)
            .expect("open");
        let day_ago = SystemTime::now() - Duration::from_secs(86_400);
        file.set_modified(day_ago).expect("set mtime");
    }

    /// The names in `dir`, sorted (hidden temporary files and backups included).
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("read_dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_report_that_holds_its_new_bytes_is_not_rewritten_and_a_changed_one_is() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (same, changed, new) = (
            dir.path().join("same.md"),
            dir.path().join("changed.md"),
            dir.path().join("new.md"),
        );
        old_file(&same, "same text\n");
        // As long as the new text: the bytes decide, not the size.
        old_file(&changed, "old text\n");
        let (same_before, changed_before) = (identity(&same), identity(&changed));
        let files: Vec<(PathBuf, &[u8])> = vec![
            (same.clone(), b"same text\n"),
            (changed.clone(), b"new text\n"),
            (new.clone(), b"brand new\n"),
        ];
        write_all_or_nothing(&files).expect("written");
        assert_eq!(identity(&same), same_before, "same inode, same mtime");
        assert_eq!(std::fs::read(&same).expect("read"), b"same text\n");
        let changed_after = identity(&changed);
        assert_ne!(changed_after.0, changed_before.0, "replaced by a new file");
        assert!(changed_after.1 > changed_before.1, "rewritten now");
        assert_eq!(std::fs::read(&changed).expect("read"), b"new text\n");
        assert_eq!(std::fs::read(&new).expect("read"), b"brand new\n");
        assert_eq!(
            names(dir.path()),
            ["changed.md", "new.md", "same.md"],
            "no temporary file or backup left"
        );
    }

    #[test]
    fn a_link_that_holds_the_new_bytes_is_still_replaced_by_a_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (target, link) = (dir.path().join("elsewhere.md"), dir.path().join("r.md"));
        std::fs::write(&target, "text\n").expect("write");
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        write_all_or_nothing(&[(link.clone(), b"text\n".as_slice())]).expect("written");
        let meta = std::fs::symlink_metadata(&link).expect("stat");
        assert!(meta.is_file(), "the link is replaced by the report");
        assert_eq!(std::fs::read(&target).expect("read"), b"text\n");
    }

    #[test]
    fn a_failure_leaves_unchanged_and_old_reports_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (same, changed) = (dir.path().join("same.md"), dir.path().join("changed.md"));
        old_file(&same, "same\n");
        old_file(&changed, "old\n");
        // A file where a report's folder must go: its folder cannot be made.
        std::fs::write(dir.path().join("blocked"), "in the way\n").expect("write");
        let (same_before, changed_before) = (identity(&same), identity(&changed));
        let files: Vec<(PathBuf, &[u8])> = vec![
            (same.clone(), b"same\n"),
            (changed.clone(), b"new\n"),
            (dir.path().join("blocked/r.md"), b"r\n"),
        ];
        assert!(write_all_or_nothing(&files).is_err());
        assert_eq!(identity(&same), same_before);
        assert_eq!(identity(&changed), changed_before);
        assert_eq!(std::fs::read(&changed).expect("read"), b"old\n");
        assert_eq!(names(dir.path()), ["blocked", "changed.md", "same.md"]);
    }
}
