//! PDF reports: print the HTML reports with a headless Chromium (`--print-to-pdf`), so one set
//! of templates serves screen and paper. The browser is found through `--browser`, then
//! `MENTOR_BROWSER`, then `chromium`, `chromium-browser` or `google-chrome` on PATH.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, bail};

/// Browser names looked up on PATH, in order.
const BROWSERS: [&str; 3] = ["chromium", "chromium-browser", "google-chrome"];

/// The browser to print with: `given` (`--browser`), else `MENTOR_BROWSER`, else the first of
/// [`BROWSERS`] on PATH.
///
/// # Errors
/// When none is found: the message names the package to install.
pub(crate) fn find_browser(given: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(path) = given {
        return resolve(path.as_os_str())
            .with_context(|| format!("--browser `{}`: no such program", path.display()));
    }
    if let Some(path) = std::env::var_os("MENTOR_BROWSER").filter(|p| !p.is_empty()) {
        return resolve(&path).with_context(|| {
            format!(
                "MENTOR_BROWSER `{}`: no such program",
                Path::new(&path).display()
            )
        });
    }
    for name in BROWSERS {
        if let Some(found) = resolve(name.as_ref()) {
            return Ok(found);
        }
    }
    bail!(
        "cannot write PDF reports: no Chromium found (looked for {} on PATH); install it \
         (Debian/Ubuntu: `apt-get install chromium`), or name the browser with --browser PATH \
         or MENTOR_BROWSER",
        BROWSERS.join(", ")
    )
}

/// `name` as a path if it has a `/` and exists, else its first match on PATH.
fn resolve(name: &std::ffi::OsStr) -> Option<PathBuf> {
    let path = Path::new(name);
    if path.components().count() > 1 {
        return path.is_file().then(|| path.to_path_buf());
    }
    let dirs: OsString = std::env::var_os("PATH")?;
    std::env::split_paths(&dirs)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// Prints `html` (an absolute path to a report) to `pdf` with `browser`, headless, with no
/// network, no profile left behind (a fresh temporary profile folder) and no browser header or
/// footer (the report's own `@page` running header and page numbers are used).
///
/// # Errors
/// When the browser cannot start, fails, or writes no PDF.
pub(crate) fn print(browser: &Path, html: &Path, pdf: &Path) -> anyhow::Result<()> {
    let profile = tempfile::tempdir().context("cannot create a browser profile folder")?;
    let url = format!("file://{}", html.display());
    let output = Command::new(browser)
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
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(&url)
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot run the browser `{}`", browser.display()))?;
    let written = std::fs::metadata(pdf).map(|m| m.len() > 0).unwrap_or(false);
    if !output.status.success() || !written {
        bail!(
            "the browser `{}` could not print `{}` to PDF ({}): {}",
            browser.display(),
            html.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}
