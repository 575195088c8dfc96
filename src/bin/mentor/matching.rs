//! `mentor match groups` and `mentor match mentors`: proposals with reasons, as text or JSON;
//! `--write` turns proposed groups into `groups/<id>.md` records with `status: proposed`.
//!
//! Like `mentor status`, the records are checked first; records with errors are left out of
//! the model and stderr says so. `--write` refuses unless the program as it would be has no
//! error in the new files and no more errors than before, then writes each file atomically
//! (temporary file in the same folder, renamed without replacing anything).

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use anyhow::{Context, bail};
use mentor_records::app::{self, CheckOptions, CheckOutcome};
use mentor_records::diag::Severity;
use mentor_records::matching::{groups, mentors};
use mentor_records::source::SourceFile;

use crate::args::{MatchArgs, MatchCommand, MatchFormat, MatchGroupsArgs, MatchMentorsArgs};
use crate::program_dir::Program;

pub(crate) fn run(args: &MatchArgs) -> anyhow::Result<ExitCode> {
    match &args.command {
        MatchCommand::Groups(a) => run_groups(a),
        MatchCommand::Mentors(a) => run_mentors(a),
    }
}

fn checked(program: &Program) -> anyhow::Result<CheckOutcome> {
    let files = program.read()?;
    let outcome =
        app::check(files, program.as_of, CheckOptions::default()).context(crate::BROKEN)?;
    let errors = errors(&outcome);
    if errors > 0 {
        let _ = writeln!(
            std::io::stderr().lock(),
            "warning: `mentor check` finds {errors} error(s) in these records; records with errors are left out of the proposal"
        );
    }
    Ok(outcome)
}

fn errors(outcome: &CheckOutcome) -> usize {
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

fn run_groups(args: &MatchGroupsArgs) -> anyhow::Result<ExitCode> {
    let resolved = args.program.resolve()?;
    let outcome = checked(&resolved)?;
    let proposal = groups::propose(&outcome.program, args.year)?;
    let text = match args.format {
        MatchFormat::Text => groups_text(&outcome.program, &proposal),
        MatchFormat::Json => format!("{}\n", serde_json::to_string_pretty(&proposal)?),
    };
    if args.write {
        write_groups(&resolved, &outcome, &proposal)?;
    }
    crate::print(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn name(program: &mentor_records::model::Program, id: &str) -> String {
    program
        .person(id)
        .map_or_else(|| id.to_owned(), |p| format!("{} ({id})", p.name))
}

fn groups_text(
    program: &mentor_records::model::Program,
    proposal: &groups::GroupsProposal,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Peer groups proposed for {}: {} group(s), {} unplaced; score {}.\nObjective: {}.\n",
        proposal.year,
        proposal.groups.len(),
        proposal.unplaced.len(),
        proposal.score,
        proposal.objective
    );
    for g in &proposal.groups {
        let _ = writeln!(out, "{} ({}), score {}", g.id, g.name, g.score);
        let _ = writeln!(
            out,
            "  facilitator: {} -- {}",
            g.facilitator
                .as_deref()
                .map_or_else(|| "none".to_owned(), |f| name(program, f)),
            g.facilitator_reason
        );
        let _ = writeln!(out, "  common slots: {}", g.common_slots.join(", "));
        let _ = writeln!(
            out,
            "  shared topics: {}",
            if g.shared_topics.is_empty() {
                "none".to_owned()
            } else {
                g.shared_topics.join(", ")
            }
        );
        let _ = writeln!(out, "  members:");
        for (m, why) in g.members.iter().zip(&g.reasons) {
            let _ = writeln!(out, "    {}: {why}", name(program, m));
        }
        out.push('\n');
    }
    if !proposal.unplaced.is_empty() {
        let _ = writeln!(out, "Unplaced:");
        for u in &proposal.unplaced {
            let _ = writeln!(out, "  {}: {}", name(program, &u.person), u.reason);
        }
    }
    out
}

/// Checks the program with the proposed group files added, then writes them.
fn write_groups(
    resolved: &Program,
    before: &CheckOutcome,
    proposal: &groups::GroupsProposal,
) -> anyhow::Result<()> {
    let dir = resolved.dir.as_path();
    if proposal.groups.is_empty() {
        bail!("no group to write: every applicant is unplaced");
    }
    let mut new_files = Vec::new();
    for g in &proposal.groups {
        if g.facilitator.is_none() {
            bail!(
                "group `{}` has no facilitator ({}); nothing was written",
                g.id,
                g.facilitator_reason
            );
        }
        let rel = format!("groups/{}.md", g.id);
        if dir.join(&rel).exists() {
            bail!("`{}` already exists; nothing was written", rel);
        }
        new_files.push(SourceFile::new(rel, g.record(proposal.year)));
    }
    let mut files = resolved.read()?;
    files.files.extend(new_files.iter().cloned());
    let after =
        app::check(files, resolved.as_of, CheckOptions::default()).context(crate::BROKEN)?;
    let in_new: Vec<String> = after
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter(|d| new_files.iter().any(|f| f.path == d.path))
        .map(|d| format!("{}: {}", d.path, d.message))
        .collect();
    if !in_new.is_empty() || errors(&after) > errors(before) {
        bail!(
            "the proposed groups would not pass `mentor check`, so nothing was written:\n  {}",
            in_new.join("\n  ")
        );
    }
    std::fs::create_dir_all(dir.join("groups")).context("cannot create groups/")?;
    for f in &new_files {
        let target = dir.join(&f.path);
        let folder = target.parent().unwrap_or(dir);
        let mut tmp = tempfile::NamedTempFile::new_in(folder)
            .with_context(|| format!("cannot write in {}", folder.display()))?;
        tmp.write_all(f.text.as_bytes())?;
        tmp.as_file().sync_all()?;
        tmp.persist_noclobber(&target)
            .with_context(|| format!("cannot create {}", target.display()))?;
        let _ = writeln!(std::io::stderr().lock(), "wrote {}", f.path);
    }
    Ok(())
}

fn run_mentors(args: &MatchMentorsArgs) -> anyhow::Result<ExitCode> {
    let resolved = Program::resolve(args.program_dir.as_deref(), args.as_of)?;
    let outcome = checked(&resolved)?;
    let program = &outcome.program;
    let proposal = mentors::propose(program, &args.mentees, args.top)?;
    let text = match args.format {
        MatchFormat::Json => format!("{}\n", serde_json::to_string_pretty(&proposal)?),
        MatchFormat::Text => {
            let mut out = String::new();
            if proposal.mentees.is_empty() {
                out.push_str(
                    "No unpaired mentees: every mentee has an active or proposed agreement.\n",
                );
            }
            for m in &proposal.mentees {
                let _ = writeln!(out, "{}", name(program, &m.mentee));
                if m.suggestions.is_empty() {
                    let _ = writeln!(out, "  no mentor with a free place is senior to them");
                }
                for (k, s) in m.suggestions.iter().enumerate() {
                    let b = &s.breakdown;
                    let _ = writeln!(
                        out,
                        "  {}. {}: {} (interests {}, track {}, seniority {}, load {})",
                        k + 1,
                        name(program, &s.mentor),
                        b.total,
                        b.interests,
                        b.track,
                        b.seniority,
                        b.load
                    );
                    for r in &s.reasons {
                        let _ = writeln!(out, "       - {r}");
                    }
                }
                out.push('\n');
            }
            if !proposal.assignment.is_empty() {
                let _ = writeln!(
                    out,
                    "Assignment maximising total fit under capacities (total {}):",
                    proposal.total
                );
                for a in &proposal.assignment {
                    let _ = writeln!(
                        out,
                        "  {} -> {}",
                        name(program, &a.mentee),
                        a.mentor.as_deref().map_or_else(
                            || "no mentor available".to_owned(),
                            |m| format!("{} ({})", name(program, m), a.score)
                        )
                    );
                }
            }
            out
        }
    };
    crate::print(&text)?;
    Ok(ExitCode::SUCCESS)
}
