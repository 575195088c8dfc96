//! The YAML fast path against serde-saphyr: wherever `parse::fast_yaml` takes a text, its value
//! must be serde-saphyr's (see `mentor_records::parse::yaml::fast_path_agrees`), and its span
//! index saphyr's loader's (`fast_spans_agree`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(yaml) = std::str::from_utf8(data) else {
        return;
    };
    if yaml.trim().is_empty() {
        return;
    }
    assert!(
        mentor_records::parse::yaml::fast_path_agrees(yaml),
        "the fast path and serde-saphyr disagree on {yaml:?}"
    );
    assert!(
        mentor_records::parse::yaml::fast_spans_agree(yaml),
        "the fast span index and saphyr's loader disagree on {yaml:?}"
    );
});
