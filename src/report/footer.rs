//! The words of the reports' footer that describe the records a report was made from: how many,
//! at which commit, and how many files `mentor check` finds errors in. Pure: counts in, text
//! out; the caller finds the commit ([`crate::read::git::provenance`]).

use crate::read::git::Provenance;

/// The footer's description of the records: "133 records at commit 1a2b3c4" (plus "with
/// uncommitted changes"), "133 uncommitted records" before the first commit, or just the count
/// outside git; then, when `files_with_errors` is not 0 (a report made with `--allow-errors`),
/// "(mentor check finds errors in N files)".
pub fn record_set(
    records: usize,
    files_with_errors: usize,
    provenance: Option<&Provenance>,
) -> String {
    let set = record_set_at(records, provenance);
    match files_with_errors {
        0 => set,
        1 => format!("{set} (mentor check finds errors in 1 file)"),
        n => format!("{set} (mentor check finds errors in {n} files)"),
    }
}

fn record_set_at(records: usize, provenance: Option<&Provenance>) -> String {
    match provenance {
        Some(Provenance {
            commit: Some(commit),
            dirty,
        }) => format!(
            "{records} records at commit {commit}{}",
            if *dirty {
                " with uncommitted changes"
            } else {
                ""
            }
        ),
        Some(Provenance { commit: None, .. }) => format!("{records} uncommitted records"),
        None => format!("{records} records"),
    }
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;

    fn at(commit: Option<&str>, dirty: bool) -> Option<Provenance> {
        Some(Provenance {
            commit: commit.map(str::to_owned),
            dirty,
        })
    }

    #[test_case(at(Some("1a2b3c4"), false), 0, "12 records at commit 1a2b3c4"; "committed")]
    #[test_case(at(Some("1a2b3c4"), true), 0, "12 records at commit 1a2b3c4 with uncommitted changes"; "dirty")]
    #[test_case(at(None, true), 0, "12 uncommitted records"; "before the first commit")]
    #[test_case(None, 1, "12 records (mentor check finds errors in 1 file)"; "outside git, one file with errors")]
    #[test_case(None, 3, "12 records (mentor check finds errors in 3 files)"; "several files with errors")]
    fn says_how_many_records_from_where(
        provenance: Option<Provenance>,
        errors: usize,
        expected: &str,
    ) {
        assert_eq!(record_set(12, errors, provenance.as_ref()), expected);
    }
}
