//! Presentation: the words and layouts of command output built from typed results. `rules`
//! decides (findings with a [`Status`](crate::rules::Status)); this module formats them as text,
//! CSV and JSON strings. It returns strings and never prints; the binary writes them.

pub mod csv;
pub mod status;
