//! `assessments/<person-id>/<date>-<instrument-id>.md`: one self-assessment.

use std::collections::BTreeMap;

use compact_str::CompactString;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A self-assessment taken by one person with one instrument.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Person id, equal to the folder name.
    pub person: String,
    /// Instrument id, equal to the file name's suffix.
    pub instrument: String,
    /// The day it was taken, equal to the file name's prefix.
    pub date: Date,
    /// Baseline, midpoint or final (seed 003: pre-assessment and final evaluation).
    pub phase: Phase,
    /// The agreement it belongs to, if any.
    #[serde(default)]
    pub agreement: Option<String>,
    /// Responses by item id, each on the instrument's scale. Item ids are short (`mcs-01`), so
    /// they are kept inline ([`CompactString`], up to 24 bytes) rather than each in its own
    /// allocation: typing 12,370 cached self-assessments allocated a string per response, 12%
    /// of a pre-commit check at 5,000 faculty.
    #[serde(deserialize_with = "sorted_responses")]
    pub responses: BTreeMap<CompactString, i64>,
    /// Relative path of the record.
    #[serde(skip)]
    pub path: String,
}

/// When in a relationship an assessment is taken (seed 003's phases).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Before or at the start (Prepare/Launch).
    Baseline,
    /// Ongoing assessment (Later meetings).
    Midpoint,
    /// At the end (Conclude).
    Final,
}

impl Phase {
    /// The phase as records spell it (`baseline`, `midpoint`, `final`).
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Baseline => "baseline",
            Phase::Midpoint => "midpoint",
            Phase::Final => "final",
        }
    }
}

/// [`Assessment::responses`], read as a list of pairs and then built into the map at once.
/// Inserting them one by one walked the map's node for each (a linear search per key, so about
/// n²/2 comparisons for n responses), a tenth of a pre-commit check at 5,000 faculty;
/// `BTreeMap::from_iter` sorts the pairs (already sorted, from the cache) and builds the map in
/// one pass. A repeated item id keeps its last response, as inserting did.
fn sorted_responses<'de, D>(deserializer: D) -> Result<BTreeMap<CompactString, i64>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Pairs;
    impl<'de> serde::de::Visitor<'de> for Pairs {
        type Value = BTreeMap<CompactString, i64>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map of item ids to responses")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut pairs: Vec<(CompactString, i64)> =
                Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096));
            while let Some(pair) = map.next_entry()? {
                pairs.push(pair);
            }
            Ok(pairs.into_iter().collect())
        }
    }
    deserializer.deserialize_map(Pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses_are_read_in_any_order_and_a_repeated_item_keeps_its_last() {
        let json = r#"{"person": "a-example", "instrument": "mcs", "date": "2025-09-20",
            "phase": "baseline", "responses": {"mcs-02": 3, "mcs-01": 4, "mcs-02": 5}}"#;
        let a: Assessment = serde_json::from_str(json).expect("an assessment");
        let responses: Vec<(&str, i64)> =
            a.responses.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(responses, [("mcs-01", 4), ("mcs-02", 5)]);
        // The cache's encoding reads back the same.
        let again: Assessment =
            postcard::from_bytes(&postcard::to_allocvec(&a).expect("encoded")).expect("decoded");
        assert_eq!(again.responses, a.responses);
    }
}
