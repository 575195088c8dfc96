//! Self-assessment instruments: items, domains, scale and scoring.

use serde::{Deserialize, Serialize};

use super::person::Role;

/// A self-assessment instrument (built in under `schema/instruments/`, or the program's own
/// under `instruments/`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Kebab-case id, equal to the file name.
    pub id: String,
    /// Display title.
    pub title: String,
    /// Who takes it.
    pub taken_by: Vec<Role>,
    /// Where it comes from.
    #[serde(default)]
    pub source: Option<String>,
    /// The response scale.
    pub scale: Scale,
    /// How a domain score is computed from its items.
    pub scoring: Scoring,
    /// Competency domains.
    pub domains: Vec<Domain>,
    /// Items, each in one domain.
    pub items: Vec<Item>,
    /// Relative path (`schema/instruments/<id>.md` for built-ins).
    #[serde(skip)]
    pub path: String,
    /// Markdown body: what it is, who takes it and when.
    #[serde(skip)]
    pub body: String,
}

/// An integer response scale.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Lowest value.
    pub min: i64,
    /// Highest value.
    pub max: i64,
    /// Labels for some or all values.
    #[serde(default)]
    pub labels: Vec<ScaleLabel>,
}

/// A label for one scale value.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleLabel {
    /// The value.
    pub value: i64,
    /// Its label.
    pub label: String,
}

/// How a domain score is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scoring {
    /// Mean of the domain's item responses.
    Mean,
    /// Sum of the domain's item responses.
    Sum,
}

/// A competency domain.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    /// Kebab-case id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// One item (question).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Item id, e.g. `mca-01`.
    pub id: String,
    /// The domain it belongs to.
    pub domain: String,
    /// The statement the person rates.
    pub text: String,
}
