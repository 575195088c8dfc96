//! Diagnostics: findings about the records as plain data, their stable codes, and renderers.
//!
//! Owns [`Diagnostic`], [`Code`] and the text and JSON renderers. Must not read files: the caller
//! passes the sources that diagnostics point into.

mod code;
mod diagnostic;
pub mod json;
pub mod text;

pub use code::{Code, CodeInfo};
pub use diagnostic::{Anchor, Diagnostic, Part, Position, Related, Severity, Summary};
