//! `mentor match groups`: the eligible applicants of one academic year, partitioned into
//! proposed peer mentoring groups with a facilitator, common slots, shared topics and a reason
//! per member (seed 002: "match the faculty to form the groups based on interests, profiles and
//! availability to meet"; "a peer facilitator who is a more senior faculty member").
//!
//! `avoid` lists are used only to build the [`partition::Instance`]; nothing here repeats them.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::partition::{self, Instance};
use crate::model::{AcademicYear, Program, Role};

/// One proposed group.
#[derive(Debug, Clone, Serialize)]
pub struct ProposedGroup {
    /// Proposed record id, `<year>-<first shared topic>` (made unique).
    pub id: String,
    /// Display name from the shared topics.
    pub name: String,
    /// Member person ids, sorted.
    pub members: Vec<String>,
    /// One line per member (same order as `members`): why they are in this group.
    pub reasons: Vec<String>,
    /// The proposed facilitator's person id, if anyone fits.
    pub facilitator: Option<String>,
    /// Why this facilitator, or why nobody.
    pub facilitator_reason: String,
    /// Slots every member can attend, in the program's slot order.
    pub common_slots: Vec<String>,
    /// The slot proposed for meeting: the first common slot the facilitator can attend.
    pub meeting_slot: Option<String>,
    /// Topics at least two members chose, most chosen first (ties in topic-list order).
    pub shared_topics: Vec<String>,
    /// This group's share of the objective.
    pub score: u64,
}

/// An applicant left out, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Unplaced {
    /// Person id.
    pub person: String,
    /// Why they are in no group.
    pub reason: String,
}

/// The whole proposal for a year.
#[derive(Debug, Clone, Serialize)]
pub struct GroupsProposal {
    /// The academic year.
    pub year: AcademicYear,
    /// The objective, in words.
    pub objective: &'static str,
    /// The objective's value (sum of the groups' scores).
    pub score: u64,
    /// Proposed groups, ordered by first member.
    pub groups: Vec<ProposedGroup>,
    /// Applicants not placed, by person id.
    pub unplaced: Vec<Unplaced>,
}

/// The objective, as stated in the README.
pub const OBJECTIVE: &str = "maximise the sum over groups of the sum over member pairs of (1 + topics both chose, `other` excluded), with every group of group_size_min..=group_size_max members, at least one weekly slot all members can attend, and no pair in which one applicant asked not to share a group with the other";

/// Why a proposal cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MatchError {
    /// More than 128 topics or slots.
    #[error("the program defines {0} {1}; matching handles at most 128")]
    TooMany(usize, &'static str),
    /// Group size bounds that cannot be met.
    #[error("matching.group_size_min ({0}) is larger than rules.group_size_max ({1})")]
    Sizes(usize, usize),
}

/// Proposes peer groups for `year` from its applications.
///
/// # Errors
/// [`MatchError`] when the program's lists or sizes cannot be matched on.
pub fn propose(program: &Program, year: AcademicYear) -> Result<GroupsProposal, MatchError> {
    let matching = program.matching();
    let (min, max) = (
        matching.group_size_min as usize,
        program.rules().group_size_max as usize,
    );
    if min > max {
        return Err(MatchError::Sizes(min, max));
    }
    for (list, what) in [(&matching.topics, "topics"), (&matching.slots, "slots")] {
        if list.len() > 128 {
            return Err(MatchError::TooMany(list.len(), what));
        }
    }
    let bits = |list: &[String], ids: &[String]| -> u128 {
        ids.iter()
            .filter(|t| t.as_str() != "other")
            .filter_map(|t| list.iter().position(|x| x == t))
            .fold(0, |m, i| m | 1 << i)
    };
    let groups_this_year: Vec<_> = program
        .groups
        .iter()
        .filter(|g| g.academic_year == year)
        .collect();
    let mut unplaced = Vec::new();
    let mut applicants: Vec<&crate::model::Application> = program
        .applications
        .iter()
        .filter(|a| a.year == year)
        .collect();
    applicants.sort_by(|a, b| a.person.cmp(&b.person));
    applicants.dedup_by(|a, b| a.person == b.person);
    let mut eligible = Vec::new();
    for a in applicants {
        let reason = match program.person(&a.person) {
            None => Some("has no person record".to_owned()),
            Some(p) => match matching.ineligibility(p.rank, p.start_date.year()) {
                Some(why) => Some(format!("not eligible: {why}")),
                None => groups_this_year
                    .iter()
                    .find(|g| g.members.contains(&a.person))
                    .map(|g| format!("already a member of `{}` in {year}", g.id)),
            },
        };
        match reason {
            Some(reason) => unplaced.push(Unplaced {
                person: a.person.clone(),
                reason,
            }),
            None => eligible.push(a),
        }
    }
    let index: BTreeMap<&str, usize> = eligible
        .iter()
        .enumerate()
        .map(|(i, a)| (a.person.as_str(), i))
        .collect();
    let mut apart = Vec::new();
    for (i, a) in eligible.iter().enumerate() {
        for other in &a.avoid {
            if let Some(&j) = index.get(other.as_str()) {
                apart.push((i, j));
            }
        }
    }
    let inst = Instance {
        topics: eligible
            .iter()
            .map(|a| bits(&matching.topics, &a.topics))
            .collect(),
        slots: eligible
            .iter()
            .map(|a| bits(&matching.slots, &a.availability))
            .collect(),
        apart,
        min,
        max,
    };
    let weights = partition::Weights::new(&inst);
    let solution = partition::partition(&inst);
    let names = |mask: u128, list: &[String]| -> Vec<String> {
        list.iter()
            .enumerate()
            .filter(|(i, _)| mask >> i & 1 == 1)
            .map(|(_, t)| t.clone())
            .collect()
    };
    // Everyone already busy this year: members and facilitators of existing groups, applicants.
    let mut busy: BTreeSet<String> = groups_this_year
        .iter()
        .flat_map(|g| g.members.iter().chain(std::iter::once(&g.facilitator)))
        .cloned()
        .collect();
    busy.extend(eligible.iter().map(|a| a.person.clone()));
    let mut taken_ids: BTreeSet<String> = program.groups.iter().map(|g| g.id.clone()).collect();
    let mut groups = Vec::new();
    for members in &solution.groups {
        let common = members.iter().fold(u128::MAX, |m, &i| m & inst.slots[i]);
        let mut counts: Vec<(usize, usize)> = (0..matching.topics.len())
            .filter(|&t| matching.topics[t] != "other")
            .map(|t| {
                (
                    members
                        .iter()
                        .filter(|&&i| inst.topics[i] >> t & 1 == 1)
                        .count(),
                    t,
                )
            })
            .filter(|&(c, _)| c >= 2)
            .collect();
        counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let shared: Vec<String> = counts
            .iter()
            .map(|&(_, t)| matching.topics[t].clone())
            .collect();
        let shared_mask = counts.iter().fold(0u128, |m, &(_, t)| m | 1 << t);
        let common_slots = names(common, &matching.slots);
        let member_ids: Vec<String> = members
            .iter()
            .map(|&i| eligible[i].person.clone())
            .collect();
        let top_rank = member_ids
            .iter()
            .filter_map(|m| program.person(m))
            .map(|p| p.rank)
            .max();
        // Facilitator: senior to every member, free in a common slot, in no other group.
        let candidate = program
            .people
            .iter()
            .filter(|p| p.has_role(Role::Facilitator) || p.has_role(Role::Mentor))
            .filter(|p| !p.has_role(Role::Chief) && !busy.contains(&p.id))
            .filter(|p| top_rank.is_none_or(|r| p.rank > r))
            .filter_map(|p| {
                let free = bits(&matching.slots, &p.availability) & common;
                (free != 0).then_some((p, free))
            })
            .max_by(|(a, _), (b, _)| {
                let topics = |p: &crate::model::Person| {
                    p.interests.iter().filter(|t| shared.contains(t)).count()
                };
                a.has_role(Role::Facilitator)
                    .cmp(&b.has_role(Role::Facilitator))
                    .then(topics(a).cmp(&topics(b)))
                    .then(b.id.cmp(&a.id))
            });
        let (facilitator, facilitator_reason, meeting_slot) = match candidate {
            Some((p, free)) => {
                busy.insert(p.id.clone());
                let slot = names(free, &matching.slots).into_iter().next();
                let overlap: Vec<&str> = p
                    .interests
                    .iter()
                    .filter(|t| shared.contains(t))
                    .map(String::as_str)
                    .collect();
                let mut why = format!(
                    "{}, free {}",
                    p.rank.label(),
                    slot.as_deref().unwrap_or_default()
                );
                if !overlap.is_empty() {
                    why.push_str(&format!(", interested in {}", overlap.join(", ")));
                }
                if !p.has_role(Role::Facilitator) {
                    why.push_str(
                        "; add the role `facilitator` to their person record before writing",
                    );
                }
                (Some(p.id.clone()), why, slot)
            }
            None => (
                None,
                format!(
                    "no mentor or facilitator senior to the members, free in {} and in no other group this year",
                    common_slots.join(" or ")
                ),
                None,
            ),
        };
        let reasons = members
            .iter()
            .map(|&i| {
                let mine = names(inst.topics[i] & shared_mask, &matching.topics);
                let slot = meeting_slot
                    .as_deref()
                    .or(common_slots.first().map(String::as_str))
                    .unwrap_or_default();
                if mine.is_empty() {
                    format!("placed for availability ({slot}); none of their topics is shared here")
                } else {
                    format!(
                        "shares {} with others in the group; free {slot}",
                        mine.join(", ")
                    )
                }
            })
            .collect();
        let slug = shared.first().map_or("peer-group", String::as_str);
        let base = format!("{year}-{slug}");
        let mut id = base.clone();
        let mut k = 2;
        while taken_ids.contains(&id) {
            id = format!("{base}-{k}");
            k += 1;
        }
        taken_ids.insert(id.clone());
        let name = if shared.is_empty() {
            "Peer mentoring group".to_owned()
        } else {
            shared
                .iter()
                .take(2)
                .map(|t| label(t))
                .collect::<Vec<_>>()
                .join(" and ")
        };
        groups.push(ProposedGroup {
            id,
            name,
            members: member_ids,
            reasons,
            facilitator,
            facilitator_reason,
            common_slots,
            meeting_slot,
            shared_topics: shared,
            score: partition::group_score(&weights, members),
        });
    }
    for &i in &solution.unplaced {
        let mine = inst.slots[i];
        let best = (0..matching.slots.len())
            .filter(|s| mine >> s & 1 == 1)
            .map(|s| inst.slots.iter().filter(|&&o| o >> s & 1 == 1).count())
            .max()
            .unwrap_or(0);
        let slots = names(mine, &matching.slots).join(", ");
        let reason = if best < min {
            format!(
                "at most {best} eligible applicants (them included) can meet in any of their slots ({slots}); a group needs at least {min}"
            )
        } else {
            format!(
                "no group meeting in their slots ({slots}) could take them within the limit of {max} members"
            )
        };
        unplaced.push(Unplaced {
            person: eligible[i].person.clone(),
            reason,
        });
    }
    unplaced.sort_by(|a, b| a.person.cmp(&b.person));
    Ok(GroupsProposal {
        year,
        objective: OBJECTIVE,
        score: groups.iter().map(|g| g.score).sum(),
        groups,
        unplaced,
    })
}

/// A topic id as words: `planning-for-promotion` -> `Planning for promotion`.
pub fn label(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl ProposedGroup {
    /// The group record `mentor match groups --write` writes: `status: proposed`, no sessions.
    pub fn record(&self, year: AcademicYear) -> String {
        let list = |v: &[String]| v.join(", ");
        format!(
            "---\nid: {}\nname: {}\nacademic_year: {year}\nstatus: proposed\nfacilitator: {}\nmembers: [{}]\ntopics: [{}]\nsessions: []\n---\nProposed by `mentor match groups` from the {year} applications. Meets {}; common slots: {}.\nEdit the members, facilitator or topics as needed, then set `status: active`.\n",
            self.id,
            self.name,
            self.facilitator.as_deref().unwrap_or_default(),
            list(&self.members),
            list(&self.shared_topics),
            self.meeting_slot.as_deref().unwrap_or("in a common slot"),
            list(&self.common_slots),
        )
    }
}
