//! "Did you mean" suggestions for misspelt keys, ids and enumerated values.

/// The candidate closest to `word` by normalised Damerau-Levenshtein similarity, if it is close
/// enough (similarity at least 0.7, or one edit for short words) to be a likely typo.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| (strsim::normalized_damerau_levenshtein(word, c), c))
        .filter(|&(score, c)| score >= 0.7 || strsim::damerau_levenshtein(word, c) <= 1)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;
    use test_case::test_case;

    #[test_case("mentess", &["mentee", "mentors"], Some("mentee"))]
    #[test_case("strat", &["start", "status"], Some("start"))]
    #[test_case("a-exmaple", &["a-example", "b-example"], Some("a-example"))]
    #[test_case("zzz", &["start", "status"], None)]
    fn suggests_close_words(word: &str, candidates: &[&str], expected: Option<&str>) {
        assert_eq!(closest(word, candidates.iter().copied()), expected);
    }
}
