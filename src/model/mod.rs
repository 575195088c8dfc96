//! The typed model of a program: one struct per record kind, and [`Program`] holding them all.
//!
//! Plain data with serde derives; no I/O, no diagnostics. Values are built from front matter that
//! already passed its JSON Schema, so deserialisation failures here indicate schema drift.

mod academic_year;
mod agreement;
mod application;
mod assessment;
mod community;
mod config;
mod group;
mod instrument;
mod matching;
mod meeting_log;
mod person;
mod quarter;
mod summary;

use std::collections::{BTreeSet, HashMap};

pub use academic_year::{AcademicYear, AcademicYearError, YearStart};
pub use agreement::{
    Agreement, AgreementStatus, Goal, GoalStatus, MeetingFrequency, Modality, Signature,
};
pub use application::Application;
pub use assessment::{Assessment, Phase};
pub use community::{Community, CommunityMeeting};
pub use config::{ProgramConfig, Rules, SeverityLevel};
pub use group::{Group, GroupStatus, Session};
pub use instrument::{Domain, Instrument, Item, Scale, ScaleLabel, Scoring};
pub use matching::{DEFAULT_SLOTS, DEFAULT_TOPICS, Matching};
pub use meeting_log::{Correction, Meeting, MeetingLog};
pub use person::{Intake, Milestones, Person, Rank, Role};
pub use quarter::Quarter;
pub use summary::Summary;

use crate::layout::RecordKind;

/// Every record of a program, with id indexes. Records that failed validation are absent, but
/// their ids are remembered in [`Program::unreadable`] so references to them are not reported
/// The items of `items` that `index` groups under `id`, in path order.
fn grouped<'p, T>(
    index: &'p Index<Vec<usize>>,
    items: &'p [T],
    id: &str,
) -> impl Iterator<Item = &'p T> {
    index.get(id).into_iter().flatten().map(|&i| &items[i])
}

/// A map from record ids to positions in the program's lists, with a fast hasher (foldhash):
/// the rules look ids up hundreds of thousands of times at 5,000 faculty, and ids are not
/// chosen by an attacker who could gain from colliding them.
type Index<V> = HashMap<String, V, foldhash::fast::RandomState>;

/// twice.
#[derive(Debug, Clone, Default)]
pub struct Program {
    /// `program.md`, if present and valid.
    pub config: Option<ProgramConfig>,
    /// People, in path order.
    pub people: Vec<Person>,
    /// Mentoring agreements, in path order.
    pub agreements: Vec<Agreement>,
    /// Meeting logs, in path order.
    pub meeting_logs: Vec<MeetingLog>,
    /// Peer mentoring groups, in path order.
    pub groups: Vec<Group>,
    /// Mentor community years, in path order.
    pub communities: Vec<Community>,
    /// Self-assessments, in path order.
    pub assessments: Vec<Assessment>,
    /// Instruments: the program's own, then built-ins whose id the program does not define.
    pub instruments: Vec<Instrument>,
    /// Career-planning summaries, in path order.
    pub summaries: Vec<Summary>,
    /// Peer group applications, in path order.
    pub applications: Vec<Application>,
    /// Ids (file stems) of records that exist but could not be read, by kind.
    pub unreadable: HashMap<RecordKind, BTreeSet<String>>,
    people_by_id: Index<usize>,
    agreements_by_id: Index<usize>,
    instruments_by_id: Index<usize>,
    logs_by_agreement: Index<usize>,
    assessments_by_person: Index<Vec<usize>>,
    agreements_by_mentee: Index<Vec<usize>>,
}

impl Program {
    /// Builds the id indexes; call after filling the record lists. The first record with an id
    /// wins; duplicates are reported by the checks.
    pub fn index(&mut self) {
        fn build<T>(items: &[T], id: impl Fn(&T) -> &str) -> Index<usize> {
            let mut map = Index::with_capacity_and_hasher(items.len(), Default::default());
            for (i, item) in items.iter().enumerate() {
                map.entry(id(item).to_owned()).or_insert(i);
            }
            map
        }
        self.people_by_id = build(&self.people, |p| &p.id);
        self.agreements_by_id = build(&self.agreements, |a| &a.id);
        self.instruments_by_id = build(&self.instruments, |i| &i.id);
        self.logs_by_agreement = build(&self.meeting_logs, |l| &l.agreement);
        fn group<T>(items: &[T], key: impl Fn(&T) -> &str) -> Index<Vec<usize>> {
            let mut map = Index::default();
            for (i, item) in items.iter().enumerate() {
                map.entry(key(item).to_owned())
                    .or_insert_with(Vec::new)
                    .push(i);
            }
            map
        }
        self.agreements_by_mentee = group(&self.agreements, |a| &a.mentee);
        self.assessments_by_person = group(&self.assessments, |a| &a.person);
    }

    /// The person with `id`.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people_by_id.get(id).map(|&i| &self.people[i])
    }

    /// The agreement with `id`.
    pub fn agreement(&self, id: &str) -> Option<&Agreement> {
        self.agreements_by_id.get(id).map(|&i| &self.agreements[i])
    }

    /// The instrument with `id`.
    pub fn instrument(&self, id: &str) -> Option<&Instrument> {
        self.instruments_by_id
            .get(id)
            .map(|&i| &self.instruments[i])
    }

    /// The meeting log of agreement `id`.
    pub fn meeting_log(&self, agreement: &str) -> Option<&MeetingLog> {
        self.logs_by_agreement
            .get(agreement)
            .map(|&i| &self.meeting_logs[i])
    }

    /// The self-assessments taken by `person`, in path order.
    pub fn assessments_of<'p>(&'p self, person: &str) -> impl Iterator<Item = &'p Assessment> {
        grouped(&self.assessments_by_person, &self.assessments, person)
    }

    /// The agreements whose mentee is `mentee`, in path order.
    pub fn agreements_of<'p>(&'p self, mentee: &str) -> impl Iterator<Item = &'p Agreement> {
        grouped(&self.agreements_by_mentee, &self.agreements, mentee)
    }

    /// Whether a record of `kind` with `id` exists but could not be read.
    pub fn is_unreadable(&self, kind: RecordKind, id: &str) -> bool {
        self.unreadable
            .get(&kind)
            .is_some_and(|ids| ids.contains(id))
    }

    /// The rules' parameters (defaults when `program.md` is missing or invalid).
    pub fn rules(&self) -> Rules {
        self.config.as_ref().map(|c| c.rules).unwrap_or_default()
    }

    /// The academic year start (default July 1).
    pub fn year_start(&self) -> YearStart {
        self.config
            .as_ref()
            .map(|c| c.academic_year_start)
            .unwrap_or_default()
    }

    /// Number of record files that were read into the model.
    pub fn record_count(&self) -> usize {
        usize::from(self.config.is_some())
            + self.people.len()
            + self.agreements.len()
            + self.meeting_logs.len()
            + self.groups.len()
            + self.communities.len()
            + self.assessments.len()
            + self
                .instruments
                .iter()
                .filter(|i| !i.path.starts_with("schema/"))
                .count()
            + self.summaries.len()
            + self.applications.len()
    }

    /// The matching parameters (defaults when `program.md` is missing or invalid).
    pub fn matching(&self) -> Matching {
        self.config
            .as_ref()
            .map(|c| c.matching.clone())
            .unwrap_or_default()
    }
}
