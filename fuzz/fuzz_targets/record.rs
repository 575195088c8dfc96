//! One record file through parse, schema, load, the checks and both diagnostic renderers.
//! The first byte picks where the file sits (which record kind it is read as); the rest is the
//! file's bytes, decoded as the reader decodes them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mentor_records::read::ReadFiles;

const PLACES: [&str; 10] = [
    "program.md",
    "people/a-example.md",
    "agreements/2025-a-example.md",
    "meetings/2025-a-example.md",
    "groups/2025-26-writing-circle.md",
    "community/2025-26.md",
    "assessments/a-example/2025-09-20-career-check.md",
    "instruments/career-check.md",
    "summaries/2025-26/a-example.md",
    "people/x\u{1b}[31m\u{202e}é.md",
];

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let path = PLACES[usize::from(which) % PLACES.len()];
    let mut read = ReadFiles::default();
    mentor_records::read::fs::push_decoded(&mut read, path.to_owned(), bytes.to_vec());
    let Ok(outcome) = mentor_records::run_check(read, jiff::civil::date(2026, 3, 1)) else {
        return;
    };
    let text = mentor_records::diag::text::render(
        &outcome.diagnostics,
        &outcome.summary,
        &outcome.sources,
        false,
    );
    // No control character from the record reaches the terminal.
    assert!(
        !text
            .chars()
            .any(|c| mentor_records::text::is_unprintable(c) && !matches!(c, '\n' | '\t')),
        "{text:?}"
    );
    let json = mentor_records::diag::json::render(&outcome.diagnostics, &outcome.summary);
    for line in json.lines() {
        let _: serde_json::Value = serde_json::from_str(line).expect("JSON lines");
    }
    for d in &outcome.diagnostics {
        if let Some(p) = &d.position {
            assert!(p.line >= 1 && p.column >= 1, "{d:?}");
        }
    }
});
