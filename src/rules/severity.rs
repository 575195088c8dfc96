//! From findings to `mentor check` diagnostics: `overdue` and `missed` findings become warnings
//! (or errors, or nothing) as `severity:` in `program.md` says, and rule names there that do not
//! exist are reported (M220 `unknown-rule`).

use super::{Evaluation, Rule, Status};
use crate::diag::{Code, Diagnostic, Part, Severity};
use crate::model::{Program, SeverityLevel};
use crate::pointer::escape;
use crate::suggest;

/// The diagnostics of an evaluation: one per `overdue` or `missed` finding, at the severity the
/// program configures for its rule (default: warning; `off` drops it), except M309 `overdue`
/// (a missing signature is already the error M212), plus one M220
/// `unknown-rule` error per name under `severity:` that is not a rule.
pub fn diagnostics(program: &Program, evaluation: &Evaluation) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let config = program.config.as_ref();
    if let Some(config) = config {
        for name in config.severity.keys() {
            if Rule::lookup(name).is_some() {
                continue;
            }
            let mut d = Diagnostic::new(
                Code::UnknownRule,
                &config.path,
                format!("`severity` names `{name}`, which is not a rule"),
            )
            .at_key(format!("/severity/{}", escape(name)));
            let rules = Rule::ALL.map(Rule::name);
            let suggestion = Rule::lookup_loosely(name)
                .map(Rule::name)
                .or_else(|| suggest::closest(name, rules));
            d = match suggestion {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None if Code::lookup(name).is_some() => d.with_help(format!(
                    "`{name}` is a record check, not a rule; only rules can be configured: {}",
                    rules.join(", ")
                )),
                None => d.with_help(format!("the rules are: {}", rules.join(", "))),
            };
            out.push(d);
        }
    }
    for f in evaluation
        .findings
        .iter()
        .filter(|f| f.status.is_reported())
    {
        if f.rule == Rule::AgreementSignature
            && f.status == Status::Overdue
            && !is_draft(program, &f.path)
        {
            // Someone has not signed: M212 (or M206 for a signature dated later) already says
            // so as an error. M309 reports lateness: signatures made after the deadline.
            continue;
        }
        let level = config.and_then(|c| c.severity.get(f.rule.name()).copied());
        let severity = match level {
            Some(SeverityLevel::Off) => continue,
            Some(SeverityLevel::Error) => Severity::Error,
            Some(SeverityLevel::Warning) | None => Severity::Warning,
        };
        let message = format!("{}: {} ({})", f.label, f.message, f.status);
        let mut d = Diagnostic::new(f.code, &f.path, message).with_severity(severity);
        d = match f.part {
            Part::Key => d.at_key(f.pointer.as_str()),
            Part::Value => d.at_value(f.pointer.as_str()),
        };
        if let Some(help) = &f.help {
            d = d.with_help(help.as_str());
        }
        out.push(d);
    }
    out
}

/// Whether the record at `path` is a draft agreement (`status: proposed`), for which a missing
/// signature is not the error M212, so M309 `overdue` is the reminder.
fn is_draft(program: &Program, path: &str) -> bool {
    program
        .agreements
        .iter()
        .any(|a| a.path == path && a.status == crate::model::AgreementStatus::Proposed)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::rules::evaluate;
    use crate::rules::fixture::{Fixture, d};

    fn program(severity: &[(&str, SeverityLevel)]) -> Program {
        let mut program = Fixture::new()
            .person("v", "2024-07-01", &["mentee"], json!({}))
            .build();
        if let Some(config) = program.config.as_mut() {
            config.severity = severity
                .iter()
                .map(|(k, v)| ((*k).to_owned(), *v))
                .collect();
            // The mentee has no agreement; these tests are about the salary-plan row only.
            config
                .severity
                .entry("unpaired-mentee".to_owned())
                .or_insert(SeverityLevel::Off);
        }
        program
    }

    fn run(program: &Program) -> Vec<Diagnostic> {
        diagnostics(program, &evaluate(program, d("2026-03-01")))
    }

    #[test]
    fn reports_overdue_findings_as_warnings_by_default() {
        let found = run(&program(&[]));
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].code, found[0].severity),
            (Code::SalaryPlan, Severity::Warning)
        );
        assert_eq!(found[0].path, "people/v.md");
        assert_eq!(found[0].pointer.as_deref(), Some("/start_date"));
        assert!(
            found[0]
                .message
                .starts_with("v: salary-support plan was due by 2026-01-01")
        );
        assert!(found[0].message.ends_with("59 days overdue (overdue)"));
    }

    #[test]
    fn applies_the_configured_severity() {
        let found = run(&program(&[("salary-plan", SeverityLevel::Error)]));
        assert_eq!(found[0].severity, Severity::Error);
        assert!(run(&program(&[("salary-plan", SeverityLevel::Off)])).is_empty());
    }

    #[test]
    fn leaves_a_missing_signature_to_m212_and_skips_unknown_mentees() {
        let mut program = Fixture::new()
            .rules(|r| r.baseline_days = 400)
            .person("a", "2025-08-01", &["mentee"], json!({}))
            .agreement(
                "2025-a",
                "a",
                &["b"],
                ("2025-09-01", "2027-08-31"),
                json!({"signatures": [{"person": "a", "date": "2025-09-01"}]}),
            )
            .meetings("2025-a", &["2025-09-15", "2026-01-15"])
            .community("2025-26", &[])
            .build();
        let evaluation = evaluate(&program, d("2026-03-01"));
        let signature = evaluation
            .findings
            .iter()
            .find(|f| f.rule == Rule::AgreementSignature)
            .expect("a signature row");
        assert_eq!(signature.status, crate::rules::Status::Overdue);
        assert!(diagnostics(&program, &evaluation).is_empty());

        program.people.retain(|p| p.id != "a");
        program.index();
        let evaluation = evaluate(&program, d("2026-03-01"));
        assert!(
            evaluation
                .findings
                .iter()
                .all(|f| f.kind != crate::rules::Kind::Pair),
            "no pair rows for an agreement whose mentee is unknown"
        );
    }

    #[test]
    fn reports_unknown_rule_names_with_a_suggestion() {
        let found = run(&program(&[
            ("salary-plna", SeverityLevel::Off),
            ("duplicate-id", SeverityLevel::Off),
            ("whatever", SeverityLevel::Off),
        ]));
        let unknown: Vec<(&str, Option<&str>)> = found
            .iter()
            .filter(|d| d.code == Code::UnknownRule)
            .map(|d| (d.pointer.as_deref().unwrap_or(""), d.help.as_deref()))
            .collect();
        assert_eq!(unknown.len(), 3);
        assert_eq!(
            unknown[1],
            ("/severity/salary-plna", Some("did you mean `salary-plan`?"))
        );
        assert!(
            unknown[0]
                .1
                .is_some_and(|h| h.starts_with("`duplicate-id` is a record check"))
        );
        assert!(
            unknown[2]
                .1
                .is_some_and(|h| h.starts_with("the rules are: pair-meetings"))
        );
    }

    #[test]
    fn suggests_the_rule_name_for_a_lowercase_rule_code() {
        let found = run(&program(&[("m301", SeverityLevel::Off)]));
        let help: Vec<Option<&str>> = found
            .iter()
            .filter(|d| d.code == Code::UnknownRule)
            .map(|d| d.help.as_deref())
            .collect();
        assert_eq!(help, [Some("did you mean `pair-meetings`?")]);
    }
}
