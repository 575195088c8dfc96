//! Matching (seed 002 peer groups, seed 004 mentor pairing): proposals the program director can
//! read, explain and edit as records. Pure: takes a [`crate::model::Program`], returns values.

pub mod groups;
pub mod mentors;
pub mod partition;
