//! Stable diagnostic codes. Each code's explanation is its user documentation (`mentor explain`),
//! and the README's code table is tested against [`Code::ALL`].

use serde::{Serialize, Serializer};

use super::Severity;

/// What is known about one code.
#[derive(Debug, Clone, Copy)]
pub struct CodeInfo {
    /// Stable code, `M` and three digits.
    pub id: &'static str,
    /// Stable kebab-case name.
    pub name: &'static str,
    /// Severity when the program does not configure one.
    pub severity: Severity,
    /// One line for the README table.
    pub summary: &'static str,
    /// What / Why / Example / Source, as shown by `mentor explain`.
    pub explanation: &'static str,
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $id:literal, $name:literal, $severity:ident, $summary:literal, $explanation:literal; )*) => {
        /// A stable diagnostic code. The numbers never change meaning; new codes are appended.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in declaration order (codes are appended as they are added, so M220-M222
            /// follow the M3xx rules); this is also `Code`'s `Ord`.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code's id, name, default severity and documentation.
            pub fn info(self) -> CodeInfo {
                match self {
                    $(Code::$variant => CodeInfo {
                        id: $id,
                        name: $name,
                        severity: Severity::$severity,
                        summary: $summary,
                        explanation: $explanation,
                    },)*
                }
            }
        }
    };
}

impl Code {
    /// `M001`-style id.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// kebab-case name.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// Severity unless the program configures another.
    pub fn default_severity(self) -> Severity {
        self.info().severity
    }

    /// The rules' codes (M3xx), in order; a rule's name is its code's name. The rule engine's
    /// `Rule::ALL` is tested to hold exactly these.
    pub fn rules() -> impl Iterator<Item = Code> {
        Code::ALL
            .iter()
            .copied()
            .filter(|c| c.id().starts_with("M3"))
    }

    /// Finds a code by id (`M203`, case-insensitive) or name (`unknown-reference`).
    pub fn lookup(text: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.id().eq_ignore_ascii_case(text) || c.name() == text)
    }
}

impl Code {
    /// Whether a diagnostic with this code is about confidential text (M213): it points at the
    /// place and never shows the text itself (no snippet, no pointer naming a field).
    pub fn is_confidential(self) -> bool {
        self == Code::ConfidentialityBreach
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

codes! {
    /// The file has no content.
    EmptyFile = "M001", "empty-file", Error, "A record file is empty.",
"What: the file has no text at all (or only whitespace).
Why: every record needs front matter; an empty file is usually a mistake in a copy or a merge.
Example: `people/a-example.md` with zero bytes.
Fix: fill in the record's front matter, or delete the file.";

    /// The file is not UTF-8.
    NotUtf8 = "M002", "not-utf8", Error, "A record file is not valid UTF-8 text.",
"What: the file's bytes are not valid UTF-8.
Why: records are plain text in git; another encoding (Latin-1, UTF-16) garbles names.
Example: a person file saved as Windows-1252 with `é` in a name.
Fix: re-save the file as UTF-8 in your editor.";

    /// No `---` front matter at the top.
    MissingFrontMatter = "M003", "missing-front-matter", Error, "A record does not start with a `---` front matter fence.",
"What: the first line of the file is not `---`.
Why: the record's fields live in YAML front matter between two `---` lines.
Example: a file starting with `id: a-example` without the fence.
Fix: add a line `---` before the fields and another after them.";

    /// The closing `---` is missing.
    UnclosedFrontMatter = "M004", "unclosed-front-matter", Error, "The front matter's closing `---` fence is missing.",
"What: the file opens front matter with `---` but never closes it.
Why: without the closing fence the body would be read as YAML.
Example: `---` / `id: a-example` / (end of file).
Fix: add a line `---` after the last field.";

    /// YAML syntax error.
    YamlSyntax = "M005", "yaml-syntax", Error, "The front matter is not valid YAML.",
"What: the YAML parser could not read the front matter, or it holds a YAML tag (`!!binary`, `!custom`), which records never need.
Why: a record that cannot be parsed cannot be checked.
Example: `name: Dr. A. Example: Jr` (an unquoted colon), a bad indent, a `...` line that ends the front matter's YAML early, or a tag like `start_date: !!timestamp 2025-01-01`.
Fix: correct the YAML at the line shown; quote values that contain `: ` or start with `@`, `*`, `&`; write values plainly, without tags.";

    /// Tab used for indentation.
    TabIndentation = "M006", "tab-indentation", Error, "Front matter is indented with a tab.",
"What: a front matter line begins with a tab.
Why: YAML forbids tabs for indentation; editors show them as spaces, so the error is invisible.
Example: `goals:` followed by a line starting with a tab.
Fix: indent with spaces.";

    /// A key appears twice in one mapping.
    DuplicateKey = "M007", "duplicate-key", Error, "A key appears twice in the same mapping.",
"What: the same key is written twice at the same level.
Why: YAML parsers silently keep one of the two; the other value would be lost without notice.
Example: two `start:` lines in one agreement.
Fix: keep one of them.";

    /// The front matter is not a mapping of fields.
    NotAMapping = "M008", "front-matter-not-mapping", Error, "The front matter is not a mapping of fields.",
"What: the front matter is empty, a list, or a single value.
Why: every record is a set of named fields.
Example: `---` / `- a-example` / `---`.
Fix: write `key: value` lines.";

    /// A file in a place the program layout does not know.
    UnknownLocation = "M009", "unknown-location", Warning, "A file is in a folder the program does not know.",
"What: a file sits outside the known layout (`people/`, `agreements/`, `meetings/`, `groups/`, `community/`, `assessments/<person>/`, `instruments/`, `summaries/<year>/`), or a record or record folder is a symbolic link, which mentor does not follow.
Why: a record in the wrong folder, or behind a link, is silently ignored by every check and report.
Example: `person/a-example.md` (singular), `people/notes.txt`, or `people/x.md` linking to another file.
Fix: move the file to the right folder, or out of the program; replace a link with the file or folder itself.";

    /// A field the schema does not define.
    UnknownField = "M101", "unknown-field", Error, "A field is not part of the record's schema.",
"What: a key that the record kind does not have (schema `additionalProperties: false`).
Why: a misspelt key (`mentess:`) would otherwise be ignored and its value lost.
Example: `strat: 2024-09-01` in an agreement.
Fix: use the suggested key, or remove it. Meeting logs report extra fields as M213 instead.";

    /// A required field is missing.
    MissingField = "M102", "missing-field", Error, "A required field is missing.",
"What: the record lacks a field its schema requires.
Why: checks and reports need it.
Example: an agreement without `mentee:`.
Fix: add the field.";

    /// A value of the wrong type, pattern, or not among the allowed ones.
    InvalidValue = "M103", "invalid-value", Error, "A value has the wrong type or is not allowed.",
"What: a value does not match its schema: wrong type, not one of the allowed words, out of range, not a kebab-case id.
Why: the rules and reports rely on these values.
Example: `rank: assistant prof`, `minutes: -5`, `id: A_Example`.
Fix: use one of the allowed values shown.";

    /// Not a valid ISO 8601 calendar date.
    InvalidDate = "M104", "invalid-date", Error, "A date is not a valid ISO 8601 calendar date.",
"What: a date field is not `YYYY-MM-DD` or names a day that does not exist.
Why: meeting and deadline rules compute with these dates.
Example: `date: 2023-02-29`, `date: 9/14/2025`.
Fix: write the date as `YYYY-MM-DD`.";

    /// Two records share an id.
    DuplicateId = "M201", "duplicate-id", Error, "Two records of the same kind share an id.",
"What: two files declare the same `id`.
Why: references would be ambiguous.
Example: `people/a-example.md` and `people/a-example-2.md` both with `id: a-example`.
Fix: give each record its own id, equal to its file name.";

    /// The id, person, date or year in a record disagrees with its path.
    PathMismatch = "M202", "path-mismatch", Error, "A record's id, person, date or year disagrees with its file path.",
"What: the file name (or folder) and the record's own field differ.
Why: records are found by path; a mismatch means the wrong record is found.
Example: `people/a-example.md` with `id: b-example`; `summaries/2025-26/a-example.md` with `academic_year: 2024-25`.
Fix: rename the file or correct the field.";

    /// A reference to a record that does not exist.
    UnknownReference = "M203", "unknown-reference", Error, "A reference names a person, agreement or instrument that does not exist.",
"What: an id in a reference field (mentee, mentors, members, instrument, agreement, ...) has no record; or a self-assessment's `agreement` names an agreement its person is not part of (neither its mentee nor one of its mentors).
Why: a misspelt id silently detaches the record from its person, and an assessment filed under someone else's agreement counts toward the wrong pair.
Example: `mentee: a-exmaple`; `agreement: 2025-a-example` in an assessment of `e-example`.
Fix: use the suggested id, or add the missing record.";

    /// A person is referenced in a role they do not have.
    WrongRole = "M204", "wrong-role", Error, "A person is named in a role they do not hold.",
"What: the person exists but lacks the role (mentee, mentor, facilitator, director, chief); a self-assessment is taken by someone who holds none of its instrument's `taken_by` roles; or an agreement lists its own mentee among its mentors.
Why: the rules treat mentees, mentors and facilitators differently, and instruments are written for one side of the relationship.
Example: an agreement's `mentors: [a-example]` where `a-example` has `roles: [mentee]`; a mentor taking `mentee-career-self-assessment`.
Fix: add the role to the person's `roles`, use the right instrument, or name someone else.";

    /// A meeting outside the agreement's dates.
    MeetingOutsideAgreement = "M205", "meeting-outside-agreement", Error, "A meeting date falls outside its agreement's start and end.",
"What: a meeting log lists a date before the agreement started or after it ended.
Why: meetings count toward the agreement they belong to; an outside date is usually a typo (wrong year).
Example: agreement `start: 2024-09-01`, meeting `date: 2023-10-01`.
Fix: correct the date, or log it under the right agreement.
Source: seed 004 (meeting records are kept to ensure compliance).";

    /// A date after the as-of date.
    DateInFuture = "M206", "date-in-future", Error, "A meeting, session, signature, assessment or milestone is dated after the as-of date.",
"What: a record says something happened after the as-of date (today unless `--as-of`): a meeting, a group or mentor community session, a signature, a self-assessment, or a person's milestone (`salary_plan`, `appraisal_prep`, `promotion_packet`).
Why: records log what happened; a future date is usually a typo, and a milestone dated later would silently count as not yet met.
Example: `date: 2062-03-01` in a meeting log; `salary_plan: 2026-06-01` when checking as of 2026-03-01.
Fix: correct the date.";

    /// An attendee who is not a member.
    NotAMember = "M207", "not-a-member", Error, "A group session lists an attendee who is not a member of the group.",
"What: a group session's `attended` names someone not in the group's `members`. (A mentor community meeting that names someone without the `mentor` role is M204.)
Why: attendance rules count members only.
Example: `attended: [z-example]` with `z-example` not in `members`.
Fix: add the person to `members`, or correct the id.
Source: seed 002 (groups of up to 8 faculty).";

    /// A group over the size limit.
    GroupTooLarge = "M208", "group-too-large", Error, "A peer mentoring group has more members than the program allows.",
"What: `members` has more people than `rules.group_size_max` (default 8).
Why: seed 002: \"Each group will be up to 8 faculty.\"
Example: nine ids under `members`.
Fix: split the group, or raise `rules.group_size_max` in `program.md`.
Source: seed 002.";

    /// An assessment with unanswered items.
    IncompleteAssessment = "M209", "incomplete-assessment", Error, "A self-assessment does not answer every item of its instrument.",
"What: an item of the instrument has no response.
Why: domain scores and baseline-to-final change need every item.
Example: `responses:` without `mca-07`.
Fix: add the missing responses.";

    /// A response outside the instrument's scale.
    ResponseOffScale = "M210", "response-off-scale", Error, "A response is outside the instrument's scale.",
"What: a response value is below the scale's `min` or above its `max`.
Why: scores would be meaningless.
Example: `mca-01: 9` on a 1-7 scale.
Fix: use a value on the scale.";

    /// A response to an item the instrument does not have.
    UnknownItem = "M211", "unknown-item", Error, "A response names an item the instrument does not have.",
"What: a key under `responses` is not an item id of the instrument.
Why: usually a typo; the real item is then unanswered.
Example: `mca-1: 4` instead of `mca-01: 4`.
Fix: use the instrument's item ids.";

    /// An agreement missing a signature.
    UnsignedAgreement = "M212", "unsigned-agreement", Error, "A mentoring agreement is not signed by its mentee and every mentor.",
"What: `signatures` lacks the mentee or one of the mentors (or names someone else).
Why: seed 003 (Launch): \"Sign the agreement document and save a copy\".
Example: `signatures: [{person: a-example, date: 2024-09-10}]` with mentor `b-example` missing.
Fix: add the missing signature with its date.
Source: seed 003.";

    /// A meeting log holding more than dates.
    ConfidentialityBreach = "M213", "confidentiality-breach", Error, "A meeting log holds notes or fields beyond meeting dates.",
"What: a meeting log has a body, a YAML comment (`# ...`) or anchor name (`&name`), fields other than `agreement`, `meetings` (`date`, `minutes`, `modality`) and `corrections`, or text with spaces where a date, minutes or modality belongs. The words are never repeated: the diagnostic gives the place and how much text there is, with no snippet.
Why: seed 004: \"No personal notes or details will be kept by the division or mentor. Only records of when meetings are actually held\".
Example: `topics: [grant]` on a meeting, `# talked about leave` after a date, or a paragraph under the front matter.
Fix: delete the notes; keep only the dates.
Source: seed 004.";

    /// Confidentiality not acknowledged.
    ConfidentialityNotAcknowledged = "M214", "confidentiality-not-acknowledged", Error, "A mentoring agreement does not acknowledge confidentiality.",
"What: `confidentiality_acknowledged: false`.
Why: seeds 003 and 004: meetings are private and confidential; the agreement records that both agreed.
Example: `confidentiality_acknowledged: false`.
Fix: discuss confidentiality and set it to `true`.
Source: seed 003 (agreement topics), seed 004.";

    /// Dates in the wrong order.
    InconsistentDates = "M215", "inconsistent-dates", Error, "Dates in a record are in the wrong order.",
"What: an end date before a start date (agreement `end` or `planned_end` before `start`), or a group session outside its academic year.
Why: periods with negative length break every rule.
Example: `start: 2025-09-01`, `planned_end: 2024-08-31`.
Fix: correct the dates.";

    /// A mentor change that does not hold together.
    BrokenMentorChange = "M216", "broken-mentor-change", Error, "A replaced agreement's mentor change does not hold together.",
"What: `replaced_by` names this same agreement, an agreement for another mentee, or one starting before this one ended; or `change_approved_by` is not the program director. (A `replaced_by` that names no agreement at all is an unknown reference, M203.)
Why: seed 004: \"Mentees have the option to request a change in assigned mentor (via the program director).\"
Example: `change_approved_by: b-example`, a mentor, not the program director.
Fix: point to the new agreement and record the director's approval.
Source: seed 004.";

    /// The same meeting date twice.
    DuplicateMeetingDate = "M217", "duplicate-meeting-date", Warning, "A meeting log lists the same date twice.",
"What: two entries under `meetings` have the same date.
Why: usually entered twice by mistake; it would count as two meetings.
Example: `- date: 2025-01-10` twice.
Fix: remove one, or record a correction.";

    /// No program.md.
    MissingProgram = "M218", "missing-program", Error, "The program folder has no `program.md`.",
"What: the folder checked has no `program.md`.
Why: the program record names the director, the chief and the rules' parameters.
Example: running `mentor check` in the wrong folder.
Fix: run in the program folder, or create `program.md`.";

    /// An instrument that does not hold together.
    InvalidInstrument = "M219", "invalid-instrument", Error, "An instrument's items, domains or scale do not hold together.",
"What: an item names an unknown domain, two items share an id, or the scale's `min` is not below its `max`.
Why: assessments are scored by domain against the scale.
Example: `domain: listning`.
Fix: correct the instrument.";

    /// Meeting-frequency rule.
    PairMeetings = "M301", "pair-meetings", Warning, "A mentoring pair held fewer meetings in an academic year than required.",
"What: fewer meetings in an academic year than `rules.pair_meetings_per_year` (default 2). A pair whose agreement covers only part of the year owes ceil(required x days covered / days in the year): one day owes 1, exactly half a year owes 1, a whole year owes 2. The requirement falls due on the year's last day (or the agreement's end if earlier); a year still under way is never overdue, only `missed` once it has closed short.
Why: seed 004: \"Mentees should plan on meeting with their assigned mentor at least twice a year\"; \"Quarterly meetings should be sufficient with a division minimum of twice a year.\"
Example: \"2 meetings required in 2024-25, 1 held (2025-03-04); the period ended 2025-06-30\".
Fix: log every meeting's date in `meetings/<agreement>.md`; a missed year stays in the history (set `severity: {pair-meetings: off}` to silence it).
Source: seed 004.";

    /// Gap between meetings.
    MeetingGap = "M302", "meeting-gap", Warning, "Too long a gap between a pair's meetings.",
"What: more than `rules.pair_max_gap_days` (default 183) days between consecutive meetings, or since the agreement's start. Each meeting sets the next one's deadline (previous + 183 days, that day included). A meeting after its deadline is `missed`; no meeting yet with the deadline past is `overdue`, even in the middle of a year.
Why: a twice-a-year minimum (seed 004) means no more than about six months between meetings.
Example: \"362 days since the meeting on 2025-03-04; at most 183 are allowed, so the next meeting was due by 2025-09-03\".
Fix: meet, and log the date.
Source: seed 004.";

    /// Group session count.
    GroupSessions = "M303", "group-sessions", Warning, "A peer mentoring group held fewer sessions than required.",
"What: fewer sessions in the group's academic year than `rules.group_sessions_per_year` (default 9). During the year the next session is due by the later of the day an even pace through the year reaches it (required x share of the year elapsed, rounded down) and the last day the sessions still needed fit one a month before the year ends; past that day the group is `overdue`. At the year's end a shortfall is `missed`.
Why: seed 002: \"Each group will meet 9 times\"; \"Groups are expected to meet monthly for 1-1.5 hours\".
Example: a 2025-26 group with no session by 2025-10-31 (nine sessions no longer fit nine months).
Fix: schedule the sessions; log each under `sessions`.
Source: seed 002.";

    /// Member attendance.
    GroupAttendance = "M304", "group-attendance", Warning, "A group member attended fewer sessions than required.",
"What: a member attended fewer than `rules.group_attendance_min` (default 7) of the year's sessions. `missed` at the year's end, or as soon as the sessions still planned (`group_sessions_per_year` minus those held) could not bring them to the minimum.
Why: seed 002: \"Group members should anticipate that they will be able to attend at least 7 of the meetings\".
Example: \"`s-surrogate` attended 5 of 9 sessions held in 2024-25\".
Fix: record attendance under each session's `attended`; a missed year stays in the history.
Source: seed 002.";

    /// Mentor community attendance.
    CommunityAttendance = "M305", "community-attendance", Warning, "A mentor attended fewer mentor community meetings than required.",
"What: a mentor with an active agreement in the academic year attended fewer mentor community meetings than `rules.community_attendance_min` (default 6), prorated like pair meetings by the days their agreements cover. Due at the year's end (or their last agreement's end); `missed` after it.
Why: seed 001: \"Establish a regularly scheduled meeting for the mentors, say 1-hour every month\".
Example: a mentor paired all year who attended 4 meetings.
Fix: record attendance under each meeting's `attended` in `community/<year>.md`.
Source: seed 001.";

    /// Salary-support plan milestone.
    SalaryPlan = "M306", "salary-plan", Warning, "A mentee's salary-support plan is not recorded by 18 months after their start.",
"What: no `milestones.salary_plan` date by `start_date` + `rules.salary_plan_months` (default 18) calendar months (the 31st is clamped to the month's last day). `overdue` from the day after; the due day itself is not.
Why: seed 004: \"how one supports one's salary going forward ... this needs to be addressed no later than year 1.5\".
Example: start 2024-07-01, due 2026-01-01, nothing recorded on 2026-03-01.
Fix: record `milestones: {salary_plan: YYYY-MM-DD}` in the person's file once discussed.
Source: seed 004.";

    /// Fourth-year appraisal preparation.
    AppraisalPrep = "M307", "appraisal-prep", Warning, "A mentee is not recorded as prepared for the fourth-year appraisal.",
"What: no `milestones.appraisal_prep` date by `start_date` + `rules.appraisal_prep_months` (default 36) months.
Why: seed 004: \"Ensuring mentees are prepared, in advance for their fourth-year appraisal\".
Example: start 2023-08-14, due 2026-08-14.
Fix: record `milestones: {appraisal_prep: YYYY-MM-DD}`.
Source: seed 004.";

    /// Promotion packet milestone.
    PromotionPacket = "M308", "promotion-packet", Warning, "A mentee's promotion packet is not prepared 6 months before it is due.",
"What: no `milestones.promotion_packet` date by `promotion_due` - `rules.promotion_packet_months_before` (default 6) months. Only for mentees with `promotion_due`.
Why: seed 004: \"Assist mentees to prepare for packet for promotion to associate professorship 6 months prior to the due date\".
Example: promotion due 2027-07-01, packet due 2027-01-01.
Fix: record `milestones: {promotion_packet: YYYY-MM-DD}`.
Source: seed 004.";

    /// Late signatures.
    AgreementSignature = "M309", "agreement-signature", Warning, "A mentoring agreement was not signed by everyone within 30 days of its start.",
"What: the mentee or a mentor signed more than `rules.signature_days` (default 30) days after `start` (`missed`), or has not signed and the deadline has passed (`overdue`).
Why: seed 003 (Launch): \"Require all pairs/groups to complete the agreement template at the beginning of the program\"; \"Remind pairs/groups to sign their agreements\".
Example: start 2025-02-03, the mentor signed on 2025-03-20, 45 days later.
Fix: sign promptly; a late signature stays in the history.
Source: seed 003.";

    /// Baseline self-assessment.
    BaselineAssessment = "M310", "baseline-assessment", Warning, "No baseline self-assessment within 60 days of an agreement's start.",
"What: the mentee has no `phase: baseline` self-assessment for the agreement (naming it under `agreement`, or naming none and dated from 90 days before the start) dated up to `start` + `rules.baseline_days` (default 60). Late is `missed`, none past the deadline `overdue`.
Why: seed 003 (Prepare): \"By administering a pre-assessment to mentees you will have data to compare and show growth over time.\"
Example: an agreement starting 2025-09-02 needs a baseline by 2025-11-01.
Fix: add `assessments/<mentee>/<date>-<instrument>.md` with `phase: baseline` and `agreement: <id>`.
Source: seed 003.";

    /// Final evaluation.
    FinalAssessment = "M311", "final-assessment", Warning, "No final self-assessment within 60 days after an agreement ended.",
"What: a concluded agreement's mentee has no `phase: final` self-assessment for it dated up to `end` + `rules.final_days` (default 60). Replaced agreements (mentor changes) are exempt.
Why: seed 003 (Conclude): \"be sure to distribute assessments to evaluate the success of the mentoring relationship\".
Example: concluded 2025-06-30, final due by 2025-08-29.
Fix: add `assessments/<mentee>/<date>-<instrument>.md` with `phase: final` and `agreement: <id>`.
Source: seed 003.";

    /// A mentee without a mentor long after their start.
    UnpairedMentee = "M312", "unpaired-mentee", Warning, "A mentee has no active or proposed agreement 90 days after their start.",
"What: a person with the role `mentee` whose `start_date` is more than `rules.unpaired_days` (default 90) days before the as-of date, and who has no agreement with `status: active` or `proposed`. A mentee who has had an agreement (concluded or replaced) is not reported: they were paired.
Why: seed 004 (intake): academic personnel notify the program director of each new recruit, who meets them and recommends a mentor; pairs then meet quarterly. A new faculty member should have a mentor within their first quarter.
Example: a mentee who started on 2025-07-01 with no agreement is `overdue` as of 2025-10-01 (due by 2025-09-29).
Fix: propose an agreement (`mentor new agreement --mentee <id> --mentor <id> --start <date>`).
Source: seed 004.";

    /// A recorded meeting date (or correction) disappeared without a correction.
    RemovedMeeting = "M221", "removed-meeting", Error, "A past meeting date was removed or changed without a correction.",
"What: `mentor check --staged` or `--rev` compares each meeting log with the previous commit. A meeting date on or before the as-of date that was there before is missing now (removed, or changed to another date), and no entry under `corrections:` has `removed:` that date. Also reported: a correction that was there before and is gone, and a deleted meeting log that held past meetings while its agreement stays.
Why: meeting logs are the program's evidence that mentoring pairs meet. Seed 004: \"Only records of when meetings are actually held, to ensure compliance, are kept on file.\" A record that silently loses or moves dates can no longer show compliance.
Example: the log had `- date: 2024-12-11` at HEAD and the staged log does not.
Fix: put the date back, or explain it under `corrections:` with `- {date: 2025-01-03, removed: 2024-12-11, added: 2024-12-12, reason: Entered the wrong day.}` (`added` when the date moved). Logs are compared by agreement id, so moving a log to another file is fine.
Source: seed 004.";

    /// A previous version of a meeting log that the history comparison could not read.
    HistoryNotCompared = "M222", "history-not-compared", Warning, "The previous version of a meeting log could not be read, so its past dates were not compared.",
"What: `mentor check --staged` or `--rev` reads each meeting log as it was in the previous commit, to compare its dates with the log now (M221). That version has an error of its own (a YAML tag, a number written `1_000`, a syntax error, a field the schema does not know), so this log was not compared.
Why: a log the history check cannot read could lose past meeting dates unnoticed.
Example: the committed log has `minutes: !!int 60`, and the staged log drops the meeting of 2025-03-12.
Fix: look at the change by hand (`git diff --cached -- <file>`); once the log is committed in a readable form, later changes are compared again.
Source: seed 004.";

    /// A `severity:` key that names no rule.
    UnknownRule = "M220", "unknown-rule", Error, "`severity:` in `program.md` names a rule that does not exist.",
"What: a key under `severity:` is not the name of a rule (`pair-meetings`, `meeting-gap`, `group-sessions`, `group-attendance`, `community-attendance`, `salary-plan`, `appraisal-prep`, `promotion-packet`, `agreement-signature`, `baseline-assessment`, `final-assessment`, `unpaired-mentee`).
Why: a misspelt rule name would silently leave the rule at its default severity.
Example: `severity: {pair-meeting: error}`.
Fix: use the suggested name; only rules (M301-M312) can be configured.";

    /// A file too large to be a record.
    FileTooLarge = "M223", "file-too-large", Error, "A file where a record may be is larger than mentor reads.",
"What: a file in a record folder is larger than 4 MiB, or its front matter (between the `---` lines) is larger than 1 MiB. mentor checks the size before reading and does not read the file.
Why: a record is a page of text; a file this large is a mistake (a pasted export, a binary, a sparse or growing file) and reading it whole could exhaust memory.
Example: `people/a-example.md` of 300 MB of NUL bytes.
Fix: move the file out of the program folder, or cut the record down to its fields.";

    /// Something at a record path that is not a regular file.
    NotAFile = "M224", "not-a-file", Error, "Something where a record may be is not a regular file (a folder, a named pipe, a device).",
"What: a path that names a record (`people/x.md`) is a folder, a named pipe (FIFO), a socket or a device. mentor does not open it (opening a pipe would wait forever).
Why: a record that silently is not read is a record that silently is not checked.
Example: `mkfifo people/x.md`, or a folder `people/x.md/`.
Fix: remove it, or rename a folder so it does not end in `.md`.";

    /// An application names a topic the program does not list.
    UnknownTopic = "M225", "unknown-topic", Error, "A peer group application names a topic the program does not list.",
"What: an entry of `topics` in `applications/<year>/<person>.md` is not in the program's topic list: `matching.topics` in `program.md`, by default seed 002's suggested topics (`managing-a-research-group`, `managing-a-clinical-practice`, `developing-a-research-agenda`, `teaching`, `work-life-integration`, `diversity-and-inclusion`, `planning-for-promotion`, `professional-presence`, `collegial-relationships`, `other`).
Why: groups are matched on shared topics (seed 002: \"based on interests\"); a topic nobody else can choose never matches.
Example: `topics: [teachng]`.
Fix: use the suggested id; for a topic not on the list write `other` and describe it in `other_topic`, or add the topic to `matching.topics`.
Source: seed 002.";

    /// An application or person names a weekly slot the program does not define.
    UnknownSlot = "M226", "unknown-slot", Error, "An application or person names a weekly meeting slot the program does not define.",
"What: an entry of `availability` (in an application, or a facilitator's person record) is not in `matching.slots` in `program.md` (default `mon-am`, `mon-pm`, ... `fri-pm`).
Why: groups are matched on availability to meet (seed 002); a slot nobody else can name never matches.
Example: `availability: [tuesday-pm]`.
Fix: use the suggested slot id, or add the slot to `matching.slots`.
Source: seed 002.";

    /// An applicant the program's eligibility rules leave out.
    NotEligible = "M227", "not-eligible", Error, "A peer group applicant's rank or start year is outside the program's eligibility.",
"What: the person of an application has a rank not in `matching.eligible_ranks` (default `[assistant-professor]`), or joined the faculty (`start_date`) before `matching.joined_since`.
Why: seed 002: applications are accepted \"from Assistant Professors who joined the faculty in 2017 or later\"; `mentor match groups` leaves ineligible applicants unplaced.
Example: an `associate-professor` applies under the default `eligible_ranks`.
Fix: withdraw the application (delete the file), or widen `matching.eligible_ranks` / `matching.joined_since` in `program.md`.
Source: seed 002.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_are_unique_and_well_formed() {
        let mut ids = std::collections::BTreeSet::new();
        let mut names = std::collections::BTreeSet::new();
        for code in Code::ALL {
            let info = code.info();
            assert!(ids.insert(info.id), "duplicate id {}", info.id);
            assert!(names.insert(info.name), "duplicate name {}", info.name);
            assert!(
                info.id.len() == 4 && info.id.starts_with('M'),
                "{}",
                info.id
            );
            assert!(info.explanation.starts_with("What:"), "{}", info.id);
        }
    }

    /// `Code::ALL` is the declaration order, which is also `Code`'s `Ord` (diagnostics at the
    /// same place sort by it), and codes are appended: M220-M222 came after the M3xx rules, so
    /// the order is not numeric. Within each hundred, ids ascend except for those appended
    /// later, which follow the rules' block. A code inserted out of place fails here.
    #[test]
    fn all_is_the_declaration_order_and_each_block_ascends() {
        let mut by_ord = Code::ALL.to_vec();
        by_ord.sort();
        assert_eq!(by_ord, Code::ALL, "ALL is in Ord (declaration) order");
        let ids: Vec<&str> = Code::ALL.iter().map(|c| c.id()).collect();
        let rules = ids
            .iter()
            .position(|id| id.starts_with("M3"))
            .unwrap_or(ids.len());
        let (before, after) = ids.split_at(rules);
        let ascending = |ids: &[&str]| ids.windows(2).all(|w| w[0] < w[1]);
        assert!(ascending(before), "{before:?}");
        let rule_ids: Vec<&str> = after
            .iter()
            .copied()
            .filter(|id| id.starts_with("M3"))
            .collect();
        assert!(ascending(&rule_ids), "{rule_ids:?}");
        assert_eq!(
            after
                .iter()
                .filter(|id| !id.starts_with("M3"))
                .copied()
                .collect::<Vec<_>>(),
            [
                "M221", "M222", "M220", "M223", "M224", "M225", "M226", "M227"
            ],
            "codes appended after the rules, in the order they were added"
        );
    }

    #[test]
    fn looks_up_by_id_or_name() {
        assert_eq!(Code::lookup("m203"), Some(Code::UnknownReference));
        assert_eq!(
            Code::lookup("unknown-reference"),
            Some(Code::UnknownReference)
        );
        assert_eq!(Code::lookup("nope"), None);
    }
}
