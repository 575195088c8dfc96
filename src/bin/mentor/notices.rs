//! `mentor notices`: email drafts (.eml) of the notices due as of a date, one per recipient and
//! notice, written atomically into `--out` (never into the program's record folders). Nothing
//! is sent. A recipient without an `email` gets no draft; a warning lists them. Exit 0, or 2
//! when the tool cannot run (no director email, a broken template, an unwritable folder).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use mentor_records::{due, notices};

use crate::args::NoticesArgs;
use crate::program_dir::Program;

pub(crate) fn run(args: &NoticesArgs, resolved: &Program) -> anyhow::Result<ExitCode> {
    let (dir, as_of) = (&resolved.dir, resolved.as_of);
    crate::report::refuse_record_folders(dir, &args.out)?;
    let outcome = crate::due::load(resolved, !args.cache.no_cache)?;
    let program = &outcome.program;
    let agenda = due::agenda(program, &outcome.evaluation, args.days);
    let Some(list) = notices::notices(program, &agenda) else {
        bail!(
            "`{}` has no valid program.md naming the program director",
            dir.display()
        );
    };
    let templates_dir = args
        .templates
        .clone()
        .unwrap_or_else(|| dir.join("templates"))
        .join("notices");
    let overrides = crate::report::read_overrides(&templates_dir, false)?;
    let templates = notices::templates(&overrides)?;
    let date = jiff::Timestamp::now().as_second();
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    for notice in &list {
        if notice.from.email.is_none() {
            bail!(
                "the program director `{}` has no `email` in people/{}.md; drafts need a From address",
                notice.from.id,
                notice.from.id
            );
        }
        let (subject, body) = notices::render(&templates, notice)?;
        match notices::eml::eml(notice, &subject, &body, date) {
            Some(bytes) => files.push((args.out.join(format!("{}.eml", notice.stem)), bytes)),
            None => missing.push(format!("{} ({})", notice.to.id, notice.kind)),
        }
    }
    let bytes: Vec<(PathBuf, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.clone(), b.as_slice()))
        .collect();
    crate::report::write_all_or_nothing(&bytes)?;
    let mut listing = String::new();
    for (path, _) in &files {
        listing.push_str(&format!("wrote {}\n", path.display()));
    }
    listing.push_str(&format!(
        "{} drafts as of {as_of}; nothing was sent\n",
        files.len()
    ));
    crate::print(&listing)?;
    if !missing.is_empty() {
        let _ = writeln!(
            std::io::stderr().lock(),
            "warning: no draft for {} recipient(s) without an `email`: {}",
            missing.len(),
            missing.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}
