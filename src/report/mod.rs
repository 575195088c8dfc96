//! Reports: view models built from the model, rendered by Tera templates to HTML (print-ready)
//! and Markdown. Pure: returns the files to write; the binary writes them atomically.

pub mod footer;
mod quarterly;
pub mod standing;
mod status;
mod templates;
pub mod view;

use jiff::civil::Date;
use serde::Serialize;

pub use crate::model::Quarter;
pub use quarterly::QuarterlyReport;
pub use status::status_lines;
pub use templates::{BUILT_IN, TemplateError, Templates};
pub use view::{CareerSummaries, Meta, StatusLine};

use crate::model::{AcademicYear, Program};
use crate::parallel;
use crate::rules::Finding;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Self-contained HTML, print-ready.
    Html,
    /// Markdown for email or a wiki.
    Markdown,
}

impl Format {
    /// File extension (`html` or `md`).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
        }
    }
}

/// One rendered report: where it goes (relative to the output folder) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Relative path with `/` separators (`career-planning-2025-26.html`).
    pub path: String,
    /// The report's text.
    pub content: String,
}

/// What to report on.
#[derive(Debug, Clone)]
pub struct Request {
    /// The as-of date.
    pub as_of: Date,
    /// The academic year for career-planning summaries.
    pub year: AcademicYear,
    /// The quarter for the director's report.
    pub quarter: Quarter,
    /// Output format.
    pub format: Format,
    /// Record count and commit, for the footer.
    pub record_set: String,
}

#[derive(Serialize)]
struct Link {
    title: String,
    href: String,
}

/// What the career-summary template gets for one mentee's own report: the shape of
/// [`CareerSummaries`] with one mentee, borrowed.
#[derive(Serialize)]
struct OneSummary<'a> {
    meta: &'a Meta,
    mentees: &'a [view::CareerSummary],
}

#[derive(Serialize)]
struct Index<'a> {
    meta: &'a Meta,
    quarter: String,
    links: Vec<Link>,
    status: &'a [StatusLine],
    standings: Vec<standing::SubjectStanding>,
}

/// Renders every report: the career-planning summaries (all mentees in one file, and one file per
/// mentee), the quarterly report, and the index with the status table. `evaluation` is the rules'
/// evaluation as of `request.as_of` (the one `app::CheckOutcome` holds), so the rules are not
/// evaluated a second time.
///
/// # Errors
/// [`TemplateError`] if a template fails; nothing is returned then, so nothing is written.
pub fn render_all(
    program: &Program,
    request: &Request,
    findings: &[Finding],
    templates: &Templates,
) -> Result<Vec<Rendered>, TemplateError> {
    let ext = request.format.extension();
    let config = program.config.as_ref();
    let meta = Meta {
        program: config.map_or_else(|| "Mentoring program".to_owned(), |c| c.name.clone()),
        division: config.map_or_else(String::new, |c| c.division.clone()),
        as_of: request.as_of.to_string(),
        year: request.year.to_string(),
        record_set: request.record_set.clone(),
        tool_version: env!("CARGO_PKG_VERSION"),
        running_header_css: String::new(),
    };
    let meta = Meta {
        running_header_css: view::css_string(&format!("{} · as of {}", meta.program, meta.as_of)),
        ..meta
    };
    let status = &status_lines(findings);
    let summaries = view::career_summaries(
        program,
        request.year,
        request.as_of,
        meta.clone(),
        status,
        findings,
    );
    let template = format!("career-summary.{ext}");
    let all_path = format!("career-planning-{}.{ext}", request.year);
    let q_path = format!("quarterly-{}.{ext}", request.quarter);
    let mentee_paths: Vec<String> = summaries
        .mentees
        .iter()
        .map(|mentee| format!("career-planning/{}/{}.{ext}", request.year, mentee.id))
        .collect();
    let mut links = vec![
        Link {
            title: format!("Director's quarterly report {}", request.quarter),
            href: q_path.clone(),
        },
        Link {
            title: format!("Career-planning summaries {} (all mentees)", request.year),
            href: all_path.clone(),
        },
    ];
    links.extend(
        summaries
            .mentees
            .iter()
            .zip(&mentee_paths)
            .map(|(mentee, path)| Link {
                title: format!("{}: career-planning summary {}", mentee.name, request.year),
                href: path.clone(),
            }),
    );
    // Every report is rendered from values alone, so they render side by side: the summary of
    // all mentees, each mentee's own, and the quarterly report with the index.
    let (all, (quarterly, index)) = parallel::join(
        || templates.render(&template, &summaries),
        || {
            // One computation for the quarterly report's pair counts and the index's table.
            let standings = standing::standings(program, findings);
            let quarterly = quarterly::build(
                program,
                request.quarter,
                request.as_of,
                meta.clone(),
                findings,
                &standings,
            );
            let quarterly = templates.render(&format!("quarterly.{ext}"), &quarterly);
            let index = Index {
                meta: &meta,
                quarter: request.quarter.to_string(),
                links,
                status,
                standings,
            };
            (quarterly, templates.render(&format!("index.{ext}"), &index))
        },
    );
    let each = parallel::map(&summaries.mentees, |mentee| {
        let one = OneSummary {
            meta: &meta,
            mentees: std::slice::from_ref(mentee),
        };
        templates.render(&template, &one)
    });
    // The files, and the first error, in the order the reports were always rendered in.
    let mut out = Vec::with_capacity(summaries.mentees.len() + 3);
    out.push(Rendered {
        path: all_path,
        content: all?,
    });
    for (path, content) in mentee_paths.into_iter().zip(each) {
        out.push(Rendered {
            path,
            content: content?,
        });
    }
    out.push(Rendered {
        path: q_path,
        content: quarterly?,
    });
    out.push(Rendered {
        path: format!("index.{ext}"),
        content: index?,
    });
    Ok(out)
}
