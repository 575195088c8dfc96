//! Markdown bodies: rendered to HTML with pulldown-cmark, raw HTML passed through as text.

use pulldown_cmark::{Event, Options, Parser, html};

/// Renders a Markdown body to HTML. Raw HTML in the body is escaped, not passed through, so a
/// record can never inject markup into a report.
pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let parser = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, parser);
    out
}

/// Whether a body has any content besides whitespace.
pub fn is_blank(body: &str) -> bool {
    body.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_raw_html() {
        let html = to_html("Hello <script>alert(1)</script> & R&D");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("R&amp;D"), "{html}");
    }

    #[test]
    fn renders_lists() {
        assert!(to_html("- a\n- b\n").contains("<li>a</li>"));
    }
}
