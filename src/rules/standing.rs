//! [`Standing`]: one overall status per pair, mentee, peer mentoring group or mentor, the worst
//! of its rules' statuses, with the rules that make it so. The reports show it first, and the
//! quarterly report counts "pairs on track" with it, so a summary never reads "on track" above a
//! rule that is overdue.
//!
//! Pure: findings in, standings out. Owns no rule logic; it only ranks [`Finding`] statuses
//! (worst first: `missed`, `overdue`, `due-soon`, `on-track`, `met`).

use std::collections::HashMap;

use serde::Serialize;

use super::{Finding, Kind, Status};

/// Whose standing: the rows that count towards it are chosen by [`Whose::concerns`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Whose<'a> {
    /// A mentoring pair, by agreement id: its `pair` rows (M301, M302, M309-M311).
    Pair(&'a str),
    /// A mentee, by person id: the rows of their pairs (as the mentee) and their milestones.
    Mentee(&'a str),
    /// A peer mentoring group, by group id: its `group` and `member` rows (M303, M304).
    Group(&'a str),
    /// A mentor, by person id: their mentor community rows (M305) and the rows of the pairs they
    /// mentor.
    Mentor(&'a str),
}

impl Whose<'_> {
    /// Whether `finding` counts towards this standing.
    pub fn concerns(self, finding: &Finding) -> bool {
        match self {
            Whose::Pair(id) => finding.kind == Kind::Pair && finding.subject == id,
            Whose::Mentee(id) => {
                matches!(finding.kind, Kind::Pair | Kind::Mentee)
                    && finding.people.first().is_some_and(|p| p == id)
            }
            Whose::Group(id) => {
                matches!(finding.kind, Kind::Group | Kind::Member) && finding.subject == id
            }
            Whose::Mentor(id) => match finding.kind {
                Kind::Mentor => finding.subject == id,
                Kind::Pair => finding.people.iter().skip(1).any(|p| p == id),
                _ => false,
            },
        }
    }
}

impl<'f> Whose<'f> {
    /// Every standing `finding` counts towards, each once: exactly those `w` for which
    /// `w.concerns(finding)` holds. A pair's row counts towards the pair, its mentee and each of
    /// its mentors; a group's or member's row towards the group; a mentor's row towards that
    /// mentor; a mentee's row towards that mentee.
    pub fn all_of(finding: &'f Finding) -> impl Iterator<Item = Whose<'f>> {
        let subject = finding.subject.as_str();
        let first = finding.people.first().map(String::as_str);
        let (own, mentee) = match finding.kind {
            Kind::Pair => (Some(Whose::Pair(subject)), first.map(Whose::Mentee)),
            Kind::Group | Kind::Member => (Some(Whose::Group(subject)), None),
            Kind::Mentor => (Some(Whose::Mentor(subject)), None),
            Kind::Mentee => (first.map(Whose::Mentee), None),
        };
        let mentors = match finding.kind {
            Kind::Pair => finding.people.get(1..).unwrap_or_default(),
            _ => &[],
        };
        let each_mentor_once = mentors
            .iter()
            .enumerate()
            .filter(move |&(i, id)| !mentors[..i].contains(id))
            .map(|(_, id)| Whose::Mentor(id));
        own.into_iter().chain(mentee).chain(each_mentor_once)
    }
}

/// Findings grouped by the standings they count towards ([`Whose::all_of`]), built once, so that
/// a report of thousands of standings reads each finding once instead of once per standing.
#[derive(Debug, Default)]
pub struct ByWhose<'f> {
    /// Rows by id, one table per kind of standing (pair, mentee, group, mentor), each list in
    /// the order of the findings.
    tables: [HashMap<&'f str, Vec<&'f Finding>>; 4],
}

impl<'f> ByWhose<'f> {
    /// Groups `findings` by whose standing they count towards.
    pub fn new(findings: &'f [Finding]) -> Self {
        let mut index = ByWhose::default();
        for finding in findings {
            for whose in Whose::all_of(finding) {
                let (table, id) = Self::slot(whose);
                index.tables[table].entry(id).or_default().push(finding);
            }
        }
        index
    }

    /// The rows that count towards `whose` ([`Whose::concerns`]), in the findings' order.
    pub fn rows(&self, whose: Whose<'_>) -> &[&'f Finding] {
        let (table, id) = Self::slot(whose);
        self.tables[table].get(id).map_or(&[], Vec::as_slice)
    }

    /// The standing of `whose` ([`standing`] of its rows), or `None` when no row concerns it.
    pub fn standing(&self, whose: Whose<'_>) -> Option<Standing> {
        standing(whose, self.rows(whose).iter().copied())
    }

    fn slot(whose: Whose<'_>) -> (usize, &str) {
        match whose {
            Whose::Pair(id) => (0, id),
            Whose::Mentee(id) => (1, id),
            Whose::Group(id) => (2, id),
            Whose::Mentor(id) => (3, id),
        }
    }
}

/// One rule that sets a standing: the rule in words and what stands against it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The rule's name (`meeting-gap`).
    pub rule: String,
    /// The rule in words ("Time between meetings").
    pub title: String,
    /// What was required, in words ("at most 183 days").
    pub required: String,
    /// What was done, in words ("362 days since 2025-03-04").
    pub done: String,
}

/// The overall standing of one subject: the worst status among its rows, and the rows that have
/// it (the explanation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Standing {
    /// The worst status of the subject's rows.
    pub status: Status,
    /// `status` in words (`on track`).
    pub label: &'static str,
    /// How many rows counted.
    pub rules: usize,
    /// The rows with the worst status, in the order given (the status view's order).
    pub because: Vec<Reason>,
    /// The explanation in one sentence (see [`Standing::sentence`]).
    pub explanation: String,
}

impl Standing {
    /// The rules that set the standing, in words: "Time between meetings: 362 days since
    /// 2025-03-04; required at most 183 days."; "All 4 rules met." when every rule is met;
    /// "3 of 5 rules on track, none behind." when several rules are on track and none worse.
    pub fn sentence(&self) -> String {
        if self.because.len() == self.rules && self.rules > 1 && self.status == Status::Met {
            return format!("All {} rules met.", self.rules);
        }
        if self.because.len() > 1 && matches!(self.status, Status::OnTrack | Status::Met) {
            // Nothing is behind: naming every open rule would only repeat the table.
            return format!(
                "{} of {} rules {}, none behind.",
                self.because.len(),
                self.rules,
                self.label
            );
        }
        let reasons: Vec<String> = self
            .because
            .iter()
            .map(|r| format!("{}: {}; required {}", r.title, r.done, r.required))
            .collect();
        format!("{}.", reasons.join(". "))
    }
}

/// The standing of `whose` from `findings` (normally a [`super::StatusView`]'s rows: the year's
/// rows and every row still open), or `None` when no row concerns it.
pub fn standing<'a>(
    whose: Whose<'_>,
    findings: impl IntoIterator<Item = &'a Finding>,
) -> Option<Standing> {
    let rows: Vec<&Finding> = findings.into_iter().filter(|f| whose.concerns(f)).collect();
    let worst = rows.iter().map(|f| f.status).min()?;
    let because = rows
        .iter()
        .filter(|f| f.status == worst)
        .map(|f| Reason {
            rule: f.rule.name().to_owned(),
            title: f.rule.title().to_owned(),
            required: f.required_text.clone(),
            done: f.done_text.clone(),
        })
        .collect();
    let mut out = Standing {
        status: worst,
        label: worst.label(),
        rules: rows.len(),
        because,
        explanation: String::new(),
    };
    out.explanation = out.sentence();
    Some(out)
}

/// Whether a standing counts as "on track" in the quarterly report's counts: nothing `missed`
/// or `overdue` (so `due-soon`, `on-track` and `met`).
pub fn is_on_track(status: Status) -> bool {
    !status.is_reported()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{ByWhose, Whose, standing};
    use crate::rules::fixture::{Fixture, d};
    use crate::rules::{Finding, Kind, Status, evaluate};

    #[test]
    fn a_pair_stands_at_its_worst_rule_and_says_which() {
        let program = Fixture::new()
            .person("v", "2024-07-01", &["mentee"], json!({}))
            .person("b", "2000-07-01", &["mentor"], json!({}))
            .agreement(
                "2024-a",
                "v",
                &["b"],
                ("2024-07-01", "2027-06-30"),
                json!({}),
            )
            .meetings("2024-a", &["2024-09-01", "2025-03-04"])
            .assessment("v", "2024-07-15", "baseline", Some("2024-a"))
            .build();
        let view = evaluate(&program, d("2026-03-01")).view(None);
        let pair = standing(Whose::Pair("2024-a"), &view.rows).expect("pair rows");
        let worst = view
            .rows
            .iter()
            .filter(|r| r.subject == "2024-a")
            .map(|r| r.status)
            .min();
        assert_eq!(Some(pair.status), worst);
        assert_eq!(pair.status, Status::Overdue);
        assert!(
            pair.because.iter().any(|r| r.rule == "meeting-gap"),
            "{pair:?}"
        );
        assert!(
            pair.sentence()
                .starts_with("Time between meetings: 362 days"),
            "{}",
            pair.sentence()
        );
        let mentor = standing(Whose::Mentor("b"), &view.rows).expect("mentor rows");
        assert_eq!(mentor.status, Status::Overdue);
        let mentee = standing(Whose::Mentee("v"), &view.rows).expect("mentee rows");
        assert_eq!(mentee.status, Status::Overdue);
        assert!(standing(Whose::Group("g"), &view.rows).is_none());
    }

    /// Rows of a program with pairs, a group and the mentor community, plus edge cases made from
    /// them: a pair whose mentee is also listed as a mentor, a mentor listed twice, a mentee row
    /// with nobody in it.
    fn rows() -> Vec<Finding> {
        let program = Fixture::two_pairs()
            .meetings("2024-a", &["2024-09-01", "2025-03-04"])
            .group("g", "2025-26", &["v", "w"], &[("2025-09-10", &["v"])])
            .community("2025-26", &[("2025-09-12", &["b"])])
            .build();
        let mut rows = evaluate(&program, d("2026-03-01")).view(None).rows;
        let pair = rows
            .iter()
            .find(|r| r.kind == Kind::Pair)
            .expect("a pair row")
            .clone();
        let mut twice = pair.clone();
        twice.people = vec!["v".into(), "b".into(), "c".into(), "b".into()];
        let mut own_mentor = pair.clone();
        own_mentor.people = vec!["w".into(), "w".into()];
        let mut nobody = pair;
        nobody.kind = Kind::Mentee;
        nobody.people.clear();
        rows.extend([twice, own_mentor, nobody]);
        rows
    }

    /// Every standing the rows could be asked about, and some no row concerns.
    fn everyone(rows: &[Finding]) -> Vec<Whose<'_>> {
        let ids = rows
            .iter()
            .flat_map(|r| r.people.iter().chain([&r.subject]))
            .map(String::as_str)
            .chain(["nobody", ""]);
        ids.flat_map(|id| {
            [
                Whose::Pair(id),
                Whose::Mentee(id),
                Whose::Group(id),
                Whose::Mentor(id),
            ]
        })
        .collect()
    }

    #[test]
    fn all_of_names_each_standing_a_row_concerns_once() {
        let rows = rows();
        let kinds: Vec<Kind> = rows.iter().map(|r| r.kind).collect();
        for kind in [
            Kind::Pair,
            Kind::Group,
            Kind::Member,
            Kind::Mentor,
            Kind::Mentee,
        ] {
            assert!(kinds.contains(&kind), "the fixture has no {kind:?} row");
        }
        for row in &rows {
            let named: Vec<Whose<'_>> = Whose::all_of(row).collect();
            for whose in everyone(&rows) {
                let times = named.iter().filter(|w| **w == whose).count();
                assert_eq!(
                    times,
                    usize::from(whose.concerns(row)),
                    "{whose:?} for {:?} {} {:?}",
                    row.kind,
                    row.subject,
                    row.people
                );
            }
        }
    }

    #[test]
    fn the_index_gives_each_standing_its_rows_in_order() {
        let rows = rows();
        let index = ByWhose::new(&rows);
        let mut seen = 0;
        for whose in everyone(&rows) {
            let expected: Vec<*const Finding> = rows
                .iter()
                .filter(|r| whose.concerns(r))
                .map(std::ptr::from_ref)
                .collect();
            let got: Vec<*const Finding> = index
                .rows(whose)
                .iter()
                .map(|r| std::ptr::from_ref(*r))
                .collect();
            assert_eq!(got, expected, "{whose:?}");
            assert_eq!(index.standing(whose), standing(whose, &rows), "{whose:?}");
            seen += expected.len();
        }
        assert!(seen > rows.len(), "rows count towards several standings");
    }
}
