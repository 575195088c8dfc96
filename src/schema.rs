//! The JSON Schemas in `schema/`, embedded in the binary, and schema findings as diagnostics.
//!
//! The only module that knows jsonschema. Each schema is compiled once per process. A finding's
//! JSON Pointer is kept on the diagnostic; `locate` turns it into a line and column.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use crate::diag::{Code, Diagnostic};
use crate::layout::RecordKind;
use crate::suggest;

/// The schema text of a record kind, as shipped in `schema/<kind>.schema.json` (from
/// [`crate::layout::KINDS`]).
pub fn text(kind: RecordKind) -> &'static str {
    kind.spec().schema
}

struct Compiled {
    schema: Value,
    validator: jsonschema::Validator,
}

/// Why a shipped schema could not be used (a bug in this build, never the user's records).
#[derive(Debug, thiserror::Error)]
#[error("the built-in schema for {kind} is broken: {message}")]
pub struct SchemaError {
    /// The record kind's name.
    pub kind: &'static str,
    /// What the JSON or schema compiler said.
    pub message: String,
}

fn compile(kind: RecordKind) -> Result<Compiled, SchemaError> {
    let broken = |message: String| SchemaError {
        kind: kind.name(),
        message,
    };
    let schema: Value = serde_json::from_str(text(kind)).map_err(|e| broken(e.to_string()))?;
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .map_err(|e| broken(e.to_string()))?;
    Ok(Compiled { schema, validator })
}

fn compiled(kind: RecordKind) -> Result<&'static Compiled, &'static SchemaError> {
    static CACHE: [OnceLock<Result<Compiled, SchemaError>>; RecordKind::COUNT] =
        [const { OnceLock::new() }; RecordKind::COUNT];
    CACHE[kind as usize].get_or_init(|| compile(kind)).as_ref()
}

/// Validates a record's front matter against its kind's schema.
///
/// Returns one diagnostic per finding (M101 unknown field, M102 missing field, M103 invalid value,
/// M104 invalid date; M213 for extra fields in a meeting log), anchored at JSON Pointers.
///
/// # Errors
/// [`SchemaError`] if the shipped schema itself is broken.
pub fn validate(
    kind: RecordKind,
    path: &str,
    value: &Value,
) -> Result<Vec<Diagnostic>, &'static SchemaError> {
    let compiled = compiled(kind)?;
    if compiled.validator.is_valid(value) {
        return Ok(Vec::new());
    }
    let mut out: Vec<Diagnostic> = Vec::new();
    for error in compiled.validator.iter_errors(value) {
        let pointer = error.instance_path().as_str().to_owned();
        let schema_path = error.schema_path().as_str().to_owned();
        if let Some(note) = note_in_meeting_log(kind, path, &pointer, error.instance()) {
            out.push(note);
            continue;
        }
        let finding = Finding {
            kind,
            path,
            pointer: &pointer,
            schema_path: &schema_path,
            schema: &compiled.schema,
            instance: error.instance(),
        };
        finding.diagnostics(error.kind(), &mut out);
    }
    Ok(merge_missing(out))
}

/// M213 instead of M103 for a meeting-log value that is text with white space in it, where a
/// date, a number of minutes or a modality belongs (`modality: thinking of leaving`): none of
/// those holds a space, so such a value reads as a note, and the diagnostic must not repeat it
/// (seed 004: nothing said in a meeting is kept). It names the place and the length only; the
/// renderers show no snippet for M213.
fn note_in_meeting_log(
    kind: RecordKind,
    path: &str,
    pointer: &str,
    instance: &Value,
) -> Option<Diagnostic> {
    let text = instance.as_str()?;
    if kind != RecordKind::MeetingLog || !text.chars().any(char::is_whitespace) {
        return None;
    }
    Some(
        Diagnostic::new(
            Code::ConfidentialityBreach,
            path,
            format!(
                "meeting log has text where a date, minutes or modality belongs ({} characters); only meeting dates are kept",
                text.chars().count()
            ),
        )
        .at_value(pointer)
        .with_help(
            "replace it with the date (YYYY-MM-DD), the minutes or the modality; seed 004 keeps no notes of mentoring meetings",
        ),
    )
}

struct Finding<'a> {
    kind: RecordKind,
    path: &'a str,
    pointer: &'a str,
    schema_path: &'a str,
    schema: &'a Value,
    instance: &'a Value,
}

impl Finding<'_> {
    fn field(&self) -> String {
        field_name(self.pointer)
    }

    /// The schema object that holds the failing keyword.
    fn schema_node(&self) -> Option<&Value> {
        let parent = self.schema_path.rsplit_once('/').map_or("", |(p, _)| p);
        self.schema.pointer(parent)
    }

    fn diagnostics(&self, kind: &ValidationErrorKind, out: &mut Vec<Diagnostic>) {
        let field = self.field();
        match kind {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let known: Vec<String> = self
                    .schema_node()
                    .and_then(|n| n.get("properties"))
                    .and_then(Value::as_object)
                    .map(|p| p.keys().cloned().collect())
                    .unwrap_or_default();
                for key in unexpected {
                    let pointer = format!("{}/{}", self.pointer, crate::pointer::escape(key));
                    let d = if self.kind == RecordKind::MeetingLog {
                        Diagnostic::new(
                            Code::ConfidentialityBreach,
                            self.path,
                            // The field's name is not repeated: it may itself be the note (seed 004).
                            format!("meeting log has a field that is not `agreement`, `meetings` (`date`, `minutes`, `modality`) or `corrections` (its name has {} characters); only meeting dates are kept", key.chars().count()),
                        )
                        .with_help("remove it: a meeting log records only `date`, `minutes` and `modality` of each meeting (seed 004)")
                    } else {
                        let d = Diagnostic::new(
                            Code::UnknownField,
                            self.path,
                            format!(
                                "unknown field `{}` in {}",
                                field_name(&pointer),
                                self.kind.noun()
                            ),
                        );
                        match suggest::closest(key, known.iter().map(String::as_str)) {
                            Some(s) => d.with_help(format!("did you mean `{s}`?")),
                            None => {
                                d.with_help(format!("known fields here: {}", backticked(&known)))
                            }
                        }
                    };
                    out.push(d.at_key(pointer));
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                let full = if self.pointer.is_empty() {
                    format!("`{name}`")
                } else {
                    format!("`{name}` in `{field}`")
                };
                out.push(
                    Diagnostic::new(
                        Code::MissingField,
                        self.path,
                        format!("missing required field {full}"),
                    )
                    .at_key(self.pointer),
                );
            }
            ValidationErrorKind::Format { format } if format == "date" => {
                let shown = show(self.instance);
                let reason = match self.instance.as_str().map(str::parse::<jiff::civil::Date>) {
                    Some(Err(e)) if looks_like_iso_date(self.instance) => format!(": {e}"),
                    _ => String::new(),
                };
                out.push(
                    Diagnostic::new(
                        Code::InvalidDate,
                        self.path,
                        format!("`{field}` is {shown}, not a valid date{reason}"),
                    )
                    .with_help("write dates as YYYY-MM-DD, e.g. `2025-09-14`")
                    .at_value(self.pointer),
                );
            }
            ValidationErrorKind::Enum { options } => {
                let allowed: Vec<String> = options
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default();
                let d = Diagnostic::new(
                    Code::InvalidValue,
                    self.path,
                    format!(
                        "`{field}` is {}, expected one of {}",
                        show(self.instance),
                        backticked(&allowed)
                    ),
                );
                let d = match self
                    .instance
                    .as_str()
                    .and_then(|s| suggest::closest(s, allowed.iter().map(String::as_str)))
                {
                    Some(s) => d.with_help(format!("did you mean `{s}`?")),
                    None => d,
                };
                out.push(d.at_value(self.pointer));
            }
            ValidationErrorKind::Pattern { pattern } => {
                let what = pattern_description(pattern);
                out.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        self.path,
                        format!("`{field}` is {}, expected {what}", show(self.instance)),
                    )
                    .at_value(self.pointer),
                );
            }
            ValidationErrorKind::Type { kind } => {
                let expected = match kind {
                    TypeKind::Single(t) => t.to_string(),
                    TypeKind::Multiple(set) => set
                        .iter()
                        .map(|t| t.to_string())
                        .collect::<Vec<_>>()
                        .join(" or "),
                };
                let mut diagnostic = Diagnostic::new(
                    Code::InvalidValue,
                    self.path,
                    format!(
                        "`{field}` is {}, expected {}",
                        describe(self.instance),
                        article(&expected)
                    ),
                )
                .at_value(self.pointer);
                if let Some(number) = leading_zero_number(self.instance) {
                    diagnostic = diagnostic.with_help(format!(
                        "a number written with a leading zero is read as text: YAML 1.1 reads it as \
                         octal and YAML 1.2 as decimal, so its meaning depends on the reader; \
                         write `{number}`"
                    ));
                }
                out.push(diagnostic);
            }
            ValidationErrorKind::PropertyNames { error } => {
                out.push(self.bad_key(error.instance(), error.kind()));
            }
            other => {
                let message = match other {
                    ValidationErrorKind::Minimum { limit } => format!(
                        "`{field}` is {}, below the minimum of {limit}",
                        show(self.instance)
                    ),
                    ValidationErrorKind::Maximum { limit } => format!(
                        "`{field}` is {}, above the maximum of {limit}",
                        show(self.instance)
                    ),
                    ValidationErrorKind::MinItems { limit } => {
                        format!("`{field}` needs at least {limit} item(s)")
                    }
                    ValidationErrorKind::MaxItems { limit } => {
                        format!("`{field}` has more than {limit} item(s)")
                    }
                    ValidationErrorKind::UniqueItems => {
                        format!("`{field}` lists the same value twice")
                    }
                    ValidationErrorKind::MinLength { .. } => format!("`{field}` is empty"),
                    ValidationErrorKind::Format { format } => {
                        format!("`{field}` is {}, not a valid {format}", show(self.instance))
                    }
                    _ => format!("`{field}`: {}", other_message(other, self.instance)),
                };
                out.push(
                    Diagnostic::new(Code::InvalidValue, self.path, message).at_value(self.pointer),
                );
            }
        }
    }
}

impl Finding<'_> {
    /// A key of the mapping at `self.pointer` that `propertyNames` rejects (`MCS-01` under
    /// `responses`, `M301` under `severity`), pointed at the key itself.
    fn bad_key(&self, key: &Value, kind: &ValidationErrorKind) -> Diagnostic {
        let key = key.as_str().map_or_else(|| key.to_string(), str::to_owned);
        let field = self.field();
        let what = match kind {
            ValidationErrorKind::Pattern { pattern } => pattern_description(pattern),
            _ => "allowed here",
        };
        let what = what.strip_suffix(" like `a-example`").unwrap_or(what);
        let d = Diagnostic::new(
            Code::InvalidValue,
            self.path,
            format!("key `{key}` in `{field}` is not {what}"),
        )
        .at_key(format!("{}/{}", self.pointer, crate::pointer::escape(&key)));
        let is_severity = self.kind == RecordKind::Program && self.pointer == "/severity";
        let suggestion = if is_severity {
            Code::rules()
                .find(|c| c.id().eq_ignore_ascii_case(&key) || c.name().eq_ignore_ascii_case(&key))
                .map(|c| c.name().to_owned())
        } else {
            Some(key.to_ascii_lowercase()).filter(|lower| *lower != key && is_kebab_id(lower))
        };
        match suggestion {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None if is_severity => d.with_help(format!(
                "keys under `severity` are rule names: {}",
                Code::rules().map(Code::name).collect::<Vec<_>>().join(", ")
            )),
            None => d,
        }
    }
}

/// What a schema `pattern` asks for, in words.
fn pattern_description(pattern: &str) -> &'static str {
    match pattern {
        p if p.starts_with("^[a-z0-9]+(-[a-z0-9]+)*") => {
            "a lowercase kebab-case id like `a-example`"
        }
        p if p.contains("[0-9]{4}-[0-9]{2}$") => "an academic year like `2025-26`",
        p if p.starts_with("^(0[1-9]|1[0-2])") => "a month and day like `07-01`",
        _ => "in the expected form",
    }
}

/// Whether `text` is a lowercase kebab-case id (`mcs-01`), as the schemas' id pattern says.
fn is_kebab_id(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Merges "missing required field" findings at the same place into one diagnostic.
fn merge_missing(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    let mut missing: Vec<(Option<String>, Vec<String>, Diagnostic)> = Vec::new();
    for d in diagnostics {
        if d.code != Code::MissingField {
            out.push(d);
            continue;
        }
        let name = d.message.split('`').nth(1).unwrap_or_default().to_owned();
        match missing.iter_mut().find(|(p, _, _)| *p == d.pointer) {
            Some((_, names, _)) => names.push(name),
            None => missing.push((d.pointer.clone(), vec![name], d)),
        }
    }
    for (pointer, names, mut d) in missing {
        if names.len() > 1 {
            let listed = backticked(&names);
            d.message = match pointer.as_deref() {
                Some("") | None => format!("missing required fields {listed}"),
                Some(p) => format!("missing required fields {listed} in `{}`", field_name(p)),
            };
        }
        out.push(d);
    }
    out
}

fn other_message(kind: &ValidationErrorKind, instance: &Value) -> String {
    format!("{} does not satisfy `{}`", show(instance), kind.keyword())
}

fn looks_like_iso_date(value: &Value) -> bool {
    value.as_str().is_some_and(|s| {
        let b = s.as_bytes();
        b.len() == 10 && b[4] == b'-' && b[7] == b'-'
    })
}

fn article(word: &str) -> String {
    match word.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {word}"),
        _ => format!("a {word}"),
    }
}

/// The decimal number a text such as `010` spells (`10`), when it is digits with a leading zero:
/// such values stay text (see [`crate::parse::yaml`]), so a field that wants a number says how to
/// write it.
fn leading_zero_number(value: &Value) -> Option<String> {
    let text = value.as_str()?;
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.len() < 2 || !digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let trimmed = digits.trim_start_matches('0');
    let sign = if text.starts_with('-') { "-" } else { "" };
    Some(format!(
        "{sign}{}",
        if trimmed.is_empty() { "0" } else { trimmed }
    ))
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "empty".to_owned(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("the text `{s}`"),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a mapping".to_owned(),
    }
}

fn show(value: &Value) -> String {
    match value {
        Value::String(s) => format!("`{s}`"),
        Value::Null => "empty".to_owned(),
        other => format!("`{other}`"),
    }
}

fn backticked(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Renders a JSON Pointer as a field path users read (`/meetings/2/date` -> `meetings[2].date`).
pub fn field_name(pointer: &str) -> String {
    let mut out = String::new();
    for segment in pointer.split('/').skip(1) {
        let segment = crate::pointer::unescape(segment);
        if segment.parse::<usize>().is_ok() && !out.is_empty() {
            out.push_str(&format!("[{segment}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&segment);
        }
    }
    if out.is_empty() {
        "front matter".to_owned()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use test_case::test_case;

    #[test]
    fn every_schema_compiles() {
        for kind in RecordKind::all() {
            assert!(compiled(kind).is_ok(), "{}", kind.name());
        }
    }

    #[test_case("010", Some("10"); "leading zero")]
    #[test_case("-007", Some("-7"); "negative")]
    #[test_case("00", Some("0"); "zeros")]
    #[test_case("10", None; "no leading zero")]
    #[test_case("0", None; "a lone zero")]
    #[test_case("0x10", None; "not digits")]
    fn spells_leading_zero_numbers(text: &str, number: Option<&str>) {
        assert_eq!(leading_zero_number(&json!(text)).as_deref(), number);
    }

    #[test_case("/meetings/2/date", "meetings[2].date")]
    #[test_case("/id", "id")]
    #[test_case("", "front matter")]
    #[test_case("/responses/a~1b", "responses.a/b")]
    fn names_fields(pointer: &str, name: &str) {
        assert_eq!(field_name(pointer), name);
    }

    fn codes(kind: RecordKind, value: Value) -> Vec<(Code, String)> {
        validate(kind, "x.md", &value)
            .expect("schema")
            .into_iter()
            .map(|d| (d.code, d.pointer.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn reports_unknown_fields_with_a_suggestion() {
        let value = json!({"agreement": "a", "meetings": [], "notes": "x"});
        assert_eq!(
            codes(RecordKind::MeetingLog, value),
            vec![(Code::ConfidentialityBreach, "/notes".to_owned())]
        );
        let d = validate(RecordKind::Summary, "x.md", &json!({"mentee": "a-example", "academic_year": "2025-26", "conference_dat": "2026-01-01"})).expect("schema");
        assert_eq!(d[0].code, Code::UnknownField);
        assert_eq!(
            d[0].help.as_deref(),
            Some("did you mean `conference_date`?")
        );
    }

    fn assessment(responses: Value) -> Value {
        json!({"person": "a-example", "instrument": "mcs", "date": "2025-09-20",
               "phase": "baseline", "responses": responses})
    }

    #[test]
    fn points_at_a_response_key_that_is_not_an_id() {
        let d = validate(
            RecordKind::Assessment,
            "x.md",
            &assessment(json!({"mcs-02": 3, "MCS-01": 3, "Bad Key": 2})),
        )
        .expect("schema");
        let found: Vec<(&str, &str, Option<&str>)> = d
            .iter()
            .map(|d| {
                (
                    d.pointer.as_deref().unwrap_or_default(),
                    d.message.as_str(),
                    d.help.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "/responses/Bad Key",
                    "key `Bad Key` in `responses` is not a lowercase kebab-case id",
                    None
                ),
                (
                    "/responses/MCS-01",
                    "key `MCS-01` in `responses` is not a lowercase kebab-case id",
                    Some("did you mean `mcs-01`?")
                ),
            ]
        );
        assert!(d.iter().all(|d| d.code == Code::InvalidValue
            && d.anchor
                == crate::diag::Anchor::Pointer {
                    pointer: d.pointer.clone().unwrap_or_default(),
                    part: crate::diag::Part::Key
                }));
    }

    #[test_case("M301", Some("did you mean `pair-meetings`?"); "a rule's code")]
    #[test_case("Meeting-Gap", Some("did you mean `meeting-gap`?"); "a rule's name in capitals")]
    #[test_case("M203", None; "a record check's code")]
    fn points_at_a_severity_key_that_is_not_a_rule_name(key: &str, help: Option<&str>) {
        let program = json!({"name": "P", "division": "D", "director": "c-example",
                             "chief": "d-example", "severity": {key: "error"}});
        let d = validate(RecordKind::Program, "program.md", &program).expect("schema");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].pointer.as_deref(),
            Some(format!("/severity/{key}").as_str())
        );
        assert_eq!(
            d[0].message,
            format!("key `{key}` in `severity` is not a lowercase kebab-case id")
        );
        match help {
            Some(help) => assert_eq!(d[0].help.as_deref(), Some(help)),
            None => assert!(
                d[0].help.as_deref().is_some_and(
                    |h| h.starts_with("keys under `severity` are rule names: pair-meetings,")
                ),
                "{:?}",
                d[0].help
            ),
        }
    }

    #[test]
    fn reports_impossible_dates() {
        let d = validate(RecordKind::Summary, "x.md", &json!({"mentee": "a-example", "academic_year": "2025-26", "conference_date": "2023-02-29"})).expect("schema");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::InvalidDate);
        assert_eq!(d[0].pointer.as_deref(), Some("/conference_date"));
    }
}
