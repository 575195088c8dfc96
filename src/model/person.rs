//! `people/<id>.md`: a faculty member, their roles and milestones.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A faculty member (mentee, mentor, facilitator, director or chief).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Kebab-case id, equal to the file name (`a-example`).
    pub id: String,
    /// Display name (`Dr. A. Example`).
    pub name: String,
    /// Academic rank.
    pub rank: Rank,
    /// Track, kebab-case (`clinician-educator`); tracks differ between schools.
    pub track: String,
    /// Faculty start date (ISO 8601); milestones count from it.
    pub start_date: Date,
    /// Program roles; at least one.
    pub roles: Vec<Role>,
    /// Topic tags, used to match peer mentoring groups (seed 002: matched on interests).
    #[serde(default)]
    pub interests: Vec<String>,
    /// Date the promotion packet is due, if known (seed 004).
    #[serde(default)]
    pub promotion_due: Option<Date>,
    /// Dates milestones were met.
    #[serde(default)]
    pub milestones: Milestones,
    /// Email address for notice drafts (`mentor notices`); optional.
    #[serde(default)]
    pub email: Option<String>,
    /// Dates of the intake steps for a new faculty member (seed 004); optional.
    #[serde(default)]
    pub intake: Option<Intake>,
    /// Most mentees this mentor takes at once (active and proposed agreements); default
    /// `matching.max_mentees` in `program.md`.
    #[serde(default)]
    pub max_mentees: Option<u32>,
    /// Weekly slot ids (`tue-pm`) a facilitator can meet a peer group in, from `matching.slots`.
    #[serde(default)]
    pub availability: Vec<String>,
    /// Relative path of the record.
    #[serde(skip)]
    pub path: String,
    /// Markdown body: the person's 1-5 year career aspirations (seed 004).
    #[serde(skip)]
    pub body: String,
}

impl Person {
    /// Whether the person holds `role`.
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// Dates on which a person's milestones were met (seed 004).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Milestones {
    /// The salary-support plan was discussed ("no later than year 1.5").
    pub salary_plan: Option<Date>,
    /// The mentee was prepared for the fourth-year appraisal.
    pub appraisal_prep: Option<Date>,
    /// The promotion packet was prepared ("6 months prior to the due date").
    pub promotion_packet: Option<Date>,
}

/// The intake of a new faculty member into the program, step by step (seed 004 "Program
/// processes"): each field is the ISO 8601 date the step happened; a missing key means it has
/// not happened yet. `mentor due` counts the open steps from `notified`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Intake {
    /// The division's academic personnel notified the program director of the new recruit.
    pub notified: Option<Date>,
    /// The director sent the introductory email welcoming the new faculty member.
    pub welcomed: Option<Date>,
    /// The CV arrived (asked for in the welcome email, before the meeting).
    pub cv_received: Option<Date>,
    /// The brief paragraph of 1-5 year career aspirations arrived (before the meeting).
    pub aspirations_received: Option<Date>,
    /// The one-hour initial meeting with the program director.
    pub director_meeting: Option<Date>,
    /// The director recommended a mentor and sent the request to that senior faculty member.
    pub mentor_recommended: Option<Date>,
    /// A mentoring agreement was proposed to the pair.
    pub agreement_proposed: Option<Date>,
    /// Person id of the senior faculty member the director recommends as mentor; `mentor
    /// notices` drafts the mentor request to them until `mentor_recommended` is recorded.
    pub recommended_mentor: Option<String>,
}

impl Intake {
    /// Every step as `(field name, date)`, in the order seed 004 lists them.
    pub fn steps(&self) -> [(&'static str, Option<Date>); 7] {
        [
            ("notified", self.notified),
            ("welcomed", self.welcomed),
            ("cv_received", self.cv_received),
            ("aspirations_received", self.aspirations_received),
            ("director_meeting", self.director_meeting),
            ("mentor_recommended", self.mentor_recommended),
            ("agreement_proposed", self.agreement_proposed),
        ]
    }
}

/// Academic rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rank {
    /// Instructor.
    Instructor,
    /// Assistant professor.
    AssistantProfessor,
    /// Associate professor.
    AssociateProfessor,
    /// Professor.
    Professor,
}

impl Rank {
    /// How the rank is written in a report ("Assistant Professor").
    pub fn label(self) -> &'static str {
        match self {
            Rank::Instructor => "Instructor",
            Rank::AssistantProfessor => "Assistant Professor",
            Rank::AssociateProfessor => "Associate Professor",
            Rank::Professor => "Professor",
        }
    }
}

/// A role in the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Junior faculty member being mentored.
    Mentee,
    /// Senior faculty member mentoring under an agreement.
    Mentor,
    /// Senior peer facilitator of a peer mentoring group (seed 002).
    Facilitator,
    /// Program director (seed 004).
    Director,
    /// Division chief (seed 004).
    Chief,
}

impl Role {
    /// The role's name as written in records (`mentee`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Mentee => "mentee",
            Role::Mentor => "mentor",
            Role::Facilitator => "facilitator",
            Role::Director => "director",
            Role::Chief => "chief",
        }
    }
}
