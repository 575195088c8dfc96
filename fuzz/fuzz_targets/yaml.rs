//! The YAML fast path against serde-saphyr: wherever `parse::fast_yaml` takes a text, its value
//! must be serde-saphyr's (see `mentor_records::parse::yaml::fast_path_agrees`).
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
});
