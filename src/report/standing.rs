//! The overall standing of every pair, mentee, peer mentoring group and mentor, for the reports
//! (see [`crate::rules::standing`]). Pure: findings in, view rows out.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::model::Program;
use crate::rules::{ByWhose, Finding, Kind, Standing, Whose};

/// What a standing is about. Serialises as its name (`Pair`, `Mentee`, `Group`, `Mentor`),
/// which the templates show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SubjectKind {
    /// A mentoring agreement's pair.
    Pair,
    /// A mentee (all their pairs and groups).
    Mentee,
    /// A peer mentoring group.
    Group,
    /// A mentor (all their pairs).
    Mentor,
}

/// One subject's standing, as the index and the quarterly report list it.
#[derive(Debug, Clone, Serialize)]
pub struct SubjectStanding {
    /// What the standing is about (shown as `Pair`, `Mentee`, `Group` or `Mentor`).
    pub kind: SubjectKind,
    /// The id (agreement, person or group id).
    pub id: String,
    /// Names for people to read ("Dr. P. Mockup with Dr. G. Notreal").
    pub name: String,
    /// The standing and why.
    pub standing: Standing,
}

/// The standing of every subject with rows in `rows`: pairs, then mentees, groups and mentors,
/// each sorted worst first, then by name.
pub fn standings(program: &Program, rows: &[Finding]) -> Vec<SubjectStanding> {
    // Each standing reads its own rows from the index, not every row.
    let index = ByWhose::new(rows);
    let person = |id: &str| {
        program
            .person(id)
            .map_or_else(|| id.to_owned(), |p| p.name.clone())
    };
    let mut out = Vec::new();
    let mut add = |kind: SubjectKind,
                   ids: BTreeSet<String>,
                   whose: &dyn Fn(&str) -> Whose<'_>,
                   name: &dyn Fn(&str) -> String| {
        let mut part: Vec<SubjectStanding> = ids
            .iter()
            .filter_map(|id| {
                index.standing(whose(id)).map(|standing| SubjectStanding {
                    kind,
                    id: id.clone(),
                    name: name(id),
                    standing,
                })
            })
            .collect();
        part.sort_by(|a, b| {
            (a.standing.status, &a.name, &a.id).cmp(&(b.standing.status, &b.name, &b.id))
        });
        out.extend(part);
    };
    let pairs: BTreeSet<String> = rows
        .iter()
        .filter(|f| f.kind == Kind::Pair)
        .map(|f| f.subject.clone())
        .collect();
    let pair_name = |id: &str| {
        index
            .rows(Whose::Pair(id))
            .first()
            .map_or_else(|| id.to_owned(), |f| f.name.clone())
    };
    add(SubjectKind::Pair, pairs, &|id| Whose::Pair(id), &pair_name);
    let mentees: BTreeSet<String> = rows
        .iter()
        .filter(|f| matches!(f.kind, Kind::Pair | Kind::Mentee))
        .filter_map(|f| f.people.first().cloned())
        .collect();
    add(
        SubjectKind::Mentee,
        mentees,
        &|id| Whose::Mentee(id),
        &person,
    );
    let groups: BTreeSet<String> = rows
        .iter()
        .filter(|f| matches!(f.kind, Kind::Group | Kind::Member))
        .map(|f| f.subject.clone())
        .collect();
    // The first group with each id names it.
    let mut group_names: HashMap<&str, &str> = HashMap::new();
    for g in &program.groups {
        group_names.entry(&g.id).or_insert(&g.name);
    }
    let group_name = |id: &str| group_names.get(id).map_or(id, |name| *name).to_owned();
    add(
        SubjectKind::Group,
        groups,
        &|id| Whose::Group(id),
        &group_name,
    );
    let mentors: BTreeSet<String> = rows
        .iter()
        .flat_map(|f| match f.kind {
            Kind::Mentor => f.people.clone(),
            Kind::Pair => f.people.iter().skip(1).cloned().collect(),
            _ => Vec::new(),
        })
        .collect();
    add(
        SubjectKind::Mentor,
        mentors,
        &|id| Whose::Mentor(id),
        &person,
    );
    out
}
