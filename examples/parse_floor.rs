//! The floor under a cold `mentor check` (issue 17): the time to read a program's files the way
//! `check` reads them and pull every YAML parser event of their front matter, on every core, with
//! nothing built from the events and no record checked. No check can take less wall time than
//! this with the given parser; `bench/run.sh` times it next to ripgrep and `mentor check`.
//!
//! ```text
//! cargo run --release --example parse_floor -- DIR [read|granit|saphyr]
//! ```
//!
//! - `read`: read and split front matter only (walkdir, the same parallel reader as `check`).
//! - `granit` (default): also pull granit-parser's events, the parser inside serde-saphyr, with
//!   the options `mentor` parses records with (serde-saphyr's budget, comments not emitted).
//!   Built with serde-saphyr's `comments` feature, as `mentor` is (M213 needs the comments).
//! - `saphyr`: pull saphyr-parser's events instead, the fastest pure-Rust YAML parser measured
//!   for this project (docs/performance.md), which `mentor` does not parse records with.
//!
//! Prints the number of files and events, so that nothing is optimised away. Not part of the
//! test suite.

use std::path::Path;

use mentor_records::parallel;
use mentor_records::parse::{self, front_matter};
use mentor_records::read::fs::read_program;
use serde_saphyr::granit_parser;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), parser) = (args.next(), args.next()) else {
        eprintln!("usage: parse_floor DIR [read|granit|saphyr]");
        std::process::exit(2);
    };
    let parser = parser.unwrap_or_else(|| "granit".to_owned());
    let count: fn(&str) -> Option<usize> = match parser.as_str() {
        "read" => |_| Some(0),
        "granit" => granit_events,
        "saphyr" => saphyr_events,
        other => {
            eprintln!("parse_floor: unknown parser `{other}` (read, granit or saphyr)");
            std::process::exit(2);
        }
    };
    let read = match read_program(Path::new(&dir)) {
        Ok(read) => read,
        Err(e) => {
            eprintln!("parse_floor: {e}");
            std::process::exit(1);
        }
    };
    let counts = parallel::map(&read.files, |file| {
        let yaml = front_matter::split(&file.text).ok()?.yaml(&file.text);
        count(yaml)
    });
    let parsed = counts.iter().flatten().count();
    let events: usize = counts.iter().flatten().sum();
    println!(
        "{} files read, {parsed} front matters parsed, {events} events ({parser})",
        read.files.len()
    );
}

/// granit-parser's events of `yaml`, with `mentor`'s options ([`parse::parser_options`]);
/// `None` at the first error.
fn granit_events(yaml: &str) -> Option<usize> {
    let mut n = 0;
    for event in granit_parser::Parser::new_from_str_with_options(yaml, parse::parser_options()) {
        event.ok()?;
        n += 1;
    }
    Some(n)
}

/// saphyr-parser's events of `yaml`; `None` at the first error.
fn saphyr_events(yaml: &str) -> Option<usize> {
    let mut n = 0;
    for event in saphyr_parser::Parser::new_from_str(yaml) {
        event.ok()?;
        n += 1;
    }
    Some(n)
}
