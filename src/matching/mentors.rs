//! `mentor match mentors`: ranked mentor suggestions for unpaired mentees, each with its
//! reasons and score breakdown, and one assignment of all of them that maximises total fit
//! under mentor capacities (seed 004: the program director "will provide recommendations
//! regarding best fits for mentor-mentee pairing").
//!
//! The assignment is the Hungarian method (`pathfinding::kuhn_munkres`) on a matrix with a row
//! per mentee and a column per free mentor place, plus one "no mentor" column per mentee.

use serde::Serialize;

use crate::model::{Person, Program, Role};

/// Points per interest a mentee and mentor share.
pub const POINTS_PER_INTEREST: i64 = 10;
/// Points for the same track.
pub const POINTS_SAME_TRACK: i64 = 5;
/// Points per rank the mentor is above the mentee.
pub const POINTS_PER_RANK: i64 = 3;
/// Points per free place the mentor has.
pub const POINTS_PER_FREE_PLACE: i64 = 2;

/// A score split by criterion; `total` is their sum.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Breakdown {
    /// `POINTS_PER_INTEREST` per shared interest.
    pub interests: i64,
    /// `POINTS_SAME_TRACK` when the tracks match.
    pub track: i64,
    /// `POINTS_PER_RANK` per rank the mentor is above the mentee.
    pub seniority: i64,
    /// `POINTS_PER_FREE_PLACE` per free place (capacity minus active and proposed agreements).
    pub load: i64,
    /// The sum.
    pub total: i64,
}

/// One ranked mentor for a mentee.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    /// Mentor person id.
    pub mentor: String,
    /// Score by criterion.
    pub breakdown: Breakdown,
    /// One line per criterion that scored.
    pub reasons: Vec<String>,
}

/// A mentee's ranked suggestions.
#[derive(Debug, Clone, Serialize)]
pub struct MenteeSuggestions {
    /// Mentee person id.
    pub mentee: String,
    /// The best `top` suggestions, best first (ties by mentor id).
    pub suggestions: Vec<Suggestion>,
}

/// One mentee's place in the joint assignment.
#[derive(Debug, Clone, Serialize)]
pub struct Assigned {
    /// Mentee person id.
    pub mentee: String,
    /// The mentor proposed, or none when no mentor with a free place fits.
    pub mentor: Option<String>,
    /// The pair's score (0 without a mentor).
    pub score: i64,
}

/// Suggestions and the joint assignment.
#[derive(Debug, Clone, Serialize)]
pub struct MentorsProposal {
    /// Per mentee, ranked.
    pub mentees: Vec<MenteeSuggestions>,
    /// One mentor per mentee maximising total score under capacities.
    pub assignment: Vec<Assigned>,
    /// The assignment's total score.
    pub total: i64,
}

/// A mentee id that cannot be matched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a person with the role `mentee`")]
pub struct NotAMentee(pub String);

/// Mentors in agreements that pair them with `mentee` now: active or proposed (a draft counts,
/// as in the unpaired-mentee rule M312, [`crate::model::AgreementStatus::is_pairing`]).
fn current_mentors<'p>(program: &'p Program, mentee: &str) -> Vec<&'p str> {
    program
        .agreements_of(mentee)
        .filter(|a| a.status.is_pairing())
        .flat_map(|a| a.mentors.iter().map(String::as_str))
        .collect()
}

/// Agreements that take up a place of `mentor`: active and proposed ones (a proposed mentee is
/// on the way, so the place is not free).
fn load(program: &Program, mentor: &str) -> u32 {
    let n = program
        .agreements
        .iter()
        .filter(|a| a.status.is_pairing() && a.mentors.iter().any(|m| m == mentor))
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Ranks mentors for `mentees` (default: every person with the mentee role and no active or
/// proposed agreement), keeps the best `top` each, and assigns all of them jointly.
///
/// Never suggested: the mentee, their current mentors, a mentor at capacity
/// (`max_mentees`, default `matching.max_mentees`), the division chief, or a mentor not senior to
/// the mentee in rank (seed 004: a "senior faculty member").
///
/// # Errors
/// [`NotAMentee`] for a given id that is not a mentee.
pub fn propose(
    program: &Program,
    mentees: &[String],
    top: usize,
) -> Result<MentorsProposal, NotAMentee> {
    let matching = program.matching();
    let chief = program.config.as_ref().map(|c| c.chief.as_str());
    let mut chosen: Vec<&Person> = Vec::new();
    if mentees.is_empty() {
        chosen = program
            .people
            .iter()
            .filter(|p| p.has_role(Role::Mentee) && current_mentors(program, &p.id).is_empty())
            .collect();
    } else {
        for id in mentees {
            match program.person(id).filter(|p| p.has_role(Role::Mentee)) {
                Some(p) => chosen.push(p),
                None => return Err(NotAMentee(id.clone())),
            }
        }
    }
    chosen.sort_by(|a, b| a.id.cmp(&b.id));
    chosen.dedup_by(|a, b| a.id == b.id);
    // Mentors with free places, by id.
    let mut mentors: Vec<(&Person, u32, u32)> = program
        .people
        .iter()
        .filter(|p| {
            p.has_role(Role::Mentor) && !p.has_role(Role::Chief) && Some(p.id.as_str()) != chief
        })
        .map(|p| {
            (
                p,
                load(program, &p.id),
                p.max_mentees.unwrap_or(matching.max_mentees),
            )
        })
        .filter(|&(_, load, cap)| load < cap)
        .collect();
    mentors.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    let score = |mentee: &Person, mentor: &Person, load: u32, cap: u32| -> Option<Suggestion> {
        if mentor.id == mentee.id
            || mentor.rank <= mentee.rank
            || current_mentors(program, &mentee.id).contains(&mentor.id.as_str())
        {
            return None;
        }
        let shared: Vec<&str> = mentee
            .interests
            .iter()
            .filter(|t| mentor.interests.contains(t))
            .map(String::as_str)
            .collect();
        let steps = i64::from(mentor.rank as u8) - i64::from(mentee.rank as u8);
        let free = i64::from(cap - load);
        let mut b = Breakdown {
            interests: POINTS_PER_INTEREST * shared.len() as i64,
            track: if mentor.track == mentee.track {
                POINTS_SAME_TRACK
            } else {
                0
            },
            seniority: POINTS_PER_RANK * steps,
            load: POINTS_PER_FREE_PLACE * free,
            total: 0,
        };
        b.total = b.interests + b.track + b.seniority + b.load;
        let mut reasons = Vec::new();
        if !shared.is_empty() {
            reasons.push(format!(
                "shared interests: {} (+{})",
                shared.join(", "),
                b.interests
            ));
        }
        if b.track > 0 {
            reasons.push(format!("same track, {} (+{})", mentor.track, b.track));
        }
        reasons.push(format!(
            "{}, {} rank{} above {} (+{})",
            mentor.rank.label(),
            steps,
            if steps == 1 { "" } else { "s" },
            mentee.rank.label(),
            b.seniority
        ));
        reasons.push(format!(
            "mentors {load} of {cap}; {free} place{} free (+{})",
            if free == 1 { "" } else { "s" },
            b.load
        ));
        Some(Suggestion {
            mentor: mentor.id.clone(),
            breakdown: b,
            reasons,
        })
    };
    let table: Vec<Vec<Option<Suggestion>>> = chosen
        .iter()
        .map(|m| mentors.iter().map(|&(p, l, c)| score(m, p, l, c)).collect())
        .collect();
    let ranked = chosen
        .iter()
        .zip(&table)
        .map(|(m, row)| {
            let mut s: Vec<Suggestion> = row.iter().flatten().cloned().collect();
            s.sort_by(|a, b| {
                b.breakdown
                    .total
                    .cmp(&a.breakdown.total)
                    .then(a.mentor.cmp(&b.mentor))
            });
            s.truncate(top);
            MenteeSuggestions {
                mentee: m.id.clone(),
                suggestions: s,
            }
        })
        .collect();
    // Columns: one per free place of each mentor, then one "no mentor" column per mentee.
    let columns: Vec<Option<usize>> = mentors
        .iter()
        .enumerate()
        .flat_map(|(k, &(_, load, cap))| std::iter::repeat_n(Some(k), (cap - load) as usize))
        .chain(std::iter::repeat_n(None, chosen.len()))
        .collect();
    let mut assignment = Vec::new();
    let mut total = 0;
    if !chosen.is_empty() {
        // A real pair scores total + 1 so it beats "no mentor" (0); a pair that may not be
        // made scores far below anything real.
        const FORBIDDEN: i64 = -1_000_000_000;
        let rows: Vec<Vec<i64>> = table
            .iter()
            .map(|row| {
                columns
                    .iter()
                    .map(|c| match c {
                        Some(k) => row[*k]
                            .as_ref()
                            .map_or(FORBIDDEN, |s| s.breakdown.total + 1),
                        None => 0,
                    })
                    .collect()
            })
            .collect();
        let assigned = match pathfinding::matrix::Matrix::from_rows(rows) {
            Ok(matrix) => pathfinding::kuhn_munkres::kuhn_munkres(&matrix).1,
            Err(_) => vec![usize::MAX; chosen.len()],
        };
        for (i, m) in chosen.iter().enumerate() {
            let pick = assigned
                .get(i)
                .and_then(|&c| columns.get(c).copied().flatten())
                .and_then(|k| table[i][k].as_ref());
            let score = pick.map_or(0, |s| s.breakdown.total);
            total += score;
            assignment.push(Assigned {
                mentee: m.id.clone(),
                mentor: pick.map(|s| s.mentor.clone()),
                score,
            });
        }
    }
    Ok(MentorsProposal {
        mentees: ranked,
        assignment,
        total,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use test_case::test_case;

    use super::propose;
    use crate::rules::fixture::Fixture;

    /// Mentee `v` in an agreement of `status` with mentor `m` (capacity 1); mentee `w` unpaired;
    /// mentor `n` (capacity 3) free.
    fn program(status: &str) -> crate::model::Program {
        let extra = if status == "concluded" {
            json!({"status": status, "end": "2025-09-01"})
        } else {
            json!({"status": status})
        };
        Fixture::new()
            .person("v", "2025-01-01", &["mentee"], json!({}))
            .person("w", "2025-01-01", &["mentee"], json!({}))
            .person(
                "m",
                "2000-01-01",
                &["mentor"],
                json!({"rank": "professor", "max_mentees": 1}),
            )
            .person("n", "2000-01-01", &["mentor"], json!({"rank": "professor"}))
            .agreement("2025-v", "v", &["m"], ("2025-02-01", "2027-01-31"), extra)
            .build()
    }

    fn mentees(status: &str) -> Vec<String> {
        let proposal = propose(&program(status), &[], 3).expect("mentees");
        proposal.mentees.into_iter().map(|m| m.mentee).collect()
    }

    #[test_case("active"; "active")]
    #[test_case("proposed"; "a draft pairs the mentee too")]
    fn an_active_or_proposed_agreement_pairs_the_mentee(status: &str) {
        assert_eq!(mentees(status), ["w"]);
    }

    #[test]
    fn a_concluded_agreement_leaves_the_mentee_unpaired() {
        assert_eq!(mentees("concluded"), ["v", "w"]);
    }

    #[test_case("active"; "active")]
    #[test_case("proposed"; "a proposed mentee takes a place")]
    fn a_mentor_at_capacity_is_not_suggested(status: &str) {
        let proposal = propose(&program(status), &["w".to_owned()], 3).expect("mentee");
        let suggested: Vec<&str> = proposal.mentees[0]
            .suggestions
            .iter()
            .map(|s| s.mentor.as_str())
            .collect();
        assert_eq!(suggested, ["n"]);
    }

    #[test]
    fn a_mentor_with_a_free_place_is_suggested() {
        let proposal = propose(&program("concluded"), &["w".to_owned()], 3).expect("mentee");
        let mut suggested: Vec<&str> = proposal.mentees[0]
            .suggestions
            .iter()
            .map(|s| s.mentor.as_str())
            .collect();
        suggested.sort_unstable();
        assert_eq!(suggested, ["m", "n"]);
    }
}
