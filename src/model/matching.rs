//! `matching:` in `program.md`: the topic list, the weekly slots, who may join a peer mentoring
//! group, the smallest group, and a mentor's default capacity.

use serde::{Deserialize, Serialize};

use super::Rank;

/// Seed 002's suggested topics, as ids. `other` takes a short text (`other_topic`).
pub const DEFAULT_TOPICS: [&str; 10] = [
    "managing-a-research-group",
    "managing-a-clinical-practice",
    "developing-a-research-agenda",
    "teaching",
    "work-life-integration",
    "diversity-and-inclusion",
    "planning-for-promotion",
    "professional-presence",
    "collegial-relationships",
    "other",
];

/// Weekday mornings and afternoons: `mon-am` .. `fri-pm`. Seed 002 leaves the schedule to each
/// group ("groups arrange their own meeting schedule"), so this is only a default list.
pub const DEFAULT_SLOTS: [&str; 10] = [
    "mon-am", "mon-pm", "tue-am", "tue-pm", "wed-am", "wed-pm", "thu-am", "thu-pm", "fri-am",
    "fri-pm",
];

/// Matching parameters, all optional in `program.md`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Matching {
    /// Topic ids applicants choose from; default [`DEFAULT_TOPICS`] (seed 002).
    pub topics: Vec<String>,
    /// Weekly meeting slot ids; default [`DEFAULT_SLOTS`].
    pub slots: Vec<String>,
    /// Ranks that may apply to a peer group; default `[assistant-professor]` (seed 002: "Who can
    /// apply: Assistant Professors").
    pub eligible_ranks: Vec<Rank>,
    /// Applicants must have joined the faculty in this calendar year or later; default none (any
    /// year). Seed 002: "Assistant Professors who joined the faculty in 2017 or later".
    pub joined_since: Option<i16>,
    /// Smallest group `mentor match groups` proposes, count of members; default 4 (the largest
    /// is `rules.group_size_max`, seed 002: up to 8).
    pub group_size_min: u32,
    /// Mentees a mentor takes at once unless their person record sets `max_mentees`; default 3.
    pub max_mentees: u32,
}

impl Default for Matching {
    fn default() -> Self {
        Matching {
            topics: DEFAULT_TOPICS.iter().map(|&t| t.to_owned()).collect(),
            slots: DEFAULT_SLOTS.iter().map(|&s| s.to_owned()).collect(),
            eligible_ranks: vec![Rank::AssistantProfessor],
            joined_since: None,
            group_size_min: 4,
            max_mentees: 3,
        }
    }
}

impl Matching {
    /// Why a person of `rank` who started in calendar year `start_year` may not apply, or `None`
    /// when they may.
    pub fn ineligibility(&self, rank: Rank, start_year: i16) -> Option<String> {
        if !self.eligible_ranks.contains(&rank) {
            let ranks: Vec<&str> = self.eligible_ranks.iter().map(|r| r.label()).collect();
            return Some(format!(
                "is {}, and peer groups are open to {}",
                rank.label(),
                ranks.join(", ")
            ));
        }
        match self.joined_since {
            Some(since) if start_year < since => Some(format!(
                "joined the faculty in {start_year}, and peer groups are open to those who joined in {since} or later"
            )),
            _ => None,
        }
    }
}
