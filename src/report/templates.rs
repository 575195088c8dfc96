//! The report templates: built-ins embedded from `templates/`, overridden by name by a program's
//! own `templates/` folder. The only module that knows tera.

use std::error::Error as _;

use serde::Serialize;

/// Built-in templates: (name, text). File `templates/<name>.tera` in this repository.
pub const BUILT_IN: [(&str, &str); 7] = [
    ("base.html", include_str!("../../templates/base.html.tera")),
    (
        "career-summary.html",
        include_str!("../../templates/career-summary.html.tera"),
    ),
    (
        "career-summary.md",
        include_str!("../../templates/career-summary.md.tera"),
    ),
    (
        "quarterly.html",
        include_str!("../../templates/quarterly.html.tera"),
    ),
    (
        "quarterly.md",
        include_str!("../../templates/quarterly.md.tera"),
    ),
    (
        "index.html",
        include_str!("../../templates/index.html.tera"),
    ),
    ("index.md", include_str!("../../templates/index.md.tera")),
];

/// A template could not be parsed or rendered.
#[derive(Debug, thiserror::Error)]
#[error("template `{name}`{origin}: {message}")]
pub struct TemplateError {
    /// The template's name (`career-summary.html`).
    pub name: String,
    /// Where it came from (` (from templates/career-summary.html.tera)` or empty for built-ins).
    pub origin: String,
    /// tera's message with its whole source chain (file, line and column included).
    pub message: String,
}

/// The loaded templates.
pub struct Templates {
    tera: tera::Tera,
    overridden: Vec<(String, String)>,
}

/// Registers every custom filter: `md` escapes a record value for Markdown text and table cells;
/// `md_body` keeps a Markdown body but turns raw HTML into text, and drops links that could run
/// code and images (see [`crate::parse::body::to_safe_markdown`]); `nobreak`
/// escapes a value for HTML and keeps each hyphenated word (dates, ids) on one line.
fn register_filters(tera: &mut tera::Tera) {
    tera.register_filter("nobreak", |text: &str, _: tera::Kwargs, _: &tera::State| {
        tera::Value::safe_string(&nobreak(text))
    });
    tera.register_filter("md", |text: &str, _: tera::Kwargs, _: &tera::State| {
        escape_markdown(text)
    });
    tera.register_filter("md_body", |text: &str, _: tera::Kwargs, _: &tera::State| {
        crate::parse::body::to_safe_markdown(text)
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    });
}

/// Escapes `text` for HTML and wraps every space-separated word that holds a hyphen (an ISO
/// date `2026-06-30`, an id `2024-p-mockup`, a year `2025-26`) in `<span class="nw">`, which
/// the stylesheet keeps on one line (`white-space: nowrap`), so a narrow column or the printed
/// page never breaks `2026-06-` from `30`. Copying the text still gives plain hyphens.
pub(super) fn nobreak(text: &str) -> String {
    let escape = |word: &str| {
        let mut out = String::with_capacity(word.len());
        for c in word.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                _ => out.push(c),
            }
        }
        out
    };
    text.split(' ')
        .map(|word| {
            if word.contains('-') {
                format!("<span class=\"nw\">{}</span>", escape(word))
            } else {
                escape(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes Markdown punctuation in a value from the records, and folds line breaks, so it reads
/// as plain text in a paragraph, list item or table cell.
pub(super) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn chain(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str("\n  caused by: ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message
}

impl Templates {
    /// Loads the built-ins, then the program's overrides: `(file name, text)` pairs from its
    /// `templates/` folder, where `career-summary.html.tera` replaces the built-in of that name.
    ///
    /// # Errors
    /// [`TemplateError`] naming the template that does not parse.
    pub fn new(overrides: &[(String, String)]) -> Result<Self, TemplateError> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html"]);
        register_filters(&mut tera);
        let mut overridden = Vec::new();
        let mut all: Vec<(String, String, String)> = BUILT_IN
            .iter()
            .map(|(n, t)| ((*n).to_owned(), (*t).to_owned(), String::new()))
            .collect();
        for (file, text) in overrides {
            let name = file.strip_suffix(".tera").unwrap_or(file).to_owned();
            let origin = format!(" (from templates/{file})");
            overridden.push((name.clone(), file.clone()));
            match all.iter_mut().find(|(n, _, _)| *n == name) {
                Some(slot) => *slot = (name, text.clone(), origin),
                None => all.push((name, text.clone(), origin)),
            }
        }
        tera.add_raw_templates(all.iter().map(|(n, t, _)| (n.as_str(), t.as_str())))
            .map_err(|e| {
                let message = chain(&e);
                let culprit = all
                    .iter()
                    .find(|(n, _, _)| message.contains(n.as_str()))
                    .map_or_else(
                        || ("templates".to_owned(), String::new()),
                        |(n, _, o)| (n.clone(), o.clone()),
                    );
                TemplateError {
                    name: culprit.0,
                    origin: culprit.1,
                    message,
                }
            })?;
        Ok(Templates { tera, overridden })
    }

    /// Renders template `name` with `value` as its context.
    ///
    /// # Errors
    /// [`TemplateError`] with tera's full message (template file, line and column).
    pub fn render(&self, name: &str, value: &impl Serialize) -> Result<String, TemplateError> {
        let origin = self
            .overridden
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, f)| format!(" (from templates/{f})"))
            .unwrap_or_default();
        let fail = |message: String| TemplateError {
            name: name.to_owned(),
            origin: origin.clone(),
            message,
        };
        let context = tera::Context::from_serialize(value).map_err(|e| fail(chain(&e)))?;
        let rendered = self
            .tera
            .render(name, &context)
            .map_err(|e| fail(chain(&e)))?;
        // Control characters from the records (an ANSI escape in a name) never reach a report,
        // whatever the template does with a value.
        Ok(crate::text::printable_document(&rendered).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::{escape_markdown, nobreak};

    #[test]
    fn keeps_dates_and_ids_whole_and_escapes_the_rest() {
        assert_eq!(
            nobreak("since 2026-06-30 <b>"),
            "since <span class=\"nw\">2026-06-30</span> &lt;b&gt;"
        );
        assert_eq!(nobreak("a-<x>"), "<span class=\"nw\">a-&lt;x&gt;</span>");
    }

    #[test]
    fn escapes_markdown_in_record_values() {
        assert_eq!(
            escape_markdown("a|b *c* <d> R&D\nx"),
            "a\\|b \\*c\\* &lt;d&gt; R&amp;D x"
        );
    }
}
