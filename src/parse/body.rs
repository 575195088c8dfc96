//! Markdown bodies: rendered to HTML with pulldown-cmark, raw HTML passed through as text.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// Link schemes a body may link to; a link without a scheme (relative, `#fragment`) is kept too.
/// Anything else (`javascript:`, `vbscript:`, `data:`, `file:`, ...) is rendered as its text.
const LINK_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Renders a Markdown body to HTML. Raw HTML in the body is escaped, not passed through, so a
/// record can never inject markup into a report. Reports promise no scripts and no network, so
/// a link whose scheme could run code (`javascript:`, `vbscript:`, `data:`, anything but
/// [`LINK_SCHEMES`]) is rendered as its text only, and an image as its alt text, never `<img>`.
pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // Whether each open link is rendered as a link; how many images are open.
    let mut links: Vec<bool> = Vec::new();
    let mut images = 0usize;
    let parser = Parser::new_ext(markdown, options).filter_map(move |event| match event {
        Event::Start(Tag::Image { .. }) => {
            images += 1;
            None
        }
        Event::End(TagEnd::Image) => {
            images = images.saturating_sub(1);
            None
        }
        // Inside an image: its alt text, as plain text.
        Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text)
            if images > 0 =>
        {
            Some(Event::Text(text))
        }
        Event::SoftBreak | Event::HardBreak if images > 0 => Some(Event::Text(" ".into())),
        _ if images > 0 => None,
        Event::Start(Tag::Link { ref dest_url, .. }) => {
            let keep = is_safe_link(dest_url);
            links.push(keep);
            keep.then_some(event)
        }
        Event::End(TagEnd::Link) => links.pop().unwrap_or(true).then_some(event),
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, parser);
    out
}

/// A Markdown body made safe to put into a Markdown report, keeping the promise of
/// [`to_html`]: a link whose scheme could run code (including autolinks and links through a
/// reference definition) becomes its text, every image becomes its alt text (no remote fetches),
/// and reference definitions to unsafe destinations are removed. Everything else is left as
/// written. The replaced text is escaped, so it cannot form a link again.
pub fn to_safe_markdown(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let parser = Parser::new_ext(markdown, options).into_offset_iter();
    // Byte ranges of `markdown` to replace, with their replacement.
    let mut cuts: Vec<(std::ops::Range<usize>, String)> = parser
        .reference_definitions()
        .iter()
        .filter(|(_, def)| !is_safe_link(&def.dest))
        .map(|(_, def)| (def.span.clone(), String::new()))
        .collect();
    // The element being replaced: its range, its nesting depth, and the text collected in it.
    let mut dropping: Option<(std::ops::Range<usize>, usize, String)> = None;
    for (event, range) in parser {
        if let Some((_, depth, text)) = dropping.as_mut() {
            match event {
                Event::Start(_) => *depth += 1,
                Event::End(_) if *depth == 0 => {
                    if let Some((range, _, text)) = dropping.take() {
                        cuts.push((range, escape_text(&text)));
                    }
                }
                Event::End(_) => *depth -= 1,
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    text.push_str(&t);
                }
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Image { .. }) => dropping = Some((range, 0, String::new())),
            Event::Start(Tag::Link { ref dest_url, .. }) if !is_safe_link(dest_url) => {
                dropping = Some((range, 0, String::new()));
            }
            _ => {}
        }
    }
    cuts.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(markdown.len());
    let mut at = 0;
    for (range, replacement) in cuts {
        if range.start < at || range.end > markdown.len() {
            continue;
        }
        out.push_str(markdown.get(at..range.start).unwrap_or_default());
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(markdown.get(at..).unwrap_or_default());
    out
}

/// `text` with Markdown punctuation backslash-escaped, so it reads as plain text.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '('
                | ')'
                | '!'
                | '<'
                | '>'
                | '#'
                | '|'
                | '&'
                | ':'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether a link destination may become a link: no scheme, or one of [`LINK_SCHEMES`]. The
/// scheme is read the way a browser reads it: leading spaces and controls are dropped, tabs and
/// newlines anywhere are ignored, and case does not matter.
fn is_safe_link(dest: &CowStr<'_>) -> bool {
    let cleaned: String = dest
        .trim_start_matches(|c: char| c == ' ' || c.is_ascii_control())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some((scheme, _)) = cleaned.split_once(':') else {
        return true;
    };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    !is_scheme || LINK_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str())
}

/// Whether a body has any content besides whitespace. Whitespace is Unicode's `White_Space`
/// ([`char::is_whitespace`]): spaces, tabs, line breaks, form feed, no-break space (U+00A0),
/// line and paragraph separators (U+2028, U+2029) and the other space characters. A body of only
/// those is empty, so a meeting log may end in them. Format characters that are not whitespace
/// (zero-width space U+200B, joiners, bidirectional controls) are text: they can hide a note.
pub fn is_blank(body: &str) -> bool {
    body.chars().all(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;

    #[test_case("[x](javascript:alert(1)) after", "x after" ; "inline link")]
    #[test_case("[x][r] after\n\n[r]: javascript:alert(1)\n", "x after\n\n\n" ; "reference definition")]
    #[test_case("<javascript:alert(1)>", "javascript\\:alert\\(1\\)" ; "autolink")]
    #[test_case("![a chart](https://example.org/t.png)", "a chart" ; "remote image")]
    #[test_case("![a chart][r]\n\n[r]: https://example.org/t.png", "a chart\n\n[r]: https://example.org/t.png" ; "image through a safe reference")]
    #[test_case("[ok](https://example.org/) and *text*", "[ok](https://example.org/) and *text*" ; "safe links stay")]
    #[test_case("[x](<java\tscript:alert(1)>)", "x" ; "tab in the scheme")]
    fn makes_markdown_safe(markdown: &str, expected: &str) {
        assert_eq!(to_safe_markdown(markdown), expected);
        // And what is left renders without a dangerous link or an image.
        let html = to_html(&to_safe_markdown(markdown));
        assert!(
            !html.contains("javascript:alert") || !html.contains("href"),
            "{html}"
        );
    }

    #[test_case("", true; "empty")]
    #[test_case(" \t\n\r\n", true; "ascii whitespace")]
    #[test_case("\u{a0}\u{2028}\u{2029}\u{c}\u{3000}", true; "nbsp, separators, form feed, ideographic space")]
    #[test_case("\u{200b}", false; "zero-width space is not whitespace")]
    #[test_case("\u{a0}x\u{a0}", false; "a letter")]
    fn decides_what_an_empty_body_is(body: &str, blank: bool) {
        assert_eq!(is_blank(body), blank);
    }

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

    #[test_case("[x](javascript:alert(1))" ; "javascript")]
    #[test_case("[x](JavaScript:alert(1))" ; "mixed case")]
    #[test_case("[x](<java\tscript:alert(1)>)" ; "tab inside the scheme")]
    #[test_case("[x](&#106;avascript:alert(1))" ; "entity in the scheme")]
    #[test_case("[x](< \u{1}javascript:alert(1)>)" ; "leading space and control")]
    #[test_case("[x](vbscript:msgbox(1))" ; "vbscript")]
    #[test_case("[x](data:text/html;base64,PHNjcmlwdD4=)" ; "data")]
    #[test_case("[x][r]\n\n[r]: javascript:alert(1)" ; "reference definition")]
    fn renders_a_dangerous_link_as_its_text(markdown: &str) {
        let html = to_html(markdown);
        assert_eq!(html, "<p>x</p>\n", "{markdown:?}");
    }

    #[test]
    fn renders_a_dangerous_autolink_as_text() {
        let html = to_html("<javascript:alert(1)>");
        assert!(!html.contains("<a"), "{html}");
        assert!(!html.contains("href"), "{html}");
    }

    #[test_case("[x](https://example.org/a)", "https://example.org/a" ; "https")]
    #[test_case("[x](http://example.org/)", "http://example.org/" ; "http")]
    #[test_case("[x](mailto:a@example.org)", "mailto:a@example.org" ; "mailto")]
    #[test_case("[x](#goals)", "#goals" ; "fragment")]
    #[test_case("[x](notes/plan.md)", "notes/plan.md" ; "relative")]
    fn keeps_a_safe_link(markdown: &str, href: &str) {
        let html = to_html(markdown);
        assert_eq!(html, format!("<p><a href=\"{href}\">x</a></p>\n"));
    }

    #[test_case("![a chart](https://example.org/track.png)" ; "remote")]
    #[test_case("![a chart](data:image/png;base64,iVBORw0KGgo=)" ; "data")]
    #[test_case("![a chart](chart.png \"title\")" ; "relative with a title")]
    #[test_case("![a chart][r]\n\n[r]: https://example.org/t.png" ; "reference")]
    fn renders_an_image_as_its_alt_text(markdown: &str) {
        let html = to_html(markdown);
        assert_eq!(html, "<p>a chart</p>\n", "{markdown:?}");
    }

    #[test]
    fn renders_an_image_with_markup_in_its_alt_as_plain_text() {
        let html = to_html("![a *bold* [link](javascript:x) `c` <b>](https://e.org/i.png)");
        assert_eq!(html, "<p>a bold link c &lt;b&gt;</p>\n");
    }

    #[test]
    fn keeps_a_safe_link_around_an_image() {
        let html = to_html("[![badge](https://e.org/b.svg)](https://e.org)");
        assert_eq!(html, "<p><a href=\"https://e.org\">badge</a></p>\n");
    }
}
