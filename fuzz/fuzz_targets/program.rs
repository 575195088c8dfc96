//! A whole small program through check, status (text, CSV, JSON) and every report (Markdown and
//! HTML), all rendered to memory. Input: files separated by a 0xFF byte (never in UTF-8 text),
//! each `path\ntext`; `fuzz/seed.sh` writes the example program and the bad-record cases in this
//! form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mentor_records::model::AcademicYear;
use mentor_records::present::status as render;
use mentor_records::read::ReadFiles;
use mentor_records::report::{self, Format, Quarter, Request, Templates};

fuzz_target!(|data: &[u8]| {
    let mut read = ReadFiles::default();
    for chunk in data.split(|&b| b == 0xff) {
        let Some(newline) = chunk.iter().position(|&b| b == b'\n') else {
            continue;
        };
        let path = String::from_utf8_lossy(&chunk[..newline]).into_owned();
        mentor_records::read::fs::push_decoded(&mut read, path, chunk[newline + 1..].to_vec());
    }
    let as_of = jiff::civil::date(2026, 3, 1);
    let Ok(outcome) = mentor_records::run_check(read, as_of) else {
        return;
    };
    let _ = mentor_records::diag::text::render(
        &outcome.diagnostics,
        &outcome.summary,
        &outcome.sources,
        true,
    );
    let view = outcome.evaluation.view(None);
    let csv = render::csv(&view);
    assert!(
        !csv.chars()
            .any(|c| mentor_records::text::is_unprintable(c) && c != '\n'),
        "{csv:?}"
    );
    let _ = render::text(&view);
    let _ = render::json(&view, &serde_json::Value::Null);
    let program = &outcome.program;
    let year = AcademicYear::containing(as_of, program.year_start());
    let quarter = Quarter::containing(as_of, program);
    let findings = outcome.evaluation.view(Some(year)).rows;
    let Ok(templates) = Templates::new(&[]) else {
        return;
    };
    for format in [Format::Markdown, Format::Html] {
        let request = Request {
            as_of,
            year,
            quarter,
            format,
            record_set: "fuzz".to_owned(),
        };
        // A template error is an answer; a panic is a finding.
        if let Ok(rendered) = report::render_all(program, &request, &findings, &templates) {
            for r in rendered {
                assert!(!r.content.contains("javascript:alert"), "{}", r.path);
            }
        }
    }
});
