//! `mentor sign`, `mentor meet`, `mentor attend`: add one entry to an existing record (or create
//! the meeting log / community year on first use), checked before it is written.

use std::process::ExitCode;

use anyhow::{Context, bail};
use mentor_records::edit::Change;
use mentor_records::edit::text::{self, Item};
use mentor_records::model::AcademicYear;
use mentor_records::source::SourceFile;

use crate::args::{AttendArgs, MeetArgs, SignArgs};
use crate::write;

fn fields(pairs: &[(&str, String)]) -> Item {
    Item::Fields(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
    )
}

/// `mentor sign AGREEMENT --person ID [--date DATE]`.
pub(crate) fn sign(args: &SignArgs) -> anyhow::Result<ExitCode> {
    let program = write::open(&args.write)?;
    let path = format!("agreements/{}.md", args.agreement);
    let Some(before) = write::current_text(&program.root, &path)? else {
        bail!(
            "no agreement `{}`: `{path}` does not exist in `{}`",
            args.agreement,
            program.root.display()
        );
    };
    let date = args.date.unwrap_or(program.as_of);
    let mut after = text::append_item(
        &before,
        "signatures",
        &fields(&[("person", args.person.clone()), ("date", date.to_string())]),
    )
    .with_context(|| format!("cannot add a signature to `{path}`"))?;
    // A draft whose parties have now all signed becomes active.
    let parsed = write::model(
        vec![SourceFile::new(path.clone(), after.clone())],
        program.as_of,
    )?;
    if let Some(a) = parsed.agreements.first() {
        if a.signatures_by(&args.person) > 1 {
            bail!(
                "`{}` has already signed `{}`; nothing written",
                args.person,
                args.agreement
            );
        }
        if a.is_ready_to_activate() {
            after = text::set_field(&after, "status", "active")?;
        }
    }
    write::commit(
        program,
        Change {
            path,
            before: Some(before),
            after,
        },
        args.write.dry_run,
        &[],
    )
}

/// `mentor meet AGREEMENT DATE [--minutes N] [--modality M]`.
pub(crate) fn meet(args: &MeetArgs) -> anyhow::Result<ExitCode> {
    let program = write::open(&args.write)?;
    let path = format!("meetings/{}.md", args.agreement);
    let mut item = vec![("date", args.date.to_string())];
    if let Some(m) = args.minutes {
        item.push(("minutes", m.to_string()));
    }
    if let Some(m) = &args.modality {
        item.push(("modality", m.clone()));
    }
    let before = write::current_text(&program.root, &path)?;
    let after = match &before {
        Some(text) => text::append_item(text, "meetings", &fields(&item))
            .with_context(|| format!("cannot add a meeting to `{path}`"))?,
        None => {
            let mut text = format!("---\nagreement: {}\nmeetings:\n", args.agreement);
            for (i, (k, v)) in item.iter().enumerate() {
                text.push_str(if i == 0 { "  - " } else { "    " });
                text.push_str(&format!("{k}: {v}\n"));
            }
            text.push_str("---\n");
            text
        }
    };
    write::commit(
        program,
        Change {
            path,
            before,
            after,
        },
        args.write.dry_run,
        &[mentor_records::diag::Code::DuplicateMeetingDate],
    )
}

/// `mentor attend GROUP DATE --present ID,ID..`; GROUP `community` writes
/// `community/<academic-year>.md`.
pub(crate) fn attend(args: &AttendArgs) -> anyhow::Result<ExitCode> {
    let program = write::open(&args.write)?;
    let present = text::flow_list(&args.present);
    let (path, key, mut item, new) = if args.group == "community" {
        let config = program
            .files
            .files
            .iter()
            .filter(|f| f.path == "program.md")
            .cloned()
            .collect();
        let loaded = write::model(config, program.as_of)?;
        let year = AcademicYear::containing(args.date, loaded.year_start());
        let path = format!("community/{year}.md");
        let new = format!("---\nacademic_year: {year}\nmeetings:\n");
        (path, "meetings", vec![("date", args.date.to_string())], new)
    } else {
        if args.topic.is_some() {
            bail!("`--topic` is for community meetings only");
        }
        (
            format!("groups/{}.md", args.group),
            "sessions",
            vec![("date", args.date.to_string())],
            String::new(),
        )
    };
    if let Some(topic) = &args.topic {
        item.push(("topic", text::scalar(topic)));
    }
    item.push(("attended", present));
    let before = write::current_text(&program.root, &path)?;
    let after = match &before {
        Some(text) => text::append_item(text, key, &fields(&item))
            .with_context(|| format!("cannot add a session to `{path}`"))?,
        None if args.group == "community" => {
            let mut text = new;
            for (i, (k, v)) in item.iter().enumerate() {
                text.push_str(if i == 0 { "  - " } else { "    " });
                text.push_str(&format!("{k}: {v}\n"));
            }
            text.push_str("---\n");
            text
        }
        None => bail!(
            "no group `{}`: `{path}` does not exist in `{}`\n  help: create it with `mentor new group {}`",
            args.group,
            program.root.display(),
            args.group
        ),
    };
    write::commit(
        program,
        Change {
            path,
            before,
            after,
        },
        args.write.dry_run,
        &[],
    )
}
