//! Human output: `path:line:col: error[CODE]: message`, a source snippet (annotate-snippets),
//! help and related lines, and one summary line.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Diagnostic, Severity, Summary};
use crate::load::Sources;

/// Renders diagnostics for a terminal or a log. `color` turns on ANSI styles.
pub fn render(
    diagnostics: &[Diagnostic],
    summary: &Summary,
    sources: &Sources,
    color: bool,
) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&format!(
            "{}:{}:{}: {}[{}]: {}\n",
            d.path,
            d.line(),
            d.column(),
            d.severity.as_str(),
            d.code.id(),
            d.message
        ));
        if let (Some(span), Some((file, _))) = (d.span.clone(), sources.get(&d.path))
            && !file.text.is_empty()
        {
            {
                let level = match d.severity {
                    Severity::Error => Level::ERROR,
                    Severity::Warning => Level::WARNING,
                };
                let end = span.end.max(span.start).min(file.text.len());
                let start = span.start.min(end);
                let report = [Group::with_level(level).element(
                    Snippet::source(file.text.as_str()).fold(true).annotation(
                        AnnotationKind::Primary
                            .span(start..end)
                            .label(d.code.name()),
                    ),
                )];
                out.push_str(&renderer.render(&report));
                out.push('\n');
            }
        }
        if let Some(help) = &d.help {
            out.push_str(&format!("  = help: {help}\n"));
        }
        if let Some(related) = &d.related {
            match related.position {
                Some(p) => out.push_str(&format!(
                    "  = note: {} at {}:{}:{}\n",
                    related.message, related.path, p.line, p.column
                )),
                None => out.push_str(&format!(
                    "  = note: {} in {}\n",
                    related.message, related.path
                )),
            }
        }
        out.push('\n');
    }
    out.push_str(&summary.to_string());
    out.push('\n');
    out
}
